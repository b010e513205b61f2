/**
 * Live reload of the broker's config (SIGHUP, or a change seen by the file watch): the config file,
 * the admin tokens file, the local organization policy and the metrics token are read and validated
 * in full first; only then is what may change live swapped in, all at once, between two requests.
 * Anything invalid is refused with file, line and fix and the settings in force stay: nothing is
 * half-applied. Keys that shape listeners, stores, keys or verifiers (listen, state, url, issuers, ...)
 * need a restart: a change to them is logged as a warning and the running value stays.
 *
 * The planning (`planReload`) is pure; reading (`readLiveSettings`) is the only I/O; `ConfigReloader`
 * serializes reloads and owns the watch.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readOrgPolicyFile } from '../../check/load.js';
import type { Loaded } from '../../manifest/load.js';
import { ManifestError, type Problem } from '../../manifest/errors.js';
import type { OrgPolicy } from '../../manifest/schema.js';
import { parseAdminTokens, weakBearerToken } from '../client-auth.js';
import { parseRate, readBrokerConfig, type BrokerConfig } from '../config.js';
import type { OrgPolicyResult, OrgPolicySource } from '../org-policy-source.js';
import type { Logger } from './log.js';
import type { BrokerMetrics } from './metrics.js';

/**
 * Config keys a running broker takes over without a restart. `metrics.enabled` is not among them
 * (the registry and its wrappers are built at start); every key not listed here needs a restart.
 */
export const LIVE_KEYS = [
  'admin-tokens-file',
  'org-policy',
  'rate-limit',
  'metrics.token-file',
  'drain-delay',
  'drain-timeout',
] as const;

/** What a reload swaps in: everything already read and validated. */
export interface LiveSettings {
  /** `name:sha256hex` of each admin token (BrokerDeps.adminTokenHashes). */
  readonly adminTokenHashes: readonly string[];
  /** The local organization policy file, parsed; absent with `{ source: github }` or no policy. */
  readonly orgPolicyFile?: Loaded<OrgPolicy>;
  readonly rateLimit: { limit: number; windowSeconds: number };
  readonly replayRateLimit: { limit: number; windowSeconds: number };
  /** sha256 hex of the /metrics bearer token; absent: /metrics is open. */
  readonly metricsTokenHash?: string;
  readonly drainTimeoutMs: number;
  readonly drainDelayMs: number;
}

export interface ReloadPlan {
  /** Changed keys that take effect now. */
  readonly live: string[];
  /** Changed keys that need a restart; the running values stay. */
  readonly restart: string[];
}

/** JSON with sorted keys, so two configs differing only in key order compare equal. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** Top-level keys, with `metrics` split into its two keys (one is live, the other is not). */
function flat(cfg: BrokerConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(cfg)) {
    if (k === 'baseDir') continue;
    if (k === 'metrics' && v && typeof v === 'object')
      for (const [mk, mv] of Object.entries(v)) out.set(`metrics.${mk}`, canonical(mv));
    else out.set(k, canonical(v));
  }
  return out;
}

/** Which changed keys apply now and which wait for a restart (pure). */
export function planReload(running: BrokerConfig, next: BrokerConfig): ReloadPlan {
  const a = flat(running);
  const b = flat(next);
  const live: string[] = [];
  const restart: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(k) === b.get(k)) continue;
    ((LIVE_KEYS as readonly string[]).includes(k) ? live : restart).push(k);
  }
  if (running.baseDir !== next.baseDir) restart.push('(config folder)');
  return { live: live.sort(), restart: restart.sort() };
}

/** The config in force after a reload: the next one's live keys over the running one's. */
export function mergeLive(running: BrokerConfig, next: BrokerConfig): BrokerConfig {
  return {
    ...running,
    'admin-tokens-file': next['admin-tokens-file'],
    'org-policy': next['org-policy'],
    'rate-limit': next['rate-limit'],
    metrics: { ...running.metrics, 'token-file': next.metrics['token-file'] },
    'drain-delay': next['drain-delay'],
    'drain-timeout': next['drain-timeout'],
  } as BrokerConfig;
}

