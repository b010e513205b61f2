/**
 * Session 25: the test redis-servers' ports cannot be lost by chance (tests/support/redis.ts). A port
 * from bind(0) that was closed and handed to redis-server could be taken meanwhile by any other
 * bind(0) or connect() of the machine, at the first start or in every restart's window; now the port
 * lies below the kernel's ephemeral range (where neither lands) and is reserved by a lock file, across
 * processes, until the server stops.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { reservePort, startRedis } from '../support/redis.js';

const LOCKS = join(tmpdir(), 'stepwarden-test-ports');
const ephemeralLow = Number(
  readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0],
);

describe('test redis ports', () => {
  it('lie below the ephemeral range, stay reserved across a restart, and are released at stop', async () => {
    const r = await startRedis();
    try {
      expect(r.port).toBeLessThan(ephemeralLow);
      expect(readFileSync(join(LOCKS, String(r.port)), 'utf8')).toBe(String(process.pid));
      await r.client().set('k', 'v');
      await r.restart();
      expect(await r.client().get('k')).toBe('v');
      expect(existsSync(join(LOCKS, String(r.port)))).toBe(true);
    } finally {
      await r.stop();
    }
    expect(existsSync(join(LOCKS, String(r.port)))).toBe(false);
  }, 30_000);

  it('no two reservations share a port, and all lie below the ephemeral range', () => {
    const held = Array.from({ length: 300 }, () => reservePort());
    try {
      expect(new Set(held.map((h) => h.port)).size).toBe(held.length);
      for (const h of held) {
        expect(h.port).toBeGreaterThanOrEqual(10_000);
        expect(h.port).toBeLessThan(ephemeralLow);
      }
    } finally {
      for (const h of held) h.release();
    }
  });
});
