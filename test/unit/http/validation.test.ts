/**
 * parseWith turns zod's issues into field errors with messages a frontend can show. The functions
 * validate with zod's mini build, which has no messages of its own ("Invalid input" for everything):
 * importing the validation module must configure them.
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
    await import('../../../lambdas/zod-messages');
  });

  it('names each wrong field with an English message once the validation module is loaded', async () => {
    // Arrange: no messages configured, as in a function whose bundle holds only zod's mini build.
    z.config({ localeError: undefined });
    vi.resetModules();
    const { parseWith } = await import('../../../lambdas/http/validation');

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
        { path: 'name', message: 'Too small: expected string to have >=1 characters' },
        { path: 'type', message: 'Invalid option: expected one of "standard"|"email_cc"' },
        { path: 'steps.0.afterDays', message: 'Too small: expected number to be >=0' },
      ]),
    );
  });

  it('refuses lone surrogates in any field, keys included', async () => {
    const { parseWith } = await import('../../../lambdas/http/validation');

    const details = refusalOf(() => parseWith(z.looseObject({}), { 'bad\uD800': { deeper: 'x\uDC00' } }));

    expect(details.map((issue) => issue.path)).toEqual(['bad\uD800', 'bad\uD800.deeper']);
  });

  it('refuses nesting deeper than its limit with 400 naming where, however deep, without recursing', async () => {
    // Prepare
    const { MAX_NESTING_DEPTH, parseWith } = await import('../../../lambdas/http/validation');
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
});
