/**
 * Session 37: the action registry loads each action on first use (shared/actions/index.ts). Its
 * names are its own keys only: `action toString` used to reach `Object.prototype.toString` and fail
 * with "entry.run is not a function"; now it is the unknown-action usage error, as any other name.
 * `stepwarden action --help` still lists every action with its summary, loading none.
 */
import { describe, expect, it } from '@jest/globals';
import { ACTIONS } from '../../shared/actions/index.js';
import { cli } from '../support/cli.js';

describe('the action registry (s37)', () => {
  it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'action %s is an unknown action (exit 2, the list of actions)',
    async (name) => {
      const r = await cli(['action', name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `unknown action '${name}'; one of: check, exchange, revoke, access-diff, audit, enforce`,
      );
    },
  );

  it('the help lists every action with its summary', async () => {
    const r = await cli(['action', '--help']);
    expect(r.code).toBe(0);
    for (const [name, a] of Object.entries(ACTIONS))
      expect(r.stdout).toContain(`  ${name.padEnd(14)}${a.summary}`);
  });

  it('each loader gives an action that runs', async () => {
    for (const a of Object.values(ACTIONS)) expect(typeof (await a.load()).run).toBe('function');
  }, 60_000);
});
