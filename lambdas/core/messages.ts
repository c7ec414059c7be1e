/**
 * Custom messages: named, reusable e-mails (subject + HTML) and WhatsApp templates (approved in the
 * Sinch dashboard; positional variables mapped to placeholders or literal text).
 */
import * as z from 'zod/mini';
import { canonicalLanguage } from './languages';
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

const subjectSchema = () => displayName(200).check(z.superRefine(placeholdersKnown));

const htmlSchema = () =>
  z.string().check(
    z.minLength(1),
    z.refine((html) => Buffer.byteLength(html) <= MAX_HTML_BYTES, 'HTML is larger than 100 KB'),
    z.superRefine(placeholdersKnown),
    z.describe(PLACEHOLDERS_DESCRIPTION),
  );

export const MAX_TRANSLATIONS = 50;

/**
 * Keys are BCP 47 tags, stored canonical (`DE` as `de`, `fr-ca` as `fr-CA`); a tag that is not one, or
 * two that are the same language once canonical, is refused at its own key.
 */
const translationsSchema = <T extends z.ZodMiniType>(translation: T) =>
  z.pipe(
    z.record(z.string().check(z.describe('A BCP 47 language tag, e.g. de or fr-CA')), translation).check(
      z.superRefine((translations, ctx) => {
        const seen = new Map<string, string>();
        const tags = Object.keys(translations);
        if (tags.length > MAX_TRANSLATIONS) {
          ctx.addIssue({ code: 'custom', message: `At most ${MAX_TRANSLATIONS} translations` });
        }
        for (const tag of tags) {
          const canonical = canonicalLanguage(tag.trim());
          if (canonical === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [tag],
              message: `${tag} is not a BCP 47 language tag of a known language, e.g. de or fr-CA`,
            });
            continue;
          }
          const earlier = seen.get(canonical);
          if (earlier !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [tag],
              message: `${tag} is the same language as ${earlier} (${canonical})`,
            });
          }
          seen.set(canonical, tag);
        }
      }),
    ),
    z.transform((translations) =>
      Object.fromEntries(
        Object.entries(translations).map(([tag, text]) => [canonicalLanguage(tag.trim()) ?? tag, text]),
      ),
    ),
  );

export const EmailTranslationSchema = lazy(() =>
  z
    .object({
      subject: z
        .optional(subjectSchema())
        .check(z.describe('Absent: the message’s own subject. Replaced on follow-up steps like it')),
      body: htmlSchema().check(z.describe('The translated HTML body, written like `html`')),
    })
    .register(z.globalRegistry, { id: 'EmailTranslation' }),
);

export const EmailContentSchema = lazy(() =>
  z.object({
    subject: subjectSchema().check(
      z.describe(
        'Sent when this message opens the lead’s thread; on a follow-up step the e-mail replies in the thread as "Re: <the opening subject>" (the sequence warns custom_subject_replaced)',
      ),
    ),
    html: htmlSchema(),
    translations: z
      .optional(translationsSchema(EmailTranslationSchema()))
      .check(
        z.describe(
          'The message in other languages, keyed by BCP 47 tag (de, fr-CA): a lead gets the translation in its language (the same tag, else the same language: fr for fr-CA, fr-CA for fr), else subject and html. A translation is `{subject?, body}`, body being HTML like `html`, checked and sanitized like it',
        ),
      ),
  }),
);

/** The languages WhatsApp approves templates in: at most some 70. */
const MAX_TEMPLATE_LANGUAGES = 80;

/** As WhatsApp spells it (`en`, `en_US`, `pt_BR`), and a language BCP 47 knows, so a lead's can match it. */
const whatsAppLanguageCode = () =>
  z.string().check(
    z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'A WhatsApp language code such as en or en_US'),
    z.refine(
      (code) => canonicalLanguage(code.replace('_', '-')) !== undefined,
      'Not a language WhatsApp approves templates in (en, de, fr, pt_BR, ...)',
    ),
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
    languageCode: whatsAppLanguageCode().check(
      z.describe('The language sent to a lead none of otherLanguageCodes is closer to'),
    ),
    otherLanguageCodes: z
      .optional(
        z.array(whatsAppLanguageCode()).check(
          z.maxLength(MAX_TEMPLATE_LANGUAGES),
          z.superRefine((codes, ctx) => {
            codes.forEach((code, index) => {
              if (codes.indexOf(code) !== index) {
                ctx.addIssue({ code: 'custom', path: [index], message: `${code} repeats` });
              }
            });
          }),
        ),
      )
      .check(
        z.describe(
          'Other languages the same template is approved in (WhatsApp approves one template name in several languages): a lead gets the one of its language (the same tag, else the same language: fr for fr_CA), else languageCode. The parameters are the same in every language',
        ),
      ),
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
