/**
 * Session 22: `job=` (request.ts `jobOf`, both doors) against GitHub's own rule for a job id, read from
 * `@actions/workflow-parser` (model/converter/id-builder.js, `tryAddKnownId`, which job.js applies to
 * every job key): ASCII letters, digits, `_` and `-`, starting with a letter or `_`, fewer than 100
 * characters, and not starting with `__` (reserved). The broker took 100 characters and `__x`: ids
 * GitHub refuses in a workflow, so no job of a real run carries them.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { IdBuilder } from '@actions/workflow-parser/model/converter/id-builder';
import { jobOf } from '../../shared/broker/request.js';

const github = (id: string) => new IdBuilder().tryAddKnownId(id) === undefined;
const broker = (id: string) => {
  try {
    jobOf(new URLSearchParams({ job: id }), true);
    return true;
  } catch {
    return false;
  }
};

describe("job= is a job id exactly as GitHub's workflow parser takes one", () => {
  it('the edges: 99 characters and a single leading _ pass; 100 characters and a leading __ are refused', () => {
    expect(broker('a'.repeat(99))).toBe(true);
    expect(broker('_build')).toBe(true);
    expect(broker('a'.repeat(100))).toBe(false);
    expect(broker('__build')).toBe(false);
    expect(broker('__')).toBe(false);
    expect(() => jobOf(new URLSearchParams({ job: '__build' }), true)).toThrow(/not a workflow job id/);
  });

  it('agrees with the parser on ids near the edges (property)', () => {
    const char = fc.constantFrom(...'aZ9_-.é\u200b '.split(''));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(char, { minLength: 1, maxLength: 8 }).map((c) => c.join('')),
          fc
            .tuple(fc.constantFrom('', '_', '__', 'a', '-', '9'), fc.integer({ min: 95, max: 102 }))
            .map(([head, n]) => (head + 'x'.repeat(n)).slice(0, Math.max(n, head.length))),
        ),
        (id) => expect(broker(id)).toBe(github(id)),
      ),
      { numRuns: 400 },
    );
  });
});
