/**
 * Session 33 (w-rfaces): a credential step whose `step:`, `scope:` or `audience:` input is a whole
 * `${{ matrix.K }}` runs once per value the strategy lists, and the file lists every one of them: the
 * check resolves `environment: ${{ matrix.env }}` the same way (session 17). It left such an input
 * "to the broker" as if known only at run time, so `step: ${{ matrix.s }}` over `[publish, deploy]`
 * against a grant for `publish` only passed (exit 0) while the broker refuses the `deploy` leg on every
 * run (ERR_NO_GRANT), and the same for a `contents:write` scope leg and an audience leg (every positive
 * case failed at 8d88a68). Each case goes to `runCheck` and to a real broker (OIDC issuer stand-in,
 * one exchange per leg with the claims GitHub gives that leg): the check reports the step exactly when
 * the broker refuses some leg for a reason no claim changes, and names the value. A matrix with
 * `exclude:` (a listed value may never run) or a value that is itself an expression stays the
 * broker's alone.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { errorCode, startStack, type Stack } from '../support/broker.js';
import { findingsOf, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';
const MANIFEST = y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
  workflows:
    release.yml:
      jobs:
        release:
          permissions: { contents: read, id-token: write }
          credentials:
            - step: publish
              audience: github
              permissions: { contents: read }
`;

interface Case {
  name: string;
  matrix: string;
  /** The step's `with:` besides broker-url, `V` standing for the matrix value's expression. */
  with: string;
  /** Each leg's request, as the action sends it. */
  legs: { audience: string; scope: string; step: string }[];
  /** The value the finding names, or none when the check must stay silent. */
  names?: string;
}

const workflow = (c: Case) =>
  `on: push\njobs:\n  release:\n    permissions: { contents: read, id-token: write }\n    runs-on: ubuntu-latest\n    strategy:\n      matrix: ${c.matrix}\n    steps:\n      - id: publish\n        uses: ${RUN}\n        with: { broker-url: "https://broker.example.com", ${c.with.replace('V', '"${{ matrix.v }}"')} }\n`;

const CASES: Case[] = [
  {
    name: 'step: over [publish, deploy]',
    matrix: '{ v: [publish, deploy] }',
    with: 'audience: github, step: V',
    legs: [
      { audience: 'github', scope: '', step: 'publish' },
      { audience: 'github', scope: '', step: 'deploy' },
    ],
    names: 'deploy',
  },
  {
    name: 'scope: over [contents:read, contents:write]',
    matrix: '{ v: ["contents:read", "contents:write"] }',
    with: 'audience: github, scope: V',
    legs: [
      { audience: 'github', scope: 'contents:read', step: 'publish' },
      { audience: 'github', scope: 'contents:write', step: 'publish' },
    ],
    names: 'contents:write',
  },
  {
    name: 'audience: from an include entry',
    matrix: '{ v: [github], include: [{ v: "https://hooks.example.internal" }] }',
    with: 'audience: V',
    legs: [
      { audience: 'github', scope: '', step: 'publish' },
      { audience: 'https://hooks.example.internal', scope: '', step: 'publish' },
    ],
    names: 'https://hooks.example.internal',
  },
  {
    name: 'negative: every leg granted',
    matrix: '{ v: ["contents:read", ""] }',
    with: 'audience: github, scope: V',
    legs: [
      { audience: 'github', scope: 'contents:read', step: 'publish' },
      { audience: 'github', scope: '', step: 'publish' },
    ],
  },
  {
    name: 'negative: the refused value excluded',
    matrix: '{ v: [publish, deploy], os: [a], exclude: [{ v: deploy }] }',
    with: 'audience: github, step: V',
    legs: [{ audience: 'github', scope: '', step: 'publish' }],
  },
];

describe('check and broker on a credential input read from the matrix (s33)', () => {
  let stack: Stack;
  let run = 5000;
  beforeAll(async () => {
    stack = await startStack({ rate: 100_000, manifest: MANIFEST });
  });
  afterAll(async () => {
    await stack.close();
  });

  for (const c of CASES)
    it(
      c.name,
      async () => {
        const outcomes: string[] = [];
        for (const leg of c.legs) {
          const oidc = await stack.issuer.mint({
            run_id: String(run++),
            ref: 'refs/heads/main',
            ref_type: 'branch',
            sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
            workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            job_workflow_ref: 'octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main',
            event_name: 'push',
          });
          const r = await stack.token(stack.exchangeForm(oidc, { ...leg, job: 'release' }));
          outcomes.push(r.status === 200 ? 'granted' : errorCode(r));
        }
        const found = findingsOf('credential-step', { 'release.yml': workflow(c) }, MANIFEST);
        if (c.names === undefined) {
          expect(outcomes.every((o) => o === 'granted')).toBe(true);
          expect(found).toEqual([]);
        } else {
          expect(outcomes).toContain('granted');
          expect(outcomes.some((o) => ['ERR_NO_GRANT', 'ERR_SCOPE_NOT_GRANTED'].includes(o))).toBe(true);
          expect(found).toHaveLength(1);
          expect(found[0]!.severity).toBe('error');
          expect(found[0]!.message).toContain(`'${c.names}'`);
          expect(found[0]!.message).toMatch(/matrix/);
        }
      },
      60_000,
    );

  it('negative: a key in another case (`V:` in an include beside `v:`) is left to the broker', () => {
    // GitHub reads `matrix.v` case-insensitively: which of the two a leg gets is not certain.
    const c: Case = {
      name: '',
      matrix: '{ v: [publish], include: [{ V: deploy }] }',
      with: 'audience: github, step: V',
      legs: [],
    };
    expect(findingsOf('credential-step', { 'release.yml': workflow(c) }, MANIFEST)).toEqual([]);
  });

  it('negative: a step whose `if:` reads the matrix (the refused leg may skip it) is left to the broker', () => {
    // The lead's call at the merge (session 33): `if: matrix.v == 'publish'` runs the step on the granted
    // leg only; `if: ${{ MATRIX.v != 'deploy' }}` (contexts in any case) the same.
    for (const guard of ["matrix.v == 'publish'", "${{ MATRIX.v != 'deploy' }}"]) {
      const c: Case = {
        name: '',
        matrix: '{ v: [publish, deploy] }',
        with: 'audience: github, step: V',
        legs: [],
      };
      const text = workflow(c).replace(
        '      - id: publish\n',
        `      - id: publish\n        if: "${guard}"\n`,
      );
      expect(text).toContain('if: ');
      expect(findingsOf('credential-step', { 'release.yml': text }, MANIFEST)).toEqual([]);
    }
    // The same step under an `if:` that does not read the matrix is still judged per leg.
    const c: Case = {
      name: '',
      matrix: '{ v: [publish, deploy] }',
      with: 'audience: github, step: V',
      legs: [],
    };
    const text = workflow(c).replace(
      '      - id: publish\n',
      "      - id: publish\n        if: github.ref == 'refs/heads/main'\n",
    );
    const found = findingsOf('credential-step', { 'release.yml': text }, MANIFEST);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("'deploy'");
  });

  it('negative: a matrix value written as an expression is left to the broker', () => {
    const c: Case = {
      name: '',
      matrix: '{ v: [publish, "${{ vars.STEP }}"] }',
      with: 'audience: github, step: V',
      legs: [],
    };
    expect(findingsOf('credential-step', { 'release.yml': workflow(c) }, MANIFEST)).toEqual([]);
  });
});
