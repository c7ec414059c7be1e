/**
 * A re-plan job's count against DynamoDB Local and the scheduler emulator: a gap edit re-plans the
 * sequence's running leads over two workers (the first runs out of time after the active leads and
 * hands the rest on with its count), and only after the last page is the finished re-plan recorded,
 * with every lead the job moved; a redelivered last page records nothing new. The record is what the
 * domain events publish as `sequence.changed` with `replannedLeads` (engine/domain-events.ts).
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db, tableName } from '../../lambdas/data/client';
import { getLead } from '../../lambdas/data/leads';
import { replanKey } from '../../lambdas/data/replans';
import { domainEventsOf } from '../../lambdas/engine/domain-events';
import { workOnReplanJob } from '../../lambdas/engine/replan';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
/** Monday 4 March 2030, 11:00 in Berlin. */
const NOW = new Date('2030-03-04T10:00:00Z');

pinClock(NOW);
beforeAll(() => {
  ses.on(SendEmailCommand).resolves({ MessageId: `ses-${randomUUID()}` });
});

const emailStep = (afterDays: number) => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone: 'gentle',
});

describe('a re-plan job’s record', () => {
  it('counts the leads every worker of the job moved, once, after the last page', async () => {
    // Prepare: two active leads and one snoozed past any new gap, on a sequence whose first gap grows.
    const orgId = `org-${randomUUID()}`;
    const member: TestCaller = { orgId, userId: 'member' };
    const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
      caller: { ...member, role: 'admin' },
      body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: { name: 'Short', description: 'Two touches', steps: [emailStep(0), emailStep(3)] },
    });
    const leads = [];
    for (const name of ['ada', 'bob', 'cy']) {
      const created = await invoke(leadsApi, 'createLead', {
        caller: member,
        body: {
          firstName: name,
          email: `${name}@${orgId}.example`,
          assistantId: assistant.id,
          sequenceId: sequence.id,
        },
      });
      expect(created.status).toBe(201);
      leads.push(created.body);
    }
    const snoozed = await invoke(leadsApi, 'snoozeLead', {
      caller: member,
      params: { id: leads[2].id },
      body: { until: '2030-06-03' },
    });
    expect(snoozed.status).toBe(200);
    const replaced = await invoke(sequencesApi, 'replaceSequence', {
      caller: member,
      params: { id: sequence.id },
      headers: { 'if-match': '"1"' },
      body: {
        name: 'Short',
        description: 'Two touches',
        type: 'standard',
        steps: [emailStep(2), emailStep(3)],
      },
    });
    expect(replaced.status).toBe(200);
    const job = { orgId, sequenceId: sequence.id, version: 2 };
    const budget = { hasTimeForAPage: () => false, now: () => NOW };
    const record = async () =>
      (await db.send(new GetCommand({ TableName: tableName(), Key: replanKey(orgId, sequence.id, 2) }))).Item;

    // Act
    const first = await workOnReplanJob(job, budget);
    const afterFirst = await record();
    const last = first?.rest && (await workOnReplanJob(first.rest, budget));
    const recorded = await record();
    const redelivered = first?.rest && (await workOnReplanJob(first.rest, budget));
    const afterRedelivery = await record();

    // Assess: the active leads moved two days on; the snoozed one waits for its wake, unmoved.
    expect(first).toEqual({ touched: 2, rest: { ...job, cursor: 'snoozed:', replanned: 2 } });
    expect(afterFirst).toBeUndefined();
    expect(last).toEqual({ touched: 0 });
    expect(recorded).toMatchObject({
      entity: 'replan',
      orgId,
      sequenceId: sequence.id,
      version: 2,
      leads: 2,
      finishedAt: NOW.toISOString(),
    });
    expect((await getLead(orgId, leads[0].id))?.enrollment.nextSendAt).toBe('2030-03-06T10:00:00.000Z');
    expect(redelivered).toEqual({ touched: 0 });
    expect(afterRedelivery).toEqual(recorded);
    expect(domainEventsOf({ eventName: 'INSERT', after: recorded })).toMatchObject([
      {
        type: 'sequence.changed',
        orgId,
        occurredAt: NOW.toISOString(),
        subject: { kind: 'sequence', id: sequence.id },
        data: { sequenceId: sequence.id, version: 2, replanned: true, replannedLeads: 2 },
      },
    ]);
  });
});
