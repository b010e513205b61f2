import { EXIT, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { runDemo } from '../../demo/run-demo.js';
import { SUMMARIES } from '../summaries.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: SUMMARIES.demo,
  help: `Usage: stepwarden demo [--keep-running]

Starts a local OIDC issuer and a GitHub REST stand-in (both local stand-ins, not GitHub), the broker
with an embedded manifest, then plays the steps of one release job: a GitHub token for one command,
revoked after; a JWT for an internal service; the refusals a compromised step meets (over-scoped
request, second claim, replayed token, disallowed trigger); the job-end revocation; and the audit log.
No network beyond 127.0.0.1; nothing is written outside a temporary directory. Exit 0 when every
step behaved as described.

Options:
  --keep-running   leave the stack up afterwards and print its URLs (Ctrl-C to stop)
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const { values } = parseCommandArgs('demo', argv, { 'keep-running': { type: 'boolean' } });
    const result = await runDemo({
      out: (l) => io.stdout(`${l}\n`),
      keepRunning: values['keep-running'] === true,
    });
    if (values['keep-running']) {
      io.stdout(`stack running: ${JSON.stringify(result.urls)} (Ctrl-C to stop)\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => void result.stop().then(resolve)));
    }
    return result.ok ? EXIT.ok : EXIT.findings;
  },
};
