/**
 * Effective access of every job of a repository: GitHub's permission rules applied, reusable workflows
 * resolved through their local callers. Pure: `resolveAccess(workflows, repositoryDefault)`.
 * Unknown scopes and invalid levels do not count toward the effective set; the `unknown-scope` rule reports them.
 */
import {
  fromMap,
  intersect,
  isLevel,
  isScope,
  levelRank,
  repositoryDefault as defaultSet,
  SCOPE_NAMES,
  uniform,
  validLevels,
  type Level,
  type PermissionMap,
  type PermissionSet,
  type RepositoryDefault,
  type Scope,
} from '../permissions/scopes.js';
import type { ActionRef, InputValue, JobModel, Located, PermissionsBlock, WorkflowModel } from './model.js';
import { localUses } from './uses.js';
import { inputRead, type InputValues } from './composite.js';
import { setOwn } from '../yaml/own-key.js';

export type PermissionsSource = 'job' | 'workflow' | 'repository-default' | 'caller';

export interface JobAccess {
  readonly workflow: string;
  readonly path: string;
  readonly job: string;
  readonly line: number;
  /** Set when a `workflow_call` workflow's job is judged through one local caller job. */
  readonly via?: { readonly workflow: string; readonly job: string; readonly line: number };
  /**
   * With `via`: every caller job on the call chain, the outermost first (`via` is the last). A nested
   * callee's `\${{ inputs.x }}` reads what the outermost caller's `with:` passed down the chain.
   */
  readonly callers?: readonly { readonly workflow: string; readonly job: string }[];
  /** A `workflow_call`-only workflow with no local caller: judged with the repository default, and said so. */
  readonly noLocalCaller?: boolean;
  readonly permissions: PermissionSet;
  readonly permissionsSource: PermissionsSource;
  /** Line in `path` of the block that decided `permissions` (the job line for the repository default and for `caller`). */
  readonly permissionsLine: number;
  readonly secrets: readonly Located<string>[];
  readonly secretsInherit?: { readonly line: number };
  readonly environments: readonly Located<string>[];
  /** The job's `environmentValues` (JobModel): the names a `${{ matrix.K }}` environment takes. */
  readonly environmentValues?: readonly Located<string>[];
  /**
   * Where a called job's `environmentValues` come from on its caller's runs (calledEnvironment): the
   * caller's `with:` string, the values of the caller's matrix it passes (`caller-matrix`, session 36)
   * or, when it passes nothing, the callee input's `default:`. Absent: the job's own matrix. The
   * findings' wording reads it, never the expression's text (session 35).
   */
  readonly environmentBy?: 'caller' | 'caller-matrix' | 'default';
  readonly triggers: readonly Located<string>[];
  readonly actions: readonly ActionRef[];
}

/** A block as GitHub applies it: shorthand for every scope, or named scopes with the rest none. */
export function blockPermissions(block: PermissionsBlock): PermissionSet {
  if (block.shorthand) return uniform(block.shorthand === 'write-all' ? 'write' : 'read');
  if (block.invalid) return uniform('none');
  const map: PermissionMap = {};
  for (const e of block.entries) {
    if (isScope(e.scope) && isLevel(e.level) && validLevels(e.scope).includes(e.level))
      map[e.scope] = e.level;
  }
  return fromMap(map);
}

interface OwnPermissions {
  readonly set: PermissionSet;
  readonly source: PermissionsSource;
  readonly line: number;
  /** Whether any block (job or workflow) was written: a callee without one takes the caller's token as is. */
  readonly declared: boolean;
}

/** Job-level block replaces the workflow-level one entirely; no block anywhere is the repository default. */
function ownPermissions(wf: WorkflowModel, job: JobModel, def: RepositoryDefault): OwnPermissions {
  if (job.permissions)
    return {
      set: blockPermissions(job.permissions),
      source: 'job',
      line: job.permissions.line,
      declared: true,
    };
  if (wf.permissions)
    return {
      set: blockPermissions(wf.permissions),
      source: 'workflow',
      line: wf.permissions.line,
      declared: true,
    };
  return { set: defaultSet(def), source: 'repository-default', line: job.line, declared: false };
}

/**
 * `./.github/workflows/x.yml` (optionally `@ref`, any local spelling) -> `x.yml`; other local paths are
 * not workflows. `self` (`owner/repo` of this repository): `OWNER/REPO/.github/workflows/x.yml@ref`
 * naming it is this repository's `x.yml` too (judged with the file as it is here: the caller's token
 * caps it whatever its version at `ref`).
 */
