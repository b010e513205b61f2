/**
 * Session 35, the door: a job's OIDC token sent where another value goes, the way a client gets it
 * wrong (the raw token as the whole body, as a parameter's name, in `audience`, `scope`, `job`,
 * `step`, `subject_token_type`, `requested_token_type`, `ttl`, `dry_run`, `actor_token`, twice, or as
 * the JSON body of a form). Each is refused naming its rule, and neither the answer nor the audit
 * line carries the token (nor its signature: the part that makes it a credential).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({});
});
afterAll(async () => {
  await s.close();
});

let runs = 0;
const mint = () => s.issuer.mint({ run_id: runIdOf(`s35-misplaced-${++runs}`) });

async function post(body: string, type = 'application/x-www-form-urlencoded') {
  const res = await fetch(`${s.broker.url}/token`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, body: parsed };
}

const PARAMS = [
  'audience',
  'scope',
  'job',
  'step',
  'subject_token_type',
  'requested_token_type',
  'ttl',
  'dry_run',
  'actor_token',
  'actor_token_type',
  'resource',
  'grant_type',
];

describe('a token where another value goes (s35)', () => {
  it.each(PARAMS)('in %s: refused naming its rule, the token nowhere', async (param) => {
    const other = await mint();
    const good = s.exchangeForm(await mint(), { audience: HOOKS, step: 'notify' });
    const before = s.audit.events.length;
    const r = await post(new URLSearchParams({ ...good, [param]: other }).toString());
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(errorCode(r)).toMatch(/^ERR_[A-Z_]+$/);
    const lines = JSON.stringify(s.audit.events.slice(before));
    const sig = other.split('.')[2]!;
    expect({ answer: r.text.includes(sig), audit: lines.includes(sig) }).toEqual({
      answer: false,
      audit: false,
    });
  });

  it.each([
    ['the raw token as the whole body', (t: string) => [t, undefined] as const],
    ['the token as a parameter name', (t: string) => [`${t}=1&grant_type=x`, undefined] as const],
    ['the token as an unknown parameter', (t: string) => [`token=${t}`, undefined] as const],
    ['a JSON body sent as a form', (t: string) => [JSON.stringify({ subject_token: t }), undefined] as const],
    ['a form sent as JSON', (t: string) => [`subject_token=${t}`, 'application/json'] as const],
    ['subject_token twice', (t: string) => [`subject_token=${t}&subject_token=${t}`, undefined] as const],
    ['a token with a NUL after it', (t: string) => [`subject_token=${t}%00`, undefined] as const],
  ])('%s: refused, the token nowhere', async (_n, shape) => {
    const t = await mint();
    const [body, type] = shape(t);
    const before = s.audit.events.length;
    const r = await post(body, type);
    expect(r.status).toBeGreaterThanOrEqual(400);
    const lines = JSON.stringify(s.audit.events.slice(before));
    const sig = t.split('.')[2]!;
    expect({ answer: r.text.includes(sig), audit: lines.includes(sig) }).toEqual({
      answer: false,
      audit: false,
    });
  });

  it.each(['/admin/revoke', '/admin/unblock', '/introspect', '/revoke'])(
    "as the bearer at %s (a job's token is no client's): refused or inert, the token nowhere",
    async (path) => {
      const t = await mint();
      const sig = t.split('.')[2]!;
      const before = s.audit.events.length;
      const answers: string[] = [];
      for (const authorization of [`Bearer ${t}`, `Basic ${Buffer.from(`x:${t}`).toString('base64')}`, t]) {
        const res = await fetch(`${s.broker.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization },
          body: new URLSearchParams({ repository: 'octo-org/octo-repo', token: 'x' }).toString(),
        });
        answers.push(await res.text());
        // Nothing blocked by a job's token, nothing introspected active with it.
        expect(answers.at(-1)).not.toMatch(/"active":true|"blocked"/);
      }
      expect(await s.store.blocks()).toEqual([]);
      const lines = JSON.stringify(s.audit.events.slice(before));
      expect({ answer: answers.join('').includes(sig), audit: lines.includes(sig) }).toEqual({
        answer: false,
        audit: false,
      });
    },
  );
});
