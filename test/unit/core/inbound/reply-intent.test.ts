/**
 * The intent of a person's reply (issue 23): the rules case by case (dates, referrals, objections,
 * precedence, each language), the reply's own text, the default actions, and the accuracy on the
 * labelled set. Every case pins receivedAt and the zone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { classifyReply, type InboundEmail } from '../../../../lambdas/core/inbound';
import { NOT_INTERESTED } from '../../../../lambdas/core/inbound/opt-out';
import { ownText, replyOwnText } from '../../../../lambdas/core/inbound/own-text';
import {
  classifyReplyIntent,
  REPLY_INTENTS,
  type ReplyIntentOptions,
} from '../../../../lambdas/core/inbound/reply-intent';
import { foldReply } from '../../../../lambdas/core/inbound/reply-lexicon';
import { DEFAULT_REPLY_ACTIONS, REPLY_ACTIONS } from '../../../../lambdas/core/replies';
import {
  actionRight,
  entitiesRight,
  evaluate,
  intentRight,
  ownTextOf,
  readSet,
  SETS,
  type Verdict,
} from '../../../../scripts/replies/evaluate';

/** Wednesday 15 April 2026, 11:30 in Berlin. */
const APRIL = { receivedAt: new Date('2026-04-15T09:30:00Z'), timezone: 'Europe/Berlin' };

const read = (text: string, options: Partial<ReplyIntentOptions> = {}) =>
  classifyReplyIntent(text, { ...APRIL, ...options });

