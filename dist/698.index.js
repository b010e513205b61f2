export const id = 698;
export const ids = [698];
export const modules = {

/***/ 7728:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ annotations)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _render_escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4732);
/**
 * The one way an action writes what GitHub's UI shows as an annotation or a step's failure
 * (`::error`, `::warning`, `::notice`; setFailed is an `::error` too). A message carries workflow,
 * manifest, trail or broker values, and the UI draws their bidirectional controls and zero-width
 * characters: each message and title passes visibleText here (session 34 wrapped each call site in
 * check, enforce and exchange; actions/audit's stayed raw, session 35), so a new call site cannot forget
 * it. tests/hostile-faces-s35/s35-f-annotation-wrapper scans shared/ for any other call.
 */


// The file stays as written: it locates the annotation (GitHub matches it to the path), it is not prose.
const props = (p) => p && p.title !== undefined ? { ...p, title: (0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(p.title) } : p;
const annotations = {
    error: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    warning: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    notice: (message, p) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message), props(p)),
    setFailed: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1((0,_render_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .visibleText */ .Q6)(message)),
};


/***/ }),

/***/ 1698:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ writeStepSummary)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6421);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7728);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/**
 * The step summary file, written as a file any earlier step (or a process it left running) can have
 * replaced. `core.summary` follows a symbolic link there (the text lands in whatever file it names) and
 * blocks on a FIFO until something reads it (the step hangs until the job's timeout, the summary never
 * shows). Only a regular file is written here, opened without following a link and without blocking;
 * anything else is refused with an error annotation, and the summary goes to the log instead.
 */



/** What was found at the path instead of a regular file. */
class Replaced extends Error {
}
function kind(path) {
    const st = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync)(path);
    if (st.isFile())
        return undefined;
    return st.isSymbolicLink() ? 'a symbolic link' : st.isFIFO() ? 'a FIFO' : 'not a regular file';
}
/** Appends `markdown` to `$GITHUB_STEP_SUMMARY`; 'none' when the variable is unset (not in a runner). */
function writeStepSummary(markdown, env = process.env) {
    const path = env.GITHUB_STEP_SUMMARY;
    if (!path)
        return 'none';
    let fd;
    try {
        const what = kind(path);
        if (what)
            throw new Replaced(`is ${what}`);
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_APPEND | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NOFOLLOW | node_fs__WEBPACK_IMPORTED_MODULE_2__.constants.O_NONBLOCK);
        // Swapped between lstat and open: judge what was opened.
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_2__.fstatSync)(fd).isFile())
            throw new Replaced('changed while it was opened');
        const buf = Buffer.from(markdown, 'utf8');
        for (let n = 0; n < buf.length;)
            n += (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.writeSync)(fd, buf, n, buf.length - n);
        return 'written';
    }
    catch (err) {
        const why = err instanceof Replaced ? err.message : `cannot be written (${err.message})`;
        _annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .annotations */ .h.error(`stepwarden: the step summary file ${path} ${why}: a step of this job replaced it, so the summary is in this log instead`);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(markdown);
        return 'refused';
    }
    finally {
        if (fd !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.closeSync)(fd);
    }
}


/***/ })

};
