/**
 * The repository facts the gate relies on (id, owner id, full name, default branch) come from the
 * API; every other source that states them — the runner's environment, the event payload at
 * GITHUB_EVENT_PATH, the job's OIDC token, the manifest's `repository:` block — must agree, or the
 * gate refuses to judge. Pure.
 */
import type { RepositoryFacts } from './github-source.js';

export interface ClaimedFacts {
  /** Where the claim comes from, for the message. */
  readonly source: string;
  readonly id?: unknown;
  readonly ownerId?: unknown;
  readonly fullName?: unknown;
  readonly defaultBranch?: unknown;
}

/** Each disagreement with the API, as one phrase; empty when every stated fact agrees. */
export function factConflicts(api: RepositoryFacts, claims: readonly ClaimedFacts[]): string[] {
  const out: string[] = [];
  const given = (v: unknown) => v !== undefined && v !== null && v !== '';
  for (const c of claims) {
    if (given(c.id) && String(c.id) !== String(api.id))
      out.push(`${c.source} says repository id ${String(c.id)}, the API says ${api.id}`);
    if (given(c.ownerId) && String(c.ownerId) !== String(api.ownerId))
      out.push(`${c.source} says owner id ${String(c.ownerId)}, the API says ${api.ownerId}`);
    if (given(c.fullName) && String(c.fullName).toLowerCase() !== api.fullName.toLowerCase())
      out.push(`${c.source} says repository ${String(c.fullName)}, the API says ${api.fullName}`);
    if (given(c.defaultBranch) && String(c.defaultBranch) !== api.defaultBranch)
      out.push(
        `${c.source} says default branch '${String(c.defaultBranch)}', the API says '${api.defaultBranch}'`,
      );
  }
  return out;
}

/**
 * Whether `ref` names code the change under test controls rather than the default branch: the run's
 * branch (short, `heads/…` or full), any pull request ref (`refs/pull/N/merge|head`, short or full:
 * every pull request's author writes them), or one of the run's commits. Reading the manifest there
 * lets the change widen its own gate.
 */
export function isOwnRef(
  ref: string,
  run: {
    readonly defaultBranch: string;
    readonly refs: readonly (string | undefined)[];
    readonly shas: readonly (string | undefined)[];
  },
): boolean {
  const norm = (r: string) => r.replace(/^refs\//, '').replace(/^heads\//, '');
  const target = norm(ref.trim());
  if (target === run.defaultBranch) return false;
  // Any pull request's refs, not only this run's: whoever opens a pull request (from a fork too)
  // writes its `refs/pull/N/head`, so `manifest-ref: refs/pull/999/head` read a manifest the author
  // of pull request 999 wrote (session 8).
  if (/^pull\/[^/]+\/(?:merge|head)$/i.test(target)) return true;
  const own = new Set<string>();
  for (const r of run.refs) {
    if (!r) continue;
    own.add(norm(r));
    // refs/pull/7/merge and refs/pull/7/head are the same pull request's code.
    const pr = /^pull\/(\d+)\/(?:merge|head)$/.exec(norm(r));
    if (pr) for (const k of ['merge', 'head']) own.add(`pull/${pr[1]}/${k}`);
  }
  if (own.has(target)) return true;
  const lower = target.toLowerCase();
  return run.shas.some((s) => !!s && s.length >= 7 && lower.length >= 7 && s.toLowerCase().startsWith(lower));
}
