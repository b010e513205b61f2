/**
 * On call (session 21), docs/deploy.md's commands tried as written: its example config said
 * `state: redis://stepwarden:${PASSWORD}@…`, but the broker expands no variables in its config. Copied
 * as written, the broker sent the literal `${PASSWORD}` and stopped with ERR_STATE_UNREACHABLE
 * (WRONGPASS; "check the user and password"), which sends the engineer to check a password that is
 * right. Now a
 * `${NAME}` left in `state:` is refused at load: the line, and the fix (render the file first).
 */
import { describe, expect, it } from '@jest/globals';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { main } from '../../shared/cli/main.js';

const problems = (state: string) => {
  try {
    loadBrokerConfig(`listen: 127.0.0.1:0\nstate: ${state}\n`, 'broker.yml', '/');
    return [];
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems.map((p) => `${p.line}: ${p.message} (${p.fix})`);
  }
};

describe('a config template left unrendered', () => {
  it('refuses ${NAME} in state: with the line and the fix, never echoing the rest of the URL', () => {
    for (const url of [
      'redis://stepwarden:${PASSWORD}@valkey.internal:6379/0',
      'redis-sentinel://stepwarden:${PASSWORD}@s1:26379,s2:26379/stepwarden/0',
      'redis://${REDIS_HOST}:6379',
    ]) {
      const p = problems(url);
      expect(p).toHaveLength(1);
      expect(p[0]).toMatch(/^2: /);
      expect(p[0]).toMatch(/expands no variables/);
      expect(p[0]).toMatch(/envsubst/);
      expect(p[0]).not.toMatch(/valkey\.internal|s1:26379|stepwarden:/);
    }
  });
  it('still takes a real password, whatever its characters', () => {
    expect(problems('redis://stepwarden:p%24%7Bx@127.0.0.1:6379/0')).toEqual([]);
    expect(problems('redis://stepwarden:s3cret@127.0.0.1:6379/0')).toEqual([]);
  });
});

describe('stepwarden broker --help, read at night', () => {
  it('lists every endpoint the on-call engineer uses, the kill switch lift included', async () => {
    let out = '';
    const code = await main(['broker', '--help'], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      cwd: process.cwd(),
      env: {},
      readStdin: async () => '',
    });
    expect(code).toBe(0);
    for (const route of [
      '/token',
      '/revoke',
      '/introspect',
      '/admin/revoke',
      '/admin/unblock',
      '/readyz',
      '/metrics',
    ])
      expect(out).toContain(route);
  });
});
