/**
 * Session 31 (w-rfaces): a matrix computed from a needed job's output. `strategy: { matrix: { k: ${{
 * fromJSON(needs.setup.outputs.m) }} } }` with `secrets[matrix.k]`, `environment: ${{ matrix.k }}`,
 * `broker-url: ${{ matrix.k }}` or `runs-on: ${{ matrix.k }}`: the expression reads only `matrix`, so
 * its sources were the strategy's text, which reads the same on both sides, and not the `setup` job
 * that writes the list. A pull request that changed `setup`'s script from `["STAGING_KEY"]` to
 * `["PROD_KEY"]` (or `staging` to `production`, the broker's host, `ubuntu-latest` to `self-hosted`)
 * handed the job another secret, environment, token destination or runner while the diff said "No
 * access changes" (all four failed at 454b932). Now a strategy that reads `needs` carries the needed
 * jobs as an expression reading `needs` does: a widened row.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from './diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
/** `setup` prints the matrix list `[v]`; job `a` runs over it and reads `matrix.k` as `reader` says. */
const matrixFromNeeds = (v: string, reader: { job?: string; steps?: string }) =>
  `on: push\njobs:\n  setup:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    outputs:\n      m: \${{ steps.s.outputs.m }}\n    steps:\n      - id: s\n        run: echo 'm=["${v}"]' >> "$GITHUB_OUTPUT"\n  a:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    strategy:\n      matrix:\n        k: \${{ fromJSON(needs.setup.outputs.m) }}\n${reader.job ?? ''}    steps:\n${reader.steps ?? '      - run: ./deploy.sh\n'}`;

describe("diff: a matrix read from a needed job's output is what that job writes (s31)", () => {
  it('a secret named by the matrix: a widened `secret *` row', async () => {
    const reader = { steps: '      - run: ./deploy.sh "${{ secrets[matrix.k] }}"\n' };
    const rows = widenedSecret(
      await diff(matrixFromNeeds('STAGING_KEY', reader), matrixFromNeeds('PROD_KEY', reader)),
    );
    expect(rows).toHaveLength(1);
  });

  it('an environment named by the matrix: a widened environment row', async () => {
    const reader = { job: '    environment: ${{ matrix.k }}\n' };
    expect(
      await diff(matrixFromNeeds('staging', reader), matrixFromNeeds('production', reader)),
    ).toContainEqual(expect.objectContaining({ job: 'a', kind: 'environment', effect: 'widened' }));
  });

  it('a broker-url read from the matrix: a widened sink row', async () => {
    const reader = {
      steps: `      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: \${{ matrix.k }}\n          oidc-audience: https://broker.corp.example\n`,
    };
    const changes = await diff(
      matrixFromNeeds('https://broker.corp.example', reader),
      matrixFromNeeds('https://evil.example', reader),
    );
    expect(changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened')).toHaveLength(
      1,
    );
  });

  it('a runner named by the matrix (`runs-on: ${{ matrix.k }}`): a widened runner row', async () => {
    const onRunner = (v: string) =>
      matrixFromNeeds(v, {}).replace(
        '    runs-on: ubuntu-latest\n    permissions: { contents: read, id',
        '    runs-on: ${{ matrix.k }}\n    permissions: { contents: read, id',
      );
    expect(await diff(onRunner('ubuntu-latest'), onRunner('self-hosted'))).toContainEqual(
      expect.objectContaining({ job: 'a', kind: 'job', subject: 'runner', effect: 'widened' }),
    );
  });

  it('negative: a literal matrix beside a changed needed job has no row', async () => {
    const literal = (v: string) =>
      matrixFromNeeds(v, { steps: '      - run: ./deploy.sh "${{ secrets[matrix.k] }}"\n' }).replace(
        '${{ fromJSON(needs.setup.outputs.m) }}',
        '[STAGING_KEY]',
      );
    expect(await diff(literal('A'), literal('B'))).toEqual([]);
  });
});
