/**
 * SARIF 2.1.0 for code scanning upload; rule descriptors come from the rule metadata. Locations are
 * repository-relative URIs under `%SRCROOT%` with no absolute base, so the file is the same on every
 * machine and code scanning resolves it against the checkout.
 */
import type { CheckResult } from '../check/run.js';
import { sha256Hex } from '../digest/sha256.js';
import type { Finding } from '../check/finding.js';
import { RULES } from '../check/registry.js';
import { visibleText } from './escape.js';

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
  const fingerprints = fingerprintsOf(result.findings);
  // A file's URI once per file, not once per finding (thousands of findings, a few hundred files).
  const uris = new Map<string, string>();
  const uriOf = (file: string) => {
    let uri = uris.get(file);
    if (uri === undefined) uris.set(file, (uri = fileUri(file)));
    return uri;
  };
  const results = bySeverity(result.findings).map((i) => {
    const f = result.findings[i]!;
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? 0,
      level: f.severity,
      // Shown as a code scanning alert: invisible characters written out (session 34).
      message: { text: sarifText(visibleText(f.message)) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: uriOf(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, f.line) },
          },
        },
      ],
      partialFingerprints: { 'stepwarden/v2': fingerprints[i]! },
    };
  });
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

/**
 * Indexes of `findings` (file order) with the errors first, each severity in file order. Code
 * scanning stores at most 5,000 results of a run, and which ones is not what its docs say
 * (github/docs#38085): written in file order, 5,000 warnings in files sorting first (a monorepo's
 * unpinned actions, or a pull request's `.github/workflows/a*.yml`) kept an error out of every
 * reading (session 40). Fingerprints stay those of file order, so the order moves no alert.
 */
function bySeverity(findings: readonly Finding[]): number[] {
  const errors: number[] = [];
  const rest: number[] = [];
  findings.forEach((f, i) => (f.severity === 'error' ? errors : rest).push(i));
  return errors.concat(rest);
}

/**
 * Message text with its square brackets escaped (SARIF 2.1.0 §3.11.6): unescaped, `[text](target)` in
 * a message is an embedded link, so a job id or `uses:` value written as `[Approve](https://…)` would
 * be rendered as a link in the alert. Backslashes right before a bracket are doubled, so they stay
 * literal (a run of 2k+1 backslashes before a bracket reads as k backslashes and a literal bracket).
 */
export function sarifText(text: string): string {
  return text.replace(
    /(\\*)([[\]])/g,
    (_, slashes: string, bracket: string) => `${slashes}${slashes}\\${bracket}`,
  );
}

/**
 * A repository path as a relative URI reference (SARIF's `uri`): every segment percent-encoded. Raw, a
 * workflow named `release.yml?x.yml` or `release.yml#.yml` is read by code scanning as `release.yml`
 * (query and fragment dropped), so its alert lands on another workflow; `a%2F..%2Frelease.yml` decodes
 * to a path outside its own; a space or a non-ASCII letter makes the URI invalid.
 */
export function fileUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * One fingerprint per finding, unique within the run and stable across runs and line moves: rule,
 * file, workflow, job and subject (not the line), plus the occurrence of that key in file order, so
 * two findings of one key (e.g. one job judged through two callers) stay two alerts. The file is in
 * the key because same-named jobs in different workflows are different alerts.
 */
export function fingerprintsOf(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = [f.rule, f.file, f.workflow ?? '', f.job ?? '', f.subject].join('\0');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return sha256Hex(`${key}\0${occurrence}`).slice(0, 32);
  });
}
