/** The start-up warning for a shared state store reached without TLS (shared/broker/config.ts). */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stateTransportWarning } from '../../shared/broker/config.js';

describe('stateTransportWarning', () => {
  it('warns for redis:// and Sentinel URLs that leave the machine, naming the host and the fix', () => {
    const w = stateTransportWarning('redis://stepwarden:pw@valkey.internal:6379/0');
    expect(w).toMatch(/valkey\.internal is reached without TLS/);
    expect(w).toMatch(/use rediss:\/\/host:port/);
    expect(w).not.toContain('pw@');
    expect(stateTransportWarning('redis://10.0.0.5:6379')).toMatch(/10\.0\.0\.5/);
    // One remote Sentinel is enough: it tells the broker which primary to trust.
    const s = stateTransportWarning('redis-sentinel://127.0.0.1:26379,s2.internal:26379/stepwarden');
    expect(s).toMatch(/s2\.internal is reached without TLS/);
    expect(s).not.toMatch(/127\.0\.0\.1/);
    expect(s).toMatch(/Sentinel URLs have no TLS form/);
  });

  it('stays quiet for memory, TLS and loopback', () => {
    for (const ok of [
      'memory',
      'rediss://valkey.internal:6380/0',
      'redis://127.0.0.1:6379',
      'redis://127.8.9.10:6379',
      'redis://localhost:6379/1',
      'redis://[::1]:6379',
      'redis-sentinel://127.0.0.1:26379,localhost:26380/stepwarden',
    ])
      expect(stateTransportWarning(ok)).toBeUndefined();
  });

  it('any rediss:// URL is quiet; any redis:// URL to a named host warns', () => {
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: 1, max: 65535 }), (host, port) => {
        expect(stateTransportWarning(`rediss://${host}:${port}`)).toBeUndefined();
        if (host !== 'localhost') expect(stateTransportWarning(`redis://${host}:${port}`)).toContain(host);
      }),
    );
  });
});
