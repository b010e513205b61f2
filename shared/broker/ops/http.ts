/**
 * The operator's endpoints and the HTTP life cycle around the broker's own routes: GET /metrics
 * (Prometheus text, optionally behind a bearer token), GET /readyz (503 with the failing part), the
 * in-flight count and exchange latency, and drain: on close, stop accepting, answer /readyz 503,
 * let in-flight exchanges finish within a deadline, then cut what is left.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendJson } from '../../standins/http.js';
import type { Logger } from './log.js';
import type { BrokerMetrics } from './metrics.js';
import { runChecks, type ReadinessCheck, type ReadinessResult } from './readiness.js';

export interface BrokerOps {
  readonly metrics?: BrokerMetrics;
  /** The operational log (stderr); the sweep's errors go there. Default: JSON lines on stderr. */
  readonly log?: Logger;
  /** sha256 hex of the bearer token /metrics requires; absent: /metrics is open. */
  readonly metricsTokenHash?: string;
  readonly readiness?: readonly ReadinessCheck[];
  /** How long close() waits for in-flight requests before cutting them, ms (default 10 s). */
  readonly drainTimeoutMs?: number;
  /**
   * How long close() keeps accepting after /readyz turned 503, ms (default 0): long enough for the
   * load balancer to notice, so no client connects to a listener that is about to go away.
   */
  readonly drainDelayMs?: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

function bearerMatches(header: string | undefined, hash: string): boolean {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return !!m && timingSafeEqual(sha256(m[1]!.trim()), Buffer.from(hash, 'hex'));
}

export class OpsHttp {
  private inflight = 0;
  private draining = false;
  private lastArrival = 0;
  /** Per connection, the requests not yet settled (their in-flight count and exchange timing). */
  private readonly unsettled = new WeakMap<Socket, Set<() => void>>();

  constructor(private readonly ops: BrokerOps = {}) {}

  /** Answers the operator routes (true), or sets up accounting for a broker route (false). */
  async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/readyz') {
      if (this.draining) {
        sendJson(res, 503, { ready: false, checks: { draining: { ok: false, detail: 'shutting down' } } });
        return true;
      }
      const r = await this.readiness();
      // The failing part is named to anyone (a load balancer needs no more); why it fails (file paths,
      // store and network errors) only to whoever may read /metrics.
      const full =
        !this.ops.metricsTokenHash || bearerMatches(req.headers.authorization, this.ops.metricsTokenHash);
      sendJson(
        res,
        r.ready ? 200 : 503,
        full
          ? r
          : {
              ready: r.ready,
              checks: Object.fromEntries(Object.entries(r.checks).map(([k, c]) => [k, { ok: c.ok }])),
            },
      );
      return true;
    }
    if (req.method === 'GET' && path === '/metrics' && this.ops.metrics) {
      if (this.ops.metricsTokenHash && !bearerMatches(req.headers.authorization, this.ops.metricsTokenHash)) {
        sendJson(res, 401, {
          error: 'invalid_client',
          error_description: 'ERR_METRICS_UNAUTHORIZED: bearer token required',
        });
        return true;
      }
      const text = await this.ops.metrics.text();
      res.writeHead(200, {
        'content-type': this.ops.metrics.registry.contentType,
        'cache-control': 'no-store',
      });
      res.end(text);
      return true;
    }
    this.inflight++;
    this.lastArrival = Date.now();
    this.ops.metrics?.inflight.inc();
    if (this.draining) res.setHeader('connection', 'close');
    const started = req.method === 'POST' && path === '/token' ? performance.now() : undefined;
    // One listener per request, on the response's 'close': node emits it on every response that got
    // the socket, a tick after 'finish' when the answer was written and at once when the connection
    // went first. What each request holds until then (under a burst, across several scavenges) is
    // this closure and a number, not a timer closure and two once-wrappers (docs/performance.md,
    // "Session 21"). A pipelined response still queued behind another never gets the socket and never
    // emits 'close' when the connection goes: the socket's own 'close' settles those (one listener per
    // socket, not per request, so keep-alive connections do not pile listeners up).
    const socket = req.socket;
    let queued = this.unsettled.get(socket);
    if (!queued) {
      const set = new Set<() => void>();
      queued = set;
      this.unsettled.set(socket, set);
      socket.once('close', () => {
        for (const settle of set) settle();
      });
    }
    const pending = queued;
    const settle = () => {
      if (!pending.delete(settle)) return;
      if (started !== undefined)
        this.ops.metrics?.exchangeSeconds.observe(
          // A response the broker never finished (the client went first) is not labelled 200.
          res.writableEnded ? String(res.statusCode) : 'aborted',
          (performance.now() - started) / 1000,
        );
      this.inflight--;
      this.ops.metrics?.inflight.dec();
    };
    pending.add(settle);
    res.once('close', settle);
    if (socket.closed) queueMicrotask(settle);
    return false;
  }

  /**
   * One run of the probes at a time, its answer shared by every /readyz that arrives while it runs:
   * each run costs a store round trip and INFO, and /readyz is unauthenticated, so a flood of it must
   * not become a flood at the store. Nothing is reused after the run: a flip shows at the next call.
   */
  private probing?: Promise<ReadinessResult>;
  private readiness(): Promise<ReadinessResult> {
    this.probing ??= runChecks(this.ops.readiness ?? [])
      .then((result) => {
        for (const [name, c] of Object.entries(result.checks))
          this.ops.metrics?.ready.set({ check: name }, c.ok ? 1 : 0);
        return result;
      })
      .finally(() => (this.probing = undefined));
    return this.probing;
  }

  get inFlight(): number {
    return this.inflight;
  }

  /**
   * Stop accepting, finish in-flight requests within the deadline, then cut the rest. Node's
   * server.close() also drops every connection without a parsed request, which under load includes
   * connections already accepted whose request is still in the socket buffer: their clients would see
   * a reset. So the listener is closed without that, accepted connections get a quiet period to
   * deliver their requests (answered with `Connection: close`), and only then is the rest cut.
   */
  async drain(server: Server, quietMs = 200): Promise<{ cut: number }> {
    this.draining = true;
    if (this.ops.drainDelayMs) await new Promise((r) => setTimeout(r, this.ops.drainDelayMs));
    // Closing the listener resets every connection still queued on it (clients that sent their request
    // before SIGTERM would see ECONNRESET). A poll phase, which accepts them, runs between two check
    // phases: turn the loop until a poll brings no new connection, then close.
    let accepted = 0;
    const count = () => void accepted++;
    server.on('connection', count);
    const turn = () => new Promise((r) => setImmediate(r));
    for (let i = 0; i < 100; i++) {
      const before = accepted;
      await turn();
      await turn();
      if (accepted === before) break;
    }
    server.off('connection', count);
    const closeIdle = server.closeIdleConnections;
    server.closeIdleConnections = () => undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections = closeIdle;
    const until = Date.now() + (this.ops.drainTimeoutMs ?? 10_000);
    while (Date.now() < until && (this.inflight > 0 || Date.now() - this.lastArrival < quietMs))
      await new Promise((r) => setTimeout(r, 20));
    const cut = this.inflight;
    server.closeAllConnections();
    await closed;
    return { cut };
  }
}
