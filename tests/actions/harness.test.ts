import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interpolate, parseCommandFile, runAction } from '../support/action-runner.js';

function action(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-action-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'action.yml'), yaml);
  return dir;
}

describe('the composite action harness', () => {
  it("evaluates expressions with GitHub's evaluator", () => {
    expect(interpolate("${{ format('{0}-{1}', inputs.a, 2) }}", { inputs: { a: 'x' } })).toBe('x-2');
    expect(interpolate("${{ inputs.a == 'x' && 'yes' || 'no' }}", { inputs: { a: 'x' } })).toBe('yes');
  });

  it('parses both GITHUB_OUTPUT forms', () => {
    expect(parseCommandFile('a=1\nb<<EOF\nline 1\nline 2\nEOF\nc=x=y\n')).toEqual({
      a: '1',
      b: 'line 1\nline 2',
      c: 'x=y',
    });
  });

  it('passes inputs, outputs, env between steps, runs always() after a failure, and skips the rest', async () => {
    const dir = action(`
name: t
inputs:
  who: { default: world }
outputs:
  greeting: { value: "\${{ steps.one.outputs.greeting }}" }
runs:
  using: composite
  steps:
    - id: one
      shell: bash
      run: |
        echo "greeting=hello \${{ inputs.who }}" >> "$GITHUB_OUTPUT"
        echo "CARRIED=yes" >> "$GITHUB_ENV"
    - id: two
      shell: bash
      run: test "$CARRIED" = yes && exit 3
    - id: skipped
      shell: bash
      run: echo never
    - id: cleanup
      if: always()
      shell: bash
      run: echo "cleaned \${{ steps.two.outcome }}" >> "$GITHUB_STEP_SUMMARY"
`);
    const r = await runAction(dir, { inputs: { who: 'octocat' } });
    expect(r.outputs.greeting).toBe('hello octocat');
    expect(r.steps.map((s) => s.outcome)).toEqual(['success', 'failure', 'skipped', 'success']);
    expect(r.failed).toBe(true);
    expect(r.summary).toBe('cleaned failure\n');
  });

  it('reports a masked value that reaches the log or the summary', async () => {
    const dir = action(`
name: t
runs:
  using: composite
  steps:
    - shell: bash
      run: |
        echo "::add-mask::s3cr3t-value"
        echo "oops s3cr3t-value"
        echo "also s3cr3t-value" >> "$GITHUB_STEP_SUMMARY"
`);
    const r = await runAction(dir);
    expect(r.masks).toEqual(['s3cr3t-value']);
    expect(r.leaks.map((l) => l.where).sort()).toEqual(['job summary', 'stdout of step ?']);
  });
});
