/**
 * A typo in a folder of the config. The broker created missing folders of `audit` and the keyrings
 * silently (mkdir -p at start): `audit: /var/lib/stepwraden/audit/x.jsonl` started fine and wrote the
 * write-ahead audit log where no shipper looks, and a mistyped `signing.key-file` folder got a fresh
 * keyring of its own (JWTs the other instances do not publish). Now a missing folder stops the start
 * with ERR_CONFIG_INVALID naming the config key, its line, the path and the fix, and creates nothing;
 * `create-missing-folders: true` is the explicit opt-in (folders made 0700).
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkConfigFolders, loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-s13-folders-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const load = (text: string) => loadBrokerConfig(text, join(dir, 'broker.yml'), dir);

describe('broker start: the folders the config names must exist', () => {
  it('the CLI refuses a mistyped audit folder: exit 2, ERR_CONFIG_INVALID with key, line, path and fix; nothing created', async () => {
    const f = join(dir, 'typo-audit.yml');
    writeFileSync(
      f,
      'listen: 127.0.0.1:0\nsigning: { key-file: ./keys.json }\naudit: ./adiut/broker-audit.jsonl\n',
    );
    const r = await cli(['broker', '--config', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid config (ERR_CONFIG_INVALID)');
    expect(r.stderr).toContain(
      `typo-audit.yml:3: the folder ${join(dir, 'adiut')} of \`audit\` (./adiut/broker-audit.jsonl) does not exist`,
    );
    expect(r.stderr).toMatch(/Fix: correct the `audit` path, or create the folder \(mkdir -p .*adiut/);
    expect(r.stderr).toContain('create-missing-folders: true');
    expect(existsSync(join(dir, 'adiut'))).toBe(false);
    // Refused before the signing key is made.
    expect(existsSync(join(dir, 'keys.json'))).toBe(false);
  });

  it('names every missing folder at once (audit, signing.key-file, spiffe.key-file), each at its line', async () => {
    const cfg = load(
      [
        'signing:',
        '  key-file: ./kyes/signing.json',
        'audit: ./no-such/audit.jsonl',
        'jwt-profile: spiffe',
        'spiffe:',
        '  trust-domain: ci.example.org',
        '  key-file: ./svid/keys.json',
        '',
      ].join('\n'),
    );
    const err = await checkConfigFolders(cfg, { audit: true }).then(
      () => undefined,
      (e: unknown) => e as ManifestError,
    );
    expect(err).toBeInstanceOf(ManifestError);
    expect(err!.code).toBe('ERR_CONFIG_INVALID');
    expect(err!.problems.map((p) => [p.line, p.message.split(' of ')[1]])).toEqual([
      [3, '`audit` (./no-such/audit.jsonl) does not exist'],
      [2, '`signing.key-file` (./kyes/signing.json) does not exist'],
      [7, '`spiffe.key-file` (./svid/keys.json) does not exist'],
    ]);
    for (const d of ['kyes', 'no-such', 'svid']) expect(existsSync(join(dir, d))).toBe(false);
  });

  it('leaves the audit folder to a caller that brings its own sink, and passes folders that exist', async () => {
    await checkConfigFolders(load('audit: ./no-such/audit.jsonl\n'), { audit: false });
    await checkConfigFolders(load('audit: ./audit.jsonl\nsigning: { key-file: ./k.json }\n'), {
      audit: true,
    });
  });

  it('create-missing-folders: true creates them, 0700, and only then', async () => {
    const cfg = load(
      'create-missing-folders: true\nsigning: { key-file: ./made/keys/signing.json }\naudit: ./made/audit/a.jsonl\n',
    );
    await checkConfigFolders(cfg, { audit: true });
    for (const d of ['made/keys', 'made/audit']) {
      expect(statSync(join(dir, d)).isDirectory()).toBe(true);
      if (process.platform !== 'win32') expect(statSync(join(dir, d)).mode & 0o777).toBe(0o700);
    }
  });

  it('refuses a create-missing-folders that is not a boolean', () => {
    expect(() => load('create-missing-folders: yes please\n')).toThrow(
      /broker\.yml:1: .*create-missing-folders/,
    );
  });
});
