/**
 * What one exchange asks of the store, counted at a broker started from its config, on memory and on
 * Redis state alike (sessions 10, 13 and 28): for a broker JWT decided without reaching GitHub (a
 * directory manifest, no job to read), one call each of screenGate (the screen and the gate) and
 * putDelivered (each one script, one round trip on Redis; put and deliver apart only for a GitHub
 * token), none of the single steps they replace; a replay stops in screenGate before the bucket, a
 * second claim of a single-use grant at its gate, a request the decision refuses at the screen alone.
 * On Redis, also every command redis-server runs for it, scripts' commands included (session 29): a
 * change that adds a command to the exchange fails here.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { metricValue, parsePrometheus } from '../support/prometheus.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { monitored } from '../support/redis-monitor.js';

const OPS = [
  'screen',
  'gate',
  'screenGate',
  'put',
  'deliver',
  'putDelivered',
  'seen',
  'rateLimit',
  'admit',
  'claim',
  'intend',
  'useOnce',
];
const METRICS_TOKEN = 'scrape-me-7f3a9c1e5b2d8046af1c3e9b';

describe.each(['memory', 'redis'] as const)('one exchange on %s state', (kind) => {
  let issuer: OidcIssuer;
  let broker: RunningBroker;
  let server: RedisServer | undefined;
  let dir: string;
  beforeAll(async () => {
    if (kind === 'redis') server = await startRedis();
    issuer = await startOidcIssuer({ audience: AUD });
    dir = mkdtempSync(join(tmpdir(), `sw-${kind}-exchange-`));
    mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
    writeFileSync(join(dir, 'metrics-token'), `${METRICS_TOKEN}\n`);
    const state = server
      ? [`state: ${server.url}`, 'state-encryption-key-file: ./state.key']
      : ['state: memory'];
    if (server) writeFileSync(join(dir, 'state.key'), randomBytes(32).toString('hex'), { mode: 0o600 });
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
        'metrics: { token-file: ./metrics-token }',
        ...state,
      ].join('\n'),
      'broker.yml',
      dir,
    );
    broker = await startBroker(config, { logger: { log: () => undefined } });
  });
  afterAll(async () => {
    await broker.close();
    await issuer.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const exchange = async (oidc: string, step = 'notify') => {
    const r = await fetch(`${broker.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: oidc,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: 'https://hooks.example.internal',
        job: 'publish',
        step,
      }),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const calls = async (): Promise<Record<string, number>> => {
    const r = await fetch(`${broker.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const s = parsePrometheus(await r.text());
    return Object.fromEntries(
      OPS.map((op) => [op, metricValue(s, 'stepwarden_store_operation_seconds_count', { op }) ?? 0]),
    );
  };
  const delta = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(OPS.map((op) => [op, (b[op] ?? 0) - (a[op] ?? 0)]).filter(([, n]) => n !== 0));

  // First in its describe: every record in the store is then this test's own, due (ttl 60 s) long
  // after it ends (jest's 30 s), so the sweep finds nothing to do meanwhile but look (swDue).
  if (kind === 'redis')
    it("a grant on Redis: every command redis-server runs for it, the scripts' own included", async () => {
      const raw = server!.client();
      // One exchange first: the scripts are loaded (a first EVALSHA answered NOSCRIPT is sent again as
      // EVAL) and the repository's and workflow's indexes exist, whichever tests ran before.
      expect((await exchange(await issuer.mint({ run_id: '8199' }))).status).toBe(200);
      const N = 20;
      const started = Date.now();
      // One at a time, fresh runs (run and job indexes new, the repository's and workflow's not).
      const seen = await monitored(raw, async () => {
        for (let i = 0; i < N; i++)
          expect((await exchange(await issuer.mint({ run_id: String(8200 + i) }))).status).toBe(200);
      });
      // Each command with the script (top-level command) it ran in. The background is left out: the
      // sweep's scripts and the instance cards; nothing else runs unasked.
      const counts: Record<string, number> = {};
      // The arguments of each script the exchanges called, by its number of keys (9: screenGate).
      const handed: Record<string, number[]> = {};
      let background = false;
      for (const c of seen) {
        const name = c.args[0]!.toLowerCase();
        if (c.source !== 'lua')
          background =
            // The sweep: swDue (the queue its one key) or, since session 42, its take (the queue, then
            // the key prefix).
            (name === 'evalsha' &&
              c.args[3] === 'stepwarden:queue' &&
              (c.args[2] === '1' || c.args[4] === 'stepwarden:')) ||
            c.args.includes('stepwarden:instances');
        if (!background) counts[name] = (counts[name] ?? 0) + 1;
        if (!background && name === 'evalsha') (handed[c.args[2]!] ??= []).push(c.args.length - 3);
      }
      // screenGate: its 9 keys and 17 arguments, the subject's block keys in one of them (a line
      // each: session 30), however many there are (11 here: repository, its id, workflow, run).
      // 4fbe0df sent 9 + 28 (the keys' count, then each key).
      expect(handed['9']).toEqual(Array.from({ length: N }, () => 9 + 17));
      const minutes = Math.floor((Date.now() - started) / 60_000);
      // `info`: the look at the server's fitness an exchange starts at most every 5 s (redis.ts
      // lookAtServer), so it shows when the 20 exchanges take longer (a loaded machine, session 37).
      const { expireat = 0, zremrangebyscore = 0, expiretime = 0, info = 0, ...rest } = counts;
      expect(info).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 5000) + 1);
      expect(Object.fromEntries(Object.entries(rest).map(([k, n]) => [k, n / N]))).toEqual(EXACT);
      // The trimmed indexes (repository id, repository, workflow) are trimmed and their expiry moved
      // only when a record's retention passes the end of the key's minute (INDEX_SLOT in redis.ts):
      // at most once per key and minute crossed, so at most 3 for 20 exchanges within a minute. Their
      // expiry is read only then too (session 37: the ZADD's answer says when its slot mark moved).
      expect(expiretime).toBeLessThanOrEqual(3 * (minutes + 1));
      expect(zremrangebyscore).toBeLessThanOrEqual(expiretime);
      // The record's expiry, and the run's and the job's indexes are new: their expiry set once each
      // (EXPIREAT NX); beside them, each moved expiry of a trimmed index.
      expect(expireat).toBe(3 * N + zremrangebyscore);
    });

  it('a grant (a broker JWT): screenGate, putDelivered (after its audit line), once each', async () => {
    // Keys of each kind before (the test above left its own on Redis).
    const kinds = ['jti', 'claim', 'intent', 'rec'];
    const keys = async () =>
      server
        ? Object.fromEntries(
            await Promise.all(
              kinds.map(async (k) => [k, (await server!.client().keys(`stepwarden:${k}:*`)).length] as const),
            ),
          )
        : {};
    const had = await keys();
    const before = await calls();
    const oidc = await issuer.mint({ run_id: '8101' });
    expect((await exchange(oidc)).status).toBe(200);
    expect(delta(before, await calls())).toEqual({ screenGate: 1, putDelivered: 1 });
    if (!server) return;
    // The jti, the claim and the intent's queue entry are in the store (the intent replaced by the record).
    const has = await keys();
    expect(Object.fromEntries(kinds.map((k) => [k, has[k]! - had[k]!]))).toEqual({
      jti: 1,
      claim: 1,
      intent: 0,
      rec: 1,
    });
  });

  it('a replay stops at the screen; a second claim of the grant at the gate', async () => {
    const oidc = await issuer.mint({ run_id: '8102' });
    expect((await exchange(oidc)).status).toBe(200);
    const before = await calls();
    const replay = await exchange(oidc);
    expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    // The replay's own bucket (rateLimit) is charged, the repository's is not.
    expect(delta(before, await calls())).toEqual({ screenGate: 1, rateLimit: 1 });
    const mid = await calls();
    const second = await exchange(await issuer.mint({ run_id: '8102' }));
    expect(second.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    expect(delta(mid, await calls())).toEqual({ screenGate: 1 });
    if (server) expect(await server.client().keys('stepwarden:intent:*')).toHaveLength(0);
  });

  it('a request the decision refuses is screened alone (charged, nothing gated); its replay is a replay', async () => {
    const oidc = await issuer.mint({ run_id: '8103' });
    const before = await calls();
    const refused = await exchange(oidc, 'not-in-the-manifest');
    expect(refused.status).toBe(400);
    expect(refused.body.error_description).not.toMatch(/^ERR_OIDC_REPLAYED|^ERR_RATE_LIMITED/);
    expect(delta(before, await calls())).toEqual({ screen: 1 });
    // The jti of a refused request is not used: the same token for a granted step is granted.
    expect((await exchange(oidc)).status).toBe(200);
    const mid = await calls();
    const replay = await exchange(oidc, 'not-in-the-manifest');
    expect(replay.body.error_description).toMatch(/^ERR_OIDC_REPLAYED/);
    expect(delta(mid, await calls())).toEqual({ screen: 1, rateLimit: 1 });
  });
});

/**
 * Per broker-JWT exchange of a fresh run, on Redis: every command but the clock-dependent ones. 37.8
 * in all at d367854 (`get` 2 and no `mget`, `time` 2, `exists` 2, `zremrangebyscore` 3 and `expireat` 3-6 of them).
 * Session 30: `exists` 2 and `hmget` 1 (4fbe0df: 1 and 2): with no block in force the gate reads the
 * blocks hash by EXISTS alone, and HMGETs the subject's keys only when it exists.
 */
const EXACT: Record<string, number> = {
  del: 1,
  evalsha: 2,
  // Session 37: 1, the blocks hash (the jti's SET NX is its replay check); a trimmed index's expiry
  // (EXPIRETIME, 3 before) is read only when its slot mark moves (above).
  exists: 1,
  expire: 2,
  hmget: 1,
  hset: 2,
  hvals: 1,
  incr: 1,
  mget: 1,
  sadd: 1,
  scard: 1,
  set: 3,
  // Session 43: 2, putDelivered queues the expiry on the store's clock (TIME), as the gate its intent.
  time: 2,
  zadd: 7,
};
