/**
 * Hostile review (session 5): forged and odd OIDC tokens against the real broker (local issuer with
 * its JWKS, GitHub stand-in, broker on 127.0.0.1). Headers (alg confusion, kid, crit, embedded keys,
 * JWE and nested tokens), payloads (duplicate claim names, claims of the wrong type, audiences,
 * issuers, times, look-alike and case tricks) and the conditions they aim at. Every refusal: its code,
 * an audit line, no 5xx, and no token text in any response or audit line.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT, importPKCS8 } from 'jose';
import { auditEventSchema } from '../../shared/audit/event.js';
import { globMatch } from '../../shared/conditions/glob.js';
import { createOidcVerifier, OidcError } from '../../shared/oidc/verify.js';
import { AUD, startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
          - { step: once, audience: ${HOOKS}, scope: [notify:send], ttl: 60 }
          - { step: twice, audience: ${HOOKS}, scope: [notify:send], uses: 2, ttl: 60 }
      stage:
        environments: [kube-stage]
        credentials:
          - { step: deploy, audience: ${HOOKS}, scope: [deploy], uses: 100, ttl: 60 }
      hosted:
        credentials:
          - step: build
            audience: ${HOOKS}
            scope: [build]
            uses: 100
            ttl: 60
            when: { runner-environment: [github-hosted] }
  ci.yml:
    jobs:
      test:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }
`;

let s: Stack;
const secrets = new Set<string>();
const statuses: number[] = [];
const bodies: string[] = [];

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  try {
    expect(statuses.filter((x) => x >= 500)).toEqual([]);
    const audit = JSON.stringify(s.audit.events);
    for (const t of secrets) {
      expect(audit.includes(t)).toBe(false);
      for (const b of bodies) expect(b.includes(t)).toBe(false);
      // Nor its signature alone (a token cut at a dot).
      const sig = t.split('.')[2];
      if (sig && sig.length > 20) expect(audit.includes(sig)).toBe(false);
    }
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
});

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** GitHub's claims of this issuer with times, for raw minting. */
const claims = (over: Record<string, unknown> = {}) => {
  const t = now();
  return { ...s.issuer.claims(), iat: t, nbf: t, exp: t + 300, ...over };
};
/** Drops the members whose value is `undefined` (JSON.stringify does), so a claim can be left out. */
const raw = async (payload: Record<string, unknown> | string, header: Record<string, unknown> = {}) => {
  const t = await s.issuer.mintRaw(typeof payload === 'string' ? payload : JSON.stringify(payload), header);
  secrets.add(t);
  return t;
};

async function exchange(token: string, over: Record<string, string> = {}) {
  secrets.add(token);
  const r = await s.token(s.exchangeForm(token, { audience: HOOKS, step: 'notify', ...over }));
  statuses.push(r.status);
  if (r.status >= 400) bodies.push(JSON.stringify(r.body));
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  return r;
}

async function refusedWith(token: string, expected: string, over: Record<string, string> = {}) {
  const before = s.audit.events.length;
  const r = await exchange(token, over);
  expect([r.status, errorCode(r)]).toEqual([expected.startsWith('ERR_OIDC_JWKS') ? 503 : 400, expected]);
  expect(s.audit.events.slice(before).map((e) => e.reason)).toContain(expected);
  return r;
}

async function granted(token: string, over: Record<string, string> = {}) {
  const r = await exchange(token, over);
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  return r;
}

