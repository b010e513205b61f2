/**
 * Machine-paced signals: software asks for credentials at software speed, so the anomalies worth a
 * look are rates, bursts, retries, refusals, second claims and credentials that outlive their step.
 * Pure and streaming: `add` one event at a time in O(1), memory bounded by the jobs active within the
 * last two minutes of event time (finished windows are closed and dropped as the stream moves on).
 */
import { z } from 'zod';
import { pickFields, type AuditEvent } from './event.js';

const JOB_PLACE = ['repository', 'workflow', 'job', 'run_id', 'run_attempt'] as const;

/** Thresholds; the one source for the CLI flags, the audit action's inputs and docs/audit.md. */
export const anomalyThresholdsSchema = z.strictObject({
  'per-minute-step': z
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Credential requests of one step in any 60-second window above this are an anomaly.'),
  'per-minute-job': z
    .number()
    .int()
    .min(1)
    .default(30)
    .describe('Credential requests of one job in any 60-second window above this are an anomaly.'),
  burst: z
    .number()
    .int()
    .min(1)
    .default(5)
    .describe('Credential requests of one job within one second above this are a burst.'),
  retries: z
    .number()
    .int()
    .min(0)
    .default(3)
    .describe(
      "Retries of one step above this are an anomaly (requests after one of the step's requests was refused or rate-limited, plus HTTP retries the client made).",
    ),
  refusals: z
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('Refusals of one job above this are an anomaly (0: any refusal).'),
});

export type AnomalyThresholds = z.output<typeof anomalyThresholdsSchema>;
export const DEFAULT_THRESHOLDS: AnomalyThresholds = anomalyThresholdsSchema.parse({});
export const THRESHOLD_KEYS = Object.keys(anomalyThresholdsSchema.shape) as (keyof AnomalyThresholds)[];

/**
 * Thresholds from text options (CLI flags, action inputs): whole numbers only, then the schema's
 * bounds; an option `get` answers undefined for takes its default. Errors name the option as `name(key)` says
 * (`--burst`, `input 'burst'`).
 */
export function parseThresholds(
  get: (key: keyof AnomalyThresholds) => string | undefined,
  name: (key: string) => string,
): AnomalyThresholds {
  const given: Record<string, number> = {};
  for (const k of THRESHOLD_KEYS) {
    const v = get(k);
    if (v === undefined) continue;
    if (!/^\d+$/.test(v)) throw new Error(`${name(k)} must be a whole number, not '${v}'`);
    given[k] = Number(v);
  }
  const r = anomalyThresholdsSchema.safeParse(given);
  if (!r.success)
    throw new Error(r.error.issues.map((i) => `${name(i.path.join('.'))}: ${i.message}`).join('; '));
  return r.data;
}

export const ANOMALY_KINDS = {
  'rate-step': 'credential requests per minute of one step above the threshold',
  'rate-job': 'credential requests per minute of one job above the threshold',
  burst: 'credential requests of one job within one second above the threshold',
  retries: 'a step retried more often than the threshold',
  refusals: 'a job was refused more often than the threshold',
  'rate-limited': 'the broker throttled the repository (retry storm, runaway matrix)',
  'claimed-twice': 'a single-use grant was claimed again: possibly another step holding a stolen token',
  'live-at-job-end': 'a credential outlived its step: revoked only at job end, by its ttl, or not at all',
  'claimed-by-unknown-step':
    "the broker issued a credential under a step name that never ran in this job (the Jobs API lists the job's steps), or whose display name other steps share with rows that disagree: another step claimed it, or may have",
  'unverified-trail-line':
    "a line of the job's trail that the broker's record or the runner's own context does not confirm: a step of the job wrote or changed it",
  'broker-unanswered':
    'a broker-url is set but the audit step got no answer from it (no OIDC token, a token of another run, the broker failed): nothing about credentials is verified and nothing was revoked at job end',
  'trail-unreadable':
    "the job's trail is missing, replaced (a directory, a link) or oversized: a step of the job tampered with it",
  'gate-not-passed':
    "the job's actions/enforce step did not pass in the Jobs API: it failed, was skipped, never ran, cannot be told by name, or a `continue-on-error`, `mode: audit` or workflow-set input or `env:` makes its success meaningless",
  'unconfirmed-gate-verdict':
    'the trail\'s gate verdict is not what the Jobs API shows: "allowed" for a gate step that failed, was skipped, never ran or is not in the job, or a denial for one that passed: a step of the job wrote it',
} as const;
export type AnomalyKind = keyof typeof ANOMALY_KINDS;

