/**
 * Approvals' rules (core/approvals.ts) and what they do to a plan (core/approval-plans.ts,
 * core/enrollment.ts): which steps wait for a person, when they are drafted, and what a firing does
 * with each state of its draft.
 */
import { describe, expect, it } from 'vitest';
import {
  awaitsApproval,
  decided,
  drafted,
  redrafting,
  withdrawnDraftOf,
} from '../../../lambdas/core/approval-plans';
import {
  type Approval,
  approvalIdOf,
  approve,
  assertMayDecide,
  assertReadVersion,
  draftTimeOf,
  editReplansLeads,
  expire,
  expiryOf,
  keepsDraft,
  needsReview,
  newApproval,
  reject,
  reviewDecision,
  reviewWarnings,
  sameSource,
  stepOfApprovalId,
} from '../../../lambdas/core/approvals';
import {
  advance,
  enroll,
  type PlanContext,
  replanForSequence,
  snooze,
} from '../../../lambdas/core/enrollment';
import { stop } from '../../../lambdas/core/enrollment-status';
import {
  ConflictError,
  ForbiddenError,
  PreconditionFailedError,
  ValidationError,
} from '../../../lambdas/core/errors';
import { sendWindowFor } from '../../../lambdas/core/lead-window';
import type { Sequence, Step } from '../../../lambdas/core/sequences';

const email = (afterDays: number, review?: Step['review']): Step => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone: 'gentle',
  ...(review && { review }),
});
const whatsapp: Step = { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: 'msg-1' };
const sequenceOf = (steps: Step[], review?: Sequence['review'], type: Sequence['type'] = 'standard') => ({
  id: 'seq-1',
  version: 1,
  type,
  steps,
  ...(review && { review }),
});
const window = await sendWindowFor({
  timezone: 'Europe/Berlin',
  businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  holidays: [],
});
// Monday 1 March 2027, 10:00 in Berlin.
const NOW = new Date('2027-03-01T09:00:00Z');
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW.getTime() + ms);

const admin = { orgId: 'org-1', userId: 'alice', role: 'admin' as const };
const owner = { orgId: 'org-1', userId: 'sam', role: 'member' as const };
const member = { orgId: 'org-1', userId: 'bob', role: 'member' as const };

const SOURCE = { language: 'de', formality: 'formal' as const, message: { id: 'msg-1', version: 3 } };

function pending(overrides: Partial<Approval> = {}): Approval {
  return {
    ...newApproval(draftOf()),
    ...overrides,
  };
}

/** What a firing drafts the step from. */
function draftOf() {
  return {
    orgId: 'org-1',
    leadId: 'lead-1',
    runId: 'run-1',
    stepIndex: 0,
    sequence: { id: 'seq-1', version: 1, ownerId: 'sam' },
    assistantId: 'assistant-1',
    lead: { name: 'Ada Lovelace', email: 'ada@example.com' },
    rendered: { subject: 'Hello Ada', messageHtml: '<p>Hi Ada</p>', opensThread: true },
    source: SOURCE,
    due: at(DAY),
    now: NOW,
  };
}

describe('which steps wait for a person', () => {
  it('reviews every e-mail step under all, the first step sent under first_step, none under none', () => {
    const steps = [email(0), email(3), whatsapp, email(2)];

    expect([0, 1, 2, 3].map((index) => needsReview(sequenceOf(steps, 'all'), index))).toEqual([
      true,
      true,
      false, // WhatsApp templates are approved by Meta already
      true,
    ]);
    expect([0, 1, 3].map((index) => needsReview(sequenceOf(steps, 'first_step'), index))).toEqual([
      true,
      false,
      false,
    ]);
    expect([0, 1, 3].map((index) => needsReview(sequenceOf(steps, 'none'), index))).toEqual([
      false,
      false,
      false,
    ]);
    expect(needsReview(sequenceOf(steps), 0)).toBe(false);
  });

  it('lets a step decide for itself, and counts an Email CC sequence’s first sent step as its step 1', () => {
    const steps = [email(0), email(3, 'all'), email(2, 'none')];

    expect([0, 1, 2].map((index) => needsReview(sequenceOf(steps), index))).toEqual([false, true, false]);
    expect([0, 1, 2].map((index) => needsReview(sequenceOf(steps, 'all'), index))).toEqual([
      true,
      true,
      false,
    ]);
    const cc = sequenceOf([email(0), email(2), email(3)], 'first_step', 'email_cc');
    expect([0, 1, 2].map((index) => needsReview(cc, index))).toEqual([false, true, false]);
  });
});

