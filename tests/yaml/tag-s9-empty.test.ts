/**
 * Session 9 (issue 11 §9): `key: !` and `- !` (a non-specific tag on nothing) are read on the fast path
 * (tree mode) as the empty string at the key's line: what the `yaml` package (GitHub's parser's reader)
 * reads and the eager reference path adopts over js-yaml's null; a node on the lines below the tag
 * (what the tag would apply to) is given back, and so is value mode (js-yaml's value is null).
 * Held to the reference path in both modes, lines included.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastLocated, fastLocatedValue } from '../../shared/yaml/fast.js';
import {
  IMPLICIT,
  lineAtPath,
  parseLocatedYaml,
  parseLocatedYamlReference,
  type LNode,
} from '../../shared/yaml/located.js';
import { CORPUS_DIR } from '../support/corpus.js';

const strip = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

function paths(root: LNode | undefined): (string | number)[][] {
  const out: (string | number)[][] = [];
  const visit = (n: LNode, at: (string | number)[]) => {
    out.push(at);
    if (n.kind === 'map') for (const e of n.entries) visit(e.value, [...at, e.key]);
    else if (n.kind === 'seq') n.items.forEach((item, i) => visit(item, [...at, i]));
  };
  if (root) visit(root, []);
  return out;
}

/** Both modes of the combined reader agree with the reference path on `text`. */
function expectSameAsReference(text: string): void {
  const ref = parseLocatedYamlReference(text);
  const got = parseLocatedYaml(text);
  expect(got.error).toStrictEqual(ref.error);
  if (!ref.error) {
    expect(got.root).toStrictEqual(ref.root);
    expect(got.value).toStrictEqual(ref.value);
  }
  const lazyRef = parseLocatedYamlReference(text, { lazy: true });
  const lazy = parseLocatedYaml(text, { lazy: true });
  expect(lazy.error).toStrictEqual(lazyRef.error);
  if (!lazyRef.error) {
    expect(lazy.value).toStrictEqual(lazyRef.value);
    for (const p of paths(ref.root))
      expect([p, lineAtPath(lazy.root, p)]).toEqual([p, lineAtPath(lazyRef.root, p)]);
  }
}

describe('a lone `!` after a key or a dash', () => {
  it('the two tauri workflows now take the fast path, read as the reference reads them', () => {
    for (const f of [
      'tauri-apps_tauri_.github_workflows_covector-version-or-publish.yml',
      'tauri-apps_tauri_.github_workflows_update-docs.yml',
    ]) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      for (const variant of [text, `\uFEFF${text.replace(/\r?\n/g, '\r\n')}`]) {
        expect(fastLocated(strip(variant), IMPLICIT)).toBeDefined();
        expectSameAsReference(variant);
      }
    }
  });

  it.each([
    ['after a key', 'a:\n  b: !\n  c: 1\n'],
    ['with a comment', 'a:\n  b: ! # c\n'],
    ['a sequence item', 'a:\n  - !\n  - x\n'],
    ['at the end without a line break', 'a:\n  b: !'],
  ])('read: %s', (_what, text) => {
    expect(fastLocated(text, IMPLICIT)).toBeDefined();
    // Value mode (the manifest's: js-yaml's value, null there) leaves it to the reference.
    expect(fastLocatedValue(text, IMPLICIT)).toBeUndefined();
    expectSameAsReference(text);
  });

  it.each([
    ['a node below it', 'a:\n  b: !\n    c: 1\n'],
    ['a scalar below it', 'a:\n  b: !\n    x\n'],
    ['on its own line', 'a:\n  b:\n    !\n'],
    ['followed by content', 'a:\n  b: ! x\n'],
    ['a comment without a space', 'a:\n  b: !#c\n'],
    ['a named tag', 'a:\n  b: !x\n'],
  ])('given back: %s', (_what, text) => {
    expect(fastLocated(text, IMPLICIT)).toBeUndefined();
    expectSameAsReference(text);
  });

  it('generated documents: read as the reference reads them, in both modes, lines included', () => {
    const value = fc.constantFrom(' !', ' ! # c', ' !  ', ' x', ' "q"', ' [a, b]', ' !x', ' ! y', '');
    const below = fc.constantFrom('', 'x', 'k: 1', '- i', '# c', '!', '');
    const entry = fc.record({
      dash: fc.boolean(),
      value,
      below,
      belowIndent: fc.nat({ max: 6 }),
    });
    let read = 0;
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        (entries, depth, crlf) => {
          const ind = ' '.repeat(depth * 2);
          let text = '';
          for (let d = 0; d < depth; d++) text += `${' '.repeat(d * 2)}k${d}:\n`;
          const dash = entries[0]!.dash;
          entries.forEach((e, i) => {
            text += dash ? `${ind}-${e.value}\n` : `${ind}k${i}:${e.value}\n`;
            if (e.below) text += `${' '.repeat(e.belowIndent)}${e.below}\n`;
          });
          if (crlf) text = text.replace(/\n/g, '\r\n');
          if (fastLocated(strip(text), IMPLICIT)) read++;
          expectSameAsReference(text);
        },
      ),
      { numRuns: 1500 },
    );
    expect(read).toBeGreaterThan(100);
  });
});
