/**
 * `stepwarden check … | head`: when the reader closes the pipe, writes to stdout fail with EPIPE.
 * Unhandled, that is a stack trace; here the rest of the output is dropped quietly and the command
 * still finishes and returns its own exit code (so `set -o pipefail` sees findings as findings).
 */
import type { Writable } from 'node:stream';

const CLOSED_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

const LATIN1_FROM = 4096;

export interface GuardedOutput {
  /** Writes unless the reader has gone away. */
  readonly write: (text: string) => void;
  readonly closed: () => boolean;
}

export function guardOutput(stream: Writable): GuardedOutput {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code && CLOSED_CODES.has(err.code)) {
      closed = true;
      return;
    }
    // Any other output error (disk full behind a redirect) must not pass silently.
    process.stderr.write(`stepwarden: cannot write output: ${err.message}\n`);
    process.exitCode = 2;
    closed = true;
  });
  return {
    write: (text) => {
      if (closed || stream.destroyed) return;
      // Text that is all ASCII has the same bytes in Latin-1 as in UTF-8, and Node copies Latin-1 out
      // of a string several times faster than it encodes UTF-8 (a 5.7 MB JSON report: ~5 ms against
      // ~30 ms). Short writes are not worth the scan. The text is all ASCII exactly when its UTF-8 is
      // one byte a code unit (any other unit, a surrogate of a pair included, takes two or more): a
      // native count, about five times cheaper than a regular expression's scan for a non-ASCII unit
      // (the JSON report of the bench corpus: 3.5 -> 0.7 ms, session 31).
      if (text.length >= LATIN1_FROM && Buffer.byteLength(text, 'utf8') === text.length)
        stream.write(text, 'latin1');
      else stream.write(text);
    },
    closed: () => closed,
  };
}
