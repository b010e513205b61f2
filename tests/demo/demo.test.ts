import { describe, expect, it } from '@jest/globals';
import { runDemo } from '../../shared/demo/run-demo.js';

describe('stepwarden demo', () => {
  it('plays the job end to end, every refusal is refused, and no credential is printed', async () => {
    const lines: string[] = [];
    const r = await runDemo({ out: (l) => lines.push(l) });
    const text = lines.join('\n');
    expect(r.ok).toBe(true);
    expect(text).toMatch(/demo passed/);
    for (const code of [
      'ERR_SCOPE_NOT_GRANTED',
      'ERR_GRANT_ALREADY_CLAIMED',
      'ERR_OIDC_REPLAYED',
      'ERR_TRIGGER_NOT_ALLOWED',
      'ERR_CONDITION_REF: ref refs/heads/attacker is not one of refs/heads/main',
    ])
      expect(text).toContain(code);
    expect(text).not.toMatch(/ghs_[A-Za-z0-9_-]{10,}/);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/);
  }, 60_000);
});