export function localWorkflowFile(uses: string, self?: string): string | undefined {
  // `$/.github/workflows/x.yml` and `./.github/workflows/../workflows/x.yml` call the same file.
  const local = localUses(uses);
  if (local === undefined) {
    if (!self) return undefined;
    const full = /^([^/\s]+\/[^/\s]+)\/\.github\/workflows\/([^/@\s]+\.ya?ml)@\S+$/.exec(uses.trim());
    return full && full[1]!.toLowerCase() === self.toLowerCase() ? full[2] : undefined;
  }
  const m = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)(@.*)?$/.exec(local);
  return m?.[1];
}

/**
 * A called job's `environment: ${{ inputs.NAME }}` on one local caller's runs: the string that caller's
 * `with:` passes (JobModel.callInputs), the name every such run's token carries, as a matrix's literal
 * names are (session 34). Anything else (an expression, a number, nothing, a name with edge spaces)
 * stays the expression.
 */
function calledEnvironment(
  job: JobModel,
  caller: JobModel,
  inputs: () => InputValues | undefined,
): Pick<JobAccess, 'environmentValues' | 'environmentBy'> {
  if (job.environmentValues || job.environments.length !== 1) return {};
  if (!job.environments[0]!.value.includes('${{')) return {};
  const read = inputRead(job.environments[0]!.value, inputs());
  // A caller's `${{ matrix.K }}` whose values its strategy lists: each is the name on some leg (session 36).
  const legs = read && !read.default && read.value.includes('${{');
  const names = legs
    ? caller.matrixInputs?.[read.value.trim()]
    : read && [{ value: read.value, line: read.line }];
  const named = (v: string) => !!v && v.trim() === v && !v.includes('${{');
  if (!read || !names?.every((n) => named(n.value))) return {};
  return {
    environmentValues: names.map((n) => ({ value: n.value, line: n.line })),
    environmentBy: read.default ? 'default' : legs ? 'caller-matrix' : 'caller',
  };
}

/**
 * What a callee's `${{ inputs.NAME }}` reads on one local caller's runs: the string the caller's `with:`
 * passes (JobModel.callInputs), else, for a name the caller does not pass at all, the callee's string
 * `default:` (WorkflowModel.callDefaults, marked `default`; session 35). A name passed as anything but
 * a string stays unknown.
 */
export function callerInputs(caller: JobModel, callee: WorkflowModel): InputValues | undefined {
  const defaults = callee.callDefaults;
  if (!defaults) return caller.callInputs;
  const out: Record<string, InputValue> = {};
  for (const k of Object.keys(defaults)) if (!caller.callPassed?.includes(k)) setOwn(out, k, defaults[k]!);
  for (const [k, v] of Object.entries(caller.callInputs ?? {})) setOwn(out, k, v);
  return out;
}

/**
 * What a called job's `${{ inputs.NAME }}` reads on the runs of one call chain (`chain`: the caller
 * jobs, the outermost first, the direct caller last, as JobAccess.callers): at each level what that
 * caller passes (callerInputs), where a value that is one `${{ inputs.NAME }}` is what the level above
 * passed down (GitHub evaluates it in that caller, whose own inputs it names; session 36). A value
 * the level above does not give stays the expression, which no one takes for a literal.
 */
export function chainInputs(
  workflows: ReadonlyMap<string, WorkflowModel>,
  chain: readonly { readonly workflow: string; readonly job: string }[],
  callee: WorkflowModel,
): InputValues | undefined {
  let above: InputValues | undefined;
  for (let i = 0; i < chain.length; i++) {
    const job = workflows.get(chain[i]!.workflow)?.jobs.find((j) => j.id === chain[i]!.job);
    const target = i + 1 < chain.length ? workflows.get(chain[i + 1]!.workflow) : callee;
    if (!job || !target) return undefined;
    const own = callerInputs(job, target);
    if (i === 0 || !own) {
      above = own;
      continue;
    }
    const out: Record<string, InputValue> = {};
    for (const [k, v] of Object.entries(own)) {
      const up = !v.default && v.value.includes('${{') ? inputRead(v.value, above) : undefined;
      // Only a literal is read down the chain (where it was written: the level above's line, never a
      // default here); an expression from above would be read against this level's matrix.
      setOwn(out, k, up && !up.value.includes('${{') ? { value: up.value, line: up.line } : v);
    }
    above = out;
  }
  return above;
}

/** How to resolve: `self` is this repository's `owner/repo` (its full-reference calls are local). */
export interface ResolveOptions {
  readonly self?: string | undefined;
}

const isCallOnly = (wf: WorkflowModel) =>
  wf.triggers.length > 0 && wf.triggers.every((t) => t.value === 'workflow_call');

