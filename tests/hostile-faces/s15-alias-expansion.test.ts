/**
 * Session 15: a manifest (or an organization policy) whose aliases expand to more than the reader
 * bounds. js-yaml shares an aliased node, so the parse costs the text; zod, the check and the diff
 * then walk the value as a tree, every alias written out. Three levels of 300 aliases (300 workflows
 * of 300 jobs of 300 secrets, a 10 KB manifest in a pull request) took 9 s and 360 MB; 1,000 each is
 * a billion secrets, and the required check ran out of memory instead of saying why. Such a document
 * is refused at the alias where it passes the limit, as "cannot judge" (exit 2), before any walk.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { MAX_EXPANDED_NODES } from '../../shared/yaml/located.js';
import { readComposite } from '../../shared/workflow/composite.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { cli } from '../support/cli.js';
import { wf } from '../support/repo.js';

/** `n` workflows of `n` jobs of `n` secrets, each level one anchor and `n - 1` aliases. */
function manifestBomb(n: number): string {
  let s = 'version: 1\nworkflows:\n  w0.yml: &W\n    jobs:\n';
  s += `      j0: &J\n        permissions: {}\n        secrets: [${Array.from({ length: n }, (_, i) => `S${i}`).join(', ')}]\n`;
  for (let j = 1; j < n; j++) s += `      j${j}: *J\n`;
  for (let w = 1; w < n; w++) s += `  w${w}.yml: *W\n`;
  return s;
}
// The line of the first alias whose expansion passes the limit, counted from the text above.
const lineOf = (text: string, needle: string) => text.split('\n').indexOf(needle) + 1;

function refusal(load: () => unknown): ManifestError {
  try {
    load();
  } catch (err) {
    if (err instanceof ManifestError) return err;
    throw err;
  }
  throw new Error('loaded');
}

describe('a document whose aliases expand past the limit is refused, naming file, line and limit', () => {
  it('a manifest of three levels of aliases (130 workflows x 130 jobs x 130 secrets)', () => {
    const text = manifestBomb(130);
    const err = refusal(() => loadManifest(text, '.github/access-manifest.yml'));
    expect(err.problems).toHaveLength(1);
    const [p] = err.problems;
    expect(p!.file).toBe('.github/access-manifest.yml');
    expect(p!.message).toContain(MAX_EXPANDED_NODES.toLocaleString('en-US'));
    expect(p!.message).toMatch(/alias/);
    // A workflow is 2 + 130 x (3 + 130) nodes (its map, `jobs`, each job's map, `permissions`,
    // `secrets` and its items): the workflows' mapping passes the limit at an alias line.
    const perWorkflow = 2 + 130 * 133;
    expect(p!.line).toBe(lineOf(text, `  w${Math.floor((MAX_EXPANDED_NODES - 1) / perWorkflow)}.yml: *W`));
  });

  it('an organization policy of aliased grants', () => {
    const grant = 'repository: o/r\n    workflow: w.yml\n    job: j\n    credentials: &C\n';
    let text = `version: 1\ngrants:\n  - &G\n    ${grant}`;
    text += `      - &K { step: s, audience: github, permissions: { contents: read }, repositories: [${Array.from({ length: 120 }, (_, i) => `r${i}`).join(', ')}] }\n`;
    for (let i = 1; i < 120; i++) text += '      - *K\n';
    for (let i = 1; i < 120; i++) text += '  - *G\n';
    const err = refusal(() => loadOrgPolicy(text, 'org-policy.yml'));
    expect(err.code).toBe('ERR_ORG_POLICY_INVALID');
    expect(err.problems[0]!.message).toContain('alias');
  });

  it('the check exits 2 ("cannot judge") with the file and the limit, not a crash or a pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s15-alias-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github', 'workflows', 'ci.yml'),
      'on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
    );
    writeFileSync(join(dir, '.github', 'access-manifest.yml'), manifestBomb(130));
    const r = await cli(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\.github\/access-manifest\.yml:\d+: .*alias/);
    expect(r.stderr).toContain(MAX_EXPANDED_NODES.toLocaleString('en-US'));
  });
});

/**
 * A workflow whose jobs alias one job, whose steps alias one step, whose `with:` names secrets: the
 * model writes every job and step out, and the check and the diff walk each. 1,000 x 1,000 x 1,000
 * (a 60 KB file) ran the check for more than five minutes and 3.5 GB before it was stopped.
 */
