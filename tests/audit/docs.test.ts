import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { ANOMALY_KINDS, DEFAULT_THRESHOLDS } from '../../shared/audit/anomalies.js';
import { CLASSIFICATION_RULES } from '../../shared/audit/classify.js';
import { AUDIT_EVENT_TYPES, EVENT_SOURCES } from '../../shared/audit/event.js';
import { REVOCATION_WORDS } from '../../shared/audit/render-markdown.js';

const audit = readFileSync(new URL('../../docs/audit.md', import.meta.url), 'utf8');
const errors = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');

describe('docs/audit.md says what the code does', () => {
  it('names every event type and source', () => {
    for (const t of AUDIT_EVENT_TYPES) expect(audit).toContain(`\`${t}\``);
    for (const s of EVENT_SOURCES) expect(audit).toContain(`\`${s}\``);
  });
  it('has a row for every classification rule', () => {
    for (const r of CLASSIFICATION_RULES)
      expect(audit).toMatch(new RegExp(`^\\| \`${r.replace('.', '\\.')}\` \\|`, 'm'));
  });
  it('has a row for every anomaly kind, and every threshold with its default', () => {
    for (const k of Object.keys(ANOMALY_KINDS)) expect(audit).toMatch(new RegExp(`^\\| \`${k}\` \\|`, 'm'));
    for (const [k, v] of Object.entries(DEFAULT_THRESHOLDS)) expect(audit).toContain(`\`${k}\` (${v})`);
  });
  it('docs/errors.md explains every revocation reason the summary words', () => {
    for (const reason of Object.keys(REVOCATION_WORDS).filter((r) => r !== 'NOT_REVOKED'))
      expect(errors).toContain(`\`${reason}\``);
  });
});
