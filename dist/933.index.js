export const id = 933;
export const ids = [933];
export const modules = {

/***/ 5347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vj: () => (/* binding */ manifestJob),
/* harmony export */   gk: () => (/* binding */ finding),
/* harmony export */   v2: () => (/* binding */ uniqueCaseless),
/* harmony export */   yo: () => (/* binding */ viaText),
/* harmony export */   zR: () => (/* binding */ includesCaseless)
/* harmony export */ });
/* unused harmony export grantedPermissions */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);

/** The manifest entry of a job, and the key path to it (for line look-ups). */
function manifestJob(ctx, workflow, job) {
    const workflowEntry = ctx.manifest.manifest.workflows[workflow];
    const entry = workflowEntry?.jobs[job];
    return { entry, workflowEntry, path: entry ? ['workflows', workflow, 'jobs', job] : ['defaults'] };
}
/** What the manifest grants a job's GITHUB_TOKEN (its own entry, else `defaults`). */
function grantedPermissions(ctx, workflow, job) {
    const { entry } = manifestJob(ctx, workflow, job);
    return fromMap(entry ? entry.permissions : ctx.manifest.manifest.defaults.permissions);
}
/** `(called from ci.yml job build)` for jobs judged through a local caller. */
function viaText(access) {
    return access.via ? ` (called from ${access.via.workflow} job '${access.via.job}')` : '';
}
function finding(meta, f) {
    return { rule: meta.id, severity: meta.severity, ...f };
}
/** Unique by upper-cased value, first occurrence kept (GitHub secret and environment names ignore case). */
function uniqueCaseless(items) {
    const seen = new Set();
    return items.filter((i) => {
        const k = i.value.toUpperCase();
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
function includesCaseless(list, value) {
    const v = value.toUpperCase();
    return list.some((x) => x.toUpperCase() === v);
}


/***/ }),

/***/ 7351:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ isPinned),
/* harmony export */   k: () => (/* binding */ unpinnedAction)
/* harmony export */ });
/* harmony import */ var _rule_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5347);

const SHA = /@[0-9a-f]{40}$/;
const DIGEST = /@sha256:[0-9a-f]{64}$/;
/** Whether a `uses:` reference is pinned to an immutable version. Local paths need no pin. */
function isPinned(uses) {
    if (uses.startsWith('./'))
        return true;
    if (uses.startsWith('docker://'))
        return DIGEST.test(uses);
    return SHA.test(uses);
}
const unpinnedAction = {
    meta: {
        id: 'unpinned-action',
        severity: 'error',
        title: 'Action or reusable workflow not pinned to a commit SHA',
        summary: 'A remote `uses:` not pinned to a full 40-hex commit SHA, or `docker://` without an `@sha256:` digest.',
        help: `Tags and branches move. In March 2025 the tags of \`tj-actions/changed-files\` were repointed to a commit that dumped
every secret of every job using it; jobs pinned to a commit SHA were not affected.

**Fix:** pin to the full commit SHA and keep the version in a comment (\`uses: actions/checkout@<40-hex> # v4.2.2\`);
Dependabot and Renovate update such pins. Set \`policy.require-pinned-actions: false\` in the manifest only if the
organization does not require pinning.`,
    },
    check(ctx) {
        if (!ctx.policy.requirePinnedActions)
            return [];
        return ctx.workflows.flatMap((wf) => wf.jobs.flatMap((job) => job.actions
            .filter((a) => !isPinned(a.uses))
            .map((a) => (0,_rule_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)(this.meta, {
            workflow: wf.file,
            job: job.id,
            subject: a.uses,
            file: wf.path,
            line: a.line,
            message: a.kind === 'docker'
                ? `'${a.uses}' is not pinned to an image digest (@sha256:...)`
                : `'${a.uses}' is not pinned to a full commit SHA`,
        }))));
    },
};


/***/ }),

/***/ 6863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _I: () => (/* binding */ matchesAny),
/* harmony export */   eu: () => (/* binding */ globMatch),
/* harmony export */   fg: () => (/* binding */ isGlob)
/* harmony export */ });
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Glob matching for grant conditions, with no surprises: anchored, segment by segment, so `*`, `?` and
 * character classes never match `/` (even `[/]` or `[!a]`), `**` is just `*`, and braces, extglobs and a
 * leading `!` are literal. `refs/heads/main` matches exactly that ref, never `refs/heads/main-evil`
 * or `refs/heads/main/x`. Dot segments are matched like any other text (a ref may start with `.`).
 */

const OPTIONS = {
    dot: true,
    nobrace: true,
    noextglob: true,
    nonegate: true,
    noglobstar: true,
    strictSlashes: true,
    windows: false,
};
const cache = new Map();
const MAX_CACHED = 2048;
function segmentMatcher(segment, nocase) {
    const key = `${nocase ? 'i' : 's'}\u0000${segment}`;
    let m = cache.get(key);
    if (!m) {
        if (cache.size >= MAX_CACHED)
            cache.clear();
        // A segment without glob characters is compared as text: picomatch would strip a leading `./`.
        m = /[*?[\]\\]/.test(segment)
            ? picomatch__WEBPACK_IMPORTED_MODULE_0___default()(segment, { ...OPTIONS, nocase })
            : nocase
                ? (s) => s.toLowerCase() === segment.toLowerCase()
                : (s) => s === segment;
        cache.set(key, m);
    }
    return m;
}
/** Whether `value` matches `pattern`: same number of `/`-separated segments, each matching its glob. */
function globMatch(pattern, value, opts = {}) {
    const p = pattern.split('/');
    const v = value.split('/');
    if (p.length !== v.length)
        return false;
    for (let i = 0; i < p.length; i++) {
        const ps = p[i];
        const vs = v[i];
        if (ps === '' || vs === '') {
            if (ps !== vs)
                return false;
            continue;
        }
        if (!segmentMatcher(ps, opts.nocase ?? false)(vs))
            return false;
    }
    return true;
}
function matchesAny(value, patterns, opts = {}) {
    return patterns.some((p) => globMatch(p, value, opts));
}
/** Whether a pattern has any glob character (an exact pattern is compared as text). */
function isGlob(pattern) {
    return /[*?[\]\\]/.test(pattern);
}


/***/ }),

/***/ 3966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ci: () => (/* binding */ effectivePolicy),
/* harmony export */   Fq: () => (/* binding */ triggerAllowed),
/* harmony export */   bV: () => (/* binding */ actionAllowed),
/* harmony export */   yY: () => (/* binding */ EXPLICIT_ONLY_TRIGGERS)
/* harmony export */ });
/* unused harmony export actionName */
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/**
 * The policy a repository actually runs under: its manifest narrowed by the organization ceiling.
 * A repository manifest can only narrow the ceiling, never widen it. Pure.
 */


function effectivePolicy(manifest, org) {
    const lists = [];
    if (manifest.policy['allowed-actions'])
        lists.push(manifest.policy['allowed-actions']);
    if (org?.['allowed-actions'])
        lists.push(org['allowed-actions']);
    return {
        repositoryDefault: manifest.policy['repository-default-permissions'],
        requirePinnedActions: manifest.policy['require-pinned-actions'] || (org?.['require-pinned-actions'] ?? false),
        allowedActions: lists,
        forbiddenTriggers: org?.['forbidden-triggers'] ?? [],
        ...(org?.['max-permissions'] ? { maxPermissions: (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .fromMap */ .xY)(org['max-permissions']) } : {}),
        ...(org?.['max-credential-permissions']
            ? { maxCredentialPermissions: org['max-credential-permissions'] }
            : {}),
        ...(org?.['max-credential-ttl'] !== undefined ? { maxCredentialTtl: org['max-credential-ttl'] } : {}),
    };
}
/** Events that need an explicit listing: they run with write tokens and secrets on untrusted input. */
const EXPLICIT_ONLY_TRIGGERS = ['pull_request_target', 'workflow_run'];
/** Whether a workflow entry allows an event; without `triggers`, all but the explicit-only ones. */
function triggerAllowed(entry, event) {
    if (entry?.triggers)
        return entry.triggers.includes(event);
    return !EXPLICIT_ONLY_TRIGGERS.includes(event);
}
/** `owner/repo[/path]@ref` -> `owner/repo[/path]`; docker and local references are not matched. */
function actionName(uses) {
    if (uses.startsWith('./') || uses.startsWith('docker://'))
        return undefined;
    const at = uses.indexOf('@');
    return at > 0 ? uses.slice(0, at) : uses;
}
const matcherCache = new Map();
function matcher(pattern) {
    let m = matcherCache.get(pattern);
    if (!m) {
        // Case-insensitive like GitHub's owner/repo names; `*` never crosses `/`, so `actions/*` does not admit `actions/x/evil`'s owner.
        m = picomatch__WEBPACK_IMPORTED_MODULE_1___default()(pattern, { nocase: true, dot: true });
        matcherCache.set(pattern, m);
    }
    return m;
}
/**
 * Whether a `uses:` reference is allowed by every list. A pattern matches the `owner/repo` part or the
 * whole `owner/repo/path` (so `github/codeql-action/*` admits `github/codeql-action/init`, and
 * `actions/checkout` admits only that repository — never `actions/checkout-evil`).
 */
function actionAllowed(uses, lists) {
    if (lists.length === 0)
        return true;
    const name = actionName(uses);
    if (name === undefined)
        return true;
    const repo = name.split('/').slice(0, 2).join('/');
    return lists.every((patterns) => patterns.some((p) => matcher(p)(repo) || matcher(p)(name)));
}


/***/ }),

/***/ 6831:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   pA: () => (/* binding */ nearest)
/* harmony export */ });
/* unused harmony export formatProblems */
/** Manifest and policy errors: every problem at once, each with file, line and the fix. */
/** A manifest, policy or config file that cannot be used; `code` says which kind. */
class ManifestError extends Error {
    problems;
    code;
    constructor(problems, code = 'ERR_MANIFEST_INVALID') {
        super(formatProblems(problems));
        this.problems = problems;
        this.code = code;
        this.name = 'ManifestError';
    }
}
function formatProblems(problems) {
    return problems.map((p) => `${p.file}:${p.line}: ${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`).join('\n');
}
/** Levenshtein distance, small inputs only (key names). */
function distance(a, b) {
    const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let diag = prev[0];
        prev[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const up = prev[j];
            prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
            diag = up;
        }
    }
    return prev[b.length];
}
/** The closest valid name, when it is close enough to be a likely typo. */
function nearest(word, choices) {
    let best;
    let bestD = Infinity;
    for (const c of choices) {
        const d = distance(word.toLowerCase(), c.toLowerCase());
        if (d < bestD) {
            bestD = d;
            best = c;
        }
    }
    return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}


/***/ }),

/***/ 720:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vf: () => (/* binding */ loadOrgPolicy),
/* harmony export */   WI: () => (/* binding */ readManifest),
/* harmony export */   eY: () => (/* binding */ loadManifest),
/* harmony export */   yv: () => (/* binding */ loadYaml)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8276);
/* harmony import */ var _permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1923);
/* harmony import */ var _yaml_located_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5245);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6831);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7071);
/**
 * Loading the manifest and the organization policy: YAML with positions -> zod validation -> plain
 * data plus a line look-up, or a ManifestError listing every problem with file, line and fix.
 */






