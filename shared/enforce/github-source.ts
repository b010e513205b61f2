/**
 * What the enforce gate reads, through the contents API over an injected Octokit: the running workflow
 * file and its local callees at GITHUB_WORKFLOW_SHA, the manifest and org policy at a ref. The gate is
 * the first step of a job, before any checkout, so nothing here touches the workspace. Every failure
 * becomes an EnforceSourceError that says what could not be read and what to do.
 */
import { basename } from 'node:path';
import type { StepwardenOctokitClient } from '../github/octokit.js';
import { localWorkflowFile } from '../workflow/access.js';
import type { WorkflowModel } from '../workflow/model.js';
import { parseWorkflow } from '../workflow/parse.js';
import { WORKFLOWS_DIR } from '../workflow/load.js';
import { withCompositeActions, type ActionFileReader } from '../workflow/composite.js';
import { caseFoldedAction, type DirectoryLister } from '../workflow/case-fold.js';

/** The gate cannot judge: the reason and the fix, both safe to print (never a token). */
export class EnforceSourceError extends Error {
  readonly code = 'ERR_ENFORCE_UNAVAILABLE';
  constructor(
    message: string,
    readonly fix: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EnforceSourceError';
  }
}

export interface RepoFile {
  readonly owner: string;
  readonly repo: string;
  readonly path: string;
  /** Branch, tag or commit; the repository's default branch when absent. */
  readonly ref?: string;
}

/** GITHUB_WORKFLOW_REF: `owner/repo/.github/workflows/file.yml@refs/heads/main`. */
export interface WorkflowRef {
  readonly owner: string;
  readonly repo: string;
  /** `.github/workflows/file.yml` */
  readonly path: string;
  /** `file.yml`, the manifest key. */
  readonly file: string;
  readonly ref: string;
}

/**
 * Undefined when `value` does not name one workflow file. A file name may hold `@` (git allows it):
 * `o/r/.github/workflows/release.yml@x.yml@refs/heads/f` is the file `release.yml@x.yml`, which the
 * first `@` would read as `release.yml` at the ref `x.yml@refs/heads/f`, and the gate would judge the
 * listed `release.yml` at the run's commit while `release.yml@x.yml` runs. Such a reference is
 * refused (the gate cannot judge it) rather than split one way or the other (session 13).
 */
export function parseWorkflowRef(value: string): WorkflowRef | undefined {
  const m = /^([^/\s]+)\/([^/\s]+)\/(\.github\/workflows\/[^/@\s]+\.ya?ml)@(\S+)$/.exec(value);
  if (!m || /^[^/\s]*\.ya?ml@/i.test(m[4]!)) return undefined;
  return { owner: m[1]!, repo: m[2]!, path: m[3]!, file: basename(m[3]!), ref: m[4]! };
}

const TOKEN_FIX =
  'give the job `permissions: { contents: read }` (with `id-token: write` if it also uses the broker); the gate reads the workflow and the manifest through the API';

/** An API failure as a reason and a fix; 404 is the caller's to word (missing file vs missing repository). */
export function sourceError(err: unknown, what: string): EnforceSourceError {
  if (err instanceof EnforceSourceError) return err;
  const status = (err as { status?: number }).status;
  if (status === 401)
    return new EnforceSourceError(
      `cannot read ${what}: the token was refused (HTTP 401)`,
      'pass the job token (the default `token: ${{ github.token }}`) or a valid GitHub App token',
      401,
    );
  if (status === 403)
    return new EnforceSourceError(
      `cannot read ${what}: the token lacks contents: read (HTTP 403)`,
      TOKEN_FIX,
      403,
    );
  if (status === 404)
    return new EnforceSourceError(
      `cannot read ${what}: not found (HTTP 404)`,
      'check the ref and path; a token without access to a private repository also gets 404',
      404,
    );
  return new EnforceSourceError(
    `cannot read ${what}: ${status ? `GitHub answered HTTP ${status}` : (err as Error).message}`,
    're-run the job; when it persists, check https://www.githubstatus.com or the GITHUB_API_URL of the runner',
    status,
  );
}

const label = (f: RepoFile) => `${f.path} of ${f.owner}/${f.repo}${f.ref ? ` at ${f.ref}` : ''}`;

/** The contents API's answer for a path, or undefined when GitHub says it is not there (404). */
async function getContent(gh: StepwardenOctokitClient, f: RepoFile): Promise<unknown> {
  try {
    const res = await gh.rest.repos.getContent({
      owner: f.owner,
      repo: f.repo,
      path: f.path,
      ...(f.ref ? { ref: f.ref } : {}),
    });
    return res.data;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return undefined;
    throw sourceError(err, label(f));
  }
}

