/**
 * Workflow file -> WorkflowModel. Pure and total: a file that does not parse comes back with `error`
 * set and no jobs, never as a throw, so one broken file cannot hide the findings of the others.
 * Reads YAML through the located tree of shared/yaml/located.ts (aliases resolved to their anchors).
 */
import { createHash } from 'node:crypto';
import { sha256Hex } from '../digest/sha256.js';
import { JOB_ID, jobIdProblem } from './job-id.js';
import { runnerText } from './runner-text.js';
import { parseLocatedYaml, type LNode } from '../yaml/located.js';
import { setOwn } from '../yaml/own-key.js';
import {
  FORK_REACHABLE_TRIGGERS,
  type ActionRef,
  type InputValue,
  type JobModel,
  type Located,
  type PermissionsBlock,
  type RunnerChoice,
  type StepModel,
  type WorkflowModel,
} from './model.js';
import {
  asciiFold,
  CONTAINER_KEYS,
  ENVIRONMENT_KEYS,
  JOB_KEYS,
  JOB_SHAPE_MASKS,
  shapeProblem,
  STEP_SHAPE_MASKS,
  SERVICE_KEYS,
  STEP_KEYS,
  STRATEGY_KEYS,
  WORKFLOW_KEYS,
  caseDuplicate,
  invalidId,
  runnerCasedEntry,
  runnerCasedProblem,
  unknownEvent,
  unknownKey,
  unknownKeyEntry,
  unknownKeyProblem,
} from './keys.js';
import { redirectsAction } from './env-keys.js';
import { readContainerOptions } from './container-options.js';
import { foldLiteralsChecked, mayFold } from './literal.js';
import { secretsBelow, WHOLE_SECRETS } from './secrets.js';
import { usesKind } from './uses.js';
import { credentialAction, ownAction } from './own-action.js';
import { asLexed, NET_SPACE } from './template.js';
import {
  emptyValue,
  JOB_PLACE,
  needsProblem,
  notMapping,
  placesOf,
  type Refusal,
  STEP_PLACE,
  stepsNotList,
  WORKFLOW_PLACE,
  wrongKind,
  wrongKindOf,
  wrongKindProblem,
} from './refused-shapes.js';

type AnyNode = LNode | undefined;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Entry = { key: string; keyLine: number; value: LNode };

const isMap = (n: AnyNode): n is Extract<LNode, { kind: 'map' }> => n?.kind === 'map';
const isSeq = (n: AnyNode): n is Extract<LNode, { kind: 'seq' }> => n?.kind === 'seq';
const isScalar = (n: AnyNode): n is Extract<LNode, { kind: 'scalar' }> => n?.kind === 'scalar';
const lineOf = (n: AnyNode) => n?.line ?? 1;

const NO_ENTRIES: readonly Entry[] = [];
const NULL: LNode = { kind: 'scalar', line: 0, value: null };
const NO_ITEMS: readonly LNode[] = [];

// The helpers below are called for every job, step and key: they test `kind` themselves rather than
// through isMap/isScalar, since each call is a real one (session 29; Turbofan, where the one-pass
// commands use it, inlines nothing: ONE_PASS_V8_FLAGS in shared/cli/main.ts).
function entries(node: AnyNode): readonly Entry[] {
  return node?.kind === 'map' ? node.entries : NO_ENTRIES;
}

function get(node: AnyNode, key: string): { value: LNode; keyLine: number } | undefined {
  if (node?.kind !== 'map') return undefined;
  const es = node.entries;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) if (es[i]!.key === key) return es[i];
  return undefined;
}

function str(node: AnyNode): string | undefined {
  if (node?.kind !== 'scalar') return undefined;
  const v = node.value;
  return v === null ? undefined : String(v);
}

/** A key's value as text: a scalar's string (`null` for an empty one), any other node's sourceText. */
const scalarText = (node: LNode): string => (isScalar(node) ? String(node.value) : sourceText(node));

/**
 * `defaults.run.shell` of a workflow or job mapping, as text, when the key is there: `defaults` is
 * the mapping's `defaults:` value (its caller has found it in its own pass over the keys).
 */
function runShellOf(defaults: AnyNode): string | undefined {
  const shell = get(get(defaults, 'run')?.value, 'shell');
  return shell ? scalarText(shell.value) : undefined;
}

function seqItems(node: AnyNode): readonly LNode[] {
  return node?.kind === 'seq' ? node.items : NO_ITEMS;
}

function permissionsBlock(node: AnyNode, keyLine: number): PermissionsBlock {
  if (isScalar(node)) {
    const v = node.value;
    if (v === 'read-all' || v === 'write-all') return { line: keyLine, shorthand: v, entries: [] };
    // `permissions:` with no value is null in YAML; GitHub rejects it like any other scalar.
    return {
      line: keyLine,
      entries: [],
      invalid: `permissions must be read-all, write-all or a mapping of scopes, not '${String(v)}'`,
    };
  }
  if (isMap(node)) {
    return {
      line: keyLine,
      entries: entries(node).map((e) => ({
        scope: e.key,
        level: str(e.value) ?? (isScalar(e.value) ? String(e.value.value) : e.value.kind),
        line: e.keyLine,
      })),
    };
  }
  return {
    line: keyLine,
    entries: [],
    invalid: 'permissions must be read-all, write-all or a mapping of scopes',
  };
}

function triggers(node: AnyNode): Located<string>[] {
  if (isScalar(node)) {
    const s = str(node);
    return s ? [{ value: s, line: lineOf(node) }] : [];
  }
  if (isSeq(node)) {
    return seqItems(node).flatMap((i) => {
      const s = str(i);
      return s ? [{ value: s, line: lineOf(i) }] : [];
    });
  }
  if (isMap(node)) return entries(node).map((e) => ({ value: e.key, line: e.keyLine }));
  return [];
}

/**
 * `on.workflow_call.inputs`' string defaults (WorkflowModel.callDefaults). Only a `type: string`
 * input's: GitHub reads a number's or a boolean's default through its type, left to the broker as a
 * caller's non-string `with:` is (session 34).
 */
function callDefaults(on: AnyNode): Record<string, InputValue> | undefined {
  return byFoldedName(get(get(on, 'workflow_call')?.value, 'inputs')?.value, (input) => {
    const d = get(input, 'default')?.value;
    return str(get(input, 'type')?.value) === 'string' && d?.kind === 'scalar' && typeof d.value === 'string'
      ? { value: d.value, line: lineOf(d), default: true }
      : undefined;
  });
}

function pushFilters(on: AnyNode): { pushFilters?: { branches?: string[]; tags?: string[] } } {
  const push = isMap(on) ? get(on, 'push')?.value : undefined;
  if (!isMap(push)) return {};
  const list = (key: string) => {
    const v = get(push, key)?.value;
    return v === undefined
      ? undefined
      : isSeq(v)
        ? seqItems(v).flatMap((i) => str(i) ?? [])
        : [str(v) ?? ''].filter(Boolean);
  };
  const branches = list('branches');
  const tags = list('tags');
  return { pushFilters: { ...(branches ? { branches } : {}), ...(tags ? { tags } : {}) } };
}

/** The filters of each fork-reachable event of a mapping `on:` that has any (WorkflowModel.triggerFilters). */
function triggerFilters(on: AnyNode): { triggerFilters?: Record<string, string> } {
  if (!isMap(on)) return {};
  const out: Record<string, string> = {};
  // An event with no filters (`push:`, `push: {}`) has no entry: both read alike.
  const es = entries(on);
  for (let i = 0, iEnd = es.length; i < iEnd; i++) {
    const e = es[i]!;
    if (
      FORK_REACHABLE_TRIGGERS.includes(e.key) &&
      (entries(e.value).length || seqItems(e.value).length || str(e.value))
    )
      setOwn(out, e.key, sourceText(e.value));
  }
  return Object.keys(out).length ? { triggerFilters: out } : {};
}

export { usesKind };

function environments(node: AnyNode): Located<string>[] {
  if (!node) return [];
  if (isScalar(node)) {
    const s = str(node);
    return s ? [{ value: s, line: lineOf(node) }] : [];
  }
  const name = get(node, 'name');
  const s = name ? str(name.value) : undefined;
  return s ? [{ value: s, line: lineOf(name!.value) }] : [];
}

