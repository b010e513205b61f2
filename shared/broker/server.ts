/**
 * The broker over HTTP (node:http): parse the request, call the service, map refusals to RFC 6749
 * §5.2 bodies. No credential or token is ever logged here; the audit log is the service's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { BodyError, listen, readBody, sendBodyError, sendJson, type ServerLimits } from '../standins/http.js';
import { createOidcVerifier, type OidcVerifierOptions } from '../oidc/verify.js';
import { duplicateMember } from '../oidc/json-members.js';
import { checkConfigFolders, issuerSettings, stateTransportWarning, type BrokerConfig } from './config.js';
import { buildTenants, dispatchByIssuer } from './issuers.js';
import { clockNote } from './providers/github-app.js';
import { checkAuditLogPath, fileAuditSink, type AuditSink } from './audit-log.js';
import { shown } from '../conditions/verdict.js';
import { BrokerRefusal } from './errors.js';
import { assertParameterNames, assertRequestFraming, assertTokenParameters, bodyTypeOf } from './request.js';
import { BrokerService, type BrokerDeps } from './service.js';
import { formParams } from './form-body.js';
import { OpsHttp, type BrokerOps } from './ops/http.js';
import { cloudEventsSink, teeAuditSink } from './ops/cloudevents-sink.js';
import { jsonLogger, type Logger } from './ops/log.js';
import { sweepReporter } from './ops/sweep-report.js';
import { SweepPace, sweepRun } from './sweep-pace.js';
import { instanceName, settingsOf } from './ops/fleet.js';
import { watchFleet } from './ops/fleet-watch.js';
import {
  BrokerMetrics,
  meteredAuditSink,
  meteredFetch,
  meteredStore,
  storeMeter,
  metricsExposure,
} from './ops/metrics.js';
import { auditFileCheck, issuerKeysCheck, signingKeyCheck, storeCheck } from './ops/readiness.js';
import { githubResponseObservers } from '../github/octokit.js';
import { budgetedAuditSink } from './audit-budget.js';
import { JobIdentityChecker } from './job-identity.js';
import {
  combinedOrgPolicy,
  githubOrgPolicySource,
  staticOrgPolicy,
  type OrgPolicySource,
} from './org-policy-source.js';
import {
  ConfigReloader,
  readLiveSettings,
  readSmallFile,
  switchableOrgPolicy,
  type LiveSettings,
} from './ops/reload.js';
import { loadOrCreateSigningKey } from './signing-key.js';
import { MemoryStore } from './state/memory.js';
import { RedisStore } from './state/redis.js';
import { SecretBox } from './state/secret-box.js';
import type { Store } from './state/store.js';
import { steadySeconds } from '../clock/steady.js';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

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
  // JSON.parse keeps the last of two equal names; a form with the name twice is refused (below), so
  // is this: a proxy or WAF reading the first `subject_token` must not see another token than we do.
  const twice = duplicateMember(body);
  if (twice !== undefined)
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_DUPLICATE',
      `parameter '${shown(twice.slice(0, 64))}' is given more than once`,
    );
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
      throw badBody(`parameter '${shown(k.slice(0, 64))}' must be a string, number or boolean`);
    out.append(k, String(v));
  }
  return out;
}

async function form(req: IncomingMessage): Promise<URLSearchParams> {
  assertRequestFraming(req.url ?? '/', req.headersDistinct, req.httpVersion);
  // The media type exactly, UTF-8 only (request.ts): a prefix match read `application/json-patch+json` as JSON.
  const type = bodyTypeOf(req.headers['content-type']);
  let params: URLSearchParams;
  if (type === 'json') params = jsonParams(await readBody(req, 64 * 1024));
  else if (type === 'form') params = formParams(await readBody(req, 64 * 1024));
  else
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_CONTENT_TYPE',
      'send application/x-www-form-urlencoded (RFC 8693) in UTF-8',
      415,
    );
  // Trailer fields of a chunked body (a `content-type` after the body) are never read here; a proxy
  // that merges them into the header would read the request otherwise.
  if (req.rawTrailers.length > 0)
    throw badBody('trailer fields after a chunked body are not read; send every header before the body');
  // RFC 6749 §3.2: a parameter must not appear more than once (which one would win is ambiguous).
  const seen = new Set<string>();
  for (const k of params.keys()) {
    if (seen.has(k))
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_DUPLICATE',
        `parameter '${shown(k.slice(0, 64))}' is given more than once`,
      );
    seen.add(k);
  }
  assertParameterNames(params);
  return params;
}

/** Every request the handler is still working on, so close() can wait for them (see startBrokerWith). */
/**
 * A credential answer not yet handed to the connection (a pipelined response waits in node's queue
 * behind the one before it) is delivered when the response finishes, or never, when the client closes
 * the connection first: then nobody holds it, and it is revoked like any other undelivered one.
 * An answer that already had the connection when it closed was being written (a partial write: the
 * kernel took its first bytes, `{"access_token":"…`, and node held the rest for a slow reader): the
 * client may hold the whole credential, so it is revoked without its claim given back (session 27: a
 * broker JWT, valid wherever it is read without introspection, was followed by a second one).
 */
