/**
 * A second, plain reading of each workflow file the diff judges. The located tree the model is built
 * from has read valid workflows as empty before (flow-style collections); a diff that trusts one
 * reader says "no changes" whenever that reader misses something. When the model's jobs, steps or
 * `permissions:` blocks disagree with a plain js-yaml parse of the same text, the file becomes an
 * error model: the diff reports it as "cannot judge" instead of as what the model claims. Pure.
 */
import yaml from 'js-yaml';
import type { WorkflowModel } from '../workflow/model.js';
// The located reader's schema: YAML 1.2 core (numbers as the `yaml` package reads them) plus `<<` merge keys.
import { SCHEMA } from '../yaml/located.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Steps, counting those of `parallel:` groups as the model lists them (each group once). */
function stepCount(steps: unknown, seen: Set<unknown>): number {
  if (!Array.isArray(steps)) return 0;
  let n = 0;
  for (const s of steps) {
    n++;
    const group = isMap(s) ? s.parallel : undefined;
    if (Array.isArray(group) && !seen.has(group)) {
      seen.add(group);
      n += stepCount(group, seen);
    }
  }
  return n;
}

/** What a plain parse says of each job: its steps and whether it has a `permissions:` block. */
function plainJobs(text: string): Map<string, { steps: number; permissions: boolean }> | undefined {
  let plain: unknown;
  try {
    plain = yaml.load(text, { schema: SCHEMA });
  } catch {
    return undefined;
  }
  if (!isMap(plain) || !isMap(plain.jobs)) return new Map();
  return new Map(
    Object.entries(plain.jobs).map(([id, j]) => [
      id,
      {
        steps: isMap(j) ? stepCount(j.steps, new Set()) : 0,
        permissions: isMap(j) && 'permissions' in j,
      },
    ]),
  );
}

export function crossChecked(model: WorkflowModel, text: string): WorkflowModel {
  if (model.error) return model;
  const plain = plainJobs(text);
  // A file js-yaml cannot read while the model could is left to the model's own checks.
  if (!plain) return model;
  const disagree = (why: string): WorkflowModel => ({
    file: model.file,
    path: model.path,
    triggers: [],
    jobs: [],
    error: {
      message: `stepwarden's reading of this file disagrees with a plain YAML parse (${why}; stepwarden vs plain), so it cannot judge what the file grants`,
      line: 1,
    },
  });
  const ids = model.jobs.map((j) => j.id).sort();
  const plainIds = [...plain.keys()].sort();
  if (ids.join('\n') !== plainIds.join('\n'))
    return disagree(`jobs: ${ids.join(', ') || 'none'} vs ${plainIds.join(', ') || 'none'}`);
  for (const j of model.jobs) {
    const p = plain.get(j.id)!;
    if (p.steps !== j.steps.length)
      return disagree(`job '${j.id}' has ${j.steps.length} vs ${p.steps} steps`);
    if (p.permissions !== (j.permissions !== undefined))
      return disagree(
        `job '${j.id}' permissions block ${j.permissions ? 'present' : 'absent'} vs ${p.permissions ? 'present' : 'absent'}`,
      );
  }
  return model;
}
