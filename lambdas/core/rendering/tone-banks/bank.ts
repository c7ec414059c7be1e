/**
 * The shape every language's bank has. A bank is a translation of the English one (en.ts), variant for
 * variant: the variant at (tone, position, index) has the same id in every language, needs the same
 * placeholders and reads right in the same sequence types, so the writer picks the same variant for a
 * lead whatever language it is written in (a preview in another language shows the same message).
 *
 * Languages that address a reader formally or informally ("Sie"/"du", "vous"/"tu", "usted"/"tú") write
 * both registers in one text, `[[formal|informal]]` where they differ (`[[Haben Sie|Hast du]] Zeit?`);
 * the org's `formality` picks one (inRegister). English has no markers.
 */
import type { Formality } from '../../languages';
import type { SequenceType } from '../../sequences';
import type { Tone } from '../../tones';

export type MessagePosition = 'first' | 'followup' | 'last';
export type { Formality } from '../../languages';

export interface ToneVariant {
  /** Positional and the same in every language: `candid-followup-3`. */
  id: string;
  tone: Tone;
  position: MessagePosition;
  /** First e-mails only: follow-ups reply under the first e-mail's subject. */
  subject?: string;
  greeting: string;
  /** Short paragraphs: one or two for follow-ups, up to three for a first e-mail. */
  body: readonly string[];
  signOff: string;
  /** The sequence types the variant reads right in; all of them when absent. */
  sequenceTypes?: readonly SequenceType[];
}

export type VariantDraft = Omit<ToneVariant, 'id' | 'tone' | 'position'>;

export interface LanguageBank {
  /** Per tone and position, the variants in English's order (index i is `<tone>-<position>-<i+1>`). */
  drafts: Record<Tone, Record<MessagePosition, VariantDraft[]>>;
  /** Per tone, the referral openings in English's order, as a function of how the referrer is named. */
  referrals: Record<Tone, ((referrer: string) => string)[]>;
}

export const STANDARD_ONLY: readonly SequenceType[] = ['standard'];
export const EMAIL_CC_ONLY: readonly SequenceType[] = ['email_cc'];

const REGISTER = /\[\[([^|\]]*)\|([^\]]*)\]\]/g;

/** `text` in one register: each `[[formal|informal]]` replaced by the side `formality` names. */
export function inRegister(text: string, formality: Formality): string {
  return text.replace(REGISTER, (_marker, formal: string, informal: string) =>
    formality === 'formal' ? formal : informal,
  );
}
