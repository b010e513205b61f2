/**
 * The diff of two access snapshots: each change with its direction, widened first. Pure.
 * Property: diff(a, a) is empty, and swapping the sides flips every effect.
 */
import { SCOPE_NAMES, levelRank } from '../permissions/scopes.js';
import { EXPLICIT_ONLY_TRIGGERS } from '../manifest/effective-policy.js';
import { manifestPolicyChanges } from './policy.js';
import { matchRenames } from './renames.js';
import {
  gateSourceEffect,
  HANDED_TO,
  isArmed,
  manifestSnap,
  NO_GUARD,
  hasStatusFunction,
  instanceKey,
  splitJobKey,
  type CredentialSnap,
  type JobSnap,
  type Snapshot,
  type WorkflowSnap,
} from './snapshot.js';
import { bindsUnbound, type Manifest } from '../manifest/schema.js';
import { own } from '../manifest/own.js';
import { WHOLE_SECRETS } from '../workflow/secrets.js';

export type ChangeKind =
  | 'workflow'
  | 'job'
  | 'permission'
  | 'secret'
  | 'environment'
  | 'trigger'
  | 'action'
  | 'credential'
  | 'manifest'
  | 'policy'
  | 'unreadable';
/**
 * `cannot-judge`: a file whose access could not be read (not a workflow GitHub's parser would
 * accept as read, too large, a symbolic link, over the file limit, an invalid head manifest). It is
 * never silently dropped, and it fails `--fail-on widened` like a widening.
 */
export type Effect = 'widened' | 'narrowed' | 'cannot-judge';

export interface Change {
  readonly workflow: string;
  readonly job: string | null;
  readonly kind: ChangeKind;
  readonly subject: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly effect: Effect;
  /** Head-side file and line, when the change exists on the head side. */
  readonly file?: string;
  readonly line?: number;
  /** Set on workflows matched across a rename. */
  readonly renamedFrom?: string;
}

const setDiff = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>) => [...b].filter((x) => !a.has(x));

/**
 * A job that becomes able to be shown as another job of its file (a `name:` that is another job's id,
 * or made only of expressions): the broker verifies jobs by their shown name, so it can claim that
 * job's credential grants (shared/workflow/job-names.ts). Widened; the reverse narrowed.
 */
function shownAsChanges(
  base: { workflow: string; job: string; file?: string; line?: number },
  a: JobSnap | undefined,
  b: JobSnap,
): Change[] {
  const before = a?.shownAs ?? new Set<string>();
  const after = b.shownAs ?? new Set<string>();
  return [
    ...setDiff(before, after).map((other): Change => ({
      ...base,
      kind: 'job',
      subject: `shown as job '${other}'`,
      before: null,
      after: `its name can be job '${other}''s, whose credential grants it can then claim`,
      effect: 'widened',
    })),
    ...(a
      ? setDiff(after, before).map((other): Change => ({
          ...base,
          kind: 'job',
          subject: `shown as job '${other}'`,
          before: `its name could be job '${other}''s`,
          after: null,
          effect: 'narrowed',
        }))
      : []),
  ];
}

/**
 * The job's `if:` on a workflow a fork's pull request reaches with the base's token and secrets
 * (snapshot.ts `guard`), when the job holds something there: a write permission, a secret or an
 * environment. Removed or rewritten is widened (whether a rewrite still keeps forks out is not
 * decided here); added narrowed, unless it uses a status function.
 */
function guardChanges(
  base: { workflow: string; job: string; file?: string; line?: number },
  a: JobSnap,
  b: JobSnap,
): Change[] {
  if (a.guard === undefined || b.guard === undefined || a.guard === b.guard) return [];
  const holds =
    SCOPE_NAMES.some((s) => levelRank(b.permissions[s]) > levelRank('read')) ||
    b.secrets.size > 0 ||
    b.environments.size > 0;
  if (!holds) return [];
  const added = a.guard === NO_GUARD && !hasStatusFunction(b.guard);
  return [
    {
      ...base,
      kind: 'job',
      subject: 'if:',
      before: a.guard,
      after: added
        ? b.guard
        : `${b.guard}; the job may now run for outsiders (a fork's pull request, a comment) with the base ` +
          "repository's token and secrets where its if: (or its event's filters) kept them out; review it, or keep a guard such as " +
          'github.event.pull_request.head.repo.full_name == github.repository',
      effect: added ? 'narrowed' : 'widened',
    },
  ];
}

