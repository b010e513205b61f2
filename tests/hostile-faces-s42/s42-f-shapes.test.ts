/**
 * Session 42 (w-rfaces), left by session 41: what GitHub's reader refuses where the wrong-kind table
 * (shared/workflow/refused-shapes.ts) did not look. Each case is compared with @actions/workflow-parser
 * (the check must refuse at a line GitHub names); each was taken by the check at bdb62c33.
 *
 * - `on.workflow_call`: the one event GitHub's schema types even in its loose `on:` (`on-mapping`:
 *   `workflow_call` is `workflow-call`, every other event `any`). A callee GitHub refuses runs for no
 *   caller, while the check read its inputs' defaults into its callers' reports.
 * - A lone expression where the schema's definition has no context (`with:` of a call, `outputs:`,
 *   `defaults:`, the workflow's `name:`): GitHub's template reader refuses it while reading ("Unrecognized
 *   named-value"), unlike `env:` or `services:`, whose definitions hold a context (those GitHub's server
 *   takes, session 39's corpus survey; the port refuses them only in its converter). A call's
 *   `with: ${{ fromJSON(vars.W) }}` passed nothing to the check, which then read the callee's defaults as
 *   what the caller's runs get.
 * - A mapping without the key GitHub requires: a container or a service without `image:` ("Container
 *   image cannot be empty"), `concurrency:` without `group:`, a `workflow_call` input without `type:`.
 *
 * What GitHub's server takes though its port refuses (the other events' bodies: `workflow_dispatch: []`,
 * `create: { branches: master }`, `status: {}`, a boolean input default; each in a corpus workflow that
 * runs) stays taken: a required check that refused them would block files GitHub runs.
 */
import { describe, expect, it } from '@jest/globals';
import { githubConvertErrors } from '../support/github-convert.js';
import { findingsOf } from '../support/repo.js';

const MANIFEST =
  'version: 1\nrepository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }\ndefaults: { permissions: { contents: read } }\nworkflows: {}\n';
const invalid = (text: string) => findingsOf('invalid-workflow', { 'ci.yml': text }, MANIFEST);
const githubLines = (errors: readonly string[]) =>
  errors.map((e) => {
    const m = /Line: (\d+)|at line (\d+)/.exec(e);
    return Number(m?.[1] ?? m?.[2]);
  });

const RUN = '    runs-on: u\n    steps:\n      - run: x\n';
const JOBS = `jobs:\n  j:\n${RUN}`;
const job = (lines: string) => `on: push\njobs:\n  j:\n${lines}`;
const CALL = '    uses: o/r/.github/workflows/w.yml@0123456789012345678901234567890123456789\n';
const onCall = (body: string) => `on:\n  workflow_call:\n${body}${JOBS}`;

