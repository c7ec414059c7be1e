/**
 * Approvals against DynamoDB Local and the scheduler emulator: a reviewed step's firing drafts it (the
 * item, the lead's plan, GET /approvals), POST /approvals/{id}/approve and /reject with their refusals
 * (403, 404, 400, 409), the approved text sent and kept for the thread, a rejected step skipped, and a
 * reply removing a draft. SES is mocked; every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { BatchGetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { stop } from '../../lambdas/core/enrollment-status';
import { draftApprovalPut, getApproval } from '../../lambdas/data/approvals';
import { db } from '../../lambdas/data/client';
import { getLead } from '../../lambdas/data/leads';
import { getSend, readLeadLog } from '../../lambdas/data/sends';
import { getVisibleSequence } from '../../lambdas/data/sequences';
import { transact } from '../../lambdas/data/transactions';
import { commitPlan } from '../../lambdas/engine/plans';
import { replanPage } from '../../lambdas/engine/replan';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as privacyApi } from '../../lambdas/privacy-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { liveScheduleOf } from '../support/live-schedule';
import { pinClock } from '../support/pinned-clock';

const ses = mockClient(SESv2Client);

/** Monday 4 March 2030, 11:00 in Berlin. */
const NOW = new Date('2030-03-04T10:00:00Z');
const MINUTE = 60_000;

let clockNow = NOW;
pinClock({ now: () => clockNow });
beforeEach(() => {
  clockNow = NOW;
  ses.reset();
  ses.on(SendEmailCommand).resolves({ MessageId: `ses-${randomUUID()}` });
});

/** An org whose sequence, owned by `sam` (a member), reviews `review` of two e-mail steps. */
async function newOrg(review: 'first_step' | 'all', secondAfterDays = 2) {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'alice', role: 'admin' };
  const owner: TestCaller = { orgId, userId: 'sam', role: 'member' };
  const member: TestCaller = { orgId, userId: 'bob', role: 'member' };
  const { body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: { name: 'Maya', email: `maya.${orgId}@assistants.followup.test`, timezone: 'Europe/Berlin' },
  });
  const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
    caller: owner,
    body: {
      name: 'Reviewed',
      review,
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: secondAfterDays, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    },
  });
  const { body: lead } = await invoke(leadsApi, 'createLead', {
    caller: owner,
    body: {
      firstName: 'Ada',
      email: `ada@${orgId}.example`,
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    },
  });
  return { orgId, admin, owner, member, assistant, sequence, lead };
}

/** Fires the lead's live schedule at its time (or `at`). */
async function fire(leadId: string, at?: Date) {
  const { at: expression, input } = await liveScheduleOf(leadId);
  const when = at ?? new Date(`${expression.slice(3, -1)}Z`);
  clockNow = when;
  return sendScheduledStep(input, when, TEST_SEND_SETTINGS);
}

/** If-Match naming the approval as it is stored now: what GET /approvals (or /approvals/{id}) shows. */
async function asRead(orgId: string, id: string): Promise<Record<string, string>> {
  return { 'if-match': `"${(await getApproval(orgId, id))?.version ?? 0}"` };
}

const sentEmails = () =>
  ses.commandCalls(SendEmailCommand).map((call) => ({
    subject: call.args[0].input.Content?.Simple?.Subject?.Data,
    html: call.args[0].input.Content?.Simple?.Body?.Html?.Data ?? '',
  }));

