/**
 * An access snapshot of one repository state: every job's effective access plus the manifest's
 * grants. Pure: built from parsed workflows and an optional loaded manifest.
 */
import { createHash } from 'node:crypto';
import {
  fromMap,
  isLevel,
  isScope,
  levelRank,
  SCOPE_NAMES,
  validLevels,
  type PermissionSet,
} from '../permissions/scopes.js';
import { isGithubGrant, type Manifest, type OrgPolicy } from '../manifest/schema.js';
import { effectivePolicy } from '../manifest/effective-policy.js';
import { localWorkflowFile, resolveAccess } from '../workflow/access.js';
import { canonicalUses, usesKind } from '../workflow/uses.js';
import {
  FORK_REACHABLE_TRIGGERS,
  type JobModel,
  type Located,
  type StepModel,
  type WorkflowModel,
} from '../workflow/model.js';
import { credentialAction, ownAction, TOKEN_SENDERS } from '../workflow/own-action.js';
import { asLexed } from '../workflow/template.js';
import { withInputsRead } from '../workflow/composite.js';
import { ifRunsAfterFailure } from '../workflow/status-functions.js';
import {
  gateInputProblem,
  gateModeNotEnforce,
  isEnforceStep,
  runsAfterFailure,
} from '../check/rules/missing-enforce.js';
import { isPinned } from '../check/rules/unpinned-action.js';
import { shownAsJobs } from '../workflow/job-names.js';

export interface CredentialSnap {
  readonly access: string; // `contents:write issues:read` or the JWT scope list
  readonly ttl: number;
  readonly uses: number;
  /** GitHub App permission -> level (a GitHub grant). */
  readonly permissions?: Readonly<Record<string, string>>;
  /** Repository names the token covers (a GitHub grant). */
  readonly repositories?: ReadonlySet<string>;
  /** The JWT's scope values, split as a relying party reads the space-separated `scope` claim. */
  readonly scope?: ReadonlySet<string>;
}

/** Between a secret and the repository a reusable-workflow call hands it to (`inherit → owner/repo`). */
export const HANDED_TO = ' → ';

/** A caller job on a reusable workflow's call chain. */
export interface CallerRef {
  readonly workflow: string;
  readonly job: string;
}

/**
 * The key of a job instance: the job id and, for a reusable callee, every caller job on its chain,
 * the nearest first (`A via b.yml/X from a.yml/J`; `callers` as access.ts gives them, outermost
 * first). One caller job reached along two paths (a.yml on push, and a.yml called by b.yml) runs its
 * callee on two tokens: keyed by the nearest caller alone the two were merged scope by scope, and a
 * scope gained on one path hid behind the other path's (session 39). Job ids hold no spaces and file
 * names no `/`, so the text reads back one way.
 */
export function instanceKey(job: string, callers: readonly CallerRef[]): string {
  const nearestFirst = [...callers].reverse();
  return nearestFirst.length
    ? `${job} via ${nearestFirst.map((c) => `${c.workflow}/${c.job}`).join(' from ')}`
    : job;
}

export interface JobSnap {
  /** A reusable callee's instance: its job id and caller chain (to re-key it across renames). */
  readonly instance?: { readonly job: string; readonly callers: readonly CallerRef[] };
  readonly line: number;
  readonly permissions: PermissionSet;
  /** Names (upper case), `inherit`, and `NAME → owner/repo` for those a call hands to another repository. */
  readonly secrets: ReadonlySet<string>;
  readonly environments: ReadonlySet<string>;
  /** uses -> pinned */
  readonly actions: ReadonlyMap<string, boolean>;
  /** The job's actions/enforce gate: GATE_ARMED, what weakens it, or undefined without one. */
  readonly gate?: string;
  /**
   * With an environment written as an expression: what it can read in the files (the job's strategy,
   * the workflow's `on`, every caller's `with:` on a callee's chain). Adding `production` to a matrix changes
   * the environment the job enters while `environment: ${{ matrix.env }}` reads the same.
   */
  readonly environmentSources?: string;
  /** With a secret read by a computed name (`*`): the same sources (session 28). */
  readonly secretSources?: string;
  /**
   * Other jobs of its file this job can be shown as (shared/workflow/job-names.ts): the broker
   * verifies a job by its shown name, so the job can claim their credential grants.
   */
  readonly shownAs?: ReadonlySet<string>;
  /**
   * Local actions of the job the check cannot read (`unread-local-action`), uses -> why: their steps
   * are judged by nobody, so one becoming unread is a widened row, not only its inner actions gone
   * (session 11).
   */
  readonly unread?: ReadonlyMap<string, string>;
  /**
   * Those of `unread` the repository holds (a link, too large, YAML refused): GitHub runs what they
   * hold, which neither side's reading shows, so the head having one is a widened row even when the
   * base had it too (a link pointed elsewhere changes nothing the diff reads).
   */
  readonly held?: ReadonlySet<string>;
  /**
   * Where stepwarden's own steps (`actions/run`, `actions/exchange`, `actions/audit`) send the job's
   * OIDC token (tokenSinks): a new destination is widened (session 13).
   */
  readonly tokenSinks?: ReadonlySet<string>;
  /**
   * The runners `runs-on:` can send the job to that are not GitHub-hosted (runnersOf), with the line
   * of `runs-on:` and, when one is an expression, what it reads (session 14).
   */
  readonly runners?: ReadonlySet<string>;
  readonly runnerLine?: number;
  readonly runnerSources?: string;
  /**
   * On a workflow run for other people's pull requests with the base's token and secrets
   * (FORK_REACHABLE_TRIGGERS): the job's `if:` (every caller's on a callee's chain and its own), NO_GUARD
   * without one. It is often all that keeps a fork's pull request from the job (session 14).
   */
  readonly guard?: string;
}

