/** What a new user reads first: README commands, LICENSE, the sample required workflow, rule names in docs. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULES } from '../../shared/check/registry.js';
import { isPinned } from '../../shared/check/rules/unpinned-action.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Fenced code blocks of a markdown file, with their language. */
function blocks(md: string): { lang: string; body: string }[] {
  return [...md.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
}

describe('adoption', () => {
  it('no command asks the npm registry for an unpublished `stepwarden` package', () => {
    for (const file of [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ]) {
      for (const b of blocks(read(file)))
        expect([file, b.body]).toEqual([
          file,
          expect.not.stringMatching(/\b(npx|npm (i|install|exec))( -y| --yes)? stepwarden\b/),
        ]);
    }
    expect(read('README.md')).toMatch(
      /node ~\/stepwarden\/dist\/index\.js init --repository OWNER\/REPO --repository-id N --owner-id N/,
    );
  });

  it('has the MIT LICENSE package.json names', () => {
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    const license = read('LICENSE');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 stepwarden contributors\n/);
    expect(license).toMatch(/THE SOFTWARE IS PROVIDED "AS IS"/);
  });

  it('docs name only rules that exist', () => {
    const ids = new Set(RULES.map((r) => r.meta.id));
    const files = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
    ];
    for (const file of files) {
      for (const m of read(file).matchAll(/`([a-z]+(?:-[a-z]+)+)` rule\b/g))
        expect([file, ids.has(m[1]!)]).toEqual([file, true]);
    }
    expect(read('docs/permissions.md')).not.toMatch(/missing-permission/);
  });

  it('the sample required workflow checks each pull request once, pins every action, and uploads SARIF to the pull request', () => {
    const yaml = blocks(read('docs/required-check.md')).find(
      (b) => b.lang === 'yaml' && /upload-sarif/.test(b.body),
    );
    expect(yaml).toBeDefined();
    const wf = parse(yaml!.body) as {
      on: Record<string, unknown>;
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    const events = Object.keys(wf.on);
    expect(events.includes('pull_request') && events.includes('pull_request_target')).toBe(false);
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    for (const s of steps) if (s.uses) expect([s.uses, isPinned(s.uses)]).toEqual([s.uses, true]);
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    if (events.includes('pull_request_target')) {
      expect(upload.with?.ref).toMatch(/refs\/pull\/\{0\}\/head.*github\.event\.pull_request\.number/);
      expect(upload.with?.sha).toMatch(/github\.event\.pull_request\.head\.sha/);
    }
  });

  it('example workflows pin every action to a SHA, except where demo-repo shows the finding', () => {
    const dir = join(ROOT, 'examples/clean-repo/.github/workflows');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/uses:\s*(\S+)/g))
        expect([f, m[1], isPinned(m[1]!)]).toEqual([f, m[1], true]);
    }
    expect(existsSync(join(ROOT, 'examples/demo-repo'))).toBe(true);
  });
});
