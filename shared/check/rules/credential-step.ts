/**
 * Every step that asks the broker for a credential (this repository's `actions/run` or
 * `actions/exchange`), held against the manifest with the broker's own decision function, so that a
 * setup the broker is certain to refuse fails the check instead of the release.
 */
import { decide, type ExchangeRequest } from '../../broker/decide.js';
import { BrokerRefusal } from '../../broker/errors.js';
import { exchangeRequestOf } from '../../broker/request.js';
import type { Loaded, LoadedManifest } from '../../manifest/load.js';
import type { Manifest, OrgPolicy } from '../../manifest/schema.js';
import type { GithubOidcClaims } from '../../oidc/claims.js';
import { chainInputs, type JobAccess } from '../../workflow/access.js';
import type { ActionRef, JobModel, StepModel, WorkflowModel } from '../../workflow/model.js';
import { credentialAction, UNNAMED_STEP, unnamedStep } from '../../workflow/own-action.js';
import { inputRead, withInputsRead } from '../../workflow/composite.js';
import { localUses } from '../../workflow/uses.js';
import type { Finding } from '../finding.js';
import { finding, type CheckContext, type Rule } from '../rule.js';

export { credentialAction };

/** Refusals this rule reports; others (e.g. grant conditions on claims only a run has) are judged elsewhere. */
const STATIC_CODES = new Set([
  'ERR_NO_GRANT',
  'ERR_SCOPE_NOT_GRANTED',
  'ERR_SCOPE_SYNTAX',
  'ERR_SCOPE_UNKNOWN',
  'ERR_ORG_CEILING',
  'ERR_TRIGGER_NOT_ALLOWED',
  // The caller file and job are read from the workflows (session 17).
  'ERR_CALLER_NOT_ALLOWED',
  // A callee of this repository pinned to a commit by its caller's `uses:` (session 37).
  'ERR_WORKFLOW_REF_MISMATCH',
]);

/**
 * The commit a workflow of this repository runs at on a chain of calls (`callers`, the outermost job
 * first, the direct caller last), when a caller pins it there: a full reference
 * `OWNER/REPO/.github/workflows/x.yml@SHA` (which access.ts resolves to the local file) runs `x.yml` at
 * that commit, and a `./` or `$/` call runs its callee "from the same commit as the caller workflow",
 * so the commit holds down every local call below it (session 38; session 37 read the direct caller
 * only). The token's `job_workflow_ref` then names the callee at that commit, which no run's `ref` is,
 * so the broker refuses its every exchange (ERR_WORKFLOW_REF_MISMATCH). A branch or tag name is not
 * read: a run at that very ref is granted.
 */
function calledAtCommit(
  byFile: ReadonlyMap<string, WorkflowModel>,
  callers: readonly { readonly workflow: string; readonly job: string }[],
): string | undefined {
  for (let i = callers.length - 1; i >= 0; i--) {
    const c = callers[i]!;
    const uses = byFile
      .get(c.workflow)
      ?.jobs.find((j) => j.id === c.job)
      ?.uses?.uses.trim();
    if (!uses) return undefined;
    if (localUses(uses) !== undefined) continue;
    return /@([0-9a-f]{40}|[0-9a-f]{64})$/i.exec(uses)?.[1];
  }
  return undefined;
}

const PLACEHOLDER_REPOSITORY = 'owner/repository';
export const DEFAULT_BRANCH = 'main';
const isExpression = (s: string) => s.includes('${{');

/**
 * Every condition of a grant as one that holds for the check's claims: `when.event: ['*']` (any
 * event, which also lifts the default that refuses events from outside the repository unless a
 * `when.event` names them). The broker judges conditions before the scope, so a condition the
 * check's made-up claims miss would otherwise hide a scope no run can get (session 17).
 */
const ANY_RUN = { event: ['*'] };

