/**
 * Small helpers shared by the loopback stand-ins and the broker: start a server with limits against
 * hostile clients, read a body, answer JSON.
 */
import { isUtf8 } from 'node:buffer';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What a client may cost the server. Every default is the strict one. */
export interface ServerLimits {
  /** The request line and headers must arrive within this, ms (default 10 s). */
  readonly headersTimeoutMs?: number;
  /** The body must arrive within this once headers are in, ms (default 10 s; readBody enforces it). */
  readonly bodyTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this, ms (default 5 s). */
  readonly keepAliveTimeoutMs?: number;
  /** Open connections at most; the next ones are answered 503 and closed (default 1024). */
  readonly maxConnections?: number;
}

export const DEFAULT_LIMITS = {
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1024,
} as const satisfies Required<ServerLimits>;

/** The body deadline of requests on this server, read by readBody. */
const bodyDeadlines = new WeakMap<Server, number>();

const OVER_CAP_BODY = JSON.stringify({
  error: 'temporarily_unavailable',
  error_description: 'ERR_TOO_MANY_CONNECTIONS: the server is at its connection limit; retry shortly',
});
const OVER_CAP = [
  'HTTP/1.1 503 Service Unavailable',
  'content-type: application/json; charset=utf-8',
  'cache-control: no-store',
  'retry-after: 1',
  'connection: close',
  `content-length: ${Buffer.byteLength(OVER_CAP_BODY)}`,
  '',
  OVER_CAP_BODY,
].join('\r\n');

