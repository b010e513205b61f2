/**
 * The screen folded into the gate (session 28): an exchange decided without reaching GitHub sends its
 * screen (replay, rate limit) in the gate's script. Two broker processes on one redis-server, every
 * exchange on that path (a directory manifest, no GitHub App, `require-job-identity: false`): a replay
 * is refused as a replay at either instance whatever the decision says, every exchange past the owner
 * check is charged once (a refused one too, a replay never), a rate-limited one writes nothing, single
 * use holds between two instances at once, the write-ahead intent is queued in the same script and
 * before the record, and one exchange costs two scripts. Then, in process: where the decision needs
 * GitHub (the Jobs API), the screen still comes first.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { spawnBroker, type BrokerProcess } from '../support/cluster.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { monitored, type Monitored } from '../support/redis-monitor.js';
import { runIdOf } from '../support/run-ids.js';

const AUD = 'https://broker.example.com';
const REPOS = { replay: 310001, rate: 310002, race: 310003, wal: 310004 } as const;
type RepoKey = keyof typeof REPOS;

const manifest = (name: string, id: number) => `version: 1
repository: { name: octo-org/${name}, id: ${id}, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
`;

describe('two brokers on one redis-server, every exchange decided without GitHub', () => {
  let redis: RedisServer;
  let issuer: OidcIssuer;
  let dir: string;
  let a: BrokerProcess;
  let b: BrokerProcess;
  const env = { STEPWARDEN_STATE_KEY: randomBytes(32).toString('hex') };

  beforeAll(async () => {
    redis = await startRedis();
    issuer = await startOidcIssuer({ audience: AUD });
    dir = mkdtempSync(join(tmpdir(), 'sw-s28-fold-'));
    for (const [name, id] of Object.entries(REPOS)) {
      mkdirSync(join(dir, `manifests/octo-org/${name}/.github`), { recursive: true });
      writeFileSync(join(dir, `manifests/octo-org/${name}/.github/access-manifest.yml`), manifest(name, id));
    }
    const config = (name: string) => {
      const file = join(dir, `${name}.yml`);
      writeFileSync(
        file,
        [
          'listen: 127.0.0.1:0',
          `url: ${AUD}`,
          `audience: ${AUD}`,
          `issuers: [${issuer.url}]`,
          'require-job-identity: false',
          'manifests: { source: directory, path: ./manifests }',
          'signing: { key-file: ./signing-key.json }',
          `state: ${redis.url}`,
          'rate-limit: { per-repository: 4/min }',
          `audit: ./audit-${name}.jsonl`,
        ].join('\n'),
      );
      return file;
    };
    // One after the other: the first writes the signing key file the second reads.
    a = await spawnBroker(config('a'), env);
    b = await spawnBroker(config('b'), env);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await issuer?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const oidc = (repo: RepoKey, run: string) =>
    issuer.mint({
      repository: `octo-org/${repo}`,
      repository_id: String(REPOS[repo]),
      run_id: runIdOf(run),
    });
  const exchange = (at: BrokerProcess, token: string, step = 'notify') =>
    at.post('/token', {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: token,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job: 'publish',
      step,
    });
  /** The store key of a token's jti (`stepwarden:jti:ISS:JTI`). */
  const jtiKeyOf = (token: string) => {
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
      iss: string;
      jti: string;
    };
    return `stepwarden:jti:${claims.iss}:${claims.jti}`;
  };

  it('a replay is refused as a replay at either instance, whatever the decision would say, and is not charged', async () => {
    const t = await oidc('replay', 'replay-1');
    expect((await exchange(a, t)).status).toBe(200);
    // Granted step (screen and gate in one script) and a step the manifest does not grant (the
    // decision refuses first; the screen on the way out says replay): both ERR_OIDC_REPLAYED.
    for (const [at, step] of [
      [b, 'notify'],
      [a, 'notify'],
      [b, 'not-granted'],
      [a, 'not-granted'],
    ] as const) {
      const r = await exchange(at, t, step);
      expect(r.status).toBe(400);
      expect(errorCode(r)).toBe('ERR_OIDC_REPLAYED');
    }
    // The four replays took nothing from the repository's bucket (4/min): three more runs are granted.
    for (let i = 2; i <= 4; i++)
      expect((await exchange(i % 2 ? a : b, await oidc('replay', `replay-${i}`))).status).toBe(200);
    expect(errorCode(await exchange(a, await oidc('replay', 'replay-5')))).toBe('ERR_RATE_LIMITED');
  });

  it('every exchange the decision refuses is charged; a rate-limited one writes nothing', async () => {
    for (let i = 1; i <= 4; i++) {
      const r = await exchange(i % 2 ? a : b, await oidc('rate', `rate-${i}`), 'not-granted');
      expect(r.status).toBe(400);
      expect(errorCode(r)).not.toBe('ERR_RATE_LIMITED');
    }
    const limitedToken = await oidc('rate', 'rate-5');
    const limited = await exchange(b, limitedToken);
    expect(limited.status).toBe(429);
    expect(errorCode(limited)).toBe('ERR_RATE_LIMITED');
    // Stopped before the gate's writes: its jti is not used, no claim of its run, no intent.
    const raw = redis.client();
    expect(await raw.exists(jtiKeyOf(limitedToken))).toBe(0);
    expect((await raw.keys('stepwarden:claim:*')).filter((k) => k.includes(`:${REPOS.rate}:`))).toEqual([]);
    expect(await raw.keys('stepwarden:intent:*')).toEqual([]);
  });

  it('single use holds between the two instances at once: one token, and two tokens of one grant', async () => {
    const t = await oidc('race', 'race-1');
    const same = await Promise.all([exchange(a, t), exchange(b, t)]);
    expect(same.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(errorCode(same.find((r) => r.status === 400)!)).toBe('ERR_OIDC_REPLAYED');
    // Another run's single-use grant, claimed with two tokens at once: one credential. The other is
    // a second claim, or held while the first is in flight (whichever order the two ran in).
    const [t1, t2] = [await oidc('race', 'race-2'), await oidc('race', 'race-2')];
    const both = await Promise.all([exchange(a, t1), exchange(b, t2)]);
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    const other = both.find((r) => r.status !== 200)!;
    expect(['ERR_GRANT_ALREADY_CLAIMED', 'ERR_GRANT_IN_FLIGHT']).toContain(errorCode(other));
  });

  it('one exchange: two scripts; the jti, the screen and the write-ahead intent in the first, before the record', async () => {
    const raw = redis.client();
    // One exchange first: the scripts are loaded (a first EVALSHA answered NOSCRIPT is sent again
    // as EVAL, and MONITOR would show both), whichever tests ran before this one.
    expect((await exchange(a, await oidc('wal', 'wal-0'))).status).toBe(200);
    const seen = await monitored(raw, async () => {
      const t = await oidc('wal', 'wal-1');
      expect((await exchange(a, t)).status).toBe(200);
    });
    const jti = seen.find(
      (c) => c.source === 'lua' && c.args[0] === 'SET' && c.args[1]?.startsWith('stepwarden:jti:'),
    );
    const jtiKey = jti!.args[1]!;
    const at = (pred: (c: Monitored) => boolean) => seen.findIndex(pred);
    const rate = at(
      (c) =>
        c.source === 'lua' &&
        c.args[0] === 'HSET' &&
        c.args[1] === `stepwarden:rate:rate:${issuer.url}:${REPOS.wal}`,
    );
    const jtiAt = seen.indexOf(jti!);
    const intentAt = at(
      (c) => c.source === 'lua' && c.args[0] === 'SET' && c.args[1]!.startsWith('stepwarden:intent:'),
    );
    const intentKey = seen[intentAt]!.args[1]!;
    const recordAt = at(
      (c) => c.source === 'lua' && c.args[0] === 'HSET' && c.args[1]!.startsWith('stepwarden:rec:'),
    );
    // Since session 37 the jti's one SET NX is the replay check, so it comes before the bucket (a
    // refused bucket deletes it again in the same script); both before the intent and the record.
    expect(jtiAt).toBeGreaterThanOrEqual(0);
    expect(jtiAt).toBeLessThan(rate);
    expect(rate).toBeLessThan(intentAt);
    expect(intentAt).toBeLessThan(recordAt);
    // The scripts the broker sent for this exchange (its jti or its intent among their keys): the
    // screen with the gate, then the record with its delivery; no other command between them names it.
    const scripts = seen.filter(
      (c) =>
        c.source !== 'lua' &&
        /^eval/i.test(c.args[0] ?? '') &&
        (c.args.includes(jtiKey) || c.args.includes(intentKey)),
    );
    expect(scripts).toHaveLength(2);
    const first = seen.indexOf(scripts[0]!);
    expect(first).toBeLessThan(jtiAt);
    expect(seen.indexOf(scripts[1]!)).toBeGreaterThan(intentAt);
    expect(seen.indexOf(scripts[1]!)).toBeLessThan(recordAt);
  });
});

