/**
 * Session 31, attacking session 30's duplicate-name scan of the ID token (shared/oidc/json-members.ts:
 * the top-level members counted against JSON.parse's key count, strings skipped with indexOf, the
 * names compared only when the two differ), through a broker process with tokens the trusted issuer
 * signed: a name given twice is refused with its rule (ERR_OIDC_CLAIM_INVALID for a claim,
 * ERR_OIDC_MALFORMED for a header member), whatever its spelling; and the texts that only look like a
 * name given twice (a `"` escaped in a name, a name inside a string, the same names one level down)
 * are granted, so the count is not a refusal of everything unusual.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

const ID = 531002;

describe('claim and header names given twice, however spelt (s31)', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let run = 0;

  beforeAll(async () => {
    rig = await startRig({ alpha: ID });
    broker = await rig.spawn('s31-names');
    // Generous for a loaded 2-core machine (redis-server, the stand-ins and a broker process).
  }, 180_000);
  afterAll(async () => {
    await rig?.close();
  }, 120_000);

  /** The claims of a fresh run of octo-org/alpha, as JSON text without its closing brace. */
  const open = (ago = 0) => {
    const t = Math.floor(Date.now() / 1000) - ago;
    const claims = rig.issuer.claims({
      repository: 'octo-org/alpha',
      repository_id: String(ID),
      run_id: runIdOf(`s31-names-${++run}`),
      iat: t,
      nbf: t,
      exp: t + 300,
    });
    return JSON.stringify(claims).slice(0, -1);
  };
  const send = async (payload: string, header?: string) => {
    const r = await rig.exchange(broker, await rig.issuer.mintRaw(payload, header));
    return {
      status: r.status,
      description: String(r.body.error_description ?? ''),
      granted: !!r.body.access_token,
    };
  };

  it('a plain token is granted (the refusals below are of the names, not of the rig)', async () => {
    expect((await send(`${open()}}`)).granted).toBe(true);
  }, 60_000);

  it.each([
    ['the same spelling, last', (o: string) => `${o},"repository":"octo-org/other"}`, 'repository'],
    [
      'the same spelling, first',
      (o: string) => `{"repository":"octo-org/other",${o.slice(1)}}`,
      'repository',
    ],
    [
      'an escaped letter',
      (o: string) => `${o},"s\\u0075b":"repo:octo-org/other:ref:refs/heads/main"}`,
      'sub',
    ],
    ['every letter escaped', (o: string) => `${o},"\\u0072\\u0065\\u0066":"refs/heads/evil"}`, 'ref'],
    ['an escaped underscore', (o: string) => `${o},"run\\u005Fid":"1"}`, 'run_id'],
    ['after a string holding `":{,`', (o: string) => `${o},"x":"\\":{,\\\\","ref":"refs/heads/evil"}`, 'ref'],
    [
      'after backslashes before a quote',
      (o: string) => `${o},"y":"\\\\\\\\","job_workflow_ref":"x"}`,
      'job_workflow_ref',
    ],
    [
      'after a nested object of the same names',
      (o: string) => `${o},"n":{"ref":1,"ref":2},"ref":"refs/heads/x"}`,
      'ref',
    ],
    ['with whitespace around the colon', (o: string) => `${o} , "ref"\n:\t"refs/heads/evil"}`, 'ref'],
    ['`__proto__` twice', (o: string) => `${o},"__proto__":{},"__proto__":{}}`, '__proto__'],
    [
      '`__proto__` escaped and plain',
      (o: string) => `${o},"__proto__":"a","\\u005f_proto__":"b"}`,
      '__proto__',
    ],
  ] as const)(
    'a claim given twice, %s: ERR_OIDC_CLAIM_INVALID naming it',
    async (_w, make, name) => {
      const r = await send(make(open()));
      expect(r.granted).toBe(false);
      expect(r.description).toMatch(/^ERR_OIDC_CLAIM_INVALID: /);
      expect(r.description).toContain(`"${name}" appears more than once`);
    },
    60_000,
  );

  it.each([
    ['a name with an escaped quote', (o: string) => `${o},"ref\\"":"refs/heads/evil"}`],
    ['a name inside a string', (o: string) => `${o},"note":"\\",\\"ref\\":\\"refs/heads/evil"}`],
    ['the same names one level down', (o: string) => `${o},"n":{"ref":"a","sub":"b","n":[{"ref":1}]}}`],
    ['a name ending in a backslash', (o: string) => `${o},"ref\\\\":"x"}`],
  ] as const)(
    'no name twice, %s: not refused as a name given twice',
    async (_w, make) => {
      const r = await send(make(open()));
      expect(r.description).not.toContain('more than once');
      expect(r.granted).toBe(true);
    },
    60_000,
  );

  it.each([
    ['alg', (kid: string) => `{"alg":"RS256","kid":"${kid}","typ":"JWT","alg":"RS256"}`, 'alg'],
    [
      'kid, escaped',
      (kid: string) => `{"alg":"RS256","kid":"other","typ":"JWT","\\u006bid":"${kid}"}`,
      'kid',
    ],
    ['typ', (kid: string) => `{"alg":"RS256","typ":"JOSE","kid":"${kid}","typ":"JWT"}`, 'typ'],
  ] as const)(
    'a header member given twice, %s: ERR_OIDC_MALFORMED naming it',
    async (_w, make, name) => {
      const kid = rig.issuer.jwks().keys[0]!.kid!;
      const r = await send(`${open()}}`, make(kid));
      expect(r.granted).toBe(false);
      expect(r.description).toMatch(/^ERR_OIDC_MALFORMED: /);
      expect(r.description).toContain(`"${name}" appears more than once`);
    },
    60_000,
  );

  it('an expired token with a claim given twice: refused as expired, its line attributed to neither value', async () => {
    const expired = () => rig.audit('s31-names').filter((e) => e.reason === 'ERR_OIDC_EXPIRED');
    const refusedLine = async (payload: string) => {
      const before = expired().length;
      const r = await send(payload);
      expect([r.granted, r.description.split(':')[0]]).toEqual([false, 'ERR_OIDC_EXPIRED']);
      // Generous for a loaded 2-core machine: the line is written in the refusal's batch.
      await until(() => expired().length > before, 60_000, 'the refusal line');
      return expired()[before]!;
    };
    // Expired an hour ago: the signature is checked first, and a single spelling is attributed.
    const plain = await refusedLine(`${open(3600)}}`);
    expect(plain.repository).toBe('octo-org/alpha');
    for (const twice of [
      (o: string) => `${o},"repository":"octo-org/victim"}`,
      (o: string) => `{"repository":"octo-org/victim",${o.slice(1)}}`,
      (o: string) => `${o},"rep\u006fsitory":"octo-org/victim"}`,
    ]) {
      const line = await refusedLine(twice(open(3600)));
      expect(line.repository).toBeUndefined();
      expect(JSON.stringify(line)).not.toContain('victim');
    }
  }, 120_000);
});
