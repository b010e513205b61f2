/**
 * Job identity, verified rather than asserted. The `job` form field of an exchange is the caller's
 * word; GitHub's OIDC token names the job that asked for it (`check_run_id`), and the Actions Jobs
 * API says which job that is. A step of job `build` that sends `job=publish` (to claim the release
 * job's grant with its own token) is refused here and audited as possible theft.
 *
 * The matching is pure (`judgeJob`); `JobIdentityChecker` adds the two reads (the job, and the job's
 * `name:` from the workflow at `job_workflow_sha`) with small bounded caches.
 */
import { shown } from '../conditions/verdict.js';
import type { GithubOidcClaims } from '../oidc/claims.js';
import { parseWorkflow } from '../workflow/parse.js';
import { cutByGithub, hasLiteral, NAME_CUT, templateParts } from '../workflow/job-names.js';
import { steadyNowMs } from '../clock/steady.js';
import { asciiLower } from '../conditions/glob.js';
import { BrokerRefusal, FileTooLargeRefusal } from './errors.js';

/** The fields of GitHub's `job` object this check reads. */
export interface ActionsJob {
  readonly id: number;
  readonly run_id: number;
  readonly run_attempt?: number;
  readonly status: string;
  readonly name: string;
}

export type JobIdentity =
  | {
      readonly status: 'verified';
      readonly check_run_id: string;
      readonly job_name: string;
      /**
       * A called job: the ` / ` segment of `job_name` its own name starts at (what comes before is the
       * caller chain), when the callee file told it.
       */
      readonly own_at?: number;
    }
  | { readonly status: 'asserted'; readonly why: string };

/** The jobs of the workflow file a token's job runs in (`job_workflow_ref` at `job_workflow_sha`). */
export interface WorkflowJobs {
  /** `path@sha`, for messages. */
  readonly where: string;
  readonly jobs: ReadonlyMap<
    string,
    { readonly name?: string; readonly line: number; /** calls a reusable workflow */ readonly uses?: true }
  >;
  /**
   * Why stepwarden's reader refused the file (then `jobs` is empty), said in the refusal: "has no job"
   * alone sent the responder after a theft that was a file GitHub and stepwarden read differently.
   */
  readonly error?: { readonly message: string; readonly line: number };
}

/** `; path:line: why`, when the file's jobs could not be read. */
const unparsed = (f: WorkflowJobs) =>
  f.error
    ? `; stepwarden cannot read that file (${f.where.split('@')[0]}:${f.error.line} ${f.error.message}), so none of its jobs is verified`
    : '';

/**
 * A called job's shown name adds its callers' (each cut at `NAME_CUT` the same way, at most ten levels
 * of called workflows), so no name GitHub shows is near `MAX_SHOWN_NAME`.
 */
export { NAME_CUT };
const MAX_SHOWN_NAME = 2048;

/**
 * A shown name longer than GitHub shows is refused before any matching: it is not GitHub's, and the
 * matching over every split of a called job's name grows with its length times the jobs of the file.
 */
function tooLong(shown: string): string | undefined {
  if (shown.length <= MAX_SHOWN_NAME) return undefined;
  return `is named with ${shown.length} characters ('${shown.slice(0, 60)}...'), longer than GitHub shows a job's name (${NAME_CUT} characters per job, at most ten levels of called workflows; this broker reads up to ${MAX_SHOWN_NAME})`;
}

const cutWhy = (shown: string) =>
  `is named '${shown}', which GitHub cut at ${NAME_CUT} characters (it shows longer names as 97 characters and '...'), so it cannot be told apart from another job's long name`;
const cutFix =
  "give the job a name of at most 100 characters with its matrix values (GitHub's cut, rule job-name-collision of the check)";

/** Where each ` / ` segment of a shown name starts, as `split(' / ')` finds them. */
function segmentStarts(shown: string): number[] {
  const at = [0];
  for (let i = shown.indexOf(' / '); i >= 0; i = shown.indexOf(' / ', i + 3)) at.push(i + 3);
  return at;
}

/**
 * Whether job `id` (whose `name:` is `declared`) can be shown as `text`: its name with every
 * expression as any text, else its id, with an optional matrix suffix of any text. This is the shown
 * side of the check's rule `job-name-collision` (shared/workflow/job-names.ts `shownPatterns`, not
 * exported), matched as a `*`-only glob: that file's general `patternsMeet` search is quadratic in
 * the lengths, and this runs for every job of the file on every request. A job that can show a name
 * the broker reads as job J is exactly a pair the rule reports, so the file's n² pairs are never
 * needed. tests/broker/hostile-s10-direct-names.test.ts holds the verdicts to the rule's
 * `shownAsJobs` and this matcher to `patternsMeet`.
 */
