/**
 * Broker configuration: one YAML file, every key documented (docs/broker.md), unknown keys refused
 * with file and line. `stepwarden broker` with no file runs on the embedded defaults.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadYaml } from '../manifest/load.js';
import { ManifestError, type Problem } from '../manifest/errors.js';
import { assertIssuerUrl, GITHUB_ISSUER } from '../oidc/verify.js';
import { TRUST_DOMAIN } from './providers/jwt-profiles.js';
import { githubOfIssuer } from './github-site.js';
import { parseSentinelUrl } from './state/redis.js';

const rate = z
  .string()
  .regex(/^\d+\/(s|sec|min|h|hour)$/, 'a rate like 600/min')
  .describe('Requests per period: N/s, N/min or N/h.');

const seconds = (d: number) => z.number().positive().max(600).default(d);

const githubAppSchema = z.strictObject({
  api: z.url().default('https://api.github.com'),
  'app-id': z.number().int().positive(),
  'private-key-file': z.string().min(1).optional().describe('PEM file of the App private key.'),
  'private-key-env': z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
    .optional()
    .describe('Environment variable holding the PEM (e.g. injected by the platform).'),
  'private-key-command': z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('A command (argv, no shell) that prints the PEM: a secret manager or KMS CLI.'),
});

const manifestsSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('github') }),
  z.strictObject({ source: z.literal('directory'), path: z.string().min(1) }),
]);

/** Numeric owner ids, as GitHub numbers them on the issuer's own GitHub. */
const ownerIdsSchema = z.array(z.number().int().positive()).min(1);

