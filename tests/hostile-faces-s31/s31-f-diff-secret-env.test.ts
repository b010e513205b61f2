/**
 * Session 31 (w-rfaces): the access diff against a pull request that changes which secret a job
 * reads without touching the expression that names it. Session 28 made a secret read by a computed
 * name (`secrets[matrix.key]`) carry what its name reads in the files (the job's strategy, the
 * workflow's `on:`, callers' `with:`; session 30 the needed jobs). `env` and the job's own steps were
 * not among them: `${{ secrets[env.KEY] }}` reads the workflow's, the job's or the step's `env:`, and
 * `${{ secrets[steps.s.outputs.k] }}` what step `s`'s script writes. A pull request that changed
 * `KEY: STAGING_KEY` to `KEY: PROD_KEY` (or the script's `echo k=PROD_KEY`) handed the job another
 * secret while the diff said "No access changes" (all four failed at 454b932). Now a widened
 * `secret *` row on the job's line; the negatives have none.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, widenedSecret } from './diff-trees.js';

/** Job `a` reads a secret by a computed name; `wfEnv`, `jobEnv` and `steps` are written as given. */
const secretJob = (o: { wfEnv?: string; jobEnv?: string; steps: string }) =>
  `on: push\n${o.wfEnv ? `env:\n  KEY: ${o.wfEnv}\n` : ''}jobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n${o.jobEnv ? `    env:\n      KEY: ${o.jobEnv}\n` : ''}    steps:\n${o.steps}`;

const READ_ENV = '      - run: ./deploy.sh "${{ secrets[env.KEY] }}"\n';
const readEnvStep = (key: string) =>
  `      - run: ./deploy.sh "\${{ secrets[env.KEY] }}"\n        env:\n          KEY: ${key}\n`;
const readStepOutput = (key: string) =>
  `      - id: s\n        run: echo "k=${key}" >> "$GITHUB_OUTPUT"\n      - run: ./deploy.sh "\${{ secrets[steps.s.outputs.k] }}"\n`;

describe('diff: a secret named from `env` or a step output is what they hold in the files (s31)', () => {
  it.each([
    [
      "the workflow's env",
      secretJob({ wfEnv: 'STAGING_KEY', steps: READ_ENV }),
      secretJob({ wfEnv: 'PROD_KEY', steps: READ_ENV }),
    ],
    [
      "the job's env",
      secretJob({ jobEnv: 'STAGING_KEY', steps: READ_ENV }),
      secretJob({ jobEnv: 'PROD_KEY', steps: READ_ENV }),
    ],
    [
      "the step's env",
      secretJob({ steps: readEnvStep('STAGING_KEY') }),
      secretJob({ steps: readEnvStep('PROD_KEY') }),
    ],
    [
      "an earlier step's output (its script)",
      secretJob({ steps: readStepOutput('STAGING_KEY') }),
      secretJob({ steps: readStepOutput('PROD_KEY') }),
    ],
    [
      'a variable an earlier step sets through $GITHUB_ENV',
      secretJob({ steps: `      - run: echo "KEY=STAGING_KEY" >> "$GITHUB_ENV"\n${READ_ENV}` }),
      secretJob({ steps: `      - run: echo "KEY=PROD_KEY" >> "$GITHUB_ENV"\n${READ_ENV}` }),
    ],
  ])('%s changed: a widened `secret *` row on the job', async (_what, base, head) => {
    const rows = widenedSecret(await diff(base, head));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBe(head.split('\n').indexOf('  a:') + 1);
    // The row sends the reviewer to where the change can be: env and steps are named among the sources.
    expect(rows[0]!.after).toMatch(/^what the name can be changed \(its sources: .*\benv\b.*\bsteps\b/);
  });

  it('negatives: the same files, or a change nothing the name reads holds, have no row', async () => {
    const same = secretJob({ wfEnv: 'STAGING_KEY', steps: READ_ENV });
    expect(await diff(same, same)).toEqual([]);
    // `secrets[matrix.k]` reads the strategy, not the steps: a changed build script is no secret row.
    const matrix = (script: string) =>
      `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    strategy: { matrix: { k: [STAGING_KEY] } }\n    steps:\n      - run: ${script}\n      - run: ./deploy.sh "\${{ secrets[matrix.k] }}"\n`;
    expect(widenedSecret(await diff(matrix('make'), matrix('make all')))).toEqual([]);
  });
});
