/**
 * Session 27, at the broker: its own JWTs are held to the text shape of GitHub's tokens before jose
 * reads them (jose skips a space inside the signature part, so a credential had other spellings), and
 * the kill switch's `run_id` selector to the digits a verified token's run_id has (a selector of
 * another shape matched nothing, yet answered `blocked: true`).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  chainForm,
  closeCheckingAudit,
  errorCode,
  HOOKS,
  startStack,
  type Stack,
} from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
const ADMIN = { authorization: 'Bearer secret' };

beforeAll(async () => {
  s = await startStack();
});
afterAll(() => closeCheckingAudit(s));

async function credential(label: string): Promise<string> {
  const r = await s.token(
    s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(label) }), { audience: HOOKS, step: 'notify' }),
  );
  expect(r.status).toBe(200);
  return String(r.body.access_token);
}

describe("the broker's own JWTs at a chained exchange (s27)", () => {
  it('refuses a live credential spelled with a space or a tab inside its signature, before reading it', async () => {
    const jwt = await credential('s27-shape-1');
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    for (const spelled of [
      `${h}.${p}.${sig.slice(0, 8)} ${sig.slice(8)}`,
      `${h}.${p}.${sig.slice(0, 8)}\t${sig.slice(8)}`,
    ]) {
      const r = await s.token(chainForm(spelled));
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
      expect(String(r.body.error_description)).toContain('not a compact JWS (three base64url parts)');
    }
    // The credential as issued still chains: the refusal is of the spelling, not of the credential.
    expect((await s.token(chainForm(jwt))).status).toBe(200);
  });
});

describe("the broker's own JWTs spelled with bits past a part's last byte (s28)", () => {
  it('refuses the other 15 spellings of a live credential at a chained exchange and at introspection; the issued one still chains', async () => {
    const jwt = await credential('s28-spelling');
    const [h, p, sig] = jwt.split('.') as [string, string, string];
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const same = [...ALPHABET]
      .map((ch) => `${h}.${p}.${sig.slice(0, -1)}${ch}`)
      .filter(
        (v) => v !== jwt && Buffer.from(v.split('.')[2]!, 'base64url').equals(Buffer.from(sig, 'base64url')),
      );
    expect(same.length).toBe(15); // a 64-byte ES256 signature: four unused bits in its last character
    for (const spelled of same) {
      const r = await s.token(chainForm(spelled));
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_CHAIN_SUBJECT']);
      expect(String(r.body.error_description)).toContain(
        "the token's signature part is not canonical base64url",
      );
      // As an introspection client it is no client (the admin token asks: the spelling is no credential).
      const asClient = await s.post('/introspect', { token: jwt }, { authorization: `Bearer ${spelled}` });
      expect([asClient.status, errorCode(asClient)]).toEqual([401, 'ERR_INTROSPECT_UNAUTHORIZED']);
    }
    expect(
      (await s.post('/introspect', { token: jwt }, { authorization: `Bearer ${jwt}` })).body,
    ).toMatchObject({
      active: true,
    });
    expect((await s.token(chainForm(jwt))).status).toBe(200);
  });
});

describe("the kill switch's run_id selector (s27)", () => {
  it.each(['s27-run', '0' + runIdOf('s27-kill'), ` ${runIdOf('s27-kill')}`, '+1', '1'.repeat(21)])(
    'refuses run_id %j, blocking nothing',
    async (run_id) => {
      const r = await s.post('/admin/revoke', { run_id }, ADMIN);
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
      expect(String(r.body.error_description)).toContain('is not a run id');
      expect((await s.store.blocks()).length).toBe(0);
    },
  );

  it("accepts a run id of a verified token's shape, and blocks that run", async () => {
    const run_id = runIdOf('s27-kill');
    expect((await s.post('/admin/revoke', { run_id }, ADMIN)).status).toBe(200);
    const r = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id }), { audience: HOOKS, step: 'notify' }),
    );
    expect(r.status).toBe(403);
    expect((await s.post('/admin/unblock', { run_id }, ADMIN)).status).toBe(200);
  });
});
