/**
 * The sweep yields to exchanges (session 34): on memory state a sweep batch is one uninterrupted
 * microtask chain, and a burst's credentials come due together a TTL later. The loop ran 100-entry
 * batches (2.5-51 ms each at load) back to back while the next burst's exchanges waited. Now a batch
 * that runs as one chain is sized to a slice of time from what its entries cost (sweep-pace.ts), and
 * an exchange sent during the wave is answered between its batches. Measured by what the batches
 * held and the order of events, not by wall-clock thresholds: each swept entry is made to cost at
 * least SPIN_MS (a busy wait in the store's read), so no batch may hold more than a slice's worth.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { AuditEvent } from '../../shared/audit/event.js';
import { memoryAuditSink, type AuditSink } from '../../shared/broker/audit-log.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { FIRST_BATCH, SLICE_MAX_MS } from '../../shared/broker/sweep-pace.js';
import { startStack, type Stack } from '../support/broker.js';
import { expiredJwt } from '../support/records.js';
import { runIdOf } from '../support/run-ids.js';

/** What a swept entry costs at least (ms): the store's read of it busy-waits this long. */
const SPIN_MS = 0.5;
/** The most entries one uninterrupted batch may hold when each costs SPIN_MS or more. */
const BOUND = Math.max(FIRST_BATCH, Math.floor(SLICE_MAX_MS / SPIN_MS));
const NOTIFY = { audience: 'https://hooks.example.internal', step: 'notify', scope: 'notify:send' };

const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

let s: Stack;
const mem = memoryAuditSink();
const seeded = new Set<string>();
const expired = new Map<string, number>();
let allExpired: () => void = () => undefined;
let answered = false;

const sink: AuditSink = {
  write(e) {
    mem.write(e);
    const id = (e as Partial<AuditEvent>).grant_id;
    if (e.type === 'credential.expired' && id && seeded.has(id)) {
      expired.set(id, (expired.get(id) ?? 0) + 1);
      if (answered && expired.size === seeded.size) allExpired();
    }
  },
  flush: () => mem.flush(),
};

/**
 * The store's reads of a record, as the sweep makes them (the service wraps the store at its start):
 * the batch's take (takeDue, session 42) or hold step (holdMany, session 34's batch), each reading
 * every entry's record, and get() (an entry worked on its own).
 */
let onRead: (id: string) => Promise<void> = async () => undefined;
const get = MemoryStore.prototype.get;
MemoryStore.prototype.get = async function (this: MemoryStore, id: string) {
  await onRead(id);
  return get.call(this, id);
};
const holdMany = MemoryStore.prototype.holdMany;
MemoryStore.prototype.holdMany = async function (this: MemoryStore, ids: readonly string[]) {
  const held = await holdMany.call(this, ids);
  for (const id of ids) await onRead(id);
  return held;
};
// Session 42: the sweep takes its batch in one step (takeDue), which reads each entry's record.
const takeDue = MemoryStore.prototype.takeDue;
MemoryStore.prototype.takeDue = async function (this: MemoryStore, ...args: Parameters<typeof takeDue>) {
  const taken = await takeDue.apply(this, args);
  for (const id of taken.ids) await onRead(id);
  return taken;
};

beforeAll(async () => {
  s = await startStack({ auditSink: sink });
});
afterAll(async () => {
  await s.close();
});

async function seed(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const r = expiredJwt();
    seeded.add(r.grantId);
    await s.store.put(r);
  }
}

it('an exchange sent during an expiry wave is answered between the batches; no batch holds more than a slice', async () => {
  // The issuer's keys and the manifest cached first: the exchange below does only its own work.
  const warm = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf('s34-warm') }), NOTIFY));
  expect(warm.status).toBe(200);

  // Each batch: its seeded entries, and whether the event loop turned while it was out.
  interface Batch {
    held: number;
    turned: boolean;
    /** The seeded entries this batch read (each costs once, whichever read comes first). */
    read: Set<string>;
  }
  const batches: Batch[] = [];
  const events: string[] = [];
  let current: Batch | undefined;
  let waveStarted: () => void = () => undefined;
  const started = new Promise<void>((r) => (waveStarted = r));
  const service = s.broker.service;
  const sweep = service.sweep.bind(service);
  service.sweep = async (limit?: number) => {
    const batch: Batch = { held: 0, turned: false, read: new Set() };
    current = batch;
    const probe = setImmediate(() => (batch.turned = true));
    try {
      return await sweep(limit);
    } finally {
      clearImmediate(probe);
      current = undefined;
      if (batch.held) {
        batches.push(batch);
        events.push('batch');
        waveStarted();
      }
    }
  };
  onRead = async (id: string) => {
    if (seeded.has(id) && current && !current.read.has(id)) {
      current.read.add(id);
      spin(SPIN_MS);
      current.held++;
      // The wave lasts until the exchange is answered: each entry swept before then brings another.
      if (!answered) await seed(1);
    }
  };

  const token = await s.issuer.mint({ run_id: runIdOf('s34-during') });
  const done = new Promise<void>((r) => (allExpired = r));
  await seed(3 * BOUND + 100);
  await started;
  const r = await s.token(s.exchangeForm(token, NOTIFY));
  answered = true;
  events.push('answered');
  expect(r.status).toBe(200);
  await done;

  // The invariant the bound rests on: on memory state every batch ran as one chain.
  expect(batches.filter((b) => b.turned)).toEqual([]);
  // The exchange was answered while the wave was being swept: batches before and after its answer.
  const at = events.indexOf('answered');
  expect(events.slice(0, at)).toContain('batch');
  expect(events.slice(at + 1)).toContain('batch');
  // No uninterrupted batch held more than a slice's worth (the old loop's held 100).
  expect(Math.max(...batches.map((b) => b.held))).toBeLessThanOrEqual(BOUND);
  // Every seeded credential expired once, with one line.
  expect(expired.size).toBe(seeded.size);
  expect([...expired.values()].filter((n) => n !== 1)).toEqual([]);
}, 120_000);