function access(
  wf: WorkflowModel,
  job: JobModel,
  perms: { set: PermissionSet; source: PermissionsSource; line: number },
  extra: Partial<
    Pick<JobAccess, 'via' | 'callers' | 'noLocalCaller' | 'triggers' | 'environmentValues' | 'environmentBy'>
  >,
): JobAccess {
  const environmentValues = extra.environmentValues ?? job.environmentValues;
  return {
    workflow: wf.file,
    path: wf.path,
    job: job.id,
    line: job.line,
    ...(extra.via ? { via: extra.via } : {}),
    ...(extra.callers ? { callers: extra.callers } : {}),
    ...(extra.noLocalCaller ? { noLocalCaller: true } : {}),
    permissions: perms.set,
    permissionsSource: perms.source,
    permissionsLine: perms.line,
    secrets: job.secrets,
    ...(job.secretsInherit ? { secretsInherit: job.secretsInherit } : {}),
    environments: job.environments,
    ...(environmentValues ? { environmentValues } : {}),
    ...(extra.environmentBy ? { environmentBy: extra.environmentBy } : {}),
    triggers: extra.triggers ?? wf.triggers,
    actions: job.actions,
  };
}

/**
 * github.com runs reusable workflows up to ten levels deep (the top-level caller and nine levels of
 * callees; GitHub Enterprise Server: four). Deeper chains fail on GitHub, so they are not followed;
 * cycles stop at the first repeated file.
 */
const MAX_LEVELS = 10;

interface Caller {
  readonly wf: WorkflowModel;
  readonly job: JobModel;
  readonly set: PermissionSet;
  readonly triggers: readonly Located<string>[];
  /** 1 for a top-level workflow's job. */
  readonly level: number;
  /** The caller's token is the repository default: no block on the caller (nor on any caller above it). */
  readonly fromDefault: boolean;
  /** Files on the call chain so far, to stop at cycles. */
  readonly chain: ReadonlySet<string>;
  /** The jobs on the call chain so far, the outermost first, this caller's job last. */
  readonly callers: readonly { readonly workflow: string; readonly job: string }[];
}

/**
 * A callee job whose own block asks for more than its local caller job holds. GitHub does not cap
 * such a job silently: it refuses to start the whole run ("The nested job 'x' is requesting
 * 'contents: write', but is only allowed 'contents: read'"), so a rule can report it before merge.
 */
export interface NestedOverreach {
  /** The caller job and the line of its `uses:`, in the caller's file. */
  readonly caller: {
    readonly workflow: string;
    readonly path: string;
    readonly job: string;
    readonly line: number;
  };
  /**
   * The callee and the line of the block that asks for too much, in the callee's file; `job` is
   * absent when that block is the callee's workflow-level one (GitHub reports the workflow then).
   */
  readonly callee: {
    readonly workflow: string;
    readonly path: string;
    readonly job?: string;
    readonly line: number;
  };
  /** Whether the block that asks for too much is a job's own or the callee workflow's. */
  readonly block: 'job' | 'workflow';
  readonly scope: Scope;
  readonly requested: Level;
  readonly allowed: Level;
}

/**
 * What a callee job may take from its caller. GitHub's one exception (changelog 2023-06-15, docs
 * "oidc-permissions-token"): a reusable workflow of the same user, organization or enterprise may
 * request `id-token: write` when the caller writes no `permissions:` block and the repository
 * default is permissive. Every callee resolved here is local (same repository), so same-organization.
 */
function allowedToCallee(
  caller: Caller,
  own: OwnPermissions,
  repositoryDefault: RepositoryDefault,
): PermissionSet {
  if (
    repositoryDefault === 'permissive' &&
    caller.fromDefault &&
    own.declared &&
    own.set['id-token'] === 'write'
  )
    return { ...caller.set, 'id-token': 'write' };
  return caller.set;
}

/** `resolveAccess` plus what GitHub would refuse to start: callee jobs asking for more than their caller holds. */
export interface ResolvedAccess {
  readonly jobs: JobAccess[];
  readonly overreach: NestedOverreach[];
}

/**
 * Effective access of every job. Workflows callable only through `workflow_call` are judged once per
 * local caller job (capped by the caller's token), or with the repository default when no local
 * caller reaches them (`noLocalCaller`). Workflows with other triggers too are judged on their own as well.
 */
export function resolveAccess(
  workflows: readonly WorkflowModel[],
  repositoryDefault: RepositoryDefault,
  options: ResolveOptions = {},
): JobAccess[] {
  return resolveAccessDetailed(workflows, repositoryDefault, options).jobs;
}

