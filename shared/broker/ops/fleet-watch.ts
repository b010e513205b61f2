/**
 * The edge of ops/fleet.ts: publishes this instance's card every 10 s, and says what the cards show.
 * A disagreement gets a `warn` line when it appears or changes (which setting, which instances hold
 * which value) and an `info` line when it ends, plus a gauge per setting; a rolling deploy shows as
 * a line at its start and one at its end, a misconfiguration as a gauge that stays at 1. An instance
 * sealing under a state key its peers cannot open (they are unready because of it) says so in an
 * `error` line with `alarm: state_key`, once a minute while it lasts.
 */
import type { Store } from '../state/store.js';
import { disagreementKey, disagreements, groupsText, peersWithoutMyKey, type InstanceCard } from './fleet.js';
import { shown } from '../../conditions/verdict.js';
import type { Logger } from './log.js';
import type { BrokerMetrics } from './metrics.js';

export const FLEET_REFRESH_MS = 10_000;

export function watchFleet(o: {
  store: Store;
  instance: string;
  settings: () => Record<string, string>;
  log: Logger;
  metrics?: BrokerMetrics;
  now?: () => number;
}): { tick(): Promise<void>; stop(): void } {
  const announce = o.store.announce?.bind(o.store);
  const now = o.now ?? Date.now;
  /** setting -> the groups last logged for it. */
  let logged = new Map<string, string>();
  let keyAlarmAt = -Infinity;
  let keyPeers = '';
  const tick = async () => {
    if (!announce) return;
    const card: InstanceCard = { instance: o.instance, at: Math.floor(now() / 1000), settings: o.settings() };
    // A store that does not answer is reported by the store's own checks; the next tick tries again.
    const cards = await announce(card).catch(() => undefined);
    if (!cards) return;
    const me = cards.find((c) => c.instance === o.instance) ?? card;
    const ds = disagreements(me, cards);
    o.metrics?.fleetInstances.set(cards.length);
    for (const setting of Object.keys(card.settings))
      o.metrics?.fleetDisagreeing.set({ setting }, ds.some((d) => d.setting === setting) ? 1 : 0);
    const next = new Map(ds.map((d) => [d.setting, disagreementKey([d])]));
    for (const d of ds)
      if (logged.get(d.setting) !== next.get(d.setting))
        o.log.log(
          'warn',
          `instances on this state store disagree on ${d.setting}: each applies its own value (normal during a rolling deploy; otherwise a misconfiguration)`,
          {
            code: 'ERR_FLEET_DISAGREE',
            setting: d.setting,
            instances: groupsText(d),
            this_instance: shown(o.instance),
            fix: `give every instance the same ${d.setting} (docs/deploy.md, "Instances that disagree")`,
          },
        );
    for (const setting of logged.keys())
      if (!next.has(setting))
        o.log.log('info', `instances on this state store agree again on ${setting}`, { setting });
    logged = next;
    const peers = peersWithoutMyKey(me, cards);
    o.metrics?.fleetPeersWithoutKey.set(peers.length);
    const peersKey = peers.join('\n');
    if (peers.length && (peersKey !== keyPeers || now() - keyAlarmAt >= 60_000)) {
      keyAlarmAt = now();
      o.log.log(
        'error',
        `ALARM this instance seals GitHub tokens under state key id ${me.seals}, which instance(s) ${peers.map(shown).join(', ')} do not hold: they cannot revoke what it grants and are not ready (ERR_STATE_KEY_UNKNOWN) because of this instance`,
        {
          alarm: 'state_key',
          code: 'ERR_STATE_KEY_NOT_SHARED',
          key_id: me.seals,
          instances: peers.map(shown).join(', '),
          fix: 'add this key to those instances\' state key file on a later line (rotation step 1; they are ready again at once), or restart this instance with their key file (docs/deploy.md, "Rotating the state encryption key")',
        },
      );
    }
    keyPeers = peers.length ? peersKey : '';
  };
  const timer = setInterval(() => void tick(), FLEET_REFRESH_MS);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
