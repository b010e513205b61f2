/**
 * A local OIDC issuer on 127.0.0.1 that mints GitHub-Actions-shaped ID tokens, for tests and
 * `stepwarden demo`. NOT GitHub: it has its own RSA keys and JWKS, and it can mint forged variants
 * (other algorithms, unknown kids, foreign keys, raw payload text) for security tests.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type JSONWebKeySet, type JWK, type CryptoKey } from 'jose';
import type { GithubOidcClaims } from '../oidc/claims.js';
import { listen, sendJson } from './http.js';

export interface MintOptions {
  /** Seconds until `exp` (default 300; negative for expired tokens). */
  readonly expiresIn?: number;
  /** `iat`/`nbf` offset in seconds from now (default 0). */
  readonly issuedAtOffset?: number;
  readonly kid?: string;
  readonly alg?: string;
  /** Sign with another key (forgery tests). */
  readonly key?: CryptoKey | Uint8Array;
}

export interface OidcIssuer {
  readonly url: string;
  mint(claims?: Partial<GithubOidcClaims> & Record<string, unknown>, opts?: MintOptions): Promise<string>;
  /**
   * Signs a payload given as JSON TEXT, byte for byte (hostile tests: `"exp": 1e400`, fractional
   * times, duplicate keys), with the current key. `claimsText` builds GitHub's claims as a start.
   * `header` is merged over `{ alg: 'RS256', kid, typ: 'JWT' }` (an `undefined` value drops a member);
   * the signature is RS256 with the current key whatever `alg` says (header forgery tests). A string
   * `header` is the header's JSON text, byte for byte (duplicate members).
   */
  mintRaw(payloadJson: string, header?: Record<string, unknown> | string): Promise<string>;
  /** GitHub-shaped claims of this issuer (with `over`), for `mintRaw`. */
  claims(over?: Record<string, unknown>): Record<string, unknown>;
  jwks(): JSONWebKeySet;
  /** Replaces the signing key with a new one under a new kid (the old one leaves the JWKS). */
  rotate(): Promise<void>;
  /**
   * Further public keys the JWKS serves after the signing key (hostile tests: a key set with two
   * keys under one `kid`); `[]` serves the signing key alone again. The current key's JWK is
   * `jwks().keys[0]`.
   */
  publishAlso(keys: readonly JWK[]): void;
  /**
   * The runner's ID-token endpoint (ACTIONS_ID_TOKEN_REQUEST_URL): answers `{ value }` for
   * `?audience=`, with the claims set by `setRunnerClaims`, as the Actions runtime does.
   */
  readonly runnerTokenUrl: string;
  setRunnerClaims(claims: Record<string, unknown>): void;
  /** How many times the JWKS was fetched (refresh tests). */
  readonly jwksFetches: number;
  /** How many discovery requests arrived, answered or not (single-flight tests). */
  readonly discoveryFetches: number;
  /**
   * Outage modes of discovery and the JWKS (fault tests): `down` answers 503, `hang` never answers
   * (the request stays open until the client gives up or the issuer closes); `up` is the default.
   * Minting and the runner endpoint are not affected.
   */
  setMode(mode: IssuerMode): void;
  close(): Promise<void>;
}

export type IssuerMode = 'up' | 'down' | 'hang';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly jwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID();
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/** Claims as GitHub documents them for a push to main of octo-org/octo-repo. */
export function githubClaims(
  issuer: string,
  audience: string,
  over: Record<string, unknown> = {},
): Record<string, unknown> {
  const repository = (over.repository as string | undefined) ?? 'octo-org/octo-repo';
  const [owner] = repository.split('/');
  const workflow = (over.workflow_file as string | undefined) ?? 'release.yml';
  const ref = (over.ref as string | undefined) ?? 'refs/heads/main';
  const base = {
    iss: issuer,
    aud: audience,
    sub: `repo:${repository}:ref:${ref}`,
    jti: randomUUID(),
    ref,
    // GitHub's kind of the ref (the broker refuses a ref_type that disagrees with ref).
    ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
    ref_protected: 'true',
    sha: 'a'.repeat(40),
    repository,
    repository_id: '100001',
    repository_owner: owner,
    repository_owner_id: '200001',
    repository_visibility: 'private',
    run_id: '9001',
    run_number: '42',
    run_attempt: '1',
    actor: 'octocat',
    actor_id: '583231',
    triggering_actor: 'octocat',
    workflow: 'release',
    workflow_ref: `${repository}/.github/workflows/${workflow}@${ref}`,
    workflow_sha: 'a'.repeat(40),
    job_workflow_ref: `${repository}/.github/workflows/${workflow}@${ref}`,
    job_workflow_sha: 'a'.repeat(40),
    event_name: 'push',
    runner_environment: 'github-hosted',
  };
  const { workflow_file: _ignored, ...rest } = over;
  return { ...base, ...rest };
}

