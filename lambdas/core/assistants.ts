/**
 * Assistants: the persona that sends on a user's behalf, with its calendar (zone, business hours,
 * holidays), daily send limit and defaults. Admins manage them; every org user may use them.
 * An assistant at the inbound domain receives replies directly; one at a customer's own domain
 * receives them only once the customer forwards its mail to the assistant's forwarding alias.
 */

import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { isValidTimeZone, parseTimeOfDay, type SendWindow, sendWindowIssues } from './business-hours';
import { HOLIDAY_CALENDARS } from './holiday-calendars';
import { lazy } from './lazy';
import { isKnownCountry } from './regions';
import { displayName } from './text';
import { type Warning, warning } from './warnings';

const timeOfDay = z
  .string()
  .check(z.refine((text) => parseTimeOfDay(text) !== undefined, 'Expected HH:MM, e.g. 09:00'));

/** A new assistant's hours, and the ones example dates assume before an assistant is chosen. */
export const DEFAULT_BUSINESS_HOURS = { start: '09:00', end: '17:30', days: [1, 2, 3, 4, 5] };

export const AssistantInputSchema = lazy(() =>
  z
    .object({
      name: displayName(100),
      email: z.email().check(z.maxLength(254)),
      signatureHtml: z._default(z.string().check(z.maxLength(20_000)), ''),
      timezone: z.string().check(z.refine(isValidTimeZone, 'Not an IANA time zone, e.g. Europe/Berlin')),
      businessHours: z._default(
        z.object({
          start: timeOfDay,
          end: timeOfDay,
          days: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(7))).check(
            z.minLength(1),
            z.maxLength(7),
            z.refine((days) => new Set(days).size === days.length, 'Each day at most once'),
          ),
        }),
        DEFAULT_BUSINESS_HOURS,
      ),
      holidays: z._default(z.array(z.iso.date()).check(z.maxLength(366)), []),
      country: z
        .optional(
          z
            .pipe(
              z.string().check(z.length(2)),
              z.transform((code) => code.toUpperCase()),
            )
            .check(z.refine(isKnownCountry, 'Expected an ISO 3166-1 alpha-2 country code, e.g. DE')),
        )
        .check(
          z.describe(
            'Whose public holidays to avoid for leads without a country, or under assistant-country',
          ),
        ),
      holidayCalendar: z
        ._default(z.enum(HOLIDAY_CALENDARS), 'lead-country')
        .check(
          z.describe(
            "Public holidays no step is sent on: the lead's country (else the assistant's), the assistant's, or none; `holidays` apply as well",
          ),
        ),
      dailyLimit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(2000)), 100),
      defaultSequenceId: z._default(z.string().check(z.minLength(1), z.maxLength(64)), 'system-recommended'),
      defaultEmailCcSequenceId: z._default(
        z.string().check(z.minLength(1), z.maxLength(64)),
        'system-recommended-email-cc',
      ),
      includeFirstEmail: z._default(z.boolean(), true),
    })
    .check(
      z.superRefine((assistant, ctx) => {
        const window: SendWindow = {
          timezone: assistant.timezone,
          ...assistant.businessHours,
          holidays: assistant.holidays,
        };
        for (const issue of sendWindowIssues(window)) {
          // Zone, day and date shapes are checked by the fields themselves; this adds start < end.
          if (issue.path === 'end' && parseTimeOfDay(assistant.businessHours.end)) {
            ctx.addIssue({ code: 'custom', path: ['businessHours', 'end'], message: issue.message });
          }
        }
      }),
    ),
);

export type AssistantInput = z.output<ReturnType<typeof AssistantInputSchema>>;

export interface Assistant extends AssistantInput {
  id: string;
  orgId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The last address whose mail was seen to come back through the forwarding alias, and when. */
  receivingVerified?: { address: string; at: string };
}

/** How replies to an assistant's address reach the engine. */
export type Receiving =
  | { mode: 'direct' }
  | { mode: 'forwarding'; forwardTo: string; status: 'unverified' | 'verified'; verifiedAt?: string };

/**
 * The local part at the inbound domain that a customer forwards an assistant's mail to. Derived from
 * the (random) assistant id through a hash, so it names one assistant and cannot be guessed from its
 * address or name; it never changes, so a forwarding rule once set keeps working.
 */
export function forwardingAlias(assistantId: string): string {
  const digest = createHash('sha256').update(`forwarding-alias:${assistantId}`).digest('hex');
  return `fwd-${digest.slice(0, 26)}`;
}

export const isForwardingAlias = (localPart: string) => /^fwd-[0-9a-f]{26}$/.test(localPart);

export function receivingOf(assistant: Assistant, inboundDomain: string): Receiving {
  const address = assistant.email.toLowerCase();
  if (address.endsWith(`@${inboundDomain.toLowerCase()}`)) return { mode: 'direct' };
  const forwardTo = `${forwardingAlias(assistant.id)}@${inboundDomain.toLowerCase()}`;
  const verified = assistant.receivingVerified;
  // A changed address needs its own forwarding rule, so its verification starts again.
  return verified?.address === address
    ? { mode: 'forwarding', forwardTo, status: 'verified', verifiedAt: verified.at }
    : { mode: 'forwarding', forwardTo, status: 'unverified' };
}

/** What to tell whoever creates, changes or enrolls leads on an assistant whose replies may not arrive. */
export function receivingWarnings(assistant: Assistant, receiving: Receiving): Warning[] {
  if (receiving.mode === 'direct' || receiving.status === 'verified') return [];
  return [
    warning(
      'forwarding_unverified',
      `Replies to ${assistant.email} reach the assistant only once that mailbox forwards them to ` +
        `${receiving.forwardTo} and POST /assistants/${assistant.id}/verify-receiving has confirmed it; ` +
        'until then, leads who answer keep being followed up.',
    ),
  ];
}

export function newAssistant(input: AssistantInput, orgId: string, id: string, now: Date): Assistant {
  const at = now.toISOString();
  return { ...input, id, orgId, version: 1, createdAt: at, updatedAt: at };
}

export function reviseAssistant(current: Assistant, input: AssistantInput, now: Date): Assistant {
  return { ...current, ...input, version: current.version + 1, updatedAt: now.toISOString() };
}
