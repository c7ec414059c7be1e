/**
 * Bad input never reaches a 500 and is never silently accepted: over-long path ids, forged cursors,
 * starts past the scheduling horizon, invisible names, HTML that sanitizes to nothing, repeated
 * business days, mistyped default sequences, the region policy and suppressed addresses on every
 * re-plan, strictly decoded signatures, and a lead batch that answers every row in time. Each against
 * DynamoDB Local and the scheduler emulator, asserting the answer and what is (not) stored.
 */
import { randomUUID } from 'node:crypto';
import { ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { MAX_START_AHEAD_DAYS } from '../../lambdas/core/leads';
import { formatAddress, headerText } from '../../lambdas/core/rendering/render-email';
import {
  signSinchCallback,
  signUnsubscribeToken,
  verifySinchSignature,
  verifyUnsubscribeToken,
} from '../../lambdas/core/signatures';
import { suppress } from '../../lambdas/data/suppressions';
import { type OperationId, operations } from '../../lambdas/http/contract';
import type { Operation } from '../../lambdas/http/contract/operation';
import { BATCH_RESERVED_MS, handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as publicApi } from '../../lambdas/public-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { UNSUBSCRIBE_TEST_KEY } from '../support/engine-env';
import { invoke, type TestCaller } from '../support/invoke';
import { writableOf } from '../support/writable';

const scheduler = new SchedulerClient({});
const LONG_ID = 'x'.repeat(1020);
const FAR_FUTURE = '9999-12-31T23:59:59Z';
const step = (afterDays: number) => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone: 'candid',
});

