/**
 * Session 16, already handled (a regression net, passing before any change): secrets a job holds
 * without a step naming them. The container's and the services' registry `credentials:` and `env:`
 * are read from the whole job (secretsBelow of the job node), and a secret the innermost callee of a
 * nested `secrets: inherit` chain reads is attributed to that callee's own manifest entry, the
 * finding naming its immediate caller.
 */
import { describe, expect, it } from '@jest/globals';
import { runCheck } from '../../shared/check/run.js';
import { manifest, wf, y } from '../support/repo.js';

const M = (jobs: string) => y`
  version: 1
  policy: { require-pinned-actions: false }
  workflows:
${jobs}
`;

describe('secrets a job holds through its container and services', () => {
  const job = y`
    on: push
    permissions: { contents: read }
    jobs:
      build:
        runs-on: ubuntu-latest
        container:
          image: ghcr.io/acme/build:1
          credentials:
            username: bot
            password: \${{ secrets.REGISTRY_PASSWORD }}
          env:
            DB_URL: \${{ secrets.DB_URL }}
        services:
          db:
            image: ghcr.io/acme/db:1
            credentials:
              username: \${{ secrets.SVC_USER }}
              password: \${{ secrets['SVC_PASSWORD'] }}
            env:
              POSTGRES_PASSWORD: "\${{ secrets.PG }}"
        steps:
          - run: make
  `;

  it('every one is an undeclared-secret finding on its own line', () => {
    const r = runCheck({
      workflows: [wf('ci.yml', job)],
      manifest: manifest(M('    ci.yml:\n      jobs:\n        build: { permissions: { contents: read } }')),
    });
    const found = r.findings.filter((f) => f.rule === 'undeclared-secret');
    expect(found.map((f) => [f.subject, f.line])).toEqual([
      ['REGISTRY_PASSWORD', 10],
      ['DB_URL', 12],
      ['SVC_USER', 17],
      ['SVC_PASSWORD', 18],
      ['PG', 20],
    ]);
  });
});

describe('nested secrets: inherit', () => {
  const outer = y`
    on: push
    permissions: { contents: read }
    jobs:
      call:
        uses: ./.github/workflows/middle.yml
        secrets: inherit
  `;
  const middle = y`
    on: workflow_call
    jobs:
      pass:
        uses: ./.github/workflows/deploy.yml
        secrets: inherit
  `;
  const inner = y`
    on: workflow_call
    jobs:
      deploy:
        runs-on: ubuntu-latest
        steps:
          - run: echo "\${{ secrets.DEPLOY_KEY }}"
  `;
  const workflows = [wf('ci.yml', outer), wf('middle.yml', middle), wf('deploy.yml', inner)];

  it("the innermost callee's secret is its own entry's, whatever the outer caller declares", () => {
    const r = runCheck({
      workflows,
      manifest: manifest(
        M(
          '    ci.yml:\n      jobs:\n        call: { permissions: { contents: read }, secrets: [inherit] }\n' +
            '    middle.yml:\n      jobs:\n        pass: { permissions: { contents: read } }\n' +
            '    deploy.yml:\n      jobs:\n        deploy: { permissions: { contents: read } }',
        ),
      ),
    });
    const secret = r.findings.filter((f) => f.rule === 'undeclared-secret' || f.rule === 'inherited-secrets');
    expect(secret).toEqual([
      expect.objectContaining({
        rule: 'undeclared-secret',
        workflow: 'deploy.yml',
        job: 'deploy',
        subject: 'DEPLOY_KEY',
        message: expect.stringContaining("called from middle.yml job 'pass'"),
      }),
    ]);
  });
});
