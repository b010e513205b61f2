/**
 * What a responder types at /admin/revoke and /admin/unblock, read the way the kill switch matches,
 * pure. A selector that can match nothing must not answer `blocked: true`: the responder would believe
 * the incident contained. The workflow is the file name the manifest lists (`release.yml`), so the
 * path a responder copies from GitHub (`.github/workflows/release.yml`) is read as that file name; a
 * repository is OWNER/NAME; anything else is refused with the fix.
 */
import { shown } from '../conditions/verdict.js';
import { NUMERIC_ID } from '../oidc/claims.js';
import { BrokerRefusal } from './errors.js';
import { blockOfRepositoryId, repositoryIdOfBlock } from './state/store.js';

export interface KillSwitchTarget {
  readonly repository?: string;
  /** GITHUB_REPOSITORY_ID: blocks the repository whatever it is renamed to (read as `#ID`). */
  readonly repository_id?: string;
  readonly workflow?: string;
  readonly run_id?: string;
}

const refuse = (what: string) => new BrokerRefusal('invalid_request', 'ERR_PARAM_INVALID', what);
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

export function killSwitchTarget(t: KillSwitchTarget): KillSwitchTarget {
  const out: { repository?: string; workflow?: string; run_id?: string } = {};
  if (t.repository !== undefined) {
    if (!/^[^/\s]+\/[^/\s]+$/.test(t.repository) || CONTROL.test(t.repository))
      throw refuse(
        `repository "${shown(t.repository)}" is not OWNER/NAME (e.g. octo-org/octo-repo); the kill switch blocks one repository, named as GitHub names it`,
      );
    out.repository = t.repository;
  }
  if (t.repository_id !== undefined) {
    if (t.repository !== undefined)
      throw refuse('give repository or repository_id, not both (one repository per block)');
    if (!NUMERIC_ID.test(t.repository_id))
      throw refuse(
        `repository_id "${shown(t.repository_id.slice(0, 80))}" is not a repository id (GITHUB_REPOSITORY_ID, e.g. 100001)`,
      );
    out.repository = blockOfRepositoryId(t.repository_id);
  }
  if (t.workflow !== undefined) {
    const file = t.workflow.replace(/^(?:\.\/)?\.github\/workflows\//, '');
    if (!/^[^/\\\s@]+\.ya?ml$/.test(file) || CONTROL.test(file))
      throw refuse(
        `workflow "${shown(t.workflow.slice(0, 200))}" is not a workflow file name; give the file name the manifest lists under workflows: (e.g. release.yml)`,
      );
    out.workflow = file;
  }
  if (t.run_id !== undefined) {
    // A verified token's run_id is NUMERIC_ID's shape: a block of another shape would match nothing.
    if (!NUMERIC_ID.test(t.run_id))
      throw refuse(
        `run_id "${shown(t.run_id.slice(0, 80))}" is not a run id (GITHUB_RUN_ID: decimal digits, no leading zero, e.g. 16208467394)`,
      );
    out.run_id = t.run_id;
  }
  return out;
}

/** The audit line's repository field of a selector: an id block names `repository_id`. */
export function auditRepositoryOf(repository: string | undefined): {
  repository?: string;
  repository_id?: string;
} {
  if (repository === undefined) return {};
  const id = repositoryIdOfBlock(repository);
  return id !== undefined ? { repository_id: id } : { repository };
}
