/**
 * The access manifest (`.github/access-manifest.yml`) and the organization policy: the one source of
 * truth of their shape. The loader validates with these schemas, the JSON Schema files in `schema/`
 * are generated from them (`npm run schema`), and the types below are inferred from them.
 */
import { z } from 'zod';
import {
  SCOPES,
  SCOPE_NAMES,
  compact,
  repositoryDefault,
  uniform,
  type Level,
  type PermissionMap,
  type Scope,
} from '../permissions/scopes.js';
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import { globProblem } from '../conditions/glob.js';
import { JOB_ID, jobIdProblem } from '../workflow/job-id.js';
import { NUMERIC_ID } from '../oidc/claims.js';
import { MAX_AUDIENCE, MAX_STEP, NO_CONTROL } from '../broker/request-bounds.js';

export const MANIFEST_PATH = '.github/access-manifest.yml';

/**
 * How every manifest and organization policy is validated: without zod's generated fast path. zod
 * writes and compiles (`new Function`) a parser per object schema on its first parse; a manifest is
 * parsed once a process, so that compile never paid back: a small check ran 5 % fewer instructions
 * without it, the 9,713-line corpus manifest 0.9 % fewer on the main thread (docs/performance.md,
 * session 37). Same data and issues (tests/manifest/s37-jitless.test.ts). Per call, not
 * `z.config`: the audit parses up to a million events with its own schema and keeps the fast path.
 */
export const PARSE_OPTIONS = { jitless: true } as const;

const scopeShape = Object.fromEntries(
  SCOPE_NAMES.map((s) => [
    s,
    z
      .enum(SCOPES[s].levels as [string, ...string[]])
      .optional()
      .describe(SCOPES[s].description),
  ]),
) as unknown as Record<Scope, z.ZodOptional<z.ZodType<Level>>>;

/** `GITHUB_TOKEN` scopes: read | write | none; unnamed scopes are none. */
export const permissionMapSchema = z
  .strictObject(scopeShape)
  .describe('GITHUB_TOKEN scopes and their level (read | write | none). Unnamed scopes are none.');

/**
 * One-word spellings of a whole permission map, for the manifest's job and default permissions:
 * `permissive-default` / `restricted-default` are what an omitted `permissions:` gives under that
 * repository default (the scopes table's columns: `init` writes this for a job with no block, one line
 * instead of one per scope), `read-all` / `write-all` mean what they mean in a workflow. Each is
 * expanded to the map it stands for when the manifest is read, so every consumer sees a map.
 */
export const PERMISSION_SHORTHANDS = {
  'permissive-default': () => repositoryDefault('permissive'),
  'restricted-default': () => repositoryDefault('restricted'),
  'read-all': () => uniform('read'),
  'write-all': () => uniform('write'),
} as const;
export type PermissionShorthand = keyof typeof PERMISSION_SHORTHANDS;
export const PERMISSION_SHORTHAND_NAMES = Object.keys(PERMISSION_SHORTHANDS) as PermissionShorthand[];

const EXPANDED: Partial<Record<PermissionShorthand, PermissionMap>> = {};

/** The permission map a shorthand stands for (unnamed scopes none, as in a written map). */
export function expandPermissionShorthand(name: PermissionShorthand): PermissionMap {
  // A fresh copy of a map computed once per word: zod runs this for nearly every job of an
  // `init`-written manifest (2,800 times on the bench repository).
  return { ...(EXPANDED[name] ??= compact(PERMISSION_SHORTHANDS[name]())) };
}

/** A manifest's job or default permissions: a map of scopes or a shorthand for a whole map. */
export const manifestPermissionsSchema = z
  .union([
    // The word first: a union that fails a branch builds that branch's issues, and most jobs that
    // `init` wrote hold a word. The loader judges a failing mapping against the map alone.
    z
      .enum(PERMISSION_SHORTHAND_NAMES as [PermissionShorthand, ...PermissionShorthand[]])
      .transform((v) => expandPermissionShorthand(v) as z.output<typeof permissionMapSchema>),
    permissionMapSchema,
  ])
  .describe(
    'GITHUB_TOKEN scopes and their level (read | write | none; unnamed scopes are none), or one word for a whole map: permissive-default / restricted-default (what an omitted `permissions:` gives under that repository default), read-all, write-all.',
  );

