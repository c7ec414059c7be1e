/** The messages API's operations (lambdas/messages-api.ts): custom messages, tones and previews. */
import * as z from 'zod/mini';
import { MessageCloneSchema, MessageInputSchema } from '../../core/messages';
import { TONES } from '../../core/tones';
import { messagePreviewSchema, previewLanguageQuery, previewLeadSchema } from '../previews';
import { messageViewSchema } from '../views';
import { catalogueQuery, declareOperations, itemsOf, pageOf } from './operation';

const toneSchema = () =>
  z
    .object({
      tone: z.enum(TONES),
      label: z.string(),
      description: z.string(),
      sample: z
        .object({ tone: z.enum(TONES), subject: z.string(), html: z.string(), text: z.string() })
        .check(z.describe('The second e-mail of a sample sequence, written in this tone for a sample lead')),
    })
    .register(z.globalRegistry, { id: 'Tone' });

export const messagesOperations = declareOperations('messages', {
  listMessages: {
    method: 'GET',
    path: '/messages',
    summary:
      'A page of the custom messages visible to the caller: the system ones first, then the org’s by name; pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: catalogueQuery('the messages'),
      response: pageOf(messageViewSchema()),
    }),
  },
  getMessage: {
    method: 'GET',
    path: '/messages/{id}',
    summary: 'Get a custom message',
    status: 200,
    versioned: true,
    schemas: () => ({
      response: messageViewSchema(),
    }),
  },
  createMessage: {
    method: 'POST',
    path: '/messages',
    summary: 'Create a custom message owned by the caller',
    status: 201,
    audit: { action: 'message.create', target: 'message' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: MessageInputSchema(),
      response: messageViewSchema(),
    }),
  },
  cloneMessage: {
    method: 'POST',
    path: '/messages/{id}/clone',
    summary: 'Clone any visible message into one owned by the caller',
    status: 201,
    audit: { action: 'message.clone', target: 'message' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: MessageCloneSchema(),
      response: messageViewSchema(),
    }),
  },
  replaceMessage: {
    method: 'PUT',
    path: '/messages/{id}',
    summary: 'Replace a custom message; needs If-Match with the version read',
    status: 200,
    audit: { action: 'message.update', target: 'message' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: MessageInputSchema(),
      response: messageViewSchema(),
    }),
  },
  deleteMessage: {
    method: 'DELETE',
    path: '/messages/{id}',
    summary: 'Delete a custom message the caller owns; refused while a sequence uses it',
    status: 204,
    audit: { action: 'message.delete', target: 'message' },
    errors: ['conflict'],
  },
  listTones: {
    method: 'GET',
    path: '/tones',
    summary:
      'The tones generated follow-ups can take, each with a sample for a sample lead: a fixed list of seven, answered whole (no limit or cursor)',
    status: 200,
    schemas: () => ({
      response: itemsOf(toneSchema()),
    }),
  },
  previewMessage: {
    method: 'POST',
    path: '/messages/preview',
    summary:
      'Render a stored or unsaved custom message for a lead (a sample lead by default), in the translation ?language= (else the lead’s language) picks',
    status: 200,
    errors: ['not_found', 'unprocessable'],
    schemas: () => ({
      query: z.object({ language: previewLanguageQuery() }),
      body: z
        .object({
          messageId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
          message: z.optional(MessageInputSchema()),
          lead: z.optional(previewLeadSchema()),
        })
        .check(
          z.refine((body) => (body.messageId === undefined) !== (body.message === undefined), {
            message: 'Give messageId or message, one of them',
            path: ['messageId'],
          }),
        ),
      response: messagePreviewSchema(),
    }),
  },
});
