/**
 * docs/errors.md is the operator's list of codes: every code the program produces has a row there,
 * and every code a row names is produced somewhere (a code renamed in the source must not leave a
 * row an on-call engineer searches for in vain). Read from the sources as text, so a code added
 * anywhere under shared/ is seen without a list kept by hand.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const errors = readFileSync(join(root, 'docs/errors.md'), 'utf8');
/** Node's own error codes the program compares with; it produces none of them. */
const NODE_CODES = new Set(['ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);
/** A whole code: not the prefix of a template (`ERR_OIDC_${…}`) or a pattern (`ERR_STATE_[A-Z_]+`). */
const CODE = /\bERR_[A-Z0-9_]*[A-Z0-9](?![A-Z0-9_$[*])/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const produced = new Set(
  sources(join(root, 'shared')).flatMap((f) => readFileSync(f, 'utf8').match(CODE) ?? []),
);
for (const c of NODE_CODES) produced.delete(c);
const documented = new Set(errors.match(/`ERR_[A-Z0-9_]+`/g)?.map((c) => c.slice(1, -1)) ?? []);

describe('docs/errors.md and the codes the program produces', () => {
  it('has a row for every code the sources produce', () => {
    expect([...produced].filter((c) => !documented.has(c)).sort()).toEqual([]);
  });
  it('names no code that no source produces', () => {
    expect([...documented].filter((c) => !produced.has(c)).sort()).toEqual([]);
  });
  it('gives one refusal code one error and status, however many rows name it', () => {
    const refusals = errors.slice(0, errors.indexOf('\n# ', 1));
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const row of refusals.split('\n').filter((l) => l.startsWith('| `ERR_'))) {
      const [codes = '', error = ''] = row.split(' | ');
      for (const code of codes.match(/ERR_[A-Z0-9_]+/g) ?? []) {
        const was = seen.get(code);
        if (was !== undefined && was !== error.trim()) clashes.push(`${code}: ${was} / ${error.trim()}`);
        seen.set(code, error.trim());
      }
    }
    expect(clashes).toEqual([]);
  });
});
