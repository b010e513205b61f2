/**
 * GitHub's own parser test cases for permissions (actions/languageservices,
 * workflow-parser/testdata/reader; each fixture's header names its commit), read as that
 * repository's xlang.test.ts reads them: options, the caller workflow, pairs of called-workflow
 * reference and text, and the expected result (errors, or the converted jobs).
 *
 * stepwarden resolves local reusable workflows only, so each called workflow is given a local file
 * name and every `uses:` of its reference is rewritten to `./.github/workflows/<that name>`: a
 * same-repository (so same-organization) call. `permissions-policy: LimitedRead` is the restricted
 * repository default, `Write` the permissive one; cases without a policy write a block on the caller.
 */
import { describe, expect, it } from '@jest/globals';
import yaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import { runCheck, type JobReport } from '../../shared/check/run.js';
import { manifest, wf } from '../support/repo.js';

const dir = new URL('../fixtures/languageservices/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

/** The scopes GitHub's parser knows, in the order its messages list them. */
const GITHUB_SCOPES = [
  'actions',
  'checks',
  'contents',
  'deployments',
  'discussions',
  'issues',
  'packages',
  'pages',
  'pull-requests',
  'repository-projects',
  'statuses',
  'security-events',
  'id-token',
];

/**
 * Known, reasoned differences (docs/decisions.md, "GitHub's parser"): `read-all` gives `id-token: read`
 * in GitHub's model, a level the id-token scope does not have (only write or none); stepwarden
 * reads it as none. Nothing else is allowed to differ.
 */
const ALLOWED = (pair: string) => pair !== 'id-token: read';

interface Expected {
  readonly errors?: { readonly Message: string }[];
  readonly jobs?: ExpectedJob[];
}
interface ExpectedJob {
  readonly type: 'job' | 'reusableWorkflowJob';
  readonly id: string;
  readonly permissions?: Record<string, string>;
  readonly jobs?: ExpectedJob[];
}

function load(file: string) {
  const docs = readFileSync(new URL(file, dir), 'utf8').split(/\r?\n---\r?\n/);
  const options = (yaml.load(docs[0]!) ?? {}) as { 'permissions-policy'?: string };
  const expected = JSON.parse(docs[docs.length - 1]!) as Expected;
  const refs: { ref: string; local: string; text: string }[] = [];
  for (let i = 2; i + 1 < docs.length - 1; i += 2) {
    const ref = docs[i]!.trim();
    const base = /([^/@]+\.ya?ml)(@.*)?$/.exec(ref)![1]!;
    refs.push({ ref, local: `${refs.length}-${base}`, text: docs[i + 1]! });
  }
  const localize = (text: string) =>
    refs.reduce((t, r) => t.split(`uses: ${r.ref}`).join(`uses: ./.github/workflows/${r.local}`), text);
  const workflows = [wf(file, localize(docs[1]!)), ...refs.map((r) => wf(r.local, localize(r.text)))];
  const def = options['permissions-policy'] === 'Write' ? 'permissive' : 'restricted';
  const result = runCheck({
    workflows,
    manifest: manifest(`version: 1\npolicy:\n  repository-default-permissions: ${def}\n`),
  });
  return { expected, refs, workflows, result };
}

/** `a: b, c: d` as GitHub prints it (a truncated tail, `co[...]`, is dropped). */
function pairs(list: string): string[] {
  const truncated = list.endsWith('[...]');
  const items = list.split(', ');
  return (truncated ? items.slice(0, -1) : items).filter(ALLOWED);
}

const REFUSAL =
  /Error calling workflow '([^']+)'\. The (?:nested job '([^']+)'|workflow '([^']+)') is requesting '([^']*)', but is only allowed '([^']*)/;

describe("GitHub's parser test cases for permissions (actions/languageservices)", () => {
  it('are all here (37 permission cases at the recorded commit)', () => {
    expect(files).toHaveLength(37);
    for (const f of files)
      expect(readFileSync(new URL(f, dir), 'utf8')).toMatch(
        /^# Origin: https:\/\/github\.com\/actions\/languageservices, workflow-parser\/testdata\/reader\/.+, commit [0-9a-f]{40}/,
      );
  });

  it.each(files)('%s', (file) => {
    const { expected, refs, workflows, result } = load(file);
    const refused = result.findings.filter((f) => f.rule === 'nested-overreach');

    if (expected.errors) {
      const refusals = expected.errors.map((e) => REFUSAL.exec(e.Message));
      if (refusals.every((r) => r === null)) {
        // Not a refusal: an invalid block. stepwarden must report an error on the same line.
        const line = Number(/\(Line: (\d+),/.exec(expected.errors[0]!.Message)![1]);
        expect(result.findings.some((f) => f.severity === 'error' && f.line === line)).toBe(true);
        return;
      }
      const want = refusals.map((r) => {
        const [, called, job, , requested, allowed] = r!;
        const local = refs.find((x) => x.ref === called)!.local;
        return {
          called: `./.github/workflows/${local}`,
          who: job !== undefined ? `nested job '${job}'` : `workflow './.github/workflows/${local}'`,
          requested: pairs(requested!),
          allowed: pairs(allowed!),
        };
      });
      const got = refused.map((f) => {
        const [, called, job, workflow, requested, allowed] = REFUSAL.exec(f.message)!;
        return {
          called: called!,
          who: job !== undefined ? `nested job '${job}'` : `workflow '${workflow}'`,
          // Compared on the scopes GitHub's parser knows; stepwarden lists newer ones too.
          requested: requested!.split(', ').filter((p) => GITHUB_SCOPES.includes(p.split(':')[0]!)),
          allowed: allowed!.split(', ').filter((p) => GITHUB_SCOPES.includes(p.split(':')[0]!)),
        };
      });
      // GitHub truncates long messages (`[...]`): each list is compared on the part GitHub printed.
      expect(
        got.map((g, i) => ({
          called: g.called,
          who: g.who,
          requested: g.requested.slice(0, want[i]?.requested.length),
          allowed: g.allowed.slice(0, want[i]?.allowed.length),
        })),
      ).toEqual(want);
      for (const [i, g] of got.entries())
        if (!expected.errors[i]!.Message.includes('[...]')) {
          expect(g.requested).toEqual(want[i]!.requested);
          expect(g.allowed).toEqual(want[i]!.allowed);
        }
      return;
    }

    // GitHub starts the run: no refusal, and every job holds what GitHub's converted job says.
    expect(refused).toEqual([]);
    expect(workflows.every((w) => !w.error)).toBe(true);
    const own = (j: JobReport) =>
      Object.entries(j.permissions).filter(([s, l]) => GITHUB_SCOPES.includes(s) && ALLOWED(`${s}: ${l}`));
    const visit = (jobs: readonly ExpectedJob[], parent: string | undefined) => {
      for (const j of jobs) {
        if (j.type === 'reusableWorkflowJob') visit(j.jobs ?? [], j.id);
        else if (j.permissions) {
          const mine = result.jobs.find((r) =>
            parent === undefined ? r.job === j.id && !r.via : r.job === j.id && r.via?.endsWith(`/${parent}`),
          );
          expect(mine).toBeDefined();
          const want = Object.entries(j.permissions).filter(
            ([s, l]) => ALLOWED(`${s}: ${l}`) && l !== 'none',
          );
          expect(Object.fromEntries(own(mine!))).toEqual(Object.fromEntries(want));
        }
      }
    };
    visit(expected.jobs ?? [], undefined);
  });
});
