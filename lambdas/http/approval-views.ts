/** What the API shows of an approval (core/approvals.ts): the draft, the decision, whose step it is. */
import * as z from 'zod/mini';
import { APPROVAL_STATUSES, type Approval } from '../core/approvals';
import { lazy } from '../core/lazy';

const text = () =>
  z.object({
    subject: z
      .string()
      .check(
        z.describe(
          'The subject line; a follow-up’s is Re: <the opening subject>, which its thread keeps whatever is approved',
        ),
      ),
    body: z.string().check(z.describe('The HTML message, without signature, unsubscribe footer or quote')),
  });

export const approvalViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      status: z
        .enum(APPROVAL_STATUSES)
        .check(
          z.describe(
            'pending: waiting for a decision; approved: sent at its due time (or at once if that passed) with approved.subject/body; rejected: skipped (reason rejected); expired: nobody decided within approvalTimeoutDays, skipped (reason approval_timed_out)',
          ),
        ),
      leadId: z.string(),
      lead: z.object({ name: z.string(), email: z.string() }).check(z.describe('As drafted')),
      sequenceId: z.string(),
      sequenceVersion: z
        .number()
        .check(z.int(), z.describe('The version of the sequence the step was drafted from')),
      version: z
        .number()
        .check(
          z.int(),
          z.describe(
            'The approval’s version (its ETag, unquoted): a number that only grows, new for each draft of the step and for its decision. Send it as If-Match ("<version>") to approve or reject what you read',
          ),
        ),
      stepIndex: z.number().check(z.int(), z.describe('0-based index of the step')),
      channel: z.literal('email'),
      variant: z.optional(z.string()).check(z.describe('The lead’s A/B variant of the step')),
      opensThread: z
        .boolean()
        .check(z.describe('The e-mail opens the lead’s thread: its subject is sent, and can be edited')),
      draft: text().check(z.describe('The step as the engine would send it, placeholders filled')),
      approved: z.optional(
        z
          .extend(text(), {
            edited: z.boolean().check(z.describe('A person changed the subject or the body')),
          })
          .check(z.describe('What is sent, and what later follow-ups quote when it opens the thread')),
      ),
      draftedAt: z.iso.datetime(),
      dueAt: z.iso.datetime().check(z.describe('When the step is due; never sent before, approved or not')),
      timesOutAt: z.iso
        .datetime()
        .check(z.describe('When a pending step is skipped: approvalTimeoutDays after it was due')),
      decidedAt: z.optional(z.iso.datetime()),
      decidedBy: z.optional(z.string()).check(z.describe('The user who approved or rejected it')),
      reason: z.optional(z.string()).check(z.describe('Rejected: the reason given')),
    })
    .register(z.globalRegistry, { id: 'Approval' }),
);

/**
 * The approval as shown: without the keys the engine files it under (org, run, assistant, owner) nor
 * what it was drafted from (the engine's check that it still applies).
 */
export function approvalView(approval: Approval) {
  const {
    orgId: _org,
    runId: _run,
    assistantId: _assistant,
    sequenceOwnerId: _owner,
    draftedFrom: _sources,
    ...shown
  } = approval;
  return shown;
}
