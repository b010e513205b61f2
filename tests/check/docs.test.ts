import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { RULES } from '../../shared/check/registry.js';
import { renderSarif } from '../../shared/render/sarif.js';

const docs = new URL('../../docs/rules/', import.meta.url);

describe('rule metadata is the one source of rule docs and SARIF descriptors', () => {
  const pages = readdirSync(docs).filter((f) => f.endsWith('.md') && f !== 'README.md');

  it('every rule has a docs page whose title matches its metadata', () => {
    for (const r of RULES) {
      const page = readFileSync(new URL(`${r.meta.id}.md`, docs), 'utf8');
      const title = page.split('\n').find((l) => l.startsWith('# '));
      expect(title).toBe(`# ${r.meta.id}: ${r.meta.title}`);
      expect(page).toContain(`Severity: **${r.meta.severity}**`);
      expect(page).toContain(r.meta.summary);
    }
  });

  it('every docs page belongs to a rule', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    for (const p of pages) expect(ids.has(p.replace(/\.md$/, ''))).toBe(true);
    expect(pages).toHaveLength(RULES.length);
  });

  it('rule ids are unique, kebab-case, and every rule has why-and-fix help', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.meta.help).toMatch(/\*\*(Fix|What protects against it):\*\*/);
      expect(r.meta.title.length).toBeLessThan(80);
    }
  });

  it("the brief's rules are all registered, with their severities", () => {
    const want: Record<string, string> = {
      'excess-permission': 'error',
      'undeclared-secret': 'error',
      'inherited-secrets': 'error',
      'undeclared-environment': 'error',
      'disallowed-trigger': 'error',
      'unpinned-action': 'error',
      'disallowed-action': 'error',
      'self-escalating-grant': 'warning',
      'org-ceiling': 'error',
      'unused-grant': 'warning',
      'invalid-workflow': 'error',
      'unknown-scope': 'error',
      'missing-enforce': 'error',
      'nested-overreach': 'error',
      'unreachable-condition': 'error',
      'unused-condition-environment': 'error',
      'org-reach': 'error',
      'unbound-manifest': 'error',
      'credential-step': 'error',
      'caller-job-verification': 'warning',
      'unused-call': 'warning',
      'job-name-collision': 'error',
      'grant-identity-collision': 'error',
      'unread-local-action': 'warning',
      'unreadable-local-action': 'error',
    };
    expect(Object.fromEntries(RULES.map((r) => [r.meta.id, r.meta.severity]))).toEqual(want);
  });

  it('SARIF descriptors are built from the same metadata and point at the docs page', () => {
    const driver = JSON.parse(renderSarif({ jobs: [], findings: [] }, '0')).runs[0].tool.driver;
    for (const [i, r] of RULES.entries()) {
      const d = driver.rules[i];
      expect(d.id).toBe(r.meta.id);
      expect(d.shortDescription.text).toBe(r.meta.title);
      expect(d.fullDescription.text).toBe(r.meta.summary);
      expect(d.help.markdown).toBe(r.meta.help);
      expect(d.defaultConfiguration.level).toBe(r.meta.severity);
      expect(d.helpUri.endsWith(`docs/rules/${r.meta.id}.md`)).toBe(true);
    }
  });
});
