/**
 * A repository state read through the API at a commit (`contents?ref=SHA`): safe under
 * pull_request_target, since the head's files are only read as data, never checked out or run.
 */
import { MANIFEST_PATH } from '../manifest/schema.js';
import { loadManifest } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { isWorkflowFileName, parseWorkflows, WORKFLOWS_DIR } from '../workflow/load.js';
import type { StepwardenOctokitClient } from '../github/octokit.js';
import type { RepoState } from './source.js';

const MAX_FILES = 500;

async function fileText(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const res = await gh.rest.repos.getContent({ owner, repo, path, ref });
    const d = res.data as { type?: string; content?: string };
    return d.type === 'file' && typeof d.content === 'string'
      ? Buffer.from(d.content, 'base64').toString('utf8')
      : undefined;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw err;
  }
}

export async function readStateFromApi(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
  sha: string,
): Promise<RepoState> {
  let names: string[] = [];
  try {
    const res = await gh.rest.repos.getContent({ owner, repo, path: WORKFLOWS_DIR, ref: sha });
    if (Array.isArray(res.data))
      names = res.data
        .filter((e) => e.type === 'file' && isWorkflowFileName(e.name))
        .map((e) => e.path)
        .slice(0, MAX_FILES);
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
  }
  const files = await Promise.all(
    names.map(async (path) => ({ path, text: (await fileText(gh, owner, repo, path, sha)) ?? '' })),
  );
  const manifestText = await fileText(gh, owner, repo, MANIFEST_PATH, sha);
  let manifest;
  let manifestError;
  if (manifestText !== undefined) {
    try {
      manifest = loadManifest(manifestText, `${sha.slice(0, 7)}:${MANIFEST_PATH}`).manifest;
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      manifestError = err.message;
    }
  }
  return {
    label: sha.slice(0, 7),
    workflows: parseWorkflows(files),
    ...(manifest ? { manifest } : {}),
    ...(manifestError ? { manifestError } : {}),
  };
}
