export const id = 130;
export const ids = [130];
export const modules = {

/***/ 6130:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  initCommand: () => (/* binding */ initCommand)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
// EXTERNAL MODULE: ./shared/permissions/scopes.ts
var scopes = __webpack_require__(8276);
// EXTERNAL MODULE: ./shared/check/rules/unpinned-action.ts
var unpinned_action = __webpack_require__(7351);
// EXTERNAL MODULE: ./shared/check/rules/credential-step.ts
var credential_step = __webpack_require__(4939);
// EXTERNAL MODULE: ./shared/permissions/app-permissions.ts
var app_permissions = __webpack_require__(1923);
// EXTERNAL MODULE: ./shared/manifest/effective-policy.ts
var effective_policy = __webpack_require__(3966);
// EXTERNAL MODULE: ./shared/yaml/package.ts
var yaml_package = __webpack_require__(9964);
;// CONCATENATED MODULE: ./shared/conditions/init-ref.ts

function initRefPatterns(wf, defaultBranch = 'main') {
    const events = new Set(wf.triggers.map((t) => t.value));
    const refs = [];
    const main = `refs/heads/${defaultBranch}`;
    const push = wf.pushFilters;
    if (events.has('push')) {
        const tags = (push?.tags ?? []).filter((t) => !t.startsWith('!'));
        for (const t of tags)
            refs.push(`refs/tags/${t.replace(/\*\*+/g, '*')}`);
        // Branch pushes (filtered or not) are claimable from the default branch only.
        if (!push?.tags || push.branches)
            refs.push(main);
    }
    if (events.has('release'))
        refs.push('refs/tags/*');
    const others = [...events].filter((e) => !['push', 'release', 'pull_request'].includes(e));
    if (others.length)
        refs.push(main);
    if (refs.length === 0)
        refs.push(main);
    return [...new Set(refs)];
}
/**
 * Gives every credential grant in `init`'s `workflows:` map that has no `when` a `when.ref` from its
 * workflow's triggers, so the fresh manifest states the default the broker applies anyway.
 */
function addWhenRef(workflowsMap, workflows, defaultBranch = 'main') {
    const { YAMLMap, YAMLSeq } = (0,yaml_package/* yamlPackage */.A)();
    for (const wf of workflows) {
        const entry = workflowsMap.get(wf.file);
        const jobs = entry instanceof YAMLMap ? entry.get('jobs') : undefined;
        if (!(jobs instanceof YAMLMap))
            continue;
        for (const pair of jobs.items) {
            const credentials = pair.value instanceof YAMLMap ? pair.value.get('credentials') : undefined;
            if (!(credentials instanceof YAMLSeq))
                continue;
            for (const grant of credentials.items) {
                if (!(grant instanceof YAMLMap) || grant.has('when'))
                    continue;
                const ref = new YAMLSeq();
                ref.flow = true;
                for (const r of initRefPatterns(wf, defaultBranch))
                    ref.add(r);
                const when = new YAMLMap();
                when.flow = true;
                when.set('ref', ref);
                grant.set('when', when);
            }
        }
    }
}

// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(4732);
;// CONCATENATED MODULE: ./shared/manifest/init.ts








const uniqueSorted = (xs) => [...new Set(xs)].sort((a, b) => a.localeCompare(b));
function flow(items) {
    const { YAMLSeq } = (0,yaml_package/* yamlPackage */.A)();
    const seq = new YAMLSeq();
    seq.flow = true;
    for (const i of items)
        seq.add(i);
    return seq;
}
function renderInitManifest(jobs, workflows, opts) {
    const { Document, YAMLMap, YAMLSeq } = (0,yaml_package/* yamlPackage */.A)();
    const allPinned = workflows.every((w) => w.jobs.every((j) => j.actions.every((a) => (0,unpinned_action/* isPinned */.T)(a.uses))));
    const doc = new Document({});
    const root = doc.contents;
    root.set('version', 1);
    if (opts.repository && (opts.repository.name || opts.repository.id)) {
        const repo = {};
        if (opts.repository.name)
            repo.name = opts.repository.name;
        if (opts.repository.id)
            repo.id = opts.repository.id;
        if (opts.repository.ownerId)
            repo['owner-id'] = opts.repository.ownerId;
        root.set('repository', repo);
    }
    root.set('defaults', { permissions: {} });
    const policy = doc.createNode({
        'repository-default-permissions': opts.repositoryDefault,
        'require-pinned-actions': allPinned,
    });
    if (!allPinned) {
        const pinned = policy.items.find((p) => String(p.key.value) === 'require-pinned-actions');
        if (pinned)
            pinned.value.comment =
                ' some actions are not pinned to a commit SHA yet: pin them, then set true';
    }
    root.set('policy', policy);
    const accessesOf = new Map();
    for (const a of jobs)
        accessesOf.set(`${a.workflow}\0${a.job}`, [...(accessesOf.get(`${a.workflow}\0${a.job}`) ?? []), a]);
    const wfMap = new YAMLMap();
    for (const wf of workflows) {
        if (wf.error)
            continue;
        const entry = new YAMLMap();
        const triggers = uniqueSorted(wf.triggers.map((t) => t.value));
        // List triggers only when the default would refuse one, so the entry stays short otherwise.
        if (triggers.some((t) => effective_policy/* EXPLICIT_ONLY_TRIGGERS */.yY.includes(t)))
            entry.set('triggers', flow(triggers));
        const jobMap = new YAMLMap();
        for (const job of wf.jobs) {
            const accesses = accessesOf.get(`${wf.file}\0${job.id}`) ?? [];
            // A manifest refuses this id (docs/decisions.md, "A `__proto__` key"); initGaps says to rename it.
            if (accesses.length === 0 || job.id === '__proto__')
                continue;
            // A callee judged through several callers needs the most any caller gives it.
            const held = accesses.reduce((acc, a) => {
                const next = { ...acc };
                for (const s of scopes/* SCOPE_NAMES */._W)
                    next[s] = (0,scopes/* maxLevel */.Lf)(acc[s], a.permissions[s]);
                return next;
            }, (0,scopes/* uniform */.Pi)('none'));
            const j = new YAMLMap();
            const granted = Object.entries((0,scopes/* compact */.oE)(held));
            const fromDefault = accesses.some((a) => a.permissionsSource === 'repository-default');
            // Exactly the repository default: one word (`permissive-default`) instead of a line per scope.
            const perms = fromDefault && (0,scopes/* sameLevels */.K_)(held, (0,scopes/* repositoryDefault */.Ek)(opts.repositoryDefault))
                ? doc.createNode(`${opts.repositoryDefault}-default`)
                : new YAMLMap();
            if (perms instanceof YAMLMap) {
                perms.flow = granted.length <= 4;
                for (const [s, l] of granted)
                    perms.set(s, l);
            }
            if (fromDefault) {
                const why = ' no permissions block in the workflow: write one and lower this';
                // After a one-word value on its line; above a map's scopes.
                if (perms instanceof YAMLMap)
                    perms.commentBefore = why;
                else
                    perms.comment = why;
            }
            j.set('permissions', perms);
            const secrets = uniqueSorted(accesses.flatMap((a) => a.secrets.map((s) => s.value)));
            if (accesses.some((a) => a.secretsInherit))
                secrets.push('inherit');
            if (secrets.length)
                j.set('secrets', flow(secrets));
            const envs = uniqueSorted(accesses.flatMap((a) => a.environments.map((e) => e.value)));
            if (envs.length)
                j.set('environments', flow(envs));
            const grants = credentialGrants(job.steps).grants;
            if (grants.length) {
                const seq = doc.createNode(grants);
                // Nested lists and maps on one line each: a grant reads as one short block.
                for (const g of seq.items)
                    for (const p of g.items)
                        if (p.value instanceof YAMLMap || p.value instanceof YAMLSeq)
                            p.value.flow = true;
                j.set('credentials', seq);
            }
            jobMap.set(job.id, j);
        }
        entry.set('jobs', jobMap);
        wfMap.set(wf.file, entry);
    }
    addWhenRef(wfMap, workflows, opts.defaultBranch);
    root.set('workflows', wfMap);
    const header = [
        '# yaml-language-server: $schema=https://github.com/stepwarden/stepwarden/raw/main/schema/access-manifest.schema.json',
        '# Access manifest written by `stepwarden init`: it declares what the workflows hold today.',
        '# Tighten it: lower permissions, remove secrets, replace long-lived secrets with step-scoped',
        '# `credentials` from the stepwarden broker. Docs: docs/manifest.md',
    ].join('\n');
    return `${header}\n${doc.toString({ lineWidth: 120, flowCollectionPadding: false })}`;
}
const appRank = (l) => (l === 'admin' ? 3 : l === 'write' ? 2 : l === 'read' ? 1 : 0);
/**
 * The credential grants the steps of a job ask for today (what `actions/run` / `actions/exchange`
 * request), so the check passes after `init`; and the steps whose request is not written out
 * (no id, an expression, the whole grant), which the user must declare by hand.
 */
function credentialGrants(steps) {
    const grants = [];
    const unknown = [];
    for (const s of steps) {
        if (!s.uses || !(0,credential_step/* credentialAction */.IE)(s.uses))
            continue;
        const name = s.with?.step?.value.trim() || s.id;
        const audience = s.with?.audience?.value.trim() ?? '';
        const scope = (s.with?.scope?.value ?? '').split(/\s+/).filter(Boolean);
        const label = `step '${name ?? `#${s.index}`}' (line ${s.line})`;
        if (!name || !audience || [name, audience, ...scope].some((v) => v.includes('${{'))) {
            unknown.push(`${label}: its step name or audience is not written out; declare its grant by hand`);
            continue;
        }
        if (audience === 'github') {
            const permissions = {};
            let ok = scope.length > 0;
            for (const part of scope) {
                const m = /^([a-z0-9_-]+):(read|write|admin)$/.exec(part);
                const p = m?.[1]?.replace(/_/g, '-');
                if (!m || !p || !(p in app_permissions/* APP_PERMISSIONS */.d))
                    ok = false;
                else if (appRank(m[2]) > appRank(permissions[p]))
                    permissions[p] = m[2];
            }
            if (!ok) {
                unknown.push(`${label}: its scope '${scope.join(' ')}' does not list PERMISSION:LEVEL pairs; declare its grant by hand`);
                continue;
            }
            const same = grants.find((g) => g.step === name && g.audience === 'github');
            if (same && 'permissions' in same) {
                for (const [p, l] of Object.entries(permissions))
                    if (appRank(l) > appRank(same.permissions[p]))
                        same.permissions[p] = l;
            }
            else
                grants.push({ step: name, audience, permissions, repositories: ['self'] });
        }
        else if (/^https?:\/\//.test(audience)) {
            const same = grants.find((g) => g.step === name && g.audience === audience);
            if (same && 'scope' in same)
                same.scope = [...new Set([...same.scope, ...scope])];
            else
                grants.push({ step: name, audience, scope });
        }
        else
            unknown.push(`${label}: audience '${audience}' is neither github nor a URL`);
    }
    return { grants, unknown };
}
/** What the broker still needs before it grants anything, for `init` to print. */
function initGaps(workflows, opts) {
    const gaps = [];
    const r = opts.repository;
    if (!r?.id || !r.ownerId)
        gaps.push('repository.id and repository.owner-id: without them the broker refuses every credential (ERR_MANIFEST_UNBOUND); pass --repository-id N --owner-id N, or a token (GITHUB_TOKEN) to read them from the API');
    for (const wf of workflows)
        for (const job of wf.jobs) {
            if (job.id === '__proto__')
                gaps.push(`${wf.file} job '__proto__': a manifest cannot declare this job id, so it is judged by \`defaults\` until the job is renamed`);
            for (const u of credentialGrants(job.steps).unknown)
                gaps.push((0,render_escape/* oneLine */.TN)(`${wf.file} job '${job.id}' ${u}`)); // printed to a runner log
        }
    return gaps;
}

// EXTERNAL MODULE: ./shared/manifest/load.ts + 1 modules
var load = __webpack_require__(6454);
// EXTERNAL MODULE: ./shared/manifest/schema.ts
var schema = __webpack_require__(7071);
// EXTERNAL MODULE: ./shared/check/load.ts
var check_load = __webpack_require__(1321);
// EXTERNAL MODULE: ./shared/workflow/composite.ts
var composite = __webpack_require__(7521);
// EXTERNAL MODULE: ./shared/workflow/access.ts
var workflow_access = __webpack_require__(6518);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/commands/init.ts












const lstatOrUndefined = (p) => (0,promises_.lstat)(p).catch(() => undefined);
const REPO_NAME = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
function positiveInt(flag, v) {
    if (v === undefined || v === '')
        return undefined;
    if (!/^[1-9]\d{0,15}$/.test(v))
        throw new command/* UsageError */.eb(`${flag} must be a positive integer, not '${v}'`);
    return Number(v);
}
/**
 * The repository block: flags first, then the runner's GITHUB_REPOSITORY* variables, then (with a
 * token) the REST API for ids still unknown. An API failure is reported, never fatal: the ids stay
 * missing and the output says so.
 */
async function repositoryOf(values, io) {
    const env = io.env;
    const name = values.repository ?? env.GITHUB_REPOSITORY;
    if (values.repository !== undefined && !REPO_NAME.test(values.repository))
        throw new command/* UsageError */.eb(`--repository must be OWNER/REPO, not '${values.repository}'`);
    const envInt = (v) => (v && /^[1-9]\d*$/.test(v) ? Number(v) : undefined);
    let id = positiveInt('--repository-id', values['repository-id']) ?? envInt(env.GITHUB_REPOSITORY_ID);
    let ownerId = positiveInt('--owner-id', values['owner-id']) ?? envInt(env.GITHUB_REPOSITORY_OWNER_ID);
    const notes = [];
    const token = env.GITHUB_TOKEN;
    if ((!id || !ownerId) && name && token) {
        const [owner, repo] = name.split('/');
        // Octokit (about 190 KB of the bundle) loads only for this call: an init given its ids, or
        // without a token, never compiles it.
        const { runnerOctokit } = await Promise.all(/* import() */[__webpack_require__.e(891), __webpack_require__.e(881)]).then(__webpack_require__.bind(__webpack_require__, 4881));
        try {
            const { data } = await runnerOctokit(token, env).rest.repos.get({ owner, repo });
            id ??= data.id;
            ownerId ??= data.owner.id;
            notes.push(`read repository.id and owner-id of ${name} from ${env.GITHUB_API_URL ?? 'https://api.github.com'}`);
        }
        catch (err) {
            const status = err.status;
            notes.push(`could not read the ids of ${name} from the API (${status ? `HTTP ${status}` : err.message}); pass --repository-id and --owner-id`);
        }
    }
    return {
        repository: { ...(name ? { name } : {}), ...(id ? { id } : {}), ...(ownerId ? { ownerId } : {}) },
        notes,
    };
}
const initCommand = {
    name: 'init',
    summary: summaries/* SUMMARIES */.Z.init,
    help: `Usage: stepwarden init [DIR] [options]

Reads DIR/.github/workflows and writes DIR/${schema/* MANIFEST_PATH */.U4} declaring exactly what every job holds
today (effective permissions, secrets, environments, risky triggers), so 'stepwarden check' passes at
once. Then tighten it.

Symbolic links are not followed (as 'check'): a linked workflow file is skipped and named, and a
linked .github or manifest path is refused.

Options:
  --repository OWNER/REPO   the repository's full name (default: GITHUB_REPOSITORY)
  --repository-id N         its numeric id (default: GITHUB_REPOSITORY_ID)
  --owner-id N              its owner's numeric id (default: GITHUB_REPOSITORY_OWNER_ID)
  --restricted              the repository's default GITHUB_TOKEN setting is restricted (default: permissive)
  --stdout                  print the manifest instead of writing it
  --force                   overwrite an existing manifest
  -h, --help                this help

The broker binds grants to repository.id and repository.owner-id and refuses every credential
without them. Give them as flags; in GitHub Actions the GITHUB_REPOSITORY* variables fill them; with
GITHUB_TOKEN set (and GITHUB_API_URL on GitHub Enterprise Server) the ids still missing are read from
GET /repos/OWNER/REPO. What is still missing is printed after the manifest is written.

Examples:
  stepwarden init
  stepwarden init --repository octo-org/octo-repo --repository-id 123456 --owner-id 654321
  GITHUB_TOKEN=$(gh auth token) stepwarden init --repository octo-org/octo-repo
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv)) {
            io.stdout(this.help);
            return command/* EXIT */.dc.ok;
        }
        const parsed = (0,command/* parseCommandArgs */.Qx)('init', argv, {
            restricted: { type: 'boolean' },
            stdout: { type: 'boolean' },
            force: { type: 'boolean' },
            repository: { type: 'string' },
            'repository-id': { type: 'string' },
            'owner-id': { type: 'string' },
        }, true);
        if (parsed.positionals.length > 1)
            throw new command/* UsageError */.eb(`expected one directory, got ${parsed.positionals.length}`);
        const dir = (0,external_node_path_.resolve)(io.cwd, parsed.positionals[0] ?? '.');
        // With the actions of local composite actions, as the check reads them (so it passes at once).
        const all = await (0,composite/* withCompositeActions */.B1)(await (0,check_load/* readWorkflowsSafely */.Xm)(dir), (0,check_load/* directoryActionReader */.ft)(dir));
        // Refused (linked) and unparsable files are named in the output, never declared.
        const workflows = all.filter((w) => !w.error);
        const broken = all.filter((w) => w.error);
        if (all.length === 0)
            throw new command/* UsageError */.eb(`no workflow files in ${(0,external_node_path_.join)(dir, '.github/workflows')}`);
        const repositoryDefault = parsed.values.restricted ? 'restricted' : 'permissive';
        const { repository, notes } = await repositoryOf(parsed.values, io);
        const opts = { repositoryDefault, repository };
        const access = (0,workflow_access/* resolveAccess */.pQ)(workflows, repositoryDefault, { self: repository?.name });
        const text = renderInitManifest(access, workflows, opts);
        (0,load/* loadManifest */.eY)(text, schema/* MANIFEST_PATH */.U4); // what we write must load; a throw here is a bug, not user input
        const report = (out) => {
            for (const n of notes)
                out(`stepwarden init: ${n}\n`);
            for (const w of broken)
                out(`stepwarden init: skipped ${(0,render_escape/* oneLine */.TN)(`${w.path}: ${w.error.message}`)}\n`);
            const gaps = initGaps(workflows, opts);
            if (gaps.length)
                out(`stepwarden init: before the broker grants any credential, still missing:\n${gaps.map((g) => `  - ${g}`).join('\n')}\n`);
        };
        if (parsed.values.stdout) {
            io.stdout(text);
            report(io.stderr); // stdout is the manifest
            return command/* EXIT */.dc.ok;
        }
        const target = (0,external_node_path_.join)(dir, schema/* MANIFEST_PATH */.U4);
        for (const p of [(0,external_node_path_.join)(dir, '.github'), target]) {
            if ((await lstatOrUndefined(p))?.isSymbolicLink())
                throw new command/* UsageError */.eb(`${p} is a symbolic link, which stepwarden does not follow; make it a real path`);
        }
        if ((await lstatOrUndefined(target)) && !parsed.values.force) {
            throw new command/* UsageError */.eb(`${target} exists; use --force to overwrite it, or --stdout to compare`);
        }
        // Whole or not at all, fsynced, under an exclusive unpredictable temporary name (output-file.ts).
        await (0,output_file/* writeOutputFile */.B)(target, text, { mkdirs: true, durable: true });
        io.stdout(`wrote ${target}\n`);
        report(io.stdout);
        return command/* EXIT */.dc.ok;
    },
};


/***/ }),

/***/ 8377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ writeOutputFile),
/* harmony export */   I: () => (/* binding */ openOutputStream)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/**
 * Writing a report, SARIF file or trail copy the user named: whole or not at all. A temporary file
 * beside the target, then a rename, so a reader never sees half a report and a failed write leaves the
 * old file as it was. Three things a plain `writeFile(tmp); rename(tmp, target)` gets wrong:
 * - a target that is not a regular file (`--output /dev/stdout`, a FIFO, a terminal, `/dev/null`) would
 *   be replaced by a plain file (as root: the device node itself); it is written in place instead;
 * - a link to a regular file would be replaced by a file; the file it names is replaced, the link kept;
 * - a fixed temporary name (`out.tmp`) in a shared folder is a path another user can plant a link at,
 *   redirecting the write; the temporary name is unpredictable and created exclusively.
 */




/** Where the bytes go: the target itself (not a regular file), or a temporary file renamed onto it. */
async function plan(path, mkdirs) {
    // stat follows links: what the path names in the end decides.
    const st = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.stat)(path).catch((err) => {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    });
    if (st?.isDirectory())
        throw new Error(`${path} is a directory; give a file path`);
    if (st && !st.isFile())
        return { inPlace: true };
    const target = st ? await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.realpath)(path) : path;
    if (mkdirs)
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(target), { recursive: true });
    return { inPlace: false, target };
}
const WHY = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
    ENOTDIR: 'a part of the path is not a folder',
};
/** The user's path and the reason, not the temporary name the failure happened on. */
function cannotWrite(path, err) {
    const code = err.code;
    const why = code ? `${code}: ${WHY[code] ?? err.message}` : err.message;
    return new Error(`cannot write ${path} (${why})`, { cause: err });
}
const tmpName = (target) => `${target}.${process.pid}.${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(6).toString('hex')}.tmp`;
/** plan(), with an I/O failure named by the user's path. */
const planFor = (path, mkdirs) => plan(path, mkdirs).catch((err) => {
    throw err.code ? cannotWrite(path, err) : err;
});
/**
 * `mkdirs`: create the target's folder. `durable`: the bytes are on disk (fsync) before the rename, so a
 * crash leaves the old file or the new one, never an empty one (a manifest `init` writes).
 */
async function writeOutputFile(path, text, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const tmp = p.inPlace ? path : tmpName(p.target);
    try {
        if (p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.writeFile)(path, text);
        else {
            const fh = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.open)(tmp, 'wx', 0o644);
            try {
                await fh.writeFile(text);
                if (opts.durable)
                    await fh.sync();
            }
            finally {
                await fh.close();
            }
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(tmp, p.target);
        }
    }
    catch (err) {
        if (!p.inPlace)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(tmp, { force: true });
        throw cannotWrite(path, err);
    }
}
async function openOutputStream(path, opts = {}) {
    const p = await planFor(path, opts.mkdirs ?? false);
    const file = p.inPlace ? path : tmpName(p.target);
    const stream = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.createWriteStream)(file, { flags: p.inPlace ? 'w' : 'wx', mode: 0o644 });
    // Kept, not thrown from an event: commit() reports it with the user's path.
    let failure;
    stream.on('error', (err) => (failure ??= err));
    const ended = () => new Promise((resolve, reject) => stream.end((err) => (err ? reject(err) : resolve())));
    return {
        stream,
        async commit() {
            try {
                await ended();
                if (failure)
                    throw failure;
                if (!p.inPlace)
                    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rename)(file, p.target);
            }
            catch (err) {
                throw cannotWrite(path, err);
            }
        },
        async abort() {
            // The open may still be on libuv's pool: a remove that ran before it would leave the file
            // it creates behind (about 3 % of aborts right after opening), so it waits for the close.
            const closed = new Promise((resolve) => stream.closed ? resolve() : stream.once('close', resolve));
            stream.destroy();
            await closed;
            if (!p.inPlace)
                await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_2__.rm)(file, { force: true });
        },
    };
}


/***/ })

};
