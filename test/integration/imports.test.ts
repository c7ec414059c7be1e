/**
 * Imports against DynamoDB Local, the scheduler emulator and local S3 and SQS: a JSON and a CSV import
 * worked through by the import worker off the queue, bad rows beside good ones, a page worked again
 * after a simulated crash (nothing created twice, nothing counted twice), bad bodies refused whole; and
 * the warning (or, strict, the 422) for a lead whose custom step would be skipped.
 */
import { randomUUID } from 'node:crypto';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiHandler, type ImportServices, startImportServices } from '../support/import-services';
import { invoke, type TestCaller } from '../support/invoke';

let services: ImportServices;
let api: {
  imports: ApiHandler;
  leads: ApiHandler;
  assistants: ApiHandler;
  messages: ApiHandler;
  sequences: ApiHandler;
};
let db: typeof import('../../lambdas/data/client');
const scheduler = new SchedulerClient({});

beforeAll(async () => {
  services = await startImportServices();
  const { handlerOf } = services;
  api = {
    imports: await handlerOf('imports-api'),
    leads: await handlerOf('leads-api'),
    assistants: await handlerOf('assistants-api'),
    messages: await handlerOf('messages-api'),
    sequences: await handlerOf('sequences-api'),
  };
  db = await import('../../lambdas/data/client');
});

afterAll(() => services?.stop());

/** An org with an assistant and a sequence whose first e-mail is custom and names the lead's company. */
async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(api.assistants, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const { body: message } = await invoke(api.messages, 'createMessage', {
    caller: admin,
    body: {
      name: 'Intro',
      channel: 'email',
      email: {
        subject: 'For {{lead.company}}',
        html: '<p>Hi {{lead.firstName}}, {{lead.custom.plan|a plan}}</p>',
      },
    },
  });
  const { body: sequence } = await invoke(api.sequences, 'createSequence', {
    caller: admin,
    body: {
      name: 'Custom first',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id },
        { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  return { admin, assistant, sequence, message };
}

/**
 * Runs the import worker on the queue until it is empty, one job per invocation as in AWS. With 70 s
 * left at the start and a minute kept back, a job works a page or two, then queues its continuation.
 */
async function work(): Promise<void> {
  await services.sqs.drain('imports', services.importWorker, {
    batchSize: 1,
    maxReceives: 1,
    timeoutMs: 70_000,
  });
}

async function errorsOf(caller: TestCaller, id: string) {
  const items = [];
  let cursor: string | undefined;
  do {
    const { status, body } = await invoke(api.imports, 'listImportErrors', {
      caller,
      params: { id },
      query: cursor ? { cursor } : {},
    });
    expect(status).toBe(200);
    items.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return items;
}

async function schedulesOf(leadId: string): Promise<number> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: process.env.SCHEDULE_GROUP, NamePrefix: `lead-${leadId}` }),
  );
  return Schedules.length;
}

