/**
 * Session 20, attacking session 19's `owner-ids`: the exchange refuses another owner's token before its
 * jti is marked or its manifest read, but the job end (`POST /revoke subject_token=`) is the other
 * door an OIDC token opens. Before this test it served any owner GitHub signs for: it marked the jti,
 * wrote a job-end mark, listed the store and wrote a job.ended line for a repository the broker does
 * not serve. Also: the claim's form (a number, a missing claim) and the chained exchange.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { until } from '../support/poll.js';

const EVIL = { repository: 'evil-org/evil-repo', repository_id: '300001', repository_owner_id: '400001' };

describe('owner-ids at every door an OIDC token opens (a broker process)', () => {
  let issuer: OidcIssuer;
  let b: BrokerProcess;
  const dir = mkdtempSync(join(tmpdir(), 'sw-s20-owners-'));
  const auditLines = () =>
    (existsSync(join(dir, 'audit.jsonl')) ? readFileSync(join(dir, 'audit.jsonl'), 'utf8') : '')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  /** The audit lines of `repository` once the writer has flushed `n` of them (it writes behind). */
  const linesOf = async (repository: string, n: number) => {
    const of = () => auditLines().filter((l) => l.repository === repository);
    await until(() => of().length >= n, 30_000, `${n} audit lines of ${repository}`);
    return of();
  };
  const N = 300;
  /**
   * N refused exchanges of one token, ten at a time; the seconds they took. A bound of N / 2 lines
   * held only while the flood took under 5 s: one at a time at load 16 it took 10.7 s and 201 lines
   * were written, within the budget.
   */
  const flood = async (token: string) => {
    const t0 = performance.now();
    for (let i = 0; i < N; i += 10) {
      const rs = await Promise.all(Array.from({ length: 10 }, () => b.post('/token', exchange(token))));
      for (const r of rs) expect(r.status).toBe(400);
    }
    return (performance.now() - t0) / 1000;
  };
  /** The unauthenticated lines the budget lets through in `seconds` (burst 100, 10/s), and its count line. */
  const budget = (seconds: number) => 100 + Math.ceil(seconds * 10) + 1;
  const exchange = (subject: string) => ({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subject,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    audience: 'https://hooks.example.internal',
    job: 'publish',
    step: 'notify',
  });

  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    const evil = MANIFEST.replace(
      'repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }',
      'repository: { name: evil-org/evil-repo, id: 300001, owner-id: 400001 }',
    );
    for (const [repo, text] of [
      ['octo-org/octo-repo', MANIFEST],
      ['evil-org/evil-repo', evil],
    ] as const) {
      mkdirSync(join(dir, `manifests/${repo}/.github`), { recursive: true });
      writeFileSync(join(dir, `manifests/${repo}/.github/access-manifest.yml`), text);
    }
    writeFileSync(
      join(dir, 'broker.yml'),
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'manifests: { source: directory, path: ./manifests }',
        `issuers: [${issuer.url}]`,
        'owner-ids: [200001]',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        'require-job-identity: false',
      ].join('\n'),
    );
    b = await spawnBroker(join(dir, 'broker.yml'));
  }, 60_000);
  afterAll(async () => {
    await b?.stop('SIGTERM');
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("a job end with another owner's token is refused ERR_OWNER_NOT_ALLOWED: no jti marked, no job-end mark, no job.ended line", async () => {
    const token = await issuer.mint({ run_id: '2001', check_run_id: '92001', ...EVIL });
    const r = await b.post('/revoke', { subject_token: token });
    expect(r.status).toBe(400);
    expect(String(r.body.error_description)).toMatch(
      /^ERR_OWNER_NOT_ALLOWED: the token's repository owner evil-org \(id 400001\) is not one of this broker's owner-ids/,
    );
    // Refused before its jti was marked: the same token is refused for the same reason, not as a replay.
    const again = await b.post('/revoke', { subject_token: token });
    expect(String(again.body.error_description)).toMatch(/^ERR_OWNER_NOT_ALLOWED/);
    // The served owner's job end still works (and its line comes after the refusals').
    const ours = await b.post('/revoke', {
      subject_token: await issuer.mint({ run_id: '2002', check_run_id: '92002' }),
    });
    expect(ours.status).toBe(200);
    await linesOf('octo-org/octo-repo', 1);
    const lines = await linesOf('evil-org/evil-repo', 2);
    expect(lines.map((l) => [l.type, l.reason])).toEqual([
      ['credential.refused', 'ERR_OWNER_NOT_ALLOWED'],
      ['credential.refused', 'ERR_OWNER_NOT_ALLOWED'],
    ]);
  }, 60_000);

  it('one token of another owner replayed: its refusals are budgeted like anonymous ones (no store bucket bounds them)', async () => {
    // Not marked used (so never a replay) and refused before the repository's rate limit: before,
    // every replay wrote an unbudgeted line, so any repository on GitHub could grow the log at will.
    const token = await issuer.mint({ run_id: '2004', ...EVIL, repository: 'evil-org/flood' });
    const seconds = await flood(token);
    // One more after a flush point: the count of what was dropped is written.
    await b.post('/token', exchange(await issuer.mint({ run_id: '2005' })));
    const lines = await linesOf('evil-org/flood', 1);
    await new Promise((r) => setTimeout(r, 500));
    const written = auditLines().filter((l) => l.repository === 'evil-org/flood').length;
    expect(lines.length).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(budget(seconds));
    expect(written).toBeLessThan(N);
    expect(auditLines().some((l) => l.reason === 'AUDIT_SUPPRESSED')).toBe(true);
  }, 60_000);

  it("another owner's token refused at verification (another audience), replayed: budgeted too, still attributed", async () => {
    // Any repository can ask GitHub for a token of any audience; refused at verification, its line
    // carried the signed context, so no budget bounded it either.
    const token = await issuer.mint({
      run_id: '2006',
      ...EVIL,
      repository: 'evil-org/flood-aud',
      aud: 'https://other.example',
    });
    const seconds = await flood(token);
    await b.post('/token', exchange(await issuer.mint({ run_id: '2007' })));
    const first = await linesOf('evil-org/flood-aud', 1);
    await new Promise((r) => setTimeout(r, 500));
    const written = auditLines().filter((l) => l.repository === 'evil-org/flood-aud').length;
    expect(written).toBeLessThanOrEqual(budget(seconds));
    expect(written).toBeLessThan(N);
    expect(first[0]).toMatchObject({ reason: 'ERR_OIDC_AUDIENCE', details: { owner_served: false } });
    // A served owner's token refused the same way is attributed and never budgeted away. Earlier
    // cases wrote lines of this repository: wait for one more than were there (the writer flushes
    // behind), or the check reads the file before this refusal's line is in it.
    const before = auditLines().filter((l) => l.repository === 'octo-org/octo-repo').length;
    await b.post('/token', exchange(await issuer.mint({ run_id: '2008', aud: 'https://other.example' })));
    const ours = await linesOf('octo-org/octo-repo', before + 1);
    expect(ours.some((l) => l.reason === 'ERR_OIDC_AUDIENCE' && l.details === undefined)).toBe(true);
  }, 60_000);

  it('the claim as a number, or missing, is not an owner in the list (refused, never served)', async () => {
    const codes: string[] = [];
    for (const owner of [200001, undefined]) {
      const r = await b.post(
        '/token',
        exchange(await issuer.mint({ run_id: '2003', repository_owner_id: owner as unknown as string })),
      );
      expect(r.status).toBe(400);
      codes.push(String(r.body.error_description).split(':')[0]!);
    }
    // Refused at verification (the claim's shape), before owner-ids is consulted; never granted.
    expect(codes).toEqual(['ERR_OIDC_CLAIM_MISSING', 'ERR_OIDC_CLAIM_MISSING']);
  }, 60_000);
});
