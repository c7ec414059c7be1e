/** The public API's operations (lambdas/public-api.ts): no JWT; each proves itself with a signature. */
import * as z from 'zod/mini';
import { declareOperations } from './operation';

/**
 * The language the e-mail that carried the link was written in: its page answers in it (where its
 * words are written), else in the lead's. Never refused: a link is followed by a person, not a client,
 * and a tag that is no language just leaves the page in the lead's.
 */
const linkQuery = () =>
  z.object({
    language: z
      .optional(z.string())
      .check(
        z.describe(
          'The language of the e-mail the link came in (set by the sender): the page is in it, else in the lead’s; an unknown tag is ignored',
        ),
      ),
  });

export const publicOperations = declareOperations('public', {
  unsubscribePage: {
    method: 'GET',
    path: '/unsubscribe/{token}',
    summary:
      'The page an unsubscribe link opens: a confirmation button (no change until it is pressed); a link that does not verify answers 400 with a page saying so',
    status: 200,
    public: true,
    errors: ['validation_failed'],
    html: true,
    schemas: () => ({ query: linkQuery() }),
  },
  unsubscribe: {
    method: 'POST',
    path: '/unsubscribe/{token}',
    summary:
      'One-click unsubscribe (RFC 8058): stops the lead, withdraws its e-mail consent (consent.email: false; WhatsApp consent stays) and suppresses the address; 400 for a forged token (a page, or the JSON error for Accept: application/json)',
    status: 200,
    public: true,
    errors: ['validation_failed'],
    html: true,
    bodyType: 'application/x-www-form-urlencoded',
    schemas: () => ({
      query: linkQuery(),
      documentedBody: z.object({
        'List-Unsubscribe': z
          .optional(z.literal('One-Click'))
          .check(
            z.describe(
              'What mail clients post for RFC 8058 one-click unsubscribe; the page’s button posts nothing',
            ),
          ),
      }),
    }),
  },
  sinchWebhook: {
    method: 'POST',
    path: '/webhooks/sinch/{orgId}',
    summary: 'Sinch Conversation API callbacks: replies stop the lead, FAILED delivery reports mark the step',
    status: 200,
    public: true,
    errors: ['unauthorized', 'validation_failed'],
    schemas: () => ({
      documentedBody: z
        .looseObject({
          app_id: z.optional(z.string()),
          message: z.optional(z.looseObject({})).check(z.describe('An inbound message (a reply)')),
          message_delivery_report: z.optional(z.looseObject({})).check(z.describe('A delivery report')),
        })
        .check(z.describe('A Sinch Conversation API callback, as Sinch posts it')),
      headers: z.object({
        'x-sinch-webhook-signature': z
          .string()
          .check(z.describe('Base64 HMAC-SHA256 of body.nonce.timestamp')),
        'x-sinch-webhook-signature-nonce': z.string(),
        'x-sinch-webhook-signature-timestamp': z
          .string()
          .check(z.describe('Unix seconds; old callbacks are refused')),
      }),
      response: z.object({
        handled: z
          .string()
          .check(z.describe('What the callback did, e.g. reply, delivery_failed or ignored')),
        leads: z.optional(z.number().check(z.int())),
      }),
    }),
  },
});
