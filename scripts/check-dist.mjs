// Fails when dist/ is not what `npm run build` produces from the current source: users run dist/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const saved = mkdtempSync(join(tmpdir(), 'stepwarden-dist-'));
cpSync(join(root, 'dist'), saved, { recursive: true });
try {
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const stale = [];
  const names = new Set([...readdirSync(saved), ...readdirSync(join(root, 'dist'))]);
  for (const name of names) {
    const a = join(saved, name);
    const b = join(root, 'dist', name);
    if (!existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b))) stale.push(name);
  }
  if (stale.length) {
    console.error(
      `dist/ is stale (${stale.join(', ')} differ from a fresh build). Run 'npm run build' and commit dist/.`,
    );
    process.exitCode = 1;
  } else {
    console.log('dist/ matches a fresh build of the source.');
  }
} finally {
  // Leave the committed bytes in place so a failing check does not rewrite the working tree.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  cpSync(saved, join(root, 'dist'), { recursive: true });
  rmSync(saved, { recursive: true, force: true });
}
