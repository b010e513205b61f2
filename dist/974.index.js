export const id = 974;
export const ids = [974];
export const modules = {

/***/ 9974:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkAction: () => (/* binding */ checkAction),
/* harmony export */   parseRepoFileRef: () => (/* binding */ parseRepoFileRef)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _check_load_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1321);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6831);
/* harmony import */ var _render_github_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4496);
/* harmony import */ var _render_markdown_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2190);
/* harmony import */ var _render_sarif_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(194);
/* harmony import */ var _cli_version_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(2571);
/* harmony import */ var _cli_output_file_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(8377);
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(1698);
/**
 * The required check (root action.yml): inputs -> checkDirectory -> summary, annotations, SARIF,
 * outputs. It only reads workflow files as data, so it is safe under pull_request_target and
 * merge_group: no code from the pull request runs.
 */











/** `owner/.github:path/to/policy.yml` names a file in an organization repository, read through the API. */
function parseRepoFileRef(ref) {
    const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+):(.+)$/.exec(ref);
    return m ? { owner: m[1], repo: m[2], path: m[3] } : undefined;
}
async function fetchRepoFile(ref, token, baseUrl) {
    // Octokit loads only for a policy read through the API: a check of a local policy never compiles it.
    const { octokit } = await Promise.all(/* import() */[__webpack_require__.e(891), __webpack_require__.e(881)]).then(__webpack_require__.bind(__webpack_require__, 4881));
    const gh = octokit({ auth: token, ...(baseUrl ? { baseUrl } : {}) });
    const res = await gh.rest.repos.getContent({ owner: ref.owner, repo: ref.repo, path: ref.path });
    const data = res.data;
    if (typeof data.content !== 'string')
        throw new Error(`${ref.owner}/${ref.repo}:${ref.path} is not a file`);
    return Buffer.from(data.content, data.encoding ?? 'base64').toString('utf8');
}
const checkAction = {
    async run(_argv, io) {
        const workspace = io.env.GITHUB_WORKSPACE ?? io.cwd;
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('path') || '.');
        const manifest = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('manifest');
        const orgPolicy = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('org-policy');
        const token = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('token');
        if (token)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(token);
        const sarifFile = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('sarif-file');
        const failOn = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4('fail-on') || 'error';
        if (!['error', 'warning', 'never'].includes(failOn)) {
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(`fail-on must be error, warning or never, not '${failOn}'`);
            return 2;
        }
        let orgPolicyText;
        const remote = orgPolicy ? parseRepoFileRef(orgPolicy) : undefined;
        if (remote) {
            if (!token) {
                _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(`org-policy '${orgPolicy}' is read through the API and needs the token input`);
                return 2;
            }
            try {
                orgPolicyText = { text: await fetchRepoFile(remote, token, io.env.GITHUB_API_URL), file: orgPolicy };
            }
            catch (err) {
                const status = err.status;
                _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(`cannot read org-policy '${orgPolicy}'${status ? ` (HTTP ${status})` : ''}: ${err.message}. ` +
                    'The token needs contents: read on that repository (for an organization .github repository, a GitHub App token).');
                return 2;
            }
        }
        let result;
        try {
            result = await (0,_check_load_js__WEBPACK_IMPORTED_MODULE_3__/* .checkDirectory */ .W3)({
                dir,
                ...(manifest ? { manifest: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(dir, manifest) } : {}),
                ...(orgPolicy && !remote ? { orgPolicy: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, orgPolicy) } : {}),
                ...(orgPolicyText ? { orgPolicyText } : {}),
            });
        }
        catch (err) {
            if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .ManifestError */ .Sh) {
                const missing = err.code === 'ERR_MANIFEST_MISSING';
                const what = err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'manifest';
                const title = missing ? 'stepwarden missing manifest' : `stepwarden invalid ${what}`;
                for (const p of err.problems)
                    _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.error(`${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`, {
                        file: p.file,
                        startLine: p.line,
                        title,
                    });
                _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(missing
                    ? 'cannot judge: there is no access manifest; run `stepwarden init` to write one (see the annotation)'
                    : `cannot judge: the ${what} is invalid (${err.code}); see the annotations`);
                return 2;
            }
            throw err;
        }
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        const warnings = result.findings.length - errors;
        // The toolkit's own commands, so escaping of file names and messages is the toolkit's.
        for (const a of (0,_render_github_js__WEBPACK_IMPORTED_MODULE_5__/* .annotationsOf */ .Ih)(result, sarifFile ? `the job summary and ${sarifFile}` : 'the job summary'))
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h[a.level](a.message, a.properties);
        // Outside a runner (no summary file) the annotations and outputs are the report.
        (0,_summary_js__WEBPACK_IMPORTED_MODULE_9__/* .writeStepSummary */ .o)((0,_render_markdown_js__WEBPACK_IMPORTED_MODULE_6__/* .renderMarkdown */ .G)(result));
        if (sarifFile) {
            const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(workspace, sarifFile);
            await (0,_cli_output_file_js__WEBPACK_IMPORTED_MODULE_8__/* .writeOutputFile */ .B)(path, (0,_render_sarif_js__WEBPACK_IMPORTED_MODULE_7__/* .renderSarif */ .WH)(result, _cli_version_js__WEBPACK_IMPORTED_MODULE_10__/* .VERSION */ .x), { mkdirs: true });
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('sarif-file', path);
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('errors', String(errors));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH('warnings', String(warnings));
        const failed = (failOn === 'error' && errors > 0) || (failOn === 'warning' && errors + warnings > 0);
        if (failed) {
            _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.setFailed(`stepwarden: ${errors} error(s), ${warnings} warning(s); see the annotations and the job summary`);
            return 1;
        }
        return 0;
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


/***/ }),

