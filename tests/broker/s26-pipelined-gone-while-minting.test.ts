/**
 * The suite on a slow machine (session 26): a client much faster than the broker. An exchange
 * pipelined behind another whose connection is cut while its credential is still being minted: its
 * response has no socket of its own (`res.socket` is null until its turn), so a check of the response's
 * socket read the connection as alive and the credential stayed live with nobody holding it. Both
 * GitHub mints are held, so the order is certain: both exchanges are at GitHub when the client leaves.
 * (s26-pipelined-undelivered covers the other order: the answer already queued when the client goes.)
 */
import { describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { startStack } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

const TOKENS = '/app/installations/{installation_id}/access_tokens';

const until = async (cond: () => boolean, what: string) => {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
};

describe('an exchange pipelined behind another, its client gone while GitHub mints', () => {
  it('both credentials are revoked as undelivered, upstream too', async () => {
    const s = await startStack();
    const firstMint = holdNext(s.gh.standin, 'POST', TOKENS);
    let secondMint: ReturnType<typeof holdNext> | undefined;
    try {
      const post = async (runId: string) => {
        const form = new URLSearchParams(
          s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId) })),
        ).toString();
        return `POST /token HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: ${form.length}\r\n\r\n${form}`;
      };
      const [first, second] = [await post('26101'), await post('26102')];
      const sock = connect(Number(new URL(s.broker.url).port), '127.0.0.1');
      sock.on('error', () => undefined);
      const gone = new Promise((done) => sock.on('close', done));
      sock.write(first);
      await firstMint.arrived;
      // The second request only once the first is at GitHub: its answer is queued behind the first's.
      secondMint = holdNext(s.gh.standin, 'POST', TOKENS);
      sock.write(second);
      await secondMint.arrived;
      sock.destroy();
      await gone;
      secondMint.release();
      firstMint.release();
      const lines = (type: string, reason?: string) =>
        s.audit.events
          .filter((e) => e.type === type && (reason === undefined || e.reason === reason))
          .map((e) => e.grant_id)
          .sort();
      // Without the fix the pipelined one was answered into its queued response: granted, never
      // revoked (its line never comes; the bound only ends the wait).
      await until(
        () => lines('credential.revoked', 'UNDELIVERED').length === 2,
        'two UNDELIVERED lines',
      ).catch((err: Error) => {
        throw new Error(`${err.message}: ${JSON.stringify(s.gh.state.tokens.map((t) => t.revoked))}`);
      });
      expect(lines('credential.granted')).toHaveLength(2);
      expect(lines('credential.revoked', 'UNDELIVERED')).toEqual(lines('credential.granted'));
      expect(s.gh.state.tokens.map((t) => t.revoked)).toEqual([true, true]);
    } finally {
      firstMint.release();
      secondMint?.release();
      await s.close();
    }
  }, 60_000);
});
