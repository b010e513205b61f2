/**
 * Session 26: a credential answered into node's queue of pipelined responses, behind a response still
 * held, is never delivered when the client destroys the socket: the queued response never gets the
 * socket. The broker checked only whether the connection was gone at the moment it answered, so this one
 * stayed live until its ttl, audited as granted, and its claim stayed taken (the step's retry refused).
 * The order is certain: the first exchange is held at GitHub's mint before the second is written; the
 * second is minted and answered while the first is held; only then is the socket destroyed.
 */
import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { startStack } from '../support/broker.js';
import { holdNext } from '../support/github.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';
const until = async (cond: () => boolean, what: string) => {
  for (let i = 0; i < 1000; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
};
const raw = (form: string) =>
  `POST /token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${form.length}\r\n\r\n${form}`;

describe('a credential answered behind a held one on a pipelined connection', () => {
  it('is revoked as undelivered when the client goes before it was sent, and the retry is granted', async () => {
    const s = await startStack();
    try {
      const held = holdNext(s.gh.standin, 'POST', TOKENS);
      const first = new URLSearchParams(s.exchangeForm(await s.issuer.mint({ run_id: '26101' }))).toString();
      const second = new URLSearchParams(s.exchangeForm(await s.issuer.mint({ run_id: '26102' }))).toString();
      const sock = connect(Number(new URL(s.broker.url).port), '127.0.0.1');
      sock.on('error', () => undefined);
      const gone = new Promise((done) => sock.on('close', done));
      let received = '';
      sock.on('data', (d: Buffer) => (received += d.toString('latin1')));
      try {
        // The second is written only once the first is held at the mint: both on the wire at once,
        // the second's handler could reach GitHub first and be the held one (failed so in a fresh run).
        sock.write(raw(first));
        await held.arrived;
        sock.write(raw(second));
        // The second is minted and granted (its answer waits in node's queue behind the first).
        await until(
          () => s.audit.events.filter((e) => e.type === 'credential.granted').length === 1,
          'second granted',
        );
        sock.destroy();
        await gone;
      } finally {
        held.release();
      }
      await until(
        () =>
          s.audit.events.filter((e) => e.type === 'credential.revoked' && e.reason === 'UNDELIVERED')
            .length === 2,
        'both credentials revoked as undelivered',
      );
      expect(received).toBe(''); // nothing was delivered: the test is what it says
      expect(s.gh.state.tokens.map((t) => t.revoked)).toEqual([true, true]);
      // The claim was given back: the same run's retry is granted.
      const retry = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: '26102' })));
      expect(retry.status).toBe(200);
    } finally {
      await s.close();
    }
  }, 30_000);
});
