import type { ActionEntry } from './index.js';

export const accessDiffAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action access-diff: not built yet\n');
    return 2;
  },
};