/**
 * A step's `with:` into `into`: `with` (inputs by ASCII-folded name) or `withExpression` (GitHub
 * accepts `with:` as one expression: its schema gives step-with a context). Written into the target,
 * not returned, so the model of a step allocates nothing for it beyond what it keeps. Also read for
 * the steps of local composite actions (composite.ts).
 */
export function withInputs(
  node: AnyNode,
  into: { with?: Record<string, Located<string>>; withExpression?: Located<string> },
): void {
  // Asked for every step: kinds tested here, not through isScalar/isMap/lineOf (session 32).
  if (node === undefined) return;
  if (node.kind === 'scalar') {
    const v = node.value;
    if (typeof v === 'string' && v.includes('${{')) into.withExpression = { value: v, line: node.line };
    return;
  }
  if (node.kind !== 'map') return;
  const out: Record<string, Located<string>> = {};
  const es = node.entries;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) {
    const e = es[i]!;
    const ev = e.value;
    // As the runner passes it (runner-text.ts): `token:` with no value is '', `scope: 1e21` is
    // `1E+21`, `True` is `true`.
    const v = ev.kind === 'scalar' ? runnerText(ev.value) : undefined;
    // Input names are case-insensitive to the runner: `MODE: audit` sets `inputs.mode`.
    const k = asciiFold(e.key);
    if (v !== undefined && !Object.hasOwn(out, k)) setOwn(out, k, { value: v, line: ev.line });
  }
  into.with = out;
}

/** A call's `with:` strings by folded name (JobModel.callInputs); a name given twice up to case is dropped. */
function callInputs(node: LNode): Record<string, Located<string>> | undefined {
  return byFoldedName(node, (v) =>
    v.kind === 'scalar' && typeof v.value === 'string' ? { value: v.value, line: v.line } : undefined,
  );
}

/**
 * A map's values by name in ASCII lower case, each read by `read` (undefined: left out). A name given
 * twice up to case is neither (GitHub's reader refuses the file): callInputs and callDefaults alike.
 */
function byFoldedName<T>(
  node: AnyNode | undefined,
  read: (value: LNode) => T | undefined,
): Record<string, T> | undefined {
  if (node?.kind !== 'map') return undefined;
  const out: Record<string, T> = {};
  const seen = new Set<string>();
  for (const e of node.entries) {
    const k = asciiFold(e.key);
    if (seen.has(k)) {
      delete out[k];
      continue;
    }
    seen.add(k);
    const v = read(e.value);
    if (v !== undefined) setOwn(out, k, v);
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * The job's steps in order, with the steps of a `parallel:` group (GitHub's workflow schema: a step
 * whose `parallel:` lists steps that run side by side) after the group's own entry. The group stays a
 * step (it has no `uses:`), so a job whose first step is a group does not start with its gate; every
 * nested `uses:` is judged like any other step's. Nested groups (GitHub refuses them) are read too; a
 * group reached again through an alias is not expanded again (its steps are already listed), so an
 * alias bomb of groups costs its distinct nodes.
 */
export function stepNodes(node: AnyNode, out: LNode[] = [], seen?: Set<LNode>): LNode[] {
  const items = seqItems(node);
  for (let i = 0, iEnd = items.length; i < iEnd; i++) {
    const s = items[i]!;
    out.push(s);
    // `get(s, 'parallel')` written out: asked of every step of every job (session 32).
    let group: AnyNode;
    if (s.kind === 'map') {
      const es = s.entries;
      for (let k = 0, kEnd = es.length; k < kEnd; k++)
        if (es[k]!.key === 'parallel') {
          group = es[k]!.value;
          break;
        }
    }
    if (group?.kind !== 'seq') continue;
    // The set only when a job has a group (nearly none has).
    seen ??= new Set();
    if (!seen.has(group)) {
      seen.add(group);
      stepNodes(group, out, seen);
    }
  }
  return out;
}

/**
 * A subtree as text, for comparing two versions of it: keys and values in order, lines left out; a
 * collection reached again through an alias is written as a reference, so an alias bomb costs its
 * distinct nodes.
 */
export function sourceText(node: AnyNode): string {
  const seen = new Map<LNode, number>();
  const out: string[] = [];
  const visit = (n: LNode): void => {
    if (n.kind === 'scalar') {
      out.push(JSON.stringify(n.value));
      return;
    }
    const id = seen.get(n);
    if (id !== undefined) {
      out.push(`*${id}`);
      return;
    }
    seen.set(n, seen.size);
    if (n.kind === 'seq') {
      out.push('[');
      const items = n.items;
      for (let i = 0, iEnd = items.length; i < iEnd; i++) {
        visit(items[i]!);
        out.push(',');
      }
      out.push(']');
    } else {
      out.push('{');
      const es = n.entries;
      for (let i = 0, iEnd = es.length; i < iEnd; i++) {
        const e = es[i]!;
        out.push(JSON.stringify(e.key), ':');
        visit(e.value);
        out.push(',');
      }
      out.push('}');
    }
  };
  if (node) visit(node);
  return out.join('');
}

/**
 * A job's `container:` as text: an image name as written, else the whole node, with the strategy when
 * it holds an expression, and the workflow's `on` when that reads `inputs` (a default picks the image).
 */
function containerText(node: LNode, strategy: AnyNode, on: AnyNode): string {
  const text = sourceText(node);
  if (!text.includes('${{')) return isScalar(node) ? String(node.value) : text;
  const items = [node, strategy ?? NULL];
  if (/inputs/i.test(text)) items.push(on ?? NULL);
  return sourceText({ kind: 'seq', line: 0, items });
}

/** Names of an `env:` mapping that redirect an action (env-keys.ts), with their lines. */
export function redirectingKeys(node: AnyNode): Located<string>[] {
  // Asked for every step, most of which have no `env:`: the node's kind tested here, not through
  // isScalar/entries (a call each, never inlined; session 32).
  if (node === undefined) return [];
  if (node.kind === 'scalar') {
    // `env: ${{ fromJSON(…) }}` can set any name.
    const v = node.value;
    return typeof v === 'string' && v.includes('${{') ? [{ value: v, line: node.line }] : [];
  }
  if (node.kind !== 'map') return [];
  // Asked for every step: no array unless some name redirects (nearly never).
  let out: Located<string>[] | undefined;
  // A key written as an expression (literals are folded already) is a name known only at run time:
  // `${{ format('NODE_{0}', 'OPTIONS') }}`, or `${{ insert }}`, which merges a whole mapping.
  const es = node.entries;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) {
    const e = es[i]!;
    if (redirectsAction(e.key) || e.key.includes('${{')) (out ??= []).push({ value: e.key, line: e.keyLine });
  }
  return out ?? [];
}

/** A step key's value as written (`if:`, `continue-on-error:`), with the key's line. */
function asWritten(e: Entry): Located<string> {
  return { value: str(e.value) ?? '(not a scalar)', line: e.keyLine };
}

function parseStep(
  s: LNode,
  index: number,
  outerEnv: readonly Located<string>[],
  actions: ActionRef[],
): StepModel {
  // One pass over the step's keys (a mapping has no duplicate keys: js-yaml refuses them).
  let id: string | undefined;
  let name: string | undefined;
  let usesKey: Entry | undefined;
  let run: string | undefined;
  let ifKey: Entry | undefined;
  let continueKey: Entry | undefined;
  let withKey: Entry | undefined;
  let envKey: Entry | undefined;
  let shellKey: Entry | undefined;
  // `entries(s)` and `lineOf(s)` in place: a call each per step (session 32). A step is a node.
  const es = s.kind === 'map' ? s.entries : NO_ENTRIES;
  for (let i = 0, iEnd = es.length; i < iEnd; i++) {
    const e = es[i]!;
    const k = e.key;
    if (k === 'id') id ??= str(e.value);
    else if (k === 'name') name ??= str(e.value);
    else if (k === 'uses') usesKey ??= e;
    else if (k === 'run') run ??= str(e.value);
    else if (k === 'if') ifKey ??= e;
    else if (k === 'continue-on-error') continueKey ??= e;
    else if (k === 'with') withKey ??= e;
    else if (k === 'env') envKey ??= e;
    else if (k === 'shell') shellKey ??= e;
  }
  const stepUses = str(usesKey?.value);
  // Keys assigned in the model's order; only those present (no spread of a temporary per key).
  const step: Mutable<StepModel> = { index, line: s.line };
  if (id !== undefined) step.id = id;
  if (name !== undefined) step.name = name;
  if (stepUses !== undefined) step.uses = stepUses;
  if (run !== undefined) step.run = run;
  if (ifKey) step.if = asWritten(ifKey);
  if (continueKey) step.continueOnError = asWritten(continueKey);
  if (shellKey) step.shell = scalarText(shellKey.value);
  withInputs(withKey?.value, step);
  const own = redirectingKeys(envKey?.value);
  if (outerEnv.length || own.length) step.redirectingEnv = [...outerEnv, ...own];
  if (stepUses) {
    actions.push({
      uses: stepUses,
      line: lineOf(usesKey!.value),
      kind: usesKind(stepUses),
      on: 'step',
      step: step.id ?? step.name ?? `#${index}`,
    });
  }
  return step;
}

