/** The event payload the runner writes at GITHUB_EVENT_PATH, for entry points that read it. */
import { readFile } from 'node:fs/promises';

/** The parsed payload, or undefined when there is none or it cannot be read (callers fall back). */
export async function readEventPayload(env: NodeJS.ProcessEnv): Promise<unknown> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
