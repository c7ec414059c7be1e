/** The sequences API against DynamoDB Local: versions, name uniqueness, permissions, org isolation. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { CALENDAR_ONLY_NOTE } from '../../lambdas/core/example-dates';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';
import { pinClock } from '../support/pinned-clock';

const newOrg = (): { alice: TestCaller; bob: TestCaller } => {
  const orgId = `org-${randomUUID()}`;
  return { alice: { orgId, userId: 'alice' }, bob: { orgId, userId: 'bob' } };
};

const emailStep = (afterDays: number, tone = 'gentle') => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone,
});
const europe = {
  name: 'Europe',
  description: 'Four touches at most',
  steps: [emailStep(0, 'candid'), emailStep(3), emailStep(4)],
};

// Example dates are planned from now: a fixed one keeps them in the future (and within a year).
pinClock(new Date('2030-12-01T00:00:00Z'));

describe('sequences API', () => {
  it('lists the two system sequences first, then the org’s own by name', async () => {
    // Prepare
    const { alice } = newOrg();
    for (const name of ['zeta', 'Alpha', 'midway']) {
      await invoke(sequencesApi, 'createSequence', { caller: alice, body: { ...europe, name } });
    }

    // Act
    const { status, body } = await invoke(sequencesApi, 'listSequences', { caller: alice });

    // Assess
    expect(status).toBe(200);
    expect(body.items.map((item: { name: string }) => item.name)).toEqual([
      'Recommended',
      'Recommended for Email CC',
      'Alpha',
      'midway',
      'zeta',
    ]);
    expect(body.items[0]).toMatchObject({ system: true, editable: false, type: 'standard' });
    expect(body.items[1]).toMatchObject({ system: true, type: 'email_cc' });
    expect(body.items[1].steps[1].afterDays).toBe(3);
  });

  it('creates a sequence owned by the caller with an ETag of its version', async () => {
    const { alice } = newOrg();

    const created = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });

    expect(created.status).toBe(201);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'Europe',
      ownerId: 'alice',
      editable: true,
      version: 1,
      type: 'standard',
      system: false,
    });
    const read = await invoke(sequencesApi, 'getSequence', {
      caller: alice,
      params: { id: created.body.id },
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('replaces with If-Match: new version, then 412 for the stale one and 428 without the header', async () => {
    const { alice } = newOrg();
    const { body: created } = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });
    const replacement = {
      ...europe,
      name: 'Europe (short)',
      type: 'standard',
      steps: [emailStep(0), emailStep(5, 'curious')],
    };

    const saved = await invoke(sequencesApi, 'replaceSequence', {
      caller: alice,
      params: { id: created.id },
      headers: { 'if-match': '"1"' },
      body: replacement,
    });
    const stale = await invoke(sequencesApi, 'replaceSequence', {
      caller: alice,
      params: { id: created.id },
      headers: { 'if-match': '"1"' },
      body: replacement,
    });
    const unconditional = await invoke(sequencesApi, 'replaceSequence', {
      caller: alice,
      params: { id: created.id },
      body: replacement,
    });

    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    expect(saved.body).toMatchObject({
      version: 2,
      name: 'Europe (short)',
      steps: [emailStep(0), emailStep(5, 'curious')],
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(unconditional.status).toBe(428);
    const stored = await invoke(sequencesApi, 'getSequence', { caller: alice, params: { id: created.id } });
    expect(stored.body.version).toBe(2);
  });

  it('compares If-Match strongly: a weak ETag answers 412, what is not one ETag 400, and nothing is saved', async () => {
    // Prepare
    const { alice } = newOrg();
    const { body: created } = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });
    const replace = (ifMatch: string) =>
      invoke(sequencesApi, 'replaceSequence', {
        caller: alice,
        params: { id: created.id },
        headers: { 'if-match': ifMatch },
        body: { ...europe, type: 'standard', name: 'Europe (edited)' },
      });
    // Act
    const answers = [];
    for (const ifMatch of ['W/"1"', '"1', '1', '*', '"1", "2"']) answers.push(await replace(ifMatch));
    const stored = await invoke(sequencesApi, 'getSequence', { caller: alice, params: { id: created.id } });
    // Assess
    expect(answers.map((answer) => [answer.status, answer.body.error.code])).toEqual([
      [412, 'precondition_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
      [400, 'validation_failed'],
    ]);
    expect(answers[1]?.body.error.details).toEqual([{ path: 'If-Match', message: expect.any(String) }]);
    expect(stored.body).toMatchObject({ version: 1, name: europe.name });
  });

  it('keeps names unique in the org case-insensitively, system names included, and frees a renamed one', async () => {
    const { alice, bob } = newOrg();
    const { body: first } = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });

    const duplicate = await invoke(sequencesApi, 'createSequence', {
      caller: bob,
      body: { ...europe, name: '  EUROPE ' },
    });
    const systemName = await invoke(sequencesApi, 'createSequence', {
      caller: bob,
      body: { ...europe, name: 'recommended' },
    });
    const clonedOver = await invoke(sequencesApi, 'cloneSequence', {
      caller: bob,
      params: { id: first.id },
      body: { name: 'Europe' },
    });
    await invoke(sequencesApi, 'replaceSequence', {
      caller: alice,
      params: { id: first.id },
      headers: { 'if-match': '"1"' },
      body: { ...europe, type: 'standard', name: 'Europe v2' },
    });
    const reused = await invoke(sequencesApi, 'createSequence', { caller: bob, body: europe });

    expect(duplicate.status).toBe(409);
    expect(systemName.status).toBe(409);
    expect(clonedOver.status).toBe(409);
    expect(reused.status).toBe(201);
    const names = (await invoke(sequencesApi, 'listSequences', { caller: alice })).body.items.map(
      (s: { name: string }) => s.name,
    );
    expect(names.filter((name: string) => name.startsWith('Europe'))).toEqual(['Europe', 'Europe v2']);
  });

  it('counts names that differ only by Unicode normal form or zero-width characters as the same name', async () => {
    // Prepare
    const { alice, bob } = newOrg();
    const { body: first } = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { ...europe, name: 'Caf\u00E9 Europe' },
    });
    // Act
    const lookalikes = [];
    for (const name of [
      'Cafe\u0301 Europe',
      'Caf\u00E9\u200B Europe',
      'Caf\u200D\u00E9 Europe',
      '\uFEFFCAFÉ EUROPE',
    ]) {
      lookalikes.push(
        await invoke(sequencesApi, 'createSequence', { caller: bob, body: { ...europe, name } }),
      );
    }
    const clone = await invoke(sequencesApi, 'cloneSequence', {
      caller: bob,
      params: { id: first.id },
      body: { name: 'Caf\u2060e\u0301 Europe' },
    });
    const spaced = await invoke(sequencesApi, 'createSequence', {
      caller: bob,
      body: { ...europe, name: 'Ni\u200Bce\u0301 \u2060Europe' },
    });
    // Assess
    expect(lookalikes.map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
    expect(clone.status).toBe(409);
    expect(spaced.status).toBe(201);
    expect(spaced.body.name).toBe('Nic\u00E9 Europe');
    const names = (await invoke(sequencesApi, 'listSequences', { caller: alice })).body.items
      .map((sequence: { name: string }) => sequence.name)
      .filter((name: string) => name.includes('Europe'));
    expect(names.sort()).toEqual(['Caf\u00E9 Europe', 'Nic\u00E9 Europe']);
  });

  it('lets only the owner change or delete, and nobody change a system sequence', async () => {
    const { alice, bob } = newOrg();
    const { body: created } = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });
    const edit = { ...europe, type: 'standard' };

    const bobReads = await invoke(sequencesApi, 'getSequence', { caller: bob, params: { id: created.id } });
    const bobEdits = await invoke(sequencesApi, 'replaceSequence', {
      caller: bob,
      params: { id: created.id },
      headers: { 'if-match': '"1"' },
      body: edit,
    });
    const bobDeletes = await invoke(sequencesApi, 'deleteSequence', {
      caller: bob,
      params: { id: created.id },
    });
    const systemEdit = await invoke(sequencesApi, 'replaceSequence', {
      caller: { ...alice, role: 'admin' },
      params: { id: 'system-recommended' },
      headers: { 'if-match': '"1"' },
      body: edit,
    });
    const systemDelete = await invoke(sequencesApi, 'deleteSequence', {
      caller: { ...alice, role: 'admin' },
      params: { id: 'system-recommended' },
    });

    expect(bobReads.status).toBe(200);
    expect(bobReads.body.editable).toBe(false);
    expect(bobEdits.status).toBe(403);
    expect(bobEdits.body.error.message).toMatch(/belongs to someone else.*clone/);
    expect(bobDeletes.status).toBe(403);
    expect(systemEdit.status).toBe(403);
    expect(systemDelete.status).toBe(403);
    expect(
      (await invoke(sequencesApi, 'getSequence', { caller: alice, params: { id: created.id } })).body.version,
    ).toBe(1);
  });

  it('clones a system sequence into one the caller owns', async () => {
    const { bob } = newOrg();

    const clone = await invoke(sequencesApi, 'cloneSequence', {
      caller: bob,
      params: { id: 'system-recommended-email-cc' },
      body: { name: 'My CC follow-ups' },
    });

    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({
      name: 'My CC follow-ups',
      type: 'email_cc',
      system: false,
      ownerId: 'bob',
      editable: true,
      version: 1,
    });
    expect(clone.body.steps).toHaveLength(5);
    expect(clone.body.description).toMatch(/CC/);
  });

  it('answers 404 for another org’s sequence and never shows it', async () => {
    const { alice } = newOrg();
    const { alice: stranger } = newOrg();
    const { body: created } = await invoke(sequencesApi, 'createSequence', { caller: alice, body: europe });

    const read = await invoke(sequencesApi, 'getSequence', { caller: stranger, params: { id: created.id } });
    const clone = await invoke(sequencesApi, 'cloneSequence', {
      caller: stranger,
      params: { id: created.id },
      body: { name: 'x' },
    });
    const remove = await invoke(sequencesApi, 'deleteSequence', {
      caller: stranger,
      params: { id: created.id },
    });
    const list = await invoke(sequencesApi, 'listSequences', { caller: stranger });

    expect([read.status, clone.status, remove.status]).toEqual([404, 404, 404]);
    expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(created.id);
  });

  it('checks custom steps against the org’s messages and their channel', async () => {
    const { alice } = newOrg();
    const { alice: stranger } = newOrg();
    const { body: email } = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: {
        name: 'Intro',
        channel: 'email',
        email: { subject: 'Hello {{lead.firstName}}', html: '<p>Hi</p>' },
      },
    });
    const { body: foreign } = await invoke(messagesApi, 'createMessage', {
      caller: stranger,
      body: { name: 'Theirs', channel: 'email', email: { subject: 'Hi', html: '<p>Hi</p>' } },
    });
    const custom = (messageId: string, channel = 'email') => ({
      afterDays: 0,
      channel,
      messageType: 'custom',
      messageId,
    });

    const wrongChannel = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'A', steps: [custom(email.id, 'whatsapp')] },
    });
    const otherOrg = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'B', steps: [custom(foreign.id)] },
    });
    const systemMessage = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'C', steps: [custom('system-post-proposal')] },
    });
    const fine = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'D', steps: [custom(email.id), emailStep(2)] },
    });

    expect(wrongChannel.status).toBe(400);
    expect(wrongChannel.body.error.details).toEqual([
      { path: 'steps.0.messageId', message: expect.stringMatching(/is for email, the step sends whatsapp/) },
    ]);
    expect(otherOrg.status).toBe(400);
    expect(otherOrg.body.error.details[0].path).toBe('steps.0.messageId');
    expect(systemMessage.status).toBe(201);
    expect(fine.status).toBe(201);
  });

  it('warns that a custom follow-up e-mail goes as Re: the opening subject, on every view of it', async () => {
    // Prepare
    const { alice } = newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { name: 'Nudge', channel: 'email', email: { subject: 'Quick one', html: '<p>Still keen?</p>' } },
    });
    const custom = { afterDays: 2, channel: 'email', messageType: 'custom', messageId: message.id };

    // Act
    const opening = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'Custom first', steps: [{ ...custom, afterDays: 0 }, emailStep(2)] },
    });
    const followUp = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'Custom follow-up', steps: [{ ...custom, afterDays: 0 }, emailStep(2), custom] },
    });
    const read = await invoke(sequencesApi, 'getSequence', {
      caller: alice,
      params: { id: followUp.body.id },
    });

    // Assess
    expect(opening.status).toBe(201);
    expect(opening.body.warnings).toEqual([]);
    expect(followUp.status).toBe(201);
    const replaced = {
      code: 'custom_subject_replaced',
      field: 'steps.2.messageId',
      message: expect.stringMatching(/^Step 2 of "Custom follow-up" replies in the lead's thread/),
    };
    expect(followUp.body.warnings).toEqual([replaced]);
    expect(read.body.warnings).toEqual([replaced]);
  });

  it('validates steps with the offending field', async () => {
    const { alice } = newOrg();
    const bad = async (body: unknown) =>
      (await invoke(sequencesApi, 'createSequence', { caller: alice, body })).body.error;

    expect((await bad({ name: 'x', steps: [] })).details[0].path).toBe('steps');
    expect(
      (await bad({ name: 'x', steps: Array.from({ length: 21 }, () => emailStep(1)) })).details[0].path,
    ).toBe('steps');
    expect((await bad({ name: 'x', steps: [{ ...emailStep(1), afterDays: 366 }] })).details[0].path).toBe(
      'steps.0.afterDays',
    );
    expect((await bad({ name: 'x', steps: [{ ...emailStep(1), afterDays: 1.5 }] })).details[0].path).toBe(
      'steps.0.afterDays',
    );
    expect(
      (await bad({ name: 'x', steps: [{ afterDays: 0, channel: 'email', messageType: 'generated' }] }))
        .details[0].path,
    ).toBe('steps.0.tone');
    expect((await bad({ name: 'x', steps: [{ ...emailStep(0), tone: 'sarcastic' }] })).details[0].path).toBe(
      'steps.0.tone',
    );
    expect(
      (await bad({ name: 'x', steps: [{ afterDays: 0, channel: 'email', messageType: 'custom' }] }))
        .details[0].path,
    ).toBe('steps.0.messageId');
    expect((await bad({ name: '', steps: [emailStep(0)] })).details[0].path).toBe('name');
    expect(
      (await bad({ name: 'x', description: 'd'.repeat(501), steps: [emailStep(0)] })).details[0].path,
    ).toBe('description');
    expect((await bad({ name: 'x', type: 'drip', steps: [emailStep(0)] })).details[0].path).toBe('type');
  });

  it('refuses malformed JSON, oversized bodies and tokens without an org', async () => {
    const { alice } = newOrg();

    const malformed = await invoke(sequencesApi, 'createSequence', { caller: alice, body: '{"name": ' });
    const huge = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { ...europe, description: 'x'.repeat(300 * 1024) },
    });
    const noOrg = await invoke(sequencesApi, 'listSequences', { claims: { sub: 'alice' } });

    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_request');
    expect(huge.status).toBe(413);
    expect(noOrg.status).toBe(403);
  });

  it('deletes a sequence, its name and its message usage together', async () => {
    const { alice } = newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { name: 'Intro', channel: 'email', email: { subject: 'Hello', html: '<p>Hi</p>' } },
    });
    const { body: sequence } = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: {
        name: 'Uses intro',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id }],
      },
    });

    const removed = await invoke(sequencesApi, 'deleteSequence', {
      caller: alice,
      params: { id: sequence.id },
    });

    expect(removed.status).toBe(204);
    expect(
      (await invoke(sequencesApi, 'getSequence', { caller: alice, params: { id: sequence.id } })).status,
    ).toBe(404);
    expect(
      (
        await invoke(sequencesApi, 'createSequence', {
          caller: alice,
          body: { ...europe, name: 'Uses intro' },
        })
      ).status,
    ).toBe(201);
    expect(
      (await invoke(messagesApi, 'deleteMessage', { caller: alice, params: { id: message.id } })).status,
    ).toBe(204);
  });

  it('keeps custom messages that A/B variants name in use, and names a variant’s missing message', async () => {
    // Prepare
    const { alice } = newOrg();
    const { body: message } = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { name: 'Variant B', channel: 'email', email: { subject: 'Hello', html: '<p>Hi</p>' } },
    });
    const abStep = (messageId: string) => ({
      afterDays: 0,
      channel: 'email',
      variants: [
        { id: 'a', messageType: 'generated', tone: 'candid', weight: 50 },
        { id: 'b', messageType: 'custom', messageId, weight: 50 },
      ],
    });

    // Act
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'A/B intro', steps: [abStep(message.id)] },
    });
    const missing = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { name: 'A/B missing', steps: [abStep('no-such-message')] },
    });
    const badWeights = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: {
        name: 'A/B weights',
        steps: [
          { ...abStep(message.id), variants: abStep(message.id).variants.map((v) => ({ ...v, weight: 40 })) },
        ],
      },
    });
    const deleteInUse = await invoke(messagesApi, 'deleteMessage', {
      caller: alice,
      params: { id: message.id },
    });

    // Assess
    expect(created.status).toBe(201);
    expect(created.body.steps[0]).toEqual(abStep(message.id));
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([
      { path: 'steps.0.variants.1.messageId', message: 'Message no-such-message does not exist' },
    ]);
    expect(badWeights.status).toBe(400);
    expect(badWeights.body.error.details).toEqual([
      { path: 'steps.0.variants', message: 'Variant weights sum to 80, not 100' },
    ]);
    expect(deleteInUse.status).toBe(409);
  });

  it('previews the dates a lead would get: business hours, weekends and public holidays applied', async () => {
    // Prepare: a Bavarian lead's sequence starting on Friday 20 December 2030 at 10:00
    const { alice } = newOrg();
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: { ...europe, steps: [emailStep(0), emailStep(5), emailStep(3)] },
    });

    // Act
    const { status, body } = await invoke(sequencesApi, 'previewStepDates', {
      caller: alice,
      body: {
        sequenceId: created.body.id,
        startAt: '2030-12-20T10:00:00+01:00',
        country: 'de',
        subdivision: 'DE-BY',
      },
    });

    // Assess: Christmas Day and Boxing Day move step 1 to Friday 27th, 09:00 in Berlin
    expect(status).toBe(200);
    expect(body).toEqual({
      mode: 'business',
      timezone: 'Europe/Berlin',
      holidayCalendar: { country: 'DE', subdivision: 'BY' },
      items: [
        { step: 0, sendAt: '2030-12-20T09:00:00.000Z', reasons: [] },
        {
          step: 1,
          sendAt: '2030-12-27T08:00:00.000Z',
          reasons: ['public_holiday'],
          holidays: [
            { date: '2030-12-25', name: 'Christmas Day', country: 'DE', subdivision: 'BY' },
            { date: '2030-12-26', name: 'Boxing Day', country: 'DE', subdivision: 'BY' },
          ],
        },
        { step: 2, sendAt: '2030-12-30T08:00:00.000Z', reasons: [] },
      ],
    });
  });

  it('previews with an assistant’s hours and holiday setting, in the lead’s zone', async () => {
    const { alice } = newOrg();
    const admin = { ...alice, role: 'admin' as const };
    const assistant = await invoke(assistantsApi, 'createAssistant', {
      caller: admin,
      body: {
        name: 'Maya',
        email: `maya-${randomUUID()}@assistants.localhost`,
        timezone: 'Europe/Berlin',
        country: 'DE',
        holidayCalendar: 'assistant-country',
        businessHours: { start: '10:00', end: '16:00', days: [1, 2, 3, 4] },
      },
    });
    expect(assistant.status).toBe(201);

    const { status, body } = await invoke(sequencesApi, 'previewStepDates', {
      caller: alice,
      body: {
        steps: [{ afterDays: 0 }, { afterDays: 1 }],
        startAt: '2030-12-24T08:00:00-05:00',
        timezone: 'America/New_York',
        country: 'US',
        assistantId: assistant.body.id,
      },
    });

    // 08:00 in New York waits for 10:00; Christmas (Germany's, the assistant's country) and then the
    // assistant's Friday-to-Sunday off move step 1 to Monday 30th.
    expect(status).toBe(200);
    expect(body.holidayCalendar).toEqual({ country: 'DE' });
    expect(body.items).toEqual([
      { step: 0, sendAt: '2030-12-24T15:00:00.000Z', reasons: ['business_hours'] },
      {
        step: 1,
        sendAt: '2030-12-30T15:00:00.000Z',
        reasons: ['public_holiday', 'non_business_day'],
        holidays: [
          { date: '2030-12-25', name: 'Christmas Day', country: 'DE' },
          { date: '2030-12-26', name: 'Boxing Day', country: 'DE' },
        ],
      },
    ]);
  });

  it('previews calendar days in UTC, and says so, without a zone, country or assistant', async () => {
    const { alice } = newOrg();

    const { status, body } = await invoke(sequencesApi, 'previewStepDates', {
      caller: alice,
      body: { steps: [{ afterDays: 0 }, { afterDays: 1 }], startAt: '2030-12-24T14:00:00Z' },
    });

    expect(status).toBe(200);
    expect(body).toEqual({
      mode: 'calendar',
      timezone: 'UTC',
      note: CALENDAR_ONLY_NOTE,
      items: [
        { step: 0, sendAt: '2030-12-24T14:00:00.000Z', reasons: [] },
        { step: 1, sendAt: '2030-12-25T14:00:00.000Z', reasons: [] },
      ],
    });
  });

  it('refuses a preview without steps or sequence, with both, or naming what does not exist', async () => {
    const { alice, bob } = newOrg();
    const other = newOrg();
    const foreign = await invoke(sequencesApi, 'createSequence', { caller: other.alice, body: europe });
    const preview = (body: Record<string, unknown>) =>
      invoke(sequencesApi, 'previewStepDates', { caller: alice, body });

    const results = await Promise.all([
      preview({}),
      preview({ steps: [{ afterDays: 0 }], sequenceId: 'system-recommended' }),
      preview({ sequenceId: foreign.body.id }),
      preview({ steps: [{ afterDays: 0 }], assistantId: 'nobody' }),
      preview({ steps: [{ afterDays: 0 }], timezone: 'Mars/Olympus' }),
      preview({ steps: [{ afterDays: 0 }], country: 'XX' }),
      preview({ steps: [{ afterDays: 0 }], country: 'DE', subdivision: 'Bavaria' }),
    ]);
    const system = await invoke(sequencesApi, 'previewStepDates', {
      caller: bob,
      body: { sequenceId: 'system-recommended-email-cc', startAt: '2030-12-02T09:00:00Z', country: 'GB' },
    });

    expect(results.map((result) => result.status)).toEqual([400, 400, 400, 400, 400, 400, 400]);
    expect(results.map((result) => result.body.error.details[0].path)).toEqual([
      'steps',
      'steps',
      'sequenceId',
      'assistantId',
      'timezone',
      'country',
      'subdivision',
    ]);
    // The Email CC sequence's step 0 is the user's e-mail: the assistant's dates start at step 1.
    expect(system.status).toBe(200);
    expect(system.body.items[0]).toMatchObject({ step: 1, sendAt: '2030-12-05T09:00:00.000Z' });
  });
});
