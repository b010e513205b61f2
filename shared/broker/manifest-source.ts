/**
 * Where the broker reads a repository's manifest: always its DEFAULT branch (never a pull request's
 * head, so a PR cannot grant itself access), cached by commit. The directory source stands in for
 * GitHub in tests and the demo: <path>/<owner>/<repo>/.github/access-manifest.yml.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH } from '../manifest/schema.js';
import { BrokerRefusal } from './errors.js';
import type { GithubApp } from './providers/github-app.js';

export interface ManifestSource {
  /** The manifest in force for `owner/repo`, the commit it was read at, and the branch (the default one). */
  get(repository: string): Promise<{ manifest: LoadedManifest; commit: string; defaultBranch?: string }>;
}

function parse(text: string | undefined, label: string): LoadedManifest {
  if (text === undefined)
    throw new BrokerRefusal(
      'invalid_target',
      'ERR_NO_MANIFEST',
      `${label} has no ${MANIFEST_PATH} on its default branch`,
    );
  try {
    return loadManifest(text, `${label}:${MANIFEST_PATH}`);
  } catch (err) {
    if (err instanceof ManifestError)
      throw new BrokerRefusal(
        'invalid_target',
        'ERR_MANIFEST_INVALID',
        `the manifest on the default branch is invalid: ${err.problems[0]?.message ?? err.message}`,
      );
    throw err;
  }
}

export function directorySource(dir: string): ManifestSource {
  return {
    async get(repository) {
      const [owner, repo] = repository.split('/');
      if (!owner || !repo || owner.includes('..') || repo.includes('..'))
        throw new BrokerRefusal('invalid_request', 'ERR_CLAIM_REPOSITORY', `bad repository '${repository}'`);
      const path = join(dir, owner, repo, MANIFEST_PATH);
      const text = await readFile(path, 'utf8').catch(() => undefined);
      const manifest = parse(text, repository);
      // No git here: the manifest says which branch it stands for (grant conditions default to it).
      const defaultBranch = manifest.manifest.repository?.['default-branch'] ?? 'main';
      return { manifest, commit: 'directory', defaultBranch };
    },
  };
}

/** Reads through the GitHub App; the head of the default branch is re-checked every `headTtlMs`. */
export function githubSource(app: GithubApp, headTtlMs = 10_000): ManifestSource {
  const heads = new Map<string, { sha: string; branch: string; until: number }>();
  const byCommit = new Map<string, LoadedManifest>();
  return {
    async get(repository) {
      const [owner, repo] = repository.split('/') as [string, string];
      const key = repository.toLowerCase();
      let head = heads.get(key);
      if (!head || head.until < Date.now()) {
        const h = await app.defaultBranchHead(owner, repo);
        head = { sha: h.sha, branch: h.branch, until: Date.now() + headTtlMs };
        heads.set(key, head);
      }
      const cacheKey = `${key}@${head.sha}`;
      let manifest = byCommit.get(cacheKey);
      if (!manifest) {
        manifest = parse(await app.readFile(owner, repo, MANIFEST_PATH, head.sha), repository);
        byCommit.set(cacheKey, manifest);
      }
      return { manifest, commit: head.sha, defaultBranch: head.branch };
    },
  };
}
