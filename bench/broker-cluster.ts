/**
 * Benchmark: a 256-connection burst where every request is a fresh run (its own OIDC token, jti and
 * run id) against
 *   (a) one broker on memory state, and
 *   (b) two brokers sharing one local redis-server (skipped, with a line saying why, when the Redis
 *       store is not in this tree or redis-server is not installed),
 * each beside the same number of minimal broker processes (a bare node:http server doing one RS256
 * verify and one ES256 sign per request, nothing else), in turn, driven by the same load generator:
 * autocannon in duration mode, in this process; the servers are child processes. Brokers run as
 * deployed: startBroker from a config file, manifests from a directory, the file audit log.
 *
 * Minimal and broker processes live side by side and are driven in turn, `--rounds` times; each
 * round prints exchanges/s, p50/p99 and the CPU time of the server processes per exchange (every
 * thread, from /proc: the figure least moved by other load on the machine), and the summary gives the
 * median ratio and p99 factor of the rounds with PASS/FAIL against the targets. The p99 factor's
 * p99s leave out each connection's first answer (its connection's set-up; see Run.p99Steady); the
 * p99 of every answer is printed beside it.
 *
 * Run:  npx tsx bench/broker-cluster.ts [--duration 5] [--connections 256] [--rounds 3] [--only a|b]
 *       [--exchanges N]   (each round exactly N exchanges per side instead of `--duration` seconds:
 *       the CPU per exchange of the same work, the figure to A/B two trees at any load)
 *       [--minimal jose|lean]   (the minimal server's crypto: jose, the reference; or node:crypto)
 * RSS:  npx tsx bench/broker-cluster.ts --only a --rss 100000   (N exchanges in ten chunks, minted
 *       untimed between them; the broker's RSS sampled every 0.5 s; first vs last chunk's plateau)
 * The deployed code by default: each broker runs as `node dist/index.js broker` (the committed bundle,
 *       what users run); --broker-bundle FILE runs another bundle; --source runs startBroker from the
 *       source through tsx (a change not yet built; tsx's loader adds about 2 % of the broker's CPU).
 * Profile the broker: BENCH_CPU_PROF=DIR writes a .cpuprofile of each broker process into DIR.
 * V8 flags: BENCH_NODE_ARGS for every server child, BENCH_BROKER_NODE_ARGS for the brokers only.
 * Instructions: BENCH_BROKER_WRAP="valgrind --tool=callgrind ..." runs each broker under that command.
 * Event-loop delay: BENCH_ELD=1 has each broker print a line for every second whose delay passed 50 ms.
 * Kernel and per-round work: --counts prints, each round, user and system CPU, page faults and context
 *       switches an exchange of every side (and redis-server, and the brokers while not driven), the
 *       brokers' GC by kind, revocations, store operations and audit lines, and redis-server's commands;
 *       BENCH_ATTACH="strace -c -f" attaches that command to each broker and redis-server for each
 *       broker round (syscalls by kind).
 *       --instances N: N brokers and N minimal servers in each configuration (a diagnostic: (a) with 2
 *       is two brokers each on its own memory state, the same processes on the cores as (b) without Redis).
 *       --warm-up N: the unmeasured exchanges per process before the rounds (default 6 x connections,
 *       at least --exchanges), the same for minimal and broker.
 * Tokens are GitHub-shaped: `exp - iat` = 300 s (the stand-in's default), as GitHub's are.
 * (b) also prints the commands redis-server ran and its CPU per exchange; BENCH_REDIS_MONITOR=1 splits
 * the commands into what the brokers sent and what ran inside scripts (MONITOR slows the server).
 * Never part of `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { redisBinary, startBenchRedis } from './redis-server.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const STATE_KEY = process.env.STEPWARDEN_STATE_KEY ?? randomBytes(32).toString('hex');
const ROOT = resolve(HERE, '..');
const AUD = 'https://broker.bench.invalid';
const SERVICE = 'https://hooks.example.internal';
const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${SERVICE}, scope: [notify:send], ttl: 60 }
`;

// ---------------------------------------------------------------------------------------------
// Child roles: `--role minimal` and `--role broker` print `READY <url>` and serve until SIGTERM.
// ---------------------------------------------------------------------------------------------

/**
 * `jose`: jwtVerify + SignJWT (the reference: what a bare server written with the project's JOSE
 * library does). `lean`: the same two operations with node:crypto on libuv's pool and no JOSE library
 * (signature check and claims read only: a floor, not a safe verifier), the way the broker now signs.
 */
async function leanCrypto(jwksUrl: string) {
  const { createPublicKey, generateKeyPairSync, sign, verify } = await import('node:crypto');
  const { keys } = (await (await fetch(jwksUrl)).json()) as { keys: { kid: string }[] };
  const byKid = new Map(keys.map((k) => [k.kid, createPublicKey({ key: k as never, format: 'jwk' })]));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return async (token: string): Promise<string> => {
    const [h = '', p = '', sig = ''] = token.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg?: string; kid?: string };
    const key = header.alg === 'RS256' ? byKid.get(header.kid ?? '') : undefined;
    if (!key) throw new Error('no key');
    const ok = await new Promise<boolean>((res, rej) =>
      verify('sha256', Buffer.from(`${h}.${p}`), key, Buffer.from(sig, 'base64url'), (e, v) =>
        e ? rej(e) : res(v),
      ),
    );
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as { sub?: string; aud?: string };
    if (!ok || claims.aud !== AUD) throw new Error('refused');
    const now = Math.floor(Date.now() / 1000);
    const input = `${b64({ alg: 'ES256' })}.${b64({ scope: 'notify:send', sub: claims.sub, aud: SERVICE, iat: now, exp: now + 60 })}`;
    const signature = await new Promise<Buffer>((res, rej) =>
      sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }, (e, v) =>
        e ? rej(e) : res(v),
      ),
    );
    return `${input}.${signature.toString('base64url')}`;
  };
}

