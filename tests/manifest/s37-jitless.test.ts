/**
 * Session 37: manifests and organization policies are validated without zod's generated fast path
 * (PARSE_OPTIONS in shared/manifest/schema.ts: the generated parser's compile cost more than it saved
 * on a parse that happens once a process). The two paths must answer alike: over the example
 * manifests with one value replaced anywhere (valid and not), and over generated policies, zod with
 * and without `jitless` gives the same success, the same data (keys in order) and the same issues.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import yaml from 'js-yaml';
import type { z } from 'zod';
import { PARSE_OPTIONS, manifestSchema, orgPolicySchema } from '../../shared/manifest/schema.js';
import { keyOrder } from '../support/manifest-parity.js';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const EXAMPLES = ['clean-repo', 'demo-repo'].map(
  (r) => yaml.load(readFileSync(join(ROOT, 'examples', r, '.github/access-manifest.yml'), 'utf8')) as unknown,
);

function sameBothWays(schema: z.ZodType, data: unknown): boolean {
  const jit = schema.safeParse(data);
  const jitless = schema.safeParse(data, PARSE_OPTIONS);
  expect(jitless.success).toBe(jit.success);
  if (jit.success && jitless.success) expect(keyOrder(jitless.data)).toEqual(keyOrder(jit.data));
  else expect(keyOrder(jitless.error!.issues)).toEqual(keyOrder(jit.error!.issues));
  return jit.success;
}

/** Every path to a value inside `v` (the root included). */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

/** A deep copy of `v` with the value at `path` replaced (or, for an object, a key added beside it). */
function replaced(v: unknown, path: (string | number)[], value: unknown, extraKey?: string): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (extraKey !== undefined && node && typeof node === 'object' && !Array.isArray(node))
    Object.defineProperty(node, extraKey, { value, enumerable: true, writable: true, configurable: true });
  else node[last] = value;
  return copy;
}

const scalar = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 1, -1, 30, 3600, 1.5, '', 'read', 'write', 'none', 'admin'),
  fc.constantFrom<unknown>(
    'read-all',
    'permissive-default',
    'github',
    'https://x',
    '*',
    '__proto__',
    'toString',
  ),
  fc.string({ maxLength: 6 }),
  fc.integer(),
);
const value = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('contents', 'step', 'x', 'mode'), scalar, { maxKeys: 2 }),
  },
);

describe('manifests and policies read without the generated fast path (s37)', () => {
  it('the example manifests are valid and read alike', () => {
    for (const m of EXAMPLES) expect(sameBothWays(manifestSchema, m)).toBe(true);
  });

  it('an example manifest with any one value replaced, or a key added, is read alike', () => {
    const cases = fc.constantFrom(...EXAMPLES).chain((m) =>
      fc.tuple(
        fc.constant(m),
        fc.constantFrom(...paths(m)),
        value,
        fc.option(fc.constantFrom('nope', '__proto__', 'constructor', 'version', 'jobs'), {
          nil: undefined,
        }),
      ),
    );
    fc.assert(
      fc.property(cases, ([m, path, v, key]) => {
        sameBothWays(manifestSchema, replaced(m, path, v, key));
      }),
      { numRuns: 1_500 },
    );
    // Generous for a loaded 2-core CI machine.
  }, 120_000);

  it('generated organization policies are read alike', () => {
    const policy = fc.record(
      {
        version: fc.constantFrom<unknown>(1, 2, '1'),
        'max-permissions': fc.constantFrom<unknown>(
          { contents: 'read' },
          { contents: 'admin' },
          {},
          'read-all',
        ),
        'forbidden-triggers': fc.constantFrom<unknown>(['pull_request_target'], [''], 'push'),
        'require-pinned-actions': fc.constantFrom<unknown>(true, 'yes'),
        'allowed-actions': fc.constantFrom<unknown>(['actions/*'], ['a/b@['], []),
        'max-credential-ttl': fc.constantFrom<unknown>(30, 29, 3600, 3601, 60.5),
        'allow-cross-repository': fc.constantFrom<unknown>({ mode: 'enforce', allow: [] }, { mode: 'x' }, []),
        'repository-manifests': fc.constantFrom<unknown>('grant', 'narrow-only', 'x'),
        grants: fc.constantFrom<unknown>([], [{}], 'x'),
        nope: fc.constant(1),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(policy, (p) => {
        sameBothWays(orgPolicySchema, p);
      }),
      { numRuns: 1_000 },
    );
  }, 120_000);
});
