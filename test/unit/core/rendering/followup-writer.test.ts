import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chooseVariant,
  eligibleVariants,
  type FollowupRequest,
  toneBankWriter,
  variantNeeds,
} from '../../../../lambdas/core/rendering/followup-writer';
import type { LeadProfile } from '../../../../lambdas/core/rendering/profiles';
import { renderEmailStep } from '../../../../lambdas/core/rendering/render-email';
import { type MessagePosition, TONE_BANK, variantsFor } from '../../../../lambdas/core/rendering/tone-bank';
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
