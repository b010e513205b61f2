/**
 * Changes of the rules themselves, not of one job's access: the manifest's `policy`, `defaults`,
 * `repository` binding, job environments and every grant field beyond its access, and the
 * organization policy. Pure.
 *
 * Fields with a known direction are judged by it (`require-pinned-actions` off is widened, on is
 * narrowed; grant conditions, `calls`, `callers` and `trusted-workflows` by conditions.ts). Every other
 * difference, including fields this version does not know, is **widened**: a change nobody can prove
 * to narrow access must be approved like one that widens it.
 */
import { levelRank, SCOPE_NAMES, type Level } from '../permissions/scopes.js';
import { bindsUnbound, type Manifest, type OrgPolicy } from '../manifest/schema.js';
import type { Change } from './diff.js';
import { listChanges, whenChanges, type DirectedChange } from './conditions.js';
import { own } from '../manifest/own.js';

type Path = readonly (string | number)[];
type LineOf = (path: Path) => number;

interface Ctx {
  /** The file the change is in (shown in the workflow column and linked). */
  readonly file: string;
  readonly lineOf: LineOf;
  readonly out: Change[];
}

const show = (v: unknown): string | null =>
  v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);

function push(
  ctx: Ctx,
  path: Path,
  before: unknown,
  after: unknown,
  effect: 'widened' | 'narrowed',
  where: { workflow?: string; job?: string | null; subject?: string } = {},
): void {
  ctx.out.push({
    workflow: where.workflow ?? ctx.file,
    job: where.job ?? null,
    kind: 'policy',
    subject: where.subject ?? path.join('.'),
    before: show(before),
    after: show(after),
    effect,
    file: ctx.file,
    line: ctx.lineOf(path),
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Leaves of a plain value: objects recurse, arrays and scalars are leaves. */
function leaves(value: unknown, path: Path, out: Map<string, { path: Path; value: unknown }>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    // `when: {}` differs from no `when`; the root itself is not a field.
    if (entries.length === 0 && path.length > 0) out.set(JSON.stringify(path), { path, value });
    for (const [k, v] of entries) leaves(v, [...path, k], out);
    return;
  }
  if (value !== undefined) out.set(JSON.stringify(path), { path, value });
}

/** Every leaf that differs, as widened: the fail-closed default for fields without a known direction. */
function unknownChanges(
  ctx: Ctx,
  a: unknown,
  b: unknown,
  path: Path,
  where: { workflow?: string; job?: string | null; prefix?: string; linePath?: Path } = {},
): void {
  const x = new Map<string, { path: Path; value: unknown }>();
  const y = new Map<string, { path: Path; value: unknown }>();
  leaves(a, [], x);
  leaves(b, [], y);
  for (const key of new Set([...x.keys(), ...y.keys()])) {
    const p = x.get(key);
    const q = y.get(key);
    if (same(p?.value, q?.value)) continue;
    const rel = (q ?? p)!.path;
    push(ctx, [...(where.linePath ?? path), ...rel], p?.value, q?.value, 'widened', {
      ...(where.workflow !== undefined ? { workflow: where.workflow } : {}),
      ...(where.job !== undefined ? { job: where.job } : {}),
      subject: [where.prefix ?? path.join('.'), ...rel].filter((s) => s !== '').join('.'),
    });
  }
}

function levelChanges(
  ctx: Ctx,
  path: Path,
  a: Readonly<Record<string, string | undefined>> | undefined,
  b: Readonly<Record<string, string | undefined>> | undefined,
  rank: (l: string) => number,
  names: readonly string[],
  where: { workflow?: string; job?: string | null } = {},
): void {
  for (const s of new Set([...names, ...Object.keys(a ?? {}), ...Object.keys(b ?? {})])) {
    const before = a?.[s] ?? 'none';
    const after = b?.[s] ?? 'none';
    if (before === after) continue;
    push(ctx, [...path, s], before, after, rank(after) > rank(before) ? 'widened' : 'narrowed', where);
  }
}

/** An allow-list where absent means "anything": dropping it widens, adding it narrows. */
function allowListChanges(ctx: Ctx, path: Path, a?: readonly string[], b?: readonly string[]): void {
  if (same(a, b)) return;
  if (!a || !b) {
    push(ctx, path, a, b, b ? 'narrowed' : 'widened', {
      subject: `${path.join('.')} ${b ? 'added' : 'removed (any action allowed)'}`,
    });
    return;
  }
  for (const p of b.filter((v) => !a.includes(v)))
    push(ctx, path, null, p, 'widened', { subject: `${path.join('.')}: ${p}` });
  for (const p of a.filter((v) => !b.includes(v)))
    push(ctx, path, p, null, 'narrowed', { subject: `${path.join('.')}: ${p}` });
}

/** A deny-list: an entry removed widens, one added narrows. */
function denyListChanges(ctx: Ctx, path: Path, a: readonly string[], b: readonly string[]): void {
  for (const p of a.filter((v) => !b.includes(v)))
    push(ctx, path, p, null, 'widened', { subject: `${path.join('.')}: ${p}` });
  for (const p of b.filter((v) => !a.includes(v)))
    push(ctx, path, null, p, 'narrowed', { subject: `${path.join('.')}: ${p}` });
}

function boolChange(ctx: Ctx, path: Path, a: boolean, b: boolean, widenedWhen: boolean): void {
  if (a !== b) push(ctx, path, String(a), String(b), b === widenedWhen ? 'widened' : 'narrowed');
}

/** Directed changes below `path` (a `when:` block or a list), each with its line and subject. */
function directed(
  ctx: Ctx,
  path: Path,
  changes: readonly DirectedChange[],
  where: { workflow?: string; job?: string | null; prefix: string },
): void {
  for (const c of changes)
    push(ctx, [...path, ...c.path], c.before, c.after, c.effect, {
      ...(where.workflow !== undefined ? { workflow: where.workflow } : {}),
      ...(where.job !== undefined ? { job: where.job } : {}),
      subject: `${[where.prefix, ...c.path].filter((x) => x !== '').join('.')}${c.entry !== undefined ? `: ${c.entry}` : ''}`,
    });
}

const levelRankAny = (l: string) => levelRank(l as Level);
const APP_RANK: Record<string, number> = { none: 0, read: 1, write: 2, admin: 3 };
const appRank = (l: string) => APP_RANK[l] ?? 4;

/** Grant fields the access comparison in diff.ts already judges (access text, ttl, uses). */
const GRANT_ACCESS_KEYS = new Set([
  'step',
  'audience',
  'permissions',
  'repositories',
  'scope',
  'ttl',
  'uses',
]);

/**
 * Manifest changes that are not job permissions, secrets, triggers or grant access (diff.ts judges
 * those). `b` undefined: the head has no manifest, which diff.ts reports as every grant removed.
 */
export function manifestPolicyChanges(
  a: Manifest | undefined,
  b: Manifest | undefined,
  file: string,
  lineOf: LineOf,
): Change[] {
  if (!b) return [];
  const ctx: Ctx = { file, lineOf, out: [] };
  const pa = a?.policy;
  const pb = b.policy;
  boolChange(
    ctx,
    ['policy', 'require-pinned-actions'],
    pa?.['require-pinned-actions'] ?? false,
    pb['require-pinned-actions'],
    false,
  );
  allowListChanges(ctx, ['policy', 'allowed-actions'], pa?.['allowed-actions'], pb['allowed-actions']);
  const da = pa?.['repository-default-permissions'] ?? 'restricted';
  const db = pb['repository-default-permissions'];
  if (da !== db)
    push(
      ctx,
      ['policy', 'repository-default-permissions'],
      da,
      db,
      db === 'permissive' ? 'widened' : 'narrowed',
    );
  levelChanges(
    ctx,
    ['defaults', 'permissions'],
    a?.defaults.permissions,
    b.defaults.permissions,
    levelRankAny,
    SCOPE_NAMES,
  );
  // The branch a grant without `when.ref` is claimable from, for a broker reading manifests from a
  // directory (default main): another branch is another set of refs, so any change widens (session 7).
  const ba = a?.repository?.['default-branch'] ?? 'main';
  const bb = b.repository?.['default-branch'] ?? 'main';
  if (ba !== bb)
    push(ctx, ['repository', 'default-branch'], ba, bb, 'widened', {
      subject: 'repository.default-branch (grants without when.ref follow it)',
    });
  // The binding of grants to this repository: dropping or changing it widens, adding it narrows,
  // unless it binds a manifest the broker refused whole (no id or owner-id): that issues its grants
  // (their rows are widened in diff.ts), so the ids it adds are widened too (session 39).
  const binds = bindsUnbound(a, b);
  for (const key of ['name', 'id', 'owner-id'] as const) {
    const before = a?.repository?.[key];
    const after = b.repository?.[key];
    if (before === after) continue;
    const added = after !== undefined && before === undefined;
    if (added && binds && key !== 'name')
      push(ctx, ['repository', key], before, after, 'widened', {
        subject: `repository.${key} (binds the manifest: the broker now issues its grants)`,
      });
    else push(ctx, ['repository', key], before, after, added ? 'narrowed' : 'widened');
  }
  for (const [wf, entry] of Object.entries(b.workflows)) {
    const old = own(a?.workflows, wf);
    for (const [job, j] of Object.entries(entry.jobs)) {
      const oj = own(old?.jobs, job);
      const base = ['workflows', wf, 'jobs', job];
      for (const e of j.environments.filter((v) => !(oj?.environments ?? []).includes(v)))
        push(ctx, [...base, 'environments'], null, e, 'widened', {
          workflow: wf,
          job,
          subject: `environments.${e}`,
        });
      for (const e of (oj?.environments ?? []).filter((v) => !j.environments.includes(v)))
        push(ctx, [...base, 'environments'], e, null, 'narrowed', {
          workflow: wf,
          job,
          subject: `environments.${e}`,
        });
      // A list bounds a job's grants to its environments and refuses runs naming none; an emptied
      // list lets those runs through (a branch run with `environment:` edited out): wider.
      if (oj?.environments.length && j.environments.length === 0 && j.credentials.length)
        push(ctx, [...base, 'environments'], oj.environments.join(', '), null, 'widened', {
          workflow: wf,
          job,
          subject: 'environments (emptied: runs without an environment are granted)',
        });
      // Conditions by their direction (conditions.ts); any other field of an existing grant widens
      // when changed, since nothing here proves it narrower.
      const jobNamesRef = Boolean(oj?.when?.ref ?? j.when?.ref);
      j.credentials.forEach((g, i) => {
        const og = oj?.credentials.find((x) => x.step === g.step && x.audience === g.audience);
        if (!og) return; // a new grant is reported whole by diff.ts
        const prefix = `credentials.${g.step}@${g.audience}`;
        directed(ctx, [...base, 'credentials', i, 'when'], whenChanges(og.when, g.when, !jobNamesRef), {
          workflow: wf,
          job,
          prefix: `${prefix}.when`,
        });
        const rest = (x: object) =>
          Object.fromEntries(Object.entries(x).filter(([k]) => !GRANT_ACCESS_KEYS.has(k) && k !== 'when'));
        unknownChanges(ctx, rest(og), rest(g), [...base, 'credentials', i], { workflow: wf, job, prefix });
      });
      directed(ctx, [...base, 'when'], whenChanges(oj?.when, j.when), { workflow: wf, job, prefix: 'when' });
      // `calls:` is an allow-list (absent: no callee grant may be claimed through this job).
      for (const callee of new Set([...Object.keys(oj?.calls ?? {}), ...Object.keys(j.calls ?? {})]))
        directed(
          ctx,
          [...base, 'calls', callee],
          listChanges([], oj?.calls?.[callee] ?? [], j.calls?.[callee] ?? []),
          { workflow: wf, job, prefix: `calls.${callee}` },
        );
      const known = new Set(['permissions', 'secrets', 'environments', 'credentials', 'when', 'calls']);
      const rest = (x: object | undefined) =>
        x ? Object.fromEntries(Object.entries(x).filter(([k]) => !known.has(k))) : undefined;
      unknownChanges(ctx, rest(oj), rest(j), base, { workflow: wf, job, prefix: '' });
    }
    // `callers:` is an allow-list too (absent: no caller may).
    directed(ctx, ['workflows', wf, 'callers'], listChanges([], old?.callers ?? [], entry.callers ?? []), {
      workflow: wf,
      prefix: 'callers',
    });
    const rest = (x: object | undefined) =>
      x
        ? Object.fromEntries(
            Object.entries(x).filter(([k]) => k !== 'jobs' && k !== 'triggers' && k !== 'callers'),
          )
        : undefined;
    unknownChanges(ctx, rest(old), rest(entry), ['workflows', wf], { workflow: wf, prefix: '' });
  }
  directed(
    ctx,
    ['trusted-workflows'],
    listChanges([], a?.['trusted-workflows'] ?? [], b['trusted-workflows'] ?? []),
    { prefix: 'trusted-workflows' },
  );
  // Everything else at the top level, and in `policy`/`defaults` beyond the fields above.
  const top = (m: Manifest | undefined) => {
    if (!m) return undefined;
    const { policy, defaults, repository: _r, workflows: _w, 'trusted-workflows': _t, ...others } = m;
    const {
      'require-pinned-actions': _p,
      'allowed-actions': _a,
      'repository-default-permissions': _d,
      ...policyRest
    } = policy;
    const { permissions: _perm, ...defaultsRest } = defaults;
    return { ...others, policy: policyRest, defaults: defaultsRest };
  };
  unknownChanges(ctx, top(a), top(b), []);
  return ctx.out;
}

/**
 * The organization ceiling, as changed in the repository that holds it. An absent file (or field)
 * is no ceiling: removing one widens every repository of the organization.
 */
export function orgPolicyChanges(
  a: OrgPolicy | undefined,
  b: OrgPolicy | undefined,
  file: string,
  lineOf: LineOf,
): Change[] {
  const ctx: Ctx = { file, lineOf, out: [] };
  const ceiling = (
    path: string,
    x: Readonly<Record<string, string | undefined>> | undefined,
    y: Readonly<Record<string, string | undefined>> | undefined,
    rank: (l: string) => number,
    names: readonly string[],
  ) => {
    if (same(x, y)) return;
    if (!x || !y) {
      push(ctx, [path], x, y, y ? 'narrowed' : 'widened', {
        subject: `${path} ${y ? 'added' : 'removed (no ceiling)'}`,
      });
      return;
    }
    levelChanges(ctx, [path], x, y, rank, names);
  };
  ceiling('max-permissions', a?.['max-permissions'], b?.['max-permissions'], levelRankAny, SCOPE_NAMES);
  ceiling(
    'max-credential-permissions',
    a?.['max-credential-permissions'],
    b?.['max-credential-permissions'],
    appRank,
    [],
  );
  denyListChanges(
    ctx,
    ['forbidden-triggers'],
    a?.['forbidden-triggers'] ?? [],
    b?.['forbidden-triggers'] ?? [],
  );
  boolChange(
    ctx,
    ['require-pinned-actions'],
    a?.['require-pinned-actions'] ?? false,
    b?.['require-pinned-actions'] ?? false,
    false,
  );
  allowListChanges(ctx, ['allowed-actions'], a?.['allowed-actions'], b?.['allowed-actions']);
  const ta = a?.['max-credential-ttl'];
  const tb = b?.['max-credential-ttl'];
  if (ta !== tb)
    push(
      ctx,
      ['max-credential-ttl'],
      ta === undefined ? null : String(ta),
      tb === undefined ? null : String(tb),
      tb === undefined || (ta !== undefined && tb > ta) ? 'widened' : 'narrowed',
    );
  const KNOWN = new Set([
    'max-permissions',
    'max-credential-permissions',
    'forbidden-triggers',
    'require-pinned-actions',
    'allowed-actions',
    'max-credential-ttl',
  ]);
  const rest = (x: OrgPolicy | undefined) =>
    x ? Object.fromEntries(Object.entries(x).filter(([k]) => !KNOWN.has(k))) : undefined;
  unknownChanges(ctx, rest(a), rest(b), []);
  return ctx.out;
}
