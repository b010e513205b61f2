/**
 * Refusals the broker gives, as RFC 6749 §5.2 / RFC 8693 errors with a stable code in front of the
 * human description (`ERR_SCOPE_NOT_GRANTED: ...`). docs/errors.md lists every code.
 */
export type OAuthError =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_target'
  | 'invalid_scope'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'server_error'
  | 'temporarily_unavailable';

export class BrokerRefusal extends Error {
  constructor(
    readonly error: OAuthError,
    readonly code: string,
    readonly description: string,
    readonly status = 400,
    readonly retryAfter?: number,
  ) {
    super(`${code}: ${description}`);
    this.name = 'BrokerRefusal';
  }

  /** Set once an audit line records this refusal, so the HTTP edge writes one for the others. */
  audited = false;

  /** The body of the refusal, per RFC 6749 §5.2. */
  toJSON(): { error: OAuthError; error_description: string } {
    return { error: this.error, error_description: `${this.code}: ${this.description}` };
  }
}

/**
 * `err` as an object of its own when it is a refusal: a cache (a broken manifest or organization
 * policy, remembered as its refusal) or a read shared by concurrent exchanges hands one refusal to
 * many exchanges, and `audited` belongs to one exchange. Shared, the first exchange's line marked it
 * and every later exchange refused by it wrote none (session 43). The copy keeps the class, message,
 * stack and fields, with `audited` false; anything else is returned as it is.
 */
export function ownRefusal(err: unknown): unknown {
  if (!(err instanceof BrokerRefusal)) return err;
  const own = Object.create(
    Object.getPrototypeOf(err) as object,
    Object.getOwnPropertyDescriptors(err),
  ) as BrokerRefusal;
  own.audited = false;
  return own;
}

/**
 * GitHub's contents API serves a file over 1 MB with empty `content` (encoding `none`): read as empty,
 * it would be refused for the wrong reason ("has no job", "empty manifest"), so it is its own refusal.
 */
export class FileTooLargeRefusal extends BrokerRefusal {
  constructor(
    readonly where: string,
    readonly size: number | undefined,
  ) {
    super(
      'invalid_target',
      'ERR_GITHUB_FILE_TOO_LARGE',
      `${where} is too large to read (${size === undefined ? 'over 1 MB' : `${size} bytes`}; GitHub's contents API serves a file's content only up to 1 MB); keep the file under 1 MB`,
    );
    this.name = 'FileTooLargeRefusal';
  }
}
