/** Replies by intent: which events count under which intent, what a correction moves, and the report. */
import { describe, expect, it } from 'vitest';
import {
  correctionIncrements,
  intentCorrectionOf,
  replyIntentIncrements,
  replyIntentOfEvent,
} from '../../../../lambdas/core/analytics/counters';
import { replyReport } from '../../../../lambdas/core/analytics/reports';
import { REPLY_INTENTS } from '../../../../lambdas/core/replies';

const credited = { orgId: 'org-1', sequenceId: 'seq-1', stepIndex: 2 };
const window = { from: '2026-03-01', to: '2026-03-31' };
const zeros = Object.fromEntries(REPLY_INTENTS.map((intent) => [intent, 0]));

describe('replyIntentOfEvent', () => {
  it.each([
    [{ kind: 'replied', detail: { intent: 'not_now' } }, 'not_now'],
    [{ kind: 'not_interested', detail: { intent: 'not_interested' } }, 'not_interested'],
    // Written before replies were read for intent: the kind is the intent.
    [{ kind: 'not_interested', detail: { subject: 'Re: hi' } }, 'not_interested'],
    [{ kind: 'replied', detail: { subject: 'Re: hi' } }, undefined],
    [{ kind: 'replied', detail: { intent: 'shouting' } }, undefined],
    // Counted from its own `unsubscribed` event, not twice.
    [{ kind: 'replied', detail: { intent: 'unsubscribe' } }, undefined],
    [{ kind: 'unsubscribed', detail: { via: 'reply' } }, 'unsubscribe'],
    [{ kind: 'unsubscribed', detail: { via: 'link' } }, undefined],
    [{ kind: 'delivery', detail: { intent: 'interested' } }, undefined],
  ])('reads %j as %s', (event, intent) => {
    expect(replyIntentOfEvent(event)).toBe(intent);
  });

  it('reads a correction only with two known intents', () => {
    expect(
      intentCorrectionOf({ kind: 'reply_intent_corrected', detail: { from: 'other', to: 'referral' } }),
    ).toEqual({ from: 'other', to: 'referral' });
    expect(
      intentCorrectionOf({ kind: 'reply_intent_corrected', detail: { from: 'other', to: 'nope' } }),
    ).toBeUndefined();
    expect(
      intentCorrectionOf({ kind: 'replied', detail: { from: 'other', to: 'referral' } }),
    ).toBeUndefined();
  });
});

describe('reply intent increments', () => {
  it("counts a reply under its sequence's item of the day, field step#intent; none outside a sequence", () => {
    expect(replyIntentIncrements('question', credited, '2026-03-03T23:59:59.000Z')).toEqual([
      {
        counter: { family: 'replyIntents', orgId: 'org-1', sequenceId: 'seq-1', day: '2026-03-03' },
        field: '2#question',
        by: 1,
      },
    ]);
    expect(
      replyIntentIncrements('question', { orgId: 'org-1', stepIndex: 0 }, '2026-03-03T10:00:00Z'),
    ).toEqual([]);
  });

  it("moves a corrected reply on the reply's day, not the correction's, and counts the correction there", () => {
    // Act
    const increments = correctionIncrements(
      { from: 'interested', to: 'not_now' },
      { at: '2026-03-03T10:00:00.000Z', credited, counted: true },
    );

    // Assess
    const counter = { family: 'replyIntents', orgId: 'org-1', sequenceId: 'seq-1', day: '2026-03-03' };
    expect(increments).toEqual([
      { counter, field: '2#interested', by: -1 },
      { counter, field: '2#not_now', by: 1 },
      { counter, field: 'corrected#interested#not_now', by: 1 },
    ]);
  });

  it('only adds the new intent of a reply that was not counted, and nothing for a same-intent correction', () => {
    const uncounted = correctionIncrements(
      { from: 'other', to: 'referral' },
      { at: '2026-03-03T10:00:00.000Z', credited, counted: false },
    );
    expect(uncounted.map(({ field, by }) => [field, by])).toEqual([
      ['2#referral', 1],
      ['corrected#other#referral', 1],
    ]);
    expect(
      correctionIncrements(
        { from: 'other', to: 'other' },
        { at: '2026-03-03T10:00:00.000Z', credited, counted: true },
      ),
    ).toEqual([]);
  });
});

