/**
 * The repository's files as one digest: a source of every value a job computes from a step's output
 * (a secret name, an environment, where stepwarden's steps send the OIDC token, read from `steps` or
 * `needs`). That output is written at run time by code the repository holds and the workflow text
 * does not show: a script a `run:` calls, a local JavaScript or Docker action's files, a script beside
 * a composite action, or anything those read. Which files that is cannot be known from the text, so
 * every file counts (session 32): a pull request that changes any of them may move the value. The
 * workflow files and the manifest count too (session 33): a script may read them as data, and the
 * diff compares only the parts it knows of them.
 * Each source lists the files with git's blob ids (a directory computes them), so a directory and a
 * ref of one state agree.
 */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../digest/sha256.js';
import type { ActionRef, WorkflowModel } from '../workflow/model.js';
import { ownAction, TOKEN_SENDERS } from '../workflow/own-action.js';
import { blobId } from './local-gate.js';

export interface FileEntry {
  readonly path: string;
  /** git's mode: 100644, 100755 (executable), 120000 (a link), 160000 (a submodule). */
  readonly mode: string;
  readonly sha: string;
}

/** Files a directory walk lists before it gives up (the digest is then one no other state has). */
export const MAX_REPO_FILES = 200_000;
/**
 * Bytes a directory walk reads before it gives up, counted from each file's lstat before any is read
 * (session 33): a multi-GiB file in a checkout is neither read nor held in memory.
 */
export const MAX_REPO_BYTES = 1024 * 1024 * 1024;

/**
 * Whether a job of these workflows computes a value from a step's or a needed job's output, or a
 * stepwarden step of a local composite action it runs computes where it sends the token (snapshot.ts
 * tokenSinks).
 */
export function readsRunTimeOutputs(workflows: readonly WorkflowModel[]): boolean {
  return workflows.some((w) =>
    w.jobs.some((j) => j.readsSteps || j.readsNeeds || j.actions.some(computedInnerSink)),
  );
}

const computedInnerSink = (a: ActionRef): boolean => {
  if (!a.via) return false;
  const name = ownAction(a.uses);
  if (!name || !TOKEN_SENDERS.has(name)) return false;
  const w = a.via.with;
  return (
    a.via.withExpression !== undefined ||
    !!w?.['broker-url']?.value.includes('${{') ||
    !!w?.['oidc-audience']?.value.includes('${{')
  );
};

/** One digest of the files (path, mode, blob id), in path order. */
export function repositoryFilesDigest(files: Iterable<FileEntry>): string {
  const lines: string[] = [];
  // NUL ends a path (no path holds one), so no two listings give one text.
  for (const f of files) lines.push(`${f.path}\0${f.mode} ${f.sha}`);
  return sha256Hex(lines.sort().join('\0'));
}

/**
 * What a state whose files cannot all be listed has: a digest no other state has (its label), so a
 * value computed from run-time outputs shows as changed rather than unchanged.
 */
export const unlistedFiles = (label: string): string => `unlisted ${label}`;

/**
 * The files of a directory state, as git would list them: links by their target (never followed),
 * `.git` at the root left out, and what is neither a file, a link nor a directory (a FIFO, a socket)
 * by its kind, never opened. Over MAX_REPO_FILES files or MAX_REPO_BYTES bytes, unlisted.
 */
export async function directoryFilesDigest(dir: string, label: string): Promise<string> {
  const files: FileEntry[] = [];
  let bytes = 0;
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await readdir(join(dir, rel))).sort()) {
      if (rel === '' && name === '.git') continue;
      const path = rel ? `${rel}/${name}` : name;
      const abs = join(dir, path);
      const st = await lstat(abs);
      if (st.isDirectory()) await walk(path);
      else {
        if (files.length >= MAX_REPO_FILES) throw new Error('too many files');
        if (st.isSymbolicLink())
          files.push({ path, mode: '120000', sha: blobId(Buffer.from(await readlink(abs))) });
        else if (st.isFile()) {
          if ((bytes += st.size) > MAX_REPO_BYTES) throw new Error('too many bytes');
          files.push({ path, mode: st.mode & 0o111 ? '100755' : '100644', sha: blobId(await readFile(abs)) });
        } else files.push({ path, mode: 'other', sha: String(st.mode) });
      }
    }
  };
  try {
    await walk('');
  } catch {
    return unlistedFiles(label);
  }
  return repositoryFilesDigest(files);
}
