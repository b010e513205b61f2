import type { Finding } from '../finding.js';
import { finding, includesCaseless, manifestJob, uniqueCaseless, viaText, type Rule } from '../rule.js';

export const undeclaredSecret: Rule = {
  meta: {
    id: 'undeclared-secret',
    severity: 'error',
    title: 'Job references a secret its manifest entry does not declare',
    summary:
      'A `secrets.NAME` reference (anywhere in the job, or in the workflow-level `env`) that the job does not declare.',
    help: `Every secret a job can read is a credential a compromised step can steal. Declaring them makes the set reviewable
and turns a new secret into a visible manifest change. \`*\` means the job reads the whole \`secrets\` context
(\`toJSON(secrets)\` or a computed index such as \`secrets[matrix.name]\`), which exposes every secret of the repository.

**Fix:** add the name to \`secrets:\` of the job in \`.github/access-manifest.yml\`, or remove the reference. Prefer a
step-scoped credential from the broker over a long-lived secret.`,
  },
  check(ctx) {
    // A loop, not a flatMap of callbacks: asked of every job, and most hold no secret (the corpus:
    // 2,204 of 2,838), so those cost no manifest look-up or list (session 39).
    const out: Finding[] = [];
    const jobs = ctx.jobs;
    for (let j = 0, nj = jobs.length; j < nj; j++) {
      const access = jobs[j]!;
      if (access.secrets.length === 0) continue;
      const declared = manifestJob(ctx, access.workflow, access.job)?.secrets ?? [];
      // Declaring `*` grants the whole secrets context, so every name is covered by it.
      if (declared.includes('*')) continue;
      for (const s of uniqueCaseless(access.secrets)) {
        if (includesCaseless(declared, s.value)) continue;
        out.push(
          finding(this.meta, {
            workflow: access.workflow,
            job: access.job,
            subject: s.value,
            file: access.path,
            line: s.line,
            message:
              s.value === '*'
                ? `job '${access.job}'${viaText(access)} reads the whole secrets context (toJSON(secrets) or a computed index), exposing every secret; declare '*' only if that is intended`
                : `job '${access.job}'${viaText(access)} references secret '${s.value}', which its manifest entry does not declare`,
          }),
        );
      }
    }
    return out;
  },
};
