/**
 * Where the broker reads a repository's manifest: always its DEFAULT branch (never a pull request's
 * head, so a PR cannot grant itself access). A manifest is parsed and validated once per commit
 * (GitHub) or per file content (directory), never per exchange; a broken one is remembered as its
 * refusal, so it is not re-read either. The directory source stands in for GitHub in tests and the
 * demo: <path>/<owner>/<repo>/.github/access-manifest.yml.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { loadManifest, type LoadedManifest } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH } from '../manifest/schema.js';
import { monotonicMs } from '../clock/steady.js';
import { BrokerRefusal, ownRefusal } from './errors.js';
import type { GithubApp } from './providers/github-app.js';

export interface ManifestSource {
  /** The manifest in force for `owner/repo`, the commit it was read at, and the branch (the default one). */
  get(repository: string): Promise<{ manifest: LoadedManifest; commit: string; defaultBranch?: string }>;
  /**
   * Drops what is cached for `repository` (every repository without one), so the next exchange reads
   * the default branch again; the broker calls it on every instance (store pub/sub) after a kill switch.
   */
  forget?(repository?: string): void;
  /**
   * The same answer as get(), when reading it reaches no GitHub API (undefined otherwise): the broker
   * then screens the exchange (replay, rate limit) with its gate, in one store step, instead of before.
   */
  cached?(
    repository: string,
  ): Promise<{ manifest: LoadedManifest; commit: string; defaultBranch?: string }> | undefined;
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
        `the manifest on the default branch is invalid: ${err.problems[0] ? `${err.problems[0].file}:${err.problems[0].line}: ${err.problems[0].message}` : err.message}`,
      );
    throw err;
  }
}

/** A compiled manifest, or the refusal its text earns; either is cached. */
type Compiled = { manifest: LoadedManifest } | { refusal: BrokerRefusal };

function compile(text: string | undefined, label: string): Compiled {
  try {
    return { manifest: parse(text, label) };
  } catch (err) {
    if (err instanceof BrokerRefusal) return { refusal: err };
    throw err;
  }
}

/** The manifest, or a refusal of the caller's own (errors.ts ownRefusal: the cached one is shared). */
function unwrap(c: Compiled): LoadedManifest {
  if ('refusal' in c) throw ownRefusal(c.refusal);
  return c.manifest;
}

/** A rejection shared by concurrent exchanges (one read for all), rethrown as the caller's own. */
const rethrownOwn = (err: unknown): never => {
  throw ownRefusal(err);
};

/** Repositories whose compiled manifest is kept (one entry each, so memory is bounded by this). */
const MAX_CACHED_REPOSITORIES = 10_000;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_CACHED_REPOSITORIES) map.delete(map.keys().next().value!);
}

/** A directory has no git: the manifest says which branch it stands for (grant conditions default to it). */
function served(compiled: Compiled, commit: string) {
  const manifest = unwrap(compiled);
  return { manifest, commit, defaultBranch: manifest.manifest.repository?.['default-branch'] ?? 'main' };
}

/**
 * How close to the clock a file's mtime may be for its stat to be no proof of its content: a file
 * system's time granularity (FAT: 2 s; ext3, HFS+: 1 s; a kernel's coarse clock: a jiffy), plus
 * margin. A same-size rewrite within one tick keeps inode, size, mtime and ctime.
 */
const FILE_TIME_TICK_MS = 3000;

/**
 * Files under `dir`. A `stat` tells whether the file changed (inode, size, mtime, ctime), at most
 * once per `recheckMs` per file (default 1 s, like the GitHub source's head TTL; tests use 0); only
 * a changed file is read, and only a different content (sha256) is parsed again. A stamp taken while
 * the file's mtime was within FILE_TIME_TICK_MS of the clock (or ahead of it) is not trusted: such a
 * file is read and hashed at each check until its mtime is older than a tick (session 24: a same-size
 * rewrite within one tick kept serving the old manifest). `stat` is for tests (a coarse file system).
 *
 * Exchanges that find a file's check due while one is already out share that check (session 43): a
 * burst found the second past by all its exchanges at once, and each sent its own stat (about one
 * exchange in ten at 256 connections), every one a job on libuv's pool queued among the exchanges'
 * RS256 verifies and ES256 signs. A shared check began after the caller's last answer was a second
 * old, so what it returns is as recent as the rule asks. With `recheckMs` 0 (every get looks at the
 * file, the tests' setting) nothing is shared: a get after a write sees the write.
 */
