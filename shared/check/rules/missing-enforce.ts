import { SCOPE_NAMES } from '../../permissions/scopes.js';
import type { JobModel, Located, StepModel } from '../../workflow/model.js';
import { credentialAction, ownAction } from '../../workflow/own-action.js';
import { ifRunsAfterFailure } from '../../workflow/status-functions.js';
import type { Finding } from '../finding.js';
import { finding, manifestJob, viaText, type Rule } from '../rule.js';

/**
 * The gate: stepwarden's `actions/enforce` (`ownAction`: `OWNER/stepwarden/actions/enforce@REF` of any
 * owner, or a local checkout of it). An action named `enforce` in any other repository is not the
 * gate. `repositories` (`enforce-repositories` of the manifest and the organization, each list that
 * is set): only `OWNER/REPO/actions/enforce@REF` of a repository in every list counts; a local one,
 * which a pull request can write itself, then does not.
 */
export function isEnforceStep(
  uses: string | undefined,
  repositories: readonly (readonly string[])[] = [],
): boolean {
  return ownAction(uses, repositories) === 'enforce';
}

/** `actions/enforce`'s inputs (actions/enforce/action.yml), lower case. */
export const GATE_INPUTS: ReadonlySet<string> = new Set([
  'mode',
  'token',
  'manifest-ref',
  'manifest',
  'org-policy',
]);

/**
 * A `with:` of the gate that the faces cannot read as the runner will: one expression (GitHub's schema
 * allows it; the inputs, `mode` among them, are known only at run time), or a key that is not one of
 * the gate's inputs once ASCII case is folded (the model's `with` keys are): an expression key, or a
 * name such as `mod\u0435` that only another reader might fold to `mode` (.NET's OrdinalIgnoreCase,
 * which the runner compares input names with, folds more than ASCII). Fail closed: the gate is then
 * not armed. A misspelt input is reported too; the fix is to spell it as action.yml does.
 */
export function gateInputProblem(step: StepModel): { value: string; line: number } | undefined {
  if (step.withExpression) return step.withExpression;
  for (const [k, v] of Object.entries(step.with ?? {}))
    if (!GATE_INPUTS.has(k)) return { value: k, line: v.line };
  return undefined;
}

/**
 * The gate's `mode` when it is not the default `enforce` (audit, or an expression that may say audit:
 * such a gate only warns). Read as the action receives it: trimmed, and empty is the default (the
 * action reads `getInput('mode') || 'enforce'`).
 */
export function gateModeNotEnforce(step: StepModel): Located<string> | undefined {
  const mode = step.with?.['mode'];
  const v = mode?.value.trim();
  return mode && v !== '' && v !== 'enforce' ? mode : undefined;
}