/** Each: its name, the workflow text, and whether GitHub refuses it (checked against the port too). */
const REFUSED: readonly [string, string][] = [
  ['workflow_call: a list', `on:\n  workflow_call: [a]\n${JOBS}`],
  ['workflow_call: a string', `on:\n  workflow_call: x\n${JOBS}`],
  ['workflow_call: an unknown key', onCall('    input:\n      a:\n        type: string\n')],
  ['workflow_call.inputs: a list', onCall('    inputs: [a]\n')],
  ['workflow_call.inputs: a string', onCall('    inputs: x\n')],
  ['workflow_call.inputs: an expression', onCall('    inputs: ${{ fromJSON(vars.I) }}\n')],
  ['workflow_call.inputs.a: a list', onCall('    inputs:\n      a: [b]\n')],
  ['workflow_call.inputs.a.type: a mapping', onCall('    inputs:\n      a:\n        type: {b: c}\n')],
  [
    'workflow_call.inputs.a.type: an expression',
    onCall('    inputs:\n      a:\n        type: ${{ vars.T }}\n'),
  ],
  [
    'workflow_call.inputs.a.required: a string',
    onCall('    inputs:\n      a:\n        type: string\n        required: maybe\n'),
  ],
  [
    'workflow_call.inputs.a.default: a mapping',
    onCall('    inputs:\n      a:\n        type: string\n        default: {b: c}\n'),
  ],
  [
    'workflow_call.inputs.a: an unknown key',
    onCall('    inputs:\n      a:\n        type: string\n        defualt: x\n'),
  ],
  ['workflow_call.inputs.a without type:', onCall('    inputs:\n      a:\n        default: staging\n')],
  ['workflow_call.secrets: a list', onCall('    secrets: [a]\n')],
  ['workflow_call.secrets.a: a string', onCall('    secrets:\n      a: y\n')],
  ['workflow_call.secrets.a.required: a list', onCall('    secrets:\n      a:\n        required: [b]\n')],
  ['workflow_call.outputs: a list', onCall('    outputs: [a]\n')],
  ['workflow_call.outputs.o.value: a mapping', onCall('    outputs:\n      o:\n        value: {a: b}\n')],
  ['workflow_call.outputs.o without value:', onCall('    outputs:\n      o:\n        description: d\n')],
  ['a call with: as one expression', job(`${CALL}    with: \${{ fromJSON(vars.W) }}\n`)],
  [
    'a call with: as one matrix expression',
    job(`    strategy:\n      matrix:\n        w: [{env: prod}]\n${CALL}    with: \${{ matrix.w }}\n`),
  ],
  ['job outputs: as one expression', job(`    outputs: \${{ fromJSON(vars.O) }}\n${RUN}`)],
  ['job defaults: as one expression', job(`    defaults: \${{ fromJSON(vars.D) }}\n${RUN}`)],
  ['workflow defaults: as one expression', `on: push\ndefaults: \${{ fromJSON(vars.D) }}\n${JOBS}`],
  ['workflow name: an expression', `name: \${{ github.ref }}\non: push\n${JOBS}`],
  ['container without image:', job(`    container:\n      options: --privileged\n${RUN}`)],
  ['container image: empty', job(`    container:\n      image: ''\n${RUN}`)],
  ['a service without image:', job(`    services:\n      s:\n        env:\n          A: b\n${RUN}`)],
  ['job concurrency without group:', job(`    concurrency:\n      cancel-in-progress: true\n${RUN}`)],
  ['workflow concurrency without group:', `on: push\nconcurrency:\n  cancel-in-progress: true\n${JOBS}`],
];

/** What GitHub takes and the check must take too (the port agrees on each). */
const TAKEN: readonly [string, string][] = [
  ['workflow_call: nothing', `on:\n  workflow_call:\n${JOBS}`],
  [
    'workflow_call.inputs.a: whole',
    onCall(
      '    inputs:\n      a:\n        description: d\n        type: string\n        required: false\n        default: ${{ github.ref }}\n',
    ),
  ],
  ['workflow_call.secrets.a: nothing', onCall('    secrets:\n      a:\n')],
  [
    'workflow_call.outputs.o.value: an expression',
    onCall('    outputs:\n      o:\n        value: ${{ jobs.j.outputs.o }}\n'),
  ],
  ['a call with: a mapping of expressions', job(`${CALL}    with:\n      a: \${{ vars.A }}\n`)],
  [
    'a step with: as one expression',
    job(`    runs-on: u\n    steps:\n      - uses: a/b@v1\n        with: \${{ fromJSON(vars.W) }}\n`),
  ],
  ['container: one expression', job(`    container: \${{ fromJSON(vars.C) }}\n${RUN}`)],
  [
    'container: image and options',
    job(`    container:\n      image: \${{ vars.I }}\n      options: --cpus 1\n${RUN}`),
  ],
  ['a service: one expression', job(`    services:\n      s: \${{ fromJSON(vars.S) }}\n${RUN}`)],
  ['concurrency: one expression', job(`    concurrency: \${{ github.ref }}\n${RUN}`)],
  ['concurrency: group only', job(`    concurrency:\n      group: g\n${RUN}`)],
  // Session 41's table refused these three (false alarms): a job's `defaults.run` names the job's
  // contexts (`job-defaults-run`), and `concurrency.queue` is in GitHub's schema.
  ['job defaults.run: as one expression', job(`    defaults:\n      run: \${{ fromJSON(vars.D) }}\n${RUN}`)],
  [
    'job defaults.run.shell: an expression',
    job(`    defaults:\n      run:\n        shell: \${{ matrix.s }}\n${RUN}`),
  ],
  ['concurrency: queue:', job(`    concurrency:\n      group: g\n      queue: max\n${RUN}`)],
  ['run-name: an expression', `run-name: \${{ github.ref }}\non: push\n${JOBS}`],
  ['push: branches as one string', `on:\n  push:\n    branches: main\n${JOBS}`],
];

