/**
 * Session 35 (w-rfaces), left by session 34: a reusable workflow's credential step or `environment:`
 * reading `${{ inputs.NAME }}` whose `on.workflow_call.inputs.NAME` has a string `default:`, and a
 * local caller that does not pass NAME. GitHub gives the callee the default on that caller's runs, so
 * the broker sees exactly that string: at c3326db the check left it unread, exiting 0 while the broker
 * refuses every such run (ERR_NO_GRANT, ERR_SCOPE_NOT_GRANTED), and reporting a job whose manifest
 * declares the default's environment, which the broker grants. The default is now judged as the
 * caller's literal is (access.ts `callerInputs`, WorkflowModel.callDefaults), and the finding says it
 * is the default. A caller passing the name in any form (a number, an expression) keeps it unread.
 * Each case goes to runCheck and to a real broker, as tests/hostile-faces-s34/s34-f-check-call-* do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const MANIFEST = y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
  workflows:
    caller.yml:
      jobs:
        call:
          permissions: { contents: read, id-token: write }
        other:
          permissions: { contents: read, id-token: write }
    release.yml:
      callers: [caller.yml]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - step: publish
              audience: github
              permissions: { contents: read }
`;

/** Caller jobs `call` then `other`, each with this `with:` (undefined: no `with:` at all). */
const caller = (withs: (string | undefined)[]) =>
  `on: push\njobs:\n${withs
    .map(
      (w, i) =>
        `  ${i === 0 ? 'call' : 'other'}:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n${w === undefined ? '' : `    with: ${w}\n`}`,
    )
    .join('')}`;
const callee = (sInput: string, stepWith: string) =>
  `on:\n  workflow_call:\n    inputs:\n      s: ${sInput}\n      n: { type: number, required: false }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", ${stepWith} }\n`;

interface Case {
  name: string;
  sInput: string;
  stepWith: string;
  withs: (string | undefined)[];
  legs: ({ audience: string; scope: string; step: string } | undefined)[];
  names?: { job: string; value: string };
}

const STEP = 'audience: github, step: "${{ inputs.s }}"';
const CASES: Case[] = [
  {
    name: 'step: ${{ inputs.s }}, default deploy, the caller has no with:',
    sInput: '{ type: string, default: deploy }',
    stepWith: STEP,
    withs: [undefined],
    legs: [{ audience: 'github', scope: '', step: 'deploy' }],
    names: { job: 'call', value: 'deploy' },
  },
  {
    name: 'scope: ${{ inputs.S }}, default contents:write, one caller of two passes another input only',
    sInput: '{ type: string, default: "contents:write" }',
    stepWith: 'audience: github, scope: "${{ inputs.S }}"',
    withs: ['{ s: "contents:read" }', '{ n: 1 }'],
    legs: [
      { audience: 'github', scope: 'contents:read', step: 'publish' },
      { audience: 'github', scope: 'contents:write', step: 'publish' },
    ],
    names: { job: 'other', value: 'contents:write' },
  },
  {
    name: 'negative: the granted name as the default',
    sInput: '{ type: string, default: publish }',
    stepWith: STEP,
    withs: [undefined],
    legs: [{ audience: 'github', scope: '', step: 'publish' }],
  },
  {
    name: 'negative: the caller passes the granted name over a refused default',
    sInput: '{ type: string, default: deploy }',
    stepWith: STEP,
    withs: ['{ S: publish }'],
    legs: [{ audience: 'github', scope: '', step: 'publish' }],
  },
  {
    name: 'negative: the caller passes the name as a number or an expression (not the default)',
    sInput: '{ type: string, default: deploy }',
    stepWith: STEP,
    withs: ['{ s: 5 }', '{ s: "${{ github.ref_name }}" }'],
    legs: [undefined, undefined],
  },
  {
    name: 'negative: a default that is an expression',
    sInput: '{ type: string, default: "${{ github.ref_name }}" }',
    stepWith: STEP,
    withs: [undefined],
    legs: [undefined],
  },
  {
    name: 'negative: a boolean input’s default is read through its type',
    sInput: '{ type: boolean, default: "deploy" }',
    stepWith: STEP,
    withs: [undefined],
    legs: [undefined],
  },
];

