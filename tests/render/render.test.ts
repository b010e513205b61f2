import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { CheckResult } from '../../shared/check/run.js';
import type { Finding } from '../../shared/check/finding.js';
import { RULES } from '../../shared/check/registry.js';
import { ANNOTATION_CAP, annotationsOf, renderGithub } from '../../shared/render/github.js';
import { renderJson } from '../../shared/render/json.js';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { renderMarkdown } from '../../shared/render/markdown.js';
import { renderSarif } from '../../shared/render/sarif.js';
import { renderText } from '../../shared/render/text.js';
import { code, escapeMarkdown } from '../../shared/render/escape.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

const f = (over: Partial<Finding> = {}): Finding => ({
  rule: 'excess-permission',
  severity: 'error',
  workflow: 'ci.yml',
  job: 'build',
  subject: 'contents',
  message: 'job holds contents: write',
  file: '.github/workflows/ci.yml',
  line: 7,
  ...over,
});
const result = (findings: Finding[]): CheckResult => ({ jobs: [], findings });

describe('sarif', () => {
  const sarif = JSON.parse(
    renderSarif(
      result([
        f(),
        f({ rule: 'unused-grant', severity: 'warning', file: '.github/access-manifest.yml', line: 3 }),
      ]),
      '1.2.3',
    ),
  );
  it('is SARIF 2.1.0 with every rule described', () => {
    expect(sarif.version).toBe('2.1.0');
    const driver = sarif.runs[0].tool.driver;
    expect(driver.name).toBe('stepwarden');
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(RULES.map((r) => r.meta.id));
    for (const r of driver.rules) {
      expect(r.shortDescription.text).toBeTruthy();
      expect(r.help.markdown).toBeTruthy();
      expect(['error', 'warning']).toContain(r.defaultConfiguration.level);
      expect(r.helpUri).toMatch(new RegExp(`docs/rules/${r.id}\\.md$`));
    }
  });
  it('places results on repository-relative files and lines with stable fingerprints', () => {
    const [a, b] = sarif.runs[0].results;
    expect(a.locations[0].physicalLocation.artifactLocation.uri).toBe('.github/workflows/ci.yml');
    expect(a.locations[0].physicalLocation.region.startLine).toBe(7);
    expect(sarif.runs[0].tool.driver.rules[a.ruleIndex].id).toBe(a.ruleId);
    expect(b.level).toBe('warning');
    const moved = JSON.parse(renderSarif(result([f({ line: 99 })]), '1'));
    expect(moved.runs[0].results[0].partialFingerprints).toEqual(a.partialFingerprints);
  });
});

describe('github annotations', () => {
  it('emits at most 10 errors and 10 warnings, then says how many more and where', () => {
    const many = [
      ...Array.from({ length: 13 }, (_, i) => f({ line: i + 1 })),
      ...Array.from({ length: 11 }, (_, i) => f({ severity: 'warning', line: i + 1 })),
    ];
    const out = renderGithub(result(many)).trim().split('\n');
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(ANNOTATION_CAP);
    expect(out.filter((l) => l.startsWith('::warning'))).toHaveLength(ANNOTATION_CAP);
    expect(out.filter((l) => l.startsWith('::notice'))).toEqual([
      expect.stringMatching(/3 more errors are not annotated .* job summary/),
      expect.stringMatching(/1 more warning is not annotated/),
    ]);
  });
  it('escapes the workflow-command protocol so a message cannot inject a command', () => {
    const out = renderGithub(result([f({ message: 'a\n::error::owned 100%', file: 'a,b:c.yml' })]));
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out).toContain('file=a%2Cb%3Ac.yml');
    expect(out).toContain('a%0A::error::owned 100%25');
  });
});

describe('markdown summary', () => {
  it('groups by rule and escapes user-controlled text', () => {
    const md = renderMarkdown(
      result([
        f({ job: '<img src=x onerror=alert(1)>', subject: '`x` | @octocat', message: 'see @admin <b>' }),
      ]),
    );
    expect(md).toContain('### ❌ excess-permission (1)');
    expect(md).not.toMatch(/<img|<b>|@octocat|@admin/);
    expect(md).not.toMatch(/[^\\]\|\s*@/);
  });
  it('folds long tails and stays under the size limit with a note', () => {
    const many = Array.from({ length: 5000 }, (_, i) => f({ line: i + 1, message: 'x'.repeat(300) }));
    const md = renderMarkdown(result(many), 100_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(100_000);
    expect(md).toMatch(/<details><summary>4980 more<\/summary>/);
    expect(md).toMatch(/Cut to stay under GitHub's job summary size limit: \d+ more lines/);
    // The cut falls inside the folded list, so the note closes it and stays visible.
    expect((md.match(/<details>/g) ?? []).length).toBe((md.match(/<\/details>/g) ?? []).length);
    expect(md.indexOf('</details>')).toBeLessThan(md.indexOf('_Cut to stay'));
  });
  it('keeps ordinary text readable', () => {
    expect(escapeMarkdown("job 'lint' holds pull-requests: write")).toBe(
      "job 'lint' holds pull-requests: write",
    );
    expect(escapeMarkdown('see #12 & <b>')).toBe('see \\#\u200d12 &amp; &lt;b&gt;');
  });
  it('escaped text never contains raw HTML or mentions (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const out of [escapeMarkdown(s), code(s)]) {
          expect(out.replace(/<\/?code>/g, '')).not.toMatch(/[<>]/);
          expect(out).not.toMatch(/@(?!\u200d)/);
          expect(out).not.toMatch(/[\r\n]/);
          // An entity is never broken by a backslash (it would show literally).
          expect(out).not.toMatch(/&\\#|&[a-z]*\\/);
          // Every `|` is escaped, so a value cannot add a table column.
          expect(out.replace(/\\\\/g, '')).not.toMatch(/(^|[^\\])\|/);
        }
      }),
    );
  });
});

