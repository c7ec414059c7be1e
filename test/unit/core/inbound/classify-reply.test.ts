/** What an inbound e-mail means for a lead's follow-up: realistic samples, then the rules one by one. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../../lambdas/adapters/mime';
import {
  classifyReply,
  FREE_MAIL_DOMAINS,
  type InboundEmail,
  type InboundIntent,
  isAutoReply,
  isSameDomain,
  type ReplyContext,
} from '../../../../lambdas/core/inbound';
import { everyUnsubscribeFooter } from '../../../../lambdas/core/rendering/unsubscribe-footer';

const fixture = (name: string): Buffer =>
  readFileSync(new URL(`../../../fixtures/mime/${name}`, import.meta.url));

const ROOT_ID = '<0100018e-aaaa@email.amazonses.com>';
const SECOND_ID = '<0100018e-cccc@email.amazonses.com>';
const LEAD = 'jordan.lee@fabrikam.example';
const context: ReplyContext = {
  leadEmail: LEAD,
  threadMessageIds: [ROOT_ID, SECOND_ID],
  timezone: 'America/New_York',
};

/** A reply from the lead in the thread, to be varied per case. */
const reply = (overrides: Partial<InboundEmail> = {}): InboundEmail => ({
  messageId: '<reply-1@fabrikam.example>',
  inReplyTo: SECOND_ID,
  references: [ROOT_ID, SECOND_ID],
  from: { address: LEAD, name: 'Jordan Lee' },
  to: [{ address: 'maya@contoso.example', name: 'Maya Chen' }],
  cc: [],
  subject: "Re: Quick question about Fabrikam's onboarding",
  date: new Date('2026-03-04T13:15:00Z'),
  text: 'Thanks, Thursday works.',
  headers: {},
  ...overrides,
});

describe('classifyReply on real-looking messages', () => {
  it.each<[string, ReplyContext, InboundIntent]>([
    ['gmail-reply.eml', context, { kind: 'replied' }],
    // The quoted e-mail's footer says "unsubscribe"; only Jordan's own words count.
    ['outlook-reply.eml', context, { kind: 'replied' }],
    ['unsubscribe-reply.eml', context, { kind: 'unsubscribed' }],
    ['not-interested-reply.eml', context, { kind: 'not_interested' }],
    [
      'ooo-auto-replied.eml',
      context,
      // Monday 9 March, 00:00 in New York (daylight saving time began the day before).
      { kind: 'auto_reply', returnDate: new Date('2026-03-09T04:00:00Z') },
    ],
    [
      'ooo-german.eml',
      {
        leadEmail: 'jonas.weber@beispiel-gmbh.example',
        threadMessageIds: ['<0100018e-dddd@email.amazonses.com>'],
        timezone: 'Europe/Berlin',
      },
      { kind: 'auto_reply', returnDate: new Date('2026-03-08T23:00:00Z') },
    ],
    // An Exchange out-of-office in French without RFC 3834 or Exchange headers: its wording says it.
    ['ooo-exchange-french-no-date.eml', context, { kind: 'auto_reply' }],
    ['bounce-dsn.eml', context, { kind: 'bounce', permanent: true, recipient: LEAD }],
    // Office 365's report as SES's MAILER-DAEMON relays it: the lead is its Original-Recipient, the
    // mailbox it was routed to its Final-Recipient.
    [
      'o365-ndr-via-ses.eml',
      context,
      { kind: 'bounce', permanent: true, recipient: 'jordan.lee@fabrikam.mail.onmicrosoft.com' },
    ],
    // `Precedence: bulk`, and "within 24 hours" is when Maya hears back, not a return date.
    [
      'autoresponder-generic.eml',
      { ...context, receivedAt: new Date('2026-03-04T13:15:05Z') },
      { kind: 'auto_reply' },
    ],
  ])('%s', async (name, replyContext, expected) => {
    // Prepare
    const email = await parseEmail(fixture(name));

    // Act
    const intent = await classifyReply(email, replyContext);

    // Assess
    expect(intent).toEqual(expected);
  });

  it('reads the return date in UTC, from the Date header, when no zone or arrival time is given', async () => {
    // Prepare
    const email = await parseEmail(fixture('ooo-auto-replied.eml'));

    // Act
    const intent = await classifyReply(email, { leadEmail: LEAD, threadMessageIds: [ROOT_ID] });

    // Assess
    expect(intent).toEqual({ kind: 'auto_reply', returnDate: new Date('2026-03-09T00:00:00Z') });
  });

  it('takes an Exchange report for a bounce by X-MS-Exchange-Message-Is-Ndr, though a forwarding rule sent it on', async () => {
    // Prepare: the lead's Office 365 report, forwarded by a rule: no null sender, no report Content-Type.
    const raw = [
      'From: Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@contoso.example>',
      'To: maya@contoso.example',
      "Subject: Fw: Re: Quick question about Fabrikam's onboarding",
      'Date: Wed, 4 Mar 2026 09:14:05 +0000',
      'Message-ID: <fw-ndr-1@contoso.example>',
      'X-MS-Exchange-Message-Is-Ndr:',
      '',
      "Your message to jordan.lee@fabrikam.example couldn't be delivered.",
      "jordan.lee wasn't found at fabrikam.example.",
      "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
    ].join('\r\n');
    const email = await parseEmail(raw);

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(email.headers['x-ms-exchange-message-is-ndr']).toBe('');
    expect(intent).toEqual({ kind: 'bounce', permanent: true });
  });

  it('ignores a bounce of a message that is not in the thread', async () => {
    // Prepare
    const email = await parseEmail(fixture('bounce-dsn.eml'));

    // Act
    const intent = await classifyReply(email, { ...context, threadMessageIds: [ROOT_ID] });

    // Assess
    expect(intent).toEqual({ kind: 'ignore', reason: 'bounce_not_in_thread' });
  });
});

