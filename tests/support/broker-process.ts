/**
 * `stepwarden broker` as its own process, from the sources (node --import tsx), for tests that need
 * separate brokers: several instances on one store, SIGKILL and restart. Not part of dist/.
 */
import { main } from '../../shared/cli/main.js';

const code = await main(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  cwd: process.cwd(),
  env: process.env,
  readStdin: async () => '',
});
process.exit(code);
