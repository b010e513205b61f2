/**
 * The runner's workflow commands (`::name key=value,...::message` on stdout) and GITHUB_OUTPUT's
 * heredoc entry, encoded byte for byte as `@actions/core` 3 encodes them (command.js, utils.js,
 * file-command.js). The one encoder of both the actions (shared/actions/runner.ts) and
 * `check --format github`: the required check then writes its annotations, masks and outputs without
 * loading the toolkit, whose `getIDToken` pulls undici (about 300 M instructions a check action,
 * docs/performance.md, session 38). tests/actions/s38-runner-protocol holds every function here to the
 * toolkit's output on hostile values. Pure.
 */

/** Where an annotation points (the toolkit's `AnnotationProperties`). */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  endLine?: number;
  startColumn?: number;
  endColumn?: number;
}

type CommandValue = string | number | undefined;

/** A value as the toolkit writes it: a string as is, nothing as '', anything else as JSON. */
const commandValue = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/** A message's escaping: the runner reads up to the line's end, so a line break cannot end it. */
export function escapeData(s: unknown): string {
  return commandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's escaping: neither `:` nor `,` ends it early, so a value cannot add a property. */
export function escapeProperty(s: unknown): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One command line, without its line break. Properties keep their order; an empty one (undefined, '',
 * 0) is left out, but a command given any property keys has its space even when every value is empty,
 * as the toolkit writes it.
 */
export function workflowCommand(
  command: string,
  properties: Readonly<Record<string, CommandValue>>,
  message: unknown,
): string {
  const keys = Object.keys(properties);
  const props = keys
    .filter((k) => properties[k])
    .map((k) => `${k}=${escapeProperty(properties[k])}`)
    .join(',');
  return `::${command}${keys.length > 0 ? ` ${props}` : ''}::${escapeData(message)}`;
}

/** An annotation's command (`error`, `warning`, `notice`): the properties named as the runner reads them. */
export function annotationCommand(
  level: 'error' | 'warning' | 'notice',
  message: string,
  p: AnnotationProperties = {},
): string {
  const properties: Record<string, CommandValue> =
    Object.keys(p).length === 0
      ? {}
      : {
          title: p.title,
          file: p.file,
          line: p.startLine,
          endLine: p.endLine,
          col: p.startColumn,
          endColumn: p.endColumn,
        };
  return workflowCommand(level, properties, message);
}

/**
 * One GITHUB_OUTPUT (or GITHUB_ENV) entry, `name<<delimiter`, the value, the delimiter, without the
 * final line break. The delimiter is random per entry; a name or value that holds it is refused, so a
 * value cannot close its entry early and write another output.
 */
export function keyValueEntry(name: string, value: unknown, delimiter: string, eol: string): string {
  const v = commandValue(value);
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  if (v.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  return `${name}<<${delimiter}${eol}${v}${eol}${delimiter}`;
}
