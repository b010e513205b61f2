// After ncc (`npm run build`; a directory other than dist/ as the argument, for a bundle built
// elsewhere): the `yaml` package as its own file (yaml.cjs), dist/index.js always directly executable,
// and every chunk in ASCII (ascii-js.mjs).
import ncc from '@vercel/ncc';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiJs } from './ascii-js.mjs';

const dir = resolve(process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url)));

// The `yaml` package, required by shared/yaml/package.ts only when a document needs GitHub's reader
// (or init writes a manifest): in a chunk, every check would compile its 290 KB without running it
// (docs/performance.md, session 38). Its license joins the bundle's list when there is one.
const yaml = await ncc(fileURLToPath(new URL('./yaml-package.cjs', import.meta.url)), {
  quiet: true,
  license: 'licenses.txt',
});
writeFileSync(join(dir, 'yaml.cjs'), asciiJs(yaml.code, 'yaml.cjs'));
const licenses = join(dir, 'licenses.txt');
const yamlLicense = String(yaml.assets?.['licenses.txt']?.source ?? '').trim();
// Once, though postbuild may run twice over one directory.
if (yamlLicense && existsSync(licenses)) {
  const list = readFileSync(licenses, 'utf8');
  if (!list.includes(yamlLicense)) writeFileSync(licenses, `${list.trimEnd()}\n\n${yamlLicense}\n`);
}

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
