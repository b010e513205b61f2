/**
 * Hostile review (session 8): a service grant's scope value holding a space (or any character outside
 * RFC 6749's scope-token) was issued whole, so one manifest value became several scopes at the
 * resource server (`scope: ['read admin']` reads as `read` and `admin`). The manifest schema refuses
 * it with file:line, and the broker never issues it, even from a manifest it did not load itself.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { SCOPE_TOKEN } from '../../shared/manifest/schema.js';
import type { GithubOidcClaims } from '../../shared/oidc/claims.js';
import { githubClaims } from '../../shared/standins/oidc-issuer.js';
import { startStack, type Stack } from '../support/broker.js';

const HOOKS = 'https://hooks.example.internal';
const manifestWith = (scope: string) => `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        credentials:
          - step: notify
            audience: ${HOOKS}
            scope: [notify:send, ${scope}]
            uses: 100
`;
const GOOD = manifestWith('notify:read');
const claims = () => githubClaims('https://issuer', 'aud') as unknown as GithubOidcClaims;

/** Values a resource server would read as something else than one scope. */
const BAD = ['read admin', 'read\tadmin', 'read\u00a0admin', 'a"b', 'a\\b', 'ädmin', 'read\nadmin', '', ' '];

describe('the manifest refuses a scope value that is not one scope-token', () => {
  it.each(BAD.map((v) => [JSON.stringify(v), v]))('%s: ERR_MANIFEST_INVALID at its line', (_n, v) => {
    let err: unknown;
    try {
      loadManifest(manifestWith(JSON.stringify(v)), '.github/access-manifest.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    const p = (err as ManifestError).problems[0]!;
    expect(p.line).toBe(11);
    expect(p.file).toBe('.github/access-manifest.yml');
    expect(p.message).toMatch(/scope-token/);
  });

  it('accepts every printable ASCII value without space, quote or backslash (the RFC 6749 set)', () => {
    expect(loadManifest(manifestWith('"urn:x:a/b#c?d=e&f!*~{}[]"'), 'm.yml')).toBeDefined();
    for (let c = 0; c < 0x100; c++) {
      const ch = String.fromCharCode(c);
      const ok = c === 0x21 || (c >= 0x23 && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
      expect(SCOPE_TOKEN.test(`a${ch}b`)).toBe(ok);
    }
  });
});

describe('the broker never issues a scope value that is not one scope-token', () => {
  const tampered = (v: unknown) => {
    const m = loadManifest(GOOD, 'm.yml');
    const g = m.manifest.workflows['release.yml']!.jobs['publish']!.credentials[0] as { scope: unknown[] };
    g.scope.push(v);
    return m;
  };
  it.each([...BAD, 42].map((v) => [JSON.stringify(v), v]))(
    'a manifest that skipped the schema with %s: ERR_SCOPE_TOKEN naming the line, whole grant or one scope',
    (_n, v) => {
      for (const scope of ['', 'notify:send']) {
        let err: unknown;
        try {
          decide({
            claims: claims(),
            request: { audience: HOOKS, scope, job: 'publish', step: 'notify' },
            manifest: tampered(v),
          });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(BrokerRefusal);
        expect((err as BrokerRefusal).code).toBe('ERR_SCOPE_TOKEN');
        expect((err as BrokerRefusal).message).toMatch(/m\.yml:9/);
      }
    },
  );

  it('issues valid values as a space-joined list that splits back into exactly those values (property)', () => {
    const token = fc.stringMatching(/^[\x21\x23-\x5B\x5D-\x7E]{1,12}$/);
    fc.assert(
      fc.property(fc.uniqueArray(token, { minLength: 1, maxLength: 5 }), (values) => {
        const m = loadManifest(manifestWith(values.map((v) => JSON.stringify(v)).join(', ')), 'm.yml');
        const d = decide({
          claims: claims(),
          request: { audience: HOOKS, scope: '', job: 'publish', step: 'notify' },
          manifest: m,
        });
        const issued = d.scope.split(' ');
        expect(new Set(issued)).toEqual(new Set(['notify:send', ...values]));
        expect(issued.every((s) => SCOPE_TOKEN.test(s))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('end to end: a manifest with a spaced scope issues nothing', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ manifest: manifestWith('"read admin"') });
  });
  afterAll(async () => {
    await s.close();
  });
  it('refuses the exchange (manifest invalid) and issues no JWT', async () => {
    const t = await s.issuer.mint({});
    const r = await s.token(s.exchangeForm(t, { audience: HOOKS, job: 'publish', step: 'notify' }));
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.access_token).toBeUndefined();
    expect(String(r.body.error_description)).toMatch(/^ERR_MANIFEST_INVALID: .*access-manifest\.yml:11/);
  });
});
