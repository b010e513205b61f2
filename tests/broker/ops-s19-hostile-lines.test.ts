/**
 * On call (session 19): audit lines carrying hostile claim values, read the ways an operator reads
 * them (`tail`/`cat` on a terminal, `jq -r .detail`, a line splitter in a log shipper). The values are
 * the token's own (run_attempt, actor, check_run_id): a step that can mint its job's OIDC token cannot
 * choose them on GitHub, but any issuer the broker trusts can, and the broker writes them before it
 * knows whether it will grant anything.
 * - `job.ended` wrote the token's run_attempt into its human `detail` as it came: `jq -r .detail`
 *   printed its newline, its ANSI escape and its bidirectional override to the terminal.
 * - Every line is JSON.stringify's output, which leaves U+2028/U+2029, U+0085 and the bidirectional
 *   controls raw: a splitter that honours Unicode line breaks (Python's splitlines, many shippers)
 *   cut one line in two, and `cat` of the file showed a reordered line.
 * Now every line is one line for any reader and shows every invisible character written out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, type Rig } from '../support/redis-rig.js';
import { runIdOf } from '../support/run-ids.js';

// A bidi override and the Unicode line and paragraph separators: printable to the verifier, so they
// reach the lines of a grant. A newline that forges a second line, an ANSI escape (clear screen) and
// NEL are control characters, refused by the verifier since session 26: they reach only the refusal's
// line (its signed claims), which must be as safe.
const HOSTILE = '1{"type":"credential.revoked"}\u202eevil\u2028x\u2029y';
const CONTROLS = '1\n{"type":"credential.revoked"}\u001b[2J\u202eevil\u0085z';
// Whatever a reader might take as a line break or a display control, raw in the file.
// eslint-disable-next-line no-control-regex
const RAW_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('audit lines with hostile claim values', () => {
  let rig: Rig;
  let a: BrokerProcess;

  beforeAll(async () => {
    rig = await startRig({ hostile: 390001 });
    a = await rig.spawn('hostile-a');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  // job.ended's detail names run_id, run_attempt and check_run_id, digits only since session 27 (the
  // verifier refuses others, below): the hostile values now reach the lines through `actor`.
  it('stay one parseable JSON line each, with no raw line break or display control', async () => {
    const claims = { actor: `octocat${HOSTILE}` };
    const granted = await rig.exchange(a, await rig.oidc('hostile', 's19-hostile', claims));
    expect(granted.status).toBe(200);
    const refused = await rig.exchange(
      a,
      await rig.oidc('hostile', 's19-hostile', { run_attempt: CONTROLS, actor: `octocat${CONTROLS}` }),
    );
    expect([refused.status, String(refused.body.error_description)]).toEqual([
      400,
      expect.stringMatching(/^ERR_OIDC_CLAIM_INVALID/),
    ]);
    const end = await a.post('/revoke', {
      subject_token: await rig.oidc('hostile', 's19-hostile', { ...claims, check_run_id: '9190001' }),
      job: 'publish',
    });
    expect(end.status).toBe(200);
    await a.stop();

    const text = readFileSync(join(rig.dir, 'audit-hostile-a.jsonl'), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    // One line per event, whichever line-break convention the reader uses.
    expect(text.slice(0, -1).split(/\r\n|[\n\r\u0085\u2028\u2029]/u)).toHaveLength(lines.length);
    for (const l of lines) {
      expect(l).not.toMatch(RAW_BREAKERS);
      expect(() => JSON.parse(l) as unknown).not.toThrow();
    }
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['credential.granted', 'credential.refused', 'credential.revoked', 'job.ended']),
    );
    // The values are kept exactly (the JSON escapes decode back to them) where they are data...
    const grantedLine = events.find((e) => e.type === 'credential.granted')!;
    expect(JSON.stringify(grantedLine)).toContain(JSON.stringify(`octocat${HOSTILE}`).slice(1, -1));
    // ...and the human text shows them written out: what `jq -r .detail` prints is one safe line.
    const ended = events.find((e) => e.type === 'job.ended')!;
    const detail = String(ended.detail);
    expect(detail).not.toMatch(RAW_BREAKERS);
    expect(detail).toContain(`of run ${runIdOf('s19-hostile')} attempt 1 closed`);
  }, 60_000);
});
