/**
 * Session 39 (w-rfaces): what the check says about a value its explicit core tag does not allow
 * (`runs-on: !!bool test`, `!!int 1.5`, `!!float x`). GitHub's parser testdata
 * (actions/languageservices workflow-parser/testdata/reader/errors-parse-{boolean,integer,float}.yml,
 * skipped by the TypeScript port) expects GitHub to refuse the file: "The value 'test' on line 4 and
 * column 14 is invalid for the type 'tag:yaml.org,2002:bool'". The check refused it too, but its message
 * told the reader "js-yaml ... refuses this document ... though GitHub's YAML reader accepts it" (seen at
 * 2cf5a8f: each case failed on `not.toContain('accepts it')`): a false statement about what GitHub does,
 * which sends a maintainer to rewrite a line GitHub itself refuses. Now a YAML syntax error, as GitHub's.
 */
import { describe, expect, it } from '@jest/globals';
import { parseWorkflow } from '../../shared/workflow/parse.js';

const file = (value: string) => `on: push\njobs:\n  j:\n    runs-on: ${value}\n    steps:\n      - run: x\n`;

describe('a value its explicit core tag does not allow (session 39)', () => {
  for (const value of ['!!bool test', '!!int 1.5', '!!float x'])
    it(`${value}: refused as GitHub refuses it, at its line, without saying GitHub accepts it`, () => {
      const m = parseWorkflow('ci.yml', '.github/workflows/ci.yml', file(value));
      expect(m.error?.line).toBe(4);
      expect(m.error?.message).toMatch(/^YAML syntax error: /);
      expect(m.error?.message).not.toContain('accepts it');
    });

  it("a value the tag allows is read as before; a construct only js-yaml refuses keeps stepwarden's own wording", () => {
    expect(parseWorkflow('ci.yml', 'ci.yml', file('!!bool true')).error).toBeUndefined();
    const local = parseWorkflow(
      'ci.yml',
      'ci.yml',
      'on: push\njobs:\n  j:\n    runs-on: !x lbl\n    steps:\n      - run: x\n',
    );
    expect(local.error?.message ?? '').toMatch(/though GitHub's YAML reader accepts it/);
  });
});
