/**
 * The broker's clock: wall time that never goes back. A wall clock stepped back (an NTP step, a VM
 * restored from a snapshot, an operator's `date -s`, a spoofed time server) made expired OIDC tokens
 * valid again after their `jti` had been forgotten (a replay), showed expired credentials as active
 * at /introspect, and put revocation deadlines off by the size of the step. This clock follows the
 * wall forward, and when the wall steps back it keeps counting from where it was by the monotonic
 * clock until the wall catches up.
 *
 * The cost of "never back": a wall clock set far ahead by mistake and then corrected keeps this
 * process ahead until it is restarted (every OIDC token then looks expired: fail closed, and loud).
 */

/** A clock in milliseconds over `wall` (ms since the epoch) and `mono` (ms, any origin, never back). */
export function steadyClock(
  wall: () => number = () => Date.now(),
  mono: () => number = () => performance.now(),
): () => number {
  let last = -Infinity;
  let lastMono = 0;
  return () => {
    const m = mono();
    // The monotonic clock's progress since the last reading, never negative.
    const carried = last + Math.max(0, m - lastMono);
    last = Math.max(wall(), carried);
    lastMono = m;
    return last;
  };
}

/** The process's one steady clock (ms), shared by the verifier, the service and the memory store. */
export const steadyNowMs: () => number = steadyClock();

/** Whole seconds since the epoch on the steady clock (what the broker compares `exp` and deadlines to). */
export const steadySeconds = (): number => Math.floor(steadyNowMs() / 1000);

/**
 * Seconds on the monotonic clock (any origin): for durations and refill rates, which a wall clock
 * stepped back would make negative (a token bucket then loses what it held) or a step forward huge.
 */
export const monotonicSeconds = (): number => performance.now() / 1000;

/**
 * Milliseconds on the monotonic clock (any origin): for cache ages. A cache whose freshness was
 * measured on the wall clock stayed fresh for as long as a step back (session 37: a narrowed manifest
 * or organization policy not read again for the step's size).
 */
export const monotonicMs = (): number => performance.now();