function revokeUnlessSent(
  service: BrokerService,
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
): Promise<void> {
  const socket = req.socket;
  return new Promise<void>((done) => {
    const sent = () => {
      socket.off('close', lost);
      done();
    };
    const lost = () => {
      res.off('finish', sent);
      // Queued, the response has no socket and nothing of it left; node keeps `res.socket` of the
      // response that was being written when the connection closed.
      void service
        .revokeUndelivered(token, res.socket ? 'SEND_INTERRUPTED' : 'UNDELIVERED')
        .catch(() => undefined)
        .finally(done);
    };
    res.once('finish', sent);
    socket.once('close', lost);
  });
}

export type WorkInFlight = Set<Promise<unknown>>;

export function handler(
  service: BrokerService,
  publicUrl: string,
  ops?: OpsHttp,
  audit?: AuditSink,
  work?: WorkInFlight,
) {
  const serve = handle(service, publicUrl, ops, audit);
  if (!work) return serve;
  return (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const p = serve(req, res);
    work.add(p);
    void p.finally(() => work.delete(p)).catch(() => undefined);
    return p;
  };
}

/** Every path this broker answers (with ops/http.ts's): the only ones a refusal or its line names. */
export const SERVED: ReadonlySet<string> = new Set([
  '/token',
  '/revoke',
  '/introspect',
  '/admin/revoke',
  '/admin/unblock',
  '/healthz',
  '/readyz',
  '/metrics',
  '/.well-known/jwks.json',
  '/.well-known/spiffe-bundle',
  '/.well-known/openid-configuration',
]);

