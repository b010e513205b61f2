export const id = 963;
export const ids = [963];
export const modules = {

/***/ 6863:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AI: () => (/* binding */ globProblem),
/* harmony export */   F: () => (/* binding */ asciiLower),
/* harmony export */   _I: () => (/* binding */ matchesAny),
/* harmony export */   eu: () => (/* binding */ globMatch),
/* harmony export */   fg: () => (/* binding */ isGlob)
/* harmony export */ });
/**
 * Glob matching for grant conditions, with no surprises: anchored, segment by segment, so `*`, `?` and
 * character classes never match `/` (even `[/]`), `**` is just `*`, and braces, extglobs and a
 * leading `!` are literal. `refs/heads/main` matches exactly that ref, never `refs/heads/main-evil`
 * or `refs/heads/main/x`. A segment starting with `.` is matched like any other text (`*` matches
 * `.github`), but a glob never matches a whole segment `.` or `..`.
 *
 * The bracket forms are the ones docs/manifest.md lists ("Glob patterns"): `[abc]`, `[a-z]`, `[^\u2026]`.
 * `\c` is the character c. `globProblem` refuses every other bracket spelling at manifest load
 * (`[!\u2026]`, which glob libraries disagree on and picomatch read as the class of `!` and the rest;
 * POSIX classes; a `[` or `]` without its pair; an empty class; a reversed range; a backslash inside a
 * class or escaping nothing), and the matcher below is written
 * from the same list, so a loaded pattern means what the docs say (tests/conditions/s21-glob-brackets
 * holds the matcher to a reference written from the docs).
 */
/**
 * Lower case for ASCII letters only (GitHub's names are compared without Unicode case folding here).
 * A string without A-Z is itself; one of ASCII alone (a repository, an owner, a header's `typ`:
 * almost every call, several per exchange) is lowered by the engine's one-byte path, whose mapping
 * there is exactly A-Z to a-z; only a string with a character past U+007F takes the letter-run
 * replace. 0.76 K against 2.3 K instructions a call with capitals, 0.48 K against 1.3 K without
 * (docs/performance.md, session 33).
 */
const BEYOND_ASCII = /[\u0080-\uffff]/;
const asciiLower = (s) => /[A-Z]/.test(s)
    ? BEYOND_ASCII.test(s)
        ? s.replace(/[A-Z]+/g, (m) => m.toLowerCase())
        : s.toLowerCase()
    : s;
const cache = new Map();
const MAX_CACHED = 2048;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;
const escapeChar = (c) => c.replace(REGEX_SPECIAL, '\\$&');
const isAsciiLetter = (c) => /^[A-Za-z]$/.test(c);
const otherCase = (c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());
/**
 * The regex of one class body (`abc`, `a-z`, `^\u2026`), already checked by `globProblem`. Under `nocase`
 * each ASCII letter the class holds (alone or inside a range) is added in its other case: a character
 * matches when it or its other ASCII case is in the class, nothing beyond ASCII is folded.
 */
function classRegex(body, nocase) {
    const negated = body.startsWith('^');
    const items = negated ? body.slice(1) : body;
    let out = '';
    for (let i = 0; i < items.length; i++) {
        const lo = items[i];
        if (items[i + 1] === '-' && i + 2 < items.length) {
            const hi = items[i + 2];
            out += `${escapeChar(lo)}-${escapeChar(hi)}`;
            if (nocase)
                for (let c = lo.charCodeAt(0); c <= hi.charCodeAt(0) && c < 128; c++) {
                    const ch = String.fromCharCode(c);
                    if (isAsciiLetter(ch))
                        out += otherCase(ch);
                }
            i += 2;
        }
        else
            out += escapeChar(lo) + (nocase && isAsciiLetter(lo) ? otherCase(lo) : '');
    }
    return negated ? `[^/${out}]` : `[${out}]`;
}
const charTest = (c, nocase) => {
    if (!(nocase && isAsciiLetter(c)))
        return (ch) => ch === c;
    const o = otherCase(c);
    return (ch) => ch === c || ch === o;
};
/**
 * One segment's tokens, written from the documented forms only (`*`, `?`, `[\u2026]`; every other character
 * is itself). No glob library: picomatch, called here before session 21, read more than the docs say
 * (`[!m]` as the class of `!` and `m`, `+`, `{2}` and `(\u2026)` after a class as regex syntax, `"\u2026"` as
 * quotes, a class as its own bracket text too, `*` never matching `.` or `..`). Not one regex per
 * segment either: a backtracking regex of `*a*a*a*a*a*a*a*b` took 9 s against a 60-character ref, a
 * branch name being the attacker's text (session 22); `tokensMatch` is O(pattern \u00d7 value).
 */
