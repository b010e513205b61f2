/**
 * stepwarden's own composite actions (`actions/run`, `actions/exchange`, `actions/enforce`,
 * `actions/audit`, …) recognized in a `uses:` value, one way for every rule and for the access diff.
 * Before this module four recognizers differed in the local spellings they took, so a step could be a
 * credential step to one rule and not to another.
 *
 * Spellings (after `canonicalUses`, so `$/actions/run`, `./actions/../actions/run` and
 * `OWNER/stepwarden/actions//run@REF` are the same step):
 * - `OWNER/stepwarden/actions/NAME@REF`: any owner, so forks and mirrors that keep the name count;
 * - `./actions/NAME`, or a checkout of stepwarden inside the repository, `./PATH/stepwarden/actions/NAME`.
 * Names compare case-insensitively, as GitHub resolves them.
 *
 * With pinned repositories (`enforce-repositories` of the manifest and of the organization, each
 * list that is set), only `OWNER/REPO/actions/NAME@REF` of a repository in every list is stepwarden's:
 * a local path, which a pull request can write itself, then is not. Callers that recognize a step to
 * hold it to *more* rules (a credential step) ignore the pins; callers that exempt or trust a step
 * (the gate, the audit step's exemption) pass them.
 */
import { canonicalUses } from './uses.js';

const REMOTE = /^([^/\s@]+)\/([^/\s@]+)\/actions\/([^/\s@]+)\/?@[^@\s]+$/i;
const LOCAL = /^\.\/(?:(?:[^@]*\/)?stepwarden\/)?actions\/([^/\s@]+)\/?$/i;

const UNPINNED_MAX = 4096;
/** `uses` -> ownAction's unpinned answer ('' for none). */
const unpinned = new Map<string, string>();

/**
 * The action's folder name (lower case) when `uses` is one of stepwarden's actions, else undefined.
 * `pinned`: the lists of repositories (`owner/repo`) that alone may provide it; none means any
 * spelling above.
 */
export function ownAction(
  uses: string | undefined,
  pinned: readonly (readonly string[])[] = [],
): string | undefined {
  if (!uses) return undefined;
  if (pinned.length === 0) {
    // Several rules ask this of every step of every job, and a repository repeats a few hundred
    // spellings thousands of times: the unpinned answer depends on the text alone. Bounded, as a
    // long-running process (the broker) sees spellings from many repositories.
    const known = unpinned.get(uses);
    if (known !== undefined) return known || undefined;
    const name = recognize(uses, pinned);
    if (unpinned.size >= UNPINNED_MAX) unpinned.clear();
    unpinned.set(uses, name ?? '');
    return name;
  }
  return recognize(uses, pinned);
}

function recognize(uses: string, pinned: readonly (readonly string[])[]): string | undefined {
  const canonical = canonicalUses(uses);
  const remote = REMOTE.exec(canonical);
  if (pinned.length > 0) {
    if (!remote) return undefined;
    const repo = `${remote[1]}/${remote[2]}`.toLowerCase();
    return pinned.every((list) => list.some((r) => r.toLowerCase() === repo))
      ? remote[3]!.toLowerCase()
      : undefined;
  }
  if (remote) return remote[2]!.toLowerCase() === 'stepwarden' ? remote[3]!.toLowerCase() : undefined;
  return LOCAL.exec(canonical)?.[1]!.toLowerCase();
}

/** stepwarden's actions that post a fresh OIDC token of the job to `broker-url`. */
export const TOKEN_SENDERS: ReadonlySet<string> = new Set(['run', 'exchange', 'audit']);

/**
 * This repository's credential actions (`actions/run`, `actions/exchange`). Pins are not applied: a
 * step that may ask the broker for a credential is held to the manifest whoever provides it.
 */
export function credentialAction(uses: string): 'run' | 'exchange' | undefined {
  const name = ownAction(uses);
  return name === 'run' || name === 'exchange' ? name : undefined;
}

/**
 * What `actions/run` and `actions/exchange` say when their `step` input (default `github.action`, the
 * id of the step using them) cannot name a grant: empty, or a name the runner generates for a step
 * without an id (`__owner_repo`, `__run`, `__run_2`, and `run` itself). The action stops with it
 * before asking the broker; the check reports the same names (one rule for both faces).
 */
export const UNNAMED_STEP =
  "cannot tell which step this is: give the step an 'id:' (it must match 'step:' of the credential grant in the manifest), or set the 'step' input";

/** Whether the credential actions refuse `step` (already trimmed, as `getInput` trims) as a grant's step name. */
export function unnamedStep(step: string): boolean {
  return !step || step.startsWith('__') || step === 'run' || /^__run(_\d+)?$/.test(step);
}
