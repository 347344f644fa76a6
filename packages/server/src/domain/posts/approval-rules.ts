import type { Verdict } from '@bedside/guard';
import type { Role } from '../../db/schema.js';
import type { ApprovalView } from './post-view.js';
import type { PublishingSettings } from './publishing-settings.js';

/** Roles that must each approve this post: the organization's list, plus compliance after a guard warning. */
export function requiredApproverRoles(
  settings: PublishingSettings,
  verdict: Verdict | null,
): Role[] {
  const roles = new Set<Role>(settings.approverRoles);
  if (settings.complianceOnWarning && verdict === 'review') roles.add('compliance_officer');
  return [...roles];
}

export interface ApprovalState {
  /** Empty: any one approver will do. */
  required: Role[];
  /** Required roles nobody has approved for yet. */
  missing: Role[];
  complete: boolean;
}

/** Where a post's approvals stand for its current version. */
export function approvalState(
  settings: PublishingSettings,
  options: { verdict: Verdict | null; approvals: readonly Pick<ApprovalView, 'role'>[] },
): ApprovalState {
  const required = requiredApproverRoles(settings, options.verdict);
  const have = new Set(options.approvals.map((a) => a.role));
  const missing = required.filter((r) => !have.has(r));
  const complete = required.length === 0 ? options.approvals.length > 0 : missing.length === 0;
  return { required, missing, complete };
}