describe('a review that holds nothing', () => {
  const named = (steps: Step[], review: Sequence['review'], type: Sequence['type'] = 'standard') => ({
    ...sequenceOf(steps, review, type),
    name: 'Intro',
  });
  const codes = (sequence: ReturnType<typeof named>) => reviewWarnings(sequence).map((item) => item.code);

  it('warns when no step the sequence sends waits for a person: WhatsApp first, or no e-mail step after the Email CC opener', () => {
    expect(codes(named([whatsapp, email(2)], 'first_step'))).toEqual(['review_without_effect']);
    // Step 0 of an Email CC sequence is the user's own e-mail, never sent nor held.
    expect(codes(named([email(0), whatsapp], 'all', 'email_cc'))).toEqual(['review_without_effect']);
  });

  it('says nothing while a step waits, also by its own review: the warning would tell a team that none does', () => {
    expect(codes(named([email(0, 'all'), email(3, 'all')], 'all'))).toEqual([]);
    expect(codes(named([whatsapp, email(2, 'all')], 'first_step'))).toEqual([]);
    expect(codes(named([email(0), email(2)], 'first_step'))).toEqual([]);
  });
});

describe('when a reviewed step is drafted', () => {
  it('drafts 24 h ahead, at once when the step is due sooner, and at its own firing when due within a minute', () => {
    const soonest = at(60_000);

    expect(draftTimeOf(at(3 * DAY), soonest)).toEqual(at(2 * DAY));
    expect(draftTimeOf(at(5 * HOUR), soonest)).toEqual(soonest);
    expect(draftTimeOf(at(90_000), soonest)).toBeUndefined();
  });

  it('times a draft out approvalTimeoutDays after it was due, or after the minute it was drafted when later', () => {
    expect(expiryOf(at(DAY), at(DAY + 600), 7)).toEqual(at(8 * DAY));
    expect(expiryOf(at(DAY), at(DAY + 2 * HOUR + 30_000), 3)).toEqual(at(4 * DAY + 2 * HOUR));
  });

  it('plans a reviewed step to fire for its draft 24 h before it is due, and the next one afresh', () => {
    const context: PlanContext = { sequence: sequenceOf([email(3), email(2)], 'all'), window, now: NOW };

    const enrollment = enroll(context, NOW, 'run-1');
    const drafted0 = { ...enrollment, approvalId: 'a-0' };
    const next = advance(drafted0, context, new Date(enrollment.nextSendAt ?? ''));

    // Thursday 4 March 10:00 in Berlin is due; its draft fires on Wednesday at the same time
    expect(enrollment.nextSendAt).toBe('2027-03-04T09:00:00.000Z');
    expect(enrollment.draftAt).toBe('2027-03-03T09:00:00.000Z');
    expect(next.nextStep).toBe(1);
    expect(next.approvalId).toBeUndefined();
    // Step 1 falls on Saturday, so Monday 8 March 09:00; its draft is made on the Sunday, whatever the hour
    expect(next.nextSendAt).toBe('2027-03-08T08:00:00.000Z');
    expect(next.draftAt).toBe('2027-03-07T08:00:00.000Z');
  });

  it('does not fire early for a step that needs no review', () => {
    const context: PlanContext = { sequence: sequenceOf([email(3)], 'none'), window, now: NOW };

    expect(enroll(context, NOW, 'run-1').draftAt).toBeUndefined();
  });
});