describe('classifyReply rules', () => {
  it.each<[string, Partial<InboundEmail>, InboundIntent]>([
    [
      'a colleague at the lead’s company answering in the thread',
      { from: { address: 'priya.patel@fabrikam.example', name: 'Priya' } },
      { kind: 'replied' },
    ],
    [
      'a colleague writing outside the thread',
      {
        from: { address: 'priya.patel@fabrikam.example', name: 'Priya' },
        inReplyTo: '<x@y>',
        references: [],
      },
      { kind: 'ignore', reason: 'not_in_thread' },
    ],
    [
      'the lead writing a new e-mail (not in the thread)',
      { inReplyTo: undefined, references: [], subject: 'Pricing?' },
      { kind: 'replied' },
    ],
    [
      'the salesperson replying all in the thread',
      { from: { address: 'sam@contoso.example', name: 'Sam' } },
      { kind: 'ignore', reason: 'other_sender' },
    ],
    ['a message without a sender', { from: undefined }, { kind: 'ignore', reason: 'no_sender' }],
    [
      'a list message from the lead’s address outside the thread',
      { inReplyTo: undefined, references: [], headers: { 'list-id': '<news.fabrikam.example>' } },
      { kind: 'ignore', reason: 'mailing_list' },
    ],
    [
      'the lead’s address in different case',
      { from: { address: 'Jordan.Lee@Fabrikam.example', name: '' }, text: 'No thanks.' },
      { kind: 'not_interested' },
    ],
    ['an SMS-style STOP', { text: 'STOP' }, { kind: 'unsubscribed' }],
    ['a new subject that says it', { subject: 'Unsubscribe', text: '' }, { kind: 'unsubscribed' }],
    [
      'unsubscribe wording in German',
      { text: 'Bitte melden Sie mich von Ihrem Verteiler ab – ich möchte keine weiteren E-Mails.' },
      { kind: 'unsubscribed' },
    ],
    ['"take me off your list"', { text: 'Please take me off your list.' }, { kind: 'unsubscribed' }],
    ['"stop emailing me"', { text: 'Stop emailing me.' }, { kind: 'unsubscribed' }],
    [
      'both: unsubscribing is the stronger wish',
      { text: 'Not interested. Remove me from your list.' },
      { kind: 'unsubscribed' },
    ],
    ['"kein Interesse"', { text: 'Danke, aber wir haben kein Interesse.' }, { kind: 'not_interested' }],
    ['"pas intéressé"', { text: 'Merci, mais nous ne sommes pas intéressés.' }, { kind: 'not_interested' }],
    ['"no nos interesa"', { text: 'Gracias, pero no nos interesa.' }, { kind: 'not_interested' }],
    ['"geen interesse"', { text: 'Bedankt, maar geen interesse.' }, { kind: 'not_interested' }],
    ['"we went with another vendor"', { text: 'We went with another vendor.' }, { kind: 'not_interested' }],
    ['a reply that only quotes', { text: '> Would a call make sense?' }, { kind: 'replied' }],
    [
      '"we decided to go ahead" is interest, not a no',
      { text: 'We decided to go ahead — send the contract.' },
      { kind: 'replied' },
    ],
  ])('%s', async (_case, overrides, expected) => {
    // Act
    const intent = await classifyReply(reply(overrides), context);

    // Assess
    expect(intent).toEqual(expected);
  });

  it('ignores another user of the lead’s free mail provider, even in the thread', async () => {
    // Prepare
    const email = reply({ from: { address: 'someone.else@gmail.com', name: '' } });

    // Act
    const intent = await classifyReply(email, { ...context, leadEmail: 'jordan.lee@gmail.com' });

    // Assess
    expect(intent).toEqual({ kind: 'ignore', reason: 'other_sender' });
  });

  it.each<[string, InboundEmail['deliveryStatus'], InboundIntent]>([
    [
      'a permanent failure',
      { action: 'failed', status: '5.1.1', finalRecipient: LEAD },
      { kind: 'bounce', permanent: true, recipient: LEAD },
    ],
    [
      'a failure after transient errors',
      { action: 'failed', status: '4.4.7', finalRecipient: LEAD },
      { kind: 'bounce', permanent: false, recipient: LEAD },
    ],
    ['a failure without recipient or status', { action: 'failed' }, { kind: 'bounce', permanent: true }],
    [
      'a delay notice',
      { action: 'delayed', status: '4.4.1', finalRecipient: LEAD },
      { kind: 'ignore', reason: 'delivery_delayed' },
    ],
    [
      'a delivery receipt',
      { action: 'delivered', status: '2.0.0', finalRecipient: LEAD },
      { kind: 'ignore', reason: 'delivery_report' },
    ],
    [
      'a failure for someone on CC',
      { action: 'failed', status: '5.1.1', finalRecipient: 'priya.patel@fabrikam.example' },
      { kind: 'ignore', reason: 'other_recipient_bounced' },
    ],
  ])('delivery report: %s', async (_case, deliveryStatus, expected) => {
    // Prepare: reports come from the remote server, not the lead, and are auto-submitted.
    const email = reply({
      from: { address: 'mailer-daemon@amazonses.com', name: '' },
      headers: { 'auto-submitted': 'auto-replied' },
      inReplyTo: undefined,
      references: [],
      deliveryStatus,
    });

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(intent).toEqual(expected);
  });

  it.each<[string, Partial<InboundEmail>, InboundIntent]>([
    [
      'reads only the lead’s section of a report on several recipients',
      {
        text: `The following addresses failed:\n"${LEAD}":\n5.2.1 <${LEAD}>... User Unknown\n"priya@fabrikam.example":\n5.2.2 <priya@fabrikam.example>... Mailbox Full`,
      },
      { kind: 'bounce', permanent: true },
    ],
    [
      'takes "user unknown" over a later timeout in the same transcript',
      {
        text: `>>> RCPT To:<${LEAD}>\n<<< 550 <${LEAD}>, User Unknown\n421 mx.fabrikam.example... Deferred: Connection timed out`,
      },
      { kind: 'bounce', permanent: true },
    ],
    [
      'reads a cause written above the address, and not the returned message',
      {
        text: `Delivery was aborted after 5.0 hour(s):\n  * ${LEAD}\nRouting: no gateway\n------- Returned Message --------\nSubject: user unknown`,
      },
      { kind: 'bounce', permanent: false },
    ],
    [
      'reads a full mailbox written without a space ("mailfolder")',
      { text: `<${LEAD}>:\nThe message could not be delivered because the user's mailfolder is full.` },
      { kind: 'bounce', permanent: false },
    ],
    [
      'ignores a warning that the server will retry',
      {
        subject: 'Mail Delivery Status Notification (Delay)',
        text: `THIS IS A WARNING MESSAGE ONLY.\n<${LEAD}>: Host not reachable.\nMessage will be retried for 4 more day(s)`,
      },
      { kind: 'ignore', reason: 'delivery_delayed' },
    ],
    [
      'takes a no-reply sender with a Japanese bounce subject for a bounce',
      {
        from: { address: 'no-reply@mail.fabrikam.example', name: '' },
        subject: 'メールエラー通知',
        text: `Could not be delivered to: <${LEAD}>\nAs their mailbox is full.`,
      },
      { kind: 'bounce', permanent: false },
    ],
    [
      'takes a no-reply sender under a null Return-Path for a bounce when its text says delivery failed',
      {
        from: { address: 'no-reply@mail.fabrikam.example', name: '' },
        subject: 'Mail',
        headers: { 'return-path': '<>' },
        text: `Your mail could not be delivered to: <${LEAD}>\nAs their mailbox is full.`,
      },
      { kind: 'bounce', permanent: false },
    ],
    [
      'ignores a warning by its subject',
      {
        subject: 'Warning: could not send message for past 4 hours',
        text: `<${LEAD}>: Connection timed out`,
      },
      { kind: 'ignore', reason: 'delivery_delayed' },
    ],
    [
      'does not read "delay" in the returned message as a delay warning',
      {
        text: `<${LEAD}>: 550 5.1.1 user unknown\n--- Below this line is a copy of the message.\nSubject: Sorry for the delay`,
      },
      { kind: 'bounce', permanent: true },
    ],
  ])('plain-text bounce: %s', async (_case, overrides, expected) => {
    // Prepare
    const email = reply({
      from: { address: 'mailer-daemon@mx.fabrikam.example', name: '' },
      subject: 'Undeliverable message',
      inReplyTo: undefined,
      references: [],
      ...overrides,
    });

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(intent).toEqual(expected);
  });

  it.each<[string, InboundEmail['deliveryStatus'], InboundIntent]>([
    [
      'the lead found by its original recipient among several',
      {
        action: 'failed',
        status: '5.1.1',
        finalRecipient: 'priya@fabrikam.example',
        recipients: [
          { action: 'failed', status: '5.1.1', finalRecipient: 'priya@fabrikam.example' },
          { action: 'failed', status: '5.2.2', finalRecipient: 'jordan@mailhost', originalRecipient: LEAD },
        ],
      },
      { kind: 'bounce', permanent: false, recipient: 'jordan@mailhost' },
    ],
    [
      'a specific transient code over address wording',
      {
        action: 'failed',
        status: '5.2.3',
        finalRecipient: LEAD,
        diagnosticCode: '552 5.2.3 Recipient address rejected: message length exceeds limit',
      },
      { kind: 'bounce', permanent: false, recipient: LEAD },
    ],
    [
      'a generic code that blames our sender, not the address',
      {
        action: 'failed',
        status: '5.1.0',
        finalRecipient: LEAD,
        diagnosticCode: '550 5.1.0 <x@amazonses.com> sender rejected',
      },
      { kind: 'bounce', permanent: false, recipient: LEAD },
    ],
    [
      'an "expired" action, which is a failure after retrying',
      { action: 'expired', finalRecipient: LEAD, diagnosticCode: 'Connection timed out' },
      { kind: 'bounce', permanent: false, recipient: LEAD },
    ],
  ])('delivery report, more: %s', async (_case, deliveryStatus, expected) => {
    // Prepare
    const email = reply({
      from: { address: 'mailer-daemon@amazonses.com', name: '' },
      inReplyTo: undefined,
      references: [],
      deliveryStatus,
    });

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(intent).toEqual(expected);
  });

  it('finds a plain-text bounce by the returned Message-ID in the thread, though the text names nobody', async () => {
    // Prepare
    const email = reply({
      from: { address: 'post_master@mx.fabrikam.example', name: '' },
      subject: 'Re: Quick question',
      text: 'Error: Invalid user address. 550 no such user here',
      inReplyTo: undefined,
      references: [],
      deliveryStatus: { originalMessageId: context.threadMessageIds[0] ?? '' },
    });

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(intent).toEqual({ kind: 'bounce', permanent: true });
  });

  it('takes a plain-text MAILER-DAEMON message naming the lead for a bounce, permanent on a 5.x.x status', async () => {
    // Prepare
    const email = reply({
      from: { address: 'mailer-daemon@mx.fabrikam.example', name: 'Mail Delivery System' },
      subject: 'Mail delivery failed: returning message to sender',
      text: `This message was created automatically by mail delivery software.\n\n  ${LEAD}\n    host mx.fabrikam.example: 550 5.1.1 No such user`,
      inReplyTo: undefined,
      references: [],
    });

    // Act
    const intent = await classifyReply(email, context);

    // Assess
    expect(intent).toEqual({ kind: 'bounce', permanent: true });
  });

  it('postpones on an auto-reply without a return date, and leaves the date out', async () => {
    // Act
    const intent = await classifyReply(
      reply({ headers: { 'x-autoreply': 'yes' }, text: 'Thanks, we will reply soon.' }),
      context,
    );

    // Assess
    expect(intent).toEqual({ kind: 'auto_reply' });
  });

  it('takes an auto-reply that quotes "unsubscribe" for an auto-reply', async () => {
    // Act
    const intent = await classifyReply(
      reply({
        subject: 'Out of Office: Re: Quick question',
        text: 'Out until March 9.\n\n> reply "unsubscribe" to stop',
      }),
      { ...context, receivedAt: new Date('2026-03-04T13:15:00Z') },
    );

    // Assess
    expect(intent).toEqual({ kind: 'auto_reply', returnDate: new Date('2026-03-09T04:00:00Z') });
  });
});

