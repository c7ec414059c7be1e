/**
 * SES's account-level suppression list (SES v2 `PutSuppressedDestination`): an address that hard-bounced
 * or complained goes on it beside the org's own list, so no other sender of the AWS account mails it.
 * Only the SES events consumer puts addresses on it (lib/delivery-events.ts grants it that one action).
 * Locally the SES emulator's front records the calls (local/ses-local.ts).
 */
import { PutSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { ACCOUNT_SUPPRESSION_REASONS } from '../core/suppressions';
import { traceClient } from '../runtime/tracing';

/** Where hard bounces and complaints are reported account-wide: the entry file builds it. */
export interface AccountSuppressionList {
  suppress(email: string, reason: keyof typeof ACCOUNT_SUPPRESSION_REASONS): Promise<void>;
}

/**
 * The SES account's list. Putting an address is idempotent (it replaces the entry), so unlike the
 * sender's client (adapters/email-sender.ts) this one keeps the SDK's retries.
 */
export function sesAccountSuppressionList(
  client: SESv2Client = traceClient(new SESv2Client({})),
): AccountSuppressionList {
  return {
    async suppress(email, reason) {
      await client.send(
        new PutSuppressedDestinationCommand({
          EmailAddress: email.toLowerCase(),
          Reason: ACCOUNT_SUPPRESSION_REASONS[reason],
        }),
      );
    },
  };
}
