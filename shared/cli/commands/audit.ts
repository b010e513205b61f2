import { createReadStream, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { EXIT, UsageError, wantsHelp, type CliIO, type Command, parseCommandArgs } from '../command.js';
import {
  anomalyThresholdsSchema,
  DEFAULT_THRESHOLDS,
  parseThresholds,
  THRESHOLD_KEYS,
  type AnomalyThresholds,
} from '../../audit/anomalies.js';
import { JsonSpool } from '../../audit/json-output.js';
import { streamAuditEvents, type AuditSource, type LineProblem } from '../../audit/read.js';
import { AuditReportBuilder } from '../../audit/report.js';
import { renderAuditMarkdown } from '../../audit/render-markdown.js';
import { accessChangeEvents, runStartedEvent } from '../../audit/run-events.js';
import { runContext } from '../../audit/trail.js';
import { MANIFEST_PATH } from '../../manifest/schema.js';
import { VERSION } from '../version.js';
import { openOutputStream } from '../output-file.js';
import { SUMMARIES } from '../summaries.js';

const FORMATS = ['markdown', 'json'] as const;
/** Problems printed in full; the rest are counted. */
const SHOWN_PROBLEMS = 10;

const thresholdHelp = THRESHOLD_KEYS.map((k) => {
  const s = anomalyThresholdsSchema.shape[k];
  return `  --${k.padEnd(16)} N  ${s.description ?? ''} (default ${DEFAULT_THRESHOLDS[k]})`;
}).join('\n');

/** GitHub's event name from a payload's shape, for `--event-path` outside a runner. */
function inferEventName(p: Record<string, unknown>): string | undefined {
  if ('inputs' in p && 'workflow' in p) return 'workflow_dispatch';
  if ('schedule' in p) return 'schedule';
  if ('commits' in p && 'pusher' in p) return 'push';
  if ('pull_request' in p) return 'pull_request';
  if ('workflow_run' in p) return 'workflow_run';
  if ('client_payload' in p) return 'repository_dispatch';
  if ('release' in p) return 'release';
  return undefined;
}

/** Run-level events from a GitHub event payload file, in the runner's context when there is one. */
function payloadEvents(path: string, eventName: string | undefined, io: CliIO, manifestPath: string) {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(
      `--event-path ${path}: ${(err as Error).message}; give the JSON file of GITHUB_EVENT_PATH`,
    );
  }
  const name = eventName ?? io.env.GITHUB_EVENT_NAME ?? inferEventName(payload);
  const repo = (payload.repository as { full_name?: string } | undefined)?.full_name;
  const ctx = {
    ...runContext(io.env),
    ...(name ? { event_name: name } : {}),
    ...(!io.env.GITHUB_REPOSITORY && repo ? { repository: repo } : {}),
    ...(!io.env.GITHUB_REF && typeof payload.ref === 'string' ? { ref: payload.ref } : {}),
  };
  const time = new Date().toISOString();
  return [
    runStartedEvent({ ...ctx, source: 'cli' }, payload, time),
    ...accessChangeEvents({ ...ctx, source: 'cli' }, name, payload, manifestPath, time),
  ];
}

