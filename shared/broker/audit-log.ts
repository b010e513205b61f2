/**
 * The broker's audit log: one AuditEvent JSON line per decision, appended in order. Lines are
 * built from plain fields only, so a credential or token cannot reach the log by construction.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AUDIT_EVENT_VERSION, actorFromLogin, type AuditEvent } from '../audit/event.js';
import type { GithubOidcClaims } from '../oidc/claims.js';
import { INVISIBLE } from '../render/escape.js';

/** Longest string kept in an audit field (the human `detail` gets more room), and longest line. */
export const MAX_AUDIT_FIELD = 256;
export const MAX_AUDIT_DETAIL = 1024;
export const MAX_AUDIT_LINE = 4096;
const MAX_DEPTH = 4;
const MAX_ITEMS = 32;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 14)}…[${s.length}ch]`;
}

/** Bounds a nested value: strings, array lengths, object widths and depth. */
function boundValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return clip(v, MAX_AUDIT_FIELD);
  if (v === null || typeof v !== 'object') return v;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => boundValue(x, depth + 1));
  const out: Record<string, unknown> = {};
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length && i < MAX_ITEMS; i++)
    out[clip(keys[i]!, 64)] = boundValue((v as Record<string, unknown>)[keys[i]!], depth + 1);
  return out;
}

/** Whether boundValue(v, depth) would return a value equal to v (serialized the same), without copying. */
function fits(v: unknown, depth: number): boolean {
  if (typeof v === 'string') return v.length <= MAX_AUDIT_FIELD;
  if (v === null || typeof v !== 'object') return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(v)) {
    if (v.length > MAX_ITEMS) return false;
    for (let i = 0; i < v.length; i++) if (!fits(v[i], depth + 1)) return false;
    return true;
  }
  // boundValue copies own keys into a plain object: a Date or other class instance (toJSON, its
  // prototype's fields) would serialize differently, so only plain objects pass.
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(v);
  if (keys.length > MAX_ITEMS) return false;
  for (const k of keys)
    if (k.length > 64 || k === '__proto__' || !fits((v as Record<string, unknown>)[k], depth + 1))
      return false;
  return true;
}

function withinBounds(event: Record<string, unknown>): boolean {
  for (const k of Object.keys(event)) {
    const v = event[k];
    if (k === '__proto__') return false;
    if (k === 'detail' && typeof v === 'string' ? v.length > MAX_AUDIT_DETAIL : !fits(v, 0)) return false;
  }
  return true;
}

/**
 * JSON.stringify leaves U+2028/U+2029, NEL, bidirectional overrides and zero-width characters raw:
 * one line to `split('\n')` is two to a reader honouring Unicode line breaks (Python's splitlines,
 * log shippers), and `cat` of the file shows it reordered. Inside a JSON string each is written out
 * as the \uXXXX escape it decodes from (C0 controls already are), so the value read back is the same.
 */
export function auditJson(value: unknown): string {
  return JSON.stringify(value).replace(INVISIBLE, (c) => {
    let out = '';
    for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return out;
  });
}

/**
 * Attacker-controlled strings (job, step, audience, claims, refusal texts that quote them) reach the
 * log, so every field is bounded and a line never exceeds MAX_AUDIT_LINE bytes: an unauthenticated
 * client cannot grow the log faster than its request rate times a small constant.
 */
export function boundAuditLine(event: Record<string, unknown>): string {
  // Almost every event is already within the bounds: checked without copying it, it is serialized
  // as it is (the copy below would be equal to it, so the bytes are the same).
  if (withinBounds(event)) {
    const line = auditJson(event);
    if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE) return line;
  }
  const bounded: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event))
    bounded[k] = k === 'detail' && typeof v === 'string' ? clip(v, MAX_AUDIT_DETAIL) : boundValue(v, 0);
  let line = auditJson(bounded);
  // Almost every line fits: one native length check (UTF-8 takes at most 3 bytes per UTF-16 unit).
  if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE) return line;
  if (bounded.details !== undefined) {
    bounded.details = { truncated: true };
    line = auditJson(bounded);
  }
  if (Buffer.byteLength(line) > MAX_AUDIT_LINE && typeof bounded.detail === 'string') {
    bounded.detail = clip(bounded.detail, MAX_AUDIT_FIELD);
    line = auditJson(bounded);
  }
  // Multi-byte characters can still overflow: drop optional strings until the line fits.
  for (const k of Object.keys(bounded).reverse()) {
    if (Buffer.byteLength(line) <= MAX_AUDIT_LINE) break;
    if (['v', 'time', 'source', 'type', 'outcome', 'reason'].includes(k)) continue;
    delete bounded[k];
    line = auditJson(bounded);
  }
  return line;
}

const LINE_HEAD = `{"v":${JSON.stringify(AUDIT_EVENT_VERSION)},"time":`;

/**
 * The broker's line for an event: boundAuditLine({ v, time, source: 'broker', ...event }), byte for
 * byte, without that copy for an event within the bounds (almost every one): the event is
 * serialized as it is and the three leading fields written before it (the spread of a grant's
 * fifteen fields into a new object was one of three per line, session 30). Whatever could serialize
 * differently goes through the copy: a key the three would shadow, an integer-like first key (an
 * object orders those first, before `v`), a toJSON, an event that serializes to `{}`.
 */
export function brokerAuditLine(time: string, event: Record<string, unknown>): string {
  const keys = Object.keys(event);
  const first = keys.length ? keys[0]!.charCodeAt(0) : 0;
  if (
    !(first >= 48 && first <= 57) &&
    !Object.hasOwn(event, 'v') &&
    !Object.hasOwn(event, 'time') &&
    !Object.hasOwn(event, 'source') &&
    !('toJSON' in event) &&
    time.length <= MAX_AUDIT_FIELD &&
    withinBounds(event)
  ) {
    const body = auditJson(event);
    if (body.length > 2) {
      const line = `${LINE_HEAD}${auditJson(time)},"source":"broker",${body.slice(1)}`;
      if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE) return line;
    }
  }
  return boundAuditLine({ v: AUDIT_EVENT_VERSION, time, source: 'broker', ...event });
}

export interface AuditSink {
  write(event: Omit<AuditEvent, 'v' | 'time' | 'source'>): void;
  /** Resolves when every line so far is on disk (the write-ahead point each grant waits for). */
  flush(): Promise<void>;
  /** At shutdown: also let best-effort copies (the webhook) deliver what they hold; default flush. */
  drain?(): Promise<void>;
}

/** The sink could not put a line on disk: the broker refuses to grant until it can. */
export class AuditSinkError extends Error {
  readonly code = 'ERR_AUDIT_UNAVAILABLE';
}

/** One open of the audit file for one batch: what the sink needs of the file system. */
export interface AuditFileHandle {
  /** Size before the batch: a batch that fails is cut back to it, so no torn or doubled line stays. */
  size(): Promise<number>;
  append(data: string): Promise<void>;
  datasync(): Promise<void>;
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
  /** The open file's hard links (0: deleted under the sink, its batch in no file); absent: not judged. */
  links?(): Promise<number>;
  /**
   * Whether the path still names the open file (same device and inode); false: renamed or replaced
   * under the sink (rotation), the batch perhaps in a copy already read. Absent: not judged.
   */
  atPath?(): Promise<boolean>;
}

/**
 * The file system under the sink. `open` appends (O_APPEND); with `create` false a missing file is an
 * ENOENT error, so the sink knows when it created the file and must make its directory entry durable.
 * Tests replace it to inject failures a real disk gives only rarely (an fsync's EIO).
 */
export interface AuditFileIo {
  open(path: string, create: boolean): Promise<AuditFileHandle>;
  syncDir(dir: string): Promise<void>;
  /**
   * The whole batch in one call, with the same steps and guarantees as the sink's own sequence over
   * open/syncDir/size/append/datasync/truncate/close (see fileAuditSink): resolves once `data` is
   * fdatasync'd, else rejects with the step's error and leaves the file cut back to its size before
   * the batch. `entryPending`: the folder entry of a file the sink created is not yet known durable;
   * returns whether it still is not. Optional: an io without it gets the step-by-step sequence.
   */
  persist?(path: string, dir: string, data: string, entryPending: boolean): Promise<PersistResult>;
}

/**
 * A durable batch: `entryPending` as above; `ino` and `start` (the file's inode and its size before
 * the batch) let the sink see the file truncated under it (copytruncate) between two batches; `born`
 * (its birth time, ms, where the file system keeps one) tells a new file that got a freed inode back
 * (the log deleted and created again) from the same file truncated.
 */
export interface PersistResult {
  readonly entryPending: boolean;
  readonly ino?: number;
  readonly start?: number;
  readonly born?: number;
  /** The file was deleted once open (its link count 0 after the batch): the batch is in no file. */
  readonly unlinked?: boolean;
  /**
   * The path named another file, or none, once the batch was durable (renamed by rotation): the batch
   * is in the renamed file, which logrotate's `compress` without `delaycompress` may have read before
   * the batch landed and then deleted. The sink writes the batch again at the path (session 41).
   */
  readonly renamed?: boolean;
}

/**
 * How the audit file and its folder are opened, by both ways of writing a batch (the writer thread
 * gets these numbers with each batch, so the two cannot drift apart): the file appended to (created
 * 0600 when missing; never through a link, O_NOFOLLOW; a FIFO answers ENXIO, O_NONBLOCK, and whatever
 * is not a regular file is refused once open), the folder read-only for its fsync.
 */
const AUDIT_APPEND =
  constants.O_WRONLY | constants.O_APPEND | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const AUDIT_OPEN = {
  open: AUDIT_APPEND,
  create: AUDIT_APPEND | constants.O_CREAT,
  mode: 0o600,
  dir: constants.O_RDONLY | (constants.O_DIRECTORY ?? 0),
} as const;

/**
 * The batch's steps as one synchronous job on a thread of its own: the main thread sees one message
 * per batch instead of five file-system completions (open, fstat, write, fdatasync, close), each of
 * which waited its turn in an event loop busy with a burst (about 90-150 ms per batch on a loaded
 * 2-core machine, against 2-3 ms for the steps themselves; every grant waits for its batch). Plain
 * JavaScript evaluated in the worker, with dynamic imports only: it runs the same whether the worker
 * evaluates it as CommonJS (the bundle) or as a module (a parent started with --input-type=module).
 */
export const PERSIST_FUNCTION = `function persist(fs, path, dir, data, entryPending, how) {
  let fd;
  try {
    fd = fs.openSync(path, how.open, how.mode);
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
    fd = fs.openSync(path, how.create, how.mode);
    entryPending = true;
  }
  let start;
  let ino;
  let born;
  let unlinked = false;
  let renamed = false;
  try {
    const st = fs.fstatSync(fd);
    ino = st.ino;
    born = st.birthtimeMs;
    if (!st.isFile())
      throw Object.assign(new Error('the audit log ' + path + ' is not a regular file'), { code: 'ERR_AUDIT_LOG_PATH' });
    if (entryPending) {
      const d = fs.openSync(dir, how.dir);
      try { fs.fsyncSync(d); } finally { fs.closeSync(d); }
      entryPending = false;
    }
    start = fs.fstatSync(fd).size;
    const buf = Buffer.from(data, 'utf8');
    for (let off = 0; off < buf.length; ) off += fs.writeSync(fd, buf, off, buf.length - off);
    fs.fdatasyncSync(fd);
    const done = fs.fstatSync(fd);
    unlinked = done.nlink === 0;
    if (!unlinked) {
      // What the path names now: not this file (or nothing, or a stat that fails) is judged renamed.
      let at;
      try { at = fs.lstatSync(path); } catch {}
      renamed = !at || at.ino !== done.ino || at.dev !== done.dev;
    }
  } catch (err) {
    if (start !== undefined) try { fs.ftruncateSync(fd, start); } catch {}
    err.entryPending = entryPending;
    throw err;
  } finally {
    try { fs.closeSync(fd); } catch {}
  }
  return { entryPending, ino, start, born, unlinked, renamed };
}`;
const PERSIST_WORKER = `
${PERSIST_FUNCTION}
Promise.all([import('node:worker_threads'), import('node:fs')]).then(([{ parentPort }, fs]) => parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, ok: true, ...persist(fs, m.path, m.dir, m.data, m.entryPending, m.how) });
  } catch (err) {
    parentPort.postMessage({ id: m.id, ok: false, code: err && err.code, message: String(err && err.message || err), entryPending: err && err.entryPending !== undefined ? err.entryPending : m.entryPending });
  }
}));
`;

interface PersistReply {
  id: number;
  ok: boolean;
  entryPending: boolean;
  ino?: number;
  start?: number;
  born?: number;
  unlinked?: boolean;
  renamed?: boolean;
  code?: string;
  message?: string;
}

/** One writer thread per process (unref'd: it never keeps the process alive), made on first use. */
let writer:
  | { worker: Worker; pending: Map<number, { ok: (p: PersistResult) => void; fail: (e: Error) => void }> }
  | undefined;
let nextPersistId = 0;

function persistOffThread(
  path: string,
  dir: string,
  data: string,
  entryPending: boolean,
): Promise<PersistResult> {
  if (!writer) {
    const worker = new Worker(PERSIST_WORKER, { eval: true });
    worker.unref();
    const w = {
      worker,
      pending: new Map<number, { ok: (p: PersistResult) => void; fail: (e: Error) => void }>(),
    };
    writer = w;
    worker.on('message', (r: PersistReply) => {
      const p = w.pending.get(r.id);
      if (!p) return;
      w.pending.delete(r.id);
      if (w.pending.size === 0) worker.unref();
      if (r.ok)
        p.ok({
          entryPending: r.entryPending,
          ino: r.ino,
          start: r.start,
          born: r.born,
          ...(r.unlinked ? { unlinked: true } : {}),
          ...(r.renamed ? { renamed: true } : {}),
        });
      else
        p.fail(
          Object.assign(
            r.code === 'ERR_AUDIT_LOG_PATH'
              ? new AuditPathError(r.message ?? 'the audit log is not a regular file')
              : Object.assign(new Error(r.message ?? 'audit write failed'), { code: r.code }),
            { entryPending: r.entryPending },
          ),
        );
    });
    // A writer that dies fails what it held (those batches are retried) and is made anew next time.
    const gone = (err: Error) => {
      if (writer === w) writer = undefined;
      for (const p of w.pending.values()) p.fail(err);
      w.pending.clear();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the audit writer thread exited (${code})`)));
  }
  const w = writer;
  const id = ++nextPersistId;
  // Referenced while it holds a batch: a process awaiting its last flush must not exit before it.
  if (w.pending.size === 0) w.worker.ref();
  return new Promise<PersistResult>((ok, fail) => {
    w.pending.set(id, { ok, fail });
    w.worker.postMessage({ id, path, dir, data, entryPending, how: AUDIT_OPEN });
  });
}