/**
 * The manifest the decision runs over: every condition (the grant's and the job's `when`, the job's
 * `environments`) made to hold, since they need claims only a real run has and the condition rules
 * (unreachable-condition, undeclared-environment, unused-condition-environment) judge them; what
 * remains is what no claim changes: the grant for the step and audience, the scope, the triggers,
 * the organization ceiling. When unbound, placeholder ids (reported once, separately).
 */
export function staticManifest(
  m: LoadedManifest,
  org: Loaded<OrgPolicy> | undefined,
): {
  loaded: LoadedManifest;
  org: Loaded<OrgPolicy> | undefined;
  repository: string;
  id: string;
  ownerId: string;
} {
  const manifest = m.manifest;
  const repository = manifest.repository?.name ?? PLACEHOLDER_REPOSITORY;
  const id = String(manifest.repository?.id ?? 1);
  const ownerId = String(manifest.repository?.['owner-id'] ?? 1);
  const workflows = Object.fromEntries(
    Object.entries(manifest.workflows).map(([wf, entry]) => [
      wf,
      {
        ...entry,
        jobs: Object.fromEntries(
          Object.entries(entry.jobs).map(([job, j]) => [
            job,
            {
              ...withoutWhen(j),
              environments: [],
              credentials: j.credentials.map((g) => ({ ...withoutWhen(g), when: ANY_RUN }) as typeof g),
            },
          ]),
        ),
      },
    ]),
  );
  const loaded: LoadedManifest = {
    ...m,
    lineOf: (p) => m.lineOf(p),
    manifest: {
      ...manifest,
      repository: {
        ...(manifest.repository ?? {}),
        name: repository,
        id: Number(id),
        'owner-id': Number(ownerId),
      },
      workflows,
    } as Manifest,
  };
  return { loaded, org: staticOrg(org), repository, id, ownerId };
}

/**
 * The organization policy the decision runs with: under `narrow-only` its grants' conditions are
 * taken as met, as the manifest's are (the broker evaluates them before narrowing the scope).
 */
function staticOrg(org: Loaded<OrgPolicy> | undefined): Loaded<OrgPolicy> | undefined {
  if (!org || org.value['repository-manifests'] !== 'narrow-only') return org;
  const grants = org.value.grants.map((g) => ({
    ...g,
    credentials: g.credentials.map((c) => ({ ...withoutWhen(c), when: ANY_RUN }) as typeof c),
  }));
  return { file: org.file, lineOf: (p) => org.lineOf(p), value: { ...org.value, grants } };
}

function withoutWhen<T extends { when?: unknown }>(o: T): T {
  const copy = { ...o };
  delete copy.when;
  return copy;
}

export function claimsFor(
  bound: { repository: string; id: string; ownerId: string },
  workflow: string,
  caller: string | undefined,
  event: string,
  calledAt?: string,
): GithubOidcClaims {
  const ref = (file: string, at = `refs/heads/${DEFAULT_BRANCH}`) =>
    `${bound.repository}/.github/workflows/${file}@${at}`;
  const [owner] = bound.repository.split('/');
  return {
    iss: 'https://token.actions.githubusercontent.com',
    aud: 'stepwarden-check',
    sub: `repo:${bound.repository}:ref:refs/heads/${DEFAULT_BRANCH}`,
    exp: 0,
    iat: 0,
    jti: 'check',
    repository: bound.repository,
    repository_id: bound.id,
    repository_owner: owner ?? '',
    repository_owner_id: bound.ownerId,
    run_id: '0',
    run_attempt: '1',
    // A run on the default branch: the broker's secure default for grants without `when.ref`
    // (grant conditions themselves are left to the condition rules).
    ref: `refs/heads/${DEFAULT_BRANCH}`,
    ref_type: 'branch',
    sha: '0'.repeat(40),
    workflow_sha: '0'.repeat(40),
    job_workflow_sha: '0'.repeat(40),
    workflow_ref: ref(caller ?? workflow),
    // The callee at the commit its caller pins it to, as the token names it (session 37).
    job_workflow_ref: ref(workflow, calledAt),
    ...(event ? { event_name: event } : {}),
    // No `environment`: the job's manifest `environments` are lifted (staticManifest), and whether
    // the job's `environment:` is declared is undeclared-environment's.
  };
}

