/**
 * Sending one scheduled step: the sender Lambda's use case. Reads the state in one request, ignores
 * stale or repeated deliveries, renders, claims the step (and a slot of the assistant's daily limit)
 * with a conditional write, calls SES or Sinch, records the outcome and plans the next step in one
 * transaction. A transient provider failure gives the claim back and plans the same step again a few
 * minutes later: EventBridge Scheduler invokes Lambda asynchronously, so a throw would only get
 * Lambda's two quick retries. Anything else unexpected does throw, for those retries and the
 * dead-letter queue behind them.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { messageIdHeader, sendEmail, sesClient } from '../adapters/email-sender';
import { ProviderRejectedError, ProviderTransientError } from '../adapters/provider-errors';
import { readSecret } from '../adapters/secrets';
import type { SenderInput } from '../adapters/step-scheduler';
import { sendWhatsAppTemplate } from '../adapters/whatsapp-sender';
import type { Assistant } from '../core/assistants';
import { advance, deferForDailyLimit, type Enrollment, postpone, retryLater, stop } from '../core/enrollment';
import { UnprocessableError } from '../core/errors';
import { type Lead, leadProfile } from '../core/leads';
import type { CustomMessage } from '../core/messages';
import { renderEmailStep, type UnsubscribeLinks } from '../core/rendering/render-email';
import type { EmailThread } from '../core/rendering/threading';
import { renderWhatsAppStep } from '../core/rendering/whatsapp';
import { localDateOf, nextBusinessMoment, sendWindowFor } from '../core/send-window';
import type { Sequence, Step } from '../core/sequences';
import { signUnsubscribeToken } from '../core/signatures';
import { getLead, LeadChangedError } from '../data/leads';
import { loadSendState, loadStepExtras, type SendState } from '../data/send-state';
import { claimSend, getSend, recordOutcome, releaseClaim, type SendRecord, sendOutcome } from '../data/sends';
import { requiredEnv } from '../env';
import { logger } from '../observability';
import { commitPlan } from './plans';

const config = {
  region: requiredEnv('AWS_REGION'),
  configurationSet: requiredEnv('SES_CONFIGURATION_SET'),
  whatsAppSecretPrefix: requiredEnv('WHATSAPP_SECRET_PREFIX'),
  unsubscribeSecretName: requiredEnv('UNSUBSCRIBE_SECRET_NAME'),
  apiUrl: requiredEnv('API_URL'),
  inboundDomain: requiredEnv('INBOUND_DOMAIN'),
};

/** Kept per thread: enough for References (root + recent ids) without growing the lead item. */
const THREAD_IDS_KEPT = 10;
/** A schedule firing this much before the window opens is on time (60 s scheduler precision). */
const EARLY_TOLERANCE_MS = 60_000;

export type SendOutcome =
  | { result: 'ignored'; reason: string }
  | { result: 'sent'; channel: Step['channel']; providerMessageId: string }
  | { result: 'skipped' | 'failed'; reason: string }
  | { result: 'deferred'; reason: string; until: string };

interface Firing {
  input: SenderInput;
  lead: Lead;
  enrollment: Enrollment;
  assistant: Assistant;
  sequence: Sequence;
  step: Step;
  state: SendState;
  now: Date;
}

export async function sendScheduledStep(input: SenderInput, now: Date): Promise<SendOutcome> {
  const state = await loadSendState(input);
  const { lead, assistant, sequence } = state;
  if (!lead) return { result: 'ignored', reason: 'the lead was deleted' };
  const enrollment = lead.enrollment;
  if (input.revision > enrollment.revision) {
    // The schedule was created just before its plan is stored (engine/plans.ts); retry shortly.
    throw new Error(
      `Plan revision ${input.revision} is not stored yet (at ${enrollment.revision}); retrying`,
    );
  }
  if (enrollment.runId !== input.runId || enrollment.revision !== input.revision) {
    return {
      result: 'ignored',
      reason: `stale schedule: plan revision ${enrollment.revision}, not ${input.revision}`,
    };
  }
  if (enrollment.status !== 'active')
    return { result: 'ignored', reason: `the enrollment is ${enrollment.status}` };
  if (!assistant || !sequence) {
    await commitPlan({
      lead,
      previous: enrollment,
      next: stop(enrollment, 'deleted'),
      now,
      previousFired: true,
    });
    return {
      result: 'skipped',
      reason: assistant ? 'the sequence was deleted' : 'the assistant was deleted',
    };
  }
  const window = sendWindowFor(assistant, lead.timezone);
  const step = sequence.steps[enrollment.nextStep];
  if (!step) {
    // The sequence lost this step since it was planned; the re-planner may not have run yet.
    const next = advance(enrollment, { sequence, window, now }, now);
    await commitPlan({ lead, previous: enrollment, next, now, previousFired: true });
    return { result: 'ignored', reason: 'the step no longer exists' };
  }
  const opening = nextBusinessMoment(now, window);
  if (opening.at.getTime() - now.getTime() > EARLY_TOLERANCE_MS) {
    // The assistant's hours changed since the step was planned.
    const next = postpone(enrollment, window, opening.at);
    await commitPlan({ lead, previous: enrollment, next, now, previousFired: true });
    return { result: 'deferred', reason: 'outside business hours', until: opening.at.toISOString() };
  }
  return deliver({ input, lead, enrollment, assistant, sequence, step, state, now });
}

