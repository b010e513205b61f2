/**
 * A Redis command as RESP bytes, written once into one Buffer: the bytes ioredis's
 * `Command.toWritable` gives for string arguments (`*<n>\r\n`, then `$<UTF-8 length>\r\n<arg>\r\n` for
 * the name and each argument, the socket encoding the string as UTF-8).
 *
 * Why not ioredis's: it builds the text with `+=`, three string objects an argument (a rope the socket
 * then flattens, and the arguments themselves flattened by `Buffer.byteLength`): about 5 KB of young
 * garbage for a 28-argument script call, the largest single share of a Redis-state broker's
 * allocation (docs/performance.md, session 36). Here the only allocations are the lengths' array and
 * the Buffer, which Node takes from its shared pool below 4 KB.
 */

const CR = 13;
const LF = 10;

/** Decimal digits of a non-negative integer. */
const digitsOf = (n: number): number =>
  n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : String(n).length;

/** Writes `$<n>\r\n` (or `*<n>\r\n` with `lead` 42) at `o`; returns the offset after it. */
function header(b: Buffer, o: number, lead: number, n: number): number {
  b[o] = lead;
  const end = o + 1 + digitsOf(n);
  let k = end;
  do {
    b[--k] = 48 + (n % 10);
    n = Math.floor(n / 10);
  } while (n > 0);
  b[end] = CR;
  b[end + 1] = LF;
  return end + 2;
}

/**
 * Each argument is written by one `Buffer#write` (UTF-8; a lone surrogate as its replacement
 * character, as the socket wrote ioredis's string). A JavaScript loop copying short ASCII arguments
 * byte by byte was tried: equal CPU once optimized, but 24 % more instructions for the store's steps
 * under callgrind (the loop interpreted until the optimizing compiler's turn), so not kept.
 */
export function respCommand(name: string, args: readonly string[]): Buffer {
  const n = args.length;
  const lens = new Array<number>(n);
  const nameLen = Buffer.byteLength(name);
  let total = 1 + digitsOf(n + 1) + 2 + 1 + digitsOf(nameLen) + 2 + nameLen + 2;
  for (let i = 0; i < n; i++) {
    const l = Buffer.byteLength(args[i]!);
    lens[i] = l;
    total += 1 + digitsOf(l) + 2 + l + 2;
  }
  const b = Buffer.allocUnsafe(total);
  let o = header(b, 0, 42, n + 1);
  o = header(b, o, 36, nameLen);
  o += b.write(name, o);
  b[o++] = CR;
  b[o++] = LF;
  for (let i = 0; i < n; i++) {
    o = header(b, o, 36, lens[i]!);
    o += b.write(args[i]!, o);
    b[o++] = CR;
    b[o++] = LF;
  }
  // The Buffer comes from Node's pool unzeroed: a length counted wrong would send another buffer's
  // leftover bytes to redis-server. Never seen (tests/broker/s36-b-resp holds the bytes to ioredis's).
  if (o !== total) throw new Error(`RESP command of ${total} bytes written as ${o}`);
  return b;
}
