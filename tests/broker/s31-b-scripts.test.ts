/**
 * The store's scripts run on the plain EVAL / EVALSHA commands, not as ioredis `defineCommand`s
 * (session 31): with auto-pipelining ioredis builds a Pipeline per batch and copied every defined
 * command onto it (24 scripts: 16-17 µs a batch against 4 µs). What ioredis's Script did on the wire
 * is held here: the script in full the first time on a connection, by its SHA after that, in full
 * again after NOSCRIPT and on a new connection, with the same answers.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { describe, expect, it } from '@jest/globals';
import { RedisStore } from '../../shared/broker/state/redis.js';
import { SecretBox } from '../../shared/broker/state/secret-box.js';
import { monitored } from '../support/redis-monitor.js';
import { redisForSuite } from '../support/redis.js';

const server = redisForSuite();
const box = SecretBox.fromText(randomBytes(32).toString('hex'), 'test');

const clientOf = (store: RedisStore): Redis => (store as unknown as { redis: Redis }).redis;

/** The script calls the store sent (not a script's own commands), as [command, first argument]. */
async function scriptCalls(run: () => Promise<void>): Promise<[string, string][]> {
  const seen = await monitored(server().client(), run);
  return seen
    .filter((c) => c.source !== 'lua' && /^eval(sha)?$/i.test(c.args[0] ?? ''))
    .map((c) => [c.args[0]!.toLowerCase(), c.args[1]!]);
}

describe('the store runs its scripts on EVAL and EVALSHA', () => {
  it('defines no ioredis command, so an auto-pipelined batch copies none', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const redis = clientOf(store);
      expect(Object.keys((redis as unknown as { scriptsSet: object }).scriptsSet)).toEqual([]);
      // What ioredis copies onto every Pipeline it builds for a batch: nothing of the store's.
      const batch = redis.pipeline() as unknown as Record<string, unknown>;
      expect(Object.keys(batch).filter((k) => k.startsWith('sw'))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('sends a script in full first on each connection, by its SHA after, in full again after NOSCRIPT', async () => {
    const store = await RedisStore.connect(server().url, { callerClock: true, box });
    try {
      const jtiKey = `iss:s31-${randomBytes(4).toString('hex')}`;
      const req = { jtiKey, rateKey: `rate-${jtiKey}`, limit: 100, windowSeconds: 60, now: 0 };
      const answers: boolean[] = [];
      const first = await scriptCalls(async () => {
        answers.push((await store.screen(req)).seen);
        answers.push((await store.screen(req)).seen);
      });
      expect(first.map(([c]) => c)).toEqual(['eval', 'evalsha']);
      // (MONITOR shows the script's text escaped: compared as shown, not hashed.)
      const [[, lua], [, sha]] = first as [[string, string], [string, string]];
      expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect(lua).toContain('redis.call');

      // The server lost its scripts: EVALSHA answered NOSCRIPT ran nothing; the script goes in full.
      await server().client().script('FLUSH');
      const flushed = await scriptCalls(async () => {
        expect(await store.useOnce(jtiKey, 60)).toBe(true);
        answers.push((await store.screen(req)).seen);
      });
      expect(flushed.filter(([, a]) => a === sha || a === lua).map(([c]) => c)).toEqual(['evalsha', 'eval']);

      // A new connection (the old one killed): in full first again, as on any new connection.
      const redis = clientOf(store);
      const id = Number(await redis.client('ID'));
      const ready = new Promise<void>((r) => redis.once('ready', () => r()));
      await server().client().client('KILL', 'ID', String(id));
      await ready;
      const again = await scriptCalls(async () => {
        // The first call may meet the connection still unverified (DbGuard): retried until served.
        for (;;) {
          try {
            answers.push((await store.screen(req)).seen);
            break;
          } catch {
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        answers.push((await store.screen(req)).seen);
      });
      expect(again.filter(([, a]) => a === sha || a === lua).map(([c]) => c)).toEqual(['eval', 'evalsha']);
      expect(answers).toEqual([false, false, true, true, true]);
    } finally {
      await store.close();
    }
  });
});
