/**
 * Session 9 (issue 11 §9): `caseDuplicate` walks a fast-path tree without its set of seen nodes (such a
 * tree holds each node once); a tree the reference path built, which aliases can share nodes in, keeps
 * the set. The answer must not change.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseDuplicate } from '../../shared/workflow/keys.js';
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
});
