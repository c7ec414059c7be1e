/**
 * Unsubscribe and not-interested wording in what the sender wrote, in English, German, French,
 * Spanish, Italian, Portuguese, Dutch, Swedish, Danish and Norwegian.
 */
import { UNSUBSCRIBE_FOOTER } from '../rendering/unsubscribe-footer';
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

/** A reply that is only a keyword, as people answer SMS-style: `STOP`, `Remove`. */
const UNSUBSCRIBE_KEYWORD =
  /^\s*(?:stop|stopp|remove|unsubscribe|abmelden|baja|desinscription|cancella|cancellami|sair|afmeld|avregistrera)\s*[.!]*\s*$/;

/** `unsubcribe`, `unsusbscribe`, `un-subscribe`, `Unsubscibe`: "un" and a word close to "subscribe". */
const UNSUBSCRIBE_LIKE = /(?<![\p{L}\p{N}])un[\s-]?(s[a-z]{5,10})(?![\p{L}\p{N}])/gu;
const SUBSCRIBE = 'subscribe';
/** Edits (insert, delete, substitute, swap neighbours) that still read as "subscribe". */
const MAX_EDITS = 2;

/** Optimal string alignment distance: Levenshtein plus swapped neighbours, the usual typing slips. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

function hasUnsubscribeSpelling(text: string): boolean {
  for (const match of text.matchAll(UNSUBSCRIBE_LIKE)) {
    const word = (match[1] ?? '').replace(/d$/, '');
    if (editDistance(word, SUBSCRIBE) <= MAX_EDITS) return true;
  }
  return false;
}

/**
 * Our own footer (see UNSUBSCRIBE_FOOTER), as a reply quotes it without marking the quote: the
 * sentence, its link text, and the link's address in brackets as HTML-to-text writes it.
 */
const OUR_FOOTER = new RegExp(
  `${phrases([fold(UNSUBSCRIBE_FOOTER.lead)]).source}\\s*${fold(UNSUBSCRIBE_FOOTER.link)}` +
    '(?:\\s*(?:\\[[^\\]]*\\]|<[^>]*>|\\([^)]*\\)))?\\.?',
  'gu',
);

/** The sender's text without our footer quoted back in it. */
export function withoutOurFooter(newText: string): string {
  return newText.replace(OUR_FOOTER, ' ');
}

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
    UNSUBSCRIBE.test(ownSubject) ||
    hasUnsubscribeSpelling(ownSubject)
  );
}
