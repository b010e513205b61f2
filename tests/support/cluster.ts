/** Broker processes for the cluster tests: spawn one on a config file, wait for its URL, stop or kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BrokerProcess {
  readonly url: string;
  readonly proc: ChildProcess;
  /** Everything it wrote on stderr so far. */
  stderr(): string;
  /** Everything it wrote on stdout so far. */
  stdout(): string;
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** SIGTERM (flushes the audit log) or SIGKILL; resolves when the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function spawnBroker(
  configFile: string,
  env: Record<string, string> = {},
  /**
   * The script run: this wrapper exits the process when the stop is done; the CLI's own entry
   * (`shared/cli/main.ts`) only sets the exit code, so work still out keeps the process, as in production.
   */
  entry = 'tests/support/broker-process.ts',
): Promise<BrokerProcess> {
  const { NODE_OPTIONS: _drop, ...parentEnv } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', entry, 'broker', '--config', configFile], {
    cwd: ROOT,
    env: { ...parentEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker did not start in 60 s: ${err}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker exited (${code}) before listening: ${err}`));
    });
  });
  return {
    url,
    proc,
    stderr: () => err,
    stdout: () => out,
    async post(path, form, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams(form),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        proc.once('close', () => resolve());
        proc.kill(signal);
      });
    },
  };
}

/**
 * A broker.yml in `dir` for one issuer and a directory of manifests (octo-org/octo-repo's is
 * `manifest`), audit to ./audit.jsonl; `extra` lines are appended (owner-ids, budgets…). Returns its path.
 */
export function writeDirectoryBrokerConfig(
  dir: string,
  opts: { aud: string; issuer: string; manifest: string; extra?: string[] },
): string {
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), opts.manifest);
  const file = join(dir, 'broker.yml');
  writeFileSync(
    file,
    [
      'listen: 127.0.0.1:0',
      `url: ${opts.aud}`,
      `audience: ${opts.aud}`,
      'manifests: { source: directory, path: ./manifests }',
      `issuers: [${opts.issuer}]`,
      'signing: { key-file: ./keys.json }',
      'audit: ./audit.jsonl',
      'require-job-identity: false',
      ...(opts.extra ?? []),
    ].join('\n'),
  );
  return file;
}
