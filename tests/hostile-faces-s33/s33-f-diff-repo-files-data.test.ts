/**
 * Session 33 (w-rfaces): a step's script may read a workflow file or the manifest as data
 * (`sed`/`yq` over `.github/workflows/*.yml` or `.github/access-manifest.yml`) and print the name of
 * the secret, the environment or where the token goes. Session 32 left those files out of the
 * repository's files digest (the diff compares them by their parts), so a pull request changing only
 * a part the diff does not compare (a comment, another job's `env:`, a key of another workflow) moved
 * the value while the diff said "No access changes". Every positive case here failed at 8d88a68.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from '../hostile-faces-s31/diff-trees.js';

/** Job `a` reads a secret named by step `s`'s output, which `s` reads from FILE's `# KEY=` comment. */
const secretJob = (file: string, comment: string) =>
  `# KEY=${comment}\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: s\n        run: grep -o 'KEY=[A-Z_]*' ${file} | sed s/KEY/v/ >> "$GITHUB_OUTPUT"\n      - run: ./deploy.sh "\${{ secrets[steps.s.outputs.v] }}"\n`;

const MANIFEST = (comment: string) =>
  `# KEY=${comment}\nversion: 1\nworkflows:\n  ci.yml:\n    jobs:\n      setup:\n        permissions: { contents: read }\n      a:\n        permissions: { contents: read }\n        secrets: ['*']\n`;

describe('diff: a computed value read from a workflow file or the manifest as data (s33)', () => {
  it('the workflow file itself: only its comment changed, a widened secret row', async () => {
    const file = '.github/workflows/ci.yml';
    expect(
      widenedSecret(await diff(secretJob(file, 'STAGING_KEY'), secretJob(file, 'PROD_KEY'))),
    ).toHaveLength(1);
  });

  it('another workflow file read as data: a widened secret row', async () => {
    const file = '.github/workflows/keys.yml';
    const text = secretJob(file, 'X');
    const keys = (k: string) => ({
      [file]: `# KEY=${k}\non: workflow_dispatch\njobs:\n  k:\n    runs-on: ubuntu-latest\n    permissions: {}\n    steps:\n      - run: echo\n`,
    });
    expect(
      widenedSecret(await diff(text, text, { base: keys('STAGING_KEY'), head: keys('PROD_KEY') })),
    ).toHaveLength(1);
  });

  it('the manifest read as data: a widened secret row', async () => {
    const text = secretJob('.github/access-manifest.yml', 'X');
    const files = (k: string) => ({ '.github/access-manifest.yml': MANIFEST(k) });
    expect(
      widenedSecret(await diff(text, text, { base: files('STAGING_KEY'), head: files('PROD_KEY') })),
    ).toHaveLength(1);
  });

  it('negatives: a job reading no step output for such a value; the same files', async () => {
    const literal = secretJob('.github/workflows/ci.yml', 'A').replace(
      'secrets[steps.s.outputs.v]',
      'secrets.K',
    );
    expect(await diff(literal, literal.replace('# KEY=A', '# KEY=B'))).toEqual([]);
    const same = secretJob('.github/workflows/ci.yml', 'A');
    expect(await diff(same, same)).toEqual([]);
  });
});