/**
 * What else of the job container sets variables of the gate's process or replaces what it runs:
 * `options:` as docker reads them (container-options.ts), `volumes:` (mounted as `-v`), a container
 * written as one expression (any `env:`, `options:` or `volumes:` at run time). Reported like `env:`
 * names, so both faces disarm the gate with one reason (session 10).
 */
function containerHazards(node: AnyNode, strategy: AnyNode): Located<string>[] {
  if (!node) return [];
  if (isScalar(node))
    // Only a value that is one whole expression can be a mapping; `node:${{ matrix.v }}` is an image.
    return wholeExpression(node) && !matrixImage(node.value, strategy)
      ? [
          {
            value: `container: ${node.value} (its env and options are known only at run time)`,
            line: lineOf(node),
          },
        ]
      : [];
  const out: Located<string>[] = [];
  const options = get(node, 'options');
  if (options && !(isScalar(options.value) && options.value.value === null)) {
    const text = str(options.value);
    const read = text === undefined ? { env: [], hazards: ['not a string'] } : readContainerOptions(text);
    for (const n of read.env)
      if (redirectsAction(n)) out.push({ value: `container options: -e ${n}`, line: options.keyLine });
    for (const h of read.hazards) out.push({ value: `container options: ${h}`, line: options.keyLine });
  }
  const volumes = get(node, 'volumes');
  if (volumes && !(isScalar(volumes.value) && !volumes.value.value))
    out.push({
      value: 'container volumes: lay other files over the ones the gate runs',
      line: volumes.keyLine,
    });
  return out;
}