function handle(service: BrokerService, publicUrl: string, ops?: OpsHttp, audit?: AuditSink) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    // Any other path is the caller's text and is never echoed nor written: a token sent as a path
    // segment (`GET /token/<OIDC token>`) came back whole in the 404 and sat in its audit line, live
    // and unspent (session 35). Its length says enough to tell a probe from a misrouted prefix.
    const named = SERVED.has(path)
      ? path
      : `(a path this broker does not serve, ${path.length} characters, not shown)`;
    // Every refusal not recorded by the service (bad bodies, unknown routes, failures) gets a line here.
    const record = (code: string, description: string, outcome: 'denied' | 'error') =>
      audit?.write({
        // An administrator's refused request is administrator activity, not a credential refusal.
        type:
          path === '/admin/revoke'
            ? 'admin.revoke'
            : path === '/admin/unblock'
              ? 'admin.unblock'
              : 'credential.refused',
        outcome,
        reason: code,
        detail: description,
        details: { endpoint: named, method },
      });
    try {
      if (ops && (await ops.route(req, res))) return;
      if (method === 'GET' && path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (method === 'GET' && path === '/.well-known/jwks.json')
        return sendJson(res, 200, service.jwks(), { 'cache-control': 'public, max-age=300' });
      if (method === 'GET' && path === '/.well-known/spiffe-bundle') {
        const bundle = service.spiffeBundle();
        if (!bundle)
          return sendJson(res, 404, {
            error: 'not_found',
            error_description: 'ERR_SPIFFE_OFF: this broker issues no JWT-SVIDs (jwt-profile: spiffe)',
          });
        return sendJson(res, 200, bundle, { 'cache-control': 'public, max-age=300' });
      }
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
      if (method === 'POST' && path === '/token') {
        // The parameters (the subject token among them) in a frame that ends here, not in this one,
        // which waits for the answer (its audit line on disk): what that wait holds is promoted.
        const answer = await form(req).then((params) => {
          assertTokenParameters(params);
          return service.exchange(params);
        });
        // The client is gone (its connection was cut while the credential was minted): nobody can
        // receive it, so it is revoked rather than left live until its ttl. The connection, not the
        // response: a pipelined response queued behind another has no socket of its own yet.
        const token =
          'access_token' in answer && typeof answer.access_token === 'string'
            ? answer.access_token
            : undefined;
        if (res.destroyed || req.socket.destroyed) {
          if (token !== undefined) await service.revokeUndelivered(token).catch(() => undefined);
          return;
        }
        sendJson(res, 200, answer);
        if (token !== undefined && !res.writableFinished) await revokeUnlessSent(service, req, res, token);
        return;
      }
      if (method === 'POST' && path === '/revoke')
        return sendJson(res, 200, await service.revoke(await form(req)));
      if (method === 'POST' && path === '/introspect')
        return sendJson(res, 200, await service.introspect(await form(req), req.headers.authorization));
      if (method === 'POST' && (path === '/admin/revoke' || path === '/admin/unblock')) {
        const p = await form(req);
        const target = {
          ...(p.get('repository') ? { repository: p.get('repository')! } : {}),
          ...(p.get('repository_id') ? { repository_id: p.get('repository_id')! } : {}),
          ...(p.get('workflow') ? { workflow: p.get('workflow')! } : {}),
          ...(p.get('run_id') ? { run_id: p.get('run_id')! } : {}),
        };
        return sendJson(
          res,
          200,
          path === '/admin/revoke'
            ? await service.adminRevoke(req.headers.authorization, target)
            : await service.adminUnblock(req.headers.authorization, target),
        );
      }
      throw new BrokerRefusal('invalid_request', 'ERR_NO_ROUTE', `no route ${method} ${named}`, 404);
    } catch (caught) {
      const err = caught;
      if (err instanceof BodyError) {
        // Too large or too slow: answered (and drained) by the HTTP layer, recorded here.
        const description =
          err.code === 'ERR_BODY_TOO_LARGE'
            ? 'request body over 64 KiB; send only the form parameters'
            : err.code === 'ERR_BODY_ENCODING'
              ? `${err.message}; percent-encode every byte outside ASCII (RFC 8693 forms are UTF-8)`
              : `${err.message}; send the whole body at once`;
        record(err.code, description, 'denied');
        return sendBodyError(res, err, {
          error: 'invalid_request',
          error_description: `${err.code}: ${description}`,
        });
      }
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
  ops: BrokerOps = {},
  limits: ServerLimits = {},
): Promise<RunningBroker> {
  // Unauthenticated refusals get a line each up to a budget, then a count; attributed refusals up to
  // a per-repository budget a minute, then a count per repository (audit-budget.ts).
  const metrics = ops.metrics;
  const audit = budgetedAuditSink(deps.audit, {
    ...(deps.auditRefusalsPerMinute ? { refusalsPerMinute: deps.auditRefusalsPerMinute } : {}),
    // Still refused and still counted: exchanges by reason include what the log only counts.
    ...(metrics ? { suppressed: (e) => metrics.observeEvent(e) } : {}),
  });
  const service = new BrokerService({ ...deps, audit });
  const opsHttp = new OpsHttp(ops);
  const [host, port] = splitHostPort(listenOn);
  const work: WorkInFlight = new Set();
  const srv = await listen(handler(service, deps.url, opsHttp, audit, work), host, port, limits);
  // Other instances' cache drops (store pub/sub); a subscription that cannot start costs only freshness.
  void deps.store.subscribe?.((msg) => service.dropCaches(msg)).catch(() => undefined);
  // On start, what is overdue (deadlines passed while no instance ran, retries, abandoned intents) first.
  let sweeping = false;
  const report = sweepReporter(ops.log ?? jsonLogger(), ops.metrics);
  const pace = new SweepPace();
  const sweep = () => {
    if (sweeping) return;
    sweeping = true;
    // One batch per tick would fall behind a sustained burst (more deadlines per second than a batch
    // holds) and the queue, and every record it pins, would grow without end: batches follow each
    // other while they find work, each after the event loop had a turn, for at most half the interval.
    // A batch on memory state is one uninterrupted chain: sized to a slice of time (sweep-pace.ts), so
    // a burst's expiry wave does not hold the next burst's exchanges.
    // A store outage or GitHub failing: the next tick retries (exchanges meanwhile answer 503); the
    // operator hears of it (counted, one line a minute at most), never silence.
    void sweepRun((limit) => service.sweep(limit), pace, performance.now() + sweepMs / 2)
      .then(report.succeeded, report.failed)
      .finally(() => (sweeping = false));
  };
  sweep();
  const timer = setInterval(sweep, sweepMs);
  timer.unref();
  return {
    url: srv.url,
    service,
    async close() {
      clearInterval(timer);
      // Drain: stop accepting, let in-flight exchanges finish (their audit lines included), then cut.
      await opsHttp.drain(srv.server);
      // Every client is cut: an exchange still before its mint is refused there, so every mint still
      // out began before the wait below, and ends (its upstream deadline) inside it.
      service.stopMinting();
      // A cut connection does not stop the exchange behind it: a credential may still be minting.
      // Its lines and its revocation (nobody can receive it) come before the audit flush and the
      // store's close, within the exchange's own in-flight window; past it, the sweep of another
      // instance (shared store) revokes what is left.
      if (work.size) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          Promise.allSettled([...work]),
          new Promise((r) => (timer = setTimeout(r, (deps.inFlightSeconds ?? 30) * 1000))),
        ]);
        clearTimeout(timer);
      }
      // GitHub tokens neither the store nor GitHub took, held by this instance alone: one more try of
      // each, bounded like the drain, then a line for each still held (lost with the process).
      await service.drainUnqueued(ops.drainTimeoutMs ?? 10_000);
      // The store is closed even when the audit log cannot be written at the end (that failure is
      // still reported): an open store connection would keep the process from ever exiting.
      try {
        // Through the budget, so the count of suppressed refusals is written before the last flush.
        await (audit.drain ? audit.drain() : audit.flush());
        // Their lines are on disk now: a take list left would be adopted, its lines written twice.
        await service.dropWrittenTakes().catch(() => undefined);
      } finally {
        await deps.store.close();
      }
    },
  };
}

