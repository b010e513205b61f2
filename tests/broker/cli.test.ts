import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { loadBrokerConfig, parseRate } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { startOidcIssuer, type OidcIssuer } from '../../shared/standins/oidc-issuer.js';
import { cli } from '../support/cli.js';
import { MANIFEST } from '../support/broker.js';

let issuer: OidcIssuer;
const dir = mkdtempSync(join(tmpdir(), 'sw-cli-'));
beforeAll(async () => {
  issuer = await startOidcIssuer({ audience: 'https://broker.example.com' });
});
afterAll(() => issuer.close());

describe('stepwarden verify', () => {
  it('prints the claims of a valid token, never the token, exit 0', async () => {
    const token = await issuer.mint();
    const r = await cli([
      'verify',
      token,
      '--issuer',
      issuer.url,
      '--audience',
      'https://broker.example.com',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { valid: boolean; claims: Record<string, string> };
    expect(out.valid).toBe(true);
    expect(out.claims.repository).toBe('octo-org/octo-repo');
    expect(r.stdout).not.toContain(token);
  });

  it('gives the precise reason and exit 1 for a refused token; reads stdin with -', async () => {
    const token = await issuer.mint({}, { expiresIn: -600 });
    const r = await cli(['verify', '-', '--issuer', issuer.url, '--audience', 'https://broker.example.com'], {
      stdin: token,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^refused: ERR_OIDC_EXPIRED/);
  });

  it('verifies a captured token offline with --jwks and --at', async () => {
    const token = await issuer.mint({}, { expiresIn: 60 });
    const jwks = join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify(issuer.jwks()));
    const iat = decodeJwt(token).iat!;
    expect(
      (
        await cli([
          'verify',
          token,
          '--issuer',
          issuer.url,
          '--audience',
          'https://broker.example.com',
          '--jwks',
          jwks,
          '--at',
          String(iat + 30),
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await cli([
          'verify',
          token,
          '--issuer',
          issuer.url,
          '--audience',
          'https://broker.example.com',
          '--jwks',
          jwks,
          '--at',
          String(iat + 3600),
        ])
      ).code,
    ).toBe(1);
  });

  it('requires --audience (or an explicit --no-audience, said in the output)', async () => {
    const token = await issuer.mint();
    expect((await cli(['verify', token, '--issuer', issuer.url])).code).toBe(2);
    const r = await cli(['verify', token, '--issuer', issuer.url, '--no-audience']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/aud was NOT checked/);
  });
});

describe('stepwarden explain', () => {
  it('answers would-this-be-granted from a manifest and claims, with the manifest line', async () => {
    const manifest = join(dir, 'm.yml');
    writeFileSync(manifest, MANIFEST);
    const claims = join(dir, 'claims.json');
    writeFileSync(claims, JSON.stringify(decodeJwt(await issuer.mint())));
    const ok = await cli([
      'explain',
      '--manifest',
      manifest,
      '--claims',
      claims,
      '--audience',
      'github',
      '--job',
      'publish',
      '--step',
      'release',
      '--scope',
      'contents:write',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(
      /would be granted: GitHub installation token, scope 'contents:write', ttl 300s/,
    );
    const no = await cli([
      'explain',
      '--manifest',
      manifest,
      '--claims',
      claims,
      '--audience',
      'github',
      '--job',
      'publish',
      '--step',
      'release',
      '--scope',
      'workflows:write',
    ]);
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/would be refused: invalid_scope ERR_SCOPE_NOT_GRANTED/);
  });
});

describe('broker config', () => {
  it('starts from embedded defaults', () => {
    const c = loadBrokerConfig('{}', 'x', '/');
    expect(c.listen).toBe('127.0.0.1:8787');
    expect(c.state).toBe('memory');
  });
  it('refuses unknown keys and bad values with file and line', () => {
    try {
      loadBrokerConfig(
        'listen: 127.0.0.1:1\nissuer: [x]\nissuers: [http://evil.example]\nrate-limit: { per-repository: lots }\n',
        'broker.yml',
        '/',
      );
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      const text = (err as Error).message;
      expect(text).toMatch(/broker\.yml:2: unknown key 'issuer'.*did you mean 'issuers'/);
      expect(text).toMatch(/broker\.yml:4: /);
    }
    expect(() => loadBrokerConfig('issuers: [http://evil.example]\n', 'broker.yml', '/')).toThrow(
      /broker\.yml:1: .*https/,
    );
    expect(() => loadBrokerConfig('manifests: { source: github }\n', 'broker.yml', '/')).toThrow(
      /need the `github` App/,
    );
  });
  it('parses rates', () => {
    expect(parseRate('600/min')).toEqual({ limit: 600, windowSeconds: 60 });
    expect(parseRate('5/s')).toEqual({ limit: 5, windowSeconds: 1 });
  });
  it('the CLI exits 2 on a bad config file', async () => {
    const f = join(dir, 'bad.yml');
    writeFileSync(f, 'listne: 1\n');
    const r = await cli(['broker', '--config', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yml:1: unknown key 'listne'.*'listen'/);
  });
});