async function deliver(firing: Firing): Promise<SendOutcome> {
  const { lead, step, enrollment, assistant, now } = firing;
  const openingStep = enrollment.thread?.openingStep ?? 0;
  const extras = await loadStepExtras(lead.orgId, {
    ...(step.messageId && { messageId: step.messageId }),
    ...(step.channel === 'email' && lead.email && { email: lead.email }),
    ...(step.channel === 'email' &&
      openingStep > 0 && {
        openingSend: { leadId: lead.id, runId: enrollment.runId, stepIndex: openingStep },
      }),
  });
  if (extras.openingSend) firing.state.firstSend = extras.openingSend;
  if (step.messageType === 'custom' && !extras.message)
    return skip(firing, `message ${step.messageId} no longer exists`);
  if (extras.suppressed) return skip(firing, 'the address is on the org’s suppression list');

  let send: () => Promise<{ providerMessageId: string; record: Partial<SendRecord>; thread?: EmailThread }>;
  try {
    send =
      step.channel === 'email'
        ? emailSender(firing, extras.message, await unsubscribeLinks(lead))
        : await whatsAppSender(firing, extras.message);
  } catch (error) {
    if (error instanceof UnprocessableError) return skip(firing, error.message, error.details);
    throw error;
  }

  const day = {
    assistantId: assistant.id,
    localDate: localDateOf(now, assistant.timezone),
    limit: assistant.dailyLimit,
  };
  const claim = await claimSend(baseRecord(firing), day, now);
  if (claim === 'in_flight') {
    // Another invocation holds the claim. Throwing lets Lambda retry after its claim has either ended
    // (the plan moved on, and the retry is stale) or expired (its holder died, and the retry takes over).
    throw new Error(`Step ${enrollment.nextStep} is being sent by another invocation; retrying later`);
  }
  if (claim === 'already_done') {
    // Sent (or settled) before, but the plan still points at it: the bookkeeping after that send lost a
    // race. Move the plan on now, without sending again.
    await advanceFromStored(firing);
    return { result: 'ignored', reason: `step ${enrollment.nextStep} was already done; the plan moved on` };
  }
  if (claim === 'contended') {
    // Many leads deferred to the same opening hit one daily counter at once: spread them out.
    const retry = retryLater(enrollment, sendWindowFor(assistant, lead.timezone), now);
    if (!retry) throw new Error(`Step ${enrollment.nextStep} kept meeting concurrent writes`);
    await commitPlan({ lead, previous: enrollment, next: retry, now, previousFired: true });
    return { result: 'deferred', reason: 'contended daily counter', until: retry.nextSendAt ?? '' };
  }
  if (claim === 'daily_limit') {
    const next = deferForDailyLimit(enrollment, sendWindowFor(assistant, lead.timezone), now);
    await commitPlan({ lead, previous: enrollment, next, now, previousFired: true });
    return { result: 'deferred', reason: 'daily limit reached', until: next.nextSendAt ?? '' };
  }

  let sent: Awaited<ReturnType<typeof send>>;
  try {
    sent = await send();
  } catch (error) {
    if (!(error instanceof ProviderTransientError || error instanceof ProviderRejectedError)) throw error;
    if (error instanceof ProviderTransientError) {
      await releaseClaim(baseRecord(firing), day, error.message);
      const retry = retryLater(enrollment, sendWindowFor(assistant, lead.timezone), now);
      if (retry) {
        await commitPlan({ lead, previous: enrollment, next: retry, now, previousFired: true });
        logger.warn('Provider failed transiently; the step is tried again later', {
          reason: error.message,
          retries: retry.retries,
        });
        return {
          result: 'deferred',
          reason: `provider failed transiently: ${error.message}`,
          until: retry.nextSendAt ?? '',
        };
      }
    }
    await finish(firing, { ...baseRecord(firing), status: 'failed', reason: error.message });
    return { result: 'failed', reason: error.message };
  }

  const record: SendRecord = {
    ...baseRecord(firing),
    ...sent.record,
    status: 'sent',
    providerMessageId: sent.providerMessageId,
  };
  try {
    await finish(firing, record, sent.thread);
  } catch (error) {
    // The provider has the message: whatever failed since, the step must read as sent, so that the
    // retry this throw earns moves the plan on instead of sending again.
    await recordOutcome([sendOutcome(record)]).catch(() => {});
    throw error;
  }
  logger.info('Step sent', { leadId: lead.id, step: enrollment.nextStep, channel: step.channel });
  return { result: 'sent', channel: step.channel, providerMessageId: sent.providerMessageId };
}

