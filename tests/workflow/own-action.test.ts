import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { credentialAction, ownAction } from '../../shared/workflow/own-action.js';
import { isAuditStep, isEnforceStep } from '../../shared/check/rules/missing-enforce.js';

const SHA = 'a'.repeat(40);
const PIN = [['my-org/stepwarden']];

describe("stepwarden's own actions, one recognizer", () => {
  it.each([
    [`stepwarden/stepwarden/actions/run@${SHA}`, 'run'],
    [`my-fork/StepWarden/actions/Exchange@v1`, 'exchange'],
    ['stepwarden/stepwarden/actions//enforce@main', 'enforce'],
    ['stepwarden/stepwarden/actions/./audit/@main', 'audit'],
    ['./actions/run', 'run'],
    ['$/actions/enforce', 'enforce'],
    ['.\\actions\\audit', 'audit'],
    ['./actions/../actions/exchange/', 'exchange'],
    ['./vendor/stepwarden/actions/run', 'run'],
    ['./.github/actions/stepwarden/actions/enforce', 'enforce'],
  ])('%s is %s', (uses, name) => {
    expect(ownAction(uses)).toBe(name);
  });

  it.each([
    'evil/not-stepwarden/actions/run@main',
    'stepwarden/stepwarden/actions/run', // no ref: not a remote action GitHub runs
    'stepwarden/stepwarden/other/run@main',
    './vendor/not-stepwarden/actions/run',
    './actions/run/sub',
    'docker://stepwarden/actions/run',
    'actions/checkout@v4',
    '',
  ])('%s is not one', (uses) => {
    expect(ownAction(uses)).toBeUndefined();
  });

  it('the credential, gate and audit recognizers take the same spellings (no more local variants for one and not another)', () => {
    const spellings = [
      './actions/NAME',
      './vendor/stepwarden/actions/NAME',
      '$/actions/NAME',
      `fork/stepwarden/actions/NAME@${SHA}`,
      'evil/other/actions/NAME@v1',
      './other/actions/NAME',
    ];
    for (const s of spellings) {
      const own = ownAction(s.replace('NAME', 'enforce')) !== undefined;
      expect(credentialAction(s.replace('NAME', 'run')) !== undefined).toBe(own);
      expect(credentialAction(s.replace('NAME', 'exchange')) !== undefined).toBe(own);
      expect(isEnforceStep(s.replace('NAME', 'enforce'))).toBe(own);
      expect(isAuditStep(s.replace('NAME', 'audit'))).toBe(own);
    }
  });

  it('pins admit only a listed repository, never a local path (a pull request can write one)', () => {
    expect(ownAction(`my-org/stepwarden/actions/audit@${SHA}`, PIN)).toBe('audit');
    expect(ownAction(`My-Org/StepWarden/actions/audit@${SHA}`, PIN)).toBe('audit');
    expect(ownAction(`other/stepwarden/actions/audit@${SHA}`, PIN)).toBeUndefined();
    expect(ownAction('./actions/audit', PIN)).toBeUndefined();
    expect(ownAction('./vendor/stepwarden/actions/audit', PIN)).toBeUndefined();
    // A pinned repository need not be named stepwarden; every list must admit it.
    expect(ownAction(`my-org/sw/actions/enforce@${SHA}`, [['my-org/sw']])).toBe('enforce');
    expect(ownAction(`my-org/sw/actions/enforce@${SHA}`, [['my-org/sw'], ['org/other']])).toBeUndefined();
    // Credential steps ignore pins: any copy that may ask the broker is held to the manifest.
    expect(credentialAction('./vendor/stepwarden/actions/run')).toBe('run');
  });

  it('never takes a look-alike folder for the action (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }).filter((x) => !/[/\\.]/.test(x)),
        (suffix) => {
          const name = `run${suffix}`;
          const got = ownAction(`stepwarden/stepwarden/actions/${name}@v1`);
          if (got !== undefined) expect(got).toBe(name.toLowerCase());
          expect(credentialAction(`stepwarden/stepwarden/actions/${name}@v1`) !== undefined).toBe(
            got === 'run',
          );
        },
      ),
    );
  });

  it('the remembered unpinned answers: never given to a call with pins, the same past the bound', () => {
    // ownAction remembers its unpinned answer per spelling (rules ask it of every step, session 13).
    expect(ownAction('./actions/audit')).toBe('audit');
    expect(ownAction('./actions/audit', PIN)).toBeUndefined();
    expect(ownAction(`other/stepwarden/actions/audit@${SHA}`)).toBe('audit');
    expect(ownAction(`other/stepwarden/actions/audit@${SHA}`, PIN)).toBeUndefined();
    expect(ownAction(`my-org/stepwarden/actions/run@${SHA}`, PIN)).toBe('run');
    expect(ownAction('./actions/audit')).toBe('audit');
    // More spellings than the memo keeps (it starts again when full): every answer as first given.
    const spell = (i: number) =>
      i % 3 === 0
        ? `o${i}/stepwarden/actions/run@v${i}`
        : i % 3 === 1
          ? `./x${i}/actions/run`
          : `o${i}/r/actions/run@v1`;
    const first = new Map<string, string | undefined>();
    for (let i = 0; i < 10_000; i++) first.set(spell(i), ownAction(spell(i)));
    expect([...first.values()].filter((a) => a === 'run')).toHaveLength(3334);
    for (const [s, a] of first) expect(ownAction(s)).toBe(a);
    fc.assert(
      fc.property(
        fc.constantFrom('./', 'a/stepwarden/', 'x/y/'),
        fc.string(),
        fc.constantFrom('', '@v1'),
        (a, b, c) => {
          const uses = `${a}actions/${b}${c}`;
          const once = ownAction(uses);
          expect(ownAction(uses)).toBe(once);
          expect(ownAction(uses, [])).toBe(once);
          expect(credentialAction(uses)).toBe(once === 'run' || once === 'exchange' ? once : undefined);
        },
      ),
    );
  });
});