function splitHostPort(s: string): [string, number] {
  const i = s.lastIndexOf(':');
  return [s.slice(0, i).replace(/^\[|\]$/g, '') || '127.0.0.1', Number(s.slice(i + 1))];
}

async function storeFor(
  config: BrokerConfig,
  warn: (line: string) => void,
  alarm: (line: string) => void,
): Promise<Store> {
  if (config.state === 'memory') {
    warn(
      'stepwarden broker: state is in memory: a restart forgets used OIDC jtis (a token could be exchanged again) and every pending revocation deadline; use state: redis://… for anything but one throwaway instance\n',
    );
    // Bounded: past its capacity new exchanges are refused (503) with an alarm, never unbounded growth.
    return new MemoryStore(undefined, {
      capacity: config['state-capacity'],
      onFull: (err) => alarm(err.message),
    });
  }
  const transport = stateTransportWarning(config.state);
  if (transport) warn(transport);
  const keyFile = config['state-encryption-key-file'];
  const keyPath = keyFile ? resolve(config.baseDir, keyFile) : undefined;
  const box = keyPath
    ? SecretBox.fromText(
        await readSmallFile(keyPath, 'state encryption key file', 'state-encryption-key-file'),
        keyPath,
      )
    : SecretBox.fromEnv(process.env);
  if (!box)
    throw new Error(
      'ERR_STATE_KEY: a shared state store needs an encryption key for the GitHub tokens it keeps: set state-encryption-key-file or STEPWARDEN_STATE_KEY (32 bytes, e.g. `openssl rand -hex 32`)',
    );
  return RedisStore.connect(config.state, {
    box,
    warn,
    ...(config['state-strict']
      ? { strict: { replicas: 1, timeoutMs: config['state-strict-timeout-ms'] } }
      : {}),
  });
}

