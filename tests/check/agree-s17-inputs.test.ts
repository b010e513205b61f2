/**
 * Session 17: the check reads a credential step's inputs as the action does (`@actions/core`'s
 * `getInput`: trimmed, `audience` required; the step name through the action's own `stepName`), and
 * the default that refuses events from outside the repository is held against the triggers.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (withs: string, id = 'publish', on = 'push') => y`
  on: ${on}
  jobs:
    release:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: ${id}
          uses: ${RUN}
          with: { broker-url: "https://b.example", ${withs} }
`;

const manifest = (step = 'publish', when = '', triggers = '') => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    release.yml:
      ${triggers}jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: ${step}, audience: github, permissions: { contents: read }, repositories: [self]${when} }
`;

const messages = (rule: string, wf: string, m: string) =>
  findingsOf(rule, { 'release.yml': wf }, m).map((f) => f.message);

describe('credential-step reads inputs as the action does (session 17)', () => {
  it('no audience input: the action stops before any exchange (`audience` is required)', () => {
    expect(messages('credential-step', workflow('scope: "contents:read"'), manifest())).toEqual([
      expect.stringContaining('audience'),
    ]);
    expect(messages('credential-step', workflow('audience: "", scope: "contents:read"'), manifest())).toEqual(
      [expect.stringContaining('audience')],
    );
  });

  it('an audience with surrounding spaces is the audience the action sends (trimmed): granted, not reported', () => {
    expect(
      messages('credential-step', workflow('audience: " github ", scope: "contents:read"'), manifest()),
    ).toEqual([]);
    expect(
      messages('credential-step', workflow('audience: " github ", scope: "contents:write"'), manifest()),
    ).toEqual([expect.stringContaining('ERR_SCOPE_NOT_GRANTED')]);
  });

  it('a step name the action refuses (`run`, a generated `__…` name) is reported even when the manifest grants it', () => {
    expect(messages('credential-step', workflow('audience: github', 'run'), manifest('run'))).toEqual([
      expect.stringContaining("'step' input"),
    ]);
    expect(
      messages(
        'credential-step',
        workflow('audience: github, step: __octo_action', 'publish'),
        manifest('__octo_action'),
      ),
    ).toEqual([expect.stringContaining("'step' input")]);
  });
});

describe('unreachable-condition holds the outside-event default (session 17)', () => {
  it('a workflow only on events from outside the repository, no when.event: never claimable', () => {
    const triggers = 'triggers: [push, pull_request_target, issue_comment, workflow_run]\n      ';
    for (const on of ['pull_request_target', 'issue_comment', '[issue_comment, workflow_run]'])
      expect([
        on,
        messages(
          'unreachable-condition',
          workflow('audience: github', 'publish', on),
          manifest('publish', '', triggers),
        ),
      ]).toEqual([on, [expect.stringContaining('when.event')]]);
  });

  it('named by when.event, or beside an event of the repository: no finding', () => {
    const triggers = 'triggers: [push, pull_request_target]\n      ';
    expect(
      messages(
        'unreachable-condition',
        workflow('audience: github', 'publish', 'pull_request_target'),
        manifest('publish', ', when: { event: [pull_request_target] }', triggers),
      ),
    ).toEqual([]);
    expect(
      messages(
        'unreachable-condition',
        workflow('audience: github', 'publish', '[push, pull_request_target]'),
        manifest('publish', '', triggers),
      ),
    ).toEqual([]);
  });
});
