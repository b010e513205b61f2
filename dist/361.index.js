export const id = 361;
export const ids = [361];
export const modules = {

/***/ 8361:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   explainCommand: () => (/* binding */ explainCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(310);
/* harmony import */ var _broker_decide_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6442);
/* harmony import */ var _broker_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5031);
/* harmony import */ var _broker_request_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(643);
/* harmony import */ var _manifest_load_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6454);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6831);
/* harmony import */ var _check_load_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1321);
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(9084);
/* harmony import */ var _summaries_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(8467);










const explainCommand = {
    name: 'explain',
    summary: _summaries_js__WEBPACK_IMPORTED_MODULE_9__/* .SUMMARIES */ .Z.explain,
    help: `Usage: stepwarden explain --manifest PATH --claims FILE|- --audience AUD --job JOB --step STEP [--scope S] [--org-policy PATH] [--default-branch NAME] [--caller-job JOB]

Runs the broker's grant decision (the same code) on a manifest and the claims of an OIDC token (a JSON
object, e.g. from 'stepwarden verify --format json' | jq .claims), and prints what would be issued or
precisely why it would be refused: which claim, which rule, which manifest line. Every grant condition
(ref, environment, event, \u2026 and the default-branch default) is listed with its verdict. The default
branch is the manifest's repository.default-branch, else --default-branch, else main. Nothing is issued.
A reusable workflow's job-bound callers (callers: [FILE/JOB], a caller job's calls:) need the caller
job the broker verifies through the Jobs API; --caller-job JOB answers as if it verified JOB.
Against a running broker, POST /token with dry_run=true answers the same question.

Exit codes: 0 would be granted, 1 would be refused, 2 bad input.
`,
    async run(argv, io) {
        if ((0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsHelp */ .lx)(argv)) {
            io.stdout(this.help);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        const { values } = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('explain', argv, {
            manifest: { type: 'string' },
            claims: { type: 'string' },
            audience: { type: 'string' },
            job: { type: 'string' },
            step: { type: 'string' },
            scope: { type: 'string', default: '' },
            'org-policy': { type: 'string' },
            'default-branch': { type: 'string' },
            'caller-job': { type: 'string' },
        });
        for (const k of ['manifest', 'claims', 'audience', 'job', 'step'])
            if (!values[k])
                throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--${k} is required`);
        let claims;
        try {
            const text = values.claims === '-' ? await io.readStdin() : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(values.claims, 'utf8');
            const obj = JSON.parse(text);
            claims = obj.claims ?? obj;
        }
        catch (err) {
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--claims: ${err.message}`);
        }
        const conditions = [];
        const printConditions = () => {
            if (conditions.length === 0)
                return;
            io.stdout('conditions:\n');
            for (const v of conditions)
                io.stdout(`  ${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_8__/* .renderVerdict */ .gM)(v)}\n`);
        };
        try {
            const manifest = await (0,_manifest_load_js__WEBPACK_IMPORTED_MODULE_5__/* .readManifest */ .WI)(values.manifest);
            const org = values['org-policy'] ? await (0,_check_load_js__WEBPACK_IMPORTED_MODULE_7__/* .readOrgPolicyFile */ .Bs)(values['org-policy']) : undefined;
            // The form as the broker reads it first (request.ts): a part past its bounds or holding a
            // control character is refused before any grant is looked at (session 27).
            const request = (0,_broker_request_js__WEBPACK_IMPORTED_MODULE_4__/* .exchangeRequestOf */ .gX)(new URLSearchParams({
                audience: values.audience,
                scope: values.scope ?? '',
                job: values.job,
                step: values.step,
            }));
            const d = (0,_broker_decide_js__WEBPACK_IMPORTED_MODULE_2__/* .decide */ .LD)({
                claims,
                request,
                manifest,
                ...(org ? { org } : {}),
                callerJob: values['caller-job']
                    ? values['caller-job']
                    : {
                        unverified: 'explain cannot verify it; pass --caller-job JOB to answer as if the broker did',
                    },
                ...(values['default-branch'] && !manifest.manifest.repository?.['default-branch']
                    ? { defaultBranch: values['default-branch'] }
                    : {}),
            }, conditions);
            printConditions();
            io.stdout(`would be granted: ${d.kind === 'github' ? 'GitHub installation token' : `JWT for ${d.audience}`}, scope '${d.scope}', ttl ${d.ttl}s, ${d.uses} claim(s) per run attempt (${manifest.file}:${d.manifestLine})\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        catch (err) {
            if (err instanceof _broker_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .BrokerRefusal */ .El) {
                printConditions();
                io.stdout(`would be refused: ${err.error} ${err.code}: ${err.description}\n`);
                return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.findings;
            }
            if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh) {
                io.stderr(`stepwarden explain: ${err.message}\n`);
                return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
            }
            throw err;
        }
    },
};


/***/ })

};
