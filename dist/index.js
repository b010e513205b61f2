#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
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
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Lo: () => (/* binding */ COMMANDS),
  xv: () => (/* binding */ VERSION),
  iW: () => (/* binding */ main),
  Wb: () => (/* binding */ processIO),
  CI: () => (/* binding */ usage)
});

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./shared/cli/command.ts
/** Exit codes shared by every command. */
const EXIT = { ok: 0, findings: 1, usage: 2 };
/** A usage or input error: printed without a stack, exit code 2. */
class UsageError extends Error {
    code = 'ERR_USAGE';
}
function wantsHelp(argv) {
    return argv.includes('--help') || argv.includes('-h');
}

;// CONCATENATED MODULE: ./shared/cli/commands/check.ts
const checkCommand = {
    name: 'check',
    summary: '(not built yet)',
    help: 'stepwarden check: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden check: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/init.ts
const initCommand = {
    name: 'init',
    summary: '(not built yet)',
    help: 'stepwarden init: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden init: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/diff.ts
const diffCommand = {
    name: 'diff',
    summary: '(not built yet)',
    help: 'stepwarden diff: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden diff: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/audit.ts
const auditCommand = {
    name: 'audit',
    summary: '(not built yet)',
    help: 'stepwarden audit: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden audit: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/broker.ts
const brokerCommand = {
    name: 'broker',
    summary: '(not built yet)',
    help: 'stepwarden broker: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden broker: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/verify.ts
const verifyCommand = {
    name: 'verify',
    summary: '(not built yet)',
    help: 'stepwarden verify: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden verify: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/explain.ts
const explainCommand = {
    name: 'explain',
    summary: '(not built yet)',
    help: 'stepwarden explain: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden explain: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/cli/commands/demo.ts
const demoCommand = {
    name: 'demo',
    summary: '(not built yet)',
    help: 'stepwarden demo: not built yet',
    async run(_argv, io) {
        io.stderr('stepwarden demo: not built yet\n');
        return 2;
    },
};

;// CONCATENATED MODULE: ./shared/actions/index.ts
const ACTIONS = {};

;// CONCATENATED MODULE: ./shared/cli/commands/action.ts


/** `stepwarden action NAME`: the entry the composite actions call (inputs come from INPUT_* env). */
const actionCommand = {
    name: 'action',
    summary: 'Run one of the GitHub Actions entry points (used by action.yml files)',
    help: `Usage: stepwarden action NAME

Runs the entry point of a stepwarden GitHub Action. The composite actions call this; inputs are read
from the INPUT_<NAME> environment variables exactly as the Actions runner sets them.

Actions:
${Object.entries(ACTIONS)
        .map(([n, a]) => `  ${n.padEnd(14)}${a.summary}`)
        .join('\n')}
`,
    async run(argv, io) {
        if (wantsHelp(argv) || argv.length === 0) {
            io.stdout(this.help);
            return argv.length === 0 ? 2 : 0;
        }
        const [name, ...rest] = argv;
        const entry = name ? ACTIONS[name] : undefined;
        if (!entry)
            throw new UsageError(`unknown action '${name}'; one of: ${Object.keys(ACTIONS).join(', ')}`);
        return entry.run(rest, io);
    },
};

;// CONCATENATED MODULE: ./shared/cli/main.ts
/**
 * The one program: CLI, action entry points and broker are subcommands of it. `dist/index.js` is this
 * file bundled by ncc. Kept tiny: parse the command name, dispatch, map errors to exit codes.
 */












const VERSION = '0.1.0';
const COMMANDS = [
    checkCommand,
    initCommand,
    diffCommand,
    auditCommand,
    brokerCommand,
    verifyCommand,
    explainCommand,
    demoCommand,
    actionCommand,
];
function usage() {
    const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 2;
    return `stepwarden ${VERSION}: declared, step-scoped, short-lived CI access

Usage: stepwarden COMMAND [options]
       stepwarden COMMAND --help

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`).join('\n')}

Exit codes: 0 ok, 1 findings or refusal, 2 cannot judge (bad input or arguments).
Docs: README.md and docs/ in the stepwarden repository.
`;
}
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        io.stdout(usage());
        return name ? EXIT.ok : EXIT.usage;
    }
    if (name === '--version' || name === '-V') {
        io.stdout(`${VERSION}\n`);
        return EXIT.ok;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) {
        io.stderr(`stepwarden: unknown command '${name}'. Run 'stepwarden --help' for the list.\n`);
        return EXIT.usage;
    }
    try {
        return await command.run(rest, io);
    }
    catch (err) {
        if (err instanceof UsageError) {
            io.stderr(`stepwarden ${name}: ${err.message}\n`);
            return EXIT.usage;
        }
        const e = err;
        io.stderr(`stepwarden ${name}: ${e.code ? `${e.code}: ` : ''}${e.message ?? String(err)}\n`);
        return EXIT.usage;
    }
}
function processIO() {
    return {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        cwd: process.cwd(),
        env: process.env,
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
        return import.meta.url === (0,external_node_url_namespaceObject.pathToFileURL)((0,external_node_fs_namespaceObject.realpathSync)(entry)).href;
    }
    catch {
        return false;
    }
}
if (invokedDirectly()) {
    main(process.argv.slice(2), processIO()).then((code) => {
        process.exitCode = code;
    }, (err) => {
        process.stderr.write(`stepwarden: ${String(err)}\n`);
        process.exitCode = 2;
    });
}

var __webpack_exports__COMMANDS = __webpack_exports__.Lo;
var __webpack_exports__VERSION = __webpack_exports__.xv;
var __webpack_exports__main = __webpack_exports__.iW;
var __webpack_exports__processIO = __webpack_exports__.Wb;
var __webpack_exports__usage = __webpack_exports__.CI;
export { __webpack_exports__COMMANDS as COMMANDS, __webpack_exports__VERSION as VERSION, __webpack_exports__main as main, __webpack_exports__processIO as processIO, __webpack_exports__usage as usage };