describe('a firing of a reviewed step', () => {
  const due = at(DAY);

  it('drafts when there is no draft, or only a pending one of an older version of the sequence', () => {
    expect(reviewDecision({ approval: undefined, planVersion: 1, due, now: NOW })).toEqual({
      kind: 'draft',
    });
    expect(reviewDecision({ approval: pending(), planVersion: 2, due, now: NOW })).toEqual({
      kind: 'draft',
    });
  });

  it('keeps a pending draft through a sequence edit that re-planned nobody (the plan’s version did not move)', () => {
    // Drafted from version 1; a rename made the sequence version 2, but the lead's plan still follows 1
    expect(reviewDecision({ approval: pending(), planVersion: 1, source: SOURCE, due, now: due })).toEqual({
      kind: 'await',
      until: new Date(pending().timesOutAt),
    });
  });

  it('drafts again a pending draft whose sources changed: the lead’s language, the org’s formality, its message', () => {
    const changed = [
      { ...SOURCE, language: 'fr' },
      { ...SOURCE, formality: 'informal' as const },
      { ...SOURCE, message: { id: 'msg-1', version: 4 } },
      { language: 'de', formality: 'formal' as const },
    ];

    for (const source of changed) {
      expect(reviewDecision({ approval: pending(), planVersion: 1, source, due, now: NOW })).toEqual({
        kind: 'draft',
      });
    }
    // A decision stands whatever changed since
    const approved = approve(pending(), admin, {}, NOW);
    expect(
      reviewDecision({ approval: approved, planVersion: 1, source: changed[0], due, now: due }).kind,
    ).toBe('send');
  });

  it('keeps a drafted step at its due time, then waits for a decision until the draft times out', () => {
    const approval = pending();

    expect(reviewDecision({ approval, planVersion: 1, due, now: NOW })).toEqual({
      kind: 'wait_until_due',
      due,
    });
    expect(reviewDecision({ approval, planVersion: 1, due, now: due })).toEqual({
      kind: 'await',
      until: new Date(approval.timesOutAt),
    });
    expect(approval.timesOutAt).toBe(at(8 * DAY).toISOString());
    expect(reviewDecision({ approval, planVersion: 1, due, now: at(8 * DAY) })).toEqual({
      kind: 'skip',
      reason: 'approval_timed_out',
      expire: true,
    });
  });

  it('sends the approved text at its due time, whatever the sequence became since', () => {
    const approved = approve(pending(), admin, { body: '<p>Hi {{lead.firstName}}!</p>' }, NOW);

    expect(reviewDecision({ approval: approved, planVersion: 5, due, now: due })).toEqual({
      kind: 'send',
      text: {
        subject: 'Hello Ada',
        body: '<p>Hi {{lead.firstName}}!</p>',
        edited: true,
        // The e-mail around it is written as the draft was (engine/channels/email.ts)
        writing: { language: 'de', formality: 'formal' },
      },
    });
    expect(reviewDecision({ approval: approved, planVersion: 1, due, now: NOW }).kind).toBe('wait_until_due');
  });

  it('sends with the writer of the draft, marked edited when the person changed its text', () => {
    const drafted = pending({ writer: { kind: 'bank', fallbackReason: 'wrong_language' } });
    const asDrafted = approve(drafted, admin, {}, NOW);
    const edited = approve(drafted, admin, { body: '<p>Hi {{lead.firstName}}!</p>' }, NOW);
    const bankOnly = approve(pending(), admin, { body: '<p>Hi!</p>' }, NOW);

    const writerOf = (approval: Approval) => {
      const decision = reviewDecision({ approval, planVersion: 1, due, now: due });
      return decision.kind === 'send' ? decision.text.writer : 'not sent';
    };
    expect(writerOf(asDrafted)).toEqual({ kind: 'bank', fallbackReason: 'wrong_language' });
    expect(writerOf(edited)).toEqual({ kind: 'bank', fallbackReason: 'wrong_language', edited: true });
    // No model configured: no writer was recorded for the draft, none is for its send
    expect(writerOf(bankOnly)).toBeUndefined();
  });

  it('skips a rejected step when due, and an expired one', () => {
    const rejected = reject(pending(), admin, {}, NOW);

    expect(reviewDecision({ approval: rejected, planVersion: 1, due, now: due })).toEqual({
      kind: 'skip',
      reason: 'rejected',
      expire: false,
    });
    expect(
      reviewDecision({ approval: pending({ status: 'expired' }), planVersion: 1, due, now: due }),
    ).toEqual({ kind: 'skip', reason: 'approval_timed_out', expire: false });
  });
});

