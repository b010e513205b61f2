/**
 * Session 34 (w-rfaces), left by session 33: a reusable workflow's `environment: ${{ inputs.env }}` and
 * a local caller job passing `env:` as a literal string. Every run of that caller names that environment
 * (the token's `environment` claim), and the broker compares the name with the job's manifest
 * `environments` (conditions/evaluate.ts): a job that lists environments refuses a token naming another,
 * or none. At 410fed0 the check judged only the expression's text: declared as written it passed while
 * the broker refuses that caller's every credential (the claim is `staging`, never the expression), and
 * declared by the name the caller passes it failed the check while the broker grants. The caller's
 * string now declares the job's environment for that caller as a matrix's literal names do (session 17,
 * access.ts `JobAccess.environmentValues`). Each case goes to runCheck and to a real broker.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const manifestText = (environments: string, credentials = true) => y`
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
          ${credentials ? 'credentials: [{ step: publish, audience: github, permissions: { contents: read } }]' : ''}
`;
const caller = (env: string) =>
  `on: push\njobs:\n  call:\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n    with: { env: ${env} }\n`;
const CALLEE = `on:\n  workflow_call:\n    inputs:\n      env: { type: string, required: true }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.env }}\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github }\n`;

interface Case {
  name: string;
  environments: string;
  /** What the caller passes as `env:`. */
  env: string;
  /** The environment its runs name, when sent to the broker here. */
  claim?: string;
  /** Whether the check must fail the job (undeclared-environment), naming the claim. */
  reported: boolean;
  credentials?: false;
}

const CASES: Case[] = [
  {
    name: 'declared only as written, the caller passes staging',
    environments: '["${{ inputs.env }}"]',
    env: 'staging',
    claim: 'staging',
    reported: true,
  },
  {
    name: 'declared by the name the caller passes (granted: not reported)',
    environments: '[production]',
    env: 'production',
    claim: 'production',
    reported: false,
  },
  {
    name: 'declared by another name, the caller passes staging',
    environments: '[production]',
    env: 'staging',
    claim: 'staging',
    reported: true,
  },
  {
    name: 'negative: a value the caller computes, declared as written',
    environments: '["${{ inputs.env }}"]',
    env: '"${{ github.ref_name }}"',
    reported: false,
  },
  {
    name: 'negative: no credential grants, declared as written (nothing for the broker to refuse)',
    environments: '["${{ inputs.env }}"]',
    env: 'staging',
    reported: false,
    credentials: false,
  },
];

describe('check and broker on a called job whose environment a local caller passes (s34)', () => {
  const stacks: Stack[] = [];
  let run = 8000;
  afterAll(async () => {
    for (const s of stacks) await s.close();
  });

  for (const c of CASES)
    it(
      c.name,
      async () => {
        const manifest = manifestText(c.environments, c.credentials ?? true);
        if (c.claim !== undefined) {
          const stack = await startStack({ rate: 100_000, manifest });
          stacks.push(stack);
          const oidc = await stack.issuer.mint({
            run_id: String(run++),
            ref: 'refs/heads/main',
            ref_type: 'branch',
            environment: c.claim,
            sub: `repo:octo-org/octo-repo:environment:${c.claim}`,
            workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            event_name: 'push',
          });
          const r = await stack.token(
            stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: 'publish' }),
          );
          if (c.reported) expect(errorCode(r)).toMatch(/^ERR_/);
          else expect(r.status).toBe(200);
        }
        const found = findingsOf(
          'undeclared-environment',
          { 'caller.yml': caller(c.env), 'release.yml': CALLEE },
          manifest,
        );
        if (!c.reported) expect(found).toEqual([]);
        else {
          expect(found).toHaveLength(1);
          expect(found[0]!.message).toContain(`'${c.claim!}'`);
          expect(found[0]!.message).toContain("called from caller.yml job 'call'");
        }
      },
      60_000,
    );
});
