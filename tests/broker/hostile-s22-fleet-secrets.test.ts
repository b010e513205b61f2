/**
 * Attacking session 21's fleet cards (session 22). Each instance writes `stepwarden:instances` with a
 * fingerprint of its settings; anyone who can read the store (a replica, a backup, a shared Redis's
 * other tenants, a MONITOR session) reads them. The admin-tokens fingerprint was 12 hex digits of an
 * unkeyed sha256 over `name:sha256(token)`: a guessed token (the `name:sha256hex` form has no strength
 * check) could be confirmed offline at billions a second against the card, without one request to
 * the broker, whose admin endpoints are the only place a guess should be tried. Now the card holds the
 * token names only. And a hostile card (100 MB, or a deep JSON) is dropped before it is parsed.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import {
  fingerprint,
  liveCards,
  MAX_CARD_CHARS,
  parseCard,
  settingsOf,
} from '../../shared/broker/ops/fleet.js';
import { canonical, type LiveSettings } from '../../shared/broker/ops/reload.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const config = loadBrokerConfig('listen: 127.0.0.1:0\n', 'broker.yml', '/');
const live = (adminTokenHashes: string[]): LiveSettings => ({
  adminTokenHashes,
  rateLimit: { limit: 600, windowSeconds: 60 },
  replayRateLimit: { limit: 60, windowSeconds: 60 },
  drainTimeoutMs: 10_000,
  drainDelayMs: 0,
});
const card = (hashes: string[]) => settingsOf(config, live(hashes), ['k1']);

describe('the admin-tokens fingerprint on the card', () => {
  it('is no oracle for a guessed token: a dictionary tried offline confirms nothing', () => {
    const weak = 'Summer2026!Summer2026!Summer2026'; // 32 characters, 12 distinct: a `name token` line passes
    const published = card([`alice:${sha(weak)}`])['admin-tokens'];
    // What an attacker with read access to the store computes for each guess (session 21's formula).
    const guess = (token: string) => fingerprint(canonical([`alice:${sha(token)}`]));
    const dictionary = ['hunter2', 'Summer2026!', weak, 'correct horse battery staple'];
    expect(dictionary.filter((t) => guess(t) === published)).toEqual([]);
  });

  it('depends on the token names, never on the tokens (property)', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        expect(card([`alice:${a}`])['admin-tokens']).toBe(card([`alice:${b}`])['admin-tokens']);
      }),
      { numRuns: 50 },
    );
  });

  it('still differs when an instance lacks a token, or has none (its kill switch refuses)', () => {
    const h = sha('x'.repeat(8) + 'abcdefghijklmnopqrstuvwx');
    const both = card([`alice:${h}`, `bob:${h}`])['admin-tokens'];
    expect(card([`alice:${h}`])['admin-tokens']).not.toBe(both);
    expect(card([])['admin-tokens']).not.toBe(both);
    expect(card([`bob:${h}`, `alice:${h}`])['admin-tokens']).toBe(both);
  });
});

describe('a hostile card in the store', () => {
  it('is dropped unparsed when longer than a card can be', () => {
    const huge = JSON.stringify({
      instance: 'x:1',
      at: 1,
      settings: { a: 'b' },
      pad: 'p'.repeat(MAX_CARD_CHARS),
    });
    expect(parseCard(huge)).toBeUndefined();
    // A real card, with every setting and 16 key ids, fits with room to spare.
    const real = JSON.stringify({
      instance: `${'h'.repeat(100)}:4194304`,
      at: 1_800_000_000,
      settings: card([`alice:${sha('y')}`]),
      seals: 'k'.repeat(64),
      opens: Array.from({ length: 16 }, () => 'k'.repeat(64)),
    });
    expect(real.length).toBeLessThan(MAX_CARD_CHARS / 2);
    expect(parseCard(real)).toBeDefined();
  });
});

describe('a forged card from the future', () => {
  it('does not count as live for ever (a card is refreshed every 10 s on a clock within 30 s)', () => {
    const now = 1_800_000_000;
    const forged = { instance: 'ghost:1', at: now + 10 * 365 * 86_400, settings: { 'rate-limit': 'f00' } };
    const real = { instance: 'web-1:7', at: now - 5, settings: { 'rate-limit': 'abc' } };
    const slightlyAhead = { instance: 'web-2:7', at: now + 20, settings: { 'rate-limit': 'abc' } };
    expect(liveCards([forged, real, slightlyAhead], now).map((c) => c.instance)).toEqual([
      'web-1:7',
      'web-2:7',
    ]);
  });
});
