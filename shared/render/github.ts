/**
 * Workflow-command annotations. GitHub shows at most 10 error and 10 warning annotations per step, so
 * the rest are counted in one notice that says where the full list is.
 *
 * Annotations are plain data first: the action hands them to `core.error` / `core.warning` /
 * `core.notice` (the toolkit's own escaping), and `--format github` prints them with the same
 * encoding (a test holds the two byte-equal).
 */
import type { AnnotationProperties } from '@actions/core';
import type { CheckResult } from '../check/run.js';
import type { Finding } from '../check/finding.js';
import { visibleText } from './escape.js';

export const ANNOTATION_CAP = 10;

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly message: string;
  readonly properties: AnnotationProperties;
}

/** The workflow-command escaping of @actions/core (`escapeData` / `escapeProperty` in its command.js). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
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

/** One workflow command, encoded as `@actions/core` encodes it (property order: title, file, line). */
export function formatAnnotation(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ['title', a.properties.title],
    ['file', a.properties.file],
    ['line', a.properties.startLine],
    ['endLine', a.properties.endLine],
    ['col', a.properties.startColumn],
    ['endColumn', a.properties.endColumn],
  ];
  const text = props
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${a.level}${text ? ` ${text}` : ''}::${escapeData(a.message)}`;
}

export function renderGithub(result: CheckResult, fullListAt = 'the job summary'): string {
  const lines = annotationsOf(result, fullListAt).map(formatAnnotation);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