function segmentTokens(segment, nocase) {
    const out = [];
    for (let i = 0; i < segment.length; i++) {
        const c = segment[i];
        if (c === '\\')
            out.push(charTest(segment[++i], nocase));
        else if (c === '*') {
            if (out[out.length - 1] !== '*')
                out.push('*');
        }
        // A value segment holds no `/` (the value is split on it first), so `?` is any one character.
        else if (c === '?')
            out.push(() => true);
        else if (c === '[') {
            const close = segment.indexOf(']', i + 1);
            const re = new RegExp(`^${classRegex(segment.slice(i + 1, close), nocase)}$`);
            out.push((ch) => re.test(ch));
            i = close;
        }
        else
            out.push(charTest(c, nocase));
    }
    return out;
}
/**
 * Whether `s` matches the tokens: every token but `*` takes exactly one character, so on a mismatch
 * only the last `*` seen needs to take one character more (the classic wildcard walk), never an
 * earlier one.
 */
function tokensMatch(tokens, s) {
    // A segment `.` or `..` is matched only by that text: a glob never stands for a dot segment.
    if (s === '.' || s === '..')
        return false;
    let ti = 0;
    let si = 0;
    let starT = -1;
    let starS = 0;
    while (si < s.length) {
        const tok = tokens[ti];
        if (tok === '*') {
            starT = ti++;
            starS = si;
        }
        else if (tok !== undefined && tok(s[si])) {
            ti++;
            si++;
        }
        else if (starT >= 0) {
            ti = starT + 1;
            si = ++starS;
        }
        else
            return false;
    }
    while (tokens[ti] === '*')
        ti++;
    return ti === tokens.length;
}
function segmentMatcher(segment, nocase) {
    const key = `${nocase ? 'i' : 's'}\u0000${segment}`;
    let m = cache.get(key);
    if (!m) {
        if (cache.size >= MAX_CACHED)
            cache.clear();
        // Case is ignored for ASCII letters only: String#toLowerCase would fold U+212A (Kelvin sign)
        // into `k`, so `\u212Aube` would pass for the environment `kube`.
        const lower = asciiLower(segment);
        // A pattern `globProblem` refuses never reaches here from a loaded manifest; one that does (a
        // caller passing raw text) is compared as text, which matches only itself.
        const tokens = isGlob(segment) && globProblem(segment) === undefined ? segmentTokens(segment, nocase) : undefined;
        m = tokens
            ? (s) => tokensMatch(tokens, s)
            : nocase
                ? (s) => asciiLower(s) === lower
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
/**
 * Why a pattern is refused at manifest load, with its fix, or undefined when every bracket form in it
 * is one the docs list. Checked per `/`-segment, as the pattern is matched.
 */
function globProblem(pattern) {
    for (const segment of pattern.split('/')) {
        for (let i = 0; i < segment.length; i++) {
            const c = segment[i];
            if (c === '\\') {
                // `\c` is the character c itself (outside a class); a backslash ending a segment escapes nothing.
                if (i + 1 === segment.length)
                    return {
                        message: `a backslash escaping nothing in the pattern '${pattern}'`,
                        fix: 'write \\* for a literal *, or leave the backslash out',
                    };
                i++;
                continue;
            }
            if (c === ']')
                return {
                    message: `a ']' without its '[' in the pattern '${pattern}'`,
                    fix: 'write a class as [abc], [a-z] or [^abc] within one /-segment, or \\] for the character',
                };
            if (c !== '[')
                continue;
            const close = segment.indexOf(']', i + 1);
            if (close === -1)
                return {
                    message: `a '[' without its ']' in the same /-segment of the pattern '${pattern}'`,
                    fix: 'write a class as [abc], [a-z] or [^abc] within one /-segment, or \\[ for the character',
                };
            const problem = classProblem(segment.slice(i + 1, close), pattern);
            if (problem)
                return problem;
            i = close;
        }
    }
    return undefined;
}
function classProblem(body, pattern) {
    if (body.startsWith('!'))
        return {
            message: `'[${body}]' in the pattern '${pattern}' is not read as a negation here (some glob readers take it for '!' or ${JSON.stringify(body.slice(1))})`,
            fix: `write [^${body.slice(1)}] for "any character but these"`,
        };
    const items = body.startsWith('^') ? body.slice(1) : body;
    if (items === '')
        return {
            message: `an empty class '[${body}]' in the pattern '${pattern}'`,
            fix: 'name at least one character in a class, e.g. [abc] or [^abc]',
        };
    if (items.includes('\\'))
        return {
            message: `a backslash inside the class '[${body}]' of the pattern '${pattern}'`,
            fix: 'list the character itself: inside [...] only ^ (first) and - (between two characters) are special',
        };
    if (items.includes('['))
        return {
            message: `a '[' inside the class '[${body}]' of the pattern '${pattern}' (POSIX classes such as [[:alpha:]] are not read)`,
            fix: 'list the characters or ranges, e.g. [a-zA-Z]',
        };
    for (let j = 1; j + 1 < items.length; j++) {
        if (items[j] === '-' && items[j - 1] > items[j + 1])
            return {
                message: `the range '${items.slice(j - 1, j + 2)}' in the pattern '${pattern}' runs backwards`,
                fix: `write it low to high, '${items[j + 1]}-${items[j - 1]}'`,
            };
    }
    return undefined;
}


/***/ }),

