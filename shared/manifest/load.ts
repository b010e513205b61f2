/**
 * Loading the manifest and the organization policy: YAML with positions -> zod validation -> plain
 * data plus a line look-up, or a ManifestError listing every problem with file, line and fix.
 */
import { protoKeyPath } from '../yaml/own-key.js';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { SCOPES, isScope } from '../permissions/scopes.js';
import { APP_PERMISSIONS } from '../permissions/app-permissions.js';
import { lineAtPath, parseLocatedYaml, type LNode } from '../yaml/located.js';
import { ManifestError, nearest, type Problem } from './errors.js';
import { parseManifestData } from './fast-jobs.js';
import {
  PARSE_OPTIONS,
  PERMISSION_SHORTHAND_NAMES,
  githubGrantSchema,
  manifestSchema,
  orgPolicySchema,
  permissionMapSchema,
  serviceGrantSchema,
  type Manifest,
  type OrgPolicy,
} from './schema.js';

export interface Loaded<T> {
  readonly value: T;
  readonly file: string;
  /** Line of the deepest existing node along a key path (1 when nothing matches). */
  lineOf(path: readonly (string | number)[]): number;
}

export interface LoadedManifest extends Loaded<Manifest> {
  readonly manifest: Manifest;
}

type Path = readonly PropertyKey[];

/** Valid choices for an unknown key, from the schema's own tables where the path says which table. */
function keyChoices(path: Path, schemaKeys: readonly string[]): { choices: readonly string[]; what: string } {
  const last = String(path[path.length - 1] ?? '');
  const inCredential = path.includes('credentials');
  if (last === 'permissions' || last === 'max-permissions') {
    return inCredential
      ? { choices: Object.keys(APP_PERMISSIONS), what: 'GitHub App permission' }
      : { choices: Object.keys(SCOPES), what: 'scope' };
  }
  if (last === 'max-credential-permissions')
    return { choices: Object.keys(APP_PERMISSIONS), what: 'GitHub App permission' };
  return { choices: schemaKeys, what: 'key' };
}

function describeIssue(
  issue: z.core.$ZodIssue,
  file: string,
  src: LNode | undefined,
  knownKeys: (path: Path) => readonly string[],
): Problem[] {
  const path = issue.path as Path;
  const where = path.map(String).join('.') || '(top level)';
  const line = lineAtPath(src, path as (string | number)[]);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => {
        const { choices, what } = keyChoices(path, knownKeys(path));
        const guess = nearest(key, choices);
        return {
          file,
          line: lineAtPath(src, [...(path as (string | number)[]), key]),
          message: `unknown ${what} '${key}' in ${where}${guess ? ` (did you mean '${guess}'?)` : ''}`,
          fix: `use one of: ${choices.join(', ')}`,
        };
      });
    case 'invalid_value': {
      const last = path[path.length - 1];
      const scopeName = typeof last === 'string' && isScope(last) ? last : undefined;
      return [
        {
          file,
          line,
          message: `invalid value at ${where}`,
          fix: `use one of: ${issue.values.map((v) => String(v)).join(', ')}${scopeName ? ` (the levels '${scopeName}' accepts)` : ''}`,
        },
      ];
    }
    case 'invalid_type':
      return [
        {
          file,
          line,
          message: `${where} must be ${article(issue.expected)}`,
          fix: `write ${where} as ${article(issue.expected)}`,
        },
      ];
    case 'invalid_key': {
      // A key its record refuses (schema.ts jobKey): the refinement's words and fix, at the key's line.
      const inner = issue.issues.find((i) => i.code === 'custom') ?? issue.issues[0];
      if (inner) return describeIssue({ ...inner, path } as z.core.$ZodIssue, file, src, knownKeys);
      return [{ file, line, message: `${where}: ${issue.message}` }];
    }
    case 'custom': {
      // A refinement may carry its fix (schema.ts refuseGlobProblem).
      const fix = (issue.params as { fix?: unknown } | undefined)?.fix;
      return [
        { file, line, message: `${where}: ${issue.message}`, ...(typeof fix === 'string' ? { fix } : {}) },
      ];
    }
    default:
      return [{ file, line, message: `${where}: ${issue.message}` }];
  }
}

