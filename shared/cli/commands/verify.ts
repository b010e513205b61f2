import type { Command } from '../command.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: '(not built yet)',
  help: 'stepwarden verify: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden verify: not built yet\n');
    return 2;
  },
};
