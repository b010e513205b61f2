/**
 * Grant conditions over verified OIDC claims, pure: the job's `environments` bound, the job's `when`,
 * the grant's `when`, and the secure default (no `ref` anywhere: the default branch only). Every
 * condition gets a verdict; the first failure is the refusal.
 */
import type { When } from '../manifest/schema.js';
import { parseWorkflowRef } from './callers.js';
import { claimString } from './claims.js';
import { asciiLower, globMatch, matchesAny } from './glob.js';
import { OUTSIDE_EVENTS, refProblem } from './ref.js';
import { CONDITION_CODES, shown, type ConditionOrigin, type ConditionVerdict } from './verdict.js';

type Path = readonly (string | number)[];

export interface ConditionInput {
  readonly claims: Readonly<Record<string, unknown>>;
  /** Manifest file name for messages, and line look-up by key path. */
  readonly file: string;
  readonly lineOf: (path: Path) => number;
  /** The branch the manifest was read from (`main` …), for the default `ref` condition. */
  readonly defaultBranch: string;
  readonly job?: { readonly when?: When; readonly environments: readonly string[]; readonly path: Path };
  readonly grant: { readonly when?: When; readonly path: Path };
}

export interface ConditionResult {
  readonly verdicts: ConditionVerdict[];
  /** The first failed verdict, if any: the refusal. */
  readonly refusal?: ConditionVerdict;
}

const list = (xs: readonly string[]) => xs.join(', ');

interface Check {
  readonly condition: string;
  readonly codeKey: keyof typeof CONDITION_CODES;
  readonly claim: string;
  readonly expected: readonly string[];
  readonly origin: ConditionOrigin;
  readonly path: Path;
  readonly test: (actual: string) => boolean;
  /** `is not one of X` / `is not X`. */
  readonly failText: (actual: string) => string;
  readonly okText: (actual: string) => string;
}

function run(c: Check, input: ConditionInput): ConditionVerdict {
  const raw = claimString(input.claims, c.claim);
  const actual = raw === '' ? undefined : raw;
  const line = input.lineOf(c.path);
  const where = `(${input.file}:${line})`;
  if (actual === undefined)
    return failed(
      c,
      input.file,
      line,
      undefined,
      CONDITION_CODES.missing,
      `the token has no '${c.claim}' claim, which condition ${c.condition} needs ${where}`,
    );
  const seen = shown(actual);
  if (!c.test(actual))
    return failed(c, input.file, line, seen, CONDITION_CODES[c.codeKey], `${c.failText(seen)} ${where}`);
  // Plain literals, not `{ ...base, ok, message }`: V8 11.3 (Node 20) builds a literal that opens with
  // a non-empty spread and adds keys on a slow path, 16.3 K instructions a verdict against 2.0 K, and
  // every exchange judges at least the default ref condition (session 32). Same keys, same order.
  return {
    condition: c.condition,
    origin: c.origin,
    claim: c.claim,
    actual: seen,
    expected: c.expected,
    file: input.file,
    line,
    ok: true,
    message: `${c.okText(seen)} ${where}`,
  };
}

/** A refused condition's verdict (the keys in the order of an accepted one's, `code` before `message`). */
function failed(
  c: Check,
  file: string,
  line: number,
  actual: string | undefined,
  code: ConditionVerdict['code'],
  message: string,
): ConditionVerdict {
  return {
    condition: c.condition,
    origin: c.origin,
    claim: c.claim,
    actual,
    expected: c.expected,
    file,
    line,
    ok: false,
    code,
    message,
  };
}

function patternCheck(
  condition: string,
  codeKey: keyof typeof CONDITION_CODES,
  claim: string,
  patterns: readonly string[],
  origin: ConditionOrigin,
  path: Path,
  nocase = false,
): Check {
  return {
    condition,
    codeKey,
    claim,
    expected: patterns,
    origin,
    path,
    test: (a) => matchesAny(a, patterns, { nocase }),
    failText: (a) => `${condition} ${a} is not one of ${list(patterns)}`,
    okText: (a) => `${condition} ${a} matches ${list(patterns)}`,
  };
}

/**
 * The `ref` condition: the claim must match, and be a ref the code can run at (well formed, of the
 * kind `ref_type` says, the ref `workflow_ref` runs the workflow file at). A token whose `ref` says
 * one thing while its workflow runs at another is judged on neither.
 */
function refCheck(
  claims: Readonly<Record<string, unknown>>,
  patterns: readonly string[],
  origin: ConditionOrigin,
  path: Path,
  what: { matches: (a: string) => boolean; failText: (a: string) => string; okText: (a: string) => string },
): Check {
  const problem = (a: string) =>
    refProblem(
      a,
      claimString(claims, 'ref_type'),
      parseWorkflowRef(claimString(claims, 'workflow_ref') ?? ''),
    );
  return {
    condition: 'ref',
    codeKey: 'ref',
    claim: 'ref',
    expected: patterns,
    origin,
    path,
    test: (a) => problem(a) === undefined && what.matches(a),
    // `a` is the claim as shown (escaped, bounded): the problem is the raw claim's.
    failText: (a) => {
      const p = problem(claimString(claims, 'ref') ?? '');
      return p ? `ref ${a} ${p}` : what.failText(a);
    },
    okText: what.okText,
  };
}

