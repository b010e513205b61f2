// After ncc (`npm run build`; a directory other than dist/ as the argument, for a bundle built
// elsewhere): dist/index.js always directly executable, and every chunk in ASCII (ascii-js.mjs).
import { chmodSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiJs } from './ascii-js.mjs';

const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));
for (const name of readdirSync(dir).sort()) {
  if (!name.endsWith('.js')) continue;
  const file = join(dir, name);
  const text = readFileSync(file, 'utf8');
  const ascii = asciiJs(text, name);
  if (ascii !== text) writeFileSync(file, ascii);
}
// ncc keeps the hashbang only sometimes.
const entry = join(dir, 'index.js');
const text = readFileSync(entry, 'utf8');
if (!text.startsWith('#!')) writeFileSync(entry, `#!/usr/bin/env node\n${text}`);
chmodSync(entry, 0o755);
