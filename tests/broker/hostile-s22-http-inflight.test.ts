/**
 * Attacking session 21's request accounting (session 22): ops/http.ts hangs a request's in-flight gauge
 * and exchange histogram on one `close` listener. A real broker and real sockets: pipelined requests
 * on a socket the client destroys while responses are still queued behind the first, keep-alive reuse,
 * and a client that leaves mid-headers. The gauge must come back to 0 and each exchange be timed at
 * most once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';

describe('the in-flight gauge and exchange histogram under hostile clients', () => {
  let issuer: OidcIssuer;
  let broker: RunningBroker;
  let dir: string;
  let port: number;
  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    dir = mkdtempSync(join(tmpdir(), 'sw-s22-http-'));
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
        'audit: ./broker-audit.jsonl',
        'drain-timeout: 1',
      ].join('\n'),
      'broker.yml',
      dir,
    );
    broker = await startBroker(config, { logger: { log: () => undefined } });
    port = Number(new URL(broker.url).port);
  });
  afterAll(async () => {
    await broker.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const scrape = async () => parsePrometheus(await (await fetch(`${broker.url}/metrics`)).text());
  const settled = async () => {
    let s = await scrape();
    for (let i = 0; i < 60 && metricValue(s, 'stepwarden_http_requests_in_flight') !== 0; i++) {
      await new Promise((r) => setTimeout(r, 25));
      s = await scrape();
    }
    return s;
  };
  const timed = (s: ReturnType<typeof parsePrometheus>) =>
    metricValue(s, 'stepwarden_exchange_duration_seconds_count') ?? 0;
  const body = 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=x';
  const post = `POST /token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${body.length}\r\n\r\n${body}`;

  it('pipelined requests on a socket destroyed with responses queued: nothing left in flight', async () => {
    const before = timed(await settled());
    for (let round = 0; round < 5; round++)
      await new Promise<void>((done) => {
        const sock = connect(port, '127.0.0.1', () => {
          sock.write(post.repeat(20));
          setTimeout(() => sock.destroy(), round * 2);
        });
        sock.on('close', () => done());
        sock.on('error', () => undefined);
      });
    const s = await settled();
    expect(metricValue(s, 'stepwarden_http_requests_in_flight')).toBe(0);
    // Some reached the broker (the test is not vacuous), none was timed twice.
    expect(timed(s) - before).toBeGreaterThan(0);
    expect(timed(s) - before).toBeLessThanOrEqual(100);
  });

  it('keep-alive reuse: each request timed once, nothing left in flight', async () => {
    const before = timed(await settled());
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const once = () =>
      new Promise<number>((done, fail) => {
        const req = request(
          {
            agent,
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/token',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          },
          (res) => {
            res.resume();
            res.on('end', () => done(res.statusCode ?? 0));
          },
        );
        req.on('error', fail);
        req.end(body);
      });
    const statuses = await Promise.all(Array.from({ length: 10 }, once));
    agent.destroy();
    expect(statuses.every((x) => x === 400)).toBe(true);
    const s = await settled();
    expect(metricValue(s, 'stepwarden_http_requests_in_flight')).toBe(0);
    expect(timed(s) - before).toBe(10);
  });

  it('a client that leaves mid-headers is never counted', async () => {
    const before = timed(await settled());
    await new Promise<void>((done) => {
      const sock = connect(port, '127.0.0.1', () => {
        sock.write('POST /token HTTP/1.1\r\nhost: x\r\ncontent-len');
        setTimeout(() => sock.destroy(), 50);
      });
      sock.on('close', () => done());
    });
    const s = await settled();
    expect(metricValue(s, 'stepwarden_http_requests_in_flight')).toBe(0);
    expect(timed(s)).toBe(before);
  });
});
