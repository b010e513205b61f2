/**
 * The broker's Prometheus metrics (prom-client, one registry per broker, never the global one).
 * Most counters are derived from the audit events the service already writes for every decision, so
 * what the metrics say and what the audit log says cannot drift apart and the service needs no
 * metric calls of its own. Labels carry only bounded values: stable codes (ERR_*), event types,
 * configured issuers, GitHub route templates and HTTP statuses; never a token, jti, repository name
 * or any other string an attacker chooses.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics, type Metric } from 'prom-client';
import { REASON_CODE, type AuditEvent } from '../../audit/event.js';
import type { AuditSink } from '../audit-log.js';
import { timedCall, type StoreMeter } from '../state/fail-closed.js';
import type { Store } from '../state/store.js';
import { wrapMethods } from '../state/wrap.js';
import { withDeadline } from './readiness.js';

/**
 * A scrape's wait for one store read (ms). The Redis client's own command timeout is the strict wait
 * plus a second (up to 11 s): a stalled store held `/metrics` past Prometheus' default scrape_timeout
 * (10 s), and every metric was lost while the store was down (session 40).
 */
export const STORE_GAUGE_MS = 1000;

/** One label value's series: per-bucket counts (not cumulative), sum and count, as prom-client keeps them. */
interface Series {
  readonly buckets: number[];
  sum: number;
  count: number;
}

/**
 * A histogram of one label, written as prom-client's `Histogram` writes it (the same value objects
 * handed to the registry, so the same exposition and JSON), recorded in plain numbers. prom-client's
 * `observe` converts, validates and hashes the labels on every call, 6.1 K instructions even through
 * a child from `labels()` against 1.8 K here (a loop's own 0.4 K in both), and the broker observes
 * one for every store operation (several an exchange) and one for every POST /token
 * (docs/performance.md, session 33).
 * tests/broker/s33-p-histogram holds the exposition to prom-client's for any observations.
 */
export class LabelHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly label: string;
  private readonly bounds: readonly number[];
  private series = new Map<string, Series>();

  constructor(o: {
    name: string;
    help: string;
    label: string;
    buckets: readonly number[];
    registry: Registry;
  }) {
    this.name = o.name;
    this.help = o.help;
    this.label = o.label;
    this.bounds = o.buckets;
    o.registry.registerMetric(this as unknown as Metric);
  }

  /** One observation under the label's value: prom-client's TypeError for a value that is not finite. */
  observe(value: string, v: number): void {
    if (!Number.isFinite(v)) throw new TypeError(`Value is not a valid number: ${String(v)}`);
    let s = this.series.get(value);
    if (!s) this.series.set(value, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
    // The first bound at or above the value (prom-client's findBound); past the last, +Inf alone.
    for (let i = 0; i < this.bounds.length; i++)
      if (v <= this.bounds[i]!) {
        s.buckets[i]!++;
        break;
      }
    s.sum += v;
    s.count++;
  }

  /** What the registry writes for the text format: prom-client's getForPromString, value for value. */
  getForPromString() {
    const bucket = `${this.name}_bucket`;
    const values: {
      labels: object;
      sharedLabels: object;
      value: number;
      metricName: string;
      exemplar: null | undefined;
    }[] = [];
    for (const [value, s] of this.series) {
      const shared = { [this.label]: value };
      let acc = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        acc += s.buckets[i]!;
        values.push({
          labels: { le: this.bounds[i] },
          sharedLabels: shared,
          value: acc,
          metricName: bucket,
          exemplar: null,
        });
      }
      values.push(
        { labels: { le: '+Inf' }, sharedLabels: shared, value: s.count, metricName: bucket, exemplar: null },
        {
          labels: {},
          sharedLabels: shared,
          value: s.sum,
          metricName: `${this.name}_sum`,
          exemplar: undefined,
        },
        {
          labels: {},
          sharedLabels: shared,
          value: s.count,
          metricName: `${this.name}_count`,
          exemplar: undefined,
        },
      );
    }
    return Promise.resolve({
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    });
  }

  /** For getMetricsAsJSON: the same values with the label folded into each one's labels, as prom-client's get(). */
  async get() {
    const data = await this.getForPromString();
    return {
      ...data,
      values: data.values.map(({ labels, sharedLabels, ...rest }) => ({
        ...rest,
        labels: { ...labels, ...sharedLabels },
      })),
    };
  }

  reset(): void {
    this.series = new Map();
  }
}