async function allLeads(caller: TestCaller) {
  const leads = [];
  let cursor: string | undefined;
  do {
    const { body } = await invoke(api.leads, 'listLeads', { caller, query: cursor ? { cursor } : {} });
    leads.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return leads;
}

describe('a lead whose custom step would be skipped', () => {
  it('is added with a warning naming the step and the field, or refused with ?strict=true', async () => {
    const { admin, assistant, sequence } = await newOrg();
    const lead = {
      assistantId: assistant.id,
      sequenceId: sequence.id,
      firstName: 'Ada',
      email: 'ada@example.com',
    };

    const strict = await invoke(api.leads, 'createLead', {
      caller: admin,
      query: { strict: 'true' },
      body: lead,
    });
    const warned = await invoke(api.leads, 'createLead', { caller: admin, body: lead });
    const complete = await invoke(api.leads, 'createLead', {
      caller: admin,
      query: { strict: 'true' },
      body: { ...lead, email: 'grace@example.com', company: 'Lovelace Ltd' },
    });
    const batch = await invoke(api.leads, 'createLeads', {
      caller: admin,
      query: { strict: 'true' },
      body: {
        leads: [
          { ...lead, email: 'bo@example.com' },
          { ...lead, email: 'cy@example.com', company: 'Cy' },
        ],
      },
    });

    expect(strict.status).toBe(422);
    expect(strict.body.error.details.skippedSteps).toEqual([
      { step: 0, messageId: expect.any(String), messageName: 'Intro', missing: ['lead.company'] },
    ]);
    expect(warned.status).toBe(201);
    expect(warned.body.warnings).toEqual([
      {
        code: 'placeholder_missing',
        message: 'Step 0 (custom message "Intro") would be skipped for this lead: no value for lead.company',
        field: 'company',
      },
    ]);
    expect(complete.status).toBe(201);
    expect(complete.body.warnings).toEqual([]);
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([422, 201]);
    // Nothing of the refused ones was stored: only Ada (warned), Grace and Cy.
    expect((await allLeads(admin)).map((stored) => stored.email).sort()).toEqual([
      'ada@example.com',
      'cy@example.com',
      'grace@example.com',
    ]);
  });
});

describe('imports', () => {
  it('adds good rows, counts duplicates, records bad rows and warnings, and never stops at a bad row', async () => {
    const { admin, assistant, sequence } = await newOrg();
    await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { assistantId: assistant.id, firstName: 'Old', email: 'old@example.com' },
    });
    const rows = [
      { firstName: 'Ada', email: 'ada@example.com', company: 'Lovelace Ltd' },
      { firstName: 'Bo', email: 'not-an-address' },
      { firstName: 'Cy', email: 'cy@example.com' },
      { firstName: 'Old again', email: 'old@example.com', company: 'X' },
      { firstName: 'Ada twin', email: 'ADA@example.com', company: 'Y' },
      'not a lead',
      { firstName: 'Di', email: 'di@example.com', company: 'Di Co', sequenceId: 'system-recommended' },
    ];

    const accepted = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: sequence.id },
    });
    const queued = await invoke(api.imports, 'getImport', {
      caller: admin,
      params: { id: accepted.body.id },
    });
    await work();
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.body.id } });
    const issues = await errorsOf(admin, accepted.body.id);
    const list = await invoke(api.imports, 'listImports', { caller: admin });
    const otherOrg = await invoke(api.imports, 'getImport', {
      caller: { orgId: `org-${randomUUID()}`, userId: 'x' },
      params: { id: accepted.body.id },
    });

    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ id: expect.any(String), status: 'queued', total: 7 });
    expect(queued.body).toEqual({
      id: accepted.body.id,
      status: 'queued',
      total: 7,
      created: 0,
      duplicates: 0,
      failed: 0,
    });
    expect(done.body).toEqual({
      id: accepted.body.id,
      status: 'done',
      total: 7,
      created: 3,
      duplicates: 2,
      failed: 2,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(issues).toEqual([
      { row: 2, code: 'validation_failed', message: expect.stringContaining('email'), field: 'email' },
      {
        row: 3,
        code: 'step_would_be_skipped',
        message: 'Step 0 (custom message "Intro") would be skipped for this lead: no value for lead.company',
        field: 'company',
      },
      { row: 4, code: 'duplicate', message: expect.stringContaining('already exists'), field: 'email' },
      { row: 5, code: 'duplicate', message: 'Row 1 of this import has the same e-mail', field: 'email' },
      { row: 6, code: 'validation_failed', message: 'A row must be an object of lead fields' },
      // Recommended opens with a generated e-mail and the org has no offering: POST /leads warns so too.
      { row: 7, code: 'offering_missing', message: expect.stringContaining('no offering') },
    ]);
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([accepted.body.id]);
    expect(otherOrg.status).toBe(404);
    const leads = await allLeads(admin);
    expect(leads.map((lead) => lead.email).sort()).toEqual([
      'ada@example.com',
      'cy@example.com',
      'di@example.com',
      'old@example.com',
    ]);
    const di = leads.find((lead) => lead.email === 'di@example.com');
    expect(di?.enrollment.sequenceId).toBe('system-recommended');
    expect(leads.find((lead) => lead.email === 'ada@example.com')?.enrollment).toMatchObject({
      sequenceId: sequence.id,
      status: 'active',
      nextStep: 0,
    });
  });

  it('works a page again after a crash without creating or counting anything twice', async () => {
    const { admin, assistant, sequence } = await newOrg();
    const rows = Array.from({ length: 150 }, (_, index) => ({
      firstName: `Lead ${index}`,
      email: `lead-${index}@example.com`,
      company: `Company ${index}`,
      ...(index === 120 && { email: 'broken' }),
    }));
    const { body: accepted } = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: sequence.id },
    });
    await work();
    const first = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.id } });

    // The worker died after creating the leads of the second page, before it counted them: the record
    // is back at that page, running, and its job is handed out again.
    await db.db.send(
      new UpdateCommand({
        TableName: db.tableName(),
        Key: { pk: `ORG#${admin.orgId}`, sk: `IMPORT#${accepted.id}` },
        UpdateExpression:
          'SET nextRow = :page, created = :created, #failed = :zero, #status = :running REMOVE finishedAt',
        ExpressionAttributeNames: { '#failed': 'failed', '#status': 'status' },
        ExpressionAttributeValues: { ':page': 100, ':created': 100, ':zero': 0, ':running': 'running' },
      }),
    );
    const { importQueue } = await import('../../lambdas/adapters/import-queue');
    await importQueue(`${process.env.IMPORT_QUEUE_URL}`).enqueue({
      orgId: admin.orgId,
      importId: accepted.id,
    });
    await work();
    const again = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.id } });
    const leads = await allLeads(admin);
    const schedules = await Promise.all(leads.map((lead) => schedulesOf(lead.id)));

    expect(first.body).toMatchObject({ status: 'done', total: 150, created: 149, duplicates: 0, failed: 1 });
    expect(again.body).toMatchObject({ status: 'done', total: 150, created: 149, duplicates: 0, failed: 1 });
    expect(leads).toHaveLength(149);
    expect(new Set(leads.map((lead) => lead.email)).size).toBe(149);
    // One schedule per lead: the rows worked again found their leads and planned nothing more.
    expect(schedules.every((count) => count === 1)).toBe(true);
    expect(await errorsOf(admin, accepted.id)).toEqual([
      { row: 121, code: 'validation_failed', message: expect.stringContaining('email'), field: 'email' },
    ]);
  });

  it('takes a CSV with a header row, custom fields as customFields.<name> and the assistant in the query', async () => {
    const { admin, assistant, sequence } = await newOrg();
    const csv = [
      'firstName,email,company,customFields.plan',
      'Ada,ada@example.com,"Lovelace, Ltd",pro',
      'Bo,bo@example.com,,',
      'Cy,cy@example.com,Cy Co',
    ].join('\r\n');

    const accepted = await invoke(api.imports, 'createImport', {
      caller: admin,
      headers: { 'content-type': 'text/csv' },
      query: { assistantId: assistant.id, sequenceId: sequence.id },
      body: csv,
    });
    await work();
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.body.id } });
    const issues = await errorsOf(admin, accepted.body.id);
    const ada = (await allLeads(admin)).find((lead) => lead.email === 'ada@example.com');

    expect(accepted.status).toBe(202);
    expect(done.body).toMatchObject({ status: 'done', total: 3, created: 2, duplicates: 0, failed: 1 });
    expect(ada).toMatchObject({ company: 'Lovelace, Ltd', customFields: { plan: 'pro' } });
    expect(issues).toEqual([
      {
        row: 2,
        code: 'step_would_be_skipped',
        message: expect.stringContaining('lead.company'),
        field: 'company',
      },
      { row: 3, code: 'validation_failed', message: 'The line has 3 cells where the header names 4 columns' },
    ]);
  });

  it('records a reserved custom field name as its row’s error, and refuses such a CSV column whole', async () => {
    const { admin, assistant } = await newOrg();
    const rows: unknown[] = [
      { firstName: 'Ada', email: 'ada@example.com', customFields: { constructor: 'x' } },
      { firstName: 'Bo', email: 'bo@example.com', customFields: { plan: 'pro' } },
    ];

    const accepted = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: 'system-recommended' },
    });
    const csv = await invoke(api.imports, 'createImport', {
      caller: admin,
      headers: { 'content-type': 'text/csv' },
      query: { assistantId: assistant.id },
      body: 'firstName,email,customFields.__proto__\nAda,ada@example.com,x',
    });
    await work();
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.body.id } });
    const issues = await errorsOf(admin, accepted.body.id);
    const leads = await allLeads(admin);

    expect(done.body).toMatchObject({ status: 'done', total: 2, created: 1, duplicates: 0, failed: 1 });
    expect(issues).toEqual([
      {
        row: 1,
        code: 'validation_failed',
        message: expect.stringContaining('reserved name'),
        field: 'customFields.constructor',
      },
      { row: 2, code: 'offering_missing', message: expect.stringContaining('no offering') },
    ]);
    expect(leads.map((lead) => lead.email)).toEqual(['bo@example.com']);
    expect(csv.status).toBe(400);
    expect(csv.body.error.details).toEqual([
      { path: 'header.customFields.__proto__', message: expect.stringContaining('reserved name') },
    ]);
  });

  it('records a row that fails unexpectedly as that row’s error, and adds the others', async () => {
    const { admin, assistant } = await newOrg();
    const rows = ['Ada', 'Bug', 'Cy'].map((name) => ({
      firstName: name,
      email: `${name.toLowerCase()}@example.com`,
    }));
    // The table refuses Bug's lead every time with an error that is not the row's input nor transient
    // (as the marshaller once did for a custom field named "constructor").
    const send = db.db.send.bind(db.db);
    const refuseBug = vi.spyOn(db.db, 'send').mockImplementation(((command: { input?: unknown }) => {
      if (JSON.stringify(command.input ?? {}).includes('"firstName":"Bug"'))
        return Promise.reject(new Error('Unsupported type passed: [object Object]'));
      return send(command as never);
    }) as typeof db.db.send);

    const { body: accepted } = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: 'system-recommended' },
    });
    await work().finally(() => refuseBug.mockRestore());
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.id } });
    const issues = await errorsOf(admin, accepted.id);
    const leads = await allLeads(admin);

    expect(done.body).toMatchObject({ status: 'done', total: 3, created: 2, duplicates: 0, failed: 1 });
    expect(issues.filter((issue) => issue.code !== 'offering_missing')).toEqual([
      { row: 2, code: 'internal_error', message: 'This row could not be added; the error is logged' },
    ]);
    expect(leads.map((lead) => lead.email).sort()).toEqual(['ada@example.com', 'cy@example.com']);
  });

  it('takes an already-enrolled row for a duplicate, not for a sign that the sequence closed', async () => {
    // Prepare: the first row's address is running on the import's sequence; 20 new ones follow.
    const { admin, assistant, sequence } = await newOrg();
    await invoke(api.leads, 'createLead', {
      caller: admin,
      body: {
        assistantId: assistant.id,
        sequenceId: sequence.id,
        firstName: 'Old',
        email: 'old@example.com',
      },
    });
    const rows = [
      { firstName: 'Old again', email: 'old@example.com', company: 'Old Co' },
      ...Array.from({ length: 20 }, (_, index) => ({
        firstName: `Lead ${index}`,
        email: `lead-${index}@example.com`,
        company: 'New Co',
      })),
    ];
    const { body: accepted } = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: sequence.id },
    });
    // The worker's reads of the sequence's item: a conflict that named the sequence had the rows after
    // it read the sequence again, as if it were being deleted.
    let sequenceReads = 0;
    const send = db.db.send.bind(db.db);
    const countReads = vi.spyOn(db.db, 'send').mockImplementation(((command: {
      constructor: { name: string };
      input?: unknown;
    }) => {
      const reads = ['GetCommand', 'BatchGetCommand'].includes(command.constructor.name);
      if (reads && JSON.stringify(command.input ?? {}).includes(`"SEQ#${sequence.id}"`)) sequenceReads += 1;
      return send(command as never);
    }) as typeof db.db.send);

    // Act
    await work().finally(() => countReads.mockRestore());

    // Assess
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.id } });
    expect(done.body).toMatchObject({ status: 'done', total: 21, created: 20, duplicates: 1, failed: 0 });
    expect(await errorsOf(admin, accepted.id)).toEqual([
      { row: 1, code: 'duplicate', message: expect.stringContaining('already exists'), field: 'email' },
    ]);
    const leads = await allLeads(admin);
    expect(leads).toHaveLength(21);
    expect(leads.every((lead) => lead.enrollment.sequenceId === sequence.id)).toBe(true);
    expect(sequenceReads).toBe(1);
  });

  it('leaves no lead on a sequence deleted while the import adds leads to it', async () => {
    const { admin, assistant } = await newOrg();
    const { body: doomed } = await invoke(api.sequences, 'cloneSequence', {
      caller: admin,
      params: { id: 'system-recommended' },
      body: { name: 'Doomed' },
    });
    const rows = Array.from({ length: 20 }, (_, index) => ({
      firstName: `Lead ${index}`,
      email: `lead-${index}@example.com`,
    }));
    // The sequence is deleted (its leads moved to Recommended) just as the import's 6th lead is
    // written: that write, and the rows still to come, land after the delete started.
    let inserts = 0;
    let deleted: Awaited<ReturnType<typeof invoke>> | undefined;
    const send = db.db.send.bind(db.db);
    const deleteMidway = vi.spyOn(db.db, 'send').mockImplementation((async (command: {
      constructor: { name: string };
      input: { TransactItems?: { Put?: { Item?: Record<string, unknown> } }[] };
    }) => {
      const insertsLead =
        command.constructor.name === 'TransactWriteCommand' &&
        (command.input.TransactItems ?? []).some((item) => item.Put?.Item?.entity === 'lead');
      if (insertsLead && ++inserts === 6) {
        deleted = await invoke(api.sequences, 'deleteSequence', {
          caller: admin,
          params: { id: doomed.id },
          query: { reassignTo: 'system-recommended' },
        });
      }
      return send(command as never);
    }) as unknown as typeof db.db.send);

    const { body: accepted } = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: rows, assistantId: assistant.id, sequenceId: doomed.id },
    });
    await work().finally(() => deleteMidway.mockRestore());
    const done = await invoke(api.imports, 'getImport', { caller: admin, params: { id: accepted.id } });
    const failures = (await errorsOf(admin, accepted.id)).filter(
      (issue) => issue.code !== 'offering_missing',
    );
    const leads = await allLeads(admin);

    expect(deleted?.status).toBe(204);
    expect(leads.filter((lead) => lead.enrollment.sequenceId !== 'system-recommended')).toEqual([]);
    expect(done.body).toMatchObject({ status: 'done', total: 20, duplicates: 0 });
    expect(done.body.created + done.body.failed).toBe(20);
    expect(done.body.failed).toBeGreaterThan(0);
    expect(leads).toHaveLength(done.body.created);
    expect(failures).toHaveLength(done.body.failed);
    expect(failures.every((issue) => issue.field === 'sequenceId')).toBe(true);
  });

  it('refuses bodies that cannot be an import, naming what is wrong, and stores nothing', async () => {
    const { admin, assistant } = await newOrg();
    const csv = (text: string) =>
      invoke(api.imports, 'createImport', {
        caller: admin,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
        query: { assistantId: assistant.id },
        body: text,
      });

    const empty = await invoke(api.imports, 'createImport', { caller: admin, body: '' });
    const noLeads = await invoke(api.imports, 'createImport', { caller: admin, body: { leads: [] } });
    const tooMany = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: Array.from({ length: 100_001 }, () => ({})) },
    });
    const noHeader = await csv('Ada,ada@example.com\nBo,bo@example.com');
    const unknownColumn = await csv('firstName,email,favouriteColour\nAda,ada@example.com,blue');
    const headerOnly = await csv('firstName,email\n');
    const tooManyLines = await csv(
      ['firstName', ...Array.from({ length: 100_001 }, (_, i) => `L${i}`)].join('\n'),
    );
    const unknownAssistant = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: [{ firstName: 'Ada' }], assistantId: 'nobody' },
    });
    const tooLarge = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: [{ firstName: 'x'.repeat(6 * 1024 * 1024) }] },
    });
    const list = await invoke(api.imports, 'listImports', { caller: admin });

    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('body');
    expect(noLeads.status).toBe(400);
    expect(noLeads.body.error.details[0].path).toBe('leads');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0]).toMatchObject({
      path: 'leads',
      message: expect.stringContaining('100,000'),
    });
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.error.details[0]).toMatchObject({
      path: 'header',
      message: expect.stringContaining('header row'),
    });
    expect(unknownColumn.status).toBe(400);
    expect(unknownColumn.body.error.details).toEqual([
      {
        path: 'header.favouriteColour',
        message: expect.stringContaining('unknown column favouriteColour.'),
      },
    ]);
    expect(headerOnly.status).toBe(400);
    expect(tooManyLines.status).toBe(400);
    expect(tooManyLines.body.error.details[0].message).toContain('100,001');
    expect(unknownAssistant.status).toBe(400);
    expect(unknownAssistant.body.error.details[0].path).toBe('assistantId');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.message).toContain('5 MB');
    expect(list.body.items).toEqual([]);
    expect(services.sqs.counts('imports').visible).toBe(0);
  });

  it('refuses a cursor it did not hand out', async () => {
    const { admin, assistant } = await newOrg();
    const { body: accepted } = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: [{ firstName: 'Ada', email: 'ada@example.com' }], assistantId: assistant.id },
    });

    const forged = await invoke(api.imports, 'listImportErrors', {
      caller: admin,
      params: { id: accepted.id },
      query: { cursor: Buffer.from('LEAD#x').toString('base64url') },
    });

    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_cursor');
    await work();
  });

  it('refuses, on one import’s issues, the cursor another import’s issues returned', async () => {
    const { admin, assistant } = await newOrg();
    // More issues than a page of 100 holds, so the first page hands out a cursor.
    const bad = Array.from({ length: 101 }, () => 'not a lead');
    const first = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: bad, assistantId: assistant.id },
    });
    const second = await invoke(api.imports, 'createImport', {
      caller: admin,
      body: { leads: bad, assistantId: assistant.id },
    });
    await work();
    const page = await invoke(api.imports, 'listImportErrors', {
      caller: admin,
      params: { id: first.body.id },
      query: { limit: '100' },
    });

    const own = await invoke(api.imports, 'listImportErrors', {
      caller: admin,
      params: { id: first.body.id },
      query: { cursor: page.body.nextCursor, limit: '100' },
    });
    const foreign = await invoke(api.imports, 'listImportErrors', {
      caller: admin,
      params: { id: second.body.id },
      query: { cursor: page.body.cursor, limit: '100' },
    });

    expect(page.body.items).toHaveLength(100);
    expect(page.body.cursor).toBe(page.body.nextCursor);
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([
      { row: 101, code: 'validation_failed', message: 'A row must be an object of lead fields' },
    ]);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('invalid_cursor');
  });

  it('pages the org’s imports newest first by limit, the cursor good for its caller only', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();
    const ids: string[] = [];
    for (const firstName of ['Ada', 'Grace', 'Linus']) {
      const { body } = await invoke(api.imports, 'createImport', {
        caller: admin,
        body: { leads: [{ firstName, email: `${firstName}@example.com` }], assistantId: assistant.id },
      });
      ids.push(body.id);
    }
    await work();
    const colleague = { ...admin, userId: 'colleague' };

    // Act
    const first = await invoke(api.imports, 'listImports', { caller: admin, query: { limit: '2' } });
    const second = await invoke(api.imports, 'listImports', {
      caller: admin,
      query: { limit: '2', cursor: first.body.nextCursor },
    });
    const theirs = await invoke(api.imports, 'listImports', {
      caller: colleague,
      query: { limit: '2', cursor: first.body.nextCursor },
    });
    const outOfBounds = await Promise.all(
      ['0', '201', 'many'].flatMap((limit) => [
        invoke(api.imports, 'listImports', { caller: admin, query: { limit } }),
        invoke(api.imports, 'listImportErrors', {
          caller: admin,
          params: { id: ids[0] ?? '' },
          query: { limit },
        }),
      ]),
    );

    // Assess: import ids start with their creation time, so newest first is descending id order.
    const shown = [...first.body.items, ...second.body.items].map((item: { id: string }) => item.id);
    expect(first.body.items).toHaveLength(2);
    expect(shown).toEqual([...ids].sort().reverse());
    expect(second.body.nextCursor).toBeUndefined();
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.code).toBe('invalid_cursor');
    for (const answer of outOfBounds) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['limit']);
    }
  });
});
