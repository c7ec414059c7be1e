/**
 * POST /leads makes at most three AWS requests once warm: one BatchGetItem for everything it reads (the
 * assistant, the org's settings, the sequence), the write, and the schedule. Counted on the handlers'
 * own clients against DynamoDB Local and the scheduler emulator.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import { schedulerClient } from '../../lambdas/adapters/step-scheduler';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db } from '../../lambdas/data/client';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';

const counter = new RequestCounter();
beforeAll(async () => {
  counter.instrument('DynamoDB', db.middlewareStack);
  counter.instrument('Scheduler', (await schedulerClient()).middlewareStack);
});

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: {
      name: 'Maya',
      email: `maya.${orgId}@assistants.followup.test`,
      timezone: 'Europe/Berlin',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    },
  });
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
    body: { firstName: 'Warm', email: `warm@${orgId}.example`, assistantId: assistant.id },
  });
  return { admin, assistantId: assistant.id as string, sequenceId: sequence.id as string };
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
