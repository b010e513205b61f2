import { EXIT, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { readBrokerConfig } from '../../broker/config.js';
import { startBroker } from '../../broker/server.js';
import { ManifestError } from '../../manifest/errors.js';

export const brokerCommand: Command = {
  name: 'broker',
  summary: 'Run the token broker (RFC 8693 exchange, JWKS, revocation, audit log)',
  help: `Usage: stepwarden broker [--config broker.yml]

Runs the broker service. Without --config it starts on its embedded defaults: 127.0.0.1:8787, in-memory
state, manifests from ./manifests/<owner>/<repo>/.github/access-manifest.yml, a signing key generated on
first start in ./broker-signing-key.json (mode 0600), audit log ./broker-audit.jsonl.

Endpoints: POST /token (RFC 8693), POST /revoke (RFC 7009), POST /introspect (RFC 7662),
POST /admin/revoke (kill switch, admin bearer token), GET /.well-known/jwks.json,
GET /.well-known/openid-configuration, GET /healthz.

Every config key is documented in docs/broker.md; unknown keys are refused with file and line.
Stop with Ctrl-C (SIGINT) or SIGTERM: the audit log is flushed before exit.
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
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
    const broker = await startBroker(config);
    io.stdout(
      `stepwarden broker listening on ${broker.url} (issuer ${config.url}, audience ${config.audience}, manifests from ${config.manifests.source})\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => void broker.close().then(resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