async function joseCrypto(jwksUrl: string) {
  const { createLocalJWKSet, jwtVerify, SignJWT, generateKeyPair } = await import('jose');
  const jwks = createLocalJWKSet((await (await fetch(jwksUrl)).json()) as never);
  const { privateKey } = await generateKeyPair('ES256');
  return async (token: string): Promise<string> => {
    const { payload } = await jwtVerify(token, jwks, { algorithms: ['RS256'], audience: AUD });
    return new SignJWT({ scope: 'notify:send' })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(String(payload.sub))
      .setAudience(SERVICE)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
  };
}

async function minimalServer(jwksUrl: string, kind: string): Promise<void> {
  const { createServer: createHttp } = await import('node:http');
  const exchange = kind === 'lean' ? await leanCrypto(jwksUrl) : await joseCrypto(jwksUrl);
  const server = createHttp((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
          const token = await exchange(form.get('subject_token') ?? '');
          const body = JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 60 });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        } catch {
          res.writeHead(400).end();
        }
      })();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    process.stdout.write(`READY http://127.0.0.1:${a.port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

async function brokerServer(configFile: string): Promise<void> {
  const { readBrokerConfig } = await import('../shared/broker/config.js');
  const { startBroker } = await import('../shared/broker/server.js');
  const config = await readBrokerConfig(configFile, process.cwd());
  const broker = await startBroker(config);
  process.stdout.write(`READY ${broker.url}\n`);
  if (process.env.BENCH_ELD) {
    const { monitorEventLoopDelay } = await import('node:perf_hooks');
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    setInterval(() => {
      if (h.count > 0 && h.max > 50e6)
        process.stderr.write(
          `ELD max ${(h.max / 1e6).toFixed(0)} ms p99 ${(h.percentile(99) / 1e6).toFixed(0)} ms\n`,
        );
      h.reset();
    }, 1000).unref();
  }
  process.on('SIGTERM', () => {
    void broker.close().finally(() => process.exit(0));
  });
}

// ---------------------------------------------------------------------------------------------
// The driver.
// ---------------------------------------------------------------------------------------------

interface Child {
  readonly url: string;
  readonly proc: ChildProcess;
}

function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A proc(5) `stat` file's fields after the command name (which may hold spaces and parentheses):
 * field N of proc(5) is index N - 3. Throws when the process is gone.
 */
function statFields(path: string): string[] {
  const stat = readFileSync(path, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU time (user + system) of a process so far, ms: every thread (the main one and libuv's pool), or
 * with `mainOnly` the event loop's thread alone.
 */
function cpuMs(pid: number, mainOnly = false): number {
  try {
    const f = statFields(mainOnly ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`);
    // Fields 14 and 15 of proc(5) (utime, stime); clock ticks of 10 ms.
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * `--counts`: what a process cost the kernel and the scheduler, every thread, so far (what callgrind
 * does not see): CPU split into user and system time (ms), minor and major page faults (proc(5)'s
 * stat: the process's own and its dead threads'), and context switches summed over its live threads'
 * status (voluntary: it waited, on epoll, a futex, the disk; involuntary: the scheduler took the core).
 */
interface ProcCounts {
  user: number;
  sys: number;
  minflt: number;
  majflt: number;
  vcs: number;
  ivcs: number;
}
const PROC_KEYS = ['user', 'sys', 'minflt', 'majflt', 'vcs', 'ivcs'] as const;

function procCounts(pid: number): ProcCounts {
  const out: ProcCounts = { user: 0, sys: 0, minflt: 0, majflt: 0, vcs: 0, ivcs: 0 };
  try {
    const f = statFields(`/proc/${pid}/stat`);
    // Fields 10, 12, 14 and 15 of proc(5) (minflt, majflt, utime, stime).
    out.minflt = Number(f[7]);
    out.majflt = Number(f[9]);
    out.user = Number(f[11]) * 10;
    out.sys = Number(f[12]) * 10;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const st = readFileSync(`/proc/${pid}/task/${task}/status`, 'utf8');
      out.vcs += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(st)?.[1] ?? 0);
      out.ivcs += Number(/^nonvoluntary_ctxt_switches:\s+(\d+)/m.exec(st)?.[1] ?? 0);
    }
  } catch {
    // The process is gone: its counts read as zero (the round's line says so by its figures).
  }
  return out;
}

const sumCounts = (xs: ProcCounts[]): ProcCounts => {
  const out: ProcCounts = { user: 0, sys: 0, minflt: 0, majflt: 0, vcs: 0, ivcs: 0 };
  for (const x of xs) for (const k of PROC_KEYS) out[k] += x[k];
  return out;
};

function countsLine(label: string, a: ProcCounts, b: ProcCounts, n: number): string {
  const d = (k: (typeof PROC_KEYS)[number]) => (b[k] - a[k]) / Math.max(1, n);
  return (
    `  counts ${label.padEnd(14)} per exchange: user ${d('user').toFixed(3)} ms, sys ${d('sys').toFixed(3)} ms, ` +
    `minor faults ${d('minflt').toFixed(2)}, major ${d('majflt').toFixed(3)}, switches voluntary ${d('vcs').toFixed(2)}, involuntary ${d('ivcs').toFixed(2)}`
  );
}

/**
 * `--counts`: the brokers' own counters from /metrics, summed over the instances: GC by kind (prom-client's
 * `nodejs_gc_duration_seconds_count`: minor = scavenge, major = mark-compact, incremental marking,
 * weak callbacks), what the sweep revoked, store operations by name, audit lines: the work that lands
 * in one round and not another.
 */
