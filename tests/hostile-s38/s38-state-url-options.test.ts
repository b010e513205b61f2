/**
 * Session 38, the state store's URL read by two parsers. The broker's config check (config.ts
 * `validStateUrl`, `stateTransportWarning`) and ioredis read `state:` differently:
 * - ioredis turns every query parameter into a client option, and the URL's come before the broker's
 *   own options (lodash `defaults`), so they win: `rediss://host/0?tls=` connected **without TLS**
 *   (`tls: ''`) while the broker, seeing `rediss://`, printed no warning; `?keyPrefix=` moved every
 *   key into another key space (two instances, two sets of used jtis: a replay across them passes);
 *   `?commandTimeout=`, `?enableOfflineQueue=`, `?readOnly=` replaced the broker's choices;
 * - ioredis takes TLS only from `rediss://` in lower case (`startsWith`), while the URL parser the
 *   broker checks with lowers the scheme: `REDISS://host:6380` was accepted and connected in clear.
 * On f3a4e9b every URL below loaded without a problem. Now each is refused at load, naming `state`
 * and its line, the credentials in the URL never shown.
 */
import { describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';

const problems = (state: string) => {
  try {
    loadBrokerConfig(`listen: 127.0.0.1:0\nstate: ${state}\n`, 'broker.yml', '/');
    return [];
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems.map((p) => `${p.line}: ${p.message} (${p.fix})`);
  }
};

describe('the state URL: what the broker checks is what ioredis connects to (s38)', () => {
  it("ioredis reads a query parameter as an option over the broker's, and TLS only from a lower-case rediss://", () => {
    const tls = (url: string) => {
      const r = new Redis(url, { lazyConnect: true, tls: undefined });
      const t = r.options.tls;
      r.disconnect();
      return t;
    };
    // Why the URLs below are refused: these are ioredis' readings, not the broker's.
    expect(tls('rediss://127.0.0.1:6380/0')).toBeTruthy();
    expect(tls('rediss://127.0.0.1:6380/0?tls=')).toBeFalsy();
    expect(tls('REDISS://127.0.0.1:6380/0')).toBeFalsy();
  });

  it.each([
    ['rediss://stepwarden:s3cret@valkey.internal:6380/0?tls=', 'query'],
    ['redis://stepwarden:s3cret@127.0.0.1:6379/0?keyPrefix=other', 'query'],
    ['rediss://valkey.internal:6380/0?commandTimeout=0&enableOfflineQueue=true', 'query'],
    ['rediss://valkey.internal:6380?db=3', 'query'],
    ['redis://127.0.0.1:6379/0#fragment', 'query'],
    ['REDISS://stepwarden:s3cret@valkey.internal:6380/0', 'lower case'],
    ['Rediss://valkey.internal:6380/0', 'lower case'],
    ['Redis://127.0.0.1:6379/0', 'lower case'],
  ])('%s is refused at load, naming state and its line', (url, why) => {
    const p = problems(url);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^2: state\b/);
    expect(p[0]).toContain(why);
    expect(p[0]).not.toContain('s3cret');
  });

  it('the plain forms still load', () => {
    for (const url of [
      'redis://127.0.0.1:6379',
      'redis://127.0.0.1:6379/0',
      'rediss://stepwarden:p%3Fx%23y@valkey.internal:6380/2',
      'redis-sentinel://s1:26379,s2:26379/stepwarden/0',
    ])
      expect(problems(url)).toEqual([]);
  });
});
