/**
 * GitHub-shaped run ids for fixtures. A token's `run_id` is a decimal id (NUMERIC_ID), so a suite's
 * readable label (`'list-why'`, `` `s13h-${n}` ``) becomes an 11-digit id derived from it: the same label
 * is the same run, two labels are two runs, and the id is long enough that no substring assertion
 * meets it by chance in timings, counters or random text (session 26's `7201` lesson).
 */
import { createHash } from 'node:crypto';

const SPAN = 90_000_000_000n;
const LOW = 10_000_000_000n;

/**
 * The run id of `label`: 11 digits, first digit 1-9, a pure function of the label. A label that is
 * already a GitHub run id is that id (so helpers that take either, like the redis rig's `oidc`, may
 * call it on what they are given, and `runIdOf(runIdOf(x)) === runIdOf(x)`).
 */
export function runIdOf(label: string): string {
  if (/^[1-9][0-9]{0,19}$/.test(label)) return label;
  const n = createHash('sha256').update(`run:${label}`).digest().readBigUInt64BE(0);
  return String(LOW + (n % SPAN));
}
