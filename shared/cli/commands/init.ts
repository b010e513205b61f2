import type { Command } from '../command.js';

export const initCommand: Command = {
  name: 'init',
  summary: '(not built yet)',
  help: 'stepwarden init: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden init: not built yet\n');
    return 2;
  },
};
