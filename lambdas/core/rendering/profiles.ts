/**
 * What rendering needs to know about a lead, an org and an assistant. The entities stored elsewhere
 * satisfy these shapes structurally, so rendering stays free of storage concerns. Also the documented
 * sample profiles used for tone samples and previews.
 */

export interface LeadProfile {
  id: string;
  firstName: string;
  lastName?: string;
  email?: string;
  phone?: string;
  company?: string;
  designation?: string;
  industry?: string;
  country?: string;
  /** BCP 47, as stored (core/languages.ts `leadLanguage` resolves a lead stored without one). */
  language?: string;
  /** IANA zone, e.g. `Europe/Berlin`; dates in quoted e-mails are shown in it. */
  timezone?: string;
  /** Free text about why the lead is being contacted; generated first e-mails quote it. */
  context?: string;
  customFields?: Record<string, string>;
  /** Who referred the lead (a reply's referral): `{{referrer.firstName}}`, and the first e-mail's opening. */
  referrer?: Referrer;
}

/** The person whose reply pointed to a lead; only their name reaches messages, never their lead id. */
export interface Referrer {
  firstName: string;
  lastName?: string;
}

export interface AssistantProfile {
  name: string;
  email: string;
  /** Closes every e-mail; sanitized before use. Empty means "sign with the assistant's name". */
  signatureHtml: string;
  /** IANA zone; used for dates when the lead has no (valid) time zone of its own. */
  timezone: string;
  /** "Add the first e-mail at the bottom of follow-ups". */
  includeFirstEmail: boolean;
}

export interface OrgProfile {
  name?: string;
  website?: string;
  /** What the org sells (`PUT /org/settings`); generated first e-mails quote each part as a sentence. */
  offering?: { summary: string; valueProposition: string; callToAction: string };
}

/** The lead tone samples and documentation examples are rendered for. */
export const SAMPLE_LEAD: LeadProfile = {
  id: 'sample-lead',
  firstName: 'Jordan',
  lastName: 'Rivera',
  email: 'jordan.rivera@northwind.example',
  phone: '+14155550142',
  company: 'Northwind Traders',
  designation: 'Head of Operations',
  industry: 'logistics',
  country: 'US',
  timezone: 'America/Chicago',
  context:
    'You mentioned at the Chicago logistics meetup that chasing late invoices takes up most of your Fridays.',
};

export const SAMPLE_ASSISTANT: AssistantProfile = {
  name: 'Maya Chen',
  email: 'maya@contoso.example',
  signatureHtml: '<p>Maya Chen<br>Account Executive, Contoso</p>',
  timezone: 'America/New_York',
  includeFirstEmail: true,
};

export const SAMPLE_ORG: OrgProfile = {
  name: 'Contoso',
  website: 'https://contoso.example',
  offering: {
    summary: 'We send the polite reminders that get late invoices paid, in your own team’s voice.',
    valueProposition:
      'Finance teams that use Contoso get paid 12 days sooner on average, and nobody spends Friday chasing.',
    callToAction: 'Would you be open to a 20-minute call next week to see it on a few of your own invoices?',
  },
};
