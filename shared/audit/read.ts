/**
 * The I/O edge of `stepwarden audit`: streams JSON-lines inputs (job trails, broker logs, GitHub
 * audit-log exports) line by line in bounded memory. A line longer than MAX_LINE_BYTES is skipped and
 * reported rather than buffered, so one hostile line cannot exhaust memory.
 */
import type { Readable } from 'node:stream';
import type { AuditEvent } from './event.js';
import { parseAuditLine } from './parse-line.js';
import { oneLine } from '../render/escape.js';

export const MAX_LINE_BYTES = 1024 * 1024;

export interface AuditSource {
  /** Shown in problems: a file path, or `-` for standard input. */
  readonly name: string;
  readonly stream: Readable;
}

export interface LineProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/**
 * Calls `onEvent` for every event of every source, in order, and `onProblem` for every line that is
 * not one. Resolves with the number of lines read.
 */
export async function streamAuditEvents(
  sources: readonly AuditSource[],
  /** May return a promise to ask the reader to wait (back-pressure of a writer). */
  onEvent: (e: AuditEvent) => void | Promise<void>,
  onProblem: (p: LineProblem) => void,
): Promise<number> {
  let lines = 0;
  for (const source of sources) {
    let lineNo = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let skipping = false;
    let wait: Promise<void> | undefined;
    const handle = (buf: Buffer, unended = false) => {
      lineNo++;
      lines++;
      const text = buf.toString('utf8').trim();
      if (!text) return;
      const r = parseAuditLine(text);
      // The reason can quote keys of the line (JSON keys may hold line breaks): one line, for logs.
      // A last line without its line end that is not an event is most often one a broker or a step
      // is still writing (a live log read mid-batch): say so, rather than only "not JSON".
      if ('error' in r)
        onProblem({
          file: source.name,
          line: lineNo,
          message: unended
            ? `${oneLine(r.error)} (the last line has no line end: a writer may still be writing it; read the file again once it is done)`
            : oneLine(r.error),
        });
      else
        for (const e of r.events) {
          const w = onEvent(e);
          if (w) wait = w;
        }
    };
    const skipped = () => {
      lineNo++;
      lines++;
      onProblem({
        file: source.name,
        line: lineNo,
        message: `line longer than ${MAX_LINE_BYTES} bytes, skipped`,
      });
    };
    for await (const chunk of source.stream as AsyncIterable<Buffer | string>) {
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      let start = 0;
      for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
        const piece = data.subarray(start, nl);
        start = nl + 1;
        if (skipping || pendingBytes + piece.length > MAX_LINE_BYTES) skipped();
        else if (pendingBytes) handle(Buffer.concat([...pending, piece]));
        else handle(piece);
        skipping = false;
        pending = [];
        pendingBytes = 0;
      }
      if (wait) {
        await wait;
        wait = undefined;
      }
      if (start < data.length && !skipping) {
        const rest = data.subarray(start);
        pendingBytes += rest.length;
        // Past the limit the line is dropped as it streams in, never held whole.
        if (pendingBytes > MAX_LINE_BYTES) {
          pending = [];
          skipping = true;
        } else pending.push(Buffer.from(rest)); // a copy: the stream may reuse its chunk buffers
      }
    }
    if (skipping) skipped();
    else if (pendingBytes) handle(Buffer.concat(pending), true);
  }
  return lines;
}
