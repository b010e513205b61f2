/**
 * The fast reader judges a key's or a plain scalar's first character by table (session 29, w-cspeed2:
 * `INDICATOR` and `MAY_RESOLVE` in shared/yaml/fast.ts, which replaced functions of 19 and 11
 * comparisons, each a builtin call under `--no-opt`). What this must not change: a scalar starting
 * with an indicator is given back to the reference (js-yaml refuses most), and every spelling of the
 * core schema's null, booleans and numbers resolves as the reference resolves it, as a value and as a
 * key. Every printable ASCII character is tried in each place.
 */
import { describe, it } from '@jest/globals';
import { sameAsReferenceIfTaken, takenAsReference } from '../support/fast-reader.js';

const PRINTABLE = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));

/** Plain scalars the core schema resolves to null, a boolean or a number. */
const RESOLVING = [
  '~',
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  '0',
  '7',
  '-1',
  '+2',
  '.5',
  '1.5e3',
  '-.inf',
  '+.Inf',
  '.nan',
  '0x1F',
  '0o17',
];

describe("the fast reader and a scalar's first character", () => {
  it('reads each first character of a key, a value and an item as the reference does, or gives it back', () => {
    for (const c of PRINTABLE) {
      sameAsReferenceIfTaken(`${c}x: 1\n`);
      sameAsReferenceIfTaken(`a: ${c}x y\n`);
      sameAsReferenceIfTaken(`a: ${c}\nb: 1\n`);
      sameAsReferenceIfTaken(`- ${c}x\n- y\n`);
      sameAsReferenceIfTaken(`a: [${c}x, y]\n`);
    }
  });

  it('resolves every spelling of null, a boolean and a number as the reference does', () => {
    for (const s of RESOLVING) {
      takenAsReference(`a: ${s}\n`);
      takenAsReference(`- ${s}\n`);
      // A key starting with `-` and no space after it is given back (`-1:`, `-.inf:`).
      if (s.startsWith('-')) sameAsReferenceIfTaken(`${s}: 1\nb: 2\n`);
      else takenAsReference(`${s}: 1\nb: 2\n`);
    }
  });
});
