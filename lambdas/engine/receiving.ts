/**
 * Verifying that an assistant at a customer's own domain receives: a probe e-mail, from the inbound
 * domain, to the assistant's address with a signed token; the customer's forwarding rule sends it on to
 * the assistant's alias, and when it arrives there the assistant is noted as verified.
 */
import { ProviderRejectedError, ProviderTransientError } from '../adapters/provider-errors';
import { readSecret } from '../adapters/secrets';
import { type Assistant, receivingOf } from '../core/assistants';
import { ConflictError, TooManyRequestsError } from '../core/errors';
import type { InboundEmail } from '../core/inbound';
import { escapeHtml } from '../core/rendering/personalize';
import { signReceivingProbe, verifyReceivingProbe } from '../core/signatures';
import { markReceivingVerified } from '../data/assistants';
import { claimReceivingProbe, PROBE_INTERVAL_MS, releaseReceivingProbe } from '../data/receiving-probes';
import { logger } from '../runtime/observability';

export interface ReceivingConfig {
  inboundDomain: string;
  /** The key unsubscribe tokens are signed with; probes are signed with it under their own purpose. */
  signingSecretName: string;
  configurationSet: string;
}

async function signingKey(config: ReceivingConfig): Promise<string> {
  const key = await readSecret(config.signingSecretName);
  if (!key) throw new Error(`The secret ${config.signingSecretName} holds no signing key`);
  return key;
}

/**
 * Mails the probe, at most one per assistant every 10 minutes and counted against its daily send
 * limit (429 with the seconds to wait otherwise): the address may be anyone's, so an admin's repeated
 * clicks must not become repeated mail there. A probe that certainly did not go out is given back.
 */
export async function sendReceivingProbe(assistant: Assistant, config: ReceivingConfig, now: Date) {
  const receiving = receivingOf(assistant, config.inboundDomain);
  if (receiving.mode === 'direct') {
    throw new ConflictError(`${assistant.email} is at the inbound domain: it receives without forwarding`);
  }
  const token = signReceivingProbe(
    { orgId: assistant.orgId, assistantId: assistant.id, address: assistant.email },
    await signingKey(config),
  );
  // Zone arithmetic (luxon) loads with this route, not with the inbound function, which shares the module.
  const { localDateOf, startOfNextLocalDay } = await import('../core/send-window');
  const day = { localDate: localDateOf(now, assistant.timezone), limit: assistant.dailyLimit };
  const claim = await claimReceivingProbe(assistant, day, now);
  const secondsUntil = (at: Date) => (at.getTime() - now.getTime()) / 1000;
  if (claim.outcome === 'too_soon') {
    throw new TooManyRequestsError(
      `A probe was mailed to ${assistant.email} less than ${PROBE_INTERVAL_MS / 60_000} minutes ago: one per assistant every ${PROBE_INTERVAL_MS / 60_000} minutes`,
      secondsUntil(claim.nextAllowedAt),
    );
  }
  if (claim.outcome === 'daily_limit') {
    throw new TooManyRequestsError(
      `${assistant.name} has sent its daily limit of ${assistant.dailyLimit} e-mails today, and a probe counts as one`,
      secondsUntil(startOfNextLocalDay(now, assistant.timezone)),
    );
  }
  const instructions =
    `This message checks that mail to ${assistant.email} is forwarded to ${receiving.forwardTo}, ` +
    `so the assistant ${assistant.name} sees the replies of its leads. Nothing needs to be done with it.`;
  // The SES client loads here, not with the inbound function, which only accepts probes.
  const { sendEmail, sesClient } = await import('../adapters/email-sender');
  try {
    const { providerMessageId } = await sendEmail(sesClient, {
      from: `Follow-up receiving check <receiving-check@${config.inboundDomain}>`,
      to: [assistant.email],
      subject: `Forwarding check for ${assistant.name} [${token}]`,
      text: `${instructions}\n\nCheck: ${token}\n`,
      html: `<p>${escapeHtml(instructions)}</p><p>Check: <code>${token}</code></p>`,
      headers: [],
      configurationSetName: config.configurationSet,
    });
    return { sentTo: assistant.email, forwardTo: receiving.forwardTo, providerMessageId };
  } catch (error) {
    // A lost answer may hide a probe that went out: that one stays counted.
    if (error instanceof ProviderTransientError || error instanceof ProviderRejectedError) {
      await releaseReceivingProbe(assistant, day, now).catch((release: unknown) =>
        logger.warn('The receiving probe was not given back', { assistantId: assistant.id, error: release }),
      );
    }
    throw error;
  }
}

const PROBE_TOKEN = /\b(rp\.[\w-]+\.[\w-]+)/;

/**
 * The assistant a probe in `email` verifies, among those it reached through their alias: the token must
 * be ours and name that assistant at its current address. Undefined when `email` is no such probe.
 */
export async function acceptReceivingProbe(
  email: InboundEmail,
  throughAlias: readonly Assistant[],
  config: ReceivingConfig,
  now: Date,
): Promise<Assistant | undefined> {
  const token = PROBE_TOKEN.exec(email.subject)?.[1] ?? PROBE_TOKEN.exec(email.text)?.[1];
  if (!token) return undefined;
  const claims = verifyReceivingProbe(token, await signingKey(config));
  const assistant = throughAlias.find(
    (candidate) =>
      candidate.id === claims?.assistantId &&
      candidate.orgId === claims.orgId &&
      candidate.email === claims.address,
  );
  if (!assistant || !(await markReceivingVerified(assistant, assistant.email, now))) return undefined;
  return assistant;
}