describe('a reviewed step', () => {
  it('is drafted when it fires, listed, approved with edits, and sent as edited, which the thread then quotes', async () => {
    // Prepare: the first step is due in a minute, so its own firing drafts it
    const { orgId, admin, owner, member, lead } = await newOrg('first_step');
    // Act
    const drafting = await fire(lead.id);
    const drafted = await getLead(orgId, lead.id);
    const approvalId = drafted?.enrollment.approvalId ?? '';
    const byAdmin = await invoke(leadsApi, 'listApprovals', { caller: admin });
    const byOwner = await invoke(leadsApi, 'listApprovals', { caller: owner });
    const byMember = await invoke(leadsApi, 'listApprovals', { caller: member });
    const leadView = await invoke(leadsApi, 'getLead', { caller: owner, params: { id: lead.id } });
    // A quarter of an hour later, Sam approves with an edit
    clockNow = new Date(NOW.getTime() + 15 * MINUTE);
    const approved = await invoke(leadsApi, 'approveApproval', {
      headers: await asRead(orgId, approvalId),
      caller: owner,
      params: { id: approvalId },
      body: {
        subject: 'A better subject for {{lead.firstName}}',
        body: '<p>Hi {{lead.firstName}}, an edited note.</p><img src="https://contoso.example/x.png" onerror="alert(1)">',
      },
    });
    const replanned = await getLead(orgId, lead.id);
    const sending = await fire(lead.id);
    const first = await getSend(orgId, lead.id, replanned?.enrollment.runId ?? '', 0);
    // Two days later the second step (not reviewed under first_step) goes, quoting the edited e-mail
    await fire(lead.id);
    const audit = await invoke(privacyApi, 'listAudit', { caller: admin });
    // Assess
    expect(drafting).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(drafted?.enrollment).toMatchObject({
      nextStep: 0,
      nextSendAt: '2030-03-11T10:01:00.000Z', // due + 7 days: when it is skipped unless decided
      nextReasons: ['awaiting_approval'],
    });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.items).toEqual([
      expect.objectContaining({
        id: approvalId,
        status: 'pending',
        leadId: lead.id,
        lead: { name: 'Ada', email: `ada@${orgId}.example` },
        stepIndex: 0,
        opensThread: true,
        dueAt: '2030-03-04T10:01:00.000Z',
        timesOutAt: '2030-03-11T10:01:00.000Z',
        draft: { subject: expect.any(String), body: expect.stringContaining('Ada') },
      }),
    ]);
    expect(byAdmin.body.items[0].orgId).toBeUndefined();
    expect(byOwner.body.items.map((item: { id: string }) => item.id)).toEqual([approvalId]);
    expect(byMember.body.items).toEqual([]);
    expect(leadView.body.enrollment).toMatchObject({ approvalId, nextReasons: ['awaiting_approval'] });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: 'sam',
      approved: {
        subject: 'A better subject for {{lead.firstName}}',
        body: expect.stringMatching(
          /^<p>Hi \{\{lead\.firstName\}\}, an edited note\.<\/p><img src="https:\/\/contoso\.example\/x\.png"/,
        ),
        edited: true,
      },
    });
    // Sanitized as a custom message is: the image stays, its script does not
    expect(approved.body.approved.body).not.toContain('onerror');
    // Its due time had passed: it goes at the next minute
    expect(replanned?.enrollment).toMatchObject({ nextStep: 0, nextSendAt: '2030-03-04T10:16:00.000Z' });
    expect(replanned?.enrollment.approvalId).toBeUndefined();
    expect(sending).toMatchObject({ result: 'sent' });
    const emails = sentEmails();
    expect(emails[0]?.subject).toBe('A better subject for Ada');
    expect(emails[0]?.html).toContain('<p>Hi Ada, an edited note.</p>');
    expect(first?.quotableHtml).toContain('<p>Hi Ada, an edited note.</p>');
    expect(emails[1]?.subject).toBe('Re: A better subject for Ada');
    expect(emails[1]?.html).toContain('Hi Ada, an edited note.');
    expect(audit.body.items[0]).toMatchObject({
      action: 'approval.approve',
      actor: { userId: 'sam', role: 'member' },
      target: { kind: 'approval', id: approvalId },
      after: { status: 'approved', leadId: lead.id, stepIndex: 0, edited: true },
    });
    const log = await readLeadLog(orgId, lead.id);
    expect(log.events.map((event) => event.kind)).toEqual(['approval_requested', 'approval_decided']);
  });

  it('refuses a non-admin who does not own the sequence (403), another org (404), a bad edit (400) and a second decision (409)', async () => {
    // Prepare
    const { orgId, admin, member, lead } = await newOrg('all');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const stranger = await newOrg('all');
    const read = await asRead(orgId, approvalId);
    const approveAs = (caller: TestCaller, body: unknown = {}, id = approvalId) =>
      invoke(leadsApi, 'approveApproval', {
        headers: read,
        caller,
        params: { id },
        body,
      });
    // Act
    const forbidden = await approveAs(member);
    const foreign = await approveAs(stranger.admin);
    const unknown = await approveAs(admin, {}, 'not-an-approval');
    const badPlaceholder = await approveAs(admin, { body: '<p>Hi {{lead.frstName}}</p>' });
    const emptySubject = await approveAs(admin, { subject: '   ' });
    const nothingLeft = await approveAs(admin, { body: '<script>alert(1)</script><style>p{}</style>' });
    const stillPending = await getApproval(orgId, approvalId);
    const rejected = await invoke(leadsApi, 'rejectApproval', {
      headers: read,
      caller: admin,
      params: { id: approvalId },
      body: { reason: 'Not this week' },
    });
    const again = await approveAs(admin);
    // Assess
    expect(forbidden.status).toBe(403);
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(badPlaceholder.status).toBe(400);
    expect(badPlaceholder.body.error.details[0]).toMatchObject({
      path: 'body',
      message: expect.stringContaining('lead.firstName'),
    });
    expect(emptySubject.status).toBe(400);
    expect(emptySubject.body.error.details[0].path).toBe('subject');
    expect(nothingLeft.status).toBe(400);
    expect(nothingLeft.body.error.details[0]).toMatchObject({
      path: 'body',
      message: expect.stringMatching(/^Nothing would be sent/),
    });
    expect(stillPending?.status).toBe('pending');
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Not this week', decidedBy: 'alice' });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ status: 'rejected' });
  });

  it('refuses to edit a follow-up’s subject, naming subject, and skips a rejected step as rejected while the sequence goes on', async () => {
    // Prepare: every step reviewed; the first approved as drafted and sent
    const { orgId, admin, lead } = await newOrg('all');
    await fire(lead.id);
    const firstId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    await invoke(leadsApi, 'approveApproval', {
      headers: await asRead(orgId, firstId),
      caller: admin,
      params: { id: firstId },
    });
    await fire(lead.id);
    // Act: step 1's schedule fires 24 h before it is due, to draft it
    const afterFirst = await getLead(orgId, lead.id);
    const draftFiring = await fire(lead.id);
    const waiting = await getLead(orgId, lead.id);
    const secondId = waiting?.enrollment.approvalId ?? '';
    const subjectEdit = await invoke(leadsApi, 'approveApproval', {
      headers: await asRead(orgId, secondId),
      caller: admin,
      params: { id: secondId },
      body: { subject: 'Another subject' },
    });
    const rejected = await invoke(leadsApi, 'rejectApproval', {
      headers: await asRead(orgId, secondId),
      caller: admin,
      params: { id: secondId },
    });
    const decidedPlan = await getLead(orgId, lead.id);
    const skipping = await fire(lead.id);
    const done = await getLead(orgId, lead.id);
    // Assess
    expect(afterFirst?.enrollment).toMatchObject({
      nextStep: 1,
      nextSendAt: '2030-03-06T10:02:00.000Z',
      draftAt: '2030-03-05T10:02:00.000Z',
    });
    expect(draftFiring).toMatchObject({ result: 'deferred', until: '2030-03-06T10:02:00.000Z' });
    expect(waiting?.enrollment).toMatchObject({
      nextStep: 1,
      nextSendAt: '2030-03-06T10:02:00.000Z',
      nextReasons: ['awaiting_approval'],
    });
    expect(waiting?.enrollment.draftAt).toBeUndefined();
    expect(subjectEdit.status).toBe(400);
    expect(subjectEdit.body.error.details).toEqual([{ path: 'subject', message: expect.any(String) }]);
    expect(rejected.status).toBe(200);
    // Decided before its due time: it stays there, no longer awaiting anyone
    expect(decidedPlan?.enrollment).toMatchObject({
      nextSendAt: '2030-03-06T10:02:00.000Z',
      nextReasons: [],
    });
    expect(skipping).toEqual({ result: 'skipped', reason: 'rejected' });
    expect(done?.enrollment.status).toBe('completed');
    expect(sentEmails()).toHaveLength(1);
    const step1 = await getSend(orgId, lead.id, done?.enrollment.runId ?? '', 1);
    expect(step1).toMatchObject({ status: 'skipped', reason: 'rejected' });
  });

  it('times out: a step nobody decided waits, then is skipped as approval_timed_out after approvalTimeoutDays', async () => {
    // Prepare
    const { orgId, admin, lead } = await newOrg('first_step');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    // Act: the waiting step fires again when the draft times out, 7 days after it was due
    const timedOut = await fire(lead.id);
    const after = await getLead(orgId, lead.id);
    const approval = await getApproval(orgId, approvalId);
    const expired = await invoke(leadsApi, 'listApprovals', { caller: admin, query: { status: 'expired' } });
    const late = await invoke(leadsApi, 'approveApproval', {
      headers: await asRead(orgId, approvalId),
      caller: admin,
      params: { id: approvalId },
    });
    // Assess
    expect(clockNow.toISOString()).toBe('2030-03-11T10:01:00.000Z');
    expect(timedOut).toEqual({ result: 'skipped', reason: 'approval_timed_out' });
    expect(approval?.status).toBe('expired');
    expect(expired.body.items.map((item: { id: string }) => item.id)).toEqual([approvalId]);
    expect(late.status).toBe(409);
    expect(late.body.error.details).toEqual({ status: 'expired' });
    // The sequence goes on: step 1, two days after step 0 was skipped
    expect(after?.enrollment).toMatchObject({ status: 'active', nextStep: 1 });
    expect(sentEmails()).toHaveLength(0);
    expect(after?.enrollment.nextSendAt).toBe('2030-03-13T10:01:00.000Z');
  });

  it('removes a pending draft once the lead stops (a reply): gone from the list, and not found to decide', async () => {
    // Prepare
    const { orgId, admin, lead } = await newOrg('all');
    await fire(lead.id);
    const drafted = await getLead(orgId, lead.id);
    const approvalId = drafted?.enrollment.approvalId ?? '';
    // Act: the reply's action, stop, as the listening path commits it
    if (!drafted) throw new Error('no lead');
    await commitPlan({
      lead: drafted,
      previous: drafted.enrollment,
      next: stop(drafted.enrollment, 'replied'),
      now: clockNow,
    });
    const listed = await invoke(leadsApi, 'listApprovals', { caller: admin });
    const stored = await getApproval(orgId, approvalId);
    const decision = await invoke(leadsApi, 'approveApproval', {
      headers: await asRead(orgId, approvalId),
      caller: admin,
      params: { id: approvalId },
    });
    // Assess
    expect(approvalId).not.toBe('');
    expect(listed.body.items).toEqual([]);
    expect(stored).toBeUndefined();
    expect(decision.status).toBe(404);
  });

  it('pages the org’s approvals with limit and cursor, and refuses a cursor of another listing', async () => {
    // Prepare: two leads of one org waiting
    const { orgId, admin, assistant, sequence, lead } = await newOrg('all');
    const { body: second } = await invoke(leadsApi, 'createLead', {
      caller: admin,
      body: {
        firstName: 'Grace',
        email: `grace@${orgId}.example`,
        assistantId: assistant.id,
        sequenceId: sequence.id,
      },
    });
    await fire(lead.id, new Date(NOW.getTime() + MINUTE));
    await fire(second.id, new Date(NOW.getTime() + MINUTE));
    // Act
    const first = await invoke(leadsApi, 'listApprovals', { caller: admin, query: { limit: '1' } });
    const next = await invoke(leadsApi, 'listApprovals', {
      caller: admin,
      query: { limit: '1', cursor: first.body.nextCursor },
    });
    const otherListing = await invoke(leadsApi, 'listApprovals', {
      caller: admin,
      query: { status: 'approved', cursor: first.body.nextCursor },
    });
    // Assess
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const ids = [...first.body.items, ...next.body.items].map((item: { leadId: string }) => item.leadId);
    expect(ids.sort()).toEqual([lead.id, second.id].sort());
    expect(otherListing.status).toBe(400);
    expect(otherListing.body.error.code).toBe('invalid_cursor');
  });

  it('takes a pending draft away when its sequence’s reviewed step is edited, and drafts it again from the new version', async () => {
    // Prepare
    const { orgId, owner, sequence, lead } = await newOrg('all');
    await fire(lead.id);
    const firstDraft = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const { body: current, headers } = await invoke(sequencesApi, 'getSequence', {
      caller: owner,
      params: { id: sequence.id },
    });
    // Act: the first step's tone changes; the re-planner (queued by the edit) runs over the leads
    const edited = await invoke(sequencesApi, 'replaceSequence', {
      caller: owner,
      params: { id: sequence.id },
      headers: { 'if-match': headers.etag ?? '' },
      body: {
        name: current.name,
        description: current.description,
        type: current.type,
        review: 'all',
        steps: [{ ...current.steps[0], tone: 'gentle' }, current.steps[1]],
      },
    });
    const stored = await getVisibleSequence(orgId, sequence.id);
    if (!stored) throw new Error('no sequence');
    const replanned = await replanPage(stored, undefined, clockNow);
    const afterEdit = await getLead(orgId, lead.id);
    const gone = await getApproval(orgId, firstDraft);
    await fire(lead.id);
    const again = await getApproval(orgId, (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '');
    // Assess
    expect(edited.status).toBe(200);
    expect(replanned.counts.retimed).toBe(1);
    expect(gone).toBeUndefined();
    expect(afterEdit?.enrollment.approvalId).toBeUndefined();
    expect(again).toMatchObject({ status: 'pending', sequenceVersion: 2, stepIndex: 0 });
  });

  it('refuses review on a WhatsApp step, naming it', async () => {
    // Prepare
    const { owner } = await newOrg('all');
    // Act
    const refused = await invoke(sequencesApi, 'createSequence', {
      caller: owner,
      body: {
        name: 'WhatsApp reviewed',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
          { afterDays: 1, channel: 'whatsapp', messageType: 'custom', messageId: 'msg-1', review: 'all' },
        ],
      },
    });
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'steps.1.review' })]),
    );
  });
});

