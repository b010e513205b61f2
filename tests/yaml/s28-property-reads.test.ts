/**
 * The fast reader's per-line paths read its fields once into locals (session 28, w-cspeed2), and a
 * plain scalar that ends on a line left of it hands that line's indentation on instead of scanning
 * the line again (`inline` in shared/yaml/fast.ts). What this must not change: where the reader
 * stands after a plain scalar (the next key, item or comment line, blank lines between, CR LF line
 * ends, continuation lines, a comment line left of a key's column), so the tree equals the reference's.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fastLocated } from '../../shared/yaml/fast.js';
import { IMPLICIT } from '../../shared/yaml/located.js';
import { sameAsReferenceIfTaken, takenAsReference } from '../support/fast-reader.js';

describe('the fast reader after a plain scalar', () => {
  it('stands on the next line with content as the reference reads it', () => {
    takenAsReference(
      [
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '',
        '    steps:',
        '      - run: make',
        '        name: one',
        '      - plain item',
        '',
        '      -   spaced item   ',
        '      - uses: a/b@v1',
        '        with:',
        '          x: 1',
        '          y: long',
        '            continued',
        '',
        '            after a blank',
        '  # a comment',
        '  test:',
        '    env:',
        '      A: b # a comment',
        '    needs: build',
        'on: push',
      ].join('\n') + '\n',
    );
    takenAsReference('a: b\r\n\r\n  # c\r\nd:\r\n  - e\r\n  - f\r\ng: h\r\n');
  });

  it('gives back a plain scalar followed by a line more indented than its key after a comment line', () => {
    // Session 23's refusal (the `yaml` package refuses it, js-yaml reads it on) must still be found.
    expect(fastLocated('a:\n  b: c\n# note\n    d\n', IMPLICIT)).toBeUndefined();
    expect(fastLocated('a:\n  - b\n   c: d\n', IMPLICIT)).toBeUndefined();
  });

  it('equals the reference on generated plain values, indentation, blank and comment lines', () => {
    const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '      ');
    const line = fc.tuple(
      indent,
      fc.constantFrom(
        'k: v',
        'key: a b',
        'n: 1',
        '- x',
        '- k: v',
        'word',
        '# c',
        '',
        'x: # c',
        'y:',
        'z: t # c',
      ),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 10 }), fc.boolean(), (lines, crlf) => {
        const eol = crlf ? '\r\n' : '\n';
        sameAsReferenceIfTaken(lines.map(([i, l]) => `${i}${l}`).join(eol) + eol);
      }),
      { numRuns: 4000 },
    );
  });
});
