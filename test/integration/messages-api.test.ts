/** The custom messages API against DynamoDB Local: placeholders, sanitizing, in-use protection. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { handler as messagesApi } from '../../lambdas/messages-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke, type TestCaller } from '../support/invoke';

const newCaller = (userId = 'alice'): TestCaller => ({ orgId: `org-${randomUUID()}`, userId });

const intro = {
  name: 'Intro',
  channel: 'email',
  email: {
    subject: 'Hello {{lead.firstName|there}}',
    html: '<p>Hi {{lead.firstName}} at {{lead.company}}</p>',
  },
};
const whatsapp = {
  name: 'WA check-in',
  channel: 'whatsapp',
  whatsapp: {
    templateName: 'followup_checkin',
    languageCode: 'en_US',
    parameters: [
      { position: 2, value: '{{assistant.name}}' },
      { position: 1, value: '{{lead.firstName}}' },
    ],
  },
};

describe('messages API', () => {
  it('creates e-mail and WhatsApp messages, listing system ones first', async () => {
    const alice = newCaller();

    const email = await invoke(messagesApi, 'createMessage', { caller: alice, body: intro });
    const wa = await invoke(messagesApi, 'createMessage', { caller: alice, body: whatsapp });
    const list = await invoke(messagesApi, 'listMessages', { caller: alice });

    expect(email.status).toBe(201);
    expect(email.headers.etag).toBe('"1"');
    expect(email.body).toMatchObject({
      ...intro,
      system: false,
      editable: true,
      ownerId: 'alice',
      version: 1,
    });
    expect(wa.status).toBe(201);
    expect(wa.body.whatsapp.parameters.map((p: { position: number }) => p.position)).toEqual([1, 2]);
    const items = list.body.items as { system: boolean; name: string }[];
    expect(items.slice(0, 3).every((item) => item.system)).toBe(true);
    expect(items.filter((item) => !item.system).map((item) => item.name)).toEqual(['Intro', 'WA check-in']);
  });

  it('names every unknown placeholder and every gap in template positions', async () => {
    const alice = newCaller();

    const unknown = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { ...intro, email: { subject: 'Hi {{lead.nickname}}', html: '<p>{{ org.ceo }}</p>' } },
    });
    const gap = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: {
        ...whatsapp,
        whatsapp: {
          ...whatsapp.whatsapp,
          parameters: [
            { position: 1, value: 'x' },
            { position: 3, value: 'y' },
          ],
        },
      },
    });
    const mismatched = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { ...intro, channel: 'whatsapp' },
    });

    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([
      {
        path: 'email.subject',
        message: expect.stringMatching(
          /^Unknown placeholder \{\{lead\.nickname\}\} Placeholders are lead\.firstName, .*lead\.custom\.<field>; a fallback follows a bar/,
        ),
      },
      {
        path: 'email.html',
        message: expect.stringMatching(/^Unknown placeholder \{\{ org\.ceo \}\} Placeholders are /),
      },
    ]);
    expect(gap.status).toBe(400);
    expect(gap.body.error.details[0].path).toBe('whatsapp.parameters');
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'email',
      'whatsapp',
    ]);
  });

  it('stores custom HTML sanitized', async () => {
    const alice = newCaller();

    const { body } = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: {
        ...intro,
        email: {
          subject: 'Hi',
          html: '<p onclick="steal()">Hi</p><script>alert(1)</script><img src="x" onerror="boom()"><a href="javascript:alert(1)">x</a>',
        },
      },
    });

    expect(body.email.html).not.toMatch(/script|onerror|onclick|javascript:/i);
    expect(body.email.html).toContain('<p>Hi</p>');
  });

  it('refuses to delete, or change the channel of, a message a sequence uses, naming the sequence', async () => {
    const alice = newCaller();
    const { body: message } = await invoke(messagesApi, 'createMessage', { caller: alice, body: intro });
    await invoke(sequencesApi, 'createSequence', {
      caller: alice,
      body: {
        name: 'Proposal follow-up',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'custom', messageId: message.id }],
      },
    });

    const removal = await invoke(messagesApi, 'deleteMessage', { caller: alice, params: { id: message.id } });
    const toWhatsApp = await invoke(messagesApi, 'replaceMessage', {
      caller: alice,
      params: { id: message.id },
      headers: { 'if-match': '"1"' },
      body: { ...whatsapp, name: 'Intro' },
    });
    const reworded = await invoke(messagesApi, 'replaceMessage', {
      caller: alice,
      params: { id: message.id },
      headers: { 'if-match': '"1"' },
      body: { ...intro, email: { subject: 'Hello again', html: '<p>Again</p>' } },
    });

    expect(removal.status).toBe(409);
    expect(removal.body.error.details.sequences).toEqual([
      { id: expect.any(String), name: 'Proposal follow-up' },
    ]);
    expect(toWhatsApp.status).toBe(409);
    expect(reworded.status).toBe(200);
    expect(reworded.body).toMatchObject({ version: 2, email: { subject: 'Hello again' } });
    expect(
      (await invoke(messagesApi, 'getMessage', { caller: alice, params: { id: message.id } })).status,
    ).toBe(200);
  });

  it('keeps message names unique, lets only the owner edit, and clones system messages', async () => {
    const alice = newCaller();
    const bob = { ...alice, userId: 'bob' };
    const { body: message } = await invoke(messagesApi, 'createMessage', { caller: alice, body: intro });

    const duplicate = await invoke(messagesApi, 'createMessage', {
      caller: bob,
      body: { ...intro, name: 'INTRO' },
    });
    const bobEdit = await invoke(messagesApi, 'replaceMessage', {
      caller: bob,
      params: { id: message.id },
      headers: { 'if-match': '"1"' },
      body: intro,
    });
    const systemDelete = await invoke(messagesApi, 'deleteMessage', {
      caller: alice,
      params: { id: 'system-post-proposal' },
    });
    const clone = await invoke(messagesApi, 'cloneMessage', {
      caller: bob,
      params: { id: 'system-post-proposal' },
      body: { name: 'My proposal nudge' },
    });
    const stale = await invoke(messagesApi, 'replaceMessage', {
      caller: alice,
      params: { id: message.id },
      headers: { 'if-match': '"7"' },
      body: intro,
    });

    expect(duplicate.status).toBe(409);
    expect(bobEdit.status).toBe(403);
    expect(systemDelete.status).toBe(403);
    expect(clone.status).toBe(201);
    expect(clone.body).toMatchObject({
      ownerId: 'bob',
      system: false,
      channel: 'email',
      email: { subject: 'Following up on our proposal' },
    });
    expect(stale.status).toBe(412);
  });

  it('counts names that differ only by Unicode normal form or zero-width characters as one name', async () => {
    // Prepare
    const alice = newCaller();
    await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { ...intro, name: 'R\u00E9sum\u00E9' },
    });
    const { body: other } = await invoke(messagesApi, 'createMessage', { caller: alice, body: whatsapp });
    // Act
    const created = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { ...intro, name: 'Re\u0301sume\u0301' },
    });
    const hidden = await invoke(messagesApi, 'createMessage', {
      caller: alice,
      body: { ...intro, name: 'R\u00E9\u200Bsum\u00E9' },
    });
    const renamed = await invoke(messagesApi, 'replaceMessage', {
      caller: alice,
      params: { id: other.id },
      headers: { 'if-match': '"1"' },
      body: { ...whatsapp, name: '\uFEFFR\u00C9SUM\u2060\u00C9' },
    });
    const cloned = await invoke(messagesApi, 'cloneMessage', {
      caller: alice,
      params: { id: 'system-post-proposal' },
      body: { name: 'Re\u0301\u200Dsume\u0301' },
    });
    // Assess
    expect([created, hidden, renamed, cloned].map((answer) => answer.status)).toEqual([409, 409, 409, 409]);
    const names = (await invoke(messagesApi, 'listMessages', { caller: alice })).body.items
      .filter((message: { system?: boolean; ownerId?: string }) => message.ownerId === alice.userId)
      .map((message: { name: string }) => message.name);
    expect(names.sort()).toEqual(['R\u00E9sum\u00E9', 'WA check-in']);
  });

  it('hides other orgs’ messages', async () => {
    const alice = newCaller();
    const stranger = newCaller();
    const { body: message } = await invoke(messagesApi, 'createMessage', { caller: alice, body: intro });

    const read = await invoke(messagesApi, 'getMessage', { caller: stranger, params: { id: message.id } });
    const remove = await invoke(messagesApi, 'deleteMessage', {
      caller: stranger,
      params: { id: message.id },
    });

    expect([read.status, remove.status]).toEqual([404, 404]);
    expect(
      (await invoke(messagesApi, 'getMessage', { caller: alice, params: { id: message.id } })).status,
    ).toBe(200);
  });
});
