/**
 * Broker state in Valkey ≥ 7.2 / Redis OSS ≥ 7.0, shared by every instance. Each check-and-write
 * is one atomic command or Lua script, so two instances never both win a `jti`, a claim, a rate-limit
 * token or a revocation. Commands fail fast (no offline queue, a command deadline): the service
 * turns any error into a 503 and grants nothing.
 *
 * Keys (prefix `stepwarden:`): jti:<iss:jti> (SET NX EX), claim:<key> (set of holders), rec:<grant>
 * (hash, EXPIREAT), tok:<sha256> -> grant, intent:<grant>, ix:* (sorted sets of grant ids by repository
 * id, repository, workflow, run, run/attempt/job, scored by retention end; SLOT_MARK beside them in
 * the trimmed ones), queue (sorted set:
 * revocation due time -> grant), rate:<key> (token bucket on the server clock), blocks (hash:
 * kill-switch blocks, no expiry), taken:<tag> (list: the grants one sweep's take expired, kept until
 * that instance's next take or an hour: takenKey), takes (sorted set: each taken:<tag> list by the end
 * of its lease on the store's clock; past it, the next take of any instance adopts the list: TAKES).
 *
 * An exchange costs four round trips, each one script (EVALSHA; ioredis sends the script again on
 * NOSCRIPT): screen (replay check + token bucket), gate (jti + blocks + claim + intent), put (record,
 * token hash, indexes, deadline) and deliver (blocks + deadline).
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { Command, Redis, ReplyError, type RedisOptions } from 'ioredis';
import { steadyNowMs } from '../../clock/steady.js';
import { respCommand } from './resp.js';
import { SecretUnreadable, type SecretBox } from './secret-box.js';
import {
  CARD_TTL_SECONDS,
  MAX_CARD_CHARS,
  MAX_CARDS,
  liveCards,
  parseCard,
  sealersOf,
  type InstanceCard,
} from '../ops/fleet.js';
import {
  blockKey,
  blockKeysFor,
  IntentGone,
  RecordUnreadable,
  retainUntil,
  RUN_KEEP_SECONDS,
  RUNS_PER_REPOSITORY,
  runLinksKey,
  type RunReach,
  writerOf,
  dispatchKeyOf,
  writerRunsKey,
  type RunKey,
  type RunLink,
  type Writer,
  type WriterRunsFound,
  type WriterRunsQuery,
  StateDbUnverified,
  StateLost,
  StateUnfit,
  ClockSkewed,
  STORE_FORMAT,
  STATE_READONLY_TEXT,
  STATE_READONLY_SENTINEL_TEXT,
  recordMatches,
  selectorMatches,
  type Block,
  type BlockSelector,
  type Delivery,
  type GateRequest,
  type GateResult,
  type ScreenRequest,
  type ScreenResult,
  type ScreenGateResult,
  type CredentialRecord,
  type Intent,
  type Invalidation,
  damagedIndexText,
  type ListedRecords,
  type LiveFilter,
  type MarkRevokedOptions,
  type AloneEntry,
  type HeldEntry,
  type TakenBatch,
  type Store,
} from './store.js';

const P = 'stepwarden:';
const QUEUE = `${P}queue`;
/**
 * Credential indexes: sorted sets, grant id scored by the record's retention end, trimmed of ended
 * ones when a put moves their expiry, about once a minute (INDEX_SLOT: a busy repository's index
 * holds its retained records, not every credential ever made) and expiring with their latest record. LEGACY_INDEX: the sets of an older version, read
 * until they expire by themselves.
 */
const INDEX = `${P}ix:`;
const LEGACY_INDEX = `${P}idx:`;
const BLOCKS = `${P}blocks`;
/**
 * Run indexes (store.ts writerRuns, linkRun): a sorted set and a hash (`d:`) per key. The window of
 * writing runs (WRITERS) kept the same shape since session 23 (an older instance reads it; since
 * session 25 its entries go at their end, not 36 days on); WRITER is new in session 25 (a hash per
 * writing run id, store.ts writers), read only by instances that write it.
 */
const WRITERS = `${P}wruns:`;
const WRITER = `${P}wrun:`;
const LINKS = `${P}rlinks:`;
/** A blocked run's kill-switch reach (store.ts noteReach): a hash per run id, [issuer, repository id] -> since. */
const REACH = `${P}reach:`;
/**
 * The job-end mark of a job (store.ts, jobEndKey: a JSON array), or the bare prefix where there is
 * none: a key the scripts never read then (their flag is '0'), passed only because a script's key
 * count is fixed.
 */
const jobEndMarkKey = (key: string | undefined): string => `${P}jobend:${key ?? ''}`;
/**
 * Hash: the id of each key that sealed a GitHub token into the store -> when it last did (unix
 * seconds, refreshed at most every SEALER_REFRESH). An instance that cannot open what was sealed
 * within SEALER_WINDOW (longer than any record is kept) does not start: ERR_STATE_KEY_MISMATCH.
 */
export const SEALERS = `${P}sealers`;
/**
 * Hash: store format (store.ts, STORE_FORMAT) -> when an instance last wrote a record in it (unix
 * seconds, refreshed at most every SEALER_REFRESH). An instance that finds a format above its own
 * written within SEALER_WINDOW (longer than any record is kept) does not start: it could neither read
 * nor revoke those records (ERR_STATE_FORMAT_NEWER). A rollback starts once they have expired.
 */
export const FORMATS = `${P}formats`;
/** Hash: instance name -> its card (ops/fleet.ts), refreshed every 10 s; entries over an hour old are removed. */
const INSTANCES = `${P}instances`;
/**
 * A value written once (SET NX, no expiry) by the first instance to start on a store, read by every
 * other at start, and checked by every exchange in the gate script: a store that lost its data (a
 * restart without persistence, FLUSHALL, a lost disk) no longer has it, and the instances that knew
 * it refuse (ERR_STATE_LOST) instead of serving replays and blocked selectors on an empty store.
 */
export const EPOCH = `${P}epoch`;
/**
 * A counter every exchange's gate (once its jti is written), every kill-switch block, job-end mark
 * and job-end listing advances (INCR, no expiry). Each instance remembers the highest value it has
 * seen (for longer than REWIND_GRACE_MS): a store answering lower went back to an older copy of its
 * data (an older snapshot or backup, a replica promoted without the last writes) where EPOCH is the
 * same; the instance then marks EPOCH (REWOUND_PREFIX), so every instance refuses (ERR_STATE_LOST).
 */
export const GENERATION = `${P}gen`;
/** What EPOCH becomes when an instance finds the store behind it: `rewound:<found>:<seen>:<epoch>`. */
const REWOUND_PREFIX = 'rewound:';
/**
 * `<found>` in that mark when GENERATION is no counter the instances can compare (another type, not
 * digits, 16 digits or more: beyond a double's exact integers, where INCR would also stop): written
 * by hand or another tool, so whether the store went back can no longer be told. Failing closed the
 * rewind's way keeps one recovery (SET of the epoch; the script rewrites the counter meanwhile).
 */
const GENERATION_BROKEN = 'broken';
/**
 * How long (ms) a generation seen must be old before an instance holds the store to it, without
 * `strict` (with it: as soon as a replica acknowledged it). Replication is asynchronous: a failover
 * loses the writes the replica had not received, which `min-replicas-max-lag 10` (docs/deploy.md)
 * bounds to about 10 s; that loss is the one deploy.md accepts without strict mode, so it is not
 * called a rewind. A restore from a snapshot more than 10 s older than the last write is.
 */
export const REWIND_GRACE_MS = 10_000;
/**
 * How far (seconds) an instance's clock may be from the store's (TIME) before it refuses exchanges.
 * An instance keeps a used jti for what is left of the token by its own clock, plus the verifier's
 * tolerance and a minute; another instance accepts the token until `exp` plus the tolerance by its
 * clock. No replay window opens while the two clocks differ by less than that minute: each within
 * 30 s of the store's.
 */
export const MAX_CLOCK_SKEW_SECONDS = 30;
const SEALER_WINDOW = 2 * 3600;
const SEALER_REFRESH = 300;
/** The record fields decode() requires to be strings. */
const RECORD_STRINGS = [
  'grantId',
  'tokenHash',
  'scope',
  'sub',
  'repository',
  'repositoryId',
  'workflow',
  'job',
  'step',
  'runId',
  'runAttempt',
  'audience',
] as const;
export const INVALIDATE_CHANNEL = `${P}invalidate`;

/**
 * Claims are a set of holders (grant ids): a give-back of one holder is idempotent, whoever does it
 * (the exchange, the sweep, a revocation of an undelivered credential). A counter left by an older
 * version becomes that many anonymous holders. A Lua function `claim(key, ttl, holder)` -> count.
 */
const CLAIM_LUA = `local function legacy(key)
  if redis.call('TYPE', key).ok ~= 'string' then return end
  local n = tonumber(redis.call('GET', key) or '0')
  local ttl = redis.call('TTL', key)
  redis.call('DEL', key)
  for i = 1, n do redis.call('SADD', key, 'legacy:' .. i) end
  if n > 0 and ttl > 0 then redis.call('EXPIRE', key, ttl) end
end
local function claim(key, ttl, holder)
  -- SADD refuses an older version's counter (WRONGTYPE): converted, then added. One command less on
  -- every claim than asking TYPE first; any other error is raised by the second SADD.
  if type(redis.pcall('SADD', key, holder)) == 'table' then
    legacy(key)
    redis.call('SADD', key, holder)
  end
  redis.call('EXPIRE', key, ttl, 'NX')
  return redis.call('SCARD', key)
end
local function unclaim(key, holder)
  legacy(key)
  -- A key of another type (changed in the store) frees nothing and fails nothing: pcall.
  if holder ~= '' then redis.pcall('SREM', key, holder) else redis.pcall('SPOP', key) end
end
`;

/**
 * A Lua function `inflight(claimKey, except, prefix, queue)`: the earliest queue time of the claim's
 * holders other than `except` that are in flight (their intent there, or their record stored with
 * `deliverBy` and not revoked), false when none is (or the claim is an older version's counter).
 * `prefix` is the bare key prefix: the fault suites' Redis proxies pick a script call by the key
 * names it carries, and `stepwarden:rec:` in the gate's call was taken for deliver().
 */
const IN_FLIGHT_LUA = `local function inflight(claimKey, except, prefix, queue)
  if redis.call('TYPE', claimKey).ok ~= 'set' then return false end
  local due = false
  for _, h in ipairs(redis.call('SMEMBERS', claimKey)) do
    if h ~= except then
      local flying = redis.call('EXISTS', prefix .. 'intent:' .. h) == 1
      if not flying then
        local r = redis.call('HMGET', prefix .. 'rec:' .. h, 'deliverBy', 'revokedAt')
        flying = r[1] ~= false and r[2] == false
      end
      if flying then
        local at = tonumber(redis.call('ZSCORE', queue, h)) or 0
        if not due or at < due then due = at end
      end
    end
  end
  return due
end
`;

/**
 * The epoch and generation check before any write (the gate, useOnce, health, blocks). A Lua
 * function `generation(epochKey, genKey, mine, seen, highest)` (`seen`: the generation held to,
 * `highest`: the highest seen, also younger than the grace) -> nil when this instance may go on, else
 * {-1, the epoch found ('' when none)} or {-3, the rewound mark it wrote}. While the epoch is not
 * this instance's (lost, or marked rewound), each instance that asks raises the generation to the
 * highest it has seen (also what would age into `seen` later), so the operator's one SET of the epoch back leaves no instance above the store (an
 * instance that asked nothing meanwhile, not even /readyz, may find it behind and mark it again).
 * Raising never hides a loss: only a store below what an instance holds is one.
 */
const GENERATION_LUA = `local function counter(genKey, v)
  -- One command, not TYPE then GET (every gate runs this): a key of another type answers GET with
  -- WRONGTYPE, which pcall returns as a table, read as broken like any other value not a counter.
  -- v: the value MGET read (a string), else read here (MGET says nil for another type too).
  if not v then v = redis.pcall('GET', genKey) end
  if v == false then return 0 end
  if type(v) ~= 'string' then return nil end
  if not string.match(v, '^%d+$') or #v > 15 then return nil end
  return tonumber(v)
end
local function generation(epochKey, genKey, mine, seen, highest)
  -- Both in one MGET (session 29). MGET answers nil for a key of another type as for a missing one,
  -- so a nil is read again as before: GET of the epoch raises WRONGTYPE, counter() reads it broken.
  local both = redis.call('MGET', epochKey, genKey)
  local epoch = both[1] or redis.call('GET', epochKey)
  local gen = counter(genKey, both[2])
  if epoch ~= mine then
    if (gen or -1) < tonumber(highest) then
      redis.call('SET', genKey, highest)
    end
    return {-1, epoch or ''}
  end
  if gen == nil or gen < tonumber(seen) then
    local mark = '${REWOUND_PREFIX}' .. (gen or '${GENERATION_BROKEN}') .. ':' .. seen .. ':' .. mine
    redis.call('SET', epochKey, mark)
    redis.call('SET', genKey, highest)
    return {-3, mark}
  end
  return nil
end
`;

/**
 * Token bucket on the server's clock, so instances with skewed clocks share one bucket fairly. A Lua
 * function `bucket(key, limit, windowSeconds, now)` -> allowed (0/1), seconds to wait; `now` is the
 * server's TIME in seconds when the script has already read it (swScreenGate: one TIME for the
 * bucket and the gate's skew check, parsed once: each `tonumber` of a string is a strtod in
 * redis-server, session 38), else nil.
 */
const BUCKET_LUA = `local function bucket(key, limitText, windowText, now)
  if not now then
    local t = redis.call('TIME')
    now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  end
  local limit = tonumber(limitText)
  local rate = limit / tonumber(windowText)
  local b = redis.call('HMGET', key, 'tokens', 'at')
  local tokens = tonumber(b[1]) or limit
  local at = tonumber(b[2]) or now
  tokens = math.min(limit, tokens + math.max(0, now - at) * rate)
  local allowed, retry = 0, 0
  if tokens < 1 then retry = math.max(1, math.ceil((1 - tokens) / rate)) else tokens = tokens - 1; allowed = 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
  redis.call('EXPIRE', key, math.ceil((limit - tokens) / rate) + 1)
  return allowed, retry
end
`;

/**
 * The trimmed indexes' expiry is set to the end of the INDEX_SLOT (seconds) in which their latest
 * record's retention ends, and they are trimmed only when it moves (session 29): a put that finds the
 * expiry already past its record's retention (most of them, on a busy repository) runs ZADD and
 * EXPIRETIME alone, two commands instead of four. What it costs: entries whose retention ended stay
 * until the next put that moves the expiry, about INDEX_SLOT seconds' worth of them, which a reader
 * of the index finds gone and removes (live()); an index outlives its latest record by under
 * INDEX_SLOT seconds. An older instance on the same store trims on every put and only raises the
 * expiry (EXPIRETIME < its keep), so the two kinds of put agree.
 *
 * Since session 37 the put of a new credential (its intent taken in the same script) reads no
 * EXPIRETIME: the index holds SLOT_MARK, scored by the slot end its expiry was last raised to, and one
 * ZADD (GT CH) writes the entry and raises the mark; its answer says whether the mark moved (2: the
 * new entry and the mark) and only then is EXPIRETIME read, the index trimmed and its expiry raised.
 * What holds it: whenever the mark is there at S, the key's expiry is at least S (set in the same
 * script; nothing lowers an index's expiry: every version only raises it), so an unmoved mark proves
 * the expiry covers the new entry. A mark removed (an older instance's reader takes it for a gone
 * record) is written again by the next put, which then checks the expiry as before.
 */
const INDEX_SLOT = 60;
/** The trimmed indexes' member scored by their expiry's slot end (above): never a grant id (a UUID). */
const SLOT_MARK = '!expiry';

/**
 * The record's writes, shared by swPut and swPutDelivered: the hash (ARGV[7..6+n]) with its expiry
 * (ARGV[2]), the token-hash key, the indexes (ARGV[8+n..]; the first ARGV[7+n] trimmed of entries
 * ended before ARGV[5] when their expiry moves: INDEX_SLOT), and the queue entry at ARGV[3] ('' : none).
 * KEYS: intent, rec, tok, queue. `fresh` (set by the caller): this script took the credential's
 * intent, so no put of it came before (a put takes the intent) and its id is in no index: a trimmed
 * index's ZADD (GT CH) answers 1 for the entry plus 1 when SLOT_MARK moved, nothing else.
 */
const PUT_LUA = `local n = tonumber(ARGV[6])
redis.call('HSET', KEYS[2], unpack(ARGV, 7, 6 + n))
redis.call('EXPIREAT', KEYS[2], ARGV[2])
redis.call('SET', KEYS[3], ARGV[4], 'EXAT', ARGV[2])
local slotEnd = math.ceil(tonumber(ARGV[2]) / ${INDEX_SLOT}) * ${INDEX_SLOT}
local slot = string.format('%d', slotEnd)
local trimmed = 7 + n + tonumber(ARGV[7 + n])
for i = 8 + n, #ARGV do
  if i <= trimmed then
    local check = true
    if fresh then
      check = redis.call('ZADD', ARGV[i], 'GT', 'CH', ARGV[2], ARGV[4], slot, '${SLOT_MARK}') ~= 1
    else
      redis.call('ZADD', ARGV[i], ARGV[2], ARGV[4])
    end
    -- The mark moved (or a re-put): the expiry read, and raised only, to the slot's end.
    if check and redis.call('EXPIRETIME', ARGV[i]) < slotEnd then
      redis.call('ZREMRANGEBYSCORE', ARGV[i], '-inf', '(' .. ARGV[5])
      redis.call('EXPIREAT', ARGV[i], slot)
    end
  else
    redis.call('ZADD', ARGV[i], ARGV[2], ARGV[4])
    -- ARGV[2] as it came, not tonumber(ARGV[2]): a number handed to redis.call is formatted by
    -- snprintf('%.17g') in redis-server (about 2.9 K instructions), to the same digits (session 38).
    if redis.call('EXPIREAT', ARGV[i], ARGV[2], 'NX') == 0 then
      redis.call('EXPIREAT', ARGV[i], ARGV[2], 'GT')
    end
  end
end
if ARGV[3] ~= '' then redis.call('ZADD', KEYS[4], queueAt(ARGV[3]), ARGV[4]) end
`;

