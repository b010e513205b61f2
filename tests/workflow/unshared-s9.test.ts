/**
 * Session 9 (issue 11 §9): `caseDuplicate` walks a fast-path tree without its set of seen nodes (such a
 * tree holds each node once), and `foldLiteralsChecked` first searches such a tree for a literal without
 * allocating; a tree the reference path built, which aliases can share nodes in, keeps the old walks.
 * The answers must not change.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseDuplicate } from '../../shared/workflow/keys.js';
import { foldLiteralsChecked } from '../../shared/workflow/literal.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { CORPUS_DIR } from '../support/corpus.js';

describe('caseDuplicate without a set of seen nodes', () => {
  it('only fast-path parses are marked unshared; aliased (reference) trees are not', () => {
    expect(parseLocatedYaml('on: push\njobs:\n  a:\n    runs-on: x\n').unshared).toBe(true);
    const aliased = parseLocatedYaml('on: push\nx: &k {A: 1}\njobs:\n  a: *k\n');
    expect(aliased.error).toBeUndefined();
    expect(aliased.unshared).toBeUndefined();
  });

  it('gives the same answer over the corpus, and with case-duplicated keys planted in it', () => {
    let planted = 0;
    for (const f of readdirSync(CORPUS_DIR)) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      for (const t of [text, text.replace(/^(\s+)runs-on:(.*)$/m, '$1runs-on:$2\n$1Runs-On: x')]) {
        const parsed = parseLocatedYaml(t);
        if (!parsed.unshared || !parsed.root) continue;
        const a = caseDuplicate(parsed.root);
        if (a && t !== text) planted++;
        expect(caseDuplicate(parsed.root, { unshared: true })).toStrictEqual(a);
      }
    }
    expect(planted).toBeGreaterThan(500);
  });

  it('foldLiteralsChecked gives the same tree and duplicate over the corpus, literals planted or not', () => {
    let folded = 0;
    const plants: ((t: string) => string)[] = [
      (t) => t,
      (t) => t.replace(/^(\s+)runs-on:(.*)$/m, "$1runs-on:$2\n$1${{ 'Runs-On' }}: x"),
      (t) => t.replace(/^(\s+)runs-on:.*$/m, "$1runs-on: ${{ 'ubuntu-latest' }}"),
      (t) => t.replace(/^(\s+)runs-on:(.*)$/m, "$1${{ 'runs-on' }}:$2"),
    ];
    for (const f of readdirSync(CORPUS_DIR)) {
      const text = readFileSync(join(CORPUS_DIR, f), 'utf8');
      for (const plant of plants) {
        const parsed = parseLocatedYaml(plant(text));
        if (!parsed.unshared || !parsed.root) continue;
        const a = foldLiteralsChecked(parsed.root);
        const b = foldLiteralsChecked(parsed.root, { unshared: true });
        expect(b).toStrictEqual(a);
        if (a.root === parsed.root) expect(b.root).toBe(parsed.root);
        else folded++;
      }
    }
    expect(folded).toBeGreaterThan(1000);
  });
});
