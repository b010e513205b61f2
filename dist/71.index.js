export const id = 71;
export const ids = [71];
export const modules = {

/***/ 6377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Kk: () => (/* binding */ MAX_STEP),
/* harmony export */   W3: () => (/* binding */ CONTROL),
/* harmony export */   ek: () => (/* binding */ NO_CONTROL),
/* harmony export */   g7: () => (/* binding */ MAX_AUDIENCE),
/* harmony export */   mr: () => (/* binding */ MAX_SCOPE)
/* harmony export */ });
/**
 * The bounds of an exchange request's free-text fields, one source for the broker's form rule
 * (request.ts `field`, `exchangeRequestOf`, the chained exchange) and the manifest schema (a grant's
 * `step` and `audience` are what the request carries: a grant the broker can never be asked for must
 * not load). No imports: the manifest schema reads it without pulling in the broker.
 */
/** At most this many characters in a request's `step` (a grant's `step` likewise). */
const MAX_STEP = 256;
/** At most this many characters in a request's `audience` (a service grant's `audience` likewise). */
const MAX_AUDIENCE = 256;
/** At most this many characters in a request's `scope` (the space-joined list). */
const MAX_SCOPE = 1024;
/** A C0 control character or DEL: never in a request field. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
/** The same rule as a whole-string pattern (what the JSON schema of the manifest carries). */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;


/***/ }),

/***/ 7071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BR: () => (/* binding */ PERMISSION_SHORTHANDS),
/* harmony export */   Cq: () => (/* binding */ orgPolicySchema),
/* harmony export */   Ed: () => (/* binding */ isGithubGrant),
/* harmony export */   Lj: () => (/* binding */ SCOPE_TOKEN),
/* harmony export */   U4: () => (/* binding */ MANIFEST_PATH),
/* harmony export */   VQ: () => (/* binding */ expandPermissionShorthand),
/* harmony export */   Vt: () => (/* binding */ isBound),
/* harmony export */   Xf: () => (/* binding */ serviceGrantSchema),
/* harmony export */   Y9: () => (/* binding */ bindsUnbound),
/* harmony export */   h1: () => (/* binding */ permissionMapSchema),
/* harmony export */   jp: () => (/* binding */ PARSE_OPTIONS),
/* harmony export */   rc: () => (/* binding */ manifestSchema),
/* harmony export */   tm: () => (/* binding */ PERMISSION_SHORTHAND_NAMES),
/* harmony export */   tn: () => (/* binding */ githubGrantSchema)
/* harmony export */ });
/* unused harmony exports manifestPermissionsSchema, appPermissionMapSchema, whenSchema, credentialGrantSchema, jobSchema, workflowSchema, crossRepositoryRuleSchema, organizationPermissionRuleSchema, orgGrantSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2857);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/* harmony import */ var _permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1923);
/* harmony import */ var _conditions_glob_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6863);
/* harmony import */ var _workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3387);
/* harmony import */ var _oidc_claims_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(953);
/* harmony import */ var _broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6377);
/**
 * The access manifest (`.github/access-manifest.yml`) and the organization policy: the one source of
 * truth of their shape. The loader validates with these schemas, the JSON Schema files in `schema/`
 * are generated from them (`npm run schema`), and the types below are inferred from them.
 */







const MANIFEST_PATH = '.github/access-manifest.yml';
/**
 * How every manifest and organization policy is validated: without zod's generated fast path. zod
 * writes and compiles (`new Function`) a parser per object schema on its first parse; a manifest is
 * parsed once a process, so that compile never paid back: a small check ran 5 % fewer instructions
 * without it, the 9,713-line corpus manifest 0.9 % fewer on the main thread (docs/performance.md,
 * session 37). Same data and issues (tests/manifest/s37-jitless.test.ts). Per call, not
 * `z.config`: the audit parses up to a million events with its own schema and keeps the fast path.
 */
const PARSE_OPTIONS = { jitless: true };
const scopeShape = Object.fromEntries(_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPE_NAMES */ ._W.map((s) => [
    s,
    zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPES */ .iW[s].levels)
        .optional()
        .describe(_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPES */ .iW[s].description),
]));
/** `GITHUB_TOKEN` scopes: read | write | none; unnamed scopes are none. */
const permissionMapSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej(scopeShape)
    .describe('GITHUB_TOKEN scopes and their level (read | write | none). Unnamed scopes are none.');
/**
 * One-word spellings of a whole permission map, for the manifest's job and default permissions:
 * `permissive-default` / `restricted-default` are what an omitted `permissions:` gives under that
 * repository default (the scopes table's columns: `init` writes this for a job with no block, one line
 * instead of one per scope), `read-all` / `write-all` mean what they mean in a workflow. Each is
 * expanded to the map it stands for when the manifest is read, so every consumer sees a map.
 */
const PERMISSION_SHORTHANDS = {
    'permissive-default': () => (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .repositoryDefault */ .Ek)('permissive'),
    'restricted-default': () => (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .repositoryDefault */ .Ek)('restricted'),
    'read-all': () => (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)('read'),
    'write-all': () => (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)('write'),
};
const PERMISSION_SHORTHAND_NAMES = Object.keys(PERMISSION_SHORTHANDS);
const EXPANDED = {};
/** The permission map a shorthand stands for (unnamed scopes none, as in a written map). */
function expandPermissionShorthand(name) {
    // A fresh copy of a map computed once per word: zod runs this for nearly every job of an
    // `init`-written manifest (2,800 times on the bench repository).
    return { ...(EXPANDED[name] ??= (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .compact */ .oE)(PERMISSION_SHORTHANDS[name]())) };
}
/** A manifest's job or default permissions: a map of scopes or a shorthand for a whole map. */
const manifestPermissionsSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([
    // The word first: a union that fails a branch builds that branch's issues, and most jobs that
    // `init` wrote hold a word. The loader judges a failing mapping against the map alone.
    zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(PERMISSION_SHORTHAND_NAMES)
        .transform((v) => expandPermissionShorthand(v)),
    permissionMapSchema,
])
    .describe('GITHUB_TOKEN scopes and their level (read | write | none; unnamed scopes are none), or one word for a whole map: permissive-default / restricted-default (what an omitted `permissions:` gives under that repository default), read-all, write-all.');
const appShape = Object.fromEntries(Object.entries(_permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_1__/* .APP_PERMISSIONS */ .d).map(([name, p]) => [
    name,
    zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(p.levels)
        .optional()
        .describe(p.description),
]));
/** GitHub App installation-token permissions (kebab-case of the API's names). */
const appPermissionMapSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej(appShape)
    .describe('GitHub App permissions for the installation token (kebab-case, e.g. pull-requests: write).');
/**
 * Every glob a manifest or policy holds is checked by one function (shared/conditions/glob.ts), so
 * the check, the diff, the gate and the broker all refuse `[!m]` and the other bracket spellings
 * whose meaning is not the documented one; the fix travels in `params.fix` (load.ts prints it).
 */
function refuseGlobProblem(value, ctx) {
    const problem = (0,_conditions_glob_js__WEBPACK_IMPORTED_MODULE_2__/* .globProblem */ .AI)(value);
    if (problem)
        ctx.addIssue({ code: 'custom', message: problem.message, params: { fix: problem.fix } });
}
/**
 * A condition pattern: a glob (shared/conditions/glob.ts: anchored, `*` never crosses `/`). Control
 * characters are refused so a pattern prints as written in a refusal.
 */