/***/ 9084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   SP: () => (/* binding */ shown),
/* harmony export */   d1: () => (/* binding */ CONDITION_CODES),
/* harmony export */   gM: () => (/* binding */ renderVerdict)
/* harmony export */ });
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4732);
/**
 * What a condition said about one token: every condition is reported with its verdict (for `explain`
 * and `dry_run`), and a failed one carries the stable code the broker refuses with.
 */

/** Stable refusal codes, one per condition (docs/errors.md). */
const CONDITION_CODES = {
    ref: 'ERR_CONDITION_REF',
    'ref-protected': 'ERR_CONDITION_REF_PROTECTED',
    environment: 'ERR_CONDITION_ENVIRONMENT',
    event: 'ERR_CONDITION_EVENT',
    'runner-environment': 'ERR_CONDITION_RUNNER_ENVIRONMENT',
    'actor-id': 'ERR_CONDITION_ACTOR_ID',
    claims: 'ERR_CONDITION_CLAIM',
    environments: 'ERR_ENVIRONMENT_NOT_DECLARED',
    missing: 'ERR_CLAIM_MISSING',
};
const SHOWN_MAX = 200;
const SHOWN_ESCAPED = new RegExp(`\\\\|${_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .INVISIBLE */ .kH.source}`, 'gu');
/** The same pattern, for one test: a value with none of it and within the bound is shown as it is. */
const SHOWN_ESCAPED_ONE = new RegExp(SHOWN_ESCAPED.source, 'u');
/**
 * A claim value as it may appear in a message: bounded, and every character a reader could not see
 * (INVISIBLE: controls, line separators, bidirectional and other format characters, zero-width and
 * tag characters, other spaces) written out, so a crafted claim can neither forge a line in a log or a
 * terminal nor read as another value (`main\u200b` as `main`). A backslash is doubled, so what is
 * shown for two different values differs (`\u200b` written in a branch name is shown `\\u200b`).
 * Never a token.
 */
