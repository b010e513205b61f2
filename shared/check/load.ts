/**
 * I/O edge of the check: read workflows, the manifest and the org policy from disk, then run the pure
 * check. Under `pull_request_target` the files come from an untrusted pull request head, so nothing
 * here follows a symbolic link: a link named `.github/workflows/x.yml` pointing at a runner file would
 * otherwise have its content quoted in a parse error, in public annotations.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, readSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { isWorkflowFileName, WORKFLOWS_DIR } from '../workflow/load.js';
import { parseWorkflow } from '../workflow/parse.js';
import type { WorkflowModel } from '../workflow/model.js';
import { withCompositeActions, type ActionFileReader } from '../workflow/composite.js';
import { caseFoldedAction, type DirectoryLister } from '../workflow/case-fold.js';
import { loadManifest, loadOrgPolicy, type Loaded } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH, type OrgPolicy } from '../manifest/schema.js';
import { runCheck, type CheckResult } from './run.js';

export interface CheckOptions {
  readonly dir: string;
  readonly manifest?: string;
  readonly orgPolicy?: string;
  /** Org policy text already fetched (e.g. from the org's .github repository). */
  readonly orgPolicyText?: { text: string; file: string };
}

/** Larger than any real workflow or manifest; a bigger file is refused rather than parsed. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;

const LINK = 'is a symbolic link, which stepwarden does not follow';

/** Why a path is not read: a symbolic link, not a regular file, or too large; undefined when fine. */
function refusalSync(path: string): string | undefined {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return LINK;
  if (!st.isFile()) return 'is not a regular file';
  if (st.size > MAX_FILE_BYTES) return `is larger than ${MAX_FILE_BYTES} bytes`;
  return undefined;
}

const refusal = async (path: string) => refusalSync(path);

/** One buffer for every workflow read (grown up to MAX_FILE_BYTES + 1, to tell a too-large file). */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a file the directory listing named a regular file, without following a link: one open
 * (O_NOFOLLOW; O_NONBLOCK so a FIFO swapped in cannot hang the check), the reads, one close. No stat:
 * the reads stop past MAX_FILE_BYTES, so whatever the entry became, at most that much is read.
 */
