/**
 * Session 40 (w-rfaces): what the check's report says a job holds when it calls a reusable workflow
 * with `secrets: inherit`. The job hands every secret of the repository to the callee (for a callee
 * in another repository: to code this check never reads). The manifest must say so (`inherit` in the
 * job's `secrets:`, inherited-secrets), `init` writes it, the access diff lists it (`inherit →
 * owner/repo`), but the report's effective access, the JSON contract's `jobs[].secrets` and the job
 * summary's table that a reviewer compares the findings against, listed no secret at all: at 7813552
 * `secrets: []` and an empty cell for a job passing every secret to `other/repo` (seen failing:
 * `Expected: ["inherit"]`, `Received: []`). Now the job's secrets hold `inherit`, the manifest's word.
 */
import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { renderJson } from '../../shared/render/json.js';
import { renderMarkdown } from '../../shared/render/markdown.js';
import { manifest, wf } from '../support/repo.js';

const REMOTE = 'other/repo/.github/workflows/x.yml@0123456789012345678901234567890123456789';
const caller = (uses: string, secrets = 'secrets: inherit') =>
  `on: push\npermissions:\n  contents: read\njobs:\n  call:\n    uses: ${uses}\n    ${secrets}\n`;
const MANIFEST = `version: 1
repository: { name: o/r }
workflows:
  ci.yml:
    triggers: [push]
    jobs:
      call:
        permissions: { contents: read }
        secrets: [inherit]
`;

const report = (files: Record<string, string>) =>
  runCheck({
    workflows: Object.entries(files).map(([f, t]) => wf(f, t)),
    manifest: manifest(MANIFEST),
  });
type Json = { jobs: { workflow: string; job: string; secrets: string[] }[] };

describe('a job calling with `secrets: inherit` holds every secret in the report (session 40)', () => {
  it('to another repository: the JSON and the summary say inherit, and the declared entry passes', () => {
    const r = report({ 'ci.yml': caller(REMOTE) });
    expect(r.findings).toEqual([]);
    const json = JSON.parse(renderJson(r)) as Json;
    expect(json.jobs.find((j) => j.job === 'call')?.secrets).toEqual(['inherit']);
    const row = renderMarkdown(r)
      .split('\n')
      .find((l) => l.startsWith('| <code>ci.yml / call</code>'));
    expect(row).toContain('<code>inherit</code>');
  });

  it('to a local workflow: the caller says inherit, the callee keeps the names it reads', () => {
    const r = report({
      'ci.yml': caller('./.github/workflows/mid.yml'),
      'mid.yml':
        'on:\n  workflow_call:\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ secrets.NPM }}\n',
    });
    const json = JSON.parse(renderJson(r)) as Json;
    expect(json.jobs.find((j) => j.job === 'call')?.secrets).toEqual(['inherit']);
    expect(json.jobs.find((j) => j.job === 'inner')?.secrets).toEqual(['NPM']);
  });

  it('named secrets are listed as before, without inherit', () => {
    const r = report({ 'ci.yml': caller(REMOTE, 'secrets:\n      TOKEN: ${{ secrets.TOKEN }}') });
    const json = JSON.parse(renderJson(r)) as Json;
    expect(json.jobs.find((j) => j.job === 'call')?.secrets).toEqual(['TOKEN']);
  });
});
