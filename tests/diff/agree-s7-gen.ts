/**
 * Generators for the differential tests of the access diff against the broker (agree-s7-*.test.ts):
 * a base manifest (and organization policy) and a head that is a random mutation of it, built as one
 * pair per field so that most fields stay the same and some change, appear, disappear, are reordered
 * or renamed. Values come from small pools so that claims and requests actually hit grants.
 */
import fc from 'fast-check';
import { dump } from 'js-yaml';

export type Pair<T> = readonly [T, T];
export type PA<T> = fc.Arbitrary<Pair<T>>;

/**
 * How often a field changes, relative to staying the same: the generators are built twice, calm (a
 * few changes, so that many pairs are reported as not widened and the property bites) and wild.
 */
let CHANGE = 1;
let SAME = 10;

/** Same value on both sides (most of the time), or two independent values. */
export function leaf<T>(arb: fc.Arbitrary<T>, sameWeight = 6): PA<T> {
  return fc.oneof(
    { weight: sameWeight * SAME, arbitrary: arb.map((v) => [v, v] as const) },
    { weight: 2 * CHANGE, arbitrary: fc.tuple(arb, arb) },
  );
}

/** A list: the same, the same reordered, or another subset of the pool. */
export function listLeaf<T>(pool: readonly T[], minLength = 1): PA<T[]> {
  const arb = fc.subarray([...pool], { minLength, maxLength: Math.min(pool.length, 3) });
  return fc.oneof(
    { weight: 5 * SAME, arbitrary: arb.map((v) => [v, v] as const) },
    {
      weight: 10,
      arbitrary: arb.chain((v) =>
        fc.shuffledSubarray(v, { minLength: v.length, maxLength: v.length }).map((w) => [v, w] as const),
      ),
    },
    { weight: 2 * CHANGE, arbitrary: fc.tuple(arb, arb) },
  );
}

/** `arb` in `weight` of `weight + absentWeight` cases, else undefined. */
export function maybe<T>(arb: fc.Arbitrary<T>, weight = 1, absentWeight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight, arbitrary: arb }, { weight: absentWeight, arbitrary: fc.constant(undefined) });
}

/** Mostly `usual`, sometimes one of `others`. */
export function weighted<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 6, arbitrary: fc.constant(usual) }, fc.constantFrom(...others));
}

/** A field that may be absent on either side. */
export function opt<T>(p: PA<T>, presentWeight = 3, absentWeight = 3, oneSided = 1): PA<T | undefined> {
  return fc.oneof(
    { weight: presentWeight * SAME, arbitrary: p },
    { weight: absentWeight * SAME, arbitrary: fc.constant([undefined, undefined] as const) },
    { weight: oneSided * CHANGE, arbitrary: p.map(([a]) => [a, undefined] as const) },
    { weight: oneSided * CHANGE, arbitrary: p.map(([, b]) => [undefined, b] as const) },
  );
}

type Fields = Record<string, PA<unknown>>;
const defined = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** An object of pair fields -> a pair of objects (absent fields left out). */
export function rec(fields: Fields): PA<Record<string, unknown>> {
  return fc.record(fields).map((r) => {
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = {};
    for (const [k, [x, y]] of Object.entries(r as Record<string, Pair<unknown>>)) {
      a[k] = x;
      b[k] = y;
    }
    return [defined(a), defined(b)] as const;
  });
}

/**
 * A mapping over a pool of keys, each present or not on each side; the head may list its keys in
 * another order, and may rename one key (same content under a name the base does not use).
 */
export function dict<V>(keys: readonly string[], value: PA<V>, presentWeight = 2): PA<Record<string, V>> {
  const entries = fc.tuple(...keys.map((k) => opt(value, presentWeight).map((p) => [k, p] as const)));
  return fc
    .record({
      entries,
      reorder: fc.boolean(),
      rename: maybe(fc.tuple(fc.nat(), fc.nat()), CHANGE, 8 * SAME),
    })
    .map(({ entries: es, reorder, rename }) => {
      const a: [string, V][] = [];
      let b: [string, V][] = [];
      for (const [k, [x, y]] of es) {
        if (x !== undefined) a.push([k, x]);
        if (y !== undefined) b.push([k, y]);
      }
      if (reorder) b = b.reverse();
      if (rename && b.length) {
        const free = keys.filter((k) => !b.some(([n]) => n === k));
        if (free.length) {
          const i = rename[0] % b.length;
          b[i] = [free[rename[1] % free.length]!, b[i]![1]];
        }
      }
      return [Object.fromEntries(a), Object.fromEntries(b)] as const;
    });
}

