/**
 * Generated e-mails in the lead's language (#26) against DynamoDB Local, the scheduler emulator and a
 * mocked SES: the sender writes a German lead's steps from the German bank, in the register the org's
 * settings name, under a German quote line and above a German footer; the step preview writes in the
 * language `?language=` names (400 for one that is none; English, with language_fallback, for one
 * without a bank), else the lead's, else the org's default.
 *
 * What the generated text should say is read from the real German bank: the variant whose paragraphs
 * the e-mail holds, in the register asked for (variantsFor), its greeting filled with the lead's name.
 * So these tests hold the wiring, not the German wording; the footer and quote line are fixed by code
 * (unsubscribe-footer.ts, quoting.ts), so their words are written out here.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Formality } from '../../lambdas/core/languages';
import { escapeHtml } from '../../lambdas/core/rendering/personalize';
import { type MessagePosition, type ToneVariant, variantsFor } from '../../lambdas/core/rendering/tone-bank';
import type { SenderInput } from '../../lambdas/core/sender-input';
import type { Tone } from '../../lambdas/core/tones';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
const scheduler = new SchedulerClient({});

/** A Monday, 11:00 in Berlin (the assistant's zone): inside its hours; the follow-up is due two days later. */
const MONDAY = new Date('2030-03-04T10:00:00Z');
const WEDNESDAY = new Date('2030-03-06T10:00:00Z');

pinClock(MONDAY);
beforeEach(() => {
  ses.reset();
  ses.on(SendEmailCommand).callsFake(async () => ({ MessageId: `ses-${randomUUID()}` }));
});

const linesOf = (variant: ToneVariant) => [variant.greeting, ...variant.body, variant.signOff];

/** One paragraph of a variant as it reads in an e-mail's plain text: its placeholders filled with anything. */
function paragraphPattern(paragraph: string): RegExp {
  const pieces = paragraph
    .split(/\{\{[^}]*\}\}/)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  return new RegExp(pieces.join('[\\s\\S]+?'));
}

const holds = (text: string, variant: ToneVariant) =>
  linesOf(variant).every((line) => paragraphPattern(line).test(text));

/** The German variants of a standard sequence's `tone` at `position`, their markers resolved to `formality`. */
const germanPool = (tone: Tone, position: MessagePosition, formality: Formality) =>
  variantsFor(tone, position, 'standard', { language: 'de', formality });

/**
 * The German variant an e-mail's `text` was written from, in `formality`'s register: exactly one holds
 * every paragraph, and that variant in the other register does not (unless it reads the same in both,
 * never addressing the reader: then the footer alone tells the register).
 */
function writtenFrom(text: string, tone: Tone, position: MessagePosition, formality: Formality): ToneVariant {
  const written = germanPool(tone, position, formality).filter((variant) => holds(text, variant));
  expect(written.map((variant) => variant.id)).toHaveLength(1);
  const [variant] = written;
  if (!variant) throw new Error('unreachable: one variant was expected');
  const other = formality === 'formal' ? 'informal' : 'formal';
  const twin = germanPool(tone, position, other).find((candidate) => candidate.id === variant.id);
  if (!twin) throw new Error(`${variant.id} is missing from the ${other} register`);
  const sameInBoth = linesOf(twin).join('\n') === linesOf(variant).join('\n');
  expect(holds(text, twin)).toBe(sameInBoth);
  return variant;
}

/** The variant's greeting as a lead called `firstName` reads it, HTML-escaped as the writer writes it. */
const greetingFor = (variant: ToneVariant, firstName: string) =>
  escapeHtml(variant.greeting.replace(/\{\{lead\.firstName(?:\|[^}]*)?\}\}/g, firstName));

async function orgWith(settings: Record<string, unknown>) {
  const org = await orgWithAssistant();
  const put = await invoke(orgApi, 'putOrgSettings', {
    caller: org.admin,
    headers: { 'if-match': '"0"' },
    body: settings,
  });
  expect(put.status).toBe(200);
  return org;
}

async function generatedSequence(admin: TestCaller) {
  const { status, body } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name: 'Two generated',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  expect(status).toBe(201);
  return body.id as string;
}

/** The input of the lead's pending schedule at `revision`, as EventBridge Scheduler would invoke the sender. */
async function scheduledInput(leadId: string, revision: number): Promise<SenderInput> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({
      GroupName: process.env.SCHEDULE_GROUP,
      NamePrefix: `lead-${leadId}-r${revision}-`,
    }),
  );
  expect(Schedules).toHaveLength(1);
  const schedule = await scheduler.send(
    new GetScheduleCommand({ Name: Schedules[0]?.Name, GroupName: process.env.SCHEDULE_GROUP }),
  );
  return JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
}

/** Sends the lead's first e-mail on Monday and its follow-up on Wednesday; answers what SES got for each. */
async function sendBoth(
  orgId: string,
  admin: TestCaller,
  assistantId: string,
  lead: Record<string, unknown>,
) {
  const sequenceId = await generatedSequence(admin);
  const created = await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: { firstName: 'Ada', email: `ada@${orgId}.example`, assistantId, sequenceId, ...lead },
  });
  expect(created.status).toBe(201);
  const first = await sendScheduledStep(await scheduledInput(created.body.id, 1), MONDAY, TEST_SEND_SETTINGS);
  const second = await sendScheduledStep(
    await scheduledInput(created.body.id, 2),
    WEDNESDAY,
    TEST_SEND_SETTINGS,
  );
  expect([first, second]).toMatchObject([{ result: 'sent' }, { result: 'sent' }]);
  const sent = ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input.Content?.Simple);
  expect(sent).toHaveLength(2);
  return {
    lead: created.body,
    emails: sent.map((simple) => ({
      html: simple?.Body?.Html?.Data ?? '',
      text: (simple?.Body?.Text?.Data ?? '').replace(/\s+/g, ' '),
    })),
  };
}

