/**
 * A real redis-server for tests: a free 127.0.0.1 port, a temp dir, AOF on so a restart keeps the
 * data, stopped at the end. No skip: a machine without redis-server fails with how to install it.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** A plain client on the same server (for assertions and cleanup). */
  client(): Redis;
  /** Stops it (SIGTERM: AOF is flushed) and starts it again on the same port and dir. */
  restart(): Promise<void>;
  /**
   * Stops the server but keeps its port and dir (an outage): SIGTERM (a clean shutdown) or SIGKILL (a
   * crash; the AOF is fsynced per write); `up()` starts it again.
   */
  down(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts it again after `down`, on the same port and dir. */
  up(): Promise<void>;
  /**
   * A restart without persistence (or of a server whose disk was lost): SIGKILL, its data files
   * deleted, started again empty on the same port.
   */
  lose(): Promise<void>;
  /** An RDB snapshot of the data now (SAVE), copied aside: what a backup or an older RDB holds. */
  snapshot(): Promise<string>;
  /**
   * The server restored from `snapshot()`'s copy (SIGKILL, its files replaced by that RDB, started
   * again on the same port): everything written since the snapshot is gone, its keys are there.
   */
  restore(snapshot: string): Promise<void>;
  stop(): Promise<void>;
}

const CANDIDATES = [process.env.REDIS_SERVER, '/usr/bin/redis-server', '/usr/local/bin/redis-server'];

function binary(): string {
  for (const c of CANDIDATES) if (c && existsSync(c)) return c;
  throw new Error(
    'redis-server is not installed: the Redis store and cluster tests need it. Install it with `sudo apt-get install -y redis-server` (Debian/Ubuntu) or `brew install redis`, or set REDIS_SERVER to its path.',
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One PING over a raw socket: true once the server answers. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
  });
}

/**
 * `replicaOf`: the port of a primary on 127.0.0.1 this server replicates; `args`: more redis-server
 * options (e.g. a TLS port beside the plain one the assertions use).
 */
export async function startRedis(opts: { replicaOf?: number; args?: string[] } = {}): Promise<RedisServer> {
  const bin = binary();
  const dir = mkdtempSync(join(tmpdir(), 'sw-redis-'));
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const clients: Redis[] = [];

  const launch = async (extra: string[] = []) => {
    const p = spawn(
      bin,
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'always',
        '--save',
        '',
        '--daemonize',
        'no',
        '--loglevel',
        'warning',
        // A replica syncs at once instead of after the default 5 s wait for more replicas.
        '--repl-diskless-sync-delay',
        '0',
        ...(opts.replicaOf ? ['--replicaof', '127.0.0.1', String(opts.replicaOf)] : []),
        ...(opts.args ?? []),
        ...extra,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    proc = p;
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (p.exitCode !== null) throw new Error(`redis-server exited (${p.exitCode}): ${stderr}`);
      if (await pong(port)) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on ${port}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const halt = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') => {
    const p = proc;
    // A process killed by a signal has no exit code: its signalCode says it is gone too.
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      // SIGTERM flushes the AOF; a server that does not stop in 5 s is killed.
      const hard = setTimeout(() => p.kill('SIGKILL'), 5000);
      p.once('close', () => {
        clearTimeout(hard);
        resolve();
      });
      p.kill(signal);
    });
  };

  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    client() {
      const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, disconnectTimeout: 200 });
      c.on('error', () => undefined);
      clients.push(c);
      return c;
    },
    async restart() {
      await halt();
      await launch();
    },
    async down(signal = 'SIGTERM') {
      await halt(signal);
    },
    async up() {
      await launch();
    },
    async lose() {
      await halt('SIGKILL');
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
      await launch();
    },
    async snapshot() {
      const c = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await c.connect();
        await c.save();
      } finally {
        c.disconnect();
      }
      const copy = join(dir, `..`, `${dir.split('/').pop()}-snapshot-${Date.now()}.rdb`);
      copyFileSync(join(dir, 'dump.rdb'), copy);
      return copy;
    },
    async restore(snapshot) {
      await halt('SIGKILL');
      for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true });
      copyFileSync(snapshot, join(dir, 'dump.rdb'));
      rmSync(snapshot, { force: true });
      // With appendonly yes and no AOF, redis-server starts empty and ignores the RDB: a restore from
      // an RDB starts without AOF (as an operator does, turning it on again afterwards).
      await launch(['--appendonly', 'no']);
    },
    async stop() {
      await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
      await halt();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Sentinel {
  readonly port: number;
  /** The Sentinel's view of the primary's address (`host:port`). */
  primary(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * One Sentinel (redis-server --sentinel, quorum 1) watching `primaryPort` as `name`: a primary gone
 * for `downAfterMs` is failed over to its replica. One Sentinel is enough on loopback (no partitions);
 * production runs three.
 */
export async function startSentinel(
  primaryPort: number,
  name: string,
  downAfterMs = 1000,
  /** Sentinels that must agree the primary is down (several Sentinels: production's 2 of 3). */
  quorum = 1,
): Promise<Sentinel> {
  const bin = binary();
  const dir = mkdtempSync(join(tmpdir(), 'sw-sentinel-'));
  const port = await freePort();
  const conf = join(dir, 'sentinel.conf');
  // Sentinel rewrites its config file, so it lives in the temp dir.
  writeFileSync(
    conf,
    [
      `port ${port}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primaryPort} ${quorum}`,
      `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
      `sentinel failover-timeout ${name} 5000`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ].join('\n'),
  );
  const p = spawn(bin, [conf, '--sentinel', '--loglevel', 'warning'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await pong(port))) {
    if (p.exitCode !== null) throw new Error(`redis sentinel exited (${p.exitCode}): ${stderr}`);
    if (Date.now() > deadline) throw new Error(`redis sentinel did not start on ${port}: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, disconnectTimeout: 200 });
  client.on('error', () => undefined);
  return {
    port,
    async primary() {
      const addr = (await client.call('SENTINEL', 'get-master-addr-by-name', name)) as string[] | null;
      return addr ? `${addr[0]}:${addr[1]}` : '';
    },
    async stop() {
      client.disconnect();
      if (p.exitCode === null && p.signalCode === null)
        await new Promise<void>((resolve) => {
          p.once('close', () => resolve());
          p.kill('SIGKILL');
        });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A redis-server for the calling describe block: started before its tests, stopped after them. */
export function redisForSuite(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedis();
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => server!;
}
