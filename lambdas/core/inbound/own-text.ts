/**
 * The words a person wrote in a reply, and nothing else: the quoted thread (stripQuotedReply), the
 * phone's "Sent from my iPhone", the signature below a closing line, legal footers, and our own
 * unsubscribe footer when it comes back unmarked. Intent rules and entity extraction read only this:
 * a name or address in our quoted e-mail, or in the sender's own signature, is not a referral.
 */
import type { InboundEmail } from './model';
import { withoutOurFooter } from './opt-out';
import { fold } from './phrases';
import { stripQuotedReply } from './quoted-reply';

/** `Sent from my iPhone` and its translations: below it is only the client's signature or the quote. */
const MOBILE_SIGNATURE =
  /^(?:sent from my|sent from outlook|get outlook for|von meinem \S+ gesendet|gesendet von meinem|envoye de mon|envoye depuis|enviado desde mi|enviado do meu|inviato da|verzonden (?:vanaf|met) mijn|skickat fran min|sendt fra min|sendt fra min|sendt fra)\b/;
/**
 * The first line of a legal footer: confidentiality notices and disclaimers, which are long and
 * full of words ("contact", "delete", "intended recipient") that would mislead the rules.
 */
const LEGAL_FOOTER =
  /^(?:confidentiality notice|disclaimer|this (?:e-?mail|message|communication)(?: and any (?:files|attachments)[^.]*)? (?:is|are|may contain|contains) (?:confidential|intended|privileged)|the information (?:contained )?in this (?:e-?mail|message)|diese (?:e-?mail|nachricht) (?:enthalt|kann) (?:vertrauliche|moglicherweise)|vertraulichkeitshinweis|ce (?:message|courriel|mail)(?: et (?:toutes )?(?:les|ses) pieces jointes)? (?:est|sont|peut contenir) (?:confidentiel|strictement)|este (?:mensaje|correo)(?: y sus anexos)? (?:es|contiene|puede contener) (?:confidencial|informacion confidencial)|questo messaggio (?:e|contiene|puo contenere)|le informazioni contenute|esta mensagem (?:e|contem|pode conter)|dit (?:e-?mail)?bericht (?:is|kan) (?:vertrouwelijk|uitsluitend)|detta (?:e-?post)?meddelande (?:ar|kan innehalla)|denne e-?(?:mail|post(?:en)?) (?:er|kan indeholde|kan inneholde) (?:fortrolig|konfidensiell))/;
/**
 * A closing line on its own (`Best,`, `Viele Grüße`, `Cordialement`): what follows is a signature
 * (name, title, phone, the sender's own address), not the answer.
 */
const CLOSING =
  /^(?:best(?: regards| wishes)?|kind regards|regards|warm regards|many thanks|thanks(?: again)?|thank you|cheers|sincerely|all the best|br|mit freundlichen grussen|freundliche grusse|viele grusse|beste grusse|liebe grusse|herzliche grusse|schone grusse|gruss|grusse|lg|vg|mfg|cordialement|bien cordialement|bien a vous|salutations|bonne journee|cdt|saludos(?: cordiales)?|un saludo|atentamente|cordiali saluti|saluti|distinti saluti|un saluto|grazie|cumprimentos|atenciosamente|abraco|obrigad[oa]|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groet(?:en|jes)?|mvg|med vanliga halsningar|vanliga halsningar|halsningar|hals(?:ningar)?|mvh|med venlig hilsen|venlig hilsen|hilsen|med vennlig hilsen|vennlig hilsen)[\s,.!]*$/;
/** Lines this long or longer are the answer itself, not a closing. */
const MAX_CLOSING_CHARS = 40;

/** The index of the first line of what follows the answer (a footer, a signature), or the line count. */
function answerEnd(folded: readonly string[]): number {
  let seenText = false;
  for (const [index, raw] of folded.entries()) {
    const line = raw.trim();
    if (line === '') continue;
    if (MOBILE_SIGNATURE.test(line) || LEGAL_FOOTER.test(line)) return index;
    // A closing ends the answer only below some of it: a reply may open with "Thanks," on its own.
    if (seenText && line.length <= MAX_CLOSING_CHARS && CLOSING.test(line)) return index;
    seenText = true;
  }
  return folded.length;
}

/**
 * The reply's own text, case and accents kept (names and addresses are read from it): without the
 * quoted thread, the mobile-client line, a legal footer, the signature below a closing line, and our
 * own footer. Fold it (`fold`) before matching wording.
 */
export function ownText(text: string): string {
  const lines = stripQuotedReply(text).split('\n');
  const kept = lines.slice(0, answerEnd(lines.map(fold))).join('\n');
  // Our footer is found in the folded text; folding keeps one character per character for it (plain
  // ASCII), so a line without it is returned as it was.
  return kept
    .split('\n')
    .map((line) => (withoutOurFooter(fold(line)) === fold(line) ? line : withoutOurFooter(fold(line)).trim()))
    .join('\n')
    .trim();
}

/** What the engine passes to classifyReplyIntent: the text of an inbound e-mail, its subject aside. */
export function replyOwnText(email: Pick<InboundEmail, 'text'>): string {
  return ownText(email.text);
}
