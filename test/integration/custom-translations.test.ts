/**
 * Custom messages in the lead's language, on DynamoDB Local: translations stored through the messages
 * API (checked, canonical, sanitized), a German lead's step sent by the sender's own use case in German
 * (SES mocked) and previewed in German, each e-mail footed (and its unsubscribe page worded) in the
 * language of the body it sends, and a WhatsApp template sent through the real Sinch SDK to the
 * local Sinch stand-in in the language it is approved in closest to the lead's.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as publicApi } from '../../lambdas/public-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { type SinchStub, startSinchStub } from '../../local/sinch-stub';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
const scheduler = new SchedulerClient({});
const SINCH_KEY = { keyId: 'key-translations', keySecret: 'secret-translations' };

/** A Monday, 11:00 in Berlin: inside the assistant's hours, so the first step is due at once. */
const MONDAY = new Date('2030-03-04T10:00:00Z');

let sinch: SinchStub;

pinClock(MONDAY);
beforeAll(async () => {
  sinch = await startSinchStub({ credentials: SINCH_KEY });
});
afterAll(async () => {
  await sinch?.stop();
});
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
});

const intro = {
  name: 'Intro',
  channel: 'email',
  email: {
    subject: 'A quick idea for {{lead.company}}',
    html: '<p>Hi {{lead.firstName}}, one idea for you.</p>',
    translations: {
      DE: {
        subject: 'Eine kurze Idee für {{lead.company}}',
        body: '<p>Hallo {{lead.firstName}}, eine Idee für Sie.</p><script>alert(1)</script>',
      },
      fr: { body: '<p>Bonjour {{lead.firstName}}, une idée pour vous.</p>' },
    },
  },
};

async function createMessage(caller: TestCaller, body: unknown) {
  return invoke(messagesApi, 'createMessage', { caller, body });
}

/** A sequence whose only step is the custom message `messageId`, on `channel`. */
async function sequenceOf(caller: TestCaller, messageId: string, channel: 'email' | 'whatsapp') {
  const { status, body } = await invoke(sequencesApi, 'createSequence', {
    caller,
    body: {
      name: `One ${channel} step`,
      steps: [{ afterDays: 0, channel, messageType: 'custom', messageId }],
    },
  });
  expect(status).toBe(201);
  return body.id as string;
}

async function enrol(caller: TestCaller, details: Record<string, unknown>) {
  const { status, body } = await invoke(leadsApi, 'createLead', { caller, body: details });
  expect(status).toBe(201);
  return body as { id: string; language: string };
}

/**
 * A fresh org with a sequence whose only step is the intro, and Bernd of Acme GmbH enrolled on it with
 * the language or country given; `enrolOnIntro` enrols another lead on the same sequence.
 */
async function berndOnIntro(origin: { country: string } | { language: string }) {
  const { admin, assistantId, orgId } = await orgWithAssistant();
  const { body: message } = await createMessage(admin, intro);
  const sequenceId = await sequenceOf(admin, message.id, 'email');
  const enrolOnIntro = (details: Record<string, unknown>) =>
    enrol(admin, { ...details, assistantId, sequenceId });
  const bernd = await enrolOnIntro({
    firstName: 'Bernd',
    company: 'Acme GmbH',
    email: `bernd@${orgId}.example`,
    ...origin,
  });
  return { admin, orgId, sequenceId, bernd, enrolOnIntro };
}

