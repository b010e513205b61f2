/**
 * Hostile review (session 9): a broker started from a config that says nothing about job identity
 * refuses a token whose job it cannot verify (`require-job-identity` defaults to true). With the lax
 * default a step of job A claimed job B's grant in the same run by naming `job: B` in its request,
 * since a token without `check_run_id` (or a broker without a GitHub App) only asserts the job.
 * Setting it false is possible and said at every start.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { JobIdentityChecker } from '../../shared/broker/job-identity.js';
import { startBroker, type RunningBroker } from '../../shared/broker/server.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { AUD, MANIFEST } from '../support/broker.js';

let issuer: OidcIssuer;
let dir: string;

beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: AUD });
  dir = mkdtempSync(join(tmpdir(), 'sw-s9-jobs-'));
  mkdirSync(join(dir, 'manifests/octo-org/octo-repo/.github'), { recursive: true });
  writeFileSync(join(dir, 'manifests/octo-org/octo-repo/.github/access-manifest.yml'), MANIFEST);
});
afterAll(async () => {
  await issuer.close();
  rmSync(dir, { recursive: true, force: true });
});

async function brokerWith(extra: string[]) {
  const logs: { level: string; msg: string }[] = [];
  const config = loadBrokerConfig(
    [
      'listen: 127.0.0.1:0',
      `url: ${AUD}`,
      `audience: ${AUD}`,
      `issuers: [${issuer.url}]`,
      'manifests: { source: directory, path: ./manifests }',
      'signing: { key-file: ./keys.json }',
      'audit: ./broker-audit.jsonl',
      ...extra,
    ].join('\n'),
    'broker.yml',
    dir,
  );
  const broker = await startBroker(config, {
    logger: { log: (level, msg) => void logs.push({ level, msg }) },
    warn: () => undefined,
  });
  return { broker, logs };
}

const exchange = async (broker: RunningBroker, job: string) => {
  const r = await fetch(`${broker.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      // The token of some job of release.yml in the run: it carries no check_run_id.
      subject_token: await issuer.mint({ workflow_file: 'release.yml' } as never),
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal',
      job,
      step: 'notify',
    }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('require-job-identity is strict by default', () => {
  it('a config without the key refuses a token whose job is only asserted, naming the setting', async () => {
    const { broker, logs } = await brokerWith([]);
    try {
      const r = await exchange(broker, 'publish');
      expect(r.status).toBe(400);
      expect(String(r.body.error_description)).toMatch(
        /^ERR_JOB_IDENTITY_REQUIRED.*check_run_id.*require-job-identity/,
      );
      // No App at all: the start says that every exchange will be refused, and how to fix it.
      expect(logs).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/no GitHub App is configured/) }),
      );
    } finally {
      await broker.close();
    }
  });

  it('require-job-identity: false grants on the asserted job and says so at start', async () => {
    const { broker, logs } = await brokerWith(['require-job-identity: false']);
    try {
      const r = await exchange(broker, 'publish');
      expect(r.status).toBe(200);
      expect(logs).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          msg: expect.stringMatching(/^require-job-identity is false: .*another job's grant/),
        }),
      );
    } finally {
      await broker.close();
    }
  });

  it('the library default is strict too (an embedding that builds its own checker)', async () => {
    const claims = { repository: 'octo-org/octo-repo', repository_id: '100001', iss: issuer.url } as never;
    await expect(new JobIdentityChecker(undefined).check(claims, 'publish')).rejects.toMatchObject({
      code: 'ERR_JOB_IDENTITY_REQUIRED',
    });
  });
});
