/**
 * Session 36, attack 3: resource bombs end in bounded time with a clear refusal or a reading.
 * Broke at 4810aaa: a large mapping on the reference path (any anchor, tag or other construct the fast
 * path gives back sends the whole document there) cost the second reading minutes, because the `yaml`
 * package's `uniqueKeys: true` compares each key with every key before it: 100,000 keys took 283 s at
 * load 12 (20,000: 7.9 s); now the second reading finds duplicates by name, in a set (4.6 s and 0.9 s).
 * The same check by name refuses `1:` beside `'1':`, which the package's check by value let through
 * though GitHub's parser refuses it (so a refusal of it never says GitHub reads it).
 * Held: a 10 MB scalar, an alias bomb, 100,000-deep flow nesting, 5,000-deep block nesting.
 * Deadlines are sized for a two-core machine at load 20 (each case takes well under a tenth of it here).
 */
import { describe, expect, it } from '@jest/globals';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { secondReading } from '../../shared/yaml/second-reader.js';
import { githubFacts } from '../workflow/differential.js';

const HEAD = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: a/b@v1\n';
const timed = <T>(f: () => T): { value: T; ms: number } => {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
};

describe('s36-y bombs: bounded time, a clear answer', () => {
  it('100,000 keys in one mapping on the reference path: read in linear time, not quadratic', () => {
    // `&w` sends the document to the reference path and the second reading.
    const keys = Array.from({ length: 100_000 }, (_, i) => `          k${i}: v`).join('\n');
    const text = `${HEAD}        with: &w\n${keys}\n`;
    // The invariant the case needs: the fast path gives the document back (its parses are `unshared`).
    expect(parseLocatedYaml(text).unshared).toBeUndefined();
    const { value: model, ms } = timed(() => parseWorkflow('x.yml', 'x.yml', text));
    expect(model.error).toBeUndefined();
    expect(Object.keys(model.jobs[0]!.steps[0]!.with ?? {})).toHaveLength(100_000);
    expect(ms).toBeLessThan(90_000);
  }, 120_000);

  it("keys equal by name (`1:` and `'1':`): refused by the second reading and by GitHub, never “GitHub reads it”", () => {
    const text = `${HEAD}        with:\n          1: a\n          '1': b\n`;
    expect(githubFacts('x.yml', text).valid).toBe(false);
    expect(secondReading(text)).toEqual({ error: { message: 'Map keys must be unique', line: 9 } });
    const model = parseWorkflow('x.yml', 'x.yml', text);
    expect(model.error).toEqual({ message: 'YAML syntax error: duplicated mapping key', line: 9 });
  });

  it.each([
    ['a 10 MB scalar', `${HEAD}      - run: ${'x'.repeat(10 * 2 ** 20)}\n`, /^$/, 0],
    [
      'a 10 MB scalar, then a tag before a first key',
      `${HEAD}      - run: ${'x'.repeat(10 * 2 ** 20)}\npermissions:\n  !!str contents: read\n`,
      /GitHub's YAML reader accepts it/,
      9,
    ],
    [
      'an alias bomb (9 levels of 9) and a local tag',
      [
        'x0: &a0 [x, x, x, x, x, x, x, x, x]',
        ...Array.from(
          { length: 9 },
          (_, i) => `x${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(', ')}]`,
        ),
        HEAD + '      - run: !t y',
      ].join('\n'),
      /GitHub's YAML reader accepts it/,
      17,
    ],
    [
      '100,000-deep flow nesting',
      `${HEAD}      - run: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      /nested too deeply/,
      7,
    ],
    [
      '5,000-deep block nesting',
      HEAD + Array.from({ length: 5000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' v\n',
      /nested too deeply/,
      5006,
    ],
  ] as const)(
    '%s',
    (_name, text, message, line) => {
      const { value: model, ms } = timed(() => parseWorkflow('x.yml', 'x.yml', text));
      if (line === 0) expect(model.error).toBeUndefined();
      else expect(model.error).toEqual({ message: expect.stringMatching(message), line });
      expect(ms).toBeLessThan(60_000);
    },
    120_000,
  );
});
