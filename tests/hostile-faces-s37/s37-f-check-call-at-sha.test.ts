/**
 * Session 37 (w-rfaces): a job calling a workflow of this repository by its full reference pinned to a
 * commit (`octo-org/octo-repo/.github/workflows/release.yml@<sha>`), which unpinned-action asks for.
 * The check resolves the call to the local file (session 5) and judged the callee's credential step as
 * if it ran at the caller's ref; but the token's `job_workflow_ref` then names the callee at the
 * commit, `workflow_ref` the caller at its branch, and the broker refuses every such exchange
 * (callers.ts: ERR_WORKFLOW_REF_MISMATCH, "grants are issued only to workflow code at the run's own
 * ref"), since no run's ref is a bare commit. At the start commit (5dda53e) `stepwarden check` exited 0:
 * the required check green on a step that can never get its credential. Now credential-step judges the
 * callee at the ref the caller names when that ref is a commit, and so reports the broker's refusal at
 * the step. A call by `./` (the caller's own ref) stays granted; a call at a branch or tag name is left
 * to the broker (the run may be at that very ref).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const RUN = `stepwarden/stepwarden/actions/run@${SHA}`;
const MANIFEST = `version: 1
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
const caller = (uses: string) =>
  `on: push\njobs:\n  call:\n    permissions: { contents: read, id-token: write }\n    uses: ${uses}\n`;
const RELEASE = `on: workflow_call\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github, step: publish }\n`;

const CASES: { name: string; uses: string; jobRef: string; refused: boolean }[] = [
  {
    name: 'a full reference to this repository pinned to a commit',
    uses: `octo-org/octo-repo/.github/workflows/release.yml@${SHA}`,
    jobRef: SHA,
    refused: true,
  },
  {
    name: 'the same in another case of the repository name',
    uses: `Octo-Org/Octo-Repo/.github/workflows/release.yml@${SHA}`,
    jobRef: SHA,
    refused: true,
  },
  {
    name: 'negative: a local call runs at the caller’s ref',
    uses: './.github/workflows/release.yml',
    jobRef: 'refs/heads/main',
    refused: false,
  },
  {
    name: 'negative: a full reference at a branch name (a run at that branch is granted): left to the broker',
    uses: 'octo-org/octo-repo/.github/workflows/release.yml@main',
    jobRef: 'refs/heads/main',
    refused: false,
  },
];

describe('a callee of this repository called at a commit: check and broker (s37)', () => {
  const stacks: Stack[] = [];
  const work = mkdtempSync(join(tmpdir(), 'sw-s37-call-at-sha-'));
  let run = 37_100;
  afterAll(async () => {
    for (const s of stacks) await s.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [i, c] of CASES.entries())
    it(
      c.name,
      async () => {
        const stack = await startStack({ rate: 100_000, manifest: MANIFEST });
        stacks.push(stack);
        const oidc = await stack.issuer.mint({
          run_id: String(run++),
          ref: 'refs/heads/main',
          ref_type: 'branch',
          sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
          workflow_ref: 'octo-org/octo-repo/.github/workflows/caller.yml@refs/heads/main',
          job_workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${c.jobRef}`,
          event_name: 'push',
        });
        const r = await stack.token(
          stack.exchangeForm(oidc, { audience: 'github', scope: '', job: 'release', step: 'publish' }),
        );
        const outcome = r.status === 200 ? 'granted' : errorCode(r);
        const files = { 'caller.yml': caller(c.uses), 'release.yml': RELEASE };
        const found = findingsOf('credential-step', files, MANIFEST);
        const dir = join(work, `r${i}`);
        mkdirSync(join(dir, '.github/workflows'), { recursive: true });
        writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
        for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, '.github/workflows', f), text);
        const cliRun = await cli(['check', dir, '--format', 'json']);
        const cliFound = (
          JSON.parse(cliRun.stdout) as { findings: { rule: string; message: string }[] }
        ).findings.filter((f) => f.rule === 'credential-step');
        expect(cliFound.map((f) => f.message)).toEqual(found.map((f) => f.message));
        if (!c.refused) {
          expect(outcome).toBe('granted');
          expect(found).toEqual([]);
          return;
        }
        expect(outcome).toBe('ERR_WORKFLOW_REF_MISMATCH');
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe('error');
        expect(found[0]!.file).toBe('.github/workflows/release.yml');
        expect(found[0]!.line).toBe(7);
        expect(found[0]!.message).toContain('ERR_WORKFLOW_REF_MISMATCH');
        expect(found[0]!.message).toContain(SHA);
        expect(cliRun.code).toBe(1);
      },
      60_000,
    );
});
