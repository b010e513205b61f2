/**
 * Session 26: an `if:` is read for status functions with GitHub's lexer, not with regular expressions.
 * GitHub (actions/runner PipelineTemplateConverter.ConvertToIfCondition) walks the parsed condition for
 * a *function* named always/failure/cancelled/success; a keyword is a function when `(` follows it
 * after .NET white space (GitHub.DistributedTask.Expressions2 LexicalAnalyzer). The template reader
 * first makes the value one expression (TemplateReader.ParseScalar): `${{ 'always()' }}` is the
 * condition `always()`, and `" ${{ success() }}"` is `format(' {0}', success())`, a non-empty string,
 * true after a failure. Before: `'always()'` inside a string counted (the check reported a step that
 * runs only after success; the diff dropped a needed job's guard from a job's guard text), `!success()`
 * in a job's `if:` did not count (session 25, left), and the format() form was read as `success()`.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { snapshot } from '../../shared/diff/snapshot.js';
import { ifRunsAfterFailure } from '../../shared/workflow/status-functions.js';
import { gateFaces, wf } from '../support/repo.js';

const faces = gateFaces;

describe('a step condition read with the lexer', () => {
  it.each([
    `" \${{ success() }}"`,
    `"\${{ success() }} "`,
    `"x\${{ github.ref }} \${{ success() }}"`,
    // A string literal alone is read as the condition: `always()`.
    `"\${{ 'always()' }}"`,
  ])('%s: runs after a failed gate', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual(['runs-after-denial']);
    expect(f.diff).toMatch(/step 3 runs after a failed gate/);
  });

  it.each([
    `"github.event.comment.body == 'always()'"`,
    `"contains(github.event.head_commit.message, 'failure(x)') && success()"`,
    `"success() && (github.ref == 'x' || github.actor == 'y')"`,
    `"github.event.issue.title != 'cancelled ()'"`,
  ])('%s: runs only after success: the gate stays armed', (cond) => {
    const f = faces(cond);
    expect(f.check).toEqual([]);
    expect(f.diff).toBe('first step, mode enforce');
  });
});

describe("a job's `if:` and the guards of the jobs it needs (the diff)", () => {
  const text = (cond: string) =>
    `on: pull_request_target\njobs:\n  check:\n    if: github.event.pull_request.head.repo.fork == false\n    runs-on: x\n    steps: [ { run: a } ]\n  deploy:\n    needs: check\n    if: ${cond}\n    runs-on: x\n    permissions: { contents: write }\n    steps: [ { run: b } ]\n`;
  const guard = (cond: string) =>
    snapshot([wf('ci.yml', text(cond))])
      .workflows.get('ci.yml')!
      .jobs.get('deploy')!.guard;

  it.each([`"!success()"`, `"success() || github.actor == 'x'"`, `"\${{ !SUCCESS\\N() }}"`])(
    '%s: runs when the needed job was skipped, so its guard is not one',
    (cond) => expect(guard(cond)).not.toContain('needs.check'),
  );

  it.each([`"success()"`, `"github.actor != 'always()'"`, `"success() && github.actor != 'x'"`])(
    '%s: runs only after the needed job succeeded: its guard stays part of this one',
    (cond) => expect(guard(cond)).toContain('needs.check'),
  );
});

/**
 * Property: a condition drawn from a small grammar (status functions, named values, string literals
 * that spell status functions, `!`, `&&`, `||`, parentheses), spaced with any .NET white space. The
 * oracle evaluates the drawn tree itself after a failed step (success() false, failure() true) for
 * every value of its named values, with GitHub's `success() && (…)` added when the tree holds no
 * status function; whenever it can be true, the reader must say so. A string literal never makes a
 * condition that cannot run after a failure read as one that can.
 */
type Node =
  | { k: 'fn'; name: 'always' | 'failure' | 'cancelled' | 'success'; spelled: string }
  | { k: 'var'; name: 'a' | 'b' }
  | { k: 'str'; text: string }
  | { k: 'not'; x: Node }
  | { k: 'and' | 'or'; x: Node; y: Node }
  | { k: 'group'; x: Node };

