/**
 * GitHub failing under the broker (fault injection in the GitHub stand-in): 5xx, secondary rate
 * limits with Retry-After, and hanging past the deadline. Every case ends with a clear 503 within
 * the deadline, nothing granted, and the step's claim given back (a later exchange succeeds).
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { startStack, type Stack } from '../support/broker.js';
import { holdNext } from '../support/github.js';
import { runIdOf } from '../support/run-ids.js';

// Deadlines are real time; a loaded CI machine needs room around them.
jest.setTimeout(30_000);

const TOKENS = '/app/installations/{installation_id}/access_tokens';
// Long enough for a loaded machine to finish a normal call, short enough to tell a hang from it.
const DEADLINE_MS = 2500;
// Loaded CI machines: a refusal must come at the deadline, plus scheduling slack, never much later.
const SLACK_MS = 2500;

let s: Stack;
let run = 0;

async function exchange(runId: string) {
  const t0 = Date.now();
  const r = await s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(runId) })));
  return { ...r, ms: Date.now() - t0 };
}

const live = async (runId: string) =>
  (await s.store.live({ repositoryId: '100001', runId: runIdOf(runId) }, Math.floor(Date.now() / 1000)))
    .length;

/** The refusal granted nothing, and the claim came back: the same step of the same run gets one now. */
async function claimGivenBack(runId: string) {
  expect(await live(runId)).toBe(0);
  const again = await exchange(runId);
  expect(again.status).toBe(200);
  expect(await live(runId)).toBe(1);
}

beforeAll(async () => {
  // Real waits (retryAfterBaseValue 1 s backoff base) and a short deadline.
  s = await startStack({ app: { retries: 3, retryAfterBaseValue: 1, timeoutMs: DEADLINE_MS } });
  // Warm the installation cache so faults hit the token call.
  expect((await exchange('warm')).status).toBe(200);
});
afterAll(async () => {
  expect(s.gh.standin.shapeErrors).toEqual([]);
  await s.close();
});

