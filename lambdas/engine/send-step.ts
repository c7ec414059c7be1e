/**
 * Sending one scheduled step: the sender Lambda's use case. Reads the state in one request (with the
 * step's own send record), ignores stale or repeated deliveries, renders, claims the step (and a slot
 * of the assistant's daily limit) with a conditional write, calls SES or Sinch with the step's send id,
 * records the provider's acceptance before anything else, then plans the next step.
 *
 * An ambiguous outcome is never a reason to send again: a lost answer, or a claim whose holder died
 * before recording one, makes the step `uncertain` until a provider event naming its send id marks it
 * sent (engine/provider-reconciliation.ts) or the reconciliation window passes without one, when it is
 * sent again, once. A provider that certainly refused for now (throttling, 5xx) gives the claim back
 * and plans the same step a few minutes later: EventBridge Scheduler invokes Lambda asynchronously, so
 * a throw would only get Lambda's two quick retries. Anything else unexpected does throw, for those
 * retries and the dead-letter queue behind them (re-driving it is safe: every path above is idempotent).
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  ProviderOutcomeUnknownError,
  ProviderRejectedError,
  ProviderTransientError,
} from '../adapters/provider-errors';
import { chooseVariant, variantMessage } from '../core/analytics/variants';
import type { ApprovedText, DraftSource } from '../core/approvals';
import type { Assistant } from '../core/assistants';
import type { SendWindow } from '../core/business-hours';
import {
  advance,
  deferForDailyLimit,
  type Enrollment,
  postpone,
  retryLater,
  wokenByItsSchedule,
} from '../core/enrollment';
import { isRunning, stop } from '../core/enrollment-status';
import { UnprocessableError } from '../core/errors';
import { leadWriting } from '../core/languages';
import { sendWindowFor } from '../core/lead-window';
import { consentOf, type Lead, NO_CONSENT } from '../core/leads';
import { threadAfter } from '../core/rendering/threading';
import { localDateOf, nextBusinessMoment } from '../core/send-window';
import type { SenderInput } from '../core/sender-input';
import { claimStateOf, type SendRecord, sendIdOf } from '../core/sends';
import type { MessageStep, Sequence, Step } from '../core/sequences';
import { findSystemMessage } from '../core/system-catalogue';
import { noteAccountSend } from '../data/accounts';
import { getLead, LeadChangedError } from '../data/leads';
import { loadSendState, loadStepExtras, type SendState } from '../data/send-state';
import { deferredLeadMarker } from '../data/sending-reputation';
import {
  appendTimelineEvent,
  claimSend,
  getSend,
  markUncertain,
  recordOutcome,
  recordSent,
  releaseClaim,
  sendOutcome,
} from '../data/sends';
import { countEvent, logger, recordDuration } from '../runtime/observability';
import { traced } from '../runtime/tracing';
import { type SendHold, sendHoldFor } from './account-holds';
import type { Accepted, Channel, PreparedSend } from './channels/channel';
import { commitPlan } from './plans';
import { reviewGate } from './review-gate';
import type { SendSettings } from './send-settings';

/** A schedule firing this much before the window opens is on time (60 s scheduler precision). */
const EARLY_TOLERANCE_MS = 60_000;
/**
 * A schedule of a revision that is not stored yet is retried while this young (its plan is being
 * stored right now); older, its plan's store failed and it is an orphan: the auditor repairs the lead.
 */
const ORPHAN_AFTER_MS = 5 * 60_000;
/** The acceptance write is retried this often (after the SDK's own retries) before giving up. */
const RECORD_SENT_ATTEMPTS = 4;

export type SendOutcome =
  | { result: 'ignored'; reason: string }
  | { result: 'sent'; channel: Step['channel']; providerMessageId: string }
  | { result: 'skipped' | 'failed'; reason: string }
  | { result: 'deferred' | 'uncertain'; reason: string; until: string };

interface Firing {
  input: SenderInput;
  lead: Lead;
  enrollment: Enrollment;
  assistant: Assistant;
  sequence: Sequence;
  step: Step;
  /** The step's message, or the lead's variant of it (core/analytics/variants.ts). */
  message: MessageStep;
  variant?: string;
  state: SendState;
  /** The lead's send window, built once per firing: every plan the firing makes is placed in it. */
  window: SendWindow;
  now: Date;
  settings: SendSettings;
  /** A reviewed step's approved text (engine/review-gate.ts): what is sent instead of the step's own. */
  approved?: ApprovedText;
}

