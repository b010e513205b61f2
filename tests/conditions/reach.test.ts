import { describe, expect, it } from '@jest/globals';
import { APP_PERMISSIONS } from '../../shared/permissions/app-permissions.js';
import {
  REPOSITORY_PERMISSIONS,
  isOrganizationPermission,
  reachProblems,
} from '../../shared/conditions/reach.js';
import { loadOrgPolicy } from '../../shared/manifest/load.js';

describe('reach beyond the repository', () => {
  it("classifies every App permission of GitHub's OpenAPI description; the repository list has no stray names", () => {
    for (const p of REPOSITORY_PERMISSIONS) expect(Object.hasOwn(APP_PERMISSIONS, p)).toBe(true);
    for (const p of [
      'members',
      'organization-secrets',
      'organization-administration',
      'custom-properties-for-organizations',
      'email-addresses',
      'enterprise-custom-properties-for-organizations',
    ])
      expect(isOrganizationPermission(p)).toBe(true);
    for (const p of ['contents', 'pull-requests', 'workflows', 'secrets', 'administration'])
      expect(isOrganizationPermission(p)).toBe(false);
    // Every permission is one or the other: nothing falls through as "unknown, allowed".
    for (const p of Object.keys(APP_PERMISSIONS))
      expect(REPOSITORY_PERMISSIONS.has(p) !== isOrganizationPermission(p)).toBe(true);
  });

  const org = (t: string) => loadOrgPolicy(`version: 1\n${t}`, 'org.yml').value;
  const reach = (o: ReturnType<typeof org> | undefined, repositories: string[], permissions = {}) =>
    reachProblems({ repository: 'acme/app', repositories, permissions, org: o }).map(
      (p) => `${p.mode}:${p.subject}`,
    );

  it("self and the repository's own name need no consent; others do, per rule and repository", () => {
    expect(reach(undefined, ['self', 'app', 'APP'])).toEqual([]);
    expect(reach(undefined, ['crown-jewels'])).toEqual(['enforce:crown-jewels']);
    const o = org("allow-cross-repository: [{ from: 'acme/app', to: ['lib-*'] }]\n");
    expect(reach(o, ['lib-a', 'lib-a/x', 'crown-jewels'])).toEqual([
      'enforce:lib-a/x',
      'enforce:crown-jewels',
    ]);
    expect(
      reachProblems({ repository: 'acme/other', repositories: ['lib-a'], permissions: {}, org: o }),
    ).toHaveLength(1);
  });

  it('a rule pinned by repository-id holds only for that repository: a re-created or renamed one with the name does not inherit it', () => {
    const o = org(
      "allow-cross-repository: [{ from: 'acme/app', repository-id: 101, to: [crown-jewels] }]\n" +
        "allow-organization-permissions: [{ from: 'acme/app', repository-id: '101', permissions: { members: read } }]\n",
    );
    const at = (repositoryId: string | undefined, repositories: string[], permissions = {}) =>
      reachProblems({ repository: 'acme/app', repositoryId, repositories, permissions, org: o });
    expect(at('101', ['crown-jewels'], { members: 'read' })).toEqual([]);
    for (const id of ['102', undefined, '1010', ' 101']) {
      const problems = at(id, ['crown-jewels'], { members: 'read' });
      expect(problems.map((p) => p.code)).toEqual([
        'ERR_CROSS_REPOSITORY_NOT_ALLOWED',
        'ERR_ORGANIZATION_PERMISSION_NOT_ALLOWED',
      ]);
      for (const p of problems)
        expect(p.message).toContain(
          `(a rule for acme/app names repository-id 101, but this repository's id is ${id ?? 'unknown'})`,
        );
    }
    // Without repository-id a rule goes by name, as before.
    const byName = org("allow-cross-repository: [{ from: 'acme/app', to: [crown-jewels] }]\n");
    expect(
      reachProblems({
        repository: 'acme/app',
        repositoryId: '999',
        repositories: ['crown-jewels'],
        permissions: {},
        org: byName,
      }),
    ).toEqual([]);
    // Not a number: refused when the policy is read.
    expect(() =>
      org("allow-cross-repository: [{ from: 'acme/app', repository-id: abc, to: [x] }]\n"),
    ).toThrow(/repository-id/);
  });

  it('organization permissions up to the allowed level; audit mode reports instead of refusing', () => {
    const o = org("allow-organization-permissions: [{ from: 'acme/*', permissions: { members: read } }]\n");
    expect(reach(o, ['self'], { members: 'read' })).toEqual([]);
    expect(reach(o, ['self'], { members: 'write' })).toEqual(['enforce:members:write']);
    const a = org('allow-organization-permissions: { mode: audit }\n');
    expect(reach(a, ['self'], { 'organization-secrets': 'read', contents: 'write' })).toEqual([
      'audit:organization-secrets:read',
    ]);
  });
});
