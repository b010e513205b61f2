import { mkdir, open, rename, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { EXIT, UsageError, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { renderInitManifest } from '../../manifest/init.js';
import { loadManifest } from '../../manifest/load.js';
import { MANIFEST_PATH } from '../../manifest/schema.js';
import { resolveAccess } from '../../workflow/access.js';
import { loadWorkflowsFromDir } from '../../workflow/load.js';

const exists = (p: string) =>
  stat(p).then(
    () => true,
    () => false,
  );

export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starting manifest that declares what the workflows hold today',
  help: `Usage: stepwarden init [DIR] [options]

Reads DIR/.github/workflows and writes DIR/${MANIFEST_PATH} declaring exactly what every job holds
today (effective permissions, secrets, environments, risky triggers), so 'stepwarden check' passes at
once. Then tighten it.

Options:
  --restricted   the repository's default GITHUB_TOKEN setting is restricted (default: permissive)
  --stdout       print the manifest instead of writing it
  --force        overwrite an existing manifest
  -h, --help     this help

In GitHub Actions, GITHUB_REPOSITORY, GITHUB_REPOSITORY_ID and GITHUB_REPOSITORY_OWNER_ID fill the
'repository' block the broker binds grants to.
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(
      'init',
      argv,
      { restricted: { type: 'boolean' }, stdout: { type: 'boolean' }, force: { type: 'boolean' } },
      true,
    );
    const dir = resolve(io.cwd, parsed.positionals[0] ?? '.');
    const workflows = await loadWorkflowsFromDir(dir);
    if (workflows.length === 0)
      throw new UsageError(`no workflow files in ${join(dir, '.github/workflows')}`);
    const repositoryDefault = parsed.values.restricted ? 'restricted' : 'permissive';
    const num = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
    const repository = {
      ...(io.env.GITHUB_REPOSITORY ? { name: io.env.GITHUB_REPOSITORY } : {}),
      ...(num(io.env.GITHUB_REPOSITORY_ID) ? { id: num(io.env.GITHUB_REPOSITORY_ID)! } : {}),
      ...(num(io.env.GITHUB_REPOSITORY_OWNER_ID) ? { ownerId: num(io.env.GITHUB_REPOSITORY_OWNER_ID)! } : {}),
    };
    const text = renderInitManifest(resolveAccess(workflows, repositoryDefault), workflows, {
      repositoryDefault,
      repository,
    });
    loadManifest(text, MANIFEST_PATH); // what we write must load; a throw here is a bug, not user input
    if (parsed.values.stdout) {
      io.stdout(text);
      return EXIT.ok;
    }
    const target = join(dir, MANIFEST_PATH);
    if ((await exists(target)) && !parsed.values.force) {
      throw new UsageError(`${target} exists; use --force to overwrite it, or --stdout to compare`);
    }
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.tmp`;
    const fh = await open(tmp, 'w', 0o644);
    await fh.writeFile(text);
    await fh.sync();
    await fh.close();
    await rename(tmp, target);
    const broken = workflows.filter((w) => w.error).map((w) => w.file);
    io.stdout(`wrote ${target}${broken.length ? ` (skipped unparsable: ${broken.join(', ')})` : ''}\n`);
    return EXIT.ok;
  },
};
