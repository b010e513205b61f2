/**
 * Session 23: a line at column 0 that starts with a document marker (`---` or `...`) and goes on
 * (`... a: b`) is not a key. js-yaml (the reference) refuses the text ("expected a single document in
 * the stream"), as the `yaml` package GitHub's parser uses does; the fast path read `... a` as a key
 * of the root mapping. Found by refusal-s9-quote's property at ten times its runs (1 input in ~21,000).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseLocatedYaml, parseLocatedYamlReference } from '../../shared/yaml/located.js';

function expectSameAsReference(text: string): void {
  const ref = parseLocatedYamlReference(text);
  const got = parseLocatedYaml(text);
  expect([text, got.error]).toStrictEqual([text, ref.error]);
  if (!ref.error) expect(got.root).toStrictEqual(ref.root);
}

describe('a document marker that goes on, at column 0', () => {
  it.each([
    'on: push\n... a: b\n',
    'on: push\n--- a: b\n',
    'on: push\njobs:\n  k:\n   k: ""\n... a: b\n',
    'on: push\njobs:\n  k:\n   k: x\n... a: b\n#c"\n',
    'on: push\n...\n',
    'on: push\n... # end\n',
    'on: push\n....: b\n',
    'on: push\n...a: b\n',
  ])('%j: the reference’s reading', (text) => {
    expectSameAsReference(text);
  });

  it('the first line refused by the reference, the fast path never reads it as a key', () => {
    expect(parseLocatedYaml('on: push\n... a: b\n').error).toMatchObject({ kind: 'syntax' });
  });

  it('whatever follows the marker, under any nesting (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 3 }),
        fc.constantFrom('---', '...'),
        fc.constantFrom(' ', '', '\t', '  '),
        fc.constantFrom('a: b', 'a', '# c', '', 'k: [1]', '"q": 1', '- i'),
        fc.constantFrom('', 'after: 1\n'),
        (depth, marker, sep, rest, after) => {
          let text = 'on: push\njobs:\n';
          for (let d = 0; d < depth; d++) text += `${'  '.repeat(d + 1)}k${d}:\n`;
          text += `${'  '.repeat(depth + 1)}v: 1\n${marker}${sep}${rest}\n${after}`;
          expectSameAsReference(text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
