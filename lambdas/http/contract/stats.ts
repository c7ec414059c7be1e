/**
 * The stats API's operations (lambdas/stats-api.ts): a sequence's funnel by
 * step and A/B variant, reply rates by tone with 95 % intervals, an assistant's funnel per day, and
 * replies by intent with the corrections people made to them.
 * Counting and statistics: docs/architecture.md, "Analytics".
 */
import * as z from 'zod/mini';
import { OUTCOMES } from '../../core/analytics/counters';
import { MAX_WINDOW_DAYS } from '../../core/analytics/reports';
import { lazy } from '../../core/lazy';
import { REPLY_INTENTS } from '../../core/replies';
import { CHANNELS, StepPromotionSchema } from '../../core/sequences';
import { TONES } from '../../core/tones';
import { declareOperations } from './operation';

const day = () => z.iso.date();
const rateField = () =>
  z.number().check(z.minimum(0), z.maximum(1), z.describe('A fraction with 4 decimals'));
const count = () => z.number().check(z.int(), z.minimum(0));

const windowQuerySchema = lazy(() =>
  z.object({
    from: z.optional(day()).check(z.describe('First day (UTC), YYYY-MM-DD; default 29 days before `to`')),
    to: z
      .optional(day())
      .check(
        z.describe(
          `Last day (UTC), YYYY-MM-DD; default today; at most ${MAX_WINDOW_DAYS} days from \`from\``,
        ),
      ),
  }),
);

const sequenceStatsSchema = () =>
  z
    .object({
      sequenceId: z.string(),
      from: day(),
      to: day(),
      enrolled: count(),
      active: count().check(z.describe('Leads running on the sequence now: active or snoozed')),
      completed: count(),
      stopped: z.object({
        replied: count(),
        unsubscribed: count(),
        bounced: count(),
        notInterested: count(),
        manual: count(),
      }),
      steps: z.array(
        z.object({
          step: z.number().check(z.int(), z.minimum(0)),
          channel: z.enum(CHANNELS),
          sent: count(),
          delivered: count(),
          bounced: count(),
          replied: count(),
          outOfOffice: count(),
          unsubscribed: count(),
          replyRate: rateField(),
          bounceRate: rateField(),
          variants: z.optional(
            z.array(
              z.object({
                id: z.string(),
                sent: count(),
                replied: count(),
                replyRate: rateField(),
                probabilityBest: rateField().check(
                  z.describe('Posterior probability (Beta-Binomial on replies) that it is the best'),
                ),
              }),
            ),
          ),
          promotion: z
            .optional(StepPromotionSchema())
            .check(z.describe('The variant auto-promotion chose, with its figures')),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'SequenceStats' });

const toneStatsSchema = () =>
  z
    .object({
      items: z.array(
        z.object({
          tone: z.enum(TONES),
          sent: count(),
          replied: count(),
          replyRate: rateField(),
          interval: z
            .array(rateField())
            .check(
              z.length(2),
              z.describe("Wilson's 95 % interval of the reply rate; [0, 1] with nothing sent"),
            ),
        }),
      ),
    })
    .register(z.globalRegistry, { id: 'ToneStats' });

const assistantStatsSchema = () => {
  const funnel = z.object({
    ...Object.fromEntries(OUTCOMES.map((outcome) => [outcome, count()])),
    replyRate: rateField(),
    bounceRate: rateField(),
  });
  return z
    .object({
      assistantId: z.string(),
      from: day(),
      to: day(),
      totals: funnel,
      days: z
        .array(z.extend(funnel, { date: day() }))
        .check(z.describe('Every day of the window, oldest first')),
    })
    .register(z.globalRegistry, { id: 'AssistantStats' });
};

const replyStatsQuerySchema = () =>
  z.extend(windowQuerySchema(), {
    sequenceId: z
      .optional(z.string().check(z.minLength(1)))
      .check(z.describe('Only this sequence (404 when the org cannot see it)')),
  });

const replyStatsSchema = () => {
  const byIntent = z
    .object(Object.fromEntries(REPLY_INTENTS.map((intent) => [intent, count()])))
    .check(z.describe('A count per reply intent, every intent, 0 included'))
    .register(z.globalRegistry, { id: 'ReplyIntentCounts' });
  return z
    .object({
      from: day(),
      to: day(),
      total: count(),
      byIntent,
      sequences: z
        .array(
          z.object({
            sequenceId: z.string(),
            sequenceName: z
              .optional(z.string())
              .check(z.describe('Absent when the sequence was deleted since (then `deleted` is true)')),
            deleted: z.optional(z.literal(true)),
            total: count(),
            byIntent,
            steps: z
              .array(
                z.object({
                  step: z.number().check(z.int(), z.minimum(0)),
                  total: count(),
                  byIntent,
                }),
              )
              .check(z.describe('Steps with replies, by index: the step each reply was credited to')),
          }),
        )
        .check(
          z.describe(
            'Sequences with replies in the window, most first; with `sequenceId`, that sequence alone, even without',
          ),
        ),
      corrections: z
        .object({
          total: count(),
          byIntent,
          pairs: z
            .array(
              z.object({
                from: z.enum(REPLY_INTENTS),
                to: z.enum(REPLY_INTENTS),
                count: z.number().check(z.int(), z.minimum(1)),
              }),
            )
            .check(z.describe('What each intent was corrected to, most first')),
        })
        .check(
          z.describe(
            "People's corrections of the replies shown (filed on the reply's day and step, not the " +
              "correction's); `byIntent` counts them by the intent the reply had been given (`from`)",
          ),
        ),
    })
    .register(z.globalRegistry, { id: 'ReplyStats' });
};

export const statsOperations = declareOperations('stats', {
  sequenceStats: {
    method: 'GET',
    path: '/sequences/{id}/stats',
    summary: "The sequence's funnel in a window: leads, and per step (and A/B variant) sends and answers",
    status: 200,
    schemas: () => ({ query: windowQuerySchema(), response: sequenceStatsSchema() }),
  },
  toneStats: {
    method: 'GET',
    path: '/stats/tones',
    summary: 'Reply rate per tone of generated follow-ups in a window, with 95 % intervals',
    status: 200,
    schemas: () => ({ query: windowQuerySchema(), response: toneStatsSchema() }),
  },
  assistantStats: {
    method: 'GET',
    path: '/assistants/{id}/stats',
    summary: "The assistant's funnel in a window, in total and per day",
    status: 200,
    schemas: () => ({ query: windowQuerySchema(), response: assistantStatsSchema() }),
  },
  replyStats: {
    method: 'GET',
    path: '/stats/replies',
    summary: 'Replies by intent in a window, per sequence and step, and the corrections people made',
    status: 200,
    // A `sequenceId` the org cannot see.
    errors: ['not_found'],
    schemas: () => ({ query: replyStatsQuerySchema(), response: replyStatsSchema() }),
  },
});
