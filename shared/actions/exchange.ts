import type { ActionEntry } from './index.js';

export const exchangeAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action exchange: not built yet\n');
    return 2;
  },
};