/**
 * Bodies of other events the port refuses and GitHub's server runs: each is a corpus workflow's
 * (oracle/graal `workflow_dispatch: []`, gorhill/uBlock `create: branches:`, lazygit `status: {}`,
 * microsoft/TypeScript's own `repository_dispatch` types, fastapi's boolean `default: false`).
 */
const SERVER_TAKES: readonly [string, string][] = [
  ['workflow_dispatch: []', `on:\n  workflow_dispatch: []\n${JOBS}`],
  ['create: branches:', `on:\n  create:\n    branches: master\n${JOBS}`],
  ['status: {}', `on:\n  status: {}\n${JOBS}`],
  ['repository_dispatch: its own types', `on:\n  repository_dispatch:\n    types: [sync-branch]\n${JOBS}`],
  [
    'workflow_dispatch: a boolean default',
    `on:\n  workflow_dispatch:\n    inputs:\n      d:\n        required: false\n        default: false\n${JOBS}`,
  ],
];

describe('shapes GitHub refuses where the wrong-kind table did not look (session 42)', () => {
  it.each(REFUSED)('%s: invalid-workflow at a line GitHub names', async (_, text) => {
    const github = await githubConvertErrors(text);
    expect(github.length).toBeGreaterThan(0);
    const f = invalid(text);
    expect(f).toHaveLength(1);
    expect(githubLines(github)).toContain(f[0]!.line);
    expect(f[0]!.message).toContain('GitHub refuses this workflow: ');
  });

  it.each(TAKEN)('%s: taken, as GitHub takes it', async (_, text) => {
    expect(await githubConvertErrors(text)).toEqual([]);
    expect(invalid(text)).toEqual([]);
  });

  it.each(SERVER_TAKES)('%s: taken (GitHub runs it; its port alone refuses it)', (_, text) => {
    expect(invalid(text)).toEqual([]);
  });

  it('the refusals name the place and what GitHub wants there', () => {
    const [inputs] = invalid(onCall('    inputs: [a]\n'));
    expect(inputs!.message).toContain('`on.workflow_call.inputs:` of the workflow is a list');
    expect(inputs!.line).toBe(3);
    const [image] = invalid(job(`    container:\n      options: --privileged\n${RUN}`));
    expect(image!.message).toContain("`container:` of the job 'j'");
    expect(image!.message).toContain('image:');
    const [withExpr] = invalid(job(`${CALL}    with: \${{ fromJSON(vars.W) }}\n`));
    expect(withExpr!.message).toContain("`with:` of the job 'j' is an expression");
    expect(withExpr!.line).toBe(5);
  });
});

describe('a caller whose `with:` is one expression is not read as passing nothing (session 42)', () => {
  // Before: `with: ${{ fromJSON(vars.W) }}` left callPassed empty, so the callee's `default: staging`
  // was what the check said the caller's runs deploy to; GitHub refuses the caller.
  const callee =
    'on:\n  workflow_call:\n    inputs:\n      env:\n        type: string\n        default: staging\njobs:\n  deploy:\n    runs-on: u\n    environment: ${{ inputs.env }}\n    steps:\n      - run: echo ${{ secrets.TOKEN }}\n';
  const caller =
    'on: push\njobs:\n  call:\n    uses: ./.github/workflows/callee.yml\n    with: ${{ fromJSON(vars.W) }}\n';
  it('the caller is invalid-workflow at its `with:` line', async () => {
    expect(githubLines(await githubConvertErrors(caller))).toContain(5);
    const f = findingsOf('invalid-workflow', { 'callee.yml': callee, 'caller.yml': caller }, MANIFEST);
    expect(f.map((x) => [x.file, x.line])).toEqual([['.github/workflows/caller.yml', 5]]);
  });
});

