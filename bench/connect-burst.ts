/**
 * The first answer on each connection of a 256-connection burst, against a bare node:http server
 * that burns a fixed CPU time per request (0, 150, 300 µs): no broker, no crypto. Shows that the
 * slow first answers `bench/broker-cluster.ts` sees come from a busy Node server under a burst of
 * connects, whatever it computes (docs/performance.md, "Session 9").
 *
 * Run: npx tsx bench/connect-burst.ts [--connections 256] [--duration 3]   (seconds per round; under
 *      the bench lock on a shared machine)
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';

// The server also notes when each connection was accepted (from the first one): asked over IPC
// after a round, it prints how many it accepted and when.
const server = (burnUs: number) => `
const http = require('node:http');
let t0 = 0;
let accepted = [];
const s = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const t = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - t) < ${burnUs} * 1000);
    res.end('{}');
  });
});
s.on('connection', () => {
  if (!t0) t0 = performance.now();
  accepted.push(performance.now() - t0);
});
process.on('message', () => {
  const a = accepted.sort((x, y) => x - y);
  const q = (p) => (a[Math.min(a.length - 1, Math.floor(p * a.length))] ?? NaN).toFixed(0);
  console.log('  server: ' + a.length + ' connections accepted, at ms p50 ' + q(0.5) + ', p90 ' + q(0.9) + ', last ' + q(1));
  accepted = [];
  t0 = 0;
});
s.listen(0, '127.0.0.1', () => console.log('READY ' + s.address().port));`;

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '256' },
    duration: { type: 'string', default: '3' },
  },
});

for (const burn of [0, 150, 300]) {
  const child = spawn(process.execPath, ['-e', server(burn)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  child.stdout!.on('data', (c: Buffer) => {
    if (!c.toString().startsWith('READY')) process.stdout.write(c);
  });
  const port = await new Promise<string>((ok) =>
    child.stdout!.on('data', (c: Buffer) => {
      const m = /READY (\d+)/.exec(c.toString());
      if (m) ok(m[1]!);
    }),
  );
  for (let round = 1; round <= 2; round++) {
    const answers = new WeakMap<object, number>();
    let slowFirst = 0;
    let slowLater = 0;
    let firstMax = 0;
    const run: ReturnType<typeof autocannon> & Partial<EventEmitter> = autocannon({
      url: `http://127.0.0.1:${port}/`,
      connections: Number(values.connections),
      duration: Number(values.duration),
      // autocannon looks at its stop flag once per sample (1 s by default): a round shorter than that
      // (the smoke test's) would still last a second.
      sampleInt: Math.min(1000, Number(values.duration) * 1000),
      method: 'POST',
      body: 'x'.repeat(900),
    });
    run.on?.('response', (c: object, _s: number, _b: number, ms: number) => {
      const n = answers.get(c) ?? 0;
      answers.set(c, n + 1);
      if (n === 0) firstMax = Math.max(firstMax, ms);
      if (ms > 300) {
        if (n === 0) slowFirst++;
        else slowLater++;
      }
    });
    const r = await run;
    console.log(
      `burn ${burn} µs, round ${round}: ${(r.requests.total / r.duration).toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; ` +
        `slowest first answer ${firstMax.toFixed(0)} ms; answers over 300 ms: ${slowFirst} first on their connection, ${slowLater} later`,
    );
    child.send('report');
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill();
}
