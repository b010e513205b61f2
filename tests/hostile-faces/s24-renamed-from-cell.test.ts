/**
 * Session 24, attacking session 23's rule that a widened row no label approves is one the comment
 * cannot show whole: a renamed workflow's old name (`ci.yml (was …)`) is a name clipped at 300
 * characters in its cell like the workflow, job and subject, but was not counted, so a row whose old
 * name was shown in part was approvable. And the two-stage artifact took old names up to 200
 * characters while its workflow names go to 300: a rename from a 250-character file name that the
 * compute job wrote was refused by the post job.
 */
import { describe, expect, it } from '@jest/globals';
import { artifactSchema } from '../../shared/actions/access-diff.js';
import type { Change } from '../../shared/diff/diff.js';
import { renderDiffMarkdown, widenedNotShown } from '../../shared/diff/render.js';

const renamed = (from: string): Change => ({
  workflow: 'ci.yml',
  job: 'lint',
  kind: 'permission',
  subject: 'contents',
  before: 'read',
  after: 'write',
  effect: 'widened',
  renamedFrom: from,
});

describe("a renamed workflow's old name in a widened row", () => {
  it('past its cell, the row is not shown whole and no label approves it', () => {
    const row = renamed(`${'o'.repeat(297)}.yml`);
    expect(row.renamedFrom!.length).toBe(301);
    expect(widenedNotShown([row], renderDiffMarkdown([row]))).toBe(1);
  });

  it('at its cell, shown whole', () => {
    const row = renamed(`${'o'.repeat(296)}.yml`);
    expect(widenedNotShown([row], renderDiffMarkdown([row]))).toBe(0);
  });

  it('the artifact takes an old name as long as a workflow name', () => {
    const changes = [renamed(`${'o'.repeat(246)}.yml`)];
    const artifact = { version: 1, headSha: 'a'.repeat(40), changes };
    expect(artifactSchema.safeParse(artifact).success).toBe(true);
  });
});
