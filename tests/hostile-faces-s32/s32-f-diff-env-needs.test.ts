/**
 * Session 32 (w-rfaces): a value read from `env` whose variable the job's `env:`, a step's `env:` or a
 * step's script fills from a needed job's output (`K: ${{ needs.setup.outputs.k }}`, then
 * `secrets[env.K]` or `broker-url: ${{ env.B }}`). Session 31 made an `env` read carry the `env:`s
 * and the steps, and a `needs` read the needed jobs, but the expression here names only `env`: the
 * needed job `setup` printing `k=PROD_KEY` instead of `k=STAGING_KEY` (or another broker host) moved
 * the job to another secret or token destination while the diff said "No access changes" (the three
 * positive cases failed at f6cb0ee). Now the `env:`s and steps such a read carries naming `needs`
 * carry the needed jobs too (shared/workflow/parse.ts parseJob, stepWithSources).
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from '../hostile-faces-s31/diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const setup = (v: string) =>
  `  setup:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    outputs:\n      k: \${{ steps.s.outputs.k }}\n    steps:\n      - id: s\n        run: echo "k=${v}" >> "$GITHUB_OUTPUT"\n`;
const head = (v: string) =>
  `on: push\njobs:\n${setup(v)}  a:\n    needs: setup\n    runs-on: ubuntu-latest\n`;

describe("diff: an env read filled from a needed job's output (s32)", () => {
  it("the job's env: names the secret", async () => {
    const t = (v: string) =>
      `${head(v)}    permissions: { contents: read }\n    env:\n      K: \${{ needs.setup.outputs.k }}\n    steps:\n      - run: ./deploy.sh "\${{ secrets[env.K] }}"\n`;
    expect(widenedSecret(await diff(t('STAGING_KEY'), t('PROD_KEY')))).toHaveLength(1);
  });

  it("a step's env: names the secret; a script writes $GITHUB_ENV from needs", async () => {
    const stepEnv = (v: string) =>
      `${head(v)}    permissions: { contents: read }\n    steps:\n      - run: ./deploy.sh "\${{ secrets[env.K] }}"\n        env:\n          K: \${{ needs.setup.outputs.k }}\n`;
    expect(widenedSecret(await diff(stepEnv('STAGING_KEY'), stepEnv('PROD_KEY')))).toHaveLength(1);
    const script = (v: string) =>
      `${head(v)}    permissions: { contents: read }\n    steps:\n      - run: echo "K=\${{ needs.setup.outputs.k }}" >> "$GITHUB_ENV"\n      - run: ./deploy.sh "\${{ secrets[env.K] }}"\n`;
    expect(widenedSecret(await diff(script('STAGING_KEY'), script('PROD_KEY')))).toHaveLength(1);
  });

  it("the job's env: names the broker-url", async () => {
    const t = (v: string) =>
      `${head(v)}    permissions: { contents: read, id-token: write }\n    env:\n      B: \${{ needs.setup.outputs.k }}\n    steps:\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: \${{ env.B }}\n          oidc-audience: https://broker.corp.example\n`;
    const changes = await diff(t('https://broker.corp.example'), t('https://evil.example'));
    expect(changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened')).toHaveLength(
      1,
    );
  });

  it('negative: the env: holds a literal; nothing changes', async () => {
    // Session 33: the workflow file is itself one of the repository's files a step may read as data
    // (tests/hostile-faces-s33/s33-f-diff-repo-files-data), so any change of it, the needed job's
    // included, now moves a value read from `env` (whose sources are the job's steps); only the same
    // texts show nothing.
    const t = (v: string) =>
      `${head(v)}    permissions: { contents: read }\n    env:\n      K: STAGING_KEY\n    steps:\n      - run: ./deploy.sh "\${{ secrets[env.K] }}"\n`;
    expect(await diff(t('STAGING_KEY'), t('STAGING_KEY'))).toEqual([]);
  });
});