describe('classifyReply: return dates from the message', () => {
  const notice = (overrides: Partial<InboundEmail>) =>
    reply({
      subject: 'Automatic reply: Quick question',
      headers: { 'auto-submitted': 'auto-replied' },
      ...overrides,
    });

  it.each<[string, Partial<InboundEmail>, Partial<ReplyContext>, string]>([
    ['an American sender: month first', { text: 'Back on 05/07/2026.' }, {}, '2026-05-07T04:00:00.000Z'],
    [
      'a sender at a .de domain: day first',
      { from: { address: 'jonas@beispiel.de', name: 'Jonas' }, text: 'Back on 05/07/2026.' },
      { leadEmail: 'jonas@beispiel.de' },
      '2026-07-05T04:00:00.000Z',
    ],
    [
      'a lead in France: day first',
      { text: 'Back on 05/07/2026.' },
      { country: 'FR' },
      '2026-07-05T04:00:00.000Z',
    ],
    [
      'a notice that says it is Italian',
      {
        headers: { 'auto-submitted': 'auto-replied', 'content-language': 'it-IT' },
        text: 'Rientro il 05/07/2026.',
      },
      {},
      '2026-07-05T04:00:00.000Z',
    ],
  ])('reads numeric dates in the order of %s', async (_case, overrides, extra, expected) => {
    // Act
    const intent = await classifyReply(notice(overrides), { ...context, ...extra });

    // Assess
    expect(intent).toEqual({ kind: 'auto_reply', returnDate: new Date(expected) });
  });

  it('counts "next Monday" from the Date header, not the arrival', async () => {
    // Prepare: written on Wednesday 4 March, delivered late, on Tuesday 10 March.
    const email = notice({ date: new Date('2026-03-04T13:15:00Z'), text: 'I am out, back next Friday.' });

    // Act
    const intent = await classifyReply(email, { ...context, receivedAt: new Date('2026-03-10T09:00:00Z') });

    // Assess: Friday 6 March is past on arrival: a stale date, not a week later.
    expect(intent).toEqual({ kind: 'auto_reply' });
  });
});