export async function sendScheduledStep(
  input: SenderInput,
  now: Date,
  settings: SendSettings,
): Promise<SendOutcome> {
  const state = await loadSendState(input);
  const { lead, assistant, sequence } = state;
  if (!lead) return { result: 'ignored', reason: 'the lead was deleted' };
  const stored = lead.enrollment;
  if (input.revision > stored.revision) {
    if (input.dueAt && now.getTime() - new Date(input.dueAt).getTime() > ORPHAN_AFTER_MS) {
      return {
        result: 'ignored',
        reason: `orphan schedule: plan revision ${input.revision} was never stored`,
      };
    }
    // The schedule was created just before its plan is stored (engine/plans.ts); retry shortly.
    throw new Error(`Plan revision ${input.revision} is not stored yet (at ${stored.revision}); retrying`);
  }
  if (stored.runId !== input.runId || stored.revision !== input.revision) {
    return {
      result: 'ignored',
      reason: `stale schedule: plan revision ${stored.revision}, not ${input.revision}`,
    };
  }
  if (!isRunning(stored.status)) return { result: 'ignored', reason: `the enrollment is ${stored.status}` };
  // A snoozed lead's current schedule is its wake: the firing goes on as for an active lead, and every
  // plan it stores (after the send, or a deferral) is an awake one, conditional on the stored revision.
  const enrollment = wokenByItsSchedule(stored);
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
  const window = await sendWindowFor(assistant, lead);
  const step = sequence.steps[enrollment.nextStep];
  if (!step) {
    // The sequence lost this step since it was planned; the re-planner may not have run yet.
    const next = advance(enrollment, { sequence, window, now }, now);
    await commitPlan({ lead, previous: enrollment, next, now, previousFired: true, sequence });
    return { result: 'ignored', reason: 'the step no longer exists' };
  }
  if (stored.status === 'snoozed') await noteWoken(lead, stored, now);
  const firing: Firing = {
    input,
    lead,
    enrollment,
    assistant,
    sequence,
    step,
    state,
    window,
    now,
    settings,
    ...pickMessage(state, step),
  };
  const outcome = await sendFiring(firing);
  countOutcome(outcome, step.channel);
  return outcome;
}

/**
 * The `woken` entry of a snoozed lead whose schedule fired. Its key is the wake's own (the revision and
 * its due time), so a repeated delivery of the firing, or a retry after a failure, rewrites it rather
 * than adding a second one.
 */
async function noteWoken(lead: Lead, snoozed: Enrollment, now: Date): Promise<void> {
  await appendTimelineEvent(
    lead.orgId,
    lead.id,
    { kind: 'woken', at: snoozed.nextSendAt ?? now.toISOString(), detail: { by: 'schedule' } },
    undefined,
    `woken-r${snoozed.revision}`,
  );
}

/**
 * The lead's variant of the step: the one an earlier attempt recorded (a retry sends the same text, even
 * across a promotion), else the deterministic choice, which a promotion narrows to the winner.
 */
function pickMessage(state: SendState, step: Step): { message: MessageStep; variant?: string } {
  const { lead, sequence } = state;
  const index = lead?.enrollment.nextStep ?? 0;
  const recorded = state.stepSend?.variant;
  const again = recorded === undefined ? undefined : variantMessage(step, recorded);
  if (recorded !== undefined && again) return { message: again, variant: recorded };
  const promoted = sequence?.promotions?.find((promotion) => promotion.step === index)?.variant;
  const pick = chooseVariant(
    step,
    { leadId: lead?.id ?? '', sequenceId: sequence?.id ?? '', stepIndex: index },
    promoted,
  );
  return pick.variant === undefined
    ? { message: pick.message }
    : { message: pick.message, variant: pick.variant };
}

/**
 * The engine's funnel metrics, one count per firing that settles or moves its step (docs/operations.md,
 * "Metrics"). `StepsUncertain` is counted where a step becomes uncertain (awaitReconciliation): a firing
 * that finds it still waiting for reconciliation changes nothing.
 */
const OUTCOME_METRICS: Partial<Record<SendOutcome['result'], string>> = {
  sent: 'StepsSent',
  failed: 'StepsFailed',
  deferred: 'StepsDeferred',
  skipped: 'StepsSkipped',
};

