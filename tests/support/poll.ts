/**
 * Waiting for an event in a test: poll for it against a deadline of real time, never sleep a fixed
 * time and assume it happened. The deadline is generous (a 2-core CI machine at load 15 starves a
 * child process for seconds); a condition met early returns at once, so it costs nothing when fast.
 */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(cond: () => boolean | Promise<boolean>, ms = 20_000, what = 'condition') {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await sleep(50);
  }
}
