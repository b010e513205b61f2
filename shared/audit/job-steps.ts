/**
 * Which steps ran in this job, from GitHub's Jobs API (`GET .../runs/{run_id}/attempts/{n}/jobs`), so a
 * grant the broker issued under a step name that never ran stands out. Pure. The API names steps by
 * their display name (`name:`, else GitHub's `Run <uses or command>`), never by their `id:`, which is
 * what a grant is keyed by; the running workflow file maps one to the other when it can be read.
 */
import type { StepModel } from '../workflow/model.js';

export interface ApiStep {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
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
 * Did step `id` run? true / false, or undefined when the API's names cannot be tied to the id (a name
 * with an expression, a default name GitHub words differently). Without the workflow (`steps`
 * undefined) only an API step named exactly `id` counts, and anything else cannot be told.
 */
export function stepRan(
  job: ApiJob,
  id: string,
  steps: readonly StepModel[] | undefined,
): boolean | undefined {
  const api = job.steps ?? [];
  const byName = (n: string) => api.filter((s) => s.name === n);
  if (!steps) {
    const same = byName(id);
    return same.some(ran) ? true : same.length ? false : undefined;
  }
  const model = steps.find((s) => s.id === id);
  // The workflow has no step with this id: nothing of that name can have run in this job.
  if (!model) return false;
  if (model.name !== undefined) {
    if (model.name.includes('${{')) return undefined;
    const same = byName(model.name);
    return same.some(ran) ? true : same.length ? false : undefined;
  }
  const same = defaultNames(model).flatMap(byName);
  if (same.some(ran)) return true;
  return same.length ? false : undefined;
}
