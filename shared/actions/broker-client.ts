/**
 * The actions' side of the broker: RFC 8693 exchange and RFC 7009 revocation over HTTP, with bounded
 * retries on 429 (Retry-After) and 5xx, never on a 400 refusal.
 */
export const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

export class BrokerClientError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
    /** Seconds the broker's `Retry-After` asked for (a 429), else undefined. */
    readonly retryAfter?: number,
  ) {
    super(`${error}: ${description}`);
    this.name = 'BrokerClientError';
  }
  /** The stable code at the front of the broker's error_description. */
  get code(): string {
    return /^(ERR_[A-Z0-9_]+)/.exec(this.description)?.[1] ?? this.error;
  }
}

export interface ExchangeResult {
  readonly access_token: string;
  readonly expires_in: number;
  readonly scope: string;
  readonly grant_id: string;
  readonly issued_token_type: string;
  /** HTTP attempts the exchange took (1: no retry), for the trail's retry count. */
  readonly attempts: number;
}

/**
 * How long to wait before retry `attempt` (0 first): what the broker's `Retry-After` asked for (a
 * rate-limit window; at most a minute), else 0.5 s doubling. Every retry of a broker call (post()):
 * a retry inside the window is refused again.
 */
export function retryWaitMs(attempt: number, retryAfter: number | undefined): number {
  return retryAfter !== undefined && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 2 ** attempt * 500;
}

/**
 * Seconds a `Retry-After` header asks for (RFC 9110 §10.2.3), else undefined: delay-seconds, or an
 * HTTP-date (what a proxy or load balancer in front of the broker may send on a 503: read as a number
 * it was NaN and the retries came 0.5/1/2 s later, inside the window). Several headers (fetch joins
 * them with ", ") of delay-seconds: the longest. A date past, a negative or unreadable value: undefined.
 */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  const v = (header ?? '').trim();
  if (!v) return undefined;
  const parts = v.split(/\s*,\s*/);
  if (parts.every((x) => /^\d{1,9}(\.\d{1,6})?$/.test(x))) {
    const s = Math.max(...parts.map(Number));
    return s > 0 ? s : undefined;
  }
  // An HTTP-date names a weekday or month; a bare number such as "-5" or "1e9" is no date (Date.parse
  // would read "5" as a year).
  if (!/[A-Za-z]{3}/.test(v)) return undefined;
  // Every HTTP-date is GMT (RFC 9110 §5.6.7); asctime's form names no zone, and Date.parse reads a
  // zoneless date in the runner's local time (on a runner east of UTC, a wait shorter than asked).
  const at = Date.parse(/\b(GMT|UTC?|Z)\b|[+-]\d\d:?\d\d\b/i.test(v) ? v : `${v} GMT`);
  return Number.isFinite(at) && at > now ? (at - now) / 1000 : undefined;
}

/**
 * Deadline of one HTTP attempt, answer body included: above the broker's own upstream deadlines (10 s a
 * GitHub call by default, a few per exchange). Without it a broker, or anything between, that accepts
 * the connection and never answers (or trickles its body) held the step until the job's timeout.
 */
export const ATTEMPT_TIMEOUT_MS = 60_000;

/** Retries after the first attempt, a scale on the waits (tests), and the deadline of one attempt. */
export interface ClientOptions {
  retries?: number;
  waitScale?: number;
  timeoutMs?: number;
}

