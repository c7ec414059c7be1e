/**
 * The sending-reputation guard on the whole local stack: the sender's e-mails come back as SES Send
 * events, a bounce played with `POST /_local/ses-event` pauses the assistant (and the org), the other
 * lead's next step is deferred rather than sent, the assistant's view says which pauses hold it, and
 * resuming both lets it go out.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, sentTo, signedIn } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

describe('the sending-reputation guard', () => {
  it('pauses an assistant on a bounce played through /_local/ses-event, defers its steps, and sends them as soon as it resumes', async () => {
    // Prepare
    stack().clock.set(new Date('2026-03-03T15:00:00Z')); // Tuesday 10:00 in New York
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'America/New_York',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Two touches',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 1, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    // Two sends are enough to judge here; the default (50) would need fifty leads.
    const { body: settings } = await api('GET', '/org/settings');
    const { sending: _shown, ...editable } = settings;
    const saved = await api(
      'PUT',
      '/org/settings',
      { ...editable, reputationGuard: { ...editable.reputationGuard, minSends: 2 } },
      { 'if-match': '"0"' },
    );
    expect(saved.status).toBe(200);
    const gone = await addLead(api, {
      firstName: 'Bo',
      email: 'bo@gone.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    const waiting = await addLead(api, {
      firstName: 'Ada',
      email: 'ada@here.example',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(3600 * 1000);
    const [first] = await sentTo(stack(), 'bo@gone.example');

    // Act
    const bounce = await fetch(`${stack().url}/_local/ses-event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Bounce',
        bounceType: 'Permanent',
        providerMessageId: first?.providerMessageId,
      }),
    });
    const paused = (await api('GET', `/assistants/${assistant.id}`)).body.sending;
    const orgPaused = (await api('GET', '/org/settings')).body.sending;
    await stack().advance(2 * DAY);
    const whilePaused = await sentTo(stack(), 'ada@here.example');
    const { body: timeline } = await api('GET', `/leads/${waiting.id}/timeline`);
    const resumed = await api('POST', `/assistants/${assistant.id}/resume-sending`);
    const heldByOrg = (await api('GET', `/assistants/${assistant.id}`)).body.sending;
    const orgResumed = await api('POST', '/org/resume-sending');
    const free = (await api('GET', `/assistants/${assistant.id}`)).body.sending;
    // Re-planned from now, inside business hours: sent within minutes, not at the next opening.
    await stack().advance(10 * 60 * 1000);

    // Assess
    expect(bounce.status).toBe(200);
    expect(gone.id).toBeDefined();
    expect(paused).toMatchObject({
      status: 'paused',
      reason: 'hard-bounce rate 50 % over the last 2 sends passed 4 %',
      cause: {
        rate: 'bounceRate',
        value: 0.5,
        threshold: 0.04,
        window: { sends: 2, bounces: 1, complaints: 0 },
      },
      bounceRate: 0.5,
      window: { sends: 2, bounces: 1, complaints: 0 },
      canSendNow: false,
      heldBy: ['assistant', 'org'],
      resume: [`POST /assistants/${assistant.id}/resume-sending`, 'POST /org/resume-sending'],
    });
    expect(orgPaused).toMatchObject({ status: 'paused', canSendNow: false, heldBy: ['org'] });
    expect(whilePaused).toHaveLength(1);
    expect(timeline.items.map((item: { kind: string }) => item.kind)).toContain('sending_paused');
    expect(resumed.status).toBe(200);
    // The assistant's own pause is lifted, and the answer says the org's still holds it.
    expect(resumed.body).toMatchObject({
      status: 'active',
      canSendNow: false,
      heldBy: ['org'],
      resume: ['POST /org/resume-sending'],
    });
    expect(heldByOrg).toMatchObject({ status: 'active', canSendNow: false, heldBy: ['org'] });
    expect(orgResumed.body).toMatchObject({ status: 'active', canSendNow: true, heldBy: [] });
    expect(free).toMatchObject({ status: 'active', canSendNow: true, heldBy: [], resume: [] });
    expect(resumed.body.replanned + orgResumed.body.replanned).toBe(1);
    expect(await sentTo(stack(), 'ada@here.example')).toHaveLength(2);
  });

  it('answered resuming within docs/openapi.json (through the contract proxy)', () => {
    expect(stack().contract.violations()).toEqual([]);
    expect([...stack().contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['resumeAssistantSending', 'resumeOrgSending', 'leadTimeline']),
    );
  });
});
