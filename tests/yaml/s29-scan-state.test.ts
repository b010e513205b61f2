/**
 * Session 29 (docs/decisions.md "Attacking session 28's changes"): the fast reader's scans keep
 * their position in module-level regular expressions (`KEY_STOP`, `PLAIN_STOP`, `SINGLE_STOP`,
 * `DOUBLE_STOP`, `SPACES`: `lastIndex`). Could that position leak from one reading into another, so
 * that a key or scalar is read short or long? Three ways in, each held to the reference reader:
 * a reading that stopped mid-scan (given back, or thrown) before another document; a reader
 * re-entered from the one callback it makes (an implicit type's `resolve`, asked of every plain
 * scalar that may resolve) reading a second document in the middle of the first; and both at once.
 * Probed and held: each scan sets its position before it reads it, and nothing runs between; since
 * the reader's state became module-wide (session 29), a reading inside another is not taken at all.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fastLocated } from '../../shared/yaml/fast.js';
import { IMPLICIT } from '../../shared/yaml/located.js';
import { sameAsReferenceIfTaken, STOP_PIECES } from '../support/fast-reader.js';

type Implicit = Parameters<typeof fastLocated>[1];

// Words full of what the scans stop at (`:` `#` flow indicators, quotes, escapes) and plain scalars
// the implicit types resolve (numbers, booleans, null), so resolve() is called mid-document.
const piece = fc.constantFrom(...STOP_PIECES, 'B', '1', '~');
const word = fc.array(piece, { minLength: 1, maxLength: 6 }).map((p) => p.join(''));
const scalar = fc.oneof(
  word,
  word.map((w) => `'${w.replace(/'/g, "''")}'`),
  word.map((w) => `"${w.replace(/["\\]/g, '\\$&')}"`),
  fc.constantFrom('12', 'true', 'null', '0x1f', '1.5', '~'),
);
const line = fc.tuple(fc.constantFrom('', '  ', '    '), word, fc.constantFrom(': ', ':', '- ', ''), scalar);
const doc = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([lines, crlf]) => lines.map(([i, k, s, v]) => `${i}${k}${s}${v}`).join(crlf ? '\r\n' : '\n') + '\n');

/** The implicit types, each resolve() reading `inner` with the fast reader first (re-entered). */
function reentering(inner: () => void): Implicit {
  return IMPLICIT.map((t) => ({
    resolve: (s: string) => {
      inner();
      return t.resolve(s);
    },
    construct: (s: string) => t.construct(s),
  }));
}

describe('the fast reader’s scan positions never leak between readings', () => {
  it('a document reads the same after another stopped mid-scan (given back or thrown)', () => {
    fc.assert(
      fc.property(doc, doc, (first, second) => {
        const alone = fastLocated(second, IMPLICIT);
        // A resolve() that throws stops the first reading in the middle of its document.
        const throwing = IMPLICIT.map((t) => ({
          resolve: (s: string): boolean => {
            if (s.length > 1) throw new Error('stop');
            return t.resolve(s);
          },
          construct: (s: string) => t.construct(s),
        }));
        try {
          fastLocated(first, throwing);
        } catch {
          /* the reading stopped mid-document */
        }
        fastLocated(first, IMPLICIT);
        expect(fastLocated(second, IMPLICIT)).toStrictEqual(alone);
        sameAsReferenceIfTaken(second);
      }),
      { seed: 29, numRuns: 1500 },
    );
  });

  it('a reader re-entered from resolve(): the outer document reads as alone, the inner one is left to the reference path', () => {
    fc.assert(
      fc.property(doc, doc, (outer, inner) => {
        const outerAlone = fastLocated(outer, IMPLICIT);
        const innerAlone = fastLocated(inner, IMPLICIT);
        const innerReadings: unknown[] = [];
        const nested = fastLocated(
          outer,
          reentering(() => innerReadings.push(fastLocated(inner, IMPLICIT))),
        );
        expect(nested).toStrictEqual(outerAlone);
        // The reader's state is module-wide (session 29, w-cspeed2): a reading inside another is not
        // taken (undefined: the reference path reads it), so it can neither misread nor disturb.
        for (const r of innerReadings) expect(r).toBeUndefined();
        expect(fastLocated(inner, IMPLICIT)).toStrictEqual(innerAlone);
        sameAsReferenceIfTaken(outer);
        sameAsReferenceIfTaken(inner);
      }),
      { seed: 2929, numRuns: 1500 },
    );
  });

  it('re-entered from resolve() a plain scalar mid-line, a key and a quoted value across lines read whole', () => {
    const outer = "k#x: 1 # c\na:b: true\nurl: https://e.com/a#b\nq: 'one: #\n  two'\nn: 12\n";
    const inner = 'x: "a\\"b: #"\ny: [1, {z: w}]\nk: v:w # d\n';
    const alone = fastLocated(inner, IMPLICIT);
    expect(alone).toBeDefined();
    let calls = 0;
    const nested = fastLocated(
      outer,
      reentering(() => {
        calls++;
        expect(fastLocated(inner, IMPLICIT)).toBeUndefined(); // left to the reference path
      }),
    );
    expect(calls).toBeGreaterThan(0);
    expect(nested).toStrictEqual(fastLocated(outer, IMPLICIT));
    sameAsReferenceIfTaken(outer);
  });
});
