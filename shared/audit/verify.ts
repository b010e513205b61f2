/**
 * The job summary trusts the broker, not the job's trail. Every step of a job can write the trail
 * under $RUNNER_TEMP, so at job end the audit action asks the broker for every credential it issued
 * for this run attempt and job (and matrix leg), and this pure function turns that answer into the
 * workload events of the report. Trail lines are kept only where they are a step's own report of
 * something the broker cannot know (a refusal, a command's outcome, the gate's verdict) and labelled so;
 * a trail line that claims what the broker's record contradicts or does not hold is **unverified**.
 */
import { z } from 'zod';
import type { Anomaly } from './anomalies.js';
import { classify } from './classify.js';
import type { GateCheck, StepRan } from './job-steps.js';
import {
  AUDIT_EVENT_VERSION,
  auditEventSchema,
  pickFields,
  REASON_CODE,
  RUN_CONTEXT_FIELDS,
  type AuditEvent,
} from './event.js';

/** One credential as the broker's /revoke (`subject_token=`) lists it (the one schema for the answer). */
export const brokerCredentialSchema = z.object({
  grant_id: z.string().min(1),
  job: z.string().optional(),
  step: z.string(),
  audience: z.string(),
  scope: z.string(),
  check_run_id: z.string().optional(),
  issued_at: z.iso.datetime({ offset: true }),
  expires_at: z.iso.datetime({ offset: true }),
  revoked_at: z.iso.datetime({ offset: true }).optional(),
  /** Why a credential revoked earlier was (the store's word): `REVOKED_BY_ADMIN` is the kill switch. */
  revoked_reason: z.string().regex(REASON_CODE).optional(),
  state: z.enum(['revoked-now', 'revoked-earlier', 'expired', 'revocation-failed', 'live']),
});

/** The broker's answer at job end. */
export const brokerListingSchema = z.object({
  revoked: z.number().int().nonnegative(),
  credentials: z.array(brokerCredentialSchema).max(10_000),
  /** False: the broker's store lists only what this call revoked (older credentials are not shown). */
  complete: z.boolean(),
  /** The claims of the OIDC token the broker verified (GitHub-signed run facts). */
  subject: z.record(z.string(), z.string()),
});

export type BrokerCredential = z.output<typeof brokerCredentialSchema>;
export type BrokerListing = z.output<typeof brokerListingSchema>;

/** A grant claimed under a step the Jobs API does not show running; `why` says so (anomaly and log). */
export type UnknownStep = BrokerCredential & { readonly why: string };

/** A trail line the broker's record does not confirm. */
export interface UnverifiedLine {
  readonly line: number;
  readonly type: AuditEvent['type'];
  readonly step?: string;
  readonly grant_id?: string;
  readonly reason?: string;
  readonly why: string;
}

export interface VerifyInput {
  /** The trail's events with their line numbers (empty when it could not be read). */
  readonly trail: readonly { line: number; event: AuditEvent }[];
  /** The broker's answer; undefined when there was none (no broker-url, no id-token, broker failed). */
  readonly broker?: BrokerListing;
  /**
   * Did the step the broker keyed a grant by run in this job (Jobs API)? undefined: cannot tell (no
   * token, the job not found); `shared`: rows of its display name disagree, so whether it ran cannot
   * be told, which fails closed as a step that did not run.
   */
  readonly stepRan?: (step: string) => StepRan;
  /** The run context every built event carries (from the verified claims where there are some). */
  readonly ctx: Partial<AuditEvent>;
  /** When the audit looked (for anomalies without a time of their own). */
  readonly now: string;
}

export interface VerifyResult {
  /** Workload events for the report: the broker's record, plus what only the steps can report. */
  readonly events: AuditEvent[];
  readonly unverified: UnverifiedLine[];
  readonly anomalies: Anomaly[];
  /** Grants the broker issued under a step name that never ran, or whose row cannot be told apart. */
  readonly unknownSteps: UnknownStep[];
}

/**
 * Trail lines that are a step's own report of what the broker cannot list: refusals, rate limits and
 * second claims (the broker logs them, but its store keeps no record of a refused request) and a
 * command's outcome. They only ever make a job look worse, so they are shown, marked as reported.
 */
const STEP_REPORTS = new Set<AuditEvent['type']>([
  'credential.refused',
  'credential.rate_limited',
  'credential.claimed_twice',
]);

