/**
 * The audit `details` of a granted decision: what the token actually covers (repositories and
 * permissions), both workflow refs when a reusable workflow ran, and reach the organization policy
 * lets through in `mode: audit`. Plain names only; never a credential.
 */
import type { Decision } from './decide.js';

export function decisionAuditFields(d: Decision): { details?: Record<string, unknown> } {
  const details: Record<string, unknown> = {};
  if (d.kind === 'github') {
    details.repositories = d.repositories;
    details.permissions = d.permissions;
  }
  if (d.workflowRefs) {
    details.workflow_ref = d.workflowRefs.caller;
    details.job_workflow_ref = d.workflowRefs.callee;
    details.workflow_kind = d.workflowRefs.kind;
    if (d.workflowRefs.callerJob) details.caller_job = d.workflowRefs.callerJob;
    if (d.workflowRefs.allowedBy) details.caller_allowed_by = d.workflowRefs.allowedBy;
  }
  if (d.policyAudit?.length)
    details.org_policy_audit = d.policyAudit.map((p) => ({
      code: p.code,
      subject: p.subject,
      message: p.message,
    }));
  return Object.keys(details).length ? { details } : {};
}

/** Both workflow refs of a token whose running job is a reusable workflow (refusals are audited with them too). */
export function workflowRefDetails(claims: Readonly<Record<string, unknown>>): {
  details?: Record<string, unknown>;
} {
  const caller = claims.workflow_ref;
  const callee = claims.job_workflow_ref;
  if (typeof caller !== 'string' || typeof callee !== 'string' || caller === callee) return {};
  return { details: { workflow_ref: caller.slice(0, 512), job_workflow_ref: callee.slice(0, 512) } };
}