describe('forged headers', () => {
  it('alg none, HS256 keyed with the RSA public key, ES256 on an RSA signature, alg spelled otherwise -> ERR_OIDC_ALG', async () => {
    const payload = b64(claims());
    const kid = s.issuer.jwks().keys[0]!.kid!;
    const pem = createPublicKey({ key: s.issuer.jwks().keys[0] as never, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    const hs = (h: Record<string, unknown>, secret: string) => {
      const input = `${b64(h)}.${payload}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    const forged = [
      `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      `${b64({ alg: 'none', kid, typ: 'JWT' })}.${payload}.`,
      hs({ alg: 'HS256', kid, typ: 'JWT' }, pem),
      hs({ alg: 'HS256', kid, typ: 'JWT' }, JSON.stringify(s.issuer.jwks().keys[0])),
    ];
    for (const t of forged) {
      secrets.add(t);
      await refusedWith(t, 'ERR_OIDC_ALG');
    }
    for (const alg of ['ES256', 'PS256', 'RS512', 'rs256', 'RS256 ', ['RS256'], null])
      await refusedWith(await raw(claims(), { alg }), 'ERR_OIDC_ALG');
  });

  it.each([
    ['no kid (the only key of its type would have been taken)', { kid: undefined }, 'ERR_OIDC_KID_MISSING'],
    ['an empty kid', { kid: '' }, 'ERR_OIDC_KID_MISSING'],
    ['a numeric kid', { kid: 1 }, 'ERR_OIDC_KID_MISSING'],
    ['a kid array', { kid: ['x'] }, 'ERR_OIDC_KID_MISSING'],
    ['an unknown kid', { kid: 'no-such-key' }, 'ERR_OIDC_KID_UNKNOWN'],
    ['crit naming an unknown extension', { crit: ['exp'] }, 'ERR_OIDC_MALFORMED'],
    ['crit not an array', { crit: 'b64' }, 'ERR_OIDC_MALFORMED'],
    ['an unencoded payload (b64: false)', { crit: ['b64'], b64: false }, 'ERR_OIDC_MALFORMED'],
  ])('%s -> %s', async (_n, header, expected) => {
    await refusedWith(await raw(claims(), header), expected);
  });

  it('keys carried by the token (jwk, jku, x5u, x5c) are never used nor fetched', async () => {
    let hits = 0;
    const attacker: Server = createServer((_req, res) => {
      hits++;
      res.end('{"keys":[]}');
    });
    await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
    const at = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    try {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const priv = await importPKCS8(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'RS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'attacker', alg: 'RS256', use: 'sig' };
      const issuerKid = s.issuer.jwks().keys[0]!.kid!;
      const sign = async (h: Record<string, unknown>) => {
        const t = await new SignJWT(claims())
          .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...h } as never)
          .sign(priv);
        secrets.add(t);
        return t;
      };
      await refusedWith(await sign({ kid: 'attacker', jwk }), 'ERR_OIDC_KID_UNKNOWN');
      await refusedWith(await sign({ kid: issuerKid, jwk }), 'ERR_OIDC_SIGNATURE');
      await refusedWith(await sign({ kid: 'attacker', jku: `${at}/jwks` }), 'ERR_OIDC_KID_UNKNOWN');
      await refusedWith(await sign({ kid: issuerKid, x5u: `${at}/cert.pem` }), 'ERR_OIDC_SIGNATURE');
      await refusedWith(await sign({ kid: issuerKid, x5c: ['MIIB'] }), 'ERR_OIDC_SIGNATURE');
      // The issuer's own key with a jku beside it: the signature is the issuer's, jku is ignored.
      await granted(await raw(claims({ run_id: runIdOf('jku-ignored') }), { jku: `${at}/jwks` }));
      expect(hits).toBe(0);
    } finally {
      await new Promise((r) => attacker.close(r));
    }
  });

  it('JWE (five parts), a nested JWT as payload, and an oversized token are refused before any key', async () => {
    const t = await raw(claims());
    const [h, p, sig] = t.split('.') as [string, string, string];
    const jwe = `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM', kid: 'k' })}.${p}.${p}.${p}.${sig}`;
    secrets.add(jwe);
    await refusedWith(jwe, 'ERR_OIDC_MALFORMED');
    // cty: JWT with the inner token as the payload: a string, not a claims object.
    const nested = await s.issuer.mintRaw(JSON.stringify(t), { cty: 'JWT' });
    secrets.add(nested);
    await refusedWith(nested, 'ERR_OIDC_MALFORMED');
    const huge = await raw(claims({ pad: 'x'.repeat(17 * 1024) }));
    await refusedWith(huge, 'ERR_OIDC_TOO_LARGE');
    // A token with spaces or line breaks around the dots is not a compact JWS.
    const spaced = `${h}. ${p}.${sig}`;
    secrets.add(spaced);
    await refusedWith(spaced, 'ERR_OIDC_MALFORMED');
  });
});

describe('payload tricks, signed by the trusted issuer', () => {
  it('a claim name given twice is refused whichever value comes first (no reader may see another token)', async () => {
    const base = JSON.stringify(claims({ run_id: runIdOf('dup-claims') })).slice(0, -1);
    for (const [name, first, last] of [
      ['repository', 'octo-org/octo-repo', 'octo-org/other-repo'],
      ['repository', 'octo-org/other-repo', 'octo-org/octo-repo'],
      ['ref', 'refs/heads/evil', 'refs/heads/main'],
      ['ref', 'refs/heads/main', 'refs/heads/evil'],
      ['environment', 'kube-stage', 'production'],
    ] as const) {
      const text = `{${JSON.stringify(name)}:${JSON.stringify(first)},${base.slice(1)},${JSON.stringify(name)}:${JSON.stringify(last)}}`;
      const line = (await refusedWith(await raw(text), 'ERR_OIDC_CLAIM_INVALID')).body.error_description;
      expect(String(line)).toContain(`"${name}" appears more than once`);
    }
    // Escaped spelling of the same name.
    const esc = `{"\\u0072ef":"refs/heads/evil",${base.slice(1)}}`;
    await refusedWith(await raw(esc), 'ERR_OIDC_CLAIM_INVALID');
  });

  it.each([
    ['ref as an array', { ref: ['refs/heads/main'] }, 'ERR_OIDC_CLAIM_INVALID'],
    ['event_name as a number', { event_name: 1 }, 'ERR_OIDC_CLAIM_INVALID'],
    ['job_workflow_ref as an object', { job_workflow_ref: { ref: 'x' } }, 'ERR_OIDC_CLAIM_INVALID'],
    ['workflow_ref as null', { workflow_ref: null }, 'ERR_OIDC_CLAIM_INVALID'],
    ['runner_environment as true', { runner_environment: true }, 'ERR_OIDC_CLAIM_INVALID'],
    ['repository_id as a number', { repository_id: 100001 }, 'ERR_OIDC_CLAIM_MISSING'],
    ['repository_owner_id as a number', { repository_owner_id: 200001 }, 'ERR_OIDC_CLAIM_MISSING'],
    ['check_run_id as a number', { check_run_id: 17 }, 'ERR_OIDC_CLAIM_INVALID'],
    ['run_attempt as a number', { run_attempt: 1 }, 'ERR_OIDC_CLAIM_MISSING'],
    ['sub as an array', { sub: ['repo:octo-org/octo-repo:ref:refs/heads/main'] }, 'ERR_OIDC_CLAIM_MISSING'],
  ])('%s -> %s', async (_n, over, expected) => {
    await refusedWith(await raw(claims(over)), expected);
  });

  it("an environment that is not a string never skips the job's environments bound", async () => {
    // A string naming an undeclared environment is refused; an array naming it was read as "no
    // environment" and granted.
    await refusedWith(await raw(claims({ environment: 'production' })), 'ERR_ENVIRONMENT_NOT_DECLARED', {
      job: 'stage',
      step: 'deploy',
    });
    for (const environment of [['production'], { name: 'production' }, 1, null])
      await refusedWith(await raw(claims({ environment })), 'ERR_OIDC_CLAIM_INVALID', {
        job: 'stage',
        step: 'deploy',
      });
    await granted(await raw(claims({ environment: 'kube-stage', run_id: runIdOf('env-ok') })), {
      job: 'stage',
      step: 'deploy',
    });
  });

  it('aud: the broker alone; an array naming another audience too is refused', async () => {
    await granted(await raw(claims({ aud: [AUD], run_id: runIdOf('aud-one') })));
    for (const aud of [
      [AUD, 'https://other.example.com'],
      ['https://other.example.com', AUD],
      [AUD, AUD],
      [],
    ])
      await refusedWith(await raw(claims({ aud })), 'ERR_OIDC_AUDIENCE');
    for (const aud of [`${AUD}/`, AUD.toUpperCase(), `${AUD}\u0000`, 'https://github.com/octo-org'])
      await refusedWith(await raw(claims({ aud })), 'ERR_OIDC_AUDIENCE');
  });

  it('iss: exactly a configured issuer (no trailing slash, enterprise path, case), nothing fetched for others', async () => {
    const fetched = s.issuer.discoveryFetches;
    const u = s.issuer.url;
    for (const iss of [`${u}/`, `${u}/octo-enterprise`, u.toUpperCase(), `${u}#`, `${u}?x`, ` ${u}`])
      await refusedWith(await raw(claims({ iss })), 'ERR_OIDC_ISSUER');
    expect(s.issuer.discoveryFetches).toBe(fetched);
  });

  it('times: exp missing, iat in the future, nbf in the future, iat without exp', async () => {
    const t = now();
    await refusedWith(await raw(claims({ exp: undefined })), 'ERR_OIDC_TIME_INVALID');
    await refusedWith(await raw(claims({ iat: t + 3600, nbf: undefined })), 'ERR_OIDC_IAT_FUTURE');
    await refusedWith(await raw(claims({ nbf: t + 600 })), 'ERR_OIDC_NOT_YET_VALID');
    await refusedWith(await raw(claims({ iat: undefined })), 'ERR_OIDC_TIME_INVALID');
    await refusedWith(await raw(claims({ exp: t - 3600, iat: t - 3700 })), 'ERR_OIDC_EXPIRED');
  });
});

describe('look-alikes, NUL bytes and case in the claims conditions read', () => {
  it.each([
    ['a Cyrillic letter in repository', { repository: 'octo-org/octo-rеpo' }, 'ERR_OIDC_CLAIM_INVALID'],
    ['a NUL byte in repository', { repository: 'octo-org/octo-repo\u0000' }, 'ERR_OIDC_CLAIM_INVALID'],
    // NUL in any string claim: refused by the verifier's control-character rule (session 26).
    ['a NUL byte after the default branch', { ref: 'refs/heads/main\u0000' }, 'ERR_OIDC_CLAIM_INVALID'],
    ['the default branch in another case', { ref: 'refs/heads/Main' }, 'ERR_CONDITION_REF'],
    ['a dot-dot path under the default branch', { ref: 'refs/heads/main/../main' }, 'ERR_CONDITION_REF'],
    ['a tag named like the default branch', { ref: 'refs/tags/main' }, 'ERR_CONDITION_REF'],
    ['a pull request merge ref', { ref: 'refs/pull/1/merge' }, 'ERR_CONDITION_REF'],
    ['a merge queue ref', { ref: 'refs/heads/gh-readonly-queue/main/pr-1-abc' }, 'ERR_CONDITION_REF'],
    [
      'a caller workflow of another repository',
      { workflow_ref: 'evil-org/octo-repo/.github/workflows/release.yml@refs/heads/main' },
      'ERR_CLAIM_WORKFLOW_REF',
    ],
    [
      'a job workflow ref with a NUL in the file name',
      { job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml\u0000@refs/heads/main' },
      'ERR_OIDC_CLAIM_INVALID',
    ],
  ])('%s -> %s', async (_n, over, expected) => {
    await refusedWith(await raw(claims(over)), expected);
  });

  it('an owner spelled with U+212A (Kelvin sign) is not the owner of repository', async () => {
    const v = createOidcVerifier({ issuers: [s.issuer.url], audience: AUD });
    const t = await raw(claims({ repository: 'kube-org/octo-repo', repository_owner: '\u212Aube-org' }));
    const err = await v.verify(t).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OidcError);
    expect([(err as OidcError).code, (err as OidcError).claim]).toEqual([
      'ERR_OIDC_CLAIM_INVALID',
      'repository_owner',
    ]);
    // ASCII case is still GitHub's: an owner claim in other case is the same owner.
    await expect(v.verify(await raw(claims({ repository_owner: 'OCTO-ORG' })))).resolves.toBeTruthy();
  });

  it("an environment with U+212A for K is not the job's environment kube-stage; KUBE-STAGE is", async () => {
    await refusedWith(await raw(claims({ environment: '\u212Aube-stage' })), 'ERR_ENVIRONMENT_NOT_DECLARED', {
      job: 'stage',
      step: 'deploy',
    });
    await granted(await raw(claims({ environment: 'KUBE-STAGE', run_id: runIdOf('env-case') })), {
      job: 'stage',
      step: 'deploy',
    });
    expect(globMatch('kube-prod', '\u212Aube-prod', { nocase: true })).toBe(false);
    expect(globMatch('kube-*', '\u212Aube-prod', { nocase: true })).toBe(false);
    expect(globMatch('kube-prod', 'KUBE-PROD', { nocase: true })).toBe(true);
    expect(globMatch('straße', 'STRASSE', { nocase: true })).toBe(false);
  });
});

describe('events and runners', () => {
  it('pull_request_target and workflow_run need an explicit trigger; a fork pull request is refused', async () => {
    for (const event_name of ['pull_request_target', 'workflow_run'])
      await refusedWith(
        await raw(
          claims({
            event_name,
            workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
          }),
        ),
        'ERR_TRIGGER_NOT_ALLOWED',
        { job: 'test' },
      );
    // The same file on push is granted: the refusal is the trigger's.
    await granted(
      await raw(
        claims({
          run_id: runIdOf('ci-push'),
          workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
          job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
        }),
      ),
      { job: 'test' },
    );
    await refusedWith(
      await raw(
        claims({
          event_name: 'pull_request',
          ref: 'refs/pull/7/merge',
          head_ref: 'main',
          base_ref: 'main',
          workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/7/merge',
          job_workflow_ref: 'octo-org/octo-repo/.github/workflows/ci.yml@refs/pull/7/merge',
        }),
      ),
      'ERR_CONDITION_REF',
      { job: 'test' },
    );
  });

  it('runner-environment: self-hosted and a missing claim are refused, github-hosted granted', async () => {
    const o = { job: 'hosted', step: 'build' };
    await refusedWith(
      await raw(claims({ runner_environment: 'self-hosted' })),
      'ERR_CONDITION_RUNNER_ENVIRONMENT',
      o,
    );
    await refusedWith(
      await raw(claims({ runner_environment: 'GitHub-Hosted' })),
      'ERR_CONDITION_RUNNER_ENVIRONMENT',
      o,
    );
    await refusedWith(await raw(claims({ runner_environment: undefined })), 'ERR_CLAIM_MISSING', o);
    await granted(await raw(claims({ run_id: runIdOf('hosted-ok') })), o);
  });
});

describe('races and rate limits', () => {
  it('a single-use grant claimed by 12 parallel requests (fresh tokens) is issued once', async () => {
    const tokens = await Promise.all(
      Array.from({ length: 12 }, () =>
        raw(claims({ run_id: runIdOf('race-once'), jti: crypto.randomUUID() })),
      ),
    );
    const rs = await Promise.all(tokens.map((t) => exchange(t, { step: 'once' })));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    // The others: a second claim (counted, once the winner delivered) or held while it was in
    // flight (503, not counted); either way nothing more was issued, and a retry after it is refused.
    expect(
      rs.filter((r) => ['ERR_GRANT_ALREADY_CLAIMED', 'ERR_GRANT_IN_FLIGHT'].includes(errorCode(r))),
    ).toHaveLength(11);
    const late = await exchange(
      await raw(claims({ run_id: runIdOf('race-once'), jti: crypto.randomUUID() })),
      {
        step: 'once',
      },
    );
    expect(errorCode(late)).toBe('ERR_GRANT_ALREADY_CLAIMED');
    const twice = await Promise.all(
      Array.from({ length: 12 }, () =>
        raw(claims({ run_id: runIdOf('race-twice'), jti: crypto.randomUUID() })),
      ),
    );
    const r2 = await Promise.all(twice.map((t) => exchange(t, { step: 'twice' })));
    expect(r2.filter((r) => r.status === 200)).toHaveLength(2);
  });

  it('one token sent 12 times in parallel is exchanged once', async () => {
    const t = await raw(claims({ run_id: runIdOf('race-jti') }));
    const rs = await Promise.all(Array.from({ length: 12 }, () => exchange(t)));
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => errorCode(r) === 'ERR_OIDC_REPLAYED')).toHaveLength(11);
  });

  it('the rate limit is per repository id: case, whitespace and other request fields do not open another bucket', async () => {
    const st = await startStack({ rate: 3 });
    try {
      const variants = [
        { repository: 'octo-org/octo-repo', audience: HOOKS },
        { repository: 'OCTO-ORG/OCTO-REPO', repository_owner: 'OCTO-ORG', audience: HOOKS },
        { repository: 'octo-org/octo-repo', audience: ` ${HOOKS}` },
        { repository: 'Octo-Org/Octo-Repo', repository_owner: 'Octo-Org', audience: HOOKS.toUpperCase() },
      ];
      const rs = [];
      for (const [i, v] of variants.entries()) {
        const { audience, ...c } = v;
        const t = await st.issuer.mint({ ...c, run_id: runIdOf(`rate-${i}`) });
        secrets.add(t);
        const r = await st.token(st.exchangeForm(t, { audience, step: 'notify' }));
        rs.push(r);
      }
      expect(rs.slice(0, 3).map((r) => r.status)).not.toContain(429);
      expect([rs[3]!.status, errorCode(rs[3]!)]).toEqual([429, 'ERR_RATE_LIMITED']);
    } finally {
      await st.close();
    }
  });
});
