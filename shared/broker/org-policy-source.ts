/**
 * Where the broker reads the organization policy: a local file (one policy for every owner), each
 * owner's `OWNER/.github` repository (`stepwarden/org-policy.yml` on its default branch, read through
 * the GitHub App of the token's issuer like the manifests, manifest-source.ts), or both. With both,
 * both apply (decide.ts applies each policy on its own): the stricter wins on every point, and a
 * consent (reach beyond the repository) must be given by both.
 *
 * Failure modes, strict by default:
 * - cached by commit: the default branch's head is re-checked every `headTtlMs`;
 * - GitHub unavailable (5xx, network): the last policy read for that owner is served, marked stale;
 * - never read (no copy yet) while GitHub is unavailable: refused (ERR_ORG_POLICY_UNAVAILABLE);
 * - no `.github` repository, App not installed on it, or no policy file: refused
 *   (ERR_ORG_POLICY_MISSING): an operator who chose the GitHub source wants a policy for every owner,
 *   and deleting the file must not lift the organization's ceiling;
 * - an invalid policy: refused with file:line (ERR_ORG_POLICY_INVALID), never replaced by an older copy.
 */
import type { Loaded } from '../manifest/load.js';
import { loadOrgPolicy } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import type { OrgPolicy } from '../manifest/schema.js';
import { monotonicMs } from '../clock/steady.js';
import { BrokerRefusal, ownRefusal } from './errors.js';

// One name: reach.ts refuses a glob consent to it (a grant writing it could rewrite the policy).
export { ORG_POLICY_REPO } from '../conditions/reach.js';
import { ORG_POLICY_REPO } from '../conditions/reach.js';
export const ORG_POLICY_PATH = 'stepwarden/org-policy.yml';

export interface OrgPolicyResult {
  /** Every organization policy in force (none, the local file, OWNER/.github, or both); each applies. */
  readonly policies: readonly Loaded<OrgPolicy>[];
  /** Where they were read: `file`, `OWNER/.github@<commit>`, or both joined by `+`. */
  readonly from?: string;
  /** True when GitHub was unavailable and an earlier copy is served. */
  readonly stale?: boolean;
}

export interface OrgPolicySource {
  /**
   * The organization policies in force for repositories of `owner` on the GitHub that issued the
   * token (`issuer`: owner names are per GitHub, and each issuer has its own App), or a refusal.
   */
  get(owner: string, issuer?: string): Promise<OrgPolicyResult>;
  /** Drops the cached heads and policies of `owner` (of every owner without one); outage copies stay. */
  forget?(owner?: string): void;
  /** The same answer as get(), when reading it reaches no GitHub API (undefined otherwise). */
  cached?(owner: string, issuer?: string): Promise<OrgPolicyResult> | undefined;
}

/** What this source needs of GitHub (the GitHub App provider implements it). */
export interface OrgPolicyReader {
  defaultBranchHead(owner: string, repo: string): Promise<{ branch: string; sha: string }>;
  readFile(owner: string, repo: string, path: string, ref: string): Promise<string | undefined>;
}

/** No policy at all, or the same local file for every owner. */
export function staticOrgPolicy(policy?: Loaded<OrgPolicy>): OrgPolicySource {
  const result: OrgPolicyResult = policy ? { policies: [policy], from: 'file' } : { policies: [] };
  const get = async () => result;
  return { get, cached: get };
}

/** The local file and the owners' OWNER/.github policies together: both apply, the stricter wins. */
export function combinedOrgPolicy(local: Loaded<OrgPolicy>, github: OrgPolicySource): OrgPolicySource {
  const both = (remote: OrgPolicyResult): OrgPolicyResult => ({
    policies: [local, ...remote.policies],
    from: remote.from ? `file+${remote.from}` : 'file',
    ...(remote.stale ? { stale: true } : {}),
  });
  return {
    forget: (owner) => github.forget?.(owner),
    get: (owner, issuer) => github.get(owner, issuer).then(both),
    cached: (owner, issuer) => github.cached?.(owner, issuer)?.then(both),
  };
}

type Parsed = { policy: Loaded<OrgPolicy> } | { refusal: BrokerRefusal };

function parse(owner: string, text: string | undefined): Parsed {
  const label = `${owner}/${ORG_POLICY_REPO}:${ORG_POLICY_PATH}`;
  if (text === undefined)
    return {
      refusal: new BrokerRefusal(
        'invalid_target',
        'ERR_ORG_POLICY_MISSING',
        `${owner} has no organization policy (${label} on the default branch); add one, or configure org-policy as a local file`,
      ),
    };
  try {
    return { policy: loadOrgPolicy(text, label) };
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    const p = err.problems[0];
    return {
      refusal: new BrokerRefusal(
        'invalid_target',
        'ERR_ORG_POLICY_INVALID',
        `the organization policy is invalid: ${p ? `${p.file}:${p.line}: ${p.message}${p.fix ? ` (${p.fix})` : ''}` : err.message}`,
      ),
    };
  }
}

const unavailable = (err: unknown) =>
  err instanceof BrokerRefusal ? err.code === 'ERR_GITHUB_UNAVAILABLE' : !(err instanceof ManifestError);

/**
 * `readers`: one reader for every issuer, or the reader (GitHub App) of each issuer; an issuer
 * without one is refused (ERR_ORG_POLICY_MISSING), never answered with another GitHub's policy.
 */
