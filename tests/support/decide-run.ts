/**
 * The broker's answer (its pure `decide`) for one run of `release.yml`'s job `release`, step `publish`
 * (audience github, contents:read), of `event` at `ref` with the default branch `main`: `granted`, or
 * the refusal's code and message. The check's unreachable-condition tests ask it beside each finding.
 */
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { claimsFor, staticManifest } from '../../shared/check/rules/credential-step.js';
import { manifest as loadManifest } from './repo.js';

export function releaseRunAnswer(manifestText: string, event: string, ref: string): string {
  const loaded = loadManifest(manifestText);
  const claims = {
    ...claimsFor(staticManifest(loaded, undefined), 'release.yml', undefined, event),
    ref,
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    sub: `repo:o/r:ref:${ref}`,
    workflow_ref: `o/r/.github/workflows/release.yml@${ref}`,
    job_workflow_ref: `o/r/.github/workflows/release.yml@${ref}`,
  };
  try {
    decide({
      claims,
      defaultBranch: 'main',
      request: { step: 'publish', audience: 'github', scope: 'contents:read', job: 'release' },
      // The manifest as loaded: staticManifest lifts the grants' conditions, judged here.
      manifest: loaded,
    });
    return 'granted';
  } catch (err) {
    if (err instanceof BrokerRefusal) return `${err.code} ${err.message}`;
    throw err;
  }
}
