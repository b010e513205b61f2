/**
 * Every bench in bench/ runs, as its own process, with the smallest parameters it takes, exits 0 and
 * prints the figure it exists to print. Session 20 tightened run ids to digits and the broker benches
 * died at their warm-up with nobody seeing it: no test ran them. Nothing here asserts a speed (this
 * runs on a slow CI machine under load): only that each bench completes and prints its figure, with
 * the exchanges it drove all granted.
 *
 * Processes: each bench runs in its own process group (it spawns brokers, minimal servers,
 * redis-server), killed whole at its timeout and at the end of the suite. Temp dirs: the benches'
 * TMPDIR is this suite's own dir, removed at the end, whatever happened; tsx's compile cache in it is a
 * link to the usual one, so the benches do not compile the sources again. The check benches run the
 * committed dist/ (CI checks it is fresh) over a slice of ../shared/corpus (BENCH_CORPUS_FILES).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { makeCorpusRepo } from '../../bench/corpus-repo.js';
import { CORPUS_DIR, REPO_ROOT } from '../support/corpus.js';

const BENCH = join(REPO_ROOT, 'bench');
const DIST = join(REPO_ROOT, 'dist/index.js');
/** Per process: generous, CI is slower than this machine and loaded; a hang still ends. */
const PROCESS_MS = 150_000;
/** Modules the benches import, not benches themselves. */
const MODULES = new Set(['corpus-repo.ts', 'redis-server.ts']);

const groups = new Set<number>();
// Made at load, not in beforeAll: concurrent tests may start before a beforeAll hook has run.
const work = mkdtempSync(join(tmpdir(), 'sw-bench-smoke-'));
// tsx keeps its compile cache in $TMPDIR/tsx-UID: the usual one, so no bench compiles from cold.
const cache = join(tmpdir(), `tsx-${userInfo().uid}`);
mkdirSync(cache, { recursive: true });
symlinkSync(cache, join(work, `tsx-${userInfo().uid}`));
const repo = join(work, 'repo');
let repoMade: Promise<unknown> | undefined;
/** The shell benches' repository: the bench repository (with its manifest) of a slice of the corpus. */
function corpusRepo(): Promise<unknown> {
  expect(existsSync(CORPUS_DIR)).toBe(true);
  return (repoMade ??= makeCorpusRepo(repo, 20));
}

/**
 * Two benches at a time (each its own processes): the suite's wall time on a loaded machine nearly
 * halves, and no more than two bursts ever share the cores. Queued in the order below.
 */
let free = 2;
const queue: (() => void)[] = [];
async function inSlot(fn: () => Promise<void>): Promise<void> {
  if (free > 0) free--;
  else await new Promise<void>((r) => queue.push(r));
  try {
    await fn();
  } finally {
    const next = queue.shift();
    if (next) next();
    else free++;
  }
}
const bench = (name: string, fn: () => Promise<void>, timeout: number) =>
  it.concurrent(name, () => inSlot(fn), timeout);

afterAll(() => {
  for (const pgid of groups) kill(pgid);
  // rmSync does not follow the cache's link: only the link goes.
  rmSync(work, { recursive: true, force: true });
});

function kill(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` in bench/'s repository, in its own process group; kills the group when done. */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      // jest's --experimental-vm-modules is not for the benches; TMPDIR: this suite's dir.
      env: { ...process.env, NODE_OPTIONS: '', TMPDIR: work, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pgid = child.pid!;
    groups.add(pgid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => kill(pgid), PROCESS_MS);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the bench left behind (a redis-server, a broker child) goes with its group.
      kill(pgid);
      groups.delete(pgid);
      done({ code, signal, stdout, stderr });
    });
  });
}

const tsx = (script: string, args: string[], env?: NodeJS.ProcessEnv, nodeArgs: string[] = []) =>
  run(process.execPath, [...nodeArgs, '--import', 'tsx', join(BENCH, script), ...args], env);

/** Exit 0, or the bench's own output in the failure. */
function ok(r: Ran): string {
  if (r.code !== 0)
    throw new Error(`exited ${r.code ?? r.signal}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r.stdout;
}