const space = fc
  .array(fc.constantFrom('', ' ', '\t', '\n', '\u0085', '\u00a0', '\u2028', '\u3000', '\u000b'), {
    maxLength: 2,
  })
  .map((a) => a.join(''));
const mixedCase = (s: string) =>
  fc
    .array(fc.boolean(), { minLength: s.length, maxLength: s.length })
    .map((up) => [...s].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));

const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .constantFrom('always' as const, 'failure' as const, 'cancelled' as const, 'success' as const)
      .chain((name) => mixedCase(name).map((spelled): Node => ({ k: 'fn', name, spelled }))),
    fc.constantFrom<Node>({ k: 'var', name: 'a' }, { k: 'var', name: 'b' }),
    fc.constantFrom<Node>({ k: 'str', text: 'always()' }, { k: 'str', text: "it''s success ()" }),
    tie('node').map((x): Node => ({ k: 'not', x })),
    fc
      .tuple(fc.constantFrom('and' as const, 'or' as const), tie('node'), tie('node'))
      .map(([k, x, y]): Node => ({ k, x, y })),
    tie('node').map((x): Node => ({ k: 'group', x })),
  ),
})).node;

function write(n: Node, sp: () => string): string {
  switch (n.k) {
    case 'fn':
      return `${n.spelled}${sp()}(${sp()})`;
    case 'var':
      return `github.event.${n.name}`;
    case 'str':
      return `'${n.text}'`;
    case 'not':
      return `!${sp()}${write(n.x, sp)}`;
    case 'group':
      return `(${sp()}${write(n.x, sp)}${sp()})`;
    default:
      // Both sides grouped, so the text's precedence is the tree's.
      return `(${write(n.x, sp)})${sp()}${n.k === 'and' ? '&&' : '||'}${sp()}(${write(n.y, sp)})`;
  }
}

type Env = { a: boolean; b: boolean };
function truthy(n: Node, env: Env): boolean {
  switch (n.k) {
    case 'fn':
      return n.name === 'always' || n.name === 'failure';
    case 'var':
      return env[n.name];
    case 'str':
      return true;
    case 'not':
      return !truthy(n.x, env);
    case 'group':
      return truthy(n.x, env);
    case 'and':
      return truthy(n.x, env) && truthy(n.y, env);
    default:
      return truthy(n.x, env) || truthy(n.y, env);
  }
}
const hasStatus = (n: Node): boolean =>
  n.k === 'fn' ||
  (n.k === 'not' || n.k === 'group'
    ? hasStatus(n.x)
    : n.k === 'and' || n.k === 'or'
      ? hasStatus(n.x) || hasStatus(n.y)
      : false);
const canRunAfterFailure = (n: Node) =>
  hasStatus(n) &&
  [
    { a: false, b: false },
    { a: true, b: false },
    { a: false, b: true },
    { a: true, b: true },
  ].some((env) => truthy(n, env));

describe('property: the reader never says a condition that runs after a failure does not', () => {
  it('any tree, any spelling, any .NET white space, wrapped or not', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(space, { minLength: 64, maxLength: 64 }),
        fc.boolean(),
        (n, spaces, wrap) => {
          let i = 0;
          const text = write(n, () => spaces[i++ % spaces.length]!);
          const value = wrap ? `\${{ ${text} }}` : text;
          if (canRunAfterFailure(n)) expect(ifRunsAfterFailure(value)).toBe(true);
        },
      ),
      { seed: 26, numRuns: 600 },
    );
  });

  it('a string literal spelling a status function is no status function', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('always', 'failure', 'cancelled', '!success').chain(mixedCase),
        space,
        (fn, sp) => {
          expect(ifRunsAfterFailure(`github.event.comment.body == '${fn}${sp}()'`)).toBe(false);
          expect(ifRunsAfterFailure(`\${{ github.actor != '${fn}${sp}()' }}`)).toBe(false);
        },
      ),
      { seed: 26, numRuns: 200 },
    );
  });
});
