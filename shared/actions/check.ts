/**
 * The required check (root action.yml): inputs -> checkDirectory -> summary, annotations, SARIF,
 * outputs. It only reads workflow files as data, so it is safe under pull_request_target and
 * merge_group: no code from the pull request runs.
 */
import * as core from '@actions/core';
import { annotations } from './annotations.js';
import { resolve } from 'node:path';
import { checkDirectory } from '../check/load.js';
import { ManifestError } from '../manifest/errors.js';
import { annotationsOf } from '../render/github.js';
import { renderMarkdown } from '../render/markdown.js';
import { renderSarif } from '../render/sarif.js';
import { VERSION } from '../cli/version.js';
import { writeOutputFile } from '../cli/output-file.js';
import type { ActionEntry } from './index.js';
import { writeStepSummary } from './summary.js';

/** `owner/.github:path/to/policy.yml` names a file in an organization repository, read through the API. */
export function parseRepoFileRef(ref: string): { owner: string; repo: string; path: string } | undefined {
  const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+):(.+)$/.exec(ref);
  return m ? { owner: m[1]!, repo: m[2]!, path: m[3]! } : undefined;
}

async function fetchRepoFile(
  ref: { owner: string; repo: string; path: string },
  token: string,
  baseUrl?: string,
): Promise<string> {
  // Octokit loads only for a policy read through the API: a check of a local policy never compiles it.
  const { octokit } = await import('../github/octokit.js');
  const gh = octokit({ auth: token, ...(baseUrl ? { baseUrl } : {}) });
  const res = await gh.rest.repos.getContent({ owner: ref.owner, repo: ref.repo, path: ref.path });
  const data = res.data as { content?: string; encoding?: string };
  if (typeof data.content !== 'string') throw new Error(`${ref.owner}/${ref.repo}:${ref.path} is not a file`);
  return Buffer.from(data.content, (data.encoding as BufferEncoding) ?? 'base64').toString('utf8');
}

export const checkAction: ActionEntry = {
  async run(_argv, io) {
    const workspace = io.env.GITHUB_WORKSPACE ?? io.cwd;
    const dir = resolve(workspace, core.getInput('path') || '.');
    const manifest = core.getInput('manifest');
    const orgPolicy = core.getInput('org-policy');
    const token = core.getInput('token');
    if (token) core.setSecret(token);
    const sarifFile = core.getInput('sarif-file');
    const failOn = core.getInput('fail-on') || 'error';
    if (!['error', 'warning', 'never'].includes(failOn)) {
      annotations.setFailed(`fail-on must be error, warning or never, not '${failOn}'`);
      return 2;
    }
    let orgPolicyText: { text: string; file: string } | undefined;
    const remote = orgPolicy ? parseRepoFileRef(orgPolicy) : undefined;
    if (remote) {
      if (!token) {
        annotations.setFailed(`org-policy '${orgPolicy}' is read through the API and needs the token input`);
        return 2;
      }
      try {
        orgPolicyText = { text: await fetchRepoFile(remote, token, io.env.GITHUB_API_URL), file: orgPolicy };
      } catch (err) {
        const status = (err as { status?: number }).status;
        annotations.setFailed(
          `cannot read org-policy '${orgPolicy}'${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}. ` +
            'The token needs contents: read on that repository (for an organization .github repository, a GitHub App token).',
        );
        return 2;
      }
    }
    let result;
    try {
      result = await checkDirectory({
        dir,
        ...(manifest ? { manifest: resolve(dir, manifest) } : {}),
        ...(orgPolicy && !remote ? { orgPolicy: resolve(workspace, orgPolicy) } : {}),
        ...(orgPolicyText ? { orgPolicyText } : {}),
      });
    } catch (err) {
      if (err instanceof ManifestError) {
        const missing = err.code === 'ERR_MANIFEST_MISSING';
        const what = err.code === 'ERR_ORG_POLICY_INVALID' ? 'organization policy' : 'manifest';
        const title = missing ? 'stepwarden missing manifest' : `stepwarden invalid ${what}`;
        for (const p of err.problems)
          annotations.error(`${p.message}${p.fix ? `. Fix: ${p.fix}` : ''}`, {
            file: p.file,
            startLine: p.line,
            title,
          });
        annotations.setFailed(
          missing
            ? 'cannot judge: there is no access manifest; run `stepwarden init` to write one (see the annotation)'
            : `cannot judge: the ${what} is invalid (${err.code}); see the annotations`,
        );
        return 2;
      }
      throw err;
    }
    const errors = result.findings.filter((f) => f.severity === 'error').length;
    const warnings = result.findings.length - errors;
    // The toolkit's own commands, so escaping of file names and messages is the toolkit's.
    for (const a of annotationsOf(result, sarifFile ? `the job summary and ${sarifFile}` : 'the job summary'))
      annotations[a.level](a.message, a.properties);
    // Outside a runner (no summary file) the annotations and outputs are the report.
    writeStepSummary(renderMarkdown(result));
    if (sarifFile) {
      const path = resolve(workspace, sarifFile);
      await writeOutputFile(path, renderSarif(result, VERSION), { mkdirs: true });
      core.setOutput('sarif-file', path);
    }
    core.setOutput('errors', String(errors));
    core.setOutput('warnings', String(warnings));
    const failed = (failOn === 'error' && errors > 0) || (failOn === 'warning' && errors + warnings > 0);
    if (failed) {
      annotations.setFailed(
        `stepwarden: ${errors} error(s), ${warnings} warning(s); see the annotations and the job summary`,
      );
      return 1;
    }
    return 0;
  },
};
