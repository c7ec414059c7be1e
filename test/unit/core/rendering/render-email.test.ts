import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../../../lambdas/core/errors';
import { MissingFieldsError } from '../../../../lambdas/core/rendering/personalize';
import {
  formatAddress,
  previewMessageId,
  previewThread,
  type RenderEmailInput,
  renderEmailStep,
} from '../../../../lambdas/core/rendering/render-email';
import { MAX_SES_HEADER_VALUE, SES_ALLOWED_HEADERS } from '../../../../lambdas/core/rendering/threading';
import type { MessageStep } from '../../../../lambdas/core/sequences';
import {
  assistant,
  bareLead,
  custom,
  emailMessage,
  fullLead,
  generated,
  leadArb,
  org,
  toneArb,
} from './fixtures';

const thread = {
  rootSubject: 'Closing the books faster',
  rootMessageId: '<root-1@email.amazonses.com>',
  laterMessageIds: ['<later-1@email.amazonses.com>'],
  firstEmail: {
    html: '<p>Hi Ana,</p><p>The first e-mail.</p>',
    sentAt: '2026-03-02T14:00:00.000Z',
    sender: 'Maya Chen <maya@contoso.example>',
  },
};

const followup = (overrides: Partial<RenderEmailInput> = {}): RenderEmailInput => ({
  lead: fullLead,
  org,
  assistant,
  sequence: { id: 'seq-1', type: 'standard', stepCount: 5 },
  stepIndex: 2,
  step: generated('curious'),
  thread,
  ...overrides,
});

const unsubscribe = {
  url: 'https://app.example/unsubscribe?t=abc123',
  mailto: 'unsubscribe+abc123@app.example',
};

