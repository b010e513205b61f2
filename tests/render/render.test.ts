import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CheckResult } from '../../shared/check/run.js';
import type { Finding } from '../../shared/check/finding.js';
import { RULES } from '../../shared/check/registry.js';
import { ANNOTATION_CAP, renderGithub } from '../../shared/render/github.js';
import { renderMarkdown } from '../../shared/render/markdown.js';
import { renderSarif } from '../../shared/render/sarif.js';
import { renderText } from '../../shared/render/text.js';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

const f = (over: Partial<Finding> = {}): Finding => ({
  rule: 'excess-permission',
  severity: 'error',
  workflow: 'ci.yml',
  job: 'build',
  subject: 'contents',
  message: 'job holds contents: write',
  file: '.github/workflows/ci.yml',
  line: 7,
  ...over,
});
const result = (findings: Finding[]): CheckResult => ({ jobs: [], findings });

describe('sarif', () => {
  const sarif = JSON.parse(
    renderSarif(
      result([
        f(),
        f({ rule: 'unused-grant', severity: 'warning', file: '.github/access-manifest.yml', line: 3 }),
      ]),
      '1.2.3',
    ),
  );
  it('is SARIF 2.1.0 with every rule described', () => {
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('stepwarden');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const r of driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(r.help.markdown).toBeTruthy();
      expect(['error', 'warning']).toContain(r.defaultConfiguration.level);
      expect(r.helpUri).toMatch(new RegExp(`docs/rules/${r.id}\\.md$`));
    }
  });
  it('places results on repository-relative files and lines with stable fingerprints', () => {
    const [a, b] = sarif.runs[0].results;
    expect(a.locations[0].physicalLocation.artifactLocation.uri).toBe('.github/workflows/ci.yml');
    expect(a.locations[0].physicalLocation.region.startLine).toBe(7);
    expect(sarif.runs[0].tool.driver.rules[a.ruleIndex].id).toBe(a.ruleId);
    expect(b.level).toBe('warning');
    const moved = JSON.parse(renderSarif(result([f({ line: 99 })]), '1'));
    expect(moved.runs[0].results[0].partialFingerprints).toEqual(a.partialFingerprints);
  });
});

describe('github annotations', () => {
  it('emits at most 10 errors and 10 warnings, then says how many more and where', () => {
    const many = [
      ...Array.from({ length: 13 }, (_, i) => f({ line: i + 1 })),
      ...Array.from({ length: 11 }, (_, i) => f({ severity: 'warning', line: i + 1 })),
    ];
    const out = renderGithub(result(many)).trim().split('\n');
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(ANNOTATION_CAP);
    expect(out.filter((l) => l.startsWith('::warning'))).toHaveLength(ANNOTATION_CAP);
    expect(out.filter((l) => l.startsWith('::notice'))).toEqual([
      expect.stringMatching(/3 more errors .* job summary/),
      expect.stringMatching(/1 more warnings/),
    ]);
  });
  it('escapes the workflow-command protocol so a message cannot inject a command', () => {
    const out = renderGithub(result([f({ message: 'a\n::error::owned 100%', file: 'a,b:c.yml' })]));
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('file=a%2Cb%3Ac.yml');
    expect(out).toContain('a%0A::error::owned 100%25');
  });
});

describe('markdown summary', () => {
  it('groups by rule and escapes user-controlled text', () => {
    const md = renderMarkdown(
      result([
        f({ job: '<img src=x onerror=alert(1)>', subject: '`x` | @octocat', message: 'see @admin <b>' }),
      ]),
    );
    expect(md).toContain('### ❌ excess-permission (1)');
    expect(md).not.toMatch(/<img|<b>|@octocat|@admin/);
    expect(md).not.toMatch(/[^\\]\|\s*@/);
  });
  it('folds long tails and stays under the size limit with a note', () => {
    const many = Array.from({ length: 5000 }, (_, i) => f({ line: i + 1, message: 'x'.repeat(300) }));
    const md = renderMarkdown(result(many), 100_000);
    expect(md.length).toBeLessThanOrEqual(100_000);
    expect(md).toMatch(/<details><summary>4980 more<\/summary>/);
    expect(md).toMatch(/Cut to stay under GitHub's summary size limit/);
  });
  it('escaped text never contains raw HTML or mentions (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const out of [escapeMarkdown(s), code(s)]) {
          expect(out.replace(/<\/?code>/g, '')).not.toMatch(/[<>]/);
          expect(out).not.toMatch(/@(?!\u200d)/);
          expect(out).not.toMatch(/[\r\n]/);
        }
      }),
    );
  });
});

describe('text', () => {
  it('prints file:line, severity, rule and a count', () => {
    const t = renderText(result([f(), f({ severity: 'warning', rule: 'unused-grant' })]));
    expect(t).toMatch(/^\.github\/workflows\/ci\.yml:7 +error +excess-permission +job holds/m);
    expect(t).toMatch(/1 error, 1 warning/);
  });
});
