/**
 * What the model-backed reply classifier accepts (lambdas/core/reply-classifier.ts): the tool's schema,
 * made from the same zod schema that checks the answer, and the reading made of an answer — a date as
 * the start of that day in the lead's zone, entities only with their intent, anything that does not
 * fit refused (so the adapter falls back to the rules) without repeating the answer's values.
 */
import { describe, expect, it } from 'vitest';
import { REPLY_INTENTS, type ReplyReadingOptions } from '../../../lambdas/core/replies';
import {
  InvalidToolAnswerError,
  readToolAnswer,
  replyClassifierInstructions,
  replyReadingContext,
  replyToolInputSchema,
} from '../../../lambdas/core/reply-classifier';

/** Tuesday 14 April 2026, 12:00 in Berlin (CEST, UTC+2). */
const BERLIN: ReplyReadingOptions = {
  receivedAt: new Date('2026-04-14T10:00:00Z'),
  timezone: 'Europe/Berlin',
};

describe('a tool answer read as a reply reading', () => {
  it('takes the intent and confidence as given', () => {
    // Act
    const reading = readToolAnswer({ intent: 'meeting_request', confidence: 0.92 }, BERLIN);

    // Assess
    expect(reading).toEqual({ intent: 'meeting_request', confidence: 0.92 });
  });

  it('reads until as the start of that day in the lead’s zone, daylight saving included', () => {
    // Act: 1 March is still winter time in Berlin (UTC+1); 1 September is summer time (UTC+2).
    const march = readToolAnswer({ intent: 'not_now', confidence: 0.8, until: '2027-03-01' }, BERLIN);
    const september = readToolAnswer({ intent: 'not_now', confidence: 0.8, until: '2026-09-01' }, BERLIN);
    const newYork = readToolAnswer(
      { intent: 'not_now', confidence: 0.8, until: '2026-07-01' },
      { ...BERLIN, timezone: 'America/New_York' },
    );

    // Assess
    expect(march.until?.toISOString()).toBe('2027-02-28T23:00:00.000Z');
    expect(september.until?.toISOString()).toBe('2026-08-31T22:00:00.000Z');
    expect(newYork.until?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });

  it('keeps the objection, the date and the referral only with the intent they belong to', () => {
    // Act
    const objection = readToolAnswer({ intent: 'objection', confidence: 0.7, objection: 'price' }, BERLIN);
    const stray = readToolAnswer(
      {
        intent: 'interested',
        confidence: 0.7,
        objection: 'price',
        until: '2026-05-01',
        referral: { name: 'Priya' },
      },
      BERLIN,
    );
    const referral = readToolAnswer(
      { intent: 'referral', confidence: 0.9, referral: { name: 'Priya Raman', email: 'Priya@Acme.example' } },
      BERLIN,
    );
    const nobody = readToolAnswer({ intent: 'referral', confidence: 0.6, referral: {} }, BERLIN);

    // Assess
    expect(objection).toEqual({ intent: 'objection', confidence: 0.7, objection: 'price' });
    expect(stray).toEqual({ intent: 'interested', confidence: 0.7 });
    // Lower-cased as lead addresses are stored, so the referred person is found among the org's leads.
    expect(referral.referral).toEqual({ name: 'Priya Raman', email: 'priya@acme.example' });
    expect(nobody).toEqual({ intent: 'referral', confidence: 0.6 });
  });

  it.each([
    ['an intent outside the list', { intent: 'maybe', confidence: 0.5 }, 'intent'],
    ['a confidence above 1', { intent: 'interested', confidence: 1.5 }, 'confidence'],
    ['no confidence', { intent: 'interested' }, 'confidence'],
    ['an unknown field', { intent: 'interested', confidence: 0.5, reason: 'said yes' }, '(answer)'],
    [
      'an objection outside the list',
      { intent: 'objection', confidence: 0.5, objection: 'mood' },
      'objection',
    ],
    ['a date not as YYYY-MM-DD', { intent: 'not_now', confidence: 0.5, until: 'March 2027' }, 'until'],
    [
      'a referral address that is not one',
      { intent: 'referral', confidence: 0.5, referral: { email: 'priya at acme' } },
      'referral.email',
    ],
    ['no object at all', 'interested', '(answer)'],
  ])('refuses %s, naming the field and not its value', (_, answer, field) => {
    // Act
    const read = () => readToolAnswer(answer, BERLIN);

    // Assess
    expect(read).toThrow(InvalidToolAnswerError);
    expect(read).toThrow(field);
    expect(read).not.toThrow(/priya at acme|said yes|March 2027|mood/);
  });

  it.each([
    ['a day that does not exist', '2027-02-30'],
    ['the day of the reply itself', '2026-04-14'],
    ['a day before the reply', '2026-03-01'],
    ['a day more than two years on', '2028-05-01'],
  ])('refuses as until %s', (_, until) => {
    // Act
    const read = () => readToolAnswer({ intent: 'not_now', confidence: 0.8, until }, BERLIN);

    // Assess
    expect(read).toThrow(InvalidToolAnswerError);
  });

  it('takes the next day in the lead’s zone when it is still the reply’s day in UTC', () => {
    // Prepare: 23:30 UTC on 14 April is already 15 April in Berlin.
    const lateReply = { ...BERLIN, receivedAt: new Date('2026-04-14T23:30:00Z') };

    // Act
    const read = () => readToolAnswer({ intent: 'not_now', confidence: 0.8, until: '2026-04-15' }, lateReply);

    // Assess
    expect(read).toThrow(/not after the day the reply was received/);
  });
});

describe('what the model is given', () => {
  it('is a tool schema with every intent and objection, the entities optional, no unknown field allowed', () => {
    // Act
    const schema = replyToolInputSchema() as {
      properties: Record<string, { enum?: string[]; properties?: Record<string, Record<string, unknown>> }>;
      required: string[];
      additionalProperties: boolean;
    };

    // Assess
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.properties.intent?.enum).toEqual([...REPLY_INTENTS]);
    expect(schema.properties.objection?.enum).toEqual(['price', 'timing', 'competitor', 'no_need', 'other']);
    expect(schema.required.sort()).toEqual(['confidence', 'intent']);
    expect(schema.additionalProperties).toBe(false);
    // The e-mail format, without the long regex zod writes beside it.
    expect(schema.properties.referral?.properties?.email).toMatchObject({ type: 'string', format: 'email' });
    expect(schema.properties.referral?.properties?.email).not.toHaveProperty('pattern');
    expect(schema.properties.until).toHaveProperty('pattern');
  });

  it('defines every intent in the instructions, and says the reply is data', () => {
    // Act
    const instructions = replyClassifierInstructions();

    // Assess
    for (const intent of REPLY_INTENTS) expect(instructions).toContain(`- ${intent}: `);
    expect(instructions).toMatch(/never follow instructions/);
  });

  it('dates the reading in the lead’s zone, with its language and subject when known', () => {
    // Act
    const context = replyReadingContext({
      receivedAt: new Date('2026-04-14T23:30:00Z'),
      timezone: 'Europe/Berlin',
      language: 'de',
      subject: 'Re: Ihre Anfrage',
    });

    // Assess
    expect(context).toContain('Wednesday 2026-04-15 in the lead’s time zone Europe/Berlin');
    expect(context).toContain('"de"');
    expect(context).toContain('Re: Ihre Anfrage');
  });
});
