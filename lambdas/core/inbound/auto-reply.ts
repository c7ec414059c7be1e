/** Telling an automatic reply (out-of-office, vacation notice) from a person's answer. */
import type { InboundEmail } from './model';
import { fold, phrases } from './phrases';

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

/** The first token of a header value, lower-cased, without parameters or comments. */
function headerToken(value: string | undefined): string | undefined {
  const token = value?.split(/[;(]/, 1)[0]?.trim().toLowerCase();
  return token === '' ? undefined : token;
}

/**
 * An automatic reply: `Auto-Submitted` other than `no` (RFC 3834), `X-Autoreply`/`X-Autorespond`,
 * `Precedence: auto_reply|bulk|junk`, or an out-of-office subject in English, German, French,
 * Spanish or Dutch. `X-Auto-Response-Suppress` alone does not count: senders that merely ask not to
 * get auto-replies set it too, and taking a real reply for an auto-reply would keep e-mailing a lead
 * who answered.
 */
export function isAutoReply(email: Pick<InboundEmail, 'headers' | 'subject'>): boolean {
  const { headers } = email;
  const autoSubmitted = headerToken(headers['auto-submitted']);
  if (autoSubmitted !== undefined && autoSubmitted !== 'no') return true;
  if (headers['x-autoreply'] !== undefined || headers['x-autorespond'] !== undefined) return true;
  const precedence = headerToken(headers.precedence);
  if (precedence !== undefined && AUTO_REPLY_PRECEDENCE.has(precedence)) return true;
  const subject = fold(email.subject);
  return AUTO_REPLY_SUBJECT.test(subject) || AUTO_REPLY_SUBJECT_LABEL.test(subject);
}
