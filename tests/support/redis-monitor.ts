/**
 * Every command redis-server runs while `run` runs, in its order, from MONITOR (ioredis opens a
 * connection of its own for it): a script's own commands follow its EVALSHA, their source `lua`.
 * Complete when it returns, whatever the machine's speed: a marker GET sent after `run` is waited
 * for, and Redis runs commands in order. The marker itself is left out.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface Monitored {
  readonly args: string[];
  readonly source: string;
}

export async function monitored(raw: Redis, run: () => Promise<void>): Promise<Monitored[]> {
  const monitor = await raw.monitor();
  const seen: Monitored[] = [];
  const marker = `monitor-marker-${randomUUID()}`;
  let markerSeen!: () => void;
  const done = new Promise<void>((r) => (markerSeen = r));
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    if (args[0]?.toLowerCase() === 'get' && args[1] === marker) markerSeen();
    else seen.push({ args, source });
  });
  try {
    await run();
    await raw.get(marker);
    await done;
  } finally {
    monitor.disconnect();
  }
  return seen;
}
