/**
 * Repository states read through the git data API at a commit: one recursive tree request per side,
 * then one blob request per distinct workflow file (a file unchanged between base and head is read
 * once). Safe under pull_request_target: the head's files are only read as data, never checked out or
 * run. Nothing the tree lists under `.github/workflows` is dropped: a symbolic link, a submodule, a
 * file over 1 MiB or beyond the file limit becomes an error model, which the diff reports as
 * "cannot judge".
 */
import { MANIFEST_PATH } from '../manifest/schema.js';
import { parseWorkflows } from '../workflow/load.js';
import type { StepwardenOctokitClient } from '../github/octokit.js';
import { crossChecked } from './cross-check.js';
import {
  heldActionProblem,
  selectWorkflowEntries,
  treeLister,
  unreadableFile,
  type TreeEntry,
} from './entries.js';
import { manifestOf, orgPolicyOf, type RepoState } from './source.js';
import { withCompositeActions, type ActionFileReader } from '../workflow/composite.js';
import { gateFileDirs, localGates } from './local-gate.js';
import { readsRunTimeOutputs, repositoryFilesDigest, unlistedFiles } from './repo-files.js';

/** Blob requests in flight at once (GitHub's secondary limits punish bursts). */
const CONCURRENCY = 8;

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
): Promise<{ entries: TreeEntry[]; complete: boolean }> {
  const full = await tree(gh, owner, repo, sha, true);
  if (!full.truncated) return { entries: full.entries, complete: true };
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
  return { entries: out, complete: false };
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
  const { entries, complete } = await relevantEntries(gh, owner, repo, sha);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const label = sha.slice(0, 7);
  const { toRead, errors } = selectWorkflowEntries(entries);
  const readSpecial = async (path: string): Promise<{ text?: string; error?: string }> => {
    const e = byPath.get(path);
    if (!e) return {};
    const why = unreadableFile(e, path);
    if (why) return { error: why };
    return { text: await blobText(gh, owner, repo, e.sha, cache) };
  };
  const [files, manifest, org] = await Promise.all([
    pool(toRead, CONCURRENCY, async (e) => ({
      path: e.path,
      text: await blobText(gh, owner, repo, e.sha, cache),
    })),
    readSpecial(MANIFEST_PATH),
    opts.orgPolicyPath ? readSpecial(opts.orgPolicyPath) : Promise.resolve(undefined),
  ]);
  const textOf = new Map(files.map((f) => [f.path, f.text]));
  // Local composite actions, from the same tree (a recursive tree lists no path through a linked
  // directory; a linked action file is a blob of mode 120000, not read). A truncated tree holds only
  // the root, .github and .github/workflows: composites elsewhere are then not followed.
  const list = treeLister(byPath.values());
  const actionFile: ActionFileReader = async (dir) => {
    for (const name of ['action.yml', 'action.yaml']) {
      const path = dir ? `${dir}/${name}` : name;
      const e = byPath.get(path);
      if (!e) continue;
      if (unreadableFile(e, path)) return heldActionProblem(dir, (p) => byPath.get(p));
      return { path, text: await blobText(gh, owner, repo, e.sha, cache) };
    }
    // Not there: maybe behind a linked directory, which a recursive tree does not list through, or
    // named in another case than the tree holds it (session 21).
    return heldActionProblem(dir, (p) => byPath.get(p), list);
  };
  const models = await withCompositeActions(
    parseWorkflows(files).map((m) => crossChecked(m, textOf.get(m.path) ?? '')),
    actionFile,
  );
  const orgPolicy =
    opts.orgPolicyPath === undefined
      ? undefined
      : org?.error
        ? { file: opts.orgPolicyPath, error: { message: org.error, line: 1 } }
        : orgPolicyOf(org?.text, opts.orgPolicyPath);
  // The gate's files from the same tree; a truncated tree lists no file below the root's levels.
  const gateFiles = new Map<string, string>();
  let gateFilesError: string | undefined;
  for (const d of [...localGates(models).keys()].flatMap(gateFileDirs)) {
    const below = entries.filter((e) => e.path.startsWith(`${d}/`) && e.type !== 'tree');
    for (const e of below) gateFiles.set(e.path, e.sha);
    if (below.length === 0 && byPath.get(d)?.type === 'tree')
      gateFilesError = `the files of the gate this repository carries (${d}/) are not listed: the repository's tree is too large for one request`;
  }
  // The repository's files, when a job computes a value from run-time outputs; a truncated tree does
  // not list them all.
  const filesDigest = !readsRunTimeOutputs(models)
    ? undefined
    : complete
      ? repositoryFilesDigest(entries.filter((e) => e.type !== 'tree'))
      : unlistedFiles(label);
  return {
    label,
    workflows: [...models, ...errors],
    ...(gateFilesError ? { gateFilesError } : { gateFiles }),
    ...(filesDigest !== undefined ? { filesDigest } : {}),
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