/** Why a runner outside GitHub's hosted pool is a row, and what to do about it. */
const RUNNER_FIX =
  "not GitHub-hosted: the job's code runs on a machine that may keep state between jobs and reach its " +
  "network; review the runner change (a credential grant's when.runner-environment: github-hosted " +
  'keeps its credential off such runners)';

/**
 * What a computed value's sources are, as a row names them: every text the diff compares for it
 * (shared/workflow/parse.ts sourcesReading, stepWithSources; shared/diff/snapshot.ts), so a reviewer
 * knows where to look; session 31 added env, steps, needed jobs and local actions to them, session 32
 * the repository's files (shared/diff/repo-files.ts).
 */
const COMPUTED_SOURCES =
  "(its sources: the job's strategy, env or steps, the workflow's env or inputs, the caller's with:, a needed job, a local action or a file of the repository their steps run)";

/**
 * The runners a job can reach that are not GitHub-hosted (snapshot.ts runnersOf): one new is widened,
 * one dropped narrowed; a `runs-on:` expression whose sources (strategy, inputs, caller's `with:`)
 * changed may name another runner under the same text, widened.
 */
function runnerChanges(
  base: { workflow: string; job: string; file?: string; line?: number },
  a: JobSnap,
  b: JobSnap,
): Change[] {
  const x = a.runners ?? new Set<string>();
  const y = b.runners ?? new Set<string>();
  const all = (s: ReadonlySet<string>) => (s.size ? [...s].join('; ') : 'GitHub-hosted');
  const out: Change[] = [
    ...setDiff(x, y).map((r): Change => ({
      ...base,
      kind: 'job',
      subject: 'runner',
      before: all(x),
      after: `${r}; ${r.startsWith('cannot tell') ? 'treated as ' : ''}${RUNNER_FIX}`,
      effect: 'widened',
    })),
    ...setDiff(y, x).map((r): Change => ({
      ...base,
      kind: 'job',
      subject: 'runner',
      before: r,
      after: all(y),
      effect: 'narrowed',
    })),
  ];
  if (
    a.runnerSources !== undefined &&
    b.runnerSources !== undefined &&
    a.runnerSources !== b.runnerSources &&
    out.every((c) => c.effect !== 'widened')
  )
    out.push({
      ...base,
      kind: 'job',
      subject: 'runner',
      before: 'as in the base',
      after: `what runs-on can name changed ${COMPUTED_SOURCES}: ${[...y]
        .filter((r) => r.startsWith('cannot tell'))
        .join('; ')}, treated as ${RUNNER_FIX}`,
      effect: 'widened',
    });
  return out;
}

