/**
 * The deployment files agree with the code: the compose file's broker config passes the broker's
 * own config schema, the brokers run as they must (read-only, non-root, shared keyring, Valkey with
 * AOF), and the Dockerfile's health check is readiness. (No Docker engine runs here: this holds the
 * files, it does not start them.)
 */
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { loadBrokerConfig } from '../../shared/broker/config.js';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
type Service = Record<string, unknown> & { volumes?: string[]; command?: string[] };
const compose = yaml.load(read('deploy/compose.yaml')) as { services: Record<string, Service> };
const brokers = Object.entries(compose.services).filter(([n]) => n.startsWith('broker-'));

describe('deploy/compose.yaml', () => {
  it('runs two brokers from one config that the broker accepts', () => {
    expect(brokers).toHaveLength(2);
    const cfg = loadBrokerConfig(read('deploy/broker.yml'), 'deploy/broker.yml', '/etc/stepwarden');
    expect(cfg.state).toMatch(/^redis:\/\/valkey:6379/);
    expect(cfg.listen).toBe('0.0.0.0:8787');
    expect(cfg.metrics['token-file']).toBeDefined();
    for (const [, s] of brokers) {
      expect(s.read_only).toBe(true);
      expect(String(s.user)).not.toMatch(/^(0|root)\b/);
      expect(s.volumes).toContain('./broker.yml:/etc/stepwarden/broker.yml:ro');
      // One keyring for both: a JWT signed by one instance verifies against the other's JWKS.
      expect(
        s.volumes!.some((v) => v.startsWith('keys:') && cfg.signing['key-file'].startsWith(v.split(':')[1]!)),
      ).toBe(true);
    }
    const audits = brokers.map(([, s]) => s.volumes!.find((v) => v.startsWith('audit-')));
    expect(new Set(audits).size).toBe(2);
  });

  it('keeps Valkey durable: AOF with fsync every second', () => {
    const cmd = compose.services.valkey!.command!.join(' ');
    expect(cmd).toMatch(/--appendonly yes/);
    expect(cmd).toMatch(/--appendfsync everysec/);
  });

  it('the Dockerfile runs as non-root, checks readiness and runs the broker command', () => {
    const d = read('Dockerfile');
    expect(d).toMatch(/^FROM node:20-slim/m);
    expect(d).toMatch(/^USER node$/m);
    expect(d).toMatch(/HEALTHCHECK[\s\S]*\/readyz/);
    expect(d).toMatch(/ENTRYPOINT \["node", "dist\/index.js", "broker"\]/);
  });

  it('the volumes the brokers mount exist in the image, owned by the broker user (else a new volume is root-owned)', () => {
    const d = read('Dockerfile');
    // The RUN instruction, continuation lines included.
    const run = d.slice(d.indexOf('RUN mkdir -p')).split(/(?<!\\)\n/)[0]!;
    expect(run).toMatch(/chown -R node:node \/var\/lib\/stepwarden/);
    for (const [, s] of brokers)
      for (const v of s.volumes!.filter((x) => !x.startsWith('./'))) {
        const target = v.split(':')[1]!;
        expect(run.split(/\s+/)).toContain(target);
      }
  });
});
