/**
 * Session 31 (w-rfaces): `stepwarden diff DIR DIR --format json` over two one-workflow trees whose
 * manifest lets job `a` read any secret (`'*'`), so a change of which secret it reads is the diff's
 * to show. GitHub's parser must accept both workflow texts (a case GitHub refuses proves nothing).
 */
import { afterAll, expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { githubFacts } from '../workflow/differential.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s31-f-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFEST = `version: 1
workflows:
  ci.yml:
    jobs:
      setup:
        permissions: { contents: read }
      a:
        permissions: { contents: read }
        secrets: ['*']
`;

let n = 0;
function tree(workflow: string): string {
  const dir = join(work, `t${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, '.github/workflows/ci.yml'), workflow);
  return dir;
}

export interface Change {
  job: string;
  kind: string;
  subject: string;
  effect: string;
  line: number;
}

export async function diff(base: string, head: string): Promise<Change[]> {
  for (const text of [base, head]) expect(githubFacts('ci.yml', text).valid).toBe(true);
  const r = await cli(['diff', tree(base), tree(head), '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { changes: Change[] }).changes;
}

export const widenedSecret = (changes: Change[]) =>
  changes.filter((c) => c.job === 'a' && c.kind === 'secret' && c.subject === '*' && c.effect === 'widened');
