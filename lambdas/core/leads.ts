/**
 * Leads: the people being followed up, with the details personalization uses. A lead is on one
 * sequence at a time; its enrollment (see enrollment.ts) travels with it.
 */

import * as z from 'zod/mini';
import { AccountDomainSchema } from './accounts';
import { isValidTimeZone } from './business-hours';
import type { Enrollment } from './enrollment';
import { MAX_SNOOZE_DAYS } from './enrollment-status';
import { ValidationError } from './errors';
import { normalizeSubdivision } from './holiday-calendars';
import { LanguageSchema } from './languages';
import { lazy } from './lazy';
import { isKnownCountry } from './regions';
import type { LeadProfile, Referrer } from './rendering/profiles';
import { isE164 } from './rendering/whatsapp';
import type { Referral, ReplyIntent } from './replies';
import { displayName } from './text';
import { type Warning, warning } from './warnings';

const optionalText = (max: number) => z.optional(displayName(max));

export const LeadDetailsSchema = lazy(() =>
  z.object({
    firstName: displayName(100),
    lastName: optionalText(100),
    email: z.optional(
      z.pipe(
        // An address pasted with the spaces around it is still that address: trimmed, then validated.
        z.pipe(
          z.transform((value: unknown) => (typeof value === 'string' ? value.trim() : value)),
          z.email().check(z.maxLength(254)),
        ),
        z.transform((email) => email.toLowerCase()),
      ),
    ),
    phone: z.optional(z.string().check(z.refine(isE164, 'Expected an E.164 number, e.g. +14155550142'))),
    company: optionalText(200),
    accountDomain: z.optional(AccountDomainSchema()),
    designation: optionalText(200),
    industry: optionalText(200),
    country: z.optional(
      z
        .pipe(
          z.string().check(z.length(2)),
          z.transform((code) => code.toUpperCase()),
        )
        .check(z.refine(isKnownCountry, 'Expected an ISO 3166-1 alpha-2 country code, e.g. DE')),
    ),
    subdivision: z
      .optional(
        z.pipe(
          z
            .string()
            .check(
              z.regex(
                /^([A-Za-z]{2}-)?[A-Za-z0-9]{1,3}$/,
                'Expected an ISO 3166-2 subdivision code, e.g. BY or DE-BY',
              ),
            ),
          z.transform(normalizeSubdivision),
        ),
      )
      .check(
        z.describe(
          "The lead's state or province (ISO 3166-2, e.g. BY for Bavaria): with `country`, its regional public holidays apply too. Needs `country`, and must be one of its subdivisions in the holiday data (date-holidays), else 400",
        ),
      ),
    timezone: z.optional(
      z.string().check(z.refine(isValidTimeZone, 'Not an IANA time zone, e.g. Europe/Berlin')),
    ),
    language: z
      .optional(LanguageSchema())
      .check(
        z.describe(
          "The language the lead is written to in (BCP 47, e.g. de or fr-CA); default: its country's, else the org's defaultLanguage",
        ),
      ),
    context: z.optional(z.string().check(z.maxLength(5000))),
    customFields: z._default(
      z
        .record(
          z
            .string()
            .check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'Custom field names are letters, digits, _ and -')),
          z.string().check(z.maxLength(1000)),
        )
        .check(
          z.refine((fields) => Object.keys(fields).length <= 50, 'At most 50 custom fields'),
          z.superRefine(refuseReservedNames),
        ),
      {},
    ),
  }),
);

/**
 * Names every JavaScript object answers to (`constructor`, `toString`, `__proto__`, ...). A custom field
 * so named would be read as the object's own machinery: `constructor` breaks the table's marshaller
 * (a 500), `__proto__` would be dropped. Refused as field errors; zod drops `__proto__` before any
 * check sees it, so a CSV column of that name is refused with the header (core/import-rows.ts).
 */
const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export const isReservedFieldName = (name: string) => RESERVED_FIELD_NAMES.has(name);

export const reservedFieldMessage = (name: string) =>
  `"${name}" is a reserved name (every object has it): name the custom field otherwise`;

function refuseReservedNames(fields: Record<string, string>, ctx: z.core.$RefinementCtx): void {
  for (const name of Object.keys(fields).filter(isReservedFieldName))
    ctx.addIssue({ code: 'custom', path: [name], message: reservedFieldMessage(name) });
}

export type LeadDetails = z.output<ReturnType<typeof LeadDetailsSchema>>;

/** The details a lead is stored with and a replacement rewrites (its zone and assistant apart). */
export const LEAD_DETAIL_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'company',
  'accountDomain',
  'designation',
  'industry',
  'country',
  'subdivision',
  'language',
  'context',
  'customFields',
] as const;

/**
 * How far ahead a start may be: a pending step is an EventBridge Scheduler `at()` schedule, and a plan
 * a year out is already a planning mistake rather than a follow-up. Checked against the request's
 * clock (which the local stack can move), so not in the schema.
 */
export const MAX_START_AHEAD_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;

const startAt = z
  .optional(z.iso.datetime({ offset: true }))
  .check(z.describe(`When the sequence starts; default now; at most ${MAX_START_AHEAD_DAYS} days ahead`));

/**
 * The start a request asked for, refused past the horizon; undefined when it asked for none. A start
 * that has passed is accepted as now (the first step goes at the next moment its send window allows)
 * and warned about (startWarnings): a form left open overnight should not fail, nor send silently.
 */
