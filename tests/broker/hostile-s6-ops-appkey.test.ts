/**
 * Session 6, operating the broker: the GitHub App private key from a command (a secret manager's or
 * KMS CLI) as a bad day would run it. A command that ignores SIGTERM, or leaves a child holding its
 * stdout, must not hang the broker's start; what it prints on stderr never reaches an error.
 */
import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { AppKeyError, loadAppKey } from '../../shared/broker/providers/app-key.js';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
}) as string;
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', KEY: pem };

describe('GitHub App key from a command', () => {
  it('a command that ignores SIGTERM is cut at the deadline (its whole process group), not waited for', async () => {
    const err = await loadAppKey(
      { kind: 'command', argv: ['sh', '-c', 'trap "" TERM; sleep 30; printf "%s" "$KEY"'] },
      env,
      300,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppKeyError);
    expect((err as Error).message).toMatch(/command sh cannot be read: did not finish within 300 ms/);
  }, 10_000);

  it('a command that exits but leaves a child holding its stdout is cut at the deadline too', async () => {
    const err = await loadAppKey(
      { kind: 'command', argv: ['sh', '-c', 'sleep 30 & exit 0'] },
      env,
      300,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppKeyError);
    expect((err as Error).message).toMatch(/did not finish within 300 ms/);
  }, 10_000);

  it('a command that prints the key on stderr and fails: neither the key nor its stderr is in the error', async () => {
    const err = await loadAppKey(
      { kind: 'command', argv: ['sh', '-c', 'printf "%s" "$KEY" >&2; echo "token=hunter2" >&2; exit 3'] },
      env,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppKeyError);
    expect((err as Error).message).toMatch(/exited with 3/);
    expect((err as Error).message).not.toMatch(/PRIVATE KEY|hunter2|MII/);
  });

  it('a command that prints more than 64 KiB is refused without keeping it', async () => {
    const err = await loadAppKey(
      { kind: 'command', argv: ['sh', '-c', 'yes MIIxxxxxxxxxxxxxxxx | head -c 200000'] },
      env,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppKeyError);
    expect((err as Error).message).not.toMatch(/MII/);
  });

  it('a command that cannot be started names only the command', async () => {
    const err = await loadAppKey(
      { kind: 'command', argv: ['/nonexistent/secret-cli', '--token=hunter2'] },
      env,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppKeyError);
    expect((err as Error).message).toMatch(/command \/nonexistent\/secret-cli cannot be read/);
    expect((err as Error).message).not.toMatch(/hunter2/);
  });

  it('a command printing the key on stdout still works', async () => {
    const key = await loadAppKey({ kind: 'command', argv: ['sh', '-c', 'printf "%s" "$KEY"'] }, env);
    expect(key.asymmetricKeyType).toBe('rsa');
  });
});
