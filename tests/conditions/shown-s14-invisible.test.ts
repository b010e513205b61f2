/**
 * Session 14 trust boundary: a claim value echoed in a refusal, an audit line, a log or a summary
 * hides nothing. Zero-width, tag and other format characters print as nothing, so before this a
 * branch `main\u200b` was shown as `main` and an operator read a refusal that contradicted itself.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateConditions, type ConditionInput } from '../../shared/conditions/evaluate.js';
import { shown } from '../../shared/conditions/verdict.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { escapeMarkdown, oneLine } from '../../shared/render/escape.js';

const INVISIBLES: Array<[string, string]> = [
  ['\u200b', 'ZERO WIDTH SPACE'],
  ['\u200c', 'ZERO WIDTH NON-JOINER'],
  ['\u200d', 'ZERO WIDTH JOINER'],
  ['\u2060', 'WORD JOINER'],
  ['\ufeff', 'BOM'],
  ['\u00ad', 'SOFT HYPHEN'],
  ['\u180e', 'MONGOLIAN VOWEL SEPARATOR'],
  ['\u{e0001}', 'LANGUAGE TAG'],
  ['\u{e0061}', 'TAG LATIN SMALL LETTER A'],
  ['\u{e007f}', 'CANCEL TAG'],
  ['\ufe0f', 'VARIATION SELECTOR-16'],
  ['\u{e0100}', 'VARIATION SELECTOR-17'],
  ['\u034f', 'COMBINING GRAPHEME JOINER'],
  ['\u3164', 'HANGUL FILLER'],
  ['\u00a0', 'NO-BREAK SPACE'],
  ['\u2063', 'INVISIBLE SEPARATOR'],
  ['\ud800', 'lone surrogate'],
];

/** Nothing a reader cannot see: controls, format characters, separators, surrogates, other spaces. */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;

describe('shown(): every invisible character is written out', () => {
  it.each(INVISIBLES)('%s (%s) after main is shown, not dropped', (ch) => {
    const s = shown(`main${ch}`);
    expect(s).not.toBe('main');
    expect(s).toMatch(/^main\\u/);
    expect(HIDDEN.test(s)).toBe(false);
  });

  it('a backslash is doubled, so a written-out escape and the character itself read differently', () => {
    expect(shown('main\\u200b')).toBe('main\\\\u200b');
    expect(shown('main\u200b')).toBe('main\\u200b');
    expect(shown('main\u{e0061}')).toBe('main\\u{e0061}');
  });

  it('the cut at 200 characters never splits an escape or a surrogate pair', () => {
    const s = shown(`${'a'.repeat(198)}\u200b${'b'.repeat(10)}`);
    expect(s).toBe(`${'a'.repeat(198)}…`);
    const e = shown(`${'a'.repeat(199)}😀`);
    expect(e).toBe(`${'a'.repeat(199)}…`);
    expect(shown('a'.repeat(200))).toBe('a'.repeat(200));
    expect(shown('a'.repeat(5_000_000))).toBe(`${'a'.repeat(200)}…`);
  });

  it('property: no hidden character in what is shown, and different values are shown differently', () => {
    const anyChar = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.constantFrom(...INVISIBLES.map(([c]) => c), '\\', '\\u200b', 'u200b', '\\x00', '\u202e', '\u2028'),
    );
    const value = fc.array(anyChar, { maxLength: 6 }).map((a) => a.join('').slice(0, 40));
    fc.assert(
      fc.property(value, value, (a, b) => {
        const sa = shown(a);
        expect(HIDDEN.test(sa)).toBe(false);
        if (a !== b) expect(sa).not.toBe(shown(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the other echoes use the same class', () => {
  it.each(INVISIBLES)('oneLine and escapeMarkdown write out %s (%s)', (ch) => {
    expect(HIDDEN.test(oneLine(`main${ch}`))).toBe(false);
    expect(oneLine(`main${ch}`)).not.toBe('main');
    // The joiners escapeMarkdown adds to break @mentions are its own; the text's are written out.
    const md = escapeMarkdown(`main${ch}`);
    expect(HIDDEN.test(md)).toBe(false);
    expect(md).toMatch(/^main\\u/);
  });

  it('escapeMarkdown still breaks mentions and links, and writes out an invisible inside them', () => {
    expect(escapeMarkdown('@octo\u200bcat')).toBe('@\u200docto\\u200bcat');
    expect(escapeMarkdown('x\u202e#12')).toBe('x\\u202e\\#\u200d12');
  });
});

describe('a refusal names the ref the token holds, invisible characters written out', () => {
  const m = loadManifest(
    `version: 1
workflows:
  release.yml:
    jobs:
      ship:
        credentials:
          - { step: plain, audience: github, permissions: { contents: read } }
`,
    'access-manifest.yml',
  );
  const job = m.manifest.workflows['release.yml']!.jobs.ship!;
  const input = (ref: string): ConditionInput => ({
    claims: {
      ref,
      ref_type: 'branch',
      event_name: 'push',
      workflow_ref: `octo-org/octo-repo/.github/workflows/release.yml@${ref}`,
    },
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: ['workflows', 'release.yml', 'jobs', 'ship'] },
    grant: { path: ['workflows', 'release.yml', 'jobs', 'ship', 'credentials', 0] },
  });

  it.each(INVISIBLES.filter(([c]) => c !== '\ud800'))('refs/heads/main%s (%s) is refused as itself', (ch) => {
    const r = evaluateConditions(input(`refs/heads/main${ch}`));
    expect(r.refusal?.code).toBe('ERR_CONDITION_REF');
    expect(r.refusal?.message).not.toContain(ch);
    expect(r.refusal?.message).not.toMatch(/ref refs\/heads\/main is not/);
    expect(r.refusal?.message).toMatch(/refs\/heads\/main\\u/);
  });
});
