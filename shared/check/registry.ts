/** Every rule, in one list: the check, SARIF descriptors and docs/rules all read it. */
import type { Rule } from './rule.js';
import { excessPermission } from './rules/excess-permission.js';
import { undeclaredSecret } from './rules/undeclared-secret.js';
import { inheritedSecrets } from './rules/inherited-secrets.js';
import { undeclaredEnvironment } from './rules/undeclared-environment.js';
import { disallowedTrigger } from './rules/disallowed-trigger.js';
import { unpinnedAction } from './rules/unpinned-action.js';
import { disallowedAction } from './rules/disallowed-action.js';
import { selfEscalatingGrant } from './rules/self-escalating-grant.js';
import { orgCeiling } from './rules/org-ceiling.js';
import { unusedGrant } from './rules/unused-grant.js';
import { invalidWorkflow } from './rules/invalid-workflow.js';
import { unknownScope } from './rules/unknown-scope.js';
import { missingEnforce } from './rules/missing-enforce.js';
import { nestedOverreach } from './rules/nested-overreach.js';
import { unreachableCondition } from './rules/unreachable-condition.js';
import { unusedConditionEnvironment } from './rules/unused-condition-environment.js';
import { orgReach } from './rules/org-reach.js';
import { unboundManifest } from './rules/unbound-manifest.js';
import { credentialStep } from './rules/credential-step.js';
import { callerJobVerification } from './rules/caller-job-verification.js';
import { unusedCall } from './rules/unused-call.js';
import { jobNameCollision } from './rules/job-name-collision.js';
import { grantIdentityCollision } from './rules/grant-identity-collision.js';
import { unreadLocalAction } from './rules/unread-local-action.js';
import { unreadableLocalAction } from './rules/unreadable-local-action.js';

export const RULES: readonly Rule[] = [
  excessPermission,
  undeclaredSecret,
  inheritedSecrets,
  undeclaredEnvironment,
  disallowedTrigger,
  unpinnedAction,
  disallowedAction,
  selfEscalatingGrant,
  orgCeiling,
  unusedGrant,
  invalidWorkflow,
  unknownScope,
  missingEnforce,
  nestedOverreach,
  unreachableCondition,
  unusedConditionEnvironment,
  orgReach,
  unboundManifest,
  credentialStep,
  callerJobVerification,
  unusedCall,
  jobNameCollision,
  grantIdentityCollision,
  unreadLocalAction,
  unreadableLocalAction,
];