/** Valid choices for an unknown key, from the schema's own tables where the path says which table. */
function keyChoices(path, schemaKeys) {
    const last = String(path[path.length - 1] ?? '');
    const inCredential = path.includes('credentials');
    if (last === 'permissions' || last === 'max-permissions') {
        return inCredential
            ? { choices: Object.keys(_permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_2__/* .APP_PERMISSIONS */ .d), what: 'GitHub App permission' }
            : { choices: Object.keys(_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .SCOPES */ .iW), what: 'scope' };
    }
    if (last === 'max-credential-permissions')
        return { choices: Object.keys(_permissions_app_permissions_js__WEBPACK_IMPORTED_MODULE_2__/* .APP_PERMISSIONS */ .d), what: 'GitHub App permission' };
    return { choices: schemaKeys, what: 'key' };
}
function describeIssue(issue, file, src, knownKeys) {
    const path = issue.path;
    const where = path.map(String).join('.') || '(top level)';
    const line = (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .lineAtPath */ .f1)(src, path);
    switch (issue.code) {
        case 'unrecognized_keys':
            return issue.keys.map((key) => {
                const { choices, what } = keyChoices(path, knownKeys(path));
                const guess = (0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .nearest */ .pA)(key, choices);
                return {
                    file,
                    line: (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .lineAtPath */ .f1)(src, [...path, key]),
                    message: `unknown ${what} '${key}' in ${where}${guess ? ` (did you mean '${guess}'?)` : ''}`,
                    fix: `use one of: ${choices.join(', ')}`,
                };
            });
        case 'invalid_value': {
            const last = path[path.length - 1];
            const scopeName = typeof last === 'string' && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_1__/* .isScope */ .T2)(last) ? last : undefined;
            return [
                {
                    file,
                    line,
                    message: `invalid value at ${where}`,
                    fix: `use one of: ${issue.values.map((v) => String(v)).join(', ')}${scopeName ? ` (the levels '${scopeName}' accepts)` : ''}`,
                },
            ];
        }
        case 'invalid_type':
            return [
                {
                    file,
                    line,
                    message: `${where} must be ${article(issue.expected)}`,
                    fix: `write ${where} as ${article(issue.expected)}`,
                },
            ];
        default:
            return [{ file, line, message: `${where}: ${issue.message}` }];
    }
}
function article(expected) {
    if (expected === 'array')
        return 'a list';
    if (expected === 'object')
        return 'a mapping';
    return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
/** Keys a mapping at `path` accepts, read from the schema's shape (for "valid choices"). */
function shapeKeys(schema, path) {
    let s = schema;
    for (const key of path) {
        s = unwrap(s);
        const def = s.def;
        if (!def)
            return [];
        if (def.type === 'object' && def.shape)
            s = def.shape[String(key)];
        else if (def.type === 'record')
            s = def.valueType;
        else if (def.type === 'array')
            s = def.element;
        else
            return [];
    }
    s = unwrap(s);
    const shape = s?.def?.shape;
    return shape ? Object.keys(shape) : [];
}
function unwrap(s) {
    let cur = s;
    for (let i = 0; i < 8 && cur?.def; i++) {
        if (cur.def.type === 'optional' || cur.def.type === 'default' || cur.def.type === 'nullable')
            cur = cur.def.innerType;
        else if (cur.def.type === 'union' && cur.def.options?.[0])
            cur = cur.def.options[0];
        else
            break;
    }
    return cur;
}
function byLine(problems) {
    return [...problems].sort((a, b) => a.line - b.line);
}
/**
 * The value is what is validated and used; the tree only names lines, so it is built lazily, along
 * the paths a line look-up walks (a finding or an error), not for all of a 64,000-line manifest.
 */
function parseSource(text, file) {
    const parsed = (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .parseLocatedYaml */ .vJ)(text, { lazy: true });
    if (parsed.error)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh([
            { file, line: parsed.error.line, message: `YAML syntax error: ${parsed.error.message}` },
        ]);
    return { src: parsed.root, data: parsed.value };
}
function makeLoaded(value, file, src) {
    return { value, file, lineOf: (path) => (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .lineAtPath */ .f1)(src, path) };
}
/** Union errors say little; re-validate a credential grant against the branch its `audience` selects. */
function grantIssues(data, path) {
    let node = data;
    for (const k of path)
        node = node?.[k];
    if (!node || typeof node !== 'object')
        return undefined;
    const audience = node.audience;
    const schema = audience === 'github' ? _schema_js__WEBPACK_IMPORTED_MODULE_5__/* .githubGrantSchema */ .tn : _schema_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceGrantSchema */ .Xf;
    const r = schema.safeParse(node);
    if (r.success)
        return undefined;
    return r.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }));
}
/** Parses and validates a manifest; throws ManifestError with every problem. Pure. */
function loadManifest(text, file) {
    const { src, data } = parseSource(text, file);
    const result = _schema_js__WEBPACK_IMPORTED_MODULE_5__/* .manifestSchema */ .rc.safeParse(data ?? {});
    const problems = [];
    if (!result.success) {
        for (const issue of result.error.issues) {
            const specific = issue.code === 'invalid_union' && issue.path.includes('credentials')
                ? grantIssues(data, issue.path)
                : undefined;
            for (const i of specific ?? [issue])
                problems.push(...describeIssue(i, file, src, (p) => shapeKeys(_schema_js__WEBPACK_IMPORTED_MODULE_5__/* .manifestSchema */ .rc, p)));
        }
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh(byLine(problems));
    }
    const manifest = result.data;
    for (const [wf, entry] of Object.entries(manifest.workflows)) {
        for (const [job, j] of Object.entries(entry.jobs)) {
            const base = ['workflows', wf, 'jobs', job];
            j.secrets.forEach((s, i) => {
                if (s.toUpperCase() === 'GITHUB_TOKEN') {
                    problems.push({
                        file,
                        line: (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .lineAtPath */ .f1)(src, [...base, 'secrets', i]),
                        message: 'GITHUB_TOKEN is not a secret to declare',
                        fix: 'remove it; its access is declared with `permissions`',
                    });
                }
            });
            const seen = new Set();
            j.credentials.forEach((c, i) => {
                const key = `${c.step}\u0000${c.audience}`;
                if (seen.has(key)) {
                    problems.push({
                        file,
                        line: (0,_yaml_located_js__WEBPACK_IMPORTED_MODULE_3__/* .lineAtPath */ .f1)(src, [...base, 'credentials', i]),
                        message: `a second grant for step '${c.step}' and audience '${c.audience}'`,
                        fix: 'merge the two grants into one',
                    });
                }
                seen.add(key);
            });
        }
    }
    if (problems.length)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh(byLine(problems));
    const loaded = makeLoaded(manifest, file, src);
    return { ...loaded, manifest };
}
/**
 * Any YAML file validated by a zod schema, with the same error quality as the manifest (file, line,
 * valid choices, nearest name): used for the organization policy and the broker config.
 */
function loadYaml(text, file, schema, code = 'ERR_MANIFEST_INVALID') {
    let parsed;
    try {
        parsed = parseSource(text, file);
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh(err.problems, code);
        throw err;
    }
    const { src, data } = parsed;
    const result = schema.safeParse(data ?? {});
    if (!result.success) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh(byLine(result.error.issues.flatMap((i) => describeIssue(i, file, src, (p) => shapeKeys(schema, p)))), code);
    }
    return makeLoaded(result.data, file, src);
}
/** Parses and validates an organization policy; same error quality as the manifest. Pure. */
function loadOrgPolicy(text, file) {
    return loadYaml(text, file, _schema_js__WEBPACK_IMPORTED_MODULE_5__/* .orgPolicySchema */ .Cq, 'ERR_ORG_POLICY_INVALID');
}
async function readManifest(path) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh([
            {
                file: path,
                line: 1,
                message: 'no access manifest here',
                fix: 'run `stepwarden init` to write one that declares what the workflows hold today',
            },
        ]);
    }
    return loadManifest(text, path);
}


/***/ }),

/***/ 6518:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dK: () => (/* binding */ resolveAccessDetailed),
/* harmony export */   nk: () => (/* binding */ localWorkflowFile),
/* harmony export */   pQ: () => (/* binding */ resolveAccess)
/* harmony export */ });
/* unused harmony export blockPermissions */
/* harmony import */ var _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8276);
/**
 * Effective access of every job of a repository: GitHub's permission rules applied, reusable workflows
 * resolved through their local callers. Pure: `resolveAccess(workflows, repositoryDefault)`.
 * Unknown scopes and invalid levels do not count toward the effective set; the `unknown-scope` rule reports them.
 */

/** A block as GitHub applies it: shorthand for every scope, or named scopes with the rest none. */
function blockPermissions(block) {
    if (block.shorthand)
        return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)(block.shorthand === 'write-all' ? 'write' : 'read');
    if (block.invalid)
        return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .uniform */ .Pi)('none');
    const map = {};
    for (const e of block.entries) {
        if ((0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .isScope */ .T2)(e.scope) && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .isLevel */ .NW)(e.level) && (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .validLevels */ .y7)(e.scope).includes(e.level))
            map[e.scope] = e.level;
    }
    return (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .fromMap */ .xY)(map);
}
/** Job-level block replaces the workflow-level one entirely; no block anywhere is the repository default. */
function ownPermissions(wf, job, def) {
    if (job.permissions)
        return {
            set: blockPermissions(job.permissions),
            source: 'job',
            line: job.permissions.line,
            declared: true,
        };
    if (wf.permissions)
        return {
            set: blockPermissions(wf.permissions),
            source: 'workflow',
            line: wf.permissions.line,
            declared: true,
        };
    return { set: (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .repositoryDefault */ .Ek)(def), source: 'repository-default', line: job.line, declared: false };
}
/** `./.github/workflows/x.yml` (optionally `@ref`) -> `x.yml`; other local paths are not workflows. */
function localWorkflowFile(uses) {
    const m = /^\.\/\.github\/workflows\/([^/@]+\.ya?ml)(@.*)?$/.exec(uses);
    return m?.[1];
}
const isCallOnly = (wf) => wf.triggers.length > 0 && wf.triggers.every((t) => t.value === 'workflow_call');
function access(wf, job, perms, extra) {
    return {
        workflow: wf.file,
        path: wf.path,
        job: job.id,
        line: job.line,
        ...(extra.via ? { via: extra.via } : {}),
        ...(extra.noLocalCaller ? { noLocalCaller: true } : {}),
        permissions: perms.set,
        permissionsSource: perms.source,
        permissionsLine: perms.line,
        secrets: job.secrets,
        ...(job.secretsInherit ? { secretsInherit: job.secretsInherit } : {}),
        environments: job.environments,
        triggers: extra.triggers ?? wf.triggers,
        actions: job.actions,
    };
}
/**
 * github.com runs reusable workflows up to ten levels deep (the top-level caller and nine levels of
 * callees; GitHub Enterprise Server: four). Deeper chains fail on GitHub, so they are not followed;
 * cycles stop at the first repeated file.
 */
const MAX_LEVELS = 10;
/**
 * What a callee job may take from its caller. GitHub's one exception (changelog 2023-06-15, docs
 * "oidc-permissions-token"): a reusable workflow of the same user, organization or enterprise may
 * request `id-token: write` when the caller writes no `permissions:` block and the repository
 * default is permissive. Every callee resolved here is local (same repository), so same-organization.
 */
function allowedToCallee(caller, own, repositoryDefault) {
    if (repositoryDefault === 'permissive' &&
        caller.fromDefault &&
        own.declared &&
        own.set['id-token'] === 'write')
        return { ...caller.set, 'id-token': 'write' };
    return caller.set;
}
/**
 * Effective access of every job. Workflows callable only through `workflow_call` are judged once per
 * local caller job (capped by the caller's token), or with the repository default when no local
 * caller reaches them (`noLocalCaller`). Workflows with other triggers too are judged on their own as well.
 */