export interface Anomaly {
  readonly kind: AnomalyKind;
  readonly severity: 'warning' | 'error';
  readonly repository?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly step?: string;
  readonly run_id?: string;
  readonly run_attempt?: number;
  /** The measured value (requests, retries, refusals, credentials). */
  readonly value: number;
  /** The threshold it crossed (0 for always-flagged kinds). */
  readonly threshold: number;
  readonly first: string;
  readonly last: string;
  readonly detail: string;
}

/** Requests to the broker: what a rate limit, a burst or a retry counts. */
const REQUEST_TYPES = new Set<AuditEvent['type']>([
  'credential.granted',
  'credential.refused',
  'credential.rate_limited',
  'credential.claimed_twice',
]);

/** Counts per second over the last minute: peak per second and peak over any 60-second window. */
class Window {
  private readonly buckets = new Uint32Array(60);
  private last = -Infinity;
  private sum = 0;
  peakMinute = 0;
  peakSecond = 0;
  first = '';
  lastTime = '';
  lastSeen = 0;

  add(second: number, time: string): void {
    if (!this.first) this.first = time;
    this.lastTime = time;
    if (second > this.last) {
      // Clear the seconds that slid out of the window (at most 60 of them).
      const gap = Math.min(60, second - this.last);
      for (let i = 1; i <= gap; i++) {
        const b = (((second - gap + i) % 60) + 60) % 60;
        this.sum -= this.buckets[b]!;
        this.buckets[b] = 0;
      }
      this.last = second;
    } else if (second <= this.last - 60) {
      return; // older than the window: counted in totals, not in rates
    }
    const b = ((second % 60) + 60) % 60;
    this.buckets[b]!++;
    this.sum++;
    this.peakSecond = Math.max(this.peakSecond, this.buckets[b]!);
    this.peakMinute = Math.max(this.peakMinute, this.sum);
    this.lastSeen = Math.max(this.lastSeen, second);
  }
}

// The first event of a key is kept, not copied: its place is computed only if an anomaly is reported.
interface StepState {
  readonly window: Window;
  retries: number;
  refusedOnce: boolean;
  readonly firstEvent: AuditEvent;
}
interface JobState {
  readonly window: Window;
  refusals: number;
  firstRefusal: string;
  lastRefusal: string;
  readonly firstEvent: AuditEvent;
}
type Where = Pick<Anomaly, 'repository' | 'workflow' | 'job' | 'step' | 'run_id' | 'run_attempt'>;

function whereOf(e: AuditEvent, withStep: boolean): Where {
  return pickFields(e, withStep ? [...JOB_PLACE, 'step'] : JOB_PLACE);
}

export const jobKeyOf = (e: AuditEvent) =>
  `${e.repository ?? ''}\u0000${e.run_id ?? ''}\u0000${e.run_attempt ?? 1}\u0000${e.workflow ?? ''}\u0000${e.job ?? ''}`;

/** Idle windows are closed after this many seconds of event time. */
const IDLE_SECONDS = 120;
/** Anomalies kept in full; the rest are counted (a hostile log must not exhaust memory). */
export const MAX_ANOMALIES = 10_000;

export class AnomalyDetector {
  private readonly steps = new Map<string, StepState>();
  private readonly jobs = new Map<string, JobState>();
  private watermark = -Infinity;
  private seen = 0;
  readonly anomalies: Anomaly[] = [];
  /** Anomalies beyond MAX_ANOMALIES, counted only. */
  dropped = 0;

  constructor(private readonly t: AnomalyThresholds = DEFAULT_THRESHOLDS) {}

  private push(a: Anomaly): void {
    if (this.anomalies.length < MAX_ANOMALIES) this.anomalies.push(a);
    else this.dropped++;
  }

