/** The profiles previews render for: the caller's lead and assistant, or documented samples. */
import type { Assistant } from '../core/assistants';
import type { LeadDetails } from '../core/leads';
import type { OrgSettings } from '../core/org-settings';
import {
  type AssistantProfile,
  type LeadProfile,
  type OrgProfile,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from '../core/rendering/profiles';

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