/** A file's text, or undefined when GitHub says it is not there (404). Other failures throw. */
export async function readRepoFile(gh: StepwardenOctokitClient, f: RepoFile): Promise<string | undefined> {
  const data = (await getContent(gh, f)) as
    { type?: string; content?: string; encoding?: string } | undefined;
  if (data === undefined) return undefined;
  if (Array.isArray(data) || data.type !== 'file')
    throw new EnforceSourceError(`${label(f)} is not a file`, 'point the input at a file');
  // Above 1 MB the contents API leaves `content` empty (encoding `none`): no workflow or manifest is that big.
  if (data.encoding !== 'base64' || typeof data.content !== 'string')
    throw new EnforceSourceError(`${label(f)} is too large to read`, 'keep the file under 1 MB');
  return Buffer.from(data.content, 'base64').toString('utf8');
}

/** A path's kind (`dir`, `file`, `symlink`, `submodule`) and, for a directory, its entry names. */
interface PathAnswer {
  readonly kind: string;
  readonly names?: readonly string[];
}

/**
 * The contents API lists at most 1,000 entries of a directory (docs.github.com, "Get repository
 * content"): a listing that long may hide a name, so it is taken as cut short.
 */
const CONTENTS_LIST_LIMIT = 1000;

/** What the contents API says a path is, or undefined for 404; `''` asks for the repository root. */
async function pathAnswer(gh: StepwardenOctokitClient, f: RepoFile): Promise<PathAnswer | undefined> {
  const data = (await getContent(gh, f)) as { type?: unknown } | { name?: unknown }[] | undefined;
  if (data === undefined) return undefined;
  if (Array.isArray(data))
    return { kind: 'dir', names: data.flatMap((e) => (typeof e.name === 'string' ? [e.name] : [])) };
  return { kind: typeof data.type === 'string' ? data.type : 'unknown entry' };
}

/** github.com follows reusable workflows ten levels deep; and a sane bound on files read. */
const MAX_LEVELS = 10;
const MAX_FILES = 50;
/**
 * Local composite action files read by the gate (two tries per action: .yml, .yaml). Past it the
 * gate cannot judge the job (it refused to guess before session 13 only for the static check: the
 * gate added nothing more and allowed the job, so an action past the budget ran unjudged).
 */
export const MAX_ACTION_FILES = 50;

/**
 * The running workflow and every local reusable workflow it reaches, parsed, all at `sha` (a local
 * `uses: ./.github/workflows/x.yml` always runs from the caller's commit). A missing running file is
 * an error; a missing callee becomes an error model, reported by the check's `invalid-workflow`.
 */
