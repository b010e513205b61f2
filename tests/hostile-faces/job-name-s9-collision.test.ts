/**
 * Session 9: the broker verifies a job of the workflow a run started by its name as the Jobs API shows
 * it (shared/broker/job-identity.ts `jobNameMatches`, direct): the shown name must be the requested
 * job's id, or fit its `name:`. So a job `build` with `name: publish` (or a `name:` made only of
 * expressions, evaluated to `publish`) is verified as job `publish` and its steps can claim
 * `publish`'s credential grants. The check passed such a workflow and the diff said "No access
 * changes" for the `name:` that made it so. The broker's own matcher is the oracle here.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { calledOwnName, jobNameMatches } from '../../shared/broker/job-identity.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { patternsMeet, shownAsJobs } from '../../shared/workflow/job-names.js';
import { findingsOf, wf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const nameLine = (name: string | undefined) =>
  name === undefined ? '' : `    name: ${JSON.stringify(name)}\n`;
const workflow = (buildName?: string, publishName?: string, on = 'push') =>
  `on: ${on}\njobs:\n  build:\n${nameLine(buildName)}    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - run: npm ci && npm test\n  publish:\n${nameLine(publishName)}    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: release\n        uses: ${RUN}\n        with: { audience: github, scope: "contents:write", run: make release }\n`;
const MANIFEST = `version: 1
repository: { name: acme/app, id: 1, owner-id: 2 }
workflows:
  release.yml:
    jobs:
      build:
        permissions: { contents: read, id-token: write }
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
`;
const check = (text: string) =>
  findingsOf('job-name-collision', { 'release.yml': text }, MANIFEST).map((f) => `${f.job}->${f.subject}`);
const widened = (base: string, head: string) =>
  diffSnapshots(snapshot([wf('release.yml', base)]), snapshot([wf('release.yml', head)])).filter(
    (c) => c.effect === 'widened',
  );

describe("a job shown as another job's name claims its grants", () => {
  it.each([
    ['named after the other job', 'publish', undefined],
    ['named only by an expression', '${{ inputs.label }}', undefined],
    ['named by a matrix value', '${{ matrix.target }}', undefined],
    ["its id fits the other job's name", undefined, '${{ matrix.env }}ld'],
    ["its name fits the other job's name", 'Release ${{ inputs.v }}', 'Release ${{ github.ref_name }}'],
  ])('%s: the check reports it and the diff shows it widened', (_n, buildName, publishName) => {
    const text = workflow(buildName, publishName);
    expect(check(text)).toEqual(['build->publish']);
    const rows = widened(workflow(undefined, publishName === undefined ? undefined : 'Publish'), text);
    expect(rows.map((c) => c.subject)).toContain("shown as job 'publish'");
    expect(failsOnWidened(rows)).toBe(true);
  });

  it('names that cannot be the other job pass and change nothing', () => {
    for (const [b, p] of [
      ['Build ${{ matrix.os }}', undefined],
      ['Build', 'Publish'],
      [undefined, 'Release ${{ inputs.v }}'],
      ['publisher', undefined],
    ] as const) {
      expect(check(workflow(b, p))).toEqual([]);
      expect(widened(workflow(undefined, p), workflow(b, p))).toEqual([]);
    }
  });

  it('a file that is only called is reported too (the broker refuses both jobs as ambiguous, or, unable to read the file, verifies the tail)', () => {
    expect(check(workflow('publish', undefined, 'workflow_call'))).toEqual(['build->publish']);
  });

  it('the broker verifies the impersonation these tests assume', () => {
    expect(jobNameMatches('publish', 'publish', undefined, true)).toBe(true);
    expect(jobNameMatches('build', 'publish', '${{ matrix.env }}ld', true)).toBe(true);
    // A called file: the other job's own request is refused as ambiguous.
    const callee = {
      where: 'release.yml@0',
      jobs: new Map([
        ['build', { name: 'publish', line: 3 }],
        ['publish', { line: 9 }],
      ]),
    };
    const refuse = (code: string, what: string) => new BrokerRefusal('invalid_grant', code, what);
    expect(() => calledOwnName('deploy / publish', 'publish', callee, refuse)).toThrow(
      expect.objectContaining({ code: 'ERR_JOB_IDENTITY_AMBIGUOUS' }) as unknown as Error,
    );
  });

  it('property: every shown name the broker verifies as the other job is found by the faces', () => {
    const piece = fc.constantFrom(
      'pub',
      'lish',
      'publish',
      'build',
      '/',
      ' ',
      '(',
      ')',
      'x',
      '-',
      'Release ',
      '',
    );
    const tmpl = fc
      .array(fc.oneof(piece, fc.constant('${{ e }}')), { maxLength: 5 })
      .map((parts) => parts.join(''));
    const ident = fc.constantFrom('build', 'publish', 'pub', 'lish', 'x-1');
    fc.assert(
      fc.property(
        ident,
        ident,
        fc.option(tmpl, { nil: undefined }),
        fc.option(tmpl, { nil: undefined }),
        fc.array(piece, { minLength: 5, maxLength: 5 }),
        fc.option(piece, { nil: undefined }),
        (kId, jId, kName, jName, values, matrix) => {
          fc.pre(kId !== jId);
          const text = `on: push\njobs:\n  ${kId}:\n${nameLine(kName)}    runs-on: x\n    steps: [{ run: a }]\n  ${jId}:\n${nameLine(jName)}    runs-on: x\n    steps: [{ run: b }]\n`;
          const model = wf('release.yml', text);
          fc.pre(!model.error);
          const k = model.jobs.find((j) => j.id === kId)!;
          const jm = model.jobs.find((j) => j.id === jId)!;
          // One evaluation of k's shown name: each expression becomes a value, a matrix adds ` (…)`.
          let i = 0;
          const own =
            k.name !== undefined && k.name !== ''
              ? k.name.replace(/\$\{\{[\s\S]*?\}\}/g, () => values[i++ % 5]!)
              : k.id;
          const shown = matrix === undefined ? own : `${own} (${matrix})`;
          if (jobNameMatches(shown, jm.id, jm.name, true)) expect(shownAsJobs(model, k)).toContain(jId);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('patternsMeet: wildcards meet literals, not across a forbidden character', () => {
    const any = { star: 'any' as const };
    const noslash = { star: 'noslash' as const };
    expect(patternsMeet(['a', any, 'c'], [...'abbc'])).toBe(true);
    expect(patternsMeet([...'a/c'], ['a', noslash, 'c'])).toBe(false);
    expect(patternsMeet([...'ab'], [noslash, '/'])).toBe(false);
    expect(patternsMeet([any, '/'], [noslash, '/'])).toBe(true);
  });
});