/**
 * The exchange's gate, atomic (swGate, swScreenGate): a Lua function `gate(screen)` over the gate's
 * KEYS[1..8] and ARGV (below, at swGate). `screen` (swScreenGate), called once the jti's SET NX has
 * answered, with that answer and the server's TIME in seconds: a reply that stops the gate there, or
 * nil.
 */
/**
 * A Lua function `onServerClock(at, callerNow, serverNow)`: `at`, a time on the caller's clock, on
 * the store's (TIME), in whole seconds (a skew under half a second moves nothing). The sweep takes due
 * entries by TIME (swDue), so an in-flight deadline queued on the clock of an instance behind the
 * store by more than its window (25 s by default; the gate admits 30) was due before it was written,
 * and every instance's sweep took that instance's exchanges as they ran (session 41).
 */
const SERVER_CLOCK_LUA = `local function onServerClock(at, callerNow, serverNow)
  local skew = tonumber(callerNow) - serverNow
  local shift = skew >= 0 and math.floor(skew + 0.5) or -math.floor(-skew + 0.5)
  return tonumber(at) - shift
end
`;

const GATE_LUA = `${CLAIM_LUA}${GENERATION_LUA}${IN_FLIGHT_LUA}${SERVER_CLOCK_LUA}local function gate(screen)
  local lost = generation(KEYS[6], KEYS[8], ARGV[9], ARGV[13], ARGV[14])
  if lost then return {lost[1], {lost[2]}, -1, 0} end
  local t = redis.call('TIME')
  local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
  local skew = tonumber(ARGV[10]) - now
  if math.abs(skew) > tonumber(ARGV[11]) then return {-2, {string.format('%.0f', skew)}, -1, 0} end
  local fresh = redis.call('SET', KEYS[1], '1', 'EX', ARGV[1], 'NX')
  if screen then
    local stop = screen(fresh, now)
    if stop then return stop end
  end
  local blocks = {}
  -- The subject's block keys come as one argument, a line each, split and looked up only when some
  -- block is in force (session 30): with none, EXISTS alone, and the keys are never pushed apart.
  if redis.call('EXISTS', KEYS[2]) == 1 then
    local wanted = {}
    for k in string.gmatch(ARGV[8], '[^\\n]+') do wanted[#wanted + 1] = k end
    if #wanted > 0 then
      for _, v in ipairs(redis.call('HMGET', KEYS[2], unpack(wanted))) do
        if v then blocks[#blocks + 1] = v end
      end
    end
  end
  if not fresh then return {0, blocks, -1, 0} end
  local gen = redis.call('INCR', KEYS[8])
  if #blocks > 0 then return {1, blocks, -1, 0, 0, gen} end
  if ARGV[12] == '1' and redis.call('EXISTS', KEYS[7]) == 1 then return {1, blocks, -1, 0, 1, gen} end
  local count = claim(KEYS[3], ARGV[2], ARGV[4])
  if count > tonumber(ARGV[3]) then
    local due = inflight(KEYS[3], ARGV[4], ARGV[15], KEYS[5])
    if not due then return {1, blocks, count, 0, 0, gen} end
    redis.call('SREM', KEYS[3], ARGV[4])
    return {1, blocks, count, 0, 0, gen, tostring(due)}
  end
  redis.call('SET', KEYS[4], ARGV[5], 'EXAT', ARGV[6])
  redis.call('ZADD', KEYS[5], onServerClock(ARGV[7], ARGV[10], now), ARGV[4])
  return {1, blocks, count, 1, 0, gen}
end
`;

/**
 * The sweep's hold of one entry (swHold, swHoldMany): still under this caller's lease `mine`? Then
 * renewed at `base` keeping its fraction, and its record read beside it (pcall: a key of another
 * type is left unread). `leaseBase`: the lease's whole seconds from the later of the caller's clock
 * and the server's (TIME). -> 0, or {lease, the record's fields and values (none: unread)}
 */
const HOLD_LUA = `local function leaseBase(callerNow, seconds, callerClock)
  local t = redis.call('TIME')
  local now = callerClock == '1' and tonumber(callerNow) or tonumber(t[1])
  return math.floor(math.max(now, tonumber(t[1]))) + tonumber(seconds)
end
local function hold(queue, id, mine, rec, base)
  local s = redis.call('ZSCORE', queue, id)
  if not s or tonumber(s) ~= tonumber(mine) then return 0 end
  local lease = base + tonumber(mine) % 1
  redis.call('ZADD', queue, lease, id)
  local r = redis.pcall('HGETALL', rec)
  if r.err then return {string.format('%.17g', lease)} end
  return {string.format('%.17g', lease), r}
end
`;

/**
 * The sweep's expiry of a broker JWT alone in its run (swExpireAlone, swExpireAloneMany): 1, or 0
 * untouched. The run's indexes are counted under `pcall`: a key of another type answers WRONGTYPE
 * (a table, not a number), and the entry is left untouched, as two TYPE checks did before session 35.
 * A member is looked up only when its index holds exactly one (none: alone; two or more: not alone).
 */
const EXPIRE_ALONE_LUA = `local function runAlone(run, legacyRun, id)
  local n = redis.pcall('ZCARD', run)
  if type(n) ~= 'number' or n > 1 or (n == 1 and not redis.call('ZSCORE', run, id)) then return false end
  n = redis.pcall('SCARD', legacyRun)
  return type(n) == 'number' and n <= 1 and (n == 0 or redis.call('SISMEMBER', legacyRun, id) == 1)
end
local function expireNow(rec, queue, intent, at, id)
  redis.call('HSET', rec, 'revokedAt', at, 'revokedReason', '"TTL_PASSED"', 'revocation', '"done"')
  redis.call('ZREM', queue, id)
  redis.call('DEL', intent)
  return 1
end
local function expireAlone(rec, queue, intent, run, legacyRun, at, id)
  local f = redis.call('HMGET', rec, 'grantId', 'revokedAt', 'deliverBy', 'secret', 'revocation')
  if not f[1] or f[2] or f[3] or f[4] or f[5] or not runAlone(run, legacyRun, id) then return 0 end
  return expireNow(rec, queue, intent, at, id)
end
`;

/**
 * The sweep's take of a batch in one step (swTakeDue, session 42): due()'s lease, holdMany()'s read
 * and expireAloneMany()'s expiry at once. A Lua function `takeOne(h, base, queue, id, at)`: `h`
 * the entry's record as HGETALL answered it; 1 when it is a broker JWT of a format this version
 * reads, delivered, not revoked, holding no secret, alone in its run (expireAlone's test, and a `kind` of
 * 'jwt', which expireAlone leaves to its caller): then expired and settled (TTL_PASSED
 * at `at`) and off the queue. Else 0, nothing written. `base`: the store's key prefix (the
 * caller's `keyPrefix` with it), so the record's own keys and its run's indexes are named here from
 * the record's `runId`, which only its `r` holds: decoded under pcall (not JSON: 0, left to the
 * entry's own path, which calls it corrupt).
 */
const TAKE_LUA = `${EXPIRE_ALONE_LUA}local function takeOne(h, base, queue, id, at)
  local f = {}
  for i = 1, #h, 2 do f[h[i]] = h[i + 1] end
  if f.revokedAt or f.deliverBy or f.secret or f.revocation or not f.r or f.grantId ~= cjson.encode(id) then return 0 end
  local ok, o = pcall(cjson.decode, f.r)
  if not ok or type(o) ~= 'table' or o.grantId ~= id or o.kind ~= 'jwt' or type(o.runId) ~= 'string' then return 0 end
  if o.v ~= nil and (type(o.v) ~= 'number' or o.v > ${STORE_FORMAT}) then return 0 end
  if not runAlone(base .. '${INDEX.slice(P.length)}run:' .. o.runId, base .. '${LEGACY_INDEX.slice(P.length)}run:' .. o.runId, id) then
    return 0
  end
  return expireNow(base .. 'rec:' .. id, queue, base .. 'intent:' .. id, at, id)
end
`;

/**
 * A script call's Command: its RESP text (the same bytes) built into one Buffer by `respCommand`
 * instead of ioredis's string concatenation (session 36: the largest share of the broker's young
 * garbage on Redis state). Its `args` are strings only (`script` converts numbers with `numberArg`).
 */
class ScriptCommand extends Command {
  override toWritable(): Buffer {
    return respCommand(this.name, this.args as string[]);
  }
}

/** A number as ioredis's `toArg` writes it (an integer past 2^53 in full, not in exponent form). */
export const numberArg = (v: number): string =>
  Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v).toString() : String(v);

/**
 * The due entries of the queue (KEYS[1]) and their new lease, for swDue and swTakeDue: ARGV[1] the
 * caller's now, ARGV[2] the limit, ARGV[3] the lease (s), ARGV[4] its fraction (leaseFraction), ARGV[5]
 * '1' when the caller's clock is the store's. Sets `ids` and `lease`.
 */
const DUE_LUA = `local t = redis.call('TIME')
local now = ARGV[5] == '1' and tonumber(ARGV[1]) or tonumber(t[1])
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local lease = math.floor(math.max(now, tonumber(t[1]))) + tonumber(ARGV[3]) + tonumber(ARGV[4])
`;

/** A lease's fraction: 1 to 2^20 - 1 over 2^21, exact beside any unix time in a double. */
const leaseFraction = (): number => (1 + randomInt(2 ** 20 - 1)) / 2 ** 21;

/**
 * What one takeDue() expired (swTakeDue), by its caller's tag: read back by a caller whose answer
 * was lost (takenBy), dropped by that caller's next take once its lines are written. Kept an hour
 * at most: an instance gone before its next take leaves one list of at most a batch.
 */
const takenKey = (tag: string): string => `${P}taken:${tag}`;
const TAKEN_SECONDS = 3600;
/**
 * The take lists whose lines are not yet known written, by lease end (TIME + the sweep's lease): an
 * instance killed between its take and its lines (or before its lost answer was read back) leaves
 * one, and the next take of any instance past that lease adopts it (session 43). Named from the
 * prefix inside the scripts (`KEYS[2] .. 'takes'`), like the records a take reads.
 */
const TAKES = `${P}takes`;
/** Orphaned take lists one take adopts at most (each at most a batch). */
const ADOPT_PER_TAKE = 10;

/** A lone broker JWT's keys for EXPIRE_ALONE_LUA (swExpireAlone puts the queue after the first). */
const aloneKeys = (grantId: string, runId: string): [string, string, string, string] => [
  `${P}rec:${grantId}`,
  `${P}intent:${grantId}`,
  `${INDEX}run:${runId}`,
  `${LEGACY_INDEX}run:${runId}`,
];

