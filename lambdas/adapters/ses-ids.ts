/**
 * How SES names what it sent, without its client: the tag that carries a step's send id and the
 * Message-ID header of an accepted message. The SES events consumer needs these, not the SES client.
 */

/** The EmailTags name whose value is the step's send id; SES events carry it under `mail.tags`. */
export const SEND_ID_TAG = 'sendId';

/**
 * The Message-ID header SES writes for a message it accepted: the MessageId `SendEmail` returned,
 * at the sending region's host (us-east-1 alone uses `email.amazonses.com`).
 */
export function messageIdHeader(providerMessageId: string, region: string): string {
  const host = region === 'us-east-1' ? 'email' : region;
  return `<${providerMessageId}@${host}.amazonses.com>`;
}
