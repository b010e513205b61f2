import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadManifest } from '../../shared/manifest/load.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { renderInitManifest } from '../../shared/manifest/init.js';
import { PERMISSION_SHORTHAND_NAMES, manifestPermissionsSchema } from '../../shared/manifest/schema.js';
import { SCOPES, SCOPE_NAMES, type Level } from '../../shared/permissions/scopes.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { runCheck } from '../../shared/check/run.js';
import { diffStates, failsOnWidened } from '../../shared/diff/states.js';
import { manifestOf, type RepoState } from '../../shared/diff/source.js';
import { wf, y } from '../support/repo.js';

const manifest = (permissions: string, extra = '') => y`
  version: 1
  repository: { name: octo-org/octo-repo, id: 1, owner-id: 2 }
  ${extra}
  workflows:
    ci.yml:
      jobs:
        build:
          permissions: ${permissions}
`;
const jobPermissions = (text: string) =>
  loadManifest(text, 'm.yml').manifest.workflows['ci.yml']!.jobs.build!.permissions;

/** The map a shorthand must stand for, read straight from the scopes table (not from the code under test). */
function expected(pick: (s: (typeof SCOPE_NAMES)[number]) => Level): Record<string, Level> {
  const out: Record<string, Level> = {};
  for (const s of SCOPE_NAMES) {
    const l = pick(s);
    if (l !== 'none') out[s] = l;
  }
  return out;
}
const best = (s: (typeof SCOPE_NAMES)[number], cap: Level): Level =>
  cap === 'write' && SCOPES[s].levels.includes('write')
    ? 'write'
    : SCOPES[s].levels.includes('read')
      ? 'read'
      : 'none';

describe('permission shorthands in the manifest', () => {
  it('permissive-default and restricted-default are the columns of the scopes table', () => {
    expect(jobPermissions(manifest('permissive-default'))).toEqual(expected((s) => SCOPES[s].permissive));
    expect(jobPermissions(manifest('restricted-default'))).toEqual(expected((s) => SCOPES[s].restricted));
    // Spot checks a table edit cannot move silently: GitHub's permissive default has no id-token.
    expect(jobPermissions(manifest('permissive-default'))).toMatchObject({
      contents: 'write',
      models: 'read',
    });
    expect(jobPermissions(manifest('permissive-default'))['id-token']).toBeUndefined();
    expect(jobPermissions(manifest('restricted-default'))).toEqual({ contents: 'read', packages: 'read' });
  });

  it('read-all and write-all mean what they mean in a workflow (write-all includes id-token: write)', () => {
    expect(jobPermissions(manifest('write-all'))).toEqual(expected((s) => best(s, 'write')));
    expect(jobPermissions(manifest('write-all'))['id-token']).toBe('write');
    expect(jobPermissions(manifest('read-all'))).toEqual(expected((s) => best(s, 'read')));
  });

  it('defaults.permissions takes them too', () => {
    const text = manifest('{}', 'defaults: { permissions: restricted-default }');
    expect(loadManifest(text, 'm.yml').manifest.defaults.permissions).toEqual({
      contents: 'read',
      packages: 'read',
    });
  });

  it('any other word is refused with its line and the choices; a bad mapping still names the scope', () => {
    const refused = (text: string) => {
      try {
        loadManifest(text, 'm.yml');
      } catch (e) {
        expect(e).toBeInstanceOf(ManifestError);
        return (e as ManifestError).message;
      }
      throw new Error('accepted');
    };
    for (const word of ['writeall', 'Write-All', 'permissive', 'default', 'none', '"read-all "']) {
      const msg = refused(manifest(word));
      expect(msg).toContain('m.yml:8:');
      expect(msg).toContain('must be a mapping of scopes or one of permissive-default, restricted-default');
    }
    expect(refused(manifest('[contents]'))).toContain('m.yml:8:');
    expect(refused(manifest('{ contents: wrte }'))).toMatch(
      /m\.yml:8: invalid value at .*permissions\.contents.*none, read, write/,
    );
    expect(refused(manifest('{ contnts: read }'))).toContain("unknown scope 'contnts'");
    expect(refused(manifest('{ contnts: read }'))).toContain("did you mean 'contents'?");
  });

  it('a printed refusal never echoes a hostile word (control characters, long values)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), (word) => {
        fc.pre(!(PERMISSION_SHORTHAND_NAMES as string[]).includes(word));
        const r = manifestPermissionsSchema.safeParse(word);
        expect(r.success).toBe(false);
        try {
          loadManifest(manifest(JSON.stringify(word)), 'm.yml');
        } catch (e) {
          const msg = (e as Error).message;
          // eslint-disable-next-line no-control-regex
          expect(msg).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029]/);
          if (!/^[\w.-]{1,40}$/.test(word)) expect(msg).not.toContain(`'${word}'`);
          return;
        }
        throw new Error(`accepted ${JSON.stringify(word)}`);
      }),
      { numRuns: 200 },
    );
  });
});

