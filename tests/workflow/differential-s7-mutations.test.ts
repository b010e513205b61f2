/**
 * Session 7: the workflow model against GitHub's own parser (`@actions/workflow-parser`) over the
 * corpus re-written and mutated. Where GitHub's parser reads a workflow, stepwarden's model holds the
 * same jobs, permissions, `uses:`, secrets, environments, `needs` and triggers (tests/workflow/
 * differential.ts); where GitHub's parser refuses a mutation of a kind stepwarden reads access from
 * (a key outside GitHub's schema or in another case, two keys equal up to case, an environment
 * mapping without `name`, YAML GitHub's reader refuses), stepwarden refuses the file too, at a line.
 * The key lists of shared/workflow/keys.ts are held equal to GitHub's schema.
 */
import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow as githubParse } from '@actions/workflow-parser';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isPair, isScalar, isSeq, parseDocument, stringify, visit, type Scalar } from 'yaml';
import {
  CONTAINER_KEYS,
  ENVIRONMENT_KEYS,
  EVENTS,
  JOB_KEYS,
  JOB_SHAPES,
  SERVICE_KEYS,
  STEP_KEYS,
  STEP_SHAPES,
  STRATEGY_KEYS,
  WORKFLOW_KEYS,
} from '../../shared/workflow/keys.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { CORPUS_DIR } from '../support/corpus.js';
import { disagreements, githubFacts, stepwardenFacts } from './differential.js';

// The package's `exports` hide the schema file, so read it from node_modules directly.
const schema = JSON.parse(
  readFileSync(
    new URL('../../node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json', import.meta.url),
    'utf8',
  ),
) as {
  definitions: Record<string, { mapping?: { properties: Record<string, unknown> }; 'one-of'?: string[] }>;
};
const keysOf = (...defs: string[]) =>
  [...new Set(defs.flatMap((d) => Object.keys(schema.definitions[d]!.mapping!.properties)))].sort();

const githubRefuses = (text: string) =>
  githubParse({ name: 'x.yml', content: text }, new NoOperationTraceWriter()).context.errors.getErrors()
    .length > 0;

function compare(text: string): string[] {
  return disagreements(
    'x.yml',
    stepwardenFacts(parseWorkflow('x.yml', 'x.yml', text)),
    githubFacts('x.yml', text),
  );
}

/** Corpus files GitHub's parser reads, parsed once (every 4th file: bounded). */
const corpus = (() => {
  const files = readdirSync(CORPUS_DIR).sort();
  const out: { name: string; text: string }[] = [];
  for (let i = 0; i < files.length; i += 4) {
    const text = readFileSync(join(CORPUS_DIR, files[i]!), 'utf8');
    if (!githubRefuses(text)) out.push({ name: files[i]!, text });
  }
  return out;
})();

describe('GitHub’s workflow schema: the keys stepwarden checks (session 7)', () => {
  it('workflow, job, step, environment, strategy, container and service keys, and events, equal the schema’s', () => {
    expect([...WORKFLOW_KEYS].sort()).toEqual(keysOf('workflow-root'));
    expect([...JOB_KEYS].sort()).toEqual(keysOf('job-factory', 'workflow-job'));
    expect([...STEP_KEYS].sort()).toEqual(keysOf(...schema.definitions['steps-item']!['one-of']!));
    expect([...ENVIRONMENT_KEYS].sort()).toEqual(keysOf('job-environment-mapping'));
    expect([...EVENTS].sort()).toEqual(keysOf('on-mapping-strict'));
    expect([...STRATEGY_KEYS].sort()).toEqual(keysOf('strategy'));
    expect([...CONTAINER_KEYS].sort()).toEqual(keysOf('container-mapping'));
    expect([...SERVICE_KEYS].sort()).toEqual(keysOf('service-container-mapping'));
  });

  it('each shape of a job and of a step (session 37) equals its definition, in the one-of order', () => {
    const shapes = (defs: string[]) => defs.map((d) => keysOf(d));
    expect(JOB_SHAPES.map((s) => [...s.keys].sort())).toEqual(shapes(schema.definitions['job']!['one-of']!));
    expect(STEP_SHAPES.map((s) => [...s.keys].sort())).toEqual(
      shapes(schema.definitions['steps-item']!['one-of']!),
    ); // Each shape's one required key (session 38: "Required property is missing").
    const required = (defs: string[]) =>
      defs.map((d) => {
        const props = (schema.definitions[d] as { mapping: { properties: Record<string, unknown> } }).mapping
          .properties;
        return Object.keys(props).filter((k) => (props[k] as { required?: boolean }).required);
      });
    expect(JOB_SHAPES.map((s) => [s.required])).toEqual(required(schema.definitions['job']!['one-of']!));
    expect(STEP_SHAPES.map((s) => [s.required])).toEqual(
      required(schema.definitions['steps-item']!['one-of']!),
    );
  });
});