async function brokerCounters(brokers: Child[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const b of brokers) {
    const text = await (await fetch(`${b.url}/metrics`)).text();
    for (const m of text.matchAll(
      /^stepwarden_(nodejs_gc_duration_seconds_count\{kind="(\w+)"|revocations_total\{([^}]*)|store_operation_seconds_count\{[^}]*operation="(\w+)"|audit_lines_total\{([^}]*))[^ ]* (\d+)/gm,
    )) {
      const key = m[2]
        ? `gc ${m[2]}`
        : m[3] !== undefined
          ? `revoked ${m[3].replace(/"/g, '')}`
          : m[4]
            ? `store ${m[4]}`
            : `audit ${(m[5] ?? '').replace(/"/g, '')}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(m[6]));
    }
  }
  return sums;
}

/**
 * The differences of two counter maps, per exchange (those of 0.005 or more), largest first; with
 * `totals`, every counter that moved, as its count in the round and per exchange (a few mark-compacts
 * in a round are the figure, not noise to leave out).
 */
function perExchange(a: Map<string, number>, b: Map<string, number>, n: number, totals = false): string {
  return [...b]
    .map(([k, v]) => [k, v - (a.get(k) ?? 0)] as const)
    .filter(([, v]) => (totals ? v > 0 : v / Math.max(1, n) >= 0.005))
    .sort((x, y) => y[1] - x[1])
    .map(([k, v]) => {
      const each = v / Math.max(1, n);
      return totals ? `${k} ${v} (${each.toFixed(3)})` : `${k} ${each.toFixed(each < 0.1 ? 3 : 2)}`;
    })
    .join(', ');
}

/**
 * BENCH_ATTACH="strace -c -f" (or `perf stat -e task-clock,context-switches,cpu-migrations,page-faults`):
 * that command attached (`-p PID -o FILE`) to every broker, and (b)'s redis-server, for each timed
 * broker round only, then stopped with SIGINT; its summary is printed after the round. strace slows the
 * process it traces: read its counts (syscalls by kind an exchange), not that round's speed.
 */
async function attach(pids: { label: string; pid: number }[]): Promise<() => Promise<string[]>> {
  const cmd = process.env.BENCH_ATTACH?.split(' ').filter(Boolean);
  if (!cmd?.length) return async () => [];
  const dir = mkdtempSync(join(tmpdir(), 'sw-bench-attach-'));
  const procs = pids.map(({ label, pid }) => {
    const file = join(dir, `${label}.txt`);
    const p = spawn(cmd[0]!, [...cmd.slice(1), '-p', String(pid), '-o', file], { stdio: 'ignore' });
    // A command that cannot start (not installed) leaves no file: said in the output, the run goes on.
    return { label, file, p, exited: new Promise((r) => p.once('exit', r).once('error', r)) };
  });
  // strace and perf print nothing to say they are attached: a moment for the ptrace or the counters.
  await new Promise((r) => setTimeout(r, 300));
  return async () => {
    const out: string[] = [];
    for (const x of procs) {
      x.p.kill('SIGINT');
      await x.exited;
      const text = existsSync(x.file) ? readFileSync(x.file, 'utf8') : '(no output)';
      out.push(`  ${cmd[0]} of ${x.label}:`, ...text.split('\n').map((l) => `    ${l}`));
    }
    rmSync(dir, { recursive: true, force: true });
    return out;
  };
}

/**
 * What the Redis store costs per exchange, over the whole (b) run (warm-up and sweeps included):
 * commands executed by the server (INFO commandstats: a script's own commands count too) and the
 * redis-server's CPU time, divided by the credentials it holds (every record is kept past the run).
 * BENCH_REDIS_MONITOR=1 also splits them into what the brokers sent (round trips' commands) and what
 * scripts ran, through MONITOR (which slows the server: read its figures, not the run's speed).
 */
async function redisCounter(port: number, pid: number) {
  const { Redis } = await import('ioredis');
  const admin = new Redis({ port, host: '127.0.0.1', lazyConnect: true });
  await admin.connect();
  const calls = async () => {
    const info = await admin.info('commandstats');
    const out = new Map<string, number>();
    for (const m of info.matchAll(/^cmdstat_(\S+?):calls=(\d+)/gm)) out.set(m[1]!, Number(m[2]));
    return out;
  };
  const before = await calls();
  const cpu0 = cpuMs(pid);
  const sent = new Map<string, number>();
  const inScripts = new Map<string, number>();
  const monitor = process.env.BENCH_REDIS_MONITOR ? await admin.duplicate().monitor() : undefined;
  monitor?.on('monitor', (_t: string, args: string[], source: string) => {
    const m = source === 'lua' ? inScripts : sent;
    const name = String(args[0]).toLowerCase();
    m.set(name, (m.get(name) ?? 0) + 1);
  });
  const fmt = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([, v]) => v / n >= 0.01)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${(v / n).toFixed(2)}`)
      .join(', ');
  return {
    pid,
    /** INFO commandstats now (`--counts`: the commands of one round). */
    calls,
    async report(): Promise<string[]> {
      const cpu = cpuMs(pid) - cpu0;
      monitor?.disconnect();
      const after = await calls();
      let records = 0;
      let cursor = '0';
      do {
        const [next, keys] = await admin.scan(cursor, 'MATCH', 'stepwarden:rec:*', 'COUNT', 1000);
        cursor = next;
        records += keys.length;
      } while (cursor !== '0');
      const n = Math.max(1, records);
      const diff = new Map<string, number>();
      for (const [k, v] of after)
        if (k !== 'info' && k !== 'scan' && k !== 'monitor') diff.set(k, v - (before.get(k) ?? 0));
      const total = [...diff.values()].reduce((a, b) => a + b, 0);
      admin.disconnect();
      return [
        `(b) redis-server: ${(total / n).toFixed(1)} commands/exchange over ${records} credentials (${fmt(diff, n)}), cpu ${(cpu / n).toFixed(3)} ms/exchange`,
        ...(monitor
          ? [
              `(b) sent by the brokers: ${fmt(sent, n)} (${([...sent.values()].reduce((a, b) => a + b, 0) / n).toFixed(1)}/exchange)`,
              `(b) run inside scripts: ${fmt(inScripts, n)}`,
            ]
          : []),
      ];
    },
  };
}

/**
 * The brokers run as users run them, `node FILE broker --config X` (an ncc bundle: dist/index.js unless
 * `--broker-bundle FILE` names another), not startBroker from the source through tsx, whose loader
 * wraps every function (esbuild's `__name`: about 2 % of the broker's CPU, session 32). `--source`
 * runs the source tree instead (a worktree's change needs no build); undefined then. The minimal
 * servers run the same either way.
 */
let brokerBundle: string | undefined;

async function spawnRole(args: string[], profileDir?: string): Promise<Child> {
  const fromBundle = args[1] === 'broker' && brokerBundle !== undefined;
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    // e.g. BENCH_NODE_ARGS=--trace-gc: V8 flags for the server children (their stdout goes to stderr).
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    // BENCH_BROKER_NODE_ARGS: flags for the broker children only (a V8 setting tried for the broker,
    // the minimal server left at node's defaults).
    ...(args[1] === 'broker' ? (process.env.BENCH_BROKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []) : []),
    ...(fromBundle
      ? [brokerBundle!, 'broker', '--config', args[3]!]
      : ['--import', 'tsx', join(HERE, 'broker-cluster.ts'), ...args]),
  ];
  // BENCH_BROKER_WRAP: a command the broker children run under, e.g. `valgrind --tool=callgrind
  // --separate-threads=yes --callgrind-out-file=/tmp/cg.%p` (their instructions with --exchanges N:
  // load-independent; use a few --connections, as a broker under valgrind is about fifty times slower).
  const wrap = args[1] === 'broker' ? (process.env.BENCH_BROKER_WRAP?.split(' ').filter(Boolean) ?? []) : [];
  const proc = spawn(
    wrap[0] ?? process.execPath,
    [...wrap.slice(1), ...(wrap.length > 0 ? [process.execPath] : []), ...nodeArgs],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Shared-store brokers seal the GitHub tokens they keep; every instance gets the same key.
      env: { ...process.env, STEPWARDEN_STATE_KEY: STATE_KEY },
    },
  );
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    if (process.env.BENCH_ELD) process.stderr.write(c);
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      if (process.env.BENCH_NODE_ARGS) process.stderr.write(c);
      out += c.toString();
      // The bench's own role prints READY; the CLI's broker its "listening on" line.
      const m = /(?:READY|broker listening on) (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    proc.once('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`)));
  });
  return { url, proc };
}

