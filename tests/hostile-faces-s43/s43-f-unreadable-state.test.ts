/**
 * Session 43 (w-rfaces): the access diff's verdict when a side cannot be read. At 0848e99d a directory
 * state whose `.github` or `.github/workflows` could not be read (EACCES) was read as "no workflows, no
 * manifest": the diff reported every job of the head removed ("narrowed"; exit 0 under `--fail-on
 * widened`) or, for the base, every job added, and the check passed a repository it never read ("0 jobs
 * checked"). Now only a path that is not there (ENOENT, ENOTDIR) is absent; any other error is thrown,
 * naming the path: the diff cannot judge (exit 2), the check stops (exit 2).
 *
 * Root reads through any mode, so as root the reads run with the effective uid of `nobody`
 * (`process.seteuid`, put back in `finally`); the directories are made in /tmp, open to that user.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readState } from '../../shared/diff/source.js';
import { checkDirectory, readWorkflowsSafely } from '../../shared/check/load.js';
import { diffStates } from '../../shared/diff/states.js';

const NOBODY = 65534;
const WORKFLOW =
  'on: push\njobs:\n  j:\n    runs-on: u\n    permissions: { contents: read }\n    steps:\n      - run: x\n';
const MANIFEST =
  'version: 1\nrepository: { name: o/r, id: 1, owner-id: 2 }\nworkflows:\n  ci.yml:\n    triggers: [push]\n    jobs:\n      j:\n        permissions: { contents: read }\n';

let root = '';
beforeAll(() => {
  root = mkdtempSync('/tmp/sw-s43-unreadable-');
  chmodSync(root, 0o755);
});
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

let n = 0;
function repo(): string {
  const dir = join(root, `r${n++}`);
  for (const [p, text] of Object.entries({
    '.github/access-manifest.yml': MANIFEST,
    '.github/workflows/ci.yml': WORKFLOW,
  })) {
    mkdirSync(dirname(join(dir, p)), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, p), text, { mode: 0o644 });
  }
  return dir;
}

/** `fn` with `path` made unreadable (mode 000), as a user that mode keeps out. */
async function unreadable<T>(path: string, fn: () => Promise<T>): Promise<T> {
  chmodSync(path, 0);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) process.seteuid!(NOBODY);
  try {
    return await fn();
  } finally {
    if (asRoot) process.seteuid!(0);
    chmodSync(path, 0o755);
  }
}
const outcome = <T>(p: Promise<T>) =>
  p.then(
    (v) => ({ ok: v }),
    (e: Error) => ({ error: e.message }),
  );

describe('a side of the diff that cannot be read is not read as empty (session 43)', () => {
  it('control: the same repository read whole', async () => {
    const dir = repo();
    const s = await readState(dir, root);
    expect(s.workflows.map((w) => w.file)).toEqual(['ci.yml']);
    expect(diffStates(s, await readState(repo(), root)).changes).toEqual([]);
  });

  it.each([['.github'], ['.github/workflows']])(
    '%s unreadable in the head: cannot judge, not every job removed',
    async (part) => {
      const base = await readState(repo(), root);
      const dir = repo();
      const r = await unreadable(join(dir, part), () => outcome(readState(dir, root)));
      expect(r).toEqual({
        error: expect.stringMatching(/^cannot read \.github\/(access-manifest\.yml|workflows): .*EACCES/),
      });
      // What 0848e99d made of it: a state with no workflows, which the diff calls narrowed.
      expect('ok' in r ? diffStates(base, r.ok).changes.map((c) => c.effect) : []).toEqual([]);
    },
  );

  it('.github/workflows unreadable: the check stops instead of passing "0 jobs"', async () => {
    const dir = repo();
    const r = await unreadable(join(dir, '.github/workflows'), () =>
      outcome(checkDirectory({ dir }).then((c) => c.findings.length)),
    );
    expect(r).toEqual({ error: expect.stringContaining('cannot read .github/workflows') });
    const w = await unreadable(join(dir, '.github/workflows'), () => outcome(readWorkflowsSafely(dir)));
    expect(w).toEqual({ error: expect.stringContaining('EACCES') });
  });

  it('what is not there is still absent: no .github, a file where .github/workflows would be', async () => {
    const none = join(root, `r${n++}`);
    mkdirSync(none, { mode: 0o755 });
    expect(await readWorkflowsSafely(none)).toEqual([]);
    const file = repo();
    rmSync(join(file, '.github/workflows'), { recursive: true });
    writeFileSync(join(file, '.github/workflows'), 'x');
    expect(await readWorkflowsSafely(file)).toEqual([]);
    expect((await readState(none, root)).workflows).toEqual([]);
  });
});
