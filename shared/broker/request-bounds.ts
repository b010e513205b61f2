/**
 * The bounds of an exchange request's free-text fields, one source for the broker's form rule
 * (request.ts `field`, `exchangeRequestOf`, the chained exchange) and the manifest schema (a grant's
 * `step` and `audience` are what the request carries: a grant the broker can never be asked for must
 * not load). No imports: the manifest schema reads it without pulling in the broker.
 */

/** At most this many characters in a request's `step` (a grant's `step` likewise). */
export const MAX_STEP = 256;
/** At most this many characters in a request's `audience` (a service grant's `audience` likewise). */
export const MAX_AUDIENCE = 256;
/** At most this many characters in a request's `scope` (the space-joined list). */
export const MAX_SCOPE = 1024;

/** A C0 control character or DEL: never in a request field. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f]/;
/** The same rule as a whole-string pattern (what the JSON schema of the manifest carries). */
// eslint-disable-next-line no-control-regex
export const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
