/**
 * Workflow-command annotations. GitHub shows at most 10 error and 10 warning annotations per step, so
 * the rest are counted in one notice that says where the full list is.
 */
import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';

export const ANNOTATION_CAP = 10;

/** Escaping of the workflow-command protocol (as @actions/core does it). */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(f: Finding): string {
  const command = f.severity === 'error' ? 'error' : 'warning';
  return `::${command} file=${escapeProperty(f.file)},line=${f.line},title=${escapeProperty(`stepwarden ${f.rule}`)}::${escapeData(f.message)}`;
}

export function renderGithub(result: CheckResult, fullListAt = 'the job summary'): string {
  const out: string[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const all = result.findings.filter((f) => f.severity === severity);
    out.push(...all.slice(0, ANNOTATION_CAP).map(annotation));
    if (all.length > ANNOTATION_CAP) {
      out.push(
        `::notice title=stepwarden::${all.length - ANNOTATION_CAP} more ${severity}s are not annotated (GitHub shows ${ANNOTATION_CAP} per step); the full list is in ${escapeData(fullListAt)}`,
      );
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
