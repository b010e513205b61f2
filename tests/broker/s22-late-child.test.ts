/**
 * Session 22, found and left open (docs/decisions.md, "Attacking session 21's broker changes"): a run
 * the App's token started is linked to its parent runs only through the parents' writing credentials
 * the store still keeps, and a record is kept until its upstream expiry + 10 minutes
 * (`retainUntil`). The link is computed again at every exchange of the child, so an exchange of the
 * child made later than that (its first job queued behind an environment's reviewers or a concurrency
 * group, a long first job, or simply a later job of a long run) records no parent: the block of the
 * parent run, placed during the incident, did not refuse it. Pinned with `it.failing` until session 25's
 * run index (writing runs by id kept 36 days, run links, the kill switch's late reach: docs/decisions.md
 * "The run index (session 25)"); now plain tests.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { lateChildHelpers } from '../support/late-child.js';
import { runIdOf } from '../support/run-ids.js';

const BOT = 'stepwarden-standin[bot]';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(() => closeCheckingAudit(s));
const { active, kill, lateAfter } = lateChildHelpers(() => s);

const oidc = (runId: string, claims: Record<string, unknown> = {}) =>
  s.issuer.mint({ run_id: runIdOf(runId), ...claims }, { issuedAtOffset: s.clock.offset });
const notify = async (runId: string) =>
  s.token(
    s.exchangeForm(await oidc(runId, { event_name: 'push', actor: BOT }), {
      audience: HOOKS,
      step: 'twice',
      scope: 'notify:send',
    }),
  );

describe('a child run of the App whose exchange comes after its parent run’s records are gone', () => {
  it('its first exchange 72 minutes after the parent pushed: the parent’s block refuses it', async () => {
    const parent = 'late-parent-1';
    const r = await s.token(s.exchangeForm(await oidc(parent), { scope: 'contents:write' }));
    expect(r.status).toBe(200);
    await lateAfter(parent);
    await kill(parent);
    const late = await notify('late-child-1');
    expect([late.status, errorCode(late)]).toEqual([403, 'ERR_BLOCKED']);
  });

  it('linked at its first job, its later job 72 minutes on: still refused by the parent’s block', async () => {
    const parent = 'late-parent-2';
    const child = 'late-child-2';
    expect((await s.token(s.exchangeForm(await oidc(parent), { scope: 'contents:write' }))).status).toBe(200);
    // Control: early, the child is linked (the kill switch would reach it).
    expect((await notify(child)).status).toBe(200);
    await lateAfter(parent);
    await kill(parent);
    const later = await notify(child);
    expect([later.status, errorCode(later)]).toEqual([403, 'ERR_BLOCKED']);
  });

  it('control: the same child inside the parent’s record’s keeping (50 minutes on) is refused', async () => {
    const parent = 'late-parent-3';
    expect((await s.token(s.exchangeForm(await oidc(parent), { scope: 'contents:write' }))).status).toBe(200);
    s.clock.offset = 3000;
    await kill(parent);
    const inside = await notify('late-child-3');
    expect([inside.status, errorCode(inside)]).toEqual([403, 'ERR_BLOCKED']);
  });

  it('linked at its first job, its later job 72 minutes on is still linked: the kill switch then revokes it', async () => {
    const parent = 'late-parent-4';
    const child = 'late-child-4';
    expect((await s.token(s.exchangeForm(await oidc(parent), { scope: 'contents:write' }))).status).toBe(200);
    expect((await notify(child)).status).toBe(200);
    await lateAfter(parent);
    const later = await notify(child);
    expect(later.status).toBe(200);
    await kill(parent);
    expect(await active(later.body.access_token)).toBe(false);
  });

  // Left open by session 23 (docs/decisions.md "Flaws left by session 22"): a first exchange after the
  // parent's records are gone was linked only to blocked runs, so a kill switch placed after it did
  // not reach the credential it got. Since session 25 the kill switch of a writing run also reaches
  // the App-started runs of its repository first seen after its token (chain.ts lateDescendants).
  it('its first exchange 72 minutes on, then the kill switch: the credential it got is revoked', async () => {
    const parent = 'late-parent-5';
    expect((await s.token(s.exchangeForm(await oidc(parent), { scope: 'contents:write' }))).status).toBe(200);
    await lateAfter(parent);
    const late = await notify('late-child-5');
    expect(late.status).toBe(200);
    await kill(parent);
    expect(await active(late.body.access_token)).toBe(false);
  });
});
