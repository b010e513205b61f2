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