export function canShow(text: string, id: string, declared: string | undefined): boolean {
  const parts = declared !== undefined && declared !== '' ? templateParts(declared) : [id];
  const suffixed = [...parts.slice(0, -1), `${parts.at(-1)!} (`, ')'];
  return fitsStars(text, parts) || fitsStars(text, suffixed);
}

/**
 * Whether `text` is `parts` joined by runs of characters (a glob of `*` only; with `forbid`, runs
 * without that character: an expression of a judged name is `[^/]*`), linear in practice: the first
 * part opens it, the last closes it, and each middle part is taken at its leftmost place. Leftmost
 * never loses a match: it leaves the shortest run before it (a forbidden character in that run is in
 * every longer one) and the most text after it. No regular expression: the shown name is the
 * workflow's input, and `[^/]*` between repeated literals backtracks polynomially (five expressions
 * and a name of 200 characters took 6 s of the event loop).
 */
function fitsStars(text: string, parts: readonly string[], forbid?: string): boolean {
  if (parts.length === 1) return text === parts[0];
  const first = parts[0]!;
  const last = parts.at(-1)!;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  let at = first.length;
  const end = text.length - last.length;
  const clean = (from: number, to: number) => forbid === undefined || !text.slice(from, to).includes(forbid);
  for (const part of parts.slice(1, -1)) {
    const i = text.indexOf(part, at);
    if (i < 0 || i + part.length > end || !clean(at, i)) return false;
    at = i + part.length;
  }
  return clean(at, end);
}
const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');

/**
 * Does the Jobs API name `actual` belong to manifest job `jobId` (whose workflow `name:` is
 * `declared`, when it has one)? GitHub shows a job by its `name:` (expressions evaluated), else by its
 * id; a matrix job adds ` (v1, v2)`; a job of a called workflow is `caller / callee`.
 */
export function jobNameMatches(actual: string, jobId: string, declared?: string, direct = false): boolean {
  return wholeNameMatches(shownOwnName(actual, direct), jobId, declared);
}

/**
 * The part of a Jobs API name that is the job's own: all of it for a job of the workflow the run
 * started (`direct`), else what follows the last ` / ` (a job of a called workflow). A direct job's
 * name never has a caller prefix, so a ` / ` in it is its own text: `name: Build ${{ inputs.target }}`
 * shown as `Build x / publish` is not job `publish`.
 */
function shownOwnName(actual: string, direct: boolean): string {
  if (direct || !actual.includes(' / ')) return actual;
  return actual.slice(actual.lastIndexOf(' / ') + 3);
}

/** The token's job belongs to the workflow the run started (not to a called one). */
function directJob(claims: GithubOidcClaims): boolean {
  return (
    typeof claims.workflow_ref === 'string' &&
    claims.workflow_ref !== '' &&
    claims.workflow_ref === claims.job_workflow_ref
  );
}

/** The token says its job runs in a workflow the run's workflow called (both refs given, different). */
function calledJob(claims: GithubOidcClaims): boolean {
  return (
    typeof claims.workflow_ref === 'string' &&
    claims.workflow_ref !== '' &&
    typeof claims.job_workflow_ref === 'string' &&
    claims.job_workflow_ref !== '' &&
    claims.workflow_ref !== claims.job_workflow_ref
  );
}

/**
 * Where a called job's own name starts in the name GitHub shows (`<caller chain> / <own name>`), pure.
 * Either side may hold ` / ` (a caller job `name: Deploy / prod`, a callee job
 * `name: ${{ inputs.x }} / publish`), so the last segment proves nothing: every split is tried against
 * every job of the callee file, and the name must read one way only. Returns the segment index of the
 * own name, or throws ERR_JOB_IDENTITY (no reading is the requested job) or ERR_JOB_IDENTITY_AMBIGUOUS.
 */
