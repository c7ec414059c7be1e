/**
 * Follow-ups in the lead's own language on the whole local stack: a German lead's generated e-mails
 * leave through the local SES outbox in German (told by a language detector, not by matching our own
 * wording), formally unless the org says otherwise, each follow-up quoting the first e-mail under a
 * German quote line, each with the German unsubscribe footer whose page answers in German; a Japanese
 * lead, whose language has no bank, is written to in English and told so at enrolment.
 */
import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { unsubscribeFooter } from '../../lambdas/core/rendering/unsubscribe-footer';
import type { OutboxItem } from '../../local/outbox';
import { useContractCheckedStack } from '../support/contract-proxy';
import { type ApiCall, addLead, newOrgWithAssistant, sentTo } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
/** The languages a bank writes in, as the detector names them (ISO 639-3). */
const BANK_LANGUAGES = ['eng', 'deu', 'fra', 'spa', 'ita', 'nld', 'por'];
/** `Am 1. März 2027 um 10:01 schrieb "Maya Chen" <maya…>:`, as German mail clients quote (the text wraps it). */
const GERMAN_QUOTE_LINE = /^Am \d{1,2}\. \S+ \d{4} um \d{2}:\d{2} schrieb "Maya Chen"\s+<[^>]+>:$/m;

const stack = useContractCheckedStack();

/** A three-step sequence whose every step the tone bank writes. */
async function threeGeneratedSteps(api: ApiCall): Promise<{ id: string }> {
  const created = await api('POST', '/sequences', {
    name: 'Drei Schritte',
    steps: [
      { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
      { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      { afterDays: 4, channel: 'email', messageType: 'generated', tone: 'appreciative' },
    ],
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** What we wrote in an e-mail: its text above the quoted first e-mail (and above the footer). */
function ownText(mail: OutboxItem): string {
  const text = mail.text ?? '';
  const quote = text.search(GERMAN_QUOTE_LINE);
  return (quote === -1 ? text : text.slice(0, quote)).trim();
}

const byTime = (mails: OutboxItem[]) => [...mails].sort((a, b) => a.at.localeCompare(b.at));

describe('follow-ups in the lead’s language', () => {
  it('writes a German lead’s generated steps in formal German, quoted and footed in German; a Japanese lead in English, with language_fallback', async () => {
    // Prepare
    const { api, assistant } = await newOrgWithAssistant(stack().url);
    const sequence = await threeGeneratedSteps(api);
    const ada = await addLead(api, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.de',
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const kenji = await api('POST', '/leads', {
      firstName: 'Kenji',
      email: 'kenji@example.jp',
      country: 'JP',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act: every step falls due
    await stack().advance(8 * DAY);
    const toAda = byTime(await sentTo(stack(), 'ada@example.de'));
    const toKenji = byTime(await sentTo(stack(), 'kenji@example.jp'));

    // Assess: Ada's three e-mails are German, formal, threaded under a German quote line, footed in German
    expect(ada.language).toBe('de');
    expect(toAda).toHaveLength(3);
    const germanFooter = unsubscribeFooter('de', 'formal');
    for (const mail of toAda) {
      expect(franc(ownText(mail), { only: BANK_LANGUAGES }), ownText(mail)).toBe('deu');
      expect(mail.text).toContain(`${germanFooter.lead} ${germanFooter.link}`);
      expect(mail.text).not.toMatch(/\bwrote:|\bHi Ada\b|unsubscribe here/);
    }
    expect(toAda.map(ownText).join('\n')).toMatch(/\b(Sie|Ihnen|Ihre[mnrs]?)\b/);
    const [first, ...followUps] = toAda;
    for (const mail of followUps) {
      expect(mail.subject).toBe(`Re: ${first?.subject}`);
      expect(mail.text).toMatch(GERMAN_QUOTE_LINE);
    }

    // Assess: the footer's page answers in German
    const unsubscribeUrl = /<(https?:\/\/[^>]+)>/.exec(first?.headers?.['List-Unsubscribe'] ?? '')?.[1];
    expect(unsubscribeUrl).toBeDefined();
    const page = await fetch(unsubscribeUrl ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html lang="de"/);

    // Assess: Kenji has no bank of his language: warned at enrolment, written to in English
    expect(kenji.status).toBe(201);
    expect(kenji.body.language).toBe('ja');
    expect(kenji.body.warnings).toContainEqual(
      expect.objectContaining({ code: 'language_fallback', field: 'language' }),
    );
    expect(toKenji).toHaveLength(3);
    const englishFooter = unsubscribeFooter('en', 'formal');
    for (const mail of toKenji) {
      expect(franc(ownText(mail), { only: BANK_LANGUAGES }), ownText(mail)).toBe('eng');
      expect(mail.text).toContain(`${englishFooter.lead} ${englishFooter.link}`);
    }
  });

  it('writes informally when the org’s formality says so', async () => {
    // Prepare
    const { api, assistant } = await newOrgWithAssistant(stack().url);
    const settings = await api(
      'PUT',
      '/org/settings',
      { name: 'Contoso', formality: 'informal' },
      { 'if-match': '"0"' },
    );
    const sequence = await threeGeneratedSteps(api);
    await addLead(api, {
      firstName: 'Jonas',
      email: 'jonas@example.de',
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act
    await stack().advance(8 * DAY);
    const toJonas = byTime(await sentTo(stack(), 'jonas@example.de'));

    // Assess: German, "du" and never "Sie", the informal footer
    expect(settings.status).toBe(200);
    expect(settings.body.formality).toBe('informal');
    expect(toJonas).toHaveLength(3);
    const informalFooter = unsubscribeFooter('de', 'informal');
    for (const mail of toJonas) {
      expect(franc(ownText(mail), { only: BANK_LANGUAGES }), ownText(mail)).toBe('deu');
      expect(ownText(mail)).not.toMatch(/\b(Sie|Ihnen)\b/);
      expect(mail.text).toContain(`${informalFooter.lead} ${informalFooter.link}`);
    }
    expect(toJonas.map(ownText).join('\n')).toMatch(/\b(du|dir|dich|dein\w*)\b/i);
  });
});