/** `resolveAccess`, also listing nested jobs that ask for more than their caller holds. */
export function resolveAccessDetailed(
  workflows: readonly WorkflowModel[],
  repositoryDefault: RepositoryDefault,
  options: ResolveOptions = {},
): ResolvedAccess {
  const byFile = new Map(workflows.filter((w) => !w.error).map((w) => [w.file, w]));
  const out: JobAccess[] = [];
  const overreach: NestedOverreach[] = [];
  const reached = new Set<string>();

  const expand = (caller: Caller) => {
    const file = caller.job.uses && localWorkflowFile(caller.job.uses.uses, options.self);
    const callee = file ? byFile.get(file) : undefined;
    if (!callee || caller.level + 1 > MAX_LEVELS || caller.chain.has(callee.file)) return;
    reached.add(callee.file);
    const chain = new Set([...caller.chain, callee.file]);
    const callerRef = {
      workflow: caller.wf.file,
      path: caller.wf.path,
      job: caller.job.id,
      line: caller.job.uses!.line,
    };
    const report = (
      block: 'job' | 'workflow',
      calleeJob: string | undefined,
      line: number,
      requested: PermissionSet,
      allowed: PermissionSet,
    ) => {
      for (const scope of SCOPE_NAMES)
        if (levelRank(requested[scope]) > levelRank(allowed[scope]))
          overreach.push({
            caller: callerRef,
            callee: {
              workflow: callee.file,
              path: callee.path,
              ...(calleeJob !== undefined ? { job: calleeJob } : {}),
              line,
            },
            block,
            scope,
            requested: requested[scope],
            allowed: allowed[scope],
          });
    };
    // GitHub judges the callee's workflow-level block once, whichever jobs inherit it.
    if (callee.permissions) {
      const requested = blockPermissions(callee.permissions);
      const own = {
        set: requested,
        source: 'workflow' as const,
        line: callee.permissions.line,
        declared: true,
      };
      report('workflow', undefined, own.line, requested, allowedToCallee(caller, own, repositoryDefault));
    }
    // What the callee's `${{ inputs.NAME }}` read on this chain's runs (session 36), read only for a
    // job whose environment is an expression.
    let calleeInputs: InputValues | undefined | null = null;
    const inputs = () =>
      calleeInputs === null ? (calleeInputs = chainInputs(byFile, caller.callers, callee)) : calleeInputs;
    for (const job of callee.jobs) {
      const own = ownPermissions(callee, job, repositoryDefault);
      const allowed = allowedToCallee(caller, own, repositoryDefault);
      // The callee runs on the caller job's token: its own block can only narrow it.
      const set = own.declared ? intersect(own.set, allowed) : caller.set;
      if (own.source === 'job') report('job', job.id, own.line, own.set, allowed);
      const perms = {
        set,
        source: own.declared ? own.source : ('caller' as const),
        // A line in the callee's own file (findings name `path`): the job, as for the repository default.
        line: own.declared ? own.line : job.line,
      };
      out.push(
        access(callee, job, perms, {
          via: { workflow: caller.wf.file, job: caller.job.id, line: caller.job.uses!.line },
          callers: caller.callers,
          triggers: caller.triggers,
          ...calledEnvironment(job, caller.job, inputs),
        }),
      );
      expand({
        wf: callee,
        job,
        set,
        triggers: caller.triggers,
        level: caller.level + 1,
        chain,
        callers: [...caller.callers, { workflow: callee.file, job: job.id }],
        fromDefault: caller.fromDefault && !own.declared,
      });
    }
  };

  const judgeAlone = (wf: WorkflowModel, noLocalCaller: boolean) => {
    for (const job of wf.jobs) {
      const own = ownPermissions(wf, job, repositoryDefault);
      out.push(access(wf, job, own, noLocalCaller ? { noLocalCaller: true } : {}));
      expand({
        wf,
        job,
        set: own.set,
        triggers: wf.triggers,
        level: 1,
        chain: new Set([wf.file]),
        callers: [{ workflow: wf.file, job: job.id }],
        fromDefault: !own.declared,
      });
    }
  };

  const hasLocalCaller = new Set<string>();
  for (const wf of byFile.values())
    for (const j of wf.jobs) {
      const callee = j.uses && localWorkflowFile(j.uses.uses, options.self);
      if (callee && callee !== wf.file && byFile.has(callee)) hasLocalCaller.add(callee);
    }

  const callOnly = workflows.filter((wf) => !wf.error && isCallOnly(wf));
  for (const wf of workflows) if (!wf.error && !isCallOnly(wf)) judgeAlone(wf, false);
  for (const wf of callOnly) if (!hasLocalCaller.has(wf.file)) judgeAlone(wf, true);
  // Callers that are themselves only ever called in a cycle never run: judge those files alone.
  for (const wf of callOnly) if (!reached.has(wf.file) && hasLocalCaller.has(wf.file)) judgeAlone(wf, true);
  return { jobs: out, overreach };
}
