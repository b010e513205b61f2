/**
 * Session 31 (w-rfaces): an environment or a secret named by a needed job's output is what that job
 * writes (sessions 29-30: its text is among the sources the diff compares). The needed job's script
 * also reads the workflow's `env:`: `environment: ${{ needs.setup.outputs.v }}` with `setup` writing
 * `v=$TARGET`, and the workflow's `env: { TARGET: staging }` changed to `production`, moved the job
 * into the production environment (and its secrets) while the diff said "No access changes" (both
 * failed at 454b932). Now a widened row.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from './diff-trees.js';

describe("diff: a needed job's output is what the workflow's env it reads holds (s31)", () => {
  const needsJob = (target: string, reader: string) =>
    `on: push\nenv:\n  TARGET: ${target}\njobs:\n  setup:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=$TARGET" >> "$GITHUB_OUTPUT"\n  a:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n${reader}    steps:\n      - run: ./deploy.sh\n`;

  it('an environment named by the output: a widened environment row', async () => {
    const reader = '    environment: ${{ needs.setup.outputs.v }}\n';
    const changes = await diff(needsJob('staging', reader), needsJob('production', reader));
    expect(changes).toContainEqual(
      expect.objectContaining({ job: 'a', kind: 'environment', effect: 'widened' }),
    );
  });

  it('a secret named by the output: a widened `secret *` row', async () => {
    const reader = '    env:\n      TOKEN: ${{ secrets[needs.setup.outputs.v] }}\n';
    const changes = await diff(needsJob('STAGING_KEY', reader), needsJob('PROD_KEY', reader));
    expect(widenedSecret(changes)).toHaveLength(1);
  });
});
