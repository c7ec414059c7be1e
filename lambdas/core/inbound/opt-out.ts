/**
 * Unsubscribe and not-interested wording in what the sender wrote, in English, German, French,
 * Spanish, Italian, Portuguese, Dutch, Swedish, Danish and Norwegian.
 */
import { everyUnsubscribeFooter } from '../rendering/unsubscribe-footer';
import { fold, phrases } from './phrases';
import { editDistance, hasPhraseWithSlips, wordsOf } from './typos';

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
  '(?:de|den|da)(?:me|nos) de baja',
  'darse de baja',
  'no me (?:escriba|escribas|contacte|contactes|envie|envies)',
  'eliminen? mi',
  'uitschrijven',
  'afmelden',
  'verwijder (?:mij|me|mijn)',
  'geen (?:e-?mails|mails|berichten) meer',
  'schrijf (?:me|mij) uit',
  'stuur (?:me|mij|ons) geen',
  // German, more
  'streichen sie mich',
  'bitte keine (?:weiteren )?(?:e-?mails|mails|nachrichten|werbung)',
  'nehmen sie mich (?:aus|von)',
  // French, more
  "ne (?:m'|nous )?(?:ecrivez|envoyez|contactez) plus",
  "arretez de (?:m'|nous )?(?:ecrire|envoyer|contacter)",
  'supprimez(?:-| )moi',
  'supprimez mon adresse',
  // Spanish, more
  'desuscrib\\w*',
  'no quiero recibir',
  'quit(?:ar|en)(?:me| me) de',
  'borr(?:ar|en)(?:me| me)',
  'dejen de (?:enviar|escribir|contactar)',
  // Italian
  'disiscriv\\w*',
  'cancellatemi',
  'cancellami',
  'rimuovete(?:mi)?',
  'rimuovermi',
  'toglietemi',
  'non (?:mi )?(?:scrivete|contattate|scrivetemi|contattatemi) piu',
  'non voglio (?:piu )?ricevere',
  // Portuguese
  'descadastr\\w*',
  'cancelar (?:a )?(?:minha )?(?:inscricao|subscricao)',
  'remov(?:a|am|er)(?:-me| me)',
  'tir(?:e|em|ar)(?:-me| me) da',
  'nao (?:me )?(?:contacte|contactem|contate|contatem|envie|enviem|escreva|escrevam) mais',
  'nao quero (?:mais )?receber',
  // Swedish
  'avregistrera',
  'avanmal\\w*',
  'avsluta (?:min )?prenumeration\\w*',
  'ta bort mig',
  'sluta (?:skicka|maila|mejla|kontakta)',
  'inga fler (?:mejl|mail|e-?post|meddelanden)',
  // Danish and Norwegian
  'afmeld\\w*',
  'avmeld\\w*',
  'fjern (?:mig|meg)',
  'stop med at (?:sende|skrive)',
  'slutt a sende',
]);

/**
 * A reply whose first line is only a keyword, as people answer SMS-style: `STOP`, `Remove`, with at
 * most a signature below (`Sent from my iPhone`, a name).
 */
const UNSUBSCRIBE_KEYWORD =
  /^\s*(?:stop|stopp|remove|unsubscribe|abmelden|baja|desinscription|cancella|cancellami|sair|afmeld|avregistrera)\s*[.!]*\s*$/;

/** A reply this long or shorter (in words of the sender's own text) is also read with its typos. */
const SHORT_REPLY_WORDS = 30;

/**
 * What people type to be taken off a list, folded, read word by word with their slips in a short
 * reply (see hasPhraseWithSlips): `unsubcribe`, `usubscribe`, `take me of your list`, `remvoe me`,
 * `abmelen`, `desinscrie`. Longer texts match only UNSUBSCRIBE as written, so a reply that merely
 * mentions removing something is never one.
 */
const UNSUBSCRIBE_WORDS: readonly string[] = [
  // English
  'unsubscribe',
  'un subscribe',
  'unsub',
  'take me off',
  'remove me',
  'remove my email',
  'remove my address',
  'remove from list',
  'remove from your list',
  'remove from mailing list',
  'remove from the list',
  'opt out',
  'optout',
  'stop emailing',
  'stop mailing',
  'stop sending',
  'no more emails',
  // German
  'abmelden',
  'abbestellen',
  'austragen',
  'entfernen sie mich',
  'streichen sie mich',
  // French
  'desabonner',
  'desabonnez moi',
  'desinscrire',
  'desinscrivez moi',
  'desinscription',
  'retirez moi',
  'supprimez moi',
  // Spanish
  'darme de baja',
  'dar de baja',
  'desuscribir',
  'desuscribirme',
  'quitarme de la lista',
  'borrarme',
  // Italian
  'cancellami',
  'cancellatemi',
  'disiscrivimi',
  'disiscrivere',
  'rimuovetemi',
  'toglietemi',
  // Portuguese
  'descadastrar',
  'descadastre me',
  'cancelar inscricao',
  // Dutch
  'uitschrijven',
  'afmelden',
  'schrijf me uit',
  'verwijder mij',
  'verwijder me',
  // Swedish, Danish, Norwegian
  'avregistrera',
  'avanmal',
  'ta bort mig',
  'afmeld',
  'avmeld',
  'fjern mig',
  'fjern meg',
];

