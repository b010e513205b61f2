import { resolve } from 'node:path';
import { EXIT, UsageError, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { renderDiffJson, renderDiffMarkdown } from '../../diff/render.js';
import { readState } from '../../diff/source.js';
import { diffStates, failsOnWidened } from '../../diff/states.js';
import { SUMMARIES } from '../summaries.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: SUMMARIES.diff,
  help: `Usage: stepwarden diff BASE HEAD [--format markdown|json] [--repo DIR] [--fail-on widened]

BASE and HEAD are directories (holding .github/) or git refs of the repository at --repo (default .),
read with git ls-tree / git show: nothing is checked out or run. Lists every change of effective
access — permissions, secrets, environments, triggers, actions and their pinning, manifest grants —
as widened or narrowed, widened first. Renamed workflow files are matched, not shown as removed+added.

JSON: { "changes": [ { "workflow", "job", "kind", "subject", "before", "after", "effect", "file", "line" } ] }
with kind one of workflow, job, permission, secret, environment, trigger, action, credential, manifest,
policy, unreadable, and effect widened, narrowed or cannot-judge (a file whose access cannot be read).

Exit codes: 0 (also with changes), 1 with --fail-on widened when access widens or a file cannot be
judged, 2 bad arguments or an invalid head manifest.

Examples:
  stepwarden diff origin/main HEAD
  stepwarden diff base-checkout/ head-checkout/ --format json
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(
      'diff',
      argv,
      {
        format: { type: 'string', default: 'markdown' },
        repo: { type: 'string', default: '.' },
        'fail-on': { type: 'string' },
      },
      true,
    );
    const { values, positionals } = parsed;
    if (positionals.length !== 2) throw new UsageError('give BASE and HEAD');
    if (values.format !== 'markdown' && values.format !== 'json')
      throw new UsageError('--format must be markdown or json');
    if (values['fail-on'] !== undefined && values['fail-on'] !== 'widened')
      throw new UsageError('--fail-on takes widened');
    const repo = resolve(io.cwd, values.repo ?? '.');
    let base;
    let head;
    try {
      [base, head] = await Promise.all([readState(positionals[0]!, repo), readState(positionals[1]!, repo)]);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    if (base.manifestError)
      io.stderr(
        `stepwarden diff: the manifest of ${base.label} is invalid; the head's grants are compared with none:\n${base.manifestError}\n`,
      );
    const { changes, invalidHead } = diffStates(base, head);
    io.stdout(values.format === 'json' ? renderDiffJson(changes) : renderDiffMarkdown(changes));
    // An invalid head manifest cannot be judged at all: exit 2, whatever --fail-on says.
    if (invalidHead) {
      io.stderr(
        `stepwarden diff: cannot judge ${head.label}: its manifest is invalid:\n${head.manifestError}\n`,
      );
      return EXIT.usage;
    }
    return values['fail-on'] === 'widened' && failsOnWidened(changes) ? EXIT.findings : EXIT.ok;
  },
};
