/**
 * Which GitHub an issuer URL belongs to, pure: github.com's issuer (also its enterprise path form
 * `…/ENTERPRISE`), a ghe.com tenant's, a GHES server's `https://HOST/_services/token`. The config's
 * issuer binding and the broker JWTs' naming of the workload's GitHub read it here, one rule.
 */
import { GITHUB_ISSUER } from '../oidc/verify.js';

/** A GitHub: its name in refusals and JWTs, and the API URL its App is reached at. */
export interface GithubSite {
  readonly name: string;
  readonly api: string;
}

/** The GitHub an issuer URL belongs to, when its form says so. */
export function githubOfIssuer(url: string): GithubSite | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.origin === GITHUB_ISSUER) return { name: 'github.com', api: 'https://api.github.com' };
  const tenant = /^token\.actions\.([a-z0-9-]+)\.ghe\.com$/.exec(u.hostname);
  if (tenant && u.protocol === 'https:')
    return { name: `${tenant[1]}.ghe.com`, api: `https://api.${tenant[1]}.ghe.com` };
  if (u.pathname.replace(/\/$/, '') === '/_services/token')
    return { name: u.host, api: `${u.protocol}//${u.host}/api/v3` };
  return undefined;
}

/**
 * The name of an issuer's GitHub: `github.com`, `TENANT.ghe.com`, a GHES server's host, or, for an
 * issuer whose URL does not say (a stand-in), its host.
 */
export function githubNameOf(issuer: string): string {
  return githubOfIssuer(issuer)?.name ?? (URL.canParse(issuer) ? new URL(issuer).host : issuer);
}
