/**
 * Session 32: the exchange's objects built without a literal that opens with the spread of a
 * non-empty object (V8 11.3's slow path: service.ts `exchangeNames`, `exchangeDetails`, `placeFor`,
 * service-jwt.ts `mintServiceJwt`'s payload) hold the literals they replaced: the same keys in the
 * same order (the audit line's and the token's bytes), the same values, for any input. And what is
 * the same for every request of a manifest or a key is not computed per request: the ES256 header's
 * segment (once per key) and the identity-collision key (not built when the manifest has none).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import fc from 'fast-check';
import { exchangeDetails, exchangeNames, placeFor } from '../../shared/broker/service.js';
import { identityTwin } from '../../shared/broker/decide.js';
import { credentialFields } from '../../shared/broker/revocation.js';
import { placeFields, type CredentialRecord } from '../../shared/broker/state/store.js';
import { mintServiceJwt } from '../../shared/broker/providers/service-jwt.js';
import { AWS_TAGS_CLAIM, awsSessionTags, spiffeIdOf } from '../../shared/broker/providers/jwt-profiles.js';
import { generateSigningKey } from '../../shared/broker/signing-key.js';
import type { JobIdentity } from '../../shared/broker/job-identity.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import type { ExchangeRequest } from '../../shared/broker/decide.js';
import type { LoadedManifest } from '../../shared/manifest/load.js';

/** Seeds: a fixed one and one new per run (CI does not fix them). */
const SEEDS = [32, Date.now() % 1_000_000];
const run = (prop: fc.IPropertyWithHooks<never> | fc.IProperty<never>) => {
  for (const seed of SEEDS) fc.assert(prop as fc.IProperty<unknown>, { seed, numRuns: 300 });
};

