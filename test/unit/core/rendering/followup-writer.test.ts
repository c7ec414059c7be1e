import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseReferralOpening,
  chooseVariant,
  eligibleVariants,
  type FollowupRequest,
  toneBankWriter,
  variantNeeds,
} from '../../../../lambdas/core/rendering/followup-writer';
import type { LeadProfile } from '../../../../lambdas/core/rendering/profiles';
import { renderEmailStep } from '../../../../lambdas/core/rendering/render-email';
import {
  type MessagePosition,
  referralOpeningsFor,
  TONE_BANK,
  variantsFor,
} from '../../../../lambdas/core/rendering/tone-bank';
import type { SequenceType } from '../../../../lambdas/core/sequences';
import { TONES } from '../../../../lambdas/core/tones';
import { assistant, bareLead, fullLead, generated, leadArb, org, orgWithOffering, toneArb } from './fixtures';

const request = (overrides: Partial<FollowupRequest>): FollowupRequest => ({
  tone: 'gentle',
  position: 'followup',
  sequenceType: 'standard',
  lead: fullLead,
  org,
  assistant,
  sequenceId: 'seq-1',
  stepIndex: 1,
  language: 'en',
  formality: 'formal',
  ...overrides,
});

const positionArb = fc.constantFrom<MessagePosition>('first', 'followup', 'last');

describe('toneBankWriter', () => {
  it('writes the same message for the same lead, sequence and step (a retry renders the same text)', () => {
    fc.assert(
      fc.property(leadArb, toneArb, positionArb, fc.nat(19), (lead, tone, position, stepIndex) => {
        // Act
        const first = toneBankWriter.write(request({ lead, tone, position, stepIndex }));
        const again = toneBankWriter.write(request({ lead: { ...lead }, tone, position, stepIndex }));

        // Assess
        expect(again).toEqual(first);
      }),
    );
  });

  it.each(TONES)('gives 100 leads on one %s follow-up step at least 4 distinct texts', (tone) => {
    for (const base of [fullLead, bareLead]) {
      // Prepare: leads that differ only in their id, so any difference comes from the variant.
      const leads: LeadProfile[] = Array.from({ length: 100 }, (_, index) => ({
        ...base,
        id: `lead-${index}`,
      }));

      // Act
      const texts = leads.map(
        (lead) =>
          renderEmailStep({
            lead,
            org,
            assistant,
            sequence: { id: 'seq-1', type: 'standard', stepCount: 8 },
            stepIndex: 3,
            step: generated(tone),
            thread: {
              rootSubject: 'Hello',
              rootMessageId: '<root@email.amazonses.com>',
              laterMessageIds: [],
            },
          }).text,
      );

      // Assess
      expect(new Set(texts).size).toBeGreaterThanOrEqual(4);
    }
  });

  it('never gives one lead the same variant on two consecutive steps', () => {
    fc.assert(
      fc.property(
        leadArb,
        fc.string({ minLength: 1, maxLength: 20 }),
        toneArb,
        fc.integer({ min: 3, max: 20 }),
        fc.constantFrom<SequenceType>('standard', 'email_cc'),
        (lead, sequenceId, tone, stepCount, sequenceType) => {
          // Act: every middle step of one sequence in the same tone, the hardest case.
          const variants = Array.from({ length: stepCount - 2 }, (_, index) =>
            toneBankWriter.write(request({ lead, sequenceId, sequenceType, tone, stepIndex: index + 1 })),
          ).map((message) => message.variantId);

          // Assess
          variants.slice(1).forEach((variant, index) => {
            expect(variant).not.toBe(variants[index]);
          });
        },
      ),
    );
  });

  it('never gives a lead without a company a variant that names the company', () => {
    fc.assert(
      fc.property(leadArb, toneArb, positionArb, fc.nat(19), (anyLead, tone, position, stepIndex) => {
        // Prepare
        const { company: _company, ...lead } = anyLead;

        // Act
        const message = toneBankWriter.write(request({ lead, tone, position, stepIndex }));

        // Assess
        const variant = TONE_BANK.find((candidate) => candidate.id === message.variantId);
        expect(variant && variantNeeds(variant)).not.toContain('lead.company');
        expect(message.html).not.toContain('lead.company');
      }),
    );
  });

  it('opens with the lead context when there is one, and without it when there is none', () => {
    // Act
    const withContext = toneBankWriter.write(request({ lead: fullLead, position: 'first', stepIndex: 0 }));
    const without = toneBankWriter.write(request({ lead: bareLead, position: 'first', stepIndex: 0 }));

    // Assess
    expect(withContext.html).toContain('{{lead.context}}');
    expect(withContext.subject).toBeDefined();
    expect(without.html).not.toContain('{{lead.context}}');
    expect(without.subject).toBeDefined();
  });

  it('says what the org offers in every first e-mail, in every tone, once the org has an offering', () => {
    fc.assert(
      fc.property(leadArb, toneArb, fc.nat(19), (lead, tone, stepIndex) => {
        // Act
        const withOffering = toneBankWriter.write(
          request({ lead, tone, position: 'first', stepIndex, org: orgWithOffering }),
        );
        const without = toneBankWriter.write(request({ lead, tone, position: 'first', stepIndex, org }));

        // Assess: every part of it, and the lead's context whenever it has one.
        for (const part of ['summary', 'valueProposition', 'callToAction']) {
          expect(withOffering.html).toContain(`{{org.offering.${part}}}`);
          expect(without.html).not.toContain(`{{org.offering.${part}}}`);
        }
        const hasContext = lead.context !== undefined && lead.context.trim() !== '';
        expect(withOffering.html.includes('{{lead.context}}')).toBe(hasContext);
      }),
    );
  });

  it('gives Email CC follow-ups only variants that read right after the user’s own e-mail', () => {
    fc.assert(
      fc.property(leadArb, toneArb, fc.integer({ min: 1, max: 18 }), (lead, tone, stepIndex) => {
        // Act
        const message = toneBankWriter.write(request({ lead, tone, sequenceType: 'email_cc', stepIndex }));

        // Assess
        const variant = TONE_BANK.find((candidate) => candidate.id === message.variantId);
        expect(variant?.sequenceTypes ?? ['email_cc']).toContain('email_cc');
      }),
    );
  });

  it('writes no subject for follow-ups, which reply under the first one', () => {
    // Act
    const message = toneBankWriter.write(request({ position: 'last', stepIndex: 7 }));

    // Assess
    expect(message.subject).toBeUndefined();
    expect(message.variantId).toMatch(/^gentle-last-\d$/);
  });
});