function resolveAccess(workflows, repositoryDefault) {
    return resolveAccessDetailed(workflows, repositoryDefault).jobs;
}
/** `resolveAccess`, also listing nested jobs that ask for more than their caller holds. */
function resolveAccessDetailed(workflows, repositoryDefault) {
    const byFile = new Map(workflows.filter((w) => !w.error).map((w) => [w.file, w]));
    const out = [];
    const overreach = [];
    const reached = new Set();
    const expand = (caller) => {
        const file = caller.job.uses && localWorkflowFile(caller.job.uses.uses);
        const callee = file ? byFile.get(file) : undefined;
        if (!callee || caller.level + 1 > MAX_LEVELS || caller.chain.has(callee.file))
            return;
        reached.add(callee.file);
        const chain = new Set([...caller.chain, callee.file]);
        const callerRef = {
            workflow: caller.wf.file,
            path: caller.wf.path,
            job: caller.job.id,
            line: caller.job.uses.line,
        };
        const report = (block, calleeJob, line, requested, allowed) => {
            for (const scope of _permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .SCOPE_NAMES */ ._W)
                if ((0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(requested[scope]) > (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .levelRank */ .Le)(allowed[scope]))
                    overreach.push({
                        caller: callerRef,
                        callee: {
                            workflow: callee.file,
                            path: callee.path,
                            ...(calleeJob !== undefined ? { job: calleeJob } : {}),
                            line,
                        },
                        block,
                        scope,
                        requested: requested[scope],
                        allowed: allowed[scope],
                    });
        };
        // GitHub judges the callee's workflow-level block once, whichever jobs inherit it.
        if (callee.permissions) {
            const requested = blockPermissions(callee.permissions);
            const own = {
                set: requested,
                source: 'workflow',
                line: callee.permissions.line,
                declared: true,
            };
            report('workflow', undefined, own.line, requested, allowedToCallee(caller, own, repositoryDefault));
        }
        for (const job of callee.jobs) {
            const own = ownPermissions(callee, job, repositoryDefault);
            const allowed = allowedToCallee(caller, own, repositoryDefault);
            // The callee runs on the caller job's token: its own block can only narrow it.
            const set = own.declared ? (0,_permissions_scopes_js__WEBPACK_IMPORTED_MODULE_0__/* .intersect */ .y$)(own.set, allowed) : caller.set;
            if (own.source === 'job')
                report('job', job.id, own.line, own.set, allowed);
            const perms = {
                set,
                source: own.declared ? own.source : 'caller',
                // A line in the callee's own file (findings name `path`): the job, as for the repository default.
                line: own.declared ? own.line : job.line,
            };
            out.push(access(callee, job, perms, {
                via: { workflow: caller.wf.file, job: caller.job.id, line: caller.job.uses.line },
                triggers: caller.triggers,
            }));
            expand({
                wf: callee,
                job,
                set,
                triggers: caller.triggers,
                level: caller.level + 1,
                chain,
                fromDefault: caller.fromDefault && !own.declared,
            });
        }
    };
    const judgeAlone = (wf, noLocalCaller) => {
        for (const job of wf.jobs) {
            const own = ownPermissions(wf, job, repositoryDefault);
            out.push(access(wf, job, own, noLocalCaller ? { noLocalCaller: true } : {}));
            expand({
                wf,
                job,
                set: own.set,
                triggers: wf.triggers,
                level: 1,
                chain: new Set([wf.file]),
                fromDefault: !own.declared,
            });
        }
    };
    const hasLocalCaller = new Set();
    for (const wf of byFile.values())
        for (const j of wf.jobs) {
            const callee = j.uses && localWorkflowFile(j.uses.uses);
            if (callee && callee !== wf.file && byFile.has(callee))
                hasLocalCaller.add(callee);
        }
    const callOnly = workflows.filter((wf) => !wf.error && isCallOnly(wf));
    for (const wf of workflows)
        if (!wf.error && !isCallOnly(wf))
            judgeAlone(wf, false);
    for (const wf of callOnly)
        if (!hasLocalCaller.has(wf.file))
            judgeAlone(wf, true);
    // Callers that are themselves only ever called in a cycle never run: judge those files alone.
    for (const wf of callOnly)
        if (!reached.has(wf.file) && hasLocalCaller.has(wf.file))
            judgeAlone(wf, true);
    return { jobs: out, overreach };
}


/***/ }),

/***/ 2884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   gD: () => (/* binding */ loadWorkflowsFromDir),
/* harmony export */   hq: () => (/* binding */ isWorkflowFileName),
/* harmony export */   w_: () => (/* binding */ parseWorkflows),
/* harmony export */   xs: () => (/* binding */ WORKFLOWS_DIR)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _parse_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4533);
/** I/O edge: workflow files from a directory. Parsing stays in parse.ts. */



const WORKFLOWS_DIR = '.github/workflows';
/** GitHub reads only `.yml` and `.yaml` files in `.github/workflows`. */
function isWorkflowFileName(name) {
    return /\.ya?ml$/i.test(name);
}
/** Parses files already in memory (e.g. read from git objects by the diff). */
function parseWorkflows(files) {
    return [...files]
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        .map((f) => (0,_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWorkflow */ .h)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(f.path), f.path, f.text));
}
/** Reads `.github/workflows/*.yml|yaml` below `repoDir`, sorted; an unreadable file becomes an error model. */
async function loadWorkflowsFromDir(repoDir) {
    const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(repoDir, WORKFLOWS_DIR);
    let names;
    try {
        names = (await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readdir)(dir)).filter(isWorkflowFileName).sort();
    }
    catch {
        return [];
    }
    return Promise.all(names.map(async (name) => {
        const path = `${WORKFLOWS_DIR}/${name}`;
        try {
            return (0,_parse_js__WEBPACK_IMPORTED_MODULE_2__/* .parseWorkflow */ .h)(name, path, await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, name), 'utf8'));
        }
        catch (err) {
            return {
                file: name,
                path,
                triggers: [],
                jobs: [],
                error: { message: `cannot read file: ${err.message}`, line: 1 },
            };
        }
    }));
}


/***/ }),

/***/ 4533:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  h: () => (/* binding */ parseWorkflow)
});

// UNUSED EXPORTS: usesKind

