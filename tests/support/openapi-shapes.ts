/**
 * Checks the GitHub stand-in against GitHub's published OpenAPI description (@octokit/openapi), so
 * the stand-in cannot drift from GitHub's shapes: every request body and response body a stand-in
 * route handles is validated against the operation's schema for that status.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { StandinValidator } from '../../shared/standins/github-api.js';

type Json = Record<string, unknown>;

const SPEC_PATH = new URL(
  '../../node_modules/@octokit/openapi/generated/api.github.com.json',
  import.meta.url,
);
let spec: { paths: Record<string, Record<string, Json>>; components: Json } | undefined;

/** OpenAPI 3.0 `nullable: true` is not JSON Schema: turn it into a `null` alternative. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'example' || k === 'examples' || k.startsWith('x-')) continue;
    out[k] = toJsonSchema(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

export class ShapeError extends Error {
  override readonly name = 'ShapeError';
}

/**
 * The parsed description, its components as JSON Schema in one Ajv, and every operation schema
 * compiled so far: the same for every stand-in of a test file, so built once per file (about a
 * second of CPU: the 10 MB description parsed, its components converted and indexed); a beforeAll
 * starting two stand-ins paid it twice (session 21). Still built when the stand-in starts, not at
 * its first request: a first answer delayed by a second would eat the upstream deadlines the fault
 * tests set.
 */
let core: { ajv: Ajv; compiled(key: string, schema: unknown): ReturnType<Ajv['compile']> | null } | undefined;

function shapes() {
  if (core) return core;
  spec ??= JSON.parse(readFileSync(SPEC_PATH, 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: toJsonSchema(spec!.components) }, 'gh');
  const cache = new Map<string, ReturnType<Ajv['compile']> | null>();
  const compiled = (key: string, schema: unknown) => {
    if (!cache.has(key)) {
      if (schema === undefined) {
        cache.set(key, null);
        return null;
      }
      const rewritten = JSON.parse(
        JSON.stringify(toJsonSchema(schema)).replace(/"#\/components\//g, '"gh#/components/'),
      );
      cache.set(key, schema ? ajv.compile(rewritten) : null);
    }
    return cache.get(key)!;
  };
  core = { ajv, compiled };
  return core;
}

export function openApiValidator(): StandinValidator {
  const { ajv, compiled } = shapes();
  return ({ method, pattern, status, requestBody, responseBody }) => {
    // GraphQL has its own schema, not the REST description; the stand-in checks the query itself.
    if (pattern === '/graphql') return;
    const op = spec!.paths[pattern]?.[method.toLowerCase()] as
      | {
          requestBody?: { content?: Record<string, { schema?: unknown }> };
          responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
        }
      | undefined;
    if (!op) throw new ShapeError(`${method} ${pattern} is not an operation of GitHub's REST API`);
    // GitHub answers 401 (bad credentials), 403 (read-only or integration tokens) and 404 (an
    // unknown or hidden resource) on every endpoint; its description lists them on few. Their body
    // is always { message, documentation_url }.
    if (status === 401 || status === 403 || (status === 404 && !op.responses?.['404'])) {
      const b = responseBody as { message?: unknown } | undefined;
      if (typeof b?.message !== 'string')
        throw new ShapeError(
          `${status} of ${method} ${pattern} must be GitHub's { message, documentation_url }`,
        );
      return;
    }
    const response = op.responses?.[String(status)];
    if (!response)
      throw new ShapeError(
        `${method} ${pattern} never answers ${status} in GitHub's description (it answers ${Object.keys(op.responses ?? {}).join(', ')})`,
      );
    const responseSchema = response.content?.['application/json']?.schema;
    const check = (key: string, schema: unknown, value: unknown, what: string) => {
      const v = compiled(key, schema);
      if (v && value !== undefined && !v(value)) {
        throw new ShapeError(
          `${what} of ${method} ${pattern} (${status}) drifts from GitHub's shape: ${ajv.errorsText(v.errors, { separator: '; ' })}`,
        );
      }
    };
    check(`res ${method} ${pattern} ${status}`, responseSchema, responseBody, 'response');
    const requestSchema = op.requestBody?.content?.['application/json']?.schema;
    check(`req ${method} ${pattern}`, requestSchema, requestBody, 'request body');
  };
}

/**
 * Compiles the checks of these operations now (no bodies are checked): a route's checks are
 * otherwise compiled at its first answer, in the test's process, inside whatever deadline the broker
 * gives that call. At load 27 the first GitHub mint of tests/broker/readiness (a 2 s upstream
 * deadline) answered 503 ERR_GITHUB_TIMEOUT that way (session 25).
 */
export function warmShapes(
  ops: readonly (readonly [method: string, pattern: string, status: number])[],
): void {
  const validate = openApiValidator();
  for (const [method, pattern, status] of ops)
    validate({ method, pattern, status, requestBody: undefined, responseBody: undefined });
}
