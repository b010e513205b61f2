/**
 * Session 37: the strings of a located tree, and of the workflow model built from it, do not hold the
 * document's text. V8 makes a substring of 13 characters or more a view of its source, and a view
 * keeps the whole source alive: the corpus check's models kept every workflow's text through their
 * `uses:`, names and ids (4.5 MB, copied twice by the scavenger on its way to the old generation).
 * Shown with the collector: a caller keeps the trees (or the models) of sixteen 512 KB texts and
 * drops the texts; the heap must not keep them. Each case reads the long string where the reader makes it: a plain scalar,
 * a plain key, a quoted scalar, a multi-line plain scalar, a flow collection, and the js-yaml path.
 */
import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

// `gc` is installed in contexts made after the flag is set.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function collect(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

/** Texts of 512 KB, as the check reads a file: one flat string in V8's heap (Node makes a string of
 * about 1 MB or more from a buffer an external one, outside it). 16 of them, 8 MB in all. */
const SIZE = 512 * 1024;
const COUNT = 16;

/**
 * The heap's growth while `read`'s answers for `body` with long comment lines are kept and the texts
 * are dropped.
 */
async function keptBytes(body: string, read: (text: string) => unknown): Promise<number> {
  await collect();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  (() => {
    for (let i = 0; i < COUNT; i++) {
      const text = Buffer.from(`${body}# ${i} ${'x'.repeat(SIZE)}\n`, 'latin1').toString('latin1');
      kept.push(read(text));
    }
  })();
  await collect();
  const grown = process.memoryUsage().heapUsed - before;
  expect(kept.length).toBe(COUNT);
  return grown;
}

const tree = (text: string) => {
  const r = parseLocatedYaml(text);
  if (r.error || !r.root) throw new Error(`not read: ${r.error?.message}`);
  return r.root;
};

const WORKFLOW =
  'on: push\njobs:\n  build-and-test-everything:\n    name: Build and test everything\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci && npm test\n';

describe('a located tree and a workflow model hold no view of the text', () => {
  const cases: [string, string][] = [
    ['a plain scalar', 'uses: actions/checkout@v4\n'],
    ['a plain key', 'build-and-test-everything: x\n'],
    ['a quoted scalar', "uses: 'actions/setup-node@v4'\n"],
    ['a double-quoted scalar with an escape', 'name: "Build and test \\u00e9verything"\n'],
    ['a multi-line plain scalar', 'name: Build and test\n  everything at once\n'],
    ['a flow collection', 'with: { node-version-file: .nvmrc-of-the-repo, list: [some-long-item-x] }\n'],
    // An anchor: the reference path (js-yaml and the rebuilt tree).
    ['a document the reference reads', 'a: &x actions/checkout@v4\nb: *x\nlong-key-of-the-doc: 1\n'],
  ];
  for (const [what, body] of cases) {
    it(`drops the text under ${what}`, async () => {
      // Held, the texts alone are 8 MB more (one byte a character).
      expect(await keptBytes(body, tree)).toBeLessThan((COUNT * SIZE) / 4);
    });
  }

  it('drops the text under a workflow model', async () => {
    const grown = await keptBytes(WORKFLOW, (text) => {
      const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text, false);
      if (m.error) throw new Error(m.error.message);
      return m;
    });
    expect(grown).toBeLessThan((COUNT * SIZE) / 4);
  });
});