describe('the new places against GitHub over a wide set of values (session 42)', () => {
  const CONTAINER_JOB = (body: string) => job(`${body}${RUN}`);
  /** Each place, `@@` where the value goes (on one line). */
  const PLACES: readonly [string, string][] = [
    ['on.workflow_call', `on:\n  workflow_call: @@\n${JOBS}`],
    ['on.workflow_call.inputs', onCall('    inputs: @@\n')],
    ['on.workflow_call.inputs.a', onCall('    inputs:\n      a: @@\n')],
    ['on.workflow_call.inputs.a.type', onCall('    inputs:\n      a:\n        type: @@\n')],
    [
      'on.workflow_call.inputs.a.required',
      onCall('    inputs:\n      a:\n        type: string\n        required: @@\n'),
    ],
    [
      'on.workflow_call.inputs.a.default',
      onCall('    inputs:\n      a:\n        type: string\n        default: @@\n'),
    ],
    ['on.workflow_call.secrets', onCall('    secrets: @@\n')],
    ['on.workflow_call.secrets.a', onCall('    secrets:\n      a: @@\n')],
    ['on.workflow_call.secrets.a.required', onCall('    secrets:\n      a:\n        required: @@\n')],
    ['on.workflow_call.outputs', onCall('    outputs: @@\n')],
    ['on.workflow_call.outputs.o', onCall('    outputs:\n      o: @@\n')],
    ['on.workflow_call.outputs.o.value', onCall('    outputs:\n      o:\n        value: @@\n')],
    ['workflow name', `name: @@\non: push\n${JOBS}`],
    ['workflow defaults', `on: push\ndefaults: @@\n${JOBS}`],
    ['workflow concurrency', `on: push\nconcurrency: @@\n${JOBS}`],
    ['call with', job(`${CALL}    with: @@\n`)],
    ['job outputs', CONTAINER_JOB('    outputs: @@\n')],
    ['job defaults', CONTAINER_JOB('    defaults: @@\n')],
    ['job defaults.run', CONTAINER_JOB('    defaults:\n      run: @@\n')],
    ['job defaults.run.shell', CONTAINER_JOB('    defaults:\n      run:\n        shell: @@\n')],
    ['job container', CONTAINER_JOB('    container: @@\n')],
    ['job container.image', CONTAINER_JOB('    container:\n      image: @@\n')],
    ['job services.s', CONTAINER_JOB('    services:\n      s: @@\n')],
    ['job concurrency', CONTAINER_JOB('    concurrency: @@\n')],
    ['job concurrency.group', CONTAINER_JOB('    concurrency:\n      group: @@\n')],
  ];
  const VALUES = [
    '[a]',
    '[]',
    '{}',
    'x',
    '1',
    'true',
    "''",
    '{a: b}',
    '{image: i}',
    '{group: g}',
    '{type: string}',
    '{value: v}',
    '{run: {shell: bash}}',
    '{required: true}',
    '[[a]]',
    'yes',
    'string',
    'String',
    'number',
    '!!str 5',
    "${{ 'x' }}",
    '${{ github.ref }}',
    '${{ matrix.a }}',
    '${{ fromJSON(vars.A) }}',
  ];
  /** GitHub's words for what the check leaves to other classes (see the head comment). */
  const OTHER =
    /Unrecognized named-value|BasicExpressionToken|Unexpected value ''|Required property is missing: runs-on|while reading 'input default'|Invalid|not allowed/;

  it('never refused where GitHub takes it, at a line GitHub names; taken only where GitHub refuses for another class', async () => {
    const wrong: string[] = [];
    for (const [place, template] of PLACES)
      for (const value of VALUES) {
        const text = template.replace('@@', value);
        const github = await githubConvertErrors(text);
        const f = invalid(text);
        if (f.length > 0 && (github.length === 0 || !githubLines(github).includes(f[0]!.line)))
          wrong.push(
            `${place} ${value}: the check refuses at ${f[0]!.line} (${f[0]!.message}), GitHub ${github[0] ?? 'takes it'}`,
          );
        if (f.length === 0 && github.length > 0 && !OTHER.test(github[0]!))
          wrong.push(`${place} ${value}: the check takes it, GitHub: ${github[0]}`);
      }
    expect(wrong).toEqual([]);
  });
});