describe('text', () => {
  it('prints file:line, severity, rule and a count', () => {
    const t = renderText(result([f(), f({ severity: 'warning', rule: 'unused-grant' })]));
    expect(t).toMatch(/^\.github\/workflows\/ci\.yml:7 +error +excess-permission +job holds/m);
    expect(t).toMatch(/1 error, 1 warning/);
  });
});

describe('github annotations match @actions/core byte for byte', () => {
  it('formatAnnotation encodes exactly as core.error / core.warning / core.notice write', async () => {
    const core = await import('@actions/core');
    const nasty = [
      f({ message: 'a\r\n::error::b 100% , : done', file: 'we,ird:name%.yml', line: 3 }),
      f({ severity: 'warning', rule: 'unused-grant', message: 'plain', line: 0 }),
    ];
    const many = Array.from({ length: 12 }, (_, i) => f({ line: i + 1 }));
    for (const findings of [nasty, many]) {
      const annotations = annotationsOf(result(findings));
      const written: string[] = [];
      const original = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      }) as typeof process.stdout.write;
      try {
        for (const a of annotations) core[a.level](a.message, a.properties);
      } finally {
        process.stdout.write = original;
      }
      expect(written.join('')).toBe(renderGithub(result(findings)));
    }
  });
  it('never lets a finding add a second command line (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (message, file) => {
        const out = renderGithub(result([f({ message, file })]));
        expect(out.split('\n').filter(Boolean)).toHaveLength(1);
        expect(out.startsWith('::error ')).toBe(true);
        const props = out.slice('::error '.length, out.indexOf('::', 2));
        expect(props.split(',').every((p) => /^(title|file|line)=[^:,\r\n]*$/.test(p))).toBe(true);
      }),
    );
  });
});

