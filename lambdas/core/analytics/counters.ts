/**
 * What each recorded outcome adds to the stats counters (docs/architecture.md, "Analytics"). Pure: the
 * stats consumer (lambdas/engine/outcome-counting.ts) hands in the changes the table's stream carries
 * and the step a lead event is credited to, and writes what comes back.
 *
 * Counter families, each read with one Query per report window:
 * - per (org, sequence, step, variant, day): every outcome of a step, by the lead's variant;
 * - per (org, sequence, day): enrolled, completed and stopped leads (by stop reason);
 * - per (org, tone, day) and per (org, assistant, day): every outcome of a step;
 * - per (org, day, sequence): replies by intent per step, and corrections of a reply's intent (one
 *   item per day and sequence, so an item stays small however many sequences an org runs, and a window
 *   of the org's is still one Query).
 * Two more, read with one request each: the sequence's active leads now (a gauge), and each variant's
 * sends and replies since it began (the auto-promotion's figures).
 */
import type { Enrollment } from '../enrollment';
import { isRunning } from '../enrollment-status';
import { REPLY_INTENTS, type ReplyIntent } from '../replies';

export const OUTCOMES = [
  'sent',
  'delivered',
  'bounced',
  'bouncedSoft',
  'replied',
  'outOfOffice',
  'unsubscribed',
  'notInterested',
  'complained',
  'skipped',
  'failed',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const LEAD_COUNTS = [
  'enrolled',
  'completed',
  'stoppedReplied',
  'stoppedUnsubscribed',
  'stoppedBounced',
  'stoppedNotInterested',
  'stoppedManual',
  'stoppedOther',
] as const;
export type LeadCount = (typeof LEAD_COUNTS)[number];

export type Counter =
  | { family: 'step'; orgId: string; sequenceId: string; step: number; variant?: string; day: string }
  | { family: 'variantTotal'; orgId: string; sequenceId: string; step: number; variant: string }
  | { family: 'leads'; orgId: string; sequenceId: string; day: string }
  | { family: 'active'; orgId: string; sequenceId: string }
  | { family: 'tone'; orgId: string; tone: string; day: string }
  | { family: 'assistant'; orgId: string; assistantId: string; day: string }
  | { family: 'replyIntents'; orgId: string; sequenceId: string; day: string };

/**
 * The fields of a `replyIntents` counter: replies of an intent at a step (`<step>#<intent>`), and
 * corrections of a reply's intent from one to another (`corrected#<from>#<to>`).
 */
export type ReplyIntentField = `${number}#${ReplyIntent}` | `corrected#${ReplyIntent}#${ReplyIntent}`;

export interface Increment {
  counter: Counter;
  field: Outcome | LeadCount | 'active' | ReplyIntentField;
  by: number;
}

/** What a counted outcome is filed under: the step sent to the lead, as its send record names it. */
export interface CreditedStep {
  orgId: string;
  sequenceId?: string;
  stepIndex: number;
  assistantId?: string;
  variant?: string;
  tone?: string;
}

/** The step a send record names, as its outcomes are filed: what the stats count it under. */
export function creditOf(send: CreditedStep): CreditedStep {
  return {
    orgId: send.orgId,
    stepIndex: send.stepIndex,
    ...(send.sequenceId !== undefined && { sequenceId: send.sequenceId }),
    ...(send.assistantId !== undefined && { assistantId: send.assistantId }),
    ...(send.variant !== undefined && { variant: send.variant }),
    ...(send.tone !== undefined && { tone: send.tone }),
  };
}

/** The UTC day of an ISO instant: stats days are UTC days. */
export const dayOf = (at: string) => at.slice(0, 10);

/**
 * A send record's change that is an outcome: it became sent, skipped, or failed without having been
 * sent (a bounce turns a sent step failed; the bounce is counted from its own event).
 */
export function outcomeOfSendChange(
  before: { status?: string } | undefined,
  after: { status?: string },
): Outcome | undefined {
  if (after.status === before?.status) return undefined;
  if (after.status === 'sent') return 'sent';
  if (after.status === 'skipped') return 'skipped';
  if (after.status === 'failed' && before?.status !== 'sent') return 'failed';
  return undefined;
}

const EVENT_OUTCOMES: Record<string, Outcome> = {
  delivery: 'delivered',
  whatsapp_delivered: 'delivered',
  bounced: 'bounced',
  bounced_transiently: 'bouncedSoft',
  replied: 'replied',
  out_of_office: 'outOfOffice',
  unsubscribed: 'unsubscribed',
  not_interested: 'notInterested',
  complained: 'complained',
};

/** The outcome a timeline event stands for, if it is one the stats count. */
export const outcomeOfEvent = (kind: string): Outcome | undefined => EVENT_OUTCOMES[kind];

/** Outcomes whose step is the one the lead's last send was (not a send record of their own). */
export const isCreditedToLastSend = (outcome: Outcome) =>
  outcome !== 'sent' && outcome !== 'skipped' && outcome !== 'failed';

/** The increments one outcome of a step makes, in each family that can name it. */
export function outcomeIncrements(outcome: Outcome, credited: CreditedStep, at: string): Increment[] {
  const { orgId, sequenceId, stepIndex, variant, tone, assistantId } = credited;
  const day = dayOf(at);
  const increments: Increment[] = [];
  if (sequenceId !== undefined) {
    increments.push({
      counter: {
        family: 'step',
        orgId,
        sequenceId,
        step: stepIndex,
        ...(variant !== undefined && { variant }),
        day,
      },
      field: outcome,
      by: 1,
    });
    if (variant !== undefined && (outcome === 'sent' || outcome === 'replied')) {
      increments.push({
        counter: { family: 'variantTotal', orgId, sequenceId, step: stepIndex, variant },
        field: outcome,
        by: 1,
      });
    }
  }
  if (tone !== undefined)
    increments.push({ counter: { family: 'tone', orgId, tone, day }, field: outcome, by: 1 });
  if (assistantId !== undefined) {
    increments.push({ counter: { family: 'assistant', orgId, assistantId, day }, field: outcome, by: 1 });
  }
  return increments;
}

const STOP_COUNTS: Partial<Record<string, LeadCount>> = {
  replied: 'stoppedReplied',
  unsubscribed: 'stoppedUnsubscribed',
  bounced: 'stoppedBounced',
  not_interested: 'stoppedNotInterested',
  manual: 'stoppedManual',
};

export interface LeadImage {
  orgId?: string;
  updatedAt?: string;
  enrollment?: Pick<Enrollment, 'runId' | 'sequenceId' | 'status' | 'stopReason'>;
}

/**
 * What a lead's change does to its sequences' lead counts: a new run (or a move) enrolls it, a run that
 * ends completes or stops it, and the active gauge follows the lead on and off each sequence. A snoozed
 * lead is still running on its sequence: the gauge keeps it, and snoozing or waking ends nothing.
 */
export function leadIncrements(before: LeadImage | undefined, after: LeadImage | undefined): Increment[] {
  const orgId = after?.orgId ?? before?.orgId;
  if (orgId === undefined) return [];
  const was = before?.enrollment;
  const is = after?.enrollment;
  const increments: Increment[] = [];
  const wasRunning = isRunning(was?.status);
  const runsNow = isRunning(is?.status);
  if (wasRunning && (!runsNow || is?.sequenceId !== was?.sequenceId)) {
    increments.push({
      counter: { family: 'active', orgId, sequenceId: was.sequenceId },
      field: 'active',
      by: -1,
    });
  }
  if (runsNow && (!wasRunning || is.sequenceId !== was?.sequenceId)) {
    increments.push({
      counter: { family: 'active', orgId, sequenceId: is.sequenceId },
      field: 'active',
      by: 1,
    });
  }
  if (!is || !after?.updatedAt) return increments;
  const day = dayOf(after.updatedAt);
  const leads = { family: 'leads' as const, orgId, sequenceId: is.sequenceId, day };
  const newRun = !was || was.runId !== is.runId || was.sequenceId !== is.sequenceId;
  if (newRun) increments.push({ counter: leads, field: 'enrolled', by: 1 });
  const ended = !runsNow && (newRun || wasRunning);
  if (ended && is.status === 'completed') increments.push({ counter: leads, field: 'completed', by: 1 });
  if (ended && is.status === 'stopped') {
    increments.push({ counter: leads, field: STOP_COUNTS[is.stopReason ?? ''] ?? 'stoppedOther', by: 1 });
  }
  return increments;
}

const isReplyIntent = (value: unknown): value is ReplyIntent =>
  (REPLY_INTENTS as readonly unknown[]).includes(value);

/** What the reply-intent counting reads of a timeline event: its kind and, loosely, its detail. */
export interface IntentEvent {
  kind: string;
  /** `intent`, `via` (unsubscribed), `from` and `to` (a correction) are read, and checked here. */
  detail?: Readonly<Record<string, unknown>>;
}

/**
 * The intent a timeline event counts a reply under, if it is a person's reply: a `replied` or
 * `not_interested` entry with the intent it was read as (a `not_interested` entry written before
 * intents were read is that intent by its kind; a `replied` one without an intent is left uncounted),
 * and an unsubscribe asked for by reply. An unsubscribe is counted from its own `unsubscribed` event
 * only, so a reply entry naming `unsubscribe` is not counted a second time.
 */
export function replyIntentOfEvent(event: IntentEvent): ReplyIntent | undefined {
  const intent = event.detail?.intent;
  switch (event.kind) {
    case 'replied':
      return isReplyIntent(intent) && intent !== 'unsubscribe' ? intent : undefined;
    case 'not_interested':
      if (intent === undefined) return 'not_interested';
      return isReplyIntent(intent) && intent !== 'unsubscribe' ? intent : undefined;
    case 'unsubscribed':
      return event.detail?.via === 'reply' ? 'unsubscribe' : undefined;
    default:
      return undefined;
  }
}

/** The correction a `reply_intent_corrected` event records, if it is one. */
export function intentCorrectionOf(event: IntentEvent): { from: ReplyIntent; to: ReplyIntent } | undefined {
  if (event.kind !== 'reply_intent_corrected') return undefined;
  const { from, to } = event.detail ?? {};
  return isReplyIntent(from) && isReplyIntent(to) ? { from, to } : undefined;
}

/** Replies of a sequence's step by intent; a step sent outside any sequence is not counted. */
export function replyIntentIncrements(
  intent: ReplyIntent,
  credited: CreditedStep,
  at: string,
  by = 1,
): Increment[] {
  const { orgId, sequenceId, stepIndex } = credited;
  if (sequenceId === undefined) return [];
  const counter = { family: 'replyIntents' as const, orgId, sequenceId, day: dayOf(at) };
  return [{ counter, field: `${stepIndex}#${intent}`, by }];
}

/** The reply a correction corrects: when it came, the step it was credited to, what it counted as. */
export interface CorrectedReply {
  at: string;
  credited: CreditedStep;
  /** Whether it was counted under an intent (it was not when read before intents were). */
  counted: boolean;
}

/**
 * A correction of a reply's intent re-files that reply: one count moves from `from` to `to` at the
 * reply's step and on the reply's day (not the correction's: a window then never holds the move's
 * minus without its plus), and the correction itself is counted there too, per `from` and `to`, so
 * each window's corrections are of the replies it shows. A reply that was not counted only gains its
 * `to`; a "correction" to the same intent changes nothing.
 */
export function correctionIncrements(
  correction: { from: ReplyIntent; to: ReplyIntent },
  reply: CorrectedReply,
): Increment[] {
  const { from, to } = correction;
  const { orgId, sequenceId } = reply.credited;
  if (from === to || sequenceId === undefined) return [];
  const counter = { family: 'replyIntents' as const, orgId, sequenceId, day: dayOf(reply.at) };
  return [
    // `from`, not what the reply was first read as: a second correction moves what the first one set.
    ...(reply.counted ? replyIntentIncrements(from, reply.credited, reply.at, -1) : []),
    ...replyIntentIncrements(to, reply.credited, reply.at),
    { counter, field: `corrected#${from}#${to}`, by: 1 },
  ];
}
