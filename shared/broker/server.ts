/**
 * The broker over HTTP (node:http): parse the request, call the service, map refusals to RFC 6749
 * §5.2 bodies. No credential or token is ever logged here; the audit log is the service's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { listen, readBody, sendJson } from '../standins/http.js';
import { createOidcVerifier, type OidcVerifierOptions } from '../oidc/verify.js';
import { readOrgPolicyFile } from '../check/load.js';
import { parseRate, type BrokerConfig } from './config.js';
import { fileAuditSink, type AuditSink } from './audit-log.js';
import { BrokerRefusal } from './errors.js';
import { directorySource, githubSource, type ManifestSource } from './manifest-source.js';
import { GithubApp } from './providers/github-app.js';
import { BrokerService, type BrokerDeps } from './service.js';
import { parseAdminTokens } from './client-auth.js';
import { JobIdentityChecker } from './job-identity.js';
import { githubOrgPolicySource } from './org-policy-source.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { MemoryStore } from './state/memory.js';
import type { Store } from './state/store.js';

export interface RunningBroker {
  readonly url: string;
  readonly service: BrokerService;
  close(): Promise<void>;
}

const badBody = (description: string) => new BrokerRefusal('invalid_request', 'ERR_BODY', description);

/**
 * A JSON body is accepted as a flat object of string, number or boolean values (what a form holds);
 * `null`, arrays, nested objects and deep nesting are refused before JSON.parse sees them.
 */
function jsonParams(body: string): URLSearchParams {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      if (++depth > 1) throw badBody('a JSON body is one flat object of parameters (no nesting)');
    } else if (c === '}' || c === ']') depth--;
  }
  let obj: unknown;
  try {
    obj = JSON.parse(body || '{}');
  } catch {
    throw badBody('the body is not valid JSON');
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    throw badBody('a JSON body is one object of parameters');
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw badBody(`parameter '${k.slice(0, 64)}' must be a string, number or boolean`);
    out.append(k, String(v));
  }
  return out;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  let params: URLSearchParams;
  if (type.startsWith('application/json')) params = jsonParams(await readBody(req, 64 * 1024));
  else if (type.startsWith('application/x-www-form-urlencoded'))
    params = new URLSearchParams(await readBody(req, 64 * 1024));
  else
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_CONTENT_TYPE',
      'send application/x-www-form-urlencoded (RFC 8693)',
      415,
    );
  // RFC 6749 §3.2: a parameter must not appear more than once (which one would win is ambiguous).
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k))
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_DUPLICATE',
        `parameter '${k.slice(0, 64)}' is given more than once`,
      );
    seen.add(k);
  }
  return params;
}

export function handler(service: BrokerService, publicUrl: string, audit?: AuditSink) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    // Every refusal not recorded by the service (bad bodies, unknown routes, failures) gets a line here.
    const record = (code: string, description: string, outcome: 'denied' | 'error') =>
      audit?.write({
        type: path === '/admin/revoke' ? 'admin.revoke' : 'credential.refused',
        outcome,
        reason: code,
        detail: description,
        details: { endpoint: path, method },
      });
    try {
      if (method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (method === 'GET' && path === '/.well-known/jwks.json')
        return sendJson(res, 200, service.jwks(), { 'cache-control': 'public, max-age=300' });
      if (method === 'GET' && path === '/.well-known/openid-configuration') {
        return sendJson(res, 200, {
          issuer: publicUrl,
          jwks_uri: `${publicUrl}/.well-known/jwks.json`,
          token_endpoint: `${publicUrl}/token`,
          revocation_endpoint: `${publicUrl}/revoke`,
          introspection_endpoint: `${publicUrl}/introspect`,
          grant_types_supported: ['urn:ietf:params:oauth:grant-type:token-exchange'],
          id_token_signing_alg_values_supported: ['ES256'],
        });
      }
      if (method === 'POST' && path === '/token')
        return sendJson(res, 200, await service.exchange(await form(req)));
      if (method === 'POST' && path === '/revoke')
        return sendJson(res, 200, await service.revoke(await form(req)));
      if (method === 'POST' && path === '/introspect')
        return sendJson(res, 200, await service.introspect(await form(req), req.headers.authorization));
      if (method === 'POST' && path === '/admin/revoke') {
        const p = await form(req);
        const target = {
          ...(p.get('repository') ? { repository: p.get('repository')! } : {}),
          ...(p.get('workflow') ? { workflow: p.get('workflow')! } : {}),
          ...(p.get('run_id') ? { run_id: p.get('run_id')! } : {}),
        };
        return sendJson(res, 200, await service.adminRevoke(req.headers.authorization, target));
      }
      throw new BrokerRefusal('invalid_request', 'ERR_NO_ROUTE', `no route ${method} ${path}`, 404);
    } catch (caught) {
      let err = caught;
      if ((err as { code?: string }).code === 'ERR_BODY_TOO_LARGE')
        err = new BrokerRefusal('invalid_request', 'ERR_BODY_TOO_LARGE', 'request body over 64 KiB', 413);
      if (err instanceof BrokerRefusal) {
        if (!err.audited) record(err.code, err.description, err.status >= 500 ? 'error' : 'denied');
        return sendJson(res, err.status, err.toJSON(), {
          ...(err.retryAfter ? { 'retry-after': String(err.retryAfter) } : {}),
          ...(err.status === 401 ? { 'www-authenticate': 'Bearer realm="stepwarden"' } : {}),
        });
      }
      record('ERR_INTERNAL', `unexpected ${(err as Error)?.name ?? 'error'}`, 'error');
      return sendJson(res, 500, {
        error: 'server_error',
        error_description: 'ERR_INTERNAL: the broker failed; see its log',
      });
    }
  };
}