const conditionPattern = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
    .min(1)
    .max(256)
    // Matching control characters is the point here (they are refused); the pattern also reaches the JSON Schema.
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]+$/, 'no control characters')
    .superRefine(refuseGlobProblem);
const patternList = (what) => zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([conditionPattern, zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(conditionPattern).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .describe(what);
const numericId = zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(_oidc_claims_js__WEBPACK_IMPORTED_MODULE_4__/* .NUMERIC_ID */ .aq, 'a numeric id'), zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive()])
    .transform(String);
const runnerEnvironment = zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['github-hosted', 'self-hosted']);
/**
 * `when:` on a credential grant (and on a job): every listed condition must hold (AND) against the
 * verified OIDC token's claims; a claim the token lacks fails its condition.
 */
const whenSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    ref: patternList("Refs the token's `ref` claim must match (globs). When neither the grant nor its job names one: the default branch only.").optional(),
    'ref-protected': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().optional().describe("The token's `ref_protected` claim must be this."),
    environment: patternList("Deployment environments the token's `environment` claim must match.").optional(),
    event: patternList("Events the token's `event_name` must match (narrows the workflow's triggers).").optional(),
    'runner-environment': zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([runnerEnvironment, zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(runnerEnvironment).min(1)])
        .transform((v) => (Array.isArray(v) ? v : [v]))
        .optional()
        .describe("`github-hosted` or `self-hosted`: the token's `runner_environment`."),
    'actor-id': zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([numericId, zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(numericId).min(1)])
        .transform((v) => (Array.isArray(v) ? v : [v]))
        .optional()
        .describe("Numeric user ids (never logins, which can be renamed and re-registered): the token's `actor_id`, on a first run attempt only (a re-run keeps the first attempt's actor and does not say who re-ran it)."),
    claims: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(/^[a-z][a-z0-9_]{0,99}$/, 'a claim name (lower case, digits, _)'), zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([conditionPattern, zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY(), zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(conditionPattern).min(1)]))
        .optional()
        .describe('Any other string or boolean claim (e.g. repo_property_tier): exact value, glob, list of globs, or true/false.'),
})
    .describe('Conditions on the OIDC token; every one listed must hold.');
const ttl = zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().min(30).max(3600).describe('Lifetime ceiling in seconds (30..3600).');
/**
 * RFC 6749 \u00a73.3 scope-token: 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E. The JWT's `scope` is the
 * values joined by spaces, so a value outside this (a space, a tab, a non-ASCII space) would be read
 * as several scopes, or as one the author did not write, by the resource server.
 */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;
/**
 * A grant's `step` is what a request's `step` must equal, so it holds to the broker's form rule
 * (request-bounds.ts, the one source): a longer one, or one with a control character, could never be
 * asked for (the broker refuses the request before it reads any manifest), so it is refused here.
 */
const grantStep = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
    .min(1)
    .max(_broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .MAX_STEP */ .Kk, `a step is at most ${_broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .MAX_STEP */ .Kk} characters: the broker refuses a longer 'step' in a request`)
    .regex(_broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .NO_CONTROL */ .ek, "a step holds no control characters: the broker refuses them in a request's 'step'")
    .describe('The step id (or name) that may claim this credential.');
const githubGrantSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    step: grantStep,
    audience: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz('github').describe('`github`: a GitHub App installation token.'),
    permissions: appPermissionMapSchema,
    repositories: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1))
        .min(1)
        .default(['self'])
        .describe("Repository names the token covers; `self` is the workflow's own repository."),
    ttl: ttl.default(300),
    uses: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig()
        .int()
        .min(1)
        .max(100)
        .default(1)
        .describe('How many times per run attempt the grant may be claimed.'),
    when: whenSchema.optional(),
});
const serviceGrantSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    step: grantStep,
    audience: zod__WEBPACK_IMPORTED_MODULE_5__/* .url */ .OZ5({ protocol: /^https?$/ })
        .max(_broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .MAX_AUDIENCE */ .g7, `an audience is at most ${_broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .MAX_AUDIENCE */ .g7} characters: the broker refuses a longer 'audience' in a request`)
        // A refinement, not .regex: the JSON schema keeps `format: uri` (which already excludes control
        // characters); zod's URL check alone lets the WHATWG parser take them.
        .refine((a) => _broker_request_bounds_js__WEBPACK_IMPORTED_MODULE_6__/* .NO_CONTROL */ .ek.test(a), {
        message: "an audience holds no control characters: the broker refuses them in a request's 'audience'",
    })
        .describe('The service audience URL: a broker-signed JWT with this `aud`.'),
    scope: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(SCOPE_TOKEN, "a scope value is one RFC 6749 scope-token: printable ASCII without space, '\"' or '\\' (list several values as several items)"))
        .default([])
        .describe('Scope values the JWT may carry, each one RFC 6749 scope-token (printable ASCII, no space, `"` or `\\`): the JWT joins them with spaces, so a space inside one value would make several scopes at the resource server.'),
    ttl: ttl.default(300),
    uses: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig()
        .int()
        .min(1)
        .max(100)
        .default(1)
        .describe('How many times per run attempt the grant may be claimed.'),
    when: whenSchema.optional(),
});
const credentialGrantSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([githubGrantSchema, serviceGrantSchema]);
const jobSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    permissions: manifestPermissionsSchema.default({}),
    secrets: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1))
        .default([])
        .describe('Secret names the job may reference; `inherit` allows `secrets: inherit`.'),
    environments: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1))
        .default([])
        .describe('Deployment environments the job may use; the broker refuses a token whose `environment` is not one of them, and, when the list is not empty, a token that names none.'),
    when: whenSchema.optional().describe('Conditions every credential grant of this job also requires (AND).'),
    credentials: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(credentialGrantSchema)
        .default([])
        .describe('Step-scoped credentials the broker may issue.'),
    calls: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(/^[^/@\s]+\.ya?ml$/, 'a workflow file of this repository, e.g. build.yml'), zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(/^[^/\s]+(\/[^/\s]+)?$/, 'JOB or JOB/STEP of the called workflow')
        .describe('A job of the called workflow (all its grants), or JOB/STEP (one grant).'))
        .min(1))
        .optional()
        .describe("The caller's side of `callers:`: reusable workflows of this repository this job calls, and which of their grants (JOB or JOB/STEP) its runs may claim. Matches only when the broker verified the calling job (check_run_id)."),
});
/**
 * A `jobs:` key is a job id GitHub allows (workflow/job-id.ts): a key it never allows (`__x`, `a.b`,
 * 100 characters) names no job a run can have, so its grants could never be claimed; refused at load
 * with the key's line instead of loading a grant that silently never applies.
 */