interface Judged {
  readonly problems: string[];
}

/**
 * The broker's verdict on one step under each event the workflow can run on: refused only if refused
 * under all. A reusable workflow's step runs once per caller: a caller whose every run is refused is
 * reported by name even when another caller's run is granted (session 17).
 */
function brokerVerdict(
  bound: ReturnType<typeof staticManifest>,
  byFile: ReadonlyMap<string, WorkflowModel>,
  wf: WorkflowModel,
  accesses: readonly JobAccess[],
  request: ExchangeRequest,
): string | undefined {
  // A reusable workflow's run is the outermost caller's (`workflow_ref`, whose job the broker
  // verifies through check_run_id): the chain's first job, not the one that calls this file.
  const runs =
    accesses.length > 0
      ? accesses.map((a) => {
          const top = a.callers?.[0] ?? a.via;
          return {
            caller: top?.workflow,
            callerJob: top?.job,
            events: a.triggers.map((t) => t.value),
            calledAt: a.callers && calledAtCommit(byFile, a.callers),
          };
        })
      : [
          {
            caller: undefined,
            callerJob: undefined,
            events: wf.triggers.map((t) => t.value),
            calledAt: undefined,
          },
        ];
  // The broker reads the form before any grant (request.ts, its one rule): a part past its bounds or
  // holding a control character is refused whatever the manifest grants (session 27: a 300-character
  // `step:` with a grant of that name passed here).
  const shape = formRefusal(request);
  if (shape) return `the broker refuses it: ${shape.code}: ${shape.description}`;
  const verdicts = runs.map((run) => {
    const refusals: BrokerRefusal[] = [];
    // A callee's own trigger is `workflow_call`; the event the broker sees is the caller's.
    const events = run.events.filter((e) => e !== 'workflow_call');
    for (const event of events.length ? events : ['']) {
      try {
        decide({
          claims: claimsFor(bound, wf.file, run.caller, event, run.calledAt),
          defaultBranch: DEFAULT_BRANCH,
          request,
          manifest: bound.loaded,
          // The calling job as the broker knows it once verified: `callers: [FILE/JOB]` and the
          // caller job's `calls:` then admit (or refuse) it here as there.
          ...(run.callerJob !== undefined ? { callerJob: { job: run.callerJob } } : {}),
          ...(bound.org ? { org: bound.org } : {}),
        });
        return { run, granted: true, refusals };
      } catch (err) {
        if (!(err instanceof BrokerRefusal)) throw err;
        refusals.push(err);
      }
    }
    return { run, granted: false, refusals };
  });
  const told = (refusals: readonly BrokerRefusal[]) => {
    const reported = refusals.filter((r) => STATIC_CODES.has(r.code));
    if (reported.length === 0 || reported.length < refusals.length) return undefined; // judged elsewhere
    // The most telling refusal: one about the grant or scope before one about the event.
    const best = reported.find((r) => r.code !== 'ERR_TRIGGER_NOT_ALLOWED') ?? reported[0]!;
    return `${best.code}: ${best.description}`;
  };
  if (verdicts.every((v) => !v.granted)) {
    const why = told(verdicts.flatMap((v) => v.refusals));
    return why ? `the broker refuses it: ${why}` : undefined;
  }
  const byCaller = verdicts.flatMap((v) => {
    const why = v.granted || v.run.callerJob === undefined ? undefined : told(v.refusals);
    return why ? [`called from ${v.run.caller} job '${v.run.callerJob}', the broker refuses it: ${why}`] : [];
  });
  return byCaller.length ? byCaller.join('; ') : undefined;
}

