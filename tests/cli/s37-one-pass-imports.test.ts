/**
 * Session 37: what a one-pass command (check, diff, init) loads before it runs. Every module in the
 * static import graph of a command's module is compiled and evaluated when the command is loaded
 * (shared/cli/main.ts loads each command with one `import()`), whether or not the command calls it,
 * and most of a small check's time is that compiling (docs/performance.md, session 37). The graph is
 * read from the sources with TypeScript's parser: every `import` and `export ... from` that is not
 * `import type` / `export type` is an edge (an over-approximation: a binding used only as a type is
 * also erased by the compiler); `import()` is not, it loads on first use. It fails when an edit
 * makes a check load the broker's service, its state stores, Octokit, prom-client, ioredis, jose,
 * the audit or the `yaml` package at start.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);

/** The value imports of one source file: relative ones resolved to files, the others as written. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const s of source.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(s) && !s.importClause?.isTypeOnly) spec = s.moduleSpecifier;
    else if (ts.isExportDeclaration(s) && !s.isTypeOnly) spec = s.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec)) continue;
    const name = spec.text;
    if (!name.startsWith('.')) {
      out.push(name);
      continue;
    }
    const target = resolve(dirname(file), name.replace(/\.js$/, '.ts'));
    out.push(existsSync(target) ? target : resolve(dirname(file), name));
  }
  return out;
}

/** Every module reached from `entry` by value imports: source files (relative to the root) and packages. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const todo = [resolve(ROOT, entry)];
  while (todo.length) {
    const file = todo.pop()!;
    const rel = relative(ROOT, file);
    if (files.has(rel)) continue;
    files.add(rel);
    for (const dep of valueImports(file)) {
      if (dep.startsWith('/')) todo.push(dep);
      else packages.add(dep);
    }
  }
  return { files, packages };
}

// Packages a one-pass command never needs at start. `yaml` is required on first use by
// shared/yaml/package.ts (the second reading, init's writer), never imported (below).
const NOT_AT_START = [
  /^ioredis/,
  /^prom-client/,
  /^@octokit\//,
  /^@actions\//,
  /^jose/,
  /^ajv/,
  /^yaml$/,
  /^node:(http|https|http2|net|tls|worker_threads|zlib|cluster|child_process|dns)$/,
];
// Source folders and files of other commands: the broker's server, stores, providers and operations,
// the audit, the actions' GitHub clients.
const NOT_AT_START_FILES = [
  /^shared\/broker\/(service|server|state|ops|providers\/(?!jwt-profiles\.ts$)|chain|signing-key|client-auth)/,
  /^shared\/audit\//,
  /^shared\/github\//,
  /^shared\/actions\//,
];

// Each one-pass command: the modules its first `import()` loads (`action check` loads the action
// registry, then the check action), and what it needs of the lists above: diff reads git refs with
// `git` (node:child_process); the check action speaks the runner's protocol through @actions/core and
// its own action modules.
const COMMANDS: Record<string, { entries: string[]; needs: RegExp[] }> = {
  check: { entries: ['shared/cli/commands/check.ts'], needs: [] },
  diff: { entries: ['shared/cli/commands/diff.ts'], needs: [/^node:child_process$/] },
  init: { entries: ['shared/cli/commands/init.ts'], needs: [] },
  'action check': {
    entries: ['shared/cli/commands/action.ts', 'shared/actions/check.ts'],
    needs: [/^@actions\/core$/, /^shared\/actions\/(index|check|annotations|summary)\.ts$/],
  },
};

function graphOf(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  for (const entry of entries) {
    const g = staticGraph(entry);
    g.files.forEach((f) => files.add(f));
    g.packages.forEach((p) => packages.add(p));
  }
  return { files, packages };
}

describe('a one-pass command loads only what it can run', () => {
  for (const [command, { entries, needs }] of Object.entries(COMMANDS)) {
    it(`${command}: no broker server, store, network client, audit or other action at start`, () => {
      const { files, packages } = graphOf(entries);
      const needed = (x: string) => needs.some((r) => r.test(x));
      expect([...packages].filter((p) => NOT_AT_START.some((r) => r.test(p)) && !needed(p))).toEqual([]);
      expect([...files].filter((f) => NOT_AT_START_FILES.some((r) => r.test(f)) && !needed(f))).toEqual([]);
    });
  }

  it('the yaml package is loaded through shared/yaml/package.ts alone, and only there at run time', () => {
    // In the bundle package.ts requires a file of its own (yaml.cjs); an import, `import()` or
    // `require` of 'yaml' anywhere else puts the package back into a chunk every check compiles (the
    // bundler follows `import()` too: it makes a chunk, and a shared module moves into a common one).
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.ts') && relative(ROOT, path) !== 'shared/yaml/package.ts') {
          const text = readFileSync(path, 'utf8');
          const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
          const visit = (n: ts.Node): void => {
            const spec =
              ts.isImportDeclaration(n) && !n.importClause?.isTypeOnly
                ? n.moduleSpecifier
                : ts.isExportDeclaration(n) && !n.isTypeOnly
                  ? n.moduleSpecifier
                  : ts.isCallExpression(n) && n.arguments.length > 0
                    ? n.arguments[0]
                    : undefined;
            if (spec && ts.isStringLiteral(spec) && /^yaml(\/|$)/.test(spec.text))
              offenders.push(`${relative(ROOT, path)}: ${n.getText(source).slice(0, 60)}`);
            ts.forEachChild(n, visit);
          };
          visit(source);
        }
      }
    };
    walk(join(ROOT, 'shared'));
    expect(offenders).toEqual([]);
  });

  it('the graph reader sees what it must: the check reaches the rules, zod and js-yaml', () => {
    const { files, packages } = staticGraph('shared/cli/commands/check.ts');
    expect(files.has('shared/check/run.ts')).toBe(true);
    expect(files.has('shared/manifest/schema.ts')).toBe(true);
    expect(packages.has('zod')).toBe(true);
    expect(packages.has('js-yaml')).toBe(true);
  });

  it('the graph reader would see a forbidden import: the broker command reaches ioredis and its store', () => {
    const { files, packages } = staticGraph('shared/cli/commands/broker.ts');
    expect([...packages].some((p) => /^ioredis/.test(p))).toBe(true);
    expect([...files].some((f) => f.startsWith('shared/broker/state/'))).toBe(true);
  });
});
