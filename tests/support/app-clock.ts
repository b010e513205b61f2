/**
 * For suites about the GitHub App's JWT and clocks: an App stand-in that judges JWTs on GitHub's
 * clock (the host's `new Date()`), and a broker-side `Date.now` the suite moves with `setOffset`
 * (reset after each test, restored after the suite). Call inside a `describe` body.
 */
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { GithubApp, type GithubAppOptions } from '../../shared/broker/providers/github-app.js';
import { demoRepo, startAppStandin, type AppStandin } from './github.js';

export interface AppClockRig {
  /** The stand-in; set once beforeAll ran. */
  readonly gh: () => AppStandin;
  /** Moves the broker's wall clock by `ms` from the host's (GitHub's) until the test ends. */
  readonly setOffset: (ms: number) => void;
  /** A fresh App client on the stand-in; `over` replaces any option. */
  readonly app: (over?: Partial<GithubAppOptions>) => GithubApp;
  /** The host's real clock, unmoved. */
  readonly realNow: () => number;
}

/** Two repositories `one` and `two` of octo-org, with the ids and installation ids given. */
export function appClockRig(ids: {
  one: { id: number; installationId: number };
  two: { id: number; installationId: number };
}): AppClockRig {
  const realNow = Date.now;
  let offset = 0;
  let gh: AppStandin | undefined;
  beforeAll(async () => {
    gh = await startAppStandin([
      demoRepo({ name: 'one', ...ids.one }),
      demoRepo({ name: 'two', ...ids.two }),
    ]);
    Date.now = () => realNow() + offset;
  });
  afterEach(() => {
    offset = 0;
  });
  afterAll(async () => {
    Date.now = realNow;
    await gh?.standin.close();
  });
  const started = (): AppStandin => {
    if (!gh) throw new Error('appClockRig: the stand-in is not started (call it in a describe body)');
    return gh;
  };
  return {
    gh: started,
    setOffset: (ms) => {
      offset = ms;
    },
    app: (over = {}) =>
      new GithubApp({
        api: started().standin.url,
        appId: started().appId,
        privateKey: createPrivateKey(started().privateKeyPem),
        timeoutMs: 10_000,
        ...over,
      }),
    realNow: () => realNow(),
  };
}
