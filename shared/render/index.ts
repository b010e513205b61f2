/** Renderer selection by `--format`; renderers know nothing of rules beyond their metadata. */
import type { CheckResult } from '../check/run.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export const FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function isFormat(s: string): s is Format {
  return (FORMATS as readonly string[]).includes(s);
}

export function render(result: CheckResult, format: Format, version: string): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, version);
    case 'github':
      return renderGithub(result);
    case 'markdown':
      return renderMarkdown(result);
    default:
      return renderText(result);
  }
}