/** A list of items keyed by identity (credential grants), in insertion order, maybe reordered in the head. */
export function keyedList<V>(keys: readonly string[], value: (key: string) => PA<V>): PA<V[]> {
  return fc
    .record({
      items: fc.tuple(...keys.map((k) => opt(value(k), 1))),
      reorder: fc.boolean(),
    })
    .map(({ items, reorder }) => {
      const a = items.map(([x]) => x).filter((x): x is Awaited<V> => x !== undefined) as V[];
      const b = items.map(([, y]) => y).filter((y): y is Awaited<V> => y !== undefined) as V[];
      return [a, reorder ? b.reverse() : b] as const;
    });
}

// Pools. Small, so that claims and requests hit what the manifest names.
export const OWNER = 'octo-org';
export const REPO = `${OWNER}/octo-repo`;
export const REPO_ID = 100001;
export const OWNER_ID = 200001;
export const WORKFLOWS = ['release.yml', 'build.yml', 'ci.yml'] as const;
export const JOBS = ['publish', 'build', 'deploy'] as const;
export const STEPS = ['release', 'upload'] as const;
export const SERVICE_AUDIENCES = ['https://svc.example', 'https://other.example'] as const;
export const AUDIENCES = ['github', ...SERVICE_AUDIENCES] as const;
export const EVENTS = ['push', 'workflow_dispatch', 'pull_request', 'pull_request_target', 'workflow_run'];
export const REFS = [
  'refs/heads/main',
  'refs/heads/dev',
  'refs/tags/v1',
  'refs/pull/1/merge',
  'refs/heads/main-evil',
];
const REF_PATTERNS = [
  'refs/heads/main',
  'refs/heads/*',
  'refs/tags/v*',
  'refs/heads/dev',
  'refs/pull/*/merge',
];
export const ENVIRONMENTS = ['prod', 'Prod', 'staging'];
const ENV_PATTERNS = ['prod', 'Prod', 'staging', 'prod*', 's*'];
const APP_PERMS = ['contents', 'issues', 'members'];
const LEVELS = ['read', 'write'];
// Scope-tokens only: a value with a space is refused by the schema since session 8 (ERR_SCOPE_TOKEN).
export const SCOPE_VALUES = ['a', 'b', 'a:b'];
export const TRUSTED = `${OWNER}/platform/.github/workflows/deploy.yml@refs/heads/main`;
const CALLERS = ['release.yml', 'ci.yml', 'release.yml/publish', 'ci.yml/build'];
const CALLS = ['build', 'build/upload', 'publish', 'publish/release'];

export const GRANT_KEYS = STEPS.flatMap((s) => AUDIENCES.map((a) => `${s}@${a}`));

