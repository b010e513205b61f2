/**
 * Session 29's cuts of the exchange path keep every byte the broker writes.
 *
 * contextOf (shared/broker/audit-log.ts) builds the audit context by assignment since session 29 (the
 * spread form cost V8 30-70 µs per call). The line's bytes must not change: the same string keys in
 * the same order with the same values, the token's jti under SOURCE_JTI exactly when it is a string
 * (never as a string key, so never in a line), and a context spread into an event carries it along.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { actorFromLogin } from '../../shared/audit/event.js';
import { auditJson, contextOf, SOURCE_JTI } from '../../shared/broker/audit-log.js';
import { sha256 } from '../../shared/broker/service.js';
import { sha256Bytes, sha256Hex } from '../../shared/digest/sha256.js';
import { createHash } from 'node:crypto';

type Claims = NonNullable<Parameters<typeof contextOf>[0]>;
type Extra = NonNullable<Parameters<typeof contextOf>[1]>;

/** The session-28 form, kept here as the reference the assigned one must equal. */
function literal(claims: Claims, extra: Extra) {
  const triggering = claims.triggering_actor as string | undefined;
  return {
    ...(typeof claims.jti === 'string' ? { [SOURCE_JTI]: claims.jti } : {}),
    repository: claims.repository,
    repository_id: claims.repository_id,
    ...(extra.workflow ? { workflow: extra.workflow } : {}),
    ...(extra.job ? { job: extra.job } : {}),
    ...(extra.step ? { step: extra.step } : {}),
    run_id: claims.run_id,
    run_attempt: Number(claims.run_attempt) || 1,
    ...(claims.event_name ? { event_name: claims.event_name } : {}),
    ...(claims.ref ? { ref: claims.ref } : {}),
    ...(claims.sha ? { sha: claims.sha } : {}),
    ...(claims.actor ? { actor: actorFromLogin(claims.actor, claims.actor_id) } : {}),
    ...(triggering ? { triggering_actor: actorFromLogin(triggering) } : {}),
  };
}

const text = fc.oneof(fc.constant(''), fc.string({ maxLength: 12 }), fc.constant('octocat[bot]'));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const claimsArb = fc.record(
  {
    jti: fc.oneof(fc.uuid(), fc.constant(''), fc.integer() as fc.Arbitrary<unknown>),
    repository: text,
    repository_id: fc.stringMatching(/^\d{1,9}$/),
    run_id: fc.stringMatching(/^\d{1,12}$/),
    run_attempt: fc.oneof(
      fc.constant('1'),
      fc.constant('0'),
      fc.constant('x'),
      fc.stringMatching(/^\d{1,3}$/),
    ),
    event_name: text,
    ref: text,
    sha: text,
    actor: text,
    actor_id: text,
    triggering_actor: text,
  },
  { requiredKeys: ['repository', 'repository_id', 'run_id', 'run_attempt'] },
) as unknown as fc.Arbitrary<Claims>;
const extraArb = fc.record(
  { workflow: maybe(text), job: maybe(text), step: maybe(text) },
  { requiredKeys: [] },
);

describe('contextOf built by assignment', () => {
  it('equals the literal form: keys in order, values, the jti under its symbol only', () => {
    fc.assert(
      fc.property(claimsArb, extraArb, (claims, extra) => {
        const got = contextOf(claims, extra);
        const want = literal(claims, extra);
        expect(Reflect.ownKeys(got)).toEqual(Reflect.ownKeys(want));
        expect(got).toStrictEqual(want);
        expect(auditJson({ type: 't', ...got, audience: 'a' })).toBe(
          auditJson({ type: 't', ...want, audience: 'a' }),
        );
        // Spread into an event, the jti rides along under its symbol and never as a field.
        const event = { type: 't', ...got } as Record<string | symbol, unknown>;
        expect(event[SOURCE_JTI]).toBe(typeof claims.jti === 'string' ? claims.jti : undefined);
        expect(Object.keys(event)).not.toContain('jti');
      }),
      { numRuns: 300 },
    );
  });

  it('without claims is the extra fields alone', () => {
    expect(contextOf(undefined, { job: 'publish' })).toStrictEqual({ job: 'publish' });
    expect(Reflect.ownKeys(contextOf(undefined))).toEqual([]);
  });
});

describe('sha256 one-shot', () => {
  it('equals createHash over UTF-8 for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (s) => {
          const want = createHash('sha256').update(s).digest();
          expect(sha256Bytes(s).equals(want)).toBe(true);
          expect(sha256Hex(s)).toBe(want.toString('hex'));
          expect(sha256(s)).toBe(want.toString('hex'));
        },
      ),
      { numRuns: 300 },
    );
    expect(sha256Hex('\ud800')).toBe(createHash('sha256').update('\ud800').digest('hex'));
  });
});
