/**
 * The bench repository: the 1,503 real-world workflows of ../shared/corpus/realworld-2021 as one
 * repository, with the manifest `stepwarden init` writes for it (pinning then required: a repository
 * that adopted stepwarden and tightened one thing). Shared by bench/check.ts and bench/check-output.ts.
 * BENCH_CORPUS_FILES=N takes the first N files (by name) only: tests/bench/smoke.test.ts's slice.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;
export const corpus = join(root, '../shared/corpus/realworld-2021');

/** Writes the bench repository into `repo` (the first `slice` files); returns the workflow file names. */
export async function makeCorpusRepo(
  repo: string,
  slice = process.env.BENCH_CORPUS_FILES ? Number(process.env.BENCH_CORPUS_FILES) : Infinity,
): Promise<string[]> {
  if (!existsSync(corpus)) {
    console.error(`corpus not found at ${corpus}`);
    process.exit(2);
  }
  const workflowsDir = join(repo, '.github/workflows');
  mkdirSync(workflowsDir, { recursive: true });
  const files = readdirSync(corpus)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .slice(0, slice);
  for (const f of files) cpSync(join(corpus, f), join(workflowsDir, f));
  const { readWorkflowsSafely } = await import('../shared/check/load.js');
  const { resolveAccess } = await import('../shared/workflow/access.js');
  const { renderInitManifest } = await import('../shared/manifest/init.js');
  const models = (await readWorkflowsSafely(repo)).filter((m) => !m.error);
  const text = renderInitManifest(resolveAccess(models, 'permissive'), models, {
    repositoryDefault: 'permissive',
    repository: { name: 'octo-org/corpus', id: 1, ownerId: 2 },
  });
  writeFileSync(
    join(repo, '.github/access-manifest.yml'),
    text.replace('require-pinned-actions: false', 'require-pinned-actions: true'),
  );
  return files;
}