/**
 * BENCH_ELD: each broker's own exchange-duration histogram (its /metrics), summed over the brokers:
 * requests slower than 0.5 s and 1 s as the broker timed them (from its handler's start), to tell a
 * tail inside the broker from one in front of its handler.
 */
async function serverTail(brokers: Child[]): Promise<Map<string, number>> {
  const sums = new Map<string, number>();
  for (const b of brokers) {
    const text = await (await fetch(`${b.url}/metrics`)).text();
    for (const m of text.matchAll(
      /^stepwarden_exchange_duration_seconds_(bucket\{le="([^"]+)"|count)[^ ]* (\d+)/gm,
    )) {
      const k = m[2] ?? 'count';
      sums.set(k, (sums.get(k) ?? 0) + Number(m[3]));
    }
  }
  return sums;
}

function tailDelta(a: Map<string, number>, b: Map<string, number>): string {
  const d = (k: string) => (b.get(k) ?? 0) - (a.get(k) ?? 0);
  const n = d('count');
  // How long an exchange is inside the broker's handler (what the heap holds per exchange in flight),
  // against the load generator's whole latency (most of which is spent queued before the handler).
  const under = ['0.01', '0.025', '0.05', '0.1', '0.25']
    .map((le) => `${((100 * d(le)) / Math.max(1, n)).toFixed(0)} % <= ${Number(le) * 1000} ms`)
    .join(', ');
  return `${n} timed (${under}), ${n - d('0.5')} over 0.5 s, ${n - d('1')} over 1 s, ${n - d('2.5')} over 2.5 s`;
}

async function stop(c: Child): Promise<void> {
  if (c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGTERM');
  // Under BENCH_BROKER_WRAP (valgrind) the exit, which writes the tool's output, takes longer.
  const grace = process.env.BENCH_BROKER_WRAP ? 120_000 : 5000;
  await Promise.race([exited, new Promise((r) => setTimeout(r, grace))]);
  if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
}

function formBody(token: string): string {
  return new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: token,
    subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
    audience: SERVICE,
    job: 'publish',
    step: 'notify',
  }).toString();
}

interface Run {
  readonly ok: number;
  readonly other: number;
  readonly errors: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /**
   * p99 of the 2xx answers after each connection's first. Each run opens `connections` connections at
   * once and their first answers carry the set-up (0.5–3 s on the shared 2-core machine, for the
   * minimal server as for the broker, none of it inside the broker's handler): a fixed 256 answers
   * that are 1 % of a 25,000-answer run but 2.5 % of a 10,000-answer one, so the p99 over all answers
   * lands in them for one server and not the other, and flips the verdict either way (minimal p99 of
   * 1.5–1.8 s with a steady 171–232 ms). The verdict's p99 factor is this one's; `p99` (every answer)
   * is printed beside it (docs/decisions.md, "Broker speed (session 9)").
   */
  readonly p99Steady: number;
  /** CPU time of the server processes (every thread) per answered request, ms. */
  readonly cpuPerRequest: number;
  /** The same, of their event-loop threads only. */
  readonly mainPerRequest: number;
  /** Resident set samples of the server processes during the run, MB. */
  readonly rssMb: number[];
}

