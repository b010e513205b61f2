/**
 * The audit report, built one event at a time: the run and who or what started it, workload activity
 * grouped per step / audience / scope / result, administrator activity, anomalies and totals. Pure and
 * streaming: memory is bounded by the number of groups (capped), live credentials and the first
 * administrator events kept for rendering — never by the number of events, so a million-event broker
 * log renders in the same memory as a job's trail. Every event passes through `onEvent` with its
 * classification, for writers that keep them all (the JSON output spools them to disk).
 */
import { AnomalyDetector, DEFAULT_THRESHOLDS, type Anomaly, type AnomalyThresholds } from './anomalies.js';
import { classify, type ActivityClass, type Classification, type Initiator } from './classify.js';
import {
  pickFields,
  REASON_CODE,
  RUN_CONTEXT_FIELDS,
  type Actor,
  type AuditEvent,
  type AuditEventType,
} from './event.js';
import type { UnverifiedLine } from './verify.js';
import type { GateCheck } from './job-steps.js';

/** What names a workload group: where the request came from and what it was for. */
const PLACE = ['repository', 'workflow', 'job', 'step', 'audience', 'scope'] as const;
const RUN_FIELDS = RUN_CONTEXT_FIELDS;

/** What became of a credential request; a group's result. */
export type WorkloadResult = 'granted' | 'refused' | 'rate-limited' | 'claimed twice' | 'revoked' | 'expired';

export interface WorkloadGroup {
  readonly repository?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly step?: string;
  readonly audience?: string;
  readonly scope?: string;
  readonly result: WorkloadResult;
  /** The refusal code, for refused groups. */
  readonly reason?: string;
  readonly detail?: string;
  count: number;
  first: string;
  last: string;
  /** Grants of the group revoked, by reason (`REVOKED_AFTER_COMMAND`, `REVOKED_AT_JOB_END`, `TTL_PASSED`…). */
  readonly revoked: Record<string, number>;
  lastRevoked?: string;
  /** Lifetimes in seconds of the revoked grants (issued to revoked). */
  lifetimeMax?: number;
  lifetimeSum: number;
  lifetimeCount: number;
  /** Commands run with the group's credentials (actions/run), and how many failed. */
  used: number;
  usedFailed: number;
  /** Grants of the group not from the broker (a job's trail says so): never shown with ✅. */
  reported: number;
}

export interface AdministratorItem {
  readonly time: string;
  readonly type: AuditEventType;
  readonly rule: string;
  readonly initiator: Initiator;
  readonly who?: Actor;
  readonly what: string;
  readonly outcome: AuditEvent['outcome'];
  readonly repository?: string;
  readonly run_id?: string;
  readonly details?: Record<string, unknown>;
  readonly detail?: string;
}

export interface RunInfo {
  readonly repository?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly run_id?: string;
  readonly run_attempt?: number;
  readonly event_name?: string;
  readonly ref?: string;
  readonly sha?: string;
  readonly actor?: Actor;
  readonly triggering_actor?: Actor;
  /** How the run itself is classified (who or what started it). */
  readonly started_by?: Classification;
  /** `workflow_dispatch` inputs and the like, from the run.started event. */
  readonly details?: Record<string, unknown>;
}

/** The enforce gate's verdict for the run's job: the worst `job.enforced` event (the first of those). */
export interface GateInfo {
  readonly outcome: AuditEvent['outcome'];
  /** How many `job.enforced` events the log holds (one gate writes one). */
  reports: number;
  readonly mode?: string;
  readonly detail?: string;
  readonly problems: { file?: string; line?: number; message?: string; rule?: string }[];
}

export interface Totals {
  events: number;
  workload: number;
  administrator: number;
  malformed: number;
  refusals: number;
  anomalies: number;
  runs: number;
  repositories: number;
  granted: number;
  revoked: number;
  live_at_end: number;
  /** Jobs the enforce gate denied (or could not judge). */
  gate_denied: number;
  by_type: Partial<Record<AuditEventType, number>>;
  /** Workload events by who or what set them in motion. */
  workload_by_initiator: Partial<Record<Initiator, number>>;
  by_source: Record<string, number>;
  first?: string;
  last?: string;
}

