// Writes every generated file (see scripts/generated.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generated } from './generated.js';

const root = new URL('..', import.meta.url).pathname;
for (const [path, text] of Object.entries(generated())) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
