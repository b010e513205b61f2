/**
 * I/O edge of the diff: a repository state from a directory, or from a git ref of the current
 * repository read with `git ls-tree` / `git show` (no checkout, nothing of the ref is executed).
 */
import { execFile } from 'node:child_process';
import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { loadManifest, loadOrgPolicy } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH, type Manifest, type OrgPolicy } from '../manifest/schema.js';
import { absentOnly, directoryActionReader, readWorkflowsSafely } from '../check/load.js';
import { withCompositeActions, type ActionFileReader } from '../workflow/composite.js';
import type { DirectoryLister } from '../workflow/case-fold.js';
import { parseWorkflows, WORKFLOWS_DIR } from '../workflow/load.js';
import type { WorkflowModel } from '../workflow/model.js';
import { crossChecked } from './cross-check.js';
import { blobId, gateFileDirs, localGates } from './local-gate.js';
import {
  directoryFilesDigest,
  readsRunTimeOutputs,
  repositoryFilesDigest,
  unlistedFiles,
  type FileEntry,
} from './repo-files.js';
import {
  heldActionProblem,
  MAX_FILE_BYTES,
  selectWorkflowEntries,
  unreadableFile,
  type TreeEntry,
} from './entries.js';

const run = promisify(execFile);

/** A file of the state that exists but cannot be read as what it claims to be, and why. */
export interface Unjudged {
  readonly message: string;
  readonly line: number;
}

export interface RepoState {
  readonly label: string;
  /** Unreadable workflow files are error models (`error` set), never left out. */
  readonly workflows: WorkflowModel[];
  readonly manifest?: Manifest;
  /** Line of a key path in the manifest file. */
  readonly manifestLineOf?: (path: readonly (string | number)[]) => number;
  /** Set when the state's manifest exists but is invalid or unreadable: the diff cannot judge it. */
  readonly manifestError?: string;
  readonly manifestErrorLine?: number;
  /**
   * The files of each gate the repository carries (local-gate.ts), path -> git blob id; undefined
   * when the source does not list them. `gateFilesError` when it could not (the diff cannot judge).
   */
  readonly gateFiles?: ReadonlyMap<string, string>;
  readonly gateFilesError?: string;
  /**
   * The digest of the repository's files (repo-files.ts), when a job computes a value from a step's or
   * a needed job's output: the code that writes it is among them.
   */
  readonly filesDigest?: string;
  /** The organization policy file, when the diff was asked to compare one (its own repository). */
  readonly orgPolicy?: {
    readonly file: string;
    readonly value?: OrgPolicy;
    readonly lineOf?: (path: readonly (string | number)[]) => number;
    readonly error?: Unjudged;
  };
}

export function manifestOf(
  text: string | undefined,
  label: string,
): Pick<RepoState, 'manifest' | 'manifestLineOf' | 'manifestError' | 'manifestErrorLine'> {
  if (text === undefined) return {};
  try {
    const loaded = loadManifest(text, MANIFEST_PATH);
    return { manifest: loaded.manifest, manifestLineOf: loaded.lineOf };
  } catch (err) {
    if (err instanceof ManifestError)
      return {
        manifestError: `${label}: ${err.message}`,
        manifestErrorLine: err.problems[0]?.line ?? 1,
      };
    throw err;
  }
}

export function orgPolicyOf(text: string | undefined, file: string): NonNullable<RepoState['orgPolicy']> {
  if (text === undefined) return { file };
  try {
    const loaded = loadOrgPolicy(text, file);
    return { file, value: loaded.value, lineOf: loaded.lineOf };
  } catch (err) {
    if (err instanceof ManifestError)
      return { file, error: { message: err.message, line: err.problems[0]?.line ?? 1 } };
    throw err;
  }
}

/** The manifest of a directory state, or why it is not read (the same reasons as in a git tree). */
async function manifestFileOf(dir: string): Promise<{ text?: string } | { problem: string }> {
  for (const part of ['.github', MANIFEST_PATH]) {
    const st = await lstat(join(dir, part)).catch(absentOnly(part));
    if (!st) return {};
    if (st.isSymbolicLink())
      return {
        problem: `${part} is a symbolic link: stepwarden does not follow links, so what it points to is not judged`,
      };
    if (part === MANIFEST_PATH && !st.isFile()) return { problem: `${part} is not a file` };
    if (part === MANIFEST_PATH && st.size > MAX_FILE_BYTES)
      return {
        problem: `${part} is larger than 1 MiB (${st.size} bytes): not read; keep the manifest small`,
      };
  }
  return { text: await readFile(join(dir, MANIFEST_PATH), 'utf8') };
}