describe('deciding a draft', () => {
  it('approves as drafted, or with edits, which are what is sent', () => {
    expect(approve(pending(), owner, {}, NOW)).toMatchObject({
      status: 'approved',
      decidedBy: 'sam',
      decidedAt: NOW.toISOString(),
      approved: { subject: 'Hello Ada', body: '<p>Hi Ada</p>', edited: false },
    });
    expect(approve(pending(), admin, { subject: 'Ada, a quick idea' }, NOW).approved).toEqual({
      subject: 'Ada, a quick idea',
      body: '<p>Hi Ada</p>',
      edited: true,
    });
  });

  it('refuses an edited subject of a follow-up, naming subject', () => {
    const followUp = pending({ opensThread: false });

    const refusal = (() => {
      try {
        approve(followUp, admin, { subject: 'New' }, NOW);
      } catch (error) {
        return error;
      }
    })();

    expect(refusal).toBeInstanceOf(ValidationError);
    expect((refusal as ValidationError).details).toEqual([{ path: 'subject', message: expect.any(String) }]);
  });

  it('versions a draft by the millisecond it was made (one more than a draft it replaces), a decision one more; a decision names the one read', () => {
    const first = pending();
    const redraft = newApproval({ ...draftOf(), replaces: first });
    const later = newApproval({ ...draftOf(), now: at(HOUR) });

    expect(first.version).toBe(NOW.getTime());
    expect(redraft.version).toBe(NOW.getTime() + 1);
    // A draft made after another was removed: never the version of the one before
    expect(later.version).toBe(at(HOUR).getTime());
    expect(approve(redraft, admin, {}, NOW).version).toBe(NOW.getTime() + 2);
    expect(reject(redraft, admin, {}, NOW).version).toBe(NOW.getTime() + 2);
    expect(expire(redraft, NOW)).toMatchObject({ version: NOW.getTime() + 2, status: 'expired' });
    expect(() => assertReadVersion(redraft, NOW.getTime() + 1)).not.toThrow();
    expect(() => assertReadVersion(redraft, NOW.getTime())).toThrow(PreconditionFailedError);
  });

  it('refuses a second decision, saying what the first was', () => {
    const rejected = reject(pending(), admin, { reason: 'Not now' }, NOW);

    expect(() => approve(rejected, admin, {}, NOW)).toThrow(ConflictError);
    try {
      reject(rejected, admin, {}, NOW);
    } catch (error) {
      expect((error as ConflictError).details).toEqual({ status: 'rejected' });
    }
  });

  it('lets admins and the sequence’s owner decide, nobody else', () => {
    expect(() => assertMayDecide(admin, pending())).not.toThrow();
    expect(() => assertMayDecide(owner, pending())).not.toThrow();
    expect(() => assertMayDecide(member, pending())).toThrow(ForbiddenError);
  });
});

describe('approval ids', () => {
  it('name the lead, run and step, and nothing else is one', () => {
    const id = approvalIdOf('lead-1', 'run-1', 12);

    expect(stepOfApprovalId(id)).toEqual({ leadId: 'lead-1', runId: 'run-1', stepIndex: 12 });
    expect(stepOfApprovalId('not-an-id')).toBeUndefined();
    expect(stepOfApprovalId(`${id}A`)).toBeUndefined();
    expect(stepOfApprovalId(Buffer.from('a\nb\nc').toString('base64url'))).toBeUndefined();
  });
});