// EXTERNAL MODULE: ./shared/yaml/located.ts + 1 modules
var located = __webpack_require__(5245);
;// CONCATENATED MODULE: ./shared/workflow/secrets.ts
/** The token every job gets anyway; it is not a secret a manifest declares. */
const IMPLICIT = 'GITHUB_TOKEN';
const WHOLE_CONTEXT = '*';
const isIdentStart = (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; /* A-Z a-z _ */
const isIdentPart = (c) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 45; /* 0-9 - */
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
function skipSpace(s, i) {
    while (i < s.length && isSpace(s.charCodeAt(i)))
        i++;
    return i;
}
/** End index (exclusive) of a quoted literal starting at `i`; `''` inside single quotes is an escaped quote. */
function skipQuoted(s, i) {
    const quote = s[i];
    let text = '';
    let j = i + 1;
    while (j < s.length) {
        const c = s[j];
        if (c === quote) {
            if (quote === "'" && s[j + 1] === "'") {
                text += "'";
                j += 2;
                continue;
            }
            return { end: j + 1, text };
        }
        text += c;
        j++;
    }
    return { end: j, text };
}
/** Secret names used in one expression body (no `${{ }}` around it). */
function secretNamesInExpression(expr) {
    const names = [];
    let i = 0;
    while (i < expr.length) {
        const c = expr.charCodeAt(i);
        if (c === 39 /* ' */ || c === 34 /* " */) {
            i = skipQuoted(expr, i).end;
            continue;
        }
        if (!isIdentStart(c)) {
            i++;
            continue;
        }
        const start = i;
        while (i < expr.length && isIdentPart(expr.charCodeAt(i)))
            i++;
        // `github.secrets` or `steps.secrets` are properties of other contexts, not the secrets context.
        const prev = start > 0 ? expr.charCodeAt(start - 1) : 0;
        if (prev === 46 /* . */ || expr.slice(start, i).toLowerCase() !== 'secrets')
            continue;
        const j = skipSpace(expr, i);
        const next = expr[j];
        if (next === '.') {
            const k = skipSpace(expr, j + 1);
            let end = k;
            while (end < expr.length && isIdentPart(expr.charCodeAt(end)))
                end++;
            if (end > k && isIdentStart(expr.charCodeAt(k))) {
                names.push(expr.slice(k, end));
                i = end;
            }
            else {
                names.push(WHOLE_CONTEXT); // `secrets.*`
                i = k;
            }
            continue;
        }
        if (next === '[') {
            const k = skipSpace(expr, j + 1);
            const q = expr[k];
            if (q === "'" || q === '"') {
                const lit = skipQuoted(expr, k);
                const close = skipSpace(expr, lit.end);
                if (expr[close] === ']') {
                    names.push(lit.text);
                    i = close + 1;
                    continue;
                }
            }
            names.push(WHOLE_CONTEXT); // `secrets[matrix.name]`
            i = k;
            continue;
        }
        names.push(WHOLE_CONTEXT); // `toJSON(secrets)`, bare `secrets`
    }
    return names.filter((n) => n.toUpperCase() !== IMPLICIT);
}
/**
 * Names referenced in one string value, `*` for whole-context use. `bareExpression` is true for `if:`
 * values, which GitHub reads as an expression when they do not use `${{ }}`.
 */
function secretNamesIn(text, bareExpression = false) {
    // Cheap filter first: nearly every string in a workflow mentions no secret.
    if (!/secrets/i.test(text))
        return [];
    const open = text.indexOf('${{');
    if (open === -1)
        return bareExpression ? secretNamesInExpression(text) : [];
    const names = [];
    let at = open;
    while (at !== -1) {
        const close = text.indexOf('}}', at + 3);
        const body = text.slice(at + 3, close === -1 ? text.length : close);
        names.push(...secretNamesInExpression(body));
        if (close === -1)
            break;
        at = text.indexOf('${{', close + 2);
    }
    return names;
}
/**
 * Every secret reference below `node`, with the line of the string that holds it. Aliases share
 * nodes, so a visit budget guards against alias bombs (exponential expansion of nested aliases).
 */
function secretsBelow(node, out = [], budget = { nodes: 200_000 }, key = '') {
    if (!node || --budget.nodes < 0)
        return out;
    if (node.kind === 'scalar') {
        if (typeof node.value === 'string')
            for (const name of secretNamesIn(node.value, key === 'if'))
                out.push({ value: name, line: node.line });
    }
    else if (node.kind === 'map') {
        for (const e of node.entries)
            secretsBelow(e.value, out, budget, e.key);
    }
    else {
        for (const item of node.items)
            secretsBelow(item, out, budget, '');
    }
    return out;
}

;// CONCATENATED MODULE: ./shared/workflow/parse.ts
/**
 * Workflow file -> WorkflowModel. Pure and total: a file that does not parse comes back with `error`
 * set and no jobs, never as a throw, so one broken file cannot hide the findings of the others.
 * Reads YAML through the located tree of shared/yaml/located.ts (aliases resolved to their anchors).
 */


const isMap = (n) => n?.kind === 'map';
const isSeq = (n) => n?.kind === 'seq';
const isScalar = (n) => n?.kind === 'scalar';
const lineOf = (n) => n?.line ?? 1;
const NO_ENTRIES = [];
const NO_ITEMS = [];
function entries(node) {
    return isMap(node) ? node.entries : NO_ENTRIES;
}
function get(node, key) {
    if (!isMap(node))
        return undefined;
    for (const e of node.entries)
        if (e.key === key)
            return e;
    return undefined;
}
function str(node) {
    if (!isScalar(node) || node.value === null)
        return undefined;
    return String(node.value);
}
function seqItems(node) {
    return isSeq(node) ? node.items : NO_ITEMS;
}
function permissionsBlock(node, keyLine) {
    if (isScalar(node)) {
        const v = node.value;
        if (v === 'read-all' || v === 'write-all')
            return { line: keyLine, shorthand: v, entries: [] };
        // `permissions:` with no value is null in YAML; GitHub rejects it like any other scalar.
        return {
            line: keyLine,
            entries: [],
            invalid: `permissions must be read-all, write-all or a mapping of scopes, not '${String(v)}'`,
        };
    }
    if (isMap(node)) {
        return {
            line: keyLine,
            entries: entries(node).map((e) => ({
                scope: e.key,
                level: str(e.value) ?? (isScalar(e.value) ? String(e.value.value) : e.value.kind),
                line: e.keyLine,
            })),
        };
    }
    return {
        line: keyLine,
        entries: [],
        invalid: 'permissions must be read-all, write-all or a mapping of scopes',
    };
}
function triggers(node) {
    if (isScalar(node)) {
        const s = str(node);
        return s ? [{ value: s, line: lineOf(node) }] : [];
    }
    if (isSeq(node)) {
        return seqItems(node).flatMap((i) => {
            const s = str(i);
            return s ? [{ value: s, line: lineOf(i) }] : [];
        });
    }
    if (isMap(node))
        return entries(node).map((e) => ({ value: e.key, line: e.keyLine }));
    return [];
}
function pushFilters(on) {
    const push = isMap(on) ? get(on, 'push')?.value : undefined;
    if (!isMap(push))
        return {};
    const list = (key) => {
        const v = get(push, key)?.value;
        return v === undefined
            ? undefined
            : isSeq(v)
                ? seqItems(v).flatMap((i) => str(i) ?? [])
                : [str(v) ?? ''].filter(Boolean);
    };
    const branches = list('branches');
    const tags = list('tags');
    return { pushFilters: { ...(branches ? { branches } : {}), ...(tags ? { tags } : {}) } };
}
/** `./path` is local (an action or workflow in this repository), `docker://` an image, anything else remote. */
function usesKind(uses) {
    if (uses.startsWith('./') || uses.startsWith('.\\'))
        return 'local';
    if (uses.startsWith('docker://'))
        return 'docker';
    return 'remote';
}
function environments(node) {
    if (!node)
        return [];
    if (isScalar(node)) {
        const s = str(node);
        return s ? [{ value: s, line: lineOf(node) }] : [];
    }
    const name = get(node, 'name');
    const s = name ? str(name.value) : undefined;
    return s ? [{ value: s, line: lineOf(name.value) }] : [];
}
function withInputs(node) {
    if (!isMap(node))
        return {};
    const out = {};
    for (const e of node.entries) {
        const v = str(e.value);
        if (v !== undefined)
            out[e.key] = { value: v, line: lineOf(e.value) };
    }
    return { with: out };
}
function parseJob(id, keyLine, node, workflowEnv) {
    const perm = get(node, 'permissions');
    const usesEntry = get(node, 'uses');
    const usesValue = usesEntry ? str(usesEntry.value) : undefined;
    const actions = [];
    let uses;
    if (usesValue) {
        uses = { uses: usesValue, line: lineOf(usesEntry.value), kind: usesKind(usesValue), on: 'job' };
        actions.push(uses);
    }
    const steps = seqItems(get(node, 'steps')?.value).map((s, index) => {
        // One pass over the step's keys (a mapping has no duplicate keys: js-yaml refuses them).
        let id;
        let name;
        let usesKey;
        let run;
        let ifKey;
        let continueKey;
        let withKey;
        for (const e of entries(s)) {
            if (e.key === 'id')
                id ??= str(e.value);
            else if (e.key === 'name')
                name ??= str(e.value);
            else if (e.key === 'uses')
                usesKey ??= e;
            else if (e.key === 'run')
                run ??= str(e.value);
            else if (e.key === 'if')
                ifKey ??= e;
            else if (e.key === 'continue-on-error')
                continueKey ??= e;
            else if (e.key === 'with')
                withKey ??= e;
        }
        const stepUses = str(usesKey?.value);
        const asWritten = (e) => ({ value: str(e.value) ?? '(not a scalar)', line: e.keyLine });
        // Keys assigned in the model's order; only those present (no spread of a temporary per key).
        const step = { index, line: lineOf(s) };
        if (id !== undefined)
            step.id = id;
        if (name !== undefined)
            step.name = name;
        if (stepUses !== undefined)
            step.uses = stepUses;
        if (run !== undefined)
            step.run = run;
        if (ifKey)
            step.if = asWritten(ifKey);
        if (continueKey)
            step.continueOnError = asWritten(continueKey);
        const inputs = withInputs(withKey?.value);
        if (inputs.with)
            step.with = inputs.with;
        if (stepUses) {
            actions.push({
                uses: stepUses,
                line: lineOf(usesKey.value),
                kind: usesKind(stepUses),
                on: 'step',
                step: step.id ?? step.name ?? `#${index}`,
            });
        }
        return step;
    });
    const secretsEntry = get(node, 'secrets');
    const inherit = secretsEntry && str(secretsEntry.value) === 'inherit' ? { line: secretsEntry.keyLine } : undefined;
    const secrets = [...secretsBelow(node), ...workflowEnv];
    const needsNode = get(node, 'needs')?.value;
    const needs = isScalar(needsNode)
        ? [str(needsNode)].filter(Boolean)
        : seqItems(needsNode)
            .map(str)
            .filter((x) => !!x);
    return {
        id,
        line: keyLine,
        ...(str(get(node, 'name')?.value) !== undefined ? { name: str(get(node, 'name')?.value) } : {}),
        ...(perm ? { permissions: permissionsBlock(perm.value, perm.keyLine) } : {}),
        ...(uses ? { uses } : {}),
        secrets,
        ...(inherit ? { secretsInherit: inherit } : {}),
        environments: environments(get(node, 'environment')?.value),
        steps,
        actions,
        needs,
    };
}
/**
 * Parses one workflow file. `file` is the name under `.github/workflows` (the manifest key), `path`
 * the repository-relative path used in findings.
 */
function parseWorkflow(file, path, text) {
    const fail = (message, line) => ({
        file,
        path,
        triggers: [],
        jobs: [],
        error: { message, line },
    });
    const parsed = (0,located/* parseLocatedYaml */.vJ)(text);
    if (parsed.error)
        return fail(parsed.error.kind === 'unlocatable'
            ? `YAML stepwarden cannot read as GitHub does: ${parsed.error.message}`
            : `YAML syntax error: ${parsed.error.message}`, parsed.error.line);
    const root = parsed.root;
    if (!isMap(root))
        return fail('a workflow must be a YAML mapping with `on` and `jobs`', lineOf(root));
    // GitHub supports anchors and aliases but not YAML 1.1 `<<` merge keys (actions/runner#1182): such
    // a workflow is rejected, so it is reported as a file error rather than read the way js-yaml would.
    // The located parse notes the first `<<` key as it builds the tree (no second walk).
    const merge = parsed.mergeKeyLine;
    if (merge !== undefined)
        return fail(`YAML merge keys (\`<<\`) are not supported by GitHub Actions (line ${merge}); write the keys out, or alias a whole value (\`key: *anchor\`)`, merge);
    // The YAML 1.2 core schema keeps a bare `on` key a string, as GitHub does (YAML 1.1 made it `true`).
    const on = get(root, 'on');
    if (!on)
        return fail('missing `on:` (the events that trigger the workflow)', 1);
    const jobsEntry = get(root, 'jobs');
    if (!jobsEntry || !isMap(jobsEntry.value))
        return fail('missing or invalid `jobs:` mapping', jobsEntry?.keyLine ?? 1);
    const workflowEnv = secretsBelow(get(root, 'env')?.value);
    const perm = get(root, 'permissions');
    const name = str(get(root, 'name')?.value);
    return {
        file,
        path,
        ...(name !== undefined ? { name } : {}),
        triggers: triggers(on.value),
        ...pushFilters(on.value),
        ...(perm ? { permissions: permissionsBlock(perm.value, perm.keyLine) } : {}),
        jobs: entries(jobsEntry.value).map((e) => parseJob(e.key, e.keyLine, e.value, workflowEnv)),
    };
}


/***/ }),

/***/ 5245:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  f1: () => (/* binding */ lineAtPath),
  vJ: () => (/* binding */ parseLocatedYaml)
});

// UNUSED EXPORTS: IMPLICIT, SCHEMA, parseLocatedYamlReference, toValue

