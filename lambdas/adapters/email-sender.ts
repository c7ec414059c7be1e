/**
 * Sends one e-mail through SES v2 (`SendEmail`, Simple content with custom headers for threading and
 * unsubscribe, tags that name the send in SES's events) and reports failures as transient, rejected or
 * of unknown outcome. Also the one place that knows which Message-ID header SES gives a message, so
 * follow-ups can thread on it.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { traceClient } from '../runtime/tracing';
import {
  neverConnected,
  type ProviderError,
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderTransientError,
} from './provider-errors';

/**
 * The one SES client, shared by the sender and the Email CC acknowledgement. SendEmail is not
 * idempotent: the SDK's own retries would resend after a timeout SES may have accepted, so it makes one
 * attempt and the engine decides (throttling is planned again, a lost answer is reconciled).
 */
export const sesClient = traceClient(
  new SESv2Client({
    maxAttempts: 1,
    // Well inside the sender's 30 s: an answer this late is unknown (reconciled), not a Lambda timeout.
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000 },
  }),
);

export { messageIdHeader, SEND_ID_TAG } from './ses-ids';

export interface EmailHeader {
  name: string;
  value: string;
}

export interface OutgoingEmail {
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  /**
   * Headers SES lets a caller set, e.g. In-Reply-To, References, List-Unsubscribe,
   * List-Unsubscribe-Post. SES refuses Message-ID, From, To, Subject, Reply-To, Date, Content-Type.
   */
  headers: EmailHeader[];
  configurationSetName?: string;
  /** Message tags (names and values of [A-Za-z0-9_-]), returned on every event of the message. */
  tags?: Record<string, string>;
}

export async function sendEmail(
  client: SESv2Client,
  email: OutgoingEmail,
): Promise<{ providerMessageId: string }> {
  const command = new SendEmailCommand({
    FromEmailAddress: email.from,
    Destination: {
      ToAddresses: email.to,
      ...(email.cc && email.cc.length > 0 ? { CcAddresses: email.cc } : {}),
    },
    Content: {
      Simple: {
        Subject: { Data: email.subject, Charset: 'UTF-8' },
        Body: {
          Html: { Data: email.html, Charset: 'UTF-8' },
          Text: { Data: email.text, Charset: 'UTF-8' },
        },
        ...(email.headers.length > 0
          ? { Headers: email.headers.map((header) => ({ Name: header.name, Value: header.value })) }
          : {}),
      },
    },
    ...(email.configurationSetName ? { ConfigurationSetName: email.configurationSetName } : {}),
    ...(email.tags && {
      EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value })),
    }),
  });
  let messageId: string | undefined;
  try {
    messageId = (await client.send(command)).MessageId;
  } catch (error) {
    throw classifySesFailure(error);
  }
  if (!messageId) {
    throw new ProviderOutcomeUnknownError('SES answered without a MessageId', {
      provider: 'ses',
    });
  }
  return { providerMessageId: messageId };
}

/** Errors that pass with time: throttling, the sending quota (LimitExceeded on SendEmail), SES outages. */
const TRANSIENT_SES_ERRORS = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServiceErrorException',
]);

/** Errors that the same request will meet again: the message, sender identity or account is refused. */
const REJECTED_SES_ERRORS = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'BadRequestException',
  'NotFoundException',
]);

/** Exported for tests: maps what `SESv2Client.send` throws to a provider error. */
export function classifySesFailure(error: unknown): ProviderError {
  const name = error instanceof Error ? error.name : undefined;
  const statusCode = httpStatusOf(error);
  const failure = {
    provider: 'ses' as const,
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(name === undefined ? {} : { providerCode: name }),
    cause: error,
  };
  const summary = `SES ${statusCode ?? 'request'} ${name ?? 'failure'}: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`;
  if (name !== undefined && TRANSIENT_SES_ERRORS.has(name))
    return new ProviderTransientError(summary, failure);
  if (name !== undefined && REJECTED_SES_ERRORS.has(name)) return new ProviderRejectedError(summary, failure);
  // Refused before any byte was sent: SES never saw the request.
  if (statusCode === undefined && neverConnected(error)) return new ProviderTransientError(summary, failure);
  // No status: the request got no answer (reset, timed out) after it may have arrived. Below 400: an
  // answer the SDK could not read. Either way whether SES took the message is unknown.
  if (statusCode === undefined || statusCode < 400) return new ProviderOutcomeUnknownError(summary, failure);
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500) {
    return new ProviderTransientError(summary, failure);
  }
  return new ProviderRejectedError(summary, failure);
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null || !('httpStatusCode' in metadata)) return undefined;
  return typeof metadata.httpStatusCode === 'number' ? metadata.httpStatusCode : undefined;
}
