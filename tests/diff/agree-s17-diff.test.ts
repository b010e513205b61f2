/**
 * Session 17: loosened access the diff must not read as "No access changes". Checked and already
 * agreeing (passing before any change): kept as a regression net.
 */
import { describe, expect, it } from '@jest/globals';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, type RepoState } from '../../shared/diff/source.js';
import { wf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const step = `
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b", audience: github }`;
const TWO_JOBS = `on: push\njobs:\n  build:${step}\n  deploy:${step}\n`;

const grantsIn = (job: string, when = '') => {
  const jobs = ['build', 'deploy']
    .map(
      (j) =>
        `      ${j}:\n        permissions: { contents: read, id-token: write }\n` +
        (j === job
          ? `        credentials:\n          - { step: publish, audience: github, permissions: { contents: write }${when} }\n`
          : ''),
    )
    .join('');
  return `version: 1\nrepository: { name: o/r, id: 1, owner-id: 2 }\nworkflows:\n  ci.yml:\n    jobs:\n${jobs}`;
};

const state = (manifestText: string, workflows: Record<string, string>, label: string): RepoState => ({
  label,
  workflows: Object.entries(workflows).map(([f, t]) => wf(f, t)),
  ...manifestOf(manifestText, label),
});

const widened = (base: RepoState, head: RepoState) => {
  const { changes } = diffStates(base, head);
  return { widened: failsOnWidened(changes), rows: changes.map((c) => `${c.effect} ${c.subject}`) };
};

describe('the access diff reports loosened access (session 17)', () => {
  it('a grant moved to another job', () => {
    const r = widened(
      state(grantsIn('build'), { 'ci.yml': TWO_JOBS }, 'base'),
      state(grantsIn('deploy'), { 'ci.yml': TWO_JOBS }, 'head'),
    );
    expect(r).toEqual({
      widened: true,
      rows: expect.arrayContaining([expect.stringMatching(/^widened publish/)]),
    });
  });

  it('a when.ref widened by a glob', () => {
    const r = widened(
      state(grantsIn('build', ', when: { ref: [refs/heads/main] }'), { 'ci.yml': TWO_JOBS }, 'base'),
      state(grantsIn('build', ', when: { ref: [refs/heads/*] }'), { 'ci.yml': TWO_JOBS }, 'head'),
    );
    expect(r.widened).toBe(true);
  });

  it('a callee at the same path asking more, however the call is spelled', () => {
    const m = y`
      version: 1
      repository: { name: o/r, id: 1, owner-id: 2 }
      workflows:
        ci.yml:
          jobs:
            go:
              permissions: { contents: write, id-token: write }
        cd.yml:
          jobs:
            x:
              permissions: { contents: write }
    `;
    const callee = (level: string) =>
      `on: workflow_call\njobs:\n  x:\n    permissions: { contents: ${level} }\n    runs-on: u\n    steps: [{ run: echo }]\n`;
    for (const uses of [
      './.github/workflows/cd.yml',
      'o/r/.github/workflows/cd.yml@main',
      'o/r//.github/workflows/cd.yml@main',
    ]) {
      const caller = `on: push\njobs:\n  go:\n    permissions: { contents: write, id-token: write }\n    uses: ${uses}\n`;
      const r = widened(
        state(m, { 'ci.yml': caller, 'cd.yml': callee('read') }, 'base'),
        state(m, { 'ci.yml': caller, 'cd.yml': callee('write') }, 'head'),
      );
      expect([uses, r.widened]).toEqual([uses, true]);
    }
  });
});
