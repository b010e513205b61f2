import { matchesAny } from '../../conditions/glob.js';
import { OUTSIDE_EVENTS } from '../../conditions/ref.js';
import { credentialGrantPaths } from '../../conditions/grants.js';
import type { When } from '../../manifest/schema.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

/** Which kinds of `ref` a run of an event carries (GitHub: events that trigger workflows). */
type RefKind = 'branch' | 'tag' | 'pull';
function refKinds(event: string): RefKind[] {
  if (event === 'pull_request') return ['pull'];
  if (event === 'release') return ['tag'];
  if (event === 'push' || event === 'create' || event === 'delete' || event === 'workflow_dispatch')
    return ['branch', 'tag'];
  // schedule, issues, pull_request_target, workflow_run, merge_group …: a branch.
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

**Fix:** align \`when.event\` / \`when.ref\` with the workflow's \`on:\` (a grant without \`when.ref\` is claimable only from the
default branch; \`pull_request\` runs carry \`refs/pull/N/merge\`; a grant without \`when.event\` is not claimable on events
triggered from outside the repository, such as \`pull_request_target\`, \`issue_comment\` and \`workflow_run\`), or remove the grant.`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const m = ctx.manifest;
    const models = new Map(ctx.workflows.map((w) => [w.file, w]));
    for (const g of credentialGrantPaths(m.manifest)) {
      const model = models.get(g.workflow);
      if (!model || model.error) continue;
      let triggers = [...new Set(model.triggers.map((t) => t.value))];
      // A reusable workflow runs with its caller's event and ref; nothing to judge here.
      if (triggers.length === 0 || triggers.includes('workflow_call')) continue;
      const whens: { when: When; path: (string | number)[] }[] = [];
      if (g.jobWhen) whens.push({ when: g.jobWhen, path: [...g.jobPath, 'when'] });
      if (g.grant.when) whens.push({ when: g.grant.when, path: [...g.path, 'when'] });
      const report = (subject: string, path: (string | number)[], message: string) =>
        out.push(
          finding(this.meta, {
            workflow: g.workflow,
            job: g.job,
            subject,
            file: m.file,
            line: m.lineOf(path),
            message,
          }),
        );
      let impossible = false;
      for (const w of whens) {
        if (!w.when.event) continue;
        const narrowed = triggers.filter((t) => matchesAny(t, w.when.event!));
        if (narrowed.length === 0) {
          report(
            'event',
            [...w.path, 'event'],
            `credential for step '${g.grant.step}' requires event ${w.when.event.join(', ')}, but ${g.workflow} runs on ${triggers.join(', ')}: it can never be claimed. Fix: list one of the workflow's triggers in when.event`,
          );
          impossible = true;
        }
        triggers = narrowed;
      }
      if (impossible) continue;
      // The broker's default (shared/conditions/evaluate.ts): an event people outside the repository
      // trigger claims a grant only when a `when.event` names it (session 17).
      if (!whens.some((w) => w.when.event) && triggers.every((t) => OUTSIDE_EVENTS.includes(t))) {
        report(
          'event',
          g.path,
          `credential for step '${g.grant.step}' has no when.event, so the broker refuses it on events triggered from outside the repository (a fork's pull request, a comment, a later workflow run), and ${g.workflow} runs only on ${triggers.join(', ')}: it can never be claimed. Fix: name the event in the grant's (or job's) when.event once the step is safe on input from outside, or run the step on another trigger`,
        );
        continue;
      }
      const push = model.pushFilters;
      const kinds = new Set(
        triggers.flatMap((t) =>
          t === 'push' && push && (push.tags || push.branches)
            ? // `push: { tags: … }` alone runs on tags only, `branches:` alone on branches only.
              [...(push.tags ? ['tag' as const] : []), ...(push.branches ? ['branch' as const] : [])]
            : refKinds(t),
        ),
      );
      const refs = whens.flatMap((w) =>
        w.when.ref ? [{ patterns: w.when.ref, path: [...w.path, 'ref'] }] : [],
      );
      const checks = refs.length ? refs : [{ patterns: ['refs/heads/<default branch>'], path: g.path }];
      for (const r of checks) {
        const ks = r.patterns.map(patternKind);
        if (ks.some((k) => k === undefined || kinds.has(k))) continue;
        report(
          'ref',
          r.path,
          `credential for step '${g.grant.step}' is claimable only from ${r.patterns.join(', ')}${refs.length ? '' : ' (no when.ref)'}, but ${g.workflow} runs only on ${triggers.join(', ')}, whose refs are ${[...kinds].map((k) => (k === 'pull' ? 'refs/pull/N/merge' : k === 'tag' ? 'tags' : 'branches')).join(', ')}. Fix: set when.ref to refs the triggers produce, or change the workflow's triggers`,
        );
      }
    }
    return out;
  },
};