export function calledOwnName(
  shown: string,
  requestedJob: string,
  callee: WorkflowJobs | undefined,
  refuse: (code: string, what: string) => BrokerRefusal,
): number {
  const long = tooLong(shown);
  if (long) throw refuse('ERR_JOB_IDENTITY', long);
  // Each split read in place (`shown.slice(starts[k])`), not re-joined: the name is the workflow's input.
  const starts = segmentStarts(shown);
  const own = (k: number) => shown.slice(starts[k]);
  const callers = (k: number) => shown.slice(0, starts[k]! - 3);
  if (starts.length < 2)
    throw refuse(
      'ERR_JOB_IDENTITY',
      `is named '${shown}', which has no caller part ('<caller job> / <job>'), though the token says its job was called (job_workflow_ref is not workflow_ref)`,
    );
  const mine = callee?.jobs.get(requestedJob);
  if (!callee || !mine) {
    // Without the callee file only one split can be judged: the name must have exactly one ` / `.
    if (starts.length > 2)
      throw refuse(
        'ERR_JOB_IDENTITY_AMBIGUOUS',
        `is named '${shown}', whose caller part and own name cannot be told apart: ${callee ? `${callee.where} has no job '${requestedJob}'` : 'the called workflow file could not be read at job_workflow_sha'}`,
      );
    if (callee)
      throw refuse(
        'ERR_JOB_IDENTITY',
        `runs ${callee.where}, which has no job '${requestedJob}'${unparsed(callee)}`,
      );
    if (!wholeNameMatches(own(1), requestedJob))
      throw refuse('ERR_JOB_IDENTITY', `is named '${shown}', which is not job '${requestedJob}'`);
    return 1;
  }
  // Before any reading, as for a direct job.
  if (cutByGithub(shown)) throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `${cutWhy(shown)}; ${cutFix}`);
  const readings: { at: number; job: string }[] = [];
  for (let k = 1; k < starts.length; k++)
    for (const [id, j] of callee.jobs)
      if (wholeNameMatches(own(k), id, j.name)) readings.push({ at: k, job: id });
  const as = (r: { at: number; job: string }) =>
    `job '${r.job}' (${callee.where.split('@')[0]}:${callee.jobs.get(r.job)!.line}) named '${own(r.at)}' called by '${callers(r.at)}'`;
  // A few readings say what is wrong; all of them would make the refusal as long as the name times the file.
  const listed = (rs: readonly { at: number; job: string }[], sep: string) =>
    `${rs.slice(0, 3).map(as).join(sep)}${rs.length > 3 ? `${sep}${rs.length - 3} more` : ''}`;
  if (!readings.some((r) => r.job === requestedJob))
    throw refuse(
      'ERR_JOB_IDENTITY',
      `is named '${shown}', which is not job '${requestedJob}' of ${callee.where}${mine.name ? ` (name: ${mine.name})` : ''}${readings.length ? `; it reads as ${listed(readings, ', or ')}` : ''}`,
    );
  if (readings.length > 1)
    throw refuse(
      'ERR_JOB_IDENTITY_AMBIGUOUS',
      `is named '${shown}', which reads as ${listed(readings, ', or as ')}; give the called jobs names that cannot be read as one another (no ' / ' followed by another job's name or id)`,
    );
  // One reading, but another job of the file can be shown under it (a `name:` made only of
  // expressions, `${{ inputs.label }}` called with label=publish): the name does not tell them apart.
  const impostors = [...callee.jobs]
    .filter(([id, j]) => id !== requestedJob && !j.uses && canShowAt(shown, starts, id, j.name))
    .map(([id]) => id);
  if (impostors.length)
    throw refuse(
      'ERR_JOB_IDENTITY_AMBIGUOUS',
      `is named '${shown}', which reads as ${as(readings[0]!)}, but ${impostors.map((id) => `job '${id}' (${callee.where.split('@')[0]}:${callee.jobs.get(id)!.line})`).join(', ')} can be shown under that name as well (rule job-name-collision of the check); give the jobs names that cannot be read as one another (a literal part no other job's name or id fits)`,
    );
  return readings[0]!.at;
}

/**
 * Whether job `id` can be shown as the own part of `shown` at any split (`starts`, segment 1 on), in
 * one pass: for a glob of several parts the earliest split whose text starts with the first part is
 * the best (a longer text leaves the leftmost middle parts no later and the same end), so only it is
 * matched; a glob of one part is an exact text, compared by length first.
 */
function canShowAt(
  shown: string,
  starts: readonly number[],
  id: string,
  declared: string | undefined,
): boolean {
  const parts = declared !== undefined && declared !== '' ? templateParts(declared) : [id];
  const suffixed = [...parts.slice(0, -1), `${parts.at(-1)!} (`, ')'];
  return [parts, suffixed].some((glob) => {
    for (let k = 1; k < starts.length; k++) {
      const from = starts[k]!;
      if (glob.length === 1) {
        if (shown.length - from === glob[0]!.length && shown.startsWith(glob[0]!, from)) return true;
      } else if (shown.startsWith(glob[0]!, from)) return fitsStars(shown.slice(from), glob);
    }
    return false;
  });
}

/**
 * A job of the workflow the run started, judged against every job of its file at `job_workflow_sha`,
 * pure. The shown name must fit the requested job (its id, or its `name:` with expressions as
 * `[^/]*`), and no other job may own it: neither a job the shown name also fits, nor a job that could
 * have shown this very name (`canShow`: then it is a pair of the check's `job-name-collision`). The
 * second is what a name made only of expressions needs: job `build`
 * named `${{ inputs.label }}` is shown as `publish` when dispatched with `label=publish`, and nothing in
 * that name tells the two apart. Throws ERR_JOB_IDENTITY or ERR_JOB_IDENTITY_AMBIGUOUS.
 */