function countOutcome(outcome: SendOutcome, channel: Step['channel']): void {
  const metric = OUTCOME_METRICS[outcome.result];
  if (metric) countEvent(metric, { channel });
}

/** A firing of the step its plan names: settles an earlier attempt, waits for business hours, or sends. */
async function sendFiring(firing: Firing): Promise<SendOutcome> {
  const { enrollment, lead, now, state, window } = firing;
  const earlier = await settleEarlierAttempt(firing);
  if (earlier) return earlier;
  // A channel the lead withdrew consent on is never sent on: decided from the lead as read, before
  // anything is rendered or claimed, and before any hold (business hours, a sending pause, the account
  // policy, the frequency cap) would only postpone a step that is skipped whenever it fires.
  if (!consentOf(lead)[firing.step.channel]) return skip(firing, NO_CONSENT);
  // A step a person reviews is drafted, waits for the decision, or goes with the approved text; decided
  // before the hours are checked, so its draft is made 24 h ahead whatever the hour.
  const review = await reviewGate(firing, {
    source: () => draftSource(firing),
    render: () => renderDraft(firing),
  });
  if (review.action === 'skip') return skip(firing, review.reason, review.details);
  if (review.action === 'held') return { result: 'deferred', reason: review.reason, until: review.until };
  if (review.approved) firing.approved = review.approved;
  const opening = nextBusinessMoment(now, window);
  if (opening.at.getTime() - now.getTime() > EARLY_TOLERANCE_MS) {
    // The assistant's hours (or holiday setting) changed since the step was planned. Placing `now`
    // again lands on `opening`, and keeps why (e.g. public_holiday, with the holidays) for the timeline.
    const next = postpone(enrollment, window, now);
    await commitPlan({
      lead,
      previous: enrollment,
      next,
      now,
      previousFired: true,
      sequence: firing.sequence,
    });
    return { result: 'deferred', reason: 'outside business hours', until: opening.at.toISOString() };
  }
  if (state.sendingPaused) return deferWhilePaused(firing, state.sendingPaused);
  // A step tried before (given back after a transient failure, or in doubt) is not held again.
  if (!state.stepSend) {
    const hold = await sendHoldFor(lead, state.settings, now);
    if (hold) return deferForAccountPolicy(firing, hold);
  }
  return deliver(firing);
}

/**
 * The org's account policy or frequency cap holds the step (engine/accounts.ts): it moves to the first
 * business moment at or after the hold, its reason (account_limit, account_spacing, frequency_cap) in
 * the plan's reasons, where the lead's view and timeline show it; the same firing mechanism as a
 * daily-limit deferral, checked again when it fires.
 */
async function deferForAccountPolicy(firing: Firing, hold: SendHold): Promise<SendOutcome> {
  const { lead, enrollment, window, now } = firing;
  const next = postpone(enrollment, window, hold.until, [hold.reason]);
  await commitPlan({ lead, previous: enrollment, next, now, previousFired: true, sequence: firing.sequence });
  return { result: 'deferred', reason: hold.reason, until: next.nextSendAt ?? hold.until.toISOString() };
}

/**
 * The sending-reputation guard paused the assistant's (or the org's) sending: the step is neither sent
 * nor lost, but moved to the next business day's opening, where the pause is checked again (or sooner:
 * resuming re-plans the leads it deferred).
 */
async function deferWhilePaused(
  firing: Firing,
  paused: NonNullable<SendState['sendingPaused']>,
): Promise<SendOutcome> {
  const { lead, enrollment, assistant, window, now } = firing;
  const next = deferForDailyLimit(enrollment, window, now, 'sending_paused');
  const until = next.nextSendAt ?? '';
  await appendTimelineEvent(lead.orgId, lead.id, {
    kind: 'sending_paused',
    at: now.toISOString(),
    detail: {
      step: enrollment.nextStep,
      scope: paused.scope,
      ...(paused.reason !== undefined && { reason: paused.reason }),
      ...(next.nextSendAt !== undefined && { until: next.nextSendAt }),
    },
  });
  const scope =
    paused.scope === 'assistant' ? { orgId: lead.orgId, assistantId: assistant.id } : { orgId: lead.orgId };
  await commitPlan({
    lead,
    previous: enrollment,
    next,
    now,
    previousFired: true,
    sequence: firing.sequence,
    // Resuming re-plans the leads noted here (engine/sending-reputation.ts).
    alongside: [deferredLeadMarker(scope, lead.id, now)],
  });
  return { result: 'deferred', reason: `sending paused: ${paused.reason ?? paused.scope}`, until };
}

