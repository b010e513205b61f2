/**
 * Session 12: GitHub shows a job name over 100 characters as its first 97 and `...`, and the broker
 * (session 11) refuses a shown name that looks cut with ERR_JOB_IDENTITY_AMBIGUOUS: the text after the
 * cut is unknown. A job with credential grants whose name is always that long passed the check, and
 * every exchange of its steps was then refused at run time. The broker's own judgement is the oracle.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { directOwnJob, NAME_CUT, type WorkflowJobs } from '../../shared/broker/job-identity.js';
import { findingsOf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const nameLine = (name: string | undefined) =>
  name === undefined ? '' : `    name: ${JSON.stringify(name)}\n`;
const workflow = (publishName?: string, buildName?: string) =>
  `on: push\njobs:\n  build:\n${nameLine(buildName)}    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - run: npm ci && npm test\n  publish:\n${nameLine(publishName)}    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: release\n        uses: ${RUN}\n        with: { audience: github, scope: "contents:write", run: make release }\n`;
const MANIFEST = `version: 1
repository: { name: acme/app, id: 1, owner-id: 2 }
workflows:
  release.yml:
    jobs:
      build:
        permissions: { contents: read }
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
`;
const findings = (text: string) =>
  findingsOf('job-name-collision', { 'release.yml': text }, MANIFEST).filter((f) => /cut/.test(f.message));

/** GitHub's cut of a job name, as the Jobs API answers it. */
const shownByGithub = (name: string) => (name.length > NAME_CUT ? `${name.slice(0, NAME_CUT - 3)}...` : name);

/** The broker's answer for job `publish` named `name` (undefined: verified). */
function broker(name: string): string | undefined {
  const file: WorkflowJobs = {
    where: '.github/workflows/release.yml@abc',
    jobs: new Map([
      ['build', { line: 3 }],
      ['publish', { name, line: 8 }],
    ]),
  };
  try {
    directOwnJob(
      shownByGithub(name),
      'publish',
      file,
      (code, what) => new BrokerRefusal('invalid_grant', code, what),
    );
    return undefined;
  } catch (err) {
    return (err as BrokerRefusal).code;
  }
}

describe('a job with grants whose name GitHub cuts', () => {
  it.each([
    ['a literal name of 101 characters', 'P'.repeat(101)],
    ['a literal name of 150 characters', `Publish the release ${'x'.repeat(130)}`],
    ['a name of 98 characters ending in ...', `${'W'.repeat(95)}...`],
    ['expressions around a literal part over 100', `${'R'.repeat(101)} \${{ inputs.v }}`],
  ])('%s: the broker refuses it, and the check reports it with the line and the fix', (_n, name) => {
    if (!name.includes('${{')) expect(broker(name)).toBe('ERR_JOB_IDENTITY_AMBIGUOUS');
    const f = findings(workflow(name));
    expect(f).toHaveLength(1);
    expect(f[0]!).toMatchObject({ rule: 'job-name-collision', job: 'publish', line: 8 });
    expect(f[0]!.message).toMatch(/ERR_JOB_IDENTITY_AMBIGUOUS/);
    expect(f[0]!.message).toMatch(/at most 100 characters/);
  });

  it('a name of exactly 100 characters, or short with expressions, is not cut: the broker verifies it, no finding', () => {
    for (const name of ['P'.repeat(100), `${'P'.repeat(96)}..x`, 'Publish ${{ inputs.v }}'])
      expect(findings(workflow(name))).toEqual([]);
    expect(broker('P'.repeat(100))).toBeUndefined();
  });

  it('property: for literal names the check reports exactly what the broker refuses as cut', () => {
    fc.assert(
      fc.property(
        // Lengths around the cut, ending in up to four dots.
        fc
          .tuple(fc.integer({ min: 1, max: 130 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom('a', 'b.'))
          .map(
            ([n, dots, fill]) =>
              fill.repeat(n).slice(0, Math.max(0, n - dots)) + '.'.repeat(Math.min(dots, n)),
          ),
        (name) => {
          const refused = broker(name) === 'ERR_JOB_IDENTITY_AMBIGUOUS';
          expect(findings(workflow(name)).length).toBe(refused ? 1 : 0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a long name of a job without grants is not reported (it has no exchange to refuse)', () => {
    expect(findings(workflow('Publish', 'B'.repeat(140)))).toEqual([]);
  });

  it('the job id counts when there is no name: an id GitHub takes (under 100) is never cut, a longer one is invalid-workflow', () => {
    // Before session 25 a 101-character id was judged as a cut name. GitHub refuses such an id
    // (IdBuilder.tryAddKnownId: fewer than 100 characters), so the file never runs and the check
    // says so at the id's line; the longest id GitHub takes (99) is shown whole, never cut.
    const long = workflow().replace(/\bpublish:/, `${'p'.repeat(101)}:`);
    expect(findingsOf('job-name-collision', { 'release.yml': long }, MANIFEST)).toEqual([]);
    const invalid = findingsOf('invalid-workflow', { 'release.yml': long }, MANIFEST);
    expect(invalid.map((f) => f.line)).toEqual([8]);
    expect(invalid[0]!.message).toContain('it is 101 characters');
    const id99 = 'p'.repeat(99);
    const longest = workflow().replace(/\bpublish:/, `${id99}:`);
    const manifest = MANIFEST.replace(/\bpublish:/, `${id99}:`);
    expect(findingsOf('job-name-collision', { 'release.yml': longest }, manifest)).toEqual([]);
    expect(findingsOf('invalid-workflow', { 'release.yml': longest }, manifest)).toEqual([]);
  });
});
