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
   * (the chunk included). Resolves when it happened.
   */
  holdWhen(pred: (chunk: string) => boolean): Promise<void>;
  /**
   * Every connection, open or opened later, forwards nothing more from now on: a store that
   * stopped answering (connections stay open, commands get no reply).
   */
  stall(): void;
  /** Destroys every open connection (new ones are still accepted). */
  cut(): void;
  close(): Promise<void>;
}

export async function startRedisProxy(targetPort: number): Promise<RedisProxy> {
  const sockets = new Set<Socket>();
  let hold: { pred: (c: string) => boolean; hit: () => void } | undefined;
  let stalled = false;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    let held = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.on('data', (d: Buffer) => {
      if (held || stalled) return;
      if (hold && hold.pred(d.toString('latin1'))) {
        held = true;
        const h = hold;
        hold = undefined;
        h.hit();
        return;
      }
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => client.write(d));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const cut = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    holdWhen(pred) {
      return new Promise<void>((hit) => (hold = { pred, hit }));
    },
    stall() {
      stalled = true;
    },
    cut,
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