/** Step 0 approved and sent, then step 1 drafted by its firing 24 h before it is due: its approval's id. */
async function draftSecondStep(orgId: string, admin: TestCaller, leadId: string): Promise<string> {
  const firstId = (await getLead(orgId, leadId))?.enrollment.approvalId ?? '';
  if (firstId === '') await fire(leadId);
  const first = (await getLead(orgId, leadId))?.enrollment.approvalId ?? '';
  await invoke(leadsApi, 'approveApproval', {
    caller: admin,
    params: { id: first },
    headers: await asRead(orgId, first),
  });
  await fire(leadId);
  await fire(leadId);
  return (await getLead(orgId, leadId))?.enrollment.approvalId ?? '';
}

/** PUT /leads/{id} with the lead's details as they are, and `changes`. */
async function updateLead(caller: TestCaller, leadId: string, changes: Record<string, unknown>) {
  const { body: lead, headers } = await invoke(leadsApi, 'getLead', { caller, params: { id: leadId } });
  return invoke(leadsApi, 'updateLead', {
    caller,
    params: { id: leadId },
    headers: { 'if-match': headers.etag ?? '' },
    body: {
      firstName: lead.firstName,
      email: lead.email,
      country: lead.country,
      assistantId: lead.assistantId,
      sequenceId: lead.enrollment.sequenceId,
      ...changes,
    },
  });
}

