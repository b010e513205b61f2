import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { classify } from '../../shared/audit/classify.js';
import { actorFromLogin, auditEventSchema } from '../../shared/audit/event.js';
import {
  accessChangeEvents,
  actorOf,
  approvalEvents,
  isAccessRulePath,
  payloadMismatch,
  runStartedEvent,
} from '../../shared/audit/run-events.js';
import { runContext } from '../../shared/audit/trail.js';

const T = '2026-03-01T10:00:00.000Z';
const env = (over: Record<string, string> = {}) =>
  runContext({
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/release.yml@refs/heads/main',
    GITHUB_JOB: 'publish',
    GITHUB_RUN_ID: '55',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_ACTOR: 'octocat',
    GITHUB_TRIGGERING_ACTOR: 'octocat',
    ...over,
  });

describe('run.started from the runner and the event payload', () => {
  it('a dispatch by hand carries its inputs and is administrator activity', () => {
    const e = runStartedEvent(
      env({ GITHUB_EVENT_NAME: 'workflow_dispatch' }),
      { inputs: { target: 'prod', dry: true }, sender: { login: 'octocat', type: 'User', id: 1 } },
      T,
    );
    expect(e.details).toEqual({ inputs: { target: 'prod', dry: true } });
    expect(classify(e)).toMatchObject({ class: 'administrator', rule: 'dispatch-by-person' });
  });

  it("takes the actor's type from the payload's sender: an app without a [bot] login is a bot", () => {
    const e = runStartedEvent(
      env({
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_ACTOR: 'release-app',
        GITHUB_TRIGGERING_ACTOR: 'release-app',
      }),
      { inputs: {}, sender: { login: 'release-app', type: 'Bot' } },
      T,
    );
    expect(e.actor?.type).toBe('Bot');
    expect(classify(e)).toMatchObject({ class: 'workload', rule: 'dispatch-by-bot' });
  });

  it('a re-run by a person is marked and classified as administrator, whoever started the first attempt', () => {
    const e = runStartedEvent(
      env({ GITHUB_RUN_ATTEMPT: '2', GITHUB_ACTOR: 'dependabot[bot]', GITHUB_TRIGGERING_ACTOR: 'mona' }),
      { sender: { login: 'dependabot[bot]', type: 'Bot' } },
      T,
    );
    expect(e.details).toMatchObject({ rerun: true });
    expect(e.actor).toMatchObject({ login: 'dependabot[bot]', type: 'Bot' });
    expect(classify(e)).toMatchObject({ class: 'administrator', rule: 're-run-by-person' });
  });

  it('records the schedule, the pull request and the upstream workflow', () => {
    expect(
      runStartedEvent(env({ GITHUB_EVENT_NAME: 'schedule' }), { schedule: '0 3 * * *' }, T).details,
    ).toEqual({ schedule: '0 3 * * *' });
    const pr = runStartedEvent(
      env({ GITHUB_EVENT_NAME: 'pull_request' }),
      { number: 12, action: 'opened', pull_request: { head: { ref: 'feat/x', repo: { fork: true } } } },
      T,
    );
    expect(pr.details).toEqual({ pull_request: 12, action: 'opened', head_ref: 'feat/x', fork: true });
    const wr = runStartedEvent(
      env({ GITHUB_EVENT_NAME: 'workflow_run' }),
      { workflow_run: { name: 'CI', conclusion: 'success' } },
      T,
    );
    expect(classify(wr).initiator).toBe('machine');
  });

  it('bounds what a payload can put in the trail (inputs are user-controlled)', () => {
    const inputs = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, 'v'.repeat(5000)]));
    const e = runStartedEvent(env({ GITHUB_EVENT_NAME: 'workflow_dispatch' }), { inputs }, T);
    const kept = e.details!.inputs as Record<string, string>;
    expect(Object.keys(kept)).toHaveLength(50);
    expect(kept.k0!.length).toBeLessThanOrEqual(501);
  });

  it('never throws on any payload (property)', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom(
          'push',
          'workflow_dispatch',
          'schedule',
          'pull_request',
          'workflow_run',
          'repository_dispatch',
          'x',
        ),
        (payload, name) => {
          const e = runStartedEvent(env({ GITHUB_EVENT_NAME: name }), payload, T);
          expect(auditEventSchema.safeParse(e).success).toBe(true);
          expect(
            accessChangeEvents(env(), name, payload, '.github/access-manifest.yml', T).every(
              (x) => auditEventSchema.safeParse(x).success,
            ),
          ).toBe(true);
          expect(Array.isArray(approvalEvents(env(), payload, T))).toBe(true);
        },
      ),
    );
  });
});

