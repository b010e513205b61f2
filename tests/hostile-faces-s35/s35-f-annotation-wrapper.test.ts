/**
 * Session 35 (w-rfaces): every annotation and step failure an action writes goes through
 * shared/actions/annotations.ts, which writes a value's invisible characters out (visibleText).
 * Session 34 wrapped each call site of check, enforce and exchange by hand; actions/audit's stayed raw:
 * `fail-on: "never\u202e"` failed the step with an `::error::` whose U+202E GitHub's UI draws as a
 * bidirectional override. The scan fails on any new raw call (`core.error(`, `core.warning(`,
 * `core.notice(`, `core.setFailed(`, `core[level](`, or those names imported from `@actions/core`).
 * Both failed at c3326db.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';

const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** The toolkit's annotation commands a source calls other than through annotations.ts. */
function rawCalls(text: string): string[] {
  const out: string[] = [];
  // Any name bound to the toolkit: `import * as X from '@actions/core'`.
  const names = [...text.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s+'@actions\/core'/g)].map((m) => m[1]!);
  for (const n of names)
    for (const m of text.matchAll(
      new RegExp(`\\b${n}\\s*(?:\\.\\s*(error|warning|notice|setFailed)\\b|\\[)`, 'g'),
    ))
      out.push(m[0]);
  // Destructured from the namespace (`const { error } = core`).
  for (const n of names)
    for (const m of text.matchAll(
      new RegExp(`\\{[^}]*\\b(?:error|warning|notice|setFailed)\\b[^}]*\\}\\s*=\\s*${n}\\b`, 'g'),
    ))
      out.push(m[0]);
  // Named imports of the commands themselves.
  for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@actions\/core'/g))
    if (/\b(error|warning|notice|setFailed)\b/.test(m[1]!.replace(/\btype\s+\w+/g, ''))) out.push(m[0]);
  return out;
}

describe('one wrapper for every annotation', () => {
  it('the scan finds each raw form', () => {
    const ns = "import * as tk from '@actions/core';\n";
    expect(rawCalls(`${ns}tk.error(x);`)).toHaveLength(1);
    expect(rawCalls(`${ns}tk . setFailed(x);`)).toHaveLength(1);
    expect(rawCalls(`${ns}tk[level](x);`)).toHaveLength(1);
    expect(rawCalls(`${ns}const { warning } = tk;`)).toHaveLength(1);
    expect(rawCalls("import { notice, getInput } from '@actions/core';")).toHaveLength(1);
    expect(rawCalls(`${ns}tk.getInput('x'); tk.setOutput('a', 'b');`)).toEqual([]);
  });

  it('no source but annotations.ts calls the toolkit’s annotation commands', () => {
    const raw: string[] = [];
    const files = sources('shared');
    expect(files).toContain(join('shared', 'actions', 'annotations.ts'));
    for (const file of files) {
      if (file === join('shared', 'actions', 'annotations.ts')) continue;
      raw.push(...rawCalls(readFileSync(file, 'utf8')).map((c) => `${file}: ${c}`));
    }
    expect(raw).toEqual([]);
  });

  it('actions/audit’s failure shows an input’s bidirectional control written out', async () => {
    const r = await runAction('actions/audit', { inputs: { 'fail-on': 'never\u202e' } });
    expect(r.failed).toBe(true);
    const commands = r.steps
      .flatMap((s) => s.stdout.split('\n'))
      .filter((l) => /^::(error|warning|notice)/.test(l));
    expect(commands.length).toBeGreaterThanOrEqual(1);
    for (const l of commands) expect(l).not.toMatch(HIDDEN);
    expect(commands.join('\n')).toContain("not 'never\\u202e'");
  }, 120_000);
});
