/** ops/fleet.ts (session 21): what the instances' cards say, pure; hostile cards from the store. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  CARD_TTL_SECONDS,
  disagreements,
  liveCards,
  parseCard,
  peersWithoutMyKey,
  sealersOf,
  type InstanceCard,
} from '../../shared/broker/ops/fleet.js';
import { watchFleet } from '../../shared/broker/ops/fleet-watch.js';
import type { Store } from '../../shared/broker/state/store.js';

const card = (instance: string, settings: Record<string, string>, extra: Partial<InstanceCard> = {}) => ({
  instance,
  at: 1000,
  settings,
  ...extra,
});

describe('disagreements', () => {
  it('is empty exactly when every live instance holds the same values (property)', () => {
    const fp = fc.constantFrom('aaa', 'bbb', 'ccc');
    fc.assert(
      fc.property(fc.array(fc.record({ x: fp, y: fp }), { minLength: 1, maxLength: 6 }), (all) => {
        const cards = all.map((s, i) => card(`i${i}`, s));
        const ds = disagreements(cards[0]!, cards);
        for (const k of ['x', 'y'] as const) {
          const distinct = new Set(all.map((s) => s[k])).size;
          const d = ds.find((x) => x.setting === k);
          expect(d === undefined).toBe(distinct === 1);
          // Every instance in exactly one group; this instance's group first.
          if (d) {
            expect(d.groups.flat().sort()).toEqual(cards.map((c) => c.instance).sort());
            expect(d.groups[0]).toContain('i0');
            expect(d.groups).toHaveLength(distinct);
          }
        }
      }),
    );
  });

  it('does not compare a setting an older instance does not publish', () => {
    const me = card('new', { x: 'a', added: 'z' });
    expect(disagreements(me, [me, card('old', { x: 'a' })])).toEqual([]);
  });
});

describe('state keys in the cards', () => {
  it('names the peers that cannot open what this instance seals, and who seals under a key', () => {
    const me = card('d', {}, { seals: 'K2', opens: ['K2', 'K1'] });
    const cards = [
      me,
      card('a', {}, { seals: 'K1', opens: ['K1'] }),
      card('b', {}, { seals: 'K1', opens: ['K1', 'K2'] }),
      card('old', {}),
    ];
    expect(peersWithoutMyKey(me, cards)).toEqual(['a']);
    expect(sealersOf(['K2'], cards)).toEqual(['d']);
    expect(peersWithoutMyKey(card('m', {}), cards)).toEqual([]);
  });
});

describe('parseCard and liveCards', () => {
  it('reads only what has a card shape, bounded; drops stale cards', () => {
    for (const bad of [
      '',
      'x',
      'null',
      '[]',
      '{"instance":1,"at":1,"settings":{}}',
      '{"instance":"a","at":1,"settings":[]}',
    ])
      expect(parseCard(bad)).toBeUndefined();
    const c = parseCard(
      JSON.stringify({
        instance: 'x'.repeat(500),
        at: 5,
        settings: { ok: 'f', 'Bad Key': 'g', n: 3 },
        opens: ['a', 2],
      }),
    )!;
    expect(c.instance).toHaveLength(120);
    expect(c.settings).toEqual({ ok: 'f' });
    expect(c.opens).toEqual(['a']);
    expect(
      liveCards([card('a', {}, { at: 100 }), card('b', {}, { at: 100 - CARD_TTL_SECONDS - 1 })], 100).map(
        (x) => x.instance,
      ),
    ).toEqual(['a']);
  });

  it('never throws on any text (property)', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (t) => void parseCard(t)));
  });
});

describe('watchFleet (the edge, over a store stand-in)', () => {
  const run = () => {
    const out: Record<string, unknown>[] = [];
    let cards: InstanceCard[] = [];
    let t = 1_000_000;
    // As the store does: every live card, this instance's included (with its key ids when given here).
    const store = {
      announce: async (c: InstanceCard) =>
        cards.some((x) => x.instance === c.instance) ? cards : [c, ...cards],
    } as unknown as Store;
    const w = watchFleet({
      store,
      instance: 'me',
      settings: () => ({ 'rate-limit': 'aaa', issuers: 'iii' }),
      log: { log: (level, msg, f) => void out.push({ level, msg, ...f }) },
      now: () => t,
    });
    w.stop();
    return {
      out,
      set: (c: InstanceCard[]) => void (cards = c),
      tick: w.tick,
      advance: (ms: number) => void (t += ms),
    };
  };

  it('one warn line per change of a disagreement, one info line when it ends', async () => {
    const f = run();
    f.set([card('b', { 'rate-limit': 'bbb', issuers: 'iii' })]);
    await f.tick();
    await f.tick();
    expect(f.out.filter((l) => l.code === 'ERR_FLEET_DISAGREE')).toEqual([
      expect.objectContaining({ setting: 'rate-limit', instances: 'me | b' }),
    ]);
    f.set([
      card('b', { 'rate-limit': 'bbb', issuers: 'iii' }),
      card('c', { 'rate-limit': 'aaa', issuers: 'iii' }),
    ]);
    await f.tick();
    expect(f.out.filter((l) => l.code === 'ERR_FLEET_DISAGREE').at(-1)).toMatchObject({
      instances: 'me, c | b',
    });
    f.set([]);
    await f.tick();
    expect(f.out.at(-1)).toMatchObject({ level: 'info', setting: 'rate-limit' });
    expect(f.out).toHaveLength(3);
  });

  it('the state-key alarm: at once, again after a minute while it lasts, at once when the peers change', async () => {
    const f = run();
    // The store adds this instance's key ids to its card.
    const me = card('me', { 'rate-limit': 'aaa', issuers: 'iii' }, { seals: 'K2', opens: ['K2', 'K1'] });
    const alarms = () => f.out.filter((l) => l.alarm === 'state_key');
    f.set([me, card('a', { 'rate-limit': 'aaa', issuers: 'iii' }, { seals: 'K1', opens: ['K1'] })]);
    await f.tick();
    expect(alarms()).toHaveLength(1);
    expect(alarms()[0]).toMatchObject({
      level: 'error',
      code: 'ERR_STATE_KEY_NOT_SHARED',
      key_id: 'K2',
      instances: 'a',
    });
    f.advance(30_000);
    await f.tick();
    expect(alarms()).toHaveLength(1);
    f.advance(31_000);
    await f.tick();
    expect(alarms()).toHaveLength(2);
    f.set([me, card('a', {}, { seals: 'K1', opens: ['K1'] }), card('b', {}, { seals: 'K1', opens: ['K1'] })]);
    await f.tick();
    expect(alarms().at(-1)).toMatchObject({ instances: 'a, b' });
  });
});