/***/ 4496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ih: () => (/* binding */ annotationsOf),
/* harmony export */   up: () => (/* binding */ renderGithub)
/* harmony export */ });
/* unused harmony exports ANNOTATION_CAP, escapeData, escapeProperty, formatAnnotation */
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4732);

const ANNOTATION_CAP = 10;
/** The workflow-command escaping of @actions/core (`escapeData` / `escapeProperty` in its command.js). */
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * An annotation is read in GitHub's UI (the check run, beside the pull request's lines), not only in
 * the log: its message's invisible characters are written out (`visibleText`), so a value's
 * bidirectional controls or zero-width characters cannot draw one name as another (session 34).
 */
function annotation(f) {
    return {
        level: f.severity,
        message: (0,_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .visibleText */ .Q6)(f.message),
        properties: { title: `stepwarden ${f.rule}`, file: f.file, startLine: Math.max(1, f.line) },
    };
}
/** At most ANNOTATION_CAP errors and warnings each, then one notice per severity with the overflow. */
function annotationsOf(result, fullListAt = 'the job summary') {
    const out = [];
    for (const severity of ['error', 'warning']) {
        const all = result.findings.filter((f) => f.severity === severity);
        out.push(...all.slice(0, ANNOTATION_CAP).map(annotation));
        if (all.length > ANNOTATION_CAP) {
            const more = all.length - ANNOTATION_CAP;
            out.push({
                level: 'notice',
                message: `${more} more ${severity}${more === 1 ? ' is' : 's are'} not annotated (GitHub shows ${ANNOTATION_CAP} per step); the full list is in ${fullListAt}`,
                properties: { title: 'stepwarden' },
            });
        }
    }
    return out;
}
/** One workflow command, encoded as `@actions/core` encodes it (property order: title, file, line). */
function formatAnnotation(a) {
    const props = [
        ['title', a.properties.title],
        ['file', a.properties.file],
        ['line', a.properties.startLine],
        ['endLine', a.properties.endLine],
        ['col', a.properties.startColumn],
        ['endColumn', a.properties.endColumn],
    ];
    const text = props
        .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
        .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
        .join(',');
    return `::${a.level}${text ? ` ${text}` : ''}::${escapeData(a.message)}`;
}
function renderGithub(result, fullListAt = 'the job summary') {
    const lines = annotationsOf(result, fullListAt).map(formatAnnotation);
    return lines.length ? `${lines.join('\n')}\n` : '';
}


