/**
 * The warnings a write answers beside its result, as the contract shows them: `{code, message, field?}`
 * with `code` from one enum (core/warnings.ts), so a UI switches on the code and shows the message.
 */
import * as z from 'zod/mini';
import { lazy } from '../core/lazy';
import { WARNING_CODES } from '../core/warnings';

const CODE_DESCRIPTION = [
  'offering_missing: the sequence opens with a generated e-mail and the org has no offering (PUT /org/settings)',
  'whatsapp_not_connected: the sequence has WhatsApp steps and the org has not connected WhatsApp (PUT /org/whatsapp): they are skipped',
  'address_suppressed: reserved; a suppressed address is refused with 409 address_suppressed today',
  'forwarding_unverified: replies to the assistant arrive only once its forwarding is verified (POST /assistants/{id}/verify-receiving)',
  'start_in_past: startAt has passed; the sequence starts now, its first step at the next moment the send window allows',
  'language_fallback: the lead’s language (or a preview’s ?language=) has no bank yet: generated steps, their quote line and footer are written in English (field: language)',
  'translation_without_bank: a custom message’s translation is in a language without a bank: it is sent as written, its unsubscribe footer and quote line in English (field: email.translations.<tag>)',
  'custom_subject_replaced: a follow-up e-mail step replies in the thread; its custom message’s subject is replaced by "Re: <first subject>"',
  'placeholder_missing: a custom step names a placeholder without a value (nor |fallback) for this lead; it will be skipped (field: the lead field to fill; none for a referrer placeholder, which only a referral fills: give it a fallback)',
  'region_policy_exceeded: the sequence has more follow-ups than the org’s region policy allows for the lead’s country',
  'review_without_effect: the sequence’s review (first_step or all) holds no step back, because the steps it would review are WhatsApp steps, which are never held (field: review)',
].join('; ');

export const warningSchema = lazy(() =>
  z
    .object({
      code: z.enum(WARNING_CODES).check(z.describe(`Stable; switch on it. ${CODE_DESCRIPTION}`)),
      message: z.string().check(z.describe('For people; may change')),
      field: z
        .optional(z.string())
        .check(z.describe('The field it is about, as a dotted path (startAt, steps.2.messageId, company)')),
    })
    .register(z.globalRegistry, { id: 'Warning' }),
);

export const warningsSchema = (description?: string) =>
  description === undefined
    ? z.array(warningSchema())
    : z.array(warningSchema()).check(z.describe(description));
