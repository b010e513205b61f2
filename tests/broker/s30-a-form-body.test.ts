/**
 * The broker's form reader (shared/broker/form-body.ts, session 30) gives the pairs Node's
 * URLSearchParams gives for every body: the same names and values in the same order, whatever the
 * body holds (`+`, percent escapes valid or not, bytes that are not UTF-8, empty pieces, `=` in a
 * value, non-ASCII text and lone surrogates). What the exchange reads (a parameter given twice, the
 * token) must not depend on which reader ran. Random seeds (fast-check's default): run it often.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formParams } from '../../shared/broker/form-body.js';

const pairs = (p: URLSearchParams) => [...p];

/** Bodies built from the characters the parser treats specially, hex digits and a few others. */
const piece = fc.constantFrom(
  '&',
  '=',
  '+',
  '%',
  '%2',
  '%20',
  '%2B',
  '%3D',
  '%26',
  '%25',
  '%C3%A9',
  '%E2%82%AC',
  '%C3',
  '%FF',
  '%ED%A0%80',
  '%EF%BB%BF',
  '%zz',
  'a',
  'B',
  '0',
  'f',
  'F',
  '.',
  '-',
  '_',
  '~',
  ':',
  '/',
  ' ',
  'é',
  '\u{1F600}',
  '\uD800',
  '\uDC00',
  '\u0000',
  'grant_type',
  'subject_token',
);
const body = fc.array(piece, { maxLength: 40 }).map((a) => a.join(''));

describe('formParams', () => {
  it('gives the pairs URLSearchParams gives, for bodies of the characters that matter', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect(pairs(formParams(b))).toEqual(pairs(new URLSearchParams(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('and for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (b) => {
        expect(pairs(formParams(b))).toEqual(pairs(new URLSearchParams(b)));
      }),
      { numRuns: 1000 },
    );
  });

  it('reads an exchange body as the client wrote it', () => {
    const sent = {
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: 'eyJhbGciOiJSUzI1NiJ9.eyJqdGkiOiJ4In0.c2lnbmF0dXJl',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      audience: 'https://hooks.example.internal/a b+c',
      job: 'publish',
      step: 'notify é',
    };
    const b = new URLSearchParams(sent).toString();
    expect(Object.fromEntries(formParams(b))).toEqual(sent);
    // A name given twice stays twice (the server refuses it as ERR_PARAM_DUPLICATE).
    expect(pairs(formParams(`${b}&job=other`)).filter(([k]) => k === 'job')).toEqual([
      ['job', 'publish'],
      ['job', 'other'],
    ]);
  });

  it('keeps what the WHATWG parser keeps where decodeURIComponent would throw', () => {
    for (const b of ['a=%', 'a=%zz&b=1', 'a=%FF', 'a=%C3', 'a=%ED%A0%80', 'x=1&&&y==2&', '%=%'])
      expect(pairs(formParams(b))).toEqual(pairs(new URLSearchParams(b)));
    expect(pairs(formParams('a=%zz&b=%2B+'))).toEqual([
      ['a', '%zz'],
      ['b', '+ '],
    ]);
  });
});
