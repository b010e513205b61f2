/**
 * A throw-away redis-server for the benches (bench/broker-cluster.ts, bench/redis-store.ts): no
 * persistence, 127.0.0.1, a port found free. Not a bench itself (tests/bench/smoke.test.ts lists it
 * as a module). Ready means it answered PING, not that some time passed: the benches used to sleep
 * 300 ms and hope, which a loaded CI machine does not honour. A start whose bind fails (another
 * process took the port between our probe and redis-server's bind) is retried on another port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';

export const REDIS_BINARIES = [
  '/usr/bin/redis-server',
  '/usr/local/bin/redis-server',
  '/usr/bin/valkey-server',
];

export interface BenchRedis {
  readonly port: number;
  readonly proc: ChildProcess;
  stop(): void;
}

export function redisBinary(): string | undefined {
  return REDIS_BINARIES.find(existsSync);
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer()
      .on('error', fail)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => ok(port));
      });
  });
}

/** True once the server on `port` answers PING with +PONG. */
function pong(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d: Buffer) => {
      reply += d.toString();
      if (reply.includes('\r\n')) socket.end();
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(reply.startsWith('+PONG')));
  });
}

/** Starts one; `deadlineMs` bounds the wait for its first PONG (generous: a loaded machine). */
export async function startBenchRedis(bin: string, deadlineMs = 30_000): Promise<BenchRedis> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const proc = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    let exited = false;
    proc.on('exit', () => (exited = true));
    const until = Date.now() + deadlineMs;
    while (!exited && Date.now() < until && !(await pong(port))) await new Promise((r) => setTimeout(r, 50));
    if (!exited && (await pong(port))) return { port, proc, stop: () => proc.kill('SIGTERM') };
    proc.kill('SIGKILL');
    if (!exited && Date.now() >= until)
      throw new Error(`${bin} did not answer PING on ${port} within ${deadlineMs} ms`);
    if (attempt === 3) throw new Error(`${bin} exited at start three times (ports taken?)`);
  }
}
