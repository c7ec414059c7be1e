/** Which addresses a bounce says failed: what the engine looks leads up by when it cites no e-mail of ours. */
import { describe, expect, it } from 'vitest';
import { failedAddresses, type InboundEmail } from '../../../../lambdas/core/inbound';

const bounce = (overrides: Partial<InboundEmail> = {}): InboundEmail => ({
  references: [],
  from: { address: 'mailer-daemon@mx.fabrikam.example', name: 'Mail Delivery System' },
  to: [{ address: 'maya@assistants.contoso.example', name: '' }],
  cc: [],
  subject: 'Undelivered Mail Returned to Sender',
  text: '',
  headers: {},
  ...overrides,
});

describe('failedAddresses', () => {
  it('puts the report’s recipients first, then X-Failed-Recipients, then the addresses of the mail system’s words', () => {
    const email = bounce({
      deliveryStatus: {
        action: 'failed',
        finalRecipient: 'jordan@fabrikam.example',
        originalRecipient: 'j.lee@fabrikam.example',
        recipients: [
          { action: 'failed', finalRecipient: 'jordan@fabrikam.example' },
          { action: 'failed', finalRecipient: 'Kim@Fabrikam.example' },
        ],
      },
      headers: { 'x-failed-recipients': 'ops@fabrikam.example' },
      text: 'Delivery to <jordan@fabrikam.example> and <lee@fabrikam.example> failed: user unknown.',
    });

    expect(failedAddresses(email)).toEqual([
      'jordan@fabrikam.example',
      'j.lee@fabrikam.example',
      'kim@fabrikam.example',
      'ops@fabrikam.example',
      'lee@fabrikam.example',
    ]);
  });

  it('leaves out the returned message’s To and Cc when the mail system’s own words name an address', () => {
    const email = bounce({
      text: [
        '<colleague@fabrikam.example>: mailbox unavailable',
        '',
        '--- Below this line is a copy of the message.',
        'From: maya@assistants.contoso.example',
        'To: jordan@fabrikam.example',
        'Cc: colleague@fabrikam.example',
      ].join('\n'),
    });

    expect(failedAddresses(email)).toEqual(['colleague@fabrikam.example']);
  });

  it('falls back on the returned message when the mail system names no address (Error: no valid recipients)', () => {
    const email = bounce({
      from: { address: 'sysadmin@m01.mms.example', name: 'MMSC NDR Administrator' },
      text: [
        'Message could not be delivered to mobile.',
        'Error: No valid recipients for this MM',
        '',
        'Original Message:',
        'From: Maya <maya@assistants.contoso.example>',
        'To: 0000000000@mms.example',
      ].join('\n'),
    });

    expect(failedAddresses(email)).toEqual(['maya@assistants.contoso.example', '0000000000@mms.example']);
  });

  it('never names the bounce’s own sender, and stops at twenty addresses', () => {
    const many = Array.from({ length: 30 }, (_, index) => `user${index}@fabrikam.example`);
    const email = bounce({ text: ['mailer-daemon@mx.fabrikam.example', ...many].join('\n') });

    expect(failedAddresses(email)).toEqual(many.slice(0, 20));
  });
});