/** The numbers of `re`'s groups in `text`, or a failure that shows the text. */
function figures(text: string, re: RegExp): number[] {
  const m = re.exec(text);
  if (!m) throw new Error(`no line matching ${re} in:\n${text}`);
  return m.slice(1).map((g) => Number(g.replace(/,/g, '')));
}

const NUM = '(\\d+(?:\\.\\d+)?)';
/** Per test, the wait for a slot included: every process below is bounded by PROCESS_MS anyway. */
const TIMEOUT = 600_000;

/** Which bench each case runs (the first test holds the list against bench/). */
const COVERED = [
  'audit.ts',
  'broker-cluster.ts',
  'broker-memory.ts',
  'broker.ts',
  'check-output.ts',
  'check.ts',
  'connect-burst.ts',
  'decide-cpu.ts',
  'dispatch-parents.ts',
  'gc-moved.sh',
  'gc-nvp.ts',
  'job-names.ts',
  'kill-switch-walk.ts',
  'needs-chain.ts',
  'redis-instructions.sh',
  'redis-store.ts',
  'same-report.sh',
];

/** BENCH_ATTACH's stand-in for strace or perf (`CMD -p PID -o FILE`): a line to FILE, then a wait for SIGINT. */
function attachStandIn(): string {
  const file = join(work, 'attach.sh');
  writeFileSync(file, 'echo "attached to $2" >"$4"\nexec sleep 60\n');
  return file;
}

