/**
 * Hostile review (session 17), chained exchanges (a broker JWT as `subject_token`) against the real
 * broker: the request's own `audience` and `scope` are held to the rule an exchange of an OIDC token
 * applies (request.ts: bounded, no C0 control or DEL), refused as ERR_PARAM_INVALID and attributed to
 * the credential presented. Before, the chained path read them as they came: a control character was
 * refused only later, as another audience or a scope not held, and a scope list over the bound
 * (every scope held, just repeated) was granted. Also kept as a regression net: a chain from a
 * credential whose job has ended (the job-end listing revoked it) is refused, naming whose it is.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
`;

let s: Stack;
let runs = 0;
const secrets = new Set<string>();

beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  const audit = JSON.stringify(s.audit.events);
  for (const t of secrets) expect(audit.includes(t)).toBe(false);
  await closeCheckingAudit(s);
});

async function parent(claims: Record<string, unknown> = {}) {
  const runId = `s17c-${++runs}`;
  const oidc = await s.issuer.mint({ run_id: runIdOf(runId), ...claims });
  secrets.add(oidc);
  const r = await s.token(s.exchangeForm(oidc, { audience: HOOKS, step: 'notify', scope: 'notify:send' }));
  expect([r.status, errorCode(r)]).toEqual([200, '']);
  const token = String(r.body.access_token);
  secrets.add(token);
  return { token, grantId: String(r.body.grant_id), runId };
}
const chain = (subject: string, form: Record<string, string>) =>
  s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, ...form });

/** One refusal of a chained exchange: its code, and its one audit line naming the parent. */
async function refusedChain(form: Record<string, string>) {
  const p = await parent();
  const before = s.audit.events.length;
  const r = await chain(p.token, form);
  if (typeof r.body.access_token === 'string') secrets.add(r.body.access_token);
  const lines = s.audit.events.slice(before);
  return { r, code: errorCode(r), lines, p };
}

describe("a chained exchange's audience and scope follow the exchange's own rule", () => {
  it.each([
    [
      'an audience with a carriage return, a new line and an escape',
      { audience: `${HOOKS}\r\n\u001b[2J` },
      'audience',
    ],
    ['a scope with a tab between two held scopes', { scope: 'notify:send\tnotify:read' }, 'scope'],
    ['a scope with a NUL', { scope: 'notify:send\u0000' }, 'scope'],
    ['a scope with DEL', { scope: 'notify:send\u007f' }, 'scope'],
    ['an audience over 256 characters', { audience: `${HOOKS}/${'a'.repeat(300)}` }, 'audience'],
    // Every scope held, repeated past the bound an OIDC exchange refuses: it was granted.
    ['a scope list over 1024 characters', { scope: Array(90).fill('notify:send').join(' ') }, 'scope'],
  ])('%s: ERR_PARAM_INVALID, attributed to the credential presented', async (_what, form, name) => {
    const { r, code, lines, p } = await refusedChain(form);
    expect([r.status, r.body.error, code]).toEqual([400, 'invalid_request', 'ERR_PARAM_INVALID']);
    expect(r.body.access_token).toBeUndefined();
    expect(String(r.body.error_description)).toBe(
      `ERR_PARAM_INVALID: parameter '${name}' is longer than ${name === 'audience' ? 256 : 1024} characters or holds control characters`,
    );
    expect(lines.map((e) => [e.type, e.outcome, e.reason])).toEqual([
      ['credential.refused', 'denied', 'ERR_PARAM_INVALID'],
    ]);
    expect(lines[0]).toMatchObject({
      repository: 'octo-org/octo-repo',
      run_id: runIdOf(p.runId),
      audience: HOOKS,
      details: { parent_grant_id: p.grantId },
    });
  });

  it('held scopes, the same audience, within the bounds: granted (control)', async () => {
    const p = await parent();
    const r = await chain(p.token, { audience: HOOKS, scope: 'notify:send notify:send' });
    expect([r.status, errorCode(r), r.body.scope]).toEqual([200, '', 'notify:send']);
    secrets.add(String(r.body.access_token));
  });

  it('a chain from a credential of an ended job is refused, naming the credential (regression net)', async () => {
    const p = await parent({ check_run_id: '1701' });
    const end = await s.post('/revoke', {
      subject_token: await s.issuer.mint({ run_id: runIdOf(p.runId), check_run_id: '1701' }),
      job: 'publish',
    });
    expect([end.status, end.body.revoked]).toEqual([200, 1]);
    const before = s.audit.events.length;
    const r = await chain(p.token, { scope: 'notify:send' });
    expect([r.status, errorCode(r), String(r.body.error_description)]).toEqual([
      400,
      'ERR_CHAIN_SUBJECT',
      'ERR_CHAIN_SUBJECT: subject_token was revoked',
    ]);
    expect(s.audit.events.slice(before)).toEqual([
      expect.objectContaining({
        type: 'credential.refused',
        reason: 'ERR_CHAIN_SUBJECT',
        run_id: runIdOf(p.runId),
        details: { parent_grant_id: p.grantId },
      }),
    ]);
  });
});
