import { SCOPE_NAMES, levelRank, maxLevel, uniform, type PermissionSet } from '../../permissions/scopes.js';
import type { Finding } from '../finding.js';
import { finding, includesCaseless, type Rule } from '../rule.js';
import { accessesByJob } from './credential-step.js';
import type { JobAccess } from '../../workflow/access.js';

export const unusedGrant: Rule = {
  meta: {
    id: 'unused-grant',
    severity: 'warning',
    title: 'Manifest grants more than the workflow uses',
    summary:
      'Stale access: a scope granted above what the job holds, a declared secret or environment the job never uses, a credential for a step that does not exist, or a manifest entry for a workflow or job that does not exist.',
    help: `Access that nothing uses is the easiest to steal and the hardest to notice (OWASP NHI1, improper offboarding).

**Fix:** remove the grant from \`.github/access-manifest.yml\`. \`stepwarden init --stdout\` prints what the workflows hold
today, to compare.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const workflows = ctx.byFile;
    const accessesOf = accessesByJob(ctx.jobs);
    const wfKeys = Object.keys(m.manifest.workflows);
    for (let wfI = 0; wfI < wfKeys.length; wfI++) {
      const wf = wfKeys[wfI]!;
      const entry = m.manifest.workflows[wf]!;
      const model = workflows.get(wf);
      if (!model) {
        out.push(
          finding(this.meta, {
            workflow: wf,
            job: null,
            subject: wf,
            file: m.file,
            line: m.lineOf(['workflows', wf]),
            message: `the manifest lists workflow '${wf}', which does not exist in .github/workflows`,
          }),
        );
        continue;
      }
      if (model.error) continue;
      const accessesOfWorkflow = accessesOf.get(wf);
      const jobKeys = Object.keys(entry.jobs);
      for (let jobI = 0; jobI < jobKeys.length; jobI++) {
        const job = jobKeys[jobI]!;
        const j = entry.jobs[job]!;
        // Asked of every job of the manifest: no key path, set or callback unless there is a finding
        // or something of that kind to judge.
        const jobModel = jobById(model.jobs, job);
        const accesses = accessesOfWorkflow?.get(job) ?? NO_ACCESSES;
        if (!jobModel || accesses.length === 0) {
          out.push(
            finding(this.meta, {
              workflow: wf,
              job,
              subject: job,
              file: m.file,
              line: m.lineOf(jobPath(wf, job)),
              message: `the manifest lists job '${job}' of '${wf}', which does not exist`,
            }),
          );
          continue;
        }
        // Most jobs are judged once (no local caller): their own set is what they hold.
        let held: PermissionSet = accesses[0]!.permissions;
        if (accesses.length > 1) {
          held = uniform('none');
          for (const a of accesses)
            for (const s of SCOPE_NAMES) held[s] = maxLevel(held[s], a.permissions[s]);
        }
        // One finding per job, every scope in it (a `write-all` grant to a job holding little would
        // otherwise give one per scope), at the first such scope's line.
        // Indexed over the keys, a pair only for a scope above: asked of every job of the manifest.
        const granted = j.permissions as Record<
          keyof PermissionSet,
          NonNullable<(typeof j.permissions)[keyof PermissionSet]>
        >;
        const grantedScopes = Object.keys(granted) as (keyof PermissionSet)[];
        // The list only for a job with a scope above (most have none).
        let above: [keyof PermissionSet, (typeof granted)[keyof PermissionSet]][] | undefined;
        for (let i = 0; i < grantedScopes.length; i++) {
          const scope = grantedScopes[i]!;
          const level = granted[scope];
          if (level !== held[scope] && levelRank(level) > levelRank(held[scope]))
            (above ??= []).push([scope, level]);
        }
        if (above) {
          out.push(
            finding(this.meta, {
              workflow: wf,
              job,
              subject: above.map(([scope]) => scope).join(', '),
              file: m.file,
              line: m.lineOf(jobPath(wf, job, 'permissions', above[0]![0])),
              message: `job '${job}' is granted ${above.map(([s, l]) => `${s}: ${l}`).join(', ')} but holds ${above.map(([s]) => `${s}: ${held[s]}`).join(', ')}`,
            }),
          );
        }
        // What the job uses, gathered only when the manifest declares something of that kind.
        if (j.secrets.length) {
          const referenced = accesses.flatMap((a) => a.secrets.map((s) => s.value));
          const inherits = accesses.some((a) => a.secretsInherit);
          j.secrets.forEach((s, i) => {
            const used = s === 'inherit' ? inherits : includesCaseless(referenced, s);
            if (!used) {
              out.push(
                finding(this.meta, {
                  workflow: wf,
                  job,
                  subject: s,
                  file: m.file,
                  line: m.lineOf(jobPath(wf, job, 'secrets', i)),
                  message:
                    s === 'inherit'
                      ? `job '${job}' may use secrets: inherit but does not`
                      : `job '${job}' declares secret '${s}' but never references it`,
                }),
              );
            }
          });
        }
        if (j.environments.length) {
          // A name the job's matrix or a caller gives its expression is used too (sessions 17, 34, 36).
          const envs = accesses.flatMap((a) => [
            ...a.environments.map((e) => e.value),
            ...(a.environmentValues ?? []).map((e) => e.value),
          ]);
          j.environments.forEach((e, i) => {
            if (!includesCaseless(envs, e)) {
              out.push(
                finding(this.meta, {
                  workflow: wf,
                  job,
                  subject: e,
                  file: m.file,
                  line: m.lineOf(jobPath(wf, job, 'environments', i)),
                  message: `job '${job}' declares environment '${e}' but does not use it`,
                }),
              );
            }
          });
        }
        if (j.credentials.length) {
          const stepNames = new Set<string>();
          for (const s of jobModel.steps) {
            if (s.id) stepNames.add(s.id);
            if (s.name) stepNames.add(s.name);
          }
          j.credentials.forEach((g, i) => {
            if (!stepNames.has(g.step)) {
              out.push(
                finding(this.meta, {
                  workflow: wf,
                  job,
                  subject: g.step,
                  file: m.file,
                  line: m.lineOf(jobPath(wf, job, 'credentials', i, 'step')),
                  message: `credential grant for step '${g.step}': job '${job}' has no step with that id or name`,
                }),
              );
            }
          });
        }
      }
    }
    return out;
  },
};

const NO_ACCESSES: readonly JobAccess[] = [];

/** The job of that id, by index (no callback per job). */
function jobById<J extends { readonly id: string }>(jobs: readonly J[], id: string): J | undefined {
  for (let i = 0; i < jobs.length; i++) if (jobs[i]!.id === id) return jobs[i];
  return undefined;
}

/** A job's key path in the manifest, and what follows it. */
function jobPath(wf: string, job: string, ...rest: (string | number)[]): (string | number)[] {
  return ['workflows', wf, 'jobs', job, ...rest];
}
