/**
 * A condition's verdict is built as a plain literal (session 32: V8 11.3 builds `{ ...base, ok, message }`
 * on a slow path, every exchange judges at least one condition). Its keys reach the audit line and the
 * refusal's JSON in this order; this holds the order, the `code` key's presence, and each value against
 * what the verdict says, over tokens whose claims are kept, changed, dropped or made unreadable.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { evaluateConditions, type ConditionInput } from '../../shared/conditions/evaluate.js';
import { CONDITION_CODES, shown } from '../../shared/conditions/verdict.js';
import { loadManifest } from '../../shared/manifest/load.js';

const MANIFEST = `version: 1
workflows:
  deploy.yml:
    jobs:
      ship:
        environments: [production]
        when:
          runner-environment: github-hosted
        credentials:
          - step: publish
            audience: github
            permissions: { contents: write }
            when:
              ref: [refs/heads/main, refs/tags/v*]
              environment: [production]
              event: [push, workflow_dispatch]
              claims: { repo_property_tier: prod }
`;
const m = loadManifest(MANIFEST, 'access-manifest.yml');
const job = m.manifest.workflows['deploy.yml']!.jobs.ship!;
const jobPath = ['workflows', 'deploy.yml', 'jobs', 'ship'];
const GOOD: Record<string, string> = {
  ref: 'refs/heads/main',
  environment: 'production',
  event_name: 'push',
  runner_environment: 'github-hosted',
  repo_property_tier: 'prod',
};

function input(claims: Record<string, unknown>): ConditionInput {
  return {
    claims,
    file: 'access-manifest.yml',
    lineOf: m.lineOf,
    defaultBranch: 'main',
    job: { environments: job.environments, path: jobPath, when: job.when! },
    grant: { path: [...jobPath, 'credentials', 0], when: job.credentials[0]!.when! },
  };
}

const OK_KEYS = ['condition', 'origin', 'claim', 'actual', 'expected', 'file', 'line', 'ok', 'message'];
const FAILED_KEYS = [...OK_KEYS.slice(0, 8), 'code', 'message'];
const codes = new Set<string>(Object.values(CONDITION_CODES));

// A claim kept, given another value (invisible and over-long ones included: `actual` is shown bounded
// and escaped), emptied (read as missing) or dropped.
const claimValue = (good: string) =>
  fc.oneof(
    fc.constant(good),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('', '\u200b' + good, good.toUpperCase(), 'x'.repeat(300)),
    fc.constant(undefined),
  );

describe('condition verdicts as plain literals (session 32)', () => {
  it('keys in order, code exactly when refused, actual shown, message placed, over hostile claims', () => {
    const claims = fc.record(
      Object.fromEntries(Object.entries(GOOD).map(([k, v]) => [k, claimValue(v)])) as Record<
        string,
        fc.Arbitrary<string | undefined>
      >,
    );
    fc.assert(
      fc.property(claims, (c) => {
        const present = Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined));
        const r = evaluateConditions(input(present));
        expect(r.verdicts.length).toBeGreaterThan(0);
        for (const v of r.verdicts) {
          expect(Object.keys(v)).toEqual(v.ok ? OK_KEYS : FAILED_KEYS);
          expect(v.file).toBe('access-manifest.yml');
          expect(v.message.endsWith(`(access-manifest.yml:${v.line})`)).toBe(true);
          expect(v.line).toBeGreaterThan(1);
          const raw = present[v.claim];
          if (raw === undefined || raw === '') {
            expect(v.actual).toBeUndefined();
            expect(v.ok).toBe(false);
            expect(v.code).toBe(CONDITION_CODES.missing);
          } else {
            expect(v.actual).toBe(shown(raw));
            if (!v.ok) expect(codes.has(v.code!)).toBe(true);
          }
        }
        expect(r.refusal).toBe(r.verdicts.find((v) => !v.ok));
      }),
      { numRuns: 400 },
    );
  });

  it('the all-good token: every verdict accepted, no code key at all', () => {
    const r = evaluateConditions(input(GOOD));
    expect(r.refusal).toBeUndefined();
    expect(r.verdicts.map((v) => Object.keys(v))).toEqual(r.verdicts.map(() => OK_KEYS));
    expect(r.verdicts.map((v) => v.actual)).toEqual([
      'production',
      'github-hosted',
      'refs/heads/main',
      'production',
      'push',
      'prod',
    ]);
  });
});
