/**
 * What a write answers beside its result so a UI can act on it: each warning has a stable `code` (a UI
 * switches on it), a `message` for people, and where it applies the request `field` it is about. Every
 * warning of the API is made here, so the contract's enum (lambdas/http/warning-views.ts) is the
 * complete list.
 */

export const WARNING_CODES = [
  /** A sequence opens with a generated e-mail and the org has no offering to say what it offers. */
  'offering_missing',
  /** The sequence has WhatsApp steps and the org has no WhatsApp connection: they will be skipped. */
  'whatsapp_not_connected',
  /**
   * Reserved: the lead's address is on the org's suppression list. Today every way of adding or
   * re-planning a lead refuses such an address instead (409 address_suppressed).
   */
  'address_suppressed',
  /** The assistant's replies arrive only once its mailbox forwards them and that is verified. */
  'forwarding_unverified',
  /** The requested start has passed: the first step goes at the next moment the send window allows. */
  'start_in_past',
  /** The lead's language has no bank yet: its generated steps are written in English (core/languages.ts). */
  'language_fallback',
  /**
   * A custom message's translation is in a language without a bank: e-mails sending it have their
   * footer and quote line in English (one written language per e-mail: render-email.ts, emailLanguage).
   */
  'translation_without_bank',
  /** A follow-up e-mail step replies in the thread: its custom message's subject becomes "Re: <first>". */
  'custom_subject_replaced',
  /** A custom step names a placeholder this lead has no value (nor fallback) for: it will be skipped. */
  'placeholder_missing',
  /** The sequence has more follow-ups than the org's region policy allows for the lead's region. */
  'region_policy_exceeded',
  /**
   * POST /leads with moveIfEnrolled: the address was running on another sequence, and that lead (the
   * one answered, its id kept) moved to this one from the first step.
   */
  'lead_moved',
  /** The sequence's review holds no step back: its first step (or every step following it) is WhatsApp. */
  'review_without_effect',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface Warning {
  code: WarningCode;
  message: string;
  /** The request field it is about, as a dotted path (`startAt`, `steps.2.messageId`, `company`). */
  field?: string;
}

export function warning(code: WarningCode, message: string, field?: string): Warning {
  return field === undefined ? { code, message } : { code, message, field };
}
