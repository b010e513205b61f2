/**
 * SARIF 2.1.0 for code scanning upload; rule descriptors come from the rule metadata. Locations are
 * repository-relative URIs under `%SRCROOT%` with no absolute base, so the file is the same on every
 * machine and code scanning resolves it against the checkout.
 */
import { createHash } from 'node:crypto';
import type { CheckResult } from '../check/run.js';
import { RULES } from '../check/registry.js';

export const DOCS_BASE = 'https://github.com/stepwarden/stepwarden/blob/main/docs/rules';

/** One run, every rule described (even without results, so closed alerts stay explained). */
export function renderSarif(result: CheckResult, version: string): string {
  const rules = RULES.map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title },
    fullDescription: { text: r.meta.summary },
    help: { text: r.meta.help, markdown: r.meta.help },
    helpUri: `${DOCS_BASE}/${r.meta.id}.md`,
    defaultConfiguration: { level: r.meta.severity },
    properties: { tags: ['security', 'ci', 'access'] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: index.get(f.rule) ?? 0,
    level: f.severity,
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.file, uriBaseId: '%SRCROOT%' },
          region: { startLine: Math.max(1, f.line) },
        },
      },
    ],
    // Stable across runs and line moves: rule + where + what, not the line number.
    partialFingerprints: {
      'stepwarden/v1': createHash('sha256')
        .update(`${f.rule}\0${f.file}\0${f.job ?? ''}\0${f.subject}`)
        .digest('hex')
        .slice(0, 32),
    },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'stepwarden',
            version,
            informationUri: 'https://github.com/stepwarden/stepwarden',
            rules,
          },
        },
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
