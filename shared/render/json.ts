import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';

/**
 * Elements per piece: up to 65 KB of JSON each on the corpus, 26 KB median (a job's report is 0.25 to
 * 1.3 KB).
 * A piece and the strings made on its way out stay below V8's large-object size (128 KiB), so they
 * are made in the young generation, on pages already in use, instead of pages of their own that
 * each touch fresh memory (a page fault per 4 KiB, and they are dropped at once). At 256 elements
 * (100 to 300 KB) the JSON report cost the corpus check three times the CPU and 5,000 more page
 * faults (docs/performance.md, session 23).
 */
export const JSON_PIECE_ELEMENTS = 64;
const BATCH = JSON_PIECE_ELEMENTS;

// `JSON.stringify([[a, b]], null, 2)` is `[\n  [\n    A,\n    B\n  ]\n]`, where A and B are laid out
// exactly as the elements of a list that is the value of a key of the top-level object (indented by
// four). Cutting that wrapper off gives a run of the report's own text; JSON strings hold no raw line
// break, so nothing inside an element can look like the wrapper.
const HEAD = '[\n  [\n    '.length;
const TAIL = '\n  ]\n]'.length;

function* elements<T>(xs: readonly T[], map?: (x: T) => unknown): Generator<string> {
  for (let i = 0; i < xs.length; i += BATCH) {
    const batch = map ? xs.slice(i, i + BATCH).map(map) : xs.slice(i, i + BATCH);
    // The separator is a piece of its own, not joined to the text: V8 returns a long JSON.stringify
    // result as a rope, which the slice flattens (one copy); a joined string would be a second rope
    // and flattened again (a second copy of the whole report) by the first regular expression or
    // write that reads it.
    if (i > 0) yield ',\n    ';
    yield JSON.stringify([batch], null, 2).slice(HEAD, -TAIL);
  }
}

/** Key order is fixed for readable diffs. */
const finding = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  workflow: f.workflow,
  job: f.job,
  subject: f.subject,
  message: f.message,
  file: f.file,
  line: f.line,
});

/**
 * The stable JSON contract (docs/required-check.md), in pieces whose concatenation is
 * `JSON.stringify({ jobs, findings }, null, 2)` and a line break: `check` writes each piece to standard
 * output as it is made, instead of one string of the whole report and its UTF-8 copy (5.7 MB each on
 * a repository of 1,500 workflows).
 */
export function* renderJsonPieces(result: CheckResult): Generator<string> {
  yield result.jobs.length === 0 ? '{\n  "jobs": [],\n  "findings": ' : '{\n  "jobs": [\n    ';
  if (result.jobs.length > 0) {
    yield* elements(result.jobs);
    yield '\n  ],\n  "findings": ';
  }
  if (result.findings.length === 0) yield '[]\n}\n';
  else {
    yield '[\n    ';
    yield* elements(result.findings, finding);
    yield '\n  ]\n}\n';
  }
}

export function renderJson(result: CheckResult): string {
  return [...renderJsonPieces(result)].join('');
}