export const brokerConfigSchema = z.strictObject({
  listen: z.string().default('127.0.0.1:8787').describe('host:port to listen on.'),
  url: z
    .url()
    .default('http://127.0.0.1:8787')
    .describe("The broker's own issuer URL (iss of the JWTs it signs)."),
  audience: z
    .string()
    .min(1)
    .default('http://127.0.0.1:8787')
    .describe('The aud incoming OIDC tokens must carry.'),
  issuers: z
    .array(
      z.union([
        z.string(),
        z.strictObject({
          url: z
            .string()
            .describe(
              'The issuer (GHES: https://HOST/_services/token; ghe.com: https://token.actions.TENANT.ghe.com).',
            ),
          audience: z
            .string()
            .min(1)
            .optional()
            .describe('The aud its tokens must carry; default: audience.'),
          github: githubAppSchema
            .optional()
            .describe('The App on its GitHub (its own API URL); default: github.'),
          manifests: manifestsSchema
            .optional()
            .describe('Where its manifests come from; default: manifests.'),
          'owner-ids': ownerIdsSchema
            .optional()
            .describe('The owners its tokens may come from; default: owner-ids.'),
        }),
      ]),
    )
    .min(1)
    .default([GITHUB_ISSUER])
    .describe(
      'Trusted OIDC issuers; http:// only for loopback. A string uses the top-level audience, github and manifests; an object gives an issuer (GHES, a ghe.com tenant) its own.',
    ),
  'owner-ids': ownerIdsSchema
    .optional()
    .describe(
      'Owner ids (repository_owner_id) whose tokens the broker serves; any other owner is refused (ERR_OWNER_NOT_ALLOWED) before its manifest is read. Absent: any owner whose manifest the broker can read (with manifests from github: any repository the App is installed on).',
    ),
  manifests: manifestsSchema
    .default({ source: 'directory', path: './manifests' })
    .describe(
      'Where manifests come from: the default branch through the GitHub App, or <path>/<owner>/<repo>/.github/access-manifest.yml.',
    ),
  github: githubAppSchema
    .optional()
    .describe(
      'The GitHub App that mints installation tokens (needed for audience github and manifests from github).',
    ),
  signing: z
    .strictObject({ 'key-file': z.string().min(1) })
    .default({ 'key-file': './broker-signing-key.json' }),
  state: z
    .string()
    .default('memory')
    .describe(
      'memory (one instance; a restart forgets used jtis and revocation deadlines), or redis://[user:password@]host:port[/db] / rediss://…, or redis-sentinel://host:port[,host:port…]/<primary>[/db] (Valkey ≥ 7.2, Redis OSS ≥ 7.0), shared by several instances.',
    ),
  'state-encryption-key-file': z
    .string()
    .optional()
    .describe(
      'File with the 32-byte AES-256-GCM key (64 hex digits or base64) that seals GitHub tokens kept in a shared store; else STEPWARDEN_STATE_KEY. Required with redis state.',
    ),
  'state-capacity': z
    .number()
    .int()
    .min(1000)
    .max(16_000_000)
    .default(1_000_000)
    .describe(
      'Memory state: how many live exchanges (used jtis, claims, records, each kept for its window) one instance holds; past it new exchanges are refused with 503 ERR_STATE_FULL and an alarm instead of growing without bound (about 1 KB of heap each).',
    ),
  'state-strict': z
    .boolean()
    .default(false)
    .describe(
      'Redis state: after each jti and claim write, WAIT for one replica to acknowledge or refuse (503), so a failover cannot forget a used jti or claim; before a credential leaves, WAIT for its record likewise or revoke it and refuse (503 ERR_STATE_NOT_REPLICATED); after each revocation, job end, kill-switch block and unblock, WAIT likewise or answer 503 ERR_STATE_NOT_REPLICATED (written at the primary, retry until 200).',
    ),
  'state-strict-timeout-ms': z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(200)
    .describe('How long state-strict waits for the replica acknowledgement.'),
  'rate-limit': z
    .strictObject({
      'per-repository': rate.default('600/min'),
      'replays-per-repository': rate
        .default('60/min')
        .describe(
          'Refused replays of an already used OIDC token: counted apart, so they never drain per-repository.',
        ),
    })
    .default({ 'per-repository': '600/min', 'replays-per-repository': '60/min' }),
  'admin-tokens-file': z
    .string()
    .optional()
    .describe(
      'File of named admin tokens, one a line: `name:sha256hex` or `name token`; the name is the audit actor. Absent: admin endpoints are off.',
    ),
  audit: z.string().default('./broker-audit.jsonl').describe('Audit log file (JSON lines).'),
  'audit-refusals-per-repository': z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(120)
    .describe(
      "Refusal lines (credential.refused, credential.rate_limited) written per repository per minute; past it a refusal is still refused and counted, and one audit.refusals_suppressed line a minute says how many, by code, from how many tokens, first and last. Grants, revocations, job ends and admin lines are never counted instead. Bounds what one repository's token (a stolen one replayed) writes to the audit disk and its webhook copy.",
    ),
  'create-missing-folders': z
    .boolean()
    .default(false)
    .describe(
      'Create the folders of audit, signing.key-file and spiffe.key-file at start when they are missing (mode 0700). Default false: a missing folder stops the start (ERR_CONFIG_INVALID), since a typo would put the audit log or the keys where nobody ships or backs them up.',
    ),
  'org-policy': z
    .union([
      z.string().min(1),
      z.strictObject({
        source: z.literal('github'),
        'refresh-seconds': z.number().int().min(1).max(3600).default(60),
        file: z
          .string()
          .min(1)
          .optional()
          .describe(
            'A local organization policy that applies as well: both apply, the stricter wins, and a consent must be given by both.',
          ),
      }),
    ])
    .optional()
    .describe(
      "Organization policy: a local file (one policy for every owner), or { source: github } to read OWNER/.github:stepwarden/org-policy.yml on its default branch for each owner with the App of the token's issuer (add file: PATH to apply a local policy as well).",
    ),
  'max-token-lifetime': z
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(3600)
    .describe('Longest accepted OIDC token lifetime (exp - iat) and oldest accepted iat, seconds.'),
  'require-job-identity': z
    .boolean()
    .default(true)
    .describe(
      "Refuse tokens whose job cannot be verified against GitHub's Jobs API (no check_run_id, or no GitHub App). Default true: false lets a step of one job claim another job's grant in the same run.",
    ),
  timeouts: z
    .strictObject({
      upstream: seconds(10).describe(
        'Deadline of one call to GitHub or to an issuer (discovery + JWKS), retries and waits included.',
      ),
      headers: seconds(10).describe("A client's request line and headers must arrive within this."),
      body: seconds(10).describe("A client's body must arrive within this (slow clients are cut)."),
      'keep-alive': seconds(5).describe('An idle keep-alive connection is closed after this.'),
    })
    .default({ upstream: 10, headers: 10, body: 10, 'keep-alive': 5 })
    .describe('Deadlines, in seconds: upstream calls never stall an exchange, slow clients are cut.'),
  'max-connections': z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(1024)
    .describe('Open client connections at most; the next ones are answered 503 and closed.'),
  'clock-tolerance': z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(60)
    .describe('Leeway for exp/nbf/iat, seconds.'),
  metrics: z
    .strictObject({
      enabled: z.boolean().default(true),
      'token-file': z
        .string()
        .min(1)
        .optional()
        .describe('File with the bearer token GET /metrics requires; absent: /metrics is open.'),
    })
    .default({ enabled: true })
    .describe('GET /metrics in the Prometheus text format.'),
  'audit-webhook': z
    .strictObject({
      url: z.url().describe('Receives every audit event as a CloudEvent (JSON batch mode).'),
      'token-file': z.string().min(1).optional().describe('Bearer token for the webhook.'),
      spool: z
        .number()
        .int()
        .min(10)
        .max(1_000_000)
        .default(10_000)
        .describe('Events held while it is down.'),
    })
    .optional()
    .describe('Optional second audit sink (best effort; the audit file stays the record).'),
  'drain-delay': z
    .number()
    .int()
    .min(0)
    .max(120)
    .default(0)
    .describe('On SIGTERM: seconds to keep serving with /readyz at 503 before closing the listener.'),
  'drain-timeout': z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(10)
    .describe('On SIGTERM: seconds to let in-flight exchanges finish before cutting them.'),
  'jwt-profile': z
    .enum(['default', 'spiffe'])
    .default('default')
    .describe('Shape of the broker-signed JWTs: default, or spiffe (JWT-SVIDs; needs spiffe.trust-domain).'),
  spiffe: z
    .strictObject({
      'trust-domain': z
        .string()
        .regex(TRUST_DOMAIN, 'a SPIFFE trust domain: lower-case letters, digits, . - _')
        .describe('The trust domain of spiffe://<trust-domain>/gh/<owner>/<repo>/<workflow>/<job>/<step>.'),
      'key-file': z
        .string()
        .min(1)
        .default('./broker-svid-keys.json')
        .describe('Keyring of the JWT-SVID signing keys (published with use: jwt-svid).'),
    })
    .optional()
    .describe('SPIFFE JWT-SVID settings; the bundle is served at /.well-known/spiffe-bundle.'),
  audiences: z
    .record(
      z.string().min(1),
      z.strictObject({
        'jwt-profile': z
          .enum(['default', 'spiffe'])
          .optional()
          .describe('Overrides jwt-profile for this audience.'),
        'aws-session-tags': z
          .boolean()
          .default(false)
          .describe('Add https://aws.amazon.com/tags (repository, workflow, job, step, run) for AWS STS.'),
      }),
    )
    .default({})
    .describe('Per-audience JWT options, keyed by the audience a grant names.'),
});

