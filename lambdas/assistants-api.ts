/**
 * The assistants API: every org user may list and read assistants; admins create, replace and delete
 * them, check that an assistant at their own domain receives (a probe through its forwarding alias), and
 * resume an assistant's sending paused by the reputation guard.
 */

import { randomUUID } from 'node:crypto';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { type Assistant, newAssistant, reviseAssistant } from './core/assistants';
import { assertVersion, NotFoundError } from './core/errors';
import { assertAdmin, type Caller } from './core/permissions';
import {
  assistantFromItem,
  assistantKey,
  deleteAssistant,
  getAssistant,
  insertAssistant,
  listAssistants,
  replaceAssistant,
} from './data/assistants';
import { useTable } from './data/client';
import { getOrgSettings } from './data/org';
import { assertDefaultSequences } from './engine/assistant-defaults';
import { readWithSendingView, resumeScopeSending } from './engine/sending-reputation';
import { apiHandler } from './http/api-handler';
import { assistantView as assistantViewOf } from './http/assistant-views';
import { assistantsOperations } from './http/contract/assistants';
import { pageOfList } from './http/list-pages';
import {
  environmentSchema,
  nonEmpty,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  INBOUND_DOMAIN: nonEmpty,
  UNSUBSCRIBE_SECRET_NAME: nonEmpty,
  SES_CONFIGURATION_SET: nonEmpty,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const receivingConfig = {
  inboundDomain: env.INBOUND_DOMAIN,
  signingSecretName: env.UNSUBSCRIBE_SECRET_NAME,
  configurationSet: env.SES_CONFIGURATION_SET,
};

export const handler = apiHandler(assistantsOperations, {
  async listAssistants({ caller, query }) {
    const page = pageOfList(
      await listAssistants(caller.orgId),
      (assistant) => [assistant.name, assistant.id],
      query,
      ['assistants', caller.orgId, caller.userId],
    );
    return {
      body: { items: page.items.map(assistantView), ...(page.nextCursor && { nextCursor: page.nextCursor }) },
    };
  },

  async getAssistant({ caller, params: { id } }) {
    if (id === undefined) throw new NotFoundError('Assistant', id);
    // The assistant, the org's guard and both scopes' sending, in one round trip.
    const { view, items } = await readWithSendingView(
      { orgId: caller.orgId, assistantId: id },
      { assistant: assistantKey(caller.orgId, id) },
    );
    if (!items.assistant) throw new NotFoundError('Assistant', id);
    const assistant = assistantFromItem(items.assistant);
    return { body: { ...assistantView(assistant), sending: view }, version: assistant.version };
  },

  async createAssistant({ caller, body, now }) {
    assertAdmin(caller, 'create assistants');
    await assertDefaultSequences(caller.orgId, body);
    const assistant = newAssistant(body, caller.orgId, randomUUID(), now);
    await insertAssistant(assistant);
    return shown(assistant);
  },

  async replaceAssistant({ caller, params, body, expectedVersion, now }) {
    assertAdmin(caller, 'change assistants');
    const version = expectedVersion();
    const current = await requireAssistant(caller, params.id);
    assertVersion(current, version, 'assistant');
    await assertDefaultSequences(caller.orgId, body);
    const next = reviseAssistant(current, body, now);
    await replaceAssistant(next, current);
    return shown(next);
  },

  async verifyAssistantReceiving({ caller, params, now }) {
    assertAdmin(caller, 'verify how assistants receive');
    // Mailing the probe (the SES client) loads with this route, not at the function's cold start.
    const { sendReceivingProbe } = await import('./engine/receiving');
    const { sentTo, forwardTo } = await sendReceivingProbe(
      await requireAssistant(caller, params.id),
      receivingConfig,
      now,
    );
    return { body: { sentTo, forwardTo } };
  },

  async resumeAssistantSending({ caller, params, now }) {
    assertAdmin(caller, 'resume an assistant’s sending');
    const assistant = await requireAssistant(caller, params.id);
    const { reputationGuard } = await getOrgSettings(caller.orgId);
    return {
      body: await resumeScopeSending(
        { orgId: caller.orgId, assistantId: assistant.id },
        reputationGuard,
        now,
      ),
    };
  },

  async deleteAssistant({ caller, params }) {
    assertAdmin(caller, 'delete assistants');
    await deleteAssistant(await requireAssistant(caller, params.id));
    return {};
  },
});

const assistantView = (assistant: Assistant) => assistantViewOf(assistant, receivingConfig.inboundDomain);

function shown(assistant: Assistant) {
  return { body: assistantView(assistant), version: assistant.version };
}

async function requireAssistant(caller: Caller, id: string | undefined): Promise<Assistant> {
  const assistant = id === undefined ? undefined : await getAssistant(caller.orgId, id);
  if (!assistant) throw new NotFoundError('Assistant', id);
  return assistant;
}
