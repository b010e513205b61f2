/**
 * Session 7 trust review, the pure rules: which refs a run can be at (git's ref-name rules, the kind
 * `ref_type` says, the ref `workflow_ref` runs at), the default for events triggered from outside the
 * repository, glob patterns that must not over-match, and repositories that only look like the
 * repository itself.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateConditions, type ConditionInput } from '../../shared/conditions/evaluate.js';
import { globMatch } from '../../shared/conditions/glob.js';
import { reachProblems } from '../../shared/conditions/reach.js';
import { malformedRef, OUTSIDE_EVENTS, refProblem } from '../../shared/conditions/ref.js';
import { parseWorkflowRef } from '../../shared/conditions/callers.js';
import { loadManifest } from '../../shared/manifest/load.js';

const m = loadManifest(
  `version: 1
workflows:
  release.yml:
    jobs:
      ship:
        credentials:
          - { step: plain, audience: github, permissions: { contents: read } }
          - { step: tags, audience: github, permissions: { contents: read }, when: { ref: ['refs/tags/v*'] } }
          - { step: prt, audience: github, permissions: { contents: read }, when: { event: [pull_request_target] } }
`,
  'access-manifest.yml',
);
const job = m.manifest.workflows['release.yml']!.jobs.ship!;

function input(claims: Record<string, unknown>, grant = 0): ConditionInput {
  const jobPath = ['workflows', 'release.yml', 'jobs', 'ship'];
  return {
    claims,
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: jobPath },
    grant: {
      path: [...jobPath, 'credentials', grant],
      ...(job.credentials[grant]!.when ? { when: job.credentials[grant]!.when } : {}),
    },
  };
}
const wf = (ref: string) => `octo-org/octo-repo/.github/workflows/release.yml@${ref}`;
const run = (ref: string, over: Record<string, unknown> = {}) => ({
  ref,
  ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
  event_name: 'push',
  workflow_ref: wf(ref),
  ...over,
});

describe('git ref names', () => {
  it.each([
    'refs/heads/main',
    'refs/heads/release/1.2',
    'refs/tags/v1.0.0',
    'refs/pull/12/merge',
    'refs/heads/gh-readonly-queue/main/pr-1-abc',
    'refs/heads/fix-\u00e9t\u00e9',
  ])('%s is well formed', (ref) => {
    expect(malformedRef(ref)).toBeUndefined();
  });

  it.each([
    'main',
    'refs/heads/main/',
    'refs/heads//main',
    'refs/heads/a..b',
    'refs/heads/.hidden',
    'refs/heads/x.lock',
    'refs/heads/x.',
    'refs/heads/a@{1}',
    'refs/heads/a b',
    'refs/heads/a\u0000',
    'refs/heads/a\u007f',
    'refs/heads/a~1',
    'refs/heads/a^',
    'refs/heads/a:b',
    'refs/heads/a?',
    'refs/heads/a*',
    'refs/heads/a[b',
    'refs/heads/a\\b',
  ])('%j is refused', (ref) => {
    expect(malformedRef(ref)).toBeDefined();
  });

  it('ref_type and workflow_ref must agree with ref', () => {
    const at = (r: string) => parseWorkflowRef(wf(r));
    expect(refProblem('refs/heads/main', 'branch', at('refs/heads/main'))).toBeUndefined();
    expect(refProblem('refs/heads/main', undefined, undefined)).toBeUndefined();
    expect(refProblem('refs/heads/main', 'tag', at('refs/heads/main'))).toMatch(/ref_type/);
    expect(refProblem('refs/tags/v1', 'branch', at('refs/tags/v1'))).toMatch(/ref_type/);
    expect(refProblem('refs/heads/main', 'branch', at('refs/heads/evil'))).toMatch(
      /workflow_ref runs release\.yml at refs\/heads\/evil/,
    );
  });

  it('a consistent default-branch run is granted; the same claims naming another workflow ref are refused with the reason', () => {
    expect(evaluateConditions(input(run('refs/heads/main'))).refusal).toBeUndefined();
    const r = evaluateConditions(input(run('refs/heads/main', { workflow_ref: wf('refs/heads/evil') })));
    expect(r.refusal?.code).toBe('ERR_CONDITION_REF');
    expect(r.refusal?.message).toMatch(/workflow_ref runs release\.yml at refs\/heads\/evil/);
    // The verdict list keeps its shape: one ref verdict, no extra entry.
    expect(r.verdicts.map((v) => [v.condition, v.origin])).toEqual([['ref', 'default']]);
  });

  it('a branch name with a line separator, a bidi override or a C1 control is reported escaped', () => {
    for (const [ch, esc] of [
      ['\u2028', '\\u2028'],
      ['\u202e', '\\u202e'],
      ['\u009b', '\\u009b'],
    ]) {
      const r = evaluateConditions(input(run(`refs/heads/x${ch}y`)));
      expect(r.refusal?.code).toBe('ERR_CONDITION_REF');
      expect(r.refusal?.message).toContain(`x${esc}y`);
      expect(r.refusal?.message).not.toContain(ch);
    }
  });

  it('a NUL ref is reported escaped, never raw', () => {
    const r = evaluateConditions(
      input(run('refs/heads/main\u0000', { workflow_ref: wf('refs/heads/main') })),
    );
    expect(r.refusal?.message).toContain('\\x00');
    expect(r.refusal?.message).not.toContain('\u0000');
  });
});

describe('property: the default ref grants the default branch and nothing else', () => {
  it('any ref built from ref-ish pieces is granted only when it is exactly refs/heads/main', () => {
    const piece = fc.constantFrom(
      'refs',
      'heads',
      'tags',
      'pull',
      'main',
      'MAIN',
      'ma\u0456n',
      '',
      '.',
      '..',
      '*',
      'main.lock',
      'main ',
      '%6d',
      '@{1}',
      '\u0000',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.boolean(), (parts, consistent) => {
        const ref = parts.join('/');
        const claims = run(ref, consistent ? {} : { workflow_ref: wf('refs/heads/main') });
        const granted = evaluateConditions(input(claims)).refusal === undefined;
        expect(granted).toBe(ref === 'refs/heads/main');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('events triggered from outside the repository', () => {
  it.each(OUTSIDE_EVENTS.map((e) => [e]))('%s needs a when.event naming it', (event_name) => {
    const r = evaluateConditions(input(run('refs/heads/main', { event_name })));
    expect(r.refusal?.code).toBe('ERR_CONDITION_EVENT');
    expect(r.refusal?.origin).toBe('default');
  });

  it('named by the grant, pull_request_target is granted; push is not then', () => {
    expect(
      evaluateConditions(input(run('refs/heads/main', { event_name: 'pull_request_target' }), 2)).refusal,
    ).toBeUndefined();
    expect(evaluateConditions(input(run('refs/heads/main'), 2)).refusal?.code).toBe('ERR_CONDITION_EVENT');
  });

  it('every other event adds no verdict', () => {
    for (const event_name of ['push', 'workflow_dispatch', 'schedule', 'merge_group', 'release'])
      expect(evaluateConditions(input(run('refs/heads/main', { event_name }))).verdicts).toHaveLength(1);
  });
});

describe('globs never over-match', () => {
  it.each([
    ['refs/heads/*', 'refs/heads/a/b'],
    ['refs/heads/release-*', 'refs/heads/release-1/evil'],
    ['refs/tags/v[0-9]*', 'refs/tags/v1/evil'],
    ['refs/tags/v*', 'refs/heads/v1'],
    ['refs/heads/*', 'refs/heads/'],
    ['refs/heads/*', 'refs/heads/..'],
    ['refs/heads/main', 'refs/heads/main-evil'],
    ['refs/heads/{main,dev}', 'refs/heads/main'],
    ['refs/heads/!(x)', 'refs/heads/y'],
    ['refs/heads/**', 'refs/heads/a/b'],
    ['refs/heads/[!a]', 'refs/heads//'],
    ['production', 'Production\u200b'],
  ])('%s does not match %j', (pattern, value) => {
    expect(globMatch(pattern, value)).toBe(false);
  });

  it('property: a pattern without glob characters matches only itself (ASCII case aside)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9./-]{1,20}$/),
        fc.stringMatching(/^[a-zA-Z0-9./\u212a-]{1,20}$/),
        (p, v) => {
          if (globMatch(p, v, { nocase: true }))
            expect(v.toLowerCase() === p && !v.includes('\u212a')).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('repositories that only look like this one', () => {
  it('a Kelvin-sign K is another repository: it needs the organization consent', () => {
    const problems = reachProblems({
      repository: 'octo-org/kube',
      repositories: ['\u212Aube'],
      permissions: { contents: 'read' },
      org: undefined,
    });
    expect(problems.map((p) => p.code)).toEqual(['ERR_CROSS_REPOSITORY_NOT_ALLOWED']);
    expect(
      reachProblems({
        repository: 'octo-org/kube',
        repositories: ['KUBE', 'self'],
        permissions: {},
        org: undefined,
      }),
    ).toEqual([]);
  });
});