export function directOwnJob(
  shown: string,
  requestedJob: string,
  file: WorkflowJobs,
  refuse: (code: string, what: string) => BrokerRefusal,
): void {
  const long = tooLong(shown);
  if (long) throw refuse('ERR_JOB_IDENTITY', long);
  const path = file.where.split('@')[0];
  const at = (id: string) => `job '${id}' (${path}:${file.jobs.get(id)!.line})`;
  const mine = file.jobs.get(requestedJob);
  if (!mine || mine.uses)
    throw refuse(
      'ERR_JOB_IDENTITY',
      `runs ${file.where}, which has no job '${requestedJob}'${mine ? ' with steps of its own (it calls a reusable workflow)' : ''}${unparsed(file)}`,
    );
  // Before any reading: what GitHub cut off is unknown, and a long matrix name cut in its values
  // would otherwise be refused as another job's (the operator needs to hear it was cut).
  if (cutByGithub(shown)) throw refuse('ERR_JOB_IDENTITY_AMBIGUOUS', `${cutWhy(shown)}; ${cutFix}`);
  const fits = [...file.jobs]
    .filter(([id, j]) => id !== requestedJob && !j.uses && wholeNameMatches(shown, id, j.name))
    .map(([id]) => id);
  if (!wholeNameMatches(shown, requestedJob, mine.name))
    throw refuse(
      'ERR_JOB_IDENTITY',
      `is named '${shown}', which is not job '${requestedJob}' of ${file.where}${mine.name ? ` (name: ${mine.name})` : ''}${fits.length ? `; it reads as ${fits.map(at).join(', or ')}` : ''}`,
    );
  const impostors = [...file.jobs]
    .filter(([id, j]) => id !== requestedJob && !j.uses && !fits.includes(id) && canShow(shown, id, j.name))
    .map(([id]) => id);
  if (!fits.length && !impostors.length) return;
  const why = [
    ...fits.map((id) => `${at(id)}, which the name '${shown}' fits as well`),
    ...impostors.map((id) => `${at(id)}, which can be shown as '${shown}' too`),
  ];
  throw refuse(
    'ERR_JOB_IDENTITY_AMBIGUOUS',
    `is named '${shown}', which fits ${at(requestedJob)}, but is not told apart from ${why.join(', and from ')} (rule job-name-collision of the check); give the jobs names that cannot be read as one another (a literal part no other job's name or id fits)`,
  );
}

/** `shown` (no ` / ` split) is job `jobId` whose `name:` is `declared`, with an optional matrix suffix. */
function wholeNameMatches(shown: string, jobId: string, declared?: string): boolean {
  // A name made only of expressions would match any job: then only the id counts.
  const parts = declared && hasLiteral(declared) ? templateParts(declared) : undefined;
  const base = (t: string) => t === jobId || (parts !== undefined && fitsStars(t, parts, '/'));
  if (base(shown)) return true;
  // A matrix suffix ` (a, b)`: the last ` (` of the name, with no parenthesis inside.
  if (!shown.endsWith(')')) return false;
  const open = shown.lastIndexOf('(');
  return (
    open >= 1 &&
    shown[open - 1] === ' ' &&
    !shown.slice(open + 1, -1).includes(')') &&
    base(shown.slice(0, open - 1))
  );
}

/** A job of the caller workflow file, as `callerJobOf` needs it. */
export interface CallerFileJob {
  readonly id: string;
  readonly name?: string;
  /** `jobs.<id>.uses`, when the job calls a reusable workflow. */
  readonly uses?: string;
}

/**
 * Which job of the caller workflow a called job belongs to, pure. GitHub shows a job of a called
 * workflow as `<caller job name> / <callee job name>` (deeper calls add segments); the caller job's
 * name is its `name:` (expressions evaluated, matrix suffix ` (a, b)`) or its id. The prefix must
 * identify exactly one job of the caller file that calls a reusable workflow (the callee itself, for a
 * direct call): a `name:` of one job spelling another's id makes it ambiguous, and ambiguous is refused.
 */
