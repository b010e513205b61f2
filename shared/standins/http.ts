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
 * How long, and how many bytes, the rest of a too-large body is read and dropped after its 413
 * (a lingering close, as nginx's lingering_time): past either the connection is cut.
 */
export const LINGER = { ms: 2000, bytes: 8 * 1024 * 1024 } as const;

/**
 * Answers a BodyError. A 413 is answered while the rest of the body is still arriving: the rest is
 * read and dropped (at most LINGER) so the client reads the answer, and the connection stays usable
 * once the body has ended. Closing at once would make the kernel reset a connection with unread
 * input, and a client still writing its body would see EPIPE instead of the 413 (seen at load in
 * CI). A 408 (too slow) or 400 (read whole) closes the connection once the answer is out.
 */
export function sendBodyError(res: ServerResponse, err: BodyError, body: unknown): void {
  const req = res.req;
  const socket = req.socket;
  if (err.status !== 413) {
    res.once('finish', () => {
      setTimeout(() => socket.destroy(), 500).unref();
    });
    req.resume();
    sendJson(res, err.status, body, { connection: 'close' });
    return;
  }
  let dropped = 0;
  const timer = setTimeout(() => socket.destroy(), LINGER.ms).unref();
  const onData = (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER.bytes) socket.destroy();
  };
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', done);
    socket.off('close', done);
  };
  if (req.readableEnded) done();
  else {
    req.on('data', onData);
    req.once('end', done);
    socket.once('close', done);
  }
  req.resume();
  sendJson(res, err.status, body);
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
