/**
 * Session 36, attack 2: real workflows rewritten node by node. Every corpus file (and fixture and
 * example) with a `permissions:` block gets each block rewritten from block to flow style (on one line,
 * over lines with a comment after a comma and the closing brace on its own line), with quoted keys,
 * explicit keys, an anchor, a tag, other indentation and comments between entries; and a sample of
 * the corpus gets one step at a time turned to flow style with a comment inside. The model must stay
 * what it was (tests/workflow/differential.ts's facts: permissions, `uses`, `with`, secrets,
 * environments, `needs`, triggers) and equal GitHub's parser's reading of the rewrite, or the rewrite
 * is refused at a line (and, when GitHub reads it, never as a bare syntax error).
 * tests/workflow/differential-s7-mutations.test.ts re-writes whole files in one style; this mixes
 * styles inside one file, where the fast path's flow reading meets its block reading.
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isSeq, parseDocument, visit, type YAMLMap } from 'yaml';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { CORPUS_DIR, FIXTURES_DIR, REPO_ROOT, yamlFiles } from '../support/corpus.js';
import { disagreements, githubFacts, stepwardenFacts, type WorkflowFacts } from '../workflow/differential.js';

const BLOCK = /^( *)permissions:[ \t]*(#.*)?$/;
const ENTRY = /^( +)([A-Za-z-]+):[ \t]*([A-Za-z-]+)[ \t]*(#.*)?$/;

/** The `permissions:` blocks of a file: the header line, its entries' lines, the header's indentation. */
function blocksOf(lines: string[]): { at: number; end: number; pad: string; entries: [string, string][] }[] {
  const out: { at: number; end: number; pad: string; entries: [string, string][] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = BLOCK.exec(lines[i]!);
    if (!m) continue;
    const entries: [string, string][] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (/^\s*(#.*)?$/.test(l)) continue;
      const e = ENTRY.exec(l);
      if (!e || e[1]!.length <= m[1]!.length) break;
      entries.push([e[2]!, e[3]!]);
    }
    while (j > i + 1 && /^\s*(#.*)?$/.test(lines[j - 1]!)) j--;
    if (entries.length) out.push({ at: i, end: j, pad: m[1]!, entries });
  }
  return out;
}

/** Ways to write one block; each keeps its meaning. */
const WRITINGS: [string, (pad: string, e: [string, string][]) => string[]][] = [
  ['flow, one line', (p, e) => [`${p}permissions: {${e.map(([k, v]) => `${k}: ${v}`).join(', ')}}`]],
  [
    'flow over lines, a comment after each comma, the brace alone',
    (p, e) => [
      `${p}permissions: { # scopes`,
      ...e.map(([k, v], i) => `${p}  ${k}: ${v}${i < e.length - 1 ? ', # c' : ''}`),
      `${p}  }`,
    ],
  ],
  [
    'flow, comma first',
    (p, e) => [
      `${p}permissions: {${e[0]![0]}: ${e[0]![1]}`,
      ...e.slice(1).map(([k, v]) => `${p}  , ${k}: ${v}`),
      `${p}  }`,
    ],
  ],
  ['flow, JSON-like keys', (p, e) => [`${p}permissions: {${e.map(([k, v]) => `"${k}":${v}`).join(',')}}`]],
  ['quoted keys and values', (p, e) => [`${p}permissions:`, ...e.map(([k, v]) => `${p}  "${k}": '${v}'`)]],
  [
    'explicit keys',
    (p, e) => [`${p}permissions:`, ...e.flatMap(([k, v]) => [`${p}  ? ${k}`, `${p}  : ${v}`])],
  ],
  [
    'an anchor and a core tag',
    (p, e) => [`${p}permissions: &perm !!map`, ...e.map(([k, v]) => `${p}     ${k}: ${v}`)],
  ],
  [
    'other indentation, comments between, a block scalar',
    (p, e) => [
      `${p}permissions: # the token`,
      ...e.flatMap(([k, v]) => [`# ${k}`, `${p} ${k}: >-`, `${p}   ${v}`]),
    ],
  ],
  [
    'a flow mapping on the line after its key',
    (p, e) => [`${p}permissions:`, `${p}  {${e.map(([k, v]) => `${k}: ${v}`).join(', ')}}`],
  ],
];

const files = (() => {
  const all = [
    ...readdirSync(CORPUS_DIR).map((f) => join(CORPUS_DIR, f)),
    ...yamlFiles(FIXTURES_DIR),
    ...yamlFiles(join(REPO_ROOT, 'examples')),
  ];
  return all
    .map((f) => ({ f, text: readFileSync(f, 'utf8') }))
    .filter(({ text }) => blocksOf(text.split('\n')).length > 0);
})();

/** The model's reading of a rewrite: equal to the original's and to GitHub's, or refused at a line. */
let read = 0;
function judge(name: string, original: WorkflowFacts, text: string): string[] {
  const model = parseWorkflow('x.yml', 'x.yml', text);
  if (!model.error) read++;
  const theirs = githubFacts('x.yml', text);
  if (model.error) {
    if (!theirs.valid) return [];
    if (!(model.error.line >= 1)) return [`${name}: refused without a line`];
    return /^YAML syntax error/.test(model.error.message)
      ? [`${name}: GitHub reads it, refused as ${model.error.message}`]
      : [];
  }
  if (!theirs.valid) return [`${name}: GitHub refuses it, stepwarden reads it`];
  const mine = stepwardenFacts(model);
  const out = disagreements(name, mine, theirs);
  if (JSON.stringify(mine) !== JSON.stringify(original)) out.push(`${name}: the model changed`);
  return out;
}

describe('s36-y corpus mutations: a permissions block or a step rewritten in another style reads the same', () => {
  it('every permissions block in every writing', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
    const found: string[] = [];
    let judged = 0;
    for (const { f, text } of files) {
      const lines = text.replace(/\r\n/g, '\n').split('\n');
      const base = parseWorkflow('x.yml', 'x.yml', text);
      if (base.error || !githubFacts('x.yml', text).valid) continue;
      const original = stepwardenFacts(base);
      for (const b of blocksOf(lines))
        for (const [how, write] of WRITINGS) {
          const out = [...lines.slice(0, b.at), ...write(b.pad, b.entries), ...lines.slice(b.end)];
          judged++;
          found.push(
            ...judge(`${f.slice(REPO_ROOT.length - 1)}:${b.at + 1} (${how})`, original, out.join('\n')),
          );
        }
    }
    expect(judged).toBeGreaterThan(150);
    expect(found).toEqual([]);
    // Read, not refused: the rewrites reach the reader's flow, quoted, explicit-key and anchor paths.
    expect(read).toBe(judged);
  }, 300_000);

  it('one step at a time in flow style, with a comment inside (every 8th corpus file)', () => {
    const found: string[] = [];
    let judged = 0;
    const corpus = readdirSync(CORPUS_DIR).sort();
    for (let i = 0; i < corpus.length; i += 8) {
      const text = readFileSync(join(CORPUS_DIR, corpus[i]!), 'utf8');
      const base = parseWorkflow('x.yml', 'x.yml', text);
      if (base.error || !githubFacts('x.yml', text).valid) continue;
      const original = stepwardenFacts(base);
      const doc = parseDocument(text);
      const steps: YAMLMap[] = [];
      visit(doc, {
        Pair(_, pair) {
          const k = (pair.key as { value?: unknown } | null)?.value;
          if (k === 'steps' && isSeq(pair.value))
            for (const s of pair.value.items) if (isMap(s) && !s.flow) steps.push(s);
        },
      });
      const step = steps[i % Math.max(1, steps.length)];
      if (!step) continue;
      step.flow = true;
      const first = step.items[0];
      if (first && step.items.length > 1) (first.value as { comment?: string } | null)!.comment = ' inside';
      // No folded scalars: `@actions/workflow-parser` reads the expressions of a scalar written over
      // lines from its source text (template-reader.ts parseScalar, for editor positions), so a
      // `"${{ secrets.A\` + line break + `B }}"` fold is an "Unexpected symbol" to it, though the YAML
      // value is `${{ secrets.AB }}`. A quirk of that parser's expression layer, not of its YAML.
      const out = doc.toString({ lineWidth: 0 });
      judged++;
      found.push(...judge(`${corpus[i]} (step ${i % steps.length})`, original, out));
    }
    expect(judged).toBeGreaterThan(100);
    expect(found).toEqual([]);
  }, 300_000);
});