export const missingEnforce: Rule = {
  meta: {
    id: 'missing-enforce',
    severity: 'error',
    title: 'Privileged job does not start with actions/enforce',
    summary:
      'With `policy: { require-enforce: true }` (manifest or organization policy), a job that holds write permissions or credential grants does not have `actions/enforce` as its first step, that step has `if:`, `continue-on-error`, `mode` other than `enforce` or an `env:` that redirects it, or a later step runs after a failure (`always()`, `failure()`, `cancelled()`, `success()` other than `success() && …`).',
    help: `\`actions/enforce\` stops a job that runs outside its manifest, but only when it runs first and cannot be skipped:
a step before it already holds the job's token and secrets, an \`if:\` can skip it, and \`continue-on-error\` turns its
denial into a warning.

**Fix:** make \`- uses: stepwarden/stepwarden/actions/enforce@<sha>\` the first step of every job with write permissions or
credential grants, with no \`if:\`, no \`continue-on-error\` and no \`mode: audit\`, set none of the runner's variables
(\`GITHUB_*\`, \`ACTIONS_*\`, \`RUNNER_*\`), \`NODE_OPTIONS\`, \`PATH\` or a proxy in the workflow, job or gate \`env:\` (they
point the gate at another API or token endpoint) nor in a job container's \`env:\` or \`options:\` (\`-e\`/\`--env\`; its
\`--env-file\`, \`-v\`/\`--volume\`/\`--mount\`/\`--tmpfs\`, \`--entrypoint\`, \`--health-cmd\`, a word docker reads as the image, an
option the check does not know, \`volumes:\`, or a container written as an expression other than a matrix of image names, each
of which can set variables or replace what the gate runs, also disarm it), give the job no service that reaches the runner's
host (\`volumes:\`, or \`options:\` with \`-v\`/\`--mount\`/\`--volumes-from\`, \`--env-file\`, \`--privileged\`, \`--cap-add\`,
\`--security-opt\`, \`--device\`, \`--pid\`/\`--ipc\`/\`--userns\`/\`--cgroupns\`, an option the check does not know, or a service
written as an expression other than a matrix of image names: services start before the first step and such a one can
rewrite the gate's files), and give no later step an \`if:\` that
runs after a failure (\`always()\`, \`failure()\`, \`cancelled()\`, or \`success()\` other than as the whole condition or
a term of a top-level \`&&\`, such as \`!success()\`; read with GitHub's lexer: a NEXT LINE written as \`\\N\` or \`\\x85\` in a
quoted \`if:\` is white space, so \`"always\\N()"\` is \`always()\`, while \`'always()'\` inside a string is no function;
\`\${{ 'always()' }}\` is the condition \`always()\`, and text around \`\${{ success() }}\` makes a non-empty string, true
after a failure): it would run after the gate stopped the job
(\`actions/audit\` is the exception: it revokes and reports). Jobs that call a reusable workflow have no steps: the
called workflow's jobs are checked instead. Enable the rule with \`policy: { require-enforce: true }\` in the manifest, or
\`require-enforce: true\` in the organization policy (which a manifest cannot switch off).

By default any \`OWNER/stepwarden/actions/enforce\` (forks, mirrors) and a local copy (\`./actions/enforce\`,
\`./PATH/stepwarden/actions/enforce\`) count as the gate, and a pull request could bring its own. Pin the gate with
\`enforce-repositories: [my-org/stepwarden]\` (manifest policy and/or organization policy): then only that repository's
\`actions/enforce\` counts, and only its \`actions/audit\` may run after a failure.`,
  },
  check(ctx) {
    if (!ctx.policy.requireEnforce) return [];
    const gates = ctx.policy.enforceRepositories;
    const models = ctx.byFile;
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const a of ctx.jobs) {
      const key = `${a.workflow}\0${a.job}`;
      if (seen.has(key)) continue;
      const job = models.get(a.workflow)?.jobs.find((j) => j.id === a.job);
      // A reusable-workflow call runs no steps of its own; the callee's jobs are judged themselves.
      if (!job || job.uses) continue;
      const entry = manifestJob(ctx, a.workflow, a.job);
      const writes = SCOPE_NAMES.filter((s) => a.permissions[s] === 'write');
      const grants = (entry?.credentials ?? []).map((g) => g.step);
      const claims = job.steps.filter((s) => s.uses !== undefined && credentialAction(s.uses)).length;
      if (writes.length === 0 && grants.length === 0 && claims === 0) continue;
      seen.add(key);
      const why = [
        writes.length ? `holds ${writes.map((s) => `${s}: write`).join(', ')}` : '',
        grants.length ? `has credential grants (steps ${grants.join(', ')})` : '',
        !grants.length && claims ? 'claims credentials (actions/run or actions/exchange)' : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const problem = gateProblem(job, gates);
      if (!problem) continue;
      out.push(
        finding(this.meta, {
          workflow: a.workflow,
          job: a.job,
          subject: problem.subject,
          file: a.path,
          line: problem.line,
          message: `job '${a.job}'${viaText(a)} ${why}, but ${problem.text}`,
        }),
      );
    }
    return out;
  },
};