/** The audit log's path is unsafe (checked at start, and at every open for the file itself). */
export class AuditPathError extends Error {
  readonly code = 'ERR_AUDIT_LOG_PATH';
  constructor(message: string) {
    super(message);
    this.name = 'AuditPathError';
  }
}

/**
 * Refuses, at start, an audit log path another user could redirect: the file itself a symbolic link
 * or not a regular file, or any directory on the way to it (through every link, to the real folder)
 * writable by every user without the sticky bit, or owned by a user other than root and the broker's;
 * a link on the way owned by such a user too. The write-ahead log is the record a grant waits for: a
 * link planted there (or in a folder above) sends it wherever its planter likes, and the next batch
 * would follow. Group-writable folders are the operator's choice (a volume shared through a group).
 * Creates missing folders first, as the sink does. Not on Windows (no POSIX modes).
 */
export async function checkAuditLogPath(path: string): Promise<void> {
  if (process.platform === 'win32') return;
  const file = resolve(path);
  const fail = (what: string, fix: string) => new AuditPathError(`the audit log ${file}: ${what}; ${fix}`);
  await mkdir(dirname(file), { recursive: true }).catch(() => undefined);
  const me = process.getuid?.() ?? 0;
  const trusted = (uid: number) => uid === 0 || uid === me;
  let hops = 0;
  /** Walks `p` from the root; returns its real path, every folder and link on the way judged. */
  const walk = async (p: string): Promise<string> => {
    let cur: string = sep;
    const judge = async (dir: string) => {
      const st = await lstat(dir);
      if (!st.isDirectory()) throw fail(`${dir} is not a folder`, 'point `audit` at a file in a folder');
      if (st.mode & 0o002 && !(st.mode & 0o1000))
        throw fail(
          `the folder ${dir} is writable by every user (mode 0${(st.mode & 0o7777).toString(8)}), so anyone can plant a link that redirects the log`,
          `run \`chmod o-w ${dir}\` or put the log in a folder only the broker's user (or root) can write`,
        );
      if (!trusted(st.uid))
        throw fail(
          `the folder ${dir} belongs to uid ${st.uid}, neither root nor the broker's user (${me}), who can redirect the log`,
          `put the log in a folder owned by root or uid ${me}`,
        );
    };
    await judge(cur);
    for (const part of resolve(p).split(sep).filter(Boolean)) {
      const next = join(cur, part);
      const st = await lstat(next);
      if (st.isSymbolicLink()) {
        if (++hops > 40) throw fail(`too many symbolic links on the way to ${next}`, 'use the real path');
        if (!trusted(st.uid))
          throw fail(
            `the symbolic link ${next} belongs to uid ${st.uid}, neither root nor the broker's user (${me})`,
            `use the real path of the folder, or remove the link`,
          );
        cur = await walk(resolve(cur, await readlink(next)));
      } else {
        await judge(next);
        cur = next;
      }
    }
    return cur;
  };
  const real = await walk(dirname(file));
  const target = join(real, file.slice(dirname(file).length + 1));
  let st;
  try {
    st = await lstat(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (st.isSymbolicLink())
    throw fail(
      'it is a symbolic link, which would redirect every line written to it',
      `remove the link and let the broker create the file, or set \`audit\` to the real path`,
    );
  if (!st.isFile())
    throw fail('it is not a regular file (a FIFO, device or folder)', 'point `audit` at a regular file');
}

export const nodeAuditFileIo: AuditFileIo = {
  persist: persistOffThread,
  async open(path, create) {
    // O_NOFOLLOW: a link planted at the path after start fails the batch (an ALARM, grants refused)
    // instead of redirecting it; O_NONBLOCK: a FIFO put there answers ENXIO instead of hanging.
    const h = await open(path, create ? AUDIT_OPEN.create : AUDIT_OPEN.open, AUDIT_OPEN.mode);
    const st = await h.stat().catch(async (err: unknown) => {
      await h.close().catch(() => undefined);
      throw err;
    });
    if (!st.isFile()) {
      await h.close().catch(() => undefined);
      throw new AuditPathError(`the audit log ${path} is not a regular file`);
    }
    return {
      size: async () => (await h.stat()).size,
      // writeFile on a handle loops over short writes; O_APPEND puts every write at the end.
      append: (data) => h.writeFile(data),
      datasync: () => h.datasync(),
      truncate: (size) => h.truncate(size),
      close: () => h.close(),
      links: async () => (await h.stat()).nlink,
      atPath: async () => {
        const [open, named] = await Promise.all([h.stat(), lstat(path).catch(() => undefined)]);
        return named !== undefined && named.ino === open.ino && named.dev === open.dev;
      },
    };
  },
  async syncDir(dir) {
    const d = await open(dir, AUDIT_OPEN.dir);
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  },
};

/**
 * Appends in batches (one write for every line queued while the previous write ran), so a burst
 * costs few syscalls and `flush()` still means "on disk": each batch is opened (O_APPEND), written,
 * `fdatasync`ed and closed before the flushes waiting on it resolve (group commit: one fsync covers
 * every line queued meanwhile, and a flush never waits for a queue that under a sustained burst never
 * runs dry). The file is opened by path for every batch, so a log rotated by rename is followed at
 * the next batch; when the sink creates the file it also fsyncs the folder, or a crash could lose the
 * new file's directory entry with every line in it (that fsync comes before the first line). A failed batch (open, write or fsync) is cut back
 * to the size it started at, keeps its lines for the next try, rejects every waiting `flush()`, and
 * raises one ALARM line per failure episode.
 */
export function fileAuditSink(
  path: string,
  now: () => Date = () => new Date(),
  alarm: (line: string) => void = (line) => void process.stderr.write(line),
  /**
   * Lines by result, when known: `written` once on disk, `failed` when their first write failed (each
   * line once, however often it is retried), `dropped` when the queue overflowed while failing.
   */
  count?: (result: 'written' | 'failed' | 'dropped', n: number) => void,
  io: AuditFileIo = nodeAuditFileIo,
  /**
   * How long a flush waits for its batch to become durable before it is refused (ERR_AUDIT_UNAVAILABLE,
   * with an ALARM): a hung disk or network file system answers no write and no fsync, and every grant
   * waiting on it (and /readyz's probe) would wait with it. The batch keeps going; a later flush that
   * finds it durable resolves.
   */
  flushTimeoutMs = 10_000,
): AuditSink {
  const MAX_QUEUED = 100_000;
  const MAX_BATCH_BYTES = 256 * 1024;
  const dir = dirname(path);
  const ready = mkdir(dir, { recursive: true }).catch(() => undefined);
  const queue: { seq: number; line: string }[] = [];
  /** Flushes waiting for a sequence number to be durable, in increasing order. */
  const waiters: { seq: number; ok: () => void; fail: (err: Error) => void }[] = [];
  let seq = 0;
  let durable = 0;
  let dropped = 0;
  let failure: Error | undefined;
  /** Batches in a row whose file was deleted or renamed under them; at MAX_MOVED_TRIES the batch fails. */
  let movedTries = 0;
  const MAX_MOVED_TRIES = 3;
  /** A flush timed out waiting on the current batch (alarmed once until a batch is durable again). */
  let hung = false;
  let failedUpTo = 0;
  let running: Promise<void> | undefined;
  /** The sink created the file and its folder entry is not yet known durable (retried until it is). */
  let entryPending = false;
  /** The file (inode) of the last durable batch and its size after it: a shorter same file was truncated. */
  let lastIno: number | undefined;
  let lastBorn: number | undefined;
  let lastEnd = 0;

  /** One batch, durable or thrown: open (create if missing), append, fdatasync, close. */
  const persist = async (data: string): Promise<PersistResult> => {
    if (io.persist) {
      try {
        const r = await io.persist(path, dir, data, entryPending);
        entryPending = r.entryPending;
        return r;
      } catch (err) {
        const still = (err as { entryPending?: unknown }).entryPending;
        if (typeof still === 'boolean') entryPending = still;
        throw err;
      }
    }
    let h: AuditFileHandle;
    try {
      h = await io.open(path, false);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      h = await io.open(path, true);
      entryPending = true;
    }
    let start: number | undefined;
    try {
      // Before any line goes in: a batch never counts as durable in a file a crash could unlink.
      if (entryPending) {
        await io.syncDir(dir);
        entryPending = false;
      }
      start = await h.size();
      await h.append(data);
      await h.datasync();
      const unlinked = h.links ? (await h.links()) === 0 : false;
      const renamed = !unlinked && h.atPath ? !(await h.atPath()) : false;
      return {
        entryPending,
        start,
        ...(unlinked ? { unlinked: true } : {}),
        ...(renamed ? { renamed: true } : {}),
      };
    } catch (err) {
      // A retry appends the whole batch again: cut what this try left (a torn last line, or lines the
      // failed fsync may or may not have kept) so the log holds each line once and parses.
      if (start !== undefined) await h.truncate(start).catch(() => undefined);
      throw err;
    } finally {
      await h.close().catch(() => undefined);
    }
  };

  const pump = async () => {
    await ready;
    for (;;) {
      // Idle is declared in the same synchronous step that found the queue empty: a flush that
      // resolved just before can have its caller write the next line before a `.finally` would run,
      // and that line would wait for a pump that never came (a grant's flush hung until the next line).
      if (!queue.length) return void (running = undefined);
      // At most MAX_BATCH_BYTES a batch (always at least one line): after a full disk the backlog is
      // written as space comes back, oldest first, instead of needing room for all of it at once (a
      // backlog bigger than the space freed kept every grant refused).
      let end = 0;
      for (let bytes = 0; end < queue.length; end++) {
        bytes += queue[end]!.line.length;
        if (end > 0 && bytes > MAX_BATCH_BYTES) break;
      }
      const batch = queue.slice(0, end);
      const data = batch.map((l) => l.line).join('');
      let done: PersistResult;
      try {
        done = await persist(data);
        if ((done.unlinked || done.renamed) && ++movedTries >= MAX_MOVED_TRIES)
          throw new Error(
            `the file was moved or deleted while each of ${MAX_MOVED_TRIES} batches in a row was written to it (something moves or removes it as soon as it exists)`,
          );
      } catch (err) {
        if (!failure)
          alarm(
            `stepwarden broker ALARM: the audit log ${path} cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); refusing to grant credentials until it can\n`,
          );
        failure = err as Error;
        const fresh = batch.filter((l) => l.seq > failedUpTo).length;
        failedUpTo = batch.at(-1)!.seq;
        if (fresh) count?.('failed', fresh);
        const refusal = new AuditSinkError(`the audit log ${path} cannot be written: ${failure.message}`);
        running = undefined;
        for (const w of waiters.splice(0)) w.fail(refusal);
        return;
      }
      // Deleted once open (logrotate's compress without delaycompress removing the renamed copy, or
      // `rm`): the batch is durable in an inode no name reaches. Written again, to the file the path
      // names now (created), so no line is flushed into nothing (session 40).
      if (done.unlinked) {
        alarm(
          `stepwarden broker ALARM: the audit log ${path} was deleted while a batch was written to it (${batch.length} line(s)); they are written again to a new file at the path. Rotate by rename with delaycompress (logrotate), never remove the live file\n`,
        );
        continue;
      }
      // Renamed under the batch (rotation): the lines are at the end of the renamed file, but a
      // `compress` without `delaycompress` may have read that file before they landed and will delete
      // it, and nothing here can tell. Written again at the path: the batch in flight at a rotation may
      // be in both files (the same bytes, the same times), never in neither (session 41).
      if (done.renamed) {
        alarm(
          `stepwarden broker: the audit log ${path} was renamed while a batch was written to it (${batch.length} line(s), a rotation); they are written again at the path, so they may also end the renamed file (a compress that read it first would have lost them)\n`,
        );
        continue;
      }
      movedTries = 0;
      // The same file (inode) shorter than this sink left it: truncated under the broker (logrotate
      // copytruncate, `> file`), and whatever was appended between the copy and the truncate is gone.
      // Nothing brings those lines back; the operator must hear of it (rename rotation loses none).
      // Same inode is not enough: a log deleted and created again (by hand, or logrotate `rotate 0`
      // with `create`) can get the freed inode back, and its empty start would read as a truncation
      // (an ALARM telling the operator to stop a copytruncate that never ran). A different birth time
      // is another file; 0 or absent (no birth time kept) falls back to the inode alone.
      const sameFile =
        done.ino !== undefined && done.ino === lastIno && (!done.born || !lastBorn || done.born === lastBorn);
      if (sameFile && done.start !== undefined && done.start < lastEnd)
        alarm(
          `stepwarden broker ALARM: the audit log ${path} was truncated under the broker (${lastEnd} bytes after its last batch, ${done.start} at this one, same file): lines written between a copy and the truncate are lost. Rotate by rename (logrotate without copytruncate; create or nocreate both work): the broker opens the path for every batch\n`,
        );
      if (done.ino !== undefined && done.start !== undefined) {
        lastIno = done.ino;
        lastBorn = done.born;
        lastEnd = done.start + Buffer.byteLength(data);
      }
      durable = batch.at(-1)!.seq;
      // By sequence, not by count: lines dropped from the front meanwhile (overflow) are not in it.
      let n = 0;
      while (n < queue.length && queue[n]!.seq <= durable) n++;
      queue.splice(0, n);
      count?.('written', batch.length);
      if (failure || hung) alarm(`stepwarden broker: the audit log ${path} is writable again\n`);
      failure = undefined;
      hung = false;
      while (waiters.length && waiters[0]!.seq <= durable) waiters.shift()!.ok();
    }
  };
  const kick = () => (running ??= pump().catch(() => void (running = undefined)));

  return {
    write(event) {
      const line = `${brokerAuditLine(now().toISOString(), event)}\n`;
      queue.push({ seq: ++seq, line });
      // While the sink is down, refusals keep coming: keep the newest lines, count the rest.
      if (queue.length > MAX_QUEUED) {
        queue.shift();
        dropped++;
        count?.('dropped', 1);
        if (dropped === 1 || dropped % 1000 === 0)
          alarm(`stepwarden broker ALARM: ${dropped} audit line(s) dropped while ${path} is unwritable\n`);
      }
      void kick();
    },
    flush() {
      const target = seq;
      if (durable >= target) return Promise.resolve();
      const done = new Promise<void>((ok, fail) => {
        const w = {
          seq: target,
          ok: () => {
            clearTimeout(timer);
            ok();
          },
          fail: (err: Error) => {
            clearTimeout(timer);
            fail(err);
          },
        };
        const timer = setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i < 0) return;
          waiters.splice(i, 1);
          if (!hung)
            alarm(
              `stepwarden broker ALARM: the audit log ${path} has not become durable within ${flushTimeoutMs} ms (a hung disk or file system); refusing to grant credentials until it does\n`,
            );
          hung = true;
          fail(
            new AuditSinkError(`the audit log ${path} did not become durable within ${flushTimeoutMs} ms`),
          );
        }, flushTimeoutMs);
        timer.unref?.();
        waiters.push(w);
      });
      void kick();
      return done;
    },
  };
}