const NO_BLOCK = y`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      steps:
        - run: make
`;
const OWN_BLOCK = y`
  on: push
  jobs:
    build:
      runs-on: ubuntu-latest
      permissions: { contents: read }
      steps:
        - run: make
`;

describe('init writes one word for a job that holds exactly the repository default', () => {
  const init = (text: string, repositoryDefault: 'permissive' | 'restricted') => {
    const models = [wf('ci.yml', text)];
    return {
      models,
      out: renderInitManifest(resolveAccess(models, repositoryDefault), models, {
        repositoryDefault,
        repository: { name: 'octo-org/octo-repo', id: 1, ownerId: 2 },
      }),
    };
  };

  it.each(['permissive', 'restricted'] as const)('%s: the word, with the reason on its line', (kind) => {
    const { out } = init(NO_BLOCK, kind);
    expect(out).toMatch(
      new RegExp(
        `\\n {8}permissions: ${kind}-default # no permissions block in the workflow: write one and lower this\\n`,
      ),
    );
  });

  it('a job with its own block keeps its map', () => {
    const { out } = init(OWN_BLOCK, 'permissive');
    expect(out).toContain('permissions: {contents: read}');
    expect(out).not.toMatch(/permissions: [a-z-]+-default/);
  });

  it('the manifest init writes passes the check at once, and holds what the job holds', () => {
    for (const kind of ['permissive', 'restricted'] as const) {
      const { out, models } = init(NO_BLOCK, kind);
      const loaded = loadManifest(out, '.github/access-manifest.yml');
      const held = resolveAccess(models, kind)[0]!.permissions;
      expect(loaded.manifest.workflows['ci.yml']!.jobs.build!.permissions).toEqual(
        Object.fromEntries(Object.entries(held).filter(([, l]) => l !== 'none')),
      );
      const report = runCheck({ workflows: models, manifest: loaded });
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});

describe('the access diff judges a shorthand by the map it stands for', () => {
  const CI = y`
    on: push
    jobs:
      build:
        permissions: { contents: read }
        steps:
          - run: make
        runs-on: ubuntu-latest
  `;
  const state = (permissions: string): RepoState => ({
    label: 'x',
    workflows: [wf('ci.yml', CI)],
    ...manifestOf(manifest(permissions), 'x'),
  });
  const diff = (a: string, b: string) => diffStates(state(a), state(b)).changes;

  it('the same access spelled as a word is no change', () => {
    const map = `{ ${Object.entries(expected((s) => SCOPES[s].restricted))
      .map(([s, l]) => `${s}: ${l}`)
      .join(', ')} }`;
    expect(diff(map, 'restricted-default')).toEqual([]);
    expect(diff('restricted-default', map)).toEqual([]);
  });

  it('a word that grants more is widened, scope by scope, at the permissions line', () => {
    const cs = diff('restricted-default', 'write-all');
    expect(failsOnWidened(cs)).toBe(true);
    const subjects = cs.filter((c) => c.effect === 'widened').map((c) => c.subject);
    expect(subjects.some((s) => s.includes('id-token'))).toBe(true);
    expect(subjects.some((s) => s.includes('contents'))).toBe(true);
    expect(cs.every((c) => c.line === 8)).toBe(true);
    expect(failsOnWidened(diff('write-all', 'restricted-default'))).toBe(false);
  });
});