export async function listen(
  handler: RequestListener,
  host = '127.0.0.1',
  port = 0,
  limits: ServerLimits = {},
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const refused = new WeakSet<Socket>();
  const server = createServer(
    {
      headersTimeout: l.headersTimeoutMs,
      // Node's own backstop for the whole request; readBody answers a slow body first, with a code.
      requestTimeout: l.headersTimeoutMs + l.bodyTimeoutMs + 1000,
      // Node checks the two timeouts above on this interval (default 30 s, far too coarse).
      connectionsCheckingInterval: Math.min(1000, l.headersTimeoutMs, l.bodyTimeoutMs),
    },
    (req, res) => {
      if (refused.has(req.socket)) return;
      // A request parsed behind one whose answer closes the connection (its body still being dropped)
      // is not served: the client asked that nothing follow.
      if (closing.has(req.socket)) return void req.socket.destroy();
      answering.set(req.socket, req);
      // Before node's own end of the response (which would dump the body unbounded and unseen).
      res.once('prefinish', () => lingerOnUnreadBody(req));
      return handler(req, res);
    },
  );
  server.keepAliveTimeout = l.keepAliveTimeoutMs;
  bodyDeadlines.set(server, l.bodyTimeoutMs);
  // A connection over the cap is told so (503, Retry-After) and closed, instead of being reset
  // (server.maxConnections would drop it without a word) or queued without bound.
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    // Node closes a connection whose answer says `Connection: close` (the client's wish, or HTTP/1.0)
    // with destroySoon once the answer is out; with the request's body still arriving, the kernel then
    // resets it and the client, still writing, reads EPIPE instead of the answer. Its body is dropped
    // first (within LINGER), the answer's side closed at once.
    const s = socket as Socket & { destroySoon?: () => void };
    const destroySoon = s.destroySoon;
    if (typeof destroySoon === 'function')
      s.destroySoon = () => {
        const req = answering.get(socket);
        if (req && lingering.has(req)) {
          closing.add(socket);
          socket.end();
        } else destroySoon.call(socket);
      };
    if (open > l.maxConnections) {
      refused.add(socket);
      socket.end(OVER_CAP);
      setTimeout(() => socket.destroy(), 1000).unref();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { server, url, close };
}

/** A request the server will not read further: 413 (too large) or 408 (too slow), with a code. */
export class BodyError extends Error {
  constructor(
    readonly code: 'ERR_BODY_TOO_LARGE' | 'ERR_BODY_TIMEOUT' | 'ERR_BODY_ENCODING',
    readonly status: 413 | 408 | 400,
    message: string,
  ) {
    super(message);
    this.name = 'BodyError';
  }
}

/**
 * Reads a request body up to `limit` bytes within the server's body deadline. A declared or actual
 * size over the limit, a body still arriving at the deadline, or bytes that are not UTF-8 reject with
 * a BodyError; the caller answers it (sendBodyError) and the connection is closed after the answer.
 */
export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  const server = (req.socket as Socket & { server?: Server }).server;
  const deadline = (server && bodyDeadlines.get(server)) ?? DEFAULT_LIMITS.bodyTimeoutMs;
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new BodyError('ERR_BODY_TOO_LARGE', 413, `request body over ${limit} bytes`));
      return;
    }
    let size = 0;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      cleanup();
      reject(new BodyError('ERR_BODY_TIMEOUT', 408, `request body not received within ${deadline / 1000}s`));
    }, deadline);
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        cleanup();
        reject(new BodyError('ERR_BODY_TOO_LARGE', 413, `request body over ${limit} bytes`));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => {
      cleanup();
      const body = Buffer.concat(chunks);
      // Decoding would turn each ill-formed byte into U+FFFD, so the broker would read another text
      // than a proxy or a byte-reading parser in front of it does (`\xC3%A9`: two U+FFFD here, `é`
      // there): such a body is refused, not guessed at.
      if (!isUtf8(body)) {
        reject(new BodyError('ERR_BODY_ENCODING', 400, 'request body is not well-formed UTF-8'));
        return;
      }
      resolve(body.toString('utf8'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * How long, and how many bytes, the rest of a request body is read and dropped once its answer is
 * out (a lingering close, as nginx's lingering_time): past either the connection is cut.
 */
export const LINGER = { ms: 2000, bytes: 8 * 1024 * 1024 } as const;

/** The request each connection answers last (its body may still be arriving). */
const answering = new WeakMap<Socket, IncomingMessage>();
/** Requests whose unread body is being dropped. */
const lingering = new WeakSet<IncomingMessage>();
/** Connections that close once the body being dropped has ended. */
const closing = new WeakSet<Socket>();

/**
 * Once an answer is out and its request's body is not all in (a 413, or any answer given before the
 * body was read: an unknown path, a media type, a query, a GET with a body), the rest is read and
 * dropped within LINGER, then the connection serves the next request, or closes when the answer said
 * so. Node itself drains such a body without any bound (a 404 to a declared 100 GB body read 20 GB in
 * 15 s, session 38); closing at once would have the kernel reset a client still writing its body, so
 * it reads EPIPE instead of the answer (seen at load in CI).
 */
function lingerOnUnreadBody(req: IncomingMessage): void {
  const socket = req.socket;
  if (req.complete || req.readableEnded || socket.destroyed) return;
  lingering.add(req);
  let dropped = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER.ms).unref();
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER.bytes) socket.destroy();
  };
  const done = () => {
    lingering.delete(req);
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    socket.off('close', done);
    if (closing.has(socket)) socket.destroy();
  };
  req.on('data', onData);
  req.once('end', done);
  socket.once('close', done);
  req.resume();
}

/**
 * Answers a BodyError. A 413 keeps the connection: the rest of the body is dropped by the server
 * (lingerOnUnreadBody). A 408 (too slow) or 400 (read whole) closes the connection once the answer
 * is out.
 */
export function sendBodyError(res: ServerResponse, err: BodyError, body: unknown): void {
  if (err.status === 413) return sendJson(res, err.status, body);
  const socket = res.req.socket;
  // Cut sooner than LINGER: a client too slow to send its body is not waited on for the linger.
  res.once('finish', () => {
    setTimeout(() => socket.destroy(), 500).unref();
  });
  sendJson(res, err.status, body, { connection: 'close' });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
