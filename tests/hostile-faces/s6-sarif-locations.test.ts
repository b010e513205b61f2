/**
 * Session 6 hostile review of SARIF locations: a workflow file's name is the pull request author's
 * choice, and code scanning reads `artifactLocation.uri` as a URI. The alert must land on the file the
 * finding is about, and the SARIF must be valid for any name git and GitHub accept.
 */
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDirectory } from '../../shared/check/load.js';
import fc from 'fast-check';
import { fileUri, renderSarif, sarifText } from '../../shared/render/sarif.js';

const NAMES = [
  'release.yml?x.yml',
  'release.yml#x.yml',
  'a%2F..%2F..%2Frelease.yml',
  'sp ace.yml',
  'caf\u00e9.yml',
  'c:ci.yml',
  '100%.yml',
  "it's [x] (y).yml",
];

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv, formats: string[]) => Ajv;
const ajv = new Ajv({ strict: false });
addFormats(ajv, ['uri-reference']);
const isUriReference = ajv.compile({ type: 'string', format: 'uri-reference' });

/** What code scanning reads: the URI resolved against the checkout root, back to a path. */
function resolved(uri: string): string {
  const u = new URL(uri, 'file:///checkout/');
  return decodeURIComponent(u.pathname).replace(/^\/checkout\//, '');
}

describe('SARIF artifact locations of hostile workflow file names', () => {
  it('each result points at its own file, as a valid URI reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s6-sarif-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    for (const name of ['release.yml', ...NAMES])
      writeFileSync(
        join(dir, '.github', 'workflows', name),
        'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - run: echo\n',
      );
    writeFileSync(join(dir, '.github', 'access-manifest.yml'), 'version: 1\nworkflows: {}\n');
    const result = await checkDirectory({ dir });
    const sarif = JSON.parse(renderSarif(result, '0.0.0')) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    };
    const uris = sarif.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    const files = result.findings.map((f) => f.file);
    for (const name of NAMES) expect(files).toContain(`.github/workflows/${name}`);
    uris.forEach((uri, i) => {
      expect(isUriReference(uri)).toBe(true);
      expect(resolved(uri)).toBe(files[i]);
    });
  });

  it('fileUri keeps ordinary paths as they are', () => {
    expect(fileUri('.github/workflows/ci.yml')).toBe('.github/workflows/ci.yml');
    expect(fileUri('.github/access-manifest.yml')).toBe('.github/access-manifest.yml');
  });
});

/**
 * A SARIF consumer's reading of plain message text (§3.11.6: a backslash escapes a bracket): a run of
 * backslashes before a bracket stands for half as many, and an odd one makes the bracket literal.
 */
function unescapeSarif(text: string): { literal: string; links: number } {
  let links = 0;
  const literal = text.replace(/(\\*)([[\]])/g, (_, slashes: string, bracket: string) => {
    if (slashes.length % 2 === 0 && bracket === '[') links++;
    return `${'\\'.repeat(Math.floor(slashes.length / 2))}${bracket}`;
  });
  return { literal, links };
}

describe('SARIF message text: no embedded link from a hostile name', () => {
  it('a uses: value written as a markdown link is not a link in the alert', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-s6-sarif-msg-'));
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(
      join(dir, '.github', 'workflows', 'ci.yml'),
      'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    permissions: write-all\n    steps:\n      - uses: "evil/x@[Approve this alert](https://evil.example/phish)"\n',
    );
    writeFileSync(join(dir, '.github', 'access-manifest.yml'), 'version: 1\nworkflows: {}\n');
    const result = await checkDirectory({ dir });
    const sarif = JSON.parse(renderSarif(result, '0.0.0')) as {
      runs: { results: { message: { text: string } }[] }[];
    };
    const texts = sarif.runs[0]!.results.map((r) => r.message.text);
    const withLink = texts.filter((t) => t.includes('Approve this alert'));
    expect(withLink.length).toBeGreaterThan(0);
    for (const t of withLink) {
      expect(t).not.toMatch(/(^|[^\\])\[Approve/);
      expect(unescapeSarif(t).links).toBe(0);
    }
  });
  it('escaping round-trips any text and leaves no unescaped bracket', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('[', ']', '\\', 'a', '(', ')') }), (s) => {
        const r = unescapeSarif(sarifText(s));
        expect(r.links).toBe(0);
        expect(r.literal).toBe(s);
      }),
    );
  });
});