/** Real words a slip away from one of UNSUBSCRIBE_WORDS that ask for the opposite, or for something else. */
const NOT_SLIPS: ReadonlySet<string> = new Set([
  'subscribe',
  'subscribed',
  'subscriber',
  'anmelden',
  'bestellen',
  'eintragen',
  'reabonner',
  'inscrire',
  'suscribir',
  'suscribirme',
  'iscrivimi',
  'iscrivere',
  'cancellalo',
  'cancellala',
  'inschrijven',
  'aanmelden',
  'registrera',
  'tilmeld',
  'anmeld',
  'anmelde',
]);

/** The sender's own text is short enough to be an opt-out typed in a hurry, and holds one, typos and all. */
function isShortOptOut(newText: string): boolean {
  const words = wordsOf(newText);
  if (words.length === 0 || words.length > SHORT_REPLY_WORDS) return false;
  const firstLine = newText.split('\n').find((line) => line.trim() !== '') ?? '';
  return UNSUBSCRIBE_KEYWORD.test(firstLine) || hasPhraseWithSlips(words, UNSUBSCRIBE_WORDS, NOT_SLIPS);
}

/** `unsubcribe`, `unsusbscribe`, `un-subscribe`, `Unsubscibe`: "un" and a word close to "subscribe". */
const UNSUBSCRIBE_LIKE = /(?<![\p{L}\p{N}])un[\s-]?(s[a-z]{5,10})(?![\p{L}\p{N}])/gu;
const SUBSCRIBE = 'subscribe';
/** Edits (insert, delete, substitute, swap neighbours) that still read as "subscribe". */
const MAX_EDITS = 2;

function hasUnsubscribeSpelling(text: string): boolean {
  for (const match of text.matchAll(UNSUBSCRIBE_LIKE)) {
    const word = (match[1] ?? '').replace(/d$/, '');
    if (editDistance(word, SUBSCRIBE) <= MAX_EDITS) return true;
  }
  return false;
}

/** `text` folded, as a pattern that matches it literally (a `?` or `.` in it is no pattern). */
const literally = (text: string) => fold(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Our own footer in every language and register (see unsubscribe-footer.ts), as a reply quotes it
 * without marking the quote: the sentence, its link text, and the link's address in brackets as
 * HTML-to-text writes it.
 */
const FOOTER_WORDS = everyUnsubscribeFooter().map(
  ({ lead, link }) => `${phrases([literally(lead)]).source}\\s*${literally(link).replace(/ /g, '\\s+')}`,
);
const OUR_FOOTER = new RegExp(
  `(?:${FOOTER_WORDS.join('|')})(?:\\s*(?:\\[[^\\]]*\\]|<[^>]*>|\\([^)]*\\)))?\\.?`,
  'gu',
);

/** The sender's text without our footer quoted back in it. */
export function withoutOurFooter(newText: string): string {
  return newText.replace(OUR_FOOTER, ' ');
}

export const NOT_INTERESTED = phrases([
  'not interested',
  // The usual slips of a hurried "not interested", and a curt English no.
  'not (?:intrested|intersted|interseted|interessted|intereted|interestd|intrested)',
  "nah,? (?:we're|we are|i'm|i am) (?:good|fine|ok|okay|set)",
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
  // Italian
  'non (?:sono|siamo) interessat[oaie]',
  'non (?:mi|ci) interessa',
  'no,? grazie',
  'nessun interesse',
  // Portuguese
  'nao (?:estou|estamos) interessad[oa]s?',
  'nao (?:tenho|temos) interesse',
  'nao (?:me|nos) interessa',
  'nao,? obrigad[oa]',
  'sem interesse',
  // Swedish, Danish, Norwegian
  '(?:inte|ej) intresserad(?:e)?',
  'inget intresse',
  'nej,? tack',
  'ikke interesseret',
  'ikke interessert',
  'ingen interesse',
  'nej,? tak',
  'nei,? takk',
  // French, more
  "(?:ca|cela) ne (?:m'|nous )?interesse pas",
]);

const REPLY_PREFIX = /^\s*(?:re|aw|antw|sv|vs|ref|rif|tr|wg|fw|fwd|rv|r)\s*(?:\[\d+\])?\s*:/i;

/** `newText`: the sender's own text, folded and without our footer. */
export function isUnsubscribe(newText: string, subject: string): boolean {
  // A subject the sender typed (no `Re:`) counts: "Unsubscribe" with an empty body is common.
  const ownSubject = REPLY_PREFIX.test(subject) ? '' : fold(subject);
  return (
    UNSUBSCRIBE.test(newText) ||
    UNSUBSCRIBE_KEYWORD.test(newText) ||
    hasUnsubscribeSpelling(newText) ||
    isShortOptOut(newText) ||
    UNSUBSCRIBE.test(ownSubject) ||
    hasUnsubscribeSpelling(ownSubject)
  );
}
