/**
 * Org-wide settings: the organization's name and website (personalization), its region policy (how
 * many follow-ups a lead's region allows, and whether exceeding it warns or refuses), and how long an
 * out-of-office without a return date holds the next step back, what a reply of each intent does (and
 * how long a "not now" without a date waits), the sending-reputation guard's thresholds, the offering
 * generated first e-mails describe, and the account policy (colleagues, limits per company and person).
 */

import * as z from 'zod/mini';
import { AccountPolicySchema, defaultAccountPolicy, PersonFrequencySchema } from './accounts';
import { reviewWarnings } from './approvals';
import { UnprocessableError } from './errors';
import { FormalitySchema, LanguageSchema } from './languages';
import { lazy } from './lazy';
import { DEFAULT_MAX_FOLLOWUPS, REGIONS, type Region } from './regions';
import { ReplyActionsSchema } from './replies';
import { defaultReputationGuard, ReputationGuardSchema } from './sending-reputation';
import { customStepsRepliedInThread, opensWithGeneratedEmail, type Sequence } from './sequences';
import { hasVisibleCharacter, optionalDisplayText } from './text';
import { type Warning, warning } from './warnings';

/** One part of the offering: free text (line breaks allowed; they read as spaces in an e-mail). */
const offeringText = (description: string) =>
  z
    .string()
    .check(
      z.trim(),
      z.minLength(1),
      z.maxLength(500),
      z.refine(hasVisibleCharacter, 'Must contain a visible character'),
      z.describe(`${description} At most 500 characters, as whole sentences.`),
    );

/**
 * What the org sells, in its own words. Generated first e-mails quote each part as a sentence, so a
 * first e-mail says what the org offers, why it matters and what it asks for.
 */
export const OfferingSchema = lazy(() =>
  z
    .object({
      summary: offeringText('What the organization offers, e.g. "We chase late invoices for you."'),
      valueProposition: offeringText(
        'Why it matters to a customer, e.g. "Teams using it get paid 12 days sooner."',
      ),
      callToAction: offeringText('The one step asked for, e.g. "Would a 20-minute call next week suit you?"'),
    })
    .register(z.globalRegistry, { id: 'Offering' }),
);

export type Offering = z.output<ReturnType<typeof OfferingSchema>>;

export const OrgSettingsSchema = lazy(() =>
  z.object({
    name: z._default(optionalDisplayText(200), ''),
    website: z._default(z.union([z.url({ protocol: /^https?$/ }), z.literal('')]), ''),
    regionPolicy: z._default(
      z.object({
        mode: z._default(z.enum(['off', 'warn', 'enforce']), 'warn'),
        maxFollowups: z._default(
          z.partialRecord(z.enum(REGIONS), z.number().check(z.int(), z.minimum(0), z.maximum(19))),
          {},
        ),
      }),
      { mode: 'warn', maxFollowups: {} },
    ),
    /** Calendar days an out-of-office that names no return date postpones the next step, counted from it. */
    outOfOfficeDefaultDays: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(60)), 7),
    /** What the assistant does with a reply of each intent (core/replies.ts). */
    replyActions: z._default(ReplyActionsSchema(), {}),
    /** Calendar days a "not now" reply that names no date snoozes the follow-up. */
    notNowDefaultDays: z._default(
      z
        .number()
        .check(z.int(), z.minimum(1), z.maximum(730), z.describe('Days a "not now" without a date waits')),
      90,
    ),
    /** When an assistant's (or the org's) sending pauses for its bounce or complaint rate. */
    reputationGuard: z._default(ReputationGuardSchema(), defaultReputationGuard()),
    /** What a colleague's reply does, and the limits on one company's leads (core/accounts.ts). */
    accountPolicy: z._default(AccountPolicySchema(), defaultAccountPolicy()),
    /** The language of a lead with neither a language nor a country (core/languages.ts). */
    defaultLanguage: z._default(LanguageSchema(), 'en'),
    /** The register generated e-mails address leads in, where their language has two. */
    formality: FormalitySchema(),
    /** At most this many messages to one person in 7 days (unset: unlimited). */
    maxMessagesPerPersonPerWeek: PersonFrequencySchema(),
    /** Without it, generated first e-mails cannot say what the org offers (and enrolling warns). */
    offering: z
      .optional(OfferingSchema())
      .check(
        z.describe('What the org sells, quoted by generated first e-mails; a PUT without it removes it'),
      ),
  }),
);

