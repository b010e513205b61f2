/**
 * `stepwarden demo`: the whole stack on loopback in one process — a local OIDC issuer and a GitHub
 * REST stand-in (both NOT GitHub; see docs/standins.md), the broker with an embedded manifest — then
 * one release job's steps exchange, use and revoke credentials through the same client code the
 * actions use, including the refusals an attacker would meet. Prints every step and the audit lines.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { buildReport } from '../audit/report.js';
import { memoryAuditSink } from '../broker/audit-log.js';
import { directorySource } from '../broker/manifest-source.js';
import { GithubApp } from '../broker/providers/github-app.js';
import { JobIdentityChecker } from '../broker/job-identity.js';
import { startBrokerWith } from '../broker/server.js';
import { generateSigningKey } from '../broker/signing-key.js';
import { MemoryStore } from '../broker/state/memory.js';
import { createOidcVerifier } from '../oidc/verify.js';
import { startGithubStandin } from '../standins/github-api.js';
import { githubAppRoutes, type GithubAppState } from '../standins/github-app-routes.js';
import { startOidcIssuer } from '../standins/oidc-issuer.js';
import { BrokerClientError, exchange, revokeJob, revokeToken } from '../actions/broker-client.js';

const AUDIENCE = 'https://broker.demo.invalid';

export const DEMO_MANIFEST = `version: 1
repository: { name: octo-org/demo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        environments: [production]
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
            repositories: [self]
            ttl: 300
            when:
              ref: [refs/heads/main]
              environment: [production]
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send]
            ttl: 60
`;

export interface DemoOptions {
  readonly out: (line: string) => void;
  /** Keep the stack running until the returned promise's stop() is called. */
  readonly keepRunning?: boolean;
}

/** Never prints a credential: only its kind, length and a hash-free label. */
const describe = (token: string) =>
  `${token.startsWith('ghs_') ? 'GitHub installation token' : 'JWT'} (${token.length} chars, masked)`;

