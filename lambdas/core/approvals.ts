/**
 * A person's approval of a step before it is sent: which steps need one (`review` on the sequence and
 * on its steps), what an approval is, and what a firing of a reviewed step does with it. Pure: the
 * sender's gate (engine/review-gate.ts) and the approvals API (engine/approvals.ts) act on these
 * decisions; the plan transitions that go with them are core/approval-plans.ts's.
 *
 * The life of a reviewed step: its schedule fires 24 h before it is due (or at once, when it is due
 * sooner) and drafts it, rendered as the sender would send it; the draft waits in `GET /approvals`. At
 * its due time an approved step goes with the approved text, a rejected one is skipped (`rejected`),
 * and a pending one waits (`awaiting_approval`) until it is decided or `approvalTimeoutDays` pass,
 * when it is skipped (`approval_timed_out`). Either way the sequence goes on.
 */
import * as z from 'zod/mini';
import type { Enrollment } from './enrollment';
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError } from './errors';
import { type Formality, writtenLanguage } from './languages';
import { lazy } from './lazy';
import { EmailContentSchema } from './messages';
import type { Caller } from './permissions';
import type { WriterRecord } from './rendering/writer-record';
import {
  DEFAULT_APPROVAL_TIMEOUT_DAYS,
  type ReviewPolicy,
  type Sequence,
  type Step,
  timingChanged,
} from './sequences';
import { type Warning, warning } from './warnings';

/** How long before its due time a reviewed step is drafted: a working day for someone to look at it. */
const DRAFT_AHEAD_MS = 24 * 3600 * 1000;
/** A firing this much before the due time is early (the scheduler's precision is a minute). */
const EARLY_TOLERANCE_MS = 60_000;
const DAY_MS = 24 * 3600 * 1000;
const MINUTE_MS = 60_000;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Why a reviewed step was skipped: the send record's reason. */
export const REJECTED = 'rejected';
export const APPROVAL_TIMED_OUT = 'approval_timed_out';

/** The text of an e-mail step: the subject (only sent when it opens the thread) and the HTML body. */
export interface ApprovalText {
  subject: string;
  body: string;
}

/**
 * What a draft was written from besides its sequence's version: the lead's language, the org's
 * formality and the step's custom message at its version. A pending draft whose sources moved is drafted
 * again (at the step's firing) or withdrawn and drafted again (when someone tries to decide it): a
 * person never approves a text that would no longer be written.
 */
export interface DraftSource {
  language: string;
  formality: Formality;
  /** The custom message (or the lead's A/B variant's) the draft renders; absent for a generated step. */
  message?: { id: string; version: number };
}

/** One reviewed step of one lead's run: its draft, and what a person decided. */
export interface Approval {
  id: string;
  orgId: string;
  leadId: string;
  runId: string;
  stepIndex: number;
  sequenceId: string;
  /**
   * The sequence version the draft was made from: a pending draft older than the version the lead's plan
   * follows (`enrollment.sequenceVersion`, moved by a re-plan) is drafted again; an edit that re-plans
   * nobody (a rename) leaves it.
   */
  sequenceVersion: number;
  /**
   * The approval's version, its ETag: a number that only grows. A draft's is the millisecond it was made
   * (or one more than the pending draft it replaces, if that is larger), so a draft made after another was
   * removed (a re-plan, a resumed lead) never has a version read of the one before; a decision is one more
   * than the draft's. A decision names the version the person read (If-Match) and is written only over it.
   */
  version: number;
  /** What the draft was written from; absent on a draft made before it was recorded. */
  draftedFrom?: DraftSource;
  /** The sequence's owner, who may decide its approvals besides the org's admins. */
  sequenceOwnerId: string;
  assistantId: string;
  channel: 'email';
  /** The lead's A/B variant of the step, when it has variants. */
  variant?: string;
  /** Who it goes to, as drafted: the list shows it without reading every lead. */
  lead: { name: string; email: string };
  status: ApprovalStatus;
  /** The step as the engine would send it: subject and body (the message, without signature or quote). */
  draft: ApprovalText;
  /**
   * The e-mail opens the lead's thread: its subject is sent (and can be edited); a follow-up replies as
   * `Re: <the opening subject>`, so only its body can be.
   */
  opensThread: boolean;
  draftedAt: string;
  /** When the step is due: it is not sent before, approved or not. */
  dueAt: string;
  /**
   * When a step still pending is skipped: `approvalTimeoutDays` after it was due (or drafted, if later).
   * Not `expiresAt`, the table's TTL attribute: a decided approval is kept as the record of a decision.
   */
  timesOutAt: string;
  decidedAt?: string;
  /** The user who approved or rejected it; absent when it expired. */
  decidedBy?: string;
  /** Approved: the text that is sent (the draft, or a person's edit of it) and quoted afterwards. */
  approved?: ApprovalText & { edited: boolean };
  /** Which writer wrote the draft, when a model is configured (engine/drafting.ts): its send records it. */
  writer?: WriterRecord;
  /** Rejected: the reason a person gave, if any. */
  reason?: string;
}

