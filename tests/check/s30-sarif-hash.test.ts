/**
 * The SARIF report's fingerprints through Node's one-shot hash (session 30): the same digest as a
 * Hash object's for every string, lone surrogates included, and the same fingerprints.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { fingerprintsOf, fileUri, renderSarif } from '../../shared/render/sarif.js';
import { sha256Hex } from '../../shared/digest/sha256.js';
import type { Finding } from '../../shared/check/finding.js';

const reference = (text: string) => createHash('sha256').update(text).digest('hex');
const anyText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('a', '\0', 'é', '\ud800', '\udc00', '\ud83d', '\ude00', '[', '/') }),
);

describe('sha256Hex (s30)', () => {
  it("is a Hash object's digest of the text's UTF-8 bytes", () => {
    fc.assert(
      fc.property(anyText, (t) => expect(sha256Hex(t)).toBe(reference(t))),
      { numRuns: 500 },
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // Generous for a loaded 2-core CI machine (a few seconds here at load 9).
  }, 120_000);

  it('gives the fingerprints the Hash object gave, occurrences counted', () => {
    const finding = fc.record({
      rule: fc.constantFrom('a', 'b'),
      severity: fc.constant('error' as const),
      workflow: fc.option(fc.constantFrom('ci.yml', 'é.yml'), { nil: null }),
      job: fc.option(anyText, { nil: null }),
      subject: anyText,
      message: fc.constant('m'),
      file: fc.constantFrom('.github/workflows/ci.yml', '.github/workflows/[x] y.yml'),
      line: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 20 }), (fs: Finding[]) => {
        const seen = new Map<string, number>();
        const expected = fs.map((f) => {
          const key = [f.rule, f.file, f.workflow ?? '', f.job ?? '', f.subject].join('\0');
          const n = seen.get(key) ?? 0;
          seen.set(key, n + 1);
          return reference(`${key}\0${n}`).slice(0, 32);
        });
        expect(fingerprintsOf(fs)).toEqual(expected);
        // Each result's URI is its file's, made once per file.
        const sarif = JSON.parse(renderSarif({ jobs: [], findings: fs }, '1'));
        expect(
          sarif.runs[0].results.map(
            (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
              r.locations[0]!.physicalLocation.artifactLocation.uri,
          ),
        ).toEqual(fs.map((f) => fileUri(f.file)));
      }),
      { numRuns: 200 },
    );
    // Generous for a loaded 2-core CI machine (a few seconds here at load 9).
  }, 120_000);
});
