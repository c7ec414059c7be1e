import { describe, expect, it } from 'vitest';
import { findPlaceholders, isKnownPlaceholder } from '../../../lambdas/core/placeholders';
import { variantNeeds } from '../../../lambdas/core/rendering/followup-writer';
import { SAMPLE_ASSISTANT, SAMPLE_LEAD, SAMPLE_ORG } from '../../../lambdas/core/rendering/profiles';
import { previewThread } from '../../../lambdas/core/rendering/render-email';
import {
  type MessagePosition,
  TONE_BANK,
  type ToneVariant,
  variantsFor,
} from '../../../lambdas/core/rendering/tone-bank';
import { sampleFor, TONE_CATALOGUE } from '../../../lambdas/core/rendering/tone-catalogue';
import { TONES, type Tone } from '../../../lambdas/core/tones';
import { generated } from './fixtures';

const POSITIONS: MessagePosition[] = ['first', 'followup', 'last'];

/** The first e-mail, a follow-up and the close of a three-step sequence in `tone`, as SAMPLE_LEAD reads them. */
function golden(tone: Tone): string {
  const sequence = {
    id: 'golden',
    type: 'standard' as const,
    steps: [generated(tone, 0), generated(tone), generated(tone)],
  };
  const labels = ['first', 'follow-up', 'last'];
  return labels
    .map((label, stepIndex) => {
      const email = previewThread({
        lead: SAMPLE_LEAD,
        org: SAMPLE_ORG,
        assistant: { ...SAMPLE_ASSISTANT, includeFirstEmail: false },
        sequence,
        stepIndex,
        firstSentAt: '2026-03-02T15:00:00.000Z',
      });
      return `--- ${label} (${email.variantId})\nSubject: ${email.subject}\n\n${email.text}`;
    })
    .join('\n\n');
}

