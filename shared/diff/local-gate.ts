/**
 * A gate the repository carries (`uses: ./actions/enforce`, or a vendored `./x/stepwarden/actions/enforce`)
 * runs the files of the state being judged: its `action.yml`, the scripts beside it and the bundle it
 * starts (`$GITHUB_ACTION_PATH/../../dist/index.js`). A pull request that edits them keeps the gate
 * first and in enforce mode while it judges nothing, and no workflow or manifest line changes: the
 * diff said "No access changes". Each source lists the files under `ROOT/actions` and `ROOT/dist` of
 * every such gate with their git blob ids, and the diff names the files that differ (widened).
 * Without `enforce-repositories` pins only; with pins a local gate is no gate (the check reports it).
 */
import { createHash } from 'node:crypto';
import { ownAction } from '../workflow/own-action.js';
import { localActionDir } from '../workflow/composite.js';
import type { WorkflowModel } from '../workflow/model.js';

/**
 * The repository-relative `actions` directory of a local gate, spelled as the `uses:` path spells it
 * (`actions` for `./actions/enforce`, `Actions` for `./Actions/Enforce`, which ownAction also takes
 * for the gate: the runner on Linux runs the files of that directory, so listing `actions/` missed
 * them, session 11), else undefined. A local `actions/audit` counts too: it may run after the gate
 * failed the job (its exemption from "runs after a failed gate"), with the job's token, on the same
 * files.
 */
export function localGateRoot(uses: string | undefined): string | undefined {
  const name = uses ? ownAction(uses) : undefined;
  if (!uses || (name !== 'enforce' && name !== 'audit')) return undefined;
  const dir = localActionDir(uses);
  if (dir === undefined) return undefined;
  const m = /^((?:.*\/)?actions)\/[^/]+$/i.exec(dir);
  return m ? m[1] : undefined;
}

/**
 * Where a local gate's files live, for its `actions` directory (localGateRoot): that directory and
 * `dist` beside it (the action runs `$GITHUB_ACTION_PATH/../../dist/index.js`).
 */
export function gateFileDirs(root: string): string[] {
  const slash = root.lastIndexOf('/');
  return [root, slash < 0 ? 'dist' : `${root.slice(0, slash)}/dist`];
}

/** Every local gate of the workflows (first step or not: moving it is another row), with a place to show. */
export function localGates(
  workflows: readonly WorkflowModel[],
): Map<string, { file: string; line: number; uses: string }> {
  const out = new Map<string, { file: string; line: number; uses: string }>();
  for (const wf of workflows)
    for (const job of wf.jobs)
      for (const st of job.steps) {
        const root = localGateRoot(st.uses);
        if (root !== undefined && !out.has(root))
          out.set(root, { file: wf.path, line: st.line, uses: st.uses! });
      }
  return out;
}

/** Git's blob id of a text (`git hash-object`), so a directory and a ref of one state agree. */
export function blobId(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

/** The files that differ between two listings (added, removed or changed), in path order. */
export function changedGateFiles(
  a: ReadonlyMap<string, string>,
  b: ReadonlyMap<string, string>,
  root: string,
): string[] {
  const dirs = gateFileDirs(root).map((d) => `${d}/`);
  const under = (p: string) => dirs.some((d) => p.startsWith(d));
  const paths = new Set([...a.keys(), ...b.keys()].filter(under));
  return [...paths].filter((p) => a.get(p) !== b.get(p)).sort();
}
