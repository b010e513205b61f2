/**
 * What the on-call engineer sees when the revocation sweep stops on an error (session 21). The server
 * sweeps every second and used to swallow the error (the next tick retries): a store that answers
 * nothing useful or a GitHub that fails every call left revocations undone and said nothing. Now every
 * stop counts in `stepwarden_sweep_errors_total{source}` and writes an `error` line on stderr: the
 * first at once, then at most one a minute while it lasts (with the count since the last line, so a
 * store outage is not 60 lines a minute), and an `info` line when a sweep completes again after one.
 * The minute holds across successes (session 22): a flapping store is two lines a minute, not two a
 * second.
 */
import { shown } from '../../conditions/verdict.js';
import type { BrokerMetrics } from './metrics.js';
import type { Logger } from './log.js';

export type SweepErrorSource = 'store' | 'github' | 'other';

// Credentials that could sit in an error's text: GitHub tokens (`ghs_…`, `ghp_…`, `github_pat_…`), a
// JWT (three base64url parts), a Bearer or Basic header, a URL's password (`redis://user:PASS@host`).
// The errors the sweep meets carry none (store replies, GitHub's status line); this is the net for one
// that would. No word boundary before a token (session 22): text quoted encoded (`%20ghs_…`,
// `%3DeyJ…`, a JSON `\nghs_…`) puts a letter or digit right before it, and the token went out whole.
// Cutting a word that only looks like one costs a word of the detail; missing one costs a credential.
const SECRETS =
  /(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+|eyJ[\w-]*\.[\w-]+\.[\w-]*|(?:Bearer|Basic)(?:\s|%20|\+)+[^\s&"',;]+|(?<=\/\/[^\s/@:]*:)[^\s/@]+(?=@)/gi;

const STORE_CODES = /^ERR_(?:STATE_|EXCHANGE_INTERRUPTED$)/;
const STORE_NAMES = new Set([
  'ReplyError',
  'StateLost',
  'StateUnfit',
  'ClockSkewed',
  'StateDbUnverified',
  'MaxRetriesPerRequestError',
]);
const STORE_TEXT =
  /\b(?:Command timed out|Connection is closed|ECONNREFUSED|ECONNRESET|WRONGTYPE|READONLY|NOREPLICAS|OOM|ERR_STATE_[A-Z_]+)\b/;

/** Which upstream stopped the sweep, a stable code for the line, and the error's text made safe to show. */
export function describeSweepError(err: unknown): { source: SweepErrorSource; code: string; detail: string } {
  const e = (err ?? {}) as { name?: unknown; code?: unknown; status?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(err);
  const own = typeof e.code === 'string' && /^ERR_[A-Z_]{1,60}$/.test(e.code) ? e.code : undefined;
  const textCode = /\bERR_[A-Z_]{1,60}\b/.exec(message)?.[0];
  const name = typeof e.name === 'string' ? e.name : '';
  // The service's store is wrapped fail-closed: its errors arrive as 503 refusals with an ERR_STATE_
  // code (and a status, which is not GitHub's), so the code decides first.
  const known = own ?? textCode;
  let source: SweepErrorSource = 'other';
  if (known && STORE_CODES.test(known)) source = 'store';
  else if (known && /^ERR_(?:UPSTREAM|GITHUB)/.test(known)) source = 'github';
  else if (STORE_NAMES.has(name) || STORE_TEXT.test(message)) source = 'store';
  else if (name === 'HttpError' || typeof e.status === 'number') source = 'github';
  const code =
    (known && source !== 'other' ? known : undefined) ??
    (source === 'github' ? 'ERR_UPSTREAM' : source === 'store' ? 'ERR_STATE_UNAVAILABLE' : 'ERR_INTERNAL');
  return { source, code, detail: shown(message.replace(SECRETS, '***')) };
}

/** The sweep loop's error and success hooks: counted every time, logged as the header says. */
export function sweepReporter(
  log: Logger,
  metrics: BrokerMetrics | undefined,
  now: () => number = Date.now,
  everyMs = 60_000,
): { failed(err: unknown): void; succeeded(): void } {
  let since = 0; // errors not yet in a line
  let total = 0; // errors since the last successful sweep
  let lastLine = -Infinity;
  // An error line was written since the last "works again": a store that flaps (every other sweep
  // fails) used to get an error and an info line each second, since each success reopened the limit.
  // Now the limit holds across successes; errors not yet in a line are in the next one's count.
  let lined = false;
  return {
    failed(err) {
      const d = describeSweepError(err);
      metrics?.sweepErrors.inc({ source: d.source });
      since++;
      total++;
      if (now() - lastLine < everyMs) return;
      lastLine = now();
      log.log(
        'error',
        `the revocation sweep stopped on ${d.source === 'other' ? 'an unexpected' : `a ${d.source}`} error: credentials past their deadline are not being revoked until it works again (retried every second)`,
        {
          code: d.code,
          source: d.source,
          detail: d.detail,
          errors: since,
          fix:
            d.source === 'store'
              ? 'check the state store (/readyz names the cause)'
              : d.source === 'github'
                ? 'check GitHub (stepwarden_github_up, githubstatus.com); due revocations are retried'
                : 'see the detail; report it if it lasts',
        },
      );
      since = 0;
      lined = true;
    },
    succeeded() {
      if (!lined) return;
      log.log('info', 'the revocation sweep works again', { errors: total });
      total = 0;
      lined = false;
    },
  };
}
