/**
 * Session 10 (issue 11 §9): the workflow model allocates less per job and per step. `secretsBelow`
 * walks a fast-path tree (each node once) without its set of seen nodes, `redirectsAction` remembers
 * its answer per name, and a manifest's permission word is expanded from a map computed once. The
 * answers must not change: each is held to the guarded or uncached reading.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secretNamesIn, secretsBelow } from '../../shared/workflow/secrets.js';
import type { LNode } from '../../shared/yaml/located.js';
import { redirectsAction } from '../../shared/workflow/env-keys.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import {
  expandPermissionShorthand,
  PERMISSION_SHORTHAND_NAMES,
  PERMISSION_SHORTHANDS,
} from '../../shared/manifest/schema.js';
import { compact } from '../../shared/permissions/scopes.js';
import { CORPUS_DIR } from '../support/corpus.js';

describe('secretsBelow without a set of seen nodes', () => {
  it('finds the same references, lines and order over the corpus, secrets planted or not', () => {
    let found = 0;
    const plants: ((t: string) => string)[] = [
      (t) => t,
      // A reference in a step's `if:` (read as an expression) and one in a `with:` value.
      (t) => t.replace(/^(\s+)runs-on:(.*)$/m, "$1runs-on:$2\n$1if: secrets.PLANTED_IF != ''"),
      (t) => t.replace(/^(\s+)- uses: (.*)$/m, '$1- uses: $2\n$1  with:\n$1    k: ${{ secrets.PLANTED }}'),
    ];
    for (const f of readdirSync(CORPUS_DIR)) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      for (const plant of plants) {
        const parsed = parseLocatedYaml(plant(text));
        if (!parsed.unshared || !parsed.root) continue;
        const guarded = secretsBelow(parsed.root);
        found += guarded.length;
        expect(secretsBelow(parsed.root, { unshared: true })).toStrictEqual(guarded);
      }
    }
    expect(found).toBeGreaterThan(5000);
  });

  it('equals secretNamesIn asked of every string scalar (its key deciding `if:`), over the corpus', () => {
    // The definition: every string is asked, `if:` values as bare expressions. secretsBelow skips the
    // strings secretNamesIn would answer [] for (no `${{` outside `if:`, no "secrets" at all).
    const reference = (n: LNode, key: string, out: { value: string; line: number }[]): void => {
      if (n.kind === 'scalar') {
        if (typeof n.value === 'string')
          for (const name of secretNamesIn(n.value, key === 'if')) out.push({ value: name, line: n.line });
      } else if (n.kind === 'map') for (const e of n.entries) reference(e.value, e.key, out);
      else for (const i of n.items) reference(i, '', out);
    };
    const plants: ((t: string) => string)[] = [
      (t) => t,
      (t) =>
        t.replace(/^(\s+)runs-on:(.*)$/m, "$1runs-on:$2\n$1if: secrets.A && SECRETS['B']\n$1x: secrets.NOT"),
      (t) => t.replace(/^(\s+)runs-on:(.*)$/m, '$1runs-on:$2\n$1x: "${{ toJSON(Secrets) }} secrets.C"'),
    ];
    let found = 0;
    for (const f of readdirSync(CORPUS_DIR)) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      for (const plant of plants) {
        const parsed = parseLocatedYaml(plant(text));
        if (!parsed.root) continue;
        const want: { value: string; line: number }[] = [];
        reference(parsed.root, '', want);
        found += want.length;
        expect(secretsBelow(parsed.root, { unshared: parsed.unshared === true })).toStrictEqual(want);
      }
    }
    expect(found).toBeGreaterThan(8000);
  });

  it('a tree with aliases (not unshared) still walks a shared node once', () => {
    const parsed = parseLocatedYaml('x: &a {k: "${{ secrets.A }}"}\ny: *a\nz: *a\n');
    expect(parsed.unshared).toBeUndefined();
    expect(secretsBelow(parsed.root).map((s) => s.value)).toStrictEqual(['A']);
  });
});

describe('redirectsAction remembers its answer per name', () => {
  const reference = (name: string): boolean => {
    const n = name.trim().toLowerCase();
    if (n === 'github_token') return false;
    const names = ['path', 'bash_env', 'shellopts', 'bashopts', 'env', 'node_options', 'node_extra_ca_certs'];
    const prefixes = ['github_', 'actions_', 'runner_', 'bash_func_', 'ld_', 'dyld_'];
    return names.includes(n) || prefixes.some((p) => n.startsWith(p));
  };

  it('answers a name the same way on every call, in any case and spacing', () => {
    const names = fc.oneof(
      fc.constantFrom(
        'PATH',
        'Path',
        ' path ',
        'GITHUB_TOKEN',
        'github_token ',
        'GITHUB_API_URL',
        'LD_AUDIT',
      ),
      fc.constantFrom('BASH_FUNC_node%%', 'NODE_OPTIONS', 'node_extra_ca_certs', 'NODE_VERSION', 'CI', 'ENV'),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(names, { maxLength: 30 }), (list) => {
        for (const name of [...list, ...list]) {
          if (reference(name)) expect(redirectsAction(name)).toBe(true);
          // Names outside the reference's short list may still redirect: the answer must be stable.
          expect(redirectsAction(name)).toBe(redirectsAction(name));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps answering after more distinct names than it remembers', () => {
    for (let i = 0; i < 10_000; i++) expect(redirectsAction(`VAR_${i}`)).toBe(false);
    for (let i = 0; i < 10_000; i += 997) expect(redirectsAction(`GITHUB_${i}`)).toBe(true);
    expect(redirectsAction('GITHUB_TOKEN')).toBe(false);
    expect(redirectsAction('NODE_OPTIONS')).toBe(true);
  });
});

describe('expandPermissionShorthand', () => {
  it('gives the map each word stands for, a fresh object on every call', () => {
    for (const name of PERMISSION_SHORTHAND_NAMES) {
      const a = expandPermissionShorthand(name);
      expect(a).toStrictEqual(compact(PERMISSION_SHORTHANDS[name]()));
      (a as Record<string, string>).contents = 'bogus';
      const b = expandPermissionShorthand(name);
      expect(b).not.toBe(a);
      expect(b).toStrictEqual(compact(PERMISSION_SHORTHANDS[name]()));
    }
  });
});
