#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 310:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Qx: () => (/* binding */ parseCommandArgs),
/* harmony export */   dc: () => (/* binding */ EXIT),
/* harmony export */   eb: () => (/* binding */ UsageError),
/* harmony export */   lx: () => (/* binding */ wantsHelp)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);

/** Exit codes shared by every command. */
const EXIT = { ok: 0, findings: 1, usage: 2 };
/** A usage or input error: printed without a stack, exit code 2. */
class UsageError extends Error {
    code = 'ERR_USAGE';
}
function wantsHelp(argv) {
    return argv.includes('--help') || argv.includes('-h');
}
/**
 * Parses a command's arguments with node:util parseArgs; an unknown option or a missing value is a
 * UsageError (exit 2) that points at the command's --help.
 */
function parseCommandArgs(name, argv, options, allowPositionals = false) {
    try {
        return (0,node_util__WEBPACK_IMPORTED_MODULE_0__.parseArgs)({ args: argv, options, allowPositionals, strict: true });
    }
    catch (err) {
        throw new UsageError(`${err.message}. Run 'stepwarden ${name} --help'.`);
    }
}


/***/ }),

/***/ 8467:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ SUMMARIES)
/* harmony export */ });
/**
 * The one-line summary of each command: its `--help` and the program's command list read them here,
 * so `stepwarden --help` lists the commands without loading (and compiling) any of them.
 */
const SUMMARIES = {
    check: 'Hold every workflow of a repository against its access manifest',
    init: 'Write a starting manifest that declares what the workflows hold today',
    diff: 'Show which job gains or loses which access between two repository states',
    audit: 'Workload vs administrator activity, refusals and anomalies, from trails and logs',
    broker: 'Run the token broker (RFC 8693 exchange, JWKS, revocation, audit log)',
    verify: 'Verify an OIDC token exactly as the broker does, and print its claims or why it is refused',
    explain: 'Answer "would the broker grant this?" from a manifest and token claims, issuing nothing',
    demo: 'Bring the whole stack up on loopback and play one job: exchange, run, refuse, revoke, audit',
    action: 'Run one of the GitHub Actions entry points (used by action.yml files)',
};


/***/ }),

/***/ 2571:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** The program version, kept in one place for `--version`, SARIF and the user agent. */
const VERSION = '0.1.0';


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 9907:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("cluster");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 5881:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2987:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("perf_hooks");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 1493:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("v8");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Lo: () => (/* binding */ COMMANDS),
  xv: () => (/* reexport */ version/* VERSION */.x),
  yn: () => (/* binding */ isOnePass),
  iW: () => (/* binding */ main),
  Wb: () => (/* binding */ processIO),
  CI: () => (/* binding */ usage)
});

;// CONCATENATED MODULE: ./shared/cli/node-version.ts
/**
 * The first module the CLI evaluates (main.ts imports it before anything else; ES modules evaluate
 * in import order): on a Node older than 20 it says which Node is needed and exits, before any module
 * that uses Node 20 globals (`crypto`, \u2026) runs and dies with "crypto is not defined".
 * No imports here, on purpose.
 */
const REQUIRED_NODE_MAJOR = 20;
/** The message for an unsupported Node, or undefined when `version` (e.g. `18.19.0`) is new enough. */
function nodeVersionProblem(version) {
    const major = Number(/^v?(\d+)\./.exec(version)?.[1] ?? NaN);
    if (major >= REQUIRED_NODE_MAJOR)
        return undefined;
    return `stepwarden needs Node.js ${REQUIRED_NODE_MAJOR} or newer; this is Node.js ${version}. Install Node ${REQUIRED_NODE_MAJOR}+ (e.g. actions/setup-node with node-version: 20), or in a \`container:\` job use an image that has it.\n`;
}
const problem = nodeVersionProblem(process.versions.node);
if (problem) {
    process.stderr.write(problem);
    process.exit(2);
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
// EXTERNAL MODULE: ./shared/cli/command.ts
var command = __nccwpck_require__(310);
// EXTERNAL MODULE: ./shared/cli/version.ts
var version = __nccwpck_require__(2571);
;// CONCATENATED MODULE: ./shared/cli/closed-stdout.ts
const CLOSED_CODES = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);
const LATIN1_FROM = 4096;
function guardOutput(stream) {
    let closed = false;
    stream.on('error', (err) => {
        if (err.code && CLOSED_CODES.has(err.code)) {
            closed = true;
            return;
        }
        // Any other output error (disk full behind a redirect) must not pass silently.
        process.stderr.write(`stepwarden: cannot write output: ${err.message}\n`);
        process.exitCode = 2;
        closed = true;
    });
    return {
        write: (text) => {
            if (closed || stream.destroyed)
                return;
            // Text that is all ASCII has the same bytes in Latin-1 as in UTF-8, and Node copies Latin-1 out
            // of a string several times faster than it encodes UTF-8 (a 5.7 MB JSON report: ~5 ms against
            // ~30 ms). Short writes are not worth the scan. The text is all ASCII exactly when its UTF-8 is
            // one byte a code unit (any other unit, a surrogate of a pair included, takes two or more): a
            // native count, about five times cheaper than a regular expression's scan for a non-ASCII unit
            // (the JSON report of the bench corpus: 3.5 -> 0.7 ms, session 31).
            if (text.length >= LATIN1_FROM && Buffer.byteLength(text, 'utf8') === text.length)
                stream.write(text, 'latin1');
            else
                stream.write(text);
        },
        closed: () => closed,
    };
}

