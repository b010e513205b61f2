/**
 * Session 38: `writeJson` writes `JSON.stringify(value, null, 2)` as UTF-8 pieces without the string.
 * Held byte for byte against `JSON.stringify` for any JSON value and for what JSON leaves out or
 * replaces (undefined, functions, symbols, NaN, -0, holes), and across piece boundaries: a
 * string longer than a piece, and characters of one to four UTF-8 bytes falling at every offset of
 * a boundary (a piece cut inside a character would decode as U+FFFD).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PIECE_BYTES, writeJson } from '../../shared/render/json-bytes.js';

function viaPieces(value: unknown): { text: string; pieces: Buffer[] } {
  const pieces: Buffer[] = [];
  writeJson(value, (p) => pieces.push(p));
  return { text: Buffer.concat(pieces).toString('utf8'), pieces };
}
const expected = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

describe('writeJson', () => {
  it('is JSON.stringify(value, null, 2) for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(viaPieces(v).text).toBe(expected(v));
      }),
      { numRuns: 300 },
    );
  });

  it('is JSON.stringify for strings of any code units (lone surrogates, controls, quotes)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary' })),
        fc.array(fc.string({ unit: 'grapheme' })),
        (a, b) => {
          const v = { a, b, [a.join('')]: b.join('') };
          expect(viaPieces(v).text).toBe(expected(v));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('leaves out and replaces what JSON.stringify does', () => {
    const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const v = {
      u: undefined,
      f: () => 1,
      s: Symbol('x'),
      n: NaN,
      i: -Infinity,
      z: -0,
      big: 1e21,
      small: 5e-7,
      list: [undefined, () => 1, Symbol('y'), NaN],
      sparse,
      empty: { a: undefined },
      nested: [[], {}, [[]], [{}]],
      2: 'numeric key first',
      '': 'empty key',
    };
    expect(viaPieces(v).text).toBe(expected(v));
    expect(() => viaPieces({ b: 1n })).toThrow(TypeError);
  });

  it('cuts pieces only between characters, a string longer than a piece included', () => {
    const chars = ['a', 'é', '€', '😀', '"', '\u0001', '\ud800'];
    for (const c of chars)
      for (let pad = 0; pad < 8; pad++) {
        const v = ['x'.repeat(PIECE_BYTES - 20 - pad), c.repeat(40), c.repeat(PIECE_BYTES)];
        const { text, pieces } = viaPieces(v);
        expect(text).toBe(expected(v));
        expect(pieces.map((p) => p.toString('utf8')).join('')).toBe(text);
      }
  });
});
