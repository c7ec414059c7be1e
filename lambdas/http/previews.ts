/**
 * The schemas of what previews take and answer, built when an operation's schemas first need them
 * (the profiles they render for are in core/rendering/preview-profiles.ts).
 */
import * as z from 'zod/mini';
import { isValidTimeZone } from '../core/business-hours';
import { LanguageSchema } from '../core/languages';
import { lazy } from '../core/lazy';
import { LeadDetailsSchema } from '../core/leads';
import { PREVIEW_SAMPLES } from '../core/rendering/preview-profiles';
import { displayName } from '../core/text';
import { warningsSchema } from './warning-views';

export const previewLeadSchema = lazy(() =>
  z.extend(z.partial(LeadDetailsSchema()), {
    firstName: displayName(100),
    // Only a reply's referral sets a stored lead's referrer; a preview may pretend one, to show
    // {{referrer.firstName}} and the opening of a referred lead's first e-mail.
    referrer: z
      .optional(z.object({ firstName: displayName(100), lastName: z.optional(displayName(100)) }))
      .check(
        z.describe(
          'Preview as a lead someone referred: fills {{referrer.firstName}} and {{referrer.lastName}}, and a generated first e-mail opens by naming them. The sample lead has none',
        ),
      ),
  }),
);

export const previewAssistantSchema = lazy(() =>
  z.object({
    name: displayName(100),
    email: z.email(),
    signatureHtml: z._default(z.string().check(z.maxLength(20_000)), ''),
    timezone: z._default(z.string().check(z.refine(isValidTimeZone, 'Not an IANA time zone')), 'UTC'),
    includeFirstEmail: z._default(z.boolean(), true),
  }),
);

/** `?language=` of both previews, a message's and a step's. */
export const previewLanguageQuery = () =>
  z
    .optional(LanguageSchema())
    .check(
      z.describe(
        "The language to write in (BCP 47, e.g. de or fr-CA); default the lead's (stored or described), else the org's defaultLanguage. One without a bank is written around in English (footer, quote line; a step's generated text too), with the warning language_fallback",
      ),
    );

const emailPreviewSchema = lazy(() =>
  z
    .object({
      channel: z.literal('email'),
      subject: z.string(),
      html: z.string(),
      text: z.string().check(z.describe('The plain-text alternative')),
      language: z
        .string()
        .check(
          z.describe(
            'The language the text is written in: a custom message’s translation (its tag) when one was picked, else the bank’s the e-mail is written in around it (de, en): generated text’s, or the message’s own text’s (the org’s defaultLanguage); en when that has no bank. Footer and quote line are in this bank’s language',
          ),
        ),
      warnings: warningsSchema('language_fallback when the language asked for has no bank'),
    })
    .register(z.globalRegistry, { id: 'EmailPreview' }),
);

const whatsAppPreviewSchema = lazy(() =>
  z
    .object({
      channel: z.literal('whatsapp'),
      templateName: z.string(),
      languageCode: z.string(),
      parameters: z
        .record(z.string(), z.string())
        .check(
          z.describe('Position (as a string key) to value, as Sinch’s WhatsApp channel template expects'),
        ),
    })
    .register(z.globalRegistry, { id: 'WhatsAppPreview' }),
);

export const messagePreviewSchema = lazy(() =>
  z
    .discriminatedUnion('channel', [emailPreviewSchema(), whatsAppPreviewSchema()])
    .register(z.globalRegistry, { id: 'MessagePreview' }),
);

const samplesSchema = () =>
  z
    .array(z.enum(PREVIEW_SAMPLES))
    .check(
      z.describe(
        'Which parts are samples, not yours: lead (no lead given), assistant (none given nor stored), org (the org has set neither name nor offering: "Contoso"), offering (a sample offering: set yours with PUT /org/settings)',
      ),
    );

export const stepPreviewSchema = lazy(() =>
  z
    .discriminatedUnion('channel', [
      z
        .extend(emailPreviewSchema(), {
          samples: samplesSchema(),
          from: z.string(),
          to: z.string(),
          cc: z.array(z.string()),
          headers: z
            .array(z.object({ name: z.string(), value: z.string() }))
            .check(z.describe('Threading and unsubscribe headers, as sent')),
        })
        .register(z.globalRegistry, { id: 'EmailStepPreview' }),
      z
        .extend(whatsAppPreviewSchema(), {
          samples: samplesSchema(),
          to: z.string().check(z.describe('The lead’s number in E.164')),
        })
        .register(z.globalRegistry, { id: 'WhatsAppStepPreview' }),
    ])
    .register(z.globalRegistry, { id: 'StepPreview' }),
);