describe('classifyReply: opting out, in each language', () => {
  it.each([
    ['English', 'Please unsubscribe me from this list.'],
    ['German', 'Bitte streichen Sie mich aus Ihrem Verteiler.'],
    ['French', "Merci de ne plus m'écrire, désinscrivez-moi."],
    ['Spanish', 'Por favor, denme de baja de su lista.'],
    ['Italian', 'Vi prego di cancellarmi: non scrivetemi più.'],
    ['Portuguese', 'Por favor, não me enviem mais e-mails. Quero descadastrar.'],
    ['Dutch', 'Graag uitschrijven, stuur me geen mails meer.'],
    ['Swedish', 'Ta bort mig från er lista, tack.'],
    ['Danish', 'Afmeld mig venligst.'],
    ['Norwegian', 'Vennligst fjern meg fra listen.'],
  ])('unsubscribes a request to stop mail in %s', async (_language, text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'unsubscribed' });
  });

  it.each([
    ['English', 'Thanks, but we are not interested.'],
    ['German', 'Vielen Dank, aber wir sind nicht interessiert.'],
    ['French', 'Merci, mais ça ne nous intéresse pas.'],
    ['Spanish', 'Gracias, pero no estamos interesados.'],
    ['Italian', 'Grazie, ma non siamo interessati.'],
    ['Portuguese', 'Obrigado, mas não temos interesse.'],
    ['Dutch', 'Dank u, maar wij zijn niet geïnteresseerd.'],
    ['Swedish', 'Tack, men vi är inte intresserade.'],
    ['Danish', 'Tak, men vi er ikke interesseret.'],
    ['Norwegian', 'Nei takk, vi er ikke interessert.'],
  ])('stops on "not interested" in %s, without unsubscribing', async (_language, text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'not_interested' });
  });

  it.each([
    'unsubcribe',
    'Unsubscibe me please',
    'unsusbscribe',
    'un-subscribe',
    'Un subscribe',
    'UNSUSCRIBE',
    'unsubscrbe me',
    'Please unsubsribe this address.',
    'I want to unsbuscribe',
  ])('takes the misspelling "%s" for an unsubscribe', async (text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'unsubscribed' });
  });

  it.each([
    'usubscribe',
    'ubsubscribe please',
    'Unsub',
    'pls take me of ur list',
    'tkae me off',
    'remvoe me from your list',
    'Remove from list',
    'please remove from mailing list thx',
    'Remove\n\nSent from my iPhone',
    'STOP\nJordan',
    'opt ot',
    'abmelen bitte',
    'Bitte austargen',
    'desinscrie moi',
    'desuscribrme por favor',
    'cancelami',
    'uitshcrijven aub',
    'avregistera',
    'afmeld mig',
  ])('takes the short, misspelt opt-out "%s" for an unsubscribe', async (text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'unsubscribed' });
  });

  it('reads a short misspelt opt-out above the quoted thread it answers', async () => {
    // Prepare
    const text =
      'unsubcribe pls\n\nOn Wed, 4 Mar 2026 at 10:12, Maya Chen <maya@contoso.example> wrote:\n> Hi Jordan, any thoughts on a quick call?';

    // Act
    const intent = await classifyReply(reply({ text }), context);

    // Assess
    expect(intent).toEqual({ kind: 'unsubscribed' });
  });

  it.each([
    'Could you remove the pricing slide and resend the deck?',
    'Please remove Anna from CC, I will handle it from now on.',
    'No worries, we can remove that later.',
    'You removed me from the thread by accident, please add me back.',
    'Take me through the demo on Thursday?',
    'Sure, take me on the call Monday.',
    'Great, I will take it off the agenda.',
    'Can you move me to Thursday?',
    'Sounds good, remind me next week.',
    'Thanks, remote works for me.',
    'Stop by our booth at the fair!',
    'Please subscribe me to the newsletter.',
    'Ich möchte mich gerne anmelden.',
    'Cancellalo pure, ci sentiamo lunedì.',
    'Kan du anmelde boken?',
  ])('does not take the short reply "%s" for an unsubscribe', async (text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'replied' });
  });

  it('reads a long reply only for opt-out phrases as written, not for their slips', async () => {
    // Prepare: more than a short reply's words, with "take me of" in passing
    const text =
      'Thanks Maya. Before we talk, could you take me of the invite for Tuesday and add Priya instead? ' +
      'She runs onboarding and knows the numbers better than I do. We can then look at the pricing together next week.';

    // Act
    const intent = await classifyReply(reply({ text }), context);

    // Assess
    expect(intent).toEqual({ kind: 'replied' });
  });

  it.each([['a misspelt subject', { subject: 'Unsubcribe', text: '' }]])(
    'unsubscribes on %s',
    async (_case, overrides) => {
      expect(await classifyReply(reply(overrides), context)).toEqual({ kind: 'unsubscribed' });
    },
  );

  it.each([
    ['a word that only starts alike', 'The claims are unsubstantiated, but Thursday works.'],
    ['"subscribe"', 'We would like to subscribe to the annual plan.'],
  ])('does not unsubscribe on %s', async (_case, text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'replied' });
  });

  it.each([
    [
      'as HTML-to-text writes it, unmarked under the answer',
      "Thursday works for me.\n\nIf you'd rather not hear from me again, unsubscribe here [https://api.followup.example/u/abc.def].",
    ],
    [
      'wrapped over two lines',
      'Sounds good, send the deck.\n\nIf you’d rather not hear from me\nagain, unsubscribe here <https://api.followup.example/u/abc.def>.',
    ],
    [
      'with the link text only',
      "Let us talk next week. If you'd rather not hear from me again, unsubscribe here.",
    ],
  ])('never counts our own footer quoted back, %s', async (_case, text) => {
    expect(await classifyReply(reply({ text }), context)).toEqual({ kind: 'replied' });
  });

  // Every language and register our e-mails are written in (core/rendering/unsubscribe-footer.ts).
  it.each(everyUnsubscribeFooter().map(({ lead, link }) => [`${lead} ${link}`, lead, link]))(
    'never counts our own footer "%s" quoted back, whole or wrapped',
    async (_footer, lead, link) => {
      // Prepare: as HTML-to-text writes it, and wrapped mid-sentence by a mail client.
      const words = lead.split(' ');
      const wrapped = `${words.slice(0, 3).join(' ')}\n${words.slice(3).join(' ')}`;
      const texts = [
        `Thursday works for me.\n\n${lead} ${link} [https://api.followup.example/u/abc.def].`,
        `Sounds good, send the deck.\n\n${wrapped} ${link} <https://api.followup.example/u/abc.def>.`,
        `Let us talk next week. ${lead} ${link}.`,
      ];

      // Act
      const intents = await Promise.all(texts.map((text) => classifyReply(reply({ text }), context)));

      // Assess
      expect(intents).toEqual(texts.map(() => ({ kind: 'replied' })));
    },
  );

  it('still counts the lead’s own unsubscribe next to our German footer quoted back', async () => {
    // Prepare
    const text =
      'Bitte abmelden.\n\nWenn Sie keine E-Mails mehr von mir erhalten möchten, melden Sie sich hier ab.';

    // Act
    const intent = await classifyReply(reply({ text }), context);

    // Assess
    expect(intent).toEqual({ kind: 'unsubscribed' });
  });

  it('still counts the lead’s own unsubscribe next to a quoted footer', async () => {
    // Prepare
    const text = "Unsubscribe.\n\nIf you'd rather not hear from me again, unsubscribe here.";

    // Act
    const intent = await classifyReply(reply({ text }), context);

    // Assess
    expect(intent).toEqual({ kind: 'unsubscribed' });
  });
});

