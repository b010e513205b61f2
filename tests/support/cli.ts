/** Runs the CLI in-process with captured output. */
import { main } from '../../shared/cli/main.js';

export async function cli(
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: string } = {},
) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd: opts.cwd ?? new URL('../..', import.meta.url).pathname,
    env: opts.env ?? {},
    readStdin: async () => opts.stdin ?? '',
  });
  return { code, stdout, stderr };
}

/**
 * Runs the CLI from source as a process (`node [nodeArgs] --import tsx [--import preload] main.ts
 * args`), for what only a whole process shows: which modules ran, which V8 tiers were on.
 */
export async function cliProcess(
  args: string[],
  opts: { nodeArgs?: string[]; preload?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const { spawn } = await import('node:child_process');
  const root = new URL('../..', import.meta.url).pathname;
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      [
        ...(opts.nodeArgs ?? []),
        '--import',
        'tsx',
        ...(opts.preload ? ['--import', opts.preload] : []),
        `${root}shared/cli/main.ts`,
        ...args,
      ],
      {
        cwd: root,
        env: { ...process.env, ...opts.env, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
