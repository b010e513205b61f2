/**
 * What an action says to the runner: its inputs, masks, outputs, log lines and annotations, through
 * the same environment variables, files and stdout lines as `@actions/core` 3 (the encoding is
 * shared/render/workflow-command.ts). The toolkit stays for the one call that needs HTTP, the job's
 * OIDC token (oidc-token.ts, enforce.ts, loaded there on first use): importing it compiles undici
 * (@actions/http-client), about 300 M instructions that the required check paid on every run and never
 * used. tests/actions/s38-runner-protocol holds each function to the toolkit's bytes.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';
import {
  annotationCommand,
  keyValueEntry,
  workflowCommand,
  type AnnotationProperties,
} from '../render/workflow-command.js';

export type { AnnotationProperties };

const line = (text: string): void => void process.stdout.write(text + EOL);

/**
 * The input `name` (`INPUT_<NAME>`, spaces as `_`, upper case), trimmed; '' when unset. `required`
 * refuses an empty one.
 */
export function getInput(name: string, options: { required?: boolean } = {}): string {
  const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
  if (options.required && !val) throw new Error(`Input required and not supplied: ${name}`);
  return val.trim();
}

/** Masks `secret` in the rest of the job's log (`::add-mask::`), before anything can print it. */
export function setSecret(secret: string): void {
  line(workflowCommand('add-mask', {}, secret));
}

/** The step output `name`: an entry in `$GITHUB_OUTPUT`, or the old stdout command outside a runner. */
export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT || '';
  if (!file) {
    process.stdout.write(EOL);
    line(workflowCommand('set-output', { name }, value));
    return;
  }
  const entry = keyValueEntry(name, value, `ghadelimiter_${randomUUID()}`, EOL);
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  appendFileSync(file, `${entry}${EOL}`, { encoding: 'utf8' });
}

/** A plain log line. */
export function info(message: string): void {
  line(message);
}

/** An annotation; callers go through annotations.ts, which writes invisible characters out first. */
export function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string,
  properties?: AnnotationProperties,
): void {
  line(annotationCommand(level, message, properties));
}

/** Fails the step: exit code 1 unless the process sets another, and the message as an error. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  annotate('error', message);
}
