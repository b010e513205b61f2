/**
 * The broker's operational log: one JSON object a line on stderr (level, message, fields), separate
 * from the audit log. Fields are plain values chosen by the caller; nothing here ever receives a
 * token, and strings are bounded so a hostile value cannot flood the log.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  log(level: LogLevel, msg: string, fields?: LogFields): void;
}

const bound = (v: unknown) => (typeof v === 'string' && v.length > 512 ? `${v.slice(0, 512)}…` : v);

export function jsonLogger(
  write: (line: string) => void = (l) => void process.stderr.write(l),
  now: () => Date = () => new Date(),
): Logger {
  return {
    log(level, msg, fields = {}) {
      const clean = Object.fromEntries(
        Object.entries(fields)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, bound(v)]),
      );
      write(`${JSON.stringify({ time: now().toISOString(), level, msg: bound(msg), ...clean })}\n`);
    },
  };
}

export const silentLogger: Logger = { log: () => undefined };