/** What the audit action checked the job's trail against (absent for logs read by the CLI). */
export interface Verification {
  /** Fixed phrases: what was checked, against which source. */
  readonly verified: readonly string[];
  /** Fixed phrases: what is shown but could not be checked. */
  readonly notVerified: readonly string[];
  /** True when the workload section is the broker's record; false: only the trail's word. */
  readonly brokerConfirmed: boolean;
  readonly unverified: readonly UnverifiedLine[];
  /** The trail could not be read (TrailError message). */
  readonly trailError?: string;
  /** The enforce gate's step as the Jobs API saw it run; absent when the API or the workflow was not read. */
  readonly gate?: GateCheck;
}

export interface AuditReport {
  /** Set by the audit action: what the summary verified and against what. */
  readonly verification?: Verification;
  /** The run when every event belongs to one run; else undefined and `totals.runs` says how many. */
  readonly run?: RunInfo;
  /** The enforce gate's verdict, for a single run. */
  readonly gate?: GateInfo;
  readonly groups: WorkloadGroup[];
  /** Events of groups beyond the cap, folded into the `(other)` groups. */
  readonly otherEvents: number;
  readonly administrator: AdministratorItem[];
  /** Administrator events beyond those kept for rendering, counted only. */
  readonly administratorOmitted: number;
  readonly anomalies: Anomaly[];
  readonly anomaliesOmitted: number;
  readonly refusals: WorkloadGroup[];
  readonly totals: Totals;
}

export interface ReportOptions {
  readonly thresholds?: AnomalyThresholds;
  /** Workload groups kept (the rest are counted). */
  readonly maxGroups?: number;
  /** Administrator events kept for rendering (the rest are counted; writers still see them all). */
  readonly maxAdministrator?: number;
  /** Called with every event and its classification, in order. */
  readonly onEvent?: (e: AuditEvent, c: Classification) => void;
}

interface LiveGrant {
  readonly group: WorkloadGroup;
  readonly issued: string;
  readonly ctx: AuditEvent;
}

const MAX_DISTINCT = 100_000;

/** Which group a credential event belongs to: its place and what the request was for. */
function groupKey(e: AuditEvent, result: WorkloadResult): string {
  return [
    e.repository,
    e.workflow,
    e.job,
    e.step,
    e.audience,
    e.scope,
    result,
    result === 'granted' ? '' : e.reason,
  ].join('\u0000');
}

function resultOf(type: AuditEventType): WorkloadResult | undefined {
  switch (type) {
    case 'credential.granted':
      return 'granted';
    case 'credential.refused':
      return 'refused';
    case 'credential.rate_limited':
      return 'rate-limited';
    case 'credential.claimed_twice':
      return 'claimed twice';
    default:
      return undefined;
  }
}

/**
 * The counts of a broker's `audit.refusals_suppressed` line, by reason code: refusals counted instead of
 * written (audit-budget.ts). Only the broker's own line counts (a job's trail cannot add refusals), and
 * only codes and whole positive counts.
 */
function suppressedByReason(e: AuditEvent): [string, number][] {
  const by = e.source === 'broker' ? e.details?.by_reason : undefined;
  if (!by || typeof by !== 'object') return [];
  return Object.entries(by as Record<string, unknown>).filter(
    (r): r is [string, number] =>
      REASON_CODE.test(r[0]) && typeof r[1] === 'number' && Number.isSafeInteger(r[1]) && r[1] > 0,
  );
}

