import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  SCOPES,
  SCOPE_NAMES,
  clampToScope,
  compact,
  fromMap,
  intersect,
  levelRank,
  repositoryDefault,
  uniform,
  type Level,
} from '../../shared/permissions/scopes.js';

// The package's `exports` hide the schema file, so read it from node_modules directly.
const schema = JSON.parse(
  readFileSync(
    new URL('../../node_modules/@actions/workflow-parser/dist/workflow-v1.0.min.json', import.meta.url),
    'utf8',
  ),
) as { definitions: Record<string, { mapping?: { properties: Record<string, { type: string }> } }> };
const githubScopes = schema.definitions['permissions-mapping']!.mapping!.properties;

const levelsOf: Record<string, Level[]> = {
  'permission-level-any': ['none', 'read', 'write'],
  'permission-level-read-or-no-access': ['none', 'read'],
  'permission-level-write-or-no-access': ['none', 'write'],
};

describe('the scopes table', () => {
  it("lists exactly the scopes of GitHub's own workflow schema", () => {
    expect([...SCOPE_NAMES].sort()).toEqual(Object.keys(githubScopes).sort());
  });

  it('accepts exactly the levels GitHub accepts per scope', () => {
    for (const [name, def] of Object.entries(githubScopes)) {
      expect([...SCOPES[name as keyof typeof SCOPES].levels].sort()).toEqual([...levelsOf[def.type]!].sort());
    }
  });

  it('gives id-token none under both defaults and contents read under restricted', () => {
    expect(repositoryDefault('permissive')['id-token']).toBe('none');
    expect(repositoryDefault('permissive').contents).toBe('write');
    expect(compact(repositoryDefault('restricted'))).toEqual({ contents: 'read', packages: 'read' });
  });

  it('clamps write-all to what each scope accepts', () => {
    const all = uniform('write');
    expect(all.models).toBe('read');
    expect(all['id-token']).toBe('write');
    expect(uniform('read')['id-token']).toBe('none');
  });
});

const level = fc.constantFrom<Level>('none', 'read', 'write');
const scope = fc.constantFrom(...SCOPE_NAMES);

describe('permission algebra (properties)', () => {
  it('intersect never exceeds either side and is commutative', () => {
    const set = fc.dictionary(scope, level).map((m) => fromMap(m));
    fc.assert(
      fc.property(set, set, (a, b) => {
        const i = intersect(a, b);
        for (const s of SCOPE_NAMES) {
          expect(levelRank(i[s])).toBeLessThanOrEqual(Math.min(levelRank(a[s]), levelRank(b[s])));
        }
        expect(intersect(b, a)).toEqual(i);
      }),
    );
  });

  it('clampToScope returns an accepted level not above the request', () => {
    fc.assert(
      fc.property(scope, level, (s, l) => {
        const c = clampToScope(s, l);
        expect(SCOPES[s].levels).toContain(c);
        expect(levelRank(c)).toBeLessThanOrEqual(levelRank(l));
      }),
    );
  });
});
