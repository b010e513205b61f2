/**
 * The manifest's fast path held to zod (shared/manifest/fast-jobs.ts beside manifestSchema): the
 * parity assertion the fast path's suites share.
 */
import { expect } from '@jest/globals';
import { parseManifestData } from '../../shared/manifest/fast-jobs.js';
import { manifestSchema } from '../../shared/manifest/schema.js';

/**
 * Keys in order, all the way down, an own key holding undefined kept apart from a missing one: neither
 * toEqual nor toStrictEqual compares the order of keys, and the order reaches the reports.
 */
export const keyOrder = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(keyOrder)
    : v && typeof v === 'object'
      ? Object.keys(v).map((k) => [k, keyOrder((v as Record<string, unknown>)[k])])
      : v;

/**
 * Asserts that `parseManifestData` answers what `manifestSchema.safeParse` answers: the same success,
 * the same data with its keys in order, or the same issues; `accepted` is told zod's verdict. Returns
 * nothing (a fast-check property reads a `false` return as a failure).
 */
export function sameAsZod(data: unknown, accepted?: (ok: boolean) => void): void {
  const reference = manifestSchema.safeParse(data);
  const fast = parseManifestData(data);
  expect(fast.success).toBe(reference.success);
  if (reference.success && fast.success) expect(keyOrder(fast.data)).toEqual(keyOrder(reference.data));
  else expect(keyOrder(fast.error!.issues)).toEqual(keyOrder(reference.error!.issues));
  accepted?.(reference.success);
}
