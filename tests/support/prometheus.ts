/** The Prometheus text exposition format, parsed strictly, for tests that scrape a broker's /metrics. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Every sample line must parse and every family must be typed, or this throws. */
export function parsePrometheus(text: string): Sample[] {
  const typed = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const t = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (t) {
      typed.add(t[1]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    // Values as Go's ParseFloat reads them (Prometheus' parser): NaN and Inf in any case (prom-client
    // writes `Nan` for an event-loop lag not measured yet).
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|(?:nan|[+-]inf))$/i.exec(line);
    if (!m) throw new Error(`not exposition format: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!;
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    if (!typed.has(m[1]!) && !typed.has(family)) throw new Error(`sample without # TYPE: ${m[1]}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

/** The sum of every sample of `name` whose labels include `labels`. */
export const metricValue = (s: Sample[], name: string, labels: Record<string, string> = {}) =>
  s
    .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
    .reduce((a, x) => a + x.value, 0);

/** Whether a sample of `name` is exposed at all (a gauge at 0 still is). */
export const hasMetric = (s: Sample[], name: string) => s.some((x) => x.name === name);

/**
 * A scrape as words, for looking for a short id (a run id) in it: the HELP and TYPE lines and every
 * sample's name and labels, without the sample values (bytes, seconds and counts may hold any digits:
 * a CI run failed when a GC duration's held the run id 7201), and with each label value listed in
 * `opaque` written as `…` (an issuer URL's port is random: 37201 holds 7201). Only exact label values
 * are left out, so an id put into any label, or beside an opaque value, is still seen.
 */
export function scrapeWithoutValues(text: string, opaque: readonly string[] = []): string {
  const lines = text.split('\n').filter((l) => l.startsWith('# '));
  for (const s of parsePrometheus(text)) {
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${opaque.includes(v) ? '…' : v}"`);
    lines.push(`${s.name}{${labels.join(',')}}`);
  }
  return lines.join('\n');
}
