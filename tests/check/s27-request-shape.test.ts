/**
 * Session 27: the check holds a credential step's request to the broker's own request rule
 * (request.ts `exchangeRequestOf`: `step` and `audience` at most 256 characters, `scope` at most 1,024,
 * none with a control character). It ran the broker's decision over the inputs as written, so a grant
 * and a step naming it with a 300-character `step:` (or a C0 character a YAML escape wrote) passed
 * `check`, and every exchange of it was refused `ERR_PARAM_INVALID` by a real broker. `explain` (the
 * offline dry run) said "would be granted" for the same request. Since session 28 the manifest refuses
 * such a grant at load (tests/manifest/s28-request-bounds.test.ts), so here the manifest grants a step
 * within the bounds and the workflow's step asks past them: the form rule still answers first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { cli } from '../support/cli.js';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const LONG_STEP = `s${'x'.repeat(299)}`;
const LONG_AUDIENCE = `https://hooks.example.internal/${'a'.repeat(240)}`;

/** The manifest both sides read: grants a step and an audience past the broker's request bounds. */
const MANIFEST = (step: string, audience: string) => y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
  workflows:
    release.yml:
      triggers: [push]
      jobs:
        publish:
          permissions: { contents: read, id-token: write }
          credentials:
            - { step: ${JSON.stringify(step)}, audience: ${JSON.stringify(audience)}, scope: [notify:send], ttl: 60 }
`;

const workflow = (step: string, audience: string) => y`
  on: push
  jobs:
    publish:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      steps:
        - uses: ${RUN}
          with: { broker-url: "https://b.example", audience: ${JSON.stringify(audience)}, scope: "notify:send", step: ${JSON.stringify(step)} }
`;

const HOOKS = 'https://hooks.example.internal';
/** The manifest grants `grant` (a step and audience within the bounds); the workflow's step asks these. */
const findings = (step: string, audience: string, grant: [string, string] = ['release', HOOKS]) =>
  findingsOf('credential-step', { 'release.yml': workflow(step, audience) }, MANIFEST(...grant));

const CASES: [string, string, string][] = [
  ['a step of 300 characters', LONG_STEP, 'https://hooks.example.internal'],
  ['an audience of 271 characters', 'release', LONG_AUDIENCE],
  ['a step holding U+0001 (a YAML escape)', 'rel\u0001ease', 'https://hooks.example.internal'],
];

describe('the check refuses what the broker refuses before any grant is read (s27)', () => {
  it.each(CASES)('%s: credential-step names ERR_PARAM_INVALID', (_what, step, audience) => {
    const f = findings(step, audience);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('ERR_PARAM_INVALID');
    expect(f[0]!.severity).toBe('error');
  });

  it('passes the same setup within the bounds (control: the fixture is granted)', () => {
    expect(findings('release', HOOKS)).toEqual([]);
    const bound = LONG_STEP.slice(0, 256);
    expect(findings(bound, HOOKS, [bound, HOOKS])).toEqual([]);
  });
});

let stack: Stack;
const dir = mkdtempSync(join(tmpdir(), 'sw-s27-explain-'));
beforeAll(async () => {
  stack = await startStack({ manifest: MANIFEST('release', HOOKS) });
});
afterAll(async () => {
  await stack?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real broker refuses the same requests (s27)', () => {
  it.each(CASES)('%s: ERR_PARAM_INVALID', async (_what, step, audience) => {
    const oidc = await stack.issuer.mint();
    const r = await stack.token(stack.exchangeForm(oidc, { step, audience, scope: 'notify:send' }));
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_PARAM_INVALID']);
  });
});

describe('explain answers as the broker does (s27)', () => {
  const explain = async (step: string, audience: string) => {
    const manifest = join(dir, 'm.yml');
    writeFileSync(manifest, MANIFEST('release', HOOKS));
    const claims = join(dir, 'claims.json');
    writeFileSync(claims, JSON.stringify(decodeJwt(await stack.issuer.mint())));
    return cli([
      'explain',
      ...['--manifest', manifest, '--claims', claims, '--audience', audience],
      ...['--job', 'publish', '--step', step, '--scope', 'notify:send'],
    ]);
  };

  it.each(CASES)('%s: would be refused, ERR_PARAM_INVALID', async (_what, step, audience) => {
    const r = await explain(step, audience);
    expect([r.code, r.stdout]).toEqual([
      1,
      expect.stringContaining('would be refused: invalid_request ERR_PARAM_INVALID'),
    ]);
  });

  it('within the bounds: would be granted (control)', async () => {
    const r = await explain('release', 'https://hooks.example.internal');
    expect([r.code, r.stdout]).toEqual([0, expect.stringContaining('would be granted')]);
  });
});
