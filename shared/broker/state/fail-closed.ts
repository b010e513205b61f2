/**
 * Any store failure becomes a refusal the client understands (503 temporarily_unavailable) and
 * nothing is granted: the service never sees a half-answer from the store as a yes.
 */
import { BrokerRefusal } from '../errors.js';
import { StateFull } from './memory.js';
import { IntentGone, type Store } from './store.js';
import { wrapMethods } from './wrap.js';

export function failClosed(store: Store): Store {
  return wrapMethods(
    store,
    (_name, method) =>
      (...args) => {
        try {
          return Promise.resolve(method(...args)).catch(refuse);
        } catch (err) {
          return Promise.reject(refusalOf(err));
        }
      },
    // health() is readiness, not an exchange: its reason goes to /readyz as it is.
    ['close', 'health'],
  );
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
  if (err instanceof StateFull)
    return new BrokerRefusal(
      'temporarily_unavailable',
      'ERR_STATE_FULL',
      `the broker's memory state holds its capacity of ${err.capacity} live exchanges; nothing was granted, retry later (the operator raises state-capacity or moves to state: redis://…)`,
      503,
      30,
    );
  return new BrokerRefusal(
    'temporarily_unavailable',
    'ERR_STATE_UNAVAILABLE',
    `the broker's state store failed (${(err as Error).message.slice(0, 200)}); nothing was granted, retry shortly`,
    503,
    1,
  );
}
