/**
 * `JSON.stringify(value, null, 2)` written as UTF-8 bytes into buffers of PIECE_BYTES, each handed to
 * `emit` when full: no string of the document, no piece of it, no intermediate object.
 *
 * Why (session 38): the corpus check's JSON report allocated 20 MB of the 123 MB the whole check
 * allocates (docs/performance.md): each 64-element piece was stringified (V8 builds it as a rope of
 * parts, two bytes a character as soon as one of its strings is held two bytes a character, which is
 * every string read from a file with one character above U+00FF), flattened by a `slice`, then
 * encoded again by the write. Here the values' own strings are encoded straight into the buffer.
 *
 * Plain data only, as the reports are: strings, numbers, booleans, null, arrays and objects (own
 * enumerable string keys, in `Object.keys` order, which is `JSON.stringify`'s). `undefined`, functions
 * and symbols are left out of objects and written `null` in arrays, a number that is not finite is
 * `null`, and a BigInt throws, as there. `toJSON` is not called (no report value has one): looking it
 * up on every object and list of the corpus's report cost 180 M instructions (a megamorphic miss each).
 */

/**
 * A piece's size. The buffers are outside V8's heap (an ArrayBuffer's memory), so the size is not held
 * below the large-object size as string pieces had to be (session 23); 64 KiB keeps the writes few
 * (88 for the corpus's 5.7 MB) and the memory small.
 */
export const PIECE_BYTES = 64 * 1024;

/** Takes a piece; `true` says its memory may be written over (nothing holds it any longer). */
export type Emit = (piece: Buffer) => unknown;

/** Node's own encoder behind `Buffer.write`, without its argument parsing (one call per value). */
interface NodeBuffer {
  utf8Write(s: string, offset: number): number;
}

export class JsonBytes {
  private buf = Buffer.allocUnsafe(PIECE_BYTES);
  private pos = 0;

  /** `emit` answers `true` when it is done with the piece's memory (the piece went out at once). */
  constructor(private readonly emit: Emit) {}

  /**
   * Room for `bytes` more: the full buffer is handed out first, and a value larger than a piece gets
   * a buffer of its own size. A piece so ends between two writes, never inside a character's bytes.
   */
  private room(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    this.flush();
    if (bytes > this.buf.length) this.buf = Buffer.allocUnsafe(bytes);
  }

  /**
   * Hands out what is written. The buffer is written over next only when `emit` says it is done with
   * it (a write that went out at once); otherwise a new one follows, since the reader keeps what it
   * got. Reused, the corpus report's 88 pieces touch 64 KiB of memory, not 5.7 MB of fresh pages.
   */
  flush(): void {
    if (this.pos === 0) return;
    const piece = this.buf.subarray(0, this.pos);
    this.pos = 0;
    if (this.emit(piece) !== true || this.buf.length !== PIECE_BYTES)
      this.buf = Buffer.allocUnsafe(PIECE_BYTES);
  }

  /**
   * Text that is JSON already (punctuation, a number's digits): ASCII, one byte each. Here and below
   * the bytes are stored one by one from JavaScript: a call into Node's `Buffer.write` costs more
   * than a short string's loop (a first version wrote each value with it: +1,100 M instructions on
   * the corpus check's main thread, against the 250 M `JSON.stringify` had cost).
   */
  raw(text: string): void {
    this.room(text.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < text.length; i++) buf[p++] = text.charCodeAt(i);
    this.pos = p;
  }

  /** `open` (a bracket or a comma), then a line break and the indentation of `depth`. */
  private line(open: number, depth: number): void {
    this.room(2 + 2 * depth);
    const buf = this.buf;
    let p = this.pos;
    if (open !== 0) buf[p++] = open;
    buf[p++] = 0x0a;
    for (let i = 2 * depth; i > 0; i--) buf[p++] = 0x20;
    this.pos = p;
  }