/** A short name of what an administrator event did. */
function whatOf(e: AuditEvent, c: Classification): string {
  switch (c.rule) {
    case 'dispatch-by-person':
      return 'dispatched the workflow by hand';
    case 're-run-by-person':
      return `re-ran the workflow (attempt ${e.run_attempt ?? '?'})`;
    case 'manual-revocation':
      return 'revoked a credential (kill switch)';
    case 'admin.revoke':
      return e.outcome === 'success' ? 'used the kill switch' : 'tried the kill switch (refused)';
    case 'admin.change':
      return e.action ? `changed access settings (${e.action})` : 'changed workflows or the access manifest';
    case 'run.approval': {
      const state = typeof e.details?.state === 'string' ? e.details.state : '';
      return state === 'approved' || state === 'rejected' ? `${state} a deployment` : 'reviewed a deployment';
    }
    default:
      return e.action ?? e.type;
  }
}

export class AuditReportBuilder {
  private readonly detector: AnomalyDetector;
  private readonly groups = new Map<string, WorkloadGroup>();
  private otherEvents = 0;
  private readonly live = new Map<string, LiveGrant>();
  private readonly admin: AdministratorItem[] = [];
  private adminOmitted = 0;
  private readonly runs = new Set<string>();
  private readonly repos = new Set<string>();
  private run: RunInfo | undefined;
  private gate: GateInfo | undefined;
  private runStarted = false;
  private multipleRuns = false;
  private readonly totals: Totals = {
    events: 0,
    workload: 0,
    administrator: 0,
    malformed: 0,
    refusals: 0,
    anomalies: 0,
    runs: 0,
    repositories: 0,
    granted: 0,
    revoked: 0,
    live_at_end: 0,
    gate_denied: 0,
    by_type: {},
    workload_by_initiator: {},
    by_source: {},
  };
  private readonly maxGroups: number;
  private readonly maxAdmin: number;

  constructor(private readonly opts: ReportOptions = {}) {
    this.detector = new AnomalyDetector(opts.thresholds ?? DEFAULT_THRESHOLDS);
    this.maxGroups = opts.maxGroups ?? 5_000;
    this.maxAdmin = opts.maxAdministrator ?? 1_000;
  }

  /** A line that could not be read: counted, so nothing is silently lost. */
  malformed(): void {
    this.totals.malformed++;
  }

  add(e: AuditEvent): Classification {
    const c = classify(e);
    const t = this.totals;
    t.events++;
    t[c.class]++;
    t.by_type[e.type] = (t.by_type[e.type] ?? 0) + 1;
    if (c.class === 'workload')
      t.workload_by_initiator[c.initiator] = (t.workload_by_initiator[c.initiator] ?? 0) + 1;
    t.by_source[e.source] = (t.by_source[e.source] ?? 0) + 1;
    if (!t.first || e.time < t.first) t.first = e.time;
    if (!t.last || e.time > t.last) t.last = e.time;
    this.trackRun(e, c);
    if (e.type === 'job.enforced') this.trackGate(e);
    this.detector.add(e);
    if (c.class === 'administrator') this.addAdministrator(e, c);
    this.addWorkload(e);
    this.opts.onEvent?.(e, c);
    return c;
  }

  private trackRun(e: AuditEvent, c: Classification): void {
    if (e.run_id) {
      const key = `${e.repository ?? ''}#${e.run_id}`;
      if (this.runs.size < MAX_DISTINCT) this.runs.add(key);
    }
    if (e.repository && this.repos.size < MAX_DISTINCT) this.repos.add(e.repository);
    if (!e.run_id) return;
    if (this.run && (this.run.run_id !== e.run_id || this.run.repository !== e.repository)) {
      this.multipleRuns = true;
      return;
    }
    // The run.started event describes the run best; until one comes, the first event's context does.
    if (e.type === 'run.started' && !this.runStarted) {
      this.runStarted = true;
      this.run = { ...runOf(e), started_by: c, ...(e.details ? { details: e.details } : {}) };
    } else if (!this.run) {
      this.run = { ...runOf(e), started_by: classify({ ...e, type: 'run.started' }) };
    }
  }