/** Written only by the audit action itself, from the API and the runner's context: never read back. */
const AUDIT_OWN = new Set<AuditEvent['type']>([
  'run.started',
  'run.approval',
  'admin.change',
  'admin.revoke',
  'github.activity',
  'job.summary',
]);

/** The run context a broker-built event carries (so it is classified like the step's own line). */
const PLACE = [...RUN_CONTEXT_FIELDS, 'repository_id'] as const;

function brokerEvents(c: BrokerCredential, ctx: Partial<AuditEvent>): AuditEvent[] {
  const base = {
    v: AUDIT_EVENT_VERSION as typeof AUDIT_EVENT_VERSION,
    source: 'broker' as const,
    ...pickFields(ctx, PLACE),
    ...(c.job ? { job: c.job } : {}),
    step: c.step,
    audience: c.audience,
    scope: c.scope,
    grant_id: c.grant_id,
  };
  const issued = Date.parse(c.issued_at);
  const expires = Date.parse(c.expires_at);
  const out: AuditEvent[] = [
    {
      ...base,
      time: c.issued_at,
      type: 'credential.granted',
      outcome: 'success',
      ttl: Math.max(0, Math.round((expires - issued) / 1000)),
      expires_at: c.expires_at,
    },
  ];
  const at = c.revoked_at ?? c.expires_at;
  if (c.state === 'revoked-now')
    out.push({
      ...base,
      time: at,
      type: 'credential.revoked',
      outcome: 'success',
      reason: 'REVOKED_AT_JOB_END',
    });
  else if (c.state === 'revoked-earlier')
    out.push({
      ...base,
      time: at,
      // Expired by the sweep: the same line as a credential the sweep had not reached yet.
      type: c.revoked_reason === 'TTL_PASSED' ? 'credential.expired' : 'credential.revoked',
      outcome: 'success',
      // The broker's word on who ended it: the kill switch (REVOKED_BY_ADMIN) is administrator activity.
      reason: c.revoked_reason ?? 'REVOKED_BEFORE_JOB_END',
    });
  else if (c.state === 'expired')
    out.push({
      ...base,
      time: c.expires_at,
      type: 'credential.expired',
      outcome: 'success',
      reason: 'TTL_PASSED',
    });
  else if (c.state === 'revocation-failed')
    out.push({
      ...base,
      time: at,
      type: 'credential.revoked',
      outcome: 'error',
      reason: 'ERR_REVOKE_FAILED',
    });
  return out.map((e) => auditEventSchema.parse(e));
}

/** ASCII case folding only (repository names; Unicode folding would match a look-alike). */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The run, attempt or job a trail line names that is not the audited one, or undefined. */
function otherPlace(e: AuditEvent, ctx: Partial<AuditEvent>): string | undefined {
  if (
    e.repository !== undefined &&
    ctx.repository !== undefined &&
    fold(e.repository) !== fold(ctx.repository)
  )
    return `repository '${e.repository}'`;
  if (e.run_id !== undefined && ctx.run_id !== undefined && e.run_id !== ctx.run_id) return `run ${e.run_id}`;
  if (e.run_attempt !== undefined && ctx.run_attempt !== undefined && e.run_attempt !== ctx.run_attempt)
    return `attempt ${e.run_attempt}`;
  if (e.job !== undefined && ctx.job !== undefined && e.job !== ctx.job) return `job '${e.job}'`;
  return undefined;
}

/**
 * What a trail line may not say of itself: the place, and how the run was set in motion (GitHub's
 * access type decides whether a dispatch was a person's or a script's, classify.ts classifyRun).
 */
const RUN_FACTS = [...PLACE, 'access_type'] as const;

/** The event without any run-context field (a line's own say on where and by whom is dropped). */
function withoutPlace(e: AuditEvent): Partial<AuditEvent> {
  const out: Partial<AuditEvent> = { ...e };
  for (const k of RUN_FACTS) delete out[k];
  return out;
}

