import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';
import { JsonBytes, jsonText, type Emit } from './json-bytes.js';

/** A finding's keys in the contract's order (fixed for readable diffs), whatever order it was made in. */
const FINDING_KEYS: readonly (keyof Finding)[] = [
  'rule',
  'severity',
  'workflow',
  'job',
  'subject',
  'message',
  'file',
  'line',
];

/**
 * The stable JSON contract (docs/required-check.md): `JSON.stringify({ jobs, findings }, null, 2)` and a
 * line break, as UTF-8 pieces (json-bytes.ts): `check` writes each to standard output as it is made,
 * with no string of the whole report, of a piece of it, or of its UTF-8 (5.7 MB on 1,500 workflows).
 */
export function writeJsonReport(result: CheckResult, emit: Emit): void {
  const w = new JsonBytes(emit);
  w.raw('{\n  "jobs": ');
  w.array(result.jobs, 1);
  w.raw(',\n  "findings": ');
  w.array(result.findings, 1, FINDING_KEYS);
  w.raw('\n}\n');
  w.flush();
}

export function renderJson(result: CheckResult): string {
  return jsonText((emit) => writeJsonReport(result, emit));
}
