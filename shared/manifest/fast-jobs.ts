/**
 * `manifestSchema.safeParse`, with the jobs of the one plain shape `stepwarden init` writes judged
 * here instead of by zod: `{ permissions: WORD, secrets?: [NAME, …], environments?: [NAME, …] }` under
 * a valid job id. zod's record and object paths cost about 10 µs a job without Turbofan (the check
 * runs without it, session 21), nearly as much for an empty job as for a full one, and an `init`-written
 * manifest of a large repository is thousands of such jobs (session 30).
 *
 * zod stays the judge: a job is taken here only when zod would accept it, and its output is what
 * zod's would be (tests/manifest/s30-fast-jobs compares the two over generated manifests, valid and
 * not). Anything else (a map of scopes, credentials, `when`, a key of another type, a value of
 * another kind) is left in the input zod reads. A valid job left out of zod's input adds no issue
 * and changes no other one's path or order, and the output's jobs are put back in their input order.
 */
import { JOB_ID, jobIdProblem } from '../workflow/job-id.js';
import {
  PARSE_OPTIONS,
  PERMISSION_SHORTHANDS,
  expandPermissionShorthand,
  manifestSchema,
  type Manifest,
  type ManifestJob,
  type ManifestWorkflow,
  type PermissionShorthand,
} from './schema.js';

type Plain = Record<string, unknown>;

/** `o[key] = value` as an own property, whatever the key (`__proto__` would set the prototype). */
const define = (o: object, key: string, value: unknown) =>
  Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });

const isPlain = (v: unknown): v is Plain =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** A list of non-empty strings, copied; undefined for anything else. */
function names(v: unknown): string[] | undefined {
  if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) return undefined;
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    if (!Object.hasOwn(v, i)) return undefined;
    const s: unknown = v[i];
    if (typeof s !== 'string' || s.length === 0) return undefined;
    out.push(s);
  }
  return out;
}

/** What zod makes of a job of the plain shape (shape order, defaults filled); undefined for any other job. */
function plainJob(id: string, v: unknown): ManifestJob | undefined {
  if (!JOB_ID.test(id) || jobIdProblem(id) !== undefined || !isPlain(v)) return undefined;
  let permissions: PermissionShorthand | undefined;
  let secrets: string[] = [];
  let environments: string[] = [];
  const keys = Object.keys(v);
  // Own symbol keys or non-enumerable ones are nothing a YAML reader makes; zod would be asked.
  if (Reflect.ownKeys(v).length !== keys.length) return undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = v[key];
    if (key === 'permissions') {
      if (typeof value !== 'string' || !Object.hasOwn(PERMISSION_SHORTHANDS, value)) return undefined;
      permissions = value as PermissionShorthand;
    } else if (key === 'secrets' || key === 'environments') {
      const list = names(value);
      if (!list) return undefined;
      if (key === 'secrets') secrets = list;
      else environments = list;
    } else return undefined;
  }
  if (permissions === undefined) return undefined;
  return { permissions: expandPermissionShorthand(permissions), secrets, environments, credentials: [] };
}

type Result = ReturnType<typeof manifestSchema.safeParse>;

/**
 * What zod makes of a workflow entry that is nothing but plain jobs and, optionally, `triggers` (a
 * list of non-empty names): `{ triggers?, jobs }` in the shape's order, jobs in input order. Undefined
 * for any other entry, or when a job is not plain. Such entries are most of an `init`-written manifest:
 * taken whole, zod's record does not walk them at all (an entry with only its plain jobs taken still
 * cost an object, a record and an array parse apiece).
 */
