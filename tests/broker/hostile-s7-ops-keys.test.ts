/**
 * Session 7, operating the broker: a `rotate-key` killed while it held `<keyring>.lock`. The lock names
 * its holder (pid, host, time); a holder provably gone (this host, pid no longer running) is taken
 * over safely, anything that cannot be proven gone is ERR_KEYRING_BUSY saying who holds it and how to
 * clear it. Concurrent takeovers of one stale lock never lose a key.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileKeyring, readKeyringFile, rotateKeyFile } from '../../shared/broker/signing-key.js';
import { cli } from '../support/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-s7-keys-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = () => Math.floor(Date.now() / 1000);
/** This process's pid namespace: the one a lock written here names. */
const NS = (() => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
})();
const lockOf = (pid: number, host: string, since: number, ns = NS) =>
  `${JSON.stringify({ pid, host, since, ns })}\n`;

/** A real process (standing in for a rotate-key mid-way), to be SIGKILLed. */
async function holder(): Promise<{ pid: number; kill(): Promise<void> }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  return {
    pid: child.pid!,
    kill: () =>
      new Promise<void>((r) => {
        child.once('exit', () => r());
        child.kill('SIGKILL');
      }),
  };
}

describe('a rotate-key lock left behind', () => {
  it('held by a live process of this host: busy, naming the pid and "still running"; once it is SIGKILLed the next rotation takes the lock over', async () => {
    const file = join(dir, 'killed.json');
    await FileKeyring.open(file);
    const p = await holder();
    try {
      writeFileSync(`${file}.lock`, lockOf(p.pid, hostname(), now() - 3), { mode: 0o600 });
      const busy = await rotateKeyFile(file, now(), 0).catch((e: unknown) => e);
      expect(busy).toMatchObject({ code: 'ERR_KEYRING_BUSY' });
      expect((busy as Error).message).toMatch(
        new RegExp(`pid ${p.pid} on this host holds .*killed\\.json\\.lock`),
      );
      expect((busy as Error).message).toMatch(/still running/);
      expect((await readKeyringFile(file)).entries).toHaveLength(1); // nothing written
    } finally {
      await p.kill();
    }
    const r = await rotateKeyFile(file, now(), 0);
    expect(r.staleLock).toMatchObject({ pid: p.pid, host: hostname() });
    expect((await readKeyringFile(file)).entries.map((e) => e.jwk.kid)).toContain(r.kid);
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(existsSync(`${file}.lock.break`)).toBe(false);
  });

  it('held by another host: busy, naming the host and how to clear it; over 10 minutes old it says almost surely stale', async () => {
    const file = join(dir, 'other-host.json');
    await FileKeyring.open(file);
    writeFileSync(`${file}.lock`, lockOf(4242, 'broker-b-7f9c', now() - 7200), { mode: 0o600 });
    const err = (await rotateKeyFile(file, now(), 0).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('ERR_KEYRING_BUSY');
    expect(err.message).toMatch(
      /pid 4242 on host broker-b-7f9c holds .*other-host\.json\.lock since .*\(7200 s ago\)/,
    );
    expect(err.message).toMatch(/almost surely stale/);
    expect(err.message).toMatch(
      /if no rotate-key runs on broker-b-7f9c, remove .*other-host\.json\.lock and run again/,
    );
    expect(existsSync(`${file}.lock`)).toBe(true); // never removed on a guess
    writeFileSync(`${file}.lock`, lockOf(4242, 'broker-b-7f9c', now() - 5));
    expect(((await rotateKeyFile(file, now(), 0).catch((e: unknown) => e)) as Error).message).not.toMatch(
      /stale/,
    );
  });

  it('of this host name but another pid namespace (a container given the same hostname): busy, never taken over', async () => {
    const file = join(dir, 'other-ns.json');
    await FileKeyring.open(file);
    const p = await holder();
    await p.kill(); // dead here, but its pid would belong to the other container
    writeFileSync(`${file}.lock`, lockOf(p.pid, hostname(), now() - 30, 'pid:[4026599999]'));
    const err = (await rotateKeyFile(file, now(), 0).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('ERR_KEYRING_BUSY');
    expect(err.message).toMatch(
      /cannot be checked from here: if no rotate-key runs on .*, remove .*other-ns\.json\.lock/,
    );
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it('written by an older version (a bare pid) or damaged: busy, with how to clear it', async () => {
    const file = join(dir, 'legacy.json');
    await FileKeyring.open(file);
    for (const text of ['12345\n', '', '{"pid":"x"}']) {
      writeFileSync(`${file}.lock`, text);
      const err = (await rotateKeyFile(file, now(), 0).catch((e: unknown) => e)) as Error & { code: string };
      expect(err.code).toBe('ERR_KEYRING_BUSY');
      expect(err.message).toMatch(/its holder cannot be checked.*remove .*legacy\.json\.lock and run again/);
    }
  });

  it('three rotations racing to take over one stale lock: no key lost, every success in the file, the others busy', async () => {
    const file = join(dir, 'race.json');
    await FileKeyring.open(file);
    const p = await holder();
    await p.kill();
    writeFileSync(`${file}.lock`, lockOf(p.pid, hostname(), now() - 60));
    const results = await Promise.allSettled([0, 1, 2].map(() => rotateKeyFile(file, now(), 0)));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ERR_KEYRING_BUSY' });
    const kids = (await readKeyringFile(file)).entries.map((e) => e.jwk.kid);
    expect(kids).toHaveLength(1 + ok.length);
    for (const r of ok) expect(kids).toContain(r.value.kid);
    expect(ok.filter((r) => r.value.staleLock)).toHaveLength(1); // broken once
    expect(existsSync(`${file}.lock`)).toBe(false);
    expect(existsSync(`${file}.lock.break`)).toBe(false);
  });

  it('`stepwarden broker rotate-key` says on stderr that it took over a dead holder’s lock, and exits 0; another host’s lock exits 2 with the fix', async () => {
    const file = join(dir, 'cli.json');
    await FileKeyring.open(file);
    const config = join(dir, 'cli.yml');
    writeFileSync(config, 'signing: { key-file: ./cli.json }\n');
    const p = await holder();
    await p.kill();
    writeFileSync(`${file}.lock`, lockOf(p.pid, hostname(), now() - 30));
    const ok = await cli(['broker', 'rotate-key', '--config', config]);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(
      new RegExp(`took over .*cli\\.json\\.lock left by pid ${p.pid} \\(no longer running\\)`),
    );
    expect(ok.stdout).toMatch(/^new signing key /);
    writeFileSync(`${file}.lock`, lockOf(77, 'other-node', now() - 30));
    const busy = await cli(['broker', 'rotate-key', '--config', config]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(
      /ERR_KEYRING_BUSY: rotate-key pid 77 on host other-node .*remove .*cli\.json\.lock/,
    );
  });
});