export function callerJobOf(
  shown: string,
  calleeFile: string,
  jobs: readonly CallerFileJob[],
  /** OWNER/REPO of the caller and callee (a `uses:` of this repository by its full name counts). */
  repository?: string,
  /** The segment the called job's own name starts at, when known (JobIdentity.own_at); else the last. */
  ownAt?: number,
): { job: string } | { unverified: string } {
  const long = tooLong(shown);
  if (long) return { unverified: `the job ${long}` };
  const all = segmentStarts(shown);
  if (all.length < 2) return { unverified: `the job's name '${shown}' is not '<caller job> / <called job>'` };
  // Only the caller chain is searched: what follows it is the called job's own name.
  const starts = ownAt !== undefined && ownAt >= 1 && ownAt < all.length ? all.slice(0, ownAt + 1) : all;
  const self = repository ? `|^${escape(repository)}/` : '';
  const callsCallee = new RegExp(`(^\\./${self})\\.github/workflows/${escape(calleeFile)}(@|$)`, 'i');
  const hits = new Set<string>();
  for (let k = 1; k < starts.length; k++) {
    // Read in place: the caller part before segment k.
    const prefix = shown.slice(0, starts[k]! - 3);
    const direct = k === starts.length - 1;
    for (const j of jobs)
      if (j.uses && (!direct || callsCallee.test(j.uses)) && wholeNameMatches(prefix, j.id, j.name))
        hits.add(j.id);
  }
  if (hits.size === 1) return { job: [...hits][0]! };
  return {
    unverified: hits.size
      ? `the job's name '${shown}' fits several caller jobs (${[...hits].join(', ')})`
      : `no job of the caller workflow that calls ${calleeFile} is shown as '${shown.slice(0, starts.at(-1)! - 3)}'`,
  };
}

/** The verdict on one job, pure. Throws the refusal, with what the policy author or responder needs. */
export function judgeJob(
  claims: GithubOidcClaims,
  requestedJob: string,
  job: ActionsJob,
  declaredName?: string,
  /**
   * The jobs of the file at job_workflow_ref/job_workflow_sha (JobIdentityChecker reads it for every
   * job); a called job is judged on its whole name against them (calledOwnName), a direct one against
   * every job of its file (directOwnJob).
   */
  callee?: WorkflowJobs | null,
): JobIdentity {
  const id = String(claims.check_run_id);
  const refuseWith = (code: string, what: string) =>
    new BrokerRefusal(
      'invalid_grant',
      code,
      `the token's job (check_run_id ${id}) ${what}; requested job '${requestedJob}' (possible theft of another job's grant)`,
    );
  const refuse = (what: string) => refuseWith('ERR_JOB_IDENTITY', what);
  judgeRun(claims, job, refuse);
  if (callee !== undefined && calledJob(claims)) {
    const at = calledOwnName(job.name, requestedJob, callee ?? undefined, refuseWith);
    return { status: 'verified', check_run_id: id, job_name: job.name, own_at: at };
  }
  if (callee && directJob(claims)) {
    directOwnJob(job.name, requestedJob, callee, refuseWith);
    return { status: 'verified', check_run_id: id, job_name: job.name };
  }
  if (!jobNameMatches(job.name, requestedJob, declaredName, directJob(claims)))
    throw refuse(
      `is named '${job.name}', which is not job '${requestedJob}'${declaredName ? ` (name: ${declaredName})` : ''}`,
    );
  return { status: 'verified', check_run_id: id, job_name: job.name };
}

/**
 * A direct job whose workflow file cannot be read at its commit: refused, not guessed (503: the App
 * may lack `contents: read`, or GitHub did not serve the file; a fresh token retries).
 */
function unreadable(
  claims: GithubOidcClaims,
  id: string,
  which: 'job_workflow' | 'workflow' = 'job_workflow',
): BrokerRefusal {
  const sha = String(
    (which === 'workflow' ? claims.workflow_sha : (claims.job_workflow_sha ?? claims.workflow_sha)) ?? '',
  );
  const ref = String(which === 'workflow' ? claims.workflow_ref : claims.job_workflow_ref);
  return new BrokerRefusal(
    'temporarily_unavailable',
    'ERR_JOB_IDENTITY_UNAVAILABLE',
    /^[0-9a-f]{40}$/.test(sha)
      ? `the token's job (check_run_id ${id}) runs ${ref}, whose file could not be read at ${which}_sha ${sha}, so its shown name cannot be told apart from another job's of that file; refused rather than guessed (the GitHub App needs contents: read on ${shown(claims.repository)})`
      : `the token's job (check_run_id ${id}) has no ${which}_sha to read its workflow file at, so its shown name cannot be told apart from another job's of that file; refused rather than guessed`,
    503,
  );
}

/**
 * A workflow file over GitHub's 1 MB contents limit: its jobs cannot be read, so the shown name cannot be
 * told apart from another job's. Refused (400, not 503: reading again will not help), saying so.
 */
function tooLarge(claims: GithubOidcClaims, err: FileTooLargeRefusal): BrokerRefusal {
  return new BrokerRefusal(
    'invalid_grant',
    'ERR_JOB_IDENTITY',
    `the token's job (check_run_id ${String(claims.check_run_id)}) cannot be told apart from another job of its workflow file: ${err.description} (move steps into composite actions or reusable workflows); refused rather than guessed`,
  );
}

/** `reader.readFile`, with GitHub's too-large answer as a value (the callers word it for a job). */
async function readWorkflow(
  reader: JobReader,
  owner: string,
  repo: string,
  path: string,
  sha: string,
): Promise<string | undefined | FileTooLargeRefusal> {
  try {
    return await reader.readFile(owner, repo, path, sha);
  } catch (err) {
    if (err instanceof FileTooLargeRefusal) return err;
    throw err;
  }
}

