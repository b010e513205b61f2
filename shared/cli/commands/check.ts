import type { Command } from '../command.js';

export const checkCommand: Command = {
  name: 'check',
  summary: '(not built yet)',
  help: 'stepwarden check: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden check: not built yet\n');
    return 2;
  },
};
