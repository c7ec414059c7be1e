/**
 * The tone bank: hand-written variants for generated e-mails, per tone and position (a first e-mail
 * that opens the thread, a follow-up, the polite close at the last step). Each variant is a template in
 * the placeholder grammar; the fields it needs are the placeholders it uses without a fallback, so a
 * variant naming `{{lead.company}}` is only ever chosen for a lead that has a company.
 *
 * First e-mails come in four kinds: with the org's offering and the lead's context, with the offering
 * only, with the context only, and with neither; the writer picks from the richest kind it can fill
 * (followup-writer.ts), so an org with an offering always has its first e-mails say what it offers.
 *
 * Where a variant is used decides what it may take for granted. A follow-up of a standard sequence
 * replies to the assistant's own first e-mail; in an Email CC sequence the e-mail before the first
 * follow-up is the user's, so a variant speaking of "my last note" is `sequenceTypes: STANDARD_ONLY`.
 * Nothing may presume how many follow-ups came before (the first follow-up may also be the last but
 * one) or how much time has passed.
 *
 * Every pool keeps at least two variants that need no field at all in each sequence type, so every
 * lead can be written to and consecutive steps can always differ. Ids are positional
 * (`candid-followup-3`): append new variants at the end of a pool so leads mid-sequence keep the
 * texts they were promised.
 *
 * A referred lead's first e-mail opens, after its greeting, by saying who suggested the contact
 * ("Tom Baker suggested I reach out to you."): one of its tone's referral openings, written once and
 * kept in two forms, the referrer's full name and the first name alone (for a referrer whose last name
 * is unknown). The openings sit apart from the variants, so every kind of first e-mail can take one.
 */
import type { SequenceType } from '../sequences';
import { TONES, type Tone } from '../tones';
import {
  type Formality,
  inRegister,
  type LanguageBank,
  type MessagePosition,
  type ToneVariant,
} from './tone-banks/bank';
import { GERMAN } from './tone-banks/de';
import { ENGLISH } from './tone-banks/en';
import { SPANISH } from './tone-banks/es';
import { FRENCH } from './tone-banks/fr';
import { ITALIAN } from './tone-banks/it';
import { DUTCH } from './tone-banks/nl';
import { PORTUGUESE } from './tone-banks/pt';

export type { Formality, MessagePosition, ToneVariant } from './tone-banks/bank';

/** The bank of each language written in; core/languages.ts's WRITTEN_LANGUAGES names the same keys. */
export const BANKS: Readonly<Record<string, LanguageBank>> = Object.freeze({
  en: ENGLISH,
  de: GERMAN,
  fr: FRENCH,
  es: SPANISH,
  it: ITALIAN,
  nl: DUTCH,
  pt: PORTUGUESE,
});

/** A sentence that names who referred the lead; first e-mails only. */
export interface ReferralOpening {
  id: string;
  tone: Tone;
  /** One paragraph in the placeholder grammar, naming the referrer with `{{referrer.firstName}}`. */
  text: string;
}

/** How the openings name the referrer: in full when the last name is known, else by the first name. */
const REFERRER_NAMES = ['{{referrer.firstName}} {{referrer.lastName}}', '{{referrer.firstName}}'] as const;

const POSITIONS: readonly MessagePosition[] = ['first', 'followup', 'last'];

function bankOf(language: string): LanguageBank {
  const bank = BANKS[language];
  if (!bank) throw new Error(`No tone bank in ${language}`);
  return bank;
}

const variantsByLanguage = new Map<string, readonly ToneVariant[]>();

/** Every variant of `language`'s bank, with its id, in the registers' markers as written. */
export function bankVariants(language: string): readonly ToneVariant[] {
  const known = variantsByLanguage.get(language);
  if (known) return known;
  const { drafts } = bankOf(language);
  const variants = TONES.flatMap((tone) =>
    POSITIONS.flatMap((position) =>
      drafts[tone][position].map((draft, index) => ({
        id: `${tone}-${position}-${index + 1}`,
        tone,
        position,
        ...draft,
      })),
    ),
  );
  variantsByLanguage.set(language, variants);
  return variants;
}

/** Every referral opening of `language`, each draft in both forms: `candid-referral-1` (full name), `-2` (first name), ... */
export function bankReferralOpenings(language: string): ReferralOpening[] {
  const { referrals } = bankOf(language);
  return TONES.flatMap((tone) =>
    referrals[tone].flatMap((draft, draftIndex) =>
      REFERRER_NAMES.map((name, nameIndex) => ({
        id: `${tone}-referral-${draftIndex * REFERRER_NAMES.length + nameIndex + 1}`,
        tone,
        text: draft(name),
      })),
    ),
  );
}

/** The English bank, every variant with its id. */
export const TONE_BANK: readonly ToneVariant[] = bankVariants('en');

/** The English referral openings. */
export const REFERRAL_OPENINGS: readonly ReferralOpening[] = bankReferralOpenings('en');

function variantInRegister(variant: ToneVariant, formality: Formality): ToneVariant {
  return {
    ...variant,
    ...(variant.subject !== undefined && { subject: inRegister(variant.subject, formality) }),
    greeting: inRegister(variant.greeting, formality),
    body: variant.body.map((paragraph) => inRegister(paragraph, formality)),
    signOff: inRegister(variant.signOff, formality),
  };
}

/** Which bank and register a message is written from: English and formal unless said otherwise. */
export interface Writing {
  language?: string;
  formality?: Formality;
}

/** The openings a referred lead's first e-mail in `tone` chooses from. */
export function referralOpeningsFor(tone: Tone, writing: Writing = {}): ReferralOpening[] {
  return bankReferralOpenings(writing.language ?? 'en')
    .filter((opening) => opening.tone === tone)
    .map((opening) => ({ ...opening, text: inRegister(opening.text, writing.formality ?? 'formal') }));
}

/**
 * The variants a generated message of `tone` at `position` chooses from; with `sequenceType`, only
 * those that read right in that type of sequence.
 */
export function variantsFor(
  tone: Tone,
  position: MessagePosition,
  sequenceType?: SequenceType,
  writing: Writing = {},
): ToneVariant[] {
  return bankVariants(writing.language ?? 'en')
    .filter(
      (variant) =>
        variant.tone === tone &&
        variant.position === position &&
        (sequenceType === undefined || (variant.sequenceTypes ?? [sequenceType]).includes(sequenceType)),
    )
    .map((variant) => variantInRegister(variant, writing.formality ?? 'formal'));
}