/** The checks one `when` block asks for, in a fixed order (the order refusals are reported in). */
function whenChecks(
  when: When,
  origin: ConditionOrigin,
  path: Path,
  claims: Readonly<Record<string, unknown>>,
): Check[] {
  const out: Check[] = [];
  if (when.ref) {
    const patterns = when.ref;
    out.push(
      refCheck(claims, patterns, origin, [...path, 'ref'], {
        matches: (a) => matchesAny(a, patterns),
        failText: (a) => `ref ${a} is not one of ${list(patterns)}`,
        okText: (a) => `ref ${a} matches ${list(patterns)}`,
      }),
    );
  }
  if (when['ref-protected'] !== undefined) {
    const want = String(when['ref-protected']);
    out.push({
      condition: 'ref-protected',
      codeKey: 'ref-protected',
      claim: 'ref_protected',
      expected: [want],
      origin,
      path: [...path, 'ref-protected'],
      test: (a) => a === want,
      failText: (a) => `ref_protected is ${a}, not ${want}`,
      okText: (a) => `ref_protected is ${a}`,
    });
  }
  if (when.environment)
    // GitHub environment names ignore case.
    out.push(
      patternCheck(
        'environment',
        'environment',
        'environment',
        when.environment,
        origin,
        [...path, 'environment'],
        true,
      ),
    );
  if (when.event)
    out.push(patternCheck('event', 'event', 'event_name', when.event, origin, [...path, 'event']));
  if (when['runner-environment'])
    out.push(
      patternCheck(
        'runner-environment',
        'runner-environment',
        'runner_environment',
        when['runner-environment'],
        origin,
        [...path, 'runner-environment'],
      ),
    );
  // A re-run keeps the first attempt's actor (GitHub: `actor`/`actor_id` are the account that
  // triggered the initial run), anyone with write access may start one, and the token has no claim
  // saying who did: on a later attempt those claims no longer say who started this run. A condition
  // on them holds for a first attempt only; a missing or odd attempt counts as a re-run (fail closed).
  const attempt = claimString(claims, 'run_attempt');
  const firstAttempt = attempt === '1';
  const rerun = `this is run attempt ${shown(attempt ?? '(absent)')}: a re-run keeps the first attempt's actor, anyone with write access can start one, and the token does not say who did, so a condition on the actor holds for a first attempt only. Fix: start a new run (push or dispatch) instead of re-running`;
  if (when['actor-id']) {
    const ids = when['actor-id'];
    out.push({
      condition: 'actor-id',
      codeKey: 'actor-id',
      claim: 'actor_id',
      expected: ids,
      origin,
      path: [...path, 'actor-id'],
      // Exact: ids are numbers, never globs.
      test: (a) => ids.includes(a) && firstAttempt,
      failText: (a) =>
        ids.includes(a)
          ? `actor-id ${a} is listed, but ${rerun}`
          : `actor-id ${a} is not one of ${list(ids)}`,
      okText: (a) => `actor-id ${a} is listed (first attempt)`,
    });
  }
  for (const [name, want] of Object.entries(when.claims ?? {})) {
    const patterns = typeof want === 'boolean' ? [String(want)] : Array.isArray(want) ? want : [want];
    const matches = (a: string) => (typeof want === 'boolean' ? a === String(want) : matchesAny(a, patterns));
    // The same claims `actor-id` reads, spelt as a claim condition: the same rule for re-runs. Also a
    // `sub` whose match depends on its actor parts (GitHub's sub customization can carry `actor:` and
    // `actor_id:`): judged on the token, not on the pattern's text, since a glob (`…:*:alice`) picks
    // the actor without writing `actor:`, and `…:actor:*` names the key but accepts anyone.
    const onActor = (a: string) =>
      name === 'actor' ||
      name === 'actor_id' ||
      (name === 'sub' &&
        ACTOR_PART.test(a) &&
        !actorStandIns(patterns).every((x) =>
          matches(a.replace(ACTOR_PARTS, (_m, pre, key) => `${pre}${key}:${x}`)),
        ));
    out.push({
      ...patternCheck(`claims.${name}`, 'claims', name, patterns, origin, [...path, 'claims', name]),
      test: (a) => matches(a) && (firstAttempt || !onActor(a)),
      // `a` is the claim as shown; the match is judged on the raw claim, as `test` does.
      failText: (a) =>
        matches(claimString(claims, name) ?? '')
          ? `claim ${name} ${a} matches ${list(patterns)}, but ${rerun}`
          : `claim ${name} ${a} is not one of ${list(patterns)}`,
      okText: (a) => `claim ${name} ${a} matches ${list(patterns)}`,
    });
  }
  return out;
}

