/**
 * Session 6, operating the broker: stopping it (SIGTERM's drain) with an exchange in flight whose
 * GitHub call outlasts the drain deadline, and a client that goes away mid-exchange. A cut
 * connection does not stop the exchange behind it: the credential it mints must not outlive the
 * broker's close live and unrecorded, nor stay live when nobody received it.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack } from '../support/broker.js';
import { spawnBroker } from '../support/cluster.js';
import { holdNext, startAppStandin } from '../support/github.js';
import { startRedisProxy } from '../support/redis-proxy.js';
import { startRig } from '../support/redis-rig.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';
const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
};

describe('drain past its deadline with a credential still minting', () => {
  it('close() resolves only after the exchange settled: granted, revoked upstream (nobody received it), both audited', async () => {
    const s = await startStack({ ops: { drainTimeoutMs: 200 } });
    try {
      // GitHub holds the mint until the drain deadline has cut the client: the mint outlasts the
      // deadline by construction, not by a sleep racing the exchange's way to GitHub.
      const mintCall = holdNext(s.gh.standin, 'POST', TOKENS);
      const oidc = await s.issuer.mint({ run_id: '6101' });
      const client = s.token(s.exchangeForm(oidc)).then(
        (r) => ({ ok: true as const, status: r.status }),
        () => ({ ok: false as const, status: 0 }),
      );
      let closed = false;
      let closing: Promise<void>;
      try {
        await mintCall.arrived;
        closing = s.broker.close().then(() => void (closed = true));
        expect(await client).toEqual({ ok: false, status: 0 }); // cut at the drain deadline
        expect(closed).toBe(false); // the exchange has not settled: close() waits for it
      } finally {
        mintCall.release();
      }
      await closing;
      // Read at the moment close() resolved: the audit file is flushed and the store closed after this.
      const lines = s.audit.events.map((e) => ({ type: e.type, reason: e.reason, grant: e.grant_id }));
      const tokens = s.gh.state.tokens.map((t) => ({ revoked: t.revoked }));
      const granted = lines.filter((l) => l.type === 'credential.granted');
      expect(granted).toHaveLength(1);
      expect(lines).toContainEqual({
        type: 'credential.revoked',
        reason: 'UNDELIVERED',
        grant: granted[0]!.grant,
      });
      expect(tokens).toEqual([{ revoked: true }]);
    } finally {
      await s.issuer.close();
      await s.gh.standin.close();
    }
  }, 20_000);
});

describe('a client that goes away mid-exchange', () => {
  it('its credential is revoked and the claim given back: the step retrying with a fresh token is granted', async () => {
    const s = await startStack();
    try {
      const mintCall = holdNext(s.gh.standin, 'POST', TOKENS);
      const gone = new AbortController();
      const first = fetch(`${s.broker.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(s.exchangeForm(await s.issuer.mint({ run_id: '6102' }))),
        signal: gone.signal,
      }).catch(() => undefined);
      // The client goes away while GitHub holds the mint (it reached GitHub: the broker is past the
      // point where a cut connection could stop it), then GitHub answers.
      try {
        await mintCall.arrived;
        gone.abort();
        await first;
      } finally {
        mintCall.release();
      }
      await until(
        () => s.audit.events.some((e) => e.type === 'credential.revoked' && e.reason === 'UNDELIVERED'),
        'the undelivered credential revoked',
      );
      expect(s.gh.state.tokens.map((t) => t.revoked)).toEqual([true]);
      const retry = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: '6102' })));
      expect(retry.status).toBe(200);
      expect(s.gh.state.tokens.map((t) => t.revoked)).toEqual([true, false]);
    } finally {
      await s.close();
    }
  }, 20_000);
});

describe('SIGTERM twice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s6-sigterm-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a second SIGTERM while draining does not kill the process: the drain finishes and it exits 0', async () => {
    const config = join(dir, 'broker.yml');
    writeFileSync(
      config,
      [
        'listen: 127.0.0.1:0',
        'url: https://broker.example.com',
        'audience: https://broker.example.com',
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        // Keeps serving (readyz 503) for 6 s: the poll below sees the drain and the second signal lands
        // in it. At 2 s a child starved on a loaded machine could finish draining before either.
        'drain-delay: 6',
        'drain-timeout: 1',
      ].join('\n'),
    );
    const b = await spawnBroker(config);
    try {
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
        b.proc.once('exit', (code, signal) => r({ code, signal })),
      );
      b.proc.kill('SIGTERM');
      let draining = false;
      for (let i = 0; i < 500 && !draining; i++) {
        const r = await fetch(`${b.url}/readyz`).catch(() => undefined);
        draining = r?.status === 503 && (await r.text()).includes('shutting down');
        if (!draining) await new Promise((r) => setTimeout(r, 10));
      }
      expect(draining).toBe(true);
      b.proc.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(b.stderr()).toMatch(/SIGTERM while stopping/);
      expect(b.stderr()).toMatch(/"msg":"broker stopped"/);
    } finally {
      await b.stop('SIGKILL');
    }
  }, 60_000);
});

describe('SIGHUP while the broker starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s6-hup-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is remembered and done once it runs, instead of killing the process', async () => {
    const gh = await startAppStandin();
    writeFileSync(join(dir, 'app.pem'), gh.privateKeyPem, { mode: 0o600 });
    const marker = join(dir, 'key-command-started');
    // The App key comes from a command that takes a while: the start is under way while it runs.
    const command = `touch '${marker}'; sleep 1; cat '${join(dir, 'app.pem')}'`;
    const config = join(dir, 'broker.yml');
    writeFileSync(
      config,
      [
        'listen: 127.0.0.1:0',
        'url: https://broker.example.com',
        'audience: https://broker.example.com',
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
        `github: { api: "${gh.standin.url}", app-id: ${gh.appId}, private-key-command: [sh, -c, "${command}"] }`,
      ].join('\n'),
    );
    const { NODE_OPTIONS: _drop, ...env } = process.env;
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/support/broker-process.ts', 'broker', '--config', config],
      { cwd: new URL('../..', import.meta.url).pathname, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
      proc.once('exit', (code, signal) => r({ code, signal })),
    );
    try {
      for (let i = 0; i < 1000 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 10));
      expect(existsSync(marker)).toBe(true);
      proc.kill('SIGHUP');
      const started = await Promise.race([
        (async () => {
          while (
            (!/listening on/.test(out) || !/config reloaded/.test(err)) &&
            proc.exitCode === null &&
            proc.signalCode === null
          )
            await new Promise((r) => setTimeout(r, 20));
          return 'listening and reloaded';
        })(),
        exited.then((e) => `exited ${JSON.stringify(e)}: ${err}`),
      ]);
      expect(started).toBe('listening and reloaded');
      expect(proc.exitCode).toBeNull();
      proc.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await gh.standin.close();
    }
  }, 30_000);
});

describe('SIGTERM with a GitHub call in flight, on a shared (Redis) store', () => {
  it('the process exits 0; the token GitHub minted after the drain cut is revoked; no grant is left live', async () => {
    const rig = await startRig({ 'octo-repo': 100001 });
    try {
      const b = await rig.spawn('drain', { extra: 'drain-timeout: 1' });
      const mintCall = holdNext(rig.gh.standin, 'POST', TOKENS);
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
        b.proc.once('exit', (code, signal) => r({ code, signal })),
      );
      const client = rig.exchange(b, await rig.oidc('octo-repo', '6201'), 'release').then(
        (r) => r.status,
        () => 0,
      );
      // SIGTERM while GitHub holds the mint; GitHub answers only after the drain deadline cut the client.
      try {
        await mintCall.arrived;
        b.proc.kill('SIGTERM');
        expect(await client).toBe(0); // cut at the drain deadline: no credential reached it
      } finally {
        mintCall.release();
      }
      expect(await exited).toEqual({ code: 0, signal: null });
      // Everything GitHub minted is revoked by the time the process is gone.
      expect(rig.gh.state.tokens.length).toBeGreaterThanOrEqual(1);
      expect(rig.gh.state.tokens.filter((t) => !t.revoked)).toEqual([]);
      const lines = rig.audit('drain');
      const granted = lines.filter((l) => l.type === 'credential.granted').map((l) => l.grant_id);
      const revoked = lines.filter((l) => l.type === 'credential.revoked').map((l) => l.grant_id);
      for (const g of granted) expect(revoked).toContain(g);
    } finally {
      await rig.close();
    }
  }, 60_000);
});

describe('a flood of unauthenticated refusals, then SIGTERM', () => {
  it('the count of the refusals the audit budget suppressed is written before the broker stops', async () => {
    const s = await startStack();
    try {
      const flood = 180;
      for (let i = 0; i < flood; i += 30)
        await Promise.all(
          Array.from({ length: 30 }, () =>
            fetch(`${s.broker.url}/token`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: 'grant_type=x',
            }).then((r) => r.arrayBuffer()),
          ),
        );
      await s.broker.close();
      const refused = s.audit.events.filter(
        (e) => e.type === 'credential.refused' && e.reason !== 'AUDIT_SUPPRESSED',
      ).length;
      const suppressed = s.audit.events
        .filter((e) => e.reason === 'AUDIT_SUPPRESSED')
        .reduce((n, e) => n + Number((e.details as { suppressed: number }).suppressed), 0);
      expect(refused).toBeLessThan(flood); // the budget held
      expect(refused + suppressed).toBe(flood); // and every refusal is in the log, as a line or a count
    } finally {
      await s.issuer.close();
      await s.gh.standin.close();
    }
  });
});

describe('SIGTERM while the store hangs', () => {
  it('an exchange stuck at a store that stopped answering is refused, and the process still exits 0', async () => {
    const rig = await startRig({ 'octo-repo': 100001 });
    const proxy = await startRedisProxy(rig.redis.port);
    try {
      const b = await rig.spawn('hung', { state: proxy.url, extra: 'drain-timeout: 1' });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
        b.proc.once('exit', (code, signal) => r({ code, signal })),
      );
      // Every connection of the broker (commands, pub/sub, any reconnection) forwards nothing from
      // now on: a store that stopped answering. (Holding only the first connection to send raced
      // with the broker's other connection, which then answered the exchange.)
      const token = await rig.oidc('octo-repo', '6301');
      proxy.stall();
      const client = rig.exchange(b, token).then(
        (r) => r.status,
        () => 0,
      );
      // The exchange is at the broker (stuck at its first store call) before the signal.
      await new Promise((r) => setTimeout(r, 300));
      b.proc.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      // Refused (the store's deadline) or cut at the drain deadline: never granted.
      expect([0, 503]).toContain(await client);
      expect(rig.audit('hung').filter((l) => l.type === 'credential.granted')).toEqual([]);
    } finally {
      await proxy.close();
      await rig.close();
    }
  }, 60_000);
});