describe('a decision on what was read', () => {
  it('answers an approval with its version as ETag, and refuses a decision on a version drafted again since (412), or without If-Match (428)', async () => {
    // Prepare: step 1 drafted 24 h ahead in German; Sam reads it
    const { orgId, admin, owner, lead } = await newOrg('all');
    const approvalId = await draftSecondStep(orgId, admin, lead.id);
    const read = await invoke(leadsApi, 'getApproval', { caller: owner, params: { id: approvalId } });
    const listed = await invoke(leadsApi, 'listApprovals', { caller: owner });
    // Act: the lead's language changes, so the step's due firing drafts it again (in French)
    const updated = await updateLead(admin, lead.id, { language: 'fr' });
    const redrafting = await fire(lead.id);
    const redrafted = await getApproval(orgId, approvalId);
    const planBefore = await getLead(orgId, lead.id);
    const stale = await invoke(leadsApi, 'approveApproval', {
      caller: owner,
      params: { id: approvalId },
      headers: { 'if-match': read.headers.etag ?? '' },
    });
    const weak = await invoke(leadsApi, 'approveApproval', {
      caller: owner,
      params: { id: approvalId },
      headers: { 'if-match': `W/"${redrafted?.version}"` },
    });
    const without = await invoke(leadsApi, 'rejectApproval', { caller: owner, params: { id: approvalId } });
    const untouched = await getApproval(orgId, approvalId);
    const planAfter = await getLead(orgId, lead.id);
    const log = await readLeadLog(orgId, lead.id);
    const current = await invoke(leadsApi, 'approveApproval', {
      caller: owner,
      params: { id: approvalId },
      headers: { 'if-match': `"${redrafted?.version}"` },
    });
    const foreign = await invoke(leadsApi, 'getApproval', {
      caller: (await newOrg('all')).admin,
      params: { id: approvalId },
    });
    // Assess: the version is the ETag, and the list shows it
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: approvalId, status: 'pending', stepIndex: 1 });
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    expect(read.body.draftedFrom).toBeUndefined();
    expect(listed.body.items.find((item: { id: string }) => item.id === approvalId)?.version).toBe(
      read.body.version,
    );
    expect(updated.status).toBe(200);
    // Drafted again at its due firing: a new version, written in French
    expect(redrafting).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(redrafted?.version).toBeGreaterThan(read.body.version);
    expect(redrafted?.draftedFrom).toMatchObject({ language: 'fr' });
    expect(redrafted?.draft.body).not.toBe(read.body.draft.body);
    // The decision on the version read is refused, and nothing is written
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(weak.status).toBe(412);
    expect(without.status).toBe(428);
    expect(untouched).toEqual(redrafted);
    expect(planAfter?.enrollment).toEqual(planBefore?.enrollment);
    expect(log.events.filter((event) => event.kind === 'approval_decided')).toHaveLength(1); // step 0's
    // On the version now stored it goes, and answers the decided version
    expect(current.status).toBe(200);
    expect(current.headers.etag).toBe(`"${(redrafted?.version ?? 0) + 1}"`);
    expect(current.body.approved.body).toBe(redrafted?.draft.body);
    expect(foreign.status).toBe(404);
  });

  it('keeps a pending draft through a sequence edit that re-plans nobody (a rename): not drafted again at its due firing', async () => {
    // Prepare: step 1 drafted 24 h ahead
    const { orgId, admin, owner, sequence, lead } = await newOrg('all');
    const approvalId = await draftSecondStep(orgId, admin, lead.id);
    const drafted = await getApproval(orgId, approvalId);
    const { body: current, headers } = await invoke(sequencesApi, 'getSequence', {
      caller: owner,
      params: { id: sequence.id },
    });
    // Act: renamed (version 2; its leads are not re-planned), then the step falls due
    const renamed = await invoke(sequencesApi, 'replaceSequence', {
      caller: owner,
      params: { id: sequence.id },
      headers: { 'if-match': headers.etag ?? '' },
      body: { ...pick(current), name: 'Reviewed, renamed' },
    });
    const due = await fire(lead.id);
    const after = await getApproval(orgId, approvalId);
    const plan = await getLead(orgId, lead.id);
    // Assess
    expect(renamed.status).toBe(200);
    expect(renamed.body.version).toBe(2);
    expect(plan?.enrollment.sequenceVersion).toBe(1);
    expect(due).toMatchObject({ result: 'deferred', reason: 'awaiting approval' });
    expect(after).toEqual(drafted);
    expect(plan?.enrollment).toMatchObject({ approvalId, nextReasons: ['awaiting_approval'] });
  });
});

