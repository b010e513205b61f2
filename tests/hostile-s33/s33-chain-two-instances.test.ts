/**
 * Session 33: chained sessions across two broker processes on one redis-server. A root broker JWT
 * chained at one instance, its child at the other, a grandchild back at the first:
 * - the root revoked by its holder at one instance: the grandchild is inactive at both, and neither
 *   chains from it or from the child;
 * - a run blocked at one instance: a live parent of that run chains nothing at the other;
 * - an `act` (or `actor_token`) sent in the request is refused, never merged into the child's chain.
 */
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const codeOf = (r: { body: Record<string, unknown> }) => String(r.body.error_description).split(':')[0];

describe('chained sessions on two instances (s33)', () => {
  let rig: Rig;
  let a: BrokerProcess;
  let b: BrokerProcess;
  let n = 0;
  const root = async (run: string) => {
    const r = await rig.exchange(a, await rig.oidc('chains', run), 'notify');
    expect(r.status).toBe(200);
    return String(r.body.access_token);
  };
  const chain = async (at: BrokerProcess, subject: string, more: Record<string, string> = {}) => {
    const r = await at.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: subject,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      ...more,
    });
    if (typeof r.body.access_token === 'string') rig.secrets.push(r.body.access_token);
    return r;
  };

  beforeAll(async () => {
    rig = await startRig({ chains: 533601 });
    [a, b] = await Promise.all([rig.spawn('s33-ca'), rig.spawn('s33-cb')]);
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and two broker processes).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  it('the root revoked at one instance: its grandchild is inactive at both and chains nothing', async () => {
    const r0 = await root(`s33-c-${++n}`);
    const c1 = await chain(b, r0);
    expect(c1.status).toBe(200);
    const c2 = await chain(a, String(c1.body.access_token));
    expect(c2.status).toBe(200);
    const grandchild = String(c2.body.access_token);
    // The act chain names both ancestors (from the broker's records).
    expect(decodeJwt(grandchild).act).toMatchObject({ act: { sub: expect.stringMatching(/^grant:/) } });
    expect((await b.post('/revoke', { token: r0 })).body.revoked).toBe(3);
    for (const at of [a, b]) {
      expect((await at.post('/introspect', { token: grandchild }, ADMIN)).body).toEqual({ active: false });
      for (const subject of [String(c1.body.access_token), grandchild]) {
        const refused = await chain(at, subject);
        expect([refused.status, codeOf(refused)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
      }
    }
  }, 120_000);

  it('a run blocked at one instance: a live parent of that run chains nothing at the other', async () => {
    const run = `s33-c-${++n}`;
    const parent = await root(run);
    const blocked = await a.post('/admin/revoke', { run_id: runIdOf(run) }, ADMIN);
    expect([blocked.status, blocked.body.blocked]).toEqual([200, true]);
    // A sibling credential minted before the block in another run is untouched (control).
    const other = await root(`s33-c-${++n}`);
    expect((await chain(b, other)).status).toBe(200);
    const refused = await chain(b, parent);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(['ERR_CHAIN_SUBJECT', 'ERR_BLOCKED']).toContain(codeOf(refused));
    expect(refused.body.access_token).toBeUndefined();
    expect((await a.post('/admin/unblock', { run_id: runIdOf(run) }, ADMIN)).body.unblocked).toBe(true);
  }, 120_000);

  it('an act in the request is an unknown parameter (ignored, RFC 6749 §3.2), never merged; actor_token is refused', async () => {
    const parent = await root(`s33-c-${++n}`);
    const delegated = await chain(b, parent, {
      actor_token: parent,
      actor_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    });
    expect([delegated.status, codeOf(delegated), delegated.body.access_token]).toEqual([
      400,
      'ERR_PARAM_UNSUPPORTED',
      undefined,
    ]);
    const forged = JSON.stringify({ sub: 'grant:00000000-0000-0000-0000-000000000000', act: { sub: 'x' } });
    const r = await chain(b, parent, { act: forged });
    expect(r.status).toBe(200);
    // The child's act is the broker's record of its one ancestor, nothing of the request's.
    const act = decodeJwt(String(r.body.access_token)).act as { sub: string; act?: unknown };
    expect(act.act).toBeUndefined();
    expect(act.sub).toMatch(/^grant:[0-9a-f-]{36}$/);
    expect(act.sub).not.toContain('00000000-0000');
  }, 120_000);
});