export type BrokerConfig = z.output<typeof brokerConfigSchema> & { readonly baseDir: string };

export function parseRate(r: string): { limit: number; windowSeconds: number } {
  const [n, unit] = r.split('/');
  return { limit: Number(n), windowSeconds: unit === 's' || unit === 'sec' ? 1 : unit === 'min' ? 60 : 3600 };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/**
 * The warning a shared state store without TLS deserves, or undefined: on anything but loopback, the
 * jtis, claims, kill-switch blocks and the (encrypted) GitHub tokens cross the network in clear, where
 * anyone on the path can read them or answer in the store's place (clear a block, free a claim).
 * A warning rather than a refusal: a store on a private link or a sidecar without TLS is a choice the
 * operator makes knowingly, and the issue's own form is `redis://host:port`.
 */
export function stateTransportWarning(state: string): string | undefined {
  if (state === 'memory' || state.startsWith('rediss://')) return undefined;
  const sentinel = parseSentinelUrl(state);
  const hosts = sentinel
    ? (sentinel.sentinels ?? []).map((s) => s.host ?? '')
    : (() => {
        try {
          return [new URL(state).hostname];
        } catch {
          return [];
        }
      })();
  const remote = hosts.filter((h) => !LOOPBACK.test(h));
  if (remote.length === 0) return undefined;
  return `stepwarden broker: WARNING the state store at ${remote.join(', ')} is reached without TLS: used jtis, claims, kill-switch blocks and the (encrypted) GitHub tokens cross the network in clear, and anyone on the path can read or change them; use rediss://host:port (the certificate is verified; a private CA through NODE_EXTRA_CA_CERTS)${sentinel ? ' (Sentinel URLs have no TLS form yet: keep Sentinels and the primary on a private link)' : ''}\n`;
}

/**
 * A state URL that ioredis would read otherwise than this file does, or undefined (session 38). It
 * takes each query parameter as a client option over the broker's own (`rediss://…?tls=` connected in
 * clear with no warning, `?keyPrefix=` moved every key: two instances, two sets of used jtis), and TLS
 * only from `rediss://` spelt in lower case, where WHATWG's URL lowers the scheme: `REDISS://` passed
 * here and connected in clear. The URL is not quoted (it may hold a password, in its query too).
 */
function stateUrlMisread(s: string): { message: string; fix: string } | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1];
  if (scheme !== undefined && scheme !== scheme.toLowerCase())
    return {
      message: `state's scheme must be written in lower case: the Redis client takes TLS only from \`rediss://\` spelt so, and connects \`${scheme.slice(0, 20)}://\` in clear`,
      fix: 'write redis://, rediss:// or redis-sentinel://',
    };
  if (/^rediss?:\/\//.test(s) && /[?#]/.test(s))
    return {
      message:
        "state's URL has a query or fragment: the Redis client reads each query parameter as a connection option over the broker's own (`?tls=` connects rediss:// in clear, `?keyPrefix=` moves every key)",
      fix: 'remove it: redis://[user:password@]host:port[/db] or rediss://… (a `?` or `#` in the password percent-encoded)',
    };
  return undefined;
}

