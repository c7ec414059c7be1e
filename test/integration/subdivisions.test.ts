/**
 * A subdivision the holiday data does not know for the lead's country (or one without a country)
 * would pick no regional holidays: it is refused with 400 naming the field wherever a lead's place is
 * given (create, replace, batch rows, import rows, both previews) and nothing of it is stored. Against
 * DynamoDB Local, the scheduler emulator and local S3 and SQS for the import.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHandler, type ImportServices, startImportServices } from '../support/import-services';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

let services: ImportServices;
let api: { imports: ApiHandler; leads: ApiHandler; assistants: ApiHandler; sequences: ApiHandler };

pinClock(new Date('2030-01-07T09:00:00Z'));
beforeAll(async () => {
  services = await startImportServices();
  const { handlerOf } = services;
  api = {
    imports: await handlerOf('imports-api'),
    leads: await handlerOf('leads-api'),
    assistants: await handlerOf('assistants-api'),
    sequences: await handlerOf('sequences-api'),
  };
});

afterAll(() => services?.stop());

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(api.assistants, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  return { admin, assistant };
}

const issuesOf = (answer: { body: { error: { details: unknown } } }) => answer.body.error.details;

describe('an unknown subdivision', () => {
  it('is refused naming subdivision on POST /leads, PUT /leads/{id} and per batch row; nothing is stored', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();
    const lead = { firstName: 'Ada', assistantId: assistant.id };
    const { body: stored } = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { ...lead, email: 'ada@example.de', country: 'DE', subdivision: 'BY' },
    });
    // Act
    const unknown = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { ...lead, email: 'bo@example.de', country: 'DE', subdivision: 'ZZZ' },
    });
    const noCountry = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { ...lead, email: 'cy@example.de', subdivision: 'BY' },
    });
    const noneInData = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { ...lead, email: 'di@example.fr', country: 'FR', subdivision: 'IDF' },
    });
    const replaced = await invoke(api.leads, 'updateLead', {
      caller: admin,
      params: { id: stored.id },
      headers: { 'if-match': '"1"' },
      body: {
        ...lead,
        email: 'ada@example.de',
        country: 'DE',
        subdivision: 'DE-ZZZ',
        sequenceId: 'system-recommended',
      },
    });
    const batch = await invoke(api.leads, 'createLeads', {
      caller: admin,
      body: {
        leads: [
          { ...lead, email: 'ed@example.de', country: 'DE', subdivision: 'be' },
          { ...lead, email: 'fi@example.de', country: 'DE', subdivision: 'ZZZ' },
        ],
      },
    });
    const after = await invoke(api.leads, 'getLead', { caller: admin, params: { id: stored.id } });
    const listed = await invoke(api.leads, 'listLeads', { caller: admin });
    // Assess
    expect([unknown.status, noCountry.status, noneInData.status, replaced.status]).toEqual([
      400, 400, 400, 400,
    ]);
    expect(issuesOf(unknown)).toEqual([
      {
        path: 'subdivision',
        message:
          'ZZZ is not a subdivision of DE; one of BB, BE, BW, BY, HB, HE, HH, MV, NI, NW, RP, SH, SL, SN, ST, TH',
      },
    ]);
    expect(issuesOf(noCountry)).toEqual([
      { path: 'subdivision', message: 'Give country too: a subdivision is read within its country' },
    ]);
    expect(issuesOf(noneInData)).toEqual([{ path: 'subdivision', message: expect.stringContaining('FR') }]);
    expect(issuesOf(replaced)).toEqual([{ path: 'subdivision', message: expect.stringContaining('ZZZ') }]);
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([201, 400]);
    expect(batch.body.items[0].lead.subdivision).toBe('BE');
    expect(batch.body.items[1].error.details).toEqual([
      { path: 'subdivision', message: expect.stringContaining('ZZZ') },
    ]);
    expect(after.body).toMatchObject({ version: 1, subdivision: 'BY' });
    expect(listed.body.items.map((item: { email: string }) => item.email).sort()).toEqual([
      'ada@example.de',
      'ed@example.de',
    ]);
  });

  it('is refused on both previews, naming subdivision and lead.subdivision', async () => {
    // Prepare
    const { admin } = await newOrg();
    // Act
    const dates = await invoke(api.sequences, 'previewStepDates', {
      caller: admin,
      body: { sequenceId: 'system-recommended', country: 'DE', subdivision: 'ZZZ' },
    });
    const known = await invoke(api.sequences, 'previewStepDates', {
      caller: admin,
      body: { sequenceId: 'system-recommended', country: 'DE', subdivision: 'BY' },
    });
    const step = await invoke(api.sequences, 'previewSequenceStep', {
      caller: admin,
      params: { id: 'system-recommended', index: '0' },
      body: { lead: { firstName: 'Ada', country: 'DE', subdivision: 'ZZZ' } },
    });
    // Assess
    expect(dates.status).toBe(400);
    expect(issuesOf(dates)).toEqual([{ path: 'subdivision', message: expect.stringContaining('ZZZ') }]);
    expect(known.status).toBe(200);
    expect(known.body.holidayCalendar).toEqual({ country: 'DE', subdivision: 'BY' });
    expect(step.status).toBe(400);
    expect(issuesOf(step)).toEqual([{ path: 'lead.subdivision', message: expect.stringContaining('ZZZ') }]);
  });

  it('fails its import row, naming the field, while the other rows go in', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();
    const rows = [
      { firstName: 'Ada', email: 'ada@example.de', country: 'DE', subdivision: 'BY' },
      { firstName: 'Bo', email: 'bo@example.de', country: 'DE', subdivision: 'ZZZ' },
    ];
    // Act
    const accepted = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id },
    });
    await services.sqs.drain('imports', services.importWorker, {
      batchSize: 1,
      maxReceives: 1,
      timeoutMs: 70_000,
    });
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.body.id } });
    const issues = await invoke(api.imports, 'listImportErrors', {
      caller: admin,
      params: { id: accepted.body.id },
    });
    // Assess
    expect(done.body).toMatchObject({ status: 'done', created: 1, failed: 1 });
    expect(issues.body.items).toContainEqual({
      row: 2,
      code: 'validation_failed',
      message: expect.stringContaining('ZZZ'),
      field: 'subdivision',
    });
  });
});
