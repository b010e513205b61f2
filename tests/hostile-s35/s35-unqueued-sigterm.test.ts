/**
 * Session 35, left by session 34 (A), through a broker process on redis-server and the GitHub
 * stand-in: a GitHub token minted for an exchange whose record the store refused (NOREPLICAS), whose
 * revocation GitHub failed, held by the instance alone (REVOCATION_UNQUEUED), when SIGTERM comes.
 * Before: the stop did not wait for it; the alarm was its last line and nothing asked again. Now
 * the drain gives it one more try at the store and at GitHub: GitHub still failing, the audit file
 * ends the grant with one REVOCATION_UNQUEUED_STOPPED line naming it and the remedy; GitHub healed
 * at the stop, the drain revokes it. Exit 0 either way, the token never in the audit file or stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { refuseWritesAtMint, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const DELETE = '/installation/token';

describe('SIGTERM while the instance alone holds a GitHub token (s35)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({ unq: 535101 });
  }, 180_000);
  afterAll(async () => {
    rig?.gh.standin.fail('DELETE', DELETE, { count: 0 });
    await rig?.redis
      .client()
      .call('CONFIG', 'SET', 'min-replicas-to-write', '0')
      .catch(() => undefined);
    await rig?.close();
  }, 120_000);

  it.each(['still failing', 'healed at the stop'] as const)(
    'GitHub %s: one more try in the drain, one line that ends the grant',
    async (github) => {
      const name = `s35-unq-${github === 'still failing' ? 'f' : 'h'}`;
      // Generous deadlines for a loaded 2-core machine: the drain's try has 30 s.
      const a = await rig.spawn(name, { extra: 'timeouts: { upstream: 4 }\ndrain-timeout: 30\n' });
      const raw = rig.redis.client();
      const deletes: number[] = [];
      rig.gh.standin.fail('DELETE', DELETE, {
        count: 10_000,
        status: 500,
        onArrive: () => deletes.push(Date.now()),
      });
      refuseWritesAtMint(rig);
      const before = rig.gh.state.tokens.length;
      const run = runIdOf(`${name}-1`);
      try {
        const r = await rig.exchange(a, await rig.oidc('unq', `${name}-1`), 'release');
        expect(r.status).toBe(503);
        const minted = rig.gh.state.tokens.slice(before);
        expect(minted).toHaveLength(1);
        const mine = () => rig.audit(name).filter((e) => e.run_id === run);
        await until(() => mine().some((e) => e.reason === 'REVOCATION_UNQUEUED'), 60_000, 'the alarm line');
        const alarm = mine().find((e) => e.reason === 'REVOCATION_UNQUEUED')!;
        if (github === 'healed at the stop') rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
        const stoppedAt = Date.now();
        await a.stop('SIGTERM');
        expect(a.proc.exitCode).toBe(0);
        // The drain asked GitHub once more after the signal (the store still refusing).
        expect(await raw.call('CONFIG', 'GET', 'min-replicas-to-write')).toEqual([
          'min-replicas-to-write',
          '1',
        ]);
        const ends = mine().filter(
          (e) => e.grant_id === alarm.grant_id && e.reason !== 'REVOCATION_UNQUEUED',
        );
        if (github === 'still failing') {
          expect(deletes.some((t) => t >= stoppedAt)).toBe(true);
          expect(minted[0]!.revoked).toBe(false);
          expect(ends.map((e) => [e.type, e.reason])).toEqual([
            ['credential.revoke_failed', 'REVOCATION_UNQUEUED_STOPPED'],
          ]);
          expect(String(ends[0]!.detail)).toMatch(/suspend the App's installation on/);
        } else {
          expect(minted[0]!.revoked).toBe(true);
          expect(ends.map((e) => [e.type, e.reason])).toEqual([
            ['credential.revoked', 'REVOKED_AFTER_RETRY'],
          ]);
        }
        expect(JSON.stringify(rig.audit(name))).not.toContain(minted[0]!.token);
        expect(a.stderr()).not.toContain(minted[0]!.token);
      } finally {
        rig.gh.standin.fail('DELETE', DELETE, { count: 0 });
        await raw.call('CONFIG', 'SET', 'min-replicas-to-write', '0');
        await a.stop('SIGKILL').catch(() => undefined);
      }
    },
    240_000,
  );
});
