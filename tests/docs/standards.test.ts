/** docs/standards.md points at proof: every test file it names exists. */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/standards.md', root), 'utf8');

describe('docs/standards.md', () => {
  const cited = [...new Set([...doc.matchAll(/`(tests\/[^`]+\.test\.ts)`/g)].map((m) => m[1]!))];
  it('cites tests', () => expect(cited.length).toBeGreaterThan(10));
  it.each(cited)('%s exists', (file) => expect(existsSync(new URL(file, root))).toBe(true));
  it('covers all ten OWASP NHI risks', () => {
    for (let i = 1; i <= 10; i++) expect(doc).toMatch(new RegExp(`\\| NHI${i} `));
  });
});
