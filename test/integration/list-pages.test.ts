/**
 * The same `limit`, `cursor` and `nextCursor` on every paged list against DynamoDB Local: the
 * catalogues (sequences, messages, assistants, users) page like the leads and imports, refuse limits
 * out of 1-200 naming `limit`, and take back only the cursors they handed to the same caller.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import type { OperationId } from '../../lambdas/http/contract';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

pinClock(new Date('2030-12-01T00:00:00Z'));

type Api = typeof sequencesApi;

/** Every page of a list, following nextCursor: the ids (or user ids) in order, and the page count. */
async function pages(api: Api, operation: OperationId, caller: TestCaller, limit: string) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let count = 0;
  do {
    const answer = await invoke(api, operation, { caller, query: { limit, ...(cursor && { cursor }) } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    ids.push(...answer.body.items.map((item: { id?: string; userId?: string }) => item.id ?? item.userId));
    cursor = answer.body.nextCursor;
    count += 1;
  } while (cursor);
  return { ids, count };
}

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const member: TestCaller = { orgId, userId: 'member' };
  const sequenceIds: string[] = [];
  for (const name of ['zulu', 'Alpha', 'émile']) {
    const { body } = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: { name, steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' }] },
    });
    sequenceIds.push(body.id);
  }
  const messageIds: string[] = [];
  for (const name of ['Intro B', 'Intro A']) {
    const { status, body } = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: { name, channel: 'email', email: { subject: 'Hi', html: '<p>Hello</p>' } },
    });
    expect(status).toBe(201);
    messageIds.push(body.id);
  }
  const assistantIds: string[] = [];
  for (const name of ['Noor', 'Maya', 'Lea']) {
    const { body } = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: {
        name,
        email: `${name.toLowerCase()}.${orgId}@assistants.followup.test`,
        timezone: 'UTC',
        businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      },
    });
    assistantIds.push(body.id);
  }
  return { admin, member, sequenceIds, messageIds, assistantIds };
}

describe('paged catalogues', () => {
  it('page sequences, messages, assistants and users in their order, without duplicates or gaps', async () => {
    // Prepare
    const { admin, member, sequenceIds, messageIds, assistantIds } = await newOrg();
    const [zulu, alpha, emile] = sequenceIds as [string, string, string];
    const [introB, introA] = messageIds as [string, string];
    const [noor, maya, lea] = assistantIds as [string, string, string];
    const whole = await invoke(sequencesApi, 'listSequences', { caller: member });
    const systemSequences = whole.body.items
      .map((item: { id: string }) => item.id)
      .filter((id: string) => id.startsWith('system-'));
    const wholeMessages = await invoke(messagesApi, 'listMessages', { caller: member });
    const systemMessages = wholeMessages.body.items
      .map((item: { id: string }) => item.id)
      .filter((id: string) => id.startsWith('system-'));

    // Act
    const sequences = await pages(sequencesApi, 'listSequences', member, '1');
    const messages = await pages(messagesApi, 'listMessages', member, '2');
    const assistants = await pages(assistantsApi, 'listAssistants', member, '2');
    const users = await pages(orgApi, 'listUsers', admin, '1');

    // Assess
    expect(whole.body.nextCursor).toBeUndefined();
    expect(systemSequences.length).toBeGreaterThan(0);
    expect(sequences.ids).toEqual([...systemSequences, alpha, emile, zulu]);
    expect(sequences.count).toBe(systemSequences.length + 3);
    expect(messages.ids).toEqual([...systemMessages, introA, introB]);
    expect(assistants.ids).toEqual([lea, maya, noor]);
    expect(assistants.count).toBe(2);
    expect(users.ids).toEqual(['admin', 'member']);
  });

  it('refuse limits out of 1-200 naming limit, and cursors handed to another caller or list', async () => {
    // Prepare
    const { admin, member } = await newOrg();
    const other = await newOrg();
    const first = await invoke(sequencesApi, 'listSequences', { caller: member, query: { limit: '1' } });
    const cursor: string = first.body.nextCursor;
    const lists: Array<[Api, OperationId, TestCaller]> = [
      [sequencesApi, 'listSequences', member],
      [messagesApi, 'listMessages', member],
      [assistantsApi, 'listAssistants', member],
      [orgApi, 'listUsers', admin],
    ];

    // Act
    const outOfBounds = await Promise.all(
      lists.flatMap(([api, operation, caller]) =>
        ['0', '201', '1.5'].map((limit) => invoke(api, operation, { caller, query: { limit } })),
      ),
    );
    const foreign = await Promise.all([
      invoke(sequencesApi, 'listSequences', { caller: admin, query: { cursor } }),
      invoke(sequencesApi, 'listSequences', { caller: other.member, query: { cursor } }),
      invoke(messagesApi, 'listMessages', { caller: member, query: { cursor } }),
      invoke(assistantsApi, 'listAssistants', { caller: member, query: { cursor } }),
    ]);
    const own = await invoke(sequencesApi, 'listSequences', {
      caller: member,
      query: { cursor, limit: '200' },
    });

    // Assess
    for (const answer of outOfBounds) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(['limit']);
    }
    for (const answer of foreign) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
    }
    expect(own.status).toBe(200);
    expect(own.body.nextCursor).toBeUndefined();
    expect(own.body.items.length).toBeGreaterThan(2);
  });
});