/** What PUT /sequences/{id} takes of a sequence as read. */
function pick(sequence: Record<string, unknown>) {
  const { name, description, type, review, approvalTimeoutDays, steps } = sequence;
  return { name, description, type, review, approvalTimeoutDays, steps };
}

describe('a draft whose sources changed', () => {
  it('is withdrawn when someone decides it after the org’s formality changed, and drafted again in a minute', async () => {
    // Prepare: step 0 drafted (German, formal), waiting past its due time
    const { orgId, admin, lead } = await newOrg('first_step');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const read = await asRead(orgId, approvalId);
    const drafted = await getApproval(orgId, approvalId);
    // Act: the org addresses leads informally from now on; Alice approves what she read
    const settings = await invoke(orgApi, 'putOrgSettings', {
      caller: admin,
      headers: { 'if-match': '"0"' },
      body: { formality: 'informal' },
    });
    clockNow = new Date(NOW.getTime() + 30 * MINUTE);
    const decision = await invoke(leadsApi, 'approveApproval', {
      caller: admin,
      params: { id: approvalId },
      headers: read,
    });
    const withdrawn = await getApproval(orgId, approvalId);
    const plan = await getLead(orgId, lead.id);
    const redrafting = await fire(lead.id);
    const again = await getApproval(orgId, approvalId);
    // Assess
    expect(drafted?.draftedFrom).toEqual({ language: 'de', formality: 'formal' });
    expect(settings.status).toBe(200);
    expect(decision.status).toBe(409);
    expect(decision.body.error.details).toEqual({ status: 'withdrawn' });
    expect(withdrawn).toBeUndefined();
    expect(plan?.enrollment.approvalId).toBeUndefined();
    expect(plan?.enrollment.nextSendAt).toBe('2030-03-04T10:31:00.000Z');
    expect(redrafting).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(again).toMatchObject({
      status: 'pending',
      draftedFrom: { language: 'de', formality: 'informal' },
    });
    expect(again?.version).toBeGreaterThan(drafted?.version ?? 0);
    // Drafted again for the time it was due, it waits no longer than the draft withdrawn would have
    expect(again?.dueAt).toBe(drafted?.dueAt);
    expect(again?.timesOutAt).toBe(drafted?.timesOutAt);
    expect((await getLead(orgId, lead.id))?.enrollment.withdrawnDraft).toBeUndefined();
    expect(sentEmails()).toEqual([]);
  });

  it('once approved, is sent in the language it was drafted in: the lead’s language changing after the decision does not put a French footer under the German text', async () => {
    // Prepare: step 0 drafted in German (the lead's country), approved as drafted
    const { orgId, admin, owner, lead } = await newOrg('first_step');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const approved = await invoke(leadsApi, 'approveApproval', {
      caller: admin,
      params: { id: approvalId },
      headers: await asRead(orgId, approvalId),
    });
    // Act: the lead is then said to read French; the approved step goes
    const moved = await updateLead(owner, lead.id, { language: 'fr' });
    const sending = await fire(lead.id);
    // Assess: the decision stands, and so does the language of what was approved
    expect(approved.status).toBe(200);
    expect(moved.status).toBe(200);
    expect(sending).toMatchObject({ result: 'sent' });
    const [call] = ses.commandCalls(SendEmailCommand);
    const html = call?.args[0].input.Content?.Simple?.Body?.Html?.Data ?? '';
    const headers = call?.args[0].input.Content?.Simple?.Headers ?? [];
    expect(html).toContain(approved.body.draft.body.slice(0, 20));
    expect(html).toContain('Wenn Sie keine E-Mails mehr von mir erhalten möchten');
    expect(html).not.toContain('Si vous préférez');
    expect(headers.find((header) => header.Name === 'List-Unsubscribe')?.Value).toContain('?language=de');
  });

  it('is drafted again at its due firing once its custom message was edited', async () => {
    // Prepare: a sequence whose reviewed first step is a custom message
    const { orgId, admin, owner, assistant } = await newOrg('all');
    const { body: message, headers } = await invoke(messagesApi, 'createMessage', {
      caller: owner,
      body: { name: 'Intro', channel: 'email', email: { subject: 'Hello', html: '<p>Version one</p>' } },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: owner,
      body: {
        name: 'Custom reviewed',
        review: 'all',
        steps: [
          { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
          { afterDays: 2, channel: 'email', messageType: 'custom', messageId: message.id },
        ],
      },
    });
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: owner,
      body: {
        firstName: 'Ada',
        email: `ada2@${orgId}.example`,
        assistantId: assistant.id,
        sequenceId: sequence.id,
      },
    });
    const approvalId = await draftSecondStep(orgId, admin, lead.id);
    const drafted = await getApproval(orgId, approvalId);
    // Act: the message is edited, then the step falls due
    const edited = await invoke(messagesApi, 'replaceMessage', {
      caller: owner,
      params: { id: message.id },
      headers: { 'if-match': headers.etag ?? '' },
      body: { name: 'Intro', channel: 'email', email: { subject: 'Hello', html: '<p>Version two</p>' } },
    });
    const due = await fire(lead.id);
    const again = await getApproval(orgId, approvalId);
    // Assess
    expect(drafted?.draftedFrom?.message).toEqual({ id: message.id, version: 1 });
    expect(drafted?.draft.body).toContain('Version one');
    expect(edited.status).toBe(200);
    expect(due).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(again?.draftedFrom?.message).toEqual({ id: message.id, version: 2 });
    expect(again?.draft.body).toContain('Version two');
    expect(again?.version).toBeGreaterThan(drafted?.version ?? 0);
  });
});

