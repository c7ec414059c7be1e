/**
 * Erasure, export and the audit log against DynamoDB Local, the scheduler emulator and the local S3: a
 * person with a lead, a pending step, a reply (its raw mail stored and handled), a suppression entry, a
 * row in a recent import and an issue quoting them, and a webhook delivery about them is exported, then
 * erased, and afterwards found in no table item and no stored object; a second erasure answers zeros;
 * the person cannot be enrolled again by address or number; another person of the org is untouched;
 * and the audit log names the erasure by hash only.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { erasedPersonHash, type Person } from '../../lambdas/core/privacy';
import { type S3Emulator, startS3Emulator } from '../../local/s3-emulator';
import { ENGINE_TEST_ENV } from '../support/engine-env';
import { TEST_INBOUND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

type Handler = Parameters<typeof invoke>[0];

/** Monday 1 March 2027, 09:00 UTC: the API's clock throughout. */
const NOW = new Date('2027-03-01T09:00:00Z');
const INBOUND_BUCKET = ENGINE_TEST_ENV.INBOUND_BUCKET;
const IMPORTS_BUCKET = ENGINE_TEST_ENV.IMPORTS_BUCKET;

/** The API's clock: the audit test moves it between changes, so their order is their time's. */
let clockNow = NOW;
let s3: S3Emulator;
let api: {
  accounts: Handler;
  assistants: Handler;
  leads: Handler;
  privacy: Handler;
  sequences: Handler;
  org: Handler;
};
let data: {
  client: typeof import('../../lambdas/data/client');
  accounts: typeof import('../../lambdas/data/accounts');
  erased: typeof import('../../lambdas/data/erased-people');
  imports: typeof import('../../lambdas/data/import-records');
  suppressions: typeof import('../../lambdas/data/suppressions');
  rows: ReturnType<typeof import('../../lambdas/adapters/import-row-store')['importRowsStore']>;
  inbound: typeof import('../../lambdas/engine/inbound-mail');
  mime: typeof import('../../lambdas/adapters/mime');
  replies: typeof import('../../lambdas/engine/replies');
  leads: typeof import('../../lambdas/data/leads');
};
const scheduler = new SchedulerClient({});

pinClock({ now: () => clockNow });
beforeAll(async () => {
  s3 = await startS3Emulator({ now: () => NOW });
  // Before the handlers are imported: their modules read the environment once, at import.
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3.endpoint });
  const handlerOf = async (file: string) =>
    ((await import(`../../lambdas/${file}.ts`)) as { handler: Handler }).handler;
  api = {
    accounts: await handlerOf('accounts-api'),
    assistants: await handlerOf('assistants-api'),
    leads: await handlerOf('leads-api'),
    privacy: await handlerOf('privacy-api'),
    sequences: await handlerOf('sequences-api'),
    org: await handlerOf('org-api'),
  };
  const { importRowsStore } = await import('../../lambdas/adapters/import-row-store');
  data = {
    client: await import('../../lambdas/data/client'),
    accounts: await import('../../lambdas/data/accounts'),
    erased: await import('../../lambdas/data/erased-people'),
    imports: await import('../../lambdas/data/import-records'),
    suppressions: await import('../../lambdas/data/suppressions'),
    rows: importRowsStore({ bucket: IMPORTS_BUCKET, pathStyle: true }),
    inbound: await import('../../lambdas/engine/inbound-mail'),
    mime: await import('../../lambdas/adapters/mime'),
    replies: await import('../../lambdas/engine/replies'),
    leads: await import('../../lambdas/data/leads'),
  };
});

afterAll(async () => {
  await s3?.stop();
});

/**
 * Every item of the table (this worker's own) whose stored form names `text`, case-insensitively; only
 * the org's (items naming `orgId`) when given: a name, unlike an address, other files' orgs use too.
 */
async function itemsNaming(text: string, orgId?: string): Promise<Record<string, unknown>[]> {
  const { db, tableName } = data.client;
  const found: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName(), ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const stored = JSON.stringify(item).toLowerCase();
      if (stored.includes(text.toLowerCase()) && (orgId === undefined || stored.includes(orgId)))
        found.push(item);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Every stored object, in both buckets, whose bytes name `text`. */
function objectsNaming(text: string): string[] {
  return [INBOUND_BUCKET, IMPORTS_BUCKET].flatMap((bucket) =>
    s3
      .keys(bucket)
      .filter((key) =>
        s3.getObject(bucket, key)?.body.toString('utf8').toLowerCase().includes(text.toLowerCase()),
      )
      .map((key) => `${bucket}/${key}`),
  );
}

async function schedulesOf(leadId: string): Promise<number> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: process.env.SCHEDULE_GROUP, NamePrefix: `lead-${leadId}` }),
  );
  return Schedules.length;
}