describe('replyReport', () => {
  const rows: { day: string; sequenceId: string; counts: Record<string, number> }[] = [
    { day: '2026-03-03', sequenceId: 'seq-a', counts: { '0#interested': 2, '1#not_now': 1 } },
    {
      day: '2026-03-04',
      sequenceId: 'seq-a',
      counts: { '0#interested': 1, '0#not_now': 0, 'corrected#interested#not_now': 1 },
    },
    { day: '2026-03-04', sequenceId: 'seq-b', counts: { '0#question': 4, 'corrected#other#question': 2 } },
    { day: '2026-03-05', sequenceId: 'seq-gone', counts: { '2#unsubscribe': 1 } },
    // A field the report does not know (written by a later version) is left out, not shown as NaN.
    { day: '2026-03-05', sequenceId: 'seq-b', counts: { '0#shouting': 3, 'x#interested': 1 } },
  ];
  const sequences = [{ id: 'seq-a', name: 'A' }, { id: 'seq-b', name: 'B' }, { id: 'seq-gone' }];

  it('sums by intent, sequence (most replies first) and step, with every intent and corrections per from', () => {
    // Act
    const report = replyReport(window, rows, sequences);

    // Assess
    expect(report.from).toBe('2026-03-01');
    expect(report.to).toBe('2026-03-31');
    expect(report.total).toBe(9);
    expect(report.byIntent).toEqual({ ...zeros, interested: 3, not_now: 1, question: 4, unsubscribe: 1 });
    expect(report.sequences.map((sequence) => [sequence.sequenceId, sequence.total])).toEqual([
      ['seq-a', 4],
      ['seq-b', 4],
      ['seq-gone', 1],
    ]);
    expect(report.sequences[0]).toEqual({
      sequenceId: 'seq-a',
      sequenceName: 'A',
      total: 4,
      byIntent: { ...zeros, interested: 3, not_now: 1 },
      steps: [
        { step: 0, total: 3, byIntent: { ...zeros, interested: 3 } },
        { step: 1, total: 1, byIntent: { ...zeros, not_now: 1 } },
      ],
    });
    expect(report.sequences[2]).toMatchObject({ sequenceId: 'seq-gone', deleted: true, total: 1 });
    expect(report.sequences[2]).not.toHaveProperty('sequenceName');
    expect(report.corrections).toEqual({
      total: 3,
      byIntent: { ...zeros, other: 2, interested: 1 },
      pairs: [
        { from: 'other', to: 'question', count: 2 },
        { from: 'interested', to: 'not_now', count: 1 },
      ],
    });
  });

  it('shows only the sequence asked for, with its corrections, and lists it without replies', () => {
    // Act
    const b = replyReport(window, rows, [], { id: 'seq-b', name: 'B' });
    const quiet = replyReport(window, rows, [], { id: 'seq-quiet', name: 'Quiet' });

    // Assess
    expect(b.total).toBe(4);
    expect(b.sequences).toHaveLength(1);
    expect(b.corrections.pairs).toEqual([{ from: 'other', to: 'question', count: 2 }]);
    expect(quiet).toMatchObject({ total: 0, byIntent: zeros, corrections: { total: 0, pairs: [] } });
    expect(quiet.sequences).toEqual([
      { sequenceId: 'seq-quiet', sequenceName: 'Quiet', total: 0, byIntent: zeros, steps: [] },
    ]);
  });

  it('answers zeros for an empty window, and never a count below 0', () => {
    expect(replyReport(window, [], [])).toEqual({
      from: '2026-03-01',
      to: '2026-03-31',
      total: 0,
      byIntent: zeros,
      sequences: [],
      corrections: { total: 0, byIntent: zeros, pairs: [] },
    });
    const dipped = replyReport(
      window,
      [{ sequenceId: 'seq-a', counts: { '0#interested': -1, '0#not_now': 1 } }],
      [{ id: 'seq-a', name: 'A' }],
    );
    expect(dipped.byIntent).toEqual({ ...zeros, not_now: 1 });
  });
});
