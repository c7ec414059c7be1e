/**
 * The local outbox names whose step each message was and filters by org and lead
 * (`GET /_local/outbox?orgId=&leadId=`), and shows both clocks: `at` on the local clock, `acceptedAt`
 * the real time the emulator (and the SES web UI) shows.
 */
import { describe, expect, it } from 'vitest';
import { createOutbox, type OutboxOwner } from '../../../local/outbox';
import type { SesLocalEmail } from '../../../local/ses-local';
import type { SinchSentMessage } from '../../../local/sinch-stub';

const email = (messageId: string, to: string): SesLocalEmail => ({
  messageId,
  from: 'maya@assistants.localhost',
  replyTo: [],
  destination: { to: [to], cc: [], bcc: [] },
  subject: `To ${to}`,
  body: { text: 'Hi' },
  // Real time: 7 December 2026, 14:00:05 UTC, as the SES emulator stamps it (seconds).
  at: 1_796_652_005,
});

const whatsApp: SinchSentMessage = {
  projectId: 'p',
  appId: 'a',
  channel: 'WHATSAPP',
  recipientIdentity: '+14155550142',
  templateId: 'follow_up',
  languageCode: 'en',
  parameters: {},
  messageId: 'wa-1',
  at: new Date('2026-12-07T14:00:06.250Z'),
};

function outboxOf(owners: Record<string, OutboxOwner>) {
  const asked: string[] = [];
  const outbox = createOutbox({
    // The local clock, pinned far from the real time above.
    clock: { now: () => new Date('2027-03-01T09:00:00Z') },
    ses: {
      store: async () => ({
        emails: [
          email('ses-1', 'ada@x.example'),
          email('ses-2', 'bo@y.example'),
          email('probe-1', 'maya@z.example'),
        ],
      }),
    },
    sinch: { sent: () => [whatsApp] },
    ownerOf: async (id) => {
      asked.push(id);
      return owners[id];
    },
  });
  return { outbox, asked };
}

describe('the local outbox', () => {
  it('names the org and lead of each step, and keeps only those a filter names', async () => {
    const { outbox } = outboxOf({
      'ses-1': { orgId: 'acme', leadId: 'ada' },
      'ses-2': { orgId: 'globex', leadId: 'bo' },
      'wa-1': { orgId: 'acme', leadId: 'grace' },
    });

    const all = await outbox.owned();
    const acme = await outbox.owned({ orgId: 'acme' });
    const ada = await outbox.owned({ orgId: 'acme', leadId: 'ada' });
    const wrongOrg = await outbox.owned({ orgId: 'globex', leadId: 'ada' });

    expect(all.map((item) => [item.providerMessageId, item.orgId, item.leadId])).toEqual([
      ['ses-1', 'acme', 'ada'],
      ['ses-2', 'globex', 'bo'],
      ['probe-1', undefined, undefined],
      ['wa-1', 'acme', 'grace'],
    ]);
    expect(acme.map((item) => item.providerMessageId)).toEqual(['ses-1', 'wa-1']);
    expect(ada.map((item) => item.providerMessageId)).toEqual(['ses-1']);
    expect(wrongOrg).toEqual([]);
  });

  it('shows the local clock in at and the emulator’s real time in acceptedAt', async () => {
    const { outbox } = outboxOf({});

    const items = await outbox.items();

    expect(items.map((item) => [item.providerMessageId, item.at, item.acceptedAt])).toEqual([
      ['ses-1', '2027-03-01T09:00:00.000Z', '2026-12-07T14:00:05.000Z'],
      ['ses-2', '2027-03-01T09:00:00.000Z', '2026-12-07T14:00:05.000Z'],
      ['probe-1', '2027-03-01T09:00:00.000Z', '2026-12-07T14:00:05.000Z'],
      ['wa-1', '2027-03-01T09:00:00.000Z', '2026-12-07T14:00:06.250Z'],
    ]);
  });

  it('asks for an owner once it is known, and again while it is not', async () => {
    const { outbox, asked } = outboxOf({ 'ses-1': { orgId: 'acme', leadId: 'ada' } });

    await outbox.owned();
    await outbox.owned();

    expect(asked.filter((id) => id === 'ses-1')).toHaveLength(1);
    expect(asked.filter((id) => id === 'probe-1')).toHaveLength(2);
  });
});