/**
 * What an earlier attempt at this step left decides before anything is rendered: a settled step moves
 * the plan on, a live claim is another invocation's, an abandoned claim or an uncertain step waits for
 * reconciliation. Undefined: the step may be sent (never tried, given back, or uncertain past its
 * window with its one re-send left).
 */
async function settleEarlierAttempt(firing: Firing): Promise<SendOutcome | undefined> {
  const { state, now, enrollment } = firing;
  const record = state.stepSend;
  switch (claimStateOf(record, now)) {
    case 'free':
    case 'resend':
      return undefined;
    case 'already_done':
      // Sent (or settled) before, but the plan still points at it: the bookkeeping after that attempt
      // failed or lost a race. Move the plan on now, without sending again.
      await advanceFromStored(firing);
      return { result: 'ignored', reason: `step ${enrollment.nextStep} was already done; the plan moved on` };
    case 'in_flight':
      // Lambda retries after the claim has either ended (the retry is then stale or settled) or expired.
      throw new Error(`Step ${enrollment.nextStep} is being sent by another invocation; retrying later`);
    case 'abandoned': {
      const claimedAt = new Date(record?.at ?? now.toISOString()).getTime();
      return awaitReconciliation(
        firing,
        'the attempt stopped before recording the provider’s answer',
        new Date(Math.max(claimedAt + firing.settings.reconcileWindowMs, now.getTime())),
        true,
      );
    }
    case 'uncertain': {
      const reconcileAt = new Date(record?.reconcileAt ?? now.toISOString());
      if (reconcileAt > now)
        return awaitReconciliation(firing, record?.reason ?? 'outcome unknown', reconcileAt, false);
      // Unknown twice: it may have gone either time, so it is not sent a third time.
      const reason = 'the provider’s answer was lost twice; not sent again';
      await appendTimelineEvent(firing.lead.orgId, firing.lead.id, {
        kind: 'reconciled_not_sent',
        at: now.toISOString(),
        detail: { step: enrollment.nextStep, resending: false },
      });
      await finish(firing, { ...baseRecord(firing), status: 'failed', reason });
      return { result: 'failed', reason };
    }
  }
}

/**
 * The step may be with the provider: it is marked uncertain (if it was still a claim) and the plan
 * waits until `reconcileAt`, when the firing finds it sent (a provider event said so) or sends it
 * again. The old answer, "give the claim back and send again", is how a lost answer became two e-mails.
 */
async function awaitReconciliation(
  firing: Firing,
  reason: string,
  reconcileAt: Date,
  /** The step is still a claim (this invocation's, or an abandoned one) to mark uncertain. */
  fromClaim: boolean,
): Promise<SendOutcome> {
  const { lead, enrollment, window, now } = firing;
  const ref = baseRecord(firing);
  if (fromClaim) {
    if (!(await markUncertain(ref, { reason, reconcileAt: reconcileAt.toISOString() }))) {
      throw new Error(`Step ${enrollment.nextStep} changed while it was marked uncertain; retrying`);
    }
    countEvent('StepsUncertain', { channel: firing.step.channel });
    await appendTimelineEvent(lead.orgId, lead.id, {
      kind: 'uncertain',
      at: now.toISOString(),
      detail: { step: enrollment.nextStep, reason, reconcileAt: reconcileAt.toISOString() },
    });
    logger.warn('The provider’s answer is unknown; the step is reconciled, not re-sent', {
      step: enrollment.nextStep,
      reason,
    });
  }
  const next = postpone(enrollment, window, reconcileAt, ['reconciliation']);
  await commitPlan({ lead, previous: enrollment, next, now, previousFired: true, sequence: firing.sequence });
  return { result: 'uncertain', reason, until: next.nextSendAt ?? reconcileAt.toISOString() };
}