function shown(value) {
    if (value === undefined)
        return '(absent)';
    // The common case (a ref, a repository, a step id): nothing to write out and nothing cut, so the
    // loop below would rebuild the value unit for unit (a string per character, on every grant).
    if (value.length <= SHOWN_MAX && !SHOWN_ESCAPED_ONE.test(value))
        return value;
    let clean = '';
    let cut = false;
    // Whole characters and whole escapes only: half an escape or half a surrogate pair would read as
    // something else.
    const add = (piece) => {
        if (cut || clean.length + piece.length > SHOWN_MAX)
            cut = true;
        else
            clean += piece;
    };
    // A claim may be megabytes long: every code point adds at least one character, so what lies past
    // two units per character shown is never reached.
    const head = value.slice(0, 2 * SHOWN_MAX + 2);
    let last = 0;
    for (const m of head.matchAll(SHOWN_ESCAPED)) {
        for (const ch of head.slice(last, m.index))
            add(ch);
        add(escapedOne(m[0]));
        last = m.index + m[0].length;
    }
    for (const ch of head.slice(last))
        add(ch);
    if (head.length < value.length)
        cut = true;
    return cut ? `${clean}\u2026` : clean;
}
function escapedOne(ch) {
    if (ch === '\\')
        return '\\\\';
    const c = ch.codePointAt(0);
    return c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_0__/* .codePoint */ .yb)(ch);
}
/** One line per verdict, for `explain` and logs: `\u2713 ref (grant) refs/heads/main matches \u2026 (file:line)`. */
function renderVerdict(v) {
    return `${v.ok ? 'ok  ' : 'FAIL'} ${v.condition} [${v.origin}] ${v.message}`;
}


/***/ }),

/***/ 953:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C8: () => (/* binding */ NUMERIC_ID_CLAIMS),
/* harmony export */   IR: () => (/* binding */ numericIdProblem),
/* harmony export */   aq: () => (/* binding */ NUMERIC_ID),
/* harmony export */   pZ: () => (/* binding */ eventNameProblem)
/* harmony export */ });
/* unused harmony export EVENT_NAME */
/* harmony import */ var _conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9084);
/**
 * The claims of a GitHub Actions OIDC token, as GitHub documents them. Values are strings in GitHub's
 * tokens (even ids and attempts), so they are typed as strings here and parsed where numbers are needed.
 */

/**
 * The shape of a numeric id as GitHub writes it in a token (`repository_id`, `run_id`, `run_attempt`,
 * \u2026: the decimal digits of a positive 64-bit integer, as a string). One definition: the verifier
 * refuses other shapes, the kill switch's selectors and block keys and the manifest's ids use it.
 * No sign, space or leading zero: GitHub renders integers canonically, and `0042` would be the same
 * run to GitHub's API and `Number()` but another key to the run blocks, run indexes and replay store
 * (a token spelled so would pass a block on `42`). At most 20 digits (a 64-bit integer has 19 or 20).
 */
const NUMERIC_ID = /^[1-9][0-9]{0,19}$/;
/**
 * The claims GitHub sends as numeric id strings (docs.github.com, "OpenID Connect reference", custom
 * claims: "The ID of \u2026" / "The number of \u2026"; github/actions-oidc-debugger's sample token), and whether
 * every token carries it. `check_run_id` is recent (GitHub changelog 2025-11-13) and `enterprise_id`
 * only in an enterprise's runs, so those and the others marked false may be absent.
 */
