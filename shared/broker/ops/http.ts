/**
 * The operator's endpoints and the HTTP life cycle around the broker's own routes: GET /metrics
 * (Prometheus text, optionally behind a bearer token), GET /readyz (503 with the failing part), the
 * in-flight count and exchange latency, and drain: on close, stop accepting, answer /readyz 503,
 * let in-flight exchanges finish within a deadline, then cut what is left.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { sendJson } from '../../standins/http.js';
import type { BrokerMetrics } from './metrics.js';
import { runChecks, type ReadinessCheck } from './readiness.js';

export interface BrokerOps {
  readonly metrics?: BrokerMetrics;
  /** sha256 hex of the bearer token /metrics requires; absent: /metrics is open. */
  readonly metricsTokenHash?: string;
  readonly readiness?: readonly ReadinessCheck[];
  /** How long close() waits for in-flight requests before cutting them, ms (default 10 s). */
  readonly drainTimeoutMs?: number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest();

function bearerMatches(header: string | undefined, hash: string): boolean {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return !!m && timingSafeEqual(sha256(m[1]!.trim()), Buffer.from(hash, 'hex'));
}

export class OpsHttp {
  private inflight = 0;
  private draining = false;
  private idle: (() => void)[] = [];

  constructor(private readonly ops: BrokerOps = {}) {}

  /** Answers the operator routes (true), or sets up accounting for a broker route (false). */
  async route(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/readyz') {
      if (this.draining) {
        sendJson(res, 503, { ready: false, checks: { draining: { ok: false, detail: 'shutting down' } } });
        return true;
      }
      const r = await runChecks(this.ops.readiness ?? []);
      for (const [name, c] of Object.entries(r.checks))
        this.ops.metrics?.ready.set({ check: name }, c.ok ? 1 : 0);
      sendJson(res, r.ready ? 200 : 503, r);
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
    this.ops.metrics?.inflight.inc();
    if (this.draining) res.setHeader('connection', 'close');
    const timer =
      req.method === 'POST' && path === '/token' ? this.ops.metrics?.exchangeSeconds.startTimer() : undefined;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      timer?.({ status: String(res.statusCode) });
      this.inflight--;
      this.ops.metrics?.inflight.dec();
      if (this.inflight === 0) for (const f of this.idle.splice(0)) f();
    };
    res.once('finish', finish);
    res.once('close', finish);
    return false;
  }

  get inFlight(): number {
    return this.inflight;
  }

  /** Stop accepting, finish in-flight requests within the deadline, then cut the rest. */
  async drain(server: Server): Promise<{ cut: number }> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const deadline = this.ops.drainTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const cut = await Promise.race([
      new Promise<number>((resolve) => {
        if (this.inflight === 0) resolve(0);
        else this.idle.push(() => resolve(0));
      }),
      new Promise<number>((resolve) => {
        timer = setTimeout(() => resolve(this.inflight), deadline);
      }),
    ]);
    clearTimeout(timer);
    server.closeAllConnections();
    await closed;
    return { cut };
  }
}
