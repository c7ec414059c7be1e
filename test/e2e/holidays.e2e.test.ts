/**
 * Public holidays on the whole local stack: a German lead's step that falls on Christmas Day is sent on
 * the next business day instead (the timeline saying why and which holiday, before the step is sent and
 * on its `sent` entry after), a Japanese lead's goes out that day, and the editor's example dates
 * (POST /sequences/preview) name the moment the send really happened.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { addLead, sentTo, signedIn } from '../support/local-api';
import { writableOf } from '../support/writable';

const stack = useContractCheckedStack();

describe('public holidays', () => {
  it('moves a German lead’s Christmas Day step to the next business day, as the preview said', async () => {
    // Prepare: Tuesday 22 December 2026, 02:00 in Berlin, 10:00 in Tokyo
    const start = new Date('2026-12-22T01:00:00Z');
    stack().clock.set(start);
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Two touches',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    const preview = await api('POST', '/sequences/preview', {
      sequenceId: sequence.id,
      assistantId: assistant.id,
      country: 'DE',
      startAt: start.toISOString(),
    });
    const ada = await addLead(api, {
      firstName: 'Ada',
      email: 'ada@example.de',
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await addLead(api, {
      firstName: 'Kenji',
      email: 'kenji@example.jp',
      country: 'JP',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });

    // Act: past the first steps, then to the morning of Christmas Day, then to the Monday after
    await stack().advance(8 * 3600 * 1000); // 10:00 in Berlin
    const adaWaiting = await api('GET', `/leads/${ada.id}/timeline`);
    await stack().advance(3 * 24 * 3600 * 1000); // Christmas Day, 10:00 in Berlin
    const onChristmas = await sentTo(stack(), 'ada@example.de');
    await stack().advance(3 * 24 * 3600 * 1000); // Monday 28th, 10:00 in Berlin
    const adaDone = await api('GET', `/leads/${ada.id}/timeline`);

    // Assess: the timeline says why and which holiday, before the step goes and after
    expect(adaWaiting.body.next).toEqual({
      step: 1,
      channel: 'email',
      at: '2026-12-28T08:00:00.000Z',
      reasons: ['public_holiday', 'non_business_day'],
      holidays: [{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }],
    });
    const sentSteps = adaDone.body.items.filter((item: { kind: string }) => item.kind === 'sent');
    expect(sentSteps).toEqual([
      expect.objectContaining({ step: 0, reasons: ['business_hours'] }),
      expect.objectContaining({
        step: 1,
        reasons: ['public_holiday', 'non_business_day'],
        holidays: [{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }],
      }),
    ]);
    expect(adaDone.body.next).toBeUndefined();
    // The local clock keeps running while a schedule fires: compare sends to the minute.
    const minute = (at: string) => at.slice(0, 16);
    const adaSent = (await sentTo(stack(), 'ada@example.de')).map((item) => minute(item.at));
    const kenjiSent = (await sentTo(stack(), 'kenji@example.jp')).map((item) => minute(item.at));
    expect(onChristmas).toHaveLength(1);
    expect(adaSent).toEqual(['2026-12-22T08:00', '2026-12-28T08:00']);
    // 25 December is a working day in Japan: 10:00 in Tokyo, three days after the first e-mail
    expect(kenjiSent).toHaveLength(2);
    expect(kenjiSent[1]?.startsWith('2026-12-25T01:0')).toBe(true);
    // The example dates were the truth
    expect(preview.status).toBe(200);
    expect(preview.body.items.map((item: { sendAt: string }) => minute(item.sendAt))).toEqual(adaSent);
    expect(preview.body.items[1].holidays).toEqual([
      { date: '2026-12-25', name: 'Christmas Day', country: 'DE' },
    ]);
  });

  it('postpones a planned step when the assistant starts avoiding holidays, saying which when it fires', async () => {
    // Prepare: Monday 28 December 2026, 10:00 in Berlin; step 1 falls on New Year's Day (a Friday)
    stack().clock.set(new Date('2026-12-28T09:00:00Z'));
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const api = await signedIn(stack().url, { orgId, userId: 'sam', role: 'admin' });
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
      holidayCalendar: 'none',
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'Two touches',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
        { afterDays: 4, channel: 'email', messageType: 'generated', tone: 'gentle' },
      ],
    });
    const lead = await addLead(api, {
      firstName: 'Lena',
      email: 'lena@example.de',
      country: 'DE',
      assistantId: assistant.id,
      sequenceId: sequence.id,
    });
    await stack().advance(3600 * 1000);
    const planned = await api('GET', `/leads/${lead.id}/timeline`);

    // Act: the admin turns the lead's public holidays on; the step fires on New Year's Day
    const changed = await api(
      'PUT',
      `/assistants/${assistant.id}`,
      { ...writableOf(assistant), holidayCalendar: 'lead-country' },
      { 'if-match': '"1"' },
    );
    await stack().advance(4 * 24 * 3600 * 1000); // Friday 1 January 2027, 11:00 in Berlin
    const postponed = await api('GET', `/leads/${lead.id}/timeline`);
    await stack().advance(3 * 24 * 3600 * 1000); // Monday 4 January, 11:00 in Berlin
    const after = await api('GET', `/leads/${lead.id}/timeline`);

    // Assess
    // Four days after the first e-mail, to the whole minute after it went out
    expect(planned.body.next.at.slice(0, 13)).toBe('2027-01-01T09');
    expect(planned.body.next.reasons).toEqual([]);
    expect(changed.status).toBe(200);
    expect(postponed.body.next).toEqual({
      step: 1,
      channel: 'email',
      at: '2027-01-04T08:00:00.000Z',
      reasons: ['public_holiday', 'non_business_day'],
      holidays: [{ date: '2027-01-01', name: "New Year's Day", country: 'DE' }],
    });
    const sent = (await sentTo(stack(), 'lena@example.de')).map((item) => item.at.slice(0, 16));
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe('2027-01-04T08:00');
    // Moved when it fired, and its sent entry says so
    expect(after.body.items.filter((item: { kind: string }) => item.kind === 'sent')[1]).toMatchObject({
      step: 1,
      reasons: ['public_holiday', 'non_business_day'],
      holidays: [{ date: '2027-01-01', name: "New Year's Day", country: 'DE' }],
    });
  });
});