const NUMERIC_ID_CLAIMS = {
    repository_id: true,
    repository_owner_id: true,
    run_id: true,
    run_attempt: true,
    run_number: false,
    actor_id: false,
    enterprise_id: false,
    check_run_id: false,
};
/**
 * The numeric claims the audit writes as JSON numbers (audit-log.ts, store.ts `run_attempt`): past
 * 2^53 - 1 a number is written rounded, so attempt 9007199254740993 was audited as \u2026992, another
 * attempt than the one the claim key and the job-end mark hold. GitHub's attempts are small counts.
 */
const AUDITED_AS_NUMBER = new Set(['run_attempt']);
/** The refusal's text of a numeric id claim of another shape (absent, a sign, a space, a leading zero). */
function numericIdProblem(claim, v) {
    if (typeof v === 'string' && NUMERIC_ID.test(v)) {
        if (AUDITED_AS_NUMBER.has(claim) && !Number.isSafeInteger(Number(v)))
            return `claim '${claim}' "${v}" is past 2^53 - 1, which the audit cannot write exactly (GitHub's run attempts are small counts)`;
        return undefined;
    }
    if (v === undefined)
        return `required claim '${claim}' is missing (GitHub's tokens carry it)`;
    const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    return `claim '${claim}' "${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(text.slice(0, 32))}"${text.length > 32 ? ` (${text.length} characters)` : ''} is not a GitHub numeric id: 1 to 20 decimal digits, no sign, space or leading zero`;
}
/**
 * The shape of `event_name` as GitHub sends it: lower-case letters and underscores (`push`,
 * `pull_request_target`, `merge_group`, `dynamic`), digits allowed after the first letter. The
 * trigger gate, the outside-events default and dispatch tracking compare the name exactly, so
 * `PULL_REQUEST_TARGET` or `workflow_run ` would be an event none of them knows: refused instead.
 */
const EVENT_NAME = /^[a-z][a-z0-9_]{0,63}$/;
/** The refusal's text when `event` is not of EVENT_NAME's shape (the verifier's and decide's), else undefined. */
function eventNameProblem(event) {
    if (EVENT_NAME.test(event))
        return undefined;
    return `claim 'event_name' '${(0,_conditions_verdict_js__WEBPACK_IMPORTED_MODULE_0__/* .shown */ .SP)(event.slice(0, 64))}' is not a GitHub event name (lower-case letters, digits and _): the trigger check and the outside-events default compare it exactly`;
}


/***/ }),

/***/ 4732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   Ac: () => (/* binding */ cutLinesToSize),
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   Jt: () => (/* binding */ SUMMARY_LIMIT),
/* harmony export */   Q6: () => (/* binding */ visibleText),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   Vn: () => (/* binding */ cutToSize),
/* harmony export */   W$: () => (/* binding */ COMMENT_LIMIT),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   kH: () => (/* binding */ INVISIBLE),
/* harmony export */   yb: () => (/* binding */ codePoint)
/* harmony export */ });
/* unused harmony export escapeHtml */
/**
 * Escaping for text that reaches GitHub markdown (job summaries, PR comments) from users: branch names,
 * job names, inputs, logins. Everything user-controlled goes through here, never straight into markdown.
 */
const HTML = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes and flattens to one line. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => HTML[c]).replace(/[\r\n]+/g, ' ');
}
/**
 * Every character a reader cannot see, or that changes how the text around it reads. One class for
 * every echo of a user's or a token's text (refusals, audit lines, logs, summaries, comments), so none
 * of them hides what another shows:
 * - controls (Cc): the runner splits its log on CR and LF (a line that then starts with `::` is a
 *   workflow command), terminals also on NEL, VT and FF; other C0/C1 controls and DEL move the cursor
 *   or recolour text;
 * - LS and PS (Zl, Zp): line breaks to terminals and editors;
 * - format characters (Cf): the bidirectional controls reorder the text after them ("Trojan
 *   Source"); zero-width space and joiners, word joiner, BOM, soft hyphen, the Mongolian vowel
 *   separator and the tag characters U+E0000..U+E007F are drawn as nothing, so a branch `main\u200b`
 *   would read as `main`;
 * - the other default-ignorable code points (variation selectors, Hangul fillers, combining grapheme
 *   joiner): drawn as nothing too;
 * - spaces other than U+0020 (Zs): `main\u00a0` reads as `main`;
 * - lone surrogates (Cs): written out as U+FFFD, so two different values would read alike.
 *
 * Built from a string, not written as a literal: V8 checks a literal's syntax again at every parse of
 * the code around it (the chunk's pre-parse, the module body's compile), and each check of a `\p{...}`
 * class builds its Unicode sets anew; `new RegExp` parses it once (docs/performance.md, session 37).
 */