const jobKey = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
    .regex(_workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__/* .JOB_ID */ .mu, 'a GitHub job id')
    .superRefine((key, ctx) => {
    const problem = (0,_workflow_job_id_js__WEBPACK_IMPORTED_MODULE_3__/* .jobIdProblem */ .M3)(key);
    if (problem)
        ctx.addIssue({
            code: 'custom',
            message: `'${key}' is not a job id GitHub allows: ${problem}`,
            params: {
                fix: 'rename the job, in its workflow and here, to an id GitHub allows (ASCII letters, digits, _ and -, a letter or _ first, under 100 characters): GitHub refuses a workflow with any other job id',
            },
        });
});
const workflowSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    triggers: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1))
        .optional()
        .describe('Events allowed in `on:`. When absent, every event but pull_request_target and workflow_run.'),
    jobs: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(jobKey, jobSchema).default({}),
    callers: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(/^[^/@\s]+\.ya?ml(\/[^/\s]+)?$/, 'FILE.yml or FILE.yml/JOB')
        .describe('A workflow file of this repository (optionally /JOB) allowed to call this one.'))
        .optional()
        .describe('For a reusable workflow: the caller workflows (and jobs) whose runs may claim its grants. Absent: no caller may.'),
});
/**
 * The repositories whose `actions/enforce` counts as the gate for `missing-enforce` (exact
 * `owner/repo`, case-insensitive). Unset: any `OWNER/stepwarden` and a local `./actions/enforce`.
 */
const enforceRepositoriesSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, 'owner/repo, no globs'))
    .min(1)
    .describe('owner/repo of the stepwarden copies whose actions/enforce counts as the gate (unset: any OWNER/stepwarden, or ./actions/enforce); when the manifest and the organization both list, a gate must be in both.');
const manifestSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    version: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1),
    repository: zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
        name: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
            .regex(/^[^/\s]+\/[^/\s]+$/)
            .optional()
            .describe('owner/repo'),
        id: zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig()
            .int()
            .positive()
            .optional()
            .describe('Numeric repository id (binds broker grants to it).'),
        'owner-id': zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().positive().optional().describe('Numeric owner id.'),
        'default-branch': zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
            .min(1)
            .regex(/^[^\s*?[\]\\]+$/, 'a branch name')
            .optional()
            .describe("The default branch, for brokers reading manifests from a directory (default main); a broker reading GitHub uses the repository's."),
    })
        .optional()
        .describe("The repository this manifest belongs to; the broker checks the OIDC token's ids against it."),
    defaults: zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({ permissions: manifestPermissionsSchema.default({}) })
        .default({ permissions: {} })
        .describe('For jobs the manifest does not list.'),
    policy: zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
        'repository-default-permissions': zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['permissive', 'restricted']).default('permissive'),
        'require-pinned-actions': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().default(true),
        'allowed-actions': zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).superRefine(refuseGlobProblem))
            .optional()
            .describe('owner/repo globs'),
        'require-enforce': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY()
            .optional()
            .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
        'enforce-repositories': enforceRepositoriesSchema.optional(),
    })
        .default({ 'repository-default-permissions': 'permissive', 'require-pinned-actions': true }),
    'trusted-workflows': zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(/^[^/\s*?]+\/[^/\s*?]+\/\.github\/workflows\/[^/@\s*?]+\.ya?ml@(refs\/(heads|tags)\/[^\s*?[\]\\]+|[0-9a-f]{40})$/, 'OWNER/REPO/.github/workflows/FILE.yml@refs/heads/BRANCH, @refs/tags/TAG or @<40-hex commit SHA>'))
        .default([])
        .describe("Another repository's reusable workflows this repository's jobs may run with its grants: exact job_workflow_ref values, pinned to a ref or commit SHA."),
    workflows: zod__WEBPACK_IMPORTED_MODULE_5__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP(), workflowSchema).default({}),
});
const ownerRepoPattern = zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
    .regex(/^[^/\s]+\/[^/\s]+$/, 'OWNER/REPO (globs allowed, e.g. acme/*)')
    .superRefine(refuseGlobProblem)
    .describe('OWNER/REPO of the repository whose manifest reaches out (glob).');
const enforcementMode = zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['enforce', 'audit'])
    .default('enforce')
    .describe('`audit`: report what the rule would refuse, refuse nothing (for roll-out).');
/** A rule as a bare list (enforced) or `{ mode, allow }`. */
const orgRule = (entry, what) => zod__WEBPACK_IMPORTED_MODULE_5__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(entry), zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({ mode: enforcementMode, allow: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(entry).default([]) })])
    .transform((v) => (Array.isArray(v) ? { mode: 'enforce', allow: v } : v))
    .describe(what);
/** Pins a rule's `from` to one repository by id, as the manifest's `repository.id` pins the manifest. */
const fromRepositoryId = numericId
    .optional()
    .describe("The numeric id of the `from` repository (the OIDC token's repository_id): the rule then holds only for that repository, so one deleted and re-created, or another renamed into its name, does not inherit it.");
const crossRepositoryRuleSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    from: ownerRepoPattern,
    'repository-id': fromRepositoryId,
    to: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP()
        .regex(/^[^/\s]+$/, 'a repository name of the same owner (glob)')
        .superRefine(refuseGlobProblem))
        .min(1)
        .describe("Repository names (same owner) the `from` repositories' grants may cover."),
});
const organizationPermissionRuleSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    from: ownerRepoPattern,
    'repository-id': fromRepositoryId,
    permissions: appPermissionMapSchema.describe('The highest level of each organization permission allowed.'),
});
const orgGrantSchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    repository: ownerRepoPattern,
    workflow: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).describe('Workflow file name, e.g. release.yml.'),
    job: zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1),
    credentials: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(credentialGrantSchema).min(1),
});
const orgPolicySchema = zod__WEBPACK_IMPORTED_MODULE_5__/* .strictObject */ .rej({
    version: zod__WEBPACK_IMPORTED_MODULE_5__/* .literal */ .euz(1),
    'max-permissions': permissionMapSchema
        .optional()
        .describe('Highest GITHUB_TOKEN level per scope any job may be granted; unnamed scopes are none.'),
    'max-credential-permissions': appPermissionMapSchema
        .optional()
        .describe('Highest GitHub App permission any credential grant may carry; unnamed ones are none.'),
    'forbidden-triggers': zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1)).default([]),
    'require-pinned-actions': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY().default(false),
    'allowed-actions': zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_5__/* .string */ .YjP().min(1).superRefine(refuseGlobProblem)).optional(),
    'max-credential-ttl': zod__WEBPACK_IMPORTED_MODULE_5__/* .number */ .aig().int().min(30).max(3600).optional(),
    'allow-cross-repository': orgRule(crossRepositoryRuleSchema, 'Which repositories may hold credentials covering which other repositories (`repositories:` other than self). Unlisted: refused.').default({ mode: 'enforce', allow: [] }),
    'allow-organization-permissions': orgRule(organizationPermissionRuleSchema, 'Which repositories may hold credentials with organization-level App permissions (members, organization-*). Unlisted: refused.').default({ mode: 'enforce', allow: [] }),
    'repository-manifests': zod__WEBPACK_IMPORTED_MODULE_5__/* ["enum"] */ .k5n(['grant', 'narrow-only'])
        .default('grant')
        .describe('`narrow-only`: credential grants come only from `grants:` below; a repository manifest can only narrow them.'),
    grants: zod__WEBPACK_IMPORTED_MODULE_5__/* .array */ .YOg(orgGrantSchema)
        .default([])
        .describe('Credential grants of the organization (the only source of grants under narrow-only).'),
    'require-enforce': zod__WEBPACK_IMPORTED_MODULE_5__/* .boolean */ .zMY()
        .optional()
        .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
    'enforce-repositories': enforceRepositoriesSchema.optional(),
});
/**
 * The broker binds grants to the OIDC token's numeric repository and owner ids and refuses a
 * manifest without both whole (ERR_MANIFEST_UNBOUND): the broker, the check's unbound-manifest rule
 * and the access diff (binding a manifest issues every grant it holds) read it here.
 */
