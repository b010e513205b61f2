/**
 * The audit disk full mid-line, under a real broker process (session 25). A small tmpfs or a full loop
 * device needs root here; the file-size limit (RLIMIT_FSIZE, set on the running process with
 * `prlimit --pid`) gives the kernel's own short write then EFBIG at the byte the test chooses, which is
 * what a full disk gives a writer (a short write, then ENOSPC): Node ignores SIGXFSZ, so the process
 * lives on. The limit is put in the middle of the next line. What the operator must see: one ALARM line
 * on stderr, `/readyz` and the metrics saying so, every exchange refused 503 ERR_AUDIT_UNAVAILABLE with
 * nothing granted, the file still whole lines (no torn line the next batch would glue to), and once
 * there is room again grants resume with "writable again" and every granted credential has its line.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { AuditEvent } from '../../shared/audit/event.js';
import { startOidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, HOOKS, MANIFEST } from '../support/broker.js';
import { spawnBroker, writeDirectoryBrokerConfig, type BrokerProcess } from '../support/cluster.js';
import { runIdOf } from '../support/run-ids.js';

const hasPrlimit = (() => {
  try {
    execFileSync('prlimit', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the audit file hitting a size limit mid-line (a full disk), broker process', () => {
  it('refuses every grant with one ALARM, keeps whole lines, and grants again once there is room', async () => {
    // util-linux is on every CI image this runs on; without prlimit the fault cannot be injected.
    expect(hasPrlimit).toBe(true);
    const issuer = await startOidcIssuer({ audience: AUD });
    const dir = mkdtempSync(join(tmpdir(), 'sw-s25-full-'));
    const file = join(dir, 'audit.jsonl');
    let b: BrokerProcess | undefined;
    try {
      const config = writeDirectoryBrokerConfig(dir, {
        aud: AUD,
        issuer: issuer.url,
        manifest: MANIFEST,
        extra: ['owner-ids: [200001]'],
      });
      b = await spawnBroker(config);
      const exchange = async (runId: string) =>
        b!.post('/token', {
          grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
          subject_token: await issuer.mint({ run_id: runIdOf(runId) }),
          subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
          audience: HOOKS,
          scope: 'notify:send',
          job: 'publish',
          step: 'notify',
        });
      for (let i = 0; i < 3; i++) expect((await exchange(`s25-full-before-${i}`)).status).toBe(200);
      const before = statSync(file).size;
      // Room for about half of the next line (a grant writes lines of several hundred bytes).
      const limit = before + 150;
      execFileSync('prlimit', ['--pid', String(b.proc.pid), `--fsize=${limit}:`]);

      const refused = await Promise.all(
        Array.from({ length: 6 }, (_, i) => exchange(`s25-full-during-${i}`)),
      );
      for (const r of refused) {
        expect(r.status).toBe(503);
        expect(String(r.body.error_description)).toMatch(/^ERR_AUDIT_UNAVAILABLE/);
        expect(r.body.access_token).toBeUndefined();
      }
      const ready = await fetch(`${b.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.text()).toMatch(/audit/i);
      // The torn batch was cut back: the file is exactly as it was, whole lines only.
      expect(statSync(file).size).toBe(before);
      const alarms = b
        .stderr()
        .split('\n')
        .filter((l) => l.includes('ALARM: the audit log'));
      expect(alarms).toHaveLength(1);
      expect(alarms[0]).toMatch(/EFBIG/);

      // Room again: the backlog (the refusals' lines) goes in first, then grants resume.
      execFileSync('prlimit', ['--pid', String(b.proc.pid), '--fsize=unlimited:']);
      let back: { status: number } = { status: 0 };
      for (let i = 0; i < 20 && back.status !== 200; i++) {
        back = await exchange(`s25-full-after-${i}`);
        if (back.status !== 200) await new Promise((r) => setTimeout(r, 250));
      }
      expect(back.status).toBe(200);
      await b.stop('SIGTERM');
      expect(b.stderr()).toMatch(/the audit log .* is writable again/);
      b = undefined;

      const text = readFileSync(file, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      const lines = text.split('\n').filter(Boolean);
      // Every line whole JSON (a torn line glued to the next would fail here).
      const events = lines.map((l) => JSON.parse(l) as AuditEvent);
      const granted = events.filter((e) => e.type === 'credential.granted');
      const runs = granted.map((e) => String(e.run_id));
      // Each run's grant line once.
      expect(new Set(runs).size).toBe(runs.length);
      const ids = (prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) => runIdOf(`${prefix}${i}`));
      expect(runs.filter((r) => ids('s25-full-before-', 20).includes(r))).toHaveLength(3);
      expect(runs.filter((r) => ids('s25-full-after-', 20).includes(r))).toHaveLength(1);
      // A refused exchange wrote its grant line ahead (write-ahead) and it could not be made durable:
      // the credential is revoked and the refusal recorded, in that order, once room came back. The
      // log never says "granted" for a credential left standing that the client did not get.
      for (let i = 0; i < 6; i++) {
        const mine = events.filter((e) => e.run_id === runIdOf(`s25-full-during-${i}`));
        expect(mine.map((e) => `${e.type} ${e.reason ?? ''}`.trim())).toEqual([
          'credential.granted',
          'credential.revoked ERR_AUDIT_UNAVAILABLE',
          'credential.refused ERR_AUDIT_UNAVAILABLE',
        ]);
      }
    } finally {
      await b?.stop('SIGKILL');
      await issuer.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