function build() {
  const appPermissions = fc.dictionary(fc.constantFrom(...APP_PERMS), fc.constantFrom(...LEVELS), {
    minKeys: 1,
    maxKeys: 2,
  });

  /** Per permission: kept, changed level, added or removed. */
  const appPermissionsPair: PA<Record<string, string>> = dict(
    APP_PERMS,
    leaf(fc.constantFrom(...LEVELS)),
    2,
  ).map(([a, b]) => [
    Object.keys(a).length ? a : { contents: 'read' },
    Object.keys(b).length ? b : { contents: 'read' },
  ]);

  const claimValue = fc.oneof(
    fc.constantFrom('prod', 'dev', 'p*', 'tag', 'branch'),
    fc.boolean(),
    fc.subarray(['prod', 'dev', 'p*'], { minLength: 1 }),
  );

  const whenPair: PA<Record<string, unknown>> = rec({
    ref: opt(listLeaf(REF_PATTERNS)),
    'ref-protected': opt(leaf(fc.boolean())),
    environment: opt(listLeaf(ENV_PATTERNS), 1),
    event: opt(listLeaf(EVENTS), 1),
    'runner-environment': opt(leaf(fc.constantFrom('github-hosted', 'self-hosted')), 1),
    'actor-id': opt(listLeaf(['1', '2']), 1),
    claims: opt(dict(['repo_property_tier', 'ref_type'], leaf(claimValue), 1), 1),
  });

  function grantPair(key: string): PA<Record<string, unknown>> {
    const [step, audience] = key.split('@') as [string, string];
    const common = {
      step: leaf(fc.constant(step)),
      audience: leaf(fc.constant(audience)),
      ttl: opt(leaf(fc.constantFrom(30, 300, 900))),
      uses: opt(leaf(fc.constantFrom(1, 2)), 1),
      when: opt(whenPair, 2, 4),
    };
    return audience === 'github'
      ? rec({
          ...common,
          permissions: appPermissionsPair,
          repositories: opt(listLeaf(['self', 'other', 'octo-repo']), 1),
        })
      : rec({ ...common, scope: opt(listLeaf(SCOPE_VALUES, 0)) });
  }

  const jobPermissions = fc.oneof(
    fc.constantFrom('read-all', 'write-all', 'permissive-default', 'restricted-default'),
    fc.record(
      {
        contents: fc.constantFrom('read', 'write', 'none'),
        issues: fc.constantFrom('read', 'write', 'none'),
        'id-token': fc.constantFrom('write', 'none'),
      },
      { requiredKeys: [] },
    ),
  );

  const jobPair: PA<Record<string, unknown>> = rec({
    permissions: opt(leaf(jobPermissions), 1),
    secrets: opt(listLeaf(['NPM_TOKEN', 'inherit']), 1),
    environments: opt(listLeaf(ENVIRONMENTS, 0)),
    when: opt(whenPair, 1),
    credentials: keyedList(GRANT_KEYS, grantPair),
    calls: opt(dict(['build.yml', 'release.yml'], listLeaf(CALLS), 1), 1),
  });

  const workflowPair: PA<Record<string, unknown>> = rec({
    triggers: opt(listLeaf(EVENTS)),
    callers: opt(listLeaf(CALLERS), 1),
    jobs: dict(JOBS, jobPair, 3),
  });

  const manifestPair: PA<Record<string, unknown>> = rec({
    version: leaf(fc.constant(1)),
    // Mostly bound to the repository the claims name (else every request stops at the binding).
    repository: fc.oneof(
      {
        weight: 8,
        arbitrary: rec({
          name: leaf(fc.constant(REPO)),
          id: leaf(fc.constant(REPO_ID)),
          'owner-id': leaf(fc.constant(OWNER_ID)),
          'default-branch': opt(leaf(fc.constantFrom('main', 'dev'))),
        }),
      },
      {
        weight: 1,
        arbitrary: opt(
          rec({
            name: opt(leaf(fc.constantFrom(REPO, `${OWNER}/renamed`))),
            id: opt(leaf(fc.constantFrom(REPO_ID, 100002))),
            'owner-id': opt(leaf(fc.constant(OWNER_ID))),
            'default-branch': opt(leaf(fc.constantFrom('main', 'dev'))),
          }),
        ),
      },
    ),
    defaults: opt(rec({ permissions: opt(leaf(jobPermissions)) }), 1),
    policy: opt(
      rec({
        'repository-default-permissions': opt(leaf(fc.constantFrom('permissive', 'restricted'))),
        'require-pinned-actions': opt(leaf(fc.boolean())),
        'allowed-actions': opt(listLeaf(['actions/*', 'github/*'])),
        'require-enforce': opt(leaf(fc.boolean()), 1),
      }),
      1,
    ),
    'trusted-workflows': opt(listLeaf([TRUSTED]), 1),
    workflows: dict(WORKFLOWS, workflowPair, 4),
  });

  const orgGrant = fc.record({
    repository: fc.constantFrom(REPO, `${OWNER}/*`, `${OWNER}/other`),
    workflow: fc.constantFrom(...WORKFLOWS),
    job: fc.constantFrom(...JOBS),
    credentials: fc.tuple(fc.constantFrom(...GRANT_KEYS).chain((k) => grantPair(k).map(([a]) => a))),
  });

  const orgPolicyPair: PA<Record<string, unknown>> = rec({
    version: leaf(fc.constant(1)),
    'max-permissions': opt(
      leaf(fc.dictionary(fc.constantFrom('contents', 'issues'), fc.constantFrom('read', 'write'))),
      1,
    ),
    'max-credential-permissions': opt(leaf(appPermissions)),
    'forbidden-triggers': opt(listLeaf(EVENTS), 1),
    'require-pinned-actions': opt(leaf(fc.boolean()), 1),
    'allowed-actions': opt(listLeaf(['actions/*', 'my-org/*']), 1),
    'max-credential-ttl': opt(leaf(fc.constantFrom(60, 300, 900))),
    'allow-cross-repository': opt(
      leaf(
        fc.oneof(
          fc.constant([{ from: REPO, to: ['other'] }]),
          fc.constant([{ from: `${OWNER}/*`, 'repository-id': String(REPO_ID), to: ['*'] }]),
          fc.constant({ mode: 'audit', allow: [] }),
          fc.constant([{ from: REPO, 'repository-id': '999', to: ['other'] }]),
        ),
      ),
    ),
    'allow-organization-permissions': opt(
      leaf(
        fc.oneof(
          fc.constant([{ from: REPO, permissions: { members: 'read' } }]),
          fc.constant([{ from: `${OWNER}/*`, permissions: { members: 'write' } }]),
          fc.constant({ mode: 'audit', allow: [] }),
        ),
      ),
    ),
    'repository-manifests': opt(leaf(fc.constantFrom('grant', 'narrow-only')), 1),
    grants: opt(leaf(fc.array(orgGrant, { maxLength: 2 })), 1),
  });
  return { manifestPair, orgPolicyPair, whenPair };
}