/** Every e-mail carries a one-click link back to this API and a mailbox, both naming the lead by a signed token. */
async function unsubscribeLinks(lead: Lead): Promise<UnsubscribeLinks> {
  const key = await readSecret(config.unsubscribeSecretName);
  if (!key) throw new Error('The unsubscribe signing key is missing from Secrets Manager');
  const token = signUnsubscribeToken({ orgId: lead.orgId, leadId: lead.id }, key);
  return {
    url: `${config.apiUrl.replace(/\/$/, '')}/unsubscribe/${token}`,
    mailto: `mailto:unsubscribe@${config.inboundDomain}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
  };
}

function emailSender(
  firing: Firing,
  customMessage: CustomMessage | undefined,
  unsubscribe: UnsubscribeLinks,
) {
  const { lead, assistant, sequence, step, enrollment, state } = firing;
  const thread = enrollment.thread && withFirstEmail(enrollment.thread, state.firstSend);
  const email = renderEmailStep({
    lead: leadProfile(lead),
    org: state.settings,
    assistant,
    sequence: { id: sequence.id, type: sequence.type, stepCount: sequence.steps.length },
    stepIndex: enrollment.nextStep,
    step,
    ...(customMessage && { customMessage }),
    ...(thread && { thread }),
    unsubscribe,
  });
  return async () => {
    const { providerMessageId } = await sendEmail(sesClient, {
      from: email.from,
      to: [email.to],
      cc: email.cc,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers,
      configurationSetName: config.configurationSet,
    });
    const record: Partial<SendRecord> = {
      messageIdHeader: messageIdHeader(providerMessageId, config.region),
      subject: email.subject,
      ...(email.opensThread && { quotableHtml: email.quotableHtml, sender: email.from }),
    };
    return {
      providerMessageId,
      record,
      thread: threadAfter(enrollment.thread, { ...record, stepIndex: enrollment.nextStep }),
    };
  };
}

async function whatsAppSender(firing: Firing, customMessage: CustomMessage | undefined) {
  const { lead, assistant, step, enrollment, state } = firing;
  if (!customMessage) throw new UnprocessableError(`WhatsApp steps need their custom message`);
  const connection = state.whatsApp;
  const secret = connection && (await readSecret(`${config.whatsAppSecretPrefix}${lead.orgId}`));
  if (!connection || !secret)
    throw new UnprocessableError('WhatsApp is not connected for this org (PUT /org/whatsapp)');
  const { keyId, keySecret } = JSON.parse(secret) as { keyId: string; keySecret: string };
  const message = renderWhatsAppStep({
    lead: leadProfile(lead),
    org: state.settings,
    assistant,
    stepIndex: enrollment.nextStep,
    step,
    customMessage,
  });
  return async () => {
    const { providerMessageId } = await sendWhatsAppTemplate(
      {
        projectId: connection.projectId,
        appId: connection.appId,
        region: connection.region,
        keyId,
        keySecret,
      },
      {
        to: message.to,
        templateName: message.templateName,
        languageCode: message.languageCode,
        bodyParameters: Object.keys(message.parameters)
          .sort((a, b) => Number(a) - Number(b))
          .map((position) => message.parameters[position] ?? ''),
      },
    );
    return { providerMessageId, record: { templateName: message.templateName } };
  };
}

/** A step that cannot be sent is recorded with why, and the lead moves on to its next step. */
async function skip(firing: Firing, reason: string, details?: unknown): Promise<SendOutcome> {
  const missing = (details as { missing?: string[] } | undefined)?.missing;
  const why = missing ? `${reason} (${missing.join(', ')})` : reason;
  await finish(firing, { ...baseRecord(firing), status: 'skipped', reason: why });
  logger.info('Step skipped', { leadId: firing.lead.id, step: firing.enrollment.nextStep, reason: why });
  return { result: 'skipped', reason: why };
}

/**
 * Records the step's outcome and the lead's next plan together. When the lead changed meanwhile (a
 * re-plan, an out-of-office reply), the outcome is kept on its own and the plan moves on from the
 * lead as it is now, so a sent step is never planned again.
 */
async function finish(firing: Firing, record: SendRecord, thread?: EmailThread): Promise<void> {
  const { lead, enrollment, now } = firing;
  const next = advance(enrollment, planContextOf(firing), stepTime(enrollment, now), thread);
  try {
    await commitPlan({
      lead,
      previous: enrollment,
      next,
      now,
      previousFired: true,
      alongside: [sendOutcome(record)],
    });
  } catch (error) {
    // The lead moved on meanwhile (a re-plan, a stop), or another delivery settled the step: keep this
    // outcome where the record still takes it, then move the plan on from where it is.
    if (!(error instanceof LeadChangedError || error instanceof TransactionCanceledException)) throw error;
    await recordOutcome([sendOutcome(record)]).catch((failure: unknown) => {
      if (!(failure instanceof TransactionCanceledException)) throw failure;
    });
    await advanceFromStored(firing);
  }
}

/**
 * Moves the lead past the firing's step from the lead as stored, if it still points at that step of
 * the same run; the thread continues from what the step's record says went out.
 */
async function advanceFromStored(firing: Firing): Promise<void> {
  const { input, now } = firing;
  const [current, done] = await Promise.all([
    getLead(input.orgId, input.leadId),
    getSend(input.orgId, input.leadId, input.runId, input.stepIndex),
  ]);
  const enrollment = current?.enrollment;
  if (!current || !enrollment || enrollment.status !== 'active') return;
  if (enrollment.runId !== input.runId || enrollment.nextStep !== input.stepIndex) return;
  const thread =
    done?.status === 'sent' && done.channel === 'email' ? threadAfter(enrollment.thread, done) : undefined;
  const next = advance(enrollment, planContextOf(firing), stepTime(enrollment, now), thread);
  await commitPlan({ lead: current, previous: enrollment, next, now }).catch((error: unknown) => {
    if (!(error instanceof LeadChangedError)) throw error;
    logger.warn('The lead kept changing; its plan is left to the writer that changed it', {
      leadId: current.id,
    });
  });
}

function planContextOf({ lead, sequence, assistant, now }: Firing) {
  return { sequence, window: sendWindowFor(assistant, lead.timezone), now };
}

/** The next step counts from when this one was due, not the seconds later it went out: the time of day holds. */
function stepTime(enrollment: Enrollment, now: Date): Date {
  const due = enrollment.nextSendAt ? new Date(enrollment.nextSendAt) : now;
  return due.getTime() <= now.getTime() ? due : now;
}

/** The thread after an e-mail went out: opened by it, or one message longer. */
function threadAfter(thread: EmailThread | undefined, sent: Partial<SendRecord>): EmailThread | undefined {
  const header = sent.messageIdHeader;
  if (!header) return thread;
  if (!thread) {
    const opened = { rootSubject: sent.subject ?? '', rootMessageId: header, laterMessageIds: [] };
    return sent.stepIndex ? { ...opened, openingStep: sent.stepIndex } : opened;
  }
  return { ...thread, laterMessageIds: [...thread.laterMessageIds, header].slice(-THREAD_IDS_KEPT) };
}

function baseRecord({ input, lead, enrollment, step, now }: Firing): SendRecord {
  return {
    orgId: lead.orgId,
    leadId: lead.id,
    runId: enrollment.runId,
    stepIndex: enrollment.nextStep,
    channel: step.channel,
    status: 'claimed',
    at: now.toISOString(),
    attempts: 1,
    revision: input.revision,
  };
}

function withFirstEmail(thread: EmailThread, firstSend: SendRecord | undefined): EmailThread {
  if (!firstSend?.quotableHtml || !firstSend.sender) return thread;
  return {
    ...thread,
    firstEmail: { html: firstSend.quotableHtml, sentAt: firstSend.at, sender: firstSend.sender },
  };
}
