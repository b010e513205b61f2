/**
 * Hostile review (session 8): the broker's audit log path followed symbolic links. A link planted at
 * the path (or a folder above it that others can write) redirected the write-ahead log, the record
 * every grant waits for, to wherever the planter liked. Now: refused at start with
 * ERR_AUDIT_LOG_PATH naming the path and the fix; a link planted while running fails the batch
 * (O_NOFOLLOW: an ALARM, grants refused) instead of being followed; rotation by rename still works.
 */
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
  existsSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { checkAuditLogPath, fileAuditSink } from '../../shared/broker/audit-log.js';
import { loadBrokerConfig } from '../../shared/broker/config.js';
import { startBroker } from '../../shared/broker/server.js';
import { AUD } from '../support/broker.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sw-s8-audit-'));
const refusal = async (path: string) =>
  (await checkAuditLogPath(path).catch((e: unknown) => e)) as Error & { code?: string };
const line = (n: number) => ({
  type: 'credential.granted' as const,
  outcome: 'success' as const,
  detail: `line ${n}`,
});

describe('the audit log path at start', () => {
  it('a plain file in a private folder is accepted (and a missing one, its folders created)', async () => {
    const d = tmp();
    await expect(checkAuditLogPath(join(d, 'a', 'b', 'audit.jsonl'))).resolves.toBeUndefined();
    writeFileSync(join(d, 'audit.jsonl'), '');
    await expect(checkAuditLogPath(join(d, 'audit.jsonl'))).resolves.toBeUndefined();
  });

  it('a symbolic link at the path is refused, naming the path and the fix', async () => {
    const d = tmp();
    writeFileSync(join(d, 'elsewhere'), '');
    symlinkSync(join(d, 'elsewhere'), join(d, 'audit.jsonl'));
    const err = await refusal(join(d, 'audit.jsonl'));
    expect(err.code).toBe('ERR_AUDIT_LOG_PATH');
    expect(err.message).toContain(join(d, 'audit.jsonl'));
    expect(err.message).toMatch(/symbolic link.*remove the link/);
    // A dangling link (the file the attacker wants created) too.
    symlinkSync(join(d, 'not-yet'), join(d, 'dangling.jsonl'));
    expect((await refusal(join(d, 'dangling.jsonl'))).code).toBe('ERR_AUDIT_LOG_PATH');
  });

  it('a FIFO or a folder at the path is refused', async () => {
    const d = tmp();
    execFileSync('mkfifo', [join(d, 'fifo.jsonl')]);
    expect((await refusal(join(d, 'fifo.jsonl'))).message).toMatch(/not a regular file/);
    mkdirSync(join(d, 'dir.jsonl'));
    expect((await refusal(join(d, 'dir.jsonl'))).code).toBe('ERR_AUDIT_LOG_PATH');
  });

  it('a folder on the way writable by every user (no sticky bit) is refused; the sticky /tmp is not', async () => {
    const d = tmp();
    mkdirSync(join(d, 'open'));
    chmodSync(join(d, 'open'), 0o777);
    const err = await refusal(join(d, 'open', 'logs', 'audit.jsonl'));
    expect(err.code).toBe('ERR_AUDIT_LOG_PATH');
    expect(err.message).toMatch(
      new RegExp(`folder ${join(d, 'open')} is writable by every user .*chmod o-w`),
    );
    chmodSync(join(d, 'open'), 0o1777);
    await expect(checkAuditLogPath(join(d, 'open', 'audit.jsonl'))).resolves.toBeUndefined();
  });

  it('a linked parent is followed to its real folder, and judged there (and the link itself)', async () => {
    const d = tmp();
    mkdirSync(join(d, 'real'));
    symlinkSync(join(d, 'real'), join(d, 'link'));
    await expect(checkAuditLogPath(join(d, 'link', 'audit.jsonl'))).resolves.toBeUndefined();
    chmodSync(join(d, 'real'), 0o777);
    const err = await refusal(join(d, 'link', 'audit.jsonl'));
    expect(err.message).toMatch(new RegExp(`folder ${join(d, 'real')} is writable by every user`));
  });

  it.each([
    [
      'a folder',
      (d: string) => (
        mkdirSync(join(d, 'theirs')),
        chownSync(join(d, 'theirs'), 4242, 4242),
        join(d, 'theirs', 'audit.jsonl')
      ),
    ],
    [
      'a link',
      (d: string) => (
        mkdirSync(join(d, 'r')),
        symlinkSync(join(d, 'r'), join(d, 'l')),
        execFileSync('chown', ['-h', '4242', join(d, 'l')]),
        join(d, 'l', 'audit.jsonl')
      ),
    ],
  ])('%s on the way owned by another user (not root) is refused', async (_n, make) => {
    // These need to give a file away (root, as the tests run in CI); the check itself needs no root.
    if (process.getuid?.() !== 0) return expect(true).toBe(true);
    const d = tmp();
    const err = await refusal(make(d));
    expect(err.code).toBe('ERR_AUDIT_LOG_PATH');
    expect(err.message).toMatch(/belongs to uid 4242/);
  });

  it('the broker does not start on a linked audit log', async () => {
    const d = tmp();
    mkdirSync(join(d, 'manifests'));
    writeFileSync(join(d, 'stolen.jsonl'), '');
    symlinkSync(join(d, 'stolen.jsonl'), join(d, 'audit.jsonl'));
    const config = loadBrokerConfig(
      [
        'listen: 127.0.0.1:0',
        `url: ${AUD}`,
        `audience: ${AUD}`,
        'issuers: [http://127.0.0.1:9/]',
        'require-job-identity: false',
        'manifests: { source: directory, path: ./manifests }',
        'signing: { key-file: ./keys.json }',
        'audit: ./audit.jsonl',
      ].join('\n'),
      'broker.yml',
      d,
    );
    const err = (await startBroker(config, { warn: () => undefined, logger: { log: () => undefined } }).catch(
      (e: unknown) => e,
    )) as Error & { code?: string };
    expect(err.code).toBe('ERR_AUDIT_LOG_PATH');
    expect(err.message).toContain(join(d, 'audit.jsonl'));
  });
});

