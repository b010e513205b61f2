/**
 * Reading a claim for a condition: only strings (GitHub puts every claim, ids and booleans included, as
 * a string) and booleans count. Anything else, or an absent claim, is "not there": the condition fails.
 */
export function claimString(claims: Readonly<Record<string, unknown>>, name: string): string | undefined {
  if (!Object.hasOwn(claims, name)) return undefined;
  const v = claims[name];
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}
