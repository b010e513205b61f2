/**
 * The JSON form of an audit: `{ run, workload: [events], administrator: [events], anomalies, totals }`,
 * every event with its classification. Events are spooled to two temporary files while the input
 * streams, then copied out behind the report, so a million events cost disk, not memory.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { Classification } from './classify.js';
import type { AuditEvent } from './event.js';
import type { AuditReport } from './report.js';

/** One event as the JSON output lists it. */
export function classified(e: AuditEvent, c: Classification) {
  return { ...e, classification: c };
}

/** The report's parts that are not event lists (small by construction). */
export function reportHead(r: AuditReport) {
  return { run: r.run ?? null };
}

export function reportTail(r: AuditReport) {
  return {
    anomalies: r.anomalies,
    workload_groups: r.groups,
    totals: r.totals,
  };
}

interface Spool {
  readonly path: string;
  readonly out: WriteStream;
  count: number;
}

/**
 * One pending 'drain' wait per stream, shared by every write made while its buffer is full: the
 * reader awaits once per input chunk, which holds many events, so a listener per write would pile up
 * (hundreds of MaxListenersExceededWarning per run).
 */
const drains = new WeakMap<Writable, Promise<void>>();
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.resolve(); // closed early (e.g. `| head`): nothing will drain
  let p = drains.get(stream);
  if (!p) {
    p = new Promise<void>((r) => {
      const done = () => {
        stream.off('drain', done);
        stream.off('close', done);
        drains.delete(stream);
        r();
      };
      stream.on('drain', done);
      stream.on('close', done); // a destroyed stream never drains
    });
    drains.set(stream, p);
  }
  return p;
}

function write(stream: Writable, text: string | Buffer): Promise<void> | undefined {
  // Respect back-pressure: the caller awaits only when the buffer is full.
  return stream.write(text) ? undefined : drained(stream);
}

export class JsonSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'stepwarden-audit-'));
  private readonly spools: Record<'workload' | 'administrator', Spool>;

  constructor() {
    const open = (name: string): Spool => {
      const path = join(this.dir, name);
      return { path, out: createWriteStream(path, { mode: 0o600 }), count: 0 };
    };
    this.spools = { workload: open('workload.jsonl'), administrator: open('administrator.jsonl') };
  }

  /** Adds one event; returns a promise only when the spool asks the reader to wait. */
  add(e: AuditEvent, c: Classification): Promise<void> | undefined {
    const s = this.spools[c.class];
    const text = `${s.count++ ? ',\n' : '\n'}${JSON.stringify(classified(e, c))}`;
    return write(s.out, text);
  }

  /** Writes the whole JSON document to `out` and removes the spool files. */
  async finish(report: AuditReport, out: Writable): Promise<void> {
    try {
      await Promise.all(
        Object.values(this.spools).map(
          (s) => new Promise<void>((r, j) => s.out.end((err?: Error | null) => (err ? j(err) : r()))),
        ),
      );
      const head = JSON.stringify(reportHead(report));
      const put = async (t: string) => write(out, t);
      await put(`${head.slice(0, -1)},\n"workload": [`);
      await copy(this.spools.workload, out);
      await put(`${this.spools.workload.count ? '\n' : ''}],\n"administrator": [`);
      await copy(this.spools.administrator, out);
      const tail = JSON.stringify(reportTail(report), null, 2);
      await put(`${this.spools.administrator.count ? '\n' : ''}],\n${tail.slice(2)}\n`);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  /** Removes the spool files without writing (on errors). */
  discard(): void {
    for (const s of Object.values(this.spools)) s.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function copy(s: Spool, out: Writable): Promise<void> {
  for await (const chunk of createReadStream(s.path)) {
    await write(out, chunk as Buffer);
  }
}