/** A file the config names, read whole, or a refusal with that file, the config key and the fix. */
export async function readSmallFile(path: string, label: string, key: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ManifestError(
      [
        {
          file: path,
          line: 1,
          message: `cannot read the ${label} (${why})`,
          fix: `check the \`${key}\` path in the broker config and the file's permissions`,
        },
      ],
      'ERR_CONFIG_INVALID',
    );
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The /metrics bearer token from its file: the one non-blank line, held to the admin tokens' rule
 * (weakBearerToken: 32 characters or more, 8 distinct or more). The scrape shows every refusal code,
 * the readiness reasons and the GitHub gauges; a guessable token opens them as wide as no token.
 */
export function metricsToken(text: string, file: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.trim() !== '');
  const token = text.trim();
  const refuse = (line: number, message: string) =>
    new ManifestError(
      [
        {
          file,
          line,
          message: `metrics.token-file: ${message}`,
          fix: 'write one made with `openssl rand -hex 32` into it (one line), or remove metrics.token-file (then /metrics is open)',
        },
      ],
      'ERR_CONFIG_INVALID',
    );
  if (!token) throw refuse(1, 'the metrics token file is empty');
  // A bearer never holds a line break or a space: a second line would be part of a token no scraper
  // can send.
  if (/\s/.test(token))
    throw refuse(at + 1, 'the metrics token file holds more than one word; it holds the token alone');
  const weak = weakBearerToken(token);
  // Never the token itself: this message reaches stderr and the JSON log.
  if (weak)
    throw refuse(
      at + 1,
      `the metrics token ${weak}: a token that can be guessed opens /metrics as wide as none`,
    );
  return token;
}

/**
 * Reads and validates every file the live settings come from. Throws ManifestError (file, line, fix)
 * for the first file that cannot be used; nothing is returned half-read.
 */
export async function readLiveSettings(config: BrokerConfig): Promise<LiveSettings> {
  const at = (p: string) => resolve(config.baseDir, p);
  const tokensFile = config['admin-tokens-file'];
  const adminTokenHashes = tokensFile
    ? parseAdminTokens(
        await readSmallFile(at(tokensFile), 'admin tokens file', 'admin-tokens-file'),
        tokensFile,
      ).map((t) => `${t.name}:${t.sha256}`)
    : [];
  const org = config['org-policy'];
  const orgFile = typeof org === 'string' ? org : org?.file;
  const orgPolicyFile = orgFile ? await readOrgPolicyFile(at(orgFile)) : undefined;
  const metricsFile = config.metrics['token-file'];
  let metricsTokenHash: string | undefined;
  if (metricsFile) {
    metricsTokenHash = sha256(
      metricsToken(
        await readSmallFile(at(metricsFile), 'metrics token file', 'metrics.token-file'),
        metricsFile,
      ),
    );
  }
  return {
    adminTokenHashes,
    ...(orgPolicyFile ? { orgPolicyFile } : {}),
    rateLimit: parseRate(config['rate-limit']['per-repository']),
    replayRateLimit: parseRate(config['rate-limit']['replays-per-repository']),
    ...(metricsTokenHash ? { metricsTokenHash } : {}),
    drainTimeoutMs: config['drain-timeout'] * 1000,
    drainDelayMs: config['drain-delay'] * 1000,
  };
}

/**
 * An organization policy source whose inner source a reload replaces. An exchange reads the source
 * once, so it sees either the old policy or the new one, never a mix.
 */
export function switchableOrgPolicy(initial: OrgPolicySource): {
  readonly source: OrgPolicySource;
  set(next: OrgPolicySource): void;
} {
  let current = initial;
  return {
    source: {
      get: (owner, issuer): Promise<OrgPolicyResult> => current.get(owner, issuer),
      cached: (owner, issuer) => current.cached?.(owner, issuer),
      // Cache drops (store pub/sub) reach whichever source is in force.
      forget: (owner) => current.forget?.(owner),
    },
    set: (next) => void (current = next),
  };
}

export interface ReloaderOptions {
  /** The config file (absolute); absent: the embedded defaults, only the files they name are re-read. */
  readonly configFile?: string;
  readonly running: BrokerConfig;
  /** Swaps the settings in; synchronous, so no request sees a mix. `next` is the config now in force. */
  apply(settings: LiveSettings, next: BrokerConfig, previous: BrokerConfig): void;
  readonly log: Logger;
  readonly metrics?: BrokerMetrics;
}

export type ReloadOutcome = 'applied' | 'refused';

