/**
 * Which workflow file's grants a token may claim, from its `workflow_ref` (the workflow the run
 * started) and `job_workflow_ref` (the file whose job runs). Pure.
 *
 * - Same file: the grants of that file.
 * - A same-repository callee at another ref than the caller's: refused (code of another branch).
 * - A reusable workflow of the same repository: the callee's grants, only when the callee's manifest
 *   entry lists the caller in `callers:` (FILE, or FILE/JOB for a verified caller job), or the verified
 *   caller job's own entry declares the call in `calls:` and lets the claimed grant through.
 * - A reusable workflow of another repository: only an exact, pinned `trusted-workflows` entry, and then
 *   the grants of the caller's file (the callee's repository grants nothing here).
 */
import type { Manifest } from '../manifest/schema.js';
import { claimString } from './claims.js';
import { asciiLower } from './glob.js';

export interface WorkflowRef {
  readonly repository: string;
  readonly file: string;
  readonly ref: string;
  /** The claim as given. */
  readonly raw: string;
}

const REF = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@(.+)$/;

/**
 * `o/r/.github/workflows/release.yml@x.yml@refs/heads/f` reads two ways: `release.yml` at
 * `x.yml@refs/heads/f`, or the file `release.yml@x.yml` (git allows `@` in a name) at `refs/heads/f`.
 * Split at the first `@` it would take `release.yml`'s grants for another file's job, so such a claim
 * names no workflow file (refused, as the enforce gate refuses it: shared/enforce/github-source.ts).
 */
const AMBIGUOUS_REF = /^[^/\s]*\.ya?ml@/i;

export function parseWorkflowRef(raw: string): WorkflowRef | undefined {
  const m = REF.exec(raw);
  if (!m || AMBIGUOUS_REF.test(m[3]!)) return undefined;
  return { repository: m[1]!, file: m[2]!, ref: m[3]!, raw };
}

export type Resolution =
  | {
      readonly ok: true;
      /** The manifest workflow entry whose grants apply. */
      readonly file: string;
      readonly kind: 'direct' | 'reusable' | 'trusted';
      readonly caller: WorkflowRef;
      readonly callee: WorkflowRef;
      /** For `reusable`: the matching `callers` index in the callee's entry. */
      readonly callerIndex?: number;
      /** For `reusable`: or the key path of the caller job's `calls:` entry that lets the grant through. */
      readonly declaredBy?: readonly (string | number)[];
      /** For `trusted`: the index in `trusted-workflows`. */
      readonly trustedIndex?: number;
    }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly path?: readonly (string | number)[];
    };

/**
 * The calling job of a reusable workflow, as the broker knows it: its id when verified (the Jobs API
 * name of the token's check_run_id, matched against the caller file at `workflow_sha`), else why not.
 */
export type CallerJob = { readonly job: string } | { readonly unverified: string };

/** The callee grant a request claims: `callers:` admits the whole file, a caller's `calls:` one grant. */
export interface CalleeGrant {
  readonly job: string;
  readonly step: string;
}

const hasKey = <T>(o: Readonly<Record<string, T>> | undefined, k: string): T | undefined =>
  o && Object.hasOwn(o, k) ? o[k] : undefined;

/** The same-repository reusable call a token makes (caller file != callee file, same ref), if any. */
function reusableCall(
  claims: Readonly<Record<string, unknown>>,
): { caller: WorkflowRef; callee: WorkflowRef } | undefined {
  const repository = asciiLower(claimString(claims, 'repository') ?? '');
  const caller = parseWorkflowRef(claimString(claims, 'workflow_ref') ?? '');
  const callee = parseWorkflowRef(claimString(claims, 'job_workflow_ref') ?? '');
  if (!caller || !callee || caller.file === callee.file) return undefined;
  if (asciiLower(caller.repository) !== repository || asciiLower(callee.repository) !== repository)
    return undefined;
  return { caller, callee };
}

/**
 * Whether deciding this token needs the calling job (a `callers: [FILE/JOB]` entry naming the caller
 * file, or a caller job's `calls:` naming the callee) and no bare `FILE` entry already admits it. The
 * broker then verifies the job before the decision instead of after it.
 */
export function callerJobNeeded(claims: Readonly<Record<string, unknown>>, manifest: Manifest): boolean {
  const call = reusableCall(claims);
  if (!call) return false;
  const callers = hasKey(manifest.workflows, call.callee.file)?.callers ?? [];
  if (callers.includes(call.caller.file)) return false;
  if (callers.some((c) => c.startsWith(`${call.caller.file}/`))) return true;
  const jobs = hasKey(manifest.workflows, call.caller.file)?.jobs ?? {};
  return Object.values(jobs).some((j) => hasKey(j.calls, call.callee.file) !== undefined);
}

/** The caller job's `calls:` entry that lets this callee grant through, as a key path. */
function declaredBy(
  manifest: Manifest,
  callerFile: string,
  callerJob: string,
  calleeFile: string,
  grant: CalleeGrant | undefined,
): (string | number)[] | undefined {
  if (!grant) return undefined;
  const job = hasKey(hasKey(manifest.workflows, callerFile)?.jobs, callerJob);
  const list = hasKey(job?.calls, calleeFile) ?? [];
  const i = list.findIndex((g) => g === grant.job || g === `${grant.job}/${grant.step}`);
  return i < 0 ? undefined : ['workflows', callerFile, 'jobs', callerJob, 'calls', calleeFile, i];
}

