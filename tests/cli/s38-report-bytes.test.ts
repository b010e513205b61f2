/**
 * Session 38: `check --format json` writes its report as UTF-8 buffers (render/json-bytes.ts) and
 * reuses a buffer only when the guarded output says nothing holds it. A stream that queues writes (a
 * slow reader; a pipe outside Linux) keeps each piece until it is written out: reusing its memory
 * then would write later bytes over queued ones. The report must arrive whole either way.
 */
import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { guardOutput } from '../../shared/cli/closed-stdout.js';
import { renderJson, writeJsonReport } from '../../shared/render/json.js';
import type { CheckResult, JobReport } from '../../shared/check/run.js';

const result: CheckResult = {
  jobs: Array.from({ length: 2000 }, (_, i): JobReport => ({
    workflow: `w${i}.yml`,
    job: `job-${i}`,
    permissions: { contents: 'read' },
    secrets: [`S${i}`],
    environments: [],
    triggers: ['push'],
    actions: [`actions/checkout@v${i}`],
  })),
  findings: [],
};

function stream(later: boolean): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 1 << 30,
    write(chunk: Buffer, _enc, done) {
      // Copied when written out, as a file or socket would take the bytes then.
      const take = () => {
        chunks.push(Buffer.from(chunk));
        done();
      };
      if (later) setImmediate(take);
      else take();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the JSON report through the guarded output', () => {
  for (const later of [false, true])
    it(`arrives whole when the stream writes ${later ? 'later (queued)' : 'at once'}`, async () => {
      const { out, text } = stream(later);
      const guarded = guardOutput(out);
      const answers: boolean[] = [];
      writeJsonReport(result, (piece) => {
        const done = guarded.writeBytes(piece);
        answers.push(done);
        return done;
      });
      await new Promise<void>((resolve) => out.end(resolve));
      expect(text()).toBe(renderJson(result));
      expect(answers.length).toBeGreaterThan(2);
      expect(answers.every((a) => a === !later)).toBe(true);
    });
});
