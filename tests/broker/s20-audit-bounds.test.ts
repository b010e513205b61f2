/**
 * Session 20, attacking session 19's audit escaping on call: U+2028 and other invisible characters
 * are now written as `\uXXXX` (6 bytes a UTF-16 unit, against at most 3 raw), so a 256-character field
 * of them is 1,536 bytes. Could a workload with a valid token pad its refusal line past 4 KB so that
 * the bound drops who and which run (the bound drops the last keys first)? It holds: `job` is a job
 * id (refused before the token is read), and the free fields (audience, scope) come after the
 * attribution, so they go first; `step` stays, clipped. Shown on a broker process and as a property.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { boundAuditLine, contextOf, MAX_AUDIT_LINE } from '../../shared/broker/audit-log.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';
import { spawnBroker, writeDirectoryBrokerConfig, type BrokerProcess } from '../support/cluster.js';
import { until } from '../support/poll.js';

const ATTRIBUTION = ['repository', 'run_id', 'run_attempt', 'ref', 'sha', 'actor', 'reason'];

describe('a refusal padded with escaped characters keeps who and which run (a broker process)', () => {
  let issuer: OidcIssuer;
  let b: BrokerProcess;
  let seen = 0;
  const dir = mkdtempSync(join(tmpdir(), 'sw-s20-bounds-'));
  beforeAll(async () => {
    issuer = await startOidcIssuer({ audience: AUD });
    b = await spawnBroker(
      writeDirectoryBrokerConfig(dir, { aud: AUD, issuer: issuer.url, manifest: MANIFEST }),
    );
  }, 60_000);
  afterAll(async () => {
    await b?.stop('SIGTERM');
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['U+2028', '\u2028'],
    ['a bidirectional override', '\u202e'],
    ['a tag character (beyond the BMP)', '\u{e0041}'],
  ])(
    'step, audience and scope of %s: one line within 4 KB, attribution kept',
    async (_what, c) => {
      // `job` is a job id (ERR_PARAM_INVALID before the token is read); step, audience and scope are free.
      const pad = c.repeat(300);
      const r = await b.post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: await issuer.mint({ run_id: '2041', ref: 'refs/heads/main', actor: 'mallory' }),
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        // `job` is a job id (ERR_PARAM_INVALID before the token is read); step, audience, scope are free.
        audience: `a${pad}`.slice(0, 256),
        scope: `x${c.repeat(1200)}`.slice(0, 1024),
        job: 'publish',
        step: `s${pad}`.slice(0, 256),
      });
      expect(r.status).toBe(400);
      // The writer is behind the answer: wait for this request's line.
      const lines = () =>
        (existsSync(join(dir, 'audit.jsonl')) ? readFileSync(join(dir, 'audit.jsonl'), 'utf8') : '')
          .split('\n')
          .filter(Boolean);
      seen++;
      await until(() => lines().length >= seen, 30_000, "this refusal's audit line");
      const line = lines().at(-1)!;
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_AUDIT_LINE);
      const event = JSON.parse(line) as Record<string, unknown>;
      expect(event.type).toBe('credential.refused');
      for (const k of ATTRIBUTION) expect([k, event[k]]).toEqual([k, expect.anything()]);
      expect(event.run_id).toBe('2041');
      // The padded fields are kept, clipped, not dropped.
      expect(String(event.step)).toMatch(/^s/);
    },
    60_000,
  );
});

describe('the bound, as a property', () => {
  it('step, audience and scope of invisible characters (job is a job id): within 4 KB, the attribution kept', () => {
    const invisible = fc.constantFrom(
      '\u2028',
      '\u2029',
      '\u0085',
      '\u202e',
      '\u200b',
      '\ufeff',
      '\u{e0041}',
      'é',
      '中',
    );
    const field = fc.array(invisible, { minLength: 200, maxLength: 400 }).map((a) => a.join(''));
    fc.assert(
      fc.property(field, field, field, (step, audience, scope) => {
        const claims = {
          repository: 'octo-org/octo-repo',
          repository_id: '100001',
          run_id: '2042',
          run_attempt: '1',
          ref: 'refs/heads/main',
          sha: 'a'.repeat(40),
          actor: 'mallory',
          actor_id: '7',
          event_name: 'push',
        } as unknown as Parameters<typeof contextOf>[0];
        const line = boundAuditLine({
          v: 1,
          time: '2026-12-05T00:00:00.000Z',
          source: 'broker',
          type: 'credential.refused',
          outcome: 'denied',
          reason: 'ERR_NO_GRANT',
          detail: `no grant for step '${step.slice(0, 200)}'`,
          ...contextOf(claims, { workflow: 'release.yml', job: 'publish', step }),
          audience,
          scope,
        });
        expect(Buffer.byteLength(line)).toBeLessThanOrEqual(MAX_AUDIT_LINE);
        const e = JSON.parse(line) as Record<string, unknown>;
        for (const k of ATTRIBUTION) expect([k, e[k]]).toEqual([k, expect.anything()]);
      }),
      { numRuns: 200 },
    );
  });
});
