/**
 * The connection to Redis cut in the middle of a script's reply (session 6 review): the command was
 * applied, its answer never fully arrived. A broker process on a real redis-server through a TCP
 * proxy that forwards a chosen command and then cuts the connection after half of its reply.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { ADMIN, startRig, until, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

interface CuttingProxy {
  readonly url: string;
  /** The next client chunk matching `pred` is forwarded; its reply is cut after half its bytes. */
  cutReplyOf(pred: (chunk: string) => boolean): Promise<void>;
  close(): Promise<void>;
}

async function startCuttingProxy(targetPort: number): Promise<CuttingProxy> {
  const sockets = new Set<Socket>();
  let armed: { pred: (c: string) => boolean; hit: () => void } | undefined;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let cutNext: (() => void) | undefined;
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (d: Buffer) => {
      if (armed && armed.pred(d.toString('latin1'))) {
        cutNext = armed.hit;
        armed = undefined;
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (!cutNext) return void client.write(d);
      const hit = cutNext;
      cutNext = undefined;
      client.write(d.subarray(0, Math.max(1, d.length >> 1)), () => {
        end();
        hit();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `redis://127.0.0.1:${port}`,
    cutReplyOf: (pred) => new Promise<void>((hit) => (armed = { pred, hit })),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** deliver: EVALSHA with three keys, the record, the queue and the blocks (no other script has all three). */
const isDeliver = (c: string) =>
  c.includes('stepwarden:rec:') && c.includes('stepwarden:queue') && c.includes('stepwarden:blocks');

let rig: Rig;
let proxy: CuttingProxy;
let a: BrokerProcess;

beforeAll(async () => {
  rig = await startRig({ reply: 340001 });
  proxy = await startCuttingProxy(rig.redis.port);
  a = await rig.spawn('a', { state: proxy.url });
}, 60_000);
afterAll(async () => {
  await rig?.close();
  await proxy?.close();
}, 60_000);

describe('a reply cut mid-way', () => {
  it('of the delivery (applied, unanswered): 503, the GitHub token revoked, no "possible theft" on the retry, which is granted once', async () => {
    const runId = 'cut-deliver';
    const cut = proxy.cutReplyOf(isDeliver);
    const first = await rig.exchange(a, await rig.oidc('reply', runId), 'release');
    await cut;
    expect(first.status).toBe(503);
    expect(first.body.error).toBe('temporarily_unavailable');
    const grant = rig
      .audit('a')
      .find(
        (e) => e.type === 'credential.granted' && e.run_id === runIdOf(runId) && e.step === 'release',
      )!.grant_id;
    expect(grant).toBeDefined();
    // Nobody received it: the token minted for it is revoked at GitHub.
    const delivered = new Set(rig.secrets);
    await until(
      () => rig.gh.state.tokens.every((t) => delivered.has(t.token) || t.revoked),
      10_000,
      'revoked upstream',
    );
    // The store does not call it delivered: it is revoked as an interrupted exchange, its claim back.
    await until(
      () => rig.audit('a').some((e) => e.grant_id === grant && e.reason === 'EXCHANGE_INTERRUPTED'),
      15_000,
      'swept as interrupted',
    );
    const retry = await rig.exchange(a, await rig.oidc('reply', runId), 'release');
    expect(retry.status).toBe(200);
    const again = await rig.exchange(a, await rig.oidc('reply', runId), 'release');
    expect(again.body.error_description).toMatch(/^ERR_GRANT_ALREADY_CLAIMED/);
    // One theft signal only: the deliberate third exchange (its line may still be on its way to
    // disk: refusals are not flushed before their answer), not the retry after the cut.
    const theft = () =>
      rig.audit('a').filter((e) => e.run_id === runIdOf(runId) && e.type === 'credential.claimed_twice');
    await until(() => theft().length > 0, 10_000, 'claimed_twice line');
    const lines = rig.audit('a').filter((e) => e.run_id === runIdOf(runId));
    expect(theft()).toHaveLength(1);
    expect(lines.filter((e) => e.type === 'credential.granted')).toHaveLength(2);
    const introspected = await a.post('/introspect', { token: String(retry.body.access_token) }, ADMIN);
    expect(introspected.body.active).toBe(true);
  }, 60_000);

  it('of the gate (jti, claim and intent written, unanswered): 503, not "replayed"; the claim is back and the retry is granted once', async () => {
    const runId = 'cut-gate';
    const minted = rig.gh.state.tokens.length;
    const cut = proxy.cutReplyOf((c) => c.includes('stepwarden:jti:') && c.includes('stepwarden:intent:'));
    const first = await rig.exchange(a, await rig.oidc('reply', runId), 'release');
    await cut;
    expect(first.status).toBe(503);
    expect(first.body.error_description).toMatch(/^ERR_STATE_UNAVAILABLE/);
    // Nothing was minted on it.
    expect(rig.gh.state.tokens.length).toBe(minted);
    const retry = await rig.exchange(a, await rig.oidc('reply', runId), 'release');
    expect(retry.status).toBe(200);
    const lines = rig.audit('a').filter((e) => e.run_id === runIdOf(runId));
    expect(lines.filter((e) => e.type === 'credential.granted')).toHaveLength(1);
    expect(lines.some((e) => e.type === 'credential.claimed_twice' || e.reason === 'ERR_OIDC_REPLAYED')).toBe(
      false,
    );
  }, 60_000);
});