export function directorySource(
  dir: string,
  opts: {
    recheckMs?: number;
    stat?: (path: string) => Promise<{ ino: number; size: number; mtimeMs: number; ctimeMs: number }>;
  } = {},
): ManifestSource {
  const recheckMs = opts.recheckMs ?? 1000;
  const statFile = opts.stat ?? stat;
  const cache = new Map<
    string,
    { stamp: string; hash: string; compiled: Compiled; checked: number; racy: boolean }
  >();
  // The check of each file now out: its compiled manifest and hash, or undefined (no file).
  const checking = new Map<string, Promise<{ compiled: Compiled; hash: string } | undefined>>();
  const check = async (path: string, repository: string) => {
    const checked = monotonicMs();
    // The wall clock before the stat, against the file's times: a write after this moment cannot be
    // older than a tick before it (a wall stepped back only makes more files look racy: re-read).
    const now = Date.now();
    const st = await statFile(path).catch(() => undefined);
    if (!st) {
      cache.delete(path);
      return undefined;
    }
    const stamp = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
    const racy = st.mtimeMs >= now - FILE_TIME_TICK_MS;
    const hit = cache.get(path);
    if (hit?.stamp === stamp && !hit.racy) {
      hit.checked = checked;
      return hit;
    }
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const hash = `sha256:${createHash('sha256')
      .update(text ?? '')
      .digest('hex')}`;
    const compiled = hit?.hash === hash && text !== undefined ? hit.compiled : compile(text, repository);
    if (text !== undefined) remember(cache, path, { stamp, hash, compiled, checked, racy });
    return { compiled, hash };
  };
  const source: ManifestSource = {
    forget(repository) {
      // A check out when the broker is told to forget may have read the file before the change.
      if (!repository) {
        checking.clear();
        return cache.clear();
      }
      const [owner, repo] = repository.split('/');
      if (owner && repo) {
        const path = join(dir, owner, repo, MANIFEST_PATH);
        checking.delete(path);
        cache.delete(path);
      }
    },
    // A file of the broker's own disk: never GitHub.
    cached: (repository) => source.get(repository),
    async get(repository) {
      const [owner, repo] = repository.split('/');
      if (!owner || !repo || owner.includes('..') || repo.includes('..'))
        throw new BrokerRefusal('invalid_request', 'ERR_CLAIM_REPOSITORY', `bad repository '${repository}'`);
      const path = join(dir, owner, repo, MANIFEST_PATH);
      const known = cache.get(path);
      // Ages on the monotonic clock (a wall stepped back kept the last check "recent" for the step).
      if (known && recheckMs > 0 && monotonicMs() - known.checked < recheckMs)
        return served(known.compiled, known.hash);
      let out = recheckMs > 0 ? checking.get(path) : undefined;
      if (!out) {
        const mine = check(path, repository).finally(() => {
          if (checking.get(path) === mine) checking.delete(path);
        });
        if (recheckMs > 0) checking.set(path, mine);
        out = mine;
      }
      const found = await out.catch(rethrownOwn);
      if (!found) return { manifest: parse(undefined, repository), commit: 'directory' };
      return served(found.compiled, found.hash);
    },
  };
  return source;
}

/**
 * Reads through the GitHub App; the head of the default branch is re-checked every `headTtlMs`.
 * Concurrent exchanges of one repository share one head look-up and one file read (a burst on a
 * cold cache costs GitHub one call of each, not one per exchange).
 */
export function githubSource(app: GithubApp, headTtlMs = 10_000): ManifestSource {
  type Head = { sha: string; branch: string; until: number };
  const heads = new Map<string, Head>();
  const pendingHeads = new Map<string, Promise<Head>>();
  // `settled`: the compiled manifest once its read answered (what cached() may serve without waiting).
  const byRepo = new Map<string, { sha: string; compiled: Promise<Compiled>; settled?: Compiled }>();
  const head = (key: string, owner: string, repo: string) => {
    const cached = heads.get(key);
    // The head's age on the monotonic clock: on the wall, a step back kept it (and the manifest read at
    // it) for the size of the step, and a manifest narrowed meanwhile went on granting.
    if (cached && cached.until >= monotonicMs()) return cached;
    let p = pendingHeads.get(key);
    if (!p) {
      p = app
        .defaultBranchHead(owner, repo)
        .then((h) => {
          const fresh = { sha: h.sha, branch: h.branch, until: monotonicMs() + headTtlMs };
          remember(heads, key, fresh);
          return fresh;
        })
        .finally(() => pendingHeads.delete(key));
      pendingHeads.set(key, p);
    }
    return p;
  };
  return {
    forget(repository) {
      if (!repository) {
        heads.clear();
        byRepo.clear();
        return;
      }
      heads.delete(repository.toLowerCase());
      byRepo.delete(repository.toLowerCase());
    },
    async get(repository) {
      const [owner, repo] = repository.split('/') as [string, string];
      const key = repository.toLowerCase();
      // Both reads are shared by the exchanges that ask meanwhile: a refusal of each caller's own.
      const { sha, branch } = await Promise.resolve(head(key, owner, repo)).catch(rethrownOwn);
      let entry = byRepo.get(key);
      if (entry?.sha !== sha) {
        // One entry per repository: the manifest at its current head (older commits are dropped).
        const compiled = app
          .readFile(owner, repo, MANIFEST_PATH, sha)
          .then((text) => compile(text, repository));
        const made: { sha: string; compiled: Promise<Compiled>; settled?: Compiled } = { sha, compiled };
        compiled.then(
          (c) => void (made.settled = c),
          () => undefined,
        );
        entry = made;
        remember(byRepo, key, entry);
        // A failed read (GitHub down) is not a verdict on the manifest: forget it, retry next time.
        compiled.catch(() => {
          if (byRepo.get(key) === entry) byRepo.delete(key);
        });
      }
      return {
        manifest: unwrap(await entry.compiled.catch(rethrownOwn)),
        commit: sha,
        defaultBranch: branch,
      };
    },
    cached(repository) {
      // Only a head still fresh and a manifest already read at it: anything else asks GitHub.
      const key = repository.toLowerCase();
      const h = heads.get(key);
      if (!h || h.until < monotonicMs()) return undefined;
      const entry = byRepo.get(key);
      if (entry?.sha !== h.sha || !entry.settled) return undefined;
      const settled = entry.settled;
      return Promise.resolve().then(() => ({
        manifest: unwrap(settled),
        commit: h.sha,
        defaultBranch: h.branch,
      }));
    },
  };
}