function jobChanges(
  workflow: string,
  path: string,
  job: string,
  a: JobSnap | undefined,
  b: JobSnap | undefined,
): Change[] {
  const out: Change[] = [];
  const at = b ? { file: path, line: b.line } : {};
  const base = { workflow, job, ...at };
  if (!a || !b) {
    const text = describeJob((a ?? b)!);
    return [
      {
        ...base,
        kind: 'job',
        subject: job,
        before: a ? text : null,
        after: b ? text : null,
        effect: b ? 'widened' : 'narrowed',
      },
      ...(b ? shownAsChanges(base, undefined, b) : []),
    ];
  }
  out.push(...shownAsChanges(base, a, b));
  for (const s of SCOPE_NAMES) {
    const x = a.permissions[s];
    const y = b.permissions[s];
    if (x !== y)
      out.push({
        ...base,
        kind: 'permission',
        subject: s,
        before: x,
        after: y,
        effect: levelRank(y) > levelRank(x) ? 'widened' : 'narrowed',
      });
  }
  for (const s of setDiff(a.secrets, b.secrets))
    out.push({ ...base, kind: 'secret', subject: s, before: null, after: s, effect: 'widened' });
  for (const s of setDiff(b.secrets, a.secrets))
    out.push({ ...base, kind: 'secret', subject: s, before: s, after: null, effect: 'narrowed' });
  for (const e of setDiff(a.environments, b.environments))
    out.push({ ...base, kind: 'environment', subject: e, before: null, after: e, effect: 'widened' });
  for (const e of setDiff(b.environments, a.environments))
    out.push({ ...base, kind: 'environment', subject: e, before: e, after: null, effect: 'narrowed' });
  // An environment written as an expression names what its sources say: a matrix, `on` inputs or a
  // caller's `with:` that changed may name another environment (and its secrets) under the same text.
  if (
    a.environmentSources !== undefined &&
    b.environmentSources !== undefined &&
    a.environmentSources !== b.environmentSources
  )
    out.push({
      ...base,
      kind: 'environment',
      subject: [...b.environments].filter((e) => e.includes('${{')).join(', '),
      before: 'as in the base',
      after: `what the expression can name changed ${COMPUTED_SOURCES}`,
      effect: 'widened',
    });
  // A secret read by a computed name (`*` on both sides) is the secret its sources name: a matrix
  // `include:`, an input's default or a caller's `with:` that changed may hand the job another secret
  // while every expression reads the same (session 28).
  if (a.secretSources !== undefined && b.secretSources !== undefined && a.secretSources !== b.secretSources)
    out.push({
      ...base,
      kind: 'secret',
      subject: WHOLE_SECRETS,
      before: 'as in the base',
      after: `what the name can be changed ${COMPUTED_SOURCES}`,
      effect: 'widened',
    });
  // The gate: disarmed (or removed) is widened, whatever the permissions say.
  if (isArmed(a.gate) !== isArmed(b.gate))
    out.push({
      ...base,
      kind: 'job',
      subject: 'actions/enforce gate',
      before: a.gate ?? 'none',
      after: b.gate ?? 'removed',
      effect: isArmed(a.gate) ? 'widened' : 'narrowed',
    });
  else if (isArmed(a.gate) && a.gate !== b.gate)
    out.push({
      ...base,
      kind: 'job',
      subject: 'actions/enforce gate',
      before: a.gate!,
      after: b.gate!,
      effect: gateSourceEffect(a.gate!, b.gate!),
    });
  // Where stepwarden's steps send the job's OIDC token (snapshot.ts tokenSinks).
  const sinksA = a.tokenSinks ?? new Set<string>();
  const sinksB = b.tokenSinks ?? new Set<string>();
  for (const d of setDiff(sinksA, sinksB))
    out.push({
      ...base,
      kind: 'job',
      subject: "OIDC token sent by stepwarden's steps",
      before: null,
      after: d,
      effect: 'widened',
    });
  for (const d of setDiff(sinksB, sinksA))
    out.push({
      ...base,
      kind: 'job',
      subject: "OIDC token sent by stepwarden's steps",
      before: d,
      after: null,
      effect: 'narrowed',
    });
  out.push(...guardChanges(base, a, b));
  out.push(...runnerChanges({ ...base, ...(b.runnerLine ? { line: b.runnerLine } : {}) }, a, b));
  for (const [uses, pinned] of b.actions) {
    // A local action the check cannot read runs steps nobody judged (session 11).
    const unread = b.unread?.get(uses);
    if (!a.actions.has(uses))
      out.push({
        ...base,
        kind: 'action',
        subject: uses,
        before: null,
        after: unread !== undefined ? `not read: ${unread}` : pinned ? 'pinned' : 'unpinned',
        effect: 'widened',
      });
    else if (unread !== undefined && (!a.unread?.has(uses) || b.held?.has(uses)))
      out.push({
        ...base,
        kind: 'action',
        subject: uses,
        before: a.unread?.has(uses) ? `not read: ${a.unread.get(uses)}` : 'read',
        after: `not read: ${unread}`,
        effect: 'widened',
      });
  }
  for (const [uses, pinned] of a.actions) {
    if (!b.actions.has(uses))
      out.push({
        ...base,
        kind: 'action',
        subject: uses,
        before: pinned ? 'pinned' : 'unpinned',
        after: null,
        effect: 'narrowed',
      });
  }
  return out;
}

/** Room for a job's description in one row (the artifact caps `before`/`after` at 1,000). */
const DESCRIBE_MAX = 900;
/** How a job's description past DESCRIBE_MAX ends: what follows was not kept, so no one was shown it. */
export const DESCRIPTION_CUT = '… (cut)';