/** A code is a label only when it has the shape of one of ours; anything else is `other`. */
export function codeLabel(code: string | undefined): string {
  if (!code) return 'none';
  return REASON_CODE.test(code) ? code : 'other';
}

/** `ERR_CONDITION_REF` -> `ref`; the condition refusals are labelled by condition. */
function conditionOf(code: string): string | undefined {
  const m = /^ERR_CONDITION_([A-Z_]+)$/.exec(code);
  return m ? m[1]!.toLowerCase().replace(/_/g, '-') : undefined;
}

const REVOCATION_RESULT: Record<string, string> = {
  'credential.revoked': 'done',
  'credential.expired': 'done',
  'credential.revoke_failed': 'failed',
  'credential.revocation_pending': 'pending',
};

export class BrokerMetrics {
  readonly registry = new Registry();
  readonly exchanges = new Counter({
    name: 'stepwarden_exchanges_total',
    help: 'Token exchanges by outcome (granted, refused, error, dry_run) and reason code.',
    labelNames: ['outcome', 'reason'],
    registers: [this.registry],
  });
  readonly replays = new Counter({
    name: 'stepwarden_oidc_replays_total',
    help: 'OIDC tokens presented again after their jti was used (refused).',
    registers: [this.registry],
  });
  readonly claimedTwice = new Counter({
    name: 'stepwarden_grants_claimed_twice_total',
    help: 'Second claims of a single-use grant in one run attempt: possible theft.',
    registers: [this.registry],
  });
  readonly conditionRefusals = new Counter({
    name: 'stepwarden_condition_refusals_total',
    help: 'Exchanges refused by a grant condition, by condition (ref, environment, event, ...).',
    labelNames: ['condition'],
    registers: [this.registry],
  });
  readonly revocations = new Counter({
    name: 'stepwarden_revocations_total',
    help: 'Revocations by result (done, pending, failed) and reason code.',
    labelNames: ['result', 'reason'],
    registers: [this.registry],
  });
  /** Filled at scrape time from the store (`overdueFrom`, `pendingFrom`); 0 while no source is set. */
  private readonly storeSources: { overdue?: () => Promise<number>; pending?: () => Promise<number> } = {};
  readonly overdue = this.storeGauge(
    'overdue',
    'stepwarden_revocations_overdue',
    'Credentials whose revocation deadline passed more than the grace ago and that are not revoked (GitHub has not confirmed), read from the store at scrape time.',
  );
  readonly pending = this.storeGauge(
    'pending',
    'stepwarden_revocations_pending',
    'Credentials revoked at the broker whose upstream revocation (GitHub) failed and is being retried from the durable queue, read from the store at scrape time; non-zero for long means GitHub is not revoking.',
  );
  /** Filled at scrape time from the memory store (`stateFrom`); absent on shared stores. */
  private stateSource?: () => { used: number; capacity: number };
  readonly stateEntries = new Gauge({
    name: 'stepwarden_state_entries',
    help: 'Memory state: live exchanges held (used jtis, claims or records, the largest) and the capacity past which new exchanges are refused with 503 ERR_STATE_FULL.',
    labelNames: ['kind'],
    registers: [this.registry],
    collect: () => {
      const u = this.stateSource?.();
      if (!u) return;
      this.stateEntries.set({ kind: 'used' }, u.used);
      this.stateEntries.set({ kind: 'capacity' }, u.capacity);
    },
  });
  readonly reloads = new Counter({
    name: 'stepwarden_config_reloads_total',
    help: 'Config reloads (SIGHUP or a changed file) by result: ok (applied), failed (refused, the config in force stays).',
    labelNames: ['result'],
    registers: [this.registry],
  });
  readonly killSwitch = new Counter({
    name: 'stepwarden_kill_switch_total',
    help: 'Kill-switch calls (admin revoke) by outcome, and exchanges refused by an active block.',
    labelNames: ['event'],
    registers: [this.registry],
  });
  readonly rateLimited = new Counter({
    name: 'stepwarden_rate_limited_total',
    help: 'Exchanges refused by the per-repository rate limit.',
    registers: [this.registry],
  });
  readonly github = new Counter({
    name: 'stepwarden_github_requests_total',
    help: 'Calls to the GitHub API by route template and HTTP status.',
    labelNames: ['route', 'status'],
    registers: [this.registry],
  });
  readonly readTokenRevokeFailures = new Counter({
    name: 'stepwarden_github_read_token_revoke_failures_total',
    help: 'GitHub tokens the broker minted for its own reads (files, jobs, heads) that GitHub did not confirm revoked, by error code; each lives until its expiry (at most 1 h).',
    labelNames: ['code'],
    registers: [this.registry],
  });
  readonly githubUp = new Gauge({
    name: 'stepwarden_github_up',
    help: 'Whether the last call to GitHub got an answer (1: any status below 500, a rate-limit refusal included; 0: a 5xx, a timeout, no connection, or a body that is not JSON such as a proxy HTML page, counted as status 0). Not part of /readyz. Absent without a GitHub App.',
    registers: [this.registry],
  });
  readonly githubLastAnswer = new Gauge({
    name: 'stepwarden_github_last_answer_timestamp_seconds',
    help: 'When GitHub last answered a call below 500 (unix seconds; GET /app at start counts). Absent without a GitHub App.',
    registers: [this.registry],
  });
  /** Filled at scrape time from the GitHub Apps (`githubClockFrom`). */
  private githubClockSource?: () => Iterable<{ readonly api: string; readonly clockAheadSeconds: number }>;
  readonly githubClockAhead = new Gauge({
    name: 'stepwarden_github_clock_ahead_seconds',
    help: "GitHub's clock minus this host's, by GitHub API, as the broker learned it from GitHub refusing an App JWT's iat or exp (that answer's Date); 0 until then. App JWTs are signed on GitHub's clock meanwhile, but OIDC token times and the state store's clock check judge on this host's: non-zero means fix this host's clock (NTP). Absent without a GitHub App.",
    labelNames: ['api'],
    registers: [this.registry],
    collect: () => {
      for (const a of this.githubClockSource?.() ?? [])
        this.githubClockAhead.set({ api: a.api }, a.clockAheadSeconds);
    },
  });
  readonly githubRemaining = new Gauge({
    name: 'stepwarden_github_rate_limit_remaining',
    help: "The App's remaining GitHub API requests (x-ratelimit-remaining of the last response).",
    registers: [this.registry],
  });
  readonly jwksRefreshes = new Counter({
    name: 'stepwarden_oidc_key_fetches_total',
    help: 'Discovery and JWKS fetches by trusted issuer and result.',
    labelNames: ['issuer', 'result'],
    registers: [this.registry],
  });
  readonly storeLatency = new LabelHistogram({
    name: 'stepwarden_store_operation_seconds',
    help: 'Latency of state store operations by operation.',
    label: 'op',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registry: this.registry,
  });
  readonly storeErrors = new Counter({
    name: 'stepwarden_store_errors_total',
    help: 'State store operations that failed, by operation.',
    labelNames: ['op'],
    registers: [this.registry],
  });
  readonly sweepErrors = new Counter({
    name: 'stepwarden_sweep_errors_total',
    help: 'Revocation sweeps that stopped on an error, by source (store, github, other); the sweep is retried every second, and due credentials wait meanwhile.',
    labelNames: ['source'],
    registers: [this.registry],
  });
  readonly fleetInstances = new Gauge({
    name: 'stepwarden_fleet_instances',
    help: 'Broker instances that wrote their settings card to the shared store within the last 45 s, this one included (shared stores only).',
    registers: [this.registry],
  });
  readonly fleetDisagreeing = new Gauge({
    name: 'stepwarden_fleet_settings_disagreeing',
    help: 'Per setting that must agree across the instances of one store (rate-limit, issuers, admin-tokens, ...): 1 while live instances hold different values (normal for the minutes of a rolling deploy; the log line names the instances), else 0.',
    labelNames: ['setting'],
    registers: [this.registry],
  });
  readonly fleetPeersWithoutKey = new Gauge({
    name: 'stepwarden_fleet_peers_without_my_state_key',
    help: 'Live instances that cannot open the state key this instance seals with: they are not ready (ERR_STATE_KEY_UNKNOWN) because of this one.',
    registers: [this.registry],
  });
  readonly auditLines = new Counter({
    name: 'stepwarden_audit_lines_total',
    help: 'Audit lines by sink and result (written, failed, dropped).',
    labelNames: ['sink', 'result'],
    registers: [this.registry],
  });
  readonly exchangeSeconds = new LabelHistogram({
    name: 'stepwarden_exchange_duration_seconds',
    help: 'POST /token latency by HTTP status.',
    label: 'status',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registry: this.registry,
  });
  readonly inflight = new Gauge({
    name: 'stepwarden_http_requests_in_flight',
    help: 'HTTP requests being served.',
    registers: [this.registry],
  });
  readonly ready = new Gauge({
    name: 'stepwarden_ready',
    help: '1 when every readiness check passes, by check (store, signing-key, issuer, audit-sink).',
    labelNames: ['check'],
    registers: [this.registry],
  });

