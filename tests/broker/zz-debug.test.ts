import { it } from '@jest/globals';
import { startRig } from '../support/redis-rig.js';
it('debug', async () => {
  const rig = await startRig({ held: 310001 });
  const a = await rig.spawn('x');
  const r = await rig.exchange(a, await rig.oidc('held', 'h1'), 'release');
  console.log(JSON.stringify(r), a.stderr());
  await rig.close();
}, 60000);
