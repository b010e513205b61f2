/**
 * I/O edge of the check: read workflows, the manifest and the org policy from disk, then run the pure
 * check. Under `pull_request_target` the files come from an untrusted pull request head, so nothing
 * here follows a symbolic link: a link named `.github/workflows/x.yml` pointing at a runner file would
 * otherwise have its content quoted in a parse error, in public annotations.
 */
import { lstatSync, readdirSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isWorkflowFileName, WORKFLOWS_DIR } from '../workflow/file-name.js';
import { LINK, MAX_FILE_BYTES, readRegularFile, readWorkflowFile, unreadWorkflow } from './read-workflow.js';
import { READ_WORKER_SHARE, takeReadWorker, type ReadWorker } from './read-worker.js';
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

export { MAX_FILE_BYTES };

/** Why a path is not read: a symbolic link, not a regular file, or too large; undefined when fine. */
function refusalSync(path: string): string | undefined {
  const st = lstatSync(path);
  if (st.isSymbolicLink()) return LINK;
  if (!st.isFile()) return 'is not a regular file';
  if (st.size > MAX_FILE_BYTES) return `is larger than ${MAX_FILE_BYTES} bytes`;
  return undefined;
}

const refusal = async (path: string) => refusalSync(path);

/**
 * Reads `.github/workflows/*.yml|yaml` below `repoDir` without following links. A refused or
 * unreadable file becomes an error model (reported by `invalid-workflow`), never content.
 * `forDiff` false: models without what only the access diff reads (parseWorkflow). `reader`: a
 * reading thread started for this repository (read-worker.ts; it parses as `forDiff` false, so it is
 * handed only then), which takes part of the files; `meanwhile` runs on this thread once its own
 * share is read, before it waits for the thread's (the check parses its manifest there).
 */
export async function readWorkflowsSafely(
  repoDir: string,
  forDiff = true,
  reader?: ReadWorker,
  meanwhile?: () => void,
): Promise<WorkflowModel[]> {
  if (reader && forDiff) throw new Error('the reading thread parses models for the check only');
  const dir = join(repoDir, WORKFLOWS_DIR);
  // Each component of `.github/workflows` must be a real directory, not a link out of the repository.
  for (const part of ['.github', WORKFLOWS_DIR]) {
    const st = await lstat(join(repoDir, part)).catch(() => undefined);
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
  } catch {
    return [];
  }
  const models: WorkflowModel[] = [];
  // The regular files; links and other entries become error models here (the listing says what each
  // entry is: no lstat per file; the open refuses a link that appeared since, O_NOFOLLOW).
  const names: string[] = [];
  for (const entry of entries) {
    const name = entry.name;
    if (entry.isSymbolicLink())
      models.push(unreadWorkflow(name, new Error(`${WORKFLOWS_DIR}/${name} ${LINK}`)));
    else if (!entry.isFile())
      models.push(unreadWorkflow(name, new Error(`${WORKFLOWS_DIR}/${name} is not a regular file`)));
    else names.push(name);
  }
  // A reading thread, when one was started for this repository, takes the first part of the files
  // while this thread reads the rest: the models are the same either way (the same function), and the
  // sort below orders them by path whoever read them.
  const split = reader ? Math.floor(names.length * READ_WORKER_SHARE) : 0;
  const theirs = reader?.read(names.slice(0, split));
  // Awaited below; should this thread's own work throw first, the thread's failure is not a second,
  // unhandled one, and the thread is stopped (it would keep the process alive to finish its reads).
  theirs?.catch(() => undefined);
  try {
    // Synchronous reads: for ~1,500 small files they are several times faster than 1,500 promises.
    for (let i = split; i < names.length; i++) models.push(readWorkflowFile(dir, names[i]!, forDiff));
    meanwhile?.();
  } catch (err) {
    reader?.stop();
    throw err;
  }
  if (theirs) for (const model of await theirs) models.push(model);
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
  // With a reading thread (a large repository, read-worker.ts), this thread parses the manifest once
  // its own share is read, while the thread finishes its share: the same order for this thread's
  // workflow trees, and the manifest off the critical path.
  const reader = takeReadWorker(opts.dir);
  let manifest: ReturnType<typeof loadManifest> | undefined;
  const workflows = await withCompositeActions(
    // The rules read nothing of what only the diff reads (model.ts DIFF_ONLY_JOB_FIELDS).
    await readWorkflowsSafely(
      opts.dir,
      false,
      reader,
      reader &&
        (() => {
          manifest = loadManifest(text, file);
        }),
    ),
    directoryActionReader(opts.dir),
  );
  manifest ??= loadManifest(text, file);
  const org = opts.orgPolicyText
    ? loadOrgPolicy(opts.orgPolicyText.text, opts.orgPolicyText.file)
    : opts.orgPolicy
      ? await readOrgPolicyFile(opts.orgPolicy)
      : undefined;
  return runCheck({ workflows, manifest, ...(org ? { org } : {}) });
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}
