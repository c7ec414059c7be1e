/**
 * POST /assistants/{id}/verify-receiving mails a probe to an address that may be at anyone's domain:
 * at most one per assistant every 10 minutes, rationed in DynamoDB Local (a conditional write, so
 * concurrent requests and other Lambda instances agree), counted against the assistant's daily send
 * limit, and given back when SES certainly did not send it. SES itself is mocked; the clock is pinned.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db, tableName } from '../../lambdas/data/client';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);
/** A Monday, 10:00 in Berlin (the assistant's zone): its day ends at 2030-01-07T23:00:00Z. */
const START = new Date('2030-01-07T09:00:00Z');
let now = START;
const at = (offsetMs: number) => {
  now = new Date(START.getTime() + offsetMs);
};
const MINUTE = 60_000;

pinClock({ now: () => now });
beforeEach(() => {
  now = START;
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: `ses-${randomUUID()}` });
});

/** An assistant at a customer's own domain: it receives through forwarding, so it may be probed. */
async function newAssistant(dailyLimit = 100) {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya@${orgId}.customer.example`, timezone: 'Europe/Berlin', dailyLimit },
  });
  const probe = () =>
    invoke(assistantsApi, 'verifyAssistantReceiving', { caller: admin, params: { id: assistant.id } });
  return { orgId, assistant, probe };
}

async function sentToday(orgId: string, assistantId: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `ORG#${orgId}#ASSISTANT#${assistantId}`, sk: 'SENDS#2030-01-07' },
      ConsistentRead: true,
    }),
  );
  return Item?.sent as number | undefined;
}

describe('receiving probes', () => {
  it('mail one probe for twenty concurrent requests; the others answer 429 with Retry-After', async () => {
    // Prepare
    const { orgId, assistant, probe } = await newAssistant();
    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => probe()));
    // Assess
    const sent = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(sent).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const answer of refused) {
      expect(answer.body.error).toMatchObject({
        code: 'too_many_requests',
        details: { retryAfterSeconds: 600 },
      });
      expect(answer.headers['retry-after']).toBe('600');
    }
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(ses).toHaveReceivedCommandWith(SendEmailCommand, {
      Destination: { ToAddresses: [assistant.email] },
    });
    expect(await sentToday(orgId, assistant.id)).toBe(1);
  });

  it('allow the next probe 10 minutes after the last, by the injected clock', async () => {
    // Prepare
    const { probe } = await newAssistant();
    // Act
    const first = await probe();
    at(4 * MINUTE);
    const early = await probe();
    at(10 * MINUTE - 1000);
    const almost = await probe();
    at(10 * MINUTE);
    const due = await probe();
    // Assess
    expect([first.status, early.status, almost.status, due.status]).toEqual([200, 429, 429, 200]);
    expect(early.headers['retry-after']).toBe('360');
    expect(almost.headers['retry-after']).toBe('1');
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('count against the daily send limit: a full day answers 429 until the assistant’s midnight', async () => {
    // Prepare: a limit of one e-mail a day, which the first probe spends
    const { orgId, assistant, probe } = await newAssistant(1);
    // Act
    const first = await probe();
    at(30 * MINUTE);
    const dayFull = await probe();
    // Assess
    expect(first.status).toBe(200);
    expect(dayFull.status).toBe(429);
    expect(dayFull.body.error.message).toContain('daily limit of 1');
    // 09:30Z is 10:30 in Berlin: 13.5 hours to its midnight.
    expect(dayFull.headers['retry-after']).toBe(String(13.5 * 3600));
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 1);
    expect(await sentToday(orgId, assistant.id)).toBe(1);
  });

  it('are given back when SES certainly did not send, so the next try goes at once', async () => {
    // Prepare
    const { orgId, assistant, probe } = await newAssistant();
    ses
      .on(SendEmailCommand)
      .rejectsOnce(Object.assign(new Error('throttled'), { name: 'TooManyRequestsException' }))
      .resolves({ MessageId: `ses-${randomUUID()}` });
    // Act
    const failed = await probe();
    const retried = await probe();
    // Assess
    expect(failed.status).toBe(500);
    expect(retried.status).toBe(200);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(await sentToday(orgId, assistant.id)).toBe(1);
  });

  it('are not claimed for an assistant at the inbound domain (409), which receives directly', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
    const { body: direct } = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { name: 'Leo', email: `leo.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
    });
    // Act
    const answer = await invoke(assistantsApi, 'verifyAssistantReceiving', {
      caller: admin,
      params: { id: direct.id },
    });
    // Assess
    expect(answer.status).toBe(409);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 0);
    expect(await sentToday(orgId, direct.id)).toBeUndefined();
  });
});