/** The broker's refusal of the request's form as the action sends it, or undefined. */
function formRefusal(request: ExchangeRequest): BrokerRefusal | undefined {
  try {
    exchangeRequestOf(new URLSearchParams({ ...request }));
    return undefined;
  } catch (err) {
    if (err instanceof BrokerRefusal) return err;
    throw err;
  }
}

/** An input as the action reads it (`@actions/core` getInput): trimmed. */
const inputOf = (step: StepModel, k: string) => step.with?.[k]?.value.trim();

/** The `step` input when given (even empty), else its default `github.action`: the step's id. */
const stepNameOf = (step: StepModel) =>
  step.with && Object.hasOwn(step.with, 'step') ? inputOf(step, 'step') : step.id;

/**
 * The request a workflow step sends the broker, when every part of it is written in the file and
 * the action would send it (an expression, a missing audience or a name the action refuses: none).
 */
export function literalRequest(job: JobModel, step: StepModel): ExchangeRequest | undefined {
  if (step.withExpression) return undefined;
  const stepName = stepNameOf(step);
  const audience = inputOf(step, 'audience') ?? '';
  const scope = inputOf(step, 'scope') ?? '';
  if (!stepName || !audience || [audience, scope, stepName].some(isExpression) || unnamedStep(stepName))
    return undefined;
  return { audience, scope, job: job.id, step: stepName };
}

function judgeStep(
  ctx: CheckContext,
  bound: ReturnType<typeof staticManifest>,
  wf: WorkflowModel,
  job: JobModel,
  step: StepModel,
  accesses: readonly JobAccess[],
): Judged {
  const problems: string[] = [];
  const input = (k: string) => inputOf(step, k);
  const stepName = stepNameOf(step);
  if (accesses.length === 0 || accesses.some((a) => a.permissions['id-token'] !== 'write')) {
    const without = accesses.find((a) => a.permissions['id-token'] !== 'write');
    problems.push(
      `job '${job.id}'${without?.via ? ` (called from ${without.via.workflow} job '${without.via.job}')` : ''} does not hold id-token: write, so the step gets no OIDC token to exchange; add \`permissions: { id-token: write }\` to the job`,
    );
  }
  // `with:` as one expression: inputs known only at run time, left to the broker.
  if (step.withExpression) return { problems };
  if (stepName === undefined) {
    problems.push(
      "the step has no `id:` and no `step:` input, so it cannot name its grant; give it an `id:` equal to the grant's `step:`",
    );
    return { problems };
  }
  const audience = input('audience') ?? '';
  const scope = input('scope') ?? '';
  const parts: [string, string, string] = [audience, scope, stepName];
  if (parts.some(isExpression)) {
    // One `${{ matrix.K }}` whose values the file lists (parse.ts matrixInputs): each is a leg that
    // runs, judged as a literal (session 33); `${{ inputs.NAME }}`s a local caller passes as strings
    // likewise (session 34). Any other computed value cannot be held against the manifest here; the
    // broker still judges it.
    const expr = parts.find(isExpression)!;
    const values = job.matrixInputs?.[expr];
    if (!values || parts.some((p) => isExpression(p) && p !== expr)) {
      problems.push(...callerProblems(ctx, bound, wf, job, step, accesses, parts));
      return { problems };
    }
    for (const v of values) {
      const [a, sc, st] = parts.map((p) => (p === expr ? v.value.trim() : p)) as [string, string, string];
      const leg = requestProblems(bound, ctx.byFile, wf, job, accesses, a, sc, st);
      if (leg) problems.push(`on the matrix leg where \`${expr}\` is '${v.value}' (line ${v.line}): ${leg}`);
    }
    return { problems };
  }
  const leg = requestProblems(bound, ctx.byFile, wf, job, accesses, audience, scope, stepName);
  if (leg) problems.push(leg);
  return { problems };
}