describe('a referred lead’s first e-mail', () => {
  const priya: LeadProfile = {
    ...bareLead,
    id: 'lead-priya',
    firstName: 'Priya',
    email: 'priya@acme.example',
  };
  const referredBy = (referrer: LeadProfile['referrer']): LeadProfile => ({ ...priya, referrer });
  /** The e-mail as the lead reads it, paragraph by paragraph. */
  const paragraphs = (
    lead: LeadProfile,
    tone: (typeof TONES)[number],
    sequenceId: string,
    withOffering = false,
  ) =>
    renderEmailStep({
      lead,
      org: withOffering ? orgWithOffering : org,
      assistant,
      sequence: { id: sequenceId, type: 'standard', stepCount: 4 },
      stepIndex: 0,
      step: generated(tone, 0),
    }).text.split(/\n\n+/);

  it.each(TONES)('in %s, greets the lead and then names who suggested the contact, in full', (tone) => {
    for (const sequenceId of ['seq-1', 'seq-2', 'seq-3', 'seq-4', 'seq-5', 'seq-6']) {
      for (const withOffering of [false, true]) {
        // Act
        const [greeting, opening] = paragraphs(
          referredBy({ firstName: 'Tom', lastName: 'Baker' }),
          tone,
          sequenceId,
          withOffering,
        );

        // Assess
        expect(greeting).toMatch(/^(?:Hi |Hello |Dear )?Priya,$/);
        expect(opening?.replace(/\s+/g, ' ')).toContain('Tom Baker');
      }
    }
  });

  it.each(TONES)('in %s, names a referrer without a last name by the first name alone', (tone) => {
    // Act
    const [greeting, opening] = paragraphs(referredBy({ firstName: 'Tom' }), tone, 'seq-1');

    // Assess
    expect(greeting).toContain('Priya');
    expect(opening).toMatch(/\bTom\b/);
    expect(opening).not.toMatch(/\bTom {2}|undefined|\{\{/);
  });

  it('adds only that paragraph: same variant, subject and body as for the lead unreferred', () => {
    fc.assert(
      fc.property(leadArb, toneArb, fc.string({ minLength: 1, maxLength: 12 }), (lead, tone, sequenceId) => {
        // Prepare
        const write = (which: LeadProfile) =>
          toneBankWriter.write(request({ lead: which, tone, position: 'first', stepIndex: 0, sequenceId }));
        const plain = write(lead);

        // Act
        const referred = write({ ...lead, referrer: { firstName: 'Tom', lastName: 'Baker' } });

        // Assess
        const [greeting, ...rest] = plain.html.split('\n');
        const opening = referralOpeningsFor(tone).find((candidate) => candidate.id === referred.openingId);
        expect(plain.openingId).toBeUndefined();
        expect(opening?.text).toContain('{{referrer.lastName}}');
        expect(referred.variantId).toBe(plain.variantId);
        expect(referred.subject).toBe(plain.subject);
        expect(referred.html.split('\n')).toEqual([
          greeting,
          expect.stringContaining('{{referrer.'),
          ...rest,
        ]);
      }),
    );
  });

  it('keeps follow-ups and the close as they are: only the opening e-mail says who suggested it', () => {
    fc.assert(
      fc.property(
        leadArb,
        toneArb,
        fc.constantFrom<MessagePosition>('followup', 'last'),
        fc.integer({ min: 1, max: 9 }),
        (lead, tone, position, stepIndex) => {
          // Act
          const plain = toneBankWriter.write(request({ lead, tone, position, stepIndex }));
          const referred = toneBankWriter.write(
            request({ lead: { ...lead, referrer: { firstName: 'Tom' } }, tone, position, stepIndex }),
          );

          // Assess
          expect(referred).toEqual(plain);
        },
      ),
    );
  });

  it('fixes one opening per lead and sequence, and spreads leads over the tone’s openings', () => {
    // Prepare
    const pool = referralOpeningsFor('curious');
    const context = (id: string) => ({ lead: { ...referredBy({ firstName: 'Tom' }), id }, org, assistant });
    const key = (leadId: string, stepIndex: number) => ({ leadId, sequenceId: 'seq-1', stepIndex });

    // Act
    const retried = [0, 3].map((stepIndex) =>
      chooseReferralOpening(pool, context('lead-1'), key('lead-1', stepIndex)),
    );
    const spread = new Set(
      Array.from(
        { length: 40 },
        (_, index) => chooseReferralOpening(pool, context(`lead-${index}`), key(`lead-${index}`, 0))?.id,
      ),
    );

    // Assess: the first-name forms only, since no last name is known.
    expect(retried[0]).toEqual(retried[1]);
    expect(spread).toEqual(new Set(['curious-referral-2', 'curious-referral-4']));
  });

  it('has no opening for a lead nobody referred, or a referrer with a blank name', () => {
    // Prepare
    const pool = referralOpeningsFor('candid');
    const key = { leadId: 'lead-1', sequenceId: 'seq-1', stepIndex: 0 };

    // Act / Assess
    expect(chooseReferralOpening(pool, { lead: priya, org, assistant }, key)).toBeUndefined();
    expect(
      chooseReferralOpening(
        pool,
        { lead: referredBy({ firstName: ' ', lastName: 'Baker' }), org, assistant },
        key,
      ),
    ).toBeUndefined();
  });
});

describe('eligibleVariants', () => {
  it('keeps only variants whose fields the lead has', () => {
    // Prepare
    const lead: LeadProfile = { ...bareLead, company: 'Fabrikam' };

    // Act
    const pool = eligibleVariants(variantsFor('candid', 'followup'), { lead, org, assistant });

    // Assess: the company variant is in, the designation variant is out.
    const needs = pool.flatMap(variantNeeds);
    expect(needs).toContain('lead.company');
    expect(needs).not.toContain('lead.designation');
  });
});

describe('chooseVariant', () => {
  it('walks a fixed per-lead order by step, visiting every variant before repeating one', () => {
    // Prepare
    const pool = variantsFor('hopeful', 'followup');
    const key = { leadId: 'lead-7', sequenceId: 'seq-1' };

    // Act
    const chosen = Array.from(
      { length: pool.length * 2 },
      (_, stepIndex) => chooseVariant(pool, { ...key, stepIndex }).id,
    );

    // Assess
    expect(new Set(chosen.slice(0, pool.length)).size).toBe(pool.length);
    expect(chosen.slice(pool.length)).toEqual(chosen.slice(0, pool.length));
  });

  it('fails clearly when nothing fits', () => {
    // Act / Assess
    expect(() => chooseVariant([], { leadId: 'l', sequenceId: 's', stepIndex: 0 })).toThrow(
      'No tone variant fits',
    );
  });
});