describe('drafting a reviewed custom step', () => {
  it('reads its message once when the schedule did not name it: its source and its rendering share the read', async () => {
    // Prepare: a reviewed custom first step, fired with an input that does not name its message
    const { orgId, owner, assistant } = await newOrg('all');
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: owner,
      body: { name: 'Intro', channel: 'email', email: { subject: 'Hello', html: '<p>Version one</p>' } },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: owner,
      body: {
        name: 'Custom reviewed first',
        review: 'all',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id }],
      },
    });
    const { body: lead } = await invoke(leadsApi, 'createLead', {
      caller: owner,
      body: {
        firstName: 'Ada',
        email: `ada3@${orgId}.example`,
        assistantId: assistant.id,
        sequenceId: sequence.id,
      },
    });
    const { input } = await liveScheduleOf(lead.id);
    const { messageIds: _named, ...unnamed } = input;
    const readsMessage = (command: Sent) =>
      command instanceof BatchGetCommand &&
      Object.values(command.input.RequestItems ?? {}).some((request) =>
        (request.Keys ?? []).some((key) => key.sk === `MSG#${message.id}`),
      );

    // Act
    const { result, requests } = await withRequests(() =>
      sendScheduledStep(unnamed, NOW, TEST_SEND_SETTINGS),
    );

    // Assess
    expect(result).toMatchObject({ result: 'deferred', reason: 'drafted for approval' });
    expect(requests.filter(readsMessage)).toHaveLength(1);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    expect(await getApproval(orgId, approvalId)).toMatchObject({
      status: 'pending',
      draftedFrom: { message: { id: message.id, version: message.version } },
    });
  });
});