/** Why the broker's record does not bear a credential line out, or undefined when it does. */
function contradiction(e: AuditEvent, c: BrokerCredential | undefined): string | undefined {
  if (!e.grant_id) return 'names no grant id, so the broker cannot confirm it';
  if (!c) return 'the broker issued no credential with this grant id for this job';
  if (e.step !== undefined && e.step !== c.step)
    return `the broker issued this grant to step '${c.step}', not '${e.step}'`;
  if (e.audience !== undefined && e.audience !== c.audience)
    return `the broker issued this grant for audience '${c.audience}', not '${e.audience}'`;
  switch (e.type) {
    case 'credential.revoked':
      if (e.outcome !== 'success') return undefined;
      if (c.state === 'revoked-earlier') return undefined;
      return c.state === 'revoked-now' || c.state === 'revocation-failed'
        ? 'the broker still held it live at job end (the audit step revoked it)'
        : `the broker's record says ${c.state}`;
    case 'credential.expired':
      return c.state === 'expired' || (c.state === 'revoked-earlier' && c.revoked_reason === 'TTL_PASSED')
        ? undefined
        : `the broker's record says ${c.state}`;
    default:
      return undefined;
  }
}

export function verifyJob(input: VerifyInput): VerifyResult {
  const { broker, ctx } = input;
  const byGrant = new Map((broker?.credentials ?? []).map((c) => [c.grant_id, c]));
  const events: AuditEvent[] = [];
  const unverified: UnverifiedLine[] = [];
  const attempts = new Map<string, number>();
  for (const { line, event: written } of input.trail) {
    const mark = (why: string) =>
      unverified.push({
        line,
        type: written.type,
        ...pickFields(written, ['step', 'grant_id', 'reason']),
        why,
      });
    if (AUDIT_OWN.has(written.type)) {
      mark('only the audit step writes this, from the API and the runner: a step of the job wrote it');
      continue;
    }
    // A line copied from another run's, attempt's or job's trail would be shown as this job's; one that
    // named another run also made the report a multi-run log, which drops the run, gate and
    // verification lines from the summary.
    const elsewhere = otherPlace(written, ctx);
    if (elsewhere) {
      mark(`it names ${elsewhere}: a line of another run, attempt or job`);
      continue;
    }
    // Only the broker (the kill switch) and the audit step record what people did.
    if (classify(written).class === 'administrator') {
      mark(
        "it records a person's act (a kill-switch revocation), which only the broker can: a step of the job wrote it",
      );
      continue;
    }
    // The place and who set the run in motion are this job's verified facts, never the line's own.
    // Nor is its `source`: a line of the trail was written by a step, whatever it claims (a `broker`
    // source would earn it the summary's ✅).
    const e = { ...withoutPlace(written), ...pickFields(ctx, RUN_FACTS), source: 'action' } as AuditEvent;
    if (STEP_REPORTS.has(e.type) || e.type === 'job.enforced') {
      events.push(e);
      continue;
    }
    // credential.granted / used / revoked / expired: the broker's record decides.
    if (!broker) {
      events.push(e);
      continue;
    }
    const known = e.grant_id ? byGrant.get(e.grant_id) : undefined;
    // A store that lists only what the call revoked cannot contradict a grant it does not list: the
    // line is shown as the trail's word (the summary says ended credentials were not listed).
    if (!known && e.grant_id && !broker.complete) {
      events.push(e);
      continue;
    }
    const why = contradiction(e, known);
    if (why) mark(why);
    // A command's outcome is the step's word about a credential the broker confirms it issued.
    else if (e.type === 'credential.used') events.push(e);
    // So are the HTTP retries its exchange took (they only ever add a `retries` anomaly).
    else if (e.type === 'credential.granted' && e.attempts && e.grant_id)
      attempts.set(e.grant_id, e.attempts);
  }
  const unknownSteps: UnknownStep[] = [];
  for (const c of broker?.credentials ?? []) {
    const [granted, ...rest] = brokerEvents(c, ctx);
    const n = attempts.get(c.grant_id);
    events.push(n ? { ...granted!, attempts: n } : granted!, ...rest);
    const ran = input.stepRan?.(c.step);
    if (ran === false)
      unknownSteps.push({ ...c, why: 'which did not run in this job: another step holds or held it' });
    // A step sharing the name that ran proves nothing: it may be the one that claimed the grant.
    else if (typeof ran === 'object')
      unknownSteps.push({
        ...c,
        why: `but ${ran.rows} steps of the job show as '${ran.shared}' in the Jobs API and not all of them ran, so whether step '${c.step}' ran cannot be told: another step may hold or have held it (fix: give step '${c.step}' a \`name:\` no other step has)`,
      });
  }
  events.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));

  const where = pickFields(ctx, ['repository', 'workflow', 'job', 'run_id', 'run_attempt']);
  const anomalies: Anomaly[] = [];
  for (const c of unknownSteps)
    anomalies.push({
      kind: 'claimed-by-unknown-step',
      severity: 'error',
      ...where,
      ...(c.job ? { job: c.job } : {}),
      step: c.step,
      value: 1,
      threshold: 0,
      first: c.issued_at,
      last: c.revoked_at ?? c.issued_at,
      detail: `grant ${c.grant_id} (${c.audience}${c.scope ? ` ${c.scope}` : ''}) was claimed under step '${c.step}', ${c.why} (${c.state})`,
    });
  if (unverified.length)
    anomalies.push({
      kind: 'unverified-trail-line',
      severity: 'error',
      ...where,
      value: unverified.length,
      threshold: 0,
      first: input.now,
      last: input.now,
      detail: `${unverified.length} trail line(s) not confirmed (first: line ${unverified[0]!.line}, ${unverified[0]!.type}: ${unverified[0]!.why})`,
    });
  return { events, unverified, anomalies, unknownSteps };
}

