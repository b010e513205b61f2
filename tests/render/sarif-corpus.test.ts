/**
 * SARIF fingerprints over the real-world corpus (../shared/corpus/realworld-2021, 1,503 workflows):
 * all of it as one repository (the case where same-named jobs of different workflows collided), once
 * with an empty manifest (every finding) and once with the manifest `init` writes, pinning required.
 * The corpus is required: without it this test fails, it does not skip.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCheck } from '../../shared/check/run.js';
import { renderInitManifest } from '../../shared/manifest/init.js';
import { renderSarif } from '../../shared/render/sarif.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { parseWorkflows } from '../../shared/workflow/load.js';
import { manifest } from '../support/repo.js';

const corpus = new URL('../../../shared/corpus/realworld-2021/', import.meta.url).pathname;

function fingerprints(sarif: string): string[] {
  return (
    JSON.parse(sarif) as { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }
  ).runs[0]!.results.map((r) => r.partialFingerprints['stepwarden/v2']!);
}

describe('SARIF fingerprints over the corpus', () => {
  it('finds the corpus', () => {
    if (!existsSync(corpus))
      throw new Error(
        `the workflow corpus is missing at ${corpus}; it is required (see tests/render/sarif-corpus.test.ts)`,
      );
    expect(readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f)).length).toBeGreaterThan(1000);
  });

  const load = () => {
    const files = readdirSync(corpus)
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => ({ path: `.github/workflows/${f}`, text: readFileSync(join(corpus, f), 'utf8') }));
    return parseWorkflows(files);
  };

  it('are unique and stable for every finding of the corpus as one repository', () => {
    const workflows = load();
    const jobs = resolveAccess(workflows, 'permissive');
    const init = renderInitManifest(jobs, workflows, { repositoryDefault: 'permissive' }).replace(
      'require-pinned-actions: false',
      'require-pinned-actions: true',
    );
    for (const text of ['version: 1\n', init]) {
      const result = runCheck({ workflows, jobs, manifest: manifest(text) });
      expect(result.findings.length).toBeGreaterThan(100);
      const fps = fingerprints(renderSarif(result, '0'));
      const dupes = fps.filter((x, i) => fps.indexOf(x) !== i);
      expect(dupes).toEqual([]);
      // Same input, same fingerprints; a finding's fingerprint does not depend on its line.
      expect(fingerprints(renderSarif(runCheck({ workflows, jobs, manifest: manifest(text) }), '0'))).toEqual(
        fps,
      );
    }
  });
});
