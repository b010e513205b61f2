/**
 * self-escalating-grant names only the first ten grants, so session 31 makes a grant's words and key
 * path for those alone: the finding's words, every line it names and its own line stay what they
 * were, with `defaults`, job grants and credential grants mixed past the tenth.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../support/repo.js';

const rule = 'self-escalating-grant';
const n = 12;
const workflow = `on: push\njobs:\n${Array.from(
  { length: n },
  (_, i) =>
    `  j${i}:\n    runs-on: x\n    permissions: { contents: write }\n    steps: [{ id: p, run: x }]\n`,
).join('')}`;
// Line 1 `version`, 2-4 `defaults`, 5 `workflows:`, 6 `r.yml:`, 7 `jobs:`; each job then takes two
// lines, and five more (a credential grant) when i is 1 or 11.
const lines = [
  'version: 1',
  'defaults:',
  '  permissions:',
  '    contents: write',
  'workflows:',
  '  r.yml:',
  '    jobs:',
];
for (let i = 0; i < n; i++) {
  lines.push(`      j${i}:`, '        permissions: { contents: write }');
  if (i === 1 || i === 11)
    lines.push(
      '        credentials:',
      '          - step: p',
      '            audience: github',
      '            repositories: [self]',
      '            permissions: { workflows: write, administration: write, members: read }',
    );
}

describe('self-escalating-grant words and lines (s31)', () => {
  it('names the first ten grants at their lines and counts the rest', () => {
    const fs = findingsOf(rule, { 'r.yml': workflow }, lines.join('\n'));
    expect(fs.map((f) => [f.line, f.workflow, f.job, f.subject])).toEqual([[4, null, null, 'repository']]);
    const shown = [
      '`defaults` (contents: write, every job not listed) at line 4',
      "r.yml job 'j0' (contents: write) at line 9",
      "r.yml job 'j1' (contents: write) at line 11",
      "r.yml job 'j1' credential for step 'p' (workflows: write, administration: write) at line 16",
      ...Array.from({ length: 6 }, (_, k) => `r.yml job 'j${k + 2}' (contents: write) at line ${18 + 2 * k}`),
    ];
    expect(fs[0]!.message).toBe(
      `15 grants can rewrite the access manifest or the workflows on their own repository: ${shown.join('; ')} and 5 more; protect the default branch (required reviews, no direct pushes) and require code-owner review of .github/ (CODEOWNERS), so a credential cannot merge its own access change`,
    );
  });

  it('names credential grants alone at their lines', () => {
    const one = lines.join('\n').replace(/contents: write/g, 'contents: read');
    const fs = findingsOf(rule, { 'r.yml': workflow.replace(/write/g, 'read') }, one);
    expect(fs.map((f) => [f.line, f.workflow, f.job])).toEqual([[16, null, null]]);
    expect(fs[0]!.message).toMatch(
      /^2 grants can rewrite .*: r\.yml job 'j1' credential for step 'p' \(workflows: write, administration: write\) at line 16; r\.yml job 'j11' credential for step 'p' \(workflows: write, administration: write\) at line \d+; protect/,
    );
  });
});