function workflowBomb(jobs: number, steps: number, inputs: number): string {
  let s = 'on: push\npermissions: {}\njobs:\n  j0: &J\n    runs-on: ubuntu-latest\n    steps:\n';
  s += '      - &T\n        uses: actions/checkout@v4\n        with:\n';
  for (let i = 0; i < inputs; i++) s += `          i${i}: \${{ secrets.S${i} }}\n`;
  for (let i = 1; i < steps; i++) s += '      - *T\n';
  for (let j = 1; j < jobs; j++) s += `  j${j}: *J\n`;
  return s;
}
const PLAIN =
  'on: push\npermissions: {}\njobs:\n  j0:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

describe('a workflow or a local action whose aliases expand past the limit is not judged', () => {
  const bomb = workflowBomb(120, 120, 80); // 120 x 120 x 83 nodes: past the limit

  it('the check: invalid-workflow at the file, naming the limit (an error: the check fails)', () => {
    const model = wf('ci.yml', bomb);
    expect(model.jobs).toEqual([]);
    expect(model.error?.message).toContain(MAX_EXPANDED_NODES.toLocaleString('en-US'));
    expect(model.error?.message).toContain('alias');
    expect(model.error!.line).toBeGreaterThan(3);
  });

  it('the diff: a cannot-judge row, which fails the gate', () => {
    const changes = diffSnapshots(snapshot([wf('ci.yml', PLAIN)]), snapshot([wf('ci.yml', bomb)]));
    expect(changes.map((c) => c.effect)).toContain('cannot-judge');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a local composite action: not read, saying why', () => {
    let text =
      'name: x\nruns:\n  using: composite\n  steps:\n    - &T\n      uses: actions/checkout@v4\n      with:\n';
    for (let i = 0; i < 1000; i++) text += `        i${i}: x\n`;
    for (let i = 1; i < 1000; i++) text += '    - *T\n';
    const r = readComposite(text);
    expect(r.uses).toEqual([]);
    expect(r.problem).toContain(MAX_EXPANDED_NODES.toLocaleString('en-US'));
  });

  it('the same workflow within the limit is read, every aliased job and step', () => {
    const model = wf('ci.yml', workflowBomb(20, 20, 5));
    expect(model.error).toBeUndefined();
    expect(model.jobs).toHaveLength(20);
    expect(model.jobs.every((j) => j.steps.length === 20)).toBe(true);
  });
});

describe('aliases within the limit read as the same document written out', () => {
  it('an anchored job entry reused by many jobs equals the expanded manifest', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.subarray(['A', 'B', 'C', 'D']),
        fc.constantFrom('{}', '{ contents: read }', 'read-all'),
        (jobs, secrets, permissions) => {
          const body = `permissions: ${permissions}\n        secrets: [${secrets.join(', ')}]`;
          let aliased = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      j0: &J\n        ${body}\n`;
          let written = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      j0:\n        ${body}\n`;
          for (let j = 1; j < jobs; j++) {
            aliased += `      j${j}: *J\n`;
            written += `      j${j}:\n        ${body}\n`;
          }
          expect(loadManifest(aliased, 'm.yml').manifest).toEqual(loadManifest(written, 'm.yml').manifest);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a document at the limit is read; one job more is refused', () => {
    const list = (k: number) => `[${Array.from({ length: k }, (_, i) => `S${i}`).join(', ')}]`;
    const doc = (jobs: number, k: number) => {
      let s = `version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      j0:\n        secrets: &L ${list(k)}\n`;
      for (let j = 1; j < jobs; j++) s += `      j${j}:\n        secrets: *L\n`;
      return s;
    };
    // Nodes (keys are not counted): the root, `version`'s value, `workflows`, `ci.yml`, `jobs`, then
    // per job its mapping and a list of k scalars: 5 + jobs * (2 + k).
    const k = MAX_EXPANDED_NODES / 1000 - 2;
    const jobs = (MAX_EXPANDED_NODES - 5) / (2 + k);
    const at = Math.floor(jobs);
    expect(5 + at * (2 + k)).toBeLessThanOrEqual(MAX_EXPANDED_NODES);
    expect(5 + (at + 1) * (2 + k)).toBeGreaterThan(MAX_EXPANDED_NODES);
    expect(() => loadManifest(doc(at, k), 'm.yml')).not.toThrow();
    expect(refusal(() => loadManifest(doc(at + 1, k), 'm.yml')).problems[0]!.message).toContain('alias');
  });
});
