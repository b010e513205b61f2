/**
 * A job container's `options:` as `docker create` reads them. The runner pastes the string, as it
 * is, into one command line (actions/runner DockerCommandManager.DockerCreate: `--name …`, then the
 * options, then `-e` per `env:` entry, the volumes, the entrypoint and the image) and starts docker
 * with it as one arguments string, which .NET splits (only space and tab separate; `"` quotes; `\`
 * escapes only before `"`). Docker's flag parser (pflag) then reads the words: `-e NAME=V`,
 * `--env=NAME=V`, `-eNAME=V`, `-ie NAME=V` set variables of every process of the container, the
 * gate's included, exactly as the container's `env:` does; `--env-file` sets names no file of the
 * repository shows; `-v`/`--mount`/`--tmpfs`/`--volumes-from` lay other files over the ones the gate
 * runs; `--entrypoint` and a bare word (read as the image, the runner's image then being its
 * command) replace what runs. Anything not read with certainty is reported as such (fail closed).
 */

/** Long options of `docker create` that take a value (docker CLI 27/28); `--name=value` or the next word. */
const VALUE = new Set([
  'add-host',
  'annotation',
  'attach',
  'blkio-weight',
  'blkio-weight-device',
  'cap-add',
  'cap-drop',
  'cgroup-parent',
  'cgroupns',
  'cidfile',
  'cpu-count',
  'cpu-percent',
  'cpu-period',
  'cpu-quota',
  'cpu-rt-period',
  'cpu-rt-runtime',
  'cpu-shares',
  'cpus',
  'cpuset-cpus',
  'cpuset-mems',
  'device',
  'device-cgroup-rule',
  'device-read-bps',
  'device-read-iops',
  'device-write-bps',
  'device-write-iops',
  'dns',
  'dns-opt',
  'dns-option',
  'dns-search',
  'domainname',
  'entrypoint',
  'env',
  'env-file',
  'expose',
  'gpus',
  'group-add',
  'health-cmd',
  'health-interval',
  'health-retries',
  'health-start-interval',
  'health-start-period',
  'health-timeout',
  'hostname',
  'io-maxbandwidth',
  'io-maxiops',
  'ip',
  'ip6',
  'ipc',
  'isolation',
  'kernel-memory',
  'label',
  'label-file',
  'link',
  'link-local-ip',
  'log-driver',
  'log-opt',
  'mac-address',
  'memory',
  'memory-reservation',
  'memory-swap',
  'memory-swappiness',
  'mount',
  'name',
  'net',
  'net-alias',
  'network',
  'network-alias',
  'oom-score-adj',
  'pid',
  'pids-limit',
  'platform',
  'publish',
  'pull',
  'restart',
  'runtime',
  'security-opt',
  'shm-size',
  'stop-signal',
  'stop-timeout',
  'storage-opt',
  'sysctl',
  'tmpfs',
  'ulimit',
  'user',
  'userns',
  'uts',
  'volume',
  'volume-driver',
  'volumes-from',
  'workdir',
]);
/** Long options that take no value (`--privileged`, `--privileged=false`). */
const FLAG = new Set([
  'disable-content-trust',
  'help',
  'init',
  'interactive',
  'no-healthcheck',
  'oom-kill-disable',
  'privileged',
  'publish-all',
  'quiet',
  'read-only',
  'rm',
  'tty',
  'use-api-socket',
]);
/** One-letter forms. */
const SHORT: Readonly<Record<string, string>> = {
  a: 'attach',
  c: 'cpu-shares',
  e: 'env',
  h: 'hostname',
  i: 'interactive',
  l: 'label',
  m: 'memory',
  p: 'publish',
  P: 'publish-all',
  q: 'quiet',
  t: 'tty',
  u: 'user',
  v: 'volume',
  w: 'workdir',
};
/** Options that lay files over the container's or replace what it runs. */
const REPLACES: Readonly<Record<string, string>> = {
  'env-file': 'sets variables from a file the workflow does not show',
  entrypoint: 'replaces what the container runs',
  volume: 'lays other files over the ones the gate runs',
  mount: 'lays other files over the ones the gate runs',
  tmpfs: 'lays other files over the ones the gate runs',
  'volumes-from': 'lays other files over the ones the gate runs',
  // Docker runs a health check however the entrypoint is set, from start-up: the workflow's command
  // inside the container that runs the gate, with the gate's files mounted under `/__w` (session 11).
  'health-cmd': "runs the workflow's command inside the container, beside the gate",
};
/**
 * Options through which a container reaches the runner's host: its files (where the gate was
 * downloaded, `_work/_actions`, and the docker socket), devices, processes or privileges. A service
 * runs its own image before the first step, so with one of these it can rewrite the gate (session 11).
 */
