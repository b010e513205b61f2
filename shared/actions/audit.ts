import type { ActionEntry } from './index.js';

export const auditAction: ActionEntry = {
  summary: '(not built yet)',
  async run(_argv, io) {
    io.stderr('stepwarden action audit: not built yet\n');
    return 2;
  },
};
