import type { WorkflowModel } from '../../workflow/model.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';
import { own } from '../../manifest/own.js';
import { localWorkflowFile } from '../../workflow/access.js';

/**
 * Whether a run of `from` can reach `target` through local reusable-workflow calls: true, false, or
 * undefined when a call on the way leaves the repository (or is an expression) and cannot be followed.
 */
function reaches(
  from: string,
  target: string,
  models: ReadonlyMap<string, WorkflowModel>,
): boolean | undefined {
  const seen = new Set<string>();
  const queue = [from];
  let unknown = false;
  while (queue.length) {
    const file = queue.shift()!;
    if (file === target) return true;
    if (seen.has(file)) continue;
    seen.add(file);
    const model = models.get(file);
    if (!model || model.error) {
      unknown = true;
      continue;
    }
    for (const j of model.jobs) {
      if (!j.uses) continue;
      // The calls the access resolver follows (`./.github/workflows/FILE` in any local spelling).
      const local = localWorkflowFile(j.uses.uses);
      if (local) queue.push(local);
      else unknown = true;
    }
  }
  return unknown ? undefined : false;
}

export const unusedCall: Rule = {
  meta: {
    id: 'unused-call',
    severity: 'warning',
    title: "A job's `calls:` entry can never admit a call",
    summary:
      'A `calls:` entry of a caller job that the broker can never match: the named workflow does not exist, the job does not call it (directly or through local reusable workflows), or a JOB / JOB/STEP it names is not a job of the called workflow or not a credential grant of that job.',
    help: `\`calls: { build.yml: [JOB | JOB/STEP] }\` on a caller job lets runs of the called workflow claim those grants
when the broker has verified that this job is the caller. An entry naming a workflow the job never calls, a job the
called workflow does not have, or a step without a credential grant admits nothing: the call is refused at run time,
and the entry reads as a permission nobody holds. A rename of the callee or of its jobs is the usual cause.

**Fix:** correct the entry to the file, job and step the job really calls (\`jobs.<id>.uses: ./.github/workflows/FILE\`),
or remove it.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const models = ctx.byFile;
    const wfKeys = Object.keys(m.manifest.workflows);
    for (let wfI = 0; wfI < wfKeys.length; wfI++) {
      const wf = wfKeys[wfI]!;
      const entry = m.manifest.workflows[wf]!;
      const model = models.get(wf);
      if (!model || model.error) continue;
      const jobKeys = Object.keys(entry.jobs);
      for (let jobI = 0; jobI < jobKeys.length; jobI++) {
        const job = jobKeys[jobI]!;
        const j = entry.jobs[job]!;
        if (!j.calls) continue;
        // A job the workflow does not have is unused-grant's finding.
        const jobModel = model.jobs.find((x) => x.id === job);
        if (!jobModel) continue;
        const base = ['workflows', wf, 'jobs', job, 'calls'];
        const report = (subject: string, path: (string | number)[], message: string) =>
          out.push(
            finding(this.meta, { workflow: wf, job, subject, file: m.file, line: m.lineOf(path), message }),
          );
        for (const [callee, targets] of Object.entries(j.calls)) {
          const calleeModel = models.get(callee);
          if (!calleeModel) {
            report(
              callee,
              [...base, callee],
              `job '${job}' of ${wf} lists calls: ${callee}, which is not a workflow of this repository: the entry admits nothing. Fix: name the file the job's uses: calls, or remove the entry`,
            );
            continue;
          }
          const uses = jobModel.uses?.uses;
          const local = uses ? localWorkflowFile(uses) : undefined;
          const called = !uses ? false : local ? reaches(local, callee, models) : undefined;
          if (called === false)
            report(
              callee,
              [...base, callee],
              `job '${job}' of ${wf} lists calls: ${callee}, but ${uses ? `it calls ${uses}, which never reaches ${callee}` : 'it calls no reusable workflow (no jobs.<id>.uses)'}: the entry admits nothing. Fix: name the workflow the job calls, or remove the entry`,
            );
          if (calleeModel.error) continue;
          const calleeEntry = own(m.manifest.workflows, callee);
          for (const [i, target] of targets.entries()) {
            const [calleeJob, step] = target.split('/') as [string, string | undefined];
            if (!calleeModel.jobs.some((x) => x.id === calleeJob)) {
              report(
                `${callee}:${target}`,
                [...base, callee, i],
                `calls: ${callee}: ${target} names job '${calleeJob}', which ${callee} does not have (its jobs: ${calleeModel.jobs.map((x) => x.id).join(', ') || 'none'}). Fix: name one of its jobs, or remove the entry`,
              );
              continue;
            }
            if (step === undefined) continue;
            const grants = own(calleeEntry?.jobs, calleeJob)?.credentials ?? [];
            if (!grants.some((g) => g.step === step))
              report(
                `${callee}:${target}`,
                [...base, callee, i],
                `calls: ${callee}: ${target} names step '${step}', but the manifest gives job '${calleeJob}' of ${callee} ${grants.length ? `credentials only for ${grants.map((g) => g.step).join(', ')}` : 'no credentials'}. Fix: name a step with a credential grant, or JOB alone for all of them`,
              );
          }
        }
      }
    }
    return out;
  },
};
