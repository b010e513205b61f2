/**
 * Session 43: what the manifest and organization-policy sources hand to several exchanges at once.
 * - A refusal they cache (a broken manifest, a missing policy) or share (one read for the exchanges
 *   that ask meanwhile) reaches each exchange as its own object: `audited` is per exchange, and the
 *   shared object marked by the first exchange's line left every later refusal without one.
 * - The directory source checks a file (stat, then a read if it changed) once for the exchanges that
 *   find the check due together: a burst sent one stat per exchange, about one in ten, each a job on
 *   libuv's pool among the exchanges' verifies and signs. With recheckMs 0 nothing is shared.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrokerRefusal, FileTooLargeRefusal, ownRefusal } from '../../shared/broker/errors.js';
import { directorySource } from '../../shared/broker/manifest-source.js';
import { githubOrgPolicySource, type OrgPolicyReader } from '../../shared/broker/org-policy-source.js';
import { MANIFEST, errorCode, startStack } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const REPO = 'octo-org/octo-repo';
const BROKEN = 'version: 1\nrepository: [not, a, map]\n';
const refusalOf = (p: Promise<unknown>): Promise<BrokerRefusal> =>
  p.then(
    () => {
      throw new Error('granted');
    },
    (e: unknown) => {
      if (!(e instanceof BrokerRefusal)) throw e;
      return e;
    },
  );

describe('ownRefusal', () => {
  it('copies a refusal with its class, message, stack and fields, audited false; anything else as it is', () => {
    const big = new FileTooLargeRefusal('octo-org/octo-repo:.github/x.yml', 2_000_000);
    big.audited = true;
    const own = ownRefusal(big) as FileTooLargeRefusal;
    expect(own).not.toBe(big);
    expect(own).toBeInstanceOf(FileTooLargeRefusal);
    expect([own.code, own.error, own.status, own.where, own.size, own.message, own.stack, own.name]).toEqual([
      big.code,
      big.error,
      big.status,
      big.where,
      big.size,
      big.message,
      big.stack,
      big.name,
    ]);
    expect(own.audited).toBe(false);
    expect(big.audited).toBe(true);
    expect(own.toJSON()).toEqual(big.toJSON());
    const plain = new Error('x');
    expect(ownRefusal(plain)).toBe(plain);
    expect(ownRefusal(undefined)).toBeUndefined();
  });
});

describe('a broken manifest refuses every exchange with its own audit line', () => {
  it('three exchanges against one cached broken manifest: three refusals, three lines', async () => {
    const st = await startStack({ manifest: BROKEN });
    try {
      for (let i = 0; i < 3; i++) {
        const before = st.audit.events.length;
        const t = await st.issuer.mint({ run_id: runIdOf(`s43-broken-${i}`) });
        const r = await st.token(st.exchangeForm(t));
        expect([r.status, errorCode(r)]).toEqual([400, 'ERR_MANIFEST_INVALID']);
        // Without own refusals: the first exchange's line only, then none.
        expect(st.audit.events.slice(before).map((e) => [e.type, e.reason])).toEqual([
          ['credential.refused', 'ERR_MANIFEST_INVALID'],
        ]);
      }
    } finally {
      await st.close();
    }
  });
});

describe('the directory source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s43-shared-'));
  const file = join(dir, REPO, '.github/access-manifest.yml');
  mkdirSync(join(dir, REPO, '.github'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stat that answers when released, counting its calls. */
  const heldStat = () => {
    let calls = 0;
    const waiting: (() => void)[] = [];
    const real = async (path: string) => (await import('node:fs/promises')).stat(path);
    return {
      calls: () => calls,
      release: () => waiting.splice(0).forEach((go) => go()),
      stat: async (path: string) => {
        calls++;
        await new Promise<void>((go) => waiting.push(go));
        return real(path);
      },
    };
  };

  it('exchanges that find a check due together share one stat and one answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 40 }), async (n) => {
        writeFileSync(file, MANIFEST);
        const held = heldStat();
        const src = directorySource(dir, { recheckMs: 60_000, stat: held.stat });
        const gets = Array.from({ length: n }, () => src.get(REPO));
        await new Promise((r) => setImmediate(r));
        held.release();
        const all = await Promise.all(gets);
        // Without the shared check: n stats.
        expect(held.calls()).toBe(1);
        for (const a of all) expect(a.manifest).toBe(all[0]!.manifest);
      }),
      { numRuns: 10 },
    );
  });

  it('a shared check of a broken manifest refuses each exchange with a refusal of its own', async () => {
    writeFileSync(file, BROKEN);
    const held = heldStat();
    const src = directorySource(dir, { recheckMs: 60_000, stat: held.stat });
    const gets = [src.get(REPO), src.get(REPO), src.get(REPO)].map(refusalOf);
    await new Promise((r) => setImmediate(r));
    held.release();
    const [a, b, c] = await Promise.all(gets);
    expect(held.calls()).toBe(1);
    expect(new Set([a, b, c]).size).toBe(3);
    a!.audited = true;
    for (const r of [a, b, c]) expect(r!.code).toBe('ERR_MANIFEST_INVALID');
    expect([b!.audited, c!.audited]).toEqual([false, false]);
    // And from the cache afterwards, still its own.
    const d = await refusalOf(src.get(REPO));
    expect([d === a || d === b || d === c, d.audited]).toEqual([false, false]);
  });

  it('with recheckMs 0 nothing is shared: each get stats the file', async () => {
    writeFileSync(file, MANIFEST);
    const held = heldStat();
    const src = directorySource(dir, { recheckMs: 0, stat: held.stat });
    const gets = [src.get(REPO), src.get(REPO), src.get(REPO)];
    await new Promise((r) => setImmediate(r));
    held.release();
    await Promise.all(gets);
    expect(held.calls()).toBe(3);
  });

  it('forget() while a check is out: the next get checks again (the file may have changed under the first)', async () => {
    writeFileSync(file, MANIFEST);
    const held = heldStat();
    const src = directorySource(dir, { recheckMs: 60_000, stat: held.stat });
    const first = src.get(REPO);
    await new Promise((r) => setImmediate(r));
    writeFileSync(file, MANIFEST.replace('ttl: 300', 'ttl: 120'));
    src.forget!(REPO);
    const second = src.get(REPO);
    await new Promise((r) => setImmediate(r));
    held.release();
    const [, b] = await Promise.all([first, second]);
    expect(held.calls()).toBe(2);
    expect(JSON.stringify(b.manifest.value)).toContain('120');
  });
});

describe('the organization policy source', () => {
  const missing: OrgPolicyReader = {
    // GitHub answered (a 404): a verdict, cached as ERR_ORG_POLICY_MISSING (not an outage).
    defaultBranchHead: () =>
      Promise.reject(new BrokerRefusal('invalid_target', 'ERR_GITHUB_NOT_FOUND', 'Not Found', 404)),
    readFile: () => Promise.reject(new Error('unreached')),
  };

  it('a missing policy, cached or read once for several exchanges, refuses each with its own refusal', async () => {
    const src = githubOrgPolicySource(missing);
    const together = await Promise.all([src.get('octo-org'), src.get('octo-org')].map(refusalOf));
    const later = await refusalOf(src.get('octo-org'));
    const cached = await refusalOf(src.cached!('octo-org')!);
    const all = [...together, later, cached];
    for (const r of all) expect(r.code).toBe('ERR_ORG_POLICY_MISSING');
    expect(new Set(all).size).toBe(all.length);
    all[0]!.audited = true;
    for (const r of all.slice(1)) expect(r.audited).toBe(false);
  });
});
