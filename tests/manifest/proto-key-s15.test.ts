import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ManifestError } from '../../shared/manifest/errors.js';
import { loadManifest, loadOrgPolicy } from '../../shared/manifest/load.js';
import { initGaps, renderInitManifest } from '../../shared/manifest/init.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { protoKeyPath } from '../../shared/yaml/own-key.js';

// `__proto__` is a valid job id and input name. zod leaves it out of the maps it builds, and a plain
// `out[key] = v` sets a prototype instead of a key: either way the entry vanished without a word
// (a manifest written by `init` for a job named `__proto__` then failed the check as "not listed").

const FILE = '.github/access-manifest.yml';
const manifest = (job: string) =>
  [
    'version: 1',
    'workflows:',
    '  ci.yml:',
    '    jobs:',
    `      ${job}:`,
    '        permissions: { contents: write }',
    '        secrets: [DEPLOY_KEY]',
    '',
  ].join('\n');

function refusal(run: () => unknown): ManifestError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return err as ManifestError;
  }
  throw new Error('expected a ManifestError');
}

describe('a __proto__ key', () => {
  it('in the manifest is refused by name and line, never dropped', () => {
    const err = refusal(() => loadManifest(manifest('__proto__'), FILE));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatchObject({ file: FILE, line: 5 });
    expect(err.problems[0]!.message).toContain("'__proto__' (at workflows.ci.yml.jobs.__proto__)");
    expect(err.problems[0]!.fix).toMatch(/rename/);
  });

  it('spelled with escapes in a double-quoted key is refused too', () => {
    for (const key of ['"__\\x70roto__"', '"__\\u0070roto__"', '"\\x5f_proto__"']) {
      const err = refusal(() => loadManifest(manifest(key), FILE));
      expect(err.problems[0]).toMatchObject({ file: FILE, line: 5 });
      expect(err.problems[0]!.message).toContain("'__proto__'");
    }
  });

  it('in an organization policy is refused too', () => {
    const err = refusal(() => loadOrgPolicy('version: 1\n__proto__: { a: 1 }\n', 'org-policy.yml'));
    expect(err.problems[0]).toMatchObject({ file: 'org-policy.yml', line: 2 });
    expect(err.problems[0]!.message).toMatch(/'__proto__' \(at __proto__\) cannot be read safely/);
  });

  it('as a quoted string value or in a comment is not a key', () => {
    const m = loadManifest(manifest('build') + '# __proto__\n', FILE);
    expect(Object.keys(m.manifest.workflows['ci.yml']!.jobs)).toEqual(['build']);
  });

  it('as a step input stays an input of its own, not the prototype of the inputs', () => {
    const m = parseWorkflow(
      'ci.yml',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./x\n        with:\n          __proto__: p\n          mode: m\n',
    );
    const inputs = m.jobs[0]!.steps[0]!.with!;
    expect(Object.keys(inputs).sort()).toEqual(['__proto__', 'mode']);
    expect(inputs['__proto__']).toMatchObject({ value: 'p', line: 8 });
    expect(Object.getPrototypeOf(inputs)).toBe(Object.prototype);
  });

  it('is found at any depth, through arrays, and each shared object is walked once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant('a'), fc.constant('b'), fc.nat(3)), { maxLength: 6 }),
        (path) => {
          const leaf: Record<string, unknown> = {};
          Object.defineProperty(leaf, '__proto__', { enumerable: true, value: 1 });
          let v: unknown = leaf;
          for (const p of [...path].reverse()) {
            if (typeof p === 'number') {
              const arr: unknown[] = Array.from({ length: p + 1 }, () => 0);
              arr[p] = v;
              v = arr;
            } else v = { [p]: v };
          }
          expect(protoKeyPath(v)).toEqual([...path, '__proto__']);
        },
      ),
    );
    const shared = { x: 1 };
    expect(protoKeyPath({ a: shared, b: shared, c: [shared] })).toBeUndefined();
  });
});

describe('init and a job named __proto__', () => {
  // Since session 25 `__proto__` is a job id GitHub reserves (`__` first): the whole file is one
  // GitHub refuses, so init skips it (the CLI names the skip) and writes no entry for it at all.
  it('writes a manifest that loads, without the file GitHub refuses, whose error names the id', () => {
    const wf = parseWorkflow(
      'ci.yml',
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  __proto__:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps: [{ run: x }]\n  b:\n    runs-on: ubuntu-latest\n    permissions: { contents: read }\n    steps: [{ run: x }]\n',
    );
    const written = renderInitManifest(resolveAccess([wf], 'permissive'), [wf], {
      repositoryDefault: 'permissive',
    });
    expect(wf.error?.line).toBe(3);
    expect(wf.error?.message).toContain("ids starting with '__' are reserved");
    const loaded = loadManifest(written, FILE);
    expect(Object.keys(loaded.manifest.workflows)).toEqual([]);
    expect(initGaps([wf], { repositoryDefault: 'permissive' }).join('\n')).not.toContain('__proto__');
  });
});
