/**
 * Hostile review (session 15), against the real broker (local issuer, GitHub stand-in): a chained
 * exchange that is minting while its parent is revoked (the step ends, the holder revokes it, an
 * admin revokes the run) does not hand out a child the revocation missed. The revocation reaches the
 * descendants it finds in the store; a child not stored yet was not among them, so it was delivered
 * and stayed live after its parent's revocation had answered.
 *
 * The pause is a hook in front of the real memory store's `put` (the store itself is not replaced):
 * it holds the child's record until the parent's revocation has answered.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import type { CredentialRecord } from '../../shared/broker/state/store.js';
import { startStack, type Stack, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ADMIN = { authorization: 'Bearer secret' };

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 120 }
`;

// Installed before the broker wraps the store (its view binds the methods it finds at start).
const realPut = MemoryStore.prototype.put;
let gate: { reached: () => void; release: Promise<void> } | undefined;
MemoryStore.prototype.put = async function (this: MemoryStore, r: CredentialRecord) {
  const g = gate;
  if (g && r.parentGrantId !== undefined) {
    gate = undefined;
    g.reached();
    await g.release;
  }
  return realPut.call(this, r);
};

let s: Stack;
let runs = 0;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  MemoryStore.prototype.put = realPut;
  await s.close();
});

async function parent() {
  const run = `s15cr-${++runs}`;
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(run) }), { audience: HOOKS, step: 'notify' }),
  );
  expect(r.status).toBe(200);
  return { token: String(r.body.access_token), grantId: String(r.body.grant_id), run };
}

/** Starts a chained exchange of `subject`, runs `revoke` once its child is about to be stored, then lets it go on. */
async function chainWhile(subject: string, revoke: () => Promise<{ status: number }>) {
  let reached!: () => void;
  const atPut = new Promise<void>((r) => (reached = r));
  let release!: () => void;
  gate = { reached, release: new Promise<void>((r) => (release = r)) };
  const chained = s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT });
  await atPut;
  expect((await revoke()).status).toBe(200);
  release();
  return chained;
}

async function childrenOf(run: string, parentGrantId: string) {
  const all = await s.store.list({ repositoryId: '100001', runId: runIdOf(run) });
  return all.filter((r) => r.parentGrantId === parentGrantId);
}

describe('a parent revoked while its child is minted', () => {
  it.each([
    [
      'by its holder (RFC 7009 /revoke token=)',
      (p: { token: string }) => s.post('/revoke', { token: p.token }),
    ],
    [
      'by an admin (/admin/revoke run_id=)',
      (p: { run: string }) => s.post('/admin/revoke', { run_id: runIdOf(p.run) }, ADMIN),
    ],
  ])('%s: no child leaves the broker, and none stays live', async (_n, revoke) => {
    const p = await parent();
    const r = await chainWhile(p.token, () => revoke(p));
    // Neither a token nor a 200 (the parent's revocation had answered when the child was stored).
    expect([r.status, typeof r.body.access_token]).toEqual([
      r.status === 200 ? 'a refusal' : r.status,
      'undefined',
    ]);
    expect(['ERR_CHAIN_SUBJECT', 'ERR_BLOCKED']).toContain(errorCode(r));
    const children = await childrenOf(p.run, p.grantId);
    expect(children.map((c) => c.revokedAt !== undefined)).toEqual([true]);
    // Its grant line is followed by the line that ends it (an auditor must not read it as live).
    const lines = s.audit.events.filter((e) => e.grant_id === children[0]!.grantId).map((e) => e.type);
    expect(lines).toEqual(['credential.granted', 'credential.revoked']);
  });

  it('a parent still live when its child is stored: the child is delivered as before', async () => {
    const p = await parent();
    const r = await chainWhile(p.token, async () => ({ status: 200 }));
    expect(r.status).toBe(200);
    const children = await childrenOf(p.run, p.grantId);
    expect(children.map((c) => c.revokedAt)).toEqual([undefined]);
  });
});
