/**
 * Any store failure becomes a refusal the client understands (503 temporarily_unavailable) and
 * nothing is granted: the service never sees a half-answer from the store as a yes.
 */
import { BrokerRefusal } from '../errors.js';
import { StateFull } from './memory.js';
import {
  ClockSkewed,
  IntentGone,
  STATE_READONLY_TEXT,
  StateDbUnverified,
  StateLost,
  StateUnfit,
  type Store,
} from './store.js';
import { wrapMethods } from './wrap.js';

/**
 * Times one store operation: called once per call with its duration and whether it failed. Built
 * once per operation name (`meterFor(op)`), so a call costs a clock read, not a label lookup.
 */
export type StoreMeter = (op: string) => (seconds: number, failed: boolean) => void;

/**
 * `meter`: the store's metrics taken in the same layer (one settled promise per call instead of a
 * metrics layer's and this one's each: 4-5 store calls per exchange).
 */
export function failClosed(store: Store, meter?: StoreMeter): Store {
  return wrapMethods(
    store,
    (name, method) => {
      if (!meter)
        return (...args) => {
          try {
            return Promise.resolve(method(...args)).catch(refuse);
          } catch (err) {
            return Promise.reject(refusalOf(err));
          }
        };
      const done = meter(name);
      return (...args) => {
        try {
          return Promise.resolve(timedCall(done, method, args, refusalOf));
        } catch (err) {
          return Promise.reject(err as Error);
        }
      };
    },
    // health() is readiness, not an exchange: its reason goes to /readyz as it is.
    ['close', 'health'],
  );
}

/**
 * `method(...args)` with its duration and failure reported to `done` (a promise when it settles), its
 * error passed through `mapError`: the one timing of a store call, for this layer and meteredStore.
 */
export function timedCall(
  done: ReturnType<StoreMeter>,
  method: (...args: unknown[]) => unknown,
  args: unknown[],
  mapError: (err: unknown) => unknown = (err) => err,
): unknown {
  const t0 = performance.now();
  let r: unknown;
  try {
    r = method(...args);
  } catch (err) {
    done((performance.now() - t0) / 1000, true);
    throw mapError(err);
  }
  if (r && typeof (r as Promise<unknown>).then === 'function')
    return (r as Promise<unknown>).then(
      (x) => {
        done((performance.now() - t0) / 1000, false);
        return x;
      },
      (err: unknown) => {
        done((performance.now() - t0) / 1000, true);
        throw mapError(err);
      },
    );
  done((performance.now() - t0) / 1000, false);
  return r;
}

const refuse = (err: unknown): never => {
  throw refusalOf(err);
};

function refusalOf(err: unknown): unknown {
  if (err instanceof BrokerRefusal) return err;
  if (err instanceof IntentGone)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_EXCHANGE_INTERRUPTED',
      'the exchange outlived its in-flight window: its intent was swept and its claim given back; nothing was granted, retry',
      503,
      1,
    );
  if (err instanceof StateDbUnverified)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_STATE_DB',
      `${err.message.replace(/^ERR_STATE_DB: /, '')}; nothing was read or written, nothing was granted, retry shortly`,
      503,
      1,
    );
  // Each says its own code first (ERR_STATE_UNSUPPORTED, ERR_STATE_EVICTION, ERR_STATE_CLOCK_SKEW,
  // ERR_STATE_LOST), then what is wrong and the fix.
  if (err instanceof StateUnfit || err instanceof ClockSkewed || err instanceof StateLost)
    return new BrokerRefusal(
      'temporarily_unavailable',
      /^(ERR_[A-Z_]+)/.exec(err.message)?.[1] ?? 'ERR_STATE_UNSUPPORTED',
      `${err.message.replace(/^ERR_[A-Z_]+: /, '')}; nothing was granted`,
      503,
      30,
    );
  // A write refused by a demoted primary, before the next look at INFO (StateUnfit) says the same.
  if (/^READONLY\b/.test((err as Error)?.message ?? ''))
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_STATE_READONLY',
      `${STATE_READONLY_TEXT.replace(/^ERR_[A-Z_]+: /, '')}; nothing was granted`,
      503,
      30,
    );
  if (err instanceof StateFull)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_STATE_FULL',
      `the broker's memory state holds its capacity of ${err.capacity} live exchanges; nothing was granted, retry later (the operator raises state-capacity or moves to state: redis://…)`,
      503,
      30,
    );
  const refusal = new BrokerRefusal(
    'temporarily_unavailable',
    'ERR_STATE_UNAVAILABLE',
    `the broker's state store failed (${(err as Error).message.slice(0, 200)}); nothing was granted, retry shortly`,
    503,
    1,
  );
  // Kept for the callers that act on what failed, not only say it: the sweep works around one record
  // it cannot read (unreadableIn) instead of stopping on it (session 23).
  refusal.cause = err;
  return refusal;
}