/**
 * Builds generators three times, quiet (a change in a few hundred fields), calm and wild, and picks one
 * per run: quiet and calm pairs are mostly reported as not widened, so the properties bite.
 */
export function atThreeRates<T>(make: () => fc.Arbitrary<T>): fc.Arbitrary<T> {
  const rates: [number, number][] = [
    [100, 1],
    [10, 1],
    [10, 10],
  ];
  return fc.oneof(
    ...rates.map(([same, change]) => {
      SAME = same;
      CHANGE = change;
      const arb = make();
      SAME = 10;
      CHANGE = 1;
      return arb;
    }),
  );
}

SAME = 100;
const quiet = build();
SAME = 10;
const calm = build();
CHANGE = 10;
const wild = build();
CHANGE = 1;

/** A base manifest (raw, before the schema's defaults) and a head mutated from it. */
export const manifestPair = fc.oneof(quiet.manifestPair, calm.manifestPair, wild.manifestPair);
/** A base organization policy and a head mutated from it. */
export const orgPolicyPair = fc.oneof(quiet.orgPolicyPair, calm.orgPolicyPair, wild.orgPolicyPair);

export const toYaml = (v: unknown): string => dump(v, { noRefs: true, lineWidth: -1 });

/** OIDC-like claims from the pools (GitHub writes every claim as a string). */
/**
 * Claims aimed at a manifest (raw): the caller workflows it lists, the events its entries allow, the
 * exact refs and environments its conditions name, beside the pools (so refusals stay common too).
 */
export function claimsFor(m?: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const wfs = Object.entries((m?.workflows ?? {}) as Record<string, Record<string, unknown>>);
  const text = JSON.stringify(m ?? {});
  const named = (pool: readonly string[]) => [
    ...new Set(pool.filter((v) => text.includes(JSON.stringify(v)))),
  ];
  const events = [...new Set(wfs.flatMap(([, e]) => (e.triggers as string[] | undefined) ?? []))];
  const pick = (pool: readonly string[], fallback: fc.Arbitrary<string>) =>
    pool.length ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...pool) }, fallback) : fallback;
  return claimsWith({
    caller: pick(
      wfs.map(([k]) => k).filter((k) => (WORKFLOWS as readonly string[]).includes(k)),
      fc.constantFrom(...WORKFLOWS),
    ),
    event: pick(events, weighted(EVENTS[0]!, ...EVENTS.slice(1))),
    ref: pick(
      [
        ...named(REFS),
        ...['main', 'dev']
          .filter((b) => text.includes(`"default-branch":"${b}"`))
          .map((b) => `refs/heads/${b}`),
      ],
      weighted(REFS[0]!, ...REFS.slice(1)),
    ),
    environment: pick(named(ENVIRONMENTS), fc.constantFrom(...ENVIRONMENTS, 'PROD', 'production')),
  });
}

