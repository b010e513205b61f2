/**
 * The oracle of the differential tests: the real broker decision (shared/broker/decide.ts) under the
 * base and the head, over claim sets and every request of the pools, against the real diff.
 */
import { decide, type Decision, type ExchangeRequest } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadManifest, loadOrgPolicy, type LoadedManifest, type Loaded } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import type { OrgPolicy } from '../../shared/manifest/schema.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { diffStates } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import type { Change } from '../../shared/diff/diff.js';
import { AUDIENCES, JOBS, REQUEST_SCOPES, STEPS } from './agree-s7-gen.js';

const FILE = '.github/access-manifest.yml';
const ORG_FILE = 'org-policy.yml';

function loaded<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (err) {
    if (err instanceof ManifestError) return undefined;
    throw err;
  }
}

export interface Side {
  readonly manifestText: string;
  readonly orgText: string | undefined;
}

export function state(side: Side, withOrg: boolean): RepoState {
  return {
    label: 'x',
    workflows: [],
    ...manifestOf(side.manifestText, 'x'),
    ...(withOrg ? { orgPolicy: orgPolicyOf(side.orgText, ORG_FILE) } : {}),
  };
}

export type Ctx = { defaultBranch?: string; callerJob?: { job: string } | { unverified: string } };

function tryDecide(
  manifest: LoadedManifest,
  org: Loaded<OrgPolicy> | undefined,
  claims: Record<string, unknown>,
  request: ExchangeRequest,
  ctx: Ctx,
): Decision | BrokerRefusal {
  try {
    return decide({
      claims: claims as unknown as GithubOidcClaims,
      request,
      manifest,
      ...(org ? { org } : {}),
      ...(ctx.defaultBranch !== undefined ? { defaultBranch: ctx.defaultBranch } : {}),
      ...(ctx.callerJob !== undefined ? { callerJob: ctx.callerJob } : {}),
    });
  } catch (err) {
    if (err instanceof BrokerRefusal) return err;
    throw err;
  }
}

const rank = (l: string | undefined) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);

/** Why `head` grants more than `base`, or undefined when it does not. */
export function widerThan(head: Decision, base: Decision | BrokerRefusal): string | undefined {
  if (base instanceof BrokerRefusal) return `base refuses (${base.code}: ${base.message})`;
  if (head.kind !== base.kind) return `kind ${base.kind} -> ${head.kind}`;
  if (head.ttl > base.ttl) return `ttl ${base.ttl} -> ${head.ttl}`;
  if (head.uses > base.uses) return `uses ${base.uses} -> ${head.uses}`;
  if (head.kind === 'github' && base.kind === 'github') {
    for (const [p, l] of Object.entries(head.permissions))
      if (rank(l) > rank(base.permissions[p])) return `${p}: ${base.permissions[p] ?? 'none'} -> ${l}`;
    const extra = head.repositories.filter((r) => !base.repositories.includes(r));
    if (extra.length) return `repositories + ${extra.join(',')}`;
  }
  if (head.kind === 'jwt' && base.kind === 'jwt') {
    if (head.audience !== base.audience) return `audience ${base.audience} -> ${head.audience}`;
    const have = base.scope.split(' ').filter(Boolean);
    const extra = head.scope
      .split(' ')
      .filter(Boolean)
      .filter((s) => !have.includes(s));
    if (extra.length) return `scope + ${extra.join(' ')}`;
  }
  return undefined;
}

const requests: ExchangeRequest[] = JOBS.flatMap((job) =>
  STEPS.flatMap((step) =>
    AUDIENCES.flatMap((audience) =>
      REQUEST_SCOPES[audience === 'github' ? 'github' : 'service']!.map((scope) => ({
        audience,
        scope,
        job,
        step,
      })),
    ),
  ),
);

/**
 * Every head grant (over the claim sets and every request of the pools) that the base does not
 * grant as widely, with why; at most a few.
 */
export function hiddenWidenings(
  base: Side,
  head: Side,
  withOrg: boolean,
  runs: readonly { claims: Record<string, unknown>; ctx: Ctx }[],
): { changes: Change[]; invalidHead: boolean; found: string[]; granted: number } | undefined {
  const bm = loaded(() => loadManifest(base.manifestText, FILE));
  const hm = loaded(() => loadManifest(head.manifestText, FILE));
  const bo = base.orgText === undefined ? undefined : loaded(() => loadOrgPolicy(base.orgText!, ORG_FILE));
  const ho = head.orgText === undefined ? undefined : loaded(() => loadOrgPolicy(head.orgText!, ORG_FILE));
  if (!bm || (base.orgText !== undefined && !bo)) return undefined;
  const { changes, invalidHead } = diffStates(state(base, withOrg), state(head, withOrg));
  const found: string[] = [];
  let granted = 0;
  if (!hm || (head.orgText !== undefined && !ho)) return { changes, invalidHead, found, granted };
  for (const { claims, ctx } of runs)
    for (const request of requests) {
      const h = tryDecide(hm, ho, claims, request, ctx);
      if (h instanceof BrokerRefusal) continue;
      granted++;
      let b = tryDecide(bm, bo, claims, request, ctx);
      // The measure is what a token can carry, not how it was asked for: an empty scope asks for the
      // whole grant, which the base may refuse as a whole (an organization permission without consent)
      // while issuing exactly what the head issued when asked for it by name.
      if (b instanceof BrokerRefusal) b = tryDecide(bm, bo, claims, { ...request, scope: h.scope }, ctx);
      const why = widerThan(h, b);
      if (why && found.length < 3)
        found.push(
          `${request.job}/${request.step}@${request.audience} scope '${request.scope}': ${why}; claims ${JSON.stringify(claims)} ctx ${JSON.stringify(ctx)}`,
        );
    }
  return { changes, invalidHead, found, granted };
}
