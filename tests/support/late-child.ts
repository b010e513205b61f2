/**
 * The kill switch and the clock of the late-child suites (s22-late-child, s26-late-child-other-
 * repository): runs blocked by a case are unblocked after it, and `lateAfter` moves the broker's clock
 * past a parent's keeping and waits until the store has dropped its records, as a running broker's
 * store has by then (the sweep settles the upstream revocation first; a record owed one is kept), so
 * the cases cannot pass for the wrong reason.
 */
import { afterEach, expect } from '@jest/globals';
import type { Stack } from './broker.js';
import { runIdOf } from './run-ids.js';

/** Past a parent's GitHub token's upstream expiry (an hour) and the 10 minutes its record is kept. */
export const LATE = 3600 + 600 + 120;
export const ADMIN = { authorization: 'Bearer secret' };

export function lateChildHelpers(stack: () => Stack) {
  const blocked: string[] = [];
  afterEach(async () => {
    stack().clock.offset = 0;
    for (const run_id of blocked.splice(0)) await stack().post('/admin/unblock', { run_id }, ADMIN);
  });
  return {
    active: async (token: unknown) =>
      (await stack().post('/introspect', { token: String(token) }, ADMIN)).body.active,
    /** Blocks run `run` (a label or an id: run-ids.ts). */
    kill: async (run: string) => {
      const run_id = runIdOf(run);
      blocked.push(run_id);
      expect((await stack().post('/admin/revoke', { run_id }, ADMIN)).status).toBe(200);
    },
    async lateAfter(parent: string): Promise<void> {
      const s = stack();
      s.clock.offset = LATE;
      for (let i = 0; i < 60 && (await s.store.list({ runId: runIdOf(parent) })).length; i++) {
        s.store.prune();
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(await s.store.list({ runId: runIdOf(parent) })).toEqual([]);
    },
  };
}
