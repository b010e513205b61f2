import { describe, expect, it } from '@jest/globals';
import { runAction } from '../support/action-runner.js';

// No broker is started: a bad env-name must be refused before the exchange asks for anything.
const inputs = (envName: string) => ({
  'broker-url': 'http://127.0.0.1:9',
  audience: 'github',
  run: 'true',
  'env-name': envName,
});

describe('actions/run: env-name', () => {
  it('refuses a newline in env-name with a fixed message, so no workflow command is injected', async () => {
    const evil = 'X\n::add-mask::ghs_pretend\n::stop-commands::pwned\n::error::injected';
    const r = await runAction('actions/run', { inputs: inputs(evil), github: { action: 'notify' } });
    expect(r.failed).toBe(true);
    expect(r.steps[0]!.outcome).toBe('failure');
    expect(r.steps[0]!.exitCode).toBe(2);
    // The exchange never ran its node entry point, and the command was skipped.
    expect(r.steps[1]!.outcome).toBe('skipped');
    const out = r.steps.map((s) => s.stdout + s.stderr).join('\n');
    expect(out).toMatch(/^::error::stepwarden run: the env-name input is not a shell variable name/m);
    for (const injected of ['::add-mask::', '::stop-commands::', '::error::injected', 'pwned'])
      expect(out).not.toContain(injected);
    expect(r.masks).toEqual([]);
  }, 60_000);

  it('never echoes any part of a refused env-name', async () => {
    for (const bad of ['X; rm -rf /', '1ABC', `A${'B'.repeat(200)}`]) {
      const r = await runAction('actions/run', { inputs: inputs(bad), github: { action: 'notify' } });
      expect(r.steps[0]!.outcome).toBe('failure');
      const out = r.steps.map((s) => s.stdout + s.stderr).join('\n');
      if (bad.length > 4) expect(out).not.toContain(bad.trim());
      expect(out).toContain('the env-name input is not a shell variable name');
    }
  }, 120_000);
});