/***/ }),

/***/ 2190:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ renderMarkdown)
/* harmony export */ });
/* unused harmony export summaryCutNote */
/* harmony import */ var _check_registry_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4126);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4732);


/** Rows shown before the rest of a rule's findings fold into `<details>`. */
const FOLD_AFTER = 20;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** `marked`: the row's group holds both severities, so each warning says it did not fail the check. */
function row(f, marked) {
    const said = marked && f.severity === 'warning' ? 'warning: ' : '';
    return `| ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(`${f.file}:${f.line}`))} | ${f.job ? (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.job)) : ''} | ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.subject))} | ${said}${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(f.message, 1000))} |`;
}
const HEADER = ['| where | job | subject | finding |', '| --- | --- | --- | --- |'];
/** One job's row: effective access, what a reviewer compares the findings against. */
function jobRow(j) {
    const list = (xs) => xs.map((x) => (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(x))).join(' ');
    const name = (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(`${j.workflow} / ${j.job}`)) + (j.via ? ` via ${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(j.via))}` : '');
    const perms = Object.entries(j.permissions).map(([s, l]) => `${s}: ${l}`);
    return `| ${name} | ${perms.length ? list(perms) : 'none'} | ${list(j.secrets)} | ${list(j.environments)} |`;
}
/** `<details>` left open in `text` (the note closes it). */
const openDetails = (text) => (text.match(/<details>/g) ?? []).length - (text.match(/<\/details>/g) ?? []).length;
const cutNote = (n, open) => `${open > 0 ? '</details>\n\n' : ''}_Cut to stay under GitHub's job summary size limit: ${n} more lines. For the full list, write SARIF (input \`sarif-file\`) or run \`stepwarden check --format json\`._`;
/** The note after a cut summary: `n` lines cut, a `<details>` the kept text left open closed. */
const summaryCutNote = (n, kept) => cutNote(n, openDetails(kept));
/**
 * The summary's lines; each row (a finding or a job) is a function, made only if the cut reaches it.
 * A row is one line (every value in it is escaped, which flattens line breaks) and holds no
 * `<details>` or `</details>` (escaping writes every `<` as `&lt;`): what the cut counts of those is
 * in the other lines.
 */
