/**
 * Hostile review (session 13), claims the trigger gate and the outside-events default read, against
 * the real broker (local issuer with its JWKS, GitHub stand-in, broker on 127.0.0.1). The attacker
 * controls the claims of a token the trusted issuer signs (not its key). `event_name` is compared
 * exactly by the trigger gate (`triggers:`, and without it the explicit-only `pull_request_target`
 * and `workflow_run`), by the outside-events default (a grant without `when.event`) and by dispatch
 * tracking: another spelling of an event was an event none of them knew, and was granted.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { auditEventSchema } from '../../shared/audit/event.js';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { OUTSIDE_EVENTS, refProblem } from '../../shared/conditions/ref.js';
import { EXPLICIT_ONLY_TRIGGERS } from '../../shared/manifest/effective-policy.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { EVENT_NAME, type GithubOidcClaims } from '../../shared/oidc/claims.js';
import { assertClaimShapes, OidcError } from '../../shared/oidc/verify.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';
// No `triggers:` (every event but the explicit-only ones) and grants without `when.event`: the
// shape most manifests have, and the one the outside-events default exists for.
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
      tagged:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60, when: { ref: ['refs/tags/v*'] } }
`;

let s: Stack;
const secrets = new Set<string>();
let runs = 0;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  try {
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

async function exchange(event_name: string, over: Record<string, unknown> = {}, job = 'publish') {
  const t = Math.floor(Date.now() / 1000);
  const c = {
    ...s.issuer.claims({ ref: 'refs/heads/main' }),
    ref_type: 'branch',
    run_id: runIdOf(`s13c-${++runs}`),
    event_name,
    iat: t,
    nbf: t,
    exp: t + 300,
    ...over,
  };
  const tok = await s.issuer.mintRaw(JSON.stringify(c));
  secrets.add(tok);
  const r = await s.token(s.exchangeForm(tok, { audience: HOOKS, step: 'notify', job }));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}

describe('event_name spelled otherwise than GitHub spells it', () => {
  it.each([
    'PULL_REQUEST_TARGET',
    'Pull_Request_Target',
    'pull_request_target ',
    ' workflow_run',
    'Workflow_Run',
    'ISSUE_COMMENT',
    'pull_request_target\u200b',
    'workflow_run\u202e',
    'pull-request-target',
    '',
  ])(
    '%j is refused (ERR_OIDC_CLAIM_INVALID), never granted past the explicit trigger gate',
    async (event) => {
      const before = s.audit.events.length;
      const r = await exchange(event);
      const code = 'ERR_OIDC_CLAIM_INVALID';
      expect([r.status, errorCode(r)]).toEqual([400, code]);
      expect(s.audit.events.slice(before).map((e) => e.reason)).toContain(code);
      expect(String(r.body.error_description)).toContain("claim 'event_name'");
      // Shown escaped: a bidirectional control is written out, never passed to a terminal.
      expect(String(r.body.error_description)).not.toMatch(/\u202e/);
    },
  );

  it('the events GitHub spells are judged as before: push granted, pull_request_target by the trigger gate', async () => {
    expect([(await exchange('push')).status]).toEqual([200]);
    const prt = await exchange('pull_request_target');
    expect([prt.status, errorCode(prt)]).toEqual([400, 'ERR_TRIGGER_NOT_ALLOWED']);
  });
});

describe('ref_type spelled otherwise', () => {
  const tag = (ref_type: string) => ({
    ...s.issuer.claims({ ref: 'refs/tags/v1' }),
    ref_type,
    run_id: runIdOf(`s13c-${++runs}`),
  });
  it.each(['BRANCH', 'Branch', ' branch'])(
    'a tag ref whose ref_type says %j (the other kind, in another case) is refused ERR_CONDITION_REF',
    async (ref_type) => {
      const r = await exchange('push', tag(ref_type), 'tagged');
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CONDITION_REF']);
      expect(String(r.body.error_description)).toContain('ref_type');
    },
  );
  it("GitHub's own spelling, and no ref_type, are judged as before", async () => {
    expect((await exchange('push', tag('tag'), 'tagged')).status).toBe(200);
    const none = { ...tag('tag'), ref_type: undefined };
    expect((await exchange('push', none, 'tagged')).status).toBe(200);
    const branch = await exchange('push', tag('branch'), 'tagged');
    expect([branch.status, errorCode(branch)]).toEqual([400, 'ERR_CONDITION_REF']);
  });
});

describe('event_name, pure (property)', () => {
  const manifest = loadManifest(MANIFEST, 'm.yml');
  const claims = (event_name: string) =>
    githubClaims('https://issuer', 'aud', { event_name }) as unknown as GithubOidcClaims;
  const gated = [...new Set([...OUTSIDE_EVENTS, ...EXPLICIT_ONLY_TRIGGERS])];
  // A gated event with its letters' case changed and/or spaces or an invisible character around it.
  const variant = fc
    .tuple(
      fc.constantFrom(...gated),
      fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
      fc.constantFrom('', ' ', '\t', '\u200b', '\u00a0'),
      fc.constantFrom('', ' ', '\n', '\u200b'),
    )
    .map(
      ([e, upper, pre, post]) =>
        pre + [...e].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join('') + post,
    )
    .filter((v) => !gated.includes(v));

  it('no spelling of a gated event other than its own is granted by decide, nor passes the verifier', () => {
    fc.assert(
      fc.property(variant, (v) => {
        let refusal: unknown;
        try {
          decide({
            claims: claims(v),
            request: { audience: HOOKS, scope: '', job: 'publish', step: 'notify' },
            manifest,
          });
        } catch (err) {
          refusal = err;
        }
        expect(refusal).toBeInstanceOf(BrokerRefusal);
        expect((refusal as BrokerRefusal).code).toMatch(/^ERR_(OIDC_CLAIM_INVALID|CLAIM_MISSING)$/);
        expect(() => assertClaimShapes(claims(v) as unknown as Record<string, unknown>)).toThrow(OidcError);
      }),
    );
  });

  it("the verifier accepts an event_name exactly when it has GitHub's shape", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 70 }), fc.stringMatching(/^[a-z][a-z0-9_]{0,70}$/)),
        (v) => {
          const shaped = /^[a-z][a-z0-9_]{0,63}$/.test(v);
          expect(EVENT_NAME.test(v)).toBe(shaped);
          let ok = true;
          try {
            assertClaimShapes(claims(v) as unknown as Record<string, unknown>);
          } catch (err) {
            expect((err as OidcError).code).toBe('ERR_OIDC_CLAIM_INVALID');
            ok = false;
          }
          expect(ok).toBe(shaped);
        },
      ),
    );
  });
});

describe('ref_type, pure (property)', () => {
  const spelled = (kind: string) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.constantFrom('', ' ', '\t'),
        fc.constantFrom('', ' ', '\n'),
      )
      .map(
        ([upper, pre, post]) =>
          pre + [...kind].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join('') + post,
      );
  const ref = fc.tuple(
    fc.constantFrom('refs/heads/', 'refs/tags/'),
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/),
  );
  it('a ref_type naming the other kind, in any case or padding, is a problem; the same kind never is', () => {
    fc.assert(
      fc.property(ref, fc.constantFrom('tag', 'branch'), (r, kind) => {
        fc.pre(!r[1].endsWith('.') && !r[1].endsWith('.lock') && !r[1].includes('..'));
        const full = r[0] + r[1];
        const isTag = r[0] === 'refs/tags/';
        fc.assert(
          fc.property(spelled(kind), (t) => {
            const problem = refProblem(full, t, undefined);
            expect(problem !== undefined).toBe((kind === 'tag') !== isTag);
          }),
          { numRuns: 10 },
        );
      }),
      { numRuns: 60 },
    );
  });
});