describe('the corpus re-written by the yaml package: the same reading as GitHub’s parser', () => {
  it('flow style, quoted keys and values, folded lines, CR LF and a byte-order mark', () => {
    expect(corpus.length).toBeGreaterThan(350);
    const found: string[] = [];
    corpus.forEach(({ name, text }, i) => {
      const doc = parseDocument(text);
      const value = doc.toJS() as unknown;
      const writings = [
        stringify(value, { collectionStyle: 'flow', lineWidth: 0 }),
        stringify(value, {
          defaultStringType: 'QUOTE_DOUBLE',
          defaultKeyType: 'QUOTE_DOUBLE',
          lineWidth: 28,
        }),
        stringify(value, {
          defaultStringType: 'QUOTE_SINGLE',
          defaultKeyType: 'QUOTE_SINGLE',
          indentSeq: false,
        }),
        `\uFEFF${stringify(value, { defaultStringType: 'BLOCK_LITERAL', indent: 4 }).replace(/\n/g, '\r\n')}`,
      ];
      const w = writings[i % writings.length]!;
      if (githubRefuses(w)) return; // a writing GitHub reads differently from the file (none expected)
      for (const d of compare(w)) found.push(`${name} (writing ${i % writings.length}): ${d}`);
    });
    expect(found).toEqual([]);
  });
});

// ---- mutations GitHub refuses: stepwarden must refuse them too ------------------------------------

/** Mutations that keep the YAML valid and (mostly) make GitHub's parser refuse the workflow. */
const MUTATIONS: { name: string; apply: (lines: string[], pick: number) => string[] | undefined }[] = [
  {
    name: 'a key in another case where stepwarden reads access (`Permissions:`, `USES:`, `Push:`)',
    apply: (lines, pick) => {
      const doc = parseDocument(lines.join('\n'));
      const keys: Scalar[] = [];
      visit(doc, {
        Pair(_, pair, path) {
          if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !/[a-z]/.test(pair.key.value))
            return;
          // The keys above this pair, a sequence as `[]`.
          const at = path.flatMap((p) =>
            isPair(p) && isScalar(p.key) ? [String(p.key.value)] : isSeq(p) ? ['[]'] : [],
          );
          const j = at[0] === 'jobs' && at.length >= 2;
          if (
            at.length === 0 ||
            (at.length === 1 && at[0] === 'on') ||
            (j && at.length === 2) ||
            (j && at.length === 4 && at[2] === 'steps' && at[3] === '[]') ||
            (j && at.length === 3 && ['environment', 'strategy', 'container'].includes(at[2]!)) ||
            (j && at.length === 4 && at[2] === 'services')
          )
            keys.push(pair.key);
        },
      });
      if (!keys.length) return undefined;
      const key = keys[pick % keys.length]!;
      const k = String(key.value);
      key.value = pick % 2 ? k.toUpperCase() : k[0]!.toUpperCase() + k.slice(1);
      return doc.toString().split('\n');
    },
  },
  {
    name: 'a job id repeated in another case',
    apply: (lines) => {
      const jobs = lines.findIndex((l) => /^jobs:\s*$/.test(l));
      const first = lines.findIndex((l, i) => i > jobs && /^ +[A-Za-z_][\w-]*:\s*$/.test(l));
      if (jobs < 0 || first < 0) return undefined;
      const [, pad, id] = /^( +)([\w-]+):/.exec(lines[first]!)!;
      if (!/[a-z]/.test(id!)) return undefined;
      const body = `${pad}  `;
      const out = [...lines];
      out.splice(
        jobs + 1,
        0,
        `${pad}${id!.toUpperCase()}:`,
        `${body}runs-on: ubuntu-latest`,
        `${body}permissions: write-all`,
        `${body}steps:`,
        `${body}  - uses: evil/exfiltrate@main`,
      );
      return out;
    },
  },
  {
    name: 'an environment mapping without `name:`',
    apply: (lines) => {
      const jobs = lines.findIndex((l) => /^jobs:\s*$/.test(l));
      const first = lines.findIndex((l, i) => i > jobs && /^ {2}[A-Za-z_][\w-]*:\s*$/.test(l));
      if (jobs < 0 || first < 0) return undefined;
      const body = lines.slice(first + 1).find((l) => /^ {4}\S/.test(l));
      if (!body || !/^ {4}(runs-on|steps|name|needs|if|strategy):/.test(body)) return undefined;
      const out = [...lines];
      out.splice(first + 1, 0, '    environment:', '      url: https://example.com');
      return out;
    },
  },
];

describe('mutations GitHub’s parser refuses are refused by stepwarden too', () => {
  it.each(MUTATIONS.map((m) => [m.name, m] as const))('%s', (_name, m) => {
    let mutated = 0;
    fc.assert(
      fc.property(fc.nat(corpus.length - 1), fc.nat(1000), (f, pick) => {
        const { text } = corpus[f]!;
        const lines = text.replace(/\r\n/g, '\n').split('\n');
        const out = m.apply(lines, pick);
        if (!out) return;
        const w = out.join('\n');
        if (!githubRefuses(w)) return; // the mutation missed (e.g. a key GitHub reads in any case)
        mutated++;
        const model = parseWorkflow('x.yml', 'x.yml', w);
        if (!model.error) throw new Error(`GitHub refuses, stepwarden reads:\n${w}`);
        expect(model.error.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
    expect(mutated).toBeGreaterThan(20);
  });
});