/** The Jobs API job belongs to the token's run and attempt and is running, or a refusal. */
function judgeRun(claims: GithubOidcClaims, job: ActionsJob, refuse: (what: string) => BrokerRefusal): void {
  // The job is asked for by the token's check_run_id as a JSON number: one past 2^53 - 1 is asked (and
  // answered) rounded, a neighbouring job of the same run, whose name would verify the request.
  if (String(job.id) !== String(claims.check_run_id))
    throw refuse(
      `is job ${shown(String(job.id))}, not the check run ${shown(String(claims.check_run_id))} (an id past 2^53 - 1 cannot be asked for exactly)`,
    );
  if (String(job.run_id) !== claims.run_id)
    throw refuse(`belongs to run ${job.run_id}, not the token's run_id ${shown(claims.run_id)}`);
  if (job.run_attempt !== undefined && String(job.run_attempt) !== claims.run_attempt)
    throw refuse(
      `belongs to attempt ${job.run_attempt}, not the token's run_attempt ${shown(claims.run_attempt)}`,
    );
  if (job.status !== 'in_progress') throw refuse(`is ${job.status}, not in_progress`);
}

/**
 * The token's job runs a reusable workflow of another repository than the token's (`job_workflow_ref`
 * names it; the decision admits it only through an exact `trusted-workflows` entry and then grants
 * the caller file's job). Returns that repository and file, or undefined.
 */
function foreignCallee(claims: GithubOidcClaims): { repository: string; file: string } | undefined {
  if (!calledJob(claims)) return undefined;
  const m = /^([^/]+\/[^/]+)\/\.github\/workflows\/([^@/]+)@/.exec(String(claims.job_workflow_ref));
  // ASCII case only, as the decision's `trusted-workflows` resolution compares repositories.
  if (!m || asciiLower(m[1]!) === asciiLower(claims.repository)) return undefined;
  return { repository: m[1]!, file: m[2]! };
}

/**
 * A job of a trusted reusable workflow of another repository, pure: the requested job is a job of the
 * caller file (its grants apply), so the caller part of the shown name (`<caller job> / <callee job>`)
 * must be that job, found in the caller file at `workflow_sha` among the jobs that call a reusable
 * workflow (`callerJobOf`); the callee part is the other repository's to name and proves nothing.
 */
export function judgeTrustedCaller(
  claims: GithubOidcClaims,
  requestedJob: string,
  job: ActionsJob,
  callerJobs: readonly CallerFileJob[] | string,
  callee: { repository: string; file: string },
): JobIdentity {
  const id = String(claims.check_run_id);
  const refuse = (what: string) =>
    new BrokerRefusal(
      'invalid_grant',
      'ERR_JOB_IDENTITY',
      `the token's job (check_run_id ${id}) ${what}; requested job '${requestedJob}' (possible theft of another job's grant)`,
    );
  judgeRun(claims, job, refuse);
  const calleeName = `${callee.repository}/.github/workflows/${callee.file}`;
  if (typeof callerJobs === 'string')
    throw refuse(
      `runs ${calleeName} (trusted-workflows), and its caller job cannot be verified: ${callerJobs}`,
    );
  const found = callerJobOf(job.name, callee.file, callerJobs, callee.repository);
  if ('unverified' in found)
    throw refuse(
      `runs ${calleeName} (trusted-workflows), and its caller job cannot be verified: ${found.unverified}`,
    );
  if (found.job !== requestedJob)
    throw refuse(
      `is named '${job.name}': it runs ${calleeName} (trusted-workflows) called by caller job '${found.job}', not '${requestedJob}', and a trusted workflow gets only its caller job's grants`,
    );
  return { status: 'verified', check_run_id: id, job_name: job.name };
}

/** What the checker needs from GitHub (the GitHub App provider implements it). */
export interface JobReader {
  getJob(owner: string, repo: string, jobId: string): Promise<ActionsJob | undefined>;
  readFile(owner: string, repo: string, path: string, ref: string): Promise<string | undefined>;
}

/** What checkCached()'s reader throws at the first call that would reach GitHub. */
const NEEDS_GITHUB = new Error('stepwarden: this job identity check needs a GitHub call');
const OFFLINE_READER: JobReader = {
  getJob: () => Promise.reject(NEEDS_GITHUB),
  readFile: () => Promise.reject(NEEDS_GITHUB),
};

/** A Map that forgets its oldest entry past `max`, and entries older than `ttlMs`. */
class Bounded<V> {
  private readonly m = new Map<string, { v: V; at: number }>();
  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
  ) {}
  get(k: string): V | undefined {
    const e = this.m.get(k);
    if (!e || steadyNowMs() - e.at > this.ttlMs) return undefined;
    return e.v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, { v, at: steadyNowMs() });
    if (this.m.size > this.max) this.m.delete(this.m.keys().next().value!);
  }
}