describe('the plan around a draft', () => {
  const context: PlanContext = { sequence: sequenceOf([email(3), email(2)], 'all'), window, now: NOW };
  const planned = enroll(context, NOW, 'run-1');
  const approval = pending({ dueAt: planned.nextSendAt ?? '', timesOutAt: '2027-03-11T09:00:00.000Z' });

  it('keeps a step drafted ahead at its due time, marked awaiting approval', () => {
    const next = drafted(planned, approval, window, at(2 * DAY));

    expect(next).toMatchObject({
      revision: planned.revision + 1,
      nextSendAt: planned.nextSendAt,
      nextReasons: ['awaiting_approval'],
      approvalId: approval.id,
    });
    expect(next.draftAt).toBeUndefined();
    expect(awaitsApproval(next, approval)).toBe(true);
  });

  it('lets a step drafted when already due wait until its draft times out', () => {
    const next = drafted(planned, approval, window, new Date(approval.dueAt));

    expect(next.nextSendAt).toBe('2027-03-11T09:00:00.000Z');
    expect(next.nextReasons[0]).toBe('awaiting_approval');
  });

  it('sends a decided step at its due time, or a minute from now once that has passed', () => {
    const waiting = drafted(planned, approval, window, at(2 * DAY));
    const early = decided(waiting, approval, window, at(2 * DAY));
    const late = decided(waiting, approval, window, new Date('2027-03-05T13:30:10Z'));

    expect(early).toMatchObject({ nextSendAt: planned.nextSendAt, nextReasons: [] });
    expect(early.approvalId).toBeUndefined();
    expect(late.nextSendAt).toBe('2027-03-05T13:32:00.000Z');
    expect(late.approvalId).toBeUndefined();
  });

  it('keeps the draft only while the plan stays on its step, running and awake', () => {
    const waiting = drafted(planned, approval, window, at(2 * DAY));

    expect(keepsDraft(waiting, { ...waiting, revision: waiting.revision + 1 })).toBe(true);
    expect(keepsDraft(waiting, stop(waiting, 'replied'))).toBe(false);
    expect(keepsDraft(waiting, advance(waiting, context, at(3 * DAY)))).toBe(false);
    expect(keepsDraft(waiting, snooze(waiting, at(10 * DAY), { window, now: NOW }))).toBe(false);
    expect(keepsDraft(waiting, { ...waiting, runId: 'run-2' })).toBe(false);
  });

  it('takes a pending draft away when the sequence changes, and plans its draft again', () => {
    const waiting = drafted(planned, approval, window, at(2 * DAY));
    // A day before the step is due (the draft was made a day before that): drafted again in a minute
    const edited = { ...context, now: at(2 * DAY), sequence: { ...context.sequence, version: 2 } };

    const decision = replanForSequence(waiting, edited);

    expect(decision.kind).toBe('retimed');
    const replanned = decision.kind === 'retimed' ? decision.enrollment : waiting;
    expect(replanned.approvalId).toBeUndefined();
    expect(replanned.nextSendAt).toBe(planned.nextSendAt);
    expect(replanned.draftAt).toBe(at(2 * DAY + 60_000).toISOString());
  });
});

describe('edits that re-plan the leads', () => {
  const before = { review: 'all', steps: [email(3), email(2)] };

  it('re-plans on review settings and on reviewed steps’ messages, not on unreviewed content', () => {
    expect(editReplansLeads(before, { ...before, review: 'none' })).toBe(true);
    expect(editReplansLeads(before, { ...before, approvalTimeoutDays: 3 })).toBe(true);
    expect(editReplansLeads(before, { ...before, steps: [{ ...email(3), tone: 'candid' }, email(2)] })).toBe(
      true,
    );
    expect(editReplansLeads(before, { ...before })).toBe(false);
    const unreviewed = { steps: [email(3)] };
    expect(editReplansLeads(unreviewed, { steps: [{ ...email(3), tone: 'candid' }] })).toBe(false);
    expect(editReplansLeads(unreviewed, { steps: [email(4)] })).toBe(true);
  });
});

