/**
 * Values from hostile workflow and manifest files printed where a runner reads them: stdout and
 * stderr of `run: stepwarden check` (the runner log, where a line starting with `::` is a workflow
 * command), `--format github` annotations, the enforce verdict (`core.info`), and the markdown of job
 * summaries and the access-diff comment.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enforceJob, renderVerdict } from '../../shared/enforce/verdict.js';
import { escapeMarkdown, oneLine } from '../../shared/render/escape.js';
import { cli } from '../support/cli.js';
import { manifest, wf } from '../support/repo.js';

const work = mkdtempSync(join(tmpdir(), 'sw-hostile-out-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function repo(files: Record<string, string>, manifestText: string): string {
  const dir = join(work, `r${n++}`);
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  writeFileSync(join(dir, '.github/access-manifest.yml'), manifestText);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, '.github/workflows', name), text);
  return dir;
}

/** Every line a runner would read as a workflow command. */
const commands = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('::'));

// A job id, a step id, a `uses:` value and a file name, each carrying line breaks and commands.
const EVIL_JOB = 'a\\n::error file=x.yml,line=1::pwned\\r::add-mask::x\\u2028::stop-commands::t';
const WORKFLOW = `on: push
jobs:
  "${EVIL_JOB}":
    runs-on: x
    permissions: write-all
    steps:
      - id: "s\\n::warning::step"
        uses: "evil/x@v1\\n::notice::uses %0A::error::encoded"
`;
const FILE = 'ci\n::error::file.yml';
// Since session 25 a job id GitHub refuses (a line break is no id character) makes its file
// invalid-workflow, and since session 26 a step id too: the hostile job id and step id are shown in
// those findings, and the hostile `uses:` is judged in a job and step GitHub runs (`a`, `s`) of the
// hostile file name.
const EVIL_STEP_ID = '"s\\n::warning::step"';
const RUNS = WORKFLOW.replace(`"${EVIL_JOB}"`, 'a').replace(EVIL_STEP_ID, 's');
const STEP = WORKFLOW.replace(`"${EVIL_JOB}"`, 'a');
const FILES = { [FILE]: RUNS, 'job.yml': WORKFLOW, 'step.yml': STEP };
const MANIFEST = 'version: 1\npolicy: { allowed-actions: ["actions/*"] }\n';

describe('the runner log cannot be given workflow commands (weakness fixed in session 5)', () => {
  it('text output: every finding is one line, however the job, step, uses and file are named', async () => {
    const r = await cli(['check', repo(FILES, MANIFEST)]);
    expect(r.code).toBe(1);
    expect(commands(r.stdout + r.stderr)).toEqual([]);
    // The values are still there, visibly escaped: an on-call engineer can see what was written.
    expect(r.stdout).toContain('ci\\n::error::file.yml');
    expect(r.stdout).toContain(
      "job id 'a\\n::error file=x.yml,line=1::pwned\\r::add-mask::x\\u2028::stop-commands::t'",
    );
    expect(r.stdout).toMatch(/unpinned-action +'evil\/x@v1\\n::notice::uses %0A::error::encoded'/);
    expect(r.stdout).toContain("the id 's\\n::warning::step' of step 1 of job 'a' is invalid");
  });

  it('github format: only our own annotations, with data and properties encoded as the toolkit does', async () => {
    const r = await cli(['check', repo(FILES, MANIFEST), '--format', 'github']);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) title=stepwarden[^\n]*::/);
    expect(r.stdout).toContain('file=.github/workflows/ci%0A%3A%3Aerror%3A%3Afile.yml');
    expect(r.stdout).toContain('%250A'); // a literal `%0A` in a value stays literal
    expect(r.stdout).not.toMatch(/\r/);
  });

  it('an invalid manifest: stderr names each problem on one line', async () => {
    const evil = 'version: 1\n"x\\n::error::manifest-key\\r::add-mask::y": 1\n';
    const r = await cli([
      'check',
      repo({ 'ci.yml': 'on: push\njobs:\n  a:\n    steps: [{run: x}]\n    runs-on: ubuntu-latest\n' }, evil),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /access-manifest\.yml:2: unknown key 'x\\n::error::manifest-key\\r::add-mask::y'/,
    );
    expect(commands(r.stderr)).toEqual([]);
  });

  it('the enforce verdict (printed with core.info) is one line per problem', () => {
    const text = WORKFLOW.replace('"evil/x@v1', '"actions/x@v1');
    const verdict = enforceJob({
      workflows: [wf(FILE, text)],
      manifest: manifest(MANIFEST),
      workflow: FILE,
      job: JSON.parse(`"${EVIL_JOB}"`) as string,
      event: 'push\n::error::event',
    });
    expect(verdict.allowed).toBe(false);
    const out = renderVerdict(verdict, { manifest: '.github/access-manifest.yml' });
    expect(commands(out)).toEqual([]);
    expect(out.split('\n')[0]).toMatch(
      /^stepwarden enforce: job 'a\\n::error file=x\.yml.*' of ci\\n::error::file\.yml on 'push\\n::error::event'/,
    );
  });

  it('oneLine escapes every C0/C1 control, DEL, LS and PS, and nothing else', () => {
    const all = Array.from({ length: 0x250 }, (_, i) => String.fromCharCode(i)).join('') + '\u2028\u2029ü€';
    const out = oneLine(all);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(out).toContain(' !"#$%&');
    expect(out).toContain('\\n');
    expect(out).toContain('\\u2028');
    expect(out.endsWith('\\u2029ü€')).toBe(true);
  });
});

