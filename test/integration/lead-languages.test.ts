/**
 * A lead's language (#26, first part) through the leads API on DynamoDB Local: the one given
 * (canonical BCP 47), else its country's, else the org's defaultLanguage; a replacement without one
 * takes its country's again. Generated steps are written from a bank per language: a lead of a
 * language without one is enrolled with the warning language_fallback, which reading it repeats.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { invoke } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';

async function newOrg(defaultLanguage?: string) {
  const org = await orgWithAssistant();
  if (defaultLanguage) {
    const put = await invoke(orgApi, 'putOrgSettings', {
      caller: org.admin,
      headers: { 'if-match': '"0"' },
      body: { defaultLanguage },
    });
    expect(put.status).toBe(200);
  }
  const create = (body: Record<string, unknown>) =>
    invoke(leadsApi, 'createLead', {
      caller: org.admin,
      body: {
        firstName: 'Ada',
        email: `ada-${randomUUID()}@example.com`,
        assistantId: org.assistantId,
        ...body,
      },
    });
  return { ...org, create };
}

const codesOf = (warnings: { code: string }[] | undefined) => (warnings ?? []).map((each) => each.code);

describe('a lead’s language', () => {
  it('is the one given, else its country’s, else the org’s default; a language without a bank is written in English, with a warning', async () => {
    // Prepare
    const { create } = await newOrg();
    const spanishOrg = await newOrg('es');

    // Act
    const given = await create({ language: 'FR-ca', country: 'DE' });
    const swiss = await create({ country: 'CH' });
    const english = await create({ country: 'GB' });
    const neither = await create({});
    const orgDefault = await spanishOrg.create({});
    const polish = await create({ country: 'PL' });

    // Assess
    expect([given, swiss, english, neither, orgDefault, polish].map((answer) => answer.status)).toEqual([
      201, 201, 201, 201, 201, 201,
    ]);
    expect(given.body.language).toBe('fr-CA');
    expect(swiss.body.language).toBe('de');
    expect(english.body.language).toBe('en');
    expect(neither.body.language).toBe('en');
    expect(orgDefault.body.language).toBe('es');
    expect(polish.body.language).toBe('pl');
    expect(polish.body.warnings).toContainEqual({
      code: 'language_fallback',
      message: expect.stringMatching(/written in English.*no Polish writing yet \(pl\)/),
      field: 'language',
    });
    // French (fr-CA by its primary language), German and Spanish have banks of their own.
    for (const written of [given, swiss, english, neither, orgDefault]) {
      expect(codesOf(written.body.warnings)).not.toContain('language_fallback');
    }
  });

  it('is repeated by GET /leads/{id}: language_fallback stays on a lead read later, and no other lead gets it', async () => {
    // Prepare
    const { create, admin } = await newOrg();
    const polish = await create({ country: 'PL' });
    const german = await create({ language: 'de' });

    // Act
    const readPolish = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: polish.body.id } });
    const readGerman = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: german.body.id } });

    // Assess
    expect(readPolish.status).toBe(200);
    expect(readPolish.body.warnings).toEqual([
      {
        code: 'language_fallback',
        message: expect.stringMatching(/written in English.*no Polish writing yet \(pl\)/),
        field: 'language',
      },
    ]);
    expect(readPolish.body.warnings).toEqual(
      polish.body.warnings.filter((each: { code: string }) => each.code === 'language_fallback'),
    );
    expect(readGerman.status).toBe(200);
    expect(readGerman.body.warnings).toEqual([]);
  });

  it('is not repeated once the lead stops: language_fallback is said only while its steps are still written', async () => {
    // Prepare
    const { create, admin } = await newOrg();
    const polish = await create({ country: 'PL' });
    const running = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: polish.body.id } });
    expect(codesOf(running.body.warnings)).toContain('language_fallback');

    // Act
    const stop = await invoke(leadsApi, 'stopLead', { caller: admin, params: { id: polish.body.id } });
    const read = await invoke(leadsApi, 'getLead', { caller: admin, params: { id: polish.body.id } });

    // Assess
    expect(stop.status).toBe(200);
    expect(read.status).toBe(200);
    expect(read.body.enrollment.status).toBe('stopped');
    expect(read.body.language).toBe('pl');
    expect(codesOf(read.body.warnings)).not.toContain('language_fallback');
  });

  it('refuses a tag that is no known language, naming the field', async () => {
    // Prepare
    const { create, admin } = await newOrg();

    // Act
    const unknown = await create({ language: 'xx' });
    const malformed = await create({ language: 'de_DE' });
    const badDefault = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { defaultLanguage: 'klingon!' },
    });

    // Assess
    for (const answer of [unknown, malformed, badDefault]) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details).toEqual([
        expect.objectContaining({ path: expect.stringMatching(/^(language|defaultLanguage)$/) }),
      ]);
    }
  });

  it('is taken from the country again when a replacement gives none', async () => {
    // Prepare
    const { create, admin, assistantId } = await newOrg();
    const { body: lead } = await create({ language: 'en', country: 'GB' });

    // Act
    const replaced = await invoke(leadsApi, 'updateLead', {
      caller: admin,
      params: { id: lead.id },
      headers: { 'if-match': '"1"' },
      body: {
        firstName: 'Ada',
        email: lead.email,
        country: 'FR',
        assistantId,
        sequenceId: lead.enrollment.sequenceId,
      },
    });

    // Assess
    expect(replaced.status).toBe(200);
    expect(replaced.body.language).toBe('fr');
  });
});