export async function readRunningWorkflows(
  gh: StepwardenOctokitClient,
  wref: WorkflowRef,
  sha: string,
): Promise<WorkflowModel[]> {
  const read = async (file: string): Promise<WorkflowModel> => {
    const path = `${WORKFLOWS_DIR}/${file}`;
    const text = await readRepoFile(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha });
    if (text === undefined && file === wref.file)
      throw new EnforceSourceError(
        `cannot read the running workflow ${path} of ${wref.owner}/${wref.repo} at ${sha}: not found (HTTP 404)`,
        'the token must read this repository (contents: read); a workflow from another repository (a ruleset-required workflow) needs a token that can read that repository',
        404,
      );
    return text === undefined
      ? { file, path, triggers: [], jobs: [], error: { message: `not found at ${sha}`, line: 1 } }
      : parseWorkflow(file, path, text);
  };
  const models = new Map<string, WorkflowModel>();
  let frontier = [wref.file];
  for (let level = 1; level <= MAX_LEVELS && frontier.length > 0; level++) {
    const batch = frontier.filter((f) => !models.has(f)).slice(0, MAX_FILES - models.size);
    for (const m of await Promise.all(batch.map(read))) models.set(m.file, m);
    frontier = [
      ...new Set(
        batch.flatMap((f) =>
          (models.get(f)?.jobs ?? []).flatMap((j) => {
            const callee = j.uses && localWorkflowFile(j.uses.uses);
            return callee && !models.has(callee) ? [callee] : [];
          }),
        ),
      ),
    ];
  }
  // The actions of local composite actions the jobs run, read at the same commit, at most
  // MAX_ACTION_FILES files. Past that the job cannot be judged: nothing more added would let an
  // action outside `allowed-actions` run behind enough local actions (of any job of the file), with
  // the gate's "allowed" and only an `unread-local-action` warning.
  let budget = MAX_ACTION_FILES;
  let over: string | undefined;
  // A path's contents-API answer (its kind, and a directory's entry names), asked once per run: every
  // missing action under `.github/actions/` would otherwise ask for `.github` and `.github/actions`
  // again, and a dozen actions an earlier step makes put a judged job past the budget (session 20).
  // Each new look-up counts against the budget; past it the job is not judged (refused).
  const looked = new Map<string, Promise<PathAnswer | undefined>>();
  const lookUp = (path: string): Promise<PathAnswer | undefined> | undefined => {
    let hit = looked.get(path);
    if (!hit) {
      if (budget-- <= 0) {
        over ??= path || '(the repository root)';
        return undefined;
      }
      hit = pathAnswer(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha });
      looked.set(path, hit);
    }
    return hit;
  };
  // Past the budget nothing is listed: `over` is set and the job is not judged (refused below).
  const list: DirectoryLister = async (path) => {
    const a = await lookUp(path);
    return a?.names ? { names: a.names, full: a.names.length >= CONTENTS_LIST_LIMIT } : undefined;
  };
  const actionFile: ActionFileReader = async (dir) => {
    for (const name of ['action.yml', 'action.yaml']) {
      if (budget-- <= 0) {
        over ??= dir ? `${dir}/${name}` : name;
        return undefined;
      }
      const path = dir ? `${dir}/${name}` : name;
      const text = await readRepoFile(gh, { owner: wref.owner, repo: wref.repo, path, ref: sha }).catch(
        (err: unknown) => {
          // There, but not read: over the contents API's 1 MB (the runner reads 10 MiB), a link
          // out of the repository or to a directory, a directory. GitHub may run it: refused
          // (unreadable-local-action, an error), never taken for an action an earlier step makes.
          if (err instanceof EnforceSourceError && err.status === undefined)
            return {
              refused: `${err.message}: the gate reads action files through the contents API, which serves a regular file of the repository under 1 MB`,
            };
          throw err;
        },
      );
      if (typeof text === 'object') return { path, refused: text.refused };
      if (text !== undefined) return { path, text };
    }
    // Neither file: the contents API answers a path through a linked directory with 404 too, and the
    // runner follows that link in the checkout. The directory and those above it are asked for one
    // by one until one is missing (no action there) or a link (refused).
    const parts = dir ? dir.split('/') : [];
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      const answer = lookUp(path);
      if (!answer) return undefined;
      const kind = (await answer)?.kind;
      if (kind === undefined) break;
      if (kind !== 'dir' && kind !== 'file')
        return {
          path,
          refused: `${label({ owner: wref.owner, repo: wref.repo, path, ref: sha })} is a ${kind}, which the runner follows in the checkout and the contents API does not: the gate cannot read the action behind it`,
        };
    }
    // Missing as named: held in another case, which a macOS or Windows runner runs? Each parent
    // directory (the root too) is listed once per run, inside the budget (session 21).
    return caseFoldedAction(dir, list);
  };
  const withActions = await withCompositeActions([...models.values()], actionFile);
  if (over !== undefined)
    throw new EnforceSourceError(
      `the jobs of ${wref.path} at ${sha} run more local action files than the gate reads at job start (${MAX_ACTION_FILES}; the first not read: ${over}), so it cannot judge what the job runs`,
      'use fewer local composite actions in this workflow (each job of the file counts), or move jobs into workflows of their own; `stepwarden check` reads them all',
    );
  return withActions;
}

/** What the API says of the repository: the only source the gate trusts for these facts. */
export interface RepositoryFacts {
  readonly id: number;
  readonly ownerId: number;
  readonly fullName: string;
  readonly defaultBranch: string;
}

/**
 * `GET /repos/{owner}/{repo}` (metadata, which every job token can read). The event payload carries
 * the same facts, but the payload is a file in the runner's temp directory that can be rewritten
 * before the first step runs; the gate compares it against this answer instead of believing it.
 */
export async function repositoryFacts(
  gh: StepwardenOctokitClient,
  owner: string,
  repo: string,
): Promise<RepositoryFacts> {
  try {
    const { data } = await gh.rest.repos.get({ owner, repo });
    return {
      id: data.id,
      ownerId: data.owner.id,
      fullName: data.full_name,
      defaultBranch: data.default_branch,
    };
  } catch (err) {
    throw sourceError(err, `the repository ${owner}/${repo}`);
  }
}
