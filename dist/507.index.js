export const id = 507;
export const ids = [507,881];
export const modules = {

/***/ 4366:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PJ: () => (/* binding */ fileAuditSink),
/* harmony export */   PO: () => (/* binding */ checkAuditLogPath),
/* harmony export */   Vm: () => (/* binding */ contextOf),
/* harmony export */   Y4: () => (/* binding */ SOURCE_JTI),
/* harmony export */   wM: () => (/* binding */ memoryAuditSink)
/* harmony export */ });
/* unused harmony exports MAX_AUDIT_FIELD, MAX_AUDIT_DETAIL, MAX_AUDIT_LINE, auditJson, boundAuditLine, brokerAuditLine, AuditSinkError, PERSIST_FUNCTION, AuditPathError, nodeAuditFileIo */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _audit_event_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4098);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4732);
/**
 * The broker's audit log: one AuditEvent JSON line per decision, appended in order. Lines are
 * built from plain fields only, so a credential or token cannot reach the log by construction.
 */






/** Longest string kept in an audit field (the human `detail` gets more room), and longest line. */
const MAX_AUDIT_FIELD = 256;
const MAX_AUDIT_DETAIL = 1024;
const MAX_AUDIT_LINE = 4096;
const MAX_DEPTH = 4;
const MAX_ITEMS = 32;
function clip(s, max) {
    return s.length <= max ? s : `${s.slice(0, max - 14)}\u2026[${s.length}ch]`;
}
/** Bounds a nested value: strings, array lengths, object widths and depth. */
function boundValue(v, depth) {
    if (typeof v === 'string')
        return clip(v, MAX_AUDIT_FIELD);
    if (v === null || typeof v !== 'object')
        return v;
    if (depth >= MAX_DEPTH)
        return '[nested]';
    if (Array.isArray(v))
        return v.slice(0, MAX_ITEMS).map((x) => boundValue(x, depth + 1));
    const out = {};
    const keys = Object.keys(v);
    for (let i = 0; i < keys.length && i < MAX_ITEMS; i++)
        out[clip(keys[i], 64)] = boundValue(v[keys[i]], depth + 1);
    return out;
}
/** Whether boundValue(v, depth) would return a value equal to v (serialized the same), without copying. */
function fits(v, depth) {
    if (typeof v === 'string')
        return v.length <= MAX_AUDIT_FIELD;
    if (v === null || typeof v !== 'object')
        return true;
    if (depth >= MAX_DEPTH)
        return false;
    if (Array.isArray(v)) {
        if (v.length > MAX_ITEMS)
            return false;
        for (let i = 0; i < v.length; i++)
            if (!fits(v[i], depth + 1))
                return false;
        return true;
    }
    // boundValue copies own keys into a plain object: a Date or other class instance (toJSON, its
    // prototype's fields) would serialize differently, so only plain objects pass.
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
        return false;
    const keys = Object.keys(v);
    if (keys.length > MAX_ITEMS)
        return false;
    for (const k of keys)
        if (k.length > 64 || k === '__proto__' || !fits(v[k], depth + 1))
            return false;
    return true;
}
function withinBounds(event) {
    for (const k of Object.keys(event)) {
        const v = event[k];
        if (k === '__proto__')
            return false;
        if (k === 'detail' && typeof v === 'string' ? v.length > MAX_AUDIT_DETAIL : !fits(v, 0))
            return false;
    }
    return true;
}
/**
 * JSON.stringify leaves U+2028/U+2029, NEL, bidirectional overrides and zero-width characters raw:
 * one line to `split('\n')` is two to a reader honouring Unicode line breaks (Python's splitlines,
 * log shippers), and `cat` of the file shows it reordered. Inside a JSON string each is written out
 * as the \uXXXX escape it decodes from (C0 controls already are), so the value read back is the same.
 */
function auditJson(value) {
    return JSON.stringify(value).replace(_render_escape_js__WEBPACK_IMPORTED_MODULE_5__/* .INVISIBLE */ .kH, (c) => {
        let out = '';
        for (let i = 0; i < c.length; i++)
            out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
        return out;
    });
}
/**
 * Attacker-controlled strings (job, step, audience, claims, refusal texts that quote them) reach the
 * log, so every field is bounded and a line never exceeds MAX_AUDIT_LINE bytes: an unauthenticated
 * client cannot grow the log faster than its request rate times a small constant.
 */
function boundAuditLine(event) {
    // Almost every event is already within the bounds: checked without copying it, it is serialized
    // as it is (the copy below would be equal to it, so the bytes are the same).
    if (withinBounds(event)) {
        const line = auditJson(event);
        if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE)
            return line;
    }
    const bounded = {};
    for (const [k, v] of Object.entries(event))
        bounded[k] = k === 'detail' && typeof v === 'string' ? clip(v, MAX_AUDIT_DETAIL) : boundValue(v, 0);
    let line = auditJson(bounded);
    // Almost every line fits: one native length check (UTF-8 takes at most 3 bytes per UTF-16 unit).
    if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE)
        return line;
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
        if (Buffer.byteLength(line) <= MAX_AUDIT_LINE)
            break;
        if (['v', 'time', 'source', 'type', 'outcome', 'reason'].includes(k))
            continue;
        delete bounded[k];
        line = auditJson(bounded);
    }
    return line;
}
const LINE_HEAD = `{"v":${JSON.stringify(_audit_event_js__WEBPACK_IMPORTED_MODULE_4__/* .AUDIT_EVENT_VERSION */ .cZ)},"time":`;
/**
 * The broker's line for an event: boundAuditLine({ v, time, source: 'broker', ...event }), byte for
 * byte, without that copy for an event within the bounds (almost every one): the event is
 * serialized as it is and the three leading fields written before it (the spread of a grant's
 * fifteen fields into a new object was one of three per line, session 30). Whatever could serialize
 * differently goes through the copy: a key the three would shadow, an integer-like first key (an
 * object orders those first, before `v`), a toJSON, an event that serializes to `{}`.
 */
function brokerAuditLine(time, event) {
    const keys = Object.keys(event);
    const first = keys.length ? keys[0].charCodeAt(0) : 0;
    if (!(first >= 48 && first <= 57) &&
        !Object.hasOwn(event, 'v') &&
        !Object.hasOwn(event, 'time') &&
        !Object.hasOwn(event, 'source') &&
        !('toJSON' in event) &&
        time.length <= MAX_AUDIT_FIELD &&
        withinBounds(event)) {
        const body = auditJson(event);
        if (body.length > 2) {
            const line = `${LINE_HEAD}${auditJson(time)},"source":"broker",${body.slice(1)}`;
            if (line.length * 3 <= MAX_AUDIT_LINE || Buffer.byteLength(line) <= MAX_AUDIT_LINE)
                return line;
        }
    }
    return boundAuditLine({ v: _audit_event_js__WEBPACK_IMPORTED_MODULE_4__/* .AUDIT_EVENT_VERSION */ .cZ, time, source: 'broker', ...event });
}
/** The sink could not put a line on disk: the broker refuses to grant until it can. */
class AuditSinkError extends Error {
    code = 'ERR_AUDIT_UNAVAILABLE';
}
/**
 * How the audit file and its folder are opened, by both ways of writing a batch (the writer thread
 * gets these numbers with each batch, so the two cannot drift apart): the file appended to (created
 * 0600 when missing; never through a link, O_NOFOLLOW; a FIFO answers ENXIO, O_NONBLOCK, and whatever
 * is not a regular file is refused once open), the folder read-only for its fsync.
 */
const AUDIT_APPEND = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_APPEND | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
const AUDIT_OPEN = {
    open: AUDIT_APPEND,
    create: AUDIT_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT,
    mode: 0o600,
    dir: node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_DIRECTORY ?? 0),
};
/**
 * The batch's steps as one synchronous job on a thread of its own: the main thread sees one message
 * per batch instead of five file-system completions (open, fstat, write, fdatasync, close), each of
 * which waited its turn in an event loop busy with a burst (about 90-150 ms per batch on a loaded
 * 2-core machine, against 2-3 ms for the steps themselves; every grant waits for its batch). Plain
 * JavaScript evaluated in the worker, with dynamic imports only: it runs the same whether the worker
 * evaluates it as CommonJS (the bundle) or as a module (a parent started with --input-type=module).
 */
const PERSIST_FUNCTION = `function persist(fs, path, dir, data, entryPending, how) {
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
/** One writer thread per process (unref'd: it never keeps the process alive), made on first use. */
let writer;
let nextPersistId = 0;
function persistOffThread(path, dir, data, entryPending) {
    if (!writer) {
        const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_3__.Worker(PERSIST_WORKER, { eval: true });
        worker.unref();
        const w = {
            worker,
            pending: new Map(),
        };
        writer = w;
        worker.on('message', (r) => {
            const p = w.pending.get(r.id);
            if (!p)
                return;
            w.pending.delete(r.id);
            if (w.pending.size === 0)
                worker.unref();
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
                p.fail(Object.assign(r.code === 'ERR_AUDIT_LOG_PATH'
                    ? new AuditPathError(r.message ?? 'the audit log is not a regular file')
                    : Object.assign(new Error(r.message ?? 'audit write failed'), { code: r.code }), { entryPending: r.entryPending }));
        });
        // A writer that dies fails what it held (those batches are retried) and is made anew next time.
        const gone = (err) => {
            if (writer === w)
                writer = undefined;
            for (const p of w.pending.values())
                p.fail(err);
            w.pending.clear();
        };
        worker.on('error', gone);
        worker.on('exit', (code) => gone(new Error(`the audit writer thread exited (${code})`)));
    }
    const w = writer;
    const id = ++nextPersistId;
    // Referenced while it holds a batch: a process awaiting its last flush must not exit before it.
    if (w.pending.size === 0)
        w.worker.ref();
    return new Promise((ok, fail) => {
        w.pending.set(id, { ok, fail });
        w.worker.postMessage({ id, path, dir, data, entryPending, how: AUDIT_OPEN });
    });
}
/** The audit log's path is unsafe (checked at start, and at every open for the file itself). */
class AuditPathError extends Error {
    code = 'ERR_AUDIT_LOG_PATH';
    constructor(message) {
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
async function checkAuditLogPath(path) {
    if (process.platform === 'win32')
        return;
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(path);
    const fail = (what, fix) => new AuditPathError(`the audit log ${file}: ${what}; ${fix}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file), { recursive: true }).catch(() => undefined);
    const me = process.getuid?.() ?? 0;
    const trusted = (uid) => uid === 0 || uid === me;
    let hops = 0;
    /** Walks `p` from the root; returns its real path, every folder and link on the way judged. */
    const walk = async (p) => {
        let cur = node_path__WEBPACK_IMPORTED_MODULE_2__.sep;
        const judge = async (dir) => {
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(dir);
            if (!st.isDirectory())
                throw fail(`${dir} is not a folder`, 'point `audit` at a file in a folder');
            if (st.mode & 0o002 && !(st.mode & 0o1000))
                throw fail(`the folder ${dir} is writable by every user (mode 0${(st.mode & 0o7777).toString(8)}), so anyone can plant a link that redirects the log`, `run \`chmod o-w ${dir}\` or put the log in a folder only the broker's user (or root) can write`);
            if (!trusted(st.uid))
                throw fail(`the folder ${dir} belongs to uid ${st.uid}, neither root nor the broker's user (${me}), who can redirect the log`, `put the log in a folder owned by root or uid ${me}`);
        };
        await judge(cur);
        for (const part of (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(p).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).filter(Boolean)) {
            const next = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cur, part);
            const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(next);
            if (st.isSymbolicLink()) {
                if (++hops > 40)
                    throw fail(`too many symbolic links on the way to ${next}`, 'use the real path');
                if (!trusted(st.uid))
                    throw fail(`the symbolic link ${next} belongs to uid ${st.uid}, neither root nor the broker's user (${me})`, `use the real path of the folder, or remove the link`);
                cur = await walk((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cur, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readlink)(next)));
            }
            else {
                await judge(next);
                cur = next;
            }
        }
        return cur;
    };
    const real = await walk((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file));
    const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(real, file.slice((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(file).length + 1));
    let st;
    try {
        st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(target);
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return;
        throw err;
    }
    if (st.isSymbolicLink())
        throw fail('it is a symbolic link, which would redirect every line written to it', `remove the link and let the broker create the file, or set \`audit\` to the real path`);
    if (!st.isFile())
        throw fail('it is not a regular file (a FIFO, device or folder)', 'point `audit` at a regular file');
}
const nodeAuditFileIo = {
    persist: persistOffThread,
    async open(path, create) {
        // O_NOFOLLOW: a link planted at the path after start fails the batch (an ALARM, grants refused)
        // instead of redirecting it; O_NONBLOCK: a FIFO put there answers ENXIO instead of hanging.
        const h = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(path, create ? AUDIT_OPEN.create : AUDIT_OPEN.open, AUDIT_OPEN.mode);
        const st = await h.stat().catch(async (err) => {
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
                const [open, named] = await Promise.all([h.stat(), (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.lstat)(path).catch(() => undefined)]);
                return named !== undefined && named.ino === open.ino && named.dev === open.dev;
            },
        };
    },
    async syncDir(dir) {
        const d = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(dir, AUDIT_OPEN.dir);
        try {
            await d.sync();
        }
        finally {
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
function fileAuditSink(path, now = () => new Date(), alarm = (line) => void process.stderr.write(line), 
/**
 * Lines by result, when known: `written` once on disk, `failed` when their first write failed (each
 * line once, however often it is retried), `dropped` when the queue overflowed while failing.
 */
count, io = nodeAuditFileIo, 
/**
 * How long a flush waits for its batch to become durable before it is refused (ERR_AUDIT_UNAVAILABLE,
 * with an ALARM): a hung disk or network file system answers no write and no fsync, and every grant
 * waiting on it (and /readyz's probe) would wait with it. The batch keeps going; a later flush that
 * finds it durable resolves.
 */
flushTimeoutMs = 10_000) {
    const MAX_QUEUED = 100_000;
    const MAX_BATCH_BYTES = 256 * 1024;
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path);
    const ready = (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)(dir, { recursive: true }).catch(() => undefined);
    const queue = [];
    /** Flushes waiting for a sequence number to be durable, in increasing order. */
    const waiters = [];
    let seq = 0;
    let durable = 0;
    let dropped = 0;
    let failure;
    /** Batches in a row whose file was deleted or renamed under them; at MAX_MOVED_TRIES the batch fails. */
    let movedTries = 0;
    const MAX_MOVED_TRIES = 3;
    /** A flush timed out waiting on the current batch (alarmed once until a batch is durable again). */
    let hung = false;
    let failedUpTo = 0;
    let running;
    /** The sink created the file and its folder entry is not yet known durable (retried until it is). */
    let entryPending = false;
    /** The file (inode) of the last durable batch and its size after it: a shorter same file was truncated. */
    let lastIno;
    let lastBorn;
    let lastEnd = 0;
    /** One batch, durable or thrown: open (create if missing), append, fdatasync, close. */
    const persist = async (data) => {
        if (io.persist) {
            try {
                const r = await io.persist(path, dir, data, entryPending);
                entryPending = r.entryPending;
                return r;
            }
            catch (err) {
                const still = err.entryPending;
                if (typeof still === 'boolean')
                    entryPending = still;
                throw err;
            }
        }
        let h;
        try {
            h = await io.open(path, false);
        }
        catch (err) {
            if (err.code !== 'ENOENT')
                throw err;
            h = await io.open(path, true);
            entryPending = true;
        }
        let start;
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
        }
        catch (err) {
            // A retry appends the whole batch again: cut what this try left (a torn last line, or lines the
            // failed fsync may or may not have kept) so the log holds each line once and parses.
            if (start !== undefined)
                await h.truncate(start).catch(() => undefined);
            throw err;
        }
        finally {
            await h.close().catch(() => undefined);
        }
    };
    const pump = async () => {
        await ready;
        for (;;) {
            // Idle is declared in the same synchronous step that found the queue empty: a flush that
            // resolved just before can have its caller write the next line before a `.finally` would run,
            // and that line would wait for a pump that never came (a grant's flush hung until the next line).
            if (!queue.length)
                return void (running = undefined);
            // At most MAX_BATCH_BYTES a batch (always at least one line): after a full disk the backlog is
            // written as space comes back, oldest first, instead of needing room for all of it at once (a
            // backlog bigger than the space freed kept every grant refused).
            let end = 0;
            for (let bytes = 0; end < queue.length; end++) {
                bytes += queue[end].line.length;
                if (end > 0 && bytes > MAX_BATCH_BYTES)
                    break;
            }
            const batch = queue.slice(0, end);
            const data = batch.map((l) => l.line).join('');
            let done;
            try {
                done = await persist(data);
                if ((done.unlinked || done.renamed) && ++movedTries >= MAX_MOVED_TRIES)
                    throw new Error(`the file was moved or deleted while each of ${MAX_MOVED_TRIES} batches in a row was written to it (something moves or removes it as soon as it exists)`);
            }
            catch (err) {
                if (!failure)
                    alarm(`stepwarden broker ALARM: the audit log ${path} cannot be written (${err.code ?? err.message}); refusing to grant credentials until it can\n`);
                failure = err;
                const fresh = batch.filter((l) => l.seq > failedUpTo).length;
                failedUpTo = batch.at(-1).seq;
                if (fresh)
                    count?.('failed', fresh);
                const refusal = new AuditSinkError(`the audit log ${path} cannot be written: ${failure.message}`);
                running = undefined;
                for (const w of waiters.splice(0))
                    w.fail(refusal);
                return;
            }
            // Deleted once open (logrotate's compress without delaycompress removing the renamed copy, or
            // `rm`): the batch is durable in an inode no name reaches. Written again, to the file the path
            // names now (created), so no line is flushed into nothing (session 40).
            if (done.unlinked) {
                alarm(`stepwarden broker ALARM: the audit log ${path} was deleted while a batch was written to it (${batch.length} line(s)); they are written again to a new file at the path. Rotate by rename with delaycompress (logrotate), never remove the live file\n`);
                continue;
            }
            // Renamed under the batch (rotation): the lines are at the end of the renamed file, but a
            // `compress` without `delaycompress` may have read that file before they landed and will delete
            // it, and nothing here can tell. Written again at the path: the batch in flight at a rotation may
            // be in both files (the same bytes, the same times), never in neither (session 41).
            if (done.renamed) {
                alarm(`stepwarden broker: the audit log ${path} was renamed while a batch was written to it (${batch.length} line(s), a rotation); they are written again at the path, so they may also end the renamed file (a compress that read it first would have lost them)\n`);
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
            const sameFile = done.ino !== undefined && done.ino === lastIno && (!done.born || !lastBorn || done.born === lastBorn);
            if (sameFile && done.start !== undefined && done.start < lastEnd)
                alarm(`stepwarden broker ALARM: the audit log ${path} was truncated under the broker (${lastEnd} bytes after its last batch, ${done.start} at this one, same file): lines written between a copy and the truncate are lost. Rotate by rename (logrotate without copytruncate; create or nocreate both work): the broker opens the path for every batch\n`);
            if (done.ino !== undefined && done.start !== undefined) {
                lastIno = done.ino;
                lastBorn = done.born;
                lastEnd = done.start + Buffer.byteLength(data);
            }
            durable = batch.at(-1).seq;
            // By sequence, not by count: lines dropped from the front meanwhile (overflow) are not in it.
            let n = 0;
            while (n < queue.length && queue[n].seq <= durable)
                n++;
            queue.splice(0, n);
            count?.('written', batch.length);
            if (failure || hung)
                alarm(`stepwarden broker: the audit log ${path} is writable again\n`);
            failure = undefined;
            hung = false;
            while (waiters.length && waiters[0].seq <= durable)
                waiters.shift().ok();
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
            if (durable >= target)
                return Promise.resolve();
            const done = new Promise((ok, fail) => {
                const w = {
                    seq: target,
                    ok: () => {
                        clearTimeout(timer);
                        ok();
                    },
                    fail: (err) => {
                        clearTimeout(timer);
                        fail(err);
                    },
                };
                const timer = setTimeout(() => {
                    const i = waiters.indexOf(w);
                    if (i < 0)
                        return;
                    waiters.splice(i, 1);
                    if (!hung)
                        alarm(`stepwarden broker ALARM: the audit log ${path} has not become durable within ${flushTimeoutMs} ms (a hung disk or file system); refusing to grant credentials until it does\n`);
                    hung = true;
                    fail(new AuditSinkError(`the audit log ${path} did not become durable within ${flushTimeoutMs} ms`));
                }, flushTimeoutMs);
                timer.unref?.();
                waiters.push(w);
            });
            void kick();
            return done;
        },
    };
}
function memoryAuditSink() {
    const events = [];
    return {
        events,
        write(event) {
            // The same bounding as the file sink, so tests see what the log would hold.
            events.push(JSON.parse(brokerAuditLine(new Date().toISOString(), event)));
        },
        flush: async () => undefined,
    };
}
/**
 * The token's `jti` beside an event, under a symbol: JSON (the line, the webhook copy) never writes a
 * symbol key, so it stays out of the log; the audit budget counts distinct tokens with it
 * (audit-budget.ts). Object spread copies it, so contexts built from it carry it along.
 */
const SOURCE_JTI = Symbol('stepwarden.audit.jti');
/**
 * Built by assignment, in the fields' order (the line's bytes are the same): an object literal that
 * spreads a symbol-keyed object (`...{ [SOURCE_JTI]: jti }`) took V8 (Node 20) 30-70 \u00b5s per call
 * against under 1 \u00b5s assigned, on every exchange's grant path (docs/performance.md, session 29).
 */
function contextOf(claims, extra = {}) {
    if (!claims)
        return { ...extra };
    const triggering = claims.triggering_actor;
    const out = {};
    if (typeof claims.jti === 'string')
        out[SOURCE_JTI] = claims.jti;
    out.repository = claims.repository;
    out.repository_id = claims.repository_id;
    if (extra.workflow)
        out.workflow = extra.workflow;
    if (extra.job)
        out.job = extra.job;
    if (extra.step)
        out.step = extra.step;
    out.run_id = claims.run_id;
    out.run_attempt = Number(claims.run_attempt) || 1;
    if (claims.event_name)
        out.event_name = claims.event_name;
    if (claims.ref)
        out.ref = claims.ref;
    if (claims.sha)
        out.sha = claims.sha;
    if (claims.actor)
        out.actor = (0,_audit_event_js__WEBPACK_IMPORTED_MODULE_4__/* .actorFromLogin */ .ri)(claims.actor, claims.actor_id);
    if (triggering)
        out.triggering_actor = (0,_audit_event_js__WEBPACK_IMPORTED_MODULE_4__/* .actorFromLogin */ .ri)(triggering);
    return out;
}


/***/ }),

/***/ 4786:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DH: () => (/* binding */ bearerOf),
/* harmony export */   HZ: () => (/* binding */ weakBearerToken),
/* harmony export */   bN: () => (/* binding */ parseAdminTokens),
/* harmony export */   fq: () => (/* binding */ adminTokensOf),
/* harmony export */   vu: () => (/* binding */ adminName),
/* harmony export */   xx: () => (/* binding */ serviceAudienceOf)
/* harmony export */ });
/* unused harmony export MIN_TOKEN_LENGTH */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4605);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6687);
/* harmony import */ var _oidc_compact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7459);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6831);
/**
 * Who is calling the broker's non-exchange endpoints: a named admin token (kill switch,
 * introspection) or a broker-issued JWT of a service audience (introspection, RFC 7662 \u00a72.1).
 * Admin tokens are stored as sha256 and compared in constant time; the name is the audit actor.
 */




const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
const HEX = /^[0-9a-f]{64}$/i;
const digest = (s) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(s).digest('hex');
/** Shortest bearer token accepted in a file (`openssl rand -hex 32` gives 64). */
const MIN_TOKEN_LENGTH = 32;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/**
 * Why a bearer token the broker reads from a file (an admin token, the /metrics token) is too weak to
 * accept, or undefined. Only a plain admin token (`name token`) can be judged: a `name:sha256hex` line
 * shows nothing of its token but the hash of an empty one. Fewer than
 * 8 distinct characters in 32 or more is "obviously weak" (all one character, `abab\u2026`, a date repeated):
 * 32 hex digits drawn at random have about 14 distinct ones.
 */
function weakBearerToken(token) {
    if (token.length < MIN_TOKEN_LENGTH)
        return `is ${token.length} characters long (at least ${MIN_TOKEN_LENGTH})`;
    if (new Set(token).size < 8)
        return `has only ${new Set(token).size} distinct character(s)`;
    return undefined;
}
/**
 * The admin tokens file: one token a line, `name:sha256hex` (preferred: the file holds no secret)
 * or `name token`; `#` comments and blank lines are skipped. A line without a name is refused, so
 * every kill switch is audited with the name of whoever holds the token; so is a plain token shorter
 * than 32 characters or obviously weak (at start and on every reload: the file is read by both).
 */
function parseAdminTokens(text, file) {
    const out = [];
    const problems = [];
    const names = new Set();
    for (const [i, raw] of text.split('\n').entries()) {
        const l = raw.trim();
        if (!l || l.startsWith('#'))
            continue;
        const hashed = /^([^\s:]+):([0-9a-fA-F]{64})$/.exec(l);
        const plain = /^(\S+)\s+(\S+)$/.exec(l);
        const m = hashed ?? plain;
        const line = i + 1;
        if (!m || !NAME.test(m[1])) {
            problems.push({
                file,
                line,
                message: 'an admin token line is `name:sha256hex` or `name token` (the name is the audit actor)',
                fix: 'prefix the token with a name, e.g. `alice:<sha256 of the token>`',
            });
            continue;
        }
        if (names.has(m[1])) {
            problems.push({
                file,
                line,
                message: `admin token name '${m[1]}' is used twice`,
                fix: 'give each token its own name',
            });
            continue;
        }
        const weak = plain && !hashed
            ? weakBearerToken(m[2])
            : hashed && m[2].toLowerCase() === EMPTY_SHA256
                ? 'is the sha256 of an empty token'
                : undefined;
        if (weak) {
            // Never the token itself: this message reaches stderr and the JSON log.
            problems.push({
                file,
                line,
                message: `admin token '${m[1]}' ${weak}: a token that can be guessed holds the kill switch and every introspection`,
                fix: 'make one with `openssl rand -hex 32` (and prefer the file to hold its hash: `name:$(printf %s "$TOKEN" | sha256sum | cut -c1-64)`)',
            });
            continue;
        }
        names.add(m[1]);
        out.push({ name: m[1], sha256: (hashed ? m[2] : digest(m[2])).toLowerCase() });
    }
    if (problems.length)
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .ManifestError */ .Sh(problems, 'ERR_CONFIG_INVALID');
    return out;
}
/** `name:hex` or bare `hex` (named `admin`) entries of BrokerDeps.adminTokenHashes. */
function adminTokensOf(entries) {
    return entries.flatMap((e) => {
        const i = e.lastIndexOf(':');
        const [name, hash] = i > 0 ? [e.slice(0, i), e.slice(i + 1)] : ['admin', e];
        return HEX.test(hash) ? [{ name, sha256: hash.toLowerCase() }] : [];
    });
}
function bearerOf(authorization) {
    const m = authorization ? /^Bearer[ \t]+([^\s]+)[ \t]*$/i.exec(authorization) : null;
    return m?.[1];
}
/** The name of the admin token presented, compared against every entry in constant time. */
function adminName(authorization, tokens) {
    const token = bearerOf(authorization);
    if (!token || tokens.length === 0)
        return undefined;
    const given = Buffer.from(digest(token), 'hex');
    let found;
    for (const t of tokens)
        if ((0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(Buffer.from(t.sha256, 'hex'), given))
            found ??= t.name;
    return found;
}
/**
 * The service audience of a broker-issued JWT presented as a bearer token: signature by the broker's
 * key, the broker as issuer, not expired at `now`. Undefined for anything else. (Whether the JWT
 * itself was revoked is the caller's check, against the store.)
 */
async function serviceAudienceOf(token, keys, issuer, now) {
    // Held to the shape of GitHub's tokens first (compact.ts): jose alone reads a space or a BOM past.
    if ((0,_oidc_compact_js__WEBPACK_IMPORTED_MODULE_1__/* .compactJws */ .W)(token).problem !== undefined)
        return undefined;
    try {
        const { payload } = await (0,jose__WEBPACK_IMPORTED_MODULE_3__/* .jwtVerify */ .V)(token, (0,jose__WEBPACK_IMPORTED_MODULE_4__/* .createLocalJWKSet */ .w)({ keys }), {
            issuer,
            algorithms: ['ES256'],
            currentDate: new Date(now * 1000),
        });
        return typeof payload.aud === 'string' && payload.aud !== 'github' ? payload.aud : undefined;
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 710:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DI: () => (/* binding */ issuerSettings),
/* harmony export */   Fq: () => (/* binding */ stateTransportWarning),
/* harmony export */   WN: () => (/* binding */ parseRate),
/* harmony export */   YQ: () => (/* binding */ checkConfigFolders),
/* harmony export */   ul: () => (/* binding */ readBrokerConfig)
/* harmony export */ });
/* unused harmony exports brokerConfigSchema, loadBrokerConfig */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2857);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6831);
/* harmony import */ var _oidc_verify_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5273);
/* harmony import */ var _providers_jwt_profiles_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3849);
/* harmony import */ var _github_site_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8407);
/* harmony import */ var _state_redis_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3009);
/**
 * Broker configuration: one YAML file, every key documented (docs/broker.md), unknown keys refused
 * with file and line. `stepwarden broker` with no file runs on the embedded defaults.
 */









const rate = zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
    .regex(/^\d+\/(s|sec|min|h|hour)$/, 'a rate like 600/min')
    .describe('Requests per period: N/s, N/min or N/h.');
const seconds = (d) => zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig().positive().max(600).default(d);
const githubAppSchema = zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
    api: zod__WEBPACK_IMPORTED_MODULE_8__/* .url */ .OZ5().default('https://api.github.com'),
    'app-id': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig().int().positive(),
    'private-key-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1).optional().describe('PEM file of the App private key.'),
    'private-key-env': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')
        .optional()
        .describe('Environment variable holding the PEM (e.g. injected by the platform).'),
    'private-key-command': zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1))
        .min(1)
        .optional()
        .describe('A command (argv, no shell) that prints the PEM: a secret manager or KMS CLI.'),
});
const manifestsSchema = zod__WEBPACK_IMPORTED_MODULE_8__/* .discriminatedUnion */ .gMt('source', [
    zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({ source: zod__WEBPACK_IMPORTED_MODULE_8__/* .literal */ .euz('github') }),
    zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({ source: zod__WEBPACK_IMPORTED_MODULE_8__/* .literal */ .euz('directory'), path: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1) }),
]);
/** Numeric owner ids, as GitHub numbers them on the issuer's own GitHub. */
const ownerIdsSchema = zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig().int().positive()).min(1);
const brokerConfigSchema = zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
    listen: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().default('127.0.0.1:8787').describe('host:port to listen on.'),
    url: zod__WEBPACK_IMPORTED_MODULE_8__/* .url */ .OZ5()
        .default('http://127.0.0.1:8787')
        .describe("The broker's own issuer URL (iss of the JWTs it signs)."),
    audience: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
        .min(1)
        .default('http://127.0.0.1:8787')
        .describe('The aud incoming OIDC tokens must carry.'),
    issuers: zod__WEBPACK_IMPORTED_MODULE_8__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP(),
        zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
            url: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
                .describe('The issuer (GHES: https://HOST/_services/token; ghe.com: https://token.actions.TENANT.ghe.com).'),
            audience: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
                .min(1)
                .optional()
                .describe('The aud its tokens must carry; default: audience.'),
            github: githubAppSchema
                .optional()
                .describe('The App on its GitHub (its own API URL); default: github.'),
            manifests: manifestsSchema
                .optional()
                .describe('Where its manifests come from; default: manifests.'),
            'owner-ids': ownerIdsSchema
                .optional()
                .describe('The owners its tokens may come from; default: owner-ids.'),
        }),
    ]))
        .min(1)
        .default([_oidc_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .GITHUB_ISSUER */ .oX])
        .describe('Trusted OIDC issuers; http:// only for loopback. A string uses the top-level audience, github and manifests; an object gives an issuer (GHES, a ghe.com tenant) its own.'),
    'owner-ids': ownerIdsSchema
        .optional()
        .describe('Owner ids (repository_owner_id) whose tokens the broker serves; any other owner is refused (ERR_OWNER_NOT_ALLOWED) before its manifest is read. Absent: any owner whose manifest the broker can read (with manifests from github: any repository the App is installed on).'),
    manifests: manifestsSchema
        .default({ source: 'directory', path: './manifests' })
        .describe('Where manifests come from: the default branch through the GitHub App, or <path>/<owner>/<repo>/.github/access-manifest.yml.'),
    github: githubAppSchema
        .optional()
        .describe('The GitHub App that mints installation tokens (needed for audience github and manifests from github).'),
    signing: zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({ 'key-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1) })
        .default({ 'key-file': './broker-signing-key.json' }),
    state: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
        .default('memory')
        .describe('memory (one instance; a restart forgets used jtis and revocation deadlines), or redis://[user:password@]host:port[/db] / rediss://\u2026, or redis-sentinel://host:port[,host:port\u2026]/<primary>[/db] (Valkey \u2265 7.2, Redis OSS \u2265 7.0), shared by several instances.'),
    'state-encryption-key-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
        .optional()
        .describe('File with the 32-byte AES-256-GCM key (64 hex digits or base64) that seals GitHub tokens kept in a shared store; else STEPWARDEN_STATE_KEY. Required with redis state.'),
    'state-capacity': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(1000)
        .max(16_000_000)
        .default(1_000_000)
        .describe('Memory state: how many live exchanges (used jtis, claims, records, each kept for its window) one instance holds; past it new exchanges are refused with 503 ERR_STATE_FULL and an alarm instead of growing without bound (about 1 KB of heap each).'),
    'state-strict': zod__WEBPACK_IMPORTED_MODULE_8__/* .boolean */ .zMY()
        .default(false)
        .describe('Redis state: after each jti and claim write, WAIT for one replica to acknowledge or refuse (503), so a failover cannot forget a used jti or claim; before a credential leaves, WAIT for its record likewise or revoke it and refuse (503 ERR_STATE_NOT_REPLICATED); after each revocation, job end, kill-switch block and unblock, WAIT likewise or answer 503 ERR_STATE_NOT_REPLICATED (written at the primary, retry until 200).'),
    'state-strict-timeout-ms': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(1)
        .max(10_000)
        .default(200)
        .describe('How long state-strict waits for the replica acknowledgement.'),
    'rate-limit': zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        'per-repository': rate.default('600/min'),
        'replays-per-repository': rate
            .default('60/min')
            .describe('Refused replays of an already used OIDC token: counted apart, so they never drain per-repository.'),
    })
        .default({ 'per-repository': '600/min', 'replays-per-repository': '60/min' }),
    'admin-tokens-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
        .optional()
        .describe('File of named admin tokens, one a line: `name:sha256hex` or `name token`; the name is the audit actor. Absent: admin endpoints are off.'),
    audit: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().default('./broker-audit.jsonl').describe('Audit log file (JSON lines).'),
    'audit-refusals-per-repository': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(1)
        .max(1_000_000)
        .default(120)
        .describe("Refusal lines (credential.refused, credential.rate_limited) written per repository per minute; past it a refusal is still refused and counted, and one audit.refusals_suppressed line a minute says how many, by code, from how many tokens, first and last. Grants, revocations, job ends and admin lines are never counted instead. Bounds what one repository's token (a stolen one replayed) writes to the audit disk and its webhook copy."),
    'create-missing-folders': zod__WEBPACK_IMPORTED_MODULE_8__/* .boolean */ .zMY()
        .default(false)
        .describe('Create the folders of audit, signing.key-file and spiffe.key-file at start when they are missing (mode 0700). Default false: a missing folder stops the start (ERR_CONFIG_INVALID), since a typo would put the audit log or the keys where nobody ships or backs them up.'),
    'org-policy': zod__WEBPACK_IMPORTED_MODULE_8__/* .union */ .KCZ([
        zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1),
        zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
            source: zod__WEBPACK_IMPORTED_MODULE_8__/* .literal */ .euz('github'),
            'refresh-seconds': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig().int().min(1).max(3600).default(60),
            file: zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
                .min(1)
                .optional()
                .describe('A local organization policy that applies as well: both apply, the stricter wins, and a consent must be given by both.'),
        }),
    ])
        .optional()
        .describe("Organization policy: a local file (one policy for every owner), or { source: github } to read OWNER/.github:stepwarden/org-policy.yml on its default branch for each owner with the App of the token's issuer (add file: PATH to apply a local policy as well)."),
    'max-token-lifetime': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(60)
        .max(86_400)
        .default(3600)
        .describe('Longest accepted OIDC token lifetime (exp - iat) and oldest accepted iat, seconds.'),
    'require-job-identity': zod__WEBPACK_IMPORTED_MODULE_8__/* .boolean */ .zMY()
        .default(true)
        .describe("Refuse tokens whose job cannot be verified against GitHub's Jobs API (no check_run_id, or no GitHub App). Default true: false lets a step of one job claim another job's grant in the same run."),
    timeouts: zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        upstream: seconds(10).describe('Deadline of one call to GitHub or to an issuer (discovery + JWKS), retries and waits included.'),
        headers: seconds(10).describe("A client's request line and headers must arrive within this."),
        body: seconds(10).describe("A client's body must arrive within this (slow clients are cut)."),
        'keep-alive': seconds(5).describe('An idle keep-alive connection is closed after this.'),
    })
        .default({ upstream: 10, headers: 10, body: 10, 'keep-alive': 5 })
        .describe('Deadlines, in seconds: upstream calls never stall an exchange, slow clients are cut.'),
    'max-connections': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(1)
        .max(100_000)
        .default(1024)
        .describe('Open client connections at most; the next ones are answered 503 and closed.'),
    'clock-tolerance': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(0)
        .max(300)
        .default(60)
        .describe('Leeway for exp/nbf/iat, seconds.'),
    metrics: zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        enabled: zod__WEBPACK_IMPORTED_MODULE_8__/* .boolean */ .zMY().default(true),
        'token-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
            .min(1)
            .optional()
            .describe('File with the bearer token GET /metrics requires; absent: /metrics is open.'),
    })
        .default({ enabled: true })
        .describe('GET /metrics in the Prometheus text format.'),
    'audit-webhook': zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        url: zod__WEBPACK_IMPORTED_MODULE_8__/* .url */ .OZ5().describe('Receives every audit event as a CloudEvent (JSON batch mode).'),
        'token-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1).optional().describe('Bearer token for the webhook.'),
        spool: zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
            .int()
            .min(10)
            .max(1_000_000)
            .default(10_000)
            .describe('Events held while it is down.'),
    })
        .optional()
        .describe('Optional second audit sink (best effort; the audit file stays the record).'),
    'drain-delay': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(0)
        .max(120)
        .default(0)
        .describe('On SIGTERM: seconds to keep serving with /readyz at 503 before closing the listener.'),
    'drain-timeout': zod__WEBPACK_IMPORTED_MODULE_8__/* .number */ .aig()
        .int()
        .min(0)
        .max(300)
        .default(10)
        .describe('On SIGTERM: seconds to let in-flight exchanges finish before cutting them.'),
    'jwt-profile': zod__WEBPACK_IMPORTED_MODULE_8__/* ["enum"] */ .k5n(['default', 'spiffe'])
        .default('default')
        .describe('Shape of the broker-signed JWTs: default, or spiffe (JWT-SVIDs; needs spiffe.trust-domain).'),
    spiffe: zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        'trust-domain': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
            .regex(_providers_jwt_profiles_js__WEBPACK_IMPORTED_MODULE_5__/* .TRUST_DOMAIN */ .wW, 'a SPIFFE trust domain: lower-case letters, digits, . - _')
            .describe('The trust domain of spiffe://<trust-domain>/gh/<owner>/<repo>/<workflow>/<job>/<step>.'),
        'key-file': zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP()
            .min(1)
            .default('./broker-svid-keys.json')
            .describe('Keyring of the JWT-SVID signing keys (published with use: jwt-svid).'),
    })
        .optional()
        .describe('SPIFFE JWT-SVID settings; the bundle is served at /.well-known/spiffe-bundle.'),
    audiences: zod__WEBPACK_IMPORTED_MODULE_8__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_8__/* .string */ .YjP().min(1), zod__WEBPACK_IMPORTED_MODULE_8__/* .strictObject */ .rej({
        'jwt-profile': zod__WEBPACK_IMPORTED_MODULE_8__/* ["enum"] */ .k5n(['default', 'spiffe'])
            .optional()
            .describe('Overrides jwt-profile for this audience.'),
        'aws-session-tags': zod__WEBPACK_IMPORTED_MODULE_8__/* .boolean */ .zMY()
            .default(false)
            .describe('Add https://aws.amazon.com/tags (repository, workflow, job, step, run) for AWS STS.'),
    }))
        .default({})
        .describe('Per-audience JWT options, keyed by the audience a grant names.'),
});
function parseRate(r) {
    const [n, unit] = r.split('/');
    return { limit: Number(n), windowSeconds: unit === 's' || unit === 'sec' ? 1 : unit === 'min' ? 60 : 3600 };
}
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;
/**
 * The warning a shared state store without TLS deserves, or undefined: on anything but loopback, the
 * jtis, claims, kill-switch blocks and the (encrypted) GitHub tokens cross the network in clear, where
 * anyone on the path can read them or answer in the store's place (clear a block, free a claim).
 * A warning rather than a refusal: a store on a private link or a sidecar without TLS is a choice the
 * operator makes knowingly, and the issue's own form is `redis://host:port`.
 */
function stateTransportWarning(state) {
    if (state === 'memory' || state.startsWith('rediss://'))
        return undefined;
    const sentinel = (0,_state_redis_js__WEBPACK_IMPORTED_MODULE_7__/* .parseSentinelUrl */ .JA)(state);
    const hosts = sentinel
        ? (sentinel.sentinels ?? []).map((s) => s.host ?? '')
        : (() => {
            try {
                return [new URL(state).hostname];
            }
            catch {
                return [];
            }
        })();
    const remote = hosts.filter((h) => !LOOPBACK.test(h));
    if (remote.length === 0)
        return undefined;
    return `stepwarden broker: WARNING the state store at ${remote.join(', ')} is reached without TLS: used jtis, claims, kill-switch blocks and the (encrypted) GitHub tokens cross the network in clear, and anyone on the path can read or change them; use rediss://host:port (the certificate is verified; a private CA through NODE_EXTRA_CA_CERTS)${sentinel ? ' (Sentinel URLs have no TLS form yet: keep Sentinels and the primary on a private link)' : ''}\n`;
}
/**
 * A state URL that ioredis would read otherwise than this file does, or undefined (session 38). It
 * takes each query parameter as a client option over the broker's own (`rediss://\u2026?tls=` connected in
 * clear with no warning, `?keyPrefix=` moved every key: two instances, two sets of used jtis), and TLS
 * only from `rediss://` spelt in lower case, where WHATWG's URL lowers the scheme: `REDISS://` passed
 * here and connected in clear. The URL is not quoted (it may hold a password, in its query too).
 */
function stateUrlMisread(s) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(s)?.[1];
    if (scheme !== undefined && scheme !== scheme.toLowerCase())
        return {
            message: `state's scheme must be written in lower case: the Redis client takes TLS only from \`rediss://\` spelt so, and connects \`${scheme.slice(0, 20)}://\` in clear`,
            fix: 'write redis://, rediss:// or redis-sentinel://',
        };
    if (/^rediss?:\/\//.test(s) && /[?#]/.test(s))
        return {
            message: "state's URL has a query or fragment: the Redis client reads each query parameter as a connection option over the broker's own (`?tls=` connects rediss:// in clear, `?keyPrefix=` moves every key)",
            fix: 'remove it: redis://[user:password@]host:port[/db] or rediss://\u2026 (a `?` or `#` in the password percent-encoded)',
        };
    return undefined;
}
function validStateUrl(s) {
    if (s.startsWith('redis-sentinel://'))
        return (0,_state_redis_js__WEBPACK_IMPORTED_MODULE_7__/* .parseSentinelUrl */ .JA)(s) !== undefined;
    try {
        const u = new URL(s);
        return ((u.protocol === 'redis:' || u.protocol === 'rediss:') &&
            u.hostname !== '' &&
            /^(\/\d{0,2})?$/.test(u.pathname));
    }
    catch {
        return false;
    }
}
/** Validates the parts zod cannot: issuer URLs, and that audience github has an App. */
function semantic(cfg, file, lineOf) {
    const problems = [];
    for (const [i, iss] of cfg.issuers.entries()) {
        try {
            (0,_oidc_verify_js__WEBPACK_IMPORTED_MODULE_4__/* .assertIssuerUrl */ .HB)(typeof iss === 'string' ? iss : iss.url);
        }
        catch (err) {
            problems.push({
                file,
                line: lineOf(['issuers', i]),
                message: err.message,
                fix: 'use an https:// issuer',
            });
        }
    }
    const settings = issuerSettings(cfg);
    for (const [i, s] of settings.entries()) {
        if (s.manifests.source === 'github' && !s.github)
            problems.push({
                file,
                line: lineOf(typeof cfg.issuers[i] === 'string' ? ['manifests'] : ['issuers', i]),
                message: `manifests from github need the \`github\` App settings (issuer ${s.url})`,
                fix: 'add github: { app-id, private-key-file }',
            });
    }
    problems.push(...issuerBindingProblems(cfg, settings, file, lineOf));
    if (new Set(settings.map((s) => s.url)).size !== settings.length)
        problems.push({
            file,
            line: lineOf(['issuers']),
            message: 'an issuer is listed twice',
            fix: 'list each issuer once',
        });
    if (typeof cfg['org-policy'] === 'object' && !cfg.github && !settings.some((s) => s.github)) {
        problems.push({
            file,
            line: lineOf(['org-policy']),
            message: 'an organization policy from github needs the `github` App settings',
            fix: 'add github: { app-id, private-key-file }, or give org-policy a local file',
        });
    }
    // docs and deploy templates write `${PASSWORD}`; the broker expands nothing, and the literal text
    // sent as a password failed later as "wrong user or password" for a password that is right.
    const misread = cfg.state === 'memory' ? undefined : stateUrlMisread(cfg.state);
    if (/\$\{[^}]*\}/.test(cfg.state)) {
        problems.push({
            file,
            line: lineOf(['state']),
            message: `state holds \`${/\$\{[^}]*\}/.exec(cfg.state)[0].slice(0, 40)}\`: the broker expands no variables in its config`,
            fix: 'render the file before the broker reads it (e.g. envsubst < broker.yml.in > broker.yml, a Kubernetes secret or your config tool), or write the value',
        });
    }
    else if (misread) {
        problems.push({ file, line: lineOf(['state']), ...misread });
    }
    else if (cfg.state !== 'memory' && !validStateUrl(cfg.state)) {
        problems.push({
            file,
            line: lineOf(['state']),
            message: `state '${cfg.state.replace(/\/\/[^@/]*@/, '//***@')}' is not supported`,
            fix: 'use memory, redis://[user:password@]host:port[/db], rediss://\u2026 or redis-sentinel://host:port[,host:port]/<primary>[/db]',
        });
    }
    const apps = [
        ...(cfg.github ? [{ app: cfg.github, path: ['github'] }] : []),
        ...cfg.issuers.flatMap((iss, i) => typeof iss !== 'string' && iss.github ? [{ app: iss.github, path: ['issuers', i, 'github'] }] : []),
    ];
    for (const { app, path } of apps) {
        const sources = ['private-key-file', 'private-key-env', 'private-key-command'].filter((k) => app[k] !== undefined);
        if (sources.length !== 1)
            problems.push({
                file,
                line: lineOf(path),
                message: `the GitHub App key needs exactly one source, found ${sources.length ? sources.join(', ') : 'none'}`,
                fix: 'give one of private-key-file, private-key-env or private-key-command',
            });
    }
    const spiffeUsers = [
        ...(cfg['jwt-profile'] === 'spiffe' ? [['jwt-profile']] : []),
        ...Object.entries(cfg.audiences)
            .filter(([, a]) => a['jwt-profile'] === 'spiffe')
            .map(([aud]) => ['audiences', aud, 'jwt-profile']),
    ];
    if (spiffeUsers.length && !cfg.spiffe) {
        problems.push({
            file,
            line: lineOf(spiffeUsers[0]),
            message: 'the spiffe JWT profile needs a trust domain',
            fix: 'add spiffe: { trust-domain: example.org }',
        });
    }
    // One keyring for both would put each key in the JWKS twice, as `use: sig` and `use: jwt-svid`: a
    // JWT-SVID would then verify as a plain broker JWT (and the reverse), the separation the two uses make.
    if (cfg.spiffe &&
        (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cfg.baseDir, cfg.spiffe['key-file']) === (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cfg.baseDir, cfg.signing['key-file']))
        problems.push({
            file,
            line: lineOf(['spiffe', 'key-file']),
            message: 'spiffe.key-file is the same file as signing.key-file',
            fix: 'give the JWT-SVID keyring its own file, e.g. spiffe: { key-file: ./broker-svid-keys.json }',
        });
    if (problems.length)
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ManifestError */ .Sh(problems, 'ERR_CONFIG_INVALID');
}
/** The GitHub an App's API URL belongs to, when its form says so (a proxy in front of GitHub does not). */
function githubOfApi(api) {
    let u;
    try {
        u = new URL(api);
    }
    catch {
        return undefined;
    }
    const path = u.pathname.replace(/\/$/, '');
    if (u.origin === 'https://api.github.com' && path === '')
        return 'github.com';
    const tenant = /^api\.([a-z0-9-]+)\.ghe\.com$/.exec(u.hostname);
    if (tenant && path === '')
        return `${tenant[1]}.ghe.com`;
    if (path === '/api/v3')
        return u.host;
    return undefined;
}
/** A GitHub named by its host (a GHES server), not github.com or a ghe.com tenant. */
const ghesHost = (name) => name !== 'github.com' && !name.endsWith('.ghe.com');
/**
 * Issuers of different GitHubs must not share an App or a manifest directory, and an App must be on
 * its issuer's GitHub. An issuer written as a plain string takes the top-level `github` and
 * `manifests`: a GHES server's or a ghe.com tenant's token was then judged against github.com's
 * manifests (bound only by repository and owner ids, which each GitHub numbers on its own) and minted
 * through github.com's App for the repository of that name. Issuers of one GitHub (github.com's and
 * its enterprise path form) share as before; an issuer whose GitHub the URL does not tell (a stand-in)
 * is its origin's.
 */
function issuerBindingProblems(cfg, settings, file, lineOf) {
    const out = [];
    const siteOf = (url) => (0,_github_site_js__WEBPACK_IMPORTED_MODULE_6__/* .githubOfIssuer */ .C)(url)?.name ?? (URL.canParse(url) ? new URL(url).origin : url);
    const appOf = (s) => s.github ? `${s.github['app-id']} ${s.github.api.replace(/\/+$/, '')}` : undefined;
    const dirOf = (s) => s.manifests.source === 'directory' ? (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cfg.baseDir, s.manifests.path) : undefined;
    const own = (i) => (typeof cfg.issuers[i] === 'string' ? undefined : cfg.issuers[i]);
    const bound = new Set();
    for (const [j, s] of settings.entries()) {
        for (const t of settings.slice(0, j)) {
            if (siteOf(t.url) === siteOf(s.url))
                continue;
            const sharedApp = appOf(s) !== undefined && appOf(s) === appOf(t);
            const sharedDir = dirOf(s) !== undefined && dirOf(s) === dirOf(t);
            // One list object: both took the top-level owner-ids, numbers of one GitHub.
            const sharedOwners = s.ownerIds !== undefined && s.ownerIds === t.ownerIds;
            if (!sharedApp && !sharedDir && !sharedOwners)
                continue;
            const what = sharedApp
                ? `the GitHub App (app-id ${s.github['app-id']} at ${s.github.api})`
                : sharedDir
                    ? `the manifest directory ${s.manifests.path}`
                    : 'the top-level owner-ids';
            const api = (0,_github_site_js__WEBPACK_IMPORTED_MODULE_6__/* .githubOfIssuer */ .C)(s.url)?.api ?? 'API_URL';
            out.push({
                file,
                line: lineOf(['issuers', j]),
                message: `issuer ${s.url} shares ${what} with issuer ${t.url}, which is another GitHub's: its tokens would be judged against the other GitHub's manifests (repository and owner ids are numbered by each GitHub on its own) and minted through its App`,
                fix: `give that issuer its own manifests, App and owners: - url: ${s.url} with github: { api: ${api}, app-id: ID, private-key-file: FILE }, manifests: { source: github } (or a directory of its own) and, with owner-ids, its own owner-ids`,
            });
            bound.add(j);
            break;
        }
    }
    for (const [i, s] of settings.entries()) {
        if (bound.has(i) || !s.github)
            continue;
        const site = (0,_github_site_js__WEBPACK_IMPORTED_MODULE_6__/* .githubOfIssuer */ .C)(s.url);
        const apiSite = githubOfApi(s.github.api);
        if (!site || !apiSite || apiSite === site.name)
            continue;
        // A GHES issuer's App at `/api/v3` of another host: a reverse proxy in front of that server keeps
        // its path, so the URL cannot tell it from another server (refusing it stopped a working
        // deployment with no way to say "proxy"). github.com's and a tenant's APIs are recognisable.
        if (ghesHost(site.name) && ghesHost(apiSite))
            continue;
        out.push({
            file,
            line: lineOf(own(i)?.github ? ['issuers', i, 'github'] : ['github']),
            message: `the GitHub App of issuer ${s.url} is at ${s.github.api}, the API of another GitHub (${apiSite}) than the issuer's (${site.name}): its tokens would be judged against that GitHub's manifests and minted through its App`,
            fix: `set api: ${site.api} in that issuer's github settings (an App of its own GitHub), or list the issuer of ${apiSite} instead`,
        });
    }
    return out;
}
const SOURCE = Symbol('stepwarden config source');
function loadBrokerConfig(text, file, baseDir) {
    const loaded = (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_2__/* .loadYaml */ .yv)(text, file, brokerConfigSchema, 'ERR_CONFIG_INVALID');
    const cfg = { ...loaded.value, baseDir };
    semantic(cfg, file, loaded.lineOf);
    // Not enumerable: a reload compares configs key by key.
    Object.defineProperty(cfg, SOURCE, { value: { file, lineOf: loaded.lineOf } });
    return cfg;
}
function sourceOf(cfg) {
    return cfg[SOURCE] ?? { file: '(broker config)', lineOf: () => 1 };
}
/**
 * At start: the folder of each file the broker writes (the audit log unless the caller brings its
 * own sink, the keyrings) must exist. Creating it silently turned a typo into an audit log nobody
 * ships and a keyring nobody backs up (and a second keyring, whose keys the other instances do not
 * publish). Refused with ERR_CONFIG_INVALID (key, line, path, fix) unless create-missing-folders.
 */
async function checkConfigFolders(cfg, opts) {
    const src = sourceOf(cfg);
    const files = [
        ...(opts.audit ? [[['audit'], cfg.audit]] : []),
        [['signing', 'key-file'], cfg.signing['key-file']],
        ...(cfg.spiffe ? [[['spiffe', 'key-file'], cfg.spiffe['key-file']]] : []),
    ];
    const problems = [];
    for (const [path, value] of files) {
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cfg.baseDir, value));
        const missing = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(dir).then(() => false, (err) => err.code === 'ENOENT');
        if (!missing)
            continue;
        const key = path.join('.');
        if (cfg['create-missing-folders']) {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(dir, { recursive: true, mode: 0o700 });
            continue;
        }
        problems.push({
            file: src.file,
            line: src.lineOf(path),
            message: `the folder ${dir} of \`${key}\` (${value}) does not exist`,
            fix: `correct the \`${key}\` path, or create the folder (mkdir -p ${dir}; owned by the broker's user, mode 0700); create-missing-folders: true lets the broker create it at start`,
        });
    }
    if (problems.length)
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ManifestError */ .Sh(problems, 'ERR_CONFIG_INVALID');
}
async function readBrokerConfig(path, cwd) {
    if (!path)
        return loadBrokerConfig('{}', '(embedded defaults)', cwd);
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(cwd, path);
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(full, 'utf8');
    }
    catch {
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .ManifestError */ .Sh([{ file: path, line: 1, message: 'cannot read the broker config', fix: 'check the --config path' }], 'ERR_CONFIG_INVALID');
    }
    return loadBrokerConfig(text, path, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(full));
}
function issuerSettings(cfg) {
    return cfg.issuers.map((iss) => {
        const own = typeof iss === 'string' ? { url: iss } : iss;
        const github = own.github ?? cfg.github;
        const ownerIds = ('owner-ids' in own ? own['owner-ids'] : undefined) ?? cfg['owner-ids'];
        return {
            url: own.url,
            audience: own.audience ?? cfg.audience,
            ...(github ? { github } : {}),
            manifests: own.manifests ?? cfg.manifests,
            ...(ownerIds ? { ownerIds } : {}),
        };
    });
}


/***/ }),

/***/ 8407:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ githubOfIssuer),
/* harmony export */   y: () => (/* binding */ githubNameOf)
/* harmony export */ });
/* harmony import */ var _oidc_verify_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5273);
/**
 * Which GitHub an issuer URL belongs to, pure: github.com's issuer (also its enterprise path form
 * `\u2026/ENTERPRISE`), a ghe.com tenant's, a GHES server's `https://HOST/_services/token`. The config's
 * issuer binding and the broker JWTs' naming of the workload's GitHub read it here, one rule.
 */

/** The GitHub an issuer URL belongs to, when its form says so. */
function githubOfIssuer(url) {
    let u;
    try {
        u = new URL(url);
    }
    catch {
        return undefined;
    }
    if (u.origin === _oidc_verify_js__WEBPACK_IMPORTED_MODULE_0__/* .GITHUB_ISSUER */ .oX)
        return { name: 'github.com', api: 'https://api.github.com' };
    const tenant = /^token\.actions\.([a-z0-9-]+)\.ghe\.com$/.exec(u.hostname);
    if (tenant && u.protocol === 'https:')
        return { name: `${tenant[1]}.ghe.com`, api: `https://api.${tenant[1]}.ghe.com` };
    if (u.pathname.replace(/\/$/, '') === '/_services/token')
        return { name: u.host, api: `${u.protocol}//${u.host}/api/v3` };
    return undefined;
}
/**
 * The name of an issuer's GitHub: `github.com`, `TENANT.ghe.com`, a GHES server's host, or, for an
 * issuer whose URL does not say (a stand-in), its host.
 */
function githubNameOf(issuer) {
    return githubOfIssuer(issuer)?.name ?? (URL.canParse(issuer) ? new URL(issuer).host : issuer);
}


/***/ }),

/***/ 6988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   jN: () => (/* binding */ JobIdentityChecker)
/* harmony export */ });
/* unused harmony exports canShow, jobNameMatches, calledOwnName, directOwnJob, callerJobOf, judgeJob, judgeTrustedCaller */
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9084);
/* harmony import */ var _workflow_parse_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4709);
/* harmony import */ var _workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1348);
/* harmony import */ var _clock_steady_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8381);
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6863);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5031);
/**
 * Job identity, verified rather than asserted. The `job` form field of an exchange is the caller's
 * word; GitHub's OIDC token names the job that asked for it (`check_run_id`), and the Actions Jobs
 * API says which job that is. A step of job `build` that sends `job=publish` (to claim the release
 * job's grant with its own token) is refused here and audited as possible theft.
 *
 * The matching is pure (`judgeJob`); `JobIdentityChecker` adds the two reads (the job, and the job's
 * `name:` from the workflow at `job_workflow_sha`) with small bounded caches.
 */






/** `; path:line: why`, when the file's jobs could not be read. */
const unparsed = (f) => f.error
    ? `; stepwarden cannot read that file (${f.where.split('@')[0]}:${f.error.line} ${f.error.message}), so none of its jobs is verified`
    : '';
/**
 * A called job's shown name adds its callers' (each cut at `NAME_CUT` the same way, at most ten levels
 * of called workflows), so no name GitHub shows is near `MAX_SHOWN_NAME`.
 */

const MAX_SHOWN_NAME = 2048;
/**
 * A shown name longer than GitHub shows is refused before any matching: it is not GitHub's, and the
 * matching over every split of a called job's name grows with its length times the jobs of the file.
 */
function tooLong(shown) {
    if (shown.length <= MAX_SHOWN_NAME)
        return undefined;
    return `is named with ${shown.length} characters ('${shown.slice(0, 60)}...'), longer than GitHub shows a job's name (${_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .NAME_CUT */ .XV} characters per job, at most ten levels of called workflows; this broker reads up to ${MAX_SHOWN_NAME})`;
}
const cutWhy = (shown) => `is named '${shown}', which GitHub cut at ${_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .NAME_CUT */ .XV} characters (it shows longer names as 97 characters and '...'), so it cannot be told apart from another job's long name`;
const cutFix = "give the job a name of at most 100 characters with its matrix values (GitHub's cut, rule job-name-collision of the check)";
/** Where each ` / ` segment of a shown name starts, as `split(' / ')` finds them. */
function segmentStarts(shown) {
    const at = [0];
    for (let i = shown.indexOf(' / '); i >= 0; i = shown.indexOf(' / ', i + 3))
        at.push(i + 3);
    return at;
}
/**
 * Whether job `id` (whose `name:` is `declared`) can be shown as `text`: its name with every
 * expression as any text, else its id, with an optional matrix suffix of any text. This is the shown
 * side of the check's rule `job-name-collision` (shared/workflow/job-names.ts `shownPatterns`, not
 * exported), matched as a `*`-only glob: that file's general `patternsMeet` search is quadratic in
 * the lengths, and this runs for every job of the file on every request. A job that can show a name
 * the broker reads as job J is exactly a pair the rule reports, so the file's n\u00b2 pairs are never
 * needed. tests/broker/hostile-s10-direct-names.test.ts holds the verdicts to the rule's
 * `shownAsJobs` and this matcher to `patternsMeet`.
 */
function canShow(text, id, declared) {
    const parts = declared !== undefined && declared !== '' ? (0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .templateParts */ .Di)(declared) : [id];
    const suffixed = [...parts.slice(0, -1), `${parts.at(-1)} (`, ')'];
    return fitsStars(text, parts) || fitsStars(text, suffixed);
}
/**
 * Whether `text` is `parts` joined by runs of characters (a glob of `*` only; with `forbid`, runs
 * without that character: an expression of a judged name is `[^/]*`), linear in practice: the first
 * part opens it, the last closes it, and each middle part is taken at its leftmost place. Leftmost
 * never loses a match: it leaves the shortest run before it (a forbidden character in that run is in
 * every longer one) and the most text after it. No regular expression: the shown name is the
 * workflow's input, and `[^/]*` between repeated literals backtracks polynomially (five expressions
 * and a name of 200 characters took 6 s of the event loop).
 */
function fitsStars(text, parts, forbid) {
    if (parts.length === 1)
        return text === parts[0];
    const first = parts[0];
    const last = parts.at(-1);
    if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
        return false;
    let at = first.length;
    const end = text.length - last.length;
    const clean = (from, to) => forbid === undefined || !text.slice(from, to).includes(forbid);
    for (const part of parts.slice(1, -1)) {
        const i = text.indexOf(part, at);
        if (i < 0 || i + part.length > end || !clean(at, i))
            return false;
        at = i + part.length;
    }
    return clean(at, end);
}
const escape = (s) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
/**
 * Does the Jobs API name `actual` belong to manifest job `jobId` (whose workflow `name:` is
 * `declared`, when it has one)? GitHub shows a job by its `name:` (expressions evaluated), else by its
 * id; a matrix job adds ` (v1, v2)`; a job of a called workflow is `caller / callee`.
 */
function jobNameMatches(actual, jobId, declared, direct = false) {
    return wholeNameMatches(shownOwnName(actual, direct), jobId, declared);
}
/**
 * The part of a Jobs API name that is the job's own: all of it for a job of the workflow the run
 * started (`direct`), else what follows the last ` / ` (a job of a called workflow). A direct job's
 * name never has a caller prefix, so a ` / ` in it is its own text: `name: Build ${{ inputs.target }}`
 * shown as `Build x / publish` is not job `publish`.
 */
function shownOwnName(actual, direct) {
    if (direct || !actual.includes(' / '))
        return actual;
    return actual.slice(actual.lastIndexOf(' / ') + 3);
}
/** The token's job belongs to the workflow the run started (not to a called one). */
function directJob(claims) {
    return (typeof claims.workflow_ref === 'string' &&
        claims.workflow_ref !== '' &&
        claims.workflow_ref === claims.job_workflow_ref);
}
/** The token says its job runs in a workflow the run's workflow called (both refs given, different). */
function calledJob(claims) {
    return (typeof claims.workflow_ref === 'string' &&
        claims.workflow_ref !== '' &&
        typeof claims.job_workflow_ref === 'string' &&
        claims.job_workflow_ref !== '' &&
        claims.workflow_ref !== claims.job_workflow_ref);
}
/**
 * Where a called job's own name starts in the name GitHub shows (`<caller chain> / <own name>`), pure.
 * Either side may hold ` / ` (a caller job `name: Deploy / prod`, a callee job
 * `name: ${{ inputs.x }} / publish`), so the last segment proves nothing: every split is tried against
 * every job of the callee file, and the name must read one way only. Returns the segment index of the
 * own name, or throws ERR_JOB_IDENTITY (no reading is the requested job) or ERR_JOB_IDENTITY_AMBIGUOUS.
 */
function calledOwnName(shown, requestedJob, callee, refuse) {
    const long = tooLong(shown);
    if (long)
        throw refuse('ERR_JOB_IDENTITY', long);
    // Each split read in place (`shown.slice(starts[k])`), not re-joined: the name is the workflow's input.
    const starts = segmentStarts(shown);
    const own = (k) => shown.slice(starts[k]);
    const callers = (k) => shown.slice(0, starts[k] - 3);
    if (starts.length < 2)
        throw refuse('ERR_JOB_IDENTITY', `is named '${shown}', which has no caller part ('<caller job> / <job>'), though the token says its job was called (job_workflow_ref is not workflow_ref)`);
    const mine = callee?.jobs.get(requestedJob);
    if (!callee || !mine) {
        // Without the callee file only one split can be judged: the name must have exactly one ` / `.
        if (starts.length > 2)
            throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `is named '${shown}', whose caller part and own name cannot be told apart: ${callee ? `${callee.where} has no job '${requestedJob}'` : 'the called workflow file could not be read at job_workflow_sha'}`);
        if (callee)
            throw refuse('ERR_JOB_IDENTITY', `runs ${callee.where}, which has no job '${requestedJob}'${unparsed(callee)}`);
        if (!wholeNameMatches(own(1), requestedJob))
            throw refuse('ERR_JOB_IDENTITY', `is named '${shown}', which is not job '${requestedJob}'`);
        return 1;
    }
    // Before any reading, as for a direct job.
    if ((0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .cutByGithub */ .zn)(shown))
        throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `${cutWhy(shown)}; ${cutFix}`);
    const readings = [];
    for (let k = 1; k < starts.length; k++)
        for (const [id, j] of callee.jobs)
            if (wholeNameMatches(own(k), id, j.name))
                readings.push({ at: k, job: id });
    const as = (r) => `job '${r.job}' (${callee.where.split('@')[0]}:${callee.jobs.get(r.job).line}) named '${own(r.at)}' called by '${callers(r.at)}'`;
    // A few readings say what is wrong; all of them would make the refusal as long as the name times the file.
    const listed = (rs, sep) => `${rs.slice(0, 3).map(as).join(sep)}${rs.length > 3 ? `${sep}${rs.length - 3} more` : ''}`;
    if (!readings.some((r) => r.job === requestedJob))
        throw refuse('ERR_JOB_IDENTITY', `is named '${shown}', which is not job '${requestedJob}' of ${callee.where}${mine.name ? ` (name: ${mine.name})` : ''}${readings.length ? `; it reads as ${listed(readings, ', or ')}` : ''}`);
    if (readings.length > 1)
        throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `is named '${shown}', which reads as ${listed(readings, ', or as ')}; give the called jobs names that cannot be read as one another (no ' / ' followed by another job's name or id)`);
    // One reading, but another job of the file can be shown under it (a `name:` made only of
    // expressions, `${{ inputs.label }}` called with label=publish): the name does not tell them apart.
    const impostors = [...callee.jobs]
        .filter(([id, j]) => id !== requestedJob && !j.uses && canShowAt(shown, starts, id, j.name))
        .map(([id]) => id);
    if (impostors.length)
        throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `is named '${shown}', which reads as ${as(readings[0])}, but ${impostors.map((id) => `job '${id}' (${callee.where.split('@')[0]}:${callee.jobs.get(id).line})`).join(', ')} can be shown under that name as well (rule job-name-collision of the check); give the jobs names that cannot be read as one another (a literal part no other job's name or id fits)`);
    return readings[0].at;
}
/**
 * Whether job `id` can be shown as the own part of `shown` at any split (`starts`, segment 1 on), in
 * one pass: for a glob of several parts the earliest split whose text starts with the first part is
 * the best (a longer text leaves the leftmost middle parts no later and the same end), so only it is
 * matched; a glob of one part is an exact text, compared by length first.
 */
function canShowAt(shown, starts, id, declared) {
    const parts = declared !== undefined && declared !== '' ? (0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .templateParts */ .Di)(declared) : [id];
    const suffixed = [...parts.slice(0, -1), `${parts.at(-1)} (`, ')'];
    return [parts, suffixed].some((glob) => {
        for (let k = 1; k < starts.length; k++) {
            const from = starts[k];
            if (glob.length === 1) {
                if (shown.length - from === glob[0].length && shown.startsWith(glob[0], from))
                    return true;
            }
            else if (shown.startsWith(glob[0], from))
                return fitsStars(shown.slice(from), glob);
        }
        return false;
    });
}
/**
 * A job of the workflow the run started, judged against every job of its file at `job_workflow_sha`,
 * pure. The shown name must fit the requested job (its id, or its `name:` with expressions as
 * `[^/]*`), and no other job may own it: neither a job the shown name also fits, nor a job that could
 * have shown this very name (`canShow`: then it is a pair of the check's `job-name-collision`). The
 * second is what a name made only of expressions needs: job `build`
 * named `${{ inputs.label }}` is shown as `publish` when dispatched with `label=publish`, and nothing in
 * that name tells the two apart. Throws ERR_JOB_IDENTITY or ERR_JOB_IDENTITY_AMBIGUOUS.
 */
function directOwnJob(shown, requestedJob, file, refuse) {
    const long = tooLong(shown);
    if (long)
        throw refuse('ERR_JOB_IDENTITY', long);
    const path = file.where.split('@')[0];
    const at = (id) => `job '${id}' (${path}:${file.jobs.get(id).line})`;
    const mine = file.jobs.get(requestedJob);
    if (!mine || mine.uses)
        throw refuse('ERR_JOB_IDENTITY', `runs ${file.where}, which has no job '${requestedJob}'${mine ? ' with steps of its own (it calls a reusable workflow)' : ''}${unparsed(file)}`);
    // Before any reading: what GitHub cut off is unknown, and a long matrix name cut in its values
    // would otherwise be refused as another job's (the operator needs to hear it was cut).
    if ((0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .cutByGithub */ .zn)(shown))
        throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `${cutWhy(shown)}; ${cutFix}`);
    const fits = [...file.jobs]
        .filter(([id, j]) => id !== requestedJob && !j.uses && wholeNameMatches(shown, id, j.name))
        .map(([id]) => id);
    if (!wholeNameMatches(shown, requestedJob, mine.name))
        throw refuse('ERR_JOB_IDENTITY', `is named '${shown}', which is not job '${requestedJob}' of ${file.where}${mine.name ? ` (name: ${mine.name})` : ''}${fits.length ? `; it reads as ${fits.map(at).join(', or ')}` : ''}`);
    const impostors = [...file.jobs]
        .filter(([id, j]) => id !== requestedJob && !j.uses && !fits.includes(id) && canShow(shown, id, j.name))
        .map(([id]) => id);
    if (!fits.length && !impostors.length)
        return;
    const why = [
        ...fits.map((id) => `${at(id)}, which the name '${shown}' fits as well`),
        ...impostors.map((id) => `${at(id)}, which can be shown as '${shown}' too`),
    ];
    throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `is named '${shown}', which fits ${at(requestedJob)}, but is not told apart from ${why.join(', and from ')} (rule job-name-collision of the check); give the jobs names that cannot be read as one another (a literal part no other job's name or id fits)`);
}
/** `shown` (no ` / ` split) is job `jobId` whose `name:` is `declared`, with an optional matrix suffix. */
function wholeNameMatches(shown, jobId, declared) {
    // A name made only of expressions would match any job: then only the id counts.
    const parts = declared && (0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .hasLiteral */ .et)(declared) ? (0,_workflow_job_names_js__WEBPACK_IMPORTED_MODULE_2__/* .templateParts */ .Di)(declared) : undefined;
    const base = (t) => t === jobId || (parts !== undefined && fitsStars(t, parts, '/'));
    if (base(shown))
        return true;
    // A matrix suffix ` (a, b)`: the last ` (` of the name, with no parenthesis inside.
    if (!shown.endsWith(')'))
        return false;
    const open = shown.lastIndexOf('(');
    return (open >= 1 &&
        shown[open - 1] === ' ' &&
        !shown.slice(open + 1, -1).includes(')') &&
        base(shown.slice(0, open - 1)));
}
/**
 * Which job of the caller workflow a called job belongs to, pure. GitHub shows a job of a called
 * workflow as `<caller job name> / <callee job name>` (deeper calls add segments); the caller job's
 * name is its `name:` (expressions evaluated, matrix suffix ` (a, b)`) or its id. The prefix must
 * identify exactly one job of the caller file that calls a reusable workflow (the callee itself, for a
 * direct call): a `name:` of one job spelling another's id makes it ambiguous, and ambiguous is refused.
 */
function callerJobOf(shown, calleeFile, jobs, 
/** OWNER/REPO of the caller and callee (a `uses:` of this repository by its full name counts). */
repository, 
/** The segment the called job's own name starts at, when known (JobIdentity.own_at); else the last. */
ownAt) {
    const long = tooLong(shown);
    if (long)
        return { unverified: `the job ${long}` };
    const all = segmentStarts(shown);
    if (all.length < 2)
        return { unverified: `the job's name '${shown}' is not '<caller job> / <called job>'` };
    // Only the caller chain is searched: what follows it is the called job's own name.
    const starts = ownAt !== undefined && ownAt >= 1 && ownAt < all.length ? all.slice(0, ownAt + 1) : all;
    const self = repository ? `|^${escape(repository)}/` : '';
    const callsCallee = new RegExp(`(^\\./${self})\\.github/workflows/${escape(calleeFile)}(@|$)`, 'i');
    const hits = new Set();
    for (let k = 1; k < starts.length; k++) {
        // Read in place: the caller part before segment k.
        const prefix = shown.slice(0, starts[k] - 3);
        const direct = k === starts.length - 1;
        for (const j of jobs)
            if (j.uses && (!direct || callsCallee.test(j.uses)) && wholeNameMatches(prefix, j.id, j.name))
                hits.add(j.id);
    }
    if (hits.size === 1)
        return { job: [...hits][0] };
    return {
        unverified: hits.size
            ? `the job's name '${shown}' fits several caller jobs (${[...hits].join(', ')})`
            : `no job of the caller workflow that calls ${calleeFile} is shown as '${shown.slice(0, starts.at(-1) - 3)}'`,
    };
}
/** The verdict on one job, pure. Throws the refusal, with what the policy author or responder needs. */
function judgeJob(claims, requestedJob, job, declaredName, 
/**
 * The jobs of the file at job_workflow_ref/job_workflow_sha (JobIdentityChecker reads it for every
 * job); a called job is judged on its whole name against them (calledOwnName), a direct one against
 * every job of its file (directOwnJob).
 */
callee) {
    const id = String(claims.check_run_id);
    const refuseWith = (code, what) => new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('invalid_grant', code, `the token's job (check_run_id ${id}) ${what}; requested job '${requestedJob}' (possible theft of another job's grant)`);
    const refuse = (what) => refuseWith('ERR_JOB_IDENTITY', what);
    judgeRun(claims, job, refuse);
    if (callee !== undefined && calledJob(claims)) {
        const at = calledOwnName(job.name, requestedJob, callee ?? undefined, refuseWith);
        return { status: 'verified', check_run_id: id, job_name: job.name, own_at: at };
    }
    if (callee && directJob(claims)) {
        directOwnJob(job.name, requestedJob, callee, refuseWith);
        return { status: 'verified', check_run_id: id, job_name: job.name };
    }
    if (!jobNameMatches(job.name, requestedJob, declaredName, directJob(claims)))
        throw refuse(`is named '${job.name}', which is not job '${requestedJob}'${declaredName ? ` (name: ${declaredName})` : ''}`);
    return { status: 'verified', check_run_id: id, job_name: job.name };
}
/**
 * A direct job whose workflow file cannot be read at its commit: refused, not guessed (503: the App
 * may lack `contents: read`, or GitHub did not serve the file; a fresh token retries).
 */
function unreadable(claims, id, which = 'job_workflow') {
    const sha = String((which === 'workflow' ? claims.workflow_sha : (claims.job_workflow_sha ?? claims.workflow_sha)) ?? '');
    const ref = String(which === 'workflow' ? claims.workflow_ref : claims.job_workflow_ref);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_JOB_IDENTITY_UNAVAILABLE', /^[0-9a-f]{40}$/.test(sha)
        ? `the token's job (check_run_id ${id}) runs ${ref}, whose file could not be read at ${which}_sha ${sha}, so its shown name cannot be told apart from another job's of that file; refused rather than guessed (the GitHub App needs contents: read on ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(claims.repository)})`
        : `the token's job (check_run_id ${id}) has no ${which}_sha to read its workflow file at, so its shown name cannot be told apart from another job's of that file; refused rather than guessed`, 503);
}
/**
 * A workflow file over GitHub's 1 MB contents limit: its jobs cannot be read, so the shown name cannot be
 * told apart from another job's. Refused (400, not 503: reading again will not help), saying so.
 */
function tooLarge(claims, err) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('invalid_grant', 'ERR_JOB_IDENTITY', `the token's job (check_run_id ${String(claims.check_run_id)}) cannot be told apart from another job of its workflow file: ${err.description} (move steps into composite actions or reusable workflows); refused rather than guessed`);
}
/** `reader.readFile`, with GitHub's too-large answer as a value (the callers word it for a job). */
async function readWorkflow(reader, owner, repo, path, sha) {
    try {
        return await reader.readFile(owner, repo, path, sha);
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .FileTooLargeRefusal */ .E4)
            return err;
        throw err;
    }
}
/** The Jobs API job belongs to the token's run and attempt and is running, or a refusal. */
function judgeRun(claims, job, refuse) {
    // The job is asked for by the token's check_run_id as a JSON number: one past 2^53 - 1 is asked (and
    // answered) rounded, a neighbouring job of the same run, whose name would verify the request.
    if (String(job.id) !== String(claims.check_run_id))
        throw refuse(`is job ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(String(job.id))}, not the check run ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(String(claims.check_run_id))} (an id past 2^53 - 1 cannot be asked for exactly)`);
    if (String(job.run_id) !== claims.run_id)
        throw refuse(`belongs to run ${job.run_id}, not the token's run_id ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(claims.run_id)}`);
    if (job.run_attempt !== undefined && String(job.run_attempt) !== claims.run_attempt)
        throw refuse(`belongs to attempt ${job.run_attempt}, not the token's run_attempt ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(claims.run_attempt)}`);
    if (job.status !== 'in_progress')
        throw refuse(`is ${job.status}, not in_progress`);
}
/**
 * The token's job runs a reusable workflow of another repository than the token's (`job_workflow_ref`
 * names it; the decision admits it only through an exact `trusted-workflows` entry and then grants
 * the caller file's job). Returns that repository and file, or undefined.
 */
function foreignCallee(claims) {
    if (!calledJob(claims))
        return undefined;
    const m = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+)@/.exec(String(claims.job_workflow_ref));
    // ASCII case only, as the decision's `trusted-workflows` resolution compares repositories.
    if (!m || (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_4__/* .asciiLower */ .F)(m[1]) === (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_4__/* .asciiLower */ .F)(claims.repository))
        return undefined;
    return { repository: m[1], file: m[2] };
}
/**
 * A job of a trusted reusable workflow of another repository, pure: the requested job is a job of the
 * caller file (its grants apply), so the caller part of the shown name (`<caller job> / <callee job>`)
 * must be that job, found in the caller file at `workflow_sha` among the jobs that call a reusable
 * workflow (`callerJobOf`); the callee part is the other repository's to name and proves nothing.
 */
function judgeTrustedCaller(claims, requestedJob, job, callerJobs, callee) {
    const id = String(claims.check_run_id);
    const refuse = (what) => new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('invalid_grant', 'ERR_JOB_IDENTITY', `the token's job (check_run_id ${id}) ${what}; requested job '${requestedJob}' (possible theft of another job's grant)`);
    judgeRun(claims, job, refuse);
    const calleeName = `${callee.repository}/.github/workflows/${callee.file}`;
    if (typeof callerJobs === 'string')
        throw refuse(`runs ${calleeName} (trusted-workflows), and its caller job cannot be verified: ${callerJobs}`);
    const found = callerJobOf(job.name, callee.file, callerJobs, callee.repository);
    if ('unverified' in found)
        throw refuse(`runs ${calleeName} (trusted-workflows), and its caller job cannot be verified: ${found.unverified}`);
    if (found.job !== requestedJob)
        throw refuse(`is named '${job.name}': it runs ${calleeName} (trusted-workflows) called by caller job '${found.job}', not '${requestedJob}', and a trusted workflow gets only its caller job's grants`);
    return { status: 'verified', check_run_id: id, job_name: job.name };
}
/** What checkCached()'s reader throws at the first call that would reach GitHub. */
const NEEDS_GITHUB = new Error('stepwarden: this job identity check needs a GitHub call');
const OFFLINE_READER = {
    getJob: () => Promise.reject(NEEDS_GITHUB),
    readFile: () => Promise.reject(NEEDS_GITHUB),
};
/** A Map that forgets its oldest entry past `max`, and entries older than `ttlMs`. */
class Bounded {
    max;
    ttlMs;
    m = new Map();
    constructor(max, ttlMs) {
        this.max = max;
        this.ttlMs = ttlMs;
    }
    get(k) {
        const e = this.m.get(k);
        if (!e || (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .steadyNowMs */ .JC)() - e.at > this.ttlMs)
            return undefined;
        return e.v;
    }
    set(k, v) {
        this.m.delete(k);
        this.m.set(k, { v, at: (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .steadyNowMs */ .JC)() });
        if (this.m.size > this.max)
            this.m.delete(this.m.keys().next().value);
    }
}
class JobIdentityChecker {
    reader;
    opts;
    jobs;
    names;
    callerFiles;
    constructor(reader, opts = {}) {
        this.reader = reader;
        this.opts = opts;
        this.jobs = new Bounded(opts.cacheSize ?? 1000, opts.jobCacheTtlMs ?? 30_000);
        this.names = new Bounded(opts.cacheSize ?? 1000, 3600_000);
        this.callerFiles = new Bounded(opts.cacheSize ?? 1000, 3600_000);
    }
    /**
     * check()'s answer (or refusal) when it needs no GitHub call: no job to read (the token names no
     * check run, or no App is configured), or the job and the files it is judged against all cached.
     * Undefined when check() would call GitHub: nothing was asked of it and nothing cached.
     */
    async checkCached(claims, requestedJob, tenant) {
        const reader = tenant ? tenant.reader : this.reader;
        try {
            return await this.check(claims, requestedJob, { reader: reader && OFFLINE_READER });
        }
        catch (err) {
            if (err === NEEDS_GITHUB)
                return undefined;
            throw err;
        }
    }
    /** The job's identity, or a refusal (ERR_JOB_IDENTITY, ERR_JOB_IDENTITY_REQUIRED). */
    async check(claims, requestedJob, 
    /** The App of the token's issuer (GHES, ghe.com tenants), when it is not the constructor's. */
    tenant) {
        const reader = tenant ? tenant.reader : this.reader;
        const id = claims.check_run_id;
        const unverifiable = !id ? 'the token has no check_run_id' : !reader ? 'no GitHub App is configured' : '';
        if (unverifiable) {
            if (this.opts.require ?? true)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('invalid_grant', 'ERR_JOB_IDENTITY_REQUIRED', `job identity cannot be verified (${unverifiable}) and this broker has require-job-identity: true`);
            return { status: 'asserted', why: unverifiable };
        }
        const [owner, repo] = claims.repository.split('/');
        const key = `${claims.iss}:${claims.repository_id}:${id}`;
        let job = this.jobs.get(key);
        if (!job) {
            job = await reader.getJob(owner, repo, id);
            if (!job)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .BrokerRefusal */ .El('invalid_grant', 'ERR_JOB_IDENTITY', `the token's job (check_run_id ${id}) is not a job of ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(claims.repository)} (possible theft of another job's grant)`);
            if (job.status === 'in_progress')
                this.jobs.set(key, job);
        }
        // A reusable workflow of another repository (trusted-workflows) runs with the grants of the caller
        // file's job, so the requested job is a caller job: the caller part of the shown name decides.
        const foreign = foreignCallee(claims);
        if (foreign) {
            const jobs = await this.callerFileJobs(claims, reader);
            if (typeof jobs !== 'string' && 'unreadable' in jobs)
                throw jobs.tooLarge ? tooLarge(claims, jobs.tooLarge) : unreadable(claims, id, 'workflow');
            return judgeTrustedCaller(claims, requestedJob, job, jobs, foreign);
        }
        // A called job is judged on its whole name against every job of its file (read once per commit):
        // the caller's part and the job's own name may each hold ` / `.
        if (calledJob(claims)) {
            const callee = await this.workflowJobs(claims, reader);
            // No file, no verdict: the last segment alone verified a job named `${{ inputs.x }} / publish`.
            if (!callee)
                throw unreadable(claims, id);
            return judgeJob(claims, requestedJob, job, callee.jobs.get(requestedJob)?.name, callee);
        }
        // A direct job is judged against every job of its file too: a shown name another job of the file
        // can take is refused, not read as the requested job. No file, no verdict (fail closed).
        if (directJob(claims)) {
            const file = await this.workflowJobs(claims, reader);
            if (!file)
                throw unreadable(claims, id);
            return judgeJob(claims, requestedJob, job, file.jobs.get(requestedJob)?.name, file);
        }
        // Neither direct nor called (the refs missing): judged on the name alone, as the decision refuses such a token anyway.
        return judgeJob(claims, requestedJob, job);
    }
    /**
     * The calling job of a reusable workflow (`callers: [FILE/JOB]`, a caller job's `calls:`): from the
     * verified job's name and the caller file at `workflow_sha` (cached per file and commit). Never
     * throws: an unverifiable caller job is a reason, and the decision refuses with it.
     */
    async callerJob(claims, identity, tenant) {
        if (identity.status !== 'verified')
            return { unverified: identity.why };
        const reader = tenant ? tenant.reader : this.reader;
        const callee = /\/\.github\/workflows\/([^@/]+)@/.exec(String(claims.job_workflow_ref ?? ''));
        if (!callee || !reader)
            return { unverified: 'the token does not name the caller workflow' };
        const jobs = await this.callerFileJobs(claims, reader);
        if (typeof jobs === 'string')
            return { unverified: jobs };
        if ('unreadable' in jobs)
            return { unverified: jobs.unreadable };
        return callerJobOf(identity.job_name, callee[1], jobs, claims.repository, identity.own_at);
    }
    /** The jobs of the caller workflow file (`workflow_ref` at `workflow_sha`, cached per file and commit), or why not. */
    async callerFileJobs(claims, reader) {
        const caller = /^([^/]+)\/([^/]+)\/(\.github\/workflows\/([^@/]+))@/.exec(String(claims.workflow_ref ?? ''));
        const sha = String(claims.workflow_sha ?? '');
        if (!caller)
            return 'the token does not name the caller workflow';
        if (!/^[0-9a-f]{40}$/.test(sha))
            return 'the token has no workflow_sha to read the caller at';
        const key = `${claims.iss}:caller:${caller[1]}/${caller[2]}/${caller[3]}@${sha}`;
        let jobs = this.callerFiles.get(key);
        if (!jobs) {
            const text = await readWorkflow(reader, caller[1], caller[2], caller[3], sha);
            if (text instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .FileTooLargeRefusal */ .E4)
                return { unreadable: text.description, tooLarge: text };
            if (text === undefined)
                return { unreadable: `${caller[4]} cannot be read at ${sha}` };
            const model = (0,_workflow_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseWorkflow */ .hM)(caller[4], caller[3], text);
            jobs = model.jobs.map((j) => ({
                id: j.id,
                ...(j.name !== undefined ? { name: j.name } : {}),
                ...(j.uses ? { uses: j.uses.uses } : {}),
            }));
            this.callerFiles.set(key, jobs);
        }
        return jobs;
    }
    /** The jobs of the workflow file at `job_workflow_sha` (cached per file and commit); undefined when unreadable. */
    async workflowJobs(claims, reader) {
        const ref = String(claims.job_workflow_ref ?? claims.workflow_ref ?? '');
        const sha = String(claims.job_workflow_sha ?? claims.workflow_sha ?? '');
        const m = /^([^/]+)\/([^/]+)\/(\.github\/workflows\/[^@]+)@/.exec(ref);
        if (!m || !/^[0-9a-f]{40}$/.test(sha))
            return undefined;
        const key = `${claims.iss}:${m[1]}/${m[2]}/${m[3]}@${sha}`;
        let found = this.names.get(key);
        if (found === undefined) {
            const text = await readWorkflow(reader, m[1], m[2], m[3], sha);
            if (text instanceof _errors_js__WEBPACK_IMPORTED_MODULE_5__/* .FileTooLargeRefusal */ .E4)
                throw tooLarge(claims, text);
            const model = text === undefined ? undefined : (0,_workflow_parse_js__WEBPACK_IMPORTED_MODULE_1__/* .parseWorkflow */ .hM)(m[3].split('/').pop(), m[3], text);
            found = model
                ? {
                    where: `${m[3]}@${sha}`,
                    jobs: new Map(model.jobs.map((j) => [
                        j.id,
                        {
                            ...(j.name !== undefined ? { name: j.name } : {}),
                            line: j.line,
                            ...(j.uses ? { uses: true } : {}),
                        },
                    ])),
                    ...(model.error ? { error: model.error } : {}),
                }
                : null;
            // An unreadable file is not remembered: a direct job is refused without it, and the next
            // exchange reads again (a file GitHub could not serve a moment ago is not absent for an hour).
            if (found)
                this.names.set(key, found);
        }
        return found ?? undefined;
    }
}


/***/ }),

/***/ 3903:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ directorySource),
/* harmony export */   j: () => (/* binding */ githubSource)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6831);
/* harmony import */ var _manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7071);
/* harmony import */ var _clock_steady_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8381);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(5031);
/**
 * Where the broker reads a repository's manifest: always its DEFAULT branch (never a pull request's
 * head, so a PR cannot grant itself access). A manifest is parsed and validated once per commit
 * (GitHub) or per file content (directory), never per exchange; a broken one is remembered as its
 * refusal, so it is not re-read either. The directory source stands in for GitHub in tests and the
 * demo: <path>/<owner>/<repo>/.github/access-manifest.yml.
 */








function parse(text, label) {
    if (text === undefined)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BrokerRefusal */ .El('invalid_target', 'ERR_NO_MANIFEST', `${label} has no ${_manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_PATH */ .U4} on its default branch`);
    try {
        return (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_3__/* .loadManifest */ .eY)(text, `${label}:${_manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_PATH */ .U4}`);
    }
    catch (err) {
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BrokerRefusal */ .El('invalid_target', 'ERR_MANIFEST_INVALID', `the manifest on the default branch is invalid: ${err.problems[0] ? `${err.problems[0].file}:${err.problems[0].line}: ${err.problems[0].message}` : err.message}`);
        throw err;
    }
}
function compile(text, label) {
    try {
        return { manifest: parse(text, label) };
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BrokerRefusal */ .El)
            return { refusal: err };
        throw err;
    }
}
/** The manifest, or a refusal of the caller's own (errors.ts ownRefusal: the cached one is shared). */
function unwrap(c) {
    if ('refusal' in c)
        throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ownRefusal */ .B)(c.refusal);
    return c.manifest;
}
/** A rejection shared by concurrent exchanges (one read for all), rethrown as the caller's own. */
const rethrownOwn = (err) => {
    throw (0,_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .ownRefusal */ .B)(err);
};
/** Repositories whose compiled manifest is kept (one entry each, so memory is bounded by this). */
const MAX_CACHED_REPOSITORIES = 10_000;
function remember(map, key, value) {
    map.delete(key);
    map.set(key, value);
    if (map.size > MAX_CACHED_REPOSITORIES)
        map.delete(map.keys().next().value);
}
/** A directory has no git: the manifest says which branch it stands for (grant conditions default to it). */
function served(compiled, commit) {
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
function directorySource(dir, opts = {}) {
    const recheckMs = opts.recheckMs ?? 1000;
    const statFile = opts.stat ?? node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat;
    const cache = new Map();
    // The check of each file now out: its compiled manifest and hash, or undefined (no file).
    const checking = new Map();
    const check = async (path, repository) => {
        const checked = (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_6__/* .monotonicMs */ .dR)();
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
        const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8').catch(() => undefined);
        const hash = `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
            .update(text ?? '')
            .digest('hex')}`;
        const compiled = hit?.hash === hash && text !== undefined ? hit.compiled : compile(text, repository);
        if (text !== undefined)
            remember(cache, path, { stamp, hash, compiled, checked, racy });
        return { compiled, hash };
    };
    const source = {
        forget(repository) {
            // A check out when the broker is told to forget may have read the file before the change.
            if (!repository) {
                checking.clear();
                return cache.clear();
            }
            const [owner, repo] = repository.split('/');
            if (owner && repo) {
                const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, owner, repo, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_PATH */ .U4);
                checking.delete(path);
                cache.delete(path);
            }
        },
        // A file of the broker's own disk: never GitHub.
        cached: (repository) => source.get(repository),
        async get(repository) {
            const [owner, repo] = repository.split('/');
            if (!owner || !repo || owner.includes('..') || repo.includes('..'))
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_7__/* .BrokerRefusal */ .El('invalid_request', 'ERR_CLAIM_REPOSITORY', `bad repository '${repository}'`);
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, owner, repo, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_PATH */ .U4);
            const known = cache.get(path);
            // Ages on the monotonic clock (a wall stepped back kept the last check "recent" for the step).
            if (known && recheckMs > 0 && (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_6__/* .monotonicMs */ .dR)() - known.checked < recheckMs)
                return served(known.compiled, known.hash);
            let out = recheckMs > 0 ? checking.get(path) : undefined;
            if (!out) {
                const mine = check(path, repository).finally(() => {
                    if (checking.get(path) === mine)
                        checking.delete(path);
                });
                if (recheckMs > 0)
                    checking.set(path, mine);
                out = mine;
            }
            const found = await out.catch(rethrownOwn);
            if (!found)
                return { manifest: parse(undefined, repository), commit: 'directory' };
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
function githubSource(app, headTtlMs = 10_000) {
    const heads = new Map();
    const pendingHeads = new Map();
    // `settled`: the compiled manifest once its read answered (what cached() may serve without waiting).
    const byRepo = new Map();
    const head = (key, owner, repo) => {
        const cached = heads.get(key);
        // The head's age on the monotonic clock: on the wall, a step back kept it (and the manifest read at
        // it) for the size of the step, and a manifest narrowed meanwhile went on granting.
        if (cached && cached.until >= (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_6__/* .monotonicMs */ .dR)())
            return cached;
        let p = pendingHeads.get(key);
        if (!p) {
            p = app
                .defaultBranchHead(owner, repo)
                .then((h) => {
                const fresh = { sha: h.sha, branch: h.branch, until: (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_6__/* .monotonicMs */ .dR)() + headTtlMs };
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
            const [owner, repo] = repository.split('/');
            const key = repository.toLowerCase();
            // Both reads are shared by the exchanges that ask meanwhile: a refusal of each caller's own.
            const { sha, branch } = await Promise.resolve(head(key, owner, repo)).catch(rethrownOwn);
            let entry = byRepo.get(key);
            if (entry?.sha !== sha) {
                // One entry per repository: the manifest at its current head (older commits are dropped).
                const compiled = app
                    .readFile(owner, repo, _manifest_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .MANIFEST_PATH */ .U4, sha)
                    .then((text) => compile(text, repository));
                const made = { sha, compiled };
                compiled.then((c) => void (made.settled = c), () => undefined);
                entry = made;
                remember(byRepo, key, entry);
                // A failed read (GitHub down) is not a verdict on the manifest: forget it, retry next time.
                compiled.catch(() => {
                    if (byRepo.get(key) === entry)
                        byRepo.delete(key);
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
            if (!h || h.until < (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_6__/* .monotonicMs */ .dR)())
                return undefined;
            const entry = byRepo.get(key);
            if (entry?.sha !== h.sha || !entry.settled)
                return undefined;
            const settled = entry.settled;
            return Promise.resolve().then(() => ({
                manifest: unwrap(settled),
                commit: h.sha,
                defaultBranch: h.branch,
            }));
        },
    };
}


/***/ }),

/***/ 521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OG: () => (/* binding */ disagreementKey),
/* harmony export */   RZ: () => (/* binding */ peersWithoutMyKey),
/* harmony export */   Tb: () => (/* binding */ MAX_CARDS),
/* harmony export */   W$: () => (/* binding */ liveCards),
/* harmony export */   _9: () => (/* binding */ CARD_TTL_SECONDS),
/* harmony export */   bj: () => (/* binding */ sealersOf),
/* harmony export */   ck: () => (/* binding */ MAX_CARD_CHARS),
/* harmony export */   co: () => (/* binding */ parseCard),
/* harmony export */   f5: () => (/* binding */ settingsOf),
/* harmony export */   og: () => (/* binding */ disagreements),
/* harmony export */   w6: () => (/* binding */ groupsText),
/* harmony export */   zl: () => (/* binding */ instanceName)
/* harmony export */ });
/* unused harmony export fingerprint */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9084);
/* harmony import */ var _client_auth_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4786);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(710);
/* harmony import */ var _state_store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2893);
/* harmony import */ var _reload_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5600);
/**
 * Instances on one store that disagree (session 21). Brokers sharing a Redis state are meant to be
 * interchangeable; a rolling deploy makes them differ for minutes and a misconfiguration for ever
 * (one instance with another rate limit applies its own limit to the shared bucket; one with an
 * extra issuer takes tokens the others refuse; one without an admin token refuses the kill switch).
 * Each instance publishes a card in the store: a short fingerprint of every setting that must agree,
 * and the ids of the state keys it seals with and can open (ids only: an HMAC of a label, they say
 * nothing of the key). Pure: the cards in, what disagrees out; the edge (server.ts) logs and counts.
 *
 * Decision (docs/decisions.md, "Instances that disagree (session 21)"): a disagreement is reported,
 * never a refusal. No instance can tell which value is the right one, and failing readiness on a
 * difference would stall every rolling deploy of that setting (the new instance never ready) or take
 * the old ones down with it. The state key is the exception, failing closed since session 19; here
 * the instance that seals under a key its peers lack is the one that says so.
 */






/** How long a card counts after its last refresh (each instance refreshes every 10 s). */
const CARD_TTL_SECONDS = 45;
/** At most this many cards are read (a store with more holds something else under the key). */
const MAX_CARDS = 256;
/**
 * A card is under 3,000 characters (every setting, 16 key ids, a 100-character host): a longer field
 * is not one, and is dropped before JSON.parse, so a hostile one (100 MB) costs no parse every 10 s.
 */
const MAX_CARD_CHARS = 8192;
const fingerprint = (canonicalValue) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(canonicalValue).digest('hex').slice(0, 12);
/** This instance's name in the cards and lines: the host (a pod's name) and the process id. */
const instanceName = (host, pid) => `${host.slice(0, 100)}:${pid}`;
/** A card read back from the store, or undefined for anything not shaped as one (written by another tool). */
function parseCard(text) {
    if (text.length > MAX_CARD_CHARS)
        return undefined;
    let v;
    try {
        v = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    const c = v;
    if (!c || typeof c !== 'object' || typeof c.instance !== 'string' || typeof c.at !== 'number')
        return undefined;
    if (!c.settings || typeof c.settings !== 'object' || Array.isArray(c.settings))
        return undefined;
    const settings = {};
    for (const [k, fp] of Object.entries(c.settings).slice(0, 64))
        if (typeof fp === 'string' && /^[a-z][a-z-]{0,40}$/.test(k))
            settings[k] = fp.slice(0, 64);
    const opens = Array.isArray(c.opens)
        ? c.opens.filter((x) => typeof x === 'string').slice(0, 16)
        : [];
    return {
        instance: c.instance.slice(0, 120),
        at: c.at,
        settings,
        ...(typeof c.seals === 'string' ? { seals: c.seals.slice(0, 64) } : {}),
        ...(Array.isArray(c.opens) ? { opens } : {}),
    };
}
/**
 * Cards refreshed within CARD_TTL_SECONDS of `now`, one per instance, sorted by name. A card dated
 * more than CARD_TTL_SECONDS ahead is not one an instance wrote (clocks are held within 30 s of the
 * store's): counted, it would stay live for ever, a false disagreement no restart clears (session 22).
 */
function liveCards(cards, now) {
    return cards
        .filter((c) => c.at >= now - CARD_TTL_SECONDS && c.at <= now + CARD_TTL_SECONDS)
        .sort((a, b) => (a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0));
}
/**
 * The settings on which live instances hold different values. A setting an instance does not publish
 * (an older version) is not compared for it.
 */
function disagreements(me, cards) {
    const others = cards.filter((c) => c.instance !== me.instance);
    const out = [];
    for (const setting of Object.keys(me.settings).sort()) {
        const byValue = new Map([[me.settings[setting], [me.instance]]]);
        for (const c of others) {
            const fp = c.settings[setting];
            if (fp === undefined)
                continue;
            byValue.set(fp, [...(byValue.get(fp) ?? []), c.instance]);
        }
        if (byValue.size > 1)
            out.push({ setting, groups: [...byValue.values()] });
    }
    return out;
}
/** Live peers that publish the keys they can open and cannot open the one this instance seals with. */
function peersWithoutMyKey(me, cards) {
    if (me.seals === undefined)
        return [];
    return cards
        .filter((c) => c.instance !== me.instance && c.opens !== undefined && !c.opens.includes(me.seals))
        .map((c) => c.instance);
}
/** Live instances sealing under one of `keyIds` (for the readiness text of an instance that lacks them). */
function sealersOf(keyIds, cards) {
    return cards.filter((c) => c.seals !== undefined && keyIds.includes(c.seals)).map((c) => c.instance);
}
/** `a:1, b:2 | c:3`: the groups of a disagreement as one line, names escaped (they come from the store). */
const groupsText = (d) => d.groups.map((g) => g.map(_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_1__/* .shown */ .SP).join(', ')).join(' | ');
/** A stable key of the whole set, so the edge logs when it changes, not every 10 s. */
const disagreementKey = (ds) => JSON.stringify(ds.map((d) => [d.setting, d.groups.map((g) => [...g].sort()).sort()]));
/**
 * The settings that must agree across the instances of one store, each by its fingerprint. Paths are
 * left out (a key file may live elsewhere on each host); what they hold is in (the local org policy as
 * parsed), except secrets: of the admin tokens only their names (a card must be no guessing oracle). Live settings (rate limits, admin tokens, org policy) are
 * read at each refresh, so a reload shows at once.
 */
function settingsOf(config, live, signingKids) {
    const issuers = (0,_config_js__WEBPACK_IMPORTED_MODULE_3__/* .issuerSettings */ .DI)(config);
    const values = {
        url: config.url,
        // One setting for everything said per issuer (its audience, owners, manifests, App): an issuer
        // added at one instance is one difference, not four.
        issuers: issuers
            .map((s) => ({
            url: s.url,
            audience: s.audience,
            'owner-ids': s.ownerIds ?? null,
            manifests: s.manifests,
            github: s.github ? [s.github.api, s.github['app-id']] : null,
        }))
            .sort((a, b) => (a.url < b.url ? -1 : 1)),
        'rate-limit': live.rateLimit,
        'replay-rate-limit': live.replayRateLimit,
        // The names only (session 22): a fingerprint over the tokens' hashes let anyone who reads the
        // store confirm a guessed token offline, at hash speed, where the admin endpoints allow a guess a
        // request. An instance missing a token (its kill switch refuses that admin) still differs; one
        // holding another token under the same name does not (docs/decisions.md, session 22).
        'admin-tokens': (0,_client_auth_js__WEBPACK_IMPORTED_MODULE_2__/* .adminTokensOf */ .fq)(live.adminTokenHashes)
            .map((t) => t.name)
            .sort(),
        'org-policy': [
            typeof config['org-policy'] === 'object' ? { ...config['org-policy'], file: undefined } : null,
            live.orgPolicyFile?.value ?? null,
        ],
        'require-job-identity': config['require-job-identity'],
        'clock-tolerance': config['clock-tolerance'],
        'max-token-lifetime': config['max-token-lifetime'],
        audiences: [config['jwt-profile'], config.audiences, config.spiffe?.['trust-domain'] ?? null],
        'signing-key': [...signingKids].sort(),
        'state-strict': config['state-strict'],
        // Not a setting but the version's store format (session 23): a rollout that changes it shows
        // which instances still write the older one (they refuse the newer records: ERR_STATE_RECORD_NEWER).
        'store-format': _state_store_js__WEBPACK_IMPORTED_MODULE_4__/* .STORE_FORMAT */ .W2,
    };
    return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fingerprint((0,_reload_js__WEBPACK_IMPORTED_MODULE_5__/* .canonical */ .$N)(v))]));
}


/***/ }),

/***/ 5600:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $N: () => (/* binding */ canonical),
/* harmony export */   EW: () => (/* binding */ readSmallFile),
/* harmony export */   NL: () => (/* binding */ switchableOrgPolicy),
/* harmony export */   nv: () => (/* binding */ ConfigReloader),
/* harmony export */   oC: () => (/* binding */ readLiveSettings)
/* harmony export */ });
/* unused harmony exports LIVE_KEYS, planReload, mergeLive, metricsToken */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _check_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1321);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6831);
/* harmony import */ var _client_auth_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4786);
/* harmony import */ var _config_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(710);
/**
 * Live reload of the broker's config (SIGHUP, or a change seen by the file watch): the config file,
 * the admin tokens file, the local organization policy and the metrics token are read and validated
 * in full first; only then is what may change live swapped in, all at once, between two requests.
 * Anything invalid is refused with file, line and fix and the settings in force stay: nothing is
 * half-applied. Keys that shape listeners, stores, keys or verifiers (listen, state, url, issuers, ...)
 * need a restart: a change to them is logged as a warning and the running value stays.
 *
 * The planning (`planReload`) is pure; reading (`readLiveSettings`) is the only I/O; `ConfigReloader`
 * serializes reloads and owns the watch.
 */







/**
 * Config keys a running broker takes over without a restart. `metrics.enabled` is not among them
 * (the registry and its wrappers are built at start); every key not listed here needs a restart.
 */
const LIVE_KEYS = [
    'admin-tokens-file',
    'org-policy',
    'rate-limit',
    'metrics.token-file',
    'drain-delay',
    'drain-timeout',
];
/** JSON with sorted keys, so two configs differing only in key order compare equal. */
function canonical(v) {
    if (Array.isArray(v))
        return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object')
        return `{${Object.keys(v)
            .sort()
            .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
            .join(',')}}`;
    return JSON.stringify(v) ?? 'undefined';
}
/** Top-level keys, with `metrics` split into its two keys (one is live, the other is not). */
function flat(cfg) {
    const out = new Map();
    for (const [k, v] of Object.entries(cfg)) {
        if (k === 'baseDir')
            continue;
        if (k === 'metrics' && v && typeof v === 'object')
            for (const [mk, mv] of Object.entries(v))
                out.set(`metrics.${mk}`, canonical(mv));
        else
            out.set(k, canonical(v));
    }
    return out;
}
/** Which changed keys apply now and which wait for a restart (pure). */
function planReload(running, next) {
    const a = flat(running);
    const b = flat(next);
    const live = [];
    const restart = [];
    for (const k of new Set([...a.keys(), ...b.keys()])) {
        if (a.get(k) === b.get(k))
            continue;
        (LIVE_KEYS.includes(k) ? live : restart).push(k);
    }
    if (running.baseDir !== next.baseDir)
        restart.push('(config folder)');
    return { live: live.sort(), restart: restart.sort() };
}
/** The config in force after a reload: the next one's live keys over the running one's. */
function mergeLive(running, next) {
    return {
        ...running,
        'admin-tokens-file': next['admin-tokens-file'],
        'org-policy': next['org-policy'],
        'rate-limit': next['rate-limit'],
        metrics: { ...running.metrics, 'token-file': next.metrics['token-file'] },
        'drain-delay': next['drain-delay'],
        'drain-timeout': next['drain-timeout'],
    };
}
/** A file the config names, read whole, or a refusal with that file, the config key and the fix. */
async function readSmallFile(path, label, key) {
    try {
        return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(path, 'utf8');
    }
    catch (err) {
        const why = err.code ?? 'unreadable';
        throw new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh([
            {
                file: path,
                line: 1,
                message: `cannot read the ${label} (${why})`,
                fix: `check the \`${key}\` path in the broker config and the file's permissions`,
            },
        ], 'ERR_CONFIG_INVALID');
    }
}
const sha256 = (s) => (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(s).digest('hex');
/**
 * The /metrics bearer token from its file: the one non-blank line, held to the admin tokens' rule
 * (weakBearerToken: 32 characters or more, 8 distinct or more). The scrape shows every refusal code,
 * the readiness reasons and the GitHub gauges; a guessable token opens them as wide as no token.
 */
function metricsToken(text, file) {
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.trim() !== '');
    const token = text.trim();
    const refuse = (line, message) => new _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh([
        {
            file,
            line,
            message: `metrics.token-file: ${message}`,
            fix: 'write one made with `openssl rand -hex 32` into it (one line), or remove metrics.token-file (then /metrics is open)',
        },
    ], 'ERR_CONFIG_INVALID');
    if (!token)
        throw refuse(1, 'the metrics token file is empty');
    // A bearer never holds a line break or a space: a second line would be part of a token no scraper
    // can send.
    if (/\s/.test(token))
        throw refuse(at + 1, 'the metrics token file holds more than one word; it holds the token alone');
    const weak = (0,_client_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .weakBearerToken */ .HZ)(token);
    // Never the token itself: this message reaches stderr and the JSON log.
    if (weak)
        throw refuse(at + 1, `the metrics token ${weak}: a token that can be guessed opens /metrics as wide as none`);
    return token;
}
/**
 * Reads and validates every file the live settings come from. Throws ManifestError (file, line, fix)
 * for the first file that cannot be used; nothing is returned half-read.
 */
async function readLiveSettings(config) {
    const at = (p) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(config.baseDir, p);
    const tokensFile = config['admin-tokens-file'];
    const adminTokenHashes = tokensFile
        ? (0,_client_auth_js__WEBPACK_IMPORTED_MODULE_5__/* .parseAdminTokens */ .bN)(await readSmallFile(at(tokensFile), 'admin tokens file', 'admin-tokens-file'), tokensFile).map((t) => `${t.name}:${t.sha256}`)
        : [];
    const org = config['org-policy'];
    const orgFile = typeof org === 'string' ? org : org?.file;
    const orgPolicyFile = orgFile ? await (0,_check_load_js__WEBPACK_IMPORTED_MODULE_3__/* .readOrgPolicyFile */ .Bs)(at(orgFile)) : undefined;
    const metricsFile = config.metrics['token-file'];
    let metricsTokenHash;
    if (metricsFile) {
        metricsTokenHash = sha256(metricsToken(await readSmallFile(at(metricsFile), 'metrics token file', 'metrics.token-file'), metricsFile));
    }
    return {
        adminTokenHashes,
        ...(orgPolicyFile ? { orgPolicyFile } : {}),
        rateLimit: (0,_config_js__WEBPACK_IMPORTED_MODULE_6__/* .parseRate */ .WN)(config['rate-limit']['per-repository']),
        replayRateLimit: (0,_config_js__WEBPACK_IMPORTED_MODULE_6__/* .parseRate */ .WN)(config['rate-limit']['replays-per-repository']),
        ...(metricsTokenHash ? { metricsTokenHash } : {}),
        drainTimeoutMs: config['drain-timeout'] * 1000,
        drainDelayMs: config['drain-delay'] * 1000,
    };
}
/**
 * An organization policy source whose inner source a reload replaces. An exchange reads the source
 * once, so it sees either the old policy or the new one, never a mix.
 */
function switchableOrgPolicy(initial) {
    let current = initial;
    return {
        source: {
            get: (owner, issuer) => current.get(owner, issuer),
            cached: (owner, issuer) => current.cached?.(owner, issuer),
            // Cache drops (store pub/sub) reach whichever source is in force.
            forget: (owner) => current.forget?.(owner),
        },
        set: (next) => void (current = next),
    };
}
/** The first problem's place and fix, as log fields (the whole message is `detail`). */
function problemFields(err) {
    if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh) {
        const p = err.problems[0];
        return {
            code: err.code,
            file: p?.file,
            line: p?.line,
            fix: p?.fix,
            problems: err.problems.length,
            detail: err.message,
        };
    }
    return { code: 'ERR_CONFIG_RELOAD', detail: err?.message ?? String(err) };
}
class ConfigReloader {
    o;
    running;
    chain = Promise.resolve();
    /** A reload asked for and not yet started (later requests join it). */
    queued;
    seen;
    constructor(o) {
        this.o = o;
        this.running = o.running;
    }
    /** The config in force (the running values of restart-only keys, the reloaded live ones). */
    get config() {
        return this.running;
    }
    /** Takes the files' current content as the baseline of the watch (call once at start). */
    async watchFrom() {
        this.seen = await this.fingerprint();
    }
    /**
     * Reloads now (SIGHUP); reloads run one at a time. A reload asked while another waits to start joins
     * the waiting one: it reads the files when it starts, so it sees every change made before either
     * signal. A storm of SIGHUPs (a sidecar looping, `kill -HUP` in a script) costs at most the reload
     * in progress plus one, not one full read, validation and log line per signal.
     */
    reload(trigger = 'signal') {
        if (this.queued)
            return this.queued;
        const run = this.chain.then(() => {
            this.queued = undefined;
            return this.once(trigger);
        });
        this.queued = run;
        this.chain = run.catch(() => undefined);
        return run;
    }
    /**
     * The file watch: reloads when the content of the config file or of a file it names changed since
     * the last reload (content, not mtime: an edit within the same second counts). Polled by the caller.
     */
    async poll() {
        const print = await this.fingerprint();
        if (this.seen === undefined) {
            this.seen = print;
            return undefined;
        }
        if (print === this.seen)
            return undefined;
        return this.reload('watch');
    }
    files(cfg) {
        const at = (p) => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cfg.baseDir, p);
        const org = cfg['org-policy'];
        return [
            ...(this.o.configFile ? [this.o.configFile] : []),
            ...(cfg['admin-tokens-file'] ? [at(cfg['admin-tokens-file'])] : []),
            ...(typeof org === 'string' ? [at(org)] : []),
            ...(cfg.metrics['token-file'] ? [at(cfg.metrics['token-file'])] : []),
        ];
    }
    async fingerprint() {
        const h = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
        for (const f of this.files(this.running)) {
            h.update(f).update('\0');
            h.update(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(f).catch(() => Buffer.from('\0missing\0'))).update('\0');
        }
        return h.digest('hex');
    }
    async once(trigger) {
        const print = await this.fingerprint();
        try {
            const next = this.o.configFile ? await (0,_config_js__WEBPACK_IMPORTED_MODULE_6__/* .readBrokerConfig */ .ul)(this.o.configFile, '/') : this.running;
            const plan = planReload(this.running, next);
            const inForce = mergeLive(this.running, next);
            const settings = await readLiveSettings(inForce);
            const previous = this.running;
            this.o.apply(settings, inForce, previous);
            this.running = inForce;
            this.seen = print;
            this.o.metrics?.reloads.inc({ result: 'ok' });
            this.o.log.log('info', 'config reloaded', {
                trigger,
                changed: plan.live.join(', ') || 'no config key (files re-read)',
                'admin-tokens': settings.adminTokenHashes.length,
                'org-policy': typeof inForce['org-policy'] === 'string' ? 'file' : inForce['org-policy'] ? 'github' : 'none',
            });
            if (plan.restart.length)
                this.o.log.log('warn', 'config changes that need a restart were not applied; the running values stay', {
                    code: 'ERR_CONFIG_RESTART_NEEDED',
                    keys: plan.restart.join(', '),
                    file: this.o.configFile,
                    fix: 'restart the broker (SIGTERM drains it) to apply them',
                });
            return 'applied';
        }
        catch (err) {
            this.seen = print;
            this.o.metrics?.reloads.inc({ result: 'failed' });
            this.o.log.log('error', 'config reload refused; the config in force stays', {
                trigger,
                ...problemFields(err),
            });
            return 'refused';
        }
    }
}


/***/ }),

/***/ 2158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HU: () => (/* binding */ loadAppKey),
/* harmony export */   RD: () => (/* binding */ AppKeyError),
/* harmony export */   hr: () => (/* binding */ appKeySourceOf)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/**
 * Where the GitHub App private key comes from: a file, an environment variable, or the output of a
 * command (a secret manager's or KMS CLI, run without a shell). The PEM is parsed at once and only the
 * KeyObject is kept; the text is never logged, and errors name the source, never the content.
 */



class AppKeyError extends Error {
    code = 'ERR_APP_KEY';
}
function describe(s) {
    return s.kind === 'file'
        ? `file ${s.path}`
        : s.kind === 'env'
            ? `environment variable ${s.name}`
            : `command ${s.argv[0]}`;
}
/** What to check when the key cannot be read, per source (config keys of `github:`). */
function readFix(s) {
    return s.kind === 'file'
        ? "check github.private-key-file (relative to the config file's folder) and that the broker's user can read it"
        : s.kind === 'env'
            ? `set ${s.name} to the App's PEM in the broker's environment (newlines may be written \\n)`
            : "run github.private-key-command by hand as the broker's user: it must print the PEM on stdout and exit 0 within the time limit";
}
/**
 * Runs the command without a shell, in its own process group. On the deadline the whole group is
 * killed (SIGKILL) and the promise settles at once: execFile's own timeout sent SIGTERM to the direct
 * child only and then waited for its pipes to close, so a command that ignores SIGTERM, or leaves a
 * child holding stdout (a shell script around a CLI), hung the broker's start for as long as it liked.
 */
function run(argv, env, timeoutMs) {
    return new Promise((resolve, reject) => {
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(argv[0], argv.slice(1), {
            env,
            stdio: ['ignore', 'pipe', 'ignore'], // stderr may carry the key or a secret: never read
            detached: process.platform !== 'win32',
            windowsHide: true,
        });
        const chunks = [];
        let size = 0;
        let settled = false;
        const killGroup = () => {
            try {
                if (child.pid !== undefined && process.platform !== 'win32')
                    process.kill(-child.pid, 'SIGKILL');
                else
                    child.kill('SIGKILL');
            }
            catch {
                /* already gone */
            }
        };
        const settle = (err, out) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            child.stdout?.destroy();
            if (err) {
                killGroup();
                reject(err);
            }
            else
                resolve(out);
        };
        const timer = setTimeout(() => settle(new AppKeyError(`did not finish within ${timeoutMs} ms`)), timeoutMs);
        child.stdout.on('data', (c) => {
            size += c.length;
            if (size > 64 * 1024)
                return settle(new AppKeyError('printed more than 64 KiB'));
            chunks.push(c);
        });
        child.once('error', (err) => settle(new AppKeyError(`could not start (${err.code ?? 'error'})`)));
        child.once('close', (code, signal) => {
            if (code === 0)
                settle(undefined, Buffer.concat(chunks).toString('utf8'));
            else
                settle(new AppKeyError(`exited with ${code ?? signal ?? 'an error'}`));
        });
    });
}
async function loadAppKey(source, env = process.env, timeoutMs = 10_000) {
    let pem;
    try {
        if (source.kind === 'file')
            pem = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.readFile)(source.path, 'utf8');
        else if (source.kind === 'env') {
            const v = env[source.name];
            if (!v)
                throw new AppKeyError('is not set');
            pem = v;
        }
        else
            pem = await run(source.argv, env, timeoutMs);
    }
    catch (err) {
        throw new AppKeyError(`the GitHub App key from ${describe(source)} cannot be read: ${err.message.split('\n')[0] ?? ''}. Fix: ${readFix(source)}`);
    }
    try {
        const key = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createPrivateKey)(pem.replace(/\\n/g, '\n'));
        if (key.asymmetricKeyType !== 'rsa')
            throw new Error(`a ${key.asymmetricKeyType} key, GitHub Apps use RSA`);
        return key;
    }
    catch (err) {
        // The PEM may be a real key: only its source goes into the message.
        throw new AppKeyError(`the GitHub App key from ${describe(source)} is not an RSA private key in PEM (${(err.message.split('\n')[0] ?? '').slice(0, 80)}). Fix: give the private key GitHub generated for the App (App settings, Private keys, "Generate a private key": a .pem starting -----BEGIN RSA PRIVATE KEY-----), whole`);
    }
}
/** The config's `github:` block -> the one source it names (config.ts checks exactly one is set). */
function appKeySourceOf(github, at) {
    if (github['private-key-env'])
        return { kind: 'env', name: github['private-key-env'] };
    if (github['private-key-command'])
        return { kind: 'command', argv: github['private-key-command'] };
    return { kind: 'file', path: at(github['private-key-file']) };
}


/***/ }),

/***/ 5506:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XJ: () => (/* binding */ GithubApp),
/* harmony export */   rL: () => (/* binding */ clockNote),
/* harmony export */   z7: () => (/* binding */ freshUntil)
/* harmony export */ });
/* unused harmony exports CLOCK_NOTE_SECONDS, toApiPermissions, widerThanAsked, FRESH_TOKEN_SECONDS, githubClockAhead */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _github_octokit_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4881);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2896);
/* harmony import */ var _clock_steady_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8381);
/* harmony import */ var _permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1923);
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9084);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5031);
/**
 * `audience: github`: GitHub App installation tokens narrowed to the granted permissions and
 * repositories, revoked upstream when the broker's (shorter) lifetime ends. Retries and throttling
 * are a layer of the shared Octokit (shared/github/octokit.ts), not sprinkled through callers.
 */








/**
 * A learned clock difference that moved by less than this is not told again: each learning follows a
 * refusal, and a burst of refused calls learns the same difference give or take a second.
 */
const CLOCK_NOTE_SECONDS = 5;
/**
 * The operator's line for a learned clock difference: numbers only. The App copes (it signs on
 * GitHub's clock), but OIDC token times and the state store's clock check judge on this host's, so
 * the remedy is named.
 */
function clockNote(c) {
    const off = Math.abs(c.aheadSeconds);
    return off > CLOCK_NOTE_SECONDS
        ? {
            level: 'warn',
            message: `GitHub's clock is ${off} s ${c.aheadSeconds > 0 ? 'ahead of' : 'behind'} this host's (GitHub refused the App JWT's times): App JWTs are signed on GitHub's clock from now on, but OIDC token times and the state store's clock check judge on this host's; fix this host's clock (NTP)`,
        }
        : {
            level: 'info',
            message: `GitHub's clock and this host's agree again within ${CLOCK_NOTE_SECONDS} s (GitHub refused the App JWT's times on the clock learned before): App JWTs are signed on this host's clock`,
        };
}
/** kebab-case manifest names -> the API's snake_case names. */
function toApiPermissions(perms) {
    const out = {};
    for (const [k, v] of Object.entries(perms))
        out[_permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_4__/* .APP_PERMISSIONS */ .d[k]?.api ?? k.replace(/-/g, '_')] = v;
    return out;
}
const LEVEL_RANK = { read: 1, write: 2, admin: 3 };
const lowerAscii = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
/**
 * How GitHub's answer to an installation-token request is wider than what was asked, or undefined:
 * every repository (`repository_selection` other than `selected`), a repository not asked for or one
 * missing from the list, one of another owner (`full_name`: an installation looked up by a name that
 * now belongs to another account), `repo` under another id than `repositoryId`, or a permission not
 * asked (GitHub adds `metadata: read` to every token) or at a higher level. Names compare in ASCII
 * case, as GitHub's.
 */
function widerThanAsked(answer, asked, target) {
    const { owner, repo, repositories, repositoryId } = target;
    if (answer.repository_selection !== 'selected')
        return `covers ${answer.repository_selection === 'all' ? 'every repository of the installation' : `repository_selection "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(String(answer.repository_selection).slice(0, 32))}"`}, not the ${repositories.length} asked for`;
    // Every repository is compared by its full name (OWNER/NAME), the grant's own and the others alike:
    // those are asked of GitHub by name only (no id is known for them), so what comes back must be
    // exactly the names asked, under the owner asked, each once. An entry without a full name cannot be
    // checked and counts as not asked.
    const names = new Set(repositories.map((n) => lowerAscii(`${owner}/${n}`)));
    const got = answer.repositories ?? [];
    const full = got.map((r) => typeof r.full_name === 'string' && typeof r.name === 'string' ? lowerAscii(r.full_name) : undefined);
    const foreign = got.find((r, i) => full[i] !== undefined && !full[i].startsWith(`${lowerAscii(owner)}/`));
    if (foreign)
        return `covers "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(String(foreign.full_name))}", a repository of another owner than ${owner}`;
    const extra = got.filter((r, i) => full[i] === undefined || !names.has(full[i]) || full[i] !== lowerAscii(`${owner}/${r.name}`));
    if (extra.length || new Set(full).size !== got.length || got.length !== names.size)
        return `covers ${got.length} repositories (${extra.length} not asked for${full.includes(undefined) ? ', some without a full_name' : ''}${new Set(full).size !== got.length ? ', some twice' : ''}), not the ${names.size} asked for`;
    // Only when the token covers its own repository (a grant may name other repositories alone).
    if (repositoryId !== undefined && names.has(lowerAscii(`${owner}/${repo}`))) {
        const own = got.find((r) => lowerAscii(String(r.name)) === lowerAscii(repo));
        if (!own || String(own.id) !== repositoryId)
            return `covers the repository named ${repo} under id ${own ? String(own.id) : '(none)'}, not ${repositoryId} (the token's repository_id): the name now names another repository`;
    }
    for (const [p, level] of Object.entries(answer.permissions ?? {})) {
        if (level === undefined)
            continue;
        const want = asked[p];
        if (want === undefined && p === 'metadata' && level === 'read')
            continue;
        if ((LEVEL_RANK[level] ?? 99) > (want === undefined ? 0 : (LEVEL_RANK[want] ?? 0)))
            return `holds ${p}: ${String(level).slice(0, 16)}, asked ${want ?? 'none'}`;
    }
    return undefined;
}
/**
 * A GitHub token younger than this (from when the broker asked for it) is fresh: a 401 to its
 * revocation may be a replica that does not know it yet (octokit waits 5 s from its creation,
 * auth-app.js#65; the rest is the mint's own time), so it is asked again until then, not taken as
 * already dead. The one rule for every revocation of a token (revokeToken's `freshUntil`).
 */
const FRESH_TOKEN_SECONDS = 10;
/** The end (ms, Date.now()'s clock) of the fresh window of a token asked for at `askedAt` (ms). */
const freshUntil = (askedAt) => askedAt + FRESH_TOKEN_SECONDS * 1000;
class GithubApp {
    opts;
    /** `until` on the monotonic clock (a cache age: a wall step must not stretch it). */
    installations = new Map();
    /** `at`: the wall seconds its JWT was made at; `mono`: the monotonic ms then. */
    app;
    /** Revocations of the broker's own read tokens in flight (release). */
    releasing = 0;
    timeoutMs;
    constructor(opts) {
        this.opts = opts;
        this.timeoutMs = opts.timeoutMs ?? _github_octokit_js__WEBPACK_IMPORTED_MODULE_2__/* .DEFAULT_UPSTREAM_TIMEOUT_MS */ .HK;
    }
    static async fromFiles(api, appId, keyFile, timeoutMs) {
        return new GithubApp({
            api,
            appId,
            privateKey: (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createPrivateKey)(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(keyFile, 'utf8')),
            ...(timeoutMs ? { timeoutMs } : {}),
        });
    }
    client(auth) {
        return (0,_github_octokit_js__WEBPACK_IMPORTED_MODULE_2__.octokit)({
            auth,
            baseUrl: this.opts.api,
            retries: this.opts.retries ?? 3,
            retryAfterSeconds: this.opts.retryAfterBaseValue ?? 1,
            waitScale: this.opts.retryAfterBaseValue === 0 ? 0 : 1,
            timeoutMs: this.timeoutMs,
        });
    }
    /** The end of an operation started now, unless the caller's ends sooner (absolute ms). */
    deadline(given) {
        return Math.min(Date.now() + this.timeoutMs, given ?? Infinity);
    }
    /**
     * GitHub's clock minus this host's, seconds, as GitHub's last refusal of an App JWT's times showed
     * it (its `Date`); 0 until then. The App JWT is signed on GitHub's clock, so a host off by more than
     * the minute of drift its iat allows (or the JWT's 9 minutes the other way) still authenticates.
     */
    githubAhead = 0;
    /** GitHub's clock minus this host's as last learned (seconds; 0 until a refusal showed it). */
    get clockAheadSeconds() {
        return this.githubAhead;
    }
    /** The API this App calls (a configured URL: a bounded metric label). */
    get api() {
        return this.opts.api;
    }
    /**
     * GitHub's App JWT: RS256, iss = app id, issued a minute early against clock drift, 9 minutes, on
     * GitHub's clock as last learned (GitHub: iat in the past, exp at most 10 minutes ahead).
     */
    async appJwt(wall = Math.floor(Date.now() / 1000)) {
        const now = wall + this.githubAhead;
        return new jose__WEBPACK_IMPORTED_MODULE_7__/* .SignJWT */ .P({})
            .setProtectedHeader({ alg: 'RS256' })
            .setIssuer(String(this.opts.appId))
            .setIssuedAt(now - 60)
            .setExpirationTime(now + 540)
            .sign(this.opts.privateKey);
    }
    /**
     * The client authenticated as the App, its JWT reused while it has over a minute left: by the wall,
     * the current time inside the JWT's own window (a clock stepped back since it was made: made again,
     * GitHub judges iat/exp on its clock), and by the monotonic clock, under 8 minutes old. On the wall
     * alone, a JWT made while the clock ran an hour ahead (refused by GitHub) was kept for that hour
     * after NTP stepped the clock back, and every App call was refused 401 (session 37).
     */
    async appClient() {
        const wall = Date.now() / 1000;
        const a = this.app;
        if (a && wall >= a.at && wall < a.at + 480 && (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .monotonicMs */ .dR)() - a.mono < 480_000)
            return a.client;
        const now = Math.floor(wall);
        this.app = { client: this.client(await this.appJwt(now)), at: now, mono: (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .monotonicMs */ .dR)() };
        return this.app.client;
    }
    /**
     * One call as the App. Refused for its JWT's times (GitHub names the claim, and its `Date` is its
     * clock): the difference is learned and the call made once more with a JWT on GitHub's clock, as
     * octokit's auth-app does. Any other refusal, or a second one, is the caller's (session 39: a host
     * clock 61 s ahead of GitHub's had every App call refused, and the broker's start said the private
     * key was not the App's).
     */
    async asApp(call) {
        try {
            return await call(await this.appClient());
        }
        catch (err) {
            const ahead = githubClockAhead(err);
            if (ahead === undefined)
                throw err;
            const was = this.githubAhead;
            this.githubAhead = ahead;
            if (Math.abs(ahead - was) > CLOCK_NOTE_SECONDS)
                this.opts.onClock?.({ aheadSeconds: ahead, wasSeconds: was });
            this.app = undefined;
            return call(await this.appClient());
        }
    }
    /** The App's slug once `identity()` has read it: runs it dispatches have `<slug>[bot]` as actor. */
    slug;
    /**
     * `GET /app` with the App JWT: proves at start that the key belongs to the configured App (GitHub
     * answers 401 for a JWT signed by any other key) and returns the App's slug.
     */
    async identity() {
        try {
            const res = await this.asApp((gh) => gh.rest.apps.getAuthenticated());
            const data = res.data;
            if (data.id !== this.opts.appId)
                throw new Error(`GitHub says this key belongs to App ${data.id}, not ${this.opts.appId}`);
            if (data.slug)
                this.slug = data.slug;
            return { id: data.id, slug: data.slug ?? '' };
        }
        catch (err) {
            const status = err.status;
            if (githubClockAhead(err) !== undefined)
                throw new Error(`GitHub refused the App JWT's times twice, the second on its own clock (GET /app: ${String(err.response?.data?.message)}): check this host's clock (NTP)`, { cause: err });
            if (status === 401)
                throw new Error(`the private key does not belong to GitHub App ${this.opts.appId} (GET /app answered 401)`, { cause: err });
            throw err;
        }
    }
    async installationId(owner, repo, deadline) {
        const key = `${owner}/${repo}`.toLowerCase();
        const cached = this.installations.get(key);
        if (cached && cached.until > (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .monotonicMs */ .dR)())
            return cached.id;
        try {
            const res = await this.asApp((gh) => gh.rest.apps.getRepoInstallation({ owner, repo, request: { deadline: this.deadline(deadline) } }));
            this.installations.set(key, { id: res.data.id, until: (0,_clock_steady_js__WEBPACK_IMPORTED_MODULE_3__/* .monotonicMs */ .dR)() + 10 * 60_000 });
            return res.data.id;
        }
        catch (err) {
            throw upstream(err, `the GitHub App is not installed on ${owner}/${repo}`);
        }
    }
    /**
     * A token with exactly these permissions on exactly these repositories (names, same owner), or a
     * refusal. `repositoryId`: the id `repo` must have in GitHub's answer (the token's own repository,
     * bound by id in the manifest), so a name that meanwhile names another repository (renamed, and
     * the name taken again) is not minted for. GitHub's answer is checked and a wider token revoked.
     */
    async createToken(owner, repo, permissions, repositories, deadline, repositoryId) {
        // GitHub reads an absent or empty list as "everything the installation has": never asked for.
        if (repositories.length === 0 || Object.keys(permissions).length === 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('server_error', 'ERR_GITHUB_TOKEN_WIDER', `an installation token for ${owner}/${repo} was about to be asked with no ${repositories.length === 0 ? 'repositories' : 'permissions'}, which GitHub reads as every one the installation has; nothing was asked`, 500);
        const end = this.deadline(deadline);
        const id = await this.installationId(owner, repo, end);
        const asked = toApiPermissions(permissions);
        const askedAt = Date.now();
        let data;
        try {
            const res = await this.asApp((gh) => gh.rest.apps.createInstallationAccessToken({
                installation_id: id,
                permissions: asked,
                repositories,
                request: { deadline: end },
            }));
            data = res.data;
        }
        catch (err) {
            throw upstream(err, 'GitHub refused to create the installation token');
        }
        // Judged before its scope: an answer without a token is not "wider" (a false security alarm,
        // and a DELETE sent with no token), and a token whose expiry cannot be read has a life the broker
        // cannot bound (its record's expiry would be NaN: never due, never swept).
        const answer = (data ?? {});
        if (typeof answer.token !== 'string' || answer.token === '')
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', `GitHub's answer to the installation-token request for ${owner}/${repo} holds no installation token (no "token" string); nothing was granted, retry later`, 503);
        if (typeof answer.expires_at !== 'string' || !Number.isFinite(Date.parse(answer.expires_at))) {
            // GitHub's installation tokens live one hour: the latest this one can still be alive.
            await this.dispose({ token: answer.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), askedAt }, this.deadline(), `revoke a token without a readable expiry for ${owner}/${repo}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', `GitHub's installation token for ${owner}/${repo} came with an expires_at that cannot be read (${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(String(answer.expires_at).slice(0, 32))}), so its life cannot be bounded; it was revoked and nothing was granted, retry later`, 503);
        }
        // Already dead by GitHub's clock (as learned), or within its last second: a fault upstream or in a
        // proxy. Granted, it was a credential its own record called expired (a negative expires_in, a grant
        // line the audit schema refuses); GitHub may yet honour it, so it is revoked, and a failure to is
        // reported as live up to GitHub's hour, not by the answered expiry (session 42).
        const life = Date.parse(answer.expires_at) - (Date.now() + this.githubAhead * 1000);
        if (life < 1000) {
            await this.dispose({ token: answer.token, expiresAt: new Date(Date.now() + 3600_000).toISOString(), askedAt }, this.deadline(), `revoke a token answered already expired for ${owner}/${repo}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', `GitHub's installation token for ${owner}/${repo} came with an expires_at (${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(answer.expires_at.slice(0, 32))}) already past by GitHub's clock (${Math.round(-life / 1000)} s ago), so it would be granted dead; it was revoked and nothing was granted, retry later (a proxy in front of GitHub rewriting answers, or GitHub's own fault)`, 503);
        }
        const wider = widerThanAsked(data, asked, { owner, repo, repositories, repositoryId });
        if (wider) {
            // Revoked before anything else sees it; the refusal names what was wider, never the token.
            await this.dispose({ token: data.token, expiresAt: data.expires_at, askedAt }, this.deadline(), `revoke a token wider than asked for ${owner}/${repo}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('server_error', 'ERR_GITHUB_TOKEN_WIDER', `GitHub's installation token for ${owner}/${repo} ${wider}; it was revoked and nothing was granted`, 502);
        }
        // The ids of the repositories it covers (exactly the names asked, checked above): the kill switch
        // and the run indexes follow a run's writes by id, so a rename after the token misses nothing.
        const repositoryIds = {};
        for (const r of data.repositories ?? [])
            if (typeof r.full_name === 'string' && Number.isSafeInteger(r.id) && r.id > 0)
                repositoryIds[lowerAscii(r.full_name)] = String(r.id);
        // One it cannot read exactly (a JSON number past 2^53 - 1 is read rounded: a neighbour's id) would
        // be followed by name only, and a rename would hide the runs it starts from the kill switch
        // (session 28). GitHub's answer always carries the ids (its OpenAPI description requires them).
        const unread = repositories.filter((n) => repositoryIds[lowerAscii(`${owner}/${n}`)] === undefined);
        if (unread.length) {
            await this.dispose({ token: data.token, expiresAt: data.expires_at, askedAt }, this.deadline(), `revoke a token whose repository ids cannot be read for ${owner}/${repo}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', `GitHub's installation token for ${owner}/${repo} came without an id that can be read exactly (a positive integer up to 2^53 - 1) for ${unread.map((n) => `${owner}/${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(n)}`).join(', ')}, so the runs it starts could not be followed by id; it was revoked and nothing was granted, retry later`, 503);
        }
        return { token: data.token, expiresAt: data.expires_at, askedAt, repositoryIds };
    }
    /**
     * The numeric id of `owner/repo` as GitHub knows it now (`GET /repos/{o}/{r}` with a short-lived
     * `metadata: read` token): the kill switch learns it so a name block survives a rename.
     */
    async repositoryId(owner, repo, deadline) {
        const end = this.deadline(deadline);
        const minted = await this.createToken(owner, repo, { metadata: 'read' }, [repo], end);
        try {
            const r = await this.client(minted.token).rest.repos.get({ owner, repo, request: { deadline: end } });
            // JSON's numbers past 2^53 - 1 are read rounded (\u2026993 as \u2026992): such an id may be a neighbour's,
            // and a block on it would say "learned" while a rename evades it. Not learned (as createToken).
            if (!Number.isSafeInteger(r.data.id) || r.data.id <= 0)
                throw new Error(`GitHub gave ${owner}/${repo} the id ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_5__/* .shown */ .SP)(String(r.data.id).slice(0, 32))}, which cannot be read exactly (not a positive integer up to 2^53 - 1)`);
            return String(r.data.id);
        }
        catch (err) {
            throw upstream(err, `cannot read the repository ${owner}/${repo}`);
        }
        finally {
            this.release(minted, `read the id of ${owner}/${repo}`);
        }
    }
    /**
     * Revokes an installation token upstream; an already-dead token (401) counts as revoked. Until
     * `freshUntil` (ms) a 401 is asked again instead (0.5 s, then doubling): GitHub's replicas may not
     * know a token minted seconds ago and answer 401 while it still becomes valid (octokit/auth-app
     * retries such a 401 for 5 s after creation, auth-app.js#65), so only a 401 past it says "gone".
     */
    async revokeToken(token, deadline, freshUntil = 0) {
        for (let wait = 500;; wait *= 2) {
            try {
                await this.client(token).rest.apps.revokeInstallationAccessToken({
                    request: { deadline: this.deadline(deadline) },
                });
                return;
            }
            catch (err) {
                if (err.status !== 401)
                    throw upstream(err, 'GitHub did not revoke the installation token');
                const left = freshUntil - Date.now();
                if (left <= 0)
                    return;
                await new Promise((r) => setTimeout(r, Math.min(wait, left)));
            }
        }
    }
    /** A file at a ref, read with a short-lived contents:read token (manifests from the default branch). */
    async readFile(owner, repo, path, ref, deadline) {
        const end = this.deadline(deadline);
        const minted = await this.createToken(owner, repo, { contents: 'read' }, [repo], end);
        const gh = this.client(minted.token);
        try {
            const res = await gh.rest.repos.getContent({ owner, repo, path, ref, request: { deadline: end } });
            const data = res.data;
            if (data.content === undefined)
                return undefined;
            // Over 1 MB GitHub answers `content: ""` with encoding `none`: not an empty file.
            if (data.encoding !== undefined && data.encoding !== 'base64')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .FileTooLargeRefusal */ .E4(`${path} of ${owner}/${repo} at ${ref}`, typeof data.size === 'number' ? data.size : undefined);
            return Buffer.from(data.content, 'base64').toString('utf8');
        }
        catch (err) {
            if (err.status === 404)
                return undefined;
            throw upstream(err, `cannot read ${path} of ${owner}/${repo}`);
        }
        finally {
            this.release(minted, `read ${path} of ${owner}/${repo}`);
        }
    }
    /**
     * Revokes a token the broker used itself, without holding the caller's answer: a hung
     * `DELETE /installation/token` once made a read (and so an exchange) wait up to its whole deadline
     * again. The revocation runs on its own deadline; a failure is reported (counted and logged by the
     * server), the token itself never.
     */
    release(minted, what) {
        // Bounded: with DELETE hanging, each release holds a connection for a whole deadline, and reads no
        // longer wait for them; past the cap the token is left to expire (read-only, one repository).
        if (this.releasing >= (this.opts.maxReleasing ?? 64)) {
            this.reportRelease(minted, what, 'ERR_GITHUB_RELEASE_BACKLOG', `${this.releasing} revocations of the broker's own read tokens already in flight (GitHub slow or hanging)`);
            return;
        }
        this.releasing++;
        void this.revokeReporting(minted, what).finally(() => this.releasing--);
    }
    /**
     * Revokes a token GitHub made wider than asked, waiting for it up to `end` (unlike `release`, not
     * subject to the backlog cap: such a token must not be left to expire quietly). A failure is
     * reported like a release's, the token itself never.
     */
    async dispose(minted, end, what) {
        const revoking = this.revokeReporting(minted, what, end);
        let t;
        const late = new Promise((r) => (t = setTimeout(r, Math.max(0, end - Date.now()))));
        await Promise.race([revoking, late]);
        clearTimeout(t);
    }
    /** Revokes `minted` upstream and never rejects: a failure goes to `reportRelease`. */
    revokeReporting(minted, what, end) {
        // Minted moments ago: a 401 while fresh is asked again, as for every token (FRESH_TOKEN_SECONDS).
        return this.revokeToken(minted.token, end, freshUntil(minted.askedAt)).catch((err) => this.reportRelease(minted, what, err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El ? err.code : 'ERR_GITHUB_UNAVAILABLE', err instanceof Error ? err.message : String(err)));
    }
    /** A token of the broker's own not confirmed revoked, to `onReleaseFailed`; the token cut from the text. */
    reportRelease(minted, what, code, message) {
        this.opts.onReleaseFailed?.({
            what,
            code,
            detail: message.split(minted.token).join('***').slice(0, 300),
            expiresAt: minted.expiresAt,
        });
    }
    /**
     * A job of the Actions Jobs API (`GET /repos/{o}/{r}/actions/jobs/{job_id}`), read with a
     * short-lived `actions: read` token; undefined when GitHub does not know it in this repository.
     */
    async getJob(owner, repo, jobId) {
        const end = this.deadline();
        const minted = await this.createToken(owner, repo, { actions: 'read' }, [repo], end);
        try {
            const res = await this.client(minted.token).rest.actions.getJobForWorkflowRun({
                owner,
                repo,
                job_id: Number(jobId),
                request: { deadline: end },
            });
            const d = res.data;
            return {
                id: d.id,
                run_id: d.run_id,
                ...(d.run_attempt !== undefined ? { run_attempt: d.run_attempt } : {}),
                status: d.status,
                name: d.name,
            };
        }
        catch (err) {
            if (err.status === 404)
                return undefined;
            throw upstream(err, `cannot read job ${jobId} of ${owner}/${repo}`);
        }
        finally {
            this.release(minted, `read job ${jobId} of ${owner}/${repo}`);
        }
    }
    /** The default branch and its head commit: the only place manifests are read from. */
    async defaultBranchHead(owner, repo, deadline) {
        const end = this.deadline(deadline);
        const minted = await this.createToken(owner, repo, { contents: 'read', metadata: 'read' }, [repo], end);
        const gh = this.client(minted.token);
        try {
            const request = { deadline: end };
            const r = await gh.rest.repos.get({ owner, repo, request });
            const c = await gh.rest.repos.getCommit({ owner, repo, ref: r.data.default_branch, request });
            return { branch: r.data.default_branch, sha: c.data.sha };
        }
        catch (err) {
            throw upstream(err, `cannot read the default branch of ${owner}/${repo}`);
        }
        finally {
            this.release(minted, `read the default branch of ${owner}/${repo}`);
        }
    }
}
/** GitHub's words when it refuses an App JWT for its times (the claim named, never the token). */
const CLOCK_REFUSAL = /^'(?:Issued at' claim \('iat'\)|Expiration time' claim \('exp'\)) /;
/**
 * GitHub's clock minus this host's (whole seconds) when `err` is GitHub refusing an App JWT for its
 * `iat` or `exp` and its answer carries a readable `Date`; otherwise undefined.
 */
function githubClockAhead(err, hostMs = Date.now()) {
    const e = err;
    const message = e?.response?.data?.message;
    if (e?.status !== 401 || typeof message !== 'string' || !CLOCK_REFUSAL.test(message))
        return undefined;
    const date = e.response?.headers?.date;
    const github = typeof date === 'string' ? Date.parse(date) : NaN;
    return Number.isFinite(github) ? Math.round((github - hostMs) / 1000) : undefined;
}
function upstream(err, what) {
    if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El)
        return err;
    if (err instanceof _github_octokit_js__WEBPACK_IMPORTED_MODULE_2__/* .UpstreamTimeoutError */ .Hy)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_TIMEOUT', `${what}: ${err.message}; nothing was granted, retry later`, 503);
    if (err instanceof _github_octokit_js__WEBPACK_IMPORTED_MODULE_2__/* .UpstreamRateLimitedError */ .S9)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_RATE_LIMITED', `${what}: GitHub asks to wait ${err.retryAfterSeconds}s (rate limit, GitHub ${err.status}), longer than the deadline allows; nothing was granted, retry after that`, 503, err.retryAfterSeconds);
    const status = err.status;
    const message = err.response?.data?.message ?? err.message;
    if (status === 422 || status === 404)
        return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('invalid_target', 'ERR_GITHUB_REFUSED', `${what}: ${message} (GitHub ${status})`);
    return new _errors_js__WEBPACK_IMPORTED_MODULE_6__/* .BrokerRefusal */ .El('temporarily_unavailable', 'ERR_GITHUB_UNAVAILABLE', `${what}: ${message}${status ? ` (GitHub ${status})` : ''}`, 503);
}


/***/ }),

/***/ 8507:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  md: () => (/* binding */ startBroker),
  G7: () => (/* binding */ startBrokerWith)
});

// UNUSED EXPORTS: SERVED, handler

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./shared/standins/http.ts
var http = __webpack_require__(6143);
// EXTERNAL MODULE: ./shared/oidc/verify.ts + 1 modules
var verify = __webpack_require__(5273);
// EXTERNAL MODULE: ./shared/oidc/json-members.ts
var json_members = __webpack_require__(728);
// EXTERNAL MODULE: ./shared/broker/config.ts
var broker_config = __webpack_require__(710);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/util/decode_jwt.js
var decode_jwt = __webpack_require__(7961);
// EXTERNAL MODULE: ./shared/broker/manifest-source.ts
var manifest_source = __webpack_require__(3903);
// EXTERNAL MODULE: ./shared/broker/providers/app-key.ts
var app_key = __webpack_require__(2158);
// EXTERNAL MODULE: ./shared/broker/providers/github-app.ts
var github_app = __webpack_require__(5506);
;// CONCATENATED MODULE: ./shared/broker/issuers.ts
/**
 * Several issuers at once: github.com, GHES servers (`https://HOST/_services/token`) and ghe.com
 * tenants, each with its own audience, GitHub API, App and manifest source. The token's issuer picks
 * them: an unverified `iss` only chooses which verifier runs; that verifier trusts that one issuer and
 * checks everything again, so a token cannot borrow another issuer's settings.
 */





/** Routes each token to the verifier of its issuer; an unknown or unreadable issuer gets the first verifier's refusal. */
function dispatchByIssuer(verifiers) {
    const all = [...verifiers.values()];
    if (all.length === 1)
        return all[0];
    return {
        verify(token) {
            let iss;
            try {
                iss = (0,decode_jwt/* decodeJwt */.i)(token).iss;
            }
            catch {
                iss = undefined;
            }
            const v = typeof iss === 'string' ? verifiers.get(iss) : undefined;
            return (v ?? all[0]).verify(token);
        },
    };
}
/**
 * One App per distinct `github:` block (an issuer that names none shares the top-level one), each
 * checked against GitHub at start (`GET /app`): a key of another App stops the start, by name.
 */
async function buildTenants(settings, baseDir, log, 
/** Deadline of one GitHub operation (`timeouts.upstream`), ms. */
timeoutMs, 
/** A read token of the broker's own not revoked (its read did not wait for the revocation). */
onReleaseFailed, 
/** GitHub's clock difference learned by the App of `api` (GithubAppOptions.onClock). */
onClock) {
    const at = (p) => (0,external_node_path_.resolve)(baseDir, p);
    const apps = new Map();
    const tenants = new Map();
    for (const s of settings) {
        let app;
        if (s.github) {
            app = apps.get(s.github);
            if (!app) {
                const api = s.github.api;
                app = new github_app/* GithubApp */.XJ({
                    api: s.github.api,
                    appId: s.github['app-id'],
                    privateKey: await (0,app_key/* loadAppKey */.HU)((0,app_key/* appKeySourceOf */.hr)(s.github, at)),
                    ...(timeoutMs ? { timeoutMs } : {}),
                    ...(onReleaseFailed ? { onReleaseFailed } : {}),
                    ...(onClock ? { onClock: (c) => onClock(api, c) } : {}),
                });
                const id = await app.identity().catch((err) => {
                    throw new app_key/* AppKeyError */.RD(`${err.message} (issuer ${s.url}, API ${s.github.api})`);
                });
                log.log('info', 'GitHub App key verified', { app_id: id.id, app_slug: id.slug, api: s.github.api });
                apps.set(s.github, app);
            }
        }
        if (s.manifests.source === 'github' && !app)
            throw new app_key/* AppKeyError */.RD(`issuer ${s.url} reads manifests from GitHub but has no App`);
        tenants.set(s.url, {
            github: app,
            ...(s.ownerIds ? { ownerIds: new Set(s.ownerIds.map(String)) } : {}),
            manifests: s.manifests.source === 'github' ? (0,manifest_source/* githubSource */.j)(app) : (0,manifest_source/* directorySource */.X)(at(s.manifests.path)),
        });
    }
    return tenants;
}

// EXTERNAL MODULE: ./shared/broker/audit-log.ts
var audit_log = __webpack_require__(4366);
// EXTERNAL MODULE: ./shared/conditions/verdict.ts
var verdict = __webpack_require__(9084);
// EXTERNAL MODULE: ./shared/broker/errors.ts
var errors = __webpack_require__(5031);
// EXTERNAL MODULE: ./shared/broker/request.ts
var broker_request = __webpack_require__(643);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwt/verify.js
var jwt_verify = __webpack_require__(4605);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/jwks/local.js
var local = __webpack_require__(6687);
// EXTERNAL MODULE: ./shared/digest/sha256.ts
var sha256 = __webpack_require__(7348);
// EXTERNAL MODULE: ./shared/broker/decide.ts + 1 modules
var decide = __webpack_require__(6442);
// EXTERNAL MODULE: ./shared/conditions/callers.ts
var callers = __webpack_require__(2721);
;// CONCATENATED MODULE: ./shared/broker/decision-audit.ts
function decisionAuditFields(d) {
    const details = {};
    if (d.kind === 'github') {
        details.repositories = d.repositories;
        details.permissions = d.permissions;
    }
    if (d.workflowRefs) {
        details.workflow_ref = d.workflowRefs.caller;
        details.job_workflow_ref = d.workflowRefs.callee;
        details.workflow_kind = d.workflowRefs.kind;
        if (d.workflowRefs.callerJob)
            details.caller_job = d.workflowRefs.callerJob;
        if (d.workflowRefs.allowedBy)
            details.caller_allowed_by = d.workflowRefs.allowedBy;
    }
    if (d.policyAudit?.length)
        details.org_policy_audit = d.policyAudit.map((p) => ({
            code: p.code,
            subject: p.subject,
            message: p.message,
        }));
    return Object.keys(details).length ? { details } : {};
}
/** Both workflow refs of a token whose running job is a reusable workflow (refusals are audited with them too). */
function workflowRefDetails(claims) {
    const caller = claims.workflow_ref;
    const callee = claims.job_workflow_ref;
    if (typeof caller !== 'string' || typeof callee !== 'string' || caller === callee)
        return {};
    return { details: { workflow_ref: caller.slice(0, 512), job_workflow_ref: callee.slice(0, 512) } };
}

;// CONCATENATED MODULE: ./shared/broker/dry-run.ts

class DryRunRefusal extends errors/* BrokerRefusal */.El {
    conditions;
    constructor(from, conditions) {
        super(from.error, from.code, from.description, from.status, from.retryAfter);
        this.conditions = conditions;
        this.audited = from.audited;
    }
    toJSON() {
        return { ...super.toJSON(), dry_run: true, conditions: this.conditions };
    }
}

// EXTERNAL MODULE: ./shared/broker/client-auth.ts
var client_auth = __webpack_require__(4786);
// EXTERNAL MODULE: ./shared/broker/job-identity.ts
var job_identity = __webpack_require__(6988);
// EXTERNAL MODULE: ./shared/manifest/load.ts + 1 modules
var load = __webpack_require__(6454);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var manifest_errors = __webpack_require__(6831);
// EXTERNAL MODULE: ./shared/clock/steady.ts
var steady = __webpack_require__(8381);
// EXTERNAL MODULE: ./shared/conditions/reach.ts
var reach = __webpack_require__(278);
;// CONCATENATED MODULE: ./shared/broker/org-policy-source.ts




// One name: reach.ts refuses a glob consent to it (a grant writing it could rewrite the policy).


const ORG_POLICY_PATH = 'stepwarden/org-policy.yml';
/** No policy at all, or the same local file for every owner. */
function staticOrgPolicy(policy) {
    const result = policy ? { policies: [policy], from: 'file' } : { policies: [] };
    const get = async () => result;
    return { get, cached: get };
}
/** The local file and the owners' OWNER/.github policies together: both apply, the stricter wins. */
function combinedOrgPolicy(local, github) {
    const both = (remote) => ({
        policies: [local, ...remote.policies],
        from: remote.from ? `file+${remote.from}` : 'file',
        ...(remote.stale ? { stale: true } : {}),
    });
    return {
        forget: (owner) => github.forget?.(owner),
        get: (owner, issuer) => github.get(owner, issuer).then(both),
        cached: (owner, issuer) => github.cached?.(owner, issuer)?.then(both),
    };
}
function parse(owner, text) {
    const label = `${owner}/${reach/* ORG_POLICY_REPO */.Df}:${ORG_POLICY_PATH}`;
    if (text === undefined)
        return {
            refusal: new errors/* BrokerRefusal */.El('invalid_target', 'ERR_ORG_POLICY_MISSING', `${owner} has no organization policy (${label} on the default branch); add one, or configure org-policy as a local file`),
        };
    try {
        return { policy: (0,load/* loadOrgPolicy */.Vf)(text, label) };
    }
    catch (err) {
        if (!(err instanceof manifest_errors/* ManifestError */.Sh))
            throw err;
        const p = err.problems[0];
        return {
            refusal: new errors/* BrokerRefusal */.El('invalid_target', 'ERR_ORG_POLICY_INVALID', `the organization policy is invalid: ${p ? `${p.file}:${p.line}: ${p.message}${p.fix ? ` (${p.fix})` : ''}` : err.message}`),
        };
    }
}
const unavailable = (err) => err instanceof errors/* BrokerRefusal */.El ? err.code === 'ERR_GITHUB_UNAVAILABLE' : !(err instanceof manifest_errors/* ManifestError */.Sh);
/**
 * `readers`: one reader for every issuer, or the reader (GitHub App) of each issuer; an issuer
 * without one is refused (ERR_ORG_POLICY_MISSING), never answered with another GitHub's policy.
 */
function githubOrgPolicySource(readers, opts = {}) {
    const readerOf = typeof readers === 'function' ? readers : () => readers;
    const ttl = opts.headTtlMs ?? 60_000;
    // Head ages on the monotonic clock: on the wall, a step back kept a narrowed policy's old head.
    const now = opts.now ?? steady/* monotonicMs */.dR;
    const max = opts.maxOwners ?? 10_000;
    const heads = new Map();
    const byCommit = new Map();
    /** The last good policy of each owner, for outages. */
    const lastGood = new Map();
    const inflight = new Map();
    const answer = (owner, sha, parsed, stale = false) => {
        // The cached refusal is shared by every exchange of the owner: each gets its own (errors.ts).
        if ('refusal' in parsed)
            throw (0,errors/* ownRefusal */.B)(parsed.refusal);
        return {
            policies: [parsed.policy],
            from: `${owner}/${reach/* ORG_POLICY_REPO */.Df}@${sha}`,
            ...(stale ? { stale } : {}),
        };
    };
    const refresh = async (owner, key, reader) => {
        let sha;
        let parsed;
        try {
            sha = (await reader.defaultBranchHead(owner, reach/* ORG_POLICY_REPO */.Df)).sha;
            parsed = byCommit.get(`${key}@${sha}`);
            if (!parsed) {
                parsed = parse(owner, await reader.readFile(owner, reach/* ORG_POLICY_REPO */.Df, ORG_POLICY_PATH, sha));
                if (byCommit.size >= max)
                    byCommit.delete(byCommit.keys().next().value);
                byCommit.set(`${key}@${sha}`, parsed);
            }
        }
        catch (err) {
            if (unavailable(err)) {
                const good = lastGood.get(key);
                if (good)
                    return answer(owner, good.sha, { policy: good.policy }, true);
                throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_ORG_POLICY_UNAVAILABLE', `the organization policy of ${owner} has never been read and GitHub is unavailable (${err.message}); refused until it can be read`, 503);
            }
            // GitHub answered (404: no .github repository, or the App is not installed on it).
            parsed = {
                refusal: new errors/* BrokerRefusal */.El('invalid_target', 'ERR_ORG_POLICY_MISSING', `cannot read ${owner}/${reach/* ORG_POLICY_REPO */.Df}:${ORG_POLICY_PATH}: ${err.message}; install the GitHub App on ${owner}/${reach/* ORG_POLICY_REPO */.Df} and add the policy`),
            };
            heads.set(key, { sha: '', until: now() + ttl });
            byCommit.set(`${key}@`, parsed);
            lastGood.delete(key);
            throw parsed.refusal;
        }
        heads.set(key, { sha, until: now() + ttl });
        if ('policy' in parsed)
            lastGood.set(key, { policy: parsed.policy, sha });
        else
            lastGood.delete(key);
        return answer(owner, sha, parsed);
    };
    /** The answer of a head still fresh and its policy read (no GitHub call), as a thunk; else undefined. */
    const fresh = (owner, issuer) => {
        if (!readerOf(issuer))
            return undefined;
        const key = `${issuer ?? ''}\n${owner.toLowerCase()}`;
        const head = heads.get(key);
        if (!head || head.until <= now())
            return undefined;
        const parsed = byCommit.get(`${key}@${head.sha}`);
        return parsed ? () => answer(owner, head.sha, parsed) : undefined;
    };
    return {
        forget(owner) {
            // Keys are `issuer\nowner`: every issuer's copy of that owner.
            const of = (k) => k.slice(k.indexOf('\n') + 1).split('@')[0];
            const o = owner?.toLowerCase();
            for (const k of [...heads.keys()])
                if (!o || of(k) === o)
                    heads.delete(k);
            for (const k of [...byCommit.keys()])
                if (!o || of(k) === o)
                    byCommit.delete(k);
        },
        cached(owner, issuer) {
            const hit = fresh(owner, issuer);
            return hit ? Promise.resolve().then(hit) : undefined;
        },
        async get(owner, issuer) {
            const reader = readerOf(issuer);
            if (!reader)
                throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_ORG_POLICY_MISSING', `the organization policy of ${owner} is read from GitHub, but issuer ${issuer ?? '(none)'} has no GitHub App to read ${owner}/${reach/* ORG_POLICY_REPO */.Df}:${ORG_POLICY_PATH}; give that issuer a github: block`);
            // Owner names are per GitHub (github.com, a GHES server, a ghe.com tenant): keyed by issuer too.
            const key = `${issuer ?? ''}\n${owner.toLowerCase()}`;
            const hit = fresh(owner, issuer);
            if (hit)
                return hit();
            let p = inflight.get(key);
            if (!p) {
                p = refresh(owner, key, reader).finally(() => inflight.delete(key));
                inflight.set(key, p);
            }
            // One read for the exchanges that ask meanwhile: a refusal of each caller's own.
            return p.catch((err) => {
                throw (0,errors/* ownRefusal */.B)(err);
            });
        },
    };
}

// EXTERNAL MODULE: ./shared/broker/providers/jwt-profiles.ts
var jwt_profiles = __webpack_require__(3849);
;// CONCATENATED MODULE: ./shared/broker/providers/service-jwt.ts
/**
 * Any audience other than `github`: an ES256 JWT signed by the broker, verifiable with its JWKS. With
 * the `spiffe` profile it is a JWT-SVID: `sub` is the step's SPIFFE ID, one audience, the header
 * carries only `alg`, `kid` and `typ`, and it is signed by a key published with `use: jwt-svid`.
 */


/** The claims a broker JWT carries about where it was issued, from the credential's place. */
function workloadContextOf(p, origin) {
    return {
        repository: p.repository,
        repository_id: p.repositoryId,
        workflow: p.workflow,
        job: p.job,
        step: p.step,
        run_id: p.runId,
        run_attempt: p.runAttempt,
        ...origin,
    };
}
async function mintServiceJwt(opts) {
    const jti = (0,external_node_crypto_.randomUUID)();
    const expiresAt = opts.now + opts.ttl;
    const spiffe = opts.profile?.profile === 'spiffe';
    if (spiffe && (!opts.profile?.trustDomain || !opts.profile.svidKey))
        throw new Error('the spiffe profile needs spiffe.trust-domain and its signing key');
    const key = spiffe ? opts.profile.svidKey : opts.key;
    // By assignment, in the order (and with the overrides) of the literal `{ ...extra, scope, ...context,
    // ...(tags ? { [AWS_TAGS_CLAIM]: tags } : {}), iss, aud, sub, jti, iat, nbf, exp }`: on Node 20 a
    // literal opening with the spread of a non-empty object and adding keys of its own takes V8's slow
    // path, about 20 \u00b5s for a chained credential's (`extra` = `{ act }`; service.ts exchangeNames).
    // `extra` and the context are the broker's own objects (no `__proto__` key, which Object.assign
    // would set as the prototype where a spread defines it).
    const payload = {};
    if (opts.extra)
        Object.assign(payload, opts.extra);
    payload.scope = opts.scope;
    Object.assign(payload, opts.context);
    if (opts.profile?.awsSessionTags)
        payload[jwt_profiles/* AWS_TAGS_CLAIM */.v7] = (0,jwt_profiles/* awsSessionTags */.r8)(opts.context);
    payload.iss = opts.issuer;
    // JWT-SVID.md \u00a73: `aud` SHOULD be one value; a string keeps verifiers that expect one happy.
    payload.aud = opts.audience;
    payload.sub = spiffe ? (0,jwt_profiles/* spiffeIdOf */.O8)(opts.profile.trustDomain, opts.context) : opts.subject;
    payload.jti = jti;
    payload.iat = opts.now;
    payload.nbf = opts.now;
    payload.exp = expiresAt;
    const token = await signEs256(headerOf(key), payload, key.privateKey);
    return { token, jti, expiresAt };
}
/** Each signing key as a KeyObject, checked once to be an ECDSA P-256 private key (jose checks on every sign). */
const es256Keys = new WeakMap();
function es256KeyObject(key) {
    let k = es256Keys.get(key);
    if (!k) {
        const alg = key.algorithm;
        if (key.type !== 'private' ||
            alg.name !== 'ECDSA' ||
            alg.namedCurve !== 'P-256' ||
            !key.usages.includes('sign'))
            throw new TypeError('an ES256 signing key must be an ECDSA P-256 private key usable for sign');
        k = external_node_crypto_.KeyObject.from(key);
        es256Keys.set(key, k);
    }
    return k;
}
/**
 * The protected header of a key's JWTs, one per key (the same for every credential it signs), with
 * its base64url segment encoded once instead of at every exchange (signEs256 looks it up).
 */
const headers = new WeakMap();
/** The segment of each header headerOf made (frozen, string values only: it cannot change). */
const segments = new WeakMap();
function headerOf(key) {
    let h = headers.get(key);
    if (!h) {
        h = Object.freeze({ alg: 'ES256', kid: key.kid, typ: 'JWT' });
        segments.set(h, Buffer.from(JSON.stringify(h)).toString('base64url'));
        headers.set(key, h);
    }
    return h;
}
/**
 * A compact JWS (RFC 7515) signed with ES256: ECDSA P-256 over SHA-256 with the raw r||s signature
 * RFC 7518 \u00a73.4 asks for, the operation jose performs, but run by node:crypto on libuv's pool with a
 * callback and base64url by Buffer (native): the event loop's share of a signature drops from about
 * 30 \u00b5s (jose's builder, JavaScript base64, WebCrypto's argument handling) to under 10. Claims are
 * strings and integers the broker builds, never caller-chosen JSON.
 */
async function signEs256(header, payload, key) {
    const keyObject = es256KeyObject(key);
    for (const c of ['iat', 'nbf', 'exp'])
        if (!Number.isSafeInteger(payload[c]))
            throw new TypeError(`claim '${c}' must be an integer NumericDate`);
    const input = `${segments.get(header) ?? Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return new Promise((resolve, reject) => (0,external_node_crypto_.sign)('sha256', Buffer.from(input), { key: keyObject, dsaEncoding: 'ieee-p1363' }, (err, signature) => err ? reject(err) : resolve(`${input}.${signature.toString('base64url')}`)));
}

// EXTERNAL MODULE: ./shared/broker/github-site.ts
var github_site = __webpack_require__(8407);
// EXTERNAL MODULE: ./node_modules/jose/dist/webapi/util/errors.js
var util_errors = __webpack_require__(5674);
// EXTERNAL MODULE: ./shared/oidc/compact.ts
var compact = __webpack_require__(7459);
// EXTERNAL MODULE: ./shared/oidc/claims.ts
var oidc_claims = __webpack_require__(953);
// EXTERNAL MODULE: ./shared/broker/state/store.ts
var state_store = __webpack_require__(2893);
;// CONCATENATED MODULE: ./shared/broker/chain.ts
/**
 * Chained sessions (RFC 8693 with a broker-signed JWT as `subject_token`): a credential the broker
 * issued is exchanged for a narrower one \u2014 the same audience, the same or fewer scopes, no longer than
 * the parent has left, an `act` claim naming the chain, at most MAX_CHAIN_DEPTH links. The child is
 * recorded with its ancestors, so revoking any ancestor (or its run, or its repository) reaches it,
 * and introspection of a child whose ancestor is revoked says inactive.
 */









const MAX_CHAIN_DEPTH = 3;
/** True when some ancestor of `r` was revoked (its descendants die with it). */
async function ancestorRevoked(store, r) {
    for (const id of r.chain ?? []) {
        const a = await store.get(id);
        if (!a || a.revokedAt !== undefined)
            return true;
    }
    return false;
}
/** Live descendants of `r` (same run by construction), for revoking them with it. */
async function descendantsOf(store, r, now) {
    const sameRun = await store.live({ repositoryId: r.repositoryId, runId: r.runId }, now);
    return sameRun.filter((d) => d.chain?.includes(r.grantId));
}
const refuse = (error, code, text) => new errors/* BrokerRefusal */.El(error, code, text);
async function chainedExchange(p, d) {
    const subject = p.get('subject_token') ?? '';
    const now = d.now();
    // The same text shape as GitHub's tokens (compact.ts): jose alone would read a space or a byte order
    // mark past, and the subject would be another spelling of a credential.
    const shape = (0,compact/* compactJws */.W)(subject);
    if (shape.problem !== undefined)
        throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', `subject_token is not a live credential signed by this broker (${shape.problem})`);
    try {
        await (0,jwt_verify/* jwtVerify */.V)(subject, (0,local/* createLocalJWKSet */.w)({ keys: d.key.published(now) }), {
            issuer: d.url,
            currentDate: new Date(now * 1000),
            algorithms: ['ES256'],
        });
    }
    catch (err) {
        // Expired: jose checks the time only after the signature, so it is still this broker's credential
        // (its record below says so, and whose it is).
        if (!(err instanceof util_errors/* JWTExpired */.n))
            throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', `subject_token is not a live credential signed by this broker (${err.message})`);
    }
    const parent = await d.store.byTokenHash(d.hash(subject));
    if (!parent)
        throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', 'subject_token is unknown to this broker');
    try {
        return await chainFrom(parent, p, d, now);
    }
    catch (err) {
        // The subject is a credential this broker issued (its signature and its record): a refusal from
        // here on is misuse of that credential (a widening, a revoked one presented again, the kill
        // switch), so its line says whose it is. Written as authenticated, it is also never one of the
        // unauthenticated lines a flood of garbage can push past the audit budget (audit-budget.ts).
        if (err instanceof errors/* BrokerRefusal */.El && !err.audited) {
            const asked = p.get('audience');
            d.audit.write({
                type: 'credential.refused',
                outcome: err.status >= 500 ? 'error' : 'denied',
                reason: err.code,
                detail: err.description,
                ...(0,state_store/* placeFields */.F6)(parent),
                audience: parent.audience,
                details: {
                    parent_grant_id: parent.grantId,
                    ...(asked && asked !== parent.audience ? { requested_audience: asked } : {}),
                },
            });
            err.audited = true;
        }
        throw err;
    }
}
/** The chained exchange from a credential found in the store; refusals are audited by the caller. */
async function chainFrom(parent, p, d, now) {
    // The request's own words first, by the rule an exchange of an OIDC token applies (request.ts): a
    // control character or an unbounded value is refused as such, not as a scope not held or another
    // audience, before it costs the repository's rate limit or is quoted anywhere.
    const askedAudience = (0,broker_request/* field */.ZZ)(p, 'audience', broker_request/* MAX_AUDIENCE */.g7, false);
    const askedScope = (0,broker_request/* field */.ZZ)(p, 'scope', broker_request/* MAX_SCOPE */.mr, false);
    // The sweep ends a credential at its ttl by marking it revoked (TTL_PASSED): that is an expiry, and
    // the line a responder reads must not say someone revoked it.
    const dead = parent.kind !== 'jwt'
        ? 'is not a broker JWT'
        : parent.revokedAt !== undefined && parent.revokedReason !== 'TTL_PASSED'
            ? 'was revoked'
            : parent.expiresAt <= now || parent.revokedAt !== undefined
                ? 'has expired'
                : (await ancestorRevoked(d.store, parent))
                    ? 'descends from a revoked credential'
                    : undefined;
    if (dead)
        throw refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', `subject_token ${dead}`);
    const chain = [...(parent.chain ?? []), parent.grantId];
    if (chain.length > MAX_CHAIN_DEPTH)
        throw refuse('invalid_grant', 'ERR_CHAIN_TOO_DEEP', `a chain is at most ${MAX_CHAIN_DEPTH} exchanges deep; this one would be ${chain.length}`);
    // A bucket per repository, as for an exchange of an OIDC token: one live JWT must not mint children
    // without end (each a record in the store, so a flood would also fill it for every repository). Its
    // own bucket, not the exchanges' (`rate:`): a broker JWT is a bearer credential in a relying party's
    // hands, outside the repository, and chaining it until the shared bucket was empty refused every
    // workflow of the repository its OIDC exchanges while the JWT lived (as job ends have theirs).
    if (d.rateLimit) {
        const limited = await d.store.rateLimit(`chain:${parent.issuer ?? ''}:${parent.repositoryId}`, d.rateLimit.limit, d.rateLimit.windowSeconds, now);
        if (!limited.allowed) {
            const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_RATE_LIMITED', `rate limit of ${d.rateLimit.limit} per ${d.rateLimit.windowSeconds}s reached for chained exchanges of ${(0,verdict/* shown */.SP)(parent.repository)}; retry after ${limited.retryAfter}s`, 429, limited.retryAfter);
            d.audit.write({
                type: 'credential.rate_limited',
                outcome: 'denied',
                reason: 'ERR_RATE_LIMITED',
                detail: `more than ${d.rateLimit.limit} chained exchanges per ${d.rateLimit.windowSeconds}s for this repository`,
                ...(0,state_store/* placeFields */.F6)(parent),
                audience: parent.audience,
                details: { parent_grant_id: parent.grantId },
            });
            refusal.audited = true;
            throw refusal;
        }
    }
    const audience = askedAudience || parent.audience;
    if (audience !== parent.audience)
        throw refuse('invalid_target', 'ERR_CHAIN_AUDIENCE', `a chained credential keeps its parent's audience (${parent.audience}), not ${(0,verdict/* shown */.SP)(audience)}`);
    const held = new Set((0,broker_request/* scopeItems */.V0)(parent.scope));
    const asked = (0,broker_request/* scopeItems */.V0)(askedScope);
    const wider = asked.filter((s) => !held.has(s));
    if (wider.length)
        throw refuse('invalid_scope', 'ERR_CHAIN_SCOPE', `a chained credential has the same or fewer scopes than its parent (${parent.scope}); not held: ${wider.map(verdict/* shown */.SP).join(' ')}`);
    const scope = asked.length ? asked.join(' ') : parent.scope;
    const left = parent.expiresAt - now;
    const ttl = Math.min((0,broker_request/* ttlOf */.yJ)(p) ?? left, left);
    const blocks = await d.store.blocks();
    const lineage = {
        repository: parent.repository,
        repositoryId: parent.repositoryId,
        workflow: parent.workflow,
        runId: parent.runId,
        ...(parent.parentRuns ? { parentRuns: parent.parentRuns } : {}),
        // A reusable workflow's credential: a block of the workflow that called it covers its children too.
        ...(parent.callerWorkflow ? { callerWorkflow: parent.callerWorkflow } : {}),
    };
    if (blocks.some((b) => (0,state_store/* blockMatches */.jO)(b, lineage)))
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_BLOCKED', 'the kill switch blocks this credential chain', 403);
    const grantId = (0,external_node_crypto_.randomUUID)();
    const claimKey = `chain:${grantId}`;
    const deliverBy = now + (d.inFlightSeconds ?? 30);
    // The chained credential stands where its parent does (same audience, checked above).
    const place = (0,state_store/* placeOf */.$t)(parent);
    await d.store.intend({ grantId, claimKey, deadline: now + ttl, sweepAt: deliverBy, ...place });
    // RFC 8693 \u00a74.1: `act` names the current actor, nesting the prior ones.
    const act = chain.reduceRight((inner, id) => ({ sub: `grant:${id}`, ...(inner ? { act: inner } : {}) }), undefined);
    const profile = d.profile?.(audience, now);
    const minted = await mintServiceJwt({
        key: d.key.active(now),
        ...(profile ? { profile } : {}),
        issuer: d.url,
        audience,
        subject: parent.sub,
        scope,
        ttl,
        now,
        context: workloadContextOf(place, d.origin?.(parent.issuer)),
        extra: { act },
    });
    const record = {
        grantId,
        tokenHash: d.hash(minted.token),
        kind: 'jwt',
        ...place,
        scope,
        sub: parent.sub,
        ...(parent.issuer ? { issuer: parent.issuer } : {}),
        // The parent's check run (matrix leg): a job end covers the credentials that leg's token owns, and
        // without it a sibling leg's end (same job name) revoked this child.
        ...(parent.checkRunId !== undefined ? { checkRunId: parent.checkRunId } : {}),
        issuedAt: now,
        expiresAt: minted.expiresAt,
        parentGrantId: parent.grantId,
        chain,
        deliverBy,
        ...(parent.parentRuns ? { parentRuns: parent.parentRuns } : {}),
    };
    await d.store.put(record);
    d.audit.write({
        type: 'credential.granted',
        outcome: 'success',
        ...(0,state_store/* placeFields */.F6)(parent),
        audience,
        scope,
        grant_id: grantId,
        ttl,
        expires_at: new Date(minted.expiresAt * 1000).toISOString(),
        details: { parent_grant_id: parent.grantId, chain_depth: chain.length },
    });
    try {
        await d.audit.flush();
    }
    catch (err) {
        // Not on disk, not handed out: a JWT has nothing upstream, so marking it revoked is enough.
        await d.store.markRevoked(grantId, now, { reason: 'ERR_AUDIT_UNAVAILABLE' });
        await d.store.settleRevocation(grantId, 'done');
        throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_AUDIT_UNAVAILABLE', `the audit log cannot be written (${err.message}); nothing is granted until it can`, 503, 5);
    }
    // Revoked meanwhile (its parent, its run, the kill switch, or the sweep of an interrupted exchange):
    // it does not leave.
    const gate = await d.store.deliver(grantId);
    const blocked = gate.blocks.some((b) => (0,state_store/* blockMatches */.jO)(b, lineage));
    // A parent revoked before this record was stored did not find it among its descendants (the
    // revocation reaches what the store holds): it must not leave, nor stay live. Revoked after the
    // store took it, the revocation found it, and `deliver` said so.
    const orphaned = gate.delivered && !blocked && (await ancestorRevoked(d.store, record));
    if (!gate.delivered || blocked || orphaned) {
        if (gate.delivered &&
            (await d.store.markRevoked(grantId, now, {
                reason: blocked ? 'REVOKED_BY_ADMIN' : 'REVOKED_WITH_PARENT',
            })))
            // Its grant line is written: the line that ends it too, as an exchange of an OIDC token writes.
            d.audit.write({
                type: 'credential.revoked',
                outcome: 'success',
                reason: blocked ? 'REVOKED_BY_ADMIN' : 'REVOKED_WITH_PARENT',
                ...(0,state_store/* placeFields */.F6)(parent),
                audience,
                scope,
                grant_id: grantId,
                ttl: 0,
                details: { parent_grant_id: parent.grantId, in_flight: true },
            });
        await d.store.settleRevocation(grantId, 'done');
        throw blocked
            ? new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_BLOCKED', 'the kill switch blocks this credential chain', 403)
            : orphaned
                ? refuse('invalid_grant', 'ERR_CHAIN_SUBJECT', 'subject_token was revoked while this chained credential was minted; nothing was granted')
                : new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_EXCHANGE_INTERRUPTED', 'the chained credential was revoked before it left the broker; nothing was granted', 503, 1);
    }
    // A failover that lost the child's record left a child the promoted store does not know (inactive
    // to introspection, out of its parent's revocation's reach) that a relying service verifying it
    // locally takes until its exp (session 40).
    await d.leaving?.(record);
    return {
        access_token: minted.token,
        issued_token_type: 'urn:ietf:params:oauth:token-type:jwt',
        token_type: 'Bearer',
        expires_in: ttl,
        scope,
        grant_id: grantId,
    };
}
/**
 * Runs a broker token started (docs/decisions.md `## Dispatched runs`, and session 21). A run whose
 * actor is the broker's GitHub App (`<slug>[bot]`) was started with an installation token of that App
 * (GitHub: an App token's events start runs of every kind, not only `workflow_dispatch` /
 * `repository_dispatch` as the GITHUB_TOKEN's: a push, a tag, an issue, a pull request, a deployment),
 * and the broker issued every such token that could write (`dispatchTo`). GitHub's OIDC token does not
 * say which one, so the child's parents are every run whose writing token for this repository the
 * store still keeps (until its upstream expiry + 10 min) and which was issued before the child's token
 * \u2014 and those runs' own parents. It over-approximates on purpose: revoking a run may reach a sibling's
 * child, never miss its own.
 */
/**
 * The repositories a GitHub token can start runs in (lower case), or none. Any permission at `write`
 * or above writes something whose event can start a run (contents: a push or a tag; issues, pull
 * requests, deployments, statuses, checks, discussions, packages: their own events; actions:
 * workflow_dispatch): which do is GitHub's list of events, not the broker's to keep, so every one counts.
 */
function dispatchTargets(permissions, repositories, repository) {
    if (!Object.values(permissions).some((level) => level === 'write' || level === 'admin'))
        return [];
    const owner = repository.split('/')[0];
    return [...new Set(repositories.map((n) => `${owner}/${n}`.toLowerCase()))];
}
/**
 * The ids of a writing token's targets (dispatchTargets' names, lower case) from GitHub's answer
 * (createToken's `repositoryIds`): the record's `dispatchToIds`, so the run indexes key its writes
 * by id (store.ts dispatchKeyOf). A name the answer did not give an id for stays keyed by name.
 */
function dispatchTargetIds(targets, repositoryIds) {
    const out = {};
    for (const n of targets)
        if (repositoryIds[n] !== undefined)
            out[n] = repositoryIds[n];
    return out;
}
/** Whether a run was started through the App (its actor is the App's bot account), by any event. */
function dispatchedByApp(claims, appSlug) {
    const actor = typeof claims.actor === 'string' ? claims.actor : '';
    // Without the slug (the App was never asked), any App but the GITHUB_TOKEN's: over-approximates.
    return appSlug ? actor === `${appSlug}[bot]` : actor.endsWith('[bot]') && actor !== 'github-actions[bot]';
}
/** GitHub's clock (the child's token) against the broker's (the records): a minute of skew counts. */
const DISPATCH_SKEW = 60;
/** Levels of run links walked up for a run's ancestry beyond its candidates' own (chain.ts). */
const ANCESTRY_DEPTH = 8;
/** Ancestor run ids a credential carries (its `parentRuns`) beyond its direct parents. */
const MAX_ANCESTRY = 64;
/**
 * The parent runs of a run the App started (undefined: not started through the App), and their
 * ancestors (docs/decisions.md "The run index (session 25)"). GitHub's OIDC token does not say which
 * token started the run, nor when the run was created; its first exchange here bounds that from above
 * (`createdBy`, kept in its run link). A parent is a run that wrote to this repository with a token
 * issued before then:
 * - the runs whose writing token for this repository may still be live (the window, store.ts
 *   `writerRuns`, read O(matching)); when the window's bound dropped one, the exchange is refused
 *   (ERR_DISPATCH_PARENTS_UNKNOWN) rather than guessed;
 * - a run the kill switch blocks that wrote to this repository (store.ts `writers`, by id: a run that
 *   never wrote here is never a parent, whatever any index overflowed), since the run may have been
 *   created while its token lived, long before this exchange;
 * - the direct parents any earlier exchange of this run found (its link).
 * The link keeps direct parents only, less those another parent descends from (O(1) per run in a
 * chain: not every ancestor); the ancestry is the candidates' own (their window entries) and the
 * links walked up ANCESTRY_DEPTH levels, at most MAX_ANCESTRY ids beyond the direct parents.
 */
async function dispatchParents(store, claims, appSlug, now) {
    if (!dispatchedByApp(claims, appSlug))
        return undefined;
    const self = claims.run_id;
    const repository = claims.repository.toLowerCase();
    const run = { issuer: claims.iss, repositoryId: String(claims.repository_id ?? repository), runId: self };
    const iat = typeof claims.iat === 'number' ? claims.iat : now;
    const before = await store.runLink(run, now);
    const createdBy = Math.min(iat, before?.first ?? iat) + DISPATCH_SKEW;
    // The window by the repository's id (a writer's token since session 27: a rename between the token
    // and this exchange hides nothing) and by its name (a writer whose record has no ids).
    const byId = typeof claims.repository_id === 'string' && oidc_claims/* NUMERIC_ID */.aq.test(claims.repository_id)
        ? (0,state_store/* blockOfRepositoryId */.O5)(claims.repository_id)
        : undefined;
    const windows = await Promise.all([repository, ...(byId !== undefined ? [byId] : [])].map((r) => store.writerRuns({ issuer: claims.iss, repository: r, liveAt: now }, now)));
    const window = { runs: windows.flatMap((w) => w.runs), overflowed: windows.some((w) => w.overflowed) };
    if (window.overflowed)
        throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_DISPATCH_PARENTS_UNKNOWN', `more than ${state_store/* RUNS_PER_REPOSITORY */.yG} runs held writing tokens for ${(0,verdict/* shown */.SP)(claims.repository)} in the last 70 minutes: the parent runs of this run, started by the App, cannot all be known, so nothing is issued to it (lower rate-limit.per-repository; docs/deploy.md, "Run indexes")`, 503, 300);
    // A candidate -> its first issue and its own ancestry when its window entry says it (else walked).
    const direct = new Map();
    for (const w of window.runs)
        if (w.first <= createdBy && w.runId !== self) {
            // A run in both keys (tokens before and after an upgrade): the earliest, every ancestor.
            const was = direct.get(w.runId);
            direct.set(w.runId, {
                first: Math.min(w.first, was?.first ?? Infinity),
                ancestry: was?.ancestry ? [...new Set([...was.ancestry, ...w.parents])] : w.parents,
            });
        }
    const blockedRuns = new Set();
    for (const b of await store.blocks())
        if (b.runId !== undefined && b.runId !== self)
            blockedRuns.add(b.runId);
    const blocked = [...blockedRuns].filter((id) => !direct.has(id));
    for (const w of await store.writers(blocked, now))
        if (w.issuer === claims.iss &&
            Math.min(w.to[repository] ?? Infinity, byId === undefined ? Infinity : (w.to[byId] ?? Infinity)) <=
                createdBy)
            direct.set(w.runId, { first: w.first });
    // A blocked run whose kill switch's walk reached this repository (its descendants wrote here, at any
    // depth: lateDescendants) counts as a parent of a run created after that: one read for every block.
    for (const [b, first] of await reachingBlocks(store, [...blockedRuns], run, createdBy, now))
        if (!direct.has(b))
            direct.set(b, { first });
    // Linked: the candidates no later kept candidate descends from (latest first, so two runs that name
    // each other keep one), which their ancestry reaches anyway.
    const covered = new Set();
    let linked = [];
    let anyAncestry = false;
    for (const c of direct.values())
        anyAncestry ||= !!c.ancestry?.length;
    if (anyAncestry)
        for (const [id, c] of [...direct].sort(([, a], [, b]) => b.first - a.first)) {
            if (covered.has(id))
                continue;
            linked.push(id);
            for (const p of c.ancestry ?? [])
                covered.add(p);
        }
    else
        linked = [...direct.keys()];
    const link = await store.linkRun(run, linked, now);
    const out = new Set(direct.keys());
    for (const p of link.parents)
        if (p !== self)
            out.add(p);
    // At most MAX_ANCESTRY ancestors beyond the direct parents, but a blocked one always: its block
    // refuses this exchange whatever the bound cut (the bound keeps the record small, not the kill
    // switch's reach).
    let room = MAX_ANCESTRY;
    const add = (id) => {
        if (id === self || out.has(id))
            return false;
        if (blockedRuns.has(id))
            return !!out.add(id);
        if (room <= 0)
            return false;
        room--;
        return !!out.add(id);
    };
    // The candidates' ancestries in turn (latest candidate first), one id of each per round: one busy
    // candidate's long ancestry (an App-started run of a repository with a hundred writers) took every
    // place before the next candidate's own parent (tests/broker/s26-run-index-ancestry).
    let lists = [...direct.values()]
        .sort((a, b) => b.first - a.first)
        .flatMap((c) => (c.ancestry?.length ? [c.ancestry] : []));
    for (let i = 0; lists.length; i++) {
        for (const l of lists)
            add(l[i]);
        lists = lists.filter((l) => l.length > i + 1);
    }
    // The links of parents whose ancestry no window entry gave (their window ended), walked up.
    let frontier = [];
    for (const id of link.parents)
        if (id !== self && !direct.has(id))
            frontier.push(id);
    for (const [id, c] of direct)
        if (c.ancestry === undefined)
            frontier.push(id);
    const walked = new Set();
    for (let depth = 0; depth < ANCESTRY_DEPTH && frontier.length && room > 0; depth++) {
        const next = [];
        for (const w of await store.writers(frontier, now)) {
            if (w.issuer !== claims.iss || walked.has(w.runId))
                continue;
            walked.add(w.runId);
            const l = await store.runLink({ issuer: w.issuer, repositoryId: w.repositoryId, runId: w.runId }, now);
            for (const p of l?.parents ?? [])
                if (add(p))
                    next.push(p);
        }
        frontier = next;
    }
    return [...out].sort();
}
/**
 * The blocked runs (of `blockedRuns`) whose kill switch's reach (Store.reaches, lateDescendants) holds
 * the repository of `run` from a token before `createdBy` (the run's creation bound): each with that
 * token's time. One store read for all of them; none when no run is blocked.
 */
async function reachingBlocks(store, blockedRuns, run, createdBy, now) {
    const out = new Map();
    if (!blockedRuns.length)
        return out;
    for (const [b, reach] of await store.reaches(blockedRuns, now)) {
        let first = Infinity;
        for (const r of reach)
            if (r.issuer === run.issuer && r.repositoryId === run.repositoryId)
                first = Math.min(first, r.since);
        if (first <= createdBy)
            out.set(b, first);
    }
    return out;
}
/**
 * The creation bound of an App-started run at delivery (as dispatchParents takes it at the start of
 * the exchange): its token's `iat` or its first exchange, whichever is earlier, plus the skew.
 */
async function creationBound(store, run, iat, now) {
    const link = await store.runLink(run, now);
    return Math.min(iat, link?.first ?? iat) + DISPATCH_SKEW;
}
/**
 * The live credentials a kill switch of run `runId` reaches beyond those that name it in their
 * `parentRuns`: every App-started run its tokens could have started, and theirs in turn, at any depth
 * (docs/decisions.md "The kill switch and a run's ancestry (session 27)"). A run W's possible children
 * are the App-started runs of each repository W wrote to whose first exchange came after W's first
 * writing token there (dispatchParents counts a blocked writer a parent of exactly these, the run's
 * creation time being unknown); the walk takes each such child's own writes in turn. A credential is
 * reached when its run, or a run its `parentRuns` names, is one of them: a descendant the 64-place
 * ancestry bound cut (tests/broker/s26-run-index-ancestry), a late child's child in a third repository
 * (tests/broker/s27-kill-switch-walk), a late child itself (tests/broker/s22-late-child).
 *
 * Bound (an attacker's runs must not make a block cost without end): each run is expanded once (one
 * `writers` look-up per level, for the whole level); each (issuer, repository) has its run links read
 * once, from the earliest first token seen for it (again only if a later-found writer wrote there
 * earlier still, at most once per distinct such time), and its live credentials listed once. The runs
 * read are those the run-link index keeps: at most RUNS_PER_REPOSITORY per repository reached, so the
 * work is linear in the links of the repositories the blocked run's descendants wrote to, never in
 * their product. An exchange does none of it.
 */
async function lateDescendants(store, runId, now) {
    // Until two walks in a row keep the same reach (at least twice), the reach kept after each. An
    // exchange that read the reaches before walk k's was kept either was linked and stored before walk
    // k+1 read its repository (found then), or checks the reaches again at its delivery (service.ts):
    // refused there if walk k's reach held its repository. Twice was not enough (session 28): a write
    // still in flight during walk 1 adds a repository only walk 2 reaches, and a descendant there stored
    // after walk 2 listed it and delivered before walk 2's reach was kept met walk 1's reach only. With
    // the last two reaches equal, that repository was already in the reach its delivery checked.
    const out = new Map();
    let before;
    for (let i = 0; i < MAX_WALKS; i++) {
        const walk = await walkDown(store, runId, now);
        for (const r of walk.reached)
            out.set(r.grantId, r);
        if (walk.reach === before)
            break;
        before = walk.reach;
    }
    return [...out.values()];
}
/**
 * The walks of one kill switch at most: each further walk follows writes that were in flight during
 * the one before, so only writes racing the switch make more than two (an attacker minting writing
 * tokens into new repositories while it walks); the links each walk reads stay bounded (above).
 */
const MAX_WALKS = 8;
/**
 * One walk of lateDescendants: the credentials it reached, and its reach, kept (Store.noteReach) and
 * returned in one spelling (sorted) to compare with the next walk's.
 */
async function walkDown(store, runId, now) {
    /** issuer + run id of every run reached (the blocked run itself included, for `parentRuns`). */
    const reached = new Set();
    const runKey = (issuer, run) => JSON.stringify([issuer, run]);
    /** (issuer, repository id) -> the earliest `since` its links were read from. */
    const read = new Map();
    /** Live credentials by repository id (listed once) and by name (the ids of a writer's targets). */
    const liveById = new Map();
    const liveByName = new Map();
    const liveOf = async (repositoryId) => {
        let l = liveById.get(repositoryId);
        if (!l)
            liveById.set(repositoryId, (l = await store.live({ repositoryId }, now)));
        return l;
    };
    let frontier = [{ runId }];
    while (frontier.length) {
        const wanted = new Set(frontier.map((f) => (f.issuer === undefined ? f.runId : runKey(f.issuer, f.runId))));
        const next = [];
        for (const w of await store.writers([...new Set(frontier.map((f) => f.runId))], now)) {
            // The blocked run in every issuer; a descendant in the issuer its link was found under.
            if (!wanted.has(w.runId === runId ? runId : runKey(w.issuer, w.runId)))
                continue;
            // Its own repository by id (since its first writing token of any target), then each other
            // repository its tokens could write, by name, since its first token there.
            const targets = [
                { repositoryId: w.repositoryId, since: w.first },
            ];
            for (const [name, first] of Object.entries(w.to)) {
                // By id where GitHub's answer gave it (store.ts dispatchKeyOf), else the ids of the live
                // credentials of the name (a record of an older version; a repository without one is missed).
                const id = (0,state_store/* repositoryIdOfBlock */.cW)(name);
                if (id !== undefined) {
                    if (id !== w.repositoryId)
                        targets.push({ repositoryId: id, since: first });
                    continue;
                }
                let l = liveByName.get(name);
                if (!l)
                    liveByName.set(name, (l = await store.live({ repository: name }, now)));
                for (const id of new Set(l.filter((r) => r.issuer === w.issuer).map((r) => r.repositoryId)))
                    if (id !== w.repositoryId)
                        targets.push({ repositoryId: id, since: first });
            }
            for (const { repositoryId, since } of targets) {
                const k = JSON.stringify([w.issuer, repositoryId]);
                const from = since - DISPATCH_SKEW;
                const before = read.get(k);
                if (before !== undefined && before <= from)
                    continue;
                read.set(k, from);
                await liveOf(repositoryId);
                for (const l of await store.linkedRuns({ issuer: w.issuer, repositoryId }, from, now)) {
                    const key = runKey(w.issuer, l.runId);
                    if (l.runId === runId || reached.has(key))
                        continue;
                    reached.add(key);
                    next.push({ issuer: w.issuer, runId: l.runId });
                }
            }
        }
        frontier = next;
    }
    // What it reached, kept for the exchanges: a descendant created from now on is refused as the
    // blocked run's child (dispatchParents), however deep and in whichever repository the walk reached.
    const reach = [...read].map(([k, from]) => {
        const [issuer, repositoryId] = JSON.parse(k);
        return { issuer, repositoryId, since: from + DISPATCH_SKEW };
    });
    await store.noteReach(runId, reach, now);
    const out = new Map();
    for (const live of liveById.values())
        for (const r of live) {
            const iss = r.issuer ?? '';
            if (reached.has(runKey(iss, r.runId)) || r.parentRuns?.some((p) => reached.has(runKey(iss, p))))
                out.set(r.grantId, r);
        }
    return {
        reached: [...out.values()],
        reach: JSON.stringify([...read].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
}

;// CONCATENATED MODULE: ./shared/broker/block-selector.ts
/**
 * What a responder types at /admin/revoke and /admin/unblock, read the way the kill switch matches,
 * pure. A selector that can match nothing must not answer `blocked: true`: the responder would believe
 * the incident contained. The workflow is the file name the manifest lists (`release.yml`), so the
 * path a responder copies from GitHub (`.github/workflows/release.yml`) is read as that file name; a
 * repository is OWNER/NAME; anything else is refused with the fix.
 */




const block_selector_refuse = (what) => new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_INVALID', what);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
function killSwitchTarget(t) {
    const out = {};
    if (t.repository !== undefined) {
        if (!/^[^/\s]+\/[^/\s]+$/.test(t.repository) || CONTROL.test(t.repository))
            throw block_selector_refuse(`repository "${(0,verdict/* shown */.SP)(t.repository)}" is not OWNER/NAME (e.g. octo-org/octo-repo); the kill switch blocks one repository, named as GitHub names it`);
        out.repository = t.repository;
    }
    if (t.repository_id !== undefined) {
        if (t.repository !== undefined)
            throw block_selector_refuse('give repository or repository_id, not both (one repository per block)');
        if (!oidc_claims/* NUMERIC_ID */.aq.test(t.repository_id))
            throw block_selector_refuse(`repository_id "${(0,verdict/* shown */.SP)(t.repository_id.slice(0, 80))}" is not a repository id (GITHUB_REPOSITORY_ID, e.g. 100001)`);
        out.repository = (0,state_store/* blockOfRepositoryId */.O5)(t.repository_id);
    }
    if (t.workflow !== undefined) {
        const file = t.workflow.replace(/^(?:\.\/)?\.github\/workflows\//, '');
        if (!/^[^/\\\s@]+\.ya?ml$/.test(file) || CONTROL.test(file))
            throw block_selector_refuse(`workflow "${(0,verdict/* shown */.SP)(t.workflow.slice(0, 200))}" is not a workflow file name; give the file name the manifest lists under workflows: (e.g. release.yml)`);
        out.workflow = file;
    }
    if (t.run_id !== undefined) {
        // A verified token's run_id is NUMERIC_ID's shape: a block of another shape would match nothing.
        if (!oidc_claims/* NUMERIC_ID */.aq.test(t.run_id))
            throw block_selector_refuse(`run_id "${(0,verdict/* shown */.SP)(t.run_id.slice(0, 80))}" is not a run id (GITHUB_RUN_ID: decimal digits, no leading zero, e.g. 16208467394)`);
        out.run_id = t.run_id;
    }
    return out;
}
/** The audit line's repository field of a selector: an id block names `repository_id`. */
function auditRepositoryOf(repository) {
    if (repository === undefined)
        return {};
    const id = (0,state_store/* repositoryIdOfBlock */.cW)(repository);
    return id !== undefined ? { repository_id: id } : { repository };
}

;// CONCATENATED MODULE: ./shared/broker/ops/log.ts
const bound = (v) => (typeof v === 'string' && v.length > 512 ? `${v.slice(0, 512)}\u2026` : v);
function jsonLogger(write = (l) => void process.stderr.write(l), now = () => new Date()) {
    return {
        log(level, msg, fields = {}) {
            const clean = Object.fromEntries(Object.entries(fields)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, bound(v)]));
            write(`${JSON.stringify({ time: now().toISOString(), level, msg: bound(msg), ...clean })}\n`);
        },
    };
}
const silentLogger = { log: () => undefined };

;// CONCATENATED MODULE: ./shared/broker/revocation.ts
/**
 * Revocation that is true: a credential is marked revoked once (whichever instance gets there), and
 * its upstream revocation is retried from the store's queue with backoff until GitHub confirms it or
 * the token dies by itself. Until then every answer says `revocation_pending`; after the last try the
 * audit says `credential.revoke_failed`. One terminal audit event per credential.
 */






/**
 * A credential's audit fields (every revoked and expired line): `{ ...placeFields(r), audience, scope,
 * grant_id, ttl }` by assignment onto placeFields' fresh object, in the same order. That literal
 * opened with the spread of a non-empty object and added keys of its own, V8 11.3's slow path
 * (service.ts exchangeNames), once for every credential at its expiry.
 */
function credentialFields(r, now) {
    const f = (0,state_store/* placeFields */.F6)(r);
    f.audience = r.audience;
    f.scope = r.scope;
    f.grant_id = r.grantId;
    f.ttl = Math.max(0, Math.min(now, r.expiresAt) - r.issuedAt);
    return f;
}
/** A GitHub token lives an hour; a record without the upstream expiry assumes that. */
const GITHUB_TOKEN_LIFETIME = 3600;
/**
 * The end of a record's fresh window (github-app.ts FRESH_TOKEN_SECONDS) on Date.now()'s clock, for
 * revokeToken: from `issuedAt`, taken at the gate before the mint call, on the service's clock `now`.
 * Every revocation of a credential's GitHub token passes it (the Revoker's, and the exchange's own
 * of a token it minted and then could not store or deliver).
 */
function freshUntilOf(r, now) {
    return (0,github_app/* freshUntil */.z7)(Date.now() + (r.issuedAt - now) * 1000);
}
/** How long a sweeper holds a due entry before another instance may take it. */
const LEASE_SECONDS = 60;
/** takeDue() calls whose answer was lost, kept to be read back (Revoker.lostTakes). */
const MAX_LOST_TAKES = 1000;
class Revoker {
    o;
    /**
     * Per App and installation account (the repository's owner): GitHub answered a rate limit with a
     * wait (Retry-After, or a minute for a secondary limit without one). Until then no revocation of
     * that account calls it: GitHub warns that requests made while limited can get an integration
     * banned, and a sweep of many due tokens would make one each. Not per App (session 30): the call is
     * made with the installation's own token and its limit is the installation's, so one organization
     * exhausting its own limit held every other organization's job-end revocations.
     */
    limitedUntil = new WeakMap();
    holdOf(github) {
        let m = this.limitedUntil.get(github);
        if (!m)
            this.limitedUntil.set(github, (m = new Map()));
        return m;
    }
    /**
     * Broker JWTs whose batch expiry step (expireAloneMany) failed with no answer, by grant id, with
     * the time it was sent with: the step may have run (the connection dropped after the script) and
     * taken them off the queue, so no sweep would meet them again. The next sweep reads them back first.
     */
    unanswered = new Map();
    /**
     * Upstream revocations GitHub confirmed whose settle went unanswered: the line each owes if the
     * settle landed, until when no other instance can have settled it (half the lease, for the time
     * between the lease and this call).
     */
    unsettled = new Map();
    /** takeDue() calls whose answer was lost (it failed, and may have run), by tag, with their expiry time. */
    lostTakes = new Map();
    /** Tags of takes whose lines are written: the next take drops their lists. */
    written = [];
    constructor(o) {
        this.o = o;
    }
    fields(r) {
        return credentialFields(r, this.o.now());
    }
    /** Marks revoked (false: it already was) and revokes upstream; audits the outcome once. */
    async revoke(r, why, opts = {}) {
        // What the record keeps is who ended it. A descendant ended with its parent is REVOKED_WITH_PARENT,
        // except under the kill switch, which stays an administrator's act down the chain (its audit line
        // still says REVOKED_WITH_PARENT); a parent's TTL_PASSED is not the child's expiry.
        const cause = opts.cause ?? why.reason;
        const mark = { reason: cause };
        if (opts.undeliveredOnly)
            mark.undeliveredOnly = true;
        // The upstream call is leased like a sweep's entry: this instance killed while it is out, another
        // takes the retry a lease later (REVOCATION_INTERRUPTED), not at the credential's deadline.
        if (r.kind === 'github' && r.secret)
            mark.retryAt = this.o.now() + (this.o.leaseSeconds ?? LEASE_SECONDS);
        const marked = await this.o.store.markRevoked(r.grantId, this.o.now(), mark);
        if (!marked)
            return { revoked: false, count: 0 };
        const status = await this.upstream(r, 0, why);
        let count = 1;
        // Chained sessions: what was exchanged from this credential dies with it.
        for (const child of await descendantsOf(this.o.store, r, this.o.now()))
            count += (await this.revoke(child, {
                type: 'credential.revoked',
                reason: 'REVOKED_WITH_PARENT',
                admin: { ...(why.admin ?? {}), parent_grant_id: r.grantId },
            }, { cause: cause === 'REVOKED_BY_ADMIN' ? cause : 'REVOKED_WITH_PARENT' })).count;
        return { revoked: true, status, count };
    }
    /**
     * One upstream attempt. On failure the record goes back in the queue at now + backoff, unless
     * that is past the token's own expiry: then it is given up (the token is dead by then anyway).
     */
    async upstream(r, attempts, why) {
        const started = this.o.now();
        const details = why?.admin ? { details: why.admin } : {};
        const github = this.o.githubFor(r);
        if (r.kind === 'github' && !r.secret && github) {
            // A GitHub token's secret is kept until its revocation is settled: a record without it was
            // changed in the store. Nothing can be revoked upstream; saying "revoked" would be a lie.
            if (await this.o.store.settleRevocation(r.grantId, 'failed'))
                this.o.audit.write({
                    type: 'credential.revoke_failed',
                    outcome: 'error',
                    reason: 'ERR_STATE_SECRET_MISSING',
                    detail: 'the stored record of this GitHub token has lost its sealed secret (changed in the store): it cannot be revoked at GitHub and lives until its own expiry',
                    ...this.fields(r),
                    ...details,
                });
            return 'failed';
        }
        if (r.kind !== 'github' || !r.secret || !github) {
            if ((await this.o.store.settleRevocation(r.grantId, 'done')) && why)
                this.o.audit.write({
                    type: why.type,
                    outcome: 'success',
                    reason: why.reason,
                    ...this.fields(r),
                    ...details,
                });
            return 'done';
        }
        const hold = this.holdOf(github);
        const account = r.repository.split('/', 1)[0].toLowerCase();
        try {
            const limited = hold.get(account);
            // A wait that passed is forgotten: the map holds only accounts limited now.
            if (limited !== undefined && this.o.now() >= limited)
                hold.delete(account);
            else if (limited !== undefined)
                throw new Error(`not called: GitHub asked this instance to wait until ${new Date(limited * 1000).toISOString()} (rate limit)`);
            await github.revokeToken(r.secret, undefined, freshUntilOf(r, this.o.now()));
        }
        catch (err) {
            const now = this.o.now();
            const base = this.o.backoffSeconds ?? 2;
            if (err instanceof errors/* BrokerRefusal */.El && err.code === 'ERR_GITHUB_RATE_LIMITED' && err.retryAfter)
                hold.set(account, now + err.retryAfter);
            // Never before the wait GitHub asked for.
            const delay = Math.max(Math.min(this.o.maxBackoffSeconds ?? 300, base * 2 ** attempts), (hold.get(account) ?? 0) - now);
            const deadEnd = r.upstreamExpiresAt ?? r.issuedAt + GITHUB_TOKEN_LIFETIME;
            const message = `upstream revocation failed (attempt ${attempts + 1}): ${err.message}`;
            if (now + delay >= deadEnd) {
                // Settled meanwhile by another instance (this one paused past its lease): its line stands.
                if (!(await this.o.store.settleRevocation(r.grantId, 'failed')))
                    return this.settledElsewhere(r.grantId);
                this.o.audit.write({
                    type: 'credential.revoke_failed',
                    outcome: 'error',
                    reason: 'ERR_REVOKE_FAILED',
                    detail: `${message}; gave up after ${attempts + 1} attempt(s): the token expires upstream at ${new Date(deadEnd * 1000).toISOString()}`,
                    ...this.fields(r),
                    ...details,
                });
                return 'failed';
            }
            const queued = await this.o.store.retryRevocation(r.grantId, now + delay, attempts + 1);
            if (!queued)
                return this.settledElsewhere(r.grantId);
            // 'again': another instance's failure made it pending first and wrote the one alarm.
            if (attempts === 0 && queued === true)
                this.o.audit.write({
                    type: 'credential.revocation_pending',
                    outcome: 'error',
                    reason: 'REVOCATION_PENDING',
                    detail: `${message}; retried with backoff until ${new Date(deadEnd * 1000).toISOString()}`,
                    ...this.fields(r),
                    details: { ...(why ? { cause: why.reason } : {}), ...(why?.admin ?? {}) },
                });
            return 'pending';
        }
        const line = {
            type: why?.type ?? 'credential.revoked',
            outcome: 'success',
            reason: why?.reason ?? 'REVOKED_AFTER_RETRY',
            ...(attempts > 0 ? { attempts: attempts + 1 } : {}),
            ...this.fields(r),
            ...details,
        };
        const settled = await this.o.store.settleRevocation(r.grantId, 'done').catch((err) => {
            // GitHub revoked it and the settle's answer is lost (the store past its deadline): landed, the
            // settle took the queue entry and nobody would write this line (session 36). The next sweep
            // reads the record back, while the entry's lease (taken before this call) still keeps every
            // other instance off it, and writes the line if this settle landed (learnUnanswered).
            this.unsettled.set(r.grantId, { line, until: started + (this.o.leaseSeconds ?? LEASE_SECONDS) / 2 });
            throw err;
        });
        if (!settled)
            return this.settledElsewhere(r.grantId);
        this.o.audit.write(line);
        return 'done';
    }
    /**
     * Another instance settled this revocation while this one's call was out (a sweeper paused past its
     * lease, then resumed): that instance wrote the one terminal line; this answers what it recorded.
     */
    async settledElsewhere(grantId) {
        const r = await this.o.store.get(grantId).catch(() => undefined);
        return r?.revocation === 'failed' ? 'failed' : 'done';
    }
    /**
     * Works the queue: deadlines that passed (revoke, audited `credential.expired`), upstream retries
     * that are due, and write-ahead intents whose record never came (the instance died mid-exchange).
     * Leased per entry in the store, so instances sweeping at once never take the same one.
     */
    async sweep(limit = 100) {
        if (this.unanswered.size || this.unsettled.size || this.lostTakes.size)
            await this.learnUnanswered();
        const lease = this.o.leaseSeconds ?? LEASE_SECONDS;
        const taken = this.o.store.takeDue ? await this.take(limit, lease) : undefined;
        const ids = taken ? taken.ids : await this.o.store.due(this.o.now(), limit, lease);
        const finished = new Set();
        try {
            return await this.sweepBatch(ids, lease, finished, taken);
        }
        catch (err) {
            // Stopped on an error (a store past its deadline): what this batch did not finish is due again
            // at the next tick instead of a lease later. The store down: this fails too, and the lease holds.
            await this.o.store.release?.(ids.filter((id) => !finished.has(id))).catch(() => undefined);
            throw err;
        }
    }
    /**
     * The batch taken in one store step (takeDue, session 42): its broker JWTs alone in their run (most
     * of a queue) expired in it, and each given its line here, at once; the rest leased. The take's
     * tag is kept until the answer comes (its answer lost: learnUnanswered reads what it expired), and
     * after its lines are written the next take drops its list.
     */
    async take(limit, lease) {
        const at = this.o.now();
        const tag = (0,external_node_crypto_.randomUUID)();
        const written = this.written.splice(0);
        const taken = await this.o.store.takeDue(at, limit, lease, { at, tag, written }).catch((err) => {
            // Dropped or not (the step may have run): named again by the next take.
            this.written.unshift(...written);
            // A store down for long fails a take every tick (most never ran): the oldest are let go past
            // a bound, as their lists expire within the hour anyway.
            if (this.lostTakes.size >= MAX_LOST_TAKES)
                this.lostTakes.delete(this.lostTakes.keys().next().value);
            this.lostTakes.set(tag, at);
            throw err;
        });
        return { ...taken, at, tag };
    }
    /**
     * A take's lines are queued: its list is dropped (by the next take, or at the stop) only once they
     * are on disk (session 43). Before, the next take dropped it a second later whatever the log said:
     * with the log failing, the lines were only in this process, and a kill lost them for good. A log
     * that never takes them leaves the list to be adopted by another instance past its lease (its
     * lines then written there; here too, if this log heals: twice rather than never).
     */
    writtenOnceDurable(tag) {
        void this.o.audit.flush().then(() => void this.written.push(tag), () => undefined);
    }
    /** At the stop, once the audit log is flushed: the lists of takes whose lines are on disk, dropped. */
    async dropWritten() {
        const tags = this.written.splice(0);
        await this.o.store.dropTaken?.(tags);
    }
    /**
     * Owes lines only while no other instance can have adopted the take: its answer (or read-back)
     * came within half the lease. Later, the lines are left to the adopter (session 43).
     */
    stillOwn(since, lease) {
        return this.o.now() - since < lease / 2;
    }
    /**
     * `finished`: the entries of the batch that are done with (release() gives back the rest).
     * `taken`: the batch as takeDue() took it (the broker JWTs it expired are given their lines).
     */
    async sweepBatch(ids, lease, finished, taken) {
        const store = this.o.store;
        let n = 0;
        // The entries a batch step left (not alone after all): their own path does not ask again.
        const tried = new Set();
        if (taken) {
            // An answer that came later than half the lease: the take may be adopted by now, its lines left
            // to the adopter (written here too, they could be twice).
            const own = this.stillOwn(taken.at, lease);
            let owed = false;
            taken.held.forEach((h, i) => {
                const id = ids[i];
                if (!taken.expired[i])
                    return void tried.add(id);
                finished.add(id);
                if (!own)
                    return;
                this.takenLine(id, h, taken.at);
                owed = true;
                n++;
            });
            // Orphans of an instance that died between its take and its lines: each record says when its
            // take expired it (revokedAt), the time its line carries.
            if (own)
                for (const { id, held } of taken.adopted ?? []) {
                    const r = 'record' in held ? held.record : undefined;
                    if (r && (r.revokedReason !== 'TTL_PASSED' || r.revocation !== 'done'))
                        continue;
                    this.takenLine(id, held, r?.revokedAt ?? taken.at);
                    owed = true;
                    n++;
                }
            if (owed)
                this.writtenOnceDurable(taken.tag);
        }
        // Without takeDue: the batch held in one store step, each record read beside its lease, and the
        // broker JWTs alone in their run expired in a second one, at once: two round trips for them all
        // instead of two or three each, one after the other (session 34). What is left is worked below,
        // one entry at a time, each held again just before (its lease may have run out meanwhile).
        const held = !taken && ids.length > 0 && store.holdMany && store.expireAloneMany
            ? await store.holdMany(ids, lease)
            : undefined;
        if (held)
            n += await this.expireHeld(ids, held, finished, tried);
        for (let i = 0; i < ids.length; i++) {
            const id = ids[i];
            if (finished.has(id))
                continue;
            // Not held in the batch's step: another instance (or a deliver, a retry) has it.
            if (held && !held[i]) {
                finished.add(id);
                continue;
            }
            // The batch's lease may have run out while earlier entries were worked (GitHub slow): then
            // another instance has this one, and working it here too would revoke and audit it twice.
            if (store.hold && !(await store.hold(id, lease))) {
                finished.add(id);
                continue;
            }
            try {
                n += await this.sweepOne(id, tried.has(id));
            }
            catch (err) {
                // One entry that cannot be read must not stop the sweep of the others (it used to reject
                // the whole batch, silently, every time its lease came back). A store that is down still does.
                // Through the service's fail-closed store it arrives as a 503 refusal; before session 23 that
                // stopped every sweep at this entry for ever (each tick released it and stopped again).
                const unreadable = (0,state_store/* unreadableIn */.Df)(err);
                if (unreadable)
                    n += await this.unreadable(unreadable);
                // A key of the wrong type (a stray write over the run's index) fails this entry only: logged,
                // and the batch goes on (what this entry did not finish, its lease brings back).
                else if (wrongType(err))
                    (this.o.log ?? jsonLogger()).log('error', 'a queued revocation met a key of the wrong type in the store; the sweep goes on without it', {
                        code: 'ERR_STATE_WRONGTYPE',
                        grant_id: id,
                        detail: err.message.slice(0, 200),
                    });
                else
                    throw err;
            }
            finished.add(id);
        }
        return n;
    }
    /**
     * The held entries that are broker JWTs alone in their run, due at their deadline (what sweepOne
     * gives expireAlone), expired in one store step right after the hold step, under the lease it
     * renewed; audited each as sweepOne would. The others (and any the step left: it decides each
     * again, atomically) are left to the per-entry path.
     */
    async expireHeld(ids, held, finished, tried) {
        const alone = [];
        held.forEach((h, i) => {
            const r = h && 'record' in h ? h.record : undefined;
            if (r && r.deliverBy === undefined && r.revokedAt === undefined && r.kind !== 'github' && !r.secret)
                alone.push({ grantId: ids[i], runId: r.runId, r });
        });
        if (alone.length === 0)
            return 0;
        const now = this.o.now();
        const done = await this.o.store.expireAloneMany(alone, now).catch((err) => {
            for (const { grantId, r } of alone)
                this.unanswered.set(grantId, { r, at: now });
            throw err;
        });
        let n = 0;
        alone.forEach(({ grantId, r }, i) => {
            if (!done[i]) {
                tried.add(grantId);
                return;
            }
            this.expiredLine(r, now);
            finished.add(grantId);
            n++;
        });
        return n;
    }
    expiredLine(r, at) {
        this.o.audit.write({
            type: 'credential.expired',
            outcome: 'success',
            reason: 'TTL_PASSED',
            ...credentialFields(r, at),
        });
    }
    /**
     * The line of an entry a take expired, its record read in the step; one that does not decode
     * (changed in the store) still gets its one line, with the id alone.
     */
    takenLine(id, h, at) {
        const r = 'record' in h ? h.record : undefined;
        if (r)
            this.expiredLine(r, at);
        else
            this.o.audit.write({
                type: 'credential.expired',
                outcome: 'success',
                reason: 'TTL_PASSED',
                grant_id: id,
            });
    }
    /**
     * The entries of a batch expiry step whose answer was lost: each one the step settled (expired at
     * the very time it was sent with: no other sweep can have, as this instance held the entry's
     * lease, and a later sweep's time is a lease later) gets its line now, once. One it did not
     * settle is still queued under that lease and is swept as usual. A store still down fails this
     * sweep before it takes anything new, and the next one asks again.
     */
    async learnUnanswered() {
        for (const [id, { line, until }] of this.unsettled) {
            // Past it, another instance may have taken the entry, revoked and lined it: no line from here.
            const now = this.o.now() < until
                ? await this.o.store.get(id).catch((err) => {
                    if ((0,state_store/* unreadableIn */.Df)(err) || wrongType(err))
                        return undefined;
                    throw err;
                })
                : undefined;
            this.unsettled.delete(id);
            if (now?.revocation === 'done')
                this.o.audit.write(line);
        }
        for (const [tag, at] of this.lostTakes) {
            // Every record read before any line is written: a store that fails half-way leaves the take
            // to the next sweep whole, and no line is written twice.
            const expired = [];
            // A list replaced by a key of another type (a stray write) must not stop every sweep from here on.
            // Read back and leased to this instance again (an adopter takes it only past that lease).
            const lease = this.o.leaseSeconds ?? LEASE_SECONDS;
            const claimed = this.o.now();
            const ids = await this.o.store.takenBy(tag, lease).catch((err) => {
                if (wrongType(err))
                    return [];
                throw err;
            });
            for (const id of ids) {
                const r = await this.o.store.get(id).catch((err) => {
                    if ((0,state_store/* unreadableIn */.Df)(err) || wrongType(err))
                        return undefined;
                    throw err;
                });
                if (r?.revokedAt === at && r.revokedReason === 'TTL_PASSED' && r.revocation === 'done')
                    expired.push(r);
            }
            this.lostTakes.delete(tag);
            // The reads took past half the lease: the list may be adopted by now, its lines left there.
            if (!this.stillOwn(claimed, lease))
                continue;
            for (const r of expired)
                this.expiredLine(r, at);
            if (ids.length > 0)
                this.writtenOnceDurable(tag);
        }
        for (const [id, { r, at }] of this.unanswered) {
            // A record that can no longer be read (changed in the store) is not a store down: left out,
            // or it would stop every sweep from here on.
            const now = await this.o.store.get(id).catch((err) => {
                if ((0,state_store/* unreadableIn */.Df)(err) || wrongType(err))
                    return undefined;
                throw err;
            });
            this.unanswered.delete(id);
            if (now?.revokedAt === at && now.revokedReason === 'TTL_PASSED' && now.revocation === 'done')
                this.expiredLine(r, at);
        }
    }
    /**
     * A queued credential whose record cannot be read. Sealed under a key this instance lacks, or
     * written in a newer store format: left queued for an instance that has the key or the version
     * (logged). Changed in the store: marked revoked (introspection
     * inactive), given up, audited `credential.revoke_failed` once, with its descendants revoked.
     */
    async unreadable(err) {
        const log = this.o.log ?? jsonLogger();
        if (err.elsewhere) {
            log.log('error', err.code === 'ERR_STATE_RECORD_NEWER'
                ? 'a queued revocation was written by a newer stepwarden in a store format this instance does not read; left to an instance of that version'
                : 'a queued revocation is sealed under a key this instance does not hold; left to another instance', {
                code: err.code,
                grant_id: err.grantId,
            });
            return 0;
        }
        log.log('error', 'a queued revocation has an unreadable record; given up', {
            code: err.code,
            grant_id: err.grantId,
        });
        const id = err.grantId;
        const first = await this.o.store.markRevoked(id, this.o.now()).catch(() => true);
        await this.o.store.settleRevocation(id, 'failed');
        const r = err.partial;
        if (first)
            this.o.audit.write({
                type: 'credential.revoke_failed',
                outcome: 'error',
                reason: err.code,
                detail: `${err.message}: it cannot be revoked at GitHub (a GitHub token lives until its own expiry); marked revoked, taken off the queue`,
                ...(r ? this.fields(r) : { grant_id: id }),
            });
        if (r)
            for (const child of await descendantsOf(this.o.store, r, this.o.now()))
                await this.revoke(child, {
                    type: 'credential.revoked',
                    reason: 'REVOKED_WITH_PARENT',
                    admin: { parent_grant_id: id },
                });
        return 1;
    }
    /**
     * One due entry; 1 when it was revoked (or its intent taken). `aloneTried`: expireAloneMany
     * already found it not alone (sweepBatch), so expireAlone is not asked again.
     */
    async sweepOne(id, aloneTried = false) {
        let n = 0;
        let r = await this.o.store.get(id);
        if (!r) {
            // Taken atomically: either the exchange stored its record first (then it is handled below),
            // or its put will fail (IntentGone) and it delivers nothing. Nobody received a credential, so
            // the claim comes back in the same store step (the step can retry): a sweeper killed after it
            // leaves nothing counted.
            const intent = await this.o.store.abandon(id);
            if (intent) {
                this.o.audit.write({
                    type: 'credential.revoked',
                    outcome: 'error',
                    reason: 'INTENT_ABANDONED',
                    detail: 'an instance stopped between the write-ahead intent and storing the credential; nothing was returned to the client (a GitHub token minted in that window was never received by the broker, so it cannot be revoked early: it dies in its hour)',
                    ...(0,state_store/* placeFields */.F6)(intent),
                    audience: intent.audience,
                    grant_id: intent.grantId,
                });
                n++;
                await this.o.store.settleRevocation(id, 'failed');
                return n;
            }
            r = await this.o.store.get(id);
            if (!r) {
                await this.o.store.settleRevocation(id, 'failed');
                return n;
            }
            // Stored and delivered in one step (putDelivered) between the two reads: it was due only as an
            // intent, and its own deadline is queued; revoking it now would take a delivered credential
            // early and audit it as expired.
            if (r.deliverBy === undefined && r.revokedAt === undefined && r.expiresAt > this.o.now())
                return n;
        }
        if (r.deliverBy !== undefined && r.revokedAt === undefined) {
            // Stored but never delivered (the instance died before answering): revoke it upstream now.
            const done = await this.revoke(r, { type: 'credential.revoked', reason: 'EXCHANGE_INTERRUPTED' }, { undeliveredOnly: true });
            if (done.revoked)
                n++;
            return n;
        }
        if (r.revokedAt === undefined) {
            const why = { type: 'credential.expired', reason: 'TTL_PASSED' };
            // A broker JWT (nothing to revoke upstream) alone in its run (no descendants): one store step
            // instead of markRevoked, the run's live() and settleRevocation; the same state and line.
            if (r.kind !== 'github' &&
                !r.secret &&
                !aloneTried &&
                (await this.o.store.expireAlone?.(id, r.runId, this.o.now()))) {
                this.o.audit.write({ type: why.type, outcome: 'success', reason: why.reason, ...this.fields(r) });
                return n + 1;
            }
            if ((await this.revoke(r, why)).revoked)
                n++;
        }
        else if (r.revocation === 'done' || r.revocation === 'failed') {
            await this.o.store.settleRevocation(id, r.revocation);
        }
        else if (r.revocation === 'pending') {
            await this.upstream(r, r.revokeAttempts ?? 0);
        }
        else {
            // Marked revoked by an instance that stopped (SIGKILL, OOM) before its upstream call's outcome
            // was recorded: no line says how it ended yet, so this one says what happened. Audited as a
            // retry ("REVOKED_AFTER_RETRY") it read as the end of a revocation_pending that never was.
            await this.upstream(r, r.revokeAttempts ?? 0, {
                type: 'credential.revoked',
                reason: 'REVOCATION_INTERRUPTED',
            });
        }
        return n;
    }
}
/** A store key of another type than the broker's (a stray write): fails its entry, not the sweep. */
const wrongType = (err) => err instanceof Error && /\bWRONGTYPE\b/.test(err.message);

;// CONCATENATED MODULE: ./shared/broker/unqueued.ts

/** A GitHub token lives an hour; a record without the upstream expiry assumes that. */
const unqueued_GITHUB_TOKEN_LIFETIME = 3600;
class UnqueuedRevocations {
    o;
    held = new Map();
    /** Set by drain(): nothing more is taken or scheduled. */
    stopping = false;
    constructor(o) {
        this.o = o;
    }
    /** How many tokens this instance alone holds now. */
    get size() {
        return this.held.size;
    }
    /** Takes a token the store and GitHub both refused just now; audits the alarm at once. */
    hold(record, token, github) {
        const now = this.o.now();
        const end = record.upstreamExpiresAt ?? record.issuedAt + unqueued_GITHUB_TOKEN_LIFETIME;
        const taken = !this.stopping && this.held.size < (this.o.max ?? 1000) && !this.held.has(record.grantId);
        this.o.audit.write({
            type: 'credential.revocation_pending',
            outcome: 'error',
            reason: 'REVOCATION_UNQUEUED',
            detail: `the store refused this undelivered GitHub token's record and GitHub its revocation: ${taken
                ? `only this instance holds it and asks again with backoff until ${iso(end)}; if it stops first, the token`
                : this.stopping
                    ? 'this instance is stopping and cannot keep it; the token'
                    : `this instance already holds ${this.held.size} such tokens and cannot take it; the token`} ${remedy(record, end)}`,
            ...credentialFields(record, now),
        });
        if (!taken)
            return;
        const h = { record, token, github, end, tries: 0 };
        this.held.set(record.grantId, h);
        this.later(h);
    }
    /**
     * The stop: each held token gets one more try (the store, then GitHub; a try already out is waited
     * for first) within `ms`; each still held after that is dropped with a line naming its grant and the
     * remedy. Nothing is scheduled, asked or written for them afterwards.
     */
    async drain(ms) {
        this.stopping = true;
        const all = [...this.held.values()];
        let timer;
        await Promise.race([
            Promise.allSettled(all.map((h) => this.lastTry(h))),
            new Promise((r) => (timer = setTimeout(r, ms))),
        ]);
        clearTimeout(timer);
        for (const h of all) {
            if (!this.owns(h))
                continue;
            this.held.delete(h.record.grantId);
            this.o.audit.write({
                type: 'credential.revoke_failed',
                outcome: 'error',
                reason: 'REVOCATION_UNQUEUED_STOPPED',
                detail: `this instance stopped while it alone held this undelivered GitHub token (one more try at the store and at GitHub during the stop failed or ran out of time): nobody holds it now and the token ${remedy(h.record, h.end)}`,
                ...credentialFields(h.record, this.o.now()),
            });
        }
    }
    owns(h) {
        return this.held.get(h.record.grantId) === h;
    }
    async lastTry(h) {
        clearTimeout(h.timer);
        await h.busy;
        if (!this.owns(h))
            return;
        h.tries++;
        const out = await this.attempt(h);
        if (this.owns(h) && !(out instanceof Error))
            this.ended(h, out);
    }
    later(h) {
        if (this.stopping)
            return;
        const wait = Math.min(this.o.maxBackoffSeconds ?? 60, (this.o.backoffSeconds ?? 2) * 2 ** h.tries);
        h.timer = setTimeout(() => {
            h.timer = undefined;
            h.busy = this.retry(h).finally(() => (h.busy = undefined));
        }, wait * 1000);
        // Not what keeps a stopping process alive: drain() ends them.
        h.timer.unref();
    }
    /**
     * The store first: stored undelivered, the sweep revokes it with its own backoff and line. A put
     * refused because the record is already there (an earlier answer lost) is the same hand-over; one
     * refused because the sweep took the intent meanwhile leaves the token here. Then GitHub.
     */
    async attempt(h) {
        const { record } = h;
        const stored = await this.o.store.put(record).then(() => true, async () => (await this.o.store.get(record.grantId).catch(() => undefined)) !== undefined);
        if (stored)
            return 'stored';
        return h.github.revokeToken(h.token, undefined, freshUntilOf(record, this.o.now())).then(() => 'revoked', (err) => (err instanceof Error ? err : new Error(String(err))));
    }
    /** Handed to the store (its sweep writes the line) or revoked here (this line). */
    ended(h, how) {
        this.held.delete(h.record.grantId);
        if (how === 'revoked')
            this.o.audit.write({
                type: 'credential.revoked',
                outcome: 'success',
                reason: 'REVOKED_AFTER_RETRY',
                attempts: h.tries + 1,
                ...credentialFields(h.record, this.o.now()),
            });
    }
    async retry(h) {
        h.tries++;
        const out = await this.attempt(h);
        // Given up by a drain that ran out of time while this try was out: its line is written.
        if (!this.owns(h))
            return;
        if (!(out instanceof Error))
            return this.ended(h, out);
        if (this.o.now() < h.end)
            return this.later(h);
        this.held.delete(h.record.grantId);
        this.o.audit.write({
            type: 'credential.revoke_failed',
            outcome: 'error',
            reason: 'ERR_REVOKE_FAILED',
            detail: `upstream revocation failed (attempt ${h.tries + 1}): ${out.message}; gave up at the token's expiry upstream (${iso(h.end)})`,
            ...credentialFields(h.record, this.o.now()),
        });
    }
}
const iso = (t) => new Date(t * 1000).toISOString();
/** Until when a token nobody holds stays valid and what ends it sooner (one wording for every line). */
function remedy(record, end) {
    const owner = record.repository.split('/', 1)[0];
    return `stays valid until ${iso(end)}: to end it sooner, suspend the App's installation on ${owner} (PUT /app/installations/{installation_id}/suspended) and lift the suspension after that time`;
}

// EXTERNAL MODULE: ./shared/broker/state/memory.ts + 1 modules
var memory = __webpack_require__(1504);
;// CONCATENATED MODULE: ./shared/broker/state/wrap.ts
function wrapMethods(store, wrap, 
/** Methods passed through unwrapped (bound to the store). */
skip = []) {
    const view = Object.create(store);
    const names = new Set();
    for (let o = store; o && o !== Object.prototype; o = Object.getPrototypeOf(o))
        for (const k of Object.getOwnPropertyNames(o))
            if (k !== 'constructor')
                names.add(k);
    for (const k of names) {
        const d = Object.getOwnPropertyDescriptor(store, k) ?? findDescriptor(store, k);
        // Accessors are left to the prototype chain; only plain function values are methods.
        if (!d || !('value' in d) || typeof d.value !== 'function')
            continue;
        const method = d.value.bind(store);
        view[k] = skip.includes(k) ? method : wrap(k, method);
    }
    return view;
}
function findDescriptor(o, k) {
    for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) {
        const d = Object.getOwnPropertyDescriptor(p, k);
        if (d)
            return d;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./shared/broker/state/fail-closed.ts
/**
 * Any store failure becomes a refusal the client understands (503 temporarily_unavailable) and
 * nothing is granted: the service never sees a half-answer from the store as a yes.
 */




/**
 * `meter`: the store's metrics taken in the same layer (one settled promise per call instead of a
 * metrics layer's and this one's each: 4-5 store calls per exchange).
 */
function failClosed(store, meter) {
    return wrapMethods(store, (name, method) => {
        if (!meter)
            return (...args) => {
                try {
                    return Promise.resolve(method(...args)).catch(fail_closed_refuse);
                }
                catch (err) {
                    return Promise.reject(refusalOf(err));
                }
            };
        const done = meter(name);
        return (...args) => {
            try {
                return Promise.resolve(timedCall(done, method, args, refusalOf));
            }
            catch (err) {
                return Promise.reject(err);
            }
        };
    }, 
    // health() is readiness, not an exchange: its reason goes to /readyz as it is.
    ['close', 'health']);
}
/**
 * `method(...args)` with its duration and failure reported to `done` (a promise when it settles), its
 * error passed through `mapError`: the one timing of a store call, for this layer and meteredStore.
 */
function timedCall(done, method, args, mapError = (err) => err) {
    const t0 = performance.now();
    let r;
    try {
        r = method(...args);
    }
    catch (err) {
        done((performance.now() - t0) / 1000, true);
        throw mapError(err);
    }
    if (r && typeof r.then === 'function')
        return r.then((x) => {
            done((performance.now() - t0) / 1000, false);
            return x;
        }, (err) => {
            done((performance.now() - t0) / 1000, true);
            throw mapError(err);
        });
    done((performance.now() - t0) / 1000, false);
    return r;
}
const fail_closed_refuse = (err) => {
    throw refusalOf(err);
};
function refusalOf(err) {
    if (err instanceof errors/* BrokerRefusal */.El)
        return err;
    if (err instanceof state_store/* IntentGone */.M7)
        return new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_EXCHANGE_INTERRUPTED', 'the exchange outlived its in-flight window: its intent was swept and its claim given back; nothing was granted, retry', 503, 1);
    if (err instanceof state_store/* StateDbUnverified */.RT)
        return new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_DB', `${err.message.replace(/^ERR_STATE_DB: /, '')}; nothing was read or written, nothing was granted, retry shortly`, 503, 1);
    // Each says its own code first (ERR_STATE_UNSUPPORTED, ERR_STATE_EVICTION, ERR_STATE_CLOCK_SKEW,
    // ERR_STATE_LOST), then what is wrong and the fix.
    if (err instanceof state_store/* StateUnfit */.aM || err instanceof state_store/* ClockSkewed */.yd || err instanceof state_store/* StateLost */.cd)
        return new errors/* BrokerRefusal */.El('temporarily_unavailable', /^(ERR_[A-Z_]+)/.exec(err.message)?.[1] ?? 'ERR_STATE_UNSUPPORTED', `${err.message.replace(/^ERR_[A-Z_]+: /, '')}; nothing was granted`, 503, 30);
    // A write refused by a demoted primary, before the next look at INFO (StateUnfit) says the same.
    if (/^READONLY\b/.test(err?.message ?? ''))
        return new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_READONLY', `${state_store/* STATE_READONLY_TEXT */.J4.replace(/^ERR_[A-Z_]+: /, '')}; nothing was granted`, 503, 30);
    if (err instanceof memory/* StateFull */.D)
        return new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_FULL', `the broker's memory state holds its capacity of ${err.capacity} live exchanges; nothing was granted, retry later (the operator raises state-capacity or moves to state: redis://\u2026)`, 503, 30);
    const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_UNAVAILABLE', `the broker's state store failed (${err.message.slice(0, 200)}); nothing was granted, retry shortly`, 503, 1);
    // Kept for the callers that act on what failed, not only say it: the sweep works around one record
    // it cannot read (unreadableIn) instead of stopping on it (session 23).
    refusal.cause = err;
    return refusal;
}

// EXTERNAL MODULE: ./shared/audit/event.ts
var audit_event = __webpack_require__(4098);
;// CONCATENATED MODULE: ./shared/broker/service.ts
/**
 * The broker's operations over its parts: verify -> decide -> state -> provider -> audit. HTTP is
 * server.ts's; this file takes plain parameters so tests and `explain` call it directly.
 */




























const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
/** A grant past the gate (claim counted, intent queued), with only what minting it needs of the exchange. */
class Admitted {
    subject;
    audience;
    decision;
    context;
    claimKey;
    grantId;
    parentRuns;
    gated;
    named;
    constructor(subject, audience, decision, 
    /** The granted line's context: the exchange's (contextOf) with its details. */
    context, claimKey, grantId, parentRuns, 
    /** The gate's: its intent is queued (write-ahead) at this place, swept at deliverBy. */
    gated, named) {
        this.subject = subject;
        this.audience = audience;
        this.decision = decision;
        this.context = context;
        this.claimKey = claimKey;
        this.grantId = grantId;
        this.parentRuns = parentRuns;
        this.gated = gated;
        this.named = named;
    }
}
/**
 * The exchange's names for its audit context (contextOf's `extra`): `{ ...(workflow ? { workflow } :
 * {}), job, step }` without the spread. On Node 20 (V8 11.3) an object literal that opens with the
 * spread of a non-empty object and then adds keys of its own takes a slow path (about 3-5 \u00b5s a call
 * in a node loop, against under 0.1 \u00b5s for a plain literal; callgrind figures in docs/performance.md,
 * session 32); a spread of an empty object, or one that only overwrites keys it copied, does not.
 * Every exchange built one (the workflow is known past the owner check).
 */
function exchangeNames(workflow, job, step) {
    return workflow ? { workflow, job, step } : { job, step };
}
/**
 * The exchange's `details` (job identity, the runs an App-started run may come from, the
 * organization policy), by assignment in the order of the literal it replaces: `{ ...(parentRuns ?
 * { parent_runs } : {}), job_identity, ...(verified ? { check_run_id, job_name } : {
 * job_identity_why }), ...(org.from ? { org_policy, ...(org.stale ? { org_policy_stale: true } :
 * {}) } : {}) }`, which opened with a non-empty spread for every App-started run (exchangeNames).
 */
function exchangeDetails(parentRuns, identity, org) {
    const details = {};
    if (parentRuns)
        details.parent_runs = parentRuns;
    details.job_identity = identity.status;
    if (identity.status === 'verified') {
        details.check_run_id = identity.check_run_id;
        details.job_name = identity.job_name;
    }
    else
        details.job_identity_why = identity.why;
    if (org.from) {
        details.org_policy = org.from;
        if (org.stale)
            details.org_policy_stale = true;
    }
    return details;
}
/**
 * `{ ...context, details }` by assignment (the same keys in the same order, the SOURCE_JTI symbol
 * too): an object literal spreading the context, and the granted line's spreads below, cost about
 * 36 K instructions per grant against 10 K assigned (callgrind, session 31). Object.assign copies
 * own enumerable keys, symbols included, as a spread does; on a fresh object it differs from a
 * spread only for a key `__proto__`, which no context or details field is.
 */
function withDetails(context, details) {
    const out = Object.assign({}, context);
    out.details = details;
    return out;
}
/**
 * The `credential.granted` line, by assignment (see withDetails), in the order of the literal it
 * replaces: `{ type, outcome, ...context, audience, scope, grant_id, ttl, expires_at,
 * ...(context.details ?? covered ? { details: { ...context.details, ...covered } } : {}) }` (a
 * `details` the context holds keeps its place and takes the merged value).
 */
function grantedEvent(context, audience, scope, grantId, ttl, expiresAt, covered) {
    const line = Object.assign({ type: 'credential.granted', outcome: 'success' }, context);
    line.audience = audience;
    line.scope = scope;
    line.grant_id = grantId;
    line.ttl = ttl;
    line.expires_at = new Date(expiresAt * 1000).toISOString();
    // Job identity and organization policy (the exchange's) beside what the token covers (the decision's).
    if (context.details ?? covered)
        line.details = Object.assign({}, context.details, covered);
    return line;
}
/** The run facts of a verified token that /revoke echoes (never `jti` or the token itself). */
const SUBJECT_CLAIMS = [
    'event_name',
    'ref',
    'sha',
    'actor',
    'actor_id',
    'workflow_ref',
    'workflow_sha',
    'job_workflow_ref',
    'job_workflow_sha',
];
const pickClaims = (c, keys) => Object.fromEntries(keys.flatMap((k) => (typeof c[k] === 'string' && c[k] ? [[k, c[k]]] : [])));
const service_sha256 = sha256/* sha256Hex */.f;
function param(p, name, required = true) {
    const v = p.get(name);
    if (required && !v)
        throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_MISSING', `parameter '${name}' is required`);
    return v ?? '';
}
/**
 * A claim over `uses` while another exchange of it is in flight (GateResult.inFlightUntil): not
 * counted, so the step's retry after its broker died mid-exchange gets the claim once the sweep takes
 * that exchange at its window's end (+1 s: the sweep's tick). 429, as a rate limit: the client is told
 * to wait; a 5xx would page for a step racing itself.
 */
function inFlightRefusal(step, count, uses, left, dryRun) {
    const wait = Math.max(1, Math.ceil(left) + 1);
    return new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_GRANT_IN_FLIGHT', `another exchange of the grant for step '${step}' in this run attempt is still in flight (claim ${count} of a grant usable ${uses} time(s); its broker may have died mid-exchange): ${dryRun ? 'a real exchange would be held' : 'this one was not counted'}; retry after ${wait}s, when the claim is given back if that exchange never delivered`, 429, wait);
}
/**
 * A GitHub token marked revoked that GitHub has not confirmed revoked: its retries are queued
 * (`pending`), or no outcome was recorded at all (the instance that marked it stopped while its call
 * was out: the credential's deadline sweep finishes it, REVOCATION_INTERRUPTED). Until then GitHub
 * may still honour it, so no answer says it is done.
 */
function unconfirmed(r) {
    return (r?.revokedAt !== undefined &&
        (r.revocation === 'pending' || (r.revocation === undefined && r.kind === 'github' && !!r.secret)));
}
class BrokerService {
    now;
    admins;
    jobs;
    orgs;
    deps;
    /** The store's screen and gate steps (one round trip each where the store can), built once. */
    gates;
    revoker;
    /** GitHub tokens of failed exchanges that neither the store nor GitHub took: held until one does. */
    unqueued;
    /** Set by stopMinting(). */
    mintingStopped = false;
    constructor(deps) {
        // Every store call fails closed: an error is a 503 that grants nothing (state/fail-closed.ts).
        this.deps = { ...deps, store: failClosed(deps.store, deps.storeMeter) };
        this.gates = (0,state_store/* gatesOf */.og)(this.deps.store);
        // Never back (shared/clock/steady.ts): expiry, introspection and deadlines do not move with a stepped wall clock.
        this.now = deps.now ?? steady/* steadySeconds */.eo;
        this.admins = (0,client_auth/* adminTokensOf */.fq)(deps.adminTokenHashes);
        this.jobs = deps.jobIdentity ?? new job_identity/* JobIdentityChecker */.jN(deps.github);
        this.orgs = deps.orgPolicies ?? staticOrgPolicy(deps.org);
        this.revoker = new Revoker({
            store: this.deps.store,
            audit: deps.audit,
            githubFor: (r) => this.tenant(r.issuer).github,
            now: this.now,
            ...(deps.revokeBackoffSeconds !== undefined ? { backoffSeconds: deps.revokeBackoffSeconds } : {}),
        });
        this.unqueued = new UnqueuedRevocations({ store: this.deps.store, audit: deps.audit, now: this.now });
    }
    /**
     * The GitHub App and manifest source of the issuer that signed the token: github.com, a GHES
     * server or a ghe.com tenant each have their own. Unknown issuers never get here (the verifier
     * refuses them); a record without an issuer is github.com's.
     */
    tenant(issuer) {
        return ((issuer && this.deps.tenants?.get(issuer)) || {
            github: this.deps.github,
            manifests: this.deps.manifests,
        });
    }
    async verify(token, context, type = 'credential.refused') {
        try {
            return await this.deps.verifier.verify(token);
        }
        catch (err) {
            const e = err instanceof verify/* OidcError */.uv ? err : new verify/* OidcError */.uv('ERR_OIDC_MALFORMED', String(err));
            const signed = e.signedClaims;
            const owners = typeof signed?.iss === 'string' ? this.tenant(signed.iss).ownerIds : undefined;
            this.deps.audit.write({
                type,
                outcome: verify/* ISSUER_FAULT_CODES */.IX.has(e.code) ? 'error' : 'denied',
                reason: e.code,
                detail: e.message,
                // A token the issuer signed, refused for what it says (expired, another audience): whose it
                // is, so a stolen token's line is attributed (and never budgeted away as anonymous).
                ...signedContext(signed),
                ...context,
                // Unless it is of an owner this broker does not serve: still attributed, but budgeted like an
                // anonymous line (audit-budget.ts), since GitHub signs such a token for any repository.
                ...(owners && signed && !owners.has(String(signed.repository_owner_id))
                    ? { details: { owner_served: false } }
                    : {}),
            });
            // The issuer unreachable, or its key set ambiguous, is not the token's fault: 503, so the caller
            // retries (the token is not consumed).
            const refusal = verify/* ISSUER_FAULT_CODES */.IX.has(e.code)
                ? new errors/* BrokerRefusal */.El('temporarily_unavailable', e.code, e.message, 503)
                : new errors/* BrokerRefusal */.El('invalid_grant', e.code, e.message);
            refusal.audited = true;
            throw refusal;
        }
    }
    /**
     * GitHub's issuer signs for every repository that asks: only the configured owners are served, at
     * every door an OIDC token opens (the exchange, the job end), before their token is marked used,
     * their manifest read or anything written for them.
     */
    assertOwnerServed(claims) {
        const owners = this.tenant(claims.iss).ownerIds;
        if (owners && !owners.has(claims.repository_owner_id))
            throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_OWNER_NOT_ALLOWED', `the token's repository owner ${(0,verdict/* shown */.SP)(claims.repository_owner)} (id ${(0,verdict/* shown */.SP)(claims.repository_owner_id)}) is not one of this broker's owner-ids for issuer ${(0,verdict/* shown */.SP)(claims.iss)}; nothing was read or granted`);
    }
    /** The screen's refusals: a used jti (a replay), then the repository's empty bucket (audited here). */
    async screenRefusal(limited, claims, dryRun, ctx, requested) {
        if (limited.seen)
            await this.refuseReplay(claims, dryRun);
        if (limited.allowed)
            return;
        const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_RATE_LIMITED', `rate limit of ${this.deps.rateLimit.limit} per ${this.deps.rateLimit.windowSeconds}s reached for ${(0,verdict/* shown */.SP)(claims.repository)}; retry after ${limited.retryAfter}s`, 429, limited.retryAfter);
        refusal.audited = true;
        this.deps.audit.write({
            type: 'credential.rate_limited',
            outcome: 'denied',
            reason: 'ERR_RATE_LIMITED',
            detail: `more than ${this.deps.rateLimit.limit} exchanges per ${this.deps.rateLimit.windowSeconds}s for this repository`,
            ...ctx(),
            ...requested,
        });
        throw refusal;
    }
    /** A replay of a used jti: refused, counted in its own bucket (never the repository's). */
    async refuseReplay(claims, dryRun) {
        await this.chargeReplay(claims);
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_OIDC_REPLAYED', `OIDC token jti ${(0,verdict/* shown */.SP)(claims.jti)} was already exchanged (replay${dryRun ? '; a real exchange with it would be refused' : ''})`);
    }
    /** A replayed OIDC token, at either door: one token of the repository's replay bucket, else 429. */
    async chargeReplay(claims) {
        const rl = this.deps.replayRateLimit ?? { limit: 60, windowSeconds: 60 };
        const limited = await this.deps.store.rateLimit(
        // Repository ids are per GitHub (github.com, each GHES server): a tenant's replays must not
        // spend another GitHub's repository of the same id.
        `replay:${claims.iss}:${claims.repository_id}`, rl.limit, rl.windowSeconds, this.now());
        if (!limited.allowed)
            throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_REPLAY_RATE_LIMITED', `more than ${rl.limit} replayed OIDC tokens per ${rl.windowSeconds}s for ${(0,verdict/* shown */.SP)(claims.repository)}; retry after ${limited.retryAfter}s`, 429, limited.retryAfter);
    }
    /** RFC 8693 token exchange (and `dry_run=true`: would this be granted?). */
    exchange(p) {
        // A broker JWT as the subject: a chained exchange (its own path and audit).
        if (p.get('grant_type') === GRANT_TYPE && p.get('subject_token_type') === JWT_TOKEN_TYPE)
            return this.chained(p);
        // Two steps, so that nothing of the deciding (the request and its token, the claims, the
        // manifest's views, the decision's inputs) is reachable while a grant waits for its signature
        // and then its audit line on disk (write-ahead): under a burst each wait is longer than two
        // scavenges, and what it holds is promoted to the old generation to die there. Only what minting,
        // the record and a late refusal's audit line need waits (docs/performance.md, "Session 19").
        return this.admit(p).then((admitted) => admitted instanceof Admitted ? this.granted(admitted) : admitted);
    }
    /** Everything up to the gate (the claim counted, the intent queued), or a dry run's answer. */
    async admit(p) {
        const dryRun = p.get('dry_run') === 'true';
        const refusedType = dryRun ? 'credential.dry_run' : 'credential.refused';
        let request;
        let askedTtl;
        try {
            if (param(p, 'grant_type') !== GRANT_TYPE)
                throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_GRANT_TYPE', `grant_type must be ${GRANT_TYPE}`);
            if (param(p, 'subject_token_type') !== ID_TOKEN_TYPE)
                throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_SUBJECT_TOKEN_TYPE', `subject_token_type must be ${ID_TOKEN_TYPE}`);
            // `dry_run=1`, `TRUE`, `yes` read as "not a dry run" would issue a real credential (and use the
            // grant's claim) to a caller that asked only whether it would be granted.
            const dry = p.get('dry_run');
            if (dry !== null && dry !== 'true' && dry !== 'false')
                throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_INVALID', `parameter 'dry_run' is "${(0,verdict/* shown */.SP)(dry.slice(0, 16))}": give true or false`);
            request = (0,broker_request/* exchangeRequestOf */.gX)(p);
            // A lifetime asked for is a ceiling under the grant's: ignored, the client would believe it
            // holds a shorter credential than it does.
            askedTtl = (0,broker_request/* ttlOf */.yJ)(p);
            param(p, 'subject_token');
        }
        catch (err) {
            if (err instanceof errors/* BrokerRefusal */.El) {
                // Unauthenticated: what the request named, bounded by the audit sink.
                this.deps.audit.write({
                    type: refusedType,
                    outcome: 'denied',
                    reason: err.code,
                    detail: err.description,
                    ...(p.get('job') ? { job: p.get('job') } : {}),
                    ...(p.get('step') ? { step: p.get('step') } : {}),
                    ...(p.get('audience') ? { audience: p.get('audience') } : {}),
                });
                err.audited = true;
            }
            throw err;
        }
        const requested = { audience: request.audience, ...(request.scope ? { scope: request.scope } : {}) };
        const claims = await this.verify(param(p, 'subject_token'), { job: request.job, step: request.step, ...requested }, refusedType);
        // The key the store's admit() marks used (so seen() finds it).
        const jtiKey = `${claims.iss}:${claims.jti}`;
        let workflow;
        const conditions = [];
        const ctx = () => (0,audit_log/* contextOf */.Vm)(claims, exchangeNames(workflow, request.job, request.step));
        // Past the owner check the exchange is screened exactly once: before GitHub, a refusal, or with the gate.
        let screening = false;
        let screened = false;
        const screenRequest = () => ({
            jtiKey,
            // Ids are per GitHub: a GHES repository and a github.com one can share a number.
            rateKey: `rate:${claims.iss}:${claims.repository_id}`,
            limit: this.deps.rateLimit.limit,
            windowSeconds: this.deps.rateLimit.windowSeconds,
            now: this.now(),
        });
        const screen = async () => {
            if (screened)
                return;
            screened = true;
            await this.screenRefusal(await this.gates.screen(screenRequest()), claims, dryRun, ctx, requested);
        };
        try {
            workflow = (0,decide/* workflowOf */.B4)(claims).file;
            this.assertOwnerServed(claims);
            // From here on the screen (a used jti refused before the repository's bucket is charged, so
            // replays cannot starve it; then the bucket) comes before anything reaches GitHub, and before
            // any refusal: screen() is called before each read that may reach GitHub and on the way out of
            // a refusal. An exchange that reached nothing sends it with its gate, in one store step.
            screening = true;
            // A dry run is screened first, as always (it has no gate to fold the screen into).
            if (dryRun)
                await screen();
            const manifests = this.tenant(claims.iss).manifests;
            const { manifest, defaultBranch } = await (manifests.cached?.(claims.repository) ??
                screen().then(() => manifests.get(claims.repository)));
            const org = await (this.orgs.cached?.(claims.repository_owner, claims.iss) ??
                screen().then(() => this.orgs.get(claims.repository_owner, claims.iss)));
            // Several issuers: the job is read with the App of the token's issuer.
            const jobReader = this.deps.tenants ? { reader: this.tenant(claims.iss).github } : undefined;
            // A reusable workflow whose callers are bound to a job: verify the job (and so its caller) first.
            // (The caller file and the job are read from GitHub: screened first.)
            let identity = (0,callers/* callerJobNeeded */.gX)(claims, manifest.manifest)
                ? await screen().then(() => this.jobs.check(claims, request.job, jobReader))
                : undefined;
            const callerJob = identity ? await this.jobs.callerJob(claims, identity, jobReader) : undefined;
            const decided = (0,decide/* decide */.LD)({
                claims,
                request,
                manifest,
                ...(org.policies.length ? { orgs: org.policies } : {}),
                ...(defaultBranch ? { defaultBranch } : {}),
                ...(callerJob ? { callerJob } : {}),
            }, 
            // The verdicts are kept only where they are shown (a dry run's answer or refusal).
            dryRun ? conditions : undefined);
            const decision = askedTtl !== undefined && askedTtl < decided.ttl ? { ...decided, ttl: askedTtl } : decided;
            // Otherwise after the decision (a refused request costs GitHub nothing), before anything is issued.
            // A job identity that needs the Jobs API is read after the screen; one all cached (or none to read) is not.
            if (!identity) {
                const cached = await this.jobs.checkCached(claims, request.job, jobReader);
                if (cached)
                    identity = cached;
                else {
                    await screen();
                    identity = await this.jobs.check(claims, request.job, jobReader);
                }
            }
            // A run the App started (workflow_dispatch / repository_dispatch): the runs that could have
            // (read from the store, screened first as before).
            if (dispatchedByApp(claims, this.tenant(claims.iss).github?.slug))
                await screen();
            const parentRuns = await dispatchParents(this.deps.store, claims, this.tenant(claims.iss).github?.slug, this.now());
            const details = exchangeDetails(parentRuns, identity, org);
            // A reusable workflow of the repository: its caller's kill-switch block covers it too.
            const callerWorkflow = decision.workflowRefs?.kind === 'reusable'
                ? (0,callers/* parseWorkflowRef */.QO)(decision.workflowRefs.caller)?.file
                : undefined;
            const claimKey = `claim:${claims.iss}:${claims.repository_id}:${claims.run_id}:${claims.run_attempt}:${decision.workflow}:${request.job}:${request.step}:${request.audience}`;
            if (dryRun) {
                // The same checks as a real exchange's gate (kill switch, single use), read without using
                // the jti or counting a claim.
                this.refuseIfBlocked(await this.deps.store.blocks(), claims, decision.workflow, undefined, callerWorkflow);
                const endedKey = jobEndKeyOf(claims);
                if (endedKey !== undefined && (await this.deps.store.jobEnded(endedKey)))
                    throw jobEndedRefusal({
                        job: request.job,
                        runId: claims.run_id,
                        runAttempt: claims.run_attempt,
                        checkRunId: claims.check_run_id,
                    });
                const already = await this.deps.store.claimed?.(claimKey);
                // Held, as the real exchange would be, while one of those claims is still in flight.
                const flying = already !== undefined && already >= decision.uses
                    ? await this.deps.store.inFlight?.(claimKey, '')
                    : undefined;
                if (flying !== undefined)
                    throw inFlightRefusal(request.step, already + 1, decision.uses, flying - this.now(), true);
                if (already !== undefined && already >= decision.uses)
                    throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_GRANT_ALREADY_CLAIMED', `the grant for step '${request.step}' was already claimed ${already} time(s) in this run attempt (uses: ${decision.uses}); a real exchange would be refused`);
                const answer = {
                    granted: true,
                    dry_run: true,
                    job_identity: identity.status,
                    scope: decision.scope,
                    expires_in: decision.ttl,
                    audience: request.audience,
                    manifest: `${manifest.file}:${decision.manifestLine}`,
                    conditions,
                    ...(already === undefined ? { claims_checked: false } : {}),
                };
                this.deps.audit.write({
                    type: 'credential.dry_run',
                    outcome: 'success',
                    ...ctx(),
                    audience: request.audience,
                    scope: decision.scope,
                    // What the token would cover and, for a reusable workflow, both refs and the caller job.
                    details: { ...details, ...decisionAuditFields(decision).details },
                });
                return answer;
            }
            // jti single use: checked after the decision so a dry run or a refused request does not burn it;
            // kept until exp plus the clock tolerance, whatever it is. The kill switch's blocks come back in
            // the same round trip, so every exchange sees them.
            const tolerance = this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60;
            // The claim is held by the grant id, so giving it back is idempotent whoever does it. The gate
            // (one round trip where the store can): jti used, blocks read, claim counted, then the
            // write-ahead intent (grant, claim, deadline) queued before anything is minted.
            const grantId = (0,external_node_crypto_.randomUUID)();
            const now = this.now();
            // Past this, an instance that died mid-exchange has its intent (or undelivered record) swept.
            const deliverBy = now + (this.deps.inFlightSeconds ?? 30);
            const place = placeFor(claims, request, decision.workflow, callerWorkflow);
            const ended = jobEndKeyOf(claims);
            const gateRequest = {
                jtiKey,
                ...(ended !== undefined ? { jobEndKey: ended } : {}),
                jtiTtlSeconds: Math.max(60, claims.exp - now + tolerance + 60),
                subject: {
                    repository: claims.repository,
                    repositoryId: claims.repository_id,
                    workflow: decision.workflow,
                    runId: claims.run_id,
                    ...(parentRuns ? { parentRuns } : {}),
                    ...(callerWorkflow ? { callerWorkflow } : {}),
                },
                claimTtlSeconds: CLAIM_TTL_SECONDS,
                uses: decision.uses,
                intent: { grantId, claimKey, deadline: now + decision.ttl, sweepAt: deliverBy, ...place },
            };
            let gate;
            if (screened)
                gate = await this.gates.gate(gateRequest);
            else {
                // Nothing reached GitHub since the token was verified: the screen and the gate in one step.
                screened = true;
                const both = await this.gates.screenGate(screenRequest(), gateRequest);
                await this.screenRefusal(both.screen, claims, dryRun, ctx, requested);
                gate = both.gate;
            }
            try {
                this.refuseIfBlocked(gate.blocks, claims, decision.workflow, parentRuns, callerWorkflow);
            }
            catch (err) {
                // Only if the store's block match and blockMatches ever disagreed: nothing may stay held.
                if (gate.intended)
                    await this.giveBack(grantId);
                throw err;
            }
            if (!gate.fresh)
                await this.refuseReplay(claims, false);
            if (gate.jobEnded)
                throw jobEndedRefusal({ ...place, checkRunId: claims.check_run_id });
            const count = gate.count ?? Number.POSITIVE_INFINITY;
            if (gate.inFlightUntil !== undefined)
                throw inFlightRefusal(request.step, count, decision.uses, gate.inFlightUntil - now, false);
            if (count > decision.uses) {
                const refusal = new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_GRANT_ALREADY_CLAIMED', `the grant for step '${request.step}' was already claimed ${count - 1} time(s) in this run attempt (uses: ${decision.uses})`);
                refusal.audited = true;
                this.deps.audit.write({
                    type: 'credential.claimed_twice',
                    outcome: 'denied',
                    reason: 'ERR_GRANT_ALREADY_CLAIMED',
                    detail: `claim ${count} of a grant usable ${decision.uses} time(s) per run attempt: possible theft by another step`,
                    ...ctx(),
                    ...requested,
                });
                throw refusal;
            }
            const context = ctx();
            return new Admitted({
                iss: claims.iss,
                sub: claims.sub,
                repository: claims.repository,
                repository_id: claims.repository_id,
                ...(typeof claims.check_run_id === 'string' && claims.check_run_id
                    ? { checkRunId: claims.check_run_id }
                    : {}),
                ...(typeof claims.iat === 'number' ? { iat: claims.iat } : {}),
            }, request.audience, decision, withDetails(context, details), claimKey, grantId, parentRuns, { now, deliverBy, place }, { context, requested, ...workflowRefDetails(claims) });
        }
        catch (caught) {
            let err = caught;
            // A refusal (or error) before the screen ran: the screen first, as when it came before the
            // decision, so a replay is refused as a replay, an empty bucket as such, and every exchange is
            // charged. A screen that lets it on leaves the first refusal standing.
            if (screening && !screened)
                err = await screen().then(() => caught, (e) => e);
            if (err instanceof errors/* BrokerRefusal */.El && !err.audited)
                this.auditRefusal(err, refusedType, { context: ctx(), requested, ...workflowRefDetails(claims) });
            if (dryRun && err instanceof errors/* BrokerRefusal */.El && conditions.length)
                throw new DryRunRefusal(err, conditions);
            throw err;
        }
    }
    /** A refusal not yet recorded: its audit line, with what the exchange named. */
    auditRefusal(err, refusedType, named) {
        this.deps.audit.write({
            type: err.code === 'ERR_REPLAY_RATE_LIMITED' ? 'credential.rate_limited' : refusedType,
            outcome: err.status >= 500 ? 'error' : 'denied',
            reason: err.code,
            detail: err.description,
            ...named.context,
            ...named.requested,
            ...(named.details ? { details: named.details } : {}),
        });
        err.audited = true;
    }
    /**
     * A grant admit() let through: minted, audited (write-ahead) and delivered; a failure gives the
     * claim back and is audited as admit() would have.
     */
    async granted(g) {
        try {
            const { answer, record, oneStep } = await this.issue(g);
            await this.auditedOrRevoked(record, oneStep, g.parentRuns !== undefined ? { iat: g.subject.iat ?? g.gated.now } : undefined);
            await this.recordReplicatedOrRevoked(record);
            return answer;
        }
        catch (err) {
            await this.deps.store.unclaim(g.claimKey, g.grantId).catch(() => undefined);
            if (err instanceof errors/* BrokerRefusal */.El && !err.audited)
                this.auditRefusal(err, 'credential.refused', g.named);
            throw err;
        }
    }
    /** Mints the credential, stores its record where it must precede the audit line, queues the line. */
    async issue(g) {
        const { subject: claims, audience, decision: d, context, claimKey, grantId, parentRuns } = g;
        const { now, deliverBy, place } = g.gated;
        let token;
        let expiresAt;
        let upstreamExpiresAt;
        let issuedType;
        let repositoryIds;
        try {
            if (this.mintingStopped)
                throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_BROKER_STOPPING', 'this broker instance is stopping and its client connections are closed; nothing was minted or granted and the claim is given back: retry with a fresh OIDC token (another instance answers)', 503, 1);
            if (d.kind === 'github') {
                const github = this.tenant(claims.iss).github;
                if (!github)
                    throw new errors/* BrokerRefusal */.El('invalid_target', 'ERR_GITHUB_NOT_CONFIGURED', 'this broker has no GitHub App configured (github: in the config)');
                const [owner, repo] = claims.repository.split('/');
                // The token's own repository by its id (the manifest binds the id): GitHub mints by name.
                const created = await github.createToken(owner, repo, d.permissions, d.repositories, undefined, claims.repository_id);
                token = created.token;
                repositoryIds = created.repositoryIds;
                upstreamExpiresAt = Math.floor(Date.parse(created.expiresAt) / 1000);
                expiresAt = Math.min(now + d.ttl, upstreamExpiresAt);
                issuedType = ACCESS_TOKEN_TYPE;
            }
            else {
                const minted = await mintServiceJwt({
                    key: this.deps.key.active(now),
                    profile: this.jwtProfile(d.audience, now),
                    issuer: this.deps.url,
                    audience: d.audience,
                    subject: claims.sub,
                    scope: d.scope,
                    ttl: d.ttl,
                    now,
                    context: workloadContextOf(place, this.origin(claims.iss)),
                });
                token = minted.token;
                expiresAt = minted.expiresAt;
                issuedType = JWT_TOKEN_TYPE;
            }
        }
        catch (err) {
            await this.deps.store.abandon(grantId).catch(() => undefined);
            throw err;
        }
        const dispatchTo = d.kind === 'github' ? dispatchTargets(d.permissions, d.repositories, claims.repository) : [];
        const record = {
            grantId,
            tokenHash: service_sha256(token),
            kind: d.kind,
            ...(d.kind === 'github' ? { secret: token } : {}),
            ...place,
            scope: d.scope,
            sub: claims.sub,
            issuer: claims.iss,
            ...(claims.checkRunId ? { checkRunId: claims.checkRunId } : {}),
            issuedAt: now,
            expiresAt,
            ...(upstreamExpiresAt !== undefined ? { upstreamExpiresAt } : {}),
            claimKey,
            deliverBy,
            ...(parentRuns?.length ? { parentRuns } : {}),
            ...(dispatchTo.length ? { dispatchTo } : {}),
            ...(dispatchTo.length && repositoryIds
                ? { dispatchToIds: dispatchTargetIds(dispatchTo, repositoryIds) }
                : {}),
        };
        // A broker JWT (nothing upstream to revoke) is stored with its delivery, after its audit line, in
        // one store step where the store can: an instance killed before that step left only its intent,
        // which the sweep takes (INTENT_ABANDONED) as for a mint that never finished. A GitHub token's
        // record (with its sealed token) is stored first, so that the sweep can revoke it upstream.
        const oneStep = record.kind === 'jwt' && record.secret === undefined && !!this.deps.store.putDelivered;
        if (!oneStep)
            await this.holdOrRevoke(record, token);
        this.deps.audit.write(grantedEvent(context, audience, d.scope, grantId, expiresAt - now, expiresAt, decisionAuditFields(d).details));
        return {
            answer: {
                access_token: token,
                issued_token_type: issuedType,
                token_type: 'Bearer',
                expires_in: expiresAt - now,
                scope: d.scope,
                grant_id: grantId,
            },
            record,
            oneStep,
        };
    }
    /** A broker-signed JWT exchanged for a narrower one (chain.ts); refusals audited like any exchange. */
    async chained(p) {
        try {
            // A chained exchange has no dry run: one asked for must not quietly issue a real credential.
            if (p.has('dry_run'))
                throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_INVALID', 'dry_run is not supported for a chained exchange (subject_token_type jwt); nothing was issued');
            // The child keeps its parent's job and step: a client naming another was answered 200 with a
            // credential it did not ask for. Refused before the subject is read, as dry_run is.
            for (const name of ['job', 'step'])
                if (p.has(name))
                    throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_INVALID', `${name}= is not read on a chained exchange (subject_token_type jwt): the child keeps its parent's job and step; send the form without it. Nothing was issued`);
            return await chainedExchange(p, {
                url: this.deps.url,
                key: this.deps.key,
                store: this.deps.store,
                audit: this.deps.audit,
                now: this.now,
                hash: service_sha256,
                ...(this.deps.inFlightSeconds !== undefined ? { inFlightSeconds: this.deps.inFlightSeconds } : {}),
                rateLimit: this.deps.rateLimit,
                // The audience's JWT options (session tags) hold for its chained children too.
                profile: (audience, now) => this.jwtProfile(audience, now),
                origin: (issuer) => this.origin(issuer),
                // One guarantee for both exchanges: strict mode's record on a replica before it leaves.
                leaving: (record) => this.recordReplicatedOrRevoked(record),
            });
        }
        catch (err) {
            if (err instanceof errors/* BrokerRefusal */.El && !err.audited) {
                this.deps.audit.write({
                    type: 'credential.refused',
                    outcome: err.status >= 500 ? 'error' : 'denied',
                    reason: err.code,
                    detail: err.description,
                    ...(p.get('audience') ? { audience: p.get('audience') } : {}),
                });
                // One line per refusal: the HTTP edge writes its own only for refusals not yet recorded.
                err.audited = true;
            }
            throw err;
        }
    }
    /**
     * Revokes one credential (upstream for GitHub tokens, retried from the store until true) and records
     * why: false when it already was revoked, else whether GitHub confirmed it now ('error' while a
     * retry is pending or after the last one failed).
     */
    async revokeRecord(r, why) {
        const done = await this.revoker.revoke(r, why);
        if (!done.revoked)
            return false;
        return done.status === 'done' || done.status === undefined ? 'success' : 'error';
    }
    /**
     * How many of these credentials GitHub has not confirmed revoked yet (retries still queued, or no
     * outcome recorded), beside `more` already counted by the caller.
     */
    async pendingOf(grantIds, more = 0) {
        let n = more;
        for (const id of grantIds)
            if (unconfirmed(await this.deps.store.get(id)))
                n++;
        return n ? { revocation_pending: n } : {};
    }
    /**
     * Stores the record; if the store fails now, the credential just minted is revoked on the spot, and
     * if GitHub fails that too, the record is put once more: stored undelivered, the sweep revokes it
     * at its in-flight window through the durable queue (a store blip must not leave it its hour); a
     * store that refuses that too leaves the token to this instance alone (unqueued.ts), alarm first.
     */
    async holdOrRevoke(record, token) {
        try {
            await this.deps.store.put(record);
        }
        catch (err) {
            const github = this.tenant(record.issuer).github;
            // Nobody received it and no record holds it for the sweep: a 401 while fresh is asked again.
            if (record.kind === 'github' && github)
                await github
                    .revokeToken(token, undefined, freshUntilOf(record, this.now()))
                    .catch(() => this.deps.store.put(record).catch(() => this.unqueued.hold(record, token, github)));
            throw err;
        }
    }
    /**
     * The last checks before a credential leaves: a kill switch that fired while it was minting, and
     * the grant's audit line on disk. Either failing revokes it and refuses.
     */
    async auditedOrRevoked(record, oneStep = false, 
    /** An App-started run's: a run block's reach is checked again at delivery (chain.ts lateDescendants). */
    appStarted) {
        try {
            await this.deps.audit.flush();
        }
        catch (err) {
            // Not stored yet (oneStep): stored undelivered now, so that it is revoked and audited as before
            // (a store that fails too leaves the intent, which the sweep takes).
            await (oneStep ? this.deps.store.put(record) : Promise.resolve())
                .then(() => this.revokeRecord(record, { type: 'credential.revoked', reason: 'ERR_AUDIT_UNAVAILABLE' }))
                .catch(() => undefined);
            throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_AUDIT_UNAVAILABLE', `the audit log cannot be written (${err.message}); nothing is granted until it can`, 503, 5);
        }
        // Delivered (its deadline queued) unless the sweep or the kill switch revoked it meanwhile; the
        // blocks come back in the same round trip.
        // The job-end mark is read in the same step: a listing that ran while this one was minting did
        // not see it (not stored yet, or stored undelivered after the listing read), so it is revoked here.
        let gate;
        const ended = (0,state_store/* jobEndKey */.Q1)(record);
        try {
            // putDelivered: a sweep that took the intent first makes it fail (IntentGone -> 503), stored nothing.
            gate = oneStep
                ? { delivered: true, ...(await this.deps.store.putDelivered(record, ended)) }
                : await this.deps.store.deliver(record.grantId, ended);
        }
        catch (err) {
            // Not delivered; the record stays queued at deliverBy, where the sweep revokes it too.
            const github = this.tenant(record.issuer).github;
            if (record.kind === 'github' && github && record.secret)
                await github
                    .revokeToken(record.secret, undefined, freshUntilOf(record, this.now()))
                    .catch(() => undefined);
            throw err;
        }
        const where = { repository: record.repository, repository_id: record.repositoryId, run_id: record.runId };
        if (!gate.delivered) {
            this.refuseIfBlocked(gate.blocks, where, record.workflow, record.parentRuns, record.callerWorkflow);
            throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_EXCHANGE_INTERRUPTED', 'the exchange outlived its in-flight window and its credential was revoked; nothing was granted, retry', 503, 1);
        }
        // A run block placed while this was minting whose walk reached this run's repository (a
        // descendant at any depth, which its credential does not name): the blocked run counts as a
        // parent here as at the next exchange (dispatchParents), so the switch misses no in-flight one.
        let reaching;
        try {
            reaching = appStarted ? await this.reachingBlocksOf(record, gate.blocks, appStarted.iat) : new Map();
        }
        catch (err) {
            // Not known whether a block reaches it: it does not leave (fails closed), and does not stay live.
            await this.revokeRecord(record, {
                type: 'credential.revoked',
                reason: err instanceof errors/* BrokerRefusal */.El ? err.code : 'ERR_STATE_UNAVAILABLE',
                admin: { in_flight: true },
            }).catch(() => undefined);
            throw err;
        }
        try {
            this.refuseIfBlocked(gate.blocks, where, record.workflow, reaching.size ? [...(record.parentRuns ?? []), ...reaching.keys()] : record.parentRuns, record.callerWorkflow);
        }
        catch (err) {
            await this.revokeRecord(record, {
                type: 'credential.revoked',
                reason: 'REVOKED_BY_ADMIN',
                admin: { in_flight: true },
            });
            throw err;
        }
        if (gate.jobEnded) {
            await this.revokeRecord(record, {
                type: 'credential.revoked',
                reason: 'REVOKED_AT_JOB_END',
                admin: { in_flight: true },
            });
            throw jobEndedRefusal(record);
        }
    }
    /** The run blocks among `blocks` whose kill switch's reach covers this App-started run's record. */
    async reachingBlocksOf(record, blocks, iat) {
        const runs = blocks.flatMap((b) => (b.runId !== undefined ? [b.runId] : []));
        if (!runs.length)
            return new Map();
        const run = { issuer: record.issuer ?? '', repositoryId: record.repositoryId, runId: record.runId };
        const now = this.now();
        return reachingBlocks(this.deps.store, runs, run, await creationBound(this.deps.store, run, iat, now), now);
    }
    /**
     * A claim and intent the gate wrote for an exchange that will not go on: given back in one store
     * step (abandon; best effort: else the sweep takes the intent and its claim with it).
     */
    async giveBack(grantId) {
        await this.deps.store.abandon(grantId).catch(() => undefined);
    }
    /** A kill-switch block covering this exchange refuses it, on every instance (the block is in the store). */
    refuseIfBlocked(blocks, claims, workflow, parentRuns, callerWorkflow) {
        const hit = blocks.find((b) => (0,state_store/* blockMatches */.jO)(b, {
            repository: claims.repository,
            ...(claims.repository_id !== undefined ? { repositoryId: claims.repository_id } : {}),
            workflow,
            runId: claims.run_id,
            ...(parentRuns ? { parentRuns } : {}),
            ...(callerWorkflow ? { callerWorkflow } : {}),
        }));
        if (!hit)
            return;
        this.learnBlockedId(hit, blocks, claims.repository_id);
        const what = [
            hit.repository && `repository ${hit.repository}`,
            hit.workflow && `workflow ${hit.workflow}`,
            hit.runId && `run ${hit.runId}`,
        ]
            .filter(Boolean)
            .join(', ');
        throw new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_BLOCKED', `the kill switch blocks ${what}; an admin lifts it with POST /admin/unblock`, 403);
    }
    /**
     * A name block that stopped a verified token learns the token's repository id (when /admin/revoke
     * could not: GitHub down, the App not installed): a later rename is then stopped by the id. Best
     * effort, after the refusal; an id block already among the matching ones is left as it is.
     */
    learnBlockedId(hit, matching, id) {
        if (!hit.repository || (0,state_store/* repositoryIdOfBlock */.cW)(hit.repository) !== undefined)
            return;
        if (id === undefined || !oidc_claims/* NUMERIC_ID */.aq.test(id))
            return;
        const learned = (0,state_store/* idBlockBeside */.ve)(id, hit);
        if (matching.some((b) => (0,state_store/* blockKey */.Ju)(b) === (0,state_store/* blockKey */.Ju)(learned)))
            return;
        const actor = hit.actor ?? 'kill-switch';
        // Only while the name block is held: an unblock since this exchange read it stays done.
        void this.deps.store
            .block({ ...learned, actor, at: this.now(), learnedFrom: (0,state_store/* blockFold */.$D)(hit.repository) }, hit)
            .catch(() => undefined);
    }
    /**
     * A credential the broker minted, recorded and audited, whose client was gone before it could be
     * sent (the connection was cut: a client timeout, or a drain past its deadline). Nobody holds it, so
     * it is revoked (upstream too) and its claim given back, so the step's retry is not refused as a
     * second claim. Without this it stayed live until its ttl, audited as granted. `SEND_INTERRUPTED`:
     * the connection closed while the answer was being written, so the client may hold it: revoked, its
     * claim kept (session 27).
     */
    async revokeUndelivered(token, reason = 'UNDELIVERED') {
        const r = await this.deps.store.byTokenHash(service_sha256(token));
        if (!r)
            return;
        await this.revoker.revoke(r, { type: 'credential.revoked', reason });
        // SEND_INTERRUPTED: part of the answer, the token first, may be in the client's hands; a claim
        // given back would let the step take a second credential of the grant (server.ts revokeUnlessSent).
        if (r.claimKey && reason === 'UNDELIVERED')
            await this.deps.store.unclaim(r.claimKey, r.grantId).catch(() => undefined);
    }
    /**
     * RFC 7009: `token=` revokes one credential. `subject_token=` (a fresh OIDC token of the job, used
     * once) revokes every live credential of that run attempt and job \u2014 of its matrix leg when the token
     * carries `check_run_id` \u2014 and lists every credential the broker issued for it (never a token), so
     * the audit action reports the broker's record instead of the job's writable trail.
     */
    async revoke(p) {
        const token = p.get('token');
        // One or the other: with both, the job end (`subject_token`) was ignored and the answer, 200 with
        // what `token` revoked, read as a job end that found nothing live, with no job-end mark written.
        if (token !== null && p.has('subject_token'))
            throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_INVALID', 'give token= (one credential) or subject_token= (a job end), not both; nothing was revoked');
        if (token) {
            const r = await this.deps.store.byTokenHash(service_sha256(token));
            // RFC 7009 \u00a72.2: an unknown or already revoked token is not an error. Whoever holds the
            // credential can send it (the step, a relying party, a thief): the audit says what the broker
            // knows, its holder's act, never the step's (REVOKED_BY_STEP, written by older brokers).
            const revoked = r
                ? (await this.revoker.revoke(r, { type: 'credential.revoked', reason: 'REVOKED_BY_HOLDER' })).count
                : 0;
            if (r)
                await this.revocationReplicated(`the credential is revoked`, 'send the same request again');
            return { revoked, ...(r ? await this.pendingOf([r.grantId]) : {}) };
        }
        const subject = p.get('subject_token');
        if (!subject)
            throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_MISSING', 'give token= or subject_token=');
        // A job id or nothing, checked before the token is read (as the exchange's).
        const job = (0,broker_request/* jobOf */.Zw)(p, false) || undefined;
        const claims = await this.verify(subject, job ? { job } : {});
        // A refusal after the token is verified is written here, attributed to the token's workload (the
        // HTTP edge would write an anonymous line).
        const refusedAtJobEnd = (err) => {
            if (err instanceof errors/* BrokerRefusal */.El) {
                this.deps.audit.write({
                    type: 'credential.refused',
                    outcome: 'denied',
                    reason: err.code,
                    detail: `job-end revocation: ${err.description}`,
                    ...(0,audit_log/* contextOf */.Vm)(claims, job ? { job } : {}),
                });
                err.audited = true;
            }
            throw err;
        };
        // Before its jti is marked and its job-end mark written: another owner's job is none of the broker's.
        try {
            this.assertOwnerServed(claims);
        }
        catch (err) {
            refusedAtJobEnd(err);
        }
        // The token's check run names the job (the matrix leg) GitHub signed for: its credentials are this
        // job's whatever `job=` the caller sends, and a sibling leg's are not. `job=` is the caller's word
        // (a step can rewrite GITHUB_JOB), so it only reaches records that carry no check run.
        const leg = typeof claims.check_run_id === 'string' && claims.check_run_id ? claims.check_run_id : '';
        // A credential with a check run is only that check run's; one without (an asserted job) only the
        // `job=` named. Neither: nothing is this token's, and "every job of the run" would let any job
        // (the first to end, or one compromised step) cut its siblings' credentials mid-use.
        if (!leg && !job) {
            this.deps.audit.write({
                type: 'credential.refused',
                outcome: 'denied',
                reason: 'ERR_PARAM_MISSING',
                detail: 'job-end revocation without job= by a token without check_run_id',
                ...(0,audit_log/* contextOf */.Vm)(claims, {}),
            });
            const refusal = new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_MISSING', `give job= (the ending job's id): the token has no check_run_id, and a job end revokes only its own job's credentials, never the whole run's (an incident responder uses /admin/revoke run_id=)`);
            refusal.audited = true;
            throw refusal;
        }
        // The same key as the exchange's admit(): a token used for an exchange cannot list, and the reverse.
        const jtiKey = `${claims.iss}:${claims.jti}`;
        // Metered as the exchange is (the other door an OIDC token opens): every fresh token marks a jti,
        // writes a mark kept a day and lists the store, and a job can ask GitHub for tokens without end.
        // A bucket of its own, so job ends and exchanges never starve each other; a replay is counted in
        // the replay bucket. Before the jti is used: a job end refused 429 is retried with the same token.
        const screened = await this.gates.screen({
            jtiKey,
            rateKey: `jobend:${claims.iss}:${claims.repository_id}`,
            limit: this.deps.rateLimit.limit,
            windowSeconds: this.deps.rateLimit.windowSeconds,
            now: this.now(),
        });
        if (!screened.seen && !screened.allowed) {
            const { limit, windowSeconds } = this.deps.rateLimit;
            this.deps.audit.write({
                type: 'credential.rate_limited',
                outcome: 'denied',
                reason: 'ERR_RATE_LIMITED',
                detail: `more than ${limit} job ends per ${windowSeconds}s for this repository`,
                ...(0,audit_log/* contextOf */.Vm)(claims, job ? { job } : {}),
            });
            const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_RATE_LIMITED', `rate limit of ${limit} per ${windowSeconds}s reached for job ends of ${(0,verdict/* shown */.SP)(claims.repository)}; retry after ${screened.retryAfter}s`, 429, screened.retryAfter);
            refusal.audited = true;
            throw refusal;
        }
        // The listing answers with what the broker holds for a job: a replayed token must not read it again.
        if (screened.seen ||
            !(await this.deps.store.useOnce(jtiKey, 
            // Kept until exp plus the verifier's tolerance (the token verifies that long), like admit's.
            Math.max(60, claims.exp -
                this.now() +
                (this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60) +
                60)))) {
            try {
                await this.chargeReplay(claims);
            }
            catch (err) {
                refusedAtJobEnd(err);
            }
            this.deps.audit.write({
                type: 'credential.refused',
                outcome: 'denied',
                reason: 'ERR_OIDC_REPLAYED',
                detail: `job-end revocation with an OIDC token (jti ${(0,verdict/* shown */.SP)(claims.jti)}) that was already used`,
                ...(0,audit_log/* contextOf */.Vm)(claims, job ? { job } : {}),
            });
            const refusal = new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_OIDC_REPLAYED', `OIDC token jti ${(0,verdict/* shown */.SP)(claims.jti)} was already used (replay); request a fresh token`);
            // One line (the one above, attributed): the HTTP edge writes none of its own.
            refusal.audited = true;
            throw refusal;
        }
        // The job-end mark first, then the listing (as the kill switch writes its block, then revokes):
        // an exchange of this job that delivers after the mark sees it and is revoked, and one that
        // delivered before it is in the listing below. Only a check run names the job precisely.
        const ended = jobEndKeyOf(claims);
        if (ended !== undefined) {
            await this.deps.store.endJob(ended, 
            // As long as any grant of the job can be claimed (its claim's lifetime), and at least as long
            // as the job's OIDC tokens verify.
            Math.max(CLAIM_TTL_SECONDS, claims.exp -
                this.now() +
                (this.deps.verifier.clockToleranceSeconds ?? this.deps.clockToleranceSeconds ?? 60) +
                60));
        }
        const filter = {
            repositoryId: claims.repository_id,
            runId: claims.run_id,
            runAttempt: claims.run_attempt,
            workflow: (0,decide/* workflowOf */.B4)(claims).file,
        };
        // Repository and run ids are per GitHub (github.com, a GHES server): the issuer must match too.
        const ours = (r) => (r.issuer === undefined || r.issuer === claims.iss) &&
            (r.checkRunId !== undefined ? r.checkRunId === leg : job !== undefined && r.job === job);
        const now = this.now();
        const revokedNow = new Map();
        const liveNow = await this.deps.store.live(filter, now);
        // Sealed under a key this instance lacks (another instance's), or written in a newer store format:
        // not revoked here, and said so.
        const unopened = (liveNow.unopened ?? []).filter(ours);
        for (const r of liveNow.filter(ours)) {
            const outcome = await this.revokeRecord(r, {
                type: 'credential.revoked',
                reason: 'REVOKED_AT_JOB_END',
            });
            if (outcome)
                revokedNow.set(r.grantId, outcome);
        }
        const listed = this.deps.store.list
            ? await this.deps.store.list(filter)
            : undefined;
        // A listing that went around a damaged index (through the revocation queue) holds what is still
        // queued, not what this job revoked or what ended: those are added, and it says it is partial.
        const complete = listed !== undefined && !listed.damagedIndexes && unopened.length === 0;
        const unopenedIds = new Set(unopened.map((r) => r.grantId));
        const found = complete
            ? listed
            : await Promise.all([...revokedNow.keys()].map(async (id) => this.deps.store.get(id))).then((rs) => [
                ...(listed ?? []).filter((l) => !revokedNow.has(l.grantId)),
                ...rs.filter((r) => !!r),
            ]);
        const records = [...found.filter((r) => !unopenedIds.has(r.grantId)), ...unopened];
        const revoked = [...revokedNow.values()].filter((o) => o === 'success').length;
        // A line of its own for "this job is closed": the revocations say what was live (often nothing)
        // and the refusals only come later, if at all; on call, a closed job must be read, not inferred.
        this.deps.audit.write({
            type: 'job.ended',
            outcome: 'success',
            reason: ended !== undefined ? 'JOB_CLOSED' : 'JOB_LISTED',
            detail: ended !== undefined
                ? `job-end listing: check run ${(0,verdict/* shown */.SP)(leg)} of run ${(0,verdict/* shown */.SP)(claims.run_id)} attempt ${(0,verdict/* shown */.SP)(claims.run_attempt)} closed; later exchanges of this job are refused (ERR_JOB_ENDED)`
                : `job-end listing by a token with no check_run_id: the job's credentials were listed and revoked, the job was not closed (a later exchange of it is not refused)`,
            ...(0,audit_log/* contextOf */.Vm)(claims, job ? { job } : {}),
            details: {
                ...(leg ? { check_run_id: leg } : {}),
                closed: ended !== undefined,
                revoked,
                ...(unopened.length
                    ? {
                        unopened: unopened.length,
                        // A key this instance lacks, or a record of a newer store format (session 23): each named.
                        unopened_code: unopenedCodeOf(liveNow, unopened),
                    }
                    : {}),
            },
        });
        await this.revocationReplicated(`the job end (${revoked} credential(s) revoked${ended !== undefined ? ', the job closed' : ''}) is written`, 'send the job end again with a fresh OIDC token');
        const iso = (t) => (t === undefined ? undefined : new Date(t * 1000).toISOString());
        const credentials = records
            .filter(ours)
            .sort((a, b) => a.issuedAt - b.issuedAt || (a.grantId < b.grantId ? -1 : 1))
            .map((r) => {
            const mine = unopenedIds.has(r.grantId) ? 'error' : revokedNow.get(r.grantId);
            const state = mine === 'error'
                ? 'revocation-failed'
                : mine === 'success'
                    ? 'revoked-now'
                    : r.revokedAt !== undefined
                        ? 'revoked-earlier'
                        : r.expiresAt <= now
                            ? 'expired'
                            : 'live';
            return {
                grant_id: r.grantId,
                job: r.job,
                step: r.step,
                audience: r.audience,
                scope: r.scope,
                kind: r.kind,
                ...(r.checkRunId ? { check_run_id: r.checkRunId } : {}),
                issued_at: iso(r.issuedAt),
                expires_at: iso(r.expiresAt),
                ...(r.revokedAt !== undefined ? { revoked_at: iso(r.revokedAt) } : {}),
                ...(r.revokedAt !== undefined && r.revokedReason && audit_event/* REASON_CODE */.xj.test(r.revokedReason)
                    ? { revoked_reason: r.revokedReason }
                    : {}),
                state,
            };
        });
        return {
            revoked,
            // Revoked earlier but not confirmed by GitHub (its revoking instance stopped mid-call, or its
            // retries are queued): pending, not done.
            ...(await this.pendingOf([...revokedNow.keys()], records.filter((r) => ours(r) && !revokedNow.has(r.grantId) && unconfirmed(r)).length)),
            credentials,
            complete,
            subject: {
                repository: claims.repository,
                repository_id: claims.repository_id,
                workflow: (0,decide/* workflowOf */.B4)(claims).file,
                ...(job ? { job } : {}),
                run_id: claims.run_id,
                run_attempt: claims.run_attempt,
                ...(leg ? { check_run_id: leg } : {}),
                ...pickClaims(claims, SUBJECT_CLAIMS),
            },
        };
    }
    /**
     * Who is introspecting (RFC 7662 \u00a72.1): an admin token (any credential), or a live broker JWT of a
     * service audience (only credentials of that audience). Undefined: not authenticated.
     */
    async introspectionClient(authorization) {
        const admin = this.adminNameOf(authorization);
        if (admin)
            return { admin };
        const bearer = (0,client_auth/* bearerOf */.DH)(authorization);
        if (!bearer)
            return undefined;
        const now = this.now();
        const keys = [
            ...this.deps.key.published(now),
            ...(this.deps.jwt?.svidKeys?.published(now).map((k) => ({ ...k, use: 'sig' })) ?? []),
        ];
        const audience = await (0,client_auth/* serviceAudienceOf */.xx)(bearer, keys, this.deps.url, now);
        if (!audience)
            return undefined;
        const r = await this.deps.store.byTokenHash(service_sha256(bearer));
        // A chained client dies with its ancestors, as its own introspection says (an instance may have
        // revoked the parent and stopped before reaching the descendants).
        if (!r)
            return undefined;
        // A credential this broker issued, dead: whose it is goes in the refusal's line.
        if (r.revokedAt !== undefined || r.expiresAt <= this.now() || (await ancestorRevoked(this.deps.store, r)))
            return { dead: r };
        return { audience };
    }
    /** RFC 7662 introspection of a credential this broker issued; the caller must authenticate. */
    async introspect(p, authorization) {
        const found = await this.introspectionClient(authorization);
        const client = found && !('dead' in found) ? found : undefined;
        if (!client) {
            const dead = found && 'dead' in found ? found.dead : undefined;
            const refusal = new errors/* BrokerRefusal */.El('invalid_client', 'ERR_INTROSPECT_UNAUTHORIZED', 'introspection needs Authorization: Bearer with an admin token or a live broker JWT of the audience that owns the credential (RFC 7662 \u00a72.1)', 401);
            this.deps.audit.write({
                type: 'credential.refused',
                outcome: 'denied',
                reason: refusal.code,
                detail: dead
                    ? 'introspection by a broker credential that is revoked or expired'
                    : 'introspection without client authentication',
                // A stolen credential presented after its revocation is attributed (and so never budgeted away).
                ...(dead ? (0,state_store/* placeFields */.F6)(dead) : {}),
                details: { endpoint: '/introspect', ...(dead ? { client_grant_id: dead.grantId } : {}) },
            });
            refusal.audited = true;
            throw refusal;
        }
        const token = param(p, 'token');
        // Judged on the store's clock, the one the sweep revokes by: every instance gives the same answer
        // at the same moment, and none says active what the sweep has already ended (an instance up to
        // the 30 s the gate admits ahead or behind disagreed for that long around each expiry, session 42).
        const [r, storeNow] = await Promise.all([
            this.deps.store.byTokenHash(service_sha256(token)),
            this.deps.store.serverNow?.(),
        ]);
        const now = storeNow ?? this.now();
        // Another audience's credential: not this client's to know about (RFC 7662 \u00a74), not even that it
        // exists or waits for its upstream revocation.
        if (r && 'audience' in client && r.audience !== client.audience)
            return { active: false };
        // RFC 7662 allows extra members: say when the broker revoked it but GitHub has not confirmed yet.
        if (unconfirmed(r))
            return { active: false, revocation_pending: true };
        if (!r || r.revokedAt !== undefined || r.expiresAt <= now || (await ancestorRevoked(this.deps.store, r)))
            return { active: false };
        if (r.kind === 'jwt') {
            // The shape of GitHub's tokens first (compact.ts): jose alone reads a space or a BOM past.
            if ((0,compact/* compactJws */.W)(token).problem !== undefined)
                return { active: false };
            try {
                await (0,jwt_verify/* jwtVerify */.V)(token, (0,local/* createLocalJWKSet */.w)({
                    // JWT-SVID keys are published with use jwt-svid, which jose's key selection skips: verify as sig here.
                    keys: [
                        ...this.deps.key.published(now),
                        ...(this.deps.jwt?.svidKeys?.published(now).map((k) => ({ ...k, use: 'sig' })) ?? []),
                    ],
                }), {
                    issuer: this.deps.url,
                    currentDate: new Date(now * 1000),
                });
            }
            catch {
                return { active: false };
            }
        }
        return {
            active: true,
            scope: r.scope,
            aud: r.audience,
            exp: r.expiresAt,
            iat: r.issuedAt,
            sub: r.sub,
            grant_id: r.grantId,
            token_type: 'Bearer',
        };
    }
    /** The name of the admin token presented (constant-time comparison), or undefined. */
    adminNameOf(authorization) {
        return (0,client_auth/* adminName */.vu)(authorization, this.admins);
    }
    isAdmin(authorization) {
        return this.adminNameOf(authorization) !== undefined;
    }
    /**
     * The kill switch's two doors (block and lift) share their preamble: the actor is the name of the
     * admin token, never something the request says about itself, and a selector must name something.
     */
    killSwitchAdmin(authorization, type, target) {
        const actor = this.adminNameOf(authorization);
        if (!actor) {
            this.deps.audit.write({
                type,
                outcome: 'denied',
                reason: 'ERR_ADMIN_UNAUTHORIZED',
                detail: 'missing or unknown admin token',
                details: { target },
            });
            const refusal = new errors/* BrokerRefusal */.El('invalid_client', 'ERR_ADMIN_UNAUTHORIZED', 'a valid admin bearer token is required', 401);
            // One line: the HTTP edge would write a second one, as a credential refusal.
            refusal.audited = true;
            throw refusal;
        }
        if (!target.repository && !target.repository_id && !target.workflow && !target.run_id)
            throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_MISSING', 'give repository, repository_id, workflow or run_id');
        return actor;
    }
    /**
     * `state-strict`: a revocation (or block) is answered done only once a replica has it (session 37).
     * Before, strict mode waited on the exchange's gate only, and a failover's lost second could bring
     * a revoked broker JWT back (docs/deploy.md, "What a failover can lose"). Nothing is undone when no
     * replica acknowledges: the write stands at the primary, the answer says it may not survive a
     * failover, and the request is idempotent, so its retry asks the replicas again.
     */
    async revocationReplicated(done, retry, undone = 'a revoked broker JWT active again, a block gone') {
        if (!this.deps.store.replicatedNow)
            return;
        try {
            await this.deps.store.replicatedNow();
        }
        catch {
            throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_NOT_REPLICATED', `${done} at the state store's primary, but no replica acknowledged it within state-strict-timeout-ms: a failover now could undo it (${undone}); ${retry} until it answers 200`, 503);
        }
    }
    /**
     * `state-strict`: a credential leaves only once a replica has its record (session 39). The gate's
     * wait covers the jti, the claim and the intent, not the record written after the mint, which holds
     * the sealed GitHub token, the one thing that revokes it early: a failover between the two left a
     * delivered token the new primary knew nothing of (the kill switch revoked 0 of it, the sweep took
     * its intent as abandoned), live its hour at GitHub. None acknowledged: revoked here (at GitHub, and
     * at the primary) and refused, so nothing was granted. A chained exchange ends here too (session
     * 40): a lost child's record left a JWT its parent's revocation cannot reach.
     */
    async recordReplicatedOrRevoked(record) {
        if (!this.deps.store.replicatedNow)
            return;
        try {
            await this.deps.store.replicatedNow();
        }
        catch {
            await this.revokeRecord(record, {
                type: 'credential.revoked',
                reason: 'ERR_STATE_NOT_REPLICATED',
            }).catch(() => undefined);
            throw new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_NOT_REPLICATED', "the credential's record is at the state store's primary, but no replica acknowledged it within state-strict-timeout-ms: a failover now would lose what revokes it, so it was revoked and nothing was granted; retry with a fresh OIDC token", 503, 1);
        }
    }
    /**
     * An admin act's line on disk before its answer says it is done (session 42): a sink that cannot
     * write it raises its own ALARM, and the act is answered 503 ERR_AUDIT_UNAVAILABLE naming what was
     * done, never a 200 that reads as audited.
     */
    async auditedAdminAct(retry, act) {
        try {
            await this.deps.audit.flush();
        }
        catch (err) {
            const done = 'undo' in act ? await act.undo() : act.done;
            const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_AUDIT_UNAVAILABLE', `${done}; the audit log cannot be written (${err.message}), so this act's line is not on disk; fix the log (its ALARM on stderr), then ${retry}`, 503, 5);
            // A kept act's line is queued (the sink writes it when it can): a second one would say the same.
            if ('undo' in act)
                this.deps.audit.write({
                    ...act.line,
                    outcome: 'error',
                    reason: refusal.code,
                    detail: refusal.description,
                });
            refusal.audited = true;
            throw refusal;
        }
    }
    /** The incident kill switch: every live credential of a repository, workflow or run. */
    async adminRevoke(authorization, target) {
        const actor = this.killSwitchAdmin(authorization, 'admin.revoke', target);
        // Read as the kill switch matches (a selector that matches nothing would still say blocked: true).
        const byId = target.repository_id;
        target = killSwitchTarget(target);
        const filter = {
            // The block's spelling (blockFold), so live credentials are found by the name the block matches.
            ...(byId !== undefined
                ? { repositoryId: byId }
                : target.repository
                    ? { repository: (0,state_store/* blockFold */.$D)(target.repository) }
                    : {}),
            ...(target.workflow ? { workflow: target.workflow } : {}),
            ...(target.run_id ? { runId: target.run_id } : {}),
        };
        // Block first, then revoke: an exchange that lists after this sees the block; one that was
        // minting finds it on completion (auditedOrRevoked) and revokes its own credential.
        // The blocks hash of the wrong type (a stray write) cannot take the block; every exchange fails
        // closed meanwhile (the gate cannot read it), so the live credentials are still revoked and the
        // answer says the block is missing, instead of failing before revoking anything.
        let unblocked;
        try {
            await this.deps.store.block({
                ...(target.repository ? { repository: target.repository } : {}),
                ...(target.workflow ? { workflow: target.workflow } : {}),
                ...(target.run_id ? { runId: target.run_id } : {}),
                actor,
                at: this.now(),
            });
        }
        catch (err) {
            if (!(err instanceof errors/* BrokerRefusal */.El && /\bWRONGTYPE\b/.test(err.description)))
                throw err;
            unblocked = err;
        }
        if (!unblocked)
            await this.invalidate({
                why: 'block',
                ...(target.repository ? { repository: target.repository } : {}),
            });
        // A name block is evaded by a rename (grants follow the repository id): the id is looked up at
        // GitHub (by the name as the block spells it: GitHub's names are ASCII, case-insensitive) while
        // the live credentials are revoked, and blocked beside the name.
        const byName = byId === undefined && !unblocked ? target.repository : undefined;
        const asked = byName ? this.repositoryIdsAtGithub((0,state_store/* blockFold */.$D)(byName)) : Promise.resolve([]);
        const live = await this.deps.store.live(filter, this.now());
        // A run's kill switch reaches the runs its broker-issued tokens dispatched (chain.ts).
        if (target.run_id) {
            const children = await this.deps.store.live({ parentRun: target.run_id }, this.now());
            // And the App-started runs its block refuses from now on, whose credentials do not name it (a
            // first exchange after its records had gone; chain.ts lateDescendants).
            children.push(...(await lateDescendants(this.deps.store, target.run_id, this.now())));
            for (const r of children)
                if (!live.some((l) => l.grantId === r.grantId))
                    live.push(r);
            if (children.damagedIndexes)
                live.damagedIndexes = [...(live.damagedIndexes ?? []), ...children.damagedIndexes];
            for (const r of children.unopened ?? [])
                if (!live.unopened?.some((u) => u.grantId === r.grantId))
                    (live.unopened ??= []).push(r);
            Object.assign((live.unopenedCodes ??= {}), children.unopenedCodes);
        }
        let n = 0; // including chained descendants revoked with their parent
        const revoke = async (rs) => {
            for (const r of rs)
                n += (await this.revoker.revoke(r, {
                    type: 'credential.revoked',
                    reason: 'REVOKED_BY_ADMIN',
                    admin: { target, actor },
                })).count;
        };
        await revoke(live);
        let ids = [];
        let warning;
        /** The name block lifted (/admin/unblock elsewhere) while the id was looked up: no id block then. */
        let liftedMeanwhile = false;
        // An index of the wrong type was gone around (complete, through the revocation queue): the
        // on-call hears which key and the fix in the answer and the audit, not only on stderr.
        const damaged = [...new Set(live.damagedIndexes ?? [])];
        if (byName) {
            // Ids the broker has seen in verified tokens of this name (its live credentials), and GitHub's.
            ids = [...new Set([...live.map((r) => r.repositoryId), ...(await asked)])].filter((id) => oidc_claims/* NUMERIC_ID */.aq.test(id));
            // An id block an admin set with the same selector stays theirs (unblocking the name keeps it).
            const held = new Set((await this.deps.store.blocks()).map((b) => (0,state_store/* blockKey */.Ju)(b)));
            const nameBlock = { repository: byName, workflow: target.workflow, runId: target.run_id };
            for (const id of ids) {
                const learned = (0,state_store/* idBlockBeside */.ve)(id, { workflow: target.workflow, runId: target.run_id });
                // Only while the name block is held, in one store step: an /admin/unblock of the name that
                // landed while GitHub was asked (another instance) is the later act and stays done; written
                // after it, the id block kept the repository refused after the on-call was told "unblocked".
                if (!held.has((0,state_store/* blockKey */.Ju)(learned)) &&
                    !(await this.deps.store.block({ ...learned, actor, at: this.now(), learnedFrom: (0,state_store/* blockFold */.$D)(byName) }, nameBlock)))
                    liftedMeanwhile = true;
                // Credentials minted under another name of the same repository (renamed before the block).
                const more = await this.deps.store.live({
                    repositoryId: id,
                    ...(target.workflow ? { workflow: target.workflow } : {}),
                    ...(target.run_id ? { runId: target.run_id } : {}),
                }, this.now());
                await revoke(more.filter((m) => !live.some((l) => l.grantId === m.grantId)));
            }
            if (liftedMeanwhile)
                warning = `the block of ${byName} was lifted (/admin/unblock) while this kill switch looked its id up at GitHub: neither the name nor the id is blocked now; the ${n} revocation(s) stand. Send /admin/revoke again if the block is still wanted`;
            else if (ids.length === 0)
                warning = `the id of ${byName} is not known (GitHub did not answer and no live credential names it): a rename of the repository evades this block; block by repository_id (GITHUB_REPOSITORY_ID) as well`;
        }
        if (damaged.length > 0)
            warning = [...damaged.map(state_store/* damagedIndexText */.z_), ...(warning ? [warning] : [])].join('; ');
        // Matching records this instance cannot read (a key it lacks, a newer store format): not revoked
        // here. Said in the answer and the audit line, never folded into "revoked: N" (session 23).
        const unopened = live.unopened ?? [];
        if (unopened.length > 0)
            warning = [
                `${unopened.length} matching live credential(s) were NOT revoked: this instance cannot read them (${unopenedCodeOf(live, unopened)}); the block stands, so they get no successor. Fire the same /admin/revoke at an instance that can (one with the state key they were sealed under, or of the newer version), or they live until their deadline`,
                ...(warning ? [warning] : []),
            ].join('; ');
        if (unblocked) {
            const refusal = new errors/* BrokerRefusal */.El('temporarily_unavailable', 'ERR_STATE_WRONGTYPE', `the kill-switch block for ${JSON.stringify(target)} was NOT written: the state store's stepwarden:blocks holds another type than a hash (a stray write under stepwarden: replaced it, and every block it held with it); ${n} live credential(s) matching it were revoked, and every exchange is refused (503) until it is fixed. Fix: stop what writes under stepwarden:, run redis-cli DEL stepwarden:blocks, then fire /admin/revoke again for this and every block still wanted (the audit log's admin.revoke lines)`, 503);
            this.deps.audit.write({
                type: 'admin.revoke',
                outcome: 'error',
                reason: refusal.code,
                detail: refusal.description,
                actor: { login: actor, type: 'User' },
                ...auditRepositoryOf(target.repository),
                details: { target, revoked: n, actor, blocked: false },
            });
            refusal.audited = true;
            throw refusal;
        }
        this.deps.audit.write({
            type: 'admin.revoke',
            outcome: 'success',
            actor: { login: actor, type: 'User' },
            ...auditRepositoryOf(target.repository),
            ...(warning ? { detail: warning } : {}),
            details: {
                target,
                revoked: n,
                actor,
                blocked: !liftedMeanwhile,
                ...(byName ? { repository_ids: ids } : {}),
                ...(unopened.length
                    ? { unopened: unopened.length, unopened_code: unopenedCodeOf(live, unopened) }
                    : {}),
            },
        });
        // The administrator's line is on disk before the answer says it is done. A kill switch narrows
        // access, so what it did stands when the line cannot be written (a full audit disk must not keep a
        // compromised repository's credentials live); the answer says so instead of a 200 that reads as
        // audited (session 42). The line stays queued: the sink writes it once the log is writable.
        await this.auditedAdminAct('send the same /admin/revoke again, so that its line is on disk', {
            done: `the block is written and ${n} credential(s) revoked (they stand: a kill switch is never undone for want of its line)`,
        });
        await this.revocationReplicated(`the block is written and ${n} credential(s) revoked`, 'send the same /admin/revoke again');
        return {
            revoked: n,
            blocked: !liftedMeanwhile,
            ...(unopened.length ? { unopened: unopened.length } : {}),
            ...(await this.pendingOf(live.map((r) => r.grantId))),
            ...(byName ? { repository_ids: ids } : {}),
            ...(warning ? { warning } : {}),
        };
    }
    /**
     * The ids GitHub gives `owner/name` through each configured App (github.com, GHES tenants), within
     * the upstream deadline; an App that cannot answer (not installed, GitHub down) adds nothing.
     */
    async repositoryIdsAtGithub(repository) {
        const [owner, name] = repository.split('/');
        const apps = new Set();
        if (this.deps.github)
            apps.add(this.deps.github);
        for (const t of this.deps.tenants?.values() ?? [])
            if (t.github)
                apps.add(t.github);
        const got = await Promise.allSettled([...apps].map((a) => a.repositoryId(owner, name)));
        return got.flatMap((g) => (g.status === 'fulfilled' ? [g.value] : []));
    }
    /** Lifts a kill-switch block (the exact selector it was set with); audited as administrator activity. */
    async adminUnblock(authorization, target) {
        const actor = this.killSwitchAdmin(authorization, 'admin.unblock', target);
        const byId = target.repository_id;
        target = killSwitchTarget(target);
        const selector = {
            ...(target.repository ? { repository: target.repository } : {}),
            ...(target.workflow ? { workflow: target.workflow } : {}),
            ...(target.run_id ? { runId: target.run_id } : {}),
        };
        const audited = {
            type: 'admin.unblock',
            ...auditRepositoryOf(target.repository),
            details: { target, actor },
        };
        // Write-ahead (session 43): the request's own line on disk before anything is lifted. A log that
        // cannot take it (failing, full, hung) refuses the unblock with every block untouched; before, the
        // block was lifted first and put back when its line failed, and another instance whose log works
        // could grant to the repository in between. A flush with nothing queued says nothing of the disk:
        // this line is the probe. The result line (admin.unblock) follows the lift, as before.
        this.deps.audit.write({ ...audited, type: 'admin.unblock_requested', outcome: 'success' });
        await this.auditedAdminAct('send the same /admin/unblock again', {
            line: audited,
            undo: () => Promise.resolve('the block was NOT lifted: an unblock is lifted only once its request is on disk (nothing was touched)'),
        });
        // The blocks as they were, for an undo when this lift cannot be audited (below).
        const before = await this.deps.store.blocks();
        /** What this request lifted, each as its record was (actor, time, learnedFrom). */
        const lifted = [];
        if (await this.deps.store.unblock(selector))
            lifted.push(before.find((b) => (0,state_store/* blockKey */.Ju)(b) === (0,state_store/* blockKey */.Ju)(selector)) ?? { ...selector, actor, at: this.now() });
        // Lifting a name block lifts the id blocks the kill switch learned for it (same workflow and run),
        // also when the name block is gone already: an unblock cut between the two steps (the name lifted,
        // the store lost before these) is finished by its retry, which used to say "not blocked" and leave
        // the repository blocked by id (session 36).
        if (target.repository && byId === undefined) {
            const from = (0,state_store/* blockFold */.$D)(target.repository);
            for (const b of await this.deps.store.blocks())
                if (b.learnedFrom === from && b.workflow === target.workflow && b.runId === target.run_id)
                    if (await this.deps.store.unblock(b))
                        lifted.push(b);
        }
        const unblocked = lifted.length > 0;
        // The incident's fix is often a manifest change: no instance keeps serving a copy cached before it.
        if (unblocked)
            await this.invalidate({
                why: 'unblock',
                ...(target.repository ? { repository: target.repository } : {}),
            });
        this.deps.audit.write({
            ...audited,
            outcome: unblocked ? 'success' : 'error',
            ...(unblocked ? {} : { reason: 'ERR_NOT_BLOCKED', detail: 'no block with exactly this selector' }),
        });
        // An unblock widens access: like a grant, it stands only once its line is on disk. Not durable (the
        // log failed between the request's line and this one): the blocks it lifted are put back as they
        // were (a grant whose line fails is revoked), its undoing gets a line of its own (queued behind the
        // first), and the answer is 503 (session 42). An exchange of this instance meanwhile was refused
        // anyway (its grant line waits on the same failing log).
        await this.auditedAdminAct('send the same /admin/unblock again', {
            line: audited,
            undo: async () => {
                let putBack = 0;
                for (const b of lifted)
                    if (await this.deps.store.block(b).catch(() => false))
                        putBack++;
                if (unblocked)
                    await this.invalidate({
                        why: 'block',
                        ...(target.repository ? { repository: target.repository } : {}),
                    });
                if (!unblocked)
                    return 'nothing was lifted (no block with exactly this selector)';
                return `the block was NOT lifted: an unblock is done only with its line on disk (${putBack} of ${lifted.length} lifted block(s) put back${putBack < lifted.length ? '; the state store refused the rest: send /admin/revoke for them' : ''})`;
            },
        });
        // Strict mode answers no state change a failover could undo (session 38): a lost unblock brings the
        // block back after the incident is closed, every job of the repository refused with nobody told.
        // Its retry finds nothing to lift (`unblocked: false`) and waits again.
        await this.revocationReplicated(unblocked ? 'the block is lifted' : 'nothing to lift (no block with exactly this selector)', 'send the same /admin/unblock again (it may then say unblocked: false, lifted before)', 'the block back, its jobs refused again');
        return { unblocked };
    }
    /**
     * A config reload (ops/reload.ts): admin tokens and rate limits are replaced at once; an exchange
     * already running keeps what it read.
     */
    reconfigure(live) {
        this.admins = (0,client_auth/* adminTokensOf */.fq)(live.adminTokenHashes);
        this.deps = { ...this.deps, ...live };
    }
    /**
     * The stop, once its drain has cut every client: nothing is minted from here on (issue()). A mint
     * started later could outlive the stop's in-flight wait, which covers only mints that started before
     * it (each ends within the upstream deadline, inside the wait): its token would meet a closed store,
     * or a process gone, live at GitHub with no record (session 36).
     */
    stopMinting() {
        this.mintingStopped = true;
    }
    /** The stop: the GitHub tokens this instance alone holds get one more try within `ms` (unqueued.ts). */
    drainUnqueued(ms) {
        return this.unqueued.drain(ms);
    }
    /**
     * Drops this instance's cached manifests and organization policies for a repository (its owner's
     * policy too), an owner, or all of them. Called for every instance's messages (store pub/sub).
     */
    dropCaches(msg) {
        const owner = msg.owner ?? msg.repository?.split('/')[0];
        const sources = new Set([
            this.deps.manifests,
            ...[...(this.deps.tenants?.values() ?? [])].map((t) => t.manifests),
        ]);
        for (const s of sources)
            s.forget?.(msg.repository);
        this.orgs.forget?.(owner);
    }
    /** Here at once, and at every other instance through the store (best effort: caches only). */
    async invalidate(msg) {
        this.dropCaches(msg);
        await this.deps.store.publish?.(msg).catch(() => undefined);
    }
    /**
     * Works the store's revocation queue: deadlines passed, upstream retries due, intents of exchanges
     * an instance died in. Every instance runs it; the store leases each entry to one of them. At most
     * `limit` entries (the revoker's 100 when not given; the server's loop paces them, sweep-pace.ts).
     */
    async sweep(limit) {
        return this.revoker.sweep(limit);
    }
    /**
     * At the stop, after the audit log's last flush: the take lists whose lines are on disk, dropped, so
     * no instance adopts them past their lease and writes their lines again (session 43).
     */
    async dropWrittenTakes() {
        await this.revoker.dropWritten();
    }
    /**
     * The issuer of a workload's token (a record without one is github.com's) and, when the broker serves
     * several GitHubs, that GitHub's name: names and ids are each GitHub's own, so a broker JWT must say
     * which (service-jwt.ts `WorkloadOrigin`).
     */
    origin(issuer) {
        const iss = issuer ?? verify/* GITHUB_ISSUER */.oX;
        this.githubs ??= new Set([...(this.deps.tenants?.keys() ?? [])].map(github_site/* githubNameOf */.y)).size;
        return { oidc_issuer: iss, ...(this.githubs > 1 ? { github: (0,github_site/* githubNameOf */.y)(iss) } : {}) };
    }
    /** How many GitHubs the configured issuers belong to (github.com and its enterprise form are one). */
    githubs;
    jwtProfile(audience, now) {
        const o = (0,jwt_profiles/* optionsFor */.A5)(this.deps.jwt, audience);
        const svid = this.deps.jwt?.svidKeys;
        return {
            ...o,
            ...(this.deps.jwt?.trustDomain ? { trustDomain: this.deps.jwt.trustDomain } : {}),
            ...(o.profile === 'spiffe' && svid ? { svidKey: svid.active(now) } : {}),
        };
    }
    /** The broker's own keys (`use: sig`) and, with the SPIFFE profile, the JWT-SVID keys (`use: jwt-svid`). */
    jwks() {
        const now = this.now();
        return { keys: [...this.deps.key.published(now), ...(this.deps.jwt?.svidKeys?.published(now) ?? [])] };
    }
    /**
     * The SPIFFE bundle of this trust domain (SPIFFE Trust Domain and Bundle \u00a74): the JWT-SVID keys,
     * a sequence that changes whenever the key set does, and a refresh hint. Undefined without SPIFFE.
     */
    spiffeBundle() {
        const svid = this.deps.jwt?.svidKeys;
        if (!svid || !this.deps.jwt?.trustDomain)
            return undefined;
        const now = this.now();
        return { keys: svid.published(now), spiffe_sequence: svid.changedAt(now), spiffe_refresh_hint: 300 };
    }
}
/**
 * The audit context of a refused token's signed claims, when they have the shapes the verifier
 * requires of GitHub's (a claim of another shape is not copied into the line); else nothing.
 */
function signedContext(claims) {
    if (!claims)
        return {};
    try {
        (0,verify/* assertClaimShapes */.Dq)(claims);
    }
    catch {
        return {};
    }
    return (0,audit_log/* contextOf */.Vm)(claims);
}
/** How long a claim of a grant is counted (a run attempt's "uses"), and so its job's job-end mark is kept. */
const CLAIM_TTL_SECONDS = 24 * 3600;
/** The job-end mark of the job a token was issued to (undefined: the token names no check run). */
const jobEndKeyOf = (claims) => (0,state_store/* jobEndKey */.Q1)({
    issuer: claims.iss,
    repositoryId: claims.repository_id,
    runId: claims.run_id,
    runAttempt: claims.run_attempt,
    checkRunId: claims.check_run_id,
});
/** An exchange of a job that the job-end listing (/revoke subject_token=) closed. */
function jobEndedRefusal(job) {
    return new errors/* BrokerRefusal */.El('invalid_grant', 'ERR_JOB_ENDED', `job '${(0,verdict/* shown */.SP)(job.job)}' (check run ${(0,verdict/* shown */.SP)(String(job.checkRunId))}) of run ${(0,verdict/* shown */.SP)(job.runId)} attempt ${(0,verdict/* shown */.SP)(job.runAttempt)} was closed by its job-end listing (actions/audit's /revoke subject_token=): nothing more is issued to it, and a credential minted while it ended is revoked; a re-run attempt gets a new job`);
}
/** Where an exchange's credential belongs: its intent and its record carry the same identity. */
function placeFor(claims, request, workflow, callerWorkflow) {
    // By assignment, in the order of `{ ...(caller ? { callerWorkflow } : {}), repository, \u2026 }`: that
    // literal opened with the spread of a non-empty object for every reusable workflow (exchangeNames).
    const place = {};
    if (callerWorkflow && callerWorkflow !== workflow)
        place.callerWorkflow = callerWorkflow;
    place.repository = claims.repository;
    place.repositoryId = claims.repository_id;
    place.workflow = workflow;
    place.job = request.job;
    place.step = request.step;
    place.runId = claims.run_id;
    place.runAttempt = claims.run_attempt;
    place.audience = request.audience;
    return place;
}
/**
 * The codes of a listing's `unopened` records among `records`, distinct and sorted: a key this
 * instance lacks (ERR_STATE_KEY_UNKNOWN, the only cause before session 23) or a newer store format.
 */
function unopenedCodeOf(list, records) {
    return [...new Set(records.map((r) => list.unopenedCodes?.[r.grantId] ?? 'ERR_STATE_KEY_UNKNOWN'))]
        .sort()
        .join(', ');
}

;// CONCATENATED MODULE: ./shared/broker/form-body.ts
/**
 * An application/x-www-form-urlencoded body read into URLSearchParams, the same list of pairs
 * `new URLSearchParams(body)` gives (WHATWG URL, "application/x-www-form-urlencoded parser"), read
 * faster for the body every exchange sends: Node's parser walks the string a character at a time in
 * JavaScript (6-14 \u00b5s for a 1.7 kB body with a GitHub token, against 1.5-2 here: docs/performance.md,
 * session 30). tests/broker/s30-a-form-body.test.ts holds the two to the same pairs.
 */
/**
 * One name or value: `+` is a space, then percent-decoding and UTF-8 decoding. decodeURIComponent
 * throws (URIError) where the WHATWG parser keeps the text instead: a `%` not followed by two hex
 * digits, or bytes that are not UTF-8; the caller then hands the whole body to URLSearchParams.
 */
function decoded(s) {
    if (s.indexOf('%') === -1 && s.indexOf('+') === -1)
        return s;
    return decodeURIComponent(s.replace(/\+/g, ' '));
}
function formParams(body) {
    // Text outside escapes is kept as it is: the parser's UTF-8 round trip changes only a lone
    // surrogate (to U+FFFD), and append() does the same; an escape next to one throws (incomplete).
    const out = new URLSearchParams();
    try {
        // The next `=` at or after i, kept across pieces: searched again only once passed. Searched from
        // every piece, a body of pieces without `=` (`a&a&\u2026`, 64 kB) was read to its end once a piece:
        // 32,768 pieces \u00d7 64 kB, 100 ms of one core per request against URLSearchParams' 11 (session 31).
        let eq = -2;
        for (let i = 0, n = body.length; i <= n;) {
            let amp = body.indexOf('&', i);
            if (amp === -1)
                amp = n;
            // An empty piece (`&&`, a leading or trailing `&`) is skipped; a piece without `=` is a name
            // with an empty value; the value runs to the `&` (further `=` belong to it).
            if (amp > i) {
                if (eq !== -1 && eq < i)
                    eq = body.indexOf('=', i);
                if (eq === -1 || eq > amp)
                    out.append(decoded(body.slice(i, amp)), '');
                else
                    out.append(decoded(body.slice(i, eq)), decoded(body.slice(eq + 1, amp)));
            }
            i = amp + 1;
        }
    }
    catch {
        return new URLSearchParams(body);
    }
    return out;
}

// EXTERNAL MODULE: ./shared/oidc/keys.ts
var keys = __webpack_require__(5456);
;// CONCATENATED MODULE: ./shared/broker/ops/readiness.ts
/**
 * Readiness, separate from liveness: the broker is ready only when every part it needs to grant
 * answers (the store, the signing key, each trusted issuer's keys fetched at least once, the audit
 * sink accepting writes). Each check is a small probe with a deadline; /readyz names the failing one.
 */




/** `p`, or a rejection naming `what` once `ms` have passed (`p` goes on; its result is dropped). */
function withDeadline(p, ms, what) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    });
    return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}
async function runChecks(checks, timeoutMs = 2000) {
    const results = await Promise.all(checks.map(async (c) => {
        try {
            await withDeadline(c.probe(), timeoutMs, c.name);
            return [c.name, { ok: true }];
        }
        catch (err) {
            // Bounded, with room for a reason that names instances (ERR_STATE_KEY_UNKNOWN) and its fix.
            return [c.name, { ok: false, detail: err.message.slice(0, 500) }];
        }
    }));
    return { ready: results.every(([, r]) => r.ok), checks: Object.fromEntries(results) };
}
/**
 * A read of a key nobody writes: any answer, even "absent", proves the store serves requests; then the
 * store's own health (a shared store that would now evict state is not ready).
 */
const storeCheck = (store) => ({
    name: 'store',
    probe: async () => {
        await store.get('stepwarden-readyz-probe');
        await store.health?.();
    },
});
const signingKeyCheck = (keys, now) => ({
    name: 'signing-key',
    probe: async () => void keys.active(now()),
});
/**
 * The audit file (or, before the first line, its folder) must be writable by this process, and the
 * sink's last write must have succeeded: a full disk (ENOSPC), an I/O error or a folder where the file
 * should be pass `access(W_OK)` while every grant is refused. `flush` retries the lines a failed write
 * kept, so the check also turns ready again by itself once the disk is fixed (no exchange reaches an
 * unready instance to do it).
 */
const auditFileCheck = (path, flush, 
/** A flush on a hung disk answers only at the sink's own deadline: the probe says so sooner. */
waitMs = 2000) => ({
    name: 'audit-sink',
    probe: async () => {
        if (flush) {
            // Rejects with the sink's own reason (AuditSinkError: the file and the errno), or not durable in time.
            const pending = flush();
            pending.catch(() => undefined); // still settles after a timeout below: never unhandled
            let timer;
            try {
                await Promise.race([
                    pending,
                    new Promise((_, fail) => {
                        timer = setTimeout(() => fail(new Error(`audit log ${path} did not become durable within ${waitMs} ms`)), waitMs);
                        timer.unref?.();
                    }),
                ]);
            }
            finally {
                clearTimeout(timer);
            }
        }
        try {
            await (0,promises_.access)(path, promises_.constants.W_OK);
        }
        catch (err) {
            if (err.code !== 'ENOENT')
                throw new Error(`audit log ${path} is not writable`, { cause: err });
            await (0,promises_.access)((0,external_node_path_.dirname)(path), promises_.constants.W_OK).catch(() => {
                throw new Error(`audit log folder ${(0,external_node_path_.dirname)(path)} is not writable`);
            });
        }
    },
});
/**
 * Each trusted issuer's keys fetched once. `fetched` is filled by the metered fetch the verifier uses;
 * `warm` fetches discovery and JWKS itself when no token has come in yet, so a fresh broker turns ready.
 */
function issuerKeysCheck(issuers, fetched, fetchFn) {
    return {
        name: 'issuer-keys',
        probe: async () => {
            const missing = issuers.filter((i) => !fetched.has(i));
            await Promise.all(missing.map((i) => warmIssuer(i, fetchFn)
                .then(() => fetched.add(i))
                .catch(() => undefined)));
            const still = issuers.filter((i) => !fetched.has(i));
            if (still.length)
                throw new Error(`no keys fetched yet from ${still.join(', ')}`);
        },
    };
}
/**
 * Discovery then JWKS through `fetchFn` (the metered one, which records the success), read as the
 * verifier reads them (keys.ts `fetchIssuerJson`: byte bounds, no redirects) and the jwks_uri held to
 * the issuer URL rule: a probe must not buffer what the verifier would refuse, nor follow it elsewhere.
 */
async function warmIssuer(issuer, fetchFn) {
    const o = { signal: AbortSignal.timeout(5000), timeoutMs: 5000 };
    const doc = (await (0,keys/* fetchIssuerJson */.iX)(fetchFn, `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
        ...o,
        what: `discovery of ${issuer}`,
        maxBytes: keys/* MAX_DISCOVERY_BYTES */.Mt,
    }));
    const jwksUri = doc?.jwks_uri;
    if (typeof jwksUri !== 'string')
        throw new Error(`discovery of ${issuer} has no jwks_uri`);
    (0,verify/* assertIssuerUrl */.HB)(jwksUri);
    await (0,keys/* fetchIssuerJson */.iX)(fetchFn, jwksUri, { ...o, what: `the JWKS of ${issuer}`, maxBytes: keys/* MAX_JWKS_BYTES */.V5 });
}

;// CONCATENATED MODULE: ./shared/broker/ops/http.ts
/**
 * The operator's endpoints and the HTTP life cycle around the broker's own routes: GET /metrics
 * (Prometheus text, optionally behind a bearer token), GET /readyz (503 with the failing part), the
 * in-flight count and exchange latency, and drain: on close, stop accepting, answer /readyz 503,
 * let in-flight exchanges finish within a deadline, then cut what is left.
 */



const http_sha256 = (s) => (0,external_node_crypto_.createHash)('sha256').update(s).digest();
function bearerMatches(header, hash) {
    const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
    return !!m && (0,external_node_crypto_.timingSafeEqual)(http_sha256(m[1].trim()), Buffer.from(hash, 'hex'));
}
class OpsHttp {
    ops;
    inflight = 0;
    draining = false;
    lastArrival = 0;
    /** Per connection, the requests not yet settled (their in-flight count and exchange timing). */
    unsettled = new WeakMap();
    constructor(ops = {}) {
        this.ops = ops;
    }
    /** Answers the operator routes (true), or sets up accounting for a broker route (false). */
    async route(req, res) {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method === 'GET' && path === '/readyz') {
            if (this.draining) {
                (0,http/* sendJson */.jD)(res, 503, { ready: false, checks: { draining: { ok: false, detail: 'shutting down' } } });
                return true;
            }
            const r = await this.readiness();
            // The failing part is named to anyone (a load balancer needs no more); why it fails (file paths,
            // store and network errors) only to whoever may read /metrics.
            const full = !this.ops.metricsTokenHash || bearerMatches(req.headers.authorization, this.ops.metricsTokenHash);
            (0,http/* sendJson */.jD)(res, r.ready ? 200 : 503, full
                ? r
                : {
                    ready: r.ready,
                    checks: Object.fromEntries(Object.entries(r.checks).map(([k, c]) => [k, { ok: c.ok }])),
                });
            return true;
        }
        if (req.method === 'GET' && path === '/metrics' && this.ops.metrics) {
            if (this.ops.metricsTokenHash && !bearerMatches(req.headers.authorization, this.ops.metricsTokenHash)) {
                (0,http/* sendJson */.jD)(res, 401, {
                    error: 'invalid_client',
                    error_description: 'ERR_METRICS_UNAUTHORIZED: bearer token required',
                });
                return true;
            }
            const text = await this.ops.metrics.text();
            res.writeHead(200, {
                'content-type': this.ops.metrics.registry.contentType,
                'cache-control': 'no-store',
            });
            res.end(text);
            return true;
        }
        this.inflight++;
        this.lastArrival = Date.now();
        this.ops.metrics?.inflight.inc();
        if (this.draining)
            res.setHeader('connection', 'close');
        const started = req.method === 'POST' && path === '/token' ? performance.now() : undefined;
        // One listener per request, on the response's 'close': node emits it on every response that got
        // the socket, a tick after 'finish' when the answer was written and at once when the connection
        // went first. What each request holds until then (under a burst, across several scavenges) is
        // this closure and a number, not a timer closure and two once-wrappers (docs/performance.md,
        // "Session 21"). A pipelined response still queued behind another never gets the socket and never
        // emits 'close' when the connection goes: the socket's own 'close' settles those (one listener per
        // socket, not per request, so keep-alive connections do not pile listeners up).
        const socket = req.socket;
        let queued = this.unsettled.get(socket);
        if (!queued) {
            const set = new Set();
            queued = set;
            this.unsettled.set(socket, set);
            socket.once('close', () => {
                for (const settle of set)
                    settle();
            });
        }
        const pending = queued;
        const settle = () => {
            if (!pending.delete(settle))
                return;
            if (started !== undefined)
                this.ops.metrics?.exchangeSeconds.observe(
                // A response the broker never finished (the client went first) is not labelled 200.
                res.writableEnded ? String(res.statusCode) : 'aborted', (performance.now() - started) / 1000);
            this.inflight--;
            this.ops.metrics?.inflight.dec();
        };
        pending.add(settle);
        res.once('close', settle);
        if (socket.closed)
            queueMicrotask(settle);
        return false;
    }
    /**
     * One run of the probes at a time, its answer shared by every /readyz that arrives while it runs:
     * each run costs a store round trip and INFO, and /readyz is unauthenticated, so a flood of it must
     * not become a flood at the store. Nothing is reused after the run: a flip shows at the next call.
     */
    probing;
    readiness() {
        this.probing ??= runChecks(this.ops.readiness ?? [])
            .then((result) => {
            for (const [name, c] of Object.entries(result.checks))
                this.ops.metrics?.ready.set({ check: name }, c.ok ? 1 : 0);
            return result;
        })
            .finally(() => (this.probing = undefined));
        return this.probing;
    }
    get inFlight() {
        return this.inflight;
    }
    /**
     * Stop accepting, finish in-flight requests within the deadline, then cut the rest. Node's
     * server.close() also drops every connection without a parsed request, which under load includes
     * connections already accepted whose request is still in the socket buffer: their clients would see
     * a reset. So the listener is closed without that, accepted connections get a quiet period to
     * deliver their requests (answered with `Connection: close`), and only then is the rest cut.
     */
    async drain(server, quietMs = 200) {
        this.draining = true;
        if (this.ops.drainDelayMs)
            await new Promise((r) => setTimeout(r, this.ops.drainDelayMs));
        // Closing the listener resets every connection still queued on it (clients that sent their request
        // before SIGTERM would see ECONNRESET). A poll phase, which accepts them, runs between two check
        // phases: turn the loop until a poll brings no new connection, then close.
        let accepted = 0;
        const count = () => void accepted++;
        server.on('connection', count);
        const turn = () => new Promise((r) => setImmediate(r));
        for (let i = 0; i < 100; i++) {
            const before = accepted;
            await turn();
            await turn();
            if (accepted === before)
                break;
        }
        server.off('connection', count);
        const closeIdle = server.closeIdleConnections;
        server.closeIdleConnections = () => undefined;
        const closed = new Promise((resolve) => server.close(() => resolve()));
        server.closeIdleConnections = closeIdle;
        const until = Date.now() + (this.ops.drainTimeoutMs ?? 10_000);
        while (Date.now() < until && (this.inflight > 0 || Date.now() - this.lastArrival < quietMs))
            await new Promise((r) => setTimeout(r, 20));
        const cut = this.inflight;
        server.closeAllConnections();
        await closed;
        return { cut };
    }
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./shared/broker/ops/cloudevents-sink.ts
/**
 * An optional second audit sink: every audit event POSTed to a webhook as a CloudEvent (1.0, JSON
 * batch mode, `type: dev.stepwarden.credential.granted` ...), for a SIEM or event bus. Best effort
 * beside the audit file, which stays the record the broker waits for: retries with backoff, a bounded
 * spool whose overflow drops the oldest events and counts them, never blocking an exchange.
 */


const CLOUDEVENT_TYPE_PREFIX = 'dev.stepwarden.';
function toCloudEvent(event, source) {
    const repo = typeof event.repository === 'string' ? event.repository : undefined;
    return {
        specversion: '1.0',
        id: (0,external_node_crypto_.randomUUID)(),
        source,
        type: `${CLOUDEVENT_TYPE_PREFIX}${String(event.type)}`,
        time: typeof event.time === 'string' ? event.time : new Date().toISOString(),
        datacontenttype: 'application/json',
        ...(repo ? { subject: repo } : {}),
        data: event,
    };
}
/**
 * A FIFO whose front is dropped and taken in O(1) (amortized). An array's splice(0, n) moves every
 * element behind: with the spool full (up to 1,000,000 events while the webhook is down) each audit
 * event cost milliseconds of event loop, stalling every exchange.
 */
class Spool {
    items = [];
    head = 0;
    get length() {
        return this.items.length - this.head;
    }
    push(x) {
        this.items.push(x);
    }
    /** The `n` oldest, removed. */
    take(n) {
        const out = this.items.slice(this.head, this.head + n);
        this.head += out.length;
        this.compact();
        return out;
    }
    /** Drops the `n` oldest; returns how many were dropped. */
    drop(n) {
        const k = Math.min(n, this.length);
        // Released at once, not at the next compaction: a full spool must not hold twice its events.
        this.items.fill(undefined, this.head, this.head + k);
        this.head += k;
        this.compact();
        return k;
    }
    compact() {
        if (this.head === this.items.length) {
            this.items = [];
            this.head = 0;
        }
        else if (this.head > 4096 && this.head * 2 > this.items.length) {
            this.items = this.items.slice(this.head);
            this.head = 0;
        }
    }
}
function cloudEventsSink(o) {
    const max = o.spool ?? 10_000;
    const batchSize = o.batch ?? 100;
    const attempts = o.attempts ?? 6;
    const doFetch = o.fetch ?? globalThis.fetch;
    const queue = new Spool();
    let running;
    // Shutdown: once the spool had its flush deadline, the request in flight and any backoff wait are
    // cut, and what is left is counted as dropped. Without this a webhook that hangs or answers 500 kept
    // the process alive after "broker stopped" for every remaining batch's retries (minutes to hours).
    const stop = new AbortController();
    async function post(batch) {
        for (let attempt = 0; attempt < attempts; attempt++) {
            if (stop.signal.aborted)
                return false;
            if (attempt > 0) {
                const wait = Math.min(30_000, (o.backoffMs ?? 500) * 2 ** (attempt - 1));
                await (0,external_node_timers_promises_.setTimeout)(wait, undefined, { signal: stop.signal }).catch(() => undefined);
                if (stop.signal.aborted)
                    return false;
            }
            try {
                const res = await doFetch(o.url, {
                    method: 'POST',
                    headers: {
                        'content-type': 'application/cloudevents-batch+json',
                        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
                    },
                    body: JSON.stringify(batch),
                    // A redirect is not followed: a 307/308 would replay the audit events (and, to the same
                    // origin, the bearer token) at whatever the Location names. The 3xx is a failed delivery.
                    redirect: 'manual',
                    signal: AbortSignal.any([stop.signal, AbortSignal.timeout(o.timeoutMs ?? 5000)]),
                });
                await res.arrayBuffer().catch(() => undefined);
                if (res.ok)
                    return true;
                // A 4xx other than 408/429 will not get better by retrying the same batch.
                if (res.status < 500 && res.status !== 408 && res.status !== 429)
                    return false;
            }
            catch {
                /* network error or timeout: retry */
            }
        }
        return false;
    }
    async function deliver() {
        while (queue.length && !stop.signal.aborted) {
            const batch = queue.take(batchSize);
            const ok = await post(batch);
            o.count?.(ok ? 'delivered' : 'failed', batch.length);
        }
    }
    const kick = () => {
        if (stop.signal.aborted)
            return;
        running ??= deliver().finally(() => {
            running = undefined;
            if (queue.length)
                kick();
        });
    };
    /** Waits for the spool to empty, at most `flushTimeoutMs` (default 5 s). */
    async function flush() {
        const until = Date.now() + (o.flushTimeoutMs ?? 5000);
        while (running && Date.now() < until) {
            let timer;
            await Promise.race([
                running,
                new Promise((r) => (timer = setTimeout(r, Math.max(0, until - Date.now())))),
            ]);
            clearTimeout(timer);
        }
    }
    return {
        get pending() {
            return queue.length;
        },
        write(event) {
            if (stop.signal.aborted)
                return void o.count?.('dropped', 1);
            queue.push(toCloudEvent({ v: 1, time: new Date().toISOString(), source: 'broker', ...event }, o.source));
            if (queue.length > max)
                o.count?.('dropped', queue.drop(queue.length - max));
            kick();
        },
        flush,
        /**
         * Shutdown: the spool gets `flushTimeoutMs` to empty, then delivery stops for good (the request in
         * flight is aborted, no retry waits) and what is left is counted as dropped, so nothing of this
         * sink outlives the broker.
         */
        async drain() {
            await flush();
            stop.abort();
            await running;
            if (queue.length)
                o.count?.('dropped', queue.drop(queue.length));
        },
    };
}
/** The audit file first (the record), then any number of best-effort sinks. */
function teeAuditSink(primary, ...others) {
    return {
        write(event) {
            const r = primary.write(event);
            for (const s of others)
                s.write(event);
            return r;
        },
        // A grant waits for the record (the file), never for a webhook that may be slow or down.
        flush: () => primary.flush(),
        async drain() {
            await Promise.all([
                primary.drain?.() ?? primary.flush(),
                ...others.map((s) => s.drain?.() ?? s.flush()),
            ]);
        },
    };
}

;// CONCATENATED MODULE: ./shared/broker/ops/sweep-report.ts
/**
 * What the on-call engineer sees when the revocation sweep stops on an error (session 21). The server
 * sweeps every second and used to swallow the error (the next tick retries): a store that answers
 * nothing useful or a GitHub that fails every call left revocations undone and said nothing. Now every
 * stop counts in `stepwarden_sweep_errors_total{source}` and writes an `error` line on stderr: the
 * first at once, then at most one a minute while it lasts (with the count since the last line, so a
 * store outage is not 60 lines a minute), and an `info` line when a sweep completes again after one.
 * The minute holds across successes (session 22): a flapping store is two lines a minute, not two a
 * second.
 */

// Credentials that could sit in an error's text: GitHub tokens (`ghs_\u2026`, `ghp_\u2026`, `github_pat_\u2026`), a
// JWT (three base64url parts), a Bearer or Basic header, a URL's password (`redis://user:PASS@host`).
// The errors the sweep meets carry none (store replies, GitHub's status line); this is the net for one
// that would. No word boundary before a token (session 22): text quoted encoded (`%20ghs_\u2026`,
// `%3DeyJ\u2026`, a JSON `\nghs_\u2026`) puts a letter or digit right before it, and the token went out whole.
// Cutting a word that only looks like one costs a word of the detail; missing one costs a credential.
const SECRETS = /(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+|eyJ[\w-]*\.[\w-]+\.[\w-]*|(?:Bearer|Basic)(?:\s|%20|\+)+[^\s&"',;]+|(?<=\/\/[^\s/@:]*:)[^\s/@]+(?=@)/gi;
const STORE_CODES = /^ERR_(?:STATE_|EXCHANGE_INTERRUPTED$)/;
const STORE_NAMES = new Set([
    'ReplyError',
    'StateLost',
    'StateUnfit',
    'ClockSkewed',
    'StateDbUnverified',
    'MaxRetriesPerRequestError',
]);
const STORE_TEXT = /\b(?:Command timed out|Connection is closed|ECONNREFUSED|ECONNRESET|WRONGTYPE|READONLY|NOREPLICAS|OOM|ERR_STATE_[A-Z_]+)\b/;
/** Which upstream stopped the sweep, a stable code for the line, and the error's text made safe to show. */
function describeSweepError(err) {
    const e = (err ?? {});
    const message = typeof e.message === 'string' ? e.message : String(err);
    const own = typeof e.code === 'string' && /^ERR_[A-Z_]{1,60}$/.test(e.code) ? e.code : undefined;
    const textCode = /\bERR_[A-Z_]{1,60}\b/.exec(message)?.[0];
    const name = typeof e.name === 'string' ? e.name : '';
    // The service's store is wrapped fail-closed: its errors arrive as 503 refusals with an ERR_STATE_
    // code (and a status, which is not GitHub's), so the code decides first.
    const known = own ?? textCode;
    let source = 'other';
    if (known && STORE_CODES.test(known))
        source = 'store';
    else if (known && /^ERR_(?:UPSTREAM|GITHUB)/.test(known))
        source = 'github';
    else if (STORE_NAMES.has(name) || STORE_TEXT.test(message))
        source = 'store';
    else if (name === 'HttpError' || typeof e.status === 'number')
        source = 'github';
    const code = (known && source !== 'other' ? known : undefined) ??
        (source === 'github' ? 'ERR_UPSTREAM' : source === 'store' ? 'ERR_STATE_UNAVAILABLE' : 'ERR_INTERNAL');
    return { source, code, detail: (0,verdict/* shown */.SP)(message.replace(SECRETS, '***')) };
}
/** The sweep loop's error and success hooks: counted every time, logged as the header says. */
function sweepReporter(log, metrics, now = Date.now, everyMs = 60_000) {
    let since = 0; // errors not yet in a line
    let total = 0; // errors since the last successful sweep
    let lastLine = -Infinity;
    // An error line was written since the last "works again": a store that flaps (every other sweep
    // fails) used to get an error and an info line each second, since each success reopened the limit.
    // Now the limit holds across successes; errors not yet in a line are in the next one's count.
    let lined = false;
    return {
        failed(err) {
            const d = describeSweepError(err);
            metrics?.sweepErrors.inc({ source: d.source });
            since++;
            total++;
            if (now() - lastLine < everyMs)
                return;
            lastLine = now();
            log.log('error', `the revocation sweep stopped on ${d.source === 'other' ? 'an unexpected' : `a ${d.source}`} error: credentials past their deadline are not being revoked until it works again (retried every second)`, {
                code: d.code,
                source: d.source,
                detail: d.detail,
                errors: since,
                fix: d.source === 'store'
                    ? 'check the state store (/readyz names the cause)'
                    : d.source === 'github'
                        ? 'check GitHub (stepwarden_github_up, githubstatus.com); due revocations are retried'
                        : 'see the detail; report it if it lasts',
            });
            since = 0;
            lined = true;
        },
        succeeded() {
            if (!lined)
                return;
            log.log('info', 'the revocation sweep works again', { errors: total });
            total = 0;
            lined = false;
        },
    };
}

;// CONCATENATED MODULE: ./shared/broker/sweep-pace.ts
/**
 * How the server's sweep loop paces its batches (session 34). On memory state a batch is one
 * uninterrupted microtask chain: every store step resolves at once, so nothing else runs until the
 * batch ends. A burst's credentials come due together a TTL later, and 100-entry batches of 2.5-51 ms
 * (at load) ran back to back while the next burst's exchanges waited for the loop: the broker's p99
 * tail (docs/performance.md, session 33). Here a batch that ran as one chain is sized to a time
 * slice from what its entries cost, and the loop lets I/O run (setImmediate) between batches, so an
 * exchange waits for at most one slice per turn of the loop. A batch that waited on I/O (Redis,
 * GitHub's revocation) let the loop run meanwhile: it grows back to the revoker's batch, the Redis
 * store's lease unit.
 */
/** The revoker's batch and the Redis store's lease unit: a batch that waits on I/O takes this many. */
const SWEEP_BATCH = 100;
/** A run's first batch, before anything is known of what an entry costs. */
const FIRST_BATCH = 8;
/** An uninterrupted batch may last at least this long (ms), whatever else waits\u2026 */
const SLICE_MIN_MS = 2;
/** \u2026and at most this long, however long the loop was busy elsewhere since the last batch. */
const SLICE_MAX_MS = 16;
/**
 * Between the two, half of the time the loop spent elsewhere since the last batch: under a burst the
 * sweep keeps a third of the loop, so it still keeps up with expiries arriving at the grant rate (an
 * entry costs a fifth to a tenth of an exchange), and on an idle loop it runs almost all the time.
 */
const SHARE = 0.5;
class SweepPace {
    /** The last batch's size (what the next may double). */
    limit = FIRST_BATCH;
    /** ms an entry cost in the last uninterrupted batch that revoked something; 0 unknown. */
    perEntry = 0;
    /** How many entries the next batch may take; `gapMs`: time the loop spent elsewhere since the last (0 at a run's start). */
    next(gapMs) {
        if (this.perEntry <= 0)
            return this.limit;
        const budget = Math.min(SLICE_MAX_MS, Math.max(SLICE_MIN_MS, gapMs * SHARE));
        return Math.max(1, Math.min(SWEEP_BATCH, this.limit * 2, Math.floor(budget / this.perEntry)));
    }
    /**
     * After a batch of `limit`: it took `tookMs`, revoked `revoked`, and `turned` says the event loop
     * ran I/O while it was out (the batch waited on the store or GitHub: not one chain).
     */
    settle(limit, tookMs, revoked, turned) {
        this.limit = limit;
        if (turned) {
            this.perEntry = 0;
            this.limit = Math.min(SWEEP_BATCH, limit * 2);
        }
        // Revoked entries only: an entry that revoked nothing (settled elsewhere, a retry not due) is
        // counted with them, so the estimate errs long and the slice short.
        else if (revoked > 0)
            this.perEntry = tookMs / revoked;
    }
}
/**
 * One run of the sweep: batches while they find work, one per turn of the event loop, until
 * `untilMs` (on `now`'s clock). It stops after a batch of the revoker's size's worth of entries that
 * revoked nothing (the old loop's rule, one 100-entry batch): a queue of retries not yet settled
 * still gets that many a run when the batches are small.
 */
async function sweepRun(sweep, pace, untilMs, now = () => performance.now()) {
    let quiet = 0;
    let gap = 0;
    for (;;) {
        const limit = pace.next(gap);
        // Fires only if the loop reaches its check phase while the batch is out: the batch waited on I/O.
        let turned = false;
        const probe = setImmediate(() => (turned = true));
        const start = now();
        let revoked;
        try {
            revoked = await sweep(limit);
        }
        finally {
            clearImmediate(probe);
        }
        const end = now();
        pace.settle(limit, end - start, revoked, turned);
        quiet = revoked > 0 ? 0 : quiet + limit;
        if (quiet >= SWEEP_BATCH || end >= untilMs)
            return;
        await new Promise((r) => setImmediate(r));
        gap = now() - end;
    }
}

// EXTERNAL MODULE: ./shared/broker/ops/fleet.ts
var ops_fleet = __webpack_require__(521);
;// CONCATENATED MODULE: ./shared/broker/ops/fleet-watch.ts


const FLEET_REFRESH_MS = 10_000;
function watchFleet(o) {
    const announce = o.store.announce?.bind(o.store);
    const now = o.now ?? Date.now;
    /** setting -> the groups last logged for it. */
    let logged = new Map();
    let keyAlarmAt = -Infinity;
    let keyPeers = '';
    const tick = async () => {
        if (!announce)
            return;
        const card = { instance: o.instance, at: Math.floor(now() / 1000), settings: o.settings() };
        // A store that does not answer is reported by the store's own checks; the next tick tries again.
        const cards = await announce(card).catch(() => undefined);
        if (!cards)
            return;
        const me = cards.find((c) => c.instance === o.instance) ?? card;
        const ds = (0,ops_fleet/* disagreements */.og)(me, cards);
        o.metrics?.fleetInstances.set(cards.length);
        for (const setting of Object.keys(card.settings))
            o.metrics?.fleetDisagreeing.set({ setting }, ds.some((d) => d.setting === setting) ? 1 : 0);
        const next = new Map(ds.map((d) => [d.setting, (0,ops_fleet/* disagreementKey */.OG)([d])]));
        for (const d of ds)
            if (logged.get(d.setting) !== next.get(d.setting))
                o.log.log('warn', `instances on this state store disagree on ${d.setting}: each applies its own value (normal during a rolling deploy; otherwise a misconfiguration)`, {
                    code: 'ERR_FLEET_DISAGREE',
                    setting: d.setting,
                    instances: (0,ops_fleet/* groupsText */.w6)(d),
                    this_instance: (0,verdict/* shown */.SP)(o.instance),
                    fix: `give every instance the same ${d.setting} (docs/deploy.md, "Instances that disagree")`,
                });
        for (const setting of logged.keys())
            if (!next.has(setting))
                o.log.log('info', `instances on this state store agree again on ${setting}`, { setting });
        logged = next;
        const peers = (0,ops_fleet/* peersWithoutMyKey */.RZ)(me, cards);
        o.metrics?.fleetPeersWithoutKey.set(peers.length);
        const peersKey = peers.join('\n');
        if (peers.length && (peersKey !== keyPeers || now() - keyAlarmAt >= 60_000)) {
            keyAlarmAt = now();
            o.log.log('error', `ALARM this instance seals GitHub tokens under state key id ${me.seals}, which instance(s) ${peers.map(verdict/* shown */.SP).join(', ')} do not hold: they cannot revoke what it grants and are not ready (ERR_STATE_KEY_UNKNOWN) because of this instance`, {
                alarm: 'state_key',
                code: 'ERR_STATE_KEY_NOT_SHARED',
                key_id: me.seals,
                instances: peers.map(verdict/* shown */.SP).join(', '),
                fix: 'add this key to those instances\' state key file on a later line (rotation step 1; they are ready again at once), or restart this instance with their key file (docs/deploy.md, "Rotating the state encryption key")',
            });
        }
        keyPeers = peers.length ? peersKey : '';
    };
    const timer = setInterval(() => void tick(), FLEET_REFRESH_MS);
    timer.unref();
    return { tick, stop: () => clearInterval(timer) };
}

// EXTERNAL MODULE: ./node_modules/prom-client/index.js
var prom_client = __webpack_require__(5222);
;// CONCATENATED MODULE: ./shared/broker/ops/metrics.ts
/**
 * The broker's Prometheus metrics (prom-client, one registry per broker, never the global one).
 * Most counters are derived from the audit events the service already writes for every decision, so
 * what the metrics say and what the audit log says cannot drift apart and the service needs no
 * metric calls of its own. Labels carry only bounded values: stable codes (ERR_*), event types,
 * configured issuers, GitHub route templates and HTTP statuses; never a token, jti, repository name
 * or any other string an attacker chooses.
 */





/**
 * A scrape's wait for one store read (ms). The Redis client's own command timeout is the strict wait
 * plus a second (up to 11 s): a stalled store held `/metrics` past Prometheus' default scrape_timeout
 * (10 s), and every metric was lost while the store was down (session 40).
 */
const STORE_GAUGE_MS = 1000;
/**
 * A histogram of one label, written as prom-client's `Histogram` writes it (the same value objects
 * handed to the registry, so the same exposition and JSON), recorded in plain numbers. prom-client's
 * `observe` converts, validates and hashes the labels on every call, 6.1 K instructions even through
 * a child from `labels()` against 1.8 K here (a loop's own 0.4 K in both), and the broker observes
 * one for every store operation (several an exchange) and one for every POST /token
 * (docs/performance.md, session 33).
 * tests/broker/s33-p-histogram holds the exposition to prom-client's for any observations.
 */
class LabelHistogram {
    type = 'histogram';
    aggregator = 'sum';
    name;
    help;
    label;
    bounds;
    series = new Map();
    constructor(o) {
        this.name = o.name;
        this.help = o.help;
        this.label = o.label;
        this.bounds = o.buckets;
        o.registry.registerMetric(this);
    }
    /** One observation under the label's value: prom-client's TypeError for a value that is not finite. */
    observe(value, v) {
        if (!Number.isFinite(v))
            throw new TypeError(`Value is not a valid number: ${String(v)}`);
        let s = this.series.get(value);
        if (!s)
            this.series.set(value, (s = { buckets: this.bounds.map(() => 0), sum: 0, count: 0 }));
        // The first bound at or above the value (prom-client's findBound); past the last, +Inf alone.
        for (let i = 0; i < this.bounds.length; i++)
            if (v <= this.bounds[i]) {
                s.buckets[i]++;
                break;
            }
        s.sum += v;
        s.count++;
    }
    /** What the registry writes for the text format: prom-client's getForPromString, value for value. */
    getForPromString() {
        const bucket = `${this.name}_bucket`;
        const values = [];
        for (const [value, s] of this.series) {
            const shared = { [this.label]: value };
            let acc = 0;
            for (let i = 0; i < this.bounds.length; i++) {
                acc += s.buckets[i];
                values.push({
                    labels: { le: this.bounds[i] },
                    sharedLabels: shared,
                    value: acc,
                    metricName: bucket,
                    exemplar: null,
                });
            }
            values.push({ labels: { le: '+Inf' }, sharedLabels: shared, value: s.count, metricName: bucket, exemplar: null }, {
                labels: {},
                sharedLabels: shared,
                value: s.sum,
                metricName: `${this.name}_sum`,
                exemplar: undefined,
            }, {
                labels: {},
                sharedLabels: shared,
                value: s.count,
                metricName: `${this.name}_count`,
                exemplar: undefined,
            });
        }
        return Promise.resolve({
            name: this.name,
            help: this.help,
            type: this.type,
            values,
            aggregator: this.aggregator,
        });
    }
    /** For getMetricsAsJSON: the same values with the label folded into each one's labels, as prom-client's get(). */
    async get() {
        const data = await this.getForPromString();
        return {
            ...data,
            values: data.values.map(({ labels, sharedLabels, ...rest }) => ({
                ...rest,
                labels: { ...labels, ...sharedLabels },
            })),
        };
    }
    reset() {
        this.series = new Map();
    }
}
/** A code is a label only when it has the shape of one of ours; anything else is `other`. */
function codeLabel(code) {
    if (!code)
        return 'none';
    return audit_event/* REASON_CODE */.xj.test(code) ? code : 'other';
}
/** `ERR_CONDITION_REF` -> `ref`; the condition refusals are labelled by condition. */
function conditionOf(code) {
    const m = /^ERR_CONDITION_([A-Z_]+)$/.exec(code);
    return m ? m[1].toLowerCase().replace(/_/g, '-') : undefined;
}
const REVOCATION_RESULT = {
    'credential.revoked': 'done',
    'credential.expired': 'done',
    'credential.revoke_failed': 'failed',
    'credential.revocation_pending': 'pending',
};
class BrokerMetrics {
    registry = new prom_client.Registry();
    exchanges = new prom_client.Counter({
        name: 'stepwarden_exchanges_total',
        help: 'Token exchanges by outcome (granted, refused, error, dry_run) and reason code.',
        labelNames: ['outcome', 'reason'],
        registers: [this.registry],
    });
    replays = new prom_client.Counter({
        name: 'stepwarden_oidc_replays_total',
        help: 'OIDC tokens presented again after their jti was used (refused).',
        registers: [this.registry],
    });
    claimedTwice = new prom_client.Counter({
        name: 'stepwarden_grants_claimed_twice_total',
        help: 'Second claims of a single-use grant in one run attempt: possible theft.',
        registers: [this.registry],
    });
    conditionRefusals = new prom_client.Counter({
        name: 'stepwarden_condition_refusals_total',
        help: 'Exchanges refused by a grant condition, by condition (ref, environment, event, ...).',
        labelNames: ['condition'],
        registers: [this.registry],
    });
    revocations = new prom_client.Counter({
        name: 'stepwarden_revocations_total',
        help: 'Revocations by result (done, pending, failed) and reason code.',
        labelNames: ['result', 'reason'],
        registers: [this.registry],
    });
    /** Filled at scrape time from the store (`overdueFrom`, `pendingFrom`); 0 while no source is set. */
    storeSources = {};
    overdue = this.storeGauge('overdue', 'stepwarden_revocations_overdue', 'Credentials whose revocation deadline passed more than the grace ago and that are not revoked (GitHub has not confirmed), read from the store at scrape time.');
    pending = this.storeGauge('pending', 'stepwarden_revocations_pending', 'Credentials revoked at the broker whose upstream revocation (GitHub) failed and is being retried from the durable queue, read from the store at scrape time; non-zero for long means GitHub is not revoking.');
    /** Filled at scrape time from the memory store (`stateFrom`); absent on shared stores. */
    stateSource;
    stateEntries = new prom_client.Gauge({
        name: 'stepwarden_state_entries',
        help: 'Memory state: live exchanges held (used jtis, claims or records, the largest) and the capacity past which new exchanges are refused with 503 ERR_STATE_FULL.',
        labelNames: ['kind'],
        registers: [this.registry],
        collect: () => {
            const u = this.stateSource?.();
            if (!u)
                return;
            this.stateEntries.set({ kind: 'used' }, u.used);
            this.stateEntries.set({ kind: 'capacity' }, u.capacity);
        },
    });
    reloads = new prom_client.Counter({
        name: 'stepwarden_config_reloads_total',
        help: 'Config reloads (SIGHUP or a changed file) by result: ok (applied), failed (refused, the config in force stays).',
        labelNames: ['result'],
        registers: [this.registry],
    });
    killSwitch = new prom_client.Counter({
        name: 'stepwarden_kill_switch_total',
        help: 'Kill-switch calls (admin revoke) by outcome, and exchanges refused by an active block.',
        labelNames: ['event'],
        registers: [this.registry],
    });
    rateLimited = new prom_client.Counter({
        name: 'stepwarden_rate_limited_total',
        help: 'Exchanges refused by the per-repository rate limit.',
        registers: [this.registry],
    });
    github = new prom_client.Counter({
        name: 'stepwarden_github_requests_total',
        help: 'Calls to the GitHub API by route template and HTTP status.',
        labelNames: ['route', 'status'],
        registers: [this.registry],
    });
    readTokenRevokeFailures = new prom_client.Counter({
        name: 'stepwarden_github_read_token_revoke_failures_total',
        help: 'GitHub tokens the broker minted for its own reads (files, jobs, heads) that GitHub did not confirm revoked, by error code; each lives until its expiry (at most 1 h).',
        labelNames: ['code'],
        registers: [this.registry],
    });
    githubUp = new prom_client.Gauge({
        name: 'stepwarden_github_up',
        help: 'Whether the last call to GitHub got an answer (1: any status below 500, a rate-limit refusal included; 0: a 5xx, a timeout, no connection, or a body that is not JSON such as a proxy HTML page, counted as status 0). Not part of /readyz. Absent without a GitHub App.',
        registers: [this.registry],
    });
    githubLastAnswer = new prom_client.Gauge({
        name: 'stepwarden_github_last_answer_timestamp_seconds',
        help: 'When GitHub last answered a call below 500 (unix seconds; GET /app at start counts). Absent without a GitHub App.',
        registers: [this.registry],
    });
    /** Filled at scrape time from the GitHub Apps (`githubClockFrom`). */
    githubClockSource;
    githubClockAhead = new prom_client.Gauge({
        name: 'stepwarden_github_clock_ahead_seconds',
        help: "GitHub's clock minus this host's, by GitHub API, as the broker learned it from GitHub refusing an App JWT's iat or exp (that answer's Date); 0 until then. App JWTs are signed on GitHub's clock meanwhile, but OIDC token times and the state store's clock check judge on this host's: non-zero means fix this host's clock (NTP). Absent without a GitHub App.",
        labelNames: ['api'],
        registers: [this.registry],
        collect: () => {
            for (const a of this.githubClockSource?.() ?? [])
                this.githubClockAhead.set({ api: a.api }, a.clockAheadSeconds);
        },
    });
    githubRemaining = new prom_client.Gauge({
        name: 'stepwarden_github_rate_limit_remaining',
        help: "The App's remaining GitHub API requests (x-ratelimit-remaining of the last response).",
        registers: [this.registry],
    });
    jwksRefreshes = new prom_client.Counter({
        name: 'stepwarden_oidc_key_fetches_total',
        help: 'Discovery and JWKS fetches by trusted issuer and result.',
        labelNames: ['issuer', 'result'],
        registers: [this.registry],
    });
    storeLatency = new LabelHistogram({
        name: 'stepwarden_store_operation_seconds',
        help: 'Latency of state store operations by operation.',
        label: 'op',
        buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
        registry: this.registry,
    });
    storeErrors = new prom_client.Counter({
        name: 'stepwarden_store_errors_total',
        help: 'State store operations that failed, by operation.',
        labelNames: ['op'],
        registers: [this.registry],
    });
    sweepErrors = new prom_client.Counter({
        name: 'stepwarden_sweep_errors_total',
        help: 'Revocation sweeps that stopped on an error, by source (store, github, other); the sweep is retried every second, and due credentials wait meanwhile.',
        labelNames: ['source'],
        registers: [this.registry],
    });
    fleetInstances = new prom_client.Gauge({
        name: 'stepwarden_fleet_instances',
        help: 'Broker instances that wrote their settings card to the shared store within the last 45 s, this one included (shared stores only).',
        registers: [this.registry],
    });
    fleetDisagreeing = new prom_client.Gauge({
        name: 'stepwarden_fleet_settings_disagreeing',
        help: 'Per setting that must agree across the instances of one store (rate-limit, issuers, admin-tokens, ...): 1 while live instances hold different values (normal for the minutes of a rolling deploy; the log line names the instances), else 0.',
        labelNames: ['setting'],
        registers: [this.registry],
    });
    fleetPeersWithoutKey = new prom_client.Gauge({
        name: 'stepwarden_fleet_peers_without_my_state_key',
        help: 'Live instances that cannot open the state key this instance seals with: they are not ready (ERR_STATE_KEY_UNKNOWN) because of this one.',
        registers: [this.registry],
    });
    auditLines = new prom_client.Counter({
        name: 'stepwarden_audit_lines_total',
        help: 'Audit lines by sink and result (written, failed, dropped).',
        labelNames: ['sink', 'result'],
        registers: [this.registry],
    });
    exchangeSeconds = new LabelHistogram({
        name: 'stepwarden_exchange_duration_seconds',
        help: 'POST /token latency by HTTP status.',
        label: 'status',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registry: this.registry,
    });
    inflight = new prom_client.Gauge({
        name: 'stepwarden_http_requests_in_flight',
        help: 'HTTP requests being served.',
        registers: [this.registry],
    });
    ready = new prom_client.Gauge({
        name: 'stepwarden_ready',
        help: '1 when every readiness check passes, by check (store, signing-key, issuer, audit-sink).',
        labelNames: ['check'],
        registers: [this.registry],
    });
    constructor(opts = {}) {
        if (opts.processMetrics !== false)
            (0,prom_client.collectDefaultMetrics)({ register: this.registry, prefix: 'stepwarden_' });
    }
    /** A gauge read from the store at scrape time; a store that does not answer within STORE_GAUGE_MS
     * leaves the last value (its errors are counted by the store metrics). */
    storeGauge(source, name, help) {
        const gauge = new prom_client.Gauge({
            name,
            help,
            registers: [this.registry],
            collect: async () => {
                const read = this.storeSources[source];
                if (!read)
                    return;
                const n = await withDeadline(read(), STORE_GAUGE_MS, name).catch(() => undefined);
                if (n !== undefined)
                    gauge.set(n);
            },
        });
        return gauge;
    }
    /** Where the overdue gauge reads its value at each scrape. */
    overdueFrom(source) {
        this.storeSources.overdue = source;
    }
    /** Where the pending gauge reads its value at each scrape. */
    pendingFrom(source) {
        this.storeSources.pending = source;
    }
    stateFrom(source) {
        this.stateSource = source;
    }
    /** Counts one audit event: the single place where decisions become metrics. */
    observeEvent(e) {
        const reason = codeLabel(e.reason);
        switch (e.type) {
            case 'credential.granted':
                this.exchanges.inc({ outcome: 'granted', reason: 'none' });
                return;
            case 'credential.dry_run':
                this.exchanges.inc({ outcome: 'dry_run', reason });
                return;
            case 'credential.refused': {
                this.exchanges.inc({ outcome: e.outcome === 'error' ? 'error' : 'refused', reason });
                if (e.reason === 'ERR_OIDC_REPLAYED')
                    this.replays.inc();
                const c = e.reason ? conditionOf(e.reason) : undefined;
                if (c)
                    this.conditionRefusals.inc({ condition: c });
                if (e.reason === 'ERR_BLOCKED')
                    this.killSwitch.inc({ event: 'blocked' });
                return;
            }
            case 'credential.rate_limited':
                this.exchanges.inc({ outcome: 'refused', reason });
                this.rateLimited.inc();
                return;
            case 'credential.claimed_twice':
                this.exchanges.inc({ outcome: 'refused', reason });
                this.claimedTwice.inc();
                return;
            case 'admin.revoke':
                this.killSwitch.inc({ event: e.outcome === 'success' ? 'revoke' : 'revoke_denied' });
                return;
        }
        const result = REVOCATION_RESULT[e.type];
        // A pending revocation is audited with outcome `error` (GitHub refused this attempt); it is still
        // pending, not failed. Other revocation events with `error` (an abandoned intent) did fail.
        if (result)
            this.revocations.inc({
                result: result === 'pending' || e.outcome !== 'error' ? result : 'failed',
                reason,
            });
    }
    /** GitHub response observer (see shared/github/octokit.ts): route template and status only. */
    observeGithub(route, status, remaining) {
        this.github.inc({ route: routeLabel(route), status: String(status) });
        if (status > 0 && status < 500)
            this.githubAnswered(Date.now());
        else
            this.githubUp.set(0);
        const n = Number(remaining);
        if (remaining !== undefined && Number.isFinite(n))
            this.githubRemaining.set(n);
    }
    /** GitHub answered (a call below 500, or the App's identity checked at start). */
    githubAnswered(atMs) {
        this.githubUp.set(1);
        this.githubLastAnswer.set(Math.floor(atMs / 1000));
    }
    /** Where the GitHub clock gauge reads each App's learned difference at each scrape. */
    githubClockFrom(source) {
        this.githubClockSource = source;
    }
    /** A broker without a GitHub App: its GitHub gauges would only say 0. */
    withoutGithub() {
        this.registry.removeSingleMetric('stepwarden_github_up');
        this.registry.removeSingleMetric('stepwarden_github_last_answer_timestamp_seconds');
        this.registry.removeSingleMetric('stepwarden_github_clock_ahead_seconds');
    }
    async text() {
        return this.registry.metrics();
    }
}
/** `GET /repos/{owner}/{repo}/contents/{path}`: Octokit's templates are bounded; raw URLs are not. */
function routeLabel(route) {
    return /^[A-Z]+ \/[A-Za-z0-9_{}/.-]{0,120}$/.test(route) ? route : 'other';
}
/**
 * The audit sink, counting every line by result; the sink's own behaviour is unchanged. `lines:
 * false` when the sink reports its own results (the file sink's `count`, at disk time): a write that
 * returns nothing was otherwise counted `written` when queued, so a failing audit file showed no
 * `failed` line at all.
 */
function meteredAuditSink(sink, metrics, name = 'file', lines = true) {
    return {
        ...sink,
        write(event) {
            metrics.observeEvent(event);
            if (!lines)
                return sink.write(event);
            const r = sink.write(event);
            if (r && typeof r.then === 'function')
                r.then(() => metrics.auditLines.inc({ sink: name, result: 'written' }), () => metrics.auditLines.inc({ sink: name, result: 'failed' }));
            else
                metrics.auditLines.inc({ sink: name, result: 'written' });
            return r;
        },
    };
}
/**
 * The store metrics of one operation (a bounded label: a method name): its latency observed and its
 * failures counted. The op's series are made on its first call (an op never called shows no series).
 */
function storeMeter(metrics) {
    return (op) => (seconds, failed) => {
        metrics.storeLatency.observe(op, seconds);
        if (failed)
            metrics.storeErrors.inc({ op });
    };
}
/** Every store operation timed and its failures counted, by method name. */
function meteredStore(store, metrics) {
    const meter = storeMeter(metrics);
    return wrapMethods(store, (op, method) => {
        const done = meter(op);
        return (...args) => timedCall(done, method, args);
    }, ['close']);
}
/** A fetch for the OIDC verifier that counts discovery/JWKS fetches per configured issuer. */
function meteredFetch(inner, issuers, metrics, onSuccess) {
    const issuerOf = (url) => issuers.find((i) => url.startsWith(i.replace(/\/$/, ''))) ?? 'other';
    return (async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        const issuer = issuerOf(url);
        try {
            const res = await inner(input, init);
            metrics.jwksRefreshes.inc({ issuer, result: res.ok ? 'ok' : `http_${res.status}` });
            if (res.ok && !url.endsWith('/.well-known/openid-configuration'))
                onSuccess?.(issuer);
            return res;
        }
        catch (err) {
            metrics.jwksRefreshes.inc({ issuer, result: 'error' });
            throw err;
        }
    });
}
/**
 * The start (and reload) warning for `/metrics` open beyond loopback: no `metrics.token-file` while
 * the listener takes connections from other hosts. Without the token, /metrics (grant and refusal
 * rates by code, GitHub's rate limit left, audit lines failing: when the broker is weakest) and the
 * reasons of /readyz (file paths, store addresses and errors) are served to anyone who can connect.
 * A warning, not a refusal, like the other transport warnings: a private network or a proxy that
 * blocks the path is the operator's call. Undefined when nothing is exposed.
 */
function metricsExposure(listen, metricsEnabled, tokenSet) {
    if (!metricsEnabled || tokenSet)
        return undefined;
    const i = listen.lastIndexOf(':');
    // An empty host listens on 127.0.0.1 (server.ts splitHostPort).
    const host = (i >= 0 ? listen.slice(0, i) : listen).replace(/^\[|\]$/g, '');
    if (host === '' || /^(localhost|127(\.\d{1,3}){3}|::1)$/i.test(host))
        return undefined;
    return {
        message: '/metrics and the reasons /readyz gives are open to anyone who can reach the listener (no metrics.token-file)',
        fields: {
            code: 'ERR_METRICS_OPEN',
            listen,
            fix: 'set metrics.token-file to a file holding a bearer token (`openssl rand -hex 32`), or metrics: { enabled: false }',
        },
    };
}

// EXTERNAL MODULE: ./shared/github/octokit.ts
var octokit = __webpack_require__(4881);
;// CONCATENATED MODULE: ./shared/broker/audit-budget.ts
/**
 * A budget for audit lines nobody authenticated: refusals before a token verified (bad bodies,
 * unknown routes, forged or malformed tokens, missing admin or introspection credentials) carry no
 * repository, so no per-repository rate limit bounds them; nor does one bound another owner's
 * (ERR_OWNER_NOT_ALLOWED). Past the budget they are counted, not
 * written, and one `AUDIT_SUPPRESSED` line says how many were dropped, so a flood of garbage cannot
 * grow the log faster than `perSecond` bounded lines (plus a burst).
 */



/**
 * Also a token of an owner the broker does not serve (`owner-ids`), at verification or after: GitHub
 * signs one for any repository that asks, it is refused before the repository's rate limit and not
 * marked used (nothing is written for strangers), so one such token replayed was an unbounded stream
 * of attributed lines.
 */
const unauthenticated = (e) => e.outcome === 'denied' &&
    ((!e.repository_id && !e.repository) ||
        e.reason === 'ERR_OWNER_NOT_ALLOWED' ||
        // Refused at verification, signed for an owner not served (BrokerService.verify).
        e.details?.owner_served === false);
/** Refusal lines written per repository per minute before they are counted instead (session 24). */
const DEFAULT_REFUSAL_BUDGET = 120;
const REFUSAL_WINDOW_SECONDS = 60;
/** Distinct tokens remembered per window: past it the count is a lower bound (`tokens_at_least`). */
const MAX_TOKENS_COUNTED = 10_000;
/**
 * A refusal attributed to a served repository (or a rate-limit answer): its line is budgeted per
 * repository. Grants, revocations, job ends, claims twice, dry runs and admin lines never are.
 */
const attributedRefusal = (e) => e.outcome === 'denied' &&
    (e.type === 'credential.refused' || e.type === 'credential.rate_limited') &&
    Boolean(e.repository_id || e.repository);
function budgetedAuditSink(sink, opts = {}) {
    const rate = opts.perSecond ?? 10;
    const burst = opts.burst ?? 100;
    // A duration: measured on the monotonic clock, so a wall clock stepped back takes no tokens away.
    const now = opts.now ?? steady/* monotonicSeconds */.my;
    let tokens = burst;
    let at = now();
    let suppressed = 0;
    /** The count of what was suppressed since the last line, as one line. */
    const emitSuppressed = () => {
        if (suppressed === 0)
            return;
        sink.write({
            type: 'credential.refused',
            outcome: 'denied',
            reason: 'AUDIT_SUPPRESSED',
            detail: `${suppressed} unauthenticated refusal(s) (or of owners not served) were not written: over the budget of ${rate}/s (burst ${burst})`,
            details: { suppressed },
        });
        suppressed = 0;
    };
    const perMinute = opts.refusalsPerMinute ?? DEFAULT_REFUSAL_BUDGET;
    const wall = opts.wall ?? (() => new Date());
    const windows = new Map();
    /** One `audit.refusals_suppressed` line for a window that counted refusals instead of writing them. */
    const summarize = (w) => {
        if (w.suppressed === 0)
            return;
        const byReason = Object.fromEntries([...w.byReason].sort(([a], [b]) => (a < b ? -1 : 1)));
        const capped = w.tokens.size >= MAX_TOKENS_COUNTED;
        sink.write({
            type: 'audit.refusals_suppressed',
            outcome: 'denied',
            reason: 'AUDIT_REFUSALS_SUPPRESSED',
            detail: `${w.suppressed} refusal(s) of this repository were counted, not written: over the budget of ${perMinute} refusal lines per minute (${Object.entries(byReason)
                .map(([r, n]) => `${r} ${n}`)
                .join(', ')})`,
            ...(w.repository ? { repository: w.repository } : {}),
            ...(w.repository_id ? { repository_id: w.repository_id } : {}),
            details: {
                suppressed: w.suppressed,
                by_reason: byReason,
                // Distinct credentials presented (OIDC jti, or broker credential's grant id): one stolen token
                // replayed, or many fresh ones.
                [capped ? 'tokens_at_least' : 'tokens']: w.tokens.size,
                first: w.first,
                last: w.last,
                budget_per_minute: perMinute,
            },
        });
    };
    /**
     * `windows` is in order of start (a window is inserted when it starts and deleted when it ends) as
     * long as the clock never went back: the latest start is `lastStart`; `ordered` turns false when a
     * window started before it (an injected clock), until every window is closed.
     */
    let lastStart = -Infinity;
    let ordered = true;
    const opened = (key, w) => {
        if (windows.size === 0)
            ordered = true;
        else if (w.start < lastStart)
            ordered = false;
        lastStart = windows.size === 0 ? w.start : Math.max(lastStart, w.start);
        windows.set(key, w);
    };
    /**
     * Summarizes and forgets every window that ended (all of them at the drain). Every flush (every
     * grant) calls it: in start order, the first window still open ends the walk, so a flush costs the
     * windows it closes, not every repository refused in the last minute (session 30).
     */
    const closeWindows = (all) => {
        const t = now();
        const sorted = ordered && t >= lastStart;
        for (const [key, w] of windows)
            if (all || t - w.start >= REFUSAL_WINDOW_SECONDS || t < w.start) {
                windows.delete(key);
                summarize(w);
            }
            else if (sorted)
                break;
    };
    // A flood that stops still has its count written within a minute, with no later line to carry it.
    const sweeper = setInterval(() => closeWindows(false), REFUSAL_WINDOW_SECONDS * 1000);
    sweeper.unref?.();
    const budgetRefusal = (event) => {
        const key = String(event.repository_id || event.repository);
        const t = now();
        let w = windows.get(key);
        // A window ends after a minute (or when an injected clock goes back): its count is written first.
        if (w && (t - w.start >= REFUSAL_WINDOW_SECONDS || t < w.start)) {
            windows.delete(key);
            summarize(w);
            w = undefined;
        }
        if (!w) {
            w = { start: t, written: 0, suppressed: 0, byReason: new Map(), tokens: new Set() };
            opened(key, w);
        }
        if (w.written < perMinute) {
            w.written++;
            return true;
        }
        opts.suppressed?.(event);
        w.suppressed++;
        const reason = event.reason && audit_event/* REASON_CODE */.xj.test(event.reason) ? event.reason : 'UNKNOWN';
        w.byReason.set(reason, (w.byReason.get(reason) ?? 0) + 1);
        // The credential presented: an OIDC token's jti, or the broker credential a chained exchange or an
        // introspection client presented (its grant id, which the refusal line names anyway).
        const details = event.details;
        const source = event[audit_log/* SOURCE_JTI */.Y4] ??
            details?.parent_grant_id ??
            details?.client_grant_id;
        if (typeof source === 'string' && w.tokens.size < MAX_TOKENS_COUNTED)
            w.tokens.add(source);
        const at = wall().toISOString();
        w.first ??= at;
        w.last = at;
        w.repository ??= event.repository;
        w.repository_id ??= event.repository_id;
        return false;
    };
    const write = (event) => {
        if (attributedRefusal(event) && !unauthenticated(event)) {
            if (budgetRefusal(event))
                return sink.write(event);
            return undefined;
        }
        if (!unauthenticated(event))
            return sink.write(event);
        const t = now();
        // An injected clock that goes back refills nothing and takes nothing away.
        tokens = Math.min(burst, tokens + Math.max(0, t - at) * rate);
        at = t;
        if (tokens < 1) {
            opts.suppressed?.(event);
            suppressed++;
            return undefined;
        }
        tokens--;
        emitSuppressed();
        return sink.write(event);
    };
    // A flush (every grant waits for one) and the drain at stop also write the count: it used to wait
    // for the next unauthenticated refusal under the budget, so a flood's count was lost at shutdown
    // and could sit unwritten for hours after it.
    const flush = () => {
        emitSuppressed();
        closeWindows(false);
        return sink.flush();
    };
    // Always offered: the drain at stop writes every open window's count (the broker's close calls it).
    const drain = () => {
        emitSuppressed();
        closeWindows(true);
        clearInterval(sweeper);
        return sink.drain ? sink.drain() : sink.flush();
    };
    // Everything else the sink offers (durability hooks) passes through unchanged.
    return new Proxy(sink, {
        get: (target, prop, receiver) => prop === 'write'
            ? write
            : prop === 'flush'
                ? flush
                : prop === 'drain'
                    ? drain
                    : Reflect.get(target, prop, receiver),
    });
}

// EXTERNAL MODULE: ./shared/broker/ops/reload.ts
var reload = __webpack_require__(5600);
// EXTERNAL MODULE: ./shared/broker/signing-key.ts
var signing_key = __webpack_require__(6160);
// EXTERNAL MODULE: ./shared/broker/state/redis.ts + 1 modules
var redis = __webpack_require__(3009);
// EXTERNAL MODULE: ./shared/broker/state/secret-box.ts
var secret_box = __webpack_require__(1166);
;// CONCATENATED MODULE: ./shared/broker/server.ts


































const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
const badBody = (description) => new errors/* BrokerRefusal */.El('invalid_request', 'ERR_BODY', description);
/**
 * A JSON body is accepted as a flat object of string, number or boolean values (what a form holds);
 * `null`, arrays, nested objects and deep nesting are refused before JSON.parse sees them.
 */
function jsonParams(body) {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (inString) {
            if (c === '\\')
                i++;
            else if (c === '"')
                inString = false;
        }
        else if (c === '"')
            inString = true;
        else if (c === '{' || c === '[') {
            if (++depth > 1)
                throw badBody('a JSON body is one flat object of parameters (no nesting)');
        }
        else if (c === '}' || c === ']')
            depth--;
    }
    let obj;
    try {
        obj = JSON.parse(body || '{}');
    }
    catch {
        throw badBody('the body is not valid JSON');
    }
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
        throw badBody('a JSON body is one object of parameters');
    // JSON.parse keeps the last of two equal names; a form with the name twice is refused (below), so
    // is this: a proxy or WAF reading the first `subject_token` must not see another token than we do.
    const twice = (0,json_members/* duplicateMember */.k)(body);
    if (twice !== undefined)
        throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_DUPLICATE', `parameter '${(0,verdict/* shown */.SP)(twice.slice(0, 64))}' is given more than once`);
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(obj)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')
            throw badBody(`parameter '${(0,verdict/* shown */.SP)(k.slice(0, 64))}' must be a string, number or boolean`);
        out.append(k, String(v));
    }
    return out;
}
async function server_form(req) {
    (0,broker_request/* assertRequestFraming */.O9)(req.url ?? '/', req.headersDistinct, req.httpVersion);
    // The media type exactly, UTF-8 only (request.ts): a prefix match read `application/json-patch+json` as JSON.
    const type = (0,broker_request/* bodyTypeOf */.Qr)(req.headers['content-type']);
    let params;
    if (type === 'json')
        params = jsonParams(await (0,http/* readBody */.x8)(req, 64 * 1024));
    else if (type === 'form')
        params = formParams(await (0,http/* readBody */.x8)(req, 64 * 1024));
    else
        throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_CONTENT_TYPE', 'send application/x-www-form-urlencoded (RFC 8693) in UTF-8', 415);
    // Trailer fields of a chunked body (a `content-type` after the body) are never read here; a proxy
    // that merges them into the header would read the request otherwise.
    if (req.rawTrailers.length > 0)
        throw badBody('trailer fields after a chunked body are not read; send every header before the body');
    // RFC 6749 \u00a73.2: a parameter must not appear more than once (which one would win is ambiguous).
    const seen = new Set();
    for (const k of params.keys()) {
        if (seen.has(k))
            throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_PARAM_DUPLICATE', `parameter '${(0,verdict/* shown */.SP)(k.slice(0, 64))}' is given more than once`);
        seen.add(k);
    }
    (0,broker_request/* assertParameterNames */.sm)(params);
    return params;
}
/** Every request the handler is still working on, so close() can wait for them (see startBrokerWith). */
/**
 * A credential answer not yet handed to the connection (a pipelined response waits in node's queue
 * behind the one before it) is delivered when the response finishes, or never, when the client closes
 * the connection first: then nobody holds it, and it is revoked like any other undelivered one.
 * An answer that already had the connection when it closed was being written (a partial write: the
 * kernel took its first bytes, `{"access_token":"\u2026`, and node held the rest for a slow reader): the
 * client may hold the whole credential, so it is revoked without its claim given back (session 27: a
 * broker JWT, valid wherever it is read without introspection, was followed by a second one).
 */
function revokeUnlessSent(service, req, res, token) {
    const socket = req.socket;
    return new Promise((done) => {
        const sent = () => {
            socket.off('close', lost);
            done();
        };
        const lost = () => {
            res.off('finish', sent);
            // Queued, the response has no socket and nothing of it left; node keeps `res.socket` of the
            // response that was being written when the connection closed.
            void service
                .revokeUndelivered(token, res.socket ? 'SEND_INTERRUPTED' : 'UNDELIVERED')
                .catch(() => undefined)
                .finally(done);
        };
        res.once('finish', sent);
        socket.once('close', lost);
    });
}
function handler(service, publicUrl, ops, audit, work) {
    const serve = handle(service, publicUrl, ops, audit);
    if (!work)
        return serve;
    return (req, res) => {
        const p = serve(req, res);
        work.add(p);
        void p.finally(() => work.delete(p)).catch(() => undefined);
        return p;
    };
}
/** Every path this broker answers (with ops/http.ts's): the only ones a refusal or its line names. */
const SERVED = new Set([
    '/token',
    '/revoke',
    '/introspect',
    '/admin/revoke',
    '/admin/unblock',
    '/healthz',
    '/readyz',
    '/metrics',
    '/.well-known/jwks.json',
    '/.well-known/spiffe-bundle',
    '/.well-known/openid-configuration',
]);
function handle(service, publicUrl, ops, audit) {
    return async (req, res) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        const method = req.method ?? 'GET';
        // Any other path is the caller's text and is never echoed nor written: a token sent as a path
        // segment (`GET /token/<OIDC token>`) came back whole in the 404 and sat in its audit line, live
        // and unspent (session 35). Its length says enough to tell a probe from a misrouted prefix.
        const named = SERVED.has(path)
            ? path
            : `(a path this broker does not serve, ${path.length} characters, not shown)`;
        // Every refusal not recorded by the service (bad bodies, unknown routes, failures) gets a line here.
        const record = (code, description, outcome) => audit?.write({
            // An administrator's refused request is administrator activity, not a credential refusal.
            type: path === '/admin/revoke'
                ? 'admin.revoke'
                : path === '/admin/unblock'
                    ? 'admin.unblock'
                    : 'credential.refused',
            outcome,
            reason: code,
            detail: description,
            details: { endpoint: named, method },
        });
        try {
            if (ops && (await ops.route(req, res)))
                return;
            if (method === 'GET' && path === '/healthz')
                return (0,http/* sendJson */.jD)(res, 200, { status: 'ok' });
            if (method === 'GET' && path === '/.well-known/jwks.json')
                return (0,http/* sendJson */.jD)(res, 200, service.jwks(), { 'cache-control': 'public, max-age=300' });
            if (method === 'GET' && path === '/.well-known/spiffe-bundle') {
                const bundle = service.spiffeBundle();
                if (!bundle)
                    return (0,http/* sendJson */.jD)(res, 404, {
                        error: 'not_found',
                        error_description: 'ERR_SPIFFE_OFF: this broker issues no JWT-SVIDs (jwt-profile: spiffe)',
                    });
                return (0,http/* sendJson */.jD)(res, 200, bundle, { 'cache-control': 'public, max-age=300' });
            }
            if (method === 'GET' && path === '/.well-known/openid-configuration') {
                return (0,http/* sendJson */.jD)(res, 200, {
                    issuer: publicUrl,
                    jwks_uri: `${publicUrl}/.well-known/jwks.json`,
                    token_endpoint: `${publicUrl}/token`,
                    revocation_endpoint: `${publicUrl}/revoke`,
                    introspection_endpoint: `${publicUrl}/introspect`,
                    grant_types_supported: ['urn:ietf:params:oauth:grant-type:token-exchange'],
                    id_token_signing_alg_values_supported: ['ES256'],
                });
            }
            if (method === 'POST' && path === '/token') {
                // The parameters (the subject token among them) in a frame that ends here, not in this one,
                // which waits for the answer (its audit line on disk): what that wait holds is promoted.
                const answer = await server_form(req).then((params) => {
                    (0,broker_request/* assertTokenParameters */.MT)(params);
                    return service.exchange(params);
                });
                // The client is gone (its connection was cut while the credential was minted): nobody can
                // receive it, so it is revoked rather than left live until its ttl. The connection, not the
                // response: a pipelined response queued behind another has no socket of its own yet.
                const token = 'access_token' in answer && typeof answer.access_token === 'string'
                    ? answer.access_token
                    : undefined;
                if (res.destroyed || req.socket.destroyed) {
                    if (token !== undefined)
                        await service.revokeUndelivered(token).catch(() => undefined);
                    return;
                }
                (0,http/* sendJson */.jD)(res, 200, answer);
                if (token !== undefined && !res.writableFinished)
                    await revokeUnlessSent(service, req, res, token);
                return;
            }
            if (method === 'POST' && path === '/revoke')
                return (0,http/* sendJson */.jD)(res, 200, await service.revoke(await server_form(req)));
            if (method === 'POST' && path === '/introspect')
                return (0,http/* sendJson */.jD)(res, 200, await service.introspect(await server_form(req), req.headers.authorization));
            if (method === 'POST' && (path === '/admin/revoke' || path === '/admin/unblock')) {
                const p = await server_form(req);
                const target = {
                    ...(p.get('repository') ? { repository: p.get('repository') } : {}),
                    ...(p.get('repository_id') ? { repository_id: p.get('repository_id') } : {}),
                    ...(p.get('workflow') ? { workflow: p.get('workflow') } : {}),
                    ...(p.get('run_id') ? { run_id: p.get('run_id') } : {}),
                };
                return (0,http/* sendJson */.jD)(res, 200, path === '/admin/revoke'
                    ? await service.adminRevoke(req.headers.authorization, target)
                    : await service.adminUnblock(req.headers.authorization, target));
            }
            throw new errors/* BrokerRefusal */.El('invalid_request', 'ERR_NO_ROUTE', `no route ${method} ${named}`, 404);
        }
        catch (caught) {
            const err = caught;
            if (err instanceof http/* BodyError */.Ru) {
                // Too large or too slow: answered (and drained) by the HTTP layer, recorded here.
                const description = err.code === 'ERR_BODY_TOO_LARGE'
                    ? 'request body over 64 KiB; send only the form parameters'
                    : err.code === 'ERR_BODY_ENCODING'
                        ? `${err.message}; percent-encode every byte outside ASCII (RFC 8693 forms are UTF-8)`
                        : `${err.message}; send the whole body at once`;
                record(err.code, description, 'denied');
                return (0,http/* sendBodyError */.fW)(res, err, {
                    error: 'invalid_request',
                    error_description: `${err.code}: ${description}`,
                });
            }
            if (err instanceof errors/* BrokerRefusal */.El) {
                if (!err.audited)
                    record(err.code, err.description, err.status >= 500 ? 'error' : 'denied');
                return (0,http/* sendJson */.jD)(res, err.status, err.toJSON(), {
                    ...(err.retryAfter ? { 'retry-after': String(err.retryAfter) } : {}),
                    ...(err.status === 401 ? { 'www-authenticate': 'Bearer realm="stepwarden"' } : {}),
                });
            }
            record('ERR_INTERNAL', `unexpected ${err?.name ?? 'error'}`, 'error');
            return (0,http/* sendJson */.jD)(res, 500, {
                error: 'server_error',
                error_description: 'ERR_INTERNAL: the broker failed; see its log',
            });
        }
    };
}
/** Starts a broker from already built parts (tests, demo, bench). */
async function startBrokerWith(deps, listenOn = '127.0.0.1:0', sweepMs = 1000, ops = {}, limits = {}) {
    // Unauthenticated refusals get a line each up to a budget, then a count; attributed refusals up to
    // a per-repository budget a minute, then a count per repository (audit-budget.ts).
    const metrics = ops.metrics;
    const audit = budgetedAuditSink(deps.audit, {
        ...(deps.auditRefusalsPerMinute ? { refusalsPerMinute: deps.auditRefusalsPerMinute } : {}),
        // Still refused and still counted: exchanges by reason include what the log only counts.
        ...(metrics ? { suppressed: (e) => metrics.observeEvent(e) } : {}),
    });
    const service = new BrokerService({ ...deps, audit });
    const opsHttp = new OpsHttp(ops);
    const [host, port] = splitHostPort(listenOn);
    const work = new Set();
    const srv = await (0,http/* listen */.KT)(handler(service, deps.url, opsHttp, audit, work), host, port, limits);
    // Other instances' cache drops (store pub/sub); a subscription that cannot start costs only freshness.
    void deps.store.subscribe?.((msg) => service.dropCaches(msg)).catch(() => undefined);
    // On start, what is overdue (deadlines passed while no instance ran, retries, abandoned intents) first.
    let sweeping = false;
    const report = sweepReporter(ops.log ?? jsonLogger(), ops.metrics);
    const pace = new SweepPace();
    const sweep = () => {
        if (sweeping)
            return;
        sweeping = true;
        // One batch per tick would fall behind a sustained burst (more deadlines per second than a batch
        // holds) and the queue, and every record it pins, would grow without end: batches follow each
        // other while they find work, each after the event loop had a turn, for at most half the interval.
        // A batch on memory state is one uninterrupted chain: sized to a slice of time (sweep-pace.ts), so
        // a burst's expiry wave does not hold the next burst's exchanges.
        // A store outage or GitHub failing: the next tick retries (exchanges meanwhile answer 503); the
        // operator hears of it (counted, one line a minute at most), never silence.
        void sweepRun((limit) => service.sweep(limit), pace, performance.now() + sweepMs / 2)
            .then(report.succeeded, report.failed)
            .finally(() => (sweeping = false));
    };
    sweep();
    const timer = setInterval(sweep, sweepMs);
    timer.unref();
    return {
        url: srv.url,
        service,
        async close() {
            clearInterval(timer);
            // Drain: stop accepting, let in-flight exchanges finish (their audit lines included), then cut.
            await opsHttp.drain(srv.server);
            // Every client is cut: an exchange still before its mint is refused there, so every mint still
            // out began before the wait below, and ends (its upstream deadline) inside it.
            service.stopMinting();
            // A cut connection does not stop the exchange behind it: a credential may still be minting.
            // Its lines and its revocation (nobody can receive it) come before the audit flush and the
            // store's close, within the exchange's own in-flight window; past it, the sweep of another
            // instance (shared store) revokes what is left.
            if (work.size) {
                let timer;
                await Promise.race([
                    Promise.allSettled([...work]),
                    new Promise((r) => (timer = setTimeout(r, (deps.inFlightSeconds ?? 30) * 1000))),
                ]);
                clearTimeout(timer);
            }
            // GitHub tokens neither the store nor GitHub took, held by this instance alone: one more try of
            // each, bounded like the drain, then a line for each still held (lost with the process).
            await service.drainUnqueued(ops.drainTimeoutMs ?? 10_000);
            // The store is closed even when the audit log cannot be written at the end (that failure is
            // still reported): an open store connection would keep the process from ever exiting.
            try {
                // Through the budget, so the count of suppressed refusals is written before the last flush.
                await (audit.drain ? audit.drain() : audit.flush());
                // Their lines are on disk now: a take list left would be adopted, its lines written twice.
                await service.dropWrittenTakes().catch(() => undefined);
            }
            finally {
                await deps.store.close();
            }
        },
    };
}
function splitHostPort(s) {
    const i = s.lastIndexOf(':');
    return [s.slice(0, i).replace(/^\[|\]$/g, '') || '127.0.0.1', Number(s.slice(i + 1))];
}
async function storeFor(config, warn, alarm) {
    if (config.state === 'memory') {
        warn('stepwarden broker: state is in memory: a restart forgets used OIDC jtis (a token could be exchanged again) and every pending revocation deadline; use state: redis://\u2026 for anything but one throwaway instance\n');
        // Bounded: past its capacity new exchanges are refused (503) with an alarm, never unbounded growth.
        return new memory/* MemoryStore */.ny(undefined, {
            capacity: config['state-capacity'],
            onFull: (err) => alarm(err.message),
        });
    }
    const transport = (0,broker_config/* stateTransportWarning */.Fq)(config.state);
    if (transport)
        warn(transport);
    const keyFile = config['state-encryption-key-file'];
    const keyPath = keyFile ? (0,external_node_path_.resolve)(config.baseDir, keyFile) : undefined;
    const box = keyPath
        ? secret_box/* SecretBox */.Ot.fromText(await (0,reload/* readSmallFile */.EW)(keyPath, 'state encryption key file', 'state-encryption-key-file'), keyPath)
        : secret_box/* SecretBox */.Ot.fromEnv(process.env);
    if (!box)
        throw new Error('ERR_STATE_KEY: a shared state store needs an encryption key for the GitHub tokens it keeps: set state-encryption-key-file or STEPWARDEN_STATE_KEY (32 bytes, e.g. `openssl rand -hex 32`)');
    return redis/* RedisStore */.t6.connect(config.state, {
        box,
        warn,
        ...(config['state-strict']
            ? { strict: { replicas: 1, timeoutMs: config['state-strict-timeout-ms'] } }
            : {}),
    });
}
/** Builds every part from the config file and starts listening. */
async function startBroker(config, overrides = {}) {
    // A SIGHUP during the start (the key command, the store, GitHub: seconds) took the default action
    // and killed the process, so a reload sidecar or `systemctl reload` at the wrong moment stopped the
    // broker. Until its own handler is in place, one is remembered and the reload done right after.
    let early = false;
    const remember = () => void (early = true);
    process.on('SIGHUP', remember);
    try {
        const running = await buildAndStart(config, overrides);
        process.off('SIGHUP', remember);
        if (early)
            process.emit('SIGHUP', 'SIGHUP');
        return running;
    }
    finally {
        process.off('SIGHUP', remember);
    }
}
async function buildAndStart(config, overrides = {}) {
    const at = (p) => (0,external_node_path_.resolve)(config.baseDir, p);
    await (0,broker_config/* checkConfigFolders */.YQ)(config, { audit: !overrides.audit });
    // A link or a folder others can write on the way to the audit log would redirect it: refused
    // before anything else starts.
    if (!overrides.audit)
        await (0,audit_log/* checkAuditLogPath */.PO)(at(config.audit));
    const key = await (0,signing_key/* loadOrCreateSigningKey */.aX)(at(config.signing['key-file']));
    const t = config.timeouts;
    const svidKeys = config.spiffe
        ? await (0,signing_key/* loadOrCreateSigningKey */.aX)(at(config.spiffe['key-file']), 'jwt-svid')
        : undefined;
    const jwt = {
        profile: config['jwt-profile'],
        ...(config.spiffe ? { trustDomain: config.spiffe['trust-domain'] } : {}),
        audiences: new Map(Object.entries(config.audiences).map(([aud, a]) => [
            aud,
            { ...(a['jwt-profile'] ? { profile: a['jwt-profile'] } : {}), awsSessionTags: a['aws-session-tags'] },
        ])),
        ...(svidKeys ? { svidKeys } : {}),
    };
    const log = overrides.logger ?? jsonLogger();
    const settings = (0,broker_config/* issuerSettings */.DI)(config);
    const issuerUrls = settings.map((s) => s.url);
    const metrics = config.metrics.enabled ? new BrokerMetrics() : undefined;
    const tenants = await buildTenants(settings, config.baseDir, log, t.upstream * 1000, (f) => {
        metrics?.readTokenRevokeFailures.inc({ code: f.code });
        log.log('warn', 'a GitHub token the broker minted for its own read was not revoked; it lives until it expires', {
            code: f.code,
            for: f.what,
            detail: f.detail,
            expires_at: f.expiresAt,
        });
    }, (api, c) => {
        const note = (0,github_app/* clockNote */.rL)(c);
        log.log(note.level, note.message, {
            api,
            github_clock_ahead_seconds: c.aheadSeconds,
            was_seconds: c.wasSeconds,
        });
    });
    const apps = new Set([...tenants.values()].flatMap((x) => (x.github ? [x.github] : [])));
    // Each App's key was checked against GitHub (GET /app) just now: it answered.
    if (apps.size) {
        metrics?.githubAnswered(Date.now());
        metrics?.githubClockFrom(() => apps);
    }
    else
        metrics?.withoutGithub();
    // Credentials recorded without an issuer (and the demo's defaults) belong to the first issuer.
    const first = tenants.get(issuerUrls[0]);
    const observer = metrics
        ? (route, status, remaining) => metrics.observeGithub(route, status, remaining)
        : undefined;
    if (observer)
        octokit/* githubResponseObservers */.ao.add(observer);
    const fetchedIssuers = new Set();
    const baseFetch = overrides.verifier?.fetch ?? globalThis.fetch;
    const verifierFetch = metrics
        ? meteredFetch(baseFetch, issuerUrls, metrics, (i) => fetchedIssuers.add(i))
        : baseFetch;
    // Admin tokens, the local org policy, rate limits, the metrics token and drain times: read the
    // same way at start and on every reload (ops/reload.ts), so a reload cannot read them differently.
    const live = await (0,reload/* readLiveSettings */.oC)(config);
    // Each owner's policy is read with the App of the token's issuer (owner names are per GitHub). The
    // GitHub source is kept across reloads while its setting is unchanged, so its cache survives.
    let githubOrgs;
    const orgSourceFor = (setting, s) => {
        if (typeof setting !== 'object')
            return staticOrgPolicy(s.orgPolicyFile);
        const key = JSON.stringify({ ...setting, file: undefined });
        if (githubOrgs?.setting !== key)
            githubOrgs = {
                setting: key,
                source: githubOrgPolicySource((iss) => (iss ? tenants.get(iss)?.github : first.github), {
                    headTtlMs: setting['refresh-seconds'] * 1000,
                }),
            };
        return s.orgPolicyFile ? combinedOrgPolicy(s.orgPolicyFile, githubOrgs.source) : githubOrgs.source;
    };
    const orgs = (0,reload/* switchableOrgPolicy */.NL)(orgSourceFor(config['org-policy'], live));
    // The memory-state warning is an operational log line (JSON on stderr in production), not raw text.
    const rawStore = await storeFor(config, overrides.warn ?? ((l) => log.log('warn', l.replace(/^stepwarden broker: /, '').trim())), (l) => log.log('error', l, { alarm: 'state_full' }));
    const store = metrics ? meteredStore(rawStore, metrics) : rawStore;
    if (rawStore instanceof memory/* MemoryStore */.ny)
        metrics?.stateFrom(() => rawStore.usage());
    // Overdue: past its deadline by more than one sweep and one upstream deadline (a revocation still
    // in its first, slow attempt is not overdue yet), and not confirmed revoked. Read at each scrape.
    metrics?.overdueFrom(async () => store.overdue ? store.overdue(Math.floor(Date.now() / 1000) - t.upstream - 1) : 0);
    metrics?.pendingFrom(async () => (store.pendingRevocations ? store.pendingRevocations() : 0));
    const auditPath = at(config.audit);
    // Its alarms are operational log lines like every other (one JSON object a line on stderr): raw
    // text there broke the log's format exactly when the on-call engineer needs to read it.
    const fileSink = overrides.audit ??
        (0,audit_log/* fileAuditSink */.PJ)(auditPath, undefined, (line) => log.log('error', line.replace(/^stepwarden broker:? /, '').trim(), {
            alarm: 'audit_log',
        }), (result, n) => metrics?.auditLines.inc({ sink: 'file', result }, n), undefined, 
        // A hung disk refuses grants within the upstream deadline, inside the exchange's in-flight window.
        t.upstream * 1000);
    // The file sink counts its own lines at disk time; a sink given by the caller is counted on write.
    const ownLines = overrides.audit !== undefined;
    const hook = config['audit-webhook'];
    // While the webhook is down a full spool drops an event per event written: one log line each would
    // flood the log at the exchange rate. Losses are summed and logged at most every 10 s (the metric
    // counts each one).
    const lost = { failed: 0, dropped: 0, at: 0 };
    const webhookLoss = (result, n = 0) => {
        if (result)
            lost[result] += n;
        if (result && Date.now() - lost.at < 10_000)
            return;
        for (const r of ['failed', 'dropped'])
            if (lost[r])
                log.log('warn', `audit webhook ${r} events`, { count: lost[r] });
        lost.failed = lost.dropped = 0;
        lost.at = Date.now();
    };
    const webhookToken = hook?.['token-file']
        ? (await (0,promises_.readFile)(at(hook['token-file']), 'utf8')).trim()
        : undefined;
    // Like the state store's: a warning, not a refusal (a sidecar or a private link is the operator's
    // choice), for a bearer token and every audit event crossing the network in clear.
    if (hook && /^http:$/i.test(new URL(hook.url).protocol) && !LOOPBACK_HOST.test(new URL(hook.url).hostname))
        log.log('warn', 'the audit webhook is reached without TLS: its events and bearer token cross the network in clear; use https://', {
            code: 'ERR_WEBHOOK_CLEARTEXT',
            host: new URL(hook.url).hostname,
        });
    const audit = hook
        ? teeAuditSink(metrics ? meteredAuditSink(fileSink, metrics, 'file', ownLines) : fileSink, cloudEventsSink({
            url: hook.url,
            source: config.url,
            spool: hook.spool,
            ...(webhookToken ? { token: webhookToken } : {}),
            count: (result, n) => {
                metrics?.auditLines.inc({ sink: 'webhook', result: result === 'delivered' ? 'written' : result }, n);
                if (result !== 'delivered')
                    webhookLoss(result, n);
            },
        }))
        : metrics
            ? meteredAuditSink(fileSink, metrics, 'file', ownLines)
            : fileSink;
    const now = steady/* steadySeconds */.eo;
    // Read by OpsHttp at each use, so a reload changes the metrics token and drain times in place.
    const ops = { log, ...(metrics ? { metrics } : {}) };
    let tuned = false;
    const tune = (s) => {
        // At start and whenever a reload changes the token file (it is a live key): said each time.
        if (ops.metricsTokenHash !== s.metricsTokenHash || !tuned) {
            const open = metricsExposure(config.listen, config.metrics.enabled, s.metricsTokenHash !== undefined);
            if (open)
                log.log('warn', open.message, open.fields);
        }
        tuned = true;
        ops.metricsTokenHash = s.metricsTokenHash;
        ops.drainTimeoutMs = s.drainTimeoutMs;
        ops.drainDelayMs = s.drainDelayMs;
    };
    tune(live);
    const running = await startBrokerWith({
        url: config.url,
        verifier: dispatchByIssuer(new Map(settings.map((s) => [
            s.url,
            (0,verify/* createOidcVerifier */.wQ)({
                issuers: [s.url],
                audience: s.audience,
                clockToleranceSeconds: config['clock-tolerance'],
                fetchTimeoutMs: t.upstream * 1000,
                maxTokenLifetimeSeconds: config['max-token-lifetime'],
                ...overrides.verifier,
                fetch: verifierFetch,
            }),
        ]))),
        // The service's calls are timed in its fail-closed layer (one layer per call, not two); the
        // readiness probe and the overdue gauge below keep the metered view.
        store: rawStore,
        ...(metrics ? { storeMeter: storeMeter(metrics) } : {}),
        key,
        jwt,
        manifests: first.manifests,
        ...(first.github ? { github: first.github } : {}),
        tenants,
        audit,
        auditRefusalsPerMinute: config['audit-refusals-per-repository'],
        orgPolicies: orgs.source,
        jobIdentity: new job_identity/* JobIdentityChecker */.jN(first.github, { require: config['require-job-identity'] }),
        rateLimit: live.rateLimit,
        replayRateLimit: live.replayRateLimit,
        adminTokenHashes: live.adminTokenHashes,
        clockToleranceSeconds: config['clock-tolerance'],
        // Mint (bounded by the upstream deadline) + store writes + audit flush, with slack.
        inFlightSeconds: 2 * t.upstream + 5,
    }, config.listen, 1000, Object.assign(ops, {
        readiness: [
            storeCheck(store),
            signingKeyCheck(key, now),
            issuerKeysCheck(issuerUrls, fetchedIssuers, verifierFetch),
            ...(overrides.audit ? [] : [auditFileCheck(auditPath, () => fileSink.flush())]),
        ],
    }), {
        headersTimeoutMs: t.headers * 1000,
        bodyTimeoutMs: t.body * 1000,
        keepAliveTimeoutMs: t['keep-alive'] * 1000,
        maxConnections: config['max-connections'],
    });
    // The lax setting is an operator's choice that weakens the job boundary: said at every start.
    if (!config['require-job-identity'])
        log.log('warn', "require-job-identity is false: a token without check_run_id (or any token, without a GitHub App) gets a grant for whichever job its request names, so a step of one job can claim another job's grant in the same run", { setting: 'require-job-identity' });
    else if (![...tenants.values()].some((x) => x.github))
        log.log('warn', 'require-job-identity is true and no GitHub App is configured: every exchange is refused (ERR_JOB_IDENTITY_REQUIRED); configure github: or set require-job-identity: false', { setting: 'require-job-identity' });
    // Instances on one store that disagree (ops/fleet.ts): the settings in force, live ones as reloaded.
    let liveNow = live;
    const instance = (0,ops_fleet/* instanceName */.zl)((0,external_node_os_.hostname)(), process.pid);
    const fleet = watchFleet({
        store: rawStore,
        instance,
        settings: () => (0,ops_fleet/* settingsOf */.f5)(config, liveNow, key.published(now()).map((k) => String(k.kid))),
        log,
        ...(metrics ? { metrics } : {}),
    });
    await fleet.tick();
    log.log('info', 'broker started', {
        url: running.url,
        instance,
        state: config.state === 'memory' ? 'memory' : 'redis',
        manifests: config.manifests.source,
        metrics: metrics ? (live.metricsTokenHash ? 'bearer' : 'open') : 'off',
    });
    // A key written by `stepwarden broker rotate-key` is picked up without a restart (SIGHUP: at once).
    // A broken keyring file is retried every 5 s; its error is logged when it first appears or changes
    // (and every 10 minutes while it lasts), not 720 times an hour.
    let keyError;
    const reloadKeys = () => void Promise.all([key.reload(), svidKeys?.reload()]).then((changed) => {
        if (changed.some(Boolean))
            log.log('info', 'signing keyring reloaded');
        keyError = undefined;
    }, (err) => {
        if (keyError?.message === err.message && Date.now() - keyError.at < 600_000)
            return;
        keyError = { message: err.message, at: Date.now() };
        log.log('error', 'signing keyring reload failed; the keys in force stay', {
            ...(err.code ? { code: err.code } : {}),
            detail: err.message,
        });
    });
    // Config, admin tokens, org policy: validated in full, then swapped between two requests.
    const reloader = new reload/* ConfigReloader */.nv({
        ...(overrides.configFile ? { configFile: overrides.configFile } : {}),
        running: config,
        log,
        ...(metrics ? { metrics } : {}),
        apply(s, next) {
            liveNow = s;
            const org = orgSourceFor(next['org-policy'], s);
            running.service.reconfigure({
                adminTokenHashes: s.adminTokenHashes,
                rateLimit: s.rateLimit,
                replayRateLimit: s.replayRateLimit,
            });
            orgs.set(org);
            tune(s);
        },
    });
    await reloader.watchFrom();
    const onHup = () => {
        reloadKeys();
        void reloader.reload('signal');
    };
    const onTick = () => {
        reloadKeys();
        void reloader.poll();
    };
    const keyTimer = setInterval(onTick, 5000);
    keyTimer.unref();
    process.on('SIGHUP', onHup);
    return {
        ...running,
        async close() {
            clearInterval(keyTimer);
            fleet.stop();
            // The others stop counting it at their next look (10 s), not when its card ages out (45 s).
            await rawStore.retire?.(instance).catch(() => undefined);
            // A SIGHUP while draining must not kill the process (the default action) and cut the exchanges
            // being finished: it is ignored until the broker has stopped.
            const ignoreHup = () => undefined;
            process.on('SIGHUP', ignoreHup);
            process.off('SIGHUP', onHup);
            if (observer)
                octokit/* githubResponseObservers */.ao.delete(observer);
            await running.close().finally(() => process.off('SIGHUP', ignoreHup));
            webhookLoss(); // what the last 10 s lost, and what the drain left
            log.log('info', 'broker stopped');
        },
    };
}


/***/ }),

/***/ 6160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ID: () => (/* binding */ generateSigningKey),
/* harmony export */   LO: () => (/* binding */ rotateKeyFile),
/* harmony export */   Wy: () => (/* binding */ KeyringError),
/* harmony export */   aX: () => (/* binding */ loadOrCreateSigningKey)
/* harmony export */ });
/* unused harmony exports MAX_CREDENTIAL_TTL, Keyring, writeKeyringFile, readKeyringFile, FileKeyring */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7448);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1187);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9480);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(7968);
/**
 * The broker's ES256 signing keys, as a keyring: several keys with `kid`s, exactly one active at any
 * time. A key is published in the JWKS from the moment it is written (so verifiers' caches hold it
 * before it signs anything) until its successor has been active for longer than the longest
 * credential it can have signed; only then does its `kid` leave the JWKS. `stepwarden broker
 * rotate-key` adds a key that becomes active after an overlap. The file is readable only by the
 * broker (0600); a file holding one bare JWK (the format before rotation existed) loads as a ring of one.
 */





/** The longest credential the broker issues (the manifest's ttl ceiling): a retired key stays published this long. */
const MAX_CREDENTIAL_TTL = 3600;
class KeyringError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = 'KeyringError';
    }
}
async function fromJwk(jwk, use = 'sig', where = 'the key') {
    // A public-only key would load, turn /readyz green, and fail every signature; a key of another
    // type would not sign ES256. Both are refused where the ring is read, naming the entry.
    if (jwk.kty !== 'EC' ||
        jwk.crv !== 'P-256' ||
        typeof jwk.x !== 'string' ||
        typeof jwk.y !== 'string' ||
        typeof jwk.d !== 'string')
        throw new KeyringError('ERR_KEYRING_INVALID', `${where} is not an ES256 private key (it needs kty EC, crv P-256, x, y and d)`);
    // The published half is built from the public members only: anything else the stored JWK carries
    // (d, or stray private members such as p, q, dp, dq, qi, k) never reaches the JWKS.
    const pub = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
    const kid = typeof jwk.kid === 'string' && jwk.kid ? jwk.kid : await (0,jose__WEBPACK_IMPORTED_MODULE_4__/* .calculateJwkThumbprint */ .s)(pub);
    return {
        kid,
        privateKey: (await (0,jose__WEBPACK_IMPORTED_MODULE_5__/* .importJWK */ .Og)({ ...pub, d: jwk.d }, 'ES256')),
        publicJwk: { ...pub, kid, alg: 'ES256', use },
    };
}
async function newJwk() {
    const { privateKey } = await (0,jose__WEBPACK_IMPORTED_MODULE_6__/* .generateKeyPair */ .T)('ES256', { extractable: true });
    const jwk = await (0,jose__WEBPACK_IMPORTED_MODULE_7__/* .exportJWK */ .JU)(privateKey);
    return {
        ...jwk,
        kid: await (0,jose__WEBPACK_IMPORTED_MODULE_4__/* .calculateJwkThumbprint */ .s)({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }),
    };
}
/** When an entry stops being published: its successor's activation plus the longest credential. */
function retireAt(entries, i, maxTtl) {
    const next = entries[i + 1];
    return next ? next.activateAt + maxTtl : Infinity;
}
/** Keys sorted by activation; the pure schedule over them. */
class Keyring {
    entries;
    keys;
    maxTtl;
    use;
    constructor(entries, keys, maxTtl, use) {
        this.entries = entries;
        this.keys = keys;
        this.maxTtl = maxTtl;
        this.use = use;
    }
    static async of(entries, maxTtl = MAX_CREDENTIAL_TTL, use = 'sig') {
        if (entries.length === 0)
            throw new KeyringError('ERR_KEYRING_INVALID', 'the keyring holds no key');
        const sorted = [...entries].sort((a, b) => a.activateAt - b.activateAt);
        const kids = new Set();
        const keys = [];
        for (const e of sorted) {
            const k = await fromJwk(e.jwk, use, `keys[${entries.indexOf(e)}]`);
            if (kids.has(k.kid))
                throw new KeyringError('ERR_KEYRING_INVALID', `kid ${k.kid} appears twice`);
            kids.add(k.kid);
            keys.push(k);
        }
        return new Keyring(sorted, keys, maxTtl, use);
    }
    /** The key whose activation is the latest at or before `now`. */
    active(now) {
        let found;
        for (let i = 0; i < this.entries.length; i++)
            if (this.entries[i].activateAt <= now)
                found = this.keys[i];
        if (!found)
            throw new KeyringError('ERR_KEYRING_NO_ACTIVE_KEY', `no key of the keyring is active yet (first activates at ${new Date(this.entries[0].activateAt * 1000).toISOString()})`);
        return found;
    }
    /** Every key not yet retired: the active one, its pre-published successors, predecessors within their overlap. */
    published(now) {
        return this.keys.filter((_, i) => retireAt(this.entries, i, this.maxTtl) > now).map((k) => k.publicJwk);
    }
    changedAt(now) {
        let at = 0;
        this.entries.forEach((e, i) => {
            const retired = retireAt(this.entries, i, this.maxTtl);
            at = Math.max(at, e.createdAt, retired <= now ? retired : 0);
        });
        return at;
    }
    /** The ring with a new key that becomes active `overlapSeconds` from `now`, retired keys dropped. */
    async rotated(now, overlapSeconds) {
        const kept = this.entries.filter((_, i) => retireAt(this.entries, i, this.maxTtl) > now);
        const activateAt = Math.max(now + overlapSeconds, (kept[kept.length - 1]?.activateAt ?? 0) + 1);
        return Keyring.of([...kept, { jwk: await newJwk(), createdAt: now, activateAt }], this.maxTtl, this.use);
    }
    toFile() {
        return { version: 1, keys: this.entries };
    }
}
function parseKeyringText(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        // Only where, never what: V8's message quotes the text around the error, which in a keyring is
        // private key material ("d":...), and this message reaches stderr and the JSON log.
        const at = Number(/position (\d+)/.exec(err.message)?.[1] ?? text.length);
        const before = text.slice(0, at).split('\n');
        throw new KeyringError('ERR_KEYRING_INVALID', `${file} is not JSON (line ${before.length}, column ${before.at(-1).length + 1}); restore it from a backup or rotate-key a new ring`);
    }
    const o = data;
    if (o && typeof o === 'object' && Array.isArray(o.keys)) {
        return o.keys.map((e, i) => {
            if (!e ||
                typeof e !== 'object' ||
                typeof e.jwk !== 'object' ||
                !Number.isSafeInteger(e.activateAt) ||
                !Number.isSafeInteger(e.createdAt))
                throw new KeyringError('ERR_KEYRING_INVALID', `${file}: keys[${i}] needs jwk, createdAt and activateAt (unix seconds)`);
            return e;
        });
    }
    if (o && typeof o === 'object' && o.kty === 'EC' && typeof o.d === 'string')
        return [{ jwk: o, createdAt: 0, activateAt: 0 }];
    throw new KeyringError('ERR_KEYRING_INVALID', `${file} holds neither a keyring nor an ES256 private JWK`);
}
async function writeKeyringFile(file, ring) {
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(file), { recursive: true });
    // Created exclusively (0600 from the first byte) under an unpredictable name: a file or link
    // planted at the temporary name would otherwise receive the private keys, or keep its own mode.
    const tmp = `${file}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`;
    try {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(tmp, JSON.stringify(ring.toFile()), { mode: 0o600, flag: 'wx' });
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.chmod)(tmp, 0o600);
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rename)(tmp, file);
    }
    catch (err) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(tmp, { force: true });
        throw err;
    }
}
async function readKeyringFile(file, maxTtl = MAX_CREDENTIAL_TTL, use = 'sig') {
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(file, 'utf8');
    try {
        return await Keyring.of(parseKeyringText(text, file), maxTtl, use);
    }
    catch (err) {
        if (err instanceof KeyringError)
            throw err.message.startsWith(file) ? err : new KeyringError(err.code, `${file}: ${err.message}`);
        throw new KeyringError('ERR_KEYRING_INVALID', `${file}: ${err.message}`);
    }
}
/**
 * A keyring file the broker keeps in step with: `reload()` re-reads it when its mtime or size changed
 * (called on SIGHUP and by a slow timer), so `rotate-key` takes effect without a restart. A file that
 * became unreadable or invalid keeps the ring in force and reports the error.
 */
class FileKeyring {
    file;
    ring;
    stamp = '';
    constructor(file, ring) {
        this.file = file;
        this.ring = ring;
    }
    static async open(file, maxTtl = MAX_CREDENTIAL_TTL, use = 'sig') {
        try {
            await privateToOwner(file);
            const fk = new FileKeyring(file, await readKeyringFile(file, maxTtl, use));
            fk.stamp = await stampOf(file);
            return fk;
        }
        catch (err) {
            if (err.code !== 'ENOENT')
                throw err;
        }
        const ring = await Keyring.of([{ jwk: await newJwk(), createdAt: 0, activateAt: 0 }], maxTtl, use);
        await writeKeyringFile(file, ring);
        const fk = new FileKeyring(file, ring);
        fk.stamp = await stampOf(file);
        return fk;
    }
    /** True when the file changed and was loaded. */
    async reload() {
        const s = await stampOf(this.file);
        if (s === this.stamp)
            return false;
        await privateToOwner(this.file);
        this.ring = await readKeyringFile(this.file, this.ring.maxTtl, this.ring.use);
        this.stamp = s;
        return true;
    }
    get keyring() {
        return this.ring;
    }
    active(now) {
        return this.ring.active(now);
    }
    published(now) {
        return this.ring.published(now);
    }
    changedAt(now) {
        return this.ring.changedAt(now);
    }
}
/**
 * The keyring holds private keys: a file that any user may read or write (world bits) is refused, at
 * start, on reload and by rotate-key, whoever made it so. Group access is left to the operator: a
 * shared volume or a Kubernetes secret with fsGroup (0440) shares the ring through a group.
 */
async function privateToOwner(file) {
    if (process.platform === 'win32')
        return;
    const mode = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file)).mode & 0o777;
    if (mode & 0o007)
        throw new KeyringError('ERR_KEYRING_PERMISSIONS', `${file} is open to every user (mode 0${mode.toString(8)}) and holds private signing keys; run \`chmod 600 ${file}\` (and consider rotating: the keys may have been read)`);
}
async function stampOf(file) {
    const s = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
}
/** A ring of one fresh key, active at once (tests, the demo, benchmarks). */
async function generateSigningKey(use = 'sig') {
    return Keyring.of([{ jwk: await newJwk(), createdAt: 0, activateAt: 0 }], MAX_CREDENTIAL_TTL, use);
}
/** The signing keys of a config's `signing.key-file`: created on first start. */
async function loadOrCreateSigningKey(file, use = 'sig') {
    try {
        return await FileKeyring.open(file, MAX_CREDENTIAL_TTL, use);
    }
    catch (err) {
        if (err instanceof KeyringError)
            throw err;
        throw new Error(`signing key ${file} cannot be read: ${err.message}`, { cause: err });
    }
}
/** This process's pid namespace, or '' where there is none to read. */
async function pidNamespace() {
    return (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readlink)('/proc/self/ns/pid').catch(() => '');
}
/** A rotation takes well under a second; a lock older than this is reported as almost surely stale. */
const LOCK_OLD_SECONDS = 600;
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM'; // another user's process: alive
    }
}
function holderOf(text) {
    try {
        const v = JSON.parse(text);
        if (Number.isSafeInteger(v.pid) && typeof v.host === 'string' && Number.isFinite(v.since))
            return v;
    }
    catch {
        // a lock of an older version (its pid alone) or a damaged one: its holder cannot be judged
    }
    return undefined;
}
/**
 * Takes `<file>.lock` (created exclusively, 0600, naming pid, host and time). A lock whose holder is
 * provably gone (written on this host by a pid that no longer runs: a rotate-key killed mid-way) is
 * taken over, under `<lock>.break` so two takers cannot both break it and one remove the other's fresh
 * lock. Anything else (a live pid, another host: its pids mean nothing here, e.g. another container on
 * a shared volume; a lock this version did not write) is ERR_KEYRING_BUSY saying who holds it, since
 * when, and how to clear it.
 */
async function takeRotationLock(lock, now) {
    const ns = await pidNamespace();
    const me = JSON.stringify({ pid: process.pid, host: (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)(), since: now, ns });
    const create = () => (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(lock, `${me}\n`, { mode: 0o600, flag: 'wx' });
    try {
        await create();
        return undefined;
    }
    catch (err) {
        if (err.code !== 'EEXIST')
            throw err;
    }
    const text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(lock, 'utf8').catch(() => '');
    const holder = holderOf(text);
    // Its pid means something here only on this host and in this pid namespace.
    if (holder && holder.host === (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)() && (holder.ns ?? '') === ns && !alive(holder.pid)) {
        const breaker = `${lock}.break`;
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.writeFile)(breaker, me, { mode: 0o600, flag: 'wx' });
        }
        catch {
            throw busy(lock, holder, now, `another rotate-key is taking over this stale lock (${breaker}: remove it if no rotate-key runs)`);
        }
        try {
            // Still the same dead holder's lock (not a fresh one written since we read it)?
            if ((await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(lock, 'utf8').catch(() => '')) === text)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(lock, { force: true });
            await create();
            return holder;
        }
        catch (err) {
            if (err.code === 'EEXIST')
                throw busy(lock, undefined, now, 'another rotate-key took the lock first');
            throw err;
        }
        finally {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(breaker, { force: true });
        }
    }
    throw busy(lock, holder, now, undefined, ns);
}
function busy(lock, holder, now, why, ns = '') {
    if (!holder)
        return new KeyringError('ERR_KEYRING_BUSY', `another rotate-key holds ${lock}${why ? ` (${why})` : ' (written by an older version, or damaged: its holder cannot be checked)'}; wait for it and run again. If no rotate-key is running on any host sharing this keyring, remove ${lock} and run again`);
    const age = Math.max(0, now - holder.since);
    // Its pid can be checked only on this host and in this pid namespace.
    const here = holder.host === (0,node_os__WEBPACK_IMPORTED_MODULE_2__.hostname)() && (holder.ns ?? '') === ns;
    const old = age >= LOCK_OLD_SECONDS ? `; a rotation takes under a second, so this lock is almost surely stale` : '';
    return new KeyringError('ERR_KEYRING_BUSY', `${why ? `${why}; ` : ''}rotate-key pid ${holder.pid} on ${here ? 'this host' : `host ${holder.host}`} holds ${lock} since ${new Date(holder.since * 1000).toISOString()} (${age} s ago)${old}. ${here
        ? `It is still running: wait for it (or stop it) and run again`
        : `Its process cannot be checked from here: if no rotate-key runs on ${holder.host}, remove ${lock} and run again`}`);
}
/** `stepwarden broker rotate-key`: a new key, active after `overlapSeconds`; retired keys pruned. */
async function rotateKeyFile(file, now, overlapSeconds, use = 'sig') {
    // Read-modify-write under an exclusive lock file: two rotations at once would each add a key to
    // the same old ring and the last rename would drop the other's key, which a broker may already
    // have picked up and signed with (its credentials would stop verifying).
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(file), { recursive: true });
    const lock = `${file}.lock`;
    const staleLock = await takeRotationLock(lock, now);
    try {
        const ring = await (await FileKeyring.open(file, MAX_CREDENTIAL_TTL, use)).keyring.rotated(now, overlapSeconds);
        await writeKeyringFile(file, ring);
        const last = ring.entries[ring.entries.length - 1];
        return {
            kid: String(last.jwk.kid),
            activateAt: last.activateAt,
            published: ring.published(now).map((k) => String(k.kid)),
            ...(staleLock ? { staleLock } : {}),
        };
    }
    finally {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.rm)(lock, { force: true });
    }
}


/***/ }),

/***/ 1504:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ny: () => (/* binding */ MemoryStore),
  D: () => (/* binding */ StateFull)
});

// UNUSED EXPORTS: DEFAULT_MEMORY_CAPACITY, MEMORY_WRITERS

// EXTERNAL MODULE: ./shared/digest/sha256.ts
var sha256 = __webpack_require__(7348);
// EXTERNAL MODULE: ./shared/broker/state/store.ts
var store = __webpack_require__(2893);
// EXTERNAL MODULE: ./shared/clock/steady.ts
var steady = __webpack_require__(8381);
;// CONCATENATED MODULE: ./shared/broker/state/run-index.ts
/**
 * The memory store's run indexes (store.ts `writerRuns`, `linkRun`): per key, a bounded set of runs
 * ordered by score, each kept `keep` seconds past its score (the window of writing runs: 0, it ends
 * at its score; the run links: RUN_KEEP_SECONDS). The Redis store keeps the same in a sorted set
 * (score) and a hash (entry) per key, in one script (redis.ts `swRunNote`).
 *
 * The order is kept by the index itself (a sorted array of scores beside the entries), not by
 * insertion: a caller's clock may step back (the memory store under a test clock, a Redis store with
 * `callerClock`), and a read or a drop that trusted insertion order stopped at the first later entry
 * and missed the rest (left by session 24). A read is a binary search and then the matching runs.
 */

/** The first position in `order` whose score is at least `score`. */
function lowerBound(order, score) {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (order[mid].score < score)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
class RunIndex {
    keep;
    cap;
    byKey = new Map();
    notes = 0;
    constructor(keep, cap = store/* RUNS_PER_REPOSITORY */.yG) {
        this.keep = keep;
        this.cap = cap;
    }
    /** Adds or merges a run (first the earliest, score the latest, parents the union); returns its entry. */
    note(key, runId, first, score, parents, now) {
        // Now and then every key's expired front, so a repository nobody writes again does not stay.
        if (++this.notes % 256 === 0)
            this.prune(now);
        let k = this.byKey.get(key);
        if (!k)
            this.byKey.set(key, (k = { entries: new Map(), order: [], overflow: -Infinity }));
        this.dropExpired(k, now);
        const old = k.entries.get(runId);
        if (old) {
            this.unorder(k, old);
            old.first = Math.min(old.first, first);
            old.score = Math.max(old.score, score);
            old.parents = [...new Set([...old.parents, ...parents])];
        }
        const e = old ?? { runId, first, score, parents: [...new Set(parents)] };
        k.entries.set(runId, e);
        k.order.splice(lowerBound(k.order, e.score), 0, e);
        if (k.order.length > this.cap) {
            const dropped = k.order.splice(0, k.order.length - this.cap);
            for (const d of dropped) {
                k.entries.delete(d.runId);
                k.overflow = Math.max(k.overflow, d.score);
            }
        }
        return e;
    }
    /** The entries kept under `key` with a score at least `since`, and whether the bound dropped one still kept. */
    read(key, since, now) {
        const k = this.byKey.get(key);
        if (!k)
            return { entries: [], overflowed: false };
        this.dropExpired(k, now);
        return {
            entries: k.order.slice(lowerBound(k.order, since)),
            overflowed: k.overflow + this.keep >= now,
        };
    }
    /** One run's entry, if kept. */
    get(key, runId, now) {
        const e = this.byKey.get(key)?.entries.get(runId);
        return e && e.score + this.keep >= now ? e : undefined;
    }
    prune(now) {
        for (const [key, k] of this.byKey) {
            this.dropExpired(k, now);
            if (k.order.length === 0 && k.overflow + this.keep < now)
                this.byKey.delete(key);
        }
    }
    size() {
        let n = 0;
        for (const k of this.byKey.values())
            n += k.order.length;
        return n;
    }
    unorder(k, e) {
        for (let i = lowerBound(k.order, e.score); i < k.order.length; i++)
            if (k.order[i] === e) {
                k.order.splice(i, 1);
                return;
            }
    }
    dropExpired(k, now) {
        const n = lowerBound(k.order, now - this.keep);
        if (n === 0)
            return;
        for (const d of k.order.splice(0, n))
            k.entries.delete(d.runId);
    }
}

;// CONCATENATED MODULE: ./shared/broker/state/memory.ts
/**
 * In-memory state: one broker instance, the embedded default. What it must keep (a used `jti` until
 * exp + tolerance, a claim for the single-use window of a run attempt, a credential record until its
 * retention) is kept compact, and dropped when its window passes:
 * - every entry is filed under the second it expires (`ExpiryWheel`), and each call drops what has
 *   come due since the last one, a bounded amount at a time: no scan of every map, so the cost of
 *   expiry follows the rate of exchanges, not the size of the state;
 * - the revocation queue is a min-heap: `due()` looks at what is due, not at every queued grant;
 * - keys are kept as 16-byte digests, strings repeated across exchanges once, records as one
 *   fixed-shape object each; a settled revocation wipes the secret at once;
 * - a capacity bounds it: past `capacity` live exchanges (used `jti`s, claims or records) new
 *   exchanges are refused (StateFull: 503, an alarm and a metric) instead of growing without end.
 * A restart forgets everything (the broker says so at start). docs/decisions.md, "Memory state".
 */




/** Default capacity: live exchanges held at once (about 0.5 GB of heap at the measured size). */
const DEFAULT_MEMORY_CAPACITY = 1_000_000;
/** Writing runs the memory store keeps by id (store.ts `writers`): 36 days of them, at most this many. */
const MEMORY_WRITERS = 1_000_000;
/** New exchanges are refused: the memory store holds `capacity` live exchanges. */
class StateFull extends Error {
    what;
    capacity;
    constructor(what, capacity) {
        super(`ERR_STATE_FULL: the memory state holds its capacity of ${capacity} live ${what}; new exchanges are refused until windows pass (raise state-capacity, or use state: redis://\u2026)`);
        this.what = what;
        this.capacity = capacity;
    }
}
/**
 * A 16-byte digest of a key, as a one-byte string of 16 characters (32 bytes on the heap, where a
 * claim key is about 200): SHA-256, so no key can be chosen to collide with another; a collision
 * could only refuse (a fresh token taken for a replay, a claim for a second one), never grant.
 */
function digest(key) {
    return (0,sha256/* sha256Bytes */.L)(key).toString('latin1', 0, 16);
}
/**
 * A string built by concatenation is a tree of pieces until flattened; `normalize()` returns one flat
 * copy (what is kept for minutes should not be a tree of 16 parts).
 */
const flat = (s) => s.normalize();
/** Strings repeated across exchanges (repository, workflow, job, step, audience, scope, sub, issuer). */
class Interner {
    cap;
    pool = new Map();
    constructor(cap = 50_000) {
        this.cap = cap;
    }
    get(s) {
        if (s === undefined)
            return undefined;
        const hit = this.pool.get(s);
        if (hit !== undefined)
            return hit;
        // Bounded: once full, new values are kept as they come (correct, only not shared).
        if (this.pool.size >= this.cap)
            return s;
        const v = flat(s);
        this.pool.set(v, v);
        return v;
    }
}
/**
 * Keys filed under the (whole) second they expire. `drain` hands back the keys of seconds that have
 * passed, at most `budget` at a time (the rest on the next call), so no call pays for a whole burst.
 * Each owner checks an entry is still due before dropping it, so a key filed twice is harmless.
 */
class ExpiryWheel {
    buckets = new Map();
    /** Seconds before this are drained; `pos` keys of second `at` are done. */
    at = -1;
    pos = 0;
    add(until, key) {
        const sec = Math.ceil(until);
        // Filed in the past (the clock moved back, or a zero ttl): it goes in the next drain.
        const s = this.at >= 0 && sec < this.at ? this.at : sec;
        let b = this.buckets.get(s);
        if (!b)
            this.buckets.set(s, (b = []));
        b.push(key);
    }
    /** False when `drain(now)` would do nothing: every second up to `now` is drained already. */
    due(now) {
        return this.at < 0 || this.at <= now;
    }
    drain(now, budget, fn) {
        if (this.at < 0) {
            // First drain: start at the earliest second filed.
            let min = Infinity;
            for (const s of this.buckets.keys())
                min = Math.min(min, s);
            if (min === Infinity) {
                this.at = Math.floor(now);
                return;
            }
            this.at = min;
        }
        while (this.at <= now && budget > 0) {
            const b = this.buckets.get(this.at);
            if (b) {
                while (this.pos < b.length && budget > 0) {
                    fn(b[this.pos]);
                    b[this.pos++] = '';
                    budget--;
                }
                if (this.pos < b.length)
                    return;
                this.buckets.delete(this.at);
            }
            this.pos = 0;
            this.at++;
            // Nothing filed any more: every second up to now is drained. Walking them one by one blocked the
            // event loop for as long as the clock had jumped (a host booted at 1970 and then set right:
            // two billion turns of this loop, minutes, before the next request was read).
            if (this.buckets.size === 0) {
                this.at = Math.max(this.at, Math.floor(now) + 1);
                return;
            }
            // A long idle gap: jump to the next filed second instead of walking every empty one.
            if (!this.buckets.has(this.at) && this.buckets.size > 0 && this.buckets.size < 4096) {
                let next = Infinity;
                for (const s of this.buckets.keys())
                    if (s >= this.at)
                        next = Math.min(next, s);
                if (next !== Infinity && next > this.at + 64)
                    this.at = Math.min(next, Math.floor(now) + 1);
            }
        }
    }
}
/** Min-heap of (due time, grant id); stale entries (re-queued or dropped since) are skipped on pop. */
class DueHeap {
    at = [];
    id = [];
    get size() {
        return this.at.length;
    }
    push(at, id) {
        let i = this.at.length;
        this.at.push(at);
        this.id.push(id);
        while (i > 0) {
            const p = (i - 1) >> 1;
            if (this.at[p] <= at)
                break;
            this.at[i] = this.at[p];
            this.id[i] = this.id[p];
            i = p;
        }
        this.at[i] = at;
        this.id[i] = id;
    }
    peek() {
        return this.at.length ? this.at[0] : Infinity;
    }
    pop() {
        const top = [this.at[0], this.id[0]];
        const lastAt = this.at.pop();
        const lastId = this.id.pop();
        const n = this.at.length;
        if (n > 0) {
            let i = 0;
            for (;;) {
                const l = 2 * i + 1;
                if (l >= n)
                    break;
                const c = l + 1 < n && this.at[l + 1] < this.at[l] ? l + 1 : l;
                if (this.at[c] >= lastAt)
                    break;
                this.at[i] = this.at[c];
                this.id[i] = this.id[c];
                i = c;
            }
            this.at[i] = lastAt;
            this.id[i] = lastId;
        }
        return top;
    }
}
/** The fields of CredentialRecord, in the order a record is rebuilt in. */
const FIELDS = [
    'grantId',
    'tokenHash',
    'kind',
    'secret',
    'audience',
    'scope',
    'sub',
    'repository',
    'repositoryId',
    'workflow',
    'callerWorkflow',
    'job',
    'step',
    'runId',
    'runAttempt',
    'issuer',
    'checkRunId',
    'issuedAt',
    'expiresAt',
    'upstreamExpiresAt',
    'claimKey',
    'deliverBy',
    'dispatchTo',
    'dispatchToIds',
    'parentRuns',
    'parentGrantId',
    'chain',
    'revokedAt',
    'revokedReason',
    'revocation',
    'revokeAttempts',
];
const KNOWN = new Set(FIELDS);
/**
 * One credential record, every field in the object itself (a record built by spreading and then
 * `delete`d from becomes a dictionary of about 700 bytes); absent fields are undefined, and fields
 * this version does not know are kept aside in `extra`.
 */
class Rec {
    grantId;
    tokenHash;
    kind;
    secret;
    audience;
    scope;
    sub;
    repository;
    repositoryId;
    workflow;
    callerWorkflow;
    job;
    step;
    runId;
    runAttempt;
    issuer;
    checkRunId;
    issuedAt;
    expiresAt;
    upstreamExpiresAt;
    claimKey;
    deliverBy;
    dispatchTo;
    dispatchToIds;
    parentRuns;
    parentGrantId;
    chain;
    revokedAt;
    revokedReason;
    revocation;
    revokeAttempts;
    extra;
    constructor(r, s) {
        this.grantId = flat(r.grantId);
        this.tokenHash = flat(r.tokenHash);
        this.kind = r.kind;
        this.secret = r.secret;
        this.audience = s.get(r.audience);
        this.scope = s.get(r.scope);
        this.sub = s.get(r.sub);
        this.repository = s.get(r.repository);
        this.repositoryId = s.get(r.repositoryId);
        this.workflow = s.get(r.workflow);
        this.callerWorkflow = s.get(r.callerWorkflow);
        this.job = s.get(r.job);
        this.step = s.get(r.step);
        this.runId = flat(r.runId);
        this.runAttempt = s.get(r.runAttempt);
        this.issuer = s.get(r.issuer);
        this.checkRunId = r.checkRunId;
        this.issuedAt = r.issuedAt;
        this.expiresAt = r.expiresAt;
        this.upstreamExpiresAt = r.upstreamExpiresAt;
        this.claimKey = r.claimKey === undefined ? undefined : flat(r.claimKey);
        this.deliverBy = r.deliverBy;
        this.dispatchTo = r.dispatchTo;
        this.dispatchToIds = r.dispatchToIds;
        this.parentRuns = r.parentRuns;
        this.parentGrantId = r.parentGrantId;
        this.chain = r.chain;
        this.revokedAt = r.revokedAt;
        this.revokedReason = r.revokedReason;
        this.revocation = r.revocation;
        this.revokeAttempts = r.revokeAttempts;
        let extra;
        for (const k in r)
            if (!KNOWN.has(k) && Object.prototype.hasOwnProperty.call(r, k))
                (extra ??= {})[k] = r[k];
        this.extra = extra;
    }
    /** The record as the interface has it: only the fields that are set. */
    out() {
        const o = {};
        for (const k of FIELDS)
            if (this[k] !== undefined)
                o[k] = this[k];
        if (this.extra)
            Object.assign(o, this.extra);
        return o;
    }
}
class MemoryStore {
    clock;
    options;
    /** digest(jti key) -> until (whole seconds). */
    once = new Map();
    onceWheel = new ExpiryWheel();
    /**
     * digest(claim key) -> holders; live until its wheel entry comes due (no time of its own: the
     * wheel is drained before every read, and an entry dropped late is only held longer).
     */
    claims = new Map();
    claimWheel = new ExpiryWheel();
    anonymous = 0;
    records = new Map();
    recordWheel = new ExpiryWheel();
    intents = new Map();
    byHash = new Map();
    /** run id -> grant id(s): the sweeper revokes each credential with its run's descendants, found here, not by a scan. */
    byRun = new Map();
    /** repository (lower case) -> grant ids of tokens that can start runs there: a dispatched run's parents, found here, not by a scan. */
    byDispatch = new Map();
    /** blocked run id -> its kill switch's reach (Store.noteReach), until RUN_KEEP_SECONDS. */
    reach = new Map();
    /** (issuer, repository) -> runs whose writing token there may be live: a child's candidate parents, kept their records' window. */
    window;
    /** run id -> issuer -> the run's writing entry, kept RUN_KEEP_SECONDS past its end (insertion order ~ its end). */
    writerRuns_ = new Map();
    /** (issuer, repository id) -> App-started run -> its first exchange and direct parents. */
    links;
    /** grant id -> when its revocation (or next retry) is due; a lease moves it forward. */
    queue = new Map();
    dueHeap = new DueHeap();
    buckets = new Map();
    bucketWheel = new ExpiryWheel();
    blockList = new Map();
    strings = new Interner();
    capacity;
    alarmedAt = -Infinity;
    /** The last key digested: an exchange asks seen() then admit() for the same jti. */
    lastKey = '';
    lastDigest = '';
    constructor(clock = () => (0,steady/* steadyNowMs */.JC)() / 1000, options = {}) {
        this.clock = clock;
        this.options = options;
        this.capacity = options.capacity ?? DEFAULT_MEMORY_CAPACITY;
        this.window = new RunIndex(0, options.runsPerRepository);
        this.links = new RunIndex(store/* RUN_KEEP_SECONDS */.GS, options.runsPerRepository);
    }
    /** Sizes, for the boundedness tests and the state gauge. */
    sizes() {
        return {
            once: this.once.size,
            claims: this.claims.size,
            records: this.records.size,
            intents: this.intents.size,
            queue: this.queue.size,
            buckets: this.buckets.size,
        };
    }
    /** Live exchanges held (the largest of used jtis, claims and records) against the capacity. */
    usage() {
        return {
            used: Math.max(this.once.size, this.claims.size, this.records.size),
            capacity: this.capacity,
        };
    }
    /**
     * Readiness: not ready while a new exchange would be refused for capacity (503 ERR_STATE_FULL), so
     * the load balancer sends elsewhere instead of to an instance that can only refuse.
     */
    async health() {
        this.tick();
        const full = [
            ['jti', this.once.size],
            ['claims', this.claims.size],
            ['records', this.records.size],
        ].find(([, size]) => size >= this.capacity);
        if (full)
            throw new StateFull(full[0], this.capacity);
    }
    /** Drops everything whose window has passed at `now` (tests; calls drop a bounded amount each). */
    prune(now = this.clock()) {
        this.expire(now, Infinity);
        this.window.prune(now);
        this.links.prune(now);
        this.pruneWriters(now);
    }
    /**
     * Drops what has come due, at most `budget` entries per kind: a burst's expiries are spread over
     * the calls that follow instead of landing on one request. An entry dropped a little late is
     * only held a little longer (stricter), never given up early.
     */
    expire(now, budget) {
        // Every store call ticks (four to five per exchange) and almost none finds a second passed: the
        // drain callbacks below are built only when a wheel has something due.
        if (!this.onceWheel.due(now) &&
            !this.claimWheel.due(now) &&
            !this.bucketWheel.due(now) &&
            !this.recordWheel.due(now))
            return;
        this.onceWheel.drain(now, budget, (k) => {
            const until = this.once.get(k);
            if (until !== undefined && until <= now)
                this.once.delete(k);
        });
        // A claim key is filed once (again only after it was dropped), so its entry is its window's end.
        this.claimWheel.drain(now, budget, (k) => this.claims.delete(k));
        this.bucketWheel.drain(now, budget, (k) => {
            const b = this.buckets.get(k);
            if (!b)
                return;
            if (b.full <= now)
                this.buckets.delete(k);
            else
                this.bucketWheel.add((b.filed = Math.ceil(b.full)), k);
        });
        this.recordWheel.drain(now, budget, (id) => {
            const r = this.records.get(id);
            if (!r)
                return;
            const until = (0,store/* retainUntil */.yQ)(r);
            // Never dropped while its revocation is still owed: looked at again a minute later.
            if (until > now || this.queue.has(id))
                this.recordWheel.add(Math.max(until, now + 60), id);
            else
                this.dropRecord(r);
        });
    }
    dropRecord(r) {
        this.records.delete(r.grantId);
        if (this.byHash.get(r.tokenHash) === r.grantId)
            this.byHash.delete(r.tokenHash);
        const run = this.byRun.get(r.runId);
        if (run === r.grantId)
            this.byRun.delete(r.runId);
        else if (typeof run === 'object') {
            run.delete(r.grantId);
            if (run.size === 1)
                this.byRun.set(r.runId, run.values().next().value);
        }
        for (const repo of r.dispatchTo ?? []) {
            const ids = this.byDispatch.get(repo);
            ids?.delete(r.grantId);
            if (ids?.size === 0)
                this.byDispatch.delete(repo);
        }
    }
    tick() {
        const now = this.clock();
        // 256 of each kind per call: far above the rate anything is added at, so nothing piles up.
        this.expire(now, 256);
        return now;
    }
    /** Refuses a new exchange when the state holds its capacity (an alarm at most once a minute). */
    roomFor(what, size, now) {
        if (size < this.capacity)
            return;
        const err = new StateFull(what, this.capacity);
        if (now - this.alarmedAt >= 60) {
            this.alarmedAt = now;
            this.options.onFull?.(err);
        }
        throw err;
    }
    digestOf(key) {
        if (key !== this.lastKey) {
            this.lastDigest = digest(key);
            this.lastKey = key;
        }
        return this.lastDigest;
    }
    use(key, ttlSeconds, now) {
        const k = this.digestOf(key);
        const until = this.once.get(k);
        if (until !== undefined && until > now)
            return false;
        this.roomFor('jti', this.once.size, now);
        const u = Math.ceil(now + ttlSeconds);
        this.once.set(k, u);
        this.onceWheel.add(u, k);
        return true;
    }
    async useOnce(key, ttlSeconds) {
        return this.use(key, ttlSeconds, this.tick());
    }
    /**
     * Job-end marks share the used-jti map and its expiry wheel (bounded with it): the prefix cannot
     * meet a jti key, which starts with its issuer's URL.
     */
    async endJob(jobEndKey, ttlSeconds) {
        const now = this.tick();
        const k = this.digestOf(`jobend:${jobEndKey}`);
        const u = Math.ceil(now + ttlSeconds);
        const until = this.once.get(k);
        if (until !== undefined && until >= u)
            return;
        if (until === undefined)
            this.roomFor('jti', this.once.size, now);
        this.once.set(k, u);
        this.onceWheel.add(u, k);
    }
    async jobEnded(jobEndKey) {
        const until = this.once.get(this.digestOf(`jobend:${jobEndKey}`));
        return until !== undefined && until > this.clock();
    }
    async seen(key) {
        const now = this.tick();
        const until = this.once.get(this.digestOf(key));
        return until !== undefined && until > now;
    }
    /**
     * The exchange's screen and gate as one store call each, as on Redis: the same steps gatesOf()
     * composes (this store's own seen/rateLimit and admit/claim/intend), without the service's
     * per-call layer (timing, fail-closed promise) around each of the five.
     */
    screen(req) {
        return (0,store/* composedScreen */.LD)(this, req);
    }
    gate(req) {
        return (0,store/* composedGate */.I_)(this, req);
    }
    screenGate(screen, req) {
        return (0,store/* composedScreenGate */.E2)({ screen: (r) => (0,store/* composedScreen */.LD)(this, r), gate: (r) => (0,store/* composedGate */.I_)(this, r) }, screen, req);
    }
    async admit(jtiKey, ttlSeconds) {
        const now = this.tick();
        // The exchange's first write: refused here, before anything is used or counted, when full.
        this.roomFor('claims', this.claims.size, now);
        this.roomFor('records', this.records.size, now);
        return { fresh: this.use(jtiKey, ttlSeconds, now), blocks: [...this.blockList.values()] };
    }
    async claim(key, ttlSeconds, holder) {
        const now = this.tick();
        const k = this.digestOf(key);
        const h = holder === undefined ? `anonymous:${++this.anonymous}` : flat(holder);
        const held = this.claims.get(k);
        if (held === undefined) {
            this.roomFor('claims', this.claims.size, now);
            this.claims.set(k, h);
            this.claimWheel.add(now + ttlSeconds, k);
            return 1;
        }
        const list = typeof held === 'string' ? (held ? [held] : []) : held;
        if (!list.includes(h))
            list.push(h);
        this.claims.set(k, list.length === 1 ? list[0] : list);
        return list.length;
    }
    async claimed(key) {
        this.tick();
        const held = this.claims.get(this.digestOf(key));
        return held === undefined ? 0 : typeof held === 'string' ? (held ? 1 : 0) : held.length;
    }
    async unclaim(key, holder) {
        this.giveBack(key, holder);
    }
    /** unclaim's step, synchronous: abandon() takes an intent and frees its claim with nothing between. */
    giveBack(key, holder) {
        const k = this.digestOf(key);
        const held = this.claims.get(k);
        if (held === undefined)
            return;
        if (typeof held === 'string') {
            if (held && (holder === undefined || held === holder))
                this.claims.set(k, '');
            return;
        }
        const i = holder === undefined ? (held.length ? 0 : -1) : held.indexOf(holder);
        if (i >= 0)
            held.splice(i, 1);
        if (held.length <= 1)
            this.claims.set(k, held[0] ?? '');
    }
    async inFlight(claimKey, except) {
        const held = this.claims.get(this.digestOf(claimKey));
        const holders = held === undefined ? [] : typeof held === 'string' ? (held ? [held] : []) : held;
        let first;
        for (const id of holders) {
            if (id === except)
                continue;
            const r = this.records.get(id);
            if (!this.intents.has(id) && (r?.deliverBy === undefined || r.revokedAt !== undefined))
                continue;
            const at = this.queue.get(id) ?? this.clock();
            if (first === undefined || at < first)
                first = at;
        }
        return first;
    }
    enqueue(grantId, at) {
        this.queue.set(grantId, at);
        this.dueHeap.push(at, grantId);
    }
    async intend(intent) {
        const now = this.tick();
        this.roomFor('records', this.records.size + this.intents.size, now);
        this.intents.set(intent.grantId, { ...intent });
        this.enqueue(intent.grantId, intent.sweepAt ?? intent.deadline);
    }
    async abandon(grantId) {
        const intent = this.intents.get(grantId);
        if (!intent)
            return undefined;
        this.intents.delete(grantId);
        this.queue.delete(grantId);
        this.giveBack(intent.claimKey, grantId);
        return intent;
    }
    async put(record) {
        this.tick();
        if (record.deliverBy !== undefined && !this.intents.has(record.grantId))
            throw new store/* IntentGone */.M7(record.grantId);
        this.store(record);
    }
    async putDelivered(record, jobEndKey) {
        this.tick();
        if (!this.intents.has(record.grantId))
            throw new store/* IntentGone */.M7(record.grantId);
        // Delivered as it is stored: queued at its deadline, never at an in-flight window.
        this.store(record.deliverBy === undefined ? record : { ...record, deliverBy: undefined });
        return { blocks: [...this.blockList.values()], ...(await this.endedOf(jobEndKey)) };
    }
    async endedOf(jobEndKey) {
        return jobEndKey !== undefined && (await this.jobEnded(jobEndKey)) ? { jobEnded: true } : {};
    }
    store(record) {
        this.intents.delete(record.grantId);
        const old = this.records.get(record.grantId);
        if (old)
            this.dropRecord(old);
        const r = new Rec(record, this.strings);
        this.records.set(r.grantId, r);
        this.recordWheel.add((0,store/* retainUntil */.yQ)(r), r.grantId);
        this.byHash.set(r.tokenHash, r.grantId);
        const run = this.byRun.get(r.runId);
        if (run === undefined)
            this.byRun.set(r.runId, r.grantId);
        else if (typeof run === 'string') {
            if (run !== r.grantId)
                this.byRun.set(r.runId, new Set([run, r.grantId]));
        }
        else
            run.add(r.grantId);
        for (const repo of r.dispatchTo ?? []) {
            let ids = this.byDispatch.get(repo);
            if (!ids)
                this.byDispatch.set(repo, (ids = new Set()));
            ids.add(r.grantId);
            this.window.note((0,store/* writerRunsKey */.P6)(r.issuer ?? '', (0,store/* dispatchKeyOf */.NB)(r, repo)), r.runId, r.issuedAt, (0,store/* retainUntil */.yQ)(r), r.parentRuns ?? [], this.clock());
        }
        if (r.dispatchTo?.length)
            this.noteWriter((0,store/* writerOf */.bi)(r));
        if (r.revocation !== 'done' && r.revocation !== 'failed')
            this.enqueue(r.grantId, r.deliverBy ?? r.expiresAt);
    }
    async deliver(grantId, jobEndKey) {
        const r = this.records.get(grantId);
        const blocks = [...this.blockList.values()];
        if (!r || r.revokedAt !== undefined || r.deliverBy === undefined)
            return { delivered: false, blocks };
        r.deliverBy = undefined;
        this.enqueue(grantId, r.expiresAt);
        return { delivered: true, blocks, ...(await this.endedOf(jobEndKey)) };
    }
    async get(grantId) {
        return this.records.get(grantId)?.out();
    }
    async intent(grantId) {
        return this.intents.get(grantId);
    }
    async byTokenHash(hash) {
        const id = this.byHash.get(hash);
        return id ? this.get(id) : undefined;
    }
    async writerRuns(q, now) {
        const { entries, overflowed } = this.window.read((0,store/* writerRunsKey */.P6)(q.issuer, q.repository), q.liveAt, now);
        return {
            // The entry's parents array is replaced, never changed in place, by a later note: shared as read-only.
            runs: entries.map((e) => ({ runId: e.runId, first: e.first, until: e.score, parents: e.parents })),
            overflowed,
        };
    }
    async noteReach(runId, reach, now) {
        // One entry per blocked run (an administrator's kill switch: few), dropped at its end when read.
        if (reach.length)
            this.reach.set(runId, { until: now + store/* RUN_KEEP_SECONDS */.GS, reach: [...reach] });
        else
            this.reach.delete(runId);
    }
    async reaches(runIds, now) {
        const out = new Map();
        for (const id of new Set(runIds)) {
            const e = this.reach.get(id);
            if (e && e.until < now)
                this.reach.delete(id);
            else if (e)
                out.set(id, [...e.reach]);
        }
        return out;
    }
    async writers(runIds, now) {
        const out = [];
        for (const id of new Set(runIds))
            for (const w of this.writerRuns_.get(id)?.values() ?? [])
                if (w.until + store/* RUN_KEEP_SECONDS */.GS >= now)
                    out.push({ ...w, to: { ...w.to } });
        return out;
    }
    async linkRun(run, parents, now) {
        const e = this.links.note((0,store/* runLinksKey */.Kh)(run), run.runId, now, now, parents, now);
        // Replaced, never changed in place, by a later note: shared as read-only.
        return { first: e.first, parents: e.parents };
    }
    async runLink(run, now) {
        const e = this.links.get((0,store/* runLinksKey */.Kh)(run), run.runId, now);
        return e && { first: e.first, parents: [...e.parents] };
    }
    async linkedRuns(k, firstFrom, now) {
        // By score (the last exchange, never before the first), then by the first exchange itself.
        return this.links
            .read((0,store/* runLinksKey */.Kh)(k), firstFrom, now)
            .entries.filter((e) => e.first >= firstFrom)
            .map((e) => ({ runId: e.runId, first: e.first, parents: [...e.parents] }));
    }
    /** A writing run's entry, merged with its earlier ones and moved to the end (its end is the latest). */
    noteWriter(w) {
        let byIssuer = this.writerRuns_.get(w.runId);
        const old = byIssuer?.get(w.issuer);
        if (byIssuer)
            this.writerRuns_.delete(w.runId);
        else
            byIssuer = new Map();
        byIssuer.set(w.issuer, old ? (0,store/* mergeWriters */.Vo)(old, w) : w);
        this.writerRuns_.set(w.runId, byIssuer);
        if (this.writerRuns_.size % 256 === 0)
            this.pruneWriters(this.clock());
        // Bounded as every memory index is (one instance's store): past it the oldest run is forgotten,
        // so a block of it no longer refuses a late child (Redis keeps a key per run, unbounded; deploy.md).
        if (this.writerRuns_.size > MEMORY_WRITERS)
            this.writerRuns_.delete(this.writerRuns_.keys().next().value);
    }
    /**
     * Drops the front's entries past their keeping: insertion order is end order but for a clock that
     * stepped back, which only keeps an entry longer (a read checks its end itself).
     */
    pruneWriters(now) {
        for (const [id, byIssuer] of this.writerRuns_) {
            for (const [iss, w] of byIssuer)
                if (w.until + store/* RUN_KEEP_SECONDS */.GS < now)
                    byIssuer.delete(iss);
            if (byIssuer.size)
                break;
            this.writerRuns_.delete(id);
        }
    }
    /** The records a filter can match: the run's or the dispatch targets' when it names them, else all. */
    candidates(filter) {
        const ids = filter.runId !== undefined
            ? this.byRun.get(filter.runId)
            : filter.dispatchTo !== undefined
                ? this.byDispatch.get(filter.dispatchTo.toLowerCase())
                : this.records;
        if (ids === this.records)
            return this.records.values();
        if (ids === undefined)
            return [];
        const out = [];
        for (const id of typeof ids === 'string' ? [ids] : ids) {
            const r = this.records.get(id);
            if (r)
                out.push(r);
        }
        return out;
    }
    async live(filter, now) {
        const out = [];
        for (const r of this.candidates(filter))
            if ((0,store/* recordMatches */.p6)(r, filter, now))
                out.push(r.out());
        return out;
    }
    /** Every credential matching the filter, live or ended, as long as the store keeps it. */
    async list(filter) {
        const out = [];
        for (const r of this.candidates(filter))
            if ((0,store/* selectorMatches */.de)(r, filter))
                out.push(r.out());
        return out;
    }
    async release(grantIds) {
        for (const id of grantIds)
            if (this.queue.has(id))
                this.enqueue(id, this.clock());
    }
    async due(now, limit, leaseSeconds) {
        const out = [];
        const leased = [];
        while (out.length < limit && this.dueHeap.peek() <= now) {
            const [at, id] = this.dueHeap.pop();
            // Stale: re-queued at another time, or settled, since this entry was pushed.
            if (this.queue.get(id) !== at || out.includes(id))
                continue;
            out.push(id);
            leased.push(id);
        }
        for (const id of leased)
            this.enqueue(id, now + leaseSeconds);
        return out;
    }
    /**
     * One sweeper (no leases, no hold()): every entry of the batch is this caller's, read as it is now
     * (revocation.ts sweepBatch: with expireAloneMany, the batch's broker JWTs alone in their run are
     * expired in one call instead of markRevoked, the run's live() and settleRevocation each).
     */
    async holdMany(grantIds) {
        return grantIds.map((id) => ({ record: this.records.get(id)?.out() }));
    }
    /** The Redis store's swExpireAlone, entry by entry: the same refusals, the same state after. */
    async expireAloneMany(entries, at) {
        return entries.map(({ grantId, runId }) => this.expireOne(grantId, runId, at));
    }
    /** One entry of expireAloneMany (and of takeDue, whatever a view of this store hides). */
    expireOne(grantId, runId, at) {
        const r = this.records.get(grantId);
        if (!r || r.revokedAt !== undefined || r.deliverBy !== undefined || r.secret || r.revocation)
            return false;
        // Nothing else indexed under its run (a chained child there is revoked with it: not alone).
        const run = this.byRun.get(runId);
        if (run !== undefined &&
            run !== grantId &&
            !(typeof run !== 'string' && run.size === 1 && run.has(grantId)))
            return false;
        r.revokedAt = at;
        r.revokedReason = 'TTL_PASSED';
        this.queue.delete(grantId);
        this.intents.delete(grantId);
        r.revocation = 'done';
        // As settleRevocation: kept past its retention only while owed.
        if ((0,store/* retainUntil */.yQ)(r) <= this.clock())
            this.dropRecord(r);
        return true;
    }
    /** The Redis store's swTakeDue: due(), then each due broker JWT that expireAloneMany() takes. */
    async takeDue(now, limit, leaseSeconds, take) {
        const ids = await this.due(now, limit, leaseSeconds);
        const held = ids.map((id) => ({ record: this.records.get(id)?.out() }));
        const expired = held.map(({ record: r }, i) => r?.kind === 'jwt' && this.expireOne(ids[i], r.runId, take.at));
        return { ids, held, expired };
    }
    /** Nothing to learn: this store's answers are never lost. */
    async takenBy() {
        return [];
    }
    async markRevoked(grantId, at, opts = {}) {
        const r = this.records.get(grantId);
        if (!r || r.revokedAt !== undefined)
            return false;
        if (opts.undeliveredOnly && r.deliverBy === undefined)
            return false;
        r.revokedAt = at;
        if (opts.reason !== undefined)
            r.revokedReason = opts.reason;
        if (opts.retryAt !== undefined && !((this.queue.get(grantId) ?? Infinity) <= opts.retryAt))
            this.enqueue(grantId, opts.retryAt);
        // Never delivered: nobody holds it, so the step may claim its grant again.
        if (r.deliverBy !== undefined && r.claimKey)
            await this.unclaim(r.claimKey, grantId);
        return true;
    }
    async retryRevocation(grantId, at, attempts) {
        const r = this.records.get(grantId);
        if (!r) {
            this.queue.delete(grantId);
            return true;
        }
        const was = r.revocation;
        if (was === 'done' || was === 'failed')
            return false;
        r.revocation = 'pending';
        r.revokeAttempts = attempts;
        this.enqueue(grantId, at);
        return was === 'pending' ? 'again' : true;
    }
    async pendingRevocations(cap = 10_000) {
        let n = 0;
        let seen = 0;
        for (const id of this.queue.keys()) {
            if (seen++ >= cap)
                break;
            if (this.records.get(id)?.revocation === 'pending')
                n++;
        }
        return n;
    }
    async overdue(now, cap = 10_000) {
        let n = 0;
        let seen = 0;
        for (const [id, at] of this.queue) {
            if (seen++ >= cap)
                break;
            // An undelivered credential or an intent is due at its in-flight window, else at its deadline.
            const r = this.records.get(id);
            const i = this.intents.get(id);
            const deadline = r ? (r.deliverBy ?? r.expiresAt) : i ? (i.sweepAt ?? i.deadline) : at;
            if (deadline <= now)
                n++;
        }
        return n;
    }
    async settleRevocation(grantId, outcome) {
        this.queue.delete(grantId);
        this.intents.delete(grantId);
        const r = this.records.get(grantId);
        if (!r)
            return true;
        const first = r.revocation !== 'done' && r.revocation !== 'failed';
        if (first)
            r.revocation = outcome;
        // The secret was kept only to revoke upstream; from here on it is only a liability.
        r.secret = undefined;
        // No longer owed, and kept past its retention only because it was: dropped now.
        if ((0,store/* retainUntil */.yQ)(r) <= this.clock())
            this.dropRecord(r);
        return first;
    }
    /** Token bucket: `limit` per window, refilled continuously; O(1) per call whatever the burst. */
    async rateLimit(key, limit, windowSeconds, now) {
        this.tick();
        const rate = limit / windowSeconds;
        let b = this.buckets.get(key);
        if (!b)
            this.buckets.set(key, (b = { tokens: limit, at: now, full: now, filed: -1 }));
        b.tokens = Math.min(limit, b.tokens + Math.max(0, now - b.at) * rate);
        b.at = now;
        let result = { allowed: true, retryAfter: 0 };
        if (b.tokens < 1)
            result = { allowed: false, retryAfter: Math.max(1, Math.ceil((1 - b.tokens) / rate)) };
        else
            b.tokens -= 1;
        b.full = now + (limit - b.tokens) / rate;
        // One wheel entry per bucket at a time: when it comes due, a bucket not yet full is filed again.
        if (b.filed < 0)
            this.bucketWheel.add((b.filed = Math.ceil(b.full)), key);
        return result;
    }
    async block(block, whileHeld) {
        if (whileHeld && !this.blockList.has((0,store/* blockKey */.Ju)(whileHeld)))
            return false;
        this.blockList.set((0,store/* blockKey */.Ju)(block), { ...block });
        return true;
    }
    async unblock(selector) {
        const lifted = this.blockList.delete((0,store/* blockKey */.Ju)(selector));
        // The kill switch's reach of a run (noteReach) belongs to its blocks: the last one lifted drops
        // it in this same step, so a later block of the run starts from its own walk, never a stale reach.
        const run = selector.runId;
        if (lifted && run && ![...this.blockList.values()].some((b) => b.runId === run))
            this.reach.delete(run);
        return lifted;
    }
    async blocks() {
        return [...this.blockList.values()];
    }
    async close() {
        /* nothing to release */
    }
}


/***/ }),

/***/ 3009:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t6: () => (/* binding */ RedisStore),
  JA: () => (/* binding */ parseSentinelUrl)
});

// UNUSED EXPORTS: EPOCH, FORMATS, GENERATION, INVALIDATE_CHANNEL, MAX_CLOCK_SKEW_SECONDS, REWIND_GRACE_MS, SEALERS, foreignSealers, hashOf, newerFormats, numberArg, parseInfo, redactUrl, stateServerProblems, stateServerWarnings, strictReplicasProblem

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./node_modules/ioredis/built/index.js
var built = __webpack_require__(7796);
// EXTERNAL MODULE: ./shared/clock/steady.ts
var steady = __webpack_require__(8381);
;// CONCATENATED MODULE: ./shared/broker/state/resp.ts
/**
 * A Redis command as RESP bytes, written once into one Buffer: the bytes ioredis's
 * `Command.toWritable` gives for string arguments (`*<n>\r\n`, then `$<UTF-8 length>\r\n<arg>\r\n` for
 * the name and each argument, the socket encoding the string as UTF-8).
 *
 * Why not ioredis's: it builds the text with `+=`, three string objects an argument (a rope the socket
 * then flattens, and the arguments themselves flattened by `Buffer.byteLength`): about 5 KB of young
 * garbage for a 28-argument script call, the largest single share of a Redis-state broker's
 * allocation (docs/performance.md, session 36). Here the only allocations are the lengths' array and
 * the Buffer, which Node takes from its shared pool below 4 KB.
 */
const CR = 13;
const LF = 10;
/** Decimal digits of a non-negative integer. */
const digitsOf = (n) => n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : String(n).length;
/** Writes `$<n>\r\n` (or `*<n>\r\n` with `lead` 42) at `o`; returns the offset after it. */
function header(b, o, lead, n) {
    b[o] = lead;
    const end = o + 1 + digitsOf(n);
    let k = end;
    do {
        b[--k] = 48 + (n % 10);
        n = Math.floor(n / 10);
    } while (n > 0);
    b[end] = CR;
    b[end + 1] = LF;
    return end + 2;
}
/**
 * Each argument is written by one `Buffer#write` (UTF-8; a lone surrogate as its replacement
 * character, as the socket wrote ioredis's string). A JavaScript loop copying short ASCII arguments
 * byte by byte was tried: equal CPU once optimized, but 24 % more instructions for the store's steps
 * under callgrind (the loop interpreted until the optimizing compiler's turn), so not kept.
 */
function respCommand(name, args) {
    const n = args.length;
    const lens = new Array(n);
    const nameLen = Buffer.byteLength(name);
    let total = 1 + digitsOf(n + 1) + 2 + 1 + digitsOf(nameLen) + 2 + nameLen + 2;
    for (let i = 0; i < n; i++) {
        const l = Buffer.byteLength(args[i]);
        lens[i] = l;
        total += 1 + digitsOf(l) + 2 + l + 2;
    }
    const b = Buffer.allocUnsafe(total);
    let o = header(b, 0, 42, n + 1);
    o = header(b, o, 36, nameLen);
    o += b.write(name, o);
    b[o++] = CR;
    b[o++] = LF;
    for (let i = 0; i < n; i++) {
        o = header(b, o, 36, lens[i]);
        o += b.write(args[i], o);
        b[o++] = CR;
        b[o++] = LF;
    }
    // The Buffer comes from Node's pool unzeroed: a length counted wrong would send another buffer's
    // leftover bytes to redis-server. Never seen (tests/broker/s36-b-resp holds the bytes to ioredis's).
    if (o !== total)
        throw new Error(`RESP command of ${total} bytes written as ${o}`);
    return b;
}

// EXTERNAL MODULE: ./shared/broker/state/secret-box.ts
var secret_box = __webpack_require__(1166);
// EXTERNAL MODULE: ./shared/broker/ops/fleet.ts
var fleet = __webpack_require__(521);
// EXTERNAL MODULE: ./shared/broker/state/store.ts
var state_store = __webpack_require__(2893);
;// CONCATENATED MODULE: ./shared/broker/state/redis.ts
/**
 * Broker state in Valkey \u2265 7.2 / Redis OSS \u2265 7.0, shared by every instance. Each check-and-write
 * is one atomic command or Lua script, so two instances never both win a `jti`, a claim, a rate-limit
 * token or a revocation. Commands fail fast (no offline queue, a command deadline): the service
 * turns any error into a 503 and grants nothing.
 *
 * Keys (prefix `stepwarden:`): jti:<iss:jti> (SET NX EX), claim:<key> (set of holders), rec:<grant>
 * (hash, EXPIREAT), tok:<sha256> -> grant, intent:<grant>, ix:* (sorted sets of grant ids by repository
 * id, repository, workflow, run, run/attempt/job, scored by retention end; SLOT_MARK beside them in
 * the trimmed ones), queue (sorted set:
 * revocation due time -> grant), rate:<key> (token bucket on the server clock), blocks (hash:
 * kill-switch blocks, no expiry), taken:<tag> (list: the grants one sweep's take expired, kept until
 * that instance's next take or an hour: takenKey), takes (sorted set: each taken:<tag> list by the end
 * of its lease on the store's clock; past it, the next take of any instance adopts the list: TAKES).
 *
 * An exchange costs four round trips, each one script (EVALSHA; ioredis sends the script again on
 * NOSCRIPT): screen (replay check + token bucket), gate (jti + blocks + claim + intent), put (record,
 * token hash, indexes, deadline) and deliver (blocks + deadline).
 */







const P = 'stepwarden:';
const QUEUE = `${P}queue`;
/**
 * Credential indexes: sorted sets, grant id scored by the record's retention end, trimmed of ended
 * ones when a put moves their expiry, about once a minute (INDEX_SLOT: a busy repository's index
 * holds its retained records, not every credential ever made) and expiring with their latest record. LEGACY_INDEX: the sets of an older version, read
 * until they expire by themselves.
 */
const INDEX = `${P}ix:`;
const LEGACY_INDEX = `${P}idx:`;
const BLOCKS = `${P}blocks`;
/**
 * Run indexes (store.ts writerRuns, linkRun): a sorted set and a hash (`d:`) per key. The window of
 * writing runs (WRITERS) kept the same shape since session 23 (an older instance reads it; since
 * session 25 its entries go at their end, not 36 days on); WRITER is new in session 25 (a hash per
 * writing run id, store.ts writers), read only by instances that write it.
 */
const WRITERS = `${P}wruns:`;
const WRITER = `${P}wrun:`;
const LINKS = `${P}rlinks:`;
/** A blocked run's kill-switch reach (store.ts noteReach): a hash per run id, [issuer, repository id] -> since. */
const REACH = `${P}reach:`;
/**
 * The job-end mark of a job (store.ts, jobEndKey: a JSON array), or the bare prefix where there is
 * none: a key the scripts never read then (their flag is '0'), passed only because a script's key
 * count is fixed.
 */
const jobEndMarkKey = (key) => `${P}jobend:${key ?? ''}`;
/**
 * Hash: the id of each key that sealed a GitHub token into the store -> when it last did (unix
 * seconds, refreshed at most every SEALER_REFRESH). An instance that cannot open what was sealed
 * within SEALER_WINDOW (longer than any record is kept) does not start: ERR_STATE_KEY_MISMATCH.
 */
const SEALERS = `${P}sealers`;
/**
 * Hash: store format (store.ts, STORE_FORMAT) -> when an instance last wrote a record in it (unix
 * seconds, refreshed at most every SEALER_REFRESH). An instance that finds a format above its own
 * written within SEALER_WINDOW (longer than any record is kept) does not start: it could neither read
 * nor revoke those records (ERR_STATE_FORMAT_NEWER). A rollback starts once they have expired.
 */
const FORMATS = `${P}formats`;
/** Hash: instance name -> its card (ops/fleet.ts), refreshed every 10 s; entries over an hour old are removed. */
const INSTANCES = `${P}instances`;
/**
 * A value written once (SET NX, no expiry) by the first instance to start on a store, read by every
 * other at start, and checked by every exchange in the gate script: a store that lost its data (a
 * restart without persistence, FLUSHALL, a lost disk) no longer has it, and the instances that knew
 * it refuse (ERR_STATE_LOST) instead of serving replays and blocked selectors on an empty store.
 */
const EPOCH = `${P}epoch`;
/**
 * A counter every exchange's gate (once its jti is written), every kill-switch block, job-end mark
 * and job-end listing advances (INCR, no expiry). Each instance remembers the highest value it has
 * seen (for longer than REWIND_GRACE_MS): a store answering lower went back to an older copy of its
 * data (an older snapshot or backup, a replica promoted without the last writes) where EPOCH is the
 * same; the instance then marks EPOCH (REWOUND_PREFIX), so every instance refuses (ERR_STATE_LOST).
 */
const GENERATION = `${P}gen`;
/** What EPOCH becomes when an instance finds the store behind it: `rewound:<found>:<seen>:<epoch>`. */
const REWOUND_PREFIX = 'rewound:';
/**
 * `<found>` in that mark when GENERATION is no counter the instances can compare (another type, not
 * digits, 16 digits or more: beyond a double's exact integers, where INCR would also stop): written
 * by hand or another tool, so whether the store went back can no longer be told. Failing closed the
 * rewind's way keeps one recovery (SET of the epoch; the script rewrites the counter meanwhile).
 */
const GENERATION_BROKEN = 'broken';
/**
 * How long (ms) a generation seen must be old before an instance holds the store to it, without
 * `strict` (with it: as soon as a replica acknowledged it). Replication is asynchronous: a failover
 * loses the writes the replica had not received, which `min-replicas-max-lag 10` (docs/deploy.md)
 * bounds to about 10 s; that loss is the one deploy.md accepts without strict mode, so it is not
 * called a rewind. A restore from a snapshot more than 10 s older than the last write is.
 */
const REWIND_GRACE_MS = 10_000;
/**
 * How far (seconds) an instance's clock may be from the store's (TIME) before it refuses exchanges.
 * An instance keeps a used jti for what is left of the token by its own clock, plus the verifier's
 * tolerance and a minute; another instance accepts the token until `exp` plus the tolerance by its
 * clock. No replay window opens while the two clocks differ by less than that minute: each within
 * 30 s of the store's.
 */
const MAX_CLOCK_SKEW_SECONDS = 30;
const SEALER_WINDOW = 2 * 3600;
const SEALER_REFRESH = 300;
/** The record fields decode() requires to be strings. */
const RECORD_STRINGS = [
    'grantId',
    'tokenHash',
    'scope',
    'sub',
    'repository',
    'repositoryId',
    'workflow',
    'job',
    'step',
    'runId',
    'runAttempt',
    'audience',
];
const INVALIDATE_CHANNEL = `${P}invalidate`;
/**
 * Claims are a set of holders (grant ids): a give-back of one holder is idempotent, whoever does it
 * (the exchange, the sweep, a revocation of an undelivered credential). A counter left by an older
 * version becomes that many anonymous holders. A Lua function `claim(key, ttl, holder)` -> count.
 */
const CLAIM_LUA = `local function legacy(key)
  if redis.call('TYPE', key).ok ~= 'string' then return end
  local n = tonumber(redis.call('GET', key) or '0')
  local ttl = redis.call('TTL', key)
  redis.call('DEL', key)
  for i = 1, n do redis.call('SADD', key, 'legacy:' .. i) end
  if n > 0 and ttl > 0 then redis.call('EXPIRE', key, ttl) end
end
local function claim(key, ttl, holder)
  -- SADD refuses an older version's counter (WRONGTYPE): converted, then added. One command less on
  -- every claim than asking TYPE first; any other error is raised by the second SADD.
  if type(redis.pcall('SADD', key, holder)) == 'table' then
    legacy(key)
    redis.call('SADD', key, holder)
  end
  redis.call('EXPIRE', key, ttl, 'NX')
  return redis.call('SCARD', key)
end
local function unclaim(key, holder)
  legacy(key)
  -- A key of another type (changed in the store) frees nothing and fails nothing: pcall.
  if holder ~= '' then redis.pcall('SREM', key, holder) else redis.pcall('SPOP', key) end
end
`;
/**
 * A Lua function `inflight(claimKey, except, prefix, queue)`: the earliest queue time of the claim's
 * holders other than `except` that are in flight (their intent there, or their record stored with
 * `deliverBy` and not revoked), false when none is (or the claim is an older version's counter).
 * `prefix` is the bare key prefix: the fault suites' Redis proxies pick a script call by the key
 * names it carries, and `stepwarden:rec:` in the gate's call was taken for deliver().
 */
const IN_FLIGHT_LUA = `local function inflight(claimKey, except, prefix, queue)
  if redis.call('TYPE', claimKey).ok ~= 'set' then return false end
  local due = false
  for _, h in ipairs(redis.call('SMEMBERS', claimKey)) do
    if h ~= except then
      local flying = redis.call('EXISTS', prefix .. 'intent:' .. h) == 1
      if not flying then
        local r = redis.call('HMGET', prefix .. 'rec:' .. h, 'deliverBy', 'revokedAt')
        flying = r[1] ~= false and r[2] == false
      end
      if flying then
        local at = tonumber(redis.call('ZSCORE', queue, h)) or 0
        if not due or at < due then due = at end
      end
    end
  end
  return due
end
`;
/**
 * The epoch and generation check before any write (the gate, useOnce, health, blocks). A Lua
 * function `generation(epochKey, genKey, mine, seen, highest)` (`seen`: the generation held to,
 * `highest`: the highest seen, also younger than the grace) -> nil when this instance may go on, else
 * {-1, the epoch found ('' when none)} or {-3, the rewound mark it wrote}. While the epoch is not
 * this instance's (lost, or marked rewound), each instance that asks raises the generation to the
 * highest it has seen (also what would age into `seen` later), so the operator's one SET of the epoch back leaves no instance above the store (an
 * instance that asked nothing meanwhile, not even /readyz, may find it behind and mark it again).
 * Raising never hides a loss: only a store below what an instance holds is one.
 */
const GENERATION_LUA = `local function counter(genKey, v)
  -- One command, not TYPE then GET (every gate runs this): a key of another type answers GET with
  -- WRONGTYPE, which pcall returns as a table, read as broken like any other value not a counter.
  -- v: the value MGET read (a string), else read here (MGET says nil for another type too).
  if not v then v = redis.pcall('GET', genKey) end
  if v == false then return 0 end
  if type(v) ~= 'string' then return nil end
  if not string.match(v, '^%d+$') or #v > 15 then return nil end
  return tonumber(v)
end
local function generation(epochKey, genKey, mine, seen, highest)
  -- Both in one MGET (session 29). MGET answers nil for a key of another type as for a missing one,
  -- so a nil is read again as before: GET of the epoch raises WRONGTYPE, counter() reads it broken.
  local both = redis.call('MGET', epochKey, genKey)
  local epoch = both[1] or redis.call('GET', epochKey)
  local gen = counter(genKey, both[2])
  if epoch ~= mine then
    if (gen or -1) < tonumber(highest) then
      redis.call('SET', genKey, highest)
    end
    return {-1, epoch or ''}
  end
  if gen == nil or gen < tonumber(seen) then
    local mark = '${REWOUND_PREFIX}' .. (gen or '${GENERATION_BROKEN}') .. ':' .. seen .. ':' .. mine
    redis.call('SET', epochKey, mark)
    redis.call('SET', genKey, highest)
    return {-3, mark}
  end
  return nil
end
`;
/**
 * Token bucket on the server's clock, so instances with skewed clocks share one bucket fairly. A Lua
 * function `bucket(key, limit, windowSeconds, now)` -> allowed (0/1), seconds to wait; `now` is the
 * server's TIME in seconds when the script has already read it (swScreenGate: one TIME for the
 * bucket and the gate's skew check, parsed once: each `tonumber` of a string is a strtod in
 * redis-server, session 38), else nil.
 */
const BUCKET_LUA = `local function bucket(key, limitText, windowText, now)
  if not now then
    local t = redis.call('TIME')
    now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  end
  local limit = tonumber(limitText)
  local rate = limit / tonumber(windowText)
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or limit
  local at = tonumber(b[2]) or now
  tokens = math.min(limit, tokens + math.max(0, now - at) * rate)
  local allowed, retry = 0, 0
  if tokens < 1 then retry = math.max(1, math.ceil((1 - tokens) / rate)) else tokens = tokens - 1; allowed = 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('EXPIRE', key, math.ceil((limit - tokens) / rate) + 1)
  return allowed, retry
end
`;
/**
 * The trimmed indexes' expiry is set to the end of the INDEX_SLOT (seconds) in which their latest
 * record's retention ends, and they are trimmed only when it moves (session 29): a put that finds the
 * expiry already past its record's retention (most of them, on a busy repository) runs ZADD and
 * EXPIRETIME alone, two commands instead of four. What it costs: entries whose retention ended stay
 * until the next put that moves the expiry, about INDEX_SLOT seconds' worth of them, which a reader
 * of the index finds gone and removes (live()); an index outlives its latest record by under
 * INDEX_SLOT seconds. An older instance on the same store trims on every put and only raises the
 * expiry (EXPIRETIME < its keep), so the two kinds of put agree.
 *
 * Since session 37 the put of a new credential (its intent taken in the same script) reads no
 * EXPIRETIME: the index holds SLOT_MARK, scored by the slot end its expiry was last raised to, and one
 * ZADD (GT CH) writes the entry and raises the mark; its answer says whether the mark moved (2: the
 * new entry and the mark) and only then is EXPIRETIME read, the index trimmed and its expiry raised.
 * What holds it: whenever the mark is there at S, the key's expiry is at least S (set in the same
 * script; nothing lowers an index's expiry: every version only raises it), so an unmoved mark proves
 * the expiry covers the new entry. A mark removed (an older instance's reader takes it for a gone
 * record) is written again by the next put, which then checks the expiry as before.
 */
const INDEX_SLOT = 60;
/** The trimmed indexes' member scored by their expiry's slot end (above): never a grant id (a UUID). */
const SLOT_MARK = '!expiry';
/**
 * The record's writes, shared by swPut and swPutDelivered: the hash (ARGV[7..6+n]) with its expiry
 * (ARGV[2]), the token-hash key, the indexes (ARGV[8+n..]; the first ARGV[7+n] trimmed of entries
 * ended before ARGV[5] when their expiry moves: INDEX_SLOT), and the queue entry at ARGV[3] ('' : none).
 * KEYS: intent, rec, tok, queue. `fresh` (set by the caller): this script took the credential's
 * intent, so no put of it came before (a put takes the intent) and its id is in no index: a trimmed
 * index's ZADD (GT CH) answers 1 for the entry plus 1 when SLOT_MARK moved, nothing else.
 */
const PUT_LUA = `local n = tonumber(ARGV[6])
redis.call('HSET', KEYS[2], unpack(ARGV, 7, 6 + n))
redis.call('EXPIREAT', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[4], 'EXAT', ARGV[2])
local slotEnd = math.ceil(tonumber(ARGV[2]) / ${INDEX_SLOT}) * ${INDEX_SLOT}
local slot = string.format('%d', slotEnd)
local trimmed = 7 + n + tonumber(ARGV[7 + n])
for i = 8 + n, #ARGV do
  if i <= trimmed then
    local check = true
    if fresh then
      check = redis.call('ZADD', ARGV[i], 'GT', 'CH', ARGV[2], ARGV[4], slot, '${SLOT_MARK}') ~= 1
    else
      redis.call('ZADD', ARGV[i], ARGV[2], ARGV[4])
    end
    -- The mark moved (or a re-put): the expiry read, and raised only, to the slot's end.
    if check and redis.call('EXPIRETIME', ARGV[i]) < slotEnd then
      redis.call('ZREMRANGEBYSCORE', ARGV[i], '-inf', '(' .. ARGV[5])
      redis.call('EXPIREAT', ARGV[i], slot)
    end
  else
    redis.call('ZADD', ARGV[i], ARGV[2], ARGV[4])
    -- ARGV[2] as it came, not tonumber(ARGV[2]): a number handed to redis.call is formatted by
    -- snprintf('%.17g') in redis-server (about 2.9 K instructions), to the same digits (session 38).
    if redis.call('EXPIREAT', ARGV[i], ARGV[2], 'NX') == 0 then
      redis.call('EXPIREAT', ARGV[i], ARGV[2], 'GT')
    end
  end
end
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[4], queueAt(ARGV[3]), ARGV[4]) end
`;
/**
 * The exchange's gate, atomic (swGate, swScreenGate): a Lua function `gate(screen)` over the gate's
 * KEYS[1..8] and ARGV (below, at swGate). `screen` (swScreenGate), called once the jti's SET NX has
 * answered, with that answer and the server's TIME in seconds: a reply that stops the gate there, or
 * nil.
 */
/**
 * A Lua function `onServerClock(at, callerNow, serverNow)`: `at`, a time on the caller's clock, on
 * the store's (TIME), in whole seconds (a skew under half a second moves nothing). The sweep takes due
 * entries by TIME (swDue), so an in-flight deadline queued on the clock of an instance behind the
 * store by more than its window (25 s by default; the gate admits 30) was due before it was written,
 * and every instance's sweep took that instance's exchanges as they ran (session 41).
 */
const SERVER_CLOCK_LUA = `local function onServerClock(at, callerNow, serverNow)
  local skew = tonumber(callerNow) - serverNow
  local shift = skew >= 0 and math.floor(skew + 0.5) or -math.floor(-skew + 0.5)
  return tonumber(at) - shift
end
`;
const GATE_LUA = `${CLAIM_LUA}${GENERATION_LUA}${IN_FLIGHT_LUA}${SERVER_CLOCK_LUA}local function gate(screen)
  local lost = generation(KEYS[6], KEYS[8], ARGV[9], ARGV[13], ARGV[14])
  if lost then return {lost[1], {lost[2]}, -1, 0} end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  local skew = tonumber(ARGV[10]) - now
  if math.abs(skew) > tonumber(ARGV[11]) then return {-2, {string.format('%.0f', skew)}, -1, 0} end
  local fresh = redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX')
  if screen then
    local stop = screen(fresh, now)
    if stop then return stop end
  end
  local blocks = {}
  -- The subject's block keys come as one argument, a line each, split and looked up only when some
  -- block is in force (session 30): with none, EXISTS alone, and the keys are never pushed apart.
  if redis.call('EXISTS', KEYS[2]) == 1 then
    local wanted = {}
    for k in string.gmatch(ARGV[8], '[^\\n]+') do wanted[#wanted + 1] = k end
    if #wanted > 0 then
      for _, v in ipairs(redis.call('HMGET', KEYS[2], unpack(wanted))) do
        if v then blocks[#blocks + 1] = v end
      end
    end
  end
  if not fresh then return {0, blocks, -1, 0} end
  local gen = redis.call('INCR', KEYS[8])
  if #blocks > 0 then return {1, blocks, -1, 0, 0, gen} end
  if ARGV[12] == '1' and redis.call('EXISTS', KEYS[7]) == 1 then return {1, blocks, -1, 0, 1, gen} end
  local count = claim(KEYS[3], ARGV[2], ARGV[4])
  if count > tonumber(ARGV[3]) then
    local due = inflight(KEYS[3], ARGV[4], ARGV[15], KEYS[5])
    if not due then return {1, blocks, count, 0, 0, gen} end
    redis.call('SREM', KEYS[3], ARGV[4])
    return {1, blocks, count, 0, 0, gen, tostring(due)}
  end
  redis.call('SET', KEYS[4], ARGV[5], 'EXAT', ARGV[6])
  redis.call('ZADD', KEYS[5], onServerClock(ARGV[7], ARGV[10], now), ARGV[4])
  return {1, blocks, count, 1, 0, gen}
end
`;
/**
 * The sweep's hold of one entry (swHold, swHoldMany): still under this caller's lease `mine`? Then
 * renewed at `base` keeping its fraction, and its record read beside it (pcall: a key of another
 * type is left unread). `leaseBase`: the lease's whole seconds from the later of the caller's clock
 * and the server's (TIME). -> 0, or {lease, the record's fields and values (none: unread)}
 */
const HOLD_LUA = `local function leaseBase(callerNow, seconds, callerClock)
  local t = redis.call('TIME')
  local now = callerClock == '1' and tonumber(callerNow) or tonumber(t[1])
  return math.floor(math.max(now, tonumber(t[1]))) + tonumber(seconds)
end
local function hold(queue, id, mine, rec, base)
  local s = redis.call('ZSCORE', queue, id)
  if not s or tonumber(s) ~= tonumber(mine) then return 0 end
  local lease = base + tonumber(mine) % 1
  redis.call('ZADD', queue, lease, id)
  local r = redis.pcall('HGETALL', rec)
  if r.err then return {string.format('%.17g', lease)} end
  return {string.format('%.17g', lease), r}
end
`;
/**
 * The sweep's expiry of a broker JWT alone in its run (swExpireAlone, swExpireAloneMany): 1, or 0
 * untouched. The run's indexes are counted under `pcall`: a key of another type answers WRONGTYPE
 * (a table, not a number), and the entry is left untouched, as two TYPE checks did before session 35.
 * A member is looked up only when its index holds exactly one (none: alone; two or more: not alone).
 */
const EXPIRE_ALONE_LUA = `local function runAlone(run, legacyRun, id)
  local n = redis.pcall('ZCARD', run)
  if type(n) ~= 'number' or n > 1 or (n == 1 and not redis.call('ZSCORE', run, id)) then return false end
  n = redis.pcall('SCARD', legacyRun)
  return type(n) == 'number' and n <= 1 and (n == 0 or redis.call('SISMEMBER', legacyRun, id) == 1)
end
local function expireNow(rec, queue, intent, at, id)
  redis.call('HSET', rec, 'revokedAt', at, 'revokedReason', '"TTL_PASSED"', 'revocation', '"done"')
  redis.call('ZREM', queue, id)
  redis.call('DEL', intent)
  return 1
end
local function expireAlone(rec, queue, intent, run, legacyRun, at, id)
  local f = redis.call('HMGET', rec, 'grantId', 'revokedAt', 'deliverBy', 'secret', 'revocation')
  if not f[1] or f[2] or f[3] or f[4] or f[5] or not runAlone(run, legacyRun, id) then return 0 end
  return expireNow(rec, queue, intent, at, id)
end
`;
/**
 * The sweep's take of a batch in one step (swTakeDue, session 42): due()'s lease, holdMany()'s read
 * and expireAloneMany()'s expiry at once. A Lua function `takeOne(h, base, queue, id, at)`: `h`
 * the entry's record as HGETALL answered it; 1 when it is a broker JWT of a format this version
 * reads, delivered, not revoked, holding no secret, alone in its run (expireAlone's test, and a `kind` of
 * 'jwt', which expireAlone leaves to its caller): then expired and settled (TTL_PASSED
 * at `at`) and off the queue. Else 0, nothing written. `base`: the store's key prefix (the
 * caller's `keyPrefix` with it), so the record's own keys and its run's indexes are named here from
 * the record's `runId`, which only its `r` holds: decoded under pcall (not JSON: 0, left to the
 * entry's own path, which calls it corrupt).
 */
const TAKE_LUA = `${EXPIRE_ALONE_LUA}local function takeOne(h, base, queue, id, at)
  local f = {}
  for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
  if f.revokedAt or f.deliverBy or f.secret or f.revocation or not f.r or f.grantId ~= cjson.encode(id) then return 0 end
  local ok, o = pcall(cjson.decode, f.r)
  if not ok or type(o) ~= 'table' or o.grantId ~= id or o.kind ~= 'jwt' or type(o.runId) ~= 'string' then return 0 end
  if o.v ~= nil and (type(o.v) ~= 'number' or o.v > ${state_store/* STORE_FORMAT */.W2}) then return 0 end
  if not runAlone(base .. '${INDEX.slice(P.length)}run:' .. o.runId, base .. '${LEGACY_INDEX.slice(P.length)}run:' .. o.runId, id) then
    return 0
  end
  return expireNow(base .. 'rec:' .. id, queue, base .. 'intent:' .. id, at, id)
end
`;
/**
 * A script call's Command: its RESP text (the same bytes) built into one Buffer by `respCommand`
 * instead of ioredis's string concatenation (session 36: the largest share of the broker's young
 * garbage on Redis state). Its `args` are strings only (`script` converts numbers with `numberArg`).
 */
class ScriptCommand extends built.Command {
    toWritable() {
        return respCommand(this.name, this.args);
    }
}
/** A number as ioredis's `toArg` writes it (an integer past 2^53 in full, not in exponent form). */
const numberArg = (v) => Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v);
/**
 * The due entries of the queue (KEYS[1]) and their new lease, for swDue and swTakeDue: ARGV[1] the
 * caller's now, ARGV[2] the limit, ARGV[3] the lease (s), ARGV[4] its fraction (leaseFraction), ARGV[5]
 * '1' when the caller's clock is the store's. Sets `ids` and `lease`.
 */
const DUE_LUA = `local t = redis.call('TIME')
local now = ARGV[5] == '1' and tonumber(ARGV[1]) or tonumber(t[1])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local lease = math.floor(math.max(now, tonumber(t[1]))) + tonumber(ARGV[3]) + tonumber(ARGV[4])
`;
/** A lease's fraction: 1 to 2^20 - 1 over 2^21, exact beside any unix time in a double. */
const leaseFraction = () => (1 + (0,external_node_crypto_.randomInt)(2 ** 20 - 1)) / 2 ** 21;
/**
 * What one takeDue() expired (swTakeDue), by its caller's tag: read back by a caller whose answer
 * was lost (takenBy), dropped by that caller's next take once its lines are written. Kept an hour
 * at most: an instance gone before its next take leaves one list of at most a batch.
 */
const takenKey = (tag) => `${P}taken:${tag}`;
const TAKEN_SECONDS = 3600;
/**
 * The take lists whose lines are not yet known written, by lease end (TIME + the sweep's lease): an
 * instance killed between its take and its lines (or before its lost answer was read back) leaves
 * one, and the next take of any instance past that lease adopts it (session 43). Named from the
 * prefix inside the scripts (`KEYS[2] .. 'takes'`), like the records a take reads.
 */
const TAKES = `${P}takes`;
/** Orphaned take lists one take adopts at most (each at most a batch). */
const ADOPT_PER_TAKE = 10;
/** A lone broker JWT's keys for EXPIRE_ALONE_LUA (swExpireAlone puts the queue after the first). */
const aloneKeys = (grantId, runId) => [
    `${P}rec:${grantId}`,
    `${P}intent:${grantId}`,
    `${INDEX}run:${runId}`,
    `${LEGACY_INDEX}run:${runId}`,
];
const SCRIPTS = {
    swClaim: {
        numberOfKeys: 1,
        lua: `${CLAIM_LUA}if ARGV[1] == 'claim' then return claim(KEYS[1], ARGV[2], ARGV[3]) end
unclaim(KEYS[1], ARGV[3])
return redis.call('SCARD', KEYS[1])`,
    },
    // A dry run's look at a claim over uses (the gate's own, read-only). -> the earliest time, or nil
    swInFlight: {
        numberOfKeys: 2,
        lua: `${IN_FLIGHT_LUA}local due = inflight(KEYS[1], ARGV[1], ARGV[2], KEYS[2])
if due then return tostring(due) end
return false`,
    },
    // /admin/unblock: the block's field out of the block hash and, when it was the last block naming
    // its run id (ARGV[2], '' for none), the run's kill-switch reach (KEYS[2]) too, in one step: a
    // later block of the run starts from its own walk, never a stale reach. -> 1 lifted, 0 none matched
    // A learned block beside the one it was learned from, only while that one is held (ARGV[3]): an
    // unblock of it that came first is not undone. -> 1 written, 0 not (the other is gone)
    swBlockBeside: {
        numberOfKeys: 1,
        lua: `if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`,
    },
    swUnblock: {
        numberOfKeys: 2,
        lua: `local n = redis.call('HDEL', KEYS[1], ARGV[1])
if n == 1 and ARGV[2] ~= '' then
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    local ok, k = pcall(cjson.decode, field)
    if ok and type(k) == 'table' and k[3] == ARGV[2] then return n end
  end
  redis.call('DEL', KEYS[2])
end
return n`,
    },
    swRate: {
        numberOfKeys: 1,
        lua: `${BUCKET_LUA}local allowed, retry = bucket(KEYS[1], ARGV[1], ARGV[2])
return {allowed, retry}`,
    },
    // The screen before the decision: a used jti is said without charging the bucket (replays cannot
    // starve a repository), else one token of the bucket. -> {seen, allowed, retry}
    swScreen: {
        numberOfKeys: 2,
        lua: `${BUCKET_LUA}if redis.call('EXISTS', KEYS[1]) == 1 then return {1, 1, 0} end
local allowed, retry = bucket(KEYS[2], ARGV[1], ARGV[2])
return {0, allowed, retry}`,
    },
    // The exchange's gate, atomic: jti SET NX EX; the kill switch's blocks of this subject (looked up
    // by their keys: blockKeysFor, one argument, ARGV[8]); then, fresh and not blocked, the claim; then, within uses, the
    // write-ahead intent and its queue entry. A job the job-end listing closed (KEYS[7], its mark, when
    // ARGV[12] is '1') counts nothing, like a block: its jti is used, then it stops.
    // Over uses while another holder of the claim is in flight (its intent, or its record stored and
    // neither delivered nor revoked: IN_FLIGHT_LUA, ARGV[15] the bare key prefix): this
    // holder is removed again, and the earliest queue time of those holders comes back (7th value).
    // -> {fresh, matching blocks, count (-1: none), intended, job ended}
    // The epoch and the generation (KEYS[8], this instance's highest in ARGV[13]) first: a store
    // that lost its data or went back in time gets nothing written. A written jti advances the
    // generation (the 6th value returned).
    swGate: {
        numberOfKeys: 8,
        lua: `${GATE_LUA}return gate()`,
    },
    // The screen, then (not seen, within the rate limit: KEYS[9], ARGV[16] per ARGV[17] s) the
    // gate, in one step, for an exchange decided without reaching GitHub. A used jti stops it before the
    // bucket ({-10}), an empty bucket with nothing written ({-11, retry}); else the gate's answer. The
    // jti's one SET NX is the replay check too (session 37: EXISTS then SET was two commands): the jti
    // it wrote is deleted again in the same atomic step when the bucket refuses, so the step's retry is
    // no replay. It runs after the epoch, generation and skew checks (they write nothing a refusal must
    // undo), so a replay on a lost or skewed store is refused as that, not as a replay. One TIME for the
    // skew check and the bucket.
    swScreenGate: {
        numberOfKeys: 9,
        lua: `${BUCKET_LUA}${GATE_LUA}return gate(function(fresh, now)
  if not fresh then return {-10} end
  local allowed, retry = bucket(KEYS[9], ARGV[16], ARGV[17], now)
  if allowed == 0 then
    redis.call('DEL', KEYS[1])
    return {-11, retry}
  end
end)`,
    },
    // The generation check alone (health), or with a write that must be held to it: ARGV[3] 'jti' is
    // useOnce's SET NX EX (KEYS[3], ttl ARGV[4]); 'advance' only advances (after a block or a job-end
    // mark, which are written whatever the check says: the kill switch works while lost).
    // -> {0, generation, written (1/0)} or {-1 | -3, what generation() said}
    swGeneration: {
        numberOfKeys: 3,
        lua: `${GENERATION_LUA}local lost = generation(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[5])
if lost then return lost end
if ARGV[3] == 'jti' then
  if not redis.call('SET', KEYS[3], '1', 'EX', ARGV[4], 'NX') then return {0, tonumber(redis.call('GET', KEYS[2]) or '0'), 0} end
  return {0, redis.call('INCR', KEYS[2]), 1}
end
if ARGV[3] == 'advance' then return {0, redis.call('INCR', KEYS[2]), 1} end
return {0, tonumber(redis.call('GET', KEYS[2]) or '0'), 0}`,
    },
    // Takes due revocations and leases them in one step: whichever instance sweeps, each is taken once.
    // The lease ends on the later of the caller's clock and the server's (TIME): a caller whose clock is
    // behind would otherwise lease an entry until a time already past for every other instance. Its
    // fraction (ARGV[4], a dyadic number below 0.5) names this lease, so hold() can tell it from another
    // instance's. -> {ids, lease}
    swDue: {
        numberOfKeys: 1,
        lua: `${DUE_LUA}for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], lease, id) end
return {ids, string.format('%.17g', lease)}`,
    },
    // Just before an entry is worked: still under this caller's lease (ARGV[2])? Then renewed, keeping
    // its fraction, and its record (KEYS[2]) read in the same step: the sweep reads it next (get), one
    // round trip less per entry (session 33). A record key of another type is not read here (pcall):
    // get()'s own HGETALL then fails that entry alone, as before. Else another instance (or a
    // deliver, a retry) has it: 0. -> 0, or {lease, the record's fields and values (none: unread)}
    swHold: {
        numberOfKeys: 2,
        lua: `${HOLD_LUA}return hold(KEYS[1], ARGV[1], ARGV[2], KEYS[2], leaseBase(ARGV[3], ARGV[4], ARGV[5]))`,
    },
    // swHold of a batch in one step (session 34): KEYS[1] the queue, KEYS[1 + i] entry i's record;
    // ARGV[1..3] the caller's clock, the lease's seconds, callerClock, then each entry's id and lease.
    // -> swHold's answer of each entry, in order
    swHoldMany: {
        numberOfKeys: 1,
        lua: `${HOLD_LUA}local base = leaseBase(ARGV[1], ARGV[2], ARGV[3])
local out = {}
for i = 1, #KEYS - 1 do out[i] = hold(KEYS[1], ARGV[2 + 2 * i], ARGV[3 + 2 * i], KEYS[1 + i], base) end
return out`,
    },
    // swDue, swHoldMany and swExpireAloneMany of one batch in one step (session 42): KEYS[1] the queue,
    // KEYS[2] the store's prefix (TAKE_LUA), KEYS[3] this take's list of what it expired, KEYS[4..] the
    // lists of earlier takes whose lines are written (dropped); ARGV[1..5] swDue's, ARGV[6] the expiry
    // time (JSON), ARGV[7] how long the list is kept (s). Each taken entry either leased (as swDue) with
    // its record read beside it, or expired (takeOne); the expired ones' ids are kept in KEYS[3], so a
    // caller whose answer is lost learns which lines it owes. -> {ids, lease, {{expired, record}...}}
    // Then (session 43) the take lists of `takes` past their lease (TIME), at most ARGV[8]: their ids
    // moved into KEYS[3], each with its record, the old list dropped: their lines owed by this caller.
    // `takes` of another type (a stray write) is passed over (pcall): it must not stop every sweep.
    // KEYS[3] is leased in `takes` until TIME + the lease. -> {..., {{id, record}...}}
    swTakeDue: {
        numberOfKeys: 3,
        lua: `${TAKE_LUA}local takes = KEYS[2] .. 'takes'
for i = 4, #KEYS do
  redis.call('DEL', KEYS[i])
  redis.pcall('ZREM', takes, KEYS[i])
end
${DUE_LUA}local out, taken = {}, {}
for i, id in ipairs(ids) do
  local h = redis.pcall('HGETALL', KEYS[2] .. 'rec:' .. id)
  local done = 0
  if not h.err then
    local ok, d = pcall(takeOne, h, KEYS[2], KEYS[1], id, ARGV[6])
    if ok then done = d end
  end
  if done == 1 then taken[#taken + 1] = id else redis.call('ZADD', KEYS[1], lease, id) end
  out[i] = h.err and {done} or {done, h}
end
local adopted, pre = {}, KEYS[2] .. 'taken:'
local orphans = redis.pcall('ZRANGEBYSCORE', takes, '-inf', tonumber(t[1]), 'LIMIT', 0, tonumber(ARGV[8]))
if orphans.err then orphans = {} end
for _, old in ipairs(orphans) do
  redis.pcall('ZREM', takes, old)
  local got = old ~= KEYS[3] and string.sub(old, 1, #pre) == pre and redis.pcall('LRANGE', old, 0, -1)
  if got and not got.err then
    for _, id in ipairs(got) do
      taken[#taken + 1] = id
      local h = redis.pcall('HGETALL', KEYS[2] .. 'rec:' .. id)
      adopted[#adopted + 1] = h.err and {id} or {id, h}
    end
    redis.call('DEL', old)
  end
end
if #taken > 0 then
  redis.call('RPUSH', KEYS[3], unpack(taken))
  redis.call('EXPIRE', KEYS[3], ARGV[7])
  redis.pcall('ZADD', takes, tonumber(t[1]) + tonumber(ARGV[3]), KEYS[3])
end
return {ids, string.format('%.17g', lease), out, adopted}`,
    },
    // takenBy(): a lost take's list read back by its caller and leased to it again (ARGV[1] s on TIME),
    // so no other caller adopts it while its lines are written; an adopted list is gone: {}.
    swTakenBy: {
        numberOfKeys: 2,
        lua: `local ids = redis.call('LRANGE', KEYS[1], 0, -1)
if #ids > 0 then redis.pcall('ZADD', KEYS[2], tonumber(redis.call('TIME')[1]) + tonumber(ARGV[1]), KEYS[1]) end
return ids`,
    },
    // A lease still this caller's (ARGV[2]) is given back: due at the server's second.
    // When an instance last wrote a format (FORMATS) or sealed under a key (SEALERS), by the store's
    // clock: an instance whose clock runs ahead would otherwise keep older ones (FORMATS) or instances
    // without its key (SEALERS) from starting until its future time plus SEALER_WINDOW (session 24).
    swNoteTime: {
        numberOfKeys: 1,
        lua: `return redis.call('HSET', KEYS[1], ARGV[1], tonumber(redis.call('TIME')[1]))`,
    },
    swRelease: {
        numberOfKeys: 1,
        lua: `local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not s or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(redis.call('TIME')[1]), ARGV[1])
return 1`,
    },
    // Once, whichever instance races. A credential never delivered gives its claim back in the same step;
    // ARGV[2] = '1': only while still undelivered (the sweep must not beat a late deliver).
    // ARGV[6] (retryAt) not '': the queue entry (KEYS[2]) moves that early (LT), the attempt's lease.
    swMarkRevoked: {
        numberOfKeys: 2,
        lua: `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
local undelivered = redis.call('HEXISTS', KEYS[1], 'deliverBy') == 1
if ARGV[2] == '1' and not undelivered then return 0 end
redis.call('HSET', KEYS[1], 'revokedAt', ARGV[1])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'revokedReason', ARGV[5]) end
if undelivered then
  local ck = redis.call('HGET', KEYS[1], 'claimKey')
  -- A claim key that is not a JSON string (changed in the store) frees nothing, and fails nothing.
  local ok, key = pcall(cjson.decode, ck or 'null')
  if ok and type(key) == 'string' then redis.call('SREM', ARGV[3] .. key, ARGV[4]) end
end
if ARGV[6] ~= '' then redis.call('ZADD', KEYS[2], 'LT', tonumber(ARGV[6]), ARGV[4]) end
return 1`,
    },
    // Put of an exchange's record (deliverBy set) only while its intent is there: a sweep that took the
    // intent has given the claim back, so this exchange must not deliver.
    swPut: {
        numberOfKeys: 4,
        lua: `local function queueAt(at) return at end
local fresh = redis.call('DEL', KEYS[1]) == 1
if not fresh and ARGV[1] == '1' then return 0 end
redis.call('DEL', KEYS[2])
local inflight = ARGV[1] == '1' and redis.call('ZSCORE', KEYS[4], ARGV[4])
${PUT_LUA}if inflight then redis.call('ZADD', KEYS[4], inflight, ARGV[4]) end
return 1`,
    },
    // put + deliver of a broker JWT (store.ts, putDelivered), after its audit line: only while its
    // intent is there; no record can be under its key then (put takes the intent in the same step that
    // writes one), so none is deleted. ARGV as swPut's, ARGV[3] its deadline, except ARGV[1] (swPut's
    // undelivered flag, never set here): its first character '1' when KEYS[6] is the job's job-end mark,
    // its second '1' when the caller's clock is the store's (callerClock). The expiry is queued on the
    // store's clock (session 43): ARGV[5] is the caller's now, its exact time (ARGV[5]'s other use, the
    // trim of passed index entries, takes a fraction as well).
    // -> 0, or {1, every block, job ended}
    swPutDelivered: {
        numberOfKeys: 6,
        lua: `${SERVER_CLOCK_LUA}if redis.call('DEL', KEYS[1]) == 0 then return 0 end
local function queueAt(at)
  if string.sub(ARGV[1], 2, 2) == '1' then return at end
  local t = redis.call('TIME')
  return onServerClock(at, ARGV[5], tonumber(t[1]) + tonumber(t[2]) / 1000000)
end
local fresh = true
${PUT_LUA}return {1, redis.call('HVALS', KEYS[5]), string.sub(ARGV[1], 1, 1) == '1' and redis.call('EXISTS', KEYS[6]) or 0}`,
    },
    // The credential leaves: unless revoked meanwhile, it is delivered and its deadline queued. Its
    // job's job-end mark (KEYS[4], when ARGV[2] is '1') written meanwhile is said, so it is revoked.
    // The deadline (`expiresAt`, on the issuing instance's clock) is queued on the store's (session 43):
    // the sweep takes it by TIME, so an instance 28 s ahead had its GitHub tokens revoked 28 s past the
    // `expires_in` the step was told (behind: 28 s early). ARGV[3] the caller's exact now, ARGV[4] '1'
    // when the caller's clock is the store's. -> {delivered, every block, job ended}
    swDeliver: {
        numberOfKeys: 4,
        lua: `${SERVER_CLOCK_LUA}local blocks = redis.call('HVALS', KEYS[3])
local f = redis.call('HMGET', KEYS[1], 'deliverBy', 'revokedAt', 'expiresAt')
if not f[1] or f[2] then return {0, blocks, 0} end
redis.call('HDEL', KEYS[1], 'deliverBy')
local due = tonumber(f[3])
if ARGV[4] ~= '1' then
  local t = redis.call('TIME')
  due = onServerClock(due, ARGV[3], tonumber(t[1]) + tonumber(t[2]) / 1000000)
end
redis.call('ZADD', KEYS[2], due, ARGV[1])
return {1, blocks, ARGV[2] == '1' and redis.call('EXISTS', KEYS[4]) or 0}`,
    },
    // A delivery whose answer was lost: undelivered again (unless revoked meanwhile) and due now.
    swUndeliver: {
        numberOfKeys: 2,
        lua: `if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
local now = ARGV[3] == '1' and ARGV[2] or redis.call('TIME')[1]
if redis.call('HEXISTS', KEYS[1], 'deliverBy') == 0 then redis.call('HSET', KEYS[1], 'deliverBy', now) end
redis.call('ZADD', KEYS[2], now, ARGV[1])
return 1`,
    },
    // Takes an intent once and gives its claim back in the same step: whoever removes it (the failed
    // exchange, the gate's undo, the sweep) frees the claim it held. Two calls left the claim counted
    // with no intent when the caller died between them (session 27). The claim's key is the intent's
    // own `claimKey` under ARGV[2] (`stepwarden:claim:`); an intent that is not JSON with a string
    // claimKey (changed in the store) is taken and frees nothing.
    // The write-ahead intent (KEYS[1], ARGV[1] until ARGV[2]) queued (KEYS[2]) at its in-flight deadline
    // ARGV[3], on the caller's clock ARGV[5], put on the store's (SERVER_CLOCK_LUA).
    swIntend: {
        numberOfKeys: 2,
        lua: `${SERVER_CLOCK_LUA}local t = redis.call('TIME')
redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
redis.call('ZADD', KEYS[2], onServerClock(ARGV[3], ARGV[5], tonumber(t[1]) + tonumber(t[2]) / 1000000), ARGV[4])
return 1`,
    },
    swAbandon: {
        numberOfKeys: 2,
        lua: `${CLAIM_LUA}local v = redis.call('GET', KEYS[1])
if not v then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local ok, intent = pcall(cjson.decode, v)
if ok and type(intent) == 'table' and type(intent.claimKey) == 'string' then
  unclaim(ARGV[2] .. intent.claimKey, ARGV[1])
end
return v`,
    },
    // -> 0 settled already (nothing written), 1 queued for a retry, 2 the same when it already was
    // pending (another failure, and its alarm line, came first).
    swRetry: {
        numberOfKeys: 2,
        lua: `if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[2], ARGV[3]) return 1 end
local was = redis.call('HGET', KEYS[1], 'revocation')
if was == '"done"' or was == '"failed"' then return 0 end
redis.call('HSET', KEYS[1], 'revocation', '"pending"', 'revokeAttempts', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[3])
if was == '"pending"' then return 2 end
return 1`,
    },
    // The sweep of a due broker JWT with nothing upstream and no other credential in its run: revoked
    // and settled at once (markRevoked + the run's live() + settleRevocation). Anything else: 0, untouched.
    swExpireAlone: {
        numberOfKeys: 5,
        lua: `${EXPIRE_ALONE_LUA}return expireAlone(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[2])`,
    },
    // swExpireAlone of a batch in one step (session 34): KEYS[1] the queue, then four keys an entry
    // (record, intent, run index, legacy run index); ARGV[1] the time, ARGV[1 + i] entry i's id. An
    // entry whose step fails (a key of another type) is 0, untouched, and the others go on.
    // -> swExpireAlone's answer of each entry, in order
    swExpireAloneMany: {
        numberOfKeys: 1,
        lua: `${EXPIRE_ALONE_LUA}local out = {}
for i = 1, #ARGV - 1 do
  local k = 4 * i - 2
  local ok, done = pcall(expireAlone, KEYS[k], KEYS[1], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[1], ARGV[1 + i])
  out[i] = ok and done or 0
end
return out`,
    },
    // A run index (store.ts writerRuns / linkRun): KEYS[1] a sorted set (run -> score), KEYS[2] a hash
    // (run -> {"first":N,"parents":[...]}, and '!overflow': the latest score the bound dropped).
    // ARGV: run, first, score, parents (JSON), cap, now, keep, mode ('note', or 'read': one run's
    // parents, nothing written). Drops what was kept past its score + keep, merges (first the
    // earliest, score the latest, parents the union: the kept ones first, then the new, each once, as
    // the memory store's run-index.ts; chain.ts takes ancestries in that order up to its bound, so the
    // two stores cut at the same ids), bounds the set (the oldest go), and returns the run's entry. The
    // keys expire when their newest entry does.
    swRunNote: {
        numberOfKeys: 2,
        lua: `local z, h = KEYS[1], KEYS[2]
local run, first, score = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local cap, now, keep = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if ARGV[8] == 'read' then
  local s = redis.call('ZSCORE', z, run)
  if s and tonumber(s) + keep >= now then return redis.call('HGET', h, run) or '' end
  return ''
end
local old = redis.call('ZRANGEBYSCORE', z, '-inf', '(' .. (now - keep), 'LIMIT', 0, 1000)
for _, m in ipairs(old) do redis.call('HDEL', h, m); redis.call('ZREM', z, m) end
local given = cjson.decode(ARGV[4])
local parents, seen = {}, {}
local was = redis.call('HGET', h, run)
if was then
  local p = cjson.decode(was)
  if p.first < first then first = p.first end
  for _, x in ipairs(p.parents) do
    if not seen[x] then seen[x] = true; table.insert(parents, x) end
  end
end
for _, x in ipairs(given) do
  if not seen[x] then seen[x] = true; table.insert(parents, x) end
end
local s = redis.call('ZSCORE', z, run)
if s and tonumber(s) > score then score = tonumber(s) end
local pj = '[]'
if #parents > 0 then pj = cjson.encode(parents) end
local entry = '{"first":' .. string.format('%d', first) .. ',"parents":' .. pj .. '}'
redis.call('ZADD', z, score, run)
redis.call('HSET', h, run, entry)
local n = redis.call('ZCARD', z)
if n > cap then
  local gone = redis.call('ZRANGE', z, 0, n - cap - 1, 'WITHSCORES')
  local top = tonumber(redis.call('HGET', h, '!overflow') or '-1')
  for i = 1, #gone, 2 do
    redis.call('ZREM', z, gone[i]); redis.call('HDEL', h, gone[i])
    if tonumber(gone[i + 1]) > top then top = tonumber(gone[i + 1]) end
  end
  redis.call('HSET', h, '!overflow', string.format('%d', top))
end
local newest = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
local ttl = math.max(1, tonumber(newest[2]) + keep - now + 1)
redis.call('EXPIRE', z, ttl)
redis.call('EXPIRE', h, ttl)
return entry`,
    },
    // The runs of an index with a score at least ARGV[1], and the runs named in ARGV[4..] kept at
    // ARGV[2] (score + keep ARGV[3]): {overflow, run, score, entry, run, score, entry, ...}.
    swRunRead: {
        numberOfKeys: 2,
        lua: `local z, h = KEYS[1], KEYS[2]
local now, keep = tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {redis.call('HGET', h, '!overflow') or ''}
local live = redis.call('ZRANGEBYSCORE', z, ARGV[1], '+inf', 'WITHSCORES')
for i = 1, #live, 2 do
  table.insert(out, live[i]); table.insert(out, live[i + 1]); table.insert(out, redis.call('HGET', h, live[i]) or '')
end
for i = 4, #ARGV do
  local s = redis.call('ZSCORE', z, ARGV[i])
  if s and tonumber(s) + keep >= now then
    table.insert(out, ARGV[i]); table.insert(out, s); table.insert(out, redis.call('HGET', h, ARGV[i]) or '')
  end
end
return out`,
    },
    // A writing run's entry (store.ts writers): KEYS[1] a hash per run id, issuer -> JSON entry. ARGV:
    // issuer, entry (JSON), keep, now. Merges with the issuer's earlier entry (first the earliest,
    // until the latest, targets the union, each with its earliest issue); the key expires keep past
    // the latest end of its entries.
    swWriterNote: {
        numberOfKeys: 1,
        lua: `local e = cjson.decode(ARGV[2])
local was = redis.call('HGET', KEYS[1], ARGV[1])
if was then
  local o = cjson.decode(was)
  if o.first < e.first then e.first = o.first end
  if o['until'] > e['until'] then e['until'] = o['until'] end
  for k, v in pairs(o.to) do
    if not e.to[k] or v < e.to[k] then e.to[k] = v end
  end
end
local to = {}
for k, v in pairs(e.to) do table.insert(to, cjson.encode(k) .. ':' .. string.format('%d', v)) end
local out = '{"rid":' .. cjson.encode(e.rid) .. ',"first":' .. string.format('%d', e.first) .. ',"until":' .. string.format('%d', e['until']) .. ',"to":{' .. table.concat(to, ',') .. '}}'
redis.call('HSET', KEYS[1], ARGV[1], out)
local ttl = e['until'] + tonumber(ARGV[3]) - tonumber(ARGV[4]) + 1
if ttl > redis.call('TTL', KEYS[1]) then redis.call('EXPIRE', KEYS[1], math.max(1, ttl)) end
return out`,
    },
    swSettle: {
        numberOfKeys: 3,
        lua: `redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[3])
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local was = redis.call('HGET', KEYS[1], 'revocation')
if was == '"done"' or was == '"failed"' then return 0 end
redis.call('HSET', KEYS[1], 'revocation', ARGV[1])
redis.call('HDEL', KEYS[1], 'secret')
return 1`,
    },
};
/**
 * Each script's SHA-1, the name EVALSHA runs it by. The scripts are not ioredis `defineCommand`s:
 * with auto-pipelining on, ioredis builds a Pipeline for every batch and copies every defined
 * command onto it (three properties and a string concatenation per script: 24 scripts made a batch
 * 16-17 \u00b5s to build against 4 \u00b5s with none, session 31), and a batch is made for nearly every
 * store step. `run` does what ioredis's Script did, on the plain EVAL and EVALSHA commands.
 */
const SCRIPT_SHA = Object.fromEntries(Object.entries(SCRIPTS).map(([name, s]) => [name, (0,external_node_crypto_.createHash)('sha1').update(s.lua).digest('hex')]));
/** What a store holding secrets sealed under `foreign` key ids means for this instance, and the fix. */
function foreignKeysText(foreign) {
    return `GitHub tokens sealed (within the last ${SEALER_WINDOW / 3600} h) under key id(s) ${foreign.join(', ')}, which this instance's state encryption key does not include: it can neither revoke them nor answer for them. Give every instance the same key file (while rotating, the old key on a later line; docs/deploy.md)`;
}
/** The live cards of INSTANCES' fields (at most MAX_CARDS read; a field that is not a card is skipped). */
function cardsOf(all, now) {
    return (0,fleet/* liveCards */.W$)(Object.values(all)
        .slice(0, fleet/* MAX_CARDS */.Tb)
        .flatMap((t) => (0,fleet/* parseCard */.co)(t) ?? []), now);
}
/** Ids of keys that sealed secrets within SEALER_WINDOW of `now` and are not among `mine`. */
/**
 * The store formats above this version's written within SEALER_WINDOW of `now`, highest first. A
 * field that is not a format number is not one an instance wrote and is skipped; a time that is not a
 * number counts as recent (it cannot be judged old), like foreignSealers.
 */
/** JSON.parse, or undefined for a text that is absent or not JSON. */
function safeJson(text) {
    if (text === undefined)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
function newerFormats(seen, now) {
    return Object.entries(seen)
        .filter(([f]) => /^[1-9]\d{0,5}$/.test(f) && Number(f) > state_store/* STORE_FORMAT */.W2)
        .filter(([, at]) => !(Number(at) < now - SEALER_WINDOW))
        .map(([f]) => Number(f))
        .sort((a, b) => b - a);
}
function foreignSealers(seen, mine, now) {
    return Object.entries(seen)
        .filter(([id, at]) => !mine.includes(id) && !(Number(at) < now - SEALER_WINDOW))
        .map(([id]) => id)
        .sort();
}
function parseInfo(text) {
    const fields = new Map();
    for (const line of text.split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0 && !line.startsWith('#'))
            fields.set(line.slice(0, i), line.slice(i + 1).trim());
    }
    return {
        version: fields.get('redis_version') ?? '',
        // Absent means the field could not be read: treated as unknown, which is refused.
        evictionPolicy: fields.get('maxmemory_policy') ?? 'unknown',
        aof: fields.get('aof_enabled') === '1',
        cluster: fields.get('cluster_enabled') === '1',
        ...(fields.has('role') ? { role: fields.get('role') } : {}),
        ...(/^\d+$/.test(fields.get('connected_slaves') ?? '')
            ? { replicas: Number(fields.get('connected_slaves')) }
            : {}),
    };
}
/**
 * Strict mode on a primary with fewer connected replicas than it waits for: every exchange, revocation
 * and block would be refused (503) at its wait, so the instance is not ready (session 40: /readyz said
 * 200 meanwhile). A count INFO does not give is not judged: the waits themselves still refuse.
 */
function strictReplicasProblem(f, strict) {
    if (!strict || f.replicas === undefined || f.replicas >= strict.replicas)
        return undefined;
    return `ERR_STATE_NOT_REPLICATED: state-strict is on and the state store's primary has ${f.replicas} connected replica(s) of the ${strict.replicas} each write waits for: every exchange, revocation and block is refused (503) until one is back (docs/deploy.md, "Persistence and replication")`;
}
/**
 * Why this server cannot hold the broker's state (empty when it can). Used jtis, claims, records and
 * queued revocations all carry a TTL, so any eviction policy but `noeviction` (volatile-* included)
 * lets the server drop a used jti under memory pressure, and the same OIDC token is then exchanged
 * again: a replay the broker cannot see. With `noeviction` a full server refuses writes, and the
 * broker fails closed (503).
 */
function stateServerProblems(f) {
    const problems = [];
    const [major = 0] = f.version.split('.').map(Number);
    if (!(major >= 7))
        problems.push(`ERR_STATE_UNSUPPORTED: the state store reports version '${f.version || 'unknown'}'; stepwarden needs Redis OSS >= 7.0 or Valkey >= 7.2`);
    if (f.cluster)
        problems.push("ERR_STATE_UNSUPPORTED: the state store is a Redis Cluster node; the broker's scripts touch several keys at once and need one primary (with replicas and Sentinel for failover, see docs/deploy.md)");
    if (f.role === 'slave')
        problems.push(state_store/* STATE_READONLY_TEXT */.J4);
    if (f.evictionPolicy !== 'noeviction')
        problems.push(`ERR_STATE_EVICTION: the state store's maxmemory-policy is '${f.evictionPolicy}'; under memory pressure it would drop used OIDC jtis (a token could be exchanged again), claims and revocation deadlines. Set maxmemory-policy noeviction (CONFIG SET maxmemory-policy noeviction and in the server's config file or the managed service's parameter group); a full store then refuses writes and the broker answers 503`);
    return problems;
}
function stateServerWarnings(f) {
    return f.aof
        ? []
        : [
            'stepwarden broker: WARNING the state store has no append-only file (appendonly no): a restart of it loses the used OIDC jtis and pending revocations written since its last snapshot; set appendonly yes and appendfsync everysec (docs/deploy.md)\n',
        ];
}
class RedisStore {
    redis;
    opts;
    db;
    where;
    sub;
    listeners = [];
    /** The lease (queue score) of each entry of the latest due() batch, for hold(). */
    leases = new Map();
    /** The record hold() read beside the lease, for the get() of the same entry right after it. */
    held;
    /** When this instance last recorded its sealing key's id in SEALERS (unix seconds). */
    sealerSeen = 0;
    formatSeen = 0;
    /** When a damaged kill-switch block was last reported (ms). */
    blockWarnedAt = 0;
    /** When each index key found of the wrong type was last reported (ms). */
    damagedWarnedAt = new Map();
    /** When the loss of the store's epoch was last reported on stderr (ms). */
    lostWarnedAt = 0;
    /** The scripts sent in full (EVAL) on the current connection since it opened (see `run`). */
    evaled = new Set();
    /** The socket `script` corked for this turn of the event loop's script calls (uncorked at setImmediate). */
    corked;
    /** The queue census being read (queueCensus), shared by the gauges of one scrape. */
    censusReading;
    constructor(redis, opts, db, 
    /** The URL without its password, for messages. */
    where) {
        this.redis = redis;
        this.opts = opts;
        this.db = db;
        this.where = where;
        redis.on('close', () => this.evaled.clear());
        // Nothing to wait for without strict mode: absent, so callers skip the call (the exchange's wait
        // for its record, session 39, costs a non-strict exchange no promise and no store metric).
        if (!opts.strict)
            Object.defineProperty(this, 'replicatedNow', { value: undefined });
        // Deadlines judged by the caller's clock (tests): the caller's clock is the store's.
        if (opts.callerClock)
            Object.defineProperty(this, 'serverNow', { value: undefined });
    }
    async serverNow() {
        return Number((await this.redis.time())[0]);
    }
    /** The store's epoch (EPOCH) this instance started on; undefined until read (adoptEpoch). */
    epoch;
    /** The highest GENERATION this instance holds the store to (read at start, then as it ages). */
    generationHeld = 0;
    /**
     * Generations seen and not yet held to (younger than REWIND_GRACE_MS), at most one a second, so
     * at most about REWIND_GRACE_MS / 1000 + 1 of them: a failover may still lose them.
     */
    generationsYoung = [];
    /** A generation the store answered; `acked`: a replica has it (strict mode's WAIT). */
    noteGeneration(gen, acked) {
        if (!Number.isSafeInteger(gen))
            return;
        if (acked || this.rewindGraceMs === 0) {
            this.generationHeld = Math.max(this.generationHeld, gen);
            return;
        }
        const now = performance.now();
        const last = this.generationsYoung.at(-1);
        // One entry a second: a value seen within a second of the entry's start joins it (its time stays
        // the first one's, and heldGeneration waits a second more for that).
        if (last && now - last.at < 1000)
            last.gen = Math.max(last.gen, gen);
        else
            this.generationsYoung.push({ gen, at: now });
    }
    /** The generation the store must not be below now: every one seen at least the grace ago. */
    heldGeneration() {
        const cut = performance.now() - this.rewindGraceMs - 1000;
        while (this.generationsYoung.length > 0 && this.generationsYoung[0].at <= cut)
            this.generationHeld = Math.max(this.generationHeld, this.generationsYoung.shift().gen);
        return this.generationHeld;
    }
    /** The highest generation seen, held to or not yet: what a lost store is raised to. */
    highestGeneration() {
        return Math.max(this.heldGeneration(), this.generationsYoung.at(-1)?.gen ?? 0);
    }
    /** The gate's two generation arguments: held to, and highest seen. */
    generations() {
        return [this.heldGeneration(), this.highestGeneration()];
    }
    get rewindGraceMs() {
        return this.opts.rewindGraceMs ?? REWIND_GRACE_MS;
    }
    /** What swGeneration (or the gate) said of the epoch and generation, thrown as ERR_STATE_LOST. */
    generationLost(code, found) {
        if (code === -1 || code === -3)
            return this.lost(found);
        return undefined;
    }
    /**
     * Advances the generation after a write the gate does not make (a block, a job-end mark): held to
     * like an exchange's, so a snapshot older than the block is seen. The write stands whatever this
     * says (the kill switch works while lost): a loss found here is reported, not thrown.
     */
    async advance() {
        try {
            const epoch = await this.adoptEpoch();
            const [code, value] = (await this.run('swGeneration', [EPOCH, GENERATION, GENERATION], [epoch, this.heldGeneration(), 'advance', 0, this.highestGeneration()]));
            if (code === 0)
                this.noteGeneration(Number(value), false);
            else
                this.generationLost(code, String(value));
        }
        catch {
            // The write itself succeeded; the next exchange checks the store again.
        }
    }
    /**
     * What INFO said of the server at the last look (at most every UNFIT_CHECK_MS, started by an
     * exchange): problems found make every gate refuse until a later look finds none. A policy changed
     * at run time (CONFIG SET maxmemory-policy allkeys-lru, a parameter group applied) would otherwise
     * let the server evict used jtis and blocks while /readyz alone said so.
     */
    unfit = [];
    unfitCheckedAt = 0;
    unfitChecking = false;
    static UNFIT_CHECK_MS = 5000;
    lookAtServer() {
        const now = Date.now();
        if (this.unfitChecking || now - this.unfitCheckedAt < RedisStore.UNFIT_CHECK_MS)
            return;
        this.unfitChecking = true;
        this.unfitCheckedAt = now;
        this.redis
            .info()
            .then((text) => this.noteUnfit(stateServerProblems(parseInfo(text))))
            // No answer says nothing of the policy: the gate's own command fails on its own.
            .catch(() => undefined)
            .finally(() => (this.unfitChecking = false));
    }
    /** Records what the last look found; returns it as every refusal and /readyz say it. */
    noteUnfit(problems) {
        // Through Sentinel, a replica at the other end is a connection that outlived a failover (the
        // gate refuses before any write, so no READONLY reply would reconnect): ask the Sentinels again.
        if (problems.includes(state_store/* STATE_READONLY_TEXT */.J4) && (this.redis.options.sentinels?.length ?? 0) > 0) {
            this.redis.disconnect(true);
            problems = problems.map((p) => (p === state_store/* STATE_READONLY_TEXT */.J4 ? state_store/* STATE_READONLY_SENTINEL_TEXT */.qk : p));
        }
        if (problems.length > 0 && this.unfit.join() !== problems.join())
            this.opts.warn?.(`stepwarden broker: ERROR ${problems.join('; ')} (${this.where}); every exchange is refused until it is fixed\n`);
        else if (problems.length === 0 && this.unfit.length > 0)
            this.opts.warn?.(`stepwarden broker: the state store ${this.where} can hold the broker's state again\n`);
        this.unfit = problems;
        return problems;
    }
    /** When a clock skew was last reported on stderr (ms). */
    skewWarnedAt = 0;
    /** ERR_STATE_CLOCK_SKEW (`skew`: this clock minus the store's, seconds), one stderr line a minute. */
    skewed(skew) {
        const err = new state_store/* ClockSkewed */.yd(`ERR_STATE_CLOCK_SKEW: this instance's clock is ${Math.abs(Math.round(skew))} s ${skew > 0 ? 'ahead of' : 'behind'} the state store's (TIME), over the ${MAX_CLOCK_SKEW_SECONDS} s allowed: it would keep used OIDC jtis too short for the other instances (a replay) or judge tokens and deadlines wrongly, so it refuses every exchange. Fix: synchronise this host's clock and the store's with NTP (chronyc tracking; timedatectl); it serves again at once`);
        const now = Date.now();
        if (now - this.skewWarnedAt >= 60_000) {
            this.skewWarnedAt = now;
            this.opts.warn?.(`stepwarden broker: ERROR ${err.message}\n`);
        }
        return err;
    }
    /**
     * ERR_STATE_LOST with the fix, and one stderr ERROR line a minute while it lasts. `found`: the
     * epoch the store holds now ('' when none).
     */
    lost(found) {
        const rewound = found.startsWith(REWOUND_PREFIX)
            ? found.slice(REWOUND_PREFIX.length).split(':')
            : undefined;
        const err = new state_store/* StateLost */.cd(rewound?.[0] === GENERATION_BROKEN
            ? `ERR_STATE_LOST: the state store's ${GENERATION} was no counter (another type, not digits, or beyond 15 digits: written by hand or by another tool), so whether the store went back to an older copy cannot be told; an instance had seen ${rewound[1]}. Every exchange is refused. Fix: re-apply the blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (the brokers rewrite ${GENERATION}; docs/operations.md, ERR_STATE_LOST)`
            : rewound
                ? `ERR_STATE_LOST: the state store went back to an older copy of its data (an older snapshot or backup restored, a replica promoted without the last writes): ${GENERATION} is ${rewound[0]}, an instance had seen ${rewound[1]}. Used jtis, blocks, job-end marks and deadlines written since may be gone; every exchange is refused. Fix: re-apply the blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (docs/operations.md, ERR_STATE_LOST)`
                : `ERR_STATE_LOST: the state store lost its data (restarted without persistence, flushed, a lost disk): its ${EPOCH} is ${found ? `'${found}'` : 'gone'}, not '${this.epoch}' this instance started on; used OIDC jtis, kill-switch blocks and revocation deadlines may be gone, so every exchange is refused. Fix: re-apply the kill-switch blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (runbook: docs/operations.md, ERR_STATE_LOST)`);
        const now = Date.now();
        if (now - this.lostWarnedAt >= 60_000) {
            this.lostWarnedAt = now;
            this.opts.warn?.(`stepwarden broker: ERROR ${err.message}\n`);
        }
        return err;
    }
    /** ARGV flag of the sweep's scripts: '1' judges deadlines by the caller's clock (tests), '0' by TIME. */
    get callerClock() {
        return this.opts.callerClock ? '1' : '0';
    }
    /** Connects (fails with a clear error if the server cannot be reached) and loads the scripts. */
    static async connect(url, opts) {
        const options = {
            lazyConnect: true,
            enableOfflineQueue: false,
            // A command in flight when the connection drops fails at once and is never sent again: the
            // scripts are not idempotent (a gate sent twice answers "replayed" to its own first use, a
            // deliver sent twice "not delivered" for a credential the store then holds as delivered).
            maxRetriesPerRequest: 0,
            autoResendUnfulfilledCommands: false,
            // A strict-mode WAIT must be able to run its full timeout before the command deadline cuts it.
            commandTimeout: Math.max(opts.commandTimeoutMs ?? 2000, (opts.strict?.timeoutMs ?? 0) + 1000),
            connectTimeout: 5000,
            disconnectTimeout: 200,
            retryStrategy: (times) => Math.min(times * 100, 2000),
            // Commands issued in the same event-loop turn (many exchanges at once) leave in one write.
            enableAutoPipelining: true,
        };
        const sentinel = parseSentinelUrl(url);
        const redis = sentinel
            ? new built.Redis({
                ...options,
                ...sentinel,
                // ioredis asks the Sentinels only when it (re)connects: a primary demoted under an open
                // connection (a failover by hand, a tool other than Sentinel) answered READONLY for ever.
                // Reconnecting asks them again; the command itself still fails (503, retried by the step).
                reconnectOnError: (err) => (/^READONLY\b/.test(err.message) ? 1 : false),
            })
            : new built.Redis(url, options);
        // Errors surface on the commands (-> 503); the connection's own error events are not news, except
        // at connect, where the last one is the reason (a TLS verification failure, a refused port) that
        // ioredis's own rejection ("Connection is closed.") hides.
        let reason;
        redis.on('error', (err) => (reason = err));
        // Before connect: its 'ready' listener must run first on every (re)connect.
        const db = new DbGuard(redis, redactUrl(url), opts.warn);
        try {
            await redis.connect();
        }
        catch (err) {
            redis.disconnect();
            const why = (reason ?? err).message;
            throw new Error(`ERR_STATE_UNREACHABLE: cannot connect to the state store ${redactUrl(url)}: ${why}${connectFix(why)}`, {
                cause: err,
            });
        }
        try {
            await db.verify();
        }
        catch (err) {
            redis.disconnect();
            throw new Error(`${err.message} (${redactUrl(url)})`, { cause: err });
        }
        let facts;
        try {
            facts = parseInfo(await redis.info());
        }
        catch (err) {
            redis.disconnect();
            throw new Error(`ERR_STATE_UNSUPPORTED: cannot read INFO from the state store ${redactUrl(url)} (${err.message}); the broker's user needs +info (see the ACL line in docs/deploy.md)`, { cause: err });
        }
        const problems = stateServerProblems(facts);
        if (problems.length > 0) {
            redis.disconnect();
            throw new Error(`${problems.join('; ')} (${redactUrl(url)})`);
        }
        for (const w of stateServerWarnings(facts))
            opts.warn?.(w);
        try {
            // Judged by the store's clock, the one the times were written by (swNoteTime).
            const now = Number((await redis.time())[0]);
            const foreign = foreignSealers(await redis.hgetall(SEALERS), opts.box.keyIds, now);
            if (foreign.length > 0)
                throw new Error(`ERR_STATE_KEY_MISMATCH: the state store ${redactUrl(url)} holds ${foreignKeysText(foreign)}`);
            const newer = newerFormats(await redis.hgetall(FORMATS), now);
            if (newer.length > 0)
                throw new Error(`ERR_STATE_FORMAT_NEWER: the state store ${redactUrl(url)} holds records written in store format ${newer.join(', ')} by a newer stepwarden within the last ${SEALER_WINDOW / 3600} hours; this version reads formats up to ${state_store/* STORE_FORMAT */.W2} and could neither read nor revoke them. Run the newer version here; to roll back, stop every newer instance and start this version once ${SEALER_WINDOW / 3600} hours have passed since the last of them wrote (its records have expired by then; docs/deploy.md, "Upgrading and rolling back")`);
        }
        catch (err) {
            redis.disconnect();
            throw err;
        }
        const store = new RedisStore(redis, opts, db, redactUrl(url));
        try {
            await store.adoptEpoch();
        }
        catch (err) {
            // A store that refuses writes now (NOREPLICAS, OOM under noeviction) may take them later: the
            // instance starts, and its first exchange or /readyz adopts the epoch (until then both fail).
            if (!(err instanceof built.ReplyError)) {
                redis.disconnect();
                throw new Error(`ERR_STATE_UNAVAILABLE: cannot read ${EPOCH} on the state store ${redactUrl(url)} (${err.message})`, { cause: err });
            }
            opts.warn?.(`stepwarden broker: WARNING the state store ${redactUrl(url)} refused writing ${EPOCH} (${err.message}); exchanges are refused until it takes writes\n`);
        }
        return store;
    }
    /**
     * Reads the store's epoch, writing one when there is none (the first instance on a new store, or a
     * store that lost its data while no instance ran: the start line says both).
     */
    async adoptEpoch() {
        if (this.epoch !== undefined)
            return this.epoch;
        let found = await this.redis.get(EPOCH);
        if (found === null) {
            const mine = `${new Date().toISOString().slice(0, 19)}Z.${(0,external_node_crypto_.randomUUID)().slice(0, 8)}`;
            if ((await this.redis.set(EPOCH, mine, 'NX')) === 'OK') {
                found = mine;
                this.opts.warn?.(`stepwarden broker: the state store ${this.where} had no ${EPOCH}; it is now ${mine}. On a new store that is expected. If brokers used this store before, it lost their state (used OIDC jtis, kill-switch blocks, revocation deadlines): re-apply the blocks still wanted (/admin/revoke) and see docs/operations.md (ERR_STATE_LOST)\n`);
            }
            else
                found = (await this.redis.get(EPOCH)) ?? '';
        }
        // A store already marked rewound is refused by a restarted instance too: it adopts the epoch the
        // mark names, so it refuses now and serves again after the operator's one SET of that epoch.
        this.epoch = found.startsWith(REWOUND_PREFIX)
            ? found.slice(REWOUND_PREFIX.length).split(':').slice(2).join(':')
            : found;
        // What the store holds at start is seen now, not held to at once: a failover in the next seconds
        // may lose the writes behind it like any other (REWIND_GRACE_MS); a restore before this instance
        // started is for the instances that ran through it to see (docs/decisions.md, sessions 17, 18).
        const gen = await this.redis.get(GENERATION).catch(() => null);
        if (gen !== null && /^\d{1,15}$/.test(gen))
            this.noteGeneration(Number(gen), false);
        return this.epoch;
    }
    /**
     * Readiness: the server still answers and can still hold the state. A policy changed at run time
     * (CONFIG SET) or a failover to a differently configured replica makes the instance not ready.
     */
    async health() {
        // SELECT again even on a verified connection: a user that lost +select still works in its database
        // on this connection, but its next reconnect will not; the operator hears of it now.
        await this.db.verify({ again: true });
        await this.adoptEpoch();
        const sent = (0,steady/* steadyNowMs */.JC)() / 1000;
        const [info, [code, value], [sec, usec], sealers] = await Promise.all([
            this.redis.info(),
            this.run('swGeneration', [EPOCH, GENERATION, GENERATION], [this.epoch, this.heldGeneration(), 'read', 0, this.highestGeneration()]),
            this.redis.time(),
            this.redis.hgetall(SEALERS),
        ]);
        const facts = parseInfo(info);
        const unfit = this.noteUnfit(stateServerProblems(facts));
        if (unfit.length > 0)
            throw new Error(unfit.join('; '));
        const lost = this.generationLost(code, String(value));
        if (lost)
            throw lost;
        const skew = sent - (Number(sec) + Number(usec) / 1e6);
        if (!this.opts.callerClock && Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS)
            throw this.skewed(skew);
        // Checked at start too, but two instances started at once on an empty store (or a key changed at
        // one since) pass that: each seals what the other cannot open or revoke. Not ready, so the load
        // balancer stops sending job ends it would refuse, and /readyz names the key.
        const foreign = foreignSealers(sealers, this.opts.box.keyIds, Number(sec));
        if (foreign.length > 0) {
            // Which instance seals under it, when it publishes its card (session 21): the on-call engineer
            // goes to that one, not through every instance's key file.
            const by = (0,fleet/* sealersOf */.bj)(foreign, await this.cards().catch(() => []));
            throw new Error(`ERR_STATE_KEY_UNKNOWN${by.length ? ` (sealing: ${by.map((b) => JSON.stringify(b)).join(', ')})` : ''}: the state store holds ${foreignKeysText(foreign)}`);
        }
        // Not among the unfit: an exchange does not refuse on it (its own wait says whether a replica took it).
        const unreplicated = strictReplicasProblem(facts, this.opts.strict);
        if (unreplicated)
            throw new Error(unreplicated);
    }
    /** The live cards in the store (ops/fleet.ts), at most MAX_CARDS read. */
    async cards() {
        return cardsOf(await this.readCards(), Math.floor(Date.now() / 1000));
    }
    /**
     * INSTANCES' fields, or none when the hash is larger than MAX_CARDS cards can be: then it holds
     * something else (another tool, a hostile writer: 100 MB, or 100,000 fields), and every instance
     * pulling it every 10 s is the harm. It is dropped unread; every instance writes its card again
     * within 10 s (session 22). MEMORY USAGE is an estimate (sampled fields) and may be refused by an
     * ACL: then the field count alone bounds the read.
     */
    async readCards() {
        const [n, bytes] = await Promise.all([
            this.redis.hlen(INSTANCES),
            this.redis.memory('USAGE', INSTANCES).catch(() => 0),
        ]);
        if (n <= fleet/* MAX_CARDS */.Tb && Number(bytes ?? 0) <= fleet/* MAX_CARDS */.Tb * fleet/* MAX_CARD_CHARS */.ck)
            return this.redis.hgetall(INSTANCES);
        await this.redis.del(INSTANCES);
        return {};
    }
    async retire(instance) {
        await this.redis.hdel(INSTANCES, instance);
    }
    async announce(card) {
        const mine = { ...card, seals: this.opts.box.sealingKeyId, opens: [...this.opts.box.keyIds] };
        const text = JSON.stringify(mine);
        await this.redis.hset(INSTANCES, card.instance, text);
        let all = await this.readCards();
        if (!(card.instance in all)) {
            await this.redis.hset(INSTANCES, card.instance, text);
            all = { [card.instance]: text };
        }
        const now = Math.floor(Date.now() / 1000);
        // Instances that stopped (a rolled pod's name never comes back): removed after an hour; so is a
        // card dated ahead of any instance's clock (never live, see liveCards).
        const gone = Object.entries(all)
            .filter(([, t]) => {
            const at = (0,fleet/* parseCard */.co)(t)?.at ?? 0;
            return at < now - 3600 || at > now + fleet/* CARD_TTL_SECONDS */._9;
        })
            .map(([k]) => k);
        if (gone.length)
            await this.redis.hdel(INSTANCES, ...gone.slice(0, 1000));
        return cardsOf(all, now);
    }
    /**
     * A script by name, as ioredis's Script ran it: in full (EVAL, which also loads it) the first time
     * on a connection, by its SHA (EVALSHA) after that, and in full again when the server answers
     * NOSCRIPT (it lost its scripts: SCRIPT FLUSH, a restart, a failover). A NOSCRIPT answer ran
     * nothing, so sending it again cannot apply it twice.
     */
    /** `numberOfKeys`: the script's own, or, for a batch's (swHoldMany, swExpireAloneMany), every key given. */
    run(name, keys, args, numberOfKeys = SCRIPTS[name].numberOfKeys) {
        const s = SCRIPTS[name];
        const full = () => {
            this.evaled.add(name);
            return this.script('eval', s.lua, numberOfKeys, keys, args);
        };
        if (!this.evaled.has(name))
            return full();
        return this.script('evalsha', SCRIPT_SHA[name], numberOfKeys, keys, args).catch((err) => {
            if (!(err instanceof Error) || !err.message.includes('NOSCRIPT'))
                throw err;
            return full();
        });
    }
    /**
     * One EVAL or EVALSHA, the same RESP text `redis.evalsha(...)` writes, sent without ioredis's
     * Commander and auto-pipeline: those copy the arguments four times (rest parameters, a spread, and
     * `Command`'s `args.flat()`, about 0.2 \u00b5s an element: 6 \u00b5s for a 28-argument script call) and
     * wrap each call in a Pipeline's promises and callbacks. The calls of one turn of the event loop
     * still leave in one write: the socket is corked at the first and uncorked at setImmediate, when
     * the auto-pipeline would have written them (Node's writev). Bytes go out in the order
     * `sendCommand` queued their replies, so ioredis matches the replies as before; everything else
     * `sendCommand` does (the DbGuard, a connection not ready refused, the command timeout) is unchanged.
     * Numbers are written as ioredis's `toArg` writes them (`numberArg`); the RESP text is built into
     * one Buffer (`ScriptCommand`, the same bytes).
     */
    script(command, body, numberOfKeys, keys, args) {
        const c = new ScriptCommand(command, [], { replyEncoding: 'utf8' });
        // Strings only: Command's constructor has already converted its (empty) arguments.
        const a = [body, String(numberOfKeys)];
        // A `keyPrefix` (ioredis reads one from the URL's query) goes before the declared keys, as
        // ioredis's Command put it there for EVAL and EVALSHA.
        const prefix = this.redis.options.keyPrefix ?? '';
        for (const k of keys)
            a.push(prefix + k);
        for (const v of args)
            a.push(typeof v === 'string' ? v : numberArg(v));
        c.args = a;
        const stream = this.redis.stream;
        if (this.corked === undefined && stream?.writable) {
            stream.cork();
            this.corked = stream;
            setImmediate(() => {
                this.corked = undefined;
                stream.uncork();
            });
        }
        void this.redis.sendCommand(c);
        return c.promise;
    }
    /**
     * `strict` mode: a write a failover could lose is not trusted until a replica has it. When no
     * replica acknowledges, the write is undone (nothing was granted on it, so the client's retry with
     * the same OIDC token, or of the same single-use grant, is not refused) and the call fails.
     */
    async replicated(undo) {
        const s = this.opts.strict;
        if (!s)
            return;
        const acked = await this.redis.wait(s.replicas, s.timeoutMs);
        if (acked < s.replicas) {
            await undo().catch(() => undefined);
            throw new Error(`ERR_STATE_NOT_REPLICATED: ${acked} of ${s.replicas} replica(s) acknowledged within ${s.timeoutMs} ms`);
        }
    }
    /**
     * Strict mode after a revocation or a block (session 37): nothing to undo (the write stands at the
     * primary, which is the safe side), so the caller answers 503 and its retry asks again. A write of
     * this connection comes first: WAIT counts the replicas that have this connection's last write, and
     * the revocation may have been written on an earlier connection (a reconnect) or by another
     * instance (a retry that finds it done, writing nothing). Replication is one ordered stream, so a
     * replica that has this write has every write the primary took before it.
     */
    async replicatedNow() {
        await this.redis.set(`${P}replicated`, '1', 'PX', 60_000);
        await this.replicated(async () => undefined);
    }
    async useOnce(key, ttlSeconds) {
        // Held to the epoch and generation as the gate is: on a store that lost its used jtis a replayed
        // token would pass (the job-end listing answers with what the broker holds for a job).
        const epoch = await this.adoptEpoch();
        const [code, value, written] = (await this.run('swGeneration', [EPOCH, GENERATION, `${P}jti:${key}`], [epoch, this.heldGeneration(), 'jti', Math.max(1, Math.ceil(ttlSeconds)), this.highestGeneration()]));
        const lost = this.generationLost(code, String(value));
        if (lost)
            throw lost;
        if (written === 1)
            await this.replicated(() => this.redis.del(`${P}jti:${key}`));
        this.noteGeneration(Number(value), written === 1 && this.opts.strict !== undefined);
        return written === 1;
    }
    /** Whether a jti was already used (read-only: a replay is refused before the rate limit is charged). */
    async seen(key) {
        return (await this.redis.exists(`${P}jti:${key}`)) === 1;
    }
    async admit(jtiKey, ttlSeconds) {
        const res = await this.redis
            .pipeline()
            .set(`${P}jti:${jtiKey}`, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')
            .hgetall(BLOCKS)
            .exec();
        if (!res)
            throw new Error('ERR_STATE: pipeline aborted');
        for (const [err] of res)
            if (err)
                throw err;
        if (res[0][1] === 'OK')
            await this.replicated(() => this.redis.del(`${P}jti:${jtiKey}`));
        const blocks = Object.values(res[1][1] ?? {}).map((v) => JSON.parse(v));
        return { fresh: res[0][1] === 'OK', blocks };
    }
    async screen(req) {
        const [seen, allowed, retry] = (await this.run('swScreen', [`${P}jti:${req.jtiKey}`, `${P}rate:${req.rateKey}`], [req.limit, req.windowSeconds]));
        return { seen: seen === 1, allowed: allowed === 1, retryAfter: retry };
    }
    async gate(req) {
        const unfit = this.unfitNow();
        if (unfit)
            throw unfit;
        // Without a screen the script has no other answer than the gate's.
        return (await this.gateStep(req));
    }
    /**
     * The screen and the gate in one script (swScreenGate). A store found unfit is screened alone
     * first, as the two steps would have charged the bucket before the gate refused.
     */
    async screenGate(screen, req) {
        const unfit = this.unfitNow();
        if (unfit) {
            const screened = await this.screen(screen);
            if (screened.seen || !screened.allowed)
                return { screen: screened };
            throw unfit;
        }
        const gate = await this.gateStep(req, screen);
        if (gate === 'seen')
            return { screen: { seen: true, allowed: true, retryAfter: 0 } };
        if (typeof gate === 'number')
            return { screen: { seen: false, allowed: false, retryAfter: gate } };
        return { screen: { seen: false, allowed: true, retryAfter: 0 }, gate };
    }
    unfitNow() {
        this.lookAtServer();
        return this.unfit.length > 0 ? new state_store/* StateUnfit */.aM(this.unfit.join('; ')) : undefined;
    }
    /**
     * swGate, or with `screen` swScreenGate: the gate's answer, or what stopped the screen before it
     * ('seen', or the seconds to wait for the bucket), with nothing written.
     */
    async gateStep(req, screen) {
        const { intent } = req;
        const epoch = await this.adoptEpoch();
        const jti = `${P}jti:${req.jtiKey}`;
        const claimKey = `${P}claim:${intent.claimKey}`;
        const candidates = (0,state_store/* blockKeysFor */.$N)(req.subject);
        const keys = [
            jti,
            BLOCKS,
            claimKey,
            `${P}intent:${intent.grantId}`,
            QUEUE,
            EPOCH,
            jobEndMarkKey(req.jobEndKey),
            GENERATION,
        ];
        const args = [
            Math.max(1, Math.ceil(req.jtiTtlSeconds)),
            Math.ceil(req.claimTtlSeconds),
            req.uses,
            intent.grantId,
            JSON.stringify(intent),
            Math.ceil(intent.deadline) + 86400,
            intent.sweepAt ?? intent.deadline,
            // A key per line: JSON escapes every newline, so none is inside a key (GATE_LUA splits them).
            candidates.join('\n'),
            epoch,
            ((0,steady/* steadyNowMs */.JC)() / 1000).toFixed(3),
            MAX_CLOCK_SKEW_SECONDS,
            req.jobEndKey !== undefined ? '1' : '0',
            ...this.generations(),
            P,
        ];
        let res;
        try {
            res = (await (screen
                ? this.run('swScreenGate', [...keys, `${P}rate:${screen.rateKey}`], [...args, screen.limit, screen.windowSeconds])
                : this.run('swGate', keys, args)));
        }
        catch (err) {
            // Applied but unanswered (the store went away mid-call): given back, harmless if never applied.
            // Retried while the client reconnects, so the step's retry is not refused as a second claim.
            await this.soon(() => this.undoGate(intent));
            throw err;
        }
        const [fresh, blocks, count, intended, ended, generation, inFlightUntil] = res;
        // The screen stopped it: nothing was written.
        if (fresh === -10)
            return 'seen';
        if (fresh === -11)
            return Number(blocks);
        // Nothing was written: the script stops before the jti when the epoch is not this instance's or
        // the store is behind the generation this instance holds it to.
        const lost = this.generationLost(fresh, blocks[0] ?? '');
        if (lost)
            throw lost;
        if (fresh === -2)
            throw this.skewed(Number(blocks[0]));
        if (fresh === 1)
            await this.replicated(async () => {
                await this.redis.del(jti);
                await this.undoGate(intent);
            });
        // After the WAIT: in strict mode a replica has it, so even a failover must not go below it.
        if (generation !== undefined)
            this.noteGeneration(Number(generation), this.opts.strict !== undefined);
        return {
            fresh: fresh === 1,
            blocks: blocks.map((v) => JSON.parse(v)),
            ...(count >= 0 ? { count } : {}),
            intended: intended === 1,
            ...(ended === 1 ? { jobEnded: true } : {}),
            ...(inFlightUntil !== undefined ? { inFlightUntil: Number(inFlightUntil) } : {}),
        };
    }
    async undoGate(intent) {
        // The intent and its claim leave in one script (swAbandon). Sent as two calls one after the
        // other, a store that stops answering (a partition: the bytes are held, then delivered late) got
        // the abandon and never the unclaim: the late abandon took the intent from the sweep too, and the
        // claim stayed spent for the run attempt (the step's retry refused as a second claim).
        await this.abandon(intent.grantId);
    }
    async claim(key, ttlSeconds, holder) {
        const who = holder ?? `anonymous:${(0,external_node_crypto_.randomUUID)()}`;
        const n = Number(await this.run('swClaim', [`${P}claim:${key}`], ['claim', Math.ceil(ttlSeconds), who]));
        await this.replicated(() => this.unclaim(key, who));
        return n;
    }
    /** The claim count, read-only (a dry run asks it); a counter of an older version is read as such. */
    async claimed(key) {
        const k = `${P}claim:${key}`;
        const type = await this.redis.type(k);
        if (type === 'set')
            return this.redis.scard(k);
        return type === 'string' ? Number((await this.redis.get(k)) ?? 0) : 0;
    }
    async inFlight(claimKey, except) {
        const v = await this.run('swInFlight', [`${P}claim:${claimKey}`, QUEUE], [except, P]);
        return typeof v === 'string' ? Number(v) : undefined;
    }
    async unclaim(key, holder) {
        await this.run('swClaim', [`${P}claim:${key}`], ['unclaim', 0, holder ?? '']);
    }
    async intend(intent) {
        await this.run('swIntend', [`${P}intent:${intent.grantId}`, QUEUE], [
            JSON.stringify(intent),
            Math.ceil(intent.deadline) + 86400,
            intent.sweepAt ?? intent.deadline,
            intent.grantId,
            ((0,steady/* steadyNowMs */.JC)() / 1000).toFixed(3),
        ]);
    }
    async abandon(grantId) {
        const v = await this.run('swAbandon', [`${P}intent:${grantId}`, QUEUE], [grantId, `${P}claim:`]);
        return typeof v === 'string' ? JSON.parse(v) : undefined;
    }
    /**
     * The record's index keys: first those that live as long as their repository or workflow (trimmed
     * of ended entries at every put), then those of one run (they hold what that run was issued and
     * expire with it: not trimmed).
     */
    indexKeys(r) {
        return {
            trimmed: [
                `repoid:${r.repositoryId}`,
                `repo:${r.repository.toLowerCase()}`,
                `wf:${r.workflow}`,
                ...(r.callerWorkflow && r.callerWorkflow !== r.workflow ? [`wf:${r.callerWorkflow}`] : []),
                ...(r.dispatchTo ?? []).map((repo) => `dispatch:${repo.toLowerCase()}`),
            ].map((k) => INDEX + k),
            perRun: [
                `run:${r.runId}`,
                `job:${r.repositoryId}:${r.runId}:${r.runAttempt}:${r.job}`,
                ...(r.parentRuns ?? []).map((run) => `parentrun:${run}`),
            ].map((k) => INDEX + k),
        };
    }
    /**
     * The record as a hash: `r`, every field in one JSON text (fields added to CredentialRecord later
     * survive unchanged), beside the fields the scripts read or change on their own, each as JSON
     * (`grantId`, `expiresAt`, `claimKey`, and the changing ones: `deliverBy`, `revokedAt`,
     * `revocation`, `revokeAttempts`), and the GitHub token sealed (`secret`, wiped when settled).
     * One JSON text instead of one per field: a third of the arguments and of the parsing.
     */
    encode(r) {
        const { secret, deliverBy, revokedAt, revocation, revokeAttempts, ...fixed } = r;
        // `v` first: the store format, so an older instance that checks it refuses the record by name.
        const out = [
            'r',
            JSON.stringify({ v: state_store/* STORE_FORMAT */.W2, ...fixed }),
            'grantId',
            JSON.stringify(r.grantId),
        ];
        out.push('expiresAt', JSON.stringify(r.expiresAt));
        if (r.claimKey !== undefined)
            out.push('claimKey', JSON.stringify(r.claimKey));
        if (deliverBy !== undefined)
            out.push('deliverBy', JSON.stringify(deliverBy));
        if (revokedAt !== undefined)
            out.push('revokedAt', JSON.stringify(revokedAt));
        if (revocation !== undefined)
            out.push('revocation', JSON.stringify(revocation));
        if (revokeAttempts !== undefined)
            out.push('revokeAttempts', JSON.stringify(revokeAttempts));
        if (secret !== undefined)
            out.push('secret', this.opts.box.seal(secret, r.grantId));
        return out;
    }
    /**
     * Either encoding: `r` with its fields beside it, or (an older version's) one JSON field each.
     * Anything that is not what put() writes (changed in the store) is RecordUnreadable, never a
     * record with missing or foreign fields: a hash moved under another grant's key, fields that are
     * not JSON or of the wrong type, a secret that does not verify.
     */
    decode(h, id) {
        if (Object.keys(h).length === 0)
            return undefined;
        const corrupt = (detail) => new state_store/* RecordUnreadable */.dV('ERR_STATE_RECORD_CORRUPT', id, detail);
        const out = {};
        try {
            if (h.r !== undefined) {
                const fixed = JSON.parse(h.r);
                if (typeof fixed !== 'object' || fixed === null || Array.isArray(fixed))
                    throw corrupt('r is not an object');
                Object.assign(out, fixed);
            }
        }
        catch (err) {
            throw err instanceof state_store/* RecordUnreadable */.dV ? err : corrupt(`r is not JSON: ${err.message}`);
        }
        // The store format (absent: 1, written before session 23), read from `r` alone and checked
        // before any other field is parsed: a newer format may add a field in another encoding or
        // change a shape, and calling it corrupt would mark it revoked and take it off the queue, so
        // no instance of the newer version would ever revoke it at GitHub (session 24). Its selector
        // fields (all in `r`), when they still have today's shapes and its own grant id, make it a
        // listing's `unopened` (a job end then never answers complete over it).
        const v = out.v;
        delete out.v;
        if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 1))
            throw corrupt('v (its store format) is not a positive integer');
        if (v !== undefined && v > state_store/* STORE_FORMAT */.W2) {
            // Revoked already (by an instance of that version): a listing must not count it as unopened.
            // Read on its own and only when it is a number; anything else leaves it counted (fails closed).
            const revokedAt = safeJson(h.revokedAt);
            if (typeof revokedAt === 'number' && Number.isFinite(revokedAt))
                out.revokedAt = revokedAt;
            const shaped = out.grantId === id &&
                RECORD_STRINGS.every((k) => typeof out[k] === 'string') &&
                typeof out.expiresAt === 'number';
            throw new state_store/* RecordUnreadable */.dV('ERR_STATE_RECORD_NEWER', id, `written in store format ${v} by a newer stepwarden; this instance reads formats up to ${state_store/* STORE_FORMAT */.W2}, so an instance of that version must read and revoke it`, shaped ? out : undefined);
        }
        try {
            for (const k in h)
                if (k !== 'r' && k !== 'secret')
                    out[k] = JSON.parse(h[k]);
        }
        catch (err) {
            throw corrupt(`a field is not JSON: ${err.message}`);
        }
        if (out.grantId !== id)
            throw corrupt('its grantId is not the one it is stored under');
        for (const k of RECORD_STRINGS)
            if (typeof out[k] !== 'string')
                throw corrupt(`${k} is not a string`);
        if (out.kind !== 'github' && out.kind !== 'jwt')
            throw corrupt('kind is neither github nor jwt');
        for (const k of ['issuedAt', 'expiresAt'])
            if (typeof out[k] !== 'number' || !Number.isFinite(out[k]))
                throw corrupt(`${k} is not a number`);
        for (const k of ['upstreamExpiresAt', 'deliverBy', 'revokedAt', 'revokeAttempts'])
            if (out[k] !== undefined && (typeof out[k] !== 'number' || !Number.isFinite(out[k])))
                throw corrupt(`${k} is not a number`);
        if (out.revokedReason !== undefined && typeof out.revokedReason !== 'string')
            throw corrupt('revokedReason is not a string');
        if (h.secret !== undefined) {
            try {
                out.secret = this.opts.box.open(h.secret, id);
            }
            catch (err) {
                const partial = out;
                if (err instanceof secret_box/* SecretUnreadable */.CF)
                    throw new state_store/* RecordUnreadable */.dV(err.why === 'unknown-key' ? 'ERR_STATE_KEY_UNKNOWN' : 'ERR_STATE_SECRET_TAMPERED', id, err.message, partial);
                throw new state_store/* RecordUnreadable */.dV('ERR_STATE_SECRET_TAMPERED', id, err.message, partial);
            }
        }
        return out;
    }
    async put(record) {
        if (record.secret !== undefined)
            this.noteSealer();
        this.noteFormat();
        const queued = record.revocation === 'done' || record.revocation === 'failed'
            ? ''
            : String(record.deliverBy ?? record.expiresAt);
        const ok = await this.run('swPut', this.putKeys(record), this.putArgs(record, queued));
        if (Number(ok) !== 1)
            throw new state_store/* IntentGone */.M7(record.grantId);
        // After the record (a put refused for its intent indexes nothing), before the token can leave:
        // a failure here fails the exchange, whose sweep then revokes what was stored.
        await this.noteWriter(record);
    }
    /** Indexes a record's run in the window of every repository it can start runs in, and by its id (store.ts). */
    async noteWriter(record) {
        if (!record.dispatchTo?.length)
            return;
        const w = (0,state_store/* writerOf */.bi)(record);
        for (const repo of new Set(record.dispatchTo.map((n) => (0,state_store/* dispatchKeyOf */.NB)(record, n)))) {
            const key = (0,state_store/* writerRunsKey */.P6)(w.issuer, repo);
            await this.run('swRunNote', [`${WRITERS}${key}`, `${WRITERS}d:${key}`], [
                record.runId,
                record.issuedAt,
                w.until,
                JSON.stringify(record.parentRuns ?? []),
                this.opts.runsPerRepository ?? state_store/* RUNS_PER_REPOSITORY */.yG,
                // The broker's clock at issue (pruning only needs it within a day).
                record.issuedAt,
                0,
                'note',
            ]);
        }
        await this.run('swWriterNote', [`${WRITER}${w.runId}`], [
            w.issuer,
            JSON.stringify({ rid: w.repositoryId, first: w.first, until: w.until, to: w.to }),
            state_store/* RUN_KEEP_SECONDS */.GS,
            record.issuedAt,
        ]);
    }
    async writerRuns(q, now) {
        const key = (0,state_store/* writerRunsKey */.P6)(q.issuer, q.repository);
        const { entries, overflow } = await this.readIndex(`${WRITERS}${key}`, `${WRITERS}d:${key}`, q.liveAt, now, 0);
        return {
            runs: entries.map((e) => ({ runId: e.runId, first: e.first, until: e.score, parents: e.parents })),
            overflowed: overflow >= now,
        };
    }
    async noteReach(runId, reach) {
        const key = `${REACH}${runId}`;
        // Replaced whole, in one step (a reader sees the old reach or the new, never a part); Redis's own
        // clock ends it (what it reaches is kept as long: the run links, RUN_KEEP_SECONDS).
        const m = this.redis.multi().del(key);
        if (reach.length) {
            m.hset(key, ...reach.flatMap((r) => [JSON.stringify([r.issuer, r.repositoryId]), String(r.since)]));
            m.expire(key, state_store/* RUN_KEEP_SECONDS */.GS);
        }
        check(await m.exec());
    }
    async reaches(runIds) {
        const ids = [...new Set(runIds)];
        const out = new Map();
        if (!ids.length)
            return out;
        const p = this.redis.pipeline();
        for (const id of ids)
            p.hgetall(`${REACH}${id}`);
        const res = check(await p.exec());
        res.forEach(([, h], i) => {
            const reach = [];
            for (const [field, since] of Object.entries(h ?? {})) {
                const k = safeJson(field);
                // A field not of this shape was not written by an instance: skipped.
                if (!Array.isArray(k) ||
                    typeof k[0] !== 'string' ||
                    typeof k[1] !== 'string' ||
                    !/^-?\d+$/.test(since))
                    continue;
                reach.push({ issuer: k[0], repositoryId: k[1], since: Number(since) });
            }
            if (reach.length)
                out.set(ids[i], reach);
        });
        return out;
    }
    async writers(runIds, now) {
        const ids = [...new Set(runIds)];
        if (!ids.length)
            return [];
        const p = this.redis.pipeline();
        for (const id of ids)
            p.hgetall(`${WRITER}${id}`);
        const res = check(await p.exec());
        const out = [];
        res.forEach(([, h], i) => {
            for (const [issuer, text] of Object.entries(h ?? {})) {
                const e = safeJson(text);
                // An entry not of this shape was not written by an instance: skipped (it proves no writing).
                if (typeof e?.rid !== 'string' ||
                    typeof e.first !== 'number' ||
                    typeof e.until !== 'number' ||
                    typeof e.to !== 'object' ||
                    e.to === null ||
                    Array.isArray(e.to) ||
                    e.until + state_store/* RUN_KEEP_SECONDS */.GS < now)
                    continue;
                out.push({
                    issuer,
                    runId: ids[i],
                    repositoryId: e.rid,
                    first: e.first,
                    until: e.until,
                    to: Object.fromEntries(Object.entries(e.to).filter((x) => typeof x[1] === 'number')),
                });
            }
        });
        return out;
    }
    async linkRun(run, parents, now) {
        return (await this.noteLink(run, parents, now, 'note'));
    }
    async runLink(run, now) {
        return this.noteLink(run, [], now, 'read');
    }
    async linkedRuns(k, firstFrom, now) {
        const key = (0,state_store/* runLinksKey */.Kh)(k);
        const { entries } = await this.readIndex(`${LINKS}${key}`, `${LINKS}d:${key}`, firstFrom, now, state_store/* RUN_KEEP_SECONDS */.GS);
        return entries
            .filter((e) => e.first >= firstFrom)
            .map((e) => ({ runId: e.runId, first: e.first, parents: e.parents }));
    }
    async noteLink(run, parents, now, mode) {
        const key = (0,state_store/* runLinksKey */.Kh)(run);
        const entry = (await this.run('swRunNote', [`${LINKS}${key}`, `${LINKS}d:${key}`], [
            run.runId,
            now,
            now,
            JSON.stringify(parents),
            this.opts.runsPerRepository ?? state_store/* RUNS_PER_REPOSITORY */.yG,
            now,
            state_store/* RUN_KEEP_SECONDS */.GS,
            mode,
        ]));
        return entry ? JSON.parse(entry) : undefined;
    }
    /** The entries of a run index with a score at least `since` (one script), and its overflow mark. */
    async readIndex(z, h, since, now, keep) {
        const out = (await this.run('swRunRead', [z, h], [since, now, keep]));
        const entries = [];
        for (let i = 1; i + 2 < out.length; i += 3) {
            if (!out[i + 2])
                continue;
            const e = JSON.parse(out[i + 2]);
            const score = Number(out[i + 1]);
            // Past its keeping but not yet dropped (a note drops them): not kept.
            if (score + keep >= now)
                entries.push({ runId: out[i], first: e.first, score, parents: e.parents });
        }
        return { entries, overflow: out[0] ? Number(out[0]) + keep : -Infinity };
    }
    async putDelivered(record, jobEndKey) {
        if (record.secret !== undefined)
            throw new Error('putDelivered: a record with a secret takes put, then deliver');
        const delivered = record.deliverBy === undefined ? record : { ...record, deliverBy: undefined };
        this.noteFormat();
        let res;
        try {
            res = await this.run('swPutDelivered', [...this.putKeys(delivered), BLOCKS, jobEndMarkKey(jobEndKey)], [
                `${jobEndKey !== undefined ? '1' : '0'}${this.callerClock}`,
                ...this.putArgs(delivered, String(delivered.expiresAt), Date.now() / 1000).slice(1),
            ]);
        }
        catch (err) {
            // Applied but unanswered: the credential does not leave, but the store may hold it delivered.
            await this.undeliver(record.grantId);
            throw err;
        }
        if (!Array.isArray(res))
            throw new state_store/* IntentGone */.M7(record.grantId);
        return { blocks: this.readableBlocks(res[1]), ...(res[2] === 1 ? { jobEnded: true } : {}) };
    }
    /** KEYS of swPut and swPutDelivered: intent, record, token hash, queue. */
    putKeys(record) {
        return [
            `${P}intent:${record.grantId}`,
            `${P}rec:${record.grantId}`,
            `${P}tok:${record.tokenHash}`,
            QUEUE,
        ];
    }
    /** ARGV of swPut and swPutDelivered (PUT_LUA), the record queued at `queued` ('': not queued). */
    putArgs(record, queued, 
    /** The caller's now (swPutDelivered: exact, for the deadline on the store's clock). */
    now = Math.floor(Date.now() / 1000)) {
        const fields = this.encode(record);
        const { trimmed, perRun } = this.indexKeys(record);
        return [
            record.deliverBy !== undefined ? '1' : '0',
            Math.ceil((0,state_store/* retainUntil */.yQ)(record)),
            queued,
            record.grantId,
            now,
            fields.length,
            ...fields,
            trimmed.length,
            ...trimmed,
            ...perRun,
        ];
    }
    /** FORMATS: this version's format written now, at most every SEALER_REFRESH (a failed write: next put). */
    noteFormat() {
        const now = Math.floor(Date.now() / 1000);
        if (now - this.formatSeen < SEALER_REFRESH)
            return;
        this.formatSeen = now;
        this.run('swNoteTime', [FORMATS], [String(state_store/* STORE_FORMAT */.W2)]).catch(() => (this.formatSeen = 0));
    }
    /** Records (best effort, at most every SEALER_REFRESH) that this key seals secrets into the store. */
    noteSealer() {
        const now = Math.floor(Date.now() / 1000);
        if (now - this.sealerSeen < SEALER_REFRESH)
            return;
        this.sealerSeen = now;
        this.run('swNoteTime', [SEALERS], [this.opts.box.sealingKeyId]).catch(() => (this.sealerSeen = 0));
    }
    async deliver(grantId, jobEndKey) {
        let ok;
        let blocks;
        let ended;
        try {
            [ok, blocks, ended] = (await this.run('swDeliver', [`${P}rec:${grantId}`, QUEUE, BLOCKS, jobEndMarkKey(jobEndKey)], [grantId, jobEndKey !== undefined ? '1' : '0', Date.now() / 1000, this.callerClock]));
        }
        catch (err) {
            await this.undeliver(grantId);
            throw err;
        }
        return {
            delivered: ok === 1,
            blocks: this.readableBlocks(blocks),
            ...(ok === 1 && ended === 1 ? { jobEnded: true } : {}),
        };
    }
    async endJob(jobEndKey, ttlSeconds) {
        // No NX: a second job end of the job (another token of it) renews the mark.
        await this.redis.set(jobEndMarkKey(jobEndKey), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
        await this.advance();
    }
    async jobEnded(jobEndKey) {
        return (await this.redis.exists(jobEndMarkKey(jobEndKey))) === 1;
    }
    /**
     * deliver() failed, so the credential does not leave, but Redis may have applied it (the reply was
     * lost: a connection cut mid-reply, a timeout). Left so, the store would call it delivered: its
     * claim stays used (the step's retry refused as a second claim, audited as possible theft) and it
     * lives to its deadline. Marked undelivered again and queued now, the sweep revokes it
     * (EXCHANGE_INTERRUPTED) and gives the claim back. Retried briefly while the client reconnects;
     * if the store stays away, the record is as deliver() left it (docs/decisions.md).
     */
    async undeliver(grantId) {
        await this.soon(() => this.run('swUndeliver', [`${P}rec:${grantId}`, QUEUE], [grantId, Math.floor(Date.now() / 1000), this.callerClock]));
    }
    /**
     * A compensation after a failed call, retried while the client reconnects (a cut connection is
     * back within about 100 ms): about two seconds in all, one command deadline against a store that
     * does not answer. Best effort: the sweep covers what it cannot do.
     */
    async soon(fn) {
        const end = Date.now() + 2000;
        while (Date.now() < end) {
            try {
                await fn();
                return;
            }
            catch {
                await new Promise((r) => setTimeout(r, 200));
            }
        }
    }
    /**
     * Every block of the hash that parses, for the delivery's re-check (all blocks, not the subject's):
     * one value changed in the store must not fail every delivery of every repository, each after a
     * token was minted (and its step's claim used). The gate reads the subject's blocks by key and
     * refuses on one it cannot parse, so a damaged block still stops the exchanges it names.
     */
    readableBlocks(values) {
        const out = [];
        for (const v of values)
            try {
                out.push(JSON.parse(v));
            }
            catch {
                // At most a line a minute: this runs on every delivery.
                if (Date.now() - this.blockWarnedAt < 60_000)
                    continue;
                this.blockWarnedAt = Date.now();
                this.opts.warn?.(`stepwarden broker: ERROR ERR_STATE_RECORD_CORRUPT: a kill-switch block in the store is not JSON (${v.slice(0, 80)}); the exchanges it names are refused with 503 until it is fixed or lifted\n`);
            }
        return out;
    }
    async get(grantId) {
        const held = this.held;
        this.held = undefined;
        const hash = held?.grantId === grantId ? held.hash : await this.redis.hgetall(`${P}rec:${grantId}`);
        return this.decode(hash, grantId);
    }
    async intent(grantId) {
        const v = await this.redis.get(`${P}intent:${grantId}`);
        return v ? JSON.parse(v) : undefined;
    }
    async byTokenHash(hash) {
        const id = await this.redis.get(`${P}tok:${hash}`);
        return id ? this.get(id) : undefined;
    }
    /** The most selective index the filter allows, then the same predicate as the memory store. */
    async live(filter, now) {
        return this.matching(filter, (r) => (0,state_store/* recordMatches */.p6)(r, filter, now));
    }
    /** Every credential matching the filter, live or ended, while its record is kept. */
    async list(filter) {
        return this.matching(filter, (r) => (0,state_store/* selectorMatches */.de)(r, filter));
    }
    async matching(filter, keep) {
        const which = filter.repositoryId && filter.runId && filter.runAttempt && filter.job
            ? `job:${filter.repositoryId}:${filter.runId}:${filter.runAttempt}:${filter.job}`
            : filter.runId
                ? `run:${filter.runId}`
                : filter.parentRun
                    ? `parentrun:${filter.parentRun}`
                    : filter.dispatchTo
                        ? `dispatch:${filter.dispatchTo.toLowerCase()}`
                        : filter.repositoryId
                            ? `repoid:${filter.repositoryId}`
                            : filter.repository
                                ? `repo:${filter.repository.toLowerCase()}`
                                : filter.workflow
                                    ? `wf:${filter.workflow}`
                                    : undefined;
        if (!which)
            throw new Error('ERR_STATE_FILTER: a live() filter needs at least one indexed field');
        const idx = INDEX + which;
        // The set an older version kept (until it expires by itself), and the sorted set.
        const legacy = LEGACY_INDEX + which;
        const read = await this.redis.pipeline().smembers(legacy).zrange(idx, '0', '-1').exec();
        if (read?.some(([err]) => err && WRONGTYPE.test(err.message)))
            return this.matchingFromQueue(keep, await this.damagedOf([legacy, idx], ['set', 'zset']));
        const [[, older], [, newer]] = check(read);
        // SLOT_MARK is the index's own, not a credential's (an older version reads it as a gone record).
        const ids = [...new Set([...newer.filter((id) => id !== SLOT_MARK), ...older])];
        if (ids.length === 0)
            return [];
        const p = this.redis.pipeline();
        for (const id of ids)
            p.hgetall(`${P}rec:${id}`);
        const res = check(await p.exec());
        const out = [];
        const gone = [];
        res.forEach(([, h], i) => {
            let r;
            try {
                r = this.decode(h, ids[i]);
            }
            catch (err) {
                this.unreadableListed(err, out, keep);
                return;
            }
            if (!r)
                gone.push(ids[i]);
            else if (keep(r))
                out.push(r);
        });
        if (gone.length) {
            const legacyGone = gone.filter((id) => older.includes(id));
            const p2 = this.redis.pipeline().zrem(idx, ...gone);
            if (legacyGone.length)
                p2.srem(legacy, ...legacyGone);
            check(await p2.exec());
        }
        return out;
    }
    /** Which of `keys` hold another type than `want` (same order), each with the type it holds. */
    async damagedOf(keys, want) {
        const p = this.redis.pipeline();
        for (const k of keys)
            p.type(k);
        const types = check(await p.exec()).map(([, t]) => t);
        return keys.flatMap((k, i) => types[i] !== 'none' && types[i] !== want[i] ? [`${k} (${types[i]})`] : []);
    }
    /**
     * The listing when an index key holds another type (a stray SET over it, another tool writing under
     * the prefix): that write replaced the index, so the credentials it listed are reachable only
     * through the revocation queue, where every credential not yet revoked has its deadline. The queue
     * is read whole, in pages, and every record matched by the same predicate: a kill switch by run
     * then revokes all of the run's credentials instead of failing (before: 503 with Redis's words) or,
     * once the key was deleted, answering that nothing was live. The damaged keys go with the answer
     * (`damagedIndexes`) and to stderr, with the fix; deleting the key is safe once the kill switch ran.
     */
    /**
     * A listed record decode refused. One unreadable record must not hide the others (a kill switch
     * revokes every readable one); it stays queued, and the sweep settles it at its deadline (audited
     * there). One this instance cannot open but another can (a key it lacks, a newer format) is
     * `unopened` when it matches, whichever way it was listed (session 24: the queue's way, taken over a
     * damaged index, dropped it and a job end answered complete over it).
     */
    unreadableListed(err, out, keep) {
        if (!(err instanceof state_store/* RecordUnreadable */.dV))
            throw err;
        this.opts.warn?.(`stepwarden broker: ERROR ${err.message}; left to the sweep\n`);
        if (err.elsewhere && err.partial && keep(err.partial)) {
            (out.unopened ??= []).push(err.partial);
            (out.unopenedCodes ??= {})[err.grantId] = err.code;
        }
    }
    async matchingFromQueue(keep, damaged) {
        const now = Date.now();
        for (const k of damaged)
            if (now - (this.damagedWarnedAt.get(k) ?? 0) >= 60_000) {
                this.damagedWarnedAt.set(k, now);
                this.opts.warn?.(`stepwarden broker: ERROR ${(0,state_store/* damagedIndexText */.z_)(k)}\n`);
            }
        if (this.damagedWarnedAt.size > 1000)
            this.damagedWarnedAt.clear();
        const out = [];
        const seen = new Set();
        const PAGE = 1000;
        for (let start = 0;; start += PAGE) {
            const ids = (await this.redis.zrange(QUEUE, String(start), String(start + PAGE - 1))).filter((id) => !seen.has(id));
            for (const id of ids)
                seen.add(id);
            if (ids.length > 0) {
                const p = this.redis.pipeline();
                for (const id of ids)
                    p.hgetall(`${P}rec:${id}`);
                check(await p.exec()).forEach(([, h], i) => {
                    try {
                        const r = this.decode(h, ids[i]);
                        if (r && keep(r))
                            out.push(r);
                    }
                    catch (err) {
                        this.unreadableListed(err, out, keep);
                    }
                });
            }
            if (ids.length < PAGE && (await this.redis.zcard(QUEUE)) <= start + PAGE)
                break;
        }
        out.damagedIndexes = damaged;
        return out;
    }
    async due(now, limit, leaseSeconds) {
        const [ids, lease] = (await this.run('swDue', [QUEUE], [now, limit, leaseSeconds, leaseFraction(), this.callerClock]));
        // Entries leave at hold(); what a failed sweep never held is dropped past a bound.
        if (this.leases.size > 10_000)
            this.leases.clear();
        for (const id of ids)
            this.leases.set(id, lease);
        return ids;
    }
    async hold(grantId, leaseSeconds) {
        const lease = this.leases.get(grantId);
        if (lease === undefined)
            return false;
        this.leases.delete(grantId);
        let renewed;
        try {
            renewed = await this.run('swHold', [QUEUE, `${P}rec:${grantId}`], [grantId, lease, Math.floor(Date.now() / 1000), leaseSeconds, this.callerClock]);
        }
        catch (err) {
            // Not held, so still due()'s lease: the failed sweep's release() must give it back. Dropped
            // here, an instance whose hold the store refuses (a script it may not load: an ACL user without
            // EVAL after a SCRIPT FLUSH) kept the entry a whole lease, took it again at the next, and so
            // starved every other instance's sweep of it (session 33, s33-sweep-refused-hold).
            this.leases.set(grantId, lease);
            throw err;
        }
        if (!Array.isArray(renewed))
            return false;
        const [next, fields] = renewed;
        // Kept so that release() can give back the entry being worked too (settled entries leave the
        // queue, re-queued ones get another score: release() then leaves them alone).
        this.leases.set(grantId, next);
        // The record as the held step read it, for the sweep's get() of this entry, which follows at
        // once (revocation.ts sweepBatch). Read in the same atomic step as the lease, so no older than a
        // get() sent after it would be; kept to the end of this turn of the event loop only, and any
        // get() takes it away (another id's too), so nothing later reads it.
        if (!fields)
            return true;
        const held = { grantId, hash: hashOf(fields) };
        this.held = held;
        setImmediate(() => {
            if (this.held === held)
                this.held = undefined;
        }).unref();
        return true;
    }
    async holdMany(grantIds, leaseSeconds) {
        const asked = grantIds.filter((id) => this.leases.has(id));
        const out = grantIds.map(() => undefined);
        if (asked.length === 0)
            return out;
        const keys = [QUEUE];
        const args = [Math.floor(Date.now() / 1000), leaseSeconds, this.callerClock];
        for (const id of asked) {
            keys.push(`${P}rec:${id}`);
            args.push(id, this.leases.get(id));
        }
        // Refused (a script this instance may not load): every lease stays due()'s, so the failed
        // sweep's release() gives the batch back (hold(), session 33).
        const answers = (await this.run('swHoldMany', keys, args, keys.length));
        const held = new Map();
        asked.forEach((id, i) => {
            const a = answers[i];
            if (!Array.isArray(a)) {
                this.leases.delete(id);
                return;
            }
            const [next, fields] = a;
            // Kept so that release() can give back the entries being worked too (hold()).
            this.leases.set(id, next);
            if (!fields)
                held.set(id, { unread: true });
            else
                try {
                    held.set(id, { record: this.decode(hashOf(fields), id) });
                }
                catch (error) {
                    held.set(id, { error });
                }
        });
        grantIds.forEach((id, i) => (out[i] = held.get(id)));
        return out;
    }
    async release(grantIds) {
        const mine = grantIds.flatMap((id) => {
            const lease = this.leases.get(id);
            this.leases.delete(id);
            return lease === undefined ? [] : [[id, lease]];
        });
        await Promise.all(mine.map(([id, lease]) => this.run('swRelease', [QUEUE], [id, lease]).catch((err) => this.releasePlain(id, lease, err))));
    }
    /**
     * swRelease refused as a script (NOPERM: this instance may not EVAL it after the server lost its
     * scripts) but the server up: the same step in plain commands. Not atomic, and need not be: the
     * entry's score is this caller's lease, in the future, so no other instance's due() takes it
     * between the ZSCORE and the ZADD; a lease that ran out meanwhile only makes the entry due again.
     */
    async releasePlain(id, lease, err) {
        if (!(err instanceof Error) || !/\bNOPERM\b/.test(err.message))
            throw err;
        const score = await this.redis.zscore(QUEUE, id);
        if (score === null || Number(score) !== Number(lease))
            return;
        const [seconds] = await this.redis.time();
        await this.redis.zadd(QUEUE, 'XX', Number(seconds), id);
    }
    /** The queue's entries (earliest first, at most `cap`) whose record's or intent's deadline is past. */
    async overdue(now, cap = 10_000) {
        return (await this.queueCensus(cap)).filter((e) => e.deadline !== undefined && e.deadline <= now).length;
    }
    async pendingRevocations(cap = 10_000) {
        return (await this.queueCensus(cap)).filter((e) => e.pending).length;
    }
    /**
     * The first `cap` queue entries, each with its deadline (an undelivered credential or an intent at
     * its in-flight window, else its record's deadline; none when neither is there) and whether its
     * upstream revocation is pending: what the overdue and pending gauges count. One pass, 2 commands
     * an entry (the record's three fields, the intent), shared by the calls made while it is read:
     * one scrape collects both gauges at once, and each read the whole queue on its own before
     * (session 38: 3 commands an entry and two ZRANGEs, up to 30,000 commands a scrape at the cap).
     * Nothing is kept once it is answered, so a later scrape reads the queue as it is then.
     */
    queueCensus(cap) {
        const reading = this.censusReading;
        if (reading && reading.cap === cap)
            return reading.entries;
        const entries = this.readQueueCensus(cap).finally(() => {
            if (this.censusReading?.entries === entries)
                this.censusReading = undefined;
        });
        this.censusReading = { cap, entries };
        return entries;
    }
    async readQueueCensus(cap) {
        const ids = await this.redis.zrange(QUEUE, '0', String(cap - 1));
        if (ids.length === 0)
            return [];
        const p = this.redis.pipeline();
        for (const id of ids)
            p.hmget(`${P}rec:${id}`, 'expiresAt', 'deliverBy', 'revocation').get(`${P}intent:${id}`);
        const res = check(await p.exec());
        return ids.map((_, i) => {
            const [exp, deliverBy, revocation] = res[2 * i][1];
            const intentText = res[2 * i + 1][1];
            const intent = intentText ? JSON.parse(intentText) : undefined;
            const deadline = exp !== null
                ? Number(JSON.parse(deliverBy ?? exp))
                : intent
                    ? (intent.sweepAt ?? intent.deadline)
                    : undefined;
            return { ...(deadline !== undefined ? { deadline } : {}), pending: revocation === '"pending"' };
        });
    }
    async markRevoked(grantId, at, opts = {}) {
        return (Number(await this.run('swMarkRevoked', [`${P}rec:${grantId}`, QUEUE], [
            JSON.stringify(at),
            opts.undeliveredOnly ? '1' : '0',
            `${P}claim:`,
            grantId,
            opts.reason === undefined ? '' : JSON.stringify(opts.reason),
            opts.retryAt === undefined ? '' : String(opts.retryAt),
        ])) === 1);
    }
    async retryRevocation(grantId, at, attempts) {
        const n = Number(await this.run('swRetry', [`${P}rec:${grantId}`, QUEUE], [at, JSON.stringify(attempts), grantId]));
        return n === 2 ? 'again' : n === 1;
    }
    async expireAlone(grantId, runId, at) {
        const [rec, ...rest] = aloneKeys(grantId, runId);
        const ok = await this.run('swExpireAlone', [rec, QUEUE, ...rest], [JSON.stringify(at), grantId]);
        return Number(ok) === 1;
    }
    async expireAloneMany(entries, at) {
        if (entries.length === 0)
            return [];
        const keys = [QUEUE];
        const args = [JSON.stringify(at)];
        for (const { grantId, runId } of entries) {
            keys.push(...aloneKeys(grantId, runId));
            args.push(grantId);
        }
        const done = (await this.run('swExpireAloneMany', keys, args, keys.length));
        return entries.map((_, i) => Number(done[i]) === 1);
    }
    async takeDue(now, limit, leaseSeconds, take) {
        const [ids, lease, answers, orphans] = (await this.run('swTakeDue', [QUEUE, P, takenKey(take.tag), ...take.written.map(takenKey)], [
            now,
            limit,
            leaseSeconds,
            leaseFraction(),
            this.callerClock,
            JSON.stringify(take.at),
            TAKEN_SECONDS,
            ADOPT_PER_TAKE,
        ], 3 + take.written.length));
        if (this.leases.size > 10_000)
            this.leases.clear();
        const held = [];
        const expired = [];
        const heldOf = (id, fields) => {
            if (!fields)
                return { unread: true };
            try {
                return { record: this.decode(hashOf(fields), id) };
            }
            catch (error) {
                return { error };
            }
        };
        ids.forEach((id, i) => {
            const [done, fields] = answers[i];
            expired.push(done === 1);
            // Leased as due() leases (hold() renews it before the entry is worked); an expired one is done with.
            if (done !== 1)
                this.leases.set(id, lease);
            held.push(heldOf(id, fields));
        });
        const adopted = (orphans ?? []).map(([id, fields]) => ({ id, held: heldOf(id, fields) }));
        return { ids, held, expired, ...(adopted.length ? { adopted } : {}) };
    }
    async takenBy(tag, leaseSeconds = 60) {
        return (await this.run('swTakenBy', [takenKey(tag), TAKES], [leaseSeconds], 2));
    }
    async dropTaken(tags) {
        if (!tags.length)
            return;
        const keys = tags.map(takenKey);
        await this.redis
            .multi()
            .del(...keys)
            .zrem(TAKES, ...keys)
            .exec();
    }
    async settleRevocation(grantId, outcome) {
        return (1 ===
            (await this.run('swSettle', [`${P}rec:${grantId}`, QUEUE, `${P}intent:${grantId}`], [JSON.stringify(outcome), grantId])));
    }
    async rateLimit(key, limit, windowSeconds) {
        const [allowed, retry] = (await this.run('swRate', [`${P}rate:${key}`], [limit, windowSeconds]));
        return { allowed: allowed === 1, retryAfter: retry };
    }
    async block(block, whileHeld) {
        // The key is what every exchange checks; the service publishes the cache drop (publish()).
        if (!whileHeld)
            await this.redis.hset(BLOCKS, (0,state_store/* blockKey */.Ju)(block), JSON.stringify(block));
        else if (Number(await this.run('swBlockBeside', [BLOCKS], [(0,state_store/* blockKey */.Ju)(block), JSON.stringify(block), (0,state_store/* blockKey */.Ju)(whileHeld)])) !== 1)
            return false;
        await this.advance();
        return true;
    }
    async unblock(selector) {
        const run = selector.runId ?? '';
        return (await this.run('swUnblock', [BLOCKS, `${REACH}${run}`], [(0,state_store/* blockKey */.Ju)(selector), run])) === 1;
    }
    async publish(msg) {
        await this.redis.publish(INVALIDATE_CHANNEL, JSON.stringify(msg));
    }
    /**
     * One subscriber connection per instance (a subscribed connection can run nothing else). It
     * reconnects and resubscribes by itself; on each resubscription every cache is dropped, since
     * messages sent meanwhile were lost (pub/sub does not queue).
     */
    async subscribe(fn) {
        this.listeners.push(fn);
        if (this.sub)
            return;
        // Its SUBSCRIBE waits (offline queue, no retry limit) for a store that is down at start.
        // Database 0: pub/sub channels are not in any database (a PUBLISH is heard by subscribers on every
        // database), so this connection sends no SELECT a changed ACL could refuse.
        const sub = this.redis.duplicate({
            db: 0,
            lazyConnect: true,
            enableOfflineQueue: true,
            commandTimeout: undefined,
            maxRetriesPerRequest: null,
        });
        this.sub = sub;
        sub.on('error', () => undefined);
        let subscribedOnce = false;
        sub.on('ready', () => {
            if (subscribedOnce)
                for (const l of this.listeners)
                    l({ why: 'refresh' });
            subscribedOnce = true;
        });
        sub.on('message', (channel, text) => {
            if (channel !== INVALIDATE_CHANNEL)
                return;
            let msg;
            try {
                const v = JSON.parse(text);
                msg = {
                    why: v.why === 'block' || v.why === 'unblock' ? v.why : 'refresh',
                    ...(typeof v.repository === 'string' ? { repository: v.repository } : {}),
                    ...(typeof v.owner === 'string' ? { owner: v.owner } : {}),
                };
            }
            catch {
                msg = { why: 'refresh' };
            }
            for (const l of this.listeners)
                l(msg);
        });
        sub.connect().catch(() => undefined); // retried by the client's own reconnection
        await sub.subscribe(INVALIDATE_CHANNEL);
    }
    async blocks() {
        return Object.values(await this.redis.hgetall(BLOCKS)).map((v) => JSON.parse(v));
    }
    async close() {
        this.sub?.disconnect();
        if (this.redis.status === 'ready')
            await this.redis.quit().catch(() => undefined);
        this.redis.disconnect();
    }
}
const WRONGTYPE = /\bWRONGTYPE\b/;
/**
 * A hash's fields and values (HGETALL's flat reply inside a script) as ioredis's `hgetall` gives
 * them: a plain object, a field named like an Object.prototype property (`__proto__`) an own one.
 */
function hashOf(flat) {
    const out = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
        const k = flat[i];
        if (k in out)
            Object.defineProperty(out, k, {
                value: flat[i + 1],
                configurable: true,
                enumerable: true,
                writable: true,
            });
        else
            out[k] = flat[i + 1];
    }
    return out;
}
function check(res) {
    if (!res)
        throw new Error('ERR_STATE: transaction aborted');
    for (const [err] of res)
        if (err)
            throw err;
    return res;
}
/**
 * `redis-sentinel://[user:password@]host:port[,host:port\u2026]/<primary name>[/<db>]`: ioredis asks the
 * Sentinels for the current primary and follows failovers. The credentials are the data nodes'.
 */
function parseSentinelUrl(url) {
    const m = /^redis-sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)\/([^/]+)(?:\/(\d{1,2}))?$/.exec(url);
    if (!m)
        return undefined;
    const sentinels = m[3].split(',').map((hp) => {
        const i = hp.lastIndexOf(':');
        return i > 0 ? { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) } : { host: hp, port: 26379 };
    });
    if (sentinels.some((x) => !x.host || !Number.isInteger(x.port) || x.port <= 0))
        return undefined;
    return {
        sentinels,
        name: decodeURIComponent(m[4]),
        ...(m[1] ? { username: decodeURIComponent(m[1]) } : {}),
        ...(m[2] ? { password: decodeURIComponent(m[2]) } : {}),
        ...(m[5] ? { db: Number(m[5]) } : {}),
    };
}
/** Commands that read or write no key: let through on a connection not (yet) in its database. */
const KEYLESS = new Set([
    'select',
    'info',
    'ping',
    'quit',
    'auth',
    'hello',
    'client',
    'subscribe',
    'unsubscribe',
]);
/**
 * Keeps every store command off a connection not verified to be in the URL's database (`/<db>`) since
 * it last (re)connected. ioredis sends SELECT while connecting, but when it is refused (the ACL user
 * lost `+select`, a server restarted with fewer `databases`) it only emits an 'error' event and goes on
 * in database 0: until the next /readyz, jti checks, claims, kill-switch reads and records would run
 * in another tenant's database or an empty one (a used jti absent: a replay; no blocks: a blocked
 * selector served). So each connection starts unverified ('close' resets it, before any reconnect can
 * be 'ready'); on 'ready' this guard sends its own SELECT, and only its OK, on that same connection
 * (replies come in order and nothing else here sends SELECT), lets commands through. Until then every
 * command is refused at ioredis's one entry (sendCommand, which pipelines, MULTI and scripts also go
 * through, synchronously for a whole pipeline, so one is refused whole or sent whole) and never
 * written. A refused SELECT is tried again on the next command (at most every RETRY_MS) and at
 * /readyz, so a fixed ACL heals without a restart. Database 0 needs no SELECT (a connection starts
 * there, and the documented ACL has no `+select`): verified once 'ready'.
 */
class DbGuard {
    redis;
    where;
    warn;
    static RETRY_MS = 500;
    verified = false;
    /** Counts closes: a SELECT answered after its connection closed verifies nothing. */
    epoch = 0;
    checking;
    lastTry = 0;
    /** Why the last SELECT of this connection failed (ERR_STATE_DB with the fix). */
    refused;
    /** An ERROR line was written for the refused SELECT and no heal line yet. */
    alarmed = false;
    wasVerified = false;
    index;
    constructor(redis, where, 
    /** The on-call hears of a refused reconnect, and of the heal, once each. */
    warn) {
        this.redis = redis;
        this.where = where;
        this.warn = warn;
        this.index = redis.options.db ?? 0;
        redis.on('close', () => {
            this.epoch++;
            this.verified = false;
            this.refused = undefined;
        });
        redis.on('ready', () => {
            if (this.index === 0)
                this.verified = true;
            else
                void this.verify().catch(() => undefined);
        });
        // Two fixed parameters (command, pipeline stream), no rest array: this runs on every command.
        const send = redis.sendCommand.bind(redis);
        redis.sendCommand = (command, stream) => {
            if (this.verified || KEYLESS.has(command.name.toLowerCase()))
                return send(command, stream);
            // No connection: ioredis refuses it itself (no offline queue), as before this guard.
            if (redis.status !== 'ready' && redis.status !== 'connect')
                return send(command, stream);
            if (redis.status === 'ready' && Date.now() - this.lastTry >= DbGuard.RETRY_MS)
                void this.verify().catch(() => undefined);
            command.reject(this.refusal());
            return command.promise;
        };
    }
    /**
     * ERR_STATE_DB (StateDbUnverified) once the server refused this connection's SELECT; a plain error
     * (a store failure, 503 ERR_STATE_UNAVAILABLE) while the handshake or the SELECT is still under way.
     */
    refusal() {
        if (this.refused)
            return new state_store/* StateDbUnverified */.RT(`${this.refused.message} (${this.where})`);
        return new Error(`the connection to the state store ${this.where} is not yet verified to be in database ${this.index} (the URL's /${this.index}) since it (re)connected`);
    }
    /**
     * Verifies the connection is in the URL's database, or throws ERR_STATE_DB with the fix. `again`:
     * SELECTs even when verified (readiness: a lost +select shows before the next reconnect needs it).
     */
    verify(opts = {}) {
        if (this.index === 0) {
            if (this.verified || this.redis.status !== 'ready')
                return this.verified ? Promise.resolve() : Promise.reject(this.refusal());
            this.verified = true;
            return Promise.resolve();
        }
        if (this.verified && !opts.again)
            return Promise.resolve();
        this.checking ??= this.select().finally(() => (this.checking = undefined));
        return this.checking;
    }
    async select() {
        const epoch = this.epoch;
        this.lastTry = Date.now();
        const db = this.index;
        try {
            await this.redis.select(db);
        }
        catch (err) {
            const why = err.message;
            // No answer (a timeout, the connection closed): a store failure, not a refusal; tried again.
            if (!(err instanceof built.ReplyError))
                throw new Error(`the state store did not answer SELECT ${db} (the URL's /${db}): ${why}`, {
                    cause: err,
                });
            const fix = /NOPERM/i.test(why)
                ? "add +select to the broker's ACL user (ACL SETUSER <user> +select), or use database 0"
                : /range/i.test(why)
                    ? `raise the server's databases setting above ${db}, or use a database below it`
                    : 'use a database the server has and the user may select';
            const refused = new Error(`ERR_STATE_DB: the state store refused SELECT ${db} (the URL's /${db}): ${why}; ${fix}`, { cause: err });
            // A SELECT that failed because its connection closed says nothing of the next one.
            if (epoch === this.epoch && !this.verified) {
                // At start the refusal is the start's own error (RedisStore.connect), not a line of its own.
                if (this.wasVerified && !this.refused && !this.alarmed)
                    this.warn?.(`stepwarden broker: ERROR ${refused.message} (${this.where}) after a reconnect; every exchange is refused (503 ERR_STATE_DB) and nothing is read or written until SELECT ${db} succeeds again\n`);
                this.refused = refused;
                this.alarmed = true;
            }
            throw refused;
        }
        if (epoch !== this.epoch)
            throw this.refusal();
        this.verified = true;
        this.wasVerified = true;
        this.refused = undefined;
        if (this.alarmed)
            this.warn?.(`stepwarden broker: the state store connection is in database ${db} again (${this.where})\n`);
        this.alarmed = false;
    }
}
/** What to change when the connect failed for a reason the operator controls, or ''. */
function connectFix(why) {
    if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(why))
        return "; check the user and password of the state URL (redis://user:password@host:port/db, special characters percent-encoded) against the server's ACL (ACL SETUSER, docs/deploy.md)";
    if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH/.test(why))
        return '; check the host and port of the state URL and that the server runs and is reachable from here';
    return '';
}
/** The URL without its password, for error messages. */
function redactUrl(url) {
    try {
        if (url.startsWith('redis-sentinel:'))
            return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
        const u = new URL(url);
        if (u.password)
            u.password = '***';
        return u.toString();
    }
    catch {
        return '(unparseable state URL)';
    }
}


/***/ }),

/***/ 1166:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CF: () => (/* binding */ SecretUnreadable),
/* harmony export */   Ot: () => (/* binding */ SecretBox)
/* harmony export */ });
/* unused harmony export keyIdOf */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * AES-256-GCM for the one secret the broker keeps in a shared store: the GitHub token it must be
 * able to revoke upstream. The grant id is the associated data, so a ciphertext moved to another
 * record does not decrypt. Key: 32 bytes, given as 64 hex digits or base64 (file or env).
 *
 * Several keys may be given (one a line, or separated by commas): the first seals, every one opens.
 * That is how the key is rotated without losing the records sealed under the old one (docs/deploy.md).
 * A sealed text names its key by an id (an HMAC of a fixed label under the key: it says nothing about
 * the key), so an instance can tell "sealed with a key I do not have" (another instance can revoke it)
 * from "my key, and the tag does not verify" (changed in the store: nobody can).
 */

const PREFIX = 'aes256gcm:';
/** `aes256gcm:<key id>:<base64>`; a text sealed before key ids has no id (base64 has no `:`). */
const WITH_ID = /^aes256gcm:([0-9a-f]{16}):(.*)$/s;
/** The secret could not be opened: `unknown-key` (sealed under a key this instance lacks) or `tampered`. */
class SecretUnreadable extends Error {
    why;
    keyId;
    constructor(why, keyId) {
        super(why === 'unknown-key'
            ? `ERR_STATE_KEY_UNKNOWN: a stored secret is sealed with key id ${keyId}, which this instance's state encryption key file does not hold (give every instance the same key; while rotating, the old key on a later line)`
            : 'ERR_STATE_SECRET_TAMPERED: a stored secret does not verify under its key (AES-GCM tag): it was changed in the store');
        this.why = why;
        this.keyId = keyId;
    }
}
/** The id a sealed text carries for `key`. */
function keyIdOf(key) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update('stepwarden state key id').digest('hex').slice(0, 16);
}
class SecretBox {
    keys;
    ids;
    constructor(keys) {
        this.keys = keys;
        this.ids = keys.map(keyIdOf);
    }
    static fromText(text, where) {
        const parts = text.split(/[\s,]+/).filter(Boolean);
        const keys = parts.map((t) => /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64'));
        if (keys.length === 0 || keys.some((k) => k.length !== 32))
            throw new Error(`ERR_STATE_KEY: the state encryption key in ${where} is not 32 bytes (give 64 hex digits or 32 bytes in base64, e.g. \`openssl rand -hex 32\`; several keys one a line, the sealing one first)`);
        for (const [i, t] of parts.entries()) {
            const weak = weakKey(t, keys[i]);
            if (weak)
                // Never the key itself: this message reaches stderr and the JSON log.
                throw new Error(`ERR_STATE_KEY: the state encryption key in ${where}, key ${i + 1}, ${weak}: it seals the GitHub tokens kept in the shared store (make one with \`openssl rand -hex 32\`)`);
        }
        return new SecretBox(keys);
    }
    /**
     * The key from STEPWARDEN_STATE_KEY, or undefined. (A `state-encryption-key-file` is read by the
     * server like its other secret files, with file, key and fix when it cannot be, then `fromText`.)
     */
    static fromEnv(env) {
        return env.STEPWARDEN_STATE_KEY
            ? SecretBox.fromText(env.STEPWARDEN_STATE_KEY, 'STEPWARDEN_STATE_KEY')
            : undefined;
    }
    /** The id of the key that seals. */
    get sealingKeyId() {
        return this.ids[0];
    }
    /** The ids of every key this box can open with. */
    get keyIds() {
        return this.ids;
    }
    seal(plain, aad) {
        const iv = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12);
        const c = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createCipheriv)('aes-256-gcm', this.keys[0], iv);
        c.setAAD(Buffer.from(aad));
        const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
        return `${PREFIX}${this.ids[0]}:${Buffer.concat([iv, c.getAuthTag(), body]).toString('base64')}`;
    }
    open(sealed, aad) {
        if (!sealed.startsWith(PREFIX))
            throw new Error('ERR_STATE_SECRET: a stored secret is not sealed');
        const m = WITH_ID.exec(sealed);
        if (m) {
            const i = this.ids.indexOf(m[1]);
            if (i < 0)
                throw new SecretUnreadable('unknown-key', m[1]);
            const plain = tryOpen(this.keys[i], m[2], aad);
            if (plain === undefined)
                throw new SecretUnreadable('tampered', m[1]);
            return plain;
        }
        // Sealed before key ids: any of the keys. None opening it may mean another instance's key as well
        // as a change in the store; the first is the one to assume (another instance can revoke it).
        for (const key of this.keys) {
            const plain = tryOpen(key, sealed.slice(PREFIX.length), aad);
            if (plain !== undefined)
                return plain;
        }
        throw new SecretUnreadable('unknown-key', 'none (sealed before key ids)');
    }
}
/**
 * Why a key's text, decoded to 32 bytes, cannot be a key made at random; undefined when it can. Base64
 * decoding skips any character outside its alphabet, so a key mangled in copying still decoded to 32
 * bytes; and a template's zeros or a repeated phrase are 32 bytes too. 32 random bytes hold 30 distinct
 * values on average and fewer than 16 with odds under 1e-15.
 */
function weakKey(text, key) {
    if (!/^[0-9a-f]{64}$/i.test(text) && !/^(?:[A-Za-z0-9+/]{43}=?|[A-Za-z0-9_-]{43}=?)$/.test(text))
        return 'is not base64 of 32 bytes (a character outside the alphabet, skipped by decoding: mangled in copying?)';
    const distinct = new Set(key).size;
    if (distinct < 16)
        return `has only ${distinct} distinct byte value(s) of 32 (a template or a pattern, not random)`;
    return undefined;
}
function tryOpen(key, b64, aad) {
    const raw = Buffer.from(b64, 'base64');
    if (raw.length < 28)
        return undefined;
    try {
        const d = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createDecipheriv)('aes-256-gcm', key, raw.subarray(0, 12));
        d.setAAD(Buffer.from(aad));
        d.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 2893:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $D: () => (/* binding */ blockFold),
/* harmony export */   $N: () => (/* binding */ blockKeysFor),
/* harmony export */   $t: () => (/* binding */ placeOf),
/* harmony export */   Df: () => (/* binding */ unreadableIn),
/* harmony export */   E2: () => (/* binding */ composedScreenGate),
/* harmony export */   F6: () => (/* binding */ placeFields),
/* harmony export */   GS: () => (/* binding */ RUN_KEEP_SECONDS),
/* harmony export */   I_: () => (/* binding */ composedGate),
/* harmony export */   J4: () => (/* binding */ STATE_READONLY_TEXT),
/* harmony export */   Ju: () => (/* binding */ blockKey),
/* harmony export */   Kh: () => (/* binding */ runLinksKey),
/* harmony export */   LD: () => (/* binding */ composedScreen),
/* harmony export */   M7: () => (/* binding */ IntentGone),
/* harmony export */   NB: () => (/* binding */ dispatchKeyOf),
/* harmony export */   O5: () => (/* binding */ blockOfRepositoryId),
/* harmony export */   P6: () => (/* binding */ writerRunsKey),
/* harmony export */   Q1: () => (/* binding */ jobEndKey),
/* harmony export */   RT: () => (/* binding */ StateDbUnverified),
/* harmony export */   Vo: () => (/* binding */ mergeWriters),
/* harmony export */   W2: () => (/* binding */ STORE_FORMAT),
/* harmony export */   aM: () => (/* binding */ StateUnfit),
/* harmony export */   bi: () => (/* binding */ writerOf),
/* harmony export */   cW: () => (/* binding */ repositoryIdOfBlock),
/* harmony export */   cd: () => (/* binding */ StateLost),
/* harmony export */   dV: () => (/* binding */ RecordUnreadable),
/* harmony export */   de: () => (/* binding */ selectorMatches),
/* harmony export */   jO: () => (/* binding */ blockMatches),
/* harmony export */   og: () => (/* binding */ gatesOf),
/* harmony export */   p6: () => (/* binding */ recordMatches),
/* harmony export */   qk: () => (/* binding */ STATE_READONLY_SENTINEL_TEXT),
/* harmony export */   ve: () => (/* binding */ idBlockBeside),
/* harmony export */   yG: () => (/* binding */ RUNS_PER_REPOSITORY),
/* harmony export */   yQ: () => (/* binding */ retainUntil),
/* harmony export */   yd: () => (/* binding */ ClockSkewed),
/* harmony export */   z_: () => (/* binding */ damagedIndexText)
/* harmony export */ });
/* harmony import */ var _oidc_claims_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(953);
/**
 * Broker state behind one interface: a memory implementation for one instance, Redis for several
 * (same behaviour, one shared test suite: tests/broker/store-suite.ts). Nothing here is a secret
 * except `CredentialRecord.secret`, which is kept only so the broker can revoke upstream (the Redis
 * store keeps it encrypted, and both stores wipe it once the upstream revocation is settled).
 */

/** The place of a credential (a chained credential takes its parent's). */
function placeOf(r) {
    const { repository, repositoryId, workflow, job, step, runId, runAttempt, audience, callerWorkflow } = r;
    return {
        repository,
        repositoryId,
        workflow,
        job,
        step,
        runId,
        runAttempt,
        audience,
        ...(callerWorkflow ? { callerWorkflow } : {}),
    };
}
/** The audit-line fields of a credential's place (snake_case, run attempt a number). */
function placeFields(r) {
    return {
        repository: r.repository,
        repository_id: r.repositoryId,
        workflow: r.workflow,
        job: r.job,
        step: r.step,
        run_id: r.runId,
        run_attempt: Number(r.runAttempt) || 1,
    };
}
/** `put` of an exchange's record after a sweep took its intent: the exchange must not deliver it. */
/**
 * The redis state's connection is not (yet) verified to be in the URL's database since it last
 * (re)connected: nothing was read or written. `ERR_STATE_DB` with the fix when the server refused the
 * SELECT; the exchange answers 503 temporarily_unavailable.
 */
class StateDbUnverified extends Error {
}
/**
 * The state store no longer holds the epoch this instance started on (a restart without
 * persistence, FLUSHALL, a lost disk, a failover to a server that never had the data): every used
 * jti, kill-switch block, claim and revocation deadline may be gone. Fails closed until an operator
 * puts the epoch back (the message says how), never silently serving on an empty store.
 */
class StateLost extends Error {
}
/**
 * The state store was reconfigured at run time so that it can no longer hold the broker's state (an
 * evicting maxmemory-policy): its message is stateServerProblems' words, with the fix.
 */
class StateUnfit extends Error {
}
/**
 * The state store answers as a read-only replica (INFO `role:slave`, or a write refused `READONLY`):
 * a failover promoted another server while this instance still talks to the old primary, or
 * `state:` names a replica. It does not heal by itself, so the refusal names the fix, not "retry".
 */
const STATE_READONLY_TEXT = 'ERR_STATE_READONLY: the state store is a read-only replica (a failover promoted another server, or state: names a replica): every write is refused, so every exchange is refused. Fix: point state: at the primary, or use redis-sentinel://<sentinels>/<primary name> so the broker follows failovers (docs/deploy.md)';
/** STATE_READONLY_TEXT when `state:` is redis-sentinel:// (the broker reconnects and asks them again). */
const STATE_READONLY_SENTINEL_TEXT = 'ERR_STATE_READONLY: the server the Sentinels named answers as a read-only replica (a failover under way, or done by hand and not told to the Sentinels): every exchange is refused while the broker reconnects and asks the Sentinels for the primary again. Fix, if it lasts: make the Sentinels name the primary (redis-cli -p <sentinel port> SENTINEL get-master-addr-by-name <name>; docs/operations.md, ERR_STATE_READONLY)';
/** This instance's clock is too far off the state store's (TIME): see MAX_CLOCK_SKEW_SECONDS. */
class ClockSkewed extends Error {
}
class IntentGone extends Error {
    grantId;
    constructor(grantId) {
        super(`ERR_EXCHANGE_INTERRUPTED: the write-ahead intent of grant ${grantId} was swept (the exchange outlived its in-flight window)`);
        this.grantId = grantId;
    }
}
/**
 * The format of what this version writes in a shared store (records, and the keys beside them), named
 * in every record (`v` in its `r` text) and in `stepwarden:formats`. A record without `v` is format 1
 * (written before session 23). A version that changes what an older one would misread raises it; it
 * still reads every lower format, and an older instance refuses what it cannot read by name
 * (ERR_STATE_RECORD_NEWER per record, ERR_STATE_FORMAT_NEWER at start) instead of guessing
 * (docs/decisions.md, "Operating the broker (session 23)").
 */
const STORE_FORMAT = 1;
/**
 * A stored record (or its sealed secret) that cannot be read: changed in the store by someone with
 * write access, written by something else, sealed under a key this instance lacks, or written by a
 * newer version in a format this one does not know. `elsewhere`: another instance (with that key, of
 * that version) can handle it, so this one leaves it queued. `partial`: the record
 * without its secret, when only the secret is unreadable.
 */
class RecordUnreadable extends Error {
    code;
    grantId;
    partial;
    constructor(code, grantId, detail, partial) {
        super(`${code}: the stored record of grant ${grantId} cannot be read (${detail.slice(0, 200)})`);
        this.code = code;
        this.grantId = grantId;
        this.partial = partial;
    }
    get elsewhere() {
        return this.code === 'ERR_STATE_KEY_UNKNOWN' || this.code === 'ERR_STATE_RECORD_NEWER';
    }
}
/**
 * The RecordUnreadable behind an error, when it is one or a fail-closed refusal made of one (the
 * service's store answers 503 for it, keeping it as the cause).
 */
function unreadableIn(err) {
    if (err instanceof RecordUnreadable)
        return err;
    const cause = err?.cause;
    return cause instanceof RecordUnreadable ? cause : undefined;
}
/**
 * How long a run's parent links and a writing run's entry are kept (chain.ts): GitHub cancels a
 * workflow run after 35 days, waiting and approvals included ("Usage limits for self-hosted runners",
 * docs.github.com; a job runs at most 5 days self-hosted, 6 hours hosted, inside those 35), plus a day
 * for clock skew and the job-end listing. A run started by a writing token can exchange until this
 * long after that token died; a child linked at one exchange stays linked at its later ones this long.
 */
const RUN_KEEP_SECONDS = 36 * 86_400;
/**
 * Runs kept per repository in each run index: the window of writing runs (kept only while their
 * tokens' records are, `until`) and the run links (kept RUN_KEEP_SECONDS). The window holds at most
 * the `per-repository` default's 600/min x 70 minutes of tokens (42,000), so only a raised rate limit
 * fills it; then chain.ts refuses an App-started run's exchange (ERR_DISPATCH_PARENTS_UNKNOWN) rather
 * than guess its parents (session 25: the 36-day index of session 23 overflowed at 1,400 writing runs
 * a day, and its overflow adopted every blocked run of any owner).
 */
const RUNS_PER_REPOSITORY = 50_000;
/** The index key of a repository's writing runs, and of a repository's parent links: one spelling. */
const writerRunsKey = (issuer, repository) => JSON.stringify([issuer, repository.toLowerCase()]);
const runLinksKey = (k) => JSON.stringify([k.issuer, k.repositoryId]);
/**
 * The repository key of a writing record's target in the run indexes: `#ID` (blockOfRepositoryId's
 * spelling; a GitHub name never holds `#`) when GitHub's answer gave its id, else its lower-case name
 * (a record of an older version). Keyed by id, a rename between the token and its child's exchange
 * does not hide the parent (the child's OIDC token names the repository's new name, and its id).
 */
function dispatchKeyOf(r, name) {
    const n = name.toLowerCase();
    const id = r.dispatchToIds?.[n];
    return id !== undefined && _oidc_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .NUMERIC_ID */ .aq.test(id) ? blockOfRepositoryId(id) : n;
}
/**
 * A writing record's entry (store.ts Writer), merged by the stores with the run's earlier ones. Its
 * targets by name and, where known, by id (`#ID`): an older instance reads the names.
 */
function writerOf(r) {
    const to = {};
    for (const n of r.dispatchTo ?? []) {
        to[n.toLowerCase()] = r.issuedAt;
        to[dispatchKeyOf(r, n)] = r.issuedAt;
    }
    return {
        issuer: r.issuer ?? '',
        runId: r.runId,
        repositoryId: r.repositoryId,
        first: r.issuedAt,
        until: retainUntil(r),
        to,
    };
}
/** Two entries of one run (and issuer): the earliest first issue, the latest end, every target. */
function mergeWriters(a, b) {
    return {
        ...b,
        first: Math.min(a.first, b.first),
        until: Math.max(a.until, b.until),
        to: Object.fromEntries([...new Set([...Object.keys(a.to), ...Object.keys(b.to)])].map((n) => [
            n,
            Math.min(a.to[n] ?? Infinity, b.to[n] ?? Infinity),
        ])),
    };
}
/**
 * The kill switch's one spelling of a repository name (blockKey, blockKeysFor, blockMatches, so the
 * memory store's match and the Redis store's keys agree): upper case first, so two names that differ
 * only in ASCII case (what a grant's ASCII-case match treats as one) become the same string and stay
 * one whatever follows; then NFKC, so fullwidth letters and the Kelvin sign a responder pasted become
 * the ASCII they look like; then lower case (dotless `\u0131` went to `I` and comes back `i`). A block is
 * therefore never narrower than a grant, and may be wider: that errs toward stopping.
 */
function blockFold(name) {
    return name.toUpperCase().normalize('NFKC').toLowerCase();
}
/** One key per selector, so the same block written twice is one block. */
function blockKey(s) {
    return JSON.stringify([
        s.repository === undefined ? '' : blockFold(s.repository),
        s.workflow ?? '',
        s.runId ?? '',
    ]);
}
/**
 * A block of a repository by its id, written in the repository slot as `#ID` (a GitHub name never
 * holds `#`), so blocks keep one key shape in both stores. A name block is evaded by renaming the
 * repository (the manifest binds ids, so its grants go on under the new name); an id block is not.
 */
const blockOfRepositoryId = (id) => `#${id}`;
/** The id block a name block learns (the repository's id, with the name block's workflow and run). */
function idBlockBeside(id, name) {
    return {
        repository: blockOfRepositoryId(id),
        ...(name.workflow ? { workflow: name.workflow } : {}),
        ...(name.runId ? { runId: name.runId } : {}),
    };
}
/** The repository id of an id block (`#ID`), undefined for a block by name: the one reading of both. */
const repositoryIdOfBlock = (block) => block.startsWith('#') && _oidc_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .NUMERIC_ID */ .aq.test(block.slice(1)) ? block.slice(1) : undefined;
function repositoryMatches(block, s) {
    if (repositoryIdOfBlock(block) !== undefined)
        return s.repositoryId !== undefined && block === blockOfRepositoryId(s.repositoryId);
    return blockFold(block) === blockFold(s.repository);
}
function blockMatches(b, s) {
    return ((b.repository === undefined || repositoryMatches(b.repository, s)) &&
        (b.workflow === undefined || b.workflow === s.workflow || b.workflow === s.callerWorkflow) &&
        (b.runId === undefined || b.runId === s.runId || (s.parentRuns?.includes(b.runId) ?? false)));
}
/** Every field the filter names matches (live or not). */
function selectorMatches(r, filter) {
    return ((filter.repositoryId === undefined || r.repositoryId === filter.repositoryId) &&
        (filter.repository === undefined || r.repository.toLowerCase() === filter.repository.toLowerCase()) &&
        (filter.workflow === undefined ||
            r.workflow === filter.workflow ||
            r.callerWorkflow === filter.workflow) &&
        (filter.runId === undefined || r.runId === filter.runId) &&
        (filter.runAttempt === undefined || r.runAttempt === filter.runAttempt) &&
        (filter.job === undefined || r.job === filter.job) &&
        (filter.dispatchTo === undefined || (r.dispatchTo?.includes(filter.dispatchTo.toLowerCase()) ?? false)) &&
        (filter.parentRun === undefined || (r.parentRuns?.includes(filter.parentRun) ?? false)));
}
/** The on-call's words for an index key of the wrong type: what it broke, what still holds, the fix. */
function damagedIndexText(key) {
    const name = key.replace(/ \(\w+\)$/, '');
    return `ERR_STATE_WRONGTYPE: the state store's index key ${key} holds another type than the broker's (a stray write under stepwarden: replaced it); its credentials were listed through the revocation queue instead, completely. Stop what writes under stepwarden:, then redis-cli DEL ${name} (runbook: docs/operations.md, ERR_STATE_WRONGTYPE)`;
}
function recordMatches(r, filter, now) {
    return r.revokedAt === undefined && r.expiresAt > now && selectorMatches(r, filter);
}
/**
 * How long a record is kept: until the upstream credential is dead (or the broker's deadline,
 * whichever is later) plus a margin for introspection and late sweeps; then both stores drop it.
 */
function retainUntil(r) {
    return Math.max(r.expiresAt, r.upstreamExpiresAt ?? 0) + 600;
}
/**
 * The job-end mark's key: one job of one run attempt, as the job-end listing reaches it by its
 * check run (a matrix leg is its own check run; a re-run attempt, another workflow's job of the
 * same name, get their own). Undefined without a check run: no precise identity, so no mark (a
 * `job=` name is shared by every matrix leg, and marking it would close the legs still running).
 */
function jobEndKey(job) {
    if (typeof job.checkRunId !== 'string' || !job.checkRunId)
        return undefined;
    return JSON.stringify([job.issuer ?? '', job.repositoryId, job.runId, job.runAttempt, job.checkRunId]);
}
/**
 * The block-hash fields (blockKey) of every selector that matches `s`: a store can look for blocks
 * of one subject by key instead of reading them all (blockMatches, as keys).
 */
function blockKeysFor(s) {
    // blockKey's JSON array, put together from its elements' JSON (each encoded once, not per key).
    const any = '""';
    const repos = [
        any,
        JSON.stringify(blockFold(s.repository)),
        ...(s.repositoryId !== undefined && _oidc_claims_js__WEBPACK_IMPORTED_MODULE_0__/* .NUMERIC_ID */ .aq.test(s.repositoryId)
            ? [JSON.stringify(blockOfRepositoryId(s.repositoryId))]
            : []),
    ];
    const workflows = [
        any,
        JSON.stringify(s.workflow),
        ...(s.callerWorkflow && s.callerWorkflow !== s.workflow ? [JSON.stringify(s.callerWorkflow)] : []),
    ];
    const runs = [any, ...[s.runId, ...(s.parentRuns ?? [])].map((r) => JSON.stringify(r))];
    const out = [];
    for (const r of repos)
        for (const w of workflows)
            for (const x of runs)
                if (r !== any || w !== any || x !== any)
                    out.push(`[${r},${w},${x}]`);
    return out;
}
/** seen() then rateLimit(): the screen of a store without one step for it (and the memory store's). */
async function composedScreen(store, req) {
    if (await store.seen?.(req.jtiKey))
        return { seen: true, allowed: true, retryAfter: 0 };
    const r = await store.rateLimit(req.rateKey, req.limit, req.windowSeconds, req.now);
    return { seen: false, ...r };
}
/** admit(), the blocks, claim(), intend(): the gate of a store without one step for it (and the memory store's). */
async function composedGate(store, req) {
    const { fresh, blocks } = await store.admit(req.jtiKey, req.jtiTtlSeconds);
    if (!fresh || blocks.some((b) => blockMatches(b, req.subject)))
        return { fresh, blocks, intended: false };
    if (req.jobEndKey !== undefined && (await store.jobEnded(req.jobEndKey)))
        return { fresh, blocks, intended: false, jobEnded: true };
    const { claimKey, grantId } = req.intent;
    let count;
    try {
        count = await store.claim(claimKey, req.claimTtlSeconds, grantId);
        if (count > req.uses) {
            // Another exchange of the claim may still deliver or be swept: this one waits, uncounted.
            const inFlightUntil = await store.inFlight?.(claimKey, grantId);
            if (inFlightUntil === undefined)
                return { fresh, blocks, count, intended: false };
            await store.unclaim(claimKey, grantId);
            return { fresh, blocks, count, intended: false, inFlightUntil };
        }
        await store.intend(req.intent);
    }
    catch (err) {
        // Applied but unanswered (the store went away mid-call): given back, harmless if never applied.
        await store.unclaim(claimKey, grantId).catch(() => undefined);
        throw err;
    }
    return { fresh, blocks, count, intended: true };
}
/** The screen, then the gate when the screen lets the exchange on: a store without one step for both. */
async function composedScreenGate(gates, screen, gate) {
    const screened = await gates.screen(screen);
    if (screened.seen || !screened.allowed)
        return { screen: screened };
    return { screen: screened, gate: await gates.gate(gate) };
}
/** The store's one-step screen and gate, or the same composed from its single steps. */
function gatesOf(store) {
    const steps = {
        screen: store.screen ? (req) => store.screen(req) : (req) => composedScreen(store, req),
        gate: store.gate ? (req) => store.gate(req) : (req) => composedGate(store, req),
    };
    return {
        ...steps,
        screenGate: store.screenGate
            ? (s, g) => store.screenGate(s, g)
            : (s, g) => composedScreenGate(steps, s, g),
    };
}


/***/ }),

/***/ 4881:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HK: () => (/* binding */ DEFAULT_UPSTREAM_TIMEOUT_MS),
/* harmony export */   Hy: () => (/* binding */ UpstreamTimeoutError),
/* harmony export */   S9: () => (/* binding */ UpstreamRateLimitedError),
/* harmony export */   ao: () => (/* binding */ githubResponseObservers),
/* harmony export */   octokit: () => (/* binding */ octokit),
/* harmony export */   runnerOctokit: () => (/* binding */ runnerOctokit)
/* harmony export */ });
/* unused harmony exports rateLimitWait, UpstreamNotJsonError, resilience, StepwardenOctokit */
/* harmony import */ var _octokit_rest__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(891);
/**
 * The Octokit every stepwarden part uses, with one resilience layer for every caller: a deadline
 * per call (retries and waits included), retries of 5xx and network errors with backoff, and
 * GitHub's rate limits (429, or 403 with `retry-after` / `x-ratelimit-remaining: 0`) waited out only
 * when the wait ends before the deadline. A hung GitHub therefore costs a caller at most its
 * deadline, never a stalled request. (@octokit/plugin-throttling was dropped: its shared write queue
 * spaces all POST/DELETE calls a second apart, which would serialize a broker's exchanges;
 * @octokit/plugin-retry was replaced because its waits do not know a deadline.)
 */

/** Default deadline of one GitHub call, retries and waits included. */
const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;
/** A call that did not finish before its deadline; `cause` is the last upstream error, if any. */
class UpstreamTimeoutError extends Error {
    timeoutMs;
    lastError;
    code = 'ERR_UPSTREAM_TIMEOUT';
    constructor(timeoutMs, lastError) {
        super(lastError
            ? `GitHub kept failing (last answer: ${describe(lastError)}) and a further try would end past the ${(timeoutMs / 1000).toFixed(1)}s deadline`
            : `GitHub did not answer within the ${(timeoutMs / 1000).toFixed(1)}s deadline`);
        this.timeoutMs = timeoutMs;
        this.lastError = lastError;
        this.name = 'UpstreamTimeoutError';
    }
}
/** GitHub asked for a wait that would end after the deadline: we refuse now instead of waiting. */
class UpstreamRateLimitedError extends Error {
    retryAfterSeconds;
    status;
    code = 'ERR_UPSTREAM_RATE_LIMITED';
    constructor(retryAfterSeconds, status) {
        super(`GitHub rate limit: retry after ${retryAfterSeconds}s (GitHub ${status})`);
        this.retryAfterSeconds = retryAfterSeconds;
        this.status = status;
        this.name = 'UpstreamRateLimitedError';
    }
}
/** `502 Bad Gateway`-style summary of an Octokit error (never its request, which holds the token). */
function describe(err) {
    const status = err.status;
    return `${typeof status === 'number' ? `${status} ` : ''}${err.message}`;
}
/**
 * GitHub's primary rate-limit window: limits are per hour and `x-ratelimit-reset` is when the current
 * window resets (docs.github.com, "Rate limits for the REST API"), so no reset is further ahead of
 * GitHub's own clock than this.
 */
const GITHUB_RATE_WINDOW_SECONDS = 3600;
/**
 * How long GitHub asks us to wait, or undefined when the error is not a rate limit: whole seconds, at
 * most an hour. A longer ask is not acted on as such (session 30): `Retry-After: 999\u20269` read as
 * Infinity (the broker's own Retry-After was `Infinity`, which its client reads as no wait) and a reset
 * a day ahead asked a day, each holding the App's revocations that long. GitHub's primary window is
 * an hour, and a token lives an hour: every token minted before the answer is dead before a longer
 * wait ends, so it would only hold tokens minted after it.
 */
function rateLimitWait(err, nowSeconds = Date.now() / 1000) {
    const asked = askedWait(err, nowSeconds);
    return asked === undefined ? undefined : Math.min(asked, GITHUB_RATE_WINDOW_SECONDS);
}
function askedWait(err, nowSeconds) {
    const e = err;
    const h = e.response?.headers ?? {};
    if (e.status !== 429 && e.status !== 403)
        return undefined;
    // GitHub sends delay-seconds and an epoch second. A value that is neither (negative, empty, a word:
    // only a middlebox sends it) made the wait negative or NaN, a retry at once while rate limited; it is
    // the minute GitHub asks for when no usable header says otherwise (below).
    const retryAfter = h['retry-after'];
    if (retryAfter !== undefined)
        return /^\s*\d+(\.\d+)?\s*$/.test(retryAfter) ? Math.ceil(Number(retryAfter)) || 1 : 60;
    if (h['x-ratelimit-remaining'] === '0' && h['x-ratelimit-reset']) {
        const reset = Number(h['x-ratelimit-reset']);
        if (!Number.isFinite(reset))
            return 60;
        // The reset is an epoch second of GitHub's clock; ours may be ahead (skew), and then the reset
        // reads as past and the call was retried after 1 s while still limited. GitHub's clock is in its
        // `Date` header (RFC 9110 \u00a76.6.1: an origin server with a clock sends it): the wait is the longer
        // of the two readings, so neither clock (nor a middlebox's Date) can shorten it. A reset past on
        // both clocks is a window that has rolled over: a second.
        // A reading on GitHub's clock more than its primary window (an hour) from the reset is not
        // GitHub's: a Date far behind (a middlebox's, one at the epoch) asked a wait as long as the
        // distance, ~1.8e9 s, and the revocation queue held every revocation of the App behind it; one
        // far ahead read a reset past on our clock as a rolled-over window, retried after a second. It is
        // ignored, as a missing Date. Whole seconds: the wait is the broker's Retry-After (RFC 9110
        // \u00a710.2.3 delay-seconds).
        const date = Date.parse(h['date'] ?? '');
        const theirs = reset - date / 1000;
        if (Number.isFinite(date) && Math.abs(theirs) <= GITHUB_RATE_WINDOW_SECONDS)
            return Math.ceil(Math.max(1, theirs, reset - nowSeconds));
        // No Date to tell skew from a rolled-over window: GitHub's rule when no usable header says how
        // long, the minute.
        return reset > nowSeconds ? Math.ceil(Math.max(1, reset - nowSeconds)) : 60;
    }
    // GitHub: a rate limit (403 with a secondary-limit message, or any 429) without either header means
    // "wait for at least one minute before retrying"; retrying sooner "may result in the banning of your
    // integration" (docs.github.com, REST API troubleshooting, "Rate limit errors"). A 429 is always a
    // rate limit, so it waits a minute too (it once retried after 1 s, three times within the deadline).
    if (e.status === 429 || /secondary rate limit/i.test(String(e.response?.data?.message ?? '')))
        return 60;
    return undefined;
}
/**
 * A 2xx answer whose body is not JSON (Octokit hands such a body over as text: an HTML page from a
 * proxy, a captive portal or a maintenance page, or JSON cut short). Every route stepwarden calls
 * answers JSON or nothing (204), so the answer is not GitHub's: retried like a 5xx, and named, so a
 * caller never reads it as an empty or missing answer ("no manifest", "a token wider than asked").
 */
class UpstreamNotJsonError extends Error {
    answered;
    contentType;
    code = 'ERR_UPSTREAM_NOT_JSON';
    constructor(answered, contentType) {
        super(`GitHub's answer (${answered}, ${contentType ? `content-type ${contentType.slice(0, 64)}` : 'no content-type'}) is not JSON: a proxy or a maintenance page answered instead of the API`);
        this.answered = answered;
        this.contentType = contentType;
        this.name = 'UpstreamNotJsonError';
    }
}
/** Throws UpstreamNotJsonError when a response carries a non-empty body that was not read as JSON. */
function requireJson(res) {
    const r = res;
    if (typeof r.data === 'string' && r.data !== '')
        throw new UpstreamNotJsonError(r.status ?? 0, String(r.headers?.['content-type'] ?? ''));
    return res;
}
/** 5xx answers, network errors (Octokit reports those as 500 without a response) and non-JSON answers are retried. */
function transient(err) {
    if (err instanceof UpstreamNotJsonError)
        return true;
    const status = err.status;
    return typeof status === 'number' && status >= 500;
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const done = () => {
            clearTimeout(t);
            resolve();
        };
        const t = setTimeout(done, ms);
        signal.addEventListener('abort', done, { once: true });
    });
}
/**
 * The resilience layer as an Octokit plugin. Each call gets an AbortSignal that fires at its
 * deadline (the sooner of now + `timeoutMs` and a caller's `request.deadline`), passed to fetch, so
 * a hung connection is cut rather than left open.
 */
function resilience(octokit, options) {
    const { retries = 3, retryAfterSeconds = 1, maxWaitSeconds = 60, waitScale = 1, timeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS, } = options.resilience ?? {};
    octokit.hook.wrap('request', async (request, raw) => {
        const opts = raw;
        const start = Date.now();
        const end = Math.min(start + timeoutMs, opts.request?.deadline ?? Infinity);
        const budget = Math.max(0, end - start);
        const timer = new AbortController();
        const t = setTimeout(() => timer.abort(), budget);
        const signal = opts.request?.signal ? AbortSignal.any([timer.signal, opts.request.signal]) : timer.signal;
        opts.request = { ...opts.request, signal, deadline: end };
        let lastError;
        const timedOut = new Promise((_, reject) => signal.addEventListener('abort', () => reject(new UpstreamTimeoutError(budget, lastError)), {
            once: true,
        }));
        timedOut.catch(() => undefined);
        try {
            for (let attempt = 0;; attempt++) {
                if (signal.aborted)
                    throw new UpstreamTimeoutError(budget, lastError);
                try {
                    return requireJson(await Promise.race([request(opts), timedOut]));
                }
                catch (err) {
                    if (err instanceof UpstreamTimeoutError || signal.aborted)
                        throw new UpstreamTimeoutError(budget, lastError);
                    lastError = err;
                    const limited = rateLimitWait(err);
                    const wait = limited ?? (transient(err) ? (attempt + 1) ** 2 * retryAfterSeconds : undefined);
                    if (wait === undefined || attempt >= retries)
                        throw err;
                    if (limited !== undefined && limited > maxWaitSeconds)
                        throw new UpstreamRateLimitedError(limited, err.status);
                    const waitMs = wait * 1000 * waitScale;
                    // A wait that would end after the deadline is not started: the caller hears now.
                    if (Date.now() + waitMs >= end) {
                        if (limited !== undefined)
                            throw new UpstreamRateLimitedError(limited, err.status);
                        throw new UpstreamTimeoutError(budget, lastError);
                    }
                    await sleep(waitMs, signal);
                }
            }
        }
        finally {
            clearTimeout(t);
        }
    });
}
const StepwardenOctokit = _octokit_rest__WEBPACK_IMPORTED_MODULE_0__/* .Octokit */ .E.plugin(resilience);
const githubResponseObservers = new Set();
function observe(client) {
    const notify = (o, status, h = {}) => {
        if (githubResponseObservers.size === 0)
            return;
        const route = `${o.method ?? 'GET'} ${o.url ?? ''}`;
        const remaining = h['x-ratelimit-remaining'] === undefined ? undefined : String(h['x-ratelimit-remaining']);
        for (const f of githubResponseObservers)
            f(route, status, remaining);
    };
    client.hook.after('request', (res, o) => notify(o, res.status, res.headers));
    client.hook.error('request', (err, o) => {
        const e = err;
        notify(o, e.status ?? 0, e.response?.headers);
        throw err;
    });
    return client;
}
function octokit(opts) {
    return observe(new StepwardenOctokit({
        ...(opts.auth ? { auth: opts.auth } : {}),
        ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
        userAgent: 'stepwarden',
        // Failed requests become typed errors for the caller (a refusal, a retry); no console noise.
        log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        resilience: {
            retries: opts.retries ?? 3,
            retryAfterSeconds: opts.retryAfterSeconds ?? 1,
            waitScale: opts.waitScale ?? 1,
            timeoutMs: opts.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
        },
    }));
}
/** The Octokit of a step: the given token, against the runner's API (GITHUB_API_URL, e.g. on GHES). */
function runnerOctokit(token, env) {
    return octokit({ auth: token, ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}) });
}


/***/ }),

/***/ 6143:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KT: () => (/* binding */ listen),
/* harmony export */   Ru: () => (/* binding */ BodyError),
/* harmony export */   fW: () => (/* binding */ sendBodyError),
/* harmony export */   jD: () => (/* binding */ sendJson),
/* harmony export */   x8: () => (/* binding */ readBody)
/* harmony export */ });
/* unused harmony exports DEFAULT_LIMITS, LINGER */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Small helpers shared by the loopback stand-ins and the broker: start a server with limits against
 * hostile clients, read a body, answer JSON.
 */


const DEFAULT_LIMITS = {
    headersTimeoutMs: 10_000,
    bodyTimeoutMs: 10_000,
    keepAliveTimeoutMs: 5_000,
    maxConnections: 1024,
};
/** The body deadline of requests on this server, read by readBody. */
const bodyDeadlines = new WeakMap();
const OVER_CAP_BODY = JSON.stringify({
    error: 'temporarily_unavailable',
    error_description: 'ERR_TOO_MANY_CONNECTIONS: the server is at its connection limit; retry shortly',
});
const OVER_CAP = [
    'HTTP/1.1 503 Service Unavailable',
    'content-type: application/json; charset=utf-8',
    'cache-control: no-store',
    'retry-after: 1',
    'connection: close',
    `content-length: ${Buffer.byteLength(OVER_CAP_BODY)}`,
    '',
    OVER_CAP_BODY,
].join('\r\n');
async function listen(handler, host = '127.0.0.1', port = 0, limits = {}) {
    const l = { ...DEFAULT_LIMITS, ...limits };
    const refused = new WeakSet();
    const server = (0,node_http__WEBPACK_IMPORTED_MODULE_1__.createServer)({
        headersTimeout: l.headersTimeoutMs,
        // Node's own backstop for the whole request; readBody answers a slow body first, with a code.
        requestTimeout: l.headersTimeoutMs + l.bodyTimeoutMs + 1000,
        // Node checks the two timeouts above on this interval (default 30 s, far too coarse).
        connectionsCheckingInterval: Math.min(1000, l.headersTimeoutMs, l.bodyTimeoutMs),
    }, (req, res) => {
        if (refused.has(req.socket))
            return;
        // A request parsed behind one whose answer closes the connection (its body still being dropped)
        // is not served: the client asked that nothing follow.
        if (closing.has(req.socket))
            return void req.socket.destroy();
        answering.set(req.socket, req);
        // Before node's own end of the response (which would dump the body unbounded and unseen).
        res.once('prefinish', () => lingerOnUnreadBody(req));
        return handler(req, res);
    });
    server.keepAliveTimeout = l.keepAliveTimeoutMs;
    bodyDeadlines.set(server, l.bodyTimeoutMs);
    // A connection over the cap is told so (503, Retry-After) and closed, instead of being reset
    // (server.maxConnections would drop it without a word) or queued without bound.
    let open = 0;
    server.on('connection', (socket) => {
        open++;
        socket.once('close', () => open--);
        // Node closes a connection whose answer says `Connection: close` (the client's wish, or HTTP/1.0)
        // with destroySoon once the answer is out; with the request's body still arriving, the kernel then
        // resets it and the client, still writing, reads EPIPE instead of the answer. Its body is dropped
        // first (within LINGER), the answer's side closed at once.
        const s = socket;
        const destroySoon = s.destroySoon;
        if (typeof destroySoon === 'function')
            s.destroySoon = () => {
                const req = answering.get(socket);
                if (req && lingering.has(req)) {
                    closing.add(socket);
                    socket.end();
                }
                else
                    destroySoon.call(socket);
            };
        if (open > l.maxConnections) {
            refused.add(socket);
            socket.end(OVER_CAP);
            setTimeout(() => socket.destroy(), 1000).unref();
        }
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
    });
    const { port: bound } = server.address();
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
    const close = () => new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
    });
    return { server, url, close };
}
/** A request the server will not read further: 413 (too large) or 408 (too slow), with a code. */
class BodyError extends Error {
    code;
    status;
    constructor(code, status, message) {
        super(message);
        this.code = code;
        this.status = status;
        this.name = 'BodyError';
    }
}
/**
 * Reads a request body up to `limit` bytes within the server's body deadline. A declared or actual
 * size over the limit, a body still arriving at the deadline, or bytes that are not UTF-8 reject with
 * a BodyError; the caller answers it (sendBodyError) and the connection is closed after the answer.
 */
function readBody(req, limit = 64 * 1024) {
    const server = req.socket.server;
    const deadline = (server && bodyDeadlines.get(server)) ?? DEFAULT_LIMITS.bodyTimeoutMs;
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit) {
            reject(new BodyError('ERR_BODY_TOO_LARGE', 413, `request body over ${limit} bytes`));
            return;
        }
        let size = 0;
        const chunks = [];
        const timer = setTimeout(() => {
            cleanup();
            reject(new BodyError('ERR_BODY_TIMEOUT', 408, `request body not received within ${deadline / 1000}s`));
        }, deadline);
        const onData = (c) => {
            size += c.length;
            if (size > limit) {
                cleanup();
                reject(new BodyError('ERR_BODY_TOO_LARGE', 413, `request body over ${limit} bytes`));
                return;
            }
            chunks.push(c);
        };
        const onEnd = () => {
            cleanup();
            const body = Buffer.concat(chunks);
            // Decoding would turn each ill-formed byte into U+FFFD, so the broker would read another text
            // than a proxy or a byte-reading parser in front of it does (`\xC3%A9`: two U+FFFD here, `\u00e9`
            // there): such a body is refused, not guessed at.
            if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(body)) {
                reject(new BodyError('ERR_BODY_ENCODING', 400, 'request body is not well-formed UTF-8'));
                return;
            }
            resolve(body.toString('utf8'));
        };
        const onError = (err) => {
            cleanup();
            reject(err);
        };
        const cleanup = () => {
            clearTimeout(timer);
            req.off('data', onData);
            req.off('end', onEnd);
            req.off('error', onError);
        };
        req.on('data', onData);
        req.on('end', onEnd);
        req.on('error', onError);
    });
}
/**
 * How long, and how many bytes, the rest of a request body is read and dropped once its answer is
 * out (a lingering close, as nginx's lingering_time): past either the connection is cut.
 */
const LINGER = { ms: 2000, bytes: 8 * 1024 * 1024 };
/** The request each connection answers last (its body may still be arriving). */
const answering = new WeakMap();
/** Requests whose unread body is being dropped. */
const lingering = new WeakSet();
/** Connections that close once the body being dropped has ended. */
const closing = new WeakSet();
/**
 * Once an answer is out and its request's body is not all in (a 413, or any answer given before the
 * body was read: an unknown path, a media type, a query, a GET with a body), the rest is read and
 * dropped within LINGER, then the connection serves the next request, or closes when the answer said
 * so. Node itself drains such a body without any bound (a 404 to a declared 100 GB body read 20 GB in
 * 15 s, session 38); closing at once would have the kernel reset a client still writing its body, so
 * it reads EPIPE instead of the answer (seen at load in CI).
 */
function lingerOnUnreadBody(req) {
    const socket = req.socket;
    if (req.complete || req.readableEnded || socket.destroyed)
        return;
    lingering.add(req);
    let dropped = 0;
    const timer = setTimeout(() => socket.destroy(), LINGER.ms).unref();
    const onData = (chunk) => {
        dropped += chunk.length;
        if (dropped > LINGER.bytes)
            socket.destroy();
    };
    const done = () => {
        lingering.delete(req);
        clearTimeout(timer);
        req.off('data', onData);
        req.off('end', done);
        socket.off('close', done);
        if (closing.has(socket))
            socket.destroy();
    };
    req.on('data', onData);
    req.once('end', done);
    socket.once('close', done);
    req.resume();
}
/**
 * Answers a BodyError. A 413 keeps the connection: the rest of the body is dropped by the server
 * (lingerOnUnreadBody). A 408 (too slow) or 400 (read whole) closes the connection once the answer
 * is out.
 */
function sendBodyError(res, err, body) {
    if (err.status === 413)
        return sendJson(res, err.status, body);
    const socket = res.req.socket;
    // Cut sooner than LINGER: a client too slow to send its body is not waited on for the linger.
    res.once('finish', () => {
        setTimeout(() => socket.destroy(), 500).unref();
    });
    sendJson(res, err.status, body, { connection: 'close' });
}
function sendJson(res, status, body, headers = {}) {
    const text = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(text)),
        'cache-control': 'no-store',
        ...headers,
    });
    res.end(text);
}


/***/ })

};
