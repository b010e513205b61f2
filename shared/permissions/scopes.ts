/**
 * The one table of GITHUB_TOKEN permission scopes. Code, docs and the JSON schemas read it; a test
 * holds it equal to the scope list of GitHub's own workflow schema (`@actions/workflow-parser`).
 */

export type Level = 'none' | 'read' | 'write';
export const LEVELS: readonly Level[] = ['none', 'read', 'write'];

export interface ScopeInfo {
  /** The levels GitHub's workflow schema accepts for this scope. */
  readonly levels: readonly Level[];
  /** What an omitted `permissions:` gives under the permissive (legacy) repository default. */
  readonly permissive: Level;
  /** What an omitted `permissions:` gives under the restricted repository default. */
  readonly restricted: Level;
  readonly description: string;
}

const ANY: readonly Level[] = ['none', 'read', 'write'];
const READ_OR_NONE: readonly Level[] = ['none', 'read'];
const WRITE_OR_NONE: readonly Level[] = ['none', 'write'];

/*
 * Permissive defaults: GitHub documents read/write for every scope but `id-token` (none). Scopes that
 * only accept read|none take read. `copilot-requests` (write|none) is an opt-in billing scope like
 * `id-token`, so it defaults to none; see docs/permissions.md for the decision.
 */
export const SCOPES = {
  actions: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Actions workflows, workflow runs, and artifacts.',
  },
  'artifact-metadata': {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Storage and deployment records for build artifacts.',
  },
  attestations: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Artifact attestations.',
  },
  checks: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Check runs and check suites.',
  },
  'code-quality': { levels: ANY, permissive: 'write', restricted: 'none', description: 'Code quality data.' },
  contents: {
    levels: ANY,
    permissive: 'write',
    restricted: 'read',
    description: 'Repository contents, commits, branches, downloads, releases, and merges.',
  },
  'copilot-requests': {
    levels: WRITE_OR_NONE,
    permissive: 'none',
    restricted: 'none',
    description: 'GitHub Copilot requests.',
  },
  deployments: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Deployments and deployment statuses.',
  },
  discussions: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Discussions and related comments and labels.',
  },
  drives: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'GitHub Drives persistent workspace storage.',
  },
  'id-token': {
    levels: WRITE_OR_NONE,
    permissive: 'none',
    restricted: 'none',
    description: 'Token to request an OpenID Connect token.',
  },
  issues: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Issues and related comments, assignees, labels, and milestones.',
  },
  models: {
    levels: READ_OR_NONE,
    permissive: 'read',
    restricted: 'none',
    description: 'Call AI models with GitHub Models.',
  },
  packages: {
    levels: ANY,
    permissive: 'write',
    restricted: 'read',
    description: 'Packages published to the GitHub Package Platform.',
  },
  pages: {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Pages statuses, configuration, and builds.',
  },
  'pull-requests': {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Pull requests and related comments, assignees, labels, milestones, and merges.',
  },
  'repository-projects': {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Classic projects within a repository.',
  },
  'security-events': {
    levels: ANY,
    permissive: 'write',
    restricted: 'none',
    description: 'Code scanning alerts.',
  },
  statuses: { levels: ANY, permissive: 'write', restricted: 'none', description: 'Commit statuses.' },
  'vulnerability-alerts': {
    levels: READ_OR_NONE,
    permissive: 'read',
    restricted: 'none',
    description: 'Dependabot alerts.',
  },
} as const satisfies Record<string, ScopeInfo>;

export type Scope = keyof typeof SCOPES;
export const SCOPE_NAMES = Object.keys(SCOPES) as Scope[];

/** A full assignment: every scope has a level. */
export type PermissionSet = Record<Scope, Level>;
/** A partial assignment, as written in YAML; unnamed scopes mean none. */
export type PermissionMap = Partial<Record<Scope, Level>>;

export type RepositoryDefault = 'permissive' | 'restricted';

export function isScope(name: string): name is Scope {
  return Object.prototype.hasOwnProperty.call(SCOPES, name);
}

export function isLevel(value: unknown): value is Level {
  return value === 'none' || value === 'read' || value === 'write';
}

export function levelRank(level: Level): number {
  return level === 'write' ? 2 : level === 'read' ? 1 : 0;
}

export function minLevel(a: Level, b: Level): Level {
  return levelRank(a) <= levelRank(b) ? a : b;
}

