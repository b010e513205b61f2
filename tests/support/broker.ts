/** The local stack for broker tests: OIDC issuer, GitHub stand-in with an App, and the broker. */
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { auditEventSchema } from '../../shared/audit/event.js';
import { memoryAuditSink, type AuditSink } from '../../shared/broker/audit-log.js';
import { directorySource, githubSource, type ManifestSource } from '../../shared/broker/manifest-source.js';
import { GithubApp, type GithubAppOptions } from '../../shared/broker/providers/github-app.js';
import type { ServerLimits } from '../../shared/standins/http.js';
import type { OidcVerifierOptions } from '../../shared/oidc/verify.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import type { OrgPolicySource } from '../../shared/broker/org-policy-source.js';
import { startBrokerWith, type RunningBroker } from '../../shared/broker/server.js';
import type { BrokerDeps } from '../../shared/broker/service.js';
import type { BrokerOps } from '../../shared/broker/ops/http.js';
import { runIdOf } from './run-ids.js';
import { generateSigningKey, type SigningKeys } from '../../shared/broker/signing-key.js';
import { MemoryStore } from '../../shared/broker/state/memory.js';
import { createOidcVerifier } from '../../shared/oidc/verify.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { demoRepo, startAppStandin, type AppStandin } from './github.js';

export const AUD = 'https://broker.example.com';

export const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        permissions: { contents: read, id-token: write }
        credentials:
          - step: release
            audience: github
            permissions: { contents: write, issues: read }
            ttl: 300
          - step: notify
            audience: https://hooks.example.internal
            scope: [notify:send, notify:read]
            ttl: 60
          - step: twice
            audience: https://hooks.example.internal
            scope: [notify:send]
            uses: 2
            ttl: 60
`;

export interface Stack {
  readonly issuer: OidcIssuer;
  readonly gh: AppStandin;
  readonly broker: RunningBroker;
  readonly audit: ReturnType<typeof memoryAuditSink>;
  readonly store: MemoryStore;
  /**
   * The broker's time: the wall clock's second plus `offset`, which tests move to expire credentials;
   * or `at` (seconds), when set, a stopped clock, for a test that must not see the second tick between
   * two requests (the wall clock's next second comes sooner on a slow machine, but on any).
   */
  clock: { offset: number; at?: number };
  token(
    form: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  post(
    path: string,
    form: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  exchangeForm(oidc: string, over?: Record<string, string>): Record<string, string>;
  /** Replaces the default-branch manifest the broker reads (directory source only; next exchange sees it). */
  setManifest(text: string): void;
  close(): Promise<void>;
}

export async function startStack(
  opts: {
    source?: 'directory' | 'github';
    manifest?: string;
    featureManifest?: string;
    rate?: number;
    org?: string;
    /** GitHub App retries and deadline (fault tests). */
    app?: Partial<Pick<GithubAppOptions, 'retries' | 'retryAfterBaseValue' | 'timeoutMs'>>;
    /** Issuer key fetching (fault tests). */
    verifier?: Partial<Pick<OidcVerifierOptions, 'fetchTimeoutMs' | 'keysMaxAgeMs' | 'refreshCooldownMs'>>;
    /** Client limits of the broker's server (fault tests). */
    limits?: ServerLimits;
    /** Per-owner organization policies (e.g. the OWNER/.github source over this stack's App). */
    orgPolicies?: (app: GithubApp) => OrgPolicySource;
    /** `require-job-identity: true` (tokens without a verifiable check_run_id are refused). */
    requireJobIdentity?: boolean;
    /**
     * Verify tokens' check_run_id against the stand-in's Jobs API (the broker's default). Off in the
     * stack unless asked: tests that mint check_run_id for other reasons need not register jobs.
     */
    verifyJobs?: boolean;
    /** Refused replays allowed per minute (their own bucket; default 60). */
    replayRate?: number;
    /** The verifier's clock tolerance, seconds (default 60). */
    clockTolerance?: number;
    key?: SigningKeys;
    jwt?: BrokerDeps['jwt'];
    ops?: BrokerOps;
    /** Attributed refusal lines per repository per minute (the broker's audit budget; default 120). */
    auditRefusals?: number;
    /** The broker's audit sink instead of the in-memory one (`audit` then records nothing). */
    auditSink?: AuditSink;
  } = {},
): Promise<Stack> {
  const issuer = await startOidcIssuer({ audience: AUD });
  const manifest = opts.manifest ?? MANIFEST;
  const gh = await startAppStandin([
    demoRepo({
      files: {
        main: { '.github/access-manifest.yml': manifest },
        ...(opts.featureManifest
          ? { 'feature/widen': { '.github/access-manifest.yml': opts.featureManifest } }
          : {}),
      },
    }),
  ]);
  const app = new GithubApp({
    api: gh.standin.url,
    appId: gh.appId,
    privateKey: createPrivateKey(gh.privateKeyPem),
    retries: 2,
    retryAfterBaseValue: 0,
    ...opts.app,
  });
  let manifests: ManifestSource;
  let manifestPath: string | undefined;
  let manifestDir: string | undefined;
  if (opts.source === 'github') manifests = githubSource(app);
  else {
    const dir = (manifestDir = mkdtempSync(join(tmpdir(), 'sw-manifests-')));
    mkdirSync(join(dir, 'octo-org/octo-repo/.github'), { recursive: true });
    manifestPath = join(dir, 'octo-org/octo-repo/.github/access-manifest.yml');
    writeFileSync(manifestPath, manifest);
    manifests = directorySource(dir, { recheckMs: 0 });
  }
  const audit = memoryAuditSink();
  const clock: Stack['clock'] = { offset: 0 };
  const now = () => clock.at ?? Math.floor(Date.now() / 1000) + clock.offset;
  const store = new MemoryStore(() => now());
  const broker = await startBrokerWith(
    {
      url: AUD,
      verifier: createOidcVerifier({
        issuers: [issuer.url],
        audience: AUD,
        now,
        ...(opts.clockTolerance !== undefined ? { clockToleranceSeconds: opts.clockTolerance } : {}),
        ...opts.verifier,
      }),
      store,
      key: opts.key ?? (await generateSigningKey()),
      ...(opts.jwt ? { jwt: opts.jwt } : {}),
      manifests,
      audit: opts.auditSink ?? audit,
      ...(opts.auditRefusals ? { auditRefusalsPerMinute: opts.auditRefusals } : {}),
      github: app,
      ...(opts.org ? { org: loadOrgPolicy(opts.org, 'org.yml') } : {}),
      ...(opts.orgPolicies ? { orgPolicies: opts.orgPolicies(app) } : {}),
      jobIdentity: opts.requireJobIdentity
        ? new JobIdentityChecker(app, { require: true })
        : new JobIdentityChecker(opts.verifyJobs ? app : undefined, { require: false }),
      rateLimit: { limit: opts.rate ?? 1000, windowSeconds: 60 },
      ...(opts.replayRate ? { replayRateLimit: { limit: opts.replayRate, windowSeconds: 60 } } : {}),
      adminTokenHashes: ['2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b'], // sha256('secret')
      now,
    },
    '127.0.0.1:0',
    50,
    opts.ops,
    opts.limits,
  );
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) => {
    const res = await fetch(`${broker.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
  };
  return {
    issuer,
    gh,
    broker,
    audit,
    store,
    clock,
    post,
    token: (form) => post('/token', form),
    exchangeForm: (oidc, over = {}) => ({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: oidc,
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'github',
      scope: '',
      job: 'publish',
      step: 'release',
      ...over,
    }),
    setManifest(text) {
      if (!manifestPath) throw new Error('setManifest needs the directory source');
      writeFileSync(manifestPath, text);
      // The file's stamp may not change within one clock tick: drop the cached copy instead.
      manifests.forget?.('octo-org/octo-repo');
    },
    async close() {
      await broker.close();
      await issuer.close();
      await gh.standin.close();
      if (manifestDir) rmSync(manifestDir, { recursive: true, force: true });
    },
  };
}

