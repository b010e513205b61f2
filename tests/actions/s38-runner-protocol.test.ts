/**
 * Session 38 (w-cstart): the actions speak to the runner through shared/actions/runner.ts instead of
 * `@actions/core` (whose import compiled undici on every required check). Each function writes the
 * same bytes to the same place as the toolkit's, on hostile values (line breaks, `%`, `:`, `,`,
 * `::` inside messages and properties, empty and falsy properties, delimiter look-alikes), and refuses
 * what the toolkit refuses with its words. The toolkit stays a dev dependency for exactly this test.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as runner from '../../shared/actions/runner.js';

const core = await import('@actions/core');

/** What `fn` writes to stdout, and the exit code it sets. */
function captured(fn: () => void): { out: string; exitCode: typeof process.exitCode } {
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  const exitBefore = process.exitCode;
  process.exitCode = undefined;
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  let exitCode: typeof process.exitCode;
  try {
    fn();
  } finally {
    process.stdout.write = original;
    exitCode = process.exitCode;
    process.exitCode = exitBefore;
  }
  return { out: written.join(''), exitCode };
}

// Strings that try to end a command, a property or an output entry early.
const hostile = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom('%', ':', ',', '\r', '\n', '::', 'a', ' ', '=', '<<', 'ghadelimiter_', '\u202e'),
  }),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const properties = fc.record(
  {
    title: maybe(hostile),
    file: maybe(hostile),
    startLine: maybe(fc.integer({ min: 0, max: 1e6 })),
    endLine: maybe(fc.integer({ min: 0, max: 1e6 })),
    startColumn: maybe(fc.integer({ min: 0, max: 200 })),
    endColumn: maybe(fc.integer({ min: 0, max: 200 })),
  },
  { requiredKeys: [] },
);

let dir: string;
const saved = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sw-s38-runner-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  process.env = { ...saved };
});

describe('runner.ts writes what @actions/core writes', () => {
  it('annotations, with or without properties, and the step failure (exit code 1)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('error', 'warning', 'notice') as fc.Arbitrary<'error' | 'warning' | 'notice'>,
        hostile,
        fc.option(properties, { nil: undefined }),
        (level, message, p) => {
          expect(captured(() => runner.annotate(level, message, p))).toEqual(
            captured(() => core[level](message, p)),
          );
          expect(captured(() => runner.setFailed(message))).toEqual(captured(() => core.setFailed(message)));
        },
      ),
    );
    // Properties given but every value empty: the toolkit still writes the space.
    expect(captured(() => runner.annotate('error', 'm', { title: '', startLine: 0 })).out).toBe(
      '::error ::m\n',
    );
    expect(captured(() => core.error('m', { title: '', startLine: 0 })).out).toBe('::error ::m\n');
    expect(captured(() => runner.setFailed('x')).exitCode).toBe(1);
  });

  it('masks and log lines', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(captured(() => runner.setSecret(s))).toEqual(captured(() => core.setSecret(s)));
        expect(captured(() => runner.info(s))).toEqual(captured(() => core.info(s)));
      }),
    );
  });

  it('inputs: the variable name, trimming, and a required input refused in the same words', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'B', ' ', '-', '_', '1') }),
        fc.string({ unit: fc.constantFrom(' ', '\t', '\n', 'x', '\u00a0') }),
        (name, value) => {
          process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
          expect(runner.getInput(name)).toBe(core.getInput(name));
          const mine = (() => {
            try {
              return runner.getInput(name, { required: true });
            } catch (err) {
              return (err as Error).message;
            }
          })();
          const theirs = (() => {
            try {
              return core.getInput(name, { required: true });
            } catch (err) {
              return (err as Error).message;
            }
          })();
          expect(mine).toBe(theirs);
        },
      ),
    );
    delete process.env.INPUT_NOPE;
    expect(() => runner.getInput('nope', { required: true })).toThrow(
      'Input required and not supplied: nope',
    );
  });

  it('outputs in GITHUB_OUTPUT: the same entry but for its random delimiter, read back as the value', () => {
    const file = join(dir, 'output');
    process.env.GITHUB_OUTPUT = file;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '-', '_', '=', '<') }), hostile, (name, value) => {
        writeFileSync(file, '');
        runner.setOutput(name, value);
        const mine = readFileSync(file, 'utf8');
        writeFileSync(file, '');
        core.setOutput(name, value);
        const theirs = readFileSync(file, 'utf8');
        const normal = (s: string) => s.replace(/ghadelimiter_[0-9a-f-]{36}/g, 'DELIMITER');
        expect(normal(mine)).toBe(normal(theirs));
        // Exactly one entry: the value cannot close it early.
        const delimiter = /<<(ghadelimiter_[0-9a-f-]{36})\n/.exec(mine)![1]!;
        expect(mine).toBe(`${name}<<${delimiter}\n${value}\n${delimiter}\n`);
      }),
    );
  });

  it('outputs: non-string values, no GITHUB_OUTPUT (stdout), and a missing file refused alike', () => {
    const file = join(dir, 'output');
    process.env.GITHUB_OUTPUT = file;
    writeFileSync(file, '');
    runner.setOutput('n', 3);
    runner.setOutput('u', undefined);
    expect(readFileSync(file, 'utf8').replace(/ghadelimiter_[0-9a-f-]{36}/g, 'D')).toBe(
      'n<<D\n3\nD\nu<<D\n\nD\n',
    );
    process.env.GITHUB_OUTPUT = join(dir, 'absent');
    expect(() => runner.setOutput('a', 'b')).toThrow(`Missing file at path: ${join(dir, 'absent')}`);
    expect(() => core.setOutput('a', 'b')).toThrow(`Missing file at path: ${join(dir, 'absent')}`);
    delete process.env.GITHUB_OUTPUT;
    fc.assert(
      fc.property(hostile, hostile, (name, value) => {
        expect(captured(() => runner.setOutput(name, value))).toEqual(
          captured(() => core.setOutput(name, value)),
        );
      }),
    );
  });
});