/**
 * A called job's request whose computed parts are each one `${{ inputs.NAME }}`: on a local caller's
 * runs each is the string that caller's `with:` passes (JobModel.callInputs), or for a name it does
 * not pass the callee input's string `default:` (access.ts callerInputs, session 35), so that caller's
 * request is written out in full and judged as a literal one (session 34). A caller passing one
 * `${{ matrix.K }}` whose values its strategy lists (JobModel.matrixInputs) asks with each on some
 * leg, judged leg by leg unless the callee step's or job's `if:` reads the inputs, which may skip that
 * very leg (session 36). A caller passing anything else (an expression, a number), or nothing where
 * there is no string default, leaves its runs to the broker.
 */
function callerProblems(
  ctx: CheckContext,
  bound: ReturnType<typeof staticManifest>,
  wf: WorkflowModel,
  job: JobModel,
  step: StepModel,
  accesses: readonly JobAccess[],
  parts: readonly [string, string, string],
): string[] {
  const out = new Set<string>();
  const byFile = ctx.byFile;
  for (const a of accesses) {
    if (!a.via) continue;
    const via = a.via;
    const caller = byFile.get(via.workflow)?.jobs.find((j) => j.id === via.job);
    // Down the whole chain: a middle caller passes its own `${{ inputs.NAME }}` on (session 36).
    const inputs = chainInputs(byFile, a.callers ?? [via], wf);
    const read = parts.map((p) => (isExpression(p) ? inputRead(p, inputs) : undefined));
    if (parts.some((p, i) => isExpression(p) && read[i] === undefined)) continue;
    const computed = [...new Set(read.flatMap((r) => (r && isExpression(r.value) ? [r.value.trim()] : [])))];
    const skippable = [step.if, job.if].some((c) => c && /inputs/i.test(c.value));
    const legs =
      computed.length === 0
        ? [undefined]
        : computed.length === 1 && !skippable
          ? caller?.matrixInputs?.[computed[0]!]
          : undefined;
    if (!legs) continue;
    for (const leg of legs) {
      const value = (i: number) => (leg && read[i]!.value.trim() === computed[0] ? leg : read[i]!);
      const [audience, scope, stepName] = parts.map((p, i) => (read[i] ? value(i).value.trim() : p)) as [
        string,
        string,
        string,
      ];
      const why = requestProblems(bound, ctx.byFile, wf, job, [a], audience, scope, stepName);
      if (!why) continue;
      const passed = parts.flatMap((p, i) =>
        read[i]
          ? [
              read[i]!.default
                ? `nothing for \`${p}\`, so its default '${read[i]!.value}' (${wf.path} line ${read[i]!.line})`
                : value(i) !== read[i]
                  ? `\`${p}\` as \`${read[i]!.value}\` (line ${read[i]!.line}), on the matrix leg where it is '${value(i).value}' (line ${value(i).line})`
                  : `\`${p}\` as '${read[i]!.value}' (line ${read[i]!.line})`,
            ]
          : [],
      );
      const outer = a.callers && a.callers.length > 1 ? a.callers[0] : undefined;
      const chain = outer
        ? ` (itself called from ${outer.workflow} job '${outer.job}', whose \`with:\` it passes on)`
        : '';
      out.add(
        `called from ${via.workflow} job '${via.job}'${chain}, which passes ${passed.join(', ')}: ${why}`,
      );
    }
  }
  return [...out];
}

/** What the broker (or the action before it) certainly says to one request written out in full, if it refuses. */
function requestProblems(
  bound: ReturnType<typeof staticManifest>,
  byFile: ReadonlyMap<string, WorkflowModel>,
  wf: WorkflowModel,
  job: JobModel,
  accesses: readonly JobAccess[],
  audience: string,
  scope: string,
  stepName: string,
): string | undefined {
  if (unnamedStep(stepName))
    return `the action refuses the step name '${stepName}' before asking the broker: ${UNNAMED_STEP}`;
  if (!audience)
    return "the action requires the `audience` input (`github`, or the service's audience as the grant names it) and stops without it; add it to the step's `with:`";
  return brokerVerdict(bound, byFile, wf, accesses, { audience, scope, job: job.id, step: stepName });
}