describe('a German lead’s generated steps, as the sender sends them', () => {
  it('are written from the German bank, informally as the org says, under a German quote line and above a German footer', async () => {
    // Prepare: no language given; Germany's is German.
    const { orgId, admin, assistantId } = await orgWith({ formality: 'informal' });

    // Act
    const { lead, emails } = await sendBoth(orgId, admin, assistantId, { country: 'DE' });

    // Assess
    expect(lead.language).toBe('de');
    const [first, followUp] = emails;
    const opening = writtenFrom(first?.text ?? '', 'candid', 'first', 'informal');
    expect(first?.html).toContain(`<p>${greetingFor(opening, 'Ada')}</p>`);
    expect(first?.html).toContain(`<p>${escapeHtml(opening.signOff)}</p>`);
    const close = writtenFrom(followUp?.text ?? '', 'gentle', 'last', 'informal');
    expect(followUp?.html).toContain(`<p>${greetingFor(close, 'Ada')}</p>`);
    expect(followUp?.text).toMatch(/Am 4\. März 2030 um 11:00 schrieb "?Maya"? <maya\.[^>]+>:/);
    expect(followUp?.text).not.toContain('wrote:');
    for (const email of emails) {
      expect(email.text).toContain(
        'Wenn du keine E-Mails mehr von mir erhalten möchtest, melde dich hier ab',
      );
      expect(email.text).not.toContain('unsubscribe here');
    }
  });

  it('are formal in an org that set nothing, and a lead given de-AT is written in German too', async () => {
    // Prepare: the org saves settings without formality; the lead names its language (no country).
    const { orgId, admin, assistantId } = await orgWith({ name: 'Contoso' });

    // Act
    const { lead, emails } = await sendBoth(orgId, admin, assistantId, { language: 'de-AT' });

    // Assess
    expect(lead.language).toBe('de-AT');
    const [first, followUp] = emails;
    const opening = writtenFrom(first?.text ?? '', 'candid', 'first', 'formal');
    expect(first?.html).toContain(`<p>${greetingFor(opening, 'Ada')}</p>`);
    expect(first?.html).toContain(`<p>${escapeHtml(opening.signOff)}</p>`);
    const close = writtenFrom(followUp?.text ?? '', 'gentle', 'last', 'formal');
    expect(followUp?.html).toContain(`<p>${greetingFor(close, 'Ada')}</p>`);
    expect(followUp?.text).toMatch(/Am 4\. März 2030 um 11:00 schrieb /);
    for (const email of emails) {
      expect(email.text).toContain(
        'Wenn Sie keine E-Mails mehr von mir erhalten möchten, melden Sie sich hier ab',
      );
    }
  });
});

describe('the step preview’s language', () => {
  const preview = (caller: TestCaller, query: Record<string, string>, body: Record<string, unknown> = {}) =>
    invoke(sequencesApi, 'previewSequenceStep', {
      caller,
      params: { id: 'system-recommended', index: '1' },
      query,
      body,
    });

  it('is the one ?language= names, else the described lead’s, else the org’s default; one without a bank is English, with language_fallback', async () => {
    // Prepare
    const { admin } = await orgWith({ defaultLanguage: 'de', formality: 'informal' });
    const ada = { firstName: 'Ada', email: 'ada@example.com' };

    // Act
    const german = await preview(admin, { language: 'DE-at' });
    const english = await preview(admin, { language: 'en-GB' });
    const japanese = await preview(admin, { language: 'ja' });
    const byDefault = await preview(admin, {});
    // Japanese: a language no bank of this round writes, so the lead's (not the org's German) shows.
    const japaneseLead = await preview(admin, {}, { lead: { ...ada, country: 'JP' } });

    // Assess
    expect(german.status).toBe(200);
    expect(german.body).toMatchObject({ language: 'de', warnings: [] });
    // Step 1 of the recommended sequence: a gentle follow-up, under step 0's candid first e-mail.
    const followUp = writtenFrom(german.body.text, 'gentle', 'followup', 'informal');
    expect(german.body.html).toContain(`<p>${greetingFor(followUp, 'Jordan')}</p>`);
    expect(german.body.text).toMatch(/Am \d{1,2}\. \p{L}+\.? \d{4} um \d{2}:\d{2} schrieb Maya Chen/u);
    expect(english.body).toMatchObject({ language: 'en', warnings: [] });
    expect(english.body.text).toContain(' wrote:');
    expect(japanese.status).toBe(200);
    expect(japanese.body.language).toBe('en');
    expect(japanese.body.warnings).toEqual([
      {
        code: 'language_fallback',
        message: expect.stringMatching(/written in English.*no Japanese writing yet \(ja\)/),
        field: 'language',
      },
    ]);
    expect(japanese.body.text).toContain(' wrote:');
    expect(byDefault.body.language).toBe('de');
    expect(japaneseLead.body.language).toBe('en');
    expect(japaneseLead.body.warnings.map((each: { code: string }) => each.code)).toEqual([
      'language_fallback',
    ]);
  });

  it('answers 400 naming language for a tag that is no language', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();

    // Act
    const [unknown, malformed] = await Promise.all([
      preview(admin, { language: 'xx' }),
      preview(admin, { language: 'de_DE' }),
    ]);

    // Assess
    for (const answer of [unknown, malformed]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([{ path: 'language', message: expect.any(String) }]);
    }
  });
});