function validStateUrl(s: string): boolean {
  if (s.startsWith('redis-sentinel://')) return parseSentinelUrl(s) !== undefined;
  try {
    const u = new URL(s);
    return (
      (u.protocol === 'redis:' || u.protocol === 'rediss:') &&
      u.hostname !== '' &&
      /^(\/\d{0,2})?$/.test(u.pathname)
    );
  } catch {
    return false;
  }
}

/** Validates the parts zod cannot: issuer URLs, and that audience github has an App. */
function semantic(cfg: BrokerConfig, file: string, lineOf: (p: (string | number)[]) => number): void {
  const problems = [];
  for (const [i, iss] of cfg.issuers.entries()) {
    try {
      assertIssuerUrl(typeof iss === 'string' ? iss : iss.url);
    } catch (err) {
      problems.push({
        file,
        line: lineOf(['issuers', i]),
        message: (err as Error).message,
        fix: 'use an https:// issuer',
      });
    }
  }
  const settings = issuerSettings(cfg);
  for (const [i, s] of settings.entries()) {
    if (s.manifests.source === 'github' && !s.github)
      problems.push({
        file,
        line: lineOf(typeof cfg.issuers[i] === 'string' ? ['manifests'] : ['issuers', i]),
        message: `manifests from github need the \`github\` App settings (issuer ${s.url})`,
        fix: 'add github: { app-id, private-key-file }',
      });
  }
  problems.push(...issuerBindingProblems(cfg, settings, file, lineOf));
  if (new Set(settings.map((s) => s.url)).size !== settings.length)
    problems.push({
      file,
      line: lineOf(['issuers']),
      message: 'an issuer is listed twice',
      fix: 'list each issuer once',
    });
  if (typeof cfg['org-policy'] === 'object' && !cfg.github && !settings.some((s) => s.github)) {
    problems.push({
      file,
      line: lineOf(['org-policy']),
      message: 'an organization policy from github needs the `github` App settings',
      fix: 'add github: { app-id, private-key-file }, or give org-policy a local file',
    });
  }
  // docs and deploy templates write `${PASSWORD}`; the broker expands nothing, and the literal text
  // sent as a password failed later as "wrong user or password" for a password that is right.
  const misread = cfg.state === 'memory' ? undefined : stateUrlMisread(cfg.state);
  if (/\$\{[^}]*\}/.test(cfg.state)) {
    problems.push({
      file,
      line: lineOf(['state']),
      message: `state holds \`${/\$\{[^}]*\}/.exec(cfg.state)![0].slice(0, 40)}\`: the broker expands no variables in its config`,
      fix: 'render the file before the broker reads it (e.g. envsubst < broker.yml.in > broker.yml, a Kubernetes secret or your config tool), or write the value',
    });
  } else if (misread) {
    problems.push({ file, line: lineOf(['state']), ...misread });
  } else if (cfg.state !== 'memory' && !validStateUrl(cfg.state)) {
    problems.push({
      file,
      line: lineOf(['state']),
      message: `state '${cfg.state.replace(/\/\/[^@/]*@/, '//***@')}' is not supported`,
      fix: 'use memory, redis://[user:password@]host:port[/db], rediss://… or redis-sentinel://host:port[,host:port]/<primary>[/db]',
    });
  }
  const apps = [
    ...(cfg.github ? [{ app: cfg.github, path: ['github'] as (string | number)[] }] : []),
    ...cfg.issuers.flatMap((iss, i) =>
      typeof iss !== 'string' && iss.github ? [{ app: iss.github, path: ['issuers', i, 'github'] }] : [],
    ),
  ];
  for (const { app, path } of apps) {
    const sources = (['private-key-file', 'private-key-env', 'private-key-command'] as const).filter(
      (k) => app[k] !== undefined,
    );
    if (sources.length !== 1)
      problems.push({
        file,
        line: lineOf(path),
        message: `the GitHub App key needs exactly one source, found ${sources.length ? sources.join(', ') : 'none'}`,
        fix: 'give one of private-key-file, private-key-env or private-key-command',
      });
  }
  const spiffeUsers = [
    ...(cfg['jwt-profile'] === 'spiffe' ? [['jwt-profile']] : []),
    ...Object.entries(cfg.audiences)
      .filter(([, a]) => a['jwt-profile'] === 'spiffe')
      .map(([aud]) => ['audiences', aud, 'jwt-profile']),
  ];
  if (spiffeUsers.length && !cfg.spiffe) {
    problems.push({
      file,
      line: lineOf(spiffeUsers[0]!),
      message: 'the spiffe JWT profile needs a trust domain',
      fix: 'add spiffe: { trust-domain: example.org }',
    });
  }
  // One keyring for both would put each key in the JWKS twice, as `use: sig` and `use: jwt-svid`: a
  // JWT-SVID would then verify as a plain broker JWT (and the reverse), the separation the two uses make.
  if (
    cfg.spiffe &&
    resolve(cfg.baseDir, cfg.spiffe['key-file']) === resolve(cfg.baseDir, cfg.signing['key-file'])
  )
    problems.push({
      file,
      line: lineOf(['spiffe', 'key-file']),
      message: 'spiffe.key-file is the same file as signing.key-file',
      fix: 'give the JWT-SVID keyring its own file, e.g. spiffe: { key-file: ./broker-svid-keys.json }',
    });
  if (problems.length) throw new ManifestError(problems, 'ERR_CONFIG_INVALID');
}

