/**
 * Session 36, attack 3: refusals of documents GitHub's reader accepts. js-yaml (the reference path)
 * refuses a tag or an anchor before a block mapping's first key, a local tag and a `!` before a flow
 * indicator; the `yaml` package, which GitHub's parser reads with, accepts them and GitHub runs the
 * workflow (each case is held to `@actions/workflow-parser` here, not assumed). At 4810aaa the check
 * called each "YAML syntax error: bad indentation of a mapping entry" (or "unknown tag"), a valid
 * workflow called invalid with no word of why. Now the refusal says it is stepwarden's own reader's,
 * with js-yaml's reason, the line and the fix. An alias to no anchor stays a syntax error: GitHub's
 * parser refuses it too, though the `yaml` package reports no error for it (second-reader.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { secondReading } from '../../shared/yaml/second-reader.js';
import { githubFacts } from '../workflow/differential.js';

const W = (perm: string, step = 'run: y') =>
  `on: push\n${perm}jobs:\n  a:\n    runs-on: x\n    steps:\n      - ${step}\n`;

const ACCEPTED_BY_GITHUB: [string, string, number][] = [
  ['a tag on a block mapping’s first key', W('permissions:\n  !!str contents: read\n'), 3],
  ['an anchor on a block mapping’s first key', W('permissions:\n  &k contents: read\n'), 3],
  ['a local tag on a step’s value', W('', 'run: !foo x'), 6],
  ['a `!` before a flow indicator', W('', 'run: x\n        env: {A: !}'), 7],
];

describe('s36-y refusals: a workflow GitHub runs is refused only with stepwarden’s own reason', () => {
  it.each(ACCEPTED_BY_GITHUB)('%s', (_name, text, line) => {
    expect(githubFacts('x.yml', text).valid).toBe(true);
    const model = parseWorkflow('x.yml', 'x.yml', text);
    expect(model.error).toEqual({
      message: expect.stringMatching(
        /^YAML stepwarden cannot read as GitHub does: js-yaml, stepwarden's YAML reader, refuses this document \(.+\) though GitHub's YAML reader accepts it; write this line plainly/,
      ),
      line,
    });
    expect(parseLocatedYaml(text).error?.kind).toBe('ambiguous');
  });

  it('an alias to no anchor: GitHub refuses, and so does the second reading (never “GitHub accepts it”)', () => {
    const text = W('', 'run: *nowhere');
    expect(githubFacts('x.yml', text).valid).toBe(false);
    expect(secondReading(text)).toEqual({ error: { message: 'an alias names no anchor', line: 6 } });
    const model = parseWorkflow('x.yml', 'x.yml', text);
    expect(model.error?.message).toMatch(/^YAML syntax error: unidentified alias/);
    expect(model.error?.line).toBe(6);
  });

  it('the same constructs where js-yaml reads them are read, not refused', () => {
    // An anchor on its own line before the first key, a core tag on a mapping, a tag on an explicit key.
    for (const text of [
      W('permissions:\n  &k\n  contents: read\n'),
      W('permissions: !!map\n  contents: read\n'),
      W('permissions:\n  ? !!str contents\n  : read\n'),
    ]) {
      expect(githubFacts('x.yml', text).valid).toBe(true);
      const model = parseWorkflow('x.yml', 'x.yml', text);
      expect(model.error).toBeUndefined();
      expect(model.permissions?.entries).toEqual([
        expect.objectContaining({ scope: 'contents', level: 'read' }),
      ]);
    }
  });
});