/**
 * A credential step inside a local composite action. Its `step` input defaults to `github.action`,
 * which the runner sets for a composite's steps from the scope the workflow step's `id:` opens: the
 * outer id (older runners) or `OUTER.INNER` (runners that use the fully qualified name). Refused only
 * when every name the runner may give it is refused; without an outer `id:` the scope is generated
 * (`__…`), which the action refuses. Returns the first name tried and its problems.
 */
function judgeInner(
  ctx: CheckContext,
  bound: ReturnType<typeof staticManifest>,
  wf: WorkflowModel,
  job: JobModel,
  a: ActionRef,
  accesses: readonly JobAccess[],
): { name: string; problems: string[]; cannotJudge?: string } | undefined {
  const via0 = a.via!;
  // `with:` as one expression: known only at run time, left to the broker.
  if (via0.withExpression) return undefined;
  // `${{ inputs.NAME }}` read from the `with:` of the step that runs the action (session 25).
  const via = via0.with ? { ...via0, with: withInputsRead(via0.with, via0.inputs) } : via0;
  const named = via.with?.step?.value.trim();
  // A name the runner makes up (a nested composite step without an id): not certain, left to the broker.
  if (!named && via.outerUnknown) return undefined;
  const names = named
    ? [named]
    : via.outerId !== undefined
      ? [via.outerId, ...(via.id !== undefined ? [`${via.outerId}.${via.id}`] : [])]
      : [];
  const step = (id: string | undefined): StepModel => ({
    index: -1,
    line: a.line,
    ...(id !== undefined ? { id } : {}),
    ...(via.with
      ? { with: { ...via.with, ...(named || id === undefined ? {} : { step: { value: id, line: a.line } }) } }
      : {}),
  });
  if (names.length === 0) {
    const { problems } = judgeStep(ctx, bound, wf, job, step(undefined), accesses);
    problems.push(
      'the workflow step that runs the composite action has no `id:`, so the runner names this step with a generated `__…` scope the action refuses; give that step an `id:` (or this step a `step:` input) naming the grant',
    );
    return { name: '(none)', problems: problems.filter((p) => !p.startsWith('the step has no `id:`')) };
  }
  // A request part still an expression is known only at run time: the action's files cannot say
  // what it asks, so it is said (a warning), never passed in silence (issue 11 §2, session 25).
  const computed = (['audience', 'scope', 'step'] as const).find((k) => via.with?.[k]?.value.includes('${{'));
  let first: { name: string; problems: string[] } | undefined;
  for (const name of names) {
    const { problems } = judgeStep(ctx, bound, wf, job, step(name), accesses);
    if (problems.length === 0) {
      if (!computed) return undefined;
      const written = via0.with![computed]!;
      const passed = via.with![computed]!.value;
      const read = inputRead(written.value, via0.inputs);
      const source = read?.default
        ? `whose default in the action is '${passed}' (line ${read.line})`
        : passed === written.value
          ? 'which the step running the action does not pass'
          : `which the step running the action passes as '${passed}'`;
      return {
        name,
        problems: [
          `it cannot be judged: its \`${computed}\` is '${written.value}' (action line ${written.line}), ${source}, known only at run time (the broker judges it then); pass that input as a literal in the step's \`with:\` (or write it in the action)`,
        ],
        cannotJudge: computed,
      };
    }
    first ??= { name, problems };
  }
  return first;
}

/**
 * The accesses of each job (a job called from several local callers is judged once per caller), by
 * workflow file, then job id: two look-ups of strings the model already holds (their hashes are
 * kept), where a key joined per access and per question was a new string to build and hash each time
 * (unused-grant asks for every job of the manifest).
 */