/** The first problem's place and fix, as log fields (the whole message is `detail`). */
function problemFields(err: unknown): Record<string, string | number | undefined> {
  if (err instanceof ManifestError) {
    const p: Problem | undefined = err.problems[0];
    return {
      code: err.code,
      file: p?.file,
      line: p?.line,
      fix: p?.fix,
      problems: err.problems.length,
      detail: err.message,
    };
  }
  return { code: 'ERR_CONFIG_RELOAD', detail: (err as Error)?.message ?? String(err) };
}

export class ConfigReloader {
  private running: BrokerConfig;
  private chain: Promise<unknown> = Promise.resolve();
  /** A reload asked for and not yet started (later requests join it). */
  private queued: Promise<ReloadOutcome> | undefined;
  private seen: string | undefined;

  constructor(private readonly o: ReloaderOptions) {
    this.running = o.running;
  }

  /** The config in force (the running values of restart-only keys, the reloaded live ones). */
  get config(): BrokerConfig {
    return this.running;
  }

  /** Takes the files' current content as the baseline of the watch (call once at start). */
  async watchFrom(): Promise<void> {
    this.seen = await this.fingerprint();
  }

  /**
   * Reloads now (SIGHUP); reloads run one at a time. A reload asked while another waits to start joins
   * the waiting one: it reads the files when it starts, so it sees every change made before either
   * signal. A storm of SIGHUPs (a sidecar looping, `kill -HUP` in a script) costs at most the reload
   * in progress plus one, not one full read, validation and log line per signal.
   */
  reload(trigger: 'signal' | 'watch' = 'signal'): Promise<ReloadOutcome> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = undefined;
      return this.once(trigger);
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * The file watch: reloads when the content of the config file or of a file it names changed since
   * the last reload (content, not mtime: an edit within the same second counts). Polled by the caller.
   */
  async poll(): Promise<ReloadOutcome | undefined> {
    const print = await this.fingerprint();
    if (this.seen === undefined) {
      this.seen = print;
      return undefined;
    }
    if (print === this.seen) return undefined;
    return this.reload('watch');
  }

  private files(cfg: BrokerConfig): string[] {
    const at = (p: string) => resolve(cfg.baseDir, p);
    const org = cfg['org-policy'];
    return [
      ...(this.o.configFile ? [this.o.configFile] : []),
      ...(cfg['admin-tokens-file'] ? [at(cfg['admin-tokens-file'])] : []),
      ...(typeof org === 'string' ? [at(org)] : []),
      ...(cfg.metrics['token-file'] ? [at(cfg.metrics['token-file'])] : []),
    ];
  }

  private async fingerprint(): Promise<string> {
    const h = createHash('sha256');
    for (const f of this.files(this.running)) {
      h.update(f).update('\0');
      h.update(await readFile(f).catch(() => Buffer.from('\0missing\0'))).update('\0');
    }
    return h.digest('hex');
  }

  private async once(trigger: 'signal' | 'watch'): Promise<ReloadOutcome> {
    const print = await this.fingerprint();
    try {
      const next = this.o.configFile ? await readBrokerConfig(this.o.configFile, '/') : this.running;
      const plan = planReload(this.running, next);
      const inForce = mergeLive(this.running, next);
      const settings = await readLiveSettings(inForce);
      const previous = this.running;
      this.o.apply(settings, inForce, previous);
      this.running = inForce;
      this.seen = print;
      this.o.metrics?.reloads.inc({ result: 'ok' });
      this.o.log.log('info', 'config reloaded', {
        trigger,
        changed: plan.live.join(', ') || 'no config key (files re-read)',
        'admin-tokens': settings.adminTokenHashes.length,
        'org-policy':
          typeof inForce['org-policy'] === 'string' ? 'file' : inForce['org-policy'] ? 'github' : 'none',
      });
      if (plan.restart.length)
        this.o.log.log(
          'warn',
          'config changes that need a restart were not applied; the running values stay',
          {
            code: 'ERR_CONFIG_RESTART_NEEDED',
            keys: plan.restart.join(', '),
            file: this.o.configFile,
            fix: 'restart the broker (SIGTERM drains it) to apply them',
          },
        );
      return 'applied';
    } catch (err) {
      this.seen = print;
      this.o.metrics?.reloads.inc({ result: 'failed' });
      this.o.log.log('error', 'config reload refused; the config in force stays', {
        trigger,
        ...problemFields(err),
      });
      return 'refused';
    }
  }
}
