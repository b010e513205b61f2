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
 * rate-limit window; at most a minute), else 0.5 s doubling. Every retry of a broker call, the job
 * end's with a fresh token too: a retry inside the window is refused again.
 */
export function retryWaitMs(attempt: number, retryAfter: number | undefined): number {
  return retryAfter !== undefined && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 2 ** attempt * 500;
}

async function post(
  url: string,
  form: Record<string, string>,
  opts: { retries?: number; waitScale?: number } = {},
): Promise<{ body: Record<string, unknown>; attempts: number }> {
  const retries = opts.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(form),
      });
    } catch (err) {
      if (attempt >= retries)
        throw new BrokerClientError(
          0,
          'unreachable',
          `the broker at ${new URL(url).origin} could not be reached: ${(err as Error).message}`,
        );
      await new Promise((r) => setTimeout(r, 2 ** attempt * 500 * (opts.waitScale ?? 1)));
      continue;
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.ok) return { body, attempts: attempt + 1 };
    const retryable = res.status === 429 || res.status >= 500;
    const after = Number(res.headers.get('retry-after'));
    if (!retryable || attempt >= retries)
      throw new BrokerClientError(
        res.status,
        String(body.error ?? 'error'),
        String(body.error_description ?? `HTTP ${res.status}`),
        after > 0 ? after : undefined,
      );
    await new Promise((r) => setTimeout(r, retryWaitMs(attempt, after) * (opts.waitScale ?? 1)));
  }
}

export async function exchange(
  brokerUrl: string,
  p: { subjectToken: string; audience: string; scope: string; job: string; step: string },
  opts?: { retries?: number; waitScale?: number },
): Promise<ExchangeResult> {
  const { body, attempts } = await post(
    `${brokerUrl.replace(/\/$/, '')}/token`,
    {
      grant_type: GRANT_TYPE,
      subject_token: p.subjectToken,
      subject_token_type: ID_TOKEN_TYPE,
      audience: p.audience,
      scope: p.scope,
      job: p.job,
      step: p.step,
    },
    opts,
  );
  return { ...(body as unknown as Omit<ExchangeResult, 'attempts'>), attempts };
}

export async function revokeToken(
  brokerUrl: string,
  token: string,
  opts?: { retries?: number; waitScale?: number },
): Promise<number> {
  const { body } = await post(`${brokerUrl.replace(/\/$/, '')}/revoke`, { token }, opts);
  return Number(body.revoked ?? 0);
}

export async function revokeJob(
  brokerUrl: string,
  subjectToken: string,
  job: string,
  opts?: { retries?: number; waitScale?: number },
): Promise<number> {
  return Number((await endJob(brokerUrl, subjectToken, job, opts)).revoked ?? 0);
}

/**
 * Job end: revokes every live credential of the run attempt and job (and matrix leg) and answers the
 * broker's list of every credential it issued for them (never a token). `subjectToken` is a fresh OIDC
 * token; the broker uses it once.
 */
export async function endJob(
  brokerUrl: string,
  subjectToken: string,
  job: string,
  opts?: { retries?: number; waitScale?: number },
): Promise<Record<string, unknown>> {
  const { body } = await post(
    `${brokerUrl.replace(/\/$/, '')}/revoke`,
    { subject_token: subjectToken, job },
    opts,
  );
  return body;
}
