/**
 * CPU per `decide()` of the burst bench's manifest and a token shaped like its tokens, in a tight
 * loop on one thread (`process.cpuUsage()`): the broker's pure decision alone, a figure the machine's
 * load moves far less than a burst's exchanges/s. Give another tree's root to measure it beside this
 * one (e.g. a detached worktree of main), and interleave the runs.
 *
 * Run:  npx tsx bench/decide-cpu.ts [TREE_ROOT] [--calls 100000] [--repeats 5]
 * Never part of `npm test`.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { calls: { type: 'string', default: '100000' }, repeats: { type: 'string', default: '5' } },
});
const root = resolve(positionals[0] ?? '.');
const at = (p: string) => pathToFileURL(resolve(root, p)).href;
const { decide } = (await import(
  at('shared/broker/decide.ts')
)) as typeof import('../shared/broker/decide.js');
const { loadManifest } = (await import(
  at('shared/manifest/load.ts')
)) as typeof import('../shared/manifest/load.js');

const SERVICE = 'https://hooks.example.internal';
// bench/broker-cluster.ts's manifest.
const manifest = loadManifest(
  `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${SERVICE}, scope: [notify:send], ttl: 60 }
`,
  'access-manifest.yml',
);
const ref = 'refs/heads/main';
const workflowRef = `octo-org/octo-repo/.github/workflows/release.yml@${ref}`;
const claims = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'https://broker.bench.invalid',
  sub: `repo:octo-org/octo-repo:ref:${ref}`,
  jti: 'bench',
  iat: 0,
  exp: 0,
  repository: 'octo-org/octo-repo',
  repository_id: '100001',
  repository_owner: 'octo-org',
  repository_owner_id: '200001',
  ref,
  ref_type: 'branch',
  event_name: 'push',
  run_id: '1',
  run_attempt: '1',
  actor: 'octocat',
  actor_id: '1',
  workflow_ref: workflowRef,
  job_workflow_ref: workflowRef,
  runner_environment: 'github-hosted',
};
const request = { step: 'notify', audience: SERVICE, job: 'publish', scope: 'notify:send' };
const once = () => decide({ claims, request, manifest, defaultBranch: 'main' });
once();
const calls = Number(values.calls);
const figures: string[] = [];
for (let r = 0; r < Number(values.repeats); r++) {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) once();
  const { user, system } = process.cpuUsage(start);
  figures.push(((user + system) / calls).toFixed(2));
}
console.log(`${root}: decide() ${figures.join(' / ')} µs of CPU per call (${calls} calls per figure)`);
