import type { Command } from '../command.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: '(not built yet)',
  help: 'stepwarden explain: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden explain: not built yet\n');
    return 2;
  },
};
