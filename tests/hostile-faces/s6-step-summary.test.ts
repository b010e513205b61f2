/**
 * Session 6 hostile review: the step summary file is a path in the runner's temp directory that an
 * earlier step (or a process it left running) can replace. `core.summary` followed a link there (the
 * audit summary landed in the linked file) and blocked on a FIFO (the audit step hung until the job's
 * timeout and no summary showed). The actions now write only a regular file, never through a link and
 * never blocking, and otherwise say so and print the summary to the log.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeStepSummary } from '../../shared/actions/summary.js';
import { runAction } from '../support/action-runner.js';

const quiet = <T>(fn: () => T): T => {
  // core.error / core.info write workflow commands to stdout; keep the test output clean.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return fn();
  } finally {
    process.stdout.write = write;
  }
};

describe('writeStepSummary', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'sw-s6-summary-'));
  it('appends to a regular file', () => {
    const p = join(dir(), 'summary.md');
    writeFileSync(p, 'before\n');
    expect(writeStepSummary('## x\n', { GITHUB_STEP_SUMMARY: p })).toBe('written');
    expect(readFileSync(p, 'utf8')).toBe('before\n## x\n');
  });
  it('refuses a FIFO at once instead of blocking', () => {
    const p = join(dir(), 'summary.md');
    execFileSync('mkfifo', [p]);
    expect(quiet(() => writeStepSummary('## x\n', { GITHUB_STEP_SUMMARY: p }))).toBe('refused');
  });
  it('refuses a symbolic link and leaves its target alone', () => {
    const d = dir();
    const victim = join(d, 'victim.txt');
    writeFileSync(victim, 'untouched\n');
    const p = join(d, 'summary.md');
    symlinkSync(victim, p);
    expect(quiet(() => writeStepSummary('## x\n', { GITHUB_STEP_SUMMARY: p }))).toBe('refused');
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n');
  });
  it('a missing file is refused (the runner creates it before the step), not created', () => {
    const p = join(dir(), 'gone.md');
    expect(quiet(() => writeStepSummary('## x\n', { GITHUB_STEP_SUMMARY: p }))).toBe('refused');
  });
  it('unset: not in a runner', () => {
    expect(writeStepSummary('## x\n', {})).toBe('none');
  });
});

/** A job with a one-line trail, audited without a broker (no network), its summary path replaced. */
async function auditWithSummaryAt(replace: (path: string, dir: string) => void) {
  const d = mkdtempSync(join(tmpdir(), 'sw-s6-summary-job-'));
  const runnerTemp = join(d, 'runner-temp');
  mkdirSync(join(runnerTemp, 'stepwarden'), { recursive: true });
  writeFileSync(
    join(runnerTemp, 'stepwarden', 'audit.jsonl'),
    `${JSON.stringify({ v: 1, time: new Date().toISOString(), source: 'action', type: 'job.enforced', outcome: 'success', run_id: '1', job: 'publish' })}\n`,
  );
  const planted = join(d, 'step_summary_planted');
  replace(planted, d);
  return runAction('actions/audit', {
    runnerTemp,
    summaryFile: join(d, 'harness-summary.md'),
    env: {
      GITHUB_STEP_SUMMARY: planted,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_JOB: 'publish',
      GITHUB_EVENT_NAME: 'push',
    },
    inputs: { token: '' },
    github: { workspace: d },
  });
}

describe('actions/audit with its summary path replaced', () => {
  it('a FIFO: the step finishes, says why, and prints the summary to the log', async () => {
    const r = await auditWithSummaryAt((p) => execFileSync('mkfifo', [p]));
    expect(r.log).toMatch(/::error::stepwarden: the step summary file .* is a FIFO/);
    expect(r.log).toMatch(/## stepwarden audit/);
    expect(r.outputs.workload).toBeDefined();
  }, 60_000);
  it('a symbolic link: the linked file is not written', async () => {
    let victim = '';
    const r = await auditWithSummaryAt((p, d) => {
      victim = join(d, 'victim.md');
      writeFileSync(victim, 'untouched\n');
      symlinkSync(victim, p);
    });
    expect(readFileSync(victim, 'utf8')).toBe('untouched\n');
    expect(r.log).toMatch(/is a symbolic link/);
  }, 60_000);
});
