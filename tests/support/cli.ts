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
