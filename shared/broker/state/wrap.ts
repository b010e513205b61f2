/**
 * Layers around a store (fail closed, metrics) as a view built once: each method wrapped when the
 * view is made, instead of a Proxy whose trap builds a new closure on every call of every exchange.
 * The view's prototype is the store, so anything not wrapped reads through (and `instanceof` holds).
 */
type Method = (...args: unknown[]) => unknown;

export function wrapMethods<S extends object>(
  store: S,
  wrap: (name: string, method: Method) => Method,
  /** Methods passed through unwrapped (bound to the store). */
  skip: readonly string[] = [],
): S {
  const view = Object.create(store) as Record<string, unknown>;
  const names = new Set<string>();
  for (
    let o: object | null = store;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  )
    for (const k of Object.getOwnPropertyNames(o)) if (k !== 'constructor') names.add(k);
  for (const k of names) {
    const d = Object.getOwnPropertyDescriptor(store, k) ?? findDescriptor(store, k);
    // Accessors are left to the prototype chain; only plain function values are methods.
    if (!d || !('value' in d) || typeof d.value !== 'function') continue;
    const method = (d.value as Method).bind(store);
    view[k] = skip.includes(k) ? method : wrap(k, method);
  }
  return view as S;
}

function findDescriptor(o: object, k: string): PropertyDescriptor | undefined {
  for (let p = Object.getPrototypeOf(o) as object | null; p; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, k);
    if (d) return d;
  }
  return undefined;
}
