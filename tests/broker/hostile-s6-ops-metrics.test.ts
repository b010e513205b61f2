/**
 * Session 6, operating the broker: /metrics against an attacker who chooses every string it can
 * (audience, step, job, scope, issuer, repository claims, workflow path, User-Agent, URL path, query,
 * method). None becomes a label value, the number of series does not grow with them, and no token
 * reaches the scrape. A regression guard over the real broker built from its config.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { parsePrometheus } from '../support/prometheus.js';

const MARK = 'EVIL9f3a';
let issuer: OidcIssuer;
let broker: RunningBroker;
let dir: string;

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  dir = mkdtempSync(join(tmpdir(), 'sw-s6-metrics-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
  const config = loadBrokerConfig(
    [
      'listen: 127.0.0.1:0',
      `url: ${AUD}`,
      `audience: ${AUD}`,
      `issuers: [${issuer.url}]`,
      'require-job-identity: false',
      'manifests: { source: directory, path: ./manifests }',
      'signing: { key-file: ./keys.json }',
      'audit: ./audit.jsonl',
    ].join('\n'),
    'broker.yml',
    dir,
  );
  broker = await startBroker(config, { logger: { log: () => undefined } });
});
afterAll(async () => {
  await broker.close();
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

const scrape = async () => (await fetch(`${broker.url}/metrics`)).text();

function raw(method: string, path: string, headers: Record<string, string>, body = ''): Promise<number> {
  const u = new URL(broker.url);
  return new Promise((resolve) => {
    const r = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path,
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    r.on('error', () => resolve(0));
    r.end(body);
  });
}

async function hostileRound(i: number): Promise<string[]> {
  const tokens: string[] = [];
  const evil = `${MARK}-${i}-"}\n# TYPE x counter\nx 1`;
  const form = (over: Record<string, string>) =>
    new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      job: 'publish',
      step: 'notify',
      audience: 'https://hooks.example.internal',
      ...over,
    }).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': `${MARK}-ua-${i}`,
  };
  const good = await issuer.mint({ run_id: `88${i}`, workflow: `${MARK}-${i}` });
  tokens.push(good);
  // Attacker strings in every field a client sends, on a valid token and on forged ones.
  await raw(
    'POST',
    '/token',
    headers,
    form({ subject_token: good, step: evil, audience: evil, scope: evil }),
  );
  await raw('POST', '/token', headers, form({ subject_token: good }));
  await raw('POST', '/token', headers, form({ subject_token: good })); // a replay
  const otherIss = await issuer.mint({ iss: `https://${MARK}-${i}.example`, repository: `${MARK}/${i}` });
  tokens.push(otherIss);
  await raw('POST', '/token', headers, form({ subject_token: otherIss }));
  await raw('POST', '/token', headers, form({ subject_token: `${MARK}.${i}.x` }));
  await raw('POST', `/${MARK}-${i}?q=${MARK}`, headers, 'x');
  await raw(`${MARK}${i}`.toUpperCase().replace(/[^A-Z]/g, 'X'), `/token/${MARK}${i}`, headers);
  await raw('POST', '/revoke', headers, `token=${MARK}-${i}`);
  await raw('POST', '/introspect', { ...headers, authorization: `Bearer ${MARK}-${i}` }, `token=${MARK}`);
  await raw(
    'POST',
    '/admin/revoke',
    { ...headers, authorization: `Bearer ${MARK}-${i}` },
    `repository=${MARK}/${i}`,
  );
  return tokens;
}

describe('/metrics under hostile strings', () => {
  it('no client string becomes a label; the series do not grow with new strings; no token in the scrape', async () => {
    await scrape(); // the scrape's own store call (the overdue gauge) makes its series once
    const tokens = await hostileRound(1);
    const first = parsePrometheus(await scrape()).filter(
      (s) => !s.name.startsWith('stepwarden_process_') && !s.name.startsWith('stepwarden_nodejs_'),
    );
    const tokens2 = await hostileRound(2);
    const text = await scrape();
    const second = parsePrometheus(text).filter(
      (s) => !s.name.startsWith('stepwarden_process_') && !s.name.startsWith('stepwarden_nodejs_'),
    );
    expect(text).not.toContain(MARK);
    // The rounds did reach the decisions: grants, replays and refusals are all counted.
    const count = (name: string, labels: Record<string, string> = {}) =>
      second
        .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
        .reduce((a, x) => a + x.value, 0);
    expect(count('stepwarden_exchanges_total', { outcome: 'granted' })).toBe(2);
    expect(count('stepwarden_oidc_replays_total')).toBe(2);
    expect(count('stepwarden_exchanges_total', { outcome: 'refused' })).toBeGreaterThanOrEqual(8);
    for (const t of [...tokens, ...tokens2]) expect(text).not.toContain(t.split('.')[2]!.slice(0, 20));
    // The same shapes of requests with new strings: no new series.
    const key = (s: { name: string; labels: Record<string, string> }) =>
      `${s.name}${JSON.stringify(s.labels)}`;
    expect(new Set(second.map(key))).toEqual(new Set(first.map(key)));
    for (const s of second)
      for (const v of Object.values(s.labels)) expect(v).toMatch(/^[A-Za-z0-9_.:+/{} -]{0,140}$/);
  }, 30_000);
});

describe('audit lines in /metrics when the audit file cannot be written', () => {
  it('counts the line failed (not written) while appends fail, and written once it reaches the disk', async () => {
    const d = mkdtempSync(join(tmpdir(), 'sw-s6-auditm-'));
    mkdirSync(join(d, 'manifests'));
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
      d,
    );
    const b = await startBroker(config, { logger: { log: () => undefined }, warn: () => undefined });
    // A folder where the file should be, made after start (start refuses a non-regular audit path,
    // ERR_AUDIT_LOG_PATH): every append fails from here on.
    rmSync(join(d, 'audit.jsonl'), { force: true });
    mkdirSync(join(d, 'audit.jsonl'));
    const lines = async () => {
      const s = parsePrometheus(await (await fetch(`${b.url}/metrics`)).text());
      const v = (result: string) =>
        s
          .filter(
            (x) =>
              x.name === 'stepwarden_audit_lines_total' &&
              x.labels.sink === 'file' &&
              x.labels.result === result,
          )
          .reduce((a, x) => a + x.value, 0);
      return { written: v('written'), failed: v('failed') };
    };
    try {
      await fetch(`${b.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=x',
      });
      let m = await lines();
      for (let i = 0; i < 200 && m.failed === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        m = await lines();
      }
      expect(m).toEqual({ written: 0, failed: 1 });
      rmSync(join(d, 'audit.jsonl'), { recursive: true });
      await fetch(`${b.url}/readyz`); // its flush retries the kept line
      expect(await lines()).toEqual({ written: 1, failed: 1 });
    } finally {
      await b.close();
      rmSync(d, { recursive: true, force: true });
    }
  });
});
