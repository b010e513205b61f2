/**
 * The check's second core: a worker thread that reads and parses part of a large repository's
 * workflows while the main thread reads the rest (docs/decisions.md, "Check speed (session 25)").
 * Started by the CLI's entry before the check's modules load (shared/cli/main.ts), so its own module
 * loading overlaps the main thread's; handed its share of file names once the main thread has listed
 * the directory (readWorkflowsSafely). The worker runs the same bundle with a mode switch (its
 * workerData), so `dist/` stays one tree.
 *
 * Fails closed: a worker that errors, exits or sends what cannot be read rejects the read, and the
 * check stops with ERR_CHECK_READER (exit 2): never a report missing the worker's share.
 * Only imports that cost nothing: the CLI's entry loads this module for every command.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { isWorkflowFileName, WORKFLOWS_DIR } from '../workflow/file-name.js';
import type { WorkflowModel } from '../workflow/model.js';

/** The workerData key that tells the entry module it runs as the reading thread. */
export const READ_WORKER = 'stepwarden-read-workflows';

/**
 * Fewer workflow files than this: no worker. The thread's start (its isolate, the bundle's modules
 * compiled again) is about 0.4 G instructions whatever the repository, so below this the process's CPU
 * grows by more than a quarter (callgrind, corpus slices: +40 % at 200 files, +35 % at 400, +26 % at
 * 800, +23 % at 1,503 with the share below; docs/performance.md, session 35).
 */
export const READ_WORKER_MIN_FILES = 1300;

/**
 * The worker's share of the regular files, sized so that it has sent them by the time the main thread
 * has read the rest and parsed the manifest (it starts about 0.1 G instructions later and compiles the
 * reader again). Callgrind of the corpus, main thread: 0.6 -> 3.28 G, 0.65 -> 3.22 G, 0.7 -> 3.12 G but
 * then the worker ends after the main thread would (docs/performance.md, session 35).
 */
export const READ_WORKER_SHARE = 0.65;

/**
 * Files per message from the thread: sent as soon as they are parsed, the models die young in the
 * thread's heap instead of being promoted there (fresh pages, the costly part on the bench machine).
 */
export const READ_WORKER_BATCH = 32;

/** What the thread sends: models as it goes, then the count sent; or what `readWorkflowFile` threw. */
export type ReadReply =
  | { readonly models: WorkflowModel[] }
  | { readonly done: number }
  | { readonly thrown: { readonly message: string; readonly code?: string } };

export interface ReadWorker {
  readonly dir: string;
  /** Reads and parses `names` (entries of `dir`/.github/workflows the listing called regular files). */
  read(names: readonly string[]): Promise<WorkflowModel[]>;
  /** Ends the thread, its answer no longer wanted (the check failed on this thread first). */
  stop(): void;
}

export function isReadWorkerData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)[READ_WORKER] === true;
}

function stopped(why: string): Error {
  return Object.assign(
    new Error(`the thread reading workflow files stopped before it finished (${why}); no report was made`),
    { code: 'ERR_CHECK_READER' },
  );
}

/**
 * Starts a reading thread running `entry` (the CLI's entry module). It does not keep the process
 * alive until `read` is called: a check that ends early (bad arguments, no manifest) just exits.
 */
export function startReadWorker(entry: URL, dir: string, options: WorkerOptions = {}): ReadWorker {
  const start = workerStart(entry);
  const worker = new Worker(start.file, {
    // The young generation at 2 MiB: a worker's grew to 16 MiB of fresh pages despite the growth
    // factor the entry sets (docs/performance.md, session 25).
    resourceLimits: { maxYoungGenerationSizeMb: 2 },
    ...options,
    eval: start.eval,
    workerData: { [READ_WORKER]: true },
  });
  worker.unref();
  const reply = new Promise<WorkflowModel[]>((resolve, reject) => {
    const models: WorkflowModel[] = [];
    const finish = (result: Error | WorkflowModel[]) => {
      // One request, one answer: the thread has nothing left to do (from source, tsx's loader would
      // keep it alive).
      worker.removeListener('message', onMessage);
      void worker.terminate();
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    const onMessage = (m: ReadReply) => {
      if ('models' in m && Array.isArray(m.models)) models.push(...m.models);
      else if ('done' in m)
        finish(m.done === models.length ? models : stopped(`it sent ${models.length} of ${m.done} models`));
      else if ('thrown' in m)
        finish(Object.assign(new Error(m.thrown.message), m.thrown.code ? { code: m.thrown.code } : {}));
      else finish(stopped('it sent no models'));
    };
    worker.on('message', onMessage);
    worker.once('messageerror', (err) => reject(stopped(`its reply could not be read: ${err.message}`)));
    worker.once('error', (err) => reject(stopped(err.message)));
    worker.once('exit', (code) => reject(stopped(`it exited with code ${code}`)));
  });
  // Rejections are read by `read`; one never asked for must not end the process.
  reply.catch(() => undefined);
  let asked = false;
  return {
    dir,
    read(names) {
      if (asked) return Promise.reject(stopped('it was asked twice'));
      asked = true;
      worker.ref();
      worker.postMessage({ dir: join(dir, WORKFLOWS_DIR), names });
      return reply.finally(() => worker.unref());
    },
    stop() {
      void worker.terminate();
    },
  };
}

/**
 * How the thread runs `entry`: the bundle (`dist/index.js`) as it is. From source (a `.ts` entry: tsx,
 * jest) Node 20 gives a worker none of the main thread's loader hooks, so the thread registers tsx's
 * first (resolved at run time from the entry: the bundle never reaches this branch nor bundles tsx).
 */
function workerStart(entry: URL): { file: URL | string; eval: boolean } {
  if (!entry.pathname.endsWith('.ts')) return { file: entry, eval: false };
  // tsx's ES module build of the API (its CommonJS one fails to load itself from a worker).
  const cjs = createRequire(entry).resolve(['tsx', 'esm', 'api'].join('/'));
  const api = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
  return {
    file: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`,
    eval: true,
  };
}

let prestarted: ReadWorker | undefined;

/**
 * Starts the reading thread for `dir` when the machine has a second core to run it and `dir` holds at
 * least READ_WORKER_MIN_FILES workflow files; otherwise the check runs on one thread, as before.
 * `cores`: the machine's (a parameter for the tests).
 */
export function prestartReadWorker(entry: URL, dir: string, cores = availableParallelism()): void {
  if (cores < 2) return;
  let count: number;
  try {
    count = readdirSync(join(dir, WORKFLOWS_DIR)).filter(isWorkflowFileName).length;
  } catch {
    return;
  }
  if (count >= READ_WORKER_MIN_FILES) prestarted = startReadWorker(entry, dir);
}

/** The thread started for `dir`, once (the check of `dir` takes it); undefined when none was. */
export function takeReadWorker(dir: string): ReadWorker | undefined {
  const worker = prestarted?.dir === dir ? prestarted : undefined;
  if (worker) prestarted = undefined;
  return worker;
}