/** The GitHub an App's API URL belongs to, when its form says so (a proxy in front of GitHub does not). */
function githubOfApi(api: string): string | undefined {
  let u: URL;
  try {
    u = new URL(api);
  } catch {
    return undefined;
  }
  const path = u.pathname.replace(/\/$/, '');
  if (u.origin === 'https://api.github.com' && path === '') return 'github.com';
  const tenant = /^api\.([a-z0-9-]+)\.ghe\.com$/.exec(u.hostname);
  if (tenant && path === '') return `${tenant[1]}.ghe.com`;
  if (path === '/api/v3') return u.host;
  return undefined;
}

/** A GitHub named by its host (a GHES server), not github.com or a ghe.com tenant. */
const ghesHost = (name: string): boolean => name !== 'github.com' && !name.endsWith('.ghe.com');

/**
 * Issuers of different GitHubs must not share an App or a manifest directory, and an App must be on
 * its issuer's GitHub. An issuer written as a plain string takes the top-level `github` and
 * `manifests`: a GHES server's or a ghe.com tenant's token was then judged against github.com's
 * manifests (bound only by repository and owner ids, which each GitHub numbers on its own) and minted
 * through github.com's App for the repository of that name. Issuers of one GitHub (github.com's and
 * its enterprise path form) share as before; an issuer whose GitHub the URL does not tell (a stand-in)
 * is its origin's.
 */