describe('in process: an exchange whose job identity needs the Jobs API is screened before GitHub', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack({ rate: 2, verifyJobs: true });
  });
  afterAll(async () => s.close());

  it('an empty bucket refuses before the Jobs API is asked', async () => {
    // Every call that reached the GitHub stand-in (the job's read begins with its installation token).
    const jobCalls = () => s.gh.standin.requests.length;
    // Two exchanges whose check run the Jobs API does not know: each asks GitHub and is refused.
    for (const run of ['jobs-1', 'jobs-2']) {
      const t = await s.issuer.mint({ run_id: runIdOf(run), check_run_id: String(7000 + jobCalls()) });
      const r = await s.token(
        s.exchangeForm(t, { audience: 'https://hooks.example.internal', step: 'notify' }),
      );
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(errorCode(r)).not.toBe('ERR_RATE_LIMITED');
    }
    const asked = jobCalls();
    expect(asked).toBeGreaterThan(0);
    // The third is over the bucket (2/min): refused by the screen, GitHub not asked.
    const t = await s.issuer.mint({ run_id: runIdOf('jobs-3'), check_run_id: '7100' });
    const r = await s.token(
      s.exchangeForm(t, { audience: 'https://hooks.example.internal', step: 'notify' }),
    );
    expect(errorCode(r)).toBe('ERR_RATE_LIMITED');
    expect(jobCalls()).toBe(asked);
  });
});
