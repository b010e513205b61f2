/**
 * duplicateMember (shared/oidc/json-members.ts) skips strings with indexOf since session 30, and with
 * the parsed object's key count it only counts the top-level members. A body or token with a name
 * given twice must still be found, with the same name, and one without must never be: the session-29
 * scan (a character at a time, a set of names) is kept here as the reference. Random seeds.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { duplicateMember } from '../../shared/oidc/json-members.js';

/** Session 29's duplicateMember, unchanged. */
function reference(text: string): string | undefined {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 92) {
          escaped = true;
          j += 2;
        } else if (d === 34 || Number.isNaN(d)) break;
        else j++;
      }
      if (depth === 1 && expectKey) {
        const name = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        if (seen.has(name)) return name;
        seen.add(name);
        expectKey = false;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
      if (depth === 1) expectKey = c === 123;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 44 && depth === 1) expectKey = true;
  }
  return undefined;
}

/** Member names as written in the text: escapes, quotes and backslashes in names, `__proto__`. */
const name = fc.constantFrom(
  'a',
  'b',
  'job',
  '\\u006aob',
  'j\\u006fb',
  '__proto__',
  '\\"q',
  'x\\\\',
  'x\\\\\\"',
  '\\\\',
  ':',
  ',{',
  'é',
  '\\u00e9',
  '',
);
const ws = fc.constantFrom('', ' ', '\n', '\t ');
/** Values as text: any JSON value, and nested objects and arrays that repeat names themselves. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"a":1,"a":2}',
    '["a","a",{"job":1,"job":2}]',
    '"\\\\"',
    '"\\"}"',
    '"a\\\\\\"b"',
    '{}',
    '[]',
  ),
);
const member = fc
  .tuple(ws, name, ws, ws, value, ws)
  .map(([w1, n, w2, w3, v, w4]) => `${w1}"${n}"${w2}:${w3}${v}${w4}`);
const objectText = fc
  .tuple(ws, fc.array(member, { maxLength: 8 }))
  .map(([w, ms]) => `${w}{${ms.join(',')}}${w}`);

describe('duplicateMember', () => {
  it('names the same member as the session-29 scan, with and without the key count', () => {
    fc.assert(
      fc.property(objectText, (text) => {
        const parsed = JSON.parse(text) as object;
        const expected = reference(text);
        expect(duplicateMember(text)).toBe(expected);
        expect(duplicateMember(text, Object.keys(parsed).length)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds a name given twice however it is written, given the parsed key count', () => {
    const cases: [string, string | undefined][] = [
      ['{"a":1,"b":2}', undefined],
      ['{"a":1,"a":2}', 'a'],
      ['{"job":"x","\\u006aob":"y"}', 'job'],
      ['{"__proto__":1,"__proto__":2}', '__proto__'],
      ['{"a":"\\"a\\":","b":1}', undefined],
      ['{"a":"x\\\\","a":1}', 'a'],
      ['{"a\\\\":"\\"","a\\\\":1}', 'a\\'],
      ['{"a":{"x":1,"x":2},"b":["a","a"]}', undefined],
      [' { "s" : [ 1 , { "s" : 2 } ] , "s" : 3 } ', 's'],
    ];
    for (const [text, twice] of cases) {
      expect(duplicateMember(text, Object.keys(JSON.parse(text) as object).length)).toBe(twice);
      expect(duplicateMember(text)).toBe(twice);
    }
  });
});