/**
 * An approval's id names its step of its lead's run (one approval per step and run, however often its
 * firing is delivered): base64url of the three, so the id is opaque and URL-safe whatever the ids hold.
 */
export function approvalIdOf(leadId: string, runId: string, stepIndex: number): string {
  return Buffer.from(`${leadId}\n${runId}\n${stepIndex}`).toString('base64url');
}

/** The lead, run and step an approval id names; undefined when it is not one (a 404, not a 400). */
export function stepOfApprovalId(
  id: string,
): { leadId: string; runId: string; stepIndex: number } | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(id)) return undefined;
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('\n');
  const [leadId, runId, step] = parts;
  if (parts.length !== 3 || !leadId || !runId || !step || !/^\d{1,3}$/.test(step)) return undefined;
  const stepIndex = Number(step);
  return approvalIdOf(leadId, runId, stepIndex) === id ? { leadId, runId, stepIndex } : undefined;
}

/** The review policy a step follows: its own, else its sequence's, else none. */
export function reviewPolicyOf(
  sequence: Pick<Sequence, 'review'>,
  step: Pick<Step, 'review'> | undefined,
): ReviewPolicy {
  return step?.review ?? sequence.review ?? 'none';
}

/**
 * Whether step `index` waits for a person: an e-mail step whose policy is `all`, or `first_step` when it
 * is the first step the sequence sends (an Email CC sequence's step 1: its step 0 is the user's own
 * e-mail). WhatsApp steps send templates Meta approved already, and are never held.
 */
export function needsReview(sequence: Pick<Sequence, 'type' | 'steps' | 'review'>, index: number): boolean {
  const step = sequence.steps[index];
  if (step?.channel !== 'email') return false;
  const policy = reviewPolicyOf(sequence, step);
  const firstSent = sequence.type === 'email_cc' ? 1 : 0;
  return policy === 'all' || (policy === 'first_step' && index === firstSent);
}

/**
 * A sequence with a `review` under which no step it sends waits for a person says so: `first_step` when
 * the first step it sends is a WhatsApp one, or `all` when it has no e-mail step following it (WhatsApp
 * steps are never held, and a step's own `review` overrides the sequence's). Otherwise a team believes
 * drafts wait for it while everything goes out unreviewed. Any step held (by its own `review` too) is a
 * step waiting for a person, and an Email CC sequence's step 0 (the user's own e-mail) is never one.
 */
export function reviewWarnings(sequence: Pick<Sequence, 'name' | 'type' | 'steps' | 'review'>): Warning[] {
  const policy = sequence.review ?? 'none';
  if (policy === 'none') return [];
  const firstSent = sequence.type === 'email_cc' ? 1 : 0;
  const held = sequence.steps.some((_, index) => index >= firstSent && needsReview(sequence, index));
  if (held) return [];
  const why =
    policy === 'first_step'
      ? `the first step it sends (step ${firstSent}) is not an e-mail step following it`
      : 'none of its e-mail steps follows it';
  return [
    warning(
      'review_without_effect',
      `The sequence "${sequence.name}" has review ${policy}, but ${why}: WhatsApp steps are never held for approval, so no step waits for a person. Review an e-mail step (its own review), or set review none.`,
      'review',
    ),
  ];
}

/**
 * When a reviewed step due at `due` is drafted: 24 h before, or `soonest` (the first minute a schedule
 * can fire) when that is later. Undefined when even that is not before the due time: the step's own
 * firing drafts it then, and it waits.
 */
export function draftTimeOf(due: Date, soonest: Date): Date | undefined {
  const at = Math.max(due.getTime() - DRAFT_AHEAD_MS, soonest.getTime());
  return at < due.getTime() - EARLY_TOLERANCE_MS ? new Date(at) : undefined;
}

/**
 * When a draft made `draftedAt` for a step due at `due` times out: `timeoutDays` after it was due, or
 * after the minute it was drafted when that was later (a firing comes seconds after its minute).
 */
export function expiryOf(due: Date, draftedAt: Date, timeoutDays: number): Date {
  const drafted = Math.floor(draftedAt.getTime() / MINUTE_MS) * MINUTE_MS;
  return new Date(Math.max(due.getTime(), drafted) + timeoutDays * DAY_MS);
}