  /**
   * A value's string: encoded by Node (one call), then its bytes looked over for what JSON escapes or
   * what is not ASCII, which goes to `encoded`. Not a `charCodeAt` loop as for keys: the values' strings
   * have many representations (one or two bytes a character, slices, copies), which makes each
   * `charCodeAt` and `length` of such a loop a megamorphic look-up (+450 M instructions on the corpus).
   */
  string(s: string): void {
    const n = s.length;
    this.room(3 * n + 2);
    const buf = this.buf;
    const start = this.pos + 1;
    const end = start + (buf as unknown as NodeBuffer).utf8Write(s, start);
    if (end - start !== n) return this.encoded(s);
    for (let p = start; p < end; p++) {
      const c = buf[p]!;
      if (c < 0x20 || c === 0x22 || c === 0x5c) return this.encoded(s);
    }
    buf[start - 1] = 0x22;
    buf[end] = 0x22;
    this.pos = end + 1;
  }

  /** A key: few and short, and held as the engine's own strings, so a loop over it stays cheap. */
  private key(s: string): void {
    const n = s.length;
    this.room(n + 4);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c === 0x22 || c === 0x5c || c > 0x7e) {
        this.encoded(s);
        return this.raw(': ');
      }
      buf[p++] = c;
    }
    buf[p++] = 0x22;
    buf[p++] = 0x3a;
    buf[p++] = 0x20;
    this.pos = p;
  }

  /** `s` quoted and escaped by `JSON.stringify` (lone surrogates as `\udXXX`), written as UTF-8. */
  private encoded(s: string): void {
    const quoted = JSON.stringify(s);
    // Every unit of `quoted` is ASCII, or up to 3 bytes in UTF-8 (a surrogate pair is 4 for 2 units).
    this.room(quoted.length * 3);
    this.pos += this.buf.write(quoted, this.pos, 'utf8');
  }

  /** Any value at `depth` (its first line written where the writer stands). */
  value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.raw(Number.isFinite(v) ? String(v) : 'null');
      case 'boolean':
        return this.raw(v ? 'true' : 'false');
      case 'bigint':
        throw new TypeError('Do not know how to serialize a BigInt');
      case 'object':
        if (v === null) return this.raw('null');
        if (Array.isArray(v)) return this.array(v, depth);
        return this.object(v as Record<string, unknown>, Object.keys(v), depth);
      default:
        return this.raw('null');
    }
  }

  /** A list; with `keys`, a list of objects each written with those keys in that order. */
  array(xs: readonly unknown[], depth: number, keys?: readonly string[]): void {
    if (xs.length === 0) return this.raw('[]');
    for (let i = 0; i < xs.length; i++) {
      this.line(i === 0 ? 0x5b : 0x2c, depth + 1);
      if (keys) this.object(xs[i] as Readonly<Record<string, unknown>>, keys, depth + 1);
      else this.value(xs[i], depth + 1);
    }
    this.line(0, depth);
    this.raw(']');
  }

  /** The object's `keys`, in that order; a key whose value JSON has no form for is left out. */
  object(o: Readonly<Record<string, unknown>>, keys: readonly string[], depth: number): void {
    let first = true;
    for (const k of keys) {
      const v = o[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      this.line(first ? 0x7b : 0x2c, depth + 1);
      first = false;
      this.key(k);
      this.value(v, depth + 1);
    }
    if (first) return this.raw('{}');
    this.line(0, depth);
    this.raw('}');
  }
}

/** `JSON.stringify(value, null, 2)` and a line break, as UTF-8 pieces. */
export function writeJson(value: unknown, emit: Emit): void {
  const w = new JsonBytes(emit);
  w.value(value, 0);
  w.raw('\n');
  w.flush();
}

/** The pieces `write` emits, as one string (for `--output` and callers that want text). */
export function jsonText(write: (emit: Emit) => void): string {
  const pieces: Buffer[] = [];
  write((p) => pieces.push(p));
  return Buffer.concat(pieces).toString('utf8');
}