const INVISIBLE = new RegExp(String.raw `[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}`, 'gu');
/** `\u200b`, or `\u{e0001}` beyond the BMP: a visible stand-in for one invisible character. */
function codePoint(c) {
    const n = c.codePointAt(0);
    return n > 0xffff ? `\\u{${n.toString(16)}}` : `\\u${n.toString(16).padStart(4, '0')}`;
}
/**
 * One log line, whatever the value holds: every control or line-break character becomes a visible
 * escape (`\n`, `\u2028`), so a job name, file name or `uses:` value from a workflow cannot start a
 * line of its own (`::error::`, `::add-mask::`, `::stop-commands::`) in a runner log. A backslash is
 * left as it is: the escapes are for a reader, not to be decoded.
 */
function oneLine(text) {
    return text.replace(INVISIBLE, (c) => c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : codePoint(c));
}
/**
 * Text shown in GitHub's UI as plain text (annotations, code scanning alerts), whose own encoding keeps
 * line breaks and tabs: every other invisible character (INVISIBLE) is written out as oneLine writes
 * it, so a bidirectional control cannot draw `prod\u202enoitc` as `production` (session 34).
 */
function visibleText(text) {
    return text.replace(INVISIBLE, (c) => (c === '\n' || c === '\r' || c === '\t' ? c : codePoint(c)));
}
/**
 * Markdown-inert text for table cells, `<code>` and mid-line text: one line, markdown punctuation
 * (and `$`, GitHub's math) backslashed, then `&`, `<`, `>` as entities (in this order, so no entity
 * gets a backslash and shows literally), and `@mention` / `#123` / `GH-123` / `scheme://` / `www.`
 * auto-links and `:emoji:` shortcodes broken with a zero-width joiner
 * so no one is pinged or linked and no \u2705 is drawn (GitHub links a bare `www.host` without any scheme). Invisible
 * characters (INVISIBLE) of the text are written out as `\u202e`, `\u200b`.
 */
