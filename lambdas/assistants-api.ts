/** The assistants API: every org user may list and read assistants; admins create, replace and delete them. */
import { randomUUID } from 'node:crypto';
import { type Assistant, newAssistant, reviseAssistant } from './core/assistants';
import { assertVersion, NotFoundError } from './core/errors';
import { assertAdmin, type Caller } from './core/permissions';
import {
  deleteAssistant,
  getAssistant,
  insertAssistant,
  listAssistants,
  replaceAssistant,
} from './data/assistants';
import { assertDefaultSequences } from './engine/assistant-defaults';
import { apiHandler } from './http/api-handler';

export const handler = apiHandler('assistants', {
  async listAssistants({ caller }) {
    return { body: { items: (await listAssistants(caller.orgId)).map(assistantView) } };
  },

  async getAssistant({ caller, params }) {
    return shown(await requireAssistant(caller, params.id));
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

  async deleteAssistant({ caller, params }) {
    assertAdmin(caller, 'delete assistants');
    await deleteAssistant(await requireAssistant(caller, params.id));
    return {};
  },
});

function assistantView(assistant: Assistant) {
  const { orgId: _orgId, ...shown } = assistant;
  return shown;
}

function shown(assistant: Assistant) {
  return { body: assistantView(assistant), version: assistant.version };
}

async function requireAssistant(caller: Caller, id: string | undefined): Promise<Assistant> {
  const assistant = id === undefined ? undefined : await getAssistant(caller.orgId, id);
  if (!assistant) throw new NotFoundError('Assistant', id);
  return assistant;
}
