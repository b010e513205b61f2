/**
 * `env:` names that change where a stepwarden action reads its facts or what code it runs: the
 * runner's own variables (`GITHUB_API_URL`, `GITHUB_EVENT_PATH`, `ACTIONS_ID_TOKEN_REQUEST_URL`,
 * `RUNNER_TEMP`), the loader and TLS settings of Node and the shell (`NODE_OPTIONS`,
 * `NODE_EXTRA_CA_CERTS`, `BASH_ENV`, `LD_PRELOAD`, `PATH`) and proxies. Set in the workflow, job or
 * step `env:` of the gate, they let the workflow point the gate at an API, token endpoint or manifest
 * of its choosing while it stays first and in enforce mode. `GITHUB_TOKEN` is left out: the gate
 * takes its token from its `token` input, and jobs commonly set it for other steps.
 */
/**
 * The gate runs `bash … && node …` (`shell: bash`). Bash imports a function from a variable
 * `BASH_FUNC_NAME%%` (`BASH_FUNC_node%%='() { echo ok; }'` replaces `node`) and applies `SHELLOPTS`
 * and `BASHOPTS` at start-up (`SHELLOPTS=noexec` reads the script and runs none of it: exit 0); the
 * dynamic loader reads every `LD_*` (`LD_AUDIT` loads a library as `LD_PRELOAD` does) and macOS's
 * `DYLD_*`. Each makes the gate succeed without judging anything (session 9). Node also reads
 * `OPENSSL_CONF` (an OpenSSL configuration can load a provider module) and, from Node 24,
 * `NODE_USE_ENV_PROXY` (then the proxy variables apply to its fetch).
 */
const PREFIXES = ['github_', 'actions_', 'runner_', 'bash_func_', 'ld_', 'dyld_'];
const NAMES = new Set([
  'path',
  'bash_env',
  'shellopts',
  'bashopts',
  'env',
  'node_options',
  'node_extra_ca_certs',
  'node_tls_reject_unauthorized',
  'node_path',
  'http_proxy',
  'https_proxy',
  'all_proxy',
  'no_proxy',
  'openssl_conf',
  'openssl_modules',
  'node_use_env_proxy',
  'ssl_cert_file',
  'ssl_cert_dir',
]);

const MEMO_MAX = 4096;
const memo = new Map<string, boolean>();

export function redirectsAction(name: string): boolean {
  // Asked for every `env:` name of every job and step, and the same few names recur across a
  // repository: the answer is remembered per name within this process (at most MEMO_MAX names).
  let answer = memo.get(name);
  if (answer === undefined) {
    const n = name.trim().toLowerCase();
    answer = n !== 'github_token' && (NAMES.has(n) || PREFIXES.some((p) => n.startsWith(p)));
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(name, answer);
  }
  return answer;
}
