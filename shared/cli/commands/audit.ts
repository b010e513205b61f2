import type { Command } from '../command.js';

export const auditCommand: Command = {
  name: 'audit',
  summary: '(not built yet)',
  help: 'stepwarden audit: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden audit: not built yet\n');
    return 2;
  },
};
