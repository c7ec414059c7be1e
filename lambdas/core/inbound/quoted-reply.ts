/** Cutting a reply down to what the sender wrote, without the quoted thread below it. */
import { fold } from './phrases';

const QUOTED_LINE = /^\s*>/;
/** `-----Original Message-----` and its translations, forwarded-message rules. */
const MESSAGE_RULE =
  /^-{2,}\s*(?:original message|ursprungliche nachricht|originalnachricht|message d'origine|mensaje original|oorspronkelijk bericht|messaggio originale|mensagem original|forwarded message|weitergeleitete nachricht|message transfere|mensaje reenviado|doorgestuurd bericht)\s*-{2,}$/;
const FORWARD_INTRO =
  /^(?:begin forwarded message|anfang der weitergeleiteten nachricht|debut du message reexpedie|inicio del mensaje reenviado|begin doorgestuurd bericht)\s*:$/;
/** A signature delimiter (`-- `), below which nothing is the sender's answer. */
const SIGNATURE_RULE = /^--\s*$/;
/**
 * An attribution line, e.g. `On Tue, 3 Mar 2026 at 10:02, Maya Chen <maya@contoso.example> wrote:`,
 * `Am 03.03.2026 um 10:02 schrieb Maya Chen <...>:`, `Le mar. 3 mars 2026, Maya a écrit :`. The date
 * or address in it (a digit or `@`) keeps a person's own "On reflection, Sam wrote:" from matching.
 */
const ATTRIBUTION =
  /^(?:on|am|le|el|op|em|il giorno)\s.*(?:wrote|schrieb|a ecrit|escribio|schreef|ha scritto|escreveu)[^:]*:$/;
/** `Maya Chen <maya@contoso.example> wrote:` and `maya@contoso.example schrieb am ...:`. */
const ADDRESS_ATTRIBUTION = /@.*(?:wrote|schrieb|a ecrit|escribio|schreef|ha scritto|escreveu)[^:]*:$/;
const ATTRIBUTION_EVIDENCE = /[\d@]/;
/**
 * Quote headers are short; longer lines are the sender's paragraphs, and are not run through the
 * patterns above, whose backtracking grows with the square of the length.
 */
const MAX_HEADER_LINE = 400;
/** Outlook's quoted header block: `From:` then `Sent:`/`Date:` and `Subject:`, in the usual languages. */
const HEADER_FROM = /^\*?(?:from|von|de|van|da)\s*:/;
const HEADER_DATE =
  /^\*?(?:sent|date|gesendet|datum|envoye|date d'envoi|enviado(?: el)?|fecha|verzonden|inviato|data)\s*:/;
const HEADER_SUBJECT = /^\*?(?:subject|betreff|objet|asunto|onderwerp|oggetto|assunto)\s*:/;
/** The same block squeezed onto one line, as some HTML-to-text conversions leave it. */
const HEADER_BLOCK_ONE_LINE =
  /^\*?(?:from|von|de|van)\s*:.+\s(?:sent|gesendet|envoye|enviado|verzonden)\s*:.+\s(?:to|an|a|para|aan)\s*:/;
const RULE_LINE = /^\s*(?:_{5,}|-{5,}|={5,})\s*$/;

function isAttributionAt(folded: readonly string[], index: number, span: number): boolean {
  const parts = folded.slice(index, index + span);
  // A wrapped attribution continues on the very next lines, never across a blank or quoted one.
  if (parts.slice(1).some((part) => part === '' || QUOTED_LINE.test(part))) return false;
  const joined = parts.join(' ').replace(/\s+/g, ' ').trim();
  if (joined.length > MAX_HEADER_LINE || !ATTRIBUTION_EVIDENCE.test(joined)) return false;
  return ATTRIBUTION.test(joined) || (span === 1 && ADDRESS_ATTRIBUTION.test(joined));
}

function isHeaderBlockAt(folded: readonly string[], index: number): boolean {
  const line = folded[index] ?? '';
  if (line.length > 2 * MAX_HEADER_LINE) return false;
  if (HEADER_BLOCK_ONE_LINE.test(line)) return true;
  if (!HEADER_FROM.test(line)) return false;
  const following = folded.slice(index + 1, index + 7);
  return (
    following.some((next) => HEADER_DATE.test(next)) && following.some((next) => HEADER_SUBJECT.test(next))
  );
}

/** Index of the first line of the quoted thread (a separator), or the line count when there is none. */
function quoteStart(lines: readonly string[]): number {
  const folded = lines.map((line) => fold(line).trim());
  for (let index = 0; index < folded.length; index++) {
    const line = folded[index] ?? '';
    if (line === '' || QUOTED_LINE.test(line)) continue;
    if (MESSAGE_RULE.test(line) || FORWARD_INTRO.test(line) || SIGNATURE_RULE.test(line)) return index;
    if (isHeaderBlockAt(folded, index)) return index;
    // Clients wrap long attribution lines (Gmail's plain text does), so up to three lines are joined;
    // a shorter attribution starting on a later line wins, so the line above it stays the sender's.
    for (let span = 1; span <= 3 && index + span <= folded.length; span++) {
      if (!isAttributionAt(folded, index, span)) continue;
      const laterStart = span > 1 && isAttributionAt(folded, index + 1, span - 1);
      if (!laterStart) return index;
    }
  }
  return folded.length;
}

/**
 * The text the sender wrote: everything above the quoted thread (cut at the first `On ... wrote:`,
 * `Am ... schrieb ...:`, `-----Original Message-----`, Outlook `From:/Sent:/Subject:` block, forwarded
 * message or signature delimiter), without `>` quoted lines (so inline answers between quotes stay).
 */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, quoteStart(lines)).filter((line) => !QUOTED_LINE.test(line));
  while (kept.length > 0 && (kept.at(-1)?.trim() === '' || RULE_LINE.test(kept.at(-1) ?? ''))) kept.pop();
  while (kept.length > 0 && kept[0]?.trim() === '') kept.shift();
  return kept.map((line) => line.trimEnd()).join('\n');
}
