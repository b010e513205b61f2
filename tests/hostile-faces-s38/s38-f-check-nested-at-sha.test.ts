/**
 * Session 38 (w-rfaces): a workflow two levels below a call pinned to a commit. `caller.yml` calls
 * `octo-org/octo-repo/.github/workflows/mid.yml@<sha>` (this repository, by full reference, as
 * unpinned-action asks), and `mid.yml` calls `./.github/workflows/release.yml` (or `$/…`). GitHub takes
 * a `./` or `$/` call "from the same commit as the caller workflow", so `release.yml` runs at the commit
 * too and its token's `job_workflow_ref` names it there, while `workflow_ref` names `caller.yml` at the
 * run's branch: the broker refuses every exchange of its credential step (callers.ts:
 * ERR_WORKFLOW_REF_MISMATCH). Session 37 judged only a callee whose direct caller pins it; at the start
 * commit (f3a4e9b) the check judged `release.yml` at the branch and exited 0. Now the commit is read up
 * the chain of local calls to the first full reference. Negatives: a chain of local calls, a pinned
 * middle whose own call names a branch (GitHub runs that branch), a middle called at a branch.
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
  mid.yml:
    callers: [caller.yml]
    jobs:
      mid:
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
const mid = (uses: string) =>
  `on: workflow_call\njobs:\n  mid:\n    permissions: { contents: read, id-token: write }\n    uses: ${uses}\n`;
const RELEASE = `on: workflow_call\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", audience: github, step: publish }\n`;
const FULL = (file: string, at: string) => `octo-org/octo-repo/.github/workflows/${file}@${at}`;

const CASES: { name: string; top: string; middle: string; jobRef: string; refused: boolean }[] = [
  {
    name: 'a pinned middle calling ./release.yml: release runs at the commit',
    top: FULL('mid.yml', SHA),
    middle: './.github/workflows/release.yml',
    jobRef: SHA,
    refused: true,
  },
  {
    name: 'a pinned middle calling $/release.yml: the same',
    top: FULL('mid.yml', SHA),
    middle: '$/.github/workflows/release.yml',
    jobRef: SHA,
    refused: true,
  },
  {
    name: 'negative: a pinned middle calling release.yml of this repository at a branch (GitHub runs the branch)',
    top: FULL('mid.yml', SHA),
    middle: FULL('release.yml', 'main'),
    jobRef: 'refs/heads/main',
    refused: false,
  },
  {
    name: 'negative: local calls all the way (the run’s own ref)',
    top: './.github/workflows/mid.yml',
    middle: './.github/workflows/release.yml',
    jobRef: 'refs/heads/main',
    refused: false,
  },
  {
    name: 'negative: a middle called at a branch name, its ./ call at that branch',
    top: FULL('mid.yml', 'main'),
    middle: './.github/workflows/release.yml',
    jobRef: 'refs/heads/main',
    refused: false,
  },
];

describe('a callee two levels below a call pinned to a commit: check and broker (s38)', () => {
  const stacks: Stack[] = [];
  const work = mkdtempSync(join(tmpdir(), 'sw-s38-nested-sha-'));
  let run = 38_100;
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
        const files = { 'caller.yml': caller(c.top), 'mid.yml': mid(c.middle), 'release.yml': RELEASE };
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
        expect(found[0]!.file).toBe('.github/workflows/release.yml');
        expect(found[0]!.line).toBe(7);
        expect(found[0]!.message).toContain('ERR_WORKFLOW_REF_MISMATCH');
        expect(found[0]!.message).toContain(SHA);
        expect(cliRun.code).toBe(1);
      },
      60_000,
    );
});
