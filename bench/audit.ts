/**
 * Benchmark: `stepwarden audit` streaming a generated broker log of a million events (credential
 * grants, revocations, refusals, rate limits, second claims, kill-switch calls, and GitHub
 * organization audit-log entries mixed in), as markdown and as JSON. Prints events per second, the
 * peak memory (max RSS) of each run, and two ratios: the throughput beside the floor of merely
 * reading and JSON-parsing the same lines in a bare Node process, and the peak memory beside the size
 * of the log (bounded memory means this ratio falls as the log grows).
 *
 * Run: npm run build && npx tsx bench/audit.ts [EVENTS]   (default 1,000,000; STEPWARDEN_DIST=path
 * measures another bundle)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = new URL('..', import.meta.url).pathname;
const dist = process.env.STEPWARDEN_DIST ?? join(root, 'dist/index.js');
if (!existsSync(dist)) {
  console.error(`${dist} not found: run npm run build first`);
  process.exit(2);
}
const N = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'sw-bench-audit-'));
const log = join(dir, 'broker-audit.jsonl');

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same log. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(): Promise<void> {
  const rand = rng(42);
  const out = createWriteStream(log);
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const repos = Array.from({ length: 200 }, (_, i) => `org/repo-${i}`);
  const steps = ['build', 'test', 'upload', 'release', 'deploy', 'notify'];
  let written = 0;
  let run = 0;
  let clock = 0;
  const put = async (o: Record<string, unknown>) => {
    written++;
    if (!out.write(`${JSON.stringify(o)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  while (written < N) {
    run++;
    clock += 1 + Math.floor(rand() * 3);
    const repository = repos[Math.floor(rand() * repos.length)]!;
    const ctx = {
      v: 1,
      source: 'broker',
      repository,
      repository_id: String(100000 + repos.indexOf(repository)),
      workflow: rand() < 0.7 ? 'ci.yml' : 'release.yml',
      job: rand() < 0.5 ? 'build' : 'deploy',
      run_id: String(9_000_000 + run),
      run_attempt: rand() < 0.05 ? 2 : 1,
      event_name: rand() < 0.1 ? 'workflow_dispatch' : rand() < 0.3 ? 'schedule' : 'push',
      actor:
        rand() < 0.2
          ? { login: 'renovate[bot]', type: 'Bot' }
          : { login: `dev-${Math.floor(rand() * 500)}`, type: 'User' },
    };
    const per = 2 + Math.floor(rand() * 20);
    for (let i = 0; i < per && written < N; i++) {
      const step = steps[Math.floor(rand() * steps.length)]!;
      const audience = step === 'release' ? 'github' : 'https://svc.example.internal';
      const time = (s: number) => new Date(t0 + (clock + s) * 1000).toISOString();
      const r = rand();
      const grant = `${run}-${i}`;
      if (r < 0.8) {
        await put({
          ...ctx,
          time: time(i),
          type: 'credential.granted',
          outcome: 'success',
          step,
          audience,
          scope: 'contents:write',
          grant_id: grant,
          ttl: 300,
        });
        if (written < N)
          await put({
            ...ctx,
            time: time(i + 5),
            type: rand() < 0.97 ? 'credential.revoked' : 'credential.expired',
            outcome: 'success',
            reason: 'REVOKED_BY_STEP',
            step,
            audience,
            scope: 'contents:write',
            grant_id: grant,
            ttl: 5,
          });
      } else if (r < 0.95) {
        await put({
          ...ctx,
          time: time(i),
          type: 'credential.refused',
          outcome: 'denied',
          reason: 'ERR_SCOPE_NOT_GRANTED',
          detail: 'scope above the grant',
          step,
          audience,
        });
      } else if (r < 0.99) {
        await put({
          ...ctx,
          time: time(i),
          type: 'credential.rate_limited',
          outcome: 'denied',
          reason: 'ERR_RATE_LIMITED',
          step,
          audience,
        });
      } else if (r < 0.995) {
        await put({
          ...ctx,
          time: time(i),
          type: 'credential.claimed_twice',
          outcome: 'denied',
          reason: 'ERR_GRANT_ALREADY_CLAIMED',
          step,
          audience,
        });
      } else if (r < 0.998) {
        // A GitHub organization audit-log entry, as the streaming export writes them.
        await put({
          '@timestamp': t0 + clock * 1000,
          action: rand() < 0.5 ? 'git.clone' : 'workflows.approve_workflow_job',
          actor: rand() < 0.5 ? 'github-actions[bot]' : 'lead',
          actor_is_bot: rand() < 0.5,
          programmatic_access_type: rand() < 0.5 ? 'GitHub App server-to-server token' : undefined,
          repo: repository,
          org: 'org',
        });
      } else {
        await put({
          v: 1,
          source: 'broker',
          time: time(i),
          type: 'admin.revoke',
          outcome: 'success',
          repository,
          details: { target: { repository }, revoked: 3, actor: 'sec-oncall' },
        });
      }
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
}

interface Measured {
  seconds: number;
  maxRssMiB: number;
}

/** One cold process; the wrapper reports the child's own peak RSS. */
function measure(args: string[]): Measured {
  const wrapper = `const m = await import(${JSON.stringify(dist)});
const code = await m.main(${JSON.stringify(args)}, m.processIO());
process.stderr.write('\\nBENCH ' + JSON.stringify({ code, maxRSS: process.resourceUsage().maxRSS }) + '\\n');`;
  const t = performance.now();
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', wrapper], {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = child.stderr.toString();
  const seconds = (performance.now() - t) / 1000;
  const m = /BENCH (\{.*\})/.exec(stderr);
  if (!m) throw new Error(`no measurement: ${stderr.slice(-2000)}`);
  const r = JSON.parse(m[1]!) as { code: number; maxRSS: number };
  if (r.code === 2) throw new Error(`audit could not read the log: ${stderr.slice(0, 2000)}`);
  return { seconds, maxRssMiB: r.maxRSS / 1024 };
}