async function newOrg() {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const member: TestCaller = { orgId, userId: 'member' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@contoso.example`, timezone: 'Europe/Berlin' },
  });
  return { orgId, admin, member, assistant };
}

async function newLead(caller: TestCaller, assistantId: string, extra: Record<string, unknown> = {}) {
  const created = await invoke(leadsApi, 'createLead', {
    caller,
    body: { firstName: 'Ada', email: `ada.${randomUUID()}@example.com`, assistantId, ...extra },
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function newSequence(caller: TestCaller, steps: number) {
  const created = await invoke(sequencesApi, 'createSequence', {
    caller,
    body: {
      name: `Seq ${randomUUID().slice(0, 8)}`,
      steps: Array.from({ length: steps }, (_, i) => step(i)),
    },
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function storedLeads(caller: TestCaller) {
  return (await invoke(leadsApi, 'listLeads', { caller })).body.items as Array<{
    id: string;
    firstName: string;
  }>;
}

async function storedLead(caller: TestCaller, id: string) {
  return (await invoke(leadsApi, 'getLead', { caller, params: { id } })).body;
}

async function schedulesOf(leadId: string) {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: process.env.SCHEDULE_GROUP, NamePrefix: `lead-${leadId}` }),
  );
  return Schedules;
}

const fieldPaths = (body: { error: { details: Array<{ path: string }> } }) =>
  body.error.details.map((detail) => detail.path);

describe('1. path ids longer than a key allows', () => {
  it('answer 404 on every {id} route and never reach DynamoDB', async () => {
    // Prepare
    const { admin, member, assistant } = await newOrg();
    const lead = await newLead(member, assistant.id);
    const params = { id: LONG_ID };
    // Act
    const answers = await Promise.all([
      invoke(leadsApi, 'getLead', { caller: member, params }),
      invoke(leadsApi, 'updateLead', {
        caller: member,
        headers: { 'if-match': '"1"' },
        params,
        body: { firstName: 'A', assistantId: assistant.id, sequenceId: 'system-recommended' },
      }),
      invoke(leadsApi, 'deleteLead', { caller: member, params }),
      invoke(leadsApi, 'stopLead', { caller: member, params }),
      invoke(leadsApi, 'continueLead', { caller: member, params, body: {} }),
      invoke(leadsApi, 'restartLead', { caller: member, params, body: {} }),
      invoke(leadsApi, 'leadTimeline', { caller: member, params }),
      invoke(sequencesApi, 'getSequence', { caller: member, params }),
      invoke(sequencesApi, 'cloneSequence', { caller: member, params, body: { name: 'Copy' } }),
      invoke(messagesApi, 'getMessage', { caller: member, params }),
      invoke(assistantsApi, 'getAssistant', { caller: member, params }),
      invoke(assistantsApi, 'deleteAssistant', { caller: admin, params }),
    ]);
    const filter = await invoke(leadsApi, 'listLeads', { caller: member, query: { sequenceId: LONG_ID } });
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error: { code: 'not_found', message: 'The id of 1020 characters not found' },
      });
    }
    expect(filter.status).toBe(400);
    expect(fieldPaths(filter.body)).toEqual(['sequenceId']);
    expect((await storedLeads(member)).map((item) => item.id)).toEqual([lead.id]);
    expect((await storedLead(member, lead.id)).enrollment.status).toBe('active');
  });
});

describe('2. list cursors', () => {
  it('continue only the listing that returned them; forged, altered or foreign ones are invalid_cursor', async () => {
    // Prepare: more leads than one page (50)
    const { member, assistant } = await newOrg();
    const other = await newOrg();
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: {
        leads: Array.from({ length: 51 }, (_, i) => ({
          firstName: `L${i}`,
          email: `l${i}@example.com`,
          assistantId: assistant.id,
        })),
      },
    });
    expect(batch.body.items.every((row: { status: number }) => row.status === 201)).toBe(true);
    const first = await invoke(leadsApi, 'listLeads', { caller: member });
    const cursor: string = first.body.cursor;
    const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const forged = [
      'not a cursor!',
      `${cursor}A`,
      forge({ ...decoded, key: { ...decoded.key, pk: `ORG#${other.orgId}` } }),
      forge({ ...decoded, key: { ...decoded.key, extra: 'x' } }),
      forge({ ...decoded, key: { ...decoded.key, sk: 'SEQ#x' } }),
      forge({ ...decoded, key: { ...decoded.key, sk: `LEAD#${'y'.repeat(2000)}` } }),
      forge({ ...decoded, more: 1 }),
    ];
    // Act
    const second = await invoke(leadsApi, 'listLeads', { caller: member, query: { cursor } });
    const refused = await Promise.all([
      ...forged.map((bad) => invoke(leadsApi, 'listLeads', { caller: member, query: { cursor: bad } })),
      invoke(leadsApi, 'listLeads', { caller: other.member, query: { cursor } }),
      invoke(leadsApi, 'listLeads', { caller: member, query: { cursor, status: 'stopped' } }),
      invoke(leadsApi, 'listLeads', {
        caller: member,
        query: { cursor, sequenceId: 'system-recommended' },
      }),
    ]);
    // Assess
    expect(first.body.items).toHaveLength(50);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    for (const answer of refused) {
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid_cursor');
      expect(answer.body.error.details).toEqual([
        { path: 'cursor', message: 'Not a cursor this API returned for this listing' },
      ]);
    }
  });
});

describe('3. startAt past the scheduling horizon', () => {
  it('is refused naming startAt wherever a start is accepted, and nothing changes', async () => {
    // Prepare
    const { member, assistant } = await newOrg();
    const lead = await newLead(member, assistant.id);
    await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });
    const within = new Date(Date.now() + (MAX_START_AHEAD_DAYS - 1) * 86_400_000).toISOString();
    // Act
    const answers = await Promise.all([
      invoke(leadsApi, 'createLead', {
        caller: member,
        body: { firstName: 'Bo', email: 'bo@example.com', assistantId: assistant.id, startAt: FAR_FUTURE },
      }),
      invoke(leadsApi, 'continueLead', {
        caller: member,
        params: { id: lead.id },
        body: { startAt: FAR_FUTURE },
      }),
      invoke(leadsApi, 'restartLead', {
        caller: member,
        params: { id: lead.id },
        body: { startAt: FAR_FUTURE },
      }),
      invoke(leadsApi, 'updateLead', {
        caller: member,
        headers: { 'if-match': `"${lead.version}"` },
        params: { id: lead.id },
        body: {
          firstName: 'Ada',
          email: lead.email,
          assistantId: assistant.id,
          sequenceId: (await newSequence(member, 2)).id,
          startAt: FAR_FUTURE,
        },
      }),
      invoke(sequencesApi, 'previewStepDates', {
        caller: member,
        body: { steps: [{ afterDays: 0 }], startAt: FAR_FUTURE },
      }),
    ]);
    const batch = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: {
        leads: [{ firstName: 'Cy', email: 'cy@example.com', assistantId: assistant.id, startAt: FAR_FUTURE }],
      },
    });
    const ok = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: { firstName: 'Di', email: 'di@example.com', assistantId: assistant.id, startAt: within },
    });
    // Assess
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toEqual({
        code: 'validation_failed',
        message: `Invalid startAt: Must be at most ${MAX_START_AHEAD_DAYS} days from now`,
        details: [{ path: 'startAt', message: `Must be at most ${MAX_START_AHEAD_DAYS} days from now` }],
      });
    }
    expect(batch.body.items[0]).toMatchObject({
      index: 0,
      status: 400,
      error: { details: [{ path: 'startAt' }] },
    });
    expect(ok.status).toBe(201);
    const stored = await storedLeads(member);
    expect(stored.map((item) => item.firstName).sort()).toEqual(['Ada', 'Di']);
    expect(await storedLead(member, lead.id)).toMatchObject({
      enrollment: { status: 'stopped', sequenceId: 'system-recommended' },
    });
  });
});