export type OrgSettings = z.output<ReturnType<typeof OrgSettingsSchema>>;

/** An org's settings before it saved any (built with the schema, on first use). */
export const defaultOrgSettings = lazy((): OrgSettings => OrgSettingsSchema().parse({}));

/** The policy with the product's defaults filled in for regions the org did not set. */
export function effectiveMaxFollowups(settings: OrgSettings): Record<Region, number> {
  return { ...DEFAULT_MAX_FOLLOWUPS, ...settings.regionPolicy.maxFollowups };
}

/**
 * Checks a sequence's follow-up count against the lead's region (countries.ts `regionOf`; undefined
 * for a lead without a country). Returns the warnings to show; throws 422 when the org enforces the
 * policy.
 */
export function checkRegionPolicy(
  settings: OrgSettings,
  region: Region | undefined,
  followups: number,
): Warning[] {
  const { mode } = settings.regionPolicy;
  if (mode === 'off' || region === undefined) return [];
  const allowed = effectiveMaxFollowups(settings)[region];
  if (followups <= allowed) return [];
  const message = `The sequence has ${followups} follow-ups; the org allows at most ${allowed} for leads in ${region}`;
  if (mode === 'enforce') throw new UnprocessableError(message, { region, allowed, followups });
  return [warning('region_policy_exceeded', message, 'country')];
}

/**
 * What to tell whoever enrolls a lead on a sequence with WhatsApp steps while the org has not connected
 * WhatsApp: those steps are skipped when due, though the lead answers `active` now.
 */
export function whatsAppWarnings(
  connected: boolean,
  sequence: Pick<Sequence, 'name' | 'type' | 'steps'>,
): Warning[] {
  const first = sequence.type === 'email_cc' ? 1 : 0;
  const steps = sequence.steps.flatMap((step, index) =>
    index >= first && step.channel === 'whatsapp' ? [index] : [],
  );
  if (connected || steps.length === 0) return [];
  return [
    warning(
      'whatsapp_not_connected',
      `The sequence "${sequence.name}" sends WhatsApp messages (step${steps.length > 1 ? 's' : ''} ${steps.join(', ')}) ` +
        'and the organization has not connected WhatsApp: those steps are skipped until it does.',
    ),
  ];
}

/**
 * What to tell whoever creates a sequence, or enrolls a lead on one, whose first e-mail is generated
 * while the org has no offering: that e-mail cannot say what the org offers.
 */
export function offeringWarnings(
  settings: Pick<OrgSettings, 'offering'>,
  sequence: Pick<Sequence, 'name' | 'type' | 'steps'>,
): Warning[] {
  if (settings.offering !== undefined || !opensWithGeneratedEmail(sequence)) return [];
  return [
    warning(
      'offering_missing',
      `The sequence "${sequence.name}" opens with a generated e-mail, and the organization has no offering: ` +
        'set offering (summary, valueProposition, callToAction) with PUT /org/settings, or the first e-mail ' +
        'cannot say what you offer.',
    ),
  ];
}

/**
 * What a sequence's view says before anyone uses it: a first e-mail that cannot say what the org offers,
 * custom follow-ups whose own subject is replaced by the thread's `Re:`, and a review that holds nothing.
 */
export function sequenceWarnings(
  settings: Pick<OrgSettings, 'offering'>,
  sequence: Pick<Sequence, 'name' | 'type' | 'steps' | 'review'>,
): Warning[] {
  const replied = customStepsRepliedInThread(sequence).map((step) =>
    warning(
      'custom_subject_replaced',
      `Step ${step} of "${sequence.name}" replies in the lead's thread: its custom message's subject is not ` +
        'sent; the e-mail goes as "Re: " and the subject of the e-mail that opened the thread.',
      `steps.${step}.messageId`,
    ),
  );
  return [...offeringWarnings(settings, sequence), ...replied, ...reviewWarnings(sequence)];
}
