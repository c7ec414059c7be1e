/**
 * Custom messages in the lead's language, on DynamoDB Local: translations stored through the messages
 * API (checked, canonical, sanitized), a German lead's step sent by the sender's own use case in German
 * (SES mocked) and previewed in German, and a WhatsApp template sent through the real Sinch SDK to the
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
