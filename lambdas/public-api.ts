import { readSecret } from './adapters/secrets';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { readWhatsAppSecret } from './adapters/whatsapp-secret';
import { UnauthorizedError, ValidationError } from './core/errors';
import type { Lead } from './core/leads';
import { type UnsubscribeClaims, verifySinchSignature, verifyUnsubscribeToken } from './core/signatures';
import { getAssistant } from './data/assistants';
import { useTable } from './data/client';
import { getLead } from './data/leads';
import { getOrgSettings } from './data/org';
import { unsubscribeLead } from './engine/listening';
import { handleSinchCallback } from './engine/whatsapp-callbacks';
import { environmentSchema, nonEmpty, readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } from './environment';
import { apiHandler } from './http/api-handler';
import { publicOperations } from './http/contract/public';
import {
  maskAddress,
  type UnsubscribeView,
  unsubscribedPage,
  unsubscribePage,
} from './http/unsubscribe-pages';
import { assertFitInput } from './http/validation';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  UNSUBSCRIBE_SECRET_NAME: nonEmpty,
  WHATSAPP_SECRET_PREFIX: nonEmpty,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const config = {
  unsubscribeSecretName: env.UNSUBSCRIBE_SECRET_NAME,
  whatsAppSecretPrefix: env.WHATSAPP_SECRET_PREFIX,
};

export const handler = apiHandler(publicOperations, {
  async unsubscribePage({ params }) {
    const { orgId, leadId } = await unsubscribeClaims(params.token);
    const lead = await getLead(orgId, leadId);
    const view = await unsubscribeView(orgId, lead);
    // A second visit says it is done rather than asking again.
    const done = lead?.enrollment.stopReason === 'unsubscribed';
    return { html: done ? unsubscribedPage(view) : unsubscribePage(view) };
  },

  async unsubscribe({ params, now }) {
    const { orgId, leadId } = await unsubscribeClaims(params.token);
    const lead = await getLead(orgId, leadId);
    if (lead) await unsubscribeLead(lead, { via: 'link' }, now);
    return { html: unsubscribedPage(await unsubscribeView(orgId, lead)) };
  },

  async sinchWebhook({ params, rawBody, headers, now }) {
    const orgId = params.orgId ?? '';
    const webhookSecret = (await readWhatsAppSecret(config.whatsAppSecretPrefix, orgId))?.webhookSecret;
    const signed = {
      rawBody,
      signature: headers['x-sinch-webhook-signature'],
      nonce: headers['x-sinch-webhook-signature-nonce'],
      timestamp: headers['x-sinch-webhook-signature-timestamp'],
    };
    if (!webhookSecret || !verifySinchSignature(signed, webhookSecret, now)) {
      throw new UnauthorizedError('The callback is not signed with this org’s webhook secret, or is too old');
    }
    return { body: await handleSinchCallback(orgId, parseCallback(rawBody), now) };
  },
});

async function unsubscribeClaims(token: string | undefined): Promise<UnsubscribeClaims> {
  const key = await readSecret(config.unsubscribeSecretName);
  const claims = token && key ? verifyUnsubscribeToken(token, key) : undefined;
  if (!claims) throw ValidationError.field('token', 'This unsubscribe link is not valid');
  return claims;
}

/** Who wrote, named as the lead knows them: the org's name, else the assistant's who signed. */
async function unsubscribeView(orgId: string, lead: Lead | undefined): Promise<UnsubscribeView> {
  const [settings, assistant] = await Promise.all([
    getOrgSettings(orgId),
    lead ? getAssistant(orgId, lead.assistantId) : undefined,
  ]);
  const sender = settings.name || assistant?.name || undefined;
  return {
    ...(sender ? { sender } : {}),
    ...(assistant && assistant.name !== sender ? { assistant: assistant.name } : {}),
    ...(lead?.email ? { address: maskAddress(lead.email) } : {}),
  };
}

function parseCallback(rawBody: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody);
  } catch {
    throw ValidationError.field('', 'The callback body is not JSON');
  }
  // Signed, yet still input: nested past what any walk over it may meet is refused like any body.
  assertFitInput(parsed);
  return parsed;
}