/** Whether the org keeps the hashed entry (ERASED#<hmac>) that an erasure of `person` leaves. */
async function isRememberedErased(orgId: string, person: Person): Promise<boolean> {
  const salt = await data.erased.getErasureSalt(orgId);
  if (!salt) return false;
  const { db, tableName } = data.client;
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: `ORG#${orgId}`, sk: `ERASED#${erasedPersonHash(salt, person)}` },
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}

/**
 * An org where Ada (the person to erase) has a lead with a pending step, replied by e-mail (the raw
 * message stored as SES would), is on the suppression list, is a row of an import from yesterday with
 * an issue quoting her, and is the subject of a webhook delivery; and where Bob is a lead too.
 */
async function orgWithAda() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  // A number of its own per test: the table is shared with other files' orgs.
  const ada = { email: `ada.lovelace@${orgId}.example`, phone: `+49151${String(randomInt(1e7, 1e8))}` };
  const bob = { email: `bob@${orgId}.example` };
  const { body: assistant } = await invoke(api.assistants, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const created = await invoke(api.leads, 'createLead', {
    caller: admin,
    body: {
      firstName: 'Ada',
      lastName: 'Lovelace',
      ...ada,
      company: 'Analytical',
      assistantId: assistant.id,
    },
  });
  expect(created.status).toBe(201);
  const lead = created.body;
  const other = await invoke(api.leads, 'createLead', {
    caller: admin,
    body: { firstName: 'Bob', ...bob, assistantId: assistant.id },
  });
  expect(other.status).toBe(201);

  // Her out-of-office answer (which keeps her step pending), stored raw under inbound/ as the receipt
  // rule would, then handled.
  const sesId = `ses-${randomUUID()}`;
  const raw = Buffer.from(
    [
      `From: Ada Lovelace <${ada.email}>`,
      `To: ${assistant.email}`,
      'Subject: Automatic reply: Out of office',
      'Auto-Submitted: auto-replied',
      `Message-ID: <${randomUUID()}@mail.example>`,
      'Date: Mon, 1 Mar 2027 08:30:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      `I am out of the office until 8 March 2027. Urgent matters: ${ada.phone}, or ${ada.email}.`,
      '',
    ].join('\r\n'),
  );
  s3.putObject(INBOUND_BUCKET, `${ENGINE_TEST_ENV.INBOUND_PREFIX}${sesId}`, raw);
  const decision = await data.inbound.handleInboundEmail(
    TEST_INBOUND_SETTINGS,
    await data.mime.parseEmail(raw),
    raw,
    { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS' },
    NOW,
    NOW,
    [],
    sesId,
  );
  expect(decision).toMatchObject({ decision: 'postponed', leadId: lead.id });

  await data.suppressions.suppress(orgId, ada.email, 'complained', NOW);
  const importId = data.imports.newImportId(new Date(NOW.getTime() - 86_400_000));
  const record = {
    id: importId,
    orgId,
    status: 'done' as const,
    total: 2,
    created: 1,
    duplicates: 0,
    failed: 1,
    nextRow: 2,
    strict: false,
    createdBy: 'admin',
    createdAt: new Date(NOW.getTime() - 86_400_000).toISOString(),
  };
  await data.imports.insertImport(record);
  await data.rows.store(orgId, importId, [
    { firstName: 'Ada', email: ada.email.toUpperCase() },
    { firstName: 'Bob', email: bob.email },
  ]);
  await data.imports.putRowIssues(record, [
    { row: 1, code: 'address_suppressed', message: `${ada.email} bounced, complained or unsubscribed` },
  ]);

  // A webhook and a delivery about her lead, whose payload names her address (lead.complained).
  const { db, tableName } = data.client;
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: `ORG#${orgId}`,
        sk: 'WEBHOOK#wh-1',
        entity: 'webhook',
        id: 'wh-1',
        orgId,
        url: 'https://hooks.example/in',
        events: ['*'],
        enabled: true,
        version: 1,
        createdAt: NOW.toISOString(),
        updatedAt: NOW.toISOString(),
      },
    }),
  );
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        pk: `WHDELIVERY#${orgId}#wh-1`,
        sk: 'DELIVERY#msg_1',
        entity: 'webhook-delivery',
        subject: { kind: 'lead', id: lead.id },
        payload: JSON.stringify({ type: 'lead.complained', data: { leadId: lead.id, address: ada.email } }),
        status: 'delivered',
      },
    }),
  );
  return { orgId, admin, ada, bob, lead, bobLead: other.body, assistant, importId, sesId };
}

