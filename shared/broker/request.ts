/**
 * The shape of an exchange request's own fields, checked before anything is looked up with them.
 * `job` is a workflow job id (GitHub's grammar); `step`, `audience` and `scope` are bounded and free
 * of control characters. Look-ups with these strings use Map/Object.hasOwn (decide.ts), so names like
 * `__proto__` or `constructor` are merely jobs that no manifest lists.
 */
import { BrokerRefusal } from './errors.js';
import type { ExchangeRequest } from './decide.js';

const JOB_ID = /^[A-Za-z_][A-Za-z0-9_-]{0,99}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function field(p: URLSearchParams, name: string, max: number, required: boolean): string {
  const v = p.get(name) ?? '';
  if (required && !v)
    throw new BrokerRefusal('invalid_request', 'ERR_PARAM_MISSING', `parameter '${name}' is required`);
  if (v.length > max || CONTROL.test(v))
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      `parameter '${name}' is longer than ${max} characters or holds control characters`,
    );
  return v;
}

export function exchangeRequestOf(p: URLSearchParams): ExchangeRequest {
  const job = field(p, 'job', 100, true);
  if (!JOB_ID.test(job))
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      `parameter 'job' ${JSON.stringify(job)} is not a workflow job id (letters, digits, _ and -, starting with a letter or _)`,
    );
  return {
    audience: field(p, 'audience', 256, true),
    scope: field(p, 'scope', 1024, false),
    job,
    step: field(p, 'step', 256, true),
  };
}
