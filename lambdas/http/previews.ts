/**
 * The profiles previews render for: the caller's lead and assistant, or documented samples; with the
 * schemas of what previews take and answer, built when an operation's schemas first need them.
 */
import * as z from 'zod/mini';
import type { Assistant } from '../core/assistants';
import { isValidTimeZone } from '../core/business-hours';
import { lazy } from '../core/lazy';
import { type LeadDetails, LeadDetailsSchema } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import {
  type AssistantProfile,
  type LeadProfile,
  type OrgProfile,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from '../core/rendering/profiles';
import { displayName } from '../core/text';

export const previewLeadSchema = lazy(() =>
  z.extend(z.partial(LeadDetailsSchema()), {
    firstName: displayName(100),
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

const emailPreviewSchema = lazy(() =>
  z
    .object({
      channel: z.literal('email'),
      subject: z.string(),
      html: z.string(),
      text: z.string().check(z.describe('The plain-text alternative')),
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

/**
 * The parts of a preview that are documented samples rather than the caller's own: a UI says so rather
 * than let "Maya Chen" or "Contoso" pass for real data.
 */
export const PREVIEW_SAMPLES = ['lead', 'assistant', 'org', 'offering'] as const;
export type PreviewSample = (typeof PREVIEW_SAMPLES)[number];

const samplesSchema = () =>
  z
    .array(z.enum(PREVIEW_SAMPLES))
    .check(
      z.describe(
        'Which parts are samples, not yours: lead (no lead given), assistant (none given nor stored), org (the org has set neither name nor offering: "Contoso"), offering (a sample offering: set yours with PUT /org/settings)',
      ),
    );

/** Which parts of a preview rendered from `previewLead`/`previewAssistant`/`previewOrg` are samples. */
export function previewSamples(parts: {
  lead: LeadProfile;
  assistant: AssistantProfile;
  org: OrgProfile;
}): PreviewSample[] {
  const samples: PreviewSample[] = [];
  if (parts.lead === SAMPLE_LEAD) samples.push('lead');
  if (parts.assistant === SAMPLE_ASSISTANT) samples.push('assistant');
  if (parts.org === SAMPLE_ORG) samples.push('org');
  if (parts.org.offering !== undefined && parts.org.offering === SAMPLE_ORG.offering)
    samples.push('offering');
  return samples;
}

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

export function previewLead(lead: Partial<LeadDetails> | undefined): LeadProfile {
  if (!lead) return SAMPLE_LEAD;
  const { customFields, ...details } = lead;
  return {
    ...details,
    id: 'preview-lead',
    firstName: details.firstName ?? SAMPLE_LEAD.firstName,
    customFields: customFields ?? {},
  };
}

export function previewAssistant(
  assistant: Partial<AssistantProfile> | Assistant | undefined,
): AssistantProfile {
  if (!assistant) return SAMPLE_ASSISTANT;
  return { ...SAMPLE_ASSISTANT, ...assistant };
}

/**
 * The org's own name, website and offering once it has set a name or an offering; the sample org's
 * until then. An org without an offering previews the first e-mails it would really send.
 */
export function previewOrg({ name, website, offering }: OrgSettings): OrgProfile {
  if (!name && !offering) return SAMPLE_ORG;
  return { name, website, ...(offering && { offering }) };
}
