/**
 * Instances on one store that disagree (session 21). Brokers sharing a Redis state are meant to be
 * interchangeable; a rolling deploy makes them differ for minutes and a misconfiguration for ever
 * (one instance with another rate limit applies its own limit to the shared bucket; one with an
 * extra issuer takes tokens the others refuse; one without an admin token refuses the kill switch).
 * Each instance publishes a card in the store: a short fingerprint of every setting that must agree,
 * and the ids of the state keys it seals with and can open (ids only: an HMAC of a label, they say
 * nothing of the key). Pure: the cards in, what disagrees out; the edge (server.ts) logs and counts.
 *
 * Decision (docs/decisions.md, "Instances that disagree (session 21)"): a disagreement is reported,
 * never a refusal. No instance can tell which value is the right one, and failing readiness on a
 * difference would stall every rolling deploy of that setting (the new instance never ready) or take
 * the old ones down with it. The state key is the exception, failing closed since session 19; here
 * the instance that seals under a key its peers lack is the one that says so.
 */
import { createHash } from 'node:crypto';
import { shown } from '../../conditions/verdict.js';
import { adminTokensOf } from '../client-auth.js';
import { issuerSettings, type BrokerConfig } from '../config.js';
import { STORE_FORMAT } from '../state/store.js';
import { canonical, type LiveSettings } from './reload.js';

/** What an instance publishes; `at` in unix seconds (its own clock, held within 30 s of the store's). */
export interface InstanceCard {
  readonly instance: string;
  readonly at: number;
  /** setting name -> fingerprint (12 hex digits of sha256 over its canonical value). */
  readonly settings: Readonly<Record<string, string>>;
  /** State key id this instance seals new secrets with (shared stores only). */
  readonly seals?: string;
  /** State key ids it can open. */
  readonly opens?: readonly string[];
}

/** How long a card counts after its last refresh (each instance refreshes every 10 s). */
export const CARD_TTL_SECONDS = 45;
/** At most this many cards are read (a store with more holds something else under the key). */
export const MAX_CARDS = 256;
/**
 * A card is under 3,000 characters (every setting, 16 key ids, a 100-character host): a longer field
 * is not one, and is dropped before JSON.parse, so a hostile one (100 MB) costs no parse every 10 s.
 */
export const MAX_CARD_CHARS = 8192;

export const fingerprint = (canonicalValue: string) =>
  createHash('sha256').update(canonicalValue).digest('hex').slice(0, 12);

/** This instance's name in the cards and lines: the host (a pod's name) and the process id. */
export const instanceName = (host: string, pid: number) => `${host.slice(0, 100)}:${pid}`;

/** A card read back from the store, or undefined for anything not shaped as one (written by another tool). */
export function parseCard(text: string): InstanceCard | undefined {
  if (text.length > MAX_CARD_CHARS) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const c = v as Partial<InstanceCard> | null;
  if (!c || typeof c !== 'object' || typeof c.instance !== 'string' || typeof c.at !== 'number')
    return undefined;
  if (!c.settings || typeof c.settings !== 'object' || Array.isArray(c.settings)) return undefined;
  const settings: Record<string, string> = {};
  for (const [k, fp] of Object.entries(c.settings).slice(0, 64))
    if (typeof fp === 'string' && /^[a-z][a-z-]{0,40}$/.test(k)) settings[k] = fp.slice(0, 64);
  const opens = Array.isArray(c.opens)
    ? c.opens.filter((x): x is string => typeof x === 'string').slice(0, 16)
    : [];
  return {
    instance: c.instance.slice(0, 120),
    at: c.at,
    settings,
    ...(typeof c.seals === 'string' ? { seals: c.seals.slice(0, 64) } : {}),
    ...(Array.isArray(c.opens) ? { opens } : {}),
  };
}

/**
 * Cards refreshed within CARD_TTL_SECONDS of `now`, one per instance, sorted by name. A card dated
 * more than CARD_TTL_SECONDS ahead is not one an instance wrote (clocks are held within 30 s of the
 * store's): counted, it would stay live for ever, a false disagreement no restart clears (session 22).
 */
export function liveCards(cards: readonly InstanceCard[], now: number): InstanceCard[] {
  return cards
    .filter((c) => c.at >= now - CARD_TTL_SECONDS && c.at <= now + CARD_TTL_SECONDS)
    .sort((a, b) => (a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0));
}

