/** Manifest and policy errors: every problem at once, each with file, line and the fix. */
import { oneLine } from '../render/escape.js';

export interface Problem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly fix?: string;
}

/** A manifest, policy or config file that cannot be used; `code` says which kind. */
export class ManifestError extends Error {
  constructor(
    readonly problems: readonly Problem[],
    readonly code: string = 'ERR_MANIFEST_INVALID',
  ) {
    super(formatProblems(problems));
    this.name = 'ManifestError';
  }
}

export function formatProblems(problems: readonly Problem[]): string {
  // One line per problem: keys and paths come from the (possibly hostile) file and reach runner logs.
  return problems
    .map((p) => oneLine(`${p.file}:${p.line}: ${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`))
    .join('\n');
}

/** Levenshtein distance, small inputs only (key names). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest valid name, when it is close enough to be a likely typo. */
export function nearest(word: string, choices: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of choices) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
