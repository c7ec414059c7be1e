import { type ReplyClassifierSettings, replyClassifierSettings } from './adapters/reply-classifiers';
import { readSecret } from './adapters/secrets';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { readWhatsAppSecret } from './adapters/whatsapp-secret';
import { UnauthorizedError, ValidationError } from './core/errors';
import { canonicalLanguage, leadLanguage } from './core/languages';
import { lazy } from './core/lazy';
import { consentOf, type Lead } from './core/leads';
import { type UnsubscribeClaims, verifySinchSignature, verifyUnsubscribeToken } from './core/signatures';
import { assertFitInput } from './core/validation';
import { getAssistant } from './data/assistants';
import { useTable } from './data/client';
import { getLead } from './data/leads';
import { getOrgSettings } from './data/org';
import { apiHandler } from './http/api-handler';
import { publicOperations } from './http/contract/public';
import {
  invalidLinkPage,
  maskAddress,
  nothingToStopPage,
  type UnsubscribeView,
  unsubscribedPage,
  unsubscribePage,
} from './http/unsubscribe-pages';
import {
  environmentSchema,
  nonEmpty,
  REPLY_CLASSIFIER_ENV,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  ...REPLY_CLASSIFIER_ENV,
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
/**
 * WhatsApp callbacks are loaded with the first one (engine/whatsapp-callbacks.ts, the reply reading and
 * acting, the reply classifier): most of this function's cold starts are unsubscribe links. The
 * classifier's settings are still checked here, at cold start, so a bad environment fails at once.
 */
const classifierSettings: ReplyClassifierSettings = replyClassifierSettings(env);
/** WhatsApp replies are read by the classifier the stack chose (followup:replyClassifier). */
const whatsAppCallbacks = lazy(async () => {
  const [{ handleSinchCallback }, { configuredReplyClassifier }] = await Promise.all([
    import('./engine/whatsapp-callbacks'),
    import('./adapters/reply-classifiers'),
  ]);
  const settings = { replyClassifier: configuredReplyClassifier(classifierSettings) };
  return (orgId: string, callback: unknown, now: Date) => handleSinchCallback(orgId, callback, now, settings);
});

export const handler = apiHandler(publicOperations, {
  async unsubscribePage({ params, query, headers }) {
    const claims = await unsubscribeClaims(params.token, headers);
    if (!claims) return INVALID_LINK;
    const lead = await getLead(claims.orgId, claims.leadId);
    const view = await unsubscribeView(claims.orgId, lead, query.language);
    if (!lead) return { html: nothingToStopPage(view) };
    // A second visit says it is done rather than asking again.
    // A lead that unsubscribed before consent was kept per channel has no consent, and its stop says it.
    const done =
      !consentOf(lead).email || (lead.consent === undefined && lead.enrollment.stopReason === 'unsubscribed');
    return { html: done ? unsubscribedPage(view) : unsubscribePage(view) };
  },

  async unsubscribe({ params, query, headers, now }) {
    const claims = await unsubscribeClaims(params.token, headers);
    if (!claims) return INVALID_LINK;
    const lead = await getLead(claims.orgId, claims.leadId);
    const view = await unsubscribeView(claims.orgId, lead, query.language);
    if (!lead) return { html: nothingToStopPage(view) };
    // Stopping a lead (its plan, pending approvals, the timeline) loads with the first stop: the page a
    // link opens reads the lead only.
    const { unsubscribeLead } = await import('./engine/listening');
    await unsubscribeLead(lead, 'email', { via: 'link' }, now);
    return { html: unsubscribedPage(view) };
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
    const handleCallback = await whatsAppCallbacks();
    return { body: await handleCallback(orgId, parseCallback(rawBody), now) };
  },
});

/** 400: the link's holder is a person in a browser, who should read a page and not an API error. */
const INVALID_LINK = { html: invalidLinkPage(), status: 400 };

/**
 * The link's claims, or undefined when it does not verify and the caller reads pages. A client that
 * asks for JSON (`Accept: application/json` without `text/html`) gets the contract's JSON error instead.
 */
async function unsubscribeClaims(
  token: string | undefined,
  headers: Readonly<Record<string, string>>,
): Promise<UnsubscribeClaims | undefined> {
  const key = await readSecret(config.unsubscribeSecretName);
  const claims = token && key ? verifyUnsubscribeToken(token, key) : undefined;
  if (claims) return claims;
  if (wantsJson(headers.accept)) throw ValidationError.field('token', 'This unsubscribe link is not valid');
  return undefined;
}

/** Browsers name text/html or any type; only a client naming JSON and not HTML gets JSON. */
function wantsJson(accept: string | undefined): boolean {
  const types = (accept ?? '').toLowerCase();
  return types.includes('application/json') && !types.includes('text/html');
}

/**
 * Who wrote, named as the lead knows them: the org's name, else the assistant's who signed; in the
 * language of the e-mail the link came in (the link says it), else the lead's (a deleted lead's: the
 * org's default), as links sent before e-mails named their language.
 */
async function unsubscribeView(
  orgId: string,
  lead: Lead | undefined,
  linkLanguage: string | undefined,
): Promise<UnsubscribeView> {
  const [settings, assistant] = await Promise.all([
    getOrgSettings(orgId),
    lead ? getAssistant(orgId, lead.assistantId) : undefined,
  ]);
  const sender = settings.name || assistant?.name || undefined;
  return {
    ...(sender ? { sender } : {}),
    ...(assistant && assistant.name !== sender ? { assistant: assistant.name } : {}),
    ...(lead?.email ? { address: maskAddress(lead.email) } : {}),
    language:
      (linkLanguage ? canonicalLanguage(linkLanguage) : undefined) ??
      (lead ? leadLanguage(lead, settings.defaultLanguage) : settings.defaultLanguage),
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
