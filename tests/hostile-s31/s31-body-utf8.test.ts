/**
 * Session 31 (lead, from w-red's finding): the broker read a request body as UTF-8 with each
 * ill-formed byte turned into U+FFFD, so a raw byte beside an escape (`\xC3%A9`) was two U+FFFD to
 * the broker and `é` to a proxy or parser that reads bytes first. Such a body is now refused with
 * ERR_BODY_ENCODING (400), audited, and nothing is issued; well-formed UTF-8 is read as before.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const FORM = 'application/x-www-form-urlencoded';
const exchange = (token: string, step: string) =>
  [
    'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange',
    `subject_token=${token}`,
    'subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token',
    'audience=https%3A%2F%2Fhooks.example.internal',
    'job=publish',
    `step=${step}`,
  ].join('&');

describe('a request body that is not well-formed UTF-8 (s31)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ alpha: 531101 });
    broker = await rig.spawn('s31-utf8');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  async function post(type: string, parts: (string | number[])[]) {
    const res = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': type },
      body: Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (typeof body.access_token === 'string') rig.secrets.push(body.access_token);
    return { status: res.status, description: String(body.error_description ?? ''), body };
  }

  it.each([
    ['a lead byte before an escape', [0xc3]],
    ['a lone continuation byte', [0xa9]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a surrogate half', [0xed, 0xa0, 0x80]],
    ['a byte past U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['0xFF', [0xff]],
  ])(
    'a form with %s is refused as ERR_BODY_ENCODING, nothing issued',
    async (_what, bytes) => {
      const token = await rig.oidc('alpha', `s31-utf8-${++run}`);
      const [head, tail] = exchange(token, 'STEP').split('STEP') as [string, string];
      const r = await post(FORM, [head, 'notify', bytes, '%A9', tail]);
      expect(r.status).toBe(400);
      expect(r.description).toMatch(
        /^ERR_BODY_ENCODING: request body is not well-formed UTF-8; percent-encode/,
      );
      expect(r.body.access_token).toBeUndefined();
    },
    60_000,
  );

  it('a JSON body with an ill-formed byte in a string is refused the same way', async () => {
    const token = await rig.oidc('alpha', `s31-utf8-${++run}`);
    const json = JSON.stringify(Object.fromEntries(new URLSearchParams(exchange(token, 'notify'))));
    const [head, tail] = json.split('"notify"') as [string, string];
    const r = await post('application/json', [head, '"notify', [0xe9], '"', tail]);
    expect([r.status, r.description.split(':')[0]]).toEqual([400, 'ERR_BODY_ENCODING']);
    expect(r.body.access_token).toBeUndefined();
  }, 60_000);

  it('well-formed UTF-8 raw in a form, and the plain exchange, are read as before', async () => {
    // `é` sent raw (C3 A9) names no step of the manifest: refused by the grant rule, not the encoding.
    let token = await rig.oidc('alpha', `s31-utf8-${++run}`);
    const raw = await post(FORM, [exchange(token, 'notify'), [0xc3, 0xa9]]);
    expect(raw.description).not.toMatch(/ERR_BODY_ENCODING/);
    expect(raw.description).toMatch(/^ERR_/);
    token = await rig.oidc('alpha', `s31-utf8-${++run}`);
    const plain = await post(FORM, [exchange(token, 'notify')]);
    expect(plain.status).toBe(200);
    expect(typeof plain.body.access_token).toBe('string');
  }, 60_000);

  it('the refusal is audited with its code and no token', async () => {
    const file = join(rig.dir, 'audit-s31-utf8.jsonl');
    await until(() => readFileSync(file, 'utf8').includes('ERR_BODY_ENCODING'), 60_000, 'the refusal line');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const refused = lines.filter((l) => l.includes('ERR_BODY_ENCODING'));
    expect(refused.length).toBeGreaterThanOrEqual(7);
    for (const l of refused) {
      expect(JSON.parse(l)).toMatchObject({ outcome: 'denied' });
      for (const s of rig.secrets) expect(l).not.toContain(s);
    }
  }, 90_000);
});
