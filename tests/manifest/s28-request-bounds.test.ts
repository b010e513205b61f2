/**
 * A grant's `step` and `audience` are what a request carries, so a grant the broker's form rule
 * (exchangeRequestOf) refuses to be asked for must not load: longer than the bound, or holding a C0
 * control character or DEL. One source of the bounds (shared/broker/request-bounds.ts): the manifest
 * schema, the broker's form rule and the generated JSON schema read the same constants.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { BrokerRefusal } from '../../shared/broker/errors.js';
import { MAX_AUDIENCE, MAX_STEP } from '../../shared/broker/request-bounds.js';
import { exchangeRequestOf } from '../../shared/broker/request.js';
import { ManifestError } from '../../shared/manifest/errors.js';
import { loadManifest } from '../../shared/manifest/load.js';

const FILE = '.github/access-manifest.yml';
/** A YAML double-quoted scalar of `s`, every character outside printable ASCII escaped (YAML reads it back exactly). */
const quoted = (s: string) =>
  `"${[...s]
    .map((c) => {
      const code = c.codePointAt(0)!;
      if (c === '"' || c === '\\') return `\\${c}`;
      if (code >= 0x20 && code < 0x7f) return c;
      return code > 0xffff
        ? `\\U${code.toString(16).padStart(8, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    })
    .join('')}"`;

const manifest = (grant: string) => `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    jobs:
      publish:
        credentials:
${grant}`;
const service = (step: string, audience = 'https://hooks.example.internal') =>
  manifest(
    `          - step: ${quoted(step)}\n            audience: ${quoted(audience)}\n            scope: [notify:send]\n`,
  );
const github = (step: string) =>
  manifest(
    `          - step: ${quoted(step)}\n            audience: github\n            permissions: { contents: read }\n`,
  );

function problem(text: string): { line: number; message: string; file: string } {
  try {
    loadManifest(text, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return (e as ManifestError).problems[0]!;
  }
  throw new Error('loaded');
}

/** The broker's form rule on a request as the action sends it. */
function brokerTakes(fields: { step: string; audience: string }): boolean {
  try {
    exchangeRequestOf(new URLSearchParams({ job: 'publish', ...fields }));
    return true;
  } catch (e) {
    if (e instanceof BrokerRefusal) return false;
    throw e;
  }
}

describe('a grant the broker could never be asked for does not load', () => {
  it.each([
    ['a service grant', service],
    ['a github grant', github],
  ])('%s: a step one character over the bound, at its line, naming the rule', (_n, grant) => {
    const p = problem(grant('s'.repeat(MAX_STEP + 1)));
    expect(p).toMatchObject({ file: FILE, line: 8 });
    expect(p.message).toContain(`credentials.0.step: a step is at most ${MAX_STEP} characters`);
    expect(loadManifest(grant('s'.repeat(MAX_STEP)), FILE)).toBeDefined();
  });

  it.each(['\u0000', '\u0007', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f'])(
    'a step holding %j: refused with the rule',
    (c) => {
      for (const grant of [service, github]) {
        const p = problem(grant(`notify${c}x`));
        expect(p).toMatchObject({ file: FILE, line: 8 });
        expect(p.message).toMatch(/credentials\.0\.step: a step holds no control characters/);
      }
    },
  );

  it('an audience one character over the bound, or with a control character, at its line', () => {
    const base = 'https://hooks.example.internal/';
    const long = base + 'a'.repeat(MAX_AUDIENCE + 1 - base.length);
    const p = problem(service('notify', long));
    expect(p).toMatchObject({ file: FILE, line: 9 });
    expect(p.message).toContain(`credentials.0.audience: an audience is at most ${MAX_AUDIENCE} characters`);
    expect(loadManifest(service('notify', long.slice(0, -1)), FILE)).toBeDefined();
    expect(problem(service('notify', `${base}a\u007fb`)).line).toBe(9);
  });

  it('the manifest loads a grant exactly when the broker takes a request for it (property)', () => {
    const char = fc.oneof(
      fc.constantFrom('a', 'Z', '0', '-', '_', ' ', '.', '/', 'é', '\u00a0', '\u2028', '😀'),
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.constant('\u007f'),
    );
    const text = (min: number, max: number) =>
      fc.array(char, { minLength: min, maxLength: max }).map((a) => a.join(''));
    const step = fc.oneof(
      text(1, 12),
      text(MAX_STEP - 3, MAX_STEP + 3),
      fc.constant('s'.repeat(MAX_STEP + 1)),
    );
    // Audiences that are URLs, with path text around the bound (the URL rule aside, the bounds decide).
    const audience = fc
      .oneof(fc.constant(''), text(0, 8), text(MAX_AUDIENCE - 40, MAX_AUDIENCE - 20))
      .map(
        (path) =>
          `https://hooks.example.internal/${path.replace(/[^A-Za-z0-9._-]/g, (c) => (c < ' ' || c === '\u007f' ? c : 'x'))}`,
      );
    fc.assert(
      fc.property(step, audience, (s, a) => {
        let loaded = true;
        try {
          loadManifest(service(s, a), FILE);
        } catch (e) {
          if (!(e instanceof ManifestError)) throw e;
          loaded = false;
        }
        expect(loaded).toBe(brokerTakes({ step: s, audience: a }));
      }),
      { numRuns: 300 },
    );
  });

  it('the generated JSON schema carries the same bounds', () => {
    const text = readFileSync(new URL('../../schema/access-manifest.schema.json', import.meta.url), 'utf8');
    type Field = { maxLength?: number; pattern?: string; format?: string; const?: string };
    const steps: Field[] = [];
    const audiences: Field[] = [];
    JSON.parse(text, (k, v: unknown) => {
      if (k === 'step' && v && typeof v === 'object') steps.push(v as Field);
      // The service grant's audience (the github grant's is the constant `github`).
      if (k === 'audience' && v && typeof v === 'object' && !('const' in v)) audiences.push(v as Field);
      return v;
    });
    expect(steps.length).toBeGreaterThanOrEqual(2);
    for (const s of steps) expect(s).toMatchObject({ maxLength: MAX_STEP });
    for (const s of steps) expect(new RegExp(s.pattern!).test('a\u0001b')).toBe(false);
    expect(audiences.length).toBeGreaterThanOrEqual(1);
    for (const a of audiences) expect(a).toMatchObject({ maxLength: MAX_AUDIENCE, format: 'uri' });
  });
});
