/**
 * Session 31 (w-rfaces): can a workflow hold more than its manifest grants while `stepwarden check`
 * passes? GitHub's own parser (`@actions/workflow-parser`) is the oracle for what the job holds; the
 * check runs through its real entry point (`main`, in process). The forms are the ones the earlier
 * hostile suites (tests/hostile-faces oracle and s28, tests/yaml) did not generate: permission keys
 * and levels in other cases (`Contents: write`, `contents: WRITE`), keys written with `\x` / `\U`
 * escapes, `!!str`, `!<tag:yaml.org,2002:str>` and `%TAG`-declared tags, explicit `? key` entries,
 * `on` / `jobs` quoted or escaped, `id-token: write` under a reusable-workflow call, line ends mixed
 * (LF, CR LF, and a lone CR, NEL or LS inside a comment, which GitHub's `yaml` reads as comment text
 * and stepwarden's readers as a line break), and lines of several thousand characters.
 *
 * The property: for every generated file GitHub accepts, when job `a` holds anything beyond the
 * manifest's `contents: read` in GitHub's reading, the check exits 1 naming an error; when it holds
 * nothing beyond, the check reports no `excess-permission` (the oracle's reading, not a guess). Run with
 * several seeds, one of them new on every run (CI's seeds are not fixed): a failure prints its seed.
 * Held at 454b932.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';
import { githubFacts } from '../workflow/differential.js';

const work = mkdtempSync(join(tmpdir(), 'sw-s31-f-check-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MANIFEST = `version: 1
policy: { require-pinned-actions: false }
workflows:
  ci.yml:
    jobs:
      a:
        permissions: { contents: read }
`;

let n = 0;
async function check(text: string) {
  const dir = join(work, `r${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), MANIFEST);
  writeFileSync(join(dir, '.github/workflows/ci.yml'), text);
  const r = await cli(['check', dir, '--format', 'json']);
  rmSync(dir, { recursive: true, force: true });
  // Never a stack trace, never a crash: 0 (within the manifest) or 1 (findings).
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
  expect([0, 1]).toContain(r.code);
  const findings = (JSON.parse(r.stdout) as { findings: { rule: string; severity: string; line: number }[] })
    .findings;
  return { code: r.code, findings };
}

/**
 * What job `a` holds beyond `contents: read` in GitHub's reading of its permissions (`-` absent:
 * the workflow's block, else the repository default, permissive in a manifest that says nothing).
 */
function beyond(jobPerm: string, wfPerm: string): boolean {
  const eff = jobPerm !== '-' ? jobPerm : wfPerm;
  if (eff === '-' || eff === 'read-all' || eff === 'write-all') return true;
  if (eff === '') return false;
  return eff.split(',').some((kv) => {
    const [k, v] = kv.split('=') as [string, string];
    return k === 'contents' ? v === 'write' : v !== 'none';
  });
}

// ---- the generator ------------------------------------------------------------------------------

const SCOPES = ['contents', 'actions', 'id-token', 'packages', 'pull-requests'];
const LEVELS: Record<string, string[]> = {
  contents: ['read', 'write', 'none'],
  'id-token': ['write', 'none'],
  actions: ['read', 'write', 'none'],
  packages: ['read', 'none'],
  'pull-requests': ['read', 'write', 'none'],
};

/** A key (or value) in one of many spellings: most GitHub reads as the word, some it refuses. */
const spell = (w: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    w,
    w,
    `"${w}"`,
    `'${w}'`,
    `!!str ${w}`,
    `!<tag:yaml.org,2002:str> ${w}`,
    `"\\x${w.charCodeAt(0).toString(16)}${w.slice(1)}"`,
    `"\\U${w.charCodeAt(0).toString(16).padStart(8, '0')}${w.slice(1)}"`,
    w[0]!.toUpperCase() + w.slice(1), // GitHub refuses: keys and levels are case-sensitive
    w.toUpperCase(),
  );

interface Block {
  lines: readonly string[]; // at indent 0, to be indented under the `permissions:` key
  inline?: string; // `permissions: <inline>` when set
}
const block: fc.Arbitrary<Block> = fc.oneof(
  fc
    .tuple(fc.constantFrom('read-all', 'write-all'), fc.boolean())
    .chain(([w, tagged]) => (tagged ? spell(w) : fc.constant(w)))
    .map((inline) => ({ lines: [], inline })),
  fc.constant({ lines: [], inline: '{}' }),
  fc
    .uniqueArray(fc.constantFrom(...SCOPES), { minLength: 1, maxLength: 3 })
    .chain((scopes) =>
      fc.tuple(
        ...scopes.map((k) =>
          fc.tuple(spell(k), fc.constantFrom(...LEVELS[k]!).chain(spell), fc.nat({ max: 3 })),
        ),
      ),
    )
    .chain((entries) =>
      fc.boolean().map((flow) =>
        flow && entries.every(([, , form]) => form !== 3)
          ? { lines: [], inline: `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(', ')} }` }
          : {
              lines: entries.flatMap(([k, v, form]) =>
                form === 3 ? [`? ${k}`, `: ${v}`] : form === 2 ? [`${k}:   ${v}  # why`] : [`${k}: ${v}`],
              ),
            },
      ),
    ),
);

/** A comment line, sometimes holding a character only one of the two readers breaks lines at. */
const comment = fc
  .tuple(fc.constantFrom('', '\r', '\u0085', '\u2028', '\r\n'), fc.constantFrom('', 'permissions: write-all'))
  .map(([brk, tail]) => `# note${brk}${tail}`);

