import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../../../lambdas/core/errors';
import { type RenderedEmail, renderEmailStep } from '../../../../lambdas/core/rendering/render-email';
import {
  assertSesHeaders,
  type EmailThread,
  MAX_SES_HEADER_VALUE,
  referencesValue,
  replyHeaders,
  replySubject,
  SES_ALLOWED_HEADERS,
} from '../../../../lambdas/core/rendering/threading';
import type { MessageStep } from '../../../../lambdas/core/sequences';
import { assistant, custom, emailMessage, fullLead, generated, org } from './fixtures';

const sesId = (n: number) => `<0100018e-${String(n).padStart(4, '0')}-4c1d@email.amazonses.com>`;
const header = (email: RenderedEmail, name: string) => email.headers.find((h) => h.name === name)?.value;

describe('a five-step standard sequence', () => {
  it('opens the thread at step 0 and replies in it at every later step', () => {
    // Prepare: a custom first e-mail, then four generated follow-ups; SES ids as the send engine records them.
    const steps: MessageStep[] = [
      custom('msg-intro', 0),
      generated('gentle'),
      generated('curious'),
      generated('hopeful'),
      generated('candid'),
    ];
    const intro = emailMessage(
      'msg-intro',
      'Closing the books faster at {{lead.company}}',
      '<p>Hi {{lead.firstName}},</p><p>Intro.</p>',
    );
    const sequence = { id: 'seq-5', type: 'standard' as const, stepCount: steps.length };
    const emails: RenderedEmail[] = [];
    let thread: EmailThread | undefined;

    // Act
    steps.forEach((step, stepIndex) => {
      const email = renderEmailStep({
        lead: fullLead,
        org,
        assistant,
        sequence,
        stepIndex,
        step,
        ...(stepIndex === 0 ? { customMessage: intro } : {}),
        ...(thread === undefined ? {} : { thread }),
      });
      emails.push(email);
      thread =
        thread === undefined
          ? {
              rootSubject: email.subject,
              rootMessageId: sesId(0),
              laterMessageIds: [],
              firstEmail: {
                html: email.quotableHtml,
                sentAt: '2026-03-02T14:00:00Z',
                sender: 'Maya Chen <maya@contoso.example>',
              },
            }
          : { ...thread, laterMessageIds: [...thread.laterMessageIds, sesId(stepIndex)] };
    });

    // Assess
    expect(emails.map((email) => email.subject)).toEqual([
      'Closing the books faster at Fabrikam',
      'Re: Closing the books faster at Fabrikam',
      'Re: Closing the books faster at Fabrikam',
      'Re: Closing the books faster at Fabrikam',
      'Re: Closing the books faster at Fabrikam',
    ]);
    expect(emails.map((email) => email.opensThread)).toEqual([true, false, false, false, false]);
    expect(emails.map((email) => header(email, 'In-Reply-To'))).toEqual([
      undefined,
      sesId(0),
      sesId(1),
      sesId(2),
      sesId(3),
    ]);
    expect(emails.map((email) => header(email, 'References'))).toEqual([
      undefined,
      sesId(0),
      `${sesId(0)} ${sesId(1)}`,
      `${sesId(0)} ${sesId(1)} ${sesId(2)}`,
      `${sesId(0)} ${sesId(1)} ${sesId(2)} ${sesId(3)}`,
    ]);
    expect(emails.map((email) => email.variantId?.replace(/-\d+$/, ''))).toEqual([
      undefined,
      'gentle-followup',
      'curious-followup',
      'hopeful-followup',
      'candid-last',
    ]);
  });
});

describe('an Email CC sequence', () => {
  const userThread: EmailThread = {
    rootSubject: 'RE: Re: Pricing for Fabrikam',
    rootMessageId: '<CAF=x1+Yq@mail.gmail.com>',
    laterMessageIds: [],
    firstEmail: {
      html: '<p>Hi Ana, as promised, our pricing is attached.</p>',
      sentAt: '2026-03-02T14:00:00Z',
      sender: 'Sam Lee <sam@contoso.example>',
    },
    cc: [
      'Priya <priya@fabrikam.example>',
      'maya@contoso.example',
      'ANA.SOUZA@fabrikam.example',
      'priya@fabrikam.example',
      'Joe <joe@contoso.example>',
    ],
  };
  const render = (stepIndex: number, thread?: EmailThread) =>
    renderEmailStep({
      lead: fullLead,
      org,
      assistant,
      sequence: { id: 'seq-cc', type: 'email_cc', stepCount: 5 },
      stepIndex,
      step: generated('gentle'),
      ...(thread === undefined ? {} : { thread }),
    });

  it("replies under the user's own e-mail, keeping its other recipients on CC", () => {
    // Act
    const email = render(1, userThread);

    // Assess
    expect(email.subject).toBe('Re: Pricing for Fabrikam');
    expect(header(email, 'In-Reply-To')).toBe('<CAF=x1+Yq@mail.gmail.com>');
    expect(header(email, 'References')).toBe('<CAF=x1+Yq@mail.gmail.com>');
    expect(email.cc).toEqual(['Priya <priya@fabrikam.example>', 'Joe <joe@contoso.example>']);
    expect(email.to).toBe('"Ana Souza" <ana.souza@fabrikam.example>');
    expect(email.from).toBe('"Maya Chen" <maya@contoso.example>');
  });

  it("quotes the user's e-mail in the lead's time zone", () => {
    // Act
    const email = render(2, { ...userThread, laterMessageIds: [sesId(1)] });

    // Assess: 14:00 UTC is 11:00 in São Paulo.
    expect(email.text).toContain(
      'On Mon, Mar 2, 2026 at 11:00 AM, Sam Lee <sam@contoso.example> wrote:\n\n> Hi Ana, as promised',
    );
    expect(header(email, 'In-Reply-To')).toBe(sesId(1));
    expect(header(email, 'References')).toBe(`<CAF=x1+Yq@mail.gmail.com> ${sesId(1)}`);
  });

  it("never sends step 0, which stands for the user's e-mail, and needs the thread", () => {
    // Act / Assess
    expect(() => render(0, userThread)).toThrow(UnprocessableError);
    expect(() => render(1)).toThrow(/thread is required/);
  });
});