/**
 * The actors a `sub` pattern is tried with on a re-run, to hold "whoever the actor parts name": a
 * character no name holds, and every character a name can hold that the patterns write. One stand-in
 * was not enough: a deny pattern (`…:actor:[^m]*`, `…:*[^y]`) matches U+0000 yet picks actors; what
 * it excludes it must write (a class's characters, a range's ends), and a pattern matching one
 * character through `*`, `?` or such a class then fails for one of them.
 */
function actorStandIns(patterns: readonly string[]): string[] {
  return ['\u0000', ...new Set(patterns.join('').match(/[A-Za-z0-9_.-]/g) ?? [])];
}

/**
 * The actor parts of a customized `sub` (`…:actor:alice`, `…:actor_id:583231`); GitHub's names and ids
 * hold no `:`. Replaced by each of actorStandIns: a pattern that still matches every one names no actor.
 */
const ACTOR_PART = /(^|:)(actor|actor_id):[^:]*/;
const ACTOR_PARTS = new RegExp(ACTOR_PART.source, 'g');

/** Every condition that applies to a grant, each with its verdict; the first failure is the refusal. */
export function evaluateConditions(input: ConditionInput, refusalOnly = false): ConditionResult {
  const checks: Check[] = [];
  const job = input.job;
  if (job) {
    const envs = job.environments;
    // A job that lists environments binds its grants to them: a token naming another is refused, and
    // so is a token naming none (a run of the job with its `environment:` removed on a branch would
    // otherwise skip the environment's protection rules and still be granted). A job that lists none
    // refuses a token that names one.
    const envClaim = claimString(input.claims, 'environment');
    if (envClaim || envs.length > 0) {
      checks.push({
        condition: 'environments',
        codeKey: 'environments',
        claim: 'environment',
        expected: envs,
        origin: 'job',
        path: [...job.path, 'environments'],
        test: (a) => envs.some((e) => asciiLower(e) === asciiLower(a)),
        failText: (a) =>
          envs.length
            ? `environment ${a} is not one of the job's environments ${list(envs)}`
            : `environment ${a} is not declared: the job lists no environments`,
        okText: (a) => `environment ${a} is declared by the job`,
      });
    }
    if (job.when) checks.push(...whenChecks(job.when, 'job', [...job.path, 'when'], input.claims));
  }
  if (input.grant.when)
    checks.push(...whenChecks(input.grant.when, 'grant', [...input.grant.path, 'when'], input.claims));
  const event = claimString(input.claims, 'event_name');
  if (
    !input.grant.when?.event &&
    !job?.when?.event &&
    event !== undefined &&
    OUTSIDE_EVENTS.includes(event)
  ) {
    // Secure default: an event people outside the repository trigger on the default branch (a fork's
    // pull_request_target, a comment, the workflow_run after a fork's pull request) runs default-branch
    // code on their input; its grants are claimable only where a when.event names the event. Listed
    // only when it refuses, so the verdicts of every other run stay what they were.
    checks.unshift({
      condition: 'event',
      codeKey: 'event',
      claim: 'event_name',
      expected: [`not ${OUTSIDE_EVENTS.join(', ')}`],
      origin: 'default',
      path: input.grant.path,
      test: (a) => !OUTSIDE_EVENTS.includes(a),
      failText: (a) =>
        `event ${a} is triggered from outside the repository (a fork's pull request, a comment, a later workflow run); name it in the grant's or job's when.event to let it claim this grant`,
      okText: (a) => `event ${a} is not one triggered from outside the repository (no when.event)`,
    });
  }
  if (!input.grant.when?.ref && !job?.when?.ref) {
    // Secure default: the branch the manifest was read from, exactly; never a pull request ref.
    const ref = `refs/heads/${input.defaultBranch}`;
    checks.unshift(
      refCheck(input.claims, [ref], 'default', input.grant.path, {
        matches: (a) => a === ref && globMatch(ref, a),
        failText: (a) => `ref ${a} is not one of ${ref} (the default branch; no when.ref)`,
        okText: (a) => `ref ${a} is the default branch (no when.ref)`,
      }),
    );
  }
  if (refusalOnly) {
    // A real exchange reads only the refusal (the verdicts are shown by explain and dry runs): the
    // first check that fails, as run() judges it, and no message or line built for those that hold.
    for (const c of checks) {
      const raw = claimString(input.claims, c.claim);
      if (raw === undefined || raw === '' || !c.test(raw)) return { verdicts: [], refusal: run(c, input) };
    }
    return { verdicts: [] };
  }
  const verdicts = checks.map((c) => run(c, input));
  const refusal = verdicts.find((v) => !v.ok);
  return { verdicts, ...(refusal ? { refusal } : {}) };
}
