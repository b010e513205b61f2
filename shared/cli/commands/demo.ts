import type { Command } from '../command.js';

export const demoCommand: Command = {
  name: 'demo',
  summary: '(not built yet)',
  help: 'stepwarden demo: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden demo: not built yet\n');
    return 2;
  },
};