/**
 * Everything a job that appears or disappears holds, for its one row: a new job with no
 * permissions can still take every secret (`secrets: inherit`), an environment's secrets, or run an
 * unpinned action.
 */
export function describeJob(j: JobSnap): string {
  const held = SCOPE_NAMES.filter((s) => j.permissions[s] !== 'none').map((s) => `${s}:${j.permissions[s]}`);
  // `NAME → owner/repo` entries repeat what the job's secrets and its `uses:` (an action) already say.
  const secrets = [...j.secrets].filter((s) => s !== 'inherit' && !s.includes(HANDED_TO)).sort();
  const parts = [held.length ? `permissions: ${held.join(' ')}` : 'no permissions'];
  if (j.secrets.has('inherit')) parts.push('secrets: inherit');
  if (secrets.length) parts.push(`secrets: ${secrets.join(', ')}`);
  if (j.environments.size) parts.push(`environments: ${[...j.environments].sort().join(', ')}`);
  if (j.actions.size)
    parts.push(
      `actions: ${[...j.actions]
        .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
        .map(([u, pinned]) => (j.unread?.has(u) ? `${u} (not read)` : pinned ? u : `${u} (unpinned)`))
        .join(', ')}`,
    );
  if (j.runners?.size) parts.push(`runners not GitHub-hosted: ${[...j.runners].join('; ')}`);
  const text = parts.join('; ');
  return text.length <= DESCRIBE_MAX ? text : `${text.slice(0, DESCRIBE_MAX)}${DESCRIPTION_CUT}`;
}

function unreadable(name: string, w: WorkflowSnap): Change {
  return {
    workflow: name,
    job: null,
    kind: 'unreadable',
    subject: w.path,
    before: null,
    after: `cannot judge: ${w.error!.message}`,
    effect: 'cannot-judge',
    file: w.path,
    line: w.error!.line,
  };
}

function workflowChanges(
  name: string,
  before: WorkflowSnap | undefined,
  b: WorkflowSnap | undefined,
  renamedFrom?: string,
): Change[] {
  // A head file that does not parse hides what it holds: never "removed", never "unchanged".
  if (b?.error) return [unreadable(name, b)];
  // A base file that did not parse held unknown access: judge the head as if it were new.
  const a = before?.error ? undefined : before;
  // A base file that did not parse, removed by the head: whatever it held is gone, nothing widens.
  if (!a && !b) return [];
  if (!a || !b) {
    const present = (a ?? b)!;
    return [
      {
        workflow: name,
        job: null,
        kind: 'workflow',
        subject: name,
        before: a ? [...a.triggers].join(' ') : null,
        after: b ? [...b.triggers].join(' ') : null,
        effect: b ? 'widened' : 'narrowed',
        ...(b ? { file: b.path, line: 1 } : {}),
      },
      ...[...present.jobs.entries()].flatMap(([job, j]) =>
        jobChanges(name, present.path, job, a ? j : undefined, b ? j : undefined),
      ),
    ];
  }
  const out: Change[] = [];
  const base = { workflow: name, job: null, file: b.path, line: 1, ...(renamedFrom ? { renamedFrom } : {}) };
  for (const t of setDiff(a.triggers, b.triggers))
    out.push({ ...base, kind: 'trigger', subject: t, before: null, after: t, effect: 'widened' });
  for (const t of setDiff(b.triggers, a.triggers))
    out.push({ ...base, kind: 'trigger', subject: t, before: t, after: null, effect: 'narrowed' });
  const jobs = new Set([...a.jobs.keys(), ...b.jobs.keys()]);
  for (const job of jobs) out.push(...jobChanges(name, b.path, job, a.jobs.get(job), b.jobs.get(job)));
  return out.map((c) => (renamedFrom ? { ...c, renamedFrom } : c));
}

