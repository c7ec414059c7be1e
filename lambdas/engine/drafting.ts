/**
 * A generated step's text when a model writes them (issue #26): written once per step of a run and
 * kept (data/drafts.ts), so retries, re-deliveries and previews send and show the same words and the
 * model is never asked twice for one step and the same brief (its tone, position, language and
 * formality: a step that asks for another since is written anew, core/rendering/draft-brief.ts). The
 * model is asked under a claim on the step's draft item, so two firings at once (a re-delivery) pay for
 * one text: the other waits for it. The model gets the thread so far: our earlier e-mails of the
 * run as they went out (the opening one as quoted; a later one as a person approved it, else as kept,
 * and only if its send record says sent: a step rejected, timed out or skipped was never read by the
 * lead), at the time they were sent, and the lead's last reply as the engine read it.
 * A model that fails, is too slow, or writes a draft the guardrails refuse is replaced by the bank's
 * text for that step, kept the same way, with the reason: a log line, the `FollowupWriterFallbacks`
 * metric, and `writer.fallbackReason` on the draft and the send record (the lead's timeline shows it).
 *
 * With the bank (the default) nothing is read or kept: its text is a pure function of the lead and the
 * step, written again the same at every render.
 */
import { randomUUID } from 'node:crypto';
import type { ApprovalText } from '../core/approvals';
import type { LastReply } from '../core/leads';
import { draftBriefOf, fitsBrief } from '../core/rendering/draft-brief';
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
import { CLAIM_LEASE_MS } from '../core/sends';
import { runApprovals } from '../data/approvals';
import {
  claimDrafting,
  getRunDrafts,
  keepClaimedDraft,
  type LeadRef,
  type StepDraftItem,
} from '../data/drafts';
import { sentStepsOfRun } from '../data/sends';
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

/** How a firing waits for another one writing the same step: polls, and the pause between two. */
export interface DraftingPatience {
  polls: number;
  pollMs: number;
}

/**
 * About 10 s: past the model's 8 s timeout (DEFAULT_WRITER_TIMEOUT_MS) and the write after it. A firing
 * that waited so long in vain throws, and Lambda's retry comes back to a draft, or to a lapsed claim.
 */
const PATIENCE: DraftingPatience = { polls: 20, pollMs: 500 };

/**
 * A claim on drafting a step lasts as long as a claim on sending it (CLAIM_LEASE_MS), past the sender's
 * 30 s timeout: while it lasts its holder may still store a text, so nobody else asks the model.
 */
const DRAFTING_LEASE_MS = CLAIM_LEASE_MS;

/** Another firing claimed the step's drafting and did not store a text while this one waited. */
export class DraftingElsewhereError extends Error {
  override readonly name = 'DraftingElsewhereError';
}

/**
 * The step's kept draft when it was written for what the step asks now (its tone, position, language,
 * formality: core/rendering/draft-brief.ts), else one written now and stored in its place; undefined with
 * the bank, which keeps nothing. The model is asked only under a claim on the step's item: a firing that
 * finds another's claim waits for its text (a few seconds) instead of paying for a second one.
 */
