/**
 * The broker stack with the GitHub run routes (Jobs API, approvals) mounted on its REST stand-in and
 * the run's GITHUB_TOKEN (`gha-token`: contents and actions read on octo-repo) known to it: what the
 * audit step needs to confirm a gate from the Jobs API. The suites that judge the gate share it.
 */
import { expect } from '@jest/globals';
import { githubRunRoutes, type RunState } from '../../shared/standins/github-run-routes.js';
import { startStack, type Stack } from './broker.js';

/** A commit sha the gate and audit steps are pinned to in these workflows. */
export const PIN = 'c'.repeat(40);
export const GATE = `stepwarden/stepwarden/actions/enforce@${PIN}`;
export const AUDIT = `stepwarden/stepwarden/actions/audit@${PIN}`;

/** A fresh run state for githubRunRoutes: no approvals, no jobs, the run's token. */
export const runState = (): RunState => ({ approvals: {}, jobs: {}, tokens: ['gha-token'] });

export async function startJobsApiStack(runs: RunState): Promise<Stack> {
  const s = await startStack();
  githubRunRoutes(runs, () => s.gh.standin.url)(s.gh.standin);
  s.gh.state.tokens.push({
    token: 'gha-token',
    installationId: 7,
    permissions: { contents: 'read', actions: 'read' },
    repositories: ['octo-repo'],
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    revoked: false,
  });
  return s;
}

/** Closes the stack after checking every answer of the stand-in kept GitHub's published shapes. */
export async function closeJobsApiStack(s: Stack): Promise<void> {
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
}