const isBound = (m) => m.repository?.id !== undefined && m.repository['owner-id'] !== undefined;
/**
 * A change from a base manifest the broker refused whole to a bound head issues every grant the head
 * holds, though their text may read the same: the access diff's grant rows and its `repository.id` /
 * `owner-id` rows both turn on this one answer (session 39).
 */
const bindsUnbound = (base, head) => base !== undefined && head !== undefined && !isBound(base) && isBound(head);
function isGithubGrant(g) {
    return g.audience === 'github';
}


/***/ }),

/***/ 1923:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ APP_PERMISSIONS)
/* harmony export */ });
// Generated by scripts/gen-app-permissions.mjs from @octokit/openapi (app-permissions). Do not edit.
/** GitHub App installation-token permissions, keyed by the kebab-case name the manifest uses. */
const APP_PERMISSIONS = {
    'actions': { api: 'actions', levels: ["read", "write"], description: 'The level of permission to grant the access token for GitHub Actions workflows, workflow runs, and artifacts.' },
    'administration': { api: 'administration', levels: ["read", "write"], description: 'The level of permission to grant the access token for repository creation, deletion, settings, teams, and collaborators creation.' },
    'artifact-metadata': { api: 'artifact_metadata', levels: ["read", "write"], description: 'The level of permission to grant the access token to create and retrieve build artifact metadata records.' },
    'attestations': { api: 'attestations', levels: ["read", "write"], description: 'The level of permission to create and retrieve the access token for repository attestations.' },
    'checks': { api: 'checks', levels: ["read", "write"], description: 'The level of permission to grant the access token for checks on code.' },
    'code-quality': { api: 'code_quality', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage code quality data.' },
    'codespaces': { api: 'codespaces', levels: ["read", "write"], description: 'The level of permission to grant the access token to create, edit, delete, and list Codespaces.' },
    'contents': { api: 'contents', levels: ["read", "write"], description: 'The level of permission to grant the access token for repository contents, commits, branches, downloads, releases, and merges.' },
    'dependabot-secrets': { api: 'dependabot_secrets', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage Dependabot secrets.' },
    'deployments': { api: 'deployments', levels: ["read", "write"], description: 'The level of permission to grant the access token for deployments and deployment statuses.' },
    'discussions': { api: 'discussions', levels: ["read", "write"], description: 'The level of permission to grant the access token for discussions and related comments and labels.' },
    'environments': { api: 'environments', levels: ["read", "write"], description: 'The level of permission to grant the access token for managing repository environments.' },
    'issues': { api: 'issues', levels: ["read", "write"], description: 'The level of permission to grant the access token for issues and related comments, assignees, labels, and milestones.' },
    'merge-queues': { api: 'merge_queues', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage the merge queues for a repository.' },
    'metadata': { api: 'metadata', levels: ["read", "write"], description: 'The level of permission to grant the access token to search repositories, list collaborators, and access repository metadata.' },
    'packages': { api: 'packages', levels: ["read", "write"], description: 'The level of permission to grant the access token for packages published to GitHub Packages.' },
    'pages': { api: 'pages', levels: ["read", "write"], description: 'The level of permission to grant the access token to retrieve Pages statuses, configuration, and builds, as well as create new builds.' },
    'pull-requests': { api: 'pull_requests', levels: ["read", "write"], description: 'The level of permission to grant the access token for pull requests and related comments, assignees, labels, milestones, and merges.' },
    'repository-custom-properties': { api: 'repository_custom_properties', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and edit custom properties for a repository, when allowed by the property.' },
    'repository-hooks': { api: 'repository_hooks', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage the post-receive hooks for a repository.' },
    'repository-projects': { api: 'repository_projects', levels: ["read", "write", "admin"], description: 'The level of permission to grant the access token to manage repository projects, columns, and cards.' },
    'secret-scanning-alerts': { api: 'secret_scanning_alerts', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage secret scanning alerts.' },
    'secrets': { api: 'secrets', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage repository secrets.' },
    'security-events': { api: 'security_events', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage security events like code scanning alerts.' },
    'single-file': { api: 'single_file', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage just a single file.' },
    'statuses': { api: 'statuses', levels: ["read", "write"], description: 'The level of permission to grant the access token for commit statuses.' },
    'vulnerability-alerts': { api: 'vulnerability_alerts', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage Dependabot alerts.' },
    'workflows': { api: 'workflows', levels: ["write"], description: 'The level of permission to grant the access token to update GitHub Actions workflow files.' },
    'custom-properties-for-organizations': { api: 'custom_properties_for_organizations', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and edit custom properties for an organization, when allowed by the property.' },
    'members': { api: 'members', levels: ["read", "write"], description: 'The level of permission to grant the access token for organization teams and members.' },
    'organization-administration': { api: 'organization_administration', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage access to an organization.' },
    'organization-custom-roles': { api: 'organization_custom_roles', levels: ["read", "write"], description: 'The level of permission to grant the access token for custom repository roles management.' },
    'organization-custom-org-roles': { api: 'organization_custom_org_roles', levels: ["read", "write"], description: 'The level of permission to grant the access token for custom organization roles management.' },
    'organization-custom-properties': { api: 'organization_custom_properties', levels: ["read", "write", "admin"], description: 'The level of permission to grant the access token for repository custom properties management at the organization level.' },
    'organization-copilot-seat-management': { api: 'organization_copilot_seat_management', levels: ["read", "write"], description: 'The level of permission to grant the access token for managing access to GitHub Copilot for members of an organization with a Copilot Business subscription. This property is in public preview and is subject to change.' },
    'organization-copilot-agent-settings': { api: 'organization_copilot_agent_settings', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage Copilot cloud agent settings for an organization.' },
    'organization-announcement-banners': { api: 'organization_announcement_banners', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage announcement banners for an organization.' },
    'organization-events': { api: 'organization_events', levels: ["read"], description: 'The level of permission to grant the access token to view events triggered by an activity in an organization.' },
    'organization-hooks': { api: 'organization_hooks', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage the post-receive hooks for an organization.' },
    'organization-personal-access-tokens': { api: 'organization_personal_access_tokens', levels: ["read", "write"], description: 'The level of permission to grant the access token for viewing and managing fine-grained personal access token requests to an organization.' },
    'organization-personal-access-token-requests': { api: 'organization_personal_access_token_requests', levels: ["read", "write"], description: 'The level of permission to grant the access token for viewing and managing fine-grained personal access tokens that have been approved by an organization.' },
    'organization-plan': { api: 'organization_plan', levels: ["read"], description: 'The level of permission to grant the access token for viewing an organization\'s plan.' },
    'organization-projects': { api: 'organization_projects', levels: ["read", "write", "admin"], description: 'The level of permission to grant the access token to manage organization projects and projects public preview (where available).' },
    'organization-packages': { api: 'organization_packages', levels: ["read", "write"], description: 'The level of permission to grant the access token for organization packages published to GitHub Packages.' },
    'organization-secrets': { api: 'organization_secrets', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage organization secrets.' },
    'organization-self-hosted-runners': { api: 'organization_self_hosted_runners', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage GitHub Actions self-hosted runners available to an organization.' },
    'organization-user-blocking': { api: 'organization_user_blocking', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage users blocked by the organization.' },
    'email-addresses': { api: 'email_addresses', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage the email addresses belonging to a user.' },
    'followers': { api: 'followers', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage the followers belonging to a user.' },
    'git-ssh-keys': { api: 'git_ssh_keys', levels: ["read", "write"], description: 'The level of permission to grant the access token to manage git SSH keys.' },
    'gpg-keys': { api: 'gpg_keys', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage GPG keys belonging to a user.' },
    'interaction-limits': { api: 'interaction_limits', levels: ["read", "write"], description: 'The level of permission to grant the access token to view and manage interaction limits on a repository.' },
    'profile': { api: 'profile', levels: ["write"], description: 'The level of permission to grant the access token to manage the profile settings belonging to a user.' },
    'starring': { api: 'starring', levels: ["read", "write"], description: 'The level of permission to grant the access token to list and manage repositories a user is starring.' },
    'enterprise-custom-properties-for-organizations': { api: 'enterprise_custom_properties_for_organizations', levels: ["read", "write", "admin"], description: 'The level of permission to grant the access token for organization custom properties management at the enterprise level.' },
};


/***/ }),

/***/ 8276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ repositoryDefault),
/* harmony export */   K_: () => (/* binding */ sameLevels),
/* harmony export */   Le: () => (/* binding */ levelRank),
/* harmony export */   Lf: () => (/* binding */ maxLevel),
/* harmony export */   NW: () => (/* binding */ isLevel),
/* harmony export */   Pi: () => (/* binding */ uniform),
/* harmony export */   T2: () => (/* binding */ isScope),
/* harmony export */   _W: () => (/* binding */ SCOPE_NAMES),
/* harmony export */   iW: () => (/* binding */ SCOPES),
/* harmony export */   oE: () => (/* binding */ compact),
/* harmony export */   xY: () => (/* binding */ fromMap),
/* harmony export */   y$: () => (/* binding */ intersect),
/* harmony export */   y7: () => (/* binding */ validLevels)
/* harmony export */ });
/* unused harmony exports LEVELS, minLevel, clampToScope */
/**
 * The one table of GITHUB_TOKEN permission scopes. Code, docs and the JSON schemas read it; a test
 * holds it equal to the scope list of GitHub's own workflow schema (`@actions/workflow-parser`).
 */
const LEVELS = (/* unused pure expression or super */ null && (['none', 'read', 'write']));
const ANY = ['none', 'read', 'write'];
const READ_OR_NONE = ['none', 'read'];
const WRITE_OR_NONE = ['none', 'write'];
/*
 * Permissive defaults: GitHub documents read/write for every scope but `id-token` (none). Scopes that
 * only accept read|none take read. `copilot-requests` (write|none) is an opt-in billing scope like
 * `id-token`, so it defaults to none; see docs/permissions.md for the decision.
 */
const SCOPES = {
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
};
const SCOPE_NAMES = Object.keys(SCOPES);
function isScope(name) {
    return Object.prototype.hasOwnProperty.call(SCOPES, name);
}
function isLevel(value) {
    return value === 'none' || value === 'read' || value === 'write';
}
function levelRank(level) {
    return level === 'write' ? 2 : level === 'read' ? 1 : 0;
}
function minLevel(a, b) {
    return levelRank(a) <= levelRank(b) ? a : b;
}
function maxLevel(a, b) {
    return levelRank(a) >= levelRank(b) ? a : b;
}
/** Levels a scope accepts, best first, for error messages. */
function validLevels(scope) {
    return SCOPES[scope].levels;
}
/** Sets computed once (uniform per level, the repository defaults); callers get copies. */
const UNIFORM = {};
const DEFAULTS = {};
/** Every scope at `level`, clamped to what each scope accepts (write-all gives models: read). */
function uniform(level) {
    // A fresh copy of a set computed once per level: the check builds several per job.
    return { ...(UNIFORM[level] ??= computeUniform(level)) };
}
function computeUniform(level) {
    const out = {};
    for (const s of SCOPE_NAMES)
        out[s] = clampToScope(s, level);
    return out;
}
/** The highest level the scope accepts that does not exceed `level`. */
function clampToScope(scope, level) {
    const allowed = SCOPES[scope].levels;
    let best = 'none';
    for (const l of allowed)
        if (levelRank(l) <= levelRank(level) && levelRank(l) > levelRank(best))
            best = l;
    return best;
}
function repositoryDefault(kind) {
    return { ...(DEFAULTS[kind] ??= computeDefault(kind)) };
}
function computeDefault(kind) {
    const out = {};
    for (const s of SCOPE_NAMES)
        out[s] = SCOPES[s][kind];
    return out;
}
/** A partial map made full: unnamed scopes are none (GitHub's rule once any scope is named). */
function fromMap(map) {
    const out = uniform('none');
    for (const [s, l] of Object.entries(map))
        out[s] = l;
    return out;
}
/** Scope-wise minimum: what a capped token (e.g. a reusable workflow's job) actually holds. */
function intersect(a, b) {
    const out = {};
    for (let i = 0; i < SCOPE_NAMES.length; i++) {
        const s = SCOPE_NAMES[i];
        out[s] = minLevel(a[s], b[s]);
    }
    return out;
}
/** Only the scopes above none, in table order: the compact form used in JSON output and manifests. */
function compact(set) {
    // The levels as two masks (scopes above none, scopes at write: 20 bits each, small integers), and
    // the map made once per pair of masks, handed out as a copy. Built key by key, each map cost a
    // property store with a shape transition per scope (about 18,000 instructions a job without
    // Turbofan, 50 M on the bench corpus); a copy of a map of one shape is one clone. A value that is
    // no level is copied as it is, uncached, as before.
    if (!MASKABLE)
        return compactEach(set);
    let above = 0;
    let write = 0;
    for (let i = 0; i < SCOPE_NAMES.length; i++) {
        const level = set[SCOPE_NAMES[i]];
        if (level === 'none')
            continue;
        if (level === 'write')
            write |= 1 << i;
        else if (level !== 'read')
            return compactEach(set);
        above |= 1 << i;
    }
    let byWrite = COMPACT.get(above);
    if (!byWrite)
        COMPACT.set(above, (byWrite = new Map()));
    let map = byWrite.get(write);
    if (!map)
        byWrite.set(write, (map = compactEach(set)));
    // Never the cached map itself: a caller may change the one it is given.
    return { ...map };
}
/** `compact`'s maps by their two masks; never handed out (callers get copies). */
const MASKABLE = SCOPE_NAMES.length <= 30;
const COMPACT = new Map();
function compactEach(set) {
    const out = {};
    for (let i = 0; i < SCOPE_NAMES.length; i++) {
        const s = SCOPE_NAMES[i];
        if (set[s] !== 'none')
            out[s] = set[s];
    }
    return out;
}
/** Whether two sets give every scope the same level. */
function sameLevels(a, b) {
    return SCOPE_NAMES.every((s) => a[s] === b[s]);
}


/***/ }),

/***/ 3387:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M3: () => (/* binding */ jobIdProblem),
/* harmony export */   mu: () => (/* binding */ JOB_ID)
/* harmony export */ });
/* unused harmony export JOB_ID_MAX_LENGTH */
/* harmony import */ var _keys_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9512);
/**
 * GitHub's rule for a job id (a `jobs:` key), in one place: the broker's `job=` (request.ts), the
 * manifest's `jobs:` keys (manifest/schema.ts) and the workflow reader (parse.ts) all apply it. GitHub
 * applies the same IdBuilder rule to step `id:`s, so parse.ts applies it there too (session 26).
 * `@actions/workflow-parser` model/converter/id-builder.ts `tryAddKnownId` (actions/languageservices,
 * read at 4043eda): ASCII letters, digits, `_` and `-`; a letter or `_` first; fewer than 100
 * characters; `__` first is reserved. (The schema's `job-id` text says only the first two.)
 */

const JOB_ID_MAX_LENGTH = 99;
const JOB_ID = /^(?!__)[A-Za-z_][A-Za-z0-9_-]{0,98}$/;
/** Why GitHub refuses `id` as a job id (its words, with the first offending character), or undefined. */
function jobIdProblem(id) {
    if (JOB_ID.test(id))
        return undefined;
    if (!id)
        return 'it is empty';
    if (id.startsWith('__'))
        return "ids starting with '__' are reserved";
    if (id.length > JOB_ID_MAX_LENGTH)
        return `it is ${id.length} characters; GitHub takes fewer than 100`;
    const lookAlike = (0,_keys_js__WEBPACK_IMPORTED_MODULE_0__/* .invalidId */ .pu)(id);
    if (lookAlike)
        return lookAlike;
    if (!/^[A-Za-z_]/.test(id))
        return `it starts with ${JSON.stringify(id[0])}; an id starts with an ASCII letter or '_'`;
    const bad = [...id].find((c) => !/[A-Za-z0-9_-]/.test(c));
    return `it holds ${JSON.stringify(bad)}; an id takes only ASCII letters, digits, '_' and '-'`;
}


/***/ }),

/***/ 9512:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BS: () => (/* binding */ STRATEGY_KEYS),
/* harmony export */   DN: () => (/* binding */ WORKFLOW_KEYS),
/* harmony export */   E9: () => (/* binding */ unknownKeyEntry),
/* harmony export */   FH: () => (/* binding */ runnerCasedEntry),
/* harmony export */   J$: () => (/* binding */ ENVIRONMENT_KEYS),
/* harmony export */   KC: () => (/* binding */ STEP_KEYS),
/* harmony export */   MJ: () => (/* binding */ JOB_SHAPE_MASKS),
/* harmony export */   RQ: () => (/* binding */ CONTAINER_KEYS),
/* harmony export */   SF: () => (/* binding */ caseDuplicate),
/* harmony export */   Tn: () => (/* binding */ JOB_KEYS),
/* harmony export */   a: () => (/* binding */ unknownKey),
/* harmony export */   bK: () => (/* binding */ unknownEvent),
/* harmony export */   hb: () => (/* binding */ asciiFold),
/* harmony export */   jn: () => (/* binding */ shapeProblem),
/* harmony export */   pu: () => (/* binding */ invalidId),
/* harmony export */   qQ: () => (/* binding */ runnerCasedWithKey),
/* harmony export */   u_: () => (/* binding */ runnerCasedProblem),
/* harmony export */   vy: () => (/* binding */ STEP_SHAPE_MASKS),
/* harmony export */   xI: () => (/* binding */ SERVICE_KEYS),
/* harmony export */   xT: () => (/* binding */ unknownKeyProblem)
/* harmony export */ });
/* unused harmony exports JOB_SHAPES, STEP_SHAPES, EVENTS, LOOK_ALIKE */
const WORKFLOW_KEYS = new Set([
    'on',
    'name',
    'description',
    'run-name',
    'defaults',
    'env',
    'permissions',
    'concurrency',
    'jobs',
]);
/** A job that runs steps (`job-factory`) or calls a reusable workflow (`workflow-job`). */
const JOB_SHAPES = [
    {
        what: 'a job that runs steps',
        keys: new Set([
            'needs',
            'if',
            'strategy',
            'name',
            'runs-on',
            'timeout-minutes',
            'cancel-timeout-minutes',
            'continue-on-error',
            'container',
            'services',
            'env',
            'environment',
            'permissions',
            'concurrency',
            'outputs',
            'defaults',
            'steps',
            'snapshot',
        ]),
        required: 'runs-on',
    },
    {
        what: 'a call to a reusable workflow',
        keys: new Set([
            'name',
            'uses',
            'with',
            'secrets',
            'needs',
            'if',
            'permissions',
            'concurrency',
            'strategy',
        ]),
        required: 'uses',
    },
];
const JOB_KEYS = new Set(JOB_SHAPES.flatMap((s) => [...s.keys]));
/**
 * Every kind of step: run, uses, and the background kinds (wait, wait-all, cancel, parallel), which
 * GitHub's reader takes behind a feature flag; stepwarden reads them as the schema writes them.
 */
const STEP_SHAPES = [
    {
        what: 'a step that runs a command',
        keys: new Set([
            'name',
            'id',
            'if',
            'timeout-minutes',
            'run',
            'continue-on-error',
            'env',
            'working-directory',
            'shell',
            'background',
        ]),
        required: 'run',
    },
    {
        what: 'a step that runs an action',
        keys: new Set([
            'name',
            'id',
            'if',
            'continue-on-error',
            'timeout-minutes',
            'uses',
            'with',
            'env',
            'background',
        ]),
        required: 'uses',
    },
    { what: 'a wait step', keys: new Set(['name', 'id', 'continue-on-error', 'wait']), required: 'wait' },
    {
        what: 'a wait-all step',
        keys: new Set(['name', 'id', 'continue-on-error', 'wait-all']),
        required: 'wait-all',
    },
    { what: 'a cancel step', keys: new Set(['name', 'id', 'continue-on-error', 'cancel']), required: 'cancel' },
    { what: 'a parallel step', keys: new Set(['parallel']), required: 'parallel' },
];
const STEP_KEYS = new Set(STEP_SHAPES.flatMap((s) => [...s.keys]));
function masks(shapes) {
    const having = new Map();
    shapes.forEach((s, i) => {
        for (const k of s.keys)
            having.set(k, (having.get(k) ?? 0) | (1 << i));
    });
    return { shapes, having, all: (1 << shapes.length) - 1 };
}
const JOB_SHAPE_MASKS = masks(JOB_SHAPES);
/**
 * Run against uses only: the background kinds (wait, wait-all, cancel, parallel) are behind a feature
 * flag in GitHub's reader, which refuses their keys without it; their keys are not judged here.
 */
const STEP_SHAPE_MASKS = masks(STEP_SHAPES.slice(0, 2));
/**
 * Why GitHub's reader refuses a job's or a step's mapping for its shape, or undefined: a key that an
 * earlier key's choice of kind does not take ("Unexpected value"), a mapping whose keys all belong to
 * both kinds ("There's not enough info to determine what you meant", at the mapping), or one missing
 * its kind's required key ("Required property is missing: runs-on", at the mapping; session 38). A
 * mapping holding a key of no shape here (a step's background kinds, an unknown key, which
 * `unknownKeyProblem` refuses) is judged for mixed kinds only. `where` is worded only for a refusal;
 * `line` is the mapping's, where GitHub reports the last two.
 */
function shapeProblem(entries, m, where, line) {
    let left = m.all;
    // The first key that narrowed the shapes (it named what the mapping is).
    let chosenBy = -1;
    let other = false;
    for (let i = 0, n = entries.length; i < n; i++) {
        const e = entries[i];
        const has = m.having.get(e.key);
        if (has === undefined) {
            other = true;
            continue;
        }
        const narrowed = left & has;
        if (narrowed === left)
            continue;
        if (narrowed === 0) {
            const chosen = m.shapes.filter((_, s) => left & (1 << s)).map((s) => s.what);
            return {
                message: `GitHub refuses this workflow: ${where()} has the key '${e.key}', which ${chosen.join(' or ')} does not take${chosenBy >= 0 ? ` (its key '${entries[chosenBy].key}' makes it one)` : ''}: GitHub's workflow schema allows one kind or the other ("Unexpected value '${e.key}'")`,
                line: e.keyLine,
            };
        }
        left = narrowed;
        chosenBy = i;
    }
    if (other)
        return undefined;
    if ((left & (left - 1)) !== 0) {
        const kinds = m.shapes.filter((_, s) => left & (1 << s)).map((s) => `${s.what} ('${s.required}')`);
        return {
            message: `GitHub refuses this workflow: ${where()} has no key that says whether it is ${kinds.join(' or ')} ("There's not enough info to determine what you meant"); add the key of the kind you mean`,
            line,
        };
    }
    const shape = m.shapes[31 - Math.clz32(left)];
    for (let i = 0, n = entries.length; i < n; i++)
        if (entries[i].key === shape.required)
            return undefined;
    return {
        message: `GitHub refuses this workflow: ${where()} is ${shape.what} (its key '${entries[chosenBy].key}' makes it one) without '${shape.required}' ("Required property is missing: ${shape.required}")`,
        line,
    };
}
const ENVIRONMENT_KEYS = new Set(['name', 'url', 'deployment']);
const STRATEGY_KEYS = new Set(['fail-fast', 'max-parallel', 'matrix']);
/** A job's `container:` mapping (its credentials can hold secrets; its image runs the steps). */
const CONTAINER_KEYS = new Set([
    'image',
    'options',
    'env',
    'ports',
    'volumes',
    'credentials',
]);
/** One service container of `services:` (the same keys as a job container, `command` and `entrypoint` too). */
const SERVICE_KEYS = new Set([...CONTAINER_KEYS, 'command', 'entrypoint']);
/** The events `on:` may name (string, list or mapping form); GitHub refuses any other, `Push` included. */
const EVENTS = new Set([
    'branch_protection_rule',
    'check_run',
    'check_suite',
    'create',
    'delete',
    'deployment',
    'deployment_status',
    'discussion',
    'discussion_comment',
    'fork',
    'gollum',
    'image_version',
    'issue_comment',
    'issues',
    'label',
    'merge_group',
    'milestone',
    'page_build',
    'project',
    'project_card',
    'project_column',
    'public',
    'pull_request',
    'pull_request_comment',
    'pull_request_review',
    'pull_request_review_comment',
    'pull_request_target',
    'push',
    'registry_package',
    'release',
    'repository_dispatch',
    'schedule',
    'status',
    'watch',
    'workflow_call',
    'workflow_dispatch',
    'workflow_run',
]);
/** The first event `on` names that GitHub's schema does not know (or an `on:` with no event). */
function unknownEvent(on, line) {
    const names = on.kind === 'scalar'
        ? [{ name: on.value, line: on.line }]
        : on.kind === 'seq'
            ? on.items.map((i) => ({ name: i.kind === 'scalar' ? i.value : undefined, line: i.line }))
            : on.entries.map((e) => ({ name: e.key, line: e.keyLine }));
    if (names.length === 0)
        return { message: 'GitHub refuses this workflow: `on:` names no event', line };
    for (const { name, line: at } of names) {
        if (typeof name === 'string' && EVENTS.has(name))
            continue;
        const folded = typeof name === 'string' ? asciiFold(name) : undefined;
        return {
            message: `GitHub refuses this workflow: \`on:\` names '${String(name)}', which is not an event of its workflow schema${folded !== undefined && EVENTS.has(folded) ? ` (event names are case-sensitive: '${folded}')` : ''}`,
            line: at,
        };
    }
    return undefined;
}
/** ASCII letters folded to lower case, nothing else (GitHub's reader folds U+212A KELVIN SIGN not). */
function asciiFold(s) {
    // Every `with:` key and every key of a mapping with an upper-case letter (each `env:`) comes here:
    // an ASCII string, where `toLowerCase` folds exactly A-Z, costs no replacing callback.
    if (NON_ASCII.test(s))
        return hasUpper(s) ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase()) : s;
    return hasUpper(s) ? s.toLowerCase() : s;
}
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
/**
 * Tests, not `charCodeAt` loops: `check` runs this code in V8's baseline tiers until it is hot
 * (ONE_PASS_V8_FLAGS in shared/cli/main.ts), where a loop pays calls per character and a regular
 * expression runs natively (about 3x faster on workflow keys, measured with Turbofan off, session 21). Neither
 * is global or sticky, so neither holds state between calls.
 */
const UPPER = /[A-Z]/;
/**
 * Letters that .NET's ToUpperInvariant may turn into an ASCII one: U+017F LATIN SMALL LETTER LONG S
 * (to `S` under ICU, the runner's casing on every platform) and U+0131 LATIN SMALL LETTER DOTLESS I (kept
 * by .NET's ICU casing, which special-cases it, but `I` to Unicode's simple mapping, which .NET's
 * invariant-globalization mode uses since .NET 8). .NET cases one character into one, so `\u00df` and the
 * `\ufb00` ligatures (which JavaScript upper-cases to two letters) stay as they are; U+212A KELVIN SIGN is
 * upper case already.
 */
const RUNNER_UPPER_TO_ASCII = /[\u017f\u0131]/;
/**
 * A `with:` key that the runner may hand to the action under an ASCII input's variable: it names each
 * input's variable `INPUT_` + the key with spaces as `_`, upper-cased by .NET's ToUpperInvariant
 * (actions/runner src/Runner.Worker/Handlers/Handler.cs, AddInputsToEnvironment), and `@actions/core`
 * reads `INPUT_SCOPE` for `scope`. So `\u017fcope: admin` may reach the action as its `scope` while every
 * reader here sees an unknown input, and beside `scope:` the later key may win. Which one depends on
 * the runner's casing mode, so the key is refused rather than guessed: spelt in ASCII it is read alike
 * by all.
 */
function runnerCasedWithKey(node, where) {
    const e = runnerCasedEntry(node);
    return e && runnerCasedProblem(e, where);
}
/** The first key runnerCasedWithKey refuses, without wording where it is (asked of every step). */
function runnerCasedEntry(node) {
    if (node?.kind !== 'map')
        return undefined;
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++)
        if (RUNNER_UPPER_TO_ASCII.test(es[i].key))
            return es[i];
    return undefined;
}
/** runnerCasedWithKey's refusal of the key runnerCasedEntry found. */
function runnerCasedProblem(e, where) {
    const ascii = e.key.replace(/\u017f/g, 's').replace(/\u0131/g, 'i');
    return {
        message: `the \`with:\` key '${e.key}' of ${where} holds ${[...new Set(e.key.match(/[\u017f\u0131]/g))].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' and ')}, which GitHub's runner may upper-case to an ASCII letter when it names the input's variable (INPUT_${asciiFold(ascii).replace(/ /g, '_').toUpperCase()}), so the action may read it as its input '${asciiFold(ascii)}' while stepwarden reads another name; write input names in ASCII`,
        line: e.keyLine,
    };
}
/**
 * Why a job's or a step's id is refused as a look-alike, or undefined. GitHub takes ids of ASCII
 * letters, digits, `_` and `-` only (`@actions/workflow-parser` IdBuilder, "The identifier '\u2026' is
 * invalid"), so an id holding a letter, mark or digit beyond ASCII (`publi\u0455h` with U+0455 CYRILLIC
 * SMALL LETTER DZE) or a character drawn as nothing (a zero-width space, a bidi control, a space
 * other than U+0020) is no id GitHub runs, and it reads like one that is. Its code points are named,
 * so a reader sees which letter is not the one it looks like. Job and step ids also get
 * GitHub's whole rule (job-id.ts; job ids session 25, step ids session 26); this message is kept for
 * the look-alike case because it names the letter.
 */
function invalidId(value) {
    const foreign = [...new Set(value.match(LOOK_ALIKE) ?? [])];
    if (!foreign.length)
        return undefined;
    const names = foreign.map((c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    return `it holds ${names.slice(0, 5).join(', ')}, which ${foreign.length > 1 ? 'are' : 'is'} not ASCII: it only looks like an id (GitHub takes ASCII letters, digits, '_' and '-'); write it in ASCII`;
}
/**
 * Built from a string, as render/escape.ts's INVISIBLE is: a literal's `\p{...}` classes are checked
 * again at every parse of the code around it (docs/performance.md, session 37, w-cstart).
 */
const LOOK_ALIKE = new RegExp(String.raw `(?!\p{ASCII})[\p{L}\p{M}\p{N}\p{Cf}\p{Zs}\p{Default_Ignorable_Code_Point}]`, 'gu');
/** The first key of `node` (a mapping) that is not in `allowed`, as GitHub's schema words it. */
function unknownKey(node, allowed, where) {
    const e = unknownKeyEntry(node, allowed);
    return e && unknownKeyProblem(e, allowed, where);
}
/**
 * The first entry of `node` (a mapping) whose key is not in `allowed`. Allocates nothing: it runs for
 * every job, step, strategy and container of every workflow, and nearly always finds nothing, so the
 * caller words the problem (and builds its `where`) only when there is one.
 */
function unknownKeyEntry(node, allowed) {
    if (node?.kind !== 'map')
        return undefined;
    const es = node.entries;
    for (let i = 0, iEnd = es.length; i < iEnd; i++)
        if (!allowed.has(es[i].key))
            return es[i];
    return undefined;
}
/** GitHub's schema refusal of the key `e` of the mapping `where` names. */
function unknownKeyProblem(e, allowed, where) {
    const folded = asciiFold(e.key);
    const meant = [...allowed].find((k) => k === folded);
    return {
        message: `GitHub refuses this workflow: ${where} has the key '${e.key}', which its workflow schema does not allow${meant ? ` (keys are case-sensitive: '${meant}')` : ''}; stepwarden does not judge what GitHub would not run`,
        line: e.keyLine,
    };
}
/**
 * Whether each key seen holds an upper-case ASCII letter, by the key's text. Workflows repeat a few
 * hundred key names (`name`, `uses`, `with`, `run`, `env` names): a map look-up of a key the reader
 * interned costs less than a regular-expression test in V8's baseline tiers (the corpus check's main
 * thread -12.9 M instructions, -0.35 %; session 40; the corpus has about 4,200 distinct keys). Only
 * keys of at most 100 characters are kept, and the map is emptied when full, so it holds at most about
 * 2 MB whatever the input; a repository of many distinct keys pays one test and one insertion each.
 */
const UPPER_KEYS = new Map();
const UPPER_KEYS_MAX = 8_192;
const UPPER_KEY_LENGTH = 100;
function upperKey(key) {
    if (key.length > UPPER_KEY_LENGTH)
        return UPPER.test(key);
    let upper = UPPER_KEYS.get(key);
    if (upper === undefined) {
        if (UPPER_KEYS.size >= UPPER_KEYS_MAX)
            UPPER_KEYS.clear();
        upper = UPPER.test(key);
        UPPER_KEYS.set(key, upper);
    }
    return upper;
}
/**
 * The first key, anywhere in the tree, that repeats an earlier key of its mapping up to ASCII case
 * (`build:` and `Build:`, `env: {A: 1, a: 2}`): GitHub's template reader refuses the file ("'Build' is
 * already defined"), while YAML reads two keys. A node reached again through an alias is walked once.
 */
function caseDuplicate(root, options = {}) {
    // Walked once per workflow, every mapping: no allocation for the common mapping whose keys hold
    // no upper-case ASCII letter (then no two of them can be equal up to case). The set of nodes seen
    // keeps an alias bomb to its nodes; a tree without aliases (`unshared`) has no node twice.
    const seen = options.unshared ? undefined : new Set();
    const stack = root && root.kind !== 'scalar' ? [root] : [];
    let found;
    while (stack.length) {
        const n = stack.pop();
        if (seen) {
            if (seen.has(n))
                continue;
            seen.add(n);
        }
        // Each field read once (in V8's baseline tiers every read is an inline-cache call; session 29).
        const kind = n.kind;
        if (kind === 'seq') {
            const items = n.items;
            for (let i = 0, iEnd = items.length; i < iEnd; i++) {
                const item = items[i];
                if (item.kind !== 'scalar')
                    stack.push(item);
            }
            continue;
        }
        if (kind !== 'map')
            continue;
        const entries = n.entries;
        const count = entries.length;
        // A mapping of one key has no two keys alike: its key is not tested.
        let upper = count < 2;
        for (let i = 0; i < count; i++) {
            const e = entries[i];
            if (!upper && upperKey(e.key))
                upper = true;
            const v = e.value;
            if (v.kind !== 'scalar')
                stack.push(v);
        }
        if (count < 2 || !upper)
            continue;
        const keys = new Map();
        for (let i = 0, iEnd = entries.length; i < iEnd; i++) {
            const e = entries[i];
            const f = asciiFold(e.key);
            const first = keys.get(f);
            if (first === undefined)
                keys.set(f, e.key);
            else if (!found || e.keyLine < found.line)
                found = {
                    message: `GitHub refuses this workflow: the keys '${first}' and '${e.key}' of one mapping differ only in case, and GitHub's reader takes them as the same key ("'${e.key}' is already defined"); give them different names`,
                    line: e.keyLine,
                };
        }
    }
    return found;
}
function hasUpper(s) {
    return UPPER.test(s);
}


/***/ })

};