describe('4. names people read', () => {
  it('refuses names of only invisible characters, with controls or lone surrogates', async () => {
    // Prepare
    const { admin, member, assistant } = await newOrg();
    // Act
    const sequence = await invoke(sequencesApi, 'createSequence', {
      caller: member,
      body: { name: '\u200B\u200D\u2060', steps: [step(0)] },
    });
    const message = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: { name: '\u0000\u0000', channel: 'email', email: { subject: 'Hi', html: '<p>Hi</p>' } },
    });
    const subject = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: {
        name: 'Ok',
        channel: 'email',
        email: { subject: 'Hi\r\nBcc: x@evil.example', html: '<p>Hi</p>' },
      },
    });
    const assistantName = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { name: 'Ma\ud800ya', email: 'm2@contoso.example', timezone: 'UTC' },
    });
    const lead = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: '\u2063\u3164',
        lastName: 'Lovelace',
        email: 'a@example.com',
        assistantId: assistant.id,
      },
    });
    const org = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { name: '\u200E\u200F' },
    });
    // Assess
    expect([sequence, message, subject, assistantName, lead, org].map((answer) => answer.status)).toEqual([
      400, 400, 400, 400, 400, 400,
    ]);
    expect(fieldPaths(sequence.body)).toEqual(['name']);
    expect(sequence.body.error.details[0].message).toBe('Must contain a visible character');
    expect(fieldPaths(message.body)).toEqual(['name']);
    expect(fieldPaths(subject.body)).toEqual(['email.subject']);
    expect(assistantName.body.error.details).toEqual([
      { path: 'name', message: 'Contains a lone surrogate (not valid Unicode text)' },
    ]);
    expect(fieldPaths(lead.body)).toEqual(['firstName']);
    expect(fieldPaths(org.body)).toEqual(['name']);
    expect(await storedLeads(member)).toEqual([]);
    expect((await invoke(assistantsApi, 'listAssistants', { caller: member })).body.items).toHaveLength(1);
    expect((await invoke(orgApi, 'getOrgSettings', { caller: member })).body.name).toBe('');
  });

  it('keeps control characters of stored fields out of e-mail headers', () => {
    // Act
    const to = formatAddress('Ada\r\nBcc: x@evil.example\u0000', 'ada@example.com');
    const subject = headerText('Hello\u0007 \u202Egnp.exe\u2028there\ud800');
    // Assess
    expect(to).toBe('"Ada Bcc: x@evil.example" <ada@example.com>');
    expect(subject).toBe('Hello gnp.exe there\uFFFD');
  });
});