describe('the audit log while running', () => {
  it('a link planted at the path after start fails the batch (ALARM, flush refused), never writes through it', async () => {
    const d = tmp();
    const file = join(d, 'audit.jsonl');
    const alarms: string[] = [];
    const sink = fileAuditSink(file, undefined, (l) => void alarms.push(l), undefined, undefined, 2000);
    sink.write(line(1));
    await sink.flush();
    unlinkSync(file);
    writeFileSync(join(d, 'victim'), 'untouched\n');
    symlinkSync(join(d, 'victim'), file);
    sink.write(line(2));
    const err = (await sink.flush().catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.code).toBe('ERR_AUDIT_UNAVAILABLE');
    expect(alarms.join('\n')).toMatch(/cannot be written \(ELOOP\)/);
    expect(readFileSync(join(d, 'victim'), 'utf8')).toBe('untouched\n');
    // The link removed, the kept line goes to a new file at the path.
    unlinkSync(file);
    await sink.flush();
    expect(readFileSync(file, 'utf8')).toMatch(/"detail":"line 2"/);
  });

  it('rotation by rename still works: the next batch creates a new file at the path', async () => {
    const d = tmp();
    const file = join(d, 'audit.jsonl');
    const sink = fileAuditSink(file);
    sink.write(line(1));
    await sink.flush();
    renameSync(file, `${file}.1`);
    sink.write(line(2));
    await sink.flush();
    expect(readFileSync(`${file}.1`, 'utf8')).toMatch(/"detail":"line 1"/);
    expect(readFileSync(file, 'utf8')).toMatch(/"detail":"line 2"/);
    expect(readFileSync(file, 'utf8')).not.toMatch(/line 1/);
    expect(existsSync(file)).toBe(true);
  });
});
