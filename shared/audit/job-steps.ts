/**
 * Which steps ran in this job, from GitHub's Jobs API (`GET .../runs/{run_id}/attempts/{n}/jobs`), so a
 * grant the broker issued under a step name that never ran stands out. Pure. The API names steps by
 * their display name (`name:`, else GitHub's `Run <uses or command>`), never by their `id:`, which is
 * what a grant is keyed by; the running workflow file maps one to the other when it can be read.
 */
import { gateInputProblem, gateModeNotEnforce, isEnforceStep } from '../check/rules/missing-enforce.js';
import type { StepModel } from '../workflow/model.js';

export interface ApiStep {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  /** GitHub's published shape also has these; only the name, status and conclusion are read. */
  readonly number?: number;
  readonly started_at?: string | null;
  readonly completed_at?: string | null;
}

export interface ApiJob {
  readonly id: number;
  readonly name: string;
  readonly check_run_url?: string;
  readonly steps?: readonly ApiStep[];
}

/**
 * This job among the run attempt's jobs: by the check run id of the verified OIDC token (the Jobs API
 * job id is the check run id), else by its name when exactly one job carries it; otherwise none, with
 * why.
 */
export function findJob(
  jobs: readonly ApiJob[],
  by: { checkRunId?: string; name?: string },
): { job: ApiJob } | { why: string } {
  if (by.checkRunId) {
    const id = by.checkRunId;
    const job = jobs.find(
      (j) => String(j.id) === id || (j.check_run_url ?? '').endsWith(`/check-runs/${id}`),
    );
    return job ? { job } : { why: `no job of this run attempt has check run id ${id}` };
  }
  const named = jobs.filter((j) => j.name === by.name);
  if (named.length === 1) return { job: named[0]! };
  return {
    why: named.length
      ? `${named.length} jobs are named '${by.name}' and the OIDC token names no check run`
      : `no job named '${by.name}' in this run attempt (a job with \`name:\` or a matrix leg needs the token's check_run_id)`,
  };
}

/**
 * The name the Jobs API shows for job `id` of the workflow: its `name:` (as GitHub reads it, literals
 * folded), else its id; `{ why }` when that name cannot be known before the run. Without a check run id
 * the job is found by this name: GITHUB_JOB is the id, and a job with a `name:` of its own shows under
 * that name, so the only job *named* like the id may be another one (a job a pull request added with
 * `name: <id>`), whose rows would be read as this job's. The same holds for the names GitHub makes up:
 * a matrix leg shows as `<name> (<values>)` and a job of a called workflow as `<caller> / <name>`, so
 * neither is looked up under its own name either.
 */
export function jobShownName(
  job: { readonly id: string; readonly name?: string; readonly matrix?: number } | undefined,
  id: string,
  called = false,
): string | { readonly why: string } {
  const name = job?.name ?? id;
  if (job?.name?.includes('${{')) return { why: "the job's `name:` holds an expression" };
  if (called)
    return { why: `the job runs in a called workflow, which the Jobs API shows as '<caller> / ${name}'` };
  if (job?.matrix !== undefined)
    return { why: `the job runs as matrix legs, which the Jobs API shows as '${name} (…)'` };
  return name;
}

/** A step that started (or finished) and was not skipped. */
const ran = (s: ApiStep) => s.status !== 'queued' && s.status !== 'pending' && s.conclusion !== 'skipped';

/** GitHub's display name of a step without `name:`. */
function defaultNames(s: StepModel): string[] {
  if (s.uses) return [`Run ${s.uses}`];
  const first = (s.run ?? '')
    .split('\n')
    .find((l) => l.trim())
    ?.trim();
  return first ? [`Run ${first}`] : [];
}

/**
 * Did step `id` run? true / false; `shared` when several rows of the Jobs API show its display name and
 * they disagree (one ran, another did not), so the step's own row cannot be told (the API names steps
 * by display name only, and any step can take another's: a grant's step skipped while a step a pull
 * request added under the same name ran read as "ran"); undefined when the API's names cannot be tied
 * to the id (a name with an expression, a default name GitHub words differently). Without the workflow
 * (`steps` undefined) only an API step named exactly `id` counts, and anything else cannot be told.
 */
export function stepRan(job: ApiJob, id: string, steps: readonly StepModel[] | undefined): StepRan {
  const api = job.steps ?? [];
  const byName = (n: string) => api.filter((s) => s.name === n);
  if (!steps) return rowsRan(byName(id), id);
  const model = steps.find((s) => s.id === id);
  // The workflow has no step with this id: nothing of that name can have run in this job.
  if (!model) return false;
  if (model.name !== undefined) {
    if (model.name.includes('${{')) return undefined;
    return rowsRan(byName(model.name), model.name);
  }
  const names = defaultNames(model);
  return rowsRan(names.flatMap(byName), names[0]!);
}

/** What `stepRan` can say; `shared` names the display name and how many rows carry it. */
export type StepRan = boolean | { readonly shared: string; readonly rows: number } | undefined;

/** The rows a step's display name has: all ran, none did, or they disagree (cannot be told apart). */
function rowsRan(rows: readonly ApiStep[], name: string): StepRan {
  if (!rows.length) return undefined;
  const n = rows.filter(ran).length;
  return n === rows.length ? true : n === 0 ? false : { shared: name, rows: rows.length };
}