  constructor(opts: { processMetrics?: boolean } = {}) {
    if (opts.processMetrics !== false)
      collectDefaultMetrics({ register: this.registry, prefix: 'stepwarden_' });
  }

  /** A gauge read from the store at scrape time; a store that does not answer within STORE_GAUGE_MS
   * leaves the last value (its errors are counted by the store metrics). */
  private storeGauge(source: 'overdue' | 'pending', name: string, help: string): Gauge {
    const gauge: Gauge = new Gauge({
      name,
      help,
      registers: [this.registry],
      collect: async () => {
        const read = this.storeSources[source];
        if (!read) return;
        const n = await withDeadline(read(), STORE_GAUGE_MS, name).catch(() => undefined);
        if (n !== undefined) gauge.set(n);
      },
    });
    return gauge;
  }

  /** Where the overdue gauge reads its value at each scrape. */
  overdueFrom(source: () => Promise<number>): void {
    this.storeSources.overdue = source;
  }

  /** Where the pending gauge reads its value at each scrape. */
  pendingFrom(source: () => Promise<number>): void {
    this.storeSources.pending = source;
  }

  stateFrom(source: () => { used: number; capacity: number }): void {
    this.stateSource = source;
  }

  /** Counts one audit event: the single place where decisions become metrics. */
  observeEvent(e: Pick<AuditEvent, 'type' | 'outcome' | 'reason'>): void {
    const reason = codeLabel(e.reason);
    switch (e.type as string) {
      case 'credential.granted':
        this.exchanges.inc({ outcome: 'granted', reason: 'none' });
        return;
      case 'credential.dry_run':
        this.exchanges.inc({ outcome: 'dry_run', reason });
        return;
      case 'credential.refused': {
        this.exchanges.inc({ outcome: e.outcome === 'error' ? 'error' : 'refused', reason });
        if (e.reason === 'ERR_OIDC_REPLAYED') this.replays.inc();
        const c = e.reason ? conditionOf(e.reason) : undefined;
        if (c) this.conditionRefusals.inc({ condition: c });
        if (e.reason === 'ERR_BLOCKED') this.killSwitch.inc({ event: 'blocked' });
        return;
      }
      case 'credential.rate_limited':
        this.exchanges.inc({ outcome: 'refused', reason });
        this.rateLimited.inc();
        return;
      case 'credential.claimed_twice':
        this.exchanges.inc({ outcome: 'refused', reason });
        this.claimedTwice.inc();
        return;
      case 'admin.revoke':
        this.killSwitch.inc({ event: e.outcome === 'success' ? 'revoke' : 'revoke_denied' });
        return;
    }
    const result = REVOCATION_RESULT[e.type];
    // A pending revocation is audited with outcome `error` (GitHub refused this attempt); it is still
    // pending, not failed. Other revocation events with `error` (an abandoned intent) did fail.
    if (result)
      this.revocations.inc({
        result: result === 'pending' || e.outcome !== 'error' ? result : 'failed',
        reason,
      });
  }

