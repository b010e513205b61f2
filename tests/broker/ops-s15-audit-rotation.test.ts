/**
 * On call (session 15): the audit file rotated under a running broker. Rotation by rename (logrotate's
 * default, with or without `create`) loses nothing: the broker opens the path for every batch. With
 * `copytruncate`, the lines a broker appends between logrotate's copy and its truncate are in neither
 * file; before, that loss was silent. Now the sink sees the same file (inode) shorter than it left it
 * and raises an ALARM line naming the file, both sizes and the fix (rotate by rename).
 */
import { copyFileSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrokerProcess } from '../support/cluster.js';
import { startRig, until, type Rig } from '../support/redis-rig.js';

describe('the audit file rotated under a broker process', () => {
  let rig: Rig;
  let broker: BrokerProcess;
  let file: string;
  const alarms = () =>
    broker
      .stderr()
      .split('\n')
      .filter((l) => /ALARM: the audit log .* was truncated under the broker/.test(l));
  const grants = (text: string) => text.split('\n').filter((l) => l.includes('"credential.granted"')).length;

  beforeAll(async () => {
    rig = await startRig({ rotation: 380001 });
    broker = await rig.spawn('rot');
    file = join(rig.dir, 'audit-rot.jsonl');
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  }, 60_000);

  it('move-and-create: the new file gets the next lines, the old keeps its own, no alarm', async () => {
    expect((await rig.exchange(broker, await rig.oidc('rotation', 's15-rot-1'))).status).toBe(200);
    renameSync(file, `${file}.1`);
    writeFileSync(file, '', { mode: 0o600 }); // logrotate `create`
    expect((await rig.exchange(broker, await rig.oidc('rotation', 's15-rot-2'))).status).toBe(200);
    expect(grants(readFileSync(`${file}.1`, 'utf8'))).toBe(1);
    expect(grants(readFileSync(file, 'utf8'))).toBe(1);
    expect(alarms()).toEqual([]);
  }, 30_000);

  it('copytruncate: a line written between the copy and the truncate is lost, and the broker says so', async () => {
    copyFileSync(file, `${file}.2`);
    // Granted after the copy, before the truncate: its line is in neither file.
    expect((await rig.exchange(broker, await rig.oidc('rotation', 's15-rot-3'))).status).toBe(200);
    truncateSync(file, 0);
    expect((await rig.exchange(broker, await rig.oidc('rotation', 's15-rot-4'))).status).toBe(200);
    expect(grants(readFileSync(`${file}.2`, 'utf8')) + grants(readFileSync(file, 'utf8'))).toBe(2);
    await until(() => alarms().length > 0, 5000, 'the truncation ALARM');
    expect(alarms()).toHaveLength(1);
    expect(alarms()[0]).toContain(file);
    expect(alarms()[0]).toMatch(/Rotate by rename/);
  }, 30_000);
});
