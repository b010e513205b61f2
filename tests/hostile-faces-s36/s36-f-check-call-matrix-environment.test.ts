/**
 * Session 36 (w-rfaces): a reusable workflow's `environment: ${{ inputs.env }}` and a local caller
 * passing one `${{ matrix.env }}` whose values its strategy lists. Each leg's run names one of them
 * (the token's `environment` claim), which the broker compares with the job's manifest `environments`.
 * At 4810aaa the check read the name as the expression: with `environments: [production, staging]`
 * it failed the job (undeclared-environment) while the broker grants every leg; with
 * `environments: ["${{ inputs.env }}"]` it passed while the broker refuses every leg. Now each listed
 * value is the environment on some leg, as a caller's literal (session 34) or a matrix's own names
 * (session 17) are. A matrix with `exclude:` stays the expression as written. Each case goes to the
 * check (runCheck, parsed as `stepwarden check` parses) and to a real broker, one token per leg.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const manifestText = (environments: string) => y`
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
          credentials:
            - step: publish
              audience: github
              permissions: { contents: read }
`;
const caller = (strategy: string) =>
  `on: push\njobs:\n  call:\n    strategy:\n${strategy}\n    permissions: { contents: read, id-token: write }\n    uses: ./.github/workflows/release.yml\n    with: { env: "\${{ matrix.env }}" }\n`;
const CALLEE = `on:\n  workflow_call:\n    inputs:\n      env: { type: string, required: true }\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    environment: \${{ inputs.env }}\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github }\n`;

const LISTED = '      matrix:\n        env: [production, staging]';

interface Case {
  name: string;
  environments: string;
  strategy: string;
  /** The environment each leg's runs name, sent to the broker. */
  claims: string[];
  /** The names the finding must give; none when the check must pass the job. */
  reported?: string[];
  /** The declared names unused-grant must call unused (a leg's name is used). */
  unused?: string[];
}

const CASES: Case[] = [
  {
    name: 'declared as the expression: the check passed, the broker refuses every leg',
    environments: '["${{ inputs.env }}"]',
    strategy: LISTED,
    claims: ['production', 'staging'],
    reported: ['production', 'staging'],
  },
  {
    name: 'one leg undeclared: that name is reported',
    environments: '[production]',
    strategy: LISTED,
    claims: ['production', 'staging'],
    reported: ['staging'],
  },
  {
    name: 'negative: every leg declared by name (the check failed the job the broker grants)',
    environments: '[production, staging, qa]',
    strategy: LISTED,
    claims: ['production', 'staging'],
    unused: ['qa'],
  },
  {
    name: 'negative: a matrix with `exclude:` stays the expression as written (declared so: passes)',
    environments: '["${{ inputs.env }}"]',
    strategy:
      '      matrix:\n        env: [production, staging]\n        os: [a]\n        exclude:\n          - env: staging',
    claims: [],
  },
];

describe("check and broker on a called job whose environment a caller's matrix passes (s36)", () => {
  const stacks: Stack[] = [];
  let run = 36_500;
  afterAll(async () => {
    for (const s of stacks) await s.close();
  });

  for (const c of CASES)
    it(
      c.name,
      async () => {
        const manifest = manifestText(c.environments);
        const refused: string[] = [];
        if (c.claims.length) {
          const stack = await startStack({ rate: 100_000, manifest });
          stacks.push(stack);
          for (const claim of c.claims) {
            const oidc = await stack.issuer.mint({
              run_id: String(run++),
              ref: 'refs/heads/main',
              ref_type: 'branch',
              environment: claim,
              sub: `repo:octo-org/octo-repo:environment:${claim}`,
              workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
              job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
              event_name: 'push',
            });
            const r = await stack.token(
              stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: 'publish' }),
            );
            if (r.status !== 200) {
              expect(errorCode(r)).toMatch(/^ERR_/);
              refused.push(claim);
            }
          }
        }
        const found = findingsOf(
          'undeclared-environment',
          { 'caller.yml': caller(c.strategy), 'release.yml': CALLEE },
          manifest,
        );
        expect(refused).toEqual(c.reported ?? []);
        if (c.unused) {
          // Not "declares environment 'staging' but does not use it": a leg names it.
          const unused = findingsOf(
            'unused-grant',
            { 'caller.yml': caller(c.strategy), 'release.yml': CALLEE },
            manifest,
          ).filter((f) => /environment/.test(f.message));
          expect(unused.map((f) => f.subject)).toEqual(c.unused);
        }
        if (!c.reported) expect(found).toEqual([]);
        else {
          expect(found).toHaveLength(1);
          expect(found[0]!.severity).toBe('error');
          for (const name of c.reported) expect(found[0]!.message).toContain(`'${name}'`);
          expect(found[0]!.message).toContain("called from caller.yml job 'call'");
          expect(found[0]!.message).toContain("which that caller's matrix passes as production, staging");
        }
      },
      60_000,
    );
});