export interface JobIdentityOptions {
  /**
   * Refuse tokens without `check_run_id` (or when no GitHub App can read the job). Default true: a
   * job only asserted by the request lets a step of job A claim job B's grant in the same run.
   */
  readonly require?: boolean;
  /** Jobs cached per check_run_id; in_progress answers are kept briefly (status changes). */
  readonly jobCacheTtlMs?: number;
  readonly cacheSize?: number;
}

export class JobIdentityChecker {
  private readonly jobs: Bounded<ActionsJob>;
  private readonly names: Bounded<WorkflowJobs | null>;
  private readonly callerFiles: Bounded<readonly CallerFileJob[]>;

  constructor(
    private readonly reader: JobReader | undefined,
    private readonly opts: JobIdentityOptions = {},
  ) {
    this.jobs = new Bounded(opts.cacheSize ?? 1000, opts.jobCacheTtlMs ?? 30_000);
    this.names = new Bounded(opts.cacheSize ?? 1000, 3600_000);
    this.callerFiles = new Bounded(opts.cacheSize ?? 1000, 3600_000);
  }

  /**
   * check()'s answer (or refusal) when it needs no GitHub call: no job to read (the token names no
   * check run, or no App is configured), or the job and the files it is judged against all cached.
   * Undefined when check() would call GitHub: nothing was asked of it and nothing cached.
   */
  async checkCached(
    claims: GithubOidcClaims,
    requestedJob: string,
    tenant?: { reader: JobReader | undefined },
  ): Promise<JobIdentity | undefined> {
    const reader = tenant ? tenant.reader : this.reader;
    try {
      return await this.check(claims, requestedJob, { reader: reader && OFFLINE_READER });
    } catch (err) {
      if (err === NEEDS_GITHUB) return undefined;
      throw err;
    }
  }

  /** The job's identity, or a refusal (ERR_JOB_IDENTITY, ERR_JOB_IDENTITY_REQUIRED). */
  async check(
    claims: GithubOidcClaims,
    requestedJob: string,
    /** The App of the token's issuer (GHES, ghe.com tenants), when it is not the constructor's. */
    tenant?: { reader: JobReader | undefined },
  ): Promise<JobIdentity> {
    const reader = tenant ? tenant.reader : this.reader;
    const id = claims.check_run_id as string | undefined;
    const unverifiable = !id ? 'the token has no check_run_id' : !reader ? 'no GitHub App is configured' : '';
    if (unverifiable) {
      if (this.opts.require ?? true)
        throw new BrokerRefusal(
          'invalid_grant',
          'ERR_JOB_IDENTITY_REQUIRED',
          `job identity cannot be verified (${unverifiable}) and this broker has require-job-identity: true`,
        );
      return { status: 'asserted', why: unverifiable };
    }
    const [owner, repo] = claims.repository.split('/') as [string, string];
    const key = `${claims.iss}:${claims.repository_id}:${id}`;
    let job = this.jobs.get(key);
    if (!job) {
      job = await reader!.getJob(owner, repo, id!);
      if (!job)
        throw new BrokerRefusal(
          'invalid_grant',
          'ERR_JOB_IDENTITY',
          `the token's job (check_run_id ${id}) is not a job of ${shown(claims.repository)} (possible theft of another job's grant)`,
        );
      if (job.status === 'in_progress') this.jobs.set(key, job);
    }
    // A reusable workflow of another repository (trusted-workflows) runs with the grants of the caller
    // file's job, so the requested job is a caller job: the caller part of the shown name decides.
    const foreign = foreignCallee(claims);
    if (foreign) {
      const jobs = await this.callerFileJobs(claims, reader!);
      if (typeof jobs !== 'string' && 'unreadable' in jobs)
        throw jobs.tooLarge ? tooLarge(claims, jobs.tooLarge) : unreadable(claims, id!, 'workflow');
      return judgeTrustedCaller(claims, requestedJob, job, jobs, foreign);
    }
    // A called job is judged on its whole name against every job of its file (read once per commit):
    // the caller's part and the job's own name may each hold ` / `.
    if (calledJob(claims)) {
      const callee = await this.workflowJobs(claims, reader!);
      // No file, no verdict: the last segment alone verified a job named `${{ inputs.x }} / publish`.
      if (!callee) throw unreadable(claims, id!);
      return judgeJob(claims, requestedJob, job, callee.jobs.get(requestedJob)?.name, callee);
    }
    // A direct job is judged against every job of its file too: a shown name another job of the file
    // can take is refused, not read as the requested job. No file, no verdict (fail closed).
    if (directJob(claims)) {
      const file = await this.workflowJobs(claims, reader!);
      if (!file) throw unreadable(claims, id!);
      return judgeJob(claims, requestedJob, job, file.jobs.get(requestedJob)?.name, file);
    }
    // Neither direct nor called (the refs missing): judged on the name alone, as the decision refuses such a token anyway.
    return judgeJob(claims, requestedJob, job);
  }

