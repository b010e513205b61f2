/**
 * A TCP proxy on 127.0.0.1 in front of a real redis-server, for faults a test must place exactly:
 * `holdWhen` stops forwarding a connection's commands from the first chunk that matches (the
 * broker is then stuck at that store call, e.g. between storing a credential and delivering it),
 * and `cut` drops every connection (the network between broker and store fails).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface RedisProxy {
  readonly url: string;
  /**
   * From the first client chunk whose text matches `pred`, that connection forwards nothing more
   * (the chunk included). Resolves when it happened. With `until`, what was held is forwarded, in
   * order, once `until` settles, and forwarding goes on (a store call that arrives late: the caller
   * paused, a congested link), and `answered` is called when the store's first answer on that
   * connection after it has been passed on; without `until`, nothing ever is.
   */
  holdWhen(pred: (chunk: string) => boolean, until?: Promise<unknown>, answered?: () => void): Promise<void>;
  /**
   * Every connection, open or opened later, forwards nothing more from now on: a store that
   * stopped answering (connections stay open, commands get no reply).
   */
  stall(): void;
  /**
   * Ends a stall the way a healed network partition does: what each side sent meanwhile (TCP holds it
   * and retransmits) is delivered now, in order, late; then forwarding goes on.
   */
  heal(): void;
  /** Destroys every open connection (new ones are still accepted). */
  cut(): void;
  close(): Promise<void>;
}

export async function startRedisProxy(targetPort: number): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  let hold:
    | { pred: (c: string) => boolean; hit: () => void; until?: Promise<unknown>; answered?: () => void }
    | undefined;
  let stalled = false;
  /** Chunks held by a stall, per connection and direction, delivered by heal(). */
  const pending = new Set<() => void>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let held = false;
    /** Chunks held by a hold with `until`, forwarded when it settles. */
    let late: Buffer[] | undefined;
    /** Called on the next answer after a late forward (then cleared). */
    let onAnswer: (() => void) | undefined;
    const toUpstream: Buffer[] = [];
    const toClient: Buffer[] = [];
    const release = () => {
      for (const d of toUpstream.splice(0)) upstream.write(d);
      for (const d of toClient.splice(0)) client.write(d);
    };
    pending.add(release);
    const end = () => {
      pending.delete(release);
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (d: Buffer) => {
      if (held) return void late?.push(d);
      if (stalled) return void toUpstream.push(d);
      if (hold && hold.pred(d.toString('latin1'))) {
        held = true;
        const h = hold;
        hold = undefined;
        if (h.until) {
          const chunks = (late = [d]);
          void h.until
            .catch(() => undefined)
            .then(() => {
              held = false;
              late = undefined;
              onAnswer = h.answered;
              for (const c of chunks) upstream.write(c);
            });
        }
        h.hit();
        return;
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (stalled) return void toClient.push(d);
      client.write(d);
      const answered = onAnswer;
      onAnswer = undefined;
      answered?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    holdWhen(pred, until, answered) {
      return new Promise<void>(
        (hit) => (hold = { pred, hit, ...(until ? { until } : {}), ...(answered ? { answered } : {}) }),
      );
    },
    stall() {
      stalled = true;
    },
    heal() {
      stalled = false;
      for (const r of pending) r();
    },
    cut,
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
