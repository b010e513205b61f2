import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import { generated } from '../scripts/generated.js';
import { RULES } from '../shared/check/registry.js';
// @ts-expect-error plain ESM script without types
import { render as renderAppPermissions } from '../scripts/gen-app-permissions.mjs';

const root = new URL('..', import.meta.url);
// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => Ajv2020;

describe('generated files are fresh (run `npm run generate` when this fails)', () => {
  for (const [path, text] of Object.entries(generated())) {
    it(path, () => {
      expect(readFileSync(new URL(path, root), 'utf8')).toBe(text);
    });
  }
  it("shared/permissions/app-permissions.ts matches GitHub's OpenAPI description", () => {
    expect(readFileSync(new URL('shared/permissions/app-permissions.ts', root), 'utf8')).toBe(
      renderAppPermissions(),
    );
  });
  it('every rule has exactly one docs page and every page a rule', () => {
    const pages = readdirSync(new URL('docs/rules/', root))
      .filter((f) => f !== 'README.md')
      .map((f) => f.replace(/\.md$/, ''));
    expect(pages.sort()).toEqual(RULES.map((r) => r.meta.id).sort());
  });
});

describe('the JSON Schema of the manifest', () => {
  // With the formats the schema uses (`uri` for service audiences): no "unknown format" warnings,
  // and the format is checked as the loader checks it.
  const ajv = addFormats(new Ajv2020({ strict: false }));
  const validate = ajv.compile(
    JSON.parse(readFileSync(new URL('schema/access-manifest.schema.json', root), 'utf8')),
  );
  it('accepts the example manifests', () => {
    for (const p of [
      'examples/demo-repo/.github/access-manifest.yml',
      'examples/clean-repo/.github/access-manifest.yml',
    ]) {
      expect(validate(parse(readFileSync(new URL(p, root), 'utf8')))).toBe(true);
    }
  });
  it('rejects an unknown scope, as the loader does', () => {
    expect(validate({ version: 1, defaults: { permissions: { content: 'read' } } })).toBe(false);
  });
});
