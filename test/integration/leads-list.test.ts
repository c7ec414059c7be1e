/**
 * GET /leads against DynamoDB Local: the orders, the filters, `q`, `limit` and cursors, each page one
 * Query (never a Scan, counted on the handler's own client), and one org never seeing another's leads.
 * Leads are created at pinned instants, so the orders asserted are the clock's, not the wall's.
 */
import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db, tableName, useTable } from '../../lambdas/data/client';
import { listLeadPage } from '../../lambdas/data/lead-listing';
import { getLead, leadKey } from '../../lambdas/data/leads';
import { createTableInput } from '../../lambdas/data/table-schema';
import { actOnReply } from '../../lambdas/engine/replies';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { ensureTable } from '../../local/dynamodb-local';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

let clock = new Date('2029-11-05T12:00:00Z');
pinClock({ now: () => clock });

const counter = new RequestCounter();
beforeAll(() => counter.instrument('DynamoDB', db.middlewareStack));

type Seed = {
  firstName: string;
  lastName?: string;
  email: string;
  company?: string;
  /** Which assistant (0 or 1) and sequence (0: the org's own, 1: the system's) the lead goes on. */
  assistant?: number;
  sequence?: number;
  /** Business days ahead of "now" the follow-up starts (sets the order of nextSendAt). */
  startInDays?: number;
};

const SEEDS: Seed[] = [
  {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@analytical.example',
    company: 'Analytical Engines',
    startInDays: 3,
  },
  {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@navy.example',
    company: 'Navy',
    sequence: 1,
    startInDays: 1,
  },
  {
    firstName: 'Ádám',
    lastName: 'Müller',
    email: 'adam@muller.example',
    company: 'Müller GmbH',
    assistant: 1,
    startInDays: 2,
  },
  {
    firstName: 'Linus',
    email: 'linus@kernel.example',
    company: 'Kernel',
    assistant: 1,
    sequence: 1,
    startInDays: 4,
  },
  {
    firstName: 'Margaret',
    lastName: 'Hamilton',
    email: 'mh@apollo.example',
    company: 'Apollo',
    startInDays: 5,
  },
];

/** An org with two assistants, its own sequence and the five leads above, created a minute apart. */
async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const member: TestCaller = { orgId, userId: 'member' };
  clock = new Date('2029-11-05T12:00:00Z');
  const assistants: string[] = [];
  for (const name of ['Maya', 'Noor']) {
    const { body } = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: {
        name,
        email: `${name.toLowerCase()}.${orgId}@assistants.followup.test`,
        timezone: 'UTC',
        businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
      },
    });
    assistants.push(body.id);
  }
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
  const sequences = [sequence.id as string, 'system-recommended'];
  const ids: string[] = [];
  for (const [index, seed] of SEEDS.entries()) {
    clock = new Date(Date.UTC(2029, 10, 5, 12, index));
    const { assistant = 0, sequence: on = 0, startInDays = 1, ...details } = seed;
    const created = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        ...details,
        assistantId: assistants[assistant],
        sequenceId: sequences[on],
        startAt: new Date(Date.UTC(2029, 10, 5 + startInDays, 10)).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  clock = new Date('2029-11-05T13:00:00Z');
  return { orgId, admin, member, assistants, sequences, ids };
}

async function storedLead(orgId: string, id: string) {
  const lead = await getLead(orgId, id);
  if (!lead) throw new Error(`No lead ${id}`);
  return lead;
}

async function list(caller: TestCaller, query: Record<string, string> = {}) {
  return invoke(leadsApi, 'listLeads', { caller, query });
}

