/** Shared profiles, steps and arbitraries for the rendering tests. */
import fc from 'fast-check';
import type { CustomMessage } from '../../../../lambdas/core/messages';
import type { AssistantProfile, LeadProfile, OrgProfile } from '../../../../lambdas/core/rendering/profiles';
import type { MessageStep } from '../../../../lambdas/core/sequences';
import { TONES, type Tone } from '../../../../lambdas/core/tones';

export const assistant: AssistantProfile = {
  name: 'Maya Chen',
  email: 'maya@contoso.example',
  signatureHtml: '<p>Maya Chen<br>Account Executive, Contoso</p>',
  timezone: 'America/New_York',
  includeFirstEmail: true,
};

export const org: OrgProfile = { name: 'Contoso', website: 'https://contoso.example' };

export const orgWithOffering: OrgProfile = {
  ...org,
  offering: {
    summary: 'We close the books in days, not weeks',
    valueProposition: 'Finance teams using Contoso spend 40% less time on month-end.',
    callToAction: 'Could we show you in 20 minutes next week?',
  },
};

/** A lead with nothing but a first name and an address. */
export const bareLead: LeadProfile = { id: 'lead-bare', firstName: 'Sam', email: 'sam@example.com' };

export const fullLead: LeadProfile = {
  id: 'lead-full',
  firstName: 'Ana',
  lastName: 'Souza',
  email: 'ana.souza@fabrikam.example',
  phone: '+5511955550123',
  company: 'Fabrikam',
  designation: 'VP of Finance',
  industry: 'retail',
  timezone: 'America/Sao_Paulo',
  context: 'We spoke at the Retail Finance Summit about closing the books faster',
  customFields: { plan: 'Enterprise' },
};

export const generated = (tone: Tone, afterDays = 2): MessageStep => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone,
});

export const custom = (messageId: string, afterDays = 2): MessageStep => ({
  afterDays,
  channel: 'email',
  messageType: 'custom',
  messageId,
});

export function emailMessage(id: string, subject: string, html: string): CustomMessage {
  return {
    id,
    orgId: 'org-1',
    name: id,
    channel: 'email',
    system: false,
    ownerId: 'user-1',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    email: { subject, html },
  };
}

export const toneArb = fc.constantFrom(...TONES);

/** Field text without braces, so a `{{` in the output can only come from an unfilled placeholder. */
const fieldText = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter((text) => !/[{}]/.test(text) && text.trim() !== '');
const optionalField = fc.option(fieldText, { nil: undefined });

/** Leads with any combination of fields present. */
export const leadArb: fc.Arbitrary<LeadProfile> = fc.record({
  id: fc.uuid(),
  firstName: fc.oneof(fieldText, fc.constant('')),
  lastName: optionalField,
  email: fc.constant('lead@example.com'),
  company: optionalField,
  designation: optionalField,
  industry: optionalField,
  context: optionalField,
  timezone: fc.constantFrom(undefined, 'Europe/Berlin', 'Asia/Kolkata', 'Not/AZone'),
});
