/** The assistants API's operations (lambdas/assistants-api.ts). */
import * as z from 'zod/mini';
import { AssistantInputSchema } from '../../core/assistants';
import { assistantViewSchema } from '../assistant-views';
import { resumedSendingSchema } from '../sending-views';
import { catalogueQuery, declareOperations, pageOf } from './operation';

export const assistantsOperations = declareOperations('assistants', {
  listAssistants: {
    method: 'GET',
    path: '/assistants',
    summary:
      'A page of the org’s assistants by name; pass nextCursor back as cursor for the next (else 400 invalid_cursor)',
    status: 200,
    errors: ['invalid_cursor'],
    schemas: () => ({
      query: catalogueQuery('the assistants'),
      response: pageOf(assistantViewSchema()),
    }),
  },
  getAssistant: {
    method: 'GET',
    path: '/assistants/{id}',
    summary: 'Get an assistant',
    status: 200,
    versioned: true,
    schemas: () => ({
      response: assistantViewSchema(),
    }),
  },
  createAssistant: {
    method: 'POST',
    path: '/assistants',
    summary: 'Create an assistant (admins)',
    status: 201,
    audit: { action: 'assistant.create', target: 'assistant' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: AssistantInputSchema(),
      response: assistantViewSchema(),
    }),
  },
  replaceAssistant: {
    method: 'PUT',
    path: '/assistants/{id}',
    summary: 'Replace an assistant (admins); needs If-Match',
    status: 200,
    audit: { action: 'assistant.update', target: 'assistant' },
    versioned: true,
    errors: ['conflict'],
    schemas: () => ({
      body: AssistantInputSchema(),
      response: assistantViewSchema(),
    }),
  },
  verifyAssistantReceiving: {
    method: 'POST',
    path: '/assistants/{id}/verify-receiving',
    summary:
      'Mail a signed probe to the assistant’s own address (admins); it becomes verified when the probe comes back through its forwarding alias. 409 for an assistant at the inbound domain; 429 (with Retry-After) within 10 minutes of the last probe, or when the assistant’s daily send limit, which a probe counts against, is spent',
    status: 200,
    errors: ['conflict', 'too_many_requests'],
    schemas: () => ({
      response: z.object({ sentTo: z.string(), forwardTo: z.string() }),
    }),
  },
  resumeAssistantSending: {
    method: 'POST',
    path: '/assistants/{id}/resume-sending',
    summary:
      'Resume an assistant’s sending paused by its bounce or complaint rate (admins); its rates start over, and the steps its pause deferred are re-planned from now. 200 even while the org’s own pause holds the assistant: the answer then says canSendNow false, heldBy ["org"] and resume ["POST /org/resume-sending"]',
    status: 200,
    audit: { action: 'assistant.resume_sending', target: 'assistant' },
    schemas: () => ({
      response: resumedSendingSchema(),
    }),
  },
  deleteAssistant: {
    method: 'DELETE',
    path: '/assistants/{id}',
    summary: 'Delete an assistant (admins)',
    status: 204,
    audit: { action: 'assistant.delete', target: 'assistant' },
  },
});