function summaryLines(result) {
    const lines = [];
    // Text of our own, split as the whole text will be (an unknown rule id is written as it is).
    const text = (...ts) => {
        for (const t of ts)
            lines.push(...t.split('\n'));
    };
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    text('## stepwarden check', '', errors
        ? `**${plural(errors, 'error')}**, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`
        : `No errors, ${plural(warnings, 'warning')} across ${plural(result.jobs.length, 'job')}.`, '');
    // Rule titles are our own markdown; unknown rule ids (a renderer must not drop findings it has no
    // metadata for) are escaped and go last.
    const byRule = new Map();
    for (const f of result.findings) {
        const list = byRule.get(f.rule);
        if (list)
            list.push(f);
        else
            byRule.set(f.rule, [f]);
    }
    const known = new Set(_check_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y.map((r) => r.meta.id));
    const groups = [
        ..._check_registry_js__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y.map((r) => ({ id: r.meta.id, title: r.meta.title })),
        ...[...byRule.keys()].filter((id) => !known.has(id)).map((id) => ({ id, title: (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeMarkdown */ .FV)(id) })),
    ];
    // Groups holding an error first (each severity in the registry's order): the summary is cut at
    // GitHub's limit, and warning rules sort before most error rules there, so enough warnings cut every
    // error row while the line above counted them (session 40).
    const failing = (id) => byRule.get(id)?.some((f) => f.severity === 'error') === true;
    const ordered = [...groups.filter((g) => failing(g.id)), ...groups.filter((g) => !failing(g.id))];
    const rows = (fs, marked) => {
        for (const f of fs)
            lines.push(() => row(f, marked));
    };
    for (const g of ordered) {
        const fs = byRule.get(g.id);
        if (!fs)
            continue;
        // Same file: no collation to ask for (localeCompare of a string with itself is 0).
        const byFile = [...fs].sort((a, b) => a.file === b.file ? a.line - b.line : a.file.localeCompare(b.file) || a.line - b.line);
        // The mark and counts are the findings' own: org-reach in an organization rule's audit mode and
        // credential-step where it cannot judge report below their rule's severity (session 40).
        const errorsHere = fs.filter((f) => f.severity === 'error').length;
        const mixed = errorsHere > 0 && errorsHere < fs.length;
        const counts = mixed
            ? `${fs.length}: ${plural(errorsHere, 'error')}, ${plural(fs.length - errorsHere, 'warning')}`
            : `${fs.length}`;
        text(`### ${errorsHere ? '\u274c' : '\u26a0\ufe0f'} ${g.id} (${counts})`, '', `${g.title} \u2014 [rule docs](https://github.com/stepwarden/stepwarden/blob/main/docs/rules/${g.id}.md)`, '', ...HEADER);
        rows(byFile.slice(0, FOLD_AFTER), mixed);
        text('');
        if (byFile.length > FOLD_AFTER) {
            text(`<details><summary>${byFile.length - FOLD_AFTER} more</summary>`, '', ...HEADER);
            rows(byFile.slice(FOLD_AFTER), mixed);
            text('', '</details>', '');
        }
    }
    if (!result.findings.length)
        text('Every job holds only what the access manifest declares.', '');
    if (result.jobs.length) {
        text(`<details><summary>Effective access of ${plural(result.jobs.length, 'job')}</summary>`, '', '| job | GITHUB_TOKEN | secrets | environments |', '| --- | --- | --- | --- |');
        for (const j of result.jobs)
            lines.push(() => jobRow(j));
        text('', '</details>', '');
    }
    return lines;
}
/** The job-summary table: findings grouped by rule then file, then every job's access, cut under `limit` bytes. */
function renderMarkdown(result, limit = _escape_js__WEBPACK_IMPORTED_MODULE_1__/* .SUMMARY_LIMIT */ .Jt) {
    const lines = summaryLines(result);
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .cutLinesToSize */ .Ac)(lines, limit, summaryCutNote, 
    // The whole text's open `<details>`: those of our own lines, as no row holds one.
    (total) => cutNote(total, openDetails(lines.filter((l) => typeof l === 'string').join('\n'))));
}


/***/ }),

/***/ 194:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WH: () => (/* binding */ renderSarif)
/* harmony export */ });
/* unused harmony exports DOCS_BASE, sarifText, fileUri, fingerprintsOf */
/* harmony import */ var _digest_sha256_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7348);
/* harmony import */ var _check_registry_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4126);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4732);



