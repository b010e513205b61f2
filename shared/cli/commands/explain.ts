import { readFile } from 'node:fs/promises';
import { EXIT, UsageError, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { decide } from '../../broker/decide.js';
import { BrokerRefusal } from '../../broker/errors.js';
import { exchangeRequestOf } from '../../broker/request.js';
import { readManifest } from '../../manifest/load.js';
import { ManifestError } from '../../manifest/errors.js';
import { readOrgPolicyFile } from '../../check/load.js';
import type { GithubOidcClaims } from '../../oidc/claims.js';
import { renderVerdict, type ConditionVerdict } from '../../conditions/verdict.js';
import { SUMMARIES } from '../summaries.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: SUMMARIES.explain,
  help: `Usage: stepwarden explain --manifest PATH --claims FILE|- --audience AUD --job JOB --step STEP [--scope S] [--org-policy PATH] [--default-branch NAME] [--caller-job JOB]

Runs the broker's grant decision (the same code) on a manifest and the claims of an OIDC token (a JSON
object, e.g. from 'stepwarden verify --format json' | jq .claims), and prints what would be issued or
precisely why it would be refused: which claim, which rule, which manifest line. Every grant condition
(ref, environment, event, … and the default-branch default) is listed with its verdict. The default
branch is the manifest's repository.default-branch, else --default-branch, else main. Nothing is issued.
A reusable workflow's job-bound callers (callers: [FILE/JOB], a caller job's calls:) need the caller
job the broker verifies through the Jobs API; --caller-job JOB answers as if it verified JOB.
Against a running broker, POST /token with dry_run=true answers the same question.

Exit codes: 0 would be granted, 1 would be refused, 2 bad input.
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const { values } = parseCommandArgs('explain', argv, {
      manifest: { type: 'string' },
      claims: { type: 'string' },
      audience: { type: 'string' },
      job: { type: 'string' },
      step: { type: 'string' },
      scope: { type: 'string', default: '' },
      'org-policy': { type: 'string' },
      'default-branch': { type: 'string' },
      'caller-job': { type: 'string' },
    });
    for (const k of ['manifest', 'claims', 'audience', 'job', 'step'] as const)
      if (!values[k]) throw new UsageError(`--${k} is required`);
    let claims: GithubOidcClaims;
    try {
      const text = values.claims === '-' ? await io.readStdin() : await readFile(values.claims!, 'utf8');
      const obj = JSON.parse(text) as { claims?: GithubOidcClaims } & GithubOidcClaims;
      claims = obj.claims ?? obj;
    } catch (err) {
      throw new UsageError(`--claims: ${(err as Error).message}`);
    }
    const conditions: ConditionVerdict[] = [];
    const printConditions = () => {
      if (conditions.length === 0) return;
      io.stdout('conditions:\n');
      for (const v of conditions) io.stdout(`  ${renderVerdict(v)}\n`);
    };
    try {
      const manifest = await readManifest(values.manifest!);
      const org = values['org-policy'] ? await readOrgPolicyFile(values['org-policy']) : undefined;
      // The form as the broker reads it first (request.ts): a part past its bounds or holding a
      // control character is refused before any grant is looked at (session 27).
      const request = exchangeRequestOf(
        new URLSearchParams({
          audience: values.audience!,
          scope: values.scope ?? '',
          job: values.job!,
          step: values.step!,
        }),
      );
      const d = decide(
        {
          claims,
          request,
          manifest,
          ...(org ? { org } : {}),
          callerJob: values['caller-job']
            ? values['caller-job']
            : {
                unverified: 'explain cannot verify it; pass --caller-job JOB to answer as if the broker did',
              },
          ...(values['default-branch'] && !manifest.manifest.repository?.['default-branch']
            ? { defaultBranch: values['default-branch'] }
            : {}),
        },
        conditions,
      );
      printConditions();
      io.stdout(
        `would be granted: ${d.kind === 'github' ? 'GitHub installation token' : `JWT for ${d.audience}`}, scope '${d.scope}', ttl ${d.ttl}s, ${d.uses} claim(s) per run attempt (${manifest.file}:${d.manifestLine})\n`,
      );
      return EXIT.ok;
    } catch (err) {
      if (err instanceof BrokerRefusal) {
        printConditions();
        io.stdout(`would be refused: ${err.error} ${err.code}: ${err.description}\n`);
        return EXIT.findings;
      }
      if (err instanceof ManifestError) {
        io.stderr(`stepwarden explain: ${err.message}\n`);
        return EXIT.usage;
      }
      throw err;
    }
  },
};
