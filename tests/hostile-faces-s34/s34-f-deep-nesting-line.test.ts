/**
 * Session 34 (w-rfaces): a file nested past the reader's stack is refused within bounds (since session
 * 5), but the refusal named line 1 whatever the line (located.ts syntaxError), so the check's finding,
 * the diff's "cannot judge" row and a local action's refusal pointed at the top of the file while the
 * nesting sat at line 7 or 2012. It now names the line of the deepest nesting (`deepestLine`). Every
 * positive case failed at 410fed0 (each said line 1).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseLocatedYaml } from '../../shared/yaml/located.js';
import { cli } from '../support/cli.js';

const MANIFEST =
  'version: 1\nworkflows:\n  ci.yml:\n    jobs:\n      build:\n        permissions: { contents: read }\n';
const PLAIN =
  'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/tool\n';
/** `env: X:` on line 7 holding 60,000 nested flow sequences. */
const FLOW_DEEP = `on: push\njobs:\n  build:\n    permissions: { contents: read }\n    runs-on: ubuntu-latest\n    env:\n      X: ${'['.repeat(60_000)}${']'.repeat(60_000)}\n    steps: [run: echo]\n`;
/**
 * 60,000 flow sequences opened one a line under `key:` (a flow collection may span lines): the deepest
 * is the last line that opens one, whatever the engine's stack holds (depth in bytes stays far below
 * the 4 MiB bound, as block nesting could not).
 */
const linesDeep = (head: string, key: string, indent: number) => {
  const pad = ' '.repeat(indent);
  const text = `${head}${pad}${key}: [\n${`${pad} [\n`.repeat(59_999)}${pad} ${']'.repeat(60_000)}\n`;
  return { text, last: text.split('\n').length - 2 };
};
const ACTION = 'name: tool\nruns:\n  using: composite\n  steps:\n    - run: echo\n      shell: bash\n';

const work = mkdtempSync(join(tmpdir(), 'sw-s34-deep-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const repo = (files: Record<string, string>) => {
  const dir = join(work, `r${n++}`);
  for (const [p, text] of Object.entries({ '.github/access-manifest.yml': MANIFEST, ...files })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
};
type Finding = { rule: string; line: number; message: string };
const findings = async (dir: string) =>
  (JSON.parse((await cli(['check', dir, '--format', 'json'])).stdout) as { findings: Finding[] }).findings;

describe('nesting past the reader’s stack names its line', () => {
  const block = linesDeep(
    'on: push\njobs:\n  build:\n    permissions: { contents: read }\n    runs-on: u\n    env:\n',
    'X',
    6,
  );

  it('the reader: the deepest line, on one line or over many', () => {
    expect(parseLocatedYaml(FLOW_DEEP).error?.line).toBe(7);
    expect(parseLocatedYaml(block.text).error).toMatchObject({ kind: 'syntax', line: block.last });
  });

  it.each([
    ['flow', FLOW_DEEP, 7],
    ['multi-line flow', block.text, block.last],
  ])('check: invalid-workflow at the %s nesting', async (_, text, line) => {
    const f = await findings(repo({ '.github/workflows/ci.yml': text }));
    expect(f.map((x) => [x.rule, x.line])).toEqual([['invalid-workflow', line]]);
    expect(f[0]!.message).toContain('nested too deeply');
  });

  it('diff: the cannot-judge row names the line', async () => {
    const base = repo({
      '.github/workflows/ci.yml': PLAIN.replace('      - uses: ./.github/actions/tool\n', '      - run: x\n'),
    });
    const head = repo({ '.github/workflows/ci.yml': FLOW_DEEP });
    const r = await cli(['diff', base, head, '--format', 'json', '--fail-on', 'widened']);
    expect(r.code).toBe(1);
    const rows = (JSON.parse(r.stdout) as { changes: { effect: string; line: number; file: string }[] })
      .changes;
    expect(rows).toContainEqual(
      expect.objectContaining({ effect: 'cannot-judge', file: '.github/workflows/ci.yml', line: 7 }),
    );
  });

  it('a local composite action: unreadable-local-action names the action line', async () => {
    const deep = linesDeep(ACTION, 'x', 0);
    const f = await findings(
      repo({ '.github/workflows/ci.yml': PLAIN, '.github/actions/tool/action.yml': deep.text }),
    );
    const e = f.find((x) => x.rule === 'unreadable-local-action');
    expect(e?.message).toContain(`(line ${deep.last})`);
  });
});
