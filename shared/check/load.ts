/** I/O edge of the check: read workflows, the manifest and the org policy from disk. */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { loadWorkflowsFromDir } from '../workflow/load.js';
import { loadOrgPolicy, readManifest, type Loaded } from '../manifest/load.js';
import { ManifestError } from '../manifest/errors.js';
import { MANIFEST_PATH, type OrgPolicy } from '../manifest/schema.js';
import { runCheck, type CheckResult } from './run.js';

export interface CheckOptions {
  readonly dir: string;
  readonly manifest?: string;
  readonly orgPolicy?: string;
  /** Org policy text already fetched (e.g. from the org's .github repository). */
  readonly orgPolicyText?: { text: string; file: string };
}

export async function readOrgPolicyFile(path: string): Promise<Loaded<OrgPolicy>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new ManifestError([
      {
        file: path,
        line: 1,
        message: 'cannot read the organization policy file',
        fix: 'check the --org-policy path',
      },
    ]);
  }
  return loadOrgPolicy(text, path);
}

/** Loads everything and runs the check. Manifest problems throw ManifestError (exit 2 at the edge). */
export async function checkDirectory(opts: CheckOptions): Promise<CheckResult> {
  const manifestPath = opts.manifest ?? join(opts.dir, MANIFEST_PATH);
  const loaded = await readManifest(manifestPath);
  // Findings name repository-relative paths, so SARIF and annotations resolve inside the repository.
  const manifest = { ...loaded, file: relative(opts.dir, manifestPath) || manifestPath };
  const org = opts.orgPolicyText
    ? loadOrgPolicy(opts.orgPolicyText.text, opts.orgPolicyText.file)
    : opts.orgPolicy
      ? await readOrgPolicyFile(opts.orgPolicy)
      : undefined;
  const workflows = await loadWorkflowsFromDir(opts.dir);
  return runCheck({ workflows, manifest, ...(org ? { org } : {}) });
}