function manifestChanges(a: Snapshot['manifest'], b: Snapshot['manifest'], manifestFile: string): Change[] {
  const out: Change[] = [];
  if (b) out.push(...manifestPolicyChanges(a?.value, b.value, manifestFile, b.lineOf ?? (() => 1)));
  const empty: Pick<
    NonNullable<Snapshot['manifest']>,
    'credentials' | 'permissions' | 'secrets' | 'triggers'
  > = {
    credentials: new Map(),
    permissions: new Map(),
    secrets: new Map(),
    triggers: new Map(),
  };
  // A base manifest the broker refused whole (ERR_MANIFEST_UNBOUND) issued none of its grants: bound
  // by the head, each of them is a new one, though its text reads the same (session 39).
  const x = a && bindsUnbound(a.value, b?.value) ? { ...a, credentials: empty.credentials } : (a ?? empty);
  const y = b ?? empty;
  const split = splitJobKey;
  // Lines point into the head manifest; a removed entry points at its nearest surviving parent.
  const at = (path: readonly (string | number)[]) =>
    b?.lineOf ? { file: manifestFile, line: b.lineOf(path) } : { file: manifestFile };
  const grantIndex = (workflow: string, job: string, id: string) => {
    const i = (own(own(b?.value.workflows, workflow)?.jobs, job)?.credentials ?? []).findIndex(
      (g) => `${g.step}@${g.audience}` === id,
    );
    return i < 0 ? [] : [i];
  };
  for (const key of new Set([...x.credentials.keys(), ...y.credentials.keys()])) {
    const { workflow, job } = split(key);
    const cx = x.credentials.get(key) ?? new Map();
    const cy = y.credentials.get(key) ?? new Map();
    for (const id of new Set([...cx.keys(), ...cy.keys()])) {
      const p = cx.get(id);
      const q = cy.get(id);
      const text = (c: typeof p) =>
        c ? `${c.access} ttl ${c.ttl}s${c.uses > 1 ? ` uses ${c.uses}` : ''}` : null;
      if (text(p) === text(q)) continue;
      let effect: 'widened' | 'narrowed' = 'widened';
      if (!q) effect = 'narrowed';
      else if (p) effect = credentialWider(p, q) ? 'widened' : 'narrowed';
      out.push({
        workflow,
        job,
        kind: 'credential',
        subject: id,
        before: text(p),
        after: text(q),
        effect,
        ...at(['workflows', workflow, 'jobs', job, 'credentials', ...grantIndex(workflow, job, id)]),
      });
    }
  }
  for (const key of new Set([...x.permissions.keys(), ...y.permissions.keys()])) {
    const { workflow, job } = split(key);
    const p = x.permissions.get(key);
    const q = y.permissions.get(key);
    for (const s of SCOPE_NAMES) {
      const before = p?.[s] ?? 'none';
      const after = q?.[s] ?? 'none';
      if (before !== after)
        out.push({
          workflow,
          job,
          kind: 'manifest',
          subject: `permissions.${s}`,
          before,
          after,
          effect: levelRank(after) > levelRank(before) ? 'widened' : 'narrowed',
          ...at(['workflows', workflow, 'jobs', job, 'permissions', s]),
        });
    }
    const sx: ReadonlySet<string> = x.secrets.get(key) ?? new Set<string>();
    const sy: ReadonlySet<string> = y.secrets.get(key) ?? new Set<string>();
    for (const s of setDiff(sx, sy))
      out.push({
        workflow,
        job,
        kind: 'manifest',
        subject: `secrets.${s}`,
        before: null,
        after: s,
        effect: 'widened',
        ...at(['workflows', workflow, 'jobs', job, 'secrets']),
      });
    for (const s of setDiff(sy, sx))
      out.push({
        workflow,
        job,
        kind: 'manifest',
        subject: `secrets.${s}`,
        before: s,
        after: null,
        effect: 'narrowed',
        ...at(['workflows', workflow, 'jobs', job, 'secrets']),
      });
  }
  // A reusable workflow's grants are judged by its caller's triggers, and the broker reads a caller the
  // manifest does not list as allowing every event but the explicit-only ones: on a side where some
  // `callers:` names a file, that file is judged as listed without `triggers` (session 7: dropping a
  // caller's entry made its callee claimable on every event, and the diff said "narrowed").
  const callersA = callerFiles(a?.value);
  const callersB = callerFiles(b?.value);
  const listedX = (wf: string) => x.triggers.has(wf) || callersA.has(wf);
  const listedY = (wf: string) => y.triggers.has(wf) || callersB.has(wf);
  for (const wf of new Set([...x.triggers.keys(), ...y.triggers.keys(), ...callersA, ...callersB])) {
    const allowed = (set: ReadonlySet<string> | undefined, t: string) =>
      set ? set.has(t) : !EXPLICIT_ONLY_TRIGGERS.includes(t);
    const tx = x.triggers.get(wf);
    const ty = y.triggers.get(wf);
    const names = new Set([...(tx ?? []), ...(ty ?? []), ...EXPLICIT_ONLY_TRIGGERS]);
    // Dropping the list allows every event but the explicit-only ones, not only those named above.
    if (tx && !ty && listedY(wf))
      out.push({
        workflow: wf,
        job: null,
        kind: 'manifest',
        subject: 'triggers',
        before: [...tx].join(' '),
        after: `any event but ${EXPLICIT_ONLY_TRIGGERS.join(', ')}`,
        effect: 'widened',
        ...at(['workflows', wf]),
      });
    for (const t of names) {
      const before = listedX(wf) ? allowed(tx, t) : false;
      const after = listedY(wf) ? allowed(ty, t) : false;
      if (before !== after && (tx || ty))
        out.push({
          workflow: wf,
          job: null,
          kind: 'manifest',
          subject: `triggers.${t}`,
          before: before ? 'allowed' : null,
          after: after ? 'allowed' : null,
          effect: after ? 'widened' : 'narrowed',
          ...at(['workflows', wf, 'triggers']),
        });
    }
  }
  return out;
}

