/** The fast YAML reader (shared/yaml/fast.ts) held to the reference reader (js-yaml and its listener). */
import { expect } from '@jest/globals';
import { fastLocated } from '../../shared/yaml/fast.js';
import { IMPLICIT, parseLocatedYamlReference } from '../../shared/yaml/located.js';

/** The fast path's tree, which must exist, and equal the reference's. */
export function takenAsReference(text: string): void {
  const tree = fastLocated(text, IMPLICIT);
  expect(tree).toBeDefined();
  sameAsReference(text, tree);
}

/** When the fast path takes `text`, its tree equals the reference's (given back, the reference reads it). */
export function sameAsReferenceIfTaken(text: string): void {
  const tree = fastLocated(text, IMPLICIT);
  if (tree !== undefined) sameAsReference(text, tree);
}

function sameAsReference(text: string, tree: unknown): void {
  const ref = parseLocatedYamlReference(text);
  expect(ref.error).toBeUndefined();
  expect(tree).toStrictEqual(ref.root);
}

/**
 * Pieces of generated YAML words full of what the fast reader's scans stop at (`:` `#`, flow
 * indicators, quotes, escapes), and scalars the implicit types resolve.
 */
export const STOP_PIECES = [
  'a',
  'b',
  ':',
  '#',
  ' ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '-',
  '/',
  'x1',
  'true',
  "'",
  '"',
  '\\',
  "''",
  '\\"',
] as const;
