/**
 * Hostile review (session 7), token verification against the real broker: headers (`typ`, `cty`,
 * duplicate members), keys of another issuer, issuer and audience spellings, times at and past the
 * clock tolerance, the `sub` a broker JWT copies, and the two token kinds swapped (a broker JWT as an
 * OIDC token, an OIDC token as a broker JWT). Every refusal: its code, an audit line, no 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { dispatchByIssuer } from '../../shared/broker/issuers.js';
import { createOidcVerifier, OidcError } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, chainForm, startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 60 }
`;

let s: Stack;
let other: OidcIssuer;
const secrets = new Set<string>();
const statuses: number[] = [];
let runs = 0;

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
  other = await startOidcIssuer({ audience: AUD });
});
afterAll(async () => {
  try {
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) expect(audit.includes(t)).toBe(false);
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await other.close();
    await s.close();
  }
});

const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => {
  const t = now();
  return { ...s.issuer.claims(), run_id: runIdOf(`s7t-${++runs}`), iat: t, nbf: t, exp: t + 300, ...over };
};
const raw = async (
  payload: Record<string, unknown>,
  header?: Record<string, unknown> | string,
  by: OidcIssuer = s.issuer,
) => {
  const t = await by.mintRaw(JSON.stringify(payload), header);
  secrets.add(t);
  return t;
};

async function exchange(token: string, form: Record<string, string> = {}) {
  const r = await s.token(s.exchangeForm(token, { audience: HOOKS, step: 'notify', ...form }));
  statuses.push(r.status);
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}
async function refused(token: string, expected: string, form: Record<string, string> = {}) {
  const before = s.audit.events.length;
  const r = await exchange(token, form);
  expect([r.status, errorCode(r)]).toEqual([400, expected]);
  expect(s.audit.events.slice(before).map((e) => e.reason)).toContain(expected);
  return r;
}
async function granted(token: string, form: Record<string, string> = {}) {
  const r = await exchange(token, form);
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  return r;
}

describe('the header', () => {
  const kid = () => s.issuer.jwks().keys[0]!.kid!;

  it.each([
    ['typ at+jwt (an access token)', { typ: 'at+jwt' }],
    ['typ JOSE', { typ: 'JOSE' }],
    ['typ JWT with a trailing space', { typ: 'JWT ' }],
    ['typ an array', { typ: ['JWT'] }],
    ['cty JWT (a nested token)', { cty: 'JWT' }],
  ])('%s -> ERR_OIDC_TYP', async (_n, header) => {
    await refused(await raw(claims(), header), 'ERR_OIDC_TYP');
  });

  it('typ jwt in lower case is the same media type, and typ is optional (RFC 7519): granted', async () => {
    await granted(await raw(claims(), { typ: 'jwt' }));
    await granted(await raw(claims(), { typ: undefined }));
  });

  it('a header member given twice is refused whichever comes first', async () => {
    for (const text of [
      `{"alg":"none","alg":"RS256","kid":"${kid()}","typ":"JWT"}`,
      `{"alg":"RS256","kid":"other","kid":"${kid()}","typ":"JWT"}`,
      `{"alg":"RS256","kid":"${kid()}","typ":"JWT","t\\u0079p":"JWT"}`,
    ])
      await refused(await raw(claims(), text), 'ERR_OIDC_MALFORMED');
  });
});

describe('keys and issuers', () => {
  it("a token signed by another issuer's key under our issuer's name is refused (its kid is not ours, or the signature fails)", async () => {
    await refused(await raw(claims(), {}, other), 'ERR_OIDC_KID_UNKNOWN');
    await refused(await raw(claims(), { kid: s.issuer.jwks().keys[0]!.kid }, other), 'ERR_OIDC_SIGNATURE');
  });

  it("another issuer's own token (not configured) is refused before any key of it is fetched", async () => {
    const before = other.jwksFetches + other.discoveryFetches;
    await refused(await other.mint({ run_id: runIdOf(`s7t-${++runs}`) }), 'ERR_OIDC_ISSUER');
    expect(other.jwksFetches + other.discoveryFetches).toBe(before);
  });

  it.each([
    ['a trailing slash', (u: string) => `${u}/`],
    ['upper case', (u: string) => u.toUpperCase()],
    ['a path', (u: string) => `${u}/x`],
    ['https instead of http', (u: string) => u.replace('http:', 'https:')],
    ['a default port spelled out', (u: string) => u.replace('127.0.0.1', '127.0.0.1:80')],
    ['localhost for 127.0.0.1', (u: string) => u.replace('127.0.0.1', 'localhost')],
  ])('iss with %s -> ERR_OIDC_ISSUER', async (_n, spell) => {
    await refused(await raw(claims({ iss: spell(s.issuer.url) })), 'ERR_OIDC_ISSUER');
  });
});

describe('two trusted issuers (github.com and a GHES server), each with its own audience and keys', () => {
  const both = () =>
    dispatchByIssuer(
      new Map([
        [s.issuer.url, createOidcVerifier({ issuers: [s.issuer.url], audience: AUD })],
        [other.url, createOidcVerifier({ issuers: [other.url], audience: `${AUD}/ghes` })],
      ]),
    );
  const codeOf = async (token: string) => {
    secrets.add(token);
    try {
      await both().verify(token);
      return 'accepted';
    } catch (err) {
      return (err as OidcError).code;
    }
  };

  it("a token naming one issuer cannot borrow the other's key, kid or audience", async () => {
    const mine = claims();
    // The other issuer's key and kid under our name: our JWKS has no such kid.
    expect(await codeOf(await raw(mine, {}, other))).toBe('ERR_OIDC_KID_UNKNOWN');
    // The other issuer's key under our kid: the signature fails.
    expect(await codeOf(await raw(mine, { kid: s.issuer.jwks().keys[0]!.kid }, other))).toBe(
      'ERR_OIDC_SIGNATURE',
    );
    // Its own token carrying our audience: each issuer has its own.
    expect(await codeOf(await raw({ ...other.claims(), ...mine, iss: other.url }, {}, other))).toBe(
      'ERR_OIDC_AUDIENCE',
    );
    expect(
      await codeOf(await raw({ ...other.claims(), ...mine, iss: other.url, aud: `${AUD}/ghes` }, {}, other)),
    ).toBe('accepted');
    expect(await codeOf(await raw(mine))).toBe('accepted');
  });
});

describe('audiences', () => {
  it.each([
    ['another audience', 'https://elsewhere.example'],
    ['a trailing slash', `${AUD}/`],
    ['upper case', AUD.toUpperCase()],
    ['an array with another audience after ours', [AUD, 'https://elsewhere.example']],
    ['an array with another audience before ours', ['https://elsewhere.example', AUD]],
    ['an array naming ours twice', [AUD, AUD]],
    ['an empty array', []],
    ['GitHub default audience (the owner URL)', 'https://github.com/octo-org'],
  ])('aud %s -> ERR_OIDC_AUDIENCE', async (_n, aud) => {
    await refused(await raw(claims({ aud })), 'ERR_OIDC_AUDIENCE');
  });

  it('an array of exactly our audience is granted', async () => {
    await granted(await raw(claims({ aud: [AUD] })));
  });
});

describe('times and the clock tolerance (60 s)', () => {
  it.each([
    ['nbf past the tolerance', () => claims({ nbf: now() + 120 }), 'ERR_OIDC_NOT_YET_VALID'],
    ['iat past the tolerance', () => claims({ iat: now() + 120, nbf: undefined }), 'ERR_OIDC_IAT_FUTURE'],
    [
      'iat a year ahead',
      () => claims({ iat: now() + 31536000, nbf: undefined, exp: now() + 31536300 }),
      'ERR_OIDC_IAT_FUTURE',
    ],
    ['exp a century ahead', () => claims({ exp: now() + 3153600000 }), 'ERR_OIDC_LIFETIME'],
    ['exp at the largest safe integer', () => claims({ exp: Number.MAX_SAFE_INTEGER }), 'ERR_OIDC_LIFETIME'],
    [
      'exp just past the tolerance',
      () => claims({ iat: now() - 200, nbf: now() - 200, exp: now() - 61 }),
      'ERR_OIDC_EXPIRED',
    ],
    ['an hour and a second of lifetime', () => claims({ exp: now() + 3601 }), 'ERR_OIDC_LIFETIME'],
    [
      'issued two hours ago, valid still',
      () => claims({ iat: now() - 7200, nbf: now() - 7200, exp: now() + 60 }),
      'ERR_OIDC_TOO_OLD',
    ],
    ['exp before iat', () => claims({ iat: now(), exp: now() - 1 }), 'ERR_OIDC_LIFETIME'],
    [
      'nbf after exp',
      () => claims({ iat: now() - 100, nbf: now() + 20, exp: now() + 10 }),
      'ERR_OIDC_LIFETIME',
    ],
    ['exp as a string', () => claims({ exp: String(now() + 300) }), 'ERR_OIDC_TIME_INVALID'],
    ['iat negative', () => claims({ iat: -1 }), 'ERR_OIDC_TIME_INVALID'],
    ['nbf null', () => claims({ nbf: null }), 'ERR_OIDC_TIME_INVALID'],
  ])('%s -> %s', async (_n, make, expected) => {
    await refused(await raw(make()), expected);
  });

  it('within the tolerance: nbf and iat 30 s ahead, exp 30 s ago are accepted', async () => {
    await granted(await raw(claims({ nbf: now() + 30, iat: now() + 30 })));
    await granted(await raw(claims({ iat: now() - 200, nbf: now() - 200, exp: now() - 30 })));
  });
});

describe('the subject a broker JWT copies', () => {
  it.each([
    ['another repository', 'repo:evil-org/evil-repo:ref:refs/heads/main'],
    ['another owner', 'repo:evil-org/octo-repo:ref:refs/heads/main'],
    ['another repository id (immutable form)', 'repo:octo-org@200001/octo-repo@999:ref:refs/heads/main'],
    ['another owner id (immutable form)', 'repo:octo-org@999/octo-repo@100001:ref:refs/heads/main'],
    ['no repository after repo:', 'repo::ref:refs/heads/main'],
  ])('sub naming %s than the token -> ERR_OIDC_CLAIM_INVALID', async (_n, sub) => {
    const r = await refused(await raw(claims({ sub })), 'ERR_OIDC_CLAIM_INVALID');
    expect(String(r.body.error_description)).toMatch(/'sub'/);
  });

  it("sub of GitHub's forms for this repository, or a custom template, is granted", async () => {
    for (const sub of [
      'repo:octo-org/octo-repo:ref:refs/heads/main',
      'repo:Octo-Org/Octo-Repo:ref:refs/heads/main',
      'repo:octo-org@200001/octo-repo@100001:ref:refs/heads/main',
      'repo:octo-org/octo-repo',
      'repository_owner_id:200001:repository_id:100001',
    ])
      await granted(await raw(claims({ sub })));
  });
});

describe('the two kinds of token swapped', () => {
  it('a broker JWT presented as an OIDC token -> ERR_OIDC_ALG; an OIDC token as a broker JWT -> ERR_CHAIN_SUBJECT', async () => {
    const jwt = String((await granted(await raw(claims()))).body.access_token);
    await refused(jwt, 'ERR_OIDC_ALG');
    // A chained form carries no job= or step= (refused on a chained exchange, session 26).
    const before = s.audit.events.length;
    const r = await s.token(chainForm(await raw(claims()), { audience: HOOKS }));
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
    expect(s.audit.events.slice(before).map((e) => e.reason)).toContain('ERR_CHAIN_SUBJECT');
  });

  it('subject_token_type access_token, missing, or in another case is refused', async () => {
    const t = await raw(claims());
    await refused(t, 'ERR_SUBJECT_TOKEN_TYPE', {
      subject_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    });
    await refused(t, 'ERR_SUBJECT_TOKEN_TYPE', {
      subject_token_type: 'URN:IETF:PARAMS:OAUTH:TOKEN-TYPE:ID_TOKEN',
    });
    const r = await s.token({
      ...s.exchangeForm(t, { audience: HOOKS, step: 'notify' }),
      subject_token_type: '',
    });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_MISSING']);
    // None of these used the token: it is still exchangeable once.
    await granted(t);
  });
});
