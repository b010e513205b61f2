/**
 * Broker configuration: one YAML file, every key documented (docs/broker.md), unknown keys refused
 * with file and line. `stepwarden broker` with no file runs on the embedded defaults.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { loadYaml } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { assertIssuerUrl, GITHUB_ISSUER } from '../oidc/verify.js';

const rate = z
  .string()
  .regex(/^\d+\/(s|sec|min|h|hour)$/, 'a rate like 600/min')
  .describe('Requests per period: N/s, N/min or N/h.');

export const brokerConfigSchema = z.strictObject({
  listen: z.string().default('127.0.0.1:8787').describe('host:port to listen on.'),
  url: z
    .url()
    .default('http://127.0.0.1:8787')
    .describe("The broker's own issuer URL (iss of the JWTs it signs)."),
  audience: z
    .string()
    .min(1)
    .default('http://127.0.0.1:8787')
    .describe('The aud incoming OIDC tokens must carry.'),
  issuers: z
    .array(z.string())
    .min(1)
    .default([GITHUB_ISSUER])
    .describe('Trusted OIDC issuers; http:// only for loopback.'),
  manifests: z
    .discriminatedUnion('source', [
      z.strictObject({ source: z.literal('github') }),
      z.strictObject({ source: z.literal('directory'), path: z.string().min(1) }),
    ])
    .default({ source: 'directory', path: './manifests' })
    .describe(
      'Where manifests come from: the default branch through the GitHub App, or <path>/<owner>/<repo>/.github/access-manifest.yml.',
    ),
  github: z
    .strictObject({
      api: z.url().default('https://api.github.com'),
      'app-id': z.number().int().positive(),
      'private-key-file': z.string().min(1),
    })
    .optional()
    .describe(
      'The GitHub App that mints installation tokens (needed for audience github and manifests from github).',
    ),
  signing: z
    .strictObject({ 'key-file': z.string().min(1) })
    .default({ 'key-file': './broker-signing-key.json' }),
  state: z.string().default('memory').describe('memory, or redis://host:port for several instances.'),
  'rate-limit': z
    .strictObject({
      'per-repository': rate.default('600/min'),
      'replays-per-repository': rate
        .default('60/min')
        .describe(
          'Refused replays of an already used OIDC token: counted apart, so they never drain per-repository.',
        ),
    })
    .default({ 'per-repository': '600/min', 'replays-per-repository': '60/min' }),
  'admin-tokens-file': z
    .string()
    .optional()
    .describe(
      'File of named admin tokens, one a line: `name:sha256hex` or `name token`; the name is the audit actor. Absent: admin endpoints are off.',
    ),
  audit: z.string().default('./broker-audit.jsonl').describe('Audit log file (JSON lines).'),
  'org-policy': z
    .union([
      z.string().min(1),
      z.strictObject({
        source: z.literal('github'),
        'refresh-seconds': z.number().int().min(1).max(3600).default(60),
      }),
    ])
    .optional()
    .describe(
      'Organization policy: a local file (one policy for every owner), or { source: github } to read OWNER/.github:stepwarden/org-policy.yml on its default branch for each owner.',
    ),
  'max-token-lifetime': z
    .number()
    .int()
    .min(60)
    .max(86_400)
    .default(3600)
    .describe('Longest accepted OIDC token lifetime (exp - iat) and oldest accepted iat, seconds.'),
  'require-job-identity': z
    .boolean()
    .default(false)
    .describe(
      "Refuse tokens whose job cannot be verified against GitHub's Jobs API (no check_run_id, or no GitHub App).",
    ),
  'clock-tolerance': z
    .number()
    .int()
    .min(0)
    .max(300)
    .default(60)
    .describe('Leeway for exp/nbf/iat, seconds.'),
});

export type BrokerConfig = z.output<typeof brokerConfigSchema> & { readonly baseDir: string };

export function parseRate(r: string): { limit: number; windowSeconds: number } {
  const [n, unit] = r.split('/');
  return { limit: Number(n), windowSeconds: unit === 's' || unit === 'sec' ? 1 : unit === 'min' ? 60 : 3600 };
}

/** Validates the parts zod cannot: issuer URLs, and that audience github has an App. */
function semantic(cfg: BrokerConfig, file: string, lineOf: (p: (string | number)[]) => number): void {
  const problems = [];
  for (const [i, iss] of cfg.issuers.entries()) {
    try {
      assertIssuerUrl(iss);
    } catch (err) {
      problems.push({
        file,
        line: lineOf(['issuers', i]),
        message: (err as Error).message,
        fix: 'use an https:// issuer',
      });
    }
  }
  if (cfg.manifests.source === 'github' && !cfg.github) {
    problems.push({
      file,
      line: lineOf(['manifests']),
      message: 'manifests from github need the `github` App settings',
      fix: 'add github: { app-id, private-key-file }',
    });
  }
  if (typeof cfg['org-policy'] === 'object' && !cfg.github) {
    problems.push({
      file,
      line: lineOf(['org-policy']),
      message: 'an organization policy from github needs the `github` App settings',
      fix: 'add github: { app-id, private-key-file }, or give org-policy a local file',
    });
  }
  if (cfg.state !== 'memory' && !/^redis:\/\//.test(cfg.state)) {
    problems.push({
      file,
      line: lineOf(['state']),
      message: `state '${cfg.state}' is not supported`,
      fix: 'use memory or redis://host:port',
    });
  }
  if (problems.length) throw new ManifestError(problems, 'ERR_CONFIG_INVALID');
}

export function loadBrokerConfig(text: string, file: string, baseDir: string): BrokerConfig {
  const loaded = loadYaml(text, file, brokerConfigSchema, 'ERR_CONFIG_INVALID');
  const cfg = { ...loaded.value, baseDir };
  semantic(cfg, file, loaded.lineOf);
  return cfg;
}

export async function readBrokerConfig(path: string | undefined, cwd: string): Promise<BrokerConfig> {
  if (!path) return loadBrokerConfig('{}', '(embedded defaults)', cwd);
  const full = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch {
    throw new ManifestError(
      [{ file: path, line: 1, message: 'cannot read the broker config', fix: 'check the --config path' }],
      'ERR_CONFIG_INVALID',
    );
  }
  return loadBrokerConfig(text, path, dirname(full));
}