function article(expected: string): string {
  if (expected === 'array') return 'a list';
  if (expected === 'object') return 'a mapping';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Keys a mapping at `path` accepts, read from the schema's shape (for "valid choices"). */
function shapeKeys(schema: z.ZodType, path: Path): readonly string[] {
  let s: unknown = schema;
  for (const key of path) {
    s = unwrap(s);
    const def = (
      s as {
        def?: { type?: string; shape?: Record<string, unknown>; valueType?: unknown; element?: unknown };
      }
    ).def;
    if (!def) return [];
    if (def.type === 'object' && def.shape) s = def.shape[String(key)];
    else if (def.type === 'record') s = def.valueType;
    else if (def.type === 'array') s = def.element;
    else return [];
  }
  s = unwrap(s);
  const shape = (s as { def?: { shape?: Record<string, unknown> } } | undefined)?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown; options?: unknown[] } } | undefined;
  for (let i = 0; i < 8 && cur?.def; i++) {
    if (cur.def.type === 'optional' || cur.def.type === 'default' || cur.def.type === 'nullable')
      cur = cur.def.innerType as typeof cur;
    else if (cur.def.type === 'union' && cur.def.options?.[0]) {
      // The first mapping among the branches (a shorthand word has no keys to suggest).
      const options = cur.def.options as (typeof cur)[];
      cur = options.find((o) => o?.def?.type === 'object') ?? options[0];
    } else break;
  }
  return cur;
}

function byLine(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}

/**
 * The value is what is validated and used; the tree only names lines, so it is built lazily, along
 * the paths a line look-up walks (a finding or an error), not for all of a 64,000-line manifest.
 */
function parseSource(text: string, file: string): { src: LNode | undefined; data: unknown } {
  const parsed = parseLocatedYaml(text, { lazy: true });
  if (parsed.error)
    throw new ManifestError([
      {
        file,
        line: parsed.error.line,
        message:
          parsed.error.kind === 'oversized'
            ? `YAML not read: ${parsed.error.message}`
            : `YAML syntax error: ${parsed.error.message}`,
      },
    ]);
  // zod leaves a `__proto__` key out of the maps it builds (so it cannot set a prototype): a job
  // with that valid id would lose its entry without a word. Refused by name instead.
  // A double-quoted key can spell it with escapes (`"__\x70roto__"`): any backslash walks too.
  const proto = text.includes('__proto__') || text.includes('\\') ? protoKeyPath(parsed.value) : undefined;
  if (proto)
    throw new ManifestError([
      {
        file,
        line: lineAtPath(parsed.root, proto),
        message: `the key '__proto__' (at ${proto.join('.')}) cannot be read safely: its entry would be dropped`,
        fix: 'rename it (for a job id, rename the job in its workflow too)',
      },
    ]);
  return { src: parsed.root, data: parsed.value };
}

function makeLoaded<T>(value: T, file: string, src: LNode | undefined): Loaded<T> {
  return { value, file, lineOf: (path) => lineAtPath(src, path) };
}

/** The value at a key path, own keys only (a `__proto__` or `constructor` key is not walked into). */
function valueAt(data: unknown, path: Path): unknown {
  let node: unknown = data;
  for (const k of path) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[k];
  }
  return node;
}

/** Union errors say little; re-validate a credential grant against the branch its `audience` selects. */
function grantIssues(data: unknown, path: Path): z.core.$ZodIssue[] | undefined {
  const node = valueAt(data, path);
  if (!node || typeof node !== 'object') return undefined;
  const audience = (node as { audience?: unknown }).audience;
  const schema = audience === 'github' ? githubGrantSchema : serviceGrantSchema;
  const r = schema.safeParse(node, PARSE_OPTIONS);
  if (r.success) return undefined;
  return r.error.issues.map((i) => ({ ...i, path: [...path, ...i.path] }) as z.core.$ZodIssue);
}

/**
 * A job's or the defaults' `permissions` is a map or a shorthand (a union): a mapping is judged as
 * a map, so its errors name the scope; anything else gets the choices.
 */
function permissionsProblems(
  data: unknown,
  path: Path,
  file: string,
  src: LNode | undefined,
): Problem[] | undefined {
  if (path[path.length - 1] !== 'permissions' || path.includes('credentials')) return undefined;
  const value = valueAt(data, path);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const r = permissionMapSchema.safeParse(value, PARSE_OPTIONS);
    if (r.success) return undefined;
    return r.error.issues.flatMap((i) =>
      describeIssue({ ...i, path: [...path, ...i.path] } as z.core.$ZodIssue, file, src, (p) =>
        shapeKeys(manifestSchema, p),
      ),
    );
  }
  const where = path.map(String).join('.');
  return [
    {
      file,
      line: lineAtPath(src, path as (string | number)[]),
      message: `${where} must be a mapping of scopes or one of ${PERMISSION_SHORTHAND_NAMES.join(', ')}${typeof value === 'string' && /^[\w.-]{1,40}$/.test(value) ? `, not '${value}'` : ''}`,
      fix: `write scopes (e.g. \`${where.split('.').pop()}: { contents: read }\`) or one of: ${PERMISSION_SHORTHAND_NAMES.join(', ')}`,
    },
  ];
}

