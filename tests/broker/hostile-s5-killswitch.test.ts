/**
 * Hostile review (session 5): the kill switch of a workflow reaches the reusable workflows it calls.
 * A block of `release.yml` must stop the grants of `deploy.yml` when release.yml runs it (the token's
 * workflow_ref is release.yml, its job_workflow_ref deploy.yml): during an incident the responder
 * blocks the workflow that runs, whatever files its jobs live in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { blockKey, blockKeysFor, blockMatches } from '../../shared/broker/state/store.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
  other.yml:
    triggers: [push]
    jobs:
      build:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
  deploy.yml:
    callers: [release.yml, other.yml]
    jobs:
      ship:
        credentials:
          - { step: go, audience: ${HOOKS}, scope: [deploy], uses: 100, ttl: 60 }
`;

let s: Stack;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await s.close();
});

const ref = (file: string) => `octo-org/octo-repo/.github/workflows/${file}@refs/heads/main`;
const admin = (path: string, form: Record<string, string>) =>
  s.post(path, form, { authorization: 'Bearer secret' });

async function callee(caller: string, run: string, over: Record<string, string> = {}) {
  const t = await s.issuer.mint({
    run_id: runIdOf(run),
    workflow_ref: ref(caller),
    job_workflow_ref: ref('deploy.yml'),
  });
  return s.token(s.exchangeForm(t, { audience: HOOKS, job: 'ship', step: 'go', ...over }));
}

describe('a workflow block reaches the reusable workflows it runs', () => {
  it('blocking release.yml refuses deploy.yml called from release.yml (real and dry run), not from other.yml', async () => {
    expect((await callee('release.yml', 'ks-0')).status).toBe(200);
    expect((await admin('/admin/revoke', { workflow: 'release.yml' })).status).toBe(200);
    const r = await callee('release.yml', 'ks-1');
    expect([r.status, errorCode(r)]).toEqual([403, 'ERR_BLOCKED']);
    expect(String(r.body.error_description)).toMatch(/workflow release\.yml/);
    const dry = await callee('release.yml', 'ks-2', { dry_run: 'true' });
    expect([dry.status, errorCode(dry)]).toEqual([403, 'ERR_BLOCKED']);
    // The same callee run by another caller is not covered by release.yml's block.
    expect((await callee('other.yml', 'ks-3')).status).toBe(200);
    // The block of the callee file itself still applies to every caller.
    expect((await admin('/admin/unblock', { workflow: 'release.yml' })).body).toEqual({ unblocked: true });
    expect((await callee('release.yml', 'ks-4')).status).toBe(200);
    expect((await admin('/admin/revoke', { workflow: 'deploy.yml' })).status).toBe(200);
    expect(errorCode(await callee('other.yml', 'ks-5'))).toBe('ERR_BLOCKED');
    expect((await admin('/admin/unblock', { workflow: 'deploy.yml' })).body).toEqual({ unblocked: true });
  });
});

describe('a workflow kill switch revokes the live credentials of the reusable workflows it ran', () => {
  it('revoking release.yml ends deploy.yml credentials issued in release.yml runs, not in other.yml runs', async () => {
    const inRelease = await callee('release.yml', 'ks-live-1');
    const inOther = await callee('other.yml', 'ks-live-2');
    expect([inRelease.status, inOther.status]).toEqual([200, 200]);
    const active = async (token: unknown) =>
      (await admin('/introspect', { token: String(token) })).body.active;
    expect(await active(inRelease.body.access_token)).toBe(true);
    const revoked = await admin('/admin/revoke', { workflow: 'release.yml' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revoked).toBeGreaterThanOrEqual(1);
    expect(await active(inRelease.body.access_token)).toBe(false);
    expect(await active(inOther.body.access_token)).toBe(true);
    expect((await admin('/admin/unblock', { workflow: 'release.yml' })).body).toEqual({ unblocked: true });
  });
});

describe('the block subject of a reusable call, as every store matches it', () => {
  it('blockMatches and blockKeysFor (the Redis gate looks blocks up by key) agree on the caller file', () => {
    const subject = {
      repository: 'octo-org/octo-repo',
      workflow: 'deploy.yml',
      callerWorkflow: 'release.yml',
      runId: '1',
    };
    const selectors = [
      { workflow: 'release.yml' },
      { workflow: 'deploy.yml' },
      { repository: 'OCTO-ORG/octo-repo', workflow: 'release.yml' },
      { workflow: 'release.yml', runId: '1' },
      { workflow: 'other.yml' },
      { workflow: 'release.yml', runId: '2' },
    ];
    const keys = new Set(blockKeysFor(subject));
    for (const b of selectors) expect([b, keys.has(blockKey(b))]).toEqual([b, blockMatches(b, subject)]);
    expect(selectors.map((b) => blockMatches(b, subject))).toEqual([true, true, true, true, false, false]);
    // Without a caller, a caller's block does not match.
    const direct = { repository: 'octo-org/octo-repo', workflow: 'deploy.yml', runId: '1' };
    expect(blockMatches({ workflow: 'release.yml' }, direct)).toBe(false);
    expect(blockKeysFor(direct)).not.toContain(blockKey({ workflow: 'release.yml' }));
  });
});
