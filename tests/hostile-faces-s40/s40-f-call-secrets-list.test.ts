/**
 * Session 40 (w-rfaces): `secrets:` of a reusable-workflow call written as a list (`secrets: [inherit]`).
 * GitHub's reader refuses the file ("A sequence was not expected"); at 7813552 the check took it and
 * read the job as passing no secret (seen failing: `m.error` undefined). The scalars other than
 * `inherit` were refused already (parse.ts); a list is the other spelling a maintainer reaches
 * for. Refused now with GitHub's words at the line GitHub names (the value's).
 */
import { describe, expect, it } from '@jest/globals';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { githubConvertErrors } from '../support/github-convert.js';

const call = (secrets: string) =>
  `on: push\njobs:\n  call:\n    uses: o/r/.github/workflows/x.yml@0123456789012345678901234567890123456789\n    ${secrets}\n`;

describe('a call job whose `secrets:` is a list (session 40)', () => {
  for (const value of ['secrets: [inherit]', 'secrets: []', 'secrets:\n      - A'])
    it(`${JSON.stringify(value)}: refused as GitHub refuses it, at its line`, async () => {
      const text = call(value);
      const github = await githubConvertErrors(text);
      expect(github.join('\n')).toContain('A sequence was not expected');
      const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', text);
      // GitHub's line: the value's (a block list's first item, line 6, since session 41).
      expect(github.map((e) => Number(/Line: (\d+)/.exec(e)?.[1]))).toContain(m.error?.line);
      expect(m.error?.message).toContain('A sequence was not expected');
    });

  it('`inherit` and a mapping are read as before', async () => {
    for (const value of ['secrets: inherit', 'secrets:\n      A: ${{ secrets.A }}', 'secrets: {}']) {
      expect(await githubConvertErrors(call(value))).toEqual([]);
      expect(parseWorkflow('ci.yml', '.github/workflows/ci.yml', call(value)).error).toBeUndefined();
    }
  });
});
