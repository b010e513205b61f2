/**
 * Sets `key` as an own, enumerable property, even when it is `__proto__`: a plain `out[key] = v`
 * would set the object's prototype instead and lose the key (`__proto__` is a valid job id and
 * input name). As js-yaml stores it.
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { configurable: true, enumerable: true, writable: true, value });
  else out[key] = value;
}

/** The key path of the first own `__proto__` key in a parsed value (each object visited once), if any. */
export function protoKeyPath(value: unknown): (string | number)[] | undefined {
  const seen = new Set<object>();
  const walk = (v: unknown, path: (string | number)[]): (string | number)[] | undefined => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return undefined;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const found = walk(v[i], [...path, i]);
        if (found) return found;
      }
      return undefined;
    }
    for (const k of Object.keys(v)) {
      if (k === '__proto__') return [...path, k];
      const found = walk((v as Record<string, unknown>)[k], [...path, k]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, []);
}