function claimsWith(p: {
  caller: fc.Arbitrary<string>;
  event: fc.Arbitrary<string>;
  ref: fc.Arbitrary<string>;
  environment: fc.Arbitrary<string>;
}): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record({
      repository: fc.oneof(
        { weight: 8, arbitrary: fc.constant(REPO) },
        fc.constantFrom('Octo-Org/octo-repo', `${OWNER}/other`),
      ),
      repository_id: fc.oneof({ weight: 9, arbitrary: fc.constant(String(REPO_ID)) }, fc.constant('100002')),
      repository_owner_id: fc.oneof(
        { weight: 9, arbitrary: fc.constant(String(OWNER_ID)) },
        fc.constant('200002'),
      ),
      ref: maybe(p.ref, 12, 1),
      ref_type: fc.option(fc.constantFrom('branch', 'tag'), { nil: undefined }),
      ref_protected: fc.option(fc.constantFrom('true', 'false'), { nil: undefined }),
      environment: maybe(p.environment, 1, 2),
      event_name: maybe(p.event, 12, 1),
      runner_environment: fc.option(fc.constantFrom('github-hosted', 'self-hosted'), { nil: undefined }),
      actor_id: fc.option(fc.constantFrom('1', '2', '3'), { nil: undefined }),
      repo_property_tier: fc.option(fc.constantFrom('prod', 'dev', 'prodx'), { nil: undefined }),
      caller: p.caller,
      callee: maybe(fc.constantFrom(...WORKFLOWS, 'FOREIGN'), 1, 4),
      calleeRef: maybe(fc.constant('refs/heads/other'), 1, 8),
      check_run_id: fc.option(fc.constant('77'), { nil: undefined }),
    })
    .map((c) => {
      const ref = c.ref ?? 'refs/heads/main';
      const workflowRef = `${c.repository}/.github/workflows/${c.caller}@${ref}`;
      const jobWorkflowRef =
        c.callee === 'FOREIGN'
          ? TRUSTED
          : c.callee
            ? `${c.repository}/.github/workflows/${c.callee}@${c.calleeRef ?? ref}`
            : workflowRef;
      const out: Record<string, unknown> = {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'stepwarden',
        sub: `repo:${c.repository}:ref:${ref}`,
        exp: 2_000_000_000,
        iat: 1_900_000_000,
        jti: 'j',
        run_id: '1',
        run_attempt: '1',
        repository: c.repository,
        repository_id: c.repository_id,
        repository_owner: c.repository.split('/')[0],
        repository_owner_id: c.repository_owner_id,
        workflow_ref: workflowRef,
        job_workflow_ref: jobWorkflowRef,
      };
      for (const k of [
        'ref',
        'ref_type',
        'ref_protected',
        'environment',
        'event_name',
        'runner_environment',
        'actor_id',
        'repo_property_tier',
        'check_run_id',
      ] as const)
        if (c[k] !== undefined) out[k] = c[k];
      return out;
    });
}

export const claimsArb = claimsFor();

/** What the broker's context adds: the branch the manifest was read from and the verified caller job. */
export const contextArb = fc.record({
  defaultBranch: fc.constantFrom(undefined, 'main', 'dev'),
  callerJob: fc.constantFrom(
    undefined,
    { job: 'publish' },
    { job: 'build' },
    { unverified: 'the token has no check_run_id' },
  ),
});

export const REQUEST_SCOPES: Record<string, readonly string[]> = {
  github: [
    '',
    'contents:read',
    'contents:write',
    'issues:write',
    'members:read',
    'contents:read issues:read',
  ],
  service: ['', 'a', 'b', 'a b'],
};

type Path = readonly (string | number)[];

/** Every path to a node of a plain value (mapping keys and list indexes). */
function nodePaths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), nodePaths(x, [...prefix, i], out)));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      out.push([...prefix, k]);
      nodePaths(x, [...prefix, k], out);
    }
  return out;
}

function at(v: unknown, p: Path): unknown {
  let cur = v;
  for (const k of p) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * The base with exactly one node changed: deleted, or replaced by (or added as) the node at the same
 * path in a donor drawn from the same generator. Everything else stays equal, so each field's
 * direction is tested alone.
 */
export function mutateOnce(base: unknown, donor: unknown, k: number, op: number): unknown {
  const seen = new Set<string>();
  const all = [...nodePaths(base), ...nodePaths(donor)].filter((p) => {
    const key = JSON.stringify(p);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (!all.length) return base;
  const p = all[k % all.length]!;
  const head = structuredClone(base) as Record<string | number, unknown>;
  const dv = at(donor, p);
  let parent: Record<string | number, unknown> = head;
  for (const [i, key] of p.slice(0, -1).entries()) {
    if (parent[key] === null || typeof parent[key] !== 'object')
      parent[key] = typeof p[i + 1] === 'number' ? [] : {};
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = p[p.length - 1]!;
  if (op % 3 === 0 || dv === undefined) {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else parent[last] = structuredClone(dv);
  return head;
}

/** A manifest pair: mutated field by field, or one node changed (mutateOnce). */
export const manifestPairs: PA<Record<string, unknown>> = fc.oneof(
  manifestPair,
  fc
    .tuple(manifestPair, manifestPair, fc.nat(), fc.nat())
    .map(([[b], [d], k, op]) => [b, mutateOnce(b, d, k, op) as Record<string, unknown>] as const),
);

/** An organization policy pair: mutated field by field, or one node changed. */
export const orgPolicyPairs: PA<Record<string, unknown>> = fc.oneof(
  orgPolicyPair,
  fc
    .tuple(orgPolicyPair, orgPolicyPair, fc.nat(), fc.nat())
    .map(([[b], [d], k, op]) => [b, mutateOnce(b, d, k, op) as Record<string, unknown>] as const),
);
