import { describe, expect, it } from '@jest/globals';
import { COMMANDS, usage } from '../../shared/cli/main.js';
import { SUMMARIES } from '../../shared/cli/summaries.js';

describe('stepwarden --help', () => {
  it('lists every command with the summary its own --help gives (one table for both)', async () => {
    const text = await usage();
    expect(Object.keys(SUMMARIES).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const c of COMMANDS) {
      const command = await c.load();
      expect(command.name).toBe(c.name);
      expect(command.summary).toBe(SUMMARIES[c.name]);
      expect(text).toMatch(
        new RegExp(`\\n  ${c.name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`),
      );
    }
  });
});