/** The same keys, in the same order, with the same values (undefined ones too). */
function same(actual: object, expected: object): void {
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
  expect(Object.getOwnPropertySymbols(actual)).toEqual(Object.getOwnPropertySymbols(expected));
  for (const k of Object.keys(expected))
    expect((actual as Record<string, unknown>)[k]).toBe((expected as Record<string, unknown>)[k]);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const text = fc.oneof(
  fc.constant(''),
  fc.string({ maxLength: 10 }),
  fc.constantFrom('release.yml', 'notify'),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

describe('the exchange objects built by assignment hold the literals they replaced', () => {
  it('exchangeNames: { ...(workflow ? { workflow } : {}), job, step }', () => {
    run(
      fc.property(maybe(text), text, text, (workflow, job, step) => {
        same(exchangeNames(workflow, job, step), { ...(workflow ? { workflow } : {}), job, step });
      }) as never,
    );
  });

  it('exchangeDetails: parent runs, job identity, organization policy, in the literal order', () => {
    const identity: fc.Arbitrary<JobIdentity> = fc.oneof(
      fc.record({ status: fc.constant('verified' as const), check_run_id: text, job_name: text }),
      fc.record({ status: fc.constant('asserted' as const), why: text }),
    );
    const org = fc.record({ from: maybe(text), stale: maybe(fc.boolean()) }, { requiredKeys: [] });
    run(
      fc.property(maybe(fc.array(text, { maxLength: 3 })), identity, org, (parentRuns, id, o) => {
        const literal = {
          ...(parentRuns ? { parent_runs: parentRuns } : {}),
          job_identity: id.status,
          ...(id.status === 'verified'
            ? { check_run_id: id.check_run_id, job_name: id.job_name }
            : { job_identity_why: id.why }),
          ...(o.from ? { org_policy: o.from, ...(o.stale ? { org_policy_stale: true } : {}) } : {}),
        };
        same(exchangeDetails(parentRuns, id, o), literal);
      }) as never,
    );
  });

  it('placeFor: the caller workflow first when it is another file, then the place', () => {
    const claims = fc.record({ repository: text, repository_id: text, run_id: text, run_attempt: text });
    const request = fc.record({ job: text, step: text, audience: text });
    run(
      fc.property(claims, request, text, maybe(text), (c, r, workflow, caller) => {
        const literal = {
          ...(caller && caller !== workflow ? { callerWorkflow: caller } : {}),
          repository: c.repository,
          repositoryId: c.repository_id,
          workflow,
          job: r.job,
          step: r.step,
          runId: c.run_id,
          runAttempt: c.run_attempt,
          audience: r.audience,
        };
        same(
          placeFor(c as unknown as GithubOidcClaims, r as unknown as ExchangeRequest, workflow, caller),
          literal,
        );
        // A caller equal to the workflow is not a caller.
        if (caller === workflow)
          expect(placeFor(c as never, r as never, workflow, caller)).not.toHaveProperty('callerWorkflow');
      }) as never,
    );
  });

  it("credentialFields: every revoked and expired line's { ...placeFields(r), audience, scope, grant_id, ttl }", () => {
    const record = fc.record({
      repository: text,
      repositoryId: text,
      workflow: text,
      job: text,
      step: text,
      runId: text,
      runAttempt: fc.constantFrom('1', '2', 'x', ''),
      audience: text,
      scope: text,
      grantId: text,
      issuedAt: fc.integer({ min: 0, max: 2_000 }),
      expiresAt: fc.integer({ min: 0, max: 2_000 }),
      callerWorkflow: maybe(text),
    });
    run(
      fc.property(record, fc.integer({ min: 0, max: 2_000 }), (r, now) => {
        const rec = r as unknown as CredentialRecord;
        same(credentialFields(rec, now), {
          ...placeFields(rec),
          audience: rec.audience,
          scope: rec.scope,
          grant_id: rec.grantId,
          ttl: Math.max(0, Math.min(now, rec.expiresAt) - rec.issuedAt),
        });
      }) as never,
    );
  });
});

const payloadOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const payloadText = (token: string) => Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8');

describe("mintServiceJwt's payload and header", () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('the payload is the literal it replaced, byte for byte: extra, tags and SPIFFE subjects, overridden keys', async () => {
    const keys = await generateSigningKey();
    const svid = await generateSigningKey();
    const now = 1_800_000_000;
    const context = fc.record(
      {
        repository: text,
        repository_id: text,
        workflow: text,
        job: text,
        step: text,
        run_id: text,
        run_attempt: text,
        oidc_issuer: text,
        github: text,
      },
      { requiredKeys: ['repository', 'workflow', 'job', 'step', 'run_id', 'run_attempt'] },
    );
    // `extra` as chain.ts passes it, and with keys the later ones override (their place is kept).
    const extra = maybe(
      fc.oneof(
        fc.record({ act: fc.record({ sub: text, iss: text }) }),
        fc.record({ iss: text, scope: text, act: text }, { requiredKeys: [] }),
      ),
    );
    const profile = maybe(
      fc.record({
        profile: fc.constantFrom('default' as const, 'spiffe' as const),
        awsSessionTags: fc.boolean(),
      }),
    );
    for (const seed of SEEDS)
      await fc.assert(
        fc.asyncProperty(context, extra, profile, text, async (ctx, ex, prof, scope) => {
          const spiffe = prof?.profile === 'spiffe';
          const p = prof ? { ...prof, trustDomain: 'example.org', svidKey: svid.active(now) } : undefined;
          const minted = await mintServiceJwt({
            key: keys.active(now),
            issuer: 'https://broker.example',
            audience: 'https://hooks.example',
            subject: 'repo:o/r:ref:refs/heads/main',
            scope,
            ttl: 60,
            now,
            context: ctx,
            ...(ex ? { extra: ex } : {}),
            ...(p ? { profile: p } : {}),
          });
          const literal = {
            ...ex,
            scope,
            ...ctx,
            ...(p?.awsSessionTags ? { [AWS_TAGS_CLAIM]: awsSessionTags(ctx) } : {}),
            iss: 'https://broker.example',
            aud: 'https://hooks.example',
            sub: spiffe ? spiffeIdOf('example.org', ctx) : 'repo:o/r:ref:refs/heads/main',
            jti: minted.jti,
            iat: now,
            nbf: now,
            exp: now + 60,
          };
          expect(payloadText(minted.token)).toBe(JSON.stringify(literal));
          expect(Object.keys(payloadOf(minted.token))).toEqual(
            Object.keys(JSON.parse(JSON.stringify(literal))),
          );
        }),
        { seed, numRuns: 60 },
      );
  });

  it("the header is encoded once per key: a key's tokens share it, another key has its own", async () => {
    const a = await generateSigningKey();
    const b = await generateSigningKey();
    const now = 1_800_000_000;
    const mint = (key: typeof a) =>
      mintServiceJwt({
        key: key.active(now),
        issuer: 'https://broker.example',
        audience: 'https://hooks.example',
        subject: 's',
        scope: 'x',
        ttl: 60,
        now,
        context: { repository: 'o/r', workflow: 'w', job: 'j', step: 's', run_id: '1', run_attempt: '1' },
      });
    const first = await mint(a);
    const header = (t: string) => t.split('.')[0]!;
    const expected = (k: typeof a) =>
      Buffer.from(JSON.stringify({ alg: 'ES256', kid: k.active(now).kid, typ: 'JWT' })).toString('base64url');
    expect(header(first.token)).toBe(expected(a));
    // Past the key's first token, one JSON text per credential (its claims): the header is not
    // serialized again. (Invariant relied on: nothing else in mintServiceJwt calls JSON.stringify.)
    const spy = jest.spyOn(JSON, 'stringify');
    const second = await mint(a);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0]![0]).toEqual(payloadOf(second.token));
    spy.mockRestore();
    expect(header(second.token)).toBe(expected(a));
    const other = await mint(b);
    expect(header(other.token)).toBe(expected(b));
    expect(expected(b)).not.toBe(expected(a));
  });
});

describe('identityTwin', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  /** The parts of a compiled manifest identityTwin reads. */
  const manifest = (steps: Record<string, string[]>) =>
    ({
      workflows: Object.fromEntries(
        Object.entries(steps).map(([w, names]) => [
          w,
          { jobs: { build: { credentials: names.map((step) => ({ step, audience: 'https://svc' })) } } },
        ]),
      ),
    }) as unknown as LoadedManifest['manifest'];

  it('builds no key per call for a manifest without colliding grants, and still finds a twin where there is one', () => {
    const plain = manifest({ 'a.yml': ['deploy', 'notify'] });
    expect(identityTwin(plain, 'https://svc', 'a.yml', 'build', 'deploy')).toBeUndefined();
    const spy = jest.spyOn(JSON, 'stringify');
    for (let i = 0; i < 5; i++)
      expect(identityTwin(plain, 'https://svc', 'a.yml', 'build', 'deploy')).toBeUndefined();
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    // `Deploy prod` and `Deployprod` carry one SPIFFE ID: the first of them in manifest order is the twin.
    const twins = manifest({ 'a.yml': ['Deployprod', 'Deploy prod'] });
    expect(identityTwin(twins, 'https://svc', 'a.yml', 'build', 'Deploy prod')).toMatchObject({
      step: 'Deployprod',
      as: 'SPIFFE ID',
    });
    expect(identityTwin(twins, 'https://svc', 'a.yml', 'build', 'notify')).toBeUndefined();
  });
});