const SCRIPTS = {
  swClaim: {
    numberOfKeys: 1,
    lua: `${CLAIM_LUA}if ARGV[1] == 'claim' then return claim(KEYS[1], ARGV[2], ARGV[3]) end
unclaim(KEYS[1], ARGV[3])
return redis.call('SCARD', KEYS[1])`,
  },
  // A dry run's look at a claim over uses (the gate's own, read-only). -> the earliest time, or nil
  swInFlight: {
    numberOfKeys: 2,
    lua: `${IN_FLIGHT_LUA}local due = inflight(KEYS[1], ARGV[1], ARGV[2], KEYS[2])
if due then return tostring(due) end
return false`,
  },
  // /admin/unblock: the block's field out of the block hash and, when it was the last block naming
  // its run id (ARGV[2], '' for none), the run's kill-switch reach (KEYS[2]) too, in one step: a
  // later block of the run starts from its own walk, never a stale reach. -> 1 lifted, 0 none matched
  // A learned block beside the one it was learned from, only while that one is held (ARGV[3]): an
  // unblock of it that came first is not undone. -> 1 written, 0 not (the other is gone)
  swBlockBeside: {
    numberOfKeys: 1,
    lua: `if redis.call('HEXISTS', KEYS[1], ARGV[3]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`,
  },
  swUnblock: {
    numberOfKeys: 2,
    lua: `local n = redis.call('HDEL', KEYS[1], ARGV[1])
if n == 1 and ARGV[2] ~= '' then
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    local ok, k = pcall(cjson.decode, field)
    if ok and type(k) == 'table' and k[3] == ARGV[2] then return n end
  end
  redis.call('DEL', KEYS[2])
end
return n`,
  },
  swRate: {
    numberOfKeys: 1,
    lua: `${BUCKET_LUA}local allowed, retry = bucket(KEYS[1], ARGV[1], ARGV[2])
return {allowed, retry}`,
  },
  // The screen before the decision: a used jti is said without charging the bucket (replays cannot
  // starve a repository), else one token of the bucket. -> {seen, allowed, retry}
  swScreen: {
    numberOfKeys: 2,
    lua: `${BUCKET_LUA}if redis.call('EXISTS', KEYS[1]) == 1 then return {1, 1, 0} end
local allowed, retry = bucket(KEYS[2], ARGV[1], ARGV[2])
return {0, allowed, retry}`,
  },
  // The exchange's gate, atomic: jti SET NX EX; the kill switch's blocks of this subject (looked up
  // by their keys: blockKeysFor, one argument, ARGV[8]); then, fresh and not blocked, the claim; then, within uses, the
  // write-ahead intent and its queue entry. A job the job-end listing closed (KEYS[7], its mark, when
  // ARGV[12] is '1') counts nothing, like a block: its jti is used, then it stops.
  // Over uses while another holder of the claim is in flight (its intent, or its record stored and
  // neither delivered nor revoked: IN_FLIGHT_LUA, ARGV[15] the bare key prefix): this
  // holder is removed again, and the earliest queue time of those holders comes back (7th value).
  // -> {fresh, matching blocks, count (-1: none), intended, job ended}
  // The epoch and the generation (KEYS[8], this instance's highest in ARGV[13]) first: a store
  // that lost its data or went back in time gets nothing written. A written jti advances the
  // generation (the 6th value returned).
  swGate: {
    numberOfKeys: 8,
    lua: `${GATE_LUA}return gate()`,
  },
  // The screen, then (not seen, within the rate limit: KEYS[9], ARGV[16] per ARGV[17] s) the
  // gate, in one step, for an exchange decided without reaching GitHub. A used jti stops it before the
  // bucket ({-10}), an empty bucket with nothing written ({-11, retry}); else the gate's answer. The
  // jti's one SET NX is the replay check too (session 37: EXISTS then SET was two commands): the jti
  // it wrote is deleted again in the same atomic step when the bucket refuses, so the step's retry is
  // no replay. It runs after the epoch, generation and skew checks (they write nothing a refusal must
  // undo), so a replay on a lost or skewed store is refused as that, not as a replay. One TIME for the
  // skew check and the bucket.
  swScreenGate: {
    numberOfKeys: 9,
    lua: `${BUCKET_LUA}${GATE_LUA}return gate(function(fresh, now)
  if not fresh then return {-10} end
  local allowed, retry = bucket(KEYS[9], ARGV[16], ARGV[17], now)
  if allowed == 0 then
    redis.call('DEL', KEYS[1])
    return {-11, retry}
  end
end)`,
  },
  // The generation check alone (health), or with a write that must be held to it: ARGV[3] 'jti' is
  // useOnce's SET NX EX (KEYS[3], ttl ARGV[4]); 'advance' only advances (after a block or a job-end
  // mark, which are written whatever the check says: the kill switch works while lost).
  // -> {0, generation, written (1/0)} or {-1 | -3, what generation() said}
  swGeneration: {
    numberOfKeys: 3,
    lua: `${GENERATION_LUA}local lost = generation(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[5])
if lost then return lost end
if ARGV[3] == 'jti' then
  if not redis.call('SET', KEYS[3], '1', 'EX', ARGV[4], 'NX') then return {0, tonumber(redis.call('GET', KEYS[2]) or '0'), 0} end
  return {0, redis.call('INCR', KEYS[2]), 1}
end
if ARGV[3] == 'advance' then return {0, redis.call('INCR', KEYS[2]), 1} end
return {0, tonumber(redis.call('GET', KEYS[2]) or '0'), 0}`,
  },
  // Takes due revocations and leases them in one step: whichever instance sweeps, each is taken once.
  // The lease ends on the later of the caller's clock and the server's (TIME): a caller whose clock is
  // behind would otherwise lease an entry until a time already past for every other instance. Its
  // fraction (ARGV[4], a dyadic number below 0.5) names this lease, so hold() can tell it from another
  // instance's. -> {ids, lease}
  swDue: {
    numberOfKeys: 1,
    lua: `${DUE_LUA}for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], lease, id) end
return {ids, string.format('%.17g', lease)}`,
  },
  // Just before an entry is worked: still under this caller's lease (ARGV[2])? Then renewed, keeping
  // its fraction, and its record (KEYS[2]) read in the same step: the sweep reads it next (get), one
  // round trip less per entry (session 33). A record key of another type is not read here (pcall):
  // get()'s own HGETALL then fails that entry alone, as before. Else another instance (or a
  // deliver, a retry) has it: 0. -> 0, or {lease, the record's fields and values (none: unread)}
  swHold: {
    numberOfKeys: 2,
    lua: `${HOLD_LUA}return hold(KEYS[1], ARGV[1], ARGV[2], KEYS[2], leaseBase(ARGV[3], ARGV[4], ARGV[5]))`,
  },
  // swHold of a batch in one step (session 34): KEYS[1] the queue, KEYS[1 + i] entry i's record;
  // ARGV[1..3] the caller's clock, the lease's seconds, callerClock, then each entry's id and lease.
  // -> swHold's answer of each entry, in order
  swHoldMany: {
    numberOfKeys: 1,
    lua: `${HOLD_LUA}local base = leaseBase(ARGV[1], ARGV[2], ARGV[3])
local out = {}
for i = 1, #KEYS - 1 do out[i] = hold(KEYS[1], ARGV[2 + 2 * i], ARGV[3 + 2 * i], KEYS[1 + i], base) end
return out`,
  },
  // swDue, swHoldMany and swExpireAloneMany of one batch in one step (session 42): KEYS[1] the queue,
  // KEYS[2] the store's prefix (TAKE_LUA), KEYS[3] this take's list of what it expired, KEYS[4..] the
  // lists of earlier takes whose lines are written (dropped); ARGV[1..5] swDue's, ARGV[6] the expiry
  // time (JSON), ARGV[7] how long the list is kept (s). Each taken entry either leased (as swDue) with
  // its record read beside it, or expired (takeOne); the expired ones' ids are kept in KEYS[3], so a
  // caller whose answer is lost learns which lines it owes. -> {ids, lease, {{expired, record}...}}
  // Then (session 43) the take lists of `takes` past their lease (TIME), at most ARGV[8]: their ids
  // moved into KEYS[3], each with its record, the old list dropped: their lines owed by this caller.
  // `takes` of another type (a stray write) is passed over (pcall): it must not stop every sweep.
  // KEYS[3] is leased in `takes` until TIME + the lease. -> {..., {{id, record}...}}
  swTakeDue: {
    numberOfKeys: 3,
    lua: `${TAKE_LUA}local takes = KEYS[2] .. 'takes'
for i = 4, #KEYS do
  redis.call('DEL', KEYS[i])
  redis.pcall('ZREM', takes, KEYS[i])
end
${DUE_LUA}local out, taken = {}, {}
for i, id in ipairs(ids) do
  local h = redis.pcall('HGETALL', KEYS[2] .. 'rec:' .. id)
  local done = 0
  if not h.err then
    local ok, d = pcall(takeOne, h, KEYS[2], KEYS[1], id, ARGV[6])
    if ok then done = d end
  end
  if done == 1 then taken[#taken + 1] = id else redis.call('ZADD', KEYS[1], lease, id) end
  out[i] = h.err and {done} or {done, h}
end
local adopted, pre = {}, KEYS[2] .. 'taken:'
local orphans = redis.pcall('ZRANGEBYSCORE', takes, '-inf', tonumber(t[1]), 'LIMIT', 0, tonumber(ARGV[8]))
if orphans.err then orphans = {} end
for _, old in ipairs(orphans) do
  redis.pcall('ZREM', takes, old)
  local got = old ~= KEYS[3] and string.sub(old, 1, #pre) == pre and redis.pcall('LRANGE', old, 0, -1)
  if got and not got.err then
    for _, id in ipairs(got) do
      taken[#taken + 1] = id
      local h = redis.pcall('HGETALL', KEYS[2] .. 'rec:' .. id)
      adopted[#adopted + 1] = h.err and {id} or {id, h}
    end
    redis.call('DEL', old)
  end
end
if #taken > 0 then
  redis.call('RPUSH', KEYS[3], unpack(taken))
  redis.call('EXPIRE', KEYS[3], ARGV[7])
  redis.pcall('ZADD', takes, tonumber(t[1]) + tonumber(ARGV[3]), KEYS[3])
end
return {ids, string.format('%.17g', lease), out, adopted}`,
  },
  // takenBy(): a lost take's list read back by its caller and leased to it again (ARGV[1] s on TIME),
  // so no other caller adopts it while its lines are written; an adopted list is gone: {}.
  swTakenBy: {
    numberOfKeys: 2,
    lua: `local ids = redis.call('LRANGE', KEYS[1], 0, -1)
if #ids > 0 then redis.pcall('ZADD', KEYS[2], tonumber(redis.call('TIME')[1]) + tonumber(ARGV[1]), KEYS[1]) end
return ids`,
  },
  // A lease still this caller's (ARGV[2]) is given back: due at the server's second.
  // When an instance last wrote a format (FORMATS) or sealed under a key (SEALERS), by the store's
  // clock: an instance whose clock runs ahead would otherwise keep older ones (FORMATS) or instances
  // without its key (SEALERS) from starting until its future time plus SEALER_WINDOW (session 24).
  swNoteTime: {
    numberOfKeys: 1,
    lua: `return redis.call('HSET', KEYS[1], ARGV[1], tonumber(redis.call('TIME')[1]))`,
  },
  swRelease: {
    numberOfKeys: 1,
    lua: `local s = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not s or tonumber(s) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(redis.call('TIME')[1]), ARGV[1])
return 1`,
  },
  // Once, whichever instance races. A credential never delivered gives its claim back in the same step;
  // ARGV[2] = '1': only while still undelivered (the sweep must not beat a late deliver).
  // ARGV[6] (retryAt) not '': the queue entry (KEYS[2]) moves that early (LT), the attempt's lease.
  swMarkRevoked: {
    numberOfKeys: 2,
    lua: `if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
local undelivered = redis.call('HEXISTS', KEYS[1], 'deliverBy') == 1
if ARGV[2] == '1' and not undelivered then return 0 end
redis.call('HSET', KEYS[1], 'revokedAt', ARGV[1])
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'revokedReason', ARGV[5]) end
if undelivered then
  local ck = redis.call('HGET', KEYS[1], 'claimKey')
  -- A claim key that is not a JSON string (changed in the store) frees nothing, and fails nothing.
  local ok, key = pcall(cjson.decode, ck or 'null')
  if ok and type(key) == 'string' then redis.call('SREM', ARGV[3] .. key, ARGV[4]) end
end
if ARGV[6] ~= '' then redis.call('ZADD', KEYS[2], 'LT', tonumber(ARGV[6]), ARGV[4]) end
return 1`,
  },
  // Put of an exchange's record (deliverBy set) only while its intent is there: a sweep that took the
  // intent has given the claim back, so this exchange must not deliver.
  swPut: {
    numberOfKeys: 4,
    lua: `local function queueAt(at) return at end
local fresh = redis.call('DEL', KEYS[1]) == 1
if not fresh and ARGV[1] == '1' then return 0 end
redis.call('DEL', KEYS[2])
local inflight = ARGV[1] == '1' and redis.call('ZSCORE', KEYS[4], ARGV[4])
${PUT_LUA}if inflight then redis.call('ZADD', KEYS[4], inflight, ARGV[4]) end
return 1`,
  },
  // put + deliver of a broker JWT (store.ts, putDelivered), after its audit line: only while its
  // intent is there; no record can be under its key then (put takes the intent in the same step that
  // writes one), so none is deleted. ARGV as swPut's, ARGV[3] its deadline, except ARGV[1] (swPut's
  // undelivered flag, never set here): its first character '1' when KEYS[6] is the job's job-end mark,
  // its second '1' when the caller's clock is the store's (callerClock). The expiry is queued on the
  // store's clock (session 43): ARGV[5] is the caller's now, its exact time (ARGV[5]'s other use, the
  // trim of passed index entries, takes a fraction as well).
  // -> 0, or {1, every block, job ended}
  swPutDelivered: {
    numberOfKeys: 6,
    lua: `${SERVER_CLOCK_LUA}if redis.call('DEL', KEYS[1]) == 0 then return 0 end
local function queueAt(at)
  if string.sub(ARGV[1], 2, 2) == '1' then return at end
  local t = redis.call('TIME')
  return onServerClock(at, ARGV[5], tonumber(t[1]) + tonumber(t[2]) / 1000000)
end
local fresh = true
${PUT_LUA}return {1, redis.call('HVALS', KEYS[5]), string.sub(ARGV[1], 1, 1) == '1' and redis.call('EXISTS', KEYS[6]) or 0}`,
  },
  // The credential leaves: unless revoked meanwhile, it is delivered and its deadline queued. Its
  // job's job-end mark (KEYS[4], when ARGV[2] is '1') written meanwhile is said, so it is revoked.
  // The deadline (`expiresAt`, on the issuing instance's clock) is queued on the store's (session 43):
  // the sweep takes it by TIME, so an instance 28 s ahead had its GitHub tokens revoked 28 s past the
  // `expires_in` the step was told (behind: 28 s early). ARGV[3] the caller's exact now, ARGV[4] '1'
  // when the caller's clock is the store's. -> {delivered, every block, job ended}
  swDeliver: {
    numberOfKeys: 4,
    lua: `${SERVER_CLOCK_LUA}local blocks = redis.call('HVALS', KEYS[3])
local f = redis.call('HMGET', KEYS[1], 'deliverBy', 'revokedAt', 'expiresAt')
if not f[1] or f[2] then return {0, blocks, 0} end
redis.call('HDEL', KEYS[1], 'deliverBy')
local due = tonumber(f[3])
if ARGV[4] ~= '1' then
  local t = redis.call('TIME')
  due = onServerClock(due, ARGV[3], tonumber(t[1]) + tonumber(t[2]) / 1000000)
end
redis.call('ZADD', KEYS[2], due, ARGV[1])
return {1, blocks, ARGV[2] == '1' and redis.call('EXISTS', KEYS[4]) or 0}`,
  },
  // A delivery whose answer was lost: undelivered again (unless revoked meanwhile) and due now.
  swUndeliver: {
    numberOfKeys: 2,
    lua: `if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HEXISTS', KEYS[1], 'revokedAt') == 1 then return 0 end
local now = ARGV[3] == '1' and ARGV[2] or redis.call('TIME')[1]
if redis.call('HEXISTS', KEYS[1], 'deliverBy') == 0 then redis.call('HSET', KEYS[1], 'deliverBy', now) end
redis.call('ZADD', KEYS[2], now, ARGV[1])
return 1`,
  },
  // Takes an intent once and gives its claim back in the same step: whoever removes it (the failed
  // exchange, the gate's undo, the sweep) frees the claim it held. Two calls left the claim counted
  // with no intent when the caller died between them (session 27). The claim's key is the intent's
  // own `claimKey` under ARGV[2] (`stepwarden:claim:`); an intent that is not JSON with a string
  // claimKey (changed in the store) is taken and frees nothing.
  // The write-ahead intent (KEYS[1], ARGV[1] until ARGV[2]) queued (KEYS[2]) at its in-flight deadline
  // ARGV[3], on the caller's clock ARGV[5], put on the store's (SERVER_CLOCK_LUA).
  swIntend: {
    numberOfKeys: 2,
    lua: `${SERVER_CLOCK_LUA}local t = redis.call('TIME')
redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
redis.call('ZADD', KEYS[2], onServerClock(ARGV[3], ARGV[5], tonumber(t[1]) + tonumber(t[2]) / 1000000), ARGV[4])
return 1`,
  },
  swAbandon: {
    numberOfKeys: 2,
    lua: `${CLAIM_LUA}local v = redis.call('GET', KEYS[1])
if not v then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
local ok, intent = pcall(cjson.decode, v)
if ok and type(intent) == 'table' and type(intent.claimKey) == 'string' then
  unclaim(ARGV[2] .. intent.claimKey, ARGV[1])
end
return v`,
  },
  // -> 0 settled already (nothing written), 1 queued for a retry, 2 the same when it already was
  // pending (another failure, and its alarm line, came first).
  swRetry: {
    numberOfKeys: 2,
    lua: `if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[2], ARGV[3]) return 1 end
local was = redis.call('HGET', KEYS[1], 'revocation')
if was == '"done"' or was == '"failed"' then return 0 end
redis.call('HSET', KEYS[1], 'revocation', '"pending"', 'revokeAttempts', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[1], ARGV[3])
if was == '"pending"' then return 2 end
return 1`,
  },
  // The sweep of a due broker JWT with nothing upstream and no other credential in its run: revoked
  // and settled at once (markRevoked + the run's live() + settleRevocation). Anything else: 0, untouched.
  swExpireAlone: {
    numberOfKeys: 5,
    lua: `${EXPIRE_ALONE_LUA}return expireAlone(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], ARGV[1], ARGV[2])`,
  },
  // swExpireAlone of a batch in one step (session 34): KEYS[1] the queue, then four keys an entry
  // (record, intent, run index, legacy run index); ARGV[1] the time, ARGV[1 + i] entry i's id. An
  // entry whose step fails (a key of another type) is 0, untouched, and the others go on.
  // -> swExpireAlone's answer of each entry, in order
  swExpireAloneMany: {
    numberOfKeys: 1,
    lua: `${EXPIRE_ALONE_LUA}local out = {}
for i = 1, #ARGV - 1 do
  local k = 4 * i - 2
  local ok, done = pcall(expireAlone, KEYS[k], KEYS[1], KEYS[k + 1], KEYS[k + 2], KEYS[k + 3], ARGV[1], ARGV[1 + i])
  out[i] = ok and done or 0
end
return out`,
  },
  // A run index (store.ts writerRuns / linkRun): KEYS[1] a sorted set (run -> score), KEYS[2] a hash
  // (run -> {"first":N,"parents":[...]}, and '!overflow': the latest score the bound dropped).
  // ARGV: run, first, score, parents (JSON), cap, now, keep, mode ('note', or 'read': one run's
  // parents, nothing written). Drops what was kept past its score + keep, merges (first the
  // earliest, score the latest, parents the union: the kept ones first, then the new, each once, as
  // the memory store's run-index.ts; chain.ts takes ancestries in that order up to its bound, so the
  // two stores cut at the same ids), bounds the set (the oldest go), and returns the run's entry. The
  // keys expire when their newest entry does.
  swRunNote: {
    numberOfKeys: 2,
    lua: `local z, h = KEYS[1], KEYS[2]
local run, first, score = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local cap, now, keep = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
if ARGV[8] == 'read' then
  local s = redis.call('ZSCORE', z, run)
  if s and tonumber(s) + keep >= now then return redis.call('HGET', h, run) or '' end
  return ''
end
local old = redis.call('ZRANGEBYSCORE', z, '-inf', '(' .. (now - keep), 'LIMIT', 0, 1000)
for _, m in ipairs(old) do redis.call('HDEL', h, m); redis.call('ZREM', z, m) end
local given = cjson.decode(ARGV[4])
local parents, seen = {}, {}
local was = redis.call('HGET', h, run)
if was then
  local p = cjson.decode(was)
  if p.first < first then first = p.first end
  for _, x in ipairs(p.parents) do
    if not seen[x] then seen[x] = true; table.insert(parents, x) end
  end
end
for _, x in ipairs(given) do
  if not seen[x] then seen[x] = true; table.insert(parents, x) end
end
local s = redis.call('ZSCORE', z, run)
if s and tonumber(s) > score then score = tonumber(s) end
local pj = '[]'
if #parents > 0 then pj = cjson.encode(parents) end
local entry = '{"first":' .. string.format('%d', first) .. ',"parents":' .. pj .. '}'
redis.call('ZADD', z, score, run)
redis.call('HSET', h, run, entry)
local n = redis.call('ZCARD', z)
if n > cap then
  local gone = redis.call('ZRANGE', z, 0, n - cap - 1, 'WITHSCORES')
  local top = tonumber(redis.call('HGET', h, '!overflow') or '-1')
  for i = 1, #gone, 2 do
    redis.call('ZREM', z, gone[i]); redis.call('HDEL', h, gone[i])
    if tonumber(gone[i + 1]) > top then top = tonumber(gone[i + 1]) end
  end
  redis.call('HSET', h, '!overflow', string.format('%d', top))
end
local newest = redis.call('ZRANGE', z, -1, -1, 'WITHSCORES')
local ttl = math.max(1, tonumber(newest[2]) + keep - now + 1)
redis.call('EXPIRE', z, ttl)
redis.call('EXPIRE', h, ttl)
return entry`,
  },
  // The runs of an index with a score at least ARGV[1], and the runs named in ARGV[4..] kept at
  // ARGV[2] (score + keep ARGV[3]): {overflow, run, score, entry, run, score, entry, ...}.
  swRunRead: {
    numberOfKeys: 2,
    lua: `local z, h = KEYS[1], KEYS[2]
local now, keep = tonumber(ARGV[2]), tonumber(ARGV[3])
local out = {redis.call('HGET', h, '!overflow') or ''}
local live = redis.call('ZRANGEBYSCORE', z, ARGV[1], '+inf', 'WITHSCORES')
for i = 1, #live, 2 do
  table.insert(out, live[i]); table.insert(out, live[i + 1]); table.insert(out, redis.call('HGET', h, live[i]) or '')
end
for i = 4, #ARGV do
  local s = redis.call('ZSCORE', z, ARGV[i])
  if s and tonumber(s) + keep >= now then
    table.insert(out, ARGV[i]); table.insert(out, s); table.insert(out, redis.call('HGET', h, ARGV[i]) or '')
  end
end
return out`,
  },
  // A writing run's entry (store.ts writers): KEYS[1] a hash per run id, issuer -> JSON entry. ARGV:
  // issuer, entry (JSON), keep, now. Merges with the issuer's earlier entry (first the earliest,
  // until the latest, targets the union, each with its earliest issue); the key expires keep past
  // the latest end of its entries.
  swWriterNote: {
    numberOfKeys: 1,
    lua: `local e = cjson.decode(ARGV[2])
local was = redis.call('HGET', KEYS[1], ARGV[1])
if was then
  local o = cjson.decode(was)
  if o.first < e.first then e.first = o.first end
  if o['until'] > e['until'] then e['until'] = o['until'] end
  for k, v in pairs(o.to) do
    if not e.to[k] or v < e.to[k] then e.to[k] = v end
  end
end
local to = {}
for k, v in pairs(e.to) do table.insert(to, cjson.encode(k) .. ':' .. string.format('%d', v)) end
local out = '{"rid":' .. cjson.encode(e.rid) .. ',"first":' .. string.format('%d', e.first) .. ',"until":' .. string.format('%d', e['until']) .. ',"to":{' .. table.concat(to, ',') .. '}}'
redis.call('HSET', KEYS[1], ARGV[1], out)
local ttl = e['until'] + tonumber(ARGV[3]) - tonumber(ARGV[4]) + 1
if ttl > redis.call('TTL', KEYS[1]) then redis.call('EXPIRE', KEYS[1], math.max(1, ttl)) end
return out`,
  },
  swSettle: {
    numberOfKeys: 3,
    lua: `redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('DEL', KEYS[3])
if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
local was = redis.call('HGET', KEYS[1], 'revocation')
if was == '"done"' or was == '"failed"' then return 0 end
redis.call('HSET', KEYS[1], 'revocation', ARGV[1])
redis.call('HDEL', KEYS[1], 'secret')
return 1`,
  },
} as const;

type ScriptName = keyof typeof SCRIPTS;

/**
 * Each script's SHA-1, the name EVALSHA runs it by. The scripts are not ioredis `defineCommand`s:
 * with auto-pipelining on, ioredis builds a Pipeline for every batch and copies every defined
 * command onto it (three properties and a string concatenation per script: 24 scripts made a batch
 * 16-17 µs to build against 4 µs with none, session 31), and a batch is made for nearly every
 * store step. `run` does what ioredis's Script did, on the plain EVAL and EVALSHA commands.
 */
const SCRIPT_SHA: Readonly<Record<ScriptName, string>> = Object.fromEntries(
  Object.entries(SCRIPTS).map(([name, s]) => [name, createHash('sha1').update(s.lua).digest('hex')]),
) as Record<ScriptName, string>;