const HOST: Readonly<Record<string, string>> = {
  volume: "mounts files of the runner's host",
  mount: "mounts files of the runner's host",
  'volumes-from': 'mounts the volumes of another container',
  'env-file': "reads a file of the runner's host",
  privileged: "has every privilege over the runner's host",
  'cap-add': 'adds kernel privileges',
  'security-opt': 'changes the confinement',
  device: "reaches a device of the runner's host",
  'device-cgroup-rule': "reaches devices of the runner's host",
  pid: "shares the processes of the runner's host",
  ipc: "shares the memory of the runner's host",
  userns: "shares the users of the runner's host",
  cgroupns: "shares the control groups of the runner's host",
};

export interface OptionsReading {
  /** Variable names set with `-e`/`--env` (as written, for the caller to hold like `env:` keys). */
  readonly env: readonly string[];
  /** Why the options can change what the gate runs or reads beyond `env` (empty when none). */
  readonly hazards: readonly string[];
  /**
   * Why a container with these options (a service) can reach the runner's host, the gate's files
   * included, or could: what the reader is not certain of is here too (empty when none).
   */
  readonly host: readonly string[];
}

/** .NET's split of an arguments string (Process on Unix: ParseArgumentsIntoList); undefined when unsure. */
export function splitArguments(s: string): string[] | undefined {
  // Only space and tab separate; a newline or another control character would end up inside a word,
  // which no reader here can vouch for.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) return undefined;
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
    if (i >= s.length) break;
    let word = '';
    let quoted = false;
    while (i < s.length) {
      let slashes = 0;
      while (s[i] === '\\') {
        slashes++;
        i++;
      }
      if (slashes > 0) {
        if (s[i] !== '"') word += '\\'.repeat(slashes);
        else {
          word += '\\'.repeat(slashes >> 1);
          if (slashes % 2) {
            word += '"';
            i++;
          }
        }
        continue;
      }
      const c = s[i]!;
      if (c === '"') {
        if (quoted && s[i + 1] === '"') {
          word += '"';
          i++;
        } else quoted = !quoted;
        i++;
        continue;
      }
      if ((c === ' ' || c === '\t') && !quoted) break;
      word += c;
      i++;
    }
    // An unclosed quote runs to the end of the line: what was meant is not certain.
    if (quoted) return undefined;
    out.push(word);
  }
  return out;
}

/** Reads a container's `options:` string as docker does; see the file comment. */
export function readContainerOptions(options: string): OptionsReading {
  const env: string[] = [];
  const hazards: string[] = [];
  const host: string[] = [];
  const unsure = (why: string) => {
    hazards.push(why);
    host.push(why);
  };
  if (options.includes('${{')) {
    unsure(`${options}: known only at run time`);
    return { env, hazards, host };
  }
  const words = splitArguments(options);
  if (!words) {
    unsure('cannot be split into words with certainty (an unclosed quote or a line break)');
    return { env, hazards, host };
  }
  const take = (name: string, value: string | undefined, shown: string) => {
    if (HOST[name]) host.push(`${shown} ${HOST[name]}`);
    if (value === undefined) unsure(`${shown} without a value`);
    else if (name === 'env') {
      const n = value.split('=')[0]!;
      if (n.trim() === '') hazards.push(`${shown} ${value}: no variable name`);
      else env.push(n);
    } else if (REPLACES[name]) hazards.push(`${shown} ${REPLACES[name]}`);
  };
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!;
    if (w === '--' || !w.startsWith('-') || w === '-') {
      // Docker stops reading options at the first other word: it is the image, and the runner's
      // image and arguments become the command.
      hazards.push(`'${w}' is read as the image (or the command): it replaces what the container runs`);
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (FLAG.has(name)) {
        // `--privileged=false` is what docker does without it.
        if (HOST[name] && !/^=(?:false|0|f|F|FALSE|False)$/.test(eq < 0 ? '' : w.slice(eq)))
          host.push(`--${name} ${HOST[name]}`);
        continue;
      }
      if (!VALUE.has(name)) {
        unsure(`'--${name}' is not an option this reader knows`);
        continue;
      }
      take(name, eq < 0 ? words[++k] : w.slice(eq + 1), `--${name}`);
      continue;
    }
    // `-it`, `-eNAME=V`, `-e=NAME=V`, `-ie NAME=V`: as pflag reads a group of one-letter options.
    for (let j = 1; j < w.length; j++) {
      const name = SHORT[w[j]!];
      if (!name) {
        unsure(`'-${w[j]}' (in '${w}') is not an option this reader knows`);
        break;
      }
      const rest = w.slice(j + 1);
      if (FLAG.has(name)) {
        if (rest.startsWith('=')) break; // `-i=true`: the rest is its value
        continue;
      }
      take(name, rest === '' ? words[++k] : rest.startsWith('=') ? rest.slice(1) : rest, `-${w[j]}`);
      break;
    }
  }
  return { env, hazards, host };
}
