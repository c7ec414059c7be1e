/**
 * Input as the frontend sends it (issue #21): a mistyped field is a 400 naming it and the field it most
 * likely meant, on every JSON route and in each batch row, never a 201 that silently dropped it; an
 * address pasted with spaces is that address; a start without an offset says what it lacks. Through
 * the handlers against DynamoDB Local, asserting the answer and what is (not) stored.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { type OperationId, operations } from '../../lambdas/http/contract';
import type { Operation } from '../../lambdas/http/contract/operation';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as publicApi } from '../../lambdas/public-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@contoso.example`, timezone: 'Europe/Berlin' },
  });
  return { orgId, admin, assistant };
}

async function storedEmails(caller: TestCaller): Promise<string[]> {
  const { body } = await invoke(leadsApi, 'listLeads', { caller });
  return body.items.map((lead: { email?: string }) => lead.email).sort();
}

describe('an unknown field', () => {
  it('is a 400 naming it and the closest known field on POST /leads; nothing is stored', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();

    // Act
    const typo = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Ada', emial: 'ada@example.com', assistantId: assistant.id },
    });
    const snake = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { first_name: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
    });

    // Assess
    expect(typo.status).toBe(400);
    expect(typo.body.error).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'emial', message: 'unknown field emial — did you mean email?' }],
    });
    expect(snake.status).toBe(400);
    expect(snake.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'first_name', message: 'unknown field first_name — did you mean firstName?' },
        { path: 'firstName', message: 'firstName is required' },
      ]),
    );
    expect(await storedEmails(admin)).toEqual([]);
  });

  it('fails its own batch row, the good rows are added', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();

    // Act
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: {
        leads: [
          { firstName: 'Ada', email: 'ada@example.com', assistantId: assistant.id },
          { firstName: 'Bo', email: 'bo@example.com', assistantId: assistant.id, compnay: 'Bo Co' },
        ],
      },
    });

    // Assess
    expect(batch.status).toBe(200);
    expect(batch.body.items[0].status).toBe(201);
    expect(batch.body.items[1]).toMatchObject({
      index: 1,
      status: 400,
      error: { details: [{ path: 'compnay', message: 'unknown field compnay — did you mean company?' }] },
    });
    expect(await storedEmails(admin)).toEqual(['ada@example.com']);
  });

  it('in a sequence step (delayDays) is refused naming the step, and no sequence is stored', async () => {
    // Prepare
    const { admin } = await newOrg();

    // Act
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Typo',
        steps: [{ afterDays: 0, delayDays: 3, channel: 'email', messageType: 'generated', tone: 'candid' }],
      },
    });
    const listed = await invoke(sequencesApi, 'listSequences', { caller: admin });

    // Assess
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([
      { path: 'steps.0.delayDays', message: 'unknown field delayDays' },
    ]);
    expect(listed.body.items.map((sequence: { name: string }) => sequence.name)).not.toContain('Typo');
  });

  it('is a 400 naming it on every JSON route', async () => {
    // Prepare
    const { admin } = await newOrg();
    const handlers = {
      assistants: assistantsApi,
      leads: leadsApi,
      messages: messagesApi,
      org: orgApi,
      public: publicApi,
      sequences: sequencesApi,
      imports: (await import('../../lambdas/imports-api')).handler,
    } as Record<string, typeof leadsApi>;
    const withJsonBody = (Object.entries(operations) as [OperationId, Operation][]).filter(
      ([, operation]) => operation.body !== undefined || operation.fn === 'imports',
    );

    // Act
    const answers = [];
    for (const [id, operation] of withJsonBody) {
      const handler = handlers[operation.fn];
      if (!handler || (operation.fn === 'imports' && operation.method !== 'POST')) continue;
      const params = Object.fromEntries(
        [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, 'x']),
      );
      const answer = await invoke(handler, id, {
        caller: admin,
        headers: { 'if-match': '"1"' },
        params,
        body: { zzUnknown: 1 },
      });
      answers.push({
        id,
        status: answer.status,
        paths: answer.body?.error?.details?.map((d: { path: string }) => d.path),
      });
    }

    // Assess
    expect(answers.length).toBeGreaterThanOrEqual(20);
    for (const answer of answers)
      expect(answer).toMatchObject({ status: 400, paths: expect.arrayContaining(['zzUnknown']) });
  });
});

describe('addresses and starts', () => {
  it('takes an address pasted with spaces as the address', async () => {
    const { admin, assistant } = await newOrg();

    const created = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Sp', email: ' SP@example.com ', assistantId: assistant.id },
    });

    expect(created.status).toBe(201);
    expect(created.body.email).toBe('sp@example.com');
    expect(await storedEmails(admin)).toEqual(['sp@example.com']);
  });

  it('refuses a startAt without an offset, saying an offset or Z is needed', async () => {
    const { admin, assistant } = await newOrg();

    const created = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: {
        firstName: 'Ada',
        assistantId: assistant.id,
        email: 'a@example.com',
        startAt: '2027-01-05T09:00:00',
      },
    });

    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual([
      {
        path: 'startAt',
        message:
          'startAt must be an ISO 8601 date-time with a time zone offset or Z, e.g. 2027-01-05T09:00:00Z or 2027-01-05T09:00:00+01:00',
      },
    ]);
    expect(await storedEmails(admin)).toEqual([]);
  });
});

describe('enrolment says what the sender will meet later', () => {
  const whatsAppSequence = async (admin: TestCaller) => {
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: admin,
      body: {
        name: 'WA check-in',
        channel: 'whatsapp',
        whatsapp: {
          templateName: 'followup_checkin',
          languageCode: 'en_US',
          parameters: [{ position: 1, value: '{{lead.firstName}}' }],
        },
      },
    });
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Mixed',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
          { afterDays: 2, channel: 'whatsapp', messageType: 'custom', messageId: message.id },
        ],
      },
    });
    expect(created.status).toBe(201);
    return created.body;
  };

  it('warns whatsapp_not_connected on POST /leads and in the batch, in the one BatchGetItem', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();
    const sequence = await whatsAppSequence(admin);
    const lead = {
      firstName: 'Ada',
      phone: '+14155550142',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    };

    // Act
    const created = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { ...lead, email: 'ada@example.com' },
    });
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: { leads: [{ ...lead, email: 'bo@example.com' }] },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.enrollment.status).toBe('active');
    expect(created.body.warnings).toEqual(
      expect.arrayContaining([
        { code: 'whatsapp_not_connected', message: expect.stringContaining('step 1') },
      ]),
    );
    expect(batch.body.items[0].lead.warnings.map((each: { code: string }) => each.code)).toContain(
      'whatsapp_not_connected',
    );
  });

  it('refuses a suppressed address with 409 address_suppressed on POST /leads and its batch row', async () => {
    // Prepare
    const { orgId, admin, assistant } = await newOrg();
    const { suppress } = await import('../../lambdas/data/suppressions');
    await suppress(orgId, 'gone@example.com', 'unsubscribed', new Date('2027-01-04T09:00:00Z'));

    // Act
    const single = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Gone', email: 'Gone@example.com', assistantId: assistant.id },
    });
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: admin,
      body: {
        leads: [
          { firstName: 'Gone', email: 'gone@example.com', assistantId: assistant.id },
          { firstName: 'Here', email: 'here@example.com', assistantId: assistant.id },
        ],
      },
    });

    // Assess
    expect(single.status).toBe(409);
    expect(single.body.error.code).toBe('address_suppressed');
    expect(batch.body.items.map((item: { status: number }) => item.status)).toEqual([409, 201]);
    expect(batch.body.items[0].error.code).toBe('address_suppressed');
    expect(await storedEmails(admin)).toEqual(['here@example.com']);
  });

  it('accepts a startAt that has passed, starting now, with a start_in_past warning', async () => {
    // Prepare
    const { admin, assistant } = await newOrg();
    const past = '2020-01-06T09:00:00Z';

    // Act
    const created = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Late', email: 'late@example.com', assistantId: assistant.id, startAt: past },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual(
      expect.arrayContaining([
        { code: 'start_in_past', message: expect.stringContaining(past), field: 'startAt' },
      ]),
    );
    expect(new Date(created.body.enrollment.nextSendAt).getTime()).toBeGreaterThan(Date.parse(past));
  });
});

describe('a step preview', () => {
  it('says which of its parts are samples rather than the org’s own', async () => {
    // Prepare
    const { admin } = await newOrg();
    const lead = { firstName: 'Ada', company: 'Lovelace & Co', email: 'ada@example.com' };
    const assistant = { name: 'Sam', email: 'sam@example.com' };
    const preview = (body: Record<string, unknown>) =>
      invoke(sequencesApi, 'previewSequenceStep', {
        caller: admin,
        params: { id: 'system-recommended', index: '0' },
        body,
      });

    // Act
    const bare = await preview({});
    const given = await preview({ lead, assistant });
    await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: {
        name: 'Acme',
        offering: {
          summary: 'We make invoices get paid.',
          valueProposition: 'Paid sooner.',
          callToAction: 'A call next week?',
        },
      },
    });
    const own = await preview({ lead, assistant });

    // Assess
    expect(bare.status).toBe(200);
    expect(bare.body.samples).toEqual(['lead', 'assistant', 'org', 'offering']);
    expect(bare.body.html).toContain('Contoso');
    expect(given.body.samples).toEqual(['org', 'offering']);
    expect(own.body.samples).toEqual([]);
  });
});
