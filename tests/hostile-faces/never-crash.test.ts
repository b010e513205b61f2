/**
 * The pure faces never throw on hostile-but-loadable input: any workflow text and any manifest that
 * loads go through the check, the enforce verdict and the access diff, and every finding points at a
 * line. Names are drawn from those that broke look-ups before (`constructor`, `__proto__`, `toString`),
 * YAML-significant ones and odd spellings of `uses:`.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { runCheck } from '../../shared/check/run.js';
import { diffSnapshots } from '../../shared/diff/diff.js';
import { snapshot } from '../../shared/diff/snapshot.js';
import { enforceJob } from '../../shared/enforce/verdict.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { loadManifest, type LoadedManifest } from '../../shared/manifest/load.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { renderInitManifest } from '../../shared/manifest/init.js';
import { FORMATS, render } from '../../shared/render/index.js';
import { renderDiffMarkdown } from '../../shared/diff/render.js';

const NAMES = [
  'a',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'on',
  'y',
  '<<',
  'x y',
];
const FILES = ['ci.yml', 'constructor.yml', '__proto__.yml', 'lib.yml'];
const USES = [
  'actions/checkout@v4',
  './actions/run',
  '$/actions/enforce',
  './.github/workflows/lib.yml',
  '$/.github/workflows/lib.yml',
  './.github/workflows/../workflows/ci.yml',
  'stepwarden/stepwarden/actions/run@0123456789abcdef0123456789abcdef01234567',
  'docker://x',
];
const SCOPES = ['contents', 'id-token', 'actions', 'pull-requests', 'Contents', '__proto__'];
const LEVELS = ['read', 'write', 'none', 'admin', 'write-all'];

const name = fc.constantFrom(...NAMES);
const perms = fc.oneof(
  fc.constantFrom('read-all', 'write-all', 'bogus', null),
  fc.dictionary(fc.constantFrom(...SCOPES), fc.constantFrom(...LEVELS), { maxKeys: 3 }),
);
const step = fc.record(
  {
    id: name,
    uses: fc.constantFrom(...USES),
    run: fc.constantFrom('echo ${{ secrets.A }}', 'x'),
    with: fc.record({
      audience: fc.constantFrom('github', 'https://x'),
      scope: fc.constantFrom('contents:write', 'x'),
    }),
    parallel: fc.array(fc.record({ uses: fc.constantFrom(...USES) }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const job = fc.record(
  {
    'runs-on': fc.constant('x'),
    permissions: perms,
    uses: fc.constantFrom(...USES),
    steps: fc.array(step, { maxLength: 3 }),
    environment: fc.constantFrom('prod', '__proto__'),
    secrets: fc.constantFrom('inherit'),
    needs: fc.array(name, { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const workflow = fc.record({
  on: fc.oneof(
    fc.constantFrom('push', 'workflow_call', 'pull_request_target'),
    fc.array(fc.constantFrom('push', 'workflow_call', 'workflow_run'), { maxLength: 2 }),
  ),
  permissions: perms,
  jobs: fc.dictionary(name, job, { minKeys: 1, maxKeys: 3 }),
});

const grant = fc.record({
  step: name,
  audience: fc.constantFrom('github', 'https://svc.example'),
  permissions: fc.constantFrom({ contents: 'write' }, { 'pull-requests': 'read' }),
  ttl: fc.constantFrom(60, 300),
});
const manifestText = fc
  .record({
    version: fc.constant(1),
    repository: fc.constant({ name: 'o/r', id: 1, 'owner-id': 2 }),
    policy: fc.record({
      'require-enforce': fc.boolean(),
      'repository-default-permissions': fc.constantFrom('permissive', 'restricted'),
    }),
    workflows: fc.dictionary(
      fc.constantFrom(...FILES),
      fc.record(
        {
          triggers: fc.array(fc.constantFrom('push', 'pull_request_target'), { maxLength: 2 }),
          jobs: fc.dictionary(
            name,
            fc.record(
              {
                permissions: fc.dictionary(
                  fc.constantFrom('contents', 'id-token', 'actions'),
                  fc.constantFrom('read', 'write'),
                ),
                secrets: fc.array(fc.constantFrom('A', 'B'), { maxLength: 2 }),
                credentials: fc.array(grant, { maxLength: 2 }),
              },
              { requiredKeys: [] },
            ),
            { maxKeys: 3 },
          ),
        },
        { requiredKeys: [] },
      ),
      { maxKeys: 2 },
    ),
  })
  .map((m) => stringify(m));

function load(text: string): LoadedManifest | undefined {
  try {
    return loadManifest(text, '.github/access-manifest.yml');
  } catch (err) {
    if (err instanceof ManifestError) return undefined; // refused with file:line, exit 2: not a crash
    throw err;
  }
}

describe('the pure faces never throw', () => {
  it('check, enforce and diff over generated workflows and manifests', () => {
    let judged = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...FILES), workflow), { minLength: 1, maxLength: 3 }),
        manifestText,
        manifestText,
        (files, mText, mText2) => {
          const manifest = load(mText);
          if (!manifest) return;
          judged++;
          const byName = new Map(files.map(([f, w]) => [f, w]));
          const models = [...byName].map(([f, w]) =>
            parseWorkflow(f, `.github/workflows/${f}`, stringify(w)),
          );
          const result = runCheck({ workflows: models, manifest });
          for (const f of result.findings) expect(f.line).toBeGreaterThanOrEqual(1);
          for (const format of FORMATS) expect(typeof render(result, format, '0.0.0')).toBe('string');
          // What init writes from the same workflows loads (a throw there is a bug, not user input).
          const good = models.filter((m) => !m.error);
          const written = renderInitManifest(resolveAccess(good, 'permissive'), good, {
            repositoryDefault: 'permissive',
          });
          expect(() => loadManifest(written, '.github/access-manifest.yml')).not.toThrow();
          for (const m of models)
            for (const j of m.jobs)
              expect(() =>
                enforceJob({ workflows: models, manifest, workflow: m.file, job: j.id, event: 'push' }),
              ).not.toThrow();
          const other = load(mText2);
          const changes = diffSnapshots(
            snapshot(models, other?.manifest),
            snapshot(models.slice(1), manifest.manifest, manifest.lineOf),
          );
          expect(renderDiffMarkdown(changes)).toMatch(/stepwarden access diff/);
        },
      ),
      { numRuns: 300 },
    );
    expect(judged).toBeGreaterThan(100);
  });
});
