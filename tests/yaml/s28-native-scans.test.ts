/**
 * The fast reader finds a plain key's `:`, the end of a plain scalar's line and a line's indentation
 * with regular expressions started at an index instead of `charCodeAt` loops (session 28, `KEY_STOP`,
 * `PLAIN_STOP`, `SPACES` in shared/yaml/fast.ts: `check` runs without Turbofan, where the loops cost
 * calls per character). What this must not change: every document the fast path takes reads as the
 * reference reads it, with the characters those scans stop at anywhere in keys and values; and no
 * scan may run past its own line, or a long text without those characters is scanned to its end once
 * a line.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fastLocated } from '../../shared/yaml/fast.js';
import { IMPLICIT, parseLocatedYamlReference } from '../../shared/yaml/located.js';
import { sameAsReferenceIfTaken, STOP_PIECES, takenAsReference } from '../support/fast-reader.js';

describe('the fast reader scans by regular expression', () => {
  it('reads keys and values holding the characters the scans stop at as the reference does', () => {
    takenAsReference(
      [
        'url: https://example.com/a#b',
        'k#x: v # a comment',
        'a:b: c',
        'list:',
        '  - a:b',
        '  - x # note',
        '  - key: value:x',
        '    other:   spaced   ',
        'end: a#b#c',
        'run: |',
        '  echo a: b # kept',
        'flow: x]',
        'after: 1',
        "single: 'it''s: # not a comment'",
        'double: "a\\tb: \\"c\\" # d"',
        "folded: 'one",
        '  two   three',
        "  four'",
        'escaped: "x\\',
        '  y"',
      ].join('\n') + '\n',
    );
  });

  it('gives back what the reference reads otherwise (`: ` in a plain value, a key with a flow indicator)', () => {
    expect(fastLocated('a: b: c\n', IMPLICIT)).toBeUndefined();
    expect(fastLocated('colon-last: a:\n', IMPLICIT)).toBeUndefined();
    expect(fastLocated('- x\n- y: z: w\n', IMPLICIT)).toBeUndefined();
    // Not a key here ("a[b" holds a flow indicator): the reference's to read or refuse.
    expect(fastLocated('a[b: c\n', IMPLICIT)).toBeUndefined();
  });

  it('equals the reference on generated lines full of stop characters (CRLF too)', () => {
    const piece = fc.constantFrom(...STOP_PIECES);
    const word = fc.array(piece, { minLength: 1, maxLength: 8 }).map((p) => p.join(''));
    const line = fc.tuple(
      fc.constantFrom('', '  ', '    '),
      word,
      fc.constantFrom(': ', ':', ' : ', '- ', ''),
      word,
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean(), (lines, crlf) => {
        const text =
          lines.map(([ind, k, sep, v]) => `${ind}${k}${sep}${v}`).join(crlf ? '\r\n' : '\n') + '\n';
        sameAsReferenceIfTaken(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('cuts block scalars indentation as the reference does (indicated, detected, more indented, empty lines)', () => {
    const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '      ');
    const body = fc.array(fc.tuple(indent, fc.constantFrom('', 'x', 'a b', '# c', 'k: v', "'q'")), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        fc.constantFrom('|', '>', '|2', '>-', '|+', '|1-'),
        body,
        fc.boolean(),
        (head, lines, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = `run: ${head}${eol}${lines.map(([i, l]) => `  ${i}${l}`).join(eol)}${eol}next: 1${eol}`;
          sameAsReferenceIfTaken(text);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('scans no further than each line: a long text with no `:` or `#` is read in linear work', () => {
    // What the scans read, counted (not timed): each stateful regular expression's distance from the
    // index it started at to where it stopped, or to the text's end when it found nothing. A scan that
    // ran on to the next `:` or `#` (here: the text's end) would read about n * n * 2 characters.
    const real = RegExp.prototype.test;
    let read = 0;
    RegExp.prototype.test = function (this: RegExp, s: string): boolean {
      const from = this.lastIndex;
      const found = real.call(this, s);
      if (this.global || this.sticky) read += (found ? this.lastIndex : s.length) - from;
      return found;
    };
    const n = 20_000;
    const text = '- a\n'.repeat(n);
    // A quoted scalar over n lines, its closing quote on the last: each line's scan stops at its break.
    const quoted = `a: '${'x\n  '.repeat(n)}'\n`;
    let tree: { kind: string; items: unknown[] } | undefined;
    let readPlain: number | undefined;
    let quotedTree: unknown;
    try {
      tree = fastLocated(text, IMPLICIT) as typeof tree;
      readPlain = read;
      read = 0;
      quotedTree = fastLocated(quoted, IMPLICIT);
    } finally {
      RegExp.prototype.test = real;
    }
    expect(tree?.kind).toBe('seq');
    expect(tree?.items).toHaveLength(n);
    expect(readPlain).toBeDefined();
    expect(readPlain!).toBeLessThanOrEqual(2 * text.length);
    expect(quotedTree).toStrictEqual(parseLocatedYamlReference(quoted).root);
    expect(read).toBeLessThanOrEqual(2 * quoted.length);
  });
});
