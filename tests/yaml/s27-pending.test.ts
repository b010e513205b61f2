/**
 * The fast reader gathers the entries of the block mappings and the items of the block sequences it
 * is reading on one stack per document, and gives each node an array of its own when it ends
 * (session 27, `pending` in shared/yaml/fast.ts). What this must not change: each node holds exactly
 * its own entries or items, and a key is refused only when it repeats a key of its own mapping, not
 * one of an enclosing or earlier mapping still or once on the stack.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { fastLocated } from '../../shared/yaml/fast.js';
import { IMPLICIT, parseLocatedYamlReference } from '../../shared/yaml/located.js';
import { takenAsReference } from '../support/fast-reader.js';

const KEYS = Array.from({ length: 20 }, (_, i) => `k${i}`);

describe('the fast reader stack of pending entries and items', () => {
  it('takes mappings that repeat the keys of their ancestors and of earlier siblings', () => {
    takenAsReference(
      [
        'a:',
        '  a:',
        '    a: 1',
        '    b: [x]',
        '  b:',
        '    - a: 2',
        '      b: 3',
        '    - a: 4',
        '    - c:',
        '        - a: 5',
        '        - b: 6',
        'b:',
        '  a: 7',
        '',
      ].join('\n'),
    );
  });

  it('gives back a mapping whose own key repeats after nested nodes', () => {
    const text = ['a:', '  x:', '    y: 1', '  z:', '    - q: 1', '    - r: 2', '  x: 2', ''].join('\n');
    expect(fastLocated(text, IMPLICIT)).toBeUndefined();
    expect(parseLocatedYamlReference(text).error).toBeDefined();
  });

  it('keeps the keys of a mapping of 16 or more apart from those of the mappings around it', () => {
    const inner = (ind: string) => KEYS.map((k) => `${ind}${k}: v`);
    const lines = KEYS.flatMap((k) => [`${k}:`, ...inner('  ')]);
    takenAsReference(`${lines.join('\n')}\n`);
    // A repeat of the 18th key inside one of the inner mappings (a set is kept from the 16th on).
    const repeated = [...lines.slice(0, 40), '  k17: again', ...lines.slice(40)];
    expect(fastLocated(`${repeated.join('\n')}\n`, IMPLICIT)).toBeUndefined();
  });

  it('reads generated nested block documents as the reference does', () => {
    // Keys drawn mostly from three, so that nested and sibling mappings share them; up to 20 keys
    // (past the 16 where the reader keeps a set). No sequence directly in a sequence: `- - x` is
    // outside the fast path's subset (given back before and after this change).
    type V = number | string | V[] | { [k: string]: V };
    const { map } = fc.letrec<{ value: V; item: V; map: V }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom('a', 'b', 'word'),
        tie('map'),
        fc.array(tie('item'), { minLength: 1, maxLength: 4 }),
      ),
      item: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.integer({ min: 0, max: 99 }),
        tie('map'),
      ),
      map: fc
        .uniqueArray(fc.oneof(fc.constantFrom(...KEYS.slice(0, 3)), fc.constantFrom(...KEYS)), {
          minLength: 1,
          maxLength: 18,
        })
        .chain((keys) =>
          fc
            .tuple(...keys.map(() => tie('value')))
            .map((vs): V => Object.fromEntries(keys.map((k, i) => [k, vs[i]!]))),
        ),
    }));
    fc.assert(
      fc.property(map, (v) => {
        takenAsReference(dump(v, { flowLevel: -1, lineWidth: -1 }));
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
