/**
 * What AWS and the customers do with every e-mail the engine sends, played locally: SES's configuration
 * set publishes a Send event (to ses-events, as through EventBridge), and mail to an assistant whose
 * customer forwards its mailbox comes back through the inbound path.
 */
import { receivingOf } from '../lambdas/core/assistants';
import { lambdaContext } from './api-gateway-event';
import { LOCAL_REGION } from './dynamodb-local';
import { ENGINE_SETTINGS } from './engine-settings';
import type { EngineHandlers } from './engine-stack';
import { CUSTOMER_MAILBOXES, runAsFunction } from './lambda-scope';
import { receiveEmail, sesPublishedEvent } from './listening-routes';
import type { LocalClock } from './local-clock';
import type { Outbox, OutboxItem } from './outbox';
import type { S3Emulator } from './s3-emulator';

/** Publishes what the outbox holds and was not published yet; safe to call after every invocation. */
export function createSendEventPublisher(sources: {
  clock: LocalClock;
  outbox: Outbox;
  s3: S3Emulator;
  handlers: Pick<EngineHandlers, 'sesEvents' | 'inboundEmail'>;
}): () => Promise<void> {
  const { clock, outbox, s3, handlers: loaded } = sources;

  /** SES publishes a Send event for every message it accepts; so does the local stack, once each. */
  const published = new Set<string>();
  async function publishSendEvents(): Promise<void> {
    for (const item of await outbox.items()) {
      if (item.channel !== 'email' || published.has(item.providerMessageId)) continue;
      published.add(item.providerMessageId);
      // In a scope of its own: the customers' mail servers are not the engine (bench/run.ts leaves them out).
      await runAsFunction(CUSTOMER_MAILBOXES, () => forwardAsCustomersDo(item)).catch((error: unknown) =>
        console.warn('local engine: forwarding a message to an assistant’s alias failed', error),
      );
      const event = sesPublishedEvent({
        type: 'Send',
        providerMessageId: item.providerMessageId,
        configurationSet: ENGINE_SETTINGS.sesConfigurationSet,
        at: new Date(item.at),
        sent: item,
      });
      await loaded
        .sesEvents(event, lambdaContext('ses-events'))
        .catch((error: unknown) => console.warn('local engine: a Send event failed', error));
    }
  }

  /**
   * The customers' forwarding rules, played: every customer is taken to have forwarded its assistants'
   * mailboxes as the API told it to, so mail SES "delivers" to an assistant at a domain other than the
   * inbound one (the receiving probe) comes back through the inbound path, addressed to the alias in
   * the envelope and still to the assistant's own address in its headers, as a forwarding rule sends it.
   */
  async function forwardAsCustomersDo(item: OutboxItem): Promise<void> {
    const { findAssistantsByEmail } = await import('../lambdas/data/assistants');
    const recipients = [...item.to.split(',').map((address) => address.trim()), ...(item.cc ?? [])];
    for (const assistant of await findAssistantsByEmail(recipients)) {
      const receiving = receivingOf(assistant, ENGINE_SETTINGS.inboundDomain);
      if (receiving.mode !== 'forwarding') continue;
      const raw = [
        `From: ${item.from ?? `nobody@${ENGINE_SETTINGS.inboundDomain}`}`,
        `To: ${item.to}`,
        `Subject: ${item.subject ?? ''}`,
        `Message-ID: <${item.providerMessageId}@${LOCAL_REGION}.amazonses.com>`,
        `X-Forwarded-To: ${receiving.forwardTo}`,
        `Delivered-To: ${assistant.email}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        item.text ?? '',
      ].join('\r\n');
      const received = await receiveEmail(Buffer.from(raw, 'utf8'), {
        domain: ENGINE_SETTINGS.inboundDomain,
        functionArn: ENGINE_SETTINGS.inboundFunctionArn,
        receivedAt: clock.now(),
        envelopeRecipients: [receiving.forwardTo],
      });
      s3.putObject(
        ENGINE_SETTINGS.inboundBucket,
        `${ENGINE_SETTINGS.inboundPrefix}${received.messageId}`,
        received.stored,
        'message/rfc822',
      );
      await loaded.inboundEmail(received.event, lambdaContext('inbound-email'));
    }
  }

  return publishSendEvents;
}