const DOCS_BASE = 'https://github.com/stepwarden/stepwarden/blob/main/docs/rules';
/** One run, every rule described (even without results, so closed alerts stay explained). */
function renderSarif(result, version) {
    const rules = _check_registry_js__WEBPACK_IMPORTED_MODULE_1__/* .RULES */ .y.map((r) => ({
        id: r.meta.id,
        name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase()),
        shortDescription: { text: r.meta.title },
        fullDescription: { text: r.meta.summary },
        help: { text: r.meta.help, markdown: r.meta.help },
        helpUri: `${DOCS_BASE}/${r.meta.id}.md`,
        defaultConfiguration: { level: r.meta.severity },
        properties: { tags: ['security', 'ci', 'access'] },
    }));
    const index = new Map(rules.map((r, i) => [r.id, i]));
    const fingerprints = fingerprintsOf(result.findings);
    // A file's URI once per file, not once per finding (thousands of findings, a few hundred files).
    const uris = new Map();
    const uriOf = (file) => {
        let uri = uris.get(file);
        if (uri === undefined)
            uris.set(file, (uri = fileUri(file)));
        return uri;
    };
    const results = bySeverity(result.findings).map((i) => {
        const f = result.findings[i];
        return {
            ruleId: f.rule,
            ruleIndex: index.get(f.rule) ?? 0,
            level: f.severity,
            // Shown as a code scanning alert: invisible characters written out (session 34).
            message: { text: sarifText((0,_escape_js__WEBPACK_IMPORTED_MODULE_2__/* .visibleText */ .Q6)(f.message)) },
            locations: [
                {
                    physicalLocation: {
                        artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
                        region: { startLine: Math.max(1, f.line) },
                    },
                },
            ],
            partialFingerprints: { 'stepwarden/v2': fingerprints[i] },
        };
    });
    const sarif = {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'stepwarden',
                        version,
                        informationUri: 'https://github.com/stepwarden/stepwarden',
                        rules,
                    },
                },
                results,
            },
        ],
    };
    return `${JSON.stringify(sarif, null, 2)}\n`;
}
/**
 * Indexes of `findings` (file order) with the errors first, each severity in file order. Code
 * scanning stores at most 5,000 results of a run, and which ones is not what its docs say
 * (github/docs#38085): written in file order, 5,000 warnings in files sorting first (a monorepo's
 * unpinned actions, or a pull request's `.github/workflows/a*.yml`) kept an error out of every
 * reading (session 40). Fingerprints stay those of file order, so the order moves no alert.
 */
function bySeverity(findings) {
    const errors = [];
    const rest = [];
    findings.forEach((f, i) => (f.severity === 'error' ? errors : rest).push(i));
    return errors.concat(rest);
}
/**
 * Message text with its square brackets escaped (SARIF 2.1.0 \u00a73.11.6): unescaped, `[text](target)` in
 * a message is an embedded link, so a job id or `uses:` value written as `[Approve](https://\u2026)` would
 * be rendered as a link in the alert. Backslashes right before a bracket are doubled, so they stay
 * literal (a run of 2k+1 backslashes before a bracket reads as k backslashes and a literal bracket).
 */
function sarifText(text) {
    return text.replace(/(\\*)([[\]])/g, (_, slashes, bracket) => `${slashes}${slashes}\\${bracket}`);
}
/**
 * A repository path as a relative URI reference (SARIF's `uri`): every segment percent-encoded. Raw, a
 * workflow named `release.yml?x.yml` or `release.yml#.yml` is read by code scanning as `release.yml`
 * (query and fragment dropped), so its alert lands on another workflow; `a%2F..%2Frelease.yml` decodes
 * to a path outside its own; a space or a non-ASCII letter makes the URI invalid.
 */
function fileUri(path) {
    return path.split('/').map(encodeURIComponent).join('/');
}
/**
 * One fingerprint per finding, unique within the run and stable across runs and line moves: rule,
 * file, workflow, job and subject (not the line), plus the occurrence of that key in file order, so
 * two findings of one key (e.g. one job judged through two callers) stay two alerts. The file is in
 * the key because same-named jobs in different workflows are different alerts.
 */
function fingerprintsOf(findings) {
    const seen = new Map();
    return findings.map((f) => {
        const key = [f.rule, f.file, f.workflow ?? '', f.job ?? '', f.subject].join('\0');
        const occurrence = seen.get(key) ?? 0;
        seen.set(key, occurrence + 1);
        return (0,_digest_sha256_js__WEBPACK_IMPORTED_MODULE_0__/* .sha256Hex */ .f)(`${key}\0${occurrence}`).slice(0, 32);
    });
}


/***/ })

};