export { FORK_REACHABLE_TRIGGERS };
export const NO_GUARD = '(none)';

/**
 * An `if:` as GitHub evaluates it: `${{ x }}` around the whole condition is the same as `x`.
 * Anything else is compared as written (trimmed): a rewrite in other words reads as a change.
 */
export function guardText(cond: string | undefined): string | undefined {
  if (cond === undefined) return undefined;
  const t = cond.trim();
  const m = /^\$\{\{([\s\S]*)\}\}$/.exec(t);
  return m && !m[1]!.includes('${{') && !m[1]!.includes('}}') ? m[1]!.trim() : t;
}

/**
 * Whether a guard text (the joined conditions of `guard`) names always(), failure() or cancelled():
 * an added guard that does is not read as narrowing. The text joins several conditions with labels,
 * so it is no expression to lex; each `if:` itself is read with the lexer (status-functions.ts).
 * NEXT LINE is the whitespace it is to GitHub's lexer (`always\N()`, template.ts `asLexed`).
 */
export function hasStatusFunction(guard: string): boolean {
  return /\b(always|failure|cancelled)\s*\(/i.test(asLexed(guard));
}

/**
 * The conditions a job runs under on a fork-reachable event, each as text: its own `if:`; the guards
 * of the jobs it `needs:` (it is skipped when one of them is, unless its `if:` uses a status
 * function), as `needs.ID: COND`; and the `if:` of its credential steps, as `credential steps: COND`
 * when every one has an `if:` (a guard moved onto the steps that ask the broker still keeps outsiders
 * from the credential; one step without it does not, session 20). A pull request that drops the
 * `needs:`, the needed job's `if:` or a step's `if:`, or adds a credential step without one, then
 * changes the text (session 19).
 */
function jobGuards(wf: WorkflowModel, job: JobModel | undefined, memo: GuardMemo): string[] {
  if (!job) return [];
  const out = [...memo.neededGuards(wf, job)];
  // The credential is kept from outsiders by the steps' `if:` only when every step that asks the
  // broker has one: a second credential step without one (same job, same grants) asks on every run,
  // so the guarded step's `if:` then guards nothing (session 20). The set of conditions, not the
  // step ids: a second step under the same guard, or a renamed step, changes nothing.
  const conds = credentialStepGuards(job);
  if (conds.length && conds.every((c) => c !== undefined))
    out.push(`credential steps: ${[...new Set(conds)].sort().join(' | ')}`);
  return [...new Set(out)];
}

/**
 * A job's own `if:` and its needed jobs' guards (as `needs.ID: COND`), made once per job of a
 * snapshot. A walk per job, again for each path to a needed job, was exponential in a diamond of
 * `needs` (each job needing the two before it: 26 jobs took 6 s, 40 would take hours) and cubic in
 * a chain (session 30, lead). Iterative: a chain of thousands of jobs would overflow the stack. A job
 * that needs one still being walked (a cycle, which GitHub refuses to run) leaves that one out, as the
 * walk along the path did.
 */
export class GuardMemo {
  private readonly guards = new Map<JobModel, readonly string[]>();
  private readonly ids = new Map<WorkflowModel, Map<string, JobModel>>();

  private byId(wf: WorkflowModel): Map<string, JobModel> {
    let m = this.ids.get(wf);
    if (!m) {
      m = new Map();
      for (const j of wf.jobs) if (!m.has(j.id)) m.set(j.id, j);
      this.ids.set(wf, m);
    }
    return m;
  }

  neededGuards(wf: WorkflowModel, start: JobModel): readonly string[] {
    const byId = this.byId(wf);
    // A status function (`!success()` too: session 26) lets the job run when a needed job was skipped.
    const followed = (job: JobModel) =>
      job.if !== undefined && ifRunsAfterFailure(job.if.value) ? [] : [...job.needs].sort();
    const busy = new Set<JobModel>();
    const stack = [start];
    while (stack.length) {
      const job = stack[stack.length - 1]!;
      if (this.guards.has(job)) {
        stack.pop();
        continue;
      }
      const ids = followed(job);
      if (!busy.has(job)) {
        busy.add(job);
        for (const id of ids) {
          const n = byId.get(id);
          if (n && !this.guards.has(n) && !busy.has(n)) stack.push(n);
        }
        continue;
      }
      const own = guardText(job.if?.value);
      const out = own !== undefined ? [own] : [];
      for (const id of ids) {
        const n = byId.get(id);
        const needed = n && n !== job ? this.guards.get(n) : undefined;
        if (needed) for (const c of needed) out.push(c.startsWith('needs.') ? c : `needs.${id}: ${c}`);
      }
      this.guards.set(job, [...new Set(out)]);
      busy.delete(job);
      stack.pop();
    }
    return this.guards.get(start)!;
  }
}

/**
 * `exit N` that fails under every shell GitHub runs a `run:` with by default (bash, sh, pwsh, cmd:
 * the exit status is N mod 256, so 1..255 only).
 */
const FAILING_RUN = /^exit[ \t]+0*([1-9]\d?|1\d\d|2[0-4]\d|25[0-5])$/;

/**
 * A step that fails whenever it runs, so that every later step without a status function in its
 * `if:` is skipped: `run:` exactly `exit N` (1..255), no `shell:` on the step nor `defaults.run.shell`
 * on the job or workflow (`shell: 'true {0}'` makes it pass), no `continue-on-error` other than a
 * literal false, and no `env:` name in effect that rewrites the shell (env-keys.ts: `BASH_ENV` is
 * sourced first, `SHELLOPTS=noexec` runs nothing, `BASH_FUNC_exit%%` replaces `exit`, `PATH` picks
 * the shell; session 22). Its `if:` (guardText) is then a guard of the steps after it; anything else
 * that might fail (`test … || exit 1`, a script) is code, read as no guard.
 */
function stopCondition(step: StepModel, job: JobModel): string | undefined {
  if (!step.if || step.uses !== undefined || step.shell !== undefined || job.runShell !== undefined)
    return undefined;
  if (step.redirectingEnv?.length) return undefined;
  if (step.continueOnError && step.continueOnError.value !== 'false') return undefined;
  if (!FAILING_RUN.test(step.run?.trim() ?? '')) return undefined;
  return guardText(step.if.value);
}

/**
 * What keeps each credential step of the job from running, as text, undefined for a step nothing
 * keeps: its own `if:` and, unless that `if:` uses a status function (which runs it after a failed
 * step), the condition of each stop step before it as `unless: COND` (session 21: `if: <outsider>`
 * with `run: exit 1` guards the steps after it as their own `if:` would).
 */
function credentialStepGuards(job: JobModel): (string | undefined)[] {
  const stops: string[] = [];
  const out: (string | undefined)[] = [];
  for (const st of job.steps) {
    const stopped = stopCondition(st, job);
    if (stopped !== undefined) stops.push(`unless: ${stopped}`);
    if (!st.uses || !credentialAction(st.uses)) continue;
    const own = guardText(st.if?.value);
    const parts = [
      ...(own !== undefined ? [own] : []),
      ...(st.if !== undefined && ifRunsAfterFailure(st.if.value) ? [] : stops),
    ];
    out.push(parts.length ? parts.join(' && ') : undefined);
  }
  return out;
}

/**
 * The filters of the workflow's fork-reachable events, as `on.EVENT: FILTERS`: `workflow_run:
 * workflows: [Release]` (runs only maintainers start) rewritten to `[CI]` (which every fork's pull
 * request starts), or `pull_request_target: branches:` dropped, lets outsiders start the job as a
 * dropped `if:` does (session 21). Other events' filters keep no outsider out (a push is by someone
 * who can push).
 */
function triggerGuards(wf: WorkflowModel | undefined): string[] {
  const filters = wf?.triggerFilters;
  if (!filters) return [];
  return FORK_REACHABLE_TRIGGERS.filter((t) => Object.hasOwn(filters, t)).map(
    (t) => `on.${t}: ${filters[t]}`,
  );
}

/**
 * GitHub's hosted images (`ubuntu-latest`, `ubuntu-24.04-arm`, `windows-2022`, `macos-15-xlarge`),
 * in any case, as GitHub matches labels. A self-hosted runner can carry any label, but GitHub sends a
 * job whose only label is one of these to its hosted pool. Anything else (`self-hosted`, a custom or
 * larger-runner label, two labels, a group) may be a machine that keeps state between jobs and
 * reaches its own network: not hosted. A hosted image this does not know reads as not hosted, a
 * widened row to review, never a silent one.
 */
const GITHUB_HOSTED = /^(ubuntu|windows|macos)-(latest|\d+(\.\d+)?)(-(arm|arm64|large|xlarge|intel))?$/i;

/**
 * The runners a job can reach that are not GitHub-hosted, one text each (labels in lower case,
 * sorted: GitHub matches them in any case and order): `labels: linux, self-hosted`, `group: ci
 * (labels: linux)`, or `cannot tell: ${{ vars.RUNNER }}` for a choice written as an expression,
 * which is treated as not hosted.
 */
export function runnersOf(job: JobModel): string[] {
  const out = new Set<string>();
  for (const c of job.runsOn?.choices ?? []) {
    if ('expression' in c) {
      out.add(`cannot tell: ${c.expression}`);
      continue;
    }
    const labels = [...new Set(c.labels.map((l) => l.trim().toLowerCase()))].sort();
    if (c.group === undefined && labels.length === 1 && GITHUB_HOSTED.test(labels[0]!)) continue;
    const text = `labels: ${labels.join(', ') || '(none)'}`;
    out.add(c.group === undefined ? text : `group: ${c.group.trim().toLowerCase()} (${text})`);
  }
  return [...out].sort();
}

/**
 * What a destination written as an expression reads, in a row's words: a digest of the sources' text
 * (the strategy, `on:` and `env:` blocks can run to kilobytes; two digests that differ say they changed).
 */
function readingSources(job: JobModel, withs: string): string {
  if (job.withSources === undefined && withs === '') return 'reading nothing in the files';
  const digest = createHash('sha256')
    .update(`${job.withSources ?? ''}\0${withs}`)
    .digest('hex');
  return `reading the job's strategy, on:, env: and callers' with: (as of ${digest.slice(0, 12)})`;
}

/**
 * Where the job's OIDC token goes, one text per distinct destination: the action, `broker-url`,
 * `oidc-audience`, `with:` written as one expression, and `env:` names that redirect the step (a
 * proxy and a CA of the workflow's choosing read the exchange). A pull request that points
 * `broker-url` at another host while `oidc-audience` stays the real broker's has every default-branch
 * run hand that host a token the broker accepts; it can pass the exchange through, so no second claim
 * ever shows. Steps of local composite actions count (their `with:` and redirecting `env:` are in
 * `via`). Order-free, so reordered inputs are no change; other inputs (the command, the scope) are
 * judged elsewhere. A destination written as an expression is what it reads (session 28): the job's
 * `withSources` and `withs`, the `with:` of every caller on a callee's chain, are part of its text, so
 * a matrix `include:`, an input's default, an `env:` value or a caller's `with:` that moves it is a
 * change; in a composite step, `inner` (the job's local actions and the repository's files, session 32).
 */
export function tokenSinks(job: JobModel, withs = '', inner = ''): string[] {
  const out = new Set<string>();
  const add = (
    name: string,
    w: Readonly<Record<string, Located<string>>> | undefined,
    expr: Located<string> | undefined,
    env: readonly Located<string>[] | undefined,
    reads = withs,
  ) => {
    const url = w?.['broker-url']?.value.trim();
    const aud = w?.['oidc-audience']?.value.trim();
    const parts = [`actions/${name} to ${url || '(no broker-url)'}`];
    if (aud) parts.push(`audience ${aud}`);
    if (expr) parts.push(`with: ${expr.value}`);
    if (expr || url?.includes('${{') || aud?.includes('${{')) parts.push(readingSources(job, reads));
    if (env?.length) parts.push(`env: ${[...new Set(env.map((e) => e.value))].sort().join(', ')}`);
    out.add(parts.join(', '));
  };
  for (const st of job.steps) {
    const name = ownAction(st.uses);
    if (name && TOKEN_SENDERS.has(name)) add(name, st.with, st.withExpression, st.redirectingEnv);
  }
  for (const a of job.actions) {
    const name = a.via ? ownAction(a.uses) : undefined;
    // `${{ inputs.NAME }}` is what the step running the action passes, or the input's default, as the
    // check reads it; what stays computed reads the action's files and the code its steps run (session 32).
    if (name && TOKEN_SENDERS.has(name))
      add(
        name,
        a.via!.with && withInputsRead(a.via!.with, a.via!.inputs),
        a.via!.withExpression,
        a.via!.redirectingEnv,
        // A value still computed may read an input inside a longer text (`https://${{ inputs.host }}`).
        `${withs}${inner} inputs ${JSON.stringify(a.via!.inputs ?? null)}`,
      );
  }
  return [...out].sort();
}

/**
 * A gate that stops the job: the first step, enforce mode, no `if:`, no `continue-on-error`, and no
 * later step that runs anyway when it fails (other than actions/audit).
 */
export const GATE_ARMED = 'first step, mode enforce';

/**
 * How the job's gate stands, under the pins the check applies (`enforce-repositories` of the
 * manifest and the organization policy): with them set a local `./actions/enforce`, which a pull
 * request writes itself, is no gate here either (it was, in the diff alone, before session 8).
 * Disarming it (audit mode, an `if:`, `continue-on-error`, moving it after
 * another step, removing it) changes no permission, so without this the diff said "no access changes"
 * or, for a removal, "narrowed".
 */
export function gateOf(
  steps: readonly StepModel[],
  pins: readonly (readonly string[])[] = [],
  container?: string,
  reading?: () => string,
): string | undefined {
  const i = steps.findIndex((st) => isEnforceStep(st.uses, pins));
  if (i < 0) return undefined;
  const st = steps[i]!;
  const weak: string[] = [];
  if (i > 0) weak.push(`step ${i + 1}, not the first`);
  if (st.if) weak.push(`if: ${st.if.value}`);
  if (st.continueOnError && st.continueOnError.value !== 'false') weak.push('continue-on-error');
  // As the check reads it (missing-enforce) and the action receives it (inputs are trimmed).
  const mode = gateModeNotEnforce(st);
  if (mode) weak.push(`mode: ${mode.value}`);
  // As missing-enforce: `with:` as one expression, or an input the gate does not declare.
  const input = gateInputProblem(st);
  if (input) weak.push(`with: ${input.value}`);
  // As missing-enforce: `env:` that redirects the gate (shared/workflow/env-keys.ts).
  if (st.redirectingEnv?.length) weak.push(`env: ${st.redirectingEnv.map((e) => e.value).join(', ')}`);
  // A step whose `if:` uses always(), failure() or cancelled() still runs when the gate fails the job,
  // with the job's token and secrets (the audit step is meant to).
  const after = steps
    .map((x, k) => ({ x, k }))
    .filter(({ x, k }) => k > i && runsAfterFailure(x, pins))
    .map(({ k }) => k + 1);
  if (after.length)
    weak.push(
      `step${after.length > 1 ? 's' : ''} ${after.join(', ')} run${after.length > 1 ? '' : 's'} after a failed gate`,
    );
  if (weak.length) return weak.join(', ');
  // Where an armed gate reads the manifest and the ceiling: `manifest-ref: other-branch` or
  // `manifest: examples/open.yml` makes it judge the job against a manifest the pull request's author
  // may have written, with mode and position untouched.
  const source: Record<string, string> = {};
  for (const k of GATE_SOURCE_INPUTS) {
    const v = st.with?.[k]?.value.trim();
    if (v) source[k] = v;
  }
  // An input written as an expression reads what its sources say (session 28): `manifest-ref:
  // ${{ matrix.ref }}` moved by the matrix reads the same.
  if (reading && GATE_SOURCE_INPUTS.some((k) => source[k]?.includes('${{'))) source['reading'] = reading();
  // The job's container provides the bash and node the gate runs on (session 9).
  if (container !== undefined) source['container'] = container;
  // JSON, so a value cannot spell another input (`org-policy: "p; manifest-ref: main"`).
  return Object.keys(source).length ? `${GATE_ARMED}; reads ${JSON.stringify(source)}` : GATE_ARMED;
}

/** The gate's inputs that choose what it judges against (actions/enforce/action.yml). */
const GATE_SOURCE_INPUTS = ['manifest-ref', 'manifest', 'org-policy'] as const;

/** Whether a gate description (gateOf) is an armed gate, whatever it reads. */
export const isArmed = (g: string | undefined): boolean =>
  g === GATE_ARMED || !!g?.startsWith(`${GATE_ARMED}; `);

/**
 * An armed gate whose sources changed: narrowed only when the one change adds an `org-policy` (a
 * ceiling); any other change of where it reads the manifest or the ceiling is widened (which manifest
 * is looser cannot be known from here).
 */
export function gateSourceEffect(a: string, b: string): 'widened' | 'narrowed' {
  const inputs = (g: string): Map<string, string> => {
    const at = g.indexOf('; reads ');
    return new Map(
      at < 0 ? [] : Object.entries(JSON.parse(g.slice(at + '; reads '.length)) as Record<string, string>),
    );
  };
  const x = inputs(a);
  const y = inputs(b);
  const same = (k: string) => x.get(k) === y.get(k);
  const others = new Set([...x.keys(), ...y.keys()]);
  others.delete('org-policy');
  return [...others].every(same) && !x.has('org-policy') && y.has('org-policy') ? 'narrowed' : 'widened';
}

export interface WorkflowSnap {
  readonly path: string;
  /** Set when the file does not parse as a workflow: its access cannot be judged. */
  readonly error?: { readonly message: string; readonly line: number };
  readonly triggers: ReadonlySet<string>;
  /** job id, or `job via caller.yml/job` for reusable callees */
  readonly jobs: ReadonlyMap<string, JobSnap>;
  /** The ids of the file's own jobs (the manifest's keys), when it parsed. */
  readonly jobIds?: ReadonlySet<string>;
}

/**
 * The key of a manifest job: both names, unambiguously. `workflow/job` was not: a job `x/publish` of
 * `release.yml` and the job `publish` of an entry `release.yml/x` shared one key, so a grant added to
 * the one looked like the other's, unchanged (session 7).
 */
export const jobKey = (workflow: string, job: string): string => JSON.stringify([workflow, job]);
export function splitJobKey(key: string): { workflow: string; job: string } {
  const [workflow, job] = JSON.parse(key) as [string, string];
  return { workflow, job };
}

export interface ManifestSnap {
  /** jobKey(workflow, job) -> step@audience -> credential */
  readonly credentials: ReadonlyMap<string, ReadonlyMap<string, CredentialSnap>>;
  /** jobKey(workflow, job) -> granted GITHUB_TOKEN permissions */
  readonly permissions: ReadonlyMap<string, PermissionSet>;
  readonly secrets: ReadonlyMap<string, ReadonlySet<string>>;
  readonly triggers: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  /** The whole manifest, for the policy fields (shared/diff/policy.ts). */
  readonly value: Manifest;
  /** Line of a key path in the manifest file, when the caller knows the file's text. */
  readonly lineOf?: (path: readonly (string | number)[]) => number;
}

export interface Snapshot {
  readonly workflows: ReadonlyMap<string, WorkflowSnap>;
  readonly manifest?: ManifestSnap;
}

/**
 * `lineOf` (from the loaded manifest) places manifest changes on their lines. A workflow that does
 * not parse is kept, with its error, so the diff can say it cannot judge it instead of dropping it.
 */
export function snapshot(
  workflows: readonly WorkflowModel[],
  manifest?: Manifest,
  lineOf?: (path: readonly (string | number)[]) => number,
  org?: OrgPolicy,
  // The repository's files (repo-files.ts): what writes a step's output at run time.
  files?: string,
): Snapshot {
  const code = files === undefined ? '' : ` files ${files}`;
  const policy = manifest ? effectivePolicy(manifest, org) : undefined;
  // The gate's pins: the manifest's and the organization's lists, each that is set (as the check).
  const pins = manifest
    ? policy!.enforceRepositories
    : org?.['enforce-repositories']
      ? [org['enforce-repositories']]
      : [];
  const access = resolveAccess(workflows, policy?.repositoryDefault ?? 'permissive', {
    self: manifest?.repository?.name,
  });
  const out = new Map<string, WorkflowSnap>();
  // Per workflow, the files each job's needed jobs call (made when a job reads `needs`).
  const calledBelow = new Map<WorkflowModel, (name: string) => ReadonlySet<string>>();
  const guardMemo = new GuardMemo();
  for (const wf of workflows) {
    const error = wf.error ?? unreadBlock(wf);
    if (error) {
      out.set(wf.file, { path: wf.path, error, triggers: new Set(), jobs: new Map() });
      continue;
    }
    const jobs = new Map<string, JobSnap>();
    for (const a of access.filter((x) => x.workflow === wf.file)) {
      const key = a.via ? instanceKey(a.job, a.callers ?? [a.via]) : a.job;
      const model = wf.jobs.find((j) => j.id === a.job);
      // A callee's `${{ inputs.x }}` reads the `with:` of every caller on its chain: a nested callee's
      // input is what the outermost caller passed down (session 16; only the nearest was read).
      const chain = (a.callers ?? []).map((c) =>
        workflows.find((w) => w.file === c.workflow)?.jobs.find((j) => j.id === c.job),
      );
      // A `needs` output of a needed job that calls a workflow is that workflow's (session 30).
      // Those jobs' and the job's own steps' code is in the repository's files too (session 32).
      const withs =
        chain.map((c) => ` with ${c?.callWith ?? 'null'}`).join('') +
        (chain.some((c) => c?.readsNeeds) ? code : '') +
        (model?.readsNeeds
          ? neededCalls(wf, model, workflows, manifest?.repository?.name, calledBelow) + code
          : '');
      const environmentSources =
        model?.environmentSources !== undefined ? `${model.environmentSources}${withs}` : undefined;
      // A secret name or a destination read from the job's steps: their local actions write it too (session 31).
      const own = model?.readsSteps
        ? `${model.localActions ? ` actions ${model.localActions}` : ''}${code}`
        : '';
      const secretSources =
        model?.secretSources !== undefined ? `${model.secretSources}${withs}${own}` : undefined;
      // A callee's image written with `${{ inputs.x }}` is what its callers pass (it runs the gate).
      const container =
        model?.container !== undefined && model.container.includes('${{')
          ? `${model.container}${withs}`
          : model?.container;
      const gate = gateOf(model?.steps ?? [], pins, container, model && (() => readingSources(model, withs)));
      const shownAs = !a.via && model ? shownAsJobs(wf, model) : [];
      const unread = model?.unreadActions?.length
        ? new Map(model.unreadActions.map((u) => [u.uses, u.problem]))
        : undefined;
      const held = model?.unreadActions?.filter((u) => u.held).map((u) => u.uses);
      const sinks = model
        ? tokenSinks(model, withs + own, ` actions ${model.localActions ?? 'null'}${code}`)
        : [];
      const runners = model ? runnersOf(model) : [];
      // A callee's `runs-on: ${{ inputs.runner }}` reads its callers' `with:` too.
      const runnerSources =
        model?.runsOn?.sources !== undefined ? `${model.runsOn.sources}${withs}` : undefined;
      // A callee runs for the events of the outermost caller (access.ts carries its triggers down the
      // chain) and only where every caller's `if:` on the chain let it: the immediate caller of a
      // nested callee is a `workflow_call` workflow, whose triggers and `if:` alone hid the guard.
      const guarded = a.triggers.some((t) => FORK_REACHABLE_TRIGGERS.includes(t.value));
      const outermost = a.callers?.length ? workflows.find((w) => w.file === a.callers![0]!.workflow) : wf;
      const conds = [
        ...triggerGuards(outermost),
        ...chain.flatMap((c, k) => {
          const from = workflows.find((w) => w.file === a.callers![k]!.workflow);
          return from ? jobGuards(from, c, guardMemo) : [];
        }),
        ...jobGuards(wf, model, guardMemo),
      ];
      // An `if:` on the chain that reads `inputs` is decided by the callers' `with:` and the inputs'
      // defaults: a caller passing `trusted: true` opens `if: inputs.trusted || …` (session 25).
      const ifSources = [...chain, model].map((j) => j?.ifSources);
      if (a.callers?.length && ifSources.some((x) => x !== undefined))
        conds.push(`inputs: ${ifSources.map((x) => x ?? 'null').join(' ')}${withs}`);
      const snap: JobSnap = {
        ...(guarded ? { guard: conds.length ? conds.join(' && ') : NO_GUARD } : {}),
        ...(runners.length ? { runners: new Set(runners) } : {}),
        ...(model?.runsOn ? { runnerLine: model.runsOn.line } : {}),
        ...(runnerSources !== undefined ? { runnerSources } : {}),
        ...(gate ? { gate } : {}),
        ...(sinks.length ? { tokenSinks: new Set(sinks) } : {}),
        ...(unread ? { unread } : {}),
        ...(held?.length ? { held: new Set(held) } : {}),
        ...(shownAs.length ? { shownAs: new Set(shownAs) } : {}),
        ...(environmentSources !== undefined ? { environmentSources } : {}),
        ...(secretSources !== undefined ? { secretSources } : {}),
        ...(a.via ? { instance: { job: a.job, callers: a.callers ?? [a.via] } } : {}),
        line: a.line,
        permissions: a.permissions,
        secrets: handedOn(
          a.secrets.map((s) => s.value.toUpperCase()).concat(a.secretsInherit ? ['inherit'] : []),
          model,
          manifest?.repository?.name,
        ),
        environments: new Set(a.environments.map((e) => e.value)),
        actions: new Map(a.actions.map((x) => [x.uses, isPinned(x.uses)])),
      };
      const seen = jobs.get(key);
      jobs.set(key, seen ? widest(seen, snap) : snap);
    }
    out.set(wf.file, {
      path: wf.path,
      triggers: new Set(wf.triggers.map((t) => t.value)),
      jobs,
      jobIds: new Set(wf.jobs.map((j) => j.id)),
    });
  }
  return { workflows: out, ...(manifest ? { manifest: manifestSnap(manifest, lineOf) } : {}) };
}

/**
 * A job's secrets, and for a call of another repository's reusable workflow each of them again as
 * `NAME → owner/repo` (`inherit → owner/repo`): a call hands what it passes to the callee's
 * repository, whose code then holds it. Without the second entry a call moved from a local callee to
 * another repository read `inherit` on both sides and only its action row showed (session 25).
 * `self` (this repository's `owner/repo`): its full-reference calls are local (access.ts).
 */
function handedOn(
  secrets: readonly string[],
  job: JobModel | undefined,
  self: string | undefined,
): Set<string> {
  const out = new Set(secrets);
  const uses = job?.uses?.uses;
  if (!secrets.length || !uses || usesKind(uses) !== 'remote' || localWorkflowFile(uses, self) !== undefined)
    return out;
  const [owner, repo] = canonicalUses(uses).split('/');
  const to = `${owner}/${repo}`.toLowerCase();
  for (const s of secrets) out.add(`${s}${HANDED_TO}${to}`);
  return out;
}

/**
 * A `permissions:` block stepwarden does not read as a set of levels (a scalar other than `read-all`
 * or `write-all`, an unknown scope, a level the scope does not take). The model counts such a block
 * as no permission at all (GitHub refuses the file, so nothing runs); but when stepwarden's reading
 * is the wrong one (`${{ 'write-all' }}` before session 8), "none" turned write-all into "narrowed".
 * The diff says it cannot judge such a file instead: the check reports the block itself.
 */
function unreadBlock(wf: WorkflowModel): { message: string; line: number } | undefined {
  const blocks = [
    { block: wf.permissions, where: 'the workflow' },
    ...wf.jobs.map((j) => ({ block: j.permissions, where: `job '${j.id}'` })),
  ];
  for (const { block, where } of blocks) {
    if (!block) continue;
    if (block.invalid) return { message: `permissions of ${where}: ${block.invalid}`, line: block.line };
    const bad = block.entries.find(
      (e) => !isScope(e.scope) || !isLevel(e.level) || !validLevels(e.scope).includes(e.level),
    );
    if (bad)
      return {
        message: `permissions of ${where}: '${bad.scope}: ${bad.level}' is not a scope and level GitHub takes`,
        line: bad.line,
      };
  }
  return undefined;
}

/**
 * The digest of each workflow a job's needed jobs (transitively, names found as the parse finds them:
 * exact, else in any case) call, and of the local actions they run: their `needs.<job>.outputs` are
 * written there, not in this file.
 * Sorted, each file once; each job's set made once per workflow (a chain of thousands of jobs, each
 * reading the one before, would walk the chain again for every job).
 */
function neededCalls(
  wf: WorkflowModel,
  job: JobModel,
  workflows: readonly WorkflowModel[],
  self: string | undefined,
  calledBelow: Map<WorkflowModel, (name: string) => ReadonlySet<string>>,
): string {
  let memo = calledBelow.get(wf);
  if (!memo) calledBelow.set(wf, (memo = calledSets(wf, self)));
  const files = new Set<string>();
  for (const n of job.needs) for (const f of memo(n)) files.add(f);
  let out = '';
  for (const f of [...files].sort())
    out += f.startsWith(ACTIONS_OF)
      ? ` actions ${f.slice(ACTIONS_OF.length)}`
      : ` calls ${f} ${workflows.find((w) => w.file === f)?.callDigest ?? 'null'}`;
  return out;
}

/** Marks a set entry of `calledSets` that is a job's local actions' digest, not a file (no file name holds NUL). */
const ACTIONS_OF = '\0';

/**
 * For a job name: the local workflow files it and the jobs it needs, transitively, call, and the
 * digests of the local actions they run (`ACTIONS_OF` + digest).
 */
function calledSets(wf: WorkflowModel, self: string | undefined): (name: string) => ReadonlySet<string> {
  const exact = new Map<string, JobModel>();
  const folded = new Map<string, JobModel>();
  for (const j of wf.jobs) {
    if (!exact.has(j.id)) exact.set(j.id, j);
    if (!folded.has(j.id.toLowerCase())) folded.set(j.id.toLowerCase(), j);
  }
  const find = (name: string) => exact.get(name) ?? folded.get(name.toLowerCase());
  const sets = new Map<JobModel, Set<string>>();
  const NONE: ReadonlySet<string> = new Set();
  // Iterative post-order (a chain of thousands of jobs would overflow the stack); a job met again
  // while its own set is being made (a cycle, which GitHub refuses to run) adds nothing more.
  const setOf = (start: JobModel): ReadonlySet<string> => {
    const busy = new Set<JobModel>();
    const stack = [start];
    while (stack.length) {
      const j = stack[stack.length - 1]!;
      if (sets.has(j)) {
        stack.pop();
        continue;
      }
      if (!busy.has(j)) {
        busy.add(j);
        for (const n of j.needs) {
          const m = find(n);
          if (m && !sets.has(m) && !busy.has(m)) stack.push(m);
        }
        continue;
      }
      const own = new Set<string>();
      const file = j.uses && localWorkflowFile(j.uses.uses, self);
      if (file !== undefined) own.add(file);
      // The local actions its steps run write its outputs too (session 31).
      if (j.localActions) own.add(`${ACTIONS_OF}${j.localActions}`);
      for (const n of j.needs) {
        const m = find(n);
        for (const f of (m && sets.get(m)) ?? NONE) own.add(f);
      }
      sets.set(j, own);
      busy.delete(j);
      stack.pop();
    }
    return sets.get(start)!;
  };
  return (name) => {
    const j = find(name);
    return j ? setOf(j) : NONE;
  };
}

/** Both jobs' sources of a computed name, as one text (for `widest`). */
function eitherSources(
  a: JobSnap,
  b: JobSnap,
  key: 'environmentSources' | 'secretSources',
): { environmentSources?: string; secretSources?: string } {
  if (a[key] === undefined && b[key] === undefined) return {};
  return { [key]: [...new Set([a[key] ?? '', b[key] ?? ''])].sort().join(' | ') };
}

/**
 * One key for two instances of a job: the most either holds. Before session 7 the path judged last
 * replaced the other, so a callee that grew on one path only could show no change; since session 39
 * a key holds the whole caller chain (instanceKey), so no two instances are known to share one, and
 * this stays so that any that did would widen, not replace.
 */
function widest(a: JobSnap, b: JobSnap): JobSnap {
  const permissions = Object.fromEntries(
    SCOPE_NAMES.map((s) => [
      s,
      levelRank(b.permissions[s]) > levelRank(a.permissions[s]) ? b.permissions[s] : a.permissions[s],
    ]),
  ) as unknown as PermissionSet;
  return {
    ...a,
    permissions,
    secrets: new Set([...a.secrets, ...b.secrets]),
    environments: new Set([...a.environments, ...b.environments]),
    ...eitherSources(a, b, 'environmentSources'),
    ...eitherSources(a, b, 'secretSources'),
    actions: new Map([...a.actions, ...b.actions]),
    ...(a.unread || b.unread ? { unread: new Map([...(a.unread ?? []), ...(b.unread ?? [])]) } : {}),
    ...(a.held || b.held ? { held: new Set([...(a.held ?? []), ...(b.held ?? [])]) } : {}),
    ...(a.tokenSinks || b.tokenSinks
      ? { tokenSinks: new Set([...(a.tokenSinks ?? []), ...(b.tokenSinks ?? [])]) }
      : {}),
    ...(a.shownAs || b.shownAs ? { shownAs: new Set([...(a.shownAs ?? []), ...(b.shownAs ?? [])]) } : {}),
    ...(a.guard !== undefined || b.guard !== undefined
      ? { guard: [...new Set([a.guard ?? NO_GUARD, b.guard ?? NO_GUARD])].sort().join(' | ') }
      : {}),
    ...(a.runners || b.runners ? { runners: new Set([...(a.runners ?? []), ...(b.runners ?? [])]) } : {}),
    ...(a.runnerSources !== undefined || b.runnerSources !== undefined
      ? {
          runnerSources: [...new Set([a.runnerSources ?? '', b.runnerSources ?? ''])].sort().join(' | '),
        }
      : {}),
  };
}

export function manifestSnap(m: Manifest, lineOf: ManifestSnap['lineOf']): ManifestSnap {
  const credentials = new Map<string, Map<string, CredentialSnap>>();
  const permissions = new Map<string, PermissionSet>();
  const secrets = new Map<string, Set<string>>();
  const triggers = new Map<string, Set<string> | undefined>();
  for (const [wf, entry] of Object.entries(m.workflows)) {
    triggers.set(wf, entry.triggers ? new Set(entry.triggers) : undefined);
    for (const [job, j] of Object.entries(entry.jobs)) {
      const key = jobKey(wf, job);
      permissions.set(key, fromMap(j.permissions));
      secrets.set(key, new Set(j.secrets.map((s) => (s === 'inherit' ? s : s.toUpperCase()))));
      const creds = new Map<string, CredentialSnap>();
      for (const g of j.credentials) {
        // Order-free parts in a fixed order, so a reordered list is no change (session 7).
        if (isGithubGrant(g)) {
          const perms = g.permissions as Record<string, string>;
          const repos = [...new Set(g.repositories)].sort();
          const accessText =
            Object.entries(perms)
              .map(([p, l]) => `${p}:${l}`)
              .sort()
              .join(' ') + (repos.join(',') !== 'self' ? ` on ${repos.join(',')}` : '');
          creds.set(`${g.step}@${g.audience}`, {
            access: accessText,
            ttl: g.ttl,
            uses: g.uses,
            permissions: perms,
            repositories: new Set(repos),
          });
        } else {
          const scope = [...new Set(g.scope.flatMap((v) => v.split(/\s+/)).filter(Boolean))].sort();
          creds.set(`${g.step}@${g.audience}`, {
            access: scope.join(' '),
            ttl: g.ttl,
            uses: g.uses,
            scope: new Set(scope),
          });
        }
      }
      credentials.set(key, creds);
    }
  }
  return { credentials, permissions, secrets, triggers, value: m, ...(lineOf ? { lineOf } : {}) };
}