/** A value that is one whole expression (`${{ fromJSON(vars.X) }}`), which can stand for a mapping. */
function wholeExpression(node: AnyNode): node is LNode & { value: string } {
  return (
    isScalar(node) &&
    typeof node.value === 'string' &&
    /^\s*\$\{\{[\s\S]*\}\}\s*$/.test(node.value) &&
    (node.value.match(/\$\{\{/g) ?? []).length === 1
  );
}

/**
 * What of the job's `services:` reaches the runner's host. The runner starts them (and waits for
 * their health checks) after "Set up job" downloaded the gate into `_work/_actions` and before the
 * first step; a service runs its own image, so one that mounts host files (`volumes:`, `-v`, the
 * docker socket), or has the host's privileges, devices or processes, can rewrite the gate or the
 * event payload it reads (session 11). A service of an image name only, ports, health checks or its
 * own `env:` reaches nothing of the host and is not reported.
 */
function serviceHazards(node: AnyNode, strategy: AnyNode): Located<string>[] {
  if (!node || (isScalar(node) && !node.value)) return [];
  const out: Located<string>[] = [];
  if (!isMap(node)) {
    out.push({
      value: `services: ${str(node) ?? '(not a mapping)'}: known only at run time`,
      line: lineOf(node),
    });
    return out;
  }
  for (const svc of entries(node)) {
    const name = `service '${svc.key}'`;
    const v = svc.value;
    if (wholeExpression(v)) {
      if (!matrixImage(v.value, strategy))
        out.push({ value: `${name}: ${v.value}: known only at run time`, line: svc.keyLine });
      continue;
    }
    if (!isMap(v)) continue;
    const options = get(v, 'options');
    if (options && !(isScalar(options.value) && options.value.value === null)) {
      const text = str(options.value);
      const host = text === undefined ? ['not a string'] : readContainerOptions(text).host;
      for (const h of host) out.push({ value: `${name} options: ${h}`, line: options.keyLine });
    }
    const volumes = get(v, 'volumes');
    if (volumes && !(isScalar(volumes.value) && !volumes.value.value))
      out.push({ value: `${name} volumes: mount files of the runner's host`, line: volumes.keyLine });
  }
  return out;
}

/**
 * `container: ${{ matrix.K }}` where every value the file gives K (its list and `include` entries) is
 * a plain string: an image name, never a mapping with `env:` or `options:`.
 */
function matrixImage(expr: string, strategy: AnyNode): boolean {
  const plain = (n: AnyNode) => isScalar(n) && typeof n.value === 'string' && !n.value.includes('${{');
  const values = matrixValues(expr, strategy);
  return !!values && values.length > 0 && values.every(plain);
}

/** The names `${{ matrix.K }}` (the whole of `expr`) can take when each is a literal string, else undefined. */
function matrixNames(expr: string, strategy: AnyNode): Located<string>[] | undefined {
  const values = matrixValues(expr, strategy);
  if (!values?.length) return undefined;
  const out: Located<string>[] = [];
  for (const v of values) {
    const s = isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    if (!s || s.includes('${{')) return undefined;
    out.push({ value: s, line: lineOf(v) });
  }
  return out;
}

/**
 * The values of each credential step's `step`, `scope` and `audience` input written as a whole
 * `${{ matrix.K }}` (matrixLegs): each one runs on some leg, so a refusal of it is certain.
 */
function matrixInputs(
  steps: readonly StepModel[],
  strategy: AnyNode,
): Record<string, Located<string>[]> | undefined {
  let out: Record<string, Located<string>[]> | undefined;
  for (const st of steps) {
    const w = st.with;
    // The inputs' text first: most steps of matrix jobs pass no such input.
    if (!w || !(w.step ?? w.scope ?? w.audience) || !st.uses || !credentialAction(st.uses)) continue;
    // A step whose `if:` reads the matrix may be skipped on the very leg the broker would refuse.
    if (st.if && /matrix/i.test(st.if.value)) continue;
    for (const k of ['step', 'scope', 'audience']) {
      // Keyed as credential-step reads the input: trimmed, as the action's getInput does.
      const v = w[k]?.value.trim();
      if (!v?.includes('${{') || (out && Object.hasOwn(out, v))) continue;
      const values = matrixLegs(v, strategy);
      if (values) (out ??= Object.create(null) as Record<string, Located<string>[]>)[v] = values;
    }
  }
  return out;
}

/**
 * A reusable-workflow call's `with:` values written as a whole `${{ matrix.K }}` (matrixLegs): GitHub
 * calls the workflow once per leg with that leg's value ("Using a matrix strategy with a reusable
 * workflow"), so a callee's `${{ inputs.NAME }}` is each value on some leg (session 36).
 */
function callMatrixInputs(
  callWith: AnyNode,
  strategy: AnyNode,
): Record<string, Located<string>[]> | undefined {
  let out: Record<string, Located<string>[]> | undefined;
  for (const e of entries(callWith)) {
    const v = isScalar(e.value) && typeof e.value.value === 'string' ? e.value.value.trim() : undefined;
    if (!v?.includes('${{') || (out && Object.hasOwn(out, v))) continue;
    const values = matrixLegs(v, strategy);
    if (values) (out ??= Object.create(null) as Record<string, Located<string>[]>)[v] = values;
  }
  return out;
}

/**
 * Every value of a whole `${{ matrix.K }}` when the strategy lists them all as literal strings and
 * has no `exclude` (which may drop a listed value from every leg); undefined otherwise.
 */
function matrixLegs(v: string, strategy: AnyNode): Located<string>[] | undefined {
  const matrix = get(strategy, 'matrix')?.value;
  if (!isMap(matrix) || get(matrix, 'exclude') !== undefined) return undefined;
  // A key spelt in another case (`V:` beside `v:`) is read as K too, over-approximated
  // (matrixValues): which value a leg then gets is not certain, so none is judged.
  const key = MATRIX_VALUE.exec(v)?.[1];
  const keys = [matrix, ...seqItems(get(matrix, 'include')?.value)].flatMap((n) =>
    isMap(n) ? n.entries.map((e) => e.key) : [],
  );
  if (
    key &&
    keys.some(
      (x) => x !== key && (x.toLowerCase() === key.toLowerCase() || x.toUpperCase() === key.toUpperCase()),
    )
  )
    return undefined;
  return matrixNames(v, strategy);
}

/**
 * Every value `${{ matrix.K }}` (the whole of `expr`) can take, from K's list and the `include`
 * entries (`exclude` only removes: over-approximated), or undefined when the file does not say (the
 * matrix or `include` written as an expression). A value that is no list and an `include` entry that
 * is no mapping read as null, which no caller takes for a literal.
 */
/**
 * `${{ matrix.K }}`: inside the braces .NET's white space, which GitHub's lexer skips
 * (`${{\Nmatrix.env}}`), and the context name in any case (named values are OrdinalIgnoreCase);
 * session 26. Around them JavaScript's trim, as before.
 */
const MATRIX_VALUE = new RegExp(
  String.raw`^\$\{\{${NET_SPACE}*matrix\.([A-Za-z_][A-Za-z0-9_-]*)${NET_SPACE}*\}\}$`,
  'i',
);
function matrixValues(expr: string, strategy: AnyNode): LNode[] | undefined {
  const m = MATRIX_VALUE.exec(expr.trim());
  const matrix = get(strategy, 'matrix')?.value;
  if (!m || !isMap(matrix)) return undefined;
  const included = get(matrix, 'include')?.value;
  if (included !== undefined && !isSeq(included)) return undefined;
  // GitHub reads `matrix.K` case-insensitively (`@actions/expressions` folds a dictionary's keys with
  // toLowerCase, the runner's with OrdinalIgnoreCase, which upper-cases): `ENV:` in an `include`
  // entry is `matrix.env` on its leg. Every key either folding takes for K counts: more values, never
  // fewer (tests/hostile-faces/s18-matrix-env-case.test.ts).
  const lower = m[1]!.toLowerCase();
  const upper = m[1]!.toUpperCase();
  const isK = (k: string) => k === m[1] || k.toLowerCase() === lower || k.toUpperCase() === upper;
  const of = (n: LNode) => (isMap(n) ? n.entries.filter((e) => isK(e.key)).map((e) => e.value) : []);
  return [
    ...of(matrix).flatMap((listed) => (isSeq(listed) ? listed.items : [NULL])),
    ...seqItems(included).flatMap((i) => (isMap(i) ? of(i) : [NULL])),
  ];
}

/**
 * When a step's `with:` holds an expression (`broker-url: ${{ matrix.broker }}`): what such an
 * expression can read in the files, as text (the job's strategy, the workflow's `on`, the workflow's
 * and the job's `env:`, and those steps' own `env:`). A change there changes the value the step
 * receives while its `with:` reads the same (session 28; the access diff compares it for where
 * stepwarden's steps send the job's OIDC token). Undefined when no step's `with:` holds one.
 */
function stepWithSources(
  steps: readonly StepModel[],
  stepList: readonly LNode[],
  outer: readonly AnyNode[],
  needed: () => readonly LNode[],
  ownSteps: () => readonly LNode[],
  strategyReadsNeeds: () => boolean,
): string | undefined {
  let items: LNode[] | undefined;
  let readsNeeds = false;
  let readsSteps = false;
  for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
    const st = steps[i]!;
    // Only where the diff reads it: stepwarden's own steps (where a token goes, where the gate reads
    // the manifest) and local actions, whose steps may be stepwarden's reading this `with:` through
    // `inputs` (most steps' `with:` holds an expression, and the text would be made for nearly every
    // job the check reads).
    if (!st.uses || !(usesKind(st.uses) === 'local' || ownAction(st.uses) !== undefined)) continue;
    let computed = st.withExpression !== undefined;
    if (computed && NEEDS_READ.test(st.withExpression!.value)) readsNeeds = true;
    if (computed && ENV_OR_STEPS_READ.test(st.withExpression!.value)) readsSteps = true;
    if (st.with)
      for (const k in st.with) {
        const v = st.with[k]!.value;
        if (!v.includes('${{')) continue;
        computed = true;
        if (NEEDS_READ.test(v)) readsNeeds = true;
        if (ENV_OR_STEPS_READ.test(v)) readsSteps = true;
      }
    if (!computed) continue;
    items ??= outer.map((n) => n ?? NULL);
    items.push(get(stepList[i], 'env')?.value ?? NULL);
  }
  // A `needs.<job>.outputs` read is what the needed jobs write: their outputs, steps and scripts are
  // in the files too (session 29), so their text is part of what the expression reads.
  // An `env` or step output the job's `env:` or steps fill from `needs.<job>.outputs` (`B: ${{ needs.s.outputs.b }}`,
  // `echo "B=${{ needs.s.outputs.b }}" >> $GITHUB_ENV`) is what the needed jobs write (session 32).
  if (items && readsSteps && !readsNeeds)
    readsNeeds = NEEDS_READ.test(sourceText({ kind: 'seq', line: 0, items: [...items, ...stepList] }));
  if (items && (readsNeeds || strategyReadsNeeds())) items.push(...needed());
  // A `steps.<id>.outputs` read is what the job's steps write, their scripts included, and so is an
  // `env` read: an earlier step sets variables through $GITHUB_ENV (session 31).
  if (items && readsSteps) items.push(...ownSteps());
  return items && sourceText({ kind: 'seq', line: 0, items });
}

/** An expression that reads the `needs` context (names are case-insensitive in expressions). */
const NEEDS_READ = /\bneeds\b/i;
/** An expression that may read the `env` or `steps` context (a whole `run:` text is matched too: more rows, never fewer). */
const ENV_OR_STEPS_READ = /\b(?:env|steps)\b/i;

/**
 * What an expression reading `needs.<job>.outputs` reads in the files: the needed job's text and,
 * since its outputs may read its own needs, theirs in turn. Each job is one digest of its text and of
 * its needed jobs' digests (a hash over the `needs` graph, each job hashed once), so a reading job
 * carries one short value per job it names. Session 29 put the text of every needed job, transitively,
 * into each reading job's sources: a chain of jobs grew them with the square of its length (800 jobs
 * in a 1.9 MB file: 741 M characters and 24 s to parse; the broker parses the workflow files it reads
 * too). A change anywhere along the chain still changes the digest, which is all the diff compares.
 */
export class NeededJobs {
  private exact: Map<string, LNode> | undefined;
  private folded: Map<string, LNode> | undefined;
  private readonly digests = new Map<LNode, string>();

  constructor(private readonly jobs: AnyNode) {}

  /** The job node `name` finds: the exact key first (the first of that name), else in any case. */
  node(name: string): LNode | undefined {
    if (!this.exact) {
      this.exact = new Map();
      this.folded = new Map();
      for (const e of entries(this.jobs)) {
        if (!this.exact.has(e.key)) this.exact.set(e.key, e.value);
        const f = e.key.toLowerCase();
        if (!this.folded.has(f)) this.folded.set(f, e.value);
      }
    }
    return this.exact.get(name) ?? this.folded!.get(name.toLowerCase());
  }

  /** For the jobs `needs` names, in order: one scalar each, its name and digest ('null' when absent). */
  of(needs: readonly string[]): LNode[] {
    return needs.map((name) => {
      const node = this.node(name);
      return { kind: 'scalar', line: 0, value: `needs ${name} ${node ? this.digest(node) : 'null'}` };
    });
  }

  /**
   * A job's digest: its text, then each job it needs as `of` gives it. Iterative (a chain of
   * thousands of jobs would overflow the stack); a job met again while its own digest is being made
   * (a cycle, which GitHub refuses to run) stands as 'cycle'.
   */
  private digest(start: LNode): string {
    const busy = new Set<LNode>();
    const stack: LNode[] = [start];
    while (stack.length) {
      const node = stack[stack.length - 1]!;
      if (this.digests.has(node)) {
        stack.pop();
        continue;
      }
      const names = needsOf(node);
      if (!busy.has(node)) {
        busy.add(node);
        for (const name of names) {
          const n = this.node(name);
          if (n && !this.digests.has(n) && !busy.has(n)) stack.push(n);
        }
        continue;
      }
      const hash = createHash('sha256').update(sourceText(node));
      for (const name of names) {
        const n = this.node(name);
        hash.update(`\0${name} ${!n ? 'null' : (this.digests.get(n) ?? 'cycle')}`);
      }
      this.digests.set(node, hash.digest('hex'));
      busy.delete(node);
      stack.pop();
    }
    return this.digests.get(start)!;
  }
}

/** The names a job's `needs:` lists (a name or a list of names). */
function needsOf(job: LNode): string[] {
  const n = get(job, 'needs')?.value;
  const out: string[] = [];
  for (const x of isScalar(n) ? [str(n)] : seqItems(n).map(str)) if (x) out.push(x);
  return out;
}

/**
 * What `runs-on:` can send the job to: a label, a list of labels, a `group:`/`labels:` mapping, or a
 * whole `${{ matrix.K }}` whose values the strategy lists literally (each value read as `runs-on:`
 * itself). Anything else with an expression is kept as its text: which runner it names is known
 * only at run time.
 */
function runsOnChoices(node: AnyNode, strategy: AnyNode, viaMatrix = false): RunnerChoice[] {
  const expression = (): RunnerChoice[] => [
    { expression: isScalar(node) ? String(node.value) : sourceText(node) },
  ];
  const labels = (n: AnyNode): string[] | undefined => {
    const items = isSeq(n) ? n.items : [n];
    const out = items.map(str);
    return out.every((l): l is string => l !== undefined && !l.includes('${{')) ? out : undefined;
  };
  if (isScalar(node)) {
    const v = str(node);
    if (v === undefined) return expression();
    if (!v.includes('${{')) return [{ labels: [v] }];
    const values = viaMatrix ? undefined : matrixValues(v, strategy);
    // A value that is itself no literal runner leaves the whole choice to run time.
    const resolved = values?.length ? values.flatMap((x) => runsOnChoices(x, strategy, true)) : [];
    return resolved.length && !resolved.some((c) => 'expression' in c) ? resolved : expression();
  }
  if (isSeq(node)) {
    const l = labels(node);
    return l ? [{ labels: l }] : expression();
  }
  if (isMap(node)) {
    const groupNode = get(node, 'group')?.value;
    const labelsNode = get(node, 'labels')?.value;
    const group = groupNode === undefined ? undefined : str(groupNode);
    const l = labelsNode === undefined ? [] : labels(labelsNode);
    if (!l || (groupNode !== undefined && (group === undefined || group.includes('${{'))))
      return expression();
    return [{ labels: l, ...(group !== undefined ? { group } : {}) }];
  }
  return expression();
}

function parseJob(
  id: string,
  keyLine: number,
  node: AnyNode,
  stepList: readonly LNode[],
  unshared: boolean,
  workflowEnv: readonly Located<string>[],
  on?: AnyNode,
  workflowRedirecting: readonly Located<string>[] = [],
  workflowShell?: string,
  workflowEnvNode?: AnyNode,
  neededJobs?: NeededJobs,
  forDiff = true,
): JobModel {
  // One pass over the job's keys, each the first of its name (as `get` finds it).
  let perm: Entry | undefined;
  let usesEntry: Entry | undefined;
  let containerEntry: Entry | undefined;
  let envEntry: Entry | undefined;
  let secretsEntry: Entry | undefined;
  let needsEntry: Entry | undefined;
  let environmentEntry: Entry | undefined;
  let withEntry: Entry | undefined;
  let nameEntry: Entry | undefined;
  let strategyEntry: Entry | undefined;
  let runsOnEntry: Entry | undefined;
  let ifEntry: Entry | undefined;
  let servicesEntry: Entry | undefined;
  let defaultsEntry: Entry | undefined;
  const es = entries(node);
  for (let i = 0, iEnd = es.length; i < iEnd; i++) {
    const e = es[i]!;
    switch (e.key) {
      case 'permissions':
        perm ??= e;
        break;
      case 'uses':
        usesEntry ??= e;
        break;
      case 'container':
        containerEntry ??= e;
        break;
      case 'env':
        envEntry ??= e;
        break;
      case 'secrets':
        secretsEntry ??= e;
        break;
      case 'needs':
        needsEntry ??= e;
        break;
      case 'environment':
        environmentEntry ??= e;
        break;
      case 'with':
        withEntry ??= e;
        break;
      case 'name':
        nameEntry ??= e;
        break;
      case 'strategy':
        strategyEntry ??= e;
        break;
      case 'runs-on':
        runsOnEntry ??= e;
        break;
      case 'if':
        ifEntry ??= e;
        break;
      case 'services':
        servicesEntry ??= e;
        break;
      case 'defaults':
        defaultsEntry ??= e;
        break;
    }
  }
  const usesValue = usesEntry ? str(usesEntry.value) : undefined;
  const actions: ActionRef[] = [];
  let uses: ActionRef | undefined;
  if (usesValue) {
    uses = { uses: usesValue, line: lineOf(usesEntry!.value), kind: usesKind(usesValue), on: 'job' };
    actions.push(uses);
  }
  // The workflow's and the job's `env:` reach every step (the gate's included), and so does the job
  // container's own `env:` (steps run in it through `docker exec`, which inherits it).
  const containerNode = containerEntry?.value;
  const outerEnv = [
    ...workflowRedirecting,
    ...redirectingKeys(envEntry?.value),
    ...redirectingKeys(get(containerNode, 'env')?.value),
    ...containerHazards(containerNode, strategyEntry?.value),
    ...serviceHazards(servicesEntry?.value, strategyEntry?.value),
  ];
  const steps: StepModel[] = new Array<StepModel>(stepList.length);
  for (let i = 0, iEnd = stepList.length; i < iEnd; i++)
    steps[i] = parseStep(stepList[i]!, i, outerEnv, actions);

  const inherit =
    secretsEntry && str(secretsEntry.value) === 'inherit' ? { line: secretsEntry.keyLine } : undefined;
  const computedSecrets: string[] = [];
  const secrets = secretsBelow(node, { unshared, computed: computedSecrets });
  for (let i = 0, iEnd = workflowEnv.length; i < iEnd; i++) secrets.push(workflowEnv[i]!);
  const needsNode = needsEntry?.value;
  const needs = isScalar(needsNode)
    ? [str(needsNode)!].filter(Boolean)
    : seqItems(needsNode)
        .map(str)
        .filter((x): x is string => !!x);

  const envs = environments(environmentEntry?.value);
  const callWith = usesValue ? withEntry?.value : undefined;
  const strategy = strategyEntry?.value;
  const name = str(nameEntry?.value);
  // Keys assigned in the model's order, only those present (no temporary object per optional key).
  const job = { id, line: keyLine } as Mutable<JobModel>;
  if (name !== undefined) job.name = name;
  if (perm) job.permissions = permissionsBlock(perm.value, perm.keyLine);
  if (uses) job.uses = uses;
  job.secrets = secrets;
  if (inherit) job.secretsInherit = inherit;
  job.environments = envs;
  // What an expression of the job can read in the files (its matrix, the workflow's inputs): the
  // sources of an environment or a secret name it computes. Made once, when one of them asks.
  let sources: string | undefined;
  // The needed jobs, transitively, for an expression reading their outputs; noted for the diff, which
  // adds the workflows they call (session 30).
  let neededRead = false;
  const needed = () => {
    neededRead = true;
    return neededJobs ? neededJobs.of(needs) : [];
  };
  // The same for the job's own steps, whose outputs the local actions they run write too (session 31).
  let stepsRead = false;
  const ownSteps = () => {
    stepsRead = true;
    return stepList;
  };
  const sourcesText = () =>
    (sources ??= sourceText({ kind: 'seq', line: 0, items: [strategy ?? NULL, on ?? NULL] }));
  // The same with `lead` first, and the jobs it needs when the expression reads their outputs: what
  // those jobs write is in the files too (session 29).
  // A matrix computed from a needed job's output (`fromJSON(needs.setup.outputs.m)`) is what that job
  // writes: an expression reading the strategy reads `needs` too (session 31).
  let strategyNeeds: boolean | undefined;
  const strategyReadsNeeds = () =>
    (strategyNeeds ??= strategy !== undefined && NEEDS_READ.test(sourceText(strategy)));
  const sourcesReading = (expressionReadsNeeds: boolean, lead?: LNode): string => {
    const readsNeeds = expressionReadsNeeds || strategyReadsNeeds();
    return !readsNeeds && !lead
      ? sourcesText()
      : sourceText({
          kind: 'seq',
          line: 0,
          items: [
            ...(lead ? [lead] : []),
            strategy ?? NULL,
            on ?? NULL,
            // The needed jobs' scripts read the workflow's `env:` as well as their own (session 31).
            ...(readsNeeds ? [workflowEnvNode ?? NULL, ...needed()] : []),
          ],
        });
  };
  // A secret name computed from a needed job's output is what that job writes (session 30): only an
  // expression naming a secret by computation and reading `needs` carries the needed jobs.
  // One reading `env` or a step's output reads the workflow's, the job's and the steps' `env:` and the
  // scripts that write the outputs, which are in the files too (session 31).
  if (forDiff && secrets.some((s) => s.value === WHOLE_SECRETS)) {
    const lead: LNode | undefined = computedSecrets.some((t) => ENV_OR_STEPS_READ.test(t))
      ? { kind: 'seq', line: 0, items: [workflowEnvNode ?? NULL, envEntry?.value ?? NULL, ...ownSteps()] }
      : undefined;
    // The `env:` and steps it reads may fill the value from a needed job's output (session 32).
    job.secretSources = sourcesReading(
      computedSecrets.some((t) => NEEDS_READ.test(t)) ||
        (lead !== undefined && NEEDS_READ.test(sourceText(lead))),
      lead,
    );
  }
  const withSources = forDiff
    ? stepWithSources(
        steps,
        stepList,
        [strategy, on, workflowEnvNode, envEntry?.value],
        needed,
        ownSteps,
        strategyReadsNeeds,
      )
    : undefined;
  if (withSources !== undefined) job.withSources = withSources;
  if (envs.some((e) => e.value.includes('${{'))) {
    // An environment named by a needed job's output is what that job writes (session 29).
    if (forDiff) job.environmentSources = sourcesReading(envs.some((e) => NEEDS_READ.test(e.value)));
    const values = envs.length === 1 && strategy ? matrixNames(envs[0]!.value, strategy) : undefined;
    if (values) job.environmentValues = values;
  }
  if (strategy) {
    const inputs = matrixInputs(steps, strategy);
    if (inputs) job.matrixInputs = inputs;
  }
  if (forDiff && callWith) {
    // A `with:` holding an expression passes on what the call job's matrix or its workflow's
    // `on` (an input's default, for a middle workflow of a nested call) says: those are its sources too,
    // and the jobs it needs when it reads their outputs (session 29).
    const text = sourceText(callWith);
    job.callWith = text.includes('${{') ? sourcesReading(NEEDS_READ.test(text), callWith) : text;
  }
  // The check reads these (credential-step, undeclared-environment): never a diff-only field.
  if (callWith) {
    const inputs = callInputs(callWith);
    if (inputs) job.callInputs = inputs;
    if (callWith.kind === 'map' && callWith.entries.length)
      job.callPassed = callWith.entries.map((e) => asciiFold(e.key));
    const legs = strategy && callMatrixInputs(callWith, strategy);
    if (legs) job.matrixInputs = legs;
  }
  const ifText = str(ifEntry?.value);
  if (ifText !== undefined) job.if = { value: ifText, line: ifEntry!.keyLine };
  // A called job's `if: inputs.x` (or a step's, which guards credential steps) is decided by its
  // callers' `with:` or the input's default (session 25).
  const readsInputs = (t: string | undefined) => t !== undefined && /\binputs\b/i.test(asLexed(t));
  if (forDiff && (readsInputs(ifText) || steps.some((st) => readsInputs(st.if?.value))))
    job.ifSources = sourceText(on ?? NULL);
  const runShell = runShellOf(defaultsEntry?.value) ?? workflowShell;
  if (runShell !== undefined) job.runShell = runShell;
  if (runsOnEntry) {
    const choices = runsOnChoices(runsOnEntry.value, strategy);
    job.runsOn = {
      line: runsOnEntry.keyLine,
      choices,
      // What an expression of it reads in the files: the needed jobs too when it reads `needs` (session 29).
      ...(forDiff && choices.some((c) => 'expression' in c)
        ? { sources: sourcesReading(choices.some((c) => 'expression' in c && NEEDS_READ.test(c.expression))) }
        : {}),
    };
  }
  if (forDiff && containerNode && !(isScalar(containerNode) && !containerNode.value))
    job.container = containerText(containerNode, strategy, on);
  const matrix = get(strategy, 'matrix');
  if (matrix) job.matrix = matrix.keyLine;
  job.steps = steps;
  job.actions = actions;
  job.needs = needs;
  if (neededRead) job.readsNeeds = true;
  if (stepsRead) job.readsSteps = true;
  return job;
}

/**
 * NEL, LS and PS end a line for YamlDotNet (which GitHub's workflow reader is built on: its
 * `IsBreak`), not for YAML 1.2 readers (js-yaml, `@actions/workflow-parser`). `# note<LS>permissions:
 * write-all` is a comment to stepwarden and a key to GitHub: such a file is not judged.
 */
const FOREIGN_BREAKS = ['\u0085', '\u2028', '\u2029'] as const;
/**
 * The first of those in `text`: where it is and which. Three `indexOf`s rather than one character
 * class: every workflow's whole text is searched, and a search for one character is native and
 * runs far faster than a regular expression's class (27 M instructions of the corpus check,
 * session 30; a one-byte text cannot hold U+2028 or U+2029, and V8 answers that at once).
 */
export function firstForeignBreak(text: string): { index: number; char: string } | undefined {
  let index = -1;
  let char = '';
  for (let i = 0; i < 3; i++) {
    const c = FOREIGN_BREAKS[i]!;
    const at = text.indexOf(c);
    if (at !== -1 && (index === -1 || at < index)) {
      index = at;
      char = c;
    }
  }
  return index === -1 ? undefined : { index, char };
}
const BREAK_NAMES: Record<string, string> = {
  '\u0085': 'U+0085 (NEXT LINE)',
  '\u2028': 'U+2028 (LINE SEPARATOR)',
  '\u2029': 'U+2029 (PARAGRAPH SEPARATOR)',
};

/**
 * The refusal of a text holding one of those, with its line: for workflow files and the local
 * composite action files the runner reads with the same YamlDotNet (composite.ts readComposite).
 */
export function foreignBreakProblem(text: string): { message: string; line: number } | undefined {
  const foreign = firstForeignBreak(text);
  if (!foreign) return undefined;
  const line = lineAt(text, foreign.index);
  return {
    message: `line ${line} holds ${BREAK_NAMES[foreign.char]!}, a line break to GitHub's YAML reader (YamlDotNet) but not to YAML 1.2, so GitHub and stepwarden would read this file differently; delete it, or write it as an escape ("\\u${foreign.char.charCodeAt(0).toString(16).padStart(4, '0')}") inside a double-quoted string`,
    line,
  };
}

/**
 * NUL bytes and a byte order mark after the start: the YAML reader refused a NUL with "null byte is
 * not allowed" at line 1 whatever its line, and a file saved as UTF-16 (read as UTF-8: NULs between
 * its letters) the same way, which named neither the cause nor the fix; a U+FEFF inside the file is
 * drawn as nothing, so `\ufeffjobs:` read as "missing `jobs:`" at line 1. Each is refused with its
 * line and fix here, for every face (the check, the diff and the gate parse with this function), and
 * for the local composite action files they read (composite.ts readComposite, session 20).
 */
export function strayCharacter(text: string): { message: string; line: number } | undefined {
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    let count = 0;
    for (let i = nul; i !== -1 && count < 64; i = text.indexOf('\0', i + 1)) count++;
    // UTF-16 text of ASCII letters is every other byte NUL; a stray NUL is one or a few.
    if (count >= 8 && text.slice(0, 64).split('\0').length > 8)
      return {
        message:
          'the file is not UTF-8: it holds a NUL byte between its letters, as UTF-16 text does; GitHub reads workflow files as UTF-8 and stepwarden cannot judge this one; save it as UTF-8',
        line: 1,
      };
    const line = lineAt(text, nul);
    return {
      message: `line ${line} holds a NUL byte (U+0000), which YAML does not allow in a file (GitHub's reader refuses it too); delete it, or write it as "\\0" inside a double-quoted string`,
      line,
    };
  }
  const bom = text.indexOf('\ufeff', 1);
  if (bom >= 0) {
    const line = lineAt(text, bom);
    return {
      message: `line ${line} holds U+FEFF (BYTE ORDER MARK) after the start of the file: it is drawn as nothing, so the key or value it sits in reads as another (\`\\ufeffjobs:\` is not \`jobs:\`); delete it`,
      line,
    };
  }
  return undefined;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * The first step id GitHub's converter refuses among `steps` (a workflow job's, or a composite
 * action's `runs.steps`: the runner converts both with WorkflowTemplateConverter.ConvertToSteps), as
 * "the id 'X' of step N of SCOPE is …", with the id's line. The rule: the IdBuilder rule for job ids
 * (job-id.ts: ASCII letters, digits, `_`, `-`, a letter or `_` first, under 100 characters, not
 * `__…`), not empty (the schemas' non-empty-string), once per scope ignoring case (the C# IdBuilder's
 * set is OrdinalIgnoreCase; session 26). The audit, the gate and the broker tell steps apart by id;
 * two alike would share one grant and one row. One function for both faces (session 27).
 */
export function refusedStepId(
  steps: readonly LNode[],
  scope: { name: string; kind: 'job' | 'action' },
): { message: string; line: number } | undefined {
  // Made at the first step with an id: most jobs' steps have none.
  let ids: Set<string> | undefined;
  for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
    const idEntry = get(steps[i], 'id');
    if (!idEntry) continue;
    const v = idEntry.value;
    const id = isScalar(v)
      ? v.value === null
        ? ''
        : String(v.value)
      : `(a ${v.kind === 'seq' ? 'list' : 'mapping'})`;
    // An id the whole rule takes is ASCII, so it holds no look-alike either: the Unicode-property
    // search (`invalidId`) runs only for an id GitHub refuses, which it then names first (session 40).
    const why = isScalar(v)
      ? JOB_ID.test(id)
        ? undefined
        : (invalidId(id) ?? jobIdProblem(id))
      : 'an id is a string';
    const folded = id.toLowerCase();
    const twice = ids?.has(folded) === true;
    (ids ??= new Set()).add(folded);
    if (why || twice)
      return {
        message: `the id '${id}' of step ${i + 1} of ${scope.name} ${
          why
            ? `is invalid: ${why}`
            : `is used by an earlier step of the ${scope.kind} (a step id may be used once)`
        }`,
        line: lineOf(idEntry.value),
      };
  }
  return undefined;
}

