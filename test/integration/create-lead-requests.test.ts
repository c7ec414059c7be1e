import { beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import { schedulerClient } from '../../lambdas/adapters/step-scheduler';
import { db } from '../../lambdas/data/client';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';

const counter = new RequestCounter();
beforeAll(async () => {
  counter.instrument('DynamoDB', db.middlewareStack);
  counter.instrument('Scheduler', (await schedulerClient()).middlewareStack);
});

async function newOrg() {
  const { orgId, admin, assistantId } = await orgWithAssistant();
  const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
    caller: admin,
    body: {
      name: 'Short',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  // A first lead warms the function: the caller is remembered once per container, not per request.
  await invoke(leadsApi, 'createLead', {
    caller: admin,
    body: { firstName: 'Warm', email: `warm@${orgId}.example`, assistantId },
  });
  return { admin, assistantId, sequenceId: sequence.id as string };
}

async function requestsOfCreateLead(caller: TestCaller, body: Record<string, unknown>) {
  counter.reset();
  const created = await invoke(leadsApi, 'createLead', { caller, body });
  return { status: created.status, lead: created.body, requests: counter.snapshot().attempts };
}

describe('POST /leads', () => {
  it('reads in one BatchGetItem, writes once and schedules once, on an org sequence', async () => {
    // Prepare
    const { admin, assistantId, sequenceId } = await newOrg();

    // Act
    const { status, lead, requests } = await requestsOfCreateLead(admin, {
      firstName: 'Ada',
      email: 'ada@example.com',
      assistantId,
      sequenceId,
    });

    // Assess
    expect(status).toBe(201);
    expect(lead.enrollment).toMatchObject({ sequenceId, sequenceName: 'Short', status: 'active' });
    expect(requests).toEqual({
      'DynamoDB:BatchGetItem': 1,
      'DynamoDB:TransactWriteItems': 1,
      'Scheduler:CreateSchedule': 1,
    });
  });

  it('makes the same three requests on a system sequence, which lives in code', async () => {
    // Prepare
    const { admin, assistantId } = await newOrg();

    // Act
    const { status, lead, requests } = await requestsOfCreateLead(admin, {
      firstName: 'Grace',
      email: 'grace@example.com',
      assistantId,
      sequenceId: 'system-recommended',
    });

    // Assess
    expect(status).toBe(201);
    expect(lead.enrollment).toMatchObject({ sequenceId: 'system-recommended', status: 'active' });
    expect(requests).toEqual({
      'DynamoDB:BatchGetItem': 1,
      'DynamoDB:TransactWriteItems': 1,
      'Scheduler:CreateSchedule': 1,
    });
  });

  it('reads a sequence’s custom messages in the same BatchGetItem once it has enrolled on it', async () => {
    // Prepare: a custom first e-mail needing the lead's company, and a first lead on the sequence.
    const { admin, assistantId } = await newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: admin,
      body: {
        name: 'Opener',
        channel: 'email',
        email: { subject: 'For {{lead.company}}', html: '<p>Hi {{lead.firstName}}</p>' },
      },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Custom',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id }],
      },
    });
    const first = await requestsOfCreateLead(admin, {
      firstName: 'Ada',
      email: 'ada@example.com',
      company: 'Analytical Engines',
      assistantId,
      sequenceId: sequence.id,
    });

    // Act
    const second = await requestsOfCreateLead(admin, {
      firstName: 'Lin',
      email: 'lin@example.com',
      assistantId,
      sequenceId: sequence.id,
    });

    // Assess: the first read the messages apart; the second in one read, and still warns from them.
    expect(first.requests['DynamoDB:BatchGetItem']).toBe(2);
    expect(second.status).toBe(201);
    expect(second.requests).toEqual({
      'DynamoDB:BatchGetItem': 1,
      'DynamoDB:TransactWriteItems': 1,
      'Scheduler:CreateSchedule': 1,
    });
    expect(second.lead.warnings).toEqual([
      {
        code: 'placeholder_missing',
        message: expect.stringContaining('no value for lead.company'),
        field: 'company',
      },
    ]);
  });

  it('reads the messages a sequence names now when they changed since its last lead', async () => {
    // Prepare: a lead on a sequence of one custom message, then the sequence switched to another.
    const { admin, assistantId } = await newOrg();
    const message = async (name: string, subject: string) =>
      (
        await invoke(messagesApi, 'createMessage', {
          caller: admin,
          body: { name, channel: 'email', email: { subject, html: '<p>Hi</p>' } },
        })
      ).body.id as string;
    const plain = await message('Plain', 'Hello');
    const personal = await message('Personal', 'For {{lead.custom.plan}}');
    const step = (messageId: string) => ({
      afterDays: 0,
      channel: 'email',
      messageType: 'custom',
      messageId,
    });
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: { name: 'Switching', steps: [step(plain)] },
    });
    await requestsOfCreateLead(admin, {
      firstName: 'Ada',
      email: 'ada@example.com',
      assistantId,
      sequenceId: created.body.id,
    });
    const replaced = await invoke(sequencesApi, 'replaceSequence', {
      caller: admin,
      params: { id: created.body.id },
      headers: { 'if-match': `"${created.body.version}"` },
      body: { name: 'Switching', description: '', type: 'standard', steps: [step(personal)] },
    });
    expect(replaced.status).toBe(200);

    // Act
    const next = await requestsOfCreateLead(admin, {
      firstName: 'Lin',
      email: 'lin@example.com',
      assistantId,
      sequenceId: created.body.id,
    });

    // Assess: the message the sequence names now is read, and its placeholder warned about.
    expect(next.status).toBe(201);
    expect(next.requests['DynamoDB:BatchGetItem']).toBe(2);
    expect(next.lead.warnings).toEqual([
      {
        code: 'placeholder_missing',
        message: expect.stringContaining('no value for lead.custom.plan'),
        field: 'customFields.plan',
      },
    ]);
  });

  it('still answers 400 naming assistantId for an assistant of no one', async () => {
    // Prepare
    const { admin, sequenceId } = await newOrg();

    // Act
    const refused = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: { firstName: 'Lin', email: 'lin@example.com', assistantId: 'nobody', sequenceId },
    });

    // Assess
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('assistantId');
  });
});
