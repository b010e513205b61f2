/**
 * Session 32: excess-permission reads a scope's grant only when the job holds that scope above none
 * (nothing is above none; a scope the grant leaves out is a failed look-up, and most of a written
 * block's scopes are none). The findings are those of the scope-by-scope comparison.
 */
import { describe, expect, it } from '@jest/globals';
import { excessPermission } from '../../shared/check/rules/excess-permission.js';
import { runCheck } from '../../shared/check/run.js';
import type { CheckContext } from '../../shared/check/rule.js';
import { effectivePolicy } from '../../shared/manifest/effective-policy.js';
import { resolveAccess } from '../../shared/workflow/access.js';
import { SCOPES, SCOPE_NAMES, type Level } from '../../shared/permissions/scopes.js';
import { manifest, wf } from '../support/repo.js';

const workflow = wf(
  'w.yml',
  'on: push\njobs:\n  j:\n    permissions: { contents: write, issues: read }\n    steps: [{ run: x }]\n',
);

describe('excess-permission and scopes held at none (s32)', () => {
  it('reads the grant of the scopes the job holds above none only', () => {
    const m = manifest(
      'version: 1\nworkflows:\n  w.yml:\n    jobs:\n      j:\n        permissions: { contents: read }\n',
    );
    const policy = effectivePolicy(m.manifest, undefined);
    const jobs = resolveAccess([workflow], policy.repositoryDefault);
    const entry = m.manifest.workflows['w.yml']!.jobs['j']!;
    const read: string[] = [];
    const watched = new Proxy(entry.permissions, {
      get(target, key, receiver) {
        if (typeof key === 'string') read.push(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const ctx: CheckContext = {
      workflows: [workflow],
      jobs,
      manifest: {
        ...m,
        manifest: {
          ...m.manifest,
          workflows: {
            'w.yml': { ...m.manifest.workflows['w.yml']!, jobs: { j: { ...entry, permissions: watched } } },
          },
        },
      },
      policy,
    };
    const found = excessPermission.check(ctx);
    expect([...new Set(read)].sort()).toEqual(['contents', 'issues']);
    expect(found.map((f) => f.subject)).toEqual(['contents, issues']);
    expect(found[0]!.message).toBe(
      "job 'j' holds contents: write, issues: read, but the manifest grants job 'j' contents: read and none of the rest",
    );
  });

  it('every level pair of every scope gives what the scope-by-scope comparison gives', () => {
    const rank = (l: string) => ['none', 'read', 'write'].indexOf(l);
    for (const scope of SCOPE_NAMES) {
      for (const held of ['none', 'read', 'write']) {
        for (const granted of ['none', 'read', 'write', undefined]) {
          // Levels the scope takes only (a workflow or manifest refuses the others).
          const takes = SCOPES[scope].levels;
          if (!takes.includes(held as Level) || (granted && !takes.includes(granted as Level))) continue;
          const block = `{ ${scope}: ${held} }`;
          const grant = granted === undefined ? '{}' : `{ ${scope}: ${granted} }`;
          const w = wf(
            'w.yml',
            `on: push\njobs:\n  j:\n    permissions: ${block}\n    steps: [{ run: x }]\n`,
          );
          const text = `version: 1\nworkflows:\n  w.yml:\n    jobs:\n      j:\n        permissions: ${grant}\n`;
          let m;
          try {
            m = manifest(text);
          } catch {
            continue; // a level the scope does not take
          }
          if (w.error) continue;
          const found = runCheck({ workflows: [w], manifest: m }).findings.filter(
            (f) => f.rule === 'excess-permission',
          );
          const over = rank(held) > rank(granted ?? 'none');
          expect([scope, held, granted, found.map((f) => f.subject)]).toEqual([
            scope,
            held,
            granted,
            over ? [scope] : [],
          ]);
        }
      }
    }
  });
});
