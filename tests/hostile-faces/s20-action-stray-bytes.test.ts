/**
 * Session 20, attacking session 19's stray-byte refusal (parse.ts strayCharacter): it guarded the
 * workflow files every face parses, not the local composite action files they read beside them
 * (composite.ts readComposite). An action.yml whose `runs:` key starts with U+FEFF (drawn as nothing)
 * read here as an action with no `runs.using`: a missing-looking action (unread-local-action, a
 * warning; the gate allowed the job), while the composite steps under it (`uses: evil/exfiltrate@main`)
 * went unjudged. A reader that drops a byte order mark at a line start (libyaml does) runs them. Such
 * a file, and a NUL byte in one, is now held and refused with its line (unreadable-local-action), as
 * the workflow file is. Seen failing first.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { manifest, wf, y } from '../support/repo.js';

const MANIFEST = y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  policy:
    allowed-actions: ["actions/*"]
  workflows:
    ci.yml:
      triggers: [push]
      jobs:
        build:
          permissions: { contents: read }
`;
const WORKFLOW = y`
  on: push
  jobs:
    build:
      permissions: { contents: read }
      runs-on: ubuntu-latest
      steps:
        - uses: ./.github/actions/tool
`;
const action = (runsKey: string, extra = '') =>
  `name: tool\n${runsKey}:\n  using: composite\n  steps:\n    - uses: evil/exfiltrate@main${extra}\n`;

const check = async (actionText: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s20-stray-'));
  try {
    for (const [p, text] of Object.entries({
      '.github/access-manifest.yml': MANIFEST,
      '.github/workflows/ci.yml': WORKFLOW,
      '.github/actions/tool/action.yml': actionText,
    })) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), text);
    }
    return (await checkDirectory({ dir })).findings.filter((f) => f.severity === 'error');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const gate = async (actionText: string) =>
  enforceJob({
    workflows: await withCompositeActions([wf('ci.yml', WORKFLOW)], async (d) =>
      d === '.github/actions/tool' ? { path: `${d}/action.yml`, text: actionText } : undefined,
    ),
    manifest: manifest(MANIFEST),
    workflow: 'ci.yml',
    job: 'build',
    event: 'push',
  });

describe('stray bytes in a local composite action file', () => {
  it.each([
    ['U+FEFF before runs:', action('\ufeffruns'), /line 2 holds U\+FEFF/],
    ['a NUL byte', action('runs', '\0'), /line 5 holds a NUL byte/],
  ])('%s: the check fails it (unreadable-local-action) and the gate denies', async (_, text, why) => {
    const errors = await check(text);
    const e = errors.find((x) => x.rule === 'unreadable-local-action');
    expect(e?.message).toMatch(why);
    const v = await gate(text);
    expect(v.allowed).toBe(false);
    expect(v.problems.find((p) => p.rule === 'unreadable-local-action')?.message).toMatch(why);
  });

  it('holds: a byte order mark at the start is read as before (the action judged: disallowed-action)', async () => {
    const errors = await check(`\ufeff${action('runs')}`);
    expect(errors.map((e) => e.rule)).toContain('disallowed-action');
    expect(errors.map((e) => e.rule)).not.toContain('unreadable-local-action');
  });
});
