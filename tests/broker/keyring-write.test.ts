/** The signing keyring file is written exclusively, 0600 from its first byte (shared/broker/signing-key.ts). */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadOrCreateSigningKey } from '../../shared/broker/signing-key.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-keyring-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writing the keyring', () => {
  it('never writes the private keys through a link planted at the temporary name it used to predict', async () => {
    const file = join(dir, 'signing-key.json');
    const victim = join(dir, 'world-readable');
    writeFileSync(victim, 'nothing secret', { mode: 0o644 });
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    await loadOrCreateSigningKey(file);
    expect(readFileSync(victim, 'utf8')).toBe('nothing secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toBeTruthy();
    // Only the planted link is left beside it: no temporary file of ours.
    expect(readdirSync(dir).sort()).toEqual([
      'signing-key.json',
      `signing-key.json.${process.pid}.tmp`,
      'world-readable',
    ]);
  });
});
