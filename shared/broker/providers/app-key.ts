/**
 * Where the GitHub App private key comes from: a file, an environment variable, or the output of a
 * command (a secret manager's or KMS CLI, run without a shell). The PEM is parsed at once and only the
 * KeyObject is kept; the text is never logged, and errors name the source, never the content.
 */
import { spawn } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export type AppKeySource =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'command'; readonly argv: readonly string[] };

export class AppKeyError extends Error {
  readonly code = 'ERR_APP_KEY';
}

function describe(s: AppKeySource): string {
  return s.kind === 'file'
    ? `file ${s.path}`
    : s.kind === 'env'
      ? `environment variable ${s.name}`
      : `command ${s.argv[0]}`;
}

/** What to check when the key cannot be read, per source (config keys of `github:`). */
function readFix(s: AppKeySource): string {
  return s.kind === 'file'
    ? "check github.private-key-file (relative to the config file's folder) and that the broker's user can read it"
    : s.kind === 'env'
      ? `set ${s.name} to the App's PEM in the broker's environment (newlines may be written \\n)`
      : "run github.private-key-command by hand as the broker's user: it must print the PEM on stdout and exit 0 within the time limit";
}

/**
 * Runs the command without a shell, in its own process group. On the deadline the whole group is
 * killed (SIGKILL) and the promise settles at once: execFile's own timeout sent SIGTERM to the direct
 * child only and then waited for its pipes to close, so a command that ignores SIGTERM, or leaves a
 * child holding stdout (a shell script around a CLI), hung the broker's start for as long as it liked.
 */
function run(argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      env,
      stdio: ['ignore', 'pipe', 'ignore'], // stderr may carry the key or a secret: never read
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        /* already gone */
      }
    };
    const settle = (err: AppKeyError | undefined, out?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.stdout?.destroy();
      if (err) {
        killGroup();
        reject(err);
      } else resolve(out!);
    };
    const timer = setTimeout(
      () => settle(new AppKeyError(`did not finish within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout!.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 64 * 1024) return settle(new AppKeyError('printed more than 64 KiB'));
      chunks.push(c);
    });
    child.once('error', (err: NodeJS.ErrnoException) =>
      settle(new AppKeyError(`could not start (${err.code ?? 'error'})`)),
    );
    child.once('close', (code, signal) => {
      if (code === 0) settle(undefined, Buffer.concat(chunks).toString('utf8'));
      else settle(new AppKeyError(`exited with ${code ?? signal ?? 'an error'}`));
    });
  });
}

export async function loadAppKey(
  source: AppKeySource,
  env: NodeJS.ProcessEnv = process.env,
  timeoutMs = 10_000,
): Promise<KeyObject> {
  let pem: string;
  try {
    if (source.kind === 'file') pem = await readFile(source.path, 'utf8');
    else if (source.kind === 'env') {
      const v = env[source.name];
      if (!v) throw new AppKeyError('is not set');
      pem = v;
    } else pem = await run(source.argv, env, timeoutMs);
  } catch (err) {
    throw new AppKeyError(
      `the GitHub App key from ${describe(source)} cannot be read: ${(err as Error).message.split('\n')[0] ?? ''}. Fix: ${readFix(source)}`,
    );
  }
  try {
    const key = createPrivateKey(pem.replace(/\\n/g, '\n'));
    if (key.asymmetricKeyType !== 'rsa')
      throw new Error(`a ${key.asymmetricKeyType} key, GitHub Apps use RSA`);
    return key;
  } catch (err) {
    // The PEM may be a real key: only its source goes into the message.
    throw new AppKeyError(
      `the GitHub App key from ${describe(source)} is not an RSA private key in PEM (${((err as Error).message.split('\n')[0] ?? '').slice(0, 80)}). Fix: give the private key GitHub generated for the App (App settings, Private keys, "Generate a private key": a .pem starting -----BEGIN RSA PRIVATE KEY-----), whole`,
    );
  }
}

/** The config's `github:` block -> the one source it names (config.ts checks exactly one is set). */
export function appKeySourceOf(
  github: { 'private-key-file'?: string; 'private-key-env'?: string; 'private-key-command'?: string[] },
  at: (p: string) => string,
): AppKeySource {
  if (github['private-key-env']) return { kind: 'env', name: github['private-key-env'] };
  if (github['private-key-command']) return { kind: 'command', argv: github['private-key-command'] };
  return { kind: 'file', path: at(github['private-key-file']!) };
}
