/**
 * The guarded standard output writes long ASCII text as Latin-1 (session 12 speed work): the bytes
 * must be the UTF-8 of the text whatever it holds (non-ASCII, Latin-1 range, lone surrogates), short
 * or long, and in any order of writes.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { guardOutput } from '../../shared/cli/closed-stdout.js';

function sink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

// Long runs of one character class, so that writes land on both sides of the Latin-1 threshold.
const run = fc
  .tuple(
    fc.oneof(
      fc.constantFrom('a', '{\n  "x": 1\n}', '\u007f', '\u0080', 'é', '\u00ff', '—', '\ud800', '😀'),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    fc.integer({ min: 1, max: 3000 }),
  )
  .map(([s, n]) => s.repeat(n));

describe('guardOutput', () => {
  it('writes the UTF-8 of any text, long ASCII included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(run, { maxLength: 4 }).map((r) => r.join('')),
          { maxLength: 5 },
        ),
        (texts) => {
          const { stream, bytes } = sink();
          const out = guardOutput(stream);
          for (const t of texts) out.write(t);
          expect(bytes().equals(Buffer.from(texts.join(''), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('Latin-1 letters in a long text are written as UTF-8', () => {
    const text = `${'x'.repeat(10_000)}é\u00ff${'y'.repeat(10_000)}`;
    const { stream, bytes } = sink();
    guardOutput(stream).write(text);
    expect(bytes().equals(Buffer.from(text, 'utf8'))).toBe(true);
  });
});