async function isDirectory(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** A directory (containing .github/) or, failing that, a git ref of the repository at `repo`. */
export async function readState(spec: string, repo: string): Promise<RepoState> {
  const dir = resolve(repo, spec);
  if (await isDirectory(dir)) {
    // A pull request's checkout is untrusted: read as the check reads it, no link followed (a link
    // named .github/workflows/x.yml or .github/access-manifest.yml would otherwise read a file of the
    // runner into the comment, or make the head's manifest the base's).
    const manifest = await manifestFileOf(dir);
    const workflows = await withCompositeActions(await readWorkflowsSafely(dir), directoryActionReader(dir));
    return {
      label: spec,
      workflows,
      ...(await directoryGateFiles(dir, workflows)),
      ...(readsRunTimeOutputs(workflows) ? { filesDigest: await directoryFilesDigest(dir, spec) } : {}),
      ...('problem' in manifest
        ? { manifestError: `${spec}: ${manifest.problem}`, manifestErrorLine: 1 }
        : manifestOf(manifest.text, spec)),
    };
  }
  return readGitRef(spec, repo);
}

export async function readGitRef(ref: string, repo: string): Promise<RepoState> {
  if (ref.startsWith('-')) throw new Error(`'${ref}' is not a ref`);
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo });
  } catch {
    throw new Error(`'${ref}' is neither a directory nor a commit of the git repository at ${repo}`);
  }
  // `-l` gives mode and size: links, submodules and large files are reported, not read. `-z`: without
  // it git C-quotes a path with a byte outside printable ASCII, `"` or `\` (`".github/workflows/d\303\251ploy.yml"`),
  // which is then under no directory the diff reads, and such a workflow was never judged (session 13).
  const listing = async (args: string[]) =>
    (await run('git', ['ls-tree', '-l', '-z', ...args], { cwd: repo, maxBuffer: 16 * 1024 * 1024 })).stdout
      .split('\0')
      .filter(Boolean)
      .map((line): TreeEntry => {
        const tab = line.indexOf('\t');
        const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/) as [string, string, string, string];
        return {
          mode,
          type,
          sha,
          path: line.slice(tab + 1),
          ...(size !== '-' ? { size: Number(size) } : {}),
        };
      });
  const entries = [
    ...(await listing([ref, '--', '.github', MANIFEST_PATH])),
    ...(await listing(['-r', ref, '--', `${WORKFLOWS_DIR}/`])),
    ...(await listing([ref, '--', WORKFLOWS_DIR])),
  ];
  const { toRead, errors } = selectWorkflowEntries(entries);
  const files = await Promise.all(
    toRead.map(async (e) => ({
      path: e.path,
      text: (await run('git', ['cat-file', 'blob', e.sha], { cwd: repo, maxBuffer: 16 * 1024 * 1024 }))
        .stdout,
    })),
  );
  const manifestEntry = entries.find((e) => e.path === MANIFEST_PATH);
  const manifestProblem = unreadableFile(manifestEntry, MANIFEST_PATH);
  const manifestText =
    manifestEntry && !manifestProblem
      ? (await run('git', ['cat-file', 'blob', manifestEntry.sha], { cwd: repo, maxBuffer: 4 * 1024 * 1024 }))
          .stdout
      : undefined;
  const textOf = new Map(files.map((f) => [f.path, f.text]));
  // Local composite actions: `git ls-tree` lists no path through a linked directory, and a linked
  // action file is a blob of mode 120000, which is not read.
  // A directory's names at `ref` (`git ls-tree REF -- DIR/` lists nothing for a file or a link).
  const listed = new Map<string, Promise<{ names: string[] } | undefined>>();
  const list: DirectoryLister = (d) => {
    let hit = listed.get(d);
    if (!hit) {
      hit = listing(d ? [ref, '--', `${d}/`] : [ref]).then((es) => {
        const names = es.map((e) => e.path.slice(e.path.lastIndexOf('/') + 1));
        return d === '' || names.length > 0 ? { names } : undefined;
      });
      listed.set(d, hit);
    }
    return hit;
  };
  const actionFile: ActionFileReader = async (dir) => {
    for (const name of ['action.yml', 'action.yaml']) {
      const path = dir ? `${dir}/${name}` : name;
      const [e] = await listing([ref, '--', path]);
      if (!e || e.path !== path) continue;
      // The entry answers for its own path only (`action.yaml` held is named so, session 20).
      if (unreadableFile(e, path)) return heldActionProblem(dir, (p) => (p === path ? e : undefined));
      const text = (await run('git', ['cat-file', 'blob', e.sha], { cwd: repo, maxBuffer: 4 * 1024 * 1024 }))
        .stdout;
      return { path, text };
    }
    // Not there: maybe behind a linked directory, which `git ls-tree` does not list through, or named
    // in another case than the tree holds it (session 21).
    return heldActionProblem(
      dir,
      async (p) => (await listing([ref, '--', p])).find((x) => x.path === p),
      list,
    );
  };
  const models = await withCompositeActions(
    parseWorkflows(files).map((m) => crossChecked(m, textOf.get(m.path) ?? '')),
    actionFile,
  );
  const gateDirs = [...localGates(models).keys()].flatMap(gateFileDirs);
  const gateFiles = new Map(
    gateDirs.length
      ? (await listing(['-r', ref, '--', ...gateDirs.map((d) => `${d}/`)])).map(
          (e) => [e.path, e.sha] as const,
        )
      : [],
  );
  return {
    label: ref,
    workflows: [...models, ...errors],
    gateFiles,
    ...(readsRunTimeOutputs(models) ? { filesDigest: await gitFilesDigest(ref, repo) } : {}),
    ...(manifestProblem
      ? { manifestError: `${ref}: ${manifestProblem}`, manifestErrorLine: 1 }
      : manifestOf(manifestText, ref)),
  };
}

