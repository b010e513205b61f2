import type { ActionEntry } from './index.js';

export const runAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action run: not built yet\n');
    return 2;
  },
};
