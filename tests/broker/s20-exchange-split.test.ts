/**
 * Session 20, attacking session 19's split of the exchange into admit() and granted() (w-bspeed19):
 * the HTTP answer and the audit lines of a refusal at every stage, of a late refusal (GitHub failing
 * after the gate, the kill switch firing while the credential is minted), of a dry run and of a grant
 * are the same as 47ab34b's (the tree before the split). Run against 47ab34b with
 * S20_SPLIT_DUMP=<file>, this suite wrote the same normalized lines as on the split (docs/decisions.md,
 * "Attacking session 19's broker changes (session 20)"); the expectations below hold on both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { memoryAuditSink } from '../../shared/broker/audit-log.js';
import { closeCheckingAudit, errorCode, HOOKS, startStack, type Stack } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';
let s: Stack;
let runs = 0;
const observed: Record<string, unknown> = {};
// The stack's audit, with a disk that can fail the next write-ahead wait (a late refusal's cause).
const lines = memoryAuditSink();
const disk = { failNext: false };

beforeAll(async () => {
  s = await startStack({
    auditSink: {
      write: (e) => lines.write(e),
      flush: async () => {
        if (disk.failNext) {
          disk.failNext = false;
          throw new Error('EIO: the audit disk failed');
        }
        return lines.flush();
      },
    },
  });
  Object.assign(s.audit, { events: lines.events });
});
afterAll(async () => {
  if (process.env.S20_SPLIT_DUMP)
    writeFileSync(process.env.S20_SPLIT_DUMP, JSON.stringify(observed, null, 1));
  await closeCheckingAudit(s);
});

/** An audit event without what differs between runs (times, ids, token hashes). */
function normal(e: object): unknown {
  return JSON.parse(
    JSON.stringify(e, (k, v: unknown) =>
      ['time', 'grant_id', 'jti', 'ttl', 'expires_at', 'issued_at', 'token_hash'].includes(k) ? '<v>' : v,
    )
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<iso>')
      .replace(/ghs_[A-Za-z0-9_]+/g, '<ghs>'),
  );
}

/** Runs `act`, records its answer and the audit lines it wrote under `name`, returns both. */
async function observe(
  name: string,
  act: () => Promise<{ status: number; body: Record<string, unknown> }>,
): Promise<{ status: number; code: string; lines: Record<string, unknown>[] }> {
  const from = s.audit.events.length;
  const r = await act();
  // The audit sink is written before the answer, except for what follows a grant (none here).
  const lines = s.audit.events.slice(from).map((e) => normal(e) as Record<string, unknown>);
  const body = normal({ ...r.body, access_token: r.body.access_token ? '<token>' : undefined });
  observed[name] = { status: r.status, body, lines };
  return { status: r.status, code: errorCode(r), lines };
}

const mint = (over: Record<string, unknown> = {}) =>
  s.issuer.mint({ run_id: runIdOf(`s20x-${++runs}`), ...over });
const admin = (path: string, form: Record<string, string>) =>
  s.post(path, form, { authorization: 'Bearer secret' });

