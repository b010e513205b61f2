/**
 * Session 36 (w-rfaces): a nested call passing its own input down. `caller.yml` calls `middle.yml`
 * with `s: deploy`; `middle.yml` calls `release.yml` with `s: ${{ inputs.s }}`; the release step asks
 * with `step: ${{ inputs.s }}`. Every run of that chain asks the broker for `deploy` (GitHub evaluates
 * the middle's `${{ inputs.s }}` to what its caller passed, or to the middle input's default when it
 * passes nothing), which the manifest does not grant: the broker refuses it on every run, while at
 * 4810aaa `stepwarden check` exited 0 (session 34 read only a direct caller's literal). The same for a
 * called job's `environment: ${{ inputs.env }}` declared as written. Each case goes to the check
 * (runCheck, parsed as `stepwarden check` parses, and the CLI) and to a real broker (the stand-in
 * issuer's token with the outermost caller's `workflow_ref` and the callee's `job_workflow_ref`).
 * A middle passing anything but one `${{ inputs.NAME }}` stays the broker's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const MANIFEST = (environments: string) => y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
  workflows:
    caller.yml:
      jobs:
        call:
          permissions: { contents: read, id-token: write }
    middle.yml:
      callers: [caller.yml]
      jobs:
        mid:
          permissions: { contents: read, id-token: write }
    release.yml:
      callers: [caller.yml]
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          environments: ${environments}
          credentials:
            - step: publish
              audience: github
              permissions: { contents: read }
`;
const caller = (withs: string) =>
  `on: push\njobs:\n  call:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/middle.yml\n    with: ${withs}\n`;
const middle = (withs: string, defaults = '') =>
  `on:\n  workflow_call:\n    inputs:\n      s: { type: string, required: false${defaults} }\n      env: { type: string, required: false }\njobs:\n  mid:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n    with: ${withs}\n`;
const release = (stepWith: string, environment = '') =>
  `on:\n  workflow_call:\n    inputs:\n      s: { type: string, required: false }\n      env: { type: string, required: false }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n${environment}    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github, ${stepWith} }\n`;

interface Case {
  name: string;
  rule: 'credential-step' | 'undeclared-environment';
  environments: string;
  files: Record<string, string>;
  /** The request (and environment claim) every run of the chain sends; undefined: not sent here. */
  request?: { step: string; environment?: string };
  /** The finding must name this value; none when the check must stay silent. */
  names?: string;
}

const CASES: Case[] = [
  {
    name: "step: the middle passes its caller's literal down",
    rule: 'credential-step',
    environments: '[]',
    files: {
      'caller.yml': caller('{ s: deploy }'),
      'middle.yml': middle('{ s: "${{ inputs.s }}" }'),
      'release.yml': release('step: "${{ inputs.s }}"'),
    },
    request: { step: 'deploy' },
    names: 'deploy',
  },
  {
    name: "step: the middle passes its own input's default down (its caller passes nothing)",
    rule: 'credential-step',
    environments: '[]',
    files: {
      'caller.yml': caller('{ env: x }'),
      'middle.yml': middle('{ s: "${{ inputs.s }}" }', ', default: deploy'),
      'release.yml': release('step: "${{ inputs.s }}"'),
    },
    request: { step: 'deploy' },
    names: 'deploy',
  },
  {
    name: 'environment declared as the expression: every run names staging',
    rule: 'undeclared-environment',
    environments: '["${{ inputs.env }}"]',
    files: {
      'caller.yml': caller('{ env: staging }'),
      'middle.yml': middle('{ env: "${{ inputs.env }}" }'),
      'release.yml': release('step: publish', '    environment: ${{ inputs.env }}\n'),
    },
    request: { step: 'publish', environment: 'staging' },
    names: 'staging',
  },
  {
    name: 'negative: the granted name passed down',
    rule: 'credential-step',
    environments: '[]',
    files: {
      'caller.yml': caller('{ s: publish }'),
      'middle.yml': middle('{ s: "${{ inputs.s }}" }'),
      'release.yml': release('step: "${{ inputs.s }}"'),
    },
    request: { step: 'publish' },
  },
  {
    name: 'negative: the declared environment passed down',
    rule: 'undeclared-environment',
    environments: '[staging]',
    files: {
      'caller.yml': caller('{ env: staging }'),
      'middle.yml': middle('{ env: "${{ inputs.env }}" }'),
      'release.yml': release('step: publish', '    environment: ${{ inputs.env }}\n'),
    },
    request: { step: 'publish', environment: 'staging' },
  },
  {
    name: "negative: the outer caller's matrix passed down is not read against the middle's own matrix",
    rule: 'credential-step',
    environments: '[]',
    files: {
      'caller.yml': caller('{ s: "${{ matrix.s }}" }').replace(
        '    uses:',
        '    strategy:\n      matrix:\n        s: [publish]\n    uses:',
      ),
      'middle.yml': middle('{ s: "${{ inputs.s }}", env: "${{ matrix.s }}" }').replace(
        '    uses:',
        '    strategy:\n      matrix:\n        s: [deploy]\n    uses:',
      ),
      'release.yml': release('step: "${{ inputs.s }}"'),
    },
    request: { step: 'publish' },
  },
  {
    name: 'negative: the middle computes the value (known only at run time)',
    rule: 'credential-step',
    environments: '[]',
    files: {
      'caller.yml': caller('{ s: deploy }'),
      'middle.yml': middle('{ s: "${{ github.ref_name }}" }'),
      'release.yml': release('step: "${{ inputs.s }}"'),
    },
  },
];

