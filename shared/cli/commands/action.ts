import type { Command } from '../command.js';
import { UsageError, wantsHelp } from '../command.js';
import { ACTIONS, actionNamed } from '../../actions/index.js';
import { SUMMARIES } from '../summaries.js';

/** `stepwarden action NAME`: the entry the composite actions call (inputs come from INPUT_* env). */
export const actionCommand: Command = {
  name: 'action',
  summary: SUMMARIES.action,
  help: `Usage: stepwarden action NAME

Runs the entry point of a stepwarden GitHub Action. The composite actions call this; inputs are read
from the INPUT_<NAME> environment variables exactly as the Actions runner sets them.

Actions:
${Object.entries(ACTIONS)
  .map(([n, a]) => `  ${n.padEnd(14)}${a.summary}`)
  .join('\n')}
`,
  async run(argv, io) {
    if (wantsHelp(argv) || argv.length === 0) {
      io.stdout(this.help);
      return argv.length === 0 ? 2 : 0;
    }
    const [name, ...rest] = argv;
    const entry = actionNamed(name);
    if (!entry) throw new UsageError(`unknown action '${name}'; one of: ${Object.keys(ACTIONS).join(', ')}`);
    return (await entry.load()).run(rest, io);
  },
};