export interface Disagreement {
  readonly setting: string;
  /** One group per value seen: the instances holding it (this instance's group first). */
  readonly groups: readonly (readonly string[])[];
}

/**
 * The settings on which live instances hold different values. A setting an instance does not publish
 * (an older version) is not compared for it.
 */
export function disagreements(me: InstanceCard, cards: readonly InstanceCard[]): Disagreement[] {
  const others = cards.filter((c) => c.instance !== me.instance);
  const out: Disagreement[] = [];
  for (const setting of Object.keys(me.settings).sort()) {
    const byValue = new Map<string, string[]>([[me.settings[setting]!, [me.instance]]]);
    for (const c of others) {
      const fp = c.settings[setting];
      if (fp === undefined) continue;
      byValue.set(fp, [...(byValue.get(fp) ?? []), c.instance]);
    }
    if (byValue.size > 1) out.push({ setting, groups: [...byValue.values()] });
  }
  return out;
}

/** Live peers that publish the keys they can open and cannot open the one this instance seals with. */
export function peersWithoutMyKey(me: InstanceCard, cards: readonly InstanceCard[]): string[] {
  if (me.seals === undefined) return [];
  return cards
    .filter((c) => c.instance !== me.instance && c.opens !== undefined && !c.opens.includes(me.seals!))
    .map((c) => c.instance);
}

/** Live instances sealing under one of `keyIds` (for the readiness text of an instance that lacks them). */
export function sealersOf(keyIds: readonly string[], cards: readonly InstanceCard[]): string[] {
  return cards.filter((c) => c.seals !== undefined && keyIds.includes(c.seals)).map((c) => c.instance);
}

/** `a:1, b:2 | c:3`: the groups of a disagreement as one line, names escaped (they come from the store). */
export const groupsText = (d: Disagreement) => d.groups.map((g) => g.map(shown).join(', ')).join(' | ');

/** A stable key of the whole set, so the edge logs when it changes, not every 10 s. */
export const disagreementKey = (ds: readonly Disagreement[]) =>
  JSON.stringify(ds.map((d) => [d.setting, d.groups.map((g) => [...g].sort()).sort()]));

/**
 * The settings that must agree across the instances of one store, each by its fingerprint. Paths are
 * left out (a key file may live elsewhere on each host); what they hold is in (the local org policy as
 * parsed), except secrets: of the admin tokens only their names (a card must be no guessing oracle). Live settings (rate limits, admin tokens, org policy) are
 * read at each refresh, so a reload shows at once.
 */
export function settingsOf(
  config: BrokerConfig,
  live: LiveSettings,
  signingKids: readonly string[],
): Record<string, string> {
  const issuers = issuerSettings(config);
  const values: Record<string, unknown> = {
    url: config.url,
    // One setting for everything said per issuer (its audience, owners, manifests, App): an issuer
    // added at one instance is one difference, not four.
    issuers: issuers
      .map((s) => ({
        url: s.url,
        audience: s.audience,
        'owner-ids': s.ownerIds ?? null,
        manifests: s.manifests,
        github: s.github ? [s.github.api, s.github['app-id']] : null,
      }))
      .sort((a, b) => (a.url < b.url ? -1 : 1)),
    'rate-limit': live.rateLimit,
    'replay-rate-limit': live.replayRateLimit,
    // The names only (session 22): a fingerprint over the tokens' hashes let anyone who reads the
    // store confirm a guessed token offline, at hash speed, where the admin endpoints allow a guess a
    // request. An instance missing a token (its kill switch refuses that admin) still differs; one
    // holding another token under the same name does not (docs/decisions.md, session 22).
    'admin-tokens': adminTokensOf(live.adminTokenHashes)
      .map((t) => t.name)
      .sort(),
    'org-policy': [
      typeof config['org-policy'] === 'object' ? { ...config['org-policy'], file: undefined } : null,
      live.orgPolicyFile?.value ?? null,
    ],
    'require-job-identity': config['require-job-identity'],
    'clock-tolerance': config['clock-tolerance'],
    'max-token-lifetime': config['max-token-lifetime'],
    audiences: [config['jwt-profile'], config.audiences, config.spiffe?.['trust-domain'] ?? null],
    'signing-key': [...signingKids].sort(),
    'state-strict': config['state-strict'],
    // Not a setting but the version's store format (session 23): a rollout that changes it shows
    // which instances still write the older one (they refuse the newer records: ERR_STATE_RECORD_NEWER).
    'store-format': STORE_FORMAT,
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, fingerprint(canonical(v))]));
}
