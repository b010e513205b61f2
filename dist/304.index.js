export const id = 304;
export const ids = [304];
export const modules = {

/***/ 4098:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $3: () => (/* binding */ pickFields),
/* harmony export */   RX: () => (/* binding */ auditEventSchema),
/* harmony export */   U0: () => (/* binding */ RUN_CONTEXT_FIELDS),
/* harmony export */   cZ: () => (/* binding */ AUDIT_EVENT_VERSION),
/* harmony export */   ri: () => (/* binding */ actorFromLogin),
/* harmony export */   xj: () => (/* binding */ REASON_CODE)
/* harmony export */ });
/* unused harmony exports AUDIT_EVENT_TYPES, ACTOR_TYPES, actorSchema, EVENT_SOURCES */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4377);
/**
 * The audit event: one JSON line, shared by the broker's log, the actions' local trail
 * (`$RUNNER_TEMP/stepwarden/audit.jsonl`) and the events `stepwarden audit` reads from GitHub's
 * organization audit-log exports. The zod schema is the source of truth; the JSON Schema in
 * `schema/audit-event.schema.json` is generated from it. Never carries a credential or token.
 *
 * Versioning: `v` changes when a field is removed or changes meaning. Added fields and event types keep
 * `v`, so readers ignore fields they do not know (the schema strips them) instead of refusing the line.
 */

const AUDIT_EVENT_VERSION = 1;
/** Every event type, with what it records (docs/audit.md is written from the same list). */
/** The fields that say which run an event belongs to (a step's line and the broker's agree on them). */
const RUN_CONTEXT_FIELDS = [
    'repository',
    'workflow',
    'job',
    'run_id',
    'run_attempt',
    'event_name',
    'ref',
    'sha',
    'actor',
    'triggering_actor',
];
const AUDIT_EVENT_TYPES = [
    'credential.granted', // broker issued a credential (or the exchange action received one)
    'credential.refused', // broker refused an exchange (reason carries the code)
    'credential.used', // a step ran its command with the credential (actions/run); outcome: the command's
    'credential.revoked', // revoked by /revoke, job-end cleanup or the kill switch (reason says which)
    'credential.expired', // TTL passed before revocation
    'credential.rate_limited',
    'credential.claimed_twice', // a second claim of a single-use grant: possible theft
    'credential.dry_run', // broker answered a dry run (would it be granted?); outcome says which, nothing issued
    'credential.revocation_pending', // revoked at the broker; GitHub's revocation failed and is being retried
    'credential.revoke_failed', // the upstream revocation was given up (the token expires by itself upstream)
    'job.enforced', // the enforce action's verdict for the running job
    'job.summary', // the audit action ran (job end)
    'job.ended', // the broker's job-end listing ran: the job closed (later exchanges refused) or, without a check run, listed only
    'audit.refusals_suppressed', // broker: one repository's refusals past its per-minute line budget, counted (by reason, distinct tokens, first and last)
    'admin.revoke', // kill switch on the broker
    'admin.unblock', // an admin lifted a kill-switch block
    'admin.unblock_requested', // an admin asked to lift a block: written and on disk before the lift (its admin.unblock line follows)
    'admin.change', // a change to workflows or the access manifest (pushed commits), or to access settings (org audit log)
    'run.started', // the run and who or what started it (event, actor, attempt)
    'run.approval', // an environment approval or rejection (Actions API: run approvals)
    'github.activity', // any other entry of a GitHub organization audit-log export
];
const ACTOR_TYPES = ['User', 'Bot'];
const actorSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    login: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    /** `Bot` for GitHub Apps and `*[bot]` logins, `User` otherwise. */
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(ACTOR_TYPES),
    id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
});
const EVENT_SOURCES = ['broker', 'action', 'cli', 'github-audit-log'];
/** The shape of a reason code (`ERR_OIDC_REPLAYED`, `REVOKED_BY_ADMIN`): what may be shown or counted as one. */
const REASON_CODE = /^[A-Z][A-Z0-9_]{1,63}$/;
const auditEventSchema = zod__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    v: zod__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(AUDIT_EVENT_VERSION),
    time: zod__WEBPACK_IMPORTED_MODULE_1__/* .datetime */ .w$({ offset: true }),
    type: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(AUDIT_EVENT_TYPES),
    outcome: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['success', 'denied', 'error']),
    /** A stable code (e.g. `ERR_OIDC_REPLAYED`, `REVOKED_AT_JOB_END`); see docs/errors.md. */
    reason: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** Human text for `reason`: which claim, which rule, which manifest line. */
    detail: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    source: zod__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(EVENT_SOURCES),
    repository: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    repository_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    workflow: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    job: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    step: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    run_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    run_attempt: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    event_name: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    ref: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    sha: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    actor: actorSchema.optional(),
    triggering_actor: actorSchema.optional(),
    audience: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    scope: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    grant_id: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** Granted lifetime in seconds (on revocation: how long the credential lived). */
    ttl: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().nonnegative().optional(),
    expires_at: zod__WEBPACK_IMPORTED_MODULE_1__/* .datetime */ .w$({ offset: true }).optional(),
    /** HTTP attempts the exchange took (1: no retry). */
    attempts: zod__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().int().positive().optional(),
    /** The GitHub audit-log action (`repo.create`, `workflows.approve_workflow_job`\u2026), for imported entries. */
    action: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** GitHub's `programmatic_access_type` (`GitHub App server-to-server token`, `Personal access token (classic)`\u2026). */
    access_type: zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().optional(),
    /** `workflow_dispatch` inputs, manual revocation targets, changed files, approval comments\u2026 */
    details: zod__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()).optional(),
})
    .describe('stepwarden audit event (one JSON line)');
