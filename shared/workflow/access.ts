/**
 * Effective access of every job of a repository: GitHub's permission rules applied, reusable workflows
 * resolved through their local callers. Pure: `resolveAccess(workflows, repositoryDefault)`.
 * (Types here are the contract; the resolver is implemented below them.)
 */
import type { PermissionSet, RepositoryDefault } from '../permissions/scopes.js';
import type { ActionRef, Located, WorkflowModel } from './model.js';

export type PermissionsSource = 'job' | 'workflow' | 'repository-default' | 'caller';

export interface JobAccess {
  readonly workflow: string;
  readonly path: string;
  readonly job: string;
  readonly line: number;
  /** Set when a `workflow_call` workflow's job is judged through one local caller job. */
  readonly via?: { readonly workflow: string; readonly job: string; readonly line: number };
  /** A `workflow_call`-only workflow with no local caller: judged with the repository default, and said so. */
  readonly noLocalCaller?: boolean;
  readonly permissions: PermissionSet;
  readonly permissionsSource: PermissionsSource;
  /** Line of the block that decided `permissions` (the job line for the repository default). */
  readonly permissionsLine: number;
  readonly secrets: readonly Located<string>[];
  readonly secretsInherit?: { readonly line: number };
  readonly environments: readonly Located<string>[];
  readonly triggers: readonly Located<string>[];
  readonly actions: readonly ActionRef[];
}

export declare function resolveAccess(
  workflows: readonly WorkflowModel[],
  repositoryDefault: RepositoryDefault,
): JobAccess[];
