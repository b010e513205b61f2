/**
 * Session 39, the state encryption key's text (shared/broker/state/secret-box.ts `SecretBox.fromText`).
 * The key seals the one secret the broker keeps in a shared store (the GitHub token it must be able
 * to revoke), so a guessable key is a readable store. A key was taken when its text decoded to 32
 * bytes, and `Buffer.from(text, 'base64')` skips what is not base64, so the all-zero key of a template
 * (64 `0`s, or `head -c 32 /dev/zero | base64`), a repeated phrase of 43 letters, and a key with a
 * stray character pasted into it all started a broker. On the start commit each refused case
 * here loaded. Now refused at load, naming where the key came from and which key (its place), never
 * the key, as the admin tokens' weak ones are.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { SecretBox } from '../../shared/broker/state/secret-box.js';

const good = () => randomBytes(32).toString('hex');
/** A base64 key with a `.` pasted into it: still 32 bytes once decoding skipped the dot. */
const strayDot = () => {
  const b = randomBytes(32).toString('base64');
  return `${b.slice(0, 20)}.${b.slice(20)}`;
};

describe('the state key text: a guessable or mangled key is refused (s39)', () => {
  it.each([
    ['64 zeros (a template)', '0'.repeat(64), /key 1, .* 1 distinct byte/],
    ['32 zero bytes in base64', Buffer.alloc(32).toString('base64'), /key 1, .* 1 distinct byte/],
    ['a phrase repeated', 'passwordpasswordpasswordpasswordpasswordpas', /key 1, .* distinct byte/],
    ['a byte pattern', Buffer.alloc(32, 'ab').toString('hex'), /key 1, .* 2 distinct byte/],
    ['a stray character inside (decoding skips it)', strayDot(), /key 1, .* not base64/],
    ['the second key weak', `${good()}\n${'f'.repeat(64)}`, /key 2, .* 1 distinct byte/],
  ])('%s: refused', (_, text, why) => {
    let said = '';
    try {
      SecretBox.fromText(text, 'state.key');
    } catch (err) {
      said = (err as Error).message;
    }
    expect(said).toMatch(/^ERR_STATE_KEY: /);
    expect(said).toContain('state.key');
    expect(said).toMatch(why);
    for (const part of text.split(/\s+/)) expect(said).not.toContain(part);
  });

  it('any 32 random bytes, as hex, base64 or base64url, with or without padding: taken and they open what they seal', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).filter((k) => new Set(k).size >= 16),
        fc.constantFrom('hex', 'HEX', 'base64', 'base64-bare', 'base64url'),
        (bytes, form) => {
          const b = Buffer.from(bytes);
          const text =
            form === 'hex'
              ? b.toString('hex')
              : form === 'HEX'
                ? b.toString('hex').toUpperCase()
                : form === 'base64'
                  ? b.toString('base64')
                  : form === 'base64-bare'
                    ? b.toString('base64').replace(/=+$/, '')
                    : b.toString('base64url');
          const box = SecretBox.fromText(text, 'k');
          expect(box.open(box.seal('ghs_x', 'g1'), 'g1')).toBe('ghs_x');
        },
      ),
    );
  });

  it('random keys are never refused as weak (2,000 draws)', () => {
    for (let i = 0; i < 2000; i++) expect(() => SecretBox.fromText(good(), 'k')).not.toThrow();
  });
});