  /** GitHub response observer (see shared/github/octokit.ts): route template and status only. */
  observeGithub(route: string, status: number, remaining: string | undefined): void {
    this.github.inc({ route: routeLabel(route), status: String(status) });
    if (status > 0 && status < 500) this.githubAnswered(Date.now());
    else this.githubUp.set(0);
    const n = Number(remaining);
    if (remaining !== undefined && Number.isFinite(n)) this.githubRemaining.set(n);
  }

  /** GitHub answered (a call below 500, or the App's identity checked at start). */
  githubAnswered(atMs: number): void {
    this.githubUp.set(1);
    this.githubLastAnswer.set(Math.floor(atMs / 1000));
  }

  /** Where the GitHub clock gauge reads each App's learned difference at each scrape. */
  githubClockFrom(
    source: () => Iterable<{ readonly api: string; readonly clockAheadSeconds: number }>,
  ): void {
    this.githubClockSource = source;
  }

  /** A broker without a GitHub App: its GitHub gauges would only say 0. */
  withoutGithub(): void {
    this.registry.removeSingleMetric('stepwarden_github_up');
    this.registry.removeSingleMetric('stepwarden_github_last_answer_timestamp_seconds');
    this.registry.removeSingleMetric('stepwarden_github_clock_ahead_seconds');
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}

/** `GET /repos/{owner}/{repo}/contents/{path}`: Octokit's templates are bounded; raw URLs are not. */
function routeLabel(route: string): string {
  return /^[A-Z]+ \/[A-Za-z0-9_{}/.-]{0,120}$/.test(route) ? route : 'other';
}

/**
 * The audit sink, counting every line by result; the sink's own behaviour is unchanged. `lines:
 * false` when the sink reports its own results (the file sink's `count`, at disk time): a write that
 * returns nothing was otherwise counted `written` when queued, so a failing audit file showed no
 * `failed` line at all.
 */
export function meteredAuditSink(
  sink: AuditSink,
  metrics: BrokerMetrics,
  name = 'file',
  lines = true,
): AuditSink {
  return {
    ...sink,
    write(event) {
      metrics.observeEvent(event as AuditEvent);
      if (!lines) return sink.write(event);
      const r = sink.write(event) as unknown;
      if (r && typeof (r as Promise<unknown>).then === 'function')
        (r as Promise<unknown>).then(
          () => metrics.auditLines.inc({ sink: name, result: 'written' }),
          () => metrics.auditLines.inc({ sink: name, result: 'failed' }),
        );
      else metrics.auditLines.inc({ sink: name, result: 'written' });
      return r as never;
    },
  };
}

/**
 * The store metrics of one operation (a bounded label: a method name): its latency observed and its
 * failures counted. The op's series are made on its first call (an op never called shows no series).
 */
export function storeMeter(metrics: BrokerMetrics): StoreMeter {
  return (op) => (seconds, failed) => {
    metrics.storeLatency.observe(op, seconds);
    if (failed) metrics.storeErrors.inc({ op });
  };
}

/** Every store operation timed and its failures counted, by method name. */
export function meteredStore<S extends Store>(store: S, metrics: BrokerMetrics): S {
  const meter = storeMeter(metrics);
  return wrapMethods(
    store,
    (op, method) => {
      const done = meter(op);
      return (...args) => timedCall(done, method, args);
    },
    ['close'],
  );
}

/** A fetch for the OIDC verifier that counts discovery/JWKS fetches per configured issuer. */
export function meteredFetch(
  inner: typeof fetch,
  issuers: readonly string[],
  metrics: BrokerMetrics,
  onSuccess?: (issuer: string) => void,
): typeof fetch {
  const issuerOf = (url: string) => issuers.find((i) => url.startsWith(i.replace(/\/$/, ''))) ?? 'other';
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const issuer = issuerOf(url);
    try {
      const res = await inner(input, init);
      metrics.jwksRefreshes.inc({ issuer, result: res.ok ? 'ok' : `http_${res.status}` });
      if (res.ok && !url.endsWith('/.well-known/openid-configuration')) onSuccess?.(issuer);
      return res;
    } catch (err) {
      metrics.jwksRefreshes.inc({ issuer, result: 'error' });
      throw err;
    }
  }) as typeof fetch;
}

