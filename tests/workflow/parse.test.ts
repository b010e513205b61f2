import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { secretNamesIn } from '../../shared/workflow/secrets.js';
import { wf, y } from '../support/repo.js';

describe('parseWorkflow: triggers', () => {
  it('reads the string form', () => {
    expect(wf('a.yml', 'on: push\njobs: { a: { runs-on: x, steps: [] } }\n').triggers).toEqual([
      { value: 'push', line: 1 },
    ]);
  });
  it('reads the list form with lines', () => {
    const m = wf('a.yml', 'on:\n  - push\n  - pull_request_target\njobs: { a: { runs-on: x, steps: [] } }\n');
    expect(m.triggers).toEqual([
      { value: 'push', line: 2 },
      { value: 'pull_request_target', line: 3 },
    ]);
  });
  it('reads the map form', () => {
    const m = wf(
      'a.yml',
      'on:\n  push:\n    branches: [main]\n  workflow_dispatch:\njobs: { a: { runs-on: x, steps: [] } }\n',
    );
    expect(m.triggers.map((t) => t.value)).toEqual(['push', 'workflow_dispatch']);
    expect(m.triggers[1]!.line).toBe(4);
  });
});

describe('parseWorkflow: permissions blocks', () => {
  it('keeps shorthand, maps with unknown scopes, and {}', () => {
    const m = wf(
      'a.yml',
      y`
      on: push
      permissions: read-all
      jobs:
        a:
          permissions:
            content: write
            issues: admin
          steps: []
          runs-on: ubuntu-latest
        b:
          permissions: {}
          steps: []
          runs-on: ubuntu-latest
      `,
    );
    expect(m.permissions).toEqual({ line: 2, shorthand: 'read-all', entries: [] });
    expect(m.jobs[0]!.permissions!.entries).toEqual([
      { scope: 'content', level: 'write', line: 6 },
      { scope: 'issues', level: 'admin', line: 7 },
    ]);
    expect(m.jobs[1]!.permissions).toEqual({ line: 11, entries: [] });
  });
  it('marks lists and bad scalars as invalid', () => {
    const m = wf(
      'a.yml',
      'on: push\npermissions: [contents]\njobs:\n  a:\n    permissions: admin\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(m.permissions!.invalid).toMatch(/mapping/);
    expect(m.jobs[0]!.permissions!.invalid).toMatch(/admin/);
  });
});

describe('parseWorkflow: secrets', () => {
  it('finds dotted and indexed references anywhere in the job, with lines, and not GITHUB_TOKEN', () => {
    const m = wf(
      'a.yml',
      y`
      on: push
      env:
        TOP: \${{ secrets.TOP_SECRET }}
      jobs:
        a:
          if: secrets.IN_IF != ''
          steps:
            - run: echo "\${{ secrets.RUN_SECRET }}"
            - uses: x/y@v1
              with:
                token: \${{ secrets['INDEXED'] }}
                other: \${{ secrets["DOUBLE"] }}
                gh: \${{ secrets.GITHUB_TOKEN }}
          runs-on: ubuntu-latest
      `,
    );
    const names = m.jobs[0]!.secrets.map((s) => s.value).sort();
    expect(names).toEqual(['DOUBLE', 'INDEXED', 'IN_IF', 'RUN_SECRET', 'TOP_SECRET']);
    expect(m.jobs[0]!.secrets.find((s) => s.value === 'RUN_SECRET')!.line).toBe(8);
    expect(m.jobs[0]!.secrets.find((s) => s.value === 'TOP_SECRET')!.line).toBe(3);
  });
  it('treats whole-context use as *', () => {
    expect(secretNamesIn('${{ toJSON(secrets) }}')).toEqual(['*']);
    expect(secretNamesIn("${{ secrets[format('K_{0}', env.X)] }}")).toEqual(['*']);
    expect(secretNamesIn('echo the secrets are safe')).toEqual([]);
    expect(secretNamesIn('${{ github.secrets_count }}')).toEqual([]);
  });
  it('reads secrets: inherit and mapped secrets of a reusable call', () => {
    const m = wf(
      'a.yml',
      'on: push\njobs:\n  a:\n    uses: ./.github/workflows/b.yml\n    secrets: inherit\n  c:\n    uses: o/r/.github/workflows/d.yml@v1\n    secrets:\n      X: ${{ secrets.Y }}\n',
    );
    expect(m.jobs[0]!.secretsInherit).toEqual({ line: 5 });
    expect(m.jobs[1]!.secrets.map((s) => s.value)).toEqual(['Y']);
  });
});

describe('parseWorkflow: environments and uses', () => {
  it('reads both environment forms', () => {
    const m = wf(
      'a.yml',
      'on: push\njobs:\n  a:\n    environment: production\n    steps: []\n    runs-on: ubuntu-latest\n  b:\n    environment:\n      name: staging\n      url: https://x\n    steps: []\n    runs-on: ubuntu-latest\n',
    );
    expect(m.jobs[0]!.environments).toEqual([{ value: 'production', line: 4 }]);
    expect(m.jobs[1]!.environments).toEqual([{ value: 'staging', line: 9 }]);
  });
  it('classifies uses references and labels steps by id, name, or index', () => {
    const m = wf(
      'a.yml',
      'on: push\njobs:\n  a:\n    steps:\n      - id: co\n        uses: actions/checkout@v4\n      - name: Local\n        uses: ./my-action\n      - uses: docker://alpine:3\n    runs-on: ubuntu-latest\n',
    );
    expect(m.jobs[0]!.actions.map((a) => [a.uses, a.kind, a.step, a.line])).toEqual([
      ['actions/checkout@v4', 'remote', 'co', 6],
      ['./my-action', 'local', 'Local', 8],
      ['docker://alpine:3', 'docker', '#2', 9],
    ]);
  });
});

describe('parseWorkflow: anchors, aliases and merge keys', () => {
  it('resolves aliases and points their lines at the anchor', () => {
    const m = wf(
      'a.yml',
      y`
      on: push
      jobs:
        a:
          permissions: &perms
            contents: read
          environment: &env production
          steps: []
          runs-on: ubuntu-latest
        b:
          permissions: *perms
          environment: *env
          steps: []
          runs-on: ubuntu-latest
      `,
    );
    expect(m.jobs[1]!.permissions!.entries).toEqual([{ scope: 'contents', level: 'read', line: 5 }]);
    expect(m.jobs[1]!.environments[0]!.value).toBe('production');
  });
  it('rejects << merge keys, which GitHub does not support, naming the line', () => {
    const m = wf(
      'a.yml',
      'on: push\nx: &base\n  environment: prod\njobs:\n  a:\n    <<: *base\n    steps: []\n',
    );
    expect(m.jobs).toEqual([]);
    expect(m.error).toEqual({ message: expect.stringMatching(/merge keys.*not supported/), line: 6 });
  });
  it('points an aliased mapping at its anchor, also across jobs', () => {
    const m = wf(
      'a.yml',
      y`
      on: push
      env: &common
        TOKEN: \${{ secrets.SHARED }}
      jobs:
        a:
          env: *common
          steps: []
          runs-on: ubuntu-latest
      `,
    );
    // Both the workflow env and the job's aliased env point at line 3; the reference is kept per use.
    expect(m.jobs[0]!.secrets).toEqual([
      { value: 'SHARED', line: 3 },
      { value: 'SHARED', line: 3 },
    ]);
  });
});

describe('parseWorkflow: broken input is a finding, not a crash', () => {
  it.each([
    ['syntax error', 'on: [push\njobs: {}\n', /YAML syntax/],
    ['a list', '- a\n- b\n', /mapping/],
    ['no on', 'jobs: {}\n', /on:/],
    ['no jobs', 'on: push\n', /jobs/],
    ['jobs is a list', 'on: push\njobs: [a]\n', /jobs/],
    ['empty', '', /mapping/],
  ])('%s', (_name, text, message) => {
    const m = parseWorkflow('x.yml', '.github/workflows/x.yml', text);
    expect(m.error?.message).toMatch(message);
    expect(m.jobs).toEqual([]);
  });

  it('never throws on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const m = parseWorkflow('x.yml', 'x', text);
        expect(m.error !== undefined || m.jobs.length >= 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary YAML-serialised values (property)', () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(
        fc.record({ on: value, jobs: fc.dictionary(fc.string({ maxLength: 5 }), value, { maxKeys: 3 }) }),
        (doc) => {
          const m = parseWorkflow('x.yml', 'x', JSON.stringify(doc));
          expect(Array.isArray(m.jobs)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parseWorkflow: hostile input', () => {
  // Session 15: refused (past MAX_EXPANDED_NODES written out, as GitHub's runner refuses a template
  // past 1,000,000 events), not read: still in bounded time.
  it('survives an alias bomb in bounded time', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(10)
          .fill(`*${'abcdefghij'[i - 1]}`)
          .join(',')}]`,
      );
    // (Under a key GitHub's schema allows: GitHub refuses a workflow with an unknown top-level key.)
    const text = `on: push\ndefaults:\n${levels.map((l) => `  ${l}`).join('\n')}\nenv:\n  BOMB: *i\njobs:\n  a:\n    steps: []\n`;
    const started = Date.now();
    const m = parseWorkflow('bomb.yml', 'bomb.yml', text);
    expect(m.jobs).toEqual([]);
    expect(m.error?.message).toMatch(/aliases expand to more than 1,000,000 nodes/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
