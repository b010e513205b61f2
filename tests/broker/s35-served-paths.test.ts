/**
 * The paths a refusal may name (shared/broker/server.ts `SERVED`, session 35: any other path is the
 * caller's text and can be a token) are exactly the paths the broker's routes answer: a route added
 * to server.ts or ops/http.ts without its entry would be named "a path this broker does not serve" in
 * its own refusals, and an entry without a route would echo a path nobody serves.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from '@jest/globals';
import { SERVED } from '../../shared/broker/server.js';

const routesIn = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/path === '(\/[^']*)'/g)].map((m) => m[1] ?? '');

it('SERVED lists every path a route of server.ts or ops/http.ts compares with, and nothing else', () => {
  const routes = new Set([...routesIn('shared/broker/server.ts'), ...routesIn('shared/broker/ops/http.ts')]);
  expect(routes.size).toBeGreaterThan(8);
  expect([...SERVED].sort()).toEqual([...routes].sort());
});
