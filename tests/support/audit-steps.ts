/**
 * The audit file's write steps opened up for tests (session 40's deleted file, session 41's renamed
 * and compressed one): an audit event by number, the grant ids a file holds, and the real step-by-step
 * io with a hook before each open's write and after its close, where a test rotates the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileAuditSink, nodeAuditFileIo, type AuditFileIo } from '../../shared/broker/audit-log.js';

export type AuditSinkEvent = Parameters<ReturnType<typeof fileAuditSink>['write']>[0];

/** A grant line numbered `n` (grant id `g-n`). */
export const auditEvent = (n: number): AuditSinkEvent =>
  ({ type: 'credential.granted', outcome: 'success', grant_id: `g-${n}` }) as AuditSinkEvent;

/** The grant ids of a JSON-lines file, in order; none when the file is gone. */
export const grantIds = (file: string): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { grant_id: string }).grant_id)
    : [];

/** A file sink at `path` over `io`, its alarm lines kept in `alarms`. */
export const stepSink = (path: string, alarms: string[], io: AuditFileIo) =>
  fileAuditSink(path, undefined, (l) => alarms.push(l), undefined, io);

/** The real io, with `before(n)` run before the n-th open's write and `after(n)` after its close. */
export const stepIo = (
  before: (n: number) => void,
  after: (n: number) => void = () => undefined,
): AuditFileIo => {
  let opens = 0;
  return {
    syncDir: nodeAuditFileIo.syncDir,
    async open(p, create) {
      const h = await nodeAuditFileIo.open(p, create);
      const n = ++opens;
      return {
        ...h,
        append: async (d) => (before(n), h.append(d)),
        close: async () => (await h.close(), after(n)),
      };
    },
  };
};
