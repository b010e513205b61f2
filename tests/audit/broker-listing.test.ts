/**
 * The broker's job-end answer (`POST /revoke` with `subject_token`), which actions/audit trusts instead
 * of the job's trail: the token is used once, every credential of the run attempt and job (and matrix
 * leg) is listed with its state, and nothing in the answer is a token.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildReport } from '../../shared/audit/report.js';
import { brokerListingSchema, verifyJob } from '../../shared/audit/verify.js';
import { startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const secrets: string[] = [];

async function mint(claims: Record<string, unknown>) {
  const t = await s.issuer.mint(claims);
  secrets.push(t);
  return t;
}

async function grant(claims: Record<string, unknown>, over: Record<string, string> = {}) {
  const r = await s.token(s.exchangeForm(await mint(claims), over));
  expect(r.status).toBe(200);
  secrets.push(r.body.access_token as string);
  return r.body as { access_token: string; grant_id: string };
}

const notify = { audience: 'https://hooks.example.internal', step: 'notify' };

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
});

describe('POST /revoke with subject_token: the broker record of a job', () => {
  it('lists every credential of the run attempt and job with its state, revoking the live ones', async () => {
    const run = { run_id: runIdOf('list1') };
    const earlier = await grant(run);
    expect((await s.post('/revoke', { token: earlier.access_token })).body).toEqual({ revoked: 1 });
    const live = await grant(run, notify);
    // Another run and another attempt: not this job's.
    await grant({ run_id: runIdOf('list-other') }, notify);
    await grant({ run_id: runIdOf('list1'), run_attempt: '2' }, notify);

    const r = await s.post('/revoke', { subject_token: await mint(run), job: 'publish' });
    expect(r.status).toBe(200);
    const listing = brokerListingSchema.parse(r.body);
    expect(listing.revoked).toBe(1);
    expect(listing.complete).toBe(true);
    // Ordered by issue time (to the second), so two of one second in either order.
    expect(listing.credentials.map((c) => [c.grant_id, c.step, c.state])).toEqual(
      expect.arrayContaining([
        [earlier.grant_id, 'release', 'revoked-earlier'],
        [live.grant_id, 'notify', 'revoked-now'],
      ]),
    );
    expect(listing.credentials).toHaveLength(2);
    const notified = listing.credentials.find((c) => c.grant_id === live.grant_id)!;
    expect(notified).toMatchObject({
      audience: 'https://hooks.example.internal',
      scope: 'notify:send notify:read',
      job: 'publish',
    });
    expect(notified.revoked_at).toBeDefined();
    expect(listing.subject).toMatchObject({
      repository: 'octo-org/octo-repo',
      run_id: runIdOf('list1'),
      run_attempt: '1',
      event_name: 'push',
      actor: 'octocat',
    });
    expect(
      (await s.post('/introspect', { token: live.access_token }, { authorization: 'Bearer secret' })).body,
    ).toEqual({ active: false });
  });

  it('says who revoked a credential earlier: the kill switch is administrator activity in the summary, its holder (/revoke token=) the workload', async () => {
    const run = { run_id: runIdOf('list-why') };
    const own = await grant(run);
    expect((await s.post('/revoke', { token: own.access_token })).body).toEqual({ revoked: 1 });
    const killed = await grant(run, notify);
    const admin = { authorization: 'Bearer secret' };
    expect((await s.post('/admin/revoke', { run_id: runIdOf('list-why') }, admin)).status).toBe(200);
    // The block stays until lifted; the job-end listing of the run is read after it is.
    expect((await s.post('/admin/unblock', { run_id: runIdOf('list-why') }, admin)).status).toBe(200);
    const r = await s.post('/revoke', { subject_token: await mint(run), job: 'publish' });
    expect(r.status).toBe(200);
    const listing = brokerListingSchema.parse(r.body);
    expect(listing.credentials.map((c) => [c.grant_id, c.state, c.revoked_reason])).toEqual(
      expect.arrayContaining([
        [own.grant_id, 'revoked-earlier', 'REVOKED_BY_HOLDER'],
        [killed.grant_id, 'revoked-earlier', 'REVOKED_BY_ADMIN'],
      ]),
    );
    const ctx = {
      repository: 'octo-org/octo-repo',
      run_id: runIdOf('list-why'),
      run_attempt: 1,
      job: 'publish',
    };
    const report = buildReport(
      verifyJob({ trail: [], broker: listing, ctx, now: new Date().toISOString() }).events,
    );
    expect(report.administrator).toEqual([
      expect.objectContaining({
        rule: 'manual-revocation',
        type: 'credential.revoked',
        run_id: runIdOf('list-why'),
      }),
    ]);
    expect(report.totals.administrator).toBe(1);
  });

  it('refuses a used OIDC token (jti single use), and lists expired and failed revocations', async () => {
    const run = { run_id: runIdOf('list2') };
    const gh = await grant(run);
    const token = await mint(run);
    // GitHub refuses the upstream revocation: the state says so.
    s.gh.standin.fail('DELETE', '/installation/token', { count: 10, status: 500 });
    const r = await s.post('/revoke', { subject_token: token, job: 'publish' });
    s.gh.standin.fail('DELETE', '/installation/token', { count: 0, status: 500 });
    const listing = brokerListingSchema.parse(r.body);
    expect(listing.revoked).toBe(0);
    expect(listing.credentials).toEqual([
      expect.objectContaining({ grant_id: gh.grant_id, state: 'revocation-failed' }),
    ]);
    const again = await s.post('/revoke', { subject_token: token, job: 'publish' });
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: 'invalid_grant' });
    expect(String(again.body.error_description)).toMatch(/^ERR_OIDC_REPLAYED/);
    expect(again.body.credentials).toBeUndefined();
    // A token exchanged for a credential cannot list the job afterwards either.
    const exchanged = await mint({ run_id: runIdOf('list2b') });
    expect((await s.token(s.exchangeForm(exchanged, notify))).status).toBe(200);
    expect((await s.post('/revoke', { subject_token: exchanged, job: 'publish' })).status).toBe(400);

    const run3 = { run_id: runIdOf('list3') };
    const short = await grant(run3, notify);
    s.clock.offset += 61;
    try {
      const later = brokerListingSchema.parse(
        (await s.post('/revoke', { subject_token: await mint(run3), job: 'publish' })).body,
      );
      // The sweeper may have revoked it at its ttl already: either way it is not live, nor revoked now.
      expect(later.credentials).toEqual([
        expect.objectContaining({
          grant_id: short.grant_id,
          state: expect.stringMatching(/^(expired|revoked-earlier)$/),
        }),
      ]);
      expect(later.revoked).toBe(0);
    } finally {
      s.clock.offset -= 61;
    }
  });

  it("a matrix leg's token (check_run_id) revokes and lists only that leg's credentials", async () => {
    const legA = { run_id: runIdOf('list4'), check_run_id: '4001' };
    const legB = { run_id: runIdOf('list4'), check_run_id: '4002' };
    const a = await grant(legA, notify);
    const b = await grant(legB);
    const listing = brokerListingSchema.parse(
      (await s.post('/revoke', { subject_token: await mint(legA), job: 'publish' })).body,
    );
    expect(listing.credentials.map((c) => c.grant_id)).toEqual([a.grant_id]);
    // `job=` is the caller's word (GITHUB_JOB can be rewritten): the signed check run decides.
    const renamed = brokerListingSchema.parse(
      (await s.post('/revoke', { subject_token: await mint(legA), job: 'other-job' })).body,
    );
    expect(renamed.credentials.map((c) => c.grant_id)).toEqual([a.grant_id]);
    expect(listing.credentials[0]!.check_run_id).toBe('4001');
    expect(listing.subject.check_run_id).toBe('4001');
    expect(
      (await s.post('/introspect', { token: b.access_token }, { authorization: 'Bearer secret' })).body
        .active,
    ).toBe(true);
    // A token without check_run_id names its job only by job=, the caller's word: it reaches credentials
    // recorded without a check run, never a leg GitHub signed for (session 10: no job end across jobs).
    const unsigned = brokerListingSchema.parse(
      (await s.post('/revoke', { subject_token: await mint({ run_id: runIdOf('list4') }), job: 'publish' }))
        .body,
    );
    expect(unsigned.credentials).toEqual([]);
    expect(
      (await s.post('/introspect', { token: b.access_token }, { authorization: 'Bearer secret' })).body
        .active,
    ).toBe(true);
  });

  it('never answers a token: no credential, GitHub token or OIDC token in any answer', async () => {
    const run = { run_id: runIdOf('list5') };
    await grant(run);
    await grant(run, notify);
    const r = await s.post('/revoke', { subject_token: await mint(run), job: 'publish' });
    const text = JSON.stringify(r.body);
    for (const t of [...secrets, ...s.gh.state.tokens.map((x) => x.token)]) expect(text).not.toContain(t);
    expect(text).not.toMatch(/access_token|"secret"|token_hash|tokenHash|"jti"/);
  });
});
