/**
 * Workflow file -> WorkflowModel. Pure and total: a file that does not parse comes back with `error`
 * set and no jobs, never as a throw, so one broken file cannot hide the findings of the others.
 * Walks the YAML AST once (aliases resolved to their anchors) so every value keeps its line.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { lineOf, parseYaml, type YamlSource } from '../yaml/located.js';
import type { ActionRef, JobModel, Located, PermissionsBlock, StepModel, UsesKind, WorkflowModel } from './model.js';
import { secretsIn } from './secrets.js';

type AnyNode = Node | null | undefined;

function resolve(src: YamlSource, node: unknown): AnyNode {
  let n = node as AnyNode;
  // Aliases may chain; the yaml library rejects cycles at parse time, the bound is only a guard.
  for (let i = 0; i < 16 && isAlias(n); i++) n = n.resolve(src.doc) as AnyNode;
  return n;
}

function keyName(pair: Pair): string | undefined {
  const k = pair.key as AnyNode;
  // With merge keys on, the library gives `<<` a symbol value; its source text is still `<<`.
  if (isScalar(k)) return typeof k.value === 'symbol' ? (k.source ?? '<<') : k.value === null ? 'null' : String(k.value);
  return undefined;
}

/** Map entries in order, merge keys (`<<`) expanded as GitHub's YAML reader does. */
function entries(src: YamlSource, node: AnyNode): { key: string; keyLine: number; value: AnyNode }[] {
  const map = resolve(src, node);
  if (!isMap(map)) return [];
  const out: { key: string; keyLine: number; value: AnyNode }[] = [];
  for (const pair of (map as YAMLMap).items) {
    if (!isPair(pair)) continue;
    const key = keyName(pair);
    if (key === undefined) continue;
    if (key === '<<') {
      const merged = resolve(src, pair.value);
      const sources = isSeq(merged) ? merged.items : [merged];
      for (const s of sources) for (const e of entries(src, s as AnyNode)) if (!out.some((o) => o.key === e.key)) out.push(e);
      continue;
    }
    const existing = out.findIndex((o) => o.key === key);
    const entry = { key, keyLine: lineOf(src, pair.key), value: resolve(src, pair.value) };
    if (existing >= 0) out[existing] = entry;
    else out.push(entry);
  }
  return out;
}

function get(src: YamlSource, node: AnyNode, key: string): { value: AnyNode; keyLine: number } | undefined {
  const e = entries(src, node).find((x) => x.key === key);
  return e ? { value: e.value, keyLine: e.keyLine } : undefined;
}

function str(node: AnyNode): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return typeof node.value === 'object' ? undefined : String(node.value);
}

function seqItems(src: YamlSource, node: AnyNode): AnyNode[] {
  const n = resolve(src, node);
  return isSeq(n) ? n.items.map((i) => resolve(src, i)) : [];
}

/**
 * Every string scalar below `node`, with its line. Aliases are followed, so a visit budget guards
 * against alias bombs (exponential expansion of nested aliases).
 */
export function scalarsBelow(src: YamlSource, node: AnyNode, out: Located<string>[] = [], budget = { nodes: 200_000 }): Located<string>[] {
  const n = resolve(src, node);
  if (!n || --budget.nodes < 0) return out;
  if (isScalar(n)) {
    if (typeof n.value === 'string') out.push({ value: n.value, line: lineOf(src, n) });
  } else if (isMap(n)) {
    for (const p of n.items) if (isPair(p)) scalarsBelow(src, p.value as AnyNode, out, budget);
  } else if (isSeq(n)) {
    for (const i of n.items) scalarsBelow(src, i as AnyNode, out, budget);
  }
  return out;
}

function permissionsBlock(src: YamlSource, node: AnyNode, keyLine: number): PermissionsBlock {
  if (isScalar(node)) {
    const v = node.value;
    if (v === 'read-all' || v === 'write-all') return { line: keyLine, shorthand: v, entries: [] };
    // `permissions:` with no value is null in YAML; GitHub rejects it like any other scalar.
    return { line: keyLine, entries: [], invalid: `permissions must be read-all, write-all or a mapping of scopes, not '${String(v)}'` };
  }
  if (isMap(node)) {
    return {
      line: keyLine,
      entries: entries(src, node).map((e) => ({ scope: e.key, level: str(e.value) ?? String(e.value), line: e.keyLine })),
    };
  }
  return { line: keyLine, entries: [], invalid: 'permissions must be read-all, write-all or a mapping of scopes' };
}

function triggers(src: YamlSource, node: AnyNode, keyLine: number): Located<string>[] {
  if (isScalar(node)) {
    const s = str(node);
    return s ? [{ value: s, line: lineOf(src, node) }] : [];
  }
  if (isSeq(node)) {
    return seqItems(src, node).flatMap((i) => {
      const s = str(i);
      return s ? [{ value: s, line: lineOf(src, i) }] : [];
    });
  }
  if (isMap(node)) return entries(src, node).map((e) => ({ value: e.key, line: e.keyLine }));
  return keyLine ? [] : [];
}

