/**
 * Session 7, operating the broker: the wall clock jumps under the memory store (an NTP step, a VM
 * resumed after days, a host that booted at 1970 and was set right later). Expiry must neither block
 * the event loop walking every second of the jump nor drop what is still live; a clock that steps
 * back keeps everything at least as long as before (stricter, never looser).
 */
import { describe, expect, it } from '@jest/globals';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { record } from './store-suite.js';

describe('memory store under clock jumps', () => {
  it('a jump forward by decades with nothing filed returns (does not walk every second), and expiry goes on after it', async () => {
    const clock = { now: 1_000 };
    const s = new MemoryStore(() => clock.now);
    expect(await s.useOnce('iss:a', 60)).toBe(true); // filed, then drained once its second passed
    clock.now += 120;
    expect(await s.useOnce('iss:b', 60)).toBe(true); // drains a: the wheel is now empty
    expect(s.sizes().once).toBe(1);
    // The RTC said 1970 + 1000 s at boot; NTP sets it to a date 60 years on: ~1.9e9 empty seconds.
    clock.now += 60 * 365 * 86_400;
    expect(await s.useOnce('iss:c', 60)).toBe(true); // before the fix: minutes of a blocked event loop
    expect(s.sizes().once).toBe(1); // b dropped, c kept
    expect(await s.useOnce('iss:c', 60)).toBe(false);
    clock.now += 61;
    expect(await s.useOnce('iss:d', 60)).toBe(true);
    expect(s.sizes().once).toBe(1);
  });

  it('a jump forward with entries filed far apart drops the due ones and keeps the live ones', async () => {
    const clock = { now: 1_000 };
    const s = new MemoryStore(() => clock.now);
    for (let i = 0; i < 5000; i++) await s.useOnce(`iss:${i}`, 10 + i); // 5000 distinct seconds
    await s.put(record({ grantId: 'live', expiresAt: 1_000 + 10 * 365 * 86_400 }));
    clock.now += 365 * 86_400;
    expect(await s.useOnce('iss:new', 60)).toBe(true);
    for (let i = 0; i < 20 && s.sizes().once > 1; i++) await s.useOnce(`iss:more-${i}`, 1);
    expect(await s.useOnce('iss:0', 60)).toBe(true); // its window passed: it may be used (a new token)
    expect(await s.get('live')).toMatchObject({ grantId: 'live' });
  });

  it('a step back keeps a used jti at least until its window ends on the stepped clock', async () => {
    const clock = { now: 10_000 };
    const s = new MemoryStore(() => clock.now);
    expect(await s.useOnce('iss:x', 300)).toBe(true);
    clock.now -= 3600; // NTP steps back an hour
    expect(await s.useOnce('iss:x', 300)).toBe(false);
    clock.now += 3600 + 200;
    expect(await s.useOnce('iss:x', 300)).toBe(false); // still inside its original window
  });
});
