/**
 * Local composite actions (`uses: ./path` whose `action.yml` says `runs: { using: composite }`): their
 * steps run in the job, with its token and secrets, and GitHub's own allowed-actions policy covers the
 * actions they use. `compositeUses` is pure (action file text in, the `uses:` of its steps out);
 * `withCompositeActions` adds them to each job's actions through a reader the caller injects (a
 * directory, a git tree, the git data API), each of which reads no link and nothing outside the
 * repository.
 */
import { posix } from 'node:path';
import { parseLocatedYaml, type LNode } from '../yaml/located.js';
import type { ActionRef, WorkflowModel } from './model.js';
import { foldLiterals, mayFold } from './literal.js';
import { stepNodes } from './parse.js';
import { localUses, usesKind } from './uses.js';

export interface CompositeUses {
  readonly uses: string;
  readonly line: number;
}

const get = (n: LNode | undefined, key: string): LNode | undefined =>
  n?.kind === 'map' ? n.entries.find((e) => e.key === key)?.value : undefined;

/**
 * The `uses:` of every step of a composite action, with its line in the action file; an empty list for
 * an action of another kind (node, docker) or a file that does not parse (GitHub fails the step then).
 */
export function compositeUses(text: string): CompositeUses[] {
  const parsed = parseLocatedYaml(text);
  if (parsed.error || !parsed.root) return [];
  // The runner reads action files with the same template reader: `${{ 'x/y@v' }}` is `x/y@v`.
  const root = mayFold(text) ? foldLiterals(parsed.root) : parsed.root;
  const runs = get(root, 'runs');
  const using = get(runs, 'using');
  if (using?.kind !== 'scalar' || String(using.value).toLowerCase() !== 'composite') return [];
  return stepNodes(get(runs, 'steps')).flatMap((s) => {
    const u = get(s, 'uses');
    return u?.kind === 'scalar' && typeof u.value === 'string' ? [{ uses: u.value, line: u.line }] : [];
  });
}

/**
 * Reads `DIR/action.yml` (or `action.yaml`) of the repository: `dir` is repository-relative and clean
 * (`''` for the root, no `.` or `..` segments); undefined when there is none, or it is a link, not a
 * file, or too large.
 */
export type ActionFileReader = (dir: string) => Promise<{ path: string; text: string } | undefined>;

/** Levels of local composite actions followed (a composite whose step uses another local composite, …). */
export const MAX_COMPOSITE_DEPTH = 5;

/** The repository-relative directory of a local `uses:`, or undefined (remote, or outside the repository). */
export function localActionDir(uses: string): string | undefined {
  const local = localUses(uses);
  if (local === undefined) return undefined;
  const dir = posix.normalize(local.slice(2)).replace(/\/+$/, '');
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
  const cache = new Map<string, Promise<{ path: string; uses: CompositeUses[] } | undefined>>();
  const composite = (dir: string) => {
    let hit = cache.get(dir);
    if (!hit) {
      hit = read(dir).then((f) => (f ? { path: f.path, uses: compositeUses(f.text) } : undefined));
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
  ) => {
    const dir = localActionDir(uses);
    if (dir === undefined || seen.has(dir) || depth > MAX_COMPOSITE_DEPTH) return;
    const action = await composite(dir);
    if (!action) return;
    const chain = new Set(seen).add(dir);
    for (const u of action.uses) {
      out.push({
        uses: u.uses,
        line: top.line,
        kind: usesKind(u.uses),
        on: 'step',
        ...(top.step !== undefined ? { step: top.step } : {}),
        via: { file: action.path, line: u.line },
      });
      await nested(top, u.uses, depth + 1, chain, out);
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
      for (const a of job.actions)
        if (a.on === 'step' && a.kind === 'local') await nested(a, a.uses, 1, new Set(), extra);
      if (extra.length) changed = true;
      jobs.push(extra.length ? { ...job, actions: [...job.actions, ...extra] } : job);
    }
    out.push(changed ? { ...wf, jobs } : wf);
  }
  return out;
}