type AppPermission = keyof typeof APP_PERMISSIONS;
export type AppLevel = 'read' | 'write' | 'admin';
const appShape = Object.fromEntries(
  Object.entries(APP_PERMISSIONS).map(([name, p]) => [
    name,
    z
      .enum(p.levels as unknown as [string, ...string[]])
      .optional()
      .describe(p.description),
  ]),
) as unknown as Record<AppPermission, z.ZodOptional<z.ZodType<AppLevel>>>;

/** GitHub App installation-token permissions (kebab-case of the API's names). */
export const appPermissionMapSchema = z
  .strictObject(appShape)
  .describe('GitHub App permissions for the installation token (kebab-case, e.g. pull-requests: write).');

/**
 * Every glob a manifest or policy holds is checked by one function (shared/conditions/glob.ts), so
 * the check, the diff, the gate and the broker all refuse `[!m]` and the other bracket spellings
 * whose meaning is not the documented one; the fix travels in `params.fix` (load.ts prints it).
 */
function refuseGlobProblem(value: string, ctx: z.core.$RefinementCtx<string>): void {
  const problem = globProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { fix: problem.fix } });
}

/**
 * A condition pattern: a glob (shared/conditions/glob.ts: anchored, `*` never crosses `/`). Control
 * characters are refused so a pattern prints as written in a refusal.
 */
const conditionPattern = z
  .string()
  .min(1)
  .max(256)
  // Matching control characters is the point here (they are refused); the pattern also reaches the JSON Schema.
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
  .superRefine(refuseGlobProblem);
