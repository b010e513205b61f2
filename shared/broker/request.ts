/**
 * The shape of an exchange request's own fields, checked before anything is looked up with them.
 * `job` is a workflow job id (GitHub's grammar); `step`, `audience` and `scope` are bounded and free
 * of control characters. Look-ups with these strings use Map/Object.hasOwn (decide.ts), so names like
 * `__proto__` or `constructor` are merely jobs that no manifest lists.
 */
import { shown } from '../conditions/verdict.js';
import { asciiLower } from '../conditions/glob.js';
import { BrokerRefusal } from './errors.js';
import type { ExchangeRequest } from './decide.js';
// GitHub's rule for a job id, one source for the broker, the manifest and the workflow reader;
// tests/broker/s22-job-id.test.ts holds it to the parser's IdBuilder.
import { JOB_ID } from '../workflow/job-id.js';
import { CONTROL, MAX_AUDIENCE, MAX_SCOPE, MAX_STEP } from './request-bounds.js';

export { MAX_AUDIENCE, MAX_SCOPE, MAX_STEP };

/**
 * A request field as every exchange reads it: at most `max` characters, no C0 control or DEL (the
 * rule the chained exchange shares: `audience` and `scope` there are bounded the same way).
 */
export function field(p: URLSearchParams, name: string, max: number, required: boolean): string {
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

/**
 * `job`: a workflow job id (GitHub's grammar), at the exchange and at the job end alike: it goes into
 * audit lines beside the attribution and into the job end's answer, so nothing else may ride on it.
 */
export function jobOf(p: URLSearchParams, required: boolean): string {
  const job = field(p, 'job', 100, required);
  if (job && !JOB_ID.test(job))
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      `parameter 'job' "${shown(job)}" is not a workflow job id (ASCII letters, digits, _ and -, starting with a letter or a single _, under 100 characters)`,
    );
  return job;
}

export function exchangeRequestOf(p: URLSearchParams): ExchangeRequest {
  const job = jobOf(p, true);
  return {
    audience: field(p, 'audience', MAX_AUDIENCE, true),
    scope: field(p, 'scope', MAX_SCOPE, false),
    job,
    step: field(p, 'step', MAX_STEP, true),
  };
}

/**
 * `ttl`: a lifetime the client asks for, at most the grant's (or the parent's, chained). Decimal
 * digits only: Number() also reads `0x10`, `1e3`, ` 5 ` and `` as numbers. Undefined: not given.
 */
export function ttlOf(p: URLSearchParams): number | undefined {
  const raw = p.get('ttl');
  if (raw === null) return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(raw))
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      `ttl "${shown(raw.slice(0, 16))}" is not a positive whole number of seconds (decimal digits)`,
    );
  return Number(raw);
}

/**
 * Every parameter name a broker endpoint reads (RFC 8693, RFC 7009, RFC 7662 and the admin ones) or
 * refuses by name.
 */
const KNOWN_PARAMETERS = [
  'grant_type',
  'subject_token',
  'subject_token_type',
  'audience',
  'scope',
  'job',
  'step',
  'dry_run',
  'ttl',
  'token',
  'token_type_hint',
  'repository',
  'workflow',
  'run_id',
  'requested_token_type',
  'repository_id',
  // Refused by name (assertTokenParameters): in another case they must not be ignored instead.
  'resource',
  'actor_token',
  'actor_token_type',
] as const;

const KNOWN = new Set<string>(KNOWN_PARAMETERS);

/**
 * Parameter names are case-sensitive (RFC 6749 §3.2 leaves unknown names to be ignored): `Scope`
 * would be ignored here while a proxy or WAF that folds case reads it as `scope`, and `scope` beside
 * `SCOPE` is a parameter twice to such a reader. A name that differs from a known one only in ASCII
 * case, or from another name of the request, is refused rather than silently dropped.
 */
export function assertParameterNames(p: URLSearchParams): void {
  const seen = new Map<string, string>();
  for (const k of p.keys()) {
    const folded = asciiLower(k);
    const before = seen.get(folded);
    if (before !== undefined && before !== k)
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_DUPLICATE',
        `parameters '${shown(k.slice(0, 64))}' and '${shown(before.slice(0, 64))}' differ only in case (one parameter given twice)`,
      );
    seen.set(folded, k);
    const known = KNOWN.has(folded) ? folded : undefined;
    if (known !== undefined && known !== k)
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_INVALID',
        `parameter names are case-sensitive: '${shown(k.slice(0, 64))}' is not '${known}'`,
      );
  }
}

const ACCESS_TOKEN = 'urn:ietf:params:oauth:token-type:access_token';
const JWT = 'urn:ietf:params:oauth:token-type:jwt';

/**
 * RFC 8693 parameters of `POST /token` the broker does not act on are refused, not ignored: an
 * `actor_token` (delegation) or `resource` the answer would silently leave out makes the client
 * believe it holds a credential it does not. `requested_token_type` is accepted when it names what
 * the exchange issues (an installation token for `github`, a JWT otherwise).
 */
export function assertTokenParameters(p: URLSearchParams): void {
  for (const name of ['actor_token', 'actor_token_type', 'resource'])
    if (p.has(name))
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_PARAM_UNSUPPORTED',
        `parameter '${name}' is not supported by this broker (no delegation, no resource indicators); name the service with audience`,
      );
  const requested = p.get('requested_token_type');
  if (requested === null) return;
  const issues = p.get('audience') === 'github' ? ACCESS_TOKEN : JWT;
  if (requested !== issues)
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      `requested_token_type "${shown(requested.slice(0, 80))}" is not what this exchange issues (${issues})`,
    );
}

