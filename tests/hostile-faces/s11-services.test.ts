/**
 * Session 11: code that reaches the gate's files before the gate runs.
 *
 * The runner starts the job's `services:` (and waits for their health checks) in "Initialize
 * containers", after "Set up job" has downloaded the gate into `_work/_actions` on the runner's host
 * and before the first step. A service's image runs its own code; with `volumes:` (host paths such
 * as `/home/runner/work` or `/var/run/docker.sock`) or `options:` that reach the host (`-v`,
 * `--mount`, `--volumes-from`, `--privileged`, `--cap-add`, `--device`, `--pid`, …) it rewrites the
 * gate's bundle or the event payload it reads, while the gate stays first and in enforce mode. The
 * check passed such a job and the diff said "No access changes".
 *
 * A job container's `--health-cmd` runs the workflow's command inside the container that runs the
 * gate, from start-up (docker runs health checks however the entrypoint is set), with the gate's
 * files mounted under `/__w`: session 10 counted it harmless.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { findingsOf, wf } from '../support/repo.js';

const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
const job = (extra: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${extra}    steps:\n      - uses: ${GATE}\n      - run: make release\n`;
const MANIFEST = `version: 1
policy: { require-enforce: true }
workflows:
  release.yml:
    jobs:
      release:
        permissions: { contents: write }
`;
const check = (text: string) => findingsOf('missing-enforce', { 'release.yml': text }, MANIFEST);
const gateRows = (base: string, head: string) =>
  diffSnapshots(snapshot([wf('release.yml', base)]), snapshot([wf('release.yml', head)])).filter(
    (c) => c.subject === 'actions/enforce gate',
  );
const service = (body: string) => `    services:\n      helper:\n${body}`;

describe("a service that reaches the runner's host disarms the gate", () => {
  it.each([
    ['volumes', service("        image: evil/img:1\n        volumes: ['/home/runner/work:/w']\n"), /volumes/],
    [
      'the docker socket',
      service(
        '        image: evil/img:1\n        volumes:\n          - /var/run/docker.sock:/var/run/docker.sock\n',
      ),
      /volumes/,
    ],
    ['-v in options', service('        image: evil/img:1\n        options: -v /home/runner/work:/w\n'), /-v/],
    [
      '--mount',
      service('        image: e/i:1\n        options: --mount type=bind,src=/,dst=/h\n'),
      /--mount/,
    ],
    ['--privileged', service('        image: e/i:1\n        options: --privileged\n'), /--privileged/],
    ['--cap-add', service('        image: e/i:1\n        options: --cap-add=SYS_ADMIN\n'), /--cap-add/],
    ['--pid host', service('        image: e/i:1\n        options: --pid host\n'), /--pid/],
    ['--device', service('        image: e/i:1\n        options: --device /dev/sda\n'), /--device/],
    [
      '--volumes-from',
      service('        image: e/i:1\n        options: --volumes-from x\n'),
      /--volumes-from/,
    ],
    ['an unknown option', service('        image: e/i:1\n        options: --frobnicate 1\n'), /--frobnicate/],
    [
      'options from an expression',
      service('        image: e/i:1\n        options: ${{ vars.O }}\n'),
      /run time/,
    ],
    [
      'a service from an expression',
      service('        ${{ fromJSON(vars.S) }}\n').replace('helper:\n        ', 'helper: '),
      /run time/,
    ],
    ['services from an expression', '    services: ${{ fromJSON(vars.S) }}\n', /run time/],
  ])('%s: the check reports the gate disarmed; the diff reads it so', (_n, extra, why) => {
    const head = job(extra);
    const f = check(head);
    expect(f.map((x) => x.subject)).toEqual(['env']);
    expect(f[0]!.message).toMatch(why);
    expect(f[0]!.message).toMatch(/service/);
    const rows = gateRows(job(service('        image: postgres:16\n')), head);
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
    expect(failsOnWidened(rows)).toBe(true);
  });

  it.each([
    ['an image name', '      helper: postgres:16\n'],
    ['a matrix image', '      helper: ${{ matrix.db }}\n'],
    [
      'health checks, ports, env, network',
      '      helper:\n        image: postgres:16\n        ports: [5432]\n        env: { NODE_OPTIONS: x }\n        options: --health-cmd "pg_isready -U postgres" --health-interval 10s -e X=1 --network-alias db --entrypoint /x\n',
    ],
  ])('a service with %s reaches nothing of the host: the gate stays armed', (_n, svc) => {
    const text = job(`    strategy:\n      matrix:\n        db: [postgres:16]\n    services:\n${svc}`);
    expect(check(text)).toEqual([]);
  });
});

describe("the job container's health check runs beside the gate", () => {
  it('--health-cmd disarms the gate in both faces', () => {
    const head = job(
      '    container:\n      image: node:20\n      options: --health-cmd "sed -i s/x/y/ /__w/_actions/a.js" --health-start-interval 100ms\n',
    );
    const f = check(head);
    expect(f.map((x) => x.subject)).toEqual(['env']);
    expect(f[0]!.message).toMatch(/--health-cmd runs/);
    const rows = gateRows(job('    container: { image: node:20 }\n'), head);
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
  });
});
