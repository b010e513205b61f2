import type { Command } from '../command.js';

export const diffCommand: Command = {
  name: 'diff',
  summary: '(not built yet)',
  help: 'stepwarden diff: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden diff: not built yet\n');
    return 2;
  },
};
