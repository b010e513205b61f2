/**
 * The granted line and the admitted context built by assignment (session 31, service.ts
 * `withDetails`, `grantedEvent`) hold the object literals they replaced: the same keys in the same
 * order (the line's bytes), the same values, the SOURCE_JTI symbol carried, for any claims, any
 * details and any decision fields.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { contextOf, SOURCE_JTI } from '../../shared/broker/audit-log.js';
import { grantedEvent, withDetails } from '../../shared/broker/service.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';

const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('push', 'octocat', 'refs/heads/main'),
);
const claims = fc.record(
  {
    jti: fc.oneof(text, fc.integer()),
    repository: text,
    repository_id: text,
    run_id: text,
    run_attempt: fc.constantFrom('1', '2', 'x'),
    event_name: text,
    ref: text,
    sha: text,
    actor: text,
    actor_id: fc.constantFrom('1', '42'),
    triggering_actor: text,
  },
  { requiredKeys: [] },
);
const extra = fc.record({ workflow: text, job: text, step: text }, { requiredKeys: [] });
/** Details and decision fields: the names they carry, and some that overlap. */
const fields = fc.dictionary(
  fc.constantFrom(
    'job_identity',
    'check_run_id',
    'parent_runs',
    'workflow_ref',
    'repositories',
    'org_policy',
    'x',
  ),
  fc.oneof(text, fc.integer(), fc.constant(undefined)),
);

/** The literals of session 30's service.ts, kept here as the reference. */
function before(
  context: ReturnType<typeof contextOf>,
  details: Record<string, unknown> | undefined,
  withKey: boolean,
  covered: Record<string, unknown> | undefined,
) {
  const admitted: ReturnType<typeof contextOf> & { details?: Record<string, unknown> } = withKey
    ? { ...context, details }
    : context;
  return {
    admitted,
    line: {
      type: 'credential.granted',
      outcome: 'success',
      ...admitted,
      audience: 'https://aud.example',
      scope: 'deploy',
      grant_id: 'g-1',
      ttl: 300,
      expires_at: new Date(1_800_000_300 * 1000).toISOString(),
      ...((admitted.details ?? covered) ? { details: { ...admitted.details, ...covered } } : {}),
    },
  };
}

const same = (a: object, b: object) => {
  expect(Reflect.ownKeys(a)).toEqual(Reflect.ownKeys(b));
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  expect((a as Record<symbol, unknown>)[SOURCE_JTI]).toBe((b as Record<symbol, unknown>)[SOURCE_JTI]);
};

describe('the granted line by assignment', () => {
  it('has the keys, order, values and symbol of the literal form', () => {
    fc.assert(
      fc.property(
        claims,
        extra,
        fc.option(fields, { nil: undefined }),
        fc.boolean(),
        fc.option(fields, { nil: undefined }),
        (c, x, details, withKey, covered) => {
          const context = contextOf(c as unknown as GithubOidcClaims, x);
          const old = before(context, details, withKey, covered);
          const admitted = withKey ? withDetails(context, details as Record<string, unknown>) : context;
          same(admitted, old.admitted);
          const line = grantedEvent(
            admitted,
            'https://aud.example',
            'deploy',
            'g-1',
            300,
            1_800_000_300,
            covered,
          );
          same(line, old.line);
          // The context handed in is not changed (a refusal later audits it without details).
          expect(Reflect.ownKeys(context)).not.toContain('details');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
