/**
 * Differential property: the access diff never hides a widening the broker would honour. For a base
 * manifest (and organization policy) and a random mutation of it, when the diff reports nothing
 * `widened` and nothing it cannot judge, every request the broker (shared/broker/decide.ts, the real
 * decision) grants under the head it also grants under the base, with the same or fewer permissions,
 * repositories, scopes, lifetime and uses.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide, type Decision, type ExchangeRequest } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { loadManifest, loadOrgPolicy, type LoadedManifest, type Loaded } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import type { OrgPolicy } from '../../shared/manifest/schema.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, orgPolicyOf, type RepoState } from '../../shared/diff/source.js';
import type { Change } from '../../shared/diff/diff.js';
import {
  AUDIENCES,
  JOBS,
  REQUEST_SCOPES,
  STEPS,
  claimsArb,
  contextArb,
  manifestPair,
  opt,
  orgPolicyPair,
  toYaml,
} from './agree-s7-gen.js';

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

interface Side {
  readonly manifestText: string;
  readonly orgText: string | undefined;
}

function state(side: Side, withOrg: boolean): RepoState {
  return {
    label: 'x',
    workflows: [],
    ...manifestOf(side.manifestText, 'x'),
    ...(withOrg ? { orgPolicy: orgPolicyOf(side.orgText, ORG_FILE) } : {}),
  };
}

type Ctx = { defaultBranch?: string; callerJob?: { job: string } | { unverified: string } };

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
      const why = widerThan(h, tryDecide(bm, bo, claims, request, ctx));
      if (why && found.length < 3)
        found.push(
          `${request.job}/${request.step}@${request.audience} scope '${request.scope}': ${why}; claims ${JSON.stringify(claims)} ctx ${JSON.stringify(ctx)}`,
        );
    }
  return { changes, invalidHead, found, granted };
}

const scenario = fc.record({
  manifest: manifestPair,
  org: opt(orgPolicyPair, 2),
  runs: fc.array(fc.record({ claims: claimsArb, ctx: contextArb }), { minLength: 8, maxLength: 16 }),
});

const NUM_RUNS = Number(process.env.AGREE_S7_RUNS ?? 300);

describe('the access diff agrees with the broker (differential, session 7)', () => {
  it('no widened (or unjudged) change => the head grants nothing the base does not', () => {
    let judged = 0;
    let quiet = 0;
    let grantedQuiet = 0;
    let grantedAny = 0;
    fc.assert(
      fc.property(scenario, ({ manifest, org, runs }) => {
        const [mb, mh] = manifest;
        const [ob, oh] = org;
        const withOrg = ob !== undefined || oh !== undefined;
        const base: Side = { manifestText: toYaml(mb), orgText: ob === undefined ? undefined : toYaml(ob) };
        const head: Side = { manifestText: toYaml(mh), orgText: oh === undefined ? undefined : toYaml(oh) };
        const r = hiddenWidenings(base, head, withOrg, runs);
        if (!r) return true;
        judged++;
        if (r.granted) grantedAny++;
        if (failsOnWidened(r.changes)) return true;
        quiet++;
        if (r.granted) grantedQuiet++;
        if (r.found.length)
          throw new Error(
            `the diff reported no widening (${r.changes.map((c) => `${c.effect} ${c.subject}`).join('; ') || 'no changes'}) but the head grants more:\n${r.found.join('\n')}\n--- base manifest\n${base.manifestText}--- head manifest\n${head.manifestText}${withOrg ? `--- base org\n${base.orgText ?? '(none)\n'}--- head org\n${head.orgText ?? '(none)\n'}` : ''}`,
          );
        return true;
      }),
      { numRuns: NUM_RUNS },
    );
    if (process.env.AGREE_S7_STATS) console.log({ judged, quiet, grantedQuiet, grantedAny });
    // The property must not hold vacuously: some pairs are quiet and still grant under the head.
    expect(judged).toBeGreaterThan(NUM_RUNS / 2);
    expect(grantedQuiet).toBeGreaterThan(0);
  });
});
