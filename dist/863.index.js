export const id = 863;
export const ids = [863];
export const modules = {

/***/ 1863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   diffCommand: () => (/* binding */ diffCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(310);
/* harmony import */ var _diff_render_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9966);
/* harmony import */ var _diff_source_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(319);
/* harmony import */ var _diff_states_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(172);
/* harmony import */ var _summaries_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8467);






const diffCommand = {
    name: 'diff',
    summary: _summaries_js__WEBPACK_IMPORTED_MODULE_5__/* .SUMMARIES */ .Z.diff,
    help: `Usage: stepwarden diff BASE HEAD [--format markdown|json] [--repo DIR] [--fail-on widened]

BASE and HEAD are directories (holding .github/) or git refs of the repository at --repo (default .),
read with git ls-tree / git show: nothing is checked out or run. Lists every change of effective
access \u2014 permissions, secrets, environments, triggers, actions and their pinning, manifest grants \u2014
as widened or narrowed, widened first. Renamed workflow files are matched, not shown as removed+added.

JSON: { "changes": [ { "workflow", "job", "kind", "subject", "before", "after", "effect", "file", "line" } ] }
with kind one of workflow, job, permission, secret, environment, trigger, action, credential, manifest,
policy, unreadable, and effect widened, narrowed or cannot-judge (a file whose access cannot be read).

Exit codes: 0 (also with changes), 1 with --fail-on widened when access widens or a file cannot be
judged, 2 bad arguments or an invalid head manifest.

Examples:
  stepwarden diff origin/main HEAD
  stepwarden diff base-checkout/ head-checkout/ --format json
`,
    async run(argv, io) {
        if ((0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsHelp */ .lx)(argv)) {
            io.stdout(this.help);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        const parsed = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('diff', argv, {
            format: { type: 'string', default: 'markdown' },
            repo: { type: 'string', default: '.' },
            'fail-on': { type: 'string' },
        }, true);
        const { values, positionals } = parsed;
        if (positionals.length !== 2)
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('give BASE and HEAD');
        if (values.format !== 'markdown' && values.format !== 'json')
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--format must be markdown or json');
        if (values['fail-on'] !== undefined && values['fail-on'] !== 'widened')
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--fail-on takes widened');
        const repo = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(io.cwd, values.repo ?? '.');
        let base;
        let head;
        try {
            [base, head] = await Promise.all([(0,_diff_source_js__WEBPACK_IMPORTED_MODULE_3__/* .readState */ .un)(positionals[0], repo), (0,_diff_source_js__WEBPACK_IMPORTED_MODULE_3__/* .readState */ .un)(positionals[1], repo)]);
        }
        catch (err) {
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(err.message);
        }
        if (base.manifestError)
            io.stderr(`stepwarden diff: the manifest of ${base.label} is invalid; the head's grants are compared with none:\n${base.manifestError}\n`);
        const { changes, invalidHead } = (0,_diff_states_js__WEBPACK_IMPORTED_MODULE_4__/* .diffStates */ .o)(base, head);
        io.stdout(values.format === 'json' ? (0,_diff_render_js__WEBPACK_IMPORTED_MODULE_2__/* .renderDiffJson */ .mS)(changes) : (0,_diff_render_js__WEBPACK_IMPORTED_MODULE_2__/* .renderDiffMarkdown */ .rw)(changes));
        // An invalid head manifest cannot be judged at all: exit 2, whatever --fail-on says.
        if (invalidHead) {
            io.stderr(`stepwarden diff: cannot judge ${head.label}: its manifest is invalid:\n${head.manifestError}\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
        }
        return values['fail-on'] === 'widened' && (0,_diff_states_js__WEBPACK_IMPORTED_MODULE_4__/* .failsOnWidened */ .t)(changes) ? _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.findings : _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
    },
};


/***/ })

};
