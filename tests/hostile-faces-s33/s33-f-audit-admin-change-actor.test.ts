/**
 * Session 33 (w-rfaces): the audit summary's administrator activity must not take who acted from a
 * file a step can write. On a push that changes the access manifest, actions/audit shows an
 * `admin.change` (access-rule files changed in the pushed commits) under the account that pushed.
 * It took that account from the event payload's `sender` (GITHUB_EVENT_PATH, which any step of the job
 * can rewrite), before the actor GitHub signed in the OIDC token the broker verified; the payload is
 * held only to the signed repository, ref and pushed commit (payloadMismatch), so a step rewriting the
 * payload with those kept and `sender` changed put another person's name on the change (failed at
 * 8d88a68: the summary said `lead`). The run's real broker and OIDC issuer stand-in here; the actor
 * is the signed one, and the payload's `sender` only gives its type when it is the same login.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';

let s: Stack;
const dirs: string[] = [];
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A push run by `octocat` (the issuer's signed actor) whose commits change the manifest. */
async function audit(sender: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s33-f-admin-'));
  dirs.push(dir);
  const eventPath = join(dir, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      // What payloadMismatch compares, kept as the token says.
      ref: 'refs/heads/main',
      after: 'a'.repeat(40),
      repository: { full_name: 'octo-org/octo-repo' },
      pusher: { name: String(sender.login) },
      commits: [{ id: 'c'.repeat(40), modified: ['.github/access-manifest.yml'] }],
      sender,
    }),
  );
  const env = runnerEnv(
    s,
    '7301',
    { GITHUB_EVENT_PATH: eventPath, GITHUB_ACTOR: 'octocat' },
    { event_name: 'push' },
  );
  return runAction('actions/audit', {
    runnerTemp: join(dir, 'runner-temp'),
    summaryFile: join(dir, 'summary.md'),
    env,
    inputs: { 'broker-url': s.broker.url, 'oidc-audience': AUD },
    github: { workspace: dir },
  });
}

describe("the audit summary's access-rule change names the signed actor (s33)", () => {
  it("a rewritten payload's sender is not shown as who changed the access rules", async () => {
    const r = await audit({ login: 'lead', id: 1, type: 'User' });
    expect(r.failed).toBe(false);
    // The broker answered: the run's facts are the signed ones.
    expect(r.summary).toMatch(/OIDC token GitHub signed/);
    const admin = r.summary.slice(r.summary.indexOf('### Administrator activity'));
    expect(admin).toMatch(/<code>octocat<\/code> \| changed workflows or the access manifest/);
    expect(r.summary).not.toMatch(/\blead\b/);
  }, 120_000);

  it("negative: the payload's sender of the same login gives its type (an app's push shows as a bot)", async () => {
    const r = await audit({ login: 'octocat', id: 583231, type: 'Bot' });
    expect(r.failed).toBe(false);
    // A bot's change is the workload's (docs/audit.md), under the same signed login.
    expect(r.summary).toMatch(/<code>octocat<\/code> \(bot\)[^\n]*changed workflows or the access manifest/);
  }, 120_000);
});
