/** What the accounts API shows of an account: its summary and, per lead, where its follow-up stands. */
import type { Lead } from '../core/leads';

/** The summary as data/accounts.ts reads it. */
interface AccountSummaryShown {
  domain: string;
  leadCount: number;
  createdAt: string;
  lastReply?: { leadId: string; at: string };
  lastSentAt?: string;
}

export function accountView(account: AccountSummaryShown, leads: readonly Lead[]) {
  return {
    ...account,
    leads: leads.map((lead) => {
      const { enrollment } = lead;
      return {
        id: lead.id,
        firstName: lead.firstName,
        ...(lead.lastName && { lastName: lead.lastName }),
        ...(lead.email && { email: lead.email }),
        assistantId: lead.assistantId,
        sequenceId: enrollment.sequenceId,
        status: enrollment.status,
        ...(enrollment.stopReason && { stopReason: enrollment.stopReason }),
        ...(enrollment.nextSendAt && { nextSendAt: enrollment.nextSendAt }),
        ...(enrollment.snoozedUntil && { snoozedUntil: enrollment.snoozedUntil }),
        ...(lead.lastReplyAt && { lastReplyAt: lead.lastReplyAt }),
        ...(lead.lastReply && { lastReplyIntent: lead.lastReply.intent }),
      };
    }),
  };
}