const patternList = (what: string) =>
  z
    .union([conditionPattern, z.array(conditionPattern).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .describe(what);
const numericId = z
  .union([z.string().regex(NUMERIC_ID, 'a numeric id'), z.number().int().positive()])
  .transform(String);
const runnerEnvironment = z.enum(['github-hosted', 'self-hosted']);

/**
 * `when:` on a credential grant (and on a job): every listed condition must hold (AND) against the
 * verified OIDC token's claims; a claim the token lacks fails its condition.
 */
export const whenSchema = z
  .strictObject({
    ref: patternList(
      "Refs the token's `ref` claim must match (globs). When neither the grant nor its job names one: the default branch only.",
    ).optional(),
    'ref-protected': z.boolean().optional().describe("The token's `ref_protected` claim must be this."),
    environment: patternList(
      "Deployment environments the token's `environment` claim must match.",
    ).optional(),
    event: patternList(
      "Events the token's `event_name` must match (narrows the workflow's triggers).",
    ).optional(),
    'runner-environment': z
      .union([runnerEnvironment, z.array(runnerEnvironment).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .describe("`github-hosted` or `self-hosted`: the token's `runner_environment`."),
    'actor-id': z
      .union([numericId, z.array(numericId).min(1)])
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .describe(
        "Numeric user ids (never logins, which can be renamed and re-registered): the token's `actor_id`, on a first run attempt only (a re-run keeps the first attempt's actor and does not say who re-ran it).",
      ),
    claims: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'a claim name (lower case, digits, _)'),
        z.union([conditionPattern, z.boolean(), z.array(conditionPattern).min(1)]),
      )
      .optional()
      .describe(
        'Any other string or boolean claim (e.g. repo_property_tier): exact value, glob, list of globs, or true/false.',
      ),
  })
  .describe('Conditions on the OIDC token; every one listed must hold.');

const ttl = z.number().int().min(30).max(3600).describe('Lifetime ceiling in seconds (30..3600).');

/**
 * RFC 6749 §3.3 scope-token: 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E. The JWT's `scope` is the
 * values joined by spaces, so a value outside this (a space, a tab, a non-ASCII space) would be read
 * as several scopes, or as one the author did not write, by the resource server.
 */
export const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * A grant's `step` is what a request's `step` must equal, so it holds to the broker's form rule
 * (request-bounds.ts, the one source): a longer one, or one with a control character, could never be
 * asked for (the broker refuses the request before it reads any manifest), so it is refused here.
 */
const grantStep = z
  .string()
  .min(1)
  .max(MAX_STEP, `a step is at most ${MAX_STEP} characters: the broker refuses a longer 'step' in a request`)
  .regex(NO_CONTROL, "a step holds no control characters: the broker refuses them in a request's 'step'")
  .describe('The step id (or name) that may claim this credential.');

export const githubGrantSchema = z.strictObject({
  step: grantStep,
  audience: z.literal('github').describe('`github`: a GitHub App installation token.'),
  permissions: appPermissionMapSchema,
  repositories: z
    .array(z.string().min(1))
    .min(1)
    .default(['self'])
    .describe("Repository names the token covers; `self` is the workflow's own repository."),
  ttl: ttl.default(300),
  uses: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('How many times per run attempt the grant may be claimed.'),
  when: whenSchema.optional(),
});

export const serviceGrantSchema = z.strictObject({
  step: grantStep,
  audience: z
    .url({ protocol: /^https?$/ })
    .max(
      MAX_AUDIENCE,
      `an audience is at most ${MAX_AUDIENCE} characters: the broker refuses a longer 'audience' in a request`,
    )
    // A refinement, not .regex: the JSON schema keeps `format: uri` (which already excludes control
    // characters); zod's URL check alone lets the WHATWG parser take them.
    .refine((a) => NO_CONTROL.test(a), {
      message: "an audience holds no control characters: the broker refuses them in a request's 'audience'",
    })
    .describe('The service audience URL: a broker-signed JWT with this `aud`.'),
  scope: z
    .array(
      z
        .string()
        .regex(
          SCOPE_TOKEN,
          "a scope value is one RFC 6749 scope-token: printable ASCII without space, '\"' or '\\' (list several values as several items)",
        ),
    )
    .default([])
    .describe(
      'Scope values the JWT may carry, each one RFC 6749 scope-token (printable ASCII, no space, `"` or `\\`): the JWT joins them with spaces, so a space inside one value would make several scopes at the resource server.',
    ),
  ttl: ttl.default(300),
  uses: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('How many times per run attempt the grant may be claimed.'),
  when: whenSchema.optional(),
});

export const credentialGrantSchema = z.union([githubGrantSchema, serviceGrantSchema]);

export const jobSchema = z.strictObject({
  permissions: manifestPermissionsSchema.default({}),
  secrets: z
    .array(z.string().min(1))
    .default([])
    .describe('Secret names the job may reference; `inherit` allows `secrets: inherit`.'),
  environments: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Deployment environments the job may use; the broker refuses a token whose `environment` is not one of them, and, when the list is not empty, a token that names none.',
    ),
  when: whenSchema.optional().describe('Conditions every credential grant of this job also requires (AND).'),
  credentials: z
    .array(credentialGrantSchema)
    .default([])
    .describe('Step-scoped credentials the broker may issue.'),
  calls: z
    .record(
      z.string().regex(/^[^/@\s]+\.ya?ml$/, 'a workflow file of this repository, e.g. build.yml'),
      z
        .array(
          z
            .string()
            .regex(/^[^/\s]+(\/[^/\s]+)?$/, 'JOB or JOB/STEP of the called workflow')
            .describe('A job of the called workflow (all its grants), or JOB/STEP (one grant).'),
        )
        .min(1),
    )
    .optional()
    .describe(
      "The caller's side of `callers:`: reusable workflows of this repository this job calls, and which of their grants (JOB or JOB/STEP) its runs may claim. Matches only when the broker verified the calling job (check_run_id).",
    ),
});

/**
 * A `jobs:` key is a job id GitHub allows (workflow/job-id.ts): a key it never allows (`__x`, `a.b`,
 * 100 characters) names no job a run can have, so its grants could never be claimed; refused at load
 * with the key's line instead of loading a grant that silently never applies.
 */
const jobKey = z
  .string()
  .regex(JOB_ID, 'a GitHub job id')
  .superRefine((key, ctx) => {
    const problem = jobIdProblem(key);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        message: `'${key}' is not a job id GitHub allows: ${problem}`,
        params: {
          fix: 'rename the job, in its workflow and here, to an id GitHub allows (ASCII letters, digits, _ and -, a letter or _ first, under 100 characters): GitHub refuses a workflow with any other job id',
        },
      });
  });

export const workflowSchema = z.strictObject({
  triggers: z
    .array(z.string().min(1))
    .optional()
    .describe('Events allowed in `on:`. When absent, every event but pull_request_target and workflow_run.'),
  jobs: z.record(jobKey, jobSchema).default({}),
  callers: z
    .array(
      z
        .string()
        .regex(/^[^/@\s]+\.ya?ml(\/[^/\s]+)?$/, 'FILE.yml or FILE.yml/JOB')
        .describe('A workflow file of this repository (optionally /JOB) allowed to call this one.'),
    )
    .optional()
    .describe(
      'For a reusable workflow: the caller workflows (and jobs) whose runs may claim its grants. Absent: no caller may.',
    ),
});

