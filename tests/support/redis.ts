/**
 * A real redis-server for tests: a 127.0.0.1 port reserved for it, a temp dir, AOF on so a restart
 * keeps the data, stopped at the end. No skip: a machine without redis-server fails with how to
 * install it.
 *
 * Ports: redis-server cannot listen on port 0 and tell us the port (`--port 0` turns TCP off), and a
 * restart must come back on the same port, so the port is chosen here, and made impossible to lose:
 * - below the kernel's ephemeral range, where neither bind(0) (every other server of the tests) nor
 *   connect() ever lands;
 * - reserved across processes by a lock file (two suites at once cannot draw the same port, nor take
 *   it while its server restarts);
 * - a start whose bind fails (something else holds the port) is retried on another port, and the
 *   server that answers is checked to be the one started (its process id), never a stranger.
 */
import { afterAll, beforeAll } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** The TLS port, when started with `tls`. */
  readonly tlsPort?: number;
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

/** A free port from the kernel (bind(0)): for servers that can listen on it at once, not for redis. */
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

/** The first port of the kernel's ephemeral range (bind(0) and connect() take ports from there up). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (Number.isInteger(low) && low > 0) return low;
  } catch {
    // not Linux: IANA's range, which macOS uses
  }
  return 49152;
}

const PORT_LOCKS = join(tmpdir(), 'stepwarden-test-ports');
const PORT_FLOOR = 10_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A port no other test server can be given or draw while it is held (see the file's comment). */
export interface ReservedPort {
  readonly port: number;
  release(): void;
}

export function reservePort(): ReservedPort {
  mkdirSync(PORT_LOCKS, { recursive: true });
  const top = Math.max(PORT_FLOOR + 1000, ephemeralLow()) - 1;
  for (let i = 0; i < 1000; i++) {
    const port = PORT_FLOOR + randomInt(top - PORT_FLOOR + 1);
    const lock = join(PORT_LOCKS, String(port));
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // Held by a process that died without releasing it: cleared for a later draw, not taken now.
      const owner = Number(readFileSync(lock, 'utf8'));
      if (owner > 0 && !alive(owner)) rmSync(lock, { force: true });
      continue;
    }
    return { port, release: () => rmSync(lock, { force: true }) };
  }
  throw new Error(`no free port to reserve in ${PORT_FLOOR}-${top} (locks in ${PORT_LOCKS})`);
}

/**
 * The process id of the redis-server answering on `port` once it serves commands (INFO over a raw
 * socket; not while it still loads its data, as PING's -LOADING said before), else undefined.
 */
function answeringPid(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    const done = (pid: number | undefined) => {
      sock.destroy();
      resolve(pid);
    };
    sock.setTimeout(1000, () => done(undefined));
    sock.on('error', () => done(undefined));
    sock.on('connect', () => sock.write('INFO server persistence\r\n'));
    sock.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const head = got.indexOf('\r\n');
      if (head < 0) return;
      if (got[0] !== 0x24 /* $ */) return done(undefined);
      const end = head + 2 + Number(got.subarray(1, head).toString());
      if (got.length < end) return;
      const info = got.subarray(head + 2, end).toString();
      const pid = /^process_id:(\d+)\r?$/m.exec(info);
      done(pid && !/^loading:1\r?$/m.test(info) ? Number(pid[1]) : undefined);
    });
  });
}

/** The bind failure redis-server exits with when its port is taken. */
const BIND_FAILED = /Address already in use|Could not create server TCP listening socket/;

/**
 * Starts `spawnOn(ports)` until the server answers as itself: a bind failure (the port taken by a
 * process outside the reservations) is retried on fresh ports, `tries` times; any other exit throws.
 */
async function startOnReserved(
  count: number,
  spawnOn: (ports: number[]) => ChildProcess,
  what: string,
  tries = 10,
): Promise<{ proc: ChildProcess; ports: ReservedPort[]; stderr: () => string }> {
  for (let attempt = 1; ; attempt++) {
    const ports = Array.from({ length: count }, () => reservePort());
    const p = spawnOn(ports.map((r) => r.port));
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await answering(p, ports[0]!.port, () => stderr, what);
      return { proc: p, ports, stderr: () => stderr };
    } catch (err) {
      for (const r of ports) r.release();
      if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
      if (!BIND_FAILED.test(stderr) || attempt >= tries) throw err;
    }
  }
}

/**
 * Waits until `p` itself answers on `port` (10 s); throws when it exits. Another process answering
 * there is waited out: ours then fails to bind and exits, with the reason in its stderr.
 */
async function answering(p: ChildProcess, port: number, stderr: () => string, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (p.exitCode !== null || p.signalCode !== null)
      throw new Error(`${what} exited (${p.exitCode ?? p.signalCode}): ${stderr()}`);
    if ((await answeringPid(port)) === p.pid) return;
    if (Date.now() > deadline) throw new Error(`${what} did not start on ${port}: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `replicaOf`: the port of a primary on 127.0.0.1 this server replicates; `args`: more redis-server
 * options (e.g. a TLS port beside the plain one the assertions use).
 */
export async function startRedis(
  opts: {
    replicaOf?: number;
    args?: string[];
    /** TLS options but the port: a TLS port is reserved beside the plain one (`tlsPort`). */
    tls?: string[];
  } = {},
): Promise<RedisServer> {
  const bin = binary();
  const dir = mkdtempSync(join(tmpdir(), 'sw-redis-'));
  let proc: ChildProcess | undefined;
  let ports: number[] = [];
  const clients: Redis[] = [];

  const spawnOn = (on: number[], extra: string[] = []) => {
    const p = spawn(
      bin,
      [
        '--port',
        String(on[0]),
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
        ...(opts.tls ? ['--tls-port', String(on[1]), ...opts.tls] : []),
        ...(opts.args ?? []),
        ...extra,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    proc = p;
    return p;
  };
  // The first start draws its ports (again on a bind failure); they stay reserved until stop().
  const first = await startOnReserved(opts.tls ? 2 : 1, (on) => spawnOn(on), 'redis-server');
  ports = first.ports.map((r) => r.port);
  const port = ports[0]!;
  const launch = async (extra: string[] = []) => {
    const p = spawnOn(ports, extra);
    let stderr = '';
    p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await answering(p, port, () => stderr, 'redis-server');
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

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    ...(opts.tls ? { tlsPort: ports[1]! } : {}),
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
      for (const r of first.ports) r.release();
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
  const conf = join(dir, 'sentinel.conf');
  // Sentinel rewrites its config file, so it lives in the temp dir (written again per port drawn).
  const spawnOn = ([port]: number[]) => {
    writeConf(port!);
    return spawn(bin, [conf, '--sentinel', '--loglevel', 'warning'], { stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const writeConf = (port: number) =>
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
  const { proc: p, ports } = await startOnReserved(1, spawnOn, 'redis sentinel');
  const port = ports[0]!.port;
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
      ports[0]!.release();
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
