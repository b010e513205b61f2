/**
 * Broker processes on a real redis-server, for the fault tests (SIGKILL mid-exchange, Redis restarted
 * or stopped mid-burst, cache invalidation across instances, dispatched runs): the issuer and GitHub
 * stand-ins, a manifests directory, one config per broker, audit files to read back.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSigningKey } from '../../shared/broker/signing-key.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { spawnBroker, type BrokerProcess } from './cluster.js';
import { demoRepo, startAppStandin, type AppStandin } from './github.js';
import { sleep, until } from './poll.js';
import { startRedis, type RedisServer } from './redis.js';
import { runIdOf } from './run-ids.js';

export const AUD = 'https://broker.example.com';
export const ADMIN = { authorization: 'Bearer secret' };

/** A manifest: `release` is a single-use GitHub token, `notify` a JWT usable often. */
export const manifestFor = (name: string, id: number, releaseTtl = 300) => `version: 1
repository: { name: octo-org/${name}, id: ${id}, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch, repository_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: release
            audience: github
            permissions: { contents: write }
            ttl: ${releaseTtl}
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
            uses: 100
`;

export interface Rig {
  readonly redis: RedisServer;
  readonly issuer: OidcIssuer;
  readonly gh: AppStandin;
  readonly dir: string;
  readonly env: Record<string, string>;
  /** Every credential a client received (the leak checks look for them). */
  readonly secrets: string[];
  /** Writes `<name>.yml` (state: the rig's redis unless `state` is given; `extra` appended) and starts it. */
  spawn(
    name: string,
    opts?: {
      state?: string;
      extra?: string;
      env?: Record<string, string>;
      /** Changes the written config before the broker reads it (a setting the rig writes itself). */
      edit?: (yaml: string) => string;
      /** The script spawnBroker runs (its default unless given). */
      entry?: string;
    },
  ): Promise<BrokerProcess>;
  oidc(repo: string, runId: string, claims?: Record<string, unknown>): Promise<string>;
  exchange(
    at: BrokerProcess,
    token: string,
    step?: 'release' | 'notify',
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The audit lines of the named brokers (all written so far). */
  audit(...names: string[]): Record<string, unknown>[];
  /** Changes a repository's manifest (a file, or the stand-in's default branch without a new commit sha). */
  writeManifest(repo: string, text: string): void;
  /** Changes the organization policy in the stand-in (same commit sha: only a dropped cache sees it). */
  writeOrgPolicy(text: string): void;
  /** Asserts no credential a client got is in an audit file or, in clear, in Redis; stops everything. */
  close(): Promise<void>;
}

export async function startRig(
  repos: Record<string, number>,
  opts: {
    redis?: RedisServer;
    releaseTtl?: number;
    /** Manifests read through the GitHub App from the stand-in (default: a directory). */
    github?: boolean;
    /** An organization policy in octo-org/.github, read through the App (`org-policy: { source: github }`). */
    orgPolicy?: string;
  } = {},
): Promise<Rig> {
  const redis = opts.redis ?? (await startRedis());
  const issuer = await startOidcIssuer({ audience: AUD });
  const gh = await startAppStandin([
    ...Object.entries(repos).map(([name, id], i) =>
      demoRepo({ name, id, installationId: 70 + i, files: { main: {} } }),
    ),
    ...(opts.orgPolicy !== undefined
      ? [demoRepo({ name: '.github', id: 399999, installationId: 69, files: { main: {} } })]
      : []),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'sw-rig-'));
  const file = (repo: string, path: string, text: string) => {
    gh.state.repos.find((r) => r.name === repo)!.files.main![path] = text;
  };
  if (opts.orgPolicy !== undefined) file('.github', 'stepwarden/org-policy.yml', opts.orgPolicy);
  const writeManifest = (name: string, text: string) => {
    if (opts.github) return file(name, '.github/access-manifest.yml', text);
    mkdirSync(join(dir, 'manifests/octo-org', name, '.github'), { recursive: true });
    writeFileSync(join(dir, 'manifests/octo-org', name, '.github/access-manifest.yml'), text);
  };
  for (const [name, id] of Object.entries(repos)) writeManifest(name, manifestFor(name, id, opts.releaseTtl));
  writeFileSync(join(dir, 'app.pem'), gh.privateKeyPem);
  // sha256('secret'): the file holds the hash (a plain token that short is refused at load).
  writeFileSync(
    join(dir, 'admin-tokens'),
    'oncall:2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b\n',
  );
  await loadOrCreateSigningKey(join(dir, 'signing-key.json'));
  const env = { STEPWARDEN_STATE_KEY: randomBytes(32).toString('hex') };
  const secrets: string[] = [];
  const names = new Set<string>();
  const procs: BrokerProcess[] = [];
  const audit = (...which: string[]) => {
    const out: Record<string, unknown>[] = [];
    for (const n of which.length ? which : [...names]) {
      let text: string;
      try {
        text = readFileSync(join(dir, `audit-${n}.jsonl`), 'utf8');
      } catch {
        continue;
      }
      // Complete lines only: the part after the last newline is a batch the broker is still writing
      // (these tests read while exchanges go on; a grant's own line is complete before it answers).
      for (const l of text
        .slice(0, text.lastIndexOf('\n') + 1)
        .split('\n')
        .filter(Boolean))
        out.push(JSON.parse(l) as Record<string, unknown>);
    }
    return out;
  };
  return {
    redis,
    issuer,
    gh,
    dir,
    env,
    secrets,
    writeManifest,
    writeOrgPolicy: (text) => file('.github', 'stepwarden/org-policy.yml', text),
    audit,
    async spawn(name, o = {}) {
      names.add(name);
      const file = join(dir, `${name}.yml`);
      const edit = o.edit ?? ((y: string) => y);
      writeFileSync(
        file,
        edit(`listen: 127.0.0.1:0
url: ${AUD}
audience: ${AUD}
issuers: [${issuer.url}]
require-job-identity: false
manifests: ${opts.github ? '{ source: github }' : '{ source: directory, path: ./manifests }'}
${opts.orgPolicy !== undefined ? 'org-policy: { source: github }\n' : ''}github: { api: ${gh.standin.url}, app-id: ${gh.appId}, private-key-file: ./app.pem }
signing: { key-file: ./signing-key.json }
state: ${o.state ?? redis.url}
rate-limit: { per-repository: 10000/min }
admin-tokens-file: ./admin-tokens
audit: ./audit-${name}.jsonl
${o.extra ?? ''}`),
      );
      const p = await spawnBroker(file, { ...env, ...o.env }, ...(o.entry ? [o.entry] : []));
      procs.push(p);
      return p;
    },
    oidc(repo, runId, claims = {}) {
      return issuer.mint({
        repository: `octo-org/${repo}`,
        repository_id: String(repos[repo]),
        // A readable label (`'held-1'`) becomes its GitHub-shaped id (run-ids.ts); an id stays itself.
        run_id: runIdOf(runId),
        ...claims,
      });
    },
    async exchange(at, token, step = 'notify') {
      const r = await at.post('/token', {
        grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subject_token: token,
        subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
        audience: step === 'release' ? 'github' : 'https://hooks.example.internal',
        job: 'publish',
        step,
      });
      if (typeof r.body.access_token === 'string') secrets.push(r.body.access_token);
      return r;
    },
    async close() {
      await Promise.all(procs.map((p) => p.stop()));
      const text = JSON.stringify(audit());
      let dump = '';
      if (!opts.redis) {
        const raw = redis.client();
        for (const k of await raw.keys('*').catch(() => [] as string[]))
          if ((await raw.type(k)) === 'hash') dump += JSON.stringify(await raw.hgetall(k));
      }
      const leaked = secrets.filter((s) => text.includes(s) || dump.includes(s));
      if (!opts.redis) await redis.stop();
      await issuer.close();
      await gh.standin.close();
      rmSync(dir, { recursive: true, force: true });
      if (leaked.length) throw new Error(`${leaked.length} credential(s) found in an audit file or in Redis`);
      if (gh.standin.shapeErrors.length) throw new Error(gh.standin.shapeErrors.join('\n'));
    },
  };
}

export { sleep, until };

/** GitHub's route that mints an installation token (the stand-in's pattern). */
export const MINT_ROUTE = '/app/installations/{installation_id}/access_tokens';

/**
 * The next mint is answered only once redis-server refuses writes (`min-replicas-to-write 1` with no
 * replica: NOREPLICAS), so the exchange's put of that token's record fails after GitHub minted it.
 * The caller sets `min-replicas-to-write` back to 0 when its case is done (and in afterAll).
 */
export function refuseWritesAtMint(rig: Rig): void {
  const raw = rig.redis.client();
  let refusing!: () => void;
  const refused = new Promise<void>((r) => (refusing = r));
  rig.gh.standin.fail('POST', MINT_ROUTE, {
    count: 1,
    until: refused,
    onArrive: () =>
      void raw.call('CONFIG', 'SET', 'min-replicas-to-write', '1').then(
        () => refusing(),
        () => refusing(),
      ),
  });
}

/** A primary and its replica (real redis-server processes) with a rig on the primary. */
export interface ReplicatedRig {
  readonly primary: RedisServer;
  readonly replica: RedisServer;
  readonly rig: Rig;
  /** The replicas the primary counts as connected. */
  replicas(): Promise<number>;
  /** The replica cut off (`REPLICAOF NO ONE`, as a promotion): the primary's writes no longer reach it. */
  detach(): Promise<void>;
  /** The replica back under the primary and caught up (a WAIT it acknowledged). */
  attach(): Promise<void>;
  /** The rig's close (its leak checks), then both servers stopped. */
  close(): Promise<void>;
}

/** The strict-mode and failover suites' set-up (sessions 36-39): one place for it. */
export async function startReplicatedRig(repos: Record<string, number>): Promise<ReplicatedRig> {
  const primary = await startRedis();
  let replica: RedisServer | undefined;
  let rig: Rig;
  try {
    replica = await startRedis({ replicaOf: primary.port });
    rig = await startRig(repos, { redis: primary });
  } catch (err) {
    // Nothing left running behind a set-up that failed half-way.
    await replica?.stop();
    await primary.stop();
    throw err;
  }
  const started = replica;
  const replicas = async () => {
    const info = String(await primary.client().info('replication'));
    return Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0);
  };
  return {
    primary,
    replica: started,
    rig,
    replicas,
    async detach() {
      await started.client().replicaof('NO', 'ONE');
      await until(async () => (await replicas()) === 0, 20_000, 'replica detached');
    },
    async attach() {
      await started.client().replicaof('127.0.0.1', String(primary.port) as never);
      await until(
        async () => (await replicas()) === 1 && (await primary.client().wait(1, 1000)) === 1,
        30_000,
        'replica attached',
      );
    },
    async close() {
      try {
        await rig.close();
      } finally {
        await started.stop();
        await primary.stop();
      }
    },
  };
}