/** Builds every part from the config file and starts listening. */
export async function startBroker(
  config: BrokerConfig,
  overrides: Parameters<typeof buildAndStart>[1] = {},
): Promise<RunningBroker> {
  // A SIGHUP during the start (the key command, the store, GitHub: seconds) took the default action
  // and killed the process, so a reload sidecar or `systemctl reload` at the wrong moment stopped the
  // broker. Until its own handler is in place, one is remembered and the reload done right after.
  let early = false;
  const remember = () => void (early = true);
  process.on('SIGHUP', remember);
  try {
    const running = await buildAndStart(config, overrides);
    process.off('SIGHUP', remember);
    if (early) process.emit('SIGHUP', 'SIGHUP');
    return running;
  } finally {
    process.off('SIGHUP', remember);
  }
}

async function buildAndStart(
  config: BrokerConfig,
  overrides: {
    verifier?: Partial<OidcVerifierOptions>;
    audit?: AuditSink;
    logger?: Logger;
    warn?: (line: string) => void;
    /** The config file (absolute), re-read on SIGHUP or when it changes (ops/reload.ts). */
    configFile?: string;
  } = {},
): Promise<RunningBroker> {
  const at = (p: string) => resolve(config.baseDir, p);
  await checkConfigFolders(config, { audit: !overrides.audit });
  // A link or a folder others can write on the way to the audit log would redirect it: refused
  // before anything else starts.
  if (!overrides.audit) await checkAuditLogPath(at(config.audit));
  const key = await loadOrCreateSigningKey(at(config.signing['key-file']));
  const t = config.timeouts;
  const svidKeys = config.spiffe
    ? await loadOrCreateSigningKey(at(config.spiffe['key-file']), 'jwt-svid')
    : undefined;
  const jwt: BrokerDeps['jwt'] = {
    profile: config['jwt-profile'],
    ...(config.spiffe ? { trustDomain: config.spiffe['trust-domain'] } : {}),
    audiences: new Map(
      Object.entries(config.audiences).map(([aud, a]) => [
        aud,
        { ...(a['jwt-profile'] ? { profile: a['jwt-profile'] } : {}), awsSessionTags: a['aws-session-tags'] },
      ]),
    ),
    ...(svidKeys ? { svidKeys } : {}),
  };
  const log = overrides.logger ?? jsonLogger();
  const settings = issuerSettings(config);
  const issuerUrls = settings.map((s) => s.url);
  const metrics = config.metrics.enabled ? new BrokerMetrics() : undefined;
  const tenants = await buildTenants(
    settings,
    config.baseDir,
    log,
    t.upstream * 1000,
    (f) => {
      metrics?.readTokenRevokeFailures.inc({ code: f.code });
      log.log(
        'warn',
        'a GitHub token the broker minted for its own read was not revoked; it lives until it expires',
        {
          code: f.code,
          for: f.what,
          detail: f.detail,
          expires_at: f.expiresAt,
        },
      );
    },
    (api, c) => {
      const note = clockNote(c);
      log.log(note.level, note.message, {
        api,
        github_clock_ahead_seconds: c.aheadSeconds,
        was_seconds: c.wasSeconds,
      });
    },
  );
  const apps = new Set([...tenants.values()].flatMap((x) => (x.github ? [x.github] : [])));
  // Each App's key was checked against GitHub (GET /app) just now: it answered.
  if (apps.size) {
    metrics?.githubAnswered(Date.now());
    metrics?.githubClockFrom(() => apps);
  } else metrics?.withoutGithub();
  // Credentials recorded without an issuer (and the demo's defaults) belong to the first issuer.
  const first = tenants.get(issuerUrls[0]!)!;
  const observer = metrics
    ? (route: string, status: number, remaining: string | undefined) =>
        metrics.observeGithub(route, status, remaining)
    : undefined;
  if (observer) githubResponseObservers.add(observer);
  const fetchedIssuers = new Set<string>();
  const baseFetch = overrides.verifier?.fetch ?? globalThis.fetch;
  const verifierFetch = metrics
    ? meteredFetch(baseFetch, issuerUrls, metrics, (i) => fetchedIssuers.add(i))
    : baseFetch;
  // Admin tokens, the local org policy, rate limits, the metrics token and drain times: read the
  // same way at start and on every reload (ops/reload.ts), so a reload cannot read them differently.
  const live = await readLiveSettings(config);
  // Each owner's policy is read with the App of the token's issuer (owner names are per GitHub). The
  // GitHub source is kept across reloads while its setting is unchanged, so its cache survives.
  let githubOrgs: { setting: string; source: OrgPolicySource } | undefined;
  const orgSourceFor = (setting: BrokerConfig['org-policy'], s: LiveSettings): OrgPolicySource => {
    if (typeof setting !== 'object') return staticOrgPolicy(s.orgPolicyFile);
    const key = JSON.stringify({ ...setting, file: undefined });
    if (githubOrgs?.setting !== key)
      githubOrgs = {
        setting: key,
        source: githubOrgPolicySource((iss) => (iss ? tenants.get(iss)?.github : first.github), {
          headTtlMs: setting['refresh-seconds'] * 1000,
        }),
      };
    return s.orgPolicyFile ? combinedOrgPolicy(s.orgPolicyFile, githubOrgs.source) : githubOrgs.source;
  };
  const orgs = switchableOrgPolicy(orgSourceFor(config['org-policy'], live));
  // The memory-state warning is an operational log line (JSON on stderr in production), not raw text.
  const rawStore = await storeFor(
    config,
    overrides.warn ?? ((l) => log.log('warn', l.replace(/^stepwarden broker: /, '').trim())),
    (l) => log.log('error', l, { alarm: 'state_full' }),
  );
  const store = metrics ? meteredStore(rawStore, metrics) : rawStore;
  if (rawStore instanceof MemoryStore) metrics?.stateFrom(() => rawStore.usage());
  // Overdue: past its deadline by more than one sweep and one upstream deadline (a revocation still
  // in its first, slow attempt is not overdue yet), and not confirmed revoked. Read at each scrape.
  metrics?.overdueFrom(async () =>
    store.overdue ? store.overdue(Math.floor(Date.now() / 1000) - t.upstream - 1) : 0,
  );
  metrics?.pendingFrom(async () => (store.pendingRevocations ? store.pendingRevocations() : 0));
  const auditPath = at(config.audit);
  // Its alarms are operational log lines like every other (one JSON object a line on stderr): raw
  // text there broke the log's format exactly when the on-call engineer needs to read it.
  const fileSink =
    overrides.audit ??
    fileAuditSink(
      auditPath,
      undefined,
      (line) =>
        log.log('error', line.replace(/^stepwarden broker:? /, '').trim(), {
          alarm: 'audit_log',
        }),
      (result, n) => metrics?.auditLines.inc({ sink: 'file', result }, n),
      undefined,
      // A hung disk refuses grants within the upstream deadline, inside the exchange's in-flight window.
      t.upstream * 1000,
    );
  // The file sink counts its own lines at disk time; a sink given by the caller is counted on write.
  const ownLines = overrides.audit !== undefined;
  const hook = config['audit-webhook'];
  // While the webhook is down a full spool drops an event per event written: one log line each would
  // flood the log at the exchange rate. Losses are summed and logged at most every 10 s (the metric
  // counts each one).
  const lost = { failed: 0, dropped: 0, at: 0 };
  const webhookLoss = (result?: 'failed' | 'dropped', n = 0) => {
    if (result) lost[result] += n;
    if (result && Date.now() - lost.at < 10_000) return;
    for (const r of ['failed', 'dropped'] as const)
      if (lost[r]) log.log('warn', `audit webhook ${r} events`, { count: lost[r] });
    lost.failed = lost.dropped = 0;
    lost.at = Date.now();
  };
  const webhookToken = hook?.['token-file']
    ? (await readFile(at(hook['token-file']), 'utf8')).trim()
    : undefined;
  // Like the state store's: a warning, not a refusal (a sidecar or a private link is the operator's
  // choice), for a bearer token and every audit event crossing the network in clear.
  if (hook && /^http:$/i.test(new URL(hook.url).protocol) && !LOOPBACK_HOST.test(new URL(hook.url).hostname))
    log.log(
      'warn',
      'the audit webhook is reached without TLS: its events and bearer token cross the network in clear; use https://',
      {
        code: 'ERR_WEBHOOK_CLEARTEXT',
        host: new URL(hook.url).hostname,
      },
    );
  const audit = hook
    ? teeAuditSink(
        metrics ? meteredAuditSink(fileSink, metrics, 'file', ownLines) : fileSink,
        cloudEventsSink({
          url: hook.url,
          source: config.url,
          spool: hook.spool,
          ...(webhookToken ? { token: webhookToken } : {}),
          count: (result, n) => {
            metrics?.auditLines.inc(
              { sink: 'webhook', result: result === 'delivered' ? 'written' : result },
              n,
            );
            if (result !== 'delivered') webhookLoss(result, n);
          },
        }),
      )
    : metrics
      ? meteredAuditSink(fileSink, metrics, 'file', ownLines)
      : fileSink;
  const now = steadySeconds;
  // Read by OpsHttp at each use, so a reload changes the metrics token and drain times in place.
  const ops: { -readonly [K in keyof BrokerOps]: BrokerOps[K] } = { log, ...(metrics ? { metrics } : {}) };
  let tuned = false;
  const tune = (s: LiveSettings) => {
    // At start and whenever a reload changes the token file (it is a live key): said each time.
    if (ops.metricsTokenHash !== s.metricsTokenHash || !tuned) {
      const open = metricsExposure(config.listen, config.metrics.enabled, s.metricsTokenHash !== undefined);
      if (open) log.log('warn', open.message, open.fields);
    }
    tuned = true;
    ops.metricsTokenHash = s.metricsTokenHash;
    ops.drainTimeoutMs = s.drainTimeoutMs;
    ops.drainDelayMs = s.drainDelayMs;
  };
  tune(live);
  const running = await startBrokerWith(
    {
      url: config.url,
      verifier: dispatchByIssuer(
        new Map(
          settings.map((s) => [
            s.url,
            createOidcVerifier({
              issuers: [s.url],
              audience: s.audience,
              clockToleranceSeconds: config['clock-tolerance'],
              fetchTimeoutMs: t.upstream * 1000,
              maxTokenLifetimeSeconds: config['max-token-lifetime'],
              ...overrides.verifier,
              fetch: verifierFetch,
            }),
          ]),
        ),
      ),
      // The service's calls are timed in its fail-closed layer (one layer per call, not two); the
      // readiness probe and the overdue gauge below keep the metered view.
      store: rawStore,
      ...(metrics ? { storeMeter: storeMeter(metrics) } : {}),
      key,
      jwt,
      manifests: first.manifests,
      ...(first.github ? { github: first.github } : {}),
      tenants,
      audit,
      auditRefusalsPerMinute: config['audit-refusals-per-repository'],
      orgPolicies: orgs.source,
      jobIdentity: new JobIdentityChecker(first.github, { require: config['require-job-identity'] }),
      rateLimit: live.rateLimit,
      replayRateLimit: live.replayRateLimit,
      adminTokenHashes: live.adminTokenHashes,
      clockToleranceSeconds: config['clock-tolerance'],
      // Mint (bounded by the upstream deadline) + store writes + audit flush, with slack.
      inFlightSeconds: 2 * t.upstream + 5,
    },
    config.listen,
    1000,
    Object.assign(ops, {
      readiness: [
        storeCheck(store),
        signingKeyCheck(key, now),
        issuerKeysCheck(issuerUrls, fetchedIssuers, verifierFetch),
        ...(overrides.audit ? [] : [auditFileCheck(auditPath, () => fileSink.flush())]),
      ],
    }),
    {
      headersTimeoutMs: t.headers * 1000,
      bodyTimeoutMs: t.body * 1000,
      keepAliveTimeoutMs: t['keep-alive'] * 1000,
      maxConnections: config['max-connections'],
    },
  );
  // The lax setting is an operator's choice that weakens the job boundary: said at every start.
  if (!config['require-job-identity'])
    log.log(
      'warn',
      "require-job-identity is false: a token without check_run_id (or any token, without a GitHub App) gets a grant for whichever job its request names, so a step of one job can claim another job's grant in the same run",
      { setting: 'require-job-identity' },
    );
  else if (![...tenants.values()].some((x) => x.github))
    log.log(
      'warn',
      'require-job-identity is true and no GitHub App is configured: every exchange is refused (ERR_JOB_IDENTITY_REQUIRED); configure github: or set require-job-identity: false',
      { setting: 'require-job-identity' },
    );
  // Instances on one store that disagree (ops/fleet.ts): the settings in force, live ones as reloaded.
  let liveNow = live;
  const instance = instanceName(hostname(), process.pid);
  const fleet = watchFleet({
    store: rawStore,
    instance,
    settings: () =>
      settingsOf(
        config,
        liveNow,
        key.published(now()).map((k) => String(k.kid)),
      ),
    log,
    ...(metrics ? { metrics } : {}),
  });
  await fleet.tick();
  log.log('info', 'broker started', {
    url: running.url,
    instance,
    state: config.state === 'memory' ? 'memory' : 'redis',
    manifests: config.manifests.source,
    metrics: metrics ? (live.metricsTokenHash ? 'bearer' : 'open') : 'off',
  });
  // A key written by `stepwarden broker rotate-key` is picked up without a restart (SIGHUP: at once).
  // A broken keyring file is retried every 5 s; its error is logged when it first appears or changes
  // (and every 10 minutes while it lasts), not 720 times an hour.
  let keyError: { message: string; at: number } | undefined;
  const reloadKeys = () =>
    void Promise.all([key.reload(), svidKeys?.reload()]).then(
      (changed) => {
        if (changed.some(Boolean)) log.log('info', 'signing keyring reloaded');
        keyError = undefined;
      },
      (err: Error & { code?: string }) => {
        if (keyError?.message === err.message && Date.now() - keyError.at < 600_000) return;
        keyError = { message: err.message, at: Date.now() };
        log.log('error', 'signing keyring reload failed; the keys in force stay', {
          ...(err.code ? { code: err.code } : {}),
          detail: err.message,
        });
      },
    );
  // Config, admin tokens, org policy: validated in full, then swapped between two requests.
  const reloader = new ConfigReloader({
    ...(overrides.configFile ? { configFile: overrides.configFile } : {}),
    running: config,
    log,
    ...(metrics ? { metrics } : {}),
    apply(s, next) {
      liveNow = s;
      const org = orgSourceFor(next['org-policy'], s);
      running.service.reconfigure({
        adminTokenHashes: s.adminTokenHashes,
        rateLimit: s.rateLimit,
        replayRateLimit: s.replayRateLimit,
      });
      orgs.set(org);
      tune(s);
    },
  });
  await reloader.watchFrom();
  const onHup = () => {
    reloadKeys();
    void reloader.reload('signal');
  };
  const onTick = () => {
    reloadKeys();
    void reloader.poll();
  };
  const keyTimer = setInterval(onTick, 5000);
  keyTimer.unref();
  process.on('SIGHUP', onHup);
  return {
    ...running,
    async close() {
      clearInterval(keyTimer);
      fleet.stop();
      // The others stop counting it at their next look (10 s), not when its card ages out (45 s).
      await rawStore.retire?.(instance).catch(() => undefined);
      // A SIGHUP while draining must not kill the process (the default action) and cut the exchanges
      // being finished: it is ignored until the broker has stopped.
      const ignoreHup = () => undefined;
      process.on('SIGHUP', ignoreHup);
      process.off('SIGHUP', onHup);
      if (observer) githubResponseObservers.delete(observer);
      await running.close().finally(() => process.off('SIGHUP', ignoreHup));
      webhookLoss(); // what the last 10 s lost, and what the drain left
      log.log('info', 'broker stopped');
    },
  };
}
