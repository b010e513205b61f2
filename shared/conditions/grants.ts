/** Every credential grant of a manifest with its job, key path and the job's conditions, for rules. */
import type { CredentialGrant, Manifest, When } from '../manifest/schema.js';

export interface GrantAt {
  readonly workflow: string;
  readonly job: string;
  readonly grant: CredentialGrant;
  readonly index: number;
  readonly path: (string | number)[];
  readonly jobPath: (string | number)[];
  readonly jobWhen?: When;
  readonly jobEnvironments: readonly string[];
}

/**
 * Computed once per manifest object: four rules of one check ask for it, and the walk over every job
 * of a large manifest (2,870 on the bench corpus) is the same each time. A manifest is not changed
 * after it is loaded, and the list is frozen so that no caller can change another's.
 */
const GRANTS = new WeakMap<Manifest, readonly GrantAt[]>();

export function credentialGrantPaths(m: Manifest): readonly GrantAt[] {
  let out = GRANTS.get(m);
  if (!out) GRANTS.set(m, (out = Object.freeze(grantPaths(m))));
  return out;
}

function grantPaths(m: Manifest): GrantAt[] {
  const out: GrantAt[] = [];
  for (const [workflow, entry] of Object.entries(m.workflows))
    for (const [job, j] of Object.entries(entry.jobs))
      j.credentials.forEach((grant, index) => {
        const jobPath = ['workflows', workflow, 'jobs', job];
        out.push({
          workflow,
          job,
          grant,
          index,
          path: [...jobPath, 'credentials', index],
          jobPath,
          jobEnvironments: j.environments,
          ...(j.when ? { jobWhen: j.when } : {}),
        });
      });
  return out;
}
