/**
 * Session 19: while a grant waits for its audit line on disk (write-ahead), nothing of the request
 * it was decided from is reachable any more (the parameters with the subject token, and with them
 * the exchange's frame: claims, decision inputs). Under a burst that wait outlasts scavenges, and
 * what it holds is promoted to the old generation (docs/performance.md, "Session 19"). The
 * write-ahead order itself is unchanged: the answer comes only after the flush.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AuditSink } from '../../shared/broker/audit-log.js';
import { startStack, type Stack } from '../support/broker.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A sink whose flush waits until the test lets it go; `granted` resolves at the granted line. */
function heldSink() {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let onGranted!: () => void;
  const granted = new Promise<void>((r) => (onGranted = r));
  const types: string[] = [];
  const sink: AuditSink = {
    write(event) {
      types.push(event.type);
      if (event.type === 'credential.granted') onGranted();
    },
    flush: () => released,
  };
  return { sink, release, granted, types };
}

describe('a grant waiting for its audit line holds nothing of its request (session 19)', () => {
  const held = heldSink();
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ auditSink: held.sink });
  });
  afterAll(async () => {
    held.release();
    await s.close();
  });

  it('drops the parameters (and the frame that decided) before the write-ahead wait, then answers after it', async () => {
    const form = s.exchangeForm(await s.issuer.mint());
    // The parameters only in this function's frame, which ends at once: the test holds them weakly.
    const start = () => {
      const params = new URLSearchParams(form);
      return { weak: new WeakRef(params), exchanged: s.broker.service.exchange(params) };
    };
    const { weak, exchanged } = start();
    let answered = false;
    const pending = exchanged.then((a) => {
      answered = true;
      return a;
    });
    await held.granted;
    // The granted line is queued and the flush held: the exchange waits at the write-ahead point.
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setImmediate(r));
      gc();
    }
    expect(weak.deref()).toBeUndefined();
    expect(answered).toBe(false);
    held.release();
    const answer = (await pending) as { access_token?: string };
    expect(typeof answer.access_token).toBe('string');
    expect(held.types).toEqual(['credential.granted']);
  });
});
