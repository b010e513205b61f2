/**
 * Session 32: the manifest schema builds one level enum per list of levels and shares it between the
 * scopes (and App permissions) that accept that list; each entry keeps its own optional wrapper and
 * description. Shared, the entries still accept and refuse exactly their own levels.
 */
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { appPermissionMapSchema, permissionMapSchema } from '../../shared/manifest/schema.js';
import { SCOPES, SCOPE_NAMES } from '../../shared/permissions/scopes.js';
import { APP_PERMISSIONS } from '../../shared/permissions/app-permissions.js';

const inner = (s: z.ZodType) => (s as z.ZodOptional<z.ZodType>).unwrap();

describe('level enums (s32)', () => {
  it('one enum per list of levels, an optional and a description per scope', () => {
    const shape = permissionMapSchema.shape as Record<string, z.ZodType>;
    const byList = new Map<string, z.ZodType>();
    for (const s of SCOPE_NAMES) {
      const key = SCOPES[s].levels.join(',');
      const e = inner(shape[s]!);
      if (byList.has(key)) expect(e).toBe(byList.get(key));
      else byList.set(key, e);
      expect((e as z.ZodEnum).options).toEqual(SCOPES[s].levels);
      expect(shape[s]!.description).toBe(SCOPES[s].description);
    }
    // Fewer enums than scopes: the lists are shared.
    expect(byList.size).toBeLessThan(SCOPE_NAMES.length);
    expect(new Set(SCOPE_NAMES.map((s) => shape[s])).size).toBe(SCOPE_NAMES.length);
  });

  it('App permissions share theirs the same way', () => {
    const shape = appPermissionMapSchema.shape as Record<string, z.ZodType>;
    const names = Object.keys(APP_PERMISSIONS) as (keyof typeof APP_PERMISSIONS)[];
    const enums = new Set(names.map((n) => inner(shape[n]!)));
    expect(enums.size).toBe(new Set(names.map((n) => APP_PERMISSIONS[n].levels.join(','))).size);
    for (const n of names) {
      expect((inner(shape[n]!) as z.ZodEnum).options).toEqual([...APP_PERMISSIONS[n].levels]);
      expect(shape[n]!.description).toBe(APP_PERMISSIONS[n].description);
    }
  });

  it('each scope still takes its own levels only', () => {
    for (const s of SCOPE_NAMES) {
      for (const level of ['none', 'read', 'write', 'admin']) {
        const ok = permissionMapSchema.safeParse({ [s]: level }).success;
        expect([s, level, ok]).toEqual([s, level, (SCOPES[s].levels as readonly string[]).includes(level)]);
      }
    }
  });
});
