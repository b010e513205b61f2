/**
 * Hostile review (session 15), against the real broker (local issuer, GitHub stand-in): a token the
 * trusted issuer signed, refused for what it says (expired: a stolen token replayed late; another
 * relying party's audience: a token taken from a step that talks to a cloud), is the issuer's word
 * about which repository and run it came from. Its refusal line says so, and, being attributed, is
 * never one of the unauthenticated lines a flood of forged tokens pushes past the audit budget. A
 * token whose signature fails stays unattributed: nothing in it can be believed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type Stack, errorCode } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

let s: Stack;
let runs = 0;
beforeAll(async () => {
  s = await startStack({ app: { timeoutMs: 60_000 } });
});
afterAll(async () => {
  await s.close();
});

async function refusalLines(token: string) {
  const before = s.audit.events.length;
  const r = await s.token(s.exchangeForm(token));
  expect(r.status).toBe(400);
  const code = errorCode(r);
  return { code, lines: s.audit.events.slice(before).filter((e) => e.reason === code) };
}

const signedBy = (run: string) => ({
  repository: 'octo-org/octo-repo',
  repository_id: '100001',
  run_id: runIdOf(run),
  job: 'publish',
  step: 'release',
});

describe("a signed token refused for its claims names the issuer's repository and run", () => {
  it('expired (ERR_OIDC_EXPIRED)', async () => {
    const run = `s15sr-${++runs}`;
    const t = await s.issuer.mint({ run_id: runIdOf(run) }, { issuedAtOffset: -400, expiresIn: 300 });
    const { code, lines } = await refusalLines(t);
    expect(code).toBe('ERR_OIDC_EXPIRED');
    expect(lines).toEqual([expect.objectContaining(signedBy(run))]);
  });

  it("another relying party's audience (ERR_OIDC_AUDIENCE)", async () => {
    const run = `s15sr-${++runs}`;
    const { code, lines } = await refusalLines(
      await s.issuer.mint({ run_id: runIdOf(run), aud: 'sts.amazonaws.com' }),
    );
    expect(code).toBe('ERR_OIDC_AUDIENCE');
    expect(lines).toEqual([expect.objectContaining(signedBy(run))]);
  });

  it('a lifetime longer than GitHub gives (ERR_OIDC_LIFETIME)', async () => {
    const run = `s15sr-${++runs}`;
    const { code, lines } = await refusalLines(
      await s.issuer.mint({ run_id: runIdOf(run) }, { expiresIn: 7200 }),
    );
    expect(code).toBe('ERR_OIDC_LIFETIME');
    expect(lines).toEqual([expect.objectContaining(signedBy(run))]);
  });

  it('claims of the wrong shape are not copied into the line (ERR_OIDC_CLAIM_INVALID)', async () => {
    const { code, lines } = await refusalLines(
      await s.issuer.mint({ run_id: runIdOf(`s15sr-${++runs}`), repository: 'octo-org/../octo-repo' }),
    );
    expect(code).toBe('ERR_OIDC_CLAIM_INVALID');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('repository');
  });

  it('a signature that fails: unattributed', async () => {
    const t = await s.issuer.mint({ run_id: runIdOf(`s15sr-${++runs}`) });
    const [h, p] = t.split('.');
    const { code, lines } = await refusalLines(
      `${h}.${p}.${Buffer.from('x'.repeat(256)).toString('base64url')}`,
    );
    expect(code).toBe('ERR_OIDC_SIGNATURE');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('repository');
    expect(lines[0]).not.toHaveProperty('repository_id');
  });
});

// Last: it spends the budget of unauthenticated lines.
describe('a flood of forged tokens does not hide a stolen one', () => {
  it('an expired token of the repository presented amid the flood is still written', async () => {
    const run = `s15sr-${++runs}`;
    const stolen = await s.issuer.mint({ run_id: runIdOf(run) }, { issuedAtOffset: -400, expiresIn: 300 });
    const garbage = (n: number) =>
      Promise.all(Array.from({ length: n }, () => s.token(s.exchangeForm('e30.e30.e30'))));
    await garbage(150);
    const more = garbage(150);
    const { code, lines } = await refusalLines(stolen);
    await more;
    expect(s.audit.events.some((e) => e.reason === 'AUDIT_SUPPRESSED')).toBe(true);
    expect(code).toBe('ERR_OIDC_EXPIRED');
    expect(lines).toEqual([expect.objectContaining(signedBy(run))]);
  });
});