/** Starts a broker from already built parts (tests, demo, bench). */
export async function startBrokerWith(
  deps: BrokerDeps,
  listenOn = '127.0.0.1:0',
  sweepMs = 1000,
): Promise<RunningBroker> {
  const service = new BrokerService(deps);
  const [host, port] = splitHostPort(listenOn);
  const srv = await listen(handler(service, deps.url, deps.audit), host, port);
  const timer = setInterval(() => void service.sweep().catch(() => undefined), sweepMs);
  timer.unref();
  return {
    url: srv.url,
    service,
    async close() {
      clearInterval(timer);
      await srv.close();
      await deps.audit.flush();
      await deps.store.close();
    },
  };
}

function splitHostPort(s: string): [string, number] {
  const i = s.lastIndexOf(':');
  return [s.slice(0, i).replace(/^\[|\]$/g, '') || '127.0.0.1', Number(s.slice(i + 1))];
}

async function storeFor(config: BrokerConfig): Promise<Store> {
  if (config.state === 'memory') return new MemoryStore();
  throw new Error(
    `state '${config.state}': the Redis store is not part of this version yet; run one instance with state: memory`,
  );
}

/** Builds every part from the config file and starts listening. */
export async function startBroker(
  config: BrokerConfig,
  overrides: { verifier?: OidcVerifierOptions; audit?: AuditSink } = {},
): Promise<RunningBroker> {
  const at = (p: string) => resolve(config.baseDir, p);
  const key = await loadOrCreateSigningKey(at(config.signing['key-file']));
  const github = config.github
    ? await GithubApp.fromFiles(
        config.github.api,
        config.github['app-id'],
        at(config.github['private-key-file']),
      )
    : undefined;
  const manifests: ManifestSource =
    config.manifests.source === 'github' ? githubSource(github!) : directorySource(at(config.manifests.path));
  const tokensFile = config['admin-tokens-file'];
  const adminTokenHashes = tokensFile
    ? parseAdminTokens(await readFile(at(tokensFile), 'utf8'), tokensFile).map((t) => `${t.name}:${t.sha256}`)
    : [];
  const orgSetting = config['org-policy'];
  const org = typeof orgSetting === 'string' ? await readOrgPolicyFile(at(orgSetting)) : undefined;
  const orgPolicies =
    typeof orgSetting === 'object'
      ? githubOrgPolicySource(github!, { headTtlMs: orgSetting['refresh-seconds'] * 1000 })
      : undefined;
  return startBrokerWith(
    {
      url: config.url,
      verifier: createOidcVerifier({
        issuers: config.issuers,
        audience: config.audience,
        clockToleranceSeconds: config['clock-tolerance'],
        maxTokenLifetimeSeconds: config['max-token-lifetime'],
        ...overrides.verifier,
      }),
      store: await storeFor(config),
      key,
      manifests,
      audit: overrides.audit ?? fileAuditSink(at(config.audit)),
      ...(github ? { github } : {}),
      ...(org ? { org } : {}),
      ...(orgPolicies ? { orgPolicies } : {}),
      jobIdentity: new JobIdentityChecker(github, { require: config['require-job-identity'] }),
      rateLimit: parseRate(config['rate-limit']['per-repository']),
      replayRateLimit: parseRate(config['rate-limit']['replays-per-repository']),
      adminTokenHashes,
    },
    config.listen,
  );
}
