/**
 * Matches renamed or moved workflow files, so a rename is shown as changes (or none), not as a
 * removal plus an addition: a removed and an added file pair up when their job ids overlap enough.
 */
import type { WorkflowSnap } from './snapshot.js';

function similarity(a: WorkflowSnap, b: WorkflowSnap): number {
  const x = new Set(a.jobs.keys());
  const y = new Set(b.jobs.keys());
  const inter = [...x].filter((k) => y.has(k)).length;
  const union = new Set([...x, ...y]).size;
  return union === 0 ? 0 : inter / union;
}

/** head name -> base name, for files only on one side each. */
export function matchRenames(
  base: ReadonlyMap<string, WorkflowSnap>,
  head: ReadonlyMap<string, WorkflowSnap>,
): Map<string, string> {
  const removed = [...base.keys()].filter((n) => !head.has(n));
  const added = [...head.keys()].filter((n) => !base.has(n));
  const pairs: { from: string; to: string; score: number }[] = [];
  for (const from of removed)
    for (const to of added) pairs.push({ from, to, score: similarity(base.get(from)!, head.get(to)!) });
  pairs.sort((p, q) => q.score - p.score || p.to.localeCompare(q.to));
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (p.score < 0.5 || out.has(p.to) || used.has(p.from)) continue;
    out.set(p.to, p.from);
    used.add(p.from);
  }
  return out;
}
