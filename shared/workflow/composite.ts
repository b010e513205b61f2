/**
 * Local composite actions (`uses: ./path` whose `action.yml` says `runs: { using: composite }`): their
 * steps run in the job, with its token and secrets, and GitHub's own allowed-actions policy covers the
 * actions they use. `compositeUses` is pure (action file text in, the `uses:` of its steps out);
 * `withCompositeActions` adds them to each job's actions through a reader the caller injects (a
 * directory, a git tree, the git data API), each of which reads no link and nothing outside the
 * repository.
 */
import { parseLocatedYaml, type LNode } from '../yaml/located.js';
import { setOwn } from '../yaml/own-key.js';
import type { ActionRef, InputValue, JobModel, Located, WorkflowModel } from './model.js';
import { asciiFold, runnerCasedWithKey } from './keys.js';
import { foldLiterals, mayFold } from './literal.js';
import { NET_SPACE } from './template.js';
import {
  foreignBreakProblem,
  redirectingKeys,
  refusedStepId,
  stepNodes,
  strayCharacter,
  withInputs,
} from './parse.js';
import { localUses, usesKind } from './uses.js';
import { ACTION_PLACE, notMapping, REFUSED, wrongKind, type ShapeProblem } from './refused-shapes.js';
import { sha256Hex } from '../digest/sha256.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface CompositeUses {
  readonly uses: string;
  readonly line: number;
  /** The inner step's `id:` and `with:` (names ASCII-folded, as the runner reads inputs). */
  readonly id?: string;
  readonly with?: Readonly<Record<string, Located<string>>>;
  readonly withExpression?: Located<string>;
  /** A Docker action's registry image (`runs.image`), not a step's `uses:`. */
  readonly image?: true;
  /** Its own `env:` names that redirect an action (env-keys.ts). */
  readonly env?: readonly Located<string>[];
}

/**
 * A value that is one read of an input and nothing else, as GitHub's lexer reads it (actions/runner
 * src/Sdk/DTExpressions2/Expressions2/Tokens/LexicalAnalyzer.cs; actions/languageservices
 * expressions/src/lexer.ts alike): the named value `inputs` (any case: the parser's named values are
 * OrdinalIgnoreCase), then `.` NAME (a dereference: the keyword after it is a property name, GitHub's
 * keyword characters) or `[` 'STRING' `]` (an index: a single-quoted string, `''` one quote; a double
 * quote starts no string, so `inputs["x"]` does not lex and stays unknown). .NET white space is skipped
 * before every token (`Char.IsWhiteSpace`: `inputs . x`, `${{\Ninputs.x}}`; session 26 and 27). An
 * index holding a brace is not read (where the template reader ends the expression is not probed):
 * unknown, the warning. Around the braces JavaScript's white space: the value is then
 * `format(' {0}', …)`, which the action trims with JavaScript's trim (`core.getInput`).
 */
const S = `${NET_SPACE}*`;
const ONE_INPUT = new RegExp(
  String.raw`^\s*\$\{\{${S}inputs${S}(?:\.${S}([A-Za-z_][A-Za-z0-9_-]*)|\[${S}'((?:[^'{}]|'')*)'${S}\])${S}\}\}\s*$`,
  'i',
);

/** The input name one read of an input (`${{ inputs.NAME }}`, `${{ inputs['NAME'] }}`) names, else undefined. */
function oneInputName(written: string): string | undefined {
  const m = ONE_INPUT.exec(written);
  return m ? (m[1] ?? m[2]!.replaceAll("''", "'")) : undefined;
}

export type InputValues = Readonly<Record<string, InputValue>>;

/** What one read of an input (`written`, as oneInputName reads it) reads in `inputs`, if it is given there. */
export function inputRead(written: string, inputs: InputValues | undefined): InputValue | undefined {
  const name = oneInputName(written);
  if (name === undefined || !inputs) return undefined;
  return Object.entries(inputs).find(([n]) => n === asciiFold(name))?.[1];
}

/**
 * The inputs an action's steps read: what the step running it passes (`given`, names ASCII-folded),
 * and for every other input the action declares, its `default:` (actions/runner ActionRunner "Merge
 * the default inputs from the definition": `if (!inputs.ContainsKey(key))`, names case-insensitive).
 * `given` null: the step's `with:` is one expression, so any input may be passed: no default is read.
 */
