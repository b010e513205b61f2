/**
 * The run-level events, pure: who or what started the run (from the runner's environment and the
 * event payload at GITHUB_EVENT_PATH), access-rule changes in the pushed commits, and environment
 * approvals (from the Actions API's run approvals). Everything taken from a payload is user-controlled:
 * kept as data, bounded in size, escaped only when rendered.
 */
import { AUDIT_EVENT_VERSION, auditEventSchema, type Actor, type AuditEvent } from './event.js';

const MAX_TEXT = 500;
const MAX_ITEMS = 50;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? (v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v) : undefined;

/** A payload's `sender` / `user` object as an actor (GitHub says `type: Bot` for apps). */
export function actorOf(v: unknown): Actor | undefined {
  const o = obj(v);
  const login = o && str(o.login);
  if (!login) return undefined;
  const id = typeof o.id === 'number' || typeof o.id === 'string' ? String(o.id) : undefined;
  return { login, type: o.type === 'Bot' || /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}

function bounded(o: Obj): Obj {
  return Object.fromEntries(
    Object.entries(o)
      .slice(0, MAX_ITEMS)
      .map(([k, v]) => [
        k.slice(0, 100),
        typeof v === 'string' ? str(v) : typeof v === 'object' ? '[object]' : v,
      ]),
  );
}

function base(
  ctx: Partial<AuditEvent>,
  time: string,
): Pick<AuditEvent, 'v' | 'time' | 'source'> & Partial<AuditEvent> {
  return { v: AUDIT_EVENT_VERSION, time, source: 'action', ...ctx };
}

/** What the payload says about the run, by event (inputs of a dispatch, the schedule, the pull request). */
function runDetails(eventName: string | undefined, p: Obj, attempt: number): Obj {
  const d: Obj = {};
  if (attempt > 1) d.rerun = true;
  switch (eventName) {
    case 'workflow_dispatch': {
      const inputs = obj(p.inputs);
      d.inputs = inputs ? bounded(inputs) : {};
      break;
    }
    case 'repository_dispatch':
      if (str(p.action)) d.dispatch_type = str(p.action);
      break;
    case 'schedule':
      if (str(p.schedule)) d.schedule = str(p.schedule);
      break;
    case 'push': {
      const pusher = obj(p.pusher);
      if (pusher && str(pusher.name)) d.pusher = str(pusher.name);
      if (typeof p.forced === 'boolean') d.forced = p.forced;
      if (Array.isArray(p.commits)) d.commits = p.commits.length;
      break;
    }
    case 'pull_request':
    case 'pull_request_target': {
      const pr = obj(p.pull_request);
      if (typeof p.number === 'number') d.pull_request = p.number;
      if (str(p.action)) d.action = str(p.action);
      const head = obj(pr?.head);
      if (head && str(head.ref)) d.head_ref = str(head.ref);
      const repo = obj(head?.repo);
      if (repo && typeof repo.fork === 'boolean') d.fork = repo.fork;
      break;
    }
    case 'workflow_run': {
      const wr = obj(p.workflow_run);
      if (wr && str(wr.name)) d.upstream_workflow = str(wr.name);
      if (wr && str(wr.conclusion)) d.upstream_conclusion = str(wr.conclusion);
      break;
    }
  }
  return d;
}

/**
 * The run.started event: the runner's context, with the actor typed from the payload's `sender` when it
 * is the same account (GitHub marks apps `type: Bot` even where the login has no `[bot]` suffix).
 */
export function runStartedEvent(ctx: Partial<AuditEvent>, payload: unknown, time: string): AuditEvent {
  const p = obj(payload) ?? {};
  const sender = actorOf(p.sender);
  const fix = (a: Actor | undefined) =>
    a && sender && a.login === sender.login ? { ...a, type: sender.type } : a;
  const actor = fix(ctx.actor) ?? sender;
  const triggering = fix(ctx.triggering_actor);
  const details = runDetails(ctx.event_name, p, ctx.run_attempt ?? 1);
  return auditEventSchema.parse({
    ...base(ctx, time),
    type: 'run.started',
    outcome: 'success',
    ...(actor ? { actor } : {}),
    ...(triggering ? { triggering_actor: triggering } : {}),
    ...(Object.keys(details).length ? { details } : {}),
  });
}

/** Is this path an access rule: a workflow file or the access manifest? */
export function isAccessRulePath(path: string, manifestPath: string): boolean {
  return path === manifestPath || /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

/**
 * admin.change for a push whose commits add, change or remove workflow files or the manifest. GitHub's
 * push payload lists up to 2,048 commits with their files; a larger push says so in `details.truncated`.
 */
export function accessChangeEvents(
  ctx: Partial<AuditEvent>,
  eventName: string | undefined,
  payload: unknown,
  manifestPath: string,
  time: string,
): AuditEvent[] {
  const p = obj(payload);
  if (eventName !== 'push' || !p || !Array.isArray(p.commits)) return [];
  const files = new Set<string>();
  const commits: string[] = [];
  for (const c of p.commits) {
    const commit = obj(c);
    if (!commit) continue;
    let touched = false;
    for (const key of ['added', 'modified', 'removed'])
      for (const f of Array.isArray(commit[key]) ? (commit[key] as unknown[]) : [])
        if (typeof f === 'string' && isAccessRulePath(f, manifestPath)) {
          files.add(f);
          touched = true;
        }
    if (touched && str(commit.id)) commits.push(str(commit.id)!.slice(0, 40));
  }
  if (!files.size) return [];
  // Who pushed is the run's actor (signed in the OIDC token when the broker answered); the payload, a
  // file any step can rewrite, only types that account (session 33), as in runStartedEvent.
  const sender = actorOf(p.sender);
  const pusher = ctx.actor
    ? sender && sender.login === ctx.actor.login
      ? { ...ctx.actor, type: sender.type }
      : ctx.actor
    : sender;
  const list = [...files];
  return [
    auditEventSchema.parse({
      ...base(ctx, time),
      type: 'admin.change',
      outcome: 'success',
      ...(pusher ? { actor: pusher } : {}),
      detail: `${list.length} access-rule file${list.length === 1 ? '' : 's'} changed in the pushed commits`,
      details: {
        files: list.slice(0, MAX_ITEMS),
        commits: commits.slice(0, MAX_ITEMS),
        ...(list.length > MAX_ITEMS ? { files_total: list.length } : {}),
        ...(p.commits.length >= 2048 ? { truncated: true } : {}),
      },
    }),
  ];
}

/**
 * run.approval per entry of `GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals`. The API gives
 * no time for a review, so `time` is when it was read; the review happened before the job it gated.
 */
export function approvalEvents(ctx: Partial<AuditEvent>, approvals: unknown, time: string): AuditEvent[] {
  if (!Array.isArray(approvals)) return [];
  return approvals.slice(0, MAX_ITEMS).flatMap((a) => {
    const o = obj(a);
    if (!o) return [];
    const user = actorOf(o.user);
    const state = str(o.state) ?? 'unknown';
    const environments = Array.isArray(o.environments)
      ? o.environments.map((e) => str(obj(e)?.name)).filter((n): n is string => !!n)
      : [];
    return [
      auditEventSchema.parse({
        ...base(ctx, time),
        type: 'run.approval',
        outcome: state === 'rejected' ? 'denied' : 'success',
        ...(user ? { actor: user } : {}),
        detail: `${state} ${environments.join(', ') || 'a deployment'}`,
        details: {
          state,
          environments,
          ...(str(o.comment) ? { comment: str(o.comment) } : {}),
          time_known: false,
        },
      }),
    ];
  });
}

/**
 * Does the event payload (GITHUB_EVENT_PATH, a file any step can rewrite) contradict the run facts
 * GitHub signed in the OIDC token? The reason when it does, so its inputs and pushed files are not
 * shown as the run's. Only fields the payload and the token both carry are compared: a payload
 * rewritten consistently with them is not detected.
 */
export function payloadMismatch(
  eventName: string | undefined,
  payload: unknown,
  signed: Readonly<Record<string, string>>,
): string | undefined {
  const p = obj(payload);
  if (!p) return undefined;
  const repo = obj(p.repository);
  const full = typeof repo?.full_name === 'string' ? repo.full_name : undefined;
  if (full && signed.repository && full.toLowerCase() !== signed.repository.toLowerCase())
    return `the payload's repository '${full.slice(0, 200)}' is not '${signed.repository}'`;
  if (eventName === 'push' && typeof p.after === 'string' && signed.sha && p.after !== signed.sha)
    return `the payload's pushed commit '${p.after.slice(0, 40)}' is not the run's '${signed.sha}'`;
  if (
    (eventName === 'push' || eventName === 'workflow_dispatch') &&
    typeof p.ref === 'string' &&
    signed.ref
  ) {
    const ref = p.ref.startsWith('refs/') ? p.ref : `refs/heads/${p.ref}`;
    if (ref !== signed.ref)
      return `the payload's ref '${p.ref.slice(0, 200)}' is not the run's '${signed.ref}'`;
  }
  return undefined;
}
