import { describe, expect, it } from '@jest/globals';
import { eventAt } from '../support/audit.js';
import fc from 'fast-check';
import type { AuditEvent } from '../../shared/audit/event.js';
import { buildReport } from '../../shared/audit/report.js';
import { renderAuditMarkdown } from '../../shared/audit/render-markdown.js';
import { exampleTrail } from '../../scripts/audit-example.js';

const ev = eventAt;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
/** Markdown and HTML that must never reach the summary unescaped from user-controlled fields. */
const HOSTILE = '<img src=x onerror=alert(1)>|`x`|[link](https://evil.example)|@everyone|#1|\n## heading';

describe('the audit job summary', () => {
  it('separates workload and administrator activity, refusals and anomalies first', () => {
    const md = renderAuditMarkdown(buildReport(exampleTrail()));
    const order = [
      '### Refusals',
      '### Anomalies',
      '### Workload activity',
      '### Administrator activity',
    ].map((h) => md.indexOf(h));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toMatch(/\*\*Dispatched by hand\*\* by <code>mona<\/code>/);
    // Read from a trail by the CLI: nothing is verified, so no ✅ (tests/hostile-faces/s12-summary-checkmarks).
    expect(md).toMatch(/\| granted ×120, used 120 \|/);
    expect(md).toMatch(/approved a deployment/);
  });

  it('says so when no person acted and when nothing was refused', () => {
    const md = renderAuditMarkdown(
      buildReport([
        ev(0, { type: 'run.started' }),
        ev(1, { step: 'a', grant_id: 'g' }),
        ev(2, { type: 'credential.revoked', reason: 'REVOKED_BY_STEP', grant_id: 'g' }),
      ]),
    );
    expect(md).toMatch(/No person acted directly in this run/);
    expect(md).not.toMatch(/\[!WARNING\]|### Refusals|### Anomalies/);
    expect(md).toMatch(/a person's earlier change/);
  });

  it("words the broker's /revoke token= as its holder's act, not the step's (session 26)", () => {
    const md = renderAuditMarkdown(
      buildReport([
        ev(0, { type: 'run.started' }),
        ev(1, { step: 'a', grant_id: 'g' }),
        ev(2, { type: 'credential.revoked', reason: 'REVOKED_BY_HOLDER', grant_id: 'g' }),
      ]),
    );
    expect(md).toContain('by a holder of the credential');
    expect(md).not.toContain('at step end');
  });

  it('escapes everything that comes from users: branch, inputs, logins, steps, scopes, details', () => {
    const r = buildReport([
      ev(0, {
        type: 'run.started',
        event_name: 'workflow_dispatch',
        ref: `refs/heads/${HOSTILE}`,
        actor: { login: HOSTILE, type: 'User' },
        details: { inputs: { [HOSTILE]: HOSTILE } },
      }),
      ev(1, { step: HOSTILE, audience: HOSTILE, scope: HOSTILE, grant_id: 'g' }),
      ev(2, {
        type: 'credential.refused',
        outcome: 'denied',
        reason: HOSTILE,
        detail: HOSTILE,
        step: HOSTILE,
      }),
      ev(3, {
        type: 'run.approval',
        actor: { login: HOSTILE, type: 'User' },
        details: { state: HOSTILE, environments: [HOSTILE], comment: HOSTILE },
      }),
    ]);
    const md = renderAuditMarkdown(r);
    expect(md).not.toContain('<img');
    expect(md).not.toContain('](https://evil');
    expect(md).not.toMatch(/(^|[^\\])@everyone/);
    expect(md).not.toMatch(/^## heading/m);
    expect(md).not.toMatch(/(^|[^\\])`x`/);
    // Every table row keeps its column count: no unescaped pipe from a value splits a cell.
    for (const table of md.split(/\n\n/).filter((b) => b.startsWith('|'))) {
      const rows = table.split('\n');
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      for (const row of rows) expect(cells(row)).toBe(cells(rows[0]!));
    }
  });

  it('stays under the size limit for a log of thousands of groups, folding the tails', () => {
    const events: AuditEvent[] = [];
    for (let i = 0; i < 4000; i++) {
      events.push(
        ev(i, {
          step: `step-${i}-${'x'.repeat(60)}`,
          audience: 'https://svc.example',
          scope: 'a:b c:d',
          grant_id: `g${i}`,
        }),
      );
      events.push(
        ev(i, { type: 'credential.refused', outcome: 'denied', reason: `ERR_${i}`, step: `s${i}` }),
      );
      events.push(
        ev(i, { type: 'admin.change', run_id: undefined, details: { files: ['.github/workflows/a.yml'] } }),
      );
    }
    const r = buildReport(events);
    for (const limit of [1024 * 1024 - 1024, 64 * 1024, 8 * 1024]) {
      const md = renderAuditMarkdown(r, { limit });
      expect(bytes(md)).toBeLessThanOrEqual(limit);
      expect(md).toContain('### Workload activity');
    }
    const big = renderAuditMarkdown(r);
    expect(big).toMatch(/<details><summary>[\d,]+ more rows<\/summary>/);
    expect(big).toMatch(/further rows not shown/);
    expect(big.match(/<details>/g)?.length).toBe(big.match(/<\/details>/g)?.length);
  });

  it('never exceeds the limit, whatever the input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ maxLength: 300 }),
            fc.constantFrom(
              'credential.granted',
              'credential.refused',
              'admin.change',
              'run.started',
            ) as fc.Arbitrary<AuditEvent['type']>,
          ),
          { maxLength: 60 },
        ),
        fc.integer({ min: 2048, max: 20_000 }),
        (xs, limit) => {
          const r = buildReport(
            xs.map(([s, type], i) =>
              ev(i, { type, step: s, reason: s, detail: s, details: { inputs: { s } } }),
            ),
          );
          expect(bytes(renderAuditMarkdown(r, { limit }))).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("shows the enforce gate's verdict: the first problem with its file and line, escaped", () => {
    const md = renderAuditMarkdown(
      buildReport([
        ev(0, {
          type: 'job.enforced',
          outcome: 'denied',
          reason: 'ERR_JOB_OUTSIDE_MANIFEST',
          details: {
            mode: 'enforce',
            problems: [
              {
                rule: 'excess-permission',
                severity: 'error',
                file: '.github/workflows/ci.yml',
                line: 12,
                message: `job holds contents: write ${HOSTILE}`,
              },
              {
                rule: 'undeclared-secret',
                severity: 'error',
                file: '.github/workflows/ci.yml',
                line: 20,
                message: 'secret X',
              },
            ],
          },
        }),
      ]),
    );
    expect(md).toMatch(
      /\*\*Gate\*\* ❌ reported outside its access manifest by the enforce step \([^)]*not verified\): <code>\.github\/workflows\/ci\.yml:12<\/code> job holds contents: write .* and 1 more/,
    );
    expect(md).not.toContain('<img');
    const ok = renderAuditMarkdown(
      buildReport([ev(0, { type: 'job.enforced', details: { mode: 'enforce', problems: [] } })]),
    );
    expect(ok).toMatch(/\*\*Gate\*\* reported allowed by the enforce step/);
    expect(ok).not.toContain('✅');
    const audit = renderAuditMarkdown(
      buildReport([
        ev(0, { type: 'job.enforced', outcome: 'denied', details: { mode: 'audit', problems: [] } }),
      ]),
    );
    expect(audit).toMatch(/audit mode: reported only/);
  });

  it('summarizes a log of many runs without claiming one run', () => {
    const md = renderAuditMarkdown(
      buildReport([ev(0, { run_id: '1' }), ev(1, { run_id: '2', repository: 'o/other' })]),
    );
    expect(md).toMatch(/2 events of 2 runs in 2 repositories/);
    expect(md).toMatch(/\| job \| step \|/);
  });
});