/** What a firing of a step that needs review does. */
export type ReviewDecision =
  /** Send now: with the approved text. */
  | { kind: 'send'; text: ApprovedText }
  /** No draft that applies: render one (and wait for a decision). */
  | { kind: 'draft' }
  /** The firing is early (the draft's): the step stays at its due time. */
  | { kind: 'wait_until_due'; due: Date }
  /** Due, and nobody decided yet: wait until the draft times out (a decision re-plans it sooner). */
  | { kind: 'await'; until: Date }
  | { kind: 'skip'; reason: typeof REJECTED | typeof APPROVAL_TIMED_OUT; expire: boolean };

export interface ReviewFacts {
  /** The approval of this step of this run, if one was drafted. */
  approval: Approval | undefined;
  /** The sequence version the lead's plan follows (`enrollment.sequenceVersion`), not the sequence's. */
  planVersion: number;
  /** What the step would be written from now; read only for a pending draft (it is compared to it). */
  source?: DraftSource;
  due: Date;
  now: Date;
}

/**
 * Whether two drafts would be written from the same sources. A generated step is written per written
 * language (`de` for de-AT and de-CH: the bank's and the model's brief), so a change of region alone
 * leaves its draft; a custom message picks its translation by the full tag first (core/messages.ts), so
 * for it the tag itself must be the same.
 */
export function sameSource(a: DraftSource, b: DraftSource): boolean {
  const custom = a.message !== undefined || b.message !== undefined;
  const sameLanguage = custom
    ? a.language === b.language
    : writtenLanguage(a.language).language === writtenLanguage(b.language).language;
  return (
    sameLanguage &&
    a.formality === b.formality &&
    a.message?.id === b.message?.id &&
    a.message?.version === b.message?.version
  );
}

/**
 * Whether a pending draft no longer applies: the lead's plan was re-made from a newer version of the
 * sequence than the draft (an edit that re-plans its leads: core/approvals.ts, editReplansLeads), or the
 * lead's language, the org's formality or the step's custom message changed since it was drafted. A
 * sequence edit that re-plans nobody (a rename, a description) moves the sequence's version but not the
 * plan's, and leaves the draft.
 */
export function draftIsStale(
  approval: Pick<Approval, 'sequenceVersion' | 'draftedFrom'>,
  planVersion: number,
  source: DraftSource | undefined,
): boolean {
  if (approval.sequenceVersion < planVersion) return true;
  return (
    source !== undefined && approval.draftedFrom !== undefined && !sameSource(approval.draftedFrom, source)
  );
}

/**
 * The gate of a reviewed step. A pending draft that no longer applies (draftIsStale) is drafted again. A
 * person's decision stands whatever was edited since.
 */
export function reviewDecision({ approval, planVersion, source, due, now }: ReviewFacts): ReviewDecision {
  const early = now.getTime() < due.getTime() - EARLY_TOLERANCE_MS;
  if (!approval || (approval.status === 'pending' && draftIsStale(approval, planVersion, source)))
    return { kind: 'draft' };
  switch (approval.status) {
    case 'pending': {
      const timesOutAt = new Date(approval.timesOutAt);
      if (now.getTime() >= timesOutAt.getTime() - EARLY_TOLERANCE_MS)
        return { kind: 'skip', reason: APPROVAL_TIMED_OUT, expire: true };
      return early ? { kind: 'wait_until_due', due } : { kind: 'await', until: timesOutAt };
    }
    case 'approved':
      if (early) return { kind: 'wait_until_due', due };
      return { kind: 'send', text: approvedText(approval) };
    case 'rejected':
      return early ? { kind: 'wait_until_due', due } : { kind: 'skip', reason: REJECTED, expire: false };
    case 'expired':
      return { kind: 'skip', reason: APPROVAL_TIMED_OUT, expire: false };
  }
}

/** The text an approved step is sent with, and which writer wrote the draft it was approved from. */
export interface ApprovedText extends ApprovalText {
  /** The draft's writer, `edited` when the person changed the text: the send record keeps it. */
  writer?: WriterRecord;
  /**
   * The language and register the draft was written in (its `draftedFrom`): the e-mail around the
   * approved text (quote line, footer, unsubscribe link) is written in them, whatever the lead's or the
   * org's became since the decision, which stands. Absent on a draft that did not record them.
   */
  writing?: Pick<DraftSource, 'language' | 'formality'>;
}