function plainWorkflow(entry: Plain, jobs: Plain, ids: readonly string[], mine: Map<string, ManifestJob>) {
  if (mine.size !== ids.length) return undefined;
  const keys = Object.keys(entry);
  if (Reflect.ownKeys(entry).length !== keys.length) return undefined;
  let triggers: string[] | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key === 'triggers') {
      triggers = names(entry[key]);
      if (!triggers) return undefined;
    } else if (key !== 'jobs') return undefined;
  }
  if (Reflect.ownKeys(jobs).length !== ids.length) return undefined;
  // Every id passed JOB_ID (plainJob), which refuses a leading `__`: none is `__proto__`, so a plain
  // store makes an own key (`define`'s descriptor costs a runtime call per job).
  const all: Record<string, ManifestJob> = {};
  for (let j = 0; j < ids.length; j++) all[ids[j]!] = mine.get(ids[j]!)!;
  return triggers ? { triggers, jobs: all } : { jobs: all };
}

/** `manifestSchema.safeParse(data, PARSE_OPTIONS)`: the same success, data and issues. */
export function parseManifestData(data: unknown): Result {
  if (!isPlain(data) || !Object.hasOwn(data, 'workflows') || !isPlain(data.workflows))
    return manifestSchema.safeParse(data, PARSE_OPTIONS);
  const workflows = data.workflows;
  const wfKeys = Object.keys(workflows);
  // Per workflow whose jobs were taken: its jobs' ids in input order, and the jobs taken.
  const taken = new Map<string, { ids: string[]; jobs: Map<string, ManifestJob> }>();
  // Workflows taken whole, with zod's output for each.
  const whole = new Map<string, ManifestWorkflow>();
  let reduced: Plain | undefined;
  for (let w = 0; w < wfKeys.length; w++) {
    const wf = wfKeys[w]!;
    const entry = workflows[wf];
    if (!isPlain(entry) || !Object.hasOwn(entry, 'jobs') || !isPlain(entry.jobs)) continue;
    const jobs = entry.jobs;
    const ids = Object.keys(jobs);
    let mine: Map<string, ManifestJob> | undefined;
    let left: Plain | undefined;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      const job = plainJob(id, jobs[id]);
      if (job) {
        if (!mine) {
          mine = new Map();
          // The jobs before this one were left to zod.
          left = {};
          for (let k = 0; k < j; k++) define(left, ids[k]!, jobs[ids[k]!]);
        }
        mine.set(id, job);
      } else if (left) define(left, id, jobs[id]);
    }
    // A `__proto__` workflow is left to zod, which leaves it out of its output.
    const entire = wf === '__proto__' ? undefined : plainWorkflow(entry, jobs, ids, mine ?? new Map());
    if (entire) {
      whole.set(wf, entire);
      reduced ??= { ...workflows };
      delete reduced[wf];
      continue;
    }
    if (!mine) continue;
    taken.set(wf, { ids, jobs: mine });
    reduced ??= { ...workflows };
    define(reduced, wf, { ...entry, jobs: left });
  }
  if (!reduced) return manifestSchema.safeParse(data, PARSE_OPTIONS);
  const result = manifestSchema.safeParse({ ...data, workflows: reduced }, PARSE_OPTIONS);
  if (!result.success) return result;
  const out: Manifest = result.data;
  for (const [wf, { ids, jobs }] of taken) {
    // A workflow zod left out of its output (a `__proto__` key) stays out.
    if (!Object.hasOwn(out.workflows, wf)) continue;
    const judged = out.workflows[wf]!.jobs;
    const all: Record<string, ManifestJob> = {};
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      const job = jobs.get(id);
      if (job) define(all, id, job);
      // Likewise a job zod left out.
      else if (Object.hasOwn(judged, id)) define(all, id, judged[id]);
    }
    out.workflows[wf]!.jobs = all;
  }
  if (whole.size > 0) {
    // The workflows in their input order: those taken whole beside those zod judged.
    const judged = out.workflows;
    const all: Record<string, ManifestWorkflow> = {};
    for (let w = 0; w < wfKeys.length; w++) {
      const wf = wfKeys[w]!;
      const entire = whole.get(wf);
      if (entire) define(all, wf, entire);
      else if (Object.hasOwn(judged, wf)) define(all, wf, judged[wf]);
    }
    out.workflows = all;
  }
  return result;
}