describe('replySubject', () => {
  it('adds exactly one Re:', () => {
    // Act / Assess
    expect(replySubject('Pricing')).toBe('Re: Pricing');
    expect(replySubject('Re: Pricing')).toBe('Re: Pricing');
    expect(replySubject('RE: re:Re [2]: Pricing ')).toBe('Re: Pricing');
    expect(replySubject('Regarding pricing')).toBe('Re: Regarding pricing');
  });
});

describe('References', () => {
  it('keeps the root and the most recent ids within 870 characters', () => {
    // Prepare: 40 ids of ~46 characters, far beyond the limit together.
    const later = Array.from({ length: 40 }, (_, n) => sesId(n + 1));

    // Act
    const value = referencesValue(sesId(0), later);

    // Assess
    const ids = value.split(' ');
    expect(value.length).toBeLessThanOrEqual(MAX_SES_HEADER_VALUE);
    expect(ids[0]).toBe(sesId(0));
    expect(ids.slice(1)).toEqual(later.slice(later.length - (ids.length - 1)));
    expect(ids.length).toBe(Math.floor((MAX_SES_HEADER_VALUE + 1) / (sesId(0).length + 1)));
  });

  it('is always SES-valid, whatever the thread', () => {
    const idArb = fc
      .tuple(fc.stringMatching(/^[A-Za-z0-9.+=_-]{1,80}$/), fc.stringMatching(/^[a-z0-9.-]{1,40}$/))
      .map(([local, domain]) => `<${local}@${domain}>`);

    fc.assert(
      fc.property(idArb, fc.array(idArb, { maxLength: 60 }), (root, later) => {
        // Act
        const headers = replyHeaders({ rootMessageId: root, laterMessageIds: later });

        // Assess
        expect(() => assertSesHeaders(headers)).not.toThrow();
        for (const { name, value } of headers) {
          expect(SES_ALLOWED_HEADERS).toContain(name);
          expect(value.length).toBeLessThanOrEqual(MAX_SES_HEADER_VALUE);
        }
        const references = headers.find((h) => h.name === 'References')?.value.split(' ') ?? [];
        expect(references[0]).toBe(root);
        expect(references.at(-1)).toBe(later.at(-1) ?? root);
        expect(headers.find((h) => h.name === 'In-Reply-To')?.value).toBe(later.at(-1) ?? root);
      }),
    );
  });

  it('refuses a malformed Message-ID', () => {
    // Act / Assess
    expect(() => replyHeaders({ rootMessageId: 'not-an-id', laterMessageIds: [] })).toThrow(
      /not a Message-ID/,
    );
    expect(() => replyHeaders({ rootMessageId: '<a@b>', laterMessageIds: ['<x y@z>'] })).toThrow(
      UnprocessableError,
    );
  });
});

describe('assertSesHeaders', () => {
  it.each(['Message-ID', 'From', 'To', 'Subject', 'Reply-To', 'Date', 'Content-Type', 'X-Custom'])(
    'refuses %s, which SES sets itself or does not accept here',
    (name) => {
      // Act / Assess
      expect(() => assertSesHeaders([{ name, value: 'x' }])).toThrow(UnprocessableError);
    },
  );

  it('refuses values SES would reject: too long, non-ASCII or multi-line', () => {
    // Act / Assess
    expect(() => assertSesHeaders([{ name: 'References', value: `<${'a'.repeat(870)}@b>` }])).toThrow();
    expect(() => assertSesHeaders([{ name: 'References', value: '<é@b>' }])).toThrow();
    expect(() => assertSesHeaders([{ name: 'In-Reply-To', value: '<a@b>\r\nBcc: x@y' }])).toThrow();
    expect(() => assertSesHeaders([{ name: 'In-Reply-To', value: '' }])).toThrow();
    expect(() =>
      assertSesHeaders([{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' }]),
    ).not.toThrow();
  });
});
