/**
 * excess-permission and unused-grant compare a job's level with its grant scope by scope; session 31
 * skips the rank look-up when the two are equal. For every pair of levels: a job holding more than
 * granted is excess, a grant above what the job holds is unused, equal levels are neither.
 */
import { describe, expect, it } from '@jest/globals';
import { findingsOf } from '../support/repo.js';

const LEVELS = ['none', 'read', 'write'] as const;
const rank = (l: (typeof LEVELS)[number]) => LEVELS.indexOf(l);

const pairs = LEVELS.flatMap((held) => LEVELS.map((granted) => [held, granted] as const));

describe('level pairs (s31)', () => {
  it.each(pairs)('a job holding contents: %s, granted contents: %s', (held, granted) => {
    const workflows = {
      'w.yml': `on: push\njobs:\n  j:\n    permissions: { contents: ${held}, issues: read }\n    steps: [{ run: x }]\n    runs-on: ubuntu-latest\n`,
    };
    const manifest = `version: 1\nworkflows:\n  w.yml:\n    jobs:\n      j:\n        permissions: { contents: ${granted}, issues: read }\n`;
    const excess = findingsOf('excess-permission', workflows, manifest);
    const unused = findingsOf('unused-grant', workflows, manifest);
    expect(excess.map((f) => f.subject)).toEqual(rank(held) > rank(granted) ? ['contents'] : []);
    expect(unused.map((f) => f.subject)).toEqual(rank(granted) > rank(held) ? ['contents'] : []);
  });
});
