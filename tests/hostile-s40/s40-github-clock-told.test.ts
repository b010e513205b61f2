/**
 * Session 40, left by session 39: the broker learns GitHub's clock from a refusal of its App JWT's
 * times (`githubClockAhead`, `asApp`) and signs on it, but told nobody, so a host whose clock drifted
 * ran on quietly while OIDC token times and the state store's clock check still judged on that clock.
 * On the start commit a broker 90 s ahead started with no line about it and `/metrics` had no gauge.
 *
 * Now: one log line when the difference is learned or moves by more than CLOCK_NOTE_SECONDS (level
 * warn, the figure and the remedy, NTP; numbers and the configured API only), and a gauge
 * `stepwarden_github_clock_ahead_seconds{api}` read from the App at each scrape.
 */
import { fileURLToPath } from 'node:url';
import { createPrivateKey } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { CLOCK_NOTE_SECONDS, clockNote, GithubApp } from '../../shared/broker/providers/github-app.js';
import type { BrokerProcess } from '../support/cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';
import { startRig, type Rig } from '../support/redis-rig.js';

const SKEW = fileURLToPath(new URL('../support/clock-skew.mjs', import.meta.url));

/** The gauge's value for `api` in a Prometheus text exposition, or undefined when absent. */
const gauge = (text: string, api: string): number | undefined => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`stepwarden_github_clock_ahead_seconds{api="${api}"} `));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('the GitHub clock the broker learned, told to the operator (s40)', () => {
  let rig: Rig;
  let ahead: BrokerProcess;
  let onTime: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ clocktold: 540201 });
    ahead = await rig.spawn('s40-clock-ahead', {
      state: 'memory',
      env: { NODE_OPTIONS: `--import=${SKEW}`, STEPWARDEN_TEST_CLOCK_SKEW_MS: String(90_000) },
    });
    onTime = await rig.spawn('s40-clock-ontime', { state: 'memory' });
  }, 120_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  const lines = (b: BrokerProcess) =>
    (b.stderr() + b.stdout())
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('a broker 90 s ahead: one warn line at start with the figure and NTP, and the gauge', async () => {
    const told = lines(ahead).filter((l) => l.github_clock_ahead_seconds !== undefined);
    // Before: no such line.
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ level: 'warn', api: rig.gh.standin.url, was_seconds: 0 });
    const n = Number(told[0]!.github_clock_ahead_seconds);
    expect(Math.abs(n + 90)).toBeLessThanOrEqual(2);
    expect(String(told[0]!.msg)).toMatch(
      new RegExp(`^GitHub's clock is ${-n} s behind this host's .*NTP\\)$`),
    );
    // Nothing but numbers, the API and words: no JWT, no key.
    expect(JSON.stringify(told)).not.toMatch(/eyJ|PRIVATE KEY/);
    const text = await (await fetch(`${ahead.url}/metrics`)).text();
    // Before: no such series.
    expect(gauge(text, rig.gh.standin.url)).toBe(n);
    expect(text).toContain('# TYPE stepwarden_github_clock_ahead_seconds gauge');
  });

  it('a broker on time: no line, the gauge at 0', async () => {
    expect(lines(onTime).filter((l) => l.github_clock_ahead_seconds !== undefined)).toEqual([]);
    expect(gauge(await (await fetch(`${onTime.url}/metrics`)).text(), rig.gh.standin.url)).toBe(0);
  });
});

describe('the App tells a learned difference once, and again when it moves (s40)', () => {
  const realNow = Date.now;
  let offset = 0;
  let gh: AppStandin;
  beforeAll(async () => {
    gh = await startAppStandin([demoRepo({ name: 'one', id: 540211, installationId: 91 })]);
    Date.now = () => realNow() + offset;
  });
  afterEach(() => {
    offset = 0;
  });
  afterAll(async () => {
    Date.now = realNow;
    await gh.standin.close();
  });

  it('a burst of refused calls on one difference: told once; the host clock fixed: told it agrees', async () => {
    const told: { aheadSeconds: number; wasSeconds: number }[] = [];
    const app = new GithubApp({
      api: gh.standin.url,
      appId: gh.appId,
      privateKey: createPrivateKey(gh.privateKeyPem),
      timeoutMs: 10_000,
      retries: 0,
      onClock: (c) => told.push(c),
    });
    // Behind by more than the JWT's 9 minutes: its exp has passed on GitHub's clock.
    offset = -700_000;
    await Promise.all([app.identity(), app.installationId('octo-org', 'one'), app.identity()]);
    expect(told).toHaveLength(1);
    expect(Math.abs(told[0]!.aheadSeconds - 700)).toBeLessThanOrEqual(2);
    expect(app.clockAheadSeconds).toBe(told[0]!.aheadSeconds);
    expect(clockNote(told[0]!)).toMatchObject({ level: 'warn' });
    expect(clockNote(told[0]!).message).toMatch(
      new RegExp(`^GitHub's clock is ${told[0]!.aheadSeconds} s ahead of this host's.*NTP\\)$`),
    );
    // NTP stepped the host clock back: the learned difference now makes the JWT refused once more.
    offset = 0;
    await app.identity();
    expect(told).toHaveLength(2);
    expect(Math.abs(told[1]!.aheadSeconds)).toBeLessThanOrEqual(CLOCK_NOTE_SECONDS);
    expect(clockNote(told[1]!)).toMatchObject({ level: 'info' });
  });
});
