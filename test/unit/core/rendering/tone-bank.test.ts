import { describe, expect, it } from 'vitest';
import { findPlaceholders, isKnownPlaceholder } from '../../../../lambdas/core/placeholders';
import { variantNeeds } from '../../../../lambdas/core/rendering/followup-writer';
import { requiredFields } from '../../../../lambdas/core/rendering/personalize';
import {
  type LeadProfile,
  type OrgProfile,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from '../../../../lambdas/core/rendering/profiles';
import { previewThread } from '../../../../lambdas/core/rendering/render-email';
import {
  type MessagePosition,
  REFERRAL_OPENINGS,
  referralOpeningsFor,
  TONE_BANK,
  type ToneVariant,
  variantsFor,
} from '../../../../lambdas/core/rendering/tone-bank';
import { sampleFor, TONE_CATALOGUE } from '../../../../lambdas/core/rendering/tone-catalogue';
import type { SequenceType } from '../../../../lambdas/core/sequences';
import { TONES, type Tone } from '../../../../lambdas/core/tones';
import { generated } from './fixtures';

const POSITIONS: MessagePosition[] = ['first', 'followup', 'last'];
const SEQUENCE_TYPES: SequenceType[] = ['standard', 'email_cc'];
/** Email CC sequences have no first e-mail: the user's own e-mail opens the thread. */
const positionsOf = (type: SequenceType): MessagePosition[] =>
  type === 'standard' ? POSITIONS : ['followup', 'last'];
const OFFERING_PATHS = ['org.offering.summary', 'org.offering.valueProposition', 'org.offering.callToAction'];
/** Placeholders only the tone bank may use: custom messages cannot (save-time validation). */
const BANK_ONLY_PATHS = ['lead.context', ...OFFERING_PATHS];
const textOf = (v: ToneVariant) => [v.subject ?? '', v.greeting, ...v.body, v.signOff].join('\n');
const usable = (type: SequenceType) => (v: ToneVariant) => (v.sequenceTypes ?? [type]).includes(type);

const { offering: _offering, ...ORG_WITHOUT_OFFERING } = SAMPLE_ORG;
const { context: _context, ...LEAD_WITHOUT_CONTEXT } = SAMPLE_LEAD;
const SENT_AT = '2026-03-02T15:00:00.000Z';

/**
 * Every place a `tone` e-mail can stand, as SAMPLE_LEAD reads it (without the quote): the four kinds of
 * first e-mail, the first and a later follow-up and the close of a standard sequence, and the same
 * three of an Email CC sequence, whose first follow-up comes after the user's own e-mail.
 */
function golden(tone: Tone): string {
  const steps = [generated(tone, 0), generated(tone), generated(tone), generated(tone)];
  const assistant = { ...SAMPLE_ASSISTANT, includeFirstEmail: false };
  const render = (
    label: string,
    type: SequenceType,
    stepIndex: number,
    lead: LeadProfile = SAMPLE_LEAD,
    org: OrgProfile = SAMPLE_ORG,
  ) => {
    const email = previewThread({
      lead,
      org,
      assistant,
      sequence: { id: `golden-${type}`, type, steps },
      stepIndex,
      firstSentAt: SENT_AT,
    });
    return `--- ${label} (${email.variantId})\nSubject: ${email.subject}\n\n${email.text}`;
  };
  return [
    render('standard, first e-mail with the offering and the lead context', 'standard', 0),
    render('standard, first e-mail with the offering only', 'standard', 0, LEAD_WITHOUT_CONTEXT),
    render('standard, first e-mail without an offering', 'standard', 0, SAMPLE_LEAD, ORG_WITHOUT_OFFERING),
    render('standard, first e-mail with neither', 'standard', 0, LEAD_WITHOUT_CONTEXT, ORG_WITHOUT_OFFERING),
    render('standard, first follow-up', 'standard', 1),
    render('standard, later follow-up', 'standard', 2),
    render('standard, last', 'standard', 3),
    render('Email CC, first follow-up (after the user’s e-mail)', 'email_cc', 1),
    render('Email CC, later follow-up', 'email_cc', 2),
    render('Email CC, last', 'email_cc', 3),
  ].join('\n\n');
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

  it('keeps two variants that need no lead or org field in every pool of each sequence type', () => {
    // Prepare: the assistant always has a name.
    const needsNoLeadField = (variant: ToneVariant) =>
      variantNeeds(variant).every((path) => path === 'assistant.name');

    // Act
    const thin = TONES.flatMap((tone) =>
      SEQUENCE_TYPES.flatMap((type) =>
        positionsOf(type)
          .filter((position) => variantsFor(tone, position, type).filter(needsNoLeadField).length < 2)
          .map((position) => `${tone}/${position}/${type}`),
      ),
    );

    // Assess
    expect(thin).toEqual([]);
  });

  it('gives every tone two first e-mails with the offering and the context, and two with the offering alone', () => {
    // Prepare: what a first e-mail may need besides the offering and the context.
    const needsOnly = (allowed: string[]) => (v: ToneVariant) =>
      variantNeeds(v).every((path) => allowed.includes(path));
    const withBoth = (v: ToneVariant) =>
      variantNeeds(v).includes('lead.context') && variantNeeds(v).includes('org.offering.summary');
    const offeringOnly = (v: ToneVariant) =>
      !variantNeeds(v).includes('lead.context') && variantNeeds(v).includes('org.offering.summary');

    // Act
    const thin = TONES.filter((tone) => {
      const pool = variantsFor(tone, 'first').filter(needsOnly(['assistant.name', ...BANK_ONLY_PATHS]));
      return pool.filter(withBoth).length < 2 || pool.filter(offeringOnly).length < 2;
    });

    // Assess
    expect(thin).toEqual([]);
  });

  it('says all of the offering, what, why and the ask, wherever it says any of it', () => {
    // Act
    const partial = TONE_BANK.filter((v) => {
      const used = OFFERING_PATHS.filter((path) => variantNeeds(v).includes(path));
      return used.length > 0 && used.length < OFFERING_PATHS.length;
    });

    // Assess
    expect(partial.map((v) => v.id)).toEqual([]);
  });

  it('uses only placeholders a lead, org or assistant can fill (plus the context and the offering)', () => {
    // Prepare
    const texts = TONE_BANK.map(textOf);

    // Act
    const unknown = texts
      .flatMap((text) => findPlaceholders(text))
      .filter((use) => !BANK_ONLY_PATHS.includes(use.path) && !isKnownPlaceholder(use.path));

    // Assess
    expect(unknown).toEqual([]);
  });

  it('keeps the lead context and the offering to first e-mails', () => {
    // Act
    const misplaced = TONE_BANK.filter(
      (v) => v.position !== 'first' && variantNeeds(v).some((path) => BANK_ONLY_PATHS.includes(path)),
    );

    // Assess
    expect(misplaced).toEqual([]);
  });

  it('never speaks of the assistant’s own earlier e-mail in an Email CC sequence: the user wrote it', () => {
    // Act ("this is my last note" is about the close, not an earlier e-mail)
    const wrong = TONE_BANK.filter((v) => v.position !== 'first' && usable('email_cc')(v)).filter((v) =>
      /(?<!\b(?:be|is) )\bmy (?:last|earlier|previous|first) (?:note|e-?mail|message)\b/i.test(textOf(v)),
    );

    // Assess
    expect(wrong.map((v) => v.id)).toEqual([]);
  });

  it('never presumes earlier follow-ups or weeks gone by: the first follow-up may be the last but one', () => {
    // Act
    const wrong = TONE_BANK.filter((v) => v.position !== 'first').filter((v) =>
      /\b(?:my follow-ups|few notes|past (?:few )?weeks|thanks again|my messages)\b/i.test(textOf(v)),
    );

    // Assess
    expect(wrong.map((v) => v.id)).toEqual([]);
  });

  it('keeps first e-mails to standard sequences and Email CC-only variants to follow-ups', () => {
    // Act
    const wrong = TONE_BANK.filter(
      (v) => v.sequenceTypes?.length === 0 || (v.position === 'first' && !usable('standard')(v)),
    );

    // Assess
    expect(wrong.map((v) => v.id)).toEqual([]);
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

describe('the referral openings', () => {
  it('give every tone openings naming the referrer in full and by the first name alone', () => {
    // Prepare
    const needs = (tone: Tone) => referralOpeningsFor(tone).map((opening) => requiredFields(opening.text));

    // Act
    const thin = TONES.filter((tone) => {
      const forms = needs(tone);
      const full = forms.filter((paths) => paths.includes('referrer.lastName')).length;
      const firstOnly = forms.filter((paths) => paths.join() === 'referrer.firstName').length;
      return full < 2 || firstOnly < 2 || full + firstOnly !== forms.length;
    });

    // Assess
    expect(thin).toEqual([]);
  });

  it('name nobody but the referrer, and each says something of its own', () => {
    // Act
    const others = REFERRAL_OPENINGS.filter((opening) =>
      findPlaceholders(opening.text).some((use) => !use.path.startsWith('referrer.')),
    );
    const texts = REFERRAL_OPENINGS.map((opening) => opening.text);

    // Assess
    expect(others.map((opening) => opening.id)).toEqual([]);
    expect(new Set(texts).size).toBe(texts.length);
    expect(new Set(REFERRAL_OPENINGS.map((opening) => opening.id)).size).toBe(texts.length);
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

describe('golden texts per tone, position and sequence type, for SAMPLE_LEAD', () => {
  it.each(TONES)('%s', async (tone) => {
    await expect(golden(tone)).toMatchFileSnapshot(`golden/${tone}.txt`);
  });
});

describe('golden first e-mails of a referred lead, for SAMPLE_LEAD', () => {
  it('opens each tone by naming who suggested the contact, in full or by the first name', async () => {
    // Prepare: the referral lead as the engine creates it (a name and an address, no context).
    const referred: LeadProfile = {
      ...LEAD_WITHOUT_CONTEXT,
      id: 'referred-lead',
      firstName: 'Priya',
      lastName: 'Patel',
      referrer: { firstName: 'Tom', lastName: 'Baker' },
    };
    const assistant = { ...SAMPLE_ASSISTANT, includeFirstEmail: false };
    const render = (tone: Tone, lead: LeadProfile) => {
      const email = previewThread({
        lead,
        org: SAMPLE_ORG,
        assistant,
        sequence: { id: 'golden-referral', type: 'standard', steps: [generated(tone, 0), generated(tone)] },
        stepIndex: 0,
        firstSentAt: SENT_AT,
      });
      return `Subject: ${email.subject}\n\n${email.text}`;
    };

    // Act
    const texts = TONES.flatMap((tone) => [
      `--- ${tone}, referrer with a last name\n${render(tone, referred)}`,
      `--- ${tone}, referrer by first name only\n${render(tone, { ...referred, referrer: { firstName: 'Tom' } })}`,
    ]).join('\n\n');

    // Assess
    await expect(texts).toMatchFileSnapshot('golden/referral.txt');
  });
});