const doc = fc.record({
  onKey: fc.constantFrom('on', '"on"', "'on'", '"\\x6Fn"', 'On'),
  jobsKey: fc.constantFrom('jobs', '"jobs"', "'jobs'", '!!str jobs', 'Jobs'),
  wf: fc.option(block, { nil: undefined }),
  job: fc.option(block, { nil: undefined }),
  call: fc.boolean(), // a reusable-workflow call instead of steps
  comments: fc.array(fc.tuple(fc.nat({ max: 12 }), comment), { maxLength: 2 }),
  longLine: fc.option(fc.integer({ min: 2000, max: 9000 }), { nil: undefined }),
  crlf: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
});

type Doc = typeof doc extends fc.Arbitrary<infer T> ? T : never;

function render(d: Doc): string {
  const perm = (b: Block | undefined, pad: string): string[] =>
    !b
      ? []
      : b.inline !== undefined
        ? [`${pad}permissions: ${b.inline}`]
        : [`${pad}permissions:`, ...b.lines.map((l) => `${pad}  ${l}`)];
  const lines = [
    `${d.onKey}: push`,
    ...perm(d.wf, ''),
    `${d.jobsKey}:`,
    '  a:',
    ...perm(d.job, '    '),
    ...(d.call
      ? ['    uses: o/r/.github/workflows/x.yml@0123456789abcdef0123456789abcdef01234567']
      : [
          '    runs-on: ubuntu-latest',
          '    steps:',
          `      - run: echo ${d.longLine ? 'x'.repeat(d.longLine) : 'hi'}`,
        ]),
  ];
  for (const [at, c] of d.comments) {
    const i = Math.min(at, lines.length);
    // A comment at the indentation of the line it precedes (or of the job's keys at the end).
    const pad = /^ */.exec(lines[i] ?? '    ')![0];
    lines.splice(i, 0, pad + c);
  }
  return lines.map((l, i) => l + (d.crlf[i % d.crlf.length] ? '\r\n' : '\n')).join('');
}

// ---- the tests ----------------------------------------------------------------------------------

describe('check vs GitHub: a job never holds more than the manifest grants while the check passes (s31)', () => {
  it.each([
    ['`Contents: write` (GitHub refuses the key)', 'permissions:\n      Contents: write'],
    ['`contents:  WRITE` (GitHub refuses the level)', 'permissions:\n      contents:  WRITE'],
    [
      '`"per\\x6Dissions": write-all` (an escaped key GitHub reads as permissions)',
      '"per\\x6Dissions": write-all',
    ],
    ['`permissions: !!map { contents: write }`', 'permissions: !!map { contents: write }'],
    ['`permissions: !<tag:yaml.org,2002:str> write-all`', 'permissions: !<tag:yaml.org,2002:str> write-all'],
    ['`permissions: !custom write-all` (a tag GitHub drops)', 'permissions: !custom write-all'],
    ['a lone CR in a comment before `permissions: write-all`', '# note\r    permissions: write-all'],
    ['a NEL in a comment before `permissions: write-all`', '# note\u0085    permissions: write-all'],
    [
      '`<<: *p` merging `contents: write` into permissions',
      'permissions:\n      <<: *p',
      'x: &p\n  contents: write\n',
    ],
  ])('%s: never a pass', async (_what, perms, head = '') => {
    const text = `on: push\n${head}jobs:\n  a:\n    runs-on: ubuntu-latest\n    ${perms}\n    steps:\n      - run: echo\n`;
    const gh = githubFacts('ci.yml', text);
    const r = await check(text);
    if (gh.valid) expect(beyond(gh.jobs.a!.permissions, gh.permissions)).toBe(true);
    expect(r.code).toBe(1);
    expect(r.findings.filter((f) => f.severity === 'error').length).toBeGreaterThan(0);
  });

  it('`id-token: write` on a reusable-workflow call is held against the manifest', async () => {
    const text =
      'on: push\njobs:\n  a:\n    permissions: { contents: read, id-token: write }\n    uses: o/r/.github/workflows/x.yml@0123456789abcdef0123456789abcdef01234567\n';
    expect(githubFacts('ci.yml', text).valid).toBe(true);
    const r = await check(text);
    expect(r.code).toBe(1);
    expect(r.findings).toContainEqual(expect.objectContaining({ rule: 'excess-permission', line: 4 }));
  });

  it('the generator writes files GitHub accepts and files it refuses (the property is not vacuous)', () => {
    const sample = fc.sample(doc, { numRuns: 300, seed: 31 }).map((d) => githubFacts('ci.yml', render(d)));
    const valid = sample.filter((f) => f.valid);
    expect(valid.length).toBeGreaterThan(60);
    expect(sample.length - valid.length).toBeGreaterThan(30);
    // Both outcomes of the oracle among the accepted ones.
    const held = valid.map((f) => beyond(f.jobs.a?.permissions ?? '-', f.permissions));
    expect(held.filter(Boolean).length).toBeGreaterThan(10);
    expect(held.filter((b) => !b).length).toBeGreaterThan(5);
  });

  it('property: GitHub reads more than `contents: read` ⇒ the check fails; nothing more ⇒ no excess-permission (several seeds)', async () => {
    for (const seed of [31, 3131, 6_120_031, Date.now() % 1_000_000]) {
      await fc.assert(
        fc.asyncProperty(doc, async (d) => {
          const text = render(d);
          const gh = githubFacts('ci.yml', text);
          if (!gh.valid || !gh.jobs.a) return;
          const r = await check(text);
          if (beyond(gh.jobs.a.permissions, gh.permissions)) {
            expect(r.code).toBe(1);
            expect(r.findings.some((f) => f.severity === 'error')).toBe(true);
          } else expect(r.findings.filter((f) => f.rule === 'excess-permission')).toEqual([]);
        }),
        { seed, numRuns: 120 },
      );
    }
  }, 240_000);
});