describe('GitHub faults', () => {
  it.each([500, 502])(
    'GitHub answering %i past the retries: 503 ERR_GITHUB_TIMEOUT within the deadline',
    async (status) => {
      const id = `gh-${status}-${run++}`;
      const minted = s.gh.state.tokens.length;
      s.gh.standin.fail('POST', TOKENS, { count: 10, status });
      const r = await exchange(id);
      expect(r.status).toBe(503);
      expect(r.body.error).toBe('temporarily_unavailable');
      // The 1 s backoff would end at the 1 s deadline: refused now, naming the cause.
      expect(r.body.error_description).toMatch(new RegExp(`^ERR_GITHUB_TIMEOUT: .*${status}`));
      expect(r.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
      expect(s.gh.state.tokens.length).toBe(minted);
      expect(s.audit.events.at(-1)).toMatchObject({
        type: 'credential.refused',
        outcome: 'error',
        reason: 'ERR_GITHUB_TIMEOUT',
      });
      s.gh.standin.fail('POST', TOKENS, { count: 0, status });
      await claimGivenBack(id);
    },
  );

  it('a secondary rate limit whose Retry-After ends past the deadline is refused at once, with Retry-After', async () => {
    const id = `gh-403-${run++}`;
    s.gh.standin.fail('POST', TOKENS, {
      count: 1,
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
      headers: { 'retry-after': '60' },
    });
    const r = await exchange(id);
    expect(r.status).toBe(503);
    expect(r.body.error_description).toMatch(/^ERR_GITHUB_RATE_LIMITED: .*60s/);
    expect(r.headers.get('retry-after')).toBe('60');
    expect(r.ms).toBeLessThan(SLACK_MS); // not the 60 s GitHub asked for, nor the deadline
    await claimGivenBack(id);
  });

  it('a secondary rate limit without headers counts as a one-minute wait (GitHub docs): refused at once', async () => {
    s.gh.standin.fail('POST', TOKENS, {
      count: 1,
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const r = await exchange(`gh-403-bare-${run++}`);
    expect(r.status).toBe(503);
    expect(r.body.error_description).toMatch(/^ERR_GITHUB_RATE_LIMITED/);
    expect(r.headers.get('retry-after')).toBe('60');
  });

  it('a 5xx or a Retry-After that ends within the deadline is waited out and granted', async () => {
    const slow = await startStack({ app: { retries: 3, retryAfterBaseValue: 1, timeoutMs: 8000 } });
    const timed = async (runId: string) => {
      const t0 = Date.now();
      const r = await slow.token(slow.exchangeForm(await slow.issuer.mint({ run_id: runIdOf(runId) })));
      return { status: r.status, ms: Date.now() - t0 };
    };
    try {
      expect((await timed('w')).status).toBe(200);
      slow.gh.standin.fail('POST', TOKENS, { count: 1, status: 502 });
      const afterBackoff = await timed('w1');
      expect(afterBackoff.status).toBe(200);
      expect(afterBackoff.ms).toBeGreaterThanOrEqual(900); // the 1 s backoff was waited
      slow.gh.standin.fail('POST', TOKENS, {
        count: 1,
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit.' },
        headers: { 'retry-after': '1' },
      });
      const afterWait = await timed('w2');
      expect(afterWait.status).toBe(200);
      expect(afterWait.ms).toBeGreaterThanOrEqual(900);
    } finally {
      await slow.close();
    }
  });

  it('GitHub hanging past the deadline: 503 ERR_GITHUB_TIMEOUT at the deadline, nothing granted', async () => {
    const id = `gh-hang-${run++}`;
    const minted = s.gh.state.tokens.length;
    s.gh.standin.fail('POST', TOKENS, { count: 1, delayMs: 60_000 });
    const r = await exchange(id);
    expect(r.status).toBe(503);
    expect(r.body.error_description).toMatch(/^ERR_GITHUB_TIMEOUT/);
    expect(r.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 50);
    expect(r.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
    expect(s.gh.state.tokens.length).toBe(minted);
    await claimGivenBack(id);
  });

  it('a hung GitHub call stalls only its own exchange: others go through meanwhile', async () => {
    // Held (never released before the broker's deadline): the other exchange starts once the hung one
    // is at GitHub, not after a sleep it might not have reached GitHub within.
    const held = holdNext(s.gh.standin, 'POST', TOKENS);
    const hung = exchange(`gh-hung-${run++}`);
    await held.arrived;
    const other = await s.token(
      s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`svc-${run++}`) }), {
        audience: 'https://hooks.example.internal',
        step: 'notify',
        scope: 'notify:send',
      }),
    );
    expect(other.status).toBe(200);
    const h = await hung;
    held.release();
    expect(h.status).toBe(503);
    expect(h.ms).toBeLessThan(DEADLINE_MS + SLACK_MS);
  });

  it('the installation look-up hanging is cut by the same deadline', async () => {
    const fresh = await startStack({ app: { retries: 3, retryAfterBaseValue: 1, timeoutMs: DEADLINE_MS } });
    try {
      fresh.gh.standin.fail('GET', '/repos/{owner}/{repo}/installation', { count: 1, delayMs: 60_000 });
      const t0 = Date.now();
      const r = await fresh.token(fresh.exchangeForm(await fresh.issuer.mint({ run_id: runIdOf('inst') })));
      expect(r.status).toBe(503);
      expect(r.body.error_description).toMatch(/^ERR_GITHUB_TIMEOUT/);
      expect(Date.now() - t0).toBeLessThan(DEADLINE_MS + SLACK_MS);
    } finally {
      await fresh.close();
    }
  });

  it('manifests read from GitHub: a hung default-branch look-up is refused within the deadline', async () => {
    // The stand-in compiles a route's OpenAPI shape check at its first answer, in this process (the
    // compiled checks are shared by the file's stand-ins): at load 16 the manifest routes' compile ate
    // the 2.5 s deadline of the granted exchange below (503). A stack with the default deadline
    // answers them first.
    const warm = await startStack({ source: 'github' });
    try {
      expect(
        (await warm.token(warm.exchangeForm(await warm.issuer.mint({ run_id: runIdOf('m0') })))).status,
      ).toBe(200);
    } finally {
      await warm.close();
    }
    const gs = await startStack({
      source: 'github',
      app: { retries: 3, retryAfterBaseValue: 1, timeoutMs: DEADLINE_MS },
    });
    try {
      gs.gh.standin.fail('GET', '/repos/{owner}/{repo}', { count: 1, delayMs: 60_000 });
      const t0 = Date.now();
      const r = await gs.token(gs.exchangeForm(await gs.issuer.mint({ run_id: runIdOf('m1') })));
      expect(r.status).toBe(503);
      expect(r.body.error_description).toMatch(/^ERR_GITHUB_TIMEOUT/);
      // One deadline for the whole look-up (token, repository, commit), not one per call.
      expect(Date.now() - t0).toBeLessThan(DEADLINE_MS + SLACK_MS);
      const ok = await gs.token(gs.exchangeForm(await gs.issuer.mint({ run_id: runIdOf('m1') })));
      expect(ok.status).toBe(200);
    } finally {
      await gs.close();
    }
  });
});