describe('bidirectional controls are written out (Trojan Source)', () => {
  it('in markdown (summaries, the diff comment) and in log lines', async () => {
    const rlo = 'deploy\u202e\u2066x\u2069';
    expect(escapeMarkdown(rlo)).toBe('deploy\\u202e\\u2066x\\u2069');
    expect(oneLine(rlo)).toBe('deploy\\u202e\\u2066x\\u2069');
    const text = `on: push\njobs:\n  "a\\u202eetirw":\n    runs-on: x\n    permissions: write-all\n    steps: [{run: x}]\n`;
    for (const format of ['text', 'markdown']) {
      const r = await cli(['check', repo({ 'ci.yml': text }, MANIFEST), '--format', format]);
      expect([format, r.stdout]).toEqual([format, expect.not.stringMatching(/[\u202a-\u202e\u2066-\u2069]/)]);
      expect(r.stdout).toContain('a\\u202eetirw');
    }
  });
});

describe('markdown faces render hostile names inert', () => {
  const hostile = 'x</details><!-- @octocat `y` [l](https://evil) | z\n## h';
  const text = `on: push\njobs:\n  b:\n    name: "${hostile.replace('\n', '\\n')}"\n    runs-on: x\n    permissions: write-all\n    steps:\n      - uses: "o/r@v1 </details><!--"\n`;

  it('check --format markdown (the job summary)', async () => {
    const r = await cli(['check', repo({ 'w<!--x>.yml': text }, MANIFEST), '--format', 'markdown']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/<\/details><!--|<!-- @|@octocat|\]\(https:\/\/evil\)/);
    expect(r.stdout).toContain('&lt;/details&gt;');
  });
});

describe('init prints what it skipped and what is missing on one line each', () => {
  it('a broken file named with a line break, a job and step named with commands', async () => {
    const dir = join(work, `init${n++}`);
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    writeFileSync(join(dir, '.github/workflows/bad\n::error::skipped.yml'), 'on: push\njobs:\n  b: [\n');
    writeFileSync(join(dir, '.github/workflows/job.yml'), WORKFLOW);
    writeFileSync(
      join(dir, '.github/workflows/ci.yml'),
      'on: push\njobs:\n  j:\n    runs-on: x\n    permissions: {id-token: write}\n    steps:\n      - id: s\n        uses: ./actions/run\n        with: {audience: "ftp\\n::error::aud", scope: "contents:read"}\n',
    );
    // A step id GitHub refuses (session 26): the file is skipped, its id shown escaped.
    writeFileSync(join(dir, '.github/workflows/step.yml'), STEP);
    const r = await cli(['init', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/skipped \.github\/workflows\/bad\\n::error::skipped\.yml: YAML syntax error/);
    expect(r.stdout).toMatch(/ci\.yml job 'j' .*audience 'ftp\\n::error::aud'/);
    expect(r.stdout).toMatch(/skipped \.github\/workflows\/job\.yml: .*the job id 'a\\n::error file=x\.yml/);
    expect(r.stdout).toMatch(
      /skipped \.github\/workflows\/step\.yml: .*the id 's\\n::warning::step' of step 1/,
    );
    expect(commands(r.stdout + r.stderr)).toEqual([]);
  });
});