function percentile(xs: number[], q: number): number {
  if (!xs.length) return NaN;
  xs.sort((a, b) => a - b);
  return xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const mb = (kb: number | undefined) => Math.round((kb ?? 0) / 1024);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      jwks: { type: 'string' },
      config: { type: 'string' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '256' },
      rounds: { type: 'string', default: '3' },
      only: { type: 'string' },
      rss: { type: 'string' },
      minimal: { type: 'string', default: 'jose' },
      exchanges: { type: 'string' },
      'broker-bundle': { type: 'string' },
      source: { type: 'boolean', default: false },
      counts: { type: 'boolean', default: false },
      instances: { type: 'string' },
      'warm-up': { type: 'string' },
    },
  });
  if (values.role === 'minimal') return minimalServer(values.jwks!, values.minimal!);
  if (values.role === 'broker') return brokerServer(values.config!);

  if (values.source && values['broker-bundle'])
    throw new Error('--source and --broker-bundle: give one (the source through tsx, or a bundle)');
  brokerBundle = values.source ? undefined : resolve(values['broker-bundle'] ?? join(ROOT, 'dist/index.js'));
  if (brokerBundle && !existsSync(brokerBundle))
    throw new Error(
      `--broker-bundle: no file ${brokerBundle} (build it with npm run build, or run the source with --source)`,
    );
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Math.max(1, Number(values.rounds));
  const rssExchanges = values.rss ? Number(values.rss) : undefined;
  // --exchanges N: every round sends exactly N exchanges to each side instead of a timed burst, so the
  // CPU per exchange is taken over the same work in every run (the load-independent figure to A/B).
  const fixed = values.exchanges ? Math.max(1, Number(values.exchanges)) : undefined;
  const amount = fixed ? { amount: fixed } : {};
  const profileDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
  const { default: autocannon } = await import('autocannon');
  const { startOidcIssuer } = await import('../shared/standins/oidc-issuer.js');
  const issuer = await startOidcIssuer({ audience: AUD });
  const work = mkdtempSync(join(tmpdir(), 'sw-bench-cluster-'));
  mkdirSync(join(work, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(work, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);

  // Every request to a broker is a fresh run: its own token (jti) and run id. Tokens are minted
  // before each timed run (minting is the issuer's cost, not the broker's) and each is sent at most
  // once to a broker. The minimal servers keep no state: they get a fixed set, over and over.
  let minted = 0;
  const mint = async (n: number): Promise<string[]> => {
    const out: string[] = [];
    while (out.length < n) {
      const batch = Math.min(64, n - out.length);
      out.push(
        ...(await Promise.all(
          Array.from({ length: batch }, () =>
            // GitHub's shape: exp - iat = 300 s (the stand-in's default), not an hour (docs/decisions.md).
            issuer.mint({ run_id: String(7_000_000_000 + minted++) }).then(formBody),
          ),
        )),
      );
    }
    return out;
  };
  const minimalBodies = await mint(2000);

  const drive = async (
    targets: Child[],
    bodies: string[],
    unique: boolean,
    opts: { seconds?: number; amount?: number } = {},
  ): Promise<Run> => {
    let next = 0;
    const per = Math.max(1, Math.floor(connections / targets.length));
    const rss: number[] = [];
    const sampler = setInterval(() => {
      for (const t of targets) {
        const kb = procKb(t.proc.pid!, 'VmRSS');
        if (kb) rss.push(mb(kb));
      }
    }, 500);
    // BENCH_ELD: the load generator's own event-loop delay too (its latencies are measured on it).
    const eld = process.env.BENCH_ELD ? monitorEventLoopDelay({ resolution: 5 }) : undefined;
    eld?.enable();
    const cpu0 = targets.map((t) => cpuMs(t.proc.pid!));
    const main0 = targets.map((t) => cpuMs(t.proc.pid!, true));
    // BENCH_ELD: when in the run the slow answers (> 500 ms) came back, by half second since the start.
    const slow: number[] = [];
    const answers = new WeakMap<object, number>();
    let slowFirst = 0;
    const steady: number[][] = targets.map(() => []);
    const start = performance.now();
    const results = await Promise.all(
      targets.map((t, i) => {
        const inst: ReturnType<typeof autocannon> & Partial<EventEmitter> = autocannon({
          url: `${t.url}/token`,
          connections: per,
          ...(opts.amount
            ? {
                amount:
                  Math.floor(opts.amount / targets.length) + (i === 0 ? opts.amount % targets.length : 0),
              }
            : { duration: opts.seconds ?? duration }),
          timeout: 30,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              setupRequest: (req) => ({
                ...req,
                body: unique ? (bodies[next++] ?? bodies[0]!) : bodies[next++ % bodies.length],
              }),
            },
          ],
        });
        inst.on?.('response', (c: object, status: number, _b: number, ms: number) => {
          const n = answers.get(c) ?? 0;
          answers.set(c, n + 1);
          // Every answer but each connection's first: the first pays for its connection's set-up
          // in a burst of `connections` connects (see p99Steady in Run).
          if (n > 0 && status >= 200 && status < 300) steady[i]!.push(ms);
          if (eld && ms > 500) slow.push(performance.now() - start);
          if (eld && ms > 500 && n === 0) slowFirst++;
        });
        return inst;
      }),
    );
    clearInterval(sampler);
    if (eld) {
      eld.disable();
      console.log(
        `  load generator's event-loop delay: max ${(eld.max / 1e6).toFixed(0)} ms, p99 ${(eld.percentile(99) / 1e6).toFixed(0)} ms`,
      );
      const bins = new Map<number, number>();
      for (const t of slow) bins.set(Math.floor(t / 500) / 2, (bins.get(Math.floor(t / 500) / 2) ?? 0) + 1);
      console.log(
        `  answers slower than 500 ms: ${slow.length} (${slowFirst} the first on their connection)${slow.length ? `, returned at (s: count) ${[...bins].map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}`,
      );
    }
    const cpu = targets.reduce((n, t, i) => n + cpuMs(t.proc.pid!) - cpu0[i]!, 0);
    const main = targets.reduce((n, t, i) => n + cpuMs(t.proc.pid!, true) - main0[i]!, 0);
    if (unique) {
      if (next > bodies.length)
        console.log(`  (the token pool ran out: ${next - bodies.length} requests replayed a token)`);
      bodies.splice(0, Math.min(bodies.length, next));
    }
    const ok = results.reduce((n, r) => n + r['2xx'], 0);
    const answered = results.reduce((n, r) => n + r['2xx'] + r.non2xx, 0);
    const elapsed = Math.max(...results.map((r) => r.duration)) || (opts.seconds ?? duration);
    return {
      ok,
      other: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
      rps: ok / elapsed,
      p50: Math.max(...results.map((r) => r.latency.p50)),
      // Several instances: the worst instance's p99 (conservative; histograms are not merged).
      p99: Math.max(...results.map((r) => r.latency.p99)),
      // The worst instance's, as above.
      p99Steady: Math.max(...steady.map((xs) => percentile(xs, 0.99))),
      cpuPerRequest: cpu / Math.max(1, answered),
      mainPerRequest: main / Math.max(1, answered),
      rssMb: rss,
    };
  };

  // Per process, so each of (b)'s two brokers is as warm as (a)'s one (it was half: 768 each).
  // With --exchanges, at least one round's worth: the optimizer's work lands in the warm-up, not round 1.
  // --warm-up N: N per process instead (the same for minimal and broker). The default leaves each
  // broker's JIT still compiling in the rounds (--trace-opt: about 130 Turbofan jobs a broker in round
  // 1, 70 in round 2, 27 in round 3, session 40), per process, so (b)'s two brokers pay it twice.
  const warmUp = values['warm-up']
    ? Math.max(1, Number(values['warm-up']))
    : Math.max(connections * 6, fixed ?? 0);
  const warm = async (targets: Child[], fresh: (n: number) => Promise<string[]>) => {
    for (const c of targets) {
      // One exchange: fetches the issuer's keys and compiles the manifest before the clock starts.
      // Under BENCH_BROKER_WRAP (valgrind) the first exchange may outlast a 10-s deadline (the issuer's
      // keys, the audit file's first sync): asked again, with a fresh token, a few times.
      for (let tries = process.env.BENCH_BROKER_WRAP ? 5 : 1; ; tries--) {
        const r = await fetch(`${c.url}/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: (await fresh(1))[0]!,
        });
        if (r.status === 200) break;
        if (tries <= 1) throw new Error(`warm-up exchange answered ${r.status}: ${await r.text()}`);
        await r.text();
      }
    }
    // Then a short burst of the same kind, unmeasured (JIT, connection set-up, caches), sized by
    // tokens rather than time so that no token is sent twice however fast the server is: the same
    // WARM_UP exchanges per process for minimal and broker, in (a) as in (b) (docs/decisions.md).
    const pool = await fresh(warmUp * targets.length);
    await drive(targets, pool, true, { amount: pool.length });
  };

  const brokerConfig = (name: string, state: string): string => {
    const file = join(work, `${name}.yml`);
    writeFileSync(
      file,
      [
        `listen: 127.0.0.1:0`,
        `url: ${AUD}`,
        `audience: ${AUD}`,
        `issuers: [${issuer.url}]`,
        'require-job-identity: false',
        `manifests: { source: directory, path: ./manifests }`,
        `signing: { key-file: ./${name}-key.json }`,
        `state: ${state}`,
        `rate-limit: { per-repository: 100000000/s }`,
        `audit: ./${name}-audit.jsonl`,
        `max-connections: ${connections * 2}`,
      ].join('\n'),
    );
    return file;
  };

  const line = (label: string, r: Run) =>
    console.log(
      `  ${label.padEnd(22)} ${r.rps.toFixed(0).padStart(6)} exchanges/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  ` +
        `(after first ${r.p99Steady.toFixed(0)})  cpu ${r.cpuPerRequest.toFixed(2)} ms/exchange (event loop ${r.mainPerRequest.toFixed(2)})  (${r.ok} ok, ${r.other} refused, ${r.errors} errors)`,
    );

  const cpus = (await import('node:os')).cpus().length;
  console.log(
    `burst: ${connections} connections, autocannon duration ${duration}s, ${rounds} round(s) per configuration, every request a fresh run (own OIDC token, jti, run id)`,
  );
  console.log(
    `machine: ${cpus} cpu(s), load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, node ${process.version}`,
  );
  console.log(
    `brokers run: ${brokerBundle ? `node ${brokerBundle} broker (the bundle; --source runs shared/ through tsx)` : 'startBroker from the source through tsx (--source)'}`,
  );
  if (process.env.BENCH_BROKER_WRAP) console.log(`brokers run under: ${process.env.BENCH_BROKER_WRAP}`);
  if (values['warm-up']) console.log(`warm-up: ${warmUp} exchanges per process (--warm-up)`);

  const jwksUrl = `${issuer.url}/.well-known/jwks`;
  const summary: string[] = [];

  /** Side by side: minimal and broker processes alive together, driven in turn, `rounds` times. */
  const compare = async (
    label: string,
    n: number,
    state: string,
    minRatio: number,
    maxP99: number,
    redis?: Awaited<ReturnType<typeof redisCounter>>,
  ) => {
    console.log(
      `${label}: ${n} broker(s) on ${state.replace(/:\/\/.*@/, '://***@')} beside ${n} minimal server(s) (${values.minimal} crypto)`,
    );
    const minimal = await Promise.all(
      Array.from({ length: n }, () =>
        spawnRole(['--role', 'minimal', '--jwks', jwksUrl, '--minimal', values.minimal!]),
      ),
    );
    const brokers: Child[] = [];
    try {
      for (let i = 0; i < n; i++)
        brokers.push(
          await spawnRole(
            ['--role', 'broker', '--config', brokerConfig(`${label[1]}-${i}`, state)],
            profileDir,
          ),
        );
      await warm(minimal, async (n) =>
        Array.from({ length: n }, (_, i) => minimalBodies[i % minimalBodies.length]!),
      );
      await warm(brokers, mint);
      const ratios: number[] = [];
      const factors: number[] = [];
      const allFactors: number[] = [];
      const rss: number[] = [];
      const cpu = { broker: [] as number[], minimal: [] as number[], ratio: [] as number[] };
      let granted = 0;
      const counting = values.counts;
      const snap = (cs: Child[]) => sumCounts(cs.map((c) => procCounts(c.proc.pid!)));
      for (let round = 1; round <= rounds; round++) {
        const m0 = snap(minimal);
        const idle0 = snap(brokers);
        const base = await drive(minimal, minimalBodies, false, amount);
        const m1 = snap(minimal);
        const idle1 = snap(brokers);
        // Enough fresh tokens for a broker as fast as the minimal servers, plus a margin.
        const pool = await mint(fixed ?? Math.ceil(base.ok * 1.5) + connections);
        const seen = process.env.BENCH_ELD ? await serverTail(brokers) : undefined;
        const k0 = counting ? await brokerCounters(brokers) : undefined;
        const c0 = counting && redis ? await redis.calls() : undefined;
        const detach = await attach([
          ...brokers.map((b, i) => ({ label: `broker-${i}`, pid: b.proc.pid! })),
          ...(redis ? [{ label: 'redis-server', pid: redis.pid }] : []),
        ]);
        const b0 = snap(brokers);
        const r0 = redis ? procCounts(redis.pid) : undefined;
        // BENCH_NODE_ARGS forwards the children's output (a V8 trace) to stderr: the broker round is marked
        // there, so what the brokers' V8 did in it (--trace-opt's compilations, --trace-gc) can be counted.
        if (process.env.BENCH_NODE_ARGS)
          process.stderr.write(`=== ${label} round ${round}: brokers driven\n`);
        const run = await drive(brokers, pool, true, amount);
        if (process.env.BENCH_NODE_ARGS) process.stderr.write(`=== ${label} round ${round}: brokers done\n`);
        const b1 = snap(brokers);
        const r1 = redis ? procCounts(redis.pid) : undefined;
        // Before the second /metrics read: its gauges ask the store (pending, overdue revocations).
        const c1 = c0 ? await redis!.calls() : undefined;
        const attached = await detach();
        if (seen)
          console.log(`  broker-side POST /token this round: ${tailDelta(seen, await serverTail(brokers))}`);
        if (counting) {
          const done = run.ok + run.other;
          console.log(countsLine(`minimal x${n}`, m0, m1, base.ok + base.other));
          console.log(countsLine(`broker x${n}`, b0, b1, done));
          // What the brokers did while they were not driven (the sweep, timers), per exchange of their round.
          console.log(countsLine(`broker idle`, idle0, idle1, done));
          if (r0 && r1) console.log(countsLine('redis-server', r0, r1, done));
          console.log(
            `  counts broker /metrics in the round (per exchange): ${perExchange(k0!, await brokerCounters(brokers), done, true)}`,
          );
          if (c0 && c1) console.log(`  counts redis commands per exchange: ${perExchange(c0, c1, done)}`);
        }
        for (const l of attached) console.log(l);
        granted += run.ok;
        rss.push(...run.rssMb);
        const ratio = run.rps / base.rps;
        // The verdict's p99: every answer but each connection's first (see p99Steady in Run).
        const factor = run.p99Steady / Math.max(1, base.p99Steady);
        const allFactor = run.p99 / Math.max(1, base.p99);
        ratios.push(ratio);
        factors.push(factor);
        allFactors.push(allFactor);
        cpu.broker.push(run.cpuPerRequest);
        cpu.minimal.push(base.cpuPerRequest);
        // Under one clock tick of the minimal's CPU (a tiny smoke run): no ratio for that round.
        if (base.cpuPerRequest > 0) cpu.ratio.push(run.cpuPerRequest / base.cpuPerRequest);
        console.log(
          `  round ${round}: ratio ${ratio.toFixed(2)}, p99 ${factor.toFixed(2)}x (every answer: ${allFactor.toFixed(2)}x)`,
        );
        line(`minimal x${n}`, base);
        line(`broker x${n}`, run);
      }
      const ratio = median(ratios);
      const factor = median(factors);
      const peak = Math.max(...brokers.map((b) => mb(procKb(b.proc.pid!, 'VmHWM'))));
      const rssLine = `RSS ${rss[0] ?? '?'} -> ${rss.at(-1) ?? '?'} MB over ${granted} timed exchanges, peak ${peak} MB (flat after 100,000: --rss 100000)`;
      const out = [
        `${label}: median of ${rounds}: ratio ${ratio.toFixed(2)} (target >= ${minRatio}: ${verdict(ratio >= minRatio)}), ` +
          `p99 ${factor.toFixed(2)}x (target <= ${maxP99}x: ${verdict(factor <= maxP99)}; ` +
          `each connection's first answer left out; with every answer ${median(allFactors).toFixed(2)}x)`,
        `${label}: ${rssLine}`,
        // The CPU of the server processes (every thread) per answered exchange: the figure least moved
        // by the machine's load (with --exchanges, over the same number of exchanges every round).
        `${label}: cpu per exchange, median of ${rounds}: broker ${median(cpu.broker).toFixed(3)} ms, minimal ${median(cpu.minimal).toFixed(3)} ms, broker/minimal ${cpu.ratio.length ? median(cpu.ratio).toFixed(2) : 'n/a'} (rounds: ${cpu.ratio.map((r) => r.toFixed(2)).join(' / ')})`,
      ];
      for (const l of out) console.log(l);
      summary.push(...out);
    } finally {
      await Promise.all([...minimal, ...brokers].map(stop));
    }
  };

  /**
   * The memory trend: `total` exchanges through the broker(s) in chunks (mint a chunk untimed, send it),
   * the resident set of each broker sampled every 0.5 s; the plateau of a chunk is the median of its
   * samples. Flat: the last chunk's plateau within 10 % of the first's.
   */
  const rssTrend = async (label: string, n: number, state: string, total: number) => {
    const brokers: Child[] = [];
    try {
      for (let i = 0; i < n; i++)
        brokers.push(
          await spawnRole(['--role', 'broker', '--config', brokerConfig(`${label[1]}-rss-${i}`, state)]),
        );
      await warm(brokers, mint);
      const chunk = Math.max(connections, Math.ceil(total / 10));
      const plateaus: number[] = [];
      let done = 0;
      const t0 = Date.now();
      console.log(
        `${label}: RSS trend over ${total} exchanges in chunks of ${chunk} (RSS of ${n} broker process(es), summed)`,
      );
      while (done < total) {
        const size = Math.min(chunk, total - done);
        const pool = await mint(size);
        const run = await drive(brokers, pool, true, { amount: size });
        done += run.ok + run.other;
        // Summed over the instances: samples come in groups of n, one per broker.
        const sums: number[] = [];
        for (let i = 0; i + n <= run.rssMb.length; i += n)
          sums.push(run.rssMb.slice(i, i + n).reduce((a, b) => a + b, 0));
        const plateau = median(
          sums.length ? sums : [brokers.reduce((a, b) => a + mb(procKb(b.proc.pid!, 'VmRSS')), 0)],
        );
        plateaus.push(plateau);
        console.log(
          `  after ${String(done).padStart(7)} exchanges: RSS plateau ${plateau} MB (${run.ok} ok, ${run.other} refused, ${run.errors} errors; ${run.rps.toFixed(0)}/s; ${((Date.now() - t0) / 1000).toFixed(0)} s)`,
        );
      }
      const first = plateaus[0]!;
      const last = plateaus.at(-1)!;
      const peak = brokers.reduce((a, b) => a + mb(procKb(b.proc.pid!, 'VmHWM')), 0);
      const flat = last <= first * 1.1;
      const out = `${label}: RSS first plateau ${first} MB -> last ${last} MB after ${done} exchanges (${(((last - first) * 1024 * 1024) / Math.max(1, done - chunk)).toFixed(0)} bytes/exchange), peak ${peak} MB; flat (last <= first + 10 %): ${verdict(flat)}`;
      console.log(out);
      summary.push(out);
    } finally {
      await Promise.all(brokers.map(stop));
    }
  };

  const run = (
    label: string,
    n: number,
    state: string,
    minRatio: number,
    maxP99: number,
    redis?: Awaited<ReturnType<typeof redisCounter>>,
  ) =>
    rssExchanges
      ? rssTrend(label, n, state, rssExchanges)
      : compare(label, n, state, minRatio, maxP99, redis);

  try {
    // --instances N: N brokers (and N minimal servers) instead of (a)'s one and (b)'s two, a diagnostic:
    // (a) with 2 is two brokers each on its own memory state (not a cluster), so (b) can be set against
    // the same number of processes on the two cores without the Redis path, and (b) with 1 against (a)'s one.
    const instances = values.instances ? Math.max(1, Number(values.instances)) : undefined;
    if (values.only !== 'b') await run('(a) memory', instances ?? 1, 'memory', 0.6, 1.5);
    if (values.only !== 'a') {
      const store = join(ROOT, 'shared/broker/state/redis.ts');
      const redisBin = redisBinary();
      if (!existsSync(store)) summary.push('(b) redis: skipped, the Redis store is not in this tree');
      else if (!redisBin) summary.push('(b) redis: skipped, no redis-server or valkey-server installed');
      else {
        const redis = await startBenchRedis(redisBin);
        try {
          const counter = await redisCounter(redis.port, redis.proc.pid!);
          await run('(b) redis', instances ?? 2, `redis://127.0.0.1:${redis.port}`, 0.5, 2, counter);
          summary.push(...(await counter.report()));
        } finally {
          redis.stop();
        }
      }
    }
  } finally {
    await issuer.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log('\nsummary');
  for (const l of summary) console.log(`  ${l}`);
}

await main();
// The summary is out; fetch's idle keep-alive sockets to the stopped servers would hold the process
// ~4 s more for nothing (stdout to a pipe or file is synchronous on Linux: nothing is cut).
if (!parseArgs({ strict: false }).values.role) process.exit(0);