function approvedText(approval: Approval): ApprovedText {
  const edited = approval.approved?.edited === true;
  const writer = approval.writer && { ...approval.writer, ...(edited && { edited: true as const }) };
  const from = approval.draftedFrom;
  return {
    ...(approval.approved ?? approval.draft),
    ...(writer && { writer }),
    ...(from && { writing: { language: from.language, formality: from.formality } }),
  };
}

/**
 * Whether a plan change keeps the pending step's draft: the same run and step of the same sequence,
 * running and not snoozed (a reply that snoozes the lead makes the draft stale, as one that stops it).
 * engine/plans.ts removes a draft a change does not keep. Here rather than in core/approval-plans.ts:
 * every function that changes a plan loads it, and none of them needs luxon for it.
 */
export function keepsDraft(previous: Enrollment, next: Enrollment): boolean {
  return (
    next.status === 'active' &&
    next.runId === previous.runId &&
    next.sequenceId === previous.sequenceId &&
    next.nextStep === previous.nextStep &&
    next.approvalId === previous.approvalId
  );
}

/** What the sender rendered for a reviewed step, and whose step it is: a new draft. */
export interface DraftInput {
  orgId: string;
  leadId: string;
  runId: string;
  stepIndex: number;
  sequence: Pick<Sequence, 'id' | 'version' | 'ownerId' | 'approvalTimeoutDays'>;
  assistantId: string;
  variant?: string;
  lead: { name: string; email: string };
  rendered: { subject: string; messageHtml: string; opensThread: boolean };
  source: DraftSource;
  /**
   * The draft this one replaces (it no longer applied): a pending one stored, whose next version the new
   * one is, or one withdrawn when someone tried to decide it (the plan's `withdrawnDraft`, no version).
   * Either way the new draft times out no later than it did: a redraft never extends the step's wait.
   */
  replaces?: Partial<Pick<Approval, 'version' | 'timesOutAt'>>;
  /** Which writer wrote it, when a model is configured. */
  writer?: WriterRecord;
  due: Date;
  now: Date;
}

export function newApproval(input: DraftInput): Approval {
  const { sequence, rendered, due, now } = input;
  const timeoutDays = sequence.approvalTimeoutDays ?? DEFAULT_APPROVAL_TIMEOUT_DAYS;
  return {
    id: approvalIdOf(input.leadId, input.runId, input.stepIndex),
    orgId: input.orgId,
    leadId: input.leadId,
    runId: input.runId,
    stepIndex: input.stepIndex,
    sequenceId: sequence.id,
    sequenceVersion: sequence.version,
    version: Math.max(now.getTime(), (input.replaces?.version ?? 0) + 1),
    draftedFrom: input.source,
    sequenceOwnerId: sequence.ownerId,
    assistantId: input.assistantId,
    channel: 'email',
    ...(input.variant !== undefined && { variant: input.variant }),
    lead: input.lead,
    status: 'pending',
    draft: { subject: rendered.subject, body: rendered.messageHtml },
    opensThread: rendered.opensThread,
    ...(input.writer && { writer: input.writer }),
    draftedAt: now.toISOString(),
    dueAt: due.toISOString(),
    timesOutAt: earlierOf(expiryOf(due, now, timeoutDays).toISOString(), input.replaces?.timesOutAt),
  };
}

/** ISO 8601 UTC instants compare as strings. */
const earlierOf = (fresh: string, kept: string | undefined): string =>
  kept !== undefined && kept < fresh ? kept : fresh;

function assertPending(approval: Approval): void {
  if (approval.status !== 'pending') {
    throw new ConflictError(`This step was ${approval.status} already; a decision is final`, {
      status: approval.status,
    });
  }
}

/**
 * Approves a pending draft, as it is or with the caller's edits (checked by ApproveInputSchema where
 * the request enters). A follow-up's subject is its thread's (`Re: ...`): an edit of it is refused.
 */
export function approve(approval: Approval, caller: Caller, edits: ApproveInput, now: Date): Approval {
  assertPending(approval);
  if (edits.subject !== undefined && !approval.opensThread) {
    throw ValidationError.field(
      'subject',
      'This e-mail replies in the lead’s thread as Re: <the opening subject>; only its body can be edited',
    );
  }
  const subject = edits.subject ?? approval.draft.subject;
  const body = edits.body ?? approval.draft.body;
  const edited = subject !== approval.draft.subject || body !== approval.draft.body;
  return {
    ...approval,
    version: approval.version + 1,
    status: 'approved',
    decidedAt: now.toISOString(),
    decidedBy: caller.userId,
    approved: { subject, body, edited },
  };
}

