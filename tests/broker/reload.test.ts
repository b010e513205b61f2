/**
 * Live reload through a real broker process: under a steady stream of exchanges on keep-alive
 * connections, SIGHUP (or the file watch) swaps the admin tokens and the organization policy without
 * a failed request or a dropped connection; a broken config or org policy is refused with file, line
 * and fix in the JSON log and nothing of it is applied; a key that needs a restart is logged and kept.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { planReload } from '../../shared/broker/ops/reload.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';
import { runIdOf } from '../support/run-ids.js';

const HOOKS = 'https://hooks.example.internal';

/** Written whole (temp file and rename), so the broker's file watch never reads half a file. */
function put(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

describe('planReload (pure)', () => {
  const cfg = (extra: string) =>
    loadBrokerConfig(`signing: { key-file: ./k.json }\n${extra}`, 'b.yml', '/srv');
  it('admin tokens, org policy, rate limits, metrics token and drain times are live; the rest needs a restart', () => {
    const a = cfg('listen: 127.0.0.1:8787\nadmin-tokens-file: ./a\nmetrics: { token-file: ./m }\n');
    const b = cfg(
      'listen: 127.0.0.1:9999\nadmin-tokens-file: ./b\norg-policy: ./org.yml\nrate-limit: { per-repository: 5/min }\nmetrics: { token-file: ./n, enabled: false }\ndrain-timeout: 3\nstate: redis://h:6379\n',
    );
    expect(planReload(a, b)).toEqual({
      live: ['admin-tokens-file', 'drain-timeout', 'metrics.token-file', 'org-policy', 'rate-limit'],
      restart: ['listen', 'metrics.enabled', 'state'],
    });
    expect(
      planReload(a, cfg('metrics: { token-file: ./m }\nadmin-tokens-file: ./a\nlisten: 127.0.0.1:8787\n')),
    ).toEqual({
      live: [],
      restart: [],
    });
  });
});

/** One POST or GET on a keep-alive agent whose new connections are counted. */
function client(base: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  let connections = 0;
  const create = agent.createConnection.bind(agent);
  agent.createConnection = ((...args: Parameters<typeof create>) => {
    connections++;
    return create(...args);
  }) as typeof agent.createConnection;
  const url = new URL(base);
  const send = (
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = form ? new URLSearchParams(form).toString() : undefined;
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: {
            ...headers,
            ...(body
              ? {
                  'content-type': 'application/x-www-form-urlencoded',
                  'content-length': Buffer.byteLength(body),
                }
              : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  return { send, connections: () => connections, close: () => agent.destroy() };
}

describe('reload under a steady stream, through a broker process', () => {
  let issuer: OidcIssuer;
  let dir: string;
  let broker: BrokerProcess;
  const configFile = () => join(dir, 'broker.yml');
  const baseConfig = (rate = '100000/min') =>
    [
      'listen: 127.0.0.1:0',
      `url: ${AUD}`,
      `audience: ${AUD}`,
      `issuers: [${issuer.url}]`,
      'manifests: { source: directory, path: ./manifests }',
      'signing: { key-file: ./keys.json }',
      'audit: ./audit.jsonl',
      'admin-tokens-file: ./admin-tokens',
      'org-policy: ./org-policy.yml',
      'metrics: { token-file: ./metrics-token }',
      `rate-limit: { per-repository: ${rate} }`,
      'require-job-identity: false',
    ].join('\n');

  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    dir = mkdtempSync(join(tmpdir(), 'sw-reload-'));
    mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
    writeFileSync(join(dir, 'admin-tokens'), 'alice old-admin-token-1c2d3e4f5a6b7c8d9e0f\n');
    writeFileSync(join(dir, 'org-policy.yml'), 'version: 1\n');
    writeFileSync(join(dir, 'metrics-token'), 'scrape-4c1e9a7f2b6d0835e1a9c7f3d2\n');
    writeFileSync(configFile(), baseConfig());
    broker = await spawnBroker(configFile());
  }, 90_000);
  afterAll(async () => {
    await broker?.stop();
    await issuer.close();
  });

  /** The broker's JSON log lines (stderr) whose msg matches. */
  const logged = (msg: string) =>
    broker
      .stderr()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === msg);
  const waitFor = async (msg: string, count: number, where: Record<string, unknown> = {}, ms = 20_000) => {
    const until = Date.now() + ms;
    const matching = () =>
      logged(msg).filter((l) => Object.entries(where).every(([k, v]) => l[k] === v)).length;
    while (matching() < count) {
      if (Date.now() > until) throw new Error(`no ${count}x '${msg}' in the log:\n${broker.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const form = async (event: string, run: string) => ({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: await issuer.mint({ event_name: event, run_id: runIdOf(run) }),
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    audience: HOOKS,
    job: 'publish',
    step: 'notify',
  });

  it('swaps admin tokens and org policy live, refuses a broken config whole, keeps restart-only keys', async () => {
    const c = client(broker.url);
    const admin = async (token: string) =>
      (
        await c.send(
          'POST',
          '/introspect',
          { token: 'not-a-credential' },
          { authorization: `Bearer ${token}` },
        )
      ).status;
    // The steady stream: four workers, each exchanging on its keep-alive connection until told to stop.
    let stop = false;
    let run = 0;
    const outcomes: (number | string)[] = [];
    const worker = async () => {
      while (!stop) {
        const r = await c
          .send('POST', '/token', await form('workflow_dispatch', `60${run++}`))
          .then((x) => x.status)
          .catch((err: NodeJS.ErrnoException) => String(err.code ?? err));
        outcomes.push(r);
        await new Promise((res) => setTimeout(res, 5));
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    let warmConnections: number | undefined;
    try {
      while (outcomes.length < 20) await new Promise((r) => setTimeout(r, 20));
      warmConnections = c.connections();
      expect(warmConnections).toBeGreaterThan(0);
      expect(await admin('old-admin-token-1c2d3e4f5a6b7c8d9e0f')).toBe(200);

      // 1. SIGHUP after the admin tokens file changed: the old token stops working, the new one works.
      put(join(dir, 'admin-tokens'), 'bob new-admin-token-a1b2c3d4e5f60718293a\n');
      broker.proc.kill('SIGHUP');
      await waitFor('config reloaded', 1);
      expect(await admin('old-admin-token-1c2d3e4f5a6b7c8d9e0f')).toBe(401);
      expect(await admin('new-admin-token-a1b2c3d4e5f60718293a')).toBe(200);

      // 2. The org policy file changes; the file watch (no signal) picks it up within its 5 s poll.
      expect((await c.send('POST', '/token', await form('push', '6901'))).status).toBe(200);
      put(join(dir, 'org-policy.yml'), 'version: 1\nforbidden-triggers: [push]\n');
      await waitFor('config reloaded', 1, { trigger: 'watch' });
      expect(logged('config reloaded')[1]).toMatchObject({ trigger: 'watch' });
      const refused = await c.send('POST', '/token', await form('push', '6902'));
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body).error_description).toMatch(
        /^ERR_ORG_CEILING: event 'push' is forbidden/,
      );

      // 3. A broken config together with a new admin tokens file: refused as a whole, with file, line
      // and fix in the JSON log; bob's token still works, carol's (in the new file) does not.
      put(join(dir, 'admin-tokens'), 'carol carol-admin-token-f0e1d2c3b4a596870\n');
      put(configFile(), baseConfig('lots'));
      broker.proc.kill('SIGHUP');
      await waitFor('config reload refused; the config in force stays', 1);
      const err = logged('config reload refused; the config in force stays')[0]!;
      expect(err).toMatchObject({ level: 'error', code: 'ERR_CONFIG_INVALID', file: configFile(), line: 11 });
      expect(String(err.fix)).not.toBe('');
      expect(String(err.detail)).toMatch(/rate-limit|per-repository/);
      expect(await admin('new-admin-token-a1b2c3d4e5f60718293a')).toBe(200);
      expect(await admin('carol-admin-token-f0e1d2c3b4a596870')).toBe(401);

      // 4. A broken org policy: refused naming the policy file and line; the policy in force stays.
      put(configFile(), baseConfig());
      put(join(dir, 'org-policy.yml'), 'version: 1\nforbidden-triggers: [push]\nmax-credential-tll: 60\n');
      broker.proc.kill('SIGHUP');
      await waitFor('config reload refused; the config in force stays', 1, {
        code: 'ERR_ORG_POLICY_INVALID',
      });
      expect(
        logged('config reload refused; the config in force stays').find(
          (l) => l.code === 'ERR_ORG_POLICY_INVALID',
        ),
      ).toMatchObject({
        code: 'ERR_ORG_POLICY_INVALID',
        file: join(dir, 'org-policy.yml'),
        line: 3,
      });
      expect(await admin('carol-admin-token-f0e1d2c3b4a596870')).toBe(401);
      expect((await c.send('POST', '/token', await form('push', '6903'))).status).toBe(400);

      // 5. Valid again, and `listen` changed: live keys apply, the listener stays (logged: needs a restart).
      put(join(dir, 'org-policy.yml'), 'version: 1\n');
      put(join(dir, 'metrics-token'), 'scrape-rotated-0b9e2d4f6a8c1e3570\n');
      put(configFile(), baseConfig().replace('listen: 127.0.0.1:0', 'listen: 127.0.0.1:1'));
      broker.proc.kill('SIGHUP');
      await waitFor('config changes that need a restart were not applied; the running values stay', 1);
      expect(
        logged('config changes that need a restart were not applied; the running values stay')[0],
      ).toMatchObject({ level: 'warn', keys: 'listen', code: 'ERR_CONFIG_RESTART_NEEDED' });
      expect(await admin('carol-admin-token-f0e1d2c3b4a596870')).toBe(200);
      expect((await c.send('POST', '/token', await form('push', '6904'))).status).toBe(200);

      const before = outcomes.length;
      while (outcomes.length < before + 20) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stop = true;
      await Promise.all(workers);
    }
    // No request of the stream failed, and none of its connections was dropped and reopened.
    expect(outcomes.filter((o) => o !== 200)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(60);
    expect(c.connections()).toBe(warmConnections);

    const m = parsePrometheus(
      (
        await c.send('GET', '/metrics', undefined, {
          authorization: 'Bearer scrape-rotated-0b9e2d4f6a8c1e3570',
        })
      ).body,
    );
    // Counted as logged (a watch tick between a write and its SIGHUP may add a reload of its own).
    const ok = logged('config reloaded').length;
    const failed = logged('config reload refused; the config in force stays').length;
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(failed).toBeGreaterThanOrEqual(2);
    expect(metricValue(m, 'stepwarden_config_reloads_total', { result: 'ok' })).toBe(ok);
    expect(metricValue(m, 'stepwarden_config_reloads_total', { result: 'failed' })).toBe(failed);
    // The metrics token was reloaded too: the old one is refused.
    expect(
      (
        await c.send('GET', '/metrics', undefined, {
          authorization: 'Bearer scrape-4c1e9a7f2b6d0835e1a9c7f3d2',
        })
      ).status,
    ).toBe(401);
    c.close();
    // No secret of the files reached the log.
    for (const secret of [
      'old-admin-token-1c2d3e4f5a6b7c8d9e0f',
      'new-admin-token-a1b2c3d4e5f60718293a',
      'carol-admin-token-f0e1d2c3b4a596870',
      'scrape-4c1e9a7f2b6d0835e1a9c7f3d2',
    ])
      expect(broker.stderr()).not.toContain(secret);
  }, 90_000);
});