describe('isAutoReply', () => {
  const message = (headers: InboundEmail['headers'], subject = 'Re: Quick question') => ({
    headers,
    subject,
  });

  it.each<[string, InboundEmail['headers']]>([
    ['Auto-Submitted: auto-replied', { 'auto-submitted': 'auto-replied' }],
    ['Auto-Submitted: auto-generated', { 'auto-submitted': 'Auto-Generated' }],
    [
      'Auto-Submitted with a parameter',
      { 'auto-submitted': 'auto-replied; owner-email="jordan@fabrikam.example"' },
    ],
    ['X-Autoreply', { 'x-autoreply': 'yes' }],
    ['X-Autorespond', { 'x-autorespond': 'Out of office' }],
    ['Precedence: auto_reply', { precedence: 'auto_reply' }],
    ['Precedence: bulk', { precedence: 'Bulk' }],
    ['Precedence: junk', { precedence: 'junk' }],
    ['X-MS-Exchange-Inbox-Rules-Loop', { 'x-ms-exchange-inbox-rules-loop': 'jordan.lee@fabrikam.example' }],
    [
      'X-MS-Exchange-Generated-Message-Source',
      { 'x-ms-exchange-generated-message-source': 'Mailbox Rules Agent' },
    ],
  ])('is true for %s', (_case, headers) => {
    expect(isAutoReply(message(headers))).toBe(true);
  });

  it.each<[string, InboundEmail['headers']]>([
    ['Auto-Submitted: no', { 'auto-submitted': 'no' }],
    ['Precedence: list', { precedence: 'list' }],
    ['X-Auto-Response-Suppress alone', { 'x-auto-response-suppress': 'All' }],
    ['no headers', {}],
  ])('is false for %s', (_case, headers) => {
    expect(isAutoReply(message(headers))).toBe(false);
  });

  it.each([
    'Out of Office: Re: Quick question',
    'Automatic reply: Quick question',
    'Auto-Reply: Quick question',
    'AutoReply',
    'Abwesenheitsnotiz: AW: Kurze Frage',
    'Automatische Antwort: Kurze Frage',
    'Absence: Re: Quick question',
    'Réponse automatique : Petite question',
    'REPONSE AUTOMATIQUE: Petite question',
    'Respuesta automática: Pregunta rápida',
    'Afwezigheid: Korte vraag',
    'Automatisch antwoord: Korte vraag',
    'On vacation',
    'Re: Quick question [Out of the office]',
  ])('is true for the subject %s', (subject) => {
    expect(isAutoReply(message({}, subject))).toBe(true);
  });

  it.each([
    'Re: Quick question',
    'Re: Absence management software',
    'RE: away day planning',
    'AW: Kurze Frage',
  ])('is false for the subject %s', (subject) => {
    expect(isAutoReply(message({}, subject))).toBe(false);
  });

  it.each([
    'Risposta automatica: Domanda veloce',
    'Fuori ufficio: Domanda veloce',
    'Resposta automática: Pergunta rápida',
    'Automatisk svar: Snabb fråga',
    'Frånvaro: Snabb fråga',
    'Fraværende: Hurtigt spørgsmål',
  ])('is true for the subject %s (Italian, Portuguese, Nordic)', (subject) => {
    expect(isAutoReply(message({}, subject))).toBe(true);
  });

  // An Exchange out-of-office forwarded by a gateway that dropped its headers, subject only `RE: ...`.
  it.each([
    ['English', 'Thank you for your email. I am currently out of the office with limited access to email.'],
    ['English, automated', 'This is an automated response. I will reply when I am back.'],
    ['German', 'Vielen Dank für Ihre Nachricht. Ich bin derzeit nicht im Büro und ab dem 9. März wieder da.'],
    ['German, until', 'Ich bin bis 9. März im Urlaub.'],
    ['French', 'Bonjour, je suis actuellement absente et serai de retour le 9 mars.'],
    ['Spanish', 'Gracias por su mensaje. Estoy fuera de la oficina hasta el 9 de marzo.'],
    ['Italian', 'Grazie per il messaggio. Sono attualmente fuori ufficio fino al 9 marzo.'],
    ['Portuguese', 'Obrigado pela mensagem. Estou de férias até 9 de março.'],
    ['Dutch', 'Bedankt voor uw bericht. Ik ben momenteel afwezig tot 9 maart.'],
    ['Swedish', 'Tack för ditt mejl. Jag är på semester till och med den 9 mars.'],
    ['Danish', 'Tak for din mail. Jeg er på ferie indtil den 9. marts.'],
    ['Norwegian', 'Takk for e-posten. Jeg er ikke på kontoret før 9. mars.'],
  ])('is true for a body in %s without the headers', (_language, text) => {
    expect(isAutoReply({ headers: {}, subject: 'RE: Quick question', text })).toBe(true);
  });

  it.each([
    [
      'a person who was away',
      'Sorry for the late answer, I was out of the office last week. Thursday works.',
    ],
    ['a person planning time off', 'Let us talk before I go on vacation in April.'],
    ['German, a person', 'Ich war letzte Woche im Urlaub, Donnerstag passt.'],
    [
      'a notice only in the quoted thread',
      'Thursday works.\n\nOn Tue, 3 Mar 2026 at 10:02, Maya <maya@contoso.example> wrote:\n> I am out of the office until Monday.',
    ],
  ])('is false for %s', (_case, text) => {
    expect(isAutoReply({ headers: {}, subject: 'RE: Quick question', text })).toBe(false);
  });
});

describe('isSameDomain', () => {
  it.each([
    ['jordan@fabrikam.example', 'priya@FABRIKAM.example', true],
    ['jordan@fabrikam.example', 'jordan@eu.fabrikam.example', false],
    ['jordan@fabrikam.example', 'maya@contoso.example', false],
    ['jordan@gmail.com', 'priya@gmail.com', false],
    ['jordan@web.de', 'priya@web.de', false],
    ['not-an-address', 'also-not', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(isSameDomain(a, b)).toBe(expected);
  });

  it('lists the free mail providers the brief names', () => {
    expect(FREE_MAIL_DOMAINS).toEqual(
      expect.arrayContaining([
        'gmail.com',
        'outlook.com',
        'yahoo.com',
        'hotmail.com',
        'icloud.com',
        'gmx.de',
        'web.de',
      ]),
    );
  });
});