  private trackGate(e: AuditEvent): void {
    if (e.outcome !== 'success') this.totals.gate_denied++;
    // The worst verdict stands: a later line (any step can write one) never turns a denial into an
    // allowance, and a second denial does not replace the first.
    const rank = (o: AuditEvent['outcome']) => (o === 'success' ? 0 : 1);
    if (this.gate && rank(e.outcome) <= rank(this.gate.outcome)) {
      this.gate.reports++;
      return;
    }
    const list = Array.isArray(e.details?.problems) ? (e.details.problems as unknown[]) : [];
    this.gate = {
      outcome: e.outcome,
      reports: (this.gate?.reports ?? 0) + 1,
      ...(typeof e.details?.mode === 'string' ? { mode: e.details.mode } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
      problems: list
        .filter((p): p is Record<string, unknown> => !!p && typeof p === 'object')
        .slice(0, 50)
        .map((p) => ({
          ...(typeof p.file === 'string' ? { file: p.file } : {}),
          ...(typeof p.line === 'number' ? { line: p.line } : {}),
          ...(typeof p.message === 'string' ? { message: p.message } : {}),
          ...(typeof p.rule === 'string' ? { rule: p.rule } : {}),
        })),
    };
  }

  private addAdministrator(e: AuditEvent, c: Classification): void {
    if (this.admin.length >= this.maxAdmin) {
      this.adminOmitted++;
      return;
    }
    const who = e.type === 'run.started' ? (e.triggering_actor ?? e.actor) : e.actor;
    const actor =
      who ?? (e.details?.actor ? { login: String(e.details.actor), type: 'User' as const } : undefined);
    this.admin.push({
      time: e.time,
      type: e.type,
      rule: c.rule,
      initiator: c.initiator,
      ...(actor ? { who: actor } : {}),
      what: whatOf(e, c),
      outcome: e.outcome,
      ...pickFields(e, ['repository', 'run_id', 'details', 'detail']),
    });
  }

  private group(e: AuditEvent, result: WorkloadResult, overflow = false): WorkloadGroup {
    const key = groupKey(e, result);
    let g = this.groups.get(key);
    if (!g) {
      if (!overflow && this.groups.size >= this.maxGroups) {
        this.otherEvents++;
        // Past the cap, further new groups share one bucket per result so memory stays bounded.
        const other = {
          ...e,
          repository: '(other)',
          workflow: '',
          job: '',
          step: '',
          audience: '',
          scope: '',
          reason: '',
        };
        return this.group(other, result, true);
      }
      g = {
        ...pickFields(e, PLACE),
        result,
        ...(result !== 'granted' && e.reason ? { reason: e.reason } : {}),
        ...(result !== 'granted' && e.detail ? { detail: e.detail } : {}),
        count: 0,
        first: e.time,
        last: e.time,
        revoked: {},
        lifetimeSum: 0,
        lifetimeCount: 0,
        used: 0,
        usedFailed: 0,
        reported: 0,
      };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Refusals the broker counted instead of writing: refused groups of the repository, by code. */
  private addSuppressed(e: AuditEvent): void {
    for (const [reason, n] of suppressedByReason(e)) {
      const g = this.group(
        {
          ...e,
          type: 'credential.refused',
          reason,
          detail: `counted by the broker, not written (over its per-minute audit budget for refusals)`,
        },
        'refused',
      );
      g.count += n;
      const first = typeof e.details?.first === 'string' ? e.details.first : e.time;
      if (first < g.first) g.first = first;
      if (e.time > g.last) g.last = e.time;
      this.totals.refusals += n;
    }
  }

  private addWorkload(e: AuditEvent): void {
    if (e.type === 'audit.refusals_suppressed') return this.addSuppressed(e);
    const result = resultOf(e.type);
    if (result) {
      const g = this.group(e, result);
      g.count++;
      if (e.time < g.first) g.first = e.time;
      if (e.time > g.last) g.last = e.time;
      if (result === 'granted') {
        this.totals.granted++;
        if (e.source !== 'broker') g.reported++;
        if (e.grant_id) this.live.set(e.grant_id, { group: g, issued: e.time, ctx: e });
      } else if (result === 'refused') this.totals.refusals++;
      return;
    }
    if (e.type === 'credential.used') {
      const known = e.grant_id ? this.live.get(e.grant_id) : undefined;
      const g = known?.group ?? this.group(e, 'granted');
      g.used++;
      if (e.outcome !== 'success') g.usedFailed++;
      return;
    }
    if (e.type !== 'credential.revoked' && e.type !== 'credential.expired') return;
    const known = e.grant_id ? this.live.get(e.grant_id) : undefined;
    // A failed revocation leaves the credential live (the broker's ttl still ends it).
    if (e.outcome !== 'success' && e.type === 'credential.revoked') {
      if (known)
        known.group.revoked[e.reason ?? 'ERR_REVOKE_FAILED'] =
          (known.group.revoked[e.reason ?? 'ERR_REVOKE_FAILED'] ?? 0) + 1;
      return;
    }
    this.totals.revoked++;
    const reason = e.reason ?? (e.type === 'credential.expired' ? 'TTL_PASSED' : 'REVOKED');
    const g = known?.group ?? this.group(e, e.type === 'credential.expired' ? 'expired' : 'revoked');
    if (!known) {
      g.count++;
      if (e.time > g.last) g.last = e.time;
    }
    g.revoked[reason] = (g.revoked[reason] ?? 0) + 1;
    if (!g.lastRevoked || e.time > g.lastRevoked) g.lastRevoked = e.time;
    const lifetime = known
      ? Math.max(0, Math.round((Date.parse(e.time) - Date.parse(known.issued)) / 1000))
      : e.ttl;
    if (lifetime !== undefined && Number.isFinite(lifetime)) {
      g.lifetimeSum += lifetime;
      g.lifetimeCount++;
      g.lifetimeMax = Math.max(g.lifetimeMax ?? 0, lifetime);
    }
    if (e.grant_id) this.live.delete(e.grant_id);
    if (reason === 'REVOKED_AT_JOB_END' || e.type === 'credential.expired') {
      this.totals.live_at_end++;
      this.detector.liveAtEnd(
        { ...(known?.ctx ?? e), time: e.time },
        reason === 'REVOKED_AT_JOB_END'
          ? `credential of step '${e.step ?? known?.ctx.step ?? '?'}' was still live at job end (revoked by the audit step, not by its own step)`
          : `credential of step '${e.step ?? known?.ctx.step ?? '?'}' was never revoked: it lived until its ttl`,
        known?.issued ?? e.time,
      );
    }
  }

  finish(): AuditReport {
    // Grants never revoked in this log: live at its end (or revoked where this log cannot see).
    for (const l of this.live.values()) {
      this.totals.live_at_end++;
      l.group.revoked['NOT_REVOKED'] = (l.group.revoked['NOT_REVOKED'] ?? 0) + 1;
      this.detector.liveAtEnd(
        { ...l.ctx, time: this.totals.last ?? l.issued },
        `credential of step '${l.ctx.step ?? '?'}' has no revocation in this log: still live at its end`,
        l.issued,
      );
    }
    this.live.clear();
    const anomalies = this.detector.finish();
    this.totals.anomalies = anomalies.length + this.detector.dropped;
    this.totals.runs = this.runs.size;
    this.totals.repositories = this.repos.size;
    const groups = [...this.groups.values()];
    return {
      ...(this.run && !this.multipleRuns ? { run: this.run } : {}),
      ...(this.gate && !this.multipleRuns ? { gate: this.gate } : {}),
      groups,
      otherEvents: this.otherEvents,
      administrator: this.admin,
      administratorOmitted: this.adminOmitted,
      anomalies,
      anomaliesOmitted: this.detector.dropped,
      refusals: groups.filter(
        (g) => g.result !== 'granted' && g.result !== 'revoked' && g.result !== 'expired',
      ),
      totals: this.totals,
    };
  }
}

function runOf(e: AuditEvent): RunInfo {
  return pickFields(e, RUN_FIELDS);
}

/** The whole report of an in-memory list (tests, the audit action's trail). */
export function buildReport(events: Iterable<AuditEvent>, opts: ReportOptions = {}): AuditReport {
  const b = new AuditReportBuilder(opts);
  for (const e of events) b.add(e);
  return b.finish();
}

export type { ActivityClass };
