/**
 * Hostile review (session 15), against the real broker (local issuer, GitHub stand-in): what a refusal
 * quotes of the request itself (parameter names, the audience, step and scopes asked for) is written
 * out, as session 14 made the claims: a refusal's text is the response's `error_description` and the
 * audit line's `detail`, which a responder reads with `jq -r .detail` in a terminal. A chained
 * exchange checked none of its fields, so a carriage return, an ANSI escape or a right-to-left
 * override in the audience or a scope reached that text as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
          - { step: release, audience: github, permissions: { contents: read }, uses: 100, ttl: 120 }
`;

let s: Stack;
let runs = 0;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST, app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  await s.close();
});

/** The refusal's text as the client and the audit line each carry it. */
async function refusal(
  send: () => Promise<{ status: number; body: Record<string, unknown> }>,
): Promise<{ code: string; texts: string[] }> {
  const before = s.audit.events.length;
  const r = await send();
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  const code = errorCode(r);
  const lines = s.audit.events.slice(before).filter((e) => e.reason === code);
  expect(lines).toHaveLength(1);
  return { code, texts: [String(r.body.error_description), String(lines[0]!.detail)] };
}

const clean = (texts: string[]) => texts.map((t) => HIDDEN.test(t));

async function parent() {
  const oidc = await s.issuer.mint({ run_id: runIdOf(`s15e-${++runs}`) });
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', scope: 'notify:send' }));
  expect(r.status).toBe(200);
  return String(r.body.access_token);
}
const chain = (subject: string, form: Record<string, string>) => () =>
  s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, ...form });
const exchange = (form: Record<string, string>) => async () =>
  s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s15e-${++runs}`) }), form));

describe('a chained exchange quotes what it was asked written out', () => {
  // C0 controls and DEL are refused before anything quotes them (ERR_PARAM_INVALID, session 17:
  // hostile-s17-chain); what passes that rule and is still invisible is written out.
  it('an audience with a next-line, a line separator and a C1 escape (ERR_CHAIN_AUDIENCE)', async () => {
    const { code, texts } = await refusal(
      chain(await parent(), { audience: 'https://x\u0085\u2028\u009b[2JERR_NONE: granted' }),
    );
    expect(code).toBe('ERR_CHAIN_AUDIENCE');
    expect(clean(texts)).toEqual([false, false]);
    for (const t of texts) expect(t).toContain('https://x\\u0085\\u2028\\u009b[2JERR_NONE');
  });

  it('a scope with a C1 escape and a right-to-left override (ERR_CHAIN_SCOPE)', async () => {
    const { code, texts } = await refusal(chain(await parent(), { scope: 'notify:read\u009b[8m\u202e' }));
    expect(code).toBe('ERR_CHAIN_SCOPE');
    expect(clean(texts)).toEqual([false, false]);
    for (const t of texts) expect(t).toContain('notify:read\\u009b[8m\\u202e');
  });
});

describe('an exchange of an OIDC token quotes the step, audience and scope written out', () => {
  it.each([
    ['a step with a right-to-left override', { audience: HOOKS, step: 'notify\u202e' }, 'ERR_NO_GRANT'],
    ['an audience with a C1 next-line', { audience: `${HOOKS}\u0085`, step: 'notify' }, 'ERR_NO_GRANT'],
    [
      'a service scope with a C1 control sequence introducer',
      { audience: HOOKS, step: 'notify', scope: 'notify:send\u009b2J' },
      'ERR_SCOPE_NOT_GRANTED',
    ],
    [
      'a GitHub scope with a zero-width space',
      { audience: 'github', step: 'release', scope: 'contents:read\u200b' },
      'ERR_SCOPE_SYNTAX',
    ],
  ])('%s', async (_n, form, expected) => {
    const { code, texts } = await refusal(exchange(form));
    expect(code).toBe(expected);
    expect(clean(texts)).toEqual([false, false]);
  });
});

describe('parameter names are quoted written out', () => {
  const post =
    (body: string, type = 'application/x-www-form-urlencoded') =>
    async () => {
      const res = await fetch(`${s.broker.url}/token`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };

  it('a form name given twice, with a right-to-left override (ERR_PARAM_DUPLICATE)', async () => {
    const { code, texts } = await refusal(post('%E2%80%AEx%1B%5B2J=1&%E2%80%AEx%1B%5B2J=2'));
    expect(code).toBe('ERR_PARAM_DUPLICATE');
    expect(clean(texts)).toEqual([false, false]);
  });

  it('two names equal but for case, with an escape (ERR_PARAM_DUPLICATE)', async () => {
    const { code, texts } = await refusal(post('a%1B%5B2J=1&A%1B%5B2J=2'));
    expect(code).toBe('ERR_PARAM_DUPLICATE');
    expect(clean(texts)).toEqual([false, false]);
  });

  it('a JSON name whose value is not a string, with an escape (ERR_BODY)', async () => {
    const { code, texts } = await refusal(post('{"\\u001b[2J\\u202e": null}', 'application/json'));
    expect(code).toBe('ERR_BODY');
    expect(clean(texts)).toEqual([false, false]);
  });
});
