/** Telling an automatic reply (out-of-office, vacation notice) from a person's answer. */
import type { InboundEmail } from './model';
import { fold, phrases } from './phrases';
import { stripQuotedReply } from './quoted-reply';

const AUTO_REPLY_PRECEDENCE: ReadonlySet<string> = new Set(['auto_reply', 'auto-reply', 'bulk', 'junk']);

/** Subject wording of out-of-office and other automatic replies, anywhere in the subject. */
const AUTO_REPLY_SUBJECT = phrases([
  'out of (?:the )?office',
  'out-of-office',
  'automatic reply',
  'automatic response',
  'auto(?:-| )?reply',
  'auto(?:-| )?response',
  'auto(?:-| )?responder',
  'vacation reply',
  'away from (?:the )?office',
  'abwesenheitsnotiz',
  'abwesenheitsnachricht',
  'automatische antwort',
  'ausser haus',
  'nicht im buro',
  'reponse automatique',
  'absent(?:e)? du bureau',
  'absence du bureau',
  'respuesta automatica',
  'fuera de (?:la )?oficina',
  'automatisch antwoord',
  'afwezigheid',
  'afwezigheidsbericht',
  'buiten kantoor',
  'niet op kantoor',
  'risposta automatica',
  'fuori ufficio',
  'resposta automatica',
  'fora do escritorio',
  'ausencia do escritorio',
  'automatiskt? svar',
  'autosvar',
  // æ and ø have no accent to fold away.
  'frav(?:ae|æ)r(?:ende)?',
  'franvaro',
  'ikke pa kontoret',
  'inte pa kontoret',
  'ikke til stede',
]);

/**
 * Words that mark an auto-reply only as the subject's leading label (`Absence: Re: ...`,
 * `On vacation`): further in, they are as likely a person's own subject.
 */
const AUTO_REPLY_SUBJECT_LABEL = phrases(
  [
    'absence',
    'absent(?:e)?',
    'abwesend',
    'abwesenheit',
    'urlaub',
    'ausente',
    'vacaciones',
    'afwezig',
    'vakantie',
    'assente',
    'assenza',
    'ferie',
    'ferias',
    'semester',
    'ledig',
    'ooo',
    'on vacation',
    'on holiday',
    'on leave',
    'en vacances',
    'en conges',
    'away',
  ],
  true,
);

/**
 * Body wording of out-of-office notices, in the sender's own text: an Exchange or Gmail notice that
 * lost its headers on the way (forwarding, a gateway) still says so. First person and present tense
 * on purpose: a person writing "I was out of the office last week" is answering.
 */
