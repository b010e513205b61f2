/**
 * The one-line summary of each command: its `--help` and the program's command list read them here,
 * so `stepwarden --help` lists the commands without loading (and compiling) any of them.
 */
export const SUMMARIES = {
  check: 'Hold every workflow of a repository against its access manifest',
  init: 'Write a starting manifest that declares what the workflows hold today',
  diff: 'Show which job gains or loses which access between two repository states',
  audit: 'Workload vs administrator activity, refusals and anomalies, from trails and logs',
  broker: 'Run the token broker (RFC 8693 exchange, JWKS, revocation, audit log)',
  verify: 'Verify an OIDC token exactly as the broker does, and print its claims or why it is refused',
  explain: 'Answer "would the broker grant this?" from a manifest and token claims, issuing nothing',
  demo: 'Bring the whole stack up on loopback and play one job: exchange, run, refuse, revoke, audit',
  action: 'Run one of the GitHub Actions entry points (used by action.yml files)',
} as const;