/** Each key GitHub takes in a job and a step, with the place the wrong-kind walk judges its value at. */
const JOB_KEY_PLACES = placesOf(JOB_KEYS, JOB_PLACE);
const STEP_KEY_PLACES = placesOf(STEP_KEYS, STEP_PLACE);

/**
 * A key GitHub's reader refuses where stepwarden reads access (see keys.ts): one outside GitHub's
 * schema for the workflow, a job, a step or an environment mapping (`Permissions:`, `USES:`), two keys
 * of one mapping equal up to case, an environment mapping without its `name`.
 */
function refusedKeys(
  root: LNode,
  on: { value: LNode; keyLine: number },
  jobs: LNode,
  jobSteps: readonly (readonly LNode[])[],
  unshared: boolean,
): { message: string; line: number } | undefined {
  const dup = caseDuplicate(root, { unshared });
  type Problem = { message: string; line: number } | undefined;
  const first = (a: Problem, b: Problem): Problem => (b && (!a || b.line < a.line) ? b : a);
  let found: Problem = dup;
  found = first(found, unknownKey(root, WORKFLOW_KEYS, 'the workflow'));
  found = first(found, unknownEvent(on.value, on.keyLine));
  found = first(
    found,
    wrongKind(root, WORKFLOW_PLACE, () => 'the workflow'),
  );
  // Each place's name (`step 3 of job 'build'`) is worded only for a key that is refused.
  const jobEntries = entries(jobs);
  // Each job's `needs:` entry, for GitHub's graph check after the loop.
  const needs: (Entry | undefined)[] = [];
  for (let ji = 0, jiEnd = jobEntries.length; ji < jiEnd; ji++) {
    const j = jobEntries[ji]!;
    const job = () => `the job '${j.key}'`;
    found = first(found, notMapping(j.value, job, j.keyLine));
    // GitHub's whole job-id rule (job-id.ts): a key its reader refuses (`1_000`, `a.b`, `__x`, 100
    // characters, a look-alike letter) makes the workflow one GitHub never runs.
    const badJobId = jobIdProblem(j.key);
    if (badJobId)
      found = first(found, {
        message: `GitHub refuses this workflow: the job id '${j.key}' is invalid: ${badJobId}`,
        line: j.keyLine,
      });
    // One pass over the job's keys: the first outside the schema, and each key read below (the first
    // of its name, as `get` finds it).
    let bad: { key: string; keyLine: number } | undefined;
    let secrets: Entry | undefined;
    let env: Entry | undefined;
    let strategy: Entry | undefined;
    let container: Entry | undefined;
    let services: Entry | undefined;
    let uses: Entry | undefined;
    let runsOn: Entry | undefined;
    let need: Entry | undefined;
    let stepsEntry: Entry | undefined;
    // The first value of the wrong kind under a key the model reads (`env: [A]`), judged in this pass.
    let wrong: Refusal | undefined;
    const jes = entries(j.value);
    for (let i = 0, iEnd = jes.length; i < iEnd; i++) {
      const e = jes[i]!;
      const k = e.key;
      const place = JOB_KEY_PLACES.get(k);
      if (place === undefined) bad ??= e;
      else if (place !== null && wrong === undefined) wrong = wrongKindOf(e, place);
      if (k === 'uses') uses ??= e;
      else if (k === 'runs-on') runsOn ??= e;
      else if (k === 'needs') need ??= e;
      else if (k === 'steps') stepsEntry ??= e;
      else if (k === 'secrets') secrets ??= e;
      else if (k === 'environment') env ??= e;
      else if (k === 'strategy') strategy ??= e;
      else if (k === 'container') container ??= e;
      else if (k === 'services') services ??= e;
    }
    if (bad) found = first(found, unknownKeyProblem(bad, JOB_KEYS, `the job '${j.key}'`));
    // A job runs steps or calls a workflow, never both, and says which (keys.ts JOB_SHAPES).
    needs.push(need);
    if (j.value?.kind === 'map') {
      found = first(found, shapeProblem(jes, JOB_SHAPE_MASKS, job, j.value.line));
      found = first(found, emptyValue(uses, job));
      found = first(found, emptyValue(runsOn, job));
      found = first(found, emptyValue(need, job));
      found = first(found, stepsNotList(j.key, stepsEntry));
      // A value of the wrong kind under a key the model reads: GitHub refuses the file.
      found = first(found, wrongKindProblem(wrong, job));
    }
    // `secrets:` of a reusable-workflow call is `inherit` or a mapping; GitHub refuses `Inherit`, which
    // a reader comparing with `inherit` would take for "passes no secret" (a list is `wrongKind`'s).
    if (isScalar(secrets?.value) && secrets.value.value !== 'inherit')
      found = first(found, {
        message: `GitHub refuses this workflow: \`secrets:\` of job '${j.key}' is '${String(secrets.value.value)}', neither \`inherit\` nor a mapping of secrets`,
        line: secrets.keyLine,
      });
    if (isMap(env?.value)) {
      found = first(found, unknownKey(env.value, ENVIRONMENT_KEYS, `the environment of job '${j.key}'`));
      if (!get(env.value, 'name'))
        found = first(found, {
          message: `GitHub refuses this workflow: the environment of job '${j.key}' is a mapping without \`name:\``,
          line: env.keyLine,
        });
    }
    bad = unknownKeyEntry(strategy?.value, STRATEGY_KEYS);
    if (bad) found = first(found, unknownKeyProblem(bad, STRATEGY_KEYS, `the strategy of job '${j.key}'`));
    bad = unknownKeyEntry(container?.value, CONTAINER_KEYS);
    if (bad) found = first(found, unknownKeyProblem(bad, CONTAINER_KEYS, `the container of job '${j.key}'`));
    for (const svc of entries(services?.value)) {
      bad = unknownKeyEntry(svc.value, SERVICE_KEYS);
      if (bad)
        found = first(
          found,
          unknownKeyProblem(bad, SERVICE_KEYS, `the service '${svc.key}' of job '${j.key}'`),
        );
    }
    const steps = jobSteps[ji]!;
    const badStepId = refusedStepId(steps, { name: `job '${j.key}'`, kind: 'job' });
    if (badStepId)
      found = first(found, {
        message: `GitHub refuses this workflow: ${badStepId.message}`,
        line: badStepId.line,
      });
    for (let i = 0, iEnd = steps.length; i < iEnd; i++) {
      // One pass over the step's keys: the first outside the schema, and the first `with:`.
      bad = undefined;
      let w: LNode | undefined;
      // `entries` in place: a call per step (session 32). A step is a node.
      const st = steps[i]!;
      const ses = st.kind === 'map' ? st.entries : NO_ENTRIES;
      let stepUses: Entry | undefined;
      let wrong: Refusal | undefined;
      for (let k = 0, kEnd = ses.length; k < kEnd; k++) {
        const e = ses[k]!;
        const place = STEP_KEY_PLACES.get(e.key);
        if (place === undefined) bad ??= e;
        else if (place !== null && wrong === undefined) wrong = wrongKindOf(e, place);
        if (w === undefined && e.key === 'with') w = e.value;
        else if (stepUses === undefined && e.key === 'uses') stepUses = e;
      }
      const where = () => `step ${i + 1} of job '${j.key}'`;
      found = first(found, notMapping(st, where, stepsEntry?.keyLine ?? j.keyLine));
      found = first(found, emptyValue(stepUses, where));
      if (bad) found = first(found, unknownKeyProblem(bad, STEP_KEYS, where()));
      if (st.kind === 'map') {
        found = first(found, shapeProblem(ses, STEP_SHAPE_MASKS, where, st.line));
        found = first(found, wrongKindProblem(wrong, where));
      }
      // The place is worded only for a key that is refused.
      const cased = w?.kind === 'map' ? runnerCasedEntry(w) : undefined;
      if (cased) found = first(found, runnerCasedProblem(cased, where()));
    }
  }
  found = first(found, needsProblem(jobEntries, needs, jobs.line));
  return found;
}

