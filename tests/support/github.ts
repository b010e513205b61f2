/** A GitHub stand-in with one app installation and repositories, for broker and action tests. */
import { generateKeyPairSync } from 'node:crypto';
import { startGithubStandin, type StartedStandin } from '../../shared/standins/github-api.js';
import {
  githubAppRoutes,
  type GithubAppState,
  type StandinRepo,
} from '../../shared/standins/github-app-routes.js';
import { openApiValidator, warmShapes } from './openapi-shapes.js';

export interface AppStandin {
  readonly standin: StartedStandin;
  readonly state: GithubAppState;
  /** PEM (PKCS#1, as GitHub hands it out) of the app's private key. */
  readonly privateKeyPem: string;
  readonly appId: number;
}

export function demoRepo(over: Partial<StandinRepo> = {}): StandinRepo {
  return {
    owner: 'octo-org',
    name: 'octo-repo',
    id: 100001,
    ownerId: 200001,
    defaultBranch: 'main',
    files: { main: {} },
    installationId: 7,
    ...over,
  };
}

export async function startAppStandin(
  repos: StandinRepo[] = [demoRepo()],
  validate = true,
): Promise<AppStandin> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const state: GithubAppState = {
    appId: 12345,
    appPublicKey: publicKey,
    repos,
    installationPermissions: {
      contents: 'write',
      metadata: 'read',
      issues: 'write',
      pull_requests: 'write',
      workflows: 'write',
      pages: 'write',
    },
    tokens: [],
  };
  let url = '';
  const standin = await startGithubStandin({
    ...(validate ? { validate: openApiValidator() } : {}),
    routes: githubAppRoutes(state, () => url),
  });
  url = standin.url;
  // The broker's token path (installation look-up, mint, revoke): compiled before any deadline runs.
  if (validate)
    warmShapes([
      ['GET', '/repos/{owner}/{repo}/installation', 200],
      ['POST', '/app/installations/{installation_id}/access_tokens', 201],
      ['DELETE', '/installation/token', 204],
    ]);
  return {
    standin,
    state,
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    appId: state.appId,
  };
}

/** The next call of a stand-in route, held: `arrived` once it reached GitHub, answered on `release()`. */
export interface HeldCall {
  readonly arrived: Promise<void>;
  /** Lets the call go on to its real answer (idempotent: call it again in `finally`). */
  release(): void;
}

/**
 * Holds the next call of `method pattern` until released. A test that must act while a call is at
 * GitHub (a drain, a kill switch, a client going away) waits for `arrived` instead of sleeping, and
 * decides itself how long GitHub takes: no load can reorder the two.
 */
export function holdNext(standin: StartedStandin, method: string, pattern: string): HeldCall {
  let release!: () => void;
  let arrive!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const arrived = new Promise<void>((r) => (arrive = r));
  standin.fail(method, pattern, { count: 1, until: released, onArrive: arrive });
  return { arrived, release };
}