/**
 * The start (and reload) warning for `/metrics` open beyond loopback: no `metrics.token-file` while
 * the listener takes connections from other hosts. Without the token, /metrics (grant and refusal
 * rates by code, GitHub's rate limit left, audit lines failing: when the broker is weakest) and the
 * reasons of /readyz (file paths, store addresses and errors) are served to anyone who can connect.
 * A warning, not a refusal, like the other transport warnings: a private network or a proxy that
 * blocks the path is the operator's call. Undefined when nothing is exposed.
 */
export function metricsExposure(
  listen: string,
  metricsEnabled: boolean,
  tokenSet: boolean,
): { message: string; fields: Record<string, string> } | undefined {
  if (!metricsEnabled || tokenSet) return undefined;
  const i = listen.lastIndexOf(':');
  // An empty host listens on 127.0.0.1 (server.ts splitHostPort).
  const host = (i >= 0 ? listen.slice(0, i) : listen).replace(/^\[|\]$/g, '');
  if (host === '' || /^(localhost|127(\.\d{1,3}){3}|::1)$/i.test(host)) return undefined;
  return {
    message:
      '/metrics and the reasons /readyz gives are open to anyone who can reach the listener (no metrics.token-file)',
    fields: {
      code: 'ERR_METRICS_OPEN',
      listen,
      fix: 'set metrics.token-file to a file holding a bearer token (`openssl rand -hex 32`), or metrics: { enabled: false }',
    },
  };
}
