import { describe, expect, it } from '@jest/globals';
import { actionAllowed, effectivePolicy, triggerAllowed } from '../../shared/manifest/effective-policy.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';
import { manifest } from '../support/repo.js';

describe('effectivePolicy', () => {
  it('the org can only narrow: pinning required if either requires it, both allow-lists apply', () => {
    const m = manifest(
      'version: 1\npolicy:\n  require-pinned-actions: false\n  allowed-actions: ["actions/*"]\n',
    ).manifest;
    const org = loadOrgPolicy(
      'version: 1\nrequire-pinned-actions: true\nallowed-actions: ["actions/checkout", "github/*"]\n',
      'org.yml',
    ).value;
    const p = effectivePolicy(m, org);
    expect(p.requirePinnedActions).toBe(true);
    expect(actionAllowed('actions/checkout@v4', p.allowedActions)).toBe(true);
    expect(actionAllowed('actions/cache@v4', p.allowedActions)).toBe(false);
    expect(actionAllowed('github/codeql-action/init@v3', p.allowedActions)).toBe(false);
  });
  it('without an org, the manifest policy applies as written', () => {
    const p = effectivePolicy(manifest('version: 1\npolicy:\n  require-pinned-actions: false\n').manifest);
    expect(p.requirePinnedActions).toBe(false);
    expect(p.allowedActions).toEqual([]);
  });
});

describe('triggerAllowed', () => {
  it('allows every event but pull_request_target and workflow_run when triggers is absent', () => {
    expect(triggerAllowed(undefined, 'push')).toBe(true);
    expect(triggerAllowed(undefined, 'pull_request_target')).toBe(false);
    expect(triggerAllowed({ jobs: {} }, 'workflow_run')).toBe(false);
  });
  it('allows exactly the listed events when triggers is present', () => {
    expect(triggerAllowed({ triggers: ['pull_request_target'], jobs: {} }, 'pull_request_target')).toBe(true);
    expect(triggerAllowed({ triggers: ['push'], jobs: {} }, 'schedule')).toBe(false);
  });
});

describe('actionAllowed', () => {
  it.each([
    ['actions/checkout@v4', ['actions/checkout'], true],
    ['actions/checkout-evil@v4', ['actions/checkout'], false],
    ['actions-evil/checkout@v4', ['actions/*'], false],
    ['github/codeql-action/init@v3', ['github/codeql-action'], true],
    ['github/codeql-action/init@v3', ['github/codeql-action/*'], true],
    ['Actions/Checkout@v4', ['actions/checkout'], true],
    ['./local', ['actions/*'], true],
    // An image needs a docker:// pattern of the list (owner/repo globs never admit one).
    ['docker://alpine@sha256:abc', ['actions/*'], false],
    ['docker://alpine@sha256:abc', ['docker://alpine'], true],
  ])('%s against %j -> %s', (uses, patterns, expected) => {
    expect(actionAllowed(uses, [patterns])).toBe(expected);
  });
});
