export const id = 21;
export const ids = [21];
export const modules = {

/***/ 5021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkCommand: () => (/* binding */ checkCommand)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
// EXTERNAL MODULE: ./shared/check/load.ts
var load = __webpack_require__(1321);
// EXTERNAL MODULE: ./shared/manifest/errors.ts
var errors = __webpack_require__(6831);
// EXTERNAL MODULE: ./shared/render/github.ts
var github = __webpack_require__(4496);
;// CONCATENATED MODULE: ./shared/render/json.ts
/**
 * Elements per piece: up to 65 KB of JSON each on the corpus, 26 KB median (a job's report is 0.25 to
 * 1.3 KB).
 * A piece and the strings made on its way out stay below V8's large-object size (128 KiB), so they
 * are made in the young generation, on pages already in use, instead of pages of their own that
 * each touch fresh memory (a page fault per 4 KiB, and they are dropped at once). At 256 elements
 * (100 to 300 KB) the JSON report cost the corpus check three times the CPU and 5,000 more page
 * faults (docs/performance.md, session 23).
 */
const JSON_PIECE_ELEMENTS = 64;
const BATCH = JSON_PIECE_ELEMENTS;
// `JSON.stringify([[a, b]], null, 2)` is `[\n  [\n    A,\n    B\n  ]\n]`, where A and B are laid out
// exactly as the elements of a list that is the value of a key of the top-level object (indented by
// four). Cutting that wrapper off gives a run of the report's own text; JSON strings hold no raw line
// break, so nothing inside an element can look like the wrapper.
const HEAD = '[\n  [\n    '.length;
const TAIL = '\n  ]\n]'.length;
function* json_elements(xs, map) {
    for (let i = 0; i < xs.length; i += BATCH) {
        const batch = map ? xs.slice(i, i + BATCH).map(map) : xs.slice(i, i + BATCH);
        // The separator is a piece of its own, not joined to the text: V8 returns a long JSON.stringify
        // result as a rope, which the slice flattens (one copy); a joined string would be a second rope
        // and flattened again (a second copy of the whole report) by the first regular expression or
        // write that reads it.
        if (i > 0)
            yield ',\n    ';
        yield JSON.stringify([batch], null, 2).slice(HEAD, -TAIL);
    }
}
/** Key order is fixed for readable diffs. */
const finding = (f) => ({
    rule: f.rule,
    severity: f.severity,
    workflow: f.workflow,
    job: f.job,
    subject: f.subject,
    message: f.message,
    file: f.file,
    line: f.line,
});
/**
 * The stable JSON contract (docs/required-check.md), in pieces whose concatenation is
 * `JSON.stringify({ jobs, findings }, null, 2)` and a line break: `check` writes each piece to standard
 * output as it is made, instead of one string of the whole report and its UTF-8 copy (5.7 MB each on
 * a repository of 1,500 workflows).
 */
function* renderJsonPieces(result) {
    yield result.jobs.length === 0 ? '{\n  "jobs": [],\n  "findings": ' : '{\n  "jobs": [\n    ';
    if (result.jobs.length > 0) {
        yield* json_elements(result.jobs);
        yield '\n  ],\n  "findings": ';
    }
    if (result.findings.length === 0)
        yield '[]\n}\n';
    else {
        yield '[\n    ';
        yield* json_elements(result.findings, finding);
        yield '\n  ]\n}\n';
    }
}
function renderJson(result) {
    return [...renderJsonPieces(result)].join('');
}

// EXTERNAL MODULE: ./shared/render/markdown.ts
var markdown = __webpack_require__(2190);
// EXTERNAL MODULE: ./shared/render/sarif.ts
var sarif = __webpack_require__(194);
// EXTERNAL MODULE: ./shared/render/escape.ts
var render_escape = __webpack_require__(4732);
;// CONCATENATED MODULE: ./shared/render/text.ts

/**
 * Human output: `file:line  severity  rule  message`, grouped by file, then a count. Printed to a runner
 * log by `run: stepwarden check`, so every value is one line (`oneLine`): a job named `"x\n::error::"`
 * cannot print a workflow command.
 */
function renderText(result) {
    const lines = [];
    let current = '';
    for (const f of result.findings) {
        if (f.file !== current) {
            if (current)
                lines.push('');
            current = f.file;
        }
        lines.push(`${(0,render_escape/* oneLine */.TN)(f.file)}:${f.line}  ${f.severity.padEnd(7)}  ${f.rule.padEnd(22)}  ${(0,render_escape/* oneLine */.TN)(f.message)}`);
    }
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    if (lines.length)
        lines.push('');
    lines.push(`${result.jobs.length} job${result.jobs.length === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./shared/render/index.ts





const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'];
function isFormat(s) {
    return FORMATS.includes(s);
}
function render(result, format, version) {
    switch (format) {
        case 'json':
            return renderJson(result);
        case 'sarif':
            return (0,sarif/* renderSarif */.WH)(result, version);
        case 'github':
            return (0,github/* renderGithub */.up)(result);
        case 'markdown':
            return (0,markdown/* renderMarkdown */.G)(result);
        default:
            return renderText(result);
    }
}

// EXTERNAL MODULE: ./shared/cli/version.ts
var version = __webpack_require__(2571);
// EXTERNAL MODULE: ./shared/cli/output-file.ts
var output_file = __webpack_require__(8377);
// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/commands/check.ts










const checkCommand = {
    name: 'check',
    summary: summaries/* SUMMARIES */.Z.check,
    help: `Usage: stepwarden check [DIR] [options]

Reads DIR/.github/workflows/*.yml and DIR/.github/access-manifest.yml and reports every job that holds
more than the manifest declares: GITHUB_TOKEN permissions, secrets, environments, triggers, actions,
and manifest grants above the organization ceiling. Workflow files are read as data only; symbolic
links are not followed.

Arguments:
  DIR                 the repository to check (default: .)

Options:
  --manifest PATH     the access manifest (default: DIR/.github/access-manifest.yml)
  --org-policy PATH   the organization policy (ceiling) every manifest is capped by
  --format FORMAT     ${FORMATS.join(' | ')} (default: text)
                        text      file:line  severity  rule  message, grouped by file
                        json      { jobs, findings } (contract: docs/required-check.md)
                        sarif     SARIF 2.1.0 for code scanning
                        github    workflow-command annotations (10 per severity, then a notice)
                        markdown  a job-summary table (kept under 1 MiB)
  --output FILE       write the report to FILE (atomically) instead of standard output
  -h, --help          this help

Exit codes:
  0  no error findings (warnings allowed)
  1  error findings
  2  cannot judge: invalid manifest or policy (problems on stderr with file:line and the fix),
     no manifest (run \`stepwarden init\` to write one), or bad arguments

Rules and fixes: docs/rules/. Making it a required check: docs/required-check.md.

Examples:
  stepwarden check
  stepwarden check examples/demo-repo --format json
  stepwarden check . --org-policy ../org/.github/stepwarden/org-policy.yml
  stepwarden check . --format sarif --output stepwarden.sarif
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv)) {
            io.stdout(this.help);
            return command/* EXIT */.dc.ok;
        }
        const parsed = (0,command/* parseCommandArgs */.Qx)('check', argv, {
            manifest: { type: 'string' },
            'org-policy': { type: 'string' },
            format: { type: 'string', default: 'text' },
            output: { type: 'string' },
        }, true);
        const { values, positionals } = parsed;
        if (positionals.length > 1)
            throw new command/* UsageError */.eb(`expected one directory, got ${positionals.length}`);
        const format = values.format ?? 'text';
        if (!isFormat(format))
            throw new command/* UsageError */.eb(`unknown --format '${format}'; one of: ${FORMATS.join(', ')}`);
        const dir = (0,external_node_path_.resolve)(io.cwd, positionals[0] ?? '.');
        if (!(0,external_node_fs_.statSync)(dir, { throwIfNoEntry: false })?.isDirectory())
            throw new command/* UsageError */.eb(`'${positionals[0] ?? '.'}' is not a directory; give the repository to check`);
        let result;
        try {
            result = await (0,load/* checkDirectory */.W3)({
                dir,
                ...(values.manifest ? { manifest: (0,external_node_path_.resolve)(io.cwd, values.manifest) } : {}),
                ...(values['org-policy'] ? { orgPolicy: (0,external_node_path_.resolve)(io.cwd, values['org-policy']) } : {}),
            });
        }
        catch (err) {
            if (err instanceof errors/* ManifestError */.Sh) {
                const what = err.code === 'ERR_MANIFEST_MISSING'
                    ? 'there is no access manifest'
                    : 'the manifest or policy is invalid';
                io.stderr(`stepwarden check: cannot judge, ${what} (${err.code}):\n${err.message}\n`);
                return command/* EXIT */.dc.usage;
            }
            throw err;
        }
        if (values.output) {
            await (0,output_file/* writeOutputFile */.B)((0,external_node_path_.resolve)(io.cwd, values.output), render(result, format, version/* VERSION */.x));
        }
        else if (format === 'json') {
            // Piece by piece: no string of the whole report (5.7 MB on 1,500 workflows) and no UTF-8 copy
            // of it. Writes to a file or pipe are synchronous on Linux, and elsewhere the process waits for
            // queued writes before it exits, so the report is whole; a reader gone (`| head`) drops the rest.
            for (const piece of renderJsonPieces(result))
                io.stdout(piece);
        }
        else {
            io.stdout(render(result, format, version/* VERSION */.x));
        }
        return result.findings.some((f) => f.severity === 'error') ? command/* EXIT */.dc.findings : command/* EXIT */.dc.ok;
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
