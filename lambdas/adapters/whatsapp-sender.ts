/**
 * Sends an approved WhatsApp template through the org's own Sinch account (Conversation API,
 * `messages:send` with a WHATSAPP channel template) and reports failures as transient or rejected.
 *
 * `SinchHosts` (the sender's SINCH_AUTH_HOSTNAME and SINCH_CONVERSATION_HOSTNAME, both optional
 * origins such as `http://127.0.0.1:4010`) point the SDK at a local stand-in; production leaves them
 * unset and gets Sinch's regional defaults.
 */
import { GenericError, RequestFailedError, SinchClient, type SinchClientParameters } from '@sinch/sdk-core';
import * as z from 'zod/mini';
import {
  neverConnected,
  type ProviderError,
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderTransientError,
} from './provider-errors';

export interface WhatsAppCredentials {
  projectId: string;
  keyId: string;
  keySecret: string;
  /** The Conversation API app whose WhatsApp channel sends the template. */
  appId: string;
  region: 'us' | 'eu' | 'br';
}

export interface WhatsAppTemplateMessage {
  /** The recipient's phone number in E.164, e.g. `+4915112345678`. */
  to: string;
  /** The template's name as approved in WhatsApp (Sinch uses the name as the template id). */
  templateName: string;
  /** Underscored language code as approved with the template, e.g. `en` or `en_US`. */
  languageCode: string;
  /**
   * Values of the template body's positional variables: index 0 fills `{{1}}`, index 1 fills `{{2}}`.
   * Sinch's WHATSAPP channel templates take them as the keys `body[1]text`, `body[2]text`, ...
   */
  bodyParameters: readonly string[];
  /** Sent as `correlation_id`; Sinch returns it on the message's delivery callbacks (at most 128 chars). */
  correlationId?: string;
}

/** Where the SDK reaches Sinch, when not at its regional defaults: bare origins (it appends paths). */
export type SinchHosts = Pick<SinchClientParameters, 'authHostname' | 'conversationHostname'>;

/** Warm Lambdas reuse clients so the OAuth2 token Sinch issues (valid ~1 h) is fetched once, not per send. */
const MAX_CACHED_CLIENTS = 50;
const clients = new Map<string, { keySecret: string; client: SinchClient }>();

export async function sendWhatsAppTemplate(
  credentials: WhatsAppCredentials,
  message: WhatsAppTemplateMessage,
  hosts: SinchHosts = {},
): Promise<{ providerMessageId: string }> {
  const client = clientFor(credentials, hosts);
  let messageId: string | undefined;
  try {
    const response = await client.conversation.messages.sendTemplateMessage({
      sendMessageRequestBody: {
        app_id: credentials.appId,
        ...(message.correlationId && { correlation_id: message.correlationId }),
        recipient: { identified_by: { channel_identities: [{ channel: 'WHATSAPP', identity: message.to }] } },
        message: {
          template_message: {
            channel_template: {
              WHATSAPP: {
                template_id: message.templateName,
                language_code: message.languageCode,
                parameters: whatsAppBodyParameters(message.bodyParameters),
              },
            },
          },
        },
      },
    });
    messageId = response.message_id;
  } catch (error) {
    throw classifySinchFailure(error);
  }
  if (!messageId) {
    throw new ProviderOutcomeUnknownError('Sinch answered without a message_id', {
      provider: 'sinch',
    });
  }
  return { providerMessageId: messageId };
}

function whatsAppBodyParameters(values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value, index) => [`body[${index + 1}]text`, value]));
}

function clientFor(credentials: WhatsAppCredentials, hosts: SinchHosts): SinchClient {
  const missing = (['projectId', 'keyId', 'keySecret', 'appId'] as const).filter(
    (field) => !credentials[field],
  );
  if (missing.length > 0) {
    throw new ProviderRejectedError(`Sinch credentials are incomplete: missing ${missing.join(', ')}`, {
      provider: 'sinch',
    });
  }
  const key = `${credentials.projectId}/${credentials.keyId}/${credentials.region}/${hosts.authHostname ?? ''}/${hosts.conversationHostname ?? ''}`;
  const cached = clients.get(key);
  clients.delete(key);
  // A different secret for the same key id means the org re-entered its key: the old client's token is stale.
  const entry =
    cached?.keySecret === credentials.keySecret
      ? cached
      : {
          keySecret: credentials.keySecret,
          client: new SinchClient({
            projectId: credentials.projectId,
            keyId: credentials.keyId,
            keySecret: credentials.keySecret,
            conversationRegion: credentials.region,
            ...hosts,
            // Failures reach the caller as typed errors; the SDK's own console lines would be unstructured noise.
            logger: null,
          }),
        };
  clients.set(key, entry);
  for (const oldest of clients.keys()) {
    if (clients.size <= MAX_CACHED_CLIENTS) break;
    clients.delete(oldest);
  }
  return entry.client;
}

const SinchErrorBody = z.object({
  error: z.object({ message: z.optional(z.string()), status: z.optional(z.string()) }),
});

function classifySinchFailure(error: unknown): ProviderError {
  if (error instanceof RequestFailedError) {
    const statusCode = error.statusCode;
    const body = parseSinchErrorBody(error.data);
    const failure = { provider: 'sinch' as const, statusCode, providerCode: body?.status, cause: error };
    const summary = [`Sinch answered ${statusCode}`, body?.status, body?.message?.slice(0, 200)]
      .filter(Boolean)
      .join(' ');
    // Below 400: an answer the SDK could not read, so whether Sinch took the message is unknown.
    if (statusCode < 400) return new ProviderOutcomeUnknownError(summary, failure);
    return statusCode === 408 || statusCode === 429 || statusCode >= 500
      ? new ProviderTransientError(summary, failure)
      : new ProviderRejectedError(summary, failure);
  }
  // The SDK's errors without a status are fetch failures: refused or unresolved before anything was
  // sent (Sinch never saw it), else reset or timed out after the request may have arrived.
  if (error instanceof GenericError && neverConnected(error)) {
    return new ProviderTransientError('Sinch could not be reached', { provider: 'sinch', cause: error });
  }
  return new ProviderOutcomeUnknownError('Sinch’s answer was lost', { provider: 'sinch', cause: error });
}

function parseSinchErrorBody(
  data: string | undefined,
): { message?: string | undefined; status?: string | undefined } | undefined {
  if (data === undefined) return undefined;
  try {
    const parsed = SinchErrorBody.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}