async function deliver(firing: Firing): Promise<SendOutcome> {
  const { lead, message: step, enrollment, assistant, now } = firing;
  const extras = await stepExtras(firing);
  if (extras.openingSend) firing.state.firstSend = extras.openingSend;
  if (step.messageType === 'custom' && !extras.message)
    return skip(firing, `message ${step.messageId} no longer exists`);

  let prepared: PreparedSend;
  try {
    const { channel } = await CHANNELS[step.channel]();
    prepared = await channel.prepare({
      ...firing,
      step,
      ...(extras.message && { customMessage: extras.message }),
      sendId: sendIdOfFiring(firing),
    });
  } catch (error) {
    if (error instanceof UnprocessableError) return skip(firing, error.message, error.details);
    throw error;
  }

  const day = {
    assistantId: assistant.id,
    localDate: localDateOf(now, assistant.timezone),
    limit: assistant.dailyLimit,
  };
  // The claim checks the suppression list for the address it mails and its domain (nothing is read for
  // them before).
  const recipient = step.channel === 'email' && lead.email ? { email: lead.email } : undefined;
  const claim = await claimSend({ ...baseRecord(firing), ...prepared.record }, day, now, recipient);
  switch (claim) {
    case 'claimed':
      break;
    case 'suppressed':
      return skip(firing, 'the address is on the org’s suppression list');
    case 'domain_suppressed':
      return skip(firing, 'the address’s domain is on the org’s suppression list');
    case 'already_done':
      await advanceFromStored(firing);
      return { result: 'ignored', reason: `step ${enrollment.nextStep} was already done; the plan moved on` };
    case 'contended': {
      // Many leads deferred to the same opening hit one daily counter at once: spread them out.
      const retry = retryLater(enrollment, firing.window, now);
      if (!retry) throw new Error(`Step ${enrollment.nextStep} kept meeting concurrent writes`);
      await commitPlan({
        lead,
        previous: enrollment,
        next: retry,
        now,
        previousFired: true,
        sequence: firing.sequence,
      });
      return { result: 'deferred', reason: 'contended daily counter', until: retry.nextSendAt ?? '' };
    }
    case 'daily_limit': {
      const next = deferForDailyLimit(enrollment, firing.window, now);
      await commitPlan({
        lead,
        previous: enrollment,
        next,
        now,
        previousFired: true,
        sequence: firing.sequence,
      });
      return { result: 'deferred', reason: 'daily limit reached', until: next.nextSendAt ?? '' };
    }
    case 'in_flight':
      throw new Error(`Step ${enrollment.nextStep} is being sent by another invocation; retrying later`);
    default:
      // Another invocation changed the step between the read and the claim: its retry sees how.
      throw new Error(`Step ${enrollment.nextStep} was ${claim} when claimed; retrying later`);
  }
  if (firing.state.stepSend?.status === 'uncertain') {
    await appendTimelineEvent(lead.orgId, lead.id, {
      kind: 'reconciled_not_sent',
      at: now.toISOString(),
      detail: { step: enrollment.nextStep, resending: true },
    });
  }

  let accepted: Accepted;
  const started = performance.now();
  try {
    accepted = await traced(PROVIDER_OF[step.channel], prepared.send);
    recordDuration('ProviderLatency', performance.now() - started, { channel: step.channel });
  } catch (error) {
    recordDuration('ProviderLatency', performance.now() - started, { channel: step.channel });
    countProviderError(error, step.channel);
    if (error instanceof ProviderOutcomeUnknownError) {
      const reconcileAt = new Date(now.getTime() + firing.settings.reconcileWindowMs);
      return awaitReconciliation(firing, error.message, reconcileAt, true);
    }
    if (error instanceof ProviderTransientError) {
      await releaseClaim(baseRecord(firing), day, error.message);
      const retry = retryLater(enrollment, firing.window, now);
      if (retry) {
        await commitPlan({
          lead,
          previous: enrollment,
          next: retry,
          now,
          previousFired: true,
          sequence: firing.sequence,
        });
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
    } else if (!(error instanceof ProviderRejectedError)) throw error;
    const reason = (error as Error).message;
    await finish(firing, { ...baseRecord(firing), status: 'failed', reason });
    return { result: 'failed', reason };
  }

  const sent = await recordAcceptance(firing, accepted);
  // minHoursBetweenAccountSends counts from here (written only while the org spaces its accounts).
  if (lead.accountDomain && firing.state.settings.accountPolicy.minHoursBetweenAccountSends > 0)
    await noteAccountSend(lead.orgId, lead.accountDomain, now);
  await planAfterSend(firing, sent);
  logger.info('Step sent', { leadId: lead.id, step: enrollment.nextStep, channel: step.channel });
  return { result: 'sent', channel: step.channel, providerMessageId: accepted.providerMessageId };
}

type StepExtras = Awaited<ReturnType<typeof readStepExtras>>;

/** Each firing's extras, read once: a reviewed step's draft asks for them twice (its source, its rendering). */
const extrasOfFiring = new WeakMap<Firing, Promise<StepExtras>>();

function stepExtras(firing: Firing): Promise<StepExtras> {
  let extras = extrasOfFiring.get(firing);
  if (!extras) {
    extras = readStepExtras(firing);
    extrasOfFiring.set(firing, extras);
  }
  return extras;
}

/**
 * The step's custom message and the send that opened its thread: from what the firing read when the
 * schedule named the message (the usual case), else in a second read, only of what is missing.
 */
async function readStepExtras({ lead, message: step, enrollment, state }: Firing) {
  const { messageId } = step;
  const system = messageId === undefined ? undefined : findSystemMessage(lead.orgId, messageId);
  const read = messageId !== undefined && state.messages.has(messageId);
  const known = system ?? (read ? state.messages.get(messageId) : undefined);
  const openingStep = enrollment.thread?.openingStep ?? 0;
  const openingSend =
    step.channel === 'email' && openingStep > 0
      ? { leadId: lead.id, runId: enrollment.runId, stepIndex: openingStep }
      : undefined;
  const missing = messageId !== undefined && !system && !read ? messageId : undefined;
  if (missing === undefined && !openingSend) return known ? { message: known } : {};
  const extras = await loadStepExtras(lead.orgId, {
    ...(missing !== undefined && { messageId: missing }),
    ...(openingSend && { openingSend }),
  });
  const message = known ?? extras.message;
  return { ...extras, ...(message && { message }) };
}

/**
 * What the step's draft is written from now: the lead's language and the org's formality (as the e-mail
 * channel writes them), and its custom message at its version (none once the message is gone).
 */
async function draftSource(firing: Firing): Promise<DraftSource> {
  const { language, formality } = leadWriting(firing.lead, firing.state.settings);
  if (firing.message.messageType !== 'custom') return { language, formality };
  const { message } = await stepExtras(firing);
  return { language, formality, ...(message && { message: { id: message.id, version: message.version } }) };
}

/** The step's e-mail as the channel would render it now, and its writer: the draft a reviewer is shown. */
async function renderDraft(firing: Firing) {
  const extras = await stepExtras(firing);
  if (extras.openingSend) firing.state.firstSend = extras.openingSend;
  const { message } = firing;
  if (message.messageType === 'custom' && !extras.message)
    throw new UnprocessableError(`message ${message.messageId} no longer exists`);
  const { renderEmail } = await import('./channels/email');
  return renderEmail({
    ...firing,
    step: message,
    ...(extras.message && { customMessage: extras.message }),
    sendId: sendIdOfFiring(firing),
  });
}

const PROVIDER_OF: Record<Step['channel'], string> = { email: 'ses', whatsapp: 'sinch' };

/** Each channel loads with the first step of its own: e-mail steps never load the WhatsApp SDK. */
const CHANNELS: Record<Step['channel'], () => Promise<{ channel: Channel }>> = {
  email: () => import('./channels/email'),
  whatsapp: () => import('./channels/whatsapp'),
};

/**
 * `ProviderErrors` by channel only, the dashboard's metric; `ProviderErrorsByKind` also by what the
 * provider's answer means (refused for now, rejected, unknown outcome, or an error of our own).
 */
function countProviderError(error: unknown, channel: Step['channel']): void {
  const kind =
    error instanceof ProviderTransientError
      ? 'transient'
      : error instanceof ProviderRejectedError
        ? 'rejected'
        : error instanceof ProviderOutcomeUnknownError
          ? 'unknown'
          : 'unexpected';
  countEvent('ProviderErrors', { channel });
  countEvent('ProviderErrorsByKind', { channel, kind });
}

/**
 * The provider has the message: recording that comes before anything else can fail, and is retried.
 * If it still fails, the claim stays; past its lease it is reconciled from the provider's events.
 */
async function recordAcceptance(firing: Firing, accepted: Accepted): Promise<SendRecord | undefined> {
  const ref = baseRecord(firing);
  const at = firing.now.toISOString();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await recordSent(ref, { ...accepted, at });
    } catch (error) {
      if (attempt >= RECORD_SENT_ATTEMPTS) throw error;
      logger.warn('Recording an accepted send failed; trying again', { attempt, error });
      await new Promise((done) => setTimeout(done, 50 * 4 ** (attempt - 1)));
    }
  }
}