/**
 * `callerJob`: the caller's job when the broker verified it (check_run_id), or why it could not; a
 * `callers` entry naming a job, and a caller job's `calls:`, match only a verified one. `grant`: the
 * callee job and step the request claims (for `calls:`).
 */
export function resolveWorkflow(
  claims: Readonly<Record<string, unknown>>,
  manifest: Manifest,
  callerJob?: CallerJob | string,
  grant?: CalleeGrant,
): Resolution {
  const verified =
    typeof callerJob === 'string' ? callerJob : callerJob && 'job' in callerJob ? callerJob.job : undefined;
  const why =
    callerJob && typeof callerJob !== 'string' && 'unverified' in callerJob
      ? callerJob.unverified
      : undefined;
  const repository = claimString(claims, 'repository') ?? '';
  const wfRaw = claimString(claims, 'workflow_ref');
  const jobRaw = claimString(claims, 'job_workflow_ref');
  if (!wfRaw || !jobRaw)
    return {
      ok: false,
      code: 'ERR_CLAIM_MISSING',
      message: `the token has no '${wfRaw ? 'job_workflow_ref' : 'workflow_ref'}' claim, which says which workflow runs`,
    };
  const caller = parseWorkflowRef(wfRaw);
  const callee = parseWorkflowRef(jobRaw);
  if (!caller || !callee)
    return {
      ok: false,
      code: 'ERR_CLAIM_WORKFLOW_REF',
      message: `${caller ? 'job_workflow_ref' : 'workflow_ref'} does not name a workflow file`,
    };
  // ASCII case only: a Unicode fold (U+212A to k) must not make another repository's workflow ours.
  const same = (a: string, b: string) => asciiLower(a) === asciiLower(b);
  if (!same(caller.repository, repository))
    return {
      ok: false,
      code: 'ERR_CLAIM_WORKFLOW_REF',
      message: `workflow_ref names ${caller.repository}, not the token's repository ${repository}`,
    };
  if (!same(callee.repository, repository)) {
    const index = manifest['trusted-workflows'].indexOf(callee.raw);
    if (index < 0)
      return {
        ok: false,
        code: 'ERR_FOREIGN_WORKFLOW',
        message: `the running job belongs to ${callee.repository}'s workflow ${callee.file}@${callee.ref}; add exactly '${callee.raw}' to trusted-workflows to let ${caller.file} run it with its grants`,
        path: ['trusted-workflows'],
      };
    return { ok: true, file: caller.file, kind: 'trusted', caller, callee, trustedIndex: index };
  }
  // `owner/repo/.github/workflows/x.yml@other-ref` from a default-branch run would run another
  // ref's code under the caller's `ref` claim: a same-repository callee must be at the caller's ref.
  if (callee.ref !== caller.ref)
    return {
      ok: false,
      code: 'ERR_WORKFLOW_REF_MISMATCH',
      message: `${caller.file} (at ${caller.ref}) runs ${callee.file} at another ref, ${callee.ref}: grants are issued only to workflow code at the run's own ref`,
    };
  if (caller.file === callee.file) return { ok: true, file: callee.file, kind: 'direct', caller, callee };
  const entry = hasKey(manifest.workflows, callee.file);
  const callers = entry?.callers ?? [];
  const index = callers.findIndex((c) => {
    const [file, job] = c.split('/') as [string, string | undefined];
    return file === caller.file && (job === undefined || job === verified);
  });
  if (index >= 0)
    return { ok: true, file: callee.file, kind: 'reusable', caller, callee, callerIndex: index };
  // Or the caller's own job entry declares the call and lets this grant through.
  const declared = verified ? declaredBy(manifest, caller.file, verified, callee.file, grant) : undefined;
  if (declared)
    return { ok: true, file: callee.file, kind: 'reusable', caller, callee, declaredBy: declared };
  const named = callers.filter((c) => c.startsWith(`${caller.file}/`));
  const declaring = Object.entries(hasKey(manifest.workflows, caller.file)?.jobs ?? {})
    .filter(([, j]) => hasKey(j.calls, callee.file) !== undefined)
    .map(([id]) => `${caller.file} job '${id}' calls:`);
  const jobBound = [...named, ...declaring];
  if (verified === undefined && jobBound.length)
    return {
      ok: false,
      code: 'ERR_CALLER_NOT_ALLOWED',
      message: `reusable workflow ${callee.file} is called by ${caller.file}; ${jobBound.join(', ')} admit${jobBound.length === 1 ? 's' : ''} only a verified caller job, and the broker could not verify which job of ${caller.file} calls (${why ?? 'no job identity'}). Fix: let the broker verify jobs (a token with check_run_id and a GitHub App with actions: read on the repository), or list the bare file '${caller.file}' in ${callee.file}'s callers to admit every job of it`,
      path: ['workflows', callee.file, 'callers'],
    };
  return {
    ok: false,
    code: 'ERR_CALLER_NOT_ALLOWED',
    message: `reusable workflow ${callee.file} is called by ${caller.file}${verified ? ` job '${verified}'` : ''}, which its callers list does not name${callers.length ? ` (callers: ${callers.join(', ')})` : ' (no callers: listed)'}${verified && grant ? ` and whose calls: does not let ${grant.job}/${grant.step} through` : ''}`,
    path: ['workflows', callee.file, 'callers'],
  };
}
