/**
 * Session 40, on call: `state-strict` with no replica connected to the primary. Every exchange is
 * refused at its first wait (503 ERR_STATE_NOT_REPLICATED), every revocation and block answered 503,
 * but `/readyz` said ready: its store check reads a key and the server's health, not whether strict
 * mode can ever be satisfied. The readiness doc says the broker is ready only when every part it needs
 * to grant answers, and a store that would evict (store-wide too) already turns it red. On the start
 * commit: `/readyz` 200 with the replica detached while the exchange beside it answered 503.
 *
 * Now the store check of a strict broker reads `connected_slaves` from the same INFO and is not ready
 * below the replicas it waits for, naming ERR_STATE_NOT_REPLICATED; a broker without strict mode on
 * the same primary stays ready; the replica back, ready again.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { parseInfo, strictReplicasProblem } from '../../shared/broker/state/redis.js';
import { until, type Rig, startReplicatedRig, type ReplicatedRig } from '../support/redis-rig.js';

describe('strict mode without a replica: /readyz says so (s40)', () => {
  let pair: ReplicatedRig;
  let rig: Rig;
  let strict: BrokerProcess;
  let lax: BrokerProcess;

  beforeAll(async () => {
    pair = await startReplicatedRig({ readyrep: 540401 });
    ({ rig } = pair);
    strict = await rig.spawn('s40-readyrep-strict', {
      extra: 'state-strict: true\nstate-strict-timeout-ms: 1500\n',
    });
    lax = await rig.spawn('s40-readyrep-lax');
    await until(async () => (await pair.replicas()) === 1, 30_000, 'replica up');
  }, 180_000);
  afterAll(async () => {
    await pair?.close();
  }, 120_000);

  const ready = async (b: BrokerProcess) => {
    const r = await fetch(`${b.url}/readyz`);
    return {
      status: r.status,
      body: (await r.json()) as { checks: Record<string, { ok: boolean; detail?: string }> },
    };
  };

  it('a replica connected: both ready', async () => {
    expect((await ready(strict)).status).toBe(200);
    expect((await ready(lax)).status).toBe(200);
  });

  it('the replica gone: the strict broker not ready, naming the rule; the other ready', async () => {
    await pair.detach();
    const r = await rig.exchange(strict, await rig.oidc('readyrep', 's40-readyrep-1'), 'notify');
    expect(r.status).toBe(503);
    expect(String(r.body.error_description)).toMatch(/^ERR_STATE_UNAVAILABLE: .*ERR_STATE_NOT_REPLICATED/);
    const s = await ready(strict);
    // Before: 200.
    expect(s.status).toBe(503);
    expect(s.body.checks.store).toMatchObject({ ok: false });
    expect(s.body.checks.store!.detail).toMatch(/^ERR_STATE_NOT_REPLICATED: .*0 connected replica/);
    expect((await ready(lax)).status).toBe(200);
  });

  it('the replica back: ready again', async () => {
    await pair.attach();
    await until(async () => (await ready(strict)).status === 200, 30_000, 'ready again');
    expect((await rig.exchange(strict, await rig.oidc('readyrep', 's40-readyrep-2'), 'notify')).status).toBe(
      200,
    );
  });
});

describe('strictReplicasProblem: judged only on a count INFO gives, in strict mode (s40)', () => {
  const info = (extra: string) =>
    `# Server\r\nredis_version:7.2.4\r\n# Replication\r\nrole:master\r\n${extra}\r\nmaster_repl_offset:42\r\n`;
  it.each([
    ['0 of 1', 'connected_slaves:0', { replicas: 1 }, true],
    ['1 of 2', 'connected_slaves:1', { replicas: 2 }, true],
    ['1 of 1', 'connected_slaves:1', { replicas: 1 }, false],
    ['3 of 1', 'connected_slaves:3', { replicas: 1 }, false],
    ['not strict', 'connected_slaves:0', undefined, false],
    ['no count (a managed service hiding it)', '', { replicas: 1 }, false],
    ['a count that is not a number', 'connected_slaves:x', { replicas: 1 }, false],
    ['a negative count', 'connected_slaves:-1', { replicas: 1 }, false],
  ] as const)('%s', (_, line, strict, problem) => {
    const p = strictReplicasProblem(parseInfo(info(line)), strict);
    expect(p === undefined ? false : /^ERR_STATE_NOT_REPLICATED: /.test(p)).toBe(problem);
  });
});
