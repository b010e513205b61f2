/**
 * Workflow-command annotations. GitHub shows at most 10 error and 10 warning annotations per step, so
 * the rest are counted in one notice that says where the full list is.
 *
 * Annotations are plain data first: the action writes them through annotations.ts and `--format
 * github` prints them, both with the one encoder of workflow-command.ts (held byte-equal to
 * `@actions/core`'s by tests/render/render.test.ts and tests/actions/s38-runner-protocol).
 */
import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';
import { visibleText } from './escape.js';
import { annotationCommand, type AnnotationProperties } from './workflow-command.js';

export const ANNOTATION_CAP = 10;

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly properties: AnnotationProperties;
}

/**
 * An annotation is read in GitHub's UI (the check run, beside the pull request's lines), not only in
 * the log: its message's invisible characters are written out (`visibleText`), so a value's
 * bidirectional controls or zero-width characters cannot draw one name as another (session 34).
 */
function annotation(f: Finding): Annotation {
  return {
    level: f.severity,
    message: visibleText(f.message),
    properties: { title: `stepwarden ${f.rule}`, file: f.file, startLine: Math.max(1, f.line) },
  };
}

/** At most ANNOTATION_CAP errors and warnings each, then one notice per severity with the overflow. */
export function annotationsOf(result: CheckResult, fullListAt = 'the job summary'): Annotation[] {
  const out: Annotation[] = [];
  for (const severity of ['error', 'warning'] as const) {
    const all = result.findings.filter((f) => f.severity === severity);
    out.push(...all.slice(0, ANNOTATION_CAP).map(annotation));
    if (all.length > ANNOTATION_CAP) {
      const more = all.length - ANNOTATION_CAP;
      out.push({
        level: 'notice',
        message: `${more} more ${severity}${more === 1 ? ' is' : 's are'} not annotated (GitHub shows ${ANNOTATION_CAP} per step); the full list is in ${fullListAt}`,
        properties: { title: 'stepwarden' },
      });
    }
  }
  return out;
}

/** One annotation's workflow command, as the check action writes it (workflow-command.ts). */
export function formatAnnotation(a: Annotation): string {
  return annotationCommand(a.level, a.message, a.properties);
}

export function renderGithub(result: CheckResult, fullListAt = 'the job summary'): string {
  const lines = annotationsOf(result, fullListAt).map(formatAnnotation);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