/** The files of a git ref (repo-files.ts): every blob, link and submodule of its tree. */
async function gitFilesDigest(ref: string, repo: string): Promise<string> {
  let out: string;
  try {
    out = (await run('git', ['ls-tree', '-r', '-z', ref], { cwd: repo, maxBuffer: 256 * 1024 * 1024 }))
      .stdout;
  } catch {
    return unlistedFiles(ref);
  }
  const files: FileEntry[] = [];
  for (const line of out.split('\0')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const [mode, , sha] = line.slice(0, tab).split(' ') as [string, string, string];
    files.push({ path: line.slice(tab + 1), mode, sha });
  }
  return repositoryFilesDigest(files);
}

/** Files a listing of a gate's directories may hold before the diff gives up on it (fail closed). */
const MAX_GATE_FILES = 5000;

/**
 * The files of each local gate of a directory state, with git's blob ids (a link by its target, as
 * git stores it; never followed), so a directory and a ref of one state agree.
 */
async function directoryGateFiles(
  dir: string,
  workflows: readonly WorkflowModel[],
): Promise<Pick<RepoState, 'gateFiles' | 'gateFilesError'>> {
  const files = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    const st = await lstat(join(dir, rel)).catch(() => undefined);
    if (!st) return;
    if (files.size >= MAX_GATE_FILES)
      throw new Error(`more than ${MAX_GATE_FILES} files under the gate's directories`);
    if (st.isSymbolicLink()) files.set(rel, blobId(Buffer.from(await readlink(join(dir, rel)))));
    else if (st.isFile()) files.set(rel, blobId(await readFile(join(dir, rel))));
    else if (st.isDirectory())
      for (const name of (await readdir(join(dir, rel))).sort()) await walk(`${rel}/${name}`);
  };
  try {
    for (const root of localGates(workflows).keys()) for (const d of gateFileDirs(root)) await walk(d);
  } catch (err) {
    return {
      gateFilesError: `the files of the gate this repository carries cannot be listed: ${(err as Error).message}`,
    };
  }
  return { gateFiles: files };
}