/** After a send was recorded: the next step's plan, from the lead as read or, if it changed, as stored. */
async function planAfterSend(firing: Firing, sent: SendRecord | undefined): Promise<void> {
  const { lead, enrollment, now } = firing;
  if (!sent) return advanceFromStored(firing);
  const thread = sent.channel === 'email' ? threadAfter(enrollment.thread, sent) : undefined;
  const next = advance(enrollment, planContextOf(firing), stepTime(enrollment, now), thread);
  try {
    await commitPlan({
      lead,
      previous: enrollment,
      next,
      now,
      previousFired: true,
      sequence: firing.sequence,
    });
  } catch (error) {
    if (!(error instanceof LeadChangedError)) throw error;
    await advanceFromStored(firing);
  }
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
async function finish(firing: Firing, record: SendRecord): Promise<void> {
  const { lead, enrollment, now } = firing;
  const next = advance(enrollment, planContextOf(firing), stepTime(enrollment, now));
  try {
    await commitPlan({
      lead,
      previous: enrollment,
      next,
      now,
      previousFired: true,
      sequence: firing.sequence,
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
  // A lead snoozed again after this step went stays snoozed: its next step waits for its wake (core).
  if (!current || !enrollment || !isRunning(enrollment.status)) return;
  if (enrollment.runId !== input.runId || enrollment.nextStep !== input.stepIndex) return;
  const sent = done?.status === 'sent';
  const thread = sent && done.channel === 'email' ? threadAfter(enrollment.thread, done) : undefined;
  // A step reconciled as sent counts from when it went, not from when its reconciliation fired.
  const stepAt = sent ? new Date(done.at) : stepTime(enrollment, now);
  // Unchanged since this firing read it: the firing is still the wake of a snoozed lead.
  const from = enrollment.revision === input.revision ? wokenByItsSchedule(enrollment) : enrollment;
  const next = advance(from, planContextOf(firing), stepAt, thread);
  await commitPlan({ lead: current, previous: enrollment, next, now, sequence: firing.sequence }).catch(
    (error: unknown) => {
      if (!(error instanceof LeadChangedError)) throw error;
      logger.warn('The lead kept changing; its plan is left to the writer that changed it', {
        leadId: current.id,
      });
    },
  );
}

function planContextOf({ sequence, window, now }: Firing) {
  return { sequence, window, now };
}

/** The next step counts from when this one was due, not the seconds later it went out: the time of day holds. */
function stepTime(enrollment: Enrollment, now: Date): Date {
  const due = enrollment.nextSendAt ? new Date(enrollment.nextSendAt) : now;
  return due.getTime() <= now.getTime() ? due : now;
}

function sendIdOfFiring({ lead, enrollment }: Firing): string {
  return sendIdOf(lead.orgId, lead.id, enrollment.runId, enrollment.nextStep);
}

function baseRecord({ input, lead, enrollment, step, message, variant, now }: Firing): SendRecord {
  return {
    orgId: lead.orgId,
    leadId: lead.id,
    runId: enrollment.runId,
    stepIndex: enrollment.nextStep,
    channel: step.channel,
    // What the stats consumer counts the step's outcomes under (lambdas/engine/outcome-counting.ts).
    sequenceId: enrollment.sequenceId,
    assistantId: lead.assistantId,
    ...(variant !== undefined && { variant }),
    ...(message.messageType === 'generated' && message.tone !== undefined && { tone: message.tone }),
    // Why the step goes now and not when its delay alone said (a holiday, the daily limit, ...): the
    // plan's reasons, kept on the record so the timeline still says so once the step is sent.
    ...(enrollment.nextReasons.length > 0 && { reasons: enrollment.nextReasons }),
    ...(enrollment.nextHolidays && { holidays: enrollment.nextHolidays }),
    status: 'claimed',
    at: now.toISOString(),
    attempts: 1,
    revision: input.revision,
  };
}
