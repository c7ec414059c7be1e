/**
 * A person's right to be forgotten and to see what is held about them (POST /privacy/erase and
 * /privacy/export): who "the person" is (an e-mail address or an E.164 number), how an erased person is
 * still recognized without keeping their address (a salted HMAC), and what an erasure answers.
 * Pure: the engine (engine/privacy.ts) reads and deletes; this decides.
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod/mini';
import { lazy } from './lazy';
import { LeadDetailsSchema } from './leads';

/** Whom a privacy request is about: exactly one of an e-mail address or a phone number. */
export type Person = { kind: 'email'; value: string } | { kind: 'phone'; value: string };

export const PersonRequestSchema = lazy(() =>
  z
    .object({
      // The address and number as a lead has them: trimmed and lower-cased, E.164.
      email: LeadDetailsSchema().shape.email,
      phone: LeadDetailsSchema().shape.phone,
    })
    .check(
      z.refine((body) => (body.email === undefined) !== (body.phone === undefined), {
        message: 'Give exactly one of email or phone',
        path: ['email'],
      }),
    ),
);

export type PersonRequest = z.output<ReturnType<typeof PersonRequestSchema>>;

export function personOf(request: PersonRequest): Person {
  return request.email !== undefined
    ? { kind: 'email', value: request.email }
    : { kind: 'phone', value: request.phone ?? '' };
}

/**
 * What an erased person leaves in the org's suppression list: HMAC-SHA256 of the kind and the
 * normalized value under the org's own random salt. The salt is no secret in the Secrets Manager sense
 * (it sits on an org item of the table); it makes the entry useless outside this org and against a
 * precomputed table of addresses, while the org can still tell that an address it is given again is
 * one it erased. Whoever can read the table can test a guessed address against it, which is exactly
 * the check the suppression list exists for.
 */
export function erasedPersonHash(salt: string, person: Person): string {
  const normalized = person.kind === 'email' ? person.value.trim().toLowerCase() : person.value.trim();
  return createHmac('sha256', salt).update(`${person.kind}:${normalized}`).digest('hex');
}

/** The identifiers of a lead (or a lead about to be added) an erasure may have recorded. */
export function peopleOf(lead: { email?: string; phone?: string }): Person[] {
  return [
    ...(lead.email ? [{ kind: 'email', value: lead.email.toLowerCase() } as const] : []),
    ...(lead.phone ? [{ kind: 'phone', value: lead.phone } as const] : []),
  ];
}

/** Whether a stored JSON value (an import row, a delivery's payload) names the person anywhere. */
export function mentions(value: unknown, person: Person): boolean {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  if (person.kind === 'email') return text.toLowerCase().includes(person.value.toLowerCase());
  // Leads take only E.164 numbers, so a row or payload that named this one spelled it so.
  return text.includes(person.value);
}

/** How many of each thing an erasure removed: all zeros when there was nothing (left) to erase. */
export interface ErasureCounts {
  leads: number;
  /** Send records and timeline events of those leads (the messages' subjects and bodies with them). */
  timelineItems: number;
  /** Raw received e-mails in the inbound bucket, and the records of having handled them. */
  storedMails: number;
  inboundRecords: number;
  schedulesCancelled: number;
  /** Rows of recent imports (the stored rows and their issues) that named the person. */
  importRows: number;
  importIssues: number;
  webhookDeliveries: number;
  /** The plain-text suppression entry replaced by the hashed one. */
  suppressionEntries: number;
  /** Other leads whose referrer (this person's name) was taken off. */
  referralsCleared: number;
  /** The lead that referred them: its last reply's and its timeline events' referral naming them. */
  referrerMentions: number;
}

export const NO_ERASURE: ErasureCounts = {
  leads: 0,
  timelineItems: 0,
  storedMails: 0,
  inboundRecords: 0,
  schedulesCancelled: 0,
  importRows: 0,
  importIssues: 0,
  webhookDeliveries: 0,
  suppressionEntries: 0,
  referralsCleared: 0,
  referrerMentions: 0,
};