describe('whether a draft is written from the same sources', () => {
  it('keeps a generated step’s draft across a change of region, and withdraws it for a new language or a custom message’s tag', () => {
    // Prepare
    const austrian = { language: 'de-AT', formality: 'formal' } as const;
    const message = { id: 'msg-1', version: 3 };

    // Act
    const swiss = sameSource(austrian, { language: 'de-CH', formality: 'formal' });
    const french = sameSource(austrian, { language: 'fr', formality: 'formal' });
    const informal = sameSource(austrian, { language: 'de', formality: 'informal' });
    const customTag = sameSource(
      { ...austrian, message },
      { language: 'de-CH', formality: 'formal', message },
    );
    const customSame = sameSource({ ...austrian, message }, { ...austrian, message });

    // Assess
    expect(swiss).toBe(true);
    expect(french).toBe(false);
    expect(informal).toBe(false);
    // A custom message's translation is picked by the full tag first: de-AT and de-CH may differ.
    expect(customTag).toBe(false);
    expect(customSame).toBe(true);
  });
});

describe('a draft written again', () => {
  const context: PlanContext = { sequence: sequenceOf([email(3), email(2)], 'all'), window, now: NOW };
  const planned = enroll(context, NOW, 'run-1');
  const dueAt = planned.nextSendAt ?? '';
  // Drafted a day ahead, due on Thursday 4 March; it times out a week after that.
  const stale = pending({
    dueAt,
    draftedAt: at(2 * DAY).toISOString(),
    timesOutAt: '2027-03-11T09:00:00.000Z',
  });
  const waiting = drafted(planned, stale, window, new Date(dueAt));
  const redraftAt = new Date('2027-03-09T12:00:00Z');

  it('after it was withdrawn past its due time, keeps the due time and time-out of the one withdrawn', () => {
    // Prepare: two days before its time-out someone tries to approve it; its sources had changed
    const withdrawing = redrafting(waiting, stale, redraftAt);

    // Act: the firing a minute later drafts it again
    const withdrawn = withdrawnDraftOf(withdrawing);
    const again = newApproval({
      ...draftOf(),
      due: new Date(withdrawn?.dueAt ?? ''),
      ...(withdrawn && { replaces: withdrawn }),
      now: new Date('2027-03-09T12:01:00Z'),
    });
    const next = drafted(withdrawing, again, window, new Date('2027-03-09T12:01:00Z'));

    // Assess
    expect(withdrawing.approvalId).toBeUndefined();
    expect(withdrawn).toEqual({ dueAt, timesOutAt: stale.timesOutAt });
    expect(again.dueAt).toBe(dueAt);
    expect(again.timesOutAt).toBe(stale.timesOutAt);
    expect(next.nextSendAt).toBe(stale.timesOutAt);
    expect(next.withdrawnDraft).toBeUndefined();
  });

  it('over a stale pending draft, times out no later than it', () => {
    // Act: the firing at the due time finds the draft stale and writes its next version
    const again = newApproval({ ...draftOf(), due: new Date(dueAt), replaces: stale, now: redraftAt });

    // Assess
    expect(again.version).toBeGreaterThan(stale.version);
    expect(again.timesOutAt).toBe(stale.timesOutAt);
  });

  it('forgets the withdrawn draft’s times once the plan changed again', () => {
    // Prepare
    const withdrawing = redrafting(waiting, stale, redraftAt);

    // Act
    const moved = { ...withdrawing, revision: withdrawing.revision + 1 };

    // Assess
    expect(withdrawnDraftOf(moved)).toBeUndefined();
    expect(withdrawnDraftOf(waiting)).toBeUndefined();
  });
});
