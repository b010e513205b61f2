/**
 * Which entries of a commit's tree the diff reads, and why it cannot read the others: a symbolic
 * link, a submodule, a file over 1 MiB, or a workflow file beyond the limit. Pure; shared by the API
 * reader (github-source.ts) and the git-ref reader (source.ts).
 */
import { isWorkflowFileName, WORKFLOWS_DIR } from '../workflow/load.js';
import type { WorkflowModel } from '../workflow/model.js';
import { caseFoldedAction, type DirectoryLister } from '../workflow/case-fold.js';

/** Workflow files read per side; every one beyond is "cannot judge", never left out. */
export const MAX_FILES = 500;
/** Larger files are not read (the contents API itself stops returning content at 1 MB). */
export const MAX_FILE_BYTES = 1024 * 1024;
export interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size?: number;
}

const SYMLINK = '120000';

/** Why an entry cannot be read as a file, or undefined when it can. */
function unreadableReason(e: TreeEntry): string | undefined {
  if (e.type === 'blob' && e.mode === SYMLINK)
    return 'a symbolic link: stepwarden does not follow links, so what it points to is not judged';
  if (e.type === 'commit') return 'a submodule, not a file';
  if (e.type !== 'blob') return `a ${e.type}, not a file`;
  if ((e.size ?? 0) > MAX_FILE_BYTES)
    return `larger than 1 MiB (${e.size} bytes): not read; keep workflow files and the manifest small`;
  return undefined;
}

const errorModel = (path: string, message: string): WorkflowModel => ({
  file: path.slice(path.lastIndexOf('/') + 1),
  path,
  triggers: [],
  jobs: [],
  error: { message, line: 1 },
});

/**
 * Which tree entries under `.github/workflows` are read, and an error model for every other one
 * (links, submodules, large files, files beyond the limit). Pure; shared by the git-ref reader.
 */
export function selectWorkflowEntries(entries: readonly TreeEntry[]): {
  toRead: TreeEntry[];
  errors: WorkflowModel[];
} {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const errors: WorkflowModel[] = [];
  // A linked `.github` or `.github/workflows` hides every workflow behind it.
  for (const dir of ['.github', WORKFLOWS_DIR]) {
    const e = byPath.get(dir);
    if (e && e.type !== 'tree')
      errors.push(errorModel(dir, `${dir} is ${unreadableReason(e) ?? 'not a directory'}`));
  }
  const candidates = entries
    .filter((e) => {
      const parts = e.path.split('/');
      return parts.length === 3 && e.path.startsWith(`${WORKFLOWS_DIR}/`) && isWorkflowFileName(e.path);
    })
    .filter((e) => e.type !== 'tree')
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const toRead: TreeEntry[] = [];
  for (const e of candidates) {
    const why = unreadableReason(e);
    if (why) errors.push(errorModel(e.path, why));
    else if (toRead.length >= MAX_FILES)
      errors.push(
        errorModel(e.path, `beyond the first ${MAX_FILES} workflow files, which is all stepwarden reads`),
      );
    else toRead.push(e);
  }
  return { toRead, errors };
}

/** Why an entry cannot be read as the manifest or policy file, or undefined when it can. */
export function unreadableFile(e: TreeEntry | undefined, path: string): string | undefined {
  const why = e && unreadableReason(e);
  return why ? `${path} is ${why}` : undefined;
}

/**
 * Why the repository's local action in `dir` is there but not read: its `action.yml`/`action.yaml`
 * entry is a link, a submodule or too large, or the directory or one above it is a link (a
 * recursive tree and `git ls-tree` list no path through a linked directory, so the action file is
 * simply absent). GitHub's runner follows the link in the checkout and runs what it points to, as
 * the check reports (unreadable-local-action); without this the diff read such an action as missing
 * (one an earlier step makes), and a head that pointed an existing link elsewhere changed nothing.
 * `entry` looks one path up in the commit's tree.
 */
export async function heldActionProblem(
  dir: string,
  entry: (path: string) => TreeEntry | undefined | Promise<TreeEntry | undefined>,
  // When given (the action file is not there): a name held only in another case is refused too.
  list?: DirectoryLister,
): Promise<{ path: string; refused: string } | undefined> {
  for (const name of ['action.yml', 'action.yaml']) {
    const path = dir ? `${dir}/${name}` : name;
    const why = unreadableFile(await entry(path), path);
    if (why) return { path, refused: why };
  }
  const parts = dir ? dir.split('/') : [];
  for (let i = 1; i <= parts.length; i++) {
    const path = parts.slice(0, i).join('/');
    const e = await entry(path);
    if (e && e.type !== 'tree')
      return { path, refused: `${path} is ${unreadableReason(e) ?? 'not a directory'}` };
  }
  return list ? caseFoldedAction(dir, list) : undefined;
}

/** The names in each directory of a tree listing (`''` the root); a path that is no tree lists nothing. */
export function treeLister(entries: Iterable<TreeEntry>): DirectoryLister {
  let children: Map<string, string[]> | undefined;
  const trees = new Set<string>(['']);
  return async (dir) => {
    if (!children) {
      children = new Map();
      for (const e of entries) {
        if (e.type === 'tree') trees.add(e.path);
        const slash = e.path.lastIndexOf('/');
        const parent = slash < 0 ? '' : e.path.slice(0, slash);
        const list = children.get(parent) ?? [];
        list.push(e.path.slice(slash + 1));
        children.set(parent, list);
      }
    }
    return trees.has(dir) ? { names: children.get(dir) ?? [] } : undefined;
  };
}
