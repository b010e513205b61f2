/** Test helpers: build models and manifests from inline YAML. */
import { parseWorkflow } from '../../shared/workflow/parse.js';
import type { WorkflowModel } from '../../shared/workflow/model.js';
import { loadManifest, type LoadedManifest } from '../../shared/manifest/load.js';

export function wf(file: string, text: string): WorkflowModel {
  return parseWorkflow(file, `.github/workflows/${file}`, text);
}

export function manifest(text: string): LoadedManifest {
  return loadManifest(text, '.github/access-manifest.yml');
}

/** Strips the common indentation of a template literal, so fixtures can be indented in code. */
export function y(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