export function memoryAuditSink(): AuditSink & { events: AuditEvent[] } {
  const events: AuditEvent[] = [];
  return {
    events,
    write(event) {
      // The same bounding as the file sink, so tests see what the log would hold.
      events.push(JSON.parse(brokerAuditLine(new Date().toISOString(), event)) as AuditEvent);
    },
    flush: async () => undefined,
  };
}

/**
 * The token's `jti` beside an event, under a symbol: JSON (the line, the webhook copy) never writes a
 * symbol key, so it stays out of the log; the audit budget counts distinct tokens with it
 * (audit-budget.ts). Object spread copies it, so contexts built from it carry it along.
 */
export const SOURCE_JTI: unique symbol = Symbol('stepwarden.audit.jti');

/**
 * The workload context of a verified token, as audit fields (what a broker JWT carries of it is
 * service-jwt.ts's WorkloadContext).
 */
export interface AuditContext {
  readonly [SOURCE_JTI]?: string;
  readonly repository?: string;
  readonly repository_id?: string;
  readonly workflow?: string;
  readonly job?: string;
  readonly step?: string;
  readonly run_id?: string;
  readonly run_attempt?: number;
  readonly event_name?: string;
  readonly ref?: string;
  readonly sha?: string;
  readonly actor?: ReturnType<typeof actorFromLogin>;
  readonly triggering_actor?: ReturnType<typeof actorFromLogin>;
}

