/**
 * A same-size rewrite inside one file-time tick leaves inode, size, mtime and ctime as they were
 * (coarse file times: FAT's 2 s, ext3's 1 s, a kernel's jiffy-coarse clock). The directory source must
 * not keep serving the old manifest then: a stamp taken while the file's mtime was within the tick of
 * the clock is not trusted, and the content decides (session 24). The case is forced by a stat that
 * answers what the first one did, as such a file system would.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { directorySource } from '../../shared/broker/manifest-source.js';
import { MANIFEST } from '../support/broker.js';

const REPO = 'octo-org/octo-repo';

describe('directory source, a rewrite within one timestamp tick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sw-manifest-racy-'));
  const file = join(dir, REPO, '.github/access-manifest.yml');
  mkdirSync(join(dir, REPO, '.github'), { recursive: true });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A stat that keeps answering the file's first stat: every field the stamp reads unchanged. */
  const frozen = () => {
    let first: Stats | undefined;
    let calls = 0;
    return {
      stat: async (p: string) => {
        calls++;
        first ??= await stat(p);
        return first;
      },
      calls: () => calls,
    };
  };

  it('a same-size rewrite whose stat did not change is seen (the content decides)', async () => {
    writeFileSync(file, MANIFEST);
    const fs = frozen();
    const src = directorySource(dir, { recheckMs: 0, stat: fs.stat });
    const a = await src.get(REPO);
    const rewritten = MANIFEST.replace('ttl: 300', 'ttl: 120');
    expect(rewritten.length).toBe(MANIFEST.length);
    expect(rewritten).not.toBe(MANIFEST);
    writeFileSync(file, rewritten);
    const b = await src.get(REPO);
    expect(b.commit).not.toBe(a.commit);
    expect(JSON.stringify(b.manifest.value)).toContain('"ttl":120');
    expect(fs.calls()).toBe(2);
  });

  it('a file last written well before its stamp was taken is served by its stamp (not re-read)', async () => {
    writeFileSync(file, MANIFEST);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    expect(statSync(file).mtimeMs).toBeLessThan(Date.now() - 30_000);
    const fs = frozen();
    const src = directorySource(dir, { recheckMs: 0, stat: fs.stat });
    const a = await src.get(REPO);
    // Rewritten behind a stat that does not change: a file system that kept every stat field cannot
    // be told apart from an untouched file, and an old mtime says no write shared its tick.
    writeFileSync(file, MANIFEST.replace('ttl: 300', 'ttl: 120'));
    const b = await src.get(REPO);
    expect(b.manifest).toBe(a.manifest);
    expect(b.commit).toBe(a.commit);
  });
});
