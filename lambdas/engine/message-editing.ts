/**
 * The custom messages API's use cases: list, read, create, clone, replace and delete named, reusable
 * messages, the tones' samples, and previews. Sanitizing and rendering load with the first use case
 * that needs them, not at the function's cold start.
 */
import { randomUUID } from 'node:crypto';
import {
  assertVersion,
  ConflictError,
  type FieldIssue,
  NotFoundError,
  ValidationError,
} from '../core/errors';
import { messageLanguageWarnings, previewLanguage, writtenLanguage } from '../core/languages';
import {
  type CustomMessage,
  cloneMessage,
  type EmailContent,
  type MessageInput,
  newMessage,
  reviseMessage,
} from '../core/messages';
import { assertCanEdit, type Caller } from '../core/permissions';
import {
  type PreviewLeadInput,
  previewAssistant,
  previewLead,
  previewOrg,
} from '../core/rendering/preview-profiles';
import { isSystemName, systemMessages } from '../core/system-catalogue';
import { bodyLanguage, emailInLanguage } from '../core/translations';
import {
  deleteMessage,
  getVisibleMessage,
  insertMessage,
  listOrgMessages,
  MessageInUseError,
  replaceMessage,
} from '../data/messages';
import { getOrgSettings } from '../data/org';
import { getSequencesByIds } from '../data/sequences';
import { NOTHING_LEFT, saysSomething } from './safe-html';

const rendering = () => import('../core/rendering/message-rendering');

/** A message is one DynamoDB item (at most 400 KB): its HTML and every translation's must fit in it together. */
const MAX_EMAIL_CONTENT_BYTES = 350 * 1024;

/** The system messages and the org's own. */
export async function listMessages(
  caller: Caller,
): Promise<{ system: CustomMessage[]; own: CustomMessage[] }> {
  return { system: systemMessages(caller.orgId), own: await listOrgMessages(caller.orgId) };
}

export async function readMessage(caller: Caller, id: string | undefined): Promise<CustomMessage> {
  return visibleMessage(caller, id);
}

export async function createMessage(caller: Caller, input: MessageInput, now: Date): Promise<CustomMessage> {
  const message = await sanitized(newMessage(input, caller, randomUUID(), now), 'email');
  assertNameFree(message);
  await insertMessage(message);
  return message;
}

export async function copyMessage(
  caller: Caller,
  id: string | undefined,
  name: string,
  now: Date,
): Promise<CustomMessage> {
  const source = await visibleMessage(caller, id);
  const message = cloneMessage(source, name, caller, randomUUID(), now);
  assertNameFree(message);
  await insertMessage(message);
  return message;
}

/** `expectedVersion` is read first: a request without If-Match is refused before any read. */
export async function reviseStoredMessage(
  caller: Caller,
  id: string | undefined,
  input: MessageInput,
  expectedVersion: () => number,
  now: Date,
): Promise<CustomMessage> {
  const version = expectedVersion();
  const current = await visibleMessage(caller, id);
  assertCanEdit(caller, current, 'message');
  assertVersion(current, version, 'message');
  const next = await sanitized(reviseMessage(current, input, now), 'email');
  assertNameFree(next);
  await explainInUse(caller, () => replaceMessage(next, current), 'change the channel of');
  return next;
}

export async function removeMessage(caller: Caller, id: string | undefined): Promise<void> {
  const current = await visibleMessage(caller, id);
  assertCanEdit(caller, current, 'message');
  await explainInUse(caller, () => deleteMessage(current), 'delete');
}

/** The tones a generated step can take, each with a sample. */
export async function toneSamples() {
  const { TONE_CATALOGUE, sampleFor } = await rendering();
  return TONE_CATALOGUE.map((info) => ({ ...info, sample: sampleFor(info.tone) }));
}

export interface MessagePreviewRequest {
  /** A message as the editor holds it; else the stored `messageId`. */
  message?: MessageInput;
  messageId?: string;
  lead?: PreviewLeadInput;
  /** The language to write in (BCP 47, canonical); else the lead's, else the org's defaultLanguage. */
  language?: string;
}

/**
 * What a message would send, for the lead given (else the sample lead) and the org's profile, in the
 * language asked for as the step preview takes it (engine/step-preview.ts).
 */
export async function previewMessage(caller: Caller, request: MessagePreviewRequest, now: Date) {
  const { renderWhatsAppTemplate, personalizeHtml, personalizeText, htmlToPlainText } = await rendering();
  const message = request.message
    ? await sanitized(newMessage(request.message, caller, 'preview', now), 'message.email')
    : await visibleMessage(caller, request.messageId);
  const settings = await getOrgSettings(caller.orgId);
  const lead = previewLead(request.lead);
  const language = previewLanguage(request.language, request.lead, settings.defaultLanguage);
  const context = { lead, org: previewOrg(settings), assistant: previewAssistant(undefined) };
  if (message.whatsapp)
    return { channel: 'whatsapp' as const, ...renderWhatsAppTemplate(message.whatsapp, context, language) };
  const email = emailInLanguage(message.email ?? { subject: '', html: '' }, language);
  // The e-mail sending it is written in its body's language (render-email.ts, emailLanguage).
  const written = writtenLanguage(bodyLanguage(message.email, language, settings.defaultLanguage)).language;
  const html = personalizeHtml(email.html, context);
  return {
    channel: 'email' as const,
    subject: personalizeText(email.subject, context),
    html,
    text: htmlToPlainText(html),
    language: email.translation ?? written,
    warnings: messageLanguageWarnings(language, written),
  };
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
 * Each translation is held to the same, at its own path (`email.translations.de.body`).
 */
async function sanitized(message: CustomMessage, emailPath: string): Promise<CustomMessage> {
  if (!message.email) return message;
  const { sanitizeEmailHtml, htmlToPlainText } = await rendering();
  const issues: FieldIssue[] = [];
  const safe = (html: string, path: string): string => {
    const clean = sanitizeEmailHtml(html);
    if (!saysSomething(clean, htmlToPlainText)) issues.push({ path, message: NOTHING_LEFT });
    return clean;
  };
  const { translations, ...own } = message.email;
  const email: EmailContent = { ...own, html: safe(own.html, `${emailPath}.html`) };
  if (translations !== undefined) {
    email.translations = Object.fromEntries(
      Object.entries(translations).map(([tag, translation]) => [
        tag,
        { ...translation, body: safe(translation.body, `${emailPath}.translations.${tag}.body`) },
      ]),
    );
  }
  if (issues.length === 0 && Buffer.byteLength(JSON.stringify(email)) > MAX_EMAIL_CONTENT_BYTES) {
    issues.push({
      path: `${emailPath}.translations`,
      message: `The message with its translations is larger than ${MAX_EMAIL_CONTENT_BYTES / 1024} KB`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { ...message, email };
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
