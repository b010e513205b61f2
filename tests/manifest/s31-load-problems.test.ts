/**
 * The problems `loadManifest` finds after zod (session 31 walks the jobs by index and builds a key
 * path only for a problem): GITHUB_TOKEN declared as a secret, a second grant for one step and
 * audience; each at its line, in line order, a job with a single grant judged as before.
 */
import { describe, expect, it } from '@jest/globals';
import { loadManifest } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';

const text = [
  'version: 1', // 1
  'workflows:', // 2
  '  a.yml:', // 3
  '    jobs:', // 4
  '      b:', // 5
  '        permissions: read-all', // 6
  '        secrets: [A, github_token]', // 7
  '        credentials:', // 8
  '          - {step: s, audience: github, permissions: {contents: read}}', // 9
  '          - {step: t, audience: "https://x.example"}', // 10
  '          - {step: s, audience: github, permissions: {issues: read}}', // 11
  '      c:', // 12
  '        secrets: [GITHUB_TOKEN]', // 13
  '        credentials: [{step: s, audience: github, permissions: {}}]', // 14
  '  d.yml:', // 15
  '    jobs:', // 16
  '      e: {permissions: read-all, secrets: [Github_Token, B, GITHUB_TOKEN]}', // 17
].join('\n');

describe('the problems after zod (s31)', () => {
  it('names each GITHUB_TOKEN secret and each second grant at its line, in line order', () => {
    let err: unknown;
    try {
      loadManifest(text, 'm.yml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    const problems = (err as ManifestError).problems.map((p) => `${p.line}: ${p.message}`);
    expect(problems).toEqual([
      '7: GITHUB_TOKEN is not a secret to declare',
      "11: a second grant for step 's' and audience 'github'",
      '13: GITHUB_TOKEN is not a secret to declare',
      '17: GITHUB_TOKEN is not a secret to declare',
      '17: GITHUB_TOKEN is not a secret to declare',
    ]);
  });

  it('loads the same manifest once the problems are gone', () => {
    const fixed = text
      .replace('[A, github_token]', '[A]')
      .replace('{issues: read}}', '{issues: read}, ttl: 60}')
      .replace(
        'step: s, audience: github, permissions: {issues',
        'step: u, audience: github, permissions: {issues',
      )
      .replace('[GITHUB_TOKEN]', '[C]')
      .replace('[Github_Token, B, GITHUB_TOKEN]', '[B]');
    const m = loadManifest(fixed, 'm.yml').manifest;
    expect(m.workflows['a.yml']!.jobs.b!.credentials.map((c) => c.step)).toEqual(['s', 't', 'u']);
    expect(m.workflows['d.yml']!.jobs.e!.secrets).toEqual(['B']);
  });
});
