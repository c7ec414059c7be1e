/** Unsubscribe and not-interested wording in what the sender wrote. */
import { fold, phrases } from './phrases';

const UNSUBSCRIBE = phrases([
  'unsubscribe',
  'remove me',
  'remove my (?:e-?mail|address|name|contact|details)',
  'take me off',
  'take my (?:e-?mail|address|name) off',
  'stop (?:e-?mailing|emailing|contacting|writing|messaging|spamming)',
  'stop sending',
  "(?:do not|don't|dont|please never) (?:e-?mail|contact|write to|message) (?:me|us)",
  'no (?:more|further) (?:e-?mails|emails|messages)',
  'opt(?:-| )?out',
  'abmelden',
  'abbestellen',
  'austragen',
  'entfernen sie mich',
  'loschen sie meine',
  'keine (?:weiteren )?(?:e-?mails|mails|nachrichten)',
  'nicht mehr (?:kontaktieren|anschreiben)',
  'desabonner',
  'desinscri\\w*',
  'ne plus recevoir',
  'retirez(?:-| )moi',
  'ne me contactez plus',
  'dar(?:me|nos)? de baja',
  'darse de baja',
  'no me (?:escriba|escribas|contacte|contactes|envie|envies)',
  'eliminen? mi',
  'uitschrijven',
  'afmelden',
  'verwijder (?:mij|me|mijn)',
  'geen (?:e-?mails|mails|berichten) meer',
]);

/** A reply that is only a keyword, as people answer SMS-style: `STOP`, `Remove`. */
const UNSUBSCRIBE_KEYWORD = /^\s*(?:stop|remove|unsubscribe|abmelden|baja)\s*[.!]*\s*$/;

export const NOT_INTERESTED = phrases([
  'not interested',
  'no interest',
  'no thanks',
  'no,? thank you',
  'no, thanks',
  'not (?:a|the) (?:good |right )?fit',
  'went with (?:another|a different|an other|someone else)',
  'going with (?:another|a different|someone else)',
  '(?:chose|chosen|selected|picked) (?:another|a different)',
  'decided to go with (?:another|a different|someone else)',
  'decided against',
  'not in the market',
  "we(?:'re| are) all set",
  'kein interesse',
  'nicht interessiert',
  'nein danke',
  'kein bedarf',
  'pas interesse(?:e|s|es)?',
  'aucun interet',
  'non merci',
  'pas besoin',
  'no (?:estoy|estamos) interesad[oa]s?',
  'no (?:me|nos) interesa',
  'no,? gracias',
  'sin interes',
  'geen interesse',
  'niet geinteresseerd',
  'nee,? bedankt',
  'nee,? dank je',
  'geen behoefte',
]);

const REPLY_PREFIX = /^\s*(?:re|aw|antw|sv|vs|ref|rif|tr|wg|fw|fwd|rv|r)\s*(?:\[\d+\])?\s*:/i;

export function isUnsubscribe(newText: string, subject: string): boolean {
  // A subject the sender typed (no `Re:`) counts: "Unsubscribe" with an empty body is common.
  const ownSubject = REPLY_PREFIX.test(subject) ? '' : fold(subject);
  return UNSUBSCRIBE.test(newText) || UNSUBSCRIBE_KEYWORD.test(newText) || UNSUBSCRIBE.test(ownSubject);
}
