import { readFile } from 'node:fs/promises';
import { decodeJwt, type JSONWebKeySet } from 'jose';
import { EXIT, UsageError, wantsHelp, type Command, parseCommandArgs } from '../command.js';
import { createOidcVerifier, GITHUB_ISSUER, OidcError } from '../../oidc/verify.js';
import { SUMMARIES } from '../summaries.js';

export const verifyCommand: Command = {
  name: 'verify',
  summary: SUMMARIES.verify,
  help: `Usage: stepwarden verify TOKEN|- --audience AUD [options]

Verifies a GitHub Actions OIDC token with the broker's own code: RS256 only, a trusted issuer, keys
from the issuer's JWKS, aud, exp/nbf/iat with 60 s leeway, GitHub's required claims. '-' reads the
token from standard input. The token itself is never printed.

Options:
  --audience AUD       the aud the token must carry (required; --no-audience to skip, said in the output)
  --no-audience        do not check aud
  --issuer URL         trusted issuer (repeatable; default ${GITHUB_ISSUER})
  --jwks FILE|URL      a saved key set instead of discovery
  --at UNIX_SECONDS    verify as of this time (tokens captured in the past)
  --format text|json   json: { "valid", "claims", "error", "code" }

Exit codes: 0 valid, 1 refused, 2 bad arguments.
`,
  async run(argv, io) {
    if (wantsHelp(argv)) {
      io.stdout(this.help);
      return EXIT.ok;
    }
    const parsed = parseCommandArgs(
      'verify',
      argv,
      {
        audience: { type: 'string' },
        'no-audience': { type: 'boolean' },
        issuer: { type: 'string', multiple: true },
        jwks: { type: 'string' },
        at: { type: 'string' },
        format: { type: 'string', default: 'text' },
      },
      true,
    );
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('give one token, or - to read it from standard input');
    if (!values.audience && !values['no-audience'])
      throw new UsageError('--audience is required (or --no-audience to skip the aud check)');
    if (values.format !== 'text' && values.format !== 'json')
      throw new UsageError(`--format must be text or json`);
    if (values.at !== undefined && !/^\d+$/.test(values.at)) throw new UsageError('--at takes Unix seconds');
    const token = (positionals[0] === '-' ? await io.readStdin() : positionals[0]!).trim();
    let jwks: JSONWebKeySet | undefined;
    if (values.jwks) {
      const text = /^https?:\/\//.test(values.jwks)
        ? await (await fetch(values.jwks)).text()
        : await readFile(values.jwks, 'utf8');
      try {
        jwks = JSON.parse(text) as JSONWebKeySet;
      } catch {
        throw new UsageError(`--jwks ${values.jwks} is not a JSON key set`);
      }
    }
    let audience = values.audience ?? '';
    if (values['no-audience']) {
      // Checking nothing is not an option of the verifier: take the token's own aud and say so.
      try {
        const aud = decodeJwt(token).aud;
        audience = Array.isArray(aud) ? (aud[0] ?? '') : (aud ?? '');
      } catch {
        audience = '';
      }
    }
    const at = values.at ? Number(values.at) : undefined;
    const verifier = createOidcVerifier({
      issuers: values.issuer ?? [GITHUB_ISSUER],
      audience,
      ...(jwks ? { jwks } : {}),
      ...(at !== undefined ? { now: () => at } : {}),
    });
    const note = values['no-audience'] ? ' (aud was NOT checked)' : '';
    try {
      const claims = await verifier.verify(token);
      if (values.format === 'json')
        io.stdout(
          `${JSON.stringify({ valid: true, claims, audienceChecked: !values['no-audience'] }, null, 2)}\n`,
        );
      else {
        io.stdout(`valid${note}\n`);
        for (const [k, v] of Object.entries(claims))
          io.stdout(`  ${k.padEnd(22)} ${typeof v === 'string' ? v : JSON.stringify(v)}\n`);
      }
      return EXIT.ok;
    } catch (err) {
      const e = err instanceof OidcError ? err : new OidcError('ERR_OIDC_MALFORMED', String(err));
      if (values.format === 'json')
        io.stdout(
          `${JSON.stringify({ valid: false, error: e.message, code: e.code, ...(e.claim ? { claim: e.claim } : {}) }, null, 2)}\n`,
        );
      else io.stdout(`refused: ${e.code}: ${e.message}${note}\n`);
      return EXIT.findings;
    }
  },
};
