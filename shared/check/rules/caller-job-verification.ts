/**
 * A reusable workflow's credential step that the broker grants only once it has verified the calling
 * job: `callers: [FILE/JOB]` and a caller job's `calls:` match a verified job only. credential-step
 * judges such a step with the job as the caller's `uses:` names it (session 17); whether the broker
 * can verify it is its deployment's (a token with check_run_id, a GitHub App with `actions: read`),
 * which the check cannot see, so it is said here, as a warning, rather than assumed (session 19).
 */
import { decide } from '../../broker/decide.js';
import { BrokerRefusal } from '../../broker/errors.js';
import { credentialAction } from '../../workflow/own-action.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';
import {
  accessesByJob,
  claimsFor,
  DEFAULT_BRANCH,
  literalRequest,
  staticManifest,
} from './credential-step.js';

/** What the broker knows of the calling job when it cannot read the Jobs API. */
const UNVERIFIED = { unverified: 'the token has no check_run_id, or no GitHub App with actions: read' };

export const callerJobVerification: Rule = {
  meta: {
    id: 'caller-job-verification',
    severity: 'warning',
    title: 'Credential step admitted only through a verified caller job',
    summary:
      "A reusable workflow's credential step whose caller is admitted only by `callers: [FILE/JOB]` or the caller job's `calls:`, which the broker matches only after verifying the calling job (the token's `check_run_id`, read with `actions: read`).",
    help: `The broker resolves a reusable workflow's grants from the run's caller (\`workflow_ref\`). A bare \`callers: [ci.yml]\`
admits every job of \`ci.yml\`; \`callers: [ci.yml/build]\` and a caller job's \`calls:\` admit one job, and the broker
knows which job calls only by verifying the job that asks: it reads the token's \`check_run_id\` through GitHub's Jobs
API with its GitHub App, which needs \`actions: read\` (and \`contents: read\`, to read the caller file) on the
repository. A token without \`check_run_id\` (GitHub Enterprise Server releases that do not issue it, or another
issuer) or an App without that permission leaves the job unverified, and every run is refused with
\`ERR_CALLER_NOT_ALLOWED\`. \`credential-step\` judges the step as if the job were verified; this warning says that
it depends on it. It is a warning because the check cannot see the broker's deployment.

**Fix:** give the broker's GitHub App \`actions: read\` and \`contents: read\` on the repository and run on an issuer
whose tokens carry \`check_run_id\` (github.com does); or, when every job of the caller may claim the grants, list
the bare file in the callee's \`callers:\`.

\`\`\`yaml
    deploy.yml:
      callers: [ci.yml/build]   # needs the broker to verify the job; [ci.yml] admits every job of ci.yml
\`\`\``,
  },
  check(ctx) {
    const out: Finding[] = [];
    let bound: ReturnType<typeof staticManifest> | undefined;
    let byJob: ReturnType<typeof accessesByJob> | undefined;
    // Every step of every job, by index: no iterator per workflow, job and step (session 27).
    const workflows = ctx.workflows;
    for (let w = 0, nw = workflows.length; w < nw; w++) {
      const wf = workflows[w]!;
      const jobs = wf.jobs;
      for (let j = 0, nj = jobs.length; j < nj; j++) {
        const job = jobs[j]!;
        const steps = job.steps;
        for (let s = 0, ns = steps.length; s < ns; s++) {
          const step = steps[s]!;
          if (!step.uses || !credentialAction(step.uses)) continue;
          const request = literalRequest(job, step);
          if (!request) continue;
          bound ??= staticManifest(ctx.manifest, ctx.org);
          byJob ??= accessesByJob(ctx.jobs);
          const told = new Set<string>();
          for (const a of byJob.get(wf.file)?.get(job.id) ?? []) {
            // The run's caller is the outermost workflow of the chain (as credential-step).
            const top = a.callers?.[0] ?? a.via;
            if (!top) continue;
            const events = a.triggers.map((t) => t.value).filter((e) => e !== 'workflow_call');
            const attempt = (callerJob: { job: string } | typeof UNVERIFIED, event: string) => {
              try {
                return decide({
                  claims: claimsFor(bound!, wf.file, top.workflow, event),
                  defaultBranch: DEFAULT_BRANCH,
                  request,
                  manifest: bound!.loaded,
                  callerJob,
                  ...(bound!.org ? { org: bound!.org } : {}),
                });
              } catch (err) {
                if (!(err instanceof BrokerRefusal)) throw err;
                return err;
              }
            };
            for (const event of events.length ? events : ['']) {
              const verified = attempt({ job: top.job }, event);
              if (verified instanceof BrokerRefusal) continue;
              const unverified = attempt(UNVERIFIED, event);
              if (!(unverified instanceof BrokerRefusal) || unverified.code !== 'ERR_CALLER_NOT_ALLOWED')
                break;
              const key = `${top.workflow}\0${top.job}`;
              if (told.has(key)) break;
              told.add(key);
              const by = verified.workflowRefs?.allowedBy;
              out.push(
                finding(this.meta, {
                  workflow: wf.file,
                  job: job.id,
                  subject: request.step,
                  file: wf.path,
                  line: step.line,
                  message: `step '${request.step}' of job '${job.id}', called from ${top.workflow} job '${top.job}', is admitted only through a job-bound entry (callers: FILE/JOB or the caller job's calls:${by ? `, ${by}` : ''}), which the broker matches only after verifying the calling job; without check_run_id in the job's OIDC token, or without actions: read (and contents: read) for the broker's GitHub App on the repository, every run is refused (ERR_CALLER_NOT_ALLOWED). Fix: grant the App those permissions, or list the bare '${top.workflow}' in ${wf.file}'s callers: to admit every job of it`,
                }),
              );
              break;
            }
          }
        }
      }
    }
    return out;
  },
};
