/**
 * Session 36 (w-rfaces): a caller job's matrix passed into a reusable workflow's credential input.
 * GitHub documents the form ("Using a matrix strategy with a reusable workflow": `strategy.matrix`
 * on the calling job, `with: { target: ${{ matrix.target }} }`): each leg calls the workflow with one
 * value, so the callee's `step: ${{ inputs.s }}` asks the broker with exactly that value on that leg.
 * Session 33 judged a credential step's own `${{ matrix.K }}` leg by leg, session 34 a caller's literal
 * `with:`; the two together were left to the broker: at 4810aaa `stepwarden check` exited 0 on a caller
 * whose matrix `[publish, deploy]` passes `deploy`, which the broker refuses on every run of that leg
 * (ERR_NO_GRANT), as it refuses the caller passing `deploy` as a literal (which the check reports).
 * Each case goes to the check (runCheck, parsed as `stepwarden check` parses, and the CLI) and to a
 * real broker (the stand-in issuer's token with the caller's `workflow_ref` and the callee's
 * `job_workflow_ref`): the check reports the refused leg, naming the caller, the value and its line,
 * exactly when the broker refuses. A matrix with `exclude:`, a value the leg computes, or a callee
 * step whose `if:` reads the inputs (it may be skipped on that very leg) stays the broker's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
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

const caller = (strategy: string, withs: string) =>
  `on: push\njobs:\n  call:\n    strategy:\n${strategy}\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n    with: ${withs}\n`;
const callee = (stepWith: string, stepIf = '') =>
  `on:\n  workflow_call:\n    inputs:\n      s: { type: string, required: false }\n      t: { type: string, required: false }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n${stepIf}        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", ${stepWith} }\n`;

interface Case {
  name: string;
  strategy: string;
  withs: string;
  stepWith: string;
  stepIf?: string;
  /** Each leg's request as its runs send it (undefined: not sent to the broker here). */
  legs: ({ audience: string; scope: string; step: string } | undefined)[];
  /** The finding names this value and its line; none when the check must stay silent. */
  names?: { value: string; line: number };
}

const leg = (step: string, scope = '') => ({ audience: 'github', scope, step });

const CASES: Case[] = [
  {
    name: 'step: ${{ inputs.s }}, the caller passing ${{ matrix.s }} over [publish, deploy]',
    strategy: '      matrix:\n        s: [publish, deploy]',
    withs: '{ s: "${{ matrix.s }}" }',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    legs: [leg('publish'), leg('deploy')],
    names: { value: 'deploy', line: 6 },
  },
  {
    name: 'scope: ${{ inputs.S }} (another case), a leg added by `include` asking contents:write',
    strategy:
      '      matrix:\n        sc: ["contents:read"]\n        include:\n          - sc: "contents:write"',
    withs: '{ s: "${{ matrix.sc }}" }',
    stepWith: 'audience: github, scope: "${{ inputs.S }}"',
    legs: [leg('publish', 'contents:read'), leg('publish', 'contents:write')],
    names: { value: 'contents:write', line: 8 },
  },
  {
    name: 'negative: every leg granted (the listed values are the grant and its scope)',
    strategy: '      matrix:\n        s: [publish, " publish "]',
    withs: '{ s: "${{ matrix.s }}" }',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    legs: [leg('publish'), leg('publish')],
  },
  {
    name: 'negative: the refused value excluded (`exclude:` may drop a listed value from every leg)',
    strategy:
      '      matrix:\n        s: [publish, deploy]\n        os: [a]\n        exclude:\n          - s: deploy',
    withs: '{ s: "${{ matrix.s }}" }',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    legs: [leg('publish')],
  },
  {
    name: 'negative: a leg value written as an expression (known only at run time)',
    strategy: '      matrix:\n        s: ["${{ github.ref_name }}"]',
    withs: '{ s: "${{ matrix.s }}" }',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    legs: [undefined],
  },
  {
    name: "negative: the callee step's `if:` reads the input (skipped on the refused leg)",
    strategy: '      matrix:\n        s: [publish, deploy]',
    withs: '{ s: "${{ matrix.s }}" }',
    stepWith: 'audience: github, step: "${{ inputs.s }}"',
    stepIf: "        if: inputs.s == 'publish'\n",
    legs: [leg('publish')],
  },
];

describe("check and broker on a caller's matrix passed to a credential input (s36)", () => {
  let stack: Stack;
  let run = 36_000;
  const work = mkdtempSync(join(tmpdir(), 'sw-s36-f-call-matrix-'));
  beforeAll(async () => {
    stack = await startStack({ rate: 100_000, manifest: MANIFEST });
  });
  afterAll(async () => {
    await stack.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [i, c] of CASES.entries())
    it(
      c.name,
      async () => {
        const outcomes: string[] = [];
        for (const l of c.legs) {
          if (!l) continue;
          const oidc = await stack.issuer.mint({
            run_id: String(run++),
            ref: 'refs/heads/main',
            ref_type: 'branch',
            sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
            workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            event_name: 'push',
          });
          const r = await stack.token(stack.exchangeForm(oidc, { ...l, job: 'release' }));
          outcomes.push(r.status === 200 ? 'granted' : errorCode(r));
        }
        const files = {
          'caller.yml': caller(c.strategy, c.withs),
          'release.yml': callee(c.stepWith, c.stepIf),
        };
        const found = findingsOf('credential-step', files, MANIFEST);
        // The CLI's reading is the same.
        const dir = join(work, `r${i}`);
        mkdirSync(join(dir, '.github/workflows'), { recursive: true });
        writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
        for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, '.github/workflows', f), text);
        const r = await cli(['check', dir, '--format', 'json']);
        const cliFound = (
          JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }
        ).findings.filter((f) => f.rule === 'credential-step');
        expect(cliFound.map((f) => f.message)).toEqual(found.map((f) => f.message));
        if (c.names === undefined) {
          expect(outcomes.every((o) => o === 'granted')).toBe(true);
          expect(found).toEqual([]);
          expect(r.code).toBe(0);
        } else {
          const refused = outcomes.filter((o) => o !== 'granted');
          expect(refused).toHaveLength(1);
          expect(['ERR_NO_GRANT', 'ERR_SCOPE_NOT_GRANTED']).toContain(refused[0]);
          expect(found).toHaveLength(1);
          expect(found[0]!.severity).toBe('error');
          expect(found[0]!.message).toContain("caller.yml job 'call'");
          expect(found[0]!.message).toContain(`'${c.names.value}' (line ${c.names.line})`);
          expect(found[0]!.message).toContain(refused[0]!);
          expect(r.code).toBe(1);
        }
      },
      60_000,
    );
});
