/**
 * Session 19, found by the differential property with every run enumerated (refs, ref_protected,
 * environments): a reusable workflow runs with its caller's event and ref, and unreachable-condition
 * skipped every `workflow_call` workflow. A callee whose only caller runs on `issue_comment`, with a
 * grant without `when.event`, is refused on every run (ERR_CONDITION_EVENT: events from outside the
 * repository need a `when.event`), and the check passed it. The callee's grants are now judged
 * against the triggers (and push filters) of the workflows that call it; unreachable only when
 * unreachable from every caller.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const caller = (file: string, on: string) => y`
  on: ${on}
  jobs:
    build:
      permissions: { contents: read, id-token: write }
      uses: ./.github/workflows/release.yml
`;
const callee = (extra = '') => y`
  on:
    workflow_call:
    ${extra}
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github }
`;
const manifest = (when = '', callers = 'ci.yml') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    ci.yml:
      triggers: [push, issue_comment, pull_request]
      jobs: { build: { permissions: { contents: read, id-token: write } } }
    nightly.yml:
      triggers: [push, issue_comment, pull_request]
      jobs: { build: { permissions: { contents: read, id-token: write } } }
    release.yml:
      callers: [${callers}]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: publish, audience: github, permissions: { contents: read }${when} }
`;
const found = (wfs: Record<string, string>, m: string) =>
  findingsOf('unreachable-condition', wfs, m).map((f) => `${f.workflow} ${f.subject}: ${f.message}`);

describe('unreachable-condition judges a callee by its callers (session 19)', () => {
  it('a caller on issue_comment only, no when.event: reported, naming the caller', () => {
    const f = found({ 'ci.yml': caller('ci.yml', 'issue_comment'), 'release.yml': callee() }, manifest());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/^release\.yml event: .*no when\.event.*called from ci\.yml.*issue_comment/);
  });

  it('when.event naming none of the caller triggers: reported', () => {
    const f = found(
      { 'ci.yml': caller('ci.yml', 'push'), 'release.yml': callee() },
      manifest(', when: { event: [workflow_dispatch] }'),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/requires event workflow_dispatch/);
  });

  it('a caller on pull_request only: the default branch is never its ref, reported', () => {
    const f = found({ 'ci.yml': caller('ci.yml', 'pull_request'), 'release.yml': callee() }, manifest());
    expect(f).toHaveLength(1);
    expect(f[0]).toMatch(/refs\/pull\/N\/merge/);
  });

  it('a caller on push with tags only and when.ref on branches: reported', () => {
    const f = found(
      { 'ci.yml': caller('ci.yml', '{ push: { tags: ["v*"] } }'), 'release.yml': callee() },
      manifest(', when: { ref: [refs/heads/main] }'),
    );
    expect(f).toHaveLength(1);
  });

  it('reachable from one caller of two: quiet', () => {
    expect(
      found(
        {
          'ci.yml': caller('ci.yml', 'issue_comment'),
          'nightly.yml': caller('nightly.yml', 'push'),
          'release.yml': callee(),
        },
        manifest('', 'ci.yml, nightly.yml'),
      ),
    ).toEqual([]);
  });

  it('a callee also run directly on push: reachable, quiet', () => {
    expect(
      found({ 'ci.yml': caller('ci.yml', 'issue_comment'), 'release.yml': callee('push:') }, manifest()),
    ).toEqual([]);
  });

  it('a callee nobody calls: nothing to judge, quiet (unused-grant and friends say the rest)', () => {
    expect(found({ 'release.yml': callee() }, manifest())).toEqual([]);
  });

  it('the outermost caller counts: a middle workflow_call file is passed through', () => {
    const middle = y`
      on: workflow_call
      jobs:
        hop:
          uses: ./.github/workflows/release.yml
    `;
    const f = found(
      {
        'ci.yml': y`
          on: issue_comment
          jobs:
            build:
              permissions: { contents: read, id-token: write }
              uses: ./.github/workflows/middle.yml
        `,
        'middle.yml': middle,
        'release.yml': callee(),
      },
      manifest(),
    );
    expect(f).toHaveLength(1);
  });
});
