/**
 * Session 40 (w-rfaces), held: the access-diff comment past GitHub's 65,536-character body limit. Rows
 * of multi-byte names and of unjudged files first: the cut body stays under the limit in characters
 * and bytes, still says how many are widened, keeps the approval digest, and counts every widened row it
 * could not show, which the action turns into a refusal no label approves.
 */
import { describe, expect, it } from '@jest/globals';
import type { Change } from '../../shared/diff/diff.js';
import { digestOf, renderDiffMarkdown, widenedDigest, widenedNotShown } from '../../shared/diff/render.js';

const change = (i: number, effect: Change['effect']): Change => ({
  workflow: `wörkflow-${'é'.repeat(40)}-${i}.yml`,
  job: `job_${i}`,
  kind: effect === 'cannot-judge' ? 'workflow' : 'permission',
  subject: effect === 'cannot-judge' ? 'unreadable' : 'contents',
  before: effect === 'cannot-judge' ? null : 'read',
  after: effect === 'cannot-judge' ? 'not read' : 'write',
  effect,
  file: `.github/workflows/wörkflow-${i}.yml`,
  line: 3,
});

describe('the access-diff comment at GitHub’s limit (session 40, held)', () => {
  const changes = [
    ...Array.from({ length: 60 }, (_, i) => change(i, 'cannot-judge')),
    ...Array.from({ length: 400 }, (_, i) => change(i, 'widened')),
    ...Array.from({ length: 50 }, (_, i) => change(i, 'narrowed')),
  ];
  const body = renderDiffMarkdown(changes, {
    digest: true,
    headSha: 'a'.repeat(40),
    blobBase: 'https://github.com/o/r/blob/x',
  });

  it('is under the limit in characters and bytes, and still says widened and cut', () => {
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(65_536);
    expect(body).toContain('**400 widened**');
    expect(body).toMatch(/\*\*\d+ of 400 widened\*\* and \d+ of 50 narrowed changes are not listed/);
    expect(digestOf(body)).toBe(widenedDigest(changes));
  });

  it('counts the widened rows it does not show, so no label approves them', () => {
    expect(widenedNotShown(changes, body)).toBeGreaterThan(0);
  });
});
