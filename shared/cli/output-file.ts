/**
 * Writing a report, SARIF file or trail copy the user named: whole or not at all. A temporary file
 * beside the target, then a rename, so a reader never sees half a report and a failed write leaves the
 * old file as it was. Three things a plain `writeFile(tmp); rename(tmp, target)` gets wrong:
 * - a target that is not a regular file (`--output /dev/stdout`, a FIFO, a terminal, `/dev/null`) would
 *   be replaced by a plain file (as root: the device node itself); it is written in place instead;
 * - a link to a regular file would be replaced by a file; the file it names is replaced, the link kept;
 * - a fixed temporary name (`out.tmp`) in a shared folder is a path another user can plant a link at,
 *   redirecting the write; the temporary name is unpredictable and created exclusively.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where the bytes go: the target itself (not a regular file), or a temporary file renamed onto it. */
async function plan(
  path: string,
  mkdirs: boolean,
): Promise<{ inPlace: true } | { inPlace: false; target: string }> {
  // stat follows links: what the path names in the end decides.
  const st = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  });
  if (st?.isDirectory()) throw new Error(`${path} is a directory; give a file path`);
  if (st && !st.isFile()) return { inPlace: true };
  const target = st ? await realpath(path) : path;
  if (mkdirs) await mkdir(dirname(target), { recursive: true });
  return { inPlace: false, target };
}

const WHY: Record<string, string> = {
  ENOENT: 'its folder does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENOTDIR: 'a part of the path is not a folder',
};

/** The user's path and the reason, not the temporary name the failure happened on. */
function cannotWrite(path: string, err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code ? `${code}: ${WHY[code] ?? (err as Error).message}` : (err as Error).message;
  return new Error(`cannot write ${path} (${why})`, { cause: err });
}

const tmpName = (target: string) => `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;

/** plan(), with an I/O failure named by the user's path. */
const planFor = (path: string, mkdirs: boolean) =>
  plan(path, mkdirs).catch((err: unknown) => {
    throw (err as NodeJS.ErrnoException).code ? cannotWrite(path, err) : err;
  });

/**
 * `mkdirs`: create the target's folder. `durable`: the bytes are on disk (fsync) before the rename, so a
 * crash leaves the old file or the new one, never an empty one (a manifest `init` writes).
 */
export async function writeOutputFile(
  path: string,
  text: string,
  opts: { mkdirs?: boolean; durable?: boolean } = {},
): Promise<void> {
  const p = await planFor(path, opts.mkdirs ?? false);
  const tmp = p.inPlace ? path : tmpName(p.target);
  try {
    if (p.inPlace) await writeFile(path, text);
    else {
      const fh = await open(tmp, 'wx', 0o644);
      try {
        await fh.writeFile(text);
        if (opts.durable) await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, p.target);
    }
  } catch (err) {
    if (!p.inPlace) await rm(tmp, { force: true });
    throw cannotWrite(path, err);
  }
}

/** A stream to the output, for reports too large to hold: `commit()` once written, else `abort()`. */
export interface OutputStream {
  readonly stream: WriteStream;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openOutputStream(path: string, opts: { mkdirs?: boolean } = {}): Promise<OutputStream> {
  const p = await planFor(path, opts.mkdirs ?? false);
  const file = p.inPlace ? path : tmpName(p.target);
  const stream = createWriteStream(file, { flags: p.inPlace ? 'w' : 'wx', mode: 0o644 });
  // Kept, not thrown from an event: commit() reports it with the user's path.
  let failure: Error | undefined;
  stream.on('error', (err) => (failure ??= err));
  const ended = () =>
    new Promise<void>((resolve, reject) =>
      stream.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
  return {
    stream,
    async commit() {
      try {
        await ended();
        if (failure) throw failure;
        if (!p.inPlace) await rename(file, p.target);
      } catch (err) {
        throw cannotWrite(path, err);
      }
    },
    async abort() {
      // The open may still be on libuv's pool: a remove that ran before it would leave the file
      // it creates behind (about 3 % of aborts right after opening), so it waits for the close.
      const closed = new Promise<void>((resolve) =>
        stream.closed ? resolve() : stream.once('close', resolve),
      );
      stream.destroy();
      await closed;
      if (!p.inPlace) await rm(file, { force: true });
    },
  };
}