export interface RedisStoreOptions {
  /** Encrypts the GitHub token kept for upstream revocation; required (no secret in clear in Redis). */
  readonly box: SecretBox;
  /** `strict`: after jti and claim writes, WAIT for a replica's acknowledgement or fail closed. */
  readonly strict?: { replicas: number; timeoutMs: number };
  /** Per-command deadline (default 2 s). */
  readonly commandTimeoutMs?: number;
  /** Start-up warnings about the server (e.g. no AOF); printed by the caller. */
  readonly warn?: (line: string) => void;
  /**
   * Tests with an injected clock only: the sweep's deadlines are judged by the `now` given to `due()`
   * and `hold()`. By default they are judged by the server's clock (TIME, inside the scripts), so an
   * instance whose clock runs ahead neither sweeps early nor takes another instance's leased entry.
   */
  readonly callerClock?: boolean;
  /** Runs kept per repository in each run index (default RUNS_PER_REPOSITORY; tests set a few). */
  readonly runsPerRepository?: number;
  /** Tests only: REWIND_GRACE_MS (0: every generation seen is held to at once). */
  readonly rewindGraceMs?: number;
}

/** What the server says about itself (INFO) that decides whether it can hold the broker's state. */
export interface StateServerFacts {
  /** `redis_version` (Valkey reports its Redis compatibility level here). */
  readonly version: string;
  readonly evictionPolicy: string;
  readonly aof: boolean;
  readonly cluster: boolean;
  /** INFO replication's `role` (`master`, `slave`); absent when not read. */
  readonly role?: string;
  /** INFO replication's `connected_slaves` (a primary's); absent when not read. */
  readonly replicas?: number;
}

/** What a store holding secrets sealed under `foreign` key ids means for this instance, and the fix. */
function foreignKeysText(foreign: readonly string[]): string {
  return `GitHub tokens sealed (within the last ${SEALER_WINDOW / 3600} h) under key id(s) ${foreign.join(', ')}, which this instance's state encryption key does not include: it can neither revoke them nor answer for them. Give every instance the same key file (while rotating, the old key on a later line; docs/deploy.md)`;
}

/** The live cards of INSTANCES' fields (at most MAX_CARDS read; a field that is not a card is skipped). */
function cardsOf(all: Record<string, string>, now: number): InstanceCard[] {
  return liveCards(
    Object.values(all)
      .slice(0, MAX_CARDS)
      .flatMap((t) => parseCard(t) ?? []),
    now,
  );
}

/** Ids of keys that sealed secrets within SEALER_WINDOW of `now` and are not among `mine`. */
/**
 * The store formats above this version's written within SEALER_WINDOW of `now`, highest first. A
 * field that is not a format number is not one an instance wrote and is skipped; a time that is not a
 * number counts as recent (it cannot be judged old), like foreignSealers.
 */
/** JSON.parse, or undefined for a text that is absent or not JSON. */
function safeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function newerFormats(seen: Record<string, string>, now: number): number[] {
  return Object.entries(seen)
    .filter(([f]) => /^[1-9]\d{0,5}$/.test(f) && Number(f) > STORE_FORMAT)
    .filter(([, at]) => !(Number(at) < now - SEALER_WINDOW))
    .map(([f]) => Number(f))
    .sort((a, b) => b - a);
}

export function foreignSealers(seen: Record<string, string>, mine: readonly string[], now: number): string[] {
  return Object.entries(seen)
    .filter(([id, at]) => !mine.includes(id) && !(Number(at) < now - SEALER_WINDOW))
    .map(([id]) => id)
    .sort();
}

export function parseInfo(text: string): StateServerFacts {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0 && !line.startsWith('#')) fields.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return {
    version: fields.get('redis_version') ?? '',
    // Absent means the field could not be read: treated as unknown, which is refused.
    evictionPolicy: fields.get('maxmemory_policy') ?? 'unknown',
    aof: fields.get('aof_enabled') === '1',
    cluster: fields.get('cluster_enabled') === '1',
    ...(fields.has('role') ? { role: fields.get('role')! } : {}),
    ...(/^\d+$/.test(fields.get('connected_slaves') ?? '')
      ? { replicas: Number(fields.get('connected_slaves')) }
      : {}),
  };
}

/**
 * Strict mode on a primary with fewer connected replicas than it waits for: every exchange, revocation
 * and block would be refused (503) at its wait, so the instance is not ready (session 40: /readyz said
 * 200 meanwhile). A count INFO does not give is not judged: the waits themselves still refuse.
 */
export function strictReplicasProblem(
  f: StateServerFacts,
  strict: { readonly replicas: number } | undefined,
): string | undefined {
  if (!strict || f.replicas === undefined || f.replicas >= strict.replicas) return undefined;
  return `ERR_STATE_NOT_REPLICATED: state-strict is on and the state store's primary has ${f.replicas} connected replica(s) of the ${strict.replicas} each write waits for: every exchange, revocation and block is refused (503) until one is back (docs/deploy.md, "Persistence and replication")`;
}

/**
 * Why this server cannot hold the broker's state (empty when it can). Used jtis, claims, records and
 * queued revocations all carry a TTL, so any eviction policy but `noeviction` (volatile-* included)
 * lets the server drop a used jti under memory pressure, and the same OIDC token is then exchanged
 * again: a replay the broker cannot see. With `noeviction` a full server refuses writes, and the
 * broker fails closed (503).
 */
export function stateServerProblems(f: StateServerFacts): string[] {
  const problems: string[] = [];
  const [major = 0] = f.version.split('.').map(Number);
  if (!(major >= 7))
    problems.push(
      `ERR_STATE_UNSUPPORTED: the state store reports version '${f.version || 'unknown'}'; stepwarden needs Redis OSS >= 7.0 or Valkey >= 7.2`,
    );
  if (f.cluster)
    problems.push(
      "ERR_STATE_UNSUPPORTED: the state store is a Redis Cluster node; the broker's scripts touch several keys at once and need one primary (with replicas and Sentinel for failover, see docs/deploy.md)",
    );
  if (f.role === 'slave') problems.push(STATE_READONLY_TEXT);
  if (f.evictionPolicy !== 'noeviction')
    problems.push(
      `ERR_STATE_EVICTION: the state store's maxmemory-policy is '${f.evictionPolicy}'; under memory pressure it would drop used OIDC jtis (a token could be exchanged again), claims and revocation deadlines. Set maxmemory-policy noeviction (CONFIG SET maxmemory-policy noeviction and in the server's config file or the managed service's parameter group); a full store then refuses writes and the broker answers 503`,
    );
  return problems;
}

export function stateServerWarnings(f: StateServerFacts): string[] {
  return f.aof
    ? []
    : [
        'stepwarden broker: WARNING the state store has no append-only file (appendonly no): a restart of it loses the used OIDC jtis and pending revocations written since its last snapshot; set appendonly yes and appendfsync everysec (docs/deploy.md)\n',
      ];
}

export class RedisStore implements Store {
  private sub: Redis | undefined;
  private readonly listeners: ((msg: Invalidation) => void)[] = [];
  /** The lease (queue score) of each entry of the latest due() batch, for hold(). */
  private readonly leases = new Map<string, string>();
  /** The record hold() read beside the lease, for the get() of the same entry right after it. */
  private held: { grantId: string; hash: Record<string, string> } | undefined;
  /** When this instance last recorded its sealing key's id in SEALERS (unix seconds). */
  private sealerSeen = 0;
  private formatSeen = 0;
  /** When a damaged kill-switch block was last reported (ms). */
  private blockWarnedAt = 0;
  /** When each index key found of the wrong type was last reported (ms). */
  private readonly damagedWarnedAt = new Map<string, number>();

  /** When the loss of the store's epoch was last reported on stderr (ms). */
  private lostWarnedAt = 0;

  /** The scripts sent in full (EVAL) on the current connection since it opened (see `run`). */
  private readonly evaled = new Set<ScriptName>();

  /** The socket `script` corked for this turn of the event loop's script calls (uncorked at setImmediate). */
  private corked: Redis['stream'] | undefined;

  /** The queue census being read (queueCensus), shared by the gauges of one scrape. */
  private censusReading?: { cap: number; entries: Promise<{ deadline?: number; pending: boolean }[]> };

  private constructor(
    private readonly redis: Redis,
    private readonly opts: RedisStoreOptions,
    private readonly db: DbGuard,
    /** The URL without its password, for messages. */
    private readonly where: string,
  ) {
    redis.on('close', () => this.evaled.clear());
    // Nothing to wait for without strict mode: absent, so callers skip the call (the exchange's wait
    // for its record, session 39, costs a non-strict exchange no promise and no store metric).
    if (!opts.strict) Object.defineProperty(this, 'replicatedNow', { value: undefined });
    // Deadlines judged by the caller's clock (tests): the caller's clock is the store's.
    if (opts.callerClock) Object.defineProperty(this, 'serverNow', { value: undefined });
  }

  async serverNow(): Promise<number> {
    return Number((await this.redis.time())[0]);
  }

  /** The store's epoch (EPOCH) this instance started on; undefined until read (adoptEpoch). */
  private epoch: string | undefined;

  /** The highest GENERATION this instance holds the store to (read at start, then as it ages). */
  private generationHeld = 0;
  /**
   * Generations seen and not yet held to (younger than REWIND_GRACE_MS), at most one a second, so
   * at most about REWIND_GRACE_MS / 1000 + 1 of them: a failover may still lose them.
   */
  private readonly generationsYoung: { gen: number; at: number }[] = [];

  /** A generation the store answered; `acked`: a replica has it (strict mode's WAIT). */
  private noteGeneration(gen: number, acked: boolean): void {
    if (!Number.isSafeInteger(gen)) return;
    if (acked || this.rewindGraceMs === 0) {
      this.generationHeld = Math.max(this.generationHeld, gen);
      return;
    }
    const now = performance.now();
    const last = this.generationsYoung.at(-1);
    // One entry a second: a value seen within a second of the entry's start joins it (its time stays
    // the first one's, and heldGeneration waits a second more for that).
    if (last && now - last.at < 1000) last.gen = Math.max(last.gen, gen);
    else this.generationsYoung.push({ gen, at: now });
  }

  /** The generation the store must not be below now: every one seen at least the grace ago. */
  private heldGeneration(): number {
    const cut = performance.now() - this.rewindGraceMs - 1000;
    while (this.generationsYoung.length > 0 && this.generationsYoung[0]!.at <= cut)
      this.generationHeld = Math.max(this.generationHeld, this.generationsYoung.shift()!.gen);
    return this.generationHeld;
  }

  /** The highest generation seen, held to or not yet: what a lost store is raised to. */
  private highestGeneration(): number {
    return Math.max(this.heldGeneration(), this.generationsYoung.at(-1)?.gen ?? 0);
  }

  /** The gate's two generation arguments: held to, and highest seen. */
  private generations(): [number, number] {
    return [this.heldGeneration(), this.highestGeneration()];
  }

  private get rewindGraceMs(): number {
    return this.opts.rewindGraceMs ?? REWIND_GRACE_MS;
  }

  /** What swGeneration (or the gate) said of the epoch and generation, thrown as ERR_STATE_LOST. */
  private generationLost(code: number, found: string): StateLost | undefined {
    if (code === -1 || code === -3) return this.lost(found);
    return undefined;
  }

  /**
   * Advances the generation after a write the gate does not make (a block, a job-end mark): held to
   * like an exchange's, so a snapshot older than the block is seen. The write stands whatever this
   * says (the kill switch works while lost): a loss found here is reported, not thrown.
   */
  private async advance(): Promise<void> {
    try {
      const epoch = await this.adoptEpoch();
      const [code, value] = (await this.run(
        'swGeneration',
        [EPOCH, GENERATION, GENERATION],
        [epoch, this.heldGeneration(), 'advance', 0, this.highestGeneration()],
      )) as [number, number | string];
      if (code === 0) this.noteGeneration(Number(value), false);
      else this.generationLost(code, String(value));
    } catch {
      // The write itself succeeded; the next exchange checks the store again.
    }
  }

  /**
   * What INFO said of the server at the last look (at most every UNFIT_CHECK_MS, started by an
   * exchange): problems found make every gate refuse until a later look finds none. A policy changed
   * at run time (CONFIG SET maxmemory-policy allkeys-lru, a parameter group applied) would otherwise
   * let the server evict used jtis and blocks while /readyz alone said so.
   */
  private unfit: string[] = [];
  private unfitCheckedAt = 0;
  private unfitChecking = false;
  private static readonly UNFIT_CHECK_MS = 5000;

  private lookAtServer(): void {
    const now = Date.now();
    if (this.unfitChecking || now - this.unfitCheckedAt < RedisStore.UNFIT_CHECK_MS) return;
    this.unfitChecking = true;
    this.unfitCheckedAt = now;
    this.redis
      .info()
      .then((text) => this.noteUnfit(stateServerProblems(parseInfo(text))))
      // No answer says nothing of the policy: the gate's own command fails on its own.
      .catch(() => undefined)
      .finally(() => (this.unfitChecking = false));
  }

  /** Records what the last look found; returns it as every refusal and /readyz say it. */
  private noteUnfit(problems: string[]): string[] {
    // Through Sentinel, a replica at the other end is a connection that outlived a failover (the
    // gate refuses before any write, so no READONLY reply would reconnect): ask the Sentinels again.
    if (problems.includes(STATE_READONLY_TEXT) && (this.redis.options.sentinels?.length ?? 0) > 0) {
      this.redis.disconnect(true);
      problems = problems.map((p) => (p === STATE_READONLY_TEXT ? STATE_READONLY_SENTINEL_TEXT : p));
    }
    if (problems.length > 0 && this.unfit.join() !== problems.join())
      this.opts.warn?.(
        `stepwarden broker: ERROR ${problems.join('; ')} (${this.where}); every exchange is refused until it is fixed\n`,
      );
    else if (problems.length === 0 && this.unfit.length > 0)
      this.opts.warn?.(
        `stepwarden broker: the state store ${this.where} can hold the broker's state again\n`,
      );
    this.unfit = problems;
    return problems;
  }

  /** When a clock skew was last reported on stderr (ms). */
  private skewWarnedAt = 0;

  /** ERR_STATE_CLOCK_SKEW (`skew`: this clock minus the store's, seconds), one stderr line a minute. */
  private skewed(skew: number): ClockSkewed {
    const err = new ClockSkewed(
      `ERR_STATE_CLOCK_SKEW: this instance's clock is ${Math.abs(Math.round(skew))} s ${skew > 0 ? 'ahead of' : 'behind'} the state store's (TIME), over the ${MAX_CLOCK_SKEW_SECONDS} s allowed: it would keep used OIDC jtis too short for the other instances (a replay) or judge tokens and deadlines wrongly, so it refuses every exchange. Fix: synchronise this host's clock and the store's with NTP (chronyc tracking; timedatectl); it serves again at once`,
    );
    const now = Date.now();
    if (now - this.skewWarnedAt >= 60_000) {
      this.skewWarnedAt = now;
      this.opts.warn?.(`stepwarden broker: ERROR ${err.message}\n`);
    }
    return err;
  }

  /**
   * ERR_STATE_LOST with the fix, and one stderr ERROR line a minute while it lasts. `found`: the
   * epoch the store holds now ('' when none).
   */
  private lost(found: string): StateLost {
    const rewound = found.startsWith(REWOUND_PREFIX)
      ? found.slice(REWOUND_PREFIX.length).split(':')
      : undefined;
    const err = new StateLost(
      rewound?.[0] === GENERATION_BROKEN
        ? `ERR_STATE_LOST: the state store's ${GENERATION} was no counter (another type, not digits, or beyond 15 digits: written by hand or by another tool), so whether the store went back to an older copy cannot be told; an instance had seen ${rewound[1]}. Every exchange is refused. Fix: re-apply the blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (the brokers rewrite ${GENERATION}; docs/operations.md, ERR_STATE_LOST)`
        : rewound
          ? `ERR_STATE_LOST: the state store went back to an older copy of its data (an older snapshot or backup restored, a replica promoted without the last writes): ${GENERATION} is ${rewound[0]}, an instance had seen ${rewound[1]}. Used jtis, blocks, job-end marks and deadlines written since may be gone; every exchange is refused. Fix: re-apply the blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (docs/operations.md, ERR_STATE_LOST)`
          : `ERR_STATE_LOST: the state store lost its data (restarted without persistence, flushed, a lost disk): its ${EPOCH} is ${found ? `'${found}'` : 'gone'}, not '${this.epoch}' this instance started on; used OIDC jtis, kill-switch blocks and revocation deadlines may be gone, so every exchange is refused. Fix: re-apply the kill-switch blocks still wanted (/admin/revoke), then redis-cli SET ${EPOCH} ${this.epoch} (runbook: docs/operations.md, ERR_STATE_LOST)`,
    );
    const now = Date.now();
    if (now - this.lostWarnedAt >= 60_000) {
      this.lostWarnedAt = now;
      this.opts.warn?.(`stepwarden broker: ERROR ${err.message}\n`);
    }
    return err;
  }

  /** ARGV flag of the sweep's scripts: '1' judges deadlines by the caller's clock (tests), '0' by TIME. */
  private get callerClock(): string {
    return this.opts.callerClock ? '1' : '0';
  }