/** Every page of a listing, following nextCursor; the ids in the order shown, and how many pages. */
async function listAll(caller: TestCaller, query: Record<string, string> = {}) {
  const ids: string[] = [];
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await list(caller, { ...query, ...(cursor && { cursor }) });
    expect(page.status).toBe(200);
    expect(page.body.cursor).toBe(page.body.nextCursor);
    ids.push(...page.body.items.map((lead: { id: string }) => lead.id));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

describe('GET /leads', () => {
  it('orders by creation, newest first by default, and pages by limit without duplicates or gaps', async () => {
    // Prepare
    const { member, ids } = await newOrg();

    // Act
    const newest = await list(member);
    const oldest = await list(member, { sort: 'createdAt' });
    const paged = await listAll(member, { sort: 'createdAt', limit: '2' });
    const pagedNewest = await listAll(member, { limit: '1' });

    // Assess
    expect(newest.body.items.map((lead: { id: string }) => lead.id)).toEqual([...ids].reverse());
    expect(newest.body.nextCursor).toBeUndefined();
    expect(oldest.body.items.map((lead: { id: string }) => lead.id)).toEqual(ids);
    expect(paged.ids).toEqual(ids);
    expect(paged.pages).toBe(3);
    expect(pagedNewest.ids).toEqual([...ids].reverse());
  });

  it('filters by status, sequence and assistant, alone and together, in creation order', async () => {
    // Prepare
    const { member, assistants, sequences, ids } = await newOrg();
    const [ada, grace, adam, linus, margaret] = ids as [string, string, string, string, string];
    for (const id of [grace, margaret]) {
      expect((await invoke(leadsApi, 'stopLead', { caller: member, params: { id } })).status).toBe(200);
    }

    // Act
    const stopped = await listAll(member, { status: 'stopped', sort: 'createdAt', limit: '1' });
    const active = await listAll(member, { status: 'active', sort: 'createdAt' });
    const onOwn = await listAll(member, { sequenceId: sequences[0] as string, sort: 'createdAt' });
    const onOwnActive = await listAll(member, {
      sequenceId: sequences[0] as string,
      status: 'active',
      sort: '-createdAt',
    });
    const ofNoor = await listAll(member, { assistantId: assistants[1] as string, sort: 'createdAt' });
    const ofMayaStopped = await listAll(member, { assistantId: assistants[0] as string, status: 'stopped' });
    const onSystemOfNoor = await listAll(member, {
      sequenceId: 'system-recommended',
      assistantId: assistants[1] as string,
      status: 'active',
    });

    // Assess
    expect(stopped.ids).toEqual([grace, margaret]);
    expect(active.ids).toEqual([ada, adam, linus]);
    expect(onOwn.ids).toEqual([ada, adam, margaret]);
    expect(onOwnActive.ids).toEqual([adam, ada]);
    expect(ofNoor.ids).toEqual([adam, linus]);
    expect(ofMayaStopped.ids).toEqual([margaret, grace]);
    expect(onSystemOfNoor.ids).toEqual([linus]);
  });

  it('sorts by the next send (pending steps only) and by the last reply, newest first', async () => {
    // Prepare
    const { member, ids } = await newOrg();
    const [ada, grace, adam, linus, margaret] = ids as [string, string, string, string, string];
    const replies: Array<[string, string]> = [
      [linus, '2029-11-05T14:00:00Z'],
      [ada, '2029-11-05T15:00:00Z'],
    ];
    for (const [id, at] of replies) {
      clock = new Date(at);
      await actOnReply(
        await storedLead(member.orgId, id),
        {
          message: { channel: 'whatsapp', messageId: `m-${id}`, excerpt: 'Thanks' },
          at: clock,
          reading: { intent: 'interested', confidence: 0.7 },
        },
        clock,
      );
    }
    // A reply to a lead already stopped still counts as its last reply.
    clock = new Date('2029-11-05T16:00:00Z');
    await actOnReply(
      await storedLead(member.orgId, linus),
      {
        message: { channel: 'whatsapp', messageId: 'm-2', excerpt: 'Again' },
        at: clock,
        reading: { intent: 'other', confidence: 0.4 },
      },
      clock,
    );

    // Act
    const bySend = await list(member, { sort: 'nextSendAt' });
    const byReply = await listAll(member, { sort: 'lastReplyAt', limit: '1' });
    const shown = await invoke(leadsApi, 'getLead', { caller: member, params: { id: linus } });

    // Assess: grace starts in 1 day, adam 2, margaret 5; ada and linus stopped on their replies.
    expect(bySend.body.items.map((lead: { id: string }) => lead.id)).toEqual([grace, adam, margaret]);
    const sendTimes = bySend.body.items.map(
      (lead: { enrollment: { nextSendAt: string } }) => lead.enrollment.nextSendAt,
    );
    expect([...sendTimes].sort()).toEqual(sendTimes);
    expect(byReply.ids).toEqual([linus, ada]);
    expect(shown.body.lastReplyAt).toBe('2029-11-05T16:00:00.000Z');
  });

  it('finds leads by a prefix of name, last name, e-mail or company, without case or accents, each once', async () => {
    // Prepare
    const { member, assistants, ids } = await newOrg();
    const [ada, grace, adam] = ids as [string, string, string];
    const other = await newOrg();

    // Act
    const ad = await listAll(member, { q: 'AD' });
    const adByOne = await listAll(member, { q: 'ad', limit: '1' });
    const muller = await listAll(member, { q: 'muller' });
    const navy = await listAll(member, { q: 'Navy' });
    const love = await listAll(member, { q: 'love' });
    const mail = await listAll(member, { q: 'grace@navy' });
    const adOfNoor = await listAll(member, { q: 'ad', assistantId: assistants[1] as string });
    const none = await listAll(member, { q: 'zz' });

    // Assess: "ada lovelace" sorts before "adam muller"; each matched by name and e-mail, shown once.
    expect(ad.ids).toEqual([ada, adam]);
    expect(adByOne.ids).toEqual([ada, adam]);
    expect(muller.ids).toEqual([adam]);
    expect(navy.ids).toEqual([grace]);
    expect(love.ids).toEqual([ada]);
    expect(mail.ids).toEqual([grace]);
    expect(adOfNoor.ids).toEqual([adam]);
    expect(none.ids).toEqual([]);
    expect(ad.ids.some((id) => other.ids.includes(id))).toBe(false);
  });

  it('follows a lead’s new details and forgets a deleted lead in search', async () => {
    // Prepare
    const { member, assistants, sequences, ids } = await newOrg();
    const [ada, grace] = ids as [string, string];
    const read = await invoke(leadsApi, 'getLead', { caller: member, params: { id: ada } });

    // Act
    const renamed = await invoke(leadsApi, 'updateLead', {
      caller: member,
      params: { id: ada },
      headers: { 'if-match': read.headers.etag ?? '' },
      body: {
        firstName: 'Augusta',
        lastName: 'King',
        email: 'augusta@analytical.example',
        company: 'Babbage & Co',
        assistantId: assistants[0],
        sequenceId: sequences[0],
      },
    });
    const deleted = await invoke(leadsApi, 'deleteLead', { caller: member, params: { id: grace } });

    // Assess
    expect(renamed.status).toBe(200);
    expect(deleted.status).toBe(204);
    expect((await listAll(member, { q: 'lovelace' })).ids).toEqual([]);
    expect((await listAll(member, { q: 'analytical engines' })).ids).toEqual([]);
    expect((await listAll(member, { q: 'king' })).ids).toEqual([ada]);
    expect((await listAll(member, { q: 'augusta king' })).ids).toEqual([ada]);
    expect((await listAll(member, { q: 'babbage' })).ids).toEqual([ada]);
    expect((await listAll(member, { q: 'augusta@analytical' })).ids).toEqual([ada]);
    expect((await listAll(member, { q: 'grace' })).ids).toEqual([]);
    expect((await listAll(member)).ids).not.toContain(grace);
  });

  it('refuses limits out of 1-200, and sort with q or nextSendAt with another status, naming the parameter', async () => {
    // Prepare
    const { member } = await newOrg();
    const bad: Array<[Record<string, string>, string]> = [
      [{ limit: '0' }, 'limit'],
      [{ limit: '201' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ limit: '-1' }, 'limit'],
      [{ sort: 'name' }, 'sort'],
      [{ q: 'ada', sort: 'createdAt' }, 'sort'],
      [{ sort: 'nextSendAt', status: 'stopped' }, 'status'],
      [{ q: '  ' }, 'q'],
      [{ q: 'x'.repeat(101) }, 'q'],
    ];

    // Act
    const answers = await Promise.all(bad.map(([query]) => list(member, query)));
    const widest = await list(member, { limit: '200' });
    const narrowest = await list(member, { limit: '1' });

    // Assess
    for (const [index, answer] of answers.entries()) {
      expect(answer.status, JSON.stringify(bad[index])).toBe(400);
      expect(answer.body.error.code).toBe('validation_failed');
      expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual([
        bad[index]?.[1],
      ]);
    }
    expect(widest.status).toBe(200);
    expect(widest.body.items).toHaveLength(5);
    expect(narrowest.body.items).toHaveLength(1);
    expect(narrowest.body.nextCursor).toEqual(expect.any(String));
  });

  it('binds a cursor to its caller, filters and sort', async () => {
    // Prepare
    const { orgId, member, admin } = await newOrg();
    const other = await newOrg();
    const first = await list(member, { sort: 'createdAt', limit: '2', status: 'active' });
    const cursor: string = first.body.nextCursor;
    const searched = await list(member, { q: 'a', limit: '1' });

    // Act
    const refused = await Promise.all([
      list(admin, { sort: 'createdAt', limit: '2', status: 'active', cursor }),
      list(other.member, { sort: 'createdAt', limit: '2', status: 'active', cursor }),
      list(
        { orgId: other.orgId, userId: member.userId },
        { sort: 'createdAt', limit: '2', status: 'active', cursor },
      ),
      list(member, { sort: '-createdAt', limit: '2', status: 'active', cursor }),
      list(member, { sort: 'createdAt', limit: '2', status: 'stopped', cursor }),
      list(member, { sort: 'createdAt', limit: '2', cursor }),
      list(member, { sort: 'nextSendAt', limit: '2', status: 'active', cursor }),
      list(member, { q: 'b', limit: '1', cursor: searched.body.nextCursor }),
      list(member, { sort: 'createdAt', cursor: searched.body.nextCursor }),
    ]);
    const continued = await list(member, { sort: 'createdAt', limit: '3', status: 'active', cursor });

    // Assess: the limit may change between pages; nothing else may.
    for (const answer of refused) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
    }
    expect(continued.status).toBe(200);
    expect(continued.body.items).toHaveLength(3);
    expect(orgId).not.toBe(other.orgId);
  });

  it('keeps orgs apart in every order and filter', async () => {
    // Prepare
    const mine = await newOrg();
    const theirs = await newOrg();
    const queries: Array<Record<string, string>> = [
      {},
      { sort: 'createdAt' },
      { sort: 'nextSendAt' },
      { sort: 'lastReplyAt' },
      { status: 'active' },
      { sequenceId: 'system-recommended', status: 'active' },
      { q: 'a' },
    ];

    // Act
    const seen = await Promise.all(queries.map((query) => listAll(mine.member, query)));

    // Assess
    for (const { ids } of seen) {
      expect(ids.every((id) => mine.ids.includes(id))).toBe(true);
      expect(ids.some((id) => theirs.ids.includes(id))).toBe(false);
    }
  });

  it('reads each page with one Query and reads by key, never a Scan', async () => {
    // Prepare
    const { member, sequences, assistants } = await newOrg();
    const queries: Array<Record<string, string>> = [
      {},
      { sort: 'createdAt', limit: '2' },
      { sort: 'nextSendAt', status: 'active' },
      { sort: 'lastReplyAt' },
      { status: 'stopped', assistantId: assistants[0] as string },
      { sequenceId: sequences[0] as string, status: 'active' },
      { sequenceId: sequences[0] as string },
      { q: 'ad', status: 'active' },
    ];
    await list(member); // the caller is remembered once per container, not per request

    for (const query of queries) {
      // Act
      counter.reset();
      const answer = await list(member, query);
      const requests = counter.snapshot().attempts;

      // Assess
      expect(answer.status, JSON.stringify(query)).toBe(200);
      expect(requests['DynamoDB:Query'], JSON.stringify(query)).toBe(1);
      expect(requests['DynamoDB:Scan']).toBeUndefined();
      const other = Object.keys(requests).filter(
        (name) => !['DynamoDB:Query', 'DynamoDB:BatchGetItem', 'DynamoDB:GetItem'].includes(name),
      );
      expect(other, JSON.stringify(query)).toEqual([]);
    }
  });

  it('lists a lead stored before the listing keys once it is written again', async () => {
    // Prepare: strip the listing keys, as a lead written by the code before them had none.
    const { orgId, member, ids } = await newOrg();
    const [ada] = ids as [string];
    await db.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: leadKey(orgId, ada),
        UpdateExpression: 'REMOVE gsi3pk, gsi3sk',
      }),
    );
    const before = await listAll(member, { sort: 'createdAt' });

    // Act
    await invoke(leadsApi, 'stopLead', { caller: member, params: { id: ada } });
    const after = await listAll(member, { sort: 'createdAt' });

    // Assess
    expect(before.ids).not.toContain(ada);
    expect(after.ids).toEqual(ids);
  });

  it('gives a kept local table from before the listing indexes its indexes, and its leads their keys', async () => {
    // Prepare: a table as ensureTable made it before (gsi1 and gsi2 only) holding a lead as the code
    // before the listing wrote it: no gsi3 keys, the old gsi1sk, no search items.
    const { orgId, member, ids } = await newOrg();
    const [ada] = ids as [string];
    const client = new DynamoDBClient({});
    const documents = DynamoDBDocumentClient.from(client);
    const kept = `followup-kept-${randomUUID()}`;
    const current = createTableInput(kept);
    const old = ['gsi1', 'gsi2'];
    await client.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions?.filter(({ AttributeName = '' }) =>
          ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'].includes(AttributeName),
        ),
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes?.filter(({ IndexName = '' }) =>
          old.includes(IndexName),
        ),
      }),
    );
    const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key: leadKey(orgId, ada) }));
    const { gsi3pk: _pk, gsi3sk: _sk, ...stored } = Item ?? {};
    await documents.send(new PutCommand({ TableName: kept, Item: { ...stored, gsi1sk: `active#${ada}` } }));

    // Act
    await ensureTable(client, kept);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: kept }));
    const search = await documents.send(
      new QueryCommand({
        TableName: kept,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':prefix': 'SEARCH#' },
      }),
    );
    const testTable = tableName();
    useTable(kept);
    const listed = await listLeadPage(member, { sort: 'createdAt' }, undefined, 50).finally(() =>
      useTable(testTable),
    );

    // Assess
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual([
      'gsi1',
      'gsi2',
      'gsi3',
      'gsi4',
      'gsi5',
    ]);
    expect(listed.items.map((lead) => lead.id)).toEqual([ada]);
    expect(search.Items?.map((item) => item.field)).toEqual(
      expect.arrayContaining(['name', 'lastName', 'email']),
    );
    // Three indexes built one after another on a DynamoDB Local shared with the other files' tables.
  }, 90_000);
});
