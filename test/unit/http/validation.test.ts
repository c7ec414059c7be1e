/**
 * parseWith turns zod's issues into field errors with messages a frontend can show. The functions
 * validate with zod's mini build, which has no messages of its own ("Invalid input" for everything):
 * importing the validation module must configure them, worded for people and named by field.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import type { FieldIssue } from '../../../lambdas/core/errors';
import { SequenceInputSchema } from '../../../lambdas/core/sequences';

/** The field issues of the ValidationError `run` throws (by name: the modules are loaded afresh below). */
const refusalOf = (run: () => unknown): FieldIssue[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError')
      return (error as Error & { details: FieldIssue[] }).details;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('parseWith', () => {
  afterAll(async () => {
    await import('../../../lambdas/core/validation-messages');
  });

  it('names each wrong field with an English message once the validation module is loaded', async () => {
    // Arrange: no messages configured, as in a function whose bundle holds only zod's mini build.
    z.config({ localeError: undefined, customError: undefined });
    vi.resetModules();
    const { parseWith } = await import('../../../lambdas/core/validation');

    // Act
    const details = refusalOf(() =>
      parseWith(SequenceInputSchema(), {
        name: '',
        type: 'weekly',
        steps: [{ afterDays: -1, channel: 'email' }],
      }),
    );

    // Assess
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'name must not be empty' },
        { path: 'type', message: 'type must be one of: standard, email_cc' },
        { path: 'steps.0.afterDays', message: 'afterDays must be at least 0' },
      ]),
    );
  });

  it('refuses lone surrogates in any field, keys included', async () => {
    const { parseWith } = await import('../../../lambdas/core/validation');

    const details = refusalOf(() => parseWith(z.looseObject({}), { 'bad\uD800': { deeper: 'x\uDC00' } }));

    expect(details.map((issue) => issue.path)).toEqual(['bad\uD800', 'bad\uD800.deeper']);
  });

  it('refuses nesting deeper than its limit with 400 naming where, however deep, without recursing', async () => {
    // Prepare
    const { MAX_NESTING_DEPTH, parseWith } = await import('../../../lambdas/core/validation');
    const { parseJson } = await import('../../../lambdas/http/api-handler');
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    const atLimit = JSON.parse(`{"tags":${nested(MAX_NESTING_DEPTH - 1)}}`);
    const pastLimit = JSON.parse(`{"tags":${nested(MAX_NESTING_DEPTH)}}`);

    // Act
    const accepted = parseWith(z.looseObject({}), atLimit);
    const refused = refusalOf(() => parseWith(z.looseObject({}), pastLimit));
    // 200 KB of brackets, 100,000 levels: past any call stack a recursive walk would need.
    const deepest = refusalOf(() => parseWith(z.looseObject({}), parseJson(nested(100_000))));
    const deepField = refusalOf(() =>
      parseWith(z.object({ name: z.string() }), { name: JSON.parse(nested(2_000)) }),
    );

    // Assess
    expect(accepted).toEqual(atLimit);
    expect(refused).toEqual([
      {
        path: ['tags', ...Array(MAX_NESTING_DEPTH - 1).fill('0')].join('.'),
        message: 'Nested deeper than 32 levels of arrays and objects',
      },
    ]);
    expect(deepest).toEqual([{ path: Array(32).fill('0').join('.'), message: expect.any(String) }]);
    expect(deepField).toEqual([
      { path: ['name', ...Array(31).fill('0')].join('.'), message: expect.stringContaining('Nested deeper') },
    ]);
  });

  it('refuses an unknown field, nested ones too, naming it with the closest known field', async () => {
    // Prepare
    const { parseWith } = await import('../../../lambdas/core/validation');
    const { LeadInputSchema } = await import('../../../lambdas/core/leads');
    const step = { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' };

    // Act
    const lead = refusalOf(() =>
      parseWith(LeadInputSchema(), {
        first_name: 'Ada',
        emial: 'ada@example.com',
        zip: '1',
        assistantId: 'a',
      }),
    );
    const sequence = refusalOf(() =>
      parseWith(SequenceInputSchema(), { name: 'S', steps: [step, { ...step, afterDays: 2, delayDays: 3 }] }),
    );

    // Assess
    expect(lead).toEqual(
      expect.arrayContaining([
        { path: 'first_name', message: 'unknown field first_name — did you mean firstName?' },
        { path: 'emial', message: 'unknown field emial — did you mean email?' },
        { path: 'zip', message: 'unknown field zip' },
      ]),
    );
    expect(sequence).toEqual([{ path: 'steps.1.delayDays', message: 'unknown field delayDays' }]);
  });

  it('words zod issues for people, named by the field', async () => {
    // Prepare
    const { parseWith } = await import('../../../lambdas/core/validation');
    const { LeadInputSchema } = await import('../../../lambdas/core/leads');
    const step = { afterDays: 1.5, channel: 'email', messageType: 'generated', tone: 'candid' };

    // Act
    const lead = refusalOf(() =>
      parseWith(LeadInputSchema(), {
        context: 'x'.repeat(5001),
        email: 'not-an-address',
        startAt: '2027-01-05T09:00:00',
      }),
    );
    const sequence = refusalOf(() => parseWith(SequenceInputSchema(), { name: 'S', steps: [step] }));

    // Assess
    expect(lead).toEqual(
      expect.arrayContaining([
        { path: 'firstName', message: 'firstName is required' },
        { path: 'assistantId', message: 'assistantId is required' },
        { path: 'context', message: 'context must be at most 5000 characters' },
        { path: 'email', message: 'email must be a valid email address, e.g. ada@example.com' },
        {
          path: 'startAt',
          message: expect.stringMatching(
            /^startAt must be an ISO 8601 date-time with a time zone offset or Z/,
          ),
        },
      ]),
    );
    expect(sequence).toEqual([{ path: 'steps.0.afterDays', message: 'afterDays must be a whole number' }]);
  });

  it('trims an e-mail address pasted with spaces before validating it', async () => {
    const { parseWith } = await import('../../../lambdas/core/validation');
    const { LeadInputSchema } = await import('../../../lambdas/core/leads');

    const lead = parseWith(LeadInputSchema(), {
      firstName: 'Sp',
      email: ' SP@example.com ',
      assistantId: 'a',
    });

    expect(lead.email).toBe('sp@example.com');
  });
});