function gateProblem(
  job: JobModel,
  gates: readonly (readonly string[])[],
): { subject: string; line: number; text: string } | undefined {
  const first = job.steps[0];
  if (!first)
    return { subject: 'first-step', line: job.line, text: 'it has no steps, so no actions/enforce step' };
  if (!isEnforceStep(first.uses, gates)) {
    const later = job.steps.find((s) => isEnforceStep(s.uses, gates));
    const counterfeit = !later && isEnforceStep(first.uses);
    return {
      subject: 'first-step',
      line: first.line,
      text: later
        ? `actions/enforce is step ${later.index + 1}, not the first: the steps before it run before the gate`
        : counterfeit
          ? `its first step '${first.uses}' is not the actions/enforce of enforce-repositories (${gates.map((l) => l.join(', ')).join(' and ')})`
          : 'its first step is not actions/enforce',
    };
  }
  if (first.if)
    return {
      subject: 'if',
      line: first.if.line,
      text: `its actions/enforce step has \`if: ${first.if.value}\`, so the gate can be skipped`,
    };
  if (first.continueOnError && first.continueOnError.value !== 'false')
    return {
      subject: 'continue-on-error',
      line: first.continueOnError.line,
      text: 'its actions/enforce step has `continue-on-error`, so a denial does not stop the job',
    };
  const mode = gateModeNotEnforce(first);
  if (mode)
    return {
      subject: 'mode',
      line: mode.line,
      text: `its actions/enforce step has \`mode: ${mode.value}\`, which reports a job outside its manifest and does not stop it`,
    };
  const input = gateInputProblem(first);
  if (input)
    return {
      subject: 'with',
      line: input.line,
      text: first.withExpression
        ? `its actions/enforce step takes \`with: ${input.value}\`, inputs known only at run time, which can say \`mode: audit\` or another manifest`
        : `its actions/enforce step has the input '${input.value}', which is not one of ${[...GATE_INPUTS].join(', ')}: the runner may read it as one of them (an expression, or a name another reader folds to one)`,
    };
  // `env:` (workflow, job or step) naming the runner's variables, Node's loader or TLS settings, or a
  // proxy points the gate at another API, token endpoint or event payload.
  const env = first.redirectingEnv?.[0];
  if (env) {
    // The job container's options, volumes or expression (session 10) read apart from `env:` names.
    const all = first.redirectingEnv!;
    const names = all.filter((e) => !/^(?:container|service)/.test(e.value));
    const container = all.filter((e) => e.value.startsWith('container'));
    // Services reaching the runner's host (session 11): they run before the first step.
    const services = all.filter((e) => /^service/.test(e.value));
    const parts = [
      ...(names.length
        ? [
            `runs with \`env:\` ${names.map((e) => `'${e.value}'`).join(', ')} set by the workflow, which can point the gate at another API, token endpoint or event payload${names.some((e) => e.value.includes('${{')) ? " (a name written as an expression is known only at run time, and `${{ insert }}` sets any names: write each variable's name out)" : ''}`,
          ]
        : []),
      ...(container.length
        ? [
            `runs in a job container whose ${container.map((e) => e.value).join('; ')}: set as \`env:\` is, or replacing what runs, they let the workflow decide what the gate reads and runs (fix: set the container's variables in its \`env:\`, none that redirects the gate, and drop that option, volume or expression)`,
          ]
        : []),
      ...(services.length
        ? [
            `runs after the job's ${services.map((e) => e.value).join('; ')}: started before the first step, such a service can rewrite the gate's files or the event payload it reads (fix: drop the service's volumes and those options, or run it in a job without the gate's trust)`,
          ]
        : []),
    ];
    return { subject: 'env', line: env.line, text: `its actions/enforce step ${parts.join('; it also ')}` };
  }
  // The gate stops the job by failing; a later step whose `if:` runs after a failure (always(),
  // failure(), cancelled(), !success()) still runs with the job's token and secrets. actions/audit is
  // meant to run so (it revokes and reports).
  const after = job.steps.slice(1).find((s) => runsAfterFailure(s, gates));
  if (after?.if)
    return {
      subject: 'runs-after-denial',
      line: after.if.line,
      text: `step ${after.index + 1} has \`if: ${after.if.value}\`, so it runs after actions/enforce has stopped the job, with the job's token and secrets`,
    };
  return undefined;
}

/**
 * stepwarden's own actions/audit (`ownAction`), under the same pins as the gate: the exemption below
 * trusts it to run after a denial, so with `enforce-repositories` set a local copy, which a pull
 * request can write itself, is not exempt.
 */
export function isAuditStep(
  uses: string | undefined,
  repositories: readonly (readonly string[])[] = [],
): boolean {
  return ownAction(uses, repositories) === 'audit';
}

/**
 * A step that still runs when an earlier step (the gate) failed the job: its `if:` uses always(),
 * failure(), cancelled() or !success(). actions/audit is meant to (it revokes and reports).
 * Shared by this rule and the access diff's view of the gate.
 */
export function runsAfterFailure(
  step: StepModel,
  repositories: readonly (readonly string[])[] = [],
): boolean {
  if (!step.if || !ifRunsAfterFailure(step.if.value)) return false;
  // The audit step is exempt only as it is: an `env:` that redirects it (`BASH_FUNC_node%%`,
  // `NODE_OPTIONS`, env-keys.ts) makes it run the workflow's code after the denial (session 9).
  return !isAuditStep(step.uses, repositories) || !!step.redirectingEnv?.length;
}