export function githubOrgPolicySource(
  readers: OrgPolicyReader | ((issuer: string | undefined) => OrgPolicyReader | undefined),
  opts: { headTtlMs?: number; now?: () => number; maxOwners?: number } = {},
): OrgPolicySource {
  const readerOf = typeof readers === 'function' ? readers : () => readers;
  const ttl = opts.headTtlMs ?? 60_000;
  // Head ages on the monotonic clock: on the wall, a step back kept a narrowed policy's old head.
  const now = opts.now ?? monotonicMs;
  const max = opts.maxOwners ?? 10_000;
  const heads = new Map<string, { sha: string; until: number }>();
  const byCommit = new Map<string, Parsed>();
  /** The last good policy of each owner, for outages. */
  const lastGood = new Map<string, { policy: Loaded<OrgPolicy>; sha: string }>();
  const inflight = new Map<string, Promise<OrgPolicyResult>>();

  const answer = (owner: string, sha: string, parsed: Parsed, stale = false): OrgPolicyResult => {
    // The cached refusal is shared by every exchange of the owner: each gets its own (errors.ts).
    if ('refusal' in parsed) throw ownRefusal(parsed.refusal);
    return {
      policies: [parsed.policy],
      from: `${owner}/${ORG_POLICY_REPO}@${sha}`,
      ...(stale ? { stale } : {}),
    };
  };

  const refresh = async (owner: string, key: string, reader: OrgPolicyReader): Promise<OrgPolicyResult> => {
    let sha: string;
    let parsed: Parsed | undefined;
    try {
      sha = (await reader.defaultBranchHead(owner, ORG_POLICY_REPO)).sha;
      parsed = byCommit.get(`${key}@${sha}`);
      if (!parsed) {
        parsed = parse(owner, await reader.readFile(owner, ORG_POLICY_REPO, ORG_POLICY_PATH, sha));
        if (byCommit.size >= max) byCommit.delete(byCommit.keys().next().value!);
        byCommit.set(`${key}@${sha}`, parsed);
      }
    } catch (err) {
      if (unavailable(err)) {
        const good = lastGood.get(key);
        if (good) return answer(owner, good.sha, { policy: good.policy }, true);
        throw new BrokerRefusal(
          'temporarily_unavailable',
          'ERR_ORG_POLICY_UNAVAILABLE',
          `the organization policy of ${owner} has never been read and GitHub is unavailable (${(err as Error).message}); refused until it can be read`,
          503,
        );
      }
      // GitHub answered (404: no .github repository, or the App is not installed on it).
      parsed = {
        refusal: new BrokerRefusal(
          'invalid_target',
          'ERR_ORG_POLICY_MISSING',
          `cannot read ${owner}/${ORG_POLICY_REPO}:${ORG_POLICY_PATH}: ${(err as Error).message}; install the GitHub App on ${owner}/${ORG_POLICY_REPO} and add the policy`,
        ),
      };
      heads.set(key, { sha: '', until: now() + ttl });
      byCommit.set(`${key}@`, parsed);
      lastGood.delete(key);
      throw parsed.refusal;
    }
    heads.set(key, { sha, until: now() + ttl });
    if ('policy' in parsed) lastGood.set(key, { policy: parsed.policy, sha });
    else lastGood.delete(key);
    return answer(owner, sha, parsed);
  };

  /** The answer of a head still fresh and its policy read (no GitHub call), as a thunk; else undefined. */
  const fresh = (owner: string, issuer: string | undefined) => {
    if (!readerOf(issuer)) return undefined;
    const key = `${issuer ?? ''}\n${owner.toLowerCase()}`;
    const head = heads.get(key);
    if (!head || head.until <= now()) return undefined;
    const parsed = byCommit.get(`${key}@${head.sha}`);
    return parsed ? () => answer(owner, head.sha, parsed) : undefined;
  };

  return {
    forget(owner) {
      // Keys are `issuer\nowner`: every issuer's copy of that owner.
      const of = (k: string) => k.slice(k.indexOf('\n') + 1).split('@')[0];
      const o = owner?.toLowerCase();
      for (const k of [...heads.keys()]) if (!o || of(k) === o) heads.delete(k);
      for (const k of [...byCommit.keys()]) if (!o || of(k) === o) byCommit.delete(k);
    },
    cached(owner, issuer) {
      const hit = fresh(owner, issuer);
      return hit ? Promise.resolve().then(hit) : undefined;
    },
    async get(owner, issuer) {
      const reader = readerOf(issuer);
      if (!reader)
        throw new BrokerRefusal(
          'invalid_target',
          'ERR_ORG_POLICY_MISSING',
          `the organization policy of ${owner} is read from GitHub, but issuer ${issuer ?? '(none)'} has no GitHub App to read ${owner}/${ORG_POLICY_REPO}:${ORG_POLICY_PATH}; give that issuer a github: block`,
        );
      // Owner names are per GitHub (github.com, a GHES server, a ghe.com tenant): keyed by issuer too.
      const key = `${issuer ?? ''}\n${owner.toLowerCase()}`;
      const hit = fresh(owner, issuer);
      if (hit) return hit();
      let p = inflight.get(key);
      if (!p) {
        p = refresh(owner, key, reader).finally(() => inflight.delete(key));
        inflight.set(key, p);
      }
      // One read for the exchanges that ask meanwhile: a refusal of each caller's own.
      return p.catch((err: unknown) => {
        throw ownRefusal(err);
      });
    },
  };
}