const APP_RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };
const appRank = (l: string | undefined) => (l === undefined ? 0 : (APP_RANK[l] ?? 4));

/**
 * Whether a grant's head form issues anything its base form does not: a permission at a higher level,
 * another repository, another JWT scope value, a longer lifetime, more claims. A level lowered or a
 * list reordered is not (session 7: `write` -> `read` and `[a, b]` -> `[b, a]` were widened). Dropping
 * a repository other than `self` while others remain is (see below).
 */
function credentialWider(p: CredentialSnap, q: CredentialSnap): boolean {
  if (q.ttl > p.ttl || q.uses > p.uses) return true;
  if (q.permissions || p.permissions) {
    const before = p.permissions ?? {};
    if (Object.entries(q.permissions ?? {}).some(([k, l]) => appRank(l) > appRank(before[k]))) return true;
    const pr = p.repositories ?? new Set<string>();
    const qr = q.repositories ?? new Set<string>();
    if (setDiff(pr, qr).length > 0) return true;
    // The broker refuses a grant whole when one of its repositories lacks the organization's consent
    // (reach is not requested per repository), so dropping another repository while some remain can
    // bring a refused grant to life: widened, since the manifest alone cannot say it was consented.
    return qr.size > 0 && [...pr].some((r) => r !== 'self' && !qr.has(r));
  }
  return setDiff(p.scope ?? new Set<string>(), q.scope ?? new Set<string>()).length > 0;
}

/** The workflow files `callers:` entries name (`FILE` or `FILE/JOB`). */
function callerFiles(m: Manifest | undefined): Set<string> {
  return new Set(
    Object.values(m?.workflows ?? {}).flatMap((e) => (e.callers ?? []).map((c) => c.split('/')[0]!)),
  );
}

const ORDER: ChangeKind[] = [
  'workflow',
  'trigger',
  'job',
  'permission',
  'secret',
  'environment',
  'action',
  'credential',
  'manifest',
  'policy',
  'unreadable',
];
const EFFECT_ORDER: Effect[] = ['cannot-judge', 'widened', 'narrowed'];

/**
 * The base manifest as the renamed files read it: the manifest and the broker key grants by file
 * name, so a file renamed to a name with an entry of its own (a stale `nightly.yml` granting a wider
 * credential) takes that entry's grants while its jobs read the same. Each renamed file's entry in the
 * base is the one its old name had (none when the old name was not listed), so the head's entry is
 * compared with what those jobs held before, not with a file that did not exist.
 */
function asRenamed(m: Snapshot['manifest'], renames: ReadonlyMap<string, string>): Snapshot['manifest'] {
  if (!m || renames.size === 0) return m;
  const workflows = new Map(Object.entries(m.value.workflows));
  for (const [to, from] of renames) {
    const entry = Object.hasOwn(m.value.workflows, from) ? m.value.workflows[from] : undefined;
    if (entry) workflows.set(to, entry);
    else workflows.delete(to);
  }
  return manifestSnap({ ...m.value, workflows: Object.fromEntries(workflows) }, m.lineOf);
}

