/**
 * Session 26 (w-killsweep): a step's exchange while an earlier one of the same claim is still in
 * flight (held at GitHub's mint, so the order is certain): the real exchange and a dry run both say
 * ERR_GRANT_IN_FLIGHT (429, Retry-After), count nothing and write no "possible theft" line; once the
 * first delivered, both say ERR_GRANT_ALREADY_CLAIMED.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
});

async function exchange(runId: string, over: Record<string, string> = {}) {
  const res = await fetch(`${s.broker.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId) }), over)),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
}
const code = (r: { body: Record<string, unknown> }) => String(r.body.error_description).split(':')[0];

describe('an exchange of a claim another exchange holds in flight', () => {
  it('is held (429, not counted) and a dry run says the same; after the delivery both say claimed', async () => {
    const mint = holdNext(s.gh.standin, 'POST', '/app/installations/{installation_id}/access_tokens');
    const first = exchange('26001');
    try {
      await mint.arrived;
      for (const over of [{}, { dry_run: 'true' }, {}] as Record<string, string>[]) {
        const held = await exchange('26001', over);
        expect([held.status, code(held)]).toEqual([429, 'ERR_GRANT_IN_FLIGHT']);
        expect(Number(held.retryAfter)).toBeGreaterThanOrEqual(1);
      }
    } finally {
      mint.release();
    }
    expect((await first).status).toBe(200);
    // Nothing was counted meanwhile: one claim, the delivered one.
    for (const over of [{ dry_run: 'true' }, {}] as Record<string, string>[]) {
      const again = await exchange('26001', over);
      expect([again.status, code(again)]).toEqual([400, 'ERR_GRANT_ALREADY_CLAIMED']);
    }
    const ofRun = s.audit.events.filter((e) => e.run_id === '26001');
    expect(ofRun.filter((e) => e.reason === 'ERR_GRANT_IN_FLIGHT').map((e) => e.type)).toEqual([
      'credential.refused',
      'credential.dry_run',
      'credential.refused',
    ]);
    expect(ofRun.filter((e) => e.type === 'credential.claimed_twice')).toHaveLength(1);
  });
});
