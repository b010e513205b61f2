/**
 * The fast reader keeps its state in module variables (session 29). Once a read has its answer, the
 * reader must hold nothing of that read: not the text (a manifest or workflow of any size), not the
 * nodes it built (the pending stack's slots above its top kept the last ones), not the value mode's
 * lines. Shown with the collector itself: a weak reference to a node is cleared once the caller drops
 * the tree, and the heap goes back to its size once the caller drops a 40 MB text.
 */
import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fastLocated, fastLocatedOrRefusal, fastLocatedValue } from '../../shared/yaml/fast.js';
import { IMPLICIT } from '../../shared/yaml/located.js';

// `gc` is installed in contexts made after the flag is set.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A weak reference is kept alive to the end of the job that made or read it: collect after that. */
async function collect(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

const WORKFLOW =
  'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: make\nname: x\n';

/** Reads `text` and keeps weak references to its nodes only (a map entry, a sequence item, the root). */
function readWeakly(mode: 'tree' | 'refusal' | 'value', text: string): WeakRef<object>[] {
  if (mode === 'value') {
    const r = fastLocatedValue(text, IMPLICIT)!;
    const v = r.value as { jobs: { build: { steps: object[] } } };
    return [
      new WeakRef(v),
      new WeakRef(v.jobs),
      new WeakRef(v.jobs.build.steps),
      new WeakRef(v.jobs.build.steps[1]!),
    ];
  }
  const root =
    mode === 'tree'
      ? fastLocated(text, IMPLICIT)
      : (fastLocatedOrRefusal(text, IMPLICIT) as { root: ReturnType<typeof fastLocated> }).root;
  if (!root || root.kind !== 'map') throw new Error('expected a mapping');
  const jobs = root.entries[1]!.value;
  if (jobs.kind !== 'map') throw new Error('expected jobs');
  const build = jobs.entries[0]!.value;
  if (build.kind !== 'map') throw new Error('expected a job');
  const steps = build.entries[1]!.value;
  if (steps.kind !== 'seq') throw new Error('expected steps');
  return [
    new WeakRef(root),
    new WeakRef(root.entries[0]!),
    new WeakRef(root.entries[2]!),
    new WeakRef(build.entries[0]!),
    new WeakRef(steps.items[1]!),
  ];
}

describe('the fast reader holds nothing of a read once it has answered', () => {
  for (const mode of ['tree', 'refusal', 'value'] as const) {
    it(`drops the nodes of the last read (${mode} mode)`, async () => {
      const refs = readWeakly(mode, WORKFLOW);
      // Sanity: the reader did build them (not the reference path).
      expect(refs.every((r) => r.deref() !== undefined)).toBe(true);
      await collect();
      expect(refs.map((r) => r.deref() === undefined)).toEqual(refs.map(() => true));
    });
  }

  it('drops the text of the last read', async () => {
    const size = 40 * 1024 * 1024;
    await collect();
    const before = process.memoryUsage().heapUsed;
    (() => {
      // A long comment line: the reader reads it, and no node holds a slice of it.
      const text = `a: b\n# ${'x'.repeat(size)}\nc: d\n`;
      const root = fastLocated(text, IMPLICIT);
      expect(root?.kind).toBe('map');
    })();
    await collect();
    const grown = process.memoryUsage().heapUsed - before;
    // Held, the text alone is 40 MB more (one byte a character).
    expect(grown).toBeLessThan(size / 4);
  });
});
