/**
 * Session 37: keys.ts `fetchIssuerJson`, the one reader of an issuer's discovery and JWKS bodies, over
 * generated bodies cut into generated chunks: a body within the bound reads as `res.json()` read it
 * (the same value; a UTF-8 character or a BOM split across chunks changes nothing), a body past the
 * bound is refused naming what and the bound whatever its chunks, a declared length past it is refused
 * unread, and what is not JSON is refused naming it.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fetchIssuerJson, IssuerKeysError } from '../../shared/oidc/keys.js';

const what = 'the JWKS of https://issuer.example';

/** A fetch answering `bytes` in the given chunk sizes (the rest in one chunk). */
function answering(bytes: Uint8Array, cuts: number[], headers: Record<string, string> = {}): typeof fetch {
  return (async () => {
    let at = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (at >= bytes.length) return c.close();
        const n = Math.max(1, cuts.shift() ?? bytes.length);
        c.enqueue(bytes.slice(at, at + n));
        at += n;
      },
    });
    return new Response(body, { status: 200, headers });
  }) as typeof fetch;
}

const read = (f: typeof fetch, maxBytes: number) =>
  fetchIssuerJson(f, 'https://issuer.example/jwks', {
    signal: AbortSignal.timeout(10_000),
    what,
    maxBytes,
    timeoutMs: 10_000,
  });

describe('fetchIssuerJson over generated bodies (s37)', () => {
  it('within the bound: the value res.json() gives; past it: refused, whatever the chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue(),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 400 }),
        async (value, bom, cuts, maxBytes) => {
          const text = (bom ? '\uFEFF' : '') + JSON.stringify(value);
          const bytes = new TextEncoder().encode(text);
          const expected = await new Response(bytes).json();
          const got = read(answering(bytes, [...cuts]), maxBytes);
          if (bytes.length <= maxBytes) await expect(got).resolves.toEqual(expected);
          else await expect(got).rejects.toThrow(`${what} is larger than ${maxBytes} bytes`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a declared length past the bound is refused before a byte is read', async () => {
    let pulled = 0;
    const f = (async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(c) {
            pulled++;
            c.enqueue(new Uint8Array(10));
          },
        }),
        { status: 200, headers: { 'content-length': '1000' } },
      )) as typeof fetch;
    await expect(read(f, 999)).rejects.toBeInstanceOf(IssuerKeysError);
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('not JSON, or a status other than 2xx: refused naming it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 50 }), async (s) => {
        fc.pre(
          (() => {
            try {
              JSON.parse(s);
              return false;
            } catch {
              return true;
            }
          })(),
        );
        await expect(read(answering(new TextEncoder().encode(s), []), 1000)).rejects.toThrow(
          `${what} failed:`,
        );
      }),
      { numRuns: 200 },
    );
    const status = (async () => new Response('{}', { status: 404 })) as typeof fetch;
    await expect(read(status, 1000)).rejects.toThrow(`${what} answered 404`);
  });
});