export function inputsWithDefaults(
  given: InputValues | undefined | null,
  defaults: InputValues | undefined,
): InputValues | undefined {
  if (given === null) return undefined;
  if (!defaults) return given;
  const out: Record<string, InputValue> = {};
  for (const [k, v] of Object.entries(defaults)) setOwn(out, k, v);
  for (const [k, v] of Object.entries(given ?? {})) setOwn(out, k, v);
  return out;
}

/**
 * `with` with each value that is one `${{ inputs.NAME }}` replaced by what `inputs` (the `with:` of
 * the step that runs the action) passes as NAME (input names are case-insensitive to the runner),
 * when it passes it; any other value as written. What stays an expression is known only at run time.
 */
export function withInputsRead(
  withMap: Readonly<Record<string, Located<string>>>,
  inputs: InputValues | undefined,
): Record<string, Located<string>> {
  const out: Record<string, Located<string>> = {};
  for (const [k, v] of Object.entries(withMap)) {
    const given = inputRead(v.value, inputs);
    setOwn(out, k, given ? { value: given.value, line: v.line } : v);
  }
  return out;
}

const get = (n: LNode | undefined, key: string): LNode | undefined =>
  n?.kind === 'map' ? n.entries.find((e) => e.key === key)?.value : undefined;

/**
 * The `uses:` of every step of a composite action, with its line in the action file; an empty list for
 * an action of another kind (node, docker) or a file that does not parse (GitHub fails the step then).
 */
export function compositeUses(text: string): CompositeUses[] {
  return readComposite(text).uses;
}

/**
 * The `default:` of each input the action declares (names ASCII-folded; the first of names equal up to
 * case, as the runner keeps the first), when it is a string: a number or a boolean the runner's
 * `AssertString` refuses (the step fails), so it is left unknown here.
 */
function inputDefaults(root: LNode): InputValues | undefined {
  const inputs = get(root, 'inputs');
  if (inputs?.kind !== 'map') return undefined;
  const out: Record<string, InputValue> = {};
  for (const e of inputs.entries) {
    const d = get(e.value, 'default');
    const k = asciiFold(e.key);
    if (d?.kind === 'scalar' && typeof d.value === 'string' && !Object.hasOwn(out, k))
      setOwn(out, k, { value: d.value, line: d.line, default: true });
  }
  return Object.keys(out).length ? out : undefined;
}

/**
 * A Docker action's registry image (`runs.image: docker://IMAGE`): the runner pulls and runs it in the
 * job as it does a step's `uses: docker://IMAGE`, so it is held to the same rules (pinning, the allow
 * list; session 32). `image: Dockerfile` builds from the repository's files: no image of a registry.
 */
function dockerImage(runs: LNode | undefined, using: LNode & { kind: 'scalar' }): CompositeUses[] {
  const image = get(runs, 'image');
  if (String(using.value).toLowerCase() !== 'docker' || image?.kind !== 'scalar') return [];
  const m = typeof image.value === 'string' ? /^\s*docker:\/\/(.*?)\s*$/i.exec(image.value) : null;
  return m ? [{ uses: `docker://${m[1]}`, line: image.line, image: true }] : [];
}

