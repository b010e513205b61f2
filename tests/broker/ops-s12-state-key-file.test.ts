/**
 * A missing or unreadable `state-encryption-key-file` stopped the broker with only
 * `ENOENT: ENOENT: no such file or directory, open '…'`: no rule, no config key, no fix. It is now
 * refused as the other files the config names are (admin tokens, metrics token): file, rule, fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

const PASS = 'Redis-pass-not-to-print-4c1e';

describe('broker start: the state encryption key file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sw-ops12-key-'));
    mkdirSync(join(dir, 'a-directory.key'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const config = (keyFile: string) => {
    const f = join(dir, 'broker.yml');
    writeFileSync(
      f,
      [
        'listen: 127.0.0.1:0',
        'require-job-identity: false',
        `state: redis://stepwarden:${PASS}@127.0.0.1:1/0`,
        `state-encryption-key-file: ${keyFile}`,
        '',
      ].join('\n'),
    );
    return f;
  };

  it.each([
    ['missing', './missing.key', 'ENOENT'],
    ['a directory', './a-directory.key', 'EISDIR'],
  ])(
    '%s: exits 2 naming the file, the config key and the fix, before any connection',
    async (_n, keyFile, code) => {
      const r = await cli(['broker', '--config', config(keyFile)], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `${join(dir, keyFile.slice(2))}:1: cannot read the state encryption key file (${code}). Fix: check the \`state-encryption-key-file\` path in the broker config and the file's permissions`,
      );
      expect(r.stderr).toMatch(/ERR_CONFIG_INVALID/);
      expect(r.stderr).not.toMatch(/ERR_STATE_UNREACHABLE/);
      expect(r.stderr).not.toContain(PASS);
    },
  );
});