function issuerBindingProblems(
  cfg: BrokerConfig,
  settings: readonly IssuerSettings[],
  file: string,
  lineOf: (p: (string | number)[]) => number,
): Problem[] {
  const out: Problem[] = [];
  const siteOf = (url: string) =>
    githubOfIssuer(url)?.name ?? (URL.canParse(url) ? new URL(url).origin : url);
  const appOf = (s: IssuerSettings) =>
    s.github ? `${s.github['app-id']} ${s.github.api.replace(/\/+$/, '')}` : undefined;
  const dirOf = (s: IssuerSettings) =>
    s.manifests.source === 'directory' ? resolve(cfg.baseDir, s.manifests.path) : undefined;
  const own = (i: number) => (typeof cfg.issuers[i] === 'string' ? undefined : cfg.issuers[i]);
  const bound = new Set<number>();
  for (const [j, s] of settings.entries()) {
    for (const t of settings.slice(0, j)) {
      if (siteOf(t.url) === siteOf(s.url)) continue;
      const sharedApp = appOf(s) !== undefined && appOf(s) === appOf(t);
      const sharedDir = dirOf(s) !== undefined && dirOf(s) === dirOf(t);
      // One list object: both took the top-level owner-ids, numbers of one GitHub.
      const sharedOwners = s.ownerIds !== undefined && s.ownerIds === t.ownerIds;
      if (!sharedApp && !sharedDir && !sharedOwners) continue;
      const what = sharedApp
        ? `the GitHub App (app-id ${s.github!['app-id']} at ${s.github!.api})`
        : sharedDir
          ? `the manifest directory ${(s.manifests as { path: string }).path}`
          : 'the top-level owner-ids';
      const api = githubOfIssuer(s.url)?.api ?? 'API_URL';
      out.push({
        file,
        line: lineOf(['issuers', j]),
        message: `issuer ${s.url} shares ${what} with issuer ${t.url}, which is another GitHub's: its tokens would be judged against the other GitHub's manifests (repository and owner ids are numbered by each GitHub on its own) and minted through its App`,
        fix: `give that issuer its own manifests, App and owners: - url: ${s.url} with github: { api: ${api}, app-id: ID, private-key-file: FILE }, manifests: { source: github } (or a directory of its own) and, with owner-ids, its own owner-ids`,
      });
      bound.add(j);
      break;
    }
  }
  for (const [i, s] of settings.entries()) {
    if (bound.has(i) || !s.github) continue;
    const site = githubOfIssuer(s.url);
    const apiSite = githubOfApi(s.github.api);
    if (!site || !apiSite || apiSite === site.name) continue;
    // A GHES issuer's App at `/api/v3` of another host: a reverse proxy in front of that server keeps
    // its path, so the URL cannot tell it from another server (refusing it stopped a working
    // deployment with no way to say "proxy"). github.com's and a tenant's APIs are recognisable.
    if (ghesHost(site.name) && ghesHost(apiSite)) continue;
    out.push({
      file,
      line: lineOf(own(i)?.github ? ['issuers', i, 'github'] : ['github']),
      message: `the GitHub App of issuer ${s.url} is at ${s.github.api}, the API of another GitHub (${apiSite}) than the issuer's (${site.name}): its tokens would be judged against that GitHub's manifests and minted through its App`,
      fix: `set api: ${site.api} in that issuer's github settings (an App of its own GitHub), or list the issuer of ${apiSite} instead`,
    });
  }
  return out;
}

/** Where the keys of a loaded config are, for refusals found after loading (file and line). */
interface ConfigSource {
  readonly file: string;
  lineOf(path: (string | number)[]): number;
}
const SOURCE = Symbol('stepwarden config source');