describe('5. custom HTML that sanitizes to nothing', () => {
  it('is refused on create and replace, naming email.html', async () => {
    // Prepare
    const { member } = await newOrg();
    const created = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: { name: 'Fine', channel: 'email', email: { subject: 'Hi', html: '<p>Hello</p>' } },
    });
    // Act
    const create = await invoke(messagesApi, 'createMessage', {
      caller: member,
      body: { name: 'Empty', channel: 'email', email: { subject: 'Hi', html: '<script>x</script>' } },
    });
    const replace = await invoke(messagesApi, 'replaceMessage', {
      caller: member,
      params: { id: created.body.id },
      headers: { 'if-match': '"1"' },
      body: {
        name: 'Fine',
        channel: 'email',
        email: { subject: 'Hi', html: '<style>p{}</style><form></form>' },
      },
    });
    // Assess
    expect(create.status).toBe(400);
    expect(create.body.error.code).toBe('validation_failed');
    expect(fieldPaths(create.body)).toEqual(['email.html']);
    expect(replace.status).toBe(400);
    expect(fieldPaths(replace.body)).toEqual(['email.html']);
    const stored = await invoke(messagesApi, 'getMessage', {
      caller: member,
      params: { id: created.body.id },
    });
    expect(stored.body).toMatchObject({ version: 1, email: { html: '<p>Hello</p>' } });
    const names = (await invoke(messagesApi, 'listMessages', { caller: member })).body.items.map(
      (m: { name: string }) => m.name,
    );
    expect(names).not.toContain('Empty');
  });
});

describe('6 and 7. assistants', () => {
  it('refuse repeated business days and default sequences that are missing or of the wrong type', async () => {
    // Prepare
    const { admin, member, assistant } = await newOrg();
    const base = { name: 'Ren', email: `ren.${randomUUID()}@contoso.example`, timezone: 'UTC' };
    // Act
    const days = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { ...base, businessHours: { start: '09:00', end: '17:00', days: [1, 1, 2] } },
    });
    const missing = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { ...base, defaultSequenceId: 'nope' },
    });
    const swapped = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: {
        ...base,
        defaultSequenceId: 'system-recommended-email-cc',
        defaultEmailCcSequenceId: 'system-recommended',
      },
    });
    const replaced = await invoke(assistantsApi, 'replaceAssistant', {
      caller: admin,
      params: { id: assistant.id },
      headers: { 'if-match': '"1"' },
      body: { ...writableOf(assistant), defaultSequenceId: 'nope' },
    });
    const own = await newSequence(member, 2);
    const fine = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: { ...base, defaultSequenceId: own.id },
    });
    // Assess
    expect(days.status).toBe(400);
    expect(days.body.error.details).toEqual([
      { path: 'businessHours.days', message: 'Each day at most once' },
    ]);
    expect(missing.status).toBe(400);
    expect(fieldPaths(missing.body)).toEqual(['defaultSequenceId']);
    expect(swapped.status).toBe(400);
    expect(fieldPaths(swapped.body)).toEqual(['defaultSequenceId', 'defaultEmailCcSequenceId']);
    expect(replaced.status).toBe(400);
    expect(fieldPaths(replaced.body)).toEqual(['defaultSequenceId']);
    expect(fine.status).toBe(201);
    const stored = (await invoke(assistantsApi, 'listAssistants', { caller: member })).body.items;
    expect(stored.map((a: { id: string }) => a.id).sort()).toEqual([assistant.id, fine.body.id].sort());
    expect(stored.find((a: { id: string }) => a.id === assistant.id)).toMatchObject({
      version: 1,
      defaultSequenceId: 'system-recommended',
    });
  });
});