/**
 * The base manifest without the entries no job of the base could use and a job of the head does: an
 * entry for a job id (or a whole file) the base does not have, written ahead or left behind, grants
 * nothing until such a job runs. A pull request that renames a job into it, or adds the job or the
 * file, takes its grants with the manifest unchanged; compared with the base entry, the head showed
 * no credential row (session 21). An entry stale on both sides stays (no row); a base file that does
 * not parse keeps its entries (its jobs are not known).
 */
function asBaseJobsUseIt(
  m: Snapshot['manifest'],
  base: Snapshot['workflows'],
  head: Snapshot['workflows'],
  renames: ReadonlyMap<string, string>,
): Snapshot['manifest'] {
  if (!m) return m;
  let pruned = false;
  const workflows: [string, Manifest['workflows'][string]][] = [];
  for (const [name, entry] of Object.entries(m.value.workflows)) {
    const b = base.get(renames.get(name) ?? name);
    const h = head.get(name);
    if (!b && h?.jobIds) {
      // A file the base lacks, added by the head: the whole entry (its triggers too) is taken.
      pruned = true;
      continue;
    }
    const ids = b?.jobIds;
    const taken = h?.jobIds;
    const jobs = Object.entries(entry.jobs).filter(
      ([job]) => !ids || !taken || ids.has(job) || !taken.has(job),
    );
    if (jobs.length === Object.keys(entry.jobs).length) workflows.push([name, entry]);
    else {
      pruned = true;
      workflows.push([name, { ...entry, jobs: Object.fromEntries(jobs) }]);
    }
  }
  return pruned ? manifestSnap({ ...m.value, workflows: Object.fromEntries(workflows) }, m.lineOf) : m;
}

/**
 * A base file's callee instances keyed by the head's names of their renamed callers: a caller file
 * moved with its jobs the same leaves its callees' access the same, not one instance removed and
 * another added (widened) under the new name.
 */
function callersAsRenamed(w: WorkflowSnap, toHead: ReadonlyMap<string, string>): WorkflowSnap {
  if (toHead.size === 0 || ![...w.jobs.values()].some((j) => j.instance)) return w;
  const jobs = new Map<string, JobSnap>();
  for (const [key, j] of w.jobs) {
    const callers = j.instance?.callers.map((c) => ({
      ...c,
      workflow: toHead.get(c.workflow) ?? c.workflow,
    }));
    jobs.set(j.instance ? instanceKey(j.instance.job, callers!) : key, j);
  }
  return { ...w, jobs };
}

export function diffSnapshots(
  base: Snapshot,
  head: Snapshot,
  manifestFile = '.github/access-manifest.yml',
): Change[] {
  const renames = matchRenames(base.workflows, head.workflows);
  const toHead = new Map([...renames].map(([to, from]) => [from, to]));
  const out: Change[] = [];
  const seenBase = new Set<string>();
  for (const [name, b] of head.workflows) {
    const from = base.workflows.has(name) ? name : renames.get(name);
    if (from) seenBase.add(from);
    const before = from ? base.workflows.get(from) : undefined;
    out.push(
      ...workflowChanges(
        name,
        before && callersAsRenamed(before, toHead),
        b,
        from && from !== name ? from : undefined,
      ),
    );
  }
  for (const [name, a] of base.workflows)
    if (!seenBase.has(name)) out.push(...workflowChanges(name, a, undefined));
  out.push(
    ...manifestChanges(
      asBaseJobsUseIt(asRenamed(base.manifest, renames), base.workflows, head.workflows, renames),
      head.manifest,
      manifestFile,
    ),
  );
  return out.sort(
    (p, q) =>
      EFFECT_ORDER.indexOf(p.effect) - EFFECT_ORDER.indexOf(q.effect) ||
      p.workflow.localeCompare(q.workflow) ||
      (p.job ?? '').localeCompare(q.job ?? '') ||
      ORDER.indexOf(p.kind) - ORDER.indexOf(q.kind) ||
      p.subject.localeCompare(q.subject),
  );
}
