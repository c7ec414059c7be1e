/**
 * Approvals on the whole local stack, through the API and the SES outbox: three leads of a sequence
 * whose first step a person reviews. Ada's draft is approved with edits, and the outbox shows the
 * edited e-mail (and the follow-up quoting it); Bob's is rejected, skipped, and his next step sent;
 * nobody decides Cy's, which waits (the lead's view says so) and is skipped 7 days after it was due,
 * before the sequence goes on.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, PINNED_START, publishedEvents, sentTo, signedIn } from '../support/local-api';

const stack = useContractCheckedStack();

const MINUTE = 60_000;
const DAY = 24 * 3600_000;

describe('approvals', () => {
  it('sends an approved edit, skips a rejected step and one nobody decided, and goes on with each sequence', async () => {
    // Prepare: Monday 1 March 2027, 10:00 in Berlin; Sam (admin) owns a sequence reviewing its first step
    stack().clock.set(PINNED_START);
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
    const member = await signedIn(stack().url, { orgId, userId: 'bea', role: 'member' });
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Reviewed opener',
      review: 'first_step',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    const lead = (firstName: string) =>
      addLead(api, {
        firstName,
        email: `${firstName.toLowerCase()}@${orgId}.example`,
        country: 'DE',
        assistantId: assistant.id,
        sequenceId: sequence.id,
      });
    const ada = await lead('Ada');
    const bob = await lead('Bob');
    const cy = await lead('Cy');
    const address = (who: { email: string }) => who.email;

    // Act: the first steps fall due and are drafted instead of sent
    await stack().advance(3 * MINUTE);
    const pending = await api('GET', '/approvals');
    const draftOf = (who: { id: string }) =>
      pending.body.items.find((item: { leadId: string }) => item.leadId === who.id);
    // A decision names the version read: the list's `version`, or GET /approvals/{id}'s ETag
    const asRead = (who: { id: string }) => ({ 'if-match': `"${draftOf(who).version}"` });
    const asMember = await member('POST', `/approvals/${draftOf(ada).id}/approve`, {}, asRead(ada));
    const sentWhileDrafted = await sentTo(stack(), `@${orgId}.example`);
    const bobRead = await api('GET', `/approvals/${draftOf(bob).id}`);
    const approved = await api(
      'POST',
      `/approvals/${draftOf(ada).id}/approve`,
      {
        subject: 'Ada, one idea for your team',
        body: '<p>Hi {{lead.firstName}}, I rewrote this one myself.</p>',
      },
      asRead(ada),
    );
    const rejected = await api(
      'POST',
      `/approvals/${draftOf(bob).id}/reject`,
      { reason: 'Bob is a partner' },
      { 'if-match': bobRead.etag ?? '' },
    );
    await stack().advance(3 * MINUTE);
    const adaFirst = await sentTo(stack(), address(ada));
    const bobFirst = await sentTo(stack(), address(bob));
    const cyWaiting = await api('GET', `/leads/${cy.id}`);
    // Two days later the second steps go: Ada's in her thread, Bob's (his first e-mail) on its own
    await stack().advance(2 * DAY);
    const adaAll = await sentTo(stack(), address(ada));
    const bobAll = await sentTo(stack(), address(bob));
    const bobTimeline = await api('GET', `/leads/${bob.id}/timeline`);
    // A week after it was due, Cy's draft times out; two days later his second step goes
    await stack().advance(5 * DAY);
    const cyTimedOut = await api('GET', `/leads/${cy.id}/timeline`);
    const expired = await api('GET', '/approvals?status=expired');
    const cyBeforeNext = await sentTo(stack(), address(cy));
    await stack().advance(2 * DAY + 5 * MINUTE);
    const cyAll = await sentTo(stack(), address(cy));
    const requested = await publishedEvents(stack().url, { orgId, type: 'approval.requested' });

    // Assess: three drafts, nothing sent until someone decided
    expect(pending.status).toBe(200);
    expect(pending.body.items).toHaveLength(3);
    expect(pending.body.items.map((item: { leadId: string }) => item.leadId).sort()).toEqual(
      [ada.id, bob.id, cy.id].sort(),
    );
    expect(asMember.status).toBe(403);
    expect(bobRead).toMatchObject({ status: 200, etag: `"${draftOf(bob).version}"` });
    expect(sentWhileDrafted).toEqual([]);
    expect(approved.status).toBe(200);
    expect(rejected.status).toBe(200);
    // Ada: the edited text went, and her follow-up replies under it and quotes it
    expect(adaFirst.map((item) => item.subject)).toEqual(['Ada, one idea for your team']);
    expect(adaFirst[0]?.html).toContain('<p>Hi Ada, I rewrote this one myself.</p>');
    expect(adaAll.map((item) => item.subject)).toEqual([
      'Ada, one idea for your team',
      'Re: Ada, one idea for your team',
    ]);
    expect(adaAll[1]?.html).toContain('Hi Ada, I rewrote this one myself.');
    // Bob: the rejected step was skipped, the next one sent
    expect(bobFirst).toEqual([]);
    expect(bobAll).toHaveLength(1);
    expect(bobTimeline.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'skipped', step: 0, reason: 'rejected' }),
        expect.objectContaining({ kind: 'sent', step: 1 }),
      ]),
    );
    // Cy: the lead's view says the step awaits approval, until it times out 7 days after it was due
    expect(cyWaiting.body.enrollment).toMatchObject({
      nextStep: 0,
      nextReasons: ['awaiting_approval'],
      nextSendAt: '2027-03-08T09:01:00.000Z',
      approvalId: draftOf(cy).id,
    });
    expect(cyTimedOut.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'skipped', step: 0, reason: 'approval_timed_out' }),
        expect.objectContaining({
          kind: 'approval_decided',
          detail: expect.objectContaining({ decision: 'expired' }),
        }),
      ]),
    );
    expect(expired.body.items.map((item: { leadId: string }) => item.leadId)).toEqual([cy.id]);
    expect(cyBeforeNext).toEqual([]);
    expect(cyAll).toHaveLength(1);
    // Each draft was announced on the bus (and to webhooks subscribed to approval.requested)
    expect(requested.map(({ event }) => event.data.approvalId).sort()).toEqual(
      pending.body.items.map((item: { id: string }) => item.id).sort(),
    );
  });
});