describe('8. the region policy on every new plan', () => {
  it('answers 422 like POST /leads when a lead moves, restarts or continues past the allowed follow-ups', async () => {
    // Prepare: EU allows 1 follow-up; the lead is on a 2-step sequence (1 follow-up)
    const { admin, member, assistant } = await newOrg();
    await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { regionPolicy: { mode: 'enforce', maxFollowups: { EU: 1 } } },
    });
    const short = await newSequence(member, 2);
    const long = await newSequence(member, 3);
    const lead = await newLead(member, assistant.id, { country: 'DE', sequenceId: short.id });
    const created = await invoke(leadsApi, 'createLead', {
      caller: member,
      body: {
        firstName: 'Bo',
        email: 'bo@example.com',
        country: 'DE',
        assistantId: assistant.id,
        sequenceId: long.id,
      },
    });
    // Act
    const move = await invoke(leadsApi, 'updateLead', {
      caller: member,
      headers: { 'if-match': `"${lead.version}"` },
      params: { id: lead.id },
      body: {
        firstName: 'Ada',
        email: lead.email,
        country: 'DE',
        assistantId: assistant.id,
        sequenceId: long.id,
      },
    });
    const restart = await invoke(leadsApi, 'restartLead', {
      caller: member,
      params: { id: lead.id },
      body: { sequenceId: long.id },
    });
    await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });
    const grown = await invoke(sequencesApi, 'replaceSequence', {
      caller: member,
      params: { id: short.id },
      headers: { 'if-match': '"1"' },
      body: { name: short.name, description: '', type: 'standard', steps: [step(0), step(1), step(2)] },
    });
    const resumed = await invoke(leadsApi, 'continueLead', {
      caller: member,
      params: { id: lead.id },
      body: {},
    });
    // Assess
    expect(created.status).toBe(422);
    expect(grown.status).toBe(200);
    for (const answer of [move, restart, resumed]) {
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({
        error: {
          code: 'unprocessable',
          message: created.body.error.message,
          details: { region: 'EU', allowed: 1, followups: 2 },
        },
      });
    }
    expect(await storedLead(member, lead.id)).toMatchObject({
      enrollment: { sequenceId: short.id, status: 'stopped' },
    });
  });
});

describe('9. suppressed addresses', () => {
  it('answer 409 address_suppressed on restart and continue; the lead stays stopped', async () => {
    // Prepare
    const { orgId, member, assistant } = await newOrg();
    const lead = await newLead(member, assistant.id);
    await invoke(leadsApi, 'stopLead', { caller: member, params: { id: lead.id } });
    await suppress(orgId, lead.email, 'bounced', new Date());
    // Act
    const resumed = await invoke(leadsApi, 'continueLead', {
      caller: member,
      params: { id: lead.id },
      body: {},
    });
    const restarted = await invoke(leadsApi, 'restartLead', {
      caller: member,
      params: { id: lead.id },
      body: {},
    });
    // Assess
    for (const answer of [resumed, restarted]) {
      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({
        error: {
          code: 'address_suppressed',
          message: `${lead.email} is on the org’s suppression list (bounced): it is never e-mailed again`,
          details: { email: lead.email },
        },
      });
    }
    expect((await storedLead(member, lead.id)).enrollment.status).toBe('stopped');
    expect(await schedulesOf(lead.id)).toEqual([]);
  });
});

describe('10. signatures', () => {
  it('are decoded strictly: trailing garbage, other alphabets and non-canonical padding are refused', async () => {
    // Prepare
    const { orgId, member, assistant } = await newOrg();
    const lead = await newLead(member, assistant.id);
    const token = signUnsubscribeToken({ orgId, leadId: lead.id }, UNSUBSCRIBE_TEST_KEY);
    const [payload, mac] = token.split('.') as [string, string];
    const lastBitsFlipped = `${mac.slice(0, -1)}${String.fromCharCode(mac.charCodeAt(mac.length - 1) ^ 1)}`;
    const badTokens = [
      `${token}=`,
      `${token}A`,
      `${payload}.${mac}==`,
      `${payload}.${Buffer.from(mac, 'base64url').toString('base64')}`,
      `${payload}.${lastBitsFlipped}`,
      `${payload}!.${mac}`,
    ];
    const secret = 'webhook-secret-0123456789';
    const now = new Date();
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const signature = signSinchCallback('{}', secret, 'n', timestamp);
    const signed = (sig: string) => ({ rawBody: '{}', signature: sig, nonce: 'n', timestamp });
    // Act
    const answers = await Promise.all(
      // As an API client asks (a browser gets a page: test/integration/listening.test.ts).
      badTokens.map((bad) =>
        invoke(publicApi, 'unsubscribe', { params: { token: bad }, headers: { accept: 'application/json' } }),
      ),
    );
    // Assess
    expect(verifyUnsubscribeToken(token, UNSUBSCRIBE_TEST_KEY)).toEqual({ orgId, leadId: lead.id });
    for (const bad of badTokens) expect(verifyUnsubscribeToken(bad, UNSUBSCRIBE_TEST_KEY)).toBeUndefined();
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'token' }] });
    }
    expect((await storedLead(member, lead.id)).enrollment.status).toBe('active');
    expect(verifySinchSignature(signed(signature), secret, now)).toBe(true);
    for (const bad of [
      `${signature}A`,
      signature.replace(/=+$/, ''),
      `${signature} `,
      signature.replace(/\+/g, '-').replace(/\//g, '_'),
      `${signature}==`,
    ]) {
      if (bad !== signature) expect(verifySinchSignature(signed(bad), secret, now)).toBe(false);
    }
  });
});

