/**
 * A repository whose one job (`build` of ci.yml, `contents: read`, granted so by its manifest) runs the
 * local action `./.github/actions/tool`, written with the text a test gives: the fixture of the suites
 * that hold the faces to what the runner does with a local composite action (sessions 42, 43). Each
 * directory is made below the run's temp dir; `cleanup` removes them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { y } from './repo.js';

export const ACTION_REPO_MANIFEST = y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  policy:
    allowed-actions: ["actions/*"]
  workflows:
    ci.yml:
      triggers: [push]
      jobs:
        build:
          permissions: { contents: read }
`;
export const ACTION_REPO_WORKFLOW = y`
  on: push
  jobs:
    build:
      permissions: { contents: read }
      runs-on: ubuntu-latest
      steps:
        - uses: ./.github/actions/tool
`;

export function actionRepos(prefix: string): { repo: (actionText: string) => string; cleanup: () => void } {
  const roots: string[] = [];
  return {
    repo: (actionText) => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      roots.push(dir);
      for (const [p, text] of Object.entries({
        '.github/access-manifest.yml': ACTION_REPO_MANIFEST,
        '.github/workflows/ci.yml': ACTION_REPO_WORKFLOW,
        '.github/actions/tool/action.yml': actionText,
      })) {
        mkdirSync(dirname(join(dir, p)), { recursive: true });
        writeFileSync(join(dir, p), text);
      }
      return dir;
    },
    cleanup: () => {
      for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
    },
  };
}
