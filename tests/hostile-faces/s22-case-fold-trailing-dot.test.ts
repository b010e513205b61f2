/**
 * Session 22: Windows drops the trailing dots and spaces of a path's names (python/cpython#85681), so
 * a Windows runner given `uses: ./tools/evil.` runs `tools/evil/action.yml`, while the case-fold walk
 * (session 21) compared `evil.` with `evil` as different names: a missing action, a warning, the gate
 * allowing the job. They are now names a case-insensitive runner takes for one another.
 */
import { describe, expect, it } from '@jest/globals';
import { caseFoldedAction, caseVariant } from '../../shared/workflow/case-fold.js';

const tree: Record<string, string[]> = { '': ['tools'], tools: ['evil'], 'tools/evil': ['action.yml'] };
const lister = async (dir: string) => (tree[dir] ? { names: tree[dir] } : undefined);

describe('trailing dots and spaces (Windows)', () => {
  it('a name with trailing dots or spaces is taken for the held name', () => {
    expect(caseVariant('evil.', ['evil'])).toBe('evil');
    expect(caseVariant('evil ', ['evil'])).toBe('evil');
    expect(caseVariant('EVIL. .', ['evil'])).toBe('evil');
  });

  it('uses: ./tools/evil. is refused, naming the held path', async () => {
    const r = await caseFoldedAction('tools/evil.', lister);
    expect(r?.path).toBe('tools/evil');
    expect(r?.refused).toMatch(/tools\/evil\./);
  });

  it('held: a name of dots only is not folded to nothing; a held name is never its own variant', () => {
    expect(caseVariant('...', ['evil'])).toBeUndefined();
    expect(caseVariant('evil.', ['evil.', 'evil'])).toBeUndefined();
    expect(caseVariant('evi', ['evil'])).toBeUndefined();
  });
});
