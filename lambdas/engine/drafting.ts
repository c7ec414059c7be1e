/**
 * A generated step's text when a model writes them (issue #26): written once per step of a run and
 * kept (data/drafts.ts), so retries, re-deliveries and previews send and show the same words and the
 * model is never asked twice for one step and the same brief (its tone, position, language and
 * formality: a step that asks for another since is written anew, core/rendering/draft-brief.ts). The model gets the thread so far: our earlier e-mails of the
 * run (the opening one as sent, the later ones as kept) and the lead's last reply as the engine read it.
 * A model that fails, is too slow, or writes a draft the guardrails refuse is replaced by the bank's
 * text for that step, kept the same way, with the reason: a log line, the `FollowupWriterFallbacks`
 * metric, and `writer.fallbackReason` on the draft and the send record (the lead's timeline shows it).
 *
 * With the bank (the default) nothing is read or kept: its text is a pure function of the lead and the
 * step, written again the same at every render.
 */
import { randomUUID } from 'node:crypto';
import type { LastReply } from '../core/leads';
import { type DraftBrief, draftBriefOf, fitsBrief } from '../core/rendering/draft-brief';
import {
  type FollowupRequest,
  type FollowupWriter,
  type GeneratedMessage,
  toneBankWriter,
} from '../core/rendering/followup-writer';
import type {
  DraftRefusedError,
  FallbackReason,
  StepDraft,
  ThreadSoFar,
  WriterRecord,
} from '../core/rendering/model-drafts';
import { fillPlaceholders } from '../core/rendering/personalize';
import { htmlToPlainText } from '../core/rendering/plain-text';
import type { FirstEmail } from '../core/rendering/threading';
import { getRunDrafts, keepDraft, type LeadRef } from '../data/drafts';
import { countEvent, logger } from '../runtime/observability';

export interface DraftingInput {
  lead: LeadRef & { lastReply?: LastReply };
  runId: string;
  /** What the writer is asked; `thread` is filled here. */
  request: FollowupRequest;
  /** The e-mail that opened the thread, as sent (the bank may have written it, so it has no draft). */
  firstEmail?: FirstEmail;
  openingStep?: number;
  now: Date;
}

/**
 * The step's kept draft when it was written for what the step asks now (its tone, position, language,
 * formality: core/rendering/draft-brief.ts), else one written now and kept in its place; undefined with
 * the bank, which keeps nothing.
 */
export async function draftStep(
  writer: FollowupWriter,
  input: DraftingInput,
): Promise<StepDraft | undefined> {
  if (writer.kind === 'bank') return undefined;
  const { lead, runId, request } = input;
  const brief = draftBriefOf(request);
  const drafts = await getRunDrafts(lead, runId);
  const kept = drafts.find((draft) => draft.stepIndex === request.stepIndex);
  if (kept && fitsBrief(kept.writtenFor, brief)) return kept;
  const thread = threadSoFar(input, drafts);
  const { message, record } = await write(writer, { ...request, thread });
  const draft: StepDraft = {
    runId,
    stepIndex: request.stepIndex,
    draftId: randomUUID(),
    writtenFor: brief,
    message,
    writer: record,
    at: input.now.toISOString(),
  };
  return keepFitting(lead, draft, brief, kept);
}

/** The model's text, or the bank's when the model fails or its draft is refused, with why. */
async function write(
  writer: FollowupWriter,
  request: FollowupRequest,
): Promise<{ message: GeneratedMessage; record: WriterRecord }> {
  try {
    return { message: await writer.write(request), record: { kind: writer.kind } };
  } catch (error) {
    const reason = fallbackReasonOf(error);
    // The reason and the error's name only: the draft and the lead's details are personal data.
    logger.warn('The follow-up writer fell back to the bank', {
      step: request.stepIndex,
      reason,
      error: error instanceof Error ? error.name : typeof error,
    });
    countEvent('FollowupWriterFallbacks', { kind: reason });
    return { message: toneBankWriter.write(request), record: { kind: 'bank', fallbackReason: reason } };
  }
}

/** Tries to keep a draft this many times while others replace the step's with drafts of other briefs. */
const KEEP_ATTEMPTS = 3;

/**
 * Keeps `draft` in place of `stale` (the step's draft read, if any), and answers what the step sends:
 * ours, or the one another firing kept first for the same brief. A draft kept meanwhile for another
 * brief (a firing that read the step before an edit) is replaced in turn.
 */
async function keepFitting(
  lead: LeadRef,
  draft: StepDraft,
  brief: DraftBrief,
  stale: StepDraft | undefined,
): Promise<StepDraft> {
  let replacing = stale;
  for (let attempt = 1; attempt <= KEEP_ATTEMPTS; attempt += 1) {
    const stored = await keepDraft(lead, draft, replacing);
    if (stored && (stored.draftId === draft.draftId || fitsBrief(stored.writtenFor, brief))) return stored;
    replacing = stored;
  }
  throw new Error(`The draft of step ${draft.stepIndex} kept changing while it was kept; retrying`);
}

/** Our e-mails of the run before this step, oldest first, and the lead's last reply. */
function threadSoFar(input: DraftingInput, drafts: readonly StepDraft[]): ThreadSoFar {
  const { request, firstEmail, lead } = input;
  const openingStep = input.openingStep ?? 0;
  const earlier = drafts
    .filter((draft) => draft.stepIndex < request.stepIndex)
    .filter((draft) => !(firstEmail && draft.stepIndex === openingStep))
    .map((draft) => ({
      stepIndex: draft.stepIndex,
      ...(draft.message.subject !== undefined && { subject: draft.message.subject }),
      // The bank's text is kept with its placeholders: the model reads it as the lead did.
      text: htmlToPlainText(fillPlaceholders(draft.message.html, request, 'html').text),
      sentAt: draft.at,
    }));
  const opening = firstEmail
    ? [{ stepIndex: openingStep, text: htmlToPlainText(firstEmail.html), sentAt: firstEmail.sentAt }]
    : [];
  const reply = lead.lastReply;
  return {
    earlier: [...opening, ...earlier].sort((a, b) => a.stepIndex - b.stepIndex),
    ...(reply && { lastReply: { at: reply.at, channel: reply.channel, intent: reply.intent } }),
  };
}

const THROTTLED = new Set(['ThrottlingException', 'ServiceQuotaExceededException']);
const TIMED_OUT = new Set(['TimeoutError', 'AbortError', 'ModelTimeoutException']);

/**
 * Why the bank wrote the step instead. By the error's name: the model writer's module (and its language
 * detector) loads only when a model is configured, so the e-mail channel does not import it for this.
 */
export function fallbackReasonOf(error: unknown): FallbackReason {
  const name = error instanceof Error ? error.name : '';
  if (name === 'DraftRefusedError') return (error as DraftRefusedError).reason;
  if (name === 'InvalidDraftAnswerError') return 'invalid_answer';
  if (TIMED_OUT.has(name)) return 'timeout';
  if (THROTTLED.has(name)) return 'throttled';
  return 'model_error';
}
