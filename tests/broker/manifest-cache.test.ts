/**
 * Manifests are compiled once per commit (GitHub) or per content (directory), never per exchange,
 * and a change is still seen: a rewritten file at the next exchange, a new head after its TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPrivateKey } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySource, githubSource } from '../../shared/broker/manifest-source.js';
import { GithubApp } from '../../shared/broker/providers/github-app.js';
import { MANIFEST } from '../support/broker.js';
import { demoRepo, startAppStandin, type AppStandin } from '../support/github.js';

const REPO = 'octo-org/octo-repo';
const refusalCode = (p: Promise<unknown>) =>
  p.then(
    () => 'granted',
    (e: { code?: string }) => e.code,
  );

describe('directory source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-manifest-cache-'));
  const file = join(dir, REPO, '.github/access-manifest.yml');
  mkdirSync(join(dir, REPO, '.github'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compiles a file once, sees a rewrite at once, and does not recompile an unchanged content', async () => {
    writeFileSync(file, MANIFEST);
    const src = directorySource(dir, { recheckMs: 0 });
    const a = await src.get(REPO);
    const b = await src.get(REPO);
    expect(b.manifest).toBe(a.manifest); // the same compiled object: not re-read, not re-validated
    expect(a.commit).toMatch(/^sha256:[0-9a-f]{64}$/);

    writeFileSync(file, MANIFEST.replace('ttl: 300', 'ttl: 120'));
    const c = await src.get(REPO);
    expect(c.manifest).not.toBe(a.manifest);
    expect(c.commit).not.toBe(a.commit);
    expect(JSON.stringify(c.manifest.value)).toContain('120');

    // Touched with the same content: re-read (the stamp changed) but not recompiled.
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const d = await src.get(REPO);
    expect(d.manifest).toBe(c.manifest);
  });

  it('by default, a file is checked for changes at most once per second', async () => {
    // The rule holds within a second of the last check: a loaded machine can stall a second between
    // two lines, so the pair is timed (the source ages its checks on this same clock) and, when it
    // took the second, taken again on a fresh source rather than judged outside the rule's window.
    for (let attempt = 1; ; attempt++) {
      writeFileSync(file, MANIFEST);
      const src = directorySource(dir);
      const start = performance.now();
      const a = await src.get(REPO);
      writeFileSync(file, MANIFEST.replace('ttl: 300', 'ttl: 240'));
      const b = await src.get(REPO);
      if (performance.now() - start >= 1000 && attempt < 20) continue;
      expect(b.manifest).toBe(a.manifest);
      await new Promise((r) => setTimeout(r, 1100));
      expect(JSON.stringify((await src.get(REPO)).manifest.value)).toContain('240');
      return;
    }
  });

  it('a broken manifest is refused every time, and fixing it is seen', async () => {
    writeFileSync(file, 'version: 1\nrepository: [not, a, map]\n');
    const src = directorySource(dir, { recheckMs: 0 });
    expect(await refusalCode(src.get(REPO))).toBe('ERR_MANIFEST_INVALID');
    expect(await refusalCode(src.get(REPO))).toBe('ERR_MANIFEST_INVALID');
    writeFileSync(file, MANIFEST);
    expect(await refusalCode(src.get(REPO))).toBe('granted');
    rmSync(file);
    expect(await refusalCode(src.get(REPO))).toBe('ERR_NO_MANIFEST');
  });
});

describe('github source', () => {
  let gh: AppStandin;
  let app: GithubApp;
  beforeAll(async () => {
    gh = await startAppStandin([
      demoRepo({
        files: {
          main: { '.github/access-manifest.yml': MANIFEST },
          next: { '.github/access-manifest.yml': MANIFEST.replace('ttl: 300', 'ttl: 90') },
        },
      }),
    ]);
    app = new GithubApp({
      api: gh.standin.url,
      appId: gh.appId,
      privateKey: createPrivateKey(gh.privateKeyPem),
      retries: 0,
      retryAfterBaseValue: 0,
    });
  });
  afterAll(async () => {
    expect(gh.standin.shapeErrors).toEqual([]);
    await gh.standin.close();
  });

  const calls = (path: RegExp) =>
    gh.standin.requests.filter((r) => r.method === 'GET' && path.test(r.path)).length;

  it('a burst on a cold cache costs one head look-up and one file read; a new head is read after the TTL', async () => {
    const src = githubSource(app, 200);
    const burst = await Promise.all(Array.from({ length: 20 }, () => src.get(REPO)));
    expect(new Set(burst.map((r) => r.manifest)).size).toBe(1);
    expect(calls(/\/commits\//)).toBe(1);
    expect(calls(/\/contents\//)).toBe(1);
    expect((await src.get(REPO)).manifest).toBe(burst[0]!.manifest);
    expect(calls(/\/contents\//)).toBe(1);

    // The default branch moves to another commit: seen once the head TTL has passed.
    (gh.state.repos[0] as { defaultBranch: string }).defaultBranch = 'next';
    await new Promise((r) => setTimeout(r, 250));
    const moved = await src.get(REPO);
    expect(moved.commit).not.toBe(burst[0]!.commit);
    expect(JSON.stringify(moved.manifest.value)).toContain('90');
    expect(calls(/\/contents\//)).toBe(2);
  });
});
