/**
 * Session 10: a job container's `options:` reach `docker create` as written (actions/runner
 * DockerCommandManager.DockerCreate pastes them into one command line): `-e NODE_OPTIONS=…` sets a
 * variable of the gate's process exactly as the container's `env:` does, `--env-file` sets names no
 * file shows, `-v`/`--mount` lay files over the gate's, `--entrypoint` or a bare word (read as the
 * image) replace what runs. Both faces held the container's `env:` (session 9) but not its options:
 * the check passed and the diff's gate stayed "armed". Whatever the reader is not certain of disarms
 * the gate too (fail closed).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { readContainerOptions, splitArguments } from '../../shared/workflow/container-options.js';
import { findingsOf, wf } from '../support/repo.js';

const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
const job = (container: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${container}    steps:\n      - uses: ${GATE}\n      - run: make release\n`;
const withOptions = (options: string) =>
  job(`    container:\n      image: node:20\n      options: ${JSON.stringify(options)}\n`);
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

describe("the job container's options disarm the gate as its env does", () => {
  it.each([
    ['-e NODE_OPTIONS=--require=/tmp/x.js', /-e NODE_OPTIONS/],
    ['--env NODE_OPTIONS=x', /-e NODE_OPTIONS/],
    ['--env=BASH_FUNC_node%%=() { :; }', /BASH_FUNC_node%%/],
    ['--cpus 2 -eLD_PRELOAD=/x.so', /-e LD_PRELOAD/],
    ['-ie GITHUB_API_URL=https://evil.example', /-e GITHUB_API_URL/],
    ['-e=ACTIONS_ID_TOKEN_REQUEST_URL=https://evil.example', /ACTIONS_ID_TOKEN_REQUEST_URL/],
    ['-e "NODE_OPTIONS=--require /tmp/x.js"', /-e NODE_OPTIONS/],
    ['-e NODE_""OPTIONS=x', /-e NODE_OPTIONS/],
    ['--env-file .env', /--env-file sets variables/],
    ['-v /tmp/gate:/__w/_actions/stepwarden', /-v lays other files/],
    ['--volume=/x:/y', /--volume lays/],
    ['--mount type=bind,src=/x,dst=/usr/local/bin', /--mount lays/],
    ['--tmpfs /__w/_actions', /--tmpfs lays/],
    ['--entrypoint /bin/sh', /--entrypoint replaces/],
    ['--cpus 2 alpine:3 sh', /'alpine:3' is read as the image/],
    ['--privileged false', /'false' is read as the image/],
    ['--cpus 2 -- x', /'--' is read as the image/],
    ['--frobnicate 1', /'--frobnicate' is not an option/],
    ['-Z', /'-Z'/],
    ['-e "NODE_OPTIONS=x', /cannot be split/],
    ['--user root\n-e NODE_OPTIONS=x', /cannot be split/],
    ['${{ vars.CONTAINER_OPTIONS }}', /known only at run time/],
    ['--cpus', /--cpus without a value/],
  ])('options %j: the check reports the gate disarmed; the diff reads it so', (options, why) => {
    const head = withOptions(options);
    const f = check(head);
    expect(f.map((x) => x.subject)).toEqual(['env']);
    expect(f[0]!.message).toMatch(why);
    expect(f[0]!.message).toMatch(/container options/);
    const rows = gateRows(job('    container: { image: node:20 }\n'), head);
    expect(rows.map((c) => c.effect)).toEqual(['widened']);
    expect(rows[0]!.after).toMatch(/^env: .*container options/);
    expect(failsOnWidened(rows)).toBe(true);
  });

  it.each([
    [
      'container volumes',
      '    container:\n      image: node:20\n      volumes: [/tmp/gate:/__w/_actions]\n',
      /volumes/,
    ],
    ['a container from an expression', '    container: ${{ fromJSON(vars.C) }}\n', /known only at run time/],
  ])('%s: disarmed', (_n, container, why) => {
    const f = check(job(container));
    expect(f.map((x) => x.subject)).toEqual(['env']);
    expect(f[0]!.message).toMatch(why);
  });

  it.each([
    ['a list of image names', '[node:20, "node:22"]', []],
    [
      'an include that gives a mapping',
      '[node:20]\n        include: [{ img: { image: node:20, options: "-e NODE_OPTIONS=x" } }]',
      ['env'],
    ],
    ['a matrix value from an expression', '${{ fromJSON(vars.IMAGES) }}', ['env']],
  ])('container: ${{ matrix.img }} from %s', (_n, img, want) => {
    const text = job(
      `    container: \${{ matrix.img }}\n    strategy:\n      matrix:\n        img: ${img}\n`,
    );
    expect(check(text).map((f) => f.subject)).toEqual(want);
  });

  it('an image name with an expression inside is an image (only a whole expression can be a mapping)', () => {
    expect(check(job('    container: node:${{ vars.NODE }}-slim\n'))).toEqual([]);
    expect(check(job('    container: ${{ vars.A }}${{ vars.B }}\n'))).toEqual([]);
  });

  it.each([
    '--cpus 2 --user root',
    '-e CI=1 --env FOO=bar --env=HOME=/root',
    '--privileged --init -it -u 1001',
    '--health-interval 10s --health-retries 5',
    '-p 8080:80 --network=host --shm-size=2g',
    '',
  ])('options %j change nothing the gate reads: it stays armed', (options) => {
    expect(check(withOptions(options))).toEqual([]);
  });

  it(".NET's split: quotes, doubled quotes inside quotes, backslashes before a quote", () => {
    expect(splitArguments('a "b c" d\\"e "f""g" h\\\\"i j"')).toEqual(['a', 'b c', 'd"e', 'f"g', 'h\\i j']);
    expect(splitArguments('a\\b \t c')).toEqual(['a\\b', 'c']);
  });

  it('a variable set by -e in any spelling is seen (property)', () => {
    const spell = fc.constantFrom(
      (n: string) => `-e ${n}=x`,
      (n: string) => `-e"${n}=x"`,
      (n: string) => `--env ${n}=x`,
      (n: string) => `--env="${n}=x"`,
      (n: string) => `-it -e${n}=x`,
      (n: string) => `-ie=${n}`,
      (n: string) => `-e ${n}`,
    );
    const harmless = fc.constantFrom('', '--cpus 2 ', '--user root ', '-p 80:80 ', '--privileged ');
    fc.assert(
      fc.property(
        harmless,
        spell,
        harmless,
        fc.constantFrom('NODE_OPTIONS', 'PATH', 'GITHUB_API_URL'),
        (a, s, b, n) => {
          const r = readContainerOptions(`${a}${s(n)} ${b}`);
          expect(r.env).toContain(n);
          expect(r.hazards).toEqual([]);
        },
      ),
    );
  });
});
