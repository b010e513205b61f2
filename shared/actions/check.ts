import type { ActionEntry } from './index.js';

export const checkAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action check: not built yet\n');
    return 2;
  },
};
