/** Where the tests find real workflow files: the shared corpus beside the clone, and the fixtures. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** 1,503 real workflows, checked out as ../shared beside this repository (never skipped when missing). */
export const CORPUS_DIR = join(REPO_ROOT, '..', 'shared', 'corpus', 'realworld-2021');
export const FIXTURES_DIR = join(REPO_ROOT, 'tests', 'fixtures');

/** Every .yml/.yaml file under `dir`, recursively. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(f) ? [p] : [];
  });
}
