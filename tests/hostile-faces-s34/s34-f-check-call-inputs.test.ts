/**
 * Session 34 (w-rfaces), left by session 33: a reusable workflow's credential step whose `step:`,
 * `scope:` or `audience:` is one `${{ inputs.NAME }}`, and a local caller job passing that input as a
 * literal string in its `with:`. The called job's runs ask the broker with exactly that string (a string
 * GitHub accepts only for a `type: string` input), so the check can hold it as it holds a literal: at
 * 410fed0 it left every such input "to the broker" and exited 0 while the broker refuses that caller's
 * every run (ERR_NO_GRANT, ERR_SCOPE_NOT_GRANTED). Each case goes to runCheck and to a real broker (the
 * stand-in issuer's token with the caller's `workflow_ref` and the callee's `job_workflow_ref`): the
 * check reports the step, naming the caller, the value and its line, exactly when the broker refuses.
 * A value the caller computes (`${{ github.ref_name }}`), a number or boolean, or an input the caller
 * does not pass (its default is the callee's, not read here) stays the broker's alone.
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

const caller = (withs: string[]) =>
  `on: push\njobs:\n${withs
    .map(
      (w, i) =>
        `  ${i === 0 ? 'call' : 'other'}:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n    with: ${w}\n`,
    )
    .join('')}`;
const callee = (stepWith: string) =>
  `on:\n  workflow_call:\n    inputs:\n      s: { type: string, required: false }\n      n: { type: number, required: false }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", ${stepWith} }\n`;

interface Case {
  name: string;
  /** The callee step's `with:` besides broker-url. */
  stepWith: string;
  /** Each caller job's `with:` (the first is `call`, the second `other`). */
  withs: string[];
  /** Each caller's request as its runs send it (undefined: not sent to the broker here). */
  legs: ({ audience: string; scope: string; step: string } | undefined)[];
  /** The finding names this caller job and value; none when the check must stay silent. */
  names?: { job: string; value: string };
}

const CASES: Case[] = [
  {
    name: 'step: ${{ inputs.s }} passed deploy',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    withs: ['{ s: deploy }'],
    legs: [{ audience: 'github', scope: '', step: 'deploy' }],
    names: { job: 'call', value: 'deploy' },
  },
  {
    name: 'scope: ${{ inputs.S }} (another case) passed contents:write by one caller of two',
    stepWith: 'audience: github, scope: "${{ inputs.S }}"',
    withs: ['{ s: "contents:read" }', '{ s: "contents:write" }'],
    legs: [
      { audience: 'github', scope: 'contents:read', step: 'publish' },
      { audience: 'github', scope: 'contents:write', step: 'publish' },
    ],
    names: { job: 'other', value: 'contents:write' },
  },
  {
    name: "audience: ${{ inputs['s'] }} passed another audience",
    stepWith: 'audience: "${{ inputs[\'s\'] }}"',
    withs: ['{ s: "https://hooks.example.internal" }'],
    legs: [{ audience: 'https://hooks.example.internal', scope: '', step: 'publish' }],
    names: { job: 'call', value: 'https://hooks.example.internal' },
  },
  {
    name: 'negative: the granted name passed',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    withs: ['{ s: publish }'],
    legs: [{ audience: 'github', scope: '', step: 'publish' }],
  },
  {
    name: 'negative: a value the caller computes',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    withs: ['{ s: "${{ github.ref_name }}" }'],
    legs: [undefined],
  },
  {
    name: 'negative: a number (GitHub reads it through the input type)',
    stepWith: 'audience: github, step: "${{ inputs.n }}"',
    withs: ['{ n: 1 }'],
    legs: [undefined],
  },
  {
    name: 'negative: an input the caller does not pass',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    withs: ['{ n: 1 }'],
    legs: [undefined],
  },
];

describe('check and broker on a credential input a local caller passes (s34)', () => {
  let stack: Stack;
  let run = 7000;
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
          { 'caller.yml': caller(c.withs), 'release.yml': callee(c.stepWith) },
          MANIFEST,
        );
        if (c.names === undefined) {
          expect(outcomes.every((o) => o === 'granted')).toBe(true);
          expect(found).toEqual([]);
        } else {
          const refused = outcomes.filter((o) => o !== 'granted');
          expect(refused).toHaveLength(1);
          expect(['ERR_NO_GRANT', 'ERR_SCOPE_NOT_GRANTED']).toContain(refused[0]);
          expect(found).toHaveLength(1);
          expect(found[0]!.severity).toBe('error');
          expect(found[0]!.message).toContain(`caller.yml job '${c.names.job}'`);
          expect(found[0]!.message).toContain(`'${c.names.value}'`);
          expect(found[0]!.message).toMatch(/\(line \d+\)/);
          expect(found[0]!.message).toContain(refused[0]!);
        }
      },
      60_000,
    );
});
