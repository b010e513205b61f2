/**
 * The reading thread's side (read-worker.ts): one request, `{ dir, names }`, answered with the models
 * of those files, read and parsed exactly as the main thread reads its own share for the check (the
 * lean model, `forDiff` false); then it ends.
 * Loaded only inside that thread: it imports the workflow parser, which the main thread loads itself.
 */
import { parentPort } from 'node:worker_threads';
import { READ_WORKER_BATCH, type ReadReply } from './read-worker.js';
import { readWorkflowFile } from './read-workflow.js';

export function serveReads(): void {
  const port = parentPort;
  if (!port) return;
  port.once('message', (request: { dir: string; names: string[] }) => {
    let sent = 0;
    try {
      for (let at = 0; at < request.names.length; at += READ_WORKER_BATCH) {
        const batch = request.names.slice(at, at + READ_WORKER_BATCH);
        const reply: ReadReply = { models: batch.map((name) => readWorkflowFile(request.dir, name, false)) };
        port.postMessage(reply);
        sent += batch.length;
      }
      port.postMessage({ done: sent } satisfies ReadReply);
    } catch (err) {
      const e = err as { message?: unknown; code?: unknown };
      const reply: ReadReply = {
        thrown: {
          message: typeof e?.message === 'string' ? e.message : String(err),
          ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        },
      };
      port.postMessage(reply);
    }
    port.close();
  });
}