/**
 * Parses one workflow file. `file` is the name under `.github/workflows` (the manifest key), `path`
 * the repository-relative path used in findings.
 * `forDiff` false leaves out what only the access diff reads (model.ts DIFF_ONLY_JOB_FIELDS and
 * DIFF_ONLY_WORKFLOW_FIELDS, `RunsOn.sources`: texts and digests of subtrees, about 105 M instructions
 * of the corpus check, session 34); every other field is the same. `check` asks for that; every other
 * caller gets the whole model.
 */
export function parseWorkflow(file: string, path: string, text: string, forDiff = true): WorkflowModel {
  const fail = (message: string, line: number): WorkflowModel => ({
    file,
    path,
    triggers: [],
    jobs: [],
    error: { message, line },
  });
  const foreign = foreignBreakProblem(text);
  if (foreign) return fail(foreign.message, foreign.line);
  const stray = strayCharacter(text);
  if (stray) return fail(stray.message, stray.line);
  const parsed = parseLocatedYaml(text);
  if (parsed.error)
    return fail(
      parsed.error.kind === 'unlocatable' || parsed.error.kind === 'ambiguous'
        ? `YAML stepwarden cannot read as GitHub does: ${parsed.error.message}`
        : parsed.error.kind === 'oversized'
          ? `YAML not read: ${parsed.error.message} (GitHub's runner stops reading a template past 1,000,000 events too)`
          : `YAML syntax error: ${parsed.error.message}`,
      parsed.error.line,
    );
  // Values and keys as GitHub's template reader reads them: `${{ 'write-all' }}` is `write-all`.
  const folded =
    parsed.root &&
    (mayFold(text)
      ? foldLiteralsChecked(parsed.root, { unshared: parsed.unshared === true })
      : { root: parsed.root });
  const root = folded?.root;
  if (folded?.duplicate)
    return fail(
      `GitHub refuses this workflow: two keys of one mapping are '${folded.duplicate.key}' once GitHub reads a key written \`\${{ '…' }}\` as its string ("'${folded.duplicate.key}' is already defined"); write each key once`,
      folded.duplicate.line,
    );
  if (!isMap(root)) return fail('a workflow must be a YAML mapping with `on` and `jobs`', lineOf(root));
  // GitHub supports anchors and aliases but not YAML 1.1 `<<` merge keys (actions/runner#1182): such
  // a workflow is rejected, so it is reported as a file error rather than read the way js-yaml would.
  // The located parse notes the first `<<` key as it builds the tree (no second walk).
  const merge = parsed.mergeKeyLine;
  if (merge !== undefined)
    return fail(
      `YAML merge keys (\`<<\`) are not supported by GitHub Actions (line ${merge}); write the keys out, or alias a whole value (\`key: *anchor\`)`,
      merge,
    );
  const again = parsed.redefinedAnchor;
  if (again)
    return fail(
      `the anchor &${again.name} is defined twice (lines ${again.first} and ${again.line}); YAML reads each alias as the definition before it, GitHub's reader as the last one in the file, so the two read this file differently: give each anchor its own name`,
      again.line,
    );
  // The YAML 1.2 core schema keeps a bare `on` key a string, as GitHub does (YAML 1.1 made it `true`).
  const on = get(root, 'on');
  if (!on) return fail('missing `on:` (the events that trigger the workflow)', 1);
  const jobsEntry = get(root, 'jobs');
  if (!jobsEntry || !isMap(jobsEntry.value))
    return fail('missing or invalid `jobs:` mapping', jobsEntry?.keyLine ?? 1);
  // (A folded tree is new nodes: only the parse's own tree is known to hold each node once.)
  const unshared = parsed.unshared === true && root === parsed.root;
  // Each job's steps, listed once for the key check and the model.
  const jobSteps = entries(jobsEntry.value).map((e) => stepNodes(get(e.value, 'steps')?.value));
  const refused = refusedKeys(root, on, jobsEntry.value, jobSteps, unshared);
  if (refused) return fail(refused.message, refused.line);
  const envNode = get(root, 'env')?.value;
  const workflowEnv = secretsBelow(envNode, { unshared });
  const workflowRedirecting = redirectingKeys(envNode);
  const perm = get(root, 'permissions');
  const name = str(get(root, 'name')?.value);
  const workflowShell = runShellOf(get(root, 'defaults')?.value);
  const triggerList = triggers(on.value);
  const needed = new NeededJobs(jobsEntry.value);
  const model: WorkflowModel = {
    file,
    path,
    ...(name !== undefined ? { name } : {}),
    triggers: triggerList,
    ...pushFilters(on.value),
    ...(forDiff ? triggerFilters(on.value) : {}),
    ...(perm ? { permissions: permissionsBlock(perm.value, perm.keyLine) } : {}),
    jobs: entries(jobsEntry.value).map((e, i) =>
      parseJob(
        e.key,
        e.keyLine,
        e.value,
        jobSteps[i]!,
        unshared,
        workflowEnv,
        on.value,
        workflowRedirecting,
        workflowShell,
        envNode,
        needed,
        forDiff,
      ),
    ),
    ...(forDiff && triggerList.some((t) => t.value === 'workflow_call')
      ? { callDigest: sha256Hex(sourceText(root)) }
      : {}),
  };
  // Added only to a callee with string defaults (rare): every other model keeps the literal's shape.
  const defaults = callDefaults(on.value);
  return defaults ? { ...model, callDefaults: defaults } : model;
}