/** Rejects a pending draft: the step is skipped (`rejected`) when it is due, and the sequence goes on. */
export function reject(approval: Approval, caller: Caller, input: RejectInput, now: Date): Approval {
  assertPending(approval);
  return {
    ...approval,
    version: approval.version + 1,
    status: 'rejected',
    decidedAt: now.toISOString(),
    decidedBy: caller.userId,
    ...(input.reason !== undefined && { reason: input.reason }),
  };
}

/** Nobody decided in time: the draft expires, and its step is skipped (`approval_timed_out`). */
export function expire(approval: Approval, now: Date): Approval {
  return { ...approval, version: approval.version + 1, status: 'expired', decidedAt: now.toISOString() };
}

/**
 * A decision names the version the person read (If-Match): a draft drafted again since was not what they
 * read, and is refused (412) for them to read it again.
 */
export function assertReadVersion(approval: Pick<Approval, 'version'>, expected: number): void {
  if (approval.version !== expected) {
    throw new PreconditionFailedError(
      `This approval is at version ${approval.version}, not ${expected}: it was drafted again since it was read; read it again before deciding`,
    );
  }
}

/**
 * Approvals are decided by the org's admins and by the owner of the sequence the step belongs to (who
 * set up the review); anyone else is refused.
 */
export function assertMayDecide(caller: Caller, approval: Pick<Approval, 'sequenceOwnerId'>): void {
  if (caller.role !== 'admin' && caller.userId !== approval.sequenceOwnerId) {
    throw new ForbiddenError('Only an admin or the owner of the sequence may approve or reject its steps');
  }
}

/** Whether the caller sees every approval of the org (admins) or only those of the sequences they own. */
export function approvalsVisibleTo(caller: Caller): { all: true } | { ownerId: string } {
  return caller.role === 'admin' ? { all: true } : { ownerId: caller.userId };
}

/**
 * The body of `POST /approvals/{id}/approve`: an edit of the draft, checked as a custom message's
 * e-mail is (a subject that shows a visible character, HTML up to 100 KB, known placeholders only, which
 * are filled when it is sent); sanitized on the way out by the same rendering.
 */
export const ApproveInputSchema = lazy(() => {
  const { subject, html } = EmailContentSchema().shape;
  return z.object({
    subject: z
      .optional(subject)
      .check(
        z.describe(
          'The edited subject; only for the e-mail that opens the thread (a follow-up replies as Re: <the opening subject>)',
        ),
      ),
    body: z
      .optional(html)
      .check(z.describe('The edited HTML body: the message, without signature, footer or quote')),
  });
});
export type ApproveInput = z.output<ReturnType<typeof ApproveInputSchema>>;

export const RejectInputSchema = lazy(() =>
  z.object({
    reason: z
      .optional(z.string().check(z.minLength(1), z.maxLength(500)))
      .check(z.describe('Why, for the team: kept on the approval')),
  }),
);
export type RejectInput = z.output<ReturnType<typeof RejectInputSchema>>;

/** What an edit is compared on: a sequence, or its stream image (steps loosely read). */
export interface ReviewedSequence {
  review?: string;
  approvalTimeoutDays?: number;
  steps?: readonly ({ afterDays: number; review?: unknown } & Record<string, unknown>)[];
}

/**
 * Whether an edit of a sequence can change what its leads' drafts should be: its review settings, or
 * the message of a step while any step is reviewed (before or after). The re-planner then takes each
 * pending draft away and plans it again (core/enrollment.ts, replanForSequence).
 */
export function reviewChanged(before: ReviewedSequence, after: ReviewedSequence): boolean {
  const reviewed = (sequence: ReviewedSequence) =>
    (sequence.review ?? 'none') !== 'none' ||
    (sequence.steps ?? []).some((step) => (step.review ?? 'none') !== 'none');
  if (!reviewed(before) && !reviewed(after)) return false;
  const settings = (sequence: ReviewedSequence) =>
    JSON.stringify([
      sequence.review ?? 'none',
      sequence.approvalTimeoutDays ?? DEFAULT_APPROVAL_TIMEOUT_DAYS,
      (sequence.steps ?? []).map(({ afterDays: _timing, autoPromote: _promote, ...step }) => step),
    ]);
  return settings(before) !== settings(after);
}

/**
 * Whether an edit re-plans the sequence's running leads: it can move a pending step (timing), or change
 * what a pending draft should say. engine/sequence-edits.ts queues the re-plan on it, and the domain
 * events wait for that re-plan's record on it.
 */
export function editReplansLeads(before: ReviewedSequence, after: ReviewedSequence): boolean {
  return timingChanged(before.steps ?? [], after.steps ?? []) || reviewChanged(before, after);
}