describe('refusals at every stage of the exchange: same answer, same audit line', () => {
  it.each([
    [
      'request: grant type',
      async () => s.exchangeForm(await mint(), { grant_type: 'password' }),
      400,
      'ERR_GRANT_TYPE',
    ],
    ['verification: a token not signed', async () => s.exchangeForm('x.y.z'), 400, 'ERR_OIDC_MALFORMED'],
    [
      'decision: a step with no grant',
      async () => s.exchangeForm(await mint(), { step: 'nope' }),
      400,
      'ERR_NO_GRANT',
    ],
    [
      'decision: a scope not granted',
      async () => s.exchangeForm(await mint(), { audience: HOOKS, step: 'notify', scope: 'notify:admin' }),
      400,
      'ERR_SCOPE_NOT_GRANTED',
    ],
    [
      'decision: a permission above the grant',
      async () => s.exchangeForm(await mint(), { scope: 'contents:admin' }),
      400,
      'ERR_SCOPE_NOT_GRANTED',
    ],
    [
      'dry run: refused',
      async () => ({ ...s.exchangeForm(await mint(), { step: 'nope' }), dry_run: 'true' }),
      400,
      'ERR_NO_GRANT',
    ],
    ['dry run: granted', async () => ({ ...s.exchangeForm(await mint()), dry_run: 'true' }), 200, ''],
    ['granted: GitHub token', async () => s.exchangeForm(await mint()), 200, ''],
    [
      'granted: service token',
      async () => s.exchangeForm(await mint(), { audience: HOOKS, step: 'notify', scope: 'notify:send' }),
      200,
      '',
    ],
  ] as const)('%s', async (name, form, status, code) => {
    const f = await form();
    const r = await observe(name, () => s.token(f));
    expect([r.status, r.code]).toEqual([status, code]);
    expect(r.lines).toHaveLength(1);
    expect(r.lines[0]).toMatchObject(
      code
        ? { reason: code, outcome: 'denied', job: 'publish' }
        : { outcome: 'success', job: 'publish', repository: 'octo-org/octo-repo' },
    );
  });

  it('a replay and a grant used up: refused at the gate, named', async () => {
    const t = await mint();
    expect((await s.token(s.exchangeForm(t))).status).toBe(200);
    const replay = await observe('gate: replay', () => s.token(s.exchangeForm(t)));
    expect([replay.status, replay.code]).toEqual([400, 'ERR_OIDC_REPLAYED']);
    const run = `s20x-${++runs}`;
    const twice = (n: number) =>
      s.issuer
        .mint({ run_id: runIdOf(run), jti: `s20x-twice-${runs}-${n}` })
        .then((o) => s.token(s.exchangeForm(o, { audience: HOOKS, step: 'twice', scope: 'notify:send' })));
    expect((await twice(1)).status).toBe(200);
    expect((await twice(2)).status).toBe(200);
    const used = await observe('gate: uses spent', () => twice(3));
    expect([used.status, used.lines[0]?.reason]).toEqual([used.status, used.code]);
    expect(used.status).toBeGreaterThanOrEqual(400);
  });

  it('a late refusal (GitHub failing after the gate) gives the claim back and is audited with the request', async () => {
    const run = `s20x-${++runs}`;
    const form = async (n: number) =>
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(run), jti: `s20x-late-${runs}-${n}` }), {
        audience: 'github',
      });
    s.gh.standin.fail('POST', TOKENS, { count: 10, status: 500 });
    const late = await observe('late: GitHub 500', async () => s.token(await form(1)));
    s.gh.standin.fail('POST', TOKENS, { count: 0, status: 500 });
    expect(late.status).toBe(503);
    expect(late.lines.at(-1)).toMatchObject({
      type: 'credential.refused',
      outcome: 'error',
      job: 'publish',
      step: 'release',
      audience: 'github',
      repository: 'octo-org/octo-repo',
    });
    // The claim was given back: the same job step is granted at once.
    expect((await s.token(await form(2))).status).toBe(200);
  });

  it('the audit line not on disk (write-ahead failed): refused 503, the credential revoked, the claim given back', async () => {
    const run = `s20x-${++runs}`;
    const form = async (n: number) =>
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(run), jti: `s20x-disk-${runs}-${n}` }));
    disk.failNext = true;
    const r = await observe('late: audit disk failed', async () => s.token(await form(1)));
    expect([r.status, r.code]).toEqual([503, 'ERR_AUDIT_UNAVAILABLE']);
    expect(r.lines.map((l) => [l.type, l.reason ?? ''])).toEqual([
      ['credential.granted', ''],
      ['credential.revoked', 'ERR_AUDIT_UNAVAILABLE'],
      ['credential.refused', 'ERR_AUDIT_UNAVAILABLE'],
    ]);
    expect((await s.token(await form(2))).status).toBe(200);
  });

  it('the kill switch firing while the credential is minted: the exchange is refused and its credential revoked', async () => {
    const run = `s20x-${++runs}`;
    // The mint is held until the kill switch has fired: the switch lands while it is at GitHub, at
    // any load (a sleep here was a guess at how long the exchange needs to get there).
    const mintCall = holdNext(s.gh.standin, 'POST', TOKENS);
    const form = s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(run) }));
    const pending = observe('late: kill switch in flight', () => s.token(form));
    try {
      await mintCall.arrived;
      expect((await admin('/admin/revoke', { run_id: runIdOf(run) })).status).toBe(200);
    } finally {
      mintCall.release();
    }
    const r = await pending;
    expect([r.status, r.code]).toEqual([403, 'ERR_BLOCKED']);
    expect(r.lines.map((l) => [l.type, l.reason])).toContainEqual(['credential.refused', 'ERR_BLOCKED']);
    await admin('/admin/unblock', { run_id: runIdOf(run) });
  });
});