/** The answer's JSON object, or {} (an HTML error page of a proxy, an empty body). */
function jsonObject(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * A refusal's text without the request's token in it: the answer is the broker's word, or that of
 * anything between (a proxy echoing the form), and it reaches the step's log, the job's trail and its
 * summary, where a runner mask does not reach.
 */
function unsaid(text: string, form: Record<string, string>): string {
  return [form.subject_token, form.token].reduce<string>(
    (t, secret) => (secret ? t.split(secret).join('***') : t),
    text,
  );
}

/** A request's form, or how to make each attempt's (an exchange: a fresh OIDC token per attempt). */
type Form = Record<string, string> | (() => Promise<Record<string, string>>);

async function post(
  url: string,
  forms: Form,
  opts: ClientOptions = {},
): Promise<{ body: Record<string, unknown>; attempts: number }> {
  const retries = opts.retries ?? 3;
  const timeoutMs = opts.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  for (let attempt = 0; ; attempt++) {
    const form = typeof forms === 'function' ? await forms() : forms;
    let res: Response;
    let text: string;
    try {
      // One deadline for the answer and its body: a body read cut by it is an unreachable broker.
      const signal = AbortSignal.timeout(timeoutMs);
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form),
        signal,
      });
      text = await res.text();
    } catch (err) {
      if (attempt >= retries)
        throw new BrokerClientError(
          0,
          'unreachable',
          (err as Error).name === 'TimeoutError'
            ? `the broker at ${new URL(url).origin} did not answer within ${timeoutMs / 1000} s`
            : `the broker at ${new URL(url).origin} could not be reached: ${(err as Error).message}`,
        );
      await new Promise((r) => setTimeout(r, 2 ** attempt * 500 * (opts.waitScale ?? 1)));
      continue;
    }
    const body = jsonObject(text);
    if (res.ok) return { body, attempts: attempt + 1 };
    const retryable = res.status === 429 || res.status >= 500;
    const after = retryAfterSeconds(res.headers.get('retry-after'));
    if (!retryable || attempt >= retries)
      throw new BrokerClientError(
        res.status,
        unsaid(String(body.error ?? 'error'), form),
        unsaid(String(body.error_description ?? `HTTP ${res.status}`), form),
        after,
      );
    await new Promise((r) => setTimeout(r, retryWaitMs(attempt, after) * (opts.waitScale ?? 1)));
  }
}

/**
 * An OIDC token for the broker: a string (the CLI, the demo: sent as it is on every attempt), or a
 * supplier called once per attempt (the actions: oidc-token.ts, each fresh token masked the moment it
 * exists). The broker uses a jti once, even when its answer never arrived (an instance killed
 * mid-call), so a retry with the same token is refused ERR_OIDC_REPLAYED.
 */
export type SubjectToken = string | (() => Promise<string>);

const tokenOf = async (t: SubjectToken): Promise<string> => (typeof t === 'function' ? await t() : t);

/**
 * RFC 8693 exchange. A fresh token per attempt is the step's retry, which the broker holds (429
 * ERR_GRANT_IN_FLIGHT, Retry-After) until an abandoned exchange of the step is swept.
 */
export async function exchange(
  brokerUrl: string,
  p: {
    subjectToken: SubjectToken;
    audience: string;
    scope: string;
    job: string;
    step: string;
  },
  opts?: ClientOptions,
): Promise<ExchangeResult> {
  const { body, attempts } = await post(
    `${brokerUrl.replace(/\/$/, '')}/token`,
    async () => ({
      grant_type: GRANT_TYPE,
      subject_token: await tokenOf(p.subjectToken),
      subject_token_type: ID_TOKEN_TYPE,
      audience: p.audience,
      scope: p.scope,
      job: p.job,
      step: p.step,
    }),
    opts,
  );
  return { ...(body as unknown as Omit<ExchangeResult, 'attempts'>), attempts };
}

export async function revokeToken(brokerUrl: string, token: string, opts?: ClientOptions): Promise<number> {
  const { body } = await post(`${brokerUrl.replace(/\/$/, '')}/revoke`, { token }, opts);
  return Number(body.revoked ?? 0);
}

export async function revokeJob(
  brokerUrl: string,
  subjectToken: SubjectToken,
  job: string,
  opts?: ClientOptions,
): Promise<number> {
  return Number((await endJob(brokerUrl, subjectToken, job, opts)).revoked ?? 0);
}

/**
 * Job end: revokes every live credential of the run attempt and job (and matrix leg) and answers the
 * broker's list of every credential it issued for them (never a token). Retried as the exchange is
 * (post(): unreachable, 429 and 5xx, three times, after the broker's Retry-After), with a fresh token
 * per attempt when `subjectToken` is a supplier: a wait inside the job-end bucket's window is refused
 * again and the job's credentials live to their ttl (session 22).
 */
export async function endJob(
  brokerUrl: string,
  subjectToken: SubjectToken,
  job: string,
  opts?: ClientOptions,
): Promise<Record<string, unknown>> {
  const { body } = await post(
    `${brokerUrl.replace(/\/$/, '')}/revoke`,
    async () => ({ subject_token: await tokenOf(subjectToken), job }),
    opts,
  );
  return body;
}
