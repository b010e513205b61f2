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
 * Run:  npx tsx bench/broker-cluster.ts [--duration 5] [--connections 256] [--only a|b]
 * Profile the broker: BENCH_CPU_PROF=DIR writes a .cpuprofile of each broker process into DIR.
 * Never part of `npm test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

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

async function minimalServer(jwksUrl: string): Promise<void> {
  const { createServer: createHttp } = await import('node:http');
  const { createLocalJWKSet, jwtVerify, SignJWT, generateKeyPair } = await import('jose');
  const jwks = createLocalJWKSet((await (await fetch(jwksUrl)).json()) as never);
  const { privateKey } = await generateKeyPair('ES256');
  const server = createHttp((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
          const { payload } = await jwtVerify(form.get('subject_token') ?? '', jwks, {
            algorithms: ['RS256'],
            audience: AUD,
          });
          const token = await new SignJWT({ scope: 'notify:send' })
            .setProtectedHeader({ alg: 'ES256' })
            .setSubject(String(payload.sub))
            .setAudience(SERVICE)
            .setIssuedAt()
            .setExpirationTime('1m')
            .sign(privateKey);
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
  /** Resident set samples (kB) from /proc, taken during the run. */
  readonly rss: number[];
}

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => ok(port));
    });
  });
}

function procKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function spawnRole(args: string[], profileDir?: string): Promise<Child> {
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    '--import',
    'tsx',
    join(HERE, 'broker-cluster.ts'),
    ...args,
  ];
  const proc = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Shared-store brokers seal the GitHub tokens they keep; every instance gets the same key.
    env: { ...process.env, STEPWARDEN_STATE_KEY: STATE_KEY },
  });
  let err = '';
  proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) ok(m[1]!);
    });
    proc.once('exit', (code) => fail(new Error(`${args.join(' ')} exited ${code}: ${err.trim()}`)));
  });
  return { url, proc, rss: [] };
}

async function stop(c: Child): Promise<void> {
  if (c.proc.exitCode !== null) return;
  const exited = new Promise((r) => c.proc.once('exit', r));
  c.proc.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
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
  readonly peakRssMb: number;
  readonly rssMb: number[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      jwks: { type: 'string' },
      config: { type: 'string' },
      duration: { type: 'string', default: '5' },
      connections: { type: 'string', default: '256' },
      only: { type: 'string' },
    },
  });
  if (values.role === 'minimal') return minimalServer(values.jwks!);
  if (values.role === 'broker') return brokerServer(values.config!);

  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const profileDir = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
  const { default: autocannon } = await import('autocannon');
  const { startOidcIssuer } = await import('../shared/standins/oidc-issuer.js');
  const issuer = await startOidcIssuer({ audience: AUD });
  const work = mkdtempSync(join(tmpdir(), 'sw-bench-cluster-'));
  mkdirSync(join(work, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(work, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);

  // Every request is a fresh run: its own token (jti) and run id. Tokens are minted before the
  // timed run (minting is the issuer's cost, not the broker's) and each is sent at most once to a
  // broker; the minimal servers keep no state, so they may see a token twice.
  const bodies: string[] = [];
  let minted = 0;
  const mintUpTo = async (n: number) => {
    for (; bodies.length < n; minted++)
      bodies.push(formBody(await issuer.mint({ run_id: `bench-${minted}` }, { expiresIn: 3600 })));
  };

  const drive = async (targets: Child[], unique: boolean, seconds = duration): Promise<Run> => {
    let next = 0;
    const per = Math.max(1, Math.floor(connections / targets.length));
    const sampler = setInterval(() => {
      for (const t of targets) {
        const kb = procKb(t.proc.pid!, 'VmRSS');
        if (kb) t.rss.push(kb);
      }
    }, 500);
    const results = await Promise.all(
      targets.map((t) =>
        autocannon({
          url: `${t.url}/token`,
          connections: per,
          duration: seconds,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              setupRequest: (req) => {
                if (unique && next >= bodies.length) return undefined as never; // pool used up
                return { ...req, body: bodies[next++ % bodies.length] };
              },
            },
          ],
        }),
      ),
    );
    clearInterval(sampler);
    const ok = results.reduce((n, r) => n + r['2xx'], 0);
    const elapsed = Math.max(...results.map((r) => r.duration)) || seconds;
    if (unique) bodies.splice(0, Math.min(bodies.length, next));
    return {
      ok,
      other: results.reduce((n, r) => n + r.non2xx, 0),
      errors: results.reduce((n, r) => n + r.errors + r.timeouts, 0),
      rps: ok / elapsed,
      p50: Math.max(...results.map((r) => r.latency.p50)),
      // Several instances: the worst instance's p99 (conservative; histograms are not merged).
      p99: Math.max(...results.map((r) => r.latency.p99)),
      peakRssMb: Math.max(...targets.map((t) => (procKb(t.proc.pid!, 'VmHWM') ?? 0) / 1024)),
      rssMb: targets.flatMap((t) => t.rss.map((kb) => Math.round(kb / 1024))),
    };
  };

  const warm = async (c: Child) => {
    // One exchange: fetches the issuer's keys and compiles the manifest before the clock starts.
    await mintUpTo(1);
    const r = await fetch(`${c.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: bodies.shift()!,
    });
    if (r.status !== 200) throw new Error(`warm-up exchange answered ${r.status}: ${await r.text()}`);
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
      `${label.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} exchanges/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  ` +
        `(${r.ok} ok, ${r.other} refused, ${r.errors} errors; peak RSS ${r.peakRssMb.toFixed(0)} MB)`,
    );
  const verdict = (label: string, r: Run, base: Run, minRatio: number, maxP99: number) => {
    const ratio = r.rps / base.rps;
    const p99 = r.p99 / Math.max(1, base.p99);
    console.log(
      `${label}: ratio ${ratio.toFixed(2)} (target >= ${minRatio}), p99 ${p99.toFixed(2)}x (target <= ${maxP99}x): ${
        ratio >= minRatio && p99 <= maxP99 ? 'met' : 'NOT met'
      }`,
    );
    if (r.rssMb.length)
      console.log(
        `${label}: RSS over the run ${r.rssMb[0]} -> ${r.rssMb.at(-1)} MB after ${r.ok} exchanges (samples every 0.5 s)`,
      );
  };

  console.log(
    `burst: ${connections} connections, autocannon duration ${duration}s, every request a fresh run (own OIDC token, jti, run id); node ${process.version}`,
  );
  await mintUpTo(2000);

  const jwksUrl = `${issuer.url}/.well-known/jwks`;
  const runPair = async (label: string, n: number, state: string, minRatio: number, maxP99: number) => {
    const minimal = await Promise.all(
      Array.from({ length: n }, () => spawnRole(['--role', 'minimal', '--jwks', jwksUrl])),
    );
    for (const m of minimal) await warm(m);
    // One second of the same burst first, unmeasured, for both: JIT, connection set-up, caches.
    await drive(minimal, false, 1);
    const base = await drive(minimal, false);
    await Promise.all(minimal.map(stop));
    line(`${label} minimal x${n}`, base);
    // Enough fresh tokens for a broker as fast as the minimal servers, plus a margin.
    const t0 = Date.now();
    await mintUpTo(Math.ceil(base.ok * 1.4) + 100);
    if (Date.now() - t0 > 1000)
      console.log(`(minted ${bodies.length} tokens in ${((Date.now() - t0) / 1000).toFixed(0)}s)`);
    const brokers = [];
    for (let i = 0; i < n; i++)
      brokers.push(
        await spawnRole(['--role', 'broker', '--config', brokerConfig(`${label}-${i}`, state)], profileDir),
      );
    try {
      for (const b of brokers) await warm(b);
      await drive(brokers, true, 1);
      const run = await drive(brokers, true);
      line(`${label} broker x${n} (${state.split('@').pop()})`, run);
      verdict(label, run, base, minRatio, maxP99);
    } finally {
      await Promise.all(brokers.map(stop));
    }
  };

  try {
    if (values.only !== 'b') await runPair('(a) memory', 1, 'memory', 0.6, 1.5);
    if (values.only !== 'a') {
      const store = join(ROOT, 'shared/broker/state/redis.ts');
      const redisBin = [
        '/usr/bin/redis-server',
        '/usr/local/bin/redis-server',
        '/usr/bin/valkey-server',
      ].find(existsSync);
      if (!existsSync(store))
        console.log(
          '(b) redis: skipped, the Redis store (shared/broker/state/redis.ts) is not in this tree yet',
        );
      else if (!redisBin) console.log('(b) redis: skipped, no redis-server or valkey-server installed');
      else {
        const port = await freePort();
        const redis = spawn(
          redisBin,
          ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
          {
            stdio: 'ignore',
          },
        );
        try {
          await new Promise((r) => setTimeout(r, 300));
          await runPair('(b) redis', 2, `redis://127.0.0.1:${port}`, 0.5, 2);
        } catch (err) {
          console.log(
            `(b) redis: skipped, the brokers did not start on redis: ${(err as Error).message.split('\n')[0]}`,
          );
        } finally {
          redis.kill('SIGTERM');
        }
      }
    }
  } finally {
    await issuer.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