// EXTERNAL MODULE: ./node_modules/js-yaml/dist/js-yaml.mjs
var js_yaml = __webpack_require__(3243);
;// CONCATENATED MODULE: ./shared/yaml/fast.ts
/** Why the fast path gives a document back: thrown, caught once per document. */
const BAIL = Symbol('bail');
const NONE = [];
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
// The same test js-yaml makes on the whole input before it reads anything.
const NON_PRINTABLE = 
// eslint-disable-next-line no-control-regex
/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;
/** A cheaper first test: every character NON_PRINTABLE could match (emoji pairs too). */
// eslint-disable-next-line no-control-regex
const MAYBE_NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]/;
/** First characters a plain scalar or key may not start with here (js-yaml's indicators, and more). */
function isIndicator(c) {
    return (c === 45 || // -
        c === 63 || // ?
        c === 58 || // :
        c === 44 || // ,
        c === 91 || // [
        c === 93 || // ]
        c === 123 || // {
        c === 125 || // }
        c === 35 || // #
        c === 38 || // &
        c === 42 || // *
        c === 33 || // !
        c === 124 || // |
        c === 62 || // >
        c === 39 || // '
        c === 34 || // "
        c === 37 || // %
        c === 64 || // @
        c === 96 // `
    );
}
/** Characters that can start a plain scalar resolving to something other than a string (core schema). */
function mayResolve(c) {
    return ((c >= 48 && c <= 57) || // 0-9
        c === 43 || // +
        c === 45 || // -
        c === 46 || // .
        c === 126 || // ~
        c === 110 || // n
        c === 78 || // N
        c === 116 || // t
        c === 84 || // T
        c === 102 || // f
        c === 70 // F
    );
}
/** js-yaml's one-character escapes of a double-quoted scalar. */
const ESCAPES = {
    '0': '\x00',
    a: '\x07',
    b: '\x08',
    t: '\x09',
    '\t': '\x09',
    n: '\x0A',
    v: '\x0B',
    f: '\x0C',
    r: '\x0D',
    e: '\x1B',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\x85',
    _: '\xA0',
    L: '\u2028',
    P: '\u2029',
};
const HEX_LENGTH = { x: 2, u: 4, U: 8 };
/** The escape at `i` (a backslash) of a double-quoted scalar, decoded as js-yaml does; an unknown one is the reference's. */
function escapeAt(s, i) {
    const c = s[i + 1];
    if (c === undefined)
        throw BAIL;
    const simple = ESCAPES[c];
    if (simple !== undefined)
        return { text: simple, length: 2 };
    const len = HEX_LENGTH[c];
    if (len === undefined)
        throw BAIL;
    const hex = s.slice(i + 2, i + 2 + len);
    if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex))
        throw BAIL;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff)
        throw BAIL;
    return { text: String.fromCodePoint(code), length: 2 + len };
}
/** The content of a one-line double-quoted scalar, escapes decoded. */
function unescapeDouble(s) {
    let out = '';
    let from = 0;
    for (let i = s.indexOf('\\'); i !== -1; i = s.indexOf('\\', from)) {
        const e = escapeAt(s, i);
        out += s.slice(from, i) + e.text;
        from = i + e.length;
    }
    return out + s.slice(from);
}
const INDENT_CUTS = [];
/** Up to `n` spaces at the start of each line. */
function indentCut(n) {
    return (INDENT_CUTS[n] ??= new RegExp(`^ {0,${n}}`, 'gm'));
}
class FastReader {
    text;
    implicit;
    tree;
    /**
     * Start and end of the current line (the end before its `\r\n` or `\n`, or the text's end), where
     * its line break is (or the text's length), its number, its indent.
     */
    ls = 0;
    le = 0;
    nl = -1;
    ln = 0;
    ind = 0;
    eof = false;
    /** The line of the node last built (what a parent records for it in value mode). */
    lastLine = 0;
    /** Value mode: where each mapping and sequence of the value stands. */
    lines = new Map();
    /**
     * `tree`: build located nodes (the workflow reader walks them). Otherwise build the plain value
     * (what js-yaml composes) and record lines in `lines`, for documents whose tree only names lines.
     */
    constructor(text, implicit, tree) {
        this.text = text;
        this.implicit = implicit;
        this.tree = tree;
        this.ln = 0;
        this.nextLine();
    }
    nextLine() {
        const t = this.text;
        if (this.nl >= t.length) {
            this.eof = true;
            return;
        }
        this.ls = this.nl + 1;
        this.ln++;
        const nl = t.indexOf('\n', this.ls);
        this.nl = nl === -1 ? t.length : nl;
        // A CR LF line end (a lone CR is refused up front).
        this.le = this.nl > this.ls && t.charCodeAt(this.nl - 1) === 13 ? this.nl - 1 : this.nl;
    }
    /** Moves to the next line with content (not blank, not only a comment); sets `ind`. */
    skipBlank() {
        const t = this.text;
        while (!this.eof) {
            let i = this.ls;
            while (i < this.le && t.charCodeAt(i) === SPACE)
                i++;
            if (i < this.le && t.charCodeAt(i) !== HASH) {
                this.ind = i - this.ls;
                return;
            }
            this.nextLine();
        }
    }
    /** The line a node that reads nothing gets in the reference: where the next content starts. */
    emptyLine() {
        return this.ln;
    }
    scalar(value, line) {
        this.lastLine = line;
        return this.tree ? { kind: 'scalar', line, value } : value;
    }
    /** Refuses a key already in the mapping (js-yaml does: a duplicated key is its error to report). */
    unique(key, keys, seen) {
        if (key === '<<')
            throw BAIL; // a merge key (or a key so named): the reference's
        if (seen) {
            if (seen.has(key))
                throw BAIL;
            seen.add(key);
            return seen;
        }
        const n = keys.length;
        for (let i = 0; i < n; i++) {
            const k = keys[i];
            if ((typeof k === 'string' ? k : k.key) === key)
                throw BAIL;
        }
        if (n < 16)
            return undefined;
        const all = new Set([key]);
        for (let i = 0; i < n; i++) {
            const k = keys[i];
            all.add(typeof k === 'string' ? k : k.key);
        }
        return all;
    }
    resolvePlain(s) {
        if (s.length === 0 || mayResolve(s.charCodeAt(0)))
            for (const type of this.implicit)
                if (type.resolve(s))
                    return type.construct(s);
        return s;
    }
    document() {
        const t = this.text;
        this.skipBlank();
        if (this.eof)
            throw BAIL;
        // One leading `---` line (alone, or with a comment) is allowed; anything else at column 0
        // starting with `---`/`...`, or a directive, is the reference's.
        if (this.ind === 0 && t.startsWith('---', this.ls)) {
            const rest = this.restIsBlank(this.ls + 3);
            if (!rest)
                throw BAIL;
            this.nextLine();
            this.skipBlank();
            if (this.eof)
                throw BAIL;
        }
        if (this.ind !== 0)
            throw BAIL;
        const p = this.ls;
        let root;
        if (this.isDash(p))
            root = this.seq(0);
        else if (this.keyEnd(p) !== -1)
            root = this.map(0, p);
        else
            throw BAIL;
        if (!this.eof)
            throw BAIL;
        return root;
    }
    /** The current line starts with a document marker (`---` or `...`): js-yaml ends a quoted scalar there in an error. */
    atMarker() {
        const t = this.text;
        const c = t.charCodeAt(this.ls);
        return ((c === DASH || c === 46) &&
            t.charCodeAt(this.ls + 1) === c &&
            t.charCodeAt(this.ls + 2) === c &&
            (this.ls + 3 === this.le || t.charCodeAt(this.ls + 3) === SPACE));
    }
    /** From `i` to the end of the line: only spaces, then optionally a comment. */
    restIsBlank(i) {
        const t = this.text;
        if (i < this.le && t.charCodeAt(i) !== SPACE)
            return false;
        while (i < this.le && t.charCodeAt(i) === SPACE)
            i++;
        return i === this.le || t.charCodeAt(i) === HASH;
    }
    /** `-` followed by a space or the end of the line. */
    isDash(p) {
        return this.text.charCodeAt(p) === DASH && (p + 1 === this.le || this.text.charCodeAt(p + 1) === SPACE);
    }
    /**
     * Where the `:` of a key starting at `p` is, or -1 when the line holds no key there: a plain key
     * (no indicator first, no `[]{},`), or a quoted one on its own, followed by `:` and a space or the
     * end of the line.
     */
    keyEnd(p) {
        const t = this.text;
        const le = this.le;
        const c = t.charCodeAt(p);
        if (c === 39 || c === 34) {
            const close = this.quoteEnd(p);
            if (close === -1)
                return -1;
            let i = close + 1;
            while (i < le && t.charCodeAt(i) === SPACE)
                i++;
            return i < le && t.charCodeAt(i) === COLON && (i + 1 === le || t.charCodeAt(i + 1) === SPACE) ? i : -1;
        }
        if (isIndicator(c))
            return -1;
        for (let i = p + 1; i < le; i++) {
            const d = t.charCodeAt(i);
            if (d === COLON) {
                if (i + 1 === le || t.charCodeAt(i + 1) === SPACE)
                    return i;
            }
            else if (d === HASH) {
                if (t.charCodeAt(i - 1) === SPACE)
                    return -1;
            }
            else if (d === 91 || d === 93 || d === 123 || d === 125 || d === 44)
                return -1;
        }
        return -1;
    }
    /** Index of the closing quote of a quoted scalar opening at `p` on this line, or -1. */
    quoteEnd(p) {
        const t = this.text;
        const q = t.charCodeAt(p);
        for (let i = p + 1; i < this.le; i++) {
            const c = t.charCodeAt(i);
            if (q === 34 && c === 92) {
                i++; // the escaped character (decoded, or refused, by `quoted`)
                continue;
            }
            if (c === q) {
                if (q === 39 && t.charCodeAt(i + 1) === 39) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }
    quoted(p, close) {
        const s = this.text.slice(p + 1, close);
        if (this.text.charCodeAt(p) === 39)
            return s.indexOf("'") === -1 ? s : s.replace(/''/g, "'");
        return s.indexOf('\\') === -1 ? s : unescapeDouble(s);
    }
    keyText(p, colon) {
        const t = this.text;
        const c = t.charCodeAt(p);
        if (c === 39 || c === 34)
            return this.quoted(p, this.quoteEnd(p));
        let end = colon;
        while (end > p && t.charCodeAt(end - 1) === SPACE)
            end--;
        const v = this.resolvePlain(t.slice(p, end));
        return String(v);
    }
    /** A block mapping whose first key starts at `p` (column `col`) on the current line. */
    map(col, p) {
        // Tree mode: the entries. Value mode: the keys, values and their lines, for `mapping`.
        const entries = this.tree ? [] : undefined;
        // (Shared empty arrays in tree mode, never pushed to.)
        const keys = entries ? NONE : [];
        const values = entries ? NONE : [];
        const keyLines = entries ? NONE : [];
        const valueLines = entries ? NONE : [];
        let seen;
        const line = this.ln;
        const t = this.text;
        for (;;) {
            const colon = this.keyEnd(p);
            if (colon === -1)
                throw BAIL;
            const key = this.keyText(p, colon);
            seen = this.unique(key, entries ?? keys, seen);
            const keyLine = this.ln;
            let q = colon + 1;
            while (q < this.le && t.charCodeAt(q) === SPACE)
                q++;
            let value;
            if (q === this.le || t.charCodeAt(q) === HASH) {
                this.nextLine();
                this.skipBlank();
                if (this.eof)
                    value = this.scalar(null, this.emptyLine());
                else if (this.ind > col)
                    value = this.block(col);
                else if (this.ind === col && this.isDash(this.ls + col))
                    value = this.seq(col);
                else
                    value = this.scalar(null, this.emptyLine());
            }
            else
                value = this.inline(q, col);
            if (entries)
                entries.push({ key, keyLine, value: value });
            else {
                keys.push(key);
                keyLines.push(keyLine);
                values.push(value);
                valueLines.push(this.lastLine);
            }
            if (this.eof || this.ind < col)
                break;
            if (this.ind > col)
                throw BAIL;
            p = this.ls + col;
        }
        if (entries) {
            this.lastLine = line;
            return { kind: 'map', line, entries };
        }
        return this.mapping(line, keys, keyLines, values, valueLines);
    }
    mapping(line, keys, keyLines, values, valueLines) {
        this.lastLine = line;
        if (this.tree) {
            const entries = [];
            for (let i = 0; i < keys.length; i++)
                entries.push({ key: keys[i], keyLine: keyLines[i], value: values[i] });
            return { kind: 'map', line, entries };
        }
        const out = {};
        for (let i = 0; i < keys.length; i++)
            setProperty(out, keys[i], values[i]);
        this.lines.set(out, { line, keys, keyLines, valueLines });
        return out;
    }
    sequence(line, items, itemLines) {
        this.lastLine = line;
        if (this.tree)
            return { kind: 'seq', line, items: items };
        this.lines.set(items, { line, itemLines });
        return items;
    }
    /** A block sequence whose dashes stand at column `col`, the first on the current line. */
    seq(col) {
        const items = [];
        const itemLines = [];
        const line = this.ln;
        const t = this.text;
        for (;;) {
            let q = this.ls + col + 1;
            while (q < this.le && t.charCodeAt(q) === SPACE)
                q++;
            let item;
            if (q === this.le || t.charCodeAt(q) === HASH) {
                this.nextLine();
                this.skipBlank();
                if (this.eof || this.ind <= col)
                    throw BAIL; // an empty item
                item = this.block(col);
            }
            else if (this.isDash(q))
                throw BAIL;
            else if (this.keyEnd(q) !== -1)
                item = this.map(q - this.ls, q);
            else
                item = this.inline(q, col);
            items.push(item);
            itemLines.push(this.lastLine);
            // A line at the dashes' column without a dash ends an indentless sequence (a mapping value):
            // the caller judges it.
            if (this.eof || this.ind < col || !this.isDash(this.ls + col))
                break;
            if (this.ind > col)
                throw BAIL;
        }
        return this.sequence(line, items, itemLines);
    }
    /** A node on a line of its own, more indented than its parent's column `parent`. */
    block(parent) {
        const col = this.ind;
        const p = this.ls + col;
        if (this.isDash(p))
            return this.seq(col);
        if (this.keyEnd(p) !== -1)
            return this.map(col, p);
        const c = this.text.charCodeAt(p);
        if (c === 124 || c === 62)
            throw BAIL;
        return this.inline(p, parent);
    }
    /**
     * A node starting at `p` on the current line after a key (or a dash), whose parent stands at
     * column `parent`. Leaves the reader on the next line with content, which must not be indented
     * past `parent` (that would continue a multi-line scalar: the reference's).
     */
    inline(p, parent) {
        const t = this.text;
        const c = t.charCodeAt(p);
        const line = this.ln;
        let node;
        if (c === 124 || c === 62)
            return this.blockScalar(p, parent);
        if (c === 91 || c === 123)
            node = this.flow(p);
        else if (c === 39 || c === 34) {
            const value = this.quotedValue(p);
            if (!this.restIsBlank(this.at))
                throw BAIL;
            node = this.scalar(value, line);
        }
        else {
            if (isIndicator(c) &&
                !((c === 45 || c === 63 || c === 58) && p + 1 < this.le && t.charCodeAt(p + 1) !== SPACE))
                throw BAIL;
            let value = this.plainLine(p);
            // js-yaml's readPlainScalar: lines indented past the parent continue the scalar, folded (one
            // line break a space, n breaks n - 1 newlines); a comment, or a comment line, ends it.
            let open = this.at === this.le;
            let breaks = 0;
            this.nextLine();
            while (open && !this.eof) {
                let i = this.ls;
                while (i < this.le && t.charCodeAt(i) === SPACE)
                    i++;
                if (i === this.le) {
                    breaks++;
                    this.nextLine();
                    continue;
                }
                if (i - this.ls <= parent || t.charCodeAt(i) === HASH)
                    break;
                value += breaks === 0 ? ' ' : '\n'.repeat(breaks);
                breaks = 0;
                value += this.plainLine(i);
                open = this.at === this.le;
                this.nextLine();
            }
            node = this.scalar(this.resolvePlain(value), line);
            this.skipBlank();
            if (!this.eof && this.ind > parent)
                throw BAIL;
            return node;
        }
        this.nextLine();
        this.skipBlank();
        if (!this.eof && this.ind > parent)
            throw BAIL;
        return node;
    }
    /** Where the last `plainLine` or `quotedValue` stopped. */
    at = 0;
    /**
     * The plain scalar text from `p` to a comment or the end of the line, trailing spaces dropped;
     * `at` is where it stopped (the comment's `#`, or the line end). A `: ` in it is the reference's.
     */
    plainLine(p) {
        const t = this.text;
        let end = this.le;
        for (let i = p; i < this.le; i++) {
            const d = t.charCodeAt(i);
            if (d === COLON && (i + 1 === this.le || t.charCodeAt(i + 1) === SPACE))
                throw BAIL;
            if (d === HASH && i > p && t.charCodeAt(i - 1) === SPACE) {
                end = i;
                break;
            }
        }
        this.at = end;
        while (end > p && t.charCodeAt(end - 1) === SPACE)
            end--;
        return t.slice(p, end);
    }
    /**
     * A quoted scalar opening at `p`, as js-yaml reads it, over several lines if it goes on: at a line
     * break the text so far is kept as written (trailing spaces too), the next line's indentation is
     * skipped, and the breaks fold (one a space, n of them n - 1 newlines). `at` is after the closing quote.
     */
    quotedValue(p) {
        const t = this.text;
        const q = t.charCodeAt(p);
        let out = '';
        let i = p + 1;
        let start = i;
        for (;;) {
            if (i >= this.le) {
                out += t.slice(start, i);
                let breaks = 0;
                for (;;) {
                    this.nextLine();
                    if (this.eof)
                        throw BAIL;
                    breaks++;
                    i = this.ls;
                    while (i < this.le && t.charCodeAt(i) === SPACE)
                        i++;
                    if (i < this.le)
                        break;
                }
                if (i === this.ls && this.atMarker())
                    throw BAIL;
                out += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
                start = i;
                continue;
            }
            const c = t.charCodeAt(i);
            if (c === q) {
                if (q === 39 && t.charCodeAt(i + 1) === 39) {
                    out += t.slice(start, i + 1);
                    i += 2;
                    start = i;
                    continue;
                }
                out += t.slice(start, i);
                this.at = i + 1;
                return out;
            }
            if (q === 34 && c === 92) {
                if (i + 1 >= this.le) {
                    // An escaped line break: js-yaml joins the lines with nothing between them (it skips
                    // the indentation, and any empty lines, that follow).
                    out += t.slice(start, i);
                    do {
                        this.nextLine();
                        if (this.eof)
                            throw BAIL;
                        i = this.ls;
                        while (i < this.le && t.charCodeAt(i) === SPACE)
                            i++;
                    } while (i === this.le);
                    if (i === this.ls && this.atMarker())
                        throw BAIL;
                    start = i;
                    continue;
                }
                const e = escapeAt(t, i);
                out += t.slice(start, i) + e.text;
                i += e.length;
                start = i;
                continue;
            }
            i++;
        }
    }
    /**
     * A flow sequence or mapping of scalars (no nesting, no comments inside), each scalar on one line;
     * it may span lines (`init` wraps long lists so).
     */
    flow(p) {
        const t = this.text;
        const line = this.ln;
        const isMap = t.charCodeAt(p) === 123;
        const close = isMap ? 125 : 93;
        const items = [];
        const itemLines = [];
        const keys = [];
        const keyLines = [];
        let seen;
        let i = p + 1;
        // Spaces, and line ends between entries (never inside one).
        const skip = () => {
            for (;;) {
                while (i < this.le && t.charCodeAt(i) === SPACE)
                    i++;
                if (i < this.le)
                    return;
                this.nextLine();
                if (this.eof)
                    throw BAIL;
                i = this.ls;
                while (i < this.le && t.charCodeAt(i) === SPACE)
                    i++;
                // js-yaml only warns about a line indented too little inside a flow collection; a line at
                // column 0 could be a document marker, which is the reference's to judge.
                if (i < this.le && i === this.ls && t.charCodeAt(i) !== close)
                    throw BAIL;
            }
        };
        // One scalar of a flow collection; `key` ends it at `: ` rather than at `:` before an indicator.
        const entry = (key) => {
            const le = this.le;
            const at = this.ln;
            const c = t.charCodeAt(i);
            if (c === 39 || c === 34) {
                const end = this.quoteEnd(i);
                if (end === -1)
                    throw BAIL;
                const s = this.quoted(i, end);
                i = end + 1;
                this.lastLine = at;
                return s;
            }
            if (i >= le || isIndicator(c))
                throw BAIL;
            const start = i;
            for (; i < le; i++) {
                const d = t.charCodeAt(i);
                if (d === 44 || d === close)
                    break;
                if (d === 91 || d === 93 || d === 123 || d === 125)
                    throw BAIL;
                if (d === HASH && t.charCodeAt(i - 1) === SPACE)
                    throw BAIL;
                if (d === COLON) {
                    const n = t.charCodeAt(i + 1);
                    if (key && n === SPACE)
                        break;
                    if (n === SPACE || n === 44 || n === 91 || n === 93 || n === 123 || n === 125 || i + 1 === le)
                        throw BAIL;
                }
            }
            let end = i;
            while (end > start && t.charCodeAt(end - 1) === SPACE)
                end--;
            this.lastLine = at;
            return this.resolvePlain(t.slice(start, end));
        };
        skip();
        if (t.charCodeAt(i) !== close)
            for (;;) {
                if (isMap) {
                    const key = String(entry(true));
                    const keyLine = this.lastLine;
                    while (i < this.le && t.charCodeAt(i) === SPACE)
                        i++;
                    if (t.charCodeAt(i) !== COLON || t.charCodeAt(i + 1) !== SPACE)
                        throw BAIL;
                    i += 2;
                    while (i < this.le && t.charCodeAt(i) === SPACE)
                        i++;
                    seen = this.unique(key, keys, seen);
                    keys.push(key);
                    keyLines.push(keyLine);
                }
                const value = entry(false);
                items.push(this.scalar(value, this.lastLine));
                itemLines.push(this.lastLine);
                skip();
                const d = t.charCodeAt(i);
                if (d === close)
                    break;
                if (d !== 44)
                    throw BAIL;
                i++;
                skip();
                if (t.charCodeAt(i) === close)
                    break; // a trailing comma
            }
        if (!this.restIsBlank(i + 1))
            throw BAIL;
        return isMap
            ? this.mapping(line, keys, keyLines, items, itemLines)
            : this.sequence(line, items, itemLines);
    }
    /**
     * `|` or `>` at `p`: js-yaml's readBlockScalar (lines, indentation, folding and chomping), for a
     * scalar whose parent stands at column `parent`.
     */
    blockScalar(p, parent) {
        const t = this.text;
        const line = this.ln;
        const folding = t.charCodeAt(p) === 62;
        let chomping = 0; // 0 clip, 1 strip, 2 keep
        const nodeIndent = parent + 1;
        let textIndent = nodeIndent;
        let detectedIndent = false;
        let i = p + 1;
        for (; i < this.le; i++) {
            const c = t.charCodeAt(i);
            if (c === 43 || c === DASH) {
                if (chomping !== 0)
                    throw BAIL;
                chomping = c === 43 ? 2 : 1;
            }
            else if (c >= 49 && c <= 57) {
                if (detectedIndent)
                    throw BAIL;
                textIndent = nodeIndent + (c - 48) - 1;
                detectedIndent = true;
            }
            else
                break;
        }
        if (i < this.le && !this.restIsBlank(i))
            throw BAIL;
        let result = '';
        let didReadContent = false;
        let emptyLines = 0;
        let atMoreIndented = false;
        // A literal scalar is its lines with the indentation cut: found here, then cut from one slice of
        // the text (below) rather than joined line by line.
        let first = -1;
        let last = -1;
        let crlf = false;
        for (;;) {
            this.nextLine();
            if (this.eof)
                break;
            if (first === -1)
                first = this.ls;
            let lineIndent = 0;
            let j = this.ls;
            while ((!detectedIndent || lineIndent < textIndent) && j < this.le && t.charCodeAt(j) === SPACE) {
                lineIndent++;
                j++;
            }
            if (!detectedIndent && lineIndent > textIndent)
                textIndent = lineIndent;
            if (j === this.le) {
                if (this.le !== this.nl)
                    crlf = true;
                emptyLines++;
                continue;
            }
            if (lineIndent < textIndent)
                break;
            if (!folding) {
                if (this.le !== this.nl)
                    crlf = true;
                last = this.le;
                didReadContent = true;
                detectedIndent = true;
                emptyLines = 0;
                continue;
            }
            const nls = (n) => '\n'.repeat(n);
            {
                const ch = t.charCodeAt(j);
                if (ch === SPACE || ch === 9) {
                    atMoreIndented = true;
                    result += nls(didReadContent ? 1 + emptyLines : emptyLines);
                }
                else if (atMoreIndented) {
                    atMoreIndented = false;
                    result += nls(emptyLines + 1);
                }
                else if (emptyLines === 0) {
                    if (didReadContent)
                        result += ' ';
                }
                else
                    result += nls(emptyLines);
            }
            didReadContent = true;
            detectedIndent = true;
            emptyLines = 0;
            result += t.slice(j, this.le);
        }
        if (!folding && didReadContent) {
            // Leading empty lines give line breaks, lines between give theirs; up to textIndent spaces
            // are cut from each (an empty line holds no more before the first content line, or it
            // would have raised textIndent past that line and ended the scalar).
            const lines = t.slice(first, last);
            result = (crlf ? lines.replace(/\r\n/g, '\n') : lines).replace(indentCut(textIndent), '');
        }
        // The chomping js-yaml performs where the scalar ends (the end of the text included: it reads a
        // text as if it ended in a line break).
        if (this.eof && this.text.charCodeAt(this.text.length - 1) === 10)
            emptyLines--;
        if (chomping === 2)
            result += '\n'.repeat(didReadContent ? 1 + emptyLines : emptyLines);
        else if (chomping === 0 && didReadContent)
            result += '\n';
        this.skipBlank();
        if (!this.eof && this.ind > parent)
            throw BAIL;
        return this.scalar(result, line);
    }
}
/**
 * The located tree of `text` (a byte-order mark already removed), or undefined when the document is
 * outside the fast path's subset: read it with the reference path then.
 */
function fastLocated(text, implicit) {
    return read(text, implicit, true)?.root;
}
/**
 * The plain value of `text` as js-yaml composes it, with a located tree over it that is built only
 * along the paths a look-up walks (for a manifest: its value is what is used, its tree only names
 * lines); undefined outside the fast path's subset.
 */
function fastLocatedValue(text, implicit) {
    const r = read(text, implicit, false);
    return r && { value: r.root, root: view(r.root, 1, r.lines) };
}
function read(text, implicit, tree) {
    if (text.indexOf('\t') !== -1 ||
        (text.indexOf('\r') !== -1 && /\r(?!\n)/.test(text)) ||
        (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text)))
        return undefined;
    try {
        const reader = new FastReader(text, implicit, tree);
        return { root: reader.document(), lines: reader.lines };
    }
    catch {
        // BAIL, or anything else (a stack overflow on absurdly deep nesting): the reference path decides,
        // and reports what it cannot read as a syntax error.
        return undefined;
    }
}
function setProperty(out, key, value) {
    // As js-yaml stores it: an own property, even when named `__proto__`.
    if (key === '__proto__')
        Object.defineProperty(out, key, { configurable: true, enumerable: true, writable: true, value });
    else
        out[key] = value;
}
/** The located node of `value` (a scalar's line given), its children built on first read. */
function view(value, line, lines) {
    const at = value !== null && typeof value === 'object' ? lines.get(value) : undefined;
    if (at && 'keys' in at)
        return new MapView(value, at, lines);
    if (at)
        return new SeqView(value, at, lines);
    return { kind: 'scalar', line, value: value };
}
// Classes rather than object literals with getters: V8 kept such literals alive until a full
// collection (see FastParse in located.ts).
class MapView {
    value;
    at;
    lines;
    kind = 'map';
    line;
    built;
    constructor(value, at, lines) {
        this.value = value;
        this.at = at;
        this.lines = lines;
        this.line = at.line;
    }
    get entries() {
        return (this.built ??= this.at.keys.map((key, i) => ({
            key,
            keyLine: this.at.keyLines[i],
            value: view(this.value[key], this.at.valueLines[i], this.lines),
        })));
    }
}
class SeqView {
    value;
    at;
    lines;
    kind = 'seq';
    line;
    built;
    constructor(value, at, lines) {
        this.value = value;
        this.at = at;
        this.lines = lines;
        this.line = at.line;
    }
    get items() {
        return (this.built ??= this.value.map((v, i) => view(v, this.at.itemLines[i], this.lines)));
    }
}
/** The plain value of a tree the fast path built (no aliases, no merge keys), as js-yaml composes it. */
function fastValue(n) {
    if (n.kind === 'scalar')
        return n.value;
    if (n.kind === 'seq')
        return n.items.map(fastValue);
    const out = {};
    for (const e of n.entries) {
        if (e.key === '__proto__')
            Object.defineProperty(out, e.key, {
                configurable: true,
                enumerable: true,
                writable: true,
                value: fastValue(e.value),
            });
        else
            out[e.key] = fastValue(e.value);
    }
    return out;
}

;// CONCATENATED MODULE: ./shared/yaml/located.ts
/**
 * YAML reading with positions: every workflow, manifest and config goes through here, so every
 * finding and error can name its line. js-yaml is about ten times faster than the `yaml` library
 * on real workflow files (75 ms vs 700 ms for the 1,503-file corpus) but keeps no positions; its
 * `listener` reports where each node starts and what it composed to, and this module rebuilds a
 * small located tree from those events. (The `yaml` library is used only to write YAML: `init`.)
 */


/**
 * YAML 1.2 core schema (no timestamps, so `on: 2020-01-01` stays a string) plus the merge type as an
 * explicit tag: `!!merge <<: *a` merges, while a plain `<<` stays a key named `<<` (the workflow
 * reader refuses it, as GitHub does).
 */
// `types` is exported at runtime but missing from @types/js-yaml.
const SCHEMA = js_yaml/* default.CORE_SCHEMA */.Ay.CORE_SCHEMA.extend([
    js_yaml/* default.types */.Ay.types.merge,
]);
const MERGE_TAG = 'tag:yaml.org,2002:merge';
/** The schema's implicit types in the order js-yaml tries them on a plain scalar (for the fast path). */
const IMPLICIT = SCHEMA
    .compiledImplicit;
function lineStarts(text) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1))
        starts.push(i + 1);
    return starts;
}
function lineAt(starts, offset) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}
/** js-yaml opens a node before skipping the space and comments in front of it. */
function contentStart(text, pos) {
    let i = pos;
    for (;;) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13)
            i++;
        else if (c === 35) {
            const nl = text.indexOf('\n', i);
            if (nl === -1)
                return text.length;
            i = nl + 1;
        }
        else
            return i;
    }
}
/**
 * What separates two sibling nodes. Every piece of content belongs to some node, so between them
 * there is only space, comments, properties (`&anchor`, `!tag`) and indicators: a `:` makes the
 * next node a value, a `?` an explicit key, each `-` opens a block sequence item (an item with no
 * content opens no node at all, so two dashes mean an empty item in between). Returned as bits
 * (`COLON`, `QUESTION`) plus the number of dashes times `DASH`, so the scan allocates nothing.
 */
