/**
 * Repository states read through the git data API at a commit: one recursive tree request per side,
 * then one blob request per distinct workflow file (a file unchanged between base and head is read
 * once). Safe under pull_request_target: the head's files are only read as data, never checked out or
 * run. Nothing the tree lists under `.github/workflows` is dropped: a symbolic link, a submodule, a
 * file over 1 MiB or beyond the file limit becomes an error model, which the diff reports as
 * "cannot judge".
 */
import { MANIFEST_PATH } from '../manifest/schema.js';
import { isWorkflowFileName, parseWorkflows, WORKFLOWS_DIR } from '../workflow/load.js';
import type { WorkflowModel } from '../workflow/model.js';
import type { StepwardenOctokitClient } from '../github/octokit.js';
import { manifestOf, orgPolicyOf, type RepoState } from './source.js';

/** Workflow files read per side; every one beyond is "cannot judge", never left out. */
export const MAX_FILES = 500;
/** Larger files are not read (the contents API itself stops returning content at 1 MB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Blob requests in flight at once (GitHub's secondary limits punish bursts). */
const CONCURRENCY = 8;

interface TreeEntry {
  readonly path: string;
  readonly mode: string;
  readonly type: string;
  readonly sha: string;
  readonly size?: number;
}

const SYMLINK = '120000';

/** Blob texts by sha, shared by both sides of a diff. */
export type BlobCache = Map<string, Promise<string>>;

async function tree(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  sha: string,
  recursive: boolean,
): Promise<{ entries: TreeEntry[]; truncated: boolean }> {
  const res = await gh.rest.git.getTree({
    owner,
    repo,
    tree_sha: sha,
    ...(recursive ? { recursive: '1' } : {}),
  });
  return { entries: res.data.tree as TreeEntry[], truncated: res.data.truncated };
}

/**
 * The entries at the root, under `.github` and under `.github/workflows`: one recursive request;
 * when GitHub truncates it (very large repositories), a walk of the three trees instead.
 */
async function relevantEntries(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<TreeEntry[]> {
  const full = await tree(gh, owner, repo, sha, true);
  if (!full.truncated) return full.entries;
  const out: TreeEntry[] = [];
  let at: { sha: string; prefix: string } | undefined = { sha, prefix: '' };
  for (const name of ['.github', 'workflows', '']) {
    const level: { entries: TreeEntry[] } = await tree(gh, owner, repo, at.sha, false);
    const entries = level.entries.map((e) => ({ ...e, path: `${at!.prefix}${e.path}` }));
    out.push(...entries);
    if (!name) break;
    const next = entries.find((e) => e.path === `${at!.prefix}${name}` && e.type === 'tree');
    if (!next) break;
    at = { sha: next.sha, prefix: `${next.path}/` };
  }
  return out;
}

async function blobText(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  sha: string,
  cache: BlobCache,
): Promise<string> {
  let text = cache.get(sha);
  if (!text) {
    text = gh.rest.git.getBlob({ owner, repo, file_sha: sha }).then((res) => {
      const d = res.data;
      return d.encoding === 'base64' ? Buffer.from(d.content, 'base64').toString('utf8') : d.content;
    });
    cache.set(sha, text);
  }
  return text;
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

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

export interface StateOptions {
  /** Path, in this repository, of an organization policy to compare (the policy's own repository). */
  readonly orgPolicyPath?: string;
  readonly cache?: BlobCache;
}

export async function readStateFromApi(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  sha: string,
  opts: StateOptions = {},
): Promise<RepoState> {
  const cache = opts.cache ?? new Map();
  const entries = await relevantEntries(gh, owner, repo, sha);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const label = sha.slice(0, 7);
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
  const readSpecial = async (path: string): Promise<{ text?: string; error?: string }> => {
    const e = byPath.get(path);
    if (!e) return {};
    const why = unreadableReason(e);
    if (why) return { error: `${path} is ${why}` };
    return { text: await blobText(gh, owner, repo, e.sha, cache) };
  };
  const [files, manifest, org] = await Promise.all([
    pool(toRead, CONCURRENCY, async (e) => ({ path: e.path, text: await blobText(gh, owner, repo, e.sha, cache) })),
    readSpecial(MANIFEST_PATH),
    opts.orgPolicyPath ? readSpecial(opts.orgPolicyPath) : Promise.resolve(undefined),
  ]);
  const orgPolicy =
    opts.orgPolicyPath === undefined
      ? undefined
      : org?.error
        ? { file: opts.orgPolicyPath, error: { message: org.error, line: 1 } }
        : orgPolicyOf(org?.text, opts.orgPolicyPath);
  return {
    label,
    workflows: [...parseWorkflows(files), ...errors],
    ...(manifest.error
      ? { manifestError: `${label}: ${manifest.error}`, manifestErrorLine: 1 }
      : manifestOf(manifest.text, label)),
    ...(orgPolicy ? { orgPolicy } : {}),
  };
}

/** Both sides of a pull request, sharing blobs: an unchanged file costs one request, not two. */
export async function readPullRequestStates(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  baseSha: string,
  headSha: string,
  opts: Omit<StateOptions, 'cache'> = {},
): Promise<[RepoState, RepoState]> {
  const cache: BlobCache = new Map();
  return Promise.all([
    readStateFromApi(gh, owner, repo, baseSha, { ...opts, cache }),
    readStateFromApi(gh, owner, repo, headSha, { ...opts, cache }),
  ]);
}