/**
 * How the enforce gate's step stands in the Jobs API (session 15). `passed` alone lets the summary show
 * the gate as passed and confirmed: an armed gate (enforce mode, no `continue-on-error`, inputs and
 * `env:` the workflow does not bend) fails its step on a denial, so its step's `success` is the
 * verdict "allowed", read from GitHub rather than from the trail any step can write.
 */
export type GateState = 'passed' | 'failed' | 'skipped' | 'not-run' | 'masked' | 'unnamed' | 'no-gate';

export interface GateCheck {
  readonly state: GateState;
  /** The gate step's display name (as the Jobs API would show it), when the workflow gives one. */
  readonly name?: string;
  /** Where the gate step is in the workflow file. */
  readonly line?: number;
  /** The Jobs API's conclusion of the gate's row, when there is exactly one. */
  readonly conclusion?: string | null;
  /** Why, in words for the summary and the anomaly (names the step and line). */
  readonly why: string;
}

/** The display name GitHub gives a step: its `name:` (undefined when it has an expression), else the default. */
function displayName(s: StepModel): string | undefined {
  if (s.name !== undefined) return s.name.includes('${{') ? undefined : s.name;
  return defaultNames(s)[0];
}

/** One gate step against the Jobs API's rows. */
function judgeGateStep(job: ApiJob, gate: StepModel, at: string): GateCheck {
  const label = gate.id ? `'${gate.id}'` : `${gate.index + 1}`;
  const where = { line: gate.line };
  const name = displayName(gate);
  if (name === undefined)
    return {
      state: 'unnamed',
      ...where,
      why: `the gate step ${label} (${at}:${gate.line}) has a \`name:\` with an expression, so its row in the Jobs API cannot be told by name (fix: give it a plain \`name:\` or none)`,
    };
  const rows = (job.steps ?? []).filter((s) => s.name === name);
  const named = { ...where, name };
  if (rows.length > 1)
    return {
      state: 'unnamed',
      ...named,
      why: `${rows.length} steps of the job show as '${name}' in the Jobs API, so the gate step ${label} (${at}:${gate.line}) and the others cannot be told apart (fix: give the gate a \`name:\` no other step has)`,
    };
  const row = rows[0];
  // Steps run one after another: a gate not completed by the time the audit step runs never finished.
  if (!row || row.status !== 'completed')
    return {
      state: 'not-run',
      ...named,
      why: `the gate step ${label} '${name}' (${at}:${gate.line}) never ran${row ? ' to its end' : ''}: the Jobs API lists ${row ? `it as ${row.status}` : 'no step of that name in this job'}`,
    };
  const conclusion = { ...named, conclusion: row.conclusion };
  // A success that a failure would have shown too: `continue-on-error`, audit mode, or inputs and
  // environment the workflow bends (the same reading as missing-enforce and the access diff).
  const masks = [
    gate.continueOnError && gate.continueOnError.value !== 'false'
      ? `continue-on-error: ${gate.continueOnError.value}`
      : '',
    gateModeNotEnforce(gate) ? `mode: ${gateModeNotEnforce(gate)!.value}` : '',
    gateInputProblem(gate) ? `with: ${gateInputProblem(gate)!.value}` : '',
    gate.redirectingEnv?.length ? `env: ${gate.redirectingEnv.map((e) => e.value).join(', ')}` : '',
  ].filter(Boolean);
  if (row.conclusion === 'skipped')
    return {
      state: 'skipped',
      ...conclusion,
      why: `the gate step ${label} '${name}' (${at}:${gate.line}) was skipped${gate.if ? ` (\`if: ${gate.if.value}\`)` : ''}: the job ran without its gate (fix: remove the gate's \`if:\`)`,
    };
  if (masks.length)
    return {
      state: 'masked',
      ...conclusion,
      why: `the gate step ${label} '${name}' (${at}:${gate.line}) has ${masks.join(', ')}, so its \`${row.conclusion ?? row.status}\` in the Jobs API ${row.conclusion === 'success' ? 'does not say the job was allowed' : 'did not stop the job'} (fix: remove it; the gate must be able to stop the job)`,
    };
  if (row.conclusion === 'success')
    return {
      state: 'passed',
      ...conclusion,
      why: `the Jobs API shows the gate step ${label} '${name}' (${at}:${gate.line}) concluded success`,
    };
  return {
    state: 'failed',
    ...conclusion,
    why: `the Jobs API shows the gate step ${label} '${name}' (${at}:${gate.line}) concluded ${row.conclusion ?? 'without a conclusion'}`,
  };
}

/**
 * The enforce gate of this job as the Jobs API saw it run: every step of the workflow's job (at the
 * verified sha) that is stepwarden's actions/enforce (`isEnforceStep`, any ref), each tied to its one
 * row by display name. The first that did not pass decides; `no-gate` when the job has no gate step of
 * its own (a gate inside a local composite action shows in the Jobs API only as the composite's step,
 * whose success says nothing of an inner `if:` or `continue-on-error`; missing-enforce does not count
 * it either). `at`: the workflow file, for the words.
 */
export function judgeGate(job: ApiJob, steps: readonly StepModel[], at: string): GateCheck {
  const gates = steps.filter((s) => isEnforceStep(s.uses));
  if (!gates.length)
    return {
      state: 'no-gate',
      why: `job has no actions/enforce step of its own in ${at} (a gate inside a composite action cannot be confirmed)`,
    };
  const judged = gates.map((g) => judgeGateStep(job, g, at));
  return judged.find((j) => j.state !== 'passed') ?? judged[0]!;
}
