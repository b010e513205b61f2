/**
 * GitHub's state for the on-call. /readyz has no GitHub probe on purpose (docs/decisions.md, session
 * 13): a GitHub outage would make every instance unready at once and empty the load balancer, while
 * JWT audiences and revocations of what is live do not need GitHub. Instead `stepwarden_github_up`
 * (the last call answered below 500) and `stepwarden_github_last_answer_timestamp_seconds` show it.
 * Before, an on-call engineer had only per-status request counters to infer it from.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { metricValue, parsePrometheus, hasMetric } from '../support/prometheus.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';

describe('GitHub up or down: gauges, and /readyz unchanged', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  const scrape = async () => parsePrometheus(await (await fetch(`${broker.url}/metrics`)).text());

  beforeAll(async () => {
    rig = await startRig({ upstream: 350001 });
    broker = await rig.spawn('gh-up', { extra: 'timeouts: { upstream: 2 }\n' });
  }, 60_000);
  afterAll(async () => {
    rig?.gh.standin.fail('POST', TOKENS, { count: 0 });
    await rig?.close();
  }, 60_000);

  it('says up after the start (GET /app), down while GitHub hangs, up again once it answers; ready throughout', async () => {
    const started = Math.floor(Date.now() / 1000);
    let m = await scrape();
    expect(metricValue(m, 'stepwarden_github_up')).toBe(1);
    const first = metricValue(m, 'stepwarden_github_last_answer_timestamp_seconds');
    expect(first).toBeGreaterThan(started - 120);

    rig.gh.standin.fail('POST', TOKENS, { count: 1_000_000, delayMs: 60_000 });
    const r = await rig.exchange(broker, await rig.oidc('upstream', 's13-up-1'), 'release');
    expect(r.status).toBe(503);
    expect(r.body.error_description).toMatch(/^ERR_GITHUB_TIMEOUT/);
    m = await scrape();
    expect(metricValue(m, 'stepwarden_github_up')).toBe(0);
    // A GitHub outage does not make the broker unready: JWT audiences still work.
    expect((await fetch(`${broker.url}/readyz`)).status).toBe(200);
    expect((await rig.exchange(broker, await rig.oidc('upstream', 's13-up-2'), 'notify')).status).toBe(200);

    rig.gh.standin.fail('POST', TOKENS, { count: 0 });
    expect((await rig.exchange(broker, await rig.oidc('upstream', 's13-up-3'), 'release')).status).toBe(200);
    await until(async () => metricValue(await scrape(), 'stepwarden_github_up') === 1, 5000, 'up again');
    expect(
      metricValue(await scrape(), 'stepwarden_github_last_answer_timestamp_seconds'),
    ).toBeGreaterThanOrEqual(first);
  }, 60_000);

  it('a broker without a GitHub App shows no GitHub gauges (they could only say 0)', async () => {
    const { startBroker } = await import('../../shared/broker/server.js');
    const { loadBrokerConfig } = await import('../../shared/broker/config.js');
    const { memoryAuditSink } = await import('../../shared/broker/audit-log.js');
    const cfg = loadBrokerConfig(
      `listen: 127.0.0.1:0\nurl: https://broker.example.com\naudience: https://broker.example.com\nissuers: [${rig.issuer.url}]\nsigning: { key-file: ./nogh-key.json }\nrequire-job-identity: false\nmanifests: { source: directory, path: ./manifests }\n`,
      'nogh.yml',
      rig.dir,
    );
    const b = await startBroker(cfg, { audit: memoryAuditSink(), logger: { log: () => undefined } });
    try {
      const m = parsePrometheus(await (await fetch(`${b.url}/metrics`)).text());
      expect(hasMetric(m, 'stepwarden_http_requests_in_flight')).toBe(true);
      expect(hasMetric(m, 'stepwarden_github_up')).toBe(false);
      expect(hasMetric(m, 'stepwarden_github_last_answer_timestamp_seconds')).toBe(false);
    } finally {
      await b.close();
    }
  }, 30_000);
});