describe('check and broker on a callee input’s default a local caller does not pass (s35)', () => {
  let stack: Stack;
  let run = 35000;
  beforeAll(async () => {
    stack = await startStack({ rate: 100_000, manifest: MANIFEST });
  });
  afterAll(async () => {
    await stack.close();
  });

  for (const c of CASES)
    it(
      c.name,
      async () => {
        const outcomes: string[] = [];
        for (const leg of c.legs) {
          if (!leg) continue;
          const oidc = await stack.issuer.mint({
            run_id: String(run++),
            ref: 'refs/heads/main',
            ref_type: 'branch',
            sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
            workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            event_name: 'push',
          });
          const r = await stack.token(stack.exchangeForm(oidc, { ...leg, job: 'release' }));
          outcomes.push(r.status === 200 ? 'granted' : errorCode(r));
        }
        const found = findingsOf(
          'credential-step',
          { 'caller.yml': caller(c.withs), 'release.yml': callee(c.sInput, c.stepWith) },
          MANIFEST,
        );
        if (c.names === undefined) {
          expect(outcomes.every((o) => o === 'granted')).toBe(true);
          expect(found).toEqual([]);
        } else {
          const refused = outcomes.filter((o) => o !== 'granted');
          expect(refused).toHaveLength(1);
          expect(found).toHaveLength(1);
          expect(found[0]!.severity).toBe('error');
          expect(found[0]!.message).toContain(`caller.yml job '${c.names.job}'`);
          expect(found[0]!.message).toContain(`its default '${c.names.value}'`);
          expect(found[0]!.message).toMatch(/\.github\/workflows\/release\.yml line 4\)/);
          expect(found[0]!.message).toContain(refused[0]!);
        }
      },
      60_000,
    );
});

const envManifest = (environments: string) => y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
  workflows:
    caller.yml:
      jobs:
        call:
          permissions: { contents: read, id-token: write }
    release.yml:
      callers: [caller.yml]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          environments: ${environments}
          credentials: [{ step: publish, audience: github, permissions: { contents: read } }]
`;
const ENV_CALLER = `on: push\njobs:\n  call:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n`;
const ENV_CALLEE = `on:\n  workflow_call:\n    inputs:\n      env: { type: string, default: staging }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.env }}\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github }\n`;

describe('check and broker on a called environment the caller leaves to its default (s35)', () => {
  const stacks: Stack[] = [];
  afterAll(async () => {
    for (const s of stacks) await s.close();
  });
  for (const [name, environments, reported] of [
    ['declared only as written: the broker refuses staging', '["${{ inputs.env }}"]', true],
    ['declared as the default names it: the broker grants', '[staging]', false],
  ] as const)
    it(
      name,
      async () => {
        const manifest = envManifest(environments);
        const stack = await startStack({ rate: 100_000, manifest });
        stacks.push(stack);
        const oidc = await stack.issuer.mint({
          run_id: String(36000 + stacks.length),
          ref: 'refs/heads/main',
          ref_type: 'branch',
          environment: 'staging',
          sub: 'repo:octo-org/octo-repo:environment:staging',
          workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
          job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
          event_name: 'push',
        });
        const r = await stack.token(
          stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: 'publish' }),
        );
        if (reported) expect(errorCode(r)).toMatch(/^ERR_/);
        else expect(r.status).toBe(200);
        const found = findingsOf(
          'undeclared-environment',
          { 'caller.yml': ENV_CALLER, 'release.yml': ENV_CALLEE },
          manifest,
        );
        if (!reported) expect(found).toEqual([]);
        else {
          expect(found).toHaveLength(1);
          expect(found[0]!.message).toContain("called from caller.yml job 'call'");
          expect(found[0]!.message).toContain(
            'as that caller passes nothing for it, its input default staging',
          );
          expect(found[0]!.message).not.toContain('passes as');
        }
      },
      60_000,
    );
});

describe('undeclared-environment names where the names come from, not by the expression’s text (s35)', () => {
  it('a matrix key named `inputs` is the matrix’s, not a caller’s', () => {
    const found = findingsOf(
      'undeclared-environment',
      {
        'release.yml': `on: push\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    strategy: { matrix: { inputs: [staging] } }\n    environment: \${{ matrix.inputs }}\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github }\n`,
      },
      y`
        version: 1
        repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
        workflows:
          release.yml:
            jobs:
              release:
                permissions: { contents: read, id-token: write }
                environments: ["\${{ matrix.inputs }}"]
                credentials: [{ step: publish, audience: github, permissions: { contents: read } }]
      `,
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('which its matrix makes staging');
  });
});