export async function draftStep(
  writer: FollowupWriter,
  input: DraftingInput,
  patience: DraftingPatience = PATIENCE,
): Promise<StepDraft | undefined> {
  if (writer.kind === 'bank') return undefined;
  const { lead, runId, request, now } = input;
  const brief = draftBriefOf(request);
  const drafts = await getRunDrafts(lead, runId);
  const kept = drafts.find((draft) => draft.stepIndex === request.stepIndex);
  if (kept && fitsBrief(kept.writtenFor, brief)) return kept;
  const step = { runId, stepIndex: request.stepIndex };
  const claim = { by: randomUUID(), until: new Date(now.getTime() + DRAFTING_LEASE_MS).toISOString() };
  let written: StepDraft | undefined;
  for (let poll = 0; ; poll += 1) {
    const claimed = await claimDrafting(lead, step, brief, claim, now);
    let stored: StepDraftItem;
    if (claimed === 'claimed') {
      // Written once: a claim lost and won again stores the same text, without a second call.
      written ??= {
        ...step,
        writtenFor: brief,
        ...(await write(writer, {
          ...request,
          thread: threadSoFar(input, drafts, await sentOfRun(lead, runId)),
        })),
        at: now.toISOString(),
      };
      const kept = await keepClaimedDraft(lead, written, claim.by);
      if (kept === 'kept') return written;
      stored = kept;
    } else stored = claimed;
    if (stored.draft && fitsBrief(stored.draft.writtenFor, brief)) return stored.draft;
    if (poll >= patience.polls) {
      throw new DraftingElsewhereError(
        `Step ${request.stepIndex} is being drafted by another firing, which stored no text in time; retrying`,
      );
    }
    await new Promise((done) => setTimeout(done, patience.pollMs));
  }
}

/** The model's text, or the bank's when the model fails or its draft is refused, with why. */
async function write(
  writer: FollowupWriter,
  request: FollowupRequest,
): Promise<{ message: GeneratedMessage; writer: WriterRecord }> {
  try {
    return { message: await writer.write(request), writer: { kind: writer.kind } };
  } catch (error) {
    const reason = fallbackReasonOf(error);
    // The reason and the error's name only: the draft and the lead's details are personal data.
    logger.warn('The follow-up writer fell back to the bank', {
      step: request.stepIndex,
      reason,
      error: error instanceof Error ? error.name : typeof error,
    });
    countEvent('FollowupWriterFallbacks', { kind: reason });
    return { message: toneBankWriter.write(request), writer: { kind: 'bank', fallbackReason: reason } };
  }
}

/** A step of the run that went out: its send record, and the approval a person gave it, if any. */
interface SentStep {
  stepIndex: number;
  sentAt: string;
  approved?: ApprovalText;
}

/**
 * The run's steps that were sent, with the text a person approved for them: read only when the model is
 * asked (once per step), so a firing that reuses a kept draft reads nothing more.
 */
async function sentOfRun(lead: LeadRef, runId: string): Promise<SentStep[]> {
  const [sends, approvals] = await Promise.all([
    sentStepsOfRun(lead.orgId, lead.leadId, runId),
    runApprovals(lead.orgId, lead.leadId, runId),
  ]);
  return sends.map((send) => {
    const approval = approvals.find((each) => each.stepIndex === send.stepIndex);
    const approved = approval?.status === 'approved' ? approval.approved : undefined;
    return { stepIndex: send.stepIndex, sentAt: send.at, ...(approved && { approved }) };
  });
}

/**
 * Our e-mails of the run before this step as the lead read them, oldest first, and the lead's last reply:
 * a step counts only if it was sent, in the text a person approved (an edit included) or else its kept
 * draft; a sent step with neither (a custom message) is left out, as before.
 */
function threadSoFar(
  input: DraftingInput,
  drafts: readonly StepDraft[],
  sent: readonly SentStep[],
): ThreadSoFar {
  const { request, firstEmail, lead } = input;
  const openingStep = input.openingStep ?? 0;
  const earlier = sent
    .filter((step) => step.stepIndex < request.stepIndex)
    .filter((step) => !(firstEmail && step.stepIndex === openingStep))
    .flatMap((step) => {
      const kept = drafts.find((draft) => draft.stepIndex === step.stepIndex)?.message;
      const text = step.approved
        ? { subject: step.approved.subject, html: step.approved.body }
        : kept && { subject: kept.subject, html: kept.html };
      if (!text) return [];
      return [
        {
          stepIndex: step.stepIndex,
          ...(text.subject !== undefined && { subject: text.subject }),
          // Placeholders filled: the model reads the text as the lead did.
          text: htmlToPlainText(fillPlaceholders(text.html, request, 'html').text),
          sentAt: step.sentAt,
        },
      ];
    });
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
