/**
 * Session 31 (w-rfaces): a value the diff compares by what it reads in the files (a secret named by a
 * computed expression, an environment named by a needed job's output, where stepwarden's step sends
 * the OIDC token) read from a step output that a local composite action writes. The action's file is
 * in the repository and the pull request can change it alone: `./actions/pick` printing
 * `k=PROD_KEY` instead of `k=STAGING_KEY`, `env=production` instead of `staging`, or another broker
 * host, moved the job to another secret, environment or token destination while the diff said "No
 * access changes" (all three failed at 454b932). Now the digest of every local action file a job runs
 * is among those sources (the job's own for `steps`, the needed jobs' for `needs`): a widened row.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from './diff-trees.js';

/** A composite action whose step `e` prints `NAME=VALUE` as its output `v`. */
const pick = (line: string) =>
  `name: pick\ndescription: x\noutputs:\n  v:\n    description: x\n    value: \${{ steps.e.outputs.v }}\nruns:\n  using: composite\n  steps:\n    - id: e\n      run: echo "v=${line}" >> "$GITHUB_OUTPUT"\n      shell: bash\n`;
const ACTION = 'actions/pick/action.yml';
const sides = (before: string, after: string) => ({
  base: { [ACTION]: pick(before) },
  head: { [ACTION]: pick(after) },
});
const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

describe('diff: a step output written by a local composite action is what its file says (s31)', () => {
  it('a secret named by it: a widened `secret *` row', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - id: s\n        uses: ./actions/pick\n      - run: ./deploy.sh "\${{ secrets[steps.s.outputs.v] }}"\n`;
    expect(widenedSecret(await diff(text, text, sides('STAGING_KEY', 'PROD_KEY')))).toHaveLength(1);
  });

  it("an environment named by a needed job's output it writes: a widened environment row", async () => {
    const text = `on: push\njobs:\n  setup:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        uses: ./actions/pick\n  a:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    environment: \${{ needs.setup.outputs.v }}\n    steps:\n      - run: ./deploy.sh\n`;
    expect(await diff(text, text, sides('staging', 'production'))).toContainEqual(
      expect.objectContaining({ job: 'a', kind: 'environment', effect: 'widened' }),
    );
  });

  it('a broker-url read from it: a widened sink row', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: s\n        uses: ./actions/pick\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: \${{ steps.s.outputs.v }}\n          oidc-audience: https://broker.corp.example\n`;
    const changes = await diff(text, text, sides('https://broker.corp.example', 'https://evil.example'));
    expect(changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened')).toHaveLength(
      1,
    );
  });

  it('negatives: the same action file; an action changed in a job whose values read no step output', async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    strategy: { matrix: { k: [STAGING_KEY] } }\n    steps:\n      - id: s\n        uses: ./actions/pick\n      - run: ./deploy.sh "\${{ secrets[matrix.k] }}"\n`;
    expect(await diff(text, text, sides('x', 'x'))).toEqual([]);
    expect(await diff(text, text, sides('x', 'y'))).toEqual([]);
  });
});