describe('check and broker on an input a nested call passes down (s36)', () => {
  const stacks: Stack[] = [];
  let run = 36_700;
  const work = mkdtempSync(join(tmpdir(), 'sw-s36-f-call-nested-'));
  beforeAll(() => undefined);
  afterAll(async () => {
    for (const s of stacks) await s.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [i, c] of CASES.entries())
    it(
      c.name,
      async () => {
        const manifest = MANIFEST(c.environments);
        let outcome: string | undefined;
        if (c.request) {
          const stack = await startStack({ rate: 100_000, manifest });
          stacks.push(stack);
          const env = c.request.environment;
          const oidc = await stack.issuer.mint({
            run_id: String(run++),
            ref: 'refs/heads/main',
            ref_type: 'branch',
            ...(env ? { environment: env } : {}),
            sub: env
              ? `repo:octo-org/octo-repo:environment:${env}`
              : 'repo:octo-org/octo-repo:ref:refs/heads/main',
            workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            event_name: 'push',
          });
          const r = await stack.token(
            stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: c.request.step }),
          );
          outcome = r.status === 200 ? 'granted' : errorCode(r);
        }
        const found = findingsOf(c.rule, c.files, manifest);
        const dir = join(work, `r${i}`);
        mkdirSync(join(dir, '.github/workflows'), { recursive: true });
        writeFileSync(join(dir, '.github/access-manifest.yml'), manifest);
        for (const [f, text] of Object.entries(c.files))
          writeFileSync(join(dir, '.github/workflows', f), text);
        const r = await cli(['check', dir, '--format', 'json']);
        const cliFound = (
          JSON.parse(r.stdout) as { findings: { rule: string; message: string }[] }
        ).findings.filter((f) => f.rule === c.rule);
        expect(cliFound.map((f) => f.message)).toEqual(found.map((f) => f.message));
        if (c.names === undefined) {
          if (outcome !== undefined) expect(outcome).toBe('granted');
          expect(found).toEqual([]);
        } else {
          // Refused for the value, not for the chain (the caller is allowed).
          expect(['ERR_NO_GRANT', 'ERR_ENVIRONMENT_NOT_DECLARED']).toContain(outcome);
          expect(found).toHaveLength(1);
          if (c.rule === 'credential-step') expect(found[0]!.message).toContain(outcome!);
          expect(found[0]!.severity).toBe('error');
          expect(found[0]!.message).toContain(`'${c.names}'`);
          expect(r.code).toBe(1);
        }
      },
      60_000,
    );
});