export function maxLevel(a: Level, b: Level): Level {
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** Levels a scope accepts, best first, for error messages. */
export function validLevels(scope: Scope): readonly Level[] {
  return SCOPES[scope].levels;
}

/** Sets computed once (uniform per level, the repository defaults); callers get copies. */
const UNIFORM: Partial<Record<Level, PermissionSet>> = {};
const DEFAULTS: Partial<Record<RepositoryDefault, PermissionSet>> = {};

/** Every scope at `level`, clamped to what each scope accepts (write-all gives models: read). */
export function uniform(level: Level): PermissionSet {
  // A fresh copy of a set computed once per level: the check builds several per job.
  return { ...(UNIFORM[level] ??= computeUniform(level)) };
}

function computeUniform(level: Level): PermissionSet {
  const out = {} as PermissionSet;
  for (const s of SCOPE_NAMES) out[s] = clampToScope(s, level);
  return out;
}

/** The highest level the scope accepts that does not exceed `level`. */
export function clampToScope(scope: Scope, level: Level): Level {
  const allowed = SCOPES[scope].levels;
  let best: Level = 'none';
  for (const l of allowed) if (levelRank(l) <= levelRank(level) && levelRank(l) > levelRank(best)) best = l;
  return best;
}

export function repositoryDefault(kind: RepositoryDefault): PermissionSet {
  return { ...(DEFAULTS[kind] ??= computeDefault(kind)) };
}

function computeDefault(kind: RepositoryDefault): PermissionSet {
  const out = {} as PermissionSet;
  for (const s of SCOPE_NAMES) out[s] = SCOPES[s][kind];
  return out;
}

/** A partial map made full: unnamed scopes are none (GitHub's rule once any scope is named). */
export function fromMap(map: PermissionMap): PermissionSet {
  const out = uniform('none');
  for (const [s, l] of Object.entries(map) as [Scope, Level][]) out[s] = l;
  return out;
}

/** Scope-wise minimum: what a capped token (e.g. a reusable workflow's job) actually holds. */
export function intersect(a: PermissionSet, b: PermissionSet): PermissionSet {
  const out = {} as PermissionSet;
  for (let i = 0; i < SCOPE_NAMES.length; i++) {
    const s = SCOPE_NAMES[i]!;
    out[s] = minLevel(a[s], b[s]);
  }
  return out;
}

/** Only the scopes above none, in table order: the compact form used in JSON output and manifests. */
export function compact(set: PermissionSet): PermissionMap {
  // The levels as two masks (scopes above none, scopes at write: 20 bits each, small integers), and
  // the map made once per pair of masks, handed out as a copy. Built key by key, each map cost a
  // property store with a shape transition per scope (about 18,000 instructions a job without
  // Turbofan, 50 M on the bench corpus); a copy of a map of one shape is one clone. A value that is
  // no level is copied as it is, uncached, as before.
  if (!MASKABLE) return compactEach(set);
  let above = 0;
  let write = 0;
  for (let i = 0; i < SCOPE_NAMES.length; i++) {
    const level = set[SCOPE_NAMES[i]!];
    if (level === 'none') continue;
    if (level === 'write') write |= 1 << i;
    else if (level !== 'read') return compactEach(set);
    above |= 1 << i;
  }
  let byWrite = COMPACT.get(above);
  if (!byWrite) COMPACT.set(above, (byWrite = new Map()));
  let map = byWrite.get(write);
  if (!map) byWrite.set(write, (map = compactEach(set)));
  // Never the cached map itself: a caller may change the one it is given.
  return { ...map };
}

/** `compact`'s maps by their two masks; never handed out (callers get copies). */
const MASKABLE = SCOPE_NAMES.length <= 30;
const COMPACT = new Map<number, Map<number, PermissionMap>>();

function compactEach(set: PermissionSet): PermissionMap {
  const out: PermissionMap = {};
  for (let i = 0; i < SCOPE_NAMES.length; i++) {
    const s = SCOPE_NAMES[i]!;
    if (set[s] !== 'none') out[s] = set[s];
  }
  return out;
}

/** Whether two sets give every scope the same level. */
export function sameLevels(a: PermissionSet, b: PermissionSet): boolean {
  return SCOPE_NAMES.every((s) => a[s] === b[s]);
}