describe('12. lead batches', () => {
  it('answer every row in time: rows not started are not_attempted, nothing of them is stored, and a resend works', async () => {
    // Prepare
    const { member, assistant } = await newOrg();
    const rows = Array.from({ length: 3 }, (_, i) => ({
      firstName: `R${i}`,
      email: `r${i}@example.com`,
      assistantId: assistant.id,
    }));
    // Act: only the reserve is left, so no row may start
    const late = await invoke(leadsApi, 'createLeads', {
      caller: member,
      body: { leads: rows },
      remainingTimeMs: BATCH_RESERVED_MS.min,
    });
    const storedAfterLate = await storedLeads(member);
    const again = await invoke(leadsApi, 'createLeads', { caller: member, body: { leads: rows } });
    // Assess
    expect(late.status).toBe(200);
    expect(late.body.items).toEqual(
      rows.map((_, index) => ({
        index,
        status: 503,
        error: {
          code: 'not_attempted',
          message:
            'Not attempted (the request ran out of time before this row started); nothing was stored: send it again',
        },
      })),
    );
    expect(storedAfterLate).toEqual([]);
    expect(again.body.items.map((row: { status: number }) => row.status)).toEqual([201, 201, 201]);
    expect(await storedLeads(member)).toHaveLength(3);
  });
});

describe('13. deeply nested bodies', () => {
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const handlers = {
    assistants: assistantsApi,
    leads: leadsApi,
    messages: messagesApi,
    org: orgApi,
    public: publicApi,
    sequences: sequencesApi,
  } as Record<string, typeof leadsApi>;
  const withJsonBody = (Object.entries(operations) as [OperationId, Operation][]).filter(
    ([, operation]) => operation.body !== undefined || operation.csvBody,
  );

  it('answer 400 naming the field on every JSON route, never 500: 2,000 levels in 4 KB, 100,000 in 200 KB', async () => {
    // Prepare
    const { admin } = await newOrg();
    handlers.imports = (await import('../../lambdas/imports-api')).handler;
    handlers.webhooks = (await import('../../lambdas/webhooks-api')).handler;
    handlers.suppressions = (await import('../../lambdas/suppressions-api')).handler;
    handlers.privacy = (await import('../../lambdas/privacy-api')).handler;
    const bodies = [`{"name":${nested(2_000)}}`, nested(100_000), '['.repeat(200_000)];
    // Act
    const answers = [];
    for (const [id, operation] of withJsonBody) {
      const handler = handlers[operation.fn];
      if (!handler) throw new Error(`No handler for ${operation.fn} in this test`);
      const params = Object.fromEntries(
        [...operation.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, 'x']),
      );
      for (const body of bodies) {
        const answer = await invoke(handler, id, {
          caller: admin,
          headers: { 'if-match': '"1"' },
          params,
          body,
        });
        answers.push({ id, levels: body.length / 2, status: answer.status, error: answer.body?.error });
      }
    }
    // Assess
    expect(withJsonBody.length).toBeGreaterThanOrEqual(20);
    for (const answer of answers) expect(answer).toMatchObject({ status: 400 });
    const [fieldDeep, bodyDeep, unbalanced] = answers;
    expect(fieldDeep?.error.details).toEqual([
      {
        path: ['name', ...Array(31).fill('0')].join('.'),
        message: 'Nested deeper than 32 levels of arrays and objects',
      },
    ]);
    expect(bodyDeep?.error.details).toEqual([
      { path: Array(32).fill('0').join('.'), message: expect.any(String) },
    ]);
    expect(unbalanced?.error.code).toBe('malformed_request');
  });
});
