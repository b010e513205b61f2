/**
 * Session 30 (docs/decisions.md "Attacking session 29's changes"): session 29 made a token
 * destination, a gate input, an environment, a caller's `with:` and `runs-on:` reading `needs` carry
 * the needed jobs' text, and left a secret name computed from `needs` out: `TOKEN: ${{
 * secrets[needs.setup.outputs.name] }}` reads the secret the `setup` job's script names, and a pull
 * request changing only that script from `STAGING_TOKEN` to `PROD_TOKEN` moved which secret the step
 * reads while the access diff said "No access changes". Now the `*` row's sources carry the needed
 * jobs when an expression naming a secret by computation reads `needs` (only then: a job with
 * `toJSON(secrets)` and `needs:` elsewhere keeps session 28's sources). The other spellings of a
 * `needs` read (fromJSON, `needs.*`, `toJSON(needs)`, `needs['x']`, upper case, inside format) were
 * probed for a token destination and held; they are kept as cases.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { githubFacts } from '../workflow/differential.js';
import { wf } from '../support/repo.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const diff = (a: string, b: string) =>
  diffSnapshots(snapshot([wf('ci.yml', a)]), snapshot([wf('ci.yml', b)]));

/** `setup` writes `value` as its output `v`. */
const setup = (value: string) =>
  `  setup:\n    runs-on: ubuntu-latest\n    outputs:\n      v: \${{ steps.s.outputs.v }}\n    steps:\n      - id: s\n        run: echo "v=${value}" >> "$GITHUB_OUTPUT"\n`;

/** `deploy` needs `setup` and reads a secret through `expr` in a step's env. */
const reader = (value: string, expr = 'secrets[needs.setup.outputs.v]', extra = '') =>
  `on: push\njobs:\n${setup(value)}  deploy:\n    needs: setup\n    runs-on: ubuntu-latest\n    steps:\n      - run: make deploy\n        env:\n          TOKEN: \${{ ${expr} }}\n${extra}`;

const secretRows = (changes: ReturnType<typeof diff>) =>
  changes.filter((c) => c.kind === 'secret').map((c) => [c.subject, c.effect]);

describe('a secret named by a needed job’s output', () => {
  it('GitHub reads every workflow here', () => {
    for (const text of [reader('A'), reader('A', "secrets[format('{0}_TOKEN', needs.setup.outputs.v)]")])
      expect([text, githubFacts('ci.yml', text).valid]).toEqual([text, true]);
  });

  it('the needed job’s script naming another secret is a widened `*` secret row', () => {
    const changes = diff(reader('STAGING_TOKEN'), reader('PROD_TOKEN'));
    expect(secretRows(changes)).toEqual([['*', 'widened']]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('through format() and upper-case NEEDS too', () => {
    for (const expr of [
      "secrets[format('{0}_TOKEN', needs.setup.outputs.v)]",
      'secrets[NEEDS.setup.outputs.v]',
    ]) {
      const changes = diff(reader('STAGING', expr), reader('PROD', expr));
      expect([expr, secretRows(changes)]).toEqual([expr, [['*', 'widened']]]);
    }
  });

  it('no over-reporting: toJSON(secrets) in a job that needs setup, setup changing, is no secret row', () => {
    expect(secretRows(diff(reader('STAGING', 'toJSON(secrets)'), reader('PROD', 'toJSON(secrets)')))).toEqual(
      [],
    );
  });

  it('no over-reporting: a computed name and a separate needs read elsewhere in the job are no row', () => {
    const extra = '      - run: echo "${{ needs.setup.outputs.v }}"\n';
    expect(
      secretRows(
        diff(reader('STAGING', 'secrets[matrix.k]', extra), reader('PROD', 'secrets[matrix.k]', extra)),
      ),
    ).toEqual([]);
  });
});

describe('spellings of a needs read for a token destination (probed, held)', () => {
  const sender = (value: string, url: string) =>
    `on: push\njobs:\n${setup(value)}  deploy:\n    needs: setup\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ${SW}\n        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: ${url}\n          oidc-audience: https://broker.corp.example\n`;
  for (const url of [
    '${{ fromJSON(needs.setup.outputs.v).url }}',
    '${{ needs.*.outputs.v }}',
    '${{ toJSON(needs) }}',
    "${{ needs['setup'].outputs.v }}",
    '${{ NEEDS.setup.outputs.v }}',
    "${{ format('{0}', needs.setup.outputs.v) }}",
  ])
    it(url, () => {
      expect(githubFacts('ci.yml', sender('a', url)).valid).toBe(true);
      expect(
        failsOnWidened(diff(sender('https://a.example', url), sender('https://evil.example', url))),
      ).toBe(true);
    });
});
