import type { ActionEntry } from './index.js';

export const enforceAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action enforce: not built yet\n');
    return 2;
  },
};
