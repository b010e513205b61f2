/**
 * The manifest's plain jobs judged beside zod (shared/manifest/fast-jobs.ts, session 30): over
 * generated manifests, valid and not, `parseManifestData` answers what `manifestSchema.safeParse`
 * answers: the same success, the same data (keys in the same order), the same issues.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadManifest } from '../../shared/manifest/load.js';
import { parseManifestData } from '../../shared/manifest/fast-jobs.js';
import { sameAsZod } from '../support/manifest-parity.js';

const same = (data: unknown): void => sameAsZod(data);

const jobId = fc.constantFrom(
  'build',
  '_x',
  'a-b_c9',
  'constructor',
  'toString',
  'hasOwnProperty',
  'x'.repeat(99),
  'x'.repeat(100),
  '__x',
  '1a',
  'a.b',
  '',
  'é',
  'a b',
);
const word = fc.constantFrom('permissive-default', 'restricted-default', 'read-all', 'write-all');
const name = fc.constantFrom('A', 'GITHUB_TOKEN', 'inherit', '*', 'prod', 'é');
const badScalar = fc.constantFrom<unknown>('', 0, 1, true, null, 'READ-ALL', 'toString', 'read-all ');
const list = fc.oneof(
  { weight: 4, arbitrary: fc.array(name, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(name, badScalar), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: badScalar },
  { weight: 1, arbitrary: fc.constant({ 0: 'A' }) },
);
const permissions = fc.oneof(
  { weight: 6, arbitrary: word },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>({}, { contents: 'read' }, { contents: 'admin' }, { nope: 'read' }),
  },
  { weight: 1, arbitrary: badScalar },
);
const grant = fc.constantFrom<unknown>(
  { step: 'deploy', audience: 'github', permissions: { contents: 'read' } },
  { step: 'x', audience: 'https://svc.example', scope: ['a'] },
  { step: '', audience: 'github', permissions: {} },
);
// A job: mostly the plain shape, sometimes with a key or value only zod judges.
const job = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ permissions, secrets: list, environments: list }, { requiredKeys: [] }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        permissions,
        secrets: list,
        environments: list,
        credentials: fc.array(grant, { maxLength: 2 }),
        when: fc.constantFrom<unknown>({ ref: 'refs/heads/main' }, { nope: 1 }),
        calls: fc.constantFrom<unknown>({ 'b.yml': ['j'] }, { 'b.yml': [] }),
        extra: fc.constant(1),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'read-all', [], 3, {}) },
);
// Keys shuffled: the order of a job's keys is the reader's, and the output's is zod's.
const shuffledJob = job.chain((j) =>
  j && typeof j === 'object' && !Array.isArray(j)
    ? fc
        .shuffledSubarray(Object.keys(j), { minLength: Object.keys(j).length })
        .map((ks) => Object.fromEntries(ks.map((k) => [k, (j as Record<string, unknown>)[k]])))
    : fc.constant(j),
);
const jobs = fc
  .uniqueArray(fc.tuple(jobId, shuffledJob), { selector: ([k]) => k, maxLength: 6 })
  .map((es) => Object.fromEntries(es));
const workflow = fc.oneof(
  { weight: 8, arbitrary: fc.record({ jobs }, { requiredKeys: ['jobs'] }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        jobs: fc.oneof(jobs, fc.constantFrom<unknown>(null, [], 'x')),
        triggers: fc.constantFrom<unknown>(['push'], [''], 'push'),
        callers: fc.constantFrom<unknown>(['a.yml'], ['/x']),
        nope: fc.constant(true),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, 'x', []) },
);
const workflowName = fc.constantFrom('ci.yml', 'b.yml', 'deploy.yaml', 'constructor', 'x');
const manifest = fc.record(
  {
    version: fc.constantFrom<unknown>(1, 1, 1, 2),
    defaults: fc.constantFrom<unknown>({ permissions: 'read-all' }, { permissions: {} }, { nope: 1 }),
    policy: fc.constantFrom<unknown>({ 'require-pinned-actions': true }, { 'require-pinned-actions': 'yes' }),
    workflows: fc.oneof(
      { weight: 8, arbitrary: fc.dictionary(workflowName, workflow, { maxKeys: 4 }) },
      { weight: 1, arbitrary: fc.constantFrom<unknown>(null, [], 'x') },
    ),
    nope: fc.constant(1),
  },
  { requiredKeys: ['version'] },
);

describe('plain jobs judged beside zod (s30)', () => {
  it("answers zod's answer for generated manifests, valid and not", () => {
    fc.assert(fc.property(manifest, same), { numRuns: 2_000 });
    // Generous for a loaded 2-core CI machine (a few seconds here at load 9).
  }, 120_000);

  it("answers zod's answer for any value at all", () => {
    fc.assert(fc.property(fc.anything(), same), { numRuns: 300 });
    for (const v of [
      undefined,
      null,
      {},
      { workflows: {} },
      { version: 1, workflows: { 'a.yml': { jobs: {} } } },
    ])
      same(v);
    // Generous for a loaded 2-core CI machine (a few seconds here at load 9).
  }, 120_000);

  it('takes the plain jobs, and gives each a map, lists and credentials of its own', () => {
    const data = {
      version: 1,
      workflows: {
        'a.yml': {
          jobs: {
            one: { permissions: 'read-all', secrets: ['A'] },
            two: { permissions: { contents: 'read' } },
            three: { secrets: ['B'], permissions: 'permissive-default' },
          },
        },
      },
    };
    same(data);
    const r = parseManifestData(data);
    if (!r.success) throw new Error('expected success');
    const { one, two, three } = r.data.workflows['a.yml']!.jobs;
    expect(Object.keys(r.data.workflows['a.yml']!.jobs)).toEqual(['one', 'two', 'three']);
    expect(one!.secrets).not.toBe(data.workflows['a.yml'].jobs.one.secrets);
    expect(one!.credentials).not.toBe(three!.credentials);
    expect(one!.permissions).not.toBe(three!.permissions);
    expect(two!.permissions).toEqual({ contents: 'read' });
    // The input is not changed.
    expect(Object.keys(data.workflows['a.yml'].jobs)).toEqual(['one', 'two', 'three']);
  });

  it('keeps the load problems after zod: GITHUB_TOKEN as a secret of a plain job, with its line', () => {
    expect(() =>
      loadManifest(
        [
          'version: 1',
          'workflows:',
          '  a.yml:',
          '    jobs:',
          '      b: {permissions: read-all, secrets: [A, github_token]}',
        ].join('\n'),
        'm.yml',
      ),
    ).toThrow(/m\.yml:5: GITHUB_TOKEN is not a secret to declare/);
  });
});
