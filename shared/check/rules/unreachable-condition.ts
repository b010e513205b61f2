import { matchesAny } from '../../conditions/glob.js';
import { DEFAULT_BRANCH_EVENTS, OUTSIDE_EVENTS } from '../../conditions/ref.js';
import { credentialGrantPaths } from '../../conditions/grants.js';
import type { When } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';
import type { WorkflowModel } from '../../workflow/model.js';

/** Which kinds of `ref` a run of an event carries (GitHub: events that trigger workflows). */
type RefKind = 'branch' | 'tag' | 'pull' | 'queue';
/** Where a merge group runs: `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`, never the default branch. */
const QUEUE_PREFIX = 'refs/heads/gh-readonly-queue/';
/**
 * Whether a `refs/heads/…` pattern may match a merge queue ref: not when it holds no glob character
 * and names another branch, nor when the text before its first glob character leaves the queue's
 * prefix; otherwise it may (a `*` never crosses `/`, but that is not relied on here).
 */
function mayMatchQueue(p: string): boolean {
  const glob = p.search(/[*?[\\]/);
  const lead = glob < 0 ? p : p.slice(0, glob);
  return glob < 0
    ? lead.startsWith(QUEUE_PREFIX)
    : lead.startsWith(QUEUE_PREFIX) || QUEUE_PREFIX.startsWith(lead);
}
function refKinds(event: string): RefKind[] {
  // A merge group runs at its queue ref (GITHUB_REF "Ref of the merge group"), a branch no pattern of
  // another branch, the default one included, matches (session 33).
  if (event === 'merge_group') return ['queue'];
  // A review and a review comment run at the pull request's merge ref, as pull_request does (session 20:
  // read as a branch, a default-branch grant passed here and was refused on every run).
  if (event === 'pull_request' || event === 'pull_request_review' || event === 'pull_request_review_comment')
    return ['pull'];
  if (event === 'release') return ['tag'];
  // A deployment (and its statuses) runs at the branch or tag deployed, a package at its branch or tag
  // (session 20: a tag grant on a deployment was reported unreachable, and the broker grants it).
  if (
    event === 'push' ||
    event === 'create' ||
    event === 'delete' ||
    event === 'workflow_dispatch' ||
    event === 'deployment' ||
    event === 'deployment_status' ||
    event === 'registry_package'
  )
    return ['branch', 'tag'];
  // schedule, issues, pull_request_target, workflow_run …: a branch.
  return ['branch'];
}

/** The ref kind a pattern can match, or undefined when it could match several. */
function patternKind(p: string): RefKind | undefined {
  if (p.startsWith('refs/heads/')) return 'branch';
  if (p.startsWith('refs/tags/')) return 'tag';
  if (p.startsWith('refs/pull/')) return 'pull';
  return undefined;
}

export const unreachableCondition: Rule = {
  meta: {
    id: 'unreachable-condition',
    severity: 'error',
    title: "A credential grant's conditions can never match the workflow's triggers",
    summary:
      'A `when` (or a default: the default branch, no events from outside the repository) that no run of the workflow can satisfy: its `event` matches none of the triggers, its `ref` patterns match no ref the triggers produce (e.g. a pull_request-only workflow and the default branch), or the workflow runs only on events from outside the repository (pull_request_target, issue_comment, workflow_run …) and no `when.event` names them.',
    help: `The broker evaluates every condition of a grant against the OIDC token of the run. A grant whose conditions cannot
hold for any trigger of its workflow is never issued: the step fails at run time instead of in review.
A reusable workflow runs with the event and ref of the workflow that calls it (the outermost one of a chain): its
grants are judged against each caller's triggers, and reported only when no caller's run (nor a trigger of its own)
can satisfy them.
Events GitHub always runs at the default branch (\`schedule\`, \`repository_dispatch\`, \`workflow_run\`, \`issues\`,
\`issue_comment\`, …) carry \`refs/heads/<default branch>\`: when the manifest names the branch
(\`repository.default-branch\`), a \`when.ref\` that cannot match it is reported for a workflow running only on them
(without the name the check does not guess it). A \`merge_group\` run carries its queue ref,
\`refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>\`, never the default branch: a workflow running only on it needs a
\`when.ref\` over those refs (\`refs/heads/gh-readonly-queue/*/*\`).

**Fix:** align \`when.event\` / \`when.ref\` with the workflow's \`on:\` (a grant without \`when.ref\` is claimable only from the
default branch; \`pull_request\` runs carry \`refs/pull/N/merge\`; a grant without \`when.event\` is not claimable on events
triggered from outside the repository, such as \`pull_request_target\`, \`issue_comment\` and \`workflow_run\`), or remove the grant.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const models = ctx.byFile;
    // Named by the manifest only: the check does not otherwise know the default branch's name.
    const defaultBranch = m.manifest.repository?.['default-branch'];
    for (const g of credentialGrantPaths(m.manifest)) {
      const model = models.get(g.workflow);
      if (!model || model.error) continue;
      const whens: { when: When; path: (string | number)[] }[] = [];
      if (g.jobWhen) whens.push({ when: g.jobWhen, path: [...g.jobPath, 'when'] });
      if (g.grant.when) whens.push({ when: g.grant.when, path: [...g.path, 'when'] });
      // Where runs of the grant's job come from: the workflow's own triggers, and for a reusable
      // workflow each outermost caller's (it runs with that workflow's event and ref; session 19:
      // skipped before, so a callee of an issue_comment-only caller passed).
      const sources: RunSource[] = [];
      const own = [...new Set(model.triggers.map((t) => t.value))].filter((t) => t !== 'workflow_call');
      if (own.length) sources.push({ triggers: own, push: model.pushFilters, from: '' });
      if (model.triggers.some((t) => t.value === 'workflow_call')) {
        const seen = new Set<string>();
        for (const a of ctx.jobs) {
          if (a.workflow !== g.workflow || a.job !== g.job) continue;
          const top = a.callers?.[0] ?? a.via;
          const caller = top ? models.get(top.workflow) : undefined;
          if (!top || !caller || caller.error || seen.has(top.workflow)) continue;
          seen.add(top.workflow);
          const triggers = [...new Set(caller.triggers.map((t) => t.value))].filter(
            (t) => t !== 'workflow_call',
          );
          if (triggers.length)
            sources.push({ triggers, push: caller.pushFilters, from: `, called from ${top.workflow},` });
        }
      }
      // Nothing to judge (no triggers, or a callee nobody here calls); reachable from one source is reachable.
      if (sources.length === 0) continue;
      // Each trigger on its own: two triggers each refused for its own reason (tags only beside
      // issue_comment) leave no run, though the set as a whole passes each test (session 19).
      const perTrigger = sources.flatMap((src) =>
        src.triggers.map((t) => ({
          t,
          src,
          problems: unreachable(g, whens, { ...src, triggers: [t] }, defaultBranch),
        })),
      );
      if (perTrigger.some((x) => x.problems.length === 0)) continue;
      const whole = unreachable(g, whens, sources[0]!, defaultBranch);
      const problems: Problem[] = whole.length
        ? whole
        : [
            {
              subject: 'event',
              path: g.path,
              message: `credential for step '${g.grant.step}' can never be claimed: each trigger is refused for its own reason: ${perTrigger
                .map(
                  (x) =>
                    `on ${x.t}${x.src.from ? ` (${x.src.from.replace(/^, | ,$|,$/g, '')})` : ''}: it ${reason(x.problems[0]!.message)}`,
                )
                .join('; ')}. Fix: make the conditions hold for one trigger, or change the triggers`,
            },
          ];
      for (const p of problems)
        out.push(
          finding(this.meta, {
            workflow: g.workflow,
            job: g.job,
            subject: p.subject,
            file: m.file,
            line: m.lineOf(p.path),
            message: p.message,
          }),
        );
    }
    return out;
  },
};

/** A problem's message as one reason among several: no subject, verdict or fix. */
const reason = (message: string) =>
  message
    .replace(/ Fix: .*$/, '')
    .replace(/: it can never be claimed\.?$/, '')
    .replace(/\.$/, '')
    .replace(/^credential for step '[^']*' /, '');

interface RunSource {
  readonly triggers: readonly string[];
  readonly push: WorkflowModel['pushFilters'];
  /** `, called from ci.yml,` for a caller's runs; empty for the workflow's own. */
  readonly from: string;
}

interface Problem {
  readonly subject: string;
  readonly path: (string | number)[];
  readonly message: string;
}

/** Why no run of `src` can satisfy the grant's conditions (none: some run can). */
function unreachable(
  g: ReturnType<typeof credentialGrantPaths>[number],
  whens: readonly { when: When; path: (string | number)[] }[],
  src: RunSource,
  defaultBranch: string | undefined,
): Problem[] {
  const out: Problem[] = [];
  const runsOn = `${g.workflow}${src.from} runs`;
  let triggers = [...src.triggers];
  for (const w of whens) {
    if (!w.when.event) continue;
    const narrowed = triggers.filter((t) => matchesAny(t, w.when.event!));
    if (narrowed.length === 0)
      out.push({
        subject: 'event',
        path: [...w.path, 'event'],
        message: `credential for step '${g.grant.step}' requires event ${w.when.event.join(', ')}, but ${runsOn} on ${triggers.join(', ')}: it can never be claimed. Fix: list one of the workflow's triggers in when.event`,
      });
    triggers = narrowed;
  }
  if (out.length) return out;
  // The broker's default (shared/conditions/evaluate.ts): an event people outside the repository
  // trigger claims a grant only when a `when.event` names it (session 17).
  if (!whens.some((w) => w.when.event) && triggers.every((t) => OUTSIDE_EVENTS.includes(t)))
    return [
      {
        subject: 'event',
        path: g.path,
        message: `credential for step '${g.grant.step}' has no when.event, so the broker refuses it on events triggered from outside the repository (a fork's pull request, a comment, a later workflow run), and ${runsOn} only on ${triggers.join(', ')}: it can never be claimed. Fix: name the event in the grant's (or job's) when.event once the step is safe on input from outside, or run the step on another trigger`,
      },
    ];
  const push = src.push;
  const kinds = new Set(
    triggers.flatMap((t) =>
      t === 'push' && push && (push.tags || push.branches)
        ? // `push: { tags: … }` alone runs on tags only, `branches:` alone on branches only.
          [...(push.tags ? ['tag' as const] : []), ...(push.branches ? ['branch' as const] : [])]
        : refKinds(t),
    ),
  );
  const refs = whens.flatMap((w) => (w.when.ref ? [{ patterns: w.when.ref, path: [...w.path, 'ref'] }] : []));
  const checks = refs.length ? refs : [{ patterns: ['refs/heads/<default branch>'], path: g.path }];
  for (const r of checks) {
    const reaches = (p: string) => {
      const k = patternKind(p);
      return k === undefined || kinds.has(k) || (k === 'branch' && kinds.has('queue') && mayMatchQueue(p));
    };
    if (r.patterns.some(reaches)) continue;
    out.push({
      subject: 'ref',
      path: r.path,
      message: `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}${refs.length ? '' : ' (no when.ref)'}, but ${runsOn} only on ${triggers.join(', ')}, whose refs are ${[...kinds].map((k) => (k === 'pull' ? 'refs/pull/N/merge' : k === 'tag' ? 'tags' : k === 'queue' ? `merge queue refs (${QUEUE_PREFIX}<base>/pr-<N>-<sha>)` : 'branches')).join(', ')}. Fix: set when.ref to refs the triggers produce, or change the workflow's triggers`,
    });
  }
  if (out.length) return out;
  // Events that always run at the default branch (schedule, issue_comment, workflow_run …): with its
  // name in the manifest, a `when.ref` that cannot match it is refused on every such run (session 21;
  // the broker matches the token's ref, `refs/heads/<default branch>`, against the patterns).
  if (defaultBranch !== undefined && triggers.every((t) => DEFAULT_BRANCH_EVENTS.includes(t))) {
    const ref = `refs/heads/${defaultBranch}`;
    for (const r of refs) {
      if (matchesAny(ref, r.patterns)) continue;
      out.push({
        subject: 'ref',
        path: r.path,
        message: `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}, but ${runsOn} only on ${triggers.join(', ')}, which run at the default branch (${ref}, repository.default-branch): it can never be claimed. Fix: add ${ref} to when.ref, or run the step on a trigger that runs at the refs named`,
      });
    }
  }
  return out;
}