export function usesKind(uses: string): UsesKind {
  if (uses.startsWith('./') || uses.startsWith('.\\')) return 'local';
  if (uses.startsWith('docker://')) return 'docker';
  return 'remote';
}

function environments(src: YamlSource, node: AnyNode): Located<string>[] {
  if (!node) return [];
  if (isScalar(node)) {
    const s = str(node);
    return s ? [{ value: s, line: lineOf(src, node) }] : [];
  }
  const name = get(src, node, 'name');
  const s = name ? str(name.value) : undefined;
  return s ? [{ value: s, line: lineOf(src, name!.value) }] : [];
}

function parseJob(src: YamlSource, id: string, keyLine: number, node: AnyNode, workflowEnv: Located<string>[]): JobModel {
  const perm = get(src, node, 'permissions');
  const usesEntry = get(src, node, 'uses');
  const usesValue = usesEntry ? str(usesEntry.value) : undefined;
  const actions: ActionRef[] = [];
  let uses: ActionRef | undefined;
  if (usesValue) {
    uses = { uses: usesValue, line: lineOf(src, usesEntry!.value), kind: usesKind(usesValue), on: 'job' };
    actions.push(uses);
  }
  const steps: StepModel[] = seqItems(src, get(src, node, 'steps')?.value).map((s, index) => {
    const stepUses = str(get(src, s, 'uses')?.value);
    const step: StepModel = {
      index,
      line: lineOf(src, s),
      ...(str(get(src, s, 'id')?.value) !== undefined ? { id: str(get(src, s, 'id')?.value) } : {}),
      ...(str(get(src, s, 'name')?.value) !== undefined ? { name: str(get(src, s, 'name')?.value) } : {}),
      ...(stepUses !== undefined ? { uses: stepUses } : {}),
      ...(str(get(src, s, 'run')?.value) !== undefined ? { run: str(get(src, s, 'run')?.value) } : {}),
    };
    if (stepUses) {
      const u = get(src, s, 'uses')!;
      actions.push({
        uses: stepUses,
        line: lineOf(src, u.value),
        kind: usesKind(stepUses),
        on: 'step',
        step: step.id ?? step.name ?? `#${index}`,
      });
    }
    return step;
  });

  const secretsEntry = get(src, node, 'secrets');
  const inherit = secretsEntry && str(secretsEntry.value) === 'inherit' ? { line: secretsEntry.keyLine } : undefined;
  const secrets = [...secretsIn(scalarsBelow(src, node)), ...secretsIn(workflowEnv)];
  const needsNode = get(src, node, 'needs')?.value;
  const needs = isScalar(needsNode) ? [str(needsNode)!].filter(Boolean) : seqItems(src, needsNode).map(str).filter((x): x is string => !!x);

  return {
    id,
    line: keyLine,
    ...(str(get(src, node, 'name')?.value) !== undefined ? { name: str(get(src, node, 'name')?.value) } : {}),
    ...(perm ? { permissions: permissionsBlock(src, perm.value, perm.keyLine) } : {}),
    ...(uses ? { uses } : {}),
    secrets,
    ...(inherit ? { secretsInherit: inherit } : {}),
    environments: environments(src, get(src, node, 'environment')?.value),
    steps,
    actions,
    needs,
  };
}

/**
 * Parses one workflow file. `file` is the name under `.github/workflows` (the manifest key), `path`
 * the repository-relative path used in findings.
 */
export function parseWorkflow(file: string, path: string, text: string): WorkflowModel {
  const fail = (message: string, line: number): WorkflowModel => ({ file, path, triggers: [], jobs: [], error: { message, line } });
  let parsed;
  try {
    parsed = parseYaml(text, path);
  } catch (err) {
    return fail(`YAML could not be read: ${(err as Error).message}`, 1);
  }
  const { source: src, errors } = parsed;
  if (errors.length > 0) return fail(`YAML syntax error: ${errors[0]!.message}`, errors[0]!.line);
  const root = resolve(src, src.doc.contents);
  if (!isMap(root)) return fail('a workflow must be a YAML mapping with `on` and `jobs`', lineOf(src, root));
  // YAML 1.1 readers turn a bare `on` key into `true`; the yaml library (1.2 core) keeps "on", but accept both.
  const on = get(src, root, 'on') ?? get(src, root, 'true');
  if (!on) return fail('missing `on:` (the events that trigger the workflow)', 1);
  const jobsEntry = get(src, root, 'jobs');
  if (!jobsEntry || !isMap(jobsEntry.value)) return fail('missing or invalid `jobs:` mapping', jobsEntry?.keyLine ?? 1);
  const workflowEnv = scalarsBelow(src, get(src, root, 'env')?.value);
  const perm = get(src, root, 'permissions');
  const name = str(get(src, root, 'name')?.value);
  return {
    file,
    path,
    ...(name !== undefined ? { name } : {}),
    triggers: triggers(src, on.value, on.keyLine),
    ...(perm ? { permissions: permissionsBlock(src, perm.value, perm.keyLine) } : {}),
    jobs: entries(src, jobsEntry.value).map((e) => parseJob(src, e.key, e.keyLine, e.value, workflowEnv)),
  };
}
