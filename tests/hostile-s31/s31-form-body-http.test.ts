/**
 * Session 31, attacking session 30's form reader (shared/broker/form-body.ts: indexOf and
 * decodeURIComponent, URLSearchParams where they would differ) through a broker process: every
 * hostile exchange body is answered as the same body re-encoded from URLSearchParams' reading of it
 * (the WHATWG parser: what a proxy or a WAF in front of the broker reads) is answered, or refused with
 * a rule's code. Each body is sent with a fresh ID token, and so is its re-encoding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAX_AUDIT_LINE } from '../../shared/broker/audit-log.js';
import { duplicateMember } from '../../shared/oidc/json-members.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const TYPE = 'application/x-www-form-urlencoded';
const EXCHANGE = 'urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange';
const ID_TOKEN = 'urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token';
const HOOKS = 'https%3A%2F%2Fhooks.example.internal';

/** An exchange body, raw, with `T` standing for the ID token; `extra` pieces appended as written. */
const exchange = (over: Partial<Record<string, string>> = {}, extra = '') =>
  Object.entries({
    grant_type: EXCHANGE,
    subject_token: 'T',
    subject_token_type: ID_TOKEN,
    audience: HOOKS,
    job: 'publish',
    step: 'notify',
    ...over,
  })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${v}`)
    .join('&') + extra;

/** What, the raw body, and the rule that refuses it ('' when it is granted). */
const BODIES: [string, string, string][] = [
  ['the plain body', exchange(), ''],
  ['`+` for a space in a value', exchange({ job: 'pub+lish' }), 'ERR_PARAM_INVALID'],
  ['`%2B` in a value', exchange({ step: 'notify%2B' }), 'ERR_NO_GRANT'],
  ['an escaped letter', exchange({ step: 'noti%66y', job: '%70ublish' }), ''],
  ['an escaped name', exchange({}, '').replace('step=', 'st%65p='), ''],
  ['`%` at the end', exchange({ step: 'notify%' }), 'ERR_NO_GRANT'],
  ['`%` at the end of the body', `${exchange()}%`, 'ERR_NO_GRANT'],
  ['`%zz`', exchange({ job: '%zzpublish' }), 'ERR_PARAM_INVALID'],
  ['`%00`', exchange({ job: 'publish%00' }), 'ERR_PARAM_INVALID'],
  ['a lone surrogate escaped', exchange({ step: 'notify%ED%A0%80' }), 'ERR_NO_GRANT'],
  ['overlong UTF-8', exchange({ step: 'notify%C0%AF' }), 'ERR_NO_GRANT'],
  ['a lone byte', exchange({ job: 'publish%FF' }), 'ERR_PARAM_INVALID'],
  ['a BOM before a name', exchange().replace('job=', '%EF%BB%BFjob='), 'ERR_PARAM_MISSING'],
  ['a name given twice', exchange({}, '&job=publish'), 'ERR_PARAM_DUPLICATE'],
  ['a name given twice, the second other', exchange({}, '&job=other'), 'ERR_PARAM_DUPLICATE'],
  ['a name spelt with an escape beside it', exchange({}, '&subject%5Ftoken=T'), 'ERR_PARAM_DUPLICATE'],
  ['a name spelt in another case', exchange({}, '&Job=publish'), 'ERR_PARAM_DUPLICATE'],
  ['a name with a `+`', exchange({}, '&job+=x'), ''],
  ['empty names and pieces', `&&=&${exchange()}&=x&&`, 'ERR_PARAM_DUPLICATE'],
  [
    '`;` as a separator',
    exchange({ job: undefined, step: undefined }, '&job=publish;step=notify'),
    'ERR_PARAM_INVALID',
  ],
  ['`=` in a value', exchange({ step: 'notify=x' }), 'ERR_NO_GRANT'],
  ['a piece without `=`', exchange({}, '&job'), 'ERR_PARAM_DUPLICATE'],
  ['`__proto__` and `constructor`', exchange({}, '&__proto__=1&constructor=x'), ''],
  ['`__proto__` escaped', exchange({}, '&%5F%5Fproto%5F%5F=1'), ''],
  ['a 60 kB value', exchange({ step: `notify${'%41'.repeat(20_000)}` }), 'ERR_PARAM_INVALID'],
  ['a 1 MB value', exchange({ step: `notify${'x'.repeat(1 << 20)}` }), 'ERR_BODY_TOO_LARGE'],
  ['a 1 MB body of pieces without `=`', `${exchange()}${'&a'.repeat(1 << 19)}`, 'ERR_BODY_TOO_LARGE'],
  ['a 40 kB body of pieces without `=`', `${exchange()}${'&a'.repeat(20_000)}`, 'ERR_PARAM_DUPLICATE'],
  ['many pairs', exchange({}, '&x=1'.repeat(3000)), 'ERR_PARAM_DUPLICATE'],
  ['a `+` in the token', exchange({ subject_token: 'T+' }), 'ERR_OIDC_MALFORMED'],
];

type Answer = { status: number; code: string; granted: boolean };

describe('hostile form bodies at the exchange (s31)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ alpha: 531001 });
    broker = await rig.spawn('s31-form');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  async function send(raw: string, headers: Record<string, string> = {}): Promise<Answer> {
    const token = await rig.oidc('alpha', `s31-form-${++run}`);
    const res = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': TYPE, ...headers },
      body: raw.replaceAll('T', token),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (typeof body.access_token === 'string') rig.secrets.push(body.access_token);
    const code = /^(ERR_[A-Z_]+)/.exec(String(body.error_description ?? ''))?.[1] ?? '';
    return { status: res.status, code, granted: typeof body.access_token === 'string' };
  }

  it.each(BODIES)(
    '%s: answered as its URLSearchParams reading is',
    async (_what, raw, rule) => {
      // The token stands in as `T`: a body's other `T`s would be replaced too, so none has one.
      expect(raw.replace(/token=T/g, '').includes('T')).toBe(false);
      const answer = await send(raw);
      const reencoded = await send(new URLSearchParams(raw).toString());
      expect(answer).toEqual(reencoded);
      // Granted, or refused naming its rule (which one pins the reading: `%66` an `f`, `+` a space).
      expect([answer.code, answer.granted]).toEqual([rule, rule === '']);
    },
    60_000,
  );

  it.each([
    ['charset', `${TYPE}; charset=UTF-8`, true],
    ['charset quoted, upper case', `${TYPE.toUpperCase()};CHARSET="utf-8"`, true],
    ['another charset', `${TYPE}; charset=iso-8859-1`, false],
    ['another parameter', `${TYPE}; boundary=x`, false],
    ['multipart', 'multipart/form-data; boundary=x', false],
    ['a prefix', `${TYPE}x`, false],
    ['text/plain', 'text/plain', false],
  ] as const)(
    'Content-Type %s: read as a form, or refused as ERR_CONTENT_TYPE',
    async (_w, type, read) => {
      const answer = await send(exchange(), { 'content-type': type });
      if (read) expect(answer.granted).toBe(true);
      else expect([answer.status, answer.code, answer.granted]).toEqual([415, 'ERR_CONTENT_TYPE', false]);
    },
    60_000,
  );

  it('no Content-Type: refused as ERR_CONTENT_TYPE', async () => {
    const token = await rig.oidc('alpha', `s31-form-${++run}`);
    const res = await fetch(`${broker.url}/token`, {
      method: 'POST',
      body: new Blob([exchange().replace('T', token)]),
    });
    const body = (await res.json()) as Record<string, unknown>;
    expect(res.status).toBe(415);
    expect(String(body.error_description)).toMatch(/^ERR_CONTENT_TYPE: /);
    expect(body.access_token).toBeUndefined();
  }, 60_000);

  // The JSON body's names go through the same duplicate scan as the token's (json-members.ts, rewritten
  // in session 30): a name given twice is refused however it is spelt; look-alikes are not.
  it.each([
    ['the same name twice', '{"job":"publish","job":"publish"}', 'ERR_PARAM_DUPLICATE'],
    ['an escaped spelling', '{"job":"publish","j\\u006fb":"publish"}', 'ERR_PARAM_DUPLICATE'],
    [
      'after a string holding `","job":"`',
      '{"x":"\\",\\"job\\":\\"","job":"publish","job":"x"}',
      'ERR_PARAM_DUPLICATE',
    ],
    ['`__proto__` twice', '{"__proto__":"a","__proto__":"b"}', 'ERR_PARAM_DUPLICATE'],
    ['a name with an escaped quote', '{"job\\"":"x"}', ''],
    ['a name inside a string', '{"x":"\\"job\\":1"}', ''],
  ] as const)(
    'a JSON body, %s',
    async (_w, extra, rule) => {
      const token = await rig.oidc('alpha', `s31-form-${++run}`);
      const fields = JSON.stringify(Object.fromEntries(new URLSearchParams(exchange().replace('T', token))));
      const res = await fetch(`${broker.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `${fields.slice(0, -1)},${extra.slice(1)}`,
      });
      const body = (await res.json()) as Record<string, unknown>;
      if (typeof body.access_token === 'string') rig.secrets.push(body.access_token);
      const code = /^(ERR_[A-Z_]+)/.exec(String(body.error_description ?? ''))?.[1] ?? '';
      expect([code, typeof body.access_token === 'string']).toEqual([rule, rule === '']);
    },
    60_000,
  );

  // Session 30 writes the broker's line without spreading the event (audit-log.ts brokerAuditLine):
  // whatever the body carried into the refusals above (huge values, escapes, line separators,
  // `__proto__`), each line of the file is one JSON object under the line bound, `v`, `time` and
  // `source` first, no key twice.
  it('every audit line the hostile bodies caused is bounded, starts with v/time/source, holds no key twice', async () => {
    const file = join(rig.dir, 'audit-s31-form.jsonl');
    const count = () => readFileSync(file, 'utf8').split('\n').length;
    const before = count();
    const r = await send(
      exchange({ job: `${'%E2%80%A8'.repeat(300)}${'x'.repeat(5000)}`, step: '%22%7D%2C%22v%22%3A2' }),
    );
    expect(r.code).toBe('ERR_PARAM_INVALID');
    // Generous for a loaded 2-core machine: the line is written in the refusal's batch.
    await until(() => count() > before, 60_000, 'the refusal line');
    const text = readFileSync(file, 'utf8');
    const lines = text.slice(0, text.lastIndexOf('\n')).split('\n');
    expect(lines.length).toBeGreaterThan(BODIES.length);
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_AUDIT_LINE);
      expect(line).toMatch(/^\{"v":\d+,"time":"[^"]+","source":"broker",/);
      expect(duplicateMember(line)).toBeUndefined();
      expect(line).not.toMatch(/[\u2028\u2029]/);
    }
    // The last one is this refusal's, its job clipped and its separators escaped.
    expect(lines[lines.length - 1]).toContain('\\u2028');
  }, 120_000);
});