/** The floor: read the same file line by line and JSON.parse each line, nothing else. */
function floor(): Measured {
  const script = `import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
let n = 0;
for await (const line of createInterface({ input: createReadStream(${JSON.stringify(log)}), crlfDelay: Infinity })) { if (line) { JSON.parse(line); n++; } }
process.stderr.write('\\nBENCH ' + JSON.stringify({ code: 0, maxRSS: process.resourceUsage().maxRSS, n }) + '\\n');`;
  const t = performance.now();
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  void out;
  return { seconds: (performance.now() - t) / 1000, maxRssMiB: 0 };
}

try {
  let t = performance.now();
  await generate();
  const mib = statSync(log).size / 1024 / 1024;
  console.log(
    `generated ${N.toLocaleString('en-US')} events (${mib.toFixed(0)} MiB) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  t = performance.now();
  const base = floor();
  const md = measure(['audit', log, '--format', 'markdown', '--output', join(dir, 'audit.md')]);
  const json = measure(['audit', log, '--format', 'json', '--output', join(dir, 'audit.json')]);
  const rate = (m: Measured) => Math.round(N / m.seconds).toLocaleString('en-US');
  console.log(`floor (read + JSON.parse only):   ${base.seconds.toFixed(2)} s  ${rate(base)} events/s`);
  for (const [name, m] of [
    ['audit --format markdown', md],
    ['audit --format json    ', json],
  ] as const) {
    console.log(
      `${name}:         ${m.seconds.toFixed(2)} s  ${rate(m)} events/s  peak RSS ${m.maxRssMiB.toFixed(0)} MiB` +
        `  (throughput ratio to the floor ${(base.seconds / m.seconds).toFixed(2)}; peak RSS / log size ${(m.maxRssMiB / mib).toFixed(2)})`,
    );
  }
  console.log(
    `json output: ${(statSync(join(dir, 'audit.json')).size / 1024 / 1024).toFixed(0)} MiB; markdown: ${(statSync(join(dir, 'audit.md')).size / 1024).toFixed(0)} KiB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
