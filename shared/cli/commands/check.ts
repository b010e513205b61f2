import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, UsageError, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { checkDirectory } from '../../check/load.js';
import { ManifestError } from '../../manifest/errors.js';
import { FORMATS, isFormat, render } from '../../render/index.js';
import { renderJsonPieces } from '../../render/json.js';
import { VERSION } from '../version.js';
import { writeOutputFile } from '../output-file.js';
import { SUMMARIES } from '../summaries.js';

export const checkCommand: Command = {
  name: 'check',
  summary: SUMMARIES.check,
  help: `Usage: stepwarden check [DIR] [options]

Reads DIR/.github/workflows/*.yml and DIR/.github/access-manifest.yml and reports every job that holds
more than the manifest declares: GITHUB_TOKEN permissions, secrets, environments, triggers, actions,
and manifest grants above the organization ceiling. Workflow files are read as data only; symbolic
links are not followed.

Arguments:
  DIR                 the repository to check (default: .)

Options:
  --manifest PATH     the access manifest (default: DIR/.github/access-manifest.yml)
  --org-policy PATH   the organization policy (ceiling) every manifest is capped by
  --format FORMAT     ${FORMATS.join(' | ')} (default: text)
                        text      file:line  severity  rule  message, grouped by file
                        json      { jobs, findings } (contract: docs/required-check.md)
                        sarif     SARIF 2.1.0 for code scanning
                        github    workflow-command annotations (10 per severity, then a notice)
                        markdown  a job-summary table (kept under 1 MiB)
  --output FILE       write the report to FILE (atomically) instead of standard output
  -h, --help          this help

Exit codes:
  0  no error findings (warnings allowed)
  1  error findings
  2  cannot judge: invalid manifest or policy (problems on stderr with file:line and the fix),
     no manifest (run \`stepwarden init\` to write one), or bad arguments

Rules and fixes: docs/rules/. Making it a required check: docs/required-check.md.

Examples:
  stepwarden check
  stepwarden check examples/demo-repo --format json
  stepwarden check . --org-policy ../org/.github/stepwarden/org-policy.yml
  stepwarden check . --format sarif --output stepwarden.sarif
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(
      'check',
      argv,
      {
        manifest: { type: 'string' },
        'org-policy': { type: 'string' },
        format: { type: 'string', default: 'text' },
        output: { type: 'string' },
      },
      true,
    );
    const { values, positionals } = parsed;
    if (positionals.length > 1) throw new UsageError(`expected one directory, got ${positionals.length}`);
    const format = values.format ?? 'text';
    if (!isFormat(format))
      throw new UsageError(`unknown --format '${format}'; one of: ${FORMATS.join(', ')}`);
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory())
      throw new UsageError(`'${positionals[0] ?? '.'}' is not a directory; give the repository to check`);
    let result;
    try {
      result = await checkDirectory({
        dir,
        ...(values.manifest ? { manifest: resolve(io.cwd, values.manifest) } : {}),
        ...(values['org-policy'] ? { orgPolicy: resolve(io.cwd, values['org-policy']) } : {}),
      });
    } catch (err) {
      if (err instanceof ManifestError) {
        const what =
          err.code === 'ERR_MANIFEST_MISSING'
            ? 'there is no access manifest'
            : 'the manifest or policy is invalid';
        io.stderr(`stepwarden check: cannot judge, ${what} (${err.code}):\n${err.message}\n`);
        return EXIT.usage;
      }
      throw err;
    }
    if (values.output) {
      await writeOutputFile(resolve(io.cwd, values.output), render(result, format, VERSION));
    } else if (format === 'json') {
      // Piece by piece: no string of the whole report (5.7 MB on 1,500 workflows) and no UTF-8 copy
      // of it. Writes to a file or pipe are synchronous on Linux, and elsewhere the process waits for
      // queued writes before it exits, so the report is whole; a reader gone (`| head`) drops the rest.
      for (const piece of renderJsonPieces(result)) io.stdout(piece);
    } else {
      io.stdout(render(result, format, VERSION));
    }
    return result.findings.some((f) => f.severity === 'error') ? EXIT.findings : EXIT.ok;
  },
};
