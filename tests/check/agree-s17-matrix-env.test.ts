/**
 * Session 17, the known left item `environment: ${{ matrix.env }}`: the broker compares the token's
 * `environment` claim (a name: `staging`, `production`, never the expression) with the job's declared
 * `environments`. When the strategy lists the names literally, the check holds the job to those names
 * as the broker does; the expression as written still declares a job that asks for no credential.
 */
import { describe, expect, it } from '@jest/globals';
import { decide } from '../../shared/broker/decide.js';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { findingsOf, manifest as load, y } from '../support/repo.js';

const RUN = 'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567';

const workflow = (matrix = '{ env: [staging, production] }') => y`
  on: push
  jobs:
    deploy:
      permissions: { contents: read, id-token: write }
      runs-on: ubuntu-latest
      strategy: { matrix: ${matrix} }
      environment: \${{ matrix.env }}
      steps:
        - id: publish
          uses: ${RUN}
          with: { broker-url: "https://b.example", audience: github, scope: "contents:read" }
`;

const manifestText = (environments: string, credentials = true) => y`
  version: 1
  repository: { name: o/r, id: 11, owner-id: 22 }
  workflows:
    cd.yml:
      jobs:
        deploy:
          permissions: { contents: read, id-token: write }
          environments: ${environments}
          ${credentials ? 'credentials: [{ step: publish, audience: github, permissions: { contents: read }, repositories: [self] }]' : ''}
`;

const found = (m: string, matrix?: string) =>
  findingsOf('undeclared-environment', { 'cd.yml': workflow(matrix) }, m).map((f) => f.message);

/** The broker's verdict for a run of the job in `environment`. */
function broker(m: string, environment: string): string {
  const ref = 'o/r/.github/workflows/cd.yml@refs/heads/main';
  try {
    decide({
      claims: {
        iss: 'https://token.actions.githubusercontent.com',
        aud: 'b',
        sub: 'repo:o/r:environment:' + environment,
        exp: 0,
        iat: 0,
        jti: 'x',
        repository: 'o/r',
        repository_id: '11',
        repository_owner: 'o',
        repository_owner_id: '22',
        run_id: '1',
        run_attempt: '1',
        ref: 'refs/heads/main',
        ref_type: 'branch',
        sha: '0'.repeat(40),
        workflow_ref: ref,
        job_workflow_ref: ref,
        event_name: 'push',
        environment,
      },
      defaultBranch: 'main',
      request: { audience: 'github', scope: 'contents:read', job: 'deploy', step: 'publish' },
      manifest: load(m),
    });
    return 'granted';
  } catch (err) {
    if (err instanceof BrokerRefusal) return err.code;
    throw err;
  }
}

describe('environment: ${{ matrix.env }} (session 17)', () => {
  it('the names the matrix lists declared: the broker grants every leg, and the check agrees', () => {
    const m = manifestText('[staging, production]');
    expect([broker(m, 'staging'), broker(m, 'production')]).toEqual(['granted', 'granted']);
    expect(found(m)).toEqual([]);
    expect(found(m, '{ include: [{ env: staging }, { env: production }] }')).toEqual([]);
  });

  it('only the expression declared, with credential grants: the broker refuses every leg, and the check says so', () => {
    const m = manifestText('["${{ matrix.env }}"]');
    expect([broker(m, 'staging'), broker(m, 'production')]).toEqual([
      'ERR_ENVIRONMENT_NOT_DECLARED',
      'ERR_ENVIRONMENT_NOT_DECLARED',
    ]);
    expect(found(m)).toEqual([expect.stringMatching(/staging, production/)]);
  });

  it('one name missing: that leg is refused, and the check names it', () => {
    const m = manifestText('[staging]');
    expect([broker(m, 'staging'), broker(m, 'production')]).toEqual([
      'granted',
      'ERR_ENVIRONMENT_NOT_DECLARED',
    ]);
    expect(found(m)).toEqual([expect.stringMatching(/'production'/)]);
  });

  it('a job with no credential grants: the expression as written still declares it', () => {
    expect(found(manifestText('["${{ matrix.env }}"]', false))).toEqual([]);
    expect(found(manifestText('[staging, production]', false))).toEqual([]);
  });

  it('values the file does not give (an input, a matrix written as an expression): declared as written, as before', () => {
    expect(found(manifestText('["${{ matrix.env }}"]'), '"${{ fromJSON(inputs.envs) }}"')).toEqual([]);
    expect(found(manifestText('[staging]'), '"${{ fromJSON(inputs.envs) }}"')).toEqual([
      expect.stringContaining('does not declare'),
    ]);
  });

  it('when.environment is held against the names the matrix gives (unused-condition-environment)', () => {
    const m = (env: string) =>
      manifestText('[staging, production]').replace(
        'repositories: [self] }',
        `repositories: [self], when: { environment: [${env}] } }`,
      );
    const unused = (text: string) =>
      findingsOf('unused-condition-environment', { 'cd.yml': workflow() }, text).map((f) => f.subject);
    expect(unused(m('prod*'))).toEqual([]);
    expect(unused(m('qa'))).toEqual(['qa']);
  });
});
