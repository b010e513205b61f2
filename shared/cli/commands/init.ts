import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT, UsageError, wantsHelp, type Command, type CliIO, parseCommandArgs } from '../command.js';
import { initGaps, renderInitManifest, type InitOptions } from '../../manifest/init.js';
import { loadManifest } from '../../manifest/load.js';
import { MANIFEST_PATH } from '../../manifest/schema.js';
import { directoryActionReader, readWorkflowsSafely } from '../../check/load.js';
import { withCompositeActions } from '../../workflow/composite.js';
import { resolveAccess } from '../../workflow/access.js';
import { oneLine } from '../../render/escape.js';
import { writeOutputFile } from '../output-file.js';
import { SUMMARIES } from '../summaries.js';

const lstatOrUndefined = (p: string) => lstat(p).catch(() => undefined);

const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (!/^[1-9]\d{0,15}$/.test(v)) throw new UsageError(`${flag} must be a positive integer, not '${v}'`);
  return Number(v);
}

type Repository = NonNullable<InitOptions['repository']>;

/**
 * The repository block: flags first, then the runner's GITHUB_REPOSITORY* variables, then (with a
 * token) the REST API for ids still unknown. An API failure is reported, never fatal: the ids stay
 * missing and the output says so.
 */
async function repositoryOf(
  values: { repository?: string; 'repository-id'?: string; 'owner-id'?: string },
  io: CliIO,
): Promise<{ repository: Repository; notes: string[] }> {
  const env = io.env;
  const name = values.repository ?? env.GITHUB_REPOSITORY;
  if (values.repository !== undefined && !REPO_NAME.test(values.repository))
    throw new UsageError(`--repository must be OWNER/REPO, not '${values.repository}'`);
  const envInt = (v: string | undefined) => (v && /^[1-9]\d*$/.test(v) ? Number(v) : undefined);
  let id = positiveInt('--repository-id', values['repository-id']) ?? envInt(env.GITHUB_REPOSITORY_ID);
  let ownerId = positiveInt('--owner-id', values['owner-id']) ?? envInt(env.GITHUB_REPOSITORY_OWNER_ID);
  const notes: string[] = [];
  const token = env.GITHUB_TOKEN;
  if ((!id || !ownerId) && name && token) {
    const [owner, repo] = name.split('/') as [string, string];
    // Octokit (about 190 KB of the bundle) loads only for this call: an init given its ids, or
    // without a token, never compiles it.
    const { runnerOctokit } = await import('../../github/octokit.js');
    try {
      const { data } = await runnerOctokit(token, env).rest.repos.get({ owner, repo });
      id ??= data.id;
      ownerId ??= data.owner.id;
      notes.push(
        `read repository.id and owner-id of ${name} from ${env.GITHUB_API_URL ?? 'https://api.github.com'}`,
      );
    } catch (err) {
      const status = (err as { status?: number }).status;
      notes.push(
        `could not read the ids of ${name} from the API (${status ? `HTTP ${status}` : (err as Error).message}); pass --repository-id and --owner-id`,
      );
    }
  }
  return {
    repository: { ...(name ? { name } : {}), ...(id ? { id } : {}), ...(ownerId ? { ownerId } : {}) },
    notes,
  };
}

export const initCommand: Command = {
  name: 'init',
  summary: SUMMARIES.init,
  help: `Usage: stepwarden init [DIR] [options]

Reads DIR/.github/workflows and writes DIR/${MANIFEST_PATH} declaring exactly what every job holds
today (effective permissions, secrets, environments, risky triggers), so 'stepwarden check' passes at
once. Then tighten it.

Symbolic links are not followed (as 'check'): a linked workflow file is skipped and named, and a
linked .github or manifest path is refused.

Options:
  --repository OWNER/REPO   the repository's full name (default: GITHUB_REPOSITORY)
  --repository-id N         its numeric id (default: GITHUB_REPOSITORY_ID)
  --owner-id N              its owner's numeric id (default: GITHUB_REPOSITORY_OWNER_ID)
  --restricted              the repository's default GITHUB_TOKEN setting is restricted (default: permissive)
  --stdout                  print the manifest instead of writing it
  --force                   overwrite an existing manifest
  -h, --help                this help

The broker binds grants to repository.id and repository.owner-id and refuses every credential
without them. Give them as flags; in GitHub Actions the GITHUB_REPOSITORY* variables fill them; with
GITHUB_TOKEN set (and GITHUB_API_URL on GitHub Enterprise Server) the ids still missing are read from
GET /repos/OWNER/REPO. What is still missing is printed after the manifest is written.

Examples:
  stepwarden init
  stepwarden init --repository octo-org/octo-repo --repository-id 123456 --owner-id 654321
  GITHUB_TOKEN=$(gh auth token) stepwarden init --repository octo-org/octo-repo
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(
      'init',
      argv,
      {
        restricted: { type: 'boolean' },
        stdout: { type: 'boolean' },
        force: { type: 'boolean' },
        repository: { type: 'string' },
        'repository-id': { type: 'string' },
        'owner-id': { type: 'string' },
      },
      true,
    );
    if (parsed.positionals.length > 1)
      throw new UsageError(`expected one directory, got ${parsed.positionals.length}`);
    const dir = resolve(io.cwd, parsed.positionals[0] ?? '.');
    // With the actions of local composite actions, as the check reads them (so it passes at once).
    const all = await withCompositeActions(await readWorkflowsSafely(dir), directoryActionReader(dir));
    // Refused (linked) and unparsable files are named in the output, never declared.
    const workflows = all.filter((w) => !w.error);
    const broken = all.filter((w) => w.error);
    if (all.length === 0) throw new UsageError(`no workflow files in ${join(dir, '.github/workflows')}`);
    const repositoryDefault = parsed.values.restricted ? 'restricted' : 'permissive';
    const { repository, notes } = await repositoryOf(parsed.values, io);
    const opts: InitOptions = { repositoryDefault, repository };
    const access = resolveAccess(workflows, repositoryDefault, { self: repository?.name });
    const text = renderInitManifest(access, workflows, opts);
    loadManifest(text, MANIFEST_PATH); // what we write must load; a throw here is a bug, not user input
    const report = (out: (t: string) => void) => {
      for (const n of notes) out(`stepwarden init: ${n}\n`);
      for (const w of broken) out(`stepwarden init: skipped ${oneLine(`${w.path}: ${w.error!.message}`)}\n`);
      const gaps = initGaps(workflows, opts);
      if (gaps.length)
        out(
          `stepwarden init: before the broker grants any credential, still missing:\n${gaps.map((g) => `  - ${g}`).join('\n')}\n`,
        );
    };
    if (parsed.values.stdout) {
      io.stdout(text);
      report(io.stderr); // stdout is the manifest
      return EXIT.ok;
    }
    const target = join(dir, MANIFEST_PATH);
    for (const p of [join(dir, '.github'), target]) {
      if ((await lstatOrUndefined(p))?.isSymbolicLink())
        throw new UsageError(
          `${p} is a symbolic link, which stepwarden does not follow; make it a real path`,
        );
    }
    if ((await lstatOrUndefined(target)) && !parsed.values.force) {
      throw new UsageError(`${target} exists; use --force to overwrite it, or --stdout to compare`);
    }
    // Whole or not at all, fsynced, under an exclusive unpredictable temporary name (output-file.ts).
    await writeOutputFile(target, text, { mkdirs: true, durable: true });
    io.stdout(`wrote ${target}\n`);
    report(io.stdout);
    return EXIT.ok;
  },
};