/** GitHub marks app actors with a `[bot]` suffix on the login. */
function actorFromLogin(login, id) {
    return { login, type: /\[bot\]$/i.test(login) ? 'Bot' : 'User', ...(id ? { id } : {}) };
}
/**
 * The named fields of an event that are set (empty strings count as unset), for the places a report
 * or an anomaly names.
 */
function pickFields(e, keys) {
    const out = {};
    for (const k of keys)
        if (e[k] !== undefined && e[k] !== '')
            out[k] = e[k];
    return out;
}


/***/ }),

/***/ 6145:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   brokerCommand: () => (/* binding */ brokerCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(310);
/* harmony import */ var _broker_config_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(710);
/* harmony import */ var _broker_server_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8507);
/* harmony import */ var _broker_signing_key_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6160);
/* harmony import */ var _broker_providers_app_key_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2158);
/* harmony import */ var _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(6831);
/* harmony import */ var _summaries_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(8467);








const brokerCommand = {
    name: 'broker',
    summary: _summaries_js__WEBPACK_IMPORTED_MODULE_7__/* .SUMMARIES */ .Z.broker,
    help: `Usage: stepwarden broker [--config broker.yml]
       stepwarden broker rotate-key [--config broker.yml] [--overlap SECONDS] [--svid]

Runs the broker service. Without --config it starts on its embedded defaults: 127.0.0.1:8787, in-memory
state, manifests from ./manifests/<owner>/<repo>/.github/access-manifest.yml, a signing key generated on
first start in ./broker-signing-key.json (mode 0600), audit log ./broker-audit.jsonl.

Endpoints: POST /token (RFC 8693), POST /revoke (RFC 7009), POST /introspect (RFC 7662),
POST /admin/revoke and POST /admin/unblock (kill switch and its lift, admin bearer token; form
fields repository, repository_id, workflow or run_id), GET /.well-known/jwks.json,
GET /.well-known/openid-configuration, GET /.well-known/spiffe-bundle (jwt-profile: spiffe),
GET /healthz (alive), GET /readyz (store, signing key, issuer keys, audit sink), GET /metrics
(Prometheus; metrics.token-file puts it behind a bearer token). Operational logs are JSON lines on
stderr; the audit log is separate. Runbooks: docs/operations.md and docs/deploy.md.

rotate-key adds a new ES256 key to the keyring in signing.key-file. It is published in the JWKS at
once and signs from --overlap seconds on (default 600, so verifiers' JWKS caches hold it first); the
old key stays in the JWKS until its last credential has expired (activation + 3600 s), then leaves it.
A running broker picks the change up within 5 seconds, or at once on SIGHUP. --svid rotates the
JWT-SVID keyring (spiffe.key-file) instead.

Every config key is documented in docs/broker.md; unknown keys are refused with file and line.
Stop with Ctrl-C (SIGINT) or SIGTERM: the broker stops accepting, lets in-flight exchanges finish
within drain-timeout seconds, flushes the audit log and closes the store.

SIGHUP (or a change to one of the files, seen within 5 seconds) reloads the config, the admin tokens
file, the local org-policy file, the metrics token and the signing keyrings without dropping a
connection. Everything is validated first: an invalid file is refused with file, line and fix in the
JSON log and the config in force stays. admin-tokens-file, org-policy, rate-limit, metrics.token-file,
drain-delay and drain-timeout apply at once; any other changed key needs a restart (logged as a
warning, the running value stays).
`,
    async run(argv, io) {
        if ((0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsHelp */ .lx)(argv)) {
            io.stdout(this.help);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        if (argv[0] === 'rotate-key')
            return rotateKey(argv.slice(1), io);
        const { values } = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('broker', argv, { config: { type: 'string' } });
        let config;
        try {
            config = await (0,_broker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .readBrokerConfig */ .ul)(values.config, io.cwd);
        }
        catch (err) {
            if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh) {
                io.stderr(`stepwarden broker: invalid config (${err.code}):\n${err.message}\n`);
                return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
            }
            throw err;
        }
        const broker = await (0,_broker_server_js__WEBPACK_IMPORTED_MODULE_3__/* .startBroker */ .md)(config, {
            ...(values.config ? { configFile: (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(io.cwd, values.config) } : {}),
        }).catch((err) => {
            if (err instanceof _broker_signing_key_js__WEBPACK_IMPORTED_MODULE_4__/* .KeyringError */ .Wy || err instanceof _broker_providers_app_key_js__WEBPACK_IMPORTED_MODULE_5__/* .AppKeyError */ .RD) {
                io.stderr(`stepwarden broker: ${err.code}: ${err.message}\n`);
                return undefined;
            }
            // A file the config names (admin tokens, org policy, metrics token) that cannot be used.
            if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh) {
                io.stderr(`stepwarden broker: invalid config (${err.code}):\n${err.message}\n`);
                return undefined;
            }
            throw err;
        });
        if (!broker)
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
        // One stop, whatever arrives while it runs: a second SIGTERM or SIGINT (a supervisor repeating
        // itself, Ctrl-C twice) used to take the default action and kill the process mid-drain, cutting
        // the exchanges being finished and the audit lines being flushed. The drain is bounded, so the
        // signals are held until it is done. The handlers are in place before "listening" is printed:
        // a SIGTERM sent on that line found none and killed the process outright.
        let code = _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        let stopping = false;
        let stopped;
        const done = new Promise((resolve) => (stopped = resolve));
        const stop = (signal) => {
            if (stopping) {
                io.stderr(`${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: `${signal} while stopping: the drain goes on (bounded by drain-timeout)` })}\n`);
                return;
            }
            stopping = true;
            void broker.close().then(stopped, (err) => {
                io.stderr(`stepwarden broker: stopping failed: ${err?.message ?? String(err)}\n`);
                code = _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
                stopped();
            });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        io.stdout(`stepwarden broker listening on ${broker.url} (issuer ${config.url}, audience ${config.audience}, manifests from ${config.manifests.source})\n`);
        await done;
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        return code;
    },
};
async function rotateKey(argv, io) {
    const { values } = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('broker rotate-key', [...argv], {
        config: { type: 'string' },
        overlap: { type: 'string' },
        svid: { type: 'boolean' },
    });
    const overlap = values.overlap === undefined ? 600 : Number(values.overlap);
    if (!Number.isSafeInteger(overlap) || overlap < 0 || overlap > 86_400) {
        io.stderr('stepwarden broker rotate-key: --overlap takes whole seconds from 0 to 86400\n');
        return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
    }
    let config;
    try {
        config = await (0,_broker_config_js__WEBPACK_IMPORTED_MODULE_2__/* .readBrokerConfig */ .ul)(values.config, io.cwd);
    }
    catch (err) {
        if (err instanceof _manifest_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .ManifestError */ .Sh) {
            io.stderr(`stepwarden broker rotate-key: invalid config (${err.code}):\n${err.message}\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
        }
        throw err;
    }
    if (values.svid && !config.spiffe) {
        io.stderr('stepwarden broker rotate-key: --svid needs spiffe: { trust-domain } in the config\n');
        return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
    }
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(config.baseDir, values.svid ? config.spiffe['key-file'] : config.signing['key-file']);
    try {
        const r = await (0,_broker_signing_key_js__WEBPACK_IMPORTED_MODULE_4__/* .rotateKeyFile */ .LO)(file, Math.floor(Date.now() / 1000), overlap, values.svid ? 'jwt-svid' : 'sig');
        if (r.staleLock)
            io.stderr(`stepwarden broker rotate-key: took over ${file}.lock left by pid ${r.staleLock.pid} (no longer running) since ${new Date(r.staleLock.since * 1000).toISOString()}\n`);
        io.stdout(`new signing key ${r.kid} in ${file}, active from ${new Date(r.activateAt * 1000).toISOString()}; published now: ${r.published.join(', ')}\n`);
        return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
    }
    catch (err) {
        if (err instanceof _broker_signing_key_js__WEBPACK_IMPORTED_MODULE_4__/* .KeyringError */ .Wy) {
            io.stderr(`stepwarden broker rotate-key: ${err.code}: ${err.message}\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.usage;
        }
        throw err;
    }
}


/***/ })

};
