/** A/B variants: validation naming the variant's field, the deterministic weighted choice, promotion. */
import { describe, expect, it } from 'vitest';
import {
  leadIncrements,
  outcomeIncrements,
  outcomeOfSendChange,
} from '../../../../lambdas/core/analytics/counters';
import { statsWindow } from '../../../../lambdas/core/analytics/reports';
import { chooseVariant, promotionFor } from '../../../../lambdas/core/analytics/variants';
import { ValidationError } from '../../../../lambdas/core/errors';
import { type Step, StepSchema } from '../../../../lambdas/core/sequences';

const abStep = (weights = [50, 50]): Step =>
  StepSchema().parse({
    afterDays: 0,
    channel: 'email',
    variants: weights.map((weight, index) => ({
      id: `v${index}`,
      messageType: 'generated',
      tone: index === 0 ? 'candid' : 'curious',
      weight,
    })),
    autoPromote: {},
  });

describe('variant validation', () => {
  it('takes 2-4 variants whose weights sum to 100, with autoPromote defaults', () => {
    expect(abStep().autoPromote).toEqual({ minSendsPerVariant: 100, probability: 0.95 });
    expect(abStep([20, 30, 25, 25]).variants).toHaveLength(4);
  });

  it.each([
    [{ variants: [{ id: 'a', messageType: 'generated', tone: 'candid', weight: 100 }] }, 'variants'],
    [
      {
        variants: [
          { id: 'a', messageType: 'generated', tone: 'candid', weight: 60 },
          { id: 'b', messageType: 'generated', tone: 'gentle', weight: 30 },
        ],
      },
      'variants',
    ],
    [
      {
        variants: [
          { id: 'a', messageType: 'generated', tone: 'candid', weight: 50 },
          { id: 'b', messageType: 'generated', weight: 50 },
        ],
      },
      'variants.1.tone',
    ],
    [
      {
        variants: [
          { id: 'a', messageType: 'generated', tone: 'candid', weight: 50 },
          { id: 'a', messageType: 'custom', messageId: 'm', weight: 50 },
        ],
      },
      'variants.1.id',
    ],
    [
      {
        messageType: 'generated',
        tone: 'candid',
        variants: [
          { id: 'a', messageType: 'generated', tone: 'candid', weight: 50 },
          { id: 'b', messageType: 'generated', tone: 'gentle', weight: 50 },
        ],
      },
      'messageType',
    ],
    [{ messageType: 'generated', tone: 'candid', autoPromote: {} }, 'autoPromote'],
  ])('refuses %j naming %s', (fields, path) => {
    const parsed = StepSchema().safeParse({ afterDays: 0, channel: 'email', ...fields });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('keeps WhatsApp variants to custom messages', () => {
    const parsed = StepSchema().safeParse({
      afterDays: 0,
      channel: 'whatsapp',
      variants: [
        { id: 'a', messageType: 'custom', messageId: 'wa-1', weight: 50 },
        { id: 'b', messageType: 'generated', tone: 'gentle', weight: 50 },
      ],
    });
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['variants.1.messageType']);
  });
});

describe('chooseVariant', () => {
  it('gives a lead the same variant every time, and follows the weights over many leads', () => {
    const step = abStep([20, 80]);
    const pick = (leadId: string) => chooseVariant(step, { leadId, sequenceId: 's', stepIndex: 0 }).variant;

    const again = Array.from({ length: 5 }, () => pick('lead-42'));
    const counts = { v0: 0, v1: 0 } as Record<string, number>;
    for (let index = 0; index < 10_000; index += 1) {
      const variant = pick(`lead-${index}`) ?? '';
      counts[variant] = (counts[variant] ?? 0) + 1;
    }

    expect(new Set(again).size).toBe(1);
    expect(counts.v0).toBeGreaterThan(1850);
    expect(counts.v0).toBeLessThan(2150);
  });

  it('renders the variant’s message with the step’s channel, and only the promoted one once promoted', () => {
    const step = abStep();
    const everyone = Array.from({ length: 50 }, (_, index) =>
      chooseVariant(step, { leadId: `l${index}`, sequenceId: 's', stepIndex: 0 }, 'v1'),
    );
    expect(new Set(everyone.map((pick) => pick.variant))).toEqual(new Set(['v1']));
    expect(everyone[0]?.message).toEqual({
      afterDays: 0,
      channel: 'email',
      messageType: 'generated',
      tone: 'curious',
    });
  });
});

describe('promotionFor', () => {
  const rule = { minSendsPerVariant: 100, probability: 0.95 };
  const now = new Date('2026-03-03T10:00:00Z');

  it('waits until every variant has its minimum of sends', async () => {
    const counts = [
      { id: 'a', sent: 99, replied: 0 },
      { id: 'b', sent: 500, replied: 100 },
    ];
    expect(await promotionFor(0, rule, counts, now)).toBeUndefined();
  });

  it('promotes a variant best with at least the required probability, with the figures', async () => {
    const promotion = await promotionFor(
      2,
      rule,
      [
        { id: 'a', sent: 100, replied: 5 },
        { id: 'b', sent: 100, replied: 15 },
      ],
      now,
    );
    expect(promotion).toMatchObject({
      step: 2,
      variant: 'b',
      at: now.toISOString(),
      by: 'auto-promotion',
      rule,
    });
    expect(promotion?.figures[1]?.probabilityBest).toBeGreaterThan(0.95);
  });

  it('does not promote on noise', async () => {
    const counts = [
      { id: 'a', sent: 100, replied: 10 },
      { id: 'b', sent: 100, replied: 12 },
    ];
    expect(await promotionFor(0, rule, counts, now)).toBeUndefined();
  });
});

describe('counter increments', () => {
  it('counts a send once when it becomes sent, and a bounce that fails a sent step only through its event', () => {
    expect(outcomeOfSendChange({ status: 'claimed' }, { status: 'sent' })).toBe('sent');
    expect(outcomeOfSendChange({ status: 'sent' }, { status: 'sent' })).toBeUndefined();
    expect(outcomeOfSendChange({ status: 'sent' }, { status: 'failed' })).toBeUndefined();
    expect(outcomeOfSendChange({ status: 'claimed' }, { status: 'failed' })).toBe('failed');
    expect(outcomeOfSendChange(undefined, { status: 'skipped' })).toBe('skipped');
  });

  it('files an outcome under the step and variant, the tone and the assistant of its UTC day', () => {
    const increments = outcomeIncrements(
      'replied',
      { orgId: 'o', sequenceId: 's', stepIndex: 1, variant: 'b', tone: 'gentle', assistantId: 'maya' },
      '2026-03-03T23:30:00Z',
    );
    expect(increments.map(({ counter }) => counter.family)).toEqual([
      'step',
      'variantTotal',
      'tone',
      'assistant',
    ]);
    expect(increments[0]).toEqual({
      counter: { family: 'step', orgId: 'o', sequenceId: 's', step: 1, variant: 'b', day: '2026-03-03' },
      field: 'replied',
      by: 1,
    });
  });

  it('counts enrolments, stops by reason and the active gauge from a lead’s enrollment', () => {
    const active = { runId: 'r1', sequenceId: 's', status: 'active' as const };
    const enrolled = leadIncrements(undefined, {
      orgId: 'o',
      updatedAt: '2026-03-03T10:00:00Z',
      enrollment: active,
    });
    const stopped = leadIncrements(
      { orgId: 'o', enrollment: active },
      {
        orgId: 'o',
        updatedAt: '2026-03-04T10:00:00Z',
        enrollment: { ...active, status: 'stopped', stopReason: 'replied' },
      },
    );
    const moved = leadIncrements(
      { orgId: 'o', enrollment: active },
      { orgId: 'o', updatedAt: '2026-03-04T10:00:00Z', enrollment: { ...active, sequenceId: 't' } },
    );

    expect(enrolled.map(({ field, by }) => [field, by])).toEqual([
      ['active', 1],
      ['enrolled', 1],
    ]);
    expect(stopped.map(({ field, by }) => [field, by])).toEqual([
      ['active', -1],
      ['stoppedReplied', 1],
    ]);
    expect(
      moved.map(({ counter, field, by }) => ['sequenceId' in counter && counter.sequenceId, field, by]),
    ).toEqual([
      ['s', 'active', -1],
      ['t', 'active', 1],
      ['t', 'enrolled', 1],
    ]);
  });

  it('keeps a snoozed lead on the gauge: snoozing and waking count nothing, a stop while snoozed counts', () => {
    const active = { runId: 'r1', sequenceId: 's', status: 'active' as const };
    const snoozed = { ...active, status: 'snoozed' as const };
    const at = '2026-03-04T10:00:00Z';

    const snoozing = leadIncrements(
      { orgId: 'o', enrollment: active },
      { orgId: 'o', updatedAt: at, enrollment: snoozed },
    );
    const waking = leadIncrements(
      { orgId: 'o', enrollment: snoozed },
      { orgId: 'o', updatedAt: at, enrollment: active },
    );
    const stopped = leadIncrements(
      { orgId: 'o', enrollment: snoozed },
      { orgId: 'o', updatedAt: at, enrollment: { ...active, status: 'stopped', stopReason: 'replied' } },
    );

    expect(snoozing).toEqual([]);
    expect(waking).toEqual([]);
    expect(stopped.map(({ field, by }) => [field, by])).toEqual([
      ['active', -1],
      ['stoppedReplied', 1],
    ]);
  });
});

describe('statsWindow', () => {
  const now = new Date('2026-03-31T12:00:00Z');
  it('defaults to the last 30 days, and refuses from > to or over 366 days naming from', () => {
    expect(statsWindow({}, now)).toEqual({ from: '2026-03-02', to: '2026-03-31' });
    expect(() => statsWindow({ from: '2026-04-01' }, now)).toThrow(ValidationError);
    expect(() => statsWindow({ from: '2025-03-30', to: '2026-03-31' }, now)).toThrow(/over 366 days/);
    expect(statsWindow({ from: '2025-03-31', to: '2026-03-31' }, now)).toEqual({
      from: '2025-03-31',
      to: '2026-03-31',
    });
  });
});