const located_COLON = 1;
const QUESTION = 2;
const located_DASH = 4;
const isSpace = (c) => c === 32 || c === 9 || c === 10 || c === 13;
const isFlowIndicator = (c) => c === 44 || c === 91 || c === 93 || c === 123 || c === 125;
function scanGap(text, from, to) {
    let gap = 0;
    let i = from;
    while (i < to) {
        const c = text.charCodeAt(i);
        if (c === 35 /* # */) {
            const nl = text.indexOf('\n', i);
            i = nl === -1 || nl > to ? to : nl + 1;
            continue;
        }
        if (c === 33 /* ! */ && text.charCodeAt(i + 1) === 60 /* < */) {
            const close = text.indexOf('>', i);
            i = close === -1 || close > to ? to : close + 1;
            continue;
        }
        if (c === 38 /* & */ || c === 33 /* ! */) {
            while (i < to && !isSpace(text.charCodeAt(i)) && !isFlowIndicator(text.charCodeAt(i)))
                i++;
            continue;
        }
        if (c === 58 /* : */)
            gap |= located_COLON;
        else if (c === 63 /* ? */)
            gap |= QUESTION;
        else if (c === 45 /* - */)
            gap += located_DASH;
        i++;
    }
    return gap;
}
/** The key js-yaml stores for a composed key node (a plain object holds string keys only). */
function keyText(key) {
    if (Array.isArray(key))
        return String(key.map((k) => k !== null && typeof k === 'object' && !Array.isArray(k) ? '[object Object]' : k));
    if (key !== null && typeof key === 'object')
        return '[object Object]';
    return String(key);
}
function scalarOf(value, line) {
    const v = value === undefined ? null : value;
    return {
        kind: 'scalar',
        line,
        value: typeof v === 'object' && v !== null ? String(v) : v,
    };
}
const same = (a, b) => Object.is(a, b);
const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
function gapBefore(b, frame, i) {
    return scanGap(b.text, i === 0 ? frame.open : frame.children[i - 1].end, frame.children[i].open);
}
function buildMap(b, frame, line, result) {
    const entries = [];
    const c = frame.children;
    let merges = false;
    // Children alternate keys and values, but a key may come without a value (`{a, b: 1}`,
    // `? a`) and a value without a key (`: b`): a `:` before a node makes it a value.
    for (let i = 0; i < c.length; i++) {
        const gap = gapBefore(b, frame, i);
        let key;
        let value;
        if (gap & located_COLON)
            value = c[i];
        else {
            key = c[i];
            if (i + 1 < c.length && gapBefore(b, frame, i + 1) & located_COLON)
                value = c[++i];
            // A block mapping ends by trying one more key that reads nothing.
            else if (i === c.length - 1 && key.open === key.end && key.result === null && !(gap & QUESTION))
                break;
        }
        const k = keyText(key ? key.result : null);
        const v = value ? value.node : scalarOf(null, key.node.line);
        if (k === '<<')
            b.mergeKey(key ? key.node.line : v.line);
        if (key?.merge) {
            merges = true;
            entries.push({ key: k, keyLine: key.node.line, value: v, merge: true });
            continue;
        }
        if (!hasOwn(result, k) || !same(result[k], value ? value.result : null))
            b.fail(v.line);
        entries.push({ key: k, keyLine: key ? key.node.line : v.line, value: v });
    }
    if (!merges) {
        let count = 0;
        for (const k in result)
            if (hasOwn(result, k))
                count++;
        if (count !== entries.length)
            b.fail(line);
    }
    return { kind: 'map', line, entries };
}
function buildSeq(b, frame, line, result) {
    const { starts } = b;
    const items = [];
    // What each item must compose to: a child's own result, or (pairKey set) a single pair.
    const want = [];
    const pairKey = [];
    const c = frame.children;
    // A flow sequence entry `a: 1` or `? a` is a single-pair mapping with no node of its own: it
    // starts at its key, and a `:` after it gives it its value.
    for (let i = 0; i < c.length; i++) {
        const child = c[i];
        const gap = gapBefore(b, frame, i);
        for (let d = located_DASH * 2; d <= gap; d += located_DASH) {
            items.push(scalarOf(null, lineAt(starts, child.open)));
            want.push(null);
            pairKey.push(undefined);
        }
        const next = i + 1 < c.length && gapBefore(b, frame, i + 1) & located_COLON ? c[++i] : undefined;
        if (next || gap & QUESTION) {
            const k = keyText(child.result);
            const v = next ? next.node : scalarOf(null, child.node.line);
            items.push({
                kind: 'map',
                line: child.node.line,
                entries: [{ key: k, keyLine: child.node.line, value: v }],
            });
            want.push(next ? next.result : null);
            pairKey.push(k);
        }
        else {
            items.push(child.node);
            want.push(child.result);
            pairKey.push(undefined);
        }
    }
    const tail = c.length ? c[c.length - 1].end : frame.open;
    while (items.length < result.length) {
        items.push(scalarOf(null, lineAt(starts, tail)));
        want.push(null);
        pairKey.push(undefined);
    }
    if (items.length !== result.length)
        b.fail(line);
    for (let i = 0; i < items.length; i++) {
        const r = result[i];
        const k = pairKey[i];
        if (k === undefined) {
            if (!same(r, want[i]))
                b.fail(items[i].line);
        }
        else if (r === null || typeof r !== 'object' || Object.keys(r).length !== 1 || !hasOwn(r, k))
            b.fail(items[i].line);
        else if (!same(r[k], want[i]))
            b.fail(items[i].line);
    }
    return { kind: 'seq', line, items };
}
/**
 * Parses one YAML document with positions. The located tree is rebuilt from js-yaml's listener and
 * checked, node by node, against what js-yaml composed: a document whose tree would differ from its
 * plain value (which is what GitHub reads) is an error, never a tree with keys missing.
 *
 * `lazy`: for documents whose plain `value` is what the caller reads, and whose tree only names lines
 * (the manifest, the organization policy, the broker config). The parse records where each node
 * opened and closed in flat arrays and builds a mapping's entries or a sequence's items (the same
 * builders) only when a line look-up walks through it, so a 64,000-line manifest costs a parse, not
 * a parse plus a tree of 250,000 objects. Such a tree is not checked against the value (`unlocatable`
 * is never reported): a construct the tree cannot follow gets the nearest line, and the value stays
 * what is validated and used.
 */