/** The input of the lead's first schedule, as EventBridge Scheduler would invoke the sender with it. */
async function firstScheduledInput(leadId: string): Promise<SenderInput> {
  const group = process.env.SCHEDULE_GROUP;
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}-r1-` }),
  );
  expect(Schedules).toHaveLength(1);
  const schedule = await scheduler.send(
    new GetScheduleCommand({ Name: Schedules[0]?.Name, GroupName: group }),
  );
  return JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
}

describe('translations of a custom e-mail', () => {
  it('are stored under canonical tags, sanitized like the message’s own HTML', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();

    // Act
    const created = await createMessage(admin, intro);
    const read = await invoke(messagesApi, 'getMessage', { caller: admin, params: { id: created.body.id } });

    // Assess
    expect(created.status).toBe(201);
    expect(read.body.email.translations).toEqual({
      de: {
        subject: 'Eine kurze Idee für {{lead.company}}',
        body: '<p>Hallo {{lead.firstName}}, eine Idee für Sie.</p>',
      },
      fr: { body: '<p>Bonjour {{lead.firstName}}, une idée pour vous.</p>' },
    });
  });

  it('are refused with a 400 naming the tag or the field, and nothing is stored', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    const withTranslations = (translations: unknown) => ({
      ...intro,
      email: { ...intro.email, translations },
    });

    // Act
    const unknownTag = await createMessage(admin, withTranslations({ xx: { body: '<p>?</p>' } }));
    const placeholder = await createMessage(
      admin,
      withTranslations({ de: { subject: 'Für {{lead.firma}}', body: '<p>Hallo</p>' } }),
    );
    const empty = await createMessage(admin, withTranslations({ de: { body: '<script>alert(1)</script>' } }));
    // Under the 256 KB body limit as sent, three times that once sanitizing has escaped every &.
    const large = `<p>${'& '.repeat(22_000)}</p>`;
    const tooLarge = await createMessage(
      admin,
      withTranslations(Object.fromEntries(['de', 'fr', 'es', 'it'].map((tag) => [tag, { body: large }]))),
    );
    const listed = await invoke(messagesApi, 'listMessages', { caller: admin });

    // Assess
    expect(unknownTag.status).toBe(400);
    expect(unknownTag.body.error.details).toEqual([
      {
        path: 'email.translations.xx',
        message: 'xx is not a BCP 47 language tag of a known language, e.g. de or fr-CA',
      },
    ]);
    expect(placeholder.status).toBe(400);
    expect(placeholder.body.error.details).toEqual([
      {
        path: 'email.translations.de.subject',
        message: expect.stringMatching(/^Unknown placeholder \{\{lead\.firma\}\}/),
      },
    ]);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([
      { path: 'email.translations.de.body', message: expect.stringMatching(/^Nothing would be sent/) },
    ]);
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.body.error.details).toEqual([
      { path: 'email.translations', message: 'The message with its translations is larger than 350 KB' },
    ]);
    expect(listed.body.items.filter((item: { system: boolean }) => !item.system)).toEqual([]);
  });

  it('sends a German lead the German subject and body, and a lead of another language the message’s own', async () => {
    // Prepare
    const { orgId, bernd, enrolOnIntro } = await berndOnIntro({ country: 'DE' });
    const ines = await enrolOnIntro({
      firstName: 'Inés',
      company: 'Sol',
      email: `ines@${orgId}.example`,
      language: 'es',
    });

    // Act
    const toBernd = await sendScheduledStep(await firstScheduledInput(bernd.id), MONDAY, TEST_SEND_SETTINGS);
    const toInes = await sendScheduledStep(await firstScheduledInput(ines.id), MONDAY, TEST_SEND_SETTINGS);

    // Assess
    expect(bernd.language).toBe('de');
    expect(toBernd).toMatchObject({ result: 'sent', channel: 'email' });
    expect(toInes).toMatchObject({ result: 'sent', channel: 'email' });
    const sent = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    const simple = (to: string) =>
      sent.find((input) => input.Destination?.ToAddresses?.[0]?.includes(to))?.Content?.Simple;
    expect(simple('bernd@')?.Subject?.Data).toBe('Eine kurze Idee für Acme GmbH');
    expect(simple('bernd@')?.Body?.Html?.Data).toContain('<p>Hallo Bernd, eine Idee für Sie.</p>');
    expect(simple('bernd@')?.Body?.Html?.Data).not.toContain('one idea');
    expect(simple('ines@')?.Subject?.Data).toBe('A quick idea for Sol');
    expect(simple('ines@')?.Body?.Html?.Data).toContain('<p>Hi Inés, one idea for you.</p>');
  });

  it('previews a stored German lead’s step in German, and an unsaved message for a French-Canadian lead in French', async () => {
    // Prepare
    const { admin, sequenceId, bernd } = await berndOnIntro({ language: 'de-AT' });

    // Act
    const step = await invoke(sequencesApi, 'previewSequenceStep', {
      caller: admin,
      params: { id: sequenceId, index: '0' },
      query: { leadId: bernd.id },
      body: {},
    });
    const unsaved = await invoke(messagesApi, 'previewMessage', {
      caller: admin,
      body: { message: intro, lead: { firstName: 'Élise', company: 'Érable', language: 'fr-CA' } },
    });

    // Assess
    expect(step.status).toBe(200);
    expect(step.body.subject).toBe('Eine kurze Idee für Acme GmbH');
    expect(step.body.html).toContain('Hallo Bernd');
    expect(step.body.language).toBe('de');
    expect(unsaved.status).toBe(200);
    expect(unsaved.body.subject).toBe('A quick idea for Érable');
    expect(unsaved.body.html).toBe('<p>Bonjour Élise, une idée pour vous.</p>');
  });
});

describe('a message’s preview in the language ?language= names', () => {
  const preview = (caller: TestCaller, body: Record<string, unknown>, language?: string) =>
    invoke(messagesApi, 'previewMessage', {
      caller,
      body,
      ...(language !== undefined && { query: { language } }),
    });

  it('picks the translation of that language over the lead’s, and names the language written in', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    const { body: stored } = await createMessage(admin, intro);
    const lead = { firstName: 'Élise', company: 'Érable', language: 'fr-CA' };

    // Act
    const asked = await preview(admin, { messageId: stored.id, lead }, 'DE-at');
    const leads = await preview(admin, { message: intro, lead });
    const none = await preview(admin, { message: intro, lead }, 'es');

    // Assess
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({
      subject: 'Eine kurze Idee für Érable',
      html: '<p>Hallo Élise, eine Idee für Sie.</p>',
      language: 'de',
      warnings: [],
    });
    expect(leads.body).toMatchObject({ html: '<p>Bonjour Élise, une idée pour vous.</p>', language: 'fr' });
    // No Spanish translation: the message's own text, in the org's default language.
    expect(none.body).toMatchObject({ subject: 'A quick idea for Érable', language: 'en', warnings: [] });
  });

  it('takes the message’s own text to be in the org’s default language, which a preview without a lead is written in', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    const put = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { defaultLanguage: 'it' },
    });
    const body = { message: intro, lead: { firstName: 'Bernd', company: 'Acme' } };

    // Act
    const described = await preview(admin, body);
    const sampleLead = await preview(admin, { message: intro });

    // Assess
    expect(put.status).toBe(200);
    expect(described.body).toMatchObject({ subject: 'A quick idea for Acme', language: 'it' });
    expect(sampleLead.body).toMatchObject({ subject: 'A quick idea for Northwind Traders', language: 'it' });
  });

  it('writes a language without a bank around in English, with language_fallback; 400 naming language for no language', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    const withPolish = {
      ...intro,
      email: {
        ...intro.email,
        translations: { pl: { body: '<p>Cześć {{lead.firstName}}, mam pomysł.</p>' } },
      },
    };
    const lead = { firstName: 'Piotr', company: 'Acme' };

    // Act
    const polish = await preview(admin, { message: withPolish, lead }, 'pl');
    const japanese = await preview(admin, { message: withPolish, lead }, 'ja');
    const [unknown, malformed] = await Promise.all([
      preview(admin, { message: intro, lead }, 'xx'),
      preview(admin, { message: intro, lead }, 'de_DE'),
    ]);

    // Assess
    expect(polish.status).toBe(200);
    expect(polish.body).toMatchObject({ html: '<p>Cześć Piotr, mam pomysł.</p>', language: 'pl' });
    expect(polish.body.warnings).toEqual([
      {
        code: 'language_fallback',
        message: expect.stringMatching(/no Polish writing yet \(pl\).*footer and quote line in English/),
        field: 'language',
      },
    ]);
    expect(japanese.body).toMatchObject({ html: '<p>Hi Piotr, one idea for you.</p>', language: 'en' });
    expect(japanese.body.warnings.map((each: { code: string }) => each.code)).toEqual(['language_fallback']);
    for (const answer of [unknown, malformed]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([{ path: 'language', message: expect.any(String) }]);
    }
  });
});

describe('one written language per e-mail', () => {
  /** The unsubscribe link of an e-mail sent to `to`, and the page it opens. */
  async function unsubscribePageOf(sent: { headers: { Name?: string; Value?: string }[] | undefined }) {
    const header = sent.headers?.find((each) => each.Name === 'List-Unsubscribe')?.Value ?? '';
    const link = new URL(/<(https?:[^>]+)>/.exec(header)?.[1] ?? 'https://missing.example');
    const token = decodeURIComponent(link.pathname.split('/').pop() ?? '');
    const language = link.searchParams.get('language') ?? '';
    const page = await invoke(publicApi, 'unsubscribePage', { params: { token }, query: { language } });
    return { language, page };
  }

  it('footers each e-mail in the language of the body it sends, and its unsubscribe page too; a translation without a bank is warned of', async () => {
    // Prepare: German and Polish translations; the message's own text is English (the org's default).
    const { admin, assistantId, orgId } = await orgWithAssistant();
    const created = await createMessage(admin, {
      ...intro,
      email: {
        ...intro.email,
        translations: {
          de: intro.email.translations.DE,
          pl: { body: '<p>Cześć {{lead.firstName}}, mam pomysł.</p>' },
        },
      },
    });
    const sequenceId = await sequenceOf(admin, created.body.id, 'email');
    const details = (firstName: string, language: string) => ({
      firstName,
      company: 'Acme',
      email: `${firstName.toLowerCase()}@${orgId}.example`,
      language,
      assistantId,
      sequenceId,
    });
    const bernd = await enrol(admin, details('Bernd', 'de'));
    const ines = await enrol(admin, details('Ines', 'es'));
    const piotr = await enrol(admin, details('Piotr', 'pl'));

    // Act
    for (const lead of [bernd, ines, piotr]) {
      await sendScheduledStep(await firstScheduledInput(lead.id), MONDAY, TEST_SEND_SETTINGS);
    }

    // Assess: the write warned of the Polish translation only
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      {
        code: 'translation_without_bank',
        message: expect.stringMatching(/Polish translation \(pl\).*footer and quote line in English/),
        field: 'email.translations.pl',
      },
    ]);
    const sent = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input);
    const to = (name: string) => {
      const input = sent.find((each) => each.Destination?.ToAddresses?.[0]?.includes(`${name}@`));
      return {
        html: input?.Content?.Simple?.Body?.Html?.Data ?? '',
        headers: input?.Content?.Simple?.Headers,
      };
    };
    const GERMAN_FOOTER = 'Wenn Sie keine E-Mails mehr von mir erhalten möchten,';
    const ENGLISH_FOOTER = "If you'd rather not hear from me again,";
    const SPANISH_FOOTER = 'Si prefiere no recibir más mensajes míos,';

    // Bernd reads German throughout, Ines the English text under an English footer (not a Spanish
    // one), Piotr his Polish translation under an English footer.
    expect(to('bernd').html).toContain('Hallo Bernd, eine Idee für Sie.');
    expect(to('bernd').html).toContain(GERMAN_FOOTER);
    expect(to('ines').html).toContain('Hi Ines, one idea for you.');
    expect(to('ines').html).toContain(ENGLISH_FOOTER);
    expect(to('ines').html).not.toContain(SPANISH_FOOTER);
    expect(to('piotr').html).toContain('Cześć Piotr, mam pomysł.');
    expect(to('piotr').html).toContain(ENGLISH_FOOTER);

    // Assess: each link names its e-mail's language, and its page answers in it, not in the lead's
    const pages = {
      bernd: await unsubscribePageOf(to('bernd')),
      ines: await unsubscribePageOf(to('ines')),
      piotr: await unsubscribePageOf(to('piotr')),
    };
    expect(Object.values(pages).map(({ language, page }) => [language, page.status])).toEqual([
      ['de', 200],
      ['en', 200],
      ['en', 200],
    ]);
    expect(pages.bernd.page.body).toMatch(/<html lang="de"/);
    expect(pages.ines.page.body).toMatch(/<html lang="en"/);
    expect(pages.piotr.page.body).toMatch(/<html lang="en"/);
  });
});

describe('the languages a WhatsApp template is approved in', () => {
  it('sends a German lead the German template through the Sinch SDK, naming de on the wire', async () => {
    // Prepare
    const { admin, assistantId, orgId } = await orgWithAssistant();
    const projectId = `project-${orgId}`;
    const connected = await invoke(orgApi, 'putWhatsApp', {
      caller: admin,
      body: { projectId, ...SINCH_KEY, appId: 'app-translations', region: 'eu' },
    });
    const { status, body: template } = await createMessage(admin, {
      name: 'Nudge',
      channel: 'whatsapp',
      whatsapp: {
        templateName: 'followup_nudge',
        languageCode: 'en_US',
        otherLanguageCodes: ['fr', 'de'],
        parameters: [{ position: 1, value: '{{lead.firstName}}' }],
      },
    });
    const sequenceId = await sequenceOf(admin, template.id, 'whatsapp');
    const wanda = await enrol(admin, {
      firstName: 'Wanda',
      phone: '+4915112345678',
      language: 'de-DE',
      assistantId,
      sequenceId,
    });
    const settings = {
      ...TEST_SEND_SETTINGS,
      sinchHosts: { authHostname: sinch.endpoint, conversationHostname: sinch.endpoint },
    };

    // Act
    const outcome = await sendScheduledStep(await firstScheduledInput(wanda.id), MONDAY, settings);

    // Assess
    expect(connected.status).toBe(200);
    expect(status).toBe(201);
    expect(template.whatsapp.otherLanguageCodes).toEqual(['fr', 'de']);
    expect(outcome).toMatchObject({ result: 'sent', channel: 'whatsapp' });
    const onTheWire = sinch.sent().filter((message) => message.projectId === projectId);
    expect(onTheWire).toHaveLength(1);
    expect(onTheWire[0]).toMatchObject({
      templateId: 'followup_nudge',
      languageCode: 'de',
      recipientIdentity: '+4915112345678',
      parameters: { 'body[1]text': 'Wanda' },
    });
  });
});
