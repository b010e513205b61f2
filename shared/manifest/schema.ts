/**
 * The access manifest (`.github/access-manifest.yml`) and the organization policy: the one source of
 * truth of their shape. The loader validates with these schemas, the JSON Schema files in `schema/`
 * are generated from them (`npm run schema`), and the types below are inferred from them.
 */
import { z } from 'zod';
import { SCOPES, SCOPE_NAMES, type Level, type Scope } from '../permissions/scopes.js';
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';

export const MANIFEST_PATH = '.github/access-manifest.yml';

const scopeShape = Object.fromEntries(
  SCOPE_NAMES.map((s) => [
    s,
    z
      .enum(SCOPES[s].levels as [string, ...string[]])
      .optional()
      .describe(SCOPES[s].description),
  ]),
) as unknown as Record<Scope, z.ZodOptional<z.ZodType<Level>>>;

/** `GITHUB_TOKEN` scopes: read | write | none; unnamed scopes are none. */
export const permissionMapSchema = z
  .strictObject(scopeShape)
  .describe('GITHUB_TOKEN scopes and their level (read | write | none). Unnamed scopes are none.');

type AppPermission = keyof typeof APP_PERMISSIONS;
export type AppLevel = 'read' | 'write' | 'admin';
const appShape = Object.fromEntries(
  Object.entries(APP_PERMISSIONS).map(([name, p]) => [
    name,
    z
      .enum(p.levels as unknown as [string, ...string[]])
      .optional()
      .describe(p.description),
  ]),
) as unknown as Record<AppPermission, z.ZodOptional<z.ZodType<AppLevel>>>;

/** GitHub App installation-token permissions (kebab-case of the API's names). */
export const appPermissionMapSchema = z
  .strictObject(appShape)
  .describe('GitHub App permissions for the installation token (kebab-case, e.g. pull-requests: write).');

const ttl = z.number().int().min(30).max(3600).describe('Lifetime ceiling in seconds (30..3600).');

export const githubGrantSchema = z.strictObject({
  step: z.string().min(1).describe('The step id (or name) that may claim this credential.'),
  audience: z.literal('github').describe('`github`: a GitHub App installation token.'),
  permissions: appPermissionMapSchema,
  repositories: z
    .array(z.string().min(1))
    .min(1)
    .default(['self'])
    .describe("Repository names the token covers; `self` is the workflow's own repository."),
  ttl: ttl.default(300),
  uses: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('How many times per run attempt the grant may be claimed.'),
});

export const serviceGrantSchema = z.strictObject({
  step: z.string().min(1).describe('The step id (or name) that may claim this credential.'),
  audience: z
    .url({ protocol: /^https?$/ })
    .describe('The service audience URL: a broker-signed JWT with this `aud`.'),
  scope: z.array(z.string().min(1)).default([]).describe('Scope values the JWT may carry.'),
  ttl: ttl.default(300),
  uses: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(1)
    .describe('How many times per run attempt the grant may be claimed.'),
});

export const credentialGrantSchema = z.union([githubGrantSchema, serviceGrantSchema]);

export const jobSchema = z.strictObject({
  permissions: permissionMapSchema.default({}),
  secrets: z
    .array(z.string().min(1))
    .default([])
    .describe('Secret names the job may reference; `inherit` allows `secrets: inherit`.'),
  environments: z.array(z.string().min(1)).default([]).describe('Deployment environments the job may use.'),
  credentials: z
    .array(credentialGrantSchema)
    .default([])
    .describe('Step-scoped credentials the broker may issue.'),
});

export const workflowSchema = z.strictObject({
  triggers: z
    .array(z.string().min(1))
    .optional()
    .describe('Events allowed in `on:`. When absent, every event but pull_request_target and workflow_run.'),
  jobs: z.record(z.string(), jobSchema).default({}),
});

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  repository: z
    .strictObject({
      name: z
        .string()
        .regex(/^[^/\s]+\/[^/\s]+$/)
        .optional()
        .describe('owner/repo'),
      id: z
        .number()
        .int()
        .positive()
        .optional()
        .describe('Numeric repository id (binds broker grants to it).'),
      'owner-id': z.number().int().positive().optional().describe('Numeric owner id.'),
    })
    .optional()
    .describe("The repository this manifest belongs to; the broker checks the OIDC token's ids against it."),
  defaults: z
    .strictObject({ permissions: permissionMapSchema.default({}) })
    .default({ permissions: {} })
    .describe('For jobs the manifest does not list.'),
  policy: z
    .strictObject({
      'repository-default-permissions': z.enum(['permissive', 'restricted']).default('permissive'),
      'require-pinned-actions': z.boolean().default(true),
      'allowed-actions': z.array(z.string().min(1)).optional().describe('owner/repo globs'),
      'require-enforce': z
        .boolean()
        .optional()
        .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
    })
    .default({ 'repository-default-permissions': 'permissive', 'require-pinned-actions': true }),
  workflows: z.record(z.string(), workflowSchema).default({}),
});

export const orgPolicySchema = z.strictObject({
  version: z.literal(1),
  'max-permissions': permissionMapSchema
    .optional()
    .describe('Highest GITHUB_TOKEN level per scope any job may be granted; unnamed scopes are none.'),
  'max-credential-permissions': appPermissionMapSchema
    .optional()
    .describe('Highest GitHub App permission any credential grant may carry; unnamed ones are none.'),
  'forbidden-triggers': z.array(z.string().min(1)).default([]),
  'require-pinned-actions': z.boolean().default(false),
  'allowed-actions': z.array(z.string().min(1)).optional(),
  'max-credential-ttl': z.number().int().min(30).max(3600).optional(),
  'require-enforce': z
    .boolean()
    .optional()
    .describe('Every job with credential grants or write permissions starts with actions/enforce.'),
});

export type Manifest = z.output<typeof manifestSchema>;
export type ManifestWorkflow = z.output<typeof workflowSchema>;
export type ManifestJob = z.output<typeof jobSchema>;
export type CredentialGrant = z.output<typeof credentialGrantSchema>;
export type GithubGrant = z.output<typeof githubGrantSchema>;
export type ServiceGrant = z.output<typeof serviceGrantSchema>;
export type OrgPolicy = z.output<typeof orgPolicySchema>;

export function isGithubGrant(g: CredentialGrant): g is GithubGrant {
  return g.audience === 'github';
}