/**
 * Built by assignment, in the fields' order (the line's bytes are the same): an object literal that
 * spreads a symbol-keyed object (`...{ [SOURCE_JTI]: jti }`) took V8 (Node 20) 30-70 µs per call
 * against under 1 µs assigned, on every exchange's grant path (docs/performance.md, session 29).
 */
export function contextOf(
  claims: GithubOidcClaims | undefined,
  extra: { workflow?: string; job?: string; step?: string } = {},
): AuditContext {
  if (!claims) return { ...extra };
  const triggering = claims.triggering_actor as string | undefined;
  const out: { -readonly [K in keyof AuditContext]: AuditContext[K] } = {};
  if (typeof claims.jti === 'string') out[SOURCE_JTI] = claims.jti;
  out.repository = claims.repository;
  out.repository_id = claims.repository_id;
  if (extra.workflow) out.workflow = extra.workflow;
  if (extra.job) out.job = extra.job;
  if (extra.step) out.step = extra.step;
  out.run_id = claims.run_id;
  out.run_attempt = Number(claims.run_attempt) || 1;
  if (claims.event_name) out.event_name = claims.event_name;
  if (claims.ref) out.ref = claims.ref;
  if (claims.sha) out.sha = claims.sha;
  if (claims.actor) out.actor = actorFromLogin(claims.actor, claims.actor_id);
  if (triggering) out.triggering_actor = actorFromLogin(triggering);
  return out;
}