  /** Connects (fails with a clear error if the server cannot be reached) and loads the scripts. */
  static async connect(url: string, opts: RedisStoreOptions): Promise<RedisStore> {
    const options: RedisOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      // A command in flight when the connection drops fails at once and is never sent again: the
      // scripts are not idempotent (a gate sent twice answers "replayed" to its own first use, a
      // deliver sent twice "not delivered" for a credential the store then holds as delivered).
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // A strict-mode WAIT must be able to run its full timeout before the command deadline cuts it.
      commandTimeout: Math.max(opts.commandTimeoutMs ?? 2000, (opts.strict?.timeoutMs ?? 0) + 1000),
      connectTimeout: 5000,
      disconnectTimeout: 200,
      retryStrategy: (times) => Math.min(times * 100, 2000),
      // Commands issued in the same event-loop turn (many exchanges at once) leave in one write.
      enableAutoPipelining: true,
    };
    const sentinel = parseSentinelUrl(url);
    const redis = sentinel
      ? new Redis({
          ...options,
          ...sentinel,
          // ioredis asks the Sentinels only when it (re)connects: a primary demoted under an open
          // connection (a failover by hand, a tool other than Sentinel) answered READONLY for ever.
          // Reconnecting asks them again; the command itself still fails (503, retried by the step).
          reconnectOnError: (err: Error) => (/^READONLY\b/.test(err.message) ? 1 : false),
        })
      : new Redis(url, options);
    // Errors surface on the commands (-> 503); the connection's own error events are not news, except
    // at connect, where the last one is the reason (a TLS verification failure, a refused port) that
    // ioredis's own rejection ("Connection is closed.") hides.
    let reason: Error | undefined;
    redis.on('error', (err: Error) => (reason = err));
    // Before connect: its 'ready' listener must run first on every (re)connect.
    const db = new DbGuard(redis, redactUrl(url), opts.warn);
    try {
      await redis.connect();
    } catch (err) {
      redis.disconnect();
      const why = (reason ?? (err as Error)).message;
      throw new Error(
        `ERR_STATE_UNREACHABLE: cannot connect to the state store ${redactUrl(url)}: ${why}${connectFix(why)}`,
        {
          cause: err,
        },
      );
    }
    try {
      await db.verify();
    } catch (err) {
      redis.disconnect();
      throw new Error(`${(err as Error).message} (${redactUrl(url)})`, { cause: err });
    }
    let facts: StateServerFacts;
    try {
      facts = parseInfo(await redis.info());
    } catch (err) {
      redis.disconnect();
      throw new Error(
        `ERR_STATE_UNSUPPORTED: cannot read INFO from the state store ${redactUrl(url)} (${(err as Error).message}); the broker's user needs +info (see the ACL line in docs/deploy.md)`,
        { cause: err },
      );
    }
    const problems = stateServerProblems(facts);
    if (problems.length > 0) {
      redis.disconnect();
      throw new Error(`${problems.join('; ')} (${redactUrl(url)})`);
    }
    for (const w of stateServerWarnings(facts)) opts.warn?.(w);
    try {
      // Judged by the store's clock, the one the times were written by (swNoteTime).
      const now = Number((await redis.time())[0]);
      const foreign = foreignSealers(await redis.hgetall(SEALERS), opts.box.keyIds, now);
      if (foreign.length > 0)
        throw new Error(
          `ERR_STATE_KEY_MISMATCH: the state store ${redactUrl(url)} holds ${foreignKeysText(foreign)}`,
        );
      const newer = newerFormats(await redis.hgetall(FORMATS), now);
      if (newer.length > 0)
        throw new Error(
          `ERR_STATE_FORMAT_NEWER: the state store ${redactUrl(url)} holds records written in store format ${newer.join(', ')} by a newer stepwarden within the last ${SEALER_WINDOW / 3600} hours; this version reads formats up to ${STORE_FORMAT} and could neither read nor revoke them. Run the newer version here; to roll back, stop every newer instance and start this version once ${SEALER_WINDOW / 3600} hours have passed since the last of them wrote (its records have expired by then; docs/deploy.md, "Upgrading and rolling back")`,
        );
    } catch (err) {
      redis.disconnect();
      throw err;
    }
    const store = new RedisStore(redis, opts, db, redactUrl(url));
    try {
      await store.adoptEpoch();
    } catch (err) {
      // A store that refuses writes now (NOREPLICAS, OOM under noeviction) may take them later: the
      // instance starts, and its first exchange or /readyz adopts the epoch (until then both fail).
      if (!(err instanceof ReplyError)) {
        redis.disconnect();
        throw new Error(
          `ERR_STATE_UNAVAILABLE: cannot read ${EPOCH} on the state store ${redactUrl(url)} (${(err as Error).message})`,
          { cause: err },
        );
      }
      opts.warn?.(
        `stepwarden broker: WARNING the state store ${redactUrl(url)} refused writing ${EPOCH} (${(err as Error).message}); exchanges are refused until it takes writes\n`,
      );
    }
    return store;
  }

  /**
   * Reads the store's epoch, writing one when there is none (the first instance on a new store, or a
   * store that lost its data while no instance ran: the start line says both).
   */
  private async adoptEpoch(): Promise<string> {
    if (this.epoch !== undefined) return this.epoch;
    let found = await this.redis.get(EPOCH);
    if (found === null) {
      const mine = `${new Date().toISOString().slice(0, 19)}Z.${randomUUID().slice(0, 8)}`;
      if ((await this.redis.set(EPOCH, mine, 'NX')) === 'OK') {
        found = mine;
        this.opts.warn?.(
          `stepwarden broker: the state store ${this.where} had no ${EPOCH}; it is now ${mine}. On a new store that is expected. If brokers used this store before, it lost their state (used OIDC jtis, kill-switch blocks, revocation deadlines): re-apply the blocks still wanted (/admin/revoke) and see docs/operations.md (ERR_STATE_LOST)\n`,
        );
      } else found = (await this.redis.get(EPOCH)) ?? '';
    }
    // A store already marked rewound is refused by a restarted instance too: it adopts the epoch the
    // mark names, so it refuses now and serves again after the operator's one SET of that epoch.
    this.epoch = found.startsWith(REWOUND_PREFIX)
      ? found.slice(REWOUND_PREFIX.length).split(':').slice(2).join(':')
      : found;
    // What the store holds at start is seen now, not held to at once: a failover in the next seconds
    // may lose the writes behind it like any other (REWIND_GRACE_MS); a restore before this instance
    // started is for the instances that ran through it to see (docs/decisions.md, sessions 17, 18).
    const gen = await this.redis.get(GENERATION).catch(() => null);
    if (gen !== null && /^\d{1,15}$/.test(gen)) this.noteGeneration(Number(gen), false);
    return this.epoch;
  }

  /**
   * Readiness: the server still answers and can still hold the state. A policy changed at run time
   * (CONFIG SET) or a failover to a differently configured replica makes the instance not ready.
   */
  async health(): Promise<void> {
    // SELECT again even on a verified connection: a user that lost +select still works in its database
    // on this connection, but its next reconnect will not; the operator hears of it now.
    await this.db.verify({ again: true });
    await this.adoptEpoch();
    const sent = steadyNowMs() / 1000;
    const [info, [code, value], [sec, usec], sealers] = await Promise.all([
      this.redis.info(),
      this.run(
        'swGeneration',
        [EPOCH, GENERATION, GENERATION],
        [this.epoch!, this.heldGeneration(), 'read', 0, this.highestGeneration()],
      ) as Promise<[number, number | string]>,
      this.redis.time(),
      this.redis.hgetall(SEALERS),
    ]);
    const facts = parseInfo(info);
    const unfit = this.noteUnfit(stateServerProblems(facts));
    if (unfit.length > 0) throw new Error(unfit.join('; '));
    const lost = this.generationLost(code, String(value));
    if (lost) throw lost;
    const skew = sent - (Number(sec) + Number(usec) / 1e6);
    if (!this.opts.callerClock && Math.abs(skew) > MAX_CLOCK_SKEW_SECONDS) throw this.skewed(skew);
    // Checked at start too, but two instances started at once on an empty store (or a key changed at
    // one since) pass that: each seals what the other cannot open or revoke. Not ready, so the load
    // balancer stops sending job ends it would refuse, and /readyz names the key.
    const foreign = foreignSealers(sealers, this.opts.box.keyIds, Number(sec));
    if (foreign.length > 0) {
      // Which instance seals under it, when it publishes its card (session 21): the on-call engineer
      // goes to that one, not through every instance's key file.
      const by = sealersOf(foreign, await this.cards().catch(() => []));
      throw new Error(
        `ERR_STATE_KEY_UNKNOWN${by.length ? ` (sealing: ${by.map((b) => JSON.stringify(b)).join(', ')})` : ''}: the state store holds ${foreignKeysText(foreign)}`,
      );
    }
    // Not among the unfit: an exchange does not refuse on it (its own wait says whether a replica took it).
    const unreplicated = strictReplicasProblem(facts, this.opts.strict);
    if (unreplicated) throw new Error(unreplicated);
  }

  /** The live cards in the store (ops/fleet.ts), at most MAX_CARDS read. */
  private async cards(): Promise<InstanceCard[]> {
    return cardsOf(await this.readCards(), Math.floor(Date.now() / 1000));
  }

  /**
   * INSTANCES' fields, or none when the hash is larger than MAX_CARDS cards can be: then it holds
   * something else (another tool, a hostile writer: 100 MB, or 100,000 fields), and every instance
   * pulling it every 10 s is the harm. It is dropped unread; every instance writes its card again
   * within 10 s (session 22). MEMORY USAGE is an estimate (sampled fields) and may be refused by an
   * ACL: then the field count alone bounds the read.
   */
  private async readCards(): Promise<Record<string, string>> {
    const [n, bytes] = await Promise.all([
      this.redis.hlen(INSTANCES),
      this.redis.memory('USAGE', INSTANCES).catch(() => 0),
    ]);
    if (n <= MAX_CARDS && Number(bytes ?? 0) <= MAX_CARDS * MAX_CARD_CHARS)
      return this.redis.hgetall(INSTANCES);
    await this.redis.del(INSTANCES);
    return {};
  }

  async retire(instance: string): Promise<void> {
    await this.redis.hdel(INSTANCES, instance);
  }

  async announce(card: InstanceCard): Promise<InstanceCard[]> {
    const mine = { ...card, seals: this.opts.box.sealingKeyId, opens: [...this.opts.box.keyIds] };
    const text = JSON.stringify(mine);
    await this.redis.hset(INSTANCES, card.instance, text);
    let all = await this.readCards();
    if (!(card.instance in all)) {
      await this.redis.hset(INSTANCES, card.instance, text);
      all = { [card.instance]: text };
    }
    const now = Math.floor(Date.now() / 1000);
    // Instances that stopped (a rolled pod's name never comes back): removed after an hour; so is a
    // card dated ahead of any instance's clock (never live, see liveCards).
    const gone = Object.entries(all)
      .filter(([, t]) => {
        const at = parseCard(t)?.at ?? 0;
        return at < now - 3600 || at > now + CARD_TTL_SECONDS;
      })
      .map(([k]) => k);
    if (gone.length) await this.redis.hdel(INSTANCES, ...gone.slice(0, 1000));
    return cardsOf(all, now);
  }

  /**
   * A script by name, as ioredis's Script ran it: in full (EVAL, which also loads it) the first time
   * on a connection, by its SHA (EVALSHA) after that, and in full again when the server answers
   * NOSCRIPT (it lost its scripts: SCRIPT FLUSH, a restart, a failover). A NOSCRIPT answer ran
   * nothing, so sending it again cannot apply it twice.
   */
  /** `numberOfKeys`: the script's own, or, for a batch's (swHoldMany, swExpireAloneMany), every key given. */
  private run(
    name: ScriptName,
    keys: string[],
    args: (string | number)[],
    numberOfKeys: number = SCRIPTS[name].numberOfKeys,
  ): Promise<unknown> {
    const s = SCRIPTS[name];
    const full = (): Promise<unknown> => {
      this.evaled.add(name);
      return this.script('eval', s.lua, numberOfKeys, keys, args);
    };
    if (!this.evaled.has(name)) return full();
    return this.script('evalsha', SCRIPT_SHA[name], numberOfKeys, keys, args).catch((err: unknown) => {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return full();
    });
  }

  /**
   * One EVAL or EVALSHA, the same RESP text `redis.evalsha(...)` writes, sent without ioredis's
   * Commander and auto-pipeline: those copy the arguments four times (rest parameters, a spread, and
   * `Command`'s `args.flat()`, about 0.2 µs an element: 6 µs for a 28-argument script call) and
   * wrap each call in a Pipeline's promises and callbacks. The calls of one turn of the event loop
   * still leave in one write: the socket is corked at the first and uncorked at setImmediate, when
   * the auto-pipeline would have written them (Node's writev). Bytes go out in the order
   * `sendCommand` queued their replies, so ioredis matches the replies as before; everything else
   * `sendCommand` does (the DbGuard, a connection not ready refused, the command timeout) is unchanged.
   * Numbers are written as ioredis's `toArg` writes them (`numberArg`); the RESP text is built into
   * one Buffer (`ScriptCommand`, the same bytes).
   */
  private script(
    command: 'eval' | 'evalsha',
    body: string,
    numberOfKeys: number,
    keys: readonly string[],
    args: readonly (string | number)[],
  ): Promise<unknown> {
    const c = new ScriptCommand(command, [], { replyEncoding: 'utf8' });
    // Strings only: Command's constructor has already converted its (empty) arguments.
    const a: string[] = [body, String(numberOfKeys)];
    // A `keyPrefix` (ioredis reads one from the URL's query) goes before the declared keys, as
    // ioredis's Command put it there for EVAL and EVALSHA.
    const prefix = this.redis.options.keyPrefix ?? '';
    for (const k of keys) a.push(prefix + k);
    for (const v of args) a.push(typeof v === 'string' ? v : numberArg(v));
    c.args = a;
    const stream = this.redis.stream as Redis['stream'] | undefined;
    if (this.corked === undefined && stream?.writable) {
      stream.cork();
      this.corked = stream;
      setImmediate(() => {
        this.corked = undefined;
        stream.uncork();
      });
    }
    void this.redis.sendCommand(c);
    return c.promise;
  }

  /**
   * `strict` mode: a write a failover could lose is not trusted until a replica has it. When no
   * replica acknowledges, the write is undone (nothing was granted on it, so the client's retry with
   * the same OIDC token, or of the same single-use grant, is not refused) and the call fails.
   */
  private async replicated(undo: () => Promise<unknown>): Promise<void> {
    const s = this.opts.strict;
    if (!s) return;
    const acked = await this.redis.wait(s.replicas, s.timeoutMs);
    if (acked < s.replicas) {
      await undo().catch(() => undefined);
      throw new Error(
        `ERR_STATE_NOT_REPLICATED: ${acked} of ${s.replicas} replica(s) acknowledged within ${s.timeoutMs} ms`,
      );
    }
  }

  /**
   * Strict mode after a revocation or a block (session 37): nothing to undo (the write stands at the
   * primary, which is the safe side), so the caller answers 503 and its retry asks again. A write of
   * this connection comes first: WAIT counts the replicas that have this connection's last write, and
   * the revocation may have been written on an earlier connection (a reconnect) or by another
   * instance (a retry that finds it done, writing nothing). Replication is one ordered stream, so a
   * replica that has this write has every write the primary took before it.
   */
  async replicatedNow(): Promise<void> {
    await this.redis.set(`${P}replicated`, '1', 'PX', 60_000);
    await this.replicated(async () => undefined);
  }

  async useOnce(key: string, ttlSeconds: number): Promise<boolean> {
    // Held to the epoch and generation as the gate is: on a store that lost its used jtis a replayed
    // token would pass (the job-end listing answers with what the broker holds for a job).
    const epoch = await this.adoptEpoch();
    const [code, value, written] = (await this.run(
      'swGeneration',
      [EPOCH, GENERATION, `${P}jti:${key}`],
      [epoch, this.heldGeneration(), 'jti', Math.max(1, Math.ceil(ttlSeconds)), this.highestGeneration()],
    )) as [number, number | string, number?];
    const lost = this.generationLost(code, String(value));
    if (lost) throw lost;
    if (written === 1) await this.replicated(() => this.redis.del(`${P}jti:${key}`));
    this.noteGeneration(Number(value), written === 1 && this.opts.strict !== undefined);
    return written === 1;
  }

  /** Whether a jti was already used (read-only: a replay is refused before the rate limit is charged). */
  async seen(key: string): Promise<boolean> {
    return (await this.redis.exists(`${P}jti:${key}`)) === 1;
  }

  async admit(jtiKey: string, ttlSeconds: number): Promise<{ fresh: boolean; blocks: Block[] }> {
    const res = await this.redis
      .pipeline()
      .set(`${P}jti:${jtiKey}`, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')
      .hgetall(BLOCKS)
      .exec();
    if (!res) throw new Error('ERR_STATE: pipeline aborted');
    for (const [err] of res) if (err) throw err;
    if (res[0]![1] === 'OK') await this.replicated(() => this.redis.del(`${P}jti:${jtiKey}`));
    const blocks = Object.values((res[1]![1] as Record<string, string>) ?? {}).map(
      (v) => JSON.parse(v) as Block,
    );
    return { fresh: res[0]![1] === 'OK', blocks };
  }

  async screen(req: ScreenRequest): Promise<ScreenResult> {
    const [seen, allowed, retry] = (await this.run(
      'swScreen',
      [`${P}jti:${req.jtiKey}`, `${P}rate:${req.rateKey}`],
      [req.limit, req.windowSeconds],
    )) as [number, number, number];
    return { seen: seen === 1, allowed: allowed === 1, retryAfter: retry };
  }

  async gate(req: GateRequest): Promise<GateResult> {
    const unfit = this.unfitNow();
    if (unfit) throw unfit;
    // Without a screen the script has no other answer than the gate's.
    return (await this.gateStep(req)) as GateResult;
  }

  /**
   * The screen and the gate in one script (swScreenGate). A store found unfit is screened alone
   * first, as the two steps would have charged the bucket before the gate refused.
   */
  async screenGate(screen: ScreenRequest, req: GateRequest): Promise<ScreenGateResult> {
    const unfit = this.unfitNow();
    if (unfit) {
      const screened = await this.screen(screen);
      if (screened.seen || !screened.allowed) return { screen: screened };
      throw unfit;
    }
    const gate = await this.gateStep(req, screen);
    if (gate === 'seen') return { screen: { seen: true, allowed: true, retryAfter: 0 } };
    if (typeof gate === 'number') return { screen: { seen: false, allowed: false, retryAfter: gate } };
    return { screen: { seen: false, allowed: true, retryAfter: 0 }, gate };
  }

  private unfitNow(): StateUnfit | undefined {
    this.lookAtServer();
    return this.unfit.length > 0 ? new StateUnfit(this.unfit.join('; ')) : undefined;
  }

  /**
   * swGate, or with `screen` swScreenGate: the gate's answer, or what stopped the screen before it
   * ('seen', or the seconds to wait for the bucket), with nothing written.
   */
  private async gateStep(req: GateRequest, screen?: ScreenRequest): Promise<GateResult | 'seen' | number> {
    const { intent } = req;
    const epoch = await this.adoptEpoch();
    const jti = `${P}jti:${req.jtiKey}`;
    const claimKey = `${P}claim:${intent.claimKey}`;
    const candidates = blockKeysFor(req.subject);
    const keys = [
      jti,
      BLOCKS,
      claimKey,
      `${P}intent:${intent.grantId}`,
      QUEUE,
      EPOCH,
      jobEndMarkKey(req.jobEndKey),
      GENERATION,
    ];
    const args: (string | number)[] = [
      Math.max(1, Math.ceil(req.jtiTtlSeconds)),
      Math.ceil(req.claimTtlSeconds),
      req.uses,
      intent.grantId,
      JSON.stringify(intent),
      Math.ceil(intent.deadline) + 86400,
      intent.sweepAt ?? intent.deadline,
      // A key per line: JSON escapes every newline, so none is inside a key (GATE_LUA splits them).
      candidates.join('\n'),
      epoch,
      (steadyNowMs() / 1000).toFixed(3),
      MAX_CLOCK_SKEW_SECONDS,
      req.jobEndKey !== undefined ? '1' : '0',
      ...this.generations(),
      P,
    ];
    let res: [number, string[], number, number, number?, number?, string?];
    try {
      res = (await (screen
        ? this.run(
            'swScreenGate',
            [...keys, `${P}rate:${screen.rateKey}`],
            [...args, screen.limit, screen.windowSeconds],
          )
        : this.run('swGate', keys, args))) as [number, string[], number, number, number?, number?, string?];
    } catch (err) {
      // Applied but unanswered (the store went away mid-call): given back, harmless if never applied.
      // Retried while the client reconnects, so the step's retry is not refused as a second claim.
      await this.soon(() => this.undoGate(intent));
      throw err;
    }
    const [fresh, blocks, count, intended, ended, generation, inFlightUntil] = res;
    // The screen stopped it: nothing was written.
    if (fresh === -10) return 'seen';
    if (fresh === -11) return Number(blocks);
    // Nothing was written: the script stops before the jti when the epoch is not this instance's or
    // the store is behind the generation this instance holds it to.
    const lost = this.generationLost(fresh, blocks[0] ?? '');
    if (lost) throw lost;
    if (fresh === -2) throw this.skewed(Number(blocks[0]));
    if (fresh === 1)
      await this.replicated(async () => {
        await this.redis.del(jti);
        await this.undoGate(intent);
      });
    // After the WAIT: in strict mode a replica has it, so even a failover must not go below it.
    if (generation !== undefined) this.noteGeneration(Number(generation), this.opts.strict !== undefined);
    return {
      fresh: fresh === 1,
      blocks: blocks.map((v) => JSON.parse(v) as Block),
      ...(count >= 0 ? { count } : {}),
      intended: intended === 1,
      ...(ended === 1 ? { jobEnded: true } : {}),
      ...(inFlightUntil !== undefined ? { inFlightUntil: Number(inFlightUntil) } : {}),
    };
  }

  private async undoGate(intent: Intent): Promise<void> {
    // The intent and its claim leave in one script (swAbandon). Sent as two calls one after the
    // other, a store that stops answering (a partition: the bytes are held, then delivered late) got
    // the abandon and never the unclaim: the late abandon took the intent from the sweep too, and the
    // claim stayed spent for the run attempt (the step's retry refused as a second claim).
    await this.abandon(intent.grantId);
  }

  async claim(key: string, ttlSeconds: number, holder?: string): Promise<number> {
    const who = holder ?? `anonymous:${randomUUID()}`;
    const n = Number(await this.run('swClaim', [`${P}claim:${key}`], ['claim', Math.ceil(ttlSeconds), who]));
    await this.replicated(() => this.unclaim(key, who));
    return n;
  }

  /** The claim count, read-only (a dry run asks it); a counter of an older version is read as such. */
  async claimed(key: string): Promise<number> {
    const k = `${P}claim:${key}`;
    const type = await this.redis.type(k);
    if (type === 'set') return this.redis.scard(k);
    return type === 'string' ? Number((await this.redis.get(k)) ?? 0) : 0;
  }

  async inFlight(claimKey: string, except: string): Promise<number | undefined> {
    const v = await this.run('swInFlight', [`${P}claim:${claimKey}`, QUEUE], [except, P]);
    return typeof v === 'string' ? Number(v) : undefined;
  }

  async unclaim(key: string, holder?: string): Promise<void> {
    await this.run('swClaim', [`${P}claim:${key}`], ['unclaim', 0, holder ?? '']);
  }

  async intend(intent: Intent): Promise<void> {
    await this.run(
      'swIntend',
      [`${P}intent:${intent.grantId}`, QUEUE],
      [
        JSON.stringify(intent),
        Math.ceil(intent.deadline) + 86400,
        intent.sweepAt ?? intent.deadline,
        intent.grantId,
        (steadyNowMs() / 1000).toFixed(3),
      ],
    );
  }

  async abandon(grantId: string): Promise<Intent | undefined> {
    const v = await this.run('swAbandon', [`${P}intent:${grantId}`, QUEUE], [grantId, `${P}claim:`]);
    return typeof v === 'string' ? (JSON.parse(v) as Intent) : undefined;
  }

  /**
   * The record's index keys: first those that live as long as their repository or workflow (trimmed
   * of ended entries at every put), then those of one run (they hold what that run was issued and
   * expire with it: not trimmed).
   */
  private indexKeys(r: CredentialRecord): { trimmed: string[]; perRun: string[] } {
    return {
      trimmed: [
        `repoid:${r.repositoryId}`,
        `repo:${r.repository.toLowerCase()}`,
        `wf:${r.workflow}`,
        ...(r.callerWorkflow && r.callerWorkflow !== r.workflow ? [`wf:${r.callerWorkflow}`] : []),
        ...(r.dispatchTo ?? []).map((repo) => `dispatch:${repo.toLowerCase()}`),
      ].map((k) => INDEX + k),
      perRun: [
        `run:${r.runId}`,
        `job:${r.repositoryId}:${r.runId}:${r.runAttempt}:${r.job}`,
        ...(r.parentRuns ?? []).map((run) => `parentrun:${run}`),
      ].map((k) => INDEX + k),
    };
  }

  /**
   * The record as a hash: `r`, every field in one JSON text (fields added to CredentialRecord later
   * survive unchanged), beside the fields the scripts read or change on their own, each as JSON
   * (`grantId`, `expiresAt`, `claimKey`, and the changing ones: `deliverBy`, `revokedAt`,
   * `revocation`, `revokeAttempts`), and the GitHub token sealed (`secret`, wiped when settled).
   * One JSON text instead of one per field: a third of the arguments and of the parsing.
   */
  private encode(r: CredentialRecord): (string | number)[] {
    const { secret, deliverBy, revokedAt, revocation, revokeAttempts, ...fixed } = r;
    // `v` first: the store format, so an older instance that checks it refuses the record by name.
    const out: (string | number)[] = [
      'r',
      JSON.stringify({ v: STORE_FORMAT, ...fixed }),
      'grantId',
      JSON.stringify(r.grantId),
    ];
    out.push('expiresAt', JSON.stringify(r.expiresAt));
    if (r.claimKey !== undefined) out.push('claimKey', JSON.stringify(r.claimKey));
    if (deliverBy !== undefined) out.push('deliverBy', JSON.stringify(deliverBy));
    if (revokedAt !== undefined) out.push('revokedAt', JSON.stringify(revokedAt));
    if (revocation !== undefined) out.push('revocation', JSON.stringify(revocation));
    if (revokeAttempts !== undefined) out.push('revokeAttempts', JSON.stringify(revokeAttempts));
    if (secret !== undefined) out.push('secret', this.opts.box.seal(secret, r.grantId));
    return out;
  }

  /**
   * Either encoding: `r` with its fields beside it, or (an older version's) one JSON field each.
   * Anything that is not what put() writes (changed in the store) is RecordUnreadable, never a
   * record with missing or foreign fields: a hash moved under another grant's key, fields that are
   * not JSON or of the wrong type, a secret that does not verify.
   */
  private decode(h: Record<string, string>, id: string): CredentialRecord | undefined {
    if (Object.keys(h).length === 0) return undefined;
    const corrupt = (detail: string) => new RecordUnreadable('ERR_STATE_RECORD_CORRUPT', id, detail);
    const out: Record<string, unknown> = {};
    try {
      if (h.r !== undefined) {
        const fixed = JSON.parse(h.r) as unknown;
        if (typeof fixed !== 'object' || fixed === null || Array.isArray(fixed))
          throw corrupt('r is not an object');
        Object.assign(out, fixed);
      }
    } catch (err) {
      throw err instanceof RecordUnreadable ? err : corrupt(`r is not JSON: ${(err as Error).message}`);
    }
    // The store format (absent: 1, written before session 23), read from `r` alone and checked
    // before any other field is parsed: a newer format may add a field in another encoding or
    // change a shape, and calling it corrupt would mark it revoked and take it off the queue, so
    // no instance of the newer version would ever revoke it at GitHub (session 24). Its selector
    // fields (all in `r`), when they still have today's shapes and its own grant id, make it a
    // listing's `unopened` (a job end then never answers complete over it).
    const v = out.v;
    delete out.v;
    if (v !== undefined && !(typeof v === 'number' && Number.isSafeInteger(v) && v >= 1))
      throw corrupt('v (its store format) is not a positive integer');
    if (v !== undefined && v > STORE_FORMAT) {
      // Revoked already (by an instance of that version): a listing must not count it as unopened.
      // Read on its own and only when it is a number; anything else leaves it counted (fails closed).
      const revokedAt = safeJson(h.revokedAt);
      if (typeof revokedAt === 'number' && Number.isFinite(revokedAt)) out.revokedAt = revokedAt;
      const shaped =
        out.grantId === id &&
        RECORD_STRINGS.every((k) => typeof out[k] === 'string') &&
        typeof out.expiresAt === 'number';
      throw new RecordUnreadable(
        'ERR_STATE_RECORD_NEWER',
        id,
        `written in store format ${v} by a newer stepwarden; this instance reads formats up to ${STORE_FORMAT}, so an instance of that version must read and revoke it`,
        shaped ? (out as unknown as CredentialRecord) : undefined,
      );
    }
    try {
      for (const k in h) if (k !== 'r' && k !== 'secret') out[k] = JSON.parse(h[k]!);
    } catch (err) {
      throw corrupt(`a field is not JSON: ${(err as Error).message}`);
    }
    if (out.grantId !== id) throw corrupt('its grantId is not the one it is stored under');
    for (const k of RECORD_STRINGS) if (typeof out[k] !== 'string') throw corrupt(`${k} is not a string`);
    if (out.kind !== 'github' && out.kind !== 'jwt') throw corrupt('kind is neither github nor jwt');
    for (const k of ['issuedAt', 'expiresAt'] as const)
      if (typeof out[k] !== 'number' || !Number.isFinite(out[k])) throw corrupt(`${k} is not a number`);
    for (const k of ['upstreamExpiresAt', 'deliverBy', 'revokedAt', 'revokeAttempts'] as const)
      if (out[k] !== undefined && (typeof out[k] !== 'number' || !Number.isFinite(out[k])))
        throw corrupt(`${k} is not a number`);
    if (out.revokedReason !== undefined && typeof out.revokedReason !== 'string')
      throw corrupt('revokedReason is not a string');
    if (h.secret !== undefined) {
      try {
        out.secret = this.opts.box.open(h.secret, id);
      } catch (err) {
        const partial = out as unknown as CredentialRecord;
        if (err instanceof SecretUnreadable)
          throw new RecordUnreadable(
            err.why === 'unknown-key' ? 'ERR_STATE_KEY_UNKNOWN' : 'ERR_STATE_SECRET_TAMPERED',
            id,
            err.message,
            partial,
          );
        throw new RecordUnreadable('ERR_STATE_SECRET_TAMPERED', id, (err as Error).message, partial);
      }
    }
    return out as unknown as CredentialRecord;
  }

  async put(record: CredentialRecord): Promise<void> {
    if (record.secret !== undefined) this.noteSealer();
    this.noteFormat();
    const queued =
      record.revocation === 'done' || record.revocation === 'failed'
        ? ''
        : String(record.deliverBy ?? record.expiresAt);
    const ok = await this.run('swPut', this.putKeys(record), this.putArgs(record, queued));
    if (Number(ok) !== 1) throw new IntentGone(record.grantId);
    // After the record (a put refused for its intent indexes nothing), before the token can leave:
    // a failure here fails the exchange, whose sweep then revokes what was stored.
    await this.noteWriter(record);
  }

  /** Indexes a record's run in the window of every repository it can start runs in, and by its id (store.ts). */
  private async noteWriter(record: CredentialRecord): Promise<void> {
    if (!record.dispatchTo?.length) return;
    const w = writerOf(record);
    for (const repo of new Set(record.dispatchTo.map((n) => dispatchKeyOf(record, n)))) {
      const key = writerRunsKey(w.issuer, repo);
      await this.run(
        'swRunNote',
        [`${WRITERS}${key}`, `${WRITERS}d:${key}`],
        [
          record.runId,
          record.issuedAt,
          w.until,
          JSON.stringify(record.parentRuns ?? []),
          this.opts.runsPerRepository ?? RUNS_PER_REPOSITORY,
          // The broker's clock at issue (pruning only needs it within a day).
          record.issuedAt,
          0,
          'note',
        ],
      );
    }
    await this.run(
      'swWriterNote',
      [`${WRITER}${w.runId}`],
      [
        w.issuer,
        JSON.stringify({ rid: w.repositoryId, first: w.first, until: w.until, to: w.to }),
        RUN_KEEP_SECONDS,
        record.issuedAt,
      ],
    );
  }

  async writerRuns(q: WriterRunsQuery, now: number): Promise<WriterRunsFound> {
    const key = writerRunsKey(q.issuer, q.repository);
    const { entries, overflow } = await this.readIndex(
      `${WRITERS}${key}`,
      `${WRITERS}d:${key}`,
      q.liveAt,
      now,
      0,
    );
    return {
      runs: entries.map((e) => ({ runId: e.runId, first: e.first, until: e.score, parents: e.parents })),
      overflowed: overflow >= now,
    };
  }

  async noteReach(runId: string, reach: readonly RunReach[]): Promise<void> {
    const key = `${REACH}${runId}`;
    // Replaced whole, in one step (a reader sees the old reach or the new, never a part); Redis's own
    // clock ends it (what it reaches is kept as long: the run links, RUN_KEEP_SECONDS).
    const m = this.redis.multi().del(key);
    if (reach.length) {
      m.hset(key, ...reach.flatMap((r) => [JSON.stringify([r.issuer, r.repositoryId]), String(r.since)]));
      m.expire(key, RUN_KEEP_SECONDS);
    }
    check(await m.exec());
  }

  async reaches(runIds: readonly string[]): Promise<Map<string, RunReach[]>> {
    const ids = [...new Set(runIds)];
    const out = new Map<string, RunReach[]>();
    if (!ids.length) return out;
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(`${REACH}${id}`);
    const res = check(await p.exec()) as [null, Record<string, string>][];
    res.forEach(([, h], i) => {
      const reach: RunReach[] = [];
      for (const [field, since] of Object.entries(h ?? {})) {
        const k = safeJson(field);
        // A field not of this shape was not written by an instance: skipped.
        if (
          !Array.isArray(k) ||
          typeof k[0] !== 'string' ||
          typeof k[1] !== 'string' ||
          !/^-?\d+$/.test(since)
        )
          continue;
        reach.push({ issuer: k[0], repositoryId: k[1], since: Number(since) });
      }
      if (reach.length) out.set(ids[i]!, reach);
    });
    return out;
  }

  async writers(runIds: readonly string[], now: number): Promise<Writer[]> {
    const ids = [...new Set(runIds)];
    if (!ids.length) return [];
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(`${WRITER}${id}`);
    const res = check(await p.exec()) as [null, Record<string, string>][];
    const out: Writer[] = [];
    res.forEach(([, h], i) => {
      for (const [issuer, text] of Object.entries(h ?? {})) {
        const e = safeJson(text) as
          { rid?: unknown; first?: unknown; until?: unknown; to?: unknown } | undefined;
        // An entry not of this shape was not written by an instance: skipped (it proves no writing).
        if (
          typeof e?.rid !== 'string' ||
          typeof e.first !== 'number' ||
          typeof e.until !== 'number' ||
          typeof e.to !== 'object' ||
          e.to === null ||
          Array.isArray(e.to) ||
          e.until + RUN_KEEP_SECONDS < now
        )
          continue;
        out.push({
          issuer,
          runId: ids[i]!,
          repositoryId: e.rid,
          first: e.first,
          until: e.until,
          to: Object.fromEntries(
            Object.entries(e.to as Record<string, unknown>).filter(
              (x): x is [string, number] => typeof x[1] === 'number',
            ),
          ),
        });
      }
    });
    return out;
  }

  async linkRun(run: RunKey, parents: readonly string[], now: number): Promise<RunLink> {
    return (await this.noteLink(run, parents, now, 'note'))!;
  }

  async runLink(run: RunKey, now: number): Promise<RunLink | undefined> {
    return this.noteLink(run, [], now, 'read');
  }

  async linkedRuns(
    k: Pick<RunKey, 'issuer' | 'repositoryId'>,
    firstFrom: number,
    now: number,
  ): Promise<(RunLink & { readonly runId: string })[]> {
    const key = runLinksKey(k);
    const { entries } = await this.readIndex(
      `${LINKS}${key}`,
      `${LINKS}d:${key}`,
      firstFrom,
      now,
      RUN_KEEP_SECONDS,
    );
    return entries
      .filter((e) => e.first >= firstFrom)
      .map((e) => ({ runId: e.runId, first: e.first, parents: e.parents }));
  }

  private async noteLink(
    run: RunKey,
    parents: readonly string[],
    now: number,
    mode: 'note' | 'read',
  ): Promise<RunLink | undefined> {
    const key = runLinksKey(run);
    const entry = (await this.run(
      'swRunNote',
      [`${LINKS}${key}`, `${LINKS}d:${key}`],
      [
        run.runId,
        now,
        now,
        JSON.stringify(parents),
        this.opts.runsPerRepository ?? RUNS_PER_REPOSITORY,
        now,
        RUN_KEEP_SECONDS,
        mode,
      ],
    )) as string;
    return entry ? (JSON.parse(entry) as RunLink) : undefined;
  }

  /** The entries of a run index with a score at least `since` (one script), and its overflow mark. */
  private async readIndex(
    z: string,
    h: string,
    since: number,
    now: number,
    keep: number,
  ): Promise<{
    entries: { runId: string; first: number; score: number; parents: string[] }[];
    overflow: number;
  }> {
    const out = (await this.run('swRunRead', [z, h], [since, now, keep])) as string[];
    const entries: { runId: string; first: number; score: number; parents: string[] }[] = [];
    for (let i = 1; i + 2 < out.length; i += 3) {
      if (!out[i + 2]) continue;
      const e = JSON.parse(out[i + 2]!) as { first: number; parents: string[] };
      const score = Number(out[i + 1]);
      // Past its keeping but not yet dropped (a note drops them): not kept.
      if (score + keep >= now) entries.push({ runId: out[i]!, first: e.first, score, parents: e.parents });
    }
    return { entries, overflow: out[0] ? Number(out[0]) + keep : -Infinity };
  }

  async putDelivered(record: CredentialRecord, jobEndKey?: string): Promise<Omit<Delivery, 'delivered'>> {
    if (record.secret !== undefined)
      throw new Error('putDelivered: a record with a secret takes put, then deliver');
    const delivered = record.deliverBy === undefined ? record : { ...record, deliverBy: undefined };
    this.noteFormat();
    let res: unknown;
    try {
      res = await this.run(
        'swPutDelivered',
        [...this.putKeys(delivered), BLOCKS, jobEndMarkKey(jobEndKey)],
        [
          `${jobEndKey !== undefined ? '1' : '0'}${this.callerClock}`,
          ...this.putArgs(delivered, String(delivered.expiresAt), Date.now() / 1000).slice(1),
        ],
      );
    } catch (err) {
      // Applied but unanswered: the credential does not leave, but the store may hold it delivered.
      await this.undeliver(record.grantId);
      throw err;
    }
    if (!Array.isArray(res)) throw new IntentGone(record.grantId);
    return { blocks: this.readableBlocks(res[1] as string[]), ...(res[2] === 1 ? { jobEnded: true } : {}) };
  }

  /** KEYS of swPut and swPutDelivered: intent, record, token hash, queue. */
  private putKeys(record: CredentialRecord): string[] {
    return [
      `${P}intent:${record.grantId}`,
      `${P}rec:${record.grantId}`,
      `${P}tok:${record.tokenHash}`,
      QUEUE,
    ];
  }

  /** ARGV of swPut and swPutDelivered (PUT_LUA), the record queued at `queued` ('': not queued). */
  private putArgs(
    record: CredentialRecord,
    queued: string,
    /** The caller's now (swPutDelivered: exact, for the deadline on the store's clock). */
    now = Math.floor(Date.now() / 1000),
  ): (string | number)[] {
    const fields = this.encode(record);
    const { trimmed, perRun } = this.indexKeys(record);
    return [
      record.deliverBy !== undefined ? '1' : '0',
      Math.ceil(retainUntil(record)),
      queued,
      record.grantId,
      now,
      fields.length,
      ...fields,
      trimmed.length,
      ...trimmed,
      ...perRun,
    ];
  }

  /** FORMATS: this version's format written now, at most every SEALER_REFRESH (a failed write: next put). */
  private noteFormat(): void {
    const now = Math.floor(Date.now() / 1000);
    if (now - this.formatSeen < SEALER_REFRESH) return;
    this.formatSeen = now;
    this.run('swNoteTime', [FORMATS], [String(STORE_FORMAT)]).catch(() => (this.formatSeen = 0));
  }

  /** Records (best effort, at most every SEALER_REFRESH) that this key seals secrets into the store. */
  private noteSealer(): void {
    const now = Math.floor(Date.now() / 1000);
    if (now - this.sealerSeen < SEALER_REFRESH) return;
    this.sealerSeen = now;
    this.run('swNoteTime', [SEALERS], [this.opts.box.sealingKeyId]).catch(() => (this.sealerSeen = 0));
  }

  async deliver(grantId: string, jobEndKey?: string): Promise<Delivery> {
    let ok: number;
    let blocks: string[];
    let ended: number;
    try {
      [ok, blocks, ended] = (await this.run(
        'swDeliver',
        [`${P}rec:${grantId}`, QUEUE, BLOCKS, jobEndMarkKey(jobEndKey)],
        [grantId, jobEndKey !== undefined ? '1' : '0', Date.now() / 1000, this.callerClock],
      )) as [number, string[], number];
    } catch (err) {
      await this.undeliver(grantId);
      throw err;
    }
    return {
      delivered: ok === 1,
      blocks: this.readableBlocks(blocks),
      ...(ok === 1 && ended === 1 ? { jobEnded: true } : {}),
    };
  }

  async endJob(jobEndKey: string, ttlSeconds: number): Promise<void> {
    // No NX: a second job end of the job (another token of it) renews the mark.
    await this.redis.set(jobEndMarkKey(jobEndKey), '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)));
    await this.advance();
  }

  async jobEnded(jobEndKey: string): Promise<boolean> {
    return (await this.redis.exists(jobEndMarkKey(jobEndKey))) === 1;
  }

  /**
   * deliver() failed, so the credential does not leave, but Redis may have applied it (the reply was
   * lost: a connection cut mid-reply, a timeout). Left so, the store would call it delivered: its
   * claim stays used (the step's retry refused as a second claim, audited as possible theft) and it
   * lives to its deadline. Marked undelivered again and queued now, the sweep revokes it
   * (EXCHANGE_INTERRUPTED) and gives the claim back. Retried briefly while the client reconnects;
   * if the store stays away, the record is as deliver() left it (docs/decisions.md).
   */
  private async undeliver(grantId: string): Promise<void> {
    await this.soon(() =>
      this.run(
        'swUndeliver',
        [`${P}rec:${grantId}`, QUEUE],
        [grantId, Math.floor(Date.now() / 1000), this.callerClock],
      ),
    );
  }

  /**
   * A compensation after a failed call, retried while the client reconnects (a cut connection is
   * back within about 100 ms): about two seconds in all, one command deadline against a store that
   * does not answer. Best effort: the sweep covers what it cannot do.
   */
  private async soon(fn: () => Promise<unknown>): Promise<void> {
    const end = Date.now() + 2000;
    while (Date.now() < end) {
      try {
        await fn();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  /**
   * Every block of the hash that parses, for the delivery's re-check (all blocks, not the subject's):
   * one value changed in the store must not fail every delivery of every repository, each after a
   * token was minted (and its step's claim used). The gate reads the subject's blocks by key and
   * refuses on one it cannot parse, so a damaged block still stops the exchanges it names.
   */
  private readableBlocks(values: string[]): Block[] {
    const out: Block[] = [];
    for (const v of values)
      try {
        out.push(JSON.parse(v) as Block);
      } catch {
        // At most a line a minute: this runs on every delivery.
        if (Date.now() - this.blockWarnedAt < 60_000) continue;
        this.blockWarnedAt = Date.now();
        this.opts.warn?.(
          `stepwarden broker: ERROR ERR_STATE_RECORD_CORRUPT: a kill-switch block in the store is not JSON (${v.slice(0, 80)}); the exchanges it names are refused with 503 until it is fixed or lifted\n`,
        );
      }
    return out;
  }

  async get(grantId: string): Promise<CredentialRecord | undefined> {
    const held = this.held;
    this.held = undefined;
    const hash = held?.grantId === grantId ? held.hash : await this.redis.hgetall(`${P}rec:${grantId}`);
    return this.decode(hash, grantId);
  }

  async intent(grantId: string): Promise<Intent | undefined> {
    const v = await this.redis.get(`${P}intent:${grantId}`);
    return v ? (JSON.parse(v) as Intent) : undefined;
  }

  async byTokenHash(hash: string): Promise<CredentialRecord | undefined> {
    const id = await this.redis.get(`${P}tok:${hash}`);
    return id ? this.get(id) : undefined;
  }

  /** The most selective index the filter allows, then the same predicate as the memory store. */
  async live(filter: LiveFilter, now: number): Promise<ListedRecords> {
    return this.matching(filter, (r) => recordMatches(r, filter, now));
  }

  /** Every credential matching the filter, live or ended, while its record is kept. */
  async list(filter: LiveFilter): Promise<CredentialRecord[]> {
    return this.matching(filter, (r) => selectorMatches(r, filter));
  }

  private async matching(filter: LiveFilter, keep: (r: CredentialRecord) => boolean): Promise<ListedRecords> {
    const which =
      filter.repositoryId && filter.runId && filter.runAttempt && filter.job
        ? `job:${filter.repositoryId}:${filter.runId}:${filter.runAttempt}:${filter.job}`
        : filter.runId
          ? `run:${filter.runId}`
          : filter.parentRun
            ? `parentrun:${filter.parentRun}`
            : filter.dispatchTo
              ? `dispatch:${filter.dispatchTo.toLowerCase()}`
              : filter.repositoryId
                ? `repoid:${filter.repositoryId}`
                : filter.repository
                  ? `repo:${filter.repository.toLowerCase()}`
                  : filter.workflow
                    ? `wf:${filter.workflow}`
                    : undefined;
    if (!which) throw new Error('ERR_STATE_FILTER: a live() filter needs at least one indexed field');
    const idx = INDEX + which;
    // The set an older version kept (until it expires by itself), and the sorted set.
    const legacy = LEGACY_INDEX + which;
    const read = await this.redis.pipeline().smembers(legacy).zrange(idx, '0', '-1').exec();
    if (read?.some(([err]) => err && WRONGTYPE.test(err.message)))
      return this.matchingFromQueue(keep, await this.damagedOf([legacy, idx], ['set', 'zset']));
    const [[, older], [, newer]] = check(read) as [[null, string[]], [null, string[]]];
    // SLOT_MARK is the index's own, not a credential's (an older version reads it as a gone record).
    const ids = [...new Set([...newer.filter((id) => id !== SLOT_MARK), ...older])];
    if (ids.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of ids) p.hgetall(`${P}rec:${id}`);
    const res = check(await p.exec());
    const out: ListedRecords = [];
    const gone: string[] = [];
    res.forEach(([, h], i) => {
      let r: CredentialRecord | undefined;
      try {
        r = this.decode(h as Record<string, string>, ids[i]!);
      } catch (err) {
        this.unreadableListed(err, out, keep);
        return;
      }
      if (!r) gone.push(ids[i]!);
      else if (keep(r)) out.push(r);
    });
    if (gone.length) {
      const legacyGone = gone.filter((id) => older.includes(id));
      const p2 = this.redis.pipeline().zrem(idx, ...gone);
      if (legacyGone.length) p2.srem(legacy, ...legacyGone);
      check(await p2.exec());
    }
    return out;
  }

  /** Which of `keys` hold another type than `want` (same order), each with the type it holds. */
  private async damagedOf(keys: string[], want: string[]): Promise<string[]> {
    const p = this.redis.pipeline();
    for (const k of keys) p.type(k);
    const types = check(await p.exec()).map(([, t]) => t as string);
    return keys.flatMap((k, i) =>
      types[i] !== 'none' && types[i] !== want[i] ? [`${k} (${types[i]})`] : [],
    );
  }

  /**
   * The listing when an index key holds another type (a stray SET over it, another tool writing under
   * the prefix): that write replaced the index, so the credentials it listed are reachable only
   * through the revocation queue, where every credential not yet revoked has its deadline. The queue
   * is read whole, in pages, and every record matched by the same predicate: a kill switch by run
   * then revokes all of the run's credentials instead of failing (before: 503 with Redis's words) or,
   * once the key was deleted, answering that nothing was live. The damaged keys go with the answer
   * (`damagedIndexes`) and to stderr, with the fix; deleting the key is safe once the kill switch ran.
   */
  /**
   * A listed record decode refused. One unreadable record must not hide the others (a kill switch
   * revokes every readable one); it stays queued, and the sweep settles it at its deadline (audited
   * there). One this instance cannot open but another can (a key it lacks, a newer format) is
   * `unopened` when it matches, whichever way it was listed (session 24: the queue's way, taken over a
   * damaged index, dropped it and a job end answered complete over it).
   */
  private unreadableListed(err: unknown, out: ListedRecords, keep: (r: CredentialRecord) => boolean): void {
    if (!(err instanceof RecordUnreadable)) throw err;
    this.opts.warn?.(`stepwarden broker: ERROR ${err.message}; left to the sweep\n`);
    if (err.elsewhere && err.partial && keep(err.partial)) {
      (out.unopened ??= []).push(err.partial);
      (out.unopenedCodes ??= {})[err.grantId] = err.code;
    }
  }

  private async matchingFromQueue(
    keep: (r: CredentialRecord) => boolean,
    damaged: string[],
  ): Promise<ListedRecords> {
    const now = Date.now();
    for (const k of damaged)
      if (now - (this.damagedWarnedAt.get(k) ?? 0) >= 60_000) {
        this.damagedWarnedAt.set(k, now);
        this.opts.warn?.(`stepwarden broker: ERROR ${damagedIndexText(k)}\n`);
      }
    if (this.damagedWarnedAt.size > 1000) this.damagedWarnedAt.clear();
    const out: ListedRecords = [];
    const seen = new Set<string>();
    const PAGE = 1000;
    for (let start = 0; ; start += PAGE) {
      const ids = (await this.redis.zrange(QUEUE, String(start), String(start + PAGE - 1))).filter(
        (id) => !seen.has(id),
      );
      for (const id of ids) seen.add(id);
      if (ids.length > 0) {
        const p = this.redis.pipeline();
        for (const id of ids) p.hgetall(`${P}rec:${id}`);
        check(await p.exec()).forEach(([, h], i) => {
          try {
            const r = this.decode(h as Record<string, string>, ids[i]!);
            if (r && keep(r)) out.push(r);
          } catch (err) {
            this.unreadableListed(err, out, keep);
          }
        });
      }
      if (ids.length < PAGE && (await this.redis.zcard(QUEUE)) <= start + PAGE) break;
    }
    out.damagedIndexes = damaged;
    return out;
  }

  async due(now: number, limit: number, leaseSeconds: number): Promise<string[]> {
    const [ids, lease] = (await this.run(
      'swDue',
      [QUEUE],
      [now, limit, leaseSeconds, leaseFraction(), this.callerClock],
    )) as [string[], string];
    // Entries leave at hold(); what a failed sweep never held is dropped past a bound.
    if (this.leases.size > 10_000) this.leases.clear();
    for (const id of ids) this.leases.set(id, lease);
    return ids;
  }

  async hold(grantId: string, leaseSeconds: number): Promise<boolean> {
    const lease = this.leases.get(grantId);
    if (lease === undefined) return false;
    this.leases.delete(grantId);
    let renewed: unknown;
    try {
      renewed = await this.run(
        'swHold',
        [QUEUE, `${P}rec:${grantId}`],
        [grantId, lease, Math.floor(Date.now() / 1000), leaseSeconds, this.callerClock],
      );
    } catch (err) {
      // Not held, so still due()'s lease: the failed sweep's release() must give it back. Dropped
      // here, an instance whose hold the store refuses (a script it may not load: an ACL user without
      // EVAL after a SCRIPT FLUSH) kept the entry a whole lease, took it again at the next, and so
      // starved every other instance's sweep of it (session 33, s33-sweep-refused-hold).
      this.leases.set(grantId, lease);
      throw err;
    }
    if (!Array.isArray(renewed)) return false;
    const [next, fields] = renewed as [string, string[]?];
    // Kept so that release() can give back the entry being worked too (settled entries leave the
    // queue, re-queued ones get another score: release() then leaves them alone).
    this.leases.set(grantId, next);
    // The record as the held step read it, for the sweep's get() of this entry, which follows at
    // once (revocation.ts sweepBatch). Read in the same atomic step as the lease, so no older than a
    // get() sent after it would be; kept to the end of this turn of the event loop only, and any
    // get() takes it away (another id's too), so nothing later reads it.
    if (!fields) return true;
    const held = { grantId, hash: hashOf(fields) };
    this.held = held;
    setImmediate(() => {
      if (this.held === held) this.held = undefined;
    }).unref();
    return true;
  }

  async holdMany(grantIds: readonly string[], leaseSeconds: number): Promise<(HeldEntry | undefined)[]> {
    const asked = grantIds.filter((id) => this.leases.has(id));
    const out: (HeldEntry | undefined)[] = grantIds.map(() => undefined);
    if (asked.length === 0) return out;
    const keys = [QUEUE];
    const args: (string | number)[] = [Math.floor(Date.now() / 1000), leaseSeconds, this.callerClock];
    for (const id of asked) {
      keys.push(`${P}rec:${id}`);
      args.push(id, this.leases.get(id)!);
    }
    // Refused (a script this instance may not load): every lease stays due()'s, so the failed
    // sweep's release() gives the batch back (hold(), session 33).
    const answers = (await this.run('swHoldMany', keys, args, keys.length)) as unknown[];
    const held = new Map<string, HeldEntry>();
    asked.forEach((id, i) => {
      const a = answers[i];
      if (!Array.isArray(a)) {
        this.leases.delete(id);
        return;
      }
      const [next, fields] = a as [string, string[]?];
      // Kept so that release() can give back the entries being worked too (hold()).
      this.leases.set(id, next);
      if (!fields) held.set(id, { unread: true });
      else
        try {
          held.set(id, { record: this.decode(hashOf(fields), id) });
        } catch (error) {
          held.set(id, { error });
        }
    });
    grantIds.forEach((id, i) => (out[i] = held.get(id)));
    return out;
  }

  async release(grantIds: readonly string[]): Promise<void> {
    const mine = grantIds.flatMap((id) => {
      const lease = this.leases.get(id);
      this.leases.delete(id);
      return lease === undefined ? [] : [[id, lease] as const];
    });
    await Promise.all(
      mine.map(([id, lease]) =>
        this.run('swRelease', [QUEUE], [id, lease]).catch((err: unknown) =>
          this.releasePlain(id, lease, err),
        ),
      ),
    );
  }

  /**
   * swRelease refused as a script (NOPERM: this instance may not EVAL it after the server lost its
   * scripts) but the server up: the same step in plain commands. Not atomic, and need not be: the
   * entry's score is this caller's lease, in the future, so no other instance's due() takes it
   * between the ZSCORE and the ZADD; a lease that ran out meanwhile only makes the entry due again.
   */
  private async releasePlain(id: string, lease: string, err: unknown): Promise<void> {
    if (!(err instanceof Error) || !/\bNOPERM\b/.test(err.message)) throw err;
    const score = await this.redis.zscore(QUEUE, id);
    if (score === null || Number(score) !== Number(lease)) return;
    const [seconds] = await this.redis.time();
    await this.redis.zadd(QUEUE, 'XX', Number(seconds), id);
  }

  /** The queue's entries (earliest first, at most `cap`) whose record's or intent's deadline is past. */
  async overdue(now: number, cap = 10_000): Promise<number> {
    return (await this.queueCensus(cap)).filter((e) => e.deadline !== undefined && e.deadline <= now).length;
  }

  async pendingRevocations(cap = 10_000): Promise<number> {
    return (await this.queueCensus(cap)).filter((e) => e.pending).length;
  }

  /**
   * The first `cap` queue entries, each with its deadline (an undelivered credential or an intent at
   * its in-flight window, else its record's deadline; none when neither is there) and whether its
   * upstream revocation is pending: what the overdue and pending gauges count. One pass, 2 commands
   * an entry (the record's three fields, the intent), shared by the calls made while it is read:
   * one scrape collects both gauges at once, and each read the whole queue on its own before
   * (session 38: 3 commands an entry and two ZRANGEs, up to 30,000 commands a scrape at the cap).
   * Nothing is kept once it is answered, so a later scrape reads the queue as it is then.
   */
  private queueCensus(cap: number): Promise<{ deadline?: number; pending: boolean }[]> {
    const reading = this.censusReading;
    if (reading && reading.cap === cap) return reading.entries;
    const entries = this.readQueueCensus(cap).finally(() => {
      if (this.censusReading?.entries === entries) this.censusReading = undefined;
    });
    this.censusReading = { cap, entries };
    return entries;
  }

  private async readQueueCensus(cap: number): Promise<{ deadline?: number; pending: boolean }[]> {
    const ids = await this.redis.zrange(QUEUE, '0', String(cap - 1));
    if (ids.length === 0) return [];
    const p = this.redis.pipeline();
    for (const id of ids)
      p.hmget(`${P}rec:${id}`, 'expiresAt', 'deliverBy', 'revocation').get(`${P}intent:${id}`);
    const res = check(await p.exec());
    return ids.map((_, i) => {
      const [exp, deliverBy, revocation] = res[2 * i]![1] as [string | null, string | null, string | null];
      const intentText = res[2 * i + 1]![1] as string | null;
      const intent = intentText ? (JSON.parse(intentText) as Intent) : undefined;
      const deadline =
        exp !== null
          ? Number(JSON.parse(deliverBy ?? exp))
          : intent
            ? (intent.sweepAt ?? intent.deadline)
            : undefined;
      return { ...(deadline !== undefined ? { deadline } : {}), pending: revocation === '"pending"' };
    });
  }

  async markRevoked(grantId: string, at: number, opts: MarkRevokedOptions = {}): Promise<boolean> {
    return (
      Number(
        await this.run(
          'swMarkRevoked',
          [`${P}rec:${grantId}`, QUEUE],
          [
            JSON.stringify(at),
            opts.undeliveredOnly ? '1' : '0',
            `${P}claim:`,
            grantId,
            opts.reason === undefined ? '' : JSON.stringify(opts.reason),
            opts.retryAt === undefined ? '' : String(opts.retryAt),
          ],
        ),
      ) === 1
    );
  }

  async retryRevocation(grantId: string, at: number, attempts: number): Promise<boolean | 'again'> {
    const n = Number(
      await this.run('swRetry', [`${P}rec:${grantId}`, QUEUE], [at, JSON.stringify(attempts), grantId]),
    );
    return n === 2 ? 'again' : n === 1;
  }

  async expireAlone(grantId: string, runId: string, at: number): Promise<boolean> {
    const [rec, ...rest] = aloneKeys(grantId, runId);
    const ok = await this.run('swExpireAlone', [rec, QUEUE, ...rest], [JSON.stringify(at), grantId]);
    return Number(ok) === 1;
  }

  async expireAloneMany(entries: readonly AloneEntry[], at: number): Promise<boolean[]> {
    if (entries.length === 0) return [];
    const keys = [QUEUE];
    const args: string[] = [JSON.stringify(at)];
    for (const { grantId, runId } of entries) {
      keys.push(...aloneKeys(grantId, runId));
      args.push(grantId);
    }
    const done = (await this.run('swExpireAloneMany', keys, args, keys.length)) as unknown[];
    return entries.map((_, i) => Number(done[i]) === 1);
  }

  async takeDue(
    now: number,
    limit: number,
    leaseSeconds: number,
    take: { at: number; tag: string; written: readonly string[] },
  ): Promise<TakenBatch> {
    const [ids, lease, answers, orphans] = (await this.run(
      'swTakeDue',
      [QUEUE, P, takenKey(take.tag), ...take.written.map(takenKey)],
      [
        now,
        limit,
        leaseSeconds,
        leaseFraction(),
        this.callerClock,
        JSON.stringify(take.at),
        TAKEN_SECONDS,
        ADOPT_PER_TAKE,
      ],
      3 + take.written.length,
    )) as [string[], string, [number, string[]?][], [string, string[]?][]];
    if (this.leases.size > 10_000) this.leases.clear();
    const held: HeldEntry[] = [];
    const expired: boolean[] = [];
    const heldOf = (id: string, fields: string[] | undefined): HeldEntry => {
      if (!fields) return { unread: true };
      try {
        return { record: this.decode(hashOf(fields), id) };
      } catch (error) {
        return { error };
      }
    };
    ids.forEach((id, i) => {
      const [done, fields] = answers[i]!;
      expired.push(done === 1);
      // Leased as due() leases (hold() renews it before the entry is worked); an expired one is done with.
      if (done !== 1) this.leases.set(id, lease);
      held.push(heldOf(id, fields));
    });
    const adopted = (orphans ?? []).map(([id, fields]) => ({ id, held: heldOf(id, fields) }));
    return { ids, held, expired, ...(adopted.length ? { adopted } : {}) };
  }

  async takenBy(tag: string, leaseSeconds = 60): Promise<string[]> {
    return (await this.run('swTakenBy', [takenKey(tag), TAKES], [leaseSeconds], 2)) as string[];
  }

  async dropTaken(tags: readonly string[]): Promise<void> {
    if (!tags.length) return;
    const keys = tags.map(takenKey);
    await this.redis
      .multi()
      .del(...keys)
      .zrem(TAKES, ...keys)
      .exec();
  }

  async settleRevocation(grantId: string, outcome: 'done' | 'failed'): Promise<boolean> {
    return (
      1 ===
      (await this.run(
        'swSettle',
        [`${P}rec:${grantId}`, QUEUE, `${P}intent:${grantId}`],
        [JSON.stringify(outcome), grantId],
      ))
    );
  }

  async rateLimit(
    key: string,
    limit: number,
    windowSeconds: number,
  ): Promise<{ allowed: boolean; retryAfter: number }> {
    const [allowed, retry] = (await this.run('swRate', [`${P}rate:${key}`], [limit, windowSeconds])) as [
      number,
      number,
    ];
    return { allowed: allowed === 1, retryAfter: retry };
  }

  async block(block: Block, whileHeld?: BlockSelector): Promise<boolean> {
    // The key is what every exchange checks; the service publishes the cache drop (publish()).
    if (!whileHeld) await this.redis.hset(BLOCKS, blockKey(block), JSON.stringify(block));
    else if (
      Number(
        await this.run(
          'swBlockBeside',
          [BLOCKS],
          [blockKey(block), JSON.stringify(block), blockKey(whileHeld)],
        ),
      ) !== 1
    )
      return false;
    await this.advance();
    return true;
  }

  async unblock(selector: BlockSelector): Promise<boolean> {
    const run = selector.runId ?? '';
    return (await this.run('swUnblock', [BLOCKS, `${REACH}${run}`], [blockKey(selector), run])) === 1;
  }

  async publish(msg: Invalidation): Promise<void> {
    await this.redis.publish(INVALIDATE_CHANNEL, JSON.stringify(msg));
  }

  /**
   * One subscriber connection per instance (a subscribed connection can run nothing else). It
   * reconnects and resubscribes by itself; on each resubscription every cache is dropped, since
   * messages sent meanwhile were lost (pub/sub does not queue).
   */
  async subscribe(fn: (msg: Invalidation) => void): Promise<void> {
    this.listeners.push(fn);
    if (this.sub) return;
    // Its SUBSCRIBE waits (offline queue, no retry limit) for a store that is down at start.
    // Database 0: pub/sub channels are not in any database (a PUBLISH is heard by subscribers on every
    // database), so this connection sends no SELECT a changed ACL could refuse.
    const sub = this.redis.duplicate({
      db: 0,
      lazyConnect: true,
      enableOfflineQueue: true,
      commandTimeout: undefined,
      maxRetriesPerRequest: null,
    });
    this.sub = sub;
    sub.on('error', () => undefined);
    let subscribedOnce = false;
    sub.on('ready', () => {
      if (subscribedOnce) for (const l of this.listeners) l({ why: 'refresh' });
      subscribedOnce = true;
    });
    sub.on('message', (channel: string, text: string) => {
      if (channel !== INVALIDATE_CHANNEL) return;
      let msg: Invalidation;
      try {
        const v = JSON.parse(text) as Record<string, unknown>;
        msg = {
          why: v.why === 'block' || v.why === 'unblock' ? v.why : 'refresh',
          ...(typeof v.repository === 'string' ? { repository: v.repository } : {}),
          ...(typeof v.owner === 'string' ? { owner: v.owner } : {}),
        };
      } catch {
        msg = { why: 'refresh' };
      }
      for (const l of this.listeners) l(msg);
    });
    sub.connect().catch(() => undefined); // retried by the client's own reconnection
    await sub.subscribe(INVALIDATE_CHANNEL);
  }

  async blocks(): Promise<Block[]> {
    return Object.values(await this.redis.hgetall(BLOCKS)).map((v) => JSON.parse(v) as Block);
  }

  async close(): Promise<void> {
    this.sub?.disconnect();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}

const WRONGTYPE = /\bWRONGTYPE\b/;

/**
 * A hash's fields and values (HGETALL's flat reply inside a script) as ioredis's `hgetall` gives
 * them: a plain object, a field named like an Object.prototype property (`__proto__`) an own one.
 */
export function hashOf(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const k = flat[i]!;
    if (k in out)
      Object.defineProperty(out, k, {
        value: flat[i + 1],
        configurable: true,
        enumerable: true,
        writable: true,
      });
    else out[k] = flat[i + 1]!;
  }
  return out;
}

function check<T>(res: [Error | null, T][] | null): [Error | null, T][] {
  if (!res) throw new Error('ERR_STATE: transaction aborted');
  for (const [err] of res) if (err) throw err;
  return res;
}

/**
 * `redis-sentinel://[user:password@]host:port[,host:port…]/<primary name>[/<db>]`: ioredis asks the
 * Sentinels for the current primary and follows failovers. The credentials are the data nodes'.
 */
export function parseSentinelUrl(url: string): RedisOptions | undefined {
  const m = /^redis-sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)\/([^/]+)(?:\/(\d{1,2}))?$/.exec(url);
  if (!m) return undefined;
  const sentinels = m[3]!.split(',').map((hp) => {
    const i = hp.lastIndexOf(':');
    return i > 0 ? { host: hp.slice(0, i), port: Number(hp.slice(i + 1)) } : { host: hp, port: 26379 };
  });
  if (sentinels.some((x) => !x.host || !Number.isInteger(x.port) || x.port <= 0)) return undefined;
  return {
    sentinels,
    name: decodeURIComponent(m[4]!),
    ...(m[1] ? { username: decodeURIComponent(m[1]) } : {}),
    ...(m[2] ? { password: decodeURIComponent(m[2]) } : {}),
    ...(m[5] ? { db: Number(m[5]) } : {}),
  };
}

/** Commands that read or write no key: let through on a connection not (yet) in its database. */
const KEYLESS = new Set([
  'select',
  'info',
  'ping',
  'quit',
  'auth',
  'hello',
  'client',
  'subscribe',
  'unsubscribe',
]);

/**
 * Keeps every store command off a connection not verified to be in the URL's database (`/<db>`) since
 * it last (re)connected. ioredis sends SELECT while connecting, but when it is refused (the ACL user
 * lost `+select`, a server restarted with fewer `databases`) it only emits an 'error' event and goes on
 * in database 0: until the next /readyz, jti checks, claims, kill-switch reads and records would run
 * in another tenant's database or an empty one (a used jti absent: a replay; no blocks: a blocked
 * selector served). So each connection starts unverified ('close' resets it, before any reconnect can
 * be 'ready'); on 'ready' this guard sends its own SELECT, and only its OK, on that same connection
 * (replies come in order and nothing else here sends SELECT), lets commands through. Until then every
 * command is refused at ioredis's one entry (sendCommand, which pipelines, MULTI and scripts also go
 * through, synchronously for a whole pipeline, so one is refused whole or sent whole) and never
 * written. A refused SELECT is tried again on the next command (at most every RETRY_MS) and at
 * /readyz, so a fixed ACL heals without a restart. Database 0 needs no SELECT (a connection starts
 * there, and the documented ACL has no `+select`): verified once 'ready'.
 */
class DbGuard {
  private static readonly RETRY_MS = 500;
  private verified = false;
  /** Counts closes: a SELECT answered after its connection closed verifies nothing. */
  private epoch = 0;
  private checking: Promise<void> | undefined;
  private lastTry = 0;
  /** Why the last SELECT of this connection failed (ERR_STATE_DB with the fix). */
  private refused: Error | undefined;
  /** An ERROR line was written for the refused SELECT and no heal line yet. */
  private alarmed = false;
  private wasVerified = false;
  private readonly index: number;

  constructor(
    private readonly redis: Redis,
    private readonly where: string,
    /** The on-call hears of a refused reconnect, and of the heal, once each. */
    private readonly warn?: (line: string) => void,
  ) {
    this.index = redis.options.db ?? 0;
    redis.on('close', () => {
      this.epoch++;
      this.verified = false;
      this.refused = undefined;
    });
    redis.on('ready', () => {
      if (this.index === 0) this.verified = true;
      else void this.verify().catch(() => undefined);
    });
    // Two fixed parameters (command, pipeline stream), no rest array: this runs on every command.
    const send = redis.sendCommand.bind(redis) as (c: Command, stream?: unknown) => unknown;
    (redis as unknown as { sendCommand: (c: Command, stream?: unknown) => unknown }).sendCommand = (
      command,
      stream,
    ) => {
      if (this.verified || KEYLESS.has(command.name.toLowerCase())) return send(command, stream);
      // No connection: ioredis refuses it itself (no offline queue), as before this guard.
      if (redis.status !== 'ready' && redis.status !== 'connect') return send(command, stream);
      if (redis.status === 'ready' && Date.now() - this.lastTry >= DbGuard.RETRY_MS)
        void this.verify().catch(() => undefined);
      command.reject(this.refusal());
      return command.promise;
    };
  }

  /**
   * ERR_STATE_DB (StateDbUnverified) once the server refused this connection's SELECT; a plain error
   * (a store failure, 503 ERR_STATE_UNAVAILABLE) while the handshake or the SELECT is still under way.
   */
  private refusal(): Error {
    if (this.refused) return new StateDbUnverified(`${this.refused.message} (${this.where})`);
    return new Error(
      `the connection to the state store ${this.where} is not yet verified to be in database ${this.index} (the URL's /${this.index}) since it (re)connected`,
    );
  }

  /**
   * Verifies the connection is in the URL's database, or throws ERR_STATE_DB with the fix. `again`:
   * SELECTs even when verified (readiness: a lost +select shows before the next reconnect needs it).
   */
  verify(opts: { again?: boolean } = {}): Promise<void> {
    if (this.index === 0) {
      if (this.verified || this.redis.status !== 'ready')
        return this.verified ? Promise.resolve() : Promise.reject(this.refusal());
      this.verified = true;
      return Promise.resolve();
    }
    if (this.verified && !opts.again) return Promise.resolve();
    this.checking ??= this.select().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async select(): Promise<void> {
    const epoch = this.epoch;
    this.lastTry = Date.now();
    const db = this.index;
    try {
      await this.redis.select(db);
    } catch (err) {
      const why = (err as Error).message;
      // No answer (a timeout, the connection closed): a store failure, not a refusal; tried again.
      if (!(err instanceof ReplyError))
        throw new Error(`the state store did not answer SELECT ${db} (the URL's /${db}): ${why}`, {
          cause: err,
        });
      const fix = /NOPERM/i.test(why)
        ? "add +select to the broker's ACL user (ACL SETUSER <user> +select), or use database 0"
        : /range/i.test(why)
          ? `raise the server's databases setting above ${db}, or use a database below it`
          : 'use a database the server has and the user may select';
      const refused = new Error(
        `ERR_STATE_DB: the state store refused SELECT ${db} (the URL's /${db}): ${why}; ${fix}`,
        { cause: err },
      );
      // A SELECT that failed because its connection closed says nothing of the next one.
      if (epoch === this.epoch && !this.verified) {
        // At start the refusal is the start's own error (RedisStore.connect), not a line of its own.
        if (this.wasVerified && !this.refused && !this.alarmed)
          this.warn?.(
            `stepwarden broker: ERROR ${refused.message} (${this.where}) after a reconnect; every exchange is refused (503 ERR_STATE_DB) and nothing is read or written until SELECT ${db} succeeds again\n`,
          );
        this.refused = refused;
        this.alarmed = true;
      }
      throw refused;
    }
    if (epoch !== this.epoch) throw this.refusal();
    this.verified = true;
    this.wasVerified = true;
    this.refused = undefined;
    if (this.alarmed)
      this.warn?.(
        `stepwarden broker: the state store connection is in database ${db} again (${this.where})\n`,
      );
    this.alarmed = false;
  }
}

/** What to change when the connect failed for a reason the operator controls, or ''. */
function connectFix(why: string): string {
  if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(why))
    return "; check the user and password of the state URL (redis://user:password@host:port/db, special characters percent-encoded) against the server's ACL (ACL SETUSER, docs/deploy.md)";
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH/.test(why))
    return '; check the host and port of the state URL and that the server runs and is reachable from here';
  return '';
}

/** The URL without its password, for error messages. */
export function redactUrl(url: string): string {
  try {
    if (url.startsWith('redis-sentinel:')) return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable state URL)';
  }
}