describe('POST /privacy/erase', () => {
  it('leaves the person nowhere: no table item, no stored object names their address or number', async () => {
    // Prepare
    const { orgId, admin, ada, bob, lead, sesId } = await orgWithAda();
    expect(await schedulesOf(lead.id)).toBe(1);
    expect((await itemsNaming(ada.email)).length).toBeGreaterThan(0);
    expect(objectsNaming(ada.email).length).toBe(2);

    // Act
    const erased = await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });

    // Assess
    expect(erased.status).toBe(200);
    expect(erased.body.erased).toEqual({
      leads: 1,
      timelineItems: 1,
      storedMails: 1,
      inboundRecords: 1,
      schedulesCancelled: 1,
      importRows: 1,
      importIssues: 1,
      webhookDeliveries: 1,
      suppressionEntries: 1,
      referralsCleared: 0,
      referrerMentions: 0,
    });
    expect(await itemsNaming(ada.email)).toEqual([]);
    expect(await itemsNaming(ada.phone)).toEqual([]);
    expect(await itemsNaming('Lovelace', orgId)).toEqual([]);
    expect(objectsNaming(ada.email)).toEqual([]);
    expect(s3.getObject(INBOUND_BUCKET, `inbound/${sesId}`)).toBeUndefined();
    expect(await schedulesOf(lead.id)).toBe(0);
    const gone = await invoke(api.leads, 'getLead', { caller: admin, params: { id: lead.id } });
    expect(gone.status).toBe(404);
    // Bob is untouched, his import row too.
    expect((await itemsNaming(bob.email)).length).toBeGreaterThan(0);
    expect(objectsNaming(bob.email)).toHaveLength(1);
  });

  it('answers zeros the second time, and never enrols the person again, by address or by number', async () => {
    // Prepare
    const { orgId, admin, ada, assistant } = await orgWithAda();
    await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });

    // Act
    const again = await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });
    const byAddress = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { firstName: 'Ada', email: ada.email.toUpperCase(), assistantId: assistant.id },
    });
    const byNumber = await invoke(api.leads, 'createLead', {
      caller: admin,
      // Another address, her number: the number alone was erased with her lead, and that is enough.
      body: { firstName: 'A.', email: `a.l@${orgId}.example`, phone: ada.phone, assistantId: assistant.id },
    });

    // Assess
    expect(again.status).toBe(200);
    expect(Object.values(again.body.erased)).toEqual(Array(11).fill(0));
    expect(byAddress.status).toBe(409);
    expect(byAddress.body.error.code).toBe('address_suppressed');
    expect(byNumber.status).toBe(409);
    expect(byNumber.body.error.details).toEqual({ email: `a.l@${orgId}.example` });
    // Only the hash is kept: no item names her.
    expect(await itemsNaming(ada.email)).toEqual([]);
  });

  it('keeps another lead from taking the person’s address by PUT, running or stopped', async () => {
    // Prepare
    const { admin, ada, bobLead } = await orgWithAda();
    await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });
    const put = (version: number) =>
      invoke(api.leads, 'updateLead', {
        caller: admin,
        params: { id: bobLead.id },
        headers: { 'if-match': `"${version}"` },
        body: {
          firstName: 'Bob',
          email: ada.email,
          assistantId: bobLead.assistantId,
          sequenceId: bobLead.enrollment.sequenceId,
        },
      });

    // Act
    const running = await put(bobLead.version);
    await invoke(api.leads, 'stopLead', { caller: admin, params: { id: bobLead.id } });
    const stopped = await invoke(api.leads, 'getLead', { caller: admin, params: { id: bobLead.id } });
    const whileStopped = await put(stopped.body.version);

    // Assess
    expect(running.status).toBe(409);
    expect(running.body.error).toMatchObject({ code: 'address_suppressed', details: { email: ada.email } });
    expect(whileStopped.status).toBe(409);
    expect(whileStopped.body.error.code).toBe('address_suppressed');
    const after = await invoke(api.leads, 'getLead', { caller: admin, params: { id: bobLead.id } });
    expect(after.body).toMatchObject({ email: bobLead.email, version: stopped.body.version });
    expect(await itemsNaming(ada.email)).toEqual([]);
  });

  it('cut short right after the lead is deleted, is finished by the next call: her other address is forgotten too', async () => {
    // Prepare: erased by number; her address is on the suppression list. The call fails right after the
    // transaction that deletes her lead, so the next call finds no lead to learn her address from.
    const { orgId, admin, ada, lead } = await orgWithAda();
    const { db } = data.client;
    const send = db.send.bind(db) as (command: unknown) => Promise<unknown>;
    const cut = vi.spyOn(db, 'send').mockImplementation((async (command: unknown) => {
      const answer = await send(command);
      if (
        command instanceof TransactWriteCommand &&
        JSON.stringify(command.input).includes(`LEAD#${lead.id}`)
      ) {
        cut.mockRestore();
        throw new Error('cut short after the lead was deleted');
      }
      return answer;
    }) as never);

    // Act
    const first = await invoke(api.privacy, 'erasePerson', { caller: admin, body: { phone: ada.phone } });
    cut.mockRestore();
    const second = await invoke(api.privacy, 'erasePerson', { caller: admin, body: { phone: ada.phone } });

    // Assess
    expect(first.status).toBe(500);
    expect(second.status).toBe(200);
    expect(await itemsNaming(ada.email)).toEqual([]);
    expect(await itemsNaming(ada.phone)).toEqual([]);
    expect(await isRememberedErased(orgId, { kind: 'email', value: ada.email })).toBe(true);
    expect(await isRememberedErased(orgId, { kind: 'phone', value: ada.phone })).toBe(true);
  });

  it('takes a referred person off the lead that referred her: its last reply and timeline keep no name or address', async () => {
    // Prepare: Bob replies naming Ada Lovelace, who is enrolled from it; the same reply acted on again
    // keeps a skipped referral with her address on his timeline.
    const orgId = `org-${randomUUID()}`;
    const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
    const adaEmail = `ada.lovelace@${orgId}.example`;
    const { body: assistant } = await invoke(api.assistants, 'createAssistant', {
      caller: admin,
      body: { name: 'Maya', email: `maya-${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
    });
    const created = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { firstName: 'Bob', email: `bob@${orgId}.example`, assistantId: assistant.id },
    });
    expect(created.status).toBe(201);
    const referral = {
      message: {
        channel: 'email' as const,
        messageId: `<${randomUUID()}@mail.example>`,
        subject: 'Re: hello',
      },
      at: NOW,
      reading: {
        intent: 'referral' as const,
        confidence: 0.9,
        referral: { name: 'Ada Lovelace', email: adaEmail },
      },
    };
    const bob = async () => {
      const lead = await data.leads.getLead(orgId, created.body.id);
      if (!lead) throw new Error('Bob is gone');
      return lead;
    };
    const first = await data.replies.actOnReply(await bob(), referral, NOW);
    const again = await data.replies.actOnReply(await bob(), referral, NOW);
    expect(first.referral).toEqual({ enrolled: expect.any(String) });
    expect(again.referral).toEqual({ skipped: 'already_lead' });
    expect((await itemsNaming(adaEmail)).length).toBeGreaterThan(3);

    // Act
    const erased = await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: adaEmail } });

    // Assess
    expect(erased.status).toBe(200);
    expect(await itemsNaming(adaEmail)).toEqual([]);
    expect(await itemsNaming('Lovelace', orgId)).toEqual([]);
    // His last reply, the two replied events and the skipped referral.
    expect(erased.body.erased).toMatchObject({ leads: 1, referrerMentions: 4 });
    const kept = await invoke(api.leads, 'getLead', { caller: admin, params: { id: created.body.id } });
    expect(kept.status).toBe(200);
    expect(kept.body.lastReply).toMatchObject({ intent: 'referral' });
    expect(kept.body.lastReply.referral).toBeUndefined();
    const timeline = await invoke(api.leads, 'leadTimeline', {
      caller: admin,
      params: { id: created.body.id },
    });
    expect(timeline.body.items.map((event: { kind: string }) => event.kind)).toEqual(
      expect.arrayContaining(['replied', 'referral_enrolled', 'referral_skipped']),
    );
  });

  it('deletes the summary of an account she was the last lead of: her own domain names her', async () => {
    // Prepare
    const { orgId, admin, assistant } = await orgWithAda();
    const domain = `lovelace-${orgId.slice(4, 12)}.example`;
    const own = await invoke(api.leads, 'createLead', {
      caller: admin,
      body: { firstName: 'Augusta', email: `augusta@${domain}`, assistantId: assistant.id },
    });
    expect(own.status).toBe(201);
    await data.accounts.noteAccountReply(orgId, domain, own.body.id, NOW);
    expect((await invoke(api.accounts, 'getAccount', { caller: admin, params: { domain } })).status).toBe(
      200,
    );

    // Act
    const erased = await invoke(api.privacy, 'erasePerson', {
      caller: admin,
      body: { email: `augusta@${domain}` },
    });

    // Assess
    expect(erased.status).toBe(200);
    expect(await invoke(api.accounts, 'getAccount', { caller: admin, params: { domain } })).toMatchObject({
      status: 404,
    });
    expect(await itemsNaming(domain)).toEqual([]);
  });

  it('leaves a colleague’s account, without a last reply that names her erased lead', async () => {
    // Prepare: Ada and Bob share their company's domain; Ada's reply is the account's last.
    const { orgId, admin, ada, lead } = await orgWithAda();
    const domain = `${orgId}.example`;
    await data.accounts.noteAccountReply(orgId, domain, lead.id, NOW);
    expect(await data.accounts.getAccount(orgId, domain)).toMatchObject({
      leadCount: 2,
      lastReply: { leadId: lead.id },
    });

    // Act
    await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });
    const account = await invoke(api.accounts, 'getAccount', { caller: admin, params: { domain } });

    // Assess
    expect(account.status).toBe(200);
    expect(account.body).toMatchObject({ domain, leadCount: 1 });
    expect(account.body.lastReply).toBeUndefined();
    expect(JSON.stringify(await itemsNaming(domain))).not.toContain(lead.id);
  });

  it('is for admins, and needs exactly one of email or phone', async () => {
    const { orgId, ada } = await orgWithAda();
    const member: TestCaller = { orgId, userId: 'member', role: 'member' };

    const byMember = await invoke(api.privacy, 'erasePerson', { caller: member, body: { email: ada.email } });
    const both = await invoke(api.privacy, 'erasePerson', {
      caller: { ...member, role: 'admin' },
      body: { email: ada.email, phone: ada.phone },
    });
    const badPhone = await invoke(api.privacy, 'erasePerson', {
      caller: { ...member, role: 'admin' },
      body: { phone: '0151 123' },
    });

    expect(byMember.status).toBe(403);
    expect(both.status).toBe(400);
    expect(both.body.error.details).toEqual([expect.objectContaining({ path: 'email' })]);
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details).toEqual([expect.objectContaining({ path: 'phone' })]);
    expect((await itemsNaming(ada.email)).length).toBeGreaterThan(0);
  });
});

describe('deleting a lead', () => {
  it('whose details changed since it was read deletes what it has now: no reservation or index is left', async () => {
    // Prepare: the lead is read, then its address and number change before the delete.
    const { orgId, admin, lead, assistant } = await orgWithAda();
    const stale = await data.leads.getLead(orgId, lead.id);
    if (!stale) throw new Error('no lead');
    const moved = { email: `ada.king@${orgId}.example`, phone: `+49152${String(randomInt(1e7, 1e8))}` };
    const updated = await invoke(api.leads, 'updateLead', {
      caller: admin,
      headers: { 'if-match': `"${stale.version}"` },
      params: { id: lead.id },
      body: {
        firstName: 'Ada',
        lastName: 'King',
        ...moved,
        assistantId: assistant.id,
        sequenceId: stale.enrollment.sequenceId,
      },
    });
    expect(updated.status).toBe(200);

    // Act
    const deleted = await data.leads.deleteLead(stale);

    // Assess
    expect(await data.leads.getLead(orgId, lead.id)).toBeUndefined();
    expect(await itemsNaming(moved.email)).toEqual([]);
    expect(await itemsNaming(moved.phone)).toEqual([]);
    // Nothing of the org's partition (account member, search items) names it; its log is not its to delete.
    expect((await itemsNaming(lead.id)).filter((item) => item.pk === `ORG#${orgId}`)).toEqual([]);
    expect(deleted).toMatchObject({ id: lead.id, ...moved, version: stale.version + 1 });
  });
});

describe('POST /privacy/export', () => {
  it('answers everything held about the person, and changes nothing', async () => {
    const { admin, ada, lead, importId, sesId } = await orgWithAda();

    const exported = await invoke(api.privacy, 'exportPerson', { caller: admin, body: { phone: ada.phone } });

    expect(exported.status).toBe(200);
    expect(exported.body.leads).toEqual([expect.objectContaining({ id: lead.id, email: ada.email })]);
    expect(exported.body.logs).toEqual([
      { leadId: lead.id, items: [expect.objectContaining({ kind: expect.any(String) })] },
    ]);
    expect(exported.body.inboundRecords).toEqual([expect.objectContaining({ rawMailId: sesId })]);
    expect(exported.body.storedMails).toEqual([{ id: sesId, raw: expect.stringContaining(ada.phone) }]);
    expect(exported.body.importRows).toEqual([]);
    expect(exported.body.webhookDeliveries).toHaveLength(1);
    expect(exported.body.suppression).toBeUndefined();
    expect(exported.body.sesAccountSuppression).toBeUndefined();
    const byEmail = await invoke(api.privacy, 'exportPerson', { caller: admin, body: { email: ada.email } });
    expect(byEmail.body.importRows).toEqual([
      { importId, row: 1, value: { firstName: 'Ada', email: ada.email.toUpperCase() } },
    ]);
    expect(byEmail.body.importIssues).toHaveLength(1);
    expect(byEmail.body.suppression).toMatchObject({ reason: 'complained' });
    expect(byEmail.body.sesAccountSuppression).toMatch(/^Kept, if the address hard-bounced or complained/);
    expect(objectsNaming(ada.email)).toHaveLength(2);
  });
});

describe('GET /audit', () => {
  it('lists the org’s changes newest first, erasures by hash only, never a secret', async () => {
    const { admin, ada, orgId } = await orgWithAda();
    clockNow = new Date(NOW.getTime() + 60_000);
    await invoke(api.privacy, 'exportPerson', { caller: admin, body: { email: ada.email } });
    clockNow = new Date(NOW.getTime() + 120_000);
    await invoke(api.privacy, 'erasePerson', { caller: admin, body: { email: ada.email } });
    clockNow = NOW;

    const first = await invoke(api.privacy, 'listAudit', { caller: admin, query: { limit: '2' } });
    const rest = await invoke(api.privacy, 'listAudit', {
      caller: admin,
      query: { limit: '50', cursor: first.body.nextCursor },
    });
    const byMember = await invoke(api.privacy, 'listAudit', {
      caller: { orgId, userId: 'm', role: 'member' },
    });

    expect(first.status).toBe(200);
    expect(first.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'privacy.erase',
      'privacy.export',
    ]);
    const [erase] = first.body.items;
    expect(erase).toMatchObject({
      at: new Date(NOW.getTime() + 120_000).toISOString(),
      actor: { userId: 'admin', role: 'admin' },
      target: { kind: 'person', id: expect.stringMatching(/^[0-9a-f]{64}$/) },
      after: { erased: expect.objectContaining({ leads: 1 }) },
    });
    expect(rest.body.items.map((entry: { action: string }) => entry.action)).toEqual(['assistant.create']);
    expect(JSON.stringify([first.body, rest.body])).not.toContain(ada.email);
    expect(byMember.status).toBe(403);
    expect(await itemsNaming(ada.email)).toEqual([]);
  });
});

describe('an audited change', () => {
  it('records who changed the org’s settings, from what to what', async () => {
    // Prepare
    const orgId = `org-${randomUUID()}`;
    const admin: TestCaller = { orgId, userId: 'owner-1', role: 'admin' };
    const { body: before } = await invoke(api.org, 'getOrgSettings', { caller: admin });
    const { sending: _sending, ...settings } = before;

    // Act
    const put = await invoke(api.org, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { ...settings, name: 'Contoso' },
    });
    const refused = await invoke(api.org, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { ...settings, name: 'Stale' },
    });
    const audit = await invoke(api.privacy, 'listAudit', { caller: admin });

    // Assess
    expect(put.status).toBe(200);
    expect(refused.status).toBe(412);
    // One entry: a refused change changed nothing and is not recorded.
    expect(audit.body.items).toEqual([
      {
        at: NOW.toISOString(),
        actor: { userId: 'owner-1', role: 'admin' },
        action: 'org.settings_update',
        target: { kind: 'org', id: orgId },
        before: expect.not.objectContaining({ name: 'Contoso' }),
        after: expect.objectContaining({ name: 'Contoso' }),
      },
    ]);
  });
});
