/**
 * Which workflow file's grants a token may claim, from its `workflow_ref` (the workflow the run
 * started) and `job_workflow_ref` (the file whose job runs). Pure.
 *
 * - Same file: the grants of that file.
 * - A same-repository callee at another ref than the caller's: refused (code of another branch).
 * - A reusable workflow of the same repository: the callee's grants, only when the callee's manifest
 *   entry lists the caller in `callers:`.
 * - A reusable workflow of another repository: only an exact, pinned `trusted-workflows` entry, and then
 *   the grants of the caller's file (the callee's repository grants nothing here).
 */
import type { Manifest } from '../manifest/schema.js';
import { claimString } from './claims.js';

export interface WorkflowRef {
  readonly repository: string;
  readonly file: string;
  readonly ref: string;
  /** The claim as given. */
  readonly raw: string;
}

const REF = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+\.ya?ml)@(.+)$/;

export function parseWorkflowRef(raw: string): WorkflowRef | undefined {
  const m = REF.exec(raw);
  return m ? { repository: m[1]!, file: m[2]!, ref: m[3]!, raw } : undefined;
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
 * `callerJob`: the caller's job id when the broker verified it (check_run_id); a `callers` entry
 * naming a job matches only a verified one.
 */
export function resolveWorkflow(
  claims: Readonly<Record<string, unknown>>,
  manifest: Manifest,
  callerJob?: string,
): Resolution {
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
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
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
  const entry = Object.hasOwn(manifest.workflows, callee.file) ? manifest.workflows[callee.file] : undefined;
  const callers = entry?.callers ?? [];
  const index = callers.findIndex((c) => {
    const [file, job] = c.split('/') as [string, string | undefined];
    return file === caller.file && (job === undefined || job === callerJob);
  });
  if (index < 0) {
    const named = callers.filter((c) => c.split('/')[0] === caller.file);
    return {
      ok: false,
      code: 'ERR_CALLER_NOT_ALLOWED',
      message:
        named.length && callerJob === undefined
          ? `reusable workflow ${callee.file} allows ${named.join(', ')}, which names a caller job the broker could not verify (no check_run_id verification)`
          : `reusable workflow ${callee.file} is called by ${caller.file}${callerJob ? ` job '${callerJob}'` : ''}, which its callers list does not name${callers.length ? ` (callers: ${callers.join(', ')})` : ' (no callers: listed)'}`,
      path: ['workflows', callee.file, 'callers'],
    };
  }
  return { ok: true, file: callee.file, kind: 'reusable', caller, callee, callerIndex: index };
}