function parseLocatedYaml(source, options = {}) {
    // Plain block YAML (nearly every workflow, every manifest `init` writes) is read by the fast path,
    // which builds the same tree without listener events; anything else by the reference path below.
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    if (options.lazy) {
        const fast = fastLocatedValue(text, IMPLICIT);
        if (fast)
            return fast;
    }
    else {
        const root = fastLocated(text, IMPLICIT);
        if (root)
            return new FastParse(root);
    }
    return parseLocatedYamlReference(source, options);
}
/**
 * A fast-path parse whose plain value is computed only if asked for (the workflow reader never asks).
 * A class, not an object literal with a getter: V8 kept every such literal (and the tree it closed
 * over) alive until a full collection, which made each young-generation collection copy them.
 */
class FastParse {
    root;
    computed;
    constructor(root) {
        this.root = root;
    }
    get value() {
        return (this.computed ??= fastValue(this.root));
    }
}
/**
 * The reference path: js-yaml with its listener, for every document (tests compare the fast path's
 * trees with this one's).
 */
function parseLocatedYamlReference(source, options = {}) {
    if (options.lazy)
        return parseLazily(source);
    // js-yaml drops a leading byte-order mark before it counts positions; so does this reader.
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const starts = lineStarts(text);
    // Open nodes: where each opened and its children so far (an array only once it has one, so a
    // scalar costs no frame).
    const opens = [0];
    const kids = [[]];
    // Collections js-yaml composed -> their located node. An alias composes to the anchored object
    // itself, and a flow collection on its own line is reported twice, nested (a block-mapping
    // attempt that keeps what its first node composed): both reuse the node built first.
    const built = new Map();
    let mismatch;
    let mergeKeyLine;
    const b = {
        text,
        starts,
        fail: (line) => {
            if (mismatch === undefined)
                mismatch = line;
        },
        mergeKey: (line) => {
            if (mergeKeyLine === undefined || line < mergeKeyLine)
                mergeKeyLine = line;
        },
    };
    const fail = b.fail;
    const listener = (event, state) => {
        if (event === 'open') {
            opens.push(state.position);
            kids.push(undefined);
            return;
        }
        const open = opens.pop();
        const children = kids.pop();
        const line = lineAt(starts, contentStart(text, open));
        const { kind, result } = state;
        let node;
        const known = result !== null && typeof result === 'object' ? built.get(result) : undefined;
        if (known) {
            node = known;
        }
        else if (kind === 'mapping' && result && typeof result === 'object' && !Array.isArray(result)) {
            node = buildMap(b, { open, children: children ?? [] }, line, result);
            built.set(result, node);
        }
        else if (kind === 'sequence' && Array.isArray(result)) {
            node = buildSeq(b, { open, children: children ?? [] }, line, result);
            built.set(result, node);
        }
        else {
            // A collection that is neither built nor being built here (a recursive alias) has no tree.
            if (result !== null && typeof result === 'object')
                fail(line);
            node = scalarOf(result, line);
        }
        const child = { node, result, open, end: state.position, merge: state.tag === MERGE_TAG };
        const siblings = kids[kids.length - 1];
        if (siblings)
            siblings.push(child);
        else
            kids[kids.length - 1] = [child];
    };
    let value;
    try {
        value = js_yaml/* default.load */.Ay.load(text, { schema: SCHEMA, listener: listener });
    }
    catch (err) {
        return syntaxError(err);
    }
    if (mismatch !== undefined)
        return {
            error: {
                message: 'this YAML cannot be read with positions the way it parses (a recursive alias, or a construct stepwarden does not locate); write it out in block style',
                line: mismatch,
                kind: 'unlocatable',
            },
        };
    const top = kids[0];
    const root = top[top.length - 1]?.node;
    const merge = mergeKeyLine !== undefined ? { mergeKeyLine } : {};
    return root ? { root, value, ...merge } : { value, ...merge };
}
const syntaxError = (err) => {
    const e = err;
    return {
        error: {
            message: e.reason ?? e.message.split('\n')[0] ?? 'invalid YAML',
            line: (e.mark?.line ?? 0) + 1,
            kind: 'syntax',
        },
    };
};
/** `NodeLog.kind`: 0 a scalar (or a collection with no tree), else one of these. */
const MAP = 1;
const SEQ = 2;
/**
 * The nodes of one parse as flat arrays, in the order js-yaml opened them: where each opened and
 * closed, its parent, the next node opened after it closed (its next sibling when that node has the
 * same parent), what it composed, and the node that stands for it (itself, or the first node that
 * composed the same collection: an alias, or the nested report of a flow collection on its own line).
 */
