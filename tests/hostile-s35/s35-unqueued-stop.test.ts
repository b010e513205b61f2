/**
 * Session 35, left by session 34 (A): a GitHub token neither the store nor GitHub took is held by
 * the instance that minted it (shared/broker/unqueued.ts); a stop did not wait for it, so it lived
 * its hour with the first alarm as its last word. Decided: the stop's drain gives each held token
 * one more try, the store first (then the sweep owns it) and GitHub after, within the drain's
 * deadline; each one still held then gets one line of its own (`credential.revoke_failed`,
 * REVOCATION_UNQUEUED_STOPPED) naming its grant id, until when the token stays valid and the remedy;
 * nothing is asked or written after the drain. Each grant ends with one line at most, never the token.
 */
import { describe, expect, it } from '@jest/globals';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import type { GithubApp } from '../../shared/broker/providers/github-app.js';
import type { CredentialRecord, Store } from '../../shared/broker/state/store.js';
import { UnqueuedRevocations } from '../../shared/broker/unqueued.js';
import { record } from '../broker/store-suite.js';
import { until } from '../support/redis-rig.js';

type Line = Record<string, unknown>;
const refuse = () => Promise.reject(new Error('NOREPLICAS Not enough good replicas to write.'));

function rig() {
  const lines: Line[] = [];
  const deletes: string[] = [];
  const puts: string[] = [];
  const io = {
    put: refuse as (r: CredentialRecord) => Promise<void>,
    revoke: (): Promise<void> => Promise.reject(new Error('HTTP 500')),
  };
  const audit: AuditSink = { write: (e) => void lines.push(e as Line), flush: async () => undefined };
  const store = {
    put: (r: CredentialRecord) => (puts.push(r.grantId), io.put(r)),
    get: async () => {
      throw new Error('NOREPLICAS');
    },
  } as unknown as Store;
  const github = {
    revokeToken: (token: string) => (deletes.push(token), io.revoke()),
  } as unknown as GithubApp;
  const held = new UnqueuedRevocations({
    store,
    audit,
    now: () => Math.floor(Date.now() / 1000),
    backoffSeconds: 0.01,
    maxBackoffSeconds: 0.02,
  });
  const r = record({ deliverBy: Math.floor(Date.now() / 1000) + 30 });
  const ends = () => lines.filter((l) => l.reason !== 'REVOCATION_UNQUEUED');
  return { lines, deletes, puts, io, held, github, r, ends };
}

const quiet = () => new Promise((res) => setTimeout(res, 300));

describe('a stop while the instance holds tokens nobody else has (s35)', () => {
  it('both still failing at the stop: one more try of each, then one line naming the grant and the remedy', async () => {
    const x = rig();
    x.held.hold(x.r, x.r.secret!, x.github);
    await until(() => x.deletes.length >= 2, 20_000, 'the held token retried');
    const [puts, deletes] = [x.puts.length, x.deletes.length];
    await x.held.drain(5_000);
    // One more try at the store and at GitHub inside the drain.
    expect(x.puts.length).toBeGreaterThan(puts);
    expect(x.deletes.length).toBeGreaterThan(deletes);
    expect(x.held.size).toBe(0);
    expect(x.ends().map((l) => [l.type, l.outcome, l.reason, l.grant_id])).toEqual([
      ['credential.revoke_failed', 'error', 'REVOCATION_UNQUEUED_STOPPED', x.r.grantId],
    ]);
    const detail = String(x.ends()[0]!.detail);
    expect(detail).toContain(new Date(x.r.upstreamExpiresAt! * 1000).toISOString());
    expect(detail).toMatch(/suspend the App's installation on octo-org/);
    expect(x.ends()[0]!.repository).toBe('octo-org/octo-repo');
    // Nothing after the drain: no timer left, no call, no line.
    const n = x.deletes.length + x.puts.length;
    await quiet();
    expect(x.deletes.length + x.puts.length).toBe(n);
    expect(JSON.stringify(x.lines)).not.toContain(x.r.secret!);
  });

  it('the store back at the stop: handed to it, no line of its own, GitHub not asked', async () => {
    const x = rig();
    x.held.hold(x.r, x.r.secret!, x.github);
    await until(() => x.deletes.length >= 1, 20_000, 'a try while the store is down');
    x.io.put = async () => undefined;
    const deletes = x.deletes.length;
    await x.held.drain(5_000);
    expect(x.deletes.length).toBeLessThanOrEqual(deletes + 1);
    expect(x.held.size).toBe(0);
    expect(x.ends()).toEqual([]);
  });

  it('GitHub back at the stop: revoked by the drain, one end line', async () => {
    const x = rig();
    x.held.hold(x.r, x.r.secret!, x.github);
    await until(() => x.deletes.length >= 1, 20_000, 'a failed try');
    x.io.revoke = async () => undefined;
    await x.held.drain(5_000);
    expect(x.held.size).toBe(0);
    expect(x.ends().map((l) => [l.type, l.reason, l.grant_id])).toEqual([
      ['credential.revoked', 'REVOKED_AFTER_RETRY', x.r.grantId],
    ]);
  });

  it('a GitHub call that hangs past the deadline: the drain ends on time, one line, and a late answer adds none', async () => {
    const x = rig();
    let answer!: () => void;
    // The held token's own retry is out (hanging) when the stop comes.
    x.io.revoke = () => new Promise<void>((res) => (answer = res));
    x.held.hold(x.r, x.r.secret!, x.github);
    await until(() => x.deletes.length >= 1, 20_000, 'a retry out');
    const t0 = Date.now();
    await x.held.drain(500);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(x.ends().map((l) => l.reason)).toEqual(['REVOCATION_UNQUEUED_STOPPED']);
    answer();
    await quiet();
    expect(x.ends().map((l) => l.reason)).toEqual(['REVOCATION_UNQUEUED_STOPPED']);
  });

  it('a token handed over while stopping is not held: its alarm says so', async () => {
    const x = rig();
    await x.held.drain(1_000);
    x.held.hold(x.r, x.r.secret!, x.github);
    expect(x.held.size).toBe(0);
    const alarm = x.lines.find((l) => l.reason === 'REVOCATION_UNQUEUED')!;
    expect(String(alarm.detail)).toMatch(/stopping/);
    expect(String(alarm.detail)).toMatch(/suspend/);
    await quiet();
    expect(x.deletes).toEqual([]);
  });
});