function escapeMarkdown(text) {
    const flat = text.replace(/[\r\n]+/g, ' ');
    // The text's own invisibles are written out piece by piece, before the joiners below are added (those
    // are ours and must stay invisible), and outside the backslashing (so `\u` is not doubled).
    let out = '';
    let last = 0;
    for (const m of flat.matchAll(INVISIBLE)) {
        out += markdownPiece(flat.slice(last, m.index)) + codePoint(m[0]);
        last = m.index + m[0].length;
    }
    return out + markdownPiece(flat.slice(last));
}
function markdownPiece(text) {
    return (text
        // An emoji shortcode (`:white_check_mark:`, `:x:`): GitHub draws it in summaries and comments
        // after the markdown is read (a backslash before its `_` does not stop it), so a step named
        // `Gate :white_check_mark:` would put a \u2705 where stepwarden shows none. A joiner after the
        // colon breaks the name; first, while the name is as written. All digits is a time (`10:00:05`)
        // far more often than `:100:`, which draws no verdict.
        .replace(/:(?!\d+:)(?=[\w+-]+:)/g, ':\u200d')
        // Only what can start markup mid-line: with `[` and `]` escaped no link or image can form, and
        // callers never place this text at the start of a line, so `-`, `+`, `.`, `!` need nothing.
        // `$` opens GitHub's math (`$\u2026$`, `$$\u2026$$`), which renders what follows as a formula.
        .replace(/([\\`*_[\]#|~$])/g, '\\$1')
        .replace(/[&<>]/g, (c) => HTML[c])
        .replace(/@/g, '@\u200d')
        .replace(/#(?=\d)/g, '#\u200d')
        // `GH-26` is an issue reference too: it links and leaves a "mentioned" event on that issue.
        .replace(/\b(gh)-(?=\d)/gi, '$1-\u200d')
        .replace(/:\/\//g, ':\u200d//')
        .replace(/(www)\./gi, '$1\u200d.'));
}
/**
 * At most `max` characters (never splitting a surrogate pair), with `\u2026` when cut. For one value in a
 * table cell: a job id, `uses:` value or step name of a megabyte (a workflow or trail line can hold
 * one) would otherwise fill the summary or comment by itself, and the cut to GitHub's limit would drop
 * every row after it.
 */
function clip(text, max = 256) {
    if (text.length <= max)
        return text;
    const end = /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
    return `${text.slice(0, end)}\u2026`;
}
/**
 * Inline code that cannot be broken out of: `<code>` (a backtick span cannot hold every backtick
 * string) around escaped text; GitHub still parses markdown inside it, so escaping is the same.
 */
function code(text) {
    return `<code>${escapeMarkdown(text)}</code>`;
}
/**
 * Cuts text to at most `maxBytes` UTF-8 bytes (GitHub's limits count bytes, and the summary is full
 * of multi-byte emoji and escapes), on a line boundary, ending with a note that says what was cut.
 */
function cutToSize(text, maxBytes, note) {
    if (Buffer.byteLength(text, 'utf8') <= maxBytes)
        return text;
    const lines = text.split('\n');
    return keepLines(lines, lines.length, maxBytes, note, note(lines.length, text));
}
/**
 * `cutToSize(lines.join('\n') + '\n', maxBytes, note)` for text given line by line (no line holds
 * `\n`), making a row only while the text may still fit: on a large repository most of a summary's
 * rows fall past GitHub's limit, and escaping them was most of the summary's cost (session 30).
 * `reserve` is the note the cut text is given room for, `note(total lines, the whole text)` in
 * cutToSize: the caller makes it without the whole text (its rows are not made yet), so its note
 * must read nothing from the rows.
 */
function cutLinesToSize(lines, maxBytes, note, reserve) {
    const made = [];
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
        const line = lines[i];
        const text = typeof line === 'string' ? line : line();
        made.push(text);
        // The whole text's bytes are its lines' and a line break after each (the last one included):
        // a break between lines cannot pair with a surrogate at either side.
        bytes += Buffer.byteLength(text, 'utf8') + 1;
        if (bytes > maxBytes) {
            // The text split at its line breaks has one line more, the empty one after the last break.
            const total = lines.length + 1;
            // The cut falls inside `made`: it keeps under `maxBytes` less the note, and `made` is above `maxBytes`.
            return keepLines(made, total, maxBytes, note, reserve(total));
        }
    }
    return `${made.join('\n')}\n`;
}
/** The lines that fit under `maxBytes` with room for `reserve` (plus slack for what it may close), and the note. */
function keepLines(lines, total, maxBytes, note, reserve) {
    const budget = maxBytes - Buffer.byteLength(`\n\n${reserve}\n`, 'utf8') - 64;
    let used = 0;
    let kept = 0;
    for (const line of lines) {
        const size = Buffer.byteLength(line, 'utf8') + 1;
        if (used + size > budget)
            break;
        used += size;
        kept++;
    }
    const keptText = lines.slice(0, kept).join('\n');
    return `${keptText}\n\n${note(total - kept, keptText)}\n`;
}
/** GitHub's per-step job summary limit (1 MiB, in bytes); we stay a margin below it. */
const SUMMARY_LIMIT = 1024 * 1024 - 1024;
/** GitHub's comment body limit (65,536 characters). */
const COMMENT_LIMIT = 65536;


/***/ })

};
