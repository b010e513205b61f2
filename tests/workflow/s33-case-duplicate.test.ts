/**
 * Session 33: `caseDuplicate` (shared/workflow/keys.ts) asks whether a mapping may hold two keys alike
 * up to ASCII case by lower-casing each key (`toLowerCase() !== key`) instead of testing it with
 * `/[A-Z]/`. Every key holding A-Z lower-cases to another string; keys that lower-case otherwise
 * (`É`, U+212A KELVIN SIGN to `k`, `İ`) only send their mapping to the fold, which compares ASCII
 * case alone. The walk before it is kept here as the reference: the same refusal (message and line)
 * or none, on generated trees, in both modes. The two differ on a mapping holding one key twice
 * exactly beside a key that lower-cases without A-Z (`{b: 1, É: 2, b: 3}`): refused now, as GitHub
 * refuses it; no such mapping reaches caseDuplicate, since every reader refuses an exact duplicate
 * key and the fold refuses keys that become one (the last test holds both).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { asciiFold, caseDuplicate } from '../../shared/workflow/keys.js';
import type { LNode } from '../../shared/yaml/located.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

/** Not fixed: CI runs other seeds than the last local run (FC_SEED replays one). */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;

// caseDuplicate before session 33, as it was (a tree without shared nodes: the walk without its set).
function before(root: LNode): { message: string; line: number } | undefined {
  const stack: LNode[] = root.kind !== 'scalar' ? [root] : [];
  let found: { message: string; line: number } | undefined;
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'seq') {
      for (const item of n.items) if (item.kind !== 'scalar') stack.push(item);
      continue;
    }
    if (n.kind !== 'map') continue;
    let upper = n.entries.length < 2;
    for (const e of n.entries) {
      if (!upper && /[A-Z]/.test(e.key)) upper = true;
      if (e.value.kind !== 'scalar') stack.push(e.value);
    }
    if (n.entries.length < 2 || !upper) continue;
    const keys = new Map<string, string>();
    for (const e of n.entries) {
      const f = asciiFold(e.key);
      const first = keys.get(f);
      if (first === undefined) keys.set(f, e.key);
      else if (!found || e.keyLine < found.line)
        found = {
          message: `GitHub refuses this workflow: the keys '${first}' and '${e.key}' of one mapping differ only in case, and GitHub's reader takes them as the same key ("'${e.key}' is already defined"); give them different names`,
          line: e.keyLine,
        };
    }
  }
  return found;
}

const key = fc.constantFrom(
  'a',
  'A',
  'b',
  'B',
  'env',
  'Env',
  'ENV',
  'k',
  'K',
  '\u212a',
  'é',
  'É',
  'i',
  'İ',
  'ı',
  'ſ',
  'S',
  's',
  'x-Y',
  'x-y',
);
let line = 0;
const { tree } = fc.letrec<{ tree: LNode }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null).map((): LNode => ({ kind: 'scalar', line: ++line, value: 'v' })),
    fc
      // Keys unique in their mapping, as every tree that reaches caseDuplicate has them (below).
      .uniqueArray(fc.tuple(key, tie('tree')), { maxLength: 5, selector: ([k]) => k })
      .map((es): LNode => ({
        kind: 'map',
        line: ++line,
        entries: es.map(([k, value]) => ({ key: k, keyLine: ++line, value })),
      })),
    fc.array(tie('tree'), { maxLength: 4 }).map((items): LNode => ({ kind: 'seq', line: ++line, items })),
  ),
}));

describe('caseDuplicate (session 33)', () => {
  it('refuses what the walk before it refused, at the same line (property)', () => {
    let refused = 0;
    fc.assert(
      fc.property(tree, (root) => {
        const want = before(root);
        expect(caseDuplicate(root, { unshared: true })).toStrictEqual(want);
        expect(caseDuplicate(root)).toStrictEqual(want);
        if (want) refused++;
      }),
      seed === undefined ? { numRuns: 2000 } : { numRuns: 2000, seed },
    );
    expect(refused).toBeGreaterThan(50);
  });

  it('a key that lower-cases without A-Z is no duplicate of its ASCII twin', () => {
    const map = (...keys: string[]): LNode => ({
      kind: 'map',
      line: 1,
      entries: keys.map((k, i) => ({
        key: k,
        keyLine: i + 2,
        value: { kind: 'scalar', line: i + 2, value: 1 },
      })),
    });
    expect(caseDuplicate(map('\u212a', 'k'), { unshared: true })).toBeUndefined();
    expect(caseDuplicate(map('É', 'é'), { unshared: true })).toBeUndefined();
    expect(caseDuplicate(map('é', 'Env', 'ENV'), { unshared: true })?.line).toBe(4);
    expect(caseDuplicate(map('env', 'x', 'Env'), { unshared: true })?.line).toBe(4);
  });

  it('no mapping holding a key twice reaches it: the readers and the fold refuse it first', () => {
    const wf = (env: string) =>
      `on: push\njobs:\n  a:\n    runs-on: u\n    env:\n${env}\n    steps:\n      - run: x\n`;
    for (const env of [
      '      b: 1\n      É: 2\n      b: 3',
      '      { b: 1, É: 2, b: 3 }',
      "      b: 1\n      É: 2\n      ${{ 'b' }}: 3",
      '      "b": 1\n      É: 2\n      ? b\n      : 3',
      '      b: 1\n      É: 2\n      &x b: 3',
    ]) {
      const model = parseWorkflow('x.yml', '.github/workflows/x.yml', wf(env));
      expect(model.error).toBeDefined();
      expect(model.error?.message).not.toMatch(/differ only in case/);
    }
  });
});
