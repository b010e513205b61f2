/**
 * Session 31 (w-rfaces): `stepwarden diff DIR DIR --format json` over two one-workflow trees whose
 * manifest lets job `a` read any secret (`'*'`), so a change of which secret it reads is the diff's
 * to show. GitHub's parser must accept both workflow texts (a case GitHub refuses proves nothing).
 */
import { afterAll, expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
/** A tree with the manifest, `ci.yml` and any other files (`path -> text`). */
function tree(workflow: string, files: Readonly<Record<string, string>>): string {
  const dir = join(work, `t${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, '.github/workflows/ci.yml'), workflow);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export interface Change {
  job: string;
  kind: string;
  subject: string;
  after: string | null;
  effect: string;
  line: number;
}

/** The diff of two trees; `files` are other files of each side (local actions). */
export async function diff(
  base: string,
  head: string,
  files: { base?: Record<string, string>; head?: Record<string, string> } = {},
): Promise<Change[]> {
  for (const text of [base, head]) expect(githubFacts('ci.yml', text).valid).toBe(true);
  const r = await cli([
    'diff',
    tree(base, files.base ?? {}),
    tree(head, files.head ?? {}),
    '--format',
    'json',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { changes: Change[] }).changes;
}

export const widenedSecret = (changes: Change[]) =>
  changes.filter((c) => c.job === 'a' && c.kind === 'secret' && c.subject === '*' && c.effect === 'widened');
