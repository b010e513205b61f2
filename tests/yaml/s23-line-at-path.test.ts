/**
 * Session 23 (broker speed): `lineAtPath` walks a map's entries with an index loop instead of a
 * closure per key (the broker asks for a grant's lines on every exchange). It must find the same
 * line for every path: string keys, number keys read as their text on a map, indexes on a sequence,
 * and the deepest existing node's line when the path leaves the tree.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { lineAtPath, parseLocatedYaml, type LNode } from '../../shared/yaml/located.js';

/** The walk as specified (what the loop replaced), the oracle. */
function reference(root: LNode | undefined, path: readonly (string | number)[]): number {
  let node = root;
  let line = root?.line ?? 1;
  for (const key of path) {
    if (node?.kind === 'map') {
      const e = node.entries.find((x) => x.key === String(key));
      if (!e) break;
      line = e.keyLine;
      node = e.value;
    } else if (node?.kind === 'seq' && typeof key === 'number' && node.items[key]) {
      node = node.items[key];
      line = node.line;
    } else break;
  }
  return line;
}

describe('lineAtPath (session 23)', () => {
  it('a number key on a map is read as its text; a missing key stops at the deepest node found', () => {
    const { root } = parseLocatedYaml('codes:\n  404: gone\n  200: ok\nlist:\n  - a\n  - b\n');
    expect(lineAtPath(root, ['codes', 200])).toBe(3);
    expect(lineAtPath(root, ['codes', '404'])).toBe(2);
    expect(lineAtPath(root, ['list', 1])).toBe(6);
    expect(lineAtPath(root, ['codes', 'missing', 'deeper'])).toBe(1);
    expect(lineAtPath(root, ['list', 7])).toBe(4);
  });

  it('finds the same line as the specified walk on any tree and path (fast-check)', () => {
    const key = fc.constantFrom('a', 'b', 'c', '0', '1', '2');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('x', 1, true),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
        fc.array(tie('node'), { maxLength: 3 }),
      ),
    })).node;
    const path = fc.array(fc.oneof(key, fc.nat({ max: 3 })), { maxLength: 5 });
    fc.assert(
      fc.property(tree, path, (value, p) => {
        const { root } = parseLocatedYaml(yaml.dump({ top: value }));
        const full = ['top', ...p];
        expect(lineAtPath(root, full)).toBe(reference(root, full));
      }),
      { numRuns: 500 },
    );
  });
});
