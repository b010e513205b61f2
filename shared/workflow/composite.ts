/**
 * Local composite actions (`uses: ./path` whose `action.yml` says `runs: { using: composite }`): their
 * steps run in the job, with its token and secrets, and GitHub's own allowed-actions policy covers the
 * actions they use. Pure: action file text in, the `uses:` of its steps out. The reading (no links, at
 * most a few levels of local composites) is the check's edge, shared/check/load.ts.
 */
import { parseLocatedYaml, type LNode } from '../yaml/located.js';
import { stepNodes } from './parse.js';

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
  const runs = get(parsed.root, 'runs');
  const using = get(runs, 'using');
  if (using?.kind !== 'scalar' || String(using.value).toLowerCase() !== 'composite') return [];
  return stepNodes(get(runs, 'steps')).flatMap((s) => {
    const u = get(s, 'uses');
    return u?.kind === 'scalar' && typeof u.value === 'string' ? [{ uses: u.value, line: u.line }] : [];
  });
}
