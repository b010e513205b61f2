/**
 * The check parses workflows without what only the access diff reads (session 34: `parseWorkflow`'s
 * `forDiff` false, about 48 M instructions of the corpus check): the model is the whole model less
 * exactly DIFF_ONLY_JOB_FIELDS, DIFF_ONLY_WORKFLOW_FIELDS and `runsOn.sources`, the check's report is
 * the same, and nothing the check runs reads one of those fields.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCorpusRepo } from '../../bench/corpus-repo.js';
import { checkDirectory, directoryActionReader, readWorkflowsSafely } from '../../shared/check/load.js';
import { runCheck } from '../../shared/check/run.js';
import { loadManifest } from '../../shared/manifest/load.js';
import { withCompositeActions } from '../../shared/workflow/composite.js';
import {
  DIFF_ONLY_JOB_FIELDS,
  DIFF_ONLY_WORKFLOW_FIELDS,
  type WorkflowModel,
} from '../../shared/workflow/model.js';
import { parseWorkflow } from '../../shared/workflow/parse.js';

/** The whole model less what only the diff reads. */
function withoutDiffFields(w: WorkflowModel): unknown {
  const out: Record<string, unknown> = { ...w };
  for (const f of DIFF_ONLY_WORKFLOW_FIELDS) delete out[f];
  out.jobs = w.jobs.map((j) => {
    const job: Record<string, unknown> = { ...j };
    for (const f of DIFF_ONLY_JOB_FIELDS) delete job[f];
    if (j.runsOn) {
      const runsOn: Record<string, unknown> = { ...j.runsOn };
      delete runsOn.sources;
      job.runsOn = runsOn;
    }
    return job;
  });
  return out;
}

/** Which diff-only fields a model holds. */
function diffFieldsOf(w: WorkflowModel): string[] {
  const found = DIFF_ONLY_WORKFLOW_FIELDS.filter((f) => w[f] !== undefined) as string[];
  for (const j of w.jobs) {
    for (const f of DIFF_ONLY_JOB_FIELDS) if (j[f] !== undefined) found.push(f);
    if (j.runsOn?.sources !== undefined) found.push('runsOn.sources');
  }
  return found;
}

// One workflow holding every field the diff alone reads.
const EVERY = `name: every
on:
  workflow_call:
    inputs:
      image: { type: string, default: node }
  pull_request_target:
    branches: [main]
env:
  E: \${{ needs.a.outputs.x }}
jobs:
  a:
    runs-on: \${{ matrix.os }}
    strategy:
      matrix:
        os: [ubuntu-latest]
        env: [prod]
    environment: \${{ matrix.env }}
    container: ghcr.io/\${{ inputs.image }}:20
    if: inputs.image != ''
    outputs:
      x: \${{ steps.s.outputs.x }}
    steps:
      - id: s
        uses: ./.github/actions/local
        with:
          token: \${{ needs.b.outputs.t }}
          v: \${{ steps.s.outputs.y }}
      - run: echo \${{ secrets[format('K_{0}', needs.b.outputs.k)] }}
    needs: b
  b:
    runs-on: \${{ inputs.image }}
    steps:
      - run: echo hi
  c:
    uses: ./.github/workflows/other.yml
    with:
      v: \${{ needs.b.outputs.k }}
    needs: b
`;

describe('parseWorkflow(…, forDiff = false)', () => {
  it('is the whole model less exactly the diff-only fields', () => {
    const full = parseWorkflow('every.yml', '.github/workflows/every.yml', EVERY);
    const lean = parseWorkflow('every.yml', '.github/workflows/every.yml', EVERY, false);
    expect(full.error).toBeUndefined();
    // The fixture holds each of them, so the comparison below covers every one.
    const held = new Set(diffFieldsOf(full));
    for (const f of [...DIFF_ONLY_WORKFLOW_FIELDS, ...DIFF_ONLY_JOB_FIELDS, 'runsOn.sources'])
      expect([f, held.has(f)]).toEqual([f, true]);
    expect(diffFieldsOf(lean)).toEqual([]);
    expect(lean).toEqual(withoutDiffFields(full));
  });

  const work = mkdtempSync(join(tmpdir(), 's34-diff-only-'));
  const corpus = join(work, 'repo');
  beforeAll(async () => {
    await makeCorpusRepo(corpus, 300);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('on corpus workflows and the examples: the same model less those fields, the same report', async () => {
    let held = 0;
    for (const repo of [corpus, 'examples/demo-repo', 'examples/clean-repo']) {
      const dir = join(repo, '.github/workflows');
      for (const name of readdirSync(dir)) {
        const text = readFileSync(join(dir, name), 'utf8');
        const full = parseWorkflow(name, `.github/workflows/${name}`, text);
        const lean = parseWorkflow(name, `.github/workflows/${name}`, text, false);
        held += diffFieldsOf(full).length;
        expect(diffFieldsOf(lean)).toEqual([]);
        expect(lean).toEqual(withoutDiffFields(full));
      }
      // The check's report from the lean models is the report from the whole ones.
      const manifestPath = join(repo, '.github/access-manifest.yml');
      const manifest = loadManifest(readFileSync(manifestPath, 'utf8'), '.github/access-manifest.yml');
      const whole = await withCompositeActions(await readWorkflowsSafely(repo), directoryActionReader(repo));
      expect(await checkDirectory({ dir: repo })).toEqual(runCheck({ workflows: whole, manifest }));
    }
    expect(held).toBeGreaterThan(50);
  }, 120_000);

  it('nothing the check runs reads a diff-only field', () => {
    const fields = [...DIFF_ONLY_JOB_FIELDS, ...DIFF_ONLY_WORKFLOW_FIELDS, 'sources'];
    const read = new RegExp(`(?:\\.|\\[')(?:${fields.join('|')})\\b`);
    const files = [
      ...[
        'shared/check',
        'shared/check/rules',
        'shared/render',
        'shared/manifest',
        'shared/permissions',
      ].flatMap((d) =>
        readdirSync(d)
          .filter((f) => f.endsWith('.ts'))
          .map((f) => join(d, f)),
      ),
      'shared/workflow/access.ts',
      'shared/workflow/composite.ts',
      'shared/cli/commands/check.ts',
    ];
    const readers = files.filter((f) => read.test(readFileSync(f, 'utf8')));
    expect(readers).toEqual([]);
  });
});
