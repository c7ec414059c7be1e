/**
 * What the API shows of an assistant: its settings, how it receives (directly or through a forwarding
 * alias) and the warnings that go with it; with the schema of that view.
 */
import * as z from 'zod/mini';
import { type Assistant, AssistantInputSchema, receivingOf, receivingWarnings } from '../core/assistants';
import { lazy } from '../core/lazy';
import { sendingViewSchema } from './sending-views';
import { warningsSchema } from './warning-views';

export function assistantView(assistant: Assistant, inboundDomain: string) {
  const { orgId: _orgId, receivingVerified: _verified, ...shown } = assistant;
  const receiving = receivingOf(assistant, inboundDomain);
  // Assistants stored before the setting existed follow the lead's country, as new ones do by default.
  const holidayCalendar = assistant.holidayCalendar ?? 'lead-country';
  return { ...shown, holidayCalendar, receiving, warnings: receivingWarnings(assistant, receiving) };
}

export const assistantViewSchema = lazy(() =>
  z
    .object({
      id: z.string(),
      ...AssistantInputSchema().shape,
      version: z.number().check(z.int()),
      createdAt: z.iso.datetime(),
      updatedAt: z.iso.datetime(),
      receiving: z
        .discriminatedUnion('mode', [
          z.object({ mode: z.literal('direct') }),
          z.object({
            mode: z.literal('forwarding'),
            forwardTo: z
              .email()
              .check(z.describe('Set a forwarding rule from the assistant’s mailbox to this address')),
            status: z.enum(['unverified', 'verified']),
            verifiedAt: z.optional(z.iso.datetime()),
          }),
        ])
        .check(
          z.describe(
            'direct: the address is at the inbound domain; forwarding: replies arrive only once forwarded to forwardTo (verify with POST /assistants/{id}/verify-receiving)',
          ),
        ),
      warnings: warningsSchema(),
      sending: z
        .optional(sendingViewSchema())
        .check(z.describe('The assistant’s sending state; on GET /assistants/{id}')),
    })
    .register(z.globalRegistry, { id: 'Assistant' }),
);
