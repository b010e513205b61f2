/**
 * Session 31, attacking session 30's manifest fast path (shared/manifest/fast-jobs.ts, 2b6d3bd: the
 * jobs of init's plain shape judged beside zod, "same success, data and issues") from the YAML side:
 * manifests as text, read as loadManifest reads them (parseLocatedYaml, lazy), with job ids that are
 * Object.prototype members, unicode or `__proto__` spelt with escapes, permissions words in other
 * cases and quoting, lists with duplicates, empty, of numbers, booleans, nulls and `~`, anchors and
 * aliases feeding a job (one list shared by two jobs), merge keys, extra keys. parseManifestData's
 * answer equals zod's on the same data, and loadManifest's manifest is zod's. Several random seeds a
 * run (FC_SEED replays one).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadManifest } from '../../shared/manifest/load.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { sameAsZod } from '../support/manifest-parity.js';

const seeds = process.env.FC_SEED
  ? [Number(process.env.FC_SEED)]
  : [0, 1, 2].map(() => Math.floor(Math.random() * 2 ** 31));

const ID = [
  'build',
  'constructor',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
  '"__proto__"',
  '"__\\x70roto__"',
  'é',
  '"a\\u0062"',
  '_',
  'A-1',
  '"x y"',
];
const WORD = [
  'read-all',
  'Read-All',
  'READ-ALL',
  "'read-all'",
  '"write-all"',
  'permissive-default',
  'restricted-default',
  'read-all ',
  'toString',
  '__proto__',
  'constructor',
  '~',
  'null',
  'true',
  '1',
  '{}',
  '[]',
];
const ITEM = [
  'A',
  'A',
  'prod',
  '"A"',
  '1',
  '0x1F',
  'true',
  'null',
  '~',
  "''",
  '""',
  'é',
  '[A]',
  '{a: 1}',
  '*list',
];
const list = fc.oneof(
  fc.array(fc.constantFrom(...ITEM), { maxLength: 4 }).map((a) => `[${a.join(', ')}]`),
  fc.constantFrom('*list', '&other [A, B]', '~', 'A', '[]', '{}', '!!seq [A]'),
);
const job = fc
  .record(
    {
      permissions: fc.constantFrom(...WORD),
      secrets: list,
      environments: list,
      extra: fc.constantFrom(
        'extra: 1',
        '<<: *base',
        '!!merge <<: *base',
        'when: { ref: refs/heads/main }',
        'credentials: []',
      ),
    },
    { requiredKeys: [] },
  )
  .map((j) =>
    Object.entries(j)
      .map(([k, v]) => (k === 'extra' ? v : `${k}: ${v}`))
      .join(', '),
  );
const jobs = fc.array(fc.tuple(fc.constantFrom(...ID), job), { maxLength: 5 });

function text(entries: [string, string][], anchored: boolean): string {
  return [
    'version: 1',
    'repository: { name: octo-org/r, id: 1, owner-id: 2 }',
    'workflows:',
    '  ci.yml:',
    '    jobs:',
    // Anchors the jobs may alias: a list and a whole job.
    '      anchor-a: { permissions: read-all, secrets: &list [A, B] }',
    '      anchor-b: &base { permissions: write-all }',
    ...entries.map(([id, j], n) => `      ${id}: ${anchored && n === 0 ? '&j ' : ''}{${j}}`),
    ...(anchored && entries.length ? ['      again: *j'] : []),
  ].join('\n');
}

let loaded = 0;
let judged = 0;

function same(source: string): void {
  const parsed = parseLocatedYaml(source, { lazy: true });
  if ('error' in parsed && parsed.error) return;
  const data = (parsed as { value: unknown }).value;
  judged++;
  sameAsZod(data, (ok) => void (ok && loaded++));
}

describe('manifest plain jobs from YAML text, beside zod (s31)', () => {
  it('the same answer as zod for hostile manifests as text', () => {
    for (const seed of seeds)
      fc.assert(
        fc.property(jobs, fc.boolean(), (entries, anchored) => same(text(entries, anchored))),
        { numRuns: 400, seed },
      );
    // Not only refusals compared: about a quarter load (24,000 runs held, 3 seeds).
    expect(loaded).toBeGreaterThan(judged / 10);
    // Generous for a loaded 2-core CI machine.
  }, 120_000);

  it('a job named like an Object.prototype member keeps its own entry; an alias gives a list of its own', () => {
    const source = text(
      [
        ['constructor', 'permissions: read-all, secrets: *list'],
        ['toString', 'permissions: write-all, secrets: *list, environments: [prod, prod]'],
        ['valueOf', '!!merge <<: *base, secrets: []'],
      ],
      false,
    );
    same(source);
    const { jobs: got } = loadManifest(source, 'm.yml').manifest.workflows['ci.yml']!;
    expect(Object.keys(got)).toEqual(['anchor-a', 'anchor-b', 'constructor', 'toString', 'valueOf']);
    expect(Object.hasOwn(got, 'constructor')).toBe(true);
    // By a string, as the check and the broker look a job up (not `.constructor`, the class).
    const job = (id: string) => got[id]!;
    expect(job('constructor').secrets).toEqual(['A', 'B']);
    expect(job('constructor').secrets).not.toBe(job('toString').secrets);
    expect(job('toString').environments).toEqual(['prod', 'prod']);
    expect(job('valueOf').permissions).toEqual(job('anchor-b').permissions);
  });
});
