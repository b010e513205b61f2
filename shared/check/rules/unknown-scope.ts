import { SCOPE_NAMES, isLevel, isScope, validLevels } from '../../permissions/scopes.js';
import { nearest } from '../../manifest/errors.js';
import type { PermissionsBlock, WorkflowModel } from '../../workflow/model.js';
import type { Finding } from '../finding.js';
import { finding, type Rule } from '../rule.js';

export const unknownScope: Rule = {
  meta: {
    id: 'unknown-scope',
    severity: 'error',
    title: 'Unknown GITHUB_TOKEN scope or level in a workflow',
    summary:
      "A `permissions:` key GitHub's workflow schema does not know, a level the scope does not accept, or a malformed block.",
    help: `GitHub rejects a workflow with an unknown scope, so the job would not run at all; a typo such as \`content: write\` is
also a sign the intended restriction is not in effect.

**Fix:** use a scope from the table in docs/permissions.md with a level it accepts (\`read\`, \`write\` or \`none\`).`,
  },
  check(ctx) {
    const out: Finding[] = [];
    const visit = (wf: WorkflowModel, block: PermissionsBlock | undefined, job: string | null) => {
      if (!block) return;
      if (block.invalid) {
        out.push(
          finding(this.meta, {
            workflow: wf.file,
            job,
            subject: 'permissions',
            file: wf.path,
            line: block.line,
            message: block.invalid,
          }),
        );
      }
      for (const e of block.entries) {
        if (!isScope(e.scope)) {
          const guess = nearest(e.scope, SCOPE_NAMES);
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job,
              subject: e.scope,
              file: wf.path,
              line: e.line,
              message: `unknown permission scope '${e.scope}'${guess ? ` (did you mean '${guess}'?)` : ''}`,
            }),
          );
        } else if (!isLevel(e.level) || !validLevels(e.scope).includes(e.level)) {
          out.push(
            finding(this.meta, {
              workflow: wf.file,
              job,
              subject: e.scope,
              file: wf.path,
              line: e.line,
              message: `'${e.scope}: ${e.level}' is not a valid level; '${e.scope}' accepts ${validLevels(e.scope).join(', ')}`,
            }),
          );
        }
      }
    };
    for (const wf of ctx.workflows) {
      visit(wf, wf.permissions, null);
      for (const j of wf.jobs) visit(wf, j.permissions, j.id);
    }
    return out;
  },
};