// EXTERNAL MODULE: ./shared/cli/summaries.ts
var summaries = __nccwpck_require__(8467);
;// CONCATENATED MODULE: ./shared/cli/main.ts
/**
 * The one program: CLI, action entry points and broker are subcommands of it. `dist/index.js` is this
 * file bundled by ncc. Kept tiny: parse the command name, dispatch, map errors to exit codes.
 */
// First, before any module that needs Node 20: a readable error on an older Node.









/**
 * The commands, each loaded on first use: `stepwarden check` then compiles and runs only the check's
 * modules, not the broker's, Octokit's or the audit's (half of a check's wall time on a large
 * repository was loading code it never ran). The order is the order of the help text.
 */
const COMMANDS = [
    { name: 'check', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(21)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5021))).checkCommand },
    { name: 'init', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(130)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6130))).initCommand },
    { name: 'diff', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(677), __nccwpck_require__.e(863)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1863))).diffCommand },
    { name: 'audit', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(678), __nccwpck_require__.e(937), __nccwpck_require__.e(596)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2596))).auditCommand },
    { name: 'broker', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(891), __nccwpck_require__.e(87), __nccwpck_require__.e(902), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(273), __nccwpck_require__.e(507), __nccwpck_require__.e(304)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6145))).brokerCommand },
    { name: 'verify', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(87), __nccwpck_require__.e(963), __nccwpck_require__.e(273), __nccwpck_require__.e(265)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2265))).verifyCommand },
    { name: 'explain', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(361)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8361))).explainCommand },
    { name: 'demo', load: async () => (await Promise.all(/* import() */[__nccwpck_require__.e(857), __nccwpck_require__.e(243), __nccwpck_require__.e(891), __nccwpck_require__.e(87), __nccwpck_require__.e(902), __nccwpck_require__.e(963), __nccwpck_require__.e(71), __nccwpck_require__.e(263), __nccwpck_require__.e(321), __nccwpck_require__.e(273), __nccwpck_require__.e(678), __nccwpck_require__.e(507), __nccwpck_require__.e(948)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6948))).demoCommand },
    { name: 'action', load: async () => (await __nccwpck_require__.e(/* import() */ 395).then(__nccwpck_require__.bind(__nccwpck_require__, 2395))).actionCommand },
];
async function usage() {
    // The summaries table, not the command modules: listing the commands loads none of them.
    const commands = COMMANDS.map((c) => ({
        name: c.name,
        summary: summaries/* SUMMARIES */.Z[c.name],
    }));
    const width = Math.max(...commands.map((c) => c.name.length)) + 2;
    return `stepwarden ${version/* VERSION */.x}: declared, step-scoped, short-lived CI access

Usage: stepwarden COMMAND [options]
       stepwarden COMMAND --help

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 findings or refusal, 2 cannot judge (bad input or arguments).
Docs: README.md and docs/ in the stepwarden repository.
`;
}
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        io.stdout(await usage());
        return name ? command/* EXIT */.dc.ok : command/* EXIT */.dc.usage;
    }
    if (name === '--version' || name === '-V') {
        io.stdout(`${version/* VERSION */.x}\n`);
        return command/* EXIT */.dc.ok;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
        io.stderr(`stepwarden: unknown command '${name}'. Run 'stepwarden --help' for the list.\n`);
        return command/* EXIT */.dc.usage;
    }
    try {
        const command = await entry.load();
        return await command.run(rest, io);
    }
    catch (err) {
        if (err instanceof command/* UsageError */.eb) {
            io.stderr(`stepwarden ${name}: ${err.message}\n`);
            return command/* EXIT */.dc.usage;
        }
        const e = err;
        io.stderr(`stepwarden ${name}: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
        return command/* EXIT */.dc.usage;
    }
}
function processIO() {
    const stdout = guardOutput(process.stdout);
    const stderr = guardOutput(process.stderr);
    return {
        stdout: stdout.write,
        stderr: stderr.write,
        cwd: process.cwd(),
        env: process.env,
        stdinStream: process.stdin,
        stdoutStream: process.stdout,
        readStdin: async () => {
            const chunks = [];
            for await (const c of process.stdin)
                chunks.push(c);
            return Buffer.concat(chunks).toString('utf8');
        },
    };
}
function invokedDirectly() {
    const entry = process.argv[1];
    if (!entry)
        return false;
    try {
        return import.meta.url === (0,external_node_url_.pathToFileURL)((0,external_node_fs_.realpathSync)(entry)).href;
    }
    catch {
        return false;
    }
}
/**
 * Commands that run once over their input and exit, with V8's tiers set for that (ONE_PASS_V8_FLAGS):
 * `check`, `diff`, `init` and `action check` (how the required check runs, action.yml). `audit` keeps
 * V8's defaults (it streams logs of a million events), as do the broker and every other command.
 * Each entry is the command's leading arguments.
 */
const ONE_PASS_COMMANDS = [
    ['check'],
    ['diff'],
    ['init'],
    ['action', 'check'],
];
/**
 * V8's tiers for a one-pass command. Sessions 21-35 ran them without Turbofan (`--no-opt`): on the
 * 1,503-workflow corpus it compiled, on its background thread, code that then ran only briefly (a
 * third more CPU for 2-3 % of wall time). Turbofan is back with two limits (session 36,
 * docs/performance.md): no inlining, so each compiled function is small, cheap to compile, and a
 * callee's unseen types deoptimize only that callee, not every caller built around it; and an
 * interrupt budget (the bytecode a function runs between the profiler's looks at it) four times V8's
 * default of 67,584, so only what stays hot over a few hundred files (the reader, the model) is
 * compiled. Corpus: the main thread's instructions -15 %, all threads' +5 %; a repository of 50 files
 * compiles next to nothing. tests/cli/s21-one-pass and s22-one-pass ask V8 itself what is on.
 */
const ONE_PASS_V8_FLAGS = '--no-turbo-inlining --interrupt-budget=270336';
/** Whether the CLI's arguments (after `node script`) name a one-pass command. */
function isOnePass(argv) {
    return ONE_PASS_COMMANDS.some((command) => command.every((word, i) => argv[i] === word));
}
if (invokedDirectly()) {
    // Constant flags, never built from argv or the environment; an in-process caller of main() (tests,
    // bench wrappers) never reaches this line.
    if (isOnePass(process.argv.slice(2))) {
        (0,external_node_v8_namespaceObject.setFlagsFromString)(ONE_PASS_V8_FLAGS);
        // The young generation keeps its first size (1 MiB a semi-space) instead of doubling up to
        // 16 MiB: more, shorter scavenges over pages already touched, instead of fresh pages whose first
        // touch is a page fault (about 7 ms a MiB on the bench machine). Corpus check: a quarter fewer
        // page faults, 30 MiB less peak RSS (docs/performance.md, session 23). Read by V8 at each
        // growth step, so it takes effect when set here; the command-line sizes would not.
        (0,external_node_v8_namespaceObject.setFlagsFromString)('--semi-space-growth-factor=1');
    }
    main(process.argv.slice(2), processIO()).then((code) => {
        process.exitCode = code;
    }, (err) => {
        process.stderr.write(`stepwarden: ${String(err)}\n`);
        process.exitCode = 2;
    });
}

var __webpack_exports__COMMANDS = __webpack_exports__.Lo;
var __webpack_exports__VERSION = __webpack_exports__.xv;
var __webpack_exports__isOnePass = __webpack_exports__.yn;
var __webpack_exports__main = __webpack_exports__.iW;
var __webpack_exports__processIO = __webpack_exports__.Wb;
var __webpack_exports__usage = __webpack_exports__.CI;
export { __webpack_exports__COMMANDS as COMMANDS, __webpack_exports__VERSION as VERSION, __webpack_exports__isOnePass as isOnePass, __webpack_exports__main as main, __webpack_exports__processIO as processIO, __webpack_exports__usage as usage };
