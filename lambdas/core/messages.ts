/**
 * Custom messages: named, reusable e-mails (subject + HTML) and WhatsApp templates (approved in the
 * Sinch dashboard; positional variables mapped to placeholders or literal text).
 */
import * as z from 'zod/mini';
import { lazy } from './lazy';
import { newOwnedItem } from './permissions';
import { PLACEHOLDERS_DESCRIPTION, unknownPlaceholderMessage, unknownPlaceholders } from './placeholders';
import { CHANNELS, type Channel } from './sequences';
import { displayName, uniqueName } from './text';

const MAX_HTML_BYTES = 100 * 1024;

/** Adds one issue per placeholder that no field can fill, at the string's own path. */
const placeholdersKnown = (text: string, ctx: z.core.$RefinementCtx) => {
  for (const raw of unknownPlaceholders(text)) {
    ctx.addIssue({ code: 'custom', message: unknownPlaceholderMessage(raw) });
  }
};

export const EmailContentSchema = lazy(() =>
  z.object({
    subject: displayName(200).check(
      z.superRefine(placeholdersKnown),
      z.describe(
        'Sent when this message opens the lead’s thread; on a follow-up step the e-mail replies in the thread as "Re: <the opening subject>" (the sequence warns custom_subject_replaced)',
      ),
    ),
    html: z.string().check(
      z.minLength(1),
      z.refine((html) => Buffer.byteLength(html) <= MAX_HTML_BYTES, 'HTML is larger than 100 KB'),
      z.superRefine(placeholdersKnown),
      z.describe(PLACEHOLDERS_DESCRIPTION),
    ),
  }),
);

export const WhatsAppContentSchema = lazy(() =>
  z.object({
    templateName: z
      .string()
      .check(
        z.regex(
          /^[a-z0-9_]{1,512}$/,
          'Template names are lower-case letters, digits and underscores, as in Sinch',
        ),
      ),
    languageCode: z
      .string()
      .check(z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'A WhatsApp language code such as en or en_US')),
    parameters: z.pipe(
      z
        .array(
          z.object({
            position: z.number().check(z.int(), z.minimum(1)),
            value: z
              .string()
              .check(
                z.minLength(1),
                z.maxLength(1024),
                z.superRefine(placeholdersKnown),
                z.describe(`Literal text or placeholders. ${PLACEHOLDERS_DESCRIPTION}`),
              ),
          }),
        )
        .check(
          z.maxLength(100),
          z.superRefine((parameters, ctx) => {
            const positions = parameters.map((p) => p.position).sort((a, b) => a - b);
            positions.forEach((position, index) => {
              if (position !== index + 1) {
                ctx.addIssue({
                  code: 'custom',
                  message: `Template positions must run 1..${parameters.length} without gaps or repeats`,
                });
              }
            });
          }),
        ),
      z.transform((parameters) => parameters.toSorted((a, b) => a.position - b.position)),
    ),
  }),
);

export const MessageInputSchema = lazy(() =>
  z
    .object({
      name: uniqueName(100),
      channel: z.enum(CHANNELS),
      email: z.optional(EmailContentSchema()),
      whatsapp: z.optional(WhatsAppContentSchema()),
    })
    .check(
      z.superRefine((message, ctx) => {
        const other: Channel = message.channel === 'email' ? 'whatsapp' : 'email';
        if (message[message.channel] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [message.channel],
            message: `A ${message.channel} message needs ${message.channel} content`,
          });
        }
        if (message[other] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [other],
            message: `A ${message.channel} message has no ${other} content`,
          });
        }
      }),
    ),
);

export type MessageInput = z.output<ReturnType<typeof MessageInputSchema>>;
export type EmailContent = z.output<ReturnType<typeof EmailContentSchema>>;
export type WhatsAppContent = z.output<ReturnType<typeof WhatsAppContentSchema>>;

export const MessageCloneSchema = lazy(() => z.object({ name: uniqueName(100) }));

export interface CustomMessage {
  id: string;
  orgId: string;
  name: string;
  channel: Channel;
  system: boolean;
  ownerId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  email?: EmailContent;
  whatsapp?: WhatsAppContent;
}

export function newMessage(
  input: MessageInput,
  owner: { orgId: string; userId: string },
  id: string,
  now: Date,
): CustomMessage {
  return { ...newOwnedItem(owner, id, now), ...input };
}

export function reviseMessage(current: CustomMessage, input: MessageInput, now: Date): CustomMessage {
  const { email: _email, whatsapp: _whatsapp, ...kept } = current;
  return { ...kept, ...input, version: current.version + 1, updatedAt: now.toISOString() };
}

export function cloneMessage(
  source: CustomMessage,
  name: string,
  owner: { orgId: string; userId: string },
  id: string,
  now: Date,
): CustomMessage {
  const { channel, email, whatsapp } = source;
  return newMessage({ name, channel, email, whatsapp }, owner, id, now);
}
