/**
 * Session 29 (issue 11 §9): the refusal of keys GitHub's reader refuses reads each job's and each
 * step's keys in one pass, words the place of a runner-cased `with:` key only when one is found,
 * skips the case test of a mapping of one key, and the secret walk tests scalar children in place.
 * The refusals must stay what they were: which key, which place, which line, the first by line.
 */
import { describe, expect, it } from '@jest/globals';
import { parseWorkflow } from '../../shared/workflow/parse.js';

const parse = (text: string) => parseWorkflow('w.yml', '.github/workflows/w.yml', text);
/** A workflow whose first job `a` goes on with `lines` (from line 5 on). */
const jobA = (...lines: string[]) =>
  parse(['on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', ...lines].join('\n'));
/** A workflow of one job `a` whose steps are `steps` (from line 6 on). */
const oneJob = (...steps: string[]) => jobA('    steps:', ...steps);
/** Job `a`'s service `db` (lines 5 to 7), then `lines`. */
const withService = (...lines: string[]) =>
  jobA('    services:', '      db:', '        image: postgres', ...lines);

describe('refused keys, one pass per job and per step (session 29)', () => {
  it('a key outside the step schema names its step, after a clean step of another job', () => {
    const m = withService(
      '    steps:',
      '      - run: one',
      '  b:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: two',
      '      - run: three',
      '        wiht: {}',
    );
    expect(m.error).toEqual({
      message: expect.stringContaining("step 2 of job 'b' has the key 'wiht'"),
      line: 15,
    });
  });

  it('a clean step after a refused service key is not refused for that key', () => {
    // The per-step pass starts afresh: the service's refused key is reported once, at its line.
    const m = withService('        imgae: x', '    steps:', '      - run: one');
    expect(m.error?.line).toBe(8);
    expect(m.error?.message).toContain("the service 'db' of job 'a' has the key 'imgae'");
  });

  it('the job keys read in the one pass: secrets, environment, strategy, container', () => {
    const job = (lines: string[]) => jobA(...lines).error;
    // A call job has no `runs-on` (beside it GitHub refuses `uses`, session 37).
    const call = parse(
      ['on: push', 'jobs:', '  a:', '    uses: ./.github/workflows/c.yml', '    secrets: Inherit'].join('\n'),
    );
    expect(call.error).toEqual({
      message: expect.stringContaining("`secrets:` of job 'a' is 'Inherit'"),
      line: 5,
    });
    expect(job(['    environment:', '      url: https://x'])?.message).toContain(
      "the environment of job 'a' is a mapping without `name:`",
    );
    expect(job(['    strategy:', '      matrx: {}'])?.message).toContain(
      "the strategy of job 'a' has the key 'matrx'",
    );
    // With its `image:` (session 42): a container without one is refused for that on the same line.
    expect(job(['    container:', '      imag: x', '      image: i'])?.message).toContain(
      "the container of job 'a' has the key 'imag'",
    );
    expect(job(['    Steps: []'])).toEqual({
      message: expect.stringContaining("the job 'a' has the key 'Steps'"),
      line: 5,
    });
  });

  it('a runner-cased `with:` key names its step and job; the first refusal by line wins', () => {
    const m = oneJob(
      '      - uses: actions/checkout@v4',
      '      - uses: ./x',
      '        with:',
      '          tokens: a',
      '          to\u017fen: b',
      '      - run: x',
      '        bad-key: 1',
    );
    expect(m.error?.line).toBe(10);
    expect(m.error?.message).toContain("of step 2 of job 'a' holds U+017F");
  });

  it('two keys alike up to case are refused in a mapping of two; a mapping of one upper-case key is not', () => {
    expect(oneJob('      - run: x', '        env:', '          FOO: 1').error).toBeUndefined();
    expect(oneJob('      - run: x', '        env:', '          FOO: 1', '          foo: 2').error).toEqual({
      message: expect.stringContaining("the keys 'FOO' and 'foo' of one mapping differ only in case"),
      line: 9,
    });
  });

  it('secrets in scalar children of mappings and sequences, and in an `if:` without ${{ }}', () => {
    // The list under a matrix vector, where GitHub takes one (under `env:` GitHub refuses a list:
    // session 41).
    const m = jobA(
      '    strategy:',
      '      matrix:',
      '        list:',
      '          - ${{ secrets.THREE }}',
      '          - plain',
      '    steps:',
      '      - run: echo ${{ secrets.ONE }}',
      '        if: secrets.TWO',
      '      - if: ${{ true }}',
      '        run: echo secrets.NOT',
    );
    expect(m.error).toBeUndefined();
    expect(m.jobs[0]!.secrets).toEqual([
      { value: 'THREE', line: 8 },
      { value: 'ONE', line: 11 },
      { value: 'TWO', line: 12 },
    ]);
  });
});