describe('classifyReplyIntent: the day a "not now" names', () => {
  it.each<[string, string, ReplyIntentOptions, string]>([
    // Local midnight in Berlin (CEST, UTC+2 from 29 March; CET, UTC+1 in winter).
    [
      'in March when it is April: next March',
      'Not right now. Try me again in March.',
      APRIL,
      '2027-02-28T23:00:00Z',
    ],
    ['after Q2: the first business day of Q3', "Let's revisit after Q2.", APRIL, '2026-06-30T22:00:00Z'],
    ['in Q3', 'Reach out again in Q3 please.', APRIL, '2026-06-30T22:00:00Z'],
    ['next month', 'Can you follow up next month?', APRIL, '2026-04-30T22:00:00Z'],
    ['next quarter', 'Try again next quarter.', APRIL, '2026-06-30T22:00:00Z'],
    ['next year: 1 January', 'Not a priority now, maybe next year.', APRIL, '2026-12-31T23:00:00Z'],
    [
      'nach den Sommerferien: 1 September',
      'Aktuell passt es nicht, melden Sie sich nach den Sommerferien.',
      APRIL,
      '2026-08-31T22:00:00Z',
    ],
    ['à la rentrée', 'Pas pour le moment, recontactez-moi à la rentrée.', APRIL, '2026-08-31T22:00:00Z'],
    [
      'after the summer',
      'Not now. Could you get back to me after the summer?',
      APRIL,
      '2026-08-31T22:00:00Z',
    ],
    ['after the holidays: January', 'Circle back after the holidays.', APRIL, '2026-12-31T23:00:00Z'],
    [
      'nach Weihnachten',
      'Zurzeit nicht, melden Sie sich nach Weihnachten wieder.',
      APRIL,
      '2026-12-31T23:00:00Z',
    ],
    ['mid-May: the 15th', 'Not now, ping me mid-May.', APRIL, '2026-05-14T22:00:00Z'],
    [
      'a written date, read by chrono',
      'Please follow up after May 15th, not before.',
      APRIL,
      '2026-05-14T22:00:00Z',
    ],
    ['a counted one', 'Not now, ping me in two weeks.', APRIL, '2026-04-28T22:00:00Z'],
    ['the latest of two', 'Busy until June, reach out in July.', APRIL, '2026-06-30T22:00:00Z'],
  ])('%s', async (_name, text, options, until) => {
    const reading = await classifyReplyIntent(text, options);
    expect(reading.intent).toBe('not_now');
    expect(reading.until?.toISOString()).toBe(new Date(until).toISOString());
  });

  it.each<[string, string, string, string]>([
    // 1 July 2028 is a Saturday: the quarter's first business day is Monday 3 July.
    ['a quarter starting on a Saturday', 'Not now, in Q3.', '2028-04-10T09:00:00Z', '2028-07-02T22:00:00Z'],
    // 1 January 2028 is a Saturday.
    [
      'a new year starting on a Saturday',
      'Not now, maybe next year.',
      '2027-05-10T09:00:00Z',
      '2028-01-02T23:00:00Z',
    ],
    // 1 November 2026 is a Sunday.
    [
      'a month starting on a Sunday',
      'Not now, follow up next month.',
      '2026-10-20T09:00:00Z',
      '2026-11-01T23:00:00Z',
    ],
  ])('a business day (Monday to Friday): %s', async (_name, text, receivedAt, until) => {
    const reading = await classifyReplyIntent(text, {
      receivedAt: new Date(receivedAt),
      timezone: 'Europe/Berlin',
    });
    expect(reading.until?.toISOString()).toBe(new Date(until).toISOString());
  });

  it('counts in the lead’s zone, not UTC: 02:00 UTC on 1 July is still 30 June in Los Angeles', async () => {
    const options = { receivedAt: new Date('2026-07-01T02:00:00Z'), timezone: 'America/Los_Angeles' };
    const reading = await classifyReplyIntent('Not right now, try me next month.', options);
    // July 2026 in Los Angeles, not August (as UTC's July 1 would make it); midnight PDT is 07:00 UTC.
    expect(reading.until?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });

  it('is DST-safe: a winter reply naming a summer month gets midnight at the summer offset', async () => {
    const options = { receivedAt: new Date('2026-01-12T18:00:00Z'), timezone: 'America/Los_Angeles' };
    const reading = await classifyReplyIntent('Not now. Reach out again in June.', options);
    expect(reading.until?.toISOString()).toBe('2026-06-01T07:00:00.000Z');
  });

  it('crosses the date line: 23:30 UTC on 30 December is already 31 December in Tokyo', async () => {
    const options = { receivedAt: new Date('2026-12-30T23:30:00Z'), timezone: 'Asia/Tokyo' };
    const reading = await classifyReplyIntent('Follow up next month please, not now.', options);
    expect(reading.until?.toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it('gives no date when none is named', async () => {
    const reading = await read('Maybe later this year, not right now.');
    expect(reading).toMatchObject({ intent: 'not_now' });
    expect(reading.until).toBeUndefined();
  });

  it.each<[string, string, string, string]>([
    ['en', 'Not right now. Try me again in March.', 'Europe/London', '2027-03-01'],
    ['de', 'Derzeit nicht, vielleicht im nächsten Jahr.', 'Europe/Berlin', '2027-01-01'],
    ['fr', 'Ce n’est pas le bon moment, revenez vers moi le mois prochain.', 'Europe/Paris', '2026-05-01'],
    ['es', 'Ahora mismo no, escríbeme después del verano.', 'Europe/Madrid', '2026-09-01'],
    ['it', 'Al momento no, ricontattami a giugno.', 'Europe/Rome', '2026-06-01'],
    ['pt', 'Agora não, volte a falar comigo no próximo trimestre.', 'Europe/Lisbon', '2026-07-01'],
    ['nl', 'Nu even niet, neem na de zomer weer contact op.', 'Europe/Amsterdam', '2026-09-01'],
    ['sv', 'Inte just nu, hör av dig igen efter nyår.', 'Europe/Stockholm', '2027-01-01'],
    ['da', 'Ikke lige nu. Skriv til mig igen i december.', 'Europe/Copenhagen', '2026-12-01'],
    ['no', 'Ikke nå, ta kontakt igjen i mars.', 'Europe/Oslo', '2027-03-01'],
  ])('reads a deferral in %s', async (language, text, timezone, day) => {
    const reading = await classifyReplyIntent(text, { receivedAt: APRIL.receivedAt, timezone, language });
    expect(reading.intent).toBe('not_now');
    expect(reading.until?.toLocaleDateString('sv-SE', { timeZone: timezone })).toBe(day);
  });

  it('refuses an unknown zone or an invalid date, naming the field', async () => {
    await expect(read('Not now, next month.', { timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      details: [{ path: 'timezone' }],
    });
    await expect(read('Thanks', { receivedAt: new Date('nope') })).rejects.toMatchObject({
      details: [{ path: 'receivedAt' }],
    });
  });
});

describe('classifyReplyIntent: referrals', () => {
  it.each<[string, { name?: string; email?: string }]>([
    ['talk to Priya (priya@acme.example) instead', { name: 'Priya', email: 'priya@acme.example' }],
    [
      'please contact my colleague Hans Müller, hans.mueller@firma.de',
      { name: 'Hans Müller', email: 'hans.mueller@firma.de' },
    ],
    ['Bitte wenden Sie sich an meinen Kollegen Hans Müller.', { name: 'Hans Müller' }],
    ['Je vous mets en relation avec Claire Dubois qui gère ce sujet.', { name: 'Claire Dubois' }],
    ['Neem contact op met mijn collega Pieter de Vries.', { name: 'Pieter de Vries' }],
    ['Tom Baker handles this, tom@fabrikam.example', { name: 'Tom Baker', email: 'tom@fabrikam.example' }],
    ["I've left Acme, you can reach my replacement at j.park@acme.example", { email: 'j.park@acme.example' }],
  ])('%s', async (text, referral) => {
    expect(await read(text)).toMatchObject({ intent: 'referral', referral });
  });

  it('wins over "not now": the action that moves the lead forward', async () => {
    const reading = await read('Not now, but talk to Priya - she is evaluating tools this quarter.');
    expect(reading).toMatchObject({ intent: 'referral', referral: { name: 'Priya' } });
    expect(reading.until).toBeUndefined();
  });

  it('does not take the sender’s own address (or ours) for someone else', async () => {
    const reading = await read('Not my area, sorry. Reach me at lead@fabrikam.example for anything else.', {
      ownAddresses: ['lead@fabrikam.example'],
    });
    expect(reading.intent).toBe('wrong_person');
  });

  it('needs a person: "ask someone in finance" names nobody', async () => {
    expect((await read("I'm not the right person, ask someone in finance.")).intent).toBe('wrong_person');
  });
});

describe('classifyReplyIntent: objections', () => {
  it.each([
    ['Honestly it is too expensive for a team our size.', 'price'],
    ['Wir haben dafür kein Budget.', 'price'],
    ['We already use HubSpot for this.', 'competitor'],
    ['Wir nutzen bereits Salesforce.', 'competitor'],
    ['We handle all of this in-house.', 'no_need'],
    ['The timing is bad, we are in the middle of a reorg.', 'timing'],
    ['Not convinced AI-written follow-ups work in our market.', 'other'],
  ])('%s -> %s', async (text, objection) => {
    expect(await read(text)).toMatchObject({ intent: 'objection', objection });
  });
});

describe('classifyReplyIntent: precedence and the existing readers', () => {
  it('reads a question with a timeline as a question, not a "not now": the buyer asks for pricing', async () => {
    // Act
    const reading = await read('Could you send over pricing for 50 seats? We’d want to start in April.');

    // Assess
    expect(reading.intent).toBe('question');
    expect(reading.until).toBeUndefined();
  });

  it.each([
    ['an unsubscribe beats everything', 'Not interested. Remove me from your list.', 'unsubscribe'],
    ['an unsubscribe with typos, as isUnsubscribe reads it', 'unsubcribe pls', 'unsubscribe'],
    [
      '"not interested" beats an objection, as the old classifier says',
      'No thanks, we already use Salesloft.',
      'not_interested',
    ],
    [
      'a meeting beats an objection',
      'The price seems high but let’s talk - are you free Monday at 10?',
      'meeting_request',
    ],
    ['a meeting beats interest', 'Interested! Can we set up a call Thursday?', 'meeting_request'],
    ['a question beats interest', 'Sounds interesting. Does it integrate with Pipedrive?', 'question'],
    ['decided interest beats a question', "Sounds good, I'm in. What are the next steps?", 'interested'],
    ['"left the company in January" is no deferral', 'I left the company in January.', 'wrong_person'],
    ['a proposed time is a meeting', 'Tuesday at 2 works.', 'meeting_request'],
    ['an acknowledgement is other', 'Thanks, received.', 'other'],
  ])('%s', async (_name, text, intent) => {
    expect((await read(text)).intent).toBe(intent);
  });

  it('reads a typed subject as the sender’s words, an empty body and "Unsubscribe"', async () => {
    expect((await read('', { subject: 'Unsubscribe' })).intent).toBe('unsubscribe');
    expect((await read('', { subject: 'Re: Unsubscribe' })).intent).toBe('other');
  });

  it('confidence is between 0 and 1 and lower for a mixed reply', async () => {
    const clear = await read('Not interested.');
    const mixed = await read('No thanks, we already use Salesloft and the timing is bad.');
    expect(clear.confidence).toBeGreaterThan(mixed.confidence);
    for (const reading of [clear, mixed]) {
      expect(reading.confidence).toBeGreaterThan(0);
      expect(reading.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('the old classifier reads the typo’d "not intrested" too (NOT_INTERESTED extended)', async () => {
    const email: InboundEmail = {
      references: ['<root@email.amazonses.com>'],
      inReplyTo: '<root@email.amazonses.com>',
      from: { address: 'lead@fabrikam.example', name: 'Lead' },
      to: [],
      cc: [],
      subject: 'Re: Hello',
      text: 'not intrested, thx',
      headers: {},
    };
    const context = { leadEmail: 'lead@fabrikam.example', threadMessageIds: ['<root@email.amazonses.com>'] };
    expect(await classifyReply(email, context)).toEqual({ kind: 'not_interested' });
    expect(await classifyReply({ ...email, text: "nah we're good" }, context)).toEqual({
      kind: 'not_interested',
    });
  });
});

describe('replyOwnText', () => {
  it('keeps the answer and drops the quote, the phone line, the signature, a legal footer and our footer', () => {
    const text = [
      'Not right now, try me in March.',
      '',
      'Best regards,',
      'Jordan Lee',
      'jordan@fabrikam.example',
      '',
      'Sent from my iPhone',
      '',
      'On Tue, Apr 14, 2026 at 4:02 PM Maya Chen <maya@contoso.example> wrote:',
      '> Talk to Priya (priya@northwind.example) for a reference.',
    ].join('\n');
    expect(replyOwnText({ text })).toBe('Not right now, try me in March.');
  });

  it('cuts a confidentiality notice and our footer quoted back without a marker', () => {
    const text =
      "Sounds good.\nIf you'd rather not hear from me again, unsubscribe here [https://u.example/x].\n\n" +
      'This e-mail and any attachments are confidential and intended solely for the addressee. Please contact the sender.';
    expect(ownText(text)).toBe('Sounds good.');
  });

  it('keeps a first line that only says thanks', () => {
    expect(ownText('Thanks,\n\nI am not the right person.')).toBe('Thanks,\n\nI am not the right person.');
  });

  it('turns an Outlook HTML reply into its own words, as the MIME adapter converts it', async () => {
    const [entry] = readSet(SETS.labelled).filter((candidate) => candidate.id === 'referral-de-5');
    if (entry === undefined) throw new Error('fixture missing');
    const own = await ownTextOf(entry);
    expect(own).toContain('Stefan Koch');
    // Our quoted e-mail names a reference customer; it must not reach the rules.
    expect(own).not.toContain('priya@northwind.example');
    expect(own).not.toContain('vertraulich');
  });
});

describe('the default action per intent (issue 23 §2)', () => {
  it('maps every intent to its default', () => {
    expect(DEFAULT_REPLY_ACTIONS).toEqual({
      interested: 'stop',
      meeting_request: 'stop',
      question: 'stop',
      objection: 'stop',
      other: 'stop',
      not_now: 'snooze',
      referral: 'enroll_referral',
      wrong_person: 'stop',
      not_interested: 'stop_and_suppress',
      unsubscribe: 'unsubscribe',
    });
    expect(Object.keys(DEFAULT_REPLY_ACTIONS).sort()).toEqual([...REPLY_INTENTS].sort());
    for (const action of Object.values(DEFAULT_REPLY_ACTIONS)) expect(REPLY_ACTIONS).toContain(action);
  });
});

describe('accuracy on the labelled replies', () => {
  let labelled: Verdict[];
  let heldOut: Verdict[];
  beforeAll(async () => {
    labelled = await evaluate(readSet(SETS.labelled));
    heldOut = await evaluate(readSet(SETS.heldOut));
  }, 60_000);

  const share = (verdicts: readonly Verdict[], right: (verdict: Verdict) => boolean) =>
    verdicts.filter(right).length / verdicts.length;

  it('the labelled set is what issue 23 asks: ≥ 300 replies, every intent, ≥ 8 languages, HTML, real labels', () => {
    const entries = labelled.map((verdict) => verdict.entry);
    expect(entries.length).toBeGreaterThanOrEqual(300);
    expect(new Set(entries.map((entry) => entry.intent))).toEqual(new Set(REPLY_INTENTS));
    expect(new Set(entries.map((entry) => entry.language)).size).toBeGreaterThanOrEqual(8);
    expect(entries.filter((entry) => entry.html !== undefined).length).toBeGreaterThanOrEqual(10);
    for (const entry of entries) expect(entry.action).toBe(DEFAULT_REPLY_ACTIONS[entry.intent]);
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
  });

  it('≥ 95 % right intent, ≥ 98 % right action, ≥ 95 % right dates, kinds and people', () => {
    expect(share(labelled, intentRight)).toBeGreaterThanOrEqual(0.95);
    expect(share(labelled, actionRight)).toBeGreaterThanOrEqual(0.98);
    const withEntities = labelled.filter(
      ({ entry }) =>
        entry.until !== undefined || entry.objection !== undefined || entry.referral !== undefined,
    );
    expect(share(withEntities, entitiesRight)).toBeGreaterThanOrEqual(0.95);
  });

  it('the held-out set (never tuned to) stays above a floor below its measured 95.9 % / 98.6 %', () => {
    expect(share(heldOut, intentRight)).toBeGreaterThanOrEqual(0.9);
    expect(share(heldOut, actionRight)).toBeGreaterThanOrEqual(0.95);
  });

  it('agrees with NOT_INTERESTED: a reply it matches is not_interested unless a stronger intent applies', async () => {
    for (const verdict of labelled) {
      const own = await ownTextOf(verdict.entry);
      if (!NOT_INTERESTED.test(foldReply(own))) continue;
      expect(['not_interested', 'unsubscribe', 'referral', 'not_now']).toContain(verdict.reading.intent);
    }
  });
});