/** As compositeUses, and why the file is not an action GitHub can run (`problem`), when it is not. */
export function readComposite(text: string): {
  uses: CompositeUses[];
  defaults?: InputValues;
  problem?: string;
  unread?: true;
} {
  // A NUL or an inner U+FEFF, as in a workflow file (parse.ts): `\ufeffruns:` read here as an action
  // with no `runs:`, its steps unjudged, where a reader that drops a mark at a line start runs them.
  // NEL, LS or PS: a line break to the runner's reader, not to this one (session 34), as in a workflow.
  const stray = foreignBreakProblem(text) ?? strayCharacter(text);
  if (stray) return { uses: [], unread: true, problem: stray.message };
  const parsed = parseLocatedYaml(text);
  // Not read, rather than no action: GitHub's reader may take what this one refuses.
  if (parsed.error || !parsed.root)
    return {
      uses: [],
      unread: true,
      problem:
        parsed.error?.kind === 'oversized'
          ? `${parsed.error.message} (line ${parsed.error.line})`
          : `it is not YAML GitHub reads${parsed.error ? ` (line ${parsed.error.line})` : ''}`,
    };
  // The runner reads action files with the same template reader: `${{ 'x/y@v' }}` is `x/y@v`.
  const root = mayFold(text) ? foldLiterals(parsed.root) : parsed.root;
  const runs = get(root, 'runs');
  const using = get(runs, 'using');
  if (using?.kind !== 'scalar') return { uses: [], problem: 'it has no `runs.using`' };
  if (String(using.value).toLowerCase() !== 'composite') return { uses: dockerImage(runs, using) };
  const steps = get(runs, 'steps');
  if (steps?.kind !== 'seq') return { uses: [], problem: 'its `runs.steps` is not a list of steps' };
  // A `with:` key the runner may hand to an action under another input's name (keys.ts): not judged.
  for (const [i, s] of stepNodes(steps).entries()) {
    const bad = runnerCasedWithKey(get(s, 'with'), `step ${i + 1} of the action`);
    if (bad) return { uses: [], unread: true, problem: `${bad.message} (line ${bad.line})` };
  }
  // The runner converts an action's steps as a workflow's (ActionManifestManager.cs: `runs.steps` ->
  // WorkflowTemplateConverter.ConvertToSteps, IdBuilder per id, then Errors.Check(), which fails the
  // action's load): an id GitHub refuses makes an action it never runs (session 27).
  const badId =
    refusedStepId(stepNodes(steps), { name: 'the action', kind: 'action' }) ?? wrongShape(root, steps);
  if (badId)
    return {
      uses: [],
      unread: true,
      problem: `GitHub refuses this action: ${badId.message} (line ${badId.line})`,
    };
  const defaults = inputDefaults(root);
  return {
    ...(defaults ? { defaults } : {}),
    uses: stepNodes(steps).flatMap((s) => {
      const u = get(s, 'uses');
      if (u?.kind !== 'scalar' || typeof u.value !== 'string') return [];
      const id = get(s, 'id');
      const inputs: Parameters<typeof withInputs>[1] = {};
      withInputs(get(s, 'with'), inputs);
      const env = redirectingKeys(get(s, 'env'));
      return [
        {
          uses: u.value,
          line: u.line,
          ...(id?.kind === 'scalar' && id.value !== null ? { id: String(id.value) } : {}),
          ...inputs,
          ...(env.length ? { env } : {}),
        },
      ];
    }),
  };
}

/**
 * The first step that is no mapping or value of the wrong kind (refused-shapes.ts ACTION_PLACE): the
 * runner refuses the whole action file ("A mapping was not expected"), so none of its steps runs, where
 * a reader taking the value as absent would judge the rest as steps that run (session 42).
 */
function wrongShape(root: LNode, steps: LNode & { kind: 'seq' }): ShapeProblem | undefined {
  let found: ShapeProblem | undefined;
  for (const [i, s] of steps.items.entries())
    found ??= notMapping(s, () => `step ${i + 1} of the action`, steps.line);
  found ??= wrongKind(root, ACTION_PLACE, () => 'the action');
  for (const [i, s] of steps.items.entries()) if (s.kind === 'map') found ??= stepKindProblem(s, i + 1);
  // The table's words name a workflow; here the file is an action.
  return (
    found && {
      message: found.message.slice(REFUSED.length).replace('its workflow schema', 'its action schema'),
      line: found.line,
    }
  );
}

/** The keys of one kind of composite step only (the runner's action_yaml.json `run-step`, `uses-step`). */
const RUN_ONLY: ReadonlySet<string> = new Set(['run', 'shell', 'working-directory']);
const USES_ONLY: ReadonlySet<string> = new Set(['uses', 'with']);

/**
 * A composite step GitHub cannot take as either kind (session 43). The runner reads `composite-step` as
 * one of `run-step` and `uses-step` (TemplateReader: each key narrows the kinds to those holding it, a
 * key of none is "Unexpected value"), so a step with keys of both kinds, of neither (only `name:`,
 * `id:`, `if:`, `env:`, `continue-on-error:`), or without its kind's required keys (`run:` and `shell:`,
 * or `uses:`) fails the action's load: none of its steps runs. Each in GitHub's words, at a line it
 * names (the later kind's key, or the step's line). Keys are known here (COMPOSITE_STEP_PLACE is closed).
 */
