/**
 * Session 19: the `scope` parameter is read one way by both exchanges, RFC 6749 §3.3's: scope-tokens
 * separated by spaces (U+0020). The exchange of an OIDC token split on JavaScript's `\s` (no-break
 * space, line separator, ideographic space, BOM…) and trimmed with it, while the chained exchange
 * split on spaces only: `notify:send<U+2028>notify:read` was two held scopes at the one and a scope not
 * held at the other, and a scope of one no-break space was "no scope asked" (the whole grant) at the
 * exchange. A relying party or a proxy reading the request reads the RFC's separator only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scopeItems } from '../../shared/broker/request.js';
import { startStack, type Stack, closeCheckingAudit, errorCode, HOOKS } from '../support/broker.js';
import { runIdOf } from '../support/run-ids.js';

const JWT = 'urn:ietf:params:oauth:token-type:jwt';
const GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';

const MANIFEST = `version: 1
repository: { name: octo-org/octo-repo, id: 100001, owner-id: 200001 }
workflows:
  release.yml:
    triggers: [push, workflow_dispatch]
    jobs:
      publish:
        credentials:
          - { step: notify, audience: ${HOOKS}, scope: [notify:send, notify:read], uses: 100, ttl: 120 }
          - { step: release, audience: github, permissions: { contents: write, issues: read }, uses: 100, ttl: 120 }
`;

let s: Stack;
let runs = 0;
beforeAll(async () => {
  s = await startStack({ manifest: MANIFEST });
});
afterAll(async () => {
  await closeCheckingAudit(s);
});

const exchange = async (over: Record<string, string>) =>
  s.token(s.exchangeForm(await s.issuer.mint({ run_id: runIdOf(`s19s-${++runs}`) }), over));
const chain = (subject: string, scope: string) =>
  s.token({ grant_type: GRANT, subject_token: subject, subject_token_type: JWT, scope });

// Not C0 (those are ERR_PARAM_INVALID before any of this): every other character JavaScript's \s reads.
const SEPARATORS = ['\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];

describe('a separator other than the space', () => {
  it.each(SEPARATORS.map((c) => [`U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`, c]))(
    '%s between two held service scopes: not granted, by either exchange',
    async (_n, sep) => {
      const r = await exchange({ audience: HOOKS, step: 'notify', scope: `notify:send${sep}notify:read` });
      expect([r.status, errorCode(r)]).toEqual([400, 'ERR_SCOPE_NOT_GRANTED']);
      const parent = await exchange({ audience: HOOKS, step: 'notify', scope: 'notify:send notify:read' });
      expect(parent.status).toBe(200);
      const c = await chain(String(parent.body.access_token), `notify:send${sep}notify:read`);
      expect([c.status, errorCode(c)]).toEqual([400, 'ERR_CHAIN_SCOPE']);
    },
  );

  it('between two GitHub permissions: not PERMISSION:LEVEL', async () => {
    const r = await exchange({ scope: 'contents:write\u00a0issues:read' });
    expect([r.status, errorCode(r)]).toEqual([400, 'ERR_SCOPE_SYNTAX']);
  });

  it('a scope of only such characters asks for something, not for the whole grant', async () => {
    const svc = await exchange({ audience: HOOKS, step: 'notify', scope: '\u00a0' });
    expect([svc.status, errorCode(svc)]).toEqual([400, 'ERR_SCOPE_NOT_GRANTED']);
    const gh = await exchange({ scope: '\u3000' });
    expect([gh.status, errorCode(gh)]).toEqual([400, 'ERR_SCOPE_SYNTAX']);
  });

  it('spaces (leading, trailing, doubled) and repeats are read alike by both exchanges', async () => {
    const r = await exchange({
      audience: HOOKS,
      step: 'notify',
      scope: '  notify:send   notify:read notify:send ',
    });
    expect([r.status, r.body.scope]).toEqual([200, 'notify:send notify:read']);
    const c = await chain(String(r.body.access_token), ' notify:read  notify:read ');
    expect([c.status, c.body.scope]).toEqual([200, 'notify:read']);
    const blank = await exchange({ audience: HOOKS, step: 'notify', scope: '   ' });
    expect([blank.status, blank.body.scope]).toEqual([200, 'notify:send notify:read']);
  });
});

describe('scopeItems', () => {
  it('is the space-separated items, each once, in order; nothing but U+0020 separates (property)', () => {
    const item = fc.stringMatching(/^[!-~\u00a0\u2028\u3000]{1,8}$/).filter((t) => !t.includes(' '));
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 3 })),
        (items, gaps) => {
          const text = items.map((t, i) => ' '.repeat(gaps[i] ?? 1) + t).join('') + ' ';
          expect(scopeItems(text)).toEqual([...new Set(items)]);
        },
      ),
    );
  });
});
