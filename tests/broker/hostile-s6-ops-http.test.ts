/**
 * Session 6, operating the broker: /readyz, /metrics and the operational log as an unauthenticated
 * caller and a 3am reader meet them. /readyz names the failing part to anyone but says why only to
 * whoever may read /metrics, and a flood of it is not a flood at the store; the log stays one JSON
 * object a line, also for the audit file's alarms, and a webhook outage does not flood it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { BrokerMetrics } from '../../shared/broker/ops/metrics.js';
import { runChecks, storeCheck, type ReadinessCheck } from '../../shared/broker/ops/readiness.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { startBroker } from '../../shared/broker/server.js';
import { AUD, startStack, type Stack } from '../support/broker.js';
import { parsePrometheus } from '../support/prometheus.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('/readyz for an unauthenticated caller', () => {
  let s: Stack;
  let probes = 0;
  let slowProbeMs = 10;
  const failing: ReadinessCheck = {
    name: 'store',
    probe: async () => {
      probes++;
      await new Promise((r) => setTimeout(r, slowProbeMs));
      throw new Error('connect ECONNREFUSED 10.20.30.40:6379 (redis://stepwarden@state.internal.corp)');
    },
  };
  beforeAll(async () => {
    s = await startStack({
      ops: {
        metrics: new BrokerMetrics({ processMetrics: false }),
        metricsTokenHash: sha256('scrape-me'),
        readiness: [failing],
      },
    });
  });
  afterAll(() => s.close());

  it('names the failing part without its detail; the metrics bearer sees why', async () => {
    const anon = await fetch(`${s.broker.url}/readyz`);
    expect(anon.status).toBe(503);
    const body = await anon.text();
    expect(JSON.parse(body)).toEqual({ ready: false, checks: { store: { ok: false } } });
    expect(body).not.toMatch(/10\.20\.30\.40|state\.internal|ECONNREFUSED/);
    const wrong = await fetch(`${s.broker.url}/readyz`, { headers: { authorization: 'Bearer nope' } });
    expect(await wrong.text()).not.toMatch(/ECONNREFUSED/);
    const operator = await fetch(`${s.broker.url}/readyz`, {
      headers: { authorization: 'Bearer scrape-me' },
    });
    expect(operator.status).toBe(503);
    expect(
      ((await operator.json()) as { checks: { store: { detail?: string } } }).checks.store.detail,
    ).toMatch(/ECONNREFUSED/);
  });

  it('a burst of /readyz shares the probes in progress, not one run per request', async () => {
    slowProbeMs = 1000; // the store is slow: the whole burst arrives while one run is in progress
    const before = probes;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => fetch(`${s.broker.url}/readyz`).then((r) => r.status)),
    );
    expect(new Set(answers)).toEqual(new Set([503]));
    expect(probes - before).toBeLessThanOrEqual(3);
    slowProbeMs = 10;
    // The gauge still follows the probe.
    const m = await fetch(`${s.broker.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    const ready = parsePrometheus(await m.text()).find(
      (x) => x.name === 'stepwarden_ready' && x.labels.check === 'store',
    );
    expect(ready?.value).toBe(0);
  });
});

describe('the operational log', () => {
  let hook: Server;
  let hookUrl: string;
  beforeAll(async () => {
    hook = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(503).end());
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    hook.closeAllConnections();
    await new Promise((r) => hook.close(r));
  });

  async function broker(extra: string[], audit = './audit.jsonl') {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s6-log-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'manifests'));
    const lines: string[] = [];
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        `audit: ${audit}`,
        ...extra,
      ].join('\n'),
      'broker.yml',
      dir,
    );
    const b = await startBroker(config, {
      logger: {
        log: (level, msg, f) =>
          void lines.push(JSON.stringify({ time: new Date().toISOString(), level, msg, ...f })),
      },
      warn: () => undefined,
    });
    const refuse = (n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          fetch(`${b.url}/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `grant_type=x&i=${i}`,
          }).then((r) => r.status),
        ),
      );
    return { dir, b, lines, refuse };
  }

  it("the audit file's alarm is a JSON log line (level error), not raw text on stderr", async () => {
    // The audit path is a folder: every append fails (EISDIR).
    const { b, lines, refuse, dir } = await broker([], './audit-is-a-folder');
    mkdirSync(join(dir, 'audit-is-a-folder'));
    const raw: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      raw.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await refuse(1);
      for (let i = 0; i < 200 && !lines.some((l) => l.includes('audit_log')); i++)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.stderr.write = write;
    }
    // Stopping reports the audit log it could not flush (the CLI exits 2 with it), and still ends.
    await expect(b.close()).rejects.toThrow(/audit log .* cannot be written/);
    expect(raw.filter((l) => /ALARM/.test(l))).toEqual([]);
    const alarm = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.alarm === 'audit_log');
    expect(alarm).toMatchObject({ level: 'error' });
    // The word alerts are keyed on stays at the start of the message.
    expect(String(alarm!.msg)).toMatch(
      /^ALARM: the audit log .*audit-is-a-folder cannot be written \(EISDIR\)/,
    );
  });

  it('a webhook reached over plain http beyond loopback is warned about at start (events and token in clear)', async () => {
    const { b, lines } = await broker(['audit-webhook: { url: "http://siem.example.internal/hook" }']);
    await b.close();
    const warn = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.code === 'ERR_WEBHOOK_CLEARTEXT');
    expect(warn).toMatchObject({ level: 'warn', host: 'siem.example.internal' });
    const local = await broker([`audit-webhook: { url: "${hookUrl}" }`]);
    await local.b.close();
    expect(local.lines.some((l) => l.includes('ERR_WEBHOOK_CLEARTEXT'))).toBe(false);
  });

  it('a webhook that is down does not write a log line per dropped event; the losses are summed', async () => {
    const { b, lines, refuse } = await broker([`audit-webhook: { url: "${hookUrl}", spool: 10 }`]);
    await refuse(60);
    await b.close();
    const loss = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => /^audit webhook (failed|dropped) events$/.test(String(l.msg)));
    expect(loss.length).toBeGreaterThanOrEqual(1);
    expect(loss.length).toBeLessThanOrEqual(4);
    const total = loss.reduce((n, l) => n + Number(l.count), 0);
    expect(total).toBe(60);
  }, 20_000);
});

describe('/readyz and an audit log that passes access() but cannot be written', () => {
  it('is unready while appends fail (a folder where the file should be) and ready again once they work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s6-ready-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'manifests'));
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
      ].join('\n'),
      'broker.yml',
      dir,
    );
    const b = await startBroker(config, { logger: { log: () => undefined }, warn: () => undefined });
    // A folder where the file should be, made after start (start refuses a non-regular audit path,
    // ERR_AUDIT_LOG_PATH): every append fails from here on.
    rmSync(join(dir, 'audit.jsonl'), { force: true });
    mkdirSync(join(dir, 'audit.jsonl'));
    const auditCheck = async () =>
      (
        (await (await fetch(`${b.url}/readyz`)).json()) as {
          checks: Record<string, { ok: boolean; detail?: string }>;
        }
      ).checks['audit-sink']!;
    try {
      expect((await auditCheck()).ok).toBe(true); // nothing written yet: nothing failed
      await fetch(`${b.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=x',
      });
      const failing = await auditCheck();
      expect(failing.ok).toBe(false);
      expect(failing.detail).toMatch(/audit log .*audit\.jsonl cannot be written.*EISDIR/);
      rmSync(join(dir, 'audit.jsonl'), { recursive: true });
      // The probe itself retries the kept lines: ready again without an exchange reaching it.
      expect((await auditCheck()).ok).toBe(true);
    } finally {
      await b.close();
    }
  });
});

describe('/readyz and a memory state at its capacity', () => {
  it('the store check fails (ERR_STATE_FULL) while new exchanges would be refused, and passes once windows pass', async () => {
    let now = 1_000_000;
    const store = new MemoryStore(() => now, { capacity: 2 });
    const check = () => runChecks([storeCheck(store)]);
    expect((await check()).ready).toBe(true);
    expect(await store.useOnce('iss:jti-1', 60)).toBe(true);
    expect(await store.useOnce('iss:jti-2', 60)).toBe(true);
    await expect(store.useOnce('iss:jti-3', 60)).rejects.toThrow(/ERR_STATE_FULL/);
    const full = await check();
    expect(full.ready).toBe(false);
    expect(full.checks.store!.detail).toMatch(/ERR_STATE_FULL/);
    now += 61;
    expect((await check()).ready).toBe(true);
    await store.close();
  });
});