/**
 * The broker-unanswered anomaly: a broker was configured and did not answer. A step of the job can
 * cause that (point ACTIONS_ID_TOKEN_REQUEST_URL elsewhere through GITHUB_ENV, block the broker's
 * host), and then the summary is the trail's word and no credential was revoked at job end: an error,
 * so `fail-on: anomaly` fails closed.
 */
export function brokerAnomaly(ctx: Partial<AuditEvent>, why: string, now: string): Anomaly {
  return jobAnomaly(
    'broker-unanswered',
    ctx,
    `no answer from the broker (${why}): the workload section is the trail's word, and credentials still live were not revoked at job end (they end at their ttl)`,
    now,
  );
}

/** The trail-unreadable anomaly for a TrailError. */
export function trailAnomaly(ctx: Partial<AuditEvent>, message: string, now: string): Anomaly {
  return jobAnomaly('trail-unreadable', ctx, message, now);
}

/**
 * The gate's anomalies (session 15): the Jobs API's view of the gate step (`judgeGate`) against the
 * trail's worst verdict. Any gate state but `passed` is `gate-not-passed` (a job without a gate step
 * of its own has none to pass); a trail verdict the Jobs API does not bear out is
 * `unconfirmed-gate-verdict`. Both errors, so `fail-on: anomaly` fails on them.
 */
export function gateAnomalies(
  gate: GateCheck,
  reported: AuditEvent['outcome'] | undefined,
  ctx: Partial<AuditEvent>,
  now: string,
): Anomaly[] {
  const out: Anomaly[] = [];
  if (gate.state !== 'passed' && gate.state !== 'no-gate')
    out.push(jobAnomaly('gate-not-passed', ctx, gate.why, now));
  // A denial beside a gate that did not pass is already gate-not-passed; beside a gate that passed, or
  // no gate at all, it is a line no gate wrote.
  const disagrees =
    reported !== undefined &&
    (gate.state === 'passed' || gate.state === 'no-gate'
      ? gate.state === 'no-gate' || reported !== 'success'
      : reported === 'success');
  if (disagrees)
    out.push(
      jobAnomaly(
        'unconfirmed-gate-verdict',
        ctx,
        `the trail reports the gate ${reported === 'success' ? 'allowed the job' : reported === 'error' ? 'could not judge the job' : 'denied the job'}, but ${gate.state === 'no-gate' ? `the ${gate.why}` : gate.why}: a step of the job wrote that line`,
        now,
      ),
    );
  return out.map((a) => (gate.name ? { ...a, step: gate.name } : a));
}

/** An error anomaly of the whole job, seen once now. */
function jobAnomaly(kind: Anomaly['kind'], ctx: Partial<AuditEvent>, detail: string, now: string): Anomaly {
  return {
    kind,
    severity: 'error',
    ...pickFields(ctx, ['repository', 'workflow', 'job', 'run_id', 'run_attempt']),
    value: 1,
    threshold: 0,
    first: now,
    last: now,
    detail,
  };
}