/**
 * Request headers that say once how the body (or the caller) is to be read: `Content-Type`,
 * `Content-Encoding`, `Authorization` (RFC 9110 §5.3: a field that is not a list must not be sent
 * twice). Node keeps the first of two and drops the rest, so a proxy, WAF or gateway keeping the last
 * read a form where the broker read JSON, or authenticated another bearer than the broker did. `Host`
 * too: RFC 9112 §3.2 says a server MUST answer 400 to two, which Node takes (a proxy routing by the
 * last one sent the request to another place than the one it was logged for).
 */
const SINGLE_HEADERS = ['content-type', 'content-encoding', 'authorization', 'host'] as const;

/**
 * What a POST of the broker carries besides its body, refused before the body is read: parameters
 * in the URL's query (the broker reads the body only, RFC 6749 §3.2 / RFC 8693 §2.1, so `?scope=` or
 * `?dry_run=true` beside a body was ignored while the client, a proxy or a log read it; a
 * `subject_token` there also sits in every access log), a header above given twice, and a
 * `Content-Encoding` other than identity or a `Transfer-Encoding` other than chunked (gzip bytes were
 * read as a form and refused for a missing `grant_type`, naming the wrong rule). `headers` is Node's
 * `headersDistinct`.
 */
export function assertRequestFraming(
  url: string,
  headers: Readonly<Record<string, readonly string[] | undefined>>,
  httpVersion = '1.1',
): void {
  const q = url.indexOf('?');
  if (q >= 0 && q < url.length - 1)
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_PARAM_INVALID',
      "parameters go in the request body (application/x-www-form-urlencoded, RFC 8693 §2.1), not in the URL's query: the broker reads none of the query, which a proxy or log would",
    );
  for (const name of SINGLE_HEADERS) {
    const values = headers[name];
    if (values !== undefined && values.length > 1)
      throw new BrokerRefusal(
        'invalid_request',
        'ERR_HEADER_DUPLICATE',
        `header '${name}' is given ${values.length} times (RFC 9110 §5.3: once); a proxy keeping another of them than the broker would read the request differently`,
      );
  }
  const coding = headers['content-encoding']?.[0];
  if (coding !== undefined && asciiLower(coding.trim()) !== 'identity')
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_CONTENT_TYPE',
      `content-encoding "${shown(coding.slice(0, 40))}" is not supported: send the body uncompressed`,
      415,
    );
  // Node de-chunks and leaves any other transfer coding in the bytes (`gzip, chunked` read as a form).
  const transfer = headers['transfer-encoding'];
  // RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty framing (1.0 has no chunked
  // coding; a 1.0 proxy or cache in front reads the body to the connection's end, chunk sizes and
  // all). Node de-chunks it anyway: the broker and the hop before it read two different bodies.
  if (transfer !== undefined && httpVersion !== '1.1')
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_BODY',
      `an HTTP/${shown(httpVersion.slice(0, 8))} request cannot carry Transfer-Encoding (RFC 9112 §6.1); send HTTP/1.1, or a Content-Length`,
    );
  if (transfer !== undefined && (transfer.length !== 1 || asciiLower(transfer[0]!.trim()) !== 'chunked'))
    throw new BrokerRefusal(
      'invalid_request',
      'ERR_CONTENT_TYPE',
      `transfer-encoding "${shown(transfer.join(', ').slice(0, 40))}" is not supported: only chunked is read; send the body uncompressed`,
      415,
    );
}

/**
 * The body's media type, exactly: `application/x-www-form-urlencoded` (RFC 8693) or `application/json`,
 * with no charset but UTF-8 (US-ASCII is a subset). `application/json-patch+json`, a form type with a
 * suffix, or `charset=utf-16` would otherwise be read as something they are not. Undefined: refuse.
 */
export function bodyTypeOf(header: string | undefined): 'form' | 'json' | undefined {
  const [type = '', ...params] = String(header ?? '').split(';');
  const kind = asciiLower(type.trim());
  const form = kind === 'application/x-www-form-urlencoded';
  if (!form && kind !== 'application/json') return undefined;
  for (const raw of params) {
    const eq = raw.indexOf('=');
    const name = asciiLower((eq < 0 ? raw : raw.slice(0, eq)).trim());
    if (name === '' && eq < 0) continue;
    const value = asciiLower((eq < 0 ? '' : raw.slice(eq + 1)).trim().replace(/^"(.*)"$/, '$1'));
    if (name !== 'charset' || (value !== 'utf-8' && value !== 'us-ascii')) return undefined;
  }
  return form ? 'form' : 'json';
}

/**
 * The scopes a request asks for, each once, in order: RFC 6749 §3.3's scope-tokens separated by
 * spaces (U+0020) and nothing else, for an exchange of an OIDC token and a chained one alike. A
 * no-break space or a line separator is part of a scope (then not held, or not PERMISSION:LEVEL), as a
 * relying party or a proxy reads it; splitting on JavaScript's `\s` made `a<U+2028>b` two held scopes
 * at one exchange and a scope not held at the other, and a scope of one no-break space the whole grant.
 */
export function scopeItems(scope: string): string[] {
  return [...new Set(scope.split(' ').filter(Boolean))];
}
