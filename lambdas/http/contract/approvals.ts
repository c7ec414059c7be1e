/**
 * The approvals' operations: drafts of reviewed steps waiting for a person, and the decision on one
 * (core/approvals.ts). Served by the leads function (lambdas/leads-api.ts), which already plans a lead's
 * steps: a decision re-plans the step it decides. Admins see and decide every approval of the org, the
 * owner of a sequence those of its steps.
 */
import * as z from 'zod/mini';
import { APPROVAL_STATUSES, ApproveInputSchema, RejectInputSchema } from '../../core/approvals';
import { approvalViewSchema } from '../approval-views';
import { declareOperations, pageCursor, pageLimit, pageOf } from './operation';

export const approvalsOperations = declareOperations('leads', {
  listApprovals: {
    method: 'GET',
    path: '/approvals',
    summary:
      'A page of the org’s approvals of one status (default pending), the soonest due first: every one for admins, those of the sequences the caller owns for anyone else',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: z.object({
        status: z
          ._default(z.enum(APPROVAL_STATUSES), 'pending')
          .check(z.describe('Which approvals: pending (default), approved, rejected or expired')),
        limit: pageLimit(),
        cursor: pageCursor(2000, 'approvals'),
      }),
      response: pageOf(approvalViewSchema()),
    }),
  },
  getApproval: {
    method: 'GET',
    path: '/approvals/{id}',
    summary:
      'One approval, as the list shows it, with its version as ETag (send it back as If-Match to approve or reject it): for admins and the owner of its sequence',
    status: 200,
    versioned: true,
    schemas: () => ({ response: approvalViewSchema() }),
  },
  approveApproval: {
    method: 'POST',
    path: '/approvals/{id}/approve',
    summary:
      'Approve a pending step as read (If-Match: its version, from GET /approvals or /approvals/{id}; 412 when it was drafted again since), optionally with an edited subject (only the e-mail that opens the thread) and body, checked as a custom message’s are. It is sent at its due time, or at once when that has passed; 409 when it was decided already (details.status names the decision) or no longer applies (details.status withdrawn: the lead’s follow-up moved on, or what it was drafted from changed and it is drafted again)',
    status: 200,
    versioned: true,
    ifMatch: true,
    errors: ['conflict'],
    audit: { action: 'approval.approve', target: 'approval' },
    schemas: () => ({
      body: ApproveInputSchema(),
      response: approvalViewSchema(),
    }),
  },
  rejectApproval: {
    method: 'POST',
    path: '/approvals/{id}/reject',
    summary:
      'Reject a pending step as read (If-Match, 412 as for approve): it is skipped (reason rejected) when it is due, or at once when that has passed, and the sequence goes on; 409 as for approve',
    status: 200,
    versioned: true,
    ifMatch: true,
    errors: ['conflict'],
    audit: { action: 'approval.reject', target: 'approval' },
    schemas: () => ({
      body: RejectInputSchema(),
      response: approvalViewSchema(),
    }),
  },
});