class NodeLog {
    text;
    starts;
    count = 0;
    open = new Int32Array(256);
    end = new Int32Array(256);
    parent = new Int32Array(256);
    after = new Int32Array(256);
    target = new Int32Array(256);
    kind = new Uint8Array(256);
    merge = new Uint8Array(256);
    results = [];
    nodes = new Map();
    builder;
    constructor(text, starts) {
        this.text = text;
        this.starts = starts;
        this.builder = { text, starts, fail: () => { }, mergeKey: () => { } };
    }
    add(open, parent) {
        if (this.count === this.open.length) {
            const grow = (a) => {
                const b = new a.constructor(a.length * 2);
                b.set(a);
                return b;
            };
            this.open = grow(this.open);
            this.end = grow(this.end);
            this.parent = grow(this.parent);
            this.after = grow(this.after);
            this.target = grow(this.target);
            this.kind = grow(this.kind);
            this.merge = grow(this.merge);
        }
        const i = this.count++;
        this.open[i] = open;
        this.parent[i] = parent;
        this.results.push(undefined);
        return i;
    }
    /** The located node of node `i`, built once (its entries or items only when first read). */
    node(i) {
        const t = this.target[i];
        const known = this.nodes.get(t);
        if (known)
            return known;
        const line = lineAt(this.starts, contentStart(this.text, this.open[t]));
        let node;
        if (this.kind[t] === MAP) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias
            const log = this;
            let entries;
            node = {
                kind: 'map',
                line,
                get entries() {
                    return (entries ??= buildMap(log.builder, log.frame(t), line, log.results[t]).entries);
                },
            };
        }
        else if (this.kind[t] === SEQ) {
            // eslint-disable-next-line @typescript-eslint/no-this-alias
            const log = this;
            let items;
            node = {
                kind: 'seq',
                line,
                get items() {
                    return (items ??= buildSeq(log.builder, log.frame(t), line, log.results[t]).items);
                },
            };
        }
        else
            node = scalarOf(this.results[t], line);
        this.nodes.set(t, node);
        return node;
    }
    /** Node `t`'s children as the builders read them. */
    frame(t) {
        const children = [];
        for (let c = t + 1; c < this.count && this.parent[c] === t; c = this.after[c])
            children.push({
                node: this.node(c),
                result: this.results[c],
                open: this.open[c],
                end: this.end[c],
                merge: this.merge[c] === 1,
            });
        return { open: this.open[t], children };
    }
}
function parseLazily(source) {
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    const log = new NodeLog(text, lineStarts(text));
    const stack = [-1];
    // Collections js-yaml composed -> the first node that composed them (see parseLocatedYaml's `built`).
    const first = new Map();
    let root = -1;
    const listener = (event, state) => {
        if (event === 'open') {
            stack.push(log.add(state.position, stack[stack.length - 1]));
            return;
        }
        const i = stack.pop();
        const { kind, result } = state;
        log.end[i] = state.position;
        log.after[i] = log.count;
        log.results[i] = result;
        log.merge[i] = state.tag === MERGE_TAG ? 1 : 0;
        log.target[i] = i;
        if (result !== null && typeof result === 'object') {
            const seen = first.get(result);
            if (seen !== undefined)
                log.target[i] = seen;
            else if (kind === 'mapping' && !Array.isArray(result)) {
                log.kind[i] = MAP;
                first.set(result, i);
            }
            else if (kind === 'sequence' && Array.isArray(result)) {
                log.kind[i] = SEQ;
                first.set(result, i);
            }
        }
        if (stack.length === 1)
            root = i;
    };
    let value;
    try {
        value = js_yaml/* default.load */.Ay.load(text, { schema: SCHEMA, listener: listener });
    }
    catch (err) {
        return syntaxError(err);
    }
    return root === -1 ? { value } : { root: log.node(root), value };
}
/**
 * The plain value of a located tree, as `yaml.load` composes it with the same schema: merge keys
 * expanded the way js-yaml does, a node shared through an alias shared in the value too.
 */
function toValue(root) {
    if (!root)
        return undefined;
    const memo = new Map();
    const visit = (n) => {
        if (n.kind === 'scalar')
            return n.value;
        const known = memo.get(n);
        if (known !== undefined)
            return known;
        if (n.kind === 'seq') {
            const out = [];
            memo.set(n, out);
            for (const i of n.items)
                out.push(visit(i));
            return out;
        }
        const out = {};
        memo.set(n, out);
        const put = (k, v) => {
            if (k === '__proto__')
                Object.defineProperty(out, k, { configurable: true, enumerable: true, writable: true, value: v });
            else
                out[k] = v;
        };
        for (const e of n.entries) {
            if (e.merge) {
                const sources = e.value.kind === 'seq' ? e.value.items : [e.value];
                for (const s of sources) {
                    const src = visit(s);
                    for (const k of Object.keys(src))
                        if (!hasOwn(out, k)) {
                            put(k, src[k]);
                        }
                }
            }
            else {
                put(e.key, visit(e.value));
            }
        }
        return out;
    };
    return visit(root);
}
/**
 * Line of the deepest node that exists along `path` (map keys and sequence indexes). For a map entry
 * the line of its key is returned, so an error about `permissions.content` points at `content:`.
 */
function lineAtPath(root, path) {
    let node = root;
    let line = root?.line ?? 1;
    for (const key of path) {
        if (node?.kind === 'map') {
            const e = node.entries.find((x) => x.key === String(key));
            if (!e)
                break;
            line = e.keyLine;
            node = e.value;
        }
        else if (node?.kind === 'seq' && typeof key === 'number' && node.items[key]) {
            node = node.items[key];
            line = node.line;
        }
        else
            break;
    }
    return line;
}


/***/ })

};
