/**
 * The policy a repository actually runs under: its manifest narrowed by the organization ceiling.
 * A repository manifest can only narrow the ceiling, never widen it. Pure.
 */
import { globMatch } from '../conditions/glob.js';
import { fromMap, type PermissionSet, type RepositoryDefault } from '../permissions/scopes.js';
import type { Manifest, ManifestWorkflow, OrgPolicy } from './schema.js';
import { localUses } from '../workflow/uses.js';

export interface EffectivePolicy {
  readonly repositoryDefault: RepositoryDefault;
  readonly requirePinnedActions: boolean;
  /** Each list must allow an action (manifest and org lists both apply). Empty: no allow-list. */
  readonly allowedActions: readonly (readonly string[])[];
  /** `require-enforce` of the manifest or the organization (a manifest cannot switch the org's off). */
  readonly requireEnforce: boolean;
  /** Each list must name the gate's repository (manifest and org `enforce-repositories`). Empty: any copy. */
  readonly enforceRepositories: readonly (readonly string[])[];
  readonly forbiddenTriggers: readonly string[];
  readonly maxPermissions?: PermissionSet;
  readonly maxCredentialPermissions?: Readonly<Record<string, string>>;
  readonly maxCredentialTtl?: number;
}

export function effectivePolicy(manifest: Manifest, org?: OrgPolicy): EffectivePolicy {
  const both = (m: string[] | undefined, o: string[] | undefined) =>
    [m, o].filter((l): l is string[] => l !== undefined);
  return {
    repositoryDefault: manifest.policy['repository-default-permissions'],
    requirePinnedActions:
      manifest.policy['require-pinned-actions'] || (org?.['require-pinned-actions'] ?? false),
    allowedActions: both(manifest.policy['allowed-actions'], org?.['allowed-actions']),
    requireEnforce: manifest.policy['require-enforce'] === true || org?.['require-enforce'] === true,
    enforceRepositories: both(manifest.policy['enforce-repositories'], org?.['enforce-repositories']),
    forbiddenTriggers: org?.['forbidden-triggers'] ?? [],
    ...(org?.['max-permissions'] ? { maxPermissions: fromMap(org['max-permissions']) } : {}),
    ...(org?.['max-credential-permissions']
      ? { maxCredentialPermissions: org['max-credential-permissions'] }
      : {}),
    ...(org?.['max-credential-ttl'] !== undefined ? { maxCredentialTtl: org['max-credential-ttl'] } : {}),
  };
}

/** Events that need an explicit listing: they run with write tokens and secrets on untrusted input. */
export const EXPLICIT_ONLY_TRIGGERS: readonly string[] = ['pull_request_target', 'workflow_run'];

/** Whether a workflow entry allows an event; without `triggers`, all but the explicit-only ones. */
export function triggerAllowed(entry: ManifestWorkflow | undefined, event: string): boolean {
  if (entry?.triggers) return entry.triggers.includes(event);
  return !EXPLICIT_ONLY_TRIGGERS.includes(event);
}

/** `owner/repo[/path]@ref` -> `owner/repo[/path]`; docker and local references are not matched. */
export function actionName(uses: string): string | undefined {
  if (localUses(uses) !== undefined || uses.startsWith('docker://')) return undefined;
  const at = uses.indexOf('@');
  return at > 0 ? uses.slice(0, at) : uses;
}

/**
 * Case-insensitive like GitHub's owner/repo names; `*` never crosses `/`, so `actions/*` does not admit
 * `actions/x/evil`'s owner. The condition globs' matcher (docs/manifest.md, "Glob patterns"): until
 * session 21 these went to picomatch with its defaults, where braces expanded and a leading `!`
 * negated (`!evil/*` admitted every other action), forms the docs list for no pattern.
 */
const matcher =
  (pattern: string) =>
  (s: string): boolean =>
    globMatch(pattern, s, { nocase: true });

/**
 * `docker://[registry/]path[:tag][@digest]` -> `docker://[registry/]path`, lowercased (image names
 * are); undefined for anything else.
 */
export function dockerImageName(uses: string): string | undefined {
  if (!uses.startsWith('docker://')) return undefined;
  let ref = uses.slice('docker://'.length);
  const at = ref.indexOf('@');
  if (at !== -1) ref = ref.slice(0, at);
  // A tag is a `:` after the last `/` (a `:` before it is a registry port).
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) ref = ref.slice(0, colon);
  return `docker://${ref.toLowerCase()}`;
}

/**
 * Whether a `uses:` reference is allowed by every list. A pattern matches the `owner/repo` part or the
 * whole `owner/repo/path` (so `github/codeql-action/*` admits `github/codeql-action/init`, and
 * `actions/checkout` admits only that repository — never `actions/checkout-evil`). A `docker://` image
 * runs code like an action does: once a list is set it needs a `docker://` pattern of that list
 * (`docker://ghcr.io/my-org/*`), matched against the image without its tag or digest. Local
 * references are this repository's own code and are not listed.
 */
export function actionAllowed(uses: string, lists: readonly (readonly string[])[]): boolean {
  if (lists.length === 0) return true;
  const image = dockerImageName(uses);
  if (image !== undefined)
    return lists.every((patterns) =>
      patterns.some((p) => p.toLowerCase().startsWith('docker://') && matcher(p)(image)),
    );
  const name = actionName(uses);
  if (name === undefined) return true;
  const repo = name.split('/').slice(0, 2).join('/');
  return lists.every((patterns) => patterns.some((p) => matcher(p)(repo) || matcher(p)(name)));
}
