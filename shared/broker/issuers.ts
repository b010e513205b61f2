/**
 * Several issuers at once: github.com, GHES servers (`https://HOST/_services/token`) and ghe.com
 * tenants, each with its own audience, GitHub API, App and manifest source. The token's issuer picks
 * them: an unverified `iss` only chooses which verifier runs; that verifier trusts that one issuer and
 * checks everything again, so a token cannot borrow another issuer's settings.
 */
import { resolve } from 'node:path';
import { decodeJwt } from 'jose';
import type { OidcVerifier } from '../oidc/verify.js';
import type { IssuerSettings, GithubAppConfig } from './config.js';
import { directorySource, githubSource } from './manifest-source.js';
import { AppKeyError, appKeySourceOf, loadAppKey } from './providers/app-key.js';
import { GithubApp, type GithubAppOptions } from './providers/github-app.js';
import type { Tenant } from './service.js';
import type { Logger } from './ops/log.js';

/** Routes each token to the verifier of its issuer; an unknown or unreadable issuer gets the first verifier's refusal. */
export function dispatchByIssuer(verifiers: ReadonlyMap<string, OidcVerifier>): OidcVerifier {
  const all = [...verifiers.values()];
  if (all.length === 1) return all[0]!;
  return {
    verify(token) {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        iss = undefined;
      }
      const v = typeof iss === 'string' ? verifiers.get(iss) : undefined;
      return (v ?? all[0]!).verify(token);
    },
  };
}

/**
 * One App per distinct `github:` block (an issuer that names none shares the top-level one), each
 * checked against GitHub at start (`GET /app`): a key of another App stops the start, by name.
 */
export async function buildTenants(
  settings: readonly IssuerSettings[],
  baseDir: string,
  log: Logger,
  /** Deadline of one GitHub operation (`timeouts.upstream`), ms. */
  timeoutMs?: number,
  /** A read token of the broker's own not revoked (its read did not wait for the revocation). */
  onReleaseFailed?: GithubAppOptions['onReleaseFailed'],
  /** GitHub's clock difference learned by the App of `api` (GithubAppOptions.onClock). */
  onClock?: (api: string, change: Parameters<NonNullable<GithubAppOptions['onClock']>>[0]) => void,
): Promise<Map<string, Tenant>> {
  const at = (p: string) => resolve(baseDir, p);
  const apps = new Map<GithubAppConfig, GithubApp>();
  const tenants = new Map<string, Tenant>();
  for (const s of settings) {
    let app: GithubApp | undefined;
    if (s.github) {
      app = apps.get(s.github);
      if (!app) {
        const api = s.github.api;
        app = new GithubApp({
          api: s.github.api,
          appId: s.github['app-id'],
          privateKey: await loadAppKey(appKeySourceOf(s.github, at)),
          ...(timeoutMs ? { timeoutMs } : {}),
          ...(onReleaseFailed ? { onReleaseFailed } : {}),
          ...(onClock ? { onClock: (c) => onClock(api, c) } : {}),
        });
        const id = await app.identity().catch((err: Error) => {
          throw new AppKeyError(`${err.message} (issuer ${s.url}, API ${s.github!.api})`);
        });
        log.log('info', 'GitHub App key verified', { app_id: id.id, app_slug: id.slug, api: s.github.api });
        apps.set(s.github, app);
      }
    }
    if (s.manifests.source === 'github' && !app)
      throw new AppKeyError(`issuer ${s.url} reads manifests from GitHub but has no App`);
    tenants.set(s.url, {
      github: app,
      ...(s.ownerIds ? { ownerIds: new Set(s.ownerIds.map(String)) } : {}),
      manifests: s.manifests.source === 'github' ? githubSource(app!) : directorySource(at(s.manifests.path)),
    });
  }
  return tenants;
}