/**
 * The runner environment of the stack's release job in run `runIdOf(runId)`: the OIDC token endpoint (claims
 * set for the run, plus `claims`), the job and workflow as the manifest names them; `over` adds or
 * replaces variables.
 */
export function runnerEnv(
  s: Stack,
  runId: string,
  over: Record<string, string> = {},
  claims: Record<string, string> = {},
): Record<string, string> {
  // A readable label (`'ex-1'`) is the run of its GitHub-shaped id (run-ids.ts); an id stays itself.
  const id = runIdOf(runId);
  s.issuer.setRunnerClaims({ run_id: id, ...claims });
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${s.issuer.runnerTokenUrl}?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'runner-request-token',
    GITHUB_JOB: 'publish',
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_WORKFLOW_REF: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
    GITHUB_RUN_ID: id,
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_ACTOR: 'octocat',
    ...over,
  };
}

/** The rule code a refusal names: the part of `error_description` before its first colon. */
export const errorCode = (r: { body: Record<string, unknown> }): string =>
  String(r.body.error_description ?? '').split(':')[0] ?? '';

/** Closes the stack after checking that every audit event it wrote fits the audit schema. */
export async function closeCheckingAudit(s: Stack): Promise<void> {
  try {
    for (const e of s.audit.events) expect(auditEventSchema.safeParse(e).success).toBe(true);
  } finally {
    await s.close();
  }
}

/**
 * The form of a chained exchange: a broker JWT as the subject. No `job=` or `step=`: the child keeps
 * its parent's, and the broker refuses them (session 26), so exchangeForm's are not carried over.
 */
export function chainForm(subject: string, over: Record<string, string> = {}): Record<string, string> {
  return {
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    subject_token: subject,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    ...over,
  };
}

/** The service audience of the broker's hostile suites. */
export const HOOKS = 'https://hooks.example.internal';

/** A manifest whose release.yml jobs `build` and `publish` each hold a grant for step `notify` (HOOKS). */
export const BUILD_AND_PUBLISH_MANIFEST = (() => {
  const grant = `        credentials:\n          - { step: notify, audience: ${HOOKS}, scope: [notify:send], uses: 100, ttl: 60 }\n`;
  return `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      build:
${grant}      publish:
${grant}`;
})();
