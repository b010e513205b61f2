/**
 * Look-ups in manifest maps keyed by names from workflow files (file names, job ids). `constructor`,
 * `toString` and `__proto__` are valid job ids; a plain `map[id]` finds Object.prototype's members
 * for them, an "entry" without permissions that crashed the check. Only own keys are entries.
 */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
