// ncc keeps the hashbang only sometimes; make dist/index.js always directly executable.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../dist/index.js', import.meta.url);
const text = readFileSync(file, 'utf8');
if (!text.startsWith('#!')) writeFileSync(file, `#!/usr/bin/env node\n${text}`);
chmodSync(file, 0o755);
