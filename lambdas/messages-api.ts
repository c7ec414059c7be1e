/** The custom messages API: list, read, create, clone, replace and delete named, reusable messages. */
import { randomUUID } from 'node:crypto';
import { assertVersion, ConflictError, NotFoundError, ValidationError } from './core/errors';
import { type CustomMessage, cloneMessage, newMessage, reviseMessage } from './core/messages';
import { assertCanEdit, type Caller } from './core/permissions';
import { isSystemName, systemMessages } from './core/system-catalogue';
import { useTable } from './data/client';
import {
  deleteMessage,
  getVisibleMessage,
  insertMessage,
  listOrgMessages,
  MessageInUseError,
  replaceMessage,
} from './data/messages';
import { getOrgSettings } from './data/org';
import { getSequencesByIds } from './data/sequences';
import { apiHandler } from './http/api-handler';
import { messagesOperations } from './http/contract/messages';
import { pageOfList } from './http/list-pages';
import { previewAssistant, previewLead, previewOrg } from './http/previews';
import { catalogueEntries, messageView } from './http/views';
import { environmentSchema, readEnvironment, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start. */
export const environment = environmentSchema({ ...TABLE_ENV });
useTable(readEnvironment(environment).TABLE_NAME);

/** Sanitizing and rendering load with the first route that needs them, not at cold start. */
const rendering = () => import('./http/message-rendering');

export const handler = apiHandler(messagesOperations, {
  async listMessages({ caller, query }) {
    const page = pageOfList(
      catalogueEntries(systemMessages(caller.orgId), await listOrgMessages(caller.orgId)),
      ({ position }) => position,
      query,
      ['messages', caller.orgId, caller.userId],
    );
    const items = page.items.map(({ item }) => messageView(item, caller));
    return { body: { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) } };
  },

  async getMessage({ caller, params }) {
    return shown(await visibleMessage(caller, params.id), caller);
  },

  async createMessage({ caller, body, now }) {
    const message = await sanitized(newMessage(body, caller, randomUUID(), now), 'email.html');
    assertNameFree(message);
    await insertMessage(message);
    return shown(message, caller);
  },

  async cloneMessage({ caller, params, body, now }) {
    const source = await visibleMessage(caller, params.id);
    const message = cloneMessage(source, body.name, caller, randomUUID(), now);
    assertNameFree(message);
    await insertMessage(message);
    return shown(message, caller);
  },

  async replaceMessage({ caller, params, body, expectedVersion, now }) {
    const version = expectedVersion();
    const current = await visibleMessage(caller, params.id);
    assertCanEdit(caller, current, 'message');
    assertVersion(current, version, 'message');
    const next = await sanitized(reviseMessage(current, body, now), 'email.html');
    assertNameFree(next);
    await explainInUse(caller, () => replaceMessage(next, current), 'change the channel of');
    return shown(next, caller);
  },

  async deleteMessage({ caller, params }) {
    const current = await visibleMessage(caller, params.id);
    assertCanEdit(caller, current, 'message');
    await explainInUse(caller, () => deleteMessage(current), 'delete');
    return {};
  },

  async listTones() {
    const { TONE_CATALOGUE, sampleFor } = await rendering();
    return { body: { items: TONE_CATALOGUE.map((info) => ({ ...info, sample: sampleFor(info.tone) })) } };
  },

  async previewMessage({ caller, body, now }) {
    const { renderWhatsAppTemplate, personalizeHtml, personalizeText, htmlToPlainText } = await rendering();
    const message = body.message
      ? await sanitized(newMessage(body.message, caller, 'preview', now), 'message.email.html')
      : await visibleMessage(caller, body.messageId);
    const context = {
      lead: previewLead(body.lead),
      org: previewOrg(await getOrgSettings(caller.orgId)),
      assistant: previewAssistant(undefined),
    };
    if (message.whatsapp)
      return { body: { channel: 'whatsapp', ...renderWhatsAppTemplate(message.whatsapp, context) } };
    const email = message.email ?? { subject: '', html: '' };
    const html = personalizeHtml(email.html, context);
    return {
      body: {
        channel: 'email',
        subject: personalizeText(email.subject, context),
        html,
        text: htmlToPlainText(html),
      },
    };
  },
});

function shown(message: CustomMessage, caller: Caller) {
  return { body: messageView(message, caller), version: message.version };
}

async function visibleMessage(caller: Caller, id: string | undefined): Promise<CustomMessage> {
  const message = id === undefined ? undefined : await getVisibleMessage(caller.orgId, id);
  if (!message) throw new NotFoundError('Message', id);
  return message;
}

function assertNameFree(message: CustomMessage): void {
  if (isSystemName('message', message.name)) {
    throw new ConflictError(`"${message.name}" is the name of a system message`);
  }
}

/**
 * Custom HTML is stored sanitized, so what the editor shows back is what will be sent; HTML that
 * sanitizes to nothing (only a script, a style, a form ...) would send an empty e-mail, so it is refused.
 */
async function sanitized(message: CustomMessage, htmlPath: string): Promise<CustomMessage> {
  if (!message.email) return message;
  const { sanitizeEmailHtml, htmlToPlainText } = await rendering();
  const html = sanitizeEmailHtml(message.email.html);
  if (htmlToPlainText(html).trim() === '' && !/<img\b/i.test(html)) {
    throw ValidationError.field(
      htmlPath,
      'Nothing would be sent: what is left after removing scripts, styles and other unsafe HTML is empty',
    );
  }
  return { ...message, email: { ...message.email, html } };
}

/** Names the sequences that keep a message from being deleted or changing channel. */
async function explainInUse(caller: Caller, write: () => Promise<void>, action: string): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof MessageInUseError)) throw error;
    const sequences = await getSequencesByIds(caller.orgId, error.sequenceIds);
    const names = sequences.map((sequence) => sequence.name);
    throw new ConflictError(`Cannot ${action} a message that sequences use: ${names.join(', ')}`, {
      sequences: sequences.map(({ id, name }) => ({ id, name })),
    });
  }
}