export async function runDemo(
  opts: DemoOptions,
): Promise<{ ok: boolean; stop: () => Promise<void>; urls: Record<string, string> }> {
  const say = opts.out;
  const dir = mkdtempSync(join(tmpdir(), 'stepwarden-demo-'));
  mkdirSync(join(dir, 'octo-org/demo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'octo-org/demo-repo/.github/access-manifest.yml'), DEMO_MANIFEST);

  const issuer = await startOidcIssuer({ audience: AUDIENCE });
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state: GithubAppState = {
    appId: 4242,
    appPublicKey: publicKey,
    repos: [
      {
        owner: 'octo-org',
        name: 'demo-repo',
        id: 100001,
        ownerId: 200001,
        defaultBranch: 'main',
        files: { main: { '.github/access-manifest.yml': DEMO_MANIFEST } },
        installationId: 1,
      },
    ],
    installationPermissions: { contents: 'write', metadata: 'read' },
    tokens: [],
  };
  let ghUrl = '';
  const gh = await startGithubStandin({ routes: githubAppRoutes(state, () => ghUrl) });
  ghUrl = gh.url;
  const audit = memoryAuditSink();
  const github = new GithubApp({ api: gh.url, appId: state.appId, privateKey });
  const broker = await startBrokerWith({
    url: AUDIENCE,
    verifier: createOidcVerifier({ issuers: [issuer.url], audience: AUDIENCE }),
    store: new MemoryStore(),
    key: await generateSigningKey(),
    manifests: directorySource(dir),
    audit,
    github,
    // The stand-in has no Jobs API and the demo's tokens no check_run_id: the demo asserts its job
    // (require-job-identity: false, which a production broker must not set; docs/broker.md).
    jobIdentity: new JobIdentityChecker(github, { require: false }),
    rateLimit: { limit: 600, windowSeconds: 60 },
    adminTokenHashes: [],
  });
  const stop = async () => {
    await broker.close();
    await gh.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const urls = { broker: broker.url, issuer: issuer.url, github: gh.url };
  say(
    'stepwarden demo: everything below runs on 127.0.0.1 (the OIDC issuer and GitHub API are local stand-ins)',
  );
  say(`  broker ${broker.url}   OIDC issuer ${issuer.url}   GitHub stand-in ${gh.url}`);
  say('  manifest (default branch of octo-org/demo-repo): job publish of release.yml may get');
  say(
    '    step publish -> GitHub token contents:write for 300 s, only from refs/heads/main in environment production;',
  );
  say('    step notify -> JWT notify:send for 60 s (default branch only)\n');

  const claims = {
    repository: 'octo-org/demo-repo',
    workflow_file: 'release.yml',
    run_id: '777',
    event_name: 'push',
    environment: 'production',
  };
  const oidc = () => issuer.mint(claims);
  let ok = true;
  const expectRefusal = async (label: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
      ok = false;
      say(`  ✗ ${label}: was NOT refused`);
    } catch (err) {
      const e = err as BrokerClientError;
      say(`  ✓ ${label}: refused — ${e.description}`);
    }
  };
  try {
    say('step publish (actions/run): exchange, run the command, revoke');
    const pub = await exchange(broker.url, {
      subjectToken: await oidc(),
      audience: 'github',
      scope: 'contents:write',
      job: 'publish',
      step: 'publish',
    });
    say(
      `  ✓ granted ${describe(pub.access_token)}, scope ${pub.scope}, ${pub.expires_in}s, grant ${pub.grant_id}`,
    );
    say('  … the command runs with GH_TOKEN set …');
    await revokeToken(broker.url, pub.access_token);
    const upstream = state.tokens.find((t) => t.token === pub.access_token);
    say(`  ✓ revoked at the broker and upstream at GitHub: ${upstream?.revoked ? 'yes' : 'NO'}`);
    ok &&= upstream?.revoked === true;

    say('\nstep notify (actions/exchange): a broker-signed JWT for an internal service');
    const note = await exchange(broker.url, {
      subjectToken: await oidc(),
      audience: 'https://hooks.example.internal',
      scope: 'notify:send',
      job: 'publish',
      step: 'notify',
    });
    const jwks = (await (await fetch(`${broker.url}/.well-known/jwks.json`)).json()) as { keys: never[] };
    const { payload } = await jwtVerify(note.access_token, createLocalJWKSet(jwks), {
      audience: 'https://hooks.example.internal',
    });
    say(
      `  ✓ granted ${describe(note.access_token)}; the service verifies it with the broker JWKS: sub ${payload.sub}, scope ${String(payload.scope)}`,
    );

    say('\nwhat a compromised step meets');
    await expectRefusal('asking for more than the grant (administration:write)', async () =>
      exchange(
        broker.url,
        {
          subjectToken: await oidc(),
          audience: 'github',
          scope: 'contents:write administration:write',
          job: 'publish',
          step: 'publish',
        },
        { retries: 0 },
      ),
    );
    await expectRefusal("claiming another step's grant a second time (possible theft)", async () =>
      exchange(
        broker.url,
        {
          subjectToken: await oidc(),
          audience: 'https://hooks.example.internal',
          job: 'publish',
          step: 'notify',
          scope: '',
        },
        { retries: 0 },
      ),
    );
    const replayed = await issuer.mint({ ...claims, run_id: '778' });
    await exchange(broker.url, {
      subjectToken: replayed,
      audience: 'https://hooks.example.internal',
      job: 'publish',
      step: 'notify',
      scope: '',
    });
    await expectRefusal('replaying an OIDC token', async () =>
      exchange(
        broker.url,
        {
          subjectToken: replayed,
          audience: 'https://hooks.example.internal',
          job: 'publish',
          step: 'notify',
          scope: '',
        },
        { retries: 0 },
      ),
    );
    const attacker = 'refs/heads/attacker';
    await expectRefusal('an edited copy of release.yml pushed to a branch (grant condition: ref)', async () =>
      exchange(
        broker.url,
        {
          subjectToken: await issuer.mint({
            ...claims,
            run_id: '780',
            ref: attacker,
            workflow_ref: `octo-org/demo-repo/.github/workflows/release.yml@${attacker}`,
            job_workflow_ref: `octo-org/demo-repo/.github/workflows/release.yml@${attacker}`,
          }),
          audience: 'github',
          job: 'publish',
          step: 'publish',
          scope: '',
        },
        { retries: 0 },
      ),
    );
    await expectRefusal('a pull_request_target run (trigger not in the manifest)', async () =>
      exchange(
        broker.url,
        {
          subjectToken: await issuer.mint({ ...claims, run_id: '779', event_name: 'pull_request_target' }),
          audience: 'github',
          job: 'publish',
          step: 'publish',
          scope: '',
        },
        { retries: 0 },
      ),
    );

    say('\njob end (actions/audit): revoke whatever is still live with a fresh OIDC token');
    const n = await revokeJob(broker.url, await oidc(), 'publish');
    say(`  ✓ revoked ${n} leftover credential(s)`);

    await audit.flush();
    say('\nthe broker audit log (one JSON line per decision; no credential in any of them):');
    for (const e of audit.events) {
      say(
        `  ${e.time.slice(11, 19)} ${e.type.padEnd(24)} ${e.outcome.padEnd(7)} ${(e.step ?? '-').padEnd(8)} ${(e.reason ?? e.scope ?? '').slice(0, 60)}`,
      );
    }
    // The same log through `stepwarden audit`: workload apart from administrator activity, anomalies.
    const report = buildReport(audit.events);
    const kinds = [...new Set(report.anomalies.map((a) => a.kind))];
    say(
      `\nstepwarden audit of that log: ${report.totals.workload} workload events, ${report.totals.administrator} administrator events; anomalies: ${kinds.join(', ') || 'none'}`,
    );
    const leaked = audit.events.some(
      (e) => JSON.stringify(e).includes(pub.access_token) || JSON.stringify(e).includes(note.access_token),
    );
    ok &&= !leaked;
    say(
      `\n${ok ? 'demo passed' : 'demo FAILED'}: ${audit.events.length} audit events. Next: 'stepwarden check examples/demo-repo', docs/broker.md.`,
    );
  } catch (err) {
    ok = false;
    say(`demo failed: ${(err as Error).message}`);
  }
  if (!opts.keepRunning) await stop();
  return { ok, stop, urls };
}
