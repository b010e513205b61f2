/**
 * Session 28: `run_attempt` is written into every audit line as a JSON number (audit-log.ts,
 * store.ts placeFields), and a number past 2^53 - 1 is written rounded: a token of attempt
 * 9007199254740993 was audited as attempt ...992 while its claim key and job-end mark held ...993. The
 * verifier refuses such an attempt, naming the claim; every attempt up to 2^53 - 1 is written exactly.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { placeFields } from '../../shared/broker/state/store.js';
import { shapeRefusal, baseClaims, shapeRig } from '../support/claim-shapes.js';

const rig = shapeRig();

describe('run_attempt as the audit writes it (s28)', () => {
  it('refuses a signed token whose run_attempt is past 2^53 - 1, naming the claim', async () => {
    const e = await rig.refusal(await rig.issuer.mint({ run_attempt: '9007199254740993' }));
    expect([e.code, e.claim]).toEqual(['ERR_OIDC_CLAIM_INVALID', 'run_attempt']);
    expect(e.message).toContain('past 2^53 - 1');
  });

  it('accepts every attempt the audit writes exactly, and refuses every one it would round (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 20n - 1n }), (n) => {
        const v = String(n);
        const refused = shapeRefusal({ ...baseClaims(), run_attempt: v });
        const exact = String(placeFields({ runAttempt: v } as never).run_attempt) === v;
        expect(refused === undefined).toBe(n <= BigInt(Number.MAX_SAFE_INTEGER));
        if (refused === undefined) expect(exact).toBe(true);
      }),
      { seed: 28, numRuns: 300 },
    );
  });
});