describe('renderEmailStep', () => {
  it('renders a follow-up: body, signature, unsubscribe footer and the quoted first e-mail', () => {
    // Act
    const email = renderEmailStep(followup({ unsubscribe }));

    // Assess
    expect(email.headers).toEqual([
      { name: 'In-Reply-To', value: '<later-1@email.amazonses.com>' },
      { name: 'References', value: '<root-1@email.amazonses.com> <later-1@email.amazonses.com>' },
      {
        name: 'List-Unsubscribe',
        value: '<mailto:unsubscribe+abc123@app.example>, <https://app.example/unsubscribe?t=abc123>',
      },
      { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(email.html).toMatchInlineSnapshot(`
      "<p>Ana,</p>
      <p>Out of curiosity, is there a better time of year for us to talk, or is this simply not a priority?</p>
      <p>Best,</p>
      <div><p>Maya Chen<br />Account Executive, Contoso</p></div>
      <p style="font-size:12px;color:#6b7280">If you'd rather not hear from me again, <a href="https://app.example/unsubscribe?t=abc123">unsubscribe here</a>.</p>
      <div>
      <p>On Mon, Mar 2, 2026 at 11:00 AM, Maya Chen &lt;maya@contoso.example&gt; wrote:</p>
      <blockquote style="margin:0 0 0 0.8ex;border-left:1px solid #cccccc;padding-left:1ex"><p>Hi Ana,</p><p>The first e-mail.</p></blockquote>
      </div>"
    `);
    expect(email.text).toMatchInlineSnapshot(`
      "Ana,

      Out of curiosity, is there a better time of year for us to talk, or is this
      simply not a priority?

      Best,

      Maya Chen
      Account Executive, Contoso

      If you'd rather not hear from me again, unsubscribe here
      [https://app.example/unsubscribe?t=abc123].

      On Mon, Mar 2, 2026 at 11:00 AM, Maya Chen <maya@contoso.example> wrote:

      > Hi Ana,
      > 
      > The first e-mail."
    `);
  });

  it('leaves the quote out when the assistant turned it off', () => {
    // Act
    const email = renderEmailStep(followup({ assistant: { ...assistant, includeFirstEmail: false } }));

    // Assess
    expect(email.html).not.toContain('<blockquote');
    expect(email.text).not.toContain('wrote:');
  });

  it('writes a lead with nothing but a first name a first e-mail that needs nothing else', () => {
    // Act
    const email = renderEmailStep(
      followup({ lead: bareLead, org: {}, stepIndex: 0, step: generated('gentle', 0), thread: undefined }),
    );

    // Assess
    expect({ subject: email.subject, text: email.text }).toMatchInlineSnapshot(`
      {
        "subject": "A quick hello",
        "text": "Hi Sam,

      I hope your week is off to a good start. I'm Maya Chen, and I'd love to learn
      a little about what you're working on and whether we might be able to help.

      If you're open to it, a short call whenever suits you would be lovely.

      Kind regards,

      Maya Chen
      Account Executive, Contoso",
      }
    `);
  });

  it("signs with the assistant's name when there is no signature", () => {
    // Act
    const email = renderEmailStep(
      followup({ assistant: { ...assistant, signatureHtml: '<script>x</script>' } }),
    );

    // Assess
    expect(email.quotableHtml).toMatch(/<div><p>Maya Chen<\/p><\/div>$/);
  });

  it('uses a custom message subject only when it opens the thread', () => {
    // Prepare
    const message = emailMessage('msg-1', 'A note for {{lead.company}}', '<p>Hello {{lead.firstName}}</p>');

    // Act
    const opening = renderEmailStep(
      followup({ stepIndex: 0, step: custom('msg-1', 0), customMessage: message, thread: undefined }),
    );
    const reply = renderEmailStep(followup({ step: custom('msg-1'), customMessage: message }));

    // Assess
    expect(opening.subject).toBe('A note for Fabrikam');
    expect(opening.variantId).toBeUndefined();
    expect(reply.subject).toBe('Re: Closing the books faster');
    expect(reply.html).toContain('<p>Hello Ana</p>');
  });

  it('sends a custom message in the lead’s language, replies keeping the thread’s subject', () => {
    // Prepare
    const own = emailMessage('msg-1', 'A note for {{lead.company}}', '<p>Hello {{lead.firstName}}</p>');
    const message = {
      ...own,
      email: {
        subject: 'A note for {{lead.company}}',
        html: '<p>Hello {{lead.firstName}}</p>',
        translations: {
          de: { subject: 'Eine Notiz für {{lead.company}}', body: '<p>Hallo {{lead.firstName}}</p>' },
        },
      },
    };
    const opening = (language: string | undefined) =>
      renderEmailStep(
        followup({
          stepIndex: 0,
          step: custom('msg-1', 0),
          customMessage: message,
          thread: undefined,
          ...(language !== undefined && { writing: { language, formality: 'formal' as const } }),
        }),
      );

    // Act
    const german = opening('de-AT');
    const spanish = opening('es');
    const unknown = opening(undefined);
    const reply = renderEmailStep(
      followup({
        step: custom('msg-1'),
        customMessage: message,
        writing: { language: 'de', formality: 'formal' },
      }),
    );

    // Assess
    expect(german).toMatchObject({ subject: 'Eine Notiz für Fabrikam', translation: 'de' });
    expect(german.html).toContain('<p>Hallo Ana</p>');
    expect(spanish.subject).toBe('A note for Fabrikam');
    expect(spanish.html).toContain('<p>Hello Ana</p>');
    expect(spanish.translation).toBeUndefined();
    expect(unknown.translation).toBeUndefined();
    expect(reply.subject).toBe('Re: Closing the books faster');
    expect(reply.html).toContain('<p>Hallo Ana</p>');
  });

  it('fails with every missing field, the address included', () => {
    // Prepare
    const message = emailMessage(
      'msg-1',
      'For {{lead.company}}',
      '<p>{{lead.industry}} and {{lead.company}}</p>',
    );
    const { email: _email, ...lead } = bareLead;

    // Act
    const render = () =>
      renderEmailStep(
        followup({ lead, stepIndex: 0, step: custom('msg-1', 0), customMessage: message, thread: undefined }),
      );

    // Assess
    expect(render).toThrow(MissingFieldsError);
    expect(render).toThrow(
      expect.objectContaining({ details: { missing: ['lead.company', 'lead.industry', 'lead.email'] } }),
    );
  });

  it('refuses steps it cannot send', () => {
    // Prepare
    const whatsapp: MessageStep = {
      afterDays: 1,
      channel: 'whatsapp',
      messageType: 'custom',
      messageId: 'wa-1',
    };

    // Act / Assess
    expect(() => renderEmailStep(followup({ step: whatsapp }))).toThrow(/not e-mail/);
    expect(() => renderEmailStep(followup({ step: custom('msg-9') }))).toThrow(
      /needs its custom message msg-9/,
    );
    expect(() => renderEmailStep(followup({ stepIndex: 5 }))).toThrow(UnprocessableError);
    expect(() =>
      renderEmailStep(followup({ unsubscribe: { url: 'http://insecure.example', mailto: 'x@y' } })),
    ).toThrow(/https/);
  });

  it('renders the same e-mail for the same inputs', () => {
    fc.assert(
      fc.property(leadArb, toneArb, fc.integer({ min: 0, max: 4 }), (lead, tone, stepIndex) => {
        // Prepare
        const input = followup({
          lead,
          step: generated(tone),
          stepIndex,
          ...(stepIndex === 0 ? { thread: undefined } : {}),
        });

        // Act / Assess
        expect(renderEmailStep(input)).toEqual(renderEmailStep(structuredClone(input)));
      }),
      { numRuns: 50 },
    );
  });

  it('leaves no {{ behind, escapes every value and only produces SES-allowed headers', () => {
    fc.assert(
      fc.property(
        leadArb,
        toneArb,
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.stringMatching(/^<[a-z0-9-]{1,120}@email\.amazonses\.com>$/), { maxLength: 30 }),
        (lead, tone, stepIndex, laterMessageIds) => {
          // Prepare: a name that would break out of HTML if it were not escaped.
          const hostile = { ...lead, firstName: `<script>&"'${lead.firstName}` };
          const input = followup({
            lead: hostile,
            step: generated(tone),
            stepIndex,
            unsubscribe,
            ...(stepIndex === 0 ? { thread: undefined } : { thread: { ...thread, laterMessageIds } }),
          });

          // Act
          const email = renderEmailStep(input);

          // Assess
          for (const part of [email.subject, email.html, email.text]) expect(part).not.toContain('{{');
          expect(email.html).not.toMatch(/<script/i);
          expect(email.html).toContain('&lt;script&gt;&amp;');
          expect(email.text).toContain(`<script>&"'`);
          for (const { name, value } of email.headers) {
            expect(SES_ALLOWED_HEADERS).toContain(name);
            expect(value.length).toBeLessThanOrEqual(MAX_SES_HEADER_VALUE);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('formatAddress', () => {
  it('quotes ASCII names and encodes the rest as RFC 2047 words', () => {
    // Act / Assess
    expect(formatAddress('Maya "MC" Chen', 'maya@contoso.example')).toBe(
      '"Maya \\"MC\\" Chen" <maya@contoso.example>',
    );
    expect(formatAddress('José Müller', 'jose@example.com')).toBe(
      '=?UTF-8?B?Sm9zw6kgTcO8bGxlcg==?= <jose@example.com>',
    );
    expect(formatAddress(' ', 'x@example.com')).toBe('x@example.com');
  });

  it('keeps every encoded word within 75 characters', () => {
    // Act
    const address = formatAddress('Zoë '.repeat(30), 'z@example.com');

    // Assess
    const words = address.replace(' <z@example.com>', '').split(' ');
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((word) => word.length <= 75 && /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/.test(word))).toBe(
      true,
    );
  });
});

describe('previewThread', () => {
  const steps: MessageStep[] = [
    custom('msg-intro', 0),
    generated('gentle'),
    generated('curious'),
    generated('candid'),
  ];
  const intro = emailMessage(
    'msg-intro',
    'Books at {{lead.company}}',
    '<p>Hi {{lead.firstName}}, the intro.</p>',
  );

  it('renders step N under the first e-mail step 0 would send the same lead', () => {
    // Act
    const email = previewThread({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', steps },
      stepIndex: 3,
      customMessages: new Map([[intro.id, intro]]),
      firstSentAt: '2026-03-02T14:00:00.000Z',
    });

    // Assess
    expect(email.subject).toBe('Re: Books at Fabrikam');
    expect(email.headers).toEqual([
      { name: 'In-Reply-To', value: previewMessageId(2) },
      { name: 'References', value: [0, 1, 2].map(previewMessageId).join(' ') },
    ]);
    expect(email.text).toContain(
      'On Mon, Mar 2, 2026 at 11:00 AM, Maya Chen <maya@contoso.example> wrote:\n\n> Hi Ana, the intro.',
    );
    expect(email.variantId).toMatch(/^candid-last-/);
  });

  it('quotes the opening e-mail in the language the lead got it in', () => {
    // Prepare
    const translated = {
      ...intro,
      email: {
        subject: 'Books at {{lead.company}}',
        html: '<p>Hi {{lead.firstName}}, the intro.</p>',
        translations: {
          de: { subject: 'Bücher bei {{lead.company}}', body: '<p>Hallo {{lead.firstName}}.</p>' },
        },
      },
    };

    // Act
    const email = previewThread({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', steps },
      stepIndex: 1,
      customMessages: new Map([[intro.id, translated]]),
      writing: { language: 'de', formality: 'formal' },
      firstSentAt: '2026-03-02T14:00:00.000Z',
    });

    // Assess
    expect(email.subject).toBe('Re: Bücher bei Fabrikam');
    expect(email.text).toContain('> Hallo Ana.');
  });

  it('renders step 0 itself as the opening e-mail', () => {
    // Act
    const email = previewThread({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-1', type: 'standard', steps },
      stepIndex: 0,
      customMessages: new Map([[intro.id, intro]]),
      firstSentAt: '2026-03-02T14:00:00.000Z',
    });

    // Assess
    expect(email.opensThread).toBe(true);
    expect(email.headers).toEqual([]);
  });

  it("hangs an Email CC preview under a stand-in for the user's e-mail", () => {
    // Act
    const email = previewThread({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-cc', type: 'email_cc', steps: [generated('candid', 0), generated('gentle', 3)] },
      stepIndex: 1,
      firstSentAt: '2026-03-02T14:00:00.000Z',
    });

    // Assess
    expect(email.subject).toBe('Re: Introduction');
    expect(email.headers[0]).toEqual({ name: 'In-Reply-To', value: previewMessageId(0) });
    expect(email.text).toContain('You wrote:');
  });
});
