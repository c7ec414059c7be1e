import { beforeAll, describe, expect, it } from 'vitest';
import { RequestCounter } from '../../bench/request-counter';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { db } from '../../lambdas/data/client';
import { countReputationSend, resumeSending } from '../../lambdas/data/sending-reputation';
import { handler as leadsApi } from '../../lambdas/leads-api';
import { handler as orgApi } from '../../lambdas/org-api';
import { handler as sequencesApi } from '../../lambdas/sequences-api';
import { invoke } from '../support/invoke';
import { orgWithAssistant } from '../support/org-setup';

const counter = new RequestCounter();
beforeAll(() => counter.instrument('DynamoDB', db.middlewareStack));

const NOW = new Date('2026-03-02T10:00:00Z');

async function counted(read: () => Promise<{ status: number; body: unknown }>) {
  await read(); // warm: the first request of a container remembers its caller
  counter.reset();
  const answer = await read();
  return { ...answer, requests: counter.snapshot().attempts };
}

describe('by-id reads', () => {
  it('GET /assistants/{id}: one BatchGetItem and one Query, with the window of the current epoch only', async () => {
    // Prepare: 30 sends in an epoch since resumed, then 3 in the current one.
    const { admin, assistantId } = await orgWithAssistant();
    const scope = { orgId: admin.orgId, assistantId };
    for (let send = 0; send < 30; send += 1) await countReputationSend(scope, NOW);
    await resumeSending(scope, NOW);
    for (let send = 0; send < 3; send += 1) await countReputationSend(scope, NOW);

    // Act
    const { status, body, requests } = await counted(() =>
      invoke(assistantsApi, 'getAssistant', { caller: admin, params: { id: assistantId } }),
    );

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: assistantId,
      name: 'Maya',
      sending: { status: 'active', canSendNow: true, window: { sends: 3, bounces: 0, complaints: 0 } },
    });
    expect(requests).toEqual({ 'DynamoDB:BatchGetItem': 1, 'DynamoDB:Query': 1 });
  });

  it('GET /assistants/{id} of a missing assistant answers 404 from the same reads', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();

    // Act
    const { status, requests } = await counted(() =>
      invoke(assistantsApi, 'getAssistant', { caller: admin, params: { id: 'missing' } }),
    );

    // Assess
    expect(status).toBe(404);
    expect(requests).toEqual({ 'DynamoDB:BatchGetItem': 1, 'DynamoDB:Query': 1 });
  });

  it('GET /leads/{id}: the lead alone when its sequence is a system one; never the org settings for a lead with a language', async () => {
    // Prepare: a lead's language is stored with it, so its warnings need no default language
    const { admin, assistantId } = await orgWithAssistant();
    const createLead = (country: string) =>
      invoke(leadsApi, 'createLead', {
        caller: admin,
        body: { firstName: 'Ada', email: `ada-${country}@example.com`, assistantId, country },
      });
    const german = await createLead('DE');
    const polish = await createLead('PL');

    // Act
    const readGerman = await counted(() =>
      invoke(leadsApi, 'getLead', { caller: admin, params: { id: german.body.id } }),
    );
    const readPolish = await counted(() =>
      invoke(leadsApi, 'getLead', { caller: admin, params: { id: polish.body.id } }),
    );

    // Assess
    expect([german.status, polish.status, readGerman.status, readPolish.status]).toEqual([
      201, 201, 200, 200,
    ]);
    expect(readGerman.body).toMatchObject({ language: 'de', warnings: [] });
    expect(readGerman.requests).toEqual({ 'DynamoDB:GetItem': 1 });
    expect(readPolish.body).toMatchObject({ language: 'pl', warnings: [{ code: 'language_fallback' }] });
    expect(readPolish.requests).toEqual({ 'DynamoDB:GetItem': 1 });
  });

  it('GET /org/settings: one BatchGetItem and one Query', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    for (let send = 0; send < 2; send += 1) await countReputationSend({ orgId: admin.orgId }, NOW);

    // Act
    const { status, body, requests } = await counted(() =>
      invoke(orgApi, 'getOrgSettings', { caller: admin }),
    );

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ sending: { status: 'active', window: { sends: 2 } } });
    expect(requests).toEqual({ 'DynamoDB:BatchGetItem': 1, 'DynamoDB:Query': 1 });
  });

  it('GET /sequences/{id}: one BatchGetItem, the sequence with the settings its warnings come from', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();
    const created = await invoke(sequencesApi, 'createSequence', {
      caller: admin,
      body: {
        name: 'Europe',
        type: 'standard',
        steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' }],
      },
    });
    expect(created.status).toBe(201);

    // Act
    const { status, body, requests } = await counted(() =>
      invoke(sequencesApi, 'getSequence', { caller: admin, params: { id: created.body.id } }),
    );

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: created.body.id, name: 'Europe', warnings: created.body.warnings });
    expect(requests).toEqual({ 'DynamoDB:BatchGetItem': 1 });
  });

  it('GET /sequences/{id} of a system sequence: the settings’ GetItem alone; of a missing one, 404', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();

    // Act
    const system = await counted(() =>
      invoke(sequencesApi, 'getSequence', { caller: admin, params: { id: 'system-recommended' } }),
    );
    const missing = await counted(() =>
      invoke(sequencesApi, 'getSequence', { caller: admin, params: { id: 'missing' } }),
    );

    // Assess
    expect(system.status).toBe(200);
    expect(system.requests).toEqual({ 'DynamoDB:GetItem': 1 });
    expect(missing.status).toBe(404);
    expect(missing.requests).toEqual({ 'DynamoDB:BatchGetItem': 1 });
  });

  it('GET /org/whatsapp: one GetItem', async () => {
    // Prepare
    const { admin } = await orgWithAssistant();

    // Act
    const { status, body, requests } = await counted(() => invoke(orgApi, 'getWhatsApp', { caller: admin }));

    // Assess
    expect(status).toBe(200);
    expect(body).toEqual({ connected: false });
    expect(requests).toEqual({ 'DynamoDB:GetItem': 1 });
  });
});
