/**
 * Which other jobs of its workflow file a job can be shown as, by the broker's rule for a job of the
 * workflow a run started (shared/broker/job-identity.ts `jobNameMatches`, direct): the Jobs API name
 * (the job's `name:` with its expressions evaluated, else its id, plus ` (…)` for a matrix) is job J
 * when it is J's id, or fits J's `name:` with each expression as any run of characters without `/`
 * (only when that `name:` has a literal part), each optionally followed by ` (…)` without parentheses.
 * A job `build` named `publish`, or `${{ inputs.label }}`, or a job `prod-deploy` beside a job named
 * `${{ matrix.env }}-deploy`, is verified as that job and can claim its credential grants. Pure.
 *
 * The question is whether two patterns share a string: the shown side's expressions can evaluate to
 * anything, the judged side's match no `/`. A search over pairs of positions answers it; where two
 * wildcards meet, a character both take can be dropped from the shared string, so skipping one of
 * them is enough.
 */
import type { JobModel, WorkflowModel } from './model.js';
import { splitTemplate } from './template.js';

/**
 * The literal parts of a template around its `${{ … }}` expressions (n expressions, n + 1 parts), as
 * GitHub's template reader finds them (shared/workflow/template.ts), so `${{ inputs.x || '}}' }}` is
 * one expression, which can be any text. The broker reads names by this too (job-identity.ts). A lazy
 * `\$\{\{[\s\S]*?\}\}` ended it at the quoted `}}`, leaving `' }}` as a literal part the name had to
 * show: that job was never seen as able to show `publish`, and its dispatch with `x=publish` was
 * verified as job `publish`.
 */
export function templateParts(text: string): string[] {
  return splitTemplate(text).parts;
}

/** The template has a literal part besides whitespace (else it can be any text). */
export function hasLiteral(text: string): boolean {
  return templateParts(text).join('').trim() !== '';
}

/**
 * GitHub shows at most 100 characters of a job's own name: a longer one is cut to 97 and `...`, and
 * the Jobs API answers the cut name. The broker's job identity (shared/broker/job-identity.ts) and
 * the check's rule job-name-collision both judge by these two.
 */
export const NAME_CUT = 100;

/**
 * GitHub may have cut the name (it ends with the `...` of a cut and is as long as one): the text
 * after the cut is unknown, so a `name:` whose expression absorbs `...` would take another job's long
 * name. Judged conservatively: any such name ending the shown name. The broker refuses it.
 */
export function cutByGithub(own: string): boolean {
  return own.length >= NAME_CUT - 3 && own.endsWith('...');
}

/**
 * Whether every name GitHub can show for `job` is one the broker refuses as cut (`cutByGithub`): its
 * `name:` (else its id) with each expression as the empty text, the shortest it can evaluate to, is
 * over `NAME_CUT` characters, or looks cut itself. An expression or a matrix suffix only makes a name
 * longer, except where it follows the `...`; what it evaluates to is not bounded here (the broker
 * refuses such a run with the fix).
 */
export function alwaysCut(job: JobModel): boolean {
  const text = job.name !== undefined && job.name !== '' ? job.name : job.id;
  const parts = templateParts(text);
  const shortest = parts.join('');
  return shortest.length > NAME_CUT || (parts.at(-1)!.endsWith('...') && cutByGithub(shortest));
}

export type Star = 'any' | 'noslash' | 'noparen';
export type Tok = string | { readonly star: Star };

/** Past this many position pairs the answer is "may collide" (fail closed); real names are short. */
const MAX_STATES = 2_000_000;

function template(text: string, star: Star): Tok[] {
  const out: Tok[] = [];
  templateParts(text).forEach((part, i) => {
    if (i > 0) out.push({ star });
    for (const ch of part) out.push(ch);
  });
  return out;
}

const literal = (text: string): Tok[] => [...text];
const suffixed = (t: readonly Tok[], star: Star): Tok[] => [...t, ' ', '(', { star }, ')'];

function takes(star: Star, c: string): boolean {
  if (star === 'any') return true;
  if (star === 'noslash') return c !== '/';
  return c !== '(' && c !== ')';
}

/** Whether some string fits both patterns. */
export function patternsMeet(a: readonly Tok[], b: readonly Tok[]): boolean {
  const n = a.length;
  const m = b.length;
  // The literal characters before either side's first wildcard, and after its last, must agree:
  // most pairs of a workflow's jobs are told apart so, without the search's table (session 30).
  for (let i = 0; i < n && i < m; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x !== 'string' || typeof y !== 'string') break;
    if (x !== y) return false;
  }
  for (let i = n - 1, j = m - 1; i >= 0 && j >= 0; i--, j--) {
    const x = a[i];
    const y = b[j];
    if (typeof x !== 'string' || typeof y !== 'string') break;
    if (x !== y) return false;
  }
  if ((n + 1) * (m + 1) > MAX_STATES) return true;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * (m + 1) + j;
    if (!seen[k]) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length) {
    const k = stack.pop()!;
    const i = Math.floor(k / (m + 1));
    const j = k % (m + 1);
    if (i === n && j === m) return true;
    const x = a[i];
    const y = b[j];
    if (x !== undefined && typeof x !== 'string') {
      push(i + 1, j);
      if (typeof y === 'string' && takes(x.star, y)) push(i, j + 1);
    }
    if (y !== undefined && typeof y !== 'string') {
      push(i, j + 1);
      if (typeof x === 'string' && takes(y.star, x)) push(i + 1, j);
    }
    if (typeof x === 'string' && typeof y === 'string' && x === y) push(i + 1, j + 1);
  }
  return false;
}

/** Every name the Jobs API can show for `job` (any matrix suffix included: over-approximated). */
function shownPatterns(job: JobModel): Tok[][] {
  const base = job.name !== undefined && job.name !== '' ? template(job.name, 'any') : literal(job.id);
  return [base, suffixed(base, 'any')];
}

/** Every name the broker verifies as job `job` (job-identity.ts `wholeNameMatches`). */
function judgedPatterns(job: JobModel): Tok[][] {
  const bases = [literal(job.id)];
  if (job.name && hasLiteral(job.name)) bases.push(template(job.name, 'noslash'));
  return bases.flatMap((b) => [b, suffixed(b, 'noparen')]);
}

/**
 * The ids of the other jobs of `wf` that `job` can be verified as by the broker (empty for a job that
 * calls a reusable workflow: its steps run in the callee). Files that are only ever called count too:
 * the broker judges their jobs on the whole shown name and refuses a name that fits two jobs (so the
 * other job's own requests are refused), except when it cannot read the file, where it falls back to
 * the last segment (and the job is verified as the other).
 */
export function shownAsJobs(wf: WorkflowModel, job: JobModel): string[] {
  if (job.uses) return [];
  const shown = shownPatterns(job);
  return wf.jobs
    .filter((other) => other !== job && other.id !== job.id)
    .filter((other) => judgedOf(other).some((j) => shown.some((s) => patternsMeet(s, j))))
    .map((other) => other.id);
}

/**
 * `judgedPatterns`, made once per job: every job of a workflow is judged against every other, and
 * a workflow of thousands of jobs made each job's patterns again for each (session 30).
 */
const judged = new WeakMap<JobModel, Tok[][]>();
function judgedOf(job: JobModel): Tok[][] {
  let p = judged.get(job);
  if (!p) judged.set(job, (p = judgedPatterns(job)));
  return p;
}
