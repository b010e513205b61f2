/**
 * A local action named in another case than the repository holds it (`uses: ./TOOLS/EVIL` beside
 * `tools/evil/action.yml`, or `./tools/evil` holding `Action.yml`). The contents API, git trees and a
 * Linux checkout are case-sensitive, so every face read a missing action (one an earlier step makes: a
 * warning, the gate allowing the job), while a macOS or Windows runner, whose file systems ignore case
 * by default, finds and runs `tools/evil` (session 20, left; session 21). One walk for every face:
 * each reads its own directory listings (disk, git tree, contents API) and asks this module.
 */
import { posix } from 'node:path';

/**
 * How a case-insensitive file system may see a name: Unicode case (APFS folds case by Unicode's
 * tables, NTFS by its upcase table) and normal form (APFS ignores it). Both ways of casing are
 * applied, so a name any of them takes for another is caught; too broad is a refusal, never a pass.
 * Windows also drops a name's trailing dots and spaces when it normalizes a path (`./tools/evil.`
 * opens `tools\evil`; python/cpython#85681 shows the Win32 API doing it), so they are dropped here
 * too (session 22), unless nothing else is left.
 */
export function foldName(name: string): string {
  const folded = name.normalize('NFC').toUpperCase().toLowerCase();
  return folded.replace(/[. ]+$/, '') || folded;
}

/** The entry of `names` a case-insensitive file system would take for `name`, when none is `name` itself. */
export function caseVariant(name: string, names: readonly string[]): string | undefined {
  if (names.includes(name)) return undefined;
  const folded = foldName(name);
  return names.find((n) => foldName(n) === folded);
}

/**
 * A directory's entry names, or undefined when the path is not a directory the reader can list (not
 * there, a file, a link). `full` says the listing may be cut short (the contents API lists at most
 * 1,000 entries of a directory).
 */
export type DirectoryLister = (
  dir: string,
) => Promise<{ names: readonly string[]; full?: boolean } | undefined>;

const ACTION_FILES = ['action.yml', 'action.yaml'] as const;

/**
 * For a local action the reader found no `action.yml`/`action.yaml` for: the held path a
 * case-insensitive runner would take instead, as a refusal (`path`, `refused`), or undefined when
 * no entry matches but for case (the action is missing on every file system: one an earlier step
 * makes). `dir` is repository-relative and clean (`''` for the root). Each directory is listed at most
 * once here, from the root down, stopping at the first name not held in any case.
 */
export async function caseFoldedAction(
  dir: string,
  list: DirectoryLister,
): Promise<{ path: string; refused: string } | undefined> {
  const parts = dir ? dir.split('/') : [];
  const refusal = (held: string, wanted: string) => ({
    path: held,
    refused: `the repository holds ${held}, not ${wanted}: the names differ only in case, so a runner on a case-insensitive file system (macOS, Windows) takes ${wanted} for ${held} and runs the action there, while a case-sensitive reader finds nothing to judge. Fix: write the path as the repository holds it (${posix.basename(held)}, not ${posix.basename(wanted)})`,
  });
  let parent = '';
  for (const part of [...parts, undefined]) {
    const listing = await list(parent);
    if (!listing) return undefined;
    const wanted = part === undefined ? ACTION_FILES : [part];
    if (wanted.some((w) => listing.names.includes(w))) {
      if (part === undefined) return undefined;
      parent = parent ? `${parent}/${part}` : part;
      continue;
    }
    for (const w of wanted) {
      const held = caseVariant(w, listing.names);
      if (held !== undefined) return refusal(posix.join(parent, held), posix.join(parent, w));
    }
    if (listing.full)
      return {
        path: parent || '.',
        refused: `${parent || 'the repository root'} lists more entries than the reader is given, so whether it holds ${posix.join(parent, wanted[0]!)} in another case (which a macOS or Windows runner would run) cannot be told. Fix: move the action to a smaller directory`,
      };
    return undefined;
  }
  return undefined;
}