export function loadBrokerConfig(text: string, file: string, baseDir: string): BrokerConfig {
  const loaded = loadYaml(text, file, brokerConfigSchema, 'ERR_CONFIG_INVALID');
  const cfg = { ...loaded.value, baseDir };
  semantic(cfg, file, loaded.lineOf);
  // Not enumerable: a reload compares configs key by key.
  Object.defineProperty(cfg, SOURCE, { value: { file, lineOf: loaded.lineOf } satisfies ConfigSource });
  return cfg;
}

function sourceOf(cfg: BrokerConfig): ConfigSource {
  return (cfg as { [SOURCE]?: ConfigSource })[SOURCE] ?? { file: '(broker config)', lineOf: () => 1 };
}

/**
 * At start: the folder of each file the broker writes (the audit log unless the caller brings its
 * own sink, the keyrings) must exist. Creating it silently turned a typo into an audit log nobody
 * ships and a keyring nobody backs up (and a second keyring, whose keys the other instances do not
 * publish). Refused with ERR_CONFIG_INVALID (key, line, path, fix) unless create-missing-folders.
 */
export async function checkConfigFolders(cfg: BrokerConfig, opts: { audit: boolean }): Promise<void> {
  const src = sourceOf(cfg);
  const files: [(string | number)[], string][] = [
    ...(opts.audit ? [[['audit'], cfg.audit] as [string[], string]] : []),
    [['signing', 'key-file'], cfg.signing['key-file']],
    ...(cfg.spiffe ? [[['spiffe', 'key-file'], cfg.spiffe['key-file']] as [string[], string]] : []),
  ];
  const problems: Problem[] = [];
  for (const [path, value] of files) {
    const dir = dirname(resolve(cfg.baseDir, value));
    const missing = await stat(dir).then(
      () => false,
      (err: NodeJS.ErrnoException) => err.code === 'ENOENT',
    );
    if (!missing) continue;
    const key = path.join('.');
    if (cfg['create-missing-folders']) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      continue;
    }
    problems.push({
      file: src.file,
      line: src.lineOf(path),
      message: `the folder ${dir} of \`${key}\` (${value}) does not exist`,
      fix: `correct the \`${key}\` path, or create the folder (mkdir -p ${dir}; owned by the broker's user, mode 0700); create-missing-folders: true lets the broker create it at start`,
    });
  }
  if (problems.length) throw new ManifestError(problems, 'ERR_CONFIG_INVALID');
}

export async function readBrokerConfig(path: string | undefined, cwd: string): Promise<BrokerConfig> {
  if (!path) return loadBrokerConfig('{}', '(embedded defaults)', cwd);
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    throw new ManifestError(
      [{ file: path, line: 1, message: 'cannot read the broker config', fix: 'check the --config path' }],
      'ERR_CONFIG_INVALID',
    );
  }
  return loadBrokerConfig(text, path, dirname(full));
}

export type GithubAppConfig = z.output<typeof githubAppSchema>;
export type ManifestsConfig = z.output<typeof manifestsSchema>;

/** One trusted issuer with everything it needs, the top-level settings filled in where it names none. */
export interface IssuerSettings {
  readonly url: string;
  readonly audience: string;
  readonly github?: GithubAppConfig;
  readonly manifests: ManifestsConfig;
  /** The owners its tokens may come from (undefined: any). */
  readonly ownerIds?: readonly number[];
}

export function issuerSettings(
  cfg: Pick<BrokerConfig, 'issuers' | 'audience' | 'github' | 'manifests' | 'owner-ids'>,
): IssuerSettings[] {
  return cfg.issuers.map((iss) => {
    const own = typeof iss === 'string' ? { url: iss } : iss;
    const github = own.github ?? cfg.github;
    const ownerIds = ('owner-ids' in own ? own['owner-ids'] : undefined) ?? cfg['owner-ids'];
    return {
      url: own.url,
      audience: own.audience ?? cfg.audience,
      ...(github ? { github } : {}),
      manifests: own.manifests ?? cfg.manifests,
      ...(ownerIds ? { ownerIds } : {}),
    };
  });
}
