/** Parsing raw inbound messages into the fields classification reads, on realistic client samples. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../lambdas/adapters/mime';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../fixtures/mime/${name}`, import.meta.url));

const ROOT_ID = '<0100018e-aaaa@email.amazonses.com>';
const SECOND_ID = '<0100018e-cccc@email.amazonses.com>';

describe('parseEmail', () => {
  it('reads a Gmail reply: ids, addresses, date and the plain-text part of multipart/alternative', async () => {
    // Act
    const email = await parseEmail(fixture('gmail-reply.eml'));

    // Assess
    expect(email.messageId).toBe('<CAF3x+Yq9k2P1aB7vT0wQ@mail.gmail.com>');
    expect(email.inReplyTo).toBe(ROOT_ID);
    expect(email.references).toEqual([ROOT_ID]);
    expect(email.from).toEqual({ address: 'jordan.lee@fabrikam.example', name: 'Jordan Lee' });
    expect(email.to).toEqual([{ address: 'maya@contoso.example', name: 'Maya Chen' }]);
    expect(email.cc).toEqual([{ address: 'priya.patel@fabrikam.example', name: 'Priya Patel' }]);
    expect(email.subject).toBe("Re: Quick question about Fabrikam's onboarding");
    expect(email.date?.toISOString()).toBe('2026-03-03T14:41:07.000Z');
    // Quoted-printable UTF-8 decoded (the em dash), and the text part used, not the HTML.
    expect(email.text).toContain('Thanks for reaching out — yes, happy to talk.');
    expect(email.text).toContain('> If you\'d rather not hear from me, just reply "unsubscribe".');
    expect(email.html).toContain('class="gmail_quote"');
    expect(email.headers).toEqual({
      'content-type': 'multipart/alternative; boundary="000000000000b1f2e7064c5a7d21"',
    });
    expect(email.deliveryStatus).toBeUndefined();
  });

  it('makes the text of an HTML-only Outlook reply from its HTML, one line per Outlook header line', async () => {
    // Act
    const email = await parseEmail(fixture('outlook-reply.eml'));

    // Assess
    expect(email.references).toEqual([ROOT_ID, SECOND_ID]);
    expect(email.inReplyTo).toBe(SECOND_ID);
    // A quoted display name with a comma, and the address lower-cased.
    expect(email.from).toEqual({ address: 'jordan.lee@fabrikam.example', name: 'Lee, Jordan' });
    expect(email.html).toContain('<b>From:</b>');
    expect(email.text).toContain('Could you send over pricing for 50 seats? We’d want to start in April.');
    expect(email.text).toMatch(
      /^From: Maya Chen <maya@contoso\.example>\s*\nSent: Tuesday, March 3, 2026 10:02 AM$/m,
    );
    expect(email.text).not.toContain('MsoNormal');
    expect(email.text).not.toMatch(/<\/?(?:p|div|b|o:p|style)\b/);
    expect(email.headers['content-type']).toBe('text/html; charset="utf-8"');
  });

  it('keeps the auto-reply headers classification reads, and none it does not', async () => {
    // Act
    const email = await parseEmail(fixture('ooo-auto-replied.eml'));

    // Assess
    expect(email.headers).toEqual({
      'auto-submitted': 'auto-replied',
      'x-auto-response-suppress': 'All',
      // Exchange marks what an inbox rule or the out-of-office assistant generated.
      'x-ms-exchange-inbox-rules-loop': 'jordan.lee@fabrikam.example',
      // The language the notice is written in: return dates are read by it.
      'content-language': 'en-US',
      'content-type': 'text/plain; charset="us-ascii"',
      // Bounce reading tells an empty `<>` sender from a person's.
      'return-path': '<jordan.lee@fabrikam.example>',
    });
    expect(email.date?.toISOString()).toBe('2026-03-04T13:15:00.000Z');
  });

  it('decodes an ISO-8859-1 encoded-word subject and a quoted-printable Latin-1 body', async () => {
    // Act
    const email = await parseEmail(fixture('ooo-german.eml'));

    // Assess
    expect(email.subject).toBe('Abwesenheitsnotiz: AW: Kurze Frage zur Einführung');
    expect(email.text).toContain('Ich bin bis zum 9. März nicht im Büro und habe nur eingeschränkt Zugriff');
    expect(email.text).toContain('In dringenden Fällen');
    expect(email.headers['auto-submitted']).toBeUndefined();
  });

  it('reads a bounce report: action, status, recipient, diagnostic and the bounced Message-ID', async () => {
    // Act
    const email = await parseEmail(fixture('bounce-dsn.eml'));

    // Assess
    expect(email.deliveryStatus).toEqual({
      action: 'failed',
      status: '5.1.1',
      finalRecipient: 'jordan.lee@fabrikam.example',
      diagnosticCode:
        '550 5.1.1 <jordan.lee@fabrikam.example>: Recipient address rejected: User unknown in virtual mailbox table',
      originalMessageId: SECOND_ID,
    });
    expect(email.from?.address).toBe('mailer-daemon@amazonses.com');
    // The machine-readable part stays out of the text a person would read.
    expect(email.text).toContain('An error occurred while trying to deliver the mail');
    expect(email.text).not.toContain('Reporting-MTA');
    expect(email.headers['content-type']).toMatch(/^multipart\/report; report-type=delivery-status;/);
  });

  it('reads the same message with CRLF line ends (as SES stores it) the same way', async () => {
    // Prepare
    const lf = fixture('bounce-dsn.eml').toString('utf8');

    // Act
    const fromLf = await parseEmail(lf);
    const fromCrlf = await parseEmail(lf.replace(/\n/g, '\r\n'));

    // Assess
    expect(fromCrlf.deliveryStatus).toEqual(fromLf.deliveryStatus);
    expect(fromCrlf.messageId).toBe(fromLf.messageId);
  });

  it('finds the bounced Message-ID in a returned message/rfc822 part, and picks the failed recipient', async () => {
    // Prepare
    const raw = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.fabrikam.example>',
      'To: maya@contoso.example',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Wed, 4 Mar 2026 09:12:03 +0000',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type="delivery-status"; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message to one of its recipients.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.fabrikam.example',
      '',
      'Final-Recipient: rfc822; priya.patel@fabrikam.example',
      'Action: delivered',
      'Status: 2.0.0',
      '',
      'Final-Recipient: rfc822; jordan+sales@fabrikam.example',
      'Original-Recipient: rfc822; jordan+2Bsales@fabrikam.example',
      'Action: failed',
      'Status: 4.4.7 (delivery time expired)',
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      'From: Maya Chen <maya@contoso.example>',
      'To: jordan+sales@fabrikam.example',
      'Subject: Quick question',
      `Message-ID: ${ROOT_ID}`,
      '',
      'Hi Jordan',
      '--b1--',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.deliveryStatus).toEqual({
      action: 'failed',
      status: '4.4.7',
      finalRecipient: 'jordan+sales@fabrikam.example',
      originalMessageId: ROOT_ID,
      // Every recipient, so the classifier can pick the lead's.
      recipients: [
        { action: 'delivered', status: '2.0.0', finalRecipient: 'priya.patel@fabrikam.example' },
        { action: 'failed', status: '4.4.7', finalRecipient: 'jordan+sales@fabrikam.example' },
      ],
    });
  });

  it('reads report fields from a report whose boundary never occurs, and a source-routed recipient', async () => {
    // Prepare: the whole body is preamble, which MIME parsing drops.
    const raw = [
      'From: Mail Delivery Subsystem <MAILER-DAEMON@mx.fabrikam.example>',
      'Subject: Returned mail',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="never-used"',
      '',
      'The following addresses had permanent fatal errors',
      '',
      'Final-Recipient: rfc822; @relay.fabrikam.example:jordan@mailhost',
      'Original-Recipient: rfc822; jordan.lee@fabrikam.example',
      'Action: failed',
      'Status: 5.2.0',
      '',
      'Message-ID: <ours@email.amazonses.com>',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.text).toContain('permanent fatal errors');
    expect(email.deliveryStatus).toEqual({
      action: 'failed',
      status: '5.2.0',
      finalRecipient: 'jordan@mailhost',
      originalRecipient: 'jordan.lee@fabrikam.example',
      originalMessageId: '<ours@email.amazonses.com>',
    });
  });

  it('reads a report returned inside another bounce, with the Message-ID of the message it returns', async () => {
    // Prepare: a relay passes on, as message/rfc822, the report it got.
    const raw = [
      'From: MAILER-DAEMON@relay.contoso.example',
      'Subject: Returned mail: User unknown',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: text/plain',
      '',
      'The following addresses had permanent delivery errors',
      '--outer',
      'Content-Type: message/rfc822',
      '',
      'From: MAILER-DAEMON@mx.fabrikam.example',
      'Message-ID: <inner-report@mx.fabrikam.example>',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="inner"',
      '',
      '--inner',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.fabrikam.example',
      '',
      'Final-Recipient: rfc822; jordan.lee@fabrikam.example',
      'Action: failed',
      'Status: 5.1.1',
      '',
      '--inner',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${ROOT_ID}`,
      'To: jordan.lee@fabrikam.example',
      '--inner--',
      '--outer--',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.deliveryStatus).toEqual({
      action: 'failed',
      status: '5.1.1',
      finalRecipient: 'jordan.lee@fabrikam.example',
      originalMessageId: ROOT_ID,
    });
  });

  it.each([
    ['a message/partial part', 'Content-Type: message/partial; id="p1"; number=1; total=2'],
    [
      'a text attachment holding the headers',
      'Content-Type: text/plain\r\nContent-Disposition: attachment; filename="headers.txt"',
    ],
  ])('finds the bounced Message-ID in %s', async (_case, partHeaders) => {
    // Prepare
    const raw = [
      'From: mailer-daemon',
      'Subject: There was an error sending your mail',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'SMTP Server rejected recipient <jordan.lee@fabrikam.example>: 550 5.1.1 User unknown',
      '--b',
      partHeaders,
      '',
      'To: jordan.lee@fabrikam.example',
      `Message-ID: ${ROOT_ID}`,
      '--b--',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.deliveryStatus?.originalMessageId).toBe(ROOT_ID);
  });

  it.each([
    ['shown inline', 'Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n'],
    [
      'attached after extra blank lines',
      'Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n',
    ],
  ])('finds the bounced Message-ID of a returned message %s', async (_case, partHeaders) => {
    // Prepare: an inline message is folded into the text without its Message-ID, and headers after a
    // second blank line are read as a body.
    const raw = [
      'From: MAILER-DAEMON@mx.fabrikam.example',
      'Subject: Undeliverable',
      'Message-ID: <bounce@mx.fabrikam.example>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Unable to deliver message to: <jordan.lee@fabrikam.example>: 550 user unknown',
      '--b',
      partHeaders,
      'From: Maya Chen <maya@contoso.example>',
      'To: jordan.lee@fabrikam.example',
      `Message-ID: ${ROOT_ID}`,
      'Subject: Quick question',
      '',
      'Hi Jordan',
      '--b--',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.deliveryStatus?.originalMessageId).toBe(ROOT_ID);
  });

  it('finds the bounced Message-ID quoted in a plain-text bounce, not the bounce’s own', async () => {
    // Prepare
    const raw = [
      'From: MAILER-DAEMON@mx.fabrikam.example',
      'Subject: failure notice',
      'Message-ID: <bounce@mx.fabrikam.example>',
      '',
      '<jordan.lee@fabrikam.example>: user unknown',
      '--- Below this line is a copy of the message.',
      'To: jordan.lee@fabrikam.example',
      'Message-ID: <ours@email.amazonses.com>',
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.deliveryStatus).toEqual({ originalMessageId: '<ours@email.amazonses.com>' });
  });

  it('flattens address groups, drops empty groups and reads encoded display names', async () => {
    // Prepare
    const raw = [
      'From: =?UTF-8?B?SsO8cmdlbiBNw7xsbGVy?= <juergen.mueller@beispiel-gmbh.example>',
      'To: Sales team: Maya Chen <maya@contoso.example>, sam@contoso.example;, undisclosed-recipients:;',
      'Cc: =?UTF-8?Q?Fran=C3=A7oise_Dupont?= <Francoise@Exemple.example>',
      'Subject: =?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_Re:_Question?=',
      'Date: Wed, 4 Mar 2026 09:12:03 +0100',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hallo',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.from).toEqual({ address: 'juergen.mueller@beispiel-gmbh.example', name: 'Jürgen Müller' });
    expect(email.to).toEqual([
      { address: 'maya@contoso.example', name: 'Maya Chen' },
      { address: 'sam@contoso.example', name: '' },
    ]);
    expect(email.cc).toEqual([{ address: 'francoise@exemple.example', name: 'Françoise Dupont' }]);
    expect(email.subject).toBe('Réponse automatique\u00a0: Re: Question');
  });

  it('leaves out what a message does not have instead of making it up', async () => {
    // Prepare: no From, Message-ID, references or body; a Date no one can read.
    const raw = ['To: maya@contoso.example', 'Date: sometime last week', 'X-Autoreply: yes', '', ''].join(
      '\r\n',
    );

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email).toEqual({
      references: [],
      to: [{ address: 'maya@contoso.example', name: '' }],
      cc: [],
      subject: '',
      text: '',
      headers: { 'x-autoreply': 'yes' },
    });
  });

  it.each([
    ['ISO-2022-JP', '1b2442254625392548 1b2842', 'テスト'],
    ['Shift_JIS', '8365835883 67', 'テスト'],
    ['GB2312', 'b2e2cad4', '测试'],
    ['KOI8-R', 'f4c5d3d4', 'Тест'],
    ['windows-1252', '4d fc 6c 6c 65 72 20 80', 'Müller €'],
  ])('decodes a %s body and subject with the platform’s decoders', async (charset, hex, expected) => {
    // Prepare
    const bytes = Buffer.from(hex.replace(/ /g, ''), 'hex');
    const raw = [
      'From: jordan.lee@fabrikam.example',
      `Subject: =?${charset}?B?${bytes.toString('base64')}?=`,
      `Content-Type: text/plain; charset=${charset}`,
      'Content-Transfer-Encoding: base64',
      '',
      bytes.toString('base64'),
      '',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.subject).toBe(expected);
    expect(email.text.trim()).toBe(expected);
  });

  it('joins format=flowed lines only within one quote depth, so a reply under a quote stays the reply', async () => {
    // Prepare: Thunderbird's flowed text; soft breaks end in a space (RFC 3676).
    const raw = [
      'From: Jordan Lee <jordan.lee@fabrikam.example>',
      'Subject: Re: Quick question',
      'Content-Type: text/plain; charset=utf-8; format=flowed',
      '',
      'On 04/03/2026 10:12, Maya Chen wrote:',
      '> Hi Jordan, just bringing this back to the top of your inbox. Any ',
      '> thoughts on a quick call? ',
      'Yes, Thursday works. Send me a ',
      'calendar invite.',
      '',
      '-- ',
      'Jordan',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.text.trim()).toBe(
      [
        'On 04/03/2026 10:12, Maya Chen wrote:',
        '> Hi Jordan, just bringing this back to the top of your inbox. Any thoughts on a quick call? ',
        'Yes, Thursday works. Send me a calendar invite.',
        '',
        '-- ',
        'Jordan',
      ].join('\n'),
    );
  });

  it('drops the space of a soft break with delsp=yes, and leaves fixed text alone', async () => {
    // Prepare
    const flowed = [
      'Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes',
      '',
      'Unsub ',
      'scribe me please',
    ].join('\r\n');
    // A bounce quoting the returned message's headers: a flowed Content-Type in the text, not its own.
    const quoting = [
      'Content-Type: text/plain',
      '',
      'Below this line is a copy of the message. ',
      'Content-Type: text/plain; charset=US-ASCII; format=flowed',
      '',
      'Nyaan',
    ].join('\r\n');

    // Act
    const fromFlowed = await parseEmail(flowed);
    const fromQuoting = await parseEmail(quoting);

    // Assess
    expect(fromFlowed.text.trim()).toBe('Unsubscribe me please');
    expect(fromQuoting.text).toContain(
      'Below this line is a copy of the message. \nContent-Type: text/plain; charset=US-ASCII; format=flowed\n',
    );
  });

  it('keeps the first value of a repeated header and a List-Id as written', async () => {
    // Prepare
    const raw = [
      'From: news@fabrikam.example',
      'Precedence: bulk',
      'Precedence: list',
      'List-Id: Fabrikam News <news.fabrikam.example>',
      'Auto-Submitted: auto-generated',
      'Subject: March news',
      '',
      'News',
    ].join('\r\n');

    // Act
    const email = await parseEmail(raw);

    // Assess
    expect(email.headers).toEqual({
      precedence: 'bulk',
      'list-id': 'Fabrikam News <news.fabrikam.example>',
      'auto-submitted': 'auto-generated',
    });
  });
});
