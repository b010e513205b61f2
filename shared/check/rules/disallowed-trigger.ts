import { EXPLICIT_ONLY_TRIGGERS, triggerAllowed } from '../../manifest/effective-policy.js';
import { finding, type Rule } from '../rule.js';
import { own } from '../../manifest/own.js';

export const disallowedTrigger: Rule = {
  meta: {
    id: 'disallowed-trigger',
    severity: 'error',
    title: 'Workflow runs on an event its manifest entry does not allow',
    summary: `An \`on:\` event the workflow's \`triggers\` does not allow (when absent: every event but ${EXPLICIT_ONLY_TRIGGERS.join(' and ')}), or one the organization forbids.`,
    help: `Triggers decide who can start a workflow and with what input. \`pull_request_target\` and \`workflow_run\` run with a
write token and secrets on behalf of untrusted pull requests, so they must be listed explicitly.

**Fix:** list the event under \`workflows.<file>.triggers\` in \`.github/access-manifest.yml\` (not possible for events the
organization policy forbids), or remove it from \`on:\`.`,
  },
  check(ctx) {
    return ctx.workflows.flatMap((wf) => {
      const entry = own(ctx.manifest.manifest.workflows, wf.file);
      return wf.triggers.flatMap((t) => {
        if (ctx.policy.forbiddenTriggers.includes(t.value)) {
          return [
            finding(this.meta, {
              workflow: wf.file,
              job: null,
              subject: t.value,
              file: wf.path,
              line: t.line,
              message: `workflow '${wf.file}' runs on '${t.value}', which the organization policy forbids`,
            }),
          ];
        }
        if (triggerAllowed(entry, t.value)) return [];
        const why = entry?.triggers
          ? `its manifest entry allows only: ${entry.triggers.join(', ') || '(none)'}`
          : `'${t.value}' must be listed under triggers in the manifest`;
        return [
          finding(this.meta, {
            workflow: wf.file,
            job: null,
            subject: t.value,
            file: wf.path,
            line: t.line,
            message: `workflow '${wf.file}' runs on '${t.value}'; ${why}`,
          }),
        ];
      });
    });
  },
};