describe('a sequence whose review holds nothing', () => {
  it('answers a warning naming review when its first step is WhatsApp, and none when an e-mail step is reviewed', async () => {
    // Prepare
    const { owner } = await newOrg('all');
    const { body: template } = await invoke(messagesApi, 'createMessage', {
      caller: owner,
      body: {
        name: 'WA opener',
        channel: 'whatsapp',
        whatsapp: { templateName: 'followup_opener', languageCode: 'en_US', parameters: [] },
      },
    });
    const create = (review: string, first: Record<string, unknown>) =>
      invoke(sequencesApi, 'createSequence', {
        caller: owner,
        body: {
          name: `Opens on ${first.channel} ${randomUUID().slice(0, 6)}`,
          review,
          steps: [first, { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' }],
        },
      });
    const whatsapp = { afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: template.id };
    const email = { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' };
    // Act
    const firstWhatsApp = await create('first_step', whatsapp);
    const firstEmail = await create('first_step', email);
    const allOverWhatsApp = await create('all', whatsapp);
    // Assess
    expect(firstWhatsApp.status).toBe(201);
    expect(firstWhatsApp.body.warnings).toEqual(
      expect.arrayContaining([
        { code: 'review_without_effect', message: expect.stringContaining('first_step'), field: 'review' },
      ]),
    );
    const codes = (answer: { body: { warnings: { code: string }[] } }) =>
      answer.body.warnings.map((item) => item.code);
    expect(codes(firstEmail)).not.toContain('review_without_effect');
    // all still reviews the e-mail step after it
    expect(codes(allOverWhatsApp)).not.toContain('review_without_effect');
  });
});

type Sent = Parameters<typeof db.send>[0];
const writesOf = (command: Sent) =>
  command instanceof TransactWriteCommand ? (command.input.TransactItems ?? []) : [];
/** What a transaction writes of `entity`: its Put items, and its Updates' keys. */
const entitiesIn = (command: Sent) =>
  writesOf(command).map((item) => ({
    entity: item.Put?.Item?.entity,
    kind: item.Put?.Item?.kind,
    approval: String(item.Update?.Key?.sk ?? item.Put?.Item?.sk ?? '').startsWith('APPROVAL#'),
  }));

/**
 * Runs `act` with every DynamoDB request recorded, and `before` run once just ahead of the first
 * transaction that decides an approval (an Update of an APPROVAL item): another request landing between
 * a decision's reads and its write.
 */
async function withRequests<T>(
  act: () => Promise<T>,
  before?: () => Promise<void>,
): Promise<{ result: T; requests: Sent[] }> {
  const original = db.send.bind(db) as (command: Sent) => Promise<unknown>;
  const requests: Sent[] = [];
  let pending = before;
  const spy = vi.spyOn(db, 'send').mockImplementation((async (command: Sent) => {
    requests.push(command);
    const deciding = writesOf(command).some((item) =>
      String(item.Update?.Key?.sk ?? '').startsWith('APPROVAL#'),
    );
    if (deciding && pending) {
      const run = pending;
      pending = undefined;
      await run();
    }
    return original(command);
  }) as never);
  try {
    return { result: await act(), requests };
  } finally {
    spy.mockRestore();
  }
}

describe('a decision racing other writes', () => {
  it('reads the approval again on each attempt: a decision that lost to another answers that one (409 rejected)', async () => {
    // Prepare: a pending draft; Sam and Alice both read it
    const { orgId, admin, owner, lead } = await newOrg('first_step');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const read = await asRead(orgId, approvalId);
    // Act: Alice's rejection lands between Sam's reads and his write
    const { result: approved } = await withRequests(
      () => invoke(leadsApi, 'approveApproval', { caller: owner, params: { id: approvalId }, headers: read }),
      async () => {
        const rejected = await invoke(leadsApi, 'rejectApproval', {
          caller: admin,
          params: { id: approvalId },
          headers: read,
          body: { reason: 'Alice first' },
        });
        expect(rejected.status).toBe(200);
      },
    );
    const stored = await getApproval(orgId, approvalId);
    const log = await readLeadLog(orgId, lead.id);
    // Assess: Sam is told what was decided, and Alice's decision stands alone
    expect(approved.status).toBe(409);
    expect(approved.body.error.details).toEqual({ status: 'rejected' });
    expect(stored).toMatchObject({ status: 'rejected', decidedBy: 'alice', reason: 'Alice first' });
    expect(log.events.filter((event) => event.kind === 'approval_decided')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ decision: 'rejected', by: 'alice' }) }),
    ]);
  });

  it('writes a decision only over the version it read: a redraft between the read and the write is refused (412), nothing written', async () => {
    // Prepare: a pending draft Sam read
    const { orgId, owner, lead } = await newOrg('first_step');
    await fire(lead.id);
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const read = await asRead(orgId, approvalId);
    const drafted = await getApproval(orgId, approvalId);
    if (!drafted) throw new Error('no draft');
    const redraft = {
      ...drafted,
      version: drafted.version + 1,
      draft: { ...drafted.draft, body: '<p>Redrafted</p>' },
    };
    // Act: the step is drafted again (its plan unchanged) after Sam's request read it, before it wrote
    const { result: approved } = await withRequests(
      () => invoke(leadsApi, 'approveApproval', { caller: owner, params: { id: approvalId }, headers: read }),
      () => transact([draftApprovalPut(redraft, drafted)], () => undefined),
    );
    const stored = await getApproval(orgId, approvalId);
    const plan = await getLead(orgId, lead.id);
    // Assess
    expect(approved.status).toBe(412);
    expect(stored).toEqual(redraft);
    expect(plan?.enrollment).toMatchObject({ approvalId, nextReasons: ['awaiting_approval'] });
    expect((await readLeadLog(orgId, lead.id)).events.map((event) => event.kind)).toEqual([
      'approval_requested',
    ]);
  });

  it('writes each approval’s timeline entry in the transaction of its change: the draft, the decision, the expiry', async () => {
    // Prepare: two leads' first steps reviewed
    const { orgId, admin, lead } = await newOrg('first_step');
    const other = await newOrg('first_step');
    // Act: a draft and its decision; another draft that times out
    const drafting = await withRequests(() => fire(lead.id));
    const approvalId = (await getLead(orgId, lead.id))?.enrollment.approvalId ?? '';
    const headers = await asRead(orgId, approvalId);
    const deciding = await withRequests(() =>
      invoke(leadsApi, 'approveApproval', { caller: admin, params: { id: approvalId }, headers }),
    );
    await fire(other.lead.id);
    const expiring = await withRequests(() => fire(other.lead.id));
    // Assess: each change's transaction holds its entry, and no entry is written on its own
    const transactionWith = (requests: Sent[], kind: string) =>
      requests.map(entitiesIn).find((items) => items.some((item) => item.kind === kind)) ?? [];
    expect(drafting.result).toMatchObject({ reason: 'drafted for approval' });
    expect(transactionWith(drafting.requests, 'approval_requested')).toEqual(
      expect.arrayContaining([expect.objectContaining({ approval: true })]),
    );
    expect(deciding.result.status).toBe(200);
    expect(transactionWith(deciding.requests, 'approval_decided')).toEqual(
      expect.arrayContaining([expect.objectContaining({ approval: true })]),
    );
    expect(expiring.result).toEqual({ result: 'skipped', reason: 'approval_timed_out' });
    expect(transactionWith(expiring.requests, 'approval_decided')).toEqual(
      expect.arrayContaining([expect.objectContaining({ approval: true })]),
    );
    const loneEntries = [...drafting.requests, ...deciding.requests, ...expiring.requests].filter(
      (command) => command instanceof PutCommand && String(command.input.Item?.kind).startsWith('approval_'),
    );
    expect(loneEntries).toEqual([]);
    // Both at the same pinned minute: their order is the entries' random suffixes'
    expect((await readLeadLog(orgId, lead.id)).events.map((event) => event.kind).sort()).toEqual([
      'approval_decided',
      'approval_requested',
    ]);
  });
});
