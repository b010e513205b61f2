import { matchesAny } from '../../conditions/glob.js';
import { credentialGrantPaths } from '../../conditions/grants.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const unusedConditionEnvironment: Rule = {
  meta: {
    id: 'unused-condition-environment',
    severity: 'error',
    title: 'A credential grant requires an environment its job never uses',
    summary:
      "A `when.environment` (on the grant or its job) that matches none of the job's `environment:` values, or a job whose manifest `environments` list is not empty while the job uses no environment: the token never carries one, so the grant is never issued.",
    help: `The OIDC token's \`environment\` claim is set only for a job that names an environment. A grant bound to \`production\`
in a job without \`environment: production\` is never issued, and the environment's protection rules (reviewers, branch
policies) are not what gates it.

**Fix:** add \`environment: <name>\` to the job in the workflow (and to its manifest \`environments\`), or correct the condition.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const unboundJobs = new Set<string>();
    for (const g of credentialGrantPaths(m.manifest)) {
      const accesses = ctx.jobs.filter((a) => a.workflow === g.workflow && a.job === g.job);
      if (accesses.length === 0) continue;
      // An expression (`${{ inputs.env }}`) could be anything: only literal names are judged, and
      // the names a `${{ matrix.K }}` environment takes when the strategy lists them (session 17).
      const used = accesses.flatMap((a) =>
        a.environments.flatMap((e) =>
          e.value.includes('${{') && a.environmentValues
            ? a.environmentValues.map((v) => v.value)
            : [e.value],
        ),
      );
      if (used.some((e) => e.includes('${{'))) continue;
      // The job's `environments` list binds its grants: a run that names no environment is refused.
      if (used.length === 0 && g.jobEnvironments.length > 0) {
        // Once per job: every grant of it is refused alike.
        const key = `${g.workflow}\0${g.job}`;
        if (unboundJobs.has(key)) continue;
        unboundJobs.add(key);
        out.push(
          finding(this.meta, {
            workflow: g.workflow,
            job: g.job,
            subject: g.jobEnvironments.join(', '),
            file: m.file,
            line: m.lineOf([...g.jobPath, 'environments']),
            message: `job '${g.job}' lists environments ${g.jobEnvironments.join(', ')} in the manifest, but the job of ${g.workflow} uses no environment, so the broker refuses its credential grants on every run (ERR_CLAIM_MISSING, condition environments). Fix: add \`environment: ${g.jobEnvironments[0]}\` to the job, or remove the job's environments`,
          }),
        );
        continue;
      }
      const sources = [
        ...(g.jobWhen?.environment
          ? [{ patterns: g.jobWhen.environment, path: [...g.jobPath, 'when', 'environment'] }]
          : []),
        ...(g.grant.when?.environment
          ? [{ patterns: g.grant.when.environment, path: [...g.path, 'when', 'environment'] }]
          : []),
      ];
      for (const s of sources) {
        if (used.some((e) => matchesAny(e, s.patterns, { nocase: true }))) continue;
        out.push(
          finding(this.meta, {
            workflow: g.workflow,
            job: g.job,
            subject: s.patterns.join(', '),
            file: m.file,
            line: m.lineOf(s.path),
            message: `credential for step '${g.grant.step}' requires environment ${s.patterns.join(', ')}, but job '${g.job}' of ${g.workflow} ${used.length ? `uses only ${used.join(', ')}` : 'uses no environment'}: it can never be claimed. Fix: add \`environment: ${s.patterns[0]}\` to the job, or correct when.environment`,
          }),
        );
      }
    }
    return out;
  },
};