function stepKindProblem(s: LNode & { kind: 'map' }, n: number): ShapeProblem | undefined {
  let kind: ReadonlySet<string> | undefined;
  for (const e of s.entries) {
    const own = RUN_ONLY.has(e.key) ? RUN_ONLY : USES_ONLY.has(e.key) ? USES_ONLY : undefined;
    if (own && kind && own !== kind)
      return {
        message: `${REFUSED}step ${n} of the action has \`${e.key}:\` beside a key of the other step kind ("Unexpected value '${e.key}'"); a composite step either runs a command (\`run:\`, \`shell:\`) or uses an action (\`uses:\`, \`with:\`)`,
        line: e.keyLine,
      };
    kind ??= own;
  }
  const missing =
    kind === undefined
      ? undefined
      : kind === RUN_ONLY
        ? ['run', 'shell'].find((k) => !s.entries.some((e) => e.key === k))
        : s.entries.some((e) => e.key === 'uses')
          ? undefined
          : 'uses';
  if (kind === undefined)
    return {
      message: `${REFUSED}step ${n} of the action has neither \`run:\` nor \`uses:\` ("There's not enough info to determine what you meant. Add one of these properties: run, shell, uses, with, working-directory")`,
      line: s.line,
    };
  return missing === undefined
    ? undefined
    : {
        message: `${REFUSED}step ${n} of the action has no \`${missing}:\` ("Required property is missing: ${missing}"); GitHub wants one there`,
        line: s.line,
      };
}

/**
 * Reads `DIR/action.yml` (or `action.yaml`) of the repository: `dir` is repository-relative and clean
 * (`''` for the root, no `.` or `..` segments); undefined when there is none, or it is a link, not a
 * file, or too large.
 */
export type ActionFileReader = (
  dir: string,
) => Promise<{ path: string; text: string } | { path: string; refused: string } | undefined>;

/**
 * Levels of local composite actions followed (a composite whose step uses another local composite, …):
 * the runner's own limit, 10 (actions/runner docs/adrs/1144-composite-actions.md; deeper fails the job
 * at "Set up job"). Session 10 stopped at 5 in silence, so a step six levels down was never judged.
 */
export const MAX_COMPOSITE_DEPTH = 10;

/** The repository-relative directory of a local `uses:`, or undefined (remote, or outside the repository). */
export function localActionDir(uses: string): string | undefined {
  const local = localUses(uses);
  if (local === undefined) return undefined;
  // localUses has normalized the path already (posix.normalize is idempotent).
  const dir = local.slice(2).replace(/\/+$/, '');
  if (dir === '..' || dir.startsWith('../') || dir.startsWith('/')) return undefined;
  return dir === '.' ? '' : dir;
}

/**
 * Each job's actions with those of the local composite actions its steps run, followed up to
 * MAX_COMPOSITE_DEPTH levels (cycles stopped). A nested reference keeps the workflow step's line and
 * names the action file and line it is written at (`via`). Directories the reader has no action file
 * for (made by an earlier step, a link) add nothing.
 */