export async function startOidcIssuer(
  opts: { host?: string; port?: number; audience?: string } = {},
): Promise<OidcIssuer> {
  let key = await newKey();
  let also: readonly JWK[] = [];
  let fetches = 0;
  let discoveries = 0;
  let mode: IssuerMode = 'up';
  let url = '';
  let runnerClaims: Record<string, unknown> = {};
  let mintFn: (claims: Record<string, unknown>) => Promise<string> = async () => '';
  const srv = await listen(
    (req, res) => {
      const full = new URL(req.url ?? '/', 'http://x');
      const path = full.pathname;
      if (path === '/_runner/idtoken') {
        if (!/^Bearer runner-request-token$/.test(String(req.headers.authorization ?? '')))
          return sendJson(res, 401, { message: 'bad request token' });
        const aud = full.searchParams.get('audience');
        void mintFn({ ...runnerClaims, ...(aud ? { aud } : {}) }).then((value) =>
          sendJson(res, 200, { value }),
        );
        return;
      }
      if (path === '/.well-known/openid-configuration') discoveries++;
      if (path.startsWith('/.well-known/') && mode !== 'up') {
        if (path === '/.well-known/jwks') fetches++;
        if (mode === 'down') sendJson(res, 503, { error: 'unavailable' });
        return;
      }
      if (path === '/.well-known/openid-configuration') {
        sendJson(res, 200, {
          issuer: url,
          jwks_uri: `${url}/.well-known/jwks`,
          subject_types_supported: ['public', 'pairwise'],
          response_types_supported: ['id_token'],
          claims_supported: [
            'sub',
            'aud',
            'exp',
            'iat',
            'iss',
            'jti',
            'nbf',
            'ref',
            'repository',
            'repository_id',
            'repository_owner_id',
            'run_id',
            'run_attempt',
            'actor',
            'workflow',
            'event_name',
          ],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid'],
        });
      } else if (path === '/.well-known/jwks') {
        fetches++;
        sendJson(res, 200, { keys: [key.jwk, ...also] });
      } else {
        sendJson(res, 404, { error: 'not_found' });
      }
    },
    opts.host,
    opts.port,
  );
  url = srv.url;
  const issuer: OidcIssuer = {
    url,
    runnerTokenUrl: `${url}/_runner/idtoken`,
    setRunnerClaims(claims) {
      runnerClaims = claims;
    },
    get jwksFetches() {
      return fetches;
    },
    get discoveryFetches() {
      return discoveries;
    },
    setMode(m) {
      mode = m;
    },
    jwks: () => ({ keys: [key.jwk, ...also] }),
    publishAlso(keys) {
      also = [...keys];
    },
    async rotate() {
      key = await newKey();
    },
    async mint(claims = {}, mintOpts = {}) {
      const now = Math.floor(Date.now() / 1000) + (mintOpts.issuedAtOffset ?? 0);
      const payload = githubClaims(url, opts.audience ?? 'https://broker.example.com', claims);
      const jwt = new SignJWT(payload as Record<string, unknown>)
        .setProtectedHeader({
          alg: mintOpts.alg ?? 'RS256',
          kid: mintOpts.kid ?? key.kid,
          typ: 'JWT',
          ...(mintOpts.alg === 'RS256' || !mintOpts.alg ? { x5t: 'stand-in' } : {}),
        })
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + (mintOpts.expiresIn ?? 300));
      return jwt.sign(mintOpts.key ?? key.privateKey);
    },
    claims: (over = {}) => githubClaims(url, opts.audience ?? 'https://broker.example.com', over),
    async mintRaw(payloadJson, header = {}) {
      const head = Buffer.from(
        typeof header === 'string'
          ? header
          : JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header }),
      ).toString('base64url');
      const input = `${head}.${Buffer.from(payloadJson).toString('base64url')}`;
      const sig = await globalThis.crypto.subtle.sign(
        'RSASSA-PKCS1-v1_5',
        key.privateKey,
        new TextEncoder().encode(input),
      );
      return `${input}.${Buffer.from(sig).toString('base64url')}`;
    },
    close: srv.close,
  };
  mintFn = (claims) => issuer.mint(claims);
  return issuer;
}
