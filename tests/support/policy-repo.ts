/**
 * A broker stack whose owner has the organization policy's repository (`.github`) and another one
 * (`tools`) beside the served repository: the `.github` reach tests of sessions 23 and 24.
 */
import { startStack, type Stack } from './broker.js';
import { demoRepo } from './github.js';
import { runIdOf } from './run-ids.js';

export async function startPolicyRepoStack(
  manifest: string,
  org: string,
  runPrefix: string,
): Promise<{ s: Stack; exchange: (step: string) => ReturnType<Stack['token']> }> {
  const s = await startStack({ manifest, org });
  s.gh.state.repos.push(demoRepo({ name: '.github', id: 100003, files: { main: {} } }));
  s.gh.state.repos.push(demoRepo({ name: 'tools', id: 100004, files: { main: {} } }));
  let runs = 0;
  const exchange = async (step: string) =>
    s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`${runPrefix}-${++runs}`) }), { step }));
  return { s, exchange };
}