export async function withCompositeActions(
  workflows: readonly WorkflowModel[],
  read: ActionFileReader,
): Promise<WorkflowModel[]> {
  type Read =
    | {
        path: string;
        uses: CompositeUses[];
        defaults?: InputValues;
        problem?: string;
        unread?: true;
        digest: string;
      }
    | { path?: string; problem: string; unread?: true; digest?: undefined };
  const cache = new Map<string, Promise<Read>>();
  const composite = (dir: string) => {
    let hit = cache.get(dir);
    if (!hit) {
      hit = read(dir).then((f): Read => {
        if (!f) return { problem: 'no action.yml or action.yaml of the repository is there' };
        if ('refused' in f) return { path: f.path, problem: f.refused, unread: true };
        const r = readComposite(f.text);
        return { path: f.path, ...r, digest: sha256Hex(f.text) };
      });
      cache.set(dir, hit);
    }
    return hit;
  };
  const nested = async (
    top: ActionRef,
    uses: string,
    depth: number,
    seen: ReadonlySet<string>,
    out: ActionRef[],
    unread: Mutable<NonNullable<JobModel['unreadActions']>>,
    // Each action file read, as `PATH DIGEST`: what the job's steps run, whose outputs they write.
    files: string[],
    // The runner's scope for this action's steps: the workflow step's id, then each composite step's
    // (`o.m`); undefined when generated (`__…`, refused by the action); null when not knowable here
    // (a composite step without an id inside a scope that is not generated).
    outerId: string | null | undefined,
    // The `with:` of the step that runs this action: what its `${{ inputs.NAME }}` reads with the
    // action's defaults; null when that `with:` is one expression (any input may be passed).
    given: InputValues | undefined | null,
    // The `env:` names that redirect this action's steps: the running workflow step's (its job's and
    // workflow's included) and each composite step's on the way down (session 32).
    redirect: readonly Located<string>[],
  ) => {
    const dir = localActionDir(uses);
    // What is not read is said (unread-local-action), never passed in silence (session 11): a path
    // that leaves the repository names a directory an earlier step makes; deeper than the runner's
    // limit GitHub fails the job, but nothing here can be sure its count is the runner's.
    const notRead = (problem: string) => unread.push({ uses, line: top.line, problem });
    if (dir === undefined) {
      if (localUses(uses) !== undefined)
        notRead('its path leaves the repository (`..`): a directory the job makes, never read here');
      return;
    }
    if (seen.has(dir)) return;
    if (depth > MAX_COMPOSITE_DEPTH) {
      notRead(`it is nested more than ${MAX_COMPOSITE_DEPTH} local composite actions deep`);
      return;
    }
    const action = await composite(dir);
    if (action.digest !== undefined) files.push(`${action.path} ${action.digest}`);
    // What the check cannot read it cannot judge: said, not passed in silence (session 10).
    if (action.problem)
      unread.push({
        uses,
        line: top.line,
        ...(action.path ? { file: action.path } : {}),
        problem: action.problem,
        // The repository holds it (a link, too large, YAML this reader refuses): unjudged code
        // GitHub may run, which fails the check (unreadable-local-action), unlike a missing file.
        ...(action.unread ? { held: true as const } : {}),
      });
    if (!('uses' in action)) return;
    const inputs = inputsWithDefaults(given, action.defaults);
    const chain = new Set(seen).add(dir);
    for (const u of action.uses) {
      const env = u.env ? [...redirect, ...u.env] : redirect;
      out.push({
        uses: u.uses,
        line: top.line,
        kind: usesKind(u.uses),
        on: 'step',
        ...(top.step !== undefined ? { step: top.step } : {}),
        via: {
          file: action.path,
          line: u.line,
          ...(outerId === null ? { outerUnknown: true } : outerId !== undefined ? { outerId } : {}),
          ...(u.id !== undefined ? { id: u.id } : {}),
          ...(u.with ? { with: u.with } : {}),
          ...(u.withExpression ? { withExpression: u.withExpression } : {}),
          ...(inputs ? { inputs } : {}),
          ...(u.image ? { image: true as const } : {}),
          ...(env.length ? { redirectingEnv: env } : {}),
        },
      });
      const scope =
        outerId === undefined || outerId === null
          ? outerId
          : u.id !== undefined
            ? `${outerId}.${u.id}`
            : null;
      await nested(
        top,
        u.uses,
        depth + 1,
        chain,
        out,
        unread,
        files,
        scope,
        u.withExpression ? null : u.with && withInputsRead(u.with, inputs),
        env,
      );
    }
  };
  const out: WorkflowModel[] = [];
  for (const wf of workflows) {
    if (wf.error) {
      out.push(wf);
      continue;
    }
    let changed = false;
    const jobs = [];
    for (const job of wf.jobs) {
      const extra: ActionRef[] = [];
      const unread: Mutable<NonNullable<JobModel['unreadActions']>> = [];
      const files: string[] = [];
      for (const a of job.actions)
        if (a.on === 'step' && a.kind === 'local') {
          // The workflow step that runs it: its `id:` names the composite's steps to the runner.
          const st = job.steps.find((x) => x.uses === a.uses && (x.id ?? x.name ?? `#${x.index}`) === a.step);
          await nested(
            a,
            a.uses,
            1,
            new Set(),
            extra,
            unread,
            files,
            st?.id,
            st?.withExpression ? null : st?.with,
            st?.redirectingEnv ?? [],
          );
        }
      if (extra.length || unread.length || files.length) changed = true;
      jobs.push(
        extra.length || unread.length || files.length
          ? {
              ...job,
              actions: [...job.actions, ...extra],
              ...(unread.length ? { unreadActions: unread } : {}),
              ...(files.length ? { localActions: sha256Hex(files.join('\n')) } : {}),
            }
          : job,
      );
    }
    out.push(changed ? { ...wf, jobs } : wf);
  }
  return out;
}