export const auditCommand: Command = {
  name: 'audit',
  summary: SUMMARIES.audit,
  help: `Usage: stepwarden audit [FILE ...] [options]

Reads audit events as JSON lines — job trails ($RUNNER_TEMP/stepwarden/audit.jsonl), the broker's
audit log, GitHub organization audit-log exports (see docs/audit-github-log.md), in any mix — and
reports what the workload did (machine-initiated access) apart from what people did directly
(dispatches, re-runs, approvals, access-rule changes, the kill switch), with refusals and
machine-paced anomalies first. Streams: a log of a million events runs in bounded memory.

Arguments:
  FILE                input files; none or '-' reads standard input

Options:
  --format FORMAT     markdown (default) | json
                        markdown  the job summary the audit action writes (kept under 1 MiB)
                        json      { run, workload: [events], administrator: [events],
                                    anomalies, workload_groups, totals }; every event carries its
                                    classification { class, initiator, rule }
  --event-path PATH   a GitHub event payload (GITHUB_EVENT_PATH): adds who or what started the run
                      (dispatch inputs, re-run) and the access-rule changes of a push
  --event-name NAME   the event of --event-path (default GITHUB_EVENT_NAME, else guessed from the payload)
  --manifest PATH     the manifest path whose changes count as access-rule changes
                      (default ${MANIFEST_PATH})
  --output FILE       write the report to FILE (atomically) instead of standard output
${thresholdHelp}
  -h, --help          this help

Exit codes:
  0  the input shows no anomaly (nothing is verified: a job's trail is writable by its steps)
  1  anomalies (a refusal is one when --refusals is 0, the default)
  2  cannot read: a missing file, bad arguments, or input in which no line is an audit event
Lines that are not events are reported on stderr with file:line and counted in totals.malformed.

Classification rules and ambiguous cases: docs/audit.md.

Examples:
  stepwarden audit "$RUNNER_TEMP/stepwarden/audit.jsonl"
  stepwarden audit broker-audit.jsonl --format json --output audit.json
  gh api --paginate "/orgs/ORG/audit-log?include=all" --jq '.[]' | stepwarden audit - --refusals 5
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const { values, positionals } = parseCommandArgs(
      'audit',
      argv,
      {
        format: { type: 'string', default: 'markdown' },
        'event-path': { type: 'string' },
        'event-name': { type: 'string' },
        manifest: { type: 'string', default: MANIFEST_PATH },
        output: { type: 'string' },
        ...Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, { type: 'string' as const }])),
      },
      true,
    );
    const format = values.format as string;
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UsageError(`unknown --format '${format}'; one of: ${FORMATS.join(', ')}`);
    let thresholds: AnomalyThresholds;
    try {
      thresholds = parseThresholds(
        (k) => (values as Record<string, string | undefined>)[k],
        (k) => `--${k}`,
      );
    } catch (err) {
      throw new UsageError((err as Error).message);
    }

    const files = positionals.length ? positionals : ['-'];
    const sources: AuditSource[] = [];
    for (const f of files) {
      if (f === '-') {
        const stdin = io.stdinStream ?? Readable.from([await io.readStdin()]);
        sources.push({ name: '-', stream: stdin });
        continue;
      }
      const path = resolve(io.cwd, f);
      const st = statSync(path, { throwIfNoEntry: false });
      if (!st?.isFile()) throw new UsageError(`${f}: no such file; give audit trails or logs (JSON lines)`);
      sources.push({ name: f, stream: createReadStream(path) });
    }

    const spool = format === 'json' ? new JsonSpool() : undefined;
    let pending: Promise<void> | undefined;
    const builder = new AuditReportBuilder({
      thresholds,
      ...(spool
        ? {
            onEvent: (e, c) => {
              pending = spool.add(e, c) ?? pending;
            },
          }
        : {}),
    });
    const problems: LineProblem[] = [];
    let problemCount = 0;
    const onProblem = (p: LineProblem) => {
      problemCount++;
      builder.malformed();
      if (problems.length < SHOWN_PROBLEMS) problems.push(p);
    };
    try {
      if (values['event-path'])
        for (const e of payloadEvents(
          resolve(io.cwd, values['event-path']),
          values['event-name'],
          io,
          values.manifest!,
        ))
          builder.add(e);
      const lines = await streamAuditEvents(
        sources,
        (e) => {
          builder.add(e);
          // Wait for the spool when it asks, so a slow disk cannot make events pile up in memory.
          const p = pending;
          pending = undefined;
          return p;
        },
        onProblem,
      );
      for (const p of problems) io.stderr(`${p.file}:${p.line}: ${p.message}\n`);
      if (problemCount > problems.length)
        io.stderr(`… and ${problemCount - problems.length} more unreadable lines\n`);
      const report = builder.finish();
      if (report.totals.events === 0 && problemCount > 0) {
        spool?.discard();
        io.stderr(
          `stepwarden audit: cannot read: none of ${lines} lines is an audit event or a GitHub audit-log entry\n`,
        );
        return EXIT.usage;
      }
      await emit(io, values.output ? resolve(io.cwd, values.output) : undefined, async (out) => {
        if (spool) await spool.finish(report, out);
        else out.write(renderAuditMarkdown(report, { version: VERSION }));
      });
      return report.totals.anomalies > 0 ? EXIT.findings : EXIT.ok;
    } catch (err) {
      spool?.discard();
      throw err;
    }
  },
};

/** Writes to FILE whole or not at all (shared/cli/output-file.ts), or to stdout. */
async function emit(
  io: CliIO,
  file: string | undefined,
  write: (out: Writable) => Promise<void>,
): Promise<void> {
  if (!file) {
    const out =
      io.stdoutStream ??
      new Writable({
        write(chunk: Buffer | string, _enc, cb) {
          io.stdout(chunk.toString());
          cb();
        },
      });
    await write(out);
    return;
  }
  const out = await openOutputStream(file);
  try {
    await write(out.stream);
    await out.commit();
  } catch (err) {
    await out.abort();
    throw err;
  }
}