describe('SARIF structure (validated with ajv against the 2.1.0 properties code scanning requires)', () => {
  // The required parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json) that GitHub code scanning reads.
  const schema = {
    type: 'object',
    required: ['version', 'runs', '$schema'],
    properties: {
      version: { const: '2.1.0' },
      runs: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['tool', 'results'],
          properties: {
            tool: {
              type: 'object',
              required: ['driver'],
              properties: {
                driver: {
                  type: 'object',
                  required: ['name', 'rules'],
                  properties: {
                    name: { type: 'string', minLength: 1 },
                    version: { type: 'string' },
                    rules: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: [
                          'id',
                          'shortDescription',
                          'fullDescription',
                          'help',
                          'defaultConfiguration',
                        ],
                        properties: {
                          id: { type: 'string', pattern: '^[a-z-]+$' },
                          name: { type: 'string' },
                          shortDescription: { $ref: '#/$defs/message' },
                          fullDescription: { $ref: '#/$defs/message' },
                          help: { type: 'object', required: ['text', 'markdown'] },
                          helpUri: { type: 'string', format: 'uri' },
                          defaultConfiguration: {
                            type: 'object',
                            required: ['level'],
                            properties: { level: { enum: ['none', 'note', 'warning', 'error'] } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['ruleId', 'message', 'locations', 'level', 'partialFingerprints'],
                properties: {
                  ruleId: { type: 'string' },
                  ruleIndex: { type: 'integer', minimum: 0 },
                  level: { enum: ['none', 'note', 'warning', 'error'] },
                  message: { $ref: '#/$defs/message' },
                  partialFingerprints: { type: 'object', additionalProperties: { type: 'string' } },
                  locations: {
                    type: 'array',
                    minItems: 1,
                    items: {
                      type: 'object',
                      required: ['physicalLocation'],
                      properties: {
                        physicalLocation: {
                          type: 'object',
                          required: ['artifactLocation', 'region'],
                          properties: {
                            artifactLocation: {
                              type: 'object',
                              required: ['uri'],
                              properties: { uri: { type: 'string', pattern: '^[^/]' } },
                            },
                            region: {
                              type: 'object',
                              required: ['startLine'],
                              properties: { startLine: { type: 'integer', minimum: 1 } },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    $defs: { message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } } },
  };
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('accepts the rendered SARIF, with or without findings', () => {
    for (const fs of [[], [f(), f({ line: 0, severity: 'warning', rule: 'unused-grant' })]]) {
      const ok = validate(JSON.parse(renderSarif(result(fs), '0.1.0')));
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });
  it('rejects a result without a location (the schema is not vacuous)', () => {
    const sarif = JSON.parse(renderSarif(result([f()]), '0.1.0'));
    delete sarif.runs[0].results[0].locations;
    expect(validate(sarif)).toBe(false);
  });
  it('fingerprints differ per rule, file, workflow, job and subject', () => {
    const fp = (x: Finding) =>
      JSON.parse(renderSarif(result([x]), '1')).runs[0].results[0].partialFingerprints['stepwarden/v2'];
    const base = fp(f());
    for (const other of [
      f({ rule: 'unused-grant' }),
      f({ file: 'x.yml' }),
      f({ job: 'other' }),
      f({ subject: 'issues' }),
      f({ workflow: 'other.yml' }),
    ])
      expect(fp(other)).not.toBe(base);
  });
  it('same-named jobs of two workflows on one manifest line, and repeats of one key, get distinct fingerprints', () => {
    const m = { file: '.github/access-manifest.yml', rule: 'unused-grant', subject: 'NPM_TOKEN', line: 3 };
    const fps = JSON.parse(
      renderSarif(
        result([f({ ...m, workflow: 'a.yml' }), f({ ...m, workflow: 'b.yml' }), f(), f({ line: 9 })]),
        '1',
      ),
    ).runs[0].results.map(
      (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['stepwarden/v2'],
    );
    expect(new Set(fps).size).toBe(4);
    // Stable: the same findings give the same fingerprints.
    expect(
      JSON.parse(
        renderSarif(
          result([f({ ...m, workflow: 'a.yml' }), f({ ...m, workflow: 'b.yml' }), f(), f({ line: 9 })]),
          '1',
        ),
      ).runs[0].results.map(
        (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['stepwarden/v2'],
      ),
    ).toEqual(fps);
  });
});

describe('markdown size is counted in bytes', () => {
  it('cuts multi-byte text under the byte limit, on a line boundary', () => {
    const many = Array.from({ length: 400 }, (_, i) => f({ line: i + 1, message: '✓'.repeat(200) }));
    const md = renderMarkdown(result(many), 50_000);
    expect(md.length).toBeLessThan(50_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(50_000);
    expect(md).toMatch(/Cut to stay under/);
    expect(md).not.toContain('\uFFFD');
  });
  it('stays under 1 MiB at the default limit with far more findings than fit', () => {
    const many = Array.from({ length: 12_000 }, (_, i) =>
      f({
        line: i + 1,
        rule: i % 2 ? 'unused-grant' : 'excess-permission',
        message: `⚠️ ${'y'.repeat(120)}`,
      }),
    );
    const md = renderMarkdown(result(many));
    expect(Buffer.byteLength(md)).toBeGreaterThan(900_000);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    expect(md.trimEnd().endsWith('--format json`._')).toBe(true);
  });
  it('does not cut what fits', () => {
    const md = renderMarkdown(result([f()]));
    expect(md).not.toMatch(/Cut to stay/);
    expect(md).toContain('| where | job | subject | finding |');
  });
  it('says so when there is nothing to report', () => {
    expect(renderMarkdown(result([]))).toMatch(/No errors, 0 warnings/);
  });
  it('folds the effective access of every job, escaped', () => {
    const md = renderMarkdown({
      jobs: [
        {
          workflow: 'ci.yml',
          job: 'b|<x>@y',
          via: 'caller.yml/call',
          permissions: { contents: 'read', issues: 'write' },
          secrets: ['NPM_TOKEN'],
          environments: [],
          triggers: ['push'],
          actions: [],
        },
      ],
      findings: [],
    });
    expect(md).toContain('<details><summary>Effective access of 1 job</summary>');
    expect(md).toContain('<code>contents: read</code> <code>issues: write</code>');
    expect(md).toContain('via <code>caller.yml/call</code>');
    expect(md).toContain('b\\|&lt;x&gt;@\u200dy');
    expect(md).not.toMatch(/<x>|@y/);
  });
});

describe('json contract', () => {
  it('has jobs and findings with the documented keys in order', () => {
    const j = JSON.parse(
      renderJson({
        jobs: [
          {
            workflow: 'ci.yml',
            job: 'build',
            permissions: { contents: 'read' },
            secrets: [],
            environments: [],
            triggers: ['push'],
            actions: [],
          },
        ],
        findings: [f()],
      }),
    );
    expect(Object.keys(j)).toEqual(['jobs', 'findings']);
    expect(Object.keys(j.findings[0])).toEqual([
      'rule',
      'severity',
      'workflow',
      'job',
      'subject',
      'message',
      'file',
      'line',
    ]);
    expect(j.jobs[0].permissions).toEqual({ contents: 'read' });
  });
});
