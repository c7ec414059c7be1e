/** Reading a bounce: a delivery status report, or a plain-text message from a mailer daemon. */
import type { DeliveryStatus, InboundEmail, InboundIntent, ReplyContext } from './model';

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function bounceIntent(status: DeliveryStatus, context: ReplyContext): InboundIntent {
  const { action, finalRecipient, originalMessageId } = status;
  const statusClass = status.status?.charAt(0);
  if (action === 'delayed') return { kind: 'ignore', reason: 'delivery_delayed' };
  const failed =
    action === 'failed' || (action === undefined && (statusClass === '5' || statusClass === '4'));
  if (!failed) return { kind: 'ignore', reason: 'delivery_report' };
  if (
    originalMessageId !== undefined &&
    context.threadMessageIds.length > 0 &&
    !context.threadMessageIds.includes(originalMessageId)
  ) {
    return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  }
  if (finalRecipient !== undefined && !sameAddress(finalRecipient, context.leadEmail)) {
    return { kind: 'ignore', reason: 'other_recipient_bounced' };
  }
  // A failure without a status code still means the server gave up on the address.
  const permanent = statusClass === undefined ? true : statusClass === '5';
  return { kind: 'bounce', permanent, ...(finalRecipient !== undefined && { recipient: finalRecipient }) };
}

const DAEMON_SENDER = /^(?:mailer-daemon|postmaster)@/;
const PERMANENT_FAILURE_TEXT = /(?<![\d.])(?:5\.\d{1,3}\.\d{1,3}|55\d)(?![\d.])/;

/**
 * Some servers still bounce with a plain message from MAILER-DAEMON instead of a report. It counts
 * when it is about the lead (in the thread, or naming the lead's address); permanent when it quotes
 * a 5.x.x status or a 55x reply code.
 */
export function plainTextBounce(
  email: InboundEmail,
  sender: string,
  inThread: boolean,
  context: ReplyContext,
): InboundIntent | undefined {
  if (!DAEMON_SENDER.test(sender)) return undefined;
  const aboutLead = inThread || email.text.toLowerCase().includes(context.leadEmail.trim().toLowerCase());
  if (!aboutLead) return { kind: 'ignore', reason: 'bounce_not_in_thread' };
  return { kind: 'bounce', permanent: PERMANENT_FAILURE_TEXT.test(email.text) };
}
