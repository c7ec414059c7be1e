/**
 * The custom messages API: list, read, create, clone, replace and delete named, reusable messages. Each
 * route adapts its request to a use case of engine/message-editing.ts and maps what it returns.
 */
import type { CustomMessage } from './core/messages';
import type { Caller } from './core/permissions';
import { useTable } from './data/client';
import {
  copyMessage,
  createMessage,
  listMessages,
  previewMessage,
  readMessage,
  removeMessage,
  reviseStoredMessage,
  toneSamples,
} from './engine/message-editing';
import { apiHandler } from './http/api-handler';
import { messagesOperations } from './http/contract/messages';
import { pageOfList } from './http/list-pages';
import { catalogueEntries, messageView } from './http/views';
import { environmentSchema, readEnvironment, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start. */
export const environment = environmentSchema({ ...TABLE_ENV });
useTable(readEnvironment(environment).TABLE_NAME);

export const handler = apiHandler(messagesOperations, {
  async listMessages({ caller, query }) {
    const { system, own } = await listMessages(caller);
    const page = pageOfList(catalogueEntries(system, own), ({ position }) => position, query, [
      'messages',
      caller.orgId,
      caller.userId,
    ]);
    const items = page.items.map(({ item }) => messageView(item, caller));
    return { body: { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) } };
  },

  async getMessage({ caller, params }) {
    return shown(await readMessage(caller, params.id), caller);
  },

  async createMessage({ caller, body, now }) {
    return shown(await createMessage(caller, body, now), caller);
  },

  async cloneMessage({ caller, params, body, now }) {
    return shown(await copyMessage(caller, params.id, body.name, now), caller);
  },

  async replaceMessage({ caller, params, body, expectedVersion, now }) {
    return shown(await reviseStoredMessage(caller, params.id, body, expectedVersion, now), caller);
  },

  async deleteMessage({ caller, params }) {
    await removeMessage(caller, params.id);
    return {};
  },

  async listTones() {
    return { body: { items: await toneSamples() } };
  },

  async previewMessage({ caller, query, body, now }) {
    return { body: await previewMessage(caller, { ...body, ...query }, now) };
  },
});

function shown(message: CustomMessage, caller: Caller) {
  return { body: messageView(message, caller), version: message.version };
}
