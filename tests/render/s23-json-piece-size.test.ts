/**
 * Session 23: the JSON report's pieces stay below V8's large-object size (128 KiB) for reports of the
 * size a real repository's jobs have (0.25 to 1.3 KB each on the 1,503-workflow corpus). A string
 * above it gets pages of its own, and on the bench machine every fresh page is a page fault: at 256
 * elements a piece was 100 to 300 KB and the corpus check's JSON report cost three times the CPU.
 */
import { describe, expect, it } from '@jest/globals';
import type { CheckResult, JobReport } from '../../shared/check/run.js';
import { renderJsonPieces } from '../../shared/render/json.js';

const LARGE_OBJECT = 128 * 1024;

/** A job report of about 1 KB of JSON (the corpus: median 0.8 KB, largest 1.3 KB). */
function job(i: number): JobReport {
  return {
    workflow: `.github/workflows/release-${i}.yml`,
    job: `publish-${i}`,
    permissions: Object.fromEntries(
      [
        'actions',
        'attestations',
        'checks',
        'contents',
        'deployments',
        'id-token',
        'issues',
        'packages',
        'pages',
        'pull-requests',
        'security-events',
        'statuses',
      ].map((s) => [s, 'write']),
    ),
    secrets: ['GITHUB_TOKEN', 'NPM_TOKEN', 'SLACK_WEBHOOK_URL', 'CODECOV_TOKEN'],
    environments: ['production'],
    triggers: ['push', 'pull_request', 'workflow_dispatch', 'release'],
    actions: [
      'actions/checkout@8e5e7e5ab8b370d6c329ec480221332ada57f0ab',
      'actions/setup-node@64ed1c7eab4cce3362f8c340dee64e5eaeef8f7c',
      'actions/cache@88522ab9f39a2ea568f7027eddc7d8d8bc9d59c8',
      'softprops/action-gh-release@de2c0eb89ae2a093876385947365aca7b0e5f844',
    ],
  };
}

describe('JSON report pieces', () => {
  it('stay below the large-object size for jobs of a real repository size', () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => job(i));
    const size = JSON.stringify(jobs[0], null, 2).length;
    expect(size).toBeGreaterThan(900);
    const result: CheckResult = { jobs, findings: [] };
    const longest = Math.max(...[...renderJsonPieces(result)].map((p) => p.length));
    expect(longest).toBeLessThan(LARGE_OBJECT);
  });
});
