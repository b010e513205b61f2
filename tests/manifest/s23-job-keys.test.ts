/**
 * Manifest `jobs:` keys that GitHub never allows as job ids (workflow/job-id.ts, the parser's
 * IdBuilder rule) are refused at load with the key, its line and the fix: before session 23 they
 * loaded and their grants could never be claimed (the broker refuses such a `job=`).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManifestError } from '../../shared/manifest/errors.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { JOB_ID } from '../../shared/workflow/job-id.js';

const FILE = '.github/access-manifest.yml';
const manifest = (job: string) =>
  [
    'version: 1',
    'workflows:',
    '  ci.yml:',
    '    jobs:',
    '      build:',
    '        permissions: { contents: read }',
    `      ${JSON.stringify(job)}:`,
    '        permissions: { contents: write }',
    '',
  ].join('\n');

function refusal(text: string): ManifestError {
  try {
    loadManifest(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return err as ManifestError;
  }
  throw new Error('expected a ManifestError');
}

describe('manifest jobs: keys GitHub never allows', () => {
  it.each([
    ['__x', "ids starting with '__' are reserved"],
    ['a.b', 'it holds "."'],
    ['a'.repeat(100), 'it is 100 characters'],
    ['1build', 'it starts with "1"'],
    ['-x', 'it starts with "-"'],
    ['publiѕh', 'U+0455'],
    ['', 'it is empty'],
  ])('%j is refused with its reason, the key and its line', (job, why) => {
    const err = refusal(manifest(job));
    const text = err.problems.map((p) => p.message).join('\n');
    expect(text).toContain(why);
    expect(text).toContain('not a job id GitHub allows');
    expect(err.problems.some((p) => p.line === 7)).toBe(true);
    expect(err.problems.map((p) => p.fix).join('\n')).toContain('ASCII letters, digits, _ and -');
  });

  it('the longest id GitHub allows (99 characters), `_x` and `a-b_9` load', () => {
    for (const job of ['b'.repeat(99), '_x', 'a-b_9'])
      expect(Object.keys(loadManifest(manifest(job), FILE).manifest.workflows['ci.yml']!.jobs)).toContain(
        job,
      );
  });

  it('property: a key loads exactly when it is a GitHub job id', () => {
    const chars = fc.constantFrom('a', 'Z', '_', '-', '0', '.', ' ', 'ѕ', '\u200b', '/', '$');
    fc.assert(
      fc.property(
        fc.array(chars, { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
        (job) => {
          let loaded = true;
          try {
            loadManifest(manifest(job), FILE);
          } catch (err) {
            if (!(err instanceof ManifestError)) throw err;
            loaded = false;
          }
          expect(loaded).toBe(JOB_ID.test(job) && job !== 'build');
        },
      ),
      { numRuns: 200 },
    );
  });
});