/** Parses and validates a manifest; throws ManifestError with every problem. Pure. */
export function loadManifest(text: string, file: string): LoadedManifest {
  const { src, data } = parseSource(text, file);
  const result = parseManifestData(data ?? {});
  const problems: Problem[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const permissions =
        issue.code === 'invalid_union' ? permissionsProblems(data, issue.path as Path, file, src) : undefined;
      if (permissions) {
        problems.push(...permissions);
        continue;
      }
      const specific =
        issue.code === 'invalid_union' && issue.path.includes('credentials')
          ? grantIssues(data, issue.path as Path)
          : undefined;
      for (const i of specific ?? [issue])
        problems.push(...describeIssue(i, file, src, (p) => shapeKeys(manifestSchema, p)));
    }
    throw new ManifestError(byLine(problems));
  }
  const manifest = result.data;
  // Asked of every job (thousands in a large manifest): by index, with no key path, set or callback
  // per job; a path is built only for a problem's line.
  const wfKeys = Object.keys(manifest.workflows);
  for (let w = 0; w < wfKeys.length; w++) {
    const wf = wfKeys[w]!;
    const jobs = manifest.workflows[wf]!.jobs;
    const jobKeys = Object.keys(jobs);
    for (let k = 0; k < jobKeys.length; k++) {
      const job = jobKeys[k]!;
      const j = jobs[job]!;
      const secrets = j.secrets;
      for (let i = 0; i < secrets.length; i++) {
        if (secrets[i]!.toUpperCase() === 'GITHUB_TOKEN') {
          problems.push({
            file,
            line: lineAtPath(src, ['workflows', wf, 'jobs', job, 'secrets', i]),
            message: 'GITHUB_TOKEN is not a secret to declare',
            fix: 'remove it; its access is declared with `permissions`',
          });
        }
      }
      const credentials = j.credentials;
      if (credentials.length < 2) continue;
      const seen = new Set<string>();
      for (let i = 0; i < credentials.length; i++) {
        const c = credentials[i]!;
        const key = `${c.step}\u0000${c.audience}`;
        if (seen.has(key)) {
          problems.push({
            file,
            line: lineAtPath(src, ['workflows', wf, 'jobs', job, 'credentials', i]),
            message: `a second grant for step '${c.step}' and audience '${c.audience}'`,
            fix: 'merge the two grants into one',
          });
        }
        seen.add(key);
      }
    }
  }
  if (problems.length) throw new ManifestError(byLine(problems));
  const loaded = makeLoaded(manifest, file, src);
  return { ...loaded, manifest };
}

/**
 * Any YAML file validated by a zod schema, with the same error quality as the manifest (file, line,
 * valid choices, nearest name): used for the organization policy and the broker config.
 */
export function loadYaml<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
  code = 'ERR_MANIFEST_INVALID',
): Loaded<z.output<S>> {
  let parsed;
  try {
    parsed = parseSource(text, file);
  } catch (err) {
    if (err instanceof ManifestError) throw new ManifestError(err.problems, code);
    throw err;
  }
  const { src, data } = parsed;
  const result = schema.safeParse(data ?? {}, PARSE_OPTIONS);
  if (!result.success) {
    throw new ManifestError(
      byLine(result.error.issues.flatMap((i) => describeIssue(i, file, src, (p) => shapeKeys(schema, p)))),
      code,
    );
  }
  return makeLoaded(result.data as z.output<S>, file, src);
}

/** Parses and validates an organization policy; same error quality as the manifest. Pure. */
export function loadOrgPolicy(text: string, file: string): Loaded<OrgPolicy> {
  return loadYaml(text, file, orgPolicySchema, 'ERR_ORG_POLICY_INVALID');
}

export async function readManifest(path: string): Promise<LoadedManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ManifestError([
      {
        file: path,
        line: 1,
        message: 'no access manifest here',
        fix: 'run `stepwarden init` to write one that declares what the workflows hold today',
      },
    ]);
  }
  return loadManifest(text, path);
}
