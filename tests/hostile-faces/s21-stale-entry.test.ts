/**
 * Session 21: the manifest and the broker key grants by workflow file and job id, and a manifest can
 * hold an entry no job of the default branch has (a job renamed or removed since, or written ahead
 * for one not yet merged). A pull request that renames its job `build` to `deploy`, or adds a job
 * or a workflow file under such a stale entry, takes that entry's grants (an App token with
 * `administration: write`) while the manifest is unchanged: the diff showed one "job added" row naming
 * the job's GITHUB_TOKEN permissions and no credential. Session 13 did this for renamed files only.
 * The base manifest is now read as the base's jobs could use it: an entry for a job (or a file) the
 * base has not is compared as absent, so the head's grants show as credential and manifest rows.
 */
import { describe, expect, it } from '@jest/globals';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, type RepoState } from '../../shared/diff/source.js';
import { wf } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const job = (id: string) =>
  `  ${id}:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n` +
  `      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://b", audience: github }\n`;
const workflow = (...ids: string[]) => `on: push\njobs:\n${ids.map(job).join('')}`;
const entry = (id: string, perms: string) =>
  `      ${id}:\n        permissions: { contents: read, id-token: write }\n        credentials:\n` +
  `          - { step: publish, audience: github, permissions: { ${perms} } }\n`;
const MANIFEST =
  'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n' +
  entry('build', 'contents: read') +
  entry('deploy', 'contents: write, administration: write') +
  '  release.yml:\n    jobs:\n' +
  entry('publish', 'contents: write, administration: write');
const state = (label: string, files: Record<string, string>): RepoState => ({
  label,
  workflows: Object.entries(files).map(([f, t]) => wf(f, t)),
  ...manifestOf(MANIFEST, label),
});
const credentialRows = (base: Record<string, string>, head: Record<string, string>) => {
  const { changes } = diffStates(state('base', base), state('head', head));
  return { changes, creds: changes.filter((c) => c.kind === 'credential' && c.effect === 'widened') };
};

describe("a job that takes a stale manifest entry's grants shows them", () => {
  it.each<[string, Record<string, string>, Record<string, string>, string, string]>([
    [
      'a job renamed into the entry',
      { 'ci.yml': workflow('build') },
      { 'ci.yml': workflow('deploy') },
      'ci.yml',
      'deploy',
    ],
    [
      'a job added under it',
      { 'ci.yml': workflow('build') },
      { 'ci.yml': workflow('build', 'deploy') },
      'ci.yml',
      'deploy',
    ],
    [
      'a workflow file added under an entry of its own',
      { 'ci.yml': workflow('build', 'deploy') },
      { 'ci.yml': workflow('build', 'deploy'), 'release.yml': workflow('publish') },
      'release.yml',
      'publish',
    ],
  ])('%s: a widened credential row naming the access', (_, base, head, file, id) => {
    const { changes, creds } = credentialRows(base, head);
    expect(creds).toEqual([
      expect.objectContaining({ workflow: file, job: id, subject: 'publish@github', before: null }),
    ]);
    expect(creds[0]!.after).toMatch(/administration/);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('held: an entry whose job exists on both sides is no row; a job removed leaves its entry as a narrowed row only if the manifest changes', () => {
    const both = { 'ci.yml': workflow('build', 'deploy') };
    expect(diffStates(state('base', both), state('head', both)).changes).toEqual([]);
    const { changes } = diffStates(state('base', both), state('head', { 'ci.yml': workflow('build') }));
    expect(changes.filter((c) => c.effect === 'widened')).toEqual([]);
  });

  it('held: a base workflow that does not parse keeps its entries (cannot judge, never fewer rows)', () => {
    const { changes } = diffStates(
      state('base', { 'ci.yml': 'on: push\njobs: [' }),
      state('head', { 'ci.yml': workflow('build', 'deploy') }),
    );
    expect(changes.filter((c) => c.kind === 'credential')).toEqual([]);
  });
});
