/**
 * Session 28, ids GitHub's JSON gives as numbers beyond 2^53 - 1 (read rounded).
 *
 * A kill-switch block by repository name asks GitHub for the repository's id
 * (GithubApp.repositoryId) and blocks it beside the name. GitHub's answer is JSON, whose number
 * beyond 2^53 - 1 is rounded when read (`9007199254740993` reads as ...992): the block then stood on
 * a neighbour's id, the answer said the id was learned, and a rename of the real repository evaded
 * the block without the warning. Such an id is not learned now (createToken already held its ids to
 * safe integers); the answer and the audit line say a rename evades the block.
 *
 * The job identity check asks the Jobs API for the token's `check_run_id` as a number (Octokit's
 * `job_id`): `9007199254740993` asked as ...992, a neighbouring job of the same run (job ids of a run
 * are close), whose name then verified the request: a step of one job claimed the other's grant. The
 * job GitHub answers must now carry the token's check_run_id exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobIdentityChecker, type JobReader } from '../../shared/broker/job-identity.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { demoRepo } from '../support/github.js';
import { startStack, type Stack } from '../support/broker.js';

describe('a name block and an id GitHub gives beyond 2^53 - 1 (s28)', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ source: 'github' });
    // 2^53 + 2 is written exactly, but a reader cannot tell it from 2^53 + 3 rounded.
    s.gh.state.repos.push(demoRepo({ name: 'big', id: 2 ** 53 + 2 }));
  });
  afterAll(() => s.close());

  it('learns no id, blocks the name, and says a rename evades the block', async () => {
    const r = await s.post(
      '/admin/revoke',
      { repository: 'octo-org/big' },
      { authorization: 'Bearer secret' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ blocked: true, repository_ids: [] });
    expect(String(r.body.warning)).toMatch(/rename of the repository evades this block/);
    expect((await s.store.blocks()).map((b) => b.repository)).toEqual(['octo-org/big']);
  });

  it('learns an id up to 2^53 - 1 exactly (the control)', async () => {
    s.gh.state.repos.push(demoRepo({ name: 'edge', id: Number.MAX_SAFE_INTEGER }));
    const r = await s.post(
      '/admin/revoke',
      { repository: 'octo-org/edge' },
      { authorization: 'Bearer secret' },
    );
    expect(r.body).toMatchObject({ blocked: true, repository_ids: [String(Number.MAX_SAFE_INTEGER)] });
  });
});

describe('a check_run_id beyond 2^53 - 1 at the job identity check (s28)', () => {
  // What GithubApp.getJob does: Octokit's job_id is a number, the answer's ids are JSON numbers.
  const jobs = new Map([
    [2 ** 53, { id: 2 ** 53, run_id: 1234, run_attempt: 1, status: 'in_progress', name: 'publish' }],
  ]);
  const reader: JobReader = {
    getJob: async (_o, _r, jobId) => jobs.get(Number(jobId)),
    readFile: async () => undefined,
  };
  const claims = (check_run_id: string) =>
    ({
      iss: 'https://token.actions.githubusercontent.com',
      repository: 'octo-org/octo-repo',
      repository_id: '100001',
      run_id: '1234',
      run_attempt: '1',
      check_run_id,
    }) as unknown as GithubOidcClaims;

  it("refuses the job GitHub answered for the rounded id: it is not the token's job", async () => {
    await expect(
      new JobIdentityChecker(reader).check(claims('9007199254740993'), 'publish'),
    ).rejects.toMatchObject({
      code: 'ERR_JOB_IDENTITY',
      description: expect.stringContaining('is job 9007199254740992, not the check run 9007199254740993'),
    });
  });

  it("verifies the token's own job (the control)", async () => {
    await expect(
      new JobIdentityChecker(reader).check(claims('9007199254740992'), 'publish'),
    ).resolves.toMatchObject({
      status: 'verified',
      check_run_id: '9007199254740992',
    });
  });
});
