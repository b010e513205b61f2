/**
 * The other direction of the differential tests (session 7): what changes nothing the broker or
 * GitHub decides is not reported widened (keys and order-free lists reordered; a workflow file
 * renamed with its content as it was), and an invalid head is "cannot judge" (exit 2), never
 * "narrowed".
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { wf } from '../support/repo.js';
import { manifestPair, orgPolicyPair, toYaml } from './agree-s7-gen.js';

const NUM_RUNS = Number(process.env.AGREE_S7_RUNS ?? 200);

/**
 * Every mapping's keys and every list whose order the broker ignores, permuted by `seed`. Lists whose
 * order decides (the organization's `grants:`: the first match applies) are left as they are.
 */
function reorder(v: unknown, seed: number, keep: ReadonlySet<string> = new Set()): unknown {
  const rot = <T>(xs: T[]): T[] => {
    if (xs.length < 2) return xs;
    const k = seed % xs.length;
    return [...xs.slice(k), ...xs.slice(0, k)].reverse();
  };
  if (Array.isArray(v)) return rot(v.map((x) => reorder(x, seed + 1, keep)));
  if (v && typeof v === 'object')
    return Object.fromEntries(
      rot(Object.entries(v as Record<string, unknown>)).map(([k, x]) => [
        k,
        keep.has(k) ? x : reorder(x, seed + k.length, keep),
      ]),
    );
  return v;
}

const valid = (text: string) => {
  try {
    loadManifest(text, 'm.yml');
    return true;
  } catch (err) {
    if (err instanceof ManifestError) return false;
    throw err;
  }
};

const state = (manifestText: string, orgText?: string): RepoState => ({
  label: 'x',
  workflows: [],
  ...manifestOf(manifestText, 'x'),
  ...(orgText !== undefined ? { orgPolicy: orgPolicyOf(orgText, 'org.yml') } : {}),
});

const widened = (r: ReturnType<typeof diffStates>) =>
  r.changes
    .filter((c) => c.effect !== 'narrowed')
    .map((c) => `${c.effect} ${c.subject}: ${c.before} -> ${c.after}`);

describe('the access diff: no false widening from order (session 7)', () => {
  it('a manifest and an organization policy with keys and order-free lists reordered: no change', () => {
    fc.assert(
      fc.property(manifestPair, orgPolicyPair, fc.nat(), ([m], [o], seed) => {
        const text = toYaml(m);
        fc.pre(valid(text));
        const r = diffStates(
          state(text, toYaml(o)),
          state(toYaml(reorder(m, seed)), toYaml(reorder(o, seed, new Set(['grants'])))),
        );
        expect(widened(r)).toEqual([]);
        expect(r.changes).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('a workflow file renamed with its content as it was (jobs reordered): no widened change', () => {
    const files = fc.record({
      on: fc.constantFrom('push', 'pull_request'),
      jobs: fc.dictionary(
        fc.constantFrom('build', 'test', 'deploy'),
        fc.record({
          'runs-on': fc.constant('ubuntu-latest'),
          permissions: fc.constantFrom<unknown>('read-all', { contents: 'write' }, {}),
          steps: fc.constant([{ uses: 'actions/checkout@v4' }, { run: 'echo ${{ secrets.NPM_TOKEN }}' }]),
        }),
        { minKeys: 1 },
      ),
    });
    fc.assert(
      fc.property(files, fc.nat(), (w, seed) => {
        const m = 'version: 1\n';
        const r = diffStates(
          { label: 'b', workflows: [wf('ci.yml', toYaml(w))], ...manifestOf(m, 'b') },
          { label: 'h', workflows: [wf('build.yml', toYaml(reorder(w, seed)))], ...manifestOf(m, 'h') },
        );
        expect(widened(r)).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

/** Ways to make a valid manifest invalid, each a text edit a pull request could make. */
const BREAKS: Record<string, (text: string) => string> = {
  'unknown top-level key': (t) => `${t}bogus: 1\n`,
  'version 2': (t) => t.replace(/^version: 1$/m, 'version: 2'),
  'a YAML syntax error': (t) => `${t}workflows: [\n`,
  'a ttl under 30': (t) => t.replace(/ttl: \d+/, 'ttl: 10'),
  'a misspelt scope': (t) => t.replace(/contents: (read|write)/, 'content: $1'),
  'a level the scope does not take': (t) => t.replace(/issues: (read|write)/, 'issues: admin'),
  'a duplicated grant': (t) =>
    t.replace(/( +)- step: (\S+)\n\1 {2}audience: (\S+)\n/, (all) => `${all}${all}`),
  'a non-numeric repository id': (t) => t.replace(/id: 100001/, 'id: abc'),
};

describe('an invalid head is "cannot judge", never "narrowed" (session 7)', () => {
  it('every invalid head manifest: invalidHead (exit 2), a cannot-judge row, no manifest row', () => {
    fc.assert(
      fc.property(manifestPair, fc.constantFrom(...Object.keys(BREAKS)), ([m], how) => {
        const text = toYaml(m);
        const broken = BREAKS[how]!(text);
        fc.pre(valid(text) && broken !== text && !valid(broken));
        const r = diffStates(state(text), state(broken));
        expect(r.invalidHead).toBe(true);
        expect(failsOnWidened(r.changes)).toBe(true);
        expect(r.changes.some((c) => c.effect === 'cannot-judge')).toBe(true);
        // Nothing is derived from the head it could not read: no grant "removed", no policy "narrowed".
        expect(
          r.changes.filter(
            (c) => ['manifest', 'credential', 'policy'].includes(c.kind) && c.effect !== 'cannot-judge',
          ),
        ).toEqual([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('an invalid head organization policy: invalidHead, cannot judge, and no policy row', () => {
    fc.assert(
      fc.property(
        orgPolicyPair,
        fc.constantFrom('max-credential-ttl: 5\n', 'bogus: 1\n', 'grants: {\n'),
        ([o], tail) => {
          const text = toYaml(o);
          const m = 'version: 1\n';
          const r = diffStates(state(m, text), state(m, text + tail));
          fc.pre(r.invalidHead || orgPolicyOf(text, 'org.yml').error === undefined);
          expect(r.invalidHead).toBe(true);
          expect(failsOnWidened(r.changes)).toBe(true);
          expect(r.changes.filter((c) => c.kind === 'policy' && c.effect !== 'cannot-judge')).toEqual([]);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});
