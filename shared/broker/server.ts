/**
 * The broker over HTTP (node:http): parse the request, call the service, map refusals to RFC 6749
 * §5.2 bodies. No credential or token is ever logged here; the audit log is the service's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BodyError, listen, readBody, sendBodyError, sendJson, type ServerLimits } from '../standins/http.js';
import { createOidcVerifier, type OidcVerifierOptions } from '../oidc/verify.js';
import { readOrgPolicyFile } from '../check/load.js';
import { parseRate, type BrokerConfig } from './config.js';
import { fileAuditSink, type AuditSink } from './audit-log.js';
import { BrokerRefusal } from './errors.js';
import { directorySource, githubSource, type ManifestSource } from './manifest-source.js';
import { GithubApp } from './providers/github-app.js';
import { BrokerService, sha256, type BrokerDeps } from './service.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { MemoryStore } from './state/memory.js';
import type { Store } from './state/store.js';

export interface RunningBroker {
  readonly url: string;
  readonly service: BrokerService;
  close(): Promise<void>;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  const type = String(req.headers['content-type'] ?? '');
  const body = await readBody(req, 64 * 1024);
  if (type.startsWith('application/json')) {
    const obj = JSON.parse(body || '{}') as unknown;
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj))
      throw new BrokerRefusal('invalid_request', 'ERR_BODY', 'a JSON body must be an object of parameters');
    return new URLSearchParams(Object.entries(obj).map(([k, v]) => [k, String(v)] as [string, string]));
  }
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_CONTENT_TYPE',
      'send application/x-www-form-urlencoded (RFC 8693)',
      415,
    );
  }
  return new URLSearchParams(body);
}

export function handler(service: BrokerService, publicUrl: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
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
        return sendJson(res, 200, await service.introspect(await form(req)));
      if (method === 'POST' && path === '/admin/revoke') {
        const p = await form(req);
        const target = {
          ...(p.get('repository') ? { repository: p.get('repository')! } : {}),
          ...(p.get('workflow') ? { workflow: p.get('workflow')! } : {}),
          ...(p.get('run_id') ? { run_id: p.get('run_id')! } : {}),
        };
        return sendJson(
          res,
          200,
          await service.adminRevoke(req.headers.authorization, target, p.get('actor') ?? 'admin'),
        );
      }
      return sendJson(res, 404, { error: 'not_found', error_description: `no route ${method} ${path}` });
    } catch (err) {
      if (err instanceof BrokerRefusal) {
        return sendJson(
          res,
          err.status,
          err.toJSON(),
          err.retryAfter ? { 'retry-after': String(err.retryAfter) } : {},
        );
      }
      if (err instanceof BodyError)
        return sendBodyError(res, err, {
          error: 'invalid_request',
          error_description:
            err.code === 'ERR_BODY_TOO_LARGE'
              ? 'ERR_BODY_TOO_LARGE: request body over 64 KiB; send only the form parameters'
              : `ERR_BODY_TIMEOUT: ${err.message}; send the whole body at once`,
        });
      if (err instanceof SyntaxError)
        return sendJson(res, 400, {
          error: 'invalid_request',
          error_description: 'ERR_BODY: body is not valid JSON',
        });
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
  limits: ServerLimits = {},
): Promise<RunningBroker> {
  const service = new BrokerService(deps);
  const [host, port] = splitHostPort(listenOn);
  const srv = await listen(handler(service, deps.url), host, port, limits);
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
  const t = config.timeouts;
  const github = config.github
    ? await GithubApp.fromFiles(
        config.github.api,
        config.github['app-id'],
        at(config.github['private-key-file']),
        t.upstream * 1000,
      )
    : undefined;
  const manifests: ManifestSource =
    config.manifests.source === 'github' ? githubSource(github!) : directorySource(at(config.manifests.path));
  const adminTokenHashes = config['admin-tokens-file']
    ? (await readFile(at(config['admin-tokens-file']), 'utf8'))
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'))
        .map(sha256)
    : [];
  const org = config['org-policy'] ? await readOrgPolicyFile(at(config['org-policy'])) : undefined;
  return startBrokerWith(
    {
      url: config.url,
      verifier: createOidcVerifier({
        issuers: config.issuers,
        audience: config.audience,
        clockToleranceSeconds: config['clock-tolerance'],
        fetchTimeoutMs: t.upstream * 1000,
        ...overrides.verifier,
      }),
      store: await storeFor(config),
      key,
      manifests,
      audit: overrides.audit ?? fileAuditSink(at(config.audit)),
      ...(github ? { github } : {}),
      ...(org ? { org } : {}),
      rateLimit: parseRate(config['rate-limit']['per-repository']),
      adminTokenHashes,
    },
    config.listen,
    1000,
    {
      headersTimeoutMs: t.headers * 1000,
      bodyTimeoutMs: t.body * 1000,
      keepAliveTimeoutMs: t['keep-alive'] * 1000,
      maxConnections: config['max-connections'],
    },
  );
}