  add(e: AuditEvent): void {
    const ms = Date.parse(e.time);
    const second = Math.floor(ms / 1000);
    if (e.type === 'credential.claimed_twice')
      this.push({
        kind: 'claimed-twice',
        severity: 'error',
        ...whereOf(e, true),
        value: 1,
        threshold: 0,
        first: e.time,
        last: e.time,
        detail: `${e.audience ?? 'a'} grant of step '${e.step ?? '?'}' claimed again${e.detail ? `: ${e.detail}` : ''}`,
      });
    if (e.type === 'credential.rate_limited')
      this.push({
        kind: 'rate-limited',
        severity: 'warning',
        ...whereOf(e, true),
        value: 1,
        threshold: 0,
        first: e.time,
        last: e.time,
        detail: e.detail ?? 'the broker answered 429',
      });
    if (!REQUEST_TYPES.has(e.type) || !Number.isFinite(second)) return;

    const jobKey = jobKeyOf(e);
    const stepKey = `${jobKey}\u0000${e.step ?? ''}`;
    let job = this.jobs.get(jobKey);
    if (!job) {
      job = {
        window: new Window(),
        refusals: 0,
        firstRefusal: '',
        lastRefusal: '',
        firstEvent: e,
      };
      this.jobs.set(jobKey, job);
    }
    let step = this.steps.get(stepKey);
    if (!step) {
      step = { window: new Window(), retries: 0, refusedOnce: false, firstEvent: e };
      this.steps.set(stepKey, step);
    }
    job.window.add(second, e.time);
    step.window.add(second, e.time);
    if (step.refusedOnce) step.retries++;
    if (e.attempts && e.attempts > 1) step.retries += e.attempts - 1;
    if (e.type !== 'credential.granted') {
      step.refusedOnce = true;
      if (e.type === 'credential.refused') {
        job.refusals++;
        if (!job.firstRefusal) job.firstRefusal = e.time;
        job.lastRefusal = e.time;
      }
    }
    if (second > this.watermark) this.watermark = second;
    if (++this.seen % 4096 === 0) this.closeIdle(this.watermark - IDLE_SECONDS);
  }

  /** Closes windows idle since before `before` (event-time seconds): their anomalies are final. */
  private closeIdle(before: number): void {
    for (const [k, s] of this.steps)
      if (s.window.lastSeen < before) {
        this.closeStep(s);
        this.steps.delete(k);
      }
    for (const [k, j] of this.jobs)
      if (j.window.lastSeen < before) {
        this.closeJob(j);
        this.jobs.delete(k);
      }
  }

  private closeStep(s: StepState): void {
    const w = s.window;
    const span = [w.first, w.lastTime] as const;
    this.flagOver(s.firstEvent, true, [
      {
        kind: 'rate-step',
        value: w.peakMinute,
        threshold: this.t['per-minute-step'],
        span,
        text: (n, at) => `${n} credential requests in one minute from step '${at.step ?? '?'}'`,
      },
      {
        kind: 'retries',
        value: s.retries,
        threshold: this.t.retries,
        span,
        text: (n, at) => `step '${at.step ?? '?'}' retried ${n} times`,
      },
    ]);
  }

  private closeJob(j: JobState): void {
    const w = j.window;
    const span = [w.first, w.lastTime] as const;
    this.flagOver(j.firstEvent, false, [
      {
        kind: 'rate-job',
        value: w.peakMinute,
        threshold: this.t['per-minute-job'],
        span,
        text: (n, at) => `${n} credential requests in one minute from job '${at.job ?? '?'}'`,
      },
      {
        kind: 'burst',
        value: w.peakSecond,
        threshold: this.t.burst,
        span,
        text: (n, at) => `${n} credential requests within one second from job '${at.job ?? '?'}'`,
      },
      {
        kind: 'refusals',
        value: j.refusals,
        threshold: this.t.refusals,
        span: [j.firstRefusal, j.lastRefusal],
        text: (n, at) => `${n} refused credential request${n === 1 ? '' : 's'} in job '${at.job ?? '?'}'`,
      },
    ]);
  }

  /** Reports each measured value above its threshold; the place is computed only then. */
  private flagOver(
    first: AuditEvent,
    withStep: boolean,
    checks: {
      kind: AnomalyKind;
      value: number;
      threshold: number;
      span: readonly [string, string];
      text: (value: number, at: Where) => string;
    }[],
  ): void {
    const over = checks.filter((c) => c.value > c.threshold);
    if (!over.length) return;
    const at = whereOf(first, withStep);
    for (const c of over)
      this.push({
        kind: c.kind,
        severity: 'warning',
        ...at,
        value: c.value,
        threshold: c.threshold,
        first: c.span[0],
        last: c.span[1],
        detail: `${c.text(c.value, at)} (threshold ${c.threshold})`,
      });
  }

  /** A credential outlived its step (called by the report, which tracks grants). */
  liveAtEnd(
    e: Pick<AuditEvent, 'repository' | 'workflow' | 'job' | 'step' | 'run_id' | 'run_attempt' | 'time'>,
    how: string,
    firstTime: string,
  ): void {
    this.push({
      kind: 'live-at-job-end',
      severity: 'warning',
      ...whereOf(e as AuditEvent, true),
      value: 1,
      threshold: 0,
      first: firstTime,
      last: e.time,
      detail: how,
    });
  }

  /** Closes every open window; anomalies are then complete. */
  finish(): Anomaly[] {
    this.closeIdle(Infinity);
    return this.anomalies;
  }
}
