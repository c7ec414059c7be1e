/**
 * Approvals against DynamoDB Local and the scheduler emulator: a reviewed step's firing drafts it (the
 * item, the lead's plan, GET /approvals), POST /approvals/{id}/approve and /reject with their refusals
 * (403, 404, 400, 409), the approved text sent and kept for the thread, a rejected step skipped, and a
 * reply removing a draft. SES is mocked; every time is pinned.
 */
import { randomUUID } from 'node:crypto';
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { stop } from '../../lambdas/core/enrollment-status';
import type { SenderInput } from '../../lambdas/core/sender-input';
import { getApproval } from '../../lambdas/data/approvals';
import { getLead } from '../../lambdas/data/leads';
import { getSend, readLeadLog } from '../../lambdas/data/sends';
import { getVisibleSequence } from '../../lambdas/data/sequences';
import { commitPlan } from '../../lambdas/engine/plans';
import { replanPage } from '../../lambdas/engine/replan';
import { sendScheduledStep } from '../../lambdas/engine/send-step';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as privacyApi } from '../../lambdas/privacy-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { TEST_SEND_SETTINGS } from '../support/engine-settings';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const scheduler = new SchedulerClient({});
const ses = mockClient(SESv2Client);
const group = process.env.SCHEDULE_GROUP;

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

/** The lead's one live schedule: when it fires and what it hands the sender. */
async function scheduleOf(leadId: string): Promise<{ at: string; input: SenderInput }> {
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}-` }),
  );
  const live = await Promise.all(
    Schedules.map(({ Name }) => scheduler.send(new GetScheduleCommand({ Name, GroupName: group }))),
  );
  const input = (schedule: (typeof live)[number]) =>
    JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
  const latest = live.sort((a, b) => input(b).revision - input(a).revision)[0];
  if (!latest) throw new Error(`Lead ${leadId} has no schedule`);
  return { at: latest.ScheduleExpression ?? '', input: input(latest) };
}

/** Fires the lead's live schedule at its time (or `at`). */
async function fire(leadId: string, at?: Date) {
  const { at: expression, input } = await scheduleOf(leadId);
  const when = at ?? new Date(`${expression.slice(3, -1)}Z`);
  clockNow = when;
  return sendScheduledStep(input, when, TEST_SEND_SETTINGS);
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
    const approveAs = (caller: TestCaller, body: unknown = {}, id = approvalId) =>
      invoke(leadsApi, 'approveApproval', { caller, params: { id }, body });
    // Act
    const forbidden = await approveAs(member);
    const foreign = await approveAs(stranger.admin);
    const unknown = await approveAs(admin, {}, 'not-an-approval');
    const badPlaceholder = await approveAs(admin, { body: '<p>Hi {{lead.frstName}}</p>' });
    const emptySubject = await approveAs(admin, { subject: '   ' });
    const nothingLeft = await approveAs(admin, { body: '<script>alert(1)</script><style>p{}</style>' });
    const stillPending = await getApproval(orgId, approvalId);
    const rejected = await invoke(leadsApi, 'rejectApproval', {
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
    await invoke(leadsApi, 'approveApproval', { caller: admin, params: { id: firstId } });
    await fire(lead.id);
    // Act: step 1's schedule fires 24 h before it is due, to draft it
    const afterFirst = await getLead(orgId, lead.id);
    const draftFiring = await fire(lead.id);
    const waiting = await getLead(orgId, lead.id);
    const secondId = waiting?.enrollment.approvalId ?? '';
    const subjectEdit = await invoke(leadsApi, 'approveApproval', {
      caller: admin,
      params: { id: secondId },
      body: { subject: 'Another subject' },
    });
    const rejected = await invoke(leadsApi, 'rejectApproval', { caller: admin, params: { id: secondId } });
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
    const late = await invoke(leadsApi, 'approveApproval', { caller: admin, params: { id: approvalId } });
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
    const decision = await invoke(leadsApi, 'approveApproval', { caller: admin, params: { id: approvalId } });
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
