/**
 * The diff of two repository states, with what could not be judged said out loud: a head workflow
 * that does not parse, is too large, is a symbolic link or lies beyond the file limit, and an invalid
 * head manifest, are `cannot-judge` entries — never dropped, never read as "removed" or "narrowed".
 * Pure over states read by source.ts (directories, git) or github-source.ts (the API).
 */
import { MANIFEST_PATH } from '../manifest/schema.js';
import { diffSnapshots, type Change } from './diff.js';
import { orgPolicyChanges } from './policy.js';
import { snapshot } from './snapshot.js';
import type { RepoState } from './source.js';
import { effectivePolicy } from '../manifest/effective-policy.js';
import type { Manifest } from '../manifest/schema.js';
import { changedGateFiles, localGates } from './local-gate.js';
import { ownAction } from '../workflow/own-action.js';

export interface DiffResult {
  readonly changes: Change[];
  /** The head manifest (or organization policy) is invalid or unreadable: the whole diff is in doubt. */
  readonly invalidHead: boolean;
}

const cannotJudge = (file: string, line: number, reason: string, kind: Change['kind']): Change => ({
  workflow: file,
  job: null,
  kind,
  subject: file,
  before: null,
  after: `cannot judge: ${reason}`,
  effect: 'cannot-judge',
  file,
  line,
});

export function diffStates(base: RepoState, head: RepoState, manifestFile = MANIFEST_PATH): DiffResult {
  const out: Change[] = [];
  let invalidHead = false;
  // An invalid head manifest says nothing about what the head grants: its grants are neither
  // "removed" nor "narrowed". The workflows are still compared (under the permissive repository
  // default, the wider reading).
  const headManifest = head.manifestError ? undefined : head.manifest;
  if (head.manifestError) {
    invalidHead = true;
    out.push(cannotJudge(manifestFile, head.manifestErrorLine ?? 1, head.manifestError, 'manifest'));
  }
  const changes = diffSnapshots(
    snapshot(base.workflows, base.manifest, base.manifestLineOf, base.orgPolicy?.value, base.filesDigest),
    snapshot(head.workflows, headManifest, head.manifestLineOf, head.orgPolicy?.value, head.filesDigest),
    manifestFile,
  );
  out.push(...localGateChanges(base, head, headManifest));
  const manifestKinds: readonly Change['kind'][] = ['manifest', 'credential', 'policy'];
  out.push(...changes.filter((c) => !(head.manifestError && manifestKinds.includes(c.kind))));
  if (head.orgPolicy || base.orgPolicy) {
    const file = head.orgPolicy?.file ?? base.orgPolicy!.file;
    if (head.orgPolicy?.error) {
      invalidHead = true;
      out.push(cannotJudge(file, head.orgPolicy.error.line, head.orgPolicy.error.message, 'policy'));
    } else {
      out.push(
        ...orgPolicyChanges(
          base.orgPolicy?.error ? undefined : base.orgPolicy?.value,
          head.orgPolicy?.value,
          file,
          head.orgPolicy?.lineOf ?? (() => 1),
        ),
      );
    }
  }
  const order = { 'cannot-judge': 0, widened: 1, narrowed: 2 } as const;
  return { changes: out.sort((p, q) => order[p.effect] - order[q.effect]), invalidHead };
}

/** `--fail-on widened`: a widening, or anything that could not be judged. */
export function failsOnWidened(changes: readonly Change[]): boolean {
  return changes.some((c) => c.effect === 'widened' || c.effect === 'cannot-judge');
}

/**
 * A gate the repository carries whose files the pull request changed (local-gate.ts): widened, naming
 * them; "cannot judge" when a side could not list them. Not under `enforce-repositories` pins (there a
 * local gate is no gate, and the check says so).
 */
function localGateChanges(base: RepoState, head: RepoState, headManifest: Manifest | undefined): Change[] {
  if (headManifest && effectivePolicy(headManifest, head.orgPolicy?.value).enforceRepositories.length)
    return [];
  const out: Change[] = [];
  for (const [root, at] of localGates(head.workflows)) {
    const workflow = head.workflows.find((w) => w.path === at.file)?.file ?? at.file;
    const error = head.gateFilesError ?? base.gateFilesError;
    if (error) {
      out.push({ ...cannotJudge(at.file, at.line, error, 'job'), workflow });
      continue;
    }
    if (!head.gateFiles || !base.gateFiles) continue;
    const changed = changedGateFiles(base.gateFiles, head.gateFiles, root);
    if (!changed.length) continue;
    const shown =
      changed.slice(0, 10).join(', ') + (changed.length > 10 ? ` and ${changed.length - 10} more` : '');
    out.push({
      workflow,
      job: null,
      kind: 'job',
      subject: 'actions/enforce gate',
      before: 'as in the base',
      after: `the ${ownAction(at.uses) === 'audit' ? 'audit step' : 'gate'} this repository carries (${at.uses}) runs changed files: ${shown}`,
      effect: 'widened',
      file: at.file,
      line: at.line,
    });
  }
  return out;
}
