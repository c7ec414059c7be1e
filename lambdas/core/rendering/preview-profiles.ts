/**
 * The profiles previews render for: the caller's lead, assistant and org, or documented samples where
 * the caller gave or set none; and which parts of a preview are samples. The API's preview schemas
 * are in http/previews.ts.
 */
import type { Assistant } from '../assistants';
import type { LeadDetails } from '../leads';
import type { OrgSettings } from '../org-settings';
import {
  type AssistantProfile,
  type LeadProfile,
  type OrgProfile,
  type Referrer,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from './profiles';

/**
 * The parts of a preview that are documented samples rather than the caller's own: a UI says so rather
 * than let "Maya Chen" or "Contoso" pass for real data.
 */
export const PREVIEW_SAMPLES = ['lead', 'assistant', 'org', 'offering'] as const;
export type PreviewSample = (typeof PREVIEW_SAMPLES)[number];

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

/**
 * The lead a preview's body describes. It may name a referrer, as a reply's referral would; the sample
 * lead has none (a preview with `?leadId=` of a referred lead shows that lead's own).
 */
export type PreviewLeadInput = Partial<LeadDetails> & { referrer?: Referrer };

export function previewLead(lead: PreviewLeadInput | undefined): LeadProfile {
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
