/**
 * Session 6, operating the broker: the shapes other systems read, fed hostile names. The JWT-SVID
 * `sub` must parse under SPIFFE-ID.md whatever the workflow, job and step are called (".", "..",
 * "a/../b", unicode, very long); AWS session tag values must match STS's pattern
 * `[\p{L}\p{Z}\p{N}_.:/=+\-@]*` and its 256-character limit, never holding half a character.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { awsSessionTags, awsTagValue, spiffeIdOf } from '../../shared/broker/providers/jwt-profiles.js';
import type { WorkloadContext } from '../../shared/broker/providers/service-jwt.js';
import { parseSpiffeId } from '../support/spiffe-verifier.js';

/** STS's Tag.Value pattern and limits (API_Tag: length 0..256, pattern above). */
const STS_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
/** No lone surrogate (half of a character outside the BMP). */
const wellFormed = (v: string) => !/\p{Cs}/u.test(v);
const okForSts = (v: string) => STS_VALUE.test(v) && wellFormed(v) && v.length <= 256 && [...v].length <= 256;

const ctx = (over: Partial<WorkloadContext> = {}): WorkloadContext => ({
  repository: 'octo-org/octo-repo',
  workflow: '.github/workflows/release.yml',
  job: 'publish',
  step: 'deploy',
  run_id: '42',
  run_attempt: '1',
  ...over,
});

describe('AWS session tag values', () => {
  it('a value longer than 256 with letters outside the BMP is cut between characters, not inside one', () => {
    const v = awsTagValue(`a${'𝐀'.repeat(300)}`);
    expect(wellFormed(v)).toBe(true);
    expect(okForSts(v)).toBe(true);
    expect(v.startsWith('a𝐀')).toBe(true);
  });

  it('every tag of any workload context matches STS (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.string({ unit: 'binary', maxLength: 400 }),
        (workflow, job, step) => {
          const tags = awsSessionTags(ctx({ workflow, job, step })) as {
            principal_tags: Record<string, string[]>;
          };
          for (const [, [v]] of Object.entries(tags.principal_tags)) expect(okForSts(v!)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('control characters, newlines and quotes never pass through', () => {
    expect(awsTagValue('deploy\n{"x":1}\u0000\u202e')).toBe('deploy___x_:1___');
  });
});

describe('JWT-SVID sub', () => {
  const names = ['.', '..', 'a/../b', '../..', '', '/', 'dé ploy 🚀', '...', 'x'.repeat(5000), '%2e%2e'];

  it.each(names)('a workflow, job and step named %j give a SPIFFE ID that parses under SPIFFE-ID.md', (n) => {
    const id = spiffeIdOf('example.org', ctx({ workflow: n, job: n, step: n }));
    const parsed = parseSpiffeId(id);
    expect(parsed.trustDomain).toBe('example.org');
    expect(parsed.path).toHaveLength(6);
    expect(parsed.path.slice(0, 3)).toEqual(['gh', 'octo-org', 'octo-repo']);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(2048);
  });

  it('any names parse (property), and a name never adds or removes a path segment', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.string({ unit: 'binary', maxLength: 600 }),
        fc.string({ unit: 'binary', maxLength: 600 }),
        (workflow, job, step) => {
          const { path } = parseSpiffeId(spiffeIdOf('example.org', ctx({ workflow, job, step })));
          expect(path).toHaveLength(6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a trust domain outside SPIFFE-ID.md is refused, not emitted', () => {
    for (const td of ['Example.org', 'example.org:8443', 'user@example.org', '', 'exa mple.org'])
      expect(() => spiffeIdOf(td, ctx())).toThrow(/not a SPIFFE trust domain/);
  });
});

describe('one keyring for both profiles', () => {
  it('spiffe.key-file naming the signing keyring (however spelled) is refused with its line and fix', () => {
    const text = [
      'signing: { key-file: ./keys/ring.json }',
      'jwt-profile: spiffe',
      'spiffe:',
      '  trust-domain: example.org',
      '  key-file: keys/../keys/ring.json',
    ].join('\n');
    expect(() => loadBrokerConfig(text, 'broker.yml', '/etc/stepwarden')).toThrow(
      expect.objectContaining({
        code: 'ERR_CONFIG_INVALID',
        message: expect.stringMatching(/broker\.yml:5.*same file as signing\.key-file/s),
      }),
    );
    expect(() =>
      loadBrokerConfig(
        text.replace('keys/../keys/ring.json', './svid.json'),
        'broker.yml',
        '/etc/stepwarden',
      ),
    ).not.toThrow();
  });
});
