import type { Command } from '../command.js';

export const brokerCommand: Command = {
  name: 'broker',
  summary: '(not built yet)',
  help: 'stepwarden broker: not built yet',
  async run(_argv, io) {
    io.stderr('stepwarden broker: not built yet\n');
    return 2;
  },
};