const AUTO_REPLY_BODY = phrases([
  // English
  "(?:i am|i'm|i will be|i'll be|we are|we're) (?:currently |presently |now )?(?:out of (?:the )?office|ooo|away from (?:the|my) (?:office|desk)|on (?:annual |parental |sick |maternity |paternity )?(?:leave|vacation|holiday)|away (?:on business|until|till|through)|out (?:until|till|through))",
  'this is an? (?:automatic|automated|auto-generated) (?:reply|response|message|notification)',
  '(?:automatic|automated) (?:reply|response): ',
  'thank you for your (?:e-?mail|message)\\. i am (?:currently )?(?:out|away|on leave)',
  'limited access to (?:my )?e-?mail',
  'with (?:limited|no) access to (?:my )?e-?mails?',
  // German
  'ich bin (?:derzeit |zurzeit |aktuell |momentan |bis \\S+ (?:\\S+ )?)?(?:nicht im (?:buro|haus)|ausser haus|im urlaub|abwesend|nicht erreichbar|auf geschaftsreise)',
  'dies ist eine automatische (?:antwort|nachricht|benachrichtigung)',
  'vielen dank fur ihre (?:e-?mail|nachricht)\\. ich bin',
  // French
  'je suis (?:actuellement |en ce moment )?(?:absente?|en conges?|en vacances|hors du bureau|en deplacement)',
  'ceci est (?:un message|une reponse) automatique',
  "message d'absence",
  // Spanish
  '(?:estoy|estare|me encuentro) (?:actualmente )?(?:fuera de (?:la )?oficina|de vacaciones|ausente|de viaje)',
  'este es un (?:mensaje|correo) automatico',
  'respuesta automatica',
  // Italian
  '(?:sono|saro) (?:attualmente )?(?:fuori (?:ufficio|sede)|in ferie|in vacanza|assente)',
  'questo e un messaggio automatico',
  'risposta automatica',
  // Portuguese
  '(?:estou|estarei|encontro-me) (?:atualmente |actualmente )?(?:fora do escritorio|de ferias|ausente|em ferias)',
  'esta e uma (?:mensagem|resposta) automatica',
  'resposta automatica',
  // Dutch
  'ik ben (?:momenteel |op dit moment |tot en met \\S+ (?:\\S+ )?|tot \\S+ (?:\\S+ )?)?(?:afwezig|niet (?:aanwezig|op kantoor|bereikbaar)|met vakantie|op vakantie|buiten kantoor)',
  'dit is een automatisch (?:antwoord|bericht|gegenereerd bericht)',
  // Swedish, Danish, Norwegian
  'jag ar (?:for narvarande |just nu )?(?:inte pa kontoret|pa semester|ledig|franvarande|borta)',
  'jeg er (?:for tiden |pt\\. |i (?:o|ø)jeblikket )?(?:ikke pa kontoret|pa ferie|frav(?:ae|æ)rende|pa kursus|bortreist)',
  '(?:detta|dette) (?:ar|er) ett? automatisk(?:t)? (?:svar|meddelande|melding|besked)',
]);

/** A notice says what it says in its first lines; a person's long reply is not searched beyond this. */
const BODY_CHARS = 1_500;

/** The first token of a header value, lower-cased, without parameters or comments. */
function headerToken(value: string | undefined): string | undefined {
  const token = value?.split(/[;(]/, 1)[0]?.trim().toLowerCase();
  return token === '' ? undefined : token;
}

/**
 * An automatic reply: `Auto-Submitted` other than `no` (RFC 3834), `X-Autoreply`/`X-Autorespond`,
 * `Precedence: auto_reply|bulk|junk`, Exchange's `X-MS-Exchange-Inbox-Rules-Loop` (set on what an
 * inbox rule or the out-of-office assistant sent) or `X-MS-Exchange-Generated-Message-Source`; else
 * out-of-office wording in the subject or in the first lines of the sender's own text, in English,
 * German, French, Spanish, Italian, Portuguese, Dutch, Swedish, Danish and Norwegian.
 * `X-Auto-Response-Suppress` alone does not count: senders that merely ask not to get auto-replies
 * set it too, and taking a real reply for an auto-reply would keep e-mailing a lead who answered.
 */
export function isAutoReply(email: Pick<InboundEmail, 'headers' | 'subject'> & { text?: string }): boolean {
  const { headers } = email;
  const autoSubmitted = headerToken(headers['auto-submitted']);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true;
  if (headers['x-autoreply'] !== undefined || headers['x-autorespond'] !== undefined) return true;
  const precedence = headerToken(headers.precedence);
  if (precedence !== undefined && AUTO_REPLY_PRECEDENCE.has(precedence)) return true;
  if (headers['x-ms-exchange-inbox-rules-loop'] !== undefined) return true;
  if (headers['x-ms-exchange-generated-message-source'] !== undefined) return true;
  const subject = fold(email.subject);
  if (AUTO_REPLY_SUBJECT.test(subject) || AUTO_REPLY_SUBJECT_LABEL.test(subject)) return true;
  if (email.text === undefined) return false;
  return AUTO_REPLY_BODY.test(fold(stripQuotedReply(email.text).slice(0, BODY_CHARS)));
}
