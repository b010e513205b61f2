/**
 * Session 40 (w-rfaces): the SARIF file at code scanning's limits. GitHub stores at most 5,000 results
 * of a run ("Analysis SARIF file exceeded alert limits ... Only 5000 were stored"; docs: "Results per
 * run 25,000 | Only the top 5,000 results will be included, prioritized by severity", which
 * github/docs#38085 reports the service does not do as written). The check wrote its results in file
 * order, so a repository with 5,000 warnings in files sorting before the one holding an error (a
 * monorepo's unpinned actions, or a pull request adding them in `.github/workflows/a*.yml`) had its
 * error stored by neither reading: no alert for it in code scanning, while the alerts shown were
 * warnings. Now the results are written errors first (file order within a severity), and each keeps
 * the fingerprint it had in file order, so no alert is closed and reopened by the new order.
 */
import { describe, expect, it } from '@jest/globals';
import type { Finding } from '../../shared/check/finding.js';
import type { CheckResult } from '../../shared/check/run.js';
import { fingerprintsOf, renderSarif } from '../../shared/render/sarif.js';

interface Result {
  ruleId: string;
  level: string;
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  partialFingerprints: Record<string, string>;
}
const results = (r: CheckResult): Result[] =>
  (JSON.parse(renderSarif(r, '0')) as { runs: { results: Result[] }[] }).runs[0]!.results;

const warning = (i: number): Finding => ({
  rule: 'unused-grant',
  severity: 'warning',
  workflow: 'a.yml',
  job: `j${i}`,
  subject: 'contents',
  message: `job 'j${i}' is granted contents: write and does not use it`,
  file: '.github/workflows/a.yml',
  line: i + 1,
});
const error: Finding = {
  rule: 'excess-permission',
  severity: 'error',
  workflow: 'z.yml',
  job: 'release',
  subject: 'contents',
  message: "job 'release' holds contents: write, but the manifest grants contents: read",
  file: '.github/workflows/z.yml',
  line: 9,
};

describe("SARIF results past code scanning's 5,000 stored (session 40)", () => {
  const findings = [...Array.from({ length: 5_001 }, (_, i) => warning(i)), error];
  const out = results({ jobs: [], findings });

  it('an error is among the first 5,000 results whatever the warnings before it in file order', () => {
    const at = out.findIndex((r) => r.level === 'error');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(5_000);
  });

  it('errors first, then warnings, each in file order; every finding written once', () => {
    expect(out.length).toBe(findings.length);
    expect(out.map((r) => r.level)).toEqual(['error', ...Array<string>(5_001).fill('warning')]);
    expect(out.slice(1).map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(
      findings.slice(0, -1).map((f) => f.file),
    );
  });

  it('each result keeps the fingerprint its finding has in file order (no alert churn)', () => {
    const fps = fingerprintsOf(findings);
    const byLevel = [fps.at(-1)!, ...fps.slice(0, -1)];
    expect(out.map((r) => r.partialFingerprints['stepwarden/v2'])).toEqual(byLevel);
  });

  it('a run without errors is written in file order, as before', () => {
    const only = findings.slice(0, 3);
    expect(results({ jobs: [], findings: only }).map((r) => r.partialFingerprints['stepwarden/v2'])).toEqual(
      fingerprintsOf(only),
    );
  });
});