describe('the tone bank', () => {
  it('has at least 6 follow-ups and separate first and last variants for every tone', () => {
    // Prepare
    const counts = TONES.map((tone) => ({
      tone,
      first: variantsFor(tone, 'first').length,
      followup: variantsFor(tone, 'followup').length,
      last: variantsFor(tone, 'last').length,
    }));

    // Act
    const short = counts.filter((count) => count.followup < 6 || count.first < 2 || count.last < 2);

    // Assess
    expect(short).toEqual([]);
  });

  it('gives a subject to every first e-mail and to nothing else', () => {
    // Act
    const wrong = TONE_BANK.filter(
      (variant) => (variant.position === 'first') !== (variant.subject !== undefined),
    );

    // Assess
    expect(wrong.map((variant) => variant.id)).toEqual([]);
  });

  it('keeps two variants that need no lead or org field in every pool, so any lead can be written to', () => {
    // Prepare: the assistant always has a name.
    const needsNoLeadField = (variant: ToneVariant) =>
      variantNeeds(variant).every((path) => path === 'assistant.name');

    // Act
    const thin = TONES.flatMap((tone) =>
      POSITIONS.filter((position) => variantsFor(tone, position).filter(needsNoLeadField).length < 2).map(
        (position) => `${tone}/${position}`,
      ),
    );

    // Assess
    expect(thin).toEqual([]);
  });

  it('uses only placeholders a lead, org or assistant can fill (plus the lead context)', () => {
    // Prepare
    const texts = TONE_BANK.flatMap((v) => [v.subject ?? '', v.greeting, ...v.body, v.signOff]);

    // Act
    const unknown = texts
      .flatMap((text) => findPlaceholders(text))
      .filter((use) => use.path !== 'lead.context' && !isKnownPlaceholder(use.path));

    // Assess
    expect(unknown).toEqual([]);
  });

  it('keeps the lead context to first e-mails', () => {
    // Act
    const misplaced = TONE_BANK.filter(
      (v) => v.position !== 'first' && variantNeeds(v).includes('lead.context'),
    );

    // Assess
    expect(misplaced).toEqual([]);
  });

  it('keeps follow-ups and closes short: one or two sentences', () => {
    // Act
    const long = TONE_BANK.filter((v) => v.position !== 'first').filter(
      (v) => v.body.join(' ').split(/(?<=[.?!])\s+/).length > 2,
    );

    // Assess
    expect(long.map((v) => v.id)).toEqual([]);
  });

  it('never repeats a text', () => {
    // Prepare
    const bodies = TONE_BANK.map((v) => v.body.join(' '));

    // Assess
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});

describe('the tone catalogue', () => {
  it('lists every tone once, with a label and a description', () => {
    // Assess
    expect(TONE_CATALOGUE.map((entry) => entry.tone)).toEqual([...TONES]);
    expect(TONE_CATALOGUE.every((entry) => entry.label.length > 0 && entry.description.length > 20)).toBe(
      true,
    );
  });

  it('samples each tone as a short reply to the sample lead', () => {
    // Act
    const sample = sampleFor('curious');

    // Assess
    expect(sample.subject.startsWith('Re: ')).toBe(true);
    expect(sample.text).toMatchInlineSnapshot(`
      "Hi Jordan,

      I'm curious how Northwind Traders is approaching this at the moment. Is it
      something you're actively looking at?

      Best regards,

      Maya Chen
      Account Executive, Contoso"
    `);
  });
});

describe('golden texts per tone (first e-mail, follow-up, last step) for SAMPLE_LEAD', () => {
  it('candid', () => {
    expect(golden('candid')).toMatchInlineSnapshot(`
      "--- first (candid-first-3)
      Subject: An idea for Northwind Traders

      Hi Jordan,

      I'll keep this brief. What prompted my note: You mentioned at the Chicago
      logistics meetup that chasing late invoices takes up most of your Fridays.

      Would it be worth a short call to see whether we can help Northwind Traders?
      If the timing is wrong, just say so.

      Best regards,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (candid-followup-4)
      Subject: Re: An idea for Northwind Traders

      Hi Jordan,

      I'd rather ask than guess: did my last e-mail reach the right person? If
      someone else looks after this, I'd be grateful for a pointer.

      Thanks,

      Maya Chen
      Account Executive, Contoso

      --- last (candid-last-1)
      Subject: Re: An idea for Northwind Traders

      Hi Jordan,

      I haven't heard back, so I'll assume now isn't the right time and stop
      following up. If that changes, just reply to this e-mail.

      All the best,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('gentle', () => {
    expect(golden('gentle')).toMatchInlineSnapshot(`
      "--- first (gentle-first-1)
      Subject: A quick hello

      Hi Jordan,

      I hope your week is going well. I'm Maya Chen, and here's what prompted me to
      write: You mentioned at the Chicago logistics meetup that chasing late
      invoices takes up most of your Fridays.

      If it would be helpful, I'd be glad to share a few ideas whenever suits you.
      No pressure at all.

      Warm regards,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (gentle-followup-6)
      Subject: Re: A quick hello

      Hi Jordan,

      Checking in kindly in case my last e-mail got buried. If now isn't a good
      time, that's completely fine.

      Kind regards,

      Maya Chen
      Account Executive, Contoso

      --- last (gentle-last-2)
      Subject: Re: A quick hello

      Hello Jordan,

      I'll step back for now so I don't become a nuisance. If the timing is better
      for Northwind Traders later on, I'd be glad to hear from you.

      Kind regards,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('appreciative', () => {
    expect(golden('appreciative')).toMatchInlineSnapshot(`
      "--- first (appreciative-first-3)
      Subject: Something that may help Northwind Traders

      Hi Jordan,

      Thanks for reading. A little background on why I'm writing: You mentioned at
      the Chicago logistics meetup that chasing late invoices takes up most of your
      Fridays.

      I'd truly appreciate the chance to show how we could help Northwind Traders.
      Would a short call suit you?

      Many thanks,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (appreciative-followup-6)
      Subject: Re: Something that may help Northwind Traders

      Hi Jordan,

      Thank you for your patience with my follow-ups. If it would help, I'm happy to
      send a short written summary instead of a call.

      Kind regards,

      Maya Chen
      Account Executive, Contoso

      --- last (appreciative-last-3)
      Subject: Re: Something that may help Northwind Traders

      Jordan,

      Thanks for reading my messages; I'll close the loop here so I don't take up
      more of your time. Wishing you all the best.

      Kind regards,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('hopeful', () => {
    expect(golden('hopeful')).toMatchInlineSnapshot(`
      "--- first (hopeful-first-3)
      Subject: Something promising for Northwind Traders

      Hi Jordan,

      I hope this finds you well. Here's why I'm reaching out: You mentioned at the
      Chicago logistics meetup that chasing late invoices takes up most of your
      Fridays.

      I think there's a real opportunity for Northwind Traders here, and I'd love to
      show you what I mean. Would a 20-minute call suit you?

      Looking forward to hearing from you,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (hopeful-followup-6)
      Subject: Re: Something promising for Northwind Traders

      Hi Jordan,

      Fingers crossed the timing is better this week. If so, I'd love to set up a
      quick call.

      Best,

      Maya Chen
      Account Executive, Contoso

      --- last (hopeful-last-3)
      Subject: Re: Something promising for Northwind Traders

      Jordan,

      I won't keep filling your inbox, so this is my final follow-up. I hope we can
      reconnect down the line, and I wish you every success in the meantime.

      Warm regards,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('assertive', () => {
    expect(golden('assertive')).toMatchInlineSnapshot(`
      "--- first (assertive-first-1)
      Subject: Proposing a 20-minute call

      Hi Jordan,

      I'm Maya Chen, and I'm writing for a clear reason: You mentioned at the
      Chicago logistics meetup that chasing late invoices takes up most of your
      Fridays.

      I'd like to propose a 20-minute call next week. Which day works best for you?

      Best regards,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (assertive-followup-1)
      Subject: Re: Proposing a 20-minute call

      Hi Jordan,

      I'd like to get 20 minutes on your calendar. Does early next week work, or
      would you suggest a better time?

      Best regards,

      Maya Chen
      Account Executive, Contoso

      --- last (assertive-last-2)
      Subject: Re: Proposing a 20-minute call

      Hello Jordan,

      This is my final follow-up. If this becomes a priority for Northwind Traders,
      reply here and we can get started right away.

      Best,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('cautionary', () => {
    expect(golden('cautionary')).toMatchInlineSnapshot(`
      "--- first (cautionary-first-2)
      Subject: A timely note from Contoso

      Hello Jordan,

      I'm Maya Chen from Contoso. Here's what prompted my note: You mentioned at the
      Chicago logistics meetup that chasing late invoices takes up most of your
      Fridays.

      In my experience, these things are easier to address early, so I'd suggest a
      quick conversation sooner rather than later.

      Best,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (cautionary-followup-3)
      Subject: Re: A timely note from Contoso

      Hi Jordan,

      I'd hate for this to become urgent at Northwind Traders before we've had a
      chance to talk. Would a quick call this week make sense?

      Best regards,

      Maya Chen
      Account Executive, Contoso

      --- last (cautionary-last-2)
      Subject: Re: A timely note from Contoso

      Hello Jordan,

      I'll stop following up after this one. If this becomes more pressing at
      Northwind Traders, I'm just a reply away.

      Best,

      Maya Chen
      Account Executive, Contoso"
    `);
  });

  it('curious', () => {
    expect(golden('curious')).toMatchInlineSnapshot(`
      "--- first (curious-first-2)
      Subject: Curious about your take

      Hello Jordan,

      I'm Maya Chen from Contoso. Some context for my note: You mentioned at the
      Chicago logistics meetup that chasing late invoices takes up most of your
      Fridays.

      I'd love to understand what's most important to you right now. Would you be
      open to a short call?

      Thanks,

      Maya Chen
      Account Executive, Contoso

      --- follow-up (curious-followup-6)
      Subject: Re: Curious about your take

      Hi Jordan,

      I'd love to hear your take, even in a sentence or two. Does this resonate, or
      am I off the mark?

      Best,

      Maya Chen
      Account Executive, Contoso

      --- last (curious-last-3)
      Subject: Re: Curious about your take

      Jordan,

      I'll close the loop here. If you have a second, I'd love to know whether I
      should reach out again later in the year.

      Thanks,

      Maya Chen
      Account Executive, Contoso"
    `);
  });
});
