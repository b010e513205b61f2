export const id = 395;
export const ids = [395];
export const modules = {

/***/ 2395:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  actionCommand: () => (/* binding */ actionCommand)
});

// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __webpack_require__(310);
;// CONCATENATED MODULE: ./shared/actions/index.ts
const ACTIONS = {
    check: {
        summary: 'The required check: all workflows vs the manifest (root action.yml)',
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(243), __webpack_require__.e(421), __webpack_require__.e(963), __webpack_require__.e(71), __webpack_require__.e(263), __webpack_require__.e(321), __webpack_require__.e(974), __webpack_require__.e(698)]).then(__webpack_require__.bind(__webpack_require__, 9974))).checkAction,
    },
    exchange: {
        summary: 'OIDC token -> broker -> step-scoped credential (masked output)',
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(421), __webpack_require__.e(481)]).then(__webpack_require__.bind(__webpack_require__, 1481))).exchangeAction,
    },
    revoke: {
        summary: 'Revoke one credential at the broker (used by actions/run, always)',
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(421), __webpack_require__.e(274)]).then(__webpack_require__.bind(__webpack_require__, 6274))).revokeAction,
    },
    'access-diff': {
        summary: "Pull requests: access diff as one sticky comment (never runs the head's code)",
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(243), __webpack_require__.e(421), __webpack_require__.e(891), __webpack_require__.e(963), __webpack_require__.e(71), __webpack_require__.e(263), __webpack_require__.e(321), __webpack_require__.e(677), __webpack_require__.e(176)]).then(__webpack_require__.bind(__webpack_require__, 2176))).accessDiffAction,
    },
    audit: {
        summary: 'Job end: revoke leftovers, write the job summary (workload vs administrator)',
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(243), __webpack_require__.e(421), __webpack_require__.e(891), __webpack_require__.e(963), __webpack_require__.e(71), __webpack_require__.e(263), __webpack_require__.e(678), __webpack_require__.e(937), __webpack_require__.e(365), __webpack_require__.e(951)]).then(__webpack_require__.bind(__webpack_require__, 2951))).auditAction,
    },
    enforce: {
        summary: 'First step of a job: hold the running job against the manifest (enforce | audit)',
        load: async () => (await Promise.all(/* import() */[__webpack_require__.e(857), __webpack_require__.e(243), __webpack_require__.e(421), __webpack_require__.e(891), __webpack_require__.e(963), __webpack_require__.e(71), __webpack_require__.e(263), __webpack_require__.e(321), __webpack_require__.e(365), __webpack_require__.e(974), __webpack_require__.e(328)]).then(__webpack_require__.bind(__webpack_require__, 7328))).enforceAction,
    },
};
/** The entry named `name`, if there is one (an own key: `toString` or `__proto__` is no action). */
function actionNamed(name) {
    return name !== undefined && Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
}

// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __webpack_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/commands/action.ts



/** `stepwarden action NAME`: the entry the composite actions call (inputs come from INPUT_* env). */
const actionCommand = {
    name: 'action',
    summary: summaries/* SUMMARIES */.Z.action,
    help: `Usage: stepwarden action NAME

Runs the entry point of a stepwarden GitHub Action. The composite actions call this; inputs are read
from the INPUT_<NAME> environment variables exactly as the Actions runner sets them.

Actions:
${Object.entries(ACTIONS)
        .map(([n, a]) => `  ${n.padEnd(14)}${a.summary}`)
        .join('\n')}
`,
    async run(argv, io) {
        if ((0,command/* wantsHelp */.lx)(argv) || argv.length === 0) {
            io.stdout(this.help);
            return argv.length === 0 ? 2 : 0;
        }
        const [name, ...rest] = argv;
        const entry = actionNamed(name);
        if (!entry)
            throw new command/* UsageError */.eb(`unknown action '${name}'; one of: ${Object.keys(ACTIONS).join(', ')}`);
        return (await entry.load()).run(rest, io);
    },
};


/***/ })

};