export function accessesByJob(jobs: readonly JobAccess[]): Map<string, Map<string, JobAccess[]>> {
  const map = new Map<string, Map<string, JobAccess[]>>();
  for (let i = 0; i < jobs.length; i++) {
    const a = jobs[i]!;
    let byId = map.get(a.workflow);
    if (!byId) map.set(a.workflow, (byId = new Map()));
    const list = byId.get(a.job);
    if (list) list.push(a);
    else byId.set(a.job, [a]);
  }
  return map;
}

export const credentialStep: Rule = {
  meta: {
    id: 'credential-step',
    severity: 'error',
    title: 'Credential step the broker will refuse',
    summary:
      "A step using stepwarden's `actions/run` or `actions/exchange` that the broker is certain to refuse: no grant for its step, a scope or audience above the grant, no `id-token: write`, or a manifest without `repository.id`/`owner-id`.",
    help: `The broker decides every exchange from the default-branch manifest; the check runs the same decision function
(\`decide\` in shared/broker/decide.ts) over each step that uses \`OWNER/stepwarden/actions/run\` or
\`actions/exchange\` (any ref, any owner, or a local \`./actions/run\`), with the step's \`id\` (or \`step:\` input),
\`audience\` and \`scope\` inputs, the job id, and each event the workflow runs on. A step refused under every event
fails here rather than at release time. Before any grant the broker reads the request's form with its own rule
(shared/broker/request.ts): a \`step\` or \`audience\` over 256 characters, a \`scope\` over 1,024, or a C0 control
character or DEL in any of them is \`ERR_PARAM_INVALID\` whatever the manifest grants, and is reported so here. Steps of local composite actions the job runs (\`uses: ./path\`, read from the
repository as workflows are: no link followed, a size bound) are held too, at the workflow step that runs the action:
their \`step\` input defaults to \`github.action\`, which the runner sets from the scope the workflow step's \`id:\` opens
(that id, or \`ID.INNER\` on runners that use the fully qualified name), so such a step is reported only when every
one of those names is refused (and always when the workflow step has no \`id:\` and the inner step no \`step:\` input).
A local action that cannot be read is \`unread-local-action\`.

Also held: the job must hold \`id-token: write\` (no OIDC token otherwise), and a manifest with credential grants must
bind them to the repository with \`repository.id\` and \`repository.owner-id\` (the broker refuses every exchange
otherwise; reported once by \`unbound-manifest\`). Inputs written as \`\${{ }}\` expressions are known only at run time and are left to the broker, except a whole \`\${{ matrix.K }}\` whose values the job's strategy lists as literal strings with no \`exclude:\` (each value is a leg that runs: each is judged, and a refused one is named with its line), and, in a reusable workflow, a whole \`\${{ inputs.NAME }}\` a local caller job passes as a YAML string in its \`with:\` (or, in a nested call, as its own \`\${{ inputs.NAME }}\` that its caller passes so), or as a whole \`\${{ matrix.K }}\` whose values its strategy lists as literal strings with no \`exclude:\` (that caller's runs ask with that string, or each value on some leg unless the called step's or job's \`if:\` reads the inputs: each such caller is judged, and a refused one is named with the value and its line; a caller passing an expression, a number or nothing is the broker's); in a local composite action a value that is one \`\${{ inputs.NAME }}\` (or \`inputs . NAME\`, \`inputs['NAME']\`, as GitHub's expression reader takes them) is read from the \`with:\` of the step that runs the action, or else from the action's \`inputs.NAME.default\` (at each level; a default written as an expression stays unknown), and one still unknown there is a warning that the step cannot be judged, never a silent pass. Grant
conditions (the grant's and the job's \`when:\`, the job's \`environments\`) are judged by their own rules
(\`unreachable-condition\`, \`undeclared-environment\`) and taken here as met: the broker judges them before the
scope, so a step asking above its grant is refused on every run, whatever they say.
A reusable workflow's step is judged with the calling job as the caller's \`uses:\` names it, as the broker knows
it once verified (\`check_run_id\`); a step that only a verified job admits is also \`caller-job-verification\`'s.
A caller naming a workflow of this repository by its full reference pinned to a commit
(\`OWNER/REPO/.github/workflows/x.yml@SHA\`) runs it at that commit, which no run's ref is: the broker refuses such a
callee's every exchange (\`ERR_WORKFLOW_REF_MISMATCH\`: grants go only to workflow code at the run's own ref), and so
does this rule; call it with \`./.github/workflows/x.yml\` (the caller's own ref). The commit holds below it too: a
\`./\` or \`$/\` call inside such a callee runs its workflow "from the same commit as the caller workflow", so that
workflow's steps are judged at the commit as well. A branch or tag name there is left to the broker (a run at that
ref is granted).

**Fix:** give the step an \`id:\` equal to the grant's \`step:\`, ask for no more than the grant (\`scope: contents:read\`
under a \`contents: read\` grant), add \`permissions: { id-token: write }\` to the job, or widen the grant in
\`.github/access-manifest.yml\` when the step truly needs it.

\`\`\`yaml
# workflow
    permissions: { contents: read, id-token: write }
    steps:
      - id: publish
        uses: stepwarden/stepwarden/actions/run@<40-hex> # v0.1.0
        with: { audience: github, scope: contents:write, ... }
# manifest
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
\`\`\``,
  },
  check(ctx) {
    const out: Finding[] = [];
    // Built only when a credential step exists: most repositories have none.
    let bound: ReturnType<typeof staticManifest> | undefined;
    let byJob: ReturnType<typeof accessesByJob> | undefined;
    const workflows = ctx.workflows;
    for (let wfI = 0; wfI < workflows.length; wfI++) {
      const wf = workflows[wfI]!;
      const jobs = wf.jobs;
      for (let jobI = 0; jobI < jobs.length; jobI++) {
        const job = jobs[jobI]!;
        const steps = job.steps;
        for (let stepI = 0; stepI < steps.length; stepI++) {
          const step = steps[stepI]!;
          if (!step.uses || !credentialAction(step.uses)) continue;
          bound ??= staticManifest(ctx.manifest, ctx.org);
          byJob ??= accessesByJob(ctx.jobs);
          const accesses = byJob.get(wf.file)?.get(job.id) ?? [];
          const { problems } = judgeStep(ctx, bound, wf, job, step, accesses);
          if (problems.length === 0) continue;
          const name = step.with?.step?.value ?? step.id ?? `#${step.index}`;
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job: job.id,
              subject: name,
              file: wf.path,
              line: step.line,
              message: `step '${name}' of job '${job.id}' (${step.uses}): ${problems.join('; ')}`,
            }),
          );
        }
        // Credential steps inside the local composite actions the job runs (session 10).
        const actions = job.actions;
        for (let ai = 0; ai < actions.length; ai++) {
          const a = actions[ai]!;
          if (!a.via || !credentialAction(a.uses)) continue;
          bound ??= staticManifest(ctx.manifest, ctx.org);
          byJob ??= accessesByJob(ctx.jobs);
          const accesses = byJob.get(wf.file)?.get(job.id) ?? [];
          const judged = judgeInner(ctx, bound, wf, job, a, accesses);
          if (!judged) continue;
          const inner = a.via.id ?? `(no id) at ${a.via.file}:${a.via.line}`;
          const found = finding(this.meta, {
            workflow: wf.file,
            job: job.id,
            subject: judged.name,
            file: wf.path,
            line: a.line,
            message: `step '${inner}' of the local composite action ${a.via.file}:${a.via.line} (${a.uses}), run by step '${a.step ?? '?'}' of job '${job.id}', asks as '${judged.name}': ${judged.problems.join('; ')}`,
          });
          out.push(judged.cannotJudge ? { ...found, severity: 'warning' } : found);
        }
      }
    }
    // A manifest without repository ids is one finding of `unbound-manifest`, not one per step here.
    return out;
  },
};
