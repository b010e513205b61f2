/**
 * The job's local audit trail: `$RUNNER_TEMP/stepwarden/audit.jsonl`, one AuditEvent per line, shared
 * by the actions of one job (exchange, run, enforce, audit). Never holds a credential.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { AUDIT_EVENT_VERSION, actorFromLogin, auditEventSchema, type AuditEvent } from './event.js';

export function trailPath(env: NodeJS.ProcessEnv): string {
  const temp = env.RUNNER_TEMP;
  if (!temp) throw new Error('RUNNER_TEMP is not set: the audit trail lives in the runner temp directory');
  return join(temp, 'stepwarden', 'audit.jsonl');
}

/** The run context every trail line carries, from the runner's environment. */
export function runContext(env: NodeJS.ProcessEnv): Partial<AuditEvent> {
  const wfRef = env.GITHUB_WORKFLOW_REF ?? '';
  const file = /\/\.github\/workflows\/([^@/]+)@/.exec(wfRef)?.[1];
  return {
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_REPOSITORY_ID ? { repository_id: env.GITHUB_REPOSITORY_ID } : {}),
    ...(file ? { workflow: file } : {}),
    ...(env.GITHUB_JOB ? { job: env.GITHUB_JOB } : {}),
    ...(env.GITHUB_RUN_ID ? { run_id: env.GITHUB_RUN_ID } : {}),
    ...(env.GITHUB_RUN_ATTEMPT ? { run_attempt: Number(env.GITHUB_RUN_ATTEMPT) || 1 } : {}),
    ...(env.GITHUB_EVENT_NAME ? { event_name: env.GITHUB_EVENT_NAME } : {}),
    ...(env.GITHUB_REF ? { ref: env.GITHUB_REF } : {}),
    ...(env.GITHUB_SHA ? { sha: env.GITHUB_SHA } : {}),
    ...(env.GITHUB_ACTOR ? { actor: actorFromLogin(env.GITHUB_ACTOR, env.GITHUB_ACTOR_ID) } : {}),
    ...(env.GITHUB_TRIGGERING_ACTOR ? { triggering_actor: actorFromLogin(env.GITHUB_TRIGGERING_ACTOR) } : {}),
  };
}

/** Appends one validated event (a line is written whole by one append, so lines never interleave). */
export function appendTrail(
  env: NodeJS.ProcessEnv,
  event: Omit<AuditEvent, 'v' | 'time' | 'source'>,
): AuditEvent {
  return appendTrailEvent(env, {
    v: AUDIT_EVENT_VERSION,
    time: new Date().toISOString(),
    source: 'action',
    ...runContext(env),
    ...event,
  } as AuditEvent);
}

/**
 * Appends an event that is already whole (run-level events built by run-events.ts). Never through a
 * symbolic link: any step can replace the trail, and a link would make this write somewhere else.
 */
export function appendTrailEvent(env: NodeJS.ProcessEnv, event: AuditEvent): AuditEvent {
  const full = auditEventSchema.parse(event);
  const path = trailPath(env);
  mkdirSync(join(path, '..'), { recursive: true });
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
    0o600,
  );
  try {
    writeSync(fd, `${JSON.stringify(full)}\n`);
  } finally {
    closeSync(fd);
  }
  return full;
}

/** A job's trail is a few hundred lines; anything near this is not one the actions wrote. */
export const MAX_TRAIL_BYTES = 16 * 1024 * 1024;

/** Why a trail could not be read: a stable code and a message that says what to look at. */
export class TrailError extends Error {
  override readonly name = 'TrailError';
  constructor(
    readonly code:
      'ERR_TRAIL_MISSING' | 'ERR_TRAIL_NOT_A_FILE' | 'ERR_TRAIL_TOO_LARGE' | 'ERR_TRAIL_UNREADABLE',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Reads the job's trail, which every step of the job can write: its type and size are checked with
 * `lstat` before anything is read, and the read is bounded, so a deleted trail, a directory, a symbolic
 * link or a 600 MB sparse file is a TrailError naming what was found, never an empty trail. Malformed
 * lines are skipped and counted.
 */
export function readTrail(
  path: string,
  maxBytes = MAX_TRAIL_BYTES,
): { events: AuditEvent[]; lines: { line: number; event: AuditEvent }[]; malformed: number[] } {
  let st;
  try {
    // A linked directory would make the trail (and the audit's appends) live somewhere else.
    if (lstatSync(dirname(path)).isSymbolicLink())
      throw new TrailError(
        'ERR_TRAIL_NOT_A_FILE',
        `the trail's directory ${dirname(path)} is a symbolic link: a step of this job replaced it`,
      );
    st = lstatSync(path);
  } catch (err) {
    if (err instanceof TrailError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new TrailError(
        'ERR_TRAIL_MISSING',
        `no trail at ${path}: no stepwarden step wrote one in this job, or a step deleted it`,
      );
    throw new TrailError(
      'ERR_TRAIL_UNREADABLE',
      `cannot read the trail at ${path}: ${(err as Error).message}`,
    );
  }
  if (!st.isFile())
    throw new TrailError(
      'ERR_TRAIL_NOT_A_FILE',
      `the trail at ${path} is ${st.isDirectory() ? 'a directory' : st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: a step of this job replaced it`,
    );
  if (st.size > maxBytes)
    throw new TrailError(
      'ERR_TRAIL_TOO_LARGE',
      `the trail at ${path} is ${st.size.toLocaleString('en-US')} bytes, over the ${maxBytes.toLocaleString('en-US')} a job's trail can reach: a step of this job wrote it`,
    );
  let text: string;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw new TrailError(
      'ERR_TRAIL_UNREADABLE',
      `cannot open the trail at ${path}: ${(err as Error).message}`,
    );
  }
  try {
    // Swapped between lstat and open: judge what was opened.
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.size > maxBytes)
      throw new TrailError('ERR_TRAIL_NOT_A_FILE', `the trail at ${path} changed while it was read`);
    const buf = Buffer.alloc(Math.min(opened.size, maxBytes) + 1);
    let n = 0;
    for (let r; n < buf.length && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    if (n > maxBytes)
      throw new TrailError(
        'ERR_TRAIL_TOO_LARGE',
        `the trail at ${path} grew past ${maxBytes} bytes while it was read`,
      );
    text = buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const lines: { line: number; event: AuditEvent }[] = [];
  const malformed: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const r = auditEventSchema.safeParse(JSON.parse(line));
      if (r.success) lines.push({ line: i + 1, event: r.data });
      else malformed.push(i + 1);
    } catch {
      malformed.push(i + 1);
    }
  });
  return { events: lines.map((l) => l.event), lines, malformed };
}
