/**
 * The state store full (maxmemory reached, `noeviction`: the only policy the broker accepts): every
 * exchange is refused 503 with nothing granted and nothing half-written (the same OIDC token works
 * once room is made), revocation and introspection of credentials already out keep answering from what
 * is stored, and both instances recover by themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { startRig, type Rig } from '../support/redis-rig.js';

const REPOS = { full: 330001 };

let redis: RedisServer;
let rig: Rig;
let a: BrokerProcess;
let b: BrokerProcess;

beforeAll(async () => {
  redis = await startRedis({ args: ['--maxmemory', '8mb', '--maxmemory-policy', 'noeviction'] });
  rig = await startRig(REPOS, { redis });
  [a, b] = await Promise.all([rig.spawn('a'), rig.spawn('b')]);
}, 60_000);

afterAll(async () => {
  await rig?.close();
  await redis?.stop();
}, 60_000);

/**
 * Writes filler until the server refuses even a one-byte write with OOM (Redis counts a command's own
 * arguments, so a large value is refused well before a small one is); returns the filler keys.
 */
async function fill(): Promise<string[]> {
  const raw = redis.client();
  const keys: string[] = [];
  for (const size of [64 * 1024, 4096, 256, 16, 1]) {
    const value = 'x'.repeat(size);
    for (let i = 0; i < 10_000; i++) {
      const key = `filler:${keys.length}`;
      try {
        await raw.set(key, value);
        keys.push(key);
      } catch (err) {
        expect((err as Error).message).toMatch(/OOM/);
        break;
      }
    }
  }
  // Held full: keys expiring (or swept) while a loaded machine is slow would free a few bytes and
  // let an exchange through. A limit 1 MiB under what is used leaves that margin.
  const used = Number(/used_memory:(\d+)/.exec(await raw.info('memory'))![1]);
  await raw.config('SET', 'maxmemory', String(used - 1024 * 1024));
  await expect(raw.set('filler:probe', '1')).rejects.toThrow(/OOM/);
  return keys;
}

describe('the state store full', () => {
  it('refuses every exchange with 503 and writes nothing; the same token works once there is room', async () => {
    const before = await rig.exchange(a, await rig.oidc('full', 'before'), 'release');
    expect(before.status).toBe(200);
    const issuedBefore = rig.gh.state.tokens.length;

    const filler = await fill();
    const tokens = await Promise.all(['f1', 'f2', 'f3', 'f4'].map((run) => rig.oidc('full', run)));
    const refused = await Promise.all(tokens.map((t, i) => rig.exchange(i % 2 ? b : a, t, 'release')));
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.body.error).toBe('temporarily_unavailable');
      expect(r.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE: .*OOM/);
      expect(r.body.access_token).toBeUndefined();
    }
    // Nothing minted upstream for a refused exchange (or, if minted, revoked at once).
    for (const t of rig.gh.state.tokens.slice(issuedBefore)) expect(t.revoked).toBe(true);

    // The credential already out is still known and can still be introspected while full.
    const intro = await a.post(
      '/introspect',
      { token: before.body.access_token as string },
      { authorization: 'Bearer secret' },
    );
    expect(intro.status).toBe(200);
    expect(intro.body.active).toBe(true);

    // Room again: the very same OIDC tokens are accepted (no jti, claim or intent was half-written).
    await redis.client().del(...filler);
    await redis.client().config('SET', 'maxmemory', '8mb');
    const after = await Promise.all(tokens.map((t, i) => rig.exchange(i % 2 ? a : b, t, 'release')));
    for (const r of after) expect(r.status).toBe(200);
    // And each is single use again: a second exchange of one is a replay.
    const replay = await rig.exchange(a, tokens[0]!, 'release');
    expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
  }, 60_000);
});
