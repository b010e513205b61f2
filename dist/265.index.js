export const id = 265;
export const ids = [265];
export const modules = {

/***/ 2265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   verifyCommand: () => (/* binding */ verifyCommand)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var jose__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7961);
/* harmony import */ var _command_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(310);
/* harmony import */ var _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5273);
/* harmony import */ var _summaries_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8467);





const verifyCommand = {
    name: 'verify',
    summary: _summaries_js__WEBPACK_IMPORTED_MODULE_3__/* .SUMMARIES */ .Z.verify,
    help: `Usage: stepwarden verify TOKEN|- --audience AUD [options]

Verifies a GitHub Actions OIDC token with the broker's own code: RS256 only, a trusted issuer, keys
from the issuer's JWKS, aud, exp/nbf/iat with 60 s leeway, GitHub's required claims. '-' reads the
token from standard input. The token itself is never printed.

Options:
  --audience AUD       the aud the token must carry (required; --no-audience to skip, said in the output)
  --no-audience        do not check aud
  --issuer URL         trusted issuer (repeatable; default ${_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_ISSUER */ .oX})
  --jwks FILE|URL      a saved key set instead of discovery
  --at UNIX_SECONDS    verify as of this time (tokens captured in the past)
  --format text|json   json: { "valid", "claims", "error", "code" }

Exit codes: 0 valid, 1 refused, 2 bad arguments.
`,
    async run(argv, io) {
        if ((0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .wantsHelp */ .lx)(argv)) {
            io.stdout(this.help);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        const parsed = (0,_command_js__WEBPACK_IMPORTED_MODULE_1__/* .parseCommandArgs */ .Qx)('verify', argv, {
            audience: { type: 'string' },
            'no-audience': { type: 'boolean' },
            issuer: { type: 'string', multiple: true },
            jwks: { type: 'string' },
            at: { type: 'string' },
            format: { type: 'string', default: 'text' },
        }, true);
        const { values, positionals } = parsed;
        if (positionals.length !== 1)
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('give one token, or - to read it from standard input');
        if (!values.audience && !values['no-audience'])
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--audience is required (or --no-audience to skip the aud check)');
        if (values.format !== 'text' && values.format !== 'json')
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--format must be text or json`);
        if (values.at !== undefined && !/^\d+$/.test(values.at))
            throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb('--at takes Unix seconds');
        const token = (positionals[0] === '-' ? await io.readStdin() : positionals[0]).trim();
        let jwks;
        if (values.jwks) {
            const text = /^https?:\/\//.test(values.jwks)
                ? await (await fetch(values.jwks)).text()
                : await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(values.jwks, 'utf8');
            try {
                jwks = JSON.parse(text);
            }
            catch {
                throw new _command_js__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .eb(`--jwks ${values.jwks} is not a JSON key set`);
            }
        }
        let audience = values.audience ?? '';
        if (values['no-audience']) {
            // Checking nothing is not an option of the verifier: take the token's own aud and say so.
            try {
                const aud = (0,jose__WEBPACK_IMPORTED_MODULE_4__/* .decodeJwt */ .i)(token).aud;
                audience = Array.isArray(aud) ? (aud[0] ?? '') : (aud ?? '');
            }
            catch {
                audience = '';
            }
        }
        const at = values.at ? Number(values.at) : undefined;
        const verifier = (0,_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .createOidcVerifier */ .wQ)({
            issuers: values.issuer ?? [_oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_ISSUER */ .oX],
            audience,
            ...(jwks ? { jwks } : {}),
            ...(at !== undefined ? { now: () => at } : {}),
        });
        const note = values['no-audience'] ? ' (aud was NOT checked)' : '';
        try {
            const claims = await verifier.verify(token);
            if (values.format === 'json')
                io.stdout(`${JSON.stringify({ valid: true, claims, audienceChecked: !values['no-audience'] }, null, 2)}\n`);
            else {
                io.stdout(`valid${note}\n`);
                for (const [k, v] of Object.entries(claims))
                    io.stdout(`  ${k.padEnd(22)} ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
            }
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.ok;
        }
        catch (err) {
            const e = err instanceof _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .OidcError */ .uv ? err : new _oidc_verify_js__WEBPACK_IMPORTED_MODULE_2__/* .OidcError */ .uv('ERR_OIDC_MALFORMED', String(err));
            if (values.format === 'json')
                io.stdout(`${JSON.stringify({ valid: false, error: e.message, code: e.code, ...(e.claim ? { claim: e.claim } : {}) }, null, 2)}\n`);
            else
                io.stdout(`refused: ${e.code}: ${e.message}${note}\n`);
            return _command_js__WEBPACK_IMPORTED_MODULE_1__/* .EXIT */ .dc.findings;
        }
    },
};


/***/ })

};