function readRegularFile(file: string, path: string): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOOP') throw new Error(`${path} ${LINK}`, { cause: err });
    throw err;
  }
  try {
    let len = 0;
    for (;;) {
      if (len === scratch.length) {
        const grown = Buffer.allocUnsafe(Math.min(scratch.length * 2, MAX_FILE_BYTES + 1));
        scratch.copy(grown, 0, 0, len);
        scratch = grown;
      }
      const n = readSync(fd, scratch, len, scratch.length - len, null);
      if (n === 0) break;
      len += n;
      if (len > MAX_FILE_BYTES) throw new Error(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
    }
    return scratch.toString('utf8', 0, len);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads `.github/workflows/*.yml|yaml` below `repoDir` without following links. A refused or
 * unreadable file becomes an error model (reported by `invalid-workflow`), never content.
 * `forDiff` false: models without what only the access diff reads (parseWorkflow).
 */
export async function readWorkflowsSafely(repoDir: string, forDiff = true): Promise<WorkflowModel[]> {
  const dir = join(repoDir, WORKFLOWS_DIR);
  // Each component of `.github/workflows` must be a real directory, not a link out of the repository.
  for (const part of ['.github', WORKFLOWS_DIR]) {
    const st = await lstat(join(repoDir, part)).catch(absentOnly(part));
    if (!st) return [];
    if (st.isSymbolicLink())
      return [
        {
          file: part,
          path: part,
          triggers: [],
          jobs: [],
          error: { message: `${part} is a symbolic link, which stepwarden does not follow`, line: 1 },
        },
      ];
  }
  let entries: Dirent[];
  try {
    entries = (await readdir(dir, { withFileTypes: true })).filter((e) => isWorkflowFileName(e.name));
  } catch (err) {
    // `.github/workflows` that is a file holds no workflow, as on GitHub.
    return absentOnly(WORKFLOWS_DIR)(err) ?? [];
  }
  const models: WorkflowModel[] = [];
  // Synchronous reads: for ~1,500 small files they are several times faster than 1,500 promises.
  // Each file is parsed as soon as it is read, so its text is garbage before the next one is read
  // (peak memory holds models, not every file's text). The directory listing says what each entry
  // is (no lstat per file); the open refuses a link that appeared since (O_NOFOLLOW).
  for (const entry of entries) {
    const name = entry.name;
    const path = `${WORKFLOWS_DIR}/${name}`;
    let text: string;
    try {
      if (entry.isSymbolicLink()) throw new Error(`${path} ${LINK}`);
      if (!entry.isFile()) throw new Error(`${path} is not a regular file`);
      // `dir` is a joined path and `name` a directory entry (no separator, not `.` or `..`): joined
      // by hand, as `join` would, without normalizing the whole path again for every file.
      text = readRegularFile(dir + sep + name, path);
    } catch (err) {
      models.push({
        file: name,
        path,
        triggers: [],
        jobs: [],
        error: { message: `cannot read file: ${(err as Error).message}`, line: 1 },
      });
      continue;
    }
    models.push(parseWorkflow(name, path, text, forDiff));
  }
  return models.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * `DIR/action.yml` (or `action.yaml`) of a local action, read without following a link anywhere on its
 * path (`ActionFileReader`); undefined when there is none (the directory may be made by an earlier step,
 * e.g. a checkout of another repository: what is not in the repository cannot be judged here) or it is
 * not a plain file.
 */
export function directoryActionReader(repoDir: string): ActionFileReader {
  // Each directory's names, read once per reader: a name is taken as the repository holds it, never
  // through the file system's case folding (a macOS checkout finds `TOOLS` for `tools`; Linux does
  // not), so the check answers the same on every machine (session 21).
  const names = new Map<string, readonly string[] | undefined>();
  const namesOf = (rel: string): readonly string[] | undefined => {
    if (!names.has(rel)) {
      const abs = join(repoDir, rel);
      names.set(rel, lstatSync(abs, { throwIfNoEntry: false })?.isDirectory() ? readdirSync(abs) : undefined);
    }
    return names.get(rel);
  };
  const list: DirectoryLister = async (rel) => {
    const n = namesOf(rel);
    return n ? { names: n } : undefined;
  };
  return async (rel) => {
    const parts = rel.split('/').filter((p) => p !== '');
    let dir = repoDir;
    for (const [i, part] of parts.entries()) {
      dir = join(dir, part);
      // Not held under this name: missing (an earlier step may make it), or held in another case.
      if (!namesOf(parts.slice(0, i).join('/'))?.includes(part)) return caseFoldedAction(rel, list);
      const st = lstatSync(dir, { throwIfNoEntry: false });
      if (!st) return undefined;
      const path = parts.slice(0, i + 1).join('/');
      if (st.isSymbolicLink())
        return { path, refused: `${path} is a symbolic link, which stepwarden does not follow` };
      if (!st.isDirectory()) return { path, refused: `${path} is not a directory` };
    }
    for (const name of ['action.yml', 'action.yaml']) {
      if (!namesOf(parts.join('/'))?.includes(name)) continue;
      const file = join(dir, name);
      const st = lstatSync(file, { throwIfNoEntry: false });
      if (!st) continue;
      const path = [...parts, name].join('/');
      if (!st.isFile())
        return {
          path,
          refused: `${path} is ${st.isSymbolicLink() ? 'a symbolic link, which stepwarden does not follow' : 'not a regular file'}`,
        };
      try {
        return { path, text: readRegularFile(file, path) };
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        const own = err instanceof Error && err.message.startsWith(path);
        return { path, refused: own ? err.message : `${path} cannot be read${code ? ` (${code})` : ''}` };
      }
    }
    return caseFoldedAction(parts.join('/'), list);
  };
}

async function readPolicyText(
  path: string,
  what: string,
  fix: string,
  code = 'ERR_MANIFEST_INVALID',
): Promise<string> {
  let why: string | undefined;
  try {
    why = await refusal(path);
  } catch {
    why = 'does not exist or cannot be read';
  }
  if (why === undefined) {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      why = `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
    }
  }
  throw new ManifestError([{ file: path, line: 1, message: `the ${what} ${why}`, fix }], code);
}

/** Reads and validates an organization policy file (also used by the broker's config). */
export async function readOrgPolicyFile(path: string): Promise<Loaded<OrgPolicy>> {
  const text = await readPolicyText(
    path,
    'organization policy',
    'check the --org-policy path',
    'ERR_ORG_POLICY_INVALID',
  );
  return loadOrgPolicy(text, path);
}

/** Loads everything and runs the check. Manifest problems throw ManifestError (exit 2 at the edge). */
export async function checkDirectory(opts: CheckOptions): Promise<CheckResult> {
  const manifestPath = opts.manifest ?? join(opts.dir, MANIFEST_PATH);
  // Findings name repository-relative paths, so SARIF and annotations resolve inside the repository.
  const file = relative(opts.dir, manifestPath) || manifestPath;
  if (!opts.manifest && (await lstat(join(opts.dir, '.github')).catch(() => undefined))?.isSymbolicLink())
    throw new ManifestError([
      {
        file,
        line: 1,
        message: '.github is a symbolic link, which stepwarden does not follow',
        fix: 'make .github a directory of the repository',
      },
    ]);
  let text: string;
  try {
    text = await readPolicyText(
      manifestPath,
      'access manifest',
      'run `stepwarden init` to write one that declares what the workflows hold today',
    );
  } catch (err) {
    if (err instanceof ManifestError && !(await exists(manifestPath)))
      throw new ManifestError(
        [
          {
            file,
            line: 1,
            message: 'no access manifest here',
            fix: 'run `stepwarden init` to write one that declares what the workflows hold today',
          },
        ],
        'ERR_MANIFEST_MISSING',
      );
    throw err;
  }
  // The workflows first, then the manifest: the manifest is 64,000 lines in a large repository, all
  // of it kept; parsed first, its promotion started V8's incremental marking during the workflow
  // reads, and every tree read while marking ran was kept until it ended (about 15 MB more peak RSS).
  const workflows = await withCompositeActions(
    // The rules read nothing of what only the diff reads (model.ts DIFF_ONLY_JOB_FIELDS).
    await readWorkflowsSafely(opts.dir, false),
    directoryActionReader(opts.dir),
  );
  const manifest = loadManifest(text, file);
  const org = opts.orgPolicyText
    ? loadOrgPolicy(opts.orgPolicyText.text, opts.orgPolicyText.file)
    : opts.orgPolicy
      ? await readOrgPolicyFile(opts.orgPolicy)
      : undefined;
  return runCheck({ workflows, manifest, ...(org ? { org } : {}) });
}

/**
 * A path that is not there (ENOENT; ENOTDIR: a file where a directory would be) reads as absent;
 * any other error (EACCES, EIO, ELOOP) is thrown, naming the path. Session 43: an unreadable
 * `.github` or `.github/workflows` read as "no workflows" made the diff report every job of the head
 * removed ("narrowed", exit 0 under --fail-on widened) and the check pass a repository it never read.
 */
export const absentOnly =
  (path: string) =>
  (err: unknown): undefined => {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new Error(`cannot read ${path}: ${(err as Error).message}`, { cause: err });
  };

/** Whether `path` is there; a path that cannot be looked at is thrown (`absentOnly`), not "absent". */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    (err: unknown) => absentOnly(path)(err) ?? false,
  );
}
