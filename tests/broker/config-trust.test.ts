import { describe, expect, it } from '@jest/globals';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { ManifestError } from '../../shared/manifest/errors.js';

const load = (text: string) => loadBrokerConfig(text, 'broker.yml', '/tmp');
function problems(text: string): string[] {
  try {
    load(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems.map((p) => `${p.line}: ${p.message}`);
  }
  return [];
}

describe('broker config: trust-boundary keys', () => {
  it('defaults to the strict values', () => {
    const c = load('{}');
    expect(c['max-token-lifetime']).toBe(3600);
    expect(c['require-job-identity']).toBe(true);
    expect(c['rate-limit']).toEqual({ 'per-repository': '600/min', 'replays-per-repository': '60/min' });
    expect(c['org-policy']).toBeUndefined();
  });

  it('takes an org policy file or the GitHub source, which needs the App', () => {
    expect(load('org-policy: ./org.yml')['org-policy']).toBe('./org.yml');
    const gh = load('github: { app-id: 1, private-key-file: k.pem }\norg-policy: { source: github }\n')[
      'org-policy'
    ];
    expect(gh).toEqual({ source: 'github', 'refresh-seconds': 60 });
    expect(problems('org-policy: { source: github }\n')).toEqual([
      '1: an organization policy from github needs the `github` App settings',
    ]);
    expect(problems('org-policy: { source: gitlab }\n')).toHaveLength(1);
  });

  it('takes the GitHub source and a local file together; an issuer with its own App is enough', () => {
    const both = load(
      'github: { app-id: 1, private-key-file: k.pem }\norg-policy: { source: github, file: ./org.yml }\n',
    );
    expect(both['org-policy']).toEqual({ source: 'github', 'refresh-seconds': 60, file: './org.yml' });
    expect(
      problems(
        'issuers:\n  - url: https://ghes.example.com/_services/token\n    github: { api: https://ghes.example.com/api/v3, app-id: 2, private-key-file: g.pem }\norg-policy: { source: github }\n',
      ),
    ).toEqual([]);
    expect(problems('org-policy: { source: github, file: "" }\n')).toHaveLength(1);
  });

  it('refuses lifetimes out of range and non-boolean switches, with the line', () => {
    expect(problems('max-token-lifetime: 10\n')[0]).toMatch(/^1: /);
    expect(problems('clock-tolerance: 60\nmax-token-lifetime: 1.5\n')[0]).toMatch(/^2: /);
    expect(problems('require-job-identity: "yes"\n')).toHaveLength(1);
    expect(problems('rate-limit: { replays-per-repository: lots }\n')).toHaveLength(1);
  });
});