describe('access-rule changes in pushed commits', () => {
  const push = (files: { added?: string[]; modified?: string[]; removed?: string[] }[]) => ({
    commits: files.map((f, i) => ({
      id: `c${i}`.padEnd(40, '0'),
      added: [],
      modified: [],
      removed: [],
      ...f,
    })),
    pusher: { name: 'octocat' },
    sender: { login: 'octocat', type: 'User' },
  });

  it('one admin.change naming the workflow and manifest files and the commits that touched them', () => {
    const [e, more] = accessChangeEvents(
      env(),
      'push',
      push([
        { modified: ['.github/workflows/release.yml', 'src/a.ts'] },
        { added: ['README.md'] },
        { removed: ['.github/access-manifest.yml'] },
      ]),
      '.github/access-manifest.yml',
      T,
    );
    expect(more).toBeUndefined();
    expect(e!.details).toMatchObject({
      files: ['.github/workflows/release.yml', '.github/access-manifest.yml'],
      commits: ['c0'.padEnd(40, '0'), 'c2'.padEnd(40, '0')],
    });
    expect(classify(e!)).toMatchObject({ class: 'administrator', initiator: 'human-direct' });
  });

  it('a bot that changes a workflow (pin bumps) stays administrator activity, tagged machine', () => {
    const p = {
      ...push([{ modified: ['.github/workflows/ci.yaml'] }]),
      sender: { login: 'renovate[bot]', type: 'Bot' },
    };
    // The run's actor is the bot that pushed (GITHUB_ACTOR, and the token's `actor`): since session 33
    // the change is the run's actor's, the payload's `sender` only typing it.
    const [e] = accessChangeEvents(
      env({ GITHUB_ACTOR: 'renovate[bot]' }),
      'push',
      p,
      '.github/access-manifest.yml',
      T,
    );
    expect(classify(e!)).toMatchObject({ class: 'administrator', initiator: 'machine' });
  });

  it('nothing for other files, other events, nested folders or look-alike names', () => {
    expect(
      accessChangeEvents(
        env(),
        'push',
        push([
          {
            modified: [
              'src/.github/workflows/x.yml',
              '.github/workflows/sub/x.yml',
              '.github/workflows/x.yml.bak',
            ],
          },
        ]),
        '.github/access-manifest.yml',
        T,
      ),
    ).toEqual([]);
    expect(
      accessChangeEvents(
        env(),
        'pull_request',
        push([{ modified: ['.github/workflows/x.yml'] }]),
        '.github/access-manifest.yml',
        T,
      ),
    ).toEqual([]);
    expect(isAccessRulePath('.github/workflows/a.yml', 'm.yml')).toBe(true);
    expect(isAccessRulePath('m.yml', 'm.yml')).toBe(true);
  });
});

describe('environment approvals (Actions API: run approvals)', () => {
  it('one run.approval per review: a person is administrator, an app (custom protection rule) is workload', () => {
    const [a, b] = approvalEvents(
      env(),
      [
        {
          state: 'approved',
          comment: 'Ship it',
          user: { login: 'lead', type: 'User' },
          environments: [{ name: 'production' }],
        },
        {
          state: 'rejected',
          comment: '',
          user: { login: 'gate-app[bot]', type: 'Bot' },
          environments: [{ name: 'production' }],
        },
      ],
      T,
    );
    expect(a).toMatchObject({
      type: 'run.approval',
      outcome: 'success',
      actor: { login: 'lead' },
      details: { state: 'approved', environments: ['production'], comment: 'Ship it' },
    });
    expect(classify(a!).class).toBe('administrator');
    expect(b!.outcome).toBe('denied');
    expect(classify(b!)).toMatchObject({ class: 'workload', rule: 'approval-by-app' });
  });

  it('ignores what is not a list of reviews', () => {
    expect(approvalEvents(env(), { message: 'Not Found' }, T)).toEqual([]);
    expect(approvalEvents(env(), [null, 3, 'x'], T)).toEqual([]);
  });

  it('actorOf reads GitHub user objects and nothing else', () => {
    expect(actorOf({ login: 'a', type: 'Bot', id: 5 })).toEqual({ login: 'a', type: 'Bot', id: '5' });
    expect(actorOf({ login: 'x[bot]' })).toEqual(actorFromLogin('x[bot]'));
    expect(actorOf({ name: 'a' })).toBeUndefined();
    expect(actorOf('a')).toBeUndefined();
  });
});

describe('payloadMismatch: the event payload against the run GitHub signed', () => {
  const signed = { repository: 'octo-org/octo-repo', ref: 'refs/heads/main', sha: 'a'.repeat(40) };
  it('accepts a payload that agrees with the token, and one that carries none of the fields', () => {
    expect(
      payloadMismatch(
        'push',
        { after: 'a'.repeat(40), ref: 'refs/heads/main', repository: { full_name: 'Octo-Org/octo-repo' } },
        signed,
      ),
    ).toBeUndefined();
    expect(payloadMismatch('workflow_dispatch', { ref: 'main', inputs: {} }, signed)).toBeUndefined();
    expect(payloadMismatch('schedule', { schedule: '* * * * *' }, signed)).toBeUndefined();
    expect(payloadMismatch('push', undefined, signed)).toBeUndefined();
  });
  it('names what a rewritten payload contradicts', () => {
    expect(payloadMismatch('push', { after: 'b'.repeat(40) }, signed)).toMatch(/pushed commit/);
    expect(payloadMismatch('workflow_dispatch', { ref: 'refs/heads/evil' }, signed)).toMatch(/ref/);
    expect(payloadMismatch('push', { repository: { full_name: 'evil/repo' } }, signed)).toMatch(
      /repository 'evil\/repo'/,
    );
  });
});
