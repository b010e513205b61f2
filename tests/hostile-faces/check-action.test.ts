/**
 * The required check as an action (root action.yml, through the runner harness) over a pull request
 * head built to abuse its outputs: file, job and step names carrying workflow commands, a `uses:`
 * hidden in a `parallel:` group and in a local composite action.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';

const work = mkdtempSync(join(tmpdir(), 'sw-hostile-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the root action over a hostile pull request head', () => {
  it('fails, annotates only with its own commands, and finds the hidden actions', async () => {
    const dir = join(work, 'head');
    mkdirSync(join(dir, '.github/workflows'), { recursive: true });
    mkdirSync(join(dir, '.github/actions/setup'), { recursive: true });
    writeFileSync(
      join(dir, '.github/access-manifest.yml'),
      'version: 1\npolicy: { allowed-actions: ["actions/*"] }\nworkflows:\n  x.yml:\n    jobs: {}\n',
    );
    writeFileSync(
      join(dir, '.github/workflows/ci\n::add-mask::ghs_x\n::stop-commands::end.yml'),
      `on: push\njobs:\n  a:\n    runs-on: x\n    permissions: {contents: read}\n    steps:\n      - parallel:\n          - uses: evil/in-group@main\n      - uses: ./.github/actions/setup\n`,
    );
    // A job id GitHub refuses makes its file invalid-workflow (session 25): the hostile id is shown
    // in that annotation, escaped, while the hidden actions are found in a job GitHub runs.
    writeFileSync(
      join(dir, '.github/workflows/job.yml'),
      `on: push\njobs:\n  "a\\n::error::forged":\n    runs-on: x\n    permissions: {contents: read}\n    steps: [{run: x}]\n`,
    );
    writeFileSync(
      join(dir, '.github/actions/setup/action.yml'),
      'runs:\n  using: composite\n  steps:\n    - uses: evil/in-composite@main\n',
    );
    const r = await runAction('.', {
      inputs: { path: dir },
      github: { workspace: dir },
      env: { GITHUB_WORKSPACE: dir },
    });
    expect(r.failed).toBe(true);
    const lines = r.steps.flatMap((s) => `${s.stdout}\n${s.stderr}`.split(/\r?\n|\r/));
    const commands = lines.filter((l) => l.trimStart().startsWith('::'));
    // Only annotations, the outputs' own commands: no mask, no stop-commands, no forged error.
    for (const c of commands)
      expect(c).toMatch(
        /^::(error|warning|notice) title=stepwarden |^::(set-output|debug)|^::error::stepwarden: \d+ error/,
      );
    expect(commands.join('\n')).not.toMatch(/^::(add-mask|stop-commands)|^::error::forged/m);
    const all = commands.join('\n');
    expect(all).toContain("'evil/in-group@main'");
    expect(all).toContain("the job id 'a%0A::error::forged' is invalid");
    expect(all).toContain(
      "'evil/in-composite@main' (a step of the local composite action .github/actions/setup/action.yml:4)",
    );
  }, 60000);
});
