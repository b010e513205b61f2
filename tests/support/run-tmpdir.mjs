/**
 * One temp dir per jest run (globalSetup and globalTeardown both import this module): every test's
 * `mkdtemp(tmpdir(), ...)`, every child process that inherits the environment and every redis-server's
 * dir land below it, and the teardown removes it whole, whatever a test left. Before this about 9,000
 * `sw-*` dirs piled up in /tmp over a day of runs (session 34's note). Workers are started after the
 * global setup and take its environment, so os.tmpdir() names this dir in every test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const KEY = 'STEPWARDEN_TEST_RUN_TMPDIR';

export function setup() {
  // Short: a Unix socket path below it must stay within 107 bytes.
  const dir = mkdtempSync(join(tmpdir(), 'swt-'));
  process.env[KEY] = dir;
  process.env.TMPDIR = dir;
}

export function teardown() {
  const dir = process.env[KEY];
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
