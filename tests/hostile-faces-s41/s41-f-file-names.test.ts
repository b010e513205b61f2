/**
 * Session 41 (w-rfaces), session 40's leftover 3: workflow file names that draw as another name. Held,
 * kept as a test: a bidirectional override or a zero-width character in a file name is written out
 * (`\u202e`) in every text a reviewer reads (the text log, the job summary, an annotation's message,
 * SARIF's message; SARIF's `uri` is percent-encoded), while an annotation's `file=` keeps the name as
 * it is, since it is the address GitHub attaches the annotation to, not text. A name with a trailing
 * dot or space after `.yml` is no workflow to GitHub (it runs `.yml`/`.yaml` files only) and none to
 * the check either. A visible look-alike (`cі.yml`, Cyrillic і) is another workflow with its own
 * manifest entry (session 40's decision): shown as it is.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../support/cli.js';

const MANIFEST = 'version: 1\nworkflows: {}\n';
const WF = 'on: push\njobs:\n  j:\n    runs-on: u\n    env: [A]\n    steps:\n      - run: x\n';
const HIDDEN = /[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/;

function repo(names: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'sw-s41-names-'));
  mkdirSync(join(dir, '.github/workflows'), { recursive: true });
  for (const n of names) writeFileSync(join(dir, '.github/workflows', n), WF);
  writeFileSync(join(dir, 'm.yml'), MANIFEST);
  return dir;
}
const check = (dir: string, format: string) =>
  cli(['check', dir, '--manifest', join(dir, 'm.yml'), '--format', format]);

describe('workflow file names that draw as another name (session 41)', () => {
  it('a bidi override and a zero-width character are written out in every text a reviewer reads', async () => {
    const name = 'ci\u202elmy.tset\u200b.yml';
    const dir = repo([name]);
    try {
      for (const format of ['text', 'markdown']) {
        const r = await check(dir, format);
        expect(r.code).toBe(1);
        expect(r.stdout).not.toMatch(HIDDEN);
        expect(r.stdout).toContain('ci\\u202elmy.tset\\u200b.yml');
      }
      const github = (await check(dir, 'github')).stdout
        .split('\n')
        .filter((l) => l.includes('invalid-workflow'));
      expect(github).toHaveLength(1);
      const [props, message] = [
        github[0]!.slice(0, github[0]!.indexOf('::', 2)),
        github[0]!.slice(github[0]!.indexOf('::', 2)),
      ];
      // The address is the name as it is, so the annotation attaches to the file; the text is written out.
      expect(props).toContain(`file=.github/workflows/${name},`);
      expect(message).not.toMatch(HIDDEN);
      const sarif = JSON.parse((await check(dir, 'sarif')).stdout) as {
        runs: {
          results: {
            message: { text: string };
            locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
          }[];
        }[];
      };
      for (const r of sarif.runs[0]!.results) {
        expect(r.message.text).not.toMatch(HIDDEN);
        expect(r.locations[0]!.physicalLocation.artifactLocation.uri).toBe(
          '.github/workflows/ci%E2%80%AElmy.tset%E2%80%8B.yml',
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a trailing dot or space after `.yml` is no workflow, to GitHub or to the check', async () => {
    const dir = repo(['ci.yml.', 'ci.yml ', 'ci.yaml..']);
    try {
      const r = await check(dir, 'json');
      expect((JSON.parse(r.stdout) as { jobs: unknown[] }).jobs).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