describe('every bench runs and prints its figure', () => {
  it('covers every script in bench/ (a new bench gets a case here)', () => {
    const scripts = readdirSync(BENCH).filter((f) => /\.(ts|sh)$/.test(f) && !MODULES.has(f));
    expect(scripts.sort()).toEqual([...COVERED].sort());
  });

  bench(
    'broker-cluster.ts --only b: two brokers on redis-server, every exchange granted, commands per exchange',
    async () => {
      const out = ok(
        await tsx('broker-cluster.ts', [
          '--only',
          'b',
          '--duration',
          '0.5',
          '--connections',
          '2',
          '--rounds',
          '1',
          // The source through tsx (the default runs the committed bundle: the next case).
          '--source',
        ]),
      );
      expect(out).toContain('brokers run: startBroker from the source through tsx (--source)');
      expect(out).not.toMatch(/\(b\) redis: skipped/);
      figures(out, new RegExp(`^\\(b\\) redis: median of 1: ratio ${NUM}`, 'm'));
      figures(out, /^\s+broker x2 .*\((\d+) ok, 0 refused, 0 errors\)$/m);
      // The warm-up's credentials at least (stored whatever the machine's speed).
      const [, credentials] = figures(
        out,
        new RegExp(`redis-server: ${NUM} commands/exchange over (\\d+) credentials`),
      );
      expect(credentials).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  bench(
    'broker-cluster.ts BENCH_BROKER_WRAP: each broker runs under the command given (valgrind for its instructions)',
    async () => {
      const out = ok(
        await tsx(
          'broker-cluster.ts',
          ['--only', 'a', '--exchanges', '20', '--connections', '1', '--rounds', '1', '--source'],
          // A command that runs the rest as given: the spawn's shape, without valgrind's minutes.
          { BENCH_BROKER_WRAP: '/usr/bin/env BENCH_WRAPPED=1' },
        ),
      );
      expect(out).toContain('brokers run under: /usr/bin/env BENCH_WRAPPED=1');
      expect(figures(out, /^\s+broker x1 .*\((\d+) ok, (\d+) refused, (\d+) errors\)$/m)).toEqual([20, 0, 0]);
    },
    TIMEOUT,
  );

  bench(
    'broker-cluster.ts --only a --exchanges --broker-bundle: the same number of exchanges per side from the bundle, CPU per exchange',
    async () => {
      const out = ok(
        await tsx('broker-cluster.ts', [
          '--only',
          'a',
          '--exchanges',
          '400',
          '--connections',
          '2',
          '--rounds',
          '1',
          // The brokers as users run them (the committed bundle), not the source through tsx.
          '--broker-bundle',
          join(REPO_ROOT, 'dist/index.js'),
        ]),
      );
      expect(out).toContain(`brokers run: node ${join(REPO_ROOT, 'dist/index.js')} broker (the bundle;`);
      // Exactly the fixed number on each side, every one granted.
      expect(figures(out, /^\s+minimal x1 .*\((\d+) ok, (\d+) refused, (\d+) errors\)$/m)).toEqual([
        400, 0, 0,
      ]);
      expect(figures(out, /^\s+broker x1 .*\((\d+) ok, (\d+) refused, (\d+) errors\)$/m)).toEqual([
        400, 0, 0,
      ]);
      // The ratio is n/a only when the minimal's CPU stayed under one 10 ms clock tick (400 RS256
      // verifies and ES256 signs take tens of ms, but the figure must not hang on a machine's speed).
      figures(
        out,
        new RegExp(
          `^\\(a\\) memory: cpu per exchange, median of 1: broker ${NUM} ms, minimal ${NUM} ms, broker/minimal (\\d+(?:\\.\\d+)?|n/a)`,
          'm',
        ),
      );
    },
    TIMEOUT,
  );

  bench(
    "broker-cluster.ts --counts --instances 1 --warm-up BENCH_ATTACH: per-round kernel counts, the brokers' /metrics and redis-server's commands, a command attached to each process",
    async () => {
      const out = ok(
        await tsx(
          'broker-cluster.ts',
          [
            '--only',
            'b',
            '--instances',
            '1',
            '--exchanges',
            '20',
            '--connections',
            '2',
            '--rounds',
            '1',
            '--counts',
            '--warm-up',
            '3',
            '--source',
          ],
          // A stand-in for strace or perf: writes where `-o` says, then waits for the bench's SIGINT.
          { BENCH_ATTACH: `/bin/sh ${attachStandIn()}` },
        ),
      );
      expect(out).toContain('warm-up: 3 exchanges per process (--warm-up)');
      // One broker and one minimal server: (b) with --instances 1.
      expect(figures(out, /^\s+broker x1 .*\((\d+) ok, (\d+) refused, (\d+) errors\)$/m)).toEqual([20, 0, 0]);
      for (const who of ['minimal x1', 'broker x1', 'broker idle', 'redis-server'])
        figures(
          out,
          new RegExp(
            `^  counts ${who.replace(/ /g, ' +')} +per exchange: user ${NUM} ms, sys ${NUM} ms, minor faults ${NUM}, major ${NUM}, switches voluntary ${NUM}, involuntary ${NUM}$`,
            'm',
          ),
        );
      // Every exchange wrote its audit line, and ran its two script calls.
      figures(
        out,
        new RegExp(
          `^  counts broker /metrics in the round \\(per exchange\\): .*audit sink=file,result=written (\\d+) \\(${NUM}\\)`,
          'm',
        ),
      );
      expect(
        figures(out, new RegExp(`^  counts redis commands per exchange: .*evalsha ${NUM}`, 'm'))[0],
      ).toBeGreaterThanOrEqual(2);
      // The attached command ran against the broker and redis-server, and its output is printed.
      expect(out).toMatch(/^ {2}\/bin\/sh of broker-0:\n {4}attached to \d+$/m);
      expect(out).toMatch(/^ {2}\/bin\/sh of redis-server:\n {4}attached to \d+$/m);
    },
    TIMEOUT,
  );

  bench(
    'broker.ts: the burst granted every exchange; ratio to the crypto ceiling',
    async () => {
      const out = ok(await tsx('broker.ts', [], { BENCH_JOBS: '2', BENCH_ROUNDS: '2', BENCH_PAIRS: '20' }));
      expect(figures(out, /(\d+) exchanges, (\d+) granted, (\d+) refused, (\d+) errors/)).toEqual([
        4, 4, 0, 0,
      ]);
      // The figure, whatever its value: at 4 exchanges it rounds to 0.00 on a fast ceiling.
      figures(out, new RegExp(`^ratio broker/ceiling: ${NUM}$`, 'm'));
    },
    TIMEOUT,
  );

  bench(
    'broker-memory.ts: bytes per exchange and CPU per exchange over every timed exchange',
    async () => {
      const out = ok(
        await tsx('broker-memory.ts', ['--exchanges', '20', '--concurrency', '4', '--warm-up', '8'], {}, [
          '--expose-gc',
        ]),
      );
      expect(figures(out, /(\d+) warm-up \+ (\d+) timed exchanges \(of (\d+)\)/)).toEqual([8, 20, 20]);
      figures(out, /after full GCs: (-?\d+) bytes\/exchange/);
      figures(out, new RegExp(`^cpu: ${NUM} ms/exchange`, 'm'));
    },
    TIMEOUT,
  );

  bench(
    'redis-store.ts: the exchange steps, then the sweep, against its own redis-server',
    async () => {
      const steps = ok(
        await tsx('redis-store.ts', ['--exchanges', '40', '--concurrency', '4', '--rounds', '1']),
      );
      figures(
        steps,
        new RegExp(`^round 1: 40 exchanges in \\d+ ms \\(\\S+/s\\), broker process ${NUM} ms/exchange`, 'm'),
      );
      // takeDue's one step (session 42), then the three of sessions 34-41 (--held).
      for (const held of [[], ['--held']]) {
        const sweep = ok(await tsx('redis-store.ts', ['--sweep', '--exchanges', '30', ...held]));
        figures(
          sweep,
          new RegExp(`^round 1: 30 credentials in \\d+ ms .* ${NUM} commands per credential$`, 'm'),
        );
        figures(sweep, /^ {2}by command: .*evalsha (\d+\.\d+)/m);
      }
    },
    TIMEOUT,
  );

  bench(
    'redis-instructions.sh: redis-server under callgrind, the script calls an exchange by part',
    async () => {
      const out = ok(await run('sh', [join(BENCH, 'redis-instructions.sh'), REPO_ROOT, '20']));
      // Two script calls an exchange (the screen, then the put), by the script's own count.
      expect(
        figures(out, /^(\d+) exchanges \(script calls \/ 2\), per exchange:$/m)[0],
      ).toBeGreaterThanOrEqual(20);
      const [instructions, calls] = figures(
        out,
        new RegExp(`^  evalGenericCommand +${NUM} K instructions, +${NUM} calls$`, 'm'),
      );
      expect(instructions).toBeGreaterThan(0);
      expect(calls).toBe(2);
      const [, commands] = figures(
        out,
        new RegExp(`^  scriptCall +${NUM} K instructions, +${NUM} calls$`, 'm'),
      );
      expect(commands).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  bench(
    'audit.ts: events per second of both formats beside the floor',
    async () => {
      const out = ok(await tsx('audit.ts', ['2000']));
      for (const format of ['markdown', 'json    '])
        figures(
          out,
          new RegExp(`^audit --format ${format}:.* ([\\d,]+) events/s .*ratio to the floor ${NUM}`, 'm'),
        );
    },
    TIMEOUT,
  );

  bench(
    'check.ts: the check/floor ratio over a slice of the corpus',
    async () => {
      const out = ok(
        await tsx('check.ts', [], {
          RUNS: '1',
          BENCH_CORPUS_FILES: '30',
          NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
        }),
      );
      expect(figures(out, /^corpus: (\d+) workflow files/m)).toEqual([30]);
      // A start-up cost of every node process, left out of both sides (session 32).
      expect(out).toMatch(/^both processes run without NODE_EXTRA_CA_CERTS /m);
      figures(out, new RegExp(`^ratio check/floor: ${NUM}x wall, ${NUM}x CPU`, 'm'));
    },
    TIMEOUT,
  );

  bench(
    'check-output.ts: the same bundle twice reports the same jobs and findings',
    async () => {
      const out = ok(await tsx('check-output.ts', [DIST, DIST], { BENCH_CORPUS_FILES: '30' }));
      const [before, after] = figures(out, /^jobs: (\d+) before, (\d+) after$/m);
      expect(before).toBeGreaterThan(0);
      expect(after).toBe(before);
      expect(out).toMatch(/the same jobs and findings/);
    },
    TIMEOUT,
  );

  bench(
    'gc-moved.sh and same-report.sh on a slice of the corpus',
    async () => {
      await corpusRepo();
      const moved = ok(await run('sh', [join(BENCH, 'gc-moved.sh'), DIST, repo]));
      const [gcs] = figures(moved, new RegExp(`(\\d+) GCs; promoted ${NUM} MB`));
      expect(gcs).toBeGreaterThan(0);
      const same = ok(await run('sh', [join(BENCH, 'same-report.sh'), DIST, DIST, repo]));
      // A report (exit 0: nothing found, 1: findings), not the same refusal twice.
      const [exit, bytes] = figures(same, /^identical \(json, exit (\d), (\d+) bytes\)$/m);
      expect([0, 1]).toContain(exit);
      expect(bytes).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  bench(
    'connect-burst.ts: every burn and round answered',
    async () => {
      const out = ok(await tsx('connect-burst.ts', ['--connections', '4', '--duration', '0.2']));
      for (const burn of [0, 150, 300])
        for (const round of [1, 2])
          figures(out, new RegExp(`^burn ${burn} µs, round ${round}: (\\d+) req/s`, 'm'));
    },
    TIMEOUT,
  );

  bench(
    'the store and decision benches: dispatch-parents, kill-switch-walk, job-names, decide-cpu, needs-chain',
    async () => {
      const parents = ok(await tsx('dispatch-parents.ts', ['200', '20']));
      figures(parents, new RegExp(`^N=200 runs=20 median ${NUM} ms`, 'm'));
      const walk = ok(await tsx('kill-switch-walk.ts', ['100']));
      expect(figures(walk, /^N=100 reached (\d+) credentials: median/m)).toEqual([100]);
      const names = ok(await tsx('job-names.ts', ['1']));
      figures(names, new RegExp(`^256 jobs, short names: verified, ${NUM} ms per verdict`, 'm'));
      figures(names, new RegExp(`^hostile name, shown 20000 characters: ${NUM} ms per match`, 'm'));
      const decide = ok(await tsx('decide-cpu.ts', ['--calls', '200', '--repeats', '1']));
      figures(decide, new RegExp(`decide\\(\\) ${NUM} µs of CPU per call`));
      // A chain of 200 jobs with 2 KB scripts: session 29's sources held 46 M characters; linear now.
      const chain = ok(await tsx('needs-chain.ts', ['200', '2000']));
      const [, , chars] = figures(
        chain,
        new RegExp(`^200 jobs, ${NUM} MB: parse ${NUM} ms, withSources ${NUM} M chars`, 'm'),
      );
      expect(chars).toBeLessThan(1);
    },
    TIMEOUT,
  );

  bench(
    'broker-cluster.ts --only a, and gc-nvp.ts over its GC trace: ratio, every exchange granted, GC bytes per exchange',
    async () => {
      const r = await tsx(
        'broker-cluster.ts',
        ['--only', 'a', '--duration', '0.5', '--connections', '2', '--rounds', '1'],
        { BENCH_NODE_ARGS: '--trace-gc-nvp' },
      );
      const out = ok(r);
      figures(out, new RegExp(`^\\(a\\) memory: median of 1: ratio ${NUM}`, 'm'));
      // Every timed exchange granted (how many fit in 0.5 s is the machine's; the warm-up's first
      // exchange must answer 200 or the bench exits non-zero).
      figures(out, /^\s+broker x1 .*\((\d+) ok, 0 refused, 0 errors\)$/m);
      writeFileSync(join(work, 'a.out'), out);
      writeFileSync(join(work, 'a.gc'), r.stderr);
      const gc = ok(await tsx('gc-nvp.ts', [join(work, 'a.gc'), join(work, 'a.out')]));
      for (const server of ['minimal', 'broker']) {
        const [exchanges] = figures(
          gc,
          new RegExp(`^${server}: (\\d+) exchanges, .*per exchange: promoted ${NUM} KB`, 'm'),
        );
        expect(exchanges).toBeGreaterThan(0);
      }
    },
    TIMEOUT,
  );

  // Last in the file, not concurrent: it runs once every test above has ended. What they left in TMPDIR.
  it('no bench leaves a temp dir or file behind', () => {
    // The test's own: tsx's cache link, the corpus slice, two output files, BENCH_ATTACH's stand-in.
    const ours = new Set([`tsx-${userInfo().uid}`, 'repo', 'a.out', 'a.gc', 'attach.sh']);
    expect(readdirSync(work).filter((f) => !ours.has(f))).toEqual([]);
  });
});