/**
 * The repositories whose `actions/enforce` counts as the gate for `missing-enforce` (exact
 * `owner/repo`, case-insensitive). Unset: any `OWNER/stepwarden` and a local `./actions/enforce`.
 */
const enforceRepositoriesSchema = z
  .array(z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/repo, no globs'))
  .min(1)
  .describe(
    'owner/repo of the stepwarden copies whose actions/enforce counts as the gate (unset: any OWNER/stepwarden, or ./actions/enforce); when the manifest and the organization both list, a gate must be in both.',
  );

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  repository: z
    .strictObject({
      name: z
        .string()
        .regex(/^[^/\s]+\/[^/\s]+$/)
        .optional()
        .describe('owner/repo'),
      id: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Numeric repository id (binds broker grants to it).'),
      'owner-id': z.number().int().positive().optional().describe('Numeric owner id.'),
      'default-branch': z
        .string()
        .min(1)
        .regex(/^[^\s*?[\]\\]+$/, 'a branch name')
        .optional()
        .describe(
          "The default branch, for brokers reading manifests from a directory (default main); a broker reading GitHub uses the repository's.",
        ),
    })
    .optional()
    .describe("The repository this manifest belongs to; the broker checks the OIDC token's ids against it."),
  defaults: z
    .strictObject({ permissions: manifestPermissionsSchema.default({}) })
    .default({ permissions: {} })
    .describe('For jobs the manifest does not list.'),
  policy: z
    .strictObject({
      'repository-default-permissions': z.enum(['permissive', 'restricted']).default('permissive'),
      'require-pinned-actions': z.boolean().default(true),
      'allowed-actions': z
        .array(z.string().min(1).superRefine(refuseGlobProblem))
        .optional()
        .describe('owner/repo globs'),
      'require-enforce': z
        .boolean()
        .optional()
        .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
      'enforce-repositories': enforceRepositoriesSchema.optional(),
    })
    .default({ 'repository-default-permissions': 'permissive', 'require-pinned-actions': true }),
  'trusted-workflows': z
    .array(
      z
        .string()
        .regex(
          /^[^/\s*?]+\/[^/\s*?]+\/\.github\/workflows\/[^/@\s*?]+\.ya?ml@(refs\/(heads|tags)\/[^\s*?[\]\\]+|[0-9a-f]{40})$/,
          'OWNER/REPO/.github/workflows/FILE.yml@refs/heads/BRANCH, @refs/tags/TAG or @<40-hex commit SHA>',
        ),
    )
    .default([])
    .describe(
      "Another repository's reusable workflows this repository's jobs may run with its grants: exact job_workflow_ref values, pinned to a ref or commit SHA.",
    ),
  workflows: z.record(z.string(), workflowSchema).default({}),
});

const ownerRepoPattern = z
  .string()
  .regex(/^[^/\s]+\/[^/\s]+$/, 'OWNER/REPO (globs allowed, e.g. acme/*)')
  .superRefine(refuseGlobProblem)
  .describe('OWNER/REPO of the repository whose manifest reaches out (glob).');
const enforcementMode = z
  .enum(['enforce', 'audit'])
  .default('enforce')
  .describe('`audit`: report what the rule would refuse, refuse nothing (for roll-out).');
/** A rule as a bare list (enforced) or `{ mode, allow }`. */
const orgRule = <T extends z.ZodType>(entry: T, what: string) =>
  z
    .union([z.array(entry), z.strictObject({ mode: enforcementMode, allow: z.array(entry).default([]) })])
    .transform((v) => (Array.isArray(v) ? { mode: 'enforce' as const, allow: v } : v))
    .describe(what);

/** Pins a rule's `from` to one repository by id, as the manifest's `repository.id` pins the manifest. */
const fromRepositoryId = numericId
  .optional()
  .describe(
    "The numeric id of the `from` repository (the OIDC token's repository_id): the rule then holds only for that repository, so one deleted and re-created, or another renamed into its name, does not inherit it.",
  );

