import { resolve } from 'node:path';
import { EXIT, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { readBrokerConfig } from '../../broker/config.js';
import { startBroker } from '../../broker/server.js';
import { KeyringError, rotateKeyFile } from '../../broker/signing-key.js';
import { AppKeyError } from '../../broker/providers/app-key.js';
import { ManifestError } from '../../manifest/errors.js';
import { SUMMARIES } from '../summaries.js';

export const brokerCommand: Command = {
  name: 'broker',
  summary: SUMMARIES.broker,
  help: `Usage: stepwarden broker [--config broker.yml]
       stepwarden broker rotate-key [--config broker.yml] [--overlap SECONDS] [--svid]

Runs the broker service. Without --config it starts on its embedded defaults: 127.0.0.1:8787, in-memory
state, manifests from ./manifests/<owner>/<repo>/.github/access-manifest.yml, a signing key generated on
first start in ./broker-signing-key.json (mode 0600), audit log ./broker-audit.jsonl.

Endpoints: POST /token (RFC 8693), POST /revoke (RFC 7009), POST /introspect (RFC 7662),
POST /admin/revoke and POST /admin/unblock (kill switch and its lift, admin bearer token; form
fields repository, repository_id, workflow or run_id), GET /.well-known/jwks.json,
GET /.well-known/openid-configuration, GET /.well-known/spiffe-bundle (jwt-profile: spiffe),
GET /healthz (alive), GET /readyz (store, signing key, issuer keys, audit sink), GET /metrics
(Prometheus; metrics.token-file puts it behind a bearer token). Operational logs are JSON lines on
stderr; the audit log is separate. Runbooks: docs/operations.md and docs/deploy.md.

rotate-key adds a new ES256 key to the keyring in signing.key-file. It is published in the JWKS at
once and signs from --overlap seconds on (default 600, so verifiers' JWKS caches hold it first); the
old key stays in the JWKS until its last credential has expired (activation + 3600 s), then leaves it.
A running broker picks the change up within 5 seconds, or at once on SIGHUP. --svid rotates the
JWT-SVID keyring (spiffe.key-file) instead.

Every config key is documented in docs/broker.md; unknown keys are refused with file and line.
Stop with Ctrl-C (SIGINT) or SIGTERM: the broker stops accepting, lets in-flight exchanges finish
within drain-timeout seconds, flushes the audit log and closes the store.

SIGHUP (or a change to one of the files, seen within 5 seconds) reloads the config, the admin tokens
file, the local org-policy file, the metrics token and the signing keyrings without dropping a
connection. Everything is validated first: an invalid file is refused with file, line and fix in the
JSON log and the config in force stays. admin-tokens-file, org-policy, rate-limit, metrics.token-file,
drain-delay and drain-timeout apply at once; any other changed key needs a restart (logged as a
warning, the running value stays).
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    if (argv[0] === 'rotate-key') return rotateKey(argv.slice(1), io);
    const { values } = parseCommandArgs('broker', argv, { config: { type: 'string' } });
    let config;
    try {
      config = await readBrokerConfig(values.config, io.cwd);
    } catch (err) {
      if (err instanceof ManifestError) {
        io.stderr(`stepwarden broker: invalid config (${err.code}):\n${err.message}\n`);
        return EXIT.usage;
      }
      throw err;
    }
    const broker = await startBroker(config, {
      ...(values.config ? { configFile: resolve(io.cwd, values.config) } : {}),
    }).catch((err: unknown) => {
      if (err instanceof KeyringError || err instanceof AppKeyError) {
        io.stderr(`stepwarden broker: ${err.code}: ${err.message}\n`);
        return undefined;
      }
      // A file the config names (admin tokens, org policy, metrics token) that cannot be used.
      if (err instanceof ManifestError) {
        io.stderr(`stepwarden broker: invalid config (${err.code}):\n${err.message}\n`);
        return undefined;
      }
      throw err;
    });
    if (!broker) return EXIT.usage;
    // One stop, whatever arrives while it runs: a second SIGTERM or SIGINT (a supervisor repeating
    // itself, Ctrl-C twice) used to take the default action and kill the process mid-drain, cutting
    // the exchanges being finished and the audit lines being flushed. The drain is bounded, so the
    // signals are held until it is done. The handlers are in place before "listening" is printed:
    // a SIGTERM sent on that line found none and killed the process outright.
    let code: number = EXIT.ok;
    let stopping = false;
    let stopped!: () => void;
    const done = new Promise<void>((resolve) => (stopped = resolve));
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.stderr(
          `${JSON.stringify({ time: new Date().toISOString(), level: 'warn', msg: `${signal} while stopping: the drain goes on (bounded by drain-timeout)` })}\n`,
        );
        return;
      }
      stopping = true;
      void broker.close().then(stopped, (err: unknown) => {
        io.stderr(`stepwarden broker: stopping failed: ${(err as Error)?.message ?? String(err)}\n`);
        code = EXIT.usage;
        stopped();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    io.stdout(
      `stepwarden broker listening on ${broker.url} (issuer ${config.url}, audience ${config.audience}, manifests from ${config.manifests.source})\n`,
    );
    await done;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    return code;
  },
};

async function rotateKey(argv: readonly string[], io: Parameters<Command['run']>[1]): Promise<number> {
  const { values } = parseCommandArgs('broker rotate-key', [...argv], {
    config: { type: 'string' },
    overlap: { type: 'string' },
    svid: { type: 'boolean' },
  });
  const overlap = values.overlap === undefined ? 600 : Number(values.overlap);
  if (!Number.isSafeInteger(overlap) || overlap < 0 || overlap > 86_400) {
    io.stderr('stepwarden broker rotate-key: --overlap takes whole seconds from 0 to 86400\n');
    return EXIT.usage;
  }
  let config;
  try {
    config = await readBrokerConfig(values.config, io.cwd);
  } catch (err) {
    if (err instanceof ManifestError) {
      io.stderr(`stepwarden broker rotate-key: invalid config (${err.code}):\n${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  if (values.svid && !config.spiffe) {
    io.stderr('stepwarden broker rotate-key: --svid needs spiffe: { trust-domain } in the config\n');
    return EXIT.usage;
  }
  const file = resolve(config.baseDir, values.svid ? config.spiffe!['key-file'] : config.signing['key-file']);
  try {
    const r = await rotateKeyFile(
      file,
      Math.floor(Date.now() / 1000),
      overlap,
      values.svid ? 'jwt-svid' : 'sig',
    );
    if (r.staleLock)
      io.stderr(
        `stepwarden broker rotate-key: took over ${file}.lock left by pid ${r.staleLock.pid} (no longer running) since ${new Date(r.staleLock.since * 1000).toISOString()}\n`,
      );
    io.stdout(
      `new signing key ${r.kid} in ${file}, active from ${new Date(r.activateAt * 1000).toISOString()}; published now: ${r.published.join(', ')}\n`,
    );
    return EXIT.ok;
  } catch (err) {
    if (err instanceof KeyringError) {
      io.stderr(`stepwarden broker rotate-key: ${err.code}: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
