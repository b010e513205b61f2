/**
 * On call (session 21): broker processes on one redis-server that do not agree, as a rolling deploy
 * leaves them for minutes and a misconfiguration for ever. Before: nothing said so (one instance with
 * another rate limit applied its own limit to the shared bucket; one with an extra issuer took tokens
 * the others refuse). Now each instance publishes a fingerprint of the settings that must agree; each
 * says which setting differs and which instances hold which value (a `warn` line, a gauge per
 * setting), and a line when they agree again. What stays shared whatever the configs say: the kill
 * switch (blocks are store keys, matched on every exchange by every instance).
 *
 * And the wrong-key instance (session 19 made the right ones unready once it seals): the instance
 * sealing under a key its peers lack is now the one that says why, loudly (an ALARM line naming the
 * peers and the fix), and the unready ones name it in /readyz.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { keyIdOf } from '../../shared/broker/state/secret-box.js';
import type { BrokerProcess } from '../support/cluster.js';
import { startAppStandin, type AppStandin } from '../support/github.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';

const lines = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const nameOf = (b: BrokerProcess) => `${hostname()}:${b.proc.pid}`;

describe('instances on one store that disagree', () => {
  let rig: Rig;
  let a: BrokerProcess; // the reference
  let b: BrokerProcess; // another rate limit
  let c: BrokerProcess; // an extra issuer
  let d: BrokerProcess; // seals under a key the others lack (it holds theirs on its second line)
  const newKey = randomBytes(32).toString('hex');
  let gh2: AppStandin;

  beforeAll(async () => {
    rig = await startRig({ fleet: 352201 });
    // C's second issuer is another GitHub's (its own App and manifests), as the broker requires.
    gh2 = await startAppStandin([]);
    writeFileSync(join(rig.dir, 'app2.pem'), gh2.privateKeyPem);
    mkdirSync(join(rig.dir, 'manifests2'));
    a = await rig.spawn('fleet-a');
    [b, c] = await Promise.all([
      rig.spawn('fleet-b', {
        edit: (y) => y.replace('per-repository: 10000/min', 'per-repository: 3/min'),
      }),
      rig.spawn('fleet-c', {
        edit: (y) =>
          y.replace(
            /^issuers: \[(.*)\]$/m,
            `issuers: [$1, { url: https://token.issuer.example.net, github: { api: ${gh2.standin.url}, app-id: ${gh2.appId}, private-key-file: ./app2.pem }, manifests: { source: directory, path: ./manifests2 } }]`,
          ),
      }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
    await gh2?.standin.close();
  }, 60_000);

  const disagree = (at: BrokerProcess, setting: string) =>
    lines(at.stderr()).filter((l) => l.code === 'ERR_FLEET_DISAGREE' && l.setting === setting);
  const gauge = async (at: BrokerProcess, setting: string) => {
    const text = await (await fetch(`${at.url}/metrics`)).text();
    return Number(
      new RegExp(`^stepwarden_fleet_settings_disagreeing\\{setting="${setting}"\\} (\\d+)`, 'm').exec(
        text,
      )?.[1],
    );
  };

  it('each instance names the setting that differs and which instances hold which value', async () => {
    // A saw neither at its start; its next look (every 10 s) does. B and C start together, so a
    // look may catch one card before the other: then the line changes, and the latest names all three.
    const ac = [nameOf(a), nameOf(c)].sort().join(', ');
    const ab = [nameOf(a), nameOf(b)].sort().join(', ');
    await until(
      () =>
        disagree(a, 'rate-limit').at(-1)?.instances === `${ac} | ${nameOf(b)}` &&
        disagree(a, 'issuers').at(-1)?.instances === `${ab} | ${nameOf(c)}`,
      25_000,
      'the lines at A',
    );
    const rate = disagree(a, 'rate-limit').at(-1)!;
    expect(rate.level).toBe('warn');
    expect(rate.this_instance).toBe(nameOf(a));
    expect(String(rate.fix)).toMatch(/same rate-limit/);
    // B says it too: each side hears of it.
    await until(
      () => disagree(b, 'rate-limit').at(-1)?.instances === `${nameOf(b)} | ${ac}`,
      20_000,
      "B's line naming A and C",
    );
    // One line per change, not one per look (every 10 s).
    const before = disagree(a, 'rate-limit').length;
    await new Promise((r) => setTimeout(r, 11_000));
    expect(disagree(a, 'rate-limit')).toHaveLength(before);
    // Settings that agree are not reported. (A setting may have two lines: a look that caught B's card
    // before C's, then the one naming all three; failed so in a loaded run, session 26.)
    expect(
      [
        ...new Set(
          lines(a.stderr())
            .filter((l) => l.code === 'ERR_FLEET_DISAGREE')
            .map((l) => l.setting),
        ),
      ].sort(),
    ).toEqual(['issuers', 'rate-limit']);
    expect(await gauge(a, 'rate-limit')).toBe(1);
    expect(await gauge(a, 'issuers')).toBe(1);
    expect(await gauge(a, 'admin-tokens')).toBe(0);
    expect(await gauge(a, 'clock-tolerance')).toBe(0);
  }, 60_000);

  it('the kill switch holds at every instance whatever their configs', async () => {
    const fired = await b.post('/admin/revoke', { repository: 'octo-org/fleet' }, ADMIN);
    expect([fired.status, fired.body.blocked]).toEqual([200, true]);
    for (const at of [a, c]) {
      const r = await rig.exchange(at, await rig.oidc('fleet', `s21-fleet-${at.proc.pid}`));
      expect([r.status, String(r.body.error_description)]).toEqual([
        403,
        expect.stringMatching(/^ERR_BLOCKED/),
      ]);
    }
    expect((await b.post('/admin/unblock', { repository: 'octo-org/fleet' }, ADMIN)).status).toBe(200);
  }, 30_000);

  it('an instance that stops is no longer counted: the others say they agree again', async () => {
    await b.stop();
    await until(
      () => lines(a.stderr()).some((l) => l.level === 'info' && l.setting === 'rate-limit'),
      25_000,
      'the line that A agrees again on rate-limit',
    );
    expect(await gauge(a, 'rate-limit')).toBe(0);
  }, 30_000);

  it('the instance sealing under a key the others lack says so loudly; the unready ones name it', async () => {
    d = await rig.spawn('fleet-d', {
      env: { STEPWARDEN_STATE_KEY: `${newKey}\n${rig.env.STEPWARDEN_STATE_KEY}` },
    });
    // At once, before it has sealed anything: the damage is coming.
    await until(() => lines(d.stderr()).some((l) => l.alarm === 'state_key'), 20_000, 'the alarm at D');
    const alarm = lines(d.stderr()).find((l) => l.alarm === 'state_key')!;
    expect(alarm).toMatchObject({
      level: 'error',
      code: 'ERR_STATE_KEY_NOT_SHARED',
      key_id: keyIdOf(Buffer.from(newKey, 'hex')),
    });
    expect(String(alarm.msg)).toMatch(/^ALARM /);
    expect(String(alarm.instances)).toContain(nameOf(a));
    expect(String(alarm.instances)).toContain(nameOf(c));
    expect(String(alarm.fix)).toMatch(/later line/);
    expect(JSON.stringify(lines(d.stderr()))).not.toContain(newKey);

    // It seals: A cannot open it and is not ready, naming D (before: only the key id).
    expect((await rig.exchange(d, await rig.oidc('fleet', 's21-fleet-d'), 'release')).status).toBe(200);
    const r = await fetch(`${a.url}/readyz`);
    expect(r.status).toBe(503);
    const text = JSON.stringify(await r.json());
    expect(text).toMatch(/ERR_STATE_KEY_UNKNOWN/);
    // The readiness detail is not public without the metrics token unless none is set (the rig sets none).
    expect(text).toContain(nameOf(d));
    // D can open everything: it stays ready and answers the job ends.
    expect((await fetch(`${d.url}/readyz`)).status).toBe(200);
  }, 60_000);
});
