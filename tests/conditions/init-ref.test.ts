import { describe, expect, it } from '@jest/globals';
import { initRefPatterns } from '../../shared/conditions/init-ref.js';
import { wf } from '../support/repo.js';

const on = (text: string) => wf('x.yml', `${text}\njobs:\n  a:\n    runs-on: x\n    steps: []\n`);

describe('init: when.ref from the workflow triggers', () => {
  it.each([
    ['on: push', ['refs/heads/main']],
    ['on:\n  push:\n    branches: [main, release/*]', ['refs/heads/main']],
    ["on:\n  push:\n    tags: ['v*']", ['refs/tags/v*']],
    ["on:\n  push:\n    tags: ['v*', '!v*-rc']\n  workflow_dispatch:", ['refs/tags/v*', 'refs/heads/main']],
    ["on:\n  push:\n    tags: ['releases/**']", ['refs/tags/releases/*']],
    ['on:\n  release:\n    types: [published]', ['refs/tags/*']],
    ['on: [pull_request, schedule]', ['refs/heads/main']],
    ['on: pull_request', ['refs/heads/main']],
  ])('%s -> %j', (text, want) => {
    expect(initRefPatterns(on(text))).toEqual(want);
  });
  it('uses the default branch it is given', () => {
    expect(initRefPatterns(on('on: workflow_dispatch'), 'trunk')).toEqual(['refs/heads/trunk']);
  });
});
