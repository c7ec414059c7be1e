/** Finding what the sender wrote above the quoted thread, across mail clients and languages. */
import { describe, expect, it } from 'vitest';
import { stripQuotedReply } from '../../../../lambdas/core/inbound';

const lines = (...text: string[]) => text.join('\n');

describe('stripQuotedReply', () => {
  it.each([
    [
      'Gmail, attribution wrapped over two lines',
      lines(
        'Sounds good, Thursday works.',
        '',
        'On Tue, 3 Mar 2026 at 10:02, Maya Chen <maya@contoso.example>',
        'wrote:',
        '',
        '> Would a call make sense?',
      ),
    ],
    [
      'Gmail HTML converted: attribution on one line, blockquote as > lines',
      lines(
        'Sounds good, Thursday works.',
        'On Tue, 3 Mar 2026 at 10:02, Maya Chen <maya@contoso.example> wrote:',
        '> Would a call make sense?',
      ),
    ],
    [
      'Apple Mail',
      lines(
        'Sounds good, Thursday works.',
        '',
        'On 3 Mar 2026, at 10:02, Maya Chen <maya@contoso.example> wrote:',
        '',
        'Would a call make sense?',
      ),
    ],
    [
      'Outlook plain text',
      lines(
        'Sounds good, Thursday works.',
        '',
        '-----Original Message-----',
        'From: Maya Chen <maya@contoso.example>',
        'Would a call make sense? Reply "unsubscribe" to stop.',
      ),
    ],
    [
      'Outlook header block under a rule',
      lines(
        'Sounds good, Thursday works.',
        '',
        '________________________________',
        'From: Maya Chen <maya@contoso.example>',
        'Sent: Tuesday, March 3, 2026 10:02 AM',
        'To: Jordan Lee <jordan.lee@fabrikam.example>',
        'Subject: Quick question',
        '',
        'Would a call make sense?',
      ),
    ],
    [
      'Outlook header block on one line',
      lines(
        'Sounds good, Thursday works.',
        'From: Maya Chen <maya@contoso.example> Sent: Tuesday, March 3, 2026 10:02 AM To: Jordan Lee Subject: Quick question',
        'Would a call make sense?',
      ),
    ],
    [
      'German Gmail',
      lines(
        'Sounds good, Thursday works.',
        '',
        'Am Di., 3. März 2026 um 10:02 Uhr schrieb Maya Chen <maya@contoso.example>:',
        '> Hätten Sie Zeit?',
      ),
    ],
    [
      'German Thunderbird',
      lines(
        'Sounds good, Thursday works.',
        '',
        'Am 03.03.2026 um 10:02 schrieb Maya Chen:',
        '> Hätten Sie Zeit?',
      ),
    ],
    [
      'German Outlook block',
      lines(
        'Sounds good, Thursday works.',
        '',
        'Von: Maya Chen <maya@contoso.example>',
        'Gesendet: Dienstag, 3. März 2026 10:02',
        'An: Jonas Weber <jonas.weber@beispiel-gmbh.example>',
        'Betreff: Kurze Frage',
        '',
        'Hätten Sie Zeit?',
      ),
    ],
    [
      'French Gmail',
      lines(
        'Sounds good, Thursday works.',
        '',
        'Le mar. 3 mars 2026 à 10:02, Maya Chen <maya@contoso.example> a écrit :',
        '> Auriez-vous un moment ?',
      ),
    ],
    [
      'French Outlook block',
      lines(
        'Sounds good, Thursday works.',
        'De : Maya Chen <maya@contoso.example>',
        'Envoyé : mardi 3 mars 2026 10:02',
        'À : Claire Martin <claire@exemple.example>',
        'Objet : Petite question',
      ),
    ],
    [
      'Spanish Gmail',
      lines(
        'Sounds good, Thursday works.',
        '',
        'El mar, 3 mar 2026 a las 10:02, Maya Chen (<maya@contoso.example>) escribió:',
        '> ¿Tendría un momento?',
      ),
    ],
    [
      'Dutch Gmail',
      lines(
        'Sounds good, Thursday works.',
        '',
        'Op di 3 mrt 2026 om 10:02 schreef Maya Chen <maya@contoso.example>:',
        '> Heeft u even tijd?',
      ),
    ],
    [
      'a forwarded message',
      lines('Sounds good, Thursday works.', '', '---------- Forwarded message ---------', 'From: Maya'),
    ],
    [
      'Apple Mail forward',
      lines('Sounds good, Thursday works.', '', 'Begin forwarded message:', '', 'From: Maya'),
    ],
    [
      'a signature delimiter',
      lines(
        'Sounds good, Thursday works.',
        '-- ',
        'Jordan Lee | Fabrikam',
        'Manage preferences or unsubscribe',
      ),
    ],
  ])('keeps only the new text above a quote: %s', (_client, text) => {
    // Act
    const stripped = stripQuotedReply(text);

    // Assess
    expect(stripped).toBe('Sounds good, Thursday works.');
  });

  it('keeps answers written between quoted lines, and drops the quoted lines', () => {
    // Prepare
    const text = lines('> Would Thursday work?', 'Yes, 2pm.', '>', '> Or Friday?', 'Friday is out.', '');

    // Act
    const stripped = stripQuotedReply(text);

    // Assess
    expect(stripped).toBe(lines('Yes, 2pm.', 'Friday is out.'));
  });

  it('keeps the line above a wrapped attribution that itself starts with "On"', () => {
    // Prepare
    const text = lines(
      'On pricing: 50 seats, starting in April.',
      'On Tue, 3 Mar 2026 at 10:02, Maya Chen <maya@contoso.example>',
      'wrote:',
      '> Any thoughts?',
    );

    // Act
    const stripped = stripQuotedReply(text);

    // Assess
    expect(stripped).toBe('On pricing: 50 seats, starting in April.');
  });

  it('does not cut at a sentence of the sender that only looks like an attribution', () => {
    // Prepare: no date or address in it, so not a client's quote header.
    const text = lines('On reflection, here is what my CFO wrote:', 'We need it by April.');

    // Act
    const stripped = stripQuotedReply(text);

    // Assess
    expect(stripped).toBe(text);
  });

  it('returns a message without a quote as it is, CRLF line ends and surrounding blank lines aside', () => {
    // Prepare
    const text = '\r\nHi Maya,\r\n\r\nDoes Thursday work?\r\n\r\n';

    // Act
    const stripped = stripQuotedReply(text);

    // Assess
    expect(stripped).toBe('Hi Maya,\n\nDoes Thursday work?');
  });

  it('returns nothing for a reply that is only the quote', () => {
    // Act
    const stripped = stripQuotedReply(
      lines('On Tue, 3 Mar 2026 at 10:02, Maya <maya@contoso.example> wrote:', '> Hi'),
    );

    // Assess
    expect(stripped).toBe('');
  });
});
