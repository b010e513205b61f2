/**
 * Session 34 (w-rfaces): actions/exchange fails a refused step with an annotation (`core.setFailed`)
 * naming the step's `step:` input, a workflow value, and the broker's reason: a step input
 * `"deploy\u202eyolped"` was shown in GitHub's UI reordered. Its invisible characters are now written
 * out there as in the other annotations (escape.ts `visibleText`). Failed at 410fed0. Runs the action
 * against the stack's broker.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runAction } from '../support/action-runner.js';
import { AUD, runnerEnv, startStack, type Stack } from '../support/broker.js';

const HIDDEN = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => {
  await s.close();
});

describe('actions/exchange shows a refused step name as written', () => {
  it('its failure annotation holds no bidirectional control', async () => {
    const r = await runAction('actions/exchange', {
      inputs: {
        'broker-url': s.broker.url,
        audience: 'github',
        step: 'deploy\u202eyolped',
        'oidc-audience': AUD,
      },
      github: { action: 'release' },
      env: runnerEnv(s, 's34-ex-1'),
    });
    expect(r.failed).toBe(true);
    const commands = r.steps
      .flatMap((x) => x.stdout.split('\n'))
      .filter((l) => /^::(error|warning|notice)/.test(l));
    expect(commands.join('\n')).toContain('deploy\\u202eyolped');
    for (const l of commands) expect(l).not.toMatch(HIDDEN);
    expect(r.leaks).toEqual([]);
  }, 240_000);
});