export function requestedStart(startAt: string | undefined, now: Date, field = 'startAt'): Date | undefined {
  if (startAt === undefined) return undefined;
  const at = new Date(startAt);
  if (Number.isNaN(at.getTime()) || at.getTime() - now.getTime() > MAX_START_AHEAD_DAYS * DAY_MS) {
    throw ValidationError.field(field, `Must be at most ${MAX_START_AHEAD_DAYS} days from now`);
  }
  return at.getTime() < now.getTime() ? now : at;
}

/** `start_in_past` when the requested start has passed (see requestedStart). */
export function startWarnings(startAt: string | undefined, now: Date, field = 'startAt'): Warning[] {
  if (startAt === undefined || new Date(startAt).getTime() >= now.getTime()) return [];
  return [
    warning(
      'start_in_past',
      `${field} ${startAt} has passed: the sequence starts now, its first step at the next moment the send window allows`,
      field,
    ),
  ];
}

export const LeadInputSchema = lazy(() =>
  z
    .extend(LeadDetailsSchema(), {
      assistantId: z.string().check(z.minLength(1), z.maxLength(64)),
      sequenceId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
      sequenceName: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
      startAt,
      moveIfEnrolled: z
        .optional(z.boolean())
        .check(
          z.describe(
            'The address is already a lead running on another sequence: true moves that lead here (restarted from the first step on this sequence and assistant, its details kept), instead of 409 already_enrolled',
          ),
        ),
    })
    .check(
      z.refine((lead) => lead.sequenceId === undefined || lead.sequenceName === undefined, {
        path: ['sequenceName'],
        message: 'Give sequenceId or sequenceName, not both',
      }),
    ),
);
export type LeadInput = z.output<ReturnType<typeof LeadInputSchema>>;

export const LeadUpdateSchema = lazy(() =>
  z.extend(LeadDetailsSchema(), {
    assistantId: z.string().check(z.minLength(1), z.maxLength(64)),
    sequenceId: z
      .string()
      .check(
        z.minLength(1),
        z.maxLength(64),
        z.describe('A different sequence moves the lead to its first step'),
      ),
    startAt,
  }),
);
export type LeadUpdate = z.output<ReturnType<typeof LeadUpdateSchema>>;

export const LeadBatchSchema = lazy(() =>
  z.object({ leads: z.array(z.unknown()).check(z.minLength(1), z.maxLength(500)) }),
);

export const ContinueSchema = lazy(() => z.object({ startAt }));

export const SnoozeSchema = lazy(() =>
  z.object({
    until: z
      .union([z.iso.datetime({ offset: true }), z.iso.date()])
      .check(
        z.describe(
          `When to follow up again: an instant with its offset (2027-03-01T09:00:00+01:00), or a date (2027-03-01), read as the start of that day in the lead's zone. Must be in the future, at most ${MAX_SNOOZE_DAYS} days ahead; the next step goes at the first business moment at or after it`,
        ),
      ),
  }),
);
export const RestartSchema = lazy(() =>
  z.object({ sequenceId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))), startAt }),
);

export interface Lead extends LeadDetails {
  id: string;
  orgId: string;
  assistantId: string;
  /** The zone sends are read in: the lead's own, else its country's, else the assistant's. */
  timezone: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When the lead last replied (e-mail or WhatsApp), whatever its enrollment was then; absent until it does. */
  lastReplyAt?: string;
  /** The last reply as it was read (or corrected by a person). */
  lastReply?: LastReply;
  /** The lead whose reply referred this one (reply action enroll_referral). */
  referredBy?: string;
  /** Who referred this lead, for `{{referrer.firstName}}` and the first e-mail's opening. */
  referrer?: Referrer;
  /** Per channel, false once the lead withdrew it; absent (a lead that never did): given on both. */
  consent?: Consent;
  enrollment: Enrollment;
}

/**
 * Whether the lead may be contacted on each channel. An unsubscribe withdraws its own channel only (an
 * e-mail link or reply: `email`; STOP on WhatsApp: `whatsapp`), so a later sequence may still use the
 * other; a step on a withdrawn channel is skipped (`no_consent`) and never sent.
 */
export interface Consent {
  email: boolean;
  whatsapp: boolean;
}
export type ConsentChannel = keyof Consent;

export const consentOf = (lead: Pick<Lead, 'consent'>): Consent => ({
  email: lead.consent?.email ?? true,
  whatsapp: lead.consent?.whatsapp ?? true,
});

/** The reason a step on a withdrawn channel is skipped with (the timeline's `reason`). */
export const NO_CONSENT = 'no_consent';

/** A lead's last reply: when, on which channel, and what it was read as. */
export interface LastReply {
  at: string;
  channel: 'email' | 'whatsapp';
  intent: ReplyIntent;
  confidence: number;
  /** Kept so a correction to another intent can act without reading the reply again. */
  until?: string;
  referral?: Referral;
  /** Set when a person corrected the intent (PUT /leads/{id}/reply-intent). */
  correctedBy?: string;
}

/** What the renderer sees of a lead: its details and its referrer's name (`{{referrer.firstName}}`). */
export function leadProfile(lead: Lead): LeadProfile {
  // When the lead last replied, and which lead referred it, are bookkeeping, not details a message could say.
  const {
    enrollment: _enrollment,
    orgId: _orgId,
    assistantId: _assistantId,
    lastReplyAt: _lastReplyAt,
    lastReply: _lastReply,
    referredBy: _referredBy,
    consent: _consent,
    ...profile
  } = lead;
  return profile;
}
