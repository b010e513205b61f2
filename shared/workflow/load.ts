/** I/O edge: workflow files from a directory. Parsing stays in parse.ts. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { WorkflowModel } from './model.js';
import { parseWorkflow } from './parse.js';

export const WORKFLOWS_DIR = '.github/workflows';

/** GitHub reads only `.yml` and `.yaml` files in `.github/workflows`. */
export function isWorkflowFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** Parses files already in memory (e.g. read from git objects by the diff). */
export function parseWorkflows(files: readonly { path: string; text: string }[]): WorkflowModel[] {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => parseWorkflow(basename(f.path), f.path, f.text));
}

/** Reads `.github/workflows/*.yml|yaml` below `repoDir`, sorted; an unreadable file becomes an error model. */
export async function loadWorkflowsFromDir(repoDir: string): Promise<WorkflowModel[]> {
  const dir = join(repoDir, WORKFLOWS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).filter(isWorkflowFileName).sort();
  } catch {
    return [];
  }
  return Promise.all(
    names.map(async (name) => {
      const path = `${WORKFLOWS_DIR}/${name}`;
      try {
        return parseWorkflow(name, path, await readFile(join(dir, name), 'utf8'));
      } catch (err) {
        return {
          file: name,
          path,
          triggers: [],
          jobs: [],
          error: { message: `cannot read file: ${(err as Error).message}`, line: 1 },
        };
      }
    }),
  );
}