export const crossRepositoryRuleSchema = z.strictObject({
  from: ownerRepoPattern,
  'repository-id': fromRepositoryId,
  to: z
    .array(
      z
        .string()
        .regex(/^[^/\s]+$/, 'a repository name of the same owner (glob)')
        .superRefine(refuseGlobProblem),
    )
    .min(1)
    .describe("Repository names (same owner) the `from` repositories' grants may cover."),
});

export const organizationPermissionRuleSchema = z.strictObject({
  from: ownerRepoPattern,
  'repository-id': fromRepositoryId,
  permissions: appPermissionMapSchema.describe('The highest level of each organization permission allowed.'),
});

export const orgGrantSchema = z.strictObject({
  repository: ownerRepoPattern,
  workflow: z.string().min(1).describe('Workflow file name, e.g. release.yml.'),
  job: z.string().min(1),
  credentials: z.array(credentialGrantSchema).min(1),
});

export const orgPolicySchema = z.strictObject({
  version: z.literal(1),
  'max-permissions': permissionMapSchema
    .optional()
    .describe('Highest GITHUB_TOKEN level per scope any job may be granted; unnamed scopes are none.'),
  'max-credential-permissions': appPermissionMapSchema
    .optional()
    .describe('Highest GitHub App permission any credential grant may carry; unnamed ones are none.'),
  'forbidden-triggers': z.array(z.string().min(1)).default([]),
  'require-pinned-actions': z.boolean().default(false),
  'allowed-actions': z.array(z.string().min(1).superRefine(refuseGlobProblem)).optional(),
  'max-credential-ttl': z.number().int().min(30).max(3600).optional(),
  'allow-cross-repository': orgRule(
    crossRepositoryRuleSchema,
    'Which repositories may hold credentials covering which other repositories (`repositories:` other than self). Unlisted: refused.',
  ).default({ mode: 'enforce', allow: [] }),
  'allow-organization-permissions': orgRule(
    organizationPermissionRuleSchema,
    'Which repositories may hold credentials with organization-level App permissions (members, organization-*). Unlisted: refused.',
  ).default({ mode: 'enforce', allow: [] }),
  'repository-manifests': z
    .enum(['grant', 'narrow-only'])
    .default('grant')
    .describe(
      '`narrow-only`: credential grants come only from `grants:` below; a repository manifest can only narrow them.',
    ),
  grants: z
    .array(orgGrantSchema)
    .default([])
    .describe('Credential grants of the organization (the only source of grants under narrow-only).'),
  'require-enforce': z
    .boolean()
    .optional()
    .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
  'enforce-repositories': enforceRepositoriesSchema.optional(),
});

export type Manifest = z.output<typeof manifestSchema>;

/** A manifest whose grants the broker can issue: bound to the numeric repository and owner ids. */
export type BoundManifest = Manifest & {
  readonly repository: NonNullable<Manifest['repository']> & {
    readonly id: number;
    readonly 'owner-id': number;
  };
};

/**
 * The broker binds grants to the OIDC token's numeric repository and owner ids and refuses a
 * manifest without both whole (ERR_MANIFEST_UNBOUND): the broker, the check's unbound-manifest rule
 * and the access diff (binding a manifest issues every grant it holds) read it here.
 */
export const isBound = (m: Manifest): m is BoundManifest =>
  m.repository?.id !== undefined && m.repository['owner-id'] !== undefined;
/**
 * A change from a base manifest the broker refused whole to a bound head issues every grant the head
 * holds, though their text may read the same: the access diff's grant rows and its `repository.id` /
 * `owner-id` rows both turn on this one answer (session 39).
 */
export const bindsUnbound = (base: Manifest | undefined, head: Manifest | undefined): boolean =>
  base !== undefined && head !== undefined && !isBound(base) && isBound(head);
export type ManifestWorkflow = z.output<typeof workflowSchema>;
export type ManifestJob = z.output<typeof jobSchema>;
export type CredentialGrant = z.output<typeof credentialGrantSchema>;
export type GithubGrant = z.output<typeof githubGrantSchema>;
export type ServiceGrant = z.output<typeof serviceGrantSchema>;
export type OrgPolicy = z.output<typeof orgPolicySchema>;
export type When = z.output<typeof whenSchema>;
export type OrgGrant = z.output<typeof orgGrantSchema>;

export function isGithubGrant(g: CredentialGrant): g is GithubGrant {
  return g.audience === 'github';
}
