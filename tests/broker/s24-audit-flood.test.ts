/**
 * Session 24, the audit-line flood: refusals attributed to a served repository (an expired or
 * wrong-audience token of it, a used token replayed past the replay bucket, fresh tokens past the
 * rate limit) wrote one line per request with no bound, so one leaked token replayed at HTTP speed
 * filled the audit disk (and its webhook copy) for every repository. Now each repository has a
 * per-minute budget of refusal lines, then a count: one `audit.refusals_suppressed` line per
 * repository and minute says how many, by code and from how many tokens. Grants are never counted.
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditEvent } from '../../shared/audit/event.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerMetrics } from '../../shared/broker/ops/metrics.js';
import { startOidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST, startStack } from '../support/broker.js';
import { spawnBroker, writeDirectoryBrokerConfig, type BrokerProcess } from '../support/cluster.js';
import { runIdOf } from '../support/run-ids.js';

const REPO = 'octo-org/octo-repo';
const isRefusal = (e: AuditEvent) =>
  e.repository === REPO && (e.type === 'credential.refused' || e.type === 'credential.rate_limited');

describe('a flood of attributed refusals against a real broker', () => {
  it('writes at most the budget plus one count a minute; the counts equal the refusals; a grant mid-flood keeps its line', async () => {
    const BUDGET = 20;
    const metrics = new BrokerMetrics({ processMetrics: false });
    // The stack's sink is not metered: what the metrics count here is what the budget counted instead.
    const s = await startStack({ auditRefusals: BUDGET, replayRate: 10, ops: { metrics } });
    const t0 = performance.now();
    let sent = 0;
    try {
      /** `n` requests of `form`, ten at a time, each answered `status`. */
      const flood = async (form: Record<string, string>, n: number, status: number[]) => {
        for (let i = 0; i < n; i += 10) {
          const rs = await Promise.all(Array.from({ length: 10 }, () => s.token(form)));
          for (const r of rs) expect(status).toContain(r.status);
          sent += 10;
        }
      };
      // A stolen token replayed late: refused at verification (expired), attributed to its repository.
      const expired = await s.issuer.mint(
        { run_id: runIdOf('s24-flood') },
        { issuedAtOffset: -400, expiresIn: 300 },
      );
      await flood(s.exchangeForm(expired), 100, [400]);
      // A grant in the middle of the flood.
      const fresh = await s.issuer.mint({ run_id: runIdOf('s24-flood') });
      const granted = await s.token(s.exchangeForm(fresh));
      expect(granted.status).toBe(200);
      // The used token replayed: refused (ERR_OIDC_REPLAYED), then past the replay bucket (429).
      await flood(s.exchangeForm(fresh), 50, [400, 429]);
    } finally {
      await s.close(); // drains: the open minute's count is written
    }
    const seconds = (performance.now() - t0) / 1000;
    const events = s.audit.events;
    const refusals = events.filter(isRefusal);
    const summaries = events.filter((e) => e.type === 'audit.refusals_suppressed');
    // Minutes a window can have started in (a loaded machine may take longer than one).
    const windows = Math.floor(seconds / 60) + 1;
    expect(refusals.length).toBeLessThanOrEqual(BUDGET * windows);
    expect(summaries.length).toBeGreaterThanOrEqual(1);
    expect(summaries.length).toBeLessThanOrEqual(windows);
    const suppressed = summaries.reduce((n, e) => n + Number(e.details?.suppressed), 0);
    // Nothing hidden: every refusal is a line or in a count.
    expect(refusals.length + suppressed).toBe(sent);
    for (const e of summaries) {
      expect(e).toMatchObject({
        repository: REPO,
        repository_id: '100001',
        reason: 'AUDIT_REFUSALS_SUPPRESSED',
      });
      const byReason = e.details?.by_reason as Record<string, number>;
      expect(Object.values(byReason).reduce((a, b) => a + b, 0)).toBe(e.details?.suppressed);
      expect(
        Object.keys(byReason).every((c) =>
          ['ERR_OIDC_EXPIRED', 'ERR_OIDC_REPLAYED', 'ERR_REPLAY_RATE_LIMITED'].includes(c),
        ),
      ).toBe(true);
      // Two tokens sent all of it: the expired one and the used one.
      expect(e.details?.tokens).toBeGreaterThanOrEqual(1);
      expect(e.details?.tokens).toBeLessThanOrEqual(2);
      expect(typeof e.details?.first).toBe('string');
      expect(typeof e.details?.last).toBe('string');
    }
    // Still counted in the metrics, by reason.
    const counted = (await metrics.exchanges.get()).values
      .filter((v) => v.labels.outcome === 'refused')
      .reduce((n, v) => n + v.value, 0);
    expect(counted).toBe(suppressed);
    expect(events.filter((e) => e.type === 'credential.granted' && e.repository === REPO)).toHaveLength(1);
  }, 60_000);
});

describe('audit-refusals-per-repository in broker.yml (a broker process)', () => {
  it('the setting reaches the budget, and SIGTERM writes the open minute’s count', async () => {
    const issuer = await startOidcIssuer({ audience: AUD });
    const dir = mkdtempSync(join(tmpdir(), 'sw-s24-flood-'));
    let b: BrokerProcess | undefined;
    try {
      const config = writeDirectoryBrokerConfig(dir, {
        aud: AUD,
        issuer: issuer.url,
        manifest: MANIFEST,
        extra: ['owner-ids: [200001]', 'audit-refusals-per-repository: 5'],
      });
      b = await spawnBroker(config);
      const expired = await issuer.mint(
        { run_id: runIdOf('s24-proc') },
        { issuedAtOffset: -400, expiresIn: 300 },
      );
      const form = {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: expired,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'https://hooks.example.internal',
        job: 'publish',
        step: 'notify',
      };
      const t0 = performance.now();
      for (let i = 0; i < 30; i += 10) {
        const rs = await Promise.all(Array.from({ length: 10 }, () => b!.post('/token', form)));
        for (const r of rs) expect(r.status).toBe(400);
      }
      await b.stop('SIGTERM');
      b = undefined;
      const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as AuditEvent)
        .filter((e) => e.repository === REPO);
      const refusals = lines.filter((e) => e.reason === 'ERR_OIDC_EXPIRED');
      const counts = lines.filter((e) => e.type === 'audit.refusals_suppressed');
      // One minute unless the machine took longer for 30 requests.
      expect(refusals.length).toBeGreaterThanOrEqual(5);
      expect(refusals.length).toBeLessThanOrEqual(5 * (Math.floor((performance.now() - t0) / 60_000) + 1));
      expect(counts.length).toBeGreaterThanOrEqual(1);
      expect(refusals.length + counts.reduce((n, e) => n + Number(e.details?.suppressed), 0)).toBe(30);
      expect(counts[0]!.details).toMatchObject({ budget_per_minute: 5, tokens: 1 });
    } finally {
      await b?.stop('SIGTERM');
      await issuer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
