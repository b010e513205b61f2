/**
 * `uses:` references in one canonical spelling, so that rules recognizing a reference (the gate,
 * credential steps, local reusable workflows) cannot be walked around by another spelling of the same
 * thing. GitHub's workflow parser takes `./path` and `.\path` (the workspace at the running commit)
 * and `$/path` (the "self repository reference": this repository at the running commit, like `./`) as
 * local; the runner resolves `.`, `..` and doubled separators in a path like any file system path.
 */
import { posix } from 'node:path';
import type { UsesKind } from './model.js';

/** `./path` with the path normalized, for a reference into this repository; undefined otherwise. */
export function localUses(uses: string): string | undefined {
  if (!(uses.startsWith('./') || uses.startsWith('.\\') || uses.startsWith('$/'))) return undefined;
  return `./${normalizePath(uses.slice(2).replace(/\\/g, '/'))}`;
}

/** What `posix.normalize` changes in a path: a doubled `/`, a `.` or `..` segment. */
const UNNORMAL = /\/\/|(?:^|\/)\.\.?(?:\/|$)/;

/**
 * `posix.normalize(path)`, without calling it for a path it leaves as it is (not empty, no doubled
 * `/`, no `.` or `..` segment): nearly every `uses:` path. Node's normalize is JavaScript that
 * walks the path a character at a time, about 18,000 instructions a call on the corpus check with
 * Turbofan off (session 30; `check` still runs it in V8's baseline tiers until it is hot), and `localUses` is asked several times a step (session 30).
 */
export function normalizePath(path: string): string {
  return path.length !== 0 && !UNNORMAL.test(path) ? path : posix.normalize(path);
}

/** `./path` is local (an action or workflow in this repository), `docker://` an image, anything else remote. */
export function usesKind(uses: string): UsesKind {
  if (localUses(uses) !== undefined) return 'local';
  if (uses.startsWith('docker://')) return 'docker';
  return 'remote';
}

/**
 * The spelling rules match against: a local reference normalized (`localUses`), a remote one as
 * `owner/repo/path@ref` with its path normalized (`actions/./run` and `actions//run` are `actions/run`
 * once the runner has the repository on disk), a docker reference as written.
 */
export function canonicalUses(uses: string): string {
  const local = localUses(uses);
  if (local !== undefined) return local;
  if (uses.startsWith('docker://')) return uses;
  const at = uses.indexOf('@');
  if (at < 0) return uses;
  const [owner, repo, ...path] = uses
    .slice(0, at)
    .split(/[\\/]/)
    .filter((s) => s.length > 0);
  if (!owner || !repo) return uses;
  const sub = path.length ? normalizePath(path.join('/')) : '';
  // A path that climbs out of the repository is not a path inside it: left as written.
  if (sub.startsWith('..')) return uses;
  return `${owner}/${repo}${sub && sub !== '.' ? `/${sub}` : ''}${uses.slice(at)}`;
}