  /**
   * The calling job of a reusable workflow (`callers: [FILE/JOB]`, a caller job's `calls:`): from the
   * verified job's name and the caller file at `workflow_sha` (cached per file and commit). Never
   * throws: an unverifiable caller job is a reason, and the decision refuses with it.
   */
  async callerJob(
    claims: GithubOidcClaims,
    identity: JobIdentity,
    tenant?: { reader: JobReader | undefined },
  ): Promise<{ job: string } | { unverified: string }> {
    if (identity.status !== 'verified') return { unverified: identity.why };
    const reader = tenant ? tenant.reader : this.reader;
    const callee = /\/\.github\/workflows\/([^@/]+)@/.exec(String(claims.job_workflow_ref ?? ''));
    if (!callee || !reader) return { unverified: 'the token does not name the caller workflow' };
    const jobs = await this.callerFileJobs(claims, reader);
    if (typeof jobs === 'string') return { unverified: jobs };
    if ('unreadable' in jobs) return { unverified: jobs.unreadable };
    return callerJobOf(identity.job_name, callee[1]!, jobs, claims.repository, identity.own_at);
  }

  /** The jobs of the caller workflow file (`workflow_ref` at `workflow_sha`, cached per file and commit), or why not. */
  private async callerFileJobs(
    claims: GithubOidcClaims,
    reader: JobReader,
  ): Promise<readonly CallerFileJob[] | string | { unreadable: string; tooLarge?: FileTooLargeRefusal }> {
    const caller = /^([^/]+)\/([^/]+)\/(\.github\/workflows\/([^@/]+))@/.exec(
      String(claims.workflow_ref ?? ''),
    );
    const sha = String(claims.workflow_sha ?? '');
    if (!caller) return 'the token does not name the caller workflow';
    if (!/^[0-9a-f]{40}$/.test(sha)) return 'the token has no workflow_sha to read the caller at';
    const key = `${claims.iss}:caller:${caller[1]}/${caller[2]}/${caller[3]}@${sha}`;
    let jobs = this.callerFiles.get(key);
    if (!jobs) {
      const text = await readWorkflow(reader, caller[1]!, caller[2]!, caller[3]!, sha);
      if (text instanceof FileTooLargeRefusal) return { unreadable: text.description, tooLarge: text };
      if (text === undefined) return { unreadable: `${caller[4]} cannot be read at ${sha}` };
      const model = parseWorkflow(caller[4]!, caller[3]!, text);
      jobs = model.jobs.map((j) => ({
        id: j.id,
        ...(j.name !== undefined ? { name: j.name } : {}),
        ...(j.uses ? { uses: j.uses.uses } : {}),
      }));
      this.callerFiles.set(key, jobs);
    }
    return jobs;
  }

  /** The jobs of the workflow file at `job_workflow_sha` (cached per file and commit); undefined when unreadable. */
  private async workflowJobs(claims: GithubOidcClaims, reader: JobReader): Promise<WorkflowJobs | undefined> {
    const ref = String(claims.job_workflow_ref ?? claims.workflow_ref ?? '');
    const sha = String(claims.job_workflow_sha ?? claims.workflow_sha ?? '');
    const m = /^([^/]+)\/([^/]+)\/(\.github\/workflows\/[^@]+)@/.exec(ref);
    if (!m || !/^[0-9a-f]{40}$/.test(sha)) return undefined;
    const key = `${claims.iss}:${m[1]}/${m[2]}/${m[3]}@${sha}`;
    let found = this.names.get(key);
    if (found === undefined) {
      const text = await readWorkflow(reader, m[1]!, m[2]!, m[3]!, sha);
      if (text instanceof FileTooLargeRefusal) throw tooLarge(claims, text);
      const model = text === undefined ? undefined : parseWorkflow(m[3]!.split('/').pop()!, m[3]!, text);
      found = model
        ? {
            where: `${m[3]}@${sha}`,
            jobs: new Map(
              model.jobs.map((j) => [
                j.id,
                {
                  ...(j.name !== undefined ? { name: j.name } : {}),
                  line: j.line,
                  ...(j.uses ? { uses: true as const } : {}),
                },
              ]),
            ),
            ...(model.error ? { error: model.error } : {}),
          }
        : null;
      // An unreadable file is not remembered: a direct job is refused without it, and the next
      // exchange reads again (a file GitHub could not serve a moment ago is not absent for an hour).
      if (found) this.names.set(key, found);
    }
    return found ?? undefined;
  }
}
