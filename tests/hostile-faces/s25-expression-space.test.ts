/**
 * Session 25: GitHub's expression lexer skips whitespace with .NET's `Char.IsWhiteSpace`
 * (actions/runner, GitHub.DistributedTask.Expressions2 LexicalAnalyzer: the skip, the token boundary
 * and the function look-ahead before `(`), which holds U+0085 NEXT LINE; JavaScript's `\s` does not.
 * A raw NEL is refused when the file is read (session 8), but a double-quoted `\N`, `\x85` or `\u0085`
 * puts one in the value, so `if: "always\N()"` is `always()` to the condition converter
 * (PipelineTemplateConverter.ConvertToIfCondition walks the parsed tree for status functions): the
 * step runs after the gate has failed the job, with the job's token and secrets, while the check and
 * the diff read no status function and left the gate armed.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { snapshot } from '../../shared/diff/snapshot.js';
import { runsAfterFailure } from '../../shared/check/rules/missing-enforce.js';
import { gateFaces, wf } from '../support/repo.js';

const faces = gateFaces;

describe('a status function written with NEXT LINE before its parenthesis', () => {
  it.each([
    String.raw`"always\N()"`,
    String.raw`"failure\x85()"`,
    String.raw`"cancelled\u0085()"`,
    '"${{ always\\U00000085() }}"',
    String.raw`"!success\N()"`,
    String.raw`"success\N(\N)\N== false"`,
  ])('%s: reported by the check and disarms the gate in the diff', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual(['runs-after-denial']);
    expect(f.diff).toMatch(/step 3 runs after a failed gate/);
  });

  it.each([
    String.raw`"success\N()"`,
    String.raw`"\Nsuccess()\N"`,
    String.raw`"github.ref\N== 'refs/heads/main'"`,
  ])('%s: runs only after success: the gate stays armed', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual([]);
    expect(f.diff).toBe('first step, mode enforce');
  });

  it('a job guarded through needs: a NEL-spaced always() drops the needed job from its guard', () => {
    const text = (cond: string) =>
      `on: pull_request_target\njobs:\n  check:\n    if: github.event.pull_request.head.repo.fork == false\n    runs-on: x\n    steps: [ { run: a } ]\n  deploy:\n    needs: check\n    if: ${cond}\n    runs-on: x\n    steps: [ { run: b } ]\n`;
    const guard = (cond: string) =>
      snapshot([wf('ci.yml', text(cond))])
        .workflows.get('ci.yml')!
        .jobs.get('deploy')!.guard;
    expect(guard('"always()"')).not.toContain('needs.check');
    expect(guard(String.raw`"always\N()"`)).not.toContain('needs.check');
    expect(guard(String.raw`"github.actor\N!= 'x'"`)).toContain('needs.check');
  });

  it('property: any status function, any case, any run of lexer whitespace before `(`, runs after a failure', () => {
    // Every generated condition holds a status function GitHub reads as one, so none may pass.
    const space = fc.constantFrom(' ', '\t', '\n', '\r', '\u0085', '\u00a0', '\u2028', '\u3000', '\u000b');
    const name = fc
      .tuple(
        fc.constantFrom('always', 'failure', 'cancelled', '!success'),
        fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      )
      .map(([n, up]) => [...n].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    fc.assert(
      fc.property(name, fc.array(space, { minLength: 1, maxLength: 3 }), fc.boolean(), (n, ws, wrap) => {
        const cond = `${n}${ws.join('')}()`;
        const value = wrap ? `\${{ ${cond} }}` : cond;
        return runsAfterFailure({ index: 2, line: 9, run: 'x', if: { value, line: 10 } });
      }),
      { seed: 25, numRuns: 400 },
    );
  });
});
